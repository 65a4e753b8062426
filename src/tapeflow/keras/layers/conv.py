"""Convolution layers: Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D.

Kernels are laid out as Keras 3 lays them out (spatial sizes, input
channels, output channels), so weights load unchanged from real Keras.

>>> import tapeflow as tf
>>> tf.keras.layers.Conv2D(4, 3, padding="same")(tf.ones((1, 5, 5, 2))).shape
TensorShape([1, 5, 5, 4])
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from .. import _resolve
from .._utils import TensorLike, standardize_tuple
from .base import Layer


def _padding(value: str, allowed: tuple) -> str:
    padding = str(value).lower()
    if padding not in allowed:
        raise ValueError(
            f"The `padding` argument must be a list/tuple or one of {list(allowed)}. "
            f"Received: {value}"
        )
    return padding


def _data_format(value: Any) -> str:
    data_format = value or "channels_last"
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(
            "The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
            f"Received: data_format={value}"
        )
    return data_format


class _Conv(Layer):
    rank = 2

    def __init__(
        self,
        filters: int | None,
        kernel_size: int | tuple[int, ...],
        strides: Any = 1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate: Any = 1,
        groups: int = 1,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if filters is not None and (not isinstance(filters, int) or filters <= 0):
            raise ValueError(
                "Invalid value for argument `filters`. Expected a strictly positive value. "
                f"Received filters={filters}."
            )
        self.filters = filters
        self.kernel_size = standardize_tuple(kernel_size, self.rank, "kernel_size")
        self.strides = standardize_tuple(strides, self.rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, self.rank, "dilation_rate")
        allowed = ("valid", "same", "causal") if self.rank == 1 else ("valid", "same")
        self.padding = _padding(padding, allowed)
        self.data_format = _data_format(data_format)
        self.groups = groups
        self.activation = _resolve.activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

    @property
    def _channel_axis(self) -> int:
        return -1 if self.data_format == "channels_last" else 1

    def _kernel_shape(self, channels: int) -> tuple:
        return (*self.kernel_size, channels // self.groups, self.filters)

    def _bias_size(self, channels: int) -> int | None:
        return self.filters

    def build(self, input_shape: Any) -> None:
        """Create ``kernel`` (and ``bias``) for inputs of ``input_shape``'s channel count.

        >>> layer = tf.keras.layers.Conv2D(4, 3)
        >>> layer.build((None, 8, 8, 2))
        >>> layer.kernel.shape, layer.bias.shape
        (TensorShape([3, 3, 2, 4]), TensorShape([4]))
        """
        channels = input_shape[self._channel_axis]
        if channels is None:
            raise ValueError(
                f"The channel dimension of the inputs should be defined. Received: "
                f"input_shape={input_shape}"
            )
        self.kernel = self.add_weight(
            shape=self._kernel_shape(channels),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            name="kernel",
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self._bias_size(channels),),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                name="bias",
            )
        self.built = True

    def _tf_format(self) -> str:
        spatial = {1: "W", 2: "HW", 3: "DHW"}[self.rank]
        return f"N{spatial}C" if self.data_format == "channels_last" else f"NC{spatial}"

    def _convolve(self, x: TensorLike) -> tf.Tensor:
        padding = self.padding
        if padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            x = tf.pad(x, [[0, 0], [left, 0], [0, 0]])
            padding = "valid"
        return tf.nn.convolution(
            x,
            self.kernel,
            strides=self.strides,
            padding=padding.upper(),
            dilations=self.dilation_rate,
            data_format=self._tf_format(),
        )

    def call(self, inputs: TensorLike) -> Any:
        """``activation(convolution(inputs, kernel) + bias)``.

        >>> layer = tf.keras.layers.Conv1D(1, 2, kernel_initializer="ones", bias_initializer="ones")
        >>> layer.build((None, 3, 1))
        >>> layer.call(tf.constant([[[1.0], [2.0], [3.0]]])).numpy().tolist()
        [[[4.0], [6.0]]]
        """
        x = self._convolve(inputs)
        if self.bias is not None:
            if self.data_format == "channels_last":
                x = x + self.bias
            else:
                x = x + tf.reshape(self.bias, (1, -1) + (1,) * self.rank)
        return self.activation(x)


class Conv1D(_Conv):
    """1-D convolution over (batch, steps, channels); padding may be "causal".

    >>> layer = tf.keras.layers.Conv1D(1, 2, kernel_initializer="ones", use_bias=False)
    >>> layer(tf.constant([[[1.0], [2.0], [3.0]]]))
    <tf.Tensor: shape=(1, 2, 1), dtype=float32, numpy=
    array([[[3.],
            [5.]]], dtype=float32)>
    """

    rank = 1


class Conv2D(_Conv):
    """2-D convolution over (batch, height, width, channels).

    >>> tf.keras.layers.Conv2D(8, 3, padding="same")(tf.ones((2, 5, 5, 3))).shape
    TensorShape([2, 5, 5, 8])
    >>> tf.keras.layers.Conv2D(8, 3, strides=2)(tf.ones((2, 5, 5, 3))).shape
    TensorShape([2, 2, 2, 8])
    """

    rank = 2


class DepthwiseConv2D(_Conv):
    """One filter (or ``depth_multiplier`` filters) per input channel.

    >>> layer = tf.keras.layers.DepthwiseConv2D(2, depth_multiplier=2)
    >>> layer(tf.ones((1, 4, 4, 3))).shape, layer.kernel.shape
    (TensorShape([1, 3, 3, 6]), TensorShape([2, 2, 3, 2]))
    """

    def __init__(
        self,
        kernel_size: int | tuple[int, ...],
        strides: Any = (1, 1),
        padding: str = "valid",
        depth_multiplier: int = 1,
        data_format: str | None = None,
        dilation_rate: Any = (1, 1),
        activation: Any = None,
        use_bias: bool = True,
        depthwise_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        depthwise_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        depthwise_constraint: Any = None,
        bias_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            None,
            kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=depthwise_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=depthwise_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=depthwise_constraint,
            bias_constraint=bias_constraint,
            **kwargs,
        )
        self.depth_multiplier = depth_multiplier

    def _kernel_shape(self, channels: int) -> tuple:
        return (*self.kernel_size, channels, self.depth_multiplier)

    def _bias_size(self, channels: int) -> int:
        return channels * self.depth_multiplier

    def _convolve(self, x: TensorLike) -> tf.Tensor:
        return tf.nn.depthwise_conv2d(
            x,
            self.kernel,
            strides=(1, *self.strides, 1),
            padding=self.padding.upper(),
            dilations=self.dilation_rate,
            data_format=self._tf_format(),
        )


def _deconv_length(size, stride, kernel, padding: str, dilation) -> int:
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if padding == "valid":
        return size * stride + max(kernel - stride, 0)
    return size * stride


class Conv2DTranspose(_Conv):
    """The gradient of a 2-D convolution, as a layer (upsamples by ``strides``).

    >>> tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same")(tf.ones((1, 5, 5, 2))).shape
    TensorShape([1, 10, 10, 4])
    """

    def _kernel_shape(self, channels: int) -> tuple:
        return (*self.kernel_size, self.filters, channels)

    def _convolve(self, x: TensorLike) -> tf.Tensor:
        shape = list(x.shape)
        spatial = (1, 2) if self.data_format == "channels_last" else (2, 3)
        sizes = [
            _deconv_length(shape[axis], s, k, self.padding, d)
            for axis, s, k, d in zip(spatial, self.strides, self.kernel_size, self.dilation_rate)
        ]
        if self.data_format == "channels_last":
            out_shape = (shape[0], *sizes, self.filters)
        else:
            out_shape = (shape[0], self.filters, *sizes)
        return tf.nn.conv2d_transpose(
            x,
            self.kernel,
            out_shape,
            strides=self.strides,
            padding=self.padding.upper(),
            data_format=self._tf_format(),
            dilations=self.dilation_rate,
        )
