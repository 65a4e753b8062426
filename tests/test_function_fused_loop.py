"""A ``tf.range`` loop node whose body is written inside the loop (subgraphs._fused_loop),
and broadcast constants held dense: the same values as eager, every step's random draws."""

from __future__ import annotations

import numpy as np

import tapeflow as tf


def _loop_node(f, *args):
    program = f.get_concrete_function(*args).graph
    return [n for n in program.nodes if getattr(n.fn, "name", "") == "while_loop"][0]


def test_a_range_loop_runs_its_body_inline_with_eagers_bits():
    x = tf.constant(np.linspace(-1.0, 1.0, 6).astype(np.float32))
    w = tf.Variable(np.ones(6, np.float32))

    def f(n):
        w.assign(tf.ones(6))
        for _ in tf.range(n):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.tanh(w * x))
            w.assign_sub(0.5 * tape.gradient(loss, w))
        return w.read_value()

    compiled = tf.function(f)
    for n in (5, 0, 3):
        got = compiled(tf.constant(n)).numpy()
        np.testing.assert_array_equal(got, f(tf.constant(n)).numpy())
    fused = _loop_node(compiled, tf.constant(5)).params["body"].fused_loops
    assert fused and all(run is not None for run in fused.values())


def test_a_loop_whose_history_a_tape_reads_is_fused_too():
    def f(x, n):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in tf.range(n):
                y = tf.sin(y) * x + 0.25
        return y, tape.gradient(y, x)

    compiled = tf.function(f)
    x = tf.constant([0.3, -1.2, 2.0])
    for n in (4, 1, 0, 4):
        for got, want in zip(compiled(x, tf.constant(n)), f(x, tf.constant(n))):
            np.testing.assert_array_equal(got.numpy(), want.numpy())


def test_draws_inside_a_fused_loop_happen_every_step():
    def make():
        generator = tf.random.Generator.from_seed(3)

        def f(n):
            total = tf.zeros([2])
            for _ in tf.range(n):
                total = total * 0.5 + generator.normal([2])
            return total

        return f

    compiled, eager = tf.function(make()), make()
    for n in (3, 2, 4):  # the trace, then the program
        got, want = compiled(tf.constant(n)), eager(tf.constant(n))
        np.testing.assert_array_equal(got.numpy(), want.numpy())
    assert all(_loop_node(compiled, tf.constant(3)).params["body"].fused_loops.values())


def test_other_loop_tests_keep_the_runner():
    @tf.function
    def f(x):
        return tf.while_loop(lambda v: tf.abs(v) > 0.5, lambda v: (v * 0.5,), (x,))

    for _ in range(2):
        assert float(f(tf.constant(8.0))[0]) == 0.5
    fused = _loop_node(f, tf.constant(8.0)).params["body"].fused_loops
    assert fused and not any(fused.values())


def test_a_broadcast_constant_is_held_dense():
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))

    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_mean(x * x)
        return tape.gradient(loss, x)

    compiled = tf.function(f)
    for _ in range(3):
        np.testing.assert_array_equal(compiled(x).numpy(), f(x).numpy())
    program = compiled.get_concrete_function(x).graph
    namespace = program.run.__globals__
    views = [
        n for n, v in program.constants.items() if isinstance(v, np.ndarray) and 0 in v.strides
    ]
    assert views
    for name in views:
        assert 0 not in namespace[name].strides and not namespace[name].flags.writeable


def test_a_test_against_a_constant_is_fused_forward_and_backward():
    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            _, y = tf.while_loop(
                lambda i, y: i < 50, lambda i, y: (i + 1, y * x + 0.1), (tf.constant(0), x)
            )
        return y, tape.gradient(y, x)

    compiled = tf.function(f)
    x = tf.constant(np.float32(0.99))
    for _ in range(3):
        for got, want in zip(compiled(x), f(x)):
            np.testing.assert_array_equal(got.numpy(), want.numpy())
    forward = _loop_node(compiled, x)
    assert all(forward.params["body"].fused_loops.values())
