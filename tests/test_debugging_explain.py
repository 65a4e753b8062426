"""Why is a gradient None? One test per reason: the code, the op and the user's line."""

from __future__ import annotations

import logging
import sys

import numpy as np
import pytest

import tapeflow as tf

HERE = __file__


def _here() -> int:
    return sys._getframe(1).f_lineno


@pytest.fixture
def explaining():
    tf.debugging.enable_gradient_explanations()
    try:
        yield
    finally:
        tf.debugging.disable_gradient_explanations()


def _only(tape, target, source) -> tf.debugging.Reason:
    explanation = tf.debugging.explain_gradient(tape, target, source)
    (reasons,) = explanation.reasons
    assert len(reasons) == 1, str(explanation)
    return reasons[0]


def _at(reason, line: int) -> None:
    assert reason.filename == HERE and reason.lineno == line, str(reason)
    assert f"{HERE}:{line}" in reason.message


def test_constant_never_watched():
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
    reason = _only(tape, y, x)
    assert reason.code == "not_watched" and "tape.watch()" in reason.message
    assert tape.gradient(y, x) is None


def test_non_trainable_variable():
    w = tf.Variable(2.0, trainable=False)
    with tf.GradientTape(persistent=True) as tape:
        y = w * w
    assert _only(tape, y, w).code == "not_trainable"


def test_watch_accessed_variables_false():
    w = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False, persistent=True) as tape:
        y = w * w
    reason = _only(tape, y, w)
    assert reason.code == "watch_accessed_variables"
    assert "watch_accessed_variables=False" in reason.message


def test_integer_source():
    x = tf.constant(3)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    reasons = tf.debugging.explain_gradient(tape, y, x).reasons[0]
    assert reasons[0].code == "integer_source" and "int32" in reasons[0].message


def test_tape_already_used():
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    assert _only(tape, y, x).code == "tape_used"


def test_connected_source_has_no_reason():
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    explanation = tf.debugging.explain_gradient(tape, y, [x])
    assert explanation.reasons == [[]] and "connected" in str(explanation)


def test_without_the_mode_the_reason_asks_for_it():
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.round(x)
    reason = _only(tape, y, x)
    assert reason.code == "target_not_recorded"
    assert "enable_gradient_explanations" in reason.message


@pytest.mark.parametrize(
    "make, op",
    [
        (lambda x: tf.round(x * 2.0) * 3.0, "Round"),
        (lambda x: tf.cast(tf.argmax(tf.stack([x, x * 2.0])), tf.float32) * 2.0, "ArgMax"),
        (lambda x: tf.cast(x > 1.0, tf.float32) * 2.0, "Greater"),
        (lambda x: tf.stop_gradient(x * 2.0) * 3.0, "StopGradient"),
    ],
)
def test_op_with_no_gradient(explaining, make, op):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = make(x)
    reason = _only(tape, y, x)
    assert reason.code == "no_gradient_op" and reason.op == op
    assert reason.filename == HERE and reason.site.function == "<lambda>"


def test_op_with_no_gradient_names_the_line(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        line = _here() + 1
        y = tf.round(x * 2.0) * 3.0
    reason = _only(tape, y, x)
    assert reason.code == "no_gradient_op" and reason.op == "Round"
    _at(reason, line)


def test_cast_to_int(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        line = _here() + 1
        y = tf.cast(tf.cast(x, tf.int32), tf.float32)
    reason = _only(tape, y, x)
    assert reason.code == "integer_op" and reason.op == "Cast" and "int32" in reason.message
    _at(reason, line)


@pytest.mark.parametrize("how", [".numpy()", "np.asarray()", "float()", "int()"])
def test_value_left_tapeflow(explaining, how):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        z = x * 2.0
        line = _here() + 1
        out = {".numpy()": z.numpy, "np.asarray()": lambda: np.asarray(z), "float()": lambda: float(z), "int()": lambda: int(z)}[how]()  # fmt: skip
        y = tf.constant(out, dtype=tf.float32) * 3.0
    reason = _only(tape, y, x)
    assert reason.code == "left_tapeflow" and how in reason.message
    assert reason.filename == HERE and reason.lineno == line
    assert reason.op == "Mul"


def test_target_computed_before_the_tape(explaining):
    x = tf.constant(3.0)
    line = _here() + 1
    y = x * x
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
    reason = _only(tape, y, x)
    assert reason.code == "before_tape" and reason.op == "Mul"
    _at(reason, line)


def test_target_computed_after_the_tape(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
    line = _here() + 1
    y = x * x
    reason = _only(tape, y, x)
    assert reason.code == "after_tape" and "with` block ended" in reason.message
    _at(reason, line)


def test_target_computed_in_stop_recording(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        with tape.stop_recording():
            line = _here() + 1
            y = x * x
    reason = _only(tape, y, x)
    assert reason.code == "stop_recording" and reason.op == "Mul"
    _at(reason, line)


def test_tape_reset_after_the_target(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        line = _here() + 1
        y = x * x
        reset_line = _here() + 1
        tape.reset()
        tape.watch(x)
    reason = _only(tape, y, x)
    assert reason.code == "reset" and f"{HERE}:{reset_line}" in reason.message
    _at(reason, line)


def test_variable_recreated(explaining):
    v = tf.Variable(1.0, name="w")
    with tf.GradientTape(persistent=True) as tape:
        line = _here() + 1
        y = v * 2.0
    v = tf.Variable(1.0, name="w")
    reason = _only(tape, y, v)
    assert reason.code == "different_object" and "'w:0'" in reason.message
    _at(reason, line)


def test_variable_recreated_without_the_mode():
    v = tf.Variable(1.0, name="w")
    with tf.GradientTape(persistent=True) as tape:
        y = v * 2.0
    v = tf.Variable(1.0, name="w")
    assert _only(tape, y, v).code == "different_object"


def test_tensor_reassigned(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        watch_line = _here() + 1
        tape.watch(x)
        line = _here() + 1
        y = x * x
    x = tf.constant(3.0)
    reason = _only(tape, y, x)
    assert reason.code == "different_object" and f"{HERE}:{watch_line}" in reason.message
    _at(reason, line)


def test_variable_read_before_the_tape(explaining):
    v = tf.Variable(1.0)
    line = _here() + 1
    cached = v.read_value()
    with tf.GradientTape(persistent=True) as tape:
        y = cached * 2.0
    reason = _only(tape, y, v)
    assert reason.code == "read_before_tape" and reason.op == "ReadVariableOp"
    _at(reason, line)


def test_the_mode_logs_each_none(explaining, caplog):
    logger = logging.getLogger("tapeflow")
    logger.addHandler(caplog.handler)
    try:
        x, w = tf.constant(3.0), tf.Variable(1.0)
        with tf.GradientTape() as tape:
            y = tf.round(w * x)
        assert tape.gradient(y, [w, x]) == [None, None]
    finally:
        logger.removeHandler(caplog.handler)
    text = caplog.text
    assert "source 0 (Variable 'Variable:0') gets no gradient" in text
    assert "Round" in text and "source 1" in text and "never watched" in text


def test_the_mode_is_silent_for_connected_gradients_and_undone_when_off(caplog):
    tf.debugging.enable_gradient_explanations()
    tf.debugging.enable_gradient_explanations()  # idempotent
    try:
        w = tf.Variable(2.0)
        with tf.GradientTape() as tape:
            y = w * w
        assert float(tape.gradient(y, w)) == 4.0
    finally:
        tf.debugging.disable_gradient_explanations()
    tf.debugging.disable_gradient_explanations()
    assert "numpy" in tf.Tensor.__dict__ or "numpy" not in tf.Tensor.__dict__
    assert tf.GradientTape.gradient.__module__ == "tapeflow._tape"
    assert tf.Tensor.__float__.__module__ == "tapeflow._tensor"


def test_a_used_tape_under_the_mode(explaining):
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        line = _here() + 1
        z = tf.round(x)
    assert float(tape.gradient(y, x)) == 6.0
    explanation = tf.debugging.explain_gradient(tape, [y, z], [x, x])
    assert explanation.reasons[0][0].code == "tape_used"  # connected once, used up now
    explanation = tf.debugging.explain_gradient(tape, z, x)
    _at(explanation.reasons[0][0], line)  # what cut it, from the kept state


def test_modes_leave_nothing_on_the_stack():
    from tapeflow import _dispatch

    tf.debugging.enable_check_numerics()
    tf.debugging.enable_gradient_explanations()
    assert _dispatch.something_active()
    tf.debugging.disable_gradient_explanations()
    tf.debugging.disable_check_numerics()
    assert not _dispatch.something_active() and _dispatch._recorder_count == 0
