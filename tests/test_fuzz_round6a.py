"""Regression tests for fuzz round 6 of issue 14 (helper f14a: wrong values and gradients
of asin/acos, eigvalsh, xdivy, igamma, segment max/min, elu/selu, casts to uint64 and
reduce_prod's second order), replayed against TensorFlow's recorded output
(``tests/golden/fuzz_round6a.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_round6a")
