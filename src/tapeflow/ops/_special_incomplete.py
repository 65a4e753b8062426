"""NumPy kernels for the incomplete gamma and beta functions and Hurwitz's zeta.

All in float64 (the primitives round to the input's dtype). Each loop runs over
series terms or continued-fraction levels, on the elements that have not yet
converged, never over elements one by one. The edge values (NaN domains, the
infinities) are TensorFlow 2.21's, recorded in tests/golden/ops_special_incomplete.json.
"""

from __future__ import annotations

import numpy as np

from ._special import _BERNOULLI, _erf_and_erfc, digamma_kernel, lgamma_kernel

_EPS = 1e-17
_MAX_TERMS = 20000  # the series needs ~ 6 sqrt(a) terms where x is close to a large a
_TINY = 1e-300


def _lower_series(a, x):
    """P(a, x) and dP/da by the power series (used where x < a + 1).

    P = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)); each term's
    derivative in a is the term times -sum_k 1/(a + k).
    """
    total = np.ones_like(a)
    d_total = np.zeros_like(a)
    term = np.ones_like(a)
    d_log = np.zeros_like(a)  # -sum_k 1/(a + k): d log(term) / da
    active = np.arange(a.size)
    aa, xx = a, x
    for n in range(1, _MAX_TERMS):
        term = term * xx / (aa + n)
        d_log = d_log - 1.0 / (aa + n)
        total[active] += term
        d_total[active] += term * d_log
        done = (term <= _EPS * total[active]) & (
            np.abs(term * d_log) <= _EPS * np.abs(d_total[active])
        )
        if done.all():
            break
        if done.any():
            keep = ~done
            active, aa, xx, term, d_log = active[keep], aa[keep], xx[keep], term[keep], d_log[keep]
    log_front = a * np.log(x) - x - lgamma_kernel(a + 1.0)
    front = np.exp(log_front)
    value = front * total
    d_value = value * (np.log(x) - digamma_kernel(a + 1.0)) + front * d_total
    return value, d_value


def _upper_fraction(a, x):
    """Q(a, x) and dQ/da by Legendre's continued fraction (used where x >= a + 1).

    Q = x^a e^-x / Gamma(a) / g, g = b0 + a1/(b1 + a2/(b2 + ...)) with
    b_n = x + 2n + 1 - a, a_n = n (a - n). The convergents A_n/B_n and their
    derivatives in a run forward together, rescaled so none overflows.
    """
    prev_a, prev_b, prev_da, prev_db = np.ones_like(a), np.zeros_like(a), 0 * a, 0 * a
    cur_a, cur_b, cur_da, cur_db = x + 1.0 - a, np.ones_like(a), -np.ones_like(a), 0 * a
    g = cur_a / cur_b
    dg = cur_da / cur_b
    out_g, out_dg = g.copy(), dg.copy()
    active = np.arange(a.size)
    aa, xx = a, x
    for n in range(1, _MAX_TERMS):
        bn = xx + 2 * n + 1 - aa
        an = n * (aa - n)
        new_a = bn * cur_a + an * prev_a
        new_b = bn * cur_b + an * prev_b
        new_da = -cur_a + bn * cur_da + n * prev_a + an * prev_da
        new_db = -cur_b + bn * cur_db + n * prev_b + an * prev_db
        prev_a, prev_b, prev_da, prev_db = cur_a, cur_b, cur_da, cur_db
        cur_a, cur_b, cur_da, cur_db = new_a, new_b, new_da, new_db
        scale = np.abs(cur_b)
        big = scale > 1e100
        if big.any():
            s = np.where(big, 1.0 / np.where(big, scale, 1.0), 1.0)
            prev_a, prev_b, prev_da, prev_db = prev_a * s, prev_b * s, prev_da * s, prev_db * s
            cur_a, cur_b, cur_da, cur_db = cur_a * s, cur_b * s, cur_da * s, cur_db * s
        new_g = cur_a / cur_b
        new_dg = cur_da / cur_b - new_g * cur_db / cur_b
        done = (np.abs(new_g - g) <= _EPS * np.abs(new_g)) & (
            np.abs(new_dg - dg) <= _EPS * np.abs(new_dg) + _TINY
        )
        g, dg = new_g, new_dg
        out_g[active], out_dg[active] = g, dg
        if done.all():
            break
        if done.any():
            keep = ~done
            active, aa, xx, g, dg = active[keep], aa[keep], xx[keep], g[keep], dg[keep]
            prev_a, prev_b, prev_da, prev_db = (
                prev_a[keep],
                prev_b[keep],
                prev_da[keep],
                prev_db[keep],
            )
            cur_a, cur_b, cur_da, cur_db = cur_a[keep], cur_b[keep], cur_da[keep], cur_db[keep]
    log_front = a * np.log(x) - x - lgamma_kernel(a)
    value = np.exp(log_front) / out_g
    d_value = value * (np.log(x) - digamma_kernel(a) - out_dg / out_g)
    return value, d_value


# Temme's uniform expansion for large a: with lambda = x / a and eta^2 / 2 =
# lambda - 1 - log(lambda) (eta of lambda - 1's sign),
#     P(a, x) = erfc(-eta sqrt(a / 2)) / 2 - R,   Q(a, x) = erfc(eta sqrt(a / 2)) / 2 + R,
#     R = exp(-a eta^2 / 2) / sqrt(2 pi a) * (C0(eta) + C1(eta) / a + C2(eta) / a^2 + ...).
# The C_k follow C_k = C_(k-1)' / eta + (-1)^k gamma_k / (lambda - 1) from
# C0 = 1 / (lambda - 1) - 1 / eta (gamma_k: Stirling's series); these are their Taylor
# coefficients in eta. R is non-zero only while a eta^2 / 2 < 745, |eta| < 0.04 for
# a >= 1e6, where the truncations leave less than 1e-17.
_LARGE_A = 1e6
_TEMME = (
    (-1 / 3, 1 / 12, -2 / 135, 1 / 864, 1 / 2835, -139 / 777600, 1 / 25515,
     -571 / 261273600, -281 / 151559100),
    (-1 / 540, -1 / 288, 1 / 378, -77 / 77760, 1 / 4860, -1 / 2488320, -2743 / 151559100,
     41969 / 5486745600),
    (25 / 6048, -139 / 51840, 1 / 1296, 1 / 497664, -6199 / 57736800, 5531 / 104509440,
     -1219 / 95528160),
)  # fmt: skip


def _polynomial(coefficients, eta):
    """The polynomial and its derivative at eta (Horner)."""
    value, slope = np.zeros_like(eta), np.zeros_like(eta)
    for c in reversed(coefficients):
        slope = slope * eta + value
        value = value * eta + c
    return value, slope


def _temme(a, x):
    """(P, Q, dP/da) for a >= _LARGE_A, where the series and the continued fraction
    would need ~ sqrt(a) terms."""
    t = (x - a) / a  # lambda - 1
    # lambda - 1 - log(lambda) = t - log1p(t) loses its digits to cancellation for a
    # small t: sum its series there instead.
    small = np.abs(t) < 0.1
    ts = np.where(small, t, 0.0)
    half_eta2 = np.zeros_like(t)
    power = ts * ts
    for n in range(2, 24):
        half_eta2 += power / n if n % 2 == 0 else -power / n
        power = power * ts
    half_eta2 = np.where(small, half_eta2, t - np.log1p(np.where(small, 0.0, t)))
    eta = np.sign(t) * np.sqrt(2.0 * np.maximum(half_eta2, 0.0))
    # (lambda - 1) / eta, 1 + eta / 3 + ... (the series of lambda - 1 in eta)
    ratio = np.where(np.abs(eta) > 1e-8, t / np.where(eta == 0, 1.0, eta), 1.0 + eta / 3.0)
    root = np.sqrt(a / 2.0)
    _, erfc_minus = _erf_and_erfc(-eta * root)
    _, erfc_plus = _erf_and_erfc(eta * root)
    front = np.exp(-a * half_eta2) / np.sqrt(2.0 * np.pi * a)
    near = np.clip(eta, -1.0, 1.0)  # R is 0 farther out; keep the polynomials finite
    total, slope, d_total_da = np.zeros_like(a), np.zeros_like(a), np.zeros_like(a)
    for k, coefficients in enumerate(_TEMME):
        c, dc = _polynomial(coefficients, near)
        total += c / a**k
        slope += dc / a**k
        d_total_da -= k * c / a ** (k + 1)
    rest = front * total
    # dP/da at fixed x: eta moves with a (d eta / da = -ratio / a), and P moves with a
    # at fixed eta.
    d_eta = -ratio - ratio * eta * total + ratio * slope / a
    d_fixed = eta / 2.0 + eta * eta * total / 2.0 + total / (2.0 * a) - d_total_da
    d_p = front * (d_eta + d_fixed)
    return 0.5 * erfc_minus - rest, 0.5 * erfc_plus + rest, d_p


def _incomplete_gamma(a, x, upper: bool):
    """(value, d value / da) of P(a, x) (upper=False) or Q(a, x), elementwise."""
    a, x = np.broadcast_arrays(a, x)
    a, x = a.ravel(), x.ravel()
    value = np.full(a.shape, np.nan)
    d_value = np.full(a.shape, np.nan)
    finite = (a > 0) & (x > 0) & np.isfinite(a) & np.isfinite(x)
    large = finite & (a >= _LARGE_A)
    series = finite & ~large & (x < a + 1.0)
    fraction = finite & ~large & ~series
    if large.any():
        p, q, dp = _temme(a[large], x[large])
        value[large], d_value[large] = (q, -dp) if upper else (p, dp)
    # Q's front factor x^a e^-x / Gamma(a) underflows (x far past a): Q and dQ/da are 0
    # there, and the continued fraction would run all its levels without settling.
    with np.errstate(all="ignore"):
        vanishing = fraction & (a * np.log(x) - x - lgamma_kernel(a) < -800.0)
    fraction &= ~vanishing
    value[vanishing], d_value[vanishing] = (0.0, 0.0) if upper else (1.0, 0.0)
    if series.any():
        p, dp = _lower_series(a[series], x[series])
        value[series], d_value[series] = (1.0 - p, -dp) if upper else (p, dp)
    if fraction.any():
        q, dq = _upper_fraction(a[fraction], x[fraction])
        value[fraction], d_value[fraction] = (q, dq) if upper else (1.0 - q, -dq)
    # TF's edges: P(a, 0) = 0, P(a, inf) = 1, P(inf, x) = 0 (also at x = inf, where
    # Q is 0 too); the derivative in a is 0 at each of them.
    valid_a = (a > 0) & ~np.isnan(x) & (x >= 0)
    zero_x = valid_a & (x == 0)
    inf_x = valid_a & np.isfinite(a) & (x == np.inf)
    inf_a = valid_a & (a == np.inf)
    value[zero_x] = 1.0 if upper else 0.0
    value[inf_x] = 0.0 if upper else 1.0
    value[inf_a] = np.where(x[inf_a] == np.inf, 0.0, 1.0 if upper else 0.0)
    edge = zero_x | inf_x | inf_a
    d_value[edge] = np.where(x[edge] == np.inf, -0.0, 0.0)
    if not upper:
        # TF's P(a, 0) is 0 before any check of a (a <= 0 or NaN included), and so is its
        # derivative in a (igammac's is its negative; Q(a <= 0, 0) stays NaN).
        at_zero = x == 0
        value[at_zero] = 0.0
        d_value[at_zero] = 0.0
    return value, d_value


def igamma_kernel(a, x):
    return _incomplete_gamma(a, x, upper=False)[0].reshape(np.broadcast_shapes(a.shape, x.shape))


def igammac_kernel(a, x):
    return _incomplete_gamma(a, x, upper=True)[0].reshape(np.broadcast_shapes(a.shape, x.shape))


def igamma_grad_a_kernel(a, x):
    return _incomplete_gamma(a, x, upper=False)[1].reshape(np.broadcast_shapes(a.shape, x.shape))


# ----------------------------------------------------------------------------
# Regularized incomplete beta function I_x(a, b)
# ----------------------------------------------------------------------------
def _beta_fraction(a, b, x):
    """The continued fraction 1/(1 + d1/(1 + d2/(1 + ...))) of I_x(a, b), modified Lentz.

    d_2m+1 = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
    d_2m = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    """
    c = np.ones_like(a)
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = np.where(np.abs(d) < _TINY, _TINY, d)
    d = 1.0 / d
    h = d.copy()
    out = h.copy()
    active = np.arange(a.size)
    for m in range(1, _MAX_TERMS):
        m2 = 2 * m
        for coefficient in (
            m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)),
        ):
            d = 1.0 + coefficient * d
            d = np.where(np.abs(d) < _TINY, _TINY, d)
            c = 1.0 + coefficient / c
            c = np.where(np.abs(c) < _TINY, _TINY, c)
            d = 1.0 / d
            step = d * c
            h = h * step
        out[active] = h
        done = np.abs(step - 1.0) <= _EPS
        if done.all():
            break
        if done.any():
            keep = ~done
            active, a, b, x, c, d, h = (v[keep] for v in (active, a, b, x, c, d, h))
    return out


def betainc_kernel(a, b, x):
    shape = np.broadcast_shapes(a.shape, b.shape, x.shape)
    a, b, x = (v.ravel() for v in np.broadcast_arrays(a, b, x))
    out = np.full(a.shape, np.nan)
    valid = (a > 0) & (b > 0) & np.isfinite(a) & np.isfinite(b) & (x >= 0) & (x <= 1)
    out[valid & (x == 0)] = 0.0
    out[valid & (x == 1)] = 1.0
    inner = valid & (x > 0) & (x < 1)
    if inner.any():
        av, bv, xv = a[inner], b[inner], x[inner]
        # The fraction converges fast for x < (a + 1)/(a + b + 2); beyond, use the
        # symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
        flip = xv > (av + 1.0) / (av + bv + 2.0)
        p = np.where(flip, bv, av)
        q = np.where(flip, av, bv)
        y = np.where(flip, 1.0 - xv, xv)
        log_beta = lgamma_kernel(p) + lgamma_kernel(q) - lgamma_kernel(p + q)
        front = np.exp(p * np.log(y) + q * np.log1p(-y) - log_beta) / p
        value = front * _beta_fraction(p, q, y)
        out[inner] = np.where(flip, 1.0 - value, value)
    return out.reshape(shape)


# ----------------------------------------------------------------------------
# Hurwitz zeta(x, q) = sum_k (q + k)^-x
# ----------------------------------------------------------------------------
_SHIFT = 10.0
_ZETA_EPS = 2.0**-54  # half an ulp of float64: the direct sum's rest below this is dropped


def _zeta_positive(s, q):
    """zeta(s, q) for s > 1: direct terms (q + k)^-s, then the Euler-Maclaurin tail
    with Bernoulli numbers up to B_20 from the first z = q + k >= 10 + 2 s.

    The tail's k-th term is about 2 ((s + 2k) / (2 pi z))^(2k) of its first one, so it
    needs z well past s; where s is large against z the direct terms shrink by at
    least e^-(s/(z+1)) a step instead, and the sum stops once the rest,
    below z^-s (1 + z / (s - 1)), no longer changes it (within ~80 terms of z = max(q, 10)).
    Every power is taken of z directly, so a huge s or q underflows to 0 (never
    inf * 0), and zeta(1.5, 1e300) keeps its z^(1-s) / (s - 1) = 2e-150.
    """
    out = np.zeros_like(q)
    total = np.zeros_like(q)
    z = q.copy()
    active = np.arange(q.size)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        while active.size:
            z_s = np.power(z, -s)
            rest = z_s + np.power(z, 1.0 - s) / (s - 1.0)
            # An infinite rest is still to be added (it may cancel an infinite total of
            # the other sign: NaN, as the terms' own sum is).
            negligible = (z > 0) & np.isfinite(rest) & (rest <= _ZETA_EPS * np.abs(total))
            done = negligible | np.isnan(total)
            tail = ~done & (z >= _SHIFT + 2.0 * s)
            out[active[done]] = total[done]
            if tail.any():
                out[active[tail]] = total[tail] + _zeta_tail(s[tail], z[tail])
            keep = ~(done | tail)
            total = total[keep] + z_s[keep]
            s, z, active = s[keep], z[keep] + 1.0, active[keep]
    return out


def _zeta_tail(s, z):
    """sum_{k>=0} (z + k)^-s by Euler-Maclaurin, for z >= 10 + 2 s."""
    z_s = np.power(z, -s)
    tail = np.power(z, 1.0 - s) / (s - 1.0) + 0.5 * z_s
    # ratio: s (s+1) ... (s+2k-2) / z^(2k-1), built a factor at a time so it never
    # overflows (each factor is below 1 once z >= 2 s + 20).
    ratio = s / z
    factorial = 2.0
    for k in range(1, len(_BERNOULLI) + 1):
        tail = tail + (_BERNOULLI[k - 1] / factorial) * ratio * z_s
        ratio = ratio * ((s + 2 * k - 1) / z) * ((s + 2 * k) / z)
        factorial *= (2 * k + 1) * (2 * k + 2)
    return tail


def zeta_kernel(x, q):
    shape = np.broadcast_shapes(x.shape, q.shape)
    x, q = (v.ravel() for v in np.broadcast_arrays(x, q))
    out = np.full(x.shape, np.nan)
    out[x == 1] = np.inf
    # q <= 0: a term (q + k)^-x is 1/0 at whole q, +inf only for an even power (NaN
    # otherwise, as TF); at other q only whole x give a real sum.
    pole = (x > 1) & (q <= 0) & (q == np.floor(q))
    out[pole] = np.where(np.mod(x[pole], 2) == 0, np.inf, np.nan)
    usable = (x > 1) & ~pole & ((q > 0) | (x == np.floor(x))) & ~np.isnan(q)
    infinite_x = usable & (x == np.inf)
    out[infinite_x] = np.where(q[infinite_x] < 1, np.inf, np.where(q[infinite_x] == 1, 1.0, 0.0))
    infinite_q = usable & ~infinite_x & (q == np.inf)
    out[infinite_q] = 0.0
    rest = usable & ~infinite_x & ~infinite_q
    if rest.any():
        out[rest] = _zeta_positive(x[rest], q[rest])
    return out.reshape(shape)
