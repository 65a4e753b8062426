"""Primitives for the incomplete gamma functions (igamma, igammac, and igamma's
derivative in a), the regularized incomplete beta function and Hurwitz's zeta.

The kernels are in ``_special_incomplete`` (float64, rounded to the input's
dtype). The rules are TensorFlow's gradients written in tapeflow ops:

* igamma: d/da is the ``igamma_grad_a`` primitive, d/dx is
  ``exp(-x + (a - 1) log x - lgamma(a))``; igammac is minus both. TF registers no
  gradient for IgammaGradA, so differentiating the a-derivative again raises its
  ``LookupError``.
* betainc: d/dx only (``exp(xlog1py(b - 1, -x) + xlogy(a - 1, x) - log B(a, b))``);
  None for a and b, as TF.
* zeta(x, q): d/dq = -x zeta(x + 1, q); None for x, as TF.
"""

from __future__ import annotations

from .._dispatch import Primitive
from ._jvp import fold_jvp
from ._special import in_float64
from ._special_incomplete import (
    betainc_kernel,
    igamma_grad_a_kernel,
    igamma_kernel,
    igammac_kernel,
    zeta_kernel,
)
from .elementwise import exp, lgamma, log, xlogy


def _no_gradient(*args, **params):
    raise LookupError("gradient registry has no entry for: IgammaGradA")


igamma_grad_a = Primitive(
    "igamma_grad_a", in_float64(igamma_grad_a_kernel), vjp=_no_gradient, jvp=_no_gradient,
    same_dtype=True, kinds="f", tf_name="IgammaGradA",
    formula="d/da P(a, x); no gradient (TF registers none: LookupError)",
)  # fmt: skip


def _igamma_partial_x(a, x):
    return exp(-x + (a - 1.0) * log(x) - lgamma(a))


def _incomplete_gamma_rules(sign: float):
    def vjp(g, ans, a, x, needs=(True, True)):
        ga = g * (sign * igamma_grad_a(a, x)) if needs[0] else None
        gx = g * (sign * _igamma_partial_x(a, x)) if needs[1] else None
        return ga, gx

    def jvp(tangents, ans, a, x):
        return fold_jvp(
            tangents,
            lambda ta: ta * (sign * igamma_grad_a(a, x)),
            lambda tx: tx * (sign * _igamma_partial_x(a, x)),
        )

    return vjp, jvp


_vjp, _jvp = _incomplete_gamma_rules(1.0)
igamma = Primitive(
    "igamma", in_float64(igamma_kernel), vjp=_vjp, jvp=_jvp, selective=True, same_dtype=True,
    kinds="f", tf_name="Igamma",
    formula="dP(a, x) = igamma_grad_a(a, x) da + x^(a-1) e^-x / Gamma(a) dx",
)  # fmt: skip
_vjp, _jvp = _incomplete_gamma_rules(-1.0)
igammac = Primitive(
    "igammac", in_float64(igammac_kernel), vjp=_vjp, jvp=_jvp, selective=True, same_dtype=True,
    kinds="f", tf_name="Igammac", formula="dQ(a, x) = -dP(a, x)",
)  # fmt: skip


def _betainc_partial_x(a, b, x):
    log_beta = lgamma(a) + lgamma(b) - lgamma(a + b)
    return exp(xlogy(b - 1.0, 1.0 - x) + xlogy(a - 1.0, x) - log_beta)


betainc = Primitive(
    "betainc", in_float64(betainc_kernel),
    vjp=lambda g, ans, a, b, x: (None, None, g * _betainc_partial_x(a, b, x)),
    jvp=lambda tangents, ans, a, b, x: fold_jvp(
        tangents, None, None, lambda tx: tx * _betainc_partial_x(a, b, x)),
    kinds="f", tf_name="Betainc",
    formula="d I_x(a, b) = x^(a-1) (1-x)^(b-1) / B(a, b) dx; no gradient for a, b (as TF)",
)  # fmt: skip


def _zeta_partial_q(x, q):
    return -x * zeta(x + 1.0, q)


zeta = Primitive(
    "zeta", in_float64(zeta_kernel),
    vjp=lambda g, ans, x, q: (None, g * _zeta_partial_q(x, q)),
    jvp=lambda tangents, ans, x, q: fold_jvp(
        tangents, None, lambda tq: tq * _zeta_partial_q(x, q)),
    same_dtype=True, kinds="f", tf_name="Zeta",
    formula="d zeta(x, q) = -x zeta(x + 1, q) dq; no gradient for x (as TF)",
)  # fmt: skip
