"""BatchNormalization and LayerNormalization.

BatchNormalization normalizes with the batch's statistics when training and
updates its moving averages; otherwise it uses the moving averages.

>>> import tapeflow as tf
>>> bn = tf.keras.layers.BatchNormalization()
>>> y = bn(tf.constant([[0.0], [2.0]]), training=True)
>>> round(float(bn.moving_mean.numpy()[0]), 4)
0.01
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from .._utils import TensorLike
from .base import Layer


def _axes(axis: Any, rank: int) -> list:
    axes = [axis] if isinstance(axis, int) else list(axis)
    return sorted(a % rank for a in axes)


class BatchNormalization(Layer):
    """Normalize per feature (``axis``) over the batch; learn gamma and beta.

    >>> layer = tf.keras.layers.BatchNormalization(momentum=0.5)
    >>> x = tf.constant([[1.0], [3.0]])
    >>> layer(x, training=True)  # normalized by the batch's statistics
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[-0.9995004],
           [ 0.9995005]], dtype=float32)>
    >>> layer.moving_mean.numpy()  # moved halfway towards the batch mean
    array([1.], dtype=float32)
    """

    supports_masking = True

    # Created by build (their operators are bound to tf.Variable at import).
    moving_mean: Any
    moving_variance: Any

    def __init__(
        self,
        axis: Any = -1,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        moving_mean_initializer: Any = "zeros",
        moving_variance_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        synchronized: bool = False,
        renorm: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.moving_mean_initializer = moving_mean_initializer
        self.moving_variance_initializer = moving_variance_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer

    def build(self, input_shape: Any) -> None:
        """Creates gamma, beta and the moving statistics for the feature axis.

        >>> layer = tf.keras.layers.BatchNormalization()
        >>> layer.build((None, 3))
        >>> [w.name for w in layer.weights]
        ['gamma', 'beta', 'moving_mean', 'moving_variance']
        """
        rank = len(input_shape)
        self._feature_axes = _axes(self.axis, rank)
        shape = tuple(input_shape[a] for a in self._feature_axes)
        self.gamma, self.beta = _gamma_beta(self, shape)
        self.moving_mean = self.add_weight(
            shape=shape,
            initializer=self.moving_mean_initializer,
            trainable=False,
            name="moving_mean",
        )
        self.moving_variance = self.add_weight(
            shape=shape,
            initializer=self.moving_variance_initializer,
            trainable=False,
            name="moving_variance",
        )
        self._reduce_axes = [a for a in range(rank) if a not in self._feature_axes]
        self._broadcast = [
            1 if a not in self._feature_axes else input_shape[a] for a in range(rank)
        ]
        self._broadcast[0] = 1
        self.built = True

    def _shaped(self, value: Any):
        if value is None:
            return None
        if self._feature_axes == [len(self._broadcast) - 1]:
            return value
        return tf.reshape(value, self._broadcast)

    def call(
        self, inputs: TensorLike, training: bool | None = None, mask: TensorLike | None = None
    ) -> Any:
        """The batch normalized by its statistics (training) or by the moving ones (inference).

        >>> layer = tf.keras.layers.BatchNormalization(epsilon=0.0)
        >>> layer.build((None, 1))
        >>> layer.call(tf.constant([[2.0]]))  # inference: mean 0, variance 1
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[2.]], dtype=float32)>
        """
        if training and self.trainable:
            mean, variance = tf.nn.moments(inputs, axes=self._reduce_axes)
            m = self.momentum
            self.moving_mean.assign(self.moving_mean * m + mean * (1.0 - m))
            self.moving_variance.assign(self.moving_variance * m + variance * (1.0 - m))
        else:
            mean, variance = self.moving_mean, self.moving_variance
        return tf.nn.batch_normalization(
            inputs,
            self._shaped(mean),
            self._shaped(variance),
            self._shaped(self.beta),
            self._shaped(self.gamma),
            self.epsilon,
        )


class LayerNormalization(Layer):
    """Normalize each sample over ``axis`` (default the last); learn gamma and beta.

    >>> tf.keras.layers.LayerNormalization()(tf.constant([[1.0, 3.0], [2.0, 2.0]]))
    <tf.Tensor: shape=(2, 2), dtype=float32, numpy=
    array([[-0.9995004,  0.9995005],
           [ 0.       ,  0.       ]], dtype=float32)>
    """

    supports_masking = True

    def __init__(
        self,
        axis: Any = -1,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        rms_scaling: bool = False,
        beta_initializer: Any = "zeros",
        gamma_initializer: Any = "ones",
        beta_regularizer: Any = None,
        gamma_regularizer: Any = None,
        beta_constraint: Any = None,
        gamma_constraint: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.axis = axis
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer

    def build(self, input_shape: Any) -> None:
        """Creates gamma and beta over the normalized axes.

        >>> layer = tf.keras.layers.LayerNormalization(center=False)
        >>> layer.build((None, 4))
        >>> [w.name for w in layer.weights]
        ['gamma']
        """
        rank = len(input_shape)
        self._norm_axes = _axes(self.axis, rank)
        shape = tuple(input_shape[a] for a in self._norm_axes)
        self.gamma, self.beta = _gamma_beta(self, shape)
        self._broadcast = [input_shape[a] if a in self._norm_axes else 1 for a in range(rank)]
        self.built = True

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` normalized per sample over ``axis``, then scaled and shifted.

        >>> layer = tf.keras.layers.LayerNormalization(rms_scaling=True)
        >>> layer.build((None, 2))
        >>> layer.call(tf.constant([[3.0, 4.0]]))
        <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0.8484942, 1.1313256]], dtype=float32)>
        """

        def shaped(value: Any):
            return None if value is None else tf.reshape(value, self._broadcast)

        if self.rms_scaling:
            variance = tf.reduce_mean(tf.square(inputs), axis=self._norm_axes, keepdims=True)
            out = inputs * tf.math.rsqrt(variance + self.epsilon)
            return out * shaped(self.gamma) if self.gamma is not None else out
        mean, variance = tf.nn.moments(inputs, axes=self._norm_axes, keepdims=True)
        return tf.nn.batch_normalization(
            inputs, mean, variance, shaped(self.beta), shaped(self.gamma), self.epsilon
        )


def _gamma_beta(layer: Any, shape: tuple) -> tuple[Any, Any]:
    """The scale (if ``layer.scale``) and offset (if ``layer.center``) weights, gamma first."""
    gamma = beta = None
    if layer.scale:
        gamma = layer.add_weight(
            shape=shape,
            initializer=layer.gamma_initializer,
            regularizer=layer.gamma_regularizer,
            name="gamma",
        )
    if layer.center:
        beta = layer.add_weight(
            shape=shape,
            initializer=layer.beta_initializer,
            regularizer=layer.beta_regularizer,
            name="beta",
        )
    return gamma, beta
