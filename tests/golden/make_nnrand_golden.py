"""Record TensorFlow's answers for nnrand_snippets.py (run with the TF venv:
TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/golden/make_nnrand_golden.py)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import tensorflow as tf  # noqa: E402

from tests.golden.nnrand_snippets import SNIPPETS  # noqa: E402

results = {snippet.__name__: snippet(tf) for snippet in SNIPPETS}
(Path(__file__).parent / "nnrand.json").write_text(json.dumps(results, indent=1) + "\n")
