"""What tf.debugging's modes cost on the scalar chain and the MLP gradient.

    PYTHONPATH=src python benchmarks/debugging_cost.py [--repeats 15]

Times one step of each workload (the same programs as benchmarks/run.py's
``scalar_chain`` and ``mlp_grad`` rows) with the modes off, with
``enable_check_numerics()``, and with ``enable_gradient_explanations()``;
the best of ``--repeats`` blocks, in the same process, taking turns so load
on a shared machine hits all three alike. Figures go in docs/debugging.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

import tapeflow as tf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import workloads  # noqa: E402

MODES = {
    "off": (lambda: None, lambda: None),
    "check_numerics": (tf.debugging.enable_check_numerics, tf.debugging.disable_check_numerics),
    "explanations": (
        tf.debugging.enable_gradient_explanations,
        tf.debugging.disable_gradient_explanations,
    ),
}


def _block(step, number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        step()
    return (time.perf_counter() - start) / number


def measure(step, number: int, repeats: int) -> dict[str, float]:
    best = dict.fromkeys(MODES, float("inf"))
    for _ in range(repeats):
        for mode, (on, off) in MODES.items():
            on()
            try:
                best[mode] = min(best[mode], _block(step, number))
            finally:
                off()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    rows = {
        "scalar_chain (per op)": (workloads.chain_tf(tf, np.float32(0.5)), 5, 600),
        "mlp_grad (per step)": (workloads.mlp_tf(tf), 3, 1),
    }
    for name, (step, number, per) in rows.items():
        best = measure(step, number, args.repeats)
        off = best["off"]
        cells = "  ".join(
            f"{mode} {best[mode] / per * 1e6:9.1f} us ({best[mode] / off:4.2f}x)" for mode in MODES
        )
        print(f"{name:24s} {cells}")


if __name__ == "__main__":
    main()
