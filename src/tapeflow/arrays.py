"""Creating tensors and changing their shape: TensorFlow's top-level array ops.

>>> import tapeflow as tf
>>> print(tf.reshape(tf.range(6), [2, -1]))
tf.Tensor(
[[0 1 2]
 [3 4 5]], shape=(2, 3), dtype=int32)
"""

from __future__ import annotations

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from .errors import InvalidArgumentError
from .math import as_tensor
from .ops import elementwise as _el
from .ops import shape as _shape

__all__ = [
    "eye",
    "fill",
    "identity",
    "ones",
    "ones_like",
    "range",
    "rank",
    "reshape",
    "shape",
    "size",
    "stop_gradient",
    "transpose",
    "where",
    "zeros",
    "zeros_like",
]

_builtin_range = range


def shape_tuple(shape) -> tuple:
    """A shape argument (list, tuple, TensorShape or int tensor) as a tuple of ints."""
    if isinstance(shape, Tensor):
        return tuple(int(d) for d in np.atleast_1d(shape._value))
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(int(d) for d in shape)


def _filled(shape, dtype, fill_value) -> Tensor:
    dtype = _dt.as_dtype(dtype)
    dims = shape_tuple(shape)
    if any(d < 0 for d in dims):
        raise InvalidArgumentError(
            None, None, "Dimension -1 must be >= 0 [Op:Fill] name: "
        )  # fmt: skip
    value = np.full(dims, fill_value, dtype=dtype.as_numpy_dtype_instance)
    return wrap(value[()] if not dims else value)


def zeros(shape, dtype=_dt.float32, name=None, layout=None) -> Tensor:
    """A tensor of zeros (float32 unless ``dtype`` says otherwise)."""
    return _filled(shape, dtype, 0)


def ones(shape, dtype=_dt.float32, name=None, layout=None) -> Tensor:
    """A tensor of ones (float32 unless ``dtype`` says otherwise)."""
    return _filled(shape, dtype, 1)


def fill(dims, value, name=None, layout=None) -> Tensor:
    """A tensor of shape ``dims`` filled with ``value`` (whose dtype it takes)."""
    value = as_tensor(value)
    if value.ndim:
        raise InvalidArgumentError(None, None, "value must be a scalar [Op:Fill]")
    # A broadcast of the value, so the gradient w.r.t. it is the sum (TF's Fill gradient).
    return _shape.broadcast_to(value, shape=shape_tuple(dims))


def _like(fill_value):
    def like(input, dtype=None, name=None, layout=None) -> Tensor:
        x = as_tensor(input)
        return _filled(x._value.shape, x.dtype if dtype is None else dtype, fill_value)

    return like


zeros_like = _like(0)
ones_like = _like(1)
zeros_like.__doc__ = "Zeros shaped like ``input``; not differentiable (gradient None)."
ones_like.__doc__ = "Ones shaped like ``input``; not differentiable (gradient None)."


def range(start, limit=None, delta=1, dtype=None, name="range") -> Tensor:  # noqa: A001
    """Numbers from ``start`` up to (not including) ``limit`` by ``delta``.

    >>> import tapeflow as tf
    >>> print(tf.range(3)), print(tf.range(0.0, 1.0, 0.5))
    tf.Tensor([0 1 2], shape=(3,), dtype=int32)
    tf.Tensor([0.  0.5], shape=(2,), dtype=float32)
    (None, None)
    """
    if limit is None:
        start, limit = 0, start
    values = [v._value.item() if isinstance(v, Tensor) else v for v in (start, limit, delta)]
    if delta == 0:
        raise InvalidArgumentError(None, None, "Requires delta != 0: 0 [Op:Range] name: ")
    if dtype is None:
        dtype = _dt.float32 if any(isinstance(v, float) for v in values) else _dt.int32
        for v in (start, limit, delta):
            if isinstance(v, Tensor) and v.dtype.is_floating:
                dtype = v.dtype
    dtype = _dt.as_dtype(dtype)
    return wrap(np.arange(*values).astype(dtype.as_numpy_dtype_instance))


def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    """An identity matrix (or a batch of them)."""
    matrix = np.eye(num_rows, num_columns, dtype=_dt.as_dtype(dtype).as_numpy_dtype_instance)
    if batch_shape is not None:
        matrix = np.broadcast_to(matrix, shape_tuple(batch_shape) + matrix.shape).copy()
    return wrap(matrix)


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
    return wrap(np.int32(as_tensor(input)._value.ndim))


def size(input, out_type=_dt.int32, name=None) -> Tensor:
    return wrap(_dt.as_dtype(out_type).as_numpy_dtype(as_tensor(input)._value.size))


def reshape(tensor, shape, name=None) -> Tensor:
    """The same values in a new shape; one dimension may be -1."""
    return _shape.reshape(as_tensor(tensor), shape=shape_tuple(shape))


def transpose(a, perm=None, conjugate=False, name="transpose") -> Tensor:
    """Permute the axes (reverse them when ``perm`` is None)."""
    x = as_tensor(a)
    perm = tuple(reversed(_builtin_range(x.ndim))) if perm is None else shape_tuple(perm)
    if sorted(perm) != list(_builtin_range(x.ndim)):
        raise InvalidArgumentError(
            None, None, f"transpose expects a vector of size {x.ndim}. But input(1) is a "
            f"vector of size {len(perm)} [Op:Transpose] name: "
        )  # fmt: skip
    return _shape.transpose(x, perm=perm)


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
