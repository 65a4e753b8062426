"""Indexing primitives, each paired with its adjoint so derivatives of any order stay small.

* ``getitem`` (``x[index]``: basic indices or one boolean mask; internal
  callers may also pass NumPy integer arrays) and ``getitem_adjoint`` (write
  g into zeros at the index; repeated integer-array entries add up);
* ``gather`` (``tf.gather`` with ``axis``/``batch_dims``) and ``gather_adjoint``
  (scatter-add into zeros);
* ``gather_nd`` and ``scatter_nd`` (scatter-add into zeros: ``tf.scatter_nd``);
* ``scatter_nd_update`` (``tf.tensor_scatter_nd_update``), whose VJP is itself
  (with zero updates) and gather_nd;
* ``unique``, which has no gradient in TensorFlow (differentiating it raises).

Indices are NumPy arrays passed as params (checked by the public wrappers),
never tensors: they carry no gradient. ``lead`` counts leading axes of the
data operand that are not part of the op (a vectorized Jacobian's batch);
the VJP rules raise it when the cotangent carries such axes.
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import _backend, _dispatch
from .._dispatch import Primitive
from .._tensor import Tensor, TensorShape, convert_to_tensor, read_static, wrap
from ..errors import InvalidArgumentError

_FULL = slice(None)


def _prod(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


# --------------------------------------------------------------------------
# x[index]: basic indexing (ints, slices, None, Ellipsis) or one boolean mask
# --------------------------------------------------------------------------
def _result_ndim(shape: tuple, index: tuple) -> int:
    # Index a zero-stride stand-in of that shape: costs no memory.
    return np.broadcast_to(np.empty((), np.int8), shape)[index].ndim


def _batched(index: tuple, lead: int) -> tuple:
    return (_FULL,) * lead + index if lead else index


getitem = Primitive(
    "getitem",
    lambda x, index: x[index],
    vjp=lambda g, ans, x, index: (getitem_adjoint(g, shape=x._value.shape, index=index),),
    linear=True,
    tf_name="StridedSlice",
    formula="d x[i] = dx[i]; VJP writes g into zeros of x's shape at i",
)


def _getitem_adjoint_impl(g, shape, index):
    lead = g.ndim - _result_ndim(shape, index)
    out_shape = g.shape[:lead] + tuple(shape)
    if g.__class__ is np.ndarray:
        out = np.zeros(out_shape, dtype=g.dtype)
    else:  # zeros in g's library (a Dask graph with chunks, GPU memory)
        out = np.zeros_like(g, shape=out_shape)
    where = _batched(index, lead)
    if any(isinstance(i, np.ndarray) and i.dtype.kind in "iu" for i in index):
        np.add.at(out, where, g)  # integer arrays may repeat an element: add
    else:
        out[where] = g  # basic indices and a boolean mask select each element once
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
    formula="write g into zeros(shape) at index; adjoint of getitem",
)


# --------------------------------------------------------------------------
# gather / gather_adjoint
# --------------------------------------------------------------------------
def _gather_impl(x, indices, axis, batch_dims, lead, sparse=False):
    position = lead + axis
    if not batch_dims:
        return np.take(x, indices, axis=position)
    shape = x.shape
    outer, batch = shape[:lead], shape[lead : lead + batch_dims]
    middle, inner = shape[lead + batch_dims : position], shape[position + 1 :]
    n_batch, n_middle = _prod(batch), _prod(middle)
    picked = indices.shape[batch_dims:]
    flat = x.reshape(_prod(outer), n_batch, n_middle, shape[position], _prod(inner))
    rows = indices.reshape(n_batch, _prod(picked))
    out = flat[
        :,
        np.arange(n_batch)[:, None, None],
        np.arange(n_middle)[None, :, None],
        rows[:, None, :],
    ]
    return out.reshape(outer + batch + middle + picked + inner)


def add_rows(out, rows, values) -> None:
    """``np.add.at(out, rows, values)`` for a zero ``out`` and 1-D ``rows``, the same
    bits, but several times faster when most rows are distinct (embedding
    gradients): first occurrences are assigned, only repeats go through add.at."""
    order = np.argsort(rows, kind="stable")  # stable: repeats keep their order
    sorted_rows = rows[order]
    first = np.empty(rows.shape, dtype=bool)
    first[:1] = True
    np.not_equal(sorted_rows[1:], sorted_rows[:-1], out=first[1:])
    # + 0 as add.at would compute it from the zeros: -0.0 becomes 0.0.
    out[sorted_rows[first]] = values[order[first]] + out.dtype.type(0)
    repeats = order[~first]
    if repeats.size:
        np.add.at(out, rows[repeats], values[repeats])


def _gather_adjoint_impl(g, indices, shape, axis, batch_dims, lead):
    extra = g.ndim - (len(shape) - 1 + indices.ndim - batch_dims)
    outer = g.shape[:extra] + tuple(shape[:lead])
    core = shape[lead:]
    batch, middle = core[:batch_dims], core[batch_dims:axis]
    size, inner = core[axis], core[axis + 1 :]
    n_outer, n_batch, n_middle, n_inner = _prod(outer), _prod(batch), _prod(middle), _prod(inner)
    n_picked = _prod(indices.shape[batch_dims:])
    out = np.zeros(g.shape[:extra] + tuple(shape), dtype=g.dtype)
    if not extra and not lead and not batch_dims and axis == 0:
        # The common embedding-style case: whole rows, no index grids.
        add_rows(out, indices.ravel(), g.reshape((indices.size,) + tuple(inner)))
        return out
    target = out.reshape(n_outer, n_batch, n_middle, size, n_inner)
    values = g.reshape(n_outer, n_batch, n_middle, n_picked, n_inner)
    rows = indices.reshape(n_batch, n_picked)
    np.add.at(
        target,
        (_FULL, np.arange(n_batch)[:, None, None], np.arange(n_middle)[None, :, None],
         rows[:, None, :]),
        values,
    )  # fmt: skip
    return out


def _gather_vjp(g, ans, x, indices, axis, batch_dims, lead, sparse=False):
    cotangent = gather_adjoint(
        g, indices=indices, shape=x._value.shape, axis=axis, batch_dims=batch_dims, lead=lead
    )
    return (cotangent,)


def _gather_adjoint_vjp(g, ans, cotangent, indices, shape, axis, batch_dims, lead):
    lead = lead + g._value.ndim - len(shape)
    return (gather(g, indices=indices, axis=axis, batch_dims=batch_dims, lead=lead),)


gather = Primitive(
    "gather",
    _gather_impl,
    vjp=_gather_vjp,
    linear=True,
    tf_name="GatherV2",
    # sparse=True (tf.gather itself, not the composites built on it): a tape's
    # gradient for x is an IndexedSlices where TensorFlow's is (ops/sparse.py).
    formula="d gather(x, i) = gather(dx, i); VJP scatter-adds g into zeros (repeats add up)",
)

gather_adjoint = Primitive(
    "gather_adjoint",
    _gather_adjoint_impl,
    vjp=_gather_adjoint_vjp,
    linear=True,
    tf_name="UnsortedSegmentSum",
    formula="scatter-add of g into zeros(shape) along axis at i; adjoint of gather",
)


# --------------------------------------------------------------------------
# gather_nd / scatter_nd (its adjoint) / scatter_nd_update
# --------------------------------------------------------------------------
def _flat_positions(indices, dims, batch_dims):
    """Row-major positions of the index tuples in ``dims``, shaped (n_batch, n_picked)."""
    depth = indices.shape[-1]
    n_batch = _prod(indices.shape[:batch_dims])
    if depth:
        flat = np.ravel_multi_index(tuple(np.moveaxis(indices, -1, 0)), dims)
    else:
        flat = np.zeros(indices.shape[:-1], dtype=np.intp)
    return flat.reshape(n_batch, _prod(indices.shape[batch_dims:-1]))


def _gather_nd_impl(x, indices, batch_dims, lead):
    depth = indices.shape[-1]
    shape = x.shape
    outer, batch = shape[:lead], shape[lead : lead + batch_dims]
    dims, inner = (
        shape[lead + batch_dims : lead + batch_dims + depth],
        shape[lead + batch_dims + depth :],
    )
    positions = _flat_positions(indices, dims, batch_dims)
    flat = x.reshape(_prod(outer), _prod(batch), _prod(dims), _prod(inner))
    out = flat[:, np.arange(positions.shape[0])[:, None], positions]
    return out.reshape(outer + batch + indices.shape[batch_dims:-1] + inner)


def _scatter_nd_impl(updates, indices, shape, batch_dims, lead):
    depth = indices.shape[-1]
    extra = updates.ndim - (len(shape) - depth + indices.ndim - 1 - batch_dims)
    outer = updates.shape[:extra] + tuple(shape[:lead])
    core = shape[lead:]
    batch, dims, inner = (
        core[:batch_dims],
        core[batch_dims : batch_dims + depth],
        core[batch_dims + depth :],
    )
    positions = _flat_positions(indices, dims, batch_dims)
    out = np.zeros(updates.shape[:extra] + tuple(shape), dtype=updates.dtype)
    target = out.reshape(_prod(outer), _prod(batch), _prod(dims), _prod(inner))
    values = updates.reshape(_prod(outer), _prod(batch), positions.shape[1], _prod(inner))
    np.add.at(target, (_FULL, np.arange(positions.shape[0])[:, None], positions), values)
    return out


def _gather_nd_vjp(g, ans, x, indices, batch_dims, lead):
    cotangent = scatter_nd(
        g, indices=indices, shape=x._value.shape, batch_dims=batch_dims, lead=lead
    )
    return (cotangent,)


def _scatter_nd_vjp(g, ans, updates, indices, shape, batch_dims, lead):
    lead = lead + g._value.ndim - len(shape)
    return (gather_nd(g, indices=indices, batch_dims=batch_dims, lead=lead),)


gather_nd = Primitive(
    "gather_nd",
    _gather_nd_impl,
    vjp=_gather_nd_vjp,
    linear=True,
    tf_name="GatherNd",
    formula="d gather_nd(x, i) = gather_nd(dx, i); VJP is scatter_nd (repeats add up)",
)

scatter_nd = Primitive(
    "scatter_nd",
    _scatter_nd_impl,
    vjp=_scatter_nd_vjp,
    linear=True,
    tf_name="ScatterNd",
    formula="scatter-add of updates into zeros(shape) at index tuples; adjoint of gather_nd",
)


def _scatter_nd_update_impl(tensor, updates, indices, lead):
    depth = indices.shape[-1]
    shape = tensor.shape
    dims = shape[lead : lead + depth]
    positions = _flat_positions(indices, dims, 0)[0]
    out = np.array(tensor, copy=True)
    target = out.reshape(_prod(shape[:lead]), _prod(dims), _prod(shape[lead + depth :]))
    # With repeated index tuples the last update wins, as on TensorFlow's CPU kernel.
    target[:, positions] = updates.reshape(target.shape[0], positions.size, target.shape[2])
    return out


def _scatter_nd_update_vjp(g, ans, tensor, updates, indices, lead):
    extra = g._value.ndim - ans._value.ndim
    lead = lead + extra
    blank = wrap(np.zeros(g._value.shape[:extra] + updates._value.shape, g._value.dtype))
    return (
        scatter_nd_update(g, blank, indices=indices, lead=lead),
        gather_nd(g, indices=indices, batch_dims=0, lead=lead),
    )


def _scatter_nd_update_jvp(tangents, ans, tensor, updates, indices, lead):
    t_tensor, t_updates = tangents
    if t_tensor is None:
        t_tensor = wrap(np.zeros_like(tensor._value))
    if t_updates is None:
        return scatter_nd_update(t_tensor, wrap(np.zeros_like(updates._value)), indices=indices,
                                 lead=lead)  # fmt: skip
    depth = indices.shape[-1]
    positions = _flat_positions(indices, tensor._value.shape[lead : lead + depth], 0)
    if np.unique(positions).size == positions.size:
        return scatter_nd_update(t_tensor, t_updates, indices=indices, lead=lead)
    # Repeated index tuples: the transpose of the VJP (every repeat counts), as TF's JVP is.
    blank = wrap(np.zeros_like(updates._value))
    kept = scatter_nd_update(t_tensor, blank, indices=indices, lead=lead)
    shape = tensor._value.shape
    return kept + scatter_nd(t_updates, indices=indices, shape=shape, batch_dims=0, lead=lead)


scatter_nd_update = Primitive(
    "scatter_nd_update",
    _scatter_nd_update_impl,
    vjp=_scatter_nd_update_vjp,
    jvp=_scatter_nd_update_jvp,
    tf_name="TensorScatterUpdate",
    formula="d update(t, u) = update(dt, du); VJP: (g with zeros at i, gather_nd(g, i)); "
    "with repeated i both rules count every repeat, as TF's do",
)


# --------------------------------------------------------------------------
# unique: TensorFlow registers no gradient for it
# --------------------------------------------------------------------------
def _unique_impl(x, out_idx):
    values, first, inverse, counts = np.unique(
        x, return_index=True, return_inverse=True, return_counts=True
    )
    order = np.argsort(first, kind="stable")  # TF lists values by first occurrence
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    idx = rank[inverse.reshape(-1)].astype(out_idx)
    return x[first[order]], idx, counts[order].astype(out_idx)


def _no_gradient_for(op: str):
    def refuse(*args, **params):
        raise LookupError(f"gradient registry has no entry for: {op}")

    return refuse


unique = Primitive(
    "unique",
    _unique_impl,
    vjp=_no_gradient_for("Unique"),
    jvp=_no_gradient_for("Unique"),
    multiple_results=True,
    formula="unique(x) -> (y, idx, count); no gradient (LookupError, as in TensorFlow)",
)

# The same values; TF's error names the op it has no gradient for.
unique_with_counts = Primitive(
    "unique_with_counts",
    _unique_impl,
    vjp=_no_gradient_for("UniqueWithCounts"),
    jvp=_no_gradient_for("UniqueWithCounts"),
    multiple_results=True,
    formula="unique_with_counts(x) -> (y, idx, count); no gradient (LookupError, as in TF)",
)


# --------------------------------------------------------------------------
# Turning a Python index expression into TensorFlow's accepted forms
# --------------------------------------------------------------------------
_INDEX_ERROR = (
    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
    "tf.int32/tf.int64 tensors are valid indices, got {!r}"
)
_INDEX_KINDS = (np.dtype(np.int16), np.dtype(np.int32), np.dtype(np.int64))


_NAME = " name: strided_slice/"  # what TF appends for x[...]; tf.strided_slice shows none


def _strided_slice_error(message: str, suffix: str = _NAME):
    return InvalidArgumentError(None, None, f"{message} [Op:StridedSlice]{suffix}")


def _as_int(item) -> int:
    """A scalar index (int, NumPy integer, scalar int tensor) as an int; else TypeError."""
    if isinstance(item, numbers.Integral):
        return int(item)
    value = getattr(item, "_value", item)  # a Tensor, a Variable or a NumPy value
    dtype = getattr(value, "dtype", None)
    if dtype is not None and dtype in _INDEX_KINDS and np.ndim(value) == 0:
        read_static(item)
        return int(value)
    raise TypeError(_INDEX_ERROR.format(item))


def _slice_bound(value):
    return None if value is None else _as_int(value)


def _is_mask(key) -> bool:
    if isinstance(key, bool):
        return True
    if key.__class__ is Tensor:
        return key._value.dtype == np.bool_
    return isinstance(key, np.ndarray) and key.dtype == np.bool_


def mask_index(shape: tuple, mask, axis: int = 0) -> tuple:
    """The getitem index for ``tf.boolean_mask(x, mask, axis)`` (TF's checks, TF's errors)."""
    if mask.__class__ is not Tensor and not isinstance(mask, np.ndarray):
        mask = convert_to_tensor(mask)  # TF converts a Python list first: floats as float32
    mask = np.asarray(_backend.to_host(mask._value if mask.__class__ is Tensor else mask))
    if mask.ndim == 0:
        raise ValueError("mask cannot be scalar.")
    have = TensorShape(shape[axis : axis + mask.ndim])
    if have != TensorShape(mask.shape):
        raise ValueError(f"Shapes {have} and {TensorShape(mask.shape)} are incompatible")
    axis = axis % len(shape) if shape else 0
    if mask.dtype != np.bool_:
        nonzero = mask != 0
        if mask.dtype in (np.float32, np.float64):
            # TF's CPU kernels flush subnormals to zero, so they count as False.
            nonzero &= ~(np.abs(mask) < np.finfo(mask.dtype).tiny)
        mask = nonzero
    return (_FULL,) * axis + (mask,)


def normalize_index(shape: tuple, key, suffix: str = _NAME) -> tuple:
    """Check an index against TensorFlow's rules and return it as a NumPy index tuple.

    A Python list is read like a tuple, as TensorFlow does: ``x[[0, 1]] == x[0, 1]``.
    A boolean mask (a bool tensor or array, or a Python bool) must be the whole key.
    """
    if _is_mask(key):
        return mask_index(shape, key)
    items = key if isinstance(key, (tuple, list)) else (key,)
    index: list = []
    ellipsis_seen = False
    for position, item in enumerate(items):
        if item is None:
            index.append(None)
        elif item is Ellipsis:
            if ellipsis_seen:
                raise _strided_slice_error("Multiple ellipses in slice spec not allowed", suffix)
            ellipsis_seen = True
            index.append(Ellipsis)
        elif isinstance(item, slice):
            step = _slice_bound(item.step)
            entry = slice(_slice_bound(item.start), _slice_bound(item.stop), step)
            if step == 0:
                raise _strided_slice_error(f"strides[{position}] must be non-zero", suffix)
            index.append(entry)
        else:
            index.append(_as_int(item))
    _check_bounds(shape, index, suffix)
    return tuple(index)


def _check_bounds(shape: tuple, index: list, suffix: str) -> None:
    consumed = sum(1 for i in index if i is not None and i is not Ellipsis)
    if not shape and consumed:
        raise _strided_slice_error("Attempting to slice scalar input.", suffix)
    dim = 0
    for item in index:
        if item is Ellipsis:
            dim += max(len(shape) - consumed, 0)
            continue
        if item is None:
            continue
        if dim >= len(shape):
            raise _strided_slice_error(
                f"Index out of range using input dim {dim}; input has only {len(shape)} dims",
                suffix,
            )
        if item.__class__ is int:
            size = shape[dim]
            if not -size <= item < size:
                shown = item + size if item < 0 else item
                raise _strided_slice_error(
                    f"slice index {shown} of dimension {dim} out of bounds.", suffix
                )
        dim += 1


def strided_slice_index(x: Tensor, key) -> Tensor:
    """``x[key]`` with TensorFlow's index rules (what ``Tensor.__getitem__`` calls)."""
    if _dispatch._recorder_count and _has_tensor(key):
        return _index_by_values(x, key)  # a traced x[mask] or x[i]: replayed per call
    return getitem(x, index=normalize_index(x._value.shape, key))


def _has_tensor(key) -> bool:
    if key.__class__ is Tensor:
        return True
    return isinstance(key, (tuple, list)) and any(k.__class__ is Tensor for k in key)


@_dispatch.reads_values
def _index_by_values(x: Tensor, key) -> Tensor:
    return getitem(x, index=normalize_index(x._value.shape, key))
