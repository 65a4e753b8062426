"""tf.debugging against TensorFlow: ``tests/golden/debugging.json`` holds what TF 2.21
printed for each program of ``tests/golden/debugging_snippets.py`` (regenerate with
``tests/golden/make_snippets_golden.py debugging`` under the TF virtualenv)."""

from __future__ import annotations

import json

import pytest

from tests.snippet_replay import GOLDEN_DIR, assert_matches_tensorflow, load_golden_module

SNIPPETS = load_golden_module("debugging_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "debugging.json").read_text(encoding="utf-8"))["cases"]


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "rerun tests/golden/make_snippets_golden.py debugging"
    )


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_debugging_snippet_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name], show_source=True)
