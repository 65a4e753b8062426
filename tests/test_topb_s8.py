"""The topb helper's session-8 fixes replayed against TensorFlow's recorded output
(``tests/golden/topb_s8.json``; TensorFlow is never imported here)."""

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("topb_s8")
