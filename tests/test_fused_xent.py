"""The fused sparse cross-entropy gradient (sparse_xent_grad) and the compiled
program's reuse of the forward's saved values: same values and higher
derivatives as the composite -log_softmax(logits)[label]."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

RNG = np.random.default_rng(7)
LOGITS = RNG.normal(size=(5, 4)).astype(np.float64) * 3
LABELS = np.array([0, 3, 1, 1, 2], np.int32)


def _fused(logits):
    return tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(LABELS, logits))


def _composite(logits):
    picked = tf.gather(tf.nn.log_softmax(logits), LABELS, batch_dims=1)
    return -tf.reduce_sum(picked)


def _hessian(loss, logits):
    x = tf.constant(logits)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = loss(x)
        g = inner.gradient(y, x)
    return g.numpy(), outer.jacobian(g, x).numpy()


def test_second_derivatives_match_the_composite():
    g_fused, h_fused = _hessian(_fused, LOGITS)
    g_comp, h_comp = _hessian(_composite, LOGITS)
    np.testing.assert_allclose(g_fused, g_comp, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h_fused, h_comp, rtol=1e-9, atol=1e-12)


def test_forward_over_reverse_matches_the_composite():
    tangent = tf.constant(RNG.normal(size=LOGITS.shape))

    def hvp(loss):
        x = tf.constant(LOGITS)
        with tf.autodiff.ForwardAccumulator(x, tangent) as acc:
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = loss(x)
            g = tape.gradient(y, x)
        return acc.jvp(g).numpy()

    np.testing.assert_allclose(hvp(_fused), hvp(_composite), rtol=1e-9, atol=1e-12)


def test_weighted_loss_gradient_in_a_function_reuses_the_forward():
    weights = tf.constant(RNG.uniform(size=5))

    def step(logits):
        with tf.GradientTape() as tape:
            tape.watch(logits)
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(LABELS, logits)
            loss = tf.reduce_sum(losses * weights)
        return loss, tape.gradient(loss, logits)

    compiled = tf.function(step)
    x = tf.constant(LOGITS)
    source = compiled.get_concrete_function(x).pretty_source()
    assert "saved_1 = sparse_softmax_cross_entropy_with_logits" in source
    assert "sparse_xent_grad" in source and "(saved_1," in source
    for _ in range(2):  # the trace, then the generated program
        loss, grad = compiled(x)
        want_loss, want_grad = step(x)
        np.testing.assert_allclose(loss.numpy(), want_loss.numpy(), rtol=1e-12)
        np.testing.assert_allclose(grad.numpy(), want_grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("bad", [-1, 4])
def test_labels_out_of_range_name_the_first_bad_label(bad):
    labels = np.array([0, bad, 2], np.int32)
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"label value of {bad} which"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels, np.zeros((3, 4), np.float32))
