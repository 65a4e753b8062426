"""Elementwise primitives: arithmetic, transcendental functions, comparisons, casts.

Each entry is one primitive: the NumPy impl, the VJP (``g`` is the incoming
cotangent, ``ans`` the output), the JVP (derived when marked ``linear`` or
``elementwise``), and a one-line formula. Broadcasting between operands is
undone by the reverse sweep, so binary rules return full-shape cotangents.
"""

from __future__ import annotations

import operator

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor, wrap
from ..errors import InvalidArgumentError

FLOATS = "fc"  # kinds for ops TensorFlow defines on floating and complex types only
REALS = "f"
NUMBERS = "fciu"


def zeros_like(x: Tensor) -> Tensor:
    """Zeros of x's shape and dtype; never recorded (TF registers no gradient)."""
    value = x._value
    return wrap(np.zeros_like(value) if value.ndim else value.dtype.type(0))


def ones_like(x: Tensor) -> Tensor:
    value = x._value
    return wrap(np.ones_like(value) if value.ndim else value.dtype.type(1))


def _unary(name, impl, vjp, formula, *, kinds=FLOATS, tf_name=None):
    return Primitive(
        name, impl, vjp=vjp, elementwise=True, formula=formula, kinds=kinds, tf_name=tf_name
    )


# --------------------------------------------------------------------------
# Linear and sign-like unary ops
# --------------------------------------------------------------------------
# The Python operators (operator.add, ...) are the impls of the arithmetic ops: on
# arrays they are NumPy's ufuncs, and on NumPy scalars they skip the ufunc
# machinery (~40 ns instead of ~500 ns), which decides the speed on small tensors.
negative = Primitive(
    "negative",
    operator.neg,
    vjp=lambda g, ans, x: (-g,),
    array_vjp=True,
    linear=True,
    kinds=NUMBERS,
    tf_name="Neg",
    formula="d(-x) = -dx",
)

identity = Primitive(
    "identity",
    lambda x: x,
    vjp=lambda g, ans, x: (g,),
    array_vjp=True,
    linear=True,
    formula="d identity(x) = dx",
)

sign = _unary(
    "sign",
    np.sign,
    lambda g, ans, x: (zeros_like(g),),
    "d sign(x) = 0 (TF returns zeros, not None)",
    kinds=NUMBERS,
)

abs = _unary(  # noqa: A001 - TensorFlow's name
    "abs",
    np.abs,
    lambda g, ans, x: (g * sign(x),),
    "d|x| = sign(x) dx, so abs'(0) = 0",
    kinds=NUMBERS,
)

# --------------------------------------------------------------------------
# Transcendental unary ops
# --------------------------------------------------------------------------
exp = _unary("exp", np.exp, lambda g, ans, x: (g * ans,), "d exp(x) = exp(x) dx")
log = _unary("log", np.log, lambda g, ans, x: (g / x,), "d log(x) = dx / x")
sin = _unary("sin", np.sin, lambda g, ans, x: (g * cos(x),), "d sin(x) = cos(x) dx")
cos = _unary("cos", np.cos, lambda g, ans, x: (-(g * sin(x)),), "d cos(x) = -sin(x) dx")
tanh = _unary(
    "tanh", np.tanh, lambda g, ans, x: (g * (1 - ans * ans),), "d tanh(x) = (1 - tanh(x)^2) dx"
)
square = _unary(
    "square", np.square, lambda g, ans, x: (g * (x + x),), "d x^2 = 2x dx", kinds=NUMBERS
)


def _sqrt_vjp(g, ans, x):
    # TF's SqrtGrad is exactly 0 where the upstream gradient is 0, even at x = 0
    # (where 0.5/sqrt(x) is inf): this is why tf.where(x > 0, tf.sqrt(x), 0.) is safe.
    return (multiply_no_nan(0.5 / ans, g),)


sqrt = _unary(
    "sqrt",
    np.sqrt,
    _sqrt_vjp,
    "d sqrt(x) = dx / (2 sqrt(x)), and exactly 0 where the cotangent is 0",
)

# --------------------------------------------------------------------------
# Binary arithmetic
# --------------------------------------------------------------------------
add = Primitive(
    "add",
    operator.add,
    vjp=lambda g, ans, x, y: (g, g),
    array_vjp=True,
    linear=True,
    same_dtype=True,
    tf_name="AddV2",
    formula="d(x + y) = dx + dy",
)

subtract = Primitive(
    "subtract",
    operator.sub,
    vjp=lambda g, ans, x, y: (g, -g),
    array_vjp=True,
    linear=True,
    same_dtype=True,
    tf_name="Sub",
    formula="d(x - y) = dx - dy",
)


def _multiply_jvp(tangents, ans, x, y):
    tx, ty = tangents
    if tx is None:
        return x * ty
    if ty is None:
        return tx * y
    return tx * y + x * ty


multiply = Primitive(
    "multiply",
    operator.mul,
    vjp=lambda g, ans, x, y: (g * y, g * x),
    array_vjp=True,
    jvp=_multiply_jvp,
    same_dtype=True,
    tf_name="Mul",
    formula="d(x y) = y dx + x dy",
)


def _divide_impl(x, y):
    if x.dtype.kind in "iu":
        # TF's RealDiv is not defined for integers; tf.divide casts first.
        raise InvalidArgumentError(None, None, "Integer division by RealDiv is not supported")
    return x / y


def _divide_jvp(tangents, ans, x, y):
    tx, ty = tangents
    if ty is None:
        return tx / y
    dy = -(ty * ans) / y
    return dy if tx is None else tx / y + dy


divide = Primitive(
    "divide",
    _divide_impl,
    vjp=lambda g, ans, x, y: (g / y, -(g * ans) / y),
    array_vjp=True,
    jvp=_divide_jvp,
    same_dtype=True,
    tf_name="RealDiv",
    formula="d(x / y) = dx / y - (x / y) dy / y",
)


def _multiply_no_nan_impl(x, y):
    product = np.multiply(x, y)
    return np.where(y == 0, np.zeros_like(product), product)[()]


multiply_no_nan = Primitive(
    "multiply_no_nan",
    _multiply_no_nan_impl,
    vjp=lambda g, ans, x, y: (multiply_no_nan(g, y), multiply_no_nan(x, g)),
    jvp=lambda t, ans, x, y: _bilinear_jvp(multiply_no_nan, t, x, y),
    same_dtype=True,
    kinds=FLOATS,
    tf_name="MulNoNan",
    formula="mul_no_nan(x, y) = 0 where y == 0 (even if x is inf/nan), else x y",
)


def _bilinear_jvp(op, tangents, x, y):
    tx, ty = tangents
    if tx is None:
        return op(x, ty)
    if ty is None:
        return op(tx, y)
    return op(tx, y) + op(x, ty)


def _pow_impl(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0):
        raise InvalidArgumentError(
            None, None, "Integers to negative integer powers are not allowed [Op:Pow] name: "
        )
    return np.power(x, y)


def _log_where_positive(x):
    # log(x) where x > 0, else 0, without NaN gradients from the unused branch.
    positive = greater(x, zeros_like(x))
    safe_x = where(positive, x, ones_like(x))
    return where(positive, log(safe_x), zeros_like(x))


def _pow_vjp(g, ans, x, y):
    return (g * y * pow(x, y - 1), g * ans * _log_where_positive(x))


def _pow_jvp(tangents, ans, x, y):
    tx, ty = tangents
    result = None if tx is None else tx * y * pow(x, y - 1)
    if ty is not None:
        dy = ty * ans * _log_where_positive(x)
        result = dy if result is None else result + dy
    return result


pow = Primitive(  # noqa: A001 - TensorFlow's name
    "pow",
    _pow_impl,
    vjp=_pow_vjp,
    jvp=_pow_jvp,
    same_dtype=True,
    tf_name="Pow",
    formula="d x^y = y x^(y-1) dx + x^y log(x) dy, with log(x) taken as 0 where x <= 0",
)


def _select_by(condition_fn):
    """VJP of maximum/minimum: the gradient goes to x where condition(x, y) holds."""

    def vjp(g, ans, x, y):
        chosen = condition_fn(x, y)
        zero = zeros_like(g)
        return where(chosen, g, zero), where(chosen, zero, g)

    return vjp


def _select_jvp(condition_fn):
    def jvp(tangents, ans, x, y):
        tx, ty = tangents
        tx = zeros_like(x) if tx is None else tx
        ty = zeros_like(y) if ty is None else ty
        return where(condition_fn(x, y), tx, ty)

    return jvp


maximum = Primitive(
    "maximum",
    np.maximum,
    vjp=_select_by(lambda x, y: greater_equal(x, y)),
    jvp=_select_jvp(lambda x, y: greater_equal(x, y)),
    same_dtype=True,
    kinds=NUMBERS,
    formula="d max(x, y) = dx where x >= y else dy (ties go to x)",
)

minimum = Primitive(
    "minimum",
    np.minimum,
    vjp=_select_by(lambda x, y: less_equal(x, y)),
    jvp=_select_jvp(lambda x, y: less_equal(x, y)),
    same_dtype=True,
    kinds=NUMBERS,
    formula="d min(x, y) = dx where x <= y else dy (ties go to x)",
)


def _floordiv_impl(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise InvalidArgumentError(None, None, "Integer division by zero [Op:FloorDiv] name: ")
    return np.floor_divide(x, y)


floordiv = Primitive(
    "floordiv",
    _floordiv_impl,
    same_dtype=True,
    differentiable=False,
    tf_name="FloorDiv",
    formula="x // y: no gradient (TF registers FloorDiv as non-differentiable)",
)


def _floormod_impl(x, y):
    if x.dtype.kind in "iu" and np.any(np.asarray(y) == 0):
        raise InvalidArgumentError(None, None, "Integer division by zero [Op:FloorMod] name: ")
    remainder = np.fmod(x, y)
    # Python-style (floor) modulo from the C remainder, as TF's kernel does:
    # -2.0 % 2 stays -0.0.
    adjust = (remainder != 0) & ((y < 0) != (remainder < 0))
    return np.where(adjust, remainder + y, remainder)[()]


floormod = Primitive(
    "floormod",
    _floormod_impl,
    vjp=lambda g, ans, x, y: (g, -(g * floordiv(x, y))),
    jvp=lambda t, ans, x, y: _linear_combination(t, (None, -floordiv(x, y))),
    same_dtype=True,
    tf_name="FloorMod",
    formula="d (x mod y) = dx - floor(x / y) dy",
)


def _linear_combination(tangents, coefficients):
    result = None
    for t, c in zip(tangents, coefficients):
        if t is not None:
            term = t if c is None else t * c
            result = term if result is None else result + term
    return result


# --------------------------------------------------------------------------
# Comparisons and logic: no gradient
# --------------------------------------------------------------------------
def _comparison(name, impl, tf_name):
    return Primitive(
        name,
        impl,
        same_dtype=True,
        differentiable=False,
        tf_name=tf_name,
        formula=f"{name}(x, y) is boolean: no gradient",
    )


equal = _comparison("equal", np.equal, "Equal")
not_equal = _comparison("not_equal", np.not_equal, "NotEqual")
less = _comparison("less", np.less, "Less")
less_equal = _comparison("less_equal", np.less_equal, "LessEqual")
greater = _comparison("greater", np.greater, "Greater")
greater_equal = _comparison("greater_equal", np.greater_equal, "GreaterEqual")


def _bool_or_int(name, impl, tf_name, kinds="biu"):
    return Primitive(
        name,
        impl,
        same_dtype=True,
        differentiable=False,
        kinds=kinds,
        tf_name=tf_name,
        formula=f"{name} on booleans or integer bits: no gradient",
    )


logical_and = _bool_or_int("logical_and", np.logical_and, "LogicalAnd", "b")
logical_or = _bool_or_int("logical_or", np.logical_or, "LogicalOr", "b")
bitwise_and = _bool_or_int("bitwise_and", np.bitwise_and, "BitwiseAnd")
bitwise_or = _bool_or_int("bitwise_or", np.bitwise_or, "BitwiseOr")
bitwise_xor = _bool_or_int("bitwise_xor", np.bitwise_xor, "BitwiseXor")
invert = Primitive(
    "invert",
    np.invert,
    differentiable=False,
    kinds="biu",
    tf_name="Invert",
    formula="~x (logical not for bool): no gradient",
)

# --------------------------------------------------------------------------
# Casts, selection and gradient blocking
# --------------------------------------------------------------------------


def _cast_impl(x, dtype):
    return (
        x.astype(dtype.as_numpy_dtype_instance)[()]
        if x.dtype != dtype.as_numpy_dtype_instance
        else x
    )


def _cast_vjp(g, ans, x, dtype):
    if x._value.dtype.kind not in FLOATS:
        return (None,)
    return (cast(g, dtype=_dtype_of(x)),)


def _cast_jvp(tangents, ans, x, dtype):
    if ans._value.dtype.kind not in FLOATS:
        return None
    return cast(tangents[0], dtype=dtype)


def _dtype_of(x):
    from ..dtypes import from_numpy

    return from_numpy(x._value.dtype)


cast = Primitive(
    "cast",
    _cast_impl,
    vjp=_cast_vjp,
    jvp=_cast_jvp,
    formula="d cast(x) = cast(dx); no gradient to or from integer types",
)


def _where_vjp(g, ans, condition, x, y):
    zero = zeros_like(g)
    return None, where(condition, g, zero), where(condition, zero, g)


def _where_jvp(tangents, ans, condition, x, y):
    _, tx, ty = tangents
    tx = zeros_like(x) if tx is None else tx
    ty = zeros_like(y) if ty is None else ty
    return where(condition, tx, ty)


def _where_impl(condition, x, y):
    if x.dtype != y.dtype:
        from .._tensor import dtype_mismatch

        raise dtype_mismatch("SelectV2", 2, x.dtype, y.dtype)
    return np.where(condition, x, y)[()]


where = Primitive(
    "where",
    _where_impl,
    vjp=_where_vjp,
    jvp=_where_jvp,
    tf_name="SelectV2",
    formula="d where(c, x, y) = where(c, dx, dy); both branches get a cotangent (0 where unused)",
)

stop_gradient = Primitive(
    "stop_gradient",
    lambda x: x,
    differentiable=False,
    tf_name="StopGradient",
    formula="stop_gradient(x) = x with no gradient in either mode",
)
