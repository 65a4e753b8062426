"""Argument checks and helpers shared by tf.nn (TensorFlow's error texts)."""

from __future__ import annotations

import numpy as np

from .._tensor import Tensor, as_tensor, convert_to_tensor, dtype_mismatch
from ..errors import InvalidArgumentError, _attr_text
from ..errors import _op_error as _format_op_error
from ..ops import shape as _shape


def _shape_of(x: Tensor) -> tuple:
    return tuple(x._value.shape)


def _attr_error(op: str, attr: str, value: str, allowed: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        None,
        None,
        f"{_attr_text(attr, value, allowed)}\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ",
    )


def _op_error(cls, message: str, op: str, suffix: str = " name: "):
    if suffix == " name: ":
        return _format_op_error(message, op, cls=cls)
    return cls(None, None, f"{message} [Op:{op}]{suffix}")


_FLOATS = "half, bfloat16, float, double"


def _require_float(x: Tensor, op: str, allowed: str = _FLOATS) -> None:
    if x._value.dtype.kind != "f":
        raise _attr_error(op, "T", x.dtype.c_name, allowed)


def _float32_attr(value) -> float:
    """TensorFlow stores float attrs (alpha, bias, beta) in 32 bits."""
    return float(np.float32(value))


def _same_dtype(x: Tensor, y: Tensor, op: str) -> None:
    if x._value.dtype != y._value.dtype:
        raise dtype_mismatch(op, 1, x._value.dtype, y._value.dtype)


def _operand(value, like: Tensor) -> Tensor:
    """A second operand: tensors as they are, Python values in ``like``'s dtype."""
    if value.__class__ is Tensor or hasattr(value, "_as_tensor"):
        return as_tensor(value)
    return convert_to_tensor(value, dtype=like.dtype)


def _move_channels(x: Tensor, to_last: bool) -> Tensor:
    """NC... <-> N...C (channels-first data runs through channels-last primitives)."""
    rank = x.ndim
    if to_last:
        perm = (0, *range(2, rank), 1)
    else:
        perm = (0, rank - 1, *range(1, rank - 1))
    return _shape.transpose(x, perm=perm)
