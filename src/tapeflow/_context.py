"""Execution context queries (``tf.executing_eagerly``)."""

from __future__ import annotations


def executing_eagerly() -> bool:
    """True when ops run eagerly; False while a ``tf.function`` traces its body.

    >>> import tapeflow as tf
    >>> tf.executing_eagerly()
    True
    >>> bool(tf.function(lambda: tf.executing_eagerly())())
    False
    """
    # Imported here: the tracing machinery is not needed to answer the common case.
    from ._function.trace import active_trace

    return active_trace() is None
