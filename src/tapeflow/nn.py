"""tf.nn: activations and losses.

>>> import tapeflow as tf
>>> print(tf.nn.relu(tf.constant([-1.0, 2.0])))
tf.Tensor([0. 2.], shape=(2,), dtype=float32)
"""

from __future__ import annotations

from ._tensor import convert_to_tensor
from .math import as_tensor
from .ops import nn as _nn
from .ops import shape as _shape

__all__ = ["log_softmax", "relu", "softmax", "softmax_cross_entropy_with_logits"]


def relu(features, name=None):
    """max(features, 0); the gradient at 0 is 0."""
    return _nn.relu(as_tensor(features))


def _along_last_axis(function, logits, axis):
    logits = as_tensor(logits)
    if axis is None or axis == -1 or axis == logits.ndim - 1:
        return function(logits)
    axis = axis % logits.ndim
    perm = list(range(logits.ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    moved = function(_shape.transpose(logits, perm=tuple(perm)))
    return _shape.transpose(moved, perm=tuple(perm))


def softmax(logits, axis=None, name=None):
    """exp(logits) / sum(exp(logits)) along ``axis`` (default last), computed stably."""
    return _along_last_axis(_nn.softmax, logits, axis)


def log_softmax(logits, axis=None, name=None):
    """logits - logsumexp(logits) along ``axis`` (default last), computed stably."""
    return _along_last_axis(_nn.log_softmax, logits, axis)


def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
    """Cross-entropy between ``labels`` (a distribution) and ``softmax(logits)``.

    The gradient w.r.t. logits is ``softmax(logits) - labels`` (fused, as in TF).

    >>> import tapeflow as tf
    >>> loss = tf.nn.softmax_cross_entropy_with_logits(labels=[0., 1.], logits=[0., 0.])
    >>> round(float(loss), 6)
    0.693147
    """
    logits = as_tensor(logits)
    labels = as_tensor(labels) if hasattr(labels, "_value") else convert_to_tensor(
        labels, dtype=logits.dtype
    )  # fmt: skip
    if axis in (-1, logits.ndim - 1):
        return _nn.softmax_cross_entropy_with_logits(labels, logits)
    axis = axis % logits.ndim
    perm = list(range(logits.ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    perm = tuple(perm)
    return _nn.softmax_cross_entropy_with_logits(
        _shape.transpose(labels, perm=perm), _shape.transpose(logits, perm=perm)
    )
