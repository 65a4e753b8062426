"""Record TensorFlow's output for ``linop_snippets.py`` into ``linop.json``.

Runs only under a virtualenv with real TensorFlow (never a dependency):

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_linop_golden.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy  # noqa: E402
import tensorflow as tf  # noqa: E402
from harness import run_snippet  # noqa: E402
from linop_snippets import SNIPPETS  # noqa: E402


def main() -> int:
    tf.get_logger()
    cases = {name: run_snippet(source, tf, "tensorflow") for name, source in SNIPPETS.items()}
    document = {"tensorflow_version": tf.__version__, "numpy_version": numpy.__version__,
                "cases": cases}  # fmt: skip
    output = HERE / "linop.json"
    output.write_text(json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
