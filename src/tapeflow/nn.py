"""tf.nn: activations, losses, normalization, dropout, embeddings, convolutions, pooling.

Activations and losses are written as TensorFlow writes them (the same
composites, or primitives paired with TF's gradient kernels), so values,
gradients and second derivatives agree with TensorFlow's, including which
gradients are ``None`` and which are zeros. Convolutions and pooling take
TensorFlow's arguments (``strides``, ``padding`` as "SAME"/"VALID" or explicit
pairs, ``data_format``, ``dilations``) and call the channels-last primitives of
``ops/conv.py``; channels-first data is transposed around them.

>>> import tapeflow as tf
>>> print(tf.nn.relu(tf.constant([-1.0, 2.0])))
tf.Tensor([0. 2.], shape=(2,), dtype=float32)
>>> x = tf.ones([1, 4, 4, 1])
>>> tf.nn.conv2d(x, tf.ones([3, 3, 1, 2]), strides=1, padding="SAME").shape
TensorShape([1, 4, 4, 2])
"""

from __future__ import annotations

import numbers

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor, dtype_mismatch, wrap
from .errors import AbortedError, InvalidArgumentError, UnimplementedError
from .math import as_tensor
from .ops import conv as _conv
from .ops import elementwise as _el
from .ops import nn as _nn
from .ops import reduce as _red
from .ops import shape as _shape

__all__ = [
    "atrous_conv2d",
    "avg_pool",
    "avg_pool1d",
    "avg_pool2d",
    "avg_pool3d",
    "batch_normalization",
    "bias_add",
    "conv1d",
    "conv1d_transpose",
    "conv2d",
    "conv2d_transpose",
    "conv3d",
    "conv3d_transpose",
    "conv_transpose",
    "convolution",
    "crelu",
    "depthwise_conv2d",
    "dropout",
    "elu",
    "embedding_lookup",
    "gelu",
    "l2_loss",
    "l2_normalize",
    "leaky_relu",
    "local_response_normalization",
    "log_poisson_loss",
    "log_softmax",
    "lrn",
    "max_pool",
    "max_pool1d",
    "max_pool2d",
    "max_pool3d",
    "moments",
    "pool",
    "relu",
    "relu6",
    "selu",
    "separable_conv2d",
    "sigmoid",
    "sigmoid_cross_entropy_with_logits",
    "silu",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softplus",
    "softsign",
    "sparse_softmax_cross_entropy_with_logits",
    "swish",
    "tanh",
    "weighted_cross_entropy_with_logits",
]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _math(name: str):
    """``tapeflow.math.<name>``, looked up when called (tf.math may be built after tf.nn)."""
    from . import math as _m

    return getattr(_m, name)


def _arrays(name: str):
    from . import arrays as _a

    return getattr(_a, name)


def _shape_text(shape) -> str:
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _shape_of(x: Tensor) -> tuple:
    return tuple(x._value.shape)


def _attr_error(op: str, attr: str, value: str, allowed: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        None,
        None,
        f"Value for attr '{attr}' of {value} is not in the list of allowed values: {allowed}"
        f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ",
    )


def _op_error(cls, message: str, op: str, suffix: str = " name: "):
    return cls(None, None, f"{message} [Op:{op}]{suffix}")


_FLOATS = "half, bfloat16, float, double"


def _require_float(x: Tensor, op: str, allowed: str = _FLOATS) -> None:
    if x._value.dtype.kind != "f":
        raise _attr_error(op, "T", x.dtype.c_name, allowed)


def _float32_attr(value) -> float:
    """TensorFlow stores float attrs (alpha, bias, beta) in 32 bits."""
    return float(np.float32(value))


def _same_dtype(x: Tensor, y: Tensor, op: str) -> None:
    if x._value.dtype != y._value.dtype:
        raise dtype_mismatch(op, 1, x._value.dtype, y._value.dtype)


def _operand(value, like: Tensor) -> Tensor:
    """A second operand: tensors as they are, Python values in ``like``'s dtype."""
    if value.__class__ is Tensor or hasattr(value, "_as_tensor"):
        return as_tensor(value)
    return convert_to_tensor(value, dtype=like.dtype)


def _move_channels(x: Tensor, to_last: bool) -> Tensor:
    """NC... <-> N...C (channels-first data runs through channels-last primitives)."""
    rank = x.ndim
    if to_last:
        perm = (0, *range(2, rank), 1)
    else:
        perm = (0, rank - 1, *range(1, rank - 1))
    return _shape.transpose(x, perm=perm)


# --------------------------------------------------------------------------
# Activations
# --------------------------------------------------------------------------
def relu(features, name=None):
    """max(features, 0); the gradient at 0 is 0."""
    return _nn.relu(as_tensor(features))


def crelu(features, axis=-1, name=None):
    """relu of [features, -features] concatenated along ``axis``."""
    x = as_tensor(features)
    return _nn.relu(_arrays("concat")([x, -x], axis))


def relu6(features, name=None):
    """min(max(features, 0), 6); the gradient is 1 strictly between 0 and 6, else 0."""
    x = as_tensor(features)
    if x._value.dtype.kind not in "fiu":
        raise _attr_error("Relu6", "T", x.dtype.c_name, "float, double, int32, uint8, int16, "
                          "int8, int64, bfloat16, uint16, half, uint32, uint64")  # fmt: skip
    return _nn.relu6(x)


def leaky_relu(features, alpha=0.2, name=None):
    """features where features > 0, else alpha * features (integers become float32).

    >>> import tapeflow as tf
    >>> print(tf.nn.leaky_relu(tf.constant([-2.0, 3.0]), alpha=0.5))
    tf.Tensor([-1.  3.], shape=(2,), dtype=float32)
    """
    x = as_tensor(features)
    if x.dtype.is_integer:
        x = _el.cast(x, dtype=_dt.float32)
    _require_float(x, "LeakyRelu")
    if isinstance(alpha, (np.ndarray, Tensor)):
        alpha = np.asarray(getattr(alpha, "_value", alpha)).item()
    return _nn.leaky_relu(x, alpha=_float32_attr(alpha))


def elu(features, name=None):
    """features where > 0, else exp(features) - 1."""
    x = as_tensor(features)
    _require_float(x, "Elu")
    return _nn.elu(x)


def selu(features, name=None):
    """scale * elu-like(features) with TensorFlow's SELU constants."""
    x = as_tensor(features)
    _require_float(x, "Selu")
    return _nn.selu(x)


def gelu(features, approximate=False, name=None):
    """x * Phi(x) (``approximate=True``: the tanh form), as TensorFlow writes it."""
    x = as_tensor(features)
    if not x.dtype.is_floating:
        raise ValueError(
            f"`features.dtype` must be a floating point tensor.Received:features.dtype={x.dtype}"
        )
    if approximate:
        inner = 0.7978845608028654 * (x + 0.044715 * x**3)
        return 0.5 * x * (1.0 + _math("tanh")(inner))
    return 0.5 * x * (1.0 + _math("erf")(x / 1.4142135623730951))


def swish(features, beta=1.0, name=None):
    """features * sigmoid(beta * features) (also tf.nn.silu)."""
    x = as_tensor(features)
    if isinstance(beta, Tensor) or hasattr(beta, "_as_tensor"):
        beta = _math("cast")(as_tensor(beta), x.dtype)
    return x * _math("sigmoid")(beta * x)


def silu(features, beta=1.0):
    """features * sigmoid(beta * features)."""
    return swish(features, beta=beta)


def softsign(features, name=None):
    """features / (1 + |features|)."""
    x = as_tensor(features)
    _require_float(x, "Softsign")
    return x / (_el.abs(x) + 1)


def softplus(features, name=None):
    """log(1 + exp(features)), computed stably (tf.math.softplus)."""
    return _math("softplus")(features)


def sigmoid(x, name=None):
    """1 / (1 + exp(-x)) (tf.math.sigmoid)."""
    return _math("sigmoid")(x)


def tanh(x, name=None):
    """tf.math.tanh."""
    return _math("tanh")(x)


def _along_axis(function, logits, axis, op):
    logits = as_tensor(logits)
    _require_float(logits, op)
    ndim = logits.ndim
    if ndim == 0:
        raise _op_error(AbortedError, "Input dims must be <= 5 and >=1", op)
    axis = -1 if axis is None else int(getattr(axis, "_value", axis))
    if not -ndim <= axis < ndim:
        raise InvalidArgumentError(
            None,
            None,
            f"`dim` must be in the range [{-ndim}, {ndim}) where {ndim} is the number of "
            f"dimensions in the input. Received: dim={axis}",
        )
    if axis in (-1, ndim - 1):
        return function(logits)
    perm = list(range(ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    moved = function(_shape.transpose(logits, perm=tuple(perm)))
    return _shape.transpose(moved, perm=tuple(perm))


def softmax(logits, axis=None, name=None):
    """exp(logits) / sum(exp(logits)) along ``axis`` (default last), computed stably."""
    return _along_axis(_nn.softmax, logits, axis, "Softmax")


def log_softmax(logits, axis=None, name=None):
    """logits - logsumexp(logits) along ``axis`` (default last), computed stably."""
    return _along_axis(_nn.log_softmax, logits, axis, "LogSoftmax")


# --------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------
def softmax_cross_entropy_with_logits(labels, logits, axis=-1, name=None):
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
        labels = _math("cast")(labels, logits.dtype)
    if labels._value.shape != logits._value.shape:
        try:
            np.broadcast_shapes(_shape_of(labels), _shape_of(logits))
        except ValueError:
            raise _op_error(InvalidArgumentError, "logits and labels must be broadcastable: "
                            f"logits_size={_shape_text(_shape_of(logits))} labels_size="
                            f"{_shape_text(_shape_of(labels))}", op) from None  # fmt: skip
    ndim = logits.ndim
    axis = int(axis)
    if axis in (-1, ndim - 1):
        return _nn.softmax_cross_entropy_with_logits(labels, logits)
    if labels.ndim != ndim:
        labels = _shape.broadcast_to(labels, shape=_shape_of(logits))
    axis %= ndim
    perm = list(range(ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    perm = tuple(perm)
    return _nn.softmax_cross_entropy_with_logits(
        _shape.transpose(labels, perm=perm), _shape.transpose(logits, perm=perm)
    )


def sparse_softmax_cross_entropy_with_logits(labels, logits, name=None):
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


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
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
    zeros = _el.zeros_like(logits)
    positive = logits >= zeros
    relu_logits = _el.where(positive, logits, zeros)
    neg_abs_logits = _el.where(positive, -logits, logits)
    return relu_logits - logits * labels + _math("log1p")(_el.exp(neg_abs_logits))


def weighted_cross_entropy_with_logits(labels, logits, pos_weight, name=None):
    """Sigmoid cross-entropy with the positive term weighted by ``pos_weight``."""
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    _same_shape(logits, labels, "logits", "labels")
    log_weight = 1 + (pos_weight - 1) * labels
    softplus_neg = _math("log1p")(_el.exp(-_el.abs(logits))) + _nn.relu(-logits)
    return (1 - labels) * logits + log_weight * softplus_neg


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """exp(c) - z c for log-rate c and targets z (plus Stirling's term when asked)."""
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


def l2_loss(t, name=None):
    """sum(t ** 2) / 2."""
    x = as_tensor(t)
    _require_float(x, "L2Loss")
    return _red.reduce_sum(x * x, axis=None, keepdims=False) * 0.5


# --------------------------------------------------------------------------
# Normalization
# --------------------------------------------------------------------------
def bias_add(value, bias, data_format=None, name=None):
    """value + bias along the channel axis (last, or the second for "NC..." formats)."""
    op = "BiasAdd"
    channels_first = False
    if data_format is not None:
        if data_format.startswith("NC"):
            channels_first = True
        elif not (data_format.startswith("N") and data_format.endswith("C")):
            raise ValueError(
                "`data_format` must be of the form `N...C` or `NC...`. Received: "
                f"data_format={data_format}"
            )
    value = as_tensor(value)
    bias = _operand(bias, value)
    _same_dtype(value, bias, op)
    vshape, bshape = _shape_of(value), _shape_of(bias)
    if len(vshape) < 2:
        raise _op_error(InvalidArgumentError,
                        f"Input tensor must be at least 2D: {_shape_text(vshape)}", op)  # fmt: skip
    if len(bshape) != 1:
        raise _op_error(InvalidArgumentError, f"Biases must be 1D: {_shape_text(bshape)}", op)
    channels = vshape[1] if channels_first else vshape[-1]
    if bshape[0] != channels:
        raise _op_error(InvalidArgumentError, "Must provide as many biases as the last dimension "
                        f"of the input tensor: {_shape_text(bshape)} vs. {_shape_text(vshape)}",
                        op)  # fmt: skip
    if channels_first:
        bias = _shape.reshape(bias, shape=(channels,) + (1,) * (len(vshape) - 2))
    return value + bias


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, as TensorFlow composes it."""
    x = as_tensor(x)
    inv = _math("rsqrt")(variance + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    cast = _math("cast")
    shift = offset - mean * inv if offset is not None else -(mean * inv)
    return x * cast(inv, x.dtype) + cast(shift, x.dtype)


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x ** 2), epsilon)) along ``axis`` (tf.math.l2_normalize)."""
    return _math("l2_normalize")(x, axis=axis, epsilon=epsilon, dim=dim)


def moments(x, axes, shift=None, keepdims=False, name=None):
    """Mean and variance of ``x`` over ``axes`` (tf.math.moments)."""
    return _math("moments")(x, axes, shift=shift, keepdims=keepdims)


def local_response_normalization(input, depth_radius=5, bias=1, alpha=1, beta=0.5, name=None):  # noqa: A002
    """input / (bias + alpha * sum of squares over 2r+1 neighbouring channels) ** beta.

    The windowed channel sum is a 1-D convolution with ones, so every order of
    derivative exists (TensorFlow has no second derivative here).
    """
    x = as_tensor(input)
    if x.ndim != 4:
        raise _op_error(InvalidArgumentError, "in must be 4-dimensional", "LRN", "")
    _require_float(x, "LRN", "half, bfloat16, float")
    radius = int(depth_radius)
    channels = x._value.shape[-1]
    squares = _shape.reshape(x * x, shape=(-1, channels, 1))
    ones = wrap(np.ones((2 * radius + 1, 1, 1), x._value.dtype))
    sums = _conv.conv(squares, ones, strides=(1,), padding=((radius, radius),),
                      dilations=(1,), groups=1)  # fmt: skip
    sums = _shape.reshape(sums, shape=_shape_of(x))
    bias, alpha, beta = _float32_attr(bias), _float32_attr(alpha), _float32_attr(beta)
    return x * (sums * alpha + bias) ** -beta


lrn = local_response_normalization


# --------------------------------------------------------------------------
# Dropout and embeddings
# --------------------------------------------------------------------------
def _generator(seed) -> np.random.Generator:
    """tf.random's seeded stream (global seed + op seed, as TF) when it exists, else NumPy's."""
    from . import random as _random

    make = getattr(_random, "_next_seed_generator", None)
    return np.random.default_rng(seed) if make is None else make(seed)


def _noise_shape(x: Tensor, noise_shape) -> tuple:
    shape = _shape_of(x)
    if noise_shape is None:
        return shape
    if isinstance(noise_shape, Tensor):
        noise_shape = noise_shape._value.tolist()
    if isinstance(noise_shape, TensorShape):
        noise_shape = noise_shape.as_list()
    dims = list(noise_shape)
    if len(dims) == len(shape):
        dims = [s if d is None else int(d) for d, s in zip(dims, shape)]
    dims = tuple(int(d) for d in dims)
    try:
        np.broadcast_shapes(dims, shape)
    except ValueError:
        raise _op_error(InvalidArgumentError, f"condition {_shape_text(dims)}, then "
                        f"{_shape_text(shape)}, and else [] must be broadcastable",
                        "SelectV2") from None  # fmt: skip
    return dims


def dropout(x, rate, noise_shape=None, seed=None, name=None):
    """Zero each element with probability ``rate``; scale the kept ones by 1 / (1 - rate).

    ``seed`` (with ``tf.random.set_seed``) makes the mask reproducible; the
    gradient is the same mask times 1 / (1 - rate).

    >>> import tapeflow as tf
    >>> y = tf.nn.dropout(tf.ones([1000]), rate=0.5, seed=1)
    >>> sorted(set(y.numpy().tolist()))
    [0.0, 2.0]
    """
    is_number = isinstance(rate, numbers.Real)
    if is_number and not 0 <= rate < 1:
        raise ValueError(
            f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}"
        )
    x = as_tensor(x)
    if not x.dtype.is_floating:
        raise ValueError(
            "`x.dtype` must be a floating point tensor as `x` will be scaled. "
            f"Received: x_dtype={x.dtype}"
        )
    if is_number and rate == 0:
        return x
    if is_number:
        kept = x * (1 / (1 - rate))
        threshold = float(rate)
    else:
        rate = _math("cast")(as_tensor(rate), x.dtype)
        if rate.ndim:
            raise ValueError(f"Shapes must be equal rank, but are {rate.ndim} and 0")
        kept = x / (1 - rate)
        threshold = float(rate._value)
    dims = _noise_shape(x, noise_shape)
    uniform = _generator(seed).random(dims).astype(x._value.dtype)
    keep = wrap(uniform >= x._value.dtype.type(threshold))
    return _el.where(keep, kept, wrap(x._value.dtype.type(0)))


def embedding_lookup(params, ids, max_norm=None, name=None):
    """Rows of ``params`` (a tensor, or a list of row partitions) at ``ids``.

    TensorFlow's gradient is an ``IndexedSlices``; tapeflow's is the equivalent
    dense tensor (repeated ids add up).

    >>> import tapeflow as tf
    >>> print(tf.nn.embedding_lookup(tf.constant([[1.0], [2.0], [3.0]]), [2, 0]))
    tf.Tensor(
    [[3.]
     [1.]], shape=(2, 1), dtype=float32)
    """
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("Need at least one param")
        parts = [as_tensor(p) for p in params]
        table = parts[0] if len(parts) == 1 else _arrays("concat")(parts, 0)
    else:
        table = params
    result = _arrays("gather")(table, ids)
    if max_norm is not None:
        ids_rank = np.ndim(getattr(ids, "_value", ids))
        axes = list(range(ids_rank, result.ndim))
        result = _math("clip_by_norm")(result, max_norm, axes=axes)
    return result


# --------------------------------------------------------------------------
# Argument parsing shared by convolutions and pooling
# --------------------------------------------------------------------------
_LAYOUTS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}


def _channels_first(data_format, nd: int, op: str, extra: str = "") -> bool:
    last, first = _LAYOUTS[nd]
    if data_format is None or data_format == last:
        return False
    if data_format == first:
        return True
    raise _attr_error(op, "data_format", f'"{data_format}"', f'"{last}", "{first}"{extra}')


def _sequence(value, nd: int, channel_index: int, name: str) -> list:
    """TensorFlow's ``_get_sequence``: an int or list becomes nd + 2 entries."""
    shown = value
    if value is None:
        value = [1]
    elif isinstance(value, Tensor):
        value = np.ravel(value._value).tolist()
    elif not isinstance(value, (list, tuple, np.ndarray)):
        value = [value]
    value = [int(v) for v in value]
    if len(value) == nd + 2:
        return value
    if len(value) == 1:
        value = value * nd
    elif len(value) != nd:
        raise ValueError(
            f"{name} should be of length 1, {nd} or {nd + 2}. Received: {name}={shown} of "
            f"length {len(value)}"
        )
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def _spatial(values: list, channels_first: bool) -> tuple:
    return tuple(values[2:]) if channels_first else tuple(values[1:-1])


def _check_window(strides, dilations, channels_first, op, what="strides"):
    ci = 1 if channels_first else -1
    if strides[0] != 1 or strides[ci] != 1:
        raise _op_error(UnimplementedError, "Current implementation does not yet support "
                        f"{what} in the batch and depth dimensions.", op)  # fmt: skip
    for s in strides:
        if s <= 0:
            raise _op_error(InvalidArgumentError, f"Stride must be > 0, but got {s}", op)
    if dilations is not None:
        if dilations[0] != 1 or dilations[ci] != 1:
            raise _op_error(InvalidArgumentError, "Current implementation does not yet support "
                            "dilations in the batch and depth dimensions.", op)  # fmt: skip
        if any(d <= 0 for d in dilations):
            raise _op_error(InvalidArgumentError, "Dilated rates should be larger than 0.", op)


_PADDINGS = '"SAME", "VALID", "EXPLICIT"'


def _padding(padding, nd: int, channels_first: bool, op: str, *, explicit=True,
             allowed=_PADDINGS):  # fmt: skip
    """'SAME', 'VALID', or a tuple of (low, high) pairs for the spatial dims."""
    if isinstance(padding, (list, tuple)):
        if not explicit:
            raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError(
                    "When `padding` is a list, each element of `padding` must be a list/tuple "
                    f"of size 2. Received: padding={padding} with element at index {i} of type "
                    f"{type(pair)}"
                )
            if len(pair) != 2:
                raise ValueError(
                    "When `padding` is a list, each element of `padding` must be a list/tuple "
                    f"of size 2. Received: padding={padding} with element at index {i} of size "
                    f"{len(pair)}"
                )
        if len(padding) != nd + 2:
            raise ValueError(
                f"When padding is a list, it must be of size {nd + 2}. Received: "
                f"padding={padding} of size {len(padding)}"
            )
        pairs = [(int(lo), int(hi)) for lo, hi in padding]
        ci = 1 if channels_first else nd + 1
        if pairs[0] != (0, 0) or pairs[ci] != (0, 0):
            raise _op_error(InvalidArgumentError, "Nonzero explicit padding in the batch or "
                            "depth dimensions is not supported", op)  # fmt: skip
        if any(lo < 0 or hi < 0 for lo, hi in pairs):
            raise _op_error(InvalidArgumentError, "All explicit paddings must be nonnegative, "
                            f"got {padding}", op)  # fmt: skip
        return tuple(_spatial(pairs, channels_first))
    if padding == "EXPLICIT" and explicit:
        raise ValueError(
            "'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
            "`padding` must be a list."
        )
    if padding not in ("SAME", "VALID"):
        raise _attr_error(op, "padding", f'"{padding}"', allowed)
    return padding


def _resolve_padding(padding, spatial, kernel, strides, dilations) -> tuple:
    if padding == "VALID":
        return ((0, 0),) * len(spatial)
    if padding == "SAME":
        return _conv.same_padding(spatial, kernel, strides, dilations)
    return padding


def _fold_batch(x: Tensor, core_rank: int):
    """Merge extra leading batch dims into one (conv2d accepts [*batch, H, W, C])."""
    shape = _shape_of(x)
    if len(shape) == core_rank:
        return x, None
    lead = shape[: len(shape) - core_rank + 1]
    return _shape.reshape(x, shape=(-1,) + shape[len(lead) :]), lead


def _unfold_batch(y: Tensor, lead):
    if lead is None:
        return y
    return _shape.reshape(y, shape=tuple(lead) + _shape_of(y)[1:])


# --------------------------------------------------------------------------
# Convolutions
# --------------------------------------------------------------------------
def _convolve(input, filters, strides, padding, data_format, dilations, nd, op, *,  # noqa: A002
              stride_name="strides", grouped=True, explicit=True, layout_first=None):  # fmt: skip
    x = as_tensor(input)
    w = as_tensor(filters)
    _same_dtype(x, w, op)
    first = (_channels_first(data_format, nd, op) if layout_first is None
             else layout_first)  # fmt: skip
    ci = 1 if first else nd + 1
    strides = _sequence(strides, nd, ci, stride_name)
    dilations = _sequence(dilations, nd, ci, "dilations")
    padding = _padding(padding, nd, first, op, explicit=explicit,
                       allowed=_PADDINGS if explicit else '"SAME", "VALID"')  # fmt: skip
    _check_window(strides, dilations, first, op)
    if x.ndim < nd + 2:
        raise _op_error(InvalidArgumentError, f"convolution input must be {nd + 2}-dimensional: "
                        f"{_shape_text(_shape_of(x))}", op)  # fmt: skip
    if w.ndim != nd + 2:
        raise _op_error(InvalidArgumentError, f"convolution filter must be {nd + 2}-dimensional: "
                        f"{_shape_text(_shape_of(w))}", op)  # fmt: skip
    x, lead = _fold_batch(x, nd + 2)
    if first:
        x = _move_channels(x, to_last=True)
    y = _conv_channels_last(x, w, _spatial(strides, first), padding,
                            _spatial(dilations, first), op, grouped)  # fmt: skip
    if first:
        y = _move_channels(y, to_last=False)
    return _unfold_batch(y, lead)


def _conv_channels_last(x, w, strides, padding, dilations, op, grouped=True, groups=None):
    nd = len(strides)
    channels = x._value.shape[-1]
    kernel, depth, out_channels = w._value.shape[:nd], w._value.shape[nd], w._value.shape[-1]
    if groups is None:
        if not grouped and channels != depth:
            raise _op_error(InvalidArgumentError, "input and filter must have the same depth: "
                            f"{channels} vs {depth}", op)  # fmt: skip
        if not depth or channels % depth:
            raise _op_error(InvalidArgumentError, "input depth must be evenly divisible by "
                            f"filter depth: {channels} vs {depth}", op)  # fmt: skip
        groups = channels // depth
        if out_channels % groups:
            raise _op_error(InvalidArgumentError, "output depth must be evenly divisible by "
                            f"number of groups: {out_channels} vs {groups}", op)  # fmt: skip
    spatial = x._value.shape[1:-1]
    pads = _resolve_padding(padding, spatial, kernel, strides, dilations)
    return _conv.conv(x, w, strides=tuple(strides), padding=pads, dilations=tuple(dilations),
                      groups=groups)  # fmt: skip


def conv2d(input, filters, strides, padding, data_format="NHWC", dilations=None, name=None):  # noqa: A002
    """2-D convolution (cross-correlation, as TF) of NHWC ``input`` with HWIO ``filters``.

    ``padding`` is "SAME", "VALID" or explicit pairs for all four dims. An input
    depth that is a multiple of the filter's depth is a grouped convolution.

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.range(9.0), [1, 3, 3, 1])
    >>> print(tf.nn.conv2d(x, tf.ones([2, 2, 1, 1]), 1, "VALID")[0, :, :, 0])
    tf.Tensor(
    [[ 8. 12.]
     [20. 24.]], shape=(2, 2), dtype=float32)
    """
    return _convolve(input, filters, strides, padding, data_format, dilations, 2, "Conv2D")


def conv1d(input, filters, stride, padding, data_format="NWC", dilations=None, name=None):  # noqa: A002
    """1-D convolution of NWC ``input`` with WIO ``filters``."""
    if data_format is None or data_format in ("NHWC", "NWC"):
        first = False
    elif data_format in ("NCHW", "NCW"):
        first = True
    else:
        raise ValueError(
            f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}"
        )
    return _convolve(input, filters, stride, padding, None, dilations, 1, "Conv2D",
                     stride_name="stride", layout_first=first)  # fmt: skip


def conv3d(input, filters, strides, padding, data_format="NDHWC", dilations=None, name=None):  # noqa: A002
    """3-D convolution of NDHWC ``input`` with DHWIO ``filters`` (no groups, as TF)."""
    return _convolve(input, filters, strides, padding, data_format, dilations, 3, "Conv3D",
                     grouped=False, explicit=False)  # fmt: skip


def convolution(input, filters, strides=None, padding="VALID", data_format=None,  # noqa: A002
                dilations=None, name=None):  # fmt: skip
    """N-d convolution; the rank of ``filters`` picks conv1d, conv2d or conv3d."""
    nd = as_tensor(filters).ndim - 2
    if nd == 1:
        return conv1d(input, filters, strides, padding, data_format or "NWC", dilations)
    if nd == 2:
        return conv2d(input, filters, strides, padding, data_format or "NHWC", dilations)
    if nd == 3:
        return conv3d(input, filters, strides, padding, data_format or "NDHWC", dilations)
    raise ValueError(
        f"`input.shape.rank` must be 3, 4 or 5. Received: input.shape={_shape_of(as_tensor(input))}"
    )


def atrous_conv2d(value, filters, rate, padding, name=None):
    """conv2d with dilation ``rate`` in both spatial dims."""
    if rate < 1:
        raise ValueError(f"rate {rate} cannot be less than one")
    return conv2d(value, filters, 1, padding, dilations=rate)


def depthwise_conv2d(input, filter, strides, padding, data_format=None, dilations=None,  # noqa: A002
                     name=None):  # fmt: skip
    """Each input channel convolved with its own ``channel_multiplier`` filters.

    ``filter`` is [kh, kw, in_channels, multiplier]; output channel c * M + m.
    """
    op = "DepthwiseConv2dNative"
    x = as_tensor(input)
    w = as_tensor(filter)
    _same_dtype(x, w, op)
    first = _channels_first(data_format, 2, op)
    ci = 1 if first else 3
    strides = _sequence(strides, 2, ci, "strides")
    rate = _sequence(dilations, 2, ci, "dilations")
    padding = _padding(padding, 2, first, op)
    _check_window(strides, rate, first, op)
    row, col = _spatial(strides, first)
    if row != col:
        raise _op_error(InvalidArgumentError, "Current implementation only supports equal length "
                        "strides in the row and column dimensions.", op)  # fmt: skip
    if x.ndim != 4 or w.ndim != 4:
        bad, what = (x, "input") if x.ndim != 4 else (w, "filter")
        raise _op_error(InvalidArgumentError, f"{what} must be 4-dimensional: "
                        f"{_shape_text(_shape_of(bad))}", op)  # fmt: skip
    if first:
        x = _move_channels(x, to_last=True)
    channels = x._value.shape[-1]
    kh, kw, depth, multiplier = _shape_of(w)
    if depth != channels:
        raise _op_error(InvalidArgumentError, "input and filter must have the same depth: "
                        f"{channels} vs {depth}", op)  # fmt: skip
    grouped = _shape.reshape(w, shape=(kh, kw, 1, depth * multiplier))
    y = _conv_channels_last(x, grouped, _spatial(strides, first), padding,
                            _spatial(rate, first), op, groups=channels)  # fmt: skip
    return _move_channels(y, to_last=False) if first else y


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # noqa: A002
                     data_format=None, dilations=None, name=None):  # fmt: skip
    """depthwise_conv2d followed by a 1x1 conv2d with ``pointwise_filter``."""
    depthwise = depthwise_conv2d(input, depthwise_filter, strides, padding,
                                 data_format=data_format, dilations=dilations)  # fmt: skip
    return conv2d(depthwise, pointwise_filter, 1, "VALID", data_format=data_format or "NHWC")


def _output_shape(output_shape) -> tuple:
    if isinstance(output_shape, Tensor):
        return tuple(int(d) for d in np.ravel(output_shape._value))
    if isinstance(output_shape, TensorShape):
        return tuple(output_shape.as_list())
    return tuple(int(getattr(d, "_value", d)) for d in output_shape)


def _conv_transpose(input, filters, output_shape, strides, padding, data_format,  # noqa: A002
                    dilations, nd, op, *, layout_first=None):  # fmt: skip
    prefix = "Conv2DCustomBackpropInput" if nd < 3 else "Conv3DBackpropInputOp"
    x = as_tensor(input)
    w = as_tensor(filters)
    _same_dtype(x, w, op)
    first = _channels_first(data_format, nd, op) if layout_first is None else layout_first
    ci = 1 if first else nd + 1
    strides = _sequence(strides, nd, ci, "strides")
    dilations = _sequence(dilations, nd, ci, "dilations")
    padding = _padding(padding, nd, first, op, explicit=nd == 2,
                       allowed=_PADDINGS if nd == 2 else '"SAME", "VALID"')  # fmt: skip
    _check_window(strides, dilations, first, op)
    out_shape = _output_shape(output_shape)
    if len(out_shape) != nd + 2:
        raise ValueError(
            f"`output_shape` must be of length {nd + 2}. Received: output_shape={out_shape}"
        )
    if x.ndim != nd + 2 or w.ndim != nd + 2:
        bad, what = (x, "input") if x.ndim != nd + 2 else (w, "filter")
        raise _op_error(InvalidArgumentError, f"{prefix}: {what} must be {nd + 2}-dimensional: "
                        f"{_shape_text(_shape_of(bad))}", op, "")  # fmt: skip
    if first:
        x = _move_channels(x, to_last=True)
        out_shape = (out_shape[0], *out_shape[2:], out_shape[1])
    kernel = _shape_of(w)[:nd]
    if x._value.shape[-1] != w._value.shape[-1] or out_shape[-1] != w._value.shape[-2]:
        raise _op_error(InvalidArgumentError, f"{prefix}: input depth must be evenly divisible "
                        "by filter depth", op, "")  # fmt: skip
    if out_shape[0] != x._value.shape[0]:
        raise _op_error(InvalidArgumentError, f"{prefix}: input and out_backprop must have the "
                        "same batch size", op, "")  # fmt: skip
    spatial, s, d = out_shape[1:-1], _spatial(strides, first), _spatial(dilations, first)
    pads = _resolve_padding(padding, spatial, kernel, s, d)
    expected = _conv.output_sizes(spatial, kernel, s, pads, d)
    for i, (want, got) in enumerate(zip(expected, x._value.shape[1:-1])):
        if want != got:
            raise _op_error(InvalidArgumentError, f"{prefix}: Size of out_backprop doesn't match "
                            f"computed: actual = {got}, computed = {want} spatial_dim: {i + 1} "
                            f"input: {spatial[i]} filter: {kernel[i]} output: {got} stride: "
                            f"{s[i]} dilation: {d[i]}", op, "")  # fmt: skip
    y = _conv.conv_backprop_input(x, w, input_spatial=tuple(spatial), strides=tuple(s),
                                  padding=pads, dilations=tuple(d), groups=1)  # fmt: skip
    return _move_channels(y, to_last=False) if first else y


def conv2d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NHWC", dilations=None, name=None):  # fmt: skip
    """The transpose (gradient) of conv2d: ``filters`` is [kh, kw, out_channels, in_channels].

    >>> import tapeflow as tf
    >>> y = tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], 2)
    >>> y.shape
    TensorShape([1, 4, 4, 1])
    """
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format,
                           dilations, 2, "Conv2DBackpropInput")  # fmt: skip


def conv1d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NWC", dilations=None, name=None):  # fmt: skip
    """The transpose of conv1d: ``filters`` is [kw, out_channels, in_channels]."""
    if data_format not in ("NWC", "NCW"):
        raise ValueError(
            f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}"
        )
    return _conv_transpose(input, filters, output_shape, strides, padding, None, dilations, 1,
                           "Conv2DBackpropInput", layout_first=data_format == "NCW")  # fmt: skip


def conv3d_transpose(input, filters, output_shape, strides, padding="SAME",  # noqa: A002
                     data_format="NDHWC", dilations=None, name=None):  # fmt: skip
    """The transpose of conv3d: ``filters`` is [kd, kh, kw, out_channels, in_channels]."""
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format,
                           dilations, 3, "Conv3DBackpropInputV2")  # fmt: skip


def conv_transpose(input, filters, output_shape, strides, padding="SAME", data_format=None,  # noqa: A002
                   dilations=None, name=None):  # fmt: skip
    """The transpose of convolution; the length of ``output_shape`` picks the rank."""
    nd = len(_output_shape(output_shape)) - 2
    chooser = {1: conv1d_transpose, 2: conv2d_transpose, 3: conv3d_transpose}
    if nd not in chooser:
        raise ValueError(f"output_shape must be of length 3, 4 or 5 but was {nd + 2}.")
    layout = data_format or _LAYOUTS[nd][0]
    return chooser[nd](input, filters, output_shape, strides, padding, layout, dilations)


# --------------------------------------------------------------------------
# Pooling
# --------------------------------------------------------------------------
_MAX_POOL_TYPES = ("half, bfloat16, float, double, int32, int64, uint8, int16, int8, uint16, "
                   "qint8")  # fmt: skip


def _pool(kind, input, ksize, strides, padding, data_format, nd, op, *,  # noqa: A002
          explicit=False, dilations=None, layout_first=None):  # fmt: skip
    x = as_tensor(input)
    if kind == "avg":
        _require_float(x, op)
    elif x._value.dtype.kind not in "fiu":
        raise _attr_error(op, "T", x.dtype.c_name, _MAX_POOL_TYPES)
    extra = ', "NCHW_VECT_C"' if kind == "max" and nd == 2 else ""
    first = (_channels_first(data_format, nd, op, extra) if layout_first is None
             else layout_first)  # fmt: skip
    ci = 1 if first else nd + 1
    ksize = _sequence(ksize, nd, ci, "ksize")
    strides = _sequence(strides, nd, ci, "strides")
    padding = _padding(padding, nd, first, op, explicit=explicit,
                       allowed=_PADDINGS if explicit else '"SAME", "VALID"')  # fmt: skip
    if ksize[0] != 1 or strides[0] != 1:
        raise _op_error(UnimplementedError, "Pooling is not yet supported on the batch "
                        "dimension.", op)  # fmt: skip
    if ksize[ci] != 1 or strides[ci] != 1:
        raise _op_error(UnimplementedError, "Pooling over the depth dimension is not supported "
                        "by tapeflow.", op)  # fmt: skip
    for i, k in enumerate(ksize):
        if k <= 0:
            raise _op_error(InvalidArgumentError, f"Sliding window ksize for dimension {i} was "
                            "zero.", op)  # fmt: skip
    for i, s in enumerate(strides):
        if s <= 0:
            raise _op_error(InvalidArgumentError, f"Sliding window stride for dimension {i} "
                            "must be positive.", op)  # fmt: skip
    if x.ndim != nd + 2:
        expected = "4 or 5" if nd >= 2 else str(nd + 2)
        raise _op_error(InvalidArgumentError, f"Input must be {expected}-dimensional", op)
    if first:
        x = _move_channels(x, to_last=True)
    window, steps = _spatial(ksize, first), _spatial(strides, first)
    rates = tuple(dilations) if dilations is not None else (1,) * nd
    pads = _resolve_padding(padding, x._value.shape[1:-1], window, steps, rates)
    primitive = _conv.max_pool if kind == "max" else _conv.avg_pool
    y = primitive(x, ksize=window, strides=steps, padding=pads, dilations=rates)
    return _move_channels(y, to_last=False) if first else y


def max_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """Maximum over each ksize window; the gradient goes to the first maximum (row-major).

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> print(tf.nn.max_pool2d(x, 2, 2, "VALID")[0, :, :, 0])
    tf.Tensor(
    [[ 5.  7.]
     [13. 15.]], shape=(2, 2), dtype=float32)
    """
    return _pool("max", input, ksize, strides, padding, data_format, 2, "MaxPool", explicit=True)


def max_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """Maximum over windows of an NWC tensor."""
    return _pool("max", input, ksize, strides, padding, data_format, 1, "MaxPool", explicit=True)


def max_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Maximum over windows of an NDHWC tensor."""
    return _pool("max", input, ksize, strides, padding, data_format, 3, "MaxPool3D")


def avg_pool2d(input, ksize, strides, padding, data_format="NHWC", name=None):  # noqa: A002
    """Mean over each window; with SAME padding only the real pixels count."""
    return _pool("avg", input, ksize, strides, padding, data_format, 2, "AvgPool")


def avg_pool1d(input, ksize, strides, padding, data_format="NWC", name=None):  # noqa: A002
    """Mean over windows of an NWC tensor."""
    return _pool("avg", input, ksize, strides, padding, data_format, 1, "AvgPool")


def avg_pool3d(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
    """Mean over windows of an NDHWC tensor."""
    return _pool("avg", input, ksize, strides, padding, data_format, 3, "AvgPool3D")


def _rank_nd(x: Tensor) -> int:
    rank = x.ndim
    if rank not in (3, 4, 5):
        raise ValueError(
            "`input.shape.rank` must be 3, 4 or 5. Received: "
            f"input.shape={TensorShape(_shape_of(x))} of rank {rank}"
        )
    return rank - 2


def max_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """max_pool1d/2d/3d chosen by the rank of ``input``."""
    x = as_tensor(input)
    nd = _rank_nd(x)
    op = {1: "MaxPool", 2: "MaxPool", 3: "MaxPool3D"}[nd]
    return _pool("max", x, ksize, strides, padding, data_format, nd, op, explicit=nd < 3)


def avg_pool(input, ksize, strides, padding, data_format=None, name=None):  # noqa: A002
    """avg_pool1d/2d/3d chosen by the rank of ``input``."""
    x = as_tensor(input)
    nd = _rank_nd(x)
    op = {1: "AvgPool", 2: "AvgPool", 3: "AvgPool3D"}[nd]
    return _pool("avg", x, ksize, strides, padding, data_format, nd, op)


def pool(input, window_shape, pooling_type, strides=None, padding="VALID",  # noqa: A002
         data_format=None, dilations=None, name=None):  # fmt: skip
    """N-d max or average pooling, with optional dilation (then strides must be 1)."""
    x = as_tensor(input)
    window = [int(k) for k in window_shape]
    nd = len(window)
    if x.ndim != nd + 2:
        raise ValueError(f"Shape {_shape_of(x)} must have rank {nd + 2}")
    if pooling_type not in ("MAX", "AVG"):
        raise ValueError(f"{nd}-D {pooling_type} pooling is not supported.")
    steps = [1] * nd if strides is None else [int(s) for s in np.ravel(strides)]
    rates = [1] * nd if dilations is None else [int(d) for d in np.ravel(dilations)]
    if len(rates) == 1:
        rates = rates * nd
    if len(steps) == 1:
        steps = steps * nd
    if any(r > 1 for r in rates):
        if padding == "SAME":
            raise ValueError(
                "pooling with 'SAME' padding is not implemented for `dilation_rate` > 1. "
                f"Received: padding={padding} and dilation_rate={np.array(rates)}"
            )
        if any(s > 1 for s in steps):
            raise ValueError(
                "`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                f"Received: strides={np.array(steps)} and dilation_rate={np.array(rates)}"
            )
    first = data_format is not None and data_format.startswith("NC")
    kind = "max" if pooling_type == "MAX" else "avg"
    op = ("MaxPool" if kind == "max" else "AvgPool") + ("3D" if nd == 3 else "")
    return _pool(kind, x, window, steps, padding, None, nd, op, dilations=rates,
                 layout_first=first)  # fmt: skip
