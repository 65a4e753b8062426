"""tapeflow's keras against real Keras 3 (TF 2.21): layers, summaries, fit, callbacks.

The JSON files are written by tests/golden/make_keras_golden.py from the same
case files these tests run.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))

from keras_layer_cases import cases, run_case  # noqa: E402
from keras_training_cases import run_training_case, training_cases  # noqa: E402

LAYERS = json.loads((GOLDEN / "keras_layers.json").read_text())
TRAINING = json.loads((GOLDEN / "keras_training.json").read_text())


def close(ours, theirs, rtol=2e-5, atol=2e-6):
    if theirs is None or ours is None:
        assert ours is None and theirs is None
        return
    np.testing.assert_allclose(
        np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float), rtol=rtol, atol=atol
    )


def test_every_case_is_recorded():
    assert set(cases(tf.keras)) == set(LAYERS)
    assert set(training_cases()) == set(TRAINING)


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_layer_matches_keras(name):
    ours, theirs = run_case(tf, tf.keras, name), LAYERS[name]
    assert ours["paths"] == theirs["paths"]
    assert ours["trainable"] == theirs["trainable"]
    assert ours["count_params"] == theirs["count_params"]
    for key in ("outputs", "input_grads", "weight_grads", "weights_after"):
        assert len(ours[key]) == len(theirs[key]), key
        for a, b in zip(ours[key], theirs[key]):
            close(a, b)


@pytest.mark.parametrize("name", [n for n in sorted(TRAINING) if n.startswith("summary")])
def test_summary_text_matches_keras(name, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert run_training_case(tf, tf.keras, name)["text"] == TRAINING[name]["text"]


def compare(ours, theirs, path=""):
    if isinstance(theirs, dict):
        assert sorted(ours) == sorted(theirs), path
        for key in theirs:
            compare(ours[key], theirs[key], f"{path}/{key}")
    elif isinstance(theirs, list) and any(isinstance(t, (list, str)) for t in theirs):
        assert len(ours) == len(theirs), path
        for i, (a, b) in enumerate(zip(ours, theirs)):
            compare(a, b, f"{path}[{i}]")
    elif isinstance(theirs, (str, type(None))):
        assert ours == theirs, path
    else:
        close(ours, theirs, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", [n for n in sorted(TRAINING) if not n.startswith("summary")])
def test_training_matches_keras(name, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    ours = run_training_case(tf, tf.keras, name)
    compare(json.loads(json.dumps(ours)), TRAINING[name])
