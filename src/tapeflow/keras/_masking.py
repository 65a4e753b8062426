"""Keras masks: which time steps of a tensor are real data.

Keras 3 keeps a tensor's mask on the tensor (``_keras_mask``); tapeflow's
tensors have no room for it, so the mask lives here, keyed by the tensor's
identity and dropped when the tensor is (a weak reference's callback).
``Layer.__call__`` reads the mask of its input, passes it as ``mask=`` when
``call`` takes one, and gives its outputs ``compute_mask``'s result when the
layer supports masking. Losses and metrics read the mask of ``y_pred``.
"""

from __future__ import annotations

import functools
import weakref
from typing import Any

_MASKS: dict[int, tuple[Any, Any]] = {}


def get_keras_mask(tensor: Any) -> Any:
    """The mask set on ``tensor``, or None.

    >>> import tapeflow as tf
    >>> x = tf.constant([[1, 0]])
    >>> set_keras_mask(x, tf.constant([[True, False]]))
    >>> get_keras_mask(x).numpy().tolist(), get_keras_mask(tf.constant(1))
    ([[True, False]], None)
    """
    entry = _MASKS.get(id(tensor))
    if entry is None or entry[0]() is not tensor:
        return None
    return entry[1]


def set_keras_mask(tensor: Any, mask: Any) -> None:
    """Attach ``mask`` to ``tensor`` (None removes it).

    >>> import tapeflow as tf
    >>> x = tf.ones((1, 2))
    >>> set_keras_mask(x, None)
    >>> get_keras_mask(x) is None
    True
    """
    key = id(tensor)
    if mask is None:
        _MASKS.pop(key, None)
        return
    try:
        ref = weakref.ref(tensor, functools.partial(_forget, key))
    except TypeError:  # not weakly referable (a Python number): it carries no mask
        return
    _MASKS[key] = (ref, mask)


def _forget(key: int, _: Any) -> None:
    _MASKS.pop(key, None)
