"""Masking and RNN dropout cases run identically by real Keras 3 (recording) and tapeflow (testing).

Each case takes the ``tf`` module (TensorFlow or tapeflow) and a function
reading a tensor's Keras mask, builds a small model with fixed weights, and
returns named NumPy results: outputs, gradients, the masks the outputs
carry, and fit histories whose losses the masks weight.
"""

from __future__ import annotations

import numpy as np


def _fixed(shape, salt: int) -> np.ndarray:
    n = int(np.prod(shape))
    return (0.6 * np.sin(np.arange(n) * 0.7 + salt * 1.3 + 0.1)).reshape(shape).astype(np.float32)


def _set_fixed(model) -> None:
    model.set_weights([_fixed(tuple(w.shape), i + 1) for i, w in enumerate(model.weights)])


IDS = np.array([[3, 1, 4, 0, 0], [0, 2, 0, 5, 1], [2, 2, 2, 2, 2]], np.int32)
FEATURES = np.stack(
    [_fixed((5, 3), 7), _fixed((5, 3), 8), _fixed((5, 3), 9)]
)  # steps 1 and 3 of the second row and the last step of the first are padding
FEATURES[1, 1] = 0.0
FEATURES[1, 3] = 0.0
FEATURES[0, 4] = 0.0


def _mask(get_mask, x):
    m = get_mask(x)
    return None if m is None else np.asarray(m).astype(bool)


def _embedded_rnn(tf, get_mask, rnn, **kwargs):
    keras = tf.keras
    inputs = keras.Input((5,), dtype="int32")
    embedded = keras.layers.Embedding(6, 3, mask_zero=True)(inputs)
    out = getattr(keras.layers, rnn)(4, **kwargs)(embedded)
    model = keras.Model(inputs, out)
    _set_fixed(model)
    ids = tf.constant(IDS)
    with tf.GradientTape() as tape:
        result = model(ids)
        first = result[0] if isinstance(result, (list, tuple)) else result
        loss = tf.reduce_sum(first * first)
    grads = tape.gradient(loss, model.trainable_weights)
    values = {"out": np.asarray(first), "out_mask": _mask(get_mask, first)}
    if isinstance(result, (list, tuple)):
        for i, state in enumerate(result[1:]):
            values[f"state{i}"] = np.asarray(state)
    for i, g in enumerate(grads):
        values[f"grad{i}"] = np.asarray(tf.convert_to_tensor(g))
    return values


def _masking_layer(tf, get_mask, rnn, **kwargs):
    keras = tf.keras
    model = keras.Sequential(
        [
            keras.Input((5, 3)),
            keras.layers.Masking(0.0),
            getattr(keras.layers, rnn)(2, **kwargs),
        ]
    )
    _set_fixed(model)
    x = tf.constant(FEATURES)
    out = model(x)
    masked = keras.layers.Masking(0.0)(x)
    return {
        "out": np.asarray(out),
        "out_mask": _mask(get_mask, out),
        "masking_out": np.asarray(masked),
        "masking_mask": _mask(get_mask, masked),
    }


def _masked_fit(tf, get_mask):
    keras = tf.keras
    model = keras.Sequential(
        [
            keras.Input((5,), dtype="int32"),
            keras.layers.Embedding(6, 3, mask_zero=True),
            keras.layers.SimpleRNN(4, return_sequences=True),
            keras.layers.Dense(2),
        ]
    )
    _set_fixed(model)
    model.compile(
        optimizer=keras.optimizers.SGD(0.1),
        loss="mse",
        metrics=[keras.metrics.MeanAbsoluteError()],
    )
    y = _fixed((3, 5, 2), 11)
    history = model.fit(IDS, y, batch_size=2, epochs=2, shuffle=False, verbose=0)
    evaluated = model.evaluate(IDS, y, batch_size=3, verbose=0)
    out = model(tf.constant(IDS))
    loss = keras.losses.MeanSquaredError()(tf.constant(y), out)
    return {
        "loss": np.asarray(history.history["loss"], np.float32),
        "mae": np.asarray(history.history["mean_absolute_error"], np.float32),
        "evaluate": np.asarray(evaluated, np.float32),
        "direct_loss": np.asarray(loss),
        "out_mask": _mask(get_mask, out),
    }


def _merged(tf, get_mask):
    keras = tf.keras
    a = keras.Input((5,), dtype="int32")
    b = keras.Input((5,), dtype="int32")
    ea = keras.layers.Embedding(6, 2, mask_zero=True)(a)
    eb = keras.layers.Embedding(6, 2, mask_zero=True)(b)
    added = keras.layers.Add()([ea, eb])
    joined = keras.layers.Concatenate(axis=1)([ea, eb])
    pooled = keras.layers.GlobalAveragePooling1D()(ea)
    model = keras.Model([a, b], [added, joined, pooled])
    _set_fixed(model)
    other = np.roll(IDS, 1, axis=1)
    added, joined, pooled = model([tf.constant(IDS), tf.constant(other)])
    return {
        "added_mask": _mask(get_mask, added),
        "joined_mask": _mask(get_mask, joined),
        "pooled": np.asarray(pooled),
        "pooled_mask": _mask(get_mask, pooled),
    }


def _dropout_inference(tf, get_mask, rnn, **kwargs):
    """A recurrent layer with dropout called for inference: no mask applies, but
    recurrent dropout switches Keras to per-gate products (its implementation 1)."""
    keras = tf.keras
    model = keras.Sequential(
        [keras.Input((5, 3)), getattr(keras.layers, rnn)(4, return_sequences=True, **kwargs)]
    )
    _set_fixed(model)
    x = tf.constant(FEATURES)
    with tf.GradientTape() as tape:
        out = model(x, training=False)
        loss = tf.reduce_sum(out * out)
    grads = tape.gradient(loss, model.trainable_weights)
    values = {"out": np.asarray(out)}
    for i, g in enumerate(grads):
        values[f"grad{i}"] = np.asarray(g)
    return values


def cases() -> dict:
    return {
        "simple_rnn_sequences": lambda tf, m: _embedded_rnn(
            tf, m, "SimpleRNN", return_sequences=True
        ),
        "simple_rnn_zero_output": lambda tf, m: _embedded_rnn(
            tf, m, "SimpleRNN", return_sequences=True, zero_output_for_mask=True
        ),
        "lstm_last": lambda tf, m: _embedded_rnn(tf, m, "LSTM"),
        "lstm_states_backwards": lambda tf, m: _embedded_rnn(
            tf, m, "LSTM", return_state=True, go_backwards=True
        ),
        "gru_sequences_states": lambda tf, m: _embedded_rnn(
            tf, m, "GRU", return_sequences=True, return_state=True
        ),
        "masking_gru": lambda tf, m: _masking_layer(tf, m, "GRU"),
        "masking_lstm_sequences": lambda tf, m: _masking_layer(
            tf, m, "LSTM", return_sequences=True
        ),
        "masked_fit": _masked_fit,
        "simple_rnn_dropout_inference": lambda tf, m: _dropout_inference(
            tf, m, "SimpleRNN", dropout=0.3, recurrent_dropout=0.2
        ),
        "lstm_dropout_inference": lambda tf, m: _dropout_inference(
            tf, m, "LSTM", dropout=0.3, recurrent_dropout=0.2
        ),
        "lstm_input_dropout_inference": lambda tf, m: _dropout_inference(
            tf, m, "LSTM", dropout=0.5
        ),
        "gru_dropout_inference": lambda tf, m: _dropout_inference(
            tf, m, "GRU", dropout=0.3, recurrent_dropout=0.2
        ),
        "lstm_implementation_1": lambda tf, m: _dropout_inference(tf, m, "LSTM", implementation=1),
        "merged": _merged,
    }
