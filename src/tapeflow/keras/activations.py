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


def relu(x, negative_slope: float = 0.0, max_value: float | None = None, threshold: float = 0.0):
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


def leaky_relu(x, negative_slope: float = 0.2):
    """``x`` above zero, ``negative_slope * x`` below."""
    return tf.nn.leaky_relu(x, alpha=negative_slope)


def relu6(x):
    """``min(max(x, 0), 6)``."""
    return tf.nn.relu6(x)


def elu(x, alpha: float = 1.0):
    """``x`` above zero, ``alpha * (exp(x) - 1)`` below."""
    x = tf.convert_to_tensor(x)
    out = tf.nn.elu(x)
    return out if alpha == 1.0 else tf.where(x > 0, out, alpha * out)


def selu(x):
    """Scaled ELU with the self-normalizing constants."""
    return tf.nn.selu(x)


def sigmoid(x):
    """``1 / (1 + exp(-x))``."""
    return tf.sigmoid(x)


def hard_sigmoid(x):
    """``relu6(x + 3) / 6``: a piecewise-linear sigmoid."""
    return tf.nn.relu6(tf.convert_to_tensor(x) + 3.0) / 6.0


def hard_silu(x):
    """``x * hard_sigmoid(x)``."""
    return tf.convert_to_tensor(x) * hard_sigmoid(x)


def tanh(x):
    """Hyperbolic tangent."""
    return tf.tanh(x)


def softplus(x):
    """``log(1 + exp(x))``."""
    return tf.nn.softplus(x)


def softsign(x):
    """``x / (1 + |x|)``."""
    return tf.nn.softsign(x)


def silu(x):
    """``x * sigmoid(x)`` (also called swish)."""
    return tf.nn.silu(x)


def gelu(x, approximate: bool = False):
    """Gaussian error linear unit (tanh approximation when ``approximate``)."""
    return tf.nn.gelu(x, approximate=approximate)


def mish(x):
    """``x * tanh(softplus(x))``."""
    x = tf.convert_to_tensor(x)
    return x * tf.tanh(tf.nn.softplus(x))


def exponential(x):
    """``exp(x)``."""
    return tf.exp(x)


def linear(x):
    """The identity (Keras's activation ``None``)."""
    return x


def softmax(x, axis: int = -1):
    """Softmax along ``axis``.

    >>> import tapeflow as tf
    >>> softmax(tf.constant([0.0, 0.0])).numpy()
    array([0.5, 0.5], dtype=float32)
    """
    return tf.nn.softmax(x, axis=axis)


def log_softmax(x, axis: int = -1):
    """``log(softmax(x))`` computed stably."""
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
    """The name Keras writes for a built-in activation."""
    name = _NAMES.get(activation)
    if name is None:
        raise ValueError(f"Unknown activation function '{activation}'.")
    return name


def deserialize(config: Any, custom_objects: dict | None = None) -> Callable:
    """The activation ``serialize`` named."""
    return resolve("activation", dict(_TABLE, **(custom_objects or {})), config)
