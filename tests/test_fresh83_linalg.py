"""Regression tests for the linalg signatures of the lead's fresh fuzz run (seeds 83/84;
issue 14, session 7, helper t14e): cholesky_solve and triangular_solve with Inf/NaN
(TF substitutes row by row), banded_triangular_solve's zero-diagonal check (first
matrix only), its None flags, dtypes and empty inputs, replayed against TensorFlow's
recorded output (``tests/golden/fresh83_linalg.json``; TensorFlow is never imported).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fresh83_linalg_snippets", "fresh83_linalg")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fresh83_linalg.json is out of date; rerun tests/golden/make_snippets_golden.py fresh83_linalg"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
