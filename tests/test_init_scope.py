"""tf.init_scope inside a traced tf.function runs eagerly, so Keras layers can be
built inside a compiled train step (a Sequential model without an Input)."""

from __future__ import annotations

import numpy as np

import tapeflow as tf


def test_init_scope_inside_a_trace_gives_concrete_values():
    seen = []

    @tf.function
    def f(x):
        with tf.init_scope():
            seen.append(tf.constant([1, 2]).numpy().tolist())
        return x * 2.0

    assert float(f(tf.constant(3.0))) == 6.0
    assert seen == [[1, 2]]


def test_sequential_without_input_is_built_inside_fit():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 4)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    model = tf.keras.Sequential(
        [tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)]
    )
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    losses = history.history["loss"]
    assert len(losses) == 2 and all(np.isfinite(losses))
    assert [w.shape for w in model.get_weights()] == [(4, 8), (8,), (8, 1), (1,)]
