"""Replay TensorFlow's recorded output for ``tests/golden/function_more_snippets.py``
(value-reading ops called with other values, loops with ``else``, returns inside
converted loops, forward mode through loop and cond nodes) on tapeflow.

``function_more.json`` is written by ``make_function_golden.py function_more`` under
the TensorFlow virtualenv; these tests never import TensorFlow.
"""

from __future__ import annotations

import difflib
import json

import pytest

from tests.snippet_replay import GOLDEN_DIR, load_golden_module
from tests.test_function_golden import run

SNIPPETS = load_golden_module("function_more_snippets").SNIPPETS

# snippet -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS = {
    "else_tensor_for": "TF 2.21's AutoGraph leaves a function holding a loop with an else "
    "clause unconverted (a tensor loop then fails); tapeflow converts the loop "
    "(docs/deviations.md): values are Python's, checked in tests/test_autograph.py",
}

# snippet -> why only stdout is compared (TensorFlow's stderr holds a notice tapeflow
# does not log).
STDOUT_ONLY = {
    "else_python_loops": "TF logs that it could not convert a function holding a loop "
    "with an else clause; tapeflow converts it",
}
GOLDEN = json.loads((GOLDEN_DIR / "function_more.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "function_more.json is out of date with function_more_snippets.py; rerun "
        "tests/golden/make_function_golden.py function_more under the TensorFlow virtualenv"
    )


@pytest.mark.parametrize("name", sorted(GOLDEN["cases"]))
def test_snippet_matches_tensorflow(name):
    if name in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[name])
    expected = GOLDEN["cases"][name]
    actual = run(name, SNIPPETS)
    if name in STDOUT_ONLY:
        actual = {**actual, "stderr": expected["stderr"]}
    if actual == expected:
        return
    diff = ""
    for stream in ("stdout", "stderr"):
        diff += "".join(difflib.unified_diff(expected[stream].splitlines(keepends=True),
                                             actual[stream].splitlines(keepends=True),
                                             f"tensorflow {stream}", f"tapeflow {stream}"))  # fmt: skip
    pytest.fail(f"snippet {name!r} differs from TensorFlow:\n\n{SNIPPETS[name]}\n{diff}",
                pytrace=False)  # fmt: skip
