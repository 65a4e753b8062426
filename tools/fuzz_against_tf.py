"""Differential fuzzer: every public op of tapeflow against TensorFlow 2.21.

Runs only in a virtualenv that has ``tensorflow-cpu`` and ``hypothesis`` (never
in CI, never a dependency of tapeflow):

    PYTHONPATH=src /work/tfvenv/bin/python tools/fuzz_against_tf.py \
        --examples 50000 --out fuzz.txt

A 50 000-example run in two processes, merged (the issue's must-show run):

    PYTHONPATH=src /work/tfvenv/bin/python tools/fuzz_against_tf.py --examples 25000 \
        --seed 11 --out /tmp/fuzz_11.txt &
    PYTHONPATH=src /work/tfvenv/bin/python tools/fuzz_against_tf.py --examples 25000 \
        --seed 12 --out /tmp/fuzz_12.txt &
    wait
    PYTHONPATH=src /work/tfvenv/bin/python tools/fuzz_against_tf.py \
        --merge /tmp/fuzz_11.txt.state /tmp/fuzz_12.txt.state --out /tmp/fuzz.txt

Each run stops at ``--time-limit`` seconds (default 3600; a 25 000-example run took
about 11 minutes on a loaded 2-core machine). A worker whose current example has not
changed for ``--stall-seconds`` (a call stuck in C code, where the per-call alarm
cannot reach it) is killed and the example recorded as ``tf-hang`` or ``hang``.

The summary marks each signature that a group of the "Fuzz summary groups" table in
docs/deviations.md explains (``[documented: group]``), counts the rest per verdict,
and ``--hide-documented`` lists only those.

Besides the ops of tests/op_inventory.py and EXTRA_OPS, two blocks add namespaces the
inventory does not list, each with its own argument table: tools/fuzz_image_random.py
(tf.image, tf.random) and tools/fuzz_signal_bitwise.py (all of tf.signal and tf.bitwise,
and the top-level ops no namespace lists: dynamic_partition, histogram_fixed_width,
bitcast, sequence_mask, tensor_scatter_nd_max...).

Arguments come from TensorFlow's own signature of each op: a parameter's name
chooses its strategy (``axis`` draws axes of every type and range, ``dtype``
draws dtypes or None, ``x`` draws a value...). Values cover every dtype
(float16, complex, bool, string included), NaN, Inf, -0.0, subnormals, empty
and zero-size shapes, ragged lists, NumPy scalars and 0-d arrays, and each is
passed as a Tensor, a NumPy array, a nested list or a scalar.

Each example runs under TensorFlow and under tapeflow and gets one verdict:
``same``, a different value (split by whether TF's is finite), a different
dtype or shape, different exception classes, one side raising alone, an
exception class TF never raises escaping tapeflow (``escape``), a hang (the
per-call time limit) or an allocation over the memory limit. Where both
succeed, first-order gradients are compared too (and second order, through a
recording outer tape, on a sample). The summary lists each distinct signature
(verdict, op, detail) with its count and its shortest example, written as a
runnable call.

Examples whose inputs hold a subnormal float are tagged ``[subnormal]``:
TensorFlow flushes subnormals to zero on CPU (docs/deviations.md).

The fuzzer's parts are the package tools/fuzz/ (draws, arguments, sides, compare,
report); this file is the driver: which ops, one example's verdict, the worker process
and the supervisor that restarts it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import warnings
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import tensorflow as TF  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import tapeflow as TFL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# The fuzzer's parts (tools/fuzz/: draws, arguments, sides, compare, report) and the
# namespace blocks are modules beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz import sides  # noqa: E402
from fuzz.arguments import (  # noqa: E402
    call_arguments,
)
from fuzz.compare import (  # noqa: E402
    compare,
    compare_gradients,
    escaped,
    noise_floors,
    output_rtol,
    same_error,
)
from fuzz.draws import (  # noqa: E402
    ListArg,
    Value,
)
from fuzz.report import (  # noqa: E402
    Recorder,
    absorb,
    describe,
)
from fuzz.sides import (  # noqa: E402
    Hang,
    call,
    differentiable_specs,
    gradients,
    mark_side,
    resolve,
)


def __getattr__(name: str):
    """A helper of the parts, for the namespace blocks: ``install`` hands them this module."""
    for part in ("draws", "arguments", "sides", "compare", "report"):
        namespace = vars(sys.modules[f"fuzz.{part}"])
        if name in namespace:
            return namespace[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The tf.image / tf.random block: its own ops, argument table and comparisons.
import fuzz_image_random as image_random  # noqa: E402

IMAGE_RANDOM_OPS = set(image_random.install(sys.modules[__name__]))

# The tf.signal / tf.bitwise / unlisted top-level block: its own ops and parameters.
import fuzz_signal_bitwise as signal_bitwise  # noqa: E402

SIGNAL_BITWISE_OPS = set(signal_bitwise.install(sys.modules[__name__]))

# -- which ops ----------------------------------------------------------------

# Random, stateful or printing ops: their results cannot be compared.
SKIP_OPS = {"tf.nn.dropout"}
EXTRA_OPS = ["tf.constant", "tf.convert_to_tensor", "tf.cast", "tf.matmul", "tf.einsum",
             "tf.norm", "tf.tensordot", "tf.clip_by_value", "tf.clip_by_norm",
             "tf.clip_by_global_norm"]  # fmt: skip
# Ops whose outputs are defined only up to signs, order or phase: values are not
# compared (their reconstructions are, by the golden op tests).
AMBIGUOUS_VALUES = {"tf.linalg.svd", "tf.linalg.qr", "tf.linalg.eigh", "tf.linalg.lstsq"}


def discover_ops() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from tests.op_inventory import public_ops  # noqa: PLC0415

    names = sorted(set(public_ops()) | set(EXTRA_OPS) | set(IMAGE_RANDOM_OPS) | SIGNAL_BITWISE_OPS)
    usable = []
    for name in names:
        if name in SKIP_OPS:
            continue
        try:
            resolve(TF, name)
        except AttributeError:
            # tapeflow has tf.math.X where TF has only tf.X: fuzz TF's name.
            continue
        usable.append(name)
    return usable


def run_example(rec: Recorder, path, args, kwargs, opts, rng_seed):
    example = example_text(path, args, kwargs)
    tag = ""
    specs = list(args) + list(kwargs.values())
    flat = []
    for s in specs:
        flat.extend(s.items if isinstance(s, ListArg) else [s])
    if any(isinstance(s, Value) and s.has_subnormal() for s in flat):
        tag = " [subnormal]"
    elif any(isinstance(s, Value) and s.has_complex_nonfinite() for s in flat):
        tag = " [complex-nonfinite]"
    rec.examples += 1
    rec.per_op[path] += 1
    tf_out = call(TF, path, args, kwargs, opts.call_seconds)
    tfl_out = call(TFL, path, args, kwargs, opts.call_seconds, measure_memory=True)
    note = f"TF: {describe(tf_out)} | tapeflow: {describe(tfl_out)}"
    if tfl_out[2] > opts.memory_limit:
        rec.add("memory" + tag, path, f"peak {tfl_out[2] >> 20} MiB", example, note)
        return
    tf_raised, tfl_raised = tf_out[0] == "raise", tfl_out[0] == "raise"
    if tfl_raised and isinstance(tfl_out[1], Hang):
        rec.add("hang" + tag, path, "", example, note)
        return
    if tfl_raised and isinstance(tfl_out[1], MemoryError):
        rec.add("memory" + tag, path, "MemoryError", example, note)
        return
    if tf_raised and isinstance(tf_out[1], Hang):
        rec.add("tf-hang" + tag, path, "", example, note)
        return
    # A ValueError TF raises too (or TF's exact error) is not an escape, even if its
    # text says "numpy=array(" or "np.float32(".
    same_as_tf = same_error(tf_out, tfl_out)
    if tfl_raised and escaped(tfl_out[1]) and not same_as_tf:
        tf_side = type(tf_out[1]).__name__ if tf_raised else "ok"
        rec.add("escape" + tag, path, f"{type(tfl_out[1]).__name__} (TF: {tf_side})", example, note)
        return
    if tf_raised and tfl_raised:
        a, b = type(tf_out[1]).__name__, type(tfl_out[1]).__name__
        if a == b:
            rec.add("both-raise-same", path, "", example)
        else:
            rec.add("exception-class" + tag, path, f"TF {a} vs {b}", example, note)
        return
    if tf_raised:
        rec.add("tf-raises-only" + tag, path, type(tf_out[1]).__name__, example, note)
        return
    if tfl_raised:
        rec.add("tfl-raises-only" + tag, path, type(tfl_out[1]).__name__, example, note)
        return
    structure_only = image_random.is_structure_only(path, kwargs)
    if path in AMBIGUOUS_VALUES:
        # Signs or order may differ, and the gradients of a weighted sum of the outputs
        # with them: those are compared only where the outputs agree.
        verdict, detail = "same", ""
        try:
            if compare(tf_out[1], tfl_out[1])[0] != "same":
                rec.add("same", path, "", example)
                return
        except Exception:  # noqa: BLE001
            return
    else:
        try:
            if structure_only:
                verdict, detail = image_random.compare_structure(tf_out[1], tfl_out[1])
            else:
                verdict, detail = compare(tf_out[1], tfl_out[1])
        except MemoryError:
            # Both sides produced the result; the fuzzer's own comparison (float64 copies
            # of a multi-GiB output) is what ran out of memory; no gradients of it either.
            rec.add("same", path, "", example)
            return
        except Exception as exc:  # noqa: BLE001
            verdict, detail = "escape", f"comparing: {type(exc).__name__}: {exc}"
    rec.add(verdict + tag if verdict != "same" else verdict, path, detail, example, note)
    if verdict not in ("same", "value-nonfinite") or not opts.gradients:
        return
    second = random.Random(rng_seed).random() < opts.second_order_fraction
    g_tf = _guarded_gradients(TF, path, args, kwargs, rng_seed, second, opts)
    g_tfl = _guarded_gradients(TFL, path, args, kwargs, rng_seed, second, opts)
    if g_tf[0] == "raise" or g_tfl[0] == "raise":
        if g_tfl[0] == "raise" and isinstance(g_tfl[1], Hang):
            rec.add("hang" + tag, path, "gradient", example, "")
        elif g_tfl[0] == "raise" and escaped(g_tfl[1]) and not same_error(g_tf, g_tfl):
            rec.add("grad:escape" + tag, path, type(g_tfl[1]).__name__, example, describe(g_tfl))
        elif g_tf[0] != g_tfl[0]:
            cat = "grad:tf-raises-only" if g_tf[0] == "raise" else "grad:tfl-raises-only"
            rec.add(
                cat + tag,
                path,
                type((g_tf if g_tf[0] == "raise" else g_tfl)[1]).__name__,
                example,
                f"TF: {describe(g_tf)} | tapeflow: {describe(g_tfl)}",
            )
        return
    if g_tf[1] is None or g_tfl[1] is None:
        return
    sources = []
    for spec in list(args) + list(kwargs.values()):
        differentiable_specs(spec, sources)
    floors = noise_floors(tf_out[1], sources)
    through = output_rtol(tf_out[1])
    for key, detail in compare_gradients(g_tf[1], g_tfl[1], floors, structure_only, through):
        if "None vs value" in detail or "value vs None" in detail:
            category = "grad:None-mismatch"
        elif "dtype/shape" in detail:
            category = "grad:dtype/shape"
        elif "nonfinite" in detail:
            category = "grad:value-nonfinite"
        else:
            category = f"{key}:value"
        rec.add(category + tag, path, f"{key} {detail}", example, "")


def _guarded_gradients(lib, path, args, kwargs, seed, second, opts):
    mark_side(lib, "gradient")
    try:
        return "ok", gradients(lib, path, args, kwargs, seed, second, opts.call_seconds * 2), 0
    except BaseException as exc:  # noqa: BLE001 - includes Hang
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "raise", exc, 0


# -- driver -----------------------------------------------------------------------
#
# TensorFlow aborts the process on some inputs (a failed CHECK in a kernel). So a
# supervisor runs the fuzzing in a worker process, reads what each op's chunk
# found from a JSON-lines state file, and restarts the worker after a crash,
# recording the crash with the example that was running.


def fuzz_op(rec, path, count, seed_value, opts, current_file):
    tf_fn = resolve(TF, path)
    # tf.image / tf.random ops draw from their own block (tools/fuzz_image_random.py).
    drawn = image_random.arguments(path, tf_fn) if path in IMAGE_RANDOM_OPS else None

    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False)  # fmt: skip
    @hypothesis_seed(seed_value)
    @given(st.data())
    def body(data):
        args, kwargs = data.draw(drawn if drawn is not None else call_arguments(tf_fn, path))
        if current_file:
            current_file.seek(0)
            current_file.write(example_text(path, args, kwargs)[:2000].ljust(2000))
            current_file.flush()
        run_example(rec, path, args, kwargs, opts, zlib.crc32(repr((args, kwargs)).encode()))

    body()


def example_text(path, args, kwargs) -> str:
    return path + "(" + ", ".join([repr(a) for a in args] +
                                  [f"{k}={v!r}" for k, v in kwargs.items()]) + ")"  # fmt: skip


def op_selected(path: str, selection: str) -> bool:
    """`selection` is a comma-separated list; `=name` matches one op exactly,
    any other part matches every op whose name contains it."""
    for part in selection.split(","):
        if part.startswith("=") and path == part[1:]:
            return True
        if not part.startswith("=") and part in path:
            return True
    return False


def run_worker(opts) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        vm = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    # A hard cap on the address space: an unbounded allocation fails fast
    # (MemoryError) instead of taking the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (vm + (6 << 30), hard))
    ops = [p for p in discover_ops() if op_selected(p, opts.ops)]
    deadline = time.monotonic() + opts.time_left
    done = opts.done_examples
    position = opts.position
    sides.SIDE_FILE = os.open(opts.state + ".side", os.O_RDWR | os.O_CREAT, 0o644)
    with open(opts.state, "a") as state, open(opts.state + ".current", "w+") as current:
        while done < opts.examples and time.monotonic() < deadline:
            rounds, index = divmod(position, len(ops))
            path = ops[index]
            state.write(json.dumps({"event": "start", "position": position, "op": path}) + "\n")
            state.flush()
            rec = Recorder()
            try:
                # The op's seed comes from its name, not its place in the list, so a run
                # with the same --seed draws the same examples for an op after ops are
                # added or removed (before/after runs stay comparable).
                op_seed = opts.seed * 1_000_003 + rounds * 1009 + zlib.crc32(path.encode())
                fuzz_op(rec, path, opts.chunk, op_seed, opts, current)
            except Exception as exc:  # noqa: BLE001 - a fuzzer bug must not end the run
                rec.add("fuzzer-error", path, type(exc).__name__, str(exc)[:200])
            done += rec.examples
            position += 1
            records = [[*key, n, *rec.shortest[key]] for key, n in rec.counts.items()]
            state.write(json.dumps({"event": "done", "position": position, "op": path,
                                    "examples": rec.examples, "records": records}) + "\n")  # fmt: skip
            state.flush()
    return 0


def merge(opts) -> int:
    """One summary from the state files of several runs (e.g. two seeds run side by side)."""
    total = Recorder()
    for state_path in opts.merge:
        for line in Path(state_path).read_text().splitlines():
            event = json.loads(line)
            if event["event"] == "done":
                absorb(total, event)
            elif event["event"] == "crash":
                category = event.get("category", "tf-crash")
                total.add(category, event["op"], event["detail"], event["example"], event["note"])
    text = total.summary(float(opts.elapsed), opts)
    if opts.out:
        Path(opts.out).write_text(text)
    print(text)
    return 0


def _run_watched(command, state_path: str, stall_seconds: float) -> tuple[int, str]:
    """Run the worker; kill it when neither its state nor its current example has changed
    for ``stall_seconds`` (a call stuck in C code ignores the per-call alarm). Returns
    (exit code, "" or the side that was running when it was killed)."""
    watched = [Path(state_path), Path(state_path + ".current")]
    side = Path(state_path + ".side")
    launched = time.time_ns()
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    last_change, last_stamp = time.monotonic(), None
    while True:
        try:
            return process.wait(timeout=2.0), ""
        except subprocess.TimeoutExpired:
            pass
        stamp = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in watched)
        if stamp != last_stamp or max(stamp) < launched:  # (importing TF takes a while)
            last_change, last_stamp = time.monotonic(), stamp
        elif time.monotonic() - last_change > stall_seconds:
            running = side.read_text().strip() if side.exists() else "unknown"
            process.kill()
            return process.wait(), running or "unknown"


def supervise(opts) -> int:
    state_path = opts.out + ".state" if opts.out else "/tmp/fuzz_against_tf.state"
    Path(state_path).write_text("")
    total = Recorder()
    start = time.monotonic()
    position = 0
    read_upto = 0
    last_report = 0
    while total.examples < opts.examples and time.monotonic() - start < opts.time_limit:
        command = [sys.executable, __file__, "--worker", "--state", state_path,
                   "--position", str(position), "--done-examples", str(total.examples),
                   "--time-left", str(opts.time_limit - (time.monotonic() - start)),
                   "--examples", str(opts.examples), "--chunk", str(opts.chunk),
                   "--seed", str(opts.seed), "--ops", opts.ops,
                   "--call-seconds", str(opts.call_seconds),
                   "--memory-limit", str(opts.memory_limit),
                   "--second-order-fraction", str(opts.second_order_fraction)]  # fmt: skip
        if not opts.gradients:
            command.append("--no-gradients")
        code, stalled = _run_watched(command, state_path, opts.stall_seconds)
        lines = Path(state_path).read_text().splitlines()[read_upto:]
        read_upto += len(lines)
        started = None
        for line in lines:
            event = json.loads(line)
            if event["event"] == "start":
                started = event
                continue
            if event["event"] != "done":
                continue
            started = None
            position = event["position"]
            absorb(total, event)
        if started is not None:  # the worker died inside this op's chunk
            crash = {"event": "crash", "op": started["op"], "detail": f"exit {code}",
                     "example": Path(state_path + ".current").read_text().strip(),
                     "note": "the process aborted (TensorFlow CHECK failure or a signal)"}  # fmt: skip
            if stalled:
                # A call stuck in C code, where the alarm cannot interrupt it.
                crash["category"] = "tf-hang" if stalled.startswith("TF") else "hang"
                crash["detail"] = f"no progress for {opts.stall_seconds:.0f} s ({stalled})"
                crash["note"] = "the worker was killed: a call ran in C code past every limit"
            total.add(crash.get("category", "tf-crash"), crash["op"], crash["detail"],
                      crash["example"], crash["note"])  # fmt: skip
            with open(state_path, "a") as state:
                state.write(json.dumps(crash) + "\n")
            read_upto += 1
            position = started["position"] + 1
        elif code != 0:
            print(f"worker exited with {code} outside an op; stopping", file=sys.stderr)
            break
        if total.examples - last_report >= 2000 or started is not None:
            last_report = total.examples
            print(f"{total.examples} examples, {time.monotonic() - start:.0f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
    text = total.summary(time.monotonic() - start, opts)
    if opts.out:
        Path(opts.out).write_text(text)
    print(text)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--time-limit", type=float, default=3600.0, help="seconds for the run")
    parser.add_argument("--call-seconds", type=float, default=3.0, help="per-call time limit")
    parser.add_argument("--memory-limit", type=int, default=256 << 20, help="bytes per call")
    parser.add_argument("--stall-seconds", type=float, default=120.0,
                        help="kill a worker whose example has not changed for this long")  # fmt: skip
    parser.add_argument(
        "--ops",
        default="",
        help="only these ops: comma-separated parts, each a substring of op names or =exact.name",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=100, help="examples per op per round")
    parser.add_argument("--second-order-fraction", type=float, default=0.15)
    parser.add_argument("--no-gradients", dest="gradients", action="store_false")
    parser.add_argument("--out", default="")
    parser.add_argument(
        "--merge",
        nargs="*",
        default=None,
        help="state files of earlier runs: print their combined summary",
    )
    parser.add_argument("--elapsed", default="0", help="with --merge: seconds to report")
    parser.add_argument("--hide-documented", action="store_true",
                        help="list only signatures no group of docs/deviations.md explains")  # fmt: skip
    # Internal: the worker process the supervisor starts.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--state", default="", help=argparse.SUPPRESS)
    parser.add_argument("--position", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--done-examples", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--time-left", type=float, default=0, help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.merge:
        return merge(opts)
    return run_worker(opts) if opts.worker else supervise(opts)


if __name__ == "__main__":
    sys.exit(main())
