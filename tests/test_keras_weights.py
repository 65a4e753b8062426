"""save_weights/load_weights: files written by real Keras 3 load into tapeflow models."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

h5py = pytest.importorskip("h5py", reason="the optional `keras` extra (h5py) is not installed")

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))

from keras_training_cases import build_weights_model, weights_models  # noqa: E402

PREDICTIONS = json.loads((GOLDEN / "keras_weights.json").read_text())


def layout(path):
    entries = {}

    def visit(name, obj):
        entries[name] = (
            tuple(obj.shape) if isinstance(obj, h5py.Dataset) else dict(obj.attrs).get("name")
        )

    with h5py.File(path, "r") as file:
        file.visititems(visit)
    return entries


@pytest.mark.parametrize("name", sorted(weights_models()))
def test_keras_file_loads_with_same_predictions(name, tmp_path):
    model, x, _ = build_weights_model(tf.keras, name)
    model.load_weights(GOLDEN / f"keras_{name}.weights.h5")
    np.testing.assert_allclose(model.predict(x, verbose=0), PREDICTIONS[name], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(weights_models()))
def test_saved_layout_matches_keras(name, tmp_path):
    model, x, y = build_weights_model(tf.keras, name)
    model.fit(x, y, epochs=1, batch_size=4, verbose=0, shuffle=False)  # builds the optimizer
    ours = tmp_path / "ours.weights.h5"
    model.save_weights(ours)
    assert layout(ours) == layout(GOLDEN / f"keras_{name}.weights.h5")


def test_round_trip_restores_weights_and_optimizer(tmp_path):
    model, x, y = build_weights_model(tf.keras, "cnn")
    model.fit(x, y, epochs=1, batch_size=5, verbose=0, shuffle=False)
    path = tmp_path / "m.weights.h5"
    model.save_weights(path)
    expected = model.predict(x, verbose=0)
    fresh, _, _ = build_weights_model(tf.keras, "cnn")
    fresh.fit(x[:1], y[:1], epochs=1, verbose=0)  # a built optimizer to restore into
    fresh.load_weights(path)
    np.testing.assert_array_equal(fresh.predict(x, verbose=0), expected)
    assert int(fresh.optimizer.iterations.numpy()) == int(model.optimizer.iterations.numpy())
    # Both continue identically.
    a = model.train_on_batch(x, y)
    b = fresh.train_on_batch(x, y)
    assert a == b


def test_bad_files_and_mismatches(tmp_path):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="must end in `.weights.h5`"):
        model.save_weights(tmp_path / "m.h5")
    with pytest.raises(FileNotFoundError):
        model.load_weights(tmp_path / "missing.weights.h5")
    other = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2)])
    path = tmp_path / "other.weights.h5"
    other.save_weights(path)
    before = model.get_weights()
    with pytest.raises(ValueError, match="Shape mismatch"):
        model.load_weights(path)
    for a, b in zip(model.get_weights(), before):  # nothing was half-loaded
        np.testing.assert_array_equal(a, b)
    model.load_weights(path, skip_mismatch=True)
