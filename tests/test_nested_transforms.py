"""Nested transformations keep their perturbations apart ("perturbation confusion").

The program is the one JAX's autodidax uses to show the bug: an inner JVP of
a function that ignores its argument must see a zero tangent even while an
outer transformation perturbs a value the function closes over. A system that
tags perturbations by nesting level only, not by transformation, gets these
wrong. Here every combination of forward (ForwardAccumulator) and reverse
(GradientTape) mode is run on it, plus Siskind and Pearlmutter's classic
d/dx [x * d/dy (x + y)] = 1 (the confused answer is 2).
"""

from __future__ import annotations

import pytest

import tapeflow as tf
from tapeflow.functional import grad, jvp


def _zero(value) -> float:
    return 0.0 if value is None else float(value)


def test_autodidax_program_forward_over_forward():
    def f(x):
        def g(y):
            return x  # does not depend on y

        _, should_be_zero = jvp(g, (tf.constant(0.0),), (tf.constant(1.0),))
        return should_be_zero

    value, tangent = jvp(f, (tf.constant(0.0),), (tf.constant(1.0),))
    assert _zero(value) == 0.0
    assert _zero(tangent) == 0.0


def test_autodidax_program_reverse_over_forward():
    def f(x):
        _, should_be_zero = jvp(lambda y: x, (tf.constant(0.0),), (tf.constant(1.0),))
        return should_be_zero

    x = tf.constant(0.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = f(x)
    assert _zero(out) == 0.0
    assert _zero(tape.gradient(out, x)) == 0.0


def test_autodidax_program_forward_over_reverse():
    def f(x):
        y = tf.constant(0.0)
        with tf.GradientTape() as tape:
            tape.watch(y)
            out = x * 1.0  # ignores y
        return tape.gradient(out, y, unconnected_gradients="zero")

    value, tangent = jvp(f, (tf.constant(0.0),), (tf.constant(1.0),))
    assert _zero(value) == 0.0
    assert _zero(tangent) == 0.0


def _inner_derivative_forward(x):
    # d/dy (x + y), at y = 1: 1 whatever x is.
    return jvp(lambda y: x + y, (tf.constant(1.0),), (tf.constant(1.0),))[1]


def _inner_derivative_reverse(x):
    return grad(lambda y: x + y)(tf.constant(1.0))


@pytest.mark.parametrize("inner", [_inner_derivative_forward, _inner_derivative_reverse])
@pytest.mark.parametrize("outer", ["forward", "reverse"])
def test_siskind_pearlmutter(inner, outer):
    def f(x):
        return x * inner(x)

    x = tf.constant(3.0)
    if outer == "forward":
        _, d = jvp(f, (x,), (tf.constant(1.0),))
    else:
        d = grad(f)(x)
    assert float(d) == 1.0  # 2.0 would mean the inner and outer perturbations were confused


def test_nested_accumulators_keep_tangents_apart():
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as outer:
        y = tf.constant(5.0)
        with tf.autodiff.ForwardAccumulator(y, tf.constant(1.0)) as inner:
            z = x * y
        inner_tangent = inner.jvp(z)  # dz/dy = x
    assert float(inner_tangent) == 2.0
    assert float(outer.jvp(inner_tangent)) == 1.0  # d(x)/dx
    assert float(outer.jvp(z)) == 5.0  # dz/dx = y
