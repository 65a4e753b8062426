"""tf.TensorSpec, and the symbolic tensors a ConcreteFunction shows."""

from __future__ import annotations

from .. import dtypes as _dt
from .._tensor import TensorShape

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

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self._shape = TensorShape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_tensor(cls, tensor, name=None) -> TensorSpec:
        return cls(tensor.shape, tensor.dtype, name)

    @property
    def shape(self) -> TensorShape:
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    def is_compatible_with(self, other) -> bool:
        if isinstance(other, TensorSpec):
            return self._dtype == other._dtype and self._shape.is_compatible_with(other._shape)
        dtype = getattr(other, "dtype", None)
        if dtype is None:
            return False
        return self._dtype == dtype and self._shape.is_compatible_with(other.shape)

    def most_specific_common_supertype(self, others):
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
    """A graph tensor as a ConcreteFunction shows it (``inputs``, ``structured_outputs``)."""

    __slots__ = ("name", "shape", "dtype")

    def __init__(self, name: str, shape: TensorShape, dtype):
        self.name = name
        self.shape = shape
        self.dtype = dtype

    def __str__(self) -> str:
        if self.shape.rank is None:
            return f'Tensor("{self.name}", dtype={self.dtype.name})'
        return f'Tensor("{self.name}", shape={self.shape}, dtype={self.dtype.name})'

    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"
