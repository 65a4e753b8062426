"""Regression tests for what the fresh fuzz run with seeds 83/84 found in the newly
fuzzed top-level ops (issue 14, session 7, helper sig2), replayed against
TensorFlow's recorded output (``tests/golden/fresh83_toplevel.json``; TensorFlow is
never imported here)."""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fresh83_toplevel")
