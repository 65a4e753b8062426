"""tf.linalg's LinearOperator family against TensorFlow: ``tests/golden/linop.json`` holds what TF 2.21
printed for each program of ``tests/golden/linop_snippets.py`` (regenerate with
``tests/golden/make_linop_golden.py`` under the TF virtualenv)."""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"_golden_{name}", GOLDEN_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("linop_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "linop.json").read_text(encoding="utf-8"))["cases"]


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), "rerun tests/golden/make_linop_golden.py"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_linop_snippet_matches_tensorflow(name):
    import tapeflow

    actual = harness.run_snippet(SNIPPETS[name], tapeflow, "tapeflow")
    expected = GOLDEN[name]
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        pytest.fail(f"{name} differs from TensorFlow:\n{SNIPPETS[name]}\n{diff}", pytrace=False)
