"""Keras's loss functions: one value per sample (the mean over the last axis).

``keras/losses.py`` re-exports them beside the Loss classes that reduce them.

>>> import tapeflow as tf
>>> tf.keras.losses.mean_squared_error([[0.0, 1.0]], [[1.0, 1.0]])
<tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import tapeflow as tf

from ._utils import TensorLike

EPSILON = 1e-7
_REDUCTIONS = ("sum_over_batch_size", "sum", None, "none", "mean", "mean_with_sample_weight")


def _pair(y_true: TensorLike, y_pred: TensorLike) -> tuple:
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.cast(tf.convert_to_tensor(y_true), y_pred.dtype)
    return y_true, y_pred


def squeeze_or_expand_to_same_rank(
    x1: TensorLike, x2: TensorLike, expand_rank_1: bool = True
) -> tuple:
    """Drop (or add) a trailing axis of size 1 so the two ranks agree, as Keras does.

    >>> a, b = squeeze_or_expand_to_same_rank(tf.ones((3, 1)), tf.ones((3,)))
    >>> a.shape, b.shape
    (TensorShape([3, 1]), TensorShape([3, 1]))
    """
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = tf.expand_dims(x2, -1)
        else:
            x1 = tf.squeeze(x1, -1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = tf.expand_dims(x1, -1)
        else:
            x2 = tf.squeeze(x2, -1)
    return x1, x2


def _prepare(y_true: TensorLike, y_pred: TensorLike) -> tuple:
    y_true, y_pred = _pair(y_true, y_pred)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


# -- loss functions ------------------------------------------------------------


def mean_squared_error(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean((y_true - y_pred)**2, axis=-1)``.

    >>> import tapeflow as tf
    >>> tf.keras.losses.mean_squared_error([[1.0, 2.0]], [[0.0, 0.0]]).numpy()
    array([2.5], dtype=float32)
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean(|y_true - y_pred|, axis=-1)``.

    >>> mean_absolute_error(tf.constant([[0.0, 1.0]]), tf.constant([[1.0, 3.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.5], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``100 * mean(|(y_true - y_pred) / max(|y_true|, eps)|, axis=-1)``.

    >>> mean_absolute_percentage_error(tf.constant([[2.0, 4.0]]), tf.constant([[1.0, 4.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([25.], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    diff = tf.abs((y_true - y_pred) / tf.maximum(tf.abs(y_true), EPSILON))
    return 100.0 * tf.reduce_mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean((log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1))**2, axis=-1)``.

    >>> mean_squared_logarithmic_error(tf.constant([[0.0]]), tf.constant([[math.e - 1]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.99999976], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    first = tf.math.log(tf.maximum(y_pred, EPSILON) + 1.0)
    second = tf.math.log(tf.maximum(y_true, EPSILON) + 1.0)
    return tf.reduce_mean(tf.square(first - second), axis=-1)


def _l2_normalize(x: TensorLike, axis: Any) -> tf.Tensor:
    return x * tf.math.rsqrt(
        tf.maximum(tf.reduce_sum(tf.square(x), axis=axis, keepdims=True), 1e-12)
    )


def cosine_similarity(y_true: TensorLike, y_pred: TensorLike, axis: int = -1) -> tf.Tensor:
    """Minus the cosine of the angle between the two vectors along ``axis``.

    >>> cosine_similarity(tf.constant([[1.0, 0.0], [1.0, 1.0]]), tf.constant([[2.0, 0.0], [-1.0, -1.0]]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.        ,  0.99999994], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    return -tf.reduce_sum(_l2_normalize(y_true, axis) * _l2_normalize(y_pred, axis), axis=axis)


def huber(y_true: TensorLike, y_pred: TensorLike, delta: float = 1.0) -> tf.Tensor:
    """Quadratic within ``delta`` of the target, linear beyond; mean over the last axis.

    >>> huber(tf.constant([[0.0, 0.0]]), tf.constant([[0.5, 3.0]]))  # (0.125 + 2.5) / 2
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.3125], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    delta_t = tf.cast(delta, y_pred.dtype)
    error = y_pred - y_true
    abs_error = tf.abs(error)
    half = tf.constant(0.5, y_pred.dtype)
    return tf.reduce_mean(
        tf.where(
            abs_error <= delta_t,
            half * tf.square(error),
            delta_t * abs_error - half * tf.square(delta_t),
        ),
        axis=-1,
    )


def log_cosh(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``, computed without overflow.

    >>> log_cosh(tf.constant([[0.0]]), tf.constant([[1.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.4337808], dtype=float32)>
    """
    y_true, y_pred = _prepare(y_true, y_pred)
    x = y_pred - y_true
    log2 = tf.constant(math.log(2.0), y_pred.dtype)
    return tf.reduce_mean(x + tf.nn.softplus(x * -2.0) - log2, axis=-1)


def kl_divergence(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``sum(y_true * log(y_true / y_pred), axis=-1)`` with both clipped to ``[eps, 1]``.

    >>> kl_divergence(tf.constant([[0.5, 0.5]]), tf.constant([[0.9, 0.1]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.51082563], dtype=float32)>
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = tf.clip_by_value(y_true, EPSILON, 1.0)
    y_pred = tf.clip_by_value(y_pred, EPSILON, 1.0)
    return tf.reduce_sum(y_true * tf.math.log(y_true / y_pred), axis=-1)


def hinge(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean(max(1 - y_true * y_pred, 0), axis=-1)``; 0/1 labels become -1/1 first.

    >>> hinge(tf.constant([[0.0, 1.0]]), tf.constant([[0.5, 2.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.75], dtype=float32)>
    """
    y_true, y_pred = _pair(y_true, y_pred)
    binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, 0.0), tf.equal(y_true, 1.0)))
    y_true = tf.where(binary, 2.0 * y_true - 1.0, y_true)
    return tf.reduce_mean(tf.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean(max(1 - y_true * y_pred, 0)**2, axis=-1)``; 0/1 labels become -1/1 first.

    >>> squared_hinge(tf.constant([[0.0, 1.0]]), tf.constant([[0.5, 2.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.125], dtype=float32)>
    """
    y_true, y_pred = _pair(y_true, y_pred)
    binary = tf.reduce_all(tf.logical_or(tf.equal(y_true, 0.0), tf.equal(y_true, 1.0)))
    y_true = tf.where(binary, 2.0 * y_true - 1.0, y_true)
    return tf.reduce_mean(tf.square(tf.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)`` over the last axis.

    >>> categorical_hinge(tf.constant([[0.0, 1.0]]), tf.constant([[0.3, 0.8]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
    """
    y_true, y_pred = _pair(y_true, y_pred)
    pos = tf.reduce_sum(y_true * y_pred, axis=-1)
    neg = tf.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    return tf.maximum(neg - pos + 1.0, tf.zeros((), y_pred.dtype))


def poisson(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """``mean(y_pred - y_true * log(y_pred + eps), axis=-1)``.

    >>> poisson(tf.constant([[1.0]]), tf.constant([[1.0]]))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.9999999], dtype=float32)>
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return tf.reduce_mean(y_pred - y_true * tf.math.log(y_pred + EPSILON), axis=-1)


def _check_same_shape(target: TensorLike, output: TensorLike) -> None:
    if len(target.shape) != len(output.shape):
        raise ValueError(
            "Arguments `target` and `output` must have the same rank "
            "(ndim). Received: "
            f"target.shape={target.shape}, output.shape={output.shape}"
        )
    for a, b in zip(target.shape, output.shape):
        if a is not None and b is not None and a != b:
            raise ValueError(
                "Arguments `target` and `output` must have the same shape. "
                "Received: "
                f"target.shape={target.shape}, output.shape={output.shape}"
            )


def categorical_crossentropy(
    y_true: TensorLike,
    y_pred: TensorLike,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> tf.Tensor:
    """Cross-entropy against one-hot (or soft) labels; probabilities are renormalized and clipped.

    >>> import tapeflow as tf
    >>> out = tf.keras.losses.categorical_crossentropy([[0.0, 1.0]], [[0.5, 0.5]])
    >>> round(float(out.numpy()[0]), 5)
    0.69315
    """
    if isinstance(axis, bool):
        raise ValueError(
            f"`axis` must be of type `int`. Received: axis={axis} of type {type(axis)}"
        )
    y_true, y_pred = _pair(y_true, y_pred)
    if y_pred.shape[-1] == 1:
        warnings.warn(
            "In loss categorical_crossentropy, expected "
            "y_pred.shape to be (batch_size, num_classes) "
            f"with num_classes > 1. Received: y_pred.shape={y_pred.shape}. "
            "Consider using 'binary_crossentropy' if you only have 2 classes.",
            SyntaxWarning,
            stacklevel=2,
        )
    if label_smoothing:
        num_classes = tf.cast(tf.shape(y_true)[-1], y_pred.dtype)
        y_true = y_true * (1.0 - label_smoothing) + (label_smoothing / num_classes)
    if len(y_true.shape) < 1:
        raise ValueError(
            "Arguments `target` and `output` must be at least rank 1. Received: "
            f"target.shape={y_true.shape}, output.shape={y_pred.shape}"
        )
    _check_same_shape(y_true, y_pred)
    if from_logits:
        return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred, axis=axis)
    output = y_pred / tf.reduce_sum(y_pred, axis, keepdims=True)
    output = tf.clip_by_value(output, EPSILON, 1.0 - EPSILON)
    return -tf.reduce_sum(y_true * tf.math.log(output), axis)


def sparse_categorical_crossentropy(
    y_true: TensorLike,
    y_pred: TensorLike,
    from_logits: bool = False,
    ignore_class: int | None = None,
    axis: int = -1,
) -> tf.Tensor:
    """Cross-entropy against integer class labels.

    >>> import tapeflow as tf
    >>> out = tf.keras.losses.sparse_categorical_crossentropy([1], [[0.5, 0.5]])
    >>> round(float(out.numpy()[0]), 5)
    0.69315
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.convert_to_tensor(y_true)
    if axis != -1 and axis != len(y_pred.shape) - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        y_true = tf.squeeze(y_true, -1)
    valid = None
    if ignore_class is not None:
        valid = tf.not_equal(tf.cast(y_true, y_pred.dtype), tf.cast(ignore_class, y_pred.dtype))
        y_true = tf.where(valid, y_true, tf.zeros_like(y_true))
        y_pred = tf.where(tf.expand_dims(valid, -1), y_pred, tf.zeros_like(y_pred))
    labels = tf.cast(y_true, tf.int64)
    if len(y_pred.shape) < 1:
        raise ValueError(
            f"Argument `output` must be at least rank 1. Received: output.shape={y_pred.shape}"
        )
    if len(labels.shape) != len(y_pred.shape[:-1]):
        raise ValueError(
            "Argument `output` must have rank (ndim) `target.ndim - 1`. "
            f"Received: target.shape={labels.shape}, output.shape={y_pred.shape}"
        )
    for a, b in zip(labels.shape, y_pred.shape[:-1]):
        if a is not None and b is not None and a != b:
            raise ValueError(
                "Arguments `target` and `output` must have the same shape "
                "up until the last dimension: "
                f"target.shape={labels.shape}, output.shape={y_pred.shape}"
            )
    logits = y_pred
    if not from_logits:
        logits = tf.math.log(tf.clip_by_value(y_pred, EPSILON, 1 - EPSILON))
    result = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    if valid is not None:
        result = tf.where(valid, result, tf.zeros_like(result))
    return result


def binary_crossentropy(
    y_true: TensorLike,
    y_pred: TensorLike,
    from_logits: bool = False,
    label_smoothing: float = 0.0,
    axis: int = -1,
) -> tf.Tensor:
    """Mean over ``axis`` of the elementwise binary cross-entropy (probabilities clipped).

    >>> import tapeflow as tf
    >>> out = tf.keras.losses.binary_crossentropy([[1.0]], [[0.5]])
    >>> round(float(out.numpy()[0]), 5)
    0.69315
    """
    y_true, y_pred = _pair(y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    _check_same_shape(y_true, y_pred)
    if from_logits:
        elementwise = tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred)
    else:
        output = tf.clip_by_value(y_pred, EPSILON, 1.0 - EPSILON)
        bce = y_true * tf.math.log(output)
        bce = bce + (1 - y_true) * tf.math.log(1 - output)
        elementwise = -bce
    return tf.reduce_mean(elementwise, axis=axis)


# Keras's short aliases.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh
huber_loss = huber
