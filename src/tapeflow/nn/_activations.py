"""Activations: relu family, elu, selu, gelu, swish, softplus, softmax, log_softmax."""

from __future__ import annotations

import numpy as np

from .. import arrays as _arrays
from .. import dtypes as _dt
from .. import math as _math
from .._tensor import Tensor, as_tensor, read_static
from .._types import TensorLike
from ..errors import AbortedError, InvalidArgumentError
from ..math._elementwise import cast as _cast
from ..ops import elementwise as _el
from ..ops import nn as _nn
from ..ops import shape as _shape
from ._common import _attr_error, _float32_attr, _op_error, _require_float


def relu(features: TensorLike, name: str | None = None) -> Tensor:
    """max(features, 0); the gradient at 0 is 0.

    >>> tf.nn.relu(tf.constant([-1.0, 0.0, 2.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 2.], dtype=float32)>
    """
    return _nn.relu(as_tensor(features))


def crelu(features: TensorLike, axis: int = -1, name: str | None = None) -> Tensor:
    """relu of [features, -features] concatenated along ``axis``.

    >>> tf.nn.crelu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(4,), dtype=float32, numpy=array([0., 2., 1., 0.], dtype=float32)>
    """
    x = as_tensor(features)
    return _nn.relu(_arrays.concat([x, -x], axis))


def relu6(features: TensorLike, name: str | None = None) -> Tensor:
    """min(max(features, 0), 6); the gradient is 1 strictly between 0 and 6, else 0.

    >>> tf.nn.relu6(tf.constant([-1.0, 3.0, 8.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 3., 6.], dtype=float32)>
    """
    x = as_tensor(features)
    if x._value.dtype.kind not in "fiu":
        raise _attr_error("Relu6", "T", x.dtype.c_name, "float, double, int32, uint8, int16, "
                          "int8, int64, bfloat16, uint16, half, uint32, uint64")  # fmt: skip
    return _nn.relu6(x)


def leaky_relu(features: TensorLike, alpha: float = 0.2, name: str | None = None) -> Tensor:
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
        read_static(alpha)
        alpha = np.asarray(getattr(alpha, "_value", alpha)).item()
    return _nn.leaky_relu(x, alpha=_float32_attr(alpha))


def elu(features: TensorLike, name: str | None = None) -> Tensor:
    """features where > 0, else exp(features) - 1.

    >>> tf.nn.elu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.63212055,  2.        ], dtype=float32)>
    """
    x = as_tensor(features)
    _require_float(x, "Elu")
    return _nn.elu(x)


def selu(features: TensorLike, name: str | None = None) -> Tensor:
    """scale * elu-like(features) with TensorFlow's SELU constants.

    >>> tf.nn.selu(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.1113307,  2.101402 ], dtype=float32)>
    """
    x = as_tensor(features)
    _require_float(x, "Selu")
    return _nn.selu(x)


def gelu(features: TensorLike, approximate: bool = False, name: str | None = None) -> Tensor:
    """x * Phi(x) (``approximate=True``: the tanh form), as TensorFlow writes it.

    >>> print(tf.nn.gelu(tf.constant([-1.0, 0.0, 1.0])))
    tf.Tensor([-0.15865526  0.          0.8413447 ], shape=(3,), dtype=float32)
    >>> print(tf.nn.gelu(tf.constant([-1.0, 0.0, 1.0]), approximate=True))
    tf.Tensor([-0.158808  0.        0.841192], shape=(3,), dtype=float32)
    """
    x = as_tensor(features)
    if not x.dtype.is_floating:
        raise ValueError(
            f"`features.dtype` must be a floating point tensor.Received:features.dtype={x.dtype}"
        )
    if approximate:
        # TF casts the coefficient from a float32 constant: float64 sees float32's 0.044715.
        inner = 0.7978845608028654 * (x + _cast(0.044715, x.dtype) * x**3)
        return 0.5 * x * (1.0 + _math.tanh(inner))
    # erfc(-x / sqrt 2), not 1 + erf(x / sqrt 2): no cancellation for negative x.
    return 0.5 * x * _math.erfc(-x * _cast(0.7071067811865476, x.dtype))


def swish(features: TensorLike, beta: TensorLike = 1.0, name: str | None = None) -> Tensor:
    """features * sigmoid(beta * features) (also tf.nn.silu).

    >>> print(tf.nn.swish(tf.constant([-1.0, 0.0, 2.0])))
    tf.Tensor([-0.2689414  0.         1.761594 ], shape=(3,), dtype=float32)
    """
    x = as_tensor(features)
    if x._value.dtype.kind not in "fc":
        _math.sigmoid(x)  # TF's error: Sigmoid has no kernel for this dtype
    # A Python float beta becomes a float32 tensor first, as in TensorFlow.
    beta = _cast(as_tensor(beta), x.dtype)
    return x * _math.sigmoid(beta * x)


def silu(features: TensorLike, beta: TensorLike = 1.0) -> Tensor:
    """features * sigmoid(beta * features).

    >>> print(tf.nn.silu(tf.constant([-1.0, 0.0, 2.0]), beta=2.0))
    tf.Tensor([-0.11920293  0.          1.9640275 ], shape=(3,), dtype=float32)
    """
    return swish(features, beta=beta)


def softsign(features: TensorLike, name: str | None = None) -> Tensor:
    """features / (1 + |features|).

    >>> tf.nn.softsign(tf.constant([-3.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.75,  0.5 ], dtype=float32)>
    """
    x = as_tensor(features)
    _require_float(x, "Softsign")
    return _nn.softsign(x)


def softplus(features: TensorLike, name: str | None = None) -> Tensor:
    """log(1 + exp(features)), computed stably (tf.math.softplus).

    >>> print(tf.nn.softplus(tf.constant([-1.0, 0.0, 1.0])))
    tf.Tensor([0.31326163 0.6931472  1.3132616 ], shape=(3,), dtype=float32)
    """
    return _math.softplus(features)


def sigmoid(x: TensorLike, name: str | None = None) -> Tensor:
    """1 / (1 + exp(-x)) (tf.math.sigmoid).

    >>> print(tf.nn.sigmoid(tf.constant([-1.0, 0.0, 1.0])))
    tf.Tensor([0.2689414 0.5       0.7310586], shape=(3,), dtype=float32)
    """
    return _math.sigmoid(x)


def tanh(x: TensorLike, name: str | None = None) -> Tensor:
    """tf.math.tanh.

    >>> print(tf.nn.tanh(tf.constant([-1.0, 0.0, 1.0])))
    tf.Tensor([-0.7615942  0.         0.7615942], shape=(3,), dtype=float32)
    """
    return _math.tanh(x)


def _along_axis(function, logits, axis, op):
    logits = as_tensor(logits)
    _require_float(logits, op)
    ndim = logits.ndim
    if ndim == 0:
        raise _op_error(AbortedError, "Input dims must be <= 5 and >=1", op)
    if isinstance(axis, Tensor):
        read_static(axis)
    if axis is None:
        axis = -1
    elif not isinstance(axis, (int, np.integer)):
        return _along_other_axis(function, logits, axis)
    axis = int(axis)
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


def _along_other_axis(function, logits: Tensor, dim):
    """An axis that is not an int (a tensor, an array, a float, a list), taken as TF's
    Python wrapper takes it, step by step: a one-element axis equal to the last axis
    computes directly, any other is range-checked on its value and then moved last by
    tensor arithmetic, which refuses what TF's refuses (an int64 tensor meets the int32
    rank, a one-element vector makes concat's ranks differ, a list cannot be compared)."""
    import tapeflow as tf  # noqa: PLC0415 - the public ops, as TF's wrapper uses them

    n = logits.ndim
    if (dim == -1) or (dim == n - 1):
        return function(logits)
    dim_val = dim.numpy() if isinstance(dim, Tensor) else dim
    if not -n <= dim_val < n:
        raise InvalidArgumentError(
            None,
            None,
            f"`dim` must be in the range [{-n}, {n}) where {n} is the number of "
            f"dimensions in the input. Received: dim={dim_val}",
        )
    ndims = tf.rank(logits)
    if not isinstance(dim, Tensor):
        if dim < 0:
            dim += ndims
    else:
        dim = tf.where(tf.less(dim, 0), dim + ndims, dim)
    dim_axis = dim % n
    last = tf.subtract(ndims, 1)

    def swap(x: Tensor) -> Tensor:
        order = [tf.range(dim_axis), [last], tf.range(dim_axis + 1, last), [dim_axis]]
        return tf.transpose(x, tf.concat(order, 0))

    return swap(function(swap(logits)))


def softmax(logits: TensorLike, axis: int | None = None, name: str | None = None) -> Tensor:
    """exp(logits) / sum(exp(logits)) along ``axis`` (default last), computed stably.

    >>> print(tf.nn.softmax(tf.constant([1.0, 2.0, 3.0])))
    tf.Tensor([0.09003057 0.24472846 0.66524094], shape=(3,), dtype=float32)
    """
    return _along_axis(_nn.softmax, logits, axis, "Softmax")


def log_softmax(logits: TensorLike, axis: int | None = None, name: str | None = None) -> Tensor:
    """logits - logsumexp(logits) along ``axis`` (default last), computed stably.

    >>> print(tf.nn.log_softmax(tf.constant([1.0, 2.0, 3.0])))
    tf.Tensor([-2.4076061 -1.407606  -0.407606 ], shape=(3,), dtype=float32)
    """
    return _along_axis(_nn.log_softmax, logits, axis, "LogSoftmax")
