"""examples/distributed_least_squares.py on small settings (a 2-worker LocalCluster)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_distributed_least_squares_reaches_the_closed_form():
    pytest.importorskip("dask.array", reason="the `dask` extra is not installed")
    pytest.importorskip("distributed", reason="the `dask` extra lacks distributed")
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    args = [
        "--rows",
        "8000",
        "--chunk-rows",
        "2000",
        "--features",
        "8",
        "--steps",
        "8",
        "--threads",
    ]
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "distributed_least_squares.py"), *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    losses = [float(v) for v in re.findall(r"loss (\S+)", done.stdout)]
    assert len(losses) == 8 and losses[-1] < losses[0] / 100
    error = float(re.search(r"max \|w - w_closed_form\| = (\S+)", done.stdout).group(1))
    assert error < 1e-2
