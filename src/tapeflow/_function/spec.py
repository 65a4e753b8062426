"""tf.TensorSpec, and the symbolic tensors a ConcreteFunction shows."""

from __future__ import annotations

from typing import Any

from .. import dtypes as _dt
from .._tensor import TensorShape
from .._types import DTypeLike, ShapeLike, TensorLike

__all__ = ["TensorSpec", "SymbolicTensor"]


class TensorSpec:
    """The type of a tensor: a shape (``None`` for unknown dimensions) and a dtype.

    >>> import tapeflow as tf
    >>> spec = tf.TensorSpec([None, 3], tf.float32, name="x")
    >>> spec
    TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')
    >>> spec.is_compatible_with(tf.zeros([2, 3]))
    True
    """

    __slots__ = ("_shape", "_dtype", "_name")

    def __init__(
        self, shape: ShapeLike, dtype: DTypeLike = _dt.float32, name: str | None = None
    ) -> None:
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_tensor(cls, tensor: TensorLike, name: str | None = None) -> TensorSpec:
        """The spec of ``tensor``'s shape and dtype.

        >>> import tapeflow as tf
        >>> tf.TensorSpec.from_tensor(tf.zeros([2, 3], tf.int32), name="ids")
        TensorSpec(shape=(2, 3), dtype=tf.int32, name='ids')
        """
        return cls(tensor.shape, tensor.dtype, name)

    @property
    def shape(self) -> TensorShape:
        """The shape, None for each unknown dimension.

        >>> import tapeflow as tf
        >>> tf.TensorSpec([None, 3]).shape
        TensorShape([None, 3])
        """
        return self._shape

    @property
    def dtype(self) -> _dt.DType:
        """The element dtype.

        >>> import tapeflow as tf
        >>> tf.TensorSpec([2], tf.int64).dtype
        tf.int64
        """
        return self._dtype

    @property
    def name(self) -> str | None:
        """The name given to the spec (the argument it names in a ConcreteFunction).

        >>> import tapeflow as tf
        >>> tf.TensorSpec([2], name="x").name
        'x'
        """
        return self._name

    def is_compatible_with(self, other: Any) -> bool:
        """True when ``other`` (a spec or a tensor) has this dtype and a compatible shape.

        >>> import tapeflow as tf
        >>> spec = tf.TensorSpec([None], tf.float32)
        >>> spec.is_compatible_with(tf.constant([1.0, 2.0])), spec.is_compatible_with(tf.constant([1]))
        (True, False)
        """
        if isinstance(other, TensorSpec):
            return self._dtype == other._dtype and self._shape.is_compatible_with(other._shape)
        dtype = getattr(other, "dtype", None)
        if dtype is None:
            return False
        return self._dtype == dtype and self._shape.is_compatible_with(other.shape)

    def most_specific_common_supertype(self, others: list[TensorSpec]) -> TensorSpec | None:
        """The most specific spec covering this one and ``others`` (None when dtypes differ).

        >>> import tapeflow as tf
        >>> tf.TensorSpec([2, 3]).most_specific_common_supertype([tf.TensorSpec([4, 3])])
        TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)
        """
        shape = self._shape
        for other in others:
            if other._dtype != self._dtype:
                return None
            shape = _common_shape(shape, other._shape)
        return TensorSpec(shape, self._dtype)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, TensorSpec)
            and self._shape == other._shape
            and self._dtype == other._dtype
            and self._name == other._name
        )

    def __hash__(self) -> int:
        return hash((self._shape, self._dtype, self._name))

    def __repr__(self) -> str:
        return f"TensorSpec(shape={self._shape}, dtype=tf.{self._dtype.name}, name={self._name!r})"


def _common_shape(a: TensorShape, b: TensorShape) -> TensorShape:
    if a.rank is None or b.rank is None or a.rank != b.rank:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a, b)])


class SymbolicTensor:
    """A graph tensor as a ConcreteFunction shows it (``inputs``, ``structured_outputs``).

    >>> import tapeflow as tf
    >>> from tapeflow._function.spec import SymbolicTensor
    >>> print(SymbolicTensor("x:0", tf.TensorShape([None, 3]), tf.float32))
    Tensor("x:0", shape=(None, 3), dtype=float32)
    """

    __slots__ = ("name", "shape", "dtype")

    def __init__(self, name: str, shape: TensorShape, dtype: _dt.DType) -> None:
        self.name = name
        self.shape = shape
        self.dtype = dtype

    def __str__(self) -> str:
        if self.shape.rank is None:
            return f'Tensor("{self.name}", dtype={self.dtype.name})'
        return f'Tensor("{self.name}", shape={self.shape}, dtype={self.dtype.name})'

    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"
