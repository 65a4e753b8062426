"""examples/distributed_least_squares.py on small settings (a 2-worker LocalCluster)."""

import importlib.util
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
    grew = re.search(r"grew (\S+) MiB while training \(bound (\S+) MiB.*\): (\w+)", done.stdout)
    assert grew is not None, done.stdout
    assert float(grew.group(1)) < float(grew.group(2)) and grew.group(3) == "within"


def test_client_memory_bound_logic():
    spec = importlib.util.spec_from_file_location(
        "distributed_least_squares", ROOT / "examples" / "distributed_least_squares.py"
    )
    pytest.importorskip("distributed", reason="the `dask` extra lacks distributed")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bound = module.CLIENT_GROWTH_BOUND_MIB
    assert module.within_bound(0.0) and module.within_bound(bound - 0.1)
    assert not module.within_bound(bound) and not module.within_bound(1208.0)
    assert module.peak_rss_mib() > 0
