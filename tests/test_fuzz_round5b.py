"""Regression tests for the final fuzz run of issue 14 (helper fixb): fractional pool
ratio checks, convolution dtype checks, inputs TF accepts (a 1-element fill value, a
rank-1 expm, empty LU batches, string sort axes) and string results, replayed against
TensorFlow's recorded output (``tests/golden/fuzz_round5b.json``; TensorFlow is never
imported here).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

import tapeflow as tf

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(module_name: str):
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("fuzz_round5b_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "fuzz_round5b.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "fuzz_round5b.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_round5b"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    expected = GOLDEN["cases"][name]
    actual = harness.run_snippet(SNIPPETS[name], tf, "tapeflow")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        pytest.fail(f"{name} differs from TensorFlow:\n{diff}", pytrace=False)
