"""Elementwise math: unary and binary ops, logical ops, division, casts, add_n, polyval."""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._tensor import Tensor, TensorLike, as_tensor, convert_to_tensor
from .._tensor import wrap as _wrap
from .._types import DTypeLike
from ..errors import InvalidArgumentError, UnimplementedError
from ..ops import elementwise as _el
from ..ops import shape as _shape
from ..ops._operators import true_divide as _true_divide
from ._common import _require_bool


def _unary(primitive):
    def op(x: TensorLike, name: str | None = None) -> Tensor:
        return primitive(as_tensor(x))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.name}. Gradient: {primitive.formula}.\n\n"
        ">>> import tapeflow as tf\n"
        f">>> tf.math.{primitive.name}(tf.constant([0.25, 0.5])).shape\n"
        "TensorShape([2])\n"
    )
    return op


def _binary(primitive):
    def op(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.name} with broadcasting. Gradient: {primitive.formula}.\n\n"
        ">>> import tapeflow as tf\n"
        f">>> tf.math.{primitive.name}(tf.constant([[1.0], [2.0]]), [3.0, 4.0]).shape\n"
        "TensorShape([2, 2])\n"
    )
    return op


abs = _unary(_el.abs)  # noqa: A001
negative = _unary(_el.negative)
sign = _unary(_el.sign)
square = _unary(_el.square)
sqrt = _unary(_el.sqrt)
rsqrt = _unary(_el.rsqrt)
reciprocal = _unary(_el.reciprocal)
exp = _unary(_el.exp)
expm1 = _unary(_el.expm1)
log = _unary(_el.log)
log1p = _unary(_el.log1p)
sin = _unary(_el.sin)
cos = _unary(_el.cos)
tan = _unary(_el.tan)
asin = _unary(_el.asin)
acos = _unary(_el.acos)
atan = _unary(_el.atan)
sinh = _unary(_el.sinh)
cosh = _unary(_el.cosh)
tanh = _unary(_el.tanh)
asinh = _unary(_el.asinh)
acosh = _unary(_el.acosh)
atanh = _unary(_el.atanh)
sigmoid = _unary(_el.sigmoid)
erf = _unary(_el.erf)
erfc = _unary(_el.erfc)
lgamma = _unary(_el.lgamma)
digamma = _unary(_el.digamma)
floor = _unary(_el.floor)
ceil = _unary(_el.ceil)
is_nan = _unary(_el.is_nan)
is_inf = _unary(_el.is_inf)
is_finite = _unary(_el.is_finite)


def softplus(features: TensorLike, name: str | None = None) -> Tensor:
    """log(exp(features) + 1), computed without overflow; gradient sigmoid(features)."""
    return _el.softplus(as_tensor(features))


def round(x: TensorLike, name: str | None = None) -> Tensor:  # noqa: A001
    """Round half to even (banker's rounding), as TF: round(2.5) = 2, round(-1.5) = -2.

    Integers are returned unchanged. No gradient (None).
    """
    x = as_tensor(x)
    if x._value.dtype.kind in "iu":
        return x
    return _el.round(x)


def _as_bool(x) -> Tensor:
    """A bool operand: NumPy values are cast (as TF's conversion with dtype=bool does),
    Python numbers are a TypeError, Tensors must already be bool."""
    if isinstance(x, Tensor) or hasattr(x, "_as_tensor"):
        return as_tensor(x)
    return convert_to_tensor(x, dtype=_dt.bool)


def logical_not(x: TensorLike, name: str | None = None) -> Tensor:
    """Elementwise not of a bool tensor; no gradient."""
    x = _as_bool(x)
    _require_bool(x, "LogicalNot")
    return _el.invert(x)


def _logical(primitive, op_name):
    def op(x, y, name=None):
        x = _as_bool(x)
        _require_bool(x, op_name)
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.name} of bool tensors (broadcasting); no gradient.\n\n"
        ">>> import tapeflow as tf\n"
        f">>> tf.math.{primitive.name}(tf.constant([True, False]), True).dtype\n"
        "tf.bool\n"
    )
    return op


logical_and = _logical(_el.logical_and, "LogicalAnd")
logical_or = _logical(_el.logical_or, "LogicalOr")


def logical_xor(x: TensorLike, y: TensorLike, name: str | None = "LogicalXor") -> Tensor:
    """x xor y on bool tensors, as TF composes it: (x or y) and not (x and y)."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


add = _binary(_el.add)
subtract = _binary(_el.subtract)
multiply = _binary(_el.multiply)
multiply_no_nan = _binary(_el.multiply_no_nan)
realdiv = _binary(_el.divide)
pow = _binary(_el.pow)  # noqa: A001
maximum = _binary(_el.maximum)
minimum = _binary(_el.minimum)
floordiv = _binary(_el.floordiv)
floormod = _binary(_el.floormod)
mod = floormod
equal = _binary(_el.equal)
not_equal = _binary(_el.not_equal)
less = _binary(_el.less)
less_equal = _binary(_el.less_equal)
greater = _binary(_el.greater)
greater_equal = _binary(_el.greater_equal)
xlogy = _binary(_el.xlogy)
xdivy = _binary(_el.xdivy)


def polygamma(a: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The a-th derivative of digamma at x (a a whole number stored as a float; other
    orders give NaN). Gradient w.r.t. x: polygamma(a + 1, x); none w.r.t. a."""
    for value in (a, x):  # TF's Polygamma kernel has no half (or bfloat16) version
        dtype = getattr(getattr(value, "_value", value), "dtype", None)
        if dtype is not None and dtype.kind == "f" and dtype not in (np.float32, np.float64):
            raise InvalidArgumentError(None, None, f"Value for attr 'T' of "
                                       f"{_dt._from_numpy(dtype).c_name} is not in the list of "
                                       "allowed values: float, double [Op:Polygamma] name: ")  # fmt: skip
    return _el.polygamma(a, x)


def atan2(y: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The angle of the point (x, y), in (-pi, pi]. Gradient NaN at (0, 0), as TF's."""
    return _el.atan2(y, x)


def divide(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x / y, as Python's ``/`` on tensors: integers divide as floats."""
    return _true_divide(x, y)


truediv = divide


def divide_no_nan(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x / y, but 0 where y == 0 (value and gradients). Integers divide as floats."""
    x = as_tensor(x)
    y = y if y.__class__ is Tensor else convert_to_tensor(y, dtype=x.dtype)
    if x._value.dtype != y._value.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != {y.dtype!r}.")
    if x._value.dtype.kind in "iu":
        target = _dt.float32 if x._value.dtype.itemsize <= 2 else _dt.float64
        x, y = _el.cast(x, dtype=target), _el.cast(y, dtype=target)
    return _el.divide_no_nan(x, y)


def squared_difference(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """(x - y)^2 elementwise; gradient 2 (x - y) for x and its negative for y."""
    difference = _el.subtract(x, y)
    if difference._value.dtype.kind == "c":  # TF's SquaredDifference: |x - y|^2, real-valued
        return _el.multiply(difference, _shape.conj(difference))
    return _el.square(difference)


def cast(x: TensorLike, dtype: DTypeLike, name: str | None = None) -> Tensor:
    """x converted to ``dtype``; differentiable between floating types only.

    >>> import tapeflow as tf
    >>> print(tf.cast(tf.constant([1.7, -1.7]), tf.int32))
    tf.Tensor([ 1 -1], shape=(2,), dtype=int32)
    """
    dtype = _dt.as_dtype(dtype)
    x = as_tensor(x)
    if x._value.dtype == dtype.as_numpy_dtype_instance:
        return x
    if dtype == _dt.string or x.dtype == _dt.string:
        raise UnimplementedError(
            None, None, f"Cast {x.dtype.c_name} to {dtype.c_name} is not supported [Op:Cast] name: "
        )
    return _el.cast(x, dtype=dtype)


def add_n(inputs: TensorLike, name: str | None = None) -> Tensor:
    """The elementwise sum of a list of tensors of one shape and dtype."""
    inputs = [as_tensor(x) for x in inputs]
    if not inputs:
        raise ValueError(
            "inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape"
        )
    total = inputs[0]
    for x in inputs[1:]:
        total = _el.add(total, x)
    return total if len(inputs) > 1 else _el.identity(total)


def polyval(coeffs: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """coeffs[0] x^(n-1) + ... + coeffs[n-1], by Horner's rule (each coefficient a tensor)."""
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    x = as_tensor(x)
    if not coeffs:
        return _wrap(np.zeros_like(x._value)[()])
    coeffs = [as_tensor(c) for c in coeffs]
    result = coeffs[0]
    for c in coeffs[1:]:
        result = _el.add(c, _el.multiply(result, x))
    return result
