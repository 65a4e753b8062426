"""tapeflow against TensorFlow 2.21's public names (tests/api_coverage.py has the
rules and the reasoned exclusions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import api_coverage

ROOT = Path(__file__).resolve().parent.parent
ROWS = api_coverage.coverage()


def test_print_coverage(capsys):
    with capsys.disabled():
        print("\n" + api_coverage.table(ROWS))
    assert ROWS


@pytest.mark.parametrize("row", ROWS, ids=[row["namespace"] for row in ROWS])
def test_every_name_is_present_or_excluded_with_a_reason(row):
    missing = [f"{row['namespace']}.{name}" for name in row["missing"]]
    assert not missing, (
        f"TF names tapeflow lacks, with no reason in tests/api_coverage.py: {missing}"
    )
    assert not row["unknown_exclusions"], f"not TF names: {row['unknown_exclusions']}"


@pytest.mark.parametrize("row", ROWS, ids=[row["namespace"] for row in ROWS])
def test_exclusions_shrink_when_names_arrive(row):
    stale = [f"{row['namespace']}.{name}" for name in row["stale"]]
    assert not stale, f"present now: remove from EXCLUDED in tests/api_coverage.py: {stale}"
    if row["arrived"]:  # another issue landed them: reported, not failed
        print(f"arrived from other issues: {row['namespace']}: {row['arrived']}")


def test_reasons_are_known():
    for path, groups in api_coverage.EXCLUDED.items():
        assert set(groups) <= set(api_coverage.REASONS), path


@pytest.mark.parametrize("path", sorted(api_coverage.tf_names()))
def test_namespaces_export_only_tf_names(path):
    known = set(api_coverage.KNOWN_LEAKS.get(path, "").split())
    found = api_coverage.leaks(path)
    assert not found - known, f"{path} exports names TF does not have: {sorted(found - known)}"
    if known - found:  # fixed (perhaps by another issue's change): reported, not failed
        print(f"fixed leaks, remove from KNOWN_LEAKS: {path}: {sorted(known - found)}")


def test_docs_show_coverage_and_exclusions():
    generated = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_ops_doc.py"), "--deviations"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    current = (ROOT / "docs" / "deviations.md").read_text()
    assert generated == current, "docs/deviations.md is stale: run python tools/gen_ops_doc.py"
