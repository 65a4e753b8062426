"""Reduction primitives: sum, max, min, prod, logsumexp, all, any, argmax and argmin.

``axis`` reaches a primitive as a tuple of negative ints (or None for all),
so the rules work unchanged when the cotangent carries leading batch axes.
Means, variances and norms are composites of these.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor
from ..errors import InvalidArgumentError
from ._jvp import fold_jvp
from .elementwise import _dtype_of, cast, equal, exp
from .shape import batch_shape, broadcast_to, reshape, transpose


def _kept_shape(x_shape: tuple, axis) -> tuple:
    """x's shape with the reduced axes set to 1 (what keepdims=True gives)."""
    if axis is None:
        return (1,) * len(x_shape)
    rank = len(x_shape)
    reduced = {a % rank for a in axis} if rank else set()
    return tuple(1 if i in reduced else d for i, d in enumerate(x_shape))


def expand_reduced(g, ans, x, axis):
    """Broadcast a reduction's cotangent back over the reduced axes of x."""
    batch = batch_shape(g, ans)
    kept = reshape(g, shape=batch + _kept_shape(x._value.shape, axis))
    return broadcast_to(kept, shape=batch + x._value.shape)


def _expand_reduced_values(g, ans, x, axis):
    """expand_reduced on NumPy values (the array forms of reduce_sum and reduce_mean)."""
    batch = batch_shape(g, ans)
    kept = np.asarray(g).reshape(batch + _kept_shape(x.shape, axis))
    return _broadcast_view(kept, batch + x.shape)


def _broadcast_view(kept, shape: tuple):
    """np.broadcast_to for ``kept`` of shape's rank, without its ~2 us of set-up:
    a read-only view that repeats the size-1 axes with stride 0."""
    if not kept.flags.c_contiguous:
        return np.broadcast_to(kept, shape)
    strides = tuple([0 if d == 1 else s for d, s in zip(kept.shape, kept.strides)])
    view = np.ndarray(shape, kept.dtype, kept, 0, strides)
    view.flags.writeable = False
    return view


# TF-TEXT: the Sum kernel's refusal of a string input, as TF 2.21 words it.
_SUM_STRING = (
    "Value for attr 'T' of string is not in the list of allowed values: float, double, int32, "
    "uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, "
    "uint16, complex128, half, uint32, uint64\n\t; NodeDef: {{node Sum}}; Op<name=Sum; "
    "signature=input:T, reduction_indices:Tidx -> output:T; attr=keep_dims:bool,default=false; "
    "attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, "
    "DT_COMPLEX64, DT_INT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_BFLOAT16, DT_QINT16, DT_QUINT16, "
    "DT_UINT16, DT_COMPLEX128, DT_HALF, DT_UINT32, DT_UINT64]; attr=Tidx:type,default=DT_INT32,"
    "allowed=[DT_INT32, DT_INT64]> [Op:Sum]"
)


def _sum_impl(x, axis, keepdims):
    if x.dtype.kind == "b":
        raise InvalidArgumentError(None, None, "bool is not supported by Sum [Op:Sum]")
    if x.dtype.kind in "OSU":
        # NumPy would concatenate the strings; TF's kernel has no string type.
        raise InvalidArgumentError(None, None, _SUM_STRING)
    # NumPy would widen int8/int16/int32 sums to int64; TF keeps the dtype (and wraps).
    return x.sum(axis=axis, keepdims=keepdims, dtype=x.dtype if x.dtype.kind in "iu" else None)


reduce_sum = Primitive(
    "reduce_sum",
    _sum_impl,
    vjp=lambda g, ans, x, axis, keepdims: (expand_reduced(g, ans, x, axis),),
    array_vjp=lambda g, ans, x, axis, keepdims: (_expand_reduced_values(g, ans, x, axis),),
    linear=True,
    tf_name="Sum",
    formula="d sum(x) = sum(dx); VJP broadcasts g back over the reduced axes",
)


def _mean_count(x_value, ans_value) -> int:
    """How many elements each mean averages (0 for an empty reduction: a NaN mean, as TF)."""
    return x_value.size // ans_value.size if ans_value.size else 1


def _mean_impl(x, axis, keepdims):
    total = _sum_impl(x, axis, keepdims)
    count = _mean_count(x, total)
    if x.dtype.kind == "c" and count <= 1:
        # TF copies a reduction over size-1 axes (no division: inf+0.5j stays, where
        # a complex division would give inf+nanj) and gives 0 for an empty complex mean.
        return total if count == 1 else np.zeros_like(total)[()]
    return total / x.dtype.type(count)


def _mean_vjp(g, ans, x, axis, keepdims):
    # Divide the small cotangent, then broadcast it. A Python float keeps g's dtype.
    return (expand_reduced(g / float(_mean_count(x._value, ans._value)), ans, x, axis),)


def _mean_vjp_values(g, ans, x, axis, keepdims):
    return (_expand_reduced_values(g / float(_mean_count(x, ans)), ans, x, axis),)


reduce_mean = Primitive(
    "reduce_mean",
    _mean_impl,
    vjp=_mean_vjp,
    array_vjp=_mean_vjp_values,
    linear=True,
    kinds="fc",
    tf_name="Mean",
    formula="d mean(x) = mean(dx); VJP broadcasts g / count back over the reduced axes "
    "(a primitive: one op, not a sum and a division)",
)


def _extremum_vjp(g, ans, x, axis, keepdims):
    # Ties share the gradient equally, as TF's Max/Min gradients do.
    ans_kept = reshape(ans, shape=_kept_shape(x._value.shape, axis))
    chosen = cast(equal(x, ans_kept), dtype=_dtype_of(x))
    count = reduce_sum(chosen, axis=axis, keepdims=True)
    return (expand_reduced(g, ans, x, axis) * (chosen / count),)


def _extremum_jvp(tangents, ans, x, axis, keepdims):
    ans_kept = reshape(ans, shape=_kept_shape(x._value.shape, axis))
    chosen = cast(equal(x, ans_kept), dtype=_dtype_of(x))
    count = reduce_sum(chosen, axis=axis, keepdims=True)
    # Weights first, then the sum: an empty reduction has tangent 0 (as TF), not 0/0.
    return reduce_sum(tangents[0] * (chosen / count), axis=axis, keepdims=keepdims)


def _extremum_impl(np_reduction, identity_sign):
    def impl(x, axis, keepdims):
        if x.size:
            return np_reduction(x, axis=axis, keepdims=keepdims)
        # An empty reduction gives the identity, as TF does: -inf for max of floats,
        # the lowest integer for max of ints (and the opposite for min).
        if x.dtype.kind == "f":
            initial = identity_sign * np.inf
        else:
            info = np.iinfo(x.dtype)
            initial = info.min if identity_sign < 0 else info.max
        return np_reduction(x, axis=axis, keepdims=keepdims, initial=initial)

    return impl


reduce_max = Primitive(
    "reduce_max",
    _extremum_impl(np.max, -1),
    vjp=_extremum_vjp,
    jvp=_extremum_jvp,
    kinds="fiu",
    tf_name="Max",
    formula="d max(x) = dx at the maximum; tied maxima share it equally",
)

reduce_min = Primitive(
    "reduce_min",
    _extremum_impl(np.min, 1),
    vjp=_extremum_vjp,
    jvp=_extremum_jvp,
    kinds="fiu",
    tf_name="Min",
    formula="d min(x) = dx at the minimum; tied minima share it equally",
)


# --------------------------------------------------------------------------
# Product
# --------------------------------------------------------------------------
def _prod_impl(x, axis, keepdims):
    return np.prod(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


def _reduced_axes(rank: int, axis) -> list:
    if axis is None:
        return list(range(rank))
    return sorted({a % rank for a in axis}) if rank else []


def _others_product(x, axis):
    """For each element, the product of the other elements of its reduction group.

    Exclusive cumulative products from both ends (as TF's ProdGrad): no division,
    so it is exact with any number of zeros, and differentiable again.
    """
    from .scan import cumprod

    shape = x._value.shape
    rank = len(shape)
    reduced = _reduced_axes(rank, axis)
    if not reduced:
        # Ones, connected to x (as TF's, whose second derivative is then 0, not None): the
        # exclusive product over a new axis of length 1.
        ones = cumprod(reshape(x, shape=shape + (1,)), axis=-1, exclusive=True, reverse=False)
        return reshape(ones, shape=shape)
    if len(reduced) == 1:
        a = reduced[0] - rank
        left = cumprod(x, axis=a, exclusive=True, reverse=False)
        return left * cumprod(x, axis=a, exclusive=True, reverse=True)
    kept = [i for i in range(rank) if i not in reduced]
    perm = tuple(kept + reduced)
    moved = transpose(x, perm=perm)
    kept_shape = tuple(shape[i] for i in kept)
    group = int(np.prod([shape[i] for i in reduced], dtype=np.int64))
    flat = reshape(moved, shape=kept_shape + (group,))
    left = cumprod(flat, axis=-1, exclusive=True, reverse=False)
    others = left * cumprod(flat, axis=-1, exclusive=True, reverse=True)
    others = reshape(others, shape=moved._value.shape)
    return transpose(others, perm=tuple(int(i) for i in np.argsort(perm)))


def _others(x, ans, axis):
    total = ans._value
    if np.all(np.isfinite(total)) and np.all(total != 0):
        # No zero (and no inf/NaN) in x: prod / x_i is exact as a function of x, and
        # much cheaper than two cumulative products.
        return reshape(ans, shape=_kept_shape(x._value.shape, axis)) / x
    return _others_product(x, axis)


def _prod_vjp(g, ans, x, axis, keepdims):
    return (expand_reduced(g, ans, x, axis) * _others(x, ans, axis),)


def _prod_jvp(tangents, ans, x, axis, keepdims):
    return reduce_sum(tangents[0] * _others(x, ans, axis), axis=axis, keepdims=keepdims)


reduce_prod = Primitive(
    "reduce_prod",
    _prod_impl,
    vjp=_prod_vjp,
    jvp=_prod_jvp,
    kinds="fciu",
    tf_name="Prod",
    formula="d prod(x) = sum_i (prod_{j != i} x_j) dx_i, from exclusive cumprods (exact at zeros)",
)


# --------------------------------------------------------------------------
# Boolean reductions and arg-reductions: no gradient
# --------------------------------------------------------------------------
reduce_all = Primitive(
    "reduce_all",
    lambda x, axis, keepdims: np.all(x, axis=axis, keepdims=keepdims),
    differentiable=False,
    kinds="b",
    tf_name="All",
    formula="logical and over axis: boolean, no gradient",
)

reduce_any = Primitive(
    "reduce_any",
    lambda x, axis, keepdims: np.any(x, axis=axis, keepdims=keepdims),
    differentiable=False,
    kinds="b",
    tf_name="Any",
    formula="logical or over axis: boolean, no gradient",
)


# float32/float64 arrays up to this size are checked for NaN with one dot
# product (a NaN makes it NaN; squares never make one), about a third of
# ``isnan(x).any()`` on small arrays; OpenBLAS keeps such a dot on one thread.
_DOT_NAN_CHECK = 1 << 16


def has_nan(x) -> bool:
    """Whether the float array ``x`` holds a NaN.

    >>> has_nan(np.array([1.0, np.inf])), has_nan(np.array([[1.0], [np.nan]], np.float32))
    (False, True)
    """
    if x.__class__ is np.ndarray and 0 < x.size <= _DOT_NAN_CHECK and x.dtype.char in "fd":
        flat = x.reshape(-1)
        total = flat @ flat
        return bool(total != total)
    return bool(np.isnan(x).any())


def _arg_impl(method, nan_fill):
    def impl(x, axis, output_type):
        if x.dtype.kind == "f" and has_nan(x):
            # TF's kernel never picks a NaN over a number (first index if all NaN).
            x = np.where(np.isnan(x), nan_fill, x)
        # the array's method: NumPy's function form costs twice as much on small arrays
        return getattr(x, method)(axis=axis).astype(output_type, copy=False)[()]

    return impl


argmax = Primitive(
    "argmax",
    _arg_impl("argmax", -np.inf),
    differentiable=False,
    tf_name="ArgMax",
    formula="index of the largest entry (first on ties): integer, no gradient",
)

argmin = Primitive(
    "argmin",
    _arg_impl("argmin", np.inf),
    differentiable=False,
    tf_name="ArgMin",
    formula="index of the smallest entry (first on ties): integer, no gradient",
)


# --------------------------------------------------------------------------
# logsumexp
# --------------------------------------------------------------------------
def _logsumexp_impl(x, axis, keepdims):
    # TF's formula: take the (finite) max out first, so nothing overflows.
    if x.size:
        shift = np.max(x, axis=axis, keepdims=True)
    else:
        shift = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
    shift = np.where(np.isfinite(shift), shift, x.dtype.type(0))
    shifted = np.asarray(x - shift)  # an array even for a scalar x (exp writes into it)
    exps = np.exp(shifted, out=shifted)
    total = exps.sum(axis=axis, keepdims=True)
    out = np.log(total) + shift
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
    return (out[()] if out.ndim == 0 else out), (exps, total)


def _ans_kept(ans, x, axis):
    return reshape(ans, shape=_kept_shape(x._value.shape, axis))


def _logsumexp_vjp(g, ans, x, axis, keepdims, saved=None):
    g_kept = reshape(g, shape=batch_shape(g, ans) + _kept_shape(x._value.shape, axis))
    return (logsumexp_grad(g_kept, x, _ans_kept(ans, x, axis)),)


def _logsumexp_vjp_values(g, ans, x, axis, keepdims, saved=None):
    exps, total = saved  # the forward's exp(x - max) and its sum: one array pass
    kept = np.reshape(g, batch_shape(g, ans) + _kept_shape(x.shape, axis))
    return (exps * (kept / total),)


def _logsumexp_jvp(tangents, ans, x, axis, keepdims, saved=None):
    weights = _softmax_weights(x, _ans_kept(ans, x, axis))
    return reduce_sum(tangents[0] * weights, axis=axis, keepdims=keepdims)


def _shifted_exps(x: np.ndarray, y_shape: tuple):
    """exp(x - max) and its sum over the reduced axes (those of size 1 in ``y_shape``)."""
    axes = tuple(i for i, n in enumerate(y_shape) if n == 1)
    shift = np.max(x, axis=axes, keepdims=True, initial=-np.inf) if x.size else 0
    shift = np.where(np.isfinite(shift), shift, x.dtype.type(0))
    exps = np.exp(x - shift)
    return exps, exps.sum(axis=axes, keepdims=True)


def _softmax_weights(x, y):
    """exp(x - y) for y = logsumexp(x), computed as a softmax.

    exp(x - y) itself is not stable: y is rounded to x's precision, so at 1e300
    x - y is 0 where it should be -log(3), and at 1e4 in float32 the rounding of y
    is a 3e-4 relative error in every weight. The shifted exponentials over
    their own sum carry no such error. On Tensors the shift is a constant, so
    the weights stay differentiable in x (their derivative is softmax's).
    """
    if x.__class__ is not Tensor:
        exps, total = _shifted_exps(x, np.shape(y))
        return exps / total
    axes = tuple(i for i, n in enumerate(y._value.shape) if n == 1)
    value = x._value
    shift = np.max(value, axis=axes, keepdims=True, initial=-np.inf) if value.size else 0
    shift = np.where(np.isfinite(shift), shift, value.dtype.type(0)).astype(value.dtype)
    exps = exp(x - shift)
    return exps / reduce_sum(exps, axis=axes, keepdims=True)


def _logsumexp_grad_impl(g, x, y):
    exps, total = _shifted_exps(x, y.shape)
    if exps.ndim and exps.shape == np.broadcast_shapes(exps.shape, g.shape):
        exps /= total  # in place: one array for the whole VJP
        exps *= g
        return exps
    return (exps / total * g)[()]  # g has leading batch axes (jacobians), or a scalar


def _logsumexp_grad_vjp(c, out, g, x, y):
    # out = g w with w = exp(x - y): d out = w dg + out (dx - dy). Full-shape
    # cotangents; the sweep sums them down to g's and y's kept shapes.
    weighted = c * out
    return c * _softmax_weights(x, y), weighted, -weighted


def _logsumexp_grad_jvp(tangents, out, g, x, y):
    return fold_jvp(
        tangents,
        lambda tg: tg * _softmax_weights(x, y),
        lambda tx: out * tx,
        lambda ty: -(out * ty),
    )


logsumexp_grad = Primitive(
    "logsumexp_grad",
    _logsumexp_grad_impl,
    vjp=_logsumexp_grad_vjp,
    jvp=_logsumexp_grad_jvp,
    formula="logsumexp_grad(g, x, y) = g exp(x - y), y = logsumexp(x): its VJP in one array",
)


reduce_logsumexp = Primitive(
    "reduce_logsumexp",
    _logsumexp_impl,
    vjp=_logsumexp_vjp,
    jvp=_logsumexp_jvp,
    array_vjp=_logsumexp_vjp_values,
    saves=True,
    kinds="f",
    tf_name="ReduceLogSumExp",
    formula="d logsumexp(x) = sum softmax(x) dx; a primitive: the VJP reuses the forward's "
    "exp(x - max), one array pass (the composite with a stop_gradient max makes 5)",
)
