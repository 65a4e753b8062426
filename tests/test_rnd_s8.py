"""Regression tests for the tf.random lane of session 8 (issue 14, helper rnd): the
stateless ops' ``alg`` rules, fold_in's and split's dtypes and checks, stateless_gamma's
output shape, the stateful gamma's and poisson's int32 shape, random_index_shuffle's
dtype matching, the samplers' int32 attributes and stateless_binomial's extremes;
replayed against TensorFlow's recorded output (``tests/golden/rnd_s8.json``;
TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("rnd_s8_snippets", "rnd_s8")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "rnd_s8.json is out of date; rerun tests/golden/make_snippets_golden.py rnd_s8"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
