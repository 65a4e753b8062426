"""Regression tests for what fuzz seeds 81 and 82 found (issue 14, session 7, helper
t14c): the candidate samplers' order of checks, ``max_pool_with_argmax``'s checks
before it allocates, huge ``matrix_diag`` outputs and ``dtype=None`` arguments,
replayed against TensorFlow's recorded output (``tests/golden/fresh81_raises.json``;
TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fresh81_raises_snippets", "fresh81_raises")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fresh81_raises.json is out of date; rerun tests/golden/make_snippets_golden.py "
        "fresh81_raises"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
