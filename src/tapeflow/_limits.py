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

from .errors import InvalidArgumentError, ResourceExhaustedError, _op_error, _shape_text

try:
    _LIMIT_BYTES = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
except (ValueError, OSError, AttributeError):  # not a POSIX system
    _LIMIT_BYTES = 1 << 40


def _limit_bytes(request: int = 0) -> int:
    """Physical memory, or what the process's address-space limit leaves where one is set.

    Under ``ulimit -v`` an allocation fails once the address space in use plus the request
    passes the limit, so a large request (past 64 MiB: reading /proc costs microseconds)
    is measured against the room left, not the whole limit.
    """
    if resource is None:
        return _LIMIT_BYTES
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft == resource.RLIM_INFINITY:
        return _LIMIT_BYTES
    if request > 1 << 26:
        try:
            with open("/proc/self/statm") as statm:
                soft -= int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):  # no /proc: the whole limit
            pass
    return min(_LIMIT_BYTES, soft)


# Ops whose kernels build the output's TensorShape from the sizes as given.
_COUNTS_ELEMENTS = ("Fill", "BroadcastTo")

_C_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


def check_allocation(shape, dtype, op_name: str) -> None:
    """Raise ResourceExhaustedError if an array of ``shape`` and ``dtype`` exceeds memory.

    >>> check_allocation((2, 3), np.float32, "Fill")
    """
    dtype = np.dtype(dtype)
    count = 1
    for d in shape:
        count *= max(int(d), 0)
        if count > 2**63 - 1 and op_name in _COUNTS_ELEMENTS:
            # TF's TensorShape multiplies the dimensions in order (an earlier 0 ends it).
            raise _op_error(f"Shape {_shape_text(shape)} would have more than 2**63 - 1 "
                            "elements", op_name)  # fmt: skip
    if not count:
        _check_empty_shape(shape, dtype)
    size = count * max(dtype.itemsize, 1)
    if size > _limit_bytes(size):
        dims = ",".join(str(int(d)) for d in shape)
        kind = _C_NAMES.get(dtype.name, dtype.name)
        raise _op_error(
            f"OOM when allocating tensor with shape[{dims}] and type {kind} on "
            "/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu",
            op_name,
            cls=ResourceExhaustedError,
        )


def _check_empty_shape(shape, dtype: np.dtype) -> None:
    """An empty shape NumPy cannot describe: its other dimensions multiply past 2**63 bytes.

    TF creates such a tensor (nothing is allocated) but fails when its value is read
    (printed, ``.numpy()``); tapeflow's tensors are NumPy arrays, so it raises TF's
    error for that read at once.
    """
    span = max(dtype.itemsize, 1)
    for d in shape:
        span *= max(int(d), 1)
    if span >= 2**63:
        dims = ", ".join(str(int(d)) for d in shape)
        raise InvalidArgumentError(
            None, None,
            f"Failed to create numpy array from tensor of shape [{dims}]. Numpy error: "
            "ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the "
            "maximum possible size.",
        )  # fmt: skip
