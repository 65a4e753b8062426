"""Regression tests for fuzz round 6 of issue 14 (helper r14d): isotonic_regression's
axis and dtype checks, complex LU (values; no gradient, as TF) and ctc_loss's complex
blank_index, replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6d.json``; TensorFlow is never imported here)."""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_round6d")
