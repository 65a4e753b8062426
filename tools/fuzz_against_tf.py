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
"""

from __future__ import annotations

import argparse
import collections
import inspect
import json
import math
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
import tracemalloc
import warnings
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import tensorflow as TF  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import tapeflow as TFL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

# The tf.image / tf.random block: its own ops, argument table and comparisons.
sys.path.insert(0, str(Path(__file__).resolve().parent))
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
# Parameters never drawn (keep their defaults).
NEVER_DRAWN = {"name", "layout", "bad_indices_policy", "validate_args", "validate_indices",
               "a_is_sparse", "b_is_sparse", "grad_a", "grad_b", "kwargs", "seed"}  # fmt: skip
# Ops whose outputs are defined only up to signs, order or phase: values are not
# compared (their reconstructions are, by the golden op tests).
AMBIGUOUS_VALUES = {"tf.linalg.svd", "tf.linalg.qr", "tf.linalg.eigh", "tf.linalg.lstsq"}


def resolve(library, path: str):
    obj = library
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


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


# -- values -------------------------------------------------------------------

FLOATS = ["float16", "float32", "float64"]
COMPLEX = ["complex64", "complex128"]
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
ALL_DTYPES = FLOATS + COMPLEX + INTS + ["bool", "string"]
SPECIAL_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 3.0, math.nan, math.inf, -math.inf,
                  1e4, -1e4, 30.0, 1e30, 1e300, 1e-30, 5e-324]  # fmt: skip


def small_shapes(max_rank: int = 4):
    side = st.one_of(st.integers(1, 3), st.integers(0, 4))
    return st.lists(side, max_size=max_rank).map(tuple).filter(lambda s: math.prod(s) <= 64)


class Value:
    """A drawn value, rebuilt fresh for each library in the form it was drawn in."""

    def __init__(self, array, form: str):
        self.array = array  # an ndarray, or a nested list for form "ragged"
        self.form = form

    @property
    def dtype(self) -> str | None:
        if self.form == "ragged":
            return None
        return "string" if self.array.dtype == object else self.array.dtype.name

    def is_differentiable(self) -> bool:
        return self.dtype in FLOATS + COMPLEX

    def has_subnormal(self) -> bool:
        if self.dtype not in FLOATS + COMPLEX:
            return False
        a = np.asarray(self.array)
        parts = [a.real, a.imag] if a.dtype.kind == "c" else [a]
        tiny = np.finfo(parts[0].dtype).tiny
        return any(np.any((p != 0) & (np.abs(p) < tiny)) for p in parts)

    def has_complex_nonfinite(self) -> bool:
        """A complex Inf or NaN: TF's kernels follow C99 Annex G there (docs/deviations.md)."""
        return self.dtype in COMPLEX and not bool(np.all(np.isfinite(np.asarray(self.array))))

    def build(self, lib, as_tensor: bool = False):
        if self.form == "ragged":
            return [list(row) for row in self.array]
        if as_tensor or self.form == "tensor":
            return lib.constant(self.array.copy())
        if self.form == "ndarray":
            return self.array.copy()
        if self.form == "list":
            return self.array.tolist()
        if self.form == "npscalar":
            return self.array[()]
        return self.array.item()  # "pyscalar"

    def __repr__(self) -> str:
        if self.form == "ragged":
            return repr(self.array)
        a = self.array
        dtype = "object" if a.dtype == object else a.dtype.name
        text = f"np.array({a.tolist()!r}, dtype={dtype!r})".replace("nan", "np.nan")
        text = text.replace("inf", "np.inf")
        if self.form == "tensor":
            return f"tf.constant({text})"
        if self.form == "list":
            return repr(a.tolist()).replace("nan", "np.nan").replace("inf", "np.inf")
        if self.form == "npscalar":
            return f"np.{dtype}({a.item()!r})" if dtype != "object" else repr(a.item())
        if self.form == "pyscalar":
            return repr(a.item()).replace("nan", "float('nan')").replace("inf", "float('inf')")
        return text


class DTypeArg:
    def __init__(self, name: str):
        self.name = name

    def build(self, lib, as_tensor=False):
        return lib.as_dtype(self.name)

    def __repr__(self) -> str:
        return f"tf.{self.name}"


class ListArg:
    """A Python list whose items are Values (concat's values, add_n's inputs...)."""

    def __init__(self, items):
        self.items = items

    def build(self, lib, as_tensor=False):
        return [item.build(lib, as_tensor) if hasattr(item, "build") else item
                for item in self.items]  # fmt: skip

    def __repr__(self) -> str:
        return "[" + ", ".join(map(repr, self.items)) + "]"


def random_array(dtype: str, shape: tuple, seed: int, special: float) -> np.ndarray:
    """Values of ``dtype``: ordinary ones of a drawn scale, with a ``special`` fraction
    replaced by edge values (NaN, +-Inf, -0.0, subnormals, extremes of the type).

    Elements come from a NumPy generator seeded by a hypothesis draw, not from one
    hypothesis draw each: element-wise drawing cost more than both libraries' ops.
    """
    rng = np.random.default_rng(seed)
    n = math.prod(shape)
    if dtype == "string":
        array = np.empty(n, dtype=object)
        array[:] = [[b"", b"a", b"xyz", b"\x00b"][i] for i in rng.integers(0, 4, n)]
        return array.reshape(shape)
    if dtype == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    mask = rng.random(n) < special
    if dtype in INTS:
        info = np.iinfo(dtype)
        base = rng.integers(-3, 6, n)
        edges = np.array([info.min, info.max, 0, 1, info.max // 2], dtype=np.float64)
        with np.errstate(all="ignore"):
            out = base.astype(dtype)
            out[mask] = edges[rng.integers(0, len(edges), mask.sum())].astype(dtype)
        return out.reshape(shape)
    real = "float32" if dtype == "complex64" else "float64" if dtype == "complex128" else dtype
    finfo = np.finfo(real)
    edges = np.array(SPECIAL_FLOATS + [float(finfo.smallest_subnormal), float(finfo.max),
                                       float(finfo.tiny)], dtype=np.float64)  # fmt: skip

    def part():
        scale = [1.0, 1.0, 1e-3, 1e3, 1e30][rng.integers(0, 5)]
        base = rng.uniform(-4, 4, n) * scale
        base[mask] = edges[rng.integers(0, len(edges), mask.sum())]
        return base

    with np.errstate(all="ignore"):
        if dtype in COMPLEX:
            out = (part() + 1j * part()).astype(dtype)
        else:
            out = part().astype(dtype)
    return out.reshape(shape)


@st.composite
def values(draw, dtype=None, shape=None, forms=None):
    """A Value: any dtype and shape unless given; drawn in one of several forms."""
    if draw(st.integers(0, 40)) == 0 and dtype is None:
        rows = draw(st.lists(st.lists(st.integers(-2, 3), max_size=3), min_size=2, max_size=3))
        return Value(rows, "ragged")
    dtype = dtype or draw(st.sampled_from(ALL_DTYPES))
    shape = shape if shape is not None else draw(small_shapes())
    seed = draw(st.integers(0, 2**32 - 1))
    special = draw(st.sampled_from([0.0, 0.0, 0.15, 0.5, 1.0]))
    array = random_array(dtype, shape, seed, special)
    choices = forms or (["tensor"] * 4 + ["ndarray", "list"]
                        + (["npscalar", "pyscalar"] if array.ndim == 0 else []))  # fmt: skip
    return Value(array, draw(st.sampled_from(choices)))


def int_vectors(draw, length=None, low=-2, high=5):
    length = draw(st.integers(0, 4)) if length is None else length
    items = [draw(st.one_of(st.integers(low, high), st.integers(low, high),
                            st.sampled_from([2**31, 2**40, -(2**31)]))) for _ in range(length)]  # fmt: skip
    form = draw(st.sampled_from(["list", "list", "tuple", "tensor", "ndarray", "int"]))
    if form == "tuple":
        return tuple(items)
    if form == "int":
        return items[0] if items else 0
    if form in ("tensor", "ndarray"):
        dtype = draw(st.sampled_from(["int32", "int64"]))
        if any(abs(i) >= 2**31 for i in items):
            dtype = "int64"
        array = np.array(items, dtype=dtype)
        if draw(st.integers(0, 6)) == 0:
            array = array.reshape(1, -1)  # not a vector
        return Value(array, form)
    return items


# -- arguments by parameter name --------------------------------------------------

TENSOR_PARAMS = {
    "x", "y", "a", "b", "input", "input_", "input_tensor", "tensor", "features", "logits",
    "labels", "value", "params", "data", "matrix", "rhs", "chol", "lower_upper", "mean",
    "variance", "offset", "scale", "filters", "filter", "depthwise_filter",
    "pointwise_filter", "sorted_sequence", "condition", "mask", "updates", "log_input",
    "targets", "pos_weight", "t", "diagonal", "clip_value_min", "clip_value_max",
    "clip_norm", "use_norm", "ids",
}  # fmt: skip
LIST_PARAMS = {"inputs", "t_list", "coeffs", "args"}
INDEX_PARAMS = {"indices", "segment_ids"}
SHAPE_PARAMS = {"shape", "dims", "shape_x", "shape_y", "multiples", "output_shape",
                "noise_shape", "batch_shape", "window_shape", "ksize", "strides", "dilations",
                "begin", "end", "size", "paddings", "perm", "repeats", "stride"}  # fmt: skip
INT_PARAMS = {"depth", "num", "num_rows", "num_columns", "num_segments", "num_lower",
              "num_upper", "k", "batch_dims", "depth_radius", "shift", "num_cols",
              "padding_value", "begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
              "shrink_axis_mask", "num_or_size_splits"}  # fmt: skip
NUMBER_PARAMS = {"limit", "delta", "start", "stop"}
BOOL_PARAMS = {"keepdims", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b",
               "exclusive", "reverse", "sorted", "stable", "compute_uv", "full_matrices",
               "adjoint", "lower", "approximate", "compute_full_loss", "fast", "conjugate"}  # fmt: skip
FLOAT_PARAMS = {"alpha", "beta", "epsilon", "variance_epsilon", "rate", "l2_regularizer",
                "rcond", "max_norm", "bias"}  # fmt: skip
DTYPE_PARAMS = {"dtype", "out_type", "output_type", "index_type", "out_idx", "dtype_hint"}
STRING_CHOICES = {
    "padding": ["SAME", "VALID", "same", "CAUSAL", "EXPLICIT"],
    "data_format": [None, "NHWC", "NCHW", "NWC", "NCW", "NDHWC", "bad"],
    "mode": ["CONSTANT", "REFLECT", "SYMMETRIC", "constant", "bad"],
    "direction": ["ASCENDING", "DESCENDING", "UP"],
    "side": ["left", "right", "middle"],
    "align": ["RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT", "X"],
    "pooling_type": ["MAX", "AVG", "SUM"],
    "equation": ["ij,jk->ik", "ii", "ii->i", "i->", "ij->ji", "...ij,...jk", "bij,bjk->bik",
                 "i,i", "ij", "i,j->ij", "ab,bc->ca", "x"],
    "ord": ["euclidean", "fro", "nuc", 1, 2, np.inf, -1, 0.5, 0, "bad"],
}  # fmt: skip


@st.composite
def axes(draw, rank: int):
    lo, hi = -rank - 2, rank + 1
    one = st.one_of(st.integers(-rank if rank else 0, max(rank - 1, 0)), st.integers(lo, hi))
    kind = draw(st.sampled_from(["none", "int", "int", "int", "list", "tuple", "tensor",
                                 "npint", "float", "bool", "empty", "string"]))  # fmt: skip
    if kind == "none":
        return None
    if kind == "int":
        return draw(one)
    if kind == "npint":
        return np.int64(draw(one))
    if kind == "float":
        return float(draw(one))
    if kind == "bool":
        return draw(st.booleans())
    if kind == "string":
        return "0"
    if kind == "empty":
        return []
    items = draw(st.lists(one, min_size=1, max_size=3))
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    return Value(np.array(items, dtype=draw(st.sampled_from(["int32", "int64"]))), "tensor")


def draw_argument(draw, param: str, context: dict):
    """One argument for TF parameter ``param``; ``context`` holds the first value drawn."""
    if context.get("op") in SIGNAL_BITWISE_OPS:
        drawn = signal_bitwise.argument(draw, context["op"], param, context)
        if drawn is not signal_bitwise.GENERIC:
            return drawn
    first = context.get("first")
    if param in TENSOR_PARAMS:
        if first is not None and first.form != "ragged" and draw(st.integers(0, 9)) < 7:
            same_shape = draw(st.booleans())
            shape = first.array.shape if same_shape else None
            if shape is not None and draw(st.integers(0, 3)) == 0:
                shape = shape[1:]  # broadcastable
            return draw(values(dtype=first.dtype, shape=shape))
        value = draw(values())
        context.setdefault("first", value)
        return value
    if param in LIST_PARAMS:
        base = context.get("first") or draw(values())
        context.setdefault("first", base)
        dtype = base.dtype if base.form != "ragged" else "float32"
        shape = base.array.shape if base.form != "ragged" else ()
        count = draw(st.integers(0, 3))
        items = [draw(values(dtype=dtype if draw(st.integers(0, 5)) else None,
                             shape=shape if draw(st.integers(0, 5)) else None))
                 for _ in range(count)]  # fmt: skip
        return ListArg(items)
    if param in INDEX_PARAMS:
        dtype = draw(st.sampled_from(["int32", "int64", "int32", "float32", "uint8"]))
        shape = draw(small_shapes(3))
        flat = draw(st.lists(st.integers(-1, 4), min_size=math.prod(shape),
                             max_size=math.prod(shape)))  # fmt: skip
        with np.errstate(all="ignore"):
            array = np.array(flat, dtype=np.int64).astype(dtype).reshape(shape)
        return Value(array, draw(st.sampled_from(["tensor", "ndarray", "list"])))
    if param in ("axis", "dim", "axes"):
        rank = first.array.ndim if first is not None and first.form != "ragged" else 2
        return draw(axes(rank))
    if param in SHAPE_PARAMS:
        return int_vectors(draw)
    if param in INT_PARAMS:
        return draw(st.one_of(st.integers(-2, 5), st.integers(-2, 5),
                              st.sampled_from([2**31, 2**40, -(2**31), None, 1.5])))  # fmt: skip
    if param in NUMBER_PARAMS:
        return draw(st.one_of(st.integers(-3, 6), st.floats(-3, 6), st.none(),
                              st.sampled_from([2**40, 0, math.nan, math.inf])))  # fmt: skip
    if param in BOOL_PARAMS:
        return draw(st.one_of(st.booleans(), st.booleans(), st.none()))
    if param in FLOAT_PARAMS:
        return draw(st.one_of(st.floats(-1, 2), st.sampled_from([0.0, 1e-3, math.nan])))
    if param in DTYPE_PARAMS:
        return draw(st.one_of(st.none(), st.sampled_from(ALL_DTYPES).map(DTypeArg)))
    if param in STRING_CHOICES:
        return draw(st.sampled_from(STRING_CHOICES[param]))
    return draw(values())


def signature_of(tf_fn):
    try:
        return list(inspect.signature(tf_fn).parameters.values())
    except (TypeError, ValueError):
        return []


@st.composite
def call_arguments(draw, tf_fn, path: str = ""):
    """(positional, keyword) argument specs for one call, drawn from TF's signature."""
    context: dict = {"op": path}
    args, kwargs = [], {}
    positional_ok = True
    for p in signature_of(tf_fn):
        never = p.name in NEVER_DRAWN and (path, p.name) not in signal_bitwise.DRAWN
        if never or p.kind == p.VAR_KEYWORD:
            positional_ok = False
            continue
        if p.kind == p.VAR_POSITIONAL:
            args.extend(draw_argument(draw, "x", context)
                        for _ in range(draw(st.integers(0, 3))))  # fmt: skip
            continue
        required = p.default is inspect.Parameter.empty
        if not required and draw(st.integers(0, 2)) == 0:
            positional_ok = False
            continue
        value = draw_argument(draw, p.name, context)
        if positional_ok and required:
            args.append(value)
        else:
            kwargs[p.name] = value
    return args, kwargs


# -- running one side -------------------------------------------------------------


class Hang(BaseException):
    """Raised by the alarm: a BaseException so library code cannot swallow it."""


def _alarm(signum, frame):
    raise Hang()


signal.signal(signal.SIGALRM, _alarm)


def build(spec, lib, as_tensor=False):
    if hasattr(spec, "build"):
        return spec.build(lib, as_tensor)
    if isinstance(spec, tuple):
        return tuple(build(s, lib, as_tensor) for s in spec)
    if isinstance(spec, list):
        return [build(s, lib, as_tensor) for s in spec]
    return spec


SIDE_FILE = None  # the worker's ".side" file: which library runs now (for the watchdog)


def mark_side(lib, what: str = "") -> None:
    if SIDE_FILE is not None:
        text = ("TF" if lib is TF else "tapeflow") + (" " + what if what else "")
        os.pwrite(SIDE_FILE, text.ljust(32).encode(), 0)


def forget_scalars(lib) -> None:
    """Empty TF's eager scalar cache. TF converts a Python float once per (value, dtype)
    and 0.0 == -0.0, so a -0.0 after a 0.0 reached ops as +0.0 (atan2(0, -0.0) was 0 in
    the session 6 final run): each call now sees the scalars it was given, as a fresh
    process does. The sign-sharing itself is in docs/deviations.md."""
    if lib is TF:
        from tensorflow.python import pywrap_tfe

        pywrap_tfe.TFE_ClearScalarCache()


def call(lib, path, args, kwargs, seconds, measure_memory=False):
    """('ok', result, peak bytes) or ('raise', exception, peak bytes)."""
    mark_side(lib)
    forget_scalars(lib)
    fn = resolve(lib, path)
    built_args = [build(a, lib) for a in args]
    built_kwargs = {k: build(v, lib) for k, v in kwargs.items()}
    if measure_memory:
        tracemalloc.start()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return "ok", fn(*built_args, **built_kwargs), _peak(measure_memory)
    except Hang as exc:
        return "raise", exc, _peak(measure_memory)
    except Exception as exc:  # noqa: BLE001 - classified
        return "raise", exc, _peak(measure_memory)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if measure_memory:
            tracemalloc.stop()


def _peak(measuring):
    return tracemalloc.get_traced_memory()[1] if measuring else 0


def leaves(result) -> list:
    if isinstance(result, dict):
        return [leaf for key in sorted(result, key=repr) for leaf in leaves(result[key])]
    if isinstance(result, (list, tuple)):
        return [leaf for item in result for leaf in leaves(item)]
    return [result]


def normalize(leaf):
    """(kind, dtype name, numpy value) of one output leaf."""
    if hasattr(leaf, "numpy") and hasattr(leaf, "dtype"):
        value = np.asarray(leaf.numpy())
        return "tensor", leaf.dtype.name, value
    if type(leaf).__name__ == "TensorShape":
        return "shape", None, None if leaf.rank is None else tuple(leaf.as_list())
    if type(leaf).__name__ == "DType":
        return "dtype", leaf.name, None
    if isinstance(leaf, np.ndarray):
        return "ndarray", leaf.dtype.name, leaf
    return type(leaf).__name__, None, leaf


RTOL = {"float16": 1e-2, "bfloat16": 3e-2, "float32": 2e-4, "complex64": 2e-4,
        "float64": 1e-9, "complex128": 1e-9}  # fmt: skip


def _flushed(a: np.ndarray, dtype: str) -> np.ndarray:
    """``a`` with each real and imaginary part below the smallest normal number of ``dtype``
    set to zero: TF's CPU kernels flush subnormal results (docs/deviations.md)."""
    real = {"complex64": "float32", "complex128": "float64"}.get(dtype, dtype)
    if real not in FLOATS:
        return a
    tiny = float(np.finfo(real).tiny)
    out = a.copy()
    with np.errstate(invalid="ignore"):
        out.real[np.abs(a.real) < tiny] = 0.0
        out.imag[np.abs(a.imag) < tiny] = 0.0
    return out


def close(
    a: np.ndarray, b: np.ndarray, dtype: str, loose: float = 1.0, floor: float = 0.0
) -> tuple[bool, bool]:
    """(equal within tolerance, TF's value finite) for two same-shape arrays; ``floor`` is an
    absolute tolerance (the rounding noise of a gradient whose terms cancel)."""
    if a.dtype.kind in "OSU" or b.dtype.kind in "OSU":
        return bool(np.array_equal(a, b)), True
    if a.dtype.kind in "biu":
        return bool(np.array_equal(a, b)), True
    a = _flushed(a.astype(np.complex128), dtype)
    b = _flushed(b.astype(np.complex128), dtype)
    finite = bool(np.all(np.isfinite(a)))
    same_nan = np.array_equal(np.isnan(a), np.isnan(b))
    if not same_nan:
        return False, finite
    mask = ~np.isnan(a)
    a, b = a[mask], b[mask]
    inf = ~np.isfinite(a) | ~np.isfinite(b)
    if not np.array_equal(a[inf], b[inf]):
        return False, finite
    a, b = a[~inf], b[~inf]
    if a.size == 0:
        return True, finite
    rtol = RTOL.get(dtype, 1e-6) * loose
    scale = max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-300)
    ok = np.abs(a - b) <= rtol * (np.abs(a) + np.abs(b)) / 2 + rtol * 1e-3 * scale + floor
    return bool(np.all(ok)), finite


def compare(tf_result, tfl_result, loose=1.0, floor=0.0) -> tuple[str, str]:
    """('same' | 'value' | 'value-nonfinite' | 'dtype/shape', detail)."""
    a, b = leaves(tf_result), leaves(tfl_result)
    if len(a) != len(b):
        return "dtype/shape", f"{len(a)} outputs vs {len(b)}"
    for i, (x, y) in enumerate(zip(a, b)):
        kx, dx, vx = normalize(x)
        ky, dy, vy = normalize(y)
        if (kx, dx) != (ky, dy) and not (kx == "ndarray" or ky == "ndarray"):
            return "dtype/shape", f"output {i}: {kx} {dx} vs {ky} {dy}"
        if kx in ("tensor", "ndarray"):
            vx, vy = np.asarray(vx), np.asarray(vy)
            if vx.shape != vy.shape:
                return "dtype/shape", f"output {i}: shape {vx.shape} vs {vy.shape}"
            ok, finite = close(vx, vy, dx or "", loose, floor)
            if not ok:
                return ("value" if finite else "value-nonfinite"), f"output {i} {dx}"
        elif kx in ("shape", "dtype"):
            if vx != vy:
                return "value", f"output {i} {kx}"
        else:
            try:
                equal = bool(np.all(np.asarray(vx) == np.asarray(vy)))
            except Exception:  # noqa: BLE001
                equal = False
            if not equal and not (isinstance(vx, float) and math.isnan(vx)):
                return "value", f"output {i} {kx}"
    return "same", ""


TFL_ERRORS = {cls for cls in vars(TFL.errors).values() if isinstance(cls, type)}
BUILTIN_TF_RAISES = {TypeError, ValueError, NotImplementedError, IndexError}


def _same_error(tf_out, tfl_out) -> bool:
    """Both raised, with TF's class, and it is a ValueError or TF's exact text: TF raises
    it too, so it is no escape even if its text says "numpy=array(" or "np.float32("."""
    if tf_out[0] != "raise" or tfl_out[0] != "raise" or type(tf_out[1]) is not type(tfl_out[1]):
        return False
    return type(tfl_out[1]) is ValueError or str(tf_out[1]) == str(tfl_out[1])


def escaped(exc) -> bool:
    """An exception class TF does not use: raw NumPy, ZeroDivisionError, AttributeError..."""
    cls = type(exc)
    if cls in TFL_ERRORS or isinstance(exc, Hang):
        return False
    if cls.__module__.startswith("numpy"):
        return True
    if cls not in BUILTIN_TF_RAISES:
        return True
    # A builtin raised by NumPy itself (its message names an ufunc or a dtype kind).
    text = str(exc)
    return any(s in text for s in ("ufunc", "numpy", "np.", "dtype('", "did not contain a loop"))


# -- differentiation --------------------------------------------------------------


def _differentiable_specs(spec, found):
    if isinstance(spec, Value) and spec.is_differentiable():
        found.append(spec)
    elif isinstance(spec, ListArg):
        for item in spec.items:
            _differentiable_specs(item, found)
    return found


def gradients(lib, path, args, kwargs, seed, second_order, seconds):
    """First-order gradients (and, if asked, the same under an outer tape plus second order)."""
    fn = resolve(lib, path)
    sources = []
    for spec in list(args) + list(kwargs.values()):
        _differentiable_specs(spec, sources)
    if not sources:
        return None
    tensors = {id(s): s.build(lib, as_tensor=True) for s in sources}

    def build_watched(spec):
        if isinstance(spec, Value) and id(spec) in tensors:
            return tensors[id(spec)]
        if isinstance(spec, ListArg):
            return [build_watched(item) for item in spec.items]
        return build(spec, lib)

    xs = [tensors[id(s)] for s in sources]
    rng = np.random.default_rng(seed)

    def loss_of():
        forget_scalars(lib)
        out = fn(
            *[build_watched(a) for a in args], **{k: build_watched(v) for k, v in kwargs.items()}
        )
        total = None
        for leaf in leaves(out):
            if (
                hasattr(leaf, "dtype")
                and hasattr(leaf, "numpy")
                and leaf.dtype.name in FLOATS + COMPLEX
            ):
                w = rng.uniform(0.5, 1.5, size=tuple(leaf.shape)).astype(leaf.dtype.name)
                term = lib.reduce_sum(leaf * lib.constant(w))
                total = term if total is None else total + term
        return total

    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with lib.GradientTape() as tape:
            for x in xs:
                tape.watch(x)
            loss = loss_of()
        if loss is None:
            return None
        first = tape.gradient(loss, xs)
        result = {"grad": first}
        if second_order:
            rng = np.random.default_rng(seed)
            with lib.GradientTape() as outer:
                for x in xs:
                    outer.watch(x)
                with lib.GradientTape() as inner:
                    for x in xs:
                        inner.watch(x)
                    loss = loss_of()
                inner_grads = inner.gradient(loss, xs)
                total = None
                for g in inner_grads:
                    if g is not None:
                        u = np.random.default_rng(seed + 1).uniform(0.5, 1.5, size=tuple(g.shape))
                        term = lib.reduce_sum(g * lib.constant(u.astype(g.dtype.name)))
                        total = term if total is None else total + term
            result["grad-recorded"] = inner_grads
            result["grad2"] = outer.gradient(total, xs) if total is not None else None
        return result
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def noise_floors(tf_result, sources) -> dict:
    """Absolute tolerances for gradients, per order: a derivative whose terms cancel (the
    gradient of x / |x| is 0 from terms of size |y| / |x|) keeps rounding noise of about
    eps * |y| / |x| ** order, which neither library can avoid."""
    outputs = [
        np.abs(np.asarray(leaf.numpy()))
        for leaf in leaves(tf_result)
        if hasattr(leaf, "numpy") and getattr(leaf.dtype, "name", "") in FLOATS + COMPLEX
    ]
    inputs = [np.abs(np.asarray(s.array)).ravel() for s in sources]
    y = max((float(np.max(o[np.isfinite(o)], initial=0.0)) for o in outputs), default=0.0)
    x = np.concatenate(inputs) if inputs else np.zeros(0)
    x = x[np.isfinite(x) & (x > 0)]
    # Clamped both ways: a squared scale past 1e150 would overflow a Python float.
    smallest = min(max(float(np.min(x)) if x.size else 1.0, 1e-150), 1e150)
    eps = max((float(np.finfo(s.array.real.dtype).eps) for s in sources), default=0.0)
    unit = 32 * eps * y
    return {"grad": unit / smallest, "grad-recorded": unit / smallest,
            "grad2": unit / smallest**2}  # fmt: skip


def compare_gradients(tf_grads, tfl_grads, floors=None, structure_only=False):
    floors = floors or {}
    out = []
    for key in ("grad", "grad-recorded", "grad2"):
        if key not in tf_grads:
            continue
        a, b = tf_grads[key], tfl_grads.get(key)
        if a is None or b is None:
            if (a is None) != (b is None):
                out.append((key, "None vs value" if a is None else "value vs None"))
            continue
        for i, (x, y) in enumerate(zip(a, b)):
            if (x is None) != (y is None):
                out.append(
                    (key, f"arg {i}: " + ("None vs value" if x is None else "value vs None"))
                )
                continue
            if x is None:
                continue
            # Values are compared densely on both sides: which calls give TF's sparse
            # type is checked by the IndexedSlices golden snippets, not here.
            if type(x).__name__ == "IndexedSlices":
                x = TF.convert_to_tensor(x)
            if type(y).__name__ == "IndexedSlices":
                y = TFL.convert_to_tensor(y)
            if structure_only:
                verdict, detail = image_random.compare_structure(x, y)
            else:
                verdict, detail = compare(x, y, loose=10.0, floor=floors.get(key, 0.0))
            if verdict != "same":
                out.append((key, f"arg {i}: {verdict} {detail}"))
    return out


# -- classification -----------------------------------------------------------------

SEVERITY = ["value", "grad:value", "grad-recorded:value", "grad2:value", "dtype/shape",
            "grad:dtype/shape", "escape", "grad:escape", "memory", "hang", "tf-raises-only",
            "grad:tf-raises-only", "tfl-raises-only", "grad:tfl-raises-only",
            "exception-class", "grad:None-mismatch", "value-nonfinite",
            "grad:value-nonfinite", "tf-hang", "tf-crash", "fuzzer-error", "same", "both-raise-same"]  # fmt: skip


def documented_groups(path: Path = ROOT / "docs" / "deviations.md") -> list:
    """(group, verdicts, pattern) rows of the "Fuzz summary groups" table in deviations.md."""
    text = path.read_text()
    if "<!-- fuzz groups" not in text:
        return []
    block = text.split("<!-- fuzz groups", 1)[1].split("<!-- end of fuzz groups -->", 1)[0]
    rows = []
    for line in block.splitlines()[1:]:
        if not line.startswith("| ") or line.startswith("| group"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        verdicts = {v.strip(" `") for v in cells[1].split(",")}
        pattern = re.compile(cells[2].strip("`").replace("\\|", "|"))
        rows.append((cells[0], verdicts, pattern))
    return rows


# Tags a run puts on examples by their inputs, and the deviations.md group each one names.
TAG = re.compile(r" \[([a-z-]+)\]$")
TAG_GROUPS = {"subnormal": "subnormal", "complex-nonfinite": "complex-nonfinite"}


def documented(key: tuple, groups: list) -> str:
    """The deviations.md group that explains a signature, or ""."""
    category, path, detail = key
    if category.endswith("[subnormal]"):
        return "subnormal"
    tagged = TAG.search(category)
    base = category[: tagged.start()] if tagged else category
    for name, verdicts, pattern in groups:
        if name in TAG_GROUPS:  # the tag, not the pattern, says which examples it covers
            if tagged and TAG_GROUPS[name] == tagged.group(1):
                if "*" in verdicts or base in verdicts:
                    return name
            continue
        # The verdict's own rows apply to tagged examples too (a tag's row may not cover it).
        if ("*" in verdicts or base in verdicts) and pattern.match(f"{path} {detail}"):
            return name
    return ""


class Recorder:
    def __init__(self):
        self.counts = collections.Counter()
        self.shortest: dict = {}
        self.examples = 0
        self.per_op = collections.Counter()

    def add(self, category, path, detail, example, note=""):
        key = (category, path, detail)
        self.counts[key] += 1
        if key not in self.shortest or len(example) < len(self.shortest[key][0]):
            self.shortest[key] = (example, note)

    def summary(self, elapsed, args) -> str:
        groups = documented_groups()
        explained = {key: documented(key, groups) for key in self.counts}
        by_category = collections.Counter()
        undocumented = collections.Counter()
        for key, n in self.counts.items():
            by_category[key[0]] += n
            if not explained[key]:
                undocumented[key[0]] += n
        lines = [f"tapeflow vs TensorFlow {TF.__version__}: {self.examples} examples over "
                 f"{len(self.per_op)} ops in {elapsed:.0f} s (seed {args.seed})", "",
                 "verdicts (examples; then those no group of docs/deviations.md explains):"]  # fmt: skip
        order = {c: i for i, c in enumerate(SEVERITY)}

        def rank(cat):
            base = TAG.sub("", cat)
            return (order.get(base, len(order)), cat)

        for category in sorted(by_category, key=rank):
            plain = category in ("same", "both-raise-same")
            open_count = "" if plain else f"{undocumented[category]:8d}"
            lines.append(f"  {category:32s} {by_category[category]:8d} {open_count}")
        interesting = [k for k in self.counts if k[0] not in ("same", "both-raise-same")]
        open_keys = [k for k in interesting if not explained[k]]
        lines += ["", f"distinct signatures (not same): {len(interesting)}, "
                  f"undocumented: {len(open_keys)}", ""]  # fmt: skip
        shown = open_keys if getattr(args, "hide_documented", False) else interesting
        for key in sorted(shown, key=lambda k: (rank(k[0]), k[1], k[2])):
            example, note = self.shortest[key]
            tag = f"  [documented: {explained[key]}]" if explained[key] else ""
            lines.append(f"[{key[0]}] {key[1]} {key[2]}  x{self.counts[key]}{tag}")
            lines.append(f"    {example}")
            if note:
                lines.append(f"    {note}")
        return "\n".join(lines) + "\n"


def describe(outcome):
    kind, value, _ = outcome
    if kind == "raise":
        return f"{type(value).__name__}: {str(value)[:160]!r}"
    try:
        parts = []
        for leaf in leaves(value)[:3]:
            k, d, v = normalize(leaf)
            parts.append(
                f"{d} {np.asarray(v).shape} {np.array2string(np.asarray(v), threshold=8)[:100]}"
                if k in ("tensor", "ndarray")
                else f"{k} {v!r}"[:100]
            )
        return "; ".join(parts)
    except Exception as exc:  # noqa: BLE001
        return f"<unprintable {type(exc).__name__}>"


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
    same_as_tf = _same_error(tf_out, tfl_out)
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
        elif g_tfl[0] == "raise" and escaped(g_tfl[1]) and not _same_error(g_tf, g_tfl):
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
        _differentiable_specs(spec, sources)
    floors = noise_floors(tf_out[1], sources)
    for key, detail in compare_gradients(g_tf[1], g_tfl[1], floors, structure_only):
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


def run_worker(opts) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        vm = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    # A hard cap on the address space: an unbounded allocation fails fast
    # (MemoryError) instead of taking the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (vm + (6 << 30), hard))
    ops = [p for p in discover_ops() if opts.ops in p]
    deadline = time.monotonic() + opts.time_left
    done = opts.done_examples
    position = opts.position
    global SIDE_FILE
    SIDE_FILE = os.open(opts.state + ".side", os.O_RDWR | os.O_CREAT, 0o644)
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
                _absorb(total, event)
            elif event["event"] == "crash":
                category = event.get("category", "tf-crash")
                total.add(category, event["op"], event["detail"], event["example"], event["note"])
    text = total.summary(float(opts.elapsed), opts)
    if opts.out:
        Path(opts.out).write_text(text)
    print(text)
    return 0


def _absorb(total: Recorder, event: dict) -> None:
    total.examples += event["examples"]
    total.per_op[event["op"]] += event["examples"]
    for category, path, detail, n, example, note in event["records"]:
        key = (category, path, detail)
        total.counts[key] += n
        if key not in total.shortest or len(example) < len(total.shortest[key][0]):
            total.shortest[key] = (example, note)


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
            _absorb(total, event)
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
    parser.add_argument("--ops", default="", help="only ops whose name contains this")
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
