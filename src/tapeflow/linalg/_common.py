"""Helpers shared by tf.linalg's modules: operand conversion, dtype checks, errors."""

from __future__ import annotations

from .._tensor import Tensor, as_tensor, convert_to_tensor, dtype_mismatch, read_static
from ..errors import InvalidArgumentError as _InvalidArgumentError
from ..errors import _op_error
from ..ops import shape as _shape

_FLOAT_TYPES = ("double", "float", "half", "complex64", "complex128")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _pair(a, b):
    """Convert two operands; a non-Tensor takes the other's dtype, as TF's ops do."""
    if a.__class__ is Tensor and b.__class__ is Tensor:
        return a, b
    a_is_tensor = isinstance(a, Tensor) or hasattr(a, "_as_tensor")
    b_is_tensor = isinstance(b, Tensor) or hasattr(b, "_as_tensor")
    if b_is_tensor and not a_is_tensor:
        b = as_tensor(b)
        return convert_to_tensor(a, dtype=b.dtype), b
    a = as_tensor(a)
    return a, (as_tensor(b) if b_is_tensor else convert_to_tensor(b, dtype=a.dtype))


def _same_dtype(a, b, op: str) -> None:
    if a.dtype != b.dtype:
        raise dtype_mismatch(op, 1, a._value.dtype, b._value.dtype)


def _is_operator(x) -> bool:
    """Whether ``x`` is a tf.linalg.LinearOperator (which TF's linalg functions dispatch to)."""
    return getattr(type(x), "_is_linear_operator", False)


def _operator_matmul(a, b, transposed: bool, sparse: bool, adjoint_a: bool, adjoint_b: bool):
    if transposed:
        raise ValueError("Transposing not supported at this time.")
    if sparse:
        raise ValueError("Sparse methods not supported at this time.")
    if not _is_operator(a):  # a @ B = (B^H a^H)^H
        return _adjoint_of(b.matmul(a, adjoint=not adjoint_b, adjoint_arg=not adjoint_a))
    return a.matmul(b, adjoint=adjoint_a, adjoint_arg=adjoint_b)


def _adjoint_of(x):
    from ._matrices import adjoint

    return adjoint(x)


def _error(message: str, op: str, name: str = "") -> _InvalidArgumentError:
    return _op_error(message, op, name)


def _int(value) -> int:
    if isinstance(value, Tensor):
        read_static(value)  # a traced size or band: each call's value, not the first's
        return int(value._value)
    return int(value)


def _conjugate_if_complex(x):
    return _shape.conj(x) if x.dtype.is_complex else x


def _expand_last(x):
    return _shape.reshape(x, shape=x._value.shape + (1,))
