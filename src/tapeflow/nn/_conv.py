"""Convolutions: conv1d/2d/3d, depthwise and separable, atrous, and the transposes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._tensor import Tensor, TensorShape, as_tensor, read_static
from .._types import ShapeLike, TensorLike
from ..errors import InvalidArgumentError, _shape_text
from ..ops import conv as _conv
from ..ops import shape as _shape
from ._common import _attr_error, _move_channels, _op_error, _same_dtype, _shape_of
from ._conv_args import (
    _LAYOUTS,
    _PADDINGS,
    _channels_first,
    _check_window,
    _fold_batch,
    _padding,
    _resolve_padding,
    _sequence,
    _spatial,
    _unfold_batch,
)

_CONV_DTYPES = {
    "Conv2D": "half, bfloat16, float, double, int32",
    "Conv3D": "half, bfloat16, float, double",
}


def _convolve(
    input,
    filters,
    strides,
    padding,
    data_format,
    dilations,
    nd,
    op,
    *,  # noqa: A002
    stride_name="strides",
    grouped=True,
    explicit=True,
    layout_first=None,
):
    x = as_tensor(input)
    w = as_tensor(filters)
    _same_dtype(x, w, op)
    # TF refuses the dtype when it builds the op, before any shape arithmetic.
    allowed = _CONV_DTYPES.get(op)
    if allowed is not None and x.dtype.c_name not in allowed.split(", "):
        raise _attr_error(op, "T", x.dtype.c_name, allowed)
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
    if w._value.size == 0:  # TF's kernels check this before the depths
        raise _op_error(InvalidArgumentError, "filter must not have zero elements (i.e. all "
                        "dimensions must be non-zero)", op)  # fmt: skip
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


def conv2d(
    input: TensorLike,
    filters: TensorLike,
    strides: int | Sequence[int] | None,
    padding: str | Sequence[Any],
    data_format: str = "NHWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
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


def conv1d(
    input: TensorLike,
    filters: TensorLike,
    stride: int | Sequence[int] | None,
    padding: str | Sequence[Any],
    data_format: str = "NWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """1-D convolution of NWC ``input`` with WIO ``filters``.

    >>> x = tf.constant([[[1.0], [2.0], [3.0], [4.0]]])  # [batch, width, channels]
    >>> w = tf.constant([[[1.0]], [[-1.0]]])  # [width, in, out]: a difference filter
    >>> tf.reshape(tf.nn.conv1d(x, w, stride=1, padding="VALID"), [-1])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([-1., -1., -1.], dtype=float32)>
    """
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


def conv3d(
    input: TensorLike,
    filters: TensorLike,
    strides: int | Sequence[int] | None,
    padding: str | Sequence[Any],
    data_format: str = "NDHWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """3-D convolution of NDHWC ``input`` with DHWIO ``filters`` (no groups, as TF).

    >>> x, filters = tf.ones([1, 4, 4, 4, 1]), tf.ones([2, 2, 2, 1, 3])
    >>> tf.nn.conv3d(x, filters, strides=[1, 2, 2, 2, 1], padding="VALID").shape
    TensorShape([1, 2, 2, 2, 3])
    """
    return _convolve(input, filters, strides, padding, data_format, dilations, 3, "Conv3D",
                     grouped=False, explicit=False)  # fmt: skip


def convolution(
    input: TensorLike,
    filters: TensorLike,
    strides: int | Sequence[int] | None = None,
    padding: str | Sequence[Any] = "VALID",
    data_format: str | None = None,  # noqa: A002
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """N-d convolution; the rank of ``filters`` picks conv1d, conv2d or conv3d.

    >>> tf.nn.convolution(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 4]), padding="SAME").shape
    TensorShape([1, 5, 5, 4])
    """
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


def atrous_conv2d(
    value: TensorLike,
    filters: TensorLike,
    rate: int,
    padding: str | Sequence[Any],
    name: str | None = None,
) -> Tensor:
    """conv2d with dilation ``rate`` in both spatial dims.

    >>> x, filters = tf.ones([1, 7, 7, 1]), tf.ones([3, 3, 1, 1])
    >>> tf.nn.atrous_conv2d(x, filters, rate=2, padding="VALID").shape  # a 5x5 receptive field
    TensorShape([1, 3, 3, 1])
    """
    if rate < 1:
        raise ValueError(f"rate {rate} cannot be less than one")
    return conv2d(value, filters, 1, padding, dilations=rate)


def depthwise_conv2d(
    input: TensorLike,
    filter: TensorLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any],
    data_format: str | None = None,
    dilations: int | Sequence[int] | None = None,  # noqa: A002
    name: str | None = None,
) -> Tensor:
    """Each input channel convolved with its own ``channel_multiplier`` filters.

    ``filter`` is [kh, kw, in_channels, multiplier]; output channel c * M + m.

    >>> x, filters = tf.ones([1, 3, 3, 2]), tf.ones([3, 3, 2, 2])  # channel_multiplier 2
    >>> y = tf.nn.depthwise_conv2d(x, filters, strides=[1, 1, 1, 1], padding="VALID")
    >>> y.shape
    TensorShape([1, 1, 1, 4])
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
    if w._value.size == 0:  # TF's kernel checks this before the depths
        raise _op_error(InvalidArgumentError, "filter must not have zero elements (i.e. all "
                        "dimensions must be non-zero)", op)  # fmt: skip
    if depth != channels:
        raise _op_error(InvalidArgumentError, "input and filter must have the same depth: "
                        f"{channels} vs {depth}", op)  # fmt: skip
    grouped = _shape.reshape(w, shape=(kh, kw, 1, depth * multiplier))
    y = _conv_channels_last(x, grouped, _spatial(strides, first), padding,
                            _spatial(rate, first), op, groups=channels)  # fmt: skip
    return _move_channels(y, to_last=False) if first else y


def separable_conv2d(
    input: TensorLike,
    depthwise_filter: TensorLike,
    pointwise_filter: TensorLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any],  # noqa: A002
    data_format: str | None = None,
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """depthwise_conv2d followed by a 1x1 conv2d with ``pointwise_filter``.

    >>> depthwise, pointwise = tf.ones([3, 3, 2, 1]), tf.ones([1, 1, 2, 5])
    >>> x = tf.ones([1, 4, 4, 2])
    >>> y = tf.nn.separable_conv2d(x, depthwise, pointwise, strides=[1, 1, 1, 1], padding="SAME")
    >>> y.shape
    TensorShape([1, 4, 4, 5])
    """
    depthwise = depthwise_conv2d(input, depthwise_filter, strides, padding,
                                 data_format=data_format, dilations=dilations)  # fmt: skip
    return conv2d(depthwise, pointwise_filter, 1, "VALID", data_format=data_format or "NHWC")


def _output_shape(output_shape) -> tuple:
    if isinstance(output_shape, Tensor):
        read_static(output_shape)  # a traced shape: each call's, not the first's
        return tuple(int(d) for d in np.ravel(output_shape._value))
    if isinstance(output_shape, TensorShape):
        return tuple(output_shape.as_list())
    return tuple(int(getattr(d, "_value", d)) for d in output_shape)


def _conv_transpose(
    input,
    filters,
    output_shape,
    strides,
    padding,
    data_format,  # noqa: A002
    dilations,
    nd,
    op,
    *,
    layout_first=None,
):
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


def conv2d_transpose(
    input: TensorLike,
    filters: TensorLike,
    output_shape: ShapeLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any] = "SAME",  # noqa: A002
    data_format: str = "NHWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """The transpose (gradient) of conv2d: ``filters`` is [kh, kw, out_channels, in_channels].

    >>> import tapeflow as tf
    >>> y = tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 1]), tf.ones([3, 3, 1, 1]), [1, 4, 4, 1], 2)
    >>> y.shape
    TensorShape([1, 4, 4, 1])
    """
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format,
                           dilations, 2, "Conv2DBackpropInput")  # fmt: skip


def conv1d_transpose(
    input: TensorLike,
    filters: TensorLike,
    output_shape: ShapeLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any] = "SAME",  # noqa: A002
    data_format: str = "NWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """The transpose of conv1d: ``filters`` is [kw, out_channels, in_channels].

    >>> x, filters = tf.ones([1, 3, 2]), tf.ones([2, 4, 2])
    >>> tf.nn.conv1d_transpose(x, filters, output_shape=[1, 6, 4], strides=2).shape
    TensorShape([1, 6, 4])
    """
    if data_format not in ("NWC", "NCW"):
        raise ValueError(
            f"`data_format` must be 'NWC' or 'NCW'. Received: data_format={data_format}"
        )
    return _conv_transpose(input, filters, output_shape, strides, padding, None, dilations, 1,
                           "Conv2DBackpropInput", layout_first=data_format == "NCW")  # fmt: skip


def conv3d_transpose(
    input: TensorLike,
    filters: TensorLike,
    output_shape: ShapeLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any] = "SAME",  # noqa: A002
    data_format: str = "NDHWC",
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """The transpose of conv3d: ``filters`` is [kd, kh, kw, out_channels, in_channels].

    >>> x, filters = tf.ones([1, 2, 2, 2, 3]), tf.ones([2, 2, 2, 1, 3])
    >>> tf.nn.conv3d_transpose(x, filters, output_shape=[1, 4, 4, 4, 1], strides=2).shape
    TensorShape([1, 4, 4, 4, 1])
    """
    return _conv_transpose(input, filters, output_shape, strides, padding, data_format,
                           dilations, 3, "Conv3DBackpropInputV2")  # fmt: skip


def conv_transpose(
    input: TensorLike,
    filters: TensorLike,
    output_shape: ShapeLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any] = "SAME",
    data_format: str | None = None,  # noqa: A002
    dilations: int | Sequence[int] | None = None,
    name: str | None = None,
) -> Tensor:
    """The transpose of convolution; the length of ``output_shape`` picks the rank.

    >>> x, filters = tf.ones([1, 2, 2, 3]), tf.ones([2, 2, 1, 3])
    >>> tf.nn.conv_transpose(x, filters, output_shape=[1, 4, 4, 1], strides=2).shape
    TensorShape([1, 4, 4, 1])
    """
    nd = len(_output_shape(output_shape)) - 2
    chooser = {1: conv1d_transpose, 2: conv2d_transpose, 3: conv3d_transpose}
    if nd not in chooser:
        raise ValueError(f"output_shape must be of length 3, 4 or 5 but was {nd + 2}.")
    layout = data_format or _LAYOUTS[nd][0]
    return chooser[nd](input, filters, output_shape, strides, padding, layout, dilations)
