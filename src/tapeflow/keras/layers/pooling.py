"""Pooling layers: max and average over windows, and global pooling.

>>> import tapeflow as tf
>>> tf.keras.layers.MaxPooling2D()(tf.ones((1, 4, 4, 3))).shape
TensorShape([1, 2, 2, 3])
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from .._utils import TensorLike, standardize_tuple
from .base import Layer
from .conv import _data_format, _padding


class _Pooling(Layer):
    rank = 2
    kind = "MAX"

    def __init__(
        self,
        pool_size: Any = 2,
        strides: Any = None,
        padding: str = "valid",
        data_format: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.pool_size = standardize_tuple(pool_size, self.rank, "pool_size")
        self.strides = standardize_tuple(
            strides if strides is not None else pool_size, self.rank, "strides"
        )
        self.padding = _padding(padding, ("valid", "same"))
        self.data_format = _data_format(data_format)

    def call(self, inputs: TensorLike) -> Any:
        """The maximum (or mean) of each ``pool_size`` window, ``strides`` apart.

        >>> tf.keras.layers.MaxPooling1D(2).call(tf.constant([[[1.0], [3.0], [2.0], [0.0]]])).numpy().tolist()
        [[[3.0], [2.0]]]
        """
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
    """Maximum over windows of ``pool_size`` steps.

    >>> tf.keras.layers.MaxPooling1D(pool_size=2)(tf.constant([[[1.0], [3.0], [2.0], [0.0]]]))
    <tf.Tensor: shape=(1, 2, 1), dtype=float32, numpy=
    array([[[3.],
            [2.]]], dtype=float32)>
    """

    rank = 1


class MaxPooling2D(_Pooling):
    """Maximum over ``pool_size`` windows (default 2x2, stride = pool size).

    >>> x = tf.reshape(tf.range(16.0), (1, 4, 4, 1))
    >>> tf.keras.layers.MaxPooling2D()(x)[0, :, :, 0]
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[ 5.,  7.],
           [13., 15.]], dtype=float32)>
    """


class AveragePooling1D(_Pooling):
    """Mean over windows of ``pool_size`` steps.

    >>> tf.keras.layers.AveragePooling1D(pool_size=2)(tf.constant([[[1.0], [3.0], [2.0], [0.0]]]))
    <tf.Tensor: shape=(1, 2, 1), dtype=float32, numpy=
    array([[[2.],
            [1.]]], dtype=float32)>
    """

    rank = 1
    kind = "AVG"


class AveragePooling2D(_Pooling):
    """Mean over ``pool_size`` windows.

    >>> x = tf.reshape(tf.range(16.0), (1, 4, 4, 1))
    >>> tf.keras.layers.AveragePooling2D()(x)[0, :, :, 0]
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[ 2.5,  4.5],
           [10.5, 12.5]], dtype=float32)>
    """

    kind = "AVG"


class _GlobalPooling(Layer):
    rank = 2
    reduce = staticmethod(tf.reduce_mean)

    def __init__(
        self, data_format: str | None = None, keepdims: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.data_format = _data_format(data_format)
        self.keepdims = keepdims

    def call(self, inputs: TensorLike) -> Any:
        """The maximum (or mean) over the spatial axes, per example and channel.

        >>> images = tf.reshape(tf.range(8.0), (1, 2, 2, 2))
        >>> tf.keras.layers.GlobalMaxPooling2D().call(images)
        <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[6., 7.]], dtype=float32)>
        """
        if self.data_format == "channels_last":
            axes = list(range(1, self.rank + 1))
        else:
            axes = list(range(2, self.rank + 2))
        return self.reduce(inputs, axis=axes, keepdims=self.keepdims)


class GlobalAveragePooling1D(_GlobalPooling):
    """Mean over the steps axis.

    >>> tf.keras.layers.GlobalAveragePooling1D()(tf.constant([[[1.0, 2.0], [3.0, 6.0]]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[2., 4.]], dtype=float32)>
    """

    supports_masking = True

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """None: the steps are averaged away.

        >>> tf.keras.layers.GlobalAveragePooling1D().compute_mask(None, tf.constant([[True]])) is None
        True
        """
        return None

    rank = 1

    def call(self, inputs: TensorLike, mask: TensorLike | None = None) -> Any:
        """The mean over the steps (masked steps left out).

        >>> layer = tf.keras.layers.GlobalAveragePooling1D()
        >>> layer.call(tf.constant([[[1.0], [3.0], [8.0]]]), mask=tf.constant([[True, True, False]]))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[2.]], dtype=float32)>
        """
        if mask is None:
            return super().call(inputs)
        axis = 1 if self.data_format == "channels_last" else 2
        keep = tf.expand_dims(tf.cast(mask, "bool"), 2 if axis == 1 else 1)
        total = tf.reduce_sum(tf.where(keep, inputs, tf.zeros_like(inputs)), axis, self.keepdims)
        count = tf.reduce_sum(tf.cast(keep, inputs.dtype), axis, self.keepdims)
        return total / count


class GlobalAveragePooling2D(_GlobalPooling):
    """Mean over height and width.

    >>> tf.keras.layers.GlobalAveragePooling2D()(tf.ones((2, 3, 3, 4))).shape
    TensorShape([2, 4])
    """


class GlobalMaxPooling1D(_GlobalPooling):
    """Maximum over the steps axis.

    >>> tf.keras.layers.GlobalMaxPooling1D()(tf.constant([[[1.0, 2.0], [3.0, -6.0]]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[3., 2.]], dtype=float32)>
    """

    rank = 1
    reduce = staticmethod(tf.reduce_max)


class GlobalMaxPooling2D(_GlobalPooling):
    """Maximum over height and width.

    >>> tf.keras.layers.GlobalMaxPooling2D(keepdims=True)(tf.ones((2, 3, 3, 4))).shape
    TensorShape([2, 1, 1, 4])
    """

    reduce = staticmethod(tf.reduce_max)
