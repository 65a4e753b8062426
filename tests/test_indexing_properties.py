"""Property tests for shapes, axes and indexing, against NumPy.

* broadcasting: binary ops and ``broadcast_to`` give gradients of the inputs'
  shapes, equal to the upstream gradient summed over the broadcast axes;
* axis arguments: reductions, ``concat`` and ``split`` for random valid axes
  (negative ones included);
* index expressions: random basic index tuples give NumPy's value; the
  gradient is the upstream gradient scattered into zeros, the JVP the tangent
  indexed the same way.

Then a fixed battery for the rules' leading batch axis: vectorized Jacobians
(one batched reverse sweep) must equal the row-by-row ones, for first and
second derivatives, and forward mode must agree with both.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

import tapeflow as tf

SETTINGS = settings(derandomize=True, max_examples=50, deadline=None)


def _values(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape)


def _sum_to(array, shape):
    """NumPy's reference for undoing broadcasting: sum ``array`` down to ``shape``."""
    lead = array.ndim - len(shape)
    array = array.sum(axis=tuple(range(lead))) if lead else array
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and array.shape[i] != 1)
    return array.sum(axis=axes, keepdims=True) if axes else array


def _gradients(f, *arrays, weights_seed=1):
    xs = [tf.constant(a) for a in arrays]
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = f(*xs)
    w = _values(y.shape, weights_seed)
    grads = tape.gradient(y, xs, output_gradients=tf.constant(w))
    return y, w, [None if g is None else tf.convert_to_tensor(g) for g in grads]


# --------------------------------------------------------------------------
# Broadcasting
# --------------------------------------------------------------------------
BINARY = {
    "add": (lambda a, b: a + b, lambda w, a, b: (w, w)),
    "subtract": (lambda a, b: a - b, lambda w, a, b: (w, -w)),
    "multiply": (lambda a, b: a * b, lambda w, a, b: (w * b, w * a)),
    "maximum": (tf.maximum, lambda w, a, b: (w * (a >= b), w * (a < b))),
}


@SETTINGS
@given(shapes=mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4, max_side=3),
       op=st.sampled_from(sorted(BINARY)))  # fmt: skip
def test_binary_op_gradients_have_the_input_shapes(shapes, op):
    (shape_a, shape_b), result = shapes.input_shapes, shapes.result_shape
    a, b = _values(shape_a, 2), _values(shape_b, 3)
    f, rule = BINARY[op]
    y, w, (ga, gb) = _gradients(f, a, b)
    assert y.shape == result
    assert ga.shape == shape_a and gb.shape == shape_b
    wa, wb = rule(w, *np.broadcast_arrays(a, b))
    np.testing.assert_allclose(ga.numpy(), _sum_to(wa, shape_a), atol=1e-12)
    np.testing.assert_allclose(gb.numpy(), _sum_to(wb, shape_b), atol=1e-12)


@SETTINGS
@given(shapes=mutually_broadcastable_shapes(num_shapes=1, min_dims=0, max_dims=4, max_side=3),
       extra=st.lists(st.integers(1, 3), max_size=2))  # fmt: skip
def test_broadcast_to_gradient_sums_the_broadcast_axes(shapes, extra):
    (shape,), target = shapes.input_shapes, tuple(extra) + shapes.result_shape
    x = _values(shape, 4)
    y, w, (g,) = _gradients(lambda t: tf.broadcast_to(t, target), x)
    np.testing.assert_array_equal(y.numpy(), np.broadcast_to(x, target))
    assert g.shape == shape
    np.testing.assert_allclose(g.numpy(), _sum_to(w, shape), atol=1e-12)


# --------------------------------------------------------------------------
# Axis arguments
# --------------------------------------------------------------------------
@st.composite
def shape_and_axes(draw, min_dims=1):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=min_dims, max_size=4)))
    rank = len(shape)
    axes = draw(st.lists(st.integers(0, rank - 1), unique=True, max_size=rank))
    negative = draw(st.lists(st.booleans(), min_size=len(axes), max_size=len(axes)))
    return shape, [a - rank if n else a for a, n in zip(axes, negative)]


REDUCTIONS = {"sum": (tf.reduce_sum, np.sum), "max": (tf.reduce_max, np.max),
              "mean": (tf.reduce_mean, np.mean)}  # fmt: skip


@SETTINGS
@given(case=shape_and_axes(), keepdims=st.booleans(), name=st.sampled_from(sorted(REDUCTIONS)))
def test_reductions_over_random_axes(case, keepdims, name):
    shape, axes = case
    ours, theirs = REDUCTIONS[name]
    x = _values(shape, 5)
    y, w, (g,) = _gradients(lambda t: ours(t, axis=axes, keepdims=keepdims), x)
    want = theirs(x, axis=tuple(axes), keepdims=keepdims)
    np.testing.assert_allclose(y.numpy(), want, rtol=1e-12)
    assert g.shape == shape
    kept = np.reshape(w, theirs(x, axis=tuple(axes), keepdims=True).shape)
    if name == "sum":
        np.testing.assert_allclose(g.numpy(), np.broadcast_to(kept, shape), atol=1e-12)
    elif name == "mean":
        count = x.size // max(np.size(want), 1)
        np.testing.assert_allclose(g.numpy(), np.broadcast_to(kept, shape) / count, atol=1e-12)
    else:  # random values: one maximum per reduced block, which gets all of it
        at_max = x == np.max(x, axis=tuple(axes), keepdims=True)
        np.testing.assert_allclose(g.numpy(), np.where(at_max, kept, 0.0), atol=1e-12)


@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3),
       data=st.data())  # fmt: skip
def test_concat_along_random_axis(shape, data):
    rank = len(shape)
    axis = data.draw(st.integers(-rank, rank - 1))
    sizes = data.draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
    parts = []
    for i, size in enumerate(sizes):
        part_shape = list(shape)
        part_shape[axis] = size
        parts.append(_values(part_shape, 10 + i))
    y, w, grads = _gradients(lambda *ts: tf.concat(list(ts), axis), *parts)
    np.testing.assert_array_equal(y.numpy(), np.concatenate(parts, axis=axis))
    bounds = np.cumsum([0] + sizes)
    for g, lo, hi, part in zip(grads, bounds[:-1], bounds[1:], parts):
        assert g.shape == part.shape
        np.testing.assert_array_equal(g.numpy(), np.take(w, np.arange(lo, hi), axis=axis))


@SETTINGS
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=3),
       data=st.data())  # fmt: skip
def test_split_along_random_axis(shape, data):
    rank = len(shape)
    axis = data.draw(st.integers(-rank, rank - 1))
    total = shape[axis]
    cuts = sorted(data.draw(st.lists(st.integers(0, total), max_size=3)))
    sizes = list(np.diff([0] + cuts + [total]))
    if data.draw(st.booleans()):
        sizes[data.draw(st.integers(0, len(sizes) - 1))] = -1
    used = data.draw(st.lists(st.booleans(), min_size=len(sizes), max_size=len(sizes)))
    x = _values(shape, 6)

    def f(t):
        pieces = tf.split(t, sizes, axis=axis)
        kept = [p * (i + 1.0) for i, (p, u) in enumerate(zip(pieces, used)) if u]
        return tf.concat([tf.reshape(p, [-1]) for p in kept] + [tf.zeros([0], tf.float64)], 0)

    pieces = tf.split(tf.constant(x), sizes, axis=axis)
    want = np.split(x, np.cumsum(np.diff([0] + cuts + [total]))[:-1], axis=axis)
    for got, expected in zip(pieces, want):
        np.testing.assert_array_equal(got.numpy(), expected)
    np.testing.assert_array_equal(tf.concat(pieces, axis).numpy(), x)
    y, w, (g,) = _gradients(f, x)
    if not any(used):
        assert g is None  # no piece reaches the output
        return
    expected_grad = np.zeros_like(x)
    offset, start = 0, 0
    for i, (piece, u) in enumerate(zip(want, used)):
        index = [slice(None)] * rank
        index[axis] = slice(start, start + piece.shape[axis])
        start += piece.shape[axis]
        if u:
            expected_grad[tuple(index)] = (i + 1.0) * w[offset : offset + piece.size].reshape(
                piece.shape
            )
            offset += piece.size
    np.testing.assert_allclose(g.numpy(), expected_grad, atol=1e-12)


# --------------------------------------------------------------------------
# Index expressions
# --------------------------------------------------------------------------
@st.composite
def index_item(draw, size):
    kind = draw(st.sampled_from(["int", "slice", "slice", "tensor"]))
    if kind in ("int", "tensor"):
        i = draw(st.integers(-size, size - 1))
        return tf.constant(i) if kind == "tensor" else i
    bound = st.one_of(st.none(), st.integers(-size - 2, size + 2))
    step = draw(st.sampled_from([None, 1, 2, 3, -1, -2, -3]))
    return slice(draw(bound), draw(bound), step)


@st.composite
def basic_index(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=0, max_size=3)))
    rank = len(shape)
    front = draw(st.integers(0, rank))
    use_ellipsis = draw(st.booleans())
    back = draw(st.integers(0, rank - front)) if use_ellipsis else 0
    items = [draw(index_item(shape[d])) for d in range(front)]
    if use_ellipsis:
        items.append(Ellipsis)
        items += [draw(index_item(shape[rank - back + d])) for d in range(back)]
    for _ in range(draw(st.integers(0, 2))):
        items.insert(draw(st.integers(0, len(items))), None)
    as_tuple = draw(st.booleans()) or len(items) != 1
    return shape, tuple(items) if as_tuple else items[0]


def _numpy_index(key):
    items = key if isinstance(key, tuple) else (key,)
    return tuple(int(i) if isinstance(i, tf.Tensor) else i for i in items)


@SETTINGS
@given(case=basic_index())
def test_index_value_gradient_and_jvp_match_numpy(case):
    shape, key = case
    x = _values(shape, 7)
    index = _numpy_index(key)
    y, w, (g,) = _gradients(lambda t: t[key], x)
    np.testing.assert_array_equal(y.numpy(), x[index])
    scattered = np.zeros_like(x)
    np.add.at(scattered, index, w)
    np.testing.assert_array_equal(g.numpy(), scattered)
    t = _values(shape, 8)
    source = tf.constant(x)
    with tf.autodiff.ForwardAccumulator(source, tf.constant(t)) as acc:
        out = source[key]
    np.testing.assert_array_equal(acc.jvp(out).numpy(), t[index])


@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3), data=st.data())
def test_boolean_mask_matches_numpy(shape, data):
    x = _values(shape, 9)
    depth = data.draw(st.integers(1, len(shape)))
    axis = data.draw(st.integers(0, len(shape) - depth))
    mask = np.asarray(data.draw(st.lists(st.booleans(), min_size=int(np.prod(shape[axis:axis + depth])),
                                         max_size=int(np.prod(shape[axis:axis + depth])))),
                      dtype=bool).reshape(shape[axis:axis + depth])  # fmt: skip
    index = (slice(None),) * axis + (mask,)
    y, w, (g,) = _gradients(lambda t: tf.boolean_mask(t, mask, axis=axis), x)
    np.testing.assert_array_equal(y.numpy(), x[index])
    scattered = np.zeros_like(x)
    scattered[index] = w
    np.testing.assert_array_equal(g.numpy(), scattered)


@SETTINGS
@given(shape=st.lists(st.integers(1, 4), min_size=1, max_size=3), data=st.data())
def test_gather_gradient_is_a_scatter_add(shape, data):
    rank = len(shape)
    axis = data.draw(st.integers(-rank, rank - 1))
    picks = data.draw(st.lists(st.integers(0, shape[axis] - 1), min_size=0, max_size=5))
    x = _values(shape, 11)
    indices = np.asarray(picks, dtype=np.int64)
    y, w, (g,) = _gradients(lambda t: tf.gather(t, indices, axis=axis), x)
    np.testing.assert_array_equal(y.numpy(), np.take(x, indices, axis=axis))
    scattered = np.zeros_like(x)
    np.add.at(scattered, (slice(None),) * (axis % rank) + (indices,), w)
    np.testing.assert_allclose(g.numpy(), scattered, atol=1e-12)


# --------------------------------------------------------------------------
# Leading batch axes in the rules: vectorized Jacobians, first and second order
# --------------------------------------------------------------------------
BATCHED = {
    "concat": lambda x: tf.concat([x, x[:, :1] * 2.0], 1),
    "split": lambda x: tf.split(x, [1, 3], axis=-1)[1] * tf.split(x, 2, axis=0)[0][:, :, 1:],
    "stack": lambda x: tf.stack([x, x * x], axis=1),
    "unstack": lambda x: tf.unstack(x, axis=1)[2] ** 2,
    "pad": lambda x: tf.pad(x, [[1, 0], [0, 2], [1, 1]], constant_values=3.0) ** 2,
    "pad_reflect": lambda x: tf.pad(x, [[1, 0], [0, 2], [1, 1]], mode="REFLECT") ** 2,
    "pad_symmetric": lambda x: tf.pad(x, [[2, 1], [0, 3], [1, 1]], mode="SYMMETRIC") ** 2,
    "tile": lambda x: tf.tile(x, [1, 2, 2]) ** 2,
    "reverse": lambda x: tf.reverse(x, [0, 2]) ** 2,
    "roll": lambda x: tf.roll(x, [1, -1], [1, 2]) ** 2,
    "repeat": lambda x: tf.repeat(x, [1, 0, 2], axis=1) ** 2,
    "slice": lambda x: tf.slice(x, [0, 1, 1], [-1, 2, 2]) ** 2,
    "getitem": lambda x: x[::-1, None, 1:, 2] ** 2,
    "boolean_mask": lambda x: tf.boolean_mask(x, [True, False, True], axis=1) ** 2,
    "gather": lambda x: tf.gather(x, [[2, 2], [0, 1]], axis=1) ** 2,
    "gather_batch_dims": lambda x: tf.gather(x, [[3, 0], [1, 1]], axis=2, batch_dims=1) ** 2,
    "gather_nd": lambda x: tf.gather_nd(x, [[1, 2], [0, 0], [1, 2]]) ** 2,
    "gather_nd_batch_dims": lambda x: tf.gather_nd(x, [[[1, 2]], [[0, 0]]], batch_dims=1) ** 2,
    "scatter_nd": lambda x: tf.scatter_nd([[1], [0], [1]], x[0], [3, 4]) ** 2,
    "tensor_scatter_nd_update": lambda x: (
        tf.tensor_scatter_nd_update(x, [[1, 2], [0, 0]], x[0, :2] * 3.0) ** 2
    ),  # fmt: skip
    "tensor_scatter_nd_update_repeated": lambda x: (
        tf.tensor_scatter_nd_update(x, [[1, 2], [1, 2]], x[0, :2] * 3.0) ** 2
    ),  # fmt: skip
    "tensor_scatter_nd_add": lambda x: (
        tf.tensor_scatter_nd_add(x, [[1, 2], [1, 2]], x[0, :2] * 3.0) ** 2
    ),  # fmt: skip
    "sort": lambda x: tf.sort(x, axis=1) ** 2,
    "sort_descending": lambda x: tf.sort(x, direction="DESCENDING") ** 2,
    "top_k": lambda x: tf.math.top_k(x, 2).values ** 2,
    "transpose": lambda x: tf.transpose(x, [2, 0, 1]) ** 2,
    "linspace": lambda x: tf.linspace(x[0], x[1], 3, axis=1) ** 2,
    "meshgrid": lambda x: tf.meshgrid(x[0, 0], x[1, 1])[1] ** 2,
    "fill": lambda x: tf.fill([2], x[0, 0, 0]) ** 2,
    "broadcast_to": lambda x: tf.broadcast_to(x[:, :1], [2, 3, 4]) ** 2,
}


@pytest.mark.parametrize("name", sorted(BATCHED))
def test_batched_rules_match_row_by_row(name):
    f = BATCHED[name]
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((2, 3, 4)))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    vectorized = tape.jacobian(y, x).numpy()
    np.testing.assert_allclose(vectorized, tape.jacobian(y, x, experimental_use_pfor=False).numpy())
    # Second order: the Jacobian of a gradient runs every adjoint rule with a batch axis.
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            loss = tf.reduce_sum(f(x) ** 2)
        g = inner.gradient(loss, x)
    np.testing.assert_allclose(outer.jacobian(g, x).numpy(),
                               outer.jacobian(g, x, experimental_use_pfor=False).numpy())  # fmt: skip
    t = rng.standard_normal((2, 3, 4))
    with tf.autodiff.ForwardAccumulator(x, tf.constant(t)) as acc:
        y = f(x)
    np.testing.assert_allclose(acc.jvp(y).numpy(), np.tensordot(vectorized, t, axes=3))


@SETTINGS
@given(
    rows=st.lists(st.integers(0, 6), max_size=40),
    inner=st.lists(st.integers(0, 3), max_size=2),
    seed=st.integers(0, 2**16),
)
def test_gather_gradient_scatter_is_np_add_at_bit_for_bit(rows, inner, seed):
    # add_rows assigns first occurrences and add.at's only the repeats; the sums,
    # their order and the sign of zero must be exactly add.at's.
    from tapeflow.ops.index import add_rows

    rows = np.array(rows, dtype=np.int64)
    rng = np.random.default_rng(seed)
    values = rng.standard_normal((len(rows), *inner)).astype(np.float32)
    values[rng.random(values.shape) < 0.2] = -0.0
    expected = np.zeros((7, *inner), np.float32)
    np.add.at(expected, rows, values)
    got = np.zeros((7, *inner), np.float32)
    add_rows(got, rows, values)
    assert got.tobytes() == expected.tobytes()
