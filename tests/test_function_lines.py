"""Generated lines written as NumPy expressions (inline.py), merged bounds guards
(guards.py), and variable updates without a cast: the compiled program still
returns exactly what the eager run returns."""

from __future__ import annotations

import re

import numpy as np
import pytest

import tapeflow as tf

RNG = np.random.default_rng(5)


def _same(compiled, eager, *args):
    for _ in range(3):  # the trace, then the generated program (twice)
        got, want = compiled(*args), eager(*args)
        for g, w in zip(tf.nest.flatten(got), tf.nest.flatten(want)):
            np.testing.assert_array_equal(g.numpy(), w.numpy())


@pytest.mark.parametrize("ta, tb", [(False, False), (True, False), (False, True), (True, True)])
def test_small_products_are_written_as_matmul_operators(ta, tb):
    a = tf.constant(RNG.normal(size=(6, 4)).astype(np.float32))
    b = tf.constant(RNG.normal(size=(6, 4) if ta != tb else (4, 6)).astype(np.float32))

    def f(b):
        return tf.matmul(a, b, transpose_a=ta, transpose_b=tb)

    compiled = tf.function(f)
    source = compiled.get_concrete_function(b).pretty_source()
    assert not re.search(r"matmul_\d+\(", source) and " @ " in source
    # a constant's transpose is made once, not on every run
    assert ("_lhs @ " in source) == ta and ".T @" not in source
    _same(compiled, f, b)


def test_large_products_keep_the_impl_and_its_thread_switch():
    a = tf.constant(RNG.normal(size=(128, 128)).astype(np.float32))
    compiled = tf.function(lambda x: tf.matmul(x, a))
    assert "matmul_" in compiled.get_concrete_function(a).pretty_source()
    _same(compiled, lambda x: tf.matmul(x, a), a)


def test_bias_and_scalar_gradients_inline_their_reductions():
    x = tf.constant(RNG.normal(size=(5, 3)).astype(np.float32))
    b = tf.Variable(RNG.normal(size=3).astype(np.float32))
    s = tf.Variable(np.float32(0.5))

    def f(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.tanh(x + b + s))
        gb, gs = tape.gradient(loss, [b, s])
        b.assign_sub(0.1 * gb)
        s.assign_sub(0.1 * gs)
        return gb, gs

    compiled = tf.function(f)
    source = compiled.get_concrete_function(x).pretty_source()
    assert ".sum(axis=0)" in source and ".sum(keepdims=True)" in source
    assert "sum_to_shape" not in source
    assert "astype" not in source  # the deltas are float32 as the variables are
    start = [b.numpy(), s.numpy()]
    eager_out = [f(x) for _ in range(3)]
    eager_end = [b.numpy(), s.numpy()]
    b.assign(start[0])
    s.assign(start[1])
    compiled_out = [compiled(x) for _ in range(3)]
    for got, want in zip(compiled_out, eager_out):
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g.numpy(), w.numpy())
    np.testing.assert_array_equal(b.numpy(), eager_end[0])
    np.testing.assert_array_equal(s.numpy(), eager_end[1])


def test_unrolled_range_loop_keeps_one_guard_per_bound():
    v = tf.Variable(0.0)

    @tf.function
    def count(n, v):
        v.assign(0.0)
        for i in tf.range(n):
            # a write through a Variable argument: the loop is unrolled
            v.assign_add(tf.cast(i, tf.float32))
        return v.read_value()

    n = tf.constant(50)
    assert float(count(n, v)) == sum(range(50))
    source = count.get_concrete_function(n, v).pretty_source()
    assert source.count("raise RETRACE") == 2
    # both guards run before the first step's write
    assert source.rindex("raise RETRACE") < source.index("._value +")
    for k in (50, 0, 7, 51, 50):
        assert float(count(tf.constant(k), v)) == sum(range(k))
    assert float(v.numpy()) == sum(range(50))


@pytest.mark.parametrize("answer", [True, False])
def test_merged_bounds_guard_is_the_strongest(answer):
    from tapeflow._function import trace as _trace
    from tapeflow._function.graph import Node
    from tapeflow._function.guards import merge_guards
    from tapeflow.ops.elementwise import greater, less

    constants = {f"c{k}": np.int32(k) for k in range(4)}
    values = {"x": np.int32(9)}
    nodes = []
    for k, op in ((1, greater), (3, greater), (0, greater), (2, less)):
        nodes.append(Node(_trace.OP, op, ["x", f"c{k}"], [f"t{k}"], {}))
        nodes.append(Node(_trace.GUARD, bool, [f"t{k}"], [], None, answer))
    merged = merge_guards(nodes, constants, values)
    kept = [(n.fn, n.ins[1]) for n in merged if n.kind == _trace.OP]
    assert kept == [(greater, "c3" if answer else "c0"), (less, "c2")]


def test_scalar_constants_run_as_0d_arrays_with_the_same_results():
    x = tf.constant(RNG.normal(size=(4, 3)).astype(np.float32))

    def f(x):
        lr = tf.constant(np.float32(0.25))
        return tf.nn.relu(x * lr - 0.1), lr * 2.0

    compiled = tf.function(f)
    _same(compiled, f, x)
    program = compiled.get_concrete_function(x)._program
    run_globals = program.run.__globals__
    scalars = [k for k, v in program.constants.items() if isinstance(v, np.generic)]
    assert scalars
    for name in scalars:
        if name not in program.outputs:
            assert run_globals[name].__class__ is np.ndarray and run_globals[name].ndim == 0
    got, want = compiled(x)[1].numpy(), f(x)[1].numpy()
    assert type(got) is type(want) and got == want


SPECIALS = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 3e38, 1e-42], np.float32)


def test_float_branches_of_small_impls_are_inline_with_the_same_bits():
    x = tf.constant(SPECIALS)
    y = tf.constant(SPECIALS[::-1].copy())

    def f(x, y):
        with tf.GradientTape() as tape:
            tape.watch(x)
            r = tf.nn.relu(x)
            loss = tf.reduce_sum(r * y)
        return (
            x / y,
            tf.pow(tf.abs(x), y),
            tf.reduce_sum(x),
            tf.cast(x, tf.int32),
            tf.cast(tf.cast(x, tf.int64), tf.float16),
            tf.math.divide_no_nan(x, 3.0),
            tape.gradient(loss, x),
        )

    compiled = tf.function(f)
    with np.errstate(all="ignore"):
        source = compiled.get_concrete_function(x, y).pretty_source()
        _same(compiled, f, x, y)
    for impl in ("divide", "pow", "reduce_sum", "cast", "relu_grad", "divide_no_nan"):
        assert not re.search(rf"= {impl}_\d+\(", source), impl
    assert ".astype(" in source and ".sum(" in source


def test_scalar_used_only_with_arrays_is_promoted_and_results_match():
    w = tf.Variable(RNG.normal(size=(3, 2)).astype(np.float32))
    b = tf.Variable(RNG.normal(size=2).astype(np.float32))
    count = tf.Variable(np.float32(1.0))

    def step(g):
        alpha = tf.sqrt(1.0 - tf.pow(0.999, count)) / (1.0 - tf.pow(0.9, count))
        w.assign_sub(g * alpha)
        b.assign_sub(tf.reduce_sum(g, axis=0) * alpha)
        count.assign_add(1.0)

    g = tf.constant(RNG.normal(size=(3, 2)).astype(np.float32))
    compiled = tf.function(step)
    assert "_asarray(" in compiled.get_concrete_function(g).pretty_source()
    start = (w.numpy(), b.numpy(), count.numpy())
    for _ in range(3):
        compiled(g)
    got = (w.numpy(), b.numpy(), count.numpy())
    w.assign(start[0]), b.assign(start[1]), count.assign(start[2])
    for _ in range(3):
        step(g)
    for have, want in zip(got, (w.numpy(), b.numpy(), count.numpy())):
        np.testing.assert_array_equal(have, want)
    assert type(count.numpy()) is np.float32


def test_a_scalar_gradient_meeting_scalars_is_a_numpy_scalar():
    x = tf.constant(RNG.normal(size=(6, 2)).astype(np.float32))
    w = tf.Variable(RNG.normal(size=(2, 1)).astype(np.float32))
    b = tf.Variable(np.float32(0.25))

    def f(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.tanh(tf.matmul(x, w) + b))
        gw, gb = tape.gradient(loss, [w, b])
        w.assign_sub(0.1 * gw)  # 0.1 meets an array here (a 0-d array operand)...
        b.assign_sub(0.1 * gb)  # ...and a scalar here: the scalar itself
        return loss

    compiled = tf.function(f)
    source = compiled.get_concrete_function(x).pretty_source()
    assert "_sum(" in source and "_scalar * " in source
    start = [w.numpy(), b.numpy()]
    eager = [f(x).numpy() for _ in range(3)] + [w.numpy(), b.numpy()]
    w.assign(start[0])
    b.assign(start[1])
    got = [compiled(x).numpy() for _ in range(3)] + [w.numpy(), b.numpy()]
    for g, e in zip(got, eager):
        np.testing.assert_array_equal(g, e)
        assert np.ndim(g) == np.ndim(e)
