"""What GradientTape.gradient, the jacobians and ForwardAccumulator share:
argument checks, ``UnconnectedGradients`` and TF's texts about tapes.

A module of its own so that ``_jacobian.py`` needs nothing from ``_tape.py``
(the tape calls the jacobians, not the other way round).
"""

from __future__ import annotations

import enum

import numpy as np

from ._log import warn_first_n
from ._tensor import Tensor
from ._variable import Variable

NON_PERSISTENT_ERROR = (
    "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)"
)
_PERSISTENT_IN_CONTEXT = (
    "Calling GradientTape.gradient on a persistent tape inside its context is "
    "significantly less efficient than calling it outside the context (it causes the "
    "gradient ops to be recorded on the tape, leading to increased CPU and memory usage). "
    "Only call GradientTape.gradient inside the context if you actually want to trace the "
    "gradient in order to compute higher order derivatives."
)


class UnconnectedGradients(enum.Enum):
    """What ``gradient`` returns for a source with no path to the target.

    >>> import tapeflow as tf
    >>> x, unused = tf.constant(1.0), tf.constant(2.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch([x, unused])
    ...     y = x * 3.0
    >>> print(tape.gradient(y, unused, unconnected_gradients=tf.UnconnectedGradients.ZERO))
    tf.Tensor(0.0, shape=(), dtype=float32)
    """

    NONE = "none"
    ZERO = "zero"


def parse_unconnected(value) -> UnconnectedGradients:
    if value is UnconnectedGradients.NONE:  # the default, without Enum's lookup
        return value
    try:
        return UnconnectedGradients(value)
    except ValueError:
        raise ValueError(f"Unknown value for unconnected_gradients: {value!r}") from None


def is_watchable(value) -> bool:
    return value.__class__ is Tensor or isinstance(value, Variable)


def warn_if_not_floating(value, what: str, depth: int) -> None:
    if value._value.dtype.kind not in "fc":
        warn_first_n(
            5,
            f"The dtype of the watched {what} must be floating (e.g. tf.float32), "
            f"got {value.dtype!r}",
            depth=depth,
        )


def checked_leaf(value):
    """A source or target as the tape takes it, or the error TF raises for it."""
    if value.__class__ is Tensor or isinstance(value, Variable):
        return value
    if value is None:
        raise TypeError("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
    if isinstance(value, np.ndarray):
        raise AttributeError("'numpy.ndarray' object has no attribute '_id'")
    raise AttributeError(f"'{type(value).__name__}' object has no attribute 'dtype'")
