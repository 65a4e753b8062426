"""Core Keras layers: Dense, activations, reshaping, Dropout, Lambda, Embedding.

>>> import tapeflow as tf
>>> layer = tf.keras.layers.Dense(2, kernel_initializer="ones", activation="relu")
>>> layer(tf.constant([[1.0, -3.0]])).numpy().tolist()
[[0.0, 0.0]]
"""

from __future__ import annotations

import numpy as np

import tapeflow as tf

from .. import _resolve
from .base import Layer


class Dense(Layer):
    """``activation(inputs @ kernel + bias)``; the kernel is (input features, units).

    >>> import tapeflow as tf
    >>> tf.keras.layers.Dense(4)(tf.ones((2, 3))).shape
    TensorShape([2, 4])
    """

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        lora_rank=None,
        **kwargs,
    ):
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

    def build(self, input_shape):
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

    def call(self, inputs):
        x = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            x = x + self.bias
        return self.activation(x)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "activation": _resolve.activation_name(self.activation),
            "use_bias": self.use_bias,
        }


class Activation(Layer):
    """Applies an activation function (a name or a callable)."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = _resolve.activation(activation)

    def call(self, inputs):
        return self.activation(inputs)


class ReLU(Layer):
    """``max(x, 0)`` with Keras's optional cap, negative slope and threshold."""

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
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

    def call(self, inputs):
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
    """``x`` for positive inputs, ``negative_slope * x`` otherwise (default 0.3)."""

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if negative_slope is None or negative_slope < 0:
            raise ValueError(
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative "
                f"value. Expected a float. Received: negative_slope={negative_slope}"
            )
        self.negative_slope = negative_slope

    def call(self, inputs):
        return tf.nn.leaky_relu(inputs, alpha=self.negative_slope)


class Softmax(Layer):
    """Softmax along ``axis`` (an int or a tuple of ints)."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs, mask=None):
        if isinstance(self.axis, (tuple, list)):
            shifted = inputs - tf.reduce_max(inputs, axis=self.axis, keepdims=True)
            e = tf.exp(shifted)
            return e / tf.reduce_sum(e, axis=self.axis, keepdims=True)
        return tf.nn.softmax(inputs, axis=self.axis)


class Flatten(Layer):
    """Keeps the batch axis and flattens the rest."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        if self.data_format == "channels_first" and len(inputs.shape) > 2:
            rank = len(inputs.shape)
            inputs = tf.transpose(inputs, [0, *range(2, rank), 1])
        rest = int(np.prod(inputs.shape[1:]))
        return tf.reshape(inputs, (inputs.shape[0], rest))


class Reshape(Layer):
    """Reshapes everything but the batch axis to ``target_shape`` (one -1 allowed)."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs):
        return tf.reshape(inputs, (inputs.shape[0], *self.target_shape))


class Permute(Layer):
    """Permutes the non-batch axes; ``dims`` counts from 1."""

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise ValueError(
                "Invalid permutation argument `dims` for Permute Layer. The set of indices in "
                f"`dims` must be consecutive and start from 1. Received dims={dims}"
            )

    def call(self, inputs):
        return tf.transpose(inputs, (0, *self.dims))


class Dropout(Layer):
    """Zeroes a fraction ``rate`` of inputs during training and scales the rest up."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(
                f"Invalid value received for argument `rate`. Expected a float "
                f"value between 0 and 1. Received: rate={rate}"
            )
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            noise = None
            if self.noise_shape is not None:
                noise = [
                    inputs.shape[i] if d is None else d for i, d in enumerate(self.noise_shape)
                ]
            return tf.nn.dropout(inputs, rate=self.rate, noise_shape=noise, seed=self.seed)
        return inputs


class Lambda(Layer):
    """Wraps a function of the inputs as a layer (no weights)."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function = function
        self.arguments = dict(arguments or {})

    def call(self, inputs):
        return self.function(inputs, **self.arguments)


class Embedding(Layer):
    """Looks up rows of an (input_dim, output_dim) table by integer index."""

    def __init__(
        self,
        input_dim,
        output_dim,
        embeddings_initializer="uniform",
        embeddings_regularizer=None,
        embeddings_constraint=None,
        mask_zero=False,
        weights=None,
        lora_rank=None,
        **kwargs,
    ):
        kwargs.pop("input_length", None)
        super().__init__(**kwargs)
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        self.embeddings_initializer = embeddings_initializer
        self.embeddings_regularizer = embeddings_regularizer
        self.mask_zero = mask_zero
        self._initial_weights = weights

    def build(self, input_shape=None):
        self.embeddings = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            regularizer=self.embeddings_regularizer,
            name="embeddings",
        )
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)

    def call(self, inputs):
        if not inputs.dtype.is_integer:
            inputs = tf.cast(inputs, "int32")
        return tf.gather(self.embeddings, inputs)
