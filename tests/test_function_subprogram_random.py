"""Random draws and variable writes inside tf.while_loop / tf.cond in a tf.function.

A compiled function must give the same numbers as eager execution from the same
generator state, and leave the same generator state and variable values: the
sub-traces' draws are undone (TensorFlow draws nothing while tracing), and the
loop node's draws are no constant writes of the enclosing trace. The cases are
``tests/golden/rng_loop_cases.py``; ``rng_loop.json`` is what TensorFlow 2.21
gives for them (``make_rng_loop_golden.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden import rng_loop_cases

GOLDEN = json.loads((Path(__file__).parent / "golden" / "rng_loop.json").read_text())


@pytest.mark.parametrize("name", sorted(rng_loop_cases.CASES))
def test_compiled_equals_eager(name):
    compiled = rng_loop_cases.run(tf, name, compiled=True)
    assert compiled == rng_loop_cases.run(tf, name, compiled=False)
    assert len(set(compiled[0])) == len(compiled[0])  # the stream advances on every call


@pytest.mark.parametrize("name", sorted(rng_loop_cases.CASES))
def test_matches_tensorflow(name):
    assert rng_loop_cases.summary(tf, name) == GOLDEN[name]


def test_loop_draws_are_no_constant_writes():
    g = tf.random.Generator.from_seed(1)
    f = tf.function(rng_loop_cases.CASES["while"](tf, g, None))
    f(tf.constant(0))
    program = f.get_concrete_function(tf.constant(0))._program
    assert "._value =" not in program.source


def _noisy_loop(generator, x):
    body = lambda i, y: (i + 1, y * x + generator.normal([]))  # noqa: E731
    return tf.while_loop(lambda i, y: i < 3, body, [0, 1.0])[1]


def test_gradient_through_a_loop_that_draws_equals_eager():
    x = tf.Variable(2.0)
    compiled_gen, eager_gen = tf.random.Generator.from_seed(1), tf.random.Generator.from_seed(1)

    def step(generator):
        with tf.GradientTape() as tape:
            y = _noisy_loop(generator, x)
        return y, tape.gradient(y, x)

    compiled = tf.function(lambda: step(compiled_gen))
    for _ in range(3):
        got, want = compiled(), step(eager_gen)
        np.testing.assert_array_equal([t.numpy() for t in got], [t.numpy() for t in want])


def test_outer_tape_through_a_compiled_loop_that_draws():
    x = tf.Variable(2.0)
    compiled_gen, eager_gen = tf.random.Generator.from_seed(1), tf.random.Generator.from_seed(1)
    compiled = tf.function(lambda: _noisy_loop(compiled_gen, x))
    with tf.GradientTape() as tape:
        y = compiled()
    with tf.GradientTape() as eager_tape:
        y_eager = _noisy_loop(eager_gen, x)
    assert float(y) == float(y_eager)
    assert float(tape.gradient(y, x)) == float(eager_tape.gradient(y_eager, x))
