#!/usr/bin/env python
"""The GPU checks of issue 13 in one short run: the op golden suite on CuPy arrays,
and benchmark rows on the GPU against tapeflow on the CPU and PyTorch on the GPU.

    PYTHONPATH=src python tools/gpu_check.py --out "$OUT"      # on a machine with a GPU
    PYTHONPATH=src python tools/gpu_check.py --fake             # dry run, no GPU needed

Needs CuPy (the `gpu` extra) and a CUDA device; PyTorch with CUDA is
optional (its rows say "n/a" without it). ``--fake`` runs everything on the
tests' fake CuPy (NumPy behind CuPy's interface, tests/fake_cupy.py) at small
sizes, so the script itself is tested where no GPU is lent.

Golden suite: every case of tests/test_ops_golden.py with its arguments,
output weights and tangents on the GPU (``cupy.asarray``), compared with
TensorFlow's stored values, gradients, second-order gradients and JVPs.
Each case is "ok", "not on GPU" (an UnimplementedError or
InvalidArgumentError naming CuPy: an op whose impl cannot run there),
"WRONG" (a value off TensorFlow's) or "ESCAPE" (any other exception). The
suite stops at ``--golden-seconds`` and says how far it got.

Rows (median ms per step over ``--repeats`` after a warm-up, the device
synchronized around each step):

* mlp_grad: the gradient of a 784-256-256-10 MLP's mean softmax
  cross-entropy (batch 128) w.r.t. its 3 weight matrices;
* matmul_chain: ``loss = sum(x @ w1 @ w2 @ w3)`` with 4096x4096 float32
  matrices, and its gradient w.r.t. w1, w2, w3 (3 forward, 5 backward matmuls).

A JSON summary goes to ``--out`` (a folder) when given.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.golden / tests.fake_cupy
sys.path.insert(0, str(REPO / "src"))

import tapeflow as tf  # noqa: E402
from tapeflow import _backend  # noqa: E402


def _gpu_namespace(fake: bool):
    """(asarray, synchronize) of the GPU library: CuPy, or the fake."""
    if fake:
        from tests import fake_cupy

        fake_cupy.install()
        return fake_cupy.asarray, lambda: None
    try:
        import cupy  # type: ignore[import-not-found]
    except ImportError as error:
        raise SystemExit(f"no CuPy ({error}): pip install '.[gpu]', or --fake") from None
    if _backend.gpu_library() is None:
        raise SystemExit("CuPy finds no CUDA device: run with --fake for the dry run")
    return cupy.asarray, cupy.cuda.Device().synchronize


# --------------------------------------------------------------------------------------
# The golden suite on GPU arrays
# --------------------------------------------------------------------------------------
def golden_suite(asarray, stride: int, seconds: float) -> dict:
    """Run every ``stride``-th golden case on GPU arrays; counts and the failures."""
    from tests.golden.opcases import evaluate
    from tests.test_ops_golden import ALL_CASES, _compare

    cases = [p.values for p in ALL_CASES if p.values[1] is not None][::stride]
    counts = {"ok": 0, "not on GPU": 0, "WRONG": 0, "ESCAPE": 0}
    failures: dict[str, str] = {}
    start = time.perf_counter()
    done = 0
    for case, golden in cases:
        if time.perf_counter() - start > seconds:
            break
        done += 1
        try:
            got = evaluate(case, tf, lambda a: asarray(np.asarray(a)))
            for kind in ("value", "grad", "grad2", "jvp"):
                if kind in golden and kind not in case.skip:
                    _compare(kind, got[kind], golden[kind], case)
            counts["ok"] += 1
        except (tf.errors.UnimplementedError, tf.errors.InvalidArgumentError) as error:
            if "cupy" in str(error):
                counts["not on GPU"] += 1
            else:
                counts["ESCAPE"] += 1
                failures[case.name] = f"{type(error).__name__}: {str(error)[:300]}"
        except AssertionError as error:
            counts["WRONG"] += 1
            failures[case.name] = str(error)[:300]
        except Exception as error:  # every other exception is a finding
            counts["ESCAPE"] += 1
            failures[case.name] = f"{type(error).__name__}: {str(error)[:300]}"
    return {
        "cases_run": done,
        "cases_total": len(cases),
        "seconds": round(time.perf_counter() - start, 1),
        "counts": counts,
        "failures": failures,
    }


# --------------------------------------------------------------------------------------
# Benchmark rows
# --------------------------------------------------------------------------------------
def _median_ms(step, synchronize, repeats: int) -> float:
    step()
    synchronize()  # warm-up: kernels compiled, memory pools filled
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        synchronize()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def _mlp_arrays(batch: int = 128, sizes=(784, 256, 256, 10)) -> dict:
    rng = np.random.default_rng(0)
    arrays = {"X": rng.standard_normal((batch, sizes[0])).astype(np.float32)}
    arrays["Y"] = np.eye(sizes[-1], dtype=np.float32)[rng.integers(0, sizes[-1], batch)]
    for i, (m, n) in enumerate(zip(sizes[:-1], sizes[1:]), 1):
        arrays[f"W{i}"] = (rng.standard_normal((m, n)) / np.sqrt(m)).astype(np.float32)
        arrays[f"b{i}"] = np.zeros(n, np.float32)
    return arrays


def _chain_arrays(size: int) -> dict:
    rng = np.random.default_rng(1)
    return {k: (rng.standard_normal((size, size)) / np.sqrt(size)).astype(np.float32)
            for k in ("x", "w1", "w2", "w3")}  # fmt: skip


def mlp_tapeflow(arrays: dict, device: str):
    with tf.device(device):
        X, Y, b1, b2, b3 = (tf.constant(arrays[k]) for k in ("X", "Y", "b1", "b2", "b3"))
        W = [tf.Variable(arrays[k]) for k in ("W1", "W2", "W3")]

    def step():
        with tf.GradientTape() as tape:
            h1 = tf.nn.relu(tf.matmul(X, W[0]) + b1)
            h2 = tf.nn.relu(tf.matmul(h1, W[1]) + b2)
            logits = tf.matmul(h2, W[2]) + b3
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))
        return tape.gradient(loss, W)

    return step


def chain_tapeflow(arrays: dict, device: str):
    with tf.device(device):
        x = tf.constant(arrays["x"])
        ws = [tf.Variable(arrays[k]) for k in ("w1", "w2", "w3")]

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.matmul(tf.matmul(tf.matmul(x, ws[0]), ws[1]), ws[2]))
        return tape.gradient(loss, ws)

    return step


def _torch_cuda():
    try:
        import torch  # type: ignore[import-not-found]
    except ImportError:
        return None
    return torch if torch.cuda.is_available() else None


def mlp_torch(torch, arrays: dict):
    t = {k: torch.from_numpy(v).cuda() for k, v in arrays.items()}
    W = [t[k].requires_grad_() for k in ("W1", "W2", "W3")]

    def step():
        h1 = torch.relu(t["X"] @ W[0] + t["b1"])
        h2 = torch.relu(h1 @ W[1] + t["b2"])
        logits = h2 @ W[2] + t["b3"]
        loss = -(t["Y"] * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
        return torch.autograd.grad(loss, W)

    return step


def chain_torch(torch, arrays: dict):
    t = {k: torch.from_numpy(v).cuda() for k, v in arrays.items()}
    ws = [t[k].requires_grad_() for k in ("w1", "w2", "w3")]

    def step():
        return torch.autograd.grad((t["x"] @ ws[0] @ ws[1] @ ws[2]).sum(), ws)

    return step


def benchmark_rows(size: int, repeats: int, synchronize, fake: bool) -> list[dict]:
    torch = None if fake else _torch_cuda()
    if torch is not None:
        torch.backends.cuda.matmul.allow_tf32 = False  # float32 as tapeflow/CuPy compute it
    rows = []
    for name, arrays, ours, theirs in [
        ("mlp_grad", _mlp_arrays(), mlp_tapeflow, mlp_torch),
        (f"matmul_chain_{size}", _chain_arrays(size), chain_tapeflow, chain_torch),
    ]:
        gpu = _median_ms(ours(arrays, "/GPU:0"), synchronize, repeats)
        cpu = _median_ms(ours(arrays, "/CPU:0"), lambda: None, max(1, repeats // 3))
        peer = None
        if torch is not None:
            peer = _median_ms(theirs(torch, arrays), torch.cuda.synchronize, repeats)
        rows.append({"row": name, "tapeflow_gpu_ms": gpu, "tapeflow_cpu_ms": cpu,
                     "torch_gpu_ms": peer})  # fmt: skip
    return rows


def _check_gradients_agree(size: int) -> float:
    """Largest relative difference of the chain's GPU and CPU gradients (a sanity check)."""
    arrays = _chain_arrays(size)
    gpu = chain_tapeflow(arrays, "/GPU:0")()
    cpu = chain_tapeflow(arrays, "/CPU:0")()
    worst = 0.0
    for g, c in zip(gpu, cpu):
        assert _backend.device_type(g._value) == "GPU", "the GPU gradient is not on the GPU"
        c = c.numpy()
        worst = max(worst, float(np.max(np.abs(g.numpy() - c)) / (np.max(np.abs(c)) or 1.0)))
    return worst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fake", action="store_true", help="dry run on the fake CuPy")
    parser.add_argument("--size", type=int, default=None, help="matmul chain size (4096)")
    parser.add_argument("--repeats", type=int, default=None, help="timed steps per row (15)")
    parser.add_argument("--stride", type=int, default=1, help="run every n-th golden case")
    parser.add_argument("--golden-seconds", type=float, default=240.0)
    parser.add_argument("--skip-golden", action="store_true")
    parser.add_argument("--out", help="a folder for gpu_check.json")
    args = parser.parse_args(argv)
    size = args.size or (64 if args.fake else 4096)
    repeats = args.repeats or (2 if args.fake else 15)

    asarray, synchronize = _gpu_namespace(args.fake)
    summary: dict = {"fake": args.fake, "size": size, "repeats": repeats}
    print(f"GPU library: {'fake CuPy (dry run)' if args.fake else 'CuPy'}; "
          f"devices {[d.name for d in tf.config.list_physical_devices()]}")  # fmt: skip
    summary["chain_gpu_vs_cpu_max_rel_diff"] = worst = _check_gradients_agree(min(size, 256))
    print(f"matmul chain gradients, GPU vs CPU: max relative difference {worst:.2e}")
    if not args.skip_golden:
        golden = golden_suite(asarray, args.stride, args.golden_seconds)
        summary["golden"] = golden
        print(f"golden suite on GPU arrays: {golden['cases_run']}/{golden['cases_total']} "
              f"cases in {golden['seconds']} s: {golden['counts']}")  # fmt: skip
        for name, text in sorted(golden["failures"].items()):
            print(f"  {name}: {text.splitlines()[0] if text else ''}")
    rows = benchmark_rows(size, repeats, synchronize, args.fake)
    summary["rows"] = rows
    print(f"{'row':<20} {'tapeflow GPU':>13} {'tapeflow CPU':>13} {'torch GPU':>10} "
          f"{'CPU/GPU':>8} {'GPU/torch':>9}")  # fmt: skip
    for r in rows:
        gpu_ms, cpu_ms, peer = r["tapeflow_gpu_ms"], r["tapeflow_cpu_ms"], r["torch_gpu_ms"]
        peer_text = "n/a" if peer is None else f"{peer:.2f} ms"
        ratio_text = "n/a" if peer is None else f"{gpu_ms / peer:.2f}"
        print(f"{r['row']:<20} {gpu_ms:>10.2f} ms {cpu_ms:>10.2f} ms {peer_text:>10} "
              f"{cpu_ms / gpu_ms:>8.2f} {ratio_text:>9}")  # fmt: skip
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        (Path(args.out) / "gpu_check.json").write_text(json.dumps(summary, indent=1) + "\n")
    bad = summary.get("golden", {}).get("counts", {})
    return 1 if bad.get("WRONG") or bad.get("ESCAPE") else 0


if __name__ == "__main__":
    raise SystemExit(main())
