"""NumPy kernels for the special functions (erf, erfc, lgamma, digamma, polygamma).

NumPy has no erf or gamma functions, so these are computed here in float64
(relative error about 1e-13 or better away from the zeros of lgamma/digamma) and
rounded to the input's dtype. Each loop runs over series terms, never elements.
Pure NumPy: the primitives built on them are in ``elementwise.py``.
"""

from __future__ import annotations

import numpy as np

TWO_OVER_SQRT_PI = 1.1283791670955126
_SQRT_PI = 1.7724538509055159
_HALF_LOG_TWO_PI = 0.9189385332046728
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510,
              43867 / 798, -174611 / 330)  # B_2, B_4, ..., B_20  # fmt: skip


def in_float64(function):
    """Run a float64 kernel on x (any float dtype, scalar or array); cast back."""

    def impl(*arrays):
        dtype = arrays[0].dtype
        shape = np.broadcast_shapes(*[np.shape(a) for a in arrays])
        values = [np.atleast_1d(np.asarray(a, dtype=np.float64)) for a in arrays]
        with np.errstate(all="ignore"):  # poles and overflow give inf/NaN silently
            result = function(*values)
        return np.asarray(result, dtype=dtype).reshape(shape)[()]

    return impl


# erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)): 20 terms reach 1e-19 for |x| < 1.
_ERF_TAYLOR = tuple((-1) ** n / (float(np.prod(np.arange(1, n + 1, dtype=np.float64))) * (2 * n + 1))
                    for n in range(20))  # fmt: skip


def _erf_taylor(x):
    x2 = x * x
    total = np.full_like(x, _ERF_TAYLOR[-1])
    for c in _ERF_TAYLOR[-2::-1]:
        total *= x2
        total += c
    return TWO_OVER_SQRT_PI * x * total


def _erf_series(x):
    # erf(x) = 2/sqrt(pi) exp(-x^2) sum_n x (2x^2)^n / (1 3 5 ... (2n+1)): positive terms.
    # The number of terms is what the largest |x| needs (a scalar loop).
    largest = float(np.abs(x).max())
    term = total = largest
    terms = 0
    while term > 1e-17 * total:
        terms += 1
        term *= 2.0 * largest * largest / (2 * terms + 1)
        total += term
    x2 = 2.0 * x * x
    term = x.copy()
    total = x.copy()
    for n in range(1, terms + 1):
        term *= x2
        term *= 1.0 / (2 * n + 1)
        total += term
    return TWO_OVER_SQRT_PI * np.exp(-x * x) * total


def _erfc_fraction(x):
    # erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), x >= 2;
    # 60 levels reach full precision at x = 2, 20 levels from x = 4 on.
    depth = 60 if x.size and x.min() < 4.0 else 20
    f = x.copy()
    for k in range(depth, 0, -1):
        f = x + (0.5 * k) / f
    return np.where(np.isinf(x), 0.0, np.exp(-x * x) / (_SQRT_PI * f))


def _erf_and_erfc(x):
    erf = np.empty_like(x)
    erfc = np.empty_like(x)
    size = np.abs(x)
    for low, high, series in ((0.0, 1.0, _erf_taylor), (1.0, 2.0, _erf_series)):
        band = (size >= low) & (size < high)
        if band.any():
            value = series(x[band])
            erf[band] = value
            erfc[band] = 1.0 - value
    tail = size >= 2.0
    if tail.any():
        c = _erfc_fraction(size[tail])
        positive = x[tail] > 0
        erf[tail] = np.where(positive, 1.0 - c, c - 1.0)
        erfc[tail] = np.where(positive, c, 2.0 - c)
    nan = np.isnan(x)
    erf[nan] = np.nan
    erfc[nan] = np.nan
    return erf, erfc


def erf_kernel(x):
    return _erf_and_erfc(x)[0]


def erfc_kernel(x):
    return _erf_and_erfc(x)[1]


def _shift_up(x, threshold, step):
    """Move x up by 1 until it reaches threshold, calling step(mask, z) before each move."""
    z = x.copy()
    while True:
        low = z < threshold
        if not low.any():
            return z
        step(low, z)
        z = np.where(low, z + 1.0, z)


def _lgamma_positive(x):
    # Recurrence up to z >= 10, then Stirling's series (error below 1e-18 there).
    product = np.ones_like(x)

    def step(low, z):
        np.multiply(product, z, out=product, where=low)

    z = _shift_up(x, 10.0, step)
    inv = 1.0 / z
    inv2 = inv * inv
    series = np.zeros_like(z)
    for k in range(len(_BERNOULLI), 0, -1):
        series = series * inv2 + _BERNOULLI[k - 1] / ((2 * k) * (2 * k - 1))
    return (z - 0.5) * np.log(z) - z + _HALF_LOG_TWO_PI + series * inv - np.log(product)


def lgamma_kernel(x):
    out = np.empty_like(x)
    upper = x >= 0.5
    out[upper] = _lgamma_positive(x[upper])
    lower = ~upper & ~np.isnan(x)
    if lower.any():
        # Reflection: lgamma(x) = log(pi / |sin(pi x)|) - lgamma(1 - x), with the
        # argument reduced exactly (x - round(x)) so large |x| keeps its digits.
        v = x[lower]
        s = np.abs(np.sin(np.pi * (v - np.round(v))))
        value = np.log(np.pi / s) - _lgamma_positive(1.0 - v)
        out[lower] = np.where((s == 0) | np.isinf(v), np.inf, value)
    out[np.isnan(x)] = np.nan
    out[x == np.inf] = np.inf
    out[(x == 1) | (x == 2)] = 0  # exact zeros (TF's), not the series' last-bit residue
    return out


def _digamma_positive(x):
    total = np.zeros_like(x)

    def step(low, z):
        np.subtract(total, 1.0 / z, out=total, where=low)

    z = _shift_up(x, 10.0, step)
    inv2 = 1.0 / (z * z)
    series = np.zeros_like(z)
    for k in range(len(_BERNOULLI), 0, -1):
        series = series * inv2 + _BERNOULLI[k - 1] / (2 * k)
    return np.log(z) - 0.5 / z - series * inv2 + total


def digamma_kernel(x):
    out = np.empty_like(x)
    upper = x >= 0.5
    out[upper] = _digamma_positive(x[upper])
    lower = ~upper & ~np.isnan(x)
    if lower.any():
        # Reflection: psi(x) = psi(1 - x) - pi / tan(pi x); poles (x = 0, -1, ...) give NaN.
        v = x[lower]
        r = v - np.round(v)
        value = _digamma_positive(1.0 - v) - np.pi / np.tan(np.pi * r)
        out[lower] = np.where((r == 0) | np.isinf(v), np.nan, value)
    out[np.isnan(x)] = np.nan
    out[x == np.inf] = np.inf
    return out


def _hurwitz_zeta(s: int, x):
    """zeta(s, x) = sum_k (x + k)^-s for an integer s >= 2 and x > 0 (Euler-Maclaurin)."""
    total = np.zeros_like(x)

    def step(low, z):
        np.add(total, z ** float(-s), out=total, where=low)

    z = _shift_up(x, 10.0 + s, step)
    z_s = z ** float(-s)
    tail = z * z_s / (s - 1) + 0.5 * z_s
    power = z_s / z  # z^(-s-1), then z^(-s-3), ...
    inv2 = 1.0 / (z * z)
    rising = float(s)  # s (s+1) ... (s+2k-2)
    factorial = 2.0  # (2k)!
    for k in range(1, len(_BERNOULLI) + 1):
        tail = tail + (_BERNOULLI[k - 1] / factorial * rising) * power
        rising *= (s + 2 * k - 1) * (s + 2 * k)
        factorial *= (2 * k + 1) * (2 * k + 2)
        power = power * inv2
    return total + tail


def _cot_derivative(order: int):
    """The polynomial P with d^n/du^n cot(u) = P(cot(u)): P_0 = c, P_k+1 = -P_k' (1 + c^2)."""
    poly = np.polynomial.Polynomial([0.0, 1.0])
    one_plus_c2 = np.polynomial.Polynomial([1.0, 0.0, 1.0])
    for _ in range(order):
        poly = -(poly.deriv() * one_plus_c2)
    return poly


_FACTORIAL_LIMIT = 170  # 171! overflows float64


def _polygamma_of_huge_order(m: int, x):
    """Orders whose factorial overflows: TF's m! * zeta(m + 1, x) is inf times a zeta
    that only its first term decides (rounded in x's precision), so inf, or NaN where that
    term underflows; left of 0, where the reflection would need a degree-m polynomial,
    NaN."""
    sign = -1.0 if m % 2 == 0 else 1.0
    with np.errstate(all="ignore"):
        first = np.power(x, x.dtype.type(-(m + 1)) if x.dtype.kind == "f" else -(m + 1.0))
        out = sign * np.inf * first.astype(np.float64)
    return np.where(x > 0, out, np.nan)


def _polygamma_of_order(m: int, x):
    if m == 0:
        return digamma_kernel(x)
    if m > _FACTORIAL_LIMIT:
        return _polygamma_of_huge_order(m, x)
    # psi^(m)(x) = (-1)^(m+1) m! zeta(m+1, x)
    scale = (-1.0) ** (m + 1) * float(np.prod(np.arange(1, m + 1, dtype=np.float64)))
    out = np.empty_like(x)
    positive = x > 0
    out[positive] = scale * _hurwitz_zeta(m + 1, x[positive])
    rest = ~positive & ~np.isnan(x)
    if rest.any():
        # Reflection: psi^(m)(x) = (-1)^m psi^(m)(1 - x) - pi^(m+1) P_m(cot(pi x)).
        v = x[rest]
        r = v - np.round(v)
        cot = 1.0 / np.tan(np.pi * r)
        value = (-1.0) ** m * scale * _hurwitz_zeta(m + 1, 1.0 - v)
        # A NumPy power: a huge order overflows to inf (then NaN), not to OverflowError.
        value = value - np.float64(np.pi) ** (m + 1) * _cot_derivative(m)(cot)
        pole = np.inf if m % 2 else np.nan  # odd orders go to +inf on both sides
        out[rest] = np.where(np.isinf(v), np.nan, np.where(r == 0, pole, value))
    out[np.isnan(x)] = np.nan
    out[x == np.inf] = 0.0
    return out


def polygamma_kernel(a, x):
    a, x = np.broadcast_arrays(a, x)
    out = np.full(x.shape, np.nan)
    valid = (a >= 0) & (a == np.floor(a)) & np.isfinite(a)  # other orders are NaN, as in TF
    for order in np.unique(a[valid]):
        chosen = valid & (a == order)
        out[chosen] = _polygamma_of_order(int(order), x[chosen])
    return out
