"""Creating tensors: zeros, ones, fill, range, eye, linspace, meshgrid, one_hot."""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values as _reads_values
from .._limits import check_allocation
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import DTypeLike, ShapeLike, TensorLike
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import index as _ix
from ..ops import shape as _shape
from ..ops._operators import true_divide as _true_divide
from ._common import _builtin_range, _builtin_slice, _error, _int_array, _scalar_int, shape_tuple
from ._shapes import expand_dims, reshape


def _filled(shape, dtype, fill_value) -> Tensor:
    dtype = _dt.as_dtype(dtype)
    dims = shape_tuple(shape)
    for d in dims:
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill", "")
    check_allocation(dims, dtype.as_numpy_dtype_instance, "Fill")
    if dtype.as_numpy_dtype_instance.kind == "O":  # strings: TF fills with b""
        if fill_value:
            raise TypeError(f"Cannot convert 1 to EagerTensor of dtype {dtype.name}")
        fill_value = b""
    value = np.full(dims, fill_value, dtype=dtype.as_numpy_dtype_instance)
    # A 0-d string array stays an array (its [()] is a bare bytes object).
    return _new(value[()] if not dims and value.dtype.kind != "O" else value)


def _new(value) -> Tensor:
    """A Tensor of a new NumPy value, placed by the tf.device scope (GPU or CPU)."""
    if _backend.gpu_scope_depth:
        value = _backend.placed(value)
    return wrap(value)


def zeros(
    shape: ShapeLike, dtype: DTypeLike = _dt.float32, name: str | None = None, layout: Any = None
) -> Tensor:
    """A tensor of zeros (float32 unless ``dtype`` says otherwise).

    >>> tf.zeros([2, 3])
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[0., 0., 0.],
           [0., 0., 0.]], dtype=float32)>
    >>> tf.zeros([2], dtype=tf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 0], dtype=int32)>
    """
    return _filled(shape, dtype, 0)


def ones(
    shape: ShapeLike, dtype: DTypeLike = _dt.float32, name: str | None = None, layout: Any = None
) -> Tensor:
    """A tensor of ones (float32 unless ``dtype`` says otherwise).

    >>> tf.ones([2, 2], dtype=tf.float64)
    <tf.Tensor: shape=(2, 2), dtype=float64, numpy=
    array([[1., 1.],
           [1., 1.]])>
    """
    return _filled(shape, dtype, 1)


def fill(dims: ShapeLike, value: TensorLike, name: str | None = None, layout: Any = None) -> Tensor:
    """A tensor of shape ``dims`` filled with ``value``; the gradient w.r.t. value is the sum.

    >>> tf.fill([2, 3], 7)
    <tf.Tensor: shape=(2, 3), dtype=int32, numpy=
    array([[7, 7, 7],
           [7, 7, 7]], dtype=int32)>
    """
    value = as_tensor(value)
    if value.ndim == 1 and value.shape[0] == 1:  # TF's Fill kernel takes a 1-element vector
        # Strings stay a 0-d array (reshape's [()] would be a bare bytes object).
        value = (wrap(value._value.reshape(())) if value._value.dtype.kind == "O"
                 else _shape.reshape(value, shape=()))  # fmt: skip
    if value.ndim:
        raise _error(f"value must represent a scalar, got shape {_shape_text(value.shape)}", "Fill")
    dims = shape_tuple(dims)
    for d in dims:
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill")
    check_allocation(dims, value._value.dtype, "Fill")
    return _shape.broadcast_to(value, shape=dims) if dims else _el.identity(value)


def _like(fill_value: int):
    def like(
        input: TensorLike,  # noqa: A002
        dtype: DTypeLike = None,
        name: str | None = None,
        layout: Any = None,
    ) -> Tensor:
        x = as_tensor(input)
        dtype = x.dtype if dtype is None else _dt.as_dtype(dtype)
        if _backend.is_foreign(x._value):  # made where x lives (Dask: with x's chunks)
            value = np.full_like(x._value, fill_value, dtype=dtype.as_numpy_dtype_instance)
            scope = _backend.scope_device_type()
            return wrap(value if scope is None else _backend.to_device(value, scope))
        return _filled(x._value.shape, dtype, fill_value)

    return like


zeros_like = _like(0)
ones_like = _like(1)
zeros_like.__name__, ones_like.__name__ = "zeros_like", "ones_like"
zeros_like.__doc__ = """Zeros shaped like ``input``; not differentiable (gradient None).

    >>> print(tf.zeros_like(tf.constant([[1, 2], [3, 4]])))
    tf.Tensor(
    [[0 0]
     [0 0]], shape=(2, 2), dtype=int32)
    """
ones_like.__doc__ = """Ones shaped like ``input``; not differentiable (gradient None).

    >>> tf.ones_like(tf.constant([1.5, 2.5]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """


@_reads_values  # a traced tf.range(n) has each call's n, not the trace's
def range(
    start: TensorLike,
    limit: TensorLike = None,
    delta: TensorLike = 1,
    dtype: DTypeLike = None,
    name: str | None = "range",
) -> Tensor:  # noqa: A001
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
    for what, a in zip(("start", "limit", "delta"), args):
        # The kernel also takes a one-element vector as a scalar (a legacy allowance).
        if a.ndim and a.shape != (1,):
            raise _error(f"{what} must be a scalar, not shape {_shape_text(a.shape)}", "Range", "")
    first, last, step = (np_dtype.type(_backend.to_host(a._value).reshape(())) for a in args)
    shown = [f"{v:g}" if dtype.is_floating else str(v) for v in (first, last, step)]
    if step == 0:
        raise _error(f"Requires delta != 0: {shown[2]}", "Range", "")
    # Written as TF tests them, so a NaN bound fails the order check.
    if step > 0 and not first <= last:
        raise _error(f"Requires start <= limit when delta > 0: {shown[0]}/{shown[1]}", "Range", "")
    if step < 0 and not first >= last:
        raise _error(f"Requires start >= limit when delta < 0: {shown[0]}/{shown[1]}", "Range", "")
    if dtype.is_integer:
        count = (abs(int(last) - int(first)) + abs(int(step)) - 1) // abs(int(step))
    else:
        span = np.ceil(np.abs((last - first) / step))
        # Compared as a Python float: float16 would round the int64 limit up to inf.
        if not (np.isfinite(span) and float(span) <= float(np.iinfo(np.int64).max)):
            raise _error("Requires ((limit - start) / delta) <= 9223372036854775807", "Range", "")
        count = int(span)
    check_allocation((count,), np.int64, "Range")
    steps = np.arange(count, dtype=np.int64).astype(np_dtype)
    return _new(first + steps * step)


def _wrap_int32(d: int) -> int:
    return (d + 2**31) % 2**32 - 2**31


def _eye_int32_sizes(rows: int, columns: int, batch: tuple, square: bool) -> tuple[int, int]:
    """eye's matrix sizes where TF builds its shapes as int32 tensors (a tensor argument):
    sizes past int32 wrap around (2**40 becomes 0), and a non-square matrix whose wrapped
    sizes no longer hold the diagonal fails in TF's set_diag."""
    diag = _wrap_int32(min(rows, columns))
    if square:
        return diag, diag
    wrapped = (_wrap_int32(rows), _wrap_int32(columns))
    if min(wrapped) >= 0 and diag >= 0 and min(wrapped) != diag:
        raise _error(
            "Either first dimensions of diagonal don't match input.shape[:-2], or "
            "diagonal.shape[:-1] is not equal to the longests diagonal in range "
            f"[lower_diag_index:upper_diag_index].\nInput shape: {_shape_text(batch + wrapped)}"
            f"\nDiagonal shape: {_shape_text(batch + (diag,))}\nExpected diagonal shape: "
            f"{_shape_text(batch + (min(wrapped),))}", "MatrixSetDiagV3", "set_diag",
        )  # fmt: skip
    return wrapped


def eye(
    num_rows: TensorLike,
    num_columns: TensorLike = None,
    batch_shape: ShapeLike = None,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
) -> Tensor:
    """An identity matrix (or a batch of them).

    >>> print(tf.eye(2))
    tf.Tensor(
    [[1. 0.]
     [0. 1.]], shape=(2, 2), dtype=float32)
    """
    rows = _scalar_int(num_rows, bools=False)
    columns = rows if num_columns is None else _scalar_int(num_columns, bools=False)
    if isinstance(batch_shape, (int, np.integer)):
        raise TypeError(f"'{type(batch_shape).__name__}' object is not iterable")
    if isinstance(batch_shape, Tensor) and batch_shape.dtype != _dt.int32:
        raise ValueError(f"shape: Tensor conversion requested dtype int32 for Tensor with dtype "
                         f"{batch_shape.dtype.name}: {batch_shape!r}")  # fmt: skip
    batch = () if batch_shape is None else shape_tuple(batch_shape)
    if any(isinstance(v, Tensor) for v in (num_rows, num_columns, batch_shape)):
        # min(num_rows, num_columns) is computed in a tensor argument's dtype.
        sized = [v for v in (num_rows, num_columns) if isinstance(v, Tensor)]
        if sized and sized[0].dtype == _dt.int32:
            rows, columns = _wrap_int32(rows), _wrap_int32(columns)
        rows, columns = _eye_int32_sizes(rows, columns, batch, square=num_columns is None)
    for d in (*batch, min(rows, columns), rows, columns):
        if d < 0:
            raise _error(f"Dimension {d} must be >= 0", "Fill", "")
    np_dtype = _dt.as_dtype(dtype).as_numpy_dtype_instance
    check_allocation(batch + (rows, columns), np_dtype, "Fill")
    if 0 in batch:  # no matrix at all: np.eye would still build one
        return _new(np.zeros(batch + (rows, columns), dtype=np_dtype))
    matrix = np.eye(rows, columns, dtype=np_dtype)
    if batch_shape is not None:
        matrix = np.broadcast_to(matrix, batch + matrix.shape).copy()
    return _new(matrix)


def linspace(
    start: TensorLike, stop: TensorLike, num: int | None, name: str | None = None, axis: int = 0
) -> Tensor:
    """``num`` evenly spaced values from ``start`` to ``stop`` (inclusive) along ``axis``.

    Built as TensorFlow builds it (start + delta * k, with both ends concatenated
    on), so values and gradients w.r.t. start and stop match TF's.

    >>> tf.linspace(0.0, 1.0, 5)
    <tf.Tensor: shape=(5,), dtype=float32, numpy=array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)>
    """
    start = as_tensor(start)
    stop = as_tensor(stop) if isinstance(stop, Tensor) else convert_to_tensor(stop, start.dtype)
    num = _scalar_int(num, "num")
    check_allocation((num,), np.float64, "Range")
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
    inner = _backend.same_place(inner.reshape(inner_shape), delta._value)
    middle = expanded_start + delta * wrap(inner)
    joined = _shape.concat(expanded_start, middle, expanded_stop, axis=axis - ndim)
    index = (_builtin_slice(None),) * axis + (_builtin_slice(0, num),)
    return _ix.getitem(joined, index=index)


def _hinted(value, dtype) -> Tensor:
    try:
        return convert_to_tensor(value, dtype_hint=dtype)
    except (TypeError, ValueError):
        return as_tensor(value)


def meshgrid(*args: TensorLike, **kwargs: Any) -> list:
    """Coordinate grids from 1-D coordinate vectors (``indexing='xy'`` or ``'ij'``).

    >>> x, y = tf.meshgrid([1, 2, 3], [10, 20])
    >>> print(x)
    tf.Tensor(
    [[1 2 3]
     [1 2 3]], shape=(2, 3), dtype=int32)
    >>> print(y)
    tf.Tensor(
    [[10 10 10]
     [20 20 20]], shape=(2, 3), dtype=int32)
    """
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
    # TF multiplies each grid by ones of the first input's dtype, so a Python value that
    # can take that dtype (an empty list) takes it.
    first = as_tensor(args[0]).dtype
    vectors = [reshape(a if isinstance(a, Tensor) or hasattr(a, "_as_tensor")
                       else _hinted(a, first), [-1]) for a in args]  # fmt: skip
    if first == _dt.bool:
        # TF's product with bool ones is a logical and: every grid is bool, nonzero True.
        vectors = [v if v.dtype == _dt.bool or v._value.dtype.kind not in "iufc"
                   else _el.not_equal(v, wrap(np.zeros((), v._value.dtype))) for v in vectors]  # fmt: skip
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


@_reads_values
def one_hot(
    indices: TensorLike,
    depth: TensorLike,
    on_value: TensorLike = None,
    off_value: TensorLike = None,
    axis: int | None = None,
    dtype: DTypeLike = None,
    name: str | None = None,
) -> Tensor:
    """One-hot vectors along ``axis`` (last by default); not differentiable (gradient None).

    Indices outside ``[0, depth)`` give all-``off_value`` rows, as in TensorFlow.

    >>> print(tf.one_hot([0, 2], depth=3))
    tf.Tensor(
    [[1. 0. 0.]
     [0. 0. 1.]], shape=(2, 3), dtype=float32)
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
    if depth >= 2**31:  # TF's depth is an int32: larger values wrap around
        depth = int(np.array(depth).astype(np.int64).astype(np.int32))
    if depth < 0:
        raise _error(f"depth must be non-negative, got: {depth}", "OneHot")
    out_ndim = index.ndim + 1
    axis = -1 if axis is None else _scalar_int(axis)
    if axis != -1 and not 0 <= axis < out_ndim:
        raise _error(
            f"Expected axis to be -1 or between [0, {out_ndim}).  But received: {axis}", "OneHot"
        )
    np_dtype = dtype.as_numpy_dtype_instance
    check_allocation(index.shape + (depth,), np_dtype, "OneHot")
    on = np.asarray(
        1 if on_value is None else _backend.to_host(as_tensor(on_value)._value), np_dtype
    )
    off = np.asarray(
        0 if off_value is None else _backend.to_host(as_tensor(off_value)._value), np_dtype
    )
    hot = index[..., None] == np.arange(depth)
    value = np.where(hot, on, off)
    if axis != -1:
        value = np.moveaxis(value, -1, axis)
    value = np.ascontiguousarray(value)
    if isinstance(indices, Tensor):  # made where the indices live
        return wrap(_backend.same_place(value, indices._value))
    return _new(value)
