"""tf.while_loop and tf.cond inside a tf.function: one node each, sub-programs, gradients."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

ZERO = tf.UnconnectedGradients.ZERO


def _loop(x, n):
    _, y = tf.while_loop(
        lambda i, y: i < n, lambda i, y: (i + 1, tf.sin(y) * x + 0.1), (tf.constant(0), x)
    )
    return y


def _branch(x):
    return tf.cond(x > 0.5, lambda: x * x * 3.0, lambda: tf.sin(x))


def _nested(x, n):
    def body(i, y):
        inner = tf.while_loop(lambda j, z: j < i, lambda j, z: (j + 1, z * x), (0, y))[1]
        return i + 1, tf.cond(inner > 1.0, lambda: inner * 0.5, lambda: inner + x)

    return tf.while_loop(lambda i, y: i < n, body, (0, x))[1]


def _derivatives(f, x, *rest):
    """Value, first and second derivative (nested tapes) and the forward-mode JVP."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x, *rest)
        g = inner.gradient(y, x, unconnected_gradients=ZERO)
    h = outer.gradient(g, x, unconnected_gradients=ZERO)
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        y2 = f(x, *rest)
    return [float(v) for v in (y, g, h, acc.jvp(y2, unconnected_gradients=ZERO))]


CASES = [
    (_loop, (tf.constant(0.7), tf.constant(4))),
    (_loop, (tf.constant(0.7), tf.constant(0))),
    (_branch, (tf.constant(0.7),)),
    (_branch, (tf.constant(0.2),)),
    (_nested, (tf.constant(0.9), tf.constant(3))),
]


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_outer_tapes_and_accumulators_through_the_function_match_eager(fn, args):
    compiled = tf.function(fn)
    expected = _derivatives(fn, *args)
    for _ in range(2):  # the trace, then the compiled program replayed
        np.testing.assert_allclose(_derivatives(compiled, *args), expected, rtol=1e-5)


@pytest.mark.parametrize("fn,args", CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_tapes_inside_the_function_match_eager(fn, args):
    @tf.function
    def inside(*args):
        return _derivatives(fn, *args)

    def as_floats(values):
        return [float(v) for v in values]

    expected = _derivatives(fn, *args)
    for _ in range(2):
        np.testing.assert_allclose(as_floats(inside(*args)), expected, rtol=1e-5)


def test_a_data_dependent_loop_traces_once_into_one_node():
    @tf.function
    def f(x, n):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = _loop(x, n)
        return y, tape.gradient(y, x)

    x = tf.constant(0.7)
    for n in (3, 10, 0, 57):
        got = [float(v) for v in f(x, tf.constant(n))]
        want = _derivatives(_loop, x, tf.constant(n))[:2]
        np.testing.assert_allclose(got, want, rtol=1e-5)
    assert f.experimental_get_tracing_count() == 1
    source = f.get_concrete_function(x, tf.constant(3)).pretty_source()
    assert source.count(" = while_loop_") == 2  # the loop and its backward loop
    assert "sin" not in source  # the body is a sub-program, not unrolled


def test_a_long_loop_traces_its_body_once():
    calls = []

    @tf.function
    def f(x):
        def body(i, y):
            calls.append(1)
            return i + 1, y * 0.5 + 1.0

        return tf.while_loop(lambda i, y: i < 5000, body, (0, x))[1]

    np.testing.assert_allclose(float(f(tf.constant(1.0))), 2.0, rtol=1e-6)
    assert len(calls) == 1


def test_a_data_dependent_cond_does_not_retrace():
    @tf.function
    def f(x):
        print("tracing")
        return tf.cond(x > 0.0, lambda: x * 2.0, lambda: -x)

    assert [float(f(tf.constant(v))) for v in (1.0, -3.0, 2.0)] == [2.0, 3.0, 4.0]
    assert f.experimental_get_tracing_count() == 1
    assert "cond_" in f.get_concrete_function(tf.constant(1.0)).pretty_source()


def test_autograph_loops_and_ifs_on_tensors_become_nodes():
    @tf.function
    def f(x, n):
        total = tf.constant(0.0)
        for i in tf.range(n):
            if tf.cast(i, tf.float32) * x > 1.0:
                total += x
            else:
                total -= 0.5
        while total > 10.0:
            total = total / 2.0
        return total

    def eager(x, n):
        total = 0.0
        for i in range(n):
            total = total + x if i * x > 1.0 else total - 0.5
        while total > 10.0:
            total = total / 2.0
        return total

    for n in (0, 3, 20, 7):
        np.testing.assert_allclose(float(f(tf.constant(0.9), tf.constant(n))), eager(0.9, n),
                                   rtol=1e-5)  # fmt: skip
    assert f.experimental_get_tracing_count() == 1


def test_variables_read_in_a_body_are_captured_and_differentiated():
    v = tf.Variable(0.5)

    @tf.function
    def f(x):
        with tf.GradientTape() as tape:
            y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * v + x), (0, x))[1]
        return y, tape.gradient(y, v)

    # y = ((x v + x) v + x) v + x; dy/dv = 3 x v^2 + 2 x v + x
    x = 2.0
    for value in (0.5, 1.5):
        v.assign(value)
        y, g = f(tf.constant(x))
        want = ((x * value + x) * value + x) * value + x
        np.testing.assert_allclose([float(y), float(g)],
                                   [want, 3 * x * value**2 + 2 * x * value + x], rtol=1e-6)  # fmt: skip


def test_random_draws_in_a_body_run_every_step_and_call():
    @tf.function
    def f():
        return tf.while_loop(
            lambda i, s: i < 4, lambda i, s: (i + 1, s + tf.random.uniform(())), (0, 0.0)
        )[1]

    draws = {float(f()) for _ in range(3)}
    assert len(draws) == 3


def test_bodies_a_node_cannot_hold_still_run_right():
    v = tf.Variable(0.0)

    @tf.function
    def f(n, v):
        def body(i):
            v.assign_add(1.0)  # a write through an argument: the loop runs on the trace's values
            return (i + 1,)

        return tf.while_loop(lambda i: i < n, body, (0,))

    f(tf.constant(3), v)
    f(tf.constant(2), v)
    assert float(v) == 5.0


def _jumps(xs, limit):
    """break, continue and early returns, nested: converted, it must act as Python does."""
    total = 0
    for x in xs:
        if x < 0:
            continue
        for k in range(3):
            if k > x:
                break
            total += k
        if total > limit:
            return -total
    while total > 3:
        total -= 2
        if total % 5 == 0:
            break
    return total


def test_lowered_jumps_keep_python_semantics():
    from tapeflow._function import autograph as converter

    converted = converter.convert(_jumps)
    assert converted is not _jumps
    for xs, limit in (([1, -2, 3, 0], 100), ([2, 2, 2], 4), ([], 0), ([5, 5, 5, 5], 50)):
        assert converted(xs, limit) == _jumps(xs, limit)


def test_break_in_a_tensor_loop_traces_once_and_differentiates():
    @tf.function
    def f(x, n):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in tf.range(n):
                if y > 4.0:
                    break
                y = y * x
        return y, tape.gradient(y, x)

    for n, want in ((2, (1.5**3, 3 * 1.5**2)), (10, (1.5**4, 4 * 1.5**3))):
        np.testing.assert_allclose([float(v) for v in f(tf.constant(1.5), tf.constant(n))], want,
                                   rtol=1e-5)  # fmt: skip
    assert f.experimental_get_tracing_count() == 1


@tf.custom_gradient
def _scaled_gradient(x):
    def grad(dy):
        return dy * 100.0

    return x * 2.0, grad


def test_custom_gradient_in_a_function_under_an_outer_tape_uses_grad_fn():
    @tf.function
    def f(x):
        return _scaled_gradient(x) + x

    x = tf.constant(3.0)
    for _ in range(3):  # the trace, then the program replayed for the tape
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        assert (float(y), float(tape.gradient(y, x))) == (9.0, 101.0)
    assert float(f(x)) == 9.0  # no tape: the compiled program


def test_vectorized_map_runs_an_elementwise_fn_once_on_the_batch():
    calls = []
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
    c = tf.constant([1.0, 2.0, 3.0])

    def fn(row):
        calls.append(1)
        return tf.sin(row) * c + 1.0, tf.constant(5.0)

    with tf.GradientTape() as tape:
        tape.watch(x)
        a, b = tf.vectorized_map(fn, x)
    assert len(calls) == 1  # traced once, run batched
    np.testing.assert_allclose(a.numpy(), np.sin(x.numpy()) * c.numpy() + 1.0, rtol=1e-6)
    np.testing.assert_array_equal(b.numpy(), [5.0] * 4)
    np.testing.assert_allclose(tape.gradient(a, x).numpy(), np.cos(x.numpy()) * c.numpy(),
                               rtol=1e-6)  # fmt: skip
    # A reduction is not elementwise: slice by slice, same values.
    sums = tf.vectorized_map(lambda row: tf.reduce_sum(row * row), x)
    np.testing.assert_allclose(sums.numpy(), (x.numpy() ** 2).sum(axis=1), rtol=1e-6)


def test_a_traced_maximum_iterations_is_read_on_each_call():
    @tf.function
    def f(x, m):
        return tf.while_loop(lambda y: y < 100.0, lambda y: (y * x,), (x,), maximum_iterations=m)

    for m, want in ((1, 4.0), (3, 16.0), (10, 128.0)):
        assert float(f(tf.constant(2.0), tf.constant(m))[0]) == want
    assert f.experimental_get_tracing_count() == 1
