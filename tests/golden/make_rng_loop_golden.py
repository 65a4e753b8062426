"""Record TensorFlow's behaviour for ``rng_loop_cases.py`` into ``rng_loop.json``.

Runs only under a virtualenv with real TensorFlow (never a dependency):

    /work/tfvenv/bin/python tests/golden/make_rng_loop_golden.py
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
from rng_loop_cases import CASES, summary  # noqa: E402

if __name__ == "__main__":
    result = {name: summary(tf, name) for name in CASES}
    (HERE / "rng_loop.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(json.dumps(result, sort_keys=True))
