"""BLAS threads: small matrix products on one thread, large ones on all.

NumPy's bundled OpenBLAS splits every product above 64^3 multiply-adds
between all its threads and makes the caller wait for the slowest. On a
loaded machine a worker thread that lost its core stalls the product for a
scheduler time slice (milliseconds), so a product of tens of microseconds
becomes a thousand times slower: a PINN step went from 3.9 ms to 84.5 ms on a
busy 2-core host. ``matmul`` runs products of fewer than ``THRESHOLD``
multiply-adds (m * k * n) on the calling thread only and puts the thread count
back afterwards, so NumPy code outside tapeflow keeps its own setting; larger
products, whose work hides such a stall, use every thread.

The switch calls OpenBLAS through ctypes (NumPy stays the only dependency):
``openblas_set_num_threads_local`` where the library has it (it changes the
calling thread's count only and returns the previous one), else its global
``set``/``get_num_threads``. With another BLAS (MKL, Accelerate) or with one
thread configured (``OPENBLAS_NUM_THREADS=1``) nothing is switched.
``docs/architecture.md`` gives the measurements behind ``THRESHOLD``.
"""

from __future__ import annotations

import ctypes
import os

import numpy as np

__all__ = ["THRESHOLD", "matmul"]

#: Products of fewer multiply-adds than this run on one thread (measured).
THRESHOLD = 1 << 20
# OpenBLAS runs products of at most 64^3 multiply-adds on one thread by itself.
_OWN_LIMIT = 1 << 18

# threads -> the previous count (for the calling thread, or globally); None
# when there is nothing to switch. The library is looked up on the first small
# product, not at import (a glob and a dlopen).
_swap = None


def _find_openblas():
    """NumPy's bundled OpenBLAS (wheels), or None."""
    import glob  # only on the first small product

    root = os.path.dirname(np.__file__)
    patterns = [
        os.path.join(root, os.pardir, "numpy.libs", "*openblas*"),
        os.path.join(root, ".dylibs", "*openblas*"),
    ]
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    return None


def _load() -> None:
    global _swap
    _swap = None
    lib = _find_openblas()
    if lib is None:
        return
    local = getattr(lib, "openblas_set_num_threads_local", None)
    if local is not None:
        local.restype = ctypes.c_int
        local.argtypes = [ctypes.c_int]
    getter = setter = None
    for prefix in ("scipy_openblas", "openblas"):
        for suffix in ("64_", "_64_", ""):
            getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
            setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
            if getter is not None and setter is not None:
                break
        if getter is not None and setter is not None:
            break
    else:
        return
    getter.restype = ctypes.c_int
    setter.argtypes = [ctypes.c_int]
    if getter() <= 1:
        return  # one thread configured: nothing to switch
    if local is not None:
        _swap = local
        return

    def swap(threads: int, get=getter, set_=setter) -> int:
        previous = get()
        set_(threads)
        return previous

    _swap = swap


def _first_swap(threads: int):
    _load()
    return None if _swap is None else _swap(threads)


_swap = _first_swap


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for 2-D arrays, on one BLAS thread when the product is small.

    >>> import numpy as np
    >>> matmul(np.ones((2, 3), np.float32), np.ones((3, 2), np.float32)).tolist()
    [[3.0, 3.0], [3.0, 3.0]]
    """
    if _swap is not None and _OWN_LIMIT < a.shape[0] * a.shape[1] * b.shape[1] < THRESHOLD:
        previous = _swap(1)
        if previous is None:
            return a @ b
        try:
            return a @ b
        finally:
            _swap(previous)
    return a @ b
