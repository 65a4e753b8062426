"""Regression tests for issue 14's fuzz triage, second lane (input TensorFlow accepts,
TF's result dtypes and shapes), replayed against TensorFlow's recorded output.

``tests/golden/hardening_b_snippets.py`` holds the programs; ``hardening_b.json`` what
TensorFlow 2.21 printed for them (``make_snippets_golden.py hardening_b`` under the
TensorFlow virtualenv). TensorFlow is never imported here.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(module_name: str):
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("hardening_b_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "hardening_b.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "hardening_b.json is out of date; rerun tests/golden/make_snippets_golden.py hardening_b"
    )


# Cases whose fix has not landed yet (strict: a case that passes must leave this set).
NOT_YET_FIXED: set[str] = {
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name, request):
    import tapeflow

    if name in NOT_YET_FIXED:
        request.applymarker(pytest.mark.xfail(reason="fix not landed yet", strict=True))

    expected = GOLDEN["cases"][name]
    actual = harness.run_snippet(SNIPPETS[name], tapeflow, "tapeflow")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        pytest.fail(f"{name} differs from TensorFlow:\n{diff}", pytrace=False)


def test_sizes_tensorflow_wraps_are_refused_before_allocating():
    # TF casts these counts to int32 (2**40 wraps to 0) and succeeds with nothing;
    # tapeflow keeps the count and refuses it (docs/deviations.md).
    import tapeflow as tf

    with pytest.raises(tf.errors.ResourceExhaustedError, match="OOM when allocating"):
        tf.repeat(tf.constant([1.0]), 2**40)
    with pytest.raises(tf.errors.ResourceExhaustedError, match="OOM when allocating"):
        tf.linspace(0.0, 1.0, 2**40)
