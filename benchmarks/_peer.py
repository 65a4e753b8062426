"""Subprocess entry point: run one framework's workloads and report JSON.

One-shot mode (handy by hand)::

    python benchmarks/_peer.py --framework torch --row scalar_chain [--repeats 31]

prints one JSON object (framework, version, row, samples in seconds per call, median,
median in the row's unit, correctness check) on stdout.

Server mode (used by ``run.py`` so that peers can be interleaved with the main
process and each interpreter is started only once)::

    python benchmarks/_peer.py --framework torch --serve

reads one JSON command per line on stdin and answers one JSON line per command:

* first, unprompted: ``{"ok": true, "framework", "version", "location", "python"}``
  or ``{"ok": false, "error": ...}`` when the import fails;
* ``{"cmd": "prepare", "row": NAME, "warmup": W, "min_sample_s": S}`` ->
  ``{"ok": true, "sample_s": ..., "number": ..., "check": "ok"}``;
* ``{"cmd": "sample", "n": N}`` -> ``{"ok": true, "samples": [...]}`` (for the
  last prepared row);
* ``{"cmd": "quit"}``.

Anything the framework prints on stdout is redirected to stderr so that it cannot
corrupt the protocol.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _setup_threads() -> None:
    n = os.environ.get("TAPEFLOW_BENCH_THREADS")
    if not n:
        return
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = n


def _apply_framework_threads(fw) -> None:
    n = os.environ.get("TAPEFLOW_BENCH_THREADS")
    if not n:
        return
    n = int(n)
    if fw.name == "torch":
        fw.api.set_num_threads(n)
    elif fw.name == "tensorflow":
        fw.api.config.threading.set_intra_op_parallelism_threads(n)
        fw.api.config.threading.set_inter_op_parallelism_threads(n)


class PeerSession:
    def __init__(self, framework: str):
        import workloads  # noqa: F401  (imports numpy)

        self.w = workloads
        self.fw = workloads.load_framework(framework)
        _apply_framework_threads(self.fw)
        self.sampler = None
        self.row = None

    def hello(self) -> dict:
        return {
            "ok": True,
            "framework": self.fw.name,
            "version": self.fw.version,
            "location": self.fw.location,
            "python": sys.executable,
            "python_version": platform.python_version(),
            "numpy_version": self.w.np.__version__,
        }

    def prepare(self, row_name: str, warmup: int, min_sample_s: float) -> dict:
        from timing import LocalSampler

        row = self.w.ROWS_BY_NAME[row_name]
        if not row.supports(self.fw.name):
            raise LookupError(f"row {row_name!r} has no {self.fw.family!r} builder")
        step = row.build(self.fw)
        check = "not checked"
        if row.check is not None:
            row.check(self.w.to_numpy(step()))
            check = "ok"
        self.row = row
        self.sampler = LocalSampler(self.fw.name, step)
        sample_s = self.sampler.prepare(warmup, min_sample_s)
        return {"ok": True, "sample_s": sample_s, "number": self.sampler.number, "check": check}

    def sample(self, n: int, rewarm: bool = False) -> dict:
        return {"ok": True, "samples": self.sampler.sample(n, rewarm=rewarm)}


def serve(framework: str) -> int:
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # framework chatter on stdout -> stderr
    sys.stdout = sys.stderr

    def send(obj: dict) -> None:
        proto.write(json.dumps(obj) + "\n")
        proto.flush()

    try:
        session = PeerSession(framework)
    except ImportError as exc:
        send({"ok": False, "error": f"not installed ({exc})", "missing": True})
        return 0
    except Exception as exc:  # noqa: BLE001
        send(
            {
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(),
            }
        )
        return 1
    send(session.hello())

    for line in sys.stdin:
        if not line.strip():
            continue
        cmd = json.loads(line)
        try:
            if cmd["cmd"] == "quit":
                break
            if cmd["cmd"] == "prepare":
                send(session.prepare(cmd["row"], cmd["warmup"], cmd["min_sample_s"]))
            elif cmd["cmd"] == "sample":
                send(session.sample(cmd["n"], bool(cmd.get("rewarm"))))
            else:
                send({"ok": False, "error": f"unknown command {cmd['cmd']!r}"})
        except Exception as exc:  # noqa: BLE001
            send(
                {
                    "ok": False,
                    "error": f"{type(exc).__name__}: {exc}",
                    "traceback": traceback.format_exc(),
                }
            )
    return 0


def one_shot(args) -> int:
    import statistics

    try:
        session = PeerSession(args.framework)
    except ImportError as exc:
        print(
            json.dumps(
                {
                    "ok": False,
                    "framework": args.framework,
                    "error": f"not installed ({exc})",
                    "missing": True,
                }
            )
        )
        return 2
    out = session.hello()
    out["row"] = args.row
    try:
        prep = session.prepare(args.row, args.warmup, args.min_sample_s)
        samples = session.sample(args.repeats)["samples"]
    except Exception as exc:  # noqa: BLE001
        out.update(ok=False, error=f"{type(exc).__name__}: {exc}")
        print(json.dumps(out, indent=2))
        return 1
    med = statistics.median(samples)
    out.update(
        number=prep["number"],
        check=prep["check"],
        samples_s=samples,
        median_s=med,
        unit=session.row.unit,
        median=med * session.row.scale,
    )
    print(json.dumps(out, indent=2))
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--framework",
        required=True,
        choices=["tapeflow", "tensorflow", "torch", "jax", "autograd", "numpy"],
    )
    p.add_argument("--row", help="row name (one-shot mode)")
    p.add_argument("--serve", action="store_true", help="JSON-lines server mode")
    p.add_argument("--repeats", type=int, default=31)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--min-sample-s", type=float, default=0.002)
    args = p.parse_args(argv)
    _setup_threads()
    if args.serve:
        return serve(args.framework)
    if not args.row:
        p.error("--row is required unless --serve is given")
    return one_shot(args)


if __name__ == "__main__":
    sys.exit(main())
