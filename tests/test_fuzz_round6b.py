"""Regression tests for fuzz round 6 of issue 14 (helper f14b): inputs TF accepts
(batched gather_nd with empty indices, integer division of empty tensors, eye's int32
sizes), TF's errors (ordering complex numbers, LRN in float64, empty tensors NumPy cannot
describe) and boolean_mask's float masks, replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6b.json``; TensorFlow is never imported here)."""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_round6b")
