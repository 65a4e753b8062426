"""Stateful recurrent layers (``stateful=True``): cases run under TensorFlow's Keras 3
(recorded by make_keras_rnn_state_golden.py) and tapeflow (tests/test_keras_rnn_state.py).

Weights are set from a seeded NumPy generator, so both runs compute the same numbers.
"""

from __future__ import annotations

import re

import numpy as np


def _inputs():
    rng = np.random.default_rng(5)
    return [rng.normal(size=(2, 3, 4)).astype(np.float32) for _ in range(2)]


def _set_weights(layer):
    rng = np.random.default_rng(11)
    layer.set_weights([(rng.normal(size=w.shape) * 0.4).astype(np.float32) for w in layer.weights])


def _round(x) -> list:
    return np.round(np.asarray(x, np.float64), 5).tolist()


def _run(tf, kind, **kwargs):
    keras = tf.keras
    keras.backend.clear_session()
    layer = getattr(keras.layers, kind)(3, stateful=True, **kwargs)
    model = keras.Sequential([keras.Input((3, 4), batch_size=2), layer])
    _set_weights(layer)
    x1, x2 = _inputs()
    first = model(x1)
    second = model(x2)
    states = [_round(s.numpy()) for s in layer.states]
    layer.reset_states()
    again = model(x1)
    out = {
        "first": _round(first[0] if isinstance(first, (list, tuple)) else first),
        "second": _round(second[0] if isinstance(second, (list, tuple)) else second),
        "states_after_two_calls": states,
        "after_reset_equals_first": bool(
            np.allclose(
                np.asarray(again[0] if isinstance(again, (list, tuple)) else again),
                np.asarray(first[0] if isinstance(first, (list, tuple)) else first),
            )
        ),
        "weights": [w.path for w in layer.weights],
        "state_paths": [s.path for s in layer.states],
    }
    return out


def simple_rnn(tf):
    return _run(tf, "SimpleRNN")


def lstm_sequences(tf):
    return _run(tf, "LSTM", return_sequences=True)


def gru_with_state(tf):
    return _run(tf, "GRU", return_state=True)


def _error(fn) -> str:
    try:
        fn()
    except ValueError as error:
        # Keras wraps call errors in its own frame; the first line of TF's text is kept.
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return next(line for line in lines if "stateful" in line or "batch size" in line)
    return "no error"


def wrong_batch_size(tf):
    keras = tf.keras
    layer = keras.layers.SimpleRNN(3, stateful=True)
    keras.Sequential([keras.Input((3, 4), batch_size=2), layer])
    return _error(lambda: layer(np.zeros((3, 3, 4), np.float32)))


def dynamic_batch_size(tf):
    keras = tf.keras
    return _error(lambda: keras.layers.LSTM(2, stateful=True)(keras.Input((3, 4))))


CASES = {
    name: fn
    for name, fn in dict(globals()).items()
    if callable(fn) and not name.startswith("_") and fn.__module__ == __name__
}
