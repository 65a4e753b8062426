"""``IndexedSlices``, TensorFlow's sparse gradient, and the rule that makes it.

The gradient of ``tf.gather(params, indices)`` (axis 0, no batch axes) with
respect to ``params`` touches only the gathered rows. TensorFlow returns it as
an ``IndexedSlices``: the rows' cotangents (``values``), the row numbers
(``indices``) and the shape of the dense gradient (``dense_shape``). The
reverse sweep (``_backprop.py``) asks ``sparse_vjp`` for it instead of the
dense scatter-add, passes it unchanged through a variable read, and
concatenates two of them when they meet; any other rule that receives one
gets it densified first, as TensorFlow's do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor, TensorShape, as_tensor, wrap
from .._types import TensorLike
from .index import _gather_adjoint_impl, gather, gather_adjoint
from .shape import concat, reshape


class IndexedSlices:
    """A sparse slice of a dense tensor: ``values`` at the rows ``indices`` of ``dense_shape``.

    ``tf.convert_to_tensor`` (and every op given one) densifies it: rows that
    appear more than once add up. As in TensorFlow the three fields are kept
    as given (a list stays a list); tape gradients hold Tensors.

    >>> import tapeflow as tf
    >>> s = tf.IndexedSlices(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([2, 0]),
    ...                      tf.constant([3, 2]))
    >>> s.indices.numpy(), s.dense_shape.numpy()
    (array([2, 0], dtype=int32), array([3, 2], dtype=int32))
    >>> tf.convert_to_tensor(s).numpy()
    array([[3., 4.],
           [0., 0.],
           [1., 2.]], dtype=float32)
    """

    __slots__ = ("_values", "_indices", "_dense_shape")

    def __init__(
        self, values: TensorLike, indices: TensorLike, dense_shape: TensorLike | None = None
    ) -> None:
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self) -> Any:
        """The slices, one per index: shape ``[len(indices)] + dense_shape[1:]``.

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2]).values.shape
        TensorShape([1, 2])
        """
        return self._values

    @property
    def indices(self) -> Any:
        """The row of the dense tensor each slice belongs to (repeats add up).

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((2, 2)), tf.constant([1, 1]), [3, 2]).indices.numpy()
        array([1, 1], dtype=int32)
        """
        return self._indices

    @property
    def dense_shape(self) -> Any:
        """The shape of the dense tensor, as a 1-D integer tensor (or None if unknown).

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], tf.constant([3, 2])).dense_shape.numpy()
        array([3, 2], dtype=int32)
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2]).dense_shape  # kept as given
        [3, 2]
        """
        return self._dense_shape

    @property
    def dtype(self) -> Any:
        """The dtype of the values.

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2]).dtype
        tf.float32
        """
        return as_tensor(self._values).dtype

    @property
    def shape(self) -> TensorShape:
        """The dense shape as a TensorShape (unknown when ``dense_shape`` is None).

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2]).shape
        TensorShape([3, 2])
        """
        if self._dense_shape is None:
            return TensorShape(None)
        return TensorShape(list(_dense_dims(self)))

    @property
    def device(self) -> str:
        """The device of the values.

        >>> import tapeflow as tf
        >>> tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2]).device
        '/job:localhost/replica:0/task:0/device:CPU:0'
        """
        return as_tensor(self._values).device

    def __neg__(self) -> IndexedSlices:
        """The slices negated (TensorFlow's one arithmetic operator on them).

        >>> import tapeflow as tf
        >>> (-tf.IndexedSlices(tf.ones((1, 2)), [0], [3, 2])).values.numpy()
        array([[-1., -1.]], dtype=float32)
        """
        return IndexedSlices(-as_tensor(self._values), self._indices, self._dense_shape)

    def __str__(self) -> str:
        text = f"IndexedSlices(indices={self._indices!s}, values={self._values!s}"
        if self._dense_shape is not None:
            text += f", dense_shape={self._dense_shape!s}"
        return text + ")"

    def _as_tensor(self) -> Tensor:
        """The dense tensor (what ``tf.convert_to_tensor`` gives), recorded by tapes."""
        if self._dense_shape is None:
            raise ValueError(
                "Tensor conversion requested for IndexedSlices for argument `value` "
                f"without dense_shape: {self}"
            )
        return densify(self)


def _rows(s: IndexedSlices) -> np.ndarray:
    return np.asarray(as_tensor(s._indices)._value).reshape(-1)


def _dense_dims(s: IndexedSlices) -> tuple:
    return tuple(int(d) for d in np.ravel(as_tensor(s._dense_shape)._value))


def densify(s: IndexedSlices) -> Tensor:
    """The dense tensor of ``s``: its values scatter-added into zeros (a recorded op)."""
    rows = _rows(s)
    values = as_tensor(s._values)
    dims = _dense_dims(s)
    if values._value.shape[:1] != rows.shape:
        values = reshape(values, shape=rows.shape + tuple(dims[1:]))
    return gather_adjoint(values, indices=rows, shape=dims, axis=0, batch_dims=0, lead=0)


def densify_values(s: IndexedSlices) -> np.ndarray:
    """``densify`` on the arrays, for a sweep that nothing records."""
    return _gather_adjoint_impl(
        as_tensor(s._values)._value,
        indices=_rows(s),
        shape=_dense_dims(s),
        axis=0,
        batch_dims=0,
        lead=0,
    )


def sparse_vjp(g, x: Tensor, params: dict, on_arrays: bool) -> IndexedSlices | None:
    """gather's cotangent for ``x`` as IndexedSlices, where TensorFlow's is one.

    TensorFlow's GatherV2 gradient is sparse for axis 0 without batch axes;
    ``g`` is the cotangent of the gather's output (an array or a Tensor). Only
    ``tf.gather``'s own records ask (``sparse=True``): composites that gather
    internally (repeat, sort) have dense gradients in TensorFlow.
    """
    if not params.get("sparse") or params["axis"] or params["batch_dims"] or params["lead"]:
        return None
    indices = params["indices"]
    rows = indices.reshape(-1)
    dims = x._value.shape
    row_shape = (rows.shape[0],) + dims[1:]
    if g.__class__ is Tensor:
        values = g if g._value.shape == row_shape else reshape(g, shape=row_shape)
    else:
        values = wrap(np.reshape(g, row_shape))
    # TensorFlow's dense_shape is int32 whatever the indices' dtype.
    shape_dtype = np.int32 if max(dims, default=0) < 2**31 else np.int64
    return IndexedSlices(values, wrap(rows), wrap(np.array(dims, dtype=shape_dtype)))


def concatenated(a: IndexedSlices, b: IndexedSlices, on_arrays: bool) -> IndexedSlices:
    """Two sparse cotangents of one value: TensorFlow concatenates them, rows unsummed."""
    rows = wrap(np.concatenate([_rows(a), _rows(b)]))
    if on_arrays:
        values = wrap(np.concatenate([as_tensor(a._values)._value, as_tensor(b._values)._value]))
    else:
        values = concat(a._values, b._values, axis=0)
    return IndexedSlices(values, rows, a._dense_shape)


SPARSE_PRIMITIVES = frozenset([gather])
