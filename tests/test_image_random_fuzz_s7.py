"""Regression tests for what the fuzzer's tf.image / tf.random block found (issue 14,
session 7, helper covimg): kernel dtype errors, draw_bounding_boxes without colours,
extract_patches' attribute checks, sample_distorted_bounding_box's checks,
resize_with_pad's arithmetic, the colour matrices' dtype errors and ssim_multiscale
with no power factors, replayed against TensorFlow's recorded output
(``tests/golden/image_random_fuzz_s7.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("image_random_fuzz_s7_snippets", "image_random_fuzz_s7")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "image_random_fuzz_s7.json is out of date; rerun "
        "tests/golden/make_snippets_golden.py image_random_fuzz_s7"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])
