"""Creating tensors, changing their shape, and indexing: TensorFlow's top-level array ops.

Thin wrappers: they convert arguments, check them with TensorFlow's errors,
and call the primitives of ``ops/shape.py`` and ``ops/index.py`` (or compose
them). ``__all__`` lists the names TensorFlow has at top level; ``top_k``
lives here too (TensorFlow's ``tf.math.top_k``).

Where TensorFlow's gradient is an ``IndexedSlices`` (``tf.gather``), tapeflow
returns a dense tensor with the same values.

>>> import tapeflow as tf
>>> print(tf.reshape(tf.range(6), [2, -1]))
tf.Tensor(
[[0 1 2]
 [3 4 5]], shape=(2, 3), dtype=int32)
"""

from __future__ import annotations

import builtins
import collections

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from .errors import InvalidArgumentError
from .math import as_tensor
from .ops import elementwise as _el
from .ops import index as _ix
from .ops import shape as _shape
from .ops._operators import true_divide as _true_divide

__all__ = [
    "argsort",
    "boolean_mask",
    "broadcast_dynamic_shape",
    "broadcast_static_shape",
    "broadcast_to",
    "concat",
    "expand_dims",
    "eye",
    "fill",
    "gather",
    "gather_nd",
    "identity",
    "linspace",
    "meshgrid",
    "one_hot",
    "ones",
    "ones_like",
    "pad",
    "range",
    "rank",
    "repeat",
    "reshape",
    "reverse",
    "roll",
    "scatter_nd",
    "searchsorted",
    "shape",
    "size",
    "slice",
    "sort",
    "split",
    "squeeze",
    "stack",
    "stop_gradient",
    "strided_slice",
    "tensor_scatter_nd_add",
    "tensor_scatter_nd_sub",
    "tensor_scatter_nd_update",
    "tile",
    "transpose",
    "unique",
    "unique_with_counts",
    "unstack",
    "where",
    "zeros",
    "zeros_like",
]

_builtin_range = builtins.range
_builtin_slice = builtins.slice
_INDEX_DTYPES = "int16, int32, int64"
_SIZE_DTYPES = "int32, int64"

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])
Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


# --------------------------------------------------------------------------
# Argument helpers
# --------------------------------------------------------------------------
def _error(message: str, op: str, name: str | None = None) -> InvalidArgumentError:
    """TensorFlow's kernel error text: the message, ``[Op:X]`` and, if TF shows it, the name."""
    suffix = "" if name is None else f" name: {name}"
    return InvalidArgumentError(None, None, f"{message} [Op:{op}]{suffix}")


def _dims_text(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _attr_error(attr: str, dtype, allowed: str, op: str) -> InvalidArgumentError:
    got = _dt.from_numpy(np.dtype(dtype)).c_name if np.dtype(dtype) != object else "string"
    return _error(
        f"Value for attr '{attr}' of {got} is not in the list of allowed values: {allowed}", op
    )


def _int_array(value, attr: str, op: str, allowed: str = _SIZE_DTYPES) -> np.ndarray:
    """An integer argument (shape, indices, paddings ...) as a NumPy array, as TF checks it."""
    if isinstance(value, TensorShape):
        value = value.as_list()
    if value.__class__ in (list, tuple) and all(d.__class__ is int for d in value):
        return np.asarray(value, dtype=np.int64)  # the common case: Python ints
    if not isinstance(value, (Tensor, np.ndarray, np.generic)):
        value = convert_to_tensor(value)  # Python floats are float32 here, as in TF
    array = np.asarray(getattr(value, "_value", value))
    if array.dtype.kind not in "iu":
        if array.size == 0 and array.dtype.kind == "f":
            return array.astype(np.int32)
        raise _attr_error(attr, array.dtype, allowed, op)
    return array


def _int_tuple(value, attr: str, op: str) -> tuple:
    if value.__class__ in (list, tuple) and all(d.__class__ is int for d in value):
        return tuple(value)
    return tuple(int(d) for d in np.atleast_1d(_int_array(value, attr, op)).ravel())


def _scalar_int(value, what: str = "axis") -> int:
    """An int argument (Python int, NumPy integer, scalar int tensor); floats are a TypeError."""
    value = getattr(value, "_value", value)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    array = np.asarray(value)
    if array.dtype.kind in "iu" and array.size == 1:
        return int(array.ravel()[0])
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype int32")


def shape_tuple(shape) -> tuple:
    """A shape argument (list, tuple, TensorShape or int tensor) as a tuple of ints."""
    if isinstance(shape, Tensor):
        return tuple(int(d) for d in np.atleast_1d(shape._value))
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def _same_dtype_tensors(values, op: str, name: str | None) -> list[Tensor]:
    """Convert a list of values to one dtype (the first tensor's), with TF's mismatch error."""
    values = list(values)
    dtype = next((v.dtype for v in values if isinstance(v, Tensor) or hasattr(v, "_as_tensor")),
                 None)  # fmt: skip
    tensors = []
    for v in values:
        if isinstance(v, Tensor) or hasattr(v, "_as_tensor") or dtype is None:
            tensors.append(as_tensor(v))
        else:
            tensors.append(convert_to_tensor(v, dtype=dtype))
    first = tensors[0].dtype if tensors else None
    for position, t in enumerate(tensors):
        if t.dtype != first:
            raise _error(
                f"cannot compute {op} as input #{position}(zero-based) was expected to be a "
                f"{first.c_name} tensor but is a {t.dtype.c_name} tensor", op, name
            )  # fmt: skip
    return tensors


def _negative_axis(axis: int, ndim: int) -> int:
    return axis - ndim if axis >= 0 else axis


# --------------------------------------------------------------------------
# Creating tensors
# --------------------------------------------------------------------------
def _filled(shape, dtype, fill_value) -> Tensor:
    dtype = _dt.as_dtype(dtype)
    dims = shape_tuple(shape)
    for d in dims:
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill", "")
    value = np.full(dims, fill_value, dtype=dtype.as_numpy_dtype_instance)
    return wrap(value[()] if not dims else value)


def zeros(shape, dtype=_dt.float32, name=None, layout=None) -> Tensor:
    """A tensor of zeros (float32 unless ``dtype`` says otherwise)."""
    return _filled(shape, dtype, 0)


def ones(shape, dtype=_dt.float32, name=None, layout=None) -> Tensor:
    """A tensor of ones (float32 unless ``dtype`` says otherwise)."""
    return _filled(shape, dtype, 1)


def fill(dims, value, name=None, layout=None) -> Tensor:
    """A tensor of shape ``dims`` filled with ``value``; the gradient w.r.t. value is the sum."""
    value = as_tensor(value)
    if value.ndim:
        raise _error(f"value must represent a scalar, got shape {_dims_text(value.shape)}", "Fill")
    dims = shape_tuple(dims)
    for d in dims:
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill")
    return _shape.broadcast_to(value, shape=dims) if dims else _el.identity(value)


def _like(fill_value):
    def like(input, dtype=None, name=None, layout=None) -> Tensor:
        x = as_tensor(input)
        return _filled(x._value.shape, x.dtype if dtype is None else dtype, fill_value)

    return like


zeros_like = _like(0)
ones_like = _like(1)
zeros_like.__name__, ones_like.__name__ = "zeros_like", "ones_like"
zeros_like.__doc__ = "Zeros shaped like ``input``; not differentiable (gradient None)."
ones_like.__doc__ = "Ones shaped like ``input``; not differentiable (gradient None)."


def range(start, limit=None, delta=1, dtype=None, name="range") -> Tensor:  # noqa: A001
    """Numbers from ``start`` up to (not including) ``limit`` by ``delta``.

    Element i is ``start + i * delta`` computed in the result dtype, as in
    TensorFlow (so float32 ranges match TF's to the bit).

    >>> import tapeflow as tf
    >>> print(tf.range(3)), print(tf.range(0.0, 1.0, 0.5))
    tf.Tensor([0 1 2], shape=(3,), dtype=int32)
    tf.Tensor([0.  0.5], shape=(2,), dtype=float32)
    (None, None)
    """
    if limit is None:
        start, limit = 0, start
    args = [v if isinstance(v, Tensor) else convert_to_tensor(v, dtype=dtype)
            for v in (start, limit, delta)]  # fmt: skip
    if dtype is None:
        order = [_dt.int32, _dt.int64, _dt.float16, _dt.float32, _dt.float64]
        dtype = max((a.dtype for a in args), key=order.index)
    dtype = _dt.as_dtype(dtype)
    np_dtype = dtype.as_numpy_dtype_instance
    first, last, step = (np_dtype.type(a._value) for a in args)
    shown = [f"{v:g}" if dtype.is_floating else str(v) for v in (first, last, step)]
    if step == 0:
        raise _error(f"Requires delta != 0: {shown[2]}", "Range", "")
    if step > 0 and first > last:
        raise _error(f"Requires start <= limit when delta > 0: {shown[0]}/{shown[1]}", "Range", "")
    if step < 0 and first < last:
        raise _error(f"Requires start >= limit when delta < 0: {shown[0]}/{shown[1]}", "Range", "")
    if dtype.is_integer:
        count = (abs(int(last) - int(first)) + abs(int(step)) - 1) // abs(int(step))
    else:
        count = int(np.ceil(np.abs((last - first) / step)))
    steps = np.arange(count, dtype=np.int64).astype(np_dtype)
    return wrap(first + steps * step)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    """An identity matrix (or a batch of them)."""
    rows = _scalar_int(num_rows)
    columns = rows if num_columns is None else _scalar_int(num_columns)
    for d in (rows, columns):
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill", "")
    matrix = np.eye(rows, columns, dtype=_dt.as_dtype(dtype).as_numpy_dtype_instance)
    if batch_shape is not None:
        matrix = np.broadcast_to(matrix, shape_tuple(batch_shape) + matrix.shape).copy()
    return wrap(matrix)


def linspace(start, stop, num, name=None, axis=0) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop`` (inclusive) along ``axis``.

    Built as TensorFlow builds it (start + delta * k, with both ends concatenated
    on), so values and gradients w.r.t. start and stop match TF's.
    """
    start = as_tensor(start)
    stop = as_tensor(stop) if isinstance(stop, Tensor) else convert_to_tensor(stop, start.dtype)
    num = _scalar_int(num, "num")
    if num < 0:
        raise _error(f"Requires start <= limit when delta > 0: 1/{num}", "Range", "")
    common = np.broadcast_shapes(start._value.shape, stop._value.shape)
    start = _shape.broadcast_to(start, shape=common) if start.shape != common else start
    stop = _shape.broadcast_to(stop, shape=common) if stop.shape != common else stop
    expanded_start = expand_dims(start, axis)
    expanded_stop = expand_dims(stop, axis)
    ndim = expanded_start.ndim
    axis = axis % ndim
    steps = builtins.max(num - 1, 1)
    if start.dtype.is_integer:
        delta = _true_divide(
            expanded_stop - expanded_start, _el.cast(wrap(np.int32(steps)), dtype=start.dtype)
        )
        expanded_start = _el.cast(expanded_start, dtype=delta.dtype)
        expanded_stop = _el.cast(expanded_stop, dtype=delta.dtype)
    else:
        delta = (expanded_stop - expanded_start) / start.dtype.as_numpy_dtype(steps)
    inner = np.arange(1, steps, dtype=np.int64).astype(delta._value.dtype)
    inner_shape = [1] * ndim
    inner_shape[axis] = builtins.max(num - 2, 0)
    middle = expanded_start + delta * wrap(inner.reshape(inner_shape))
    joined = _shape.concat(expanded_start, middle, expanded_stop, axis=axis - ndim)
    index = (_builtin_slice(None),) * axis + (_builtin_slice(0, num),)
    return _ix.getitem(joined, index=index)


def meshgrid(*args, **kwargs) -> list:
    """Coordinate grids from 1-D coordinate vectors (``indexing='xy'`` or ``'ij'``)."""
    indexing = kwargs.pop("indexing", "xy")
    kwargs.pop("name", None)
    if kwargs:
        key = list(kwargs.keys())[0]
        raise TypeError(f"'{key}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(
            f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'"
        )
    if not args:
        return []
    ndim = len(args)
    vectors = [reshape(a, [-1]) for a in args]
    sizes = [v._value.size for v in vectors]
    shapes = []
    for i in _builtin_range(ndim):
        s = [1] * ndim
        s[i] = sizes[i]
        shapes.append(s)
    if indexing == "xy" and ndim > 1:
        shapes[0], shapes[1] = [1, sizes[0]] + [1] * (ndim - 2), [sizes[1], 1] + [1] * (ndim - 2)
        sizes[0], sizes[1] = sizes[1], sizes[0]
    return [_shape.broadcast_to(_shape.reshape(v, shape=tuple(s)), shape=tuple(sizes))
            for v, s in zip(vectors, shapes)]  # fmt: skip


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot vectors along ``axis`` (last by default); not differentiable (gradient None).

    Indices outside ``[0, depth)`` give all-``off_value`` rows, as in TensorFlow.
    """
    hint = None if dtype is None else _dt.as_dtype(dtype)
    on_value, off_value = (
        v if v is None or isinstance(v, Tensor) else convert_to_tensor(v, dtype_hint=hint)
        for v in (on_value, off_value)
    )
    given = [as_tensor(v) for v in (on_value, off_value) if v is not None]
    if on_value is not None and off_value is not None and given[0].dtype != given[1].dtype:
        raise TypeError(f"dtype {given[0].dtype} of on_value does not match dtype "
                        f"{given[1].dtype} of off_value")  # fmt: skip
    if dtype is not None:
        dtype = _dt.as_dtype(dtype)
        for label, value in zip(("on_value", "off_value"), (on_value, off_value)):
            if value is not None and as_tensor(value).dtype != dtype:
                raise TypeError(f"dtype {as_tensor(value).dtype} of {label} does not match "
                                f"dtype parameter {dtype}")  # fmt: skip
    else:
        dtype = given[0].dtype if given else _dt.float32
    index = _int_array(indices, "TI", "OneHot", "uint8, int8, int32, int64")
    depth = _scalar_int(depth, "depth")
    if depth < 0:
        raise _error(f"depth must be non-negative, got: {depth}", "OneHot")
    out_ndim = index.ndim + 1
    axis = -1 if axis is None else _scalar_int(axis)
    if axis != -1 and not 0 <= axis < out_ndim:
        raise _error(
            f"Expected axis to be -1 or between [0, {out_ndim}).  But received: {axis}", "OneHot"
        )
    np_dtype = dtype.as_numpy_dtype_instance
    on = np.asarray(1 if on_value is None else as_tensor(on_value)._value, np_dtype)
    off = np.asarray(0 if off_value is None else as_tensor(off_value)._value, np_dtype)
    hot = index[..., None] == np.arange(depth)
    value = np.where(hot, on, off)
    if axis != -1:
        value = np.moveaxis(value, -1, axis)
    return wrap(np.ascontiguousarray(value))


# --------------------------------------------------------------------------
# Identity, shapes
# --------------------------------------------------------------------------
def identity(input, name=None) -> Tensor:
    """A new tensor with the same value; the gradient passes through unchanged."""
    return _el.identity(as_tensor(input))


def stop_gradient(input, name=None) -> Tensor:
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


def shape(input, out_type=_dt.int32, name=None) -> Tensor:
    """The shape of ``input`` as an int32 (or ``out_type``) tensor."""
    value = np.asarray(
        as_tensor(input)._value.shape, dtype=_dt.as_dtype(out_type).as_numpy_dtype_instance
    )
    return wrap(value)


def rank(input, name=None) -> Tensor:
    """The number of dimensions of ``input``, as an int32 scalar."""
    return wrap(np.int32(as_tensor(input)._value.ndim))


def size(input, out_type=_dt.int32, name=None) -> Tensor:
    """The number of elements of ``input``, as an int32 (or ``out_type``) scalar."""
    return wrap(_dt.as_dtype(out_type).as_numpy_dtype(as_tensor(input)._value.size))


def broadcast_static_shape(shape_x, shape_y) -> TensorShape:
    """The broadcast of two TensorShapes."""
    x, y = TensorShape(shape_x), TensorShape(shape_y)
    try:
        return TensorShape(np.broadcast_shapes(tuple(x.as_list()), tuple(y.as_list())))
    except ValueError:
        raise ValueError(
            "Incompatible shapes for broadcasting. Two shapes are compatible if for each "
            "dimension pair they are either equal or one of them is 1. "
            f"Received: {x} and {y}."
        ) from None


def broadcast_dynamic_shape(shape_x, shape_y) -> Tensor:
    """The broadcast of two shapes given as 1-D int tensors."""
    x = _int_array(shape_x, "T", "BroadcastArgs")
    y = _int_array(shape_y, "T", "BroadcastArgs")
    try:
        result = np.broadcast_shapes(tuple(x.tolist()), tuple(y.tolist()))
    except ValueError:
        raise _error(f"Incompatible shapes: {_dims_text(x)} vs. {_dims_text(y)}",
                     "BroadcastArgs") from None  # fmt: skip
    return wrap(np.asarray(result, dtype=np.result_type(x.dtype, y.dtype)))


# --------------------------------------------------------------------------
# Reshaping
# --------------------------------------------------------------------------
def reshape(tensor, shape, name=None) -> Tensor:
    """The same values in a new shape; one dimension may be -1."""
    x = as_tensor(tensor)
    dims = _int_tuple(shape, "Tshape", "Reshape")
    unknown = [i for i, d in enumerate(dims) if d == -1]
    if len(unknown) > 1:
        raise _error(f"Only one input size may be -1, not both {unknown[0]} and {unknown[1]}",
                     "Reshape")  # fmt: skip
    for i, d in enumerate(dims):
        if d < -1:
            raise _error(f"Size {i} must be non-negative, not {d}", "Reshape")
    return _shape.reshape(x, shape=dims)


def transpose(a, perm=None, conjugate=False, name="transpose") -> Tensor:
    """Permute the axes (reverse them when ``perm`` is None); ``conjugate`` also conjugates."""
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


def expand_dims(input, axis, name=None) -> Tensor:
    """Insert a length-1 axis at ``axis`` (negative counts from the end of the result)."""
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


def squeeze(input, axis=None, name=None) -> Tensor:
    """Remove length-1 axes (all of them, or those listed in ``axis``)."""
    x = as_tensor(input)
    dims = x._value.shape
    ndim = len(dims)
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


def broadcast_to(input, shape, name=None) -> Tensor:
    """``input`` broadcast to ``shape``; the gradient sums over the broadcast axes."""
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
            raise _error(f"Incompatible shapes: {_dims_text(have)} vs. {_dims_text(dims)}",
                         "BroadcastTo")  # fmt: skip
    return _shape.broadcast_to(x, shape=dims)


# --------------------------------------------------------------------------
# Joining and splitting
# --------------------------------------------------------------------------
def concat(values, axis, name="concat") -> Tensor:
    """Join tensors along an existing axis. Gradient: the cotangent split back."""
    if isinstance(values, Tensor):
        values = list(values)
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
                         f"{_dims_text(first)} vs. shape[{i}] = {_dims_text(other)}",
                         "ConcatV2", name)  # fmt: skip
        for d in _builtin_range(ndim):
            if d != axis and other[d] != first[d]:
                raise _error(f"ConcatOp : Dimension {d} in both shapes must be equal: shape[0] = "
                             f"{_dims_text(first)} vs. shape[{i}] = {_dims_text(other)}",
                             "ConcatV2", name)  # fmt: skip
    return _shape.concat(*tensors, axis=axis - ndim)


def stack(values, axis=0, name="stack") -> Tensor:
    """Join tensors of one shape along a new axis. Gradient: the cotangent unstacked."""
    values = list(values)
    axis = _scalar_int(axis)
    if values:
        expanded = as_tensor(values[0]).ndim + 1
        if not -expanded <= axis < expanded:
            raise ValueError(f"Argument `axis` = {axis} not in range [{-expanded}, {expanded})")
    if not any(isinstance(v, Tensor) or hasattr(v, "_as_tensor") for v in values):
        packed = convert_to_tensor(values)  # plain Python values: nothing to differentiate
        if axis in (0, -packed.ndim):
            return packed
        return wrap(np.ascontiguousarray(np.moveaxis(packed._value, 0, axis)))
    tensors = _same_dtype_tensors(values, "Pack", name)
    first = tensors[0]._value.shape
    for i, t in enumerate(tensors[1:], 1):
        if t._value.shape != first:
            raise _error(f"Shapes of all inputs must match: values[0].shape = {_dims_text(first)} "
                         f"!= values[{i}].shape = {_dims_text(t._value.shape)}", "Pack",
                         name)  # fmt: skip
    return _shape.stack(*tensors, axis=_negative_axis(axis, len(first) + 1))


def unstack(value, num=None, axis=0, name="unstack") -> list:
    """The slices of ``value`` along ``axis``, as a list. Gradient: the cotangents stacked."""
    x = as_tensor(value)
    ndim = x.ndim
    axis = _scalar_int(axis)
    if not -ndim <= axis < ndim:
        raise ValueError(f"Argument `axis` = {axis} not in range [{-ndim}, {ndim})")
    size = x._value.shape[axis]
    if num is not None and num != size:
        raise _error(f"Input shape axis {axis % ndim} must equal {num}, got shape "
                     f"{_dims_text(x._value.shape)}", "Unpack", name)  # fmt: skip
    return list(_shape.unstack(x, axis=_negative_axis(axis, ndim)))


def split(value, num_or_size_splits, axis=0, num=None, name="split") -> list:
    """Split into ``num`` equal pieces, or pieces of the given sizes (one may be -1)."""
    x = as_tensor(value)
    ndim = x.ndim
    axis = _scalar_int(axis)
    raw = getattr(num_or_size_splits, "_value", num_or_size_splits)
    op = "Split" if np.ndim(raw) == 0 else "SplitV"
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
        sizes = list(_int_tuple(raw, "Tlen", op))
        unknown = [i for i, s in enumerate(sizes) if s == -1]
        if len(unknown) > 1:
            raise _error("There can only be one -1 in the input.", op, name)
        known = builtins.sum(s for s in sizes if s != -1)
        if not (known == total or (unknown and known <= total)):
            raise _error(
                "Determined shape must either match input shape along split_dim exactly if "
                "fully specified, or be less than the size of the input along split_dim if not "
                f"fully specified.  Got: {known}", op, name
            )  # fmt: skip
        if unknown:
            sizes[unknown[0]] = total - known
        sizes = tuple(sizes)
    return list(_shape.split(x, sizes=sizes, axis=_negative_axis(axis, ndim)))


# --------------------------------------------------------------------------
# Tiling, padding, reversing, rolling, repeating
# --------------------------------------------------------------------------
def tile(input, multiples, name=None) -> Tensor:
    """Repeat the whole tensor ``multiples[i]`` times along axis i. Gradient: a sum of tiles."""
    x = as_tensor(input)
    reps = _int_tuple(multiples, "Tmultiples", "Tile") if x.ndim else ()
    if len(reps) != x.ndim:
        raise _error(f"Expected multiples argument to be a vector of length {x.ndim} but got "
                     f"length {len(reps)}", "Tile")  # fmt: skip
    for i, m in enumerate(reps):
        if m < 0:
            raise _error(f"Expected multiples[{i}] >= 0, but got {m}", "Tile")
    return _shape.tile(x, multiples=reps)


def pad(tensor, paddings, mode="CONSTANT", constant_values=0, name=None) -> Tensor:
    """Pad with a constant, or by reflecting (REFLECT) or mirroring (SYMMETRIC) the edges."""
    x = as_tensor(tensor)
    mode = mode.upper() if isinstance(mode, str) else mode
    if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
        raise ValueError('Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", '
                         f'or "SYMMETRIC". Received `mode` = {mode}')  # fmt: skip
    if mode == "CONSTANT":
        op = "Pad" if np.all(np.asarray(getattr(constant_values, "_value", constant_values)) == 0) \
            else "PadV2"  # fmt: skip
    else:
        op = "MirrorPad"
    table = _int_array(paddings, "Tpaddings", op)
    if not x.ndim and not table.size:
        table = table.reshape(0, 2)
    if table.ndim != 2 or table.shape[0] != x.ndim or table.shape[1] != 2:
        raise _error(f"The first dimension of paddings must be the rank of inputs"
                     f"{_dims_text(table.shape)} {_dims_text(x._value.shape)}", op)  # fmt: skip
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
    if mode != "CONSTANT":
        return _shape.mirror_pad(x, paddings=pairs, mode=mode)
    fill_value = convert_to_tensor(constant_values, dtype=x.dtype)._value
    return _shape.pad(x, paddings=pairs, constant_values=fill_value)


def reverse(tensor, axis, name=None) -> Tensor:
    """Reverse the order of elements along each axis in ``axis``."""
    x = as_tensor(tensor)
    ndim = x.ndim
    axes = _int_tuple(axis, "Tidx", "ReverseV2") if np.size(getattr(axis, "_value", axis)) else ()
    seen = set()
    for i, a in enumerate(axes):
        if not -ndim <= a < ndim:
            raise _error(f"'axis'[{i}] = {a} is out of valid range [0, {ndim - 1}", "ReverseV2")
        if a % ndim in seen:
            raise _error(f"axis {a % ndim} specified more than once.", "ReverseV2")
        seen.add(a % ndim)
    if not axes:
        return _el.identity(x)
    return _shape.reverse(x, axis=tuple(_negative_axis(a % ndim, ndim) for a in axes))


def roll(input, shift, axis, name=None) -> Tensor:
    """Shift elements cyclically by ``shift`` along ``axis`` (lists shift several axes)."""
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


def repeat(input, repeats, axis=None, name=None) -> Tensor:
    """Repeat each element (or slice along ``axis``) ``repeats`` times; a gather underneath."""
    x = as_tensor(input)
    if axis is None:
        x = _shape.reshape(x, shape=(-1,))
        axis = 0
    axis = _scalar_int(axis)
    ndim = x.ndim
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis={axis} out of bounds: expected {-ndim}<=axis<{ndim}")
    axis %= ndim
    counts = np.asarray(getattr(repeats, "_value", repeats))
    size = x._value.shape[axis]
    if counts.ndim == 1 and counts.size not in (1, size):
        raise ValueError(f"Dimensions {size} and {counts.size} are not compatible")
    for c in np.atleast_1d(counts).ravel():
        if c < 0:
            raise _error(f"Expected multiples[1] >= 0, but got {int(c)}", "Tile")
    positions = np.repeat(np.arange(size), np.broadcast_to(counts.ravel(), (size,)))
    return _ix.gather(x, indices=positions, axis=axis, batch_dims=0, lead=0)


# --------------------------------------------------------------------------
# Slicing and indexing
# --------------------------------------------------------------------------
def slice(input_, begin, size, name=None) -> Tensor:  # noqa: A001
    """The block starting at ``begin`` of extent ``size`` (-1: to the end). Gradient: a pad."""
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


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None) -> Tensor:  # fmt: skip
    """``x[begin:end:strides]`` spelled out, with TensorFlow's bit masks."""
    x = as_tensor(input_)
    starts = _int_array(begin, "Index", "StridedSlice").ravel().tolist()
    stops = _int_array(end, "Index", "StridedSlice").ravel().tolist()
    steps = [1] * len(starts) if strides is None else \
        _int_array(strides, "Index", "StridedSlice").ravel().tolist()  # fmt: skip
    if not len(starts) == len(stops) == len(steps):
        raise _error(f"Expected begin, end, and strides to be 1D equal size tensors, but got "
                     f"shapes [{len(starts)}], [{len(stops)}], and [{len(steps)}] instead.",
                     "StridedSlice")  # fmt: skip
    key = []
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


def boolean_mask(tensor, mask, axis=None, name="boolean_mask") -> Tensor:
    """The entries (or slices from ``axis`` on) where ``mask`` is true, flattened over the mask."""
    x = as_tensor(tensor)
    axis = 0 if axis is None else _scalar_int(axis)
    return _ix.getitem(x, index=_ix.mask_index(x._value.shape, mask, axis))


def _index_array(indices, op: str) -> np.ndarray:
    return _int_array(indices, "Tindices", op, _INDEX_DTYPES)


def _position_text(flat: int, shape) -> str:
    return ",".join(str(int(i)) for i in np.unravel_index(flat, shape)) if shape else ""


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """Slices of ``params`` at ``indices`` along ``axis`` (with ``batch_dims`` leading batch axes).

    TensorFlow's gradient here is an ``IndexedSlices``; tapeflow returns the same
    values as a dense tensor (repeated indices add up).

    >>> import tapeflow as tf
    >>> x = tf.constant([1.0, 2.0, 3.0])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.gather(x, [2, 0, 2])
    >>> print(y), print(tape.gradient(y, x))
    tf.Tensor([3. 1. 3.], shape=(3,), dtype=float32)
    tf.Tensor([1. 0. 2.], shape=(3,), dtype=float32)
    (None, None)
    """
    x = as_tensor(params)
    index = _index_array(indices, "GatherV2")
    if axis is not None:
        _int_array(axis, "Taxis", "GatherV2")
    batch_dims = _scalar_int(batch_dims)
    axis = batch_dims if axis is None else _scalar_int(axis)
    if axis == 0:
        batch_dims = 0  # as TensorFlow's tf.gather: an explicit axis 0 drops batch_dims
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
    bad = np.flatnonzero((index < 0) | (index >= limit))
    if bad.size:
        where_ = _position_text(bad[0], index.shape)
        raise _error(f"indices[{where_}] = {index.ravel()[bad[0]]} is not in [0, {limit})",
                     "GatherV2")  # fmt: skip
    return _ix.gather(x, indices=index, axis=axis, batch_dims=batch_dims, lead=0)


def _check_nd_indices(index: np.ndarray, dims: tuple, batch_dims: int, text: str, op: str):
    """Every index tuple must lie inside ``dims``; TF's message names the first that does not."""
    if not index.size:
        return
    rows = index.reshape(-1, index.shape[-1])
    bad = np.flatnonzero(np.any((rows < 0) | (rows >= np.asarray(dims, dtype=np.int64)), axis=1))
    if bad.size:
        where_ = np.unravel_index(int(bad[0]), index.shape[:-1])
        shown = [int(i) for i in where_[:batch_dims]] + [int(v) for v in rows[bad[0]]]
        raise _error(
            f"indices[{','.join(str(int(i)) for i in where_)}] = "
            f"[{', '.join(str(v) for v in shown)}] does not index into {text}",
            op, "" if batch_dims else None,
        )  # fmt: skip


def _prod(dims) -> int:
    return int(np.prod(dims, dtype=np.int64))


def gather_nd(params, indices, batch_dims=0, name=None) -> Tensor:
    """Slices of ``params`` at the index tuples in the last axis of ``indices``."""
    x = as_tensor(params)
    index = _index_array(indices, "GatherNd")
    batch_dims = _scalar_int(batch_dims)
    if batch_dims >= index.ndim:
        raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than rank(`indices`) "
                         f"= {index.ndim}")  # fmt: skip
    depth = index.shape[-1] if index.ndim else 0
    if index.ndim == 0:
        raise _error("indices must be at least a vector", "GatherNd")
    if depth > x.ndim - batch_dims:
        raise _error(f"index innermost dimension length must be <= params rank; saw: {depth} vs. "
                     f"{x.ndim - batch_dims}", "GatherNd")  # fmt: skip
    shape_ = x._value.shape
    for d in _builtin_range(batch_dims):
        if shape_[d] != index.shape[d]:
            raise _error(f"params.shape[{d}]: {shape_[d]} should be equal to indices.shape[{d}]: "
                         f"{index.shape[d]}", "GatherNd")  # fmt: skip
    _check_nd_indices(index, shape_[batch_dims : batch_dims + depth], batch_dims,
                      f"param shape {_dims_text(shape_)}, node name: GatherNd", "GatherNd")  # fmt: skip
    return _ix.gather_nd(x, indices=index, batch_dims=batch_dims, lead=0)


def _check_scatter(index, updates_shape, shape_, op: str) -> None:
    depth = index.shape[-1]
    outer = index.ndim - 1
    if op == "ScatterNd":
        if tuple(updates_shape[:outer]) != tuple(index.shape[:outer]):
            raise _error(f"Dimensions [0,{outer}) of indices[shape={_dims_text(index.shape)}] "
                         f"must match dimensions [0,{outer}) of updates[shape="
                         f"{_dims_text(updates_shape)}]", op)  # fmt: skip
        if depth > len(shape_) or tuple(shape_[depth:]) != tuple(updates_shape[outer:]):
            raise _error(f"Dimensions [{depth},{len(shape_)}) of input[shape={_dims_text(shape_)}]"
                         f" must match dimensions [{outer},{len(updates_shape)}) of updates[shape="
                         f"{_dims_text(updates_shape)}]", op)  # fmt: skip
    else:
        if tuple(updates_shape[:outer]) != tuple(index.shape[:outer]):
            raise _error(f"Outer dimensions of indices and update must match. Indices shape: "
                         f"{_dims_text(index.shape)}, updates shape:{_dims_text(updates_shape)}",
                         op)  # fmt: skip
        inner = len(shape_) - depth
        if depth > len(shape_) or tuple(shape_[depth:]) != tuple(updates_shape[outer:]):
            raise _error(f"The inner {inner} dimensions of output.shape={_dims_text(shape_)} must "
                         f"match the inner {inner} dimensions of updates.shape="
                         f"{_dims_text(updates_shape)}", op)  # fmt: skip
    _check_nd_indices(index, shape_[:depth], 0, f"shape {_dims_text(shape_)}", op)


def scatter_nd(indices, updates, shape, name=None) -> Tensor:
    """Zeros of ``shape`` with ``updates`` added at the index tuples (repeats add up)."""
    u = as_tensor(updates)
    index = _index_array(indices, "ScatterNd")
    dims = _int_tuple(shape, "Tindices", "ScatterNd")
    _check_scatter(index, u._value.shape, dims, "ScatterNd")
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


def tensor_scatter_nd_update(tensor, indices, updates, name=None) -> Tensor:
    """``tensor`` with the slices at ``indices`` replaced by ``updates`` (the last repeat wins).

    Gradient: ``tensor`` gets g with zeros at the updated slices, ``updates``
    gets ``gather_nd(g, indices)`` (every repeat, as in TensorFlow).
    """
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterUpdate")
    return _ix.scatter_nd_update(t, u, indices=index, lead=0)


def tensor_scatter_nd_add(tensor, indices, updates, name=None) -> Tensor:
    """``tensor`` plus ``updates`` added at ``indices`` (repeats add up)."""
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterAdd")
    shape_ = t._value.shape
    return _el.add(t, _ix.scatter_nd(u, indices=index, shape=shape_, batch_dims=0, lead=0))


def tensor_scatter_nd_sub(tensor, indices, updates, name=None) -> Tensor:
    """``tensor`` minus ``updates`` subtracted at ``indices`` (repeats add up)."""
    t, index, u = _scatter_operands(tensor, indices, updates, "TensorScatterSub")
    shape_ = t._value.shape
    return _el.subtract(t, _ix.scatter_nd(u, indices=index, shape=shape_, batch_dims=0, lead=0))


# --------------------------------------------------------------------------
# Sorting and searching
# --------------------------------------------------------------------------
def _descending_order(values: np.ndarray) -> np.ndarray:
    """Stable descending order along the last axis: ties keep index order, NaN first."""
    n = values.shape[-1]
    return n - 1 - np.argsort(values[..., ::-1], axis=-1, kind="stable")[..., ::-1]


def _take_last(x: Tensor, order: np.ndarray) -> Tensor:
    """x's entries at ``order`` along the last axis: a gather, so the gradient is routed back."""
    batch = x.ndim - 1
    return _ix.gather(x, indices=order, axis=batch, batch_dims=batch, lead=0)


def _sort_axis(x: Tensor, axis) -> int:
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


def sort(values, axis=-1, direction="ASCENDING", name=None) -> Tensor:
    """Sorted values along ``axis``; ties keep their order. Gradient: routed back by position."""
    _check_direction(direction)
    x = as_tensor(values)
    axis = _sort_axis(x, axis)
    if axis == x.ndim - 1:
        return _take_last(x, _order(x._value, direction))
    perm = _last_axis_perm(x.ndim, axis)  # a swap: its own inverse
    moved = _shape.transpose(x, perm=perm)
    return _shape.transpose(_take_last(moved, _order(moved._value, direction)), perm=perm)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None) -> Tensor:
    """int32 positions that sort ``values`` along ``axis`` (always stable). No gradient."""
    _check_direction(direction)
    x = as_tensor(values)
    axis = _sort_axis(x, axis)
    moved = np.swapaxes(x._value, axis, -1)
    order = np.swapaxes(_order(moved, direction), axis, -1)
    return wrap(np.ascontiguousarray(order.astype(np.int32)))


def top_k(input, k=1, sorted=True, index_type=_dt.int32, name=None):  # noqa: A002
    """The ``k`` largest entries along the last axis and their positions (``tf.math.top_k``).

    Ties go to the lower index, and so does the gradient (only the selected
    entries receive it). With ``sorted=False`` the k entries come in index order.
    """
    x = as_tensor(input)
    k = _scalar_int(k, "k")
    if not x.ndim:
        raise _error("input must be >= 1-D, got shape []", "TopKV2", "")
    if k < 0:
        raise _error(f"Need k >= 0, got {k}", "TopKV2", "")
    n = x._value.shape[-1]
    if k > n:
        raise _error(f"input must have at least k columns. Had {n}, needed {k}", "TopKV2", "")
    order = _descending_order(x._value)[..., :k]
    if not sorted:
        order = np.sort(order, axis=-1)
    values = _take_last(x, order)
    return TopKV2(values, wrap(order.astype(_dt.as_dtype(index_type).as_numpy_dtype_instance)))


def _unique_input(x, op: str) -> Tensor:
    x = as_tensor(x)
    if x.ndim != 1:
        raise _error("unique expects a 1D vector.", op, "")
    return x


def unique(x, out_idx=_dt.int32, name=None):
    """Distinct values in order of first appearance, and each entry's position among them.

    TensorFlow registers no gradient for Unique: differentiating through ``y``
    raises ``LookupError``, as it does in TensorFlow.
    """
    x = _unique_input(x, "Unique")
    y, idx, _ = _ix.unique(x, out_idx=_dt.as_dtype(out_idx).as_numpy_dtype_instance)
    return Unique(y, idx)


def unique_with_counts(x, out_idx=_dt.int32, name=None):
    """``unique`` plus how often each distinct value occurs."""
    x = _unique_input(x, "UniqueWithCounts")
    y, idx, count = _ix.unique(x, out_idx=_dt.as_dtype(out_idx).as_numpy_dtype_instance)
    return UniqueWithCounts(y, idx, count)


def _search_rows(sequence: np.ndarray, values: np.ndarray, side: str) -> np.ndarray:
    """searchsorted for each row pair at once: one stable sort of [values, sequence] per row."""
    rows, m = values.shape
    if side == "left":  # values first: a tie puts the value before equal sequence entries
        joined, is_value = np.concatenate([values, sequence], axis=1), lambda o: o < m
    else:  # sequence first: a tie puts equal sequence entries before the value
        n = sequence.shape[1]
        joined, is_value = np.concatenate([sequence, values], axis=1), lambda o: o >= n
    order = np.argsort(joined, axis=1, kind="stable")
    value_here = is_value(order)
    sequence_before = np.cumsum(~value_here, axis=1) - ~value_here
    which = order[value_here].reshape(rows, m) - (0 if side == "left" else sequence.shape[1])
    result = np.empty((rows, m), dtype=np.int64)
    np.put_along_axis(result, which, sequence_before[value_here].reshape(rows, m), axis=1)
    return result


def searchsorted(sorted_sequence, values, side="left", out_type=_dt.int32, name=None) -> Tensor:
    """Insertion points of ``values`` in each row of ``sorted_sequence``. No gradient."""
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
    s = sequence._value.reshape(-1, sequence._value.shape[-1])
    v = vals._value.reshape(-1, vals._value.shape[-1])
    if s.shape[0] != v.shape[0]:
        raise _error("Leading dim_size of both tensors must match.", op, "")
    if s.shape[0] == 1:
        found = np.searchsorted(s[0], v[0], side=side)
    else:
        found = _search_rows(s, v, side)
    dtype = _dt.as_dtype(out_type).as_numpy_dtype_instance
    return wrap(found.astype(dtype).reshape(vals._value.shape))


# --------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------
def where(condition, x=None, y=None, name=None) -> Tensor:
    """Select from ``x`` where ``condition`` holds, else from ``y`` (broadcasting).

    With only ``condition``, the int64 coordinates of its true elements.
    Both branches receive a gradient (zero where unused), so a NaN in the
    unused branch's gradient still shows: sanitize its input first.
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
