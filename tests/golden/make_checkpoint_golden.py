"""Record TensorFlow's answers for ``checkpoint_cases.py`` into ``checkpoint.json``.

Runs only under a virtualenv with real TensorFlow:

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/golden/make_checkpoint_golden.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tensorflow as tf  # noqa: E402
from checkpoint_cases import CASES  # noqa: E402


def main() -> int:
    cases = {}
    for name, fn in CASES.items():
        with tempfile.TemporaryDirectory() as directory:
            try:
                cases[name] = {"value": fn(tf, directory)}
            except Exception as exc:
                cases[name] = {"error": f"{type(exc).__name__}: {exc}"}
    out = HERE / "checkpoint.json"
    out.write_text(
        json.dumps({"tensorflow_version": tf.__version__, "cases": cases}, sort_keys=True, indent=1)
        + "\n"
    )
    print(f"wrote {len(cases)} cases; errors: {[n for n, c in cases.items() if 'error' in c]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
