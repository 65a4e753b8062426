"""Replay TensorFlow's recorded advanced-autodiff behaviour on tapeflow.

``tests/golden/advanced.json`` holds what real TensorFlow printed for every
snippet in ``tests/golden/advanced_snippets.py`` (jacobians, custom gradients,
recompute_grad, Hessians, and the programs of TensorFlow's advanced autodiff
guide); ``tests/golden/make_advanced_golden.py`` regenerates it under the
TensorFlow virtualenv.  These tests never import TensorFlow: each case runs the
same snippet with ``tf`` bound to tapeflow and expects the same text.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import numpy
import pytest

# Snippet name -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS: dict[str, str] = {}

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(module_name: str):
    """Import a helper from tests/golden by path (independent of pytest's import mode)."""
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("advanced_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "advanced.json").read_text(encoding="utf-8"))
CASES: dict[str, str] = GOLDEN["cases"]


def test_golden_data_matches_snippets():
    assert sorted(CASES) == sorted(SNIPPETS), (
        "advanced.json is out of date with advanced_snippets.py; rerun "
        "tests/golden/make_advanced_golden.py under the TensorFlow virtualenv"
    )


def test_known_deviations_name_real_cases():
    assert set(KNOWN_DEVIATIONS) <= set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_advanced_matches_tensorflow(name):
    if name in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[name])
    import tapeflow

    expected = CASES[name]
    actual = harness.run_snippet(SNIPPETS[name], tapeflow, "tapeflow")
    if actual == expected:
        return
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            "tensorflow",
            "tapeflow",
        )
    )
    note = ""
    if numpy.__version__ != GOLDEN["numpy_version"]:
        note = (
            f"\n(note: golden data was recorded with numpy {GOLDEN['numpy_version']}, "
            f"this run uses numpy {numpy.__version__}; array printing may differ)"
        )
    pytest.fail(
        f"snippet {name!r} differs from TensorFlow:\n\n{SNIPPETS[name]}\n{diff}{note}",
        pytrace=False,
    )
