"""Normalization: bias_add, batch_normalization, l2_normalize, moments, local response normalization."""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .. import math as _math
from .._matching import matching_tensors
from .._tensor import Tensor, as_tensor, wrap
from .._types import AxisLike, TensorLike
from ..errors import InvalidArgumentError, _shape_text
from ..math._elementwise import cast as _cast
from ..math._more import _attr_int
from ..math._reduce import moments as _moments
from ..ops import conv as _conv
from ..ops import shape as _shape
from ._common import (
    _attr_error,
    _float32_attr,
    _op_error,
    _operand,
    _require_float,
    _same_dtype,
    _shape_of,
)


def bias_add(
    value: TensorLike, bias: TensorLike, data_format: str | None = None, name: str | None = None
) -> Tensor:
    """value + bias along the channel axis (last, or the second for "NC..." formats).

    >>> tf.nn.bias_add(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([10.0, 20.0]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[11., 22.],
           [13., 24.]], dtype=float32)>
    """
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


def batch_normalization(
    x: TensorLike,
    mean: TensorLike,
    variance: TensorLike,
    offset: TensorLike,
    scale: TensorLike,
    variance_epsilon: float,
    name: str | None = None,
) -> Tensor:
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, as TensorFlow composes it.

    >>> x = tf.constant([1.0, 3.0])
    >>> tf.nn.batch_normalization(x, 2.0, 1.0, offset=0.0, scale=1.0, variance_epsilon=0.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  1.], dtype=float32)>
    """
    x = as_tensor(x)
    inv = _math.rsqrt(variance + variance_epsilon)
    if scale is not None:
        inv = inv * scale
    cast = _cast
    shift = offset - mean * inv if offset is not None else -(mean * inv)
    return x * cast(inv, x.dtype) + cast(shift, x.dtype)


def l2_normalize(
    x: TensorLike,
    axis: AxisLike = None,
    epsilon: float = 1e-12,
    name: str | None = None,
    dim: AxisLike = None,
) -> Tensor:
    """x / sqrt(max(sum(x ** 2), epsilon)) along ``axis`` (tf.math.l2_normalize).

    >>> tf.nn.l2_normalize(tf.constant([[3.0, 4.0], [0.0, 2.0]]), axis=1)
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[0.6, 0.8],
           [0. , 1. ]], dtype=float32)>
    """
    return _math.l2_normalize(x, axis=axis, epsilon=epsilon, dim=dim)


def moments(
    x: TensorLike,
    axes: AxisLike,
    shift: TensorLike = None,
    keepdims: bool = False,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """Mean and variance of ``x`` over ``axes`` (written in math/_reduce.py).

    >>> mean, variance = tf.nn.moments(tf.constant([[1.0, 2.0], [3.0, 6.0]]), axes=[0])
    >>> mean
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    >>> variance
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 4.], dtype=float32)>
    """
    return _moments(x, axes, shift=shift, keepdims=keepdims)


def local_response_normalization(
    input: TensorLike,
    depth_radius: int | None = 5,
    bias: float | None = 1,
    alpha: float | None = 1,
    beta: float | None = 0.5,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """input / (bias + alpha * sum of squares over 2r+1 neighbouring channels) ** beta.

    The windowed channel sum is a 1-D convolution with ones, so every order of
    derivative exists (TensorFlow has no second derivative here).

    >>> x = tf.constant([[[[1.0, 2.0, 3.0]]]])
    >>> y = tf.nn.local_response_normalization(x, depth_radius=1, bias=1.0, alpha=1.0, beta=0.5)
    >>> print(tf.reshape(y, [-1]))
    tf.Tensor([0.40824828 0.5163978  0.8017837 ], shape=(3,), dtype=float32)
    """
    # None takes the op's default attribute, as in TF.
    depth_radius = 5 if depth_radius is None else depth_radius
    bias = 1.0 if bias is None else bias
    alpha = 1.0 if alpha is None else alpha
    beta = 0.5 if beta is None else beta
    # TF's LRN converts a Python or NumPy value with float32 preferred.
    (x,) = matching_tensors([input], (_dt.float16, _dt.float32), _dt.float32)
    radius = _attr_int(depth_radius, "depth_radius")
    # TF's order: the dtype, the kernel's bounds check on the radius (before any
    # allocation; a value past int64 reaches it as -1), then the rank.
    if x.dtype == _dt.float64:  # LRN has no double kernel
        raise _attr_error("LRN", "T", "double", "half, bfloat16, float")
    _require_float(x, "LRN", "half, bfloat16, float")
    if not 0 <= radius < 2**31 - 1:
        shown = radius if -(2**63) <= radius < 2**63 else -1
        raise _op_error(
            InvalidArgumentError, f"depth_radius = {shown} larger than int max", "LRN", ""
        )  # TF-TEXT
    if x.ndim != 4:
        raise _op_error(InvalidArgumentError, "in must be 4-dimensional", "LRN", "")
    channels = x._value.shape[-1]
    radius = min(radius, max(channels - 1, 0))  # a wider window adds only padding zeros
    rows = int(np.prod(x._value.shape[:-1]))  # (not -1: the input may be empty)
    squares = _shape.reshape(x * x, shape=(rows, channels, 1))
    ones = wrap(np.ones((2 * radius + 1, 1, 1), x._value.dtype))
    sums = _conv.conv(squares, ones, strides=(1,), padding=((radius, radius),),
                      dilations=(1,), groups=1)  # fmt: skip
    sums = _shape.reshape(sums, shape=_shape_of(x))
    bias, alpha, beta = _float32_attr(bias), _float32_attr(alpha), _float32_attr(beta)
    return x * (sums * alpha + bias) ** -beta


lrn = local_response_normalization
