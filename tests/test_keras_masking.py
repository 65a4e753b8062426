"""Keras masks (Embedding(mask_zero), Masking, RNNs, merges, masked losses and
metrics in fit) against real Keras 3: tests/golden/keras_masking.json, recorded
by tests/golden/make_keras_masking_golden.py from keras_masking_cases.py."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.keras._masking import get_keras_mask

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))
from keras_masking_cases import cases  # noqa: E402

RECORDED = json.loads((GOLDEN / "keras_masking.json").read_text())


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_masking_matches_keras(name):
    got = cases()[name](tf, get_keras_mask)
    want = RECORDED[name]
    assert sorted(got) == sorted(want)
    for key, expected in want.items():
        value = got[key]
        if expected is None:
            assert value is None, key
            continue
        array = np.asarray(expected["values"], dtype=expected["dtype"]).reshape(expected["shape"])
        assert value is not None, key
        if array.dtype == bool:
            np.testing.assert_array_equal(np.asarray(value), array, err_msg=key)
        else:
            np.testing.assert_allclose(np.asarray(value), array, rtol=2e-5, atol=2e-6, err_msg=key)


def test_a_layer_without_masking_drops_the_mask_with_keras_warning():
    embedded = tf.keras.layers.Embedding(4, 2, mask_zero=True)(tf.constant([[1, 0]]))
    assert get_keras_mask(embedded).numpy().tolist() == [[True, False]]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        flat = tf.keras.layers.Flatten()(embedded)
    assert get_keras_mask(flat) is None
    assert "does not support masking" in str(caught[0].message)


def test_masks_follow_through_a_compiled_step():
    model = tf.keras.Sequential(
        [tf.keras.layers.Embedding(5, 2, mask_zero=True), tf.keras.layers.LSTM(3)]
    )
    ids = tf.constant([[1, 2, 0, 0], [3, 0, 0, 0]])
    eager = model(ids).numpy()
    short = model(ids[:, :2]).numpy()  # the padding changes nothing
    np.testing.assert_allclose(eager, short, rtol=1e-6)
    compiled = tf.function(lambda x: model(x))
    np.testing.assert_allclose(compiled(ids).numpy(), eager, rtol=1e-6)


def _identity_rnn(recurrent_initializer="identity", **kwargs):
    return tf.keras.layers.SimpleRNN(
        6,
        activation=None,
        use_bias=False,
        return_sequences=True,
        kernel_initializer="identity",
        recurrent_initializer=recurrent_initializer,
        **kwargs,
    )


def test_rnn_input_dropout_mask_is_drawn_once_per_call_and_scaled():
    tf.random.set_seed(3)
    layer = _identity_rnn("zeros", dropout=0.5)  # h_t = x_t * mask
    x = tf.ones((8, 4, 6))
    out = layer(x, training=True).numpy()
    assert set(np.unique(out)) <= {0.0, 2.0}  # kept entries scaled by 1 / (1 - rate)
    for t in range(1, 4):
        np.testing.assert_array_equal(out[:, t], out[:, 0])  # the same mask at every step
    assert 0 < (out == 0).mean() < 1
    again = layer(x, training=True).numpy()
    assert not np.array_equal(again, out)  # a new call draws a new mask
    np.testing.assert_array_equal(layer(x, training=False).numpy(), np.ones((8, 4, 6)))
    assert layer.cell._dropout_mask is None  # reset after the call


def test_rnn_recurrent_dropout_mask_is_constant_over_time():
    tf.random.set_seed(4)
    layer = _identity_rnn(recurrent_dropout=0.5)
    x = np.zeros((8, 4, 6), np.float32)
    x[:, 0] = 1.0  # h_0 = 1, then h_t = h_(t-1) * mask
    out = layer(tf.constant(x), training=True).numpy()
    mask = out[:, 1]
    assert set(np.unique(mask)) <= {0.0, 2.0}
    np.testing.assert_array_equal(out[:, 2], mask * mask)
    np.testing.assert_array_equal(out[:, 3], mask * mask * mask)
    np.testing.assert_array_equal(
        layer(tf.constant(x)).numpy(), np.ones((8, 4, 6)) * (x[:, :1] > 0)
    )


@pytest.mark.parametrize("rnn, gates", [("LSTM", 4), ("GRU", 3)])
def test_gated_cells_draw_one_mask_per_gate_with_recurrent_dropout(rnn, gates):
    layer = getattr(tf.keras.layers, rnn)(3, dropout=0.4, recurrent_dropout=0.4)
    assert layer.cell.implementation == 1
    masks = layer.cell.get_dropout_mask(tf.ones((5, 2)))
    assert len(masks) == gates
    layer.cell.reset_dropout_mask()
    out = layer(tf.ones((5, 4, 2)), training=True)
    assert out.shape == (5, 3)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(tf.ones((5, 4, 2)), training=True))
    grads = tape.gradient(loss, layer.trainable_weights)
    assert all(g is not None for g in grads)
