"""Neural-network primitives whose numerics or speed call for a rule of their own.

relu is a primitive for speed (one NumPy call each way instead of a compare,
a select and a zeros). softmax_cross_entropy_with_logits is fused as in
TensorFlow: its gradient is ``softmax(logits) - labels``, stable for any logits.
softmax and log_softmax are composites.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .elementwise import exp, log, stop_gradient, zeros_like
from .reduce import reduce_max, reduce_sum
from .shape import batch_shape, reshape

relu = Primitive(
    "relu",
    lambda x: np.maximum(x, x.dtype.type(0)),
    vjp=lambda g, ans, x: (relu_grad(g, ans),),
    elementwise=True,
    kinds="fiu",
    tf_name="Relu",
    formula="d relu(x) = dx where x > 0 else 0 (relu'(0) = 0)",
)

relu_grad = Primitive(
    "relu_grad",
    lambda g, ans: np.where(ans > 0, g, g.dtype.type(0))[()],
    # Linear in g; like TF's ReluGrad, its derivative w.r.t. the activation is a zero
    # tensor (connected), not None.
    vjp=lambda gg, out, g, ans: (relu_grad(gg, ans), zeros_like(ans)),
    jvp=lambda tangents, out, g, ans: None if tangents[0] is None else relu_grad(tangents[0], ans),
    tf_name="ReluGrad",
    formula="relu_grad(g, y) = g where y > 0 else 0: the VJP of relu",
)


def log_softmax(logits, axis: int = -1):
    """log(softmax(x)) computed as x - max - log(sum(exp(x - max))): no overflow."""
    shifted = logits - stop_gradient(reduce_max(logits, axis=(axis,), keepdims=True))
    return shifted - log(reduce_sum(exp(shifted), axis=(axis,), keepdims=True))


def softmax(logits, axis: int = -1):
    """exp(x - max) / sum(exp(x - max)) along ``axis``."""
    shifted = logits - stop_gradient(reduce_max(logits, axis=(axis,), keepdims=True))
    unnormalized = exp(shifted)
    return unnormalized / reduce_sum(unnormalized, axis=(axis,), keepdims=True)


def _xent_impl(labels, logits):
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    return -np.sum(labels * log_probs, axis=-1)


def _xent_vjp(g, ans, labels, logits):
    g = reshape(g, shape=batch_shape(g, ans) + ans._value.shape + (1,))
    return g * -log_softmax(logits), g * (softmax(logits) - labels)


def _xent_jvp(tangents, ans, labels, logits):
    t_labels, t_logits = tangents
    result = None
    if t_logits is not None:
        result = reduce_sum(t_logits * (softmax(logits) - labels), axis=(-1,), keepdims=False)
    if t_labels is not None:
        term = reduce_sum(t_labels * -log_softmax(logits), axis=(-1,), keepdims=False)
        result = term if result is None else result + term
    return result


softmax_cross_entropy_with_logits = Primitive(
    "softmax_cross_entropy_with_logits",
    _xent_impl,
    vjp=_xent_vjp,
    jvp=_xent_jvp,
    same_dtype=True,
    kinds="f",
    tf_name="SoftmaxCrossEntropyWithLogits",
    formula="loss = -sum(labels log_softmax(logits)); d/dlogits = softmax - labels (fused)",
)
