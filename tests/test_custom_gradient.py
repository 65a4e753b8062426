"""tf.custom_gradient, tf.recompute_grad and tf.grad_pass_through (spec section 5).

What TensorFlow prints for these is compared in tests/test_snippets_golden.py;
here: the mechanics (records, memory, nesting, forward mode, threads of the
transformation stack) and gradient checks against central differences.
"""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _dispatch
from tapeflow.ops.custom import CUSTOM_GRADIENT
from tapeflow.test import check_grads


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))

    return tf.math.log(1 + e), grad


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def test_log1pexp_stable_gradient():
    x = tf.constant(100.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = log1pexp(x)
    assert np.isinf(y.numpy())
    assert float(tape.gradient(y, x)) == 1.0


def test_second_derivative_through_grad_fn():
    """grad_fn runs as recorded tapeflow ops: an outer tape differentiates it."""
    x = tf.constant([-1.0, 0.0, 2.0], tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = log1pexp(x)
        g = inner.gradient(y, x)
    s = _sigmoid(x.numpy())
    np.testing.assert_allclose(g.numpy(), s)
    np.testing.assert_allclose(outer.gradient(g, x).numpy(), s * (1 - s))


def test_check_grads_on_custom_gradient_function():
    check_grads(log1pexp, [np.array([-1.5, 0.3, 2.0])], order=2, modes=("rev",))
    # Forward mode follows the real forward ops, which are correct here too.
    check_grads(log1pexp, [np.array([-1.5, 0.3, 2.0])], order=2, modes=("fwd", "rev"))


def test_one_record_per_tape_and_closed_over_intermediates():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = log1pexp(x)
    names = [record[0].name for record in tape._state.records]
    # The forward ops are recorded (grad_fn may use them); one custom record links x to y.
    assert names.count("custom_gradient") == 1
    (custom,) = [r for r in tape._state.records if r[0] is CUSTOM_GRADIENT]
    assert custom[1][0] is x and custom[2][0] is y


def test_multiple_outputs_unused_upstream_is_zero():
    seen = []

    @tf.custom_gradient
    def split(x):
        def grad(d_a, d_b):
            seen.append((float(d_a), float(d_b)))
            return d_a + 10.0 * d_b

        return (x * 2.0, x * 3.0), grad

    x = tf.constant(1.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        a, b = split(x)
    assert float(tape.gradient(a, x)) == 1.0
    assert float(tape.gradient(b, x)) == 10.0
    assert seen == [(1.0, 0.0), (0.0, 1.0)]


def test_stack_is_restored_after_errors():
    @tf.custom_gradient
    def broken(x):
        raise KeyError("forward failed")

    v = tf.Variable(1.0)

    @tf.custom_gradient
    def no_variables_kw(x):
        return x * v, lambda dy: dy

    before = list(_dispatch.active_stack())
    with pytest.raises(KeyError):
        broken(tf.constant(1.0))
    with pytest.raises(TypeError, match="must accept keyword argument 'variables'"):
        no_variables_kw(tf.constant(1.0))
    assert _dispatch.active_stack() == before
    assert not _dispatch.something_active()


def test_variables_are_passed_in_creation_order():
    first = tf.Variable(1.0, name="first")
    second = tf.Variable(2.0, name="second")
    received = []

    @tf.custom_gradient
    def f(x):
        def grad(dy, variables=None):
            received.extend(v.name for v in variables)
            return dy, [dy * 10.0, dy * 20.0]

        return x * second * first, grad

    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    grads = tape.gradient(y, [x, first, second])
    assert received == ["first:0", "second:0"]
    assert [float(g) for g in grads] == [1.0, 10.0, 20.0]


def test_method_decorator_binds_self():
    class Layer:
        def __init__(self):
            self.scale = tf.constant(3.0)

        @tf.custom_gradient
        def __call__(self, x):
            def grad(dy):
                return dy * 7.0

            return x * self.scale, grad

    layer = Layer()
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = layer(x)
    assert float(y) == 6.0 and float(tape.gradient(y, x)) == 7.0
    assert Layer.__call__.__name__ == "__call__"


def test_shape_not_checked_but_batched_rows_are():
    @tf.custom_gradient
    def wide(x):
        return x * 2.0, lambda dy: tf.constant([1.0, 2.0, 3.0])

    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = wide(x)
    assert tape.gradient(y, x).numpy().tolist() == [1.0, 2.0, 3.0]


def test_grad_fn_sees_one_row_at_a_time_in_jacobian():
    calls = []

    @tf.custom_gradient
    def normalized(x):
        def grad(dy):
            calls.append(tuple(dy.shape))
            return dy / (1.0 + tf.reduce_sum(dy * dy))

        return x * 1.0, grad

    x = tf.constant([1.0, 2.0, 3.0], tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = normalized(x) * tf.constant([1.0, 2.0, 3.0], tf.float64)
    j = tape.jacobian(y, x)
    assert calls == [(3,)] * 3
    np.testing.assert_allclose(j.numpy(), np.diag([0.5, 0.4, 0.3]))
    np.testing.assert_allclose(tape.jacobian(y, x, experimental_use_pfor=False).numpy(), j.numpy())


def test_thread_isolation():
    import threading

    results = []

    def worker():
        x = tf.constant(100.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = log1pexp(x)
        results.append(float(tape.gradient(y, x)))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [1.0] * 4


# --------------------------------------------------------------------------
# Forward mode
# --------------------------------------------------------------------------
def test_forward_mode_follows_real_ops_and_fills_gaps():
    @tf.custom_gradient
    def f(x):
        return x * x, lambda dy: dy * 100.0

    @tf.custom_gradient
    def g(x):
        return tf.stop_gradient(x) * 2.0, lambda dy: dy * 3.0

    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        a = f(x)
        b = g(x)
    assert float(acc.jvp(a)) == 4.0  # the real derivative, not 100
    assert float(acc.jvp(b)) == 3.0  # no tangent from the ops: grad_fn transposed


def test_forward_over_reverse_through_custom_gradient():
    x = tf.constant([0.5, -1.0], tf.float64)
    v = tf.constant([1.0, 2.0], tf.float64)
    with tf.autodiff.ForwardAccumulator(x, v) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(log1pexp(x))
        g = tape.gradient(y, x)
    s = _sigmoid(x.numpy())
    np.testing.assert_allclose(acc.jvp(g).numpy(), s * (1 - s) * v.numpy())


# --------------------------------------------------------------------------
# recompute_grad
# --------------------------------------------------------------------------
def _chain(block, x, depth):
    for _ in range(depth):
        x = block(x)
    return x


def _block(x):
    for _ in range(10):
        x = tf.tanh(x) * 1.01 + 0.01
    return x


def test_recompute_grad_keeps_only_inputs_on_the_tape():
    x = tf.constant(np.linspace(-1.0, 1.0, 8))
    checkpointed = tf.recompute_grad(_block)
    with tf.GradientTape(persistent=True) as plain:
        plain.watch(x)
        y_plain = _chain(_block, x, 5)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = _chain(checkpointed, x, 5)
    assert len(plain._state.records) == 5 * 10 * 3
    assert [r[0].name for r in tape._state.records] == ["custom_gradient"] * 5
    np.testing.assert_allclose(y.numpy(), y_plain.numpy())
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), plain.gradient(y_plain, x).numpy())


def test_recompute_grad_lowers_peak_memory():
    x = tf.constant(np.linspace(-1.0, 1.0, 20_000))
    checkpointed = tf.recompute_grad(_block)

    def peak(block):
        gc.collect()
        tracemalloc.start()
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = _chain(block, x, 20)
        tape.gradient(y, x)
        _, high = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return high

    plain_peak = peak(_block)
    checkpointed_peak = peak(checkpointed)
    # 600 intermediate arrays of 160 kB against about 20 plus one block's worth.
    assert checkpointed_peak < plain_peak / 4, (plain_peak, checkpointed_peak)


def test_recompute_grad_variables_and_unconnected():
    v = tf.Variable(3.0)
    f = tf.recompute_grad(lambda a, b: a * v * v)
    x = tf.constant(2.0)
    c = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch([x, c])
        y = f(x, c)
    gx, gc_, gv = tape.gradient(y, [x, c, v])
    assert (float(gx), float(gc_), float(gv)) == (9.0, 0.0, 12.0)


def test_recompute_grad_second_order_and_check_grads():
    f = tf.recompute_grad(lambda a: tf.sin(a) * a)
    check_grads(f, [np.array([0.3, 1.2])], order=1, modes=("rev",))

    def gradient_of_f(a):
        with tf.GradientTape() as tape:
            tape.watch(a)
            y = f(a)
        return tape.gradient(y, a)

    # Second order in x. (check_grads' own order 2 also differentiates the gradient
    # with respect to the cotangent, which recompute_grad refuses, as TF's does.)
    check_grads(gradient_of_f, [np.array([0.3, 1.2])], order=1, modes=("rev",))
    with pytest.raises(NotImplementedError, match="recompute_grad tried to transpose"):
        check_grads(f, [np.array([0.3, 1.2])], order=2, modes=("rev",))


def test_recompute_grad_forward_mode_raises():
    f = tf.recompute_grad(lambda a: a * a)
    x = tf.constant(2.0)
    with pytest.raises(NotImplementedError) as info:
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)):
            f(x)
    assert str(info.value) == (
        "recompute_grad tried to transpose grad of <lambda>. Consider not using recompute_grad "
        "in forward modeautodiff"
    )
    assert not _dispatch.something_active()


# --------------------------------------------------------------------------
# grad_pass_through
# --------------------------------------------------------------------------
def test_grad_pass_through():
    x = tf.Variable(1.0)
    z = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = tf.grad_pass_through(x.assign)(z**2)
    assert float(y) == 9.0 and float(x) == 9.0
    assert float(tape.gradient(y, z)) == 6.0


def test_grad_pass_through_ignores_variables_it_reads():
    v = tf.Variable(2.0)
    a = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(a)
        y = tf.grad_pass_through(lambda t: t * v)(a)
    ga, gv = tape.gradient(y, [a, v])
    assert float(ga) == 1.0 and gv is None
