"""Losses: the cross-entropies, log_poisson_loss, l2_loss."""

from __future__ import annotations

import numpy as np

from .. import math as _math
from .._tensor import Tensor, TensorShape, as_tensor, wrap
from .._types import TensorLike
from ..errors import InvalidArgumentError, _shape_text
from ..math._elementwise import cast as _cast
from ..ops import elementwise as _el
from ..ops import nn as _nn
from ..ops import reduce as _red
from ..ops import shape as _shape
from ._common import _attr_error, _op_error, _operand, _require_float, _shape_of


def softmax_cross_entropy_with_logits(
    labels: TensorLike, logits: TensorLike, axis: int = -1, name: str | None = None
) -> Tensor:
    """Cross-entropy between ``labels`` (a distribution) and ``softmax(logits)``.

    The gradient w.r.t. logits is ``softmax(logits) - labels`` (fused, as in TF).

    >>> import tapeflow as tf
    >>> loss = tf.nn.softmax_cross_entropy_with_logits(labels=[0., 1.], logits=[0., 0.])
    >>> round(float(loss), 6)
    0.693147
    """
    op = "SoftmaxCrossEntropyWithLogits"
    logits = as_tensor(logits)
    _require_float(logits, op)
    labels = _operand(labels, logits)
    if labels._value.dtype != logits._value.dtype:
        labels = _cast(labels, logits.dtype)
    if labels._value.shape != logits._value.shape:
        try:
            np.broadcast_shapes(_shape_of(labels), _shape_of(logits))
        except ValueError:
            raise _op_error(InvalidArgumentError, "logits and labels must be broadcastable: "
                            f"logits_size={_shape_text(_shape_of(logits))} labels_size="
                            f"{_shape_text(_shape_of(labels))}", op) from None  # fmt: skip
    ndim = logits.ndim
    raw_axis = getattr(axis, "_value", axis)
    if isinstance(raw_axis, np.ndarray) and raw_axis.ndim and raw_axis.size == 1:
        # TF compares the axis with -1 (a one-element tensor compares too); any other
        # value goes into its transpose permutation, a concat of ranges.
        value = int(raw_axis.ravel()[0])
        if value != -1:
            raise _op_error(InvalidArgumentError, "ConcatOp : Ranks of all input tensors should "
                            f"match: shape[0] = [{value}] vs. shape[2] = "
                            f"{_shape_text(raw_axis.shape + (1,))}", "ConcatV2")  # fmt: skip
        axis = -1
    if ndim == 0 and isinstance(axis, (int, np.integer)) and axis != -1:
        # TF builds range(axis + 1, rank) for the transpose: empty for a scalar.
        raise _op_error(InvalidArgumentError, f"Requires start <= limit when delta > 0: "
                        f"{int(axis) + 1}/0", "Range")  # fmt: skip
    if not isinstance(axis, (float, np.floating, list)) and not -max(ndim, 1) <= axis < max(
        ndim, 1
    ):
        raise _op_error(InvalidArgumentError, f"Requires start <= limit when delta > 0: "
                        f"{int(axis) + 1}/{ndim}", "Range")  # fmt: skip
    if isinstance(axis, (float, np.floating)) and axis != -1:
        raise _op_error(InvalidArgumentError, "Value for attr 'Tperm' of float is not in the "
                        "list of allowed values: int32, int64", "Transpose")  # fmt: skip
    axis = int(axis)
    if logits._value.ndim and logits._value.shape[axis] == 0:
        # No classes: TF's loss is an empty sum, 0 for each row.
        loss = _red.reduce_sum(labels * logits, axis=(axis % ndim,), keepdims=False)
        wanted = _shape_of(logits)[: axis % ndim] + _shape_of(logits)[axis % ndim + 1 :]
        if _shape_of(loss) != wanted:  # TF reshapes the loss to the logits' rows
            raise _op_error(InvalidArgumentError, f"Input to reshape is a tensor with "
                            f"{loss._value.size} values, but the requested shape has "
                            f"{int(np.prod(wanted))}", "Reshape")  # fmt: skip
        return loss
    if axis in (-1, ndim - 1):
        return _nn.softmax_cross_entropy_with_logits(labels, logits)
    if labels.ndim != ndim:
        labels = _shape.broadcast_to(labels, shape=_shape_of(logits))
    axis %= ndim
    order = list(range(ndim))
    order[axis], order[-1] = order[-1], order[axis]
    perm = tuple(order)
    return _nn.softmax_cross_entropy_with_logits(
        _shape.transpose(labels, perm=perm), _shape.transpose(logits, perm=perm)
    )


def sparse_softmax_cross_entropy_with_logits(
    labels: TensorLike, logits: TensorLike, name: str | None = None
) -> Tensor:
    """Cross-entropy with integer class ``labels``: logsumexp(logits) - logits[label].

    The gradient w.r.t. logits is ``softmax(logits) - one_hot(labels)`` (fused).

    >>> import tapeflow as tf
    >>> loss = tf.nn.sparse_softmax_cross_entropy_with_logits([0], [[0.0, 0.0]])
    >>> print(loss.numpy().round(6))
    [0.693147]
    """
    op = "SparseSoftmaxCrossEntropyWithLogits"
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    _require_float(logits, op)
    if labels._value.dtype not in (np.int32, np.int64):
        raise _attr_error(op, "Tlabels", labels.dtype.c_name, "int32, int64")
    lshape, xshape = _shape_of(labels), _shape_of(logits)
    if len(lshape) != len(xshape) - 1:
        raise ValueError(
            "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
            f"labels.shape={lshape} of rank {len(lshape)} and logits.shape={xshape} of rank "
            f"{len(xshape)}"
        )
    if lshape != xshape[:-1]:
        raise ValueError(
            "`labels.shape` must equal `logits.shape` except for the last dimension. "
            f"Received: labels.shape={lshape} and logits.shape={xshape}"
        )
    return _nn.sparse_softmax_cross_entropy_with_logits(labels, logits)


def _same_shape(a: Tensor, b: Tensor, a_name: str, b_name: str) -> None:
    if _shape_of(a) != _shape_of(b):
        raise ValueError(
            f"`{a_name}` and `{b_name}` must have the same shape, received "
            f"({TensorShape(_shape_of(a))} vs {TensorShape(_shape_of(b))})."
        )


def sigmoid_cross_entropy_with_logits(
    labels: TensorLike = None, logits: TensorLike = None, name: str | None = None
) -> Tensor:
    """max(x, 0) - x z + log(1 + exp(-|x|)): stable for any logits x and labels z.

    >>> import tapeflow as tf
    >>> print(tf.nn.sigmoid_cross_entropy_with_logits(labels=[1.0], logits=[1000.0]))
    tf.Tensor([0.], shape=(1,), dtype=float32)
    """
    if labels is None or logits is None:
        raise ValueError(
            "Both `labels` and `logits` must be provided for "
            f"sigmoid_cross_entropy_with_logits Received: labels={labels} and logits={logits}"
        )
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    _same_shape(logits, labels, "logits", "labels")
    if logits.dtype == labels.dtype and logits._value.dtype.kind == "f":
        return _nn.sigmoid_cross_entropy_with_logits(logits, labels)
    if logits._value.dtype.kind not in "fc":
        _el.exp(logits)  # TF's error: no kernel for this dtype
    # Other dtypes: the composite raises TF's errors.
    zeros = _el.zeros_like(logits)
    positive = logits >= zeros
    relu_logits = _el.where(positive, logits, zeros)
    neg_abs_logits = _el.where(positive, -logits, logits)
    return relu_logits - logits * labels + _math.log1p(_el.exp(neg_abs_logits))


def weighted_cross_entropy_with_logits(
    labels: TensorLike, logits: TensorLike, pos_weight: TensorLike, name: str | None = None
) -> Tensor:
    """Sigmoid cross-entropy with the positive term weighted by ``pos_weight``.

    >>> labels, logits = tf.constant([1.0, 0.0]), tf.constant([0.0, 0.0])
    >>> tf.nn.weighted_cross_entropy_with_logits(labels, logits, pos_weight=2.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.3862944, 0.6931472], dtype=float32)>
    """
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    _same_shape(logits, labels, "logits", "labels")
    log_weight = 1 + (pos_weight - 1) * labels
    softplus_neg = _math.log1p(_el.exp(-_el.abs(logits))) + _nn.relu(-logits)
    return (1 - labels) * logits + log_weight * softplus_neg


def log_poisson_loss(
    targets: TensorLike,
    log_input: TensorLike,
    compute_full_loss: bool = False,
    name: str | None = None,
) -> Tensor:
    """exp(c) - z c for log-rate c and targets z (plus Stirling's term when asked).

    >>> tf.nn.log_poisson_loss(targets=tf.constant([1.0, 2.0]), log_input=tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.      , 0.718282], dtype=float32)>
    """
    log_input = as_tensor(log_input)
    targets = as_tensor(targets)
    _same_shape(log_input, targets, "log_input", "targets")
    result = _el.exp(log_input) - log_input * targets
    if compute_full_loss:
        dtype = targets._value.dtype.type
        point_five, two_pi = wrap(dtype(0.5)), wrap(dtype(2 * np.pi))
        stirling = targets * _el.log(targets) - targets + point_five * _el.log(two_pi * targets)
        zeros, ones = _el.zeros_like(targets), _el.ones_like(targets)
        in_unit = _el.logical_and(targets >= zeros, targets <= ones)
        result = result + _el.where(in_unit, zeros, stirling)
    return result


def l2_loss(t: TensorLike, name: str | None = None) -> Tensor:
    """sum(t ** 2) / 2.

    >>> tf.nn.l2_loss(tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=7.0>
    """
    x = as_tensor(t)
    _require_float(x, "L2Loss")
    return _red.reduce_sum(x * x, axis=None, keepdims=False) * 0.5
