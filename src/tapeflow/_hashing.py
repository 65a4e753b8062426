"""tf.fingerprint (farmhash's Fingerprint64 of each row's bytes) and
tf.random_index_shuffle (TF's cycle-walking Simon cipher), bit-exact with TF.

Both work on Python integers masked to 64 bits: the inputs they are used on
(row counts, index vectors) are small, and exactness is the point.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import dtypes as _dt
from ._matching import matching_tensors
from ._tensor import Tensor, convert_to_tensor, wrap
from ._types import TensorLike
from .errors import InvalidArgumentError, _op_error, _shape_text

__all__ = ["fingerprint", "random_index_shuffle"]

_MASK = (1 << 64) - 1
_K0 = 0xC3A5C85C97CB3127
_K1 = 0xB492B66FBE98F273
_K2 = 0x9AE16A3B2F90404F
_KMUL = 0x9DDFEA08EB382D69


def _rot(value: int, shift: int) -> int:
    return value if shift == 0 else ((value >> shift) | (value << (64 - shift))) & _MASK


def _shift_mix(value: int) -> int:
    return value ^ (value >> 47)


def _fetch64(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 8], "little")


def _fetch32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 4], "little")


def _hash16(u: int, v: int, mul: int = _KMUL) -> int:
    a = ((u ^ v) * mul) & _MASK
    a ^= a >> 47
    b = ((v ^ a) * mul) & _MASK
    b ^= b >> 47
    return (b * mul) & _MASK


def _hash_0_to_16(s: bytes, n: int) -> int:
    if n >= 8:
        mul = _K2 + n * 2
        a = (_fetch64(s, 0) + _K2) & _MASK
        b = _fetch64(s, n - 8)
        c = (_rot(b, 37) * mul + a) & _MASK
        d = ((_rot(a, 25) + b) * mul) & _MASK
        return _hash16(c, d, mul)
    if n >= 4:
        mul = _K2 + n * 2
        return _hash16(n + (_fetch32(s, 0) << 3), _fetch32(s, n - 4), mul)
    if n > 0:
        y = (s[0] + (s[n >> 1] << 8)) & 0xFFFFFFFF
        z = (n + (s[n - 1] << 2)) & 0xFFFFFFFF
        return (_shift_mix(((y * _K2) ^ (z * _K0)) & _MASK) * _K2) & _MASK
    return _K2


def _hash_17_to_32(s: bytes, n: int) -> int:
    mul = _K2 + n * 2
    a = (_fetch64(s, 0) * _K1) & _MASK
    b = _fetch64(s, 8)
    c = (_fetch64(s, n - 8) * mul) & _MASK
    d = (_fetch64(s, n - 16) * _K2) & _MASK
    return _hash16(
        (_rot((a + b) & _MASK, 43) + _rot(c, 30) + d) & _MASK,
        (a + _rot((b + _K2) & _MASK, 18) + c) & _MASK,
        mul,
    )


def _hash_33_to_64(s: bytes, n: int) -> int:
    mul = _K2 + n * 2
    a = (_fetch64(s, 0) * _K2) & _MASK
    b = _fetch64(s, 8)
    c = (_fetch64(s, n - 8) * mul) & _MASK
    d = (_fetch64(s, n - 16) * _K2) & _MASK
    y = (_rot((a + b) & _MASK, 43) + _rot(c, 30) + d) & _MASK
    z = _hash16(y, (a + _rot((b + _K2) & _MASK, 18) + c) & _MASK, mul)
    e = (_fetch64(s, 16) * mul) & _MASK
    f = _fetch64(s, 24)
    g = ((y + _fetch64(s, n - 32)) * mul) & _MASK
    h = ((z + _fetch64(s, n - 24)) * mul) & _MASK
    return _hash16(
        (_rot((e + f) & _MASK, 43) + _rot(g, 30) + h) & _MASK,
        (e + _rot((f + a) & _MASK, 18) + g) & _MASK,
        mul,
    )


def _weak32(s: bytes, at: int, a: int, b: int) -> tuple[int, int]:
    w, x, y, z = (_fetch64(s, at + 8 * i) for i in range(4))
    a = (a + w) & _MASK
    b = _rot((b + a + z) & _MASK, 21)
    c = a
    a = (a + x + y) & _MASK
    b = (b + _rot(a, 44)) & _MASK
    return (a + z) & _MASK, (b + c) & _MASK


def fingerprint64(s: bytes) -> int:
    """farmhash's Fingerprint64 (its ``na`` Hash64) of a byte string.

    >>> hex(fingerprint64(b""))
    '0x9ae16a3b2f90404f'
    """
    n = len(s)
    if n <= 16:
        return _hash_0_to_16(s, n)
    if n <= 32:
        return _hash_17_to_32(s, n)
    if n <= 64:
        return _hash_33_to_64(s, n)
    seed = 81
    x = seed
    y = (seed * _K1 + 113) & _MASK
    z = (_shift_mix((y * _K2 + 113) & _MASK) * _K2) & _MASK
    v = (0, 0)
    w = (0, 0)
    x = (x * _K2 + _fetch64(s, 0)) & _MASK
    end = ((n - 1) // 64) * 64
    last64 = end + ((n - 1) & 63) - 63
    at = 0
    while True:
        x = (_rot((x + y + v[0] + _fetch64(s, at + 8)) & _MASK, 37) * _K1) & _MASK
        y = (_rot((y + v[1] + _fetch64(s, at + 48)) & _MASK, 42) * _K1) & _MASK
        x ^= w[1]
        y = (y + v[0] + _fetch64(s, at + 40)) & _MASK
        z = (_rot((z + w[0]) & _MASK, 33) * _K1) & _MASK
        v = _weak32(s, at, (v[1] * _K1) & _MASK, (x + w[0]) & _MASK)
        w = _weak32(s, at + 32, (z + w[1]) & _MASK, (y + _fetch64(s, at + 16)) & _MASK)
        z, x = x, z
        at += 64
        if at == end:
            break
    mul = _K1 + ((z & 0xFF) << 1)
    at = last64
    w0 = (w[0] + ((n - 1) & 63)) & _MASK
    v0 = (v[0] + w0) & _MASK
    w0 = (w0 + v0) & _MASK
    v, w = (v0, v[1]), (w0, w[1])
    x = (_rot((x + y + v[0] + _fetch64(s, at + 8)) & _MASK, 37) * mul) & _MASK
    y = (_rot((y + v[1] + _fetch64(s, at + 48)) & _MASK, 42) * mul) & _MASK
    x ^= (w[1] * 9) & _MASK
    y = (y + v[0] * 9 + _fetch64(s, at + 40)) & _MASK
    z = (_rot((z + w[0]) & _MASK, 33) * mul) & _MASK
    v = _weak32(s, at, (v[1] * mul) & _MASK, (x + w[0]) & _MASK)
    w = _weak32(s, at + 32, (z + w[1]) & _MASK, (y + _fetch64(s, at + 16)) & _MASK)
    z, x = x, z
    return _hash16(
        (_hash16(v[0], w[0], mul) + _shift_mix(y) * _K0 + z) & _MASK,
        (_hash16(v[1], w[1], mul) + x) & _MASK,
        mul,
    )


def _string_bytes(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def fingerprint(data: TensorLike, method: str = "farmhash64", name: str | None = None) -> Tensor:
    """One 8-byte fingerprint per row (the first axis) of ``data``: farmhash's
    Fingerprint64 of the row's bytes in memory order, stored little-endian, as a
    uint8 tensor of shape ``[rows, 8]``. Strings hash their characters; a row of
    several strings hashes its strings' fingerprints, as TF does.

    >>> tf.fingerprint(tf.constant([[1, 2], [3, 4]]))
    <tf.Tensor: shape=(2, 8), dtype=uint8, numpy=
    array([[ 76,  18, 253, 133, 168, 204, 240,  10],
           [254, 162,  60, 240, 103, 244,  53, 255]], dtype=uint8)>
    """
    data = convert_to_tensor(data)
    value = np.asarray(data._value)
    if value.ndim == 0:
        raise _op_error(
            f"`data` should have at least one dimension: {_shape_text(value.shape)}",
            "Fingerprint", None,
        )  # fmt: skip
    if method != "farmhash64":
        raise _op_error(f"Unsupported fingerprint method: {method}", "Fingerprint", None)
    rows = value.shape[0]
    out = np.empty((rows, 8), dtype=np.uint8)
    if value.dtype.kind in "OSU":
        # Row lengths from the shape: -1 cannot be inferred when there are no rows.
        flat = value.reshape(rows, int(np.prod(value.shape[1:])))
        for i in range(rows):
            hashes = [fingerprint64(_string_bytes(item)) for item in flat[i]]
            if len(hashes) == 1:
                result = hashes[0]
            else:  # TF fingerprints the row's fingerprints (8 little-endian bytes each)
                result = fingerprint64(b"".join(h.to_bytes(8, "little") for h in hashes))
            out[i] = np.frombuffer(result.to_bytes(8, "little"), dtype=np.uint8)
        return wrap(out)
    flat = np.ascontiguousarray(value).astype(value.dtype.newbyteorder("<"), copy=False)
    raw = flat.reshape(rows, -1).view(np.uint8) if rows else flat.reshape(0, 0)
    for i in range(rows):
        out[i] = np.frombuffer(fingerprint64(raw[i].tobytes()).to_bytes(8, "little"), np.uint8)
    return wrap(out)


# ---------------------------------------------------------------------------
# random_index_shuffle: cycle walking over a Simon block cipher
# ---------------------------------------------------------------------------
_INDEX_DTYPES = ("int32", "uint32", "int64", "uint64")
_INDEX_TYPES = (_dt.int32, _dt.uint32, _dt.int64, _dt.uint64)


def _rotl(x: int, r: int, width: int) -> int:
    mask = (1 << width) - 1
    return ((x << r) | (x >> (width - r))) & mask


def _simon_round_keys(key: tuple[int, int, int], rounds: int, width: int) -> list[int]:
    mask = (1 << width) - 1
    c = 0xFFFFFFFC & mask
    z = 0x7369F885192C0EF5 & mask
    keys = [k & mask for k in key]
    for i in range(3, rounds):
        right = keys[i - 1]
        rotr3 = ((right >> 3) | (right << (width - 3))) & mask
        rotr4 = ((right >> 4) | (right << (width - 4))) & mask
        keys.append(c ^ (z & 1) ^ keys[i - 3] ^ rotr3 ^ rotr4)
        z >>= 1
    return keys


def _simon_encrypt(value: int, keys: list[int], width: int) -> int:
    mask = (1 << width) - 1
    left, right = (value >> width) & mask, value & mask

    def f(x: int) -> int:
        return (_rotl(x, 1, width) & _rotl(x, 8, width)) ^ _rotl(x, 2, width)

    for i in range(0, len(keys) - 1, 2):
        left ^= f(right) ^ keys[i]
        right ^= f(left) ^ keys[i + 1]
    return (left << width) | right


def _simon_table(keys: list[int], width: int) -> np.ndarray:
    """The whole cipher on its 2**(2 width) blocks at once (NumPy), for small blocks."""
    mask = np.uint32((1 << width) - 1)
    blocks = np.arange(1 << (2 * width), dtype=np.uint32)
    left, right = (blocks >> np.uint32(width)) & mask, blocks & mask

    def rotl(x, r):
        return ((x << np.uint32(r)) | (x >> np.uint32(width - r))) & mask

    def f(x):
        return (rotl(x, 1) & rotl(x, 8)) ^ rotl(x, 2)

    for i in range(0, len(keys) - 1, 2):
        left = left ^ f(right) ^ np.uint32(keys[i])
        right = right ^ f(left) ^ np.uint32(keys[i + 1])
    return ((left << np.uint32(width)) | right).astype(np.int64)


def _index_shuffle(index: int, key: tuple[int, int, int], max_index: int, rounds: int) -> int:
    if max_index == 0:
        return 0
    bits = math.ceil(math.log2(max_index))  # as TF computes it (in double precision)
    block = max(bits + bits % 2, 16)
    width = min(block, 64) // 2
    keys = _simon_round_keys(key, rounds, width)
    if block == 16 and max_index < 1 << 13:
        # A small range walks many steps through the 2**16 blocks: walk a table instead.
        table = _simon_table(keys, width)
        index = int(table[index])
        while index > max_index:
            index = int(table[index])
        return index
    while True:
        index = _simon_encrypt(index, keys, width)
        if index <= max_index:
            return index


def random_index_shuffle(
    index: TensorLike,
    seed: TensorLike,
    max_index: TensorLike,
    rounds: int = 4,
    name: str | None = None,
) -> Tensor:
    """The position of ``index`` in a pseudorandom permutation of ``[0, max_index]``
    fixed by ``seed`` (shape [3], or [n, 3] for a vector of indices): TF's exact
    permutation, so ``index`` over the whole range gives each position once.

    >>> tf.random_index_shuffle(tf.range(10), [1, 2, 3], 9)
    <tf.Tensor: shape=(10,), dtype=int32, numpy=array([2, 0, 6, 4, 8, 1, 7, 9, 5, 3], dtype=int32)>
    """
    # index and max_index share one dtype, picked as TF's eager ops pick it.
    index, max_index = matching_tensors([index, max_index], _INDEX_TYPES)
    seed = convert_to_tensor(seed)
    for attr, tensor in (("dtype", index), ("Tseed", seed)):
        if tensor.dtype.name not in _INDEX_DTYPES:
            raise InvalidArgumentError(
                None, None,
                f"Value for attr '{attr}' of {tensor.dtype.name.replace('float32', 'float')} "
                "is not in the list of allowed values: int32, uint32, int64, uint64\n\t; "
                "NodeDef: {{node RandomIndexShuffle}}; Op<name=RandomIndexShuffle; "
                "signature=index:dtype, seed:Tseed, max_index:dtype -> output:dtype; "
                "attr=rounds:int,default=4; attr=dtype:type,allowed=[DT_INT32, DT_UINT32, "
                "DT_INT64, DT_UINT64]; attr=Tseed:type,allowed=[DT_INT32, DT_UINT32, DT_INT64, "
                "DT_UINT64]> [Op:RandomIndexShuffle]",
            )  # fmt: skip
    op = "RandomIndexShuffle"
    if max_index.dtype != index.dtype:
        raise _op_error(
            f"cannot compute {op} as input #2(zero-based) was expected to be a "
            f"{index.dtype.c_name} tensor but is a {max_index.dtype.c_name} tensor",
            op, None,
        )  # fmt: skip
    rounds = int(rounds)
    if not -(2**31) <= rounds < 2**31:
        raise _op_error(f"Attr rounds has value {rounds} out of range for an int32", op, None)
    indices = np.asarray(index._value)
    seeds = np.asarray(seed._value)
    limits = np.asarray(max_index._value)
    if indices.ndim > 1:
        raise _op_error("Index bust be a scalar or vector.", op, None)  # TF-TEXT
    if limits.ndim > 1:
        raise _op_error("max_index must be a scalar or vector.", op, None)
    if not (seeds.shape == (3,) or (seeds.ndim == 2 and seeds.shape[1] == 3)):
        raise _op_error(
            "Seed must be a vector of size [3] or a matrix of size [1, 3] but got "
            f"{_shape_text(seeds.shape)}.",
            op, None,
        )  # fmt: skip
    count = max(indices.size if indices.ndim else 1, limits.size if limits.ndim else 1,
                seeds.shape[0] if seeds.ndim == 2 else 1)  # fmt: skip
    for label, rows in (("index", indices.size if indices.ndim else 1),
                        ("seed", seeds.shape[0] if seeds.ndim == 2 else 1),
                        ("max_index", limits.size if limits.ndim else 1)):  # fmt: skip
        if rows not in (1, count):
            raise _op_error(
                f"The first dimension of {label} must match the first dimension of the other "
                "inputs (or be 1).",
                op, None,
            )  # fmt: skip
    flat_index = np.broadcast_to(indices.reshape(-1), (count,))
    flat_seed = np.broadcast_to(seeds.reshape(-1, 3), (count, 3))
    flat_max = np.broadcast_to(limits.reshape(-1), (count,))
    out = np.empty(count, dtype=indices.dtype)
    for i in range(count):
        at, top = int(flat_index[i]), int(flat_max[i])
        if at < 0:
            raise _op_error(f"index must be >= 0 but was {at}", op, None)
        if top < at:
            raise _op_error(f"max_index must be >= index, but {top} < {at}", op, None)
        key = tuple(int(k) & 0xFFFFFFFF for k in flat_seed[i])
        out[i] = _index_shuffle(at, key, top, int(rounds))  # type: ignore[arg-type]
    vector = indices.ndim or limits.ndim or seeds.ndim == 2
    return wrap(out if vector else out.reshape(()))
