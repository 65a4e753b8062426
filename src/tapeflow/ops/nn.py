"""Neural-network primitives whose numerics or speed call for a rule of their own.

relu, relu6 and leaky_relu are primitives for speed (one NumPy call each way
instead of a compare, a select and a zeros), paired with TF's ``*Grad`` kernels
so that their second derivative is a connected zero, as in TensorFlow. elu and
selu compute ``exp(x) - 1`` as TF's kernels do (not ``expm1``); their VJPs work from the activation, as TF's
EluGrad/SeluGrad do, which is what makes their second derivatives match.
softmax_cross_entropy_with_logits and its sparse variant are fused as in
TensorFlow: the gradient is ``softmax(logits) - labels``, stable for any logits.
softmax is a primitive (one NumPy pass); log_softmax is a composite.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._dispatch import Primitive, op_for
from .._tensor import wrap
from ..errors import InvalidArgumentError
from ._jvp import fold_jvp
from .elementwise import (
    abs,  # noqa: A004 - TensorFlow's name
    cast,
    equal,
    exp,
    greater_equal,
    less,
    log,
    square,
    stop_gradient,
    where,
    zeros_like,
)
from .reduce import reduce_max, reduce_sum
from .shape import batch_shape, reshape


def _relu_impl(x):
    if x.size >= 4096 and x.__class__ is np.ndarray:
        # NumPy's SIMD loop for maximum needs two arrays; against a scalar it is
        # ~2x slower. A row of zeros, broadcast over the leading axes, is enough.
        return np.maximum(x, np.zeros(x.shape[-1:], x.dtype))
    if x.__class__ is np.ndarray:  # a 0-d zero: NumPy takes it faster than a scalar
        return np.maximum(x, _zero_one(x.dtype)[0])
    return np.maximum(x, x.dtype.type(0))


relu = Primitive(
    "relu",
    _relu_impl,
    vjp=lambda g, ans, x: (op_for(relu_grad, g)(g, ans),),
    array_vjp=True,
    elementwise=True,
    kinds="fiu",
    tf_name="Relu",
    formula="d relu(x) = dx where x > 0 else 0 (relu'(0) = 0)",
)

relu_grad = Primitive(
    "relu_grad",
    # g * mask, as TF's kernel computes it (a NaN in g stays NaN), ~3x faster than where.
    lambda g, ans: g * (ans > 0),
    # Linear in g; like TF's ReluGrad, its derivative w.r.t. the activation is a zero
    # tensor (connected), not None.
    vjp=lambda gg, out, g, ans: (relu_grad(gg, ans), zeros_like(ans)),
    # Only the activation has a tangent: a zero tangent (connected, as TF's), not None.
    jvp=lambda t, out, g, ans: zeros_like(out) if t[0] is None else relu_grad(t[0], ans),
    tf_name="ReluGrad",
    formula="relu_grad(g, y) = g where y > 0 else 0: the VJP of relu",
)


def log_softmax(logits, axis: int = -1):
    """log(softmax(x)) computed as x - max - log(sum(exp(x - max))): no overflow."""
    shifted = logits - stop_gradient(reduce_max(logits, axis=(axis,), keepdims=True))
    return shifted - log(reduce_sum(exp(shifted), axis=(axis,), keepdims=True))


def _softmax_impl(x, axis):
    if x.size == 0:  # nothing to normalize (max has no identity)
        return x.copy()
    shifted = x - (row_max(x) if axis in (-1, x.ndim - 1) else x.max(axis=axis, keepdims=True))
    np.exp(shifted, out=shifted)
    shifted /= shifted.sum(axis=axis, keepdims=True)
    return shifted[()]


def _softmax_vjp(g, ans, x, axis):
    weighted = g * ans
    total = op_for(reduce_sum, g)(weighted, axis=(axis,), keepdims=True)
    return (weighted - ans * total,)


softmax_primitive = Primitive(
    "softmax",
    _softmax_impl,
    vjp=_softmax_vjp,
    array_vjp=True,
    # The Jacobian diag(y) - y y^T is symmetric, so the JVP is the VJP's formula.
    jvp=lambda tangents, ans, x, axis: _softmax_vjp(tangents[0], ans, x, axis)[0],
    kinds="f",
    tf_name="Softmax",
    formula="d softmax(x) = y * (dx - sum(y dx)); a primitive for speed: one NumPy pass "
    "instead of six dispatched ops",
)


def softmax(logits, axis: int = -1):
    """exp(x - max) / sum(exp(x - max)) along ``axis``."""
    return softmax_primitive(logits, axis=axis)


def _xent_impl(labels, logits):
    # Many rows of few classes: NumPy reduces a short last axis row by row,
    # slowly; on a transposed copy the same reductions run along whole rows.
    tall = logits.ndim == 2 and logits.shape[0] > 4 * logits.shape[1]
    tall = tall and logits.__class__ is np.ndarray  # (a NumPy layout trick)
    if tall:
        labels, logits = labels.T, np.ascontiguousarray(logits.T)
    axis = 0 if tall else -1
    shifted = logits - logits.max(axis=axis, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    loss = -(labels * log_probs).sum(axis=axis)
    return loss, (log_probs.T if tall else log_probs)


def _xent_vjp(g, ans, labels, logits, needs=(True, True), saved=None):
    # g has the loss's shape: one weight per row of class scores.
    g = reshape(g, shape=batch_shape(g, ans) + ans._value.shape + (1,))
    return (g * -log_softmax(logits) if needs[0] else None,
            g * (softmax(logits) - labels) if needs[1] else None)  # fmt: skip


def _xent_vjp_values(g, ans, labels, logits, needs=(True, True), saved=None):
    g = g[..., None]  # saved: the forward's log-probabilities
    return (g * -saved if needs[0] else None,
            g * (np.exp(saved) - labels) if needs[1] else None)  # fmt: skip


def _xent_jvp(tangents, ans, labels, logits, saved=None):
    return fold_jvp(
        tangents,
        lambda t_labels: reduce_sum(t_labels * -log_softmax(logits), axis=(-1,), keepdims=False),
        lambda t_logits: reduce_sum(
            t_logits * (softmax(logits) - labels), axis=(-1,), keepdims=False
        ),
    )


softmax_cross_entropy_with_logits = Primitive(
    "softmax_cross_entropy_with_logits",
    _xent_impl,
    vjp=_xent_vjp,
    jvp=_xent_jvp,
    same_dtype=True,
    selective=True,
    array_vjp=_xent_vjp_values,
    saves=True,
    kinds="f",
    tf_name="SoftmaxCrossEntropyWithLogits",
    formula="loss = -sum(labels log_softmax(logits)); d/dlogits = softmax - labels (fused)",
)


# --------------------------------------------------------------------------
# Activations with TF's own gradient kernels (ReluGrad-style pairs)
# --------------------------------------------------------------------------
def _relu6_impl(x):
    return np.clip(x, x.dtype.type(0), x.dtype.type(6))


relu6 = Primitive(
    "relu6",
    _relu6_impl,
    vjp=lambda g, ans, x: (relu6_grad(g, ans),),
    elementwise=True,
    kinds="fiu",
    tf_name="Relu6",
    formula="d relu6(x) = dx where 0 < x < 6 else 0 (0 at both kinks, as TF)",
)

relu6_grad = Primitive(
    "relu6_grad",
    lambda g, y: np.where((y > 0) & (y < 6), g, g.dtype.type(0))[()],
    vjp=lambda gg, out, g, y: (relu6_grad(gg, y), zeros_like(y)),
    jvp=lambda t, out, g, y: zeros_like(out) if t[0] is None else relu6_grad(t[0], y),
    tf_name="Relu6Grad",
    formula="relu6_grad(g, y) = g where 0 < y < 6 else 0: the VJP of relu6",
)


# np.where with a mixed mask costs ~15 ns an element (a branch each), 20x the
# arithmetic forms below, which give the same bits: x * alpha lies between 0 and
# x for 0 < alpha <= 1 (beyond it for alpha >= 1), and the factor is exactly 1 or
# alpha. alpha = 0 keeps where (inf * 0 would make a NaN).
def _leaky_relu_impl(x, alpha):
    a = x.dtype.type(alpha)
    if 0 < alpha <= 1:
        return np.maximum(x, x * a)[()]
    if alpha >= 1:
        return np.minimum(x, x * a)[()]
    return np.where(x > 0, x, x * a)[()]


def _leaky_relu_grad_impl(g, x, alpha):
    a = g.dtype.type(alpha)
    if 0 <= alpha <= 1 and g.dtype.kind == "f":
        return (g * np.maximum(x > 0, a))[()]
    return np.where(x > 0, g, g * a)[()]


leaky_relu = Primitive(
    "leaky_relu",
    _leaky_relu_impl,
    vjp=lambda g, ans, x, alpha: (leaky_relu_grad(g, x, alpha=alpha),),
    elementwise=True,
    kinds="f",
    tf_name="LeakyRelu",
    formula="d leaky_relu(x) = dx where x > 0 else alpha dx (alpha at 0)",
)

leaky_relu_grad = Primitive(
    "leaky_relu_grad",
    _leaky_relu_grad_impl,
    vjp=lambda gg, out, g, x, alpha: (leaky_relu_grad(gg, x, alpha=alpha), zeros_like(x)),
    jvp=lambda t, out, g, x, alpha: (
        zeros_like(out) if t[0] is None else leaky_relu_grad(t[0], x, alpha=alpha)
    ),
    tf_name="LeakyReluGrad",
    formula="leaky_relu_grad(g, x) = g where x > 0 else alpha g: the VJP of leaky_relu",
)


_F32 = np.float32
# Eigen's exp (what TF's vectorized CPU kernels use), x = m ln 2 + r with ln 2 in two parts,
# every step rounded to the dtype (no FMA): for float32 exp(r) by a degree-6 polynomial,
# for float64 by Cephes' rational function 1 + 2 P / (Q - P).
_EXP32_LN2 = (_F32(0.693359375), _F32(-2.12194440e-4))
_EXP32_POLY = tuple(_F32(c) for c in (1.37449637986719608306884765625e-3,
                                      8.36894474923610687255859375e-3,
                                      4.166965186595916748046875e-2,
                                      0.16666518151760101318359375,
                                      0.49999988079071044921875))  # fmt: skip
_EXP64_LN2 = (0.693145751953125, 1.42860682030941723212e-6)
_EXP64_P = (1.26177193074810590878e-4, 3.02994407707441961300e-2, 9.99999999999999999910e-1)
_EXP64_Q = (3.00198505138664455042e-6, 2.52448340349684104192e-3, 2.27265548208155028766e-1,
            2.00000000000000000009e0)  # fmt: skip
_LANES = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}  # of TF's AVX kernels


def _eigen_exp_reduced(r, dtype):
    """exp(r) for |r| <= ln(2)/2 as Eigen's float or double packet exp evaluates it."""
    r2 = r * r
    if dtype == np.float32:
        p6, p5, p4, p3, p2 = _EXP32_POLY
        y = r * (r2 * p5 + p3) + (r2 * (r2 * p6 + p4) + p2)
        return r2 * y + (r + _F32(1))
    p = ((_EXP64_P[0] * r2 + _EXP64_P[1]) * r2 + _EXP64_P[2]) * r
    q = ((_EXP64_Q[0] * r2 + _EXP64_Q[1]) * r2 + _EXP64_Q[2]) * r2 + _EXP64_Q[3]
    return 2.0 * (p / (q - p)) + 1.0


def _exp_minus_one(x: np.ndarray) -> np.ndarray:
    """exp(min(x, 0)) - 1 in x's dtype as TF's elu and selu kernels round it (not expm1):
    near 0 it keeps only the absolute precision of exp, so exp's last bit shows (2e-5
    relative at float32 x = -3e-3). The packets' exp is Eigen's, the tail's the C library's."""
    x = np.minimum(x, 0)
    one = x.dtype.type(1)
    lanes = _LANES.get(x.dtype)
    if lanes is None:  # half precision: exp rounded from float32, as Eigen's half kernels
        return np.exp(x.astype(_F32)).astype(x.dtype) - one
    flat = np.ravel(x)
    ln2_high, ln2_low = _EXP32_LN2 if x.dtype == np.float32 else _EXP64_LN2
    with np.errstate(all="ignore"):
        m = np.floor(flat * x.dtype.type(1.4426950408889634) + x.dtype.type(0.5))
        r = (flat - m * ln2_high) - m * ln2_low
        e = np.ldexp(_eigen_exp_reduced(r, x.dtype), m.astype(np.int32)).astype(x.dtype)
        e = np.where(flat < (-104 if x.dtype == np.float32 else -709.784), 0, np.maximum(e, flat))
        tail = flat.size // lanes * lanes
        e[tail:] = np.exp(flat[tail:].astype(np.float64)).astype(x.dtype)
    return (e - one).reshape(x.shape)


def _elu_impl(x):
    return np.where(x < 0, _exp_minus_one(x), x)[()]


elu = Primitive(
    "elu",
    _elu_impl,
    # TF's EluGrad works from the activation: g * (y + 1) where y < 0, else g.
    vjp=lambda g, ans, x: (where(less(ans, zeros_like(ans)), g * (ans + 1), g),),
    elementwise=True,
    kinds="f",
    tf_name="Elu",
    formula="d elu(x) = (elu(x) + 1) dx where x < 0 else dx (exp(x) - 1, as TF's kernel)",
)

SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE_ALPHA = 1.7580993408473768599402175208123  # TF's constant (not the rounded product)


def _selu_impl(x):
    # TF's kernel: scale_alpha (exp(x) - 1) below 0, scale x elsewhere, in x's dtype.
    scale, scale_alpha = x.dtype.type(SELU_SCALE), x.dtype.type(SELU_SCALE_ALPHA)
    return np.where(x < 0, scale_alpha * _exp_minus_one(x), scale * x)[()]


selu = Primitive(
    "selu",
    _selu_impl,
    vjp=lambda g, ans, x: (
        where(less(ans, zeros_like(ans)), g * (ans + SELU_SCALE_ALPHA), g * SELU_SCALE),
    ),
    elementwise=True,
    kinds="f",
    tf_name="Selu",
    formula="d selu(x) = (selu(x) + scale alpha) dx where x < 0 else scale dx",
)


# --------------------------------------------------------------------------
# Sparse softmax cross-entropy (fused, as TF)
# --------------------------------------------------------------------------
def _softsign_impl(x):
    with np.errstate(invalid="ignore"):
        return x / (np.abs(x) + 1)


softsign = Primitive(
    "softsign",
    _softsign_impl,
    # TF's SoftsignGrad: g / (1 + |x|)^2, which is 0 (not inf / inf) at infinite x.
    vjp=lambda g, ans, x: (g / square(abs(x) + 1),),
    elementwise=True,
    kinds="f",
    tf_name="Softsign",
    formula="d softsign(x) = dx / (1 + |x|)^2",
)


def _sparse_xent_impl(labels, logits):
    classes = logits.shape[-1]
    index = labels.astype(np.intp, copy=False).reshape(-1)
    # One reduction checks both ends: a negative label viewed unsigned is huge.
    if index.size and index.view(np.uintp).max() >= classes:
        first = index[index.view(np.uintp) >= classes][0]
        shown = " ".join(str(v) for v in np.ravel(labels))
        raise InvalidArgumentError(
            None,
            None,
            f"Received a label value of {first} which is outside the valid range of "
            f"[0, {classes}).  Label values: {shown} "
            "[Op:SparseSoftmaxCrossEntropyWithLogits] name: ",
        )
    shifted = logits - row_max(logits)
    exps = np.exp(shifted)
    total = exps.sum(axis=-1, keepdims=True)
    if index.__class__ is np.ndarray:
        positions = _label_positions(index, classes)
        picked = shifted.reshape(-1)[positions]
    else:
        positions = None
        picked = shifted.reshape(-1, classes)[np.arange(index.size), index]
    loss = (np.log(total)[..., 0] - picked.reshape(labels.shape))[()]
    return loss, (exps, total, positions)


_ROW_STARTS: dict = {}  # (rows, classes) -> where each row starts in the flat array


def _label_positions(index, classes: int):
    """Where each row's label sits in the rows x classes array flattened: one
    index instead of two (a third of the time for a batch of 32)."""
    key = (index.size, classes)
    starts = _ROW_STARTS.get(key)
    if starts is None:
        if len(_ROW_STARTS) > 64:  # batch sizes are few; bound it anyway
            _ROW_STARTS.clear()
        starts = _ROW_STARTS[key] = np.arange(0, index.size * classes, classes, dtype=np.intp)
    return index + starts


def row_max(x):
    """``x.max(axis=-1, keepdims=True)``, faster for a batch of short rows.

    NumPy reduces a short last axis row by row; a column-major copy lets it
    take the maximum across whole columns instead (about half the time for
    32 rows of 10). A maximum is exact, so the order changes no bit.

    >>> row_max(np.array([[1.0, 3.0], [4.0, 2.0]]))
    array([[3.],
           [4.]])
    """
    if x.__class__ is np.ndarray and x.ndim == 2 and 1 < x.shape[0] and x.shape[1] <= 32:
        return np.asfortranarray(x).max(axis=1)[:, None]
    return x.max(axis=-1, keepdims=True)


def _subtract_one_hot(delta, labels, positions=None):
    """delta - one_hot(labels), in place (labels were checked by the forward).
    ``positions``: the labels' flat positions, when the forward made them."""
    if delta.__class__ is np.ndarray:
        if positions is None:
            index = labels.astype(np.intp, copy=False).reshape(-1)
            positions = _label_positions(index, delta.shape[-1])
        delta.reshape(-1)[positions] -= 1  # a view: delta is a fresh C-order array
        return delta
    rows = delta.reshape(-1, delta.shape[-1])
    index = labels.astype(np.intp).reshape(-1)
    rows[np.arange(index.size), index] -= 1
    return delta


def _one_hot_like(labels, logits):
    # Made of recorded ops (not NumPy on labels._value): inside a tf.function
    # trace the labels stay an input of the program instead of a constant.
    classes = wrap(np.arange(logits._value.shape[-1], dtype=labels._value.dtype))
    hot = equal(reshape(labels, shape=labels._value.shape + (1,)), classes)
    return cast(hot, dtype=logits.dtype)


def _sparse_xent_delta(saved, labels):
    """softmax(logits) - one_hot(labels) from the forward's exponentials and
    their sums (TF's kernel divides them too)."""
    exps, total, positions = saved
    return _subtract_one_hot(exps / total, labels, positions)


def _sparse_xent_vjp(g, ans, labels, logits, saved=None):
    g = reshape(g, shape=batch_shape(g, ans) + ans._value.shape + (1,))
    return None, sparse_xent_grad(g, labels, logits)


def _sparse_xent_vjp_values(g, ans, labels, logits, saved=None):
    # softmax from the forward's shifted logits
    return None, g[..., None] * _sparse_xent_delta(saved, labels)


def _sparse_xent_grad_impl(g, labels, logits):
    return _scaled_delta(g, _subtract_one_hot(_softmax_impl(logits, -1), labels))


def _sparse_xent_grad_from_saved(saved, g, labels, logits):
    return _scaled_delta(g, _sparse_xent_delta(saved, labels))


def _scaled_delta(g, delta):
    if g.shape == delta.shape[:-1] + (1,):
        delta *= g  # in place: one array for the whole VJP
        return delta
    return g * delta  # g has leading batch axes (jacobians)


def _sparse_xent_grad_vjp(c, out, g, labels, logits):
    # out = g (s - one_hot) with s = softmax(logits): d out = (s - one_hot) dg
    # + g ds. Full-shape cotangents; the sweep sums them down to g's shape.
    probs = softmax(logits)
    d_g = c * (probs - _one_hot_like(labels, logits))
    return d_g, None, _softmax_vjp(c * g, probs, logits, -1)[0]


def _sparse_xent_grad_jvp(tangents, out, g, labels, logits):
    probs = softmax(logits)
    return fold_jvp(
        tangents,
        lambda tg: tg * (probs - _one_hot_like(labels, logits)),
        None,
        lambda tl: g * _softmax_vjp(tl, probs, logits, -1)[0],
    )


def _sparse_xent_jvp(tangents, ans, labels, logits, saved=None):
    t_logits = tangents[1]
    if t_logits is None:
        return None
    delta = softmax(logits) - _one_hot_like(labels, logits)
    return reduce_sum(t_logits * delta, axis=(-1,), keepdims=False)


sparse_softmax_cross_entropy_with_logits = Primitive(
    "sparse_softmax_cross_entropy_with_logits",
    _sparse_xent_impl,
    vjp=_sparse_xent_vjp,
    jvp=_sparse_xent_jvp,
    array_vjp=_sparse_xent_vjp_values,
    saves=True,
    tf_name="SparseSoftmaxCrossEntropyWithLogits",
    formula="loss = logsumexp(logits) - logits[label]; d/dlogits = softmax - one_hot (fused); "
    "no gradient to the integer labels",
)


sparse_xent_grad = Primitive(
    "sparse_xent_grad",
    _sparse_xent_grad_impl,
    vjp=_sparse_xent_grad_vjp,
    jvp=_sparse_xent_grad_jvp,
    reuses=(sparse_softmax_cross_entropy_with_logits, _sparse_xent_grad_from_saved),
    tf_name="SparseSoftmaxCrossEntropyWithLogits",
    formula="sparse_xent_grad(g, labels, x) = g (softmax(x) - one_hot(labels)): the fused "
    "VJP in one array (six recorded ops otherwise)",
)


# --------------------------------------------------------------------------
# Sigmoid cross-entropy (a primitive for its gradient's precision)
# --------------------------------------------------------------------------
def _sigmoid_xent_impl(logits, labels):
    with np.errstate(over="ignore"):
        return (np.maximum(logits, 0) - logits * labels + np.log1p(np.exp(-np.abs(logits))))[()]


_ZERO_ONE: dict = {}  # dtype -> (0, 1) as 0-d arrays: faster operands than Python's 0 and 1


def _zero_one(dtype) -> tuple:
    pair = _ZERO_ONE.get(dtype)
    if pair is None:
        pair = _ZERO_ONE[dtype] = (np.zeros((), dtype), np.ones((), dtype))
    return pair


def _sigmoid_xent_grad_impl(g, logits, labels):
    """g (sigmoid(x) - z) as TF's gradient computes it, ``(1 - z) - s`` for x >= 0
    and ``s - z`` below, with s = sigmoid(-|x|): at x = 30, z = 1 in float32 it is
    -9.4e-14, not sigmoid(x) - 1 = 0 (``sigmoid_xent_grad_kernel`` computes it)."""
    if logits.__class__ is np.ndarray:
        kernel = _XENT_KERNELS.get(logits.dtype) or sigmoid_xent_grad_kernel(logits.dtype)
    else:  # another library's arrays, CuPy's, take Python scalars, not NumPy arrays
        kernel = _xent_kernel(0, 1, logits.dtype)
    if g.__class__ is logits.__class__ and g.shape == logits.shape and g.dtype == logits.dtype:
        return kernel(g, logits, labels)  # g scales the result in place
    return g * kernel(None, logits, labels)  # g has leading batch axes (jacobians), or is a scalar


_XENT_KERNELS: dict = {}  # dtype -> the kernel for NumPy arrays of it


def sigmoid_xent_grad_kernel(dtype) -> Callable:
    """``kernel(g, x, z)``: ``g (sigmoid(x) - z)`` bit for bit as TF computes it, for
    NumPy arrays ``x`` of ``dtype`` and ``z``, ``g`` of the result's shape and dtype
    (or None for 1): the fused VJP's arithmetic without the impl's checks, which a
    compiled program calls directly.

    >>> kernel = sigmoid_xent_grad_kernel(np.dtype(np.float32))
    >>> kernel(None, np.array([0.0, -30.0], np.float32), np.array([1.0, 0.0], np.float32))
    array([-5.000000e-01,  9.357623e-14], dtype=float32)
    """
    kernel = _XENT_KERNELS.get(dtype)
    if kernel is None:
        zero, one = _zero_one(dtype)
        kernel = _XENT_KERNELS[dtype] = _xent_kernel(zero, one, dtype)
    return kernel


def _xent_kernel(zero, one, dtype) -> Callable:
    # SIMD ufuncs only (no np.where, about 20x a plain ufunc per element on a mixed
    # mask, nor heaviside/copysign, 3 to 5x): the step ``x >= 0`` (1 for -0.0 too, TF's
    # x >= 0 branch) gives the offset ``1 - z`` or ``0 - z`` and the sign 1 - 2 step,
    # an exact factor that makes both -|x| and the signed s. Every call counts: the
    # arrays of a training step are small.
    def kernel(g, logits, labels):
        step = (logits >= zero).astype(dtype)
        sign = one - (step + step)
        small = np.exp(logits * sign)  # exp(-|x|)
        small /= small + one
        small *= sign
        offset = step - labels
        offset += small
        if g is not None:
            offset *= g  # in place: one array for the whole VJP
        return offset

    return kernel


def _sigmoid_xent_curvature(logits):
    """d/dx (sigmoid(x) - z) = e / (e + 1)^2 with e = exp(-|x|), from recorded ops."""
    positive = greater_equal(logits, zeros_like(logits))
    e = exp(where(positive, -logits, logits))
    return e / ((e + 1) * (e + 1))


def _sigmoid_xent_vjp(g, ans, logits, labels):
    return sigmoid_xent_grad(g, logits, labels), g * -logits


def _sigmoid_xent_vjp_values(g, ans, logits, labels):
    return _sigmoid_xent_grad_impl(g, logits, labels), g * -logits


def _sigmoid_xent_jvp(tangents, ans, logits, labels):
    return fold_jvp(
        tangents,
        lambda tx: sigmoid_xent_grad(tx, logits, labels),
        lambda tz: tz * -logits,
    )


def _sigmoid_xent_grad_vjp(c, out, g, logits, labels):
    # out = g d(x, z) with d = sigmoid(x) - z: d out = d dg + g d'(x) dx - g dz
    cg = c * g
    return sigmoid_xent_grad(c, logits, labels), cg * _sigmoid_xent_curvature(logits), -cg


def _sigmoid_xent_grad_jvp(tangents, out, g, logits, labels):
    return fold_jvp(
        tangents,
        lambda tg: sigmoid_xent_grad(tg, logits, labels),
        lambda tx: g * _sigmoid_xent_curvature(logits) * tx,
        lambda tz: -(g * tz),
    )


sigmoid_xent_grad = Primitive(
    "sigmoid_xent_grad",
    _sigmoid_xent_grad_impl,
    vjp=_sigmoid_xent_grad_vjp,
    jvp=_sigmoid_xent_grad_jvp,
    kinds="f",
    tf_name="SigmoidCrossEntropyWithLogits",
    formula="sigmoid_xent_grad(g, x, z) = g (sigmoid(x) - z), exact where tiny: the fused "
    "VJP in one array (nine recorded ops otherwise)",
)


sigmoid_cross_entropy_with_logits = Primitive(
    "sigmoid_cross_entropy_with_logits",
    _sigmoid_xent_impl,
    vjp=_sigmoid_xent_vjp,
    jvp=_sigmoid_xent_jvp,
    array_vjp=_sigmoid_xent_vjp_values,
    kinds="f",
    tf_name="SigmoidCrossEntropyWithLogits",
    formula="loss = max(x, 0) - x z + log1p(exp(-|x|)); d/dx = sigmoid(x) - z kept exact "
    "where it is tiny; d/dz = -x",
)
