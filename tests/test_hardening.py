"""Regression tests for the bugs of issue 14 (found by tools/fuzz_against_tf.py and by
TensorFlow's own eager tests), replayed against TensorFlow's recorded output.

``tests/golden/hardening_snippets.py`` holds the programs; ``hardening.json`` what
TensorFlow 2.21 printed for them (``make_snippets_golden.py hardening`` under the
TensorFlow virtualenv). TensorFlow is never imported here.
"""

from __future__ import annotations

import json

import pytest

from tests.snippet_replay import GOLDEN_DIR, assert_matches_tensorflow, load_golden_module

SNIPPETS = load_golden_module("hardening_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "hardening.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "hardening.json is out of date; rerun tests/golden/make_snippets_golden.py hardening"
    )


# Cases whose fix has not landed yet (strict: a case that passes must leave this set).
NOT_YET_FIXED: set[str] = {
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name, request):
    if name in NOT_YET_FIXED:
        request.applymarker(pytest.mark.xfail(reason="fix not landed yet", strict=True))
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN["cases"][name])


def test_sizes_tensorflow_wraps_are_refused_before_allocating():
    # TF casts this count to int32 (2**40 wraps to 0) and succeeds with nothing;
    # tapeflow keeps the count and refuses it (docs/deviations.md). tf.repeat wraps its
    # counts as TF's wrapper does (golden topa_s8).
    import tapeflow as tf

    with pytest.raises(tf.errors.ResourceExhaustedError, match="OOM when allocating"):
        tf.linspace(0.0, 1.0, 2**40)
