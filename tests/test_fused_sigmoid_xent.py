"""The fused sigmoid cross-entropy gradient (sigmoid_xent_grad): TF's values bit
for bit (its where-based composite), tiny gradients kept at large |logits|, and
the same higher derivatives as the composite."""

from __future__ import annotations

import numpy as np

import tapeflow as tf

RNG = np.random.default_rng(11)
LOGITS = np.concatenate([RNG.normal(size=12) * 4, [30.0, -30.0, 50.0, 0.0, -0.0, 1e4, -1e4]])
LABELS = np.concatenate([RNG.uniform(size=12), [1.0, 0.0, 1.0, 1.0, 0.3, 0.7, 0.2]])


def _composite(labels, logits):
    """TF's own definition, written with where."""
    positive = logits >= tf.zeros_like(logits)
    relu = tf.where(positive, logits, tf.zeros_like(logits))
    neg_abs = tf.where(positive, -logits, logits)
    return relu - logits * labels + tf.math.log1p(tf.exp(neg_abs))


def _fused(labels, logits):
    return tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)


def _where_gradient(x, z):
    """The gradient TF computes: where(x >= 0, (1 - z) - s, s - z), s = sigmoid(-|x|)."""
    e = np.exp(np.where(x >= 0, -x, x))
    s = e / (e + 1)
    return np.where(x >= 0, (1 - z) - s, s - z)


def _gradients(loss, dtype):
    x, z = tf.constant(LOGITS.astype(dtype)), tf.constant(LABELS.astype(dtype))
    with tf.GradientTape(persistent=True) as outer:
        outer.watch([x, z])
        with tf.GradientTape() as inner:
            inner.watch([x, z])
            y = tf.reduce_sum(loss(z, x) * 1.5)
        gx, gz = inner.gradient(y, [x, z])
    return gx.numpy(), gz.numpy(), outer.jacobian(gx, x).numpy(), outer.jacobian(gx, z).numpy()


def test_first_order_is_tf_where_form_bit_for_bit():
    for dtype in (np.float16, np.float32, np.float64):
        x, z = LOGITS.astype(dtype), LABELS.astype(dtype)
        gx = _gradients(_fused, dtype)[0]
        want = (np.asarray(1.5, dtype) * _where_gradient(x, z)).astype(dtype)
        np.testing.assert_array_equal(gx, want)
    gx = _gradients(_fused, np.float32)[0]
    assert gx[12] < 0 and abs(gx[12] / 1.5 + 9.357623e-14) < 1e-18  # x = 30, z = 1: tiny


def test_special_values_match_the_where_form():
    x = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 88.0, -88.0], np.float32)
    z = np.array([0.25, 0.25, 0.5, 0.25, 0.25, 1.0, 0.0], np.float32)
    from tapeflow.ops.nn import sigmoid_xent_grad

    got = sigmoid_xent_grad.impl(np.ones_like(x), x, z)
    np.testing.assert_array_equal(got, _where_gradient(x, z))


def test_higher_derivatives_match_the_composite():
    # autodiff of the composite rounds its tiny first-order values differently
    # (and drops the one at x = 50): hence the absolute tolerance
    fused, composite = _gradients(_fused, np.float64), _gradients(_composite, np.float64)
    for a, b in zip(fused, composite):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_forward_over_reverse_matches_the_composite():
    tangent = tf.constant(RNG.normal(size=LOGITS.shape))

    def hvp(loss):
        x, z = tf.constant(LOGITS), tf.constant(LABELS)
        with tf.autodiff.ForwardAccumulator(x, tangent) as acc:
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.reduce_sum(loss(z, x))
            g = tape.gradient(y, x)
        return acc.jvp(g).numpy()

    np.testing.assert_allclose(hvp(_fused), hvp(_composite), rtol=1e-12, atol=1e-15)


def test_compiled_gradient_is_one_node_and_equals_eager():
    x, z = tf.constant(LOGITS.astype(np.float32)), tf.constant(LABELS.astype(np.float32))

    def step(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_mean(_fused(z, x))
        return tape.gradient(loss, x)

    compiled = tf.function(step)
    source = compiled.get_concrete_function(x).pretty_source()
    assert "sigmoid_xent_grad" in source and "where" not in source
    for _ in range(2):  # the trace, then the generated program
        np.testing.assert_array_equal(compiled(x).numpy(), step(x).numpy())
