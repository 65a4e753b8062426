"""``tf.nest``: flatten, rebuild and map nested lists, tuples and dicts.

Dicts flatten in sorted key order; None is a leaf, as in TensorFlow.

>>> import tapeflow as tf
>>> tf.nest.flatten({"b": [1, 2], "a": 3})
[3, 1, 2]
>>> tf.nest.map_structure(lambda v: v * 10, (1, [2]))
(10, [20])
"""

from collections.abc import Callable as _Callable
from collections.abc import Iterable as _Iterable
from typing import Any as _Any

from ._nest import _is_sequence
from ._nest import assert_same_structure as _assert_same_structure
from ._nest import flatten as _flatten
from ._nest import pack_sequence_as as _pack_sequence_as

__all__ = ["flatten", "pack_sequence_as", "map_structure", "is_nested", "assert_same_structure"]


def flatten(structure: _Any, expand_composites: bool = False) -> list:
    """The leaves of ``structure``, depth first.

    >>> import tapeflow as tf
    >>> tf.nest.flatten([1, (2, None)])
    [1, 2, None]
    """
    return _flatten(structure)


def pack_sequence_as(
    structure: _Any, flat_sequence: _Iterable[_Any], expand_composites: bool = False
) -> _Any:
    """``structure`` with its leaves replaced, in order, by ``flat_sequence``.

    >>> import tapeflow as tf
    >>> tf.nest.pack_sequence_as({"b": 0, "a": 0}, [1, 2])
    {'b': 2, 'a': 1}
    """
    flat_sequence = list(flat_sequence)
    expected = len(_flatten(structure))
    if len(flat_sequence) != expected:
        raise ValueError(
            f"Could not pack sequence. Structure had {expected} atoms, but flat_sequence "
            f"had {len(flat_sequence)} items. Structure: {structure!r}, flat_sequence: "
            f"{flat_sequence!r}."
        )
    return _pack_sequence_as(structure, flat_sequence)


def is_nested(structure: _Any) -> bool:
    """True for lists, tuples and dicts.

    >>> import tapeflow as tf
    >>> tf.nest.is_nested([1]), tf.nest.is_nested(1)
    (True, False)
    """
    return _is_sequence(structure)


def assert_same_structure(nest1: _Any, nest2: _Any, check_types: bool = True,
                          expand_composites: bool = False) -> None:  # fmt: skip
    """Raise ValueError unless both structures nest the same way.

    >>> import tapeflow as tf
    >>> tf.nest.assert_same_structure([1, (2,)], [3, (4,)])
    """
    _assert_same_structure(nest1, nest2)


def map_structure(func: _Callable, *structure: _Any, **kwargs: _Any) -> _Any:
    """Apply ``func`` to the leaves of one or more structures of the same shape.

    >>> import tapeflow as tf
    >>> tf.nest.map_structure(lambda a, b: a + b, (1, [2]), (10, [20]))
    (11, [22])
    """
    if not structure:
        raise ValueError("Must provide at least one structure")
    for other in structure[1:]:
        _assert_same_structure(structure[0], other)
    columns = zip(*(_flatten(s) for s in structure))
    return _pack_sequence_as(structure[0], [func(*leaves) for leaves in columns])
