"""Let freed array memory be reused instead of returned to the OS at once.

glibc gives large blocks (over 128 KiB at first) their own pages and returns
them to the OS when freed, so the next array of that size page-faults through
fresh zeroed pages. A tape holds its activations until the reverse sweep and
then frees many at once, which trips exactly that: profiling the MLP benchmark
showed ~200 page faults per step, a third of its time, against none for the
same NumPy code without a tape. Raising the two thresholds makes glibc keep
and reuse that memory, as the caching allocators of TensorFlow and PyTorch do.

Set ``TAPEFLOW_KEEP_FREED_MEMORY=0`` to leave the allocator alone. Elsewhere
than Linux with glibc this does nothing.
"""

from __future__ import annotations

import os
import sys

# mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_KEEP_BYTES = 256 * 1024 * 1024  # freed memory kept for reuse before trimming
_MMAP_BYTES = 32 * 1024 * 1024  # blocks below this come from the reusable heap


def keep_freed_memory() -> bool:
    """Tune glibc's malloc for array workloads; returns whether it was done."""
    if not sys.platform.startswith("linux") or os.environ.get("TAPEFLOW_KEEP_FREED_MEMORY") == "0":
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl): nothing to tune
        return False
    return bool(mallopt(_M_TRIM_THRESHOLD, _KEEP_BYTES)) and bool(
        mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)
    )
