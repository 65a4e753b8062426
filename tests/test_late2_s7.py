"""The late2 helper's session-7 fuzz fixes replayed against TensorFlow's recorded output
(``tests/golden/late2_s7.json``; TensorFlow is never imported here)."""

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("late2_s7")
