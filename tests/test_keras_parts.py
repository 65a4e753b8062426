"""Optimizers, losses, metrics, initializers, activations, regularizers: behaviour checks.

Values recorded from Keras 3 live in tests/golden/keras_parts.json (see
test_keras_parts_golden.py); these are the checks that need no reference.
"""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

keras = tf.keras


def test_get_resolves_names_dicts_and_objects():
    assert type(keras.optimizers.get("adam")).__name__ == "Adam"
    opt = keras.optimizers.SGD()
    assert keras.optimizers.get(opt) is opt
    assert keras.optimizers.get({"class_name": "RMSprop", "config": {"rho": 0.8}}).rho == 0.8
    assert keras.losses.get("mse") is keras.losses.mean_squared_error
    assert isinstance(
        keras.losses.get({"class_name": "Huber", "config": {"delta": 2.0}}), keras.losses.Huber
    )
    assert keras.metrics.get("accuracy") is keras.metrics.accuracy
    assert type(keras.initializers.get("glorot_uniform")).__name__ == "GlorotUniform"
    assert keras.activations.get(None) is keras.activations.linear
    assert keras.regularizers.get("l1").l1 == 0.01
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        keras.optimizers.get("nope")


def test_optimizer_state_and_learning_rate():
    w = tf.Variable([1.0, 2.0])
    opt = keras.optimizers.Adam(learning_rate=0.1)
    opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
    assert int(opt.iterations.numpy()) == 1
    assert len(opt.variables) == 4  # iteration, learning_rate, momentum, velocity
    opt.learning_rate = 0.5
    assert float(opt.learning_rate.numpy()) == 0.5
    opt.apply([tf.constant([1.0, 1.0])])
    assert int(opt.iterations.numpy()) == 2
    with pytest.raises(ValueError, match="Unknown variable"):
        opt.apply_gradients([(tf.constant(1.0), tf.Variable(1.0))])


def test_minimize_with_tape_and_callable():
    x = tf.Variable(2.0)
    opt = keras.optimizers.SGD(0.5)
    with tf.GradientTape() as tape:
        loss = x * x
    opt.minimize(loss, [x], tape=tape)
    assert float(x.numpy()) == 0.0


def test_schedule_drives_learning_rate_and_is_not_settable():
    schedule = keras.optimizers.schedules.ExponentialDecay(1.0, 1, 0.5)
    w = tf.Variable(0.0)
    opt = keras.optimizers.SGD(schedule)
    for _ in range(3):
        opt.apply_gradients([(tf.constant(1.0), w)])
    assert float(w.numpy()) == -1.75
    with pytest.raises(TypeError, match="not settable"):
        opt.learning_rate = 0.1


def test_metric_reset_and_weights():
    m = keras.metrics.Mean()
    m.update_state([1.0, 2.0, 3.0], sample_weight=[1.0, 0.0, 1.0])
    assert float(m.result().numpy()) == 2.0
    m.reset_state()
    assert float(m.result().numpy()) == 0.0


def test_seeded_initializer_repeats_and_unseeded_differs():
    seeded = keras.initializers.GlorotUniform(seed=7)
    np.testing.assert_array_equal(seeded((3, 4)).numpy(), seeded((3, 4)).numpy())
    unseeded = keras.initializers.RandomNormal()
    assert not np.array_equal(unseeded((5,)).numpy(), unseeded((5,)).numpy())
    limit = np.sqrt(6.0 / 7.0)
    assert np.abs(seeded((3, 4)).numpy()).max() <= limit


def test_regularizer_values():
    w = tf.constant([[1.0, -2.0]])
    assert float(keras.regularizers.L1(0.1)(w).numpy()) == pytest.approx(0.3)
    assert float(keras.regularizers.L1L2(0.1, 0.1)(w).numpy()) == pytest.approx(0.8)
