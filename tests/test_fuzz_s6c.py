"""Regression tests for what fuzz seeds 51 and 52 found (issue 14, session 6, helper
f14c): ``triangular_solve(lower=None)``, the gradient of ``gather`` from an empty axis,
and ``global_norm``'s float16 gradient at an infinite norm, replayed against
TensorFlow's recorded output (``tests/golden/fuzz_s6c.json``; TensorFlow is never
imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("fuzz_s6c_snippets", "fuzz_s6c")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fuzz_s6c.json is out of date; rerun tests/golden/make_snippets_golden.py fuzz_s6c"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
