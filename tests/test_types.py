"""mypy passes on src/tapeflow with pyproject.toml's settings (CI runs it too, in .ci/run).

The cache lives in the system's temporary directory, one per checkout (two
trees type-checked at once must not share one), so a second run takes about a
second.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_passes_on_the_package():
    tree = zlib.crc32(str(ROOT).encode())
    cache = Path(tempfile.gettempdir()) / f"tapeflow-mypy-cache-{tree:08x}"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
