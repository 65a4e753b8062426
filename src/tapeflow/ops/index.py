"""Indexing primitives: ``x[index]`` and its adjoint, a scatter-add into zeros.

The pair is closed under differentiation: the VJP of getitem is
getitem_adjoint and the VJP of getitem_adjoint is getitem, so derivatives of
any order stay this size. ``index`` is a tuple NumPy understands (ints,
slices, None, Ellipsis, a boolean mask array), prepared by ``normalize_index``.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor
from ..errors import InvalidArgumentError

_FULL = slice(None)


def _result_ndim(shape: tuple, index: tuple) -> int:
    # Index a zero-stride stand-in of that shape: costs no memory.
    return np.broadcast_to(np.empty((), np.int8), shape)[index].ndim


def _batched(index: tuple, lead: int) -> tuple:
    return (_FULL,) * lead + index if lead else index


def _getitem_impl(x, index):
    return x[index]


def _getitem_vjp(g, ans, x, index):
    return (getitem_adjoint(g, shape=x._value.shape, index=index),)


getitem = Primitive(
    "getitem",
    _getitem_impl,
    vjp=_getitem_vjp,
    linear=True,
    tf_name="StridedSlice",
    formula="d x[i] = dx[i]; VJP scatters g into zeros of x's shape (repeats add up)",
)


def _getitem_adjoint_impl(g, shape, index):
    lead = g.ndim - _result_ndim(shape, index)
    out = np.zeros(g.shape[:lead] + tuple(shape), dtype=g.dtype)
    np.add.at(out, _batched(index, lead), g)
    return out


def _getitem_adjoint_vjp(g, ans, cotangent, shape, index):
    lead = g._value.ndim - len(shape)
    return (getitem(g, index=_batched(index, lead)),)


getitem_adjoint = Primitive(
    "getitem_adjoint",
    _getitem_adjoint_impl,
    vjp=_getitem_adjoint_vjp,
    linear=True,
    tf_name="StridedSliceGrad",
    formula="scatter-add of g into zeros(shape) at index; adjoint of getitem",
)


# --------------------------------------------------------------------------
# Turning a Python index expression into TensorFlow's accepted forms
# --------------------------------------------------------------------------
_INDEX_ERROR = (
    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
    "tf.int32/tf.int64 tensors are valid indices, got {!r}"
)


def _index_item(item):
    if item is None or item is Ellipsis or isinstance(item, slice):
        return item
    if isinstance(item, bool):
        raise TypeError(_INDEX_ERROR.format(item))  # noqa: B904
    if isinstance(item, (int, np.integer)):
        return int(item)
    value = getattr(item, "_value", None)
    if value is None and isinstance(item, np.ndarray):
        value = item
    if value is not None:
        if value.dtype.kind == "b":
            return np.asarray(value)
        if value.dtype.kind in "iu" and value.ndim == 0:
            return int(value)
    raise TypeError(_INDEX_ERROR.format(item))  # noqa: B904


def normalize_index(shape: tuple, key) -> tuple:
    """Check an index against TensorFlow's rules and return it as a tuple.

    A Python list is read like a tuple, as TensorFlow does: ``x[[0, 1]] == x[0, 1]``.
    """
    items = tuple(key) if isinstance(key, (tuple, list)) else (key,)
    items = tuple(_index_item(item) for item in items)
    dim = 0
    for item in items:
        if item is Ellipsis:
            consumed = sum(
                i.ndim if isinstance(i, np.ndarray) else 1
                for i in items
                if i is not None and i is not Ellipsis
            )
            dim += len(shape) - consumed
            continue
        if item is None:
            continue
        if isinstance(item, np.ndarray):
            dim += item.ndim
            continue
        if not shape:
            raise InvalidArgumentError(
                None,
                None,
                "Attempting to slice scalar input. [Op:StridedSlice] name: strided_slice/",
            )
        if dim >= len(shape):
            raise InvalidArgumentError(
                None,
                None,
                f"Index out of range using input dim {dim}; input has only {len(shape)} "
                "dims [Op:StridedSlice] name: strided_slice/",
            )
        if isinstance(item, int) and not -shape[dim] <= item < shape[dim]:
            raise InvalidArgumentError(
                None,
                None,
                f"slice index {item + shape[dim] if item < 0 else item} of dimension {dim} out of bounds. "
                "[Op:StridedSlice] name: strided_slice/",
            )
        dim += 1
    return items


def strided_slice_index(x: Tensor, key) -> Tensor:
    """``x[key]`` with TensorFlow's index rules (what ``Tensor.__getitem__`` calls)."""
    index = normalize_index(x._value.shape, key)
    if len(index) == 1 and isinstance(index[0], np.ndarray):
        mask = index[0]
        if mask.shape != x._value.shape[: mask.ndim]:
            raise InvalidArgumentError(
                None,
                None,
                f"Shapes {list(x._value.shape[: mask.ndim])} and {list(mask.shape)} are "
                "incompatible [Op:BooleanMask]",
            )
    return getitem(x, index=index)
