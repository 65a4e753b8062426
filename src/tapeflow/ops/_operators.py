"""Tensor's Python operators, each mapped to the primitive TensorFlow uses.

``/`` is true division (int8/int16/uint8/uint16 give float32, int32/int64 give
float64); ``&``, ``|``, ``^`` and ``~`` are logical on booleans and bitwise on
integers; ``==`` on shapes that do not broadcast is a plain ``False``.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._dispatch import Primitive, apply
from .._tensor import Tensor, wrap
from ..errors import InvalidArgumentError
from . import elementwise as el
from .index import strided_slice_index
from .linalg import matmul

_SMALL_INTS = {np.dtype(t) for t in (np.int8, np.int16, np.uint8, np.uint16)}


def true_divide(x, y):
    """x / y; integers are first cast to float (float32 for 8/16-bit, else float64)."""
    x_value = getattr(x, "_value", None)
    y_value = getattr(y, "_value", None)
    if x_value is not None and y_value is not None and x_value.dtype != y_value.dtype:
        raise TypeError(
            f"`x` and `y` must have the same dtype, got {_dt.from_numpy(x_value.dtype)!r} != "
            f"{_dt.from_numpy(y_value.dtype)!r}."
        )
    dtype = x_value.dtype if x_value is not None else None
    if dtype is None:
        dtype = None if y_value is None else y_value.dtype
    if dtype is not None and dtype.kind in "iu":
        target = _dt.float32 if dtype in _SMALL_INTS else _dt.float64
        x, y = _both_as_tensors(x, y)
        return el.divide(el.cast(x, dtype=target), el.cast(y, dtype=target))
    return el.divide(x, y)


def _both_as_tensors(x, y):
    from .._dispatch import _convert_inputs

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


def _equality(op, when_incompatible: bool):
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


def install_operators() -> None:
    def swap(op):
        if isinstance(op, Primitive):
            return lambda self, other: apply(op, other, self)
        return lambda self, other: op(other, self)

    operators = {
        "__add__": el.add,
        "__sub__": el.subtract,
        "__mul__": el.multiply,
        "__truediv__": true_divide,
        "__floordiv__": el.floordiv,
        "__mod__": el.floormod,
        "__pow__": el.pow,
        "__matmul__": matmul,
        "__and__": _and,
        "__or__": _or,
        "__xor__": _xor,
    }
    for name, op in operators.items():
        setattr(Tensor, name, _binary(op))
        setattr(Tensor, "__r" + name[2:], swap(op))
    Tensor.__lt__ = _binary(el.less)
    Tensor.__le__ = _binary(el.less_equal)
    Tensor.__gt__ = _binary(el.greater)
    Tensor.__ge__ = _binary(el.greater_equal)
    Tensor.__eq__ = _binary(_eq)
    Tensor.__ne__ = _binary(_ne)
    Tensor.__neg__ = lambda self: el.negative(self)
    Tensor.__abs__ = lambda self: el.abs(self)
    Tensor.__invert__ = lambda self: el.invert(self)
    Tensor.__getitem__ = strided_slice_index


def _binary(op):
    # A plain function (not the primitive object) so Python binds `self` to x;
    # primitives go straight to apply, skipping the callable-object hop.
    if isinstance(op, Primitive):

        def method(self, other):
            return apply(op, self, other)

    else:

        def method(self, other):
            return op(self, other)

    method.__name__ = getattr(op, "name", getattr(op, "__name__", "op"))
    return method
