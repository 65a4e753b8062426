"""Flatten and rebuild nested lists, tuples and dicts, the way tf.nest does.

Dicts flatten in sorted key order (insertion order when the keys have no
order, such as ``Variable.ref()`` keys) and are rebuilt with their original
key order; namedtuples keep their type.

>>> flatten({"b": 1, "a": [2, 3]})
[2, 3, 1]
>>> pack_sequence_as({"b": 0, "a": [0, 0]}, [20, 30, 10])
{'b': 10, 'a': [20, 30]}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _is_sequence(value) -> bool:
    return isinstance(value, (list, tuple, dict))


def _sorted_keys(mapping: dict) -> list:
    try:
        return sorted(mapping)
    except TypeError:
        return list(mapping)


def _children(value):
    if isinstance(value, dict):
        return [value[key] for key in _sorted_keys(value)]
    return list(value)


def flatten(structure: Any) -> list:
    """The leaves of a nested structure, depth first (dicts in sorted key order).

    >>> from tapeflow._nest import flatten
    >>> flatten({"b": [1, 2], "a": (3,)})
    [3, 1, 2]
    """
    if not _is_sequence(structure):
        return [structure]
    leaves = []
    stack = [structure]
    while stack:
        item = stack.pop()
        if _is_sequence(item):
            stack.extend(reversed(_children(item)))
        else:
            leaves.append(item)
    return leaves


def pack_sequence_as(structure: Any, flat_sequence: Iterable[Any]) -> Any:
    """Rebuild ``structure`` with its leaves replaced, in order, by ``flat_sequence``.

    >>> from tapeflow._nest import pack_sequence_as
    >>> pack_sequence_as([0, (0, 0)], "abc")
    ['a', ('b', 'c')]
    """
    return _rebuild(structure, iter(flat_sequence))


def _rebuild(item, leaves):
    # A module function, not a closure: a recursive closure is a reference cycle,
    # which would keep the leaves (gradients, often large arrays) alive until
    # Python's cycle collector happens to run.
    if isinstance(item, dict):
        rebuilt = {key: _rebuild(item[key], leaves) for key in _sorted_keys(item)}
        return type(item)((key, rebuilt[key]) for key in item)
    if isinstance(item, (list, tuple)):
        children = [_rebuild(child, leaves) for child in item]
        if isinstance(item, tuple) and hasattr(item, "_fields"):
            return type(item)(*children)
        return type(item)(children)
    return next(leaves)


def assert_same_structure(first: Any, second: Any) -> None:
    """ValueError unless the two structures nest the same way (leaves may differ).

    >>> from tapeflow._nest import assert_same_structure
    >>> assert_same_structure([1, (2,)], ["a", ("b",)])
    >>> assert_same_structure([1, 2], [1])
    Traceback (most recent call last):
    ...
    ValueError: The two structures don't have the same number of elements.
    <BLANKLINE>
    First structure: [1, 2]
    <BLANKLINE>
    Second structure: [1]
    """
    if _is_sequence(first) != _is_sequence(second):
        raise ValueError(
            "The two structures don't have the same nested structure.\n\n"
            f"First structure: {first!r}\n\nSecond structure: {second!r}"
        )
    if _is_sequence(first):
        a, b = _children(first), _children(second)
        if len(a) != len(b):
            raise ValueError(
                "The two structures don't have the same number of elements.\n\n"
                f"First structure: {first!r}\n\nSecond structure: {second!r}"
            )
        for x, y in zip(a, b):
            assert_same_structure(x, y)
