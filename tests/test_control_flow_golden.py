"""Replay TensorFlow's recorded control-flow behaviour on tapeflow.

``tests/golden/control_flow.json`` holds what TensorFlow 2.21 printed for each
snippet of ``tests/golden/control_flow_snippets.py`` (cond, switch_case, case,
while_loop, map_fn, scan, folds, TensorArray, vectorized_map: values,
gradients of first and second order, JVPs and errors). Regenerate it with
``tests/golden/make_snippets_golden.py control_flow`` under the TensorFlow
virtualenv; these tests never import TensorFlow.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

# snippet -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS: dict[str, str] = {}

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(module_name: str):
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("control_flow_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "control_flow.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "control_flow.json is out of date with control_flow_snippets.py; rerun "
        "tests/golden/make_snippets_golden.py control_flow under the TensorFlow virtualenv"
    )


def test_known_deviations_name_real_cases():
    assert set(KNOWN_DEVIATIONS) <= set(GOLDEN["cases"])


@pytest.mark.parametrize("name", sorted(GOLDEN["cases"]))
def test_control_flow_matches_tensorflow(name):
    if name in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[name])
    import tapeflow

    expected = GOLDEN["cases"][name]
    actual = harness.run_snippet(SNIPPETS[name], tapeflow, "tapeflow")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        pytest.fail(f"snippet {name!r} differs from TensorFlow:\n\n{SNIPPETS[name]}\n{diff}",
                    pytrace=False)  # fmt: skip
