"""tf.math.sobol_sample: TensorFlow's Sobol points, bit for bit.

The direction numbers are data (``_sobol_data.py``, written from TensorFlow's own
samples by tests/golden/make_sobol_data.py and loaded on the first call): the first
1111 dimensions, Joe and Kuo's table up to degree-13 polynomials. TensorFlow has
21200; a larger ``dim`` raises UnimplementedError.

Points follow TF's kernel: integers of ``d`` binary digits (``d`` the digit count of
``skip + num_results + 1``) in 32-bit two's complement, updated along the Gray code,
then scaled by ``1 / (1 << d)`` computed in 32 bits (negative at d = 31, as TF's is).
"""

from __future__ import annotations

import math

import numpy as np

from .. import dtypes as _dt
from .._tensor import Tensor, wrap
from .._types import DTypeLike, TensorLike
from ..errors import InvalidArgumentError, UnimplementedError, _op_error
from ._more import _typed_inputs

TF_MAX_DIM = 21200
_BITS = 31
_table: np.ndarray | None = None


def _directions() -> np.ndarray:
    """m[d, k], k = 0..30: dimension d's direction integers (Joe and Kuo's recurrence).

    Built on the first call, column by column for all dimensions at once: a loop per
    dimension took a third of a second under a memory tracer, long enough for a caller's
    time limit to interrupt it over and over (it is cached only once complete).
    """
    global _table
    if _table is None:
        from ._sobol_data import DIMS, DIRECTIONS

        rows = [[int(v) for v in line.split()] for line in DIRECTIONS.strip().splitlines()]
        # The first dimension is no recurrence's: a degree past the last column keeps it.
        degree = np.array([_BITS] + [row[0] for row in rows], dtype=np.int64)
        inner = np.array([0] + [row[1] for row in rows], dtype=np.int64)
        table = np.ones((DIMS, _BITS), dtype=np.int64)  # the first dimension: every m_k = 1
        for d, row in enumerate(rows, 1):
            table[d, : row[0]] = row[2:]
        for k in range(1, _BITS):
            # Only the dimensions whose initial integers end before column k follow the
            # recurrence there; the others keep their stored m_k.
            grow = degree <= k
            s = degree[grow]
            past = table[grow]
            picks = np.arange(past.shape[0])
            value = past[picks, k - s] ^ (past[picks, k - s] << s)
            for i in range(1, int(s.max(initial=1))):
                use = (i < s) & (((inner[grow] >> (i - 1)) & 1) == 1)
                value ^= np.where(use, past[picks, k - i] << i, 0)
            table[grow, k] = value
        _table = table
    return _table


def _int32(values: np.ndarray) -> np.ndarray:
    return (values & 0xFFFFFFFF).astype(np.uint32).view(np.int32)


def _scalar(tensor: Tensor, what: str) -> int:
    array = np.asarray(tensor._value)
    if array.ndim:
        raise _op_error(f"{what} must be a scalar", "SobolSample")
    return int(array)


def sobol_sample(
    dim: TensorLike,
    num_results: TensorLike,
    skip: TensorLike = 0,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
) -> Tensor:
    """``num_results`` points of the ``dim``-dimensional Sobol sequence, after skipping
    ``skip`` points: TensorFlow's exact values, shape ``[num_results, dim]``.

    Supports ``dim`` up to 1111 (TensorFlow: 21200).

    >>> tf.math.sobol_sample(2, 4)
    <tf.Tensor: shape=(4, 2), dtype=float32, numpy=
    array([[0.5  , 0.5  ],
           [0.75 , 0.25 ],
           [0.25 , 0.75 ],
           [0.375, 0.375]], dtype=float32)>
    """
    dtype = _dt.float32 if dtype is None else _dt.as_dtype(dtype)  # None: the attr's default
    if dtype not in (_dt.float32, _dt.float64):
        raise InvalidArgumentError(
            None, None,
            f"Value for attr 'dtype' of {dtype.c_name} is not in the list of allowed values: "
            "float, double\n\t; NodeDef: {{node SobolSample}}; Op<name=SobolSample; "
            "signature=dim:int32, num_results:int32, skip:int32 -> samples:dtype; "
            "attr=dtype:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE]> "
            "[Op:SobolSample] name: ",
        )  # fmt: skip
    inputs = _typed_inputs((dim, num_results, skip), _dt.int32, "SobolSample")
    dim, count, skip = (
        _scalar(inputs[0], "dim"),
        _scalar(inputs[1], "num_results"),
        _scalar(inputs[2], "skip"),
    )
    if dim < 1:
        raise _op_error("dim must be at least one", "SobolSample")
    if dim > TF_MAX_DIM:
        raise _op_error(f"dim must be at most {TF_MAX_DIM}", "SobolSample")
    if count < 1:
        raise _op_error("num_results must be at least one", "SobolSample")
    if skip < 0:
        raise _op_error("skip must be non-negative", "SobolSample")
    if count >= 2**31 - 1 - skip:
        raise _op_error(f"num_results+skip must be less than {2**31 - 1}", "SobolSample")
    table = _directions()
    if dim > table.shape[0]:
        raise UnimplementedError(
            None, None,
            f"tapeflow's sobol_sample has direction numbers for dim <= {table.shape[0]} "
            f"(TensorFlow's go to {TF_MAX_DIM}); got dim = {dim} [Op:SobolSample]",
        )  # fmt: skip
    digits = int(math.log2(skip + count + 1) + 1)  # TF's NumBinaryDigits
    shifts = np.arange(digits - 1, -1, -1, dtype=np.int64)
    directions = _int32(table[:dim, :digits] << shifts)  # [dim, digits]
    # The first point: XOR of the directions at the set bits of its Gray code.
    position = skip + 1
    gray = position ^ (position >> 1)
    first = np.zeros(dim, dtype=np.int32)
    for k in range(digits):
        if (gray >> k) & 1:
            first ^= directions[:, k]
    # Each next point flips the direction at the rightmost zero bit of (i + skip).
    steps = np.arange(skip + 1, skip + count, dtype=np.int64)
    flips = np.zeros(steps.shape, dtype=np.int64)
    rest = steps.copy()
    while True:
        ones = (rest & 1).astype(bool)
        if not ones.any():
            break
        flips += ones
        rest = np.where(ones, rest >> 1, 0)
    rows = np.concatenate([first[None, :], directions[:, flips].T], axis=0)
    points = np.bitwise_xor.accumulate(rows, axis=0)
    scale = 1.0 / int(_int32(np.array([1 << digits], dtype=np.int64))[0])
    np_dtype = dtype.as_numpy_dtype
    return wrap(points.astype(np_dtype) * np_dtype(scale))
