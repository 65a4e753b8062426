"""Clipping and normalizing: clip_by_value, clip_by_norm, global_norm, l2_normalize."""

from __future__ import annotations

import collections.abc

import numpy as np

from .._tensor import Tensor, TensorShape, as_tensor
from .._tensor import dtype_mismatch as _dtype_mismatch
from .._tensor import wrap as _wrap
from .._types import AxisLike, TensorLike
from ..ops import elementwise as _el
from ..ops import reduce as _red
from ..ops import spectral as _sp
from ..ops.sparse import IndexedSlices
from ._common import _reject_attr, normalize_axis
from ._elementwise import add_n, cast


def _same_shape(values: Tensor, result: Tensor) -> None:
    if values._value.shape != result._value.shape:
        raise ValueError(
            f"Shapes {TensorShape(values._value.shape)} and {TensorShape(result._value.shape)} "
            "are incompatible"
        )


def clip_by_value(
    t: TensorLike, clip_value_min: TensorLike, clip_value_max: TensorLike, name: str | None = None
) -> Tensor:
    """min(max(t, lo), hi). The gradient passes where lo <= t <= hi (bounds inclusive);
    the bounds get the gradient of the entries clipped to them.

    >>> tf.clip_by_value(tf.constant([-2.0, 0.5, 3.0]), -1.0, 1.0)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1. ,  0.5,  1. ], dtype=float32)>
    """
    values = as_tensor(t)
    t_min = _el.minimum(values, clip_value_max)
    _same_shape(values, t_min)
    t_max = _el.maximum(t_min, clip_value_min)
    _same_shape(values, t_max)
    return t_max


def _keepdims_sum(x: Tensor, axes, op_name: str = "Sum") -> Tensor:
    return _red.reduce_sum(x, axis=normalize_axis(axes, x.ndim, op_name), keepdims=True)


def clip_by_norm(
    t: TensorLike | IndexedSlices,
    clip_norm: TensorLike,
    axes: AxisLike = None,
    name: str | None = None,
) -> Tensor | IndexedSlices:
    """t * clip_norm / max(||t||, clip_norm) over ``axes``; finite gradient at t = 0.

    An IndexedSlices is clipped by the norm of its values (as TensorFlow does:
    repeated rows count separately) and stays sparse.

    >>> tf.clip_by_norm(tf.constant([3.0, 4.0]), 1.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    if isinstance(t, IndexedSlices):
        return IndexedSlices(clip_by_norm(t.values, clip_norm, axes), t.indices, t.dense_shape)
    values = as_tensor(t)
    # A negative bound clips to zero, as in TensorFlow.
    if np.isscalar(clip_norm):
        clip_norm = 0 if clip_norm < 0 else clip_norm  # type: ignore[operator]
    else:
        clip_norm = cast(_el.maximum(clip_norm, 0), values.dtype)
    l2sum = _keepdims_sum(_el.multiply(values, values), axes)
    positive = _el.greater(l2sum, _el.zeros_like(l2sum))
    # TF's two-where trick: no NaN from sqrt's gradient where the sum is 0.
    l2sum_safe = _el.where(positive, l2sum, _el.ones_like(l2sum))
    l2norm = _el.where(positive, _el.sqrt(l2sum_safe), l2sum)
    intermediate = _el.multiply(values, clip_norm)
    _same_shape(values, intermediate)
    return _el.identity(_el.divide(intermediate, _el.maximum(l2norm, clip_norm)))


def _tensor_list(t_list) -> list:
    if not isinstance(t_list, collections.abc.Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    # The norms of IndexedSlices are those of their values, as in TensorFlow.
    return [
        None if t is None else t.values if isinstance(t, IndexedSlices) else as_tensor(t)
        for t in t_list
    ]


def _global_norm(values: list) -> Tensor:
    halves: list = []
    for v in values:
        if v is None:
            continue
        if v._value.dtype.kind != "f":
            _reject_attr(v, "L2Loss", "half, bfloat16, float, double")
        if halves and v._value.dtype != halves[0]._value.dtype:
            raise _dtype_mismatch("Pack", len(halves), halves[0]._value.dtype, v._value.dtype)
        # v * v, as TF's L2Loss: its gradient is x * g, where square's 2 * x * g overflows
        # float16 at 65504 and turns a zero cotangent (an infinite norm) into NaN.
        square = _el.multiply(v, v)
        halves.append(_el.multiply(_red.reduce_sum(square, axis=None, keepdims=False), 0.5))
    if not halves:
        return _wrap(np.float32(0.0))
    total = add_n(halves) if len(halves) > 1 else halves[0]
    return _el.sqrt(_el.multiply(total, 2.0))


def global_norm(t_list: TensorLike, name: str | None = None) -> Tensor:
    """sqrt(sum of squares of every entry of every tensor); None entries are skipped.

    TensorFlow's name is ``tf.linalg.global_norm``.

    >>> tf.linalg.global_norm([tf.constant([3.0]), tf.constant([4.0])])
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    return _global_norm(_tensor_list(t_list))


def clip_by_global_norm(
    t_list: TensorLike, clip_norm: TensorLike, use_norm: TensorLike = None, name: str | None = None
) -> tuple[list[Tensor | IndexedSlices | None], Tensor]:
    """Scale every tensor by clip_norm / max(global_norm, clip_norm).

    Returns ``(list_clipped, global_norm)``; None entries stay None. An infinite or
    NaN norm makes every clipped tensor NaN, as in TensorFlow. IndexedSlices
    count with their values and come back as IndexedSlices.

    >>> clipped, norm = tf.clip_by_global_norm([tf.constant([3.0]), tf.constant([4.0])], 1.0)
    >>> clipped[0]
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.6], dtype=float32)>
    >>> norm
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    values = _tensor_list(t_list)
    use_norm = _global_norm(values) if use_norm is None else as_tensor(use_norm)
    if use_norm._value.dtype.kind in "OSU":  # TF's 1.0 / use_norm fails in Python
        raise TypeError("unsupported operand type(s) for /: 'float' and 'bytes'")
    one = _wrap(use_norm._value.dtype.type(1))
    scale_for_finite = _el.multiply(
        clip_norm, _el.minimum(_el.divide(one, use_norm), _el.divide(one, clip_norm))
    )
    scale = _el.add(scale_for_finite, _el.subtract(use_norm, use_norm))
    clipped: list[Tensor | IndexedSlices | None] = [
        None if v is None else _el.identity(_el.multiply(v, cast(scale, v.dtype))) for v in values
    ]
    for i, t in enumerate(t_list):
        if isinstance(t, IndexedSlices):
            clipped[i] = IndexedSlices(clipped[i], t.indices, t.dense_shape)
    return clipped, use_norm


def l2_normalize(
    x: TensorLike,
    axis: AxisLike = None,
    epsilon: float = 1e-12,
    name: str | None = None,
    dim: AxisLike = None,
) -> Tensor:
    """x / sqrt(max(sum(x^2), epsilon)) over ``axis``; 0 at x = 0 (epsilon-guarded rsqrt).

    >>> tf.math.l2_normalize(tf.constant([3.0, 4.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    """
    if dim is not None:
        axis = dim
    x = as_tensor(x)
    if x._value.dtype.kind == "c":
        # |z|^2 from the real and imaginary parts: a real norm, as in TensorFlow.
        real, imag = _sp.real(x), _sp.imag(x)
        square_sum = _keepdims_sum(_el.add(_el.square(real), _el.square(imag)), axis)
        inverse_norm = _el.rsqrt(_el.maximum(square_sum, epsilon))
        return _sp.complex_(_el.multiply(real, inverse_norm), _el.multiply(imag, inverse_norm))
    square_sum = _keepdims_sum(_el.square(x), axis)
    inverse_norm = _el.rsqrt(_el.maximum(square_sum, epsilon))
    return _el.multiply(x, inverse_norm)
