"""Stateful recurrent layers against Keras 3 (golden data from
tests/golden/make_keras_rnn_state_golden.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))

from keras_rnn_state_cases import CASES  # noqa: E402

RECORDED = json.loads((GOLDEN / "keras_rnn_state.json").read_text())["cases"]


def _close(got, want):
    if isinstance(want, dict):
        assert set(got) == set(want)
        for key in want:
            _close(got[key], want[key])
    elif isinstance(want, list) and want and isinstance(want[0], (list, float)):
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-4, atol=2e-5)
    else:
        assert got == want


@pytest.mark.parametrize("name", sorted(CASES))
def test_stateful_case_matches_keras(name):
    _close(CASES[name](tf), RECORDED[name])


def test_states_carry_over_in_fit_and_reset_between_epochs_on_request():
    tf.keras.backend.clear_session()
    layer = tf.keras.layers.SimpleRNN(2, stateful=True)
    model = tf.keras.Sequential([tf.keras.Input((3, 1), batch_size=2), layer])
    model.compile(optimizer="sgd", loss="mse")
    x = np.ones((4, 3, 1), np.float32)
    model.fit(x, np.zeros((4, 2), np.float32), batch_size=2, epochs=1, shuffle=False, verbose=0)
    assert np.any(layer.states[0].numpy() != 0)
    layer.reset_states()
    assert not np.any(layer.states[0].numpy())
