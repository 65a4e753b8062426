"""Regression tests for issue 14's fuzz triage, second lane (input TensorFlow accepts,
TF's result dtypes and shapes), replayed against TensorFlow's recorded output.

``tests/golden/hardening_b_snippets.py`` holds the programs; ``hardening_b.json`` what
TensorFlow 2.21 printed for them (``make_snippets_golden.py hardening_b`` under the
TensorFlow virtualenv). TensorFlow is never imported here.
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("hardening_b_snippets", "hardening_b")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "hardening_b.json is out of date; rerun tests/golden/make_snippets_golden.py hardening_b"
    )


# Cases whose fix has not landed yet (strict: a case that passes must leave this set).
NOT_YET_FIXED: set[str] = {
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name, request):
    if name in NOT_YET_FIXED:
        request.applymarker(pytest.mark.xfail(reason="fix not landed yet", strict=True))

    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


def test_sizes_tensorflow_wraps_are_refused_before_allocating():
    # TF casts this count to int32 (2**40 wraps to 0) and succeeds with nothing;
    # tapeflow keeps the count and refuses it (docs/deviations.md). tf.repeat wraps its
    # counts as TF's wrapper does (golden topa_s8).
    import tapeflow as tf

    with pytest.raises(tf.errors.ResourceExhaustedError, match="OOM when allocating"):
        tf.linspace(0.0, 1.0, 2**40)
