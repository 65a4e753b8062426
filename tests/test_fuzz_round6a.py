"""Regression tests for fuzz round 6 of issue 14 (helper f14a: wrong values and gradients
of asin/acos, eigvalsh, xdivy, igamma, segment max/min, elu/selu, casts to uint64 and
reduce_prod's second order), replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6a.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fuzz_round6a_snippets", "fuzz_round6a")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fuzz_round6a.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_round6a"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
