"""Joining and splitting; tiling, padding, reversing, rolling, repeating."""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .._dispatch import reads_values as _reads_values
from .._limits import check_allocation
from .._tensor import Tensor, as_tensor, convert_to_tensor, read_static, wrap
from .._types import AxisLike, TensorLike
from ..errors import UnimplementedError, _dtype_mismatch, _op_error, _shape_text
from ..ops import elementwise as _el
from ..ops import index as _ix
from ..ops import shape as _shape
from ._common import (
    _builtin_range,
    _error,
    _int_array,
    _int_tuple,
    _make_int,
    _negative_axis,
    _same_dtype_tensors,
    _scalar_int,
)
from ._shapes import reshape as _checked_reshape


def concat(values: TensorLike, axis: AxisLike, name: str | None = "concat") -> Tensor:
    """Join tensors along an existing axis. Gradient: the cotangent split back.

    >>> print(tf.concat([tf.constant([[1, 2]]), tf.constant([[3, 4]])], axis=0))
    tf.Tensor(
    [[1 2]
     [3 4]], shape=(2, 2), dtype=int32)
    """
    raw_axis: Any = getattr(axis, "_value", axis)
    axis_shape = np.shape(raw_axis)
    single = not isinstance(values, (list, tuple)) or len(values) == 1
    if axis_shape and single:  # TF's wrapper asserts rank 0 before its shortcut
        raise ValueError(f"Shape {axis_shape} must have rank 0")
    if axis_shape and int(np.prod(axis_shape)) != 1:  # ConcatV2 reads any one value
        raise _error(f"axis tensor should be a scalar integer, but got shape "
                     f"{_shape_text(axis_shape)}", "ConcatV2")  # fmt: skip
    if axis_shape:
        axis = np.ravel(np.asarray(raw_axis, dtype=object))[0]
    if not isinstance(values, (list, tuple)):
        # TF wraps a single value in a list, and concat of one value is that value
        _scalar_int(axis)
        return _el.identity(as_tensor(values))
    axis = _scalar_int(axis)
    if not values:
        raise _error("OpKernel 'ConcatV2' has constraint on attr 'T' not in NodeDef "
                     "'[N=0, Tidx=DT_INT32]'", "ConcatV2", name)  # fmt: skip
    tensors = _same_dtype_tensors(values, "ConcatV2", name)
    if len(tensors) == 1:
        return _el.identity(tensors[0])
    first = tensors[0]._value.shape
    if not first:
        raise _error("ConcatOp : Can't concatenate scalars (use tf.stack instead)", "ConcatV2",
                     name)  # fmt: skip
    ndim = len(first)
    if not -ndim <= axis < ndim:
        raise _error(f"ConcatOp : Expected concatenating dimensions in the range [{-ndim}, "
                     f"{ndim}), but got {axis}", "ConcatV2", name)  # fmt: skip
    axis %= ndim
    for i, t in enumerate(tensors[1:], 1):
        other = t._value.shape
        if len(other) != ndim:
            raise _error(f"ConcatOp : Ranks of all input tensors should match: shape[0] = "
                         f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(other)}",
                         "ConcatV2", name)  # fmt: skip
        for d in _builtin_range(ndim):
            if d != axis and other[d] != first[d]:
                raise _error(f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] = "
                             f"{_shape_text(first)} vs. shape[{i}] = {_shape_text(other)}",
                             "ConcatV2", name)  # fmt: skip
    return _shape.concat(*tensors, axis=axis - ndim)


def stack(values: TensorLike, axis: AxisLike = 0, name: str | None = "stack") -> Tensor:
    """Join tensors of one shape along a new axis. Gradient: the cotangent unstacked.

    >>> print(tf.stack([tf.constant([1, 2]), tf.constant([3, 4])], axis=1))
    tf.Tensor(
    [[1 3]
     [2 4]], shape=(2, 2), dtype=int32)
    """
    # TF's wrapper, step by step: its checks are Python comparisons and indexing, so an
    # odd ``values`` or ``axis`` fails (or passes) just as it does there.
    if axis == 0:
        # Along axis 0 a value that converts as a whole is its own stack (a scalar, a
        # string, a nested list); values holding tensors are packed so gradients flow.
        holds_tensors = isinstance(values, (list, tuple)) and any(
            isinstance(v, Tensor) or hasattr(v, "_as_tensor") for v in values
        )
        if not holds_tensors:
            try:
                return convert_to_tensor(values)
            except (TypeError, ValueError, NotImplementedError):
                pass  # ragged or mixed: Pack below says why
    expanded = as_tensor(values[0]).ndim + 1  # type: ignore[index]
    if axis < -expanded or axis >= expanded:  # type: ignore[operator]
        raise ValueError(f"Argument `axis` = {axis} not in range [{-expanded}, {expanded})")
    return _pack(values, axis, name)


def _pack(values: Any, axis: Any, name: str | None) -> Tensor:
    """TF's Pack op as its generated wrapper takes ``values``: a list or tuple; with a true
    int ``axis`` its fast path also iterates a tensor or bytes (an ndarray of rank 2 or
    more fails there); anything else reaches the slow path, which wants a list first."""
    if isinstance(axis, (int, np.integer)):
        if isinstance(values, np.ndarray) and values.ndim > 1:
            raise ValueError(f"expected a sequence for attr N, got an ndarray with rank "
                             f"{values.ndim} instead")  # fmt: skip
        if isinstance(values, Tensor):
            values = [values[i] for i in _builtin_range(values._value.shape[0])]
    if not isinstance(values, (list, tuple)) and not (
        isinstance(values, bytes) and isinstance(axis, (int, np.integer))
    ):
        raise TypeError(f"Expected list for 'values' argument to 'pack' Op, not {values!r}.")
    axis = _make_int(axis, "axis")
    tensors = _same_dtype_tensors(list(values), "Pack", name)
    first = tensors[0]._value.shape
    for i, t in enumerate(tensors[1:], 1):
        if t._value.shape != first:
            raise _error(f"Shapes of all inputs must match: values[0].shape = {_shape_text(first)} "
                         f"!= values[{i}].shape = {_shape_text(t._value.shape)}", "Pack",
                         name)  # fmt: skip
    return _shape.stack(*tensors, axis=_negative_axis(axis, len(first) + 1))


def unstack(
    value: TensorLike, num: int | None = None, axis: AxisLike = 0, name: str | None = "unstack"
) -> list:
    """The slices of ``value`` along ``axis``, as a list. Gradient: the cotangents stacked.

    >>> first, second = tf.unstack(tf.constant([[1, 2], [3, 4]]))
    >>> first
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    >>> second
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 4], dtype=int32)>
    """
    x = as_tensor(value)
    ndim = x.ndim
    if num is None:  # TF's wrapper reads num from the shape, checking axis in Python
        if axis < -ndim or axis >= ndim:  # type: ignore[operator]
            raise ValueError(f"Argument `axis` = {axis} not in range [{-ndim}, {ndim})")
        num = x._value.shape[axis]  # type: ignore[index]
    # The Unpack op: int attrs (None is the default axis), checked before the kernel runs.
    count = _make_int(num, "num")
    axis = 0 if axis is None else _make_int(axis, "axis")
    if count < 0:
        raise _error(f"Value for attr 'num' of {count} must be at least minimum 0\n\t; NodeDef: "
                     "{{node Unpack}}; Op<name=Unpack; signature=value:T -> output:num*T; "
                     "attr=num:int,min=0; attr=T:type; attr=axis:int,default=0>",
                     "Unpack")  # fmt: skip
    if count > 2**31 - 1:
        raise ValueError(f"Number of outputs is too big: {count}")
    if not count:
        return []  # an op with no outputs: TF's eager runtime never runs the kernel
    if not -ndim <= axis < ndim:
        raise _error(f"axis = {axis} not in [{-ndim}, {ndim})", "Unpack", name)
    size = x._value.shape[axis]
    if count != size:
        raise _error(f"Input shape axis {axis % ndim} must equal {count}, got shape "
                     f"{_shape_text(x._value.shape)}", "Unpack", name)  # fmt: skip
    return list(_shape.unstack(x, axis=_negative_axis(axis, ndim)))


def split(
    value: TensorLike,
    num_or_size_splits: TensorLike,
    axis: AxisLike = 0,
    num: int | None = None,
    name: str | None = "split",
) -> list:
    """Split into ``num`` equal pieces, or pieces of the given sizes (one may be -1).

    >>> a, b = tf.split(tf.constant([1, 2, 3, 4, 5]), [2, 3])
    >>> a
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    >>> b
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([3, 4, 5], dtype=int32)>
    """
    x = as_tensor(value)
    ndim = x.ndim
    axis = _scalar_int(axis)
    raw: Any = getattr(num_or_size_splits, "_value", num_or_size_splits)
    op = "Split" if np.ndim(raw) == 0 else "SplitV"
    if isinstance(num_or_size_splits, Tensor):
        read_static(num_or_size_splits)  # traced sizes: each call's, not the first's
    if not -ndim <= axis < ndim:
        raise _error(f"-input rank(-{ndim}) <= split_dim < input rank ({ndim}), but got {axis}",
                     op, name)  # fmt: skip
    total = x._value.shape[axis]
    if op == "Split":
        pieces = _scalar_int(raw)
        if pieces < 1:
            raise _error(f"Value for attr 'num_split' of {pieces} must be at least minimum 1",
                         op, name)  # fmt: skip
        if total % pieces:
            raise _error(
                "Number of ways to split should evenly divide the split dimension, but got "
                f"split_dim {axis % ndim} (size = {total}) and num_split {pieces}", op, name
            )  # fmt: skip
        sizes = (total // pieces,) * pieces
    else:
        listed = list(_int_tuple(raw, "Tlen", op))
        unknown = [i for i, s in enumerate(listed) if s == -1]
        if len(unknown) > 1:
            raise _error("There can only be one -1 in the input.", op, name)
        known = builtins.sum(s for s in listed if s != -1)
        if not (known == total or (unknown and known <= total)):
            raise _error(
                "Determined shape must either match input shape along split_dim exactly if "
                "fully specified, or be less than the size of the input along split_dim if not "
                f"fully specified.  Got: {known}", op, name
            )  # fmt: skip
        if unknown:
            listed[unknown[0]] = total - known
        sizes = tuple(listed)
    return list(_shape.split(x, sizes=sizes, axis=_negative_axis(axis, ndim)))


# --------------------------------------------------------------------------
# Tiling, padding, reversing, rolling, repeating
# --------------------------------------------------------------------------
def tile(input: TensorLike, multiples: TensorLike, name: str | None = None) -> Tensor:
    """Repeat the whole tensor ``multiples[i]`` times along axis i. Gradient: a sum of tiles.

    >>> print(tf.tile(tf.constant([[1, 2]]), [2, 2]))
    tf.Tensor(
    [[1 2 1 2]
     [1 2 1 2]], shape=(2, 4), dtype=int32)
    """
    x = as_tensor(input)
    reps = _int_tuple(multiples, "Tmultiples", "Tile") if x.ndim else ()
    if len(reps) != x.ndim:
        raise _error(f"Expected multiples argument to be a vector of length {x.ndim} but got "
                     f"length {len(reps)}", "Tile")  # fmt: skip
    for i, m in enumerate(reps):
        if m < 0:
            raise _error(f"Expected multiples[{i}] >= 0, but got {m}", "Tile")
    check_allocation([n * m for n, m in zip(x._value.shape, reps)], x._value.dtype, "Tile")
    return _shape.tile(x, multiples=reps)


def pad(
    tensor: TensorLike,
    paddings: TensorLike,
    mode: str = "CONSTANT",
    constant_values: TensorLike = 0,
    name: str | None = None,
) -> Tensor:
    """Pad with a constant, or by reflecting (REFLECT) or mirroring (SYMMETRIC) the edges.

    >>> print(tf.pad(tf.constant([[1, 2]]), [[1, 0], [0, 1]]))
    tf.Tensor(
    [[0 0 0]
     [1 2 0]], shape=(2, 3), dtype=int32)
    >>> tf.pad(tf.constant([1, 2, 3]), [[2, 0]], mode="REFLECT")
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([3, 2, 1, 2, 3], dtype=int32)>
    """
    x = as_tensor(tensor)
    mode = mode.upper() if isinstance(mode, str) else mode
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", '
                         f'or "SYMMETRIC". Received `mode` = {mode}')  # fmt: skip
    if mode == "CONSTANT":
        op = "Pad" if _zero_fill(constant_values) else "PadV2"
    else:
        op = "MirrorPad"
    if op == "PadV2" and isinstance(constant_values, Tensor) and x.dtype != constant_values.dtype:
        if isinstance(tensor, Tensor):
            raise _dtype_mismatch("PadV2", 2, x._value.dtype, constant_values._value.dtype)
        if isinstance(tensor, np.ndarray):  # TF converts a NumPy input to the fill's dtype
            kept = tensor if constant_values.dtype.is_complex else np.real(tensor)
            x = wrap(np.asarray(kept).astype(constant_values._value.dtype))
    table = _int_array(paddings, "Tpaddings", op)
    if not x.ndim and not table.size:
        table = table.reshape(0, 2)
    if table.ndim != 2 or table.shape[0] != x.ndim or table.shape[1] != 2:
        sep = ", " if op == "MirrorPad" else " "  # the two kernels word it differently
        raise _error(f"The first dimension of paddings must be the rank of inputs"
                     f"{_shape_text(table.shape)}{sep}{_shape_text(x._value.shape)}", op)  # fmt: skip
    pairs = tuple((int(lo), int(hi)) for lo, hi in table)
    for (lo, hi), n in zip(pairs, x._value.shape):
        if lo < 0 or hi < 0:
            raise _error(f"Paddings must be non-negative: {lo} {hi}", op)
        if mode == "REFLECT" and (lo >= n or hi >= n):
            raise _error(f"paddings must be less than the dimension size: {lo}, {hi} not less "
                         f"than {n}", op)  # fmt: skip
        if mode == "SYMMETRIC" and (lo > n or hi > n):
            raise _error(f"paddings must be no greater than the dimension size: {lo}, {hi} "
                         f"greater than {n}", op)  # fmt: skip
    padded = [n + lo + hi for (lo, hi), n in zip(pairs, x._value.shape)]
    check_allocation(padded, x._value.dtype, op)
    if mode != "CONSTANT":
        return _shape.mirror_pad(x, paddings=pairs, mode=mode)
    if op == "Pad":  # TF's Pad fills with the dtype's zero, whatever zero was given
        constant_values = {"b": False, "O": b""}.get(x.dtype.kind, 0)
    fill = convert_to_tensor(constant_values, dtype=x.dtype)
    read_static(fill)  # a parameter: a traced fill value guards its value
    fill_value = fill._value
    return _shape.pad(x, paddings=pairs, constant_values=fill_value)


def _zero_fill(value) -> bool:
    """Whether tf.pad runs TF's Pad op (no fill value) rather than PadV2: for a
    scalar that is not a tensor and equals its type's zero, as TF's wrapper decides."""
    if isinstance(value, Tensor) or np.ndim(value) != 0:
        return False
    try:
        return bool(value == np.zeros_like(value))
    except (TypeError, ValueError):
        return False


def reverse(tensor: TensorLike, axis: AxisLike, name: str | None = None) -> Tensor:
    """Reverse the order of elements along each axis in ``axis``.

    >>> tf.reverse(tf.constant([[1, 2, 3]]), axis=[1])
    <tf.Tensor: shape=(1, 3), dtype=int32, numpy=array([[3, 2, 1]], dtype=int32)>
    """
    x = as_tensor(tensor)
    ndim = x.ndim
    if isinstance(axis, np.ndarray) and axis.dtype not in (np.int32, np.int64):
        with np.errstate(all="ignore"):  # TF's slow conversion path casts such an ndarray
            axis = np.real(axis).astype(np.int32)
    elif isinstance(axis, (bool, np.bool_)) or (
        isinstance(axis, (list, tuple))
        and all(isinstance(a, (bool, np.bool_, int, np.integer)) for a in axis)
    ):
        axis = np.asarray(axis, dtype=np.int64)  # Python bools convert to TF's int32 Tidx
    table = _int_array(axis, "Tidx", "ReverseV2")
    if not ndim or not x._value.size:
        return _el.identity(x)  # TF's kernel hands back a scalar or empty input unchecked
    if table.ndim != 1:
        raise _error(f"'dims' must be 1-dimension, not {table.ndim}", "ReverseV2")
    seen = set()
    for i, a in enumerate(int(a) for a in table):
        if not -ndim <= a < ndim:
            raise _error(f"'axis'[{i}] = {a} is out of valid range [0, {ndim - 1}", "ReverseV2")
        if a % ndim in seen:
            raise _error(f"axis {a % ndim} specified more than once.", "ReverseV2")
        seen.add(a % ndim)
    if ndim > 8:
        raise _op_error("reverse is not implemented for tensors of rank > 8.", "ReverseV2",
                        None, cls=UnimplementedError)  # fmt: skip
    if not seen:
        return _el.identity(x)
    return _shape.reverse(x, axis=tuple(_negative_axis(a, ndim) for a in sorted(seen)))


def roll(input: TensorLike, shift: TensorLike, axis: AxisLike, name: str | None = None) -> Tensor:
    """Shift elements cyclically by ``shift`` along ``axis`` (lists shift several axes).

    >>> tf.roll(tf.constant([1, 2, 3, 4]), shift=1, axis=0)
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([4, 1, 2, 3], dtype=int32)>
    """
    x = as_tensor(input)
    ndim = x.ndim
    shifts = _int_tuple(shift, "Tshift", "Roll")
    axes = _int_tuple(axis, "Taxis", "Roll")
    if len(shifts) != len(axes):
        raise _error("shift and axis must have the same size", "Roll")
    for a in axes:
        if not -ndim <= a < ndim:
            raise _error(f"axis {a + ndim if a < 0 else a} is out of range", "Roll", "")
    return _shape.roll(x, shift=shifts, axis=tuple(_negative_axis(a % ndim, ndim) for a in axes))


@_reads_values
def repeat(
    input: TensorLike, repeats: TensorLike, axis: AxisLike = None, name: str | None = None
) -> Tensor:
    """Repeat each element (or slice along ``axis``) ``repeats`` times; a gather underneath.

    >>> tf.repeat(tf.constant([1, 2]), repeats=[2, 3], axis=0)
    <tf.Tensor: shape=(5,), dtype=int32, numpy=array([1, 1, 2, 2, 2], dtype=int32)>
    """
    # TF's wrapper, step by step: repeats cast to int32 (an int64 count wraps), a scalar
    # input made 1-D, then either one count (a Tile: a negative count is its error) or
    # one count per slice (a mask: a negative count keeps nothing, and fails only the
    # final reshape off axis 0). The tile TF builds on the way is what runs out of memory.
    x = as_tensor(input)
    if axis is None:
        x = _shape.reshape(x, shape=(-1,))
        axis = 0
    if not isinstance(axis, int):
        raise TypeError(f"Argument `axis` must be an int. Received `axis` = {axis} of type "
                        f"{type(axis).__name__}")  # fmt: skip
    repeats = convert_to_tensor(repeats, dtype_hint="int32")
    if not repeats.dtype.is_integer:
        raise TypeError(f"Argument `tensor` (name: repeats) must be of type integer. Received "
                        f"`tensor` = {repeats.numpy()} of dtype: <dtype: '{repeats.dtype.name}'>")  # fmt: skip
    if repeats.ndim > 1:
        raise ValueError(f"Shape {tuple(repeats._value.shape)} must have rank at most 1")
    counts = np.asarray(repeats._value).astype(np.int32)
    if x.ndim == 0:
        x = _shape.reshape(x, shape=(1,))
    ndim = x.ndim
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis={axis} out of bounds: expected {-ndim}<=axis<{ndim}")
    axis %= ndim
    shape = x._value.shape
    size = shape[axis]
    if counts.size == 1:
        count = int(counts.ravel()[0])
        multiples = [1] * (ndim + 1)
        multiples[axis + 1] = count
        expanded = _shape.reshape(x, shape=shape[: axis + 1] + (1,) + shape[axis + 1 :])
        tiled = tile(expanded, multiples)
        with np.errstate(over="ignore"):  # TF multiplies the int32 sizes
            length = int(np.int32(size) * np.int32(count))
        return _checked_reshape(tiled, shape[:axis] + (length,) + shape[axis + 1 :])
    if counts.size != size:
        raise ValueError(f"Dimensions {size} and {counts.size} are not compatible")
    most = max(int(counts.max()) if counts.size else 0, 0)
    check_allocation(shape[: axis + 1] + (most,) + shape[axis + 1 :], x._value.dtype, "Tile")
    kept = np.maximum(counts, 0)
    positions = np.repeat(np.arange(size), kept)
    result = _ix.gather(x, indices=positions, axis=axis, batch_dims=0, lead=0)
    if axis == 0:
        return result
    with np.errstate(over="ignore"):
        total = int(np.sum(counts, dtype=np.int32))
    if shape[0] == 0 and positions.size:
        # TF's closing set_shape: its per-row repeats have a first dimension of 0 here.
        raise ValueError(f"Tensor's shape {tuple(result.shape.as_list())} is not compatible "
                         f"with supplied shape {shape[:axis] + (0,) + shape[axis + 1 :]}.")  # fmt: skip
    return _checked_reshape(result, shape[:axis] + (total,) + shape[axis + 1 :])
