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
