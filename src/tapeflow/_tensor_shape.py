"""TensorShape: a tensor's shape, possibly with unknown dimensions, printed as TensorFlow does."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._types import ShapeLike


class TensorShape:
    """The shape of a tensor: a tuple of dimensions, printed the TensorFlow way.

    >>> import tapeflow as tf
    >>> s = tf.TensorShape([2, 3])
    >>> print(s), s, s.as_list(), s == (2, 3)
    (2, 3)
    (None, TensorShape([2, 3]), [2, 3], True)
    """

    __slots__ = ("_dims",)
    _dims: tuple[int | None, ...] | None

    def __init__(self, dims: ShapeLike) -> None:
        if isinstance(dims, TensorShape):
            dims = dims._dims
        if dims is None:
            self._dims = None
        elif isinstance(dims, (int, np.integer)):
            self._dims = (int(dims),)
        else:
            self._dims = tuple(None if d is None else int(d) for d in dims)

    @property
    def rank(self) -> int | None:
        """The number of dimensions, or None when even that is unknown.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, None]).rank, tf.TensorShape(None).rank
        (2, None)
        """
        return None if self._dims is None else len(self._dims)

    ndims = rank

    @property
    def dims(self) -> list[Any] | None:
        """The dimensions as a list (None for an unknown one), or None for an unknown rank.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, None]).dims
        [2, None]
        """
        return None if self._dims is None else list(self._dims)

    def as_list(self) -> list[Any]:
        """The dimensions as a list; ValueError for an unknown rank.

        >>> import tapeflow as tf
        >>> tf.TensorShape([4, None, 3]).as_list()
        [4, None, 3]
        """
        if self._dims is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self._dims)

    def num_elements(self) -> int | None:
        """How many elements a tensor of this shape holds; None unless fully defined.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).num_elements(), tf.TensorShape([2, None]).num_elements()
        (6, None)
        """
        if not self.is_fully_defined():
            return None
        dims: Any = self._dims
        return int(np.prod(dims, dtype=np.int64))

    def is_fully_defined(self) -> bool:
        """True when the rank and every dimension are known.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).is_fully_defined(), tf.TensorShape([None, 3]).is_fully_defined()
        (True, False)
        """
        return self._dims is not None and None not in self._dims

    def is_compatible_with(self, other: ShapeLike) -> bool:
        """True when the two shapes could describe the same tensor.

        >>> import tapeflow as tf
        >>> s = tf.TensorShape([None, 3])
        >>> s.is_compatible_with([2, 3]), s.is_compatible_with([2, 4])
        (True, False)
        """
        other = TensorShape(other)
        if self._dims is None or other._dims is None:
            return True
        if len(self._dims) != len(other._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, other._dims))

    def merge_with(self, other: ShapeLike) -> TensorShape:
        """The most specific shape compatible with both; ValueError if they conflict.

        >>> import tapeflow as tf
        >>> tf.TensorShape([None, 3]).merge_with([2, None])
        TensorShape([2, 3])
        """
        other = TensorShape(other)
        if self._dims is None:
            return other
        if other._dims is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([a if a is not None else b for a, b in zip(self._dims, other._dims)])

    def most_specific_compatible_shape(self, other: ShapeLike) -> TensorShape:
        """The most specific shape that both shapes are compatible with.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).most_specific_compatible_shape([2, 4])
        TensorShape([2, None])
        """
        other = TensorShape(other)
        if self._dims is None or other._dims is None or len(self._dims) != len(other._dims):
            return TensorShape(None)
        return TensorShape([a if a == b else None for a, b in zip(self._dims, other._dims)])

    def is_subtype_of(self, other: ShapeLike) -> bool:
        """True if every dimension of ``other`` is unknown or equal to this one's.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).is_subtype_of([None, 3]), tf.TensorShape([None, 3]).is_subtype_of([2, 3])
        (True, False)
        """
        other = TensorShape(other)
        if other._dims is None:
            return True
        if self._dims is None or len(self._dims) != len(other._dims):
            return False
        return all(b is None or a == b for a, b in zip(self._dims, other._dims))

    def assert_is_compatible_with(self, other: ShapeLike) -> None:
        """ValueError unless the two shapes are compatible.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).assert_is_compatible_with([2, 4])
        Traceback (most recent call last):
        ...
        ValueError: Shapes (2, 3) and [2, 4] are incompatible
        """
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are incompatible")

    def assert_has_rank(self, rank: int) -> None:
        """ValueError unless the rank is ``rank`` (or unknown).

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).assert_has_rank(3)
        Traceback (most recent call last):
        ...
        ValueError: Shape (2, 3) must have rank 3
        """
        if self._dims is not None and len(self._dims) != rank:
            raise ValueError(f"Shape {self} must have rank {rank}")

    def assert_same_rank(self, other: ShapeLike) -> None:
        """ValueError unless both ranks are equal (or either is unknown).

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).assert_same_rank([5, 6])
        >>> tf.TensorShape([2, 3]).assert_same_rank([5])
        Traceback (most recent call last):
        ...
        ValueError: Shapes (2, 3) and (5,) must have the same rank
        """
        other = TensorShape(other)
        if self._dims is not None and other._dims is not None:
            if len(self._dims) != len(other._dims):
                raise ValueError(f"Shapes {self} and {other} must have the same rank")

    def with_rank(self, rank: int) -> TensorShape:
        """This shape, known to have ``rank`` dimensions; ValueError otherwise.

        >>> import tapeflow as tf
        >>> tf.TensorShape(None).with_rank(2)
        TensorShape([None, None])
        """
        if self._dims is None:
            return TensorShape([None] * rank)
        self.assert_has_rank(rank)
        return self

    def with_rank_at_least(self, rank: int) -> TensorShape:
        """This shape, if it has at least ``rank`` dimensions; ValueError otherwise.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).with_rank_at_least(1)
        TensorShape([2, 3])
        """
        if self._dims is not None and len(self._dims) < rank:
            raise ValueError(f"Shape {self} must have rank at least {rank}")
        return self

    def with_rank_at_most(self, rank: int) -> TensorShape:
        """This shape, if it has at most ``rank`` dimensions; ValueError otherwise.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2, 3]).with_rank_at_most(1)
        Traceback (most recent call last):
        ...
        ValueError: Shape (2, 3) must have rank at most 1
        """
        if self._dims is not None and len(self._dims) > rank:
            raise ValueError(f"Shape {self} must have rank at most {rank}")
        return self

    def concatenate(self, other: ShapeLike) -> TensorShape:
        """The dimensions of this shape followed by those of ``other``.

        >>> import tapeflow as tf
        >>> tf.TensorShape([2]).concatenate([None, 3])
        TensorShape([2, None, 3])
        """
        other = TensorShape(other)
        if self._dims is None or other._dims is None:
            return TensorShape(None)
        return TensorShape(self._dims + other._dims)

    def __add__(self, other):
        return self.concatenate(other)

    def __len__(self) -> int:
        if self._dims is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self._dims)

    def __iter__(self):
        if self._dims is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter(self._dims)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return TensorShape(self._dims[key])
        return self._dims[key]

    def __eq__(self, other) -> bool:
        try:
            other = TensorShape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return self._dims == other._dims

    def __ne__(self, other) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self) -> int:
        return hash(self._dims)

    def __bool__(self) -> bool:
        return self._dims is not None

    def __repr__(self) -> str:
        if self._dims is None:
            return "TensorShape(None)"
        return f"TensorShape({list(self._dims)})"

    def __str__(self) -> str:
        if self._dims is None:
            return "<unknown>"
        if len(self._dims) == 1:
            return f"({self._dims[0]},)"
        return "(" + ", ".join(str(d) for d in self._dims) + ")"
