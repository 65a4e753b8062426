"""TensorFlow's stateless float32 random streams (Philox-4x32-10), for seeded Keras initializers.

A Keras 3 initializer with an integer seed draws from
``tf.random.stateless_*(seed=[seed, 0])``. Reproducing those streams lets a
seeded initializer give Keras's exact numbers: uniform values bit for bit
everywhere; normal and truncated normal values bit for bit where the C
library's ``logf``/``sinf``/``cosf`` can be called (glibc, as TF uses them),
else within one float32 ulp (float64 NumPy rounded).

>>> from tapeflow.keras._philox import uniform
>>> uniform((3,), [1, 0])
array([0.8784882 , 0.45998025, 0.60029125], dtype=float32)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
from collections.abc import Callable
from typing import Any

import numpy as np

_M0, _M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
_W0, _W1 = 0x9E3779B9, 0xBB67AE85
_LOW = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


def _rounds(
    c0: np.ndarray, c1: np.ndarray, c2: np.ndarray, c3: np.ndarray, k0: Any, k1: Any
) -> tuple:
    """Philox-4x32 with 10 rounds on columns of counters (uint32 arrays)."""
    for r in range(10):
        p0 = _M0 * c0.astype(np.uint64)
        p1 = _M1 * c2.astype(np.uint64)
        hi0, lo0 = (p0 >> _SHIFT).astype(np.uint32), (p0 & _LOW).astype(np.uint32)
        hi1, lo1 = (p1 >> _SHIFT).astype(np.uint32), (p1 & _LOW).astype(np.uint32)
        c0, c1, c2, c3 = hi1 ^ c1 ^ np.uint32(k0), lo1, hi0 ^ c3 ^ np.uint32(k1), lo0
        if r < 9:
            k0, k1 = (k0 + _W0) & 0xFFFFFFFF, (k1 + _W1) & 0xFFFFFFFF
    return c0, c1, c2, c3


def _key_counter(seed: Any) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
    # TF scrambles the two seed words through one Philox block first.
    s0, s1 = (int(s) & 0xFFFFFFFFFFFFFFFF for s in seed)
    words = [
        np.array([w], np.uint32) for w in (s0 & 0xFFFFFFFF, s0 >> 32, s1 & 0xFFFFFFFF, s1 >> 32)
    ]
    w0, w1, w2, w3 = words
    mix = [int(w[0]) for w in _rounds(w0, w1, w2, w3, 0x3EC8F720, 0x02461E29)]
    return (mix[0], mix[1]), (0, 0, mix[2], mix[3])


def _blocks(seed: Any, start: int, count: int) -> np.ndarray:
    """``count`` Philox outputs (4 uint32 each) from block ``start`` on, flattened."""
    return _blocks_at(seed, np.arange(start, start + count, dtype=np.uint64))


def _blocks_at(seed: Any, index: np.ndarray) -> np.ndarray:
    """The Philox outputs of the given block numbers, flattened."""
    key, counter = _key_counter(seed)
    words = []
    carry = index
    for word in counter:  # a 128-bit little-endian counter plus the block index
        total = np.uint64(word) + carry
        words.append((total & _LOW).astype(np.uint32))
        carry = total >> _SHIFT
    w0, w1, w2, w3 = words
    return np.stack(_rounds(w0, w1, w2, w3, *key), axis=1).reshape(-1)


def _unit(x: np.ndarray) -> np.ndarray:
    """TF's uint32 -> float32 in [0, 1): 23 random mantissa bits."""
    return ((x & np.uint32(0x7FFFFF)) | np.uint32(0x3F800000)).view(np.float32) - np.float32(1.0)


def _libm() -> Any:
    name = ctypes.util.find_library("m")
    try:
        lib = ctypes.CDLL(name or "libm.so.6")
        functions = []
        for fn in ("logf", "sinf", "cosf"):
            f = getattr(lib, fn)
            f.restype, f.argtypes = ctypes.c_float, [ctypes.c_float]
            functions.append(np.frompyfunc(f, 1, 1))
        return functions
    except (OSError, AttributeError):
        return None


_LIBM = _libm()


def _float_fn(index: int, fallback: Callable, x: np.ndarray) -> np.ndarray:
    if _LIBM is not None:
        return _LIBM[index](x).astype(np.float32)
    return fallback(x.astype(np.float64)).astype(np.float32)


def _box_muller(x0: np.ndarray, x1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u1 = np.maximum(_unit(x0), np.float32(1e-7))
    v1 = (2.0 * math.pi * _unit(x1).astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2.0) * _float_fn(0, np.log, u1))
    return _float_fn(1, np.sin, v1) * u2, _float_fn(2, np.cos, v1) * u2


def uniform(shape: Any, seed: Any) -> np.ndarray:
    """``tf.random.stateless_uniform(shape, seed)`` in float32.

    >>> uniform((3,), [7, 0]).shape, bool(((uniform((3,), [7, 0]) >= 0) & (uniform((3,), [7, 0]) < 1)).all())
    ((3,), True)
    """
    n = math.prod(shape)
    return _unit(_blocks(seed, 0, (n + 3) // 4)[:n]).reshape(shape)


def normal(shape: Any, seed: Any) -> np.ndarray:
    """``tf.random.stateless_normal(shape, seed)`` in float32.

    >>> values = normal((2, 2), [1, 0])
    >>> values.shape, values.dtype, bool((normal((2, 2), [1, 0]) == values).all())
    ((2, 2), dtype('float32'), True)
    """
    n = math.prod(shape)
    x = _blocks(seed, 0, (n + 3) // 4).reshape(-1, 4)
    f0, f1 = _box_muller(x[:, 0], x[:, 1])
    f2, f3 = _box_muller(x[:, 2], x[:, 3])
    return np.stack([f0, f1, f2, f3], axis=1).reshape(-1)[:n].reshape(shape)


def truncated_normal(shape: Any, seed: Any) -> np.ndarray:
    """``tf.random.stateless_truncated_normal(shape, seed)`` in float32.

    Each group of four outputs owns 256 Philox blocks; pairs of words become
    normals by Box-Muller and values with ``|v| >= 2`` are rejected.

    >>> values = truncated_normal((1000,), [3, 0])
    >>> values.dtype, bool(abs(values).max() <= 2.0)
    (dtype('float32'), True)
    """
    n = math.prod(shape)
    groups = (n + 3) // 4
    out = np.empty(groups * 4, np.float32)
    # Most pairs are accepted: transform the first 4 pairs of every group at
    # once and only fall back to more words for the rare group that needs them.
    starts = np.arange(groups, dtype=np.uint64)[:, None] * np.uint64(256)
    first = _blocks_at(seed, (starts + np.arange(2, dtype=np.uint64)).reshape(-1))
    first = first.reshape(groups, 8)
    f0, f1 = _box_muller(first[:, 0::2].reshape(-1), first[:, 1::2].reshape(-1))
    candidates = np.stack([f0, f1], axis=1).reshape(groups, -1)
    for g in range(groups):
        row = candidates[g][np.abs(candidates[g]) < 2.0]
        if len(row) >= 4:
            out[4 * g : 4 * g + 4] = row[:4]
            continue
        words = _blocks(seed, g * 256, 256)
        got = 0
        for i in range(0, len(words), 2):
            a, b = _box_muller(words[i : i + 1], words[i + 1 : i + 2])
            for v in (a[0], b[0]):
                if abs(v) < 2.0 and got < 4:
                    out[4 * g + got] = v
                    got += 1
            if got == 4:
                break
    return out[:n].reshape(shape)
