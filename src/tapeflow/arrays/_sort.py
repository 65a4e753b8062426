"""Sorting and searching: sort, argsort, top_k, unique, searchsorted."""

from __future__ import annotations

import collections
from typing import Literal

import numpy as np

from .. import dtypes as _dt
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import DTypeLike, TensorLike
from ..ops import index as _ix
from ..ops import shape as _shape
from ._common import _attr_error, _builtin_range, _error, _scalar_int

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])
Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def _descending_order(values: np.ndarray) -> np.ndarray:
    """Stable descending order along the last axis: ties keep index order, NaN first."""
    n = values.shape[-1]
    return n - 1 - np.argsort(values[..., ::-1], axis=-1, kind="stable")[..., ::-1]


def _take_last(x: Tensor, order: np.ndarray) -> Tensor:
    """x's entries at ``order`` along the last axis: a gather, so the gradient is routed back."""
    batch = x.ndim - 1
    return _ix.gather(x, indices=order, axis=batch, batch_dims=batch, lead=0)


def _sort_axis(x: Tensor, axis) -> int:
    if isinstance(axis, (str, bytes)):  # TF takes int() of the constant: b"0" is axis 0
        axis = int(axis.encode() if isinstance(axis, str) else axis)
    elif isinstance(axis, float):  # a float32 constant, then int(): 0.7 is axis 0
        axis = int(np.float32(axis))
    axis = _scalar_int(axis)
    ndim = x.ndim
    if not -ndim <= axis < ndim:
        shown = axis + ndim if axis < 0 else axis
        raise _error(f"slice index {shown} of dimension 0 out of bounds.", "StridedSlice",
                     "strided_slice/")  # fmt: skip
    return axis % ndim


def _check_direction(direction) -> None:
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("Argument `direction` should be one of ASCENDING, DESCENDING. "
                         f"Received: direction={direction}")  # fmt: skip


def _order(value: np.ndarray, direction: str) -> np.ndarray:
    if value.dtype.kind == "b":
        raise _attr_error("T", value.dtype, "bfloat16, half, float, double, int8, int16, int32, "
                          "int64, complex64, complex128", "Neg")  # fmt: skip
    if direction == "ASCENDING":
        return np.argsort(value, axis=-1, kind="stable")
    return _descending_order(value)


def _last_axis_perm(ndim: int, axis: int) -> tuple:
    perm = list(_builtin_range(ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return tuple(perm)


@_reads_values(floats=True)
def sort(
    values: TensorLike, axis: int = -1, direction: str = "ASCENDING", name: str | None = None
) -> Tensor:
    """Sorted values along ``axis``; ties keep their order. Gradient: routed back by position.

    >>> tf.sort(tf.constant([3, 1, 2]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
    >>> tf.sort(tf.constant([3, 1, 2]), direction="DESCENDING")
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 2, 1], dtype=int32)>
    """
    _check_direction(direction)
    x = as_tensor(values)
    axis = _sort_axis(x, axis)
    if axis == x.ndim - 1:
        return _take_last(x, _order(x._value, direction))
    perm = _last_axis_perm(x.ndim, axis)  # a swap: its own inverse
    moved = _shape.transpose(x, perm=perm)
    return _shape.transpose(_take_last(moved, _order(moved._value, direction)), perm=perm)


@_reads_values(floats=True)
def argsort(
    values: TensorLike,
    axis: int = -1,
    direction: str = "ASCENDING",
    stable: bool = False,
    name: str | None = None,
) -> Tensor:
    """int32 positions that sort ``values`` along ``axis`` (always stable). No gradient.

    >>> tf.argsort(tf.constant([3.0, 1.0, 2.0]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 0], dtype=int32)>
    """
    _check_direction(direction)
    x = as_tensor(values)
    axis = _sort_axis(x, axis)
    moved = np.swapaxes(x._value, axis, -1)
    order = np.swapaxes(_order(moved, direction), axis, -1)
    return wrap(np.ascontiguousarray(order.astype(np.int32)))


@_reads_values(floats=True)
def top_k(
    input: TensorLike,
    k: TensorLike = 1,
    sorted: bool = True,
    index_type: DTypeLike = _dt.int32,
    name: str | None = None,
) -> TopKV2:  # noqa: A002
    """The ``k`` largest entries along the last axis and their positions (``tf.math.top_k``).

    Ties go to the lower index, and so does the gradient (only the selected
    entries receive it). With ``sorted=False`` the k entries come in index order.

    >>> result = tf.math.top_k(tf.constant([1.0, 7.0, 3.0, 9.0]), k=2)
    >>> result.values
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([9., 7.], dtype=float32)>
    >>> result.indices
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 1], dtype=int32)>
    """
    x = as_tensor(input)
    if isinstance(k, (int, np.integer)):  # TF's k is an int32 tensor: 2**32 + 1 is 1
        k = convert_to_tensor(k, dtype=_dt.int32)
    k = _scalar_int(k, "k")
    if not x.ndim:
        raise _error("input must be >= 1-D, got shape []", "TopKV2", "")
    if k < 0:
        raise _error(f"Need k >= 0, got {k}", "TopKV2", "")
    n = x._value.shape[-1]
    if k > n:
        raise _error(f"input must have at least k columns. Had {n}, needed {k}", "TopKV2", "")
    order = _descending_order(x._value)[..., :k]
    if sorted is not None and not sorted:  # None: the op's default, sorted
        order = np.sort(order, axis=-1)
    values = _take_last(x, order)
    return TopKV2(
        values,
        wrap(
            order.astype(
                _dt.as_dtype(
                    _dt.int32 if index_type is None else index_type
                ).as_numpy_dtype_instance
            )
        ),
    )


def _unique_input(x, op: str) -> Tensor:
    x = as_tensor(x)
    if x.ndim != 1:
        raise _error("unique expects a 1D vector.", op, "")
    return x


def unique(x: TensorLike, out_idx: DTypeLike = _dt.int32, name: str | None = None) -> Unique:
    """Distinct values in order of first appearance, and each entry's position among them.

    TensorFlow registers no gradient for Unique: differentiating through ``y``
    raises ``LookupError``, as it does in TensorFlow.

    >>> y, idx = tf.unique(tf.constant([4, 2, 4, 1, 2]))
    >>> y
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([4, 2, 1], dtype=int32)>
    >>> idx
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 1, 0, 2, 1], dtype=int32)>
    """
    x = _unique_input(x, "Unique")
    y, idx, _ = _ix.unique(
        x, out_idx=_dt.as_dtype(_dt.int32 if out_idx is None else out_idx).as_numpy_dtype_instance
    )
    return Unique(y, idx)


def unique_with_counts(
    x: TensorLike, out_idx: DTypeLike = _dt.int32, name: str | None = None
) -> UniqueWithCounts:
    """``unique`` plus how often each distinct value occurs.

    >>> y, idx, count = tf.unique_with_counts(tf.constant([4, 2, 4, 4]))
    >>> y
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 2], dtype=int32)>
    >>> count
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 1], dtype=int32)>
    """
    x = _unique_input(x, "UniqueWithCounts")
    y, idx, count = _ix.unique_with_counts(
        x, out_idx=_dt.as_dtype(_dt.int32 if out_idx is None else out_idx).as_numpy_dtype_instance
    )
    return UniqueWithCounts(y, idx, count)


def _search_rows(sequence: np.ndarray, values: np.ndarray, side: str) -> np.ndarray:
    """C++'s ``std::lower_bound`` / ``upper_bound`` (TF's kernels) for every value at once.

    The same halving steps as the C++ loop, so an unsorted row or a NaN lands where
    TF's does (NumPy's search sorts NaN last and remembers the previous key).
    """
    rows, n = sequence.shape
    first = np.zeros(values.shape, dtype=np.int64)
    length = np.full(values.shape, n, dtype=np.int64)
    row = np.arange(rows)[:, None]
    while n and length.any():
        half = length >> 1
        middle = first + half
        probe = sequence[row, np.minimum(middle, n - 1)]
        with np.errstate(invalid="ignore"):
            right = probe < values if side == "left" else ~(values < probe)
        right &= length > 0
        first = np.where(right, middle + 1, first)
        length = np.where(right, length - half - 1, half)
    return first


def _rows(array: np.ndarray) -> np.ndarray:
    """``reshape(array, [-1, last])`` as TF's Reshape infers the -1: with a last axis of 0,
    from the other axes' non-zero sizes."""
    last = array.shape[-1]
    leading = array.shape[:-1]
    count = int(np.prod(leading)) if last else int(np.prod([d for d in leading if d]))
    return array.reshape(count, last)


@_reads_values(floats=True)
def searchsorted(
    sorted_sequence: TensorLike,
    values: TensorLike,
    side: Literal["left", "right"] = "left",
    out_type: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """Insertion points of ``values`` in each row of ``sorted_sequence``. No gradient.

    >>> tf.searchsorted(tf.constant([1, 3, 5, 7]), tf.constant([0, 4, 7]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([0, 2, 3], dtype=int32)>
    """
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = "
                         f"'{side}'.")  # fmt: skip
    op = "LowerBound" if side == "left" else "UpperBound"
    sequence, vals = as_tensor(sorted_sequence), as_tensor(values)
    if not sequence.ndim or not vals.ndim:
        raise _error("slice index -1 of dimension 0 out of bounds.", "StridedSlice",
                     "strided_slice/")  # fmt: skip
    if vals.dtype != sequence.dtype:
        raise _error(f"cannot compute {op} as input #1(zero-based) was expected to be a "
                     f"{sequence.dtype.c_name} tensor but is a {vals.dtype.c_name} tensor", op,
                     "")  # fmt: skip
    s, v = _rows(sequence._value), _rows(vals._value)
    if s.shape[0] != v.shape[0]:
        raise _error("Leading dim_size of both tensors must match.", op, "")
    found = _search_rows(s, v, side)
    dtype = _dt.as_dtype(_dt.int32 if out_type is None else out_type).as_numpy_dtype_instance
    return wrap(found.astype(dtype).reshape(vals._value.shape))
