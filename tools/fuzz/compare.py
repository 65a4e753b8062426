"""Comparing the two sides: values within dtype tolerances (subnormals flushed as TF's
CPU kernels do), gradients with a noise floor, and which exceptions count as escapes."""

from __future__ import annotations

import math

import fuzz_image_random as image_random
import numpy as np
import tensorflow as TF

import tapeflow as TFL

from .draws import COMPLEX, FLOATS
from .sides import Hang, leaves, normalize

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


def same_error(tf_out, tfl_out) -> bool:
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


def output_rtol(tf_result) -> float:
    """The loosest tolerance among the op's floating outputs. Every gradient flows back
    from their cotangents, so it is no more precise than they are: a float64 input of an
    op that computes and returns float32 (tf.image.psnr, per_image_standardization) gets
    a gradient with float32 rounding in both libraries."""
    names = [getattr(leaf.dtype, "name", "") for leaf in leaves(tf_result)
             if hasattr(leaf, "numpy") and hasattr(leaf, "dtype")]  # fmt: skip
    return max((RTOL[n] for n in names if n in RTOL), default=0.0)


def compare_gradients(tf_grads, tfl_grads, floors=None, structure_only=False, through=0.0):
    """Per-key gradient differences; ``through`` is output_rtol of the op's outputs."""
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
                own = RTOL.get(getattr(x.dtype, "name", ""), through) or through
                loose = 10.0 * max(1.0, through / own) if own else 10.0
                verdict, detail = compare(x, y, loose=loose, floor=floors.get(key, 0.0))
            if verdict != "same":
                out.append((key, f"arg {i}: {verdict} {detail}"))
    return out
