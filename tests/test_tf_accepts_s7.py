"""Regression tests for inputs TensorFlow accepts that tapeflow refused and small TF
mismatches (issue 14, session 7, helper v14b), replayed against TensorFlow's recorded
output (``tests/golden/tf_accepts_s7.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("tf_accepts_s7_snippets", "tf_accepts_s7")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "tf_accepts_s7.json is out of date; rerun tests/golden/make_snippets_golden.py tf_accepts_s7"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
