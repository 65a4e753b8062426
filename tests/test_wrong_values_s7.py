"""Regression tests for the wrong values and gradients session 6's final fuzz run left
open (issue 14, session 7, helper v14a): atan2 at a negative zero, integer and float
segment means, complex ``slogdet`` near the float32 limit, and second derivatives of
``clip_by_norm`` and ``triangular_solve``, replayed against TensorFlow's recorded output
(``tests/golden/wrong_values_s7.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("wrong_values_s7_snippets", "wrong_values_s7")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "wrong_values_s7.json is out of date; rerun tests/golden/make_snippets_golden.py wrong_values_s7"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


def test_integer_segment_count_wrapping_to_zero_raises():
    # TF's process dies here (its kernel divides by the count as a uint8: 256 -> 0).
    import tapeflow as tf

    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.math.segment_mean(tf.ones([256], tf.uint8), tf.zeros([256], tf.int32))
    # An empty segment is 0, whatever its type.
    out = tf.math.segment_mean(tf.constant([7], tf.int8), tf.constant([2]))
    assert out.numpy().tolist() == [0, 0, 7]
