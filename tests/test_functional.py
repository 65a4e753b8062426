"""tapeflow.functional: grad, value_and_grad, jvp, vjp, hessian, hvp.

Each helper is compared with an explicit tape computation and checked with
tapeflow.test.check_grads to second order in both modes (so the helpers are
themselves differentiable, by tapes and by accumulators). The docstring
examples of the new modules run here too.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _custom_gradient, _jacobian, functional
from tapeflow.functional import grad, hessian, hvp, jvp, value_and_grad, vjp
from tapeflow.test import check_grads

X = np.array([0.3, -0.7, 1.1])
V = np.array([1.0, -2.0, 0.5])
W = np.array([[0.5, -1.0], [2.0, 0.3], [-0.4, 0.8]])


def scalar_f(x):
    return tf.reduce_sum(tf.sin(x) * x * x) + x[0] * x[2]


def vector_f(x):
    return tf.tanh(tf.matmul(x[None, :], tf.constant(W)))[0] * x[1]


def two_args(x, w):
    return tf.reduce_sum(tf.matmul(x[None, :], w) ** 2)


@pytest.mark.parametrize("module", [functional, _custom_gradient, _jacobian])
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_exported_at_top_level():
    for name in ("grad", "value_and_grad", "jvp", "vjp", "hessian", "hvp"):
        assert getattr(tf, name) is getattr(functional, name)


def _tape_gradient(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return y, tape.gradient(y, x)


def test_grad_and_value_and_grad_match_tapes():
    y, g = _tape_gradient(scalar_f, X)
    np.testing.assert_allclose(grad(scalar_f)(tf.constant(X)).numpy(), g.numpy())
    value, g2 = value_and_grad(scalar_f)(X)  # NumPy arguments are converted
    assert float(value) == pytest.approx(float(y))
    np.testing.assert_allclose(g2.numpy(), g.numpy())


def test_argnums_and_has_aux():
    x, w = tf.constant(X), tf.constant(W)
    gx, gw = grad(two_args, argnums=(0, 1))(x, w)
    z = X @ W
    np.testing.assert_allclose(gx.numpy(), W @ (2 * z))
    np.testing.assert_allclose(gw.numpy(), np.outer(X, 2 * z))
    np.testing.assert_allclose(grad(two_args, argnums=-1)(x, w).numpy(), gw.numpy())
    (value, aux), g = value_and_grad(lambda a: (tf.reduce_sum(a * a), "aux"), has_aux=True)(x)
    assert aux == "aux" and float(value) == pytest.approx(np.sum(X**2))
    g, aux = grad(lambda a: (tf.reduce_sum(a * a), a * 2.0), has_aux=True)(x)
    np.testing.assert_allclose(g.numpy(), 2 * X)
    np.testing.assert_allclose(aux.numpy(), 2 * X)


def test_unconnected_arguments_get_zeros():
    gx, gc = grad(lambda a, b: tf.reduce_sum(a * a), argnums=(0, 1))(tf.constant(X), 4.0)
    np.testing.assert_allclose(gx.numpy(), 2 * X)
    assert gc.numpy() == 0.0


def test_errors():
    with pytest.raises(TypeError, match=r"Gradient only defined for scalar-output functions\. "
                       r"Output had shape: \(3,\)\."):  # fmt: skip
        grad(tf.sin)(tf.constant(X))
    with pytest.raises(TypeError, match="Hessian only defined for scalar-output"):
        hessian(tf.sin)(tf.constant(X))
    with pytest.raises(ValueError, match="argnums 2 out of bounds"):
        grad(two_args, argnums=2)(X, W)
    with pytest.raises(ValueError, match="same length"):
        jvp(tf.sin, (tf.constant(X),), ())


def test_jvp_vjp_match_jacobian():
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = vector_f(x)
    jac = tape.jacobian(y, x).numpy()
    out, tangent = jvp(vector_f, (x,), (tf.constant(V),))
    np.testing.assert_allclose(out.numpy(), y.numpy())
    np.testing.assert_allclose(tangent.numpy(), jac @ V)
    out, pullback = vjp(vector_f, x)
    cotangent = tf.constant([1.0, -3.0], tf.float64)
    (first,) = pullback(cotangent)
    (again,) = pullback(cotangent)  # may be called repeatedly
    np.testing.assert_allclose(first.numpy(), cotangent.numpy() @ jac)
    np.testing.assert_allclose(again.numpy(), first.numpy())
    out, pullback, aux = vjp(lambda a: (vector_f(a), "aux"), x, has_aux=True)
    assert aux == "aux"


def test_hessian_and_hvp():
    h = hessian(scalar_f)(tf.constant(X)).numpy()
    expected = np.diag(2 * np.sin(X) + 4 * X * np.cos(X) - X * X * np.sin(X))
    expected[0, 2] += 1.0
    expected[2, 0] += 1.0
    np.testing.assert_allclose(h, expected, rtol=1e-12)
    (product,) = hvp(scalar_f, (tf.constant(X),), (tf.constant(V),))
    np.testing.assert_allclose(product.numpy(), expected @ V, rtol=1e-12)
    blocks = hessian(two_args, argnums=(0, 1))(tf.constant(X), tf.constant(W))
    assert blocks[0][0].shape == (3, 3) and blocks[0][1].shape == (3, 3, 2)
    assert blocks[1][0].shape == (3, 2, 3) and blocks[1][1].shape == (3, 2, 3, 2)
    np.testing.assert_allclose(blocks[0][0].numpy(), 2 * W @ W.T, rtol=1e-12)
    np.testing.assert_allclose(blocks[0][1].numpy(), np.transpose(blocks[1][0].numpy(), (2, 0, 1)))


# --------------------------------------------------------------------------
# check_grads, second order, both modes
# --------------------------------------------------------------------------
MODES = ("fwd", "rev")


def test_check_grads_grad():
    check_grads(grad(scalar_f), [X], order=2, modes=MODES)


def test_check_grads_value_and_grad():
    check_grads(value_and_grad(scalar_f), [X], order=2, modes=MODES)


def test_check_grads_jvp():
    check_grads(lambda x: jvp(vector_f, (x,), (tf.constant(V),)), [X], order=2, modes=MODES)


def test_check_grads_vjp():
    cotangent = tf.constant([0.7, -1.3], tf.float64)
    check_grads(lambda x: vjp(vector_f, x)[1](cotangent)[0], [X], order=2, modes=MODES)


def test_check_grads_hessian():
    check_grads(hessian(scalar_f), [X], order=2, modes=MODES)


def test_check_grads_hvp():
    check_grads(lambda x: hvp(scalar_f, (x,), (tf.constant(V),))[0], [X], order=2, modes=MODES)
