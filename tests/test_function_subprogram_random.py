"""Random draws and variable writes inside tf.while_loop / tf.cond in a tf.function.

A compiled function must give the same numbers as eager execution from the same
generator state, and leave the same generator state and variable values: the
sub-traces' draws are undone (TensorFlow draws nothing while tracing), and the
loop node's draws are no constant writes of the enclosing trace.
"""

from __future__ import annotations

import pytest

import tapeflow as tf


def _while(g, v):
    return lambda k: tf.while_loop(
        lambda i, x: i < 3, lambda i, x: (i + 1, x + g.uniform([])), [0, 0.0]
    )[1]


def _cond(g, v):
    return lambda k: tf.cond(k % 2 == 0, lambda: g.normal([]), lambda: g.uniform([]) + 10.0)


def _while_writes(g, v):
    def f(k):
        tf.while_loop(lambda i: i < 3, lambda i: (v.assign_add(1.5), i + 1)[1:], [0])
        return v.read_value()

    return f


def _while_draws_and_writes(g, v):
    def f(k):
        tf.while_loop(lambda i: i < 2, lambda i: (v.assign_add(g.uniform([])), i + 1)[1:], [0])
        return v.read_value()

    return f


def _cond_in_while(g, v):
    def body(i, x):
        return i + 1, tf.cond(i > 0, lambda: x + g.uniform([]), lambda: x - g.normal([]))

    return lambda k: tf.while_loop(lambda i, x: i < 3, body, [0, 0.0])[1]


def _nested_function(g, v):
    inner = tf.function(_while(g, v))
    return lambda k: inner(k) * 2.0


def _run(make, compiled: bool, calls: int = 4):
    g = tf.random.Generator.from_seed(7)
    v = tf.Variable(1.0)
    fn = make(g, v)
    if compiled:
        fn = tf.function(fn)
    values = [float(fn(tf.constant(k))) for k in range(calls)]
    return values, g.state.numpy().tolist(), float(v.numpy())


@pytest.mark.parametrize(
    "make",
    [_while, _cond, _while_writes, _while_draws_and_writes, _cond_in_while, _nested_function],
)
def test_compiled_equals_eager(make):
    values, state, variable = _run(make, compiled=True)
    assert (values, state, variable) == _run(make, compiled=False)
    assert len(set(values)) == len(values)  # the stream advances on every call


def test_loop_draws_are_no_constant_writes():
    g = tf.random.Generator.from_seed(1)
    f = tf.function(_while(g, None))
    f(tf.constant(0))
    program = f.get_concrete_function(tf.constant(0))._program
    assert "._value =" not in program.source


def test_variable_after_loop_matches_tensorflow():
    # TF 2.21: each call adds 3 * 1.5 to the variable.
    assert _run(_while_writes, compiled=True) == ([5.5, 10.0, 14.5, 19.0], [0, 0, 7], 19.0)
