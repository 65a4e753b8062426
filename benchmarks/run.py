#!/usr/bin/env python
"""Benchmark tapeflow against hand-written NumPy and peer autodiff frameworks.

    python benchmarks/run.py                  # full run (~1-3 min), writes RESULTS.md
    python benchmarks/run.py --quick          # smoke test (writes no report)
    python benchmarks/run.py --only scalar_chain,mlp_grad --no-peers

tapeflow and the hand-written NumPy baselines run in this process.  Each peer
(PyTorch, TensorFlow, JAX, HIPS autograd) runs in its own subprocess
(``benchmarks/_peer.py --serve``), started once, so its import never disturbs
tapeflow's numbers and it may use another interpreter (TensorFlow lives in its own
venv: ``TAPEFLOW_BENCH_TF_PYTHON``, default ``/work/tfref/bin/python`` if present).
All contenders of a row are sampled in interleaved order; every ratio comes from
numbers measured in the same run.

Environment:
  TAPEFLOW_BENCH_MODULE     module benchmarked in the "tapeflow" slot (default
                            tapeflow; e.g. ``tensorflow`` to test the harness)
  TAPEFLOW_BENCH_TENSORFLOW_PYTHON (alias TAPEFLOW_BENCH_TF_PYTHON)
                            interpreter for the TensorFlow peer (default
                            /work/tfref/bin/python if it exists)
  TAPEFLOW_BENCH_<PEER>_PYTHON  same for TORCH, JAX, AUTOGRAD
  TAPEFLOW_BENCH_PEER_PYTHON  default interpreter for peers (default: this one)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import math
import os
import platform
import selectors
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import timing  # noqa: E402  (stdlib only; numpy is imported after thread set-up)

PEER_ORDER = ("torch", "tensorflow", "jax", "autograd")
DEFAULT_TF_PYTHON = "/work/tfref/bin/python"
UNIT_DISPLAY = {"us/op": "µs/op"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Peers (subprocess servers)
# --------------------------------------------------------------------------------------


class PeerError(RuntimeError):
    pass


class PeerProcess:
    """A ``_peer.py --serve`` subprocess speaking JSON lines."""

    def __init__(self, name: str, python: str, env: dict[str, str]):
        self.name, self.python = name, python
        self.info: dict = {}
        self.status = "starting"  # "ok" | "not installed" | "error: ..."
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            [python, str(HERE / "_peer.py"), "--framework", name, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            env=env,
            cwd=str(REPO),
        )

    def stderr_tail(self, n: int = 1500) -> str:
        try:
            self.stderr.seek(0)
            return self.stderr.read()[-n:]
        except Exception:  # noqa: BLE001
            return ""

    def _readline(self, timeout: float) -> dict:
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        try:
            if not sel.select(timeout):
                raise PeerError(f"{self.name}: no answer within {timeout:.0f} s")
        finally:
            sel.close()
        line = self.proc.stdout.readline()
        if not line:
            raise PeerError(
                f"{self.name}: process exited (rc={self.proc.poll()}):\n{self.stderr_tail()}"
            )
        return json.loads(line)

    def wait_hello(self, timeout: float = 300.0) -> None:
        try:
            msg = self._readline(timeout)
        except PeerError as exc:
            self.status = f"error: {exc}"
            return
        if msg.get("ok"):
            self.info, self.status = msg, "ok"
        elif msg.get("missing"):
            self.status = "not installed"
            self.info = msg
        else:
            self.status = f"error: {msg.get('error')}"
            self.info = msg

    def request(self, obj: dict, timeout: float) -> dict:
        if self.proc.poll() is not None:
            raise PeerError(f"{self.name}: process is gone:\n{self.stderr_tail()}")
        self.proc.stdin.write(json.dumps(obj) + "\n")
        self.proc.stdin.flush()
        msg = self._readline(timeout)
        if not msg.get("ok"):
            raise PeerError(msg.get("error", "unknown error"))
        return msg

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


class RemoteSampler:
    """timing.Sampler backed by a peer process."""

    def __init__(self, peer: PeerProcess, row_name: str):
        self.name, self.peer, self.row_name = peer.name, peer, row_name
        self.group = peer.name
        self.number = 1
        self.sample_s = float("nan")
        self.check = "?"

    def prepare(self, warmup: int, min_sample_s: float) -> float:
        msg = self.peer.request(
            {
                "cmd": "prepare",
                "row": self.row_name,
                "warmup": warmup,
                "min_sample_s": min_sample_s,
            },
            timeout=600,
        )
        self.number, self.sample_s, self.check = msg["number"], msg["sample_s"], msg["check"]
        return self.sample_s

    def sample(self, n: int, rewarm: bool = False) -> list[float]:
        timeout = 120 + 20 * (n + 1) * self.sample_s
        return self.peer.request({"cmd": "sample", "n": n, "rewarm": rewarm}, timeout=timeout)[
            "samples"
        ]


def peer_python(name: str) -> str | None:
    """Interpreter for a peer: TAPEFLOW_BENCH_<NAME>_PYTHON, then (TensorFlow only)
    /work/tfref/bin/python if it exists, then TAPEFLOW_BENCH_PEER_PYTHON, then this one."""
    own = os.environ.get(f"TAPEFLOW_BENCH_{name.upper()}_PYTHON")
    if not own and name == "tensorflow":
        own = os.environ.get("TAPEFLOW_BENCH_TF_PYTHON")
    if own:
        return own
    if name == "tensorflow" and os.path.exists(DEFAULT_TF_PYTHON):
        return DEFAULT_TF_PYTHON
    return os.environ.get("TAPEFLOW_BENCH_PEER_PYTHON") or sys.executable


def start_peers(names: list[str]) -> dict[str, PeerProcess]:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("JAX_PLATFORMS", "cpu")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    peers: dict[str, PeerProcess] = {}
    for name in names:
        python = peer_python(name)
        if not python or not os.path.exists(python):
            p = object.__new__(PeerProcess)
            p.name, p.python, p.info, p.proc = name, python, {}, None
            p.status = f"not installed (interpreter {python!r} not found)"
            peers[name] = p
            continue
        peers[name] = PeerProcess(name, python, env)
    for p in peers.values():  # imports proceed in parallel; nothing is timed yet
        if p.proc is not None:
            p.wait_hello()
            log(
                f"peer {p.name}: {p.status}"
                + (f" ({p.info.get('version')}, {p.python})" if p.status == "ok" else "")
            )
    # Freshly imported peers (TensorFlow above all) keep a core busy for a moment after
    # saying hello; the first rows measured otherwise showed +-30% spreads.
    time.sleep(3.0)
    return peers


# --------------------------------------------------------------------------------------
# Machine info
# --------------------------------------------------------------------------------------


def _cpuinfo() -> dict:
    info = {"model": platform.processor() or "?", "logical": os.cpu_count()}
    try:
        text = Path("/proc/cpuinfo").read_text()
        models = [
            l.split(":", 1)[1].strip() for l in text.splitlines() if l.startswith("model name")
        ]
        if models:
            info["model"] = models[0]
        info["logical"] = sum(1 for l in text.splitlines() if l.startswith("processor"))
    except OSError:
        pass
    try:
        info["usable"] = len(os.sched_getaffinity(0))
    except AttributeError:
        info["usable"] = os.cpu_count()
    try:
        mem = [
            l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")
        ]
        info["mem_gib"] = int(mem[0].split()[1]) / 2**20
    except (OSError, IndexError, ValueError):
        pass
    return info


def _speed_probe() -> float:
    """Milliseconds for a fixed pure-Python loop (median of 5): when this rises, the
    machine is slowed by something outside this process, and only same-run ratios
    stay comparable. The load average does not show that on a shared host."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        sum(range(1_000_000))
        times.append(time.perf_counter() - start)
    return sorted(times)[2] * 1e3


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _blas(np) -> str:
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # noqa: BLE001
        return "?"


def _git() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if rev.returncode:
            return "no commit"
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return rev.stdout.strip() + (" (dirty)" if dirty else "")
    except Exception:  # noqa: BLE001
        return "?"


# --------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------


def fmt(x: float) -> str:
    if x is None or not math.isfinite(x):
        return "?"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def cell(res: timing.Result | None, scale: float) -> str:
    med = res.median * scale
    lo, hi = (q * scale for q in res.quartiles)
    spread = (hi - lo) / 2 / med * 100 if med else float("nan")
    return f"{fmt(med)} ±{spread:.0f}%" if spread < 100 else f"{fmt(med)} ±>100%"


def drop_empty_columns(header: list[str], rows: list[list[str]], empty: set):
    keep = [
        i for i in range(len(header)) if i == 0 or not rows or any(r[i] not in empty for r in rows)
    ]
    return [header[i] for i in keep], [[r[i] for i in keep] for r in rows]


def render_text(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def render_md(header: list[str], rows: list[list[str]]) -> str:
    esc = lambda c: str(c).replace("|", "\\|")
    out = ["| " + " | ".join(map(esc, header)) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(map(esc, r)) + " |" for r in rows]
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="few repeats, short budgets (smoke test, numbers are rough)",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME[,NAME]",
        help="run only these rows (repeatable)",
    )
    p.add_argument("--no-peers", action="store_true", help="skip peer frameworks")
    p.add_argument(
        "--peers",
        default=",".join(PEER_ORDER),
        metavar="NAME[,NAME]",
        help=f"peer frameworks to try (default: {','.join(PEER_ORDER)})",
    )
    p.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="S",
        help="measuring time per contender per row (default 4, quick 0.4)",
    )
    p.add_argument(
        "--max-repeats",
        type=int,
        default=None,
        metavar="N",
        help="cap on samples per contender (default 201, quick 9)",
    )
    p.add_argument(
        "--switch-pause",
        type=float,
        default=None,
        metavar="S",
        help="sleep before handing the CPU to another process, so that "
        "spinning BLAS/OpenMP threads go idle (default 0.1, quick 0.05)",
    )
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        metavar="N",
        help="set OMP/OPENBLAS/MKL threads (and torch/TF intra-op threads) "
        "to N for everybody; default: each library's own default",
    )
    p.add_argument(
        "--output",
        default=None,
        metavar="PATH",
        help="where to write the Markdown report (default "
        "benchmarks/RESULTS.md; with --quick nothing is written unless "
        "--output is given)",
    )
    p.add_argument("--no-write", action="store_true", help="do not write the report")
    p.add_argument("--json", metavar="PATH", help="also dump raw samples as JSON")
    p.add_argument("--list", action="store_true", help="list rows and exit")
    return p.parse_args(argv)


def ensure_tapeflow_path() -> str | None:
    """If ``tapeflow`` is not importable but ``src/tapeflow`` exists, use that."""
    mod = os.environ.get("TAPEFLOW_BENCH_MODULE", "tapeflow")
    if mod != "tapeflow" or importlib.util.find_spec("tapeflow") is not None:
        return None
    src = REPO / "src"
    if (src / "tapeflow").is_dir():
        sys.path.insert(0, str(src))
        old = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = str(src) + (os.pathsep + old if old else "")
        return f"tapeflow is not installed; using {src} (PYTHONPATH set for subprocesses)"
    return None


def measure_row(W, row, plan: timing.Plan, local_fw: dict, peers: dict[str, PeerProcess]):
    """Check, then time every contender of one row, interleaved.

    Returns ``(results, status, checks)`` keyed by framework name.
    """
    res_row: dict[str, timing.Result] = {}
    st_row: dict[str, str] = {}
    ck_row: dict[str, str] = {}
    samplers, chunked = [], []
    for name in ["tapeflow"] + ([row.baseline] if row.baseline else []):
        fw = local_fw.get(name)
        if fw is None:
            st_row[name] = "import failed"
            continue
        if not row.supports(name):
            st_row[name] = "n/a"
            continue
        try:
            step = row.build(fw)
            if row.check is not None:  # correctness guard, once, before timing
                row.check(W.to_numpy(step()))
                ck_row[name] = "ok"
        except AssertionError as exc:
            st_row[name], ck_row[name] = "CHECK FAILED", str(exc).strip()
            log(f"  {name}: correctness check FAILED:\n{exc}")
            continue
        except Exception as exc:  # noqa: BLE001
            st_row[name], ck_row[name] = "error", f"{type(exc).__name__}: {exc}"
            log(f"  {name}: build failed: {ck_row[name]}")
            continue
        samplers.append(timing.LocalSampler(name, step))
    for pname in PEER_ORDER if row.peers else ():
        peer = peers.get(pname)
        if peer is None:
            st_row[pname] = "skipped"
        elif peer.status != "ok":
            st_row[pname] = "not installed" if peer.status.startswith("not installed") else "error"
        elif not row.supports(pname):
            st_row[pname] = "n/a"
        else:
            samplers.append(RemoteSampler(peer, row.name))
            chunked.append(pname)

    res = timing.run_interleaved(samplers, plan, chunked=chunked, log=log)
    for s in samplers:
        r = res[s.name]
        if r.ok:
            res_row[s.name] = r
            if isinstance(s, RemoteSampler):
                ck_row[s.name] = s.check
            log(f"  {s.name:12s} {cell(r, row.scale)} {row.unit} (n={len(r.samples)})")
        else:
            failed_check = "AssertionError" in (r.error or "")
            st_row[s.name] = "CHECK FAILED" if failed_check else "error"
            ck_row[s.name] = r.error or "no samples"
    return res_row, st_row, ck_row


def main(argv=None) -> int:
    args = parse_args(argv)
    t_start = time.perf_counter()
    if args.threads:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
        os.environ["TAPEFLOW_BENCH_THREADS"] = str(args.threads)
    path_note = ensure_tapeflow_path()

    import numpy as np
    import workloads as W

    if args.list:
        for r in W.ROWS:
            tgt = (
                r.target.describe(UNIT_DISPLAY.get(r.unit, r.unit), r.baseline) if r.target else "-"
            )
            print(f"{r.name:16s} [{tgt}] {r.description}")
        return 0

    names = [n for chunk in args.only for n in chunk.split(",") if n]
    unknown = [n for n in names if n not in W.ROWS_BY_NAME]
    if unknown:
        log(f"unknown row(s): {', '.join(unknown)}; known: {', '.join(W.ROWS_BY_NAME)}")
        return 2
    rows = [r for r in W.ROWS if not names or r.name in names]

    alias = {"tf": "tensorflow", "pytorch": "torch"}
    peer_names = [] if args.no_peers else [alias.get(p, p) for p in args.peers.split(",") if p]
    bad = [p for p in peer_names if p not in PEER_ORDER]
    if bad:
        log(f"unknown peer(s): {', '.join(bad)}; known: {', '.join(PEER_ORDER)}")
        return 2

    q = args.quick
    base_plan = dict(
        warmup=1 if q else 3,
        budget_s=args.budget or (0.4 if q else 4.0),
        min_repeats=3 if q else 15,
        max_repeats=args.max_repeats or (9 if q else 201),
        rounds=3 if q else 15,
        switch_pause_s=args.switch_pause if args.switch_pause is not None else (0.05 if q else 0.1),
    )

    if path_note:
        log(path_note)
    slot = "tapeflow" if W.TAPEFLOW_MODULE == "tapeflow" else f"tapeflow[={W.TAPEFLOW_MODULE}]"
    if W.TAPEFLOW_MODULE != "tapeflow":
        log(f"NOTE: the tapeflow slot is running module {W.TAPEFLOW_MODULE!r}")

    machine = {"cpu": _cpuinfo(), "load_start": _loadavg(), "probe_start": _speed_probe()}
    try:
        tapeflow = W.load_framework("tapeflow")
        tapeflow_err = None
        log(f"{slot}: {tapeflow.version} from {tapeflow.location}")
    except Exception as exc:  # noqa: BLE001
        tapeflow, tapeflow_err = None, f"{type(exc).__name__}: {exc}"
        log(f"{slot}: cannot import: {tapeflow_err}")

    need_peers = any(r.peers for r in rows)
    peers = start_peers(peer_names) if need_peers and peer_names else {}

    # results[row][framework] = Result; status[...] = cell text when there are no
    # numbers; checks[...] = "ok" or the correctness/error message.
    results: dict[str, dict[str, timing.Result]] = {}
    status: dict[str, dict[str, str]] = {}
    checks: dict[str, dict[str, str]] = {}
    local_fw = {"tapeflow": tapeflow}
    try:
        for row in rows:
            log(f"[{row.name}] {row.description}")
            if row.baseline and row.baseline not in local_fw:
                local_fw[row.baseline] = W.load_framework(row.baseline)
            plan = timing.Plan(**base_plan)
            if row.fixed_repeats:
                plan.fixed_repeats = (row.quick_repeats or 3) if q else row.fixed_repeats
                plan.warmup = 1 if q else 2
            results[row.name], status[row.name], checks[row.name] = measure_row(
                W, row, plan, local_fw, peers
            )
    finally:
        for p in peers.values():
            if p.proc is not None:
                p.close()
    machine["load_end"] = _loadavg()
    machine["probe_end"] = _speed_probe()
    elapsed = time.perf_counter() - t_start

    # ---- tables -------------------------------------------------------------------------
    baselines = sorted({r.baseline for r in rows if r.baseline} | {"numpy"})
    frameworks = ["tapeflow"] + baselines + [p for p in PEER_ORDER if p not in baselines]
    col_names = [slot if f == "tapeflow" else f for f in frameworks]
    main_header = ["row", "unit"] + col_names + ["target", "status"]
    main_rows, ratio_rows = [], []
    for row in rows:
        rr, st = results[row.name], status[row.name]
        unit = UNIT_DISPLAY.get(row.unit, row.unit)
        cells = [cell(rr[f], row.scale) if f in rr else st.get(f, "n/a") for f in frameworks]
        tgt_txt, verdict = "-", "-"
        tf_med = rr["tapeflow"].median * row.scale if "tapeflow" in rr else None
        if row.target:
            tgt_txt = row.target.describe(unit, row.baseline)
            value = None
            if row.target.kind == "abs" and tf_med is not None:
                value = tf_med
            elif row.target.kind == "ratio" and tf_med is not None and row.baseline in rr:
                value = rr["tapeflow"].median / rr[row.baseline].median
                tgt_txt += f" (got {value:.2f})"
            elif row.target.kind == "row" and tf_med is not None:
                other = results.get(row.target.other_row, {}).get("tapeflow")
                if other is not None:
                    value = rr["tapeflow"].median / other.median
                    tgt_txt += f" (got {value:.2f})"
            if value is not None:
                verdict = "met" if value <= row.target.value else "MISSED"
            else:
                verdict = "no data"
        main_rows.append([row.name, unit] + cells + [tgt_txt, verdict])
        if "tapeflow" in rr:
            ratio_rows.append(
                [row.name]
                + [
                    f"{rr['tapeflow'].median / rr[f].median:.2f}" if f in rr else "-"
                    for f in frameworks[1:]
                ]
            )
    ratio_header = ["row"] + [f"{slot}/{f}" for f in frameworks[1:]]
    # Drop columns with nothing in them (peers skipped by --no-peers / --peers).
    main_header, main_rows = drop_empty_columns(main_header, main_rows, {"skipped"})
    ratio_header, ratio_rows = drop_empty_columns(ratio_header, ratio_rows, {"-"})

    text = render_text(main_header, main_rows)
    print()
    print(
        f"Medians (± half the interquartile range, as % of the median); "
        f"eager except the function_* and *_compiled rows; run took {elapsed:.0f} s"
    )
    print(text)
    if ratio_rows:
        print()
        print("Ratios (time of tapeflow / time of X; < 1 means tapeflow is faster):")
        print(render_text(ratio_header, ratio_rows))
    problems = [
        (r, f, msg)
        for r in checks
        for f, msg in checks[r].items()
        if msg not in ("ok", "not checked")
    ]
    for r, f, msg in problems:
        print(f"\n{r} / {f}: {msg}")

    # ---- RESULTS.md ---------------------------------------------------------------------
    if args.output is None and not args.quick:
        args.output = str(HERE / "RESULTS.md")
    if args.output and not args.no_write:
        md = build_markdown(
            args,
            argv,
            W,
            np,
            machine,
            slot,
            tapeflow,
            tapeflow_err,
            peers,
            peer_names,
            rows,
            results,
            checks,
            main_header,
            main_rows,
            ratio_header,
            ratio_rows,
            problems,
            elapsed,
            base_plan,
        )
        Path(args.output).write_text(md)
        log(f"\nwrote {args.output}")
    if args.json:
        raw = {
            r: {
                f: {"samples_s": res.samples, "number": res.number, "median_s": res.median}
                for f, res in results[r].items()
            }
            for r in results
        }
        Path(args.json).write_text(json.dumps(raw, indent=1))
    failed_checks = any("CHECK FAILED" in s for st in status.values() for s in st.values())
    return 1 if failed_checks else 0


def build_markdown(
    args,
    argv,
    W,
    np,
    machine,
    slot,
    tapeflow,
    tapeflow_err,
    peers,
    peer_names,
    rows,
    results,
    checks,
    main_header,
    main_rows,
    ratio_header,
    ratio_rows,
    problems,
    elapsed,
    plan_desc,
) -> str:
    cpu = machine["cpu"]
    cmd = "python benchmarks/run.py" + "".join(
        " " + shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
    )
    now = _dt.datetime.now(_dt.timezone.utc).astimezone()
    L = [
        "# tapeflow benchmarks",
        "",
        f"Generated by `{cmd}` on {now:%Y-%m-%d %H:%M %Z} (run took {elapsed:.0f} s).",
    ]
    if args.quick:
        L += ["", "**Quick mode: few repeats, numbers are rough (smoke test only).**"]
    if W.TAPEFLOW_MODULE != "tapeflow":
        L += [
            "",
            f"**The tapeflow slot ran module `{W.TAPEFLOW_MODULE}` "
            "(TAPEFLOW_BENCH_MODULE), not tapeflow.**",
        ]
    L += [
        "",
        "## Machine",
        "",
        f"- CPU: {cpu.get('model')} — {cpu.get('logical')} logical CPUs "
        f"({cpu.get('usable')} usable by this process)"
        + (f", {cpu['mem_gib']:.0f} GiB RAM" if "mem_gib" in cpu else ""),
        f"- OS: {platform.platform()}",
        f"- Load average (1/5/15 min): {machine['load_start']} at start, "
        f"{machine['load_end']} at end",
        f"- Speed probe (`sum(range(10**6))`, ms): {machine['probe_start']:.1f} at start, "
        f"{machine['probe_end']:.1f} at end (compare across runs: the higher, the busier "
        "the host was, and the more absolute times are inflated; same-run ratios stay "
        "comparable)",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- NumPy {np.__version__} (BLAS: {_blas(np)})",
        f"- {slot}: "
        + (
            f"{tapeflow.version} ({tapeflow.location})"
            if tapeflow
            else f"not importable: {tapeflow_err}"
        ),
        f"- Repository commit: {_git()}",
        "- Threads: "
        + (
            f"--threads {args.threads} (OMP/OPENBLAS/MKL_NUM_THREADS, "
            "torch.set_num_threads, TF intra/inter-op)"
            if args.threads
            else "library defaults (no thread pinning)"
        ),
    ]
    if not peer_names:
        L.append("- Peers: skipped (--no-peers)")
    elif not peers:
        L.append("- Peers: not needed by the selected rows")
    else:
        L.append("- Peers (each in its own subprocess):")
        for name in PEER_ORDER:
            if name not in peers:
                L.append(f"  - {name}: skipped")
                continue
            p = peers[name]
            if p.status == "ok":
                L.append(
                    f"  - {name} {p.info.get('version')} "
                    f"(Python {p.info.get('python_version')}, NumPy "
                    f"{p.info.get('numpy_version')}, {p.python})"
                )
            else:
                L.append(f"  - {name}: {p.status}")
    L += [
        "",
        "## Results",
        "",
        "Median time in each row's unit, ± half the interquartile range as a % of the "
        "median. All frameworks run **eagerly** (no `tf.function`, no `jax.jit`, no "
        "`torch.compile`), except in the `function_*` and `*_compiled` rows: there "
        "tapeflow and TensorFlow run `@tf.function` and JAX `jax.jit`. "
        '"n/a": the row has no implementation for that framework; '
        '"not installed": the peer could not be imported; "skipped": not requested.',
        "",
        render_md(main_header, main_rows),
        "",
        "**On the large-array rows** (`elementwise_grad`, `reduction_grad`, "
        "`gather_grad`, `conv2d_grad`, `mlp_grad`): their time depends on memory as "
        "much as on arithmetic. Earlier versions of this file carried a caveat: "
        "tapeflow took ~1000 page faults per step. The cause was a reference cycle "
        "that kept every gradient alive until Python's cycle collector ran, so the "
        "heap grew by fresh pages, which also slowed the NumPy baseline sharing the "
        "process. With it fixed, neither takes page faults in steady state. "
        "`python benchmarks/blocks.py ROW` times each contender in its own block of "
        "calls instead of interleaving them; it gives about the same ratios (on "
        "2026-11-26: 1.03 elementwise, 1.08-1.16 reduction, 0.46 gather, 1.14 conv2d, "
        "1.12-1.15 mlp). What remains sensitive is cache and heap state: which "
        "contender ran just before, and which freed blocks the next array lands on, "
        "move these ratios by several percent from run to run.",
    ]
    if ratio_rows:
        L += [
            "",
            "Ratios of medians, same run (time of tapeflow / time of X; "
            "< 1 means tapeflow is faster):",
            "",
            render_md(ratio_header, ratio_rows),
        ]
    L += ["", "### Rows", ""]
    for row in rows:
        L.append(f"- `{row.name}`: {row.description}.")
        ck = checks.get(row.name, {})
        if ck:
            L.append(
                "  Correctness checks before timing: "
                + ", ".join(
                    f"{f}: {'ok' if m == 'ok' else m.splitlines()[0]}" for f, m in ck.items()
                )
                + "."
            )
        n = {f: len(r.samples) for f, r in results[row.name].items()}
        if n:
            L.append(
                "  Samples: "
                + ", ".join(f"{f} {k} (x{results[row.name][f].number} calls)" for f, k in n.items())
                + "."
            )
    if problems:
        L += ["", "### Problems", ""]
        L += [f"- `{r}` / {f}: {msg.splitlines()[0] if msg else msg}" for r, f, msg in problems]
    L += [
        "",
        "## Method",
        "",
        "- tapeflow and the hand-written NumPy baseline run in the benchmark process; "
        "each peer runs in its own long-lived subprocess (`benchmarks/_peer.py --serve`), "
        "so peer imports never touch tapeflow's process.",
        "- Each contender is warmed up, then calibrated so that one sample lasts at "
        "least 2 ms (several calls per sample when a call is shorter); it then gets "
        f"{plan_desc['budget_s']:g} s of samples, at least {plan_desc['min_repeats']} "
        f"and at most {plan_desc['max_repeats']}. Samples of all "
        "contenders of a row are interleaved (proportional round-robin; peers in chunks "
        "of ~1/15 of their samples), so bursts of noise from other tenants of the "
        "machine hit all contenders alike. Whenever the turn passes to another process "
        f"the harness sleeps {plan_desc['switch_pause_s']} s (so spinning BLAS/OpenMP "
        "threads of the previous process go idle) and discards one call (cold caches).",
        "- Every gradient is checked once before timing: the chains against a float64 "
        "recurrence, `mlp_grad` against the hand-written NumPy gradient (allclose).",
        '- `import_time` times whole `python -c "import X"` processes (interpreter '
        "start-up included for both), interleaved, after 2 warm-up runs each.",
        "- The garbage collector stays enabled, as in real use.",
        "",
    ]
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
