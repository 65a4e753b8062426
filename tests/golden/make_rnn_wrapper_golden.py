"""Record TF 2.21's tf.nn.RNNCell*Wrapper results of rnn_wrapper_cases.py into rnn_wrapper.json.

Run with the TensorFlow virtualenv:
    /work/tfvenv/bin/python tests/golden/make_rnn_wrapper_golden.py
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
from rnn_wrapper_cases import CASES, errors  # noqa: E402


def _jsonable(value):
    array = np.asarray(value)
    return {"dtype": str(array.dtype), "shape": list(array.shape), "values": array.ravel().tolist()}


def main() -> None:
    out: dict = {"cases": {}, "errors": {}}
    for name, case in CASES.items():
        out["cases"][name] = {k: _jsonable(v) for k, v in case(tf).items()}
    for label, thunk in errors(tf):
        try:
            thunk()
        except Exception as exc:  # noqa: BLE001 - recording whatever TF raises
            out["errors"][label] = [type(exc).__name__, str(exc)]
        else:
            out["errors"][label] = None
    (HERE / "rnn_wrapper.json").write_text(json.dumps(out, indent=0, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
