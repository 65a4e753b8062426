"""tf.sparse, the small part tapeflow has: the ``SparseTensor`` value and its
conversions to and from dense tensors.

It exists because TensorFlow's CTC decoders return SparseTensors and
``tf.nn.ctc_loss`` accepts sparse labels. A SparseTensor here is a plain
value (three tensors); no op computes on it except ``to_dense``, and it has no
gradient (docs/deviations.md).

>>> import tapeflow as tf
>>> s = tf.sparse.from_dense(tf.constant([[1, 0, 2], [0, 3, 0]]))
>>> s.indices.numpy().tolist(), s.values.numpy().tolist(), s.shape
([[0, 0], [0, 2], [1, 1]], [1, 2, 3], TensorShape([2, 3]))
>>> print(tf.sparse.to_dense(s))
tf.Tensor(
[[1 0 2]
 [0 3 0]], shape=(2, 3), dtype=int32)
"""

from __future__ import annotations

import numpy as np

from . import _backend
from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, as_tensor, convert_to_tensor, wrap
from ._types import TensorLike
from .errors import InvalidArgumentError

__all__ = ["SparseTensor", "from_dense", "to_dense"]


def _host(tensor: Tensor) -> np.ndarray:
    return np.asarray(_backend.to_host(tensor._value))


class SparseTensor:
    """A sparse tensor: ``values[i]`` sits at ``indices[i]`` of a ``dense_shape`` array.

    >>> import tapeflow as tf
    >>> s = tf.SparseTensor(indices=[[0, 1]], values=[2.0], dense_shape=[2, 2])
    >>> print(s)
    SparseTensor(indices=tf.Tensor([[0 1]], shape=(1, 2), dtype=int64), \
values=tf.Tensor([2.], shape=(1,), dtype=float32), \
dense_shape=tf.Tensor([2 2], shape=(2,), dtype=int64))
    """

    def __init__(self, indices: TensorLike, values: TensorLike, dense_shape: TensorLike):
        self._indices = convert_to_tensor(indices, dtype=_dt.int64)
        self._values = as_tensor(values)
        self._dense_shape = convert_to_tensor(dense_shape, dtype=_dt.int64)
        if self._indices._value.ndim != 2 or self._values._value.ndim != 1:
            raise ValueError(
                f"Shape {self._indices.shape} must have rank 2"
                if self._indices._value.ndim != 2
                else f"Shape {self._values.shape} must have rank 1"
            )

    @property
    def indices(self) -> Tensor:
        """The [N, rank] int64 positions of the values.

        >>> import tapeflow as tf
        >>> tf.SparseTensor([[1]], [5], [3]).indices.numpy().tolist()
        [[1]]
        """
        return self._indices

    @property
    def values(self) -> Tensor:
        """The N values.

        >>> import tapeflow as tf
        >>> tf.SparseTensor([[1]], [5], [3]).values.numpy().tolist()
        [5]
        """
        return self._values

    @property
    def dense_shape(self) -> Tensor:
        """The dense tensor's shape, an int64 vector.

        >>> import tapeflow as tf
        >>> tf.SparseTensor([[1]], [5], [3]).dense_shape.numpy().tolist()
        [3]
        """
        return self._dense_shape

    @property
    def shape(self) -> TensorShape:
        """The dense shape as a TensorShape.

        >>> import tapeflow as tf
        >>> tf.SparseTensor([[1]], [5], [3]).shape
        TensorShape([3])
        """
        return TensorShape([int(d) for d in _host(self._dense_shape)])

    @property
    def dtype(self) -> _dt.DType:
        """The values' dtype.

        >>> import tapeflow as tf
        >>> tf.SparseTensor([[1]], [5.0], [3]).dtype
        tf.float32
        """
        return self._values.dtype

    def __repr__(self) -> str:
        return (
            f"SparseTensor(indices={self._indices!s}, values={self._values!s}, "
            f"dense_shape={self._dense_shape!s})"
        )

    __str__ = __repr__


def from_dense(tensor: TensorLike, name: str | None = None) -> SparseTensor:
    """The non-zero entries of a dense tensor, in row-major order.

    >>> import tapeflow as tf
    >>> tf.sparse.from_dense([0.0, 4.0]).indices.numpy().tolist()
    [[1]]
    """
    dense = as_tensor(tensor)
    array = _host(dense)
    nonzero = array != np.zeros((), array.dtype)
    indices = np.argwhere(nonzero).astype(np.int64)
    return SparseTensor(wrap(indices), wrap(array[nonzero]), wrap(np.array(array.shape, np.int64)))


def to_dense(
    sp_input: SparseTensor,
    default_value: TensorLike | None = None,
    validate_indices: bool = True,
    name: str | None = None,
) -> Tensor:
    """The dense tensor: ``default_value`` (0) wherever no value is given.

    >>> import tapeflow as tf
    >>> tf.sparse.to_dense(tf.SparseTensor([[1]], [5], [3])).numpy().tolist()
    [0, 5, 0]
    """
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")  # TF-TEXT
    values = _host(sp_input.values)
    shape = tuple(int(d) for d in _host(sp_input.dense_shape))
    fill = 0 if default_value is None else _host(as_tensor(default_value))
    out = np.full(shape, fill, dtype=values.dtype)
    indices = _host(sp_input.indices)
    if indices.size:
        bad = (indices < 0) | (indices >= np.array(shape, np.int64))
        if bad.any():
            row = int(np.argmax(bad.any(axis=1)))
            raise InvalidArgumentError(
                f"indices[{row}] = [{', '.join(str(i) for i in indices[row])}] is out of bounds: "
                f"need 0 <= index < [{', '.join(str(d) for d in shape)}]"
            )
        out[tuple(indices.T)] = values
    return wrap(out)
