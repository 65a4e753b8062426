"""Random draws whose parameters TF differentiates implicitly.

A draw is made outside the table (tapeflow's random streams); this primitive
attaches it to its parameters. Its value is the sample itself, and its VJP is
TF's implicit reparameterization gradient (Figurnov et al., 2018) written in
terms of that sample, an output of this very op, so the second derivative
goes back through the rule as TF's does.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from ._jvp import fold_jvp
from .elementwise import abs as _abs
from .elementwise import erf, erfc, exp, log, log1p, maximum, minimum, where, zeros_like


def _ndtr(x):
    # TF's _Ndtr: erf near 0, erfc in the tails.
    half_sqrt_2 = 0.5 * np.sqrt(2.0)
    w = x * half_sqrt_2
    z = _abs(w)
    tails = where(w > 0.0, 2.0 - erfc(z), erfc(z))
    return 0.5 * where(z < half_sqrt_2, 1.0 + erf(w), tails)


def truncated_normal_partials(sample, mean, stddev, minval, maxval):
    """d sample / d (mean, stddev, minval, maxval), elementwise (TF's formula)."""
    low = (minval - mean) / stddev
    high = (maxval - mean) / stddev
    standard = (sample - mean) / stddev
    cdf = (_ndtr(standard) - _ndtr(low)) / (_ndtr(high) - _ndtr(low))
    info = np.finfo(sample._value.dtype)
    cdf = minimum(maximum(cdf, info.tiny), 1 - info.eps)
    d_max = exp(0.5 * (standard * standard - high * high) + log(cdf))
    d_min = exp(0.5 * (standard * standard - low * low) + log1p(-cdf))
    return zeros_like(standard) + 1.0, standard, d_min, d_max


def _impl(sample, mean, stddev, minval, maxval):
    return sample


def _vjp(g, ans, sample, mean, stddev, minval, maxval):
    partials = truncated_normal_partials(ans, mean, stddev, minval, maxval)
    return (None, *(g * d for d in partials))


def _jvp(tangents, ans, sample, mean, stddev, minval, maxval):
    partials = truncated_normal_partials(ans, mean, stddev, minval, maxval)
    return fold_jvp(tangents, None, *[(lambda t, d=d: t * d) for d in partials])


parameterized_truncated_normal = Primitive(
    "parameterized_truncated_normal",
    _impl,
    vjp=_vjp,
    jvp=_jvp,
    tf_name="StatelessParameterizedTruncatedNormal",
    formula="y = the drawn sample; dy = dmean + z dstd + F dmin + G dmax with z = (y - mean)/std "
    "and F, G from the truncated CDF (TF's implicit gradient, in terms of y itself)",
)
