"""Core Keras layers: Dense, activations, reshaping, Dropout, Lambda, Embedding.

>>> import tapeflow as tf
>>> layer = tf.keras.layers.Dense(2, kernel_initializer="ones", activation="relu")
>>> layer(tf.constant([[1.0, -3.0]])).numpy().tolist()
[[0.0, 0.0]]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import tapeflow as tf

from .. import _resolve
from .._masking import set_keras_mask
from .._utils import TensorLike
from .base import Layer


class Dense(Layer):
    """``activation(inputs @ kernel + bias)``; the kernel is (input features, units).

    >>> import tapeflow as tf
    >>> tf.keras.layers.Dense(4)(tf.ones((2, 3))).shape
    TensorShape([2, 4])
    """

    supports_masking = True

    def __init__(
        self,
        units: int,
        activation: Any = None,
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        bias_regularizer: Any = None,
        activity_regularizer: Any = None,
        kernel_constraint: Any = None,
        bias_constraint: Any = None,
        lora_rank: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if not isinstance(units, (int, np.integer)) or units <= 0:
            raise ValueError(
                "Received an invalid value for `units`, expected a positive integer. "
                f"Received: units={units}"
            )
        self.units = int(units)
        self.activation = _resolve.activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

    def build(self, input_shape: Any) -> None:
        """Creates the kernel (input features, units) and the bias.

        >>> layer = tf.keras.layers.Dense(3)
        >>> layer.build((None, 2))
        >>> [v.shape for v in layer.weights]
        [TensorShape([2, 3]), TensorShape([3])]
        """
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint,
            name="kernel",
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,),
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                name="bias",
            )
        self.built = True

    def call(self, inputs: TensorLike) -> Any:
        """``activation(inputs @ kernel + bias)``.

        >>> layer = tf.keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="ones")
        >>> layer(tf.constant([[1.0, 2.0]]))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[4.]], dtype=float32)>
        """
        x = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            x = x + self.bias
        return self.activation(x)

    def get_config(self) -> dict:
        """The constructor arguments Keras saves.

        >>> config = tf.keras.layers.Dense(3, activation="relu").get_config()
        >>> config["units"], config["activation"]
        (3, 'relu')
        """
        return {
            **super().get_config(),
            "units": self.units,
            "activation": _resolve.activation_name(self.activation),
            "use_bias": self.use_bias,
        }


class Activation(Layer):
    """Applies an activation function (a name or a callable).

    >>> tf.keras.layers.Activation("relu")(tf.constant([-1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
    """

    supports_masking = True

    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.activation = _resolve.activation(activation)

    def call(self, inputs: TensorLike) -> Any:
        """The activation applied to ``inputs``.

        >>> tf.keras.layers.Activation("sigmoid").call(tf.constant([0.0]))
        <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.5], dtype=float32)>
        """
        return self.activation(inputs)


class ReLU(Layer):
    """``max(x, 0)`` with Keras's optional cap, negative slope and threshold.

    >>> tf.keras.layers.ReLU(max_value=6.0)(tf.constant([-1.0, 3.0, 9.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 3., 6.], dtype=float32)>
    >>> tf.keras.layers.ReLU(negative_slope=0.1, threshold=1.0)(tf.constant([0.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.1,  2. ], dtype=float32)>
    """

    supports_masking = True

    def __init__(
        self,
        max_value: Any = None,
        negative_slope: float = 0.0,
        threshold: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0:
            raise ValueError(
                f"max_value of a ReLU layer cannot be a negative value. "
                f"Received: max_value={max_value}"
            )
        if negative_slope is None or negative_slope < 0:
            raise ValueError(
                f"negative_slope of a ReLU layer cannot be a negative value. "
                f"Received: negative_slope={negative_slope}"
            )
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold

    def call(self, inputs: TensorLike) -> Any:
        """The capped, leaky, thresholded ``max(x, 0)``.

        >>> tf.keras.layers.ReLU(threshold=1.0).call(tf.constant([0.5, 2.0]))
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 2.], dtype=float32)>
        """
        x = inputs
        if self.negative_slope == 0 and self.threshold == 0:
            out = tf.nn.relu(x)
        else:
            below = self.negative_slope * (x - self.threshold)
            out = tf.where(x >= self.threshold, x, below)
            if self.negative_slope == 0:
                out = tf.where(x > self.threshold, x, tf.zeros_like(x))
        if self.max_value is not None:
            out = tf.minimum(out, tf.cast(self.max_value, out.dtype))
        return out


class LeakyReLU(Layer):
    """``x`` for positive inputs, ``negative_slope * x`` otherwise (default 0.3).

    >>> tf.keras.layers.LeakyReLU(negative_slope=0.5)(tf.constant([-2.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-1.,  2.], dtype=float32)>
    """

    supports_masking = True

    def __init__(self, negative_slope: float = 0.3, **kwargs: Any) -> None:
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative "
                f"value. Expected a float. Received: negative_slope={negative_slope}"
            )
        self.negative_slope = negative_slope

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` above zero, ``negative_slope * inputs`` below.

        >>> tf.keras.layers.LeakyReLU().call(tf.constant([-1.0]))
        <tf.Tensor: shape=(1,), dtype=float32, numpy=array([-0.3], dtype=float32)>
        """
        return tf.nn.leaky_relu(inputs, alpha=self.negative_slope)


class Softmax(Layer):
    """Softmax along ``axis`` (an int or a tuple of ints).

    >>> tf.keras.layers.Softmax()(tf.constant([[1.0, 1.0]]))
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0.5, 0.5]], dtype=float32)>
    """

    supports_masking = True

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs: TensorLike, mask: TensorLike | None = None) -> Any:
        """Softmax along ``axis``; masked positions get probability 0.

        >>> tf.keras.layers.Softmax().call(tf.constant([0.0, 0.0, 5.0]), mask=tf.constant([True, True, False]))
        <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0.00664835, 0.00664835, 0.9867033 ], dtype=float32)>
        """
        if isinstance(self.axis, (tuple, list)):
            shifted = inputs - tf.reduce_max(inputs, axis=self.axis, keepdims=True)
            e = tf.exp(shifted)
            return e / tf.reduce_sum(e, axis=self.axis, keepdims=True)
        return tf.nn.softmax(inputs, axis=self.axis)


class Flatten(Layer):
    """Keeps the batch axis and flattens the rest.

    >>> tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape
    TensorShape([2, 12])
    """

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` as (batch, everything else).

        >>> tf.keras.layers.Flatten().call(tf.constant([[[1.0], [2.0]]]))
        <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[1., 2.]], dtype=float32)>
        """
        if self.data_format == "channels_first" and len(inputs.shape) > 2:
            rank = len(inputs.shape)
            inputs = tf.transpose(inputs, [0, *range(2, rank), 1])
        rest = int(np.prod(inputs.shape[1:]))
        return tf.reshape(inputs, (inputs.shape[0], rest))


class Reshape(Layer):
    """Reshapes everything but the batch axis to ``target_shape`` (one -1 allowed).

    >>> tf.keras.layers.Reshape((3, 2))(tf.ones((4, 6))).shape
    TensorShape([4, 3, 2])
    """

    def __init__(self, target_shape: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` reshaped to (batch, *target_shape).

        >>> tf.keras.layers.Reshape((-1,)).call(tf.constant([[[1, 2], [3, 4]]]))
        <tf.Tensor: shape=(1, 4), dtype=int32, numpy=array([[1, 2, 3, 4]], dtype=int32)>
        """
        return tf.reshape(inputs, (inputs.shape[0], *self.target_shape))


class Permute(Layer):
    """Permutes the non-batch axes; ``dims`` counts from 1.

    >>> tf.keras.layers.Permute((2, 1))(tf.ones((4, 2, 3))).shape
    TensorShape([4, 3, 2])
    """

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(
                "Invalid permutation argument `dims` for Permute Layer. The set of indices in "
                f"`dims` must be consecutive and start from 1. Received dims={dims}"
            )

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` with the non-batch axes reordered by ``dims``.

        >>> tf.keras.layers.Permute((2, 1)).call(tf.constant([[[1, 2]]]))
        <tf.Tensor: shape=(1, 2, 1), dtype=int32, numpy=
        array([[[1],
                [2]]], dtype=int32)>
        """
        return tf.transpose(inputs, (0, *self.dims))


class Dropout(Layer):
    """Zeroes a fraction ``rate`` of inputs during training and scales the rest up.

    >>> layer = tf.keras.layers.Dropout(0.5, seed=1)
    >>> layer(tf.ones((1, 4)))  # inference: the identity
    <tf.Tensor: shape=(1, 4), dtype=float32, numpy=array([[1., 1., 1., 1.]], dtype=float32)>
    >>> kept = layer(tf.ones((1000,)), training=True)
    >>> sorted(set(kept.numpy().tolist()))  # survivors scaled by 1 / (1 - rate)
    [0.0, 2.0]
    """

    supports_masking = True

    def __init__(
        self, rate: float, noise_shape: Any = None, seed: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(
                f"Invalid value received for argument `rate`. Expected a float "
                f"value between 0 and 1. Received: rate={rate}"
            )
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs: TensorLike, training: bool | None = False) -> Any:
        """In training, zeroes ``rate`` of the entries and scales the rest; otherwise the identity.

        >>> tf.keras.layers.Dropout(0.0).call(tf.constant([1.0, 2.0]), training=True)
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
        """
        if training and self.rate > 0:
            noise = None
            if self.noise_shape is not None:
                noise = [
                    inputs.shape[i] if d is None else d for i, d in enumerate(self.noise_shape)
                ]
            return tf.nn.dropout(inputs, rate=self.rate, noise_shape=noise, seed=self.seed)
        return inputs


class Lambda(Layer):
    """Wraps a function of the inputs as a layer (no weights).

    >>> tf.keras.layers.Lambda(lambda x: x * 2.0)(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 4.], dtype=float32)>
    """

    supports_masking = True

    def __init__(
        self,
        function: Callable,
        output_shape: Any = None,
        mask: TensorLike | None = None,
        arguments: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask

    def call(self, inputs: TensorLike) -> Any:
        """``function(inputs, **arguments)``.

        >>> tf.keras.layers.Lambda(tf.add, arguments={"y": 1}).call(tf.constant([1, 2]))
        <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
        """
        return self.function(inputs, **self.arguments)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """``mask`` as given (called on the inputs and their mask when callable): None by default.

        >>> tf.keras.layers.Lambda(lambda x: x).compute_mask(tf.ones((1, 2)), tf.constant([[True, False]])) is None
        True
        """
        if callable(self.mask):
            return self.mask(inputs, previous_mask)
        return self.mask


class Embedding(Layer):
    """Looks up rows of an (input_dim, output_dim) table by integer index.

    >>> layer = tf.keras.layers.Embedding(10, 3, embeddings_initializer="ones")
    >>> layer(tf.constant([[1, 4]])).shape
    TensorShape([1, 2, 3])
    """

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        embeddings_initializer: Any = "uniform",
        embeddings_regularizer: Any = None,
        embeddings_constraint: Any = None,
        mask_zero: bool = False,
        weights: Any = None,
        lora_rank: int | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("input_length", None)
        super().__init__(**kwargs)
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        self.embeddings_initializer = embeddings_initializer
        self.embeddings_regularizer = embeddings_regularizer
        self.mask_zero = mask_zero
        self.supports_masking = mask_zero
        self._initial_weights = weights

    def build(self, input_shape: Any = None) -> None:
        """Creates the (input_dim, output_dim) embedding table.

        >>> layer = tf.keras.layers.Embedding(5, 2)
        >>> layer.build((None, 3))
        >>> layer.embeddings.shape
        TensorShape([5, 2])
        """
        self.embeddings = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            regularizer=self.embeddings_regularizer,
            name="embeddings",
        )
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)

    def call(self, inputs: TensorLike) -> Any:
        """The rows of the table that ``inputs`` index.

        >>> layer = tf.keras.layers.Embedding(3, 1, embeddings_initializer="ones")
        >>> layer.build(None)
        >>> layer.call(tf.constant([0, 2]))
        <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
        array([[1.],
               [1.]], dtype=float32)>
        """
        if not inputs.dtype.is_integer:
            inputs = tf.cast(inputs, "int32")
        return tf.gather(self.embeddings, inputs)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """With ``mask_zero``, where ``inputs`` is not 0 (index 0 is padding); else None.

        >>> tf.keras.layers.Embedding(5, 2, mask_zero=True).compute_mask(tf.constant([[3, 0]])).numpy()
        array([[ True, False]])
        """
        if not self.mask_zero:
            return None
        return tf.not_equal(inputs, 0)


class Masking(Layer):
    """Masks the time steps whose features all equal ``mask_value`` (and zeroes them).

    >>> x = tf.constant([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]])
    >>> layer = tf.keras.layers.Masking()
    >>> layer.compute_mask(x).numpy()
    array([[ True, False,  True]])
    """

    supports_masking = True

    def __init__(self, mask_value: Any = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mask_value = mask_value

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """True for the steps with some feature other than ``mask_value``.

        >>> tf.keras.layers.Masking(-1.0).compute_mask(tf.constant([[[-1.0], [2.0]]])).numpy()
        array([[False,  True]])
        """
        return tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs: TensorLike) -> Any:
        """The inputs with masked steps set to zero; the output carries the mask.

        >>> out = tf.keras.layers.Masking(5.0).call(tf.constant([[[5.0], [1.0]]]))
        >>> out.numpy().tolist()
        [[[0.0], [1.0]]]
        """
        keep = tf.reduce_any(tf.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = tf.where(keep, inputs, tf.zeros_like(inputs))
        set_keras_mask(outputs, tf.squeeze(keep, axis=-1))
        return outputs
