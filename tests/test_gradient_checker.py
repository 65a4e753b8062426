"""The checker itself: it must catch a rule that is 0.1% wrong, at first and second order,
and tapeflow.test.compute_gradient must follow TensorFlow's contract."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow._dispatch import PRIMITIVES, Primitive
from tapeflow.test import GradientCheckError, check_grads, compute_gradient


def _sin_with(vjp, jvp, name):
    PRIMITIVES.pop(name, None)
    return Primitive(name, np.sin, vjp=vjp, jvp=jvp, formula="deliberately wrong, for tests")


def test_checker_accepts_a_correct_rule():
    good = _sin_with(
        lambda g, ans, x: (g * tf.cos(x),),
        lambda t, ans, x: t[0] * tf.cos(x),
        "selftest_good_sin",
    )
    check_grads(good, [np.array([0.3, -1.2, 2.0])], order=2)


def test_checker_catches_a_first_order_error_of_a_tenth_of_a_percent():
    wrong = _sin_with(
        lambda g, ans, x: (g * tf.cos(x) * 1.001,),
        lambda t, ans, x: t[0] * tf.cos(x) * 1.001,
        "selftest_wrong_first",
    )
    with pytest.raises(GradientCheckError):
        check_grads(wrong, [np.array([0.3, -1.2, 2.0])], order=1, modes=("rev",))
    with pytest.raises(GradientCheckError):
        check_grads(wrong, [np.array([0.3, -1.2, 2.0])], order=1, modes=("fwd",))


def test_checker_catches_a_second_order_error_of_a_tenth_of_a_percent():
    # First derivative exact; its own derivative (d/dx of cos) is 0.1% off.
    PRIMITIVES.pop("selftest_cos", None)
    slightly_wrong_cos = Primitive(
        "selftest_cos",
        np.cos,
        vjp=lambda g, ans, x: (-(g * tf.sin(x)) * 1.001,),
        jvp=lambda t, ans, x: -(t[0] * tf.sin(x)) * 1.001,
        formula="deliberately wrong, for tests",
    )
    sin = _sin_with(
        lambda g, ans, x: (g * slightly_wrong_cos(x),),
        lambda t, ans, x: t[0] * slightly_wrong_cos(x),
        "selftest_wrong_second",
    )
    args = [np.array([0.3, -1.2, 2.0])]
    check_grads(sin, args, order=1)  # first order is right...
    with pytest.raises(GradientCheckError):
        check_grads(sin, args, order=2, modes=("rev",))  # ...the second is caught
    with pytest.raises(GradientCheckError):
        check_grads(sin, args, order=2, modes=("fwd",))


def test_compute_gradient_follows_tensorflows_contract():
    theoretical, numerical = compute_gradient(lambda x: x * x, [np.array([1.0, 2.0, 3.0])])
    assert isinstance(theoretical, tuple) and len(theoretical) == 1
    assert theoretical[0].shape == (3, 3)  # (y_size, x_size)
    np.testing.assert_allclose(theoretical[0], np.diag([2.0, 4.0, 6.0]))
    np.testing.assert_allclose(numerical[0], np.diag([2.0, 4.0, 6.0]), atol=1e-6)


def test_compute_gradient_several_arguments_and_shapes():
    a = np.arange(6.0).reshape(2, 3)
    b = np.arange(3.0)
    theoretical, numerical = compute_gradient(lambda a, b: tf.reduce_sum(a * b, axis=1), [a, b])
    assert [t.shape for t in theoretical] == [(2, 6), (2, 3)]
    for t, n in zip(theoretical, numerical):
        np.testing.assert_allclose(t, n, atol=1e-6)


def test_compute_gradient_requires_a_list():
    with pytest.raises(ValueError, match="must be a list or tuple"):
        compute_gradient(lambda x: x, 1.0)


# --------------------------------------------------------------------------
# check_grads failure messages name the input and output and show both Jacobians
# --------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["rev", "fwd"])
def test_check_grads_failure_names_input_output_and_prints_jacobians(mode):
    def f(x, y):
        return x * 2.0, tf.stop_gradient(y * y) + y  # the derivative drops 2 y

    with pytest.raises(GradientCheckError) as info:
        check_grads(f, [np.array([1.0, 2.0]), np.array([3.0])], order=1, modes=(mode,))
    text = str(info.value)
    assert text.startswith("f, ")
    assert "d(output 1, shape (1,)) / d(input 1, shape (1,))" in text
    assert "analytic Jacobian:" in text and "numerical Jacobian:" in text
    assert ("reverse mode" if mode == "rev" else "forward mode") in text


def test_check_grads_failure_at_second_order_names_the_derivative_checked():
    @tf.custom_gradient
    def cube(x):
        def grad(g):
            return g * 3.0 * tf.stop_gradient(x * x)  # right value, no second derivative

        return x**3, grad

    with pytest.raises(GradientCheckError, match=r"^the VJP of f, reverse mode"):
        check_grads(cube, [np.array([0.5, 1.5])], order=2, modes=("rev",))


def test_checker_differentiates_with_respect_to_the_cotangent(monkeypatch):
    """relu's second derivative in x is 0, so only d VJP / d cotangent can catch a
    relu_grad whose own VJP (in g) is 1% wrong: the checker now differentiates the
    VJP with respect to the cotangent too, as autograd's does."""
    x = [np.array([0.7, -0.4, 1.3, -2.1])]
    check_grads(tf.nn.relu, x, order=2)
    relu_grad = PRIMITIVES["relu_grad"]
    correct = relu_grad.vjp
    monkeypatch.setattr(relu_grad, "vjp",
                        lambda gg, out, g, ans: (correct(gg, out, g, ans)[0] * 1.01,
                                                 correct(gg, out, g, ans)[1]))  # fmt: skip
    with pytest.raises(GradientCheckError, match="the VJP of f"):
        check_grads(tf.nn.relu, x, order=2, modes=("rev",))


def test_checker_differentiates_with_respect_to_the_tangent(monkeypatch):
    x = [np.array([0.7, -0.4, 1.3, -2.1])]
    relu_grad = PRIMITIVES["relu_grad"]
    correct = relu_grad.jvp
    monkeypatch.setattr(relu_grad, "jvp",
                        lambda t, out, g, ans: correct(t, out, g, ans) * 1.01)  # fmt: skip
    with pytest.raises(GradientCheckError, match="the VJP of f, forward mode"):
        check_grads(tf.nn.relu, x, order=2)
