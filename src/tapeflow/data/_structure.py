"""Element structures of a dataset: nested tuples, dicts and tensors, and their specs.

An element is a tensor, a tuple (or namedtuple) of elements, or a dict of
elements. Lists are values, not structure (``from_tensor_slices([1, 2])``
slices one tensor), as in TensorFlow.

>>> from tapeflow.data._structure import flatten, pack
>>> leaves = flatten(({"a": 1, "b": 2}, 3))
>>> leaves, pack(({"a": 0, "b": 0}, 0), leaves)
([1, 2, 3], ({'a': 1, 'b': 2}, 3))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import tapeflow as tf


def _is_namedtuple(x: Any) -> bool:
    return isinstance(x, tuple) and hasattr(type(x), "_fields")


def flatten(structure: Any) -> list:
    """The leaves of ``structure`` (dicts in sorted key order).

    >>> flatten(({"b": 1, "a": 2}, 3))
    [2, 1, 3]
    """
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key])]
    if isinstance(structure, tuple):
        return [leaf for item in structure for leaf in flatten(item)]
    return [structure]


def pack(structure: Any, leaves: list) -> Any:
    """``structure`` with its leaves replaced by ``leaves`` in ``flatten``'s order.

    >>> pack(({"b": 0, "a": 0}, 0), [1, 2, 3])
    ({'b': 2, 'a': 1}, 3)
    """
    it = iter(leaves)
    result = _pack(structure, it)
    return result


def _pack(structure: Any, it: Any) -> Any:
    if isinstance(structure, dict):
        packed = {key: _pack(structure[key], it) for key in sorted(structure)}
        return type(structure)((key, packed[key]) for key in structure)
    if _is_namedtuple(structure):
        return type(structure)(*[_pack(item, it) for item in structure])
    if isinstance(structure, tuple):
        return tuple(_pack(item, it) for item in structure)
    return next(it)


def map_structure(fn: Callable, *structures: Any) -> Any:
    """``fn`` applied leaf by leaf to structures of the same shape.

    >>> map_structure(lambda x, y: x + y, (1, {"k": 2}), (10, {"k": 20}))
    (11, {'k': 22})
    """
    leaves = [flatten(s) for s in structures]
    if len({len(x) for x in leaves}) > 1:
        raise ValueError("The two structures don't have the same number of elements.")
    return pack(structures[0], [fn(*group) for group in zip(*leaves)])


class TensorSpec:
    """The type of one tensor component: shape (``None`` = any size) and dtype.

    >>> import tapeflow as tf
    >>> TensorSpec([None, 2], tf.float32)
    TensorSpec(shape=(None, 2), dtype=tf.float32, name=None)
    """

    def __init__(self, shape: Any, dtype: Any = tf.float32, name: str | None = None) -> None:
        self.shape = tf.TensorShape(shape)
        self.dtype = tf.as_dtype(dtype)
        self.name = name

    def __repr__(self) -> str:
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r}, name={self.name!r})"

    def __eq__(self, other: object) -> bool:
        return (
            hasattr(other, "shape")
            and hasattr(other, "dtype")
            and tf.TensorShape(other.shape).as_list() == self.shape.as_list()
            and other.dtype == self.dtype
        )

    def __hash__(self) -> int:
        return hash((str(self.shape), self.dtype.name))

    def is_compatible_with(self, value: Any) -> bool:
        """Whether a tensor (or spec) fits this spec's dtype and shape.

        >>> spec = TensorSpec([None, 2], tf.float32)
        >>> spec.is_compatible_with(tf.zeros((5, 2))), spec.is_compatible_with(tf.zeros((5, 3)))
        (True, False)
        """
        return self.dtype == value.dtype and self.shape.is_compatible_with(value.shape)


def spec_class() -> type:
    """tf.TensorSpec when tapeflow has one, else this module's.

    >>> spec_class()([3], tf.int32)
    TensorSpec(shape=(3,), dtype=tf.int32, name=None)
    """
    return getattr(tf, "TensorSpec", TensorSpec)


def spec_of(tensor: Any, drop_leading: bool = False) -> Any:
    """The spec of ``tensor`` (without its first axis when ``drop_leading``).

    >>> spec_of(tf.zeros((4, 2)), drop_leading=True)
    TensorSpec(shape=(2,), dtype=tf.float32, name=None)
    """
    shape = list(tensor.shape)
    if drop_leading:
        shape = shape[1:]
    return spec_class()(shape, tensor.dtype)


def relaxed(spec: Any, leading: int | None = None) -> Any:
    """``spec`` with a leading axis of size ``leading`` added.

    >>> relaxed(tf.TensorSpec([2], tf.float32))
    TensorSpec(shape=(None, 2), dtype=tf.float32, name=None)
    """
    return spec_class()([leading, *spec.shape.as_list()], spec.dtype)


def most_specific_compatible(a: Any, b: Any) -> Any:
    """A spec that both ``a`` and ``b`` fit (unequal sizes become ``None``).

    >>> most_specific_compatible(tf.TensorSpec([2, 3]), tf.TensorSpec([4, 3]))
    TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
    """
    da, db = a.shape.as_list(), b.shape.as_list()
    if a.dtype != b.dtype or len(da) != len(db):
        raise TypeError(f"Incompatible dataset elements:\n  {a}\nvs.\n  {b}")
    return spec_class()([x if x == y else None for x, y in zip(da, db)], a.dtype)


def to_tensor(value: Any) -> Any:
    """``value`` as a Tensor (a Tensor passes through).

    >>> to_tensor([1, 2])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    if isinstance(value, tf.Tensor):
        return value
    return tf.convert_to_tensor(value)


def normalize(element: Any) -> Any:
    """Every leaf of an element as a Tensor (lists become tensors, not structure).

    >>> normalize({"x": [1.0, 2.0], "y": 3})
    {'x': <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>, 'y': <tf.Tensor: shape=(), dtype=int32, numpy=3>}
    """
    if isinstance(element, dict):
        return type(element)((k, normalize(v)) for k, v in element.items())
    if _is_namedtuple(element):
        return type(element)(*[normalize(v) for v in element])
    if isinstance(element, tuple):
        return tuple(normalize(v) for v in element)
    return to_tensor(element)


def to_numpy(element: Any) -> Any:
    """An element with each tensor as its NumPy value (what ``as_numpy_iterator`` yields).

    >>> to_numpy((tf.constant(1), {"a": tf.constant([2.0])}))
    (np.int32(1), {'a': array([2.], dtype=float32)})
    """
    return map_structure(lambda t: t.numpy() if hasattr(t, "numpy") else np.asarray(t), element)
