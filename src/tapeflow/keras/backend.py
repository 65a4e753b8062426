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
    """Forget the layer names handed out so far (the next Dense is "dense" again).

    >>> import tapeflow as tf
    >>> tf.keras.backend.clear_session()
    >>> [tf.keras.layers.Dense(1).name for _ in range(2)]
    ['dense', 'dense_1']
    """
    _utils.reset_names()


def floatx() -> str:
    """The default float dtype of layers and weights.

    >>> import tapeflow as tf
    >>> tf.keras.backend.floatx()
    'float32'
    """
    return "float32"


def backend() -> str:
    """The backend Keras would report (tapeflow stands in for TensorFlow).

    >>> import tapeflow as tf
    >>> tf.keras.backend.backend()
    'tensorflow'
    """
    return "tensorflow"
