"""Record TensorFlow's answers for indexed_slices_snippets.py (run with the TF venv:
/work/tfvenv/bin/python tests/golden/make_indexed_slices_golden.py)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import tensorflow as tf  # noqa: E402

from tests.golden.indexed_slices_snippets import SNIPPETS  # noqa: E402

results = {snippet.__name__: snippet(tf) for snippet in SNIPPETS}
(Path(__file__).parent / "indexed_slices.json").write_text(json.dumps(results, indent=1) + "\n")
