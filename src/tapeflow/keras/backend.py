"""keras.backend: session helpers.

>>> import tapeflow as tf
>>> tf.keras.backend.clear_session()
>>> tf.keras.layers.Dense(1).name
'dense'
"""

from __future__ import annotations

from . import _utils

__all__ = ["backend", "clear_session", "floatx"]


def clear_session(free_memory: bool = True) -> None:
    """Forget the layer names handed out so far (the next Dense is "dense" again)."""
    _utils.reset_names()


def floatx() -> str:
    return "float32"


def backend() -> str:
    return "tensorflow"
