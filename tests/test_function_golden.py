"""Replay TensorFlow's recorded tf.function behaviour on tapeflow.

``tests/golden/function.json`` holds what TensorFlow 2.21 wrote to stdout and
stderr for each snippet of ``tests/golden/function_snippets.py``
(``make_function_golden.py`` regenerates it under the TensorFlow virtualenv).
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import linecache
import sys

import numpy
import pytest

from tests.snippet_replay import GOLDEN_DIR, harness, load_golden_module

# snippet -> why tapeflow deliberately differs from TensorFlow there.
KNOWN_DEVIATIONS: dict[str, str] = {}


SNIPPETS = load_golden_module("function_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "function.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "function.json is out of date with function_snippets.py; rerun "
        "tests/golden/make_function_golden.py under the TensorFlow virtualenv"
    )


def _show_error(exc):
    print(f"{type(exc).__name__}: {harness.normalize_message(str(exc))}")


def _show_last(exc):
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    print(f"{type(exc).__name__}: {harness.normalize_message(lines[-1] if lines else '')}")


def run(name: str, snippets: dict | None = None) -> dict:
    """Run snippet ``name`` (of ``snippets``, this suite's by default) on tapeflow:
    its stdout and stderr."""
    import tapeflow

    source = (SNIPPETS if snippets is None else snippets)[name]
    filename = f"<snippet {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    out, err = io.StringIO(), io.StringIO()
    namespace = {"tf": tapeflow, "np": numpy, "sys": sys, "show_error": _show_error,
                 "show_last": _show_last}  # fmt: skip
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(compile(source, filename, "exec"), namespace)  # noqa: S102
        except Exception as exc:  # noqa: BLE001
            print(f"UNCAUGHT {type(exc).__name__}: {harness.normalize_message(str(exc))}")
        finally:
            tapeflow.config.run_functions_eagerly(False)
    return {"stdout": out.getvalue(), "stderr": err.getvalue()}


@pytest.mark.parametrize("name", sorted(GOLDEN["cases"]))
def test_snippet_matches_tensorflow(name):
    if name in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[name])
    expected = GOLDEN["cases"][name]
    actual = run(name)
    if actual == expected:
        return
    diff = ""
    for stream in ("stdout", "stderr"):
        diff += "".join(difflib.unified_diff(expected[stream].splitlines(keepends=True),
                                             actual[stream].splitlines(keepends=True),
                                             f"tensorflow {stream}", f"tapeflow {stream}"))  # fmt: skip
    pytest.fail(f"snippet {name!r} differs from TensorFlow:\n\n{SNIPPETS[name]}\n{diff}",
                pytrace=False)  # fmt: skip
