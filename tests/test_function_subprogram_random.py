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
