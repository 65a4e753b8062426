"""Look up initializers, activations, regularizers and constraints by name.

The real catalogues live in keras.initializers and keras.activations; until
those modules exist, a few common names resolve here so layers can be built.

>>> from tapeflow.keras import _resolve
>>> _resolve.activation(None)(2.0)
2.0
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import numpy as np

import tapeflow as tf


def _module(name: str) -> Any:
    try:
        return importlib.import_module(f"tapeflow.keras.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"tapeflow.keras.{name}":
            raise
        return None


def _glorot_uniform(shape: Any, dtype: Any = None) -> tf.Tensor:
    fan_in, fan_out = _fans(shape)
    limit = np.sqrt(6.0 / max(1.0, fan_in + fan_out))
    return tf.random.uniform(shape, -limit, limit, dtype=dtype or "float32")


def _orthogonal(shape: Any, dtype: Any = None) -> Any:
    rows, cols = int(np.prod(shape[:-1])), shape[-1]
    flat = tf.random.normal((max(rows, cols), min(rows, cols)), dtype="float64").numpy()
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return tf.constant(q.reshape(shape), dtype=dtype or "float32")


def _fans(shape: Any) -> tuple:
    if len(shape) < 1:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    receptive = float(np.prod(shape[:-2])) if len(shape) > 2 else 1.0
    return shape[-2] * receptive, shape[-1] * receptive


_FALLBACK_INITIALIZERS = {
    "glorot_uniform": _glorot_uniform,
    "orthogonal": _orthogonal,
    "uniform": lambda shape, dtype=None: tf.random.uniform(
        shape, -0.05, 0.05, dtype=dtype or "float32"
    ),
    "zeros": lambda shape, dtype=None: tf.zeros(shape, dtype=dtype or "float32"),
    "ones": lambda shape, dtype=None: tf.ones(shape, dtype=dtype or "float32"),
}


def initializer(identifier: Any) -> Any:
    """A callable ``(shape, dtype=None) -> values``.

    >>> type(initializer("uniform")).__name__  # Keras's alias for random_uniform
    'RandomUniform'
    >>> initializer("ones")((2,))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """
    module = _module("initializers")
    if module is not None:
        # Keras's short aliases (Embedding's default is "uniform").
        aliases = {"uniform": "random_uniform", "normal": "random_normal"}
        if isinstance(identifier, str):
            identifier = aliases.get(identifier, identifier)
        return module.get(identifier)
    if callable(identifier):
        return identifier
    key = str(identifier).lower()
    if key not in _FALLBACK_INITIALIZERS:
        raise ValueError(f"Could not interpret initializer identifier: {identifier}")
    return _FALLBACK_INITIALIZERS[key]


def _fallback_activations() -> dict:
    return {
        "linear": lambda x: x,
        "relu": tf.nn.relu,
        "sigmoid": tf.nn.sigmoid,
        "tanh": tf.nn.tanh,
        "softmax": lambda x: tf.nn.softmax(x, axis=-1),
        "elu": tf.nn.elu,
        "selu": tf.nn.selu,
        "gelu": tf.nn.gelu,
        "softplus": tf.nn.softplus,
        "swish": tf.nn.silu,
        "silu": tf.nn.silu,
        "relu6": tf.nn.relu6,
    }


def activation(identifier: Any) -> Callable:
    """A callable activation; None means linear.

    >>> activation("relu")(tf.constant([-1.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0., 1.], dtype=float32)>
    >>> activation(None)(3.0)
    3.0
    """
    if identifier is None:
        return lambda x: x
    module = _module("activations")
    if module is not None:
        return module.get(identifier)
    if callable(identifier):
        return identifier
    table = _fallback_activations()
    if identifier not in table:
        raise ValueError(f"Could not interpret activation function identifier: {identifier}")
    return table[identifier]


def activation_name(function: Callable) -> str:
    """The name a layer's config records for its activation.

    >>> activation_name(tf.keras.activations.gelu), activation_name(abs)
    ('gelu', 'abs')
    """
    return getattr(function, "__name__", type(function).__name__)


def regularizer(identifier: Any) -> Any:
    """A regularizer from a name, config or object; None stays None.

    >>> regularizer("l1").l1, regularizer(None)
    (0.01, None)
    """
    if identifier is None:
        return None
    module = _module("regularizers")
    if module is not None:
        return module.get(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")


def constraint(identifier: Any) -> Any:
    """A constraint callable (None stays None); tapeflow has no named constraints.

    >>> constraint(None), constraint(abs)
    (None, <built-in function abs>)
    """
    if identifier is None or callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint identifier: {identifier}")
