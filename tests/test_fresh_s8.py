"""Regression tests for what the fresh fuzz run with seed 91 found in the ops no other
lane covers (issue 14, session 8, helper fresh), replayed against TensorFlow's recorded
output (``tests/golden/fresh_s8.json``; TensorFlow is never imported here)."""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fresh_s8")
