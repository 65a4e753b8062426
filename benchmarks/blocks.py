"""Time tapeflow and its in-process baseline each in its own block of calls.

``run.py`` interleaves the contenders sample by sample, which guards against
drift on a noisy host but makes each one start on caches the other filled.
This script is the other view: for each row, a warm-up call, then a block of
``--calls`` calls of one contender, then the same for the other, in turns
(first one, then the other goes first); it prints the medians of the per-call
times and their ratio.

    python benchmarks/blocks.py mlp_grad elementwise_grad --calls 20 --rounds 40
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import run  # noqa: E402
import workloads  # noqa: E402


def block_times(fn, calls: int) -> float:
    fn()  # warm-up: the other contender ran last
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="+", help="rows with a NumPy baseline, e.g. mlp_grad")
    parser.add_argument("--calls", type=int, default=20, help="calls per block (default 20)")
    parser.add_argument("--rounds", type=int, default=30, help="blocks per contender (default 30)")
    args = parser.parse_args(argv)
    run.ensure_tapeflow_path()
    tapeflow = workloads.load_framework("tapeflow")
    baseline = workloads.load_framework("numpy")
    for name in args.rows:
        row = workloads.ROWS_BY_NAME[name]
        if row.baseline != "numpy":
            parser.error(f"{name} has no NumPy baseline")
        steps = {"tapeflow": row.build(tapeflow), "numpy": row.build(baseline)}
        samples = {key: [] for key in steps}
        order = list(steps)
        for _ in range(args.rounds):
            for key in order:
                samples[key].append(block_times(steps[key], args.calls))
            order.reverse()  # who runs second inherits the other's heap: take turns
        medians = {key: statistics.median(values) for key, values in samples.items()}
        print(
            f"{name}: tapeflow {medians['tapeflow'] * row.scale:.3g} {row.unit}, "
            f"numpy {medians['numpy'] * row.scale:.3g} {row.unit}, "
            f"tapeflow/numpy {medians['tapeflow'] / medians['numpy']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
