"""Slicing, gathering, scattering, boolean masks and ``where``."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._dispatch import reads_values as _reads_values
from .._limits import check_allocation
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import AxisLike, ShapeLike, TensorLike
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import index as _ix
from ._common import (
    _INDEX_DTYPES,
    _attr_error,
    _builtin_range,
    _builtin_slice,
    _error,
    _int_array,
    _int_tuple,
    _scalar_int,
)


@_reads_values
def slice(
    input_: TensorLike, begin: TensorLike, size: TensorLike, name: str | None = None
) -> Tensor:  # noqa: A001
    """The block starting at ``begin`` of extent ``size`` (-1: to the end). Gradient: a pad.

    >>> print(tf.slice(tf.constant([[1, 2, 3], [4, 5, 6]]), begin=[0, 1], size=[2, 2]))
    tf.Tensor(
    [[2 3]
     [5 6]], shape=(2, 2), dtype=int32)
    """
    x = as_tensor(input_)
    starts = _int_array(begin, "Index", "Slice").ravel()
    sizes = _int_array(size, "Index", "Slice").ravel()
    dims = x._value.shape
    if len(starts) != len(dims) or len(sizes) != len(dims):
        raise _error(f"Expected begin and size arguments to be 1-D tensors of size {len(dims)}, "
                     f"but got shapes [{len(starts)}] and [{len(sizes)}] instead.",
                     "Slice")  # fmt: skip
    index = []
    for i, (b, s, n) in enumerate(zip(starts.tolist(), sizes.tolist(), dims)):
        if not 0 <= b <= n:
            raise _error(f"Expected begin[{i}] in [0, {n}], but got {b}", "Slice")
        if s == -1:
            s = n - b
        if not 0 <= s <= n - b:
            raise _error(f"Expected size[{i}] in [0, {n - b}], but got {s}", "Slice")
        index.append(_builtin_slice(b, b + s))
    return _ix.getitem(x, index=tuple(index))


def strided_slice(
    input_: TensorLike,
    begin: TensorLike,
    end: TensorLike,
    strides: int | Sequence[int] | None = None,
    begin_mask: int = 0,
    end_mask: int = 0,
    ellipsis_mask: int = 0,
    new_axis_mask: int = 0,
    shrink_axis_mask: int = 0,
    var: Any = None,
    name: str | None = None,
) -> Tensor:
    """``x[begin:end:strides]`` spelled out, with TensorFlow's bit masks.

    >>> tf.strided_slice(tf.constant([0, 1, 2, 3, 4, 5]), begin=[1], end=[6], strides=[2])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 3, 5], dtype=int32)>
    """
    x = as_tensor(input_)
    starts = _int_array(begin, "Index", "StridedSlice").ravel().tolist()
    stops = _int_array(end, "Index", "StridedSlice").ravel().tolist()
    steps = [1] * len(starts) if strides is None else \
        _int_array(strides, "Index", "StridedSlice").ravel().tolist()  # fmt: skip
    if not len(starts) == len(stops) == len(steps):
        raise _error(f"Expected begin, end, and strides to be 1D equal size tensors, but got "
                     f"shapes [{len(starts)}], [{len(stops)}], and [{len(steps)}] instead.",
                     "StridedSlice")  # fmt: skip
    key: list = []
    for i, (b, e, s) in enumerate(zip(starts, stops, steps)):
        bit = 1 << i
        if ellipsis_mask & bit:
            key.append(Ellipsis)
        elif new_axis_mask & bit:
            key.append(None)
        elif shrink_axis_mask & bit:
            key.append(b)
        else:
            key.append(_builtin_slice(None if begin_mask & bit else b,
                                      None if end_mask & bit else e, s))  # fmt: skip
    return _ix.getitem(x, index=_ix.normalize_index(x._value.shape, tuple(key), suffix=""))


@_reads_values
def boolean_mask(
    tensor: TensorLike, mask: TensorLike, axis: AxisLike = None, name: str | None = "boolean_mask"
) -> Tensor:
    """The entries (or slices from ``axis`` on) where ``mask`` is true, flattened over the mask.

    >>> tf.boolean_mask(tf.constant([1, 2, 3, 4]), tf.constant([True, False, True, False]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 3], dtype=int32)>
    """
    x = as_tensor(tensor)
    axis = 0 if axis is None else _scalar_int(axis)
    return _ix.getitem(x, index=_ix.mask_index(x._value.shape, mask, axis))


def _index_array(indices, op: str) -> np.ndarray:
    index = _int_array(indices, "Tindices", op, _INDEX_DTYPES)
    if index.ndim == 0 and op.startswith("TensorScatter"):
        raise _error(f"Indices shape must have rank at least one. Found:{_shape_text(())}", op)
    return index


def _fits_int32(index: np.ndarray) -> bool:
    return not index.size or (index.min() >= -(2**31) and index.max() < 2**31)


def _position_text(flat: int, shape) -> str:
    return ",".join(str(int(i)) for i in np.unravel_index(flat, shape)) if shape else ""


@_reads_values
def gather(
    params: TensorLike,
    indices: TensorLike,
    validate_indices: bool | None = None,
    axis: AxisLike = None,
    batch_dims: int | None = 0,
    name: str | None = None,
) -> Tensor:
    """Slices of ``params`` at ``indices`` along ``axis`` (with ``batch_dims`` leading batch axes).

    With ``axis`` 0 (as written) and no ``batch_dims`` the gradient with respect
    to ``params`` is an ``IndexedSlices``, as in TensorFlow: the cotangents of the
    gathered rows, not the dense table (``tf.convert_to_tensor`` densifies it,
    repeated indices adding up). Other axes give a dense gradient.

    >>> import tapeflow as tf
    >>> x = tf.constant([1.0, 2.0, 3.0])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.gather(x, [2, 0, 2])
    >>> g = tape.gradient(y, x)
    >>> print(y), print(g.indices), print(tf.convert_to_tensor(g))
    tf.Tensor([3. 1. 3.], shape=(3,), dtype=float32)
    tf.Tensor([2 0 2], shape=(3,), dtype=int32)
    tf.Tensor([1. 0. 2.], shape=(3,), dtype=float32)
    (None, None, None)
    """
    if batch_dims is None:  # TF reads None as no batch axes
        batch_dims = 0
    x = as_tensor(params)
    index = _index_array(indices, "GatherV2")
    if index.dtype == np.int64 and isinstance(indices, (list, tuple)) and _fits_int32(index):
        index = index.astype(np.int32)  # TF's int32 for Python ints: its sparse gradient shows it
    if axis is not None:
        _int_array(axis, "Taxis", "GatherV2")
    if axis is None and isinstance(batch_dims, (bool, np.bool_)):
        # TF passes batch_dims on as the axis tensor, which must be an integer
        raise _attr_error("Taxis", np.bool_, "int32, int64", "GatherV2")
    batch_dims = _scalar_int(batch_dims, bools=False)
    axis = batch_dims if axis is None else _scalar_int(axis, bools=False)
    if axis == 0:
        batch_dims = 0  # as TensorFlow's tf.gather: an explicit axis 0 drops batch_dims
    # TensorFlow's gradient is an IndexedSlices for axis 0 as written (-ndim is dense).
    sparse = axis == 0
    ndim = x.ndim
    if not ndim:
        raise _error("params must be at least 1 dimensional", "GatherV2")
    if not -ndim <= axis < ndim:
        raise _error(f"Shape must be at least rank {builtins.max(axis + 1, -axis)} but is rank "
                     f"{ndim}", "GatherV2")  # fmt: skip
    axis %= ndim
    if not -index.ndim <= batch_dims <= index.ndim:
        raise _error(f"Expected batch_dims in the range [{-index.ndim}, {index.ndim}], but got "
                     f"{batch_dims}", "GatherV2")  # fmt: skip
    if batch_dims < 0:
        batch_dims += index.ndim
    if batch_dims > axis:
        raise _error(f"batch_dims ({batch_dims}) must be less than or equal to axis ({axis}).",
                     "GatherV2")  # fmt: skip
    for d in _builtin_range(batch_dims):
        if x._value.shape[d] != index.shape[d]:
            raise _error(f"params.shape[{d}]: {x._value.shape[d]} should be equal to "
                         f"indices.shape[{d}]: {index.shape[d]}", "GatherV2")  # fmt: skip
    limit = x._value.shape[axis]
    shape = x._value.shape
    out_shape = shape[:axis] + index.shape[batch_dims:] + shape[axis + 1 :]
    if not int(np.prod(out_shape)):  # TF's kernel reads no index for an empty result
        if not limit and index.size:
            return wrap(np.zeros(out_shape, x._value.dtype))
        # No indices into an empty axis still records: TF's gradient is an empty one.
        index = np.clip(index, 0, builtins.max(limit - 1, 0))
    bad = np.flatnonzero((index < 0) | (index >= limit))
    if bad.size:
        where_ = _position_text(bad[0], index.shape)
        raise _error(f"indices[{where_}] = {index.ravel()[bad[0]]} is not in [0, {limit})",
                     "GatherV2")  # fmt: skip
    if sparse:
        return _ix.gather(x, indices=index, axis=0, batch_dims=0, lead=0, sparse=True)
    return _ix.gather(x, indices=index, axis=axis, batch_dims=batch_dims, lead=0)


def _check_nd_indices(index: np.ndarray, dims: tuple, batch_dims: int, text: str, op: str):
    """Every index tuple must lie inside ``dims``; TF's message names the last that does not
    (its kernel's loop keeps overwriting the bad position)."""
    if not index.size:
        return
    rows = index.reshape(-1, index.shape[-1])
    bad = np.flatnonzero(np.any((rows < 0) | (rows >= np.asarray(dims, dtype=np.int64)), axis=1))
    if bad.size:
        batch = np.unravel_index(int(bad[-1]), index.shape[:-1])[:batch_dims]
        # TF's batched kernel sees the batch axes flattened into one.
        seen = (
            index.shape[:-1]
            if not batch_dims
            else ((_prod(index.shape[:batch_dims]),) + index.shape[batch_dims:-1])
        )
        where_ = np.unravel_index(int(bad[-1]), seen)
        shown = [int(i) for i in batch] + [int(v) for v in rows[bad[-1]]]
        at = f"[{','.join(str(int(i)) for i in where_)}]" if where_ else ""
        raise _error(
            f"indices{at} = "
            f"[{', '.join(str(v) for v in shown)}] does not index into {text}",
            op, "" if batch_dims else None,
        )  # fmt: skip


def _prod(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


@_reads_values
def gather_nd(
    params: TensorLike, indices: TensorLike, batch_dims: int = 0, name: str | None = None
) -> Tensor:
    """Slices of ``params`` at the index tuples in the last axis of ``indices``.

    >>> tf.gather_nd(tf.constant([[1, 2], [3, 4]]), indices=[[0, 1], [1, 0]])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    x = as_tensor(params)
    index = _index_array(indices, "GatherNd")
    batch_dims = int(batch_dims)  # type: ignore[call-overload]  # as TF: int(1.5), int("1")
    shape_ = x._value.shape
    if batch_dims:
        # TF's batched gather_nd is Python around the plain kernel: these checks, then a
        # reshape of the indices to the params' batch size, then the kernel on indices
        # that carry the batch coordinates in front (its messages count those too).
        if batch_dims < 0:
            raise ValueError("tf.gather_nd does not allow negative batch_dims.")
        for what, rank in (("indices", index.ndim), ("params", x.ndim)):
            if batch_dims >= rank:
                raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than "
                                 f"rank(`{what}`) = {rank}")  # fmt: skip
        wanted = _prod(shape_[:batch_dims]) * _prod(index.shape[batch_dims:])
        if index.size != wanted:
            raise _error(f"Input to reshape is a tensor with {index.size} values, but the "
                         f"requested shape has {wanted}", "Reshape", "")  # fmt: skip
        index = index.reshape(shape_[:batch_dims] + index.shape[batch_dims:])
    elif not x.ndim:
        raise _error("params must be at least a vector", "GatherNd")
    elif not index.ndim:
        raise _error("indices must be at least a vector", "GatherNd", "")
    depth = index.shape[-1]
    if batch_dims + depth > x.ndim:
        raise _error(f"index innermost dimension length must be <= params rank; saw: "
                     f"{batch_dims + depth} vs. {x.ndim}", "GatherNd")  # fmt: skip
    if not x._value.size and _prod(index.shape[:-1]):
        raise _error(f"Requested more than 0 entries, but params is empty.  Params shape: "
                     f"{_shape_text(shape_)}", "GatherNd", "" if batch_dims else None)  # fmt: skip
    _check_nd_indices(index, shape_[batch_dims : batch_dims + depth], batch_dims,
                      f"param shape {_shape_text(shape_)}, node name: GatherNd", "GatherNd")  # fmt: skip
    # TF's gradient is an IndexedSlices when the kernel's indices are one column of rows:
    # (n, 1) indices, or whole batch rows picked by (n, 0) indices under one batch axis.
    if index.ndim == 2 and batch_dims + depth == 1:
        rows = index[:, 0] if depth else np.arange(shape_[0], dtype=index.dtype)
        return _ix.gather(x, indices=rows, axis=0, batch_dims=0, lead=0, sparse=True)
    return _ix.gather_nd(x, indices=index, batch_dims=batch_dims, lead=0)


def _check_scatter(index, updates_shape, shape_, op: str) -> None:
    depth = index.shape[-1]
    outer = index.ndim - 1
    if op == "ScatterNd":
        if tuple(updates_shape[:outer]) != tuple(index.shape[:outer]):
            raise _error(f"Dimensions [0,{outer}) of indices[shape={_shape_text(index.shape)}] "
                         f"must match dimensions [0,{outer}) of updates[shape="
                         f"{_shape_text(updates_shape)}]", op)  # fmt: skip
        if depth > len(shape_) or tuple(shape_[depth:]) != tuple(updates_shape[outer:]):
            raise _error(f"Dimensions [{depth},{len(shape_)}) of input[shape={_shape_text(shape_)}]"
                         f" must match dimensions [{outer},{len(updates_shape)}) of updates[shape="
                         f"{_shape_text(updates_shape)}]", op)  # fmt: skip
    else:
        if tuple(updates_shape[:outer]) != tuple(index.shape[:outer]):
            raise _error(f"Outer dimensions of indices and update must match. Indices shape: "
                         f"{_shape_text(index.shape)}, updates shape:{_shape_text(updates_shape)}",
                         op)  # fmt: skip
        inner = len(shape_) - depth
        if depth > len(shape_) or tuple(shape_[depth:]) != tuple(updates_shape[outer:]):
            raise _error(f"The inner {inner} dimensions of output.shape={_shape_text(shape_)} must "
                         f"match the inner {inner} dimensions of updates.shape="
                         f"{_shape_text(updates_shape)}", op)  # fmt: skip
    _check_nd_indices(index, shape_[:depth], 0, f"shape {_shape_text(shape_)}", op)


@_reads_values
def scatter_nd(
    indices: TensorLike, updates: TensorLike, shape: ShapeLike, name: str | None = None
) -> Tensor:
    """Zeros of ``shape`` with ``updates`` added at the index tuples (repeats add up).

    >>> tf.scatter_nd(indices=[[1], [3]], updates=tf.constant([9, 8]), shape=[5])
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([0, 9, 0, 8, 0], dtype=int32)>
    """
    u = as_tensor(updates)
    index = _index_array(indices, "ScatterNd")
    dims = _int_tuple(shape, "Tindices", "ScatterNd")
    _check_scatter(index, u._value.shape, dims, "ScatterNd")
    check_allocation(dims, u._value.dtype, "ScatterNd")
    return _ix.scatter_nd(u, indices=index, shape=dims, batch_dims=0, lead=0)


def _scatter_operands(tensor, indices, updates, op: str):
    t = as_tensor(tensor)
    u = as_tensor(updates) if isinstance(updates, Tensor) else convert_to_tensor(updates, t.dtype)
    if u.dtype != t.dtype:
        raise _error(f"cannot compute {op} as input #2(zero-based) was expected to be a "
                     f"{t.dtype.c_name} tensor but is a {u.dtype.c_name} tensor", op)  # fmt: skip
    index = _index_array(indices, op)
    _check_scatter(index, u._value.shape, t._value.shape, op)
    return t, index, u


@_reads_values
def tensor_scatter_nd_update(
    tensor: TensorLike, indices: TensorLike, updates: TensorLike, name: str | None = None
) -> Tensor:
    """``tensor`` with the slices at ``indices`` replaced by ``updates`` (the last repeat wins).

    Gradient: ``tensor`` gets g with zeros at the updated slices, ``updates``
    gets ``gather_nd(g, indices)`` (every repeat, as in TensorFlow).

    >>> tf.tensor_scatter_nd_update(tf.constant([1, 2, 3]), indices=[[0], [2]], updates=[7, 9])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([7, 2, 9], dtype=int32)>
    """
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterUpdate")
    return _ix.scatter_nd_update(t, u, indices=index, lead=0)


@_reads_values
def tensor_scatter_nd_add(
    tensor: TensorLike, indices: TensorLike, updates: TensorLike, name: str | None = None
) -> Tensor:
    """``tensor`` plus ``updates`` added at ``indices`` (repeats add up).

    >>> tf.tensor_scatter_nd_add(tf.constant([1, 2, 3]), indices=[[0], [0]], updates=[10, 5])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([16,  2,  3], dtype=int32)>
    """
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterAdd")
    shape_ = t._value.shape
    return _el.add(t, _ix.scatter_nd(u, indices=index, shape=shape_, batch_dims=0, lead=0))


@_reads_values
def tensor_scatter_nd_sub(
    tensor: TensorLike, indices: TensorLike, updates: TensorLike, name: str | None = None
) -> Tensor:
    """``tensor`` minus ``updates`` subtracted at ``indices`` (repeats add up).

    >>> tf.tensor_scatter_nd_sub(tf.constant([1, 2, 3]), indices=[[1]], updates=[2])
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 0, 3], dtype=int32)>
    """
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterSub")
    shape_ = t._value.shape
    return _el.subtract(t, _ix.scatter_nd(u, indices=index, shape=shape_, batch_dims=0, lead=0))


# --------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------
@_reads_values
def where(
    condition: TensorLike, x: TensorLike = None, y: TensorLike = None, name: str | None = None
) -> Tensor:
    """Select from ``x`` where ``condition`` holds, else from ``y`` (broadcasting).

    With only ``condition``, the int64 coordinates of its true elements.
    Both branches receive a gradient (zero where unused), so a NaN in the
    unused branch's gradient still shows: sanitize its input first.

    >>> tf.where(tf.constant([True, False, True]), tf.constant([1, 2, 3]), tf.constant([-1, -2, -3]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([ 1, -2,  3], dtype=int32)>
    >>> print(tf.where(tf.constant([[True, False], [False, True]])))
    tf.Tensor(
    [[0 0]
     [1 1]], shape=(2, 2), dtype=int64)
    """
    condition = as_tensor(condition)
    if x is None and y is None:
        return wrap(np.argwhere(condition._value).astype(np.int64))
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    if x.__class__ is not Tensor and y.__class__ is Tensor:
        x = convert_to_tensor(x, dtype=y.dtype)
    x = as_tensor(x)
    y = as_tensor(y) if y.__class__ is Tensor else convert_to_tensor(y, dtype=x.dtype)
    return _el.where(condition, x, y)
