"""Regression tests for fuzz round 6 of issue 14 (helper r14d): isotonic_regression's
axis and dtype checks, complex LU (values; no gradient, as TF) and ctc_loss's complex
blank_index, replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6d.json``; TensorFlow is never imported here)."""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fuzz_round6d_snippets", "fuzz_round6d")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fuzz_round6d.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_round6d"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
