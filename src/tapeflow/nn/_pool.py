"""Pooling: max and average pooling in 1, 2 and 3 dimensions, and ``pool``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._tensor import Tensor, TensorShape, as_tensor
from .._types import ShapeLike, TensorLike
from ..errors import InvalidArgumentError, UnimplementedError
from ..ops import conv as _conv
from ._common import _attr_error, _move_channels, _op_error, _require_float, _shape_of
from ._conv_args import _PADDINGS, _channels_first, _padding, _resolve_padding, _sequence, _spatial

_MAX_POOL_TYPES = ("half, bfloat16, float, double, int32, int64, uint8, int16, int8, uint16, "
                   "qint8")  # fmt: skip


def _pool(
    kind,
    input,
    ksize,
    strides,
    padding,
    data_format,
    nd,
    op,
    *,  # noqa: A002
    explicit=False,
    dilations=None,
    layout_first=None,
):
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


def max_pool2d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NHWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Maximum over each ksize window; the gradient goes to the first maximum (row-major).

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> print(tf.nn.max_pool2d(x, 2, 2, "VALID")[0, :, :, 0])
    tf.Tensor(
    [[ 5.  7.]
     [13. 15.]], shape=(2, 2), dtype=float32)
    """
    return _pool("max", input, ksize, strides, padding, data_format, 2, "MaxPool", explicit=True)


def max_pool1d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Maximum over windows of an NWC tensor.

    >>> x = tf.reshape(tf.constant([1.0, 3.0, 2.0, 5.0]), [1, 4, 1])
    >>> tf.reshape(tf.nn.max_pool1d(x, ksize=2, strides=2, padding="VALID"), [-1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 5.], dtype=float32)>
    """
    return _pool("max", input, ksize, strides, padding, data_format, 1, "MaxPool", explicit=True)


def max_pool3d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NDHWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Maximum over windows of an NDHWC tensor.

    >>> tf.nn.max_pool3d(tf.ones([1, 4, 4, 4, 2]), ksize=2, strides=2, padding="VALID").shape
    TensorShape([1, 2, 2, 2, 2])
    """
    return _pool("max", input, ksize, strides, padding, data_format, 3, "MaxPool3D")


def avg_pool2d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NHWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Mean over each window; with SAME padding only the real pixels count.

    >>> x = tf.reshape(tf.constant([1.0, 2.0, 3.0, 6.0]), [1, 2, 2, 1])
    >>> tf.nn.avg_pool2d(x, ksize=2, strides=2, padding="VALID")[0, :, :, 0]
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[3.]], dtype=float32)>
    """
    return _pool("avg", input, ksize, strides, padding, data_format, 2, "AvgPool")


def avg_pool1d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Mean over windows of an NWC tensor.

    >>> x = tf.reshape(tf.constant([1.0, 3.0, 2.0, 6.0]), [1, 4, 1])
    >>> tf.reshape(tf.nn.avg_pool1d(x, ksize=2, strides=2, padding="VALID"), [-1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    """
    return _pool("avg", input, ksize, strides, padding, data_format, 1, "AvgPool")


def avg_pool3d(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str = "NDHWC",
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Mean over windows of an NDHWC tensor.

    >>> tf.nn.avg_pool3d(tf.ones([1, 4, 4, 4, 2]), ksize=2, strides=2, padding="SAME").shape
    TensorShape([1, 2, 2, 2, 2])
    """
    return _pool("avg", input, ksize, strides, padding, data_format, 3, "AvgPool3D")


def _rank_nd(x: Tensor) -> int:
    rank = x.ndim
    if rank not in (3, 4, 5):
        raise ValueError(
            "`input.shape.rank` must be 3, 4 or 5. Received: "
            f"input.shape={TensorShape(_shape_of(x))} of rank {rank}"
        )
    return rank - 2


def max_pool(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """max_pool1d/2d/3d chosen by the rank of ``input``.

    >>> x = tf.reshape(tf.constant([1.0, 3.0, 2.0, 5.0]), [1, 2, 2, 1])
    >>> tf.nn.max_pool(x, ksize=2, strides=2, padding="VALID")[0, :, :, 0]
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[5.]], dtype=float32)>
    """
    x = as_tensor(input)
    nd = _rank_nd(x)
    op = {1: "MaxPool", 2: "MaxPool", 3: "MaxPool3D"}[nd]
    return _pool("max", x, ksize, strides, padding, data_format, nd, op, explicit=nd < 3)


def avg_pool(
    input: TensorLike,
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """avg_pool1d/2d/3d chosen by the rank of ``input``.

    >>> x = tf.reshape(tf.constant([1.0, 3.0, 2.0, 5.0]), [1, 4, 1])
    >>> tf.reshape(tf.nn.avg_pool(x, ksize=2, strides=2, padding="VALID"), [-1])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2. , 3.5], dtype=float32)>
    """
    x = as_tensor(input)
    nd = _rank_nd(x)
    op = {1: "AvgPool", 2: "AvgPool", 3: "AvgPool3D"}[nd]
    return _pool("avg", x, ksize, strides, padding, data_format, nd, op)


def pool(
    input: TensorLike,
    window_shape: ShapeLike,
    pooling_type: str,
    strides: int | Sequence[int] | None = None,
    padding: str | Sequence[Any] = "VALID",  # noqa: A002
    data_format: str | None = None,
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """N-d max or average pooling, with optional dilation (then strides must be 1).

    >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> y = tf.nn.pool(x, window_shape=[2, 2], pooling_type="MAX", strides=[2, 2], padding="VALID")
    >>> print(y[0, :, :, 0])
    tf.Tensor(
    [[ 5.  7.]
     [13. 15.]], shape=(2, 2), dtype=float32)
    """
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
