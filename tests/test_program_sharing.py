"""Compiled-program passes that share values: repeated variable reads with no
write between them, equal scalar constants (and the ops on them)."""

from __future__ import annotations

import numpy as np

import tapeflow as tf


def _source(function, *args) -> str:
    return function.get_concrete_function(*args).pretty_source()


def test_a_variable_read_twice_without_a_write_is_read_once():
    v = tf.Variable(2.0)

    @tf.function
    def f(x):
        return v * x + v

    assert _source(f, tf.constant(3.0)).count("._value") == 1
    assert float(f(tf.constant(3.0))) == 8.0
    v.assign(1.0)
    assert float(f(tf.constant(3.0))) == 4.0


def test_a_write_between_two_reads_keeps_both():
    v = tf.Variable(2.0)

    @tf.function
    def f():
        before = v.read_value()
        v.assign_add(1.0)
        return before + v.read_value()

    assert [float(f()) for _ in range(3)] == [5.0, 7.0, 9.0]


def test_a_write_through_one_argument_is_seen_through_another():
    # Traced with two variables, called with one variable twice: the program's
    # second read of `b` must see the write through `a`.
    @tf.function
    def f(a, b):
        first = b.read_value()
        a.assign_add(1.0)
        return first + b.read_value()

    v1, v2 = tf.Variable(0.0), tf.Variable(0.0)
    assert float(f(v1, v2)) == 0.0
    assert float(f(v1, v2)) == 0.0
    v = tf.Variable(0.0)
    assert float(f(v, v)) == 1.0
    assert float(f(v, v)) == 3.0


def test_a_write_to_a_captured_variable_is_seen_through_an_argument():
    captured = tf.Variable(0.0)

    @tf.function
    def f(a):
        first = a.read_value()
        captured.assign_add(1.0)
        return first + a.read_value()

    other = tf.Variable(10.0)
    assert [float(f(other)) for _ in range(2)] == [20.0, 20.0]
    assert [float(f(captured)) for _ in range(2)] == [5.0, 7.0]


def test_equal_scalar_constants_make_one_computation():
    # Adam's shape: beta ** step for each variable, beta a fresh constant each time.
    step = tf.Variable(1.0)
    weights = [tf.Variable(np.ones(3, np.float32)), tf.Variable(np.ones(2, np.float32))]

    @tf.function
    def update():
        for w in weights:
            w.assign_sub(w * tf.pow(tf.constant(0.9), step))
        step.assign_add(1.0)

    update()
    source = _source(update)
    assert source.count("pow_") == 1
    update()
    np.testing.assert_allclose(weights[0].numpy(), np.full(3, 0.1 * 0.19), rtol=1e-6)


def test_an_update_of_the_variables_dtype_is_not_cast_back():
    v = tf.Variable(np.arange(3, dtype=np.float32))
    n = tf.Variable(0, dtype=tf.int64)

    @tf.function
    def f(x):
        v.assign_sub(x * 0.5)
        n.assign_add(1)

    f(tf.ones(3))
    assert ".astype(" not in _source(f, tf.ones(3))
    f(tf.ones(3))
    assert v.numpy().dtype == np.float32 and n.numpy().dtype == np.int64
    np.testing.assert_array_equal(v.numpy(), [-1.0, 0.0, 1.0])
    assert int(n.numpy()) == 2
