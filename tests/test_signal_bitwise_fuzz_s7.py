"""Regression tests for what the fuzzer's tf.signal / top-level block found (issue 14,
session 7, helper covsig): TF's window formulas, empty FFTs and DCTs, FFT input
conversion, DCT argument checks in TF's order, framing lengths, dynamic_stitch over an
overwritten Inf and argument checks of tensor_scatter_nd_max, batch_to_space,
reverse_sequence, histogram_fixed_width and sequence_mask; replayed against
TensorFlow's recorded output (``tests/golden/signal_bitwise_fuzz_s7.json``; TensorFlow
is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("signal_bitwise_fuzz_s7_snippets", "signal_bitwise_fuzz_s7")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "signal_bitwise_fuzz_s7.json is out of date; rerun "
        "tests/golden/make_snippets_golden.py signal_bitwise_fuzz_s7"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
