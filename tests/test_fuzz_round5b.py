"""Regression tests for the final fuzz run of issue 14 (helper fixb): fractional pool
ratio checks, convolution dtype checks, inputs TF accepts (a 1-element fill value, a
rank-1 expm, empty LU batches, string sort axes) and string results, replayed against
TensorFlow's recorded output (``tests/golden/fuzz_round5b.json``; TensorFlow is never
imported here).
"""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_round5b")
