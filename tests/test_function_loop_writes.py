"""Loops whose body assigns variables, inside a tf.function: one node, every step's writes in order."""

from __future__ import annotations

import re

import numpy as np

import tapeflow as tf


def _while_nodes(f, *args) -> int:
    return len(re.findall(r"while_loop_\d+\(", f.get_concrete_function(*args).pretty_source()))


def _sgd(compiled: bool, steps: int = 7):
    rng = np.random.default_rng(0)
    X = tf.constant(rng.standard_normal((32, 3)).astype(np.float32))
    y = tf.constant((rng.random((32, 1)) > 0.5).astype(np.float32))
    w = tf.Variable(np.zeros((3, 1), np.float32))
    b = tf.Variable(np.float32(0.0))
    traced = []

    def run(n):
        traced.append(1)
        w.assign(tf.zeros((3, 1)))
        b.assign(0.0)
        for _ in tf.range(n) if compiled else range(int(n)):
            with tf.GradientTape() as tape:
                logits = tf.matmul(X, w) + b
                loss = tf.reduce_mean(
                    tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits)
                )
            gw, gb = tape.gradient(loss, [w, b])
            w.assign_sub(0.1 * gw)
            b.assign_sub(0.1 * gb)
        return w.read_value(), b.read_value()

    return (tf.function(run) if compiled else run), traced


def test_an_sgd_loop_is_one_node_with_eagers_bits():
    compiled, traced = _sgd(True)
    eager, _ = _sgd(False)
    for n in (7, 0, 3, 7):
        got, want = compiled(tf.constant(n)), eager(tf.constant(n))
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g.numpy(), w.numpy())
    assert len(traced) == 1  # the body traced once, whatever the trip count
    assert _while_nodes(compiled, tf.constant(7)) == 1


def test_each_step_sees_its_own_earlier_writes():
    v = tf.Variable(1.0)

    def f(n):
        v.assign(1.0)
        total = tf.constant(0.0)
        i = tf.constant(0)
        while i < n:
            v.assign_add(v * 0.5)
            total += v  # read after the write
            v.assign(v - 0.25)
            total += v
            i += 1
        return total

    compiled = tf.function(f)
    for n in (4, 1, 0, 4):
        want_total = f(tf.constant(n))
        want_v = v.numpy()
        assert float(compiled(tf.constant(n))) == float(want_total)
        assert float(v.numpy()) == float(want_v)
    assert _while_nodes(compiled, tf.constant(4)) == 1


def test_a_condition_reading_the_written_variable():
    v = tf.Variable(0.0)

    @tf.function
    def f(step):
        v.assign(0.0)
        count = 0
        while v < 10.0:
            v.assign_add(step)
            count += 1
        return count

    assert int(f(tf.constant(1.5))) == 7
    assert float(v) == 10.5
    assert int(f(tf.constant(4.0))) == 3
    assert float(v) == 12.0
    assert _while_nodes(f, tf.constant(1.5)) == 1


def test_nested_loops_carry_the_writes_outwards():
    v = tf.Variable(0)

    @tf.function
    def f(n):
        v.assign(0)
        for i in tf.range(n):
            for j in tf.range(i):
                v.assign_add(i * j)
        return v.read_value()

    for n in (5, 2, 6):
        assert int(f(tf.constant(n))) == sum(i * j for i in range(n) for j in range(i))
        assert int(v.numpy()) == sum(i * j for i in range(n) for j in range(i))


def test_a_guard_that_stops_the_program_leaves_no_write_behind():
    v = tf.Variable(0.0)

    @tf.function(autograph=False)
    def f(x, n):
        def body(i):
            v.assign_add(x)
            return (i + 1,)

        tf.while_loop(lambda i: i < n, body, (0,))
        if x > 0:  # a Python read after the loop: a guard
            return v + 100.0
        return v - 100.0

    assert float(f(tf.constant(1.0), tf.constant(3))) == 103.0
    assert float(f(tf.constant(1.0), tf.constant(2))) == 105.0
    # the guard disagrees after the loop ran: the writes are undone and the call retraced
    assert float(f(tf.constant(-1.0), tf.constant(2))) == -97.0
    assert float(v) == 3.0
    assert _while_nodes(f, tf.constant(1.0), tf.constant(2)) == 1


def test_a_tape_around_the_loop_still_sees_each_read():
    v = tf.Variable(2.0)

    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in tf.range(3):
                y = y * v
                v.assign_add(1.0)
        g = tape.gradient(y, [x, v])
        v.assign(2.0)
        return y, g

    compiled = tf.function(f)
    want = f(tf.constant(1.5))
    for _ in range(2):
        got = compiled(tf.constant(1.5))
        assert float(got[0]) == float(want[0])
        assert [float(g) for g in got[1]] == [float(g) for g in want[1]]


def test_an_unused_tensor_loop_item_is_not_computed():
    v = tf.Variable(0.0)

    @tf.function
    def f(xs):
        for _ in xs:
            v.assign_add(1.0)
        return v.read_value()

    assert float(f(tf.constant([3.0, 4.0, 5.0]))) == 3.0
    assert float(f(tf.constant([3.0, 4.0, 5.0]))) == 6.0
    node = [n for n in f.get_concrete_function(tf.constant([1.0, 2.0, 3.0])).graph.nodes
            if getattr(n.fn, "name", "") == "while_loop"][0]  # fmt: skip
    assert "call_" not in node.params["body"].source


def test_a_scalar_loop_test_is_an_operator():
    @tf.function
    def f(n):
        return tf.while_loop(lambda i: i < n, lambda i: (i + 1,), (0,))

    assert int(f(tf.constant(5))[0]) == 5
    node = [n for n in f.get_concrete_function(tf.constant(5)).graph.nodes
            if getattr(n.fn, "name", "") == "while_loop"][0]  # fmt: skip
    assert " < " in node.params["cond"].source


def test_the_sigmoid_cross_entropy_gradient_keeps_tfs_branches_bit_for_bit():
    from tapeflow.ops.nn import _sigmoid_xent_grad_impl

    x = np.array([0.0, -0.0, np.inf, -np.inf, 1e-30, -1e-30, 30.0, -30.0, 3.0, -3.0], np.float32)
    z = np.array([1.0, 0.0, 1.0, 0.0, 0.5, 1.0, 1.0, 0.0, 0.25, 0.75], np.float32)
    g = np.linspace(-2.0, 2.0, 10).astype(np.float32)
    s = np.exp(-np.abs(x)) / (np.exp(-np.abs(x)) + np.float32(1))
    want = g * np.where(x >= 0, (1 - z) - s, s - z)  # TF's formula, branch by branch
    got = _sigmoid_xent_grad_impl(g, x, z)
    np.testing.assert_array_equal(got.view(np.int32), want.astype(np.float32).view(np.int32))


def test_a_numeric_add_is_the_operator():
    @tf.function
    def f(x):
        return x * x + 0.5

    assert float(f(tf.constant(2.0))) == 4.5
    assert " + " in f.get_concrete_function(tf.constant(2.0)).pretty_source()
