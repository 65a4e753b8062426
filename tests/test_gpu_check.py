"""tools/gpu_check.py, the prepared GPU script, in its dry mode (the fake CuPy)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gpu_check_dry_run(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-W", "ignore", str(ROOT / "tools" / "gpu_check.py"), "--fake",
         "--stride", "1", "--size", "32", "--repeats", "1", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads((tmp_path / "gpu_check.json").read_text())
    golden = summary["golden"]
    assert golden["cases_run"] == golden["cases_total"] > 50
    # Every case is right on the GPU or says by a named error that it cannot run there.
    assert golden["counts"]["WRONG"] == 0 and golden["counts"]["ESCAPE"] == 0, golden
    assert golden["counts"]["ok"] > golden["cases_total"] // 3
    assert [r["row"] for r in summary["rows"]] == ["mlp_grad", "matmul_chain_32"]
    assert all(r["tapeflow_gpu_ms"] > 0 and r["tapeflow_cpu_ms"] > 0 for r in summary["rows"])
    assert summary["chain_gpu_vs_cpu_max_rel_diff"] < 1e-5
    assert "matmul_chain_32" in done.stdout
