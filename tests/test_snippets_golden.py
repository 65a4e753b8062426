"""Replay TensorFlow's recorded behaviour on tapeflow.

``tests/golden/<suite>.json`` holds what real TensorFlow printed for every
snippet in ``tests/golden/<suite>_snippets.py``: ``behaviour`` (values, tapes,
variables, errors) and ``advanced`` (jacobians, custom gradients, recompute_grad
and TF's advanced autodiff guide). ``tests/golden/make_snippets_golden.py``
regenerates them under the TensorFlow virtualenv; these tests never import
TensorFlow. Each case runs the same snippet with ``tf`` bound to tapeflow and
expects the same text.
"""

from __future__ import annotations

import difflib
import json

import numpy
import pytest

from tests.snippet_replay import GOLDEN_DIR, harness, load_golden_module

# "suite/snippet" -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS: dict[str, str] = {
    "behaviour/gradop_pow": "TF prints -0.0 for d(z**2.0)/dz at z=0 inside this persistent "
    "tape but +0.0 for the same expression alone; tapeflow always gives +0.0.",
}

SUITES = ("behaviour", "advanced")


SNIPPETS = {suite: load_golden_module(f"{suite}_snippets").SNIPPETS for suite in SUITES}
GOLDEN = {suite: json.loads((GOLDEN_DIR / f"{suite}.json").read_text(encoding="utf-8"))
          for suite in SUITES}  # fmt: skip
CASES = [f"{suite}/{name}" for suite in SUITES for name in sorted(GOLDEN[suite]["cases"])]


@pytest.mark.parametrize("suite", SUITES)
def test_golden_data_matches_snippets(suite):
    assert sorted(GOLDEN[suite]["cases"]) == sorted(SNIPPETS[suite]), (
        f"{suite}.json is out of date with {suite}_snippets.py; rerun "
        f"tests/golden/make_snippets_golden.py {suite} under the TensorFlow virtualenv"
    )


def test_known_deviations_name_real_cases():
    assert set(KNOWN_DEVIATIONS) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_snippet_matches_tensorflow(case):
    if case in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[case])
    import tapeflow

    suite, name = case.split("/", 1)
    golden = GOLDEN[suite]
    expected = golden["cases"][name]
    actual = harness.run_snippet(SNIPPETS[suite][name], tapeflow, "tapeflow")
    if actual == expected:
        return
    diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                        actual.splitlines(keepends=True),
                                        "tensorflow", "tapeflow"))  # fmt: skip
    note = ""
    if numpy.__version__ != golden["numpy_version"]:
        note = (f"\n(note: golden data was recorded with numpy {golden['numpy_version']}, "
                f"this run uses numpy {numpy.__version__}; array printing may differ)")  # fmt: skip
    pytest.fail(f"snippet {case!r} differs from TensorFlow:\n\n{SNIPPETS[suite][name]}\n{diff}{note}",
                pytrace=False)  # fmt: skip
