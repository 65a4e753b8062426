"""Compiled functions and Keras training on CuPy arrays, through the fake CuPy.

Each program runs twice, on NumPy and in a ``tf.device("/GPU:0")`` block on
the fake (tests/fake_cupy.py: NumPy behind CuPy's interface, refusing
implicit conversion): the results must be equal, and the GPU run's values
must have stayed on the "GPU".
"""

import numpy as np
import pytest

import tapeflow as tf
from tests import fake_cupy
from tests.fake_cupy import FakeCupyArray


@pytest.fixture
def fake_gpu():
    fake_cupy.install()
    try:
        yield
    finally:
        fake_cupy.uninstall()


def _data():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = (x @ rng.standard_normal((4, 1))).astype(np.float32)
    kernels = [rng.standard_normal(s).astype(np.float32) * 0.5 for s in ((4, 8), (8, 1))]
    return x, y, kernels


@tf.function
def _grad_step(x, w, b):
    with tf.GradientTape() as tape:
        tape.watch([w, b])
        h = tf.nn.relu(tf.matmul(x, w) + b)
        loss = tf.reduce_mean(tf.square(h)) + tf.reduce_sum(tf.zeros_like(b))
    return loss, tape.gradient(loss, [w, b])


def test_tf_function_on_the_fake_gpu_equals_numpy(fake_gpu):
    x, _, (w, _) = _data()
    b = np.full((8,), 0.1, np.float32)
    expected = _grad_step(tf.constant(x), tf.constant(w), tf.constant(b))
    with tf.device("/GPU:0"):
        args = [tf.constant(v) for v in (x, w, b)]
    for _ in range(2):  # the trace, then the generated program
        loss, (gw, gb) = _grad_step(*args)
        for got, want in zip((loss, gw, gb), (expected[0], *expected[1])):
            assert isinstance(got._value, FakeCupyArray)
            np.testing.assert_allclose(got.numpy(), want.numpy(), rtol=1e-6)
    assert len(_grad_step._programs) == 2  # NumPy and CuPy arguments trace apart


def _model(kernels):
    return tf.keras.Sequential([
        tf.keras.Input((4,)),
        tf.keras.layers.Dense(8, activation="relu",
                              kernel_initializer=tf.keras.initializers.Constant(kernels[0])),
        tf.keras.layers.Dense(1, kernel_initializer=tf.keras.initializers.Constant(kernels[1])),
    ])  # fmt: skip


def _fit():
    x, y, kernels = _data()
    model = _model(kernels)
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
    return history.history["loss"], model


def test_keras_fit_on_the_fake_gpu_equals_numpy(fake_gpu):
    expected, _ = _fit()
    with tf.device("/GPU:0"):
        got, model = _fit()
    assert all(isinstance(tf.convert_to_tensor(w)._value, FakeCupyArray) for w in model.weights)
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def _custom_loop():
    x, y, kernels = _data()
    model = _model(kernels)
    optimizer = tf.keras.optimizers.SGD(0.05)
    data = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    losses = []
    for _ in range(2):
        for xb, yb in data:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(model(xb, training=True) - yb))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            losses.append(float(loss.numpy()))
    return losses, model


def test_keras_custom_loop_on_the_fake_gpu_equals_numpy(fake_gpu):
    expected, _ = _custom_loop()
    with tf.device("/GPU:0"):
        got, model = _custom_loop()
    assert all(isinstance(tf.convert_to_tensor(w)._value, FakeCupyArray) for w in model.weights)
    np.testing.assert_allclose(got, expected, rtol=1e-5)
