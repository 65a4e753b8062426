"""Small helpers shared by the Keras layers and models: names, scopes, nests.

Keras gives every object a unique snake-case name ("dense", "dense_1", ...)
and every variable a path made of the layer scopes open when it was created.

>>> from tapeflow.keras import _utils
>>> _utils.snake_case("Conv2DTranspose"), _utils.snake_case("GRU")
('conv2d_transpose', 'gru')
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

import tapeflow as tf

from ._naming import _counts, _lock, to_snake_case, uniquify

# What tf.convert_to_tensor takes (a Tensor, an array, a number, nested lists).
# The training stack sees only public names, so it says this here once.
TensorLike = Any

_local = threading.local()
# One counter for layers, models, metrics and optimizers, as in Keras.
snake_case = to_snake_case
unique_name = uniquify


def reset_names() -> None:
    """Forget every name handed out (``keras.backend.clear_session``).

    >>> first = unique_name("doc_reset")
    >>> reset_names()
    >>> unique_name("doc_reset") == first
    True
    """
    with _lock:
        _counts.clear()


def scope_stack() -> list[str]:
    """The layer names open now, outermost first (one stack per thread).

    >>> with name_scope("outer"), name_scope("inner"):
    ...     print(scope_stack())
    ['outer', 'inner']
    >>> scope_stack()
    []
    """
    stack = getattr(_local, "scopes", None)
    if stack is None:
        stack = _local.scopes = []
    return stack


class name_scope:  # noqa: N801
    """Push a layer name onto the path of variables created inside.

    >>> with name_scope("block"):
    ...     print(current_path())
    block
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._pushed = False

    def __enter__(self) -> name_scope:
        stack = scope_stack()
        # A layer calling itself (or a model re-entering) does not nest twice.
        self._pushed = not stack or stack[-1] != self.name
        if self._pushed:
            stack.append(self.name)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pushed:
            scope_stack().pop()


def current_path() -> str:
    """The open layer scopes joined by "/" (the prefix of new variables' paths).

    >>> with name_scope("model"), name_scope("dense"):
    ...     print(current_path())
    model/dense
    """
    return "/".join(scope_stack())


def flatten(structure: Any) -> list:
    """Leaves of nested lists, tuples and dicts (dicts by sorted key): ``tf.nest.flatten``.

    >>> flatten({"b": [1, 2], "a": 0})
    [0, 1, 2]
    """
    return tf.nest.flatten(structure)


def pack_like(structure: Any, leaves: Iterable) -> Any:
    """Rebuild ``structure`` with ``leaves`` (an iterator) in flatten's order.

    >>> pack_like({"b": [0, 0], "a": 0}, iter([1, 2, 3]))
    {'b': [2, 3], 'a': 1}
    """
    return tf.nest.pack_sequence_as(structure, list(leaves))


def map_structure(function: Callable, structure: Any) -> Any:
    """``function`` applied to every leaf: ``tf.nest.map_structure``.

    >>> map_structure(lambda x: x * 10, (1, [2, 3]))
    (10, [20, 30])
    """
    return tf.nest.map_structure(function, structure)


def standardize_tuple(value: Any, n: int, name: str) -> tuple[int, ...]:
    """An int or a sequence of ``n`` ints, as a tuple (kernel_size, strides, ...).

    >>> standardize_tuple(3, 2, "kernel_size"), standardize_tuple([1, 2], 2, "strides")
    ((3, 3), (1, 2))
    """
    if isinstance(value, int):
        return (value,) * n
    try:
        items = tuple(int(v) for v in value)
    except (TypeError, ValueError):
        items = ()
    if len(items) != n:
        raise ValueError(
            f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
        )
    return items
