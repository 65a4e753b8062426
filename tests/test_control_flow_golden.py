"""Replay TensorFlow's recorded control-flow behaviour on tapeflow.

``tests/golden/control_flow.json`` holds what TensorFlow 2.21 printed for each
snippet of ``tests/golden/control_flow_snippets.py`` (cond, switch_case, case,
while_loop, map_fn, scan, folds, TensorArray, vectorized_map: values,
gradients of first and second order, JVPs and errors). Regenerate it with
``tests/golden/make_snippets_golden.py control_flow`` under the TensorFlow
virtualenv; these tests never import TensorFlow.
"""

from __future__ import annotations

import json

import pytest

from tests.snippet_replay import GOLDEN_DIR, assert_matches_tensorflow, load_golden_module

# snippet -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS: dict[str, str] = {}


SNIPPETS = load_golden_module("control_flow_snippets").SNIPPETS
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
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN["cases"][name], show_source=True)
