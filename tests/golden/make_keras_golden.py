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
from keras_training_cases import run_training_case, training_cases  # noqa: E402


def main() -> None:
    layers = {name: run_case(tf, keras, name) for name in cases(keras)}
    (HERE / "keras_layers.json").write_text(json.dumps(layers, indent=0, sort_keys=True) + "\n")
    training = {name: run_training_case(tf, keras, name) for name in training_cases()}
    (HERE / "keras_training.json").write_text(json.dumps(training, indent=1, sort_keys=True) + "\n")
    print(f"{len(layers)} layer cases, {len(training)} training cases")


if __name__ == "__main__":
    main()
