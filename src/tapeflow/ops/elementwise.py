"""Elementwise primitives: arithmetic, transcendental functions, comparisons, casts.

Each entry is one primitive: the NumPy impl, the VJP (``g`` is the incoming
cotangent, ``ans`` the output), the JVP (derived when marked ``linear`` or
``elementwise``), and a one-line formula. Broadcasting between operands is
undone by the reverse sweep, so binary rules return full-shape cotangents.

This module is where the package imports them from. The core (sign and linear
ops, exp/log/sin/cos/tanh/square/sqrt, binary arithmetic, casts and where) is
written in ``arithmetic.py``, comparisons and logic in ``logic.py``; both are
re-exported here. Below are tf.math's other functions.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive, op_for
from ._jvp import fold_jvp
from ._special import (
    TWO_OVER_SQRT_PI,
    digamma_kernel,
    erf_kernel,
    erfc_kernel,
    in_float64,
    lgamma_kernel,
    polygamma_kernel,
)
from .arithmetic import (  # noqa: F401  (the core primitives, re-exported)
    FLOATS,
    NUMBERS,
    REALS,
    _dtype_of,
    _unary,
    _zero_where,
    abs,
    add,
    cast,
    cos,
    divide,
    divide_no_nan,
    divides_by_zero,
    exp,
    floordiv,
    floormod,
    identity,
    log,
    maximum,
    minimum,
    multiply,
    multiply_no_nan,
    negative,
    ones_like,
    pow,
    sign,
    sin,
    sqrt,
    square,
    stop_gradient,
    subtract,
    tanh,
    where,
    zeros_like,
)
from .logic import (  # noqa: F401  (comparisons and logic live in ops/logic.py)
    bitwise_and,
    bitwise_or,
    bitwise_xor,
    equal,
    greater,
    greater_equal,
    invert,
    less,
    less_equal,
    logical_and,
    logical_or,
    not_equal,
)
from .shape import conj

# ==========================================================================
# The math library (tf.math): more unary and binary primitives
# ==========================================================================
# Each is one NumPy call (or a short stable formula) with TensorFlow's gradient
# kernel as its VJP, written with tapeflow ops so it can be differentiated again.
# Rules marked array_vjp use only Python operators on (g, ans, x, y).


def _partials_primitive(name, impl, partials, formula, *, kinds=FLOATS, tf_name=None,
                        array_vjp=False):  # fmt: skip
    """A binary primitive from its partial derivatives: VJP g*p, JVP tx*px + ty*py."""

    def vjp(g, ans, x, y):
        px, py = partials(ans, x, y)
        return g * px, g * py

    def jvp(tangents, ans, x, y):
        px, py = partials(ans, x, y)
        return fold_jvp(tangents, lambda tx: tx * px, lambda ty: ty * py)

    return Primitive(
        name,
        impl,
        vjp=vjp,
        jvp=jvp,
        same_dtype=True,
        kinds=kinds,
        tf_name=tf_name,
        formula=formula,
        array_vjp=array_vjp,
    )


# -- powers and reciprocals ---------------------------------------------------
def _rsqrt_impl(x):
    return 1 / np.sqrt(x)


rsqrt = Primitive(
    "rsqrt",
    _rsqrt_impl,
    # TF's RsqrtGrad, which (like SqrtGrad and ReciprocalGrad) is exactly 0 where the
    # cotangent is 0, even where y is Inf or NaN; in its order, (-0.5 g y) (y y): y^3
    # first overflows float16 where the product does not.
    vjp=lambda g, ans, x: (
        op_for(multiply_no_nan, g)(ans * ans, op_for(multiply_no_nan, g)(ans, g) * -0.5),
    ),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    formula="d x^(-1/2) = -y^3/2 dx with y = rsqrt(x) (TF's RsqrtGrad: 0 where the cotangent "
    "is 0); one op, not 1/sqrt",
)

reciprocal = Primitive(
    "reciprocal",
    np.reciprocal,
    vjp=lambda g, ans, x: (-op_for(multiply_no_nan, g)(ans * ans, g),),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    formula="d (1/x) = -y^2 dx with y = 1/x (TF's ReciprocalGrad: 0 where the cotangent is 0)",
)

# -- exponentials and logarithms ----------------------------------------------
expm1 = _unary(
    "expm1",
    np.expm1,
    lambda g, ans, x: (g * exp(x),),
    "d (e^x - 1) = e^x dx; a primitive: exp(x) - 1 loses all digits for small x",
)
log1p = Primitive(
    "log1p",
    np.log1p,
    vjp=lambda g, ans, x: (g / (1 + x),),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    formula="d log(1 + x) = dx / (1 + x); a primitive: log(1 + x) loses digits for small x",
)

# -- trigonometric and hyperbolic ---------------------------------------------
tan = Primitive(
    "tan",
    np.tan,
    vjp=lambda g, ans, x: (g * (1 + ans * ans),),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    formula="d tan(x) = (1 + tan(x)^2) dx = sec(x)^2 dx",
)


def _arcsine_slope(x):
    """1 / sqrt(1 - x^2), for complex x the conjugate of TF's 1 / sqrt(1 - conj(x)^2): the
    two differ in the sign of a zero imaginary part on the branch cuts (|x| > 1 real)."""
    if x._value.dtype.kind != "c":
        return rsqrt(1 - x * x)
    x = conj(x)
    return conj(_c_reciprocal(sqrt(1 - x * x)))


def _c_reciprocal(d):
    """1 / d for complex d, 0 where d is infinite (C++'s complex division, which TF's kernels
    use outside their vector packets; NumPy gives NaN there)."""
    return where(equal(abs(d), np.inf), zeros_like(d), reciprocal(d))


asin = _unary(
    "asin", np.arcsin, lambda g, ans, x: (g * _arcsine_slope(x),), "d asin(x) = dx / sqrt(1 - x^2)"
)
acos = _unary(
    "acos",
    np.arccos,
    lambda g, ans, x: (-(g * _arcsine_slope(x)),),
    "d acos(x) = -dx / sqrt(1 - x^2)",
)


def _atan_vjp(g, ans, x):
    if x._value.dtype.kind != "c":
        return (g / (1 + x * x),)
    # 1 + x^2 overflows for a huge complex x: C++ (TF's kernel outside its vector packets)
    # gives 1 / inf = 0 there, NumPy NaN.
    return (g * _c_reciprocal(1 + x * x),)


atan = Primitive(
    "atan",
    np.arctan,
    vjp=_atan_vjp,
    array_vjp=lambda g, ans, x: (g / (1 + x * x),),  # never complex (those run on Tensors)
    elementwise=True,
    kinds=FLOATS,
    formula="d atan(x) = dx / (1 + x^2)",
)
sinh = _unary("sinh", np.sinh, lambda g, ans, x: (g * cosh(x),), "d sinh(x) = cosh(x) dx")
cosh = _unary("cosh", np.cosh, lambda g, ans, x: (g * sinh(x),), "d cosh(x) = sinh(x) dx")
asinh = _unary(
    "asinh", np.arcsinh, lambda g, ans, x: (g / cosh(ans),), "d asinh(x) = dx / cosh(asinh(x))"
)
acosh = _unary(
    "acosh", np.arccosh, lambda g, ans, x: (g / sinh(ans),), "d acosh(x) = dx / sinh(acosh(x))"
)
atanh = Primitive(
    "atanh",
    np.arctanh,
    # Divided twice, not by 1 - x^2: x^2 overflows for a huge complex x (inf - inf = NaN),
    # where the true derivative rounds to 0, as TF's does.
    vjp=lambda g, ans, x: (g / (1 - x) / (1 + x),),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    formula="d atanh(x) = dx / ((1 - x)(1 + x))",
)


def _atan2_jvp(tangents, ans, y, x):
    scale = 1 / (x * x + y * y)
    return fold_jvp(tangents, lambda ty: ty * x * scale, lambda tx: -(tx * y * scale))


def _atan2_vjp(g, ans, y, x):
    scaled = g / (x * x + y * y)
    return scaled * x, -(scaled * y)


atan2 = Primitive(
    "atan2",
    np.arctan2,
    vjp=_atan2_vjp,
    jvp=_atan2_jvp,
    array_vjp=True,
    same_dtype=True,
    kinds=REALS,
    formula="d atan2(y, x) = (x dy - y dx) / (x^2 + y^2); NaN at (0, 0) as in TF",
)


# -- logistic functions ---------------------------------------------------------
def _sigmoid_impl(x):
    # 1/(1 + e^-x) keeps its relative precision for x << 0 (where sigmoid ~ e^x), and
    # e^-x overflowing to inf gives 0, as TF does; a branch-free formula is ~10x faster
    # than selecting between two forms with np.where.
    if x.dtype == np.float16:  # e^-x overflows float16 from x < -11: compute in float32
        return (1 / (1 + np.exp(-x.astype(np.float32)))).astype(np.float16)
    if x.dtype.kind == "c":
        # C++ divides a finite number by an infinite complex one to 0 (C99 Annex G);
        # NumPy's division gives NaN there.
        denominator = 1 + np.exp(-x)
        infinite = np.isinf(denominator.real) | np.isinf(denominator.imag)
        zero = np.empty_like(denominator)  # 1 / d -> conj(d) * 0, signs included
        zero.real = np.copysign(0, denominator.real)
        zero.imag = np.copysign(0, -denominator.imag)
        out = 1 / denominator
        return np.where(infinite & np.isnan(out), zero, out)[()]
    return 1 / (1 + np.exp(-x))


sigmoid = Primitive(
    "sigmoid",
    _sigmoid_impl,
    vjp=lambda g, ans, x: (g * ans * (1 - ans),),
    array_vjp=True,
    elementwise=True,
    kinds=FLOATS,
    tf_name="Sigmoid",
    formula="d sigmoid(x) = y (1 - y) dx; a primitive: 1/(1+exp(-x)) overflows for x << 0",
)


def _softplus_impl(x):
    # log(1 + e^x) = max(x, 0) + log1p(e^-|x|): never overflows, exact for x << 0
    # (np.logaddexp computes the same, ten times slower).
    return np.maximum(x, x.dtype.type(0)) + np.log1p(np.exp(-np.abs(x)))


softplus = _unary(
    "softplus",
    _softplus_impl,
    lambda g, ans, x: (g * sigmoid(x),),
    "d log(1 + e^x) = sigmoid(x) dx; a primitive: the composite overflows and has abs'(0) = 0",
    kinds=REALS,
)


# -- special functions (their NumPy kernels are in _special.py) -------------------
erf = _unary(
    "erf",
    in_float64(erf_kernel),
    lambda g, ans, x: (g * TWO_OVER_SQRT_PI * exp(-(x * x)),),
    "d erf(x) = 2/sqrt(pi) exp(-x^2) dx",
    kinds=REALS,
)
erfc = _unary(
    "erfc",
    in_float64(erfc_kernel),
    lambda g, ans, x: (-(g * TWO_OVER_SQRT_PI * exp(-(x * x))),),
    "d erfc(x) = -2/sqrt(pi) exp(-x^2) dx; a primitive: 1 - erf(x) loses digits for x >> 1",
    kinds=REALS,
)
lgamma = _unary(
    "lgamma",
    in_float64(lgamma_kernel),
    lambda g, ans, x: (g * digamma(x),),
    "d log|Gamma(x)| = digamma(x) dx",
    kinds=REALS,
)
digamma = _unary(
    "digamma",
    in_float64(digamma_kernel),
    lambda g, ans, x: (g * polygamma(ones_like(x), x),),
    "d digamma(x) = polygamma(1, x) dx",
    kinds=REALS,
)


def _polygamma_jvp(tangents, ans, a, x):
    return None if tangents[1] is None else tangents[1] * polygamma(a + 1, x)


polygamma = Primitive(
    "polygamma",
    in_float64(polygamma_kernel),
    vjp=lambda g, ans, a, x: (None, g * polygamma(a + 1, x)),
    jvp=_polygamma_jvp,
    elementwise=True,
    same_dtype=True,
    kinds=REALS,
    formula="d polygamma(a, x) = polygamma(a + 1, x) dx; no gradient for the order a (as TF)",
)


# -- safe products and quotients ------------------------------------------------
# Primitives, not where(x == 0, 0, x * log(y)): the unused branch of a where gets a
# zero cotangent, and 0 * log(0) would make the gradient NaN (spec section 9).
def _xlogy_impl(x, y):
    with np.errstate(all="ignore"):  # 0 * log(0) is computed, then replaced: no warning
        return _zero_where(x == 0, x * np.log(y))


def _xdivy_impl(x, y):
    with np.errstate(all="ignore"):
        return _zero_where(x == 0, x / y)


def _nonzero_mask(x):
    return cast(not_equal(x, zeros_like(x)), dtype=_dtype_of(x))


xlogy = _partials_primitive(
    "xlogy",
    _xlogy_impl,
    lambda ans, x, y: (xlogy(_nonzero_mask(x), y), xdivy(x, y)),
    "d (x log y) = log(y) dx + x/y dy, both 0 where x == 0 (so xlogy(0, 0) has gradient 0)",
)


def _xdivy_partials(ans, x, y):
    if x._value.dtype.kind == "c":
        # -x / y / y: a complex y^2 overflows (inf * inf is NaN) where TF's quotient is finite.
        dy = xdivy(xdivy(-x, y), y)
    else:
        # TF's XdivyGrad divides by y^2: 0 where y^2 overflows, as TF's.
        dy = xdivy(-x, y * y)
    return xdivy(_nonzero_mask(x), y), dy


xdivy = _partials_primitive(
    "xdivy",
    _xdivy_impl,
    _xdivy_partials,
    "d (x / y) = dx / y - x/y^2 dy, both 0 where x == 0",
)


# -- rounding and classification: no gradient -----------------------------------
def _no_gradient(name, impl, tf_name, kinds, what):
    return Primitive(
        name,
        impl,
        differentiable=False,
        kinds=kinds,
        tf_name=tf_name,
        formula=f"{what}: no gradient (TF registers {tf_name} as non-differentiable)",
    )


round = _no_gradient(  # noqa: A001 - TensorFlow's name
    "round", np.round, "Round", "fi", "round half to even (banker's rounding)"
)
floor = _no_gradient("floor", np.floor, "Floor", REALS, "floor(x)")
ceil = _no_gradient("ceil", np.ceil, "Ceil", REALS, "ceil(x)")
is_nan = _no_gradient("is_nan", np.isnan, "IsNan", REALS, "x is NaN (bool)")
is_inf = _no_gradient("is_inf", np.isinf, "IsInf", REALS, "x is +-inf (bool)")
is_finite = _no_gradient("is_finite", np.isfinite, "IsFinite", REALS, "x is finite (bool)")
