"""tf.keras.activations: elementwise functions layers apply to their outputs.

>>> import tapeflow as tf
>>> tf.keras.activations.get("relu")(tf.constant([-1.0, 2.0])).numpy()
array([0., 2.], dtype=float32)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import tapeflow as tf

from ._registry import resolve
from ._utils import TensorLike


def relu(
    x: TensorLike,
    negative_slope: float = 0.0,
    max_value: float | None = None,
    threshold: float = 0.0,
) -> tf.Tensor:
    """``max(x, 0)``, with Keras's leak below ``threshold`` and cap at ``max_value``.

    >>> import tapeflow as tf
    >>> relu(tf.constant([-2.0, 1.0, 9.0]), negative_slope=0.5, max_value=6.0).numpy()
    array([-1.,  1.,  6.], dtype=float32)
    """
    x = tf.convert_to_tensor(x)
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return tf.nn.relu(x)
    if threshold != 0.0:
        below = tf.cast(x < threshold, x.dtype)
        out = x * tf.cast(x >= threshold, x.dtype)
        leak = negative_slope * (x - threshold) * below
    else:
        out = tf.nn.relu(x)
        leak = negative_slope * tf.minimum(x, 0.0) if negative_slope else None
    if max_value is not None:
        out = tf.minimum(out, tf.cast(max_value, x.dtype))
    return out + leak if negative_slope else out


def leaky_relu(x: TensorLike, negative_slope: float = 0.2) -> tf.Tensor:
    """``x`` above zero, ``negative_slope * x`` below.

    >>> leaky_relu(tf.constant([-1.0, 2.0])).numpy()
    array([-0.2,  2. ], dtype=float32)
    """
    return tf.nn.leaky_relu(x, alpha=negative_slope)


def relu6(x: TensorLike) -> tf.Tensor:
    """``min(max(x, 0), 6)``.

    >>> relu6(tf.constant([-1.0, 3.0, 8.0])).numpy()
    array([0., 3., 6.], dtype=float32)
    """
    return tf.nn.relu6(x)


def elu(x: TensorLike, alpha: float = 1.0) -> tf.Tensor:
    """``x`` above zero, ``alpha * (exp(x) - 1)`` below.

    >>> elu(tf.constant([-1.0, 2.0]), alpha=2.0).numpy()
    array([-1.2642411,  2.       ], dtype=float32)
    """
    x = tf.convert_to_tensor(x)
    out = tf.nn.elu(x)
    return out if alpha == 1.0 else tf.where(x > 0, out, alpha * out)


def selu(x: TensorLike) -> tf.Tensor:
    """Scaled ELU with the self-normalizing constants.

    >>> selu(tf.constant([-1.0, 1.0])).numpy()
    array([-1.1113307,  1.050701 ], dtype=float32)
    """
    return tf.nn.selu(x)


def sigmoid(x: TensorLike) -> tf.Tensor:
    """``1 / (1 + exp(-x))``.

    >>> sigmoid(tf.constant([0.0, 2.0])).numpy()
    array([0.5     , 0.880797], dtype=float32)
    """
    return tf.sigmoid(x)


def hard_sigmoid(x: TensorLike) -> tf.Tensor:
    """``relu6(x + 3) / 6``: a piecewise-linear sigmoid.

    >>> hard_sigmoid(tf.constant([-4.0, 0.0, 1.5])).numpy()
    array([0.  , 0.5 , 0.75], dtype=float32)
    """
    return tf.nn.relu6(tf.convert_to_tensor(x) + 3.0) / 6.0


def hard_silu(x: TensorLike) -> tf.Tensor:
    """``x * hard_sigmoid(x)``.

    >>> hard_silu(tf.constant([-4.0, 0.0, 1.5])).numpy()
    array([-0.   ,  0.   ,  1.125], dtype=float32)
    """
    return tf.convert_to_tensor(x) * hard_sigmoid(x)


def tanh(x: TensorLike) -> tf.Tensor:
    """Hyperbolic tangent.

    >>> tanh(tf.constant([0.0, 1.0])).numpy()
    array([0.       , 0.7615942], dtype=float32)
    """
    return tf.tanh(x)


def softplus(x: TensorLike) -> tf.Tensor:
    """``log(1 + exp(x))``.

    >>> softplus(tf.constant([0.0, 1.0])).numpy()
    array([0.6931472, 1.3132616], dtype=float32)
    """
    return tf.nn.softplus(x)


def softsign(x: TensorLike) -> tf.Tensor:
    """``x / (1 + |x|)``.

    >>> softsign(tf.constant([-1.0, 3.0])).numpy()
    array([-0.5 ,  0.75], dtype=float32)
    """
    return tf.nn.softsign(x)


def silu(x: TensorLike) -> tf.Tensor:
    """``x * sigmoid(x)`` (also called swish).

    >>> silu(tf.constant([0.0, 1.0])).numpy()
    array([0.       , 0.7310586], dtype=float32)
    """
    return tf.nn.silu(x)


def gelu(x: TensorLike, approximate: bool = False) -> tf.Tensor:
    """Gaussian error linear unit (tanh approximation when ``approximate``).

    >>> gelu(tf.constant([0.0, 1.0])).numpy()
    array([0.       , 0.8413447], dtype=float32)
    """
    return tf.nn.gelu(x, approximate=approximate)


def mish(x: TensorLike) -> tf.Tensor:
    """``x * tanh(softplus(x))``.

    >>> mish(tf.constant([0.0, 1.0])).numpy()
    array([0.       , 0.8650984], dtype=float32)
    """
    x = tf.convert_to_tensor(x)
    return x * tf.tanh(tf.nn.softplus(x))


def exponential(x: TensorLike) -> tf.Tensor:
    """``exp(x)``.

    >>> exponential(tf.constant([0.0, 1.0])).numpy()
    array([1.      , 2.718282], dtype=float32)
    """
    return tf.exp(x)


def linear(x: TensorLike) -> TensorLike:
    """The identity (Keras's activation ``None``).

    >>> linear(tf.constant([-1.0, 2.0])).numpy()
    array([-1.,  2.], dtype=float32)
    """
    return x


def softmax(x: TensorLike, axis: int = -1) -> tf.Tensor:
    """Softmax along ``axis``.

    >>> import tapeflow as tf
    >>> softmax(tf.constant([0.0, 0.0])).numpy()
    array([0.5, 0.5], dtype=float32)
    """
    return tf.nn.softmax(x, axis=axis)


def log_softmax(x: TensorLike, axis: int = -1) -> tf.Tensor:
    """``log(softmax(x))`` computed stably.

    >>> log_softmax(tf.constant([0.0, 0.0])).numpy()
    array([-0.6931472, -0.6931472], dtype=float32)
    """
    return tf.nn.log_softmax(x, axis=axis)


swish = silu
hard_swish = hard_silu

_TABLE: dict[str, Callable] = {
    fn.__name__: fn
    for fn in (
        relu,
        leaky_relu,
        relu6,
        elu,
        selu,
        sigmoid,
        hard_sigmoid,
        hard_silu,
        tanh,
        softplus,
        softsign,
        silu,
        gelu,
        mish,
        exponential,
        linear,
        softmax,
        log_softmax,
    )
}
_TABLE.update({"swish": silu, "hard_swish": hard_silu})
_NAMES = {fn: name for name, fn in _TABLE.items() if name not in ("swish", "hard_swish")}
del math


def get(identifier: Any) -> Callable:
    """An activation from a name, a config dict or a callable; ``None`` is ``linear``.

    >>> get(None) is linear
    True
    """
    if identifier is None:
        return linear
    if isinstance(identifier, dict) and isinstance(identifier.get("config"), str):
        identifier = identifier["config"]
    fn = resolve("activation function", _TABLE, identifier)
    if not callable(fn):
        raise ValueError(f"Could not interpret activation function identifier: {identifier}")
    return fn


def serialize(activation: Callable) -> str:
    """The name Keras writes for a built-in activation.

    >>> serialize(tf.keras.activations.relu), serialize(get("swish"))
    ('relu', 'silu')
    """
    name = _NAMES.get(activation)
    if name is None:
        raise ValueError(f"Unknown activation function '{activation}'.")
    return name


def deserialize(config: Any, custom_objects: dict | None = None) -> Callable:
    """The activation ``serialize`` named.

    >>> deserialize("tanh") is tanh
    True
    """
    return resolve("activation", dict(_TABLE, **(custom_objects or {})), config)
