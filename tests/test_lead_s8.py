"""The lead's session-8 fuzz fixes replayed against TensorFlow's recorded output
(``tests/golden/lead_s8.json``; TensorFlow is never imported here)."""

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("lead_s8")
