"""The exact rewrites of simplify.py: gone from the source, same bits as eager."""

import numpy as np

import tapeflow as tf

SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 1e-45, -3e38], np.float32)


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    np.testing.assert_array_equal(a, b)
    number = ~np.isnan(a)  # a NaN's sign means nothing
    np.testing.assert_array_equal(np.signbit(a[number]), np.signbit(b[number]))


def _compiled_and_eager(fn, *args):
    compiled = tf.function(fn)
    compiled(*args)  # the trace
    got = compiled(*args)  # the program
    return compiled, got, fn(*args)


def test_negation_folds_into_a_constant_and_a_subtraction():
    def f(x, y):
        c = tf.constant(np.float32(0.01))
        return (-x) * c, c * (-y), x + (-y), (-x) + y, x - (-y), (-x) * (-y)

    x = tf.constant(SPECIAL)
    y = tf.constant(SPECIAL[::-1].copy())
    compiled, got, want = _compiled_and_eager(f, x, y)
    for g, w in zip(got, want):
        _same(g, w)
    source = compiled.get_concrete_function(x, y).pretty_source()
    assert "negative" not in source
    assert source.count(" - ") == 2  # subtract, written as the operator


def test_broadcast_before_an_elementwise_op_is_numpy_s_own():
    def f(m, v):
        return m + tf.broadcast_to(v, [3, 4]), tf.broadcast_to(v, [3, 4]) * m

    m = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4) - 5.5)
    v = tf.constant(SPECIAL[:4])
    compiled, got, want = _compiled_and_eager(f, m, v)
    for g, w in zip(got, want):
        _same(g, w)
    assert "broadcast_to" not in compiled.get_concrete_function(m, v).pretty_source()


def test_a_broadcast_that_sets_the_shape_stays():
    def f(v, s):
        return tf.broadcast_to(v, [2, 3]) + s  # s alone would not make (2, 3)

    v = tf.constant(np.float32([1.0, 2.0, 3.0]))
    s = tf.constant(np.float32(0.5))
    compiled, got, want = _compiled_and_eager(f, v, s)
    _same(got, want)
    assert "broadcast_to" in compiled.get_concrete_function(v, s).pretty_source()


def test_second_order_maml_like_step_is_exact_and_outer_tapes_still_see_it():
    rng = np.random.default_rng(0)
    w = tf.Variable(rng.standard_normal((3, 4)).astype(np.float32))
    b = tf.Variable(rng.standard_normal(4).astype(np.float32))
    x = tf.constant(rng.standard_normal((5, 3)).astype(np.float32))

    def step():
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                loss = tf.reduce_mean(tf.square(tf.nn.relu(x @ w + b)))
            gw, gb = inner.gradient(loss, [w, b])
            w2, b2 = w - 0.1 * gw, b - 0.1 * gb
            meta = tf.reduce_mean(tf.square(tf.nn.relu(x @ w2 + b2) - 1.0))
        return outer.gradient(meta, [w, b])

    compiled, got, want = _compiled_and_eager(step)
    for g, e in zip(got, want):
        _same(g, e)
    source = compiled.get_concrete_function().pretty_source()
    assert "negative" not in source and "broadcast_to" not in source
    # Replayed under an outer tape (the rewritten nodes go through dispatch).
    with tf.GradientTape() as tape:
        total = tf.add_n([tf.reduce_sum(g) for g in compiled()])
    with tf.GradientTape() as tape2:
        total2 = tf.add_n([tf.reduce_sum(g) for g in step()])
    _same(total, total2)
    for g, e in zip(tape.gradient(total, [w, b]), tape2.gradient(total2, [w, b])):
        _same(g, e)


def _rng_matrix(rng, shape):
    return rng.standard_normal(shape).astype(np.float32)


def test_outer_products_are_blas_bits():
    rng = np.random.default_rng(1)
    a = _rng_matrix(rng, (256, 1))
    a[:4, 0] = [0.0, -0.0, np.inf, np.nan]
    b = _rng_matrix(rng, (128, 1))
    b[:2, 0] = [-0.0, -np.inf]

    def f(a, b):
        return tf.matmul(a, b, transpose_b=True), tf.matmul(
            tf.transpose(b), a, transpose_a=True, transpose_b=True
        )

    with np.errstate(all="ignore"):
        compiled, got, want = _compiled_and_eager(f, tf.constant(a), tf.constant(b))
    for g, w in zip(got, want):
        _same(g, w)
    source = compiled.get_concrete_function(tf.constant(a), tf.constant(b)).pretty_source()
    assert source.count("outer_product") == 2


def test_products_with_zero_constants_are_zeros_unless_the_other_is_not_finite():
    rng = np.random.default_rng(2)
    w0 = _rng_matrix(rng, (64, 64))
    zeros = tf.zeros((32, 64))

    def f(w):
        return tf.matmul(zeros, w), tf.matmul(w, zeros, transpose_b=True)

    compiled = tf.function(f)
    w = tf.constant(w0)
    compiled(w)
    assert "finite(" in compiled.get_concrete_function(w).pretty_source()
    for value in (
        w0,
        np.where(np.arange(64) == 5, np.inf, w0),
        np.full((64, 64), np.nan, np.float32),
    ):
        with np.errstate(all="ignore"):
            got, want = compiled(tf.constant(value)), f(tf.constant(value))
        for g, e in zip(got, want):
            _same(g, e)


def test_relu_like_gradients_share_one_mask():
    rng = np.random.default_rng(3)
    w = tf.Variable(_rng_matrix(rng, (4, 6)))
    x = tf.constant(_rng_matrix(rng, (8, 4)))

    def step():
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                inner.watch(x)
                h = tf.nn.relu(x @ w)
                y = tf.reduce_sum(tf.nn.leaky_relu(h @ tf.transpose(w), alpha=0.3))
            g = inner.gradient(y, x)
            loss = tf.reduce_sum(tf.square(g)) + y
        return outer.gradient(loss, w)

    compiled, got, want = _compiled_and_eager(step)
    _same(got, want)
    source = compiled.get_concrete_function().pretty_source()
    assert "mask_0" in source and "mask_1" in source
    assert "relu_grad" not in source


def test_sum_to_a_scalar_fast_path_is_the_same_reduction():
    from tapeflow.ops.shape import _sum_to_shape_impl

    rng = np.random.default_rng(4)
    for shape in [(256, 1), (7, 13, 5), (33, 1000)]:
        for dtype in (np.float16, np.float32, np.float64, np.int32):
            x = (rng.standard_normal(shape) * 100).astype(dtype)
            for view in (x, np.asfortranarray(x), x[::-1]):
                with np.errstate(all="ignore"):
                    got = _sum_to_shape_impl(view, ())
                    want = np.reshape(np.sum(view, axis=tuple(range(view.ndim)), keepdims=True), ())
                assert type(got) is type(want) and got.dtype == want.dtype
                assert got.tobytes() == want.tobytes()
