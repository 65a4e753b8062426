"""Refuse an output no machine can hold before NumPy tries to allocate it.

Ops whose output size comes from an argument (zeros, fill, range, eye, one_hot,
tile, pad, repeat, broadcast_to, scatter_nd, linspace) check the size first and
raise TensorFlow's ResourceExhaustedError ("OOM when allocating ..."), instead
of asking NumPy for terabytes (a MemoryError, or pages the kernel kills the
process for). The limit is the machine's physical memory (or the process's
address-space limit, ``ulimit -v``, where that is lower).
"""

from __future__ import annotations

import os

try:
    import resource
except ImportError:  # not a POSIX system
    resource = None  # type: ignore[assignment]

import numpy as np

from .errors import ResourceExhaustedError, _op_error

try:
    _LIMIT_BYTES = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
except (ValueError, OSError, AttributeError):  # not a POSIX system
    _LIMIT_BYTES = 1 << 40


def _limit_bytes() -> int:
    """Physical memory, or the process's address-space limit where one is set lower."""
    if resource is None:
        return _LIMIT_BYTES
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    return _LIMIT_BYTES if soft == resource.RLIM_INFINITY else min(_LIMIT_BYTES, soft)


_C_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


def check_allocation(shape, dtype, op_name: str) -> None:
    """Raise ResourceExhaustedError if an array of ``shape`` and ``dtype`` exceeds memory.

    >>> check_allocation((2, 3), np.float32, "Fill")
    """
    dtype = np.dtype(dtype)
    count = 1
    for d in shape:
        count *= max(int(d), 0)
    if count * max(dtype.itemsize, 1) > _limit_bytes():
        dims = ",".join(str(int(d)) for d in shape)
        kind = _C_NAMES.get(dtype.name, dtype.name)
        raise _op_error(
            f"OOM when allocating tensor with shape[{dims}] and type {kind} on "
            "/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu",
            op_name,
            cls=ResourceExhaustedError,
        )
