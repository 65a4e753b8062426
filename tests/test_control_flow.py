"""Control flow and TensorArray: derivatives checked numerically, the tracer hook, memory.

TF's observable behaviour (values, gradients, JVPs, errors) is compared with
golden data in ``test_control_flow_golden.py``; here every op's derivatives
are checked against central differences in float64, to order 2, in both
modes (``tapeflow.test.check_grads``).
"""

from __future__ import annotations

import collections
import gc
import logging

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import control_flow
from tapeflow.test import check_grads

X3 = np.array([0.7, -1.3, 0.4])
X22 = np.array([[0.5, -1.2], [0.9, 0.3]])


def _cond(x):
    return tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.sin(x) * x, lambda: x * x * x)


def _switch(x):
    branches = [lambda: tf.exp(x), lambda: x * tf.cos(x), lambda: x * x]
    return tf.switch_case(tf.constant(1), branches)


def _switch_default(x):
    return tf.switch_case(tf.constant(5), [lambda: x], default=lambda: tf.tanh(x) * x)


def _case(x):
    s = tf.reduce_sum(x)
    return tf.case([(s > 5.0, lambda: x), (s < 0.0, lambda: tf.sin(x) * x)],
                   default=lambda: x * x * x)  # fmt: skip


def _while(x):
    def body(i, y, z):
        return i + 1, y * tf.sin(x) + x, {"z": z["z"] * y}

    out = tf.while_loop(lambda i, y, z: i < 3, body, (0, x, {"z": tf.ones_like(x)}))
    return out[1], out[2]["z"]


def _while_data_dependent(x):
    return tf.while_loop(lambda y: tf.reduce_max(y) < 4.0, lambda y: [y * 1.5 + 0.1], [x * x])[0]


def _while_max_iterations(x):
    return tf.while_loop(lambda y: True, lambda y: [tf.sin(y) * x], [x], maximum_iterations=4)[0]


def _map_fn(x):
    return tf.map_fn(lambda row: tf.reduce_sum(row * row) * tf.sin(row), x)


Pair = collections.namedtuple("Pair", "a b")


def _map_fn_nested(x):
    pair = Pair
    out = tf.map_fn(lambda p: pair(p.a * p.b, tf.exp(p.a)), pair(x, x * 2.0),
                    fn_output_signature=pair(tf.float64, tf.float64))  # fmt: skip
    return out.a, out.b


def _scan(x):
    return tf.scan(lambda acc, v: acc * v + tf.sin(v), x)


def _scan_reverse_init(x):
    return tf.scan(lambda acc, v: (acc[0] * v, acc[1] + v * v), x,
                   initializer=(tf.constant(1.0, tf.float64), tf.constant(0.0, tf.float64)),
                   reverse=True)  # fmt: skip


def _foldl(x):
    return tf.foldl(lambda acc, v: acc * tf.cos(v) + v, x)


def _foldr(x):
    return tf.foldr(lambda acc, v: acc * v + v * v, x, initializer=tf.constant(0.5, tf.float64))


def _vectorized_map(x):
    return tf.vectorized_map(lambda row: tf.tanh(row) * tf.reduce_sum(row), x)


def _tensor_array(x):
    ta = tf.TensorArray(tf.float64, size=0, dynamic_size=True)
    for i in range(3):
        ta = ta.write(i, x * float(i + 1) * tf.sin(x))
    stacked = ta.stack()
    again = tf.TensorArray(tf.float64, size=3, clear_after_read=False).unstack(stacked)
    gathered = again.gather([2, 0])
    scattered = tf.TensorArray(tf.float64, size=4).scatter([3, 1], gathered * gathered)
    split = tf.TensorArray(tf.float64, size=2, clear_after_read=False).split(
        scattered.concat(), [6, 10]
    )
    return again.read(1) * split.read(0)[:4], split.concat()


def _tensor_array_in_loop(x):
    def body(i, ta):
        return i + 1, ta.write(i, tf.gather(x, i) * tf.reduce_prod(x))

    _, ta = tf.while_loop(lambda i, ta: i < 3, body, (0, tf.TensorArray(tf.float64, size=3)))
    return ta.stack()


PROGRAMS = {
    "cond": (_cond, X3),
    "cond_false": (_cond, -X3 - 1.0),
    "switch_case": (_switch, X3),
    "switch_case_default": (_switch_default, X3),
    "case": (_case, X3),
    "while_loop": (_while, X3),
    "while_loop_data_dependent": (_while_data_dependent, np.array([1.1, 1.6])),
    "while_loop_maximum_iterations": (_while_max_iterations, X3),
    "map_fn": (_map_fn, X22),
    "map_fn_nested": (_map_fn_nested, X3),
    "scan": (_scan, X3),
    "scan_reverse_initializer": (_scan_reverse_init, X3),
    "foldl": (_foldl, X3),
    "foldr": (_foldr, X3),
    "vectorized_map": (_vectorized_map, X22),
    "tensor_array": (_tensor_array, np.array([0.3, -0.8, 1.1, 0.6])),
    "tensor_array_in_while_loop": (_tensor_array_in_loop, X3),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_check_grads_order_2_both_modes(name):
    f, x = PROGRAMS[name]
    check_grads(f, [x], order=2, modes=("fwd", "rev"))


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_check_grads_order_2_both_modes_through_a_function(name):
    # The tapes and accumulators outside replay the compiled program: the loop and
    # cond nodes' own VJP and JVP rules, to second order.
    f, x = PROGRAMS[name]
    check_grads(tf.function(f), [x], order=2, modes=("fwd", "rev"))


def _derivatives_inside(f):
    """A tf.function returning f's value, its JVP along ``u`` and the gradient of
    <f, 1> (an accumulator and a tape opened inside the function)."""

    @tf.function
    def inside(x, u):
        with tf.autodiff.ForwardAccumulator(x, u) as acc:
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.nest.flatten(f(x))
                total = tf.add_n([tf.reduce_sum(t) for t in y])
        return y, [acc.jvp(t) for t in y], tape.gradient(total, x)

    return inside


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_forward_and_reverse_inside_a_function_match_eager(name):
    f, x = PROGRAMS[name]
    inside = _derivatives_inside(f)
    rng = np.random.default_rng(7)
    for scale in (1.0, 0.9):  # a second call runs the compiled program
        args = (tf.constant(x * scale), tf.constant(rng.standard_normal(x.shape)))
        got = inside(*args)
        want = _derivatives_inside(f).python_function(*args)
        for g, w in zip(tf.nest.flatten(got), tf.nest.flatten(want)):
            np.testing.assert_allclose(np.asarray(g), np.asarray(w), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_control_flow_creates_no_reference_cycles(name):
    f, x = PROGRAMS[name]
    x = tf.constant(x)

    def program():
        with tf.GradientTape() as tape:
            tape.watch(x)
            out = f(x)
        tape.gradient(out, x)

    program()
    gc.collect()
    gc.disable()
    try:
        program()
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


class _Records(logging.Handler):
    """Collects the tapeflow logger's records (it does not propagate to the root)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def tapeflow_log():
    from tapeflow import _log

    handler = _Records()
    _log.logger().addHandler(handler)
    yield handler
    _log.logger().removeHandler(handler)


def test_back_prop_false_is_accepted_and_gradients_still_flow(tapeflow_log, monkeypatch):
    # TF's eager while_loop ignores back_prop (it only mattered to graphs), and
    # logs its deprecation notice once per process.
    monkeypatch.setattr(control_flow, "_back_prop_warned", False)
    x = tf.constant(2.0)
    for _ in range(2):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.while_loop(lambda y: y < 10.0, lambda y: [y * x], [x], back_prop=False)[0]
        assert float(y) == 16.0
        assert float(tape.gradient(y, x)) == 32.0
    notices = [r for r in tapeflow_log.records if "back_prop=False is deprecated" in r.getMessage()]
    assert len(notices) == 1
    assert notices[0].getMessage().startswith(f"From {__file__}:")


def test_map_fn_warns_once_about_parallel_iterations(tapeflow_log, monkeypatch):
    from tapeflow import higher_order

    monkeypatch.setattr(higher_order, "_warned_parallel", False)
    tf.map_fn(lambda r: r, tf.constant([1.0, 2.0]), parallel_iterations=4)
    tf.map_fn(lambda r: r, tf.constant([1.0, 2.0]), parallel_iterations=4)
    messages = [
        r.getMessage() for r in tapeflow_log.records if "parallel_iterations" in r.getMessage()
    ]
    assert len(messages) == 1


class _RecordingHook:
    """A stand-in tracer: records what it is handed and runs it eagerly."""

    def __init__(self):
        self.calls = []

    def cond(self, pred, true_fn, false_fn):
        self.calls.append(("cond", bool(pred)))
        return true_fn() if bool(pred) else false_fn()

    def switch_case(self, branch_index, branch_fns):
        index = int(branch_index)
        self.calls.append(("switch_case", index, len(branch_fns)))
        return branch_fns[index if 0 <= index < len(branch_fns) else -1]()

    def while_loop(self, cond, body, loop_vars):
        self.calls.append(("while_loop", len(loop_vars)))
        while cond(*loop_vars):
            loop_vars = body(*loop_vars)
        return loop_vars


def test_a_tracer_hook_sees_every_branch_and_loop(monkeypatch):
    hook = _RecordingHook()
    monkeypatch.setattr(control_flow, "_trace_hook", hook)
    x = tf.constant([1.0, 2.0])
    assert float(tf.cond(x[0] > 0.0, lambda: x[0], lambda: x[1])) == 1.0
    assert float(tf.switch_case(tf.constant(9), [lambda: x[0], lambda: x[1]])) == 2.0
    assert float(tf.case([(x[0] > 5.0, lambda: x[0])], default=lambda: x[1])) == 2.0
    loop = tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [0])
    assert int(loop[0]) == 3
    mapped = tf.map_fn(lambda v: v * 2.0, x)
    np.testing.assert_array_equal(mapped.numpy(), [2.0, 4.0])
    kinds = [call[0] for call in hook.calls]
    assert kinds == ["cond", "switch_case", "cond", "while_loop", "while_loop"]
    assert hook.calls[1] == ("switch_case", 9, 2)


def test_tensor_array_values_are_the_written_tensors():
    # Nothing converts to NumPy on the way: a read returns the written tensor.
    value = tf.constant([1.0, 2.0])
    ta = tf.TensorArray(tf.float32, size=1, clear_after_read=False).write(0, value)
    assert ta.read(0) is value


def test_inside_tf_function_each_call_takes_its_own_path():
    # Until tf.function traces branches and bodies as sub-programs, control flow
    # reads its predicates with bool()/int(), which a trace keeps as guards.
    @tf.function
    def f(x, n):
        y = tf.cond(x > 0.0, lambda: x * 2.0, lambda: x * 3.0)
        y = tf.switch_case(n, [lambda: y, lambda: y + 1.0, lambda: y + 2.0])
        ta = tf.TensorArray(tf.float32, size=n + 1)
        _, _, ta = tf.while_loop(
            lambda i, s, ta: i <= n, lambda i, s, ta: (i + 1, s * x, ta.write(i, s)), (0, y, ta)
        )
        return ta.stack()

    for x, n in [(1.0, 1), (-1.0, 1), (2.0, 2), (-2.0, 0), (1.0, 1)]:
        eager = f.python_function(tf.constant(x), tf.constant(n))
        np.testing.assert_array_equal(f(tf.constant(x), tf.constant(n)).numpy(), eager.numpy())


def test_a_refused_write_leaves_the_tensor_array_unchanged():
    ta = tf.TensorArray(tf.float32, size=1, dynamic_size=True).write(0, [1.0])
    for bad in [tf.constant([1]), tf.constant([1.0, 2.0])]:
        with pytest.raises((tf.errors.InvalidArgumentError, ValueError)):
            ta.write(5, bad)
    assert int(ta.size()) == 1
    assert ta.element_shape == tf.TensorShape([1])
