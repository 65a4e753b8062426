"""The late1 helper's session-7 escape fixes replayed against TensorFlow's recorded output
(``tests/golden/late1_s7.json``; TensorFlow is never imported here)."""

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("late1_s7")
