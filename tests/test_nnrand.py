"""CTC decoders and errors, compute_accidental_hits, the candidate samplers, sampled
losses, fractional pooling and the stateless random leftovers against TensorFlow's
answers (tests/golden/nnrand.json, from make_nnrand_golden.py), plus the checks
TF cannot record: sampler statistics, tapeflow's own seeds, check_grads."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden.nnrand_snippets import SNIPPETS

GOLDEN = json.loads((Path(__file__).parent / "golden" / "nnrand.json").read_text())


def _same(got, want, path: str) -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), f"{path}: {got}"
        for key in want:
            _same(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got} != {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]")
    elif isinstance(want, float):
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6, err_msg=path)
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.__name__)
def test_matches_tensorflow(snippet):
    if snippet.__name__.startswith("tf_only_"):
        pytest.skip("TensorFlow's draw: replayed by a test of its own")
    _same(snippet(tf), GOLDEN[snippet.__name__], snippet.__name__)


def test_truncated_normal_gradient_on_tensorflows_sample():
    from tapeflow._tensor import wrap
    from tapeflow.ops import random as random_ops

    want = GOLDEN["tf_only_truncated_normal_gradients"]
    params = [tf.constant(np.array(p, np.float64)) for p in want["params"]]
    sample = wrap(np.array(want["sample"], np.float64))
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(params)
        with tf.GradientTape() as inner:
            inner.watch(params)
            y = random_ops.parameterized_truncated_normal(sample, *params)
            total = tf.reduce_sum(y * np.array(want["w"]))
        grads = inner.gradient(total, params)
        second = tf.add_n([tf.reduce_sum(g * np.array(v)) for g, v in zip(grads, want["u"])])
    grad2 = outer.gradient(second, params)
    _same([g.numpy().tolist() for g in grads], want["grad"], "grad")
    _same([g.numpy().tolist() for g in grad2], want["grad2"], "grad2")


def test_truncated_normal_gradient_is_the_inverse_cdf_derivative():
    # At a fixed CDF level q the sample is mean + std * ndtri(F(a) + q (F(b) - F(a))):
    # TF's implicit gradient in the bounds is its derivative; in mean and std TF holds
    # the standardized bounds fixed (1 and z). Second order: the golden test above.
    from tapeflow._tensor import wrap
    from tapeflow.ops import random as random_ops

    q = np.array([[0.3, 0.9, 0.05], [0.6, 0.5, 0.99]])
    params = [tf.constant(np.array(v)) for v in ([0.5, -0.3, 1.0], [1.0, 2.0, 0.5],
                                                 [-1.0, -4.0, 0.8], [1.5, 0.5, 3.0])]  # fmt: skip

    def by_inverse_cdf(mean, std, low, high):
        cdf = lambda x: 0.5 * tf.math.erfc(-x / np.sqrt(2.0))  # noqa: E731
        a, b = cdf((low - mean) / std), cdf((high - mean) / std)
        return mean + std * tf.math.ndtri(a + q * (b - a))

    sample = wrap(by_inverse_cdf(*params).numpy())
    weights = np.array([[1.0, -2.0, 0.5], [0.3, 1.0, 2.0]])
    grads = []
    for f in (by_inverse_cdf, lambda *p: random_ops.parameterized_truncated_normal(sample, *p)):
        with tf.GradientTape() as tape:
            tape.watch(params)
            total = tf.reduce_sum(f(*params) * weights)
        grads.append([g.numpy() for g in tape.gradient(total, params)])
    np.testing.assert_allclose(grads[1][2:], grads[0][2:], rtol=1e-6, atol=1e-9)
    z = (sample.numpy() - params[0].numpy()) / params[1].numpy()
    np.testing.assert_allclose(grads[1][0], weights.sum(axis=0))
    np.testing.assert_allclose(grads[1][1], (weights * z).sum(axis=0))


def test_truncated_normal_statistics():
    # Mean of N(0, 1) on [a, b]: (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
    from math import erfc, exp, pi, sqrt

    def expected(a, b):
        phi = lambda x: exp(-x * x / 2) / sqrt(2 * pi)  # noqa: E731
        cdf = lambda x: 0.5 * erfc(-x / sqrt(2))  # noqa: E731
        return (phi(a) - phi(b)) / (cdf(b) - cdf(a))

    bounds = [(-2.0, 2.0), (3.0, 4.0), (-10.0, -9.0), (-0.1, 0.3), (0.5, 30.0), (-30.0, 1.0)]
    low = np.array([b[0] for b in bounds])
    high = np.array([b[1] for b in bounds])
    x = tf.random.stateless_parameterized_truncated_normal(
        [40000, len(bounds)], [1, 2], means=0.0, stddevs=np.ones(6, np.float32),
        minvals=low.astype(np.float32), maxvals=high.astype(np.float32)).numpy()  # fmt: skip
    assert (x >= low).all() and (x <= high).all()
    for i, (a, b) in enumerate(bounds):
        np.testing.assert_allclose(x[:, i].mean(), expected(a, b), atol=0.02)
    y = tf.random.stateless_parameterized_truncated_normal([3], [1, 2], means=1.0, stddevs=2.0)
    assert y.numpy().tolist() == tf.random.stateless_parameterized_truncated_normal(
        [3], [1, 2], means=1.0, stddevs=2.0).numpy().tolist()  # fmt: skip


def test_binomial_statistics():
    x = tf.random.stateless_binomial([20000, 3], [4, 2], counts=[1.0, 5.0, 40.0],
                                     probs=[0.2, 0.5, 0.9]).numpy()  # fmt: skip
    np.testing.assert_allclose(x.mean(axis=0), [0.2, 2.5, 36.0], rtol=0.03)
    np.testing.assert_allclose(x.var(axis=0), [0.16, 1.25, 3.6], rtol=0.06)
    again = tf.random.stateless_binomial([20000, 3], [4, 2], counts=[1.0, 5.0, 40.0],
                                         probs=[0.2, 0.5, 0.9]).numpy()  # fmt: skip
    assert (x == again).all()


def _frequencies(sampler, draws=4000, **kw):
    t = tf.constant([[0]], tf.int64)
    s, _, _ = sampler(t, 1, draws, False, 10, seed=4, **kw)
    return np.bincount(s.numpy(), minlength=10) / draws


def test_sampler_distributions():
    k = np.arange(10.0)
    log_uniform = np.log((k + 2) / (k + 1)) / np.log(11)
    np.testing.assert_allclose(_frequencies(tf.random.uniform_candidate_sampler), 0.1, atol=0.02)
    np.testing.assert_allclose(
        _frequencies(tf.random.log_uniform_candidate_sampler), log_uniform, atol=0.02
    )
    unigrams = np.arange(1.0, 11.0)
    fixed = _frequencies(tf.random.fixed_unigram_candidate_sampler, unigrams=list(unigrams))
    np.testing.assert_allclose(fixed, unigrams / unigrams.sum(), atol=0.02)


def test_unique_sampling_and_its_expected_counts():
    t = tf.constant([[0, 9]], tf.int64)
    for seed in range(5):
        s, te, se = tf.random.log_uniform_candidate_sampler(t, 2, 6, True, 10, seed=seed)
        values = s.numpy()
        assert len(set(values.tolist())) == 6 and ((values >= 0) & (values < 10)).all()
        p = np.log((values + 2.0) / (values + 1.0)) / np.log(11)
        # 1 - (1 - p)^tries for one number of tries >= 6 shared by every entry.
        tries = np.log1p(-se.numpy().astype(np.float64)) / np.log1p(-p)
        assert tries.min() >= 6 - 1e-3 and np.ptp(tries) < 1e-2 * tries.max()
        q = np.log(np.array([2.0, 11 / 10])) / np.log(11)
        np.testing.assert_allclose(te.numpy()[0], -np.expm1(tries[0] * np.log1p(-q)), rtol=1e-4)
    tf.random.set_seed(1)
    first = tf.random.uniform_candidate_sampler(t, 2, 5, True, 10, seed=3)[0].numpy().tolist()
    tf.random.set_seed(1)
    assert (
        tf.random.uniform_candidate_sampler(t, 2, 5, True, 10, seed=3)[0].numpy().tolist() == first
    )


def test_compiled_calls_follow_their_label_values():
    x = tf.constant(np.random.default_rng(1).normal(size=(4, 2, 3)).astype(np.float32))
    f = tf.function(lambda y, x: tf.nn.ctc_loss(y, x, [2, 2], [4, 4], blank_index=1))
    for labels in ([[1, 2], [2, 0]], [[0, 0], [2, 2]]):
        y = tf.constant(labels)
        want = tf.nn.ctc_loss(y, x, [2, 2], [4, 4], blank_index=1).numpy()
        np.testing.assert_allclose(f(y, x).numpy(), want, rtol=1e-6)
    sampled = (tf.constant([1, 3], tf.int64), tf.fill([2, 1], 0.5), tf.fill([2], 0.5))
    w, b, inputs = tf.ones([4, 2]), tf.zeros([4]), tf.ones([2, 2])
    g = tf.function(lambda y: tf.nn.nce_loss(w, b, y, inputs, 2, 4, sampled_values=sampled,
                                              remove_accidental_hits=True))  # fmt: skip
    for labels in ([[1], [0]], [[3], [2]]):
        y = tf.constant(labels, tf.int64)
        want = tf.nn.nce_loss(w, b, y, inputs, 2, 4, sampled_values=sampled,
                              remove_accidental_hits=True).numpy()  # fmt: skip
        np.testing.assert_allclose(g(y).numpy(), want, rtol=1e-6)
    h = tf.function(lambda t: tf.random.uniform_candidate_sampler(t, 1, 3, True, 50)[0])
    t = tf.constant([[1]], tf.int64)
    draws = {tuple(h(t).numpy().tolist()) for _ in range(4)}
    assert len(draws) > 1  # a fresh draw on each call, as TF's stateful op gives


def _valid_sequence(marks, size, ratio, pseudo):
    marks = np.asarray(marks)
    steps = np.diff(marks)
    out = int(np.floor(np.float32(size) / np.float32(ratio)))
    assert marks[0] == 0 and marks[-1] == size and len(steps) == out
    assert set(steps.tolist()) <= {size // out, size // out + 1}, steps
    if not pseudo:  # random: exactly size - out * k windows are one longer
        assert int((steps == size // out + 1).sum()) == size - out * (size // out)


@pytest.mark.parametrize("entry", range(10))
def test_fractional_pool_on_tensorflows_sequences(entry):
    from tapeflow.nn._fractional import pool_with_sequences
    from tests.golden.nnrand_snippets import FRACTIONAL_CONFIGS

    want = GOLDEN["tf_only_fractional_pools"][entry]
    ratio, pseudo, overlapping, shape = FRACTIONAL_CONFIGS[entry // 2]
    _valid_sequence(want["rows"], shape[1], ratio[1], pseudo)  # TF's draws obey our rules
    _valid_sequence(want["cols"], shape[2], ratio[2], pseudo)
    x = tf.constant(np.array(want["x"]))
    reduce = tf.reduce_max if want["kind"] == "max" else tf.reduce_mean
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = pool_with_sequences(x, want["rows"], want["cols"], overlapping, reduce)
        total = tf.reduce_sum(y * np.array(want["w"]))
    np.testing.assert_allclose(y.numpy(), want["y"], rtol=1e-12)
    np.testing.assert_allclose(tape.gradient(total, x).numpy(), want["grad"], rtol=1e-12)
    tf_fn = tf.nn.fractional_max_pool if want["kind"] == "max" else tf.nn.fractional_avg_pool
    y2, rows, cols = tf_fn(x, ratio, pseudo_random=pseudo, overlapping=overlapping, seed=5)
    assert [y2.dtype.name, rows.dtype.name, cols.dtype.name] == want["dtypes"]
    assert y2.shape == y.shape
    _valid_sequence(rows.numpy(), shape[1], ratio[1], pseudo)
    _valid_sequence(cols.numpy(), shape[2], ratio[2], pseudo)


def test_fractional_pool_check_grads_and_seeds():
    from tapeflow.nn._fractional import pool_with_sequences
    from tapeflow.test import check_grads

    x = np.random.default_rng(3).normal(size=(1, 5, 6, 2))
    for reduce in (tf.reduce_max, tf.reduce_mean):
        check_grads(lambda v, r=reduce: pool_with_sequences(v, [0, 2, 3, 5], [0, 1, 3, 6], True, r),
                    [x], order=2, modes=("fwd", "rev"))  # fmt: skip
    a = tf.nn.fractional_max_pool(x, [1.0, 1.4, 1.4, 1.0], seed=7)[1].numpy().tolist()
    counts = set()
    for seed in range(1, 30):
        rows = tf.nn.fractional_max_pool(x, [1.0, 1.4, 1.4, 1.0], seed=seed)[1].numpy()
        counts.add(tuple(rows.tolist()))
    assert len(counts) > 1  # the long windows move with the seed
    tf.random.set_seed(3)
    b = tf.nn.fractional_max_pool(x, [1.0, 1.4, 1.4, 1.0], seed=7)[1].numpy().tolist()
    tf.random.set_seed(3)
    assert tf.nn.fractional_max_pool(x, [1.0, 1.4, 1.4, 1.0], seed=7)[1].numpy().tolist() == b
    assert len(a) == 4
