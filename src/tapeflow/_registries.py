"""tf.register_tensor_conversion_function and tf.variable_creator_scope: user hooks into
tensor conversion and variable creation (the registries live with what they hook:
``_tensor._CONVERSIONS`` and ``_variable.creator_stack``)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from . import _tensor, _variable

__all__ = ["register_tensor_conversion_function", "variable_creator_scope"]

_order = itertools.count()


def register_tensor_conversion_function(
    base_type: type | tuple, conversion_func: Callable, priority: int = 100
) -> None:
    """Make ``tf.convert_to_tensor`` (and every op) accept instances of ``base_type``:
    ``conversion_func(value, dtype=None, name=None, as_ref=False)`` returns a Tensor (or
    NotImplemented to let the next function try). Lower priorities are tried first.

    >>> class Meters:
    ...     def __init__(self, v):
    ...         self.v = v
    >>> tf.register_tensor_conversion_function(
    ...     Meters, lambda value, dtype=None, name=None, as_ref=False: tf.constant(value.v, dtype))
    >>> tf.add(Meters([1.0, 2.0]), 1.0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    """
    base_types = base_type if isinstance(base_type, tuple) else (base_type,)
    if any(not isinstance(t, type) for t in base_types):
        raise TypeError(
            f"Argument `base_type` must be a type or a tuple of types. Obtained: {base_type}"
        )  # TF-TEXT
    if any(issubclass(t, (int, float, np.generic, np.ndarray)) for t in base_types):
        raise TypeError(
            "Cannot register conversions for Python numeric types and NumPy scalars and arrays."
        )  # TF-TEXT
    if not callable(conversion_func):
        raise TypeError(f"Argument `conversion_func` must be callable. Received {conversion_func}.")
    _tensor._CONVERSIONS.append((priority, next(_order), base_type, conversion_func))
    _tensor._CONVERSIONS.sort(key=lambda entry: entry[:2])


@contextlib.contextmanager
def variable_creator_scope(variable_creator: Callable[..., Any]) -> Iterator[None]:
    """Inside the block, ``tf.Variable(...)`` calls ``variable_creator(next_creator,
    **kwargs)`` (kwargs: every constructor argument), which may change them and calls
    ``next_creator(**kwargs)``; nested scopes run the innermost creator first.

    >>> def frozen(next_creator, **kwargs):
    ...     kwargs["trainable"] = False
    ...     return next_creator(**kwargs)
    >>> with tf.variable_creator_scope(frozen):
    ...     v = tf.Variable(1.0)
    >>> v.trainable
    False
    """
    stack = _variable.creator_stack()
    stack.append(variable_creator)
    try:
        yield
    finally:
        stack.remove(variable_creator)
