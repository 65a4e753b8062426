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
