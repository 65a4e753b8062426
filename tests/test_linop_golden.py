"""tf.linalg's LinearOperator family against TensorFlow: ``tests/golden/linop.json`` holds what TF 2.21
printed for each program of ``tests/golden/linop_snippets.py`` (regenerate with
``tests/golden/make_snippets_golden.py linop`` under the TF virtualenv)."""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("linop_snippets", "linop")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), "rerun tests/golden/make_snippets_golden.py linop"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_linop_snippet_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name], show_source=True)
