"""Random draws and variable writes in tf.while_loop / tf.cond, eager and compiled.

Shared by ``make_rng_loop_golden.py`` (run under TensorFlow) and
``tests/test_function_subprogram_random.py`` (run under tapeflow): each case
takes the module as ``tf``.
"""

from __future__ import annotations


def _while(tf, g, v):
    return lambda k: tf.while_loop(
        lambda i, x: i < 3, lambda i, x: (i + 1, x + g.uniform([])), [0, 0.0]
    )[1]


def _cond(tf, g, v):
    return lambda k: tf.cond(k % 2 == 0, lambda: g.normal([]), lambda: g.uniform([]) + 10.0)


def _while_writes(tf, g, v):
    def f(k):
        tf.while_loop(lambda i: i < 3, lambda i: (v.assign_add(1.5), i + 1)[1:], [0])
        return v.read_value()

    return f


def _while_draws_and_writes(tf, g, v):
    def f(k):
        tf.while_loop(lambda i: i < 2, lambda i: (v.assign_add(g.uniform([])), i + 1)[1:], [0])
        return v.read_value()

    return f


def _cond_in_while(tf, g, v):
    def body(i, x):
        return i + 1, tf.cond(i > 0, lambda: x + g.uniform([]), lambda: x - g.normal([]))

    return lambda k: tf.while_loop(lambda i, x: i < 3, body, [0, 0.0])[1]


def _nested_function(tf, g, v):
    inner = tf.function(_while(tf, g, v))
    return lambda k: inner(k) * 2.0


CASES = {
    "while": _while,
    "cond": _cond,
    "while_writes": _while_writes,
    "while_draws_and_writes": _while_draws_and_writes,
    "cond_in_while": _cond_in_while,
    "nested_function": _nested_function,
}


def run(tf, name: str, compiled: bool, calls: int = 4):
    """(values of ``calls`` calls, generator state, variable) for case ``name``."""
    g = tf.random.Generator.from_seed(7)
    v = tf.Variable(1.0)
    fn = CASES[name](tf, g, v)
    if compiled:
        fn = tf.function(fn)
    values = [float(fn(tf.constant(k))) for k in range(calls)]
    return values, g.state.numpy().tolist(), float(v.numpy())


def summary(tf, name: str) -> dict:
    """What must agree with TensorFlow: compiled equals eager, fresh values on every
    call, and the variable's values (random streams differ: docs/deviations.md)."""
    compiled, eager = run(tf, name, True), run(tf, name, False)
    out = {
        "compiled_equals_eager": compiled == eager,
        "distinct_values": len(set(compiled[0])),
    }
    if name == "while_writes":
        out["values"] = compiled[0]
        out["variable"] = compiled[2]
    return out
