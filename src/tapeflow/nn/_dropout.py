"""Dropout and embedding lookup."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .. import arrays as _arrays
from .._dispatch import stateful
from .._tensor import Tensor, TensorShape, as_tensor, wrap
from .._types import ShapeLike, TensorLike
from ..errors import InvalidArgumentError, _shape_text
from ..math._clip import clip_by_norm as _clip_by_norm
from ..math._elementwise import cast as _cast
from ..ops import elementwise as _el
from ..random import _next_seed_generator  # global seed + op seed, as TF
from ._common import _op_error, _shape_of


def _noise_shape(x: Tensor, noise_shape) -> tuple:
    shape = _shape_of(x)
    if noise_shape is None:
        return shape
    if isinstance(noise_shape, Tensor):
        noise_shape = noise_shape._value.tolist()
    if isinstance(noise_shape, TensorShape):
        noise_shape = noise_shape.as_list()
    given = list(noise_shape)
    if len(given) == len(shape):
        given = [s if d is None else int(d) for d, s in zip(given, shape)]
    dims = tuple(int(d) for d in given)
    try:
        np.broadcast_shapes(dims, shape)
    except ValueError:
        raise _op_error(InvalidArgumentError, f"condition {_shape_text(dims)}, then "
                        f"{_shape_text(shape)}, and else [] must be broadcastable",
                        "SelectV2") from None  # fmt: skip
    return dims


def dropout(
    x: TensorLike,
    rate: TensorLike,
    noise_shape: ShapeLike = None,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
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
        rate = _cast(as_tensor(rate), x.dtype)
        if rate.ndim:
            raise ValueError(f"Shapes must be equal rank, but are {rate.ndim} and 0")
        kept = x / (1 - rate)
        threshold = float(rate._value)
    keep = _keep_mask(_noise_shape(x, noise_shape), x._value.dtype, threshold, seed)
    return _el.where(keep, kept, wrap(x._value.dtype.type(0)))


@stateful
def _keep_mask(dims: tuple, dtype, threshold: float, seed) -> Tensor:
    """Which elements dropout keeps: a fresh draw on every call, also in a tf.function."""
    uniform = _next_seed_generator(seed).random(dims).astype(dtype)
    return wrap(uniform >= dtype.type(threshold))


def embedding_lookup(
    params: TensorLike, ids: TensorLike, max_norm: float | None = None, name: str | None = None
) -> Tensor:
    """Rows of ``params`` (a tensor, or a list of row partitions) at ``ids``.

    The gradient with respect to a single table is an ``IndexedSlices`` (the
    looked-up rows' cotangents), as in TensorFlow. A list of several partitions
    is concatenated first, so its gradients are dense (TensorFlow's are slices).

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
        table = parts[0] if len(parts) == 1 else _arrays.concat(parts, 0)
    else:
        table = params
    result = _arrays.gather(table, ids)
    if max_norm is not None:
        raw_ids: Any = getattr(ids, "_value", ids)
        ids_rank = np.ndim(raw_ids)
        axes = list(range(ids_rank, result.ndim))
        result = _clip_by_norm(result, max_norm, axes=axes)
    return result
