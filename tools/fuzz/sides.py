"""Running one side of an example: an op (and its first and second-order gradients)
called under TensorFlow or tapeflow with a per-call time limit, and the outputs' leaves."""

from __future__ import annotations

import os
import signal
import tracemalloc

import numpy as np
import tensorflow as TF

from .draws import COMPLEX, FLOATS, ListArg, Value


def resolve(library, path: str):
    obj = library
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


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


# -- differentiation --------------------------------------------------------------


def differentiable_specs(spec, found):
    if isinstance(spec, Value) and spec.is_differentiable():
        found.append(spec)
    elif isinstance(spec, ListArg):
        for item in spec.items:
            differentiable_specs(item, found)
    return found


def gradients(lib, path, args, kwargs, seed, second_order, seconds):
    """First-order gradients (and, if asked, the same under an outer tape plus second order)."""
    fn = resolve(lib, path)
    sources = []
    for spec in list(args) + list(kwargs.values()):
        differentiable_specs(spec, sources)
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
