"""The core elementwise primitives: sign-like and linear ops, the basic
transcendental functions, binary arithmetic, casts and selection.

Each entry is one primitive: the NumPy impl, the VJP (``g`` is the incoming
cotangent, ``ans`` the output), the JVP (derived when marked ``linear`` or
``elementwise``), and a one-line formula. Broadcasting between operands is
undone by the reverse sweep, so binary rules return full-shape cotangents.
``ops/elementwise.py`` re-exports everything here next to tf.math's other
functions; the rest of the package imports these names from there.
"""

from __future__ import annotations

import operator

import numpy as np

from .._dispatch import Primitive, op_for
from .._tensor import Tensor, dtype_mismatch, wrap
from ..dtypes import _from_numpy as from_numpy
from ..errors import InvalidArgumentError, NotFoundError
from ._jvp import bilinear_jvp, fold_jvp
from .logic import greater, greater_equal, less_equal, not_equal
from .shape import conj

FLOATS = "fc"  # kinds for ops TensorFlow defines on floating and complex types only
REALS = "f"
NUMBERS = "fciu"
# NumPy dtype chars (int64 and uint64 have two each) for TF's exact type lists.
SIGNED = "efdbhilqFD"  # floats, signed integers, complex: no unsigned (Neg, Sign, Pow)
_SIGNED_TEXT = "bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128"


def zeros_like(x: Tensor) -> Tensor:
    """Zeros of x's shape and dtype; never recorded (TF registers no gradient)."""
    value = x._value
    # A rank-0 Dask or CuPy array keeps its library (a gradient seed must).
    if value.ndim or not isinstance(value, np.generic):
        return wrap(np.zeros_like(value))
    return wrap(value.dtype.type(0))


def ones_like(x: Tensor) -> Tensor:
    value = x._value
    if value.ndim or not isinstance(value, np.generic):
        return wrap(np.ones_like(value))
    return wrap(value.dtype.type(1))


def _unary(name, impl, vjp, formula, *, kinds=FLOATS, tf_name=None, array_vjp=False):
    return Primitive(name, impl, vjp=vjp, elementwise=True, formula=formula, kinds=kinds,
                     tf_name=tf_name, array_vjp=array_vjp)  # fmt: skip


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
    dtypes=(SIGNED, _SIGNED_TEXT),
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

sign = Primitive(
    "sign",
    np.sign,
    vjp=lambda g, ans, x: (zeros_like(g),),
    # TF's forward mode transposes the VJP; a VJP that ignores g gives no tangent.
    jvp=lambda tangents, ans, x: None,
    kinds=NUMBERS,
    dtypes=(SIGNED, _SIGNED_TEXT),
    formula="d sign(x) = 0: zeros in reverse mode (not None), no tangent in forward mode",
)


def _abs_vjp(g, ans, x):
    if x._value.dtype.kind == "c":  # TF's ComplexAbsGrad: g x / |x|, 0 at x = 0
        complex_dtype = _dtype_of(x)
        return (divide_no_nan(cast(g, dtype=complex_dtype) * x, cast(ans, dtype=complex_dtype)),)
    return (g * sign(x),)


def _abs_jvp(tangents, ans, x):
    t = tangents[0]
    if x._value.dtype.kind == "c":  # d|x| = Re(conj(x) dx) / |x|
        return divide_no_nan(cast(conj(x) * t, dtype=_dtype_of(ans)), ans)
    return t * sign(x)


abs = Primitive(  # noqa: A001 - TensorFlow's name
    "abs",
    np.abs,
    vjp=_abs_vjp,
    jvp=_abs_jvp,
    kinds=NUMBERS,
    # complex goes to TF's ComplexAbs; Abs's own list has no unsigned types
    dtypes=(SIGNED, "bfloat16, half, float, double, int8, int16, int32, int64"),
    holomorphic=False,
    formula="d|x| = sign(x) dx, so abs'(0) = 0; for complex x, Re(conj(x) dx) / |x|",
)

# --------------------------------------------------------------------------
# Transcendental unary ops
# --------------------------------------------------------------------------
exp = _unary("exp", np.exp, lambda g, ans, x: (g * ans,), "d exp(x) = exp(x) dx", array_vjp=True)
log = _unary("log", np.log, lambda g, ans, x: (g / x,), "d log(x) = dx / x", array_vjp=True)
sin = _unary("sin", np.sin, lambda g, ans, x: (g * op_for(cos, g)(x),), "d sin(x) = cos(x) dx",
             array_vjp=True)  # fmt: skip
cos = _unary("cos", np.cos, lambda g, ans, x: (-(g * op_for(sin, g)(x)),),
             "d cos(x) = -sin(x) dx", array_vjp=True)  # fmt: skip
tanh = _unary("tanh", np.tanh, lambda g, ans, x: (g * (1 - ans * ans),),
              "d tanh(x) = (1 - tanh(x)^2) dx", array_vjp=True)  # fmt: skip
square = _unary("square", np.square, lambda g, ans, x: (g * (x + x),), "d x^2 = 2x dx",
                kinds=NUMBERS, array_vjp=True)  # fmt: skip


def _sqrt_vjp(g, ans, x):
    # TF's SqrtGrad is exactly 0 where the upstream gradient is 0, even at x = 0
    # (where 0.5/sqrt(x) is inf): this is why tf.where(x > 0, tf.sqrt(x), 0.) is safe.
    return (multiply_no_nan(0.5 / ans, g),)


sqrt = Primitive(
    "sqrt",
    np.sqrt,
    vjp=_sqrt_vjp,
    # Forward mode has no such guard in TF (its JVP is 0.5 t / y): NaN for t = y = 0.
    jvp=lambda tangents, ans, x: tangents[0] * 0.5 / ans,
    kinds=FLOATS,
    formula="d sqrt(x) = dx / (2 sqrt(x)); the VJP is exactly 0 where the cotangent is 0",
)


# --------------------------------------------------------------------------
# Binary arithmetic
# --------------------------------------------------------------------------
def _add(x, y):
    out = x + y
    # Two 0-d string (object) arrays add to Python bytes: TF's Add joins strings.
    return out if out.__class__ is not bytes else np.array(out, dtype=object)


add = Primitive(
    "add",
    _add,
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
    return fold_jvp(tangents, lambda tx: tx * y, lambda ty: x * ty)


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
    return fold_jvp(tangents, lambda tx: tx / y, lambda ty: -(ty * ans) / y)


divide = Primitive(
    "divide",
    _divide_impl,
    vjp=lambda g, ans, x, y: (g / y, g * (-ans / y)),  # TF's rounding (both orders)
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
    jvp=lambda t, ans, x, y: bilinear_jvp(multiply_no_nan, t, x, y),
    same_dtype=True,
    kinds=FLOATS,
    tf_name="MulNoNan",
    formula="mul_no_nan(x, y) = 0 where y == 0 (even if x is inf/nan), else x y",
)


# Safe quotients: primitives, not where(y == 0, 0, x / y), whose unused branch would
# still get a cotangent and make the gradient NaN (spec section 9).
def _zero_where(condition, value):
    return np.where(condition, value.dtype.type(0), value)[()]


def _divide_no_nan_impl(x, y):
    if y.ndim == 0 and y != 0:  # a mean's nonzero count: a plain quotient
        return x / y
    with np.errstate(all="ignore"):
        return _zero_where(y == 0, x / y)


def _divide_no_nan_vjp(g, ans, x, y):
    return divide_no_nan(g, y), g * divide_no_nan(divide_no_nan(-x, y), y)


def _divide_no_nan_jvp(tangents, ans, x, y):
    return fold_jvp(
        tangents,
        lambda tx: divide_no_nan(tx, y),
        lambda ty: ty * divide_no_nan(divide_no_nan(-x, y), y),
    )


divide_no_nan = Primitive(
    "divide_no_nan",
    _divide_no_nan_impl,
    vjp=_divide_no_nan_vjp,
    jvp=_divide_no_nan_jvp,
    same_dtype=True,
    kinds=FLOATS,
    tf_name="DivNoNan",
    formula="x / y, and 0 (value and gradients) where y == 0; a where would give NaN gradients",
)


def _pow_impl(x, y):
    # TF's kernel checks the exponents it uses: an empty result uses none.
    if x.dtype.kind in "iu" and np.any(np.asarray(y) < 0) and np.broadcast(x, y).size:
        raise InvalidArgumentError(
            None, None, "Integers to negative integer powers are not allowed [Op:Pow] name: "
        )
    return np.power(x, y)


def _log_where_positive(x):
    # log(x) where x > 0 (complex: x != 0, as TF's PowGrad), else 0, without NaN gradients
    # from the unused branch.
    if _dtype_of(x).is_complex:
        positive = not_equal(x, zeros_like(x))
    else:
        positive = greater(x, zeros_like(x))
    safe_x = where(positive, x, ones_like(x))
    return where(positive, log(safe_x), zeros_like(x))


def _pow_vjp(g, ans, x, y):
    return (g * y * pow(x, y - 1), g * ans * _log_where_positive(x))


def _pow_jvp(tangents, ans, x, y):
    return fold_jvp(
        tangents,
        lambda tx: tx * y * pow(x, y - 1),
        lambda ty: ty * ans * _log_where_positive(x),
    )


pow = Primitive(  # noqa: A001 - TensorFlow's name
    "pow",
    _pow_impl,
    vjp=_pow_vjp,
    jvp=_pow_jvp,
    same_dtype=True,
    kinds="fciubOSU",
    dtypes=(
        SIGNED,
        "bfloat16, float, half, double, int8, int16, int32, int64, complex64, complex128",
    ),
    tf_name="Pow",
    formula="d x^y = y x^(y-1) dx + x^y log(x) dy, with log(x) taken as 0 where x <= 0 "
    "(complex x: where x == 0)",
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
    kinds="fiu",  # no complex: TF's Maximum/Minimum need an order
    formula="d max(x, y) = dx where x >= y else dy (ties go to x)",
)

minimum = Primitive(
    "minimum",
    np.minimum,
    vjp=_select_by(lambda x, y: less_equal(x, y)),
    jvp=_select_jvp(lambda x, y: less_equal(x, y)),
    same_dtype=True,
    kinds="fiu",  # no complex: TF's Maximum/Minimum need an order
    formula="d min(x, y) = dx where x <= y else dy (ties go to x)",
)


def divides_by_zero(x, y) -> bool:
    """Whether an integer division of ``x`` by ``y`` meets a zero divisor.

    TF's kernels check only the elements they compute: an empty result (an empty
    ``x``) divides by nothing, and shapes that do not broadcast fail elsewhere.

    >>> divides_by_zero(np.zeros([0], np.int32), np.array(0, np.int32))
    False
    """
    if np.asarray(x).dtype.kind not in "iu" or not np.any(np.asarray(y) == 0):
        return False
    try:
        shape = np.broadcast_shapes(np.shape(x), np.shape(y))
    except ValueError:
        return False
    return 0 not in shape


def _floordiv_impl(x, y):
    if x.dtype.kind == "c":  # TF registers FloorDiv for complex, with no CPU kernel
        raise NotFoundError(
            None, None, f"Could not find device for node: {{{{node FloorDiv}}}} = FloorDiv"
            f"[T=DT_{x.dtype.name.upper()}] [Op:FloorDiv] name: ",
        )  # fmt: skip
    if divides_by_zero(x, y):
        raise InvalidArgumentError(None, None, "Integer division by zero [Op:FloorDiv] name: ")
    if x.dtype.kind == "f":
        # TF's FloorDiv on floats is floor(x / y): 1.0 // 0.1 is 10.0 (NumPy says 9.0).
        return np.floor(x / y)
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
    if divides_by_zero(x, y):
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
    jvp=lambda t, ans, x, y: fold_jvp(t, lambda tx: tx, lambda ty: ty * -floordiv(x, y)),
    same_dtype=True,
    kinds="fiu",
    tf_name="FloorMod",
    formula="d (x mod y) = dx - floor(x / y) dy",
)


# --------------------------------------------------------------------------
# Casts, selection and gradient blocking
# --------------------------------------------------------------------------


def _truncated_int64(v: np.ndarray) -> np.ndarray:
    """x86's float -> int64 conversion: truncation, and int64's lowest value for NaN and
    anything outside [-2^63, 2^63)."""
    inside = (v >= -(2.0**63)) & (v < 2.0**63)
    return np.where(inside, np.trunc(np.where(inside, v, 0)).astype(np.int64), np.int64(-(2**63)))


def _float_to_uint64(x: np.ndarray) -> np.ndarray:
    """float or complex -> uint64 as TF's x86 kernels compute it (C++ leaves the out-of-range
    case undefined; NumPy gives 0 there): x and x - 2^63 converted to int64, the second OR-ed
    in where the first is negative. Negative x wrap (-1 -> 2^64 - 1); NaN, Inf and x past
    [-2^63, 2^64) give 2^63."""
    x = np.real(x)
    if x.dtype.itemsize < 4:  # half precision converts through float32
        x = x.astype(np.float32)
    with np.errstate(invalid="ignore"):
        low = _truncated_int64(x)
        high = _truncated_int64(x - x.dtype.type(2.0**63))
    return np.asarray(low | (high & (low >> 63))).view(np.uint64)


def _cast_impl(x, dtype):
    target = dtype.as_numpy_dtype_instance
    if target == np.uint64 and x.dtype.kind in "fc":
        return _float_to_uint64(x)[()]
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
