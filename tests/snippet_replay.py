"""Replaying golden snippets: the programs of ``tests/golden/<name>_snippets.py`` run on
tapeflow and their printed output is compared with what TensorFlow 2.21 printed
(``tests/golden/<json>.json``, written under the TensorFlow virtualenv). TensorFlow is
never imported here."""

from __future__ import annotations

import difflib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def load_golden_module(module_name: str) -> ModuleType:
    """A module of tests/golden/ (not a package: loaded from its file)."""
    if str(GOLDEN_DIR) not in sys.path:  # the snippet files import snippet_registry
        sys.path.append(str(GOLDEN_DIR))
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = load_golden_module("harness")


def load_suite(snippets_module: str, json_name: str) -> tuple[dict[str, str], dict[str, str]]:
    """(snippet sources, TensorFlow's recorded outputs), both keyed by snippet name."""
    snippets = load_golden_module(snippets_module).SNIPPETS
    recorded = json.loads((GOLDEN_DIR / f"{json_name}.json").read_text(encoding="utf-8"))
    return snippets, recorded["cases"]


def suite_tests(suite: str) -> tuple[Callable[[], None], Callable[[str], None]]:
    """The two tests of a snippet suite recorded by ``make_snippets_golden.py <suite>``:
    its JSON names exactly its snippets, and each snippet prints on tapeflow what
    TensorFlow printed. A test module binds them to its own names so pytest collects
    them there::

        test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_s6c")
    """
    snippets, golden = load_suite(f"{suite}_snippets", suite)

    def test_golden_data_matches_snippets() -> None:
        assert sorted(golden) == sorted(snippets), (
            f"{suite}.json is out of date; rerun tests/golden/make_snippets_golden.py {suite}"
        )

    @pytest.mark.parametrize("name", sorted(snippets))
    def test_matches_tensorflow(name: str) -> None:
        assert_matches_tensorflow(name, snippets[name], golden[name])

    return test_golden_data_matches_snippets, test_matches_tensorflow


def assert_matches_tensorflow(
    name: str, source: str, expected: str, show_source: bool = False
) -> None:
    """Run one snippet on tapeflow; fail with a diff against TensorFlow's output (after
    the snippet's source with ``show_source``)."""
    import tapeflow

    actual = harness.run_snippet(source, tapeflow, "tapeflow")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        shown = f"{source}\n" if show_source else ""
        pytest.fail(f"{name} differs from TensorFlow:\n{shown}{diff}", pytrace=False)
