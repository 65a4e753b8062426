"""Record real Keras 3 (TF 2.21) results of keras_masking_cases.py into keras_masking.json.

Run with the TensorFlow virtualenv:
    /work/tfvenv/bin/python tests/golden/make_keras_masking_golden.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras_masking_cases import cases  # noqa: E402


def _mask(x):
    return getattr(x, "_keras_mask", None)


def _jsonable(value):
    if value is None:
        return None
    array = np.asarray(value)
    return {"dtype": str(array.dtype), "shape": list(array.shape), "values": array.ravel().tolist()}


def main() -> None:
    out = {}
    for name, case in cases().items():
        out[name] = {k: _jsonable(v) for k, v in case(tf, _mask).items()}
    (HERE / "keras_masking.json").write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
