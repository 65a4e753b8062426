"""Cumulative primitives along one axis: cumsum, cumprod and cumulative_logsumexp.

``axis`` reaches a primitive as a negative int, so the rules work unchanged
when a cotangent carries leading batch axes. ``exclusive`` leaves the current
element out (the first output is the identity); ``reverse`` scans from the end.

* cumsum is linear; its adjoint is a cumsum in the opposite direction.
* cumprod's gradient is computed without dividing by x, so it is exact where
  x has zeros (TF's divides, and gives 0 there); see ``_inclusive_cumprod_vjp``.
  For complex x it follows TF's convention g * conj(dy/dx) (TF's own CumprodGrad
  leaves out the conjugate).
* cumulative_logsumexp is stable for any input (NumPy's logaddexp.accumulate);
  its gradient is TF's: log-domain scans of the positive and negative parts of g.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor, wrap
from .elementwise import exp, greater, less, log, where, zeros_like
from .index import getitem
from .reduce import reduce_sum
from .shape import pad, reverse


def _along(ndim: int, axis: int, item) -> tuple:
    """An index tuple applying ``item`` on ``axis`` (negative) of an ndim-array."""
    index = [slice(None)] * ndim
    index[axis] = item
    return tuple(index)


def _scan_impl(np_scan, identity):
    def impl(x, axis, exclusive, reverse):
        if reverse:
            x = np.flip(x, axis)
        out = np_scan(x, axis)
        if exclusive and out.shape[axis]:
            first = np.full_like(out[_along(out.ndim, axis, slice(0, 1))], identity)
            out = np.concatenate([first, out[_along(out.ndim, axis, slice(0, -1))]], axis=axis)
        if reverse:
            out = np.flip(out, axis)
        return out

    return impl


# --------------------------------------------------------------------------
# cumsum
# --------------------------------------------------------------------------
cumsum = Primitive(
    "cumsum",
    _scan_impl(lambda x, axis: np.cumsum(x, axis=axis, dtype=x.dtype), 0),
    vjp=lambda g, ans, x, axis, exclusive, reverse: (
        cumsum(g, axis=axis, exclusive=exclusive, reverse=not reverse),
    ),
    linear=True,
    kinds="fciu",
    tf_name="Cumsum",
    formula="d cumsum(x) = cumsum(dx); the adjoint is a cumsum in the other direction",
)


# --------------------------------------------------------------------------
# cumprod
# --------------------------------------------------------------------------
def _constant(like: Tensor, value) -> Tensor:
    return wrap(like._value.dtype.type(value))


def _positions(x: Tensor, axis: int):
    """Boolean masks before/at the first zero of x along axis (all 'before' if none)."""
    value = x._value
    n = value.shape[axis]
    zero = value == 0
    first = np.where(
        zero.any(axis=axis, keepdims=True), np.argmax(zero, axis=axis, keepdims=True), n
    )
    shape = [1] * value.ndim
    shape[axis] = n
    position = np.arange(n).reshape(shape)
    return wrap(position < first), wrap(position == first), bool(zero.any())


# Levels of the zero recursion below. Past the first zero every entry of the gradient
# is 0 in value; level k only feeds derivatives of order k, so 4 levels keep the
# rules exact to 4th order at any number of zeros, at a bounded cost.
_ZERO_LEVELS = 4


def _inclusive_cumprod_vjp(g: Tensor, x: Tensor, axis: int, level: int = 1) -> Tensor:
    """J^T g for y = cumprod(x) (inclusive, forward): dx_i = sum_{j>=i} g_j prod_{k<=j, k!=i} x_k.

    Before the first zero of a row, dx_i = revcumsum(g y)_i / x_i (x_i != 0 there).
    At and after it, every term holds x_z, the first zero, once: with x' = x with
    x_z set to 1, dx_z = J(x')^T g at z, and dx_i = x_z J(x')^T g at i > z. x' has
    one zero less, so the recursion ends; each level is an exact function of x,
    which keeps higher derivatives right too.
    """
    y = cumprod(x, axis=axis, exclusive=False, reverse=False)
    scanned = cumsum(g * y, axis=axis, exclusive=False, reverse=True)
    before, at, has_zero = _positions(x, axis)
    if not has_zero:
        return scanned / x
    one, zero = _constant(x, 1), _constant(x, 0)
    head = scanned / where(before, x, one)
    if level == _ZERO_LEVELS:
        return where(before, head, zero)
    x_prime = where(at, one, x)
    x_zero = reduce_sum(where(at, x, zero), axis=(axis,), keepdims=True)
    rest = _inclusive_cumprod_vjp(g, x_prime, axis, level + 1) * where(at, one, x_zero)
    return where(before, head, rest)


def _inclusive_cumprod_jvp(t: Tensor, x: Tensor, axis: int, level: int = 1) -> Tensor:
    """J t for y = cumprod(x): dy_j = sum_{k<=j} t_k prod_{l<=j, l!=k} x_l (same recursion)."""
    y = cumprod(x, axis=axis, exclusive=False, reverse=False)
    before, at, has_zero = _positions(x, axis)
    if not has_zero:
        return y * cumsum(t / x, axis=axis, exclusive=False, reverse=False)
    one, zero = _constant(x, 1), _constant(x, 0)
    head = y * cumsum(t / where(before, x, one), axis=axis, exclusive=False, reverse=False)
    x_prime = where(at, one, x)
    t_zero = reduce_sum(where(at, t, zero), axis=(axis,), keepdims=True)
    y_prime = cumprod(x_prime, axis=axis, exclusive=False, reverse=False)
    rest = t_zero * y_prime
    if level < _ZERO_LEVELS:
        x_zero = reduce_sum(where(at, x, zero), axis=(axis,), keepdims=True)
        inner = _inclusive_cumprod_jvp(where(at, zero, t), x_prime, axis, level + 1)
        rest = rest + x_zero * inner
    return where(before, head, rest)


def _shift_in(t: Tensor, axis: int, fill) -> Tensor:
    """[fill, t_0, ..., t_{n-2}] along axis: the shift that makes a scan exclusive."""
    n = t._value.shape[axis]
    body = getitem(t, index=(Ellipsis, slice(0, max(n - 1, 0))) + (slice(None),) * (-axis - 1))
    return pad(body, paddings=((1, 0),) + ((0, 0),) * (-axis - 1), constant_values=fill)


def _shift_out(t: Tensor, axis: int) -> Tensor:
    """[t_1, ..., t_{n-1}, 0] along axis: the adjoint of _shift_in (its fill is a constant)."""
    body = getitem(t, index=(Ellipsis, slice(1, None)) + (slice(None),) * (-axis - 1))
    return pad(body, paddings=((0, 1),) + ((0, 0),) * (-axis - 1), constant_values=0)


def _flip(t: Tensor, axis: int) -> Tensor:
    return reverse(t, axis=(axis,))


# cumprod(x, exclusive, reverse) = flip?(cumprod(u)) with u = shift_in?(flip?(x), 1):
# the rules map the problem to the inclusive forward scan and back.
def _cumprod_vjp(g, ans, x, axis, exclusive, reverse):
    if not x._value.size:  # nothing to differentiate (the zero search needs an entry)
        return (zeros_like(x),)
    u = _flip(x, axis) if reverse else x
    u = _shift_in(u, axis, 1) if exclusive else u
    grad = _inclusive_cumprod_vjp(_flip(g, axis) if reverse else g, u, axis)
    grad = _shift_out(grad, axis) if exclusive else grad
    return (_flip(grad, axis) if reverse else grad,)


def _cumprod_jvp(tangents, ans, x, axis, exclusive, reverse):
    u, t = (_flip(x, axis), _flip(tangents[0], axis)) if reverse else (x, tangents[0])
    if exclusive:
        u, t = _shift_in(u, axis, 1), _shift_in(t, axis, 0)
    out = _inclusive_cumprod_jvp(t, u, axis)
    return _flip(out, axis) if reverse else out


cumprod = Primitive(
    "cumprod",
    _scan_impl(lambda x, axis: np.cumprod(x, axis=axis, dtype=x.dtype), 1),
    vjp=_cumprod_vjp,
    jvp=_cumprod_jvp,
    kinds="fciu",
    tf_name="Cumprod",
    formula="d y_j = sum_{k<=j} prod_{l!=k} x_l dx_k; VJP via reversed cumsums, exact at zeros",
)


# --------------------------------------------------------------------------
# cumulative_logsumexp
# --------------------------------------------------------------------------
def _log_parts(t: Tensor):
    """log(t) where t > 0 (else the dtype's lowest), and the same for -t."""
    lowest = _constant(t, np.finfo(t._value.dtype).min)
    zero = _constant(t, 0)
    one = _constant(t, 1)
    positive = greater(t, zero)
    negative = less(t, zero)
    log_positive = where(positive, log(where(positive, t, one)), lowest)
    log_negative = where(negative, log(where(negative, -t, one)), lowest)
    return log_positive, log_negative


def _logcumsumexp_vjp(g, ans, x, axis, exclusive, reverse):
    # dx_i = sum_{j scanned over i} g_j exp(x_i - y_j), summed in log space by sign.
    log_positive, log_negative = _log_parts(g)
    flags = {"axis": axis, "exclusive": exclusive, "reverse": not reverse}
    positive = exp(cumulative_logsumexp(log_positive - ans, **flags) + x)
    negative = exp(cumulative_logsumexp(log_negative - ans, **flags) + x)
    return (positive - negative,)


def _logcumsumexp_jvp(tangents, ans, x, axis, exclusive, reverse):
    # dy_j = sum_{k scanned into j} t_k exp(x_k - y_j), summed in log space by sign. An
    # empty scan (y = -inf, exclusive) gives NaN, as TF's forward mode does.
    log_positive, log_negative = _log_parts(tangents[0])
    flags = {"axis": axis, "exclusive": exclusive, "reverse": reverse}
    positive = exp(cumulative_logsumexp(log_positive + x, **flags) - ans)
    negative = exp(cumulative_logsumexp(log_negative + x, **flags) - ans)
    return positive - negative


cumulative_logsumexp = Primitive(
    "cumulative_logsumexp",
    _scan_impl(lambda x, axis: np.logaddexp.accumulate(x, axis=axis), -np.inf),
    vjp=_logcumsumexp_vjp,
    jvp=_logcumsumexp_jvp,
    kinds="f",
    tf_name="CumulativeLogsumexp",
    formula="d y_j = sum_k softmax-weights exp(x_k - y_j) dx_k; a primitive for stability",
)
