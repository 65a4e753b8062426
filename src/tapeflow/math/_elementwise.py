"""Elementwise math: unary and binary ops, logical ops, division, casts, add_n, polyval."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from .._matching import _is_tensor as _is_tf_type
from .._tensor import Tensor, as_tensor, convert_to_tensor
from .._types import DTypeLike, TensorLike
from ..errors import InvalidArgumentError, UnimplementedError
from ..ops import elementwise as _el
from ..ops import shape as _shape
from ..ops._operators import true_divide as _true_divide
from ..ops.sparse import IndexedSlices
from ._common import _require_bool


def _unary(primitive, example: str):
    def op(x: TensorLike, name: str | None = None) -> Tensor:
        return primitive(as_tensor(x))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name}. Gradient: {primitive.formula}.\n\n{example}"
    return op


def _binary(primitive, example: str):
    def op(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.name} with broadcasting. Gradient: {primitive.formula}.\n\n"
        + example
    )
    return op


abs = _unary(  # noqa: A001
    _el.abs,
    """>>> tf.math.abs(tf.constant([-1.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
""",
)
negative = _unary(
    _el.negative,
    """>>> tf.math.negative(tf.constant([1.0, -2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  2.], dtype=float32)>
""",
)
_real_sign = _unary(_el.sign, "")


def sign(x: TensorLike, name: str | None = None) -> Tensor:
    """Elementwise sign: -1, 0 or 1; ``x / |x|`` (0 at 0) for complex ``x``.

    A complex sign is composed as TensorFlow composes it (``div_no_nan(x, |x|)``), so
    its gradient is that of the composition; a real sign has a zero gradient.

    >>> tf.math.sign(tf.constant([-3.0, 0.0, 2.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1.,  0.,  1.], dtype=float32)>
    """
    x = as_tensor(x)
    if x._value.dtype.kind == "c":
        return _el.divide_no_nan(x, _el.cast(_el.abs(x), dtype=x.dtype))
    return _real_sign(x)


square = _unary(
    _el.square,
    """>>> tf.math.square(tf.constant([2.0, -3.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([4., 9.], dtype=float32)>
""",
)
sqrt = _unary(
    _el.sqrt,
    """>>> tf.math.sqrt(tf.constant([4.0, 9.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
""",
)
rsqrt = _unary(
    _el.rsqrt,
    """>>> tf.math.rsqrt(tf.constant([4.0, 16.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5 , 0.25], dtype=float32)>
""",
)
reciprocal = _unary(
    _el.reciprocal,
    """>>> tf.math.reciprocal(tf.constant([2.0, 4.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5 , 0.25], dtype=float32)>
""",
)
exp = _unary(
    _el.exp,
    """>>> tf.math.exp(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.      , 2.718282], dtype=float32)>
""",
)
expm1 = _unary(
    _el.expm1,
    """>>> tf.math.expm1(tf.constant([0.0, 1e-05]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.000000e+00, 1.000005e-05], dtype=float32)>
""",
)
log = _unary(
    _el.log,
    """>>> tf.math.log(tf.constant([1.0, 100.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 4.6051702], dtype=float32)>
""",
)
log1p = _unary(
    _el.log1p,
    """>>> tf.math.log1p(tf.constant([0.0, 1e-05]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.00000e+00, 9.99995e-06], dtype=float32)>
""",
)
sin = _unary(
    _el.sin,
    """>>> tf.math.sin(tf.constant([0.0, 1.5707964]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
""",
)
cos = _unary(
    _el.cos,
    """>>> tf.math.cos(tf.constant([0.0, 3.1415927]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 1., -1.], dtype=float32)>
""",
)
tan = _unary(
    _el.tan,
    """>>> tf.math.tan(tf.constant([0.0, 0.7853982]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
""",
)
asin = _unary(
    _el.asin,
    """>>> tf.math.asin(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.5707964], dtype=float32)>
""",
)
acos = _unary(
    _el.acos,
    """>>> tf.math.acos(tf.constant([1.0, 0.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.5707964], dtype=float32)>
""",
)
atan = _unary(
    _el.atan,
    """>>> tf.math.atan(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.7853982], dtype=float32)>
""",
)
sinh = _unary(
    _el.sinh,
    """>>> tf.math.sinh(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.1752012], dtype=float32)>
""",
)
cosh = _unary(
    _el.cosh,
    """>>> tf.math.cosh(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.       , 1.5430807], dtype=float32)>
""",
)
tanh = _unary(
    _el.tanh,
    """>>> tf.math.tanh(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.7615942], dtype=float32)>
""",
)
asinh = _unary(
    _el.asinh,
    """>>> tf.math.asinh(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.8813736], dtype=float32)>
""",
)
acosh = _unary(
    _el.acosh,
    """>>> tf.math.acosh(tf.constant([1.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.      , 1.316958], dtype=float32)>
""",
)
atanh = _unary(
    _el.atanh,
    """>>> tf.math.atanh(tf.constant([0.0, 0.5]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.        , 0.54930615], dtype=float32)>
""",
)
sigmoid = _unary(
    _el.sigmoid,
    """>>> tf.math.sigmoid(tf.constant([0.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5     , 0.880797], dtype=float32)>
""",
)
erf = _unary(
    _el.erf,
    """>>> tf.math.erf(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.8427008], dtype=float32)>
""",
)
erfc = _unary(
    _el.erfc,
    """>>> tf.math.erfc(tf.constant([0.0, 1.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.       , 0.1572992], dtype=float32)>
""",
)
lgamma = _unary(
    _el.lgamma,
    """>>> tf.math.lgamma(tf.constant([1.0, 5.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 3.1780539], dtype=float32)>
""",
)
digamma = _unary(
    _el.digamma,
    """>>> tf.math.digamma(tf.constant([1.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.5772157 ,  0.42278433], dtype=float32)>
""",
)
floor = _unary(
    _el.floor,
    """>>> tf.math.floor(tf.constant([1.5, -1.5]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 1., -2.], dtype=float32)>
""",
)
ceil = _unary(
    _el.ceil,
    """>>> tf.math.ceil(tf.constant([1.5, -1.5]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 2., -1.], dtype=float32)>
""",
)
is_nan = _unary(
    _el.is_nan,
    """>>> tf.math.is_nan(tf.constant([1.0, float("nan")]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
""",
)
is_inf = _unary(
    _el.is_inf,
    """>>> tf.math.is_inf(tf.constant([1.0, float("inf")]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
""",
)
is_finite = _unary(
    _el.is_finite,
    """>>> tf.math.is_finite(tf.constant([1.0, float("inf")]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
""",
)


def softplus(features: TensorLike, name: str | None = None) -> Tensor:
    """log(exp(features) + 1), computed without overflow; gradient sigmoid(features).

    >>> tf.math.softplus(tf.constant([0.0, 100.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([  0.6931472, 100.       ], dtype=float32)>
    """
    return _el.softplus(as_tensor(features))


def round(x: TensorLike, name: str | None = None) -> Tensor:  # noqa: A001
    """Round half to even (banker's rounding), as TF: round(2.5) = 2, round(-1.5) = -2.

    Integers are returned unchanged. No gradient (None).

    >>> tf.round(tf.constant([0.5, 1.5, 2.5, -1.5]))
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([ 0.,  2.,  2., -2.], dtype=float32)>
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
    """Elementwise not of a bool tensor; no gradient.

    >>> tf.math.logical_not(tf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    x = _as_bool(x)
    _require_bool(x, "LogicalNot")
    return _el.invert(x)


def _logical(primitive, op_name: str, example: str):
    def op(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
        x = _as_bool(x)
        _require_bool(x, op_name)
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.name} of bool tensors (broadcasting); no gradient.\n\n" + example
    )
    return op


logical_and = _logical(
    _el.logical_and,
    "LogicalAnd",
    """>>> tf.math.logical_and(tf.constant([True, True]), tf.constant([True, False]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
""",
)
logical_or = _logical(
    _el.logical_or,
    "LogicalOr",
    """>>> tf.math.logical_or(tf.constant([True, False]), tf.constant([False, False]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
""",
)


def logical_xor(x: TensorLike, y: TensorLike, name: str | None = "LogicalXor") -> Tensor:
    """x xor y on bool tensors, as TF composes it: (x or y) and not (x and y).

    >>> tf.math.logical_xor(tf.constant([True, True]), tf.constant([True, False]))
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


add = _binary(
    _el.add,
    """>>> tf.math.add(tf.constant([1.0, 2.0]), tf.constant([10.0, 20.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([11., 22.], dtype=float32)>
""",
)
subtract = _binary(
    _el.subtract,
    """>>> tf.math.subtract(tf.constant([5.0, 7.0]), tf.constant([1.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([4., 5.], dtype=float32)>
""",
)
multiply = _binary(
    _el.multiply,
    """>>> tf.math.multiply(tf.constant([2.0, 3.0]), tf.constant([4.0, 5.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 8., 15.], dtype=float32)>
""",
)
multiply_no_nan = _binary(
    _el.multiply_no_nan,
    """>>> tf.math.multiply_no_nan(tf.constant([float("inf"), 3.0]), tf.constant([0.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 6.], dtype=float32)>
""",
)
realdiv = _binary(
    _el.divide,
    """>>> tf.realdiv(tf.constant([3.0, 1.0]), tf.constant([2.0, 4.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5 , 0.25], dtype=float32)>
""",
)
pow = _binary(  # noqa: A001
    _el.pow,
    """>>> tf.math.pow(tf.constant([2.0, 3.0]), tf.constant([3.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([8., 9.], dtype=float32)>
""",
)
maximum = _binary(
    _el.maximum,
    """>>> tf.math.maximum(tf.constant([1.0, 5.0]), tf.constant([3.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 5.], dtype=float32)>
""",
)
minimum = _binary(
    _el.minimum,
    """>>> tf.math.minimum(tf.constant([1.0, 5.0]), tf.constant([3.0, 2.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
""",
)
floordiv = _binary(
    _el.floordiv,
    """>>> tf.math.floordiv(tf.constant([7, -7]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 3, -4], dtype=int32)>
""",
)
floormod = _binary(
    _el.floormod,
    """>>> tf.math.floormod(tf.constant([7, -7]), tf.constant([3, 3]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
""",
)
mod = floormod
equal = _binary(
    _el.equal,
    """>>> tf.math.equal(tf.constant([1, 2]), tf.constant([1, 3]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
""",
)
not_equal = _binary(
    _el.not_equal,
    """>>> tf.math.not_equal(tf.constant([1, 2]), tf.constant([1, 3]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
""",
)
less = _binary(
    _el.less,
    """>>> tf.math.less(tf.constant([1, 2]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
""",
)
less_equal = _binary(
    _el.less_equal,
    """>>> tf.math.less_equal(tf.constant([1, 2]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True,  True])>
""",
)
greater = _binary(
    _el.greater,
    """>>> tf.math.greater(tf.constant([1, 3]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
""",
)
greater_equal = _binary(
    _el.greater_equal,
    """>>> tf.math.greater_equal(tf.constant([1, 2]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
""",
)
xlogy = _binary(
    _el.xlogy,
    """>>> tf.math.xlogy(tf.constant([0.0, 2.0]), tf.constant([0.0, 3.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 2.1972246], dtype=float32)>
""",
)
xdivy = _binary(
    _el.xdivy,
    """>>> tf.math.xdivy(tf.constant([0.0, 6.0]), tf.constant([0.0, 3.0]))
<tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
""",
)


def polygamma(a: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The a-th derivative of digamma at x (a a whole number stored as a float; other
    orders give NaN). Gradient w.r.t. x: polygamma(a + 1, x); none w.r.t. a.

    >>> tf.math.polygamma(tf.constant([0.0, 1.0]), tf.constant([1.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.5772157,  1.644934 ], dtype=float32)>
    """
    out = _el.polygamma(a, x)
    # TF's Polygamma kernel has no half (or bfloat16) version; the dtype is the one both
    # inputs convert to ([] with a NumPy half scalar is float32, as in TF).
    dtype = out._value.dtype
    if dtype.kind == "f" and dtype not in (np.float32, np.float64):
        raise InvalidArgumentError(None, None, f"Value for attr 'T' of "
                                   f"{_dt._from_numpy(dtype).c_name} is not in the list of "
                                   "allowed values: float, double [Op:Polygamma] name: ")  # fmt: skip
    return out


def atan2(y: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The angle of the point (x, y), in (-pi, pi]. Gradient NaN at (0, 0), as TF's.

    >>> tf.math.atan2(tf.constant([1.0, -1.0]), tf.constant([0.0, 0.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 1.5707964, -1.5707964], dtype=float32)>
    """
    return _el.atan2(y, x)


def divide(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x / y, as Python's ``/`` on tensors: integers divide as floats.

    >>> tf.divide(tf.constant([3, 4]), tf.constant([2, 2]))
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([1.5, 2. ])>
    """
    if not _is_tf_type(x):  # TF converts x (to y's dtype if y is a tensor), then uses `/`
        x = convert_to_tensor(x, dtype=as_tensor(y).dtype if _is_tf_type(y) else None)
    return x / y


def truediv(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x / y with integers cast to floats first (8/16-bit to float32, wider to float64).

    >>> tf.math.truediv(tf.constant([3, 4], tf.int16), tf.constant([2, 2], tf.int16))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 2. ], dtype=float32)>
    """
    # As TF: x converts on its own, y with x's dtype as a hint; then the dtypes must agree.
    if not _is_tf_type(x):
        x = convert_to_tensor(x)
    if not _is_tf_type(y):
        y = convert_to_tensor(y, dtype_hint=x.dtype)
    return _true_divide(x, y)


def divide_no_nan(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x / y, but 0 where y == 0 (value and gradients). Integers divide as floats.

    >>> tf.math.divide_no_nan(tf.constant([3.0, 4.0]), tf.constant([2.0, 0.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.5, 0. ], dtype=float32)>
    """
    if not _is_tf_type(x) and _is_tf_type(y):  # TF converts x to y's dtype then
        y = as_tensor(y)
        x = convert_to_tensor(x, dtype=y.dtype)
    else:
        x = as_tensor(x)
        y = as_tensor(y) if _is_tf_type(y) else convert_to_tensor(y, dtype_hint=x.dtype)
    if x._value.dtype != y._value.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != {y.dtype!r}.")
    if x._value.dtype.kind in "iu":
        target = _dt.float32 if x._value.dtype.itemsize <= 2 else _dt.float64
        x, y = _el.cast(x, dtype=target), _el.cast(y, dtype=target)
    return _el.divide_no_nan(x, y)


def squared_difference(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """(x - y)^2 elementwise; gradient (2 g) (x - y) for x and its negative for y.

    >>> tf.math.squared_difference(tf.constant([1.0, 5.0]), tf.constant([3.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([4., 9.], dtype=float32)>
    """
    difference = _el.subtract(x, y)
    if difference._value.dtype.char not in "efdilqFD":
        from ..arrays._common import _attr_error

        allowed = "bfloat16, half, float, double, int32, int64, complex64, complex128"
        raise _attr_error("T", difference._value.dtype, allowed, "SquaredDifference")
    if difference._value.dtype.kind == "c":  # TF's SquaredDifference: |x - y|^2, real-valued
        return _el.multiply(difference, _shape.conj(difference))
    # d * d, not square(d): its gradient g d + g d is TF's (2 g) (x - y), which stays
    # finite (0) where 2 (x - y) overflows and g is 0; square's g (d + d) would be NaN.
    return _el.multiply(difference, difference)


def cast(x: TensorLike, dtype: DTypeLike, name: str | None = None) -> Any:
    """x converted to ``dtype``; differentiable between floating types only.

    Returns a Tensor, or for an IndexedSlices an IndexedSlices of cast values
    (as TensorFlow does).

    >>> import tapeflow as tf
    >>> print(tf.cast(tf.constant([1.7, -1.7]), tf.int32))
    tf.Tensor([ 1 -1], shape=(2,), dtype=int32)
    """
    dtype = _dt.as_dtype(dtype)
    if isinstance(x, IndexedSlices):
        values = as_tensor(x.values)
        if values.dtype == dtype:
            return x
        return IndexedSlices(cast(values, dtype), x.indices, x.dense_shape)
    x = as_tensor(x)
    if x._value.dtype == dtype.as_numpy_dtype_instance:
        return x
    if dtype == _dt.string or x.dtype == _dt.string:
        raise UnimplementedError(
            None, None, f"Cast {x.dtype.c_name} to {dtype.c_name} is not supported [Op:Cast] name: "
        )
    return _el.cast(x, dtype=dtype)


def add_n(inputs: TensorLike, name: str | None = None) -> Tensor:
    """The elementwise sum of a list of tensors of one shape and dtype.

    >>> tf.add_n([tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), tf.constant([5.0, 6.0])])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 9., 12.], dtype=float32)>
    """
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
    """coeffs[0] x^(n-1) + ... + coeffs[n-1], by Horner's rule (each coefficient a tensor).

    >>> tf.math.polyval([1.0, 2.0, 3.0], tf.constant([0.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 3., 11.], dtype=float32)>
    """
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    x = as_tensor(x)
    if not coeffs:
        from ..arrays._create import zeros_like  # strings too: b""

        return zeros_like(x)
    coeffs = [as_tensor(c) for c in coeffs]
    result = coeffs[0]
    for c in coeffs[1:]:
        result = _el.add(c, _el.multiply(result, x))
    return result
