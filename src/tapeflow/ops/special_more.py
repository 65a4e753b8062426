"""More special-function primitives: inverse error functions and modified Bessel
functions of orders 0 and 1 (plain and exponentially scaled).

Kernels run in float64 (``_special.in_float64``). erfinv refines a closed-form
first guess with Newton steps on erf/erfc; ndtri takes its lower half from erfc's
tail (Newton on log erfc), so a p of 1e-300 keeps its quantile; the Bessel functions sum their power
series for |x| <= 30 and their asymptotic series beyond. Rules are written in
tapeflow ops, so every order differentiates.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import wrap
from ._special import TWO_OVER_SQRT_PI, erf_kernel, erfc_kernel, in_float64
from .elementwise import FLOATS, abs, exp, greater, sign, sqrt, square, where  # noqa: A004


def _erfinv_kernel(y):
    # Winitzki's approximation (a = 0.147) as the first guess, then Newton on erf
    # (erfc in the tails, where erf(x) - y cancels).
    with np.errstate(all="ignore"):
        a = 0.147
        log_term = np.log1p(-y * y)
        first = 2.0 / (np.pi * a) + log_term / 2.0
        x = np.sign(y) * np.sqrt(np.sqrt(first * first - log_term / a) - first)
        tail = np.abs(y) > 0.5
        for _ in range(4):
            slope = TWO_OVER_SQRT_PI * np.exp(-x * x)
            body = (erf_kernel(x) - y) / slope
            tails = -np.sign(x) * (erfc_kernel(np.abs(x)) - (1.0 - np.abs(y))) / slope
            step = np.where(tail, tails, body)
            x = np.where(np.isfinite(step), x - step, x)
        x = np.where(y == 1.0, np.inf, np.where(y == -1.0, -np.inf, x))
        return np.where(np.abs(y) > 1.0, np.nan, x)


def _erfinv_vjp(g, ans, y):
    # d erfinv(y) = sqrt(pi)/2 exp(erfinv(y)^2) dy
    half_sqrt_pi = wrap(np.asarray(1.0 / TWO_OVER_SQRT_PI, dtype=ans._value.dtype)[()])
    return (g * half_sqrt_pi * exp(square(ans)),)


erfinv = Primitive(
    "erfinv", in_float64(_erfinv_kernel), vjp=_erfinv_vjp, elementwise=True, kinds=FLOATS[0],
    tf_name="Erfinv", formula="d erfinv(y) = sqrt(pi)/2 exp(erfinv(y)^2) dy",
)  # fmt: skip


def _erfcinv_tail_kernel(c):
    """x >= 0 with erfc(x) = c, for 0 < c <= 1, without forming 1 - c (which is -1 + c
    rounded: erfinv(2 p - 1) is -inf for every p below 1e-17)."""
    with np.errstate(all="ignore"):
        a = 0.147
        log_term = np.log(c) + np.log(2.0 - c)  # log(1 - y^2) for y = 1 - c
        first = 2.0 / (np.pi * a) + log_term / 2.0
        x = np.sqrt(np.sqrt(first * first - log_term / a) - first)
        # Newton on log erfc(x) = log c: erfc falls like e^-x^2, its log is near linear.
        for _ in range(6):
            value = erfc_kernel(x)
            slope = TWO_OVER_SQRT_PI * np.exp(-x * x)
            step = (np.log(value) - np.log(c)) * value / slope
            x = np.where(np.isfinite(step), x + step, x)
        return np.where(c == 0.0, np.inf, x)


def _ndtri_kernel(p):
    # The lower half through erfc's tail, the upper half as sqrt(2) erfinv(2p - 1),
    # where 2p - 1 is exact enough (no tail to lose).
    lower = p < 0.5
    with np.errstate(all="ignore"):
        low = -np.sqrt(2.0) * _erfcinv_tail_kernel(np.where(lower & (p >= 0), 2.0 * p, 1.0))
        high = np.sqrt(2.0) * _erfinv_kernel(np.where(lower, 0.0, 2.0 * p - 1.0))
    out = np.where(lower, low, high)
    return np.where((p < 0) | (p > 1) | np.isnan(p), np.nan, out)


def _ndtri_vjp(g, ans, p):
    # d ndtri(p) = sqrt(2 pi) exp(ndtri(p)^2 / 2) dp
    root_two_pi = wrap(np.asarray(np.sqrt(2.0 * np.pi), dtype=ans._value.dtype)[()])
    half = wrap(np.asarray(0.5, dtype=ans._value.dtype)[()])
    return (g * root_two_pi * exp(square(ans) * half),)


ndtri = Primitive(
    "ndtri", in_float64(_ndtri_kernel), vjp=_ndtri_vjp, elementwise=True, kinds=FLOATS[0],
    tf_name="Ndtri", formula="d ndtri(p) = sqrt(2 pi) exp(ndtri(p)^2 / 2) dp",
)  # fmt: skip

# --------------------------------------------------------------------------
# Modified Bessel functions I0, I1 and their scaled forms I0e = e^-|x| I0, I1e
# --------------------------------------------------------------------------
_SERIES_LIMIT = 30.0


def _series(x, order: int):
    """sum_k (x/2)^(2k+order) / (k! (k+order)!) for |x| <= 30 (no cancellation)."""
    half = x / 2.0
    term = half**order / (1.0 if order == 0 else 1.0)
    total = term.copy()
    quarter = half * half
    for k in range(1, 120):
        term = term * quarter / (k * (k + order))
        total = total + term
    return total


def _asymptotic_scaled(x, order: int):
    """e^-x I_order(x) for x > 30: 1/sqrt(2 pi x) sum_k (-1)^k a_k / x^k."""
    mu = 4.0 * order * order
    term = np.ones_like(x)
    total = term.copy()
    for k in range(1, 40):
        term = -term * (mu - (2 * k - 1) ** 2) / (k * 8.0 * x)
        total = total + term
    return total / np.sqrt(2.0 * np.pi * x)


def _bessel_scaled_kernel(order: int):
    def kernel(x):
        ax = np.abs(x)
        small = ax <= _SERIES_LIMIT
        near = _series(np.where(small, ax, 0.0), order) * np.exp(-np.where(small, ax, 0.0))
        far = _asymptotic_scaled(np.where(small, _SERIES_LIMIT + 1.0, ax), order)
        value = np.where(small, near, far)
        return value * np.sign(x) if order == 1 else value  # I1 is odd

    return kernel


def _bessel_kernel(order: int):
    scaled = _bessel_scaled_kernel(order)

    def kernel(x):
        return scaled(x) * np.exp(np.abs(x))

    return kernel


def _const(value, like):
    return wrap(np.asarray(value, dtype=like._value.dtype)[()])


def _i1_over_x(x, i1_value):
    """I1(x) / x, with its limit 1/2 at 0 (a safe division for every order)."""
    zero = x._value == 0
    safe_x = where(wrap(zero), _const(1.0, x) + x * _const(0.0, x), x)
    return where(wrap(zero), _const(0.5, x) + x * _const(0.0, x), i1_value / safe_x)


# Past this |x| the scaled Bessel derivatives come from their asymptotic series: the exact
# forms subtract two nearly equal values (I0e(x) - I1e(x) ~ 1/(2x) of them), which leaves
# rounding residue, or 0, in place of a value of size x^(-3/2).
_ASYMPTOTIC = 1e4


def _scaled_derivative_series(x, coefficients):
    """sqrt(1 / (2 pi |x|)) * sum(c_k |x|^-k, k = 1..3) where |x| > _ASYMPTOTIC, else 0."""
    a = abs(x)
    large = greater(a, _const(_ASYMPTOTIC, x))
    safe = where(large, a, _const(_ASYMPTOTIC, x) + x * _const(0.0, x))
    u = 1 / safe
    c1, c2, c3 = coefficients
    series = u * (_const(c1, x) + u * (_const(c2, x) + u * _const(c3, x)))
    return large, series / sqrt(_const(2 * np.pi, x) * safe)


def _i0e_derivative(x, ans):
    large, series = _scaled_derivative_series(x, (-0.5, -3 / 16, -45 / 256))
    return where(large, sign(x) * series, bessel_i1e(x) - sign(x) * ans)


def _i1e_derivative(x, ans):
    large, series = _scaled_derivative_series(x, (-0.5, 9 / 16, 75 / 256))
    return where(large, series, bessel_i0e(x) - sign(x) * ans - _i1_over_x(x, ans))


bessel_i0 = Primitive(
    "bessel_i0", in_float64(_bessel_kernel(0)),
    vjp=lambda g, ans, x: (g * bessel_i1(x),), elementwise=True, kinds="f", tf_name="BesselI0",
    formula="d I0(x) = I1(x) dx",
)  # fmt: skip
bessel_i1 = Primitive(
    "bessel_i1", in_float64(_bessel_kernel(1)),
    vjp=lambda g, ans, x: (g * (bessel_i0(x) - _i1_over_x(x, ans)),), elementwise=True,
    kinds="f", tf_name="BesselI1", formula="d I1(x) = (I0(x) - I1(x)/x) dx (1/2 at 0)",
)  # fmt: skip
bessel_i0e = Primitive(
    "bessel_i0e", in_float64(_bessel_scaled_kernel(0)),
    vjp=lambda g, ans, x: (g * _i0e_derivative(x, ans),), elementwise=True, kinds="f",
    tf_name="BesselI0e",
    formula="d I0e(x) = (I1e(x) - sign(x) I0e(x)) dx (an asymptotic series past |x| = 1e4)",
)  # fmt: skip
bessel_i1e = Primitive(
    "bessel_i1e", in_float64(_bessel_scaled_kernel(1)),
    vjp=lambda g, ans, x: (g * _i1e_derivative(x, ans),),
    elementwise=True, kinds="f", tf_name="BesselI1e",
    formula="d I1e(x) = (I0e(x) - I1e(x) (sign(x) + 1/x)) dx (1/2 at 0; an asymptotic series "
    "past |x| = 1e4)",
)  # fmt: skip
