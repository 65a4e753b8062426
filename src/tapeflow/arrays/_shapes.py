"""Identity, shape queries, broadcasting shapes, reshaping, transposing, squeezing."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values as _reads_values
from .._limits import check_allocation
from .._matching import matching_tensors
from .._tensor import Tensor, TensorShape, as_tensor, wrap
from .._types import AxisLike, DTypeLike, ShapeLike, TensorLike
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import shape as _shape
from ..ops.sparse import IndexedSlices
from ._common import (
    _attr_error,
    _builtin_range,
    _error,
    _int_array,
    _int_tuple,
    _make_int,
    _scalar_int,
)


def identity(input: TensorLike, name: str | None = None) -> Any:
    """A new tensor with the same value; the gradient passes through unchanged.

    Inside a ``tf.device`` block it is a copy to that device (GPU: CuPy).

    >>> tf.identity(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """
    if isinstance(input, IndexedSlices):  # TensorFlow keeps it sparse
        return IndexedSlices(identity(input.values), input.indices, input.dense_shape)
    x = as_tensor(input)
    target = _backend.scope_device_type()
    if target is not None and target != _backend.device_type(x._value):
        if target == "CPU" or _backend.gpu_library() is not None:
            from ..ops.device import copy_to_device

            return copy_to_device(x, device_type=target)
    return _el.identity(x)


def stop_gradient(input: TensorLike, name: str | None = None) -> Tensor:
    """The same value, but no gradient flows through it, in either mode.

    >>> import tapeflow as tf
    >>> a = tf.constant(2.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(a)
    ...     y = a * tf.stop_gradient(3 * a)
    >>> float(tape.gradient(y, a))
    6.0
    """
    return _el.stop_gradient(as_tensor(input))


def shape(input: TensorLike, out_type: DTypeLike = _dt.int32, name: str | None = None) -> Tensor:
    """The shape of ``input`` as an int32 (or ``out_type``) tensor.

    >>> tf.shape(tf.zeros([2, 3]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    dtype = shape_out_type(out_type, "Shape")
    return wrap(np.asarray(as_tensor(input)._value.shape, dtype=dtype.as_numpy_dtype_instance))


def shape_out_type(out_type: DTypeLike, op: str) -> _dt.DType:
    """The dtype of a Shape or ShapeN result: int32 (None) or int64, as the kernels allow.

    >>> shape_out_type(None, "Shape")
    tf.int32
    """
    dtype = _dt.as_dtype(_dt.int32 if out_type is None else out_type)
    if dtype not in (_dt.int32, _dt.int64):
        raise _attr_error("out_type", dtype.as_numpy_dtype_instance, "int32, int64", op)
    return dtype


def rank(input: TensorLike, name: str | None = None) -> Tensor:
    """The number of dimensions of ``input``, as an int32 scalar.

    >>> tf.rank(tf.zeros([2, 3]))
    <tf.Tensor: shape=(), dtype=int32, numpy=2>
    """
    return wrap(np.int32(as_tensor(input)._value.ndim))


def size(input: TensorLike, out_type: DTypeLike = _dt.int32, name: str | None = None) -> Tensor:
    """The number of elements of ``input``, as an int32 (or ``out_type``) scalar.

    >>> tf.size(tf.zeros([2, 3]))
    <tf.Tensor: shape=(), dtype=int32, numpy=6>
    """
    return wrap(
        _dt.as_dtype(_dt.int32 if out_type is None else out_type).as_numpy_dtype(
            as_tensor(input)._value.size
        )
    )


def broadcast_static_shape(shape_x: TensorLike, shape_y: TensorLike) -> TensorShape:
    """The broadcast of two TensorShapes.

    >>> tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([1, 3]))
    TensorShape([2, 3])
    """
    x, y = TensorShape(shape_x), TensorShape(shape_y)
    try:
        return TensorShape(np.broadcast_shapes(tuple(x.as_list()), tuple(y.as_list())))
    except ValueError:
        raise ValueError(
            "Incompatible shapes for broadcasting. Two shapes are compatible if for each "
            "dimension pair they are either equal or one of them is 1. "
            f"Received: {x} and {y}."
        ) from None


@_reads_values
def broadcast_dynamic_shape(shape_x: TensorLike, shape_y: TensorLike) -> Tensor:
    """The broadcast of two shapes given as 1-D int tensors.

    >>> tf.broadcast_dynamic_shape(tf.constant([2, 1]), tf.constant([3]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    # One dtype for both, as TF's eager ops choose it (int32 for Python lists, which wrap).
    tx, ty = matching_tensors([shape_x, shape_y], (_dt.int32, _dt.int64), _dt.int32)
    for position, t in enumerate((tx, ty)):
        if t.dtype not in (_dt.int32, _dt.int64):
            raise _attr_error("T", t._value.dtype, "int32, int64", "BroadcastArgs")
        if t.dtype != tx.dtype:
            raise _error(f"cannot compute BroadcastArgs as input #{position}(zero-based) was "
                         f"expected to be a {tx.dtype.c_name} tensor but is a "
                         f"{t.dtype.c_name} tensor", "BroadcastArgs")  # fmt: skip
    x, y = (np.asarray(_backend.to_host(t._value)) for t in (tx, ty))
    for position, array in enumerate((x, y)):
        if array.ndim != 1:
            raise _error(f"In[{position}] must be a vector.{_shape_text(array.shape)}",
                         "BroadcastArgs")  # fmt: skip
    # TF's rule on the values as given: a 1 (or a missing leading dimension) takes the
    # other's value, even a negative one; other values must be equal.
    rank = max(x.size, y.size)
    padded_x = [1] * (rank - x.size) + x.tolist()
    padded_y = [1] * (rank - y.size) + y.tolist()
    result = []
    for a, b in zip(padded_x, padded_y):
        if a != b and a != 1 and b != 1:
            raise _error(f"Incompatible shapes: {_shape_text(x)} vs. {_shape_text(y)}",
                         "BroadcastArgs")  # fmt: skip
        result.append(b if a == 1 else a)
    return wrap(np.asarray(result, dtype=x.dtype).reshape(rank))


# --------------------------------------------------------------------------
# Reshaping
# --------------------------------------------------------------------------
def reshape(tensor: TensorLike, shape: ShapeLike, name: str | None = None) -> Tensor:
    """The same values in a new shape; one dimension may be -1.

    >>> print(tf.reshape(tf.constant([1, 2, 3, 4, 5, 6]), [3, -1]))
    tf.Tensor(
    [[1 2]
     [3 4]
     [5 6]], shape=(3, 2), dtype=int32)
    """
    x = as_tensor(tensor)
    if shape.__class__ in (list, tuple) and all(
        d.__class__ is int and -(2**63) <= d < 2**63 for d in shape
    ):
        dims = list(shape)  # the common case: Python ints
    else:
        sizes = _int_array(shape, "Tshape", "Reshape")
        if sizes.ndim > 1:
            raise _error(f"sizes input must be 1-D, not {_shape_text(sizes.shape)}", "Reshape")
        dims = [int(d) for d in sizes.ravel()]
    return _shape.reshape(x, shape=_reshape_dims(dims, x._value.shape, x._value.dtype))


def _reshape_dims(dims: list, have: tuple, dtype: Any) -> tuple:
    """The Reshape kernel's reading of ``dims`` (one may be -1) for an input of shape ``have``."""
    unknown, count = None, 1
    for i, d in enumerate(dims):
        if d == -1:
            if unknown is not None:
                raise _error(f"Only one input size may be -1, not both {unknown} and {i}",
                             "Reshape")  # fmt: skip
            unknown = i
        elif d < -1:
            raise _error(f"Size {i} must be non-negative, not {d}", "Reshape")
        else:
            count *= d  # TF's shape multiplies in order: an earlier 0 ends the check
            if count > 2**63 - 1:
                raise _error(f"Shape [{', '.join(map(str, dims))}] has too many elements",
                             "Reshape")  # fmt: skip
    values = int(np.prod(have, dtype=np.int64))
    if unknown is not None:
        # A zero among the sizes lets the others be inferred from the input's non-zero
        # dimensions, so [-1, 0] of a [2, 0] input is [2, 0] (TF's rule).
        has_zero = 0 in dims
        product = int(np.prod([d for d in dims if d > 0], dtype=object))
        known, input_has_zero = 1, False
        for n in have:
            if n > 0 or not has_zero:
                known *= n
            else:
                input_has_zero = True
        missing = known // product
        if not input_has_zero and product * missing != known:
            raise _error(f"Input to reshape is a tensor with {known} values, but the requested "
                         f"shape requires a multiple of {product}", "Reshape")  # fmt: skip
        dims = dims[:unknown] + [missing] + dims[unknown + 1 :]
    total = int(np.prod(dims, dtype=object))
    if total != values:
        raise _error(f"Input to reshape is a tensor with {values} values, but the requested "
                     f"shape has {total}", "Reshape")  # fmt: skip
    if not total:
        check_allocation(dims, dtype, "Reshape")  # an empty shape NumPy cannot describe
    return tuple(dims)


def transpose(
    a: TensorLike, perm: TensorLike = None, conjugate: bool = False, name: str | None = "transpose"
) -> Tensor:
    """Permute the axes (reverse them when ``perm`` is None); ``conjugate`` also conjugates.

    >>> print(tf.transpose(tf.constant([[1, 2, 3], [4, 5, 6]])))
    tf.Tensor(
    [[1 4]
     [2 5]
     [3 6]], shape=(3, 2), dtype=int32)
    """
    x = as_tensor(a)
    ndim = x.ndim
    if perm is None:
        perm = tuple(reversed(_builtin_range(ndim)))
    else:
        perm = _int_tuple(perm, "Tperm", "Transpose")
    if len(perm) != ndim:
        raise _error(f"transpose expects a vector of size {ndim}. But input(1) is a vector of "
                     f"size {len(perm)}", "Transpose")  # fmt: skip
    perm = tuple(d + ndim if d < 0 else d for d in perm)
    for d in perm:
        if not 0 <= d < ndim:
            raise _error(f"{d} is out of range [0 .. {ndim})", "Transpose")
    for d in _builtin_range(ndim):
        if d not in perm:
            raise _error(f"{d} is missing from {{{','.join(str(p) for p in perm)}}}.",
                         "Transpose")  # fmt: skip
    if conjugate and x.dtype.is_complex:
        x = _shape.conj(x)
    return _shape.transpose(x, perm=perm)


def expand_dims(input: TensorLike, axis: AxisLike, name: str | None = None) -> Tensor:
    """Insert a length-1 axis at ``axis`` (negative counts from the end of the result).

    >>> tf.expand_dims(tf.constant([1, 2]), axis=0).shape
    TensorShape([1, 2])
    >>> tf.expand_dims(tf.constant([1, 2]), axis=-1).shape
    TensorShape([2, 1])
    """
    x = as_tensor(input)
    value = getattr(axis, "_value", axis)
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) != 1:
        raise _error("'dim' must be a tensor with a single value", "ExpandDims")
    axis = _scalar_int(axis)
    ndim = x.ndim
    if not -ndim - 1 <= axis <= ndim:
        raise _error(f"Tried to expand dim index {axis} for tensor with {ndim} dimensions.",
                     "ExpandDims", "")  # fmt: skip
    position = axis + ndim + 1 if axis < 0 else axis
    dims = x._value.shape
    return _shape.reshape(x, shape=dims[:position] + (1,) + dims[position:])


def squeeze(input: TensorLike, axis: AxisLike = None, name: str | None = None) -> Tensor:
    """Remove length-1 axes (all of them, or those listed in ``axis``).

    >>> tf.squeeze(tf.zeros([1, 2, 1])).shape
    TensorShape([2])
    >>> tf.squeeze(tf.zeros([1, 2, 1]), axis=[2]).shape
    TensorShape([1, 2])
    """
    x = as_tensor(input)
    dims = x._value.shape
    ndim = len(dims)
    if isinstance(axis, (bool, np.bool_, float, np.floating)):
        axis = [axis]
    if isinstance(axis, (list, tuple)):  # TF's int-list attr reads a bool or float with int()
        axis = [_make_int(a, "axis") if isinstance(a, (bool, np.bool_, float, np.floating))
                else a for a in axis]  # fmt: skip
    axes = () if axis is None else _int_tuple(axis, "squeeze_dims", "Squeeze")
    if not axes:  # None or an empty list: every length-1 axis, as in TF
        return _shape.reshape(x, shape=tuple(d for d in dims if d != 1))
    drop = set()
    for a in axes:
        if not -ndim <= a < ndim:
            raise _error(f"Tried to squeeze dim index {a} for tensor with {ndim} dimensions.",
                         "Squeeze", "")  # fmt: skip
        a = a % ndim
        if dims[a] != 1:
            raise _error(f"Can not squeeze dim[{a}], expected a dimension of 1, got {dims[a]}",
                         "Squeeze", "")  # fmt: skip
        drop.add(a)
    return _shape.reshape(x, shape=tuple(d for i, d in enumerate(dims) if i not in drop))


def broadcast_to(input: TensorLike, shape: ShapeLike, name: str | None = None) -> Tensor:
    """``input`` broadcast to ``shape``; the gradient sums over the broadcast axes.

    >>> print(tf.broadcast_to(tf.constant([1, 2]), [2, 2]))
    tf.Tensor(
    [[1 2]
     [1 2]], shape=(2, 2), dtype=int32)
    """
    x = as_tensor(input)
    dims = _int_tuple(shape, "Tidx", "BroadcastTo")
    for d in dims:
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "BroadcastTo")
    have = x._value.shape
    if len(have) > len(dims):
        raise _error(f"Rank of input ({len(have)}) must be no greater than rank of output shape "
                     f"({len(dims)}).", "BroadcastTo")  # fmt: skip
    for a, b in zip(reversed(have), reversed(dims)):
        if a != b and a != 1:
            raise _error(f"Incompatible shapes: {_shape_text(have)} vs. {_shape_text(dims)}",
                         "BroadcastTo")  # fmt: skip
    check_allocation(dims, x._value.dtype, "BroadcastTo")
    return _shape.broadcast_to(x, shape=dims)
