"""Pooling layers: max and average over windows, and global pooling.

>>> import tapeflow as tf
>>> tf.keras.layers.MaxPooling2D()(tf.ones((1, 4, 4, 3))).shape
TensorShape([1, 2, 2, 3])
"""

from __future__ import annotations

import tapeflow as tf

from .._utils import standardize_tuple
from .base import Layer
from .conv import _data_format, _padding


class _Pooling(Layer):
    rank = 2
    kind = "MAX"

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.pool_size = standardize_tuple(pool_size, self.rank, "pool_size")
        self.strides = standardize_tuple(
            strides if strides is not None else pool_size, self.rank, "strides"
        )
        self.padding = _padding(padding, ("valid", "same"))
        self.data_format = _data_format(data_format)

    def call(self, inputs):
        spatial = "W" if self.rank == 1 else "HW"
        fmt = f"N{spatial}C" if self.data_format == "channels_last" else f"NC{spatial}"
        return tf.nn.pool(
            inputs,
            self.pool_size,
            self.kind,
            strides=self.strides,
            padding=self.padding.upper(),
            data_format=fmt,
        )


class MaxPooling1D(_Pooling):
    """Maximum over windows of ``pool_size`` steps."""

    rank = 1


class MaxPooling2D(_Pooling):
    """Maximum over ``pool_size`` windows (default 2x2, stride = pool size)."""


class AveragePooling1D(_Pooling):
    """Mean over windows of ``pool_size`` steps."""

    rank = 1
    kind = "AVG"


class AveragePooling2D(_Pooling):
    """Mean over ``pool_size`` windows."""

    kind = "AVG"


class _GlobalPooling(Layer):
    rank = 2
    reduce = staticmethod(tf.reduce_mean)

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = _data_format(data_format)
        self.keepdims = keepdims

    def call(self, inputs):
        if self.data_format == "channels_last":
            axes = list(range(1, self.rank + 1))
        else:
            axes = list(range(2, self.rank + 2))
        return self.reduce(inputs, axis=axes, keepdims=self.keepdims)


class GlobalAveragePooling1D(_GlobalPooling):
    """Mean over the steps axis."""

    rank = 1

    def call(self, inputs, mask=None):
        return super().call(inputs)


class GlobalAveragePooling2D(_GlobalPooling):
    """Mean over height and width."""


class GlobalMaxPooling1D(_GlobalPooling):
    """Maximum over the steps axis."""

    rank = 1
    reduce = staticmethod(tf.reduce_max)


class GlobalMaxPooling2D(_GlobalPooling):
    """Maximum over height and width."""

    reduce = staticmethod(tf.reduce_max)
