"""Regression tests for fuzz round 6 of issue 14 (helper f14b): inputs TF accepts
(batched gather_nd with empty indices, integer division of empty tensors, eye's int32
sizes), TF's errors (ordering complex numbers, LRN in float64, empty tensors NumPy cannot
describe) and boolean_mask's float masks, replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6b.json``; TensorFlow is never imported here)."""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fuzz_round6b_snippets", "fuzz_round6b")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fuzz_round6b.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_round6b"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
