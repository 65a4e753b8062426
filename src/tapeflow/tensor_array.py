"""``tf.TensorArray``: a list of same-dtype tensors, as TensorFlow keeps one eagerly.

Eagerly TensorFlow's TensorArray is a Python list of eager tensors, and so is
this one: ``write`` stores the tensor itself, ``read`` returns it, and
``stack``/``gather``/``concat``/``unstack``/``scatter``/``split`` are the
ordinary ops of the same names. A tape therefore sees every path from what
was written to what is read, with no rules of its own. ``write`` and the
other mutators change the array in place and return it, as TF's eager
implementation does (write-once and the flow tensor are graph-mode notions).

>>> import tapeflow as tf
>>> ta = tf.TensorArray(tf.float32, size=2)
>>> ta = ta.write(0, tf.constant([1.0, 2.0]))
>>> ta = ta.write(1, tf.constant([3.0, 4.0]))
>>> print(ta.stack())
tf.Tensor(
[[1. 2.]
 [3. 4.]], shape=(2, 2), dtype=float32)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _log
from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor
from ._types import DTypeLike, ShapeLike, TensorLike
from .errors import InvalidArgumentError, OutOfRangeError

__all__ = ["TensorArray"]


def _merge(known: TensorShape, new: TensorShape) -> TensorShape:
    """The most specific shape compatible with both (TensorShape.merge_with)."""
    if known.rank is None:
        return new
    if new.rank is None:
        return known
    return TensorShape([a if a is not None else b for a, b in zip(known, new)])


# Indices are read with int() so that a tf.function trace sees each read
# (and keeps it as a guard); eagerly int() is a plain conversion.
def _index(value) -> int:
    return int(value)


def _indices(values) -> list:
    if isinstance(values, Tensor):
        return [int(i) for i in values]
    return [int(i) for i in np.asarray(values).reshape(-1)]


class TensorArray:
    """A growable list of tensors of one dtype (TF's ``tf.TensorArray``).

    ``size`` entries start unwritten; ``dynamic_size=True`` lets writes past
    the end grow it. With ``clear_after_read`` (the default) an entry can be
    read once. Unwritten entries read as zeros of the element shape. Values
    pass through unchanged, so gradients flow from reads back to writes.

    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ...     for i in range(3):
    ...         ta = ta.write(i, x ** (i + 1))
    ...     total = tf.reduce_sum(ta.stack())
    >>> print(total, tape.gradient(total, x))
    tf.Tensor(39.0, shape=(), dtype=float32) tf.Tensor(34.0, shape=(), dtype=float32)
    """

    def __init__(
        self,
        dtype: DTypeLike,
        size: TensorLike = None,
        dynamic_size: bool | None = None,
        clear_after_read: bool | None = None,
        tensor_array_name: str | None = None,
        handle: Any = None,
        flow: Any = None,
        infer_shape: bool = True,
        element_shape: ShapeLike = None,
        colocate_with_first_write_call: bool = True,
        name: str | None = None,
    ) -> None:
        if handle is not None:
            raise ValueError(
                "TensorArray handles are not supported when eager execution is enabled."
            )
        if size is None:
            raise ValueError(
                "Size must be declared for TensorArrays when eager execution is enabled."
            )
        self._dtype = _dt.as_dtype(dtype)
        self._dynamic_size = bool(dynamic_size)
        self._clear_after_read = True if clear_after_read is None else bool(clear_after_read)
        self._infer_shape = infer_shape
        self._element_shape = TensorShape(element_shape)
        self._read_before: set = set()
        self._tensors: list = [None] * _index(size)

    # -- properties ----------------------------------------------------------
    @property
    def dtype(self) -> _dt.DType:
        """The dtype of every entry.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.int32, size=1).dtype
        tf.int32
        """
        return self._dtype

    @property
    def element_shape(self) -> TensorShape:
        """The shape every entry has, as far as known (refined by writes).

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.float32, size=1)
        >>> ta.element_shape, ta.write(0, tf.zeros([2, 3])).element_shape
        (TensorShape(None), TensorShape([2, 3]))
        """
        return self._element_shape

    @property
    def dynamic_size(self) -> bool:
        """Whether writes past the end grow the array.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.float32, size=0, dynamic_size=True).dynamic_size
        True
        """
        return self._dynamic_size

    @property
    def flow(self) -> Tensor:
        """For compatibility: eagerly the flow is a constant 0.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.float32, size=1).flow
        <tf.Tensor: shape=(), dtype=int32, numpy=0>
        """
        return convert_to_tensor(0)

    @property
    def handle(self) -> None:
        """None: an eager TensorArray has no resource handle.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.float32, size=1).handle is None
        True
        """
        return None

    def identity(self) -> TensorArray:
        """The same array (eagerly there is no flow to order).

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.float32, size=1)
        >>> ta.identity() is ta
        True
        """
        return self

    def grad(self, source: str, flow: Any = None, name: str | None = None) -> TensorArray:
        """Not available eagerly, as in TensorFlow: tapes differentiate reads and writes.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.float32, size=1).grad("grad")
        Traceback (most recent call last):
        ...
        NotImplementedError: TensorArray.grad is not supported when executing eagerly; eager's gradient implementation does not use/need this function to compute gradients of operations that use TensorArrays.
        """
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient "
            "implementation does not use/need this function to compute gradients of "
            "operations that use TensorArrays."
        )

    # -- element access --------------------------------------------------------
    def read(self, index: TensorLike, name: str | None = None) -> Tensor:
        """The tensor at ``index`` (zeros of the element shape if never written).

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.float32, size=2, element_shape=[2])
        >>> ta = ta.write(0, [1.0, 2.0])
        >>> print(ta.read(0), ta.read(1))
        tf.Tensor([1. 2.], shape=(2,), dtype=float32) tf.Tensor([0. 0.], shape=(2,), dtype=float32)
        """
        index = _index(index)
        if index < 0:
            raise OutOfRangeError(
                None, None, f"Reading from negative indices (index {index}) is not allowed."
            )
        if index >= len(self._tensors):
            raise OutOfRangeError(
                None,
                None,
                f"Tried to read from index {index} but array size is: {len(self._tensors)} ",
            )
        tensor = self._tensors[index]
        if tensor is None:
            if index in self._read_before:
                raise InvalidArgumentError(
                    None,
                    None,
                    f"Could not read index {index} twice because it was cleared after a "
                    "previous read (perhaps try setting clear_after_read = false?)",
                )
            tensor = self._zero_filled(index)
        if self._clear_after_read:
            self._tensors[index] = None
            self._read_before.add(index)
        return tensor

    def _store(self, index: int, value) -> None:
        if index < 0:
            raise OutOfRangeError(
                None, None, f"Writing to negative indices (index {index}) is not allowed."
            )
        size = len(self._tensors)
        if index >= size and not self._dynamic_size:
            raise OutOfRangeError(
                None,
                None,
                f"Tried to write to index {index} but array is not resizeable and size is: {size} ",
            )
        if not isinstance(value, Tensor):
            value = convert_to_tensor(value, dtype_hint=self._dtype)
        if value.dtype != self._dtype:
            raise InvalidArgumentError(
                None,
                None,
                f"TensorArray dtype is {self._dtype.name} but Op is trying to write dtype "
                f"{value.dtype.name} ",
            )
        if self._element_shape._dims != np.shape(value._value):  # else nothing to check
            shape = TensorShape(np.shape(value._value))
            if not self._element_shape.is_compatible_with(shape):
                raise ValueError(
                    f"Incompatible shape for value ({shape}), expected ({self._element_shape})"
                )
            if self._infer_shape:
                self._element_shape = _merge(self._element_shape, shape)
        # Grow only once the value is known good: a refused write leaves the array as it was.
        if index >= size:
            self._tensors.extend([None] * (index - size + 1))
        self._tensors[index] = value

    def write(self, index: TensorLike, value: TensorLike, name: str | None = None) -> TensorArray:
        """Store ``value`` at ``index``; returns this array.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=2)
        >>> ta.write(1, 7).read(1)
        <tf.Tensor: shape=(), dtype=int32, numpy=7>
        """
        self._store(_index(index), value)
        return self

    def _zero_filled(self, index: int) -> Tensor:
        from .arrays import zeros

        tensor = self._tensors[index]
        if tensor is None:
            if not self._element_shape.is_fully_defined():
                raise ValueError(
                    f"Cannot convert a partially known TensorShape {self._element_shape} to a "
                    "Tensor."
                )
            tensor = self._tensors[index] = zeros(self._element_shape, dtype=self._dtype)
        return tensor

    # -- whole-array ops -------------------------------------------------------
    def stack(self, name: str | None = None) -> Tensor:
        """All entries stacked along a new first axis.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=2).write(0, [1, 2]).write(1, [3, 4])
        >>> ta.stack().numpy().tolist()
        [[1, 2], [3, 4]]
        """
        from .arrays import stack, zeros

        if self._tensors:
            # TF packs the list through convert_to_tensor, whose op is named "packed".
            return stack([self._zero_filled(i) for i in range(len(self._tensors))], name="packed")
        if self._element_shape.is_fully_defined():
            return zeros([0, *self._element_shape], dtype=self._dtype)
        return convert_to_tensor(np.zeros(0, self._dtype.as_numpy_dtype))

    def gather(self, indices: TensorLike, name: str | None = None) -> Tensor:
        """The entries at ``indices``, stacked.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=3).unstack([10, 20, 30])
        >>> ta.gather([2, 0]).numpy().tolist()
        [30, 10]
        """
        from .arrays import stack

        return stack([self._zero_filled(i) for i in _indices(indices)])

    def concat(self, name: str | None = None) -> Tensor:
        """All entries joined along their first axis.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=2, infer_shape=False)
        >>> ta = ta.write(0, [1]).write(1, [2, 3])
        >>> ta.concat().numpy().tolist()
        [1, 2, 3]
        """
        from .arrays import concat, identity

        tensors = [self._zero_filled(i) for i in range(len(self._tensors))]
        if len(tensors) == 1:
            return identity(tensors[0])  # TF's concat of one tensor is an identity
        for position, tensor in enumerate(tensors):
            if np.ndim(tensor._value) == 0:
                raise InvalidArgumentError(
                    None,
                    None,
                    f"Concat saw a scalar shape at index {position} but requires at least vectors.",
                )
        return concat(tensors, 0)

    def unstack(self, value: TensorLike, name: str | None = None) -> TensorArray:
        """Replace the entries by the rows of ``value``.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.float32, size=2).unstack([[1.0, 2.0], [3.0, 4.0]])
        >>> ta.read(1).numpy().tolist()
        [3.0, 4.0]
        """
        from .arrays import unstack

        tensors = unstack(value)
        if len(tensors) > len(self._tensors) and not self._dynamic_size:
            raise ValueError(
                f"Cannot unstack {len(tensors)} tensors into a TensorArray of static size "
                f"{len(self._tensors)} "
            )
        self._tensors = list(tensors)
        return self

    def scatter(
        self, indices: TensorLike, value: TensorLike, name: str | None = None
    ) -> TensorArray:
        """Write the rows of ``value`` at ``indices``.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=3, element_shape=[])
        >>> ta.scatter([0, 2], [5, 6]).stack().numpy().tolist()
        [5, 0, 6]
        """
        from .arrays import unstack

        for index, row in zip(_indices(indices), unstack(value)):
            self._store(index, row)
        return self

    def split(self, value: TensorLike, lengths: TensorLike, name: str | None = None) -> TensorArray:
        """Replace the entries by pieces of ``value`` of the given ``lengths`` along axis 0.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.int32, size=2).split([1, 2, 3], [1, 2])
        >>> ta.read(1).numpy().tolist()
        [2, 3]
        """
        from .arrays import split

        value = convert_to_tensor(value, dtype_hint=self._dtype)
        if value.dtype != self._dtype:
            _log.logger().error(
                "Error: Input value %s has dtype %s, but expected dtype %s.  This leads to "
                "undefined behavior and will be an error in future versions of TensorFlow.",
                value,
                value.dtype,
                self._dtype,
            )
        lengths = convert_to_tensor(lengths)
        if lengths.ndim == 1:
            sizes = np.array([int(s) for s in lengths], dtype=np.int64)  # int(): seen by a trace
        else:
            sizes = np.asarray(lengths._value)
        shape = list(np.shape(value._value))
        if sizes.ndim != 1:
            raise InvalidArgumentError(
                None, None, f"Expected lengths to be a vector, received shape: {list(sizes.shape)} "
            )
        if not shape:
            raise InvalidArgumentError(
                None, None, "Expected value to be at least a vector, but received shape: [] "
            )
        if int(sizes.sum()) != shape[0]:
            raise InvalidArgumentError(
                None,
                None,
                f"Expected sum of lengths to be equal to values.shape[0], but sum of lengths "
                f"is {int(sizes.sum())} and value's shape is: {shape} ",
            )
        if not self._dynamic_size and sizes.shape[0] != len(self._tensors):
            raise InvalidArgumentError(
                None,
                None,
                f"TensorArray's size is not equal to the size of lengths "
                f"({len(self._tensors)} vs. {sizes.shape[0]}), and the TensorArray is not "
                "marked as dynamically resizeable.",
            )
        self._tensors = list(split(value, [int(s) for s in sizes]))
        return self

    def size(self, name: str | None = None) -> Tensor:
        """The number of entries, as an int32 scalar tensor.

        >>> import tapeflow as tf
        >>> tf.TensorArray(tf.float32, size=4).size()
        <tf.Tensor: shape=(), dtype=int32, numpy=4>
        """
        return convert_to_tensor(len(self._tensors))

    def close(self, name: str | None = None) -> None:
        """Drop every entry.

        >>> import tapeflow as tf
        >>> ta = tf.TensorArray(tf.float32, size=2)
        >>> ta.close()
        >>> ta.size()
        <tf.Tensor: shape=(), dtype=int32, numpy=0>
        """
        del self._tensors[:]
