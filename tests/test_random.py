"""tf.random: shapes, dtypes, seed rules, distributions, Generator, errors, gradients.

TensorFlow's numbers are not reproduced (only its rules), so there is no golden
value data; error classes and messages were checked against TensorFlow 2.21.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.random import _next_seed_generator

SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture(autouse=True)
def _no_global_seed():
    tf.random.set_seed(None)
    yield
    tf.random.set_seed(None)


def values(tensor):
    return np.asarray(tensor.numpy())


# --------------------------------------------------------------------------
# Shapes and dtypes
# --------------------------------------------------------------------------
SHAPES = [
    ([2, 3], (2, 3)),
    ((2, 3), (2, 3)),
    (tf.TensorShape([2, 3]), (2, 3)),
    (tf.constant([2, 3]), (2, 3)),
    (tf.constant([2, 3], tf.int64), (2, 3)),
    (np.array([4]), (4,)),
    ([np.int64(2), 1], (2, 1)),
    ([tf.constant(2), 3], (2, 3)),
    ([], ()),
    ((), ()),
    ([0, 3], (0, 3)),
]

STATEFUL = {
    "normal": lambda s, **k: tf.random.normal(s, **k),
    "uniform": lambda s, **k: tf.random.uniform(s, **k),
    "truncated_normal": lambda s, **k: tf.random.truncated_normal(s, **k),
    "stateless_normal": lambda s, **k: tf.random.stateless_normal(s, seed=[1, 2], **k),
    "stateless_uniform": lambda s, **k: tf.random.stateless_uniform(s, seed=[1, 2], **k),
    "stateless_truncated_normal": lambda s, **k: tf.random.stateless_truncated_normal(
        s, seed=[1, 2], **k
    ),
    "Generator.normal": lambda s, **k: tf.random.Generator.from_seed(1).normal(s, **k),
    "Generator.uniform": lambda s, **k: tf.random.Generator.from_seed(1).uniform(s, **k),
    "Generator.truncated_normal": lambda s, **k: tf.random.Generator.from_seed(1).truncated_normal(
        s, **k
    ),
}


@pytest.mark.parametrize("fn", list(STATEFUL), ids=list(STATEFUL))
@pytest.mark.parametrize("shape,expected", SHAPES, ids=[str(e) for _, e in SHAPES])
def test_shapes(fn, shape, expected):
    out = STATEFUL[fn](shape)
    assert out.shape == expected
    assert out.dtype == tf.float32
    assert isinstance(out, tf.Tensor)
    assert values(out).shape == expected


@pytest.mark.parametrize("fn", list(STATEFUL), ids=list(STATEFUL))
@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
def test_float_dtypes(fn, dtype):
    out = STATEFUL[fn]([50], dtype=dtype)
    assert out.dtype == dtype
    assert values(out).dtype == dtype.as_numpy_dtype
    assert np.all(np.isfinite(values(out)))


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64])
def test_integer_uniform(dtype):
    for out in (
        tf.random.uniform([2000], minval=-3, maxval=4, dtype=dtype),
        tf.random.stateless_uniform([2000], seed=[3, 4], minval=-3, maxval=4, dtype=dtype),
        tf.random.Generator.from_seed(2).uniform([2000], minval=-3, maxval=4, dtype=dtype),
    ):
        assert out.dtype == dtype
        assert sorted(set(values(out).tolist())) == list(range(-3, 4))
    scalar_bounds = tf.random.uniform([5], tf.constant(1, dtype), tf.constant(3, dtype), dtype)
    assert set(values(scalar_bounds).tolist()) <= {1, 2}


@pytest.mark.parametrize("dtype", [tf.int32, tf.int64, tf.uint32, tf.uint64])
def test_full_range_integers(dtype):
    a = tf.random.stateless_uniform([1000], seed=[1, 2], minval=None, maxval=None, dtype=dtype)
    b = tf.random.Generator.from_seed(1).uniform([1000], minval=None, maxval=None, dtype=dtype)
    c = tf.random.Generator.from_seed(1).uniform_full_int([1000], dtype=dtype)
    for out in (a, b, c):
        assert out.dtype == dtype
        v = values(out).astype(np.float64)
        info = np.iinfo(dtype.as_numpy_dtype)
        middle = (float(info.min) + float(info.max)) / 2
        assert v.min() < middle < v.max()  # spread over the whole range
    assert tf.random.Generator.from_seed(1).uniform_full_int([2]).dtype == tf.uint64


def test_rank0_results_are_scalars():
    for out in (
        tf.random.normal([]),
        tf.random.uniform([], maxval=5, dtype=tf.int32),
        tf.random.stateless_truncated_normal([], seed=[1, 1]),
    ):
        assert out.shape == ()
        assert isinstance(out.numpy(), np.generic)


def test_parameters_broadcast_with_shape():
    out = tf.random.normal([2, 3], mean=tf.constant([10.0, 20.0, 30.0]), stddev=0.001)
    assert out.shape == (2, 3)
    np.testing.assert_allclose(values(out), [[10, 20, 30]] * 2, atol=0.01)
    out = tf.random.uniform([4, 2], minval=[0.0, 10.0], maxval=[1.0, 11.0])
    v = values(out)
    assert out.shape == (4, 2) and np.all((v[:, 0] < 1) & (v[:, 1] >= 10))
    out = tf.random.truncated_normal([3], mean=[[0.0], [100.0]])
    assert out.shape == (2, 3)


# --------------------------------------------------------------------------
# Seed rules
# --------------------------------------------------------------------------
def _program():
    return [
        values(tf.random.normal([3])),
        values(tf.random.uniform([2], maxval=100, dtype=tf.int32)),
        values(tf.random.truncated_normal([2])),
        values(tf.random.categorical([[0.0, 0.0, 0.0]], 4)),
        values(tf.random.shuffle(tf.range(8))),
        values(tf.random.normal([3], seed=11)),
        values(tf.random.normal([3], seed=11)),
    ]


def _same(xs, ys):
    return all(np.array_equal(x, y) for x, y in zip(xs, ys))


def test_set_seed_restarts_the_sequence():
    tf.random.set_seed(1234)
    first = _program()
    tf.random.set_seed(1234)
    second = _program()
    assert _same(first, second)
    assert not np.array_equal(first[0], values(tf.random.normal([3])))
    tf.random.set_seed(4321)
    assert not _same(first, _program())


def test_global_seed_calls_give_different_numbers():
    tf.random.set_seed(5)
    a, b = tf.random.normal([4]), tf.random.normal([4])
    assert not np.array_equal(values(a), values(b))


def test_op_seed_stream():
    tf.random.set_seed(7)
    a1, a2 = values(tf.random.uniform([4], seed=3)), values(tf.random.uniform([4], seed=3))
    assert not np.array_equal(a1, a2)  # the stream continues
    tf.random.set_seed(7)
    assert np.array_equal(values(tf.random.uniform([4], seed=3)), a1)
    assert np.array_equal(values(tf.random.uniform([4], seed=3)), a2)
    tf.random.set_seed(8)  # another global seed: another stream
    assert not np.array_equal(values(tf.random.uniform([4], seed=3)), a1)
    tf.random.set_seed(7)
    assert not np.array_equal(values(tf.random.uniform([4], seed=4)), a1)


def test_op_seed_without_global_seed_is_deterministic():
    a1, a2 = values(tf.random.normal([4], seed=3)), values(tf.random.normal([4], seed=3))
    tf.random.set_seed(None)
    assert np.array_equal(values(tf.random.normal([4], seed=3)), a1)
    assert np.array_equal(values(tf.random.normal([4], seed=3)), a2)


def test_op_seeded_calls_do_not_shift_the_global_sequence():
    tf.random.set_seed(3)
    a, b = values(tf.random.normal([3])), values(tf.random.normal([3]))
    tf.random.set_seed(3)
    assert np.array_equal(values(tf.random.normal([3])), a)
    tf.random.normal([3], seed=99)
    assert np.array_equal(values(tf.random.normal([3])), b)


def test_unseeded_calls_differ():
    assert not np.array_equal(values(tf.random.normal([8])), values(tf.random.normal([8])))
    gen = _next_seed_generator()
    assert isinstance(gen, np.random.Generator)


def test_seed_argument_forms():
    tf.random.set_seed(np.int64(2))
    a = values(tf.random.normal([3], seed=tf.constant(5)))
    tf.random.set_seed(2)
    assert np.array_equal(values(tf.random.normal([3], seed=5)), a)
    tf.random.normal([1], seed=-3)
    tf.random.normal([1], seed=2**70)
    with pytest.raises(TypeError):
        tf.random.normal([1], seed="a")
    with pytest.raises(TypeError):
        tf.random.set_seed("a")


def test_next_seed_generator_follows_the_rules():
    tf.random.set_seed(4)
    a = _next_seed_generator(3).random(5)
    b = _next_seed_generator(3).random(5)
    c = _next_seed_generator().random(5)
    tf.random.set_seed(4)
    assert np.array_equal(_next_seed_generator(3).random(5), a)
    assert np.array_equal(_next_seed_generator(3).random(5), b)
    assert np.array_equal(_next_seed_generator().random(5), c)
    assert not np.array_equal(a, b)


def test_stateless_depends_only_on_seed():
    a = values(tf.random.stateless_normal([5], seed=[1, 2]))
    tf.random.set_seed(9)
    tf.random.normal([3])
    assert np.array_equal(values(tf.random.stateless_normal([5], seed=[1, 2])), a)
    assert np.array_equal(values(tf.random.stateless_normal([5], seed=tf.constant([1, 2]))), a)
    seed64 = tf.constant([1, 2], tf.int64)
    assert np.array_equal(values(tf.random.stateless_normal([5], seed=seed64)), a)
    assert not np.array_equal(values(tf.random.stateless_normal([5], seed=[2, 1])), a)
    for fn in (
        lambda: tf.random.stateless_uniform([4], seed=[5, 6]),
        lambda: tf.random.stateless_uniform([4], seed=[5, 6], maxval=9, dtype=tf.int64),
        lambda: tf.random.stateless_truncated_normal([4], seed=[5, 6]),
        lambda: tf.random.stateless_categorical([[1.0, 2.0]], 6, seed=[5, 6]),
        lambda: tf.random.stateless_poisson([4], seed=[5, 6], lam=3.0),
        lambda: tf.random.stateless_gamma([4], seed=[5, 6], alpha=2.0),
    ):
        assert np.array_equal(values(fn()), values(fn()))


def test_seed_split_and_fold_in():
    seeds = tf.random.split([1, 2], 3)
    assert seeds.shape == (3, 2) and seeds.dtype == tf.int32
    assert np.array_equal(values(seeds), values(tf.random.split([1, 2], 3)))
    assert len({tuple(row) for row in values(seeds).tolist()}) == 3
    assert tf.random.split(tf.constant([1, 2], tf.int64)).dtype == tf.int64
    folded = tf.random.fold_in([1, 2], 7)
    assert folded.shape == (2,)
    assert np.array_equal(values(folded), values(tf.random.fold_in([1, 2], 7)))
    assert not np.array_equal(values(folded), values(tf.random.fold_in([1, 2], 8)))


def test_reproducible_across_processes():
    code = (
        "import tapeflow as tf\n"
        "a = tf.random.normal([3], seed=5).numpy().tolist()\n"
        "tf.random.set_seed(12)\n"
        "b = tf.random.uniform([3]).numpy().tolist()\n"
        "g = tf.random.Generator.from_seed(4).normal([2]).numpy().tolist()\n"
        "tf.random.set_seed(None)\n"
        "c = tf.random.normal([3]).numpy().tolist()\n"
        "print(a, b, g, '|', c)\n"
    )
    env = {"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    seeded = [r.stdout.split("|") for r in runs]
    assert seeded[0][0] == seeded[1][0]
    assert seeded[0][1] != seeded[1][1]


# --------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------
N = 200_000


def test_normal_moments():
    v = values(tf.random.normal([N], mean=3.0, stddev=2.0, dtype=tf.float64, seed=1))
    assert abs(v.mean() - 3.0) < 5 * 2.0 / np.sqrt(N)
    assert abs(v.std() - 2.0) < 0.02
    v = values(tf.random.stateless_normal([N], seed=[1, 1], mean=-1.0, stddev=0.5))
    assert abs(v.mean() + 1.0) < 0.01 and abs(v.std() - 0.5) < 0.005
    v = values(tf.random.Generator.from_seed(1).normal([N]))
    assert abs(v.mean()) < 0.02 and abs(v.std() - 1.0) < 0.01


def test_uniform_range_and_moments():
    for v in (
        values(tf.random.uniform([N], minval=-2.0, maxval=3.0, seed=1)),
        values(tf.random.stateless_uniform([N], seed=[2, 2], minval=-2.0, maxval=3.0)),
        values(tf.random.Generator.from_seed(2).uniform([N], minval=-2.0, maxval=3.0)),
    ):
        assert v.min() >= -2.0 and v.max() < 3.0
        assert abs(v.mean() - 0.5) < 0.02
        assert abs(v.std() - 5 / np.sqrt(12)) < 0.01
    for dtype in (tf.float16, tf.float32, tf.float64):
        v = values(tf.random.uniform([N], dtype=dtype))
        assert v.min() >= 0 and v.max() < 1


def test_integer_uniform_frequencies():
    v = values(tf.random.uniform([N], minval=0, maxval=5, dtype=tf.int64, seed=3))
    np.testing.assert_allclose(np.bincount(v, minlength=5) / N, 0.2, atol=0.005)


TRUNCATED_STD = 0.8796256610  # standard normal truncated to [-2, 2]


@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
def test_truncated_normal_bound_and_moments(dtype):
    for out in (
        tf.random.truncated_normal([N], mean=1.0, stddev=3.0, dtype=dtype),
        tf.random.stateless_truncated_normal([N], seed=[1, 5], mean=1.0, stddev=3.0, dtype=dtype),
        tf.random.Generator.from_seed(5).truncated_normal([N], mean=1.0, stddev=3.0, dtype=dtype),
    ):
        v = values(out).astype(np.float64)
        tol = 1e-2 if dtype == tf.float16 else 1e-6
        assert np.abs(v - 1.0).max() <= 6.0 + tol
        assert abs(v.mean() - 1.0) < 0.03
        assert abs(v.std() - 3.0 * TRUNCATED_STD) < 0.03


def _softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_categorical_frequencies_match_softmax():
    logits = np.array([[0.0, 1.0, 2.0, -np.inf], [1.0, 1.0, 1.0, 1.0], [-3.0, 0.0, 4.0, 0.5]])
    for out in (
        tf.random.categorical(logits.astype(np.float32), N, seed=2),
        tf.random.stateless_categorical(logits, N, seed=[4, 4]),
    ):
        assert out.shape == (3, N) and out.dtype == tf.int64
        v = values(out)
        freq = np.stack([np.bincount(row, minlength=4) / N for row in v])
        np.testing.assert_allclose(freq, _softmax(logits), atol=0.006)
        assert not np.any(v[0] == 3)  # probability 0 is never drawn


def test_categorical_many_rows_and_edge_cases():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(2000, 3)) * 2
    out = values(tf.random.categorical(logits, 1000, seed=5))
    assert out.min() >= 0 and out.max() <= 2
    freq = np.stack([(out == k).mean(axis=1) for k in range(3)], axis=1)
    assert np.abs(freq - _softmax(logits)).mean() < 0.02  # standard error <= 0.016
    assert tf.random.categorical([[0.0, 1.0]], 3, dtype=tf.int32).dtype == tf.int32
    assert tf.random.categorical(tf.zeros([0, 3]), 2).shape == (0, 2)
    assert tf.random.categorical(tf.zeros([2, 3]), 0).shape == (2, 0)
    assert tf.random.categorical([[1.0, 2.0]], tf.constant(4)).shape == (1, 4)
    inf = float("inf")
    assert values(tf.random.categorical([[-inf, -inf]], 5)).tolist() == [[2] * 5]
    assert values(tf.random.categorical([[-inf, 0.0, -inf]], 50)).tolist() == [[1] * 50]


def test_shuffle():
    x = tf.reshape(tf.range(200), [100, 2])
    out = values(tf.random.shuffle(x, seed=1))
    assert out.shape == (100, 2)
    assert np.array_equal(out[:, 1] - out[:, 0], np.ones(100, np.int32))  # rows kept whole
    assert sorted(out[:, 0].tolist()) == list(range(0, 200, 2))
    assert not np.array_equal(out, values(x))
    assert tf.random.shuffle(3.0).shape == ()
    assert tf.random.shuffle(tf.zeros([0, 2])).shape == (0, 2)
    assert tf.random.shuffle([1.0, 2.0]).dtype == tf.float32


def test_poisson_and_gamma():
    lam = np.array([0.5, 4.0, 30.0])
    out = tf.random.poisson([N], lam, seed=1)
    assert out.shape == (N, 3) and out.dtype == tf.float32
    np.testing.assert_allclose(values(out).mean(axis=0), lam, rtol=0.02)
    assert tf.random.poisson([2], [1.0], dtype=tf.int32).dtype == tf.int32
    assert values(tf.random.poisson([3], [-1.0, 0.0])).tolist() == [[0, 0]] * 3
    alpha, beta = np.array([[0.5], [3.0]]), np.array([1.0, 2.0, 4.0])
    out = tf.random.gamma([N], alpha, beta, seed=1)
    assert out.shape == (N, 2, 3) and out.dtype == tf.float32
    np.testing.assert_allclose(values(out).mean(axis=0), alpha / beta, rtol=0.03)
    assert np.all(values(out) > 0)
    assert tf.random.gamma([2], 1.0, dtype=tf.float64).dtype == tf.float64
    assert np.all(np.isnan(values(tf.random.gamma([2], [-1.0]))))


# --------------------------------------------------------------------------
# tf.random.Generator
# --------------------------------------------------------------------------
def test_generator_reproducible():
    g1, g2 = tf.random.Generator.from_seed(42), tf.random.Generator.from_seed(42)
    a = [values(g1.normal([3])), values(g1.uniform([3])), values(g1.truncated_normal([3]))]
    tf.random.set_seed(1)  # the global seed plays no part
    b = [values(g2.normal([3])), values(g2.uniform([3])), values(g2.truncated_normal([3]))]
    assert _same(a, b)
    assert not np.array_equal(a[0], values(g1.normal([3])))  # the state advanced
    g1.reset_from_seed(42)
    assert np.array_equal(values(g1.normal([3])), a[0])
    other = tf.random.Generator.from_seed(43)
    assert not np.array_equal(values(other.normal([3])), a[0])


def test_generator_state():
    g = tf.random.Generator.from_seed(5)
    assert isinstance(g.state, tf.Variable)
    assert g.state.dtype == tf.int64 and g.state.shape == (3,)
    start = values(g.state).copy()
    g.normal([2])
    assert not np.array_equal(values(g.state), start)
    copy = tf.random.Generator.from_state(g.state, alg=None)
    same = tf.random.Generator(copy_from=g)
    drawn = values(g.normal([4]))
    assert np.array_equal(values(copy.normal([4])), drawn)
    assert np.array_equal(values(same.normal([4])), drawn)
    g.reset(start)
    assert np.array_equal(values(g.state), start)
    h = tf.random.Generator.from_seed(5)
    h.normal([2])
    h.normal([2])
    g.skip(2)
    assert np.array_equal(values(g.state), values(h.state))
    assert np.array_equal(values(g.normal([3])), values(h.normal([3])))
    assert int(tf.random.Generator.from_seed(5).key) == 5
    k = tf.random.Generator.from_key_counter(5, [0, 0])
    assert np.array_equal(values(k.state), values(tf.random.Generator.from_seed(5).state))


def test_generator_split_independence():
    g = tf.random.Generator.from_seed(1)
    children = g.split(3)
    assert len(children) == 3 and all(isinstance(c, tf.random.Generator) for c in children)
    draws = np.stack([values(c.normal([20000], dtype=tf.float64)) for c in children])
    draws = np.concatenate([draws, values(g.normal([1, 20000], dtype=tf.float64))])
    corr = np.corrcoef(draws)
    assert np.abs(corr - np.eye(4)).max() < 0.05
    fresh = tf.random.Generator.from_seed(1).split(3)
    replay = tf.random.Generator.from_seed(1).split(3)
    assert np.array_equal(values(fresh[2].uniform([5])), values(replay[2].uniform([5])))
    assert g.split(0) == []


def test_generator_make_seeds_and_nondeterministic():
    seeds = tf.random.Generator.from_seed(3).make_seeds(4)
    assert seeds.shape == (2, 4) and seeds.dtype == tf.int64
    a = tf.random.Generator.from_non_deterministic_state()
    b = tf.random.Generator.from_non_deterministic_state()
    assert not np.array_equal(values(a.normal([4])), values(b.normal([4])))
    g = tf.random.get_global_generator()
    assert tf.random.get_global_generator() is g
    mine = tf.random.Generator.from_seed(1)
    tf.random.set_global_generator(mine)
    assert tf.random.get_global_generator() is mine
    tf.random.set_global_generator(g)


# --------------------------------------------------------------------------
# Bad input: TensorFlow's exception classes and messages
# --------------------------------------------------------------------------
def _raises(cls, text, fn):
    with pytest.raises(cls) as info:
        fn()
    assert text in str(info.value), str(info.value)


InvalidArgument = tf.errors.InvalidArgumentError


@pytest.mark.parametrize(
    "fn,op",
    [
        (lambda: tf.random.normal([-1, 2]), "RandomStandardNormal"),
        (lambda: tf.random.uniform([-1, 2]), "RandomUniform"),
        (lambda: tf.random.truncated_normal([-1, 2]), "TruncatedNormal"),
        (lambda: tf.random.stateless_normal([-1], seed=[1, 2]), "StatelessRandomNormalV2"),
        (lambda: tf.random.Generator.from_seed(1).normal([-1]), "StatelessRandomNormalV2"),
    ],
)
def test_negative_shape(fn, op):
    _raises(InvalidArgument, f"Dimension -1 must be >= 0 [Op:{op}]", fn)


def test_bad_shapes():
    _raises(
        InvalidArgument,
        "shape must be a vector of {int32,int64}, got shape [] [Op:RandomStandardNormal]",
        lambda: tf.random.normal(3),
    )
    _raises(
        InvalidArgument,
        "shape must be a vector of {int32,int64}, got shape [1,1]",
        lambda: tf.random.normal(tf.constant([[2]])),
    )
    _raises(
        InvalidArgument,
        "Value for attr 'T' of float is not in the list of allowed values: int32, int64",
        lambda: tf.random.normal([2.0]),
    )
    _raises(
        ValueError,
        "Cannot convert a partially known TensorShape (None, 2) to a Tensor.",
        lambda: tf.random.uniform(tf.TensorShape([None, 2])),
    )


def test_integer_uniform_errors():
    _raises(
        ValueError,
        "Must specify maxval for integer dtype tf.int32",
        lambda: tf.random.uniform([2], dtype=tf.int32),
    )
    _raises(
        InvalidArgument,
        "Need minval < maxval, got 5 >= 5 [Op:RandomUniformInt]",
        lambda: tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32),
    )
    _raises(
        InvalidArgument,
        "Need minval < maxval, got 5 >= 3 [Op:RandomUniformInt]",
        lambda: tf.random.uniform([2], minval=5, maxval=3, dtype=tf.int64),
    )
    assert tf.random.uniform([0], minval=5, maxval=5, dtype=tf.int32).shape == (0,)
    _raises(
        InvalidArgument,
        "minval must be 0-D, got shape [3] [Op:RandomUniformInt]",
        lambda: tf.random.uniform([2, 3], minval=tf.constant([0, 1, 2]), maxval=5, dtype=tf.int32),
    )
    _raises(
        TypeError,
        "Cannot convert 0.5 to EagerTensor of dtype int32",
        lambda: tf.random.uniform([2], minval=0.5, maxval=3, dtype=tf.int32),
    )
    _raises(
        InvalidArgument,
        "Need minval < maxval, got 3 >= 3 [Op:StatelessRandomUniformIntV2]",
        lambda: tf.random.stateless_uniform([2], [1, 2], minval=3, maxval=3, dtype=tf.int32),
    )
    _raises(
        ValueError,
        "argument `minval` and `maxval` must be both None or not None. Got `minval`=0 and "
        "`maxval`=None.",
        lambda: tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.int32),
    )
    _raises(
        ValueError,
        "when argument `minval` is not None. Please don't use unsigned integers in this case.",
        lambda: tf.random.stateless_uniform([2], [1, 2], minval=1, maxval=4, dtype=tf.uint32),
    )
    _raises(
        ValueError,
        "For integer dtype <dtype: 'int32'>, minval and maxval must be both `None` or both "
        "non-`None`; got minval=0 and maxval=None",
        lambda: tf.random.Generator.from_seed(1).uniform([2], dtype=tf.int32),
    )
    _raises(
        InvalidArgument,
        "Need minval < maxval, got 3 >= 3 [Op:StatelessRandomUniformIntV2]",
        lambda: tf.random.Generator.from_seed(1).uniform([2], 3, 3, dtype=tf.int32),
    )
    # Float bounds in the wrong order are not checked (as in TensorFlow).
    v = values(tf.random.uniform([100], minval=5.0, maxval=3.0))
    assert np.all((v > 3.0) & (v <= 5.0))


def test_dtype_errors():
    _raises(
        ValueError,
        "Argument `dtype` got invalid value <dtype: 'bool'>. Accepted dtypes are (tf.float16, "
        "tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).",
        lambda: tf.random.uniform([2], dtype=tf.bool),
    )
    _raises(
        ValueError,
        "Accepted dtypes are (tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, "
        "tf.int64, tf.uint32, tf.uint64).",
        lambda: tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.bool),
    )
    _raises(
        TypeError,
        "Cannot convert 0.0 to EagerTensor of dtype int32",
        lambda: tf.random.normal([2], dtype=tf.int32),
    )
    _raises(
        TypeError,
        "Cannot convert 0.0 to EagerTensor of dtype int32",
        lambda: tf.random.truncated_normal([2], dtype=tf.int32),
    )
    _raises(
        InvalidArgument,
        "Value for attr 'dtype' of complex64 is not in the list of allowed values: half, "
        "bfloat16, float, double",
        lambda: tf.random.normal([2], dtype=tf.complex64),
    )
    _raises(
        ValueError,
        "mean: Tensor conversion requested dtype float32 for Tensor with dtype float64",
        lambda: tf.random.normal([2], mean=tf.constant(1.0, tf.float64)),
    )
    _raises(
        ValueError,
        "max: Tensor conversion requested dtype float32 for Tensor with dtype int32",
        lambda: tf.random.uniform([2], maxval=tf.constant(3)),
    )
    _raises(
        InvalidArgument,
        "Value for attr 'dtype' of int8 is not in the list of allowed values: int32, int64, "
        "uint32, uint64",
        lambda: tf.random.Generator.from_seed(1).uniform_full_int([2], dtype=tf.int8),
    )
    _raises(
        InvalidArgument,
        "Value for attr 'dtype' of bool is not in the list of allowed values: half, float, "
        "double, int32, int64",
        lambda: tf.random.poisson([2], [1.0], dtype=tf.bool),
    )
    _raises(
        InvalidArgument,
        "Incompatible shapes: [2] vs. [3] [Op:AddV2]",
        lambda: tf.random.normal([2], mean=tf.constant([1.0, 2.0, 3.0])),
    )


def test_categorical_errors():
    _raises(
        InvalidArgument,
        "logits should be a matrix, got shape [2] [Op:Multinomial]",
        lambda: tf.random.categorical([1.0, 2.0], 3),
    )
    _raises(
        InvalidArgument,
        "logits should be a matrix, got shape [1,2,3] [Op:Multinomial]",
        lambda: tf.random.categorical(tf.zeros([1, 2, 3]), 2),
    )
    _raises(
        InvalidArgument,
        "num_samples should be non-negative, got -1 [Op:Multinomial]",
        lambda: tf.random.categorical([[1.0, 2.0]], -1),
    )
    _raises(
        InvalidArgument,
        "num_classes should be positive, got 0 [Op:Multinomial]",
        lambda: tf.random.categorical(tf.zeros([2, 0]), 2),
    )
    _raises(
        tf.errors.NotFoundError,
        "Could not find device for node: {{node Multinomial}}",
        lambda: tf.random.categorical([[1, 2]], 2),
    )
    _raises(
        ValueError,
        "Argument `dtype` got invalid value <dtype: 'float32'>. Accepted dtypes are (tf.int32, "
        "tf.int64).",
        lambda: tf.random.categorical([[1.0, 2.0]], 2, dtype=tf.float32),
    )


def test_stateless_seed_errors():
    _raises(
        InvalidArgument,
        "seed must have shape [2], not [1] [Op:StatelessRandomGetKeyCounter]",
        lambda: tf.random.stateless_normal([2], seed=[1]),
    )
    _raises(
        InvalidArgument,
        "seed must have shape [2], not [3]",
        lambda: tf.random.stateless_uniform([2], seed=[1, 2, 3]),
    )
    _raises(
        InvalidArgument,
        "seed must have shape [2], not []",
        lambda: tf.random.stateless_normal([2], seed=1),
    )
    _raises(
        InvalidArgument,
        "Value for attr 'Tseed' of float is not in the list of allowed values: int32, int64",
        lambda: tf.random.stateless_normal([2], seed=[1.0, 2.0]),
    )


def test_generator_state_errors():
    _raises(
        ValueError,
        "Shapes (2,) and [3] are incompatible",
        lambda: tf.random.Generator.from_state([1, 2], alg=1),
    )
    with pytest.raises(ValueError):
        tf.random.Generator()


# --------------------------------------------------------------------------
# Gradients: location/scale parameters are differentiable
# --------------------------------------------------------------------------
def _normal_grads(sample, shape=(3, 4)):
    m, s = tf.constant(1.5), tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch([m, s])
        y = sample(shape, m, s)
        total = tf.reduce_sum(y)
    dm, ds = tape.gradient(total, [m, s])
    z = (values(y) - 1.5) / 2.0
    np.testing.assert_allclose(float(dm), np.prod(shape), rtol=1e-6)
    np.testing.assert_allclose(float(ds), z.sum(), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    "sample",
    [
        lambda shape, m, s: tf.random.normal(shape, mean=m, stddev=s),
        lambda shape, m, s: tf.random.truncated_normal(shape, mean=m, stddev=s, seed=3),
        lambda shape, m, s: tf.random.stateless_normal(shape, [1, 2], mean=m, stddev=s),
        lambda shape, m, s: tf.random.stateless_truncated_normal(shape, [1, 2], m, s),
        lambda shape, m, s: tf.random.Generator.from_seed(0).normal(shape, m, s),
    ],
    ids=["normal", "truncated_normal", "stateless_normal", "stateless_tn", "Generator.normal"],
)
def test_gradient_wrt_mean_and_stddev(sample):
    _normal_grads(sample)


def test_gradient_with_variables_and_vector_mean():
    mean = tf.Variable([0.0, 10.0, 20.0])
    stddev = tf.Variable(0.5)
    with tf.GradientTape() as tape:
        y = tf.random.normal([4, 3], mean=mean, stddev=stddev, dtype=tf.float32)
        total = tf.reduce_sum(y)
    dmean, dstd = tape.gradient(total, [mean, stddev])
    np.testing.assert_allclose(values(dmean), [4.0, 4.0, 4.0])
    z = (values(y) - values(mean)) / 0.5
    np.testing.assert_allclose(float(dstd), z.sum(), rtol=1e-4, atol=1e-4)


def test_uniform_gradient_wrt_bounds():
    low, high = tf.constant(1.0, tf.float64), tf.constant(3.0, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([low, high])
        u = tf.random.uniform([10], minval=low, maxval=high, dtype=tf.float64)
        total = tf.reduce_sum(u)
    dlow, dhigh = tape.gradient(total, [low, high])
    r = (values(u) - 1.0) / 2.0
    np.testing.assert_allclose(float(dlow), np.sum(1 - r))
    np.testing.assert_allclose(float(dhigh), np.sum(r))


def test_forward_mode_and_non_differentiable_ops():
    m = tf.constant(0.0)
    with tf.autodiff.ForwardAccumulator(m, tf.constant(1.0)) as acc:
        y = tf.random.normal([3], mean=m)
    np.testing.assert_allclose(values(acc.jvp(y)), [1.0, 1.0, 1.0])
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        shuffled = tf.random.shuffle(x)
        gamma = tf.random.gamma([2], x)
    assert tape.gradient(shuffled, x) is None
    assert tape.gradient(gamma, x) is None  # TensorFlow: implicit reparameterization
    beta = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(beta)
        g = tf.random.gamma([5], 3.0, beta)
    np.testing.assert_allclose(float(tape.gradient(g, beta)), -values(g).sum() / 2.0, rtol=1e-5)


def test_check_grads_of_stateless_samples():
    """Stateless draws are the same at every evaluation, so finite differences apply."""

    def f(mean, stddev, low, high):
        n = tf.random.stateless_normal([2, 3], [1, 2], mean, stddev, dtype=tf.float64)
        t = tf.random.stateless_truncated_normal([3], [3, 4], mean, stddev, dtype=tf.float64)
        u = tf.random.stateless_uniform([3], [5, 6], low, high, dtype=tf.float64)
        return n * n + t * u

    tf.test.check_grads(f, [np.array([0.5, -1.0, 2.0]), 1.5, 0.2, 2.0], order=2)
