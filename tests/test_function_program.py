"""The compiled program of a tf.function: passes, generated source, guards, state."""

from __future__ import annotations

import contextlib
import io
import sys

import numpy as np
import pytest

import tapeflow as tf


def _source(function, *args) -> str:
    function(*args)
    return function.get_concrete_function(*args).pretty_source()


def test_program_is_straight_line_numpy_and_frees_intermediates():
    @tf.function
    def f(x):
        return tf.exp(x) * 2.0 + tf.sin(x)

    x = tf.constant([0.5, 1.0])
    source = _source(f, x)
    assert source.startswith("def program(a0):")
    assert "del " in source
    np.testing.assert_allclose(f(x).numpy(), np.exp([0.5, 1.0]) * 2 + np.sin([0.5, 1.0]), 1e-6)


def test_dead_code_is_removed_and_common_subexpressions_merged():
    @tf.function
    def f(x):
        unused = tf.exp(x) * 100.0  # noqa: F841 (dead)
        a = tf.sin(x)
        b = tf.sin(x)
        return a + b

    source = _source(f, tf.constant(1.0))
    assert "exp" not in source
    assert source.count("sin_") == 1
    assert f(tf.constant(1.0)).numpy() == pytest.approx(2 * np.sin(1.0), rel=1e-6)


def test_constants_are_folded():
    @tf.function
    def f(x):
        k = tf.exp(tf.constant(1.0)) * tf.constant(2.0)
        return x * k

    source = _source(f, tf.constant(1.0))
    assert "exp" not in source
    assert f(tf.constant(3.0)).numpy() == pytest.approx(3 * 2 * np.e, rel=1e-6)


def test_captured_variable_is_read_at_run_time_and_writes_run_every_call():
    v = tf.Variable(1.0)

    @tf.function
    def f(x):
        v.assign_add(x)
        return v * 2.0

    assert float(f(tf.constant(1.0))) == 4.0
    assert float(f(tf.constant(1.0))) == 6.0
    v.assign(10.0)
    assert float(f(tf.constant(0.0))) == 20.0
    assert f.experimental_get_tracing_count() == 1


def test_tf_print_runs_every_call_in_program_order():
    v = tf.Variable(0)

    @tf.function
    def f():
        tf.print("before", v, output_stream=sys.stdout)
        v.assign_add(1)
        tf.print("after", v, output_stream=sys.stdout)
        return v.read_value()

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for _ in range(3):
            f()
    assert out.getvalue().split("\n")[:6] == [
        "before 0", "after 1", "before 1", "after 2", "before 2", "after 3",
    ]  # fmt: skip


def test_guard_retraces_when_python_read_a_traced_value():
    calls = []

    @tf.function(autograph=False)
    def f(x):
        calls.append(1)
        if x > 0:
            return x * 2
        return -x

    assert float(f(tf.constant(3.0))) == 6.0
    assert float(f(tf.constant(-4.0))) == 4.0
    assert float(f(tf.constant(5.0))) == 10.0
    assert float(f(tf.constant(-1.0))) == 1.0
    assert len(calls) == 2  # one trace per path, each kept


def test_guard_failure_leaves_no_half_done_side_effect():
    v = tf.Variable(0.0)
    out = io.StringIO()

    @tf.function
    def f(x):
        v.assign_add(1.0)
        tf.print("ran", output_stream=sys.stdout)
        if int(tf.cast(x, tf.int32)) > 0:
            return v + x
        return v - x

    with contextlib.redirect_stdout(out):
        f(tf.constant(1.0))
        f(tf.constant(2.0))
        f(tf.constant(-1.0))  # the first program stops at its guard: no write, no print
    assert float(v) == 3.0
    assert out.getvalue() == "ran\nran\nran\n"


def test_outer_tape_sees_the_program_replayed():
    @tf.function
    def f(x):
        return tf.reduce_sum(tf.tanh(x) * x)

    x = tf.constant([0.5, -1.0])
    f(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    expected = np.tanh(x.numpy()) + x.numpy() * (1 - np.tanh(x.numpy()) ** 2)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), expected, rtol=1e-6)


def test_second_order_through_a_function_with_a_tape_inside():
    @tf.function
    def grad(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x**3
        return tape.gradient(y, x)

    x = tf.constant(2.0)
    assert float(grad(x)) == 12.0
    with tf.GradientTape() as tape:
        tape.watch(x)
        g = grad(x)
    assert float(tape.gradient(g, x)) == 12.0


def test_a_failed_trace_undoes_its_writes():
    v = tf.Variable(1.0)

    @tf.function
    def f(x):
        v.assign(5.0)
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        f(tf.constant(1.0))
    assert float(v) == 1.0


def test_get_concrete_function_changes_no_state():
    v = tf.Variable(1.0)

    @tf.function
    def f(x):
        v.assign_add(x)
        tf.print("side effect")
        return v.read_value()

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        concrete = f.get_concrete_function(tf.TensorSpec([], tf.float32))
    assert float(v) == 1.0 and err.getvalue() == ""
    assert float(concrete(tf.constant(2.0))) == 3.0


def test_methods_keep_one_cache_per_instance():
    class Model:
        def __init__(self, scale):
            self.scale = scale

        @tf.function
        def __call__(self, x):
            return x * self.scale

    a, b = Model(2.0), Model(3.0)
    assert float(a(tf.constant(1.0))) == 2.0
    assert float(b(tf.constant(1.0))) == 3.0
    assert a.__call__ is a.__call__


def test_run_functions_eagerly_runs_python_every_call():
    calls = []

    @tf.function
    def f(x):
        calls.append(x.numpy())
        return x

    tf.config.run_functions_eagerly(True)
    try:
        f(tf.constant(1.0))
        f(tf.constant(1.0))
    finally:
        tf.config.run_functions_eagerly(False)
    assert len(calls) == 2


def test_tf_print_default_stream_is_stderr():
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        tf.print("x", tf.constant([1.5, 2.0]))
    assert err.getvalue() == "x [1.5 2]\n"


def test_random_ops_draw_on_every_call():
    tf.random.set_seed(7)

    @tf.function
    def f(x):
        return x + tf.random.normal([3])

    a, b = f(tf.zeros(3)), f(tf.zeros(3))
    assert not np.array_equal(a.numpy(), b.numpy())
    generator = tf.random.Generator.from_seed(1)

    @tf.function
    def g():
        return generator.uniform([2])

    assert not np.array_equal(g().numpy(), g().numpy())


def test_dropout_mask_changes_every_call_and_its_gradient_follows():
    tf.random.set_seed(3)
    w = tf.Variable(tf.ones([64]))

    @tf.function
    def step(x):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.nn.dropout(x * w, rate=0.5))
        return y, tape.gradient(y, w)

    masks = []
    for _ in range(3):
        y, g = step(tf.ones([64]))
        assert float(y) == float(tf.reduce_sum(g))  # the gradient is the mask used
        masks.append(g.numpy())
    assert not np.array_equal(masks[0], masks[1])


def test_programs_per_key_are_bounded():
    @tf.function(autograph=False)
    def f(x):
        return x * float(x)  # a guard on the value itself: every new value is a new path

    for i in range(40):
        assert float(f(tf.constant(float(i)))) == float(i * i)
    (programs,) = f._programs.values()
    assert len(programs) <= 16


def test_a_function_returning_none_runs_its_program_once_per_call():
    # None is a legitimate result (a metric's update_state): it must not read as
    # "no program covered this call", which ran every kept program and retraced.
    total, count = tf.Variable(0.0), tf.Variable(0.0)

    @tf.function
    def update(x):
        total.assign_add(tf.reduce_sum(x))
        count.assign_add(1.0)

    for i in range(5):
        assert update(tf.constant([float(i)])) is None
    assert (total.numpy(), count.numpy()) == (10.0, 5.0)
    assert update.experimental_get_tracing_count() == 1
