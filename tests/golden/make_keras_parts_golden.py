"""Record Keras 3's values for every case of ``keras_parts_cases.py`` into ``keras_parts.json``.

Runs only under a virtualenv with real TensorFlow (never a dependency of tapeflow):

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/golden/make_keras_parts_golden.py
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import keras  # noqa: E402
import numpy  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras_parts_cases import CASES  # noqa: E402


def main() -> int:
    cases = {}
    for name, fn in CASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                cases[name] = {"value": fn(tf)}
            except Exception as exc:  # recorded: tapeflow must raise the same class
                cases[name] = {"error": f"{type(exc).__name__}: {exc}"}
    document = {
        "tensorflow_version": tf.__version__,
        "keras_version": keras.__version__,
        "numpy_version": numpy.__version__,
        "cases": cases,
    }
    out = HERE / "keras_parts.json"
    out.write_text(json.dumps(document, sort_keys=True, indent=1) + "\n")
    errors = [n for n, c in cases.items() if "error" in c]
    print(f"wrote {len(cases)} cases to {out}; errors: {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
