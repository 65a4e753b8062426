"""Execution context queries (``tf.executing_eagerly``)."""

from __future__ import annotations


def executing_eagerly() -> bool:
    """True: tapeflow runs every op eagerly, as TensorFlow does outside tf.function.

    >>> import tapeflow as tf
    >>> tf.executing_eagerly()
    True
    """
    return True
