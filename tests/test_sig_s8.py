"""Regression tests for the tf.signal lane of session 8 (issue 14, helper sig): windows
rounded step by step in their dtype, overlap_and_add's empty frames and step checks,
DCTs through real FFTs, fft_length read as TF's int32 tensor, NumPy object arrays
converted as TF converts them, and tf.pad of strings; replayed against TensorFlow's
recorded output (``tests/golden/sig_s8.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("sig_s8_snippets", "sig_s8")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "sig_s8.json is out of date; rerun tests/golden/make_snippets_golden.py sig_s8"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
