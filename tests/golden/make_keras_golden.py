"""Record real Keras 3 (TF 2.21) results for tapeflow's keras tests into keras_*.json.

Runs only under a virtualenv with TensorFlow (never a dependency of tapeflow):

    /work/tfvenv/bin/python tests/golden/make_keras_golden.py

Writes keras_layers.json (every case of keras_layer_cases.py) and
keras_training.json (keras_training_cases.py: summaries, fit histories,
callback order). Commit the JSON together with any case change.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras_layer_cases import cases, run_case  # noqa: E402
from keras_training_cases import (  # noqa: E402
    build_weights_model,
    run_training_case,
    training_cases,
    weights_models,
)


def main() -> None:
    layers = {name: run_case(tf, keras, name) for name in cases(keras)}
    (HERE / "keras_layers.json").write_text(json.dumps(layers, indent=0, sort_keys=True) + "\n")
    training = {name: run_training_case(tf, keras, name) for name in training_cases()}
    (HERE / "keras_training.json").write_text(json.dumps(training, indent=1, sort_keys=True) + "\n")
    # Weights files saved by real Keras after a little training, with the
    # predictions that tapeflow must reproduce after load_weights.
    predictions = {}
    for name in weights_models():
        model, x, y = build_weights_model(keras, name)
        model.fit(x, y, epochs=2, batch_size=4, verbose=0, shuffle=False)
        model.save_weights(str(HERE / f"keras_{name}.weights.h5"))
        predictions[name] = model.predict(x, verbose=0).tolist()
    (HERE / "keras_weights.json").write_text(json.dumps(predictions) + "\n")
    print(f"{len(layers)} layer cases, {len(training)} training cases, {len(predictions)} files")


if __name__ == "__main__":
    main()
