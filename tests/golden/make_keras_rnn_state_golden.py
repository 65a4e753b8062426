"""Record Keras 3's stateful recurrent layers (``keras_rnn_state_cases.py``) into
``keras_rnn_state.json``. Runs only under a virtualenv with real TensorFlow:

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/golden/make_keras_rnn_state_golden.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tensorflow as tf  # noqa: E402
from keras_rnn_state_cases import CASES  # noqa: E402


def main() -> int:
    cases = {name: fn(tf) for name, fn in CASES.items()}
    out = HERE / "keras_rnn_state.json"
    text = json.dumps({"tensorflow_version": tf.__version__, "cases": cases}, indent=1)
    out.write_text(text + "\n")
    print(f"wrote {len(cases)} cases to {out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
