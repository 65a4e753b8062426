"""enable_check_numerics: the first NaN or Inf, forward or backward, names its op and line."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import tapeflow as tf

HERE = __file__


def _here() -> int:
    return sys._getframe(1).f_lineno


@pytest.fixture
def numerics():
    tf.debugging.enable_check_numerics()
    try:
        yield
    finally:
        tf.debugging.disable_check_numerics()


def _raises(fn) -> str:
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn()
    return info.value.message


def test_sqrt_at_zero_in_a_norm_fails_in_the_backward_pass(numerics):
    x = tf.Variable([0.0, 0.0])
    with tf.GradientTape() as tape:
        norm_line = _here() + 1
        y = tf.norm(x)
    assert float(y) == 0.0  # the forward pass is finite
    message = _raises(lambda: tape.gradient(y, x))
    gradient_line = _here() - 1
    assert "in the gradient rule of primitive 'sqrt'" in message
    assert f'forward op "Sqrt" called at {HERE}:{norm_line}' in message
    assert f"Called from: {HERE}:{gradient_line}" in message
    assert "# of +Inf elements: 1" in message
    assert "Tensor had +Inf values [Op:CheckNumericsV2]" in message
    assert "1: shape=(1,) dtype=float32 min=0.0 max=0.0 NaN=0 Inf=0" in message


def test_log_of_zero_in_a_cross_entropy(numerics):
    labels = tf.constant([[0.0, 1.0]])
    probs = tf.Variable([[1.0, 0.0]])
    with tf.GradientTape():
        message = _raises(lambda: -tf.reduce_sum(labels * tf.math.log(probs)))
        line = _here() - 1
    assert 'eagerly-executing op "Log"' in message
    assert "# of -Inf elements: 1" in message
    assert f"Called from: {HERE}:{line}" in message
    assert "Backward pass" not in message
    assert "Tensor had -Inf values" in message


def test_where_double_branch_nan(numerics):
    x = tf.Variable([0.0, 4.0])
    with tf.GradientTape() as tape:
        sqrt_line = _here() + 1
        y = tf.reduce_sum(tf.where(x > 0, tf.sqrt(x), 0.0))
    assert float(y) == 2.0
    message = _raises(lambda: tape.gradient(y, x))
    assert f'forward op "Sqrt" called at {HERE}:{sqrt_line}' in message
    assert "Primitive: divide" in message


def test_overflow_in_exp(numerics):
    x = tf.constant([1.0, 100.0])
    message = _raises(lambda: tf.exp(x))
    line = _here() - 1
    assert 'op "Exp" (# of outputs: 1)' in message
    assert "# of +Inf elements: 1" in message
    assert "0: shape=(2,) dtype=float32 min=1.0 max=100.0 NaN=0 Inf=0" in message
    assert f"Called from: {HERE}:{line}" in message


def test_nan_seed_from_a_constant_is_caught_at_its_first_op(numerics):
    bad = tf.constant([np.nan])  # a constant is no op: TF does not check it either
    message = _raises(lambda: bad * 2.0)
    assert 'op "Mul"' in message and "# of +NaN elements: 1" in message


def test_off_by_default_and_thread_local():
    assert np.isinf(tf.exp(tf.constant(100.0)).numpy())
    import threading

    tf.debugging.enable_check_numerics()
    tf.debugging.enable_check_numerics()  # idempotent
    try:
        seen = []
        thread = threading.Thread(target=lambda: seen.append(float(tf.exp(tf.constant(100.0)))))
        thread.start()
        thread.join()
        assert seen == [float("inf")]
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.exp(tf.constant(100.0))
    finally:
        tf.debugging.disable_check_numerics()
    tf.debugging.disable_check_numerics()  # a no-op when off
    assert np.isinf(tf.exp(tf.constant(100.0)).numpy())


def test_gradients_are_unchanged_when_finite(numerics):
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.softmax(w @ w))
    grad = tape.gradient(loss, w)
    tf.debugging.disable_check_numerics()
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.softmax(w @ w))
    np.testing.assert_array_equal(grad.numpy(), tape.gradient(loss, w).numpy())


def test_inside_a_tf_function(numerics):
    @tf.function
    def f(x):
        return tf.math.log(x) * 2.0

    tf.debugging.disable_check_numerics()
    f(tf.constant([1.0, 2.0]))  # traced and compiled with the mode off
    f(tf.constant([1.0, 2.0]))
    tf.debugging.enable_check_numerics()
    message = _raises(lambda: f(tf.constant([0.0, 2.0])))
    assert 'op "Log"' in message and "# of -Inf elements: 1" in message


def test_import_tapeflow_does_not_load_debugging():
    import subprocess

    code = (
        "import sys, tapeflow as tf; a = 'tapeflow.debugging' in sys.modules; tf.Assert; "
        "print(a, 'tapeflow.debugging' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
