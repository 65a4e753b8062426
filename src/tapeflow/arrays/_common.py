"""Argument conversion and checks shared by the array ops (TensorFlow's error texts)."""

from __future__ import annotations

import builtins

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._tensor import Tensor, TensorShape, as_tensor, convert_to_tensor, read_static
from .._types import ShapeLike
from ..errors import InvalidArgumentError, _attr_text, _op_error, _shape_text

_builtin_range = builtins.range
_builtin_slice = builtins.slice
_INDEX_DTYPES = "int16, int32, int64"
_SIZE_DTYPES = "int32, int64"


def _error(message: str, op: str, name: str | None = None) -> InvalidArgumentError:
    """TensorFlow's kernel error text: the message, ``[Op:X]`` and, if TF shows it, the name."""
    return _op_error(message, op, name)


def _attr_error(attr: str, dtype, allowed: str, op: str) -> InvalidArgumentError:
    got = _dt._from_numpy(np.dtype(dtype)).c_name if np.dtype(dtype) != object else "string"
    return _error(_attr_text(attr, got, allowed), op)


def _int_array(value, attr: str, op: str, allowed: str = _SIZE_DTYPES) -> np.ndarray:
    """An integer argument (shape, indices, paddings ...) as a NumPy array, as TF checks it."""
    if isinstance(value, TensorShape):
        value = value.as_list()
    if value.__class__ in (list, tuple) and all(d.__class__ is int for d in value):
        try:
            return np.asarray(value, dtype=np.int64)  # the common case: Python ints
        except OverflowError:
            pass  # past int64: the conversion below raises TF's error
    if not isinstance(value, (Tensor, np.ndarray, np.generic)):
        value = convert_to_tensor(value)  # Python floats are float32 here, as in TF
    # Argument values are read on the host (a GPU or Dask argument is copied).
    read_static(value)
    array = np.asarray(_backend.to_host(getattr(value, "_value", value)))
    if array.dtype.kind not in "iu":
        if array.size == 0 and array.dtype.kind == "f":
            return array.astype(np.int32)
        raise _attr_error(attr, array.dtype, allowed, op)
    return array


def _int_tuple(value, attr: str, op: str) -> tuple:
    if value.__class__ in (list, tuple) and all(
        d.__class__ is int and -(2**63) <= d < 2**63 for d in value
    ):
        return tuple(value)
    return tuple(int(d) for d in np.atleast_1d(_int_array(value, attr, op)).ravel())


def _scalar_int(value, what: str = "axis", bools: bool = True) -> int:
    """An int argument (Python int, NumPy integer, scalar int tensor); Python floats are a
    TypeError.

    TF converts such an argument with int32 as its preferred dtype, so (with ``bools``)
    a Python or NumPy bool counts as 0 or 1 and a NumPy float scalar is truncated, as
    NumPy's cast does; a Tensor keeps its own dtype and must be an integer.
    """
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if bools and isinstance(value, (bool, np.bool_)):
        return int(value)
    if (
        bools
        and isinstance(value, (np.floating, np.ndarray))
        and np.ndim(value) == 0
        and np.asarray(value).dtype.kind in "bf"
        and np.isfinite(value)
    ):
        return int(np.asarray(value).astype(np.int64))
    read_static(value)
    value = getattr(value, "_value", value)
    array = np.asarray(_backend.to_host(value))
    if array.dtype.kind in "iu" and array.size == 1:
        return int(array.ravel()[0])
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype int32")


def shape_tuple(shape: ShapeLike) -> tuple:
    """A shape argument (list, tuple, TensorShape or int tensor) as a tuple of ints.

    >>> from tapeflow.arrays import shape_tuple
    >>> shape_tuple(tf.TensorShape([2, 3]))
    (2, 3)
    """
    if isinstance(shape, (Tensor, np.ndarray)):
        read_static(shape)
        value = np.asarray(_backend.to_host(getattr(shape, "_value", shape)))
        if value.ndim > 1:
            raise _error(f"dims must represent a vector, got shape {_shape_text(value.shape)}",
                         "Fill")  # fmt: skip
        return tuple(int(d) for d in np.atleast_1d(value))
    if isinstance(shape, TensorShape):
        return tuple(shape.as_list())
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    dims = tuple(int(d) for d in shape)
    if any(not -(2**63) <= d < 2**63 for d in dims):  # TF's conversion of the list fails
        raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
    return dims


def _same_dtype_tensors(values, op: str, name: str | None) -> list[Tensor]:
    """Convert a list of values to one dtype (the first tensor's), with TF's mismatch error."""
    values = list(values)
    dtype = next((v.dtype for v in values if isinstance(v, Tensor) or hasattr(v, "_as_tensor")),
                 None)  # fmt: skip
    tensors = []
    for v in values:
        if isinstance(v, Tensor) or hasattr(v, "_as_tensor") or dtype is None:
            tensors.append(as_tensor(v))
            # with no tensor among them, the first value's dtype is every later one's
            dtype = tensors[0].dtype if dtype is None else dtype
        else:
            tensors.append(convert_to_tensor(v, dtype=dtype))
    if not tensors:
        return tensors
    first = tensors[0].dtype
    for position, t in enumerate(tensors):
        if t.dtype != first:
            raise _error(
                f"cannot compute {op} as input #{position}(zero-based) was expected to be a "
                f"{first.c_name} tensor but is a {t.dtype.c_name} tensor", op, name
            )  # fmt: skip
    return tensors


def _make_int(value, what: str) -> int:
    """An int attr as TF's op builder reads one: whatever ``int()`` takes, except a str."""
    try:
        if isinstance(value, str):
            raise TypeError
        return int(value)
    except (ValueError, TypeError):
        raise TypeError(f"Expected int for argument '{what}' not {value!r}.") from None


def _negative_axis(axis: int, ndim: int) -> int:
    return axis - ndim if axis >= 0 else axis
