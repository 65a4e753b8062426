"""Regression tests for the final fuzz run of issue 14 (helper fixb): fractional pool
ratio checks, convolution dtype checks, inputs TF accepts (a 1-element fill value, a
rank-1 expm, empty LU batches, string sort axes) and string results, replayed against
TensorFlow's recorded output (``tests/golden/fuzz_round5b.json``; TensorFlow is never
imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fuzz_round5b_snippets", "fuzz_round5b")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fuzz_round5b.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_round5b"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
