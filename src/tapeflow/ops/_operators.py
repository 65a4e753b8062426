"""The composites behind some of Tensor's Python operators (the operators
themselves are written in ``_tensor.py``), and the binding of all of them.

``/`` is true division (int8/int16/uint8/uint16 give float32, int32/int64 give
float64); ``&``, ``|``, ``^`` and ``~`` are logical on booleans and bitwise on
integers; ``==`` on shapes that do not broadcast is a plain ``False``.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._dispatch import _convert_inputs, apply, something_active
from .._tensor import Tensor, bind_operators, wrap
from ..errors import InvalidArgumentError
from . import elementwise as el
from . import shape as _shape
from .index import strided_slice_index
from .linalg import matmul

_SMALL_INTS = {np.dtype(t) for t in (np.int8, np.int16, np.uint8, np.uint16)}


def true_divide(x, y):
    """x / y; integers are first cast to float (float32 for 8/16-bit, else float64)."""
    x_value = getattr(x, "_value", None)
    y_value = getattr(y, "_value", None)
    if x_value is None and y_value is None:  # two NumPy/Python values: convert both first
        x, y = _both_as_tensors(x, y)
        x_value, y_value = x._value, y._value
    if x_value is not None and y_value is not None and x_value.dtype != y_value.dtype:
        raise TypeError(
            f"`x` and `y` must have the same dtype, got {_dt._from_numpy(x_value.dtype)!r} != "
            f"{_dt._from_numpy(y_value.dtype)!r}."
        )
    dtype = x_value.dtype if x_value is not None else None
    if dtype is None:
        dtype = None if y_value is None else y_value.dtype
    if dtype is not None and dtype.kind == "b":
        raise TypeError(
            "Invalid dtype tf.bool in __truediv__. Expected one of {tf.uint8, tf.int8, "
            "tf.uint16, tf.int16, tf.uint32, tf.int32, tf.uint64, tf.int64, tf.bfloat16, "
            "tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128}."
        )
    if dtype is not None and dtype.kind in "iu":
        target = _dt.float32 if dtype in _SMALL_INTS else _dt.float64
        x, y = _both_as_tensors(x, y)
        return el.divide(el.cast(x, dtype=target), el.cast(y, dtype=target))
    return el.divide(x, y)


def _both_as_tensors(x, y):
    return _convert_inputs(el.divide, (x, y))


def _logical_or_bitwise(logical, bitwise):
    def op(x, y):
        value = x._value if x.__class__ is Tensor else getattr(y, "_value", None)
        if value is not None and value.dtype.kind == "b":
            return logical(x, y)
        return bitwise(x, y)

    return op


_and = _logical_or_bitwise(el.logical_and, el.bitwise_and)
_or = _logical_or_bitwise(el.logical_or, el.bitwise_or)
_xor = _logical_or_bitwise(
    lambda x, y: el.logical_and(el.logical_or(x, y), el.invert(el.logical_and(x, y))),
    el.bitwise_xor,
)


def _equality(op, when_incompatible: Tensor):
    def compare(x, y):
        if y is None:
            return y is None if op is el.not_equal else False
        try:
            return op(x, y)
        except InvalidArgumentError as error:
            if "Incompatible shapes" in error.message:
                return when_incompatible
            raise

    return compare


_eq = _equality(el.equal, wrap(np.bool_(False)))
_ne = _equality(el.not_equal, wrap(np.bool_(True)))


def bind_tensor_operators() -> None:
    """Hand Tensor (``_tensor.py``, where its operators are written) the ops they call."""
    bind_operators(
        apply=apply,
        add=el.add,
        subtract=el.subtract,
        multiply=el.multiply,
        true_divide=true_divide,
        floordiv=el.floordiv,
        floormod=el.floormod,
        pow=el.pow,
        matmul=matmul,
        less=el.less,
        less_equal=el.less_equal,
        greater=el.greater,
        greater_equal=el.greater_equal,
        eq=_eq,
        ne=_ne,
        negative=el.negative,
        abs=el.abs,
        invert=el.invert,
        getitem=strided_slice_index,
        cast=el.cast,
        stack=_shape.stack,
        recording=something_active,
        **{"and": _and, "or": _or, "xor": _xor},
    )
