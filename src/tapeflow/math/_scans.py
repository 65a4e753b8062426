"""Cumulative ops (cumsum, cumprod, cumulative_logsumexp) and segment reductions.

Segment sums scatter-add. Segment max/min/prod/mean gather each segment's rows into
a padded block and reduce it with the differentiable reductions, so their gradients
(ties share the cotangent, zeros in products) are those of reduce_max/reduce_prod.

>>> import tapeflow as tf
>>> print(tf.math.segment_max([1.0, 3.0, 2.0, 5.0], [0, 0, 1, 1]))
tf.Tensor([3. 5.], shape=(2,), dtype=float32)
"""

from __future__ import annotations

import builtins

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values
from .._limits import check_allocation
from .._tensor import Tensor, as_tensor, read_static, wrap
from .._types import AxisLike, TensorLike
from ..errors import InvalidArgumentError, _op_error, _shape_text
from ..ops import index as _index
from ..ops import scan as _scans
from ._common import _invalid, _reject_attr, _tf


def _scan_axis(x: Tensor, axis, op_name: str) -> int:
    if isinstance(axis, Tensor):
        if axis._value.dtype.kind not in "iu":
            raise TypeError(f"Cannot convert {axis._value!r} to EagerTensor of dtype int32")
        if axis._value.ndim:
            raise InvalidArgumentError(
                None, None, f"ScanOp: axis must be a scalar, not {axis._value.tolist()} "
                f"[Op:{op_name}]"
            )  # fmt: skip
        read_static(axis)
        axis = int(axis._value)
    elif isinstance(axis, (list, tuple, np.ndarray)):
        raise InvalidArgumentError(
            None, None, f"ScanOp: axis must be a scalar, not {list(np.shape(axis))} [Op:{op_name}]"
        )  # fmt: skip
    elif isinstance(axis, (builtins.bool, np.bool_, np.floating)) and np.isfinite(axis):
        axis = int(axis)  # converted with TF's preferred int32, as NumPy casts them
    elif isinstance(axis, float) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32")
    ndim = x.ndim
    axis = int(axis)
    if not -ndim <= axis < ndim:
        shown = axis + ndim if axis < 0 else axis
        raise _invalid(
            f"ScanOp: Expected scan axis in the range [{-ndim}, {ndim}), but got {shown}", op_name
        )
    return axis - ndim if axis >= 0 else axis


def _cumulative(primitive, op_name: str):
    def op(
        x: TensorLike,
        axis: AxisLike = 0,
        exclusive: bool = False,
        reverse: bool = False,
        name: str | None = None,
    ) -> Tensor:
        x = as_tensor(x)
        axis = _scan_axis(x, axis, op_name)
        return primitive(x, axis=axis, exclusive=bool(exclusive), reverse=bool(reverse))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    return op


cumsum = _cumulative(_scans.cumsum, "Cumsum")
cumsum.__doc__ = """Cumulative sum along ``axis``; ``exclusive`` starts at 0, ``reverse`` from
    the end. Gradient: a cumsum of the cotangent in the opposite direction.

    >>> import tapeflow as tf
    >>> print(tf.cumsum([1.0, 2.0, 3.0], reverse=True))
    tf.Tensor([6. 5. 3.], shape=(3,), dtype=float32)
    """
cumprod = _cumulative(_scans.cumprod, "Cumprod")
cumprod.__doc__ = """Cumulative product along ``axis``. The gradient is exact where x has
    zeros (TensorFlow's divides by x there and reports 0).

    >>> tf.math.cumprod(tf.constant([1.0, 2.0, 3.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 2., 6.], dtype=float32)>
    >>> tf.math.cumprod(tf.constant([1.0, 2.0, 3.0]), exclusive=True)
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 1., 2.], dtype=float32)>
    """
cumulative_logsumexp = _cumulative(_scans.cumulative_logsumexp, "CumulativeLogsumexp")
cumulative_logsumexp.__doc__ = """log(cumsum(exp(x))) along ``axis``, computed stably.

    >>> print(tf.math.cumulative_logsumexp(tf.constant([0.0, 0.0, 0.0])))
    tf.Tensor([0.        0.6931472 1.0986123], shape=(3,), dtype=float32)
    """


# -- segments ------------------------------------------------------------------------
def _segment_ids(segment_ids, op_name: str, allowed: str) -> np.ndarray:
    ids = as_tensor(segment_ids)._value
    if ids.dtype.kind not in "iu":
        name = _dt._from_numpy(ids.dtype).name
        raise _invalid(
            f"Value for attr 'Tindices' of {name} is not in the list of allowed values: {allowed}",
            op_name,
        )
    return np.asarray(_backend.to_host(ids))  # ids are read on the host (a GPU copy)


def _segment_data(data, op_name: str) -> Tensor:
    data = as_tensor(data)
    if data._value.dtype.kind not in "fciu":
        _reject_attr(data, op_name, "float, double, int32, uint8, int16, int8, complex64, int64")
    return data


@reads_values
def segment_sum(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """Sums of the rows of ``data`` sharing an id; ids sorted, 1-D, one per row.

    Output row s is the sum of rows with id s (0 for ids not present).

    >>> tf.math.segment_sum(tf.constant([1, 2, 3, 4]), tf.constant([0, 0, 1, 1]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([3, 7], dtype=int32)>
    """
    data = _segment_data(data, "SegmentSum")
    ids = _segment_ids(segment_ids, "SegmentSum", "int32, int64")
    if ids.ndim != 1:
        raise _invalid("segment_ids should be a vector.", "SegmentSum")
    if data.ndim == 0 or ids.shape[0] != data._value.shape[0]:
        raise _invalid("segment_ids should be the same size as dimension 0 of input.", "SegmentSum")
    num_segments = int(ids[-1]) + 1 if ids.size else 0
    if ids.size:
        if ids[0] < 0 or ids[-1] < 0:
            bad = int(ids[0] if ids[0] < 0 else ids[-1])
            raise _invalid(
                f"Segment id {bad} out of range [0, {builtins.max(num_segments, 0)}), possibly "
                "because 'segment_ids' input is not sorted.",
                "SegmentSum",
            )
        if np.any(ids[1:] < ids[:-1]):
            raise _invalid("segment ids are not increasing", "SegmentSum")
    return _segment_sum(data, ids, num_segments)


def _index_text(where: tuple) -> str:
    """``[1,0]`` for an entry of a tensor, nothing for a scalar (TF's message format)."""
    return f"[{','.join(str(int(i)) for i in where)}]" if where else ""


def num_segments_arg(num_segments: TensorLike, op_name: str) -> int:
    """``num_segments`` as TF's kernels read it: an int32 or int64 scalar, wrapped to int32
    (2**40 segments are 0 segments), and not negative.

    >>> num_segments_arg(2**32 + 3, "UnsortedSegmentSum")
    3
    """
    count = as_tensor(num_segments)._value
    if count.dtype.kind not in "iu":
        raise _invalid(
            f"Value for attr 'Tnumsegments' of {_dt._from_numpy(count.dtype).name} is not in the "
            "list of allowed values: int32, int64",
            op_name,
        )
    if count.ndim != 0:
        raise _invalid(f"num_segments should be a scalar, not shape {list(count.shape)}", op_name)
    count = int(np.asarray(count).astype(np.int64).astype(np.int32))
    if count < 0:
        raise InvalidArgumentError(
            None, None, f"Input num_segments == {count} must not be negative. [Op:{op_name}]"
        )
    return count


@reads_values
def unsorted_segment_sum(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """out[s] = sum of the entries of ``data`` whose id is s; negative ids are dropped.

    ``segment_ids`` may have any shape that ``data``'s shape starts with.

    >>> tf.math.unsorted_segment_sum(tf.constant([1, 2, 3]), tf.constant([1, 0, 1]), num_segments=2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 4], dtype=int32)>
    """
    data = _segment_data(data, "UnsortedSegmentSum")
    ids = _segment_ids(segment_ids, "UnsortedSegmentSum", "int16, int32, int64")
    count = num_segments_arg(num_segments, "UnsortedSegmentSum")
    shape = data._value.shape
    if shape[: ids.ndim] != ids.shape:
        raise _invalid(
            f"data.shape = {_shape_text(shape)} does not start with segment_ids.shape = "
            f"{_shape_text(ids.shape)}",
            "UnsortedSegmentSum",
        )
    too_big = ids >= count
    if not data._value.size:  # TF reads no id of empty data: such ids drop nothing
        ids = np.where(too_big, -1, ids)
    elif too_big.any():
        where = np.unravel_index(int(np.argmax(too_big)), ids.shape)
        raise _invalid(
            f"segment_ids{_index_text(where)} = {int(ids[where])} is out of range [0, {count})",
            "UnsortedSegmentSum",
        )
    return _segment_sum(data, ids, count)


def _segment_sum(data: Tensor, ids: np.ndarray, num_segments: int) -> Tensor:
    """Scatter-add of data's rows into num_segments rows: index.gather_adjoint (TF's
    UnsortedSegmentSum is GatherV2's adjoint). Rows with a negative id are dropped."""
    rest = data._value.shape[ids.ndim :]
    keep = ids >= 0
    if not keep.all():
        data = _index.getitem(data, index=(keep,))
        ids = ids[keep]
    return _index.gather_adjoint(
        data, indices=ids, shape=(num_segments,) + rest, axis=0, batch_dims=0, lead=0
    )


# -- segment reductions ---------------------------------------------------------
def _segments(data, segment_ids, num_segments, op_name: str, sorted_ids: bool,
              counts_ids: bool = False):  # fmt: skip
    data = as_tensor(data)
    ids = np.asarray(_backend.to_host(as_tensor(segment_ids)._value))  # read on the host
    if ids.dtype.kind not in "iu":
        raise _op_error(f"Value for attr 'Tindices' of {_dt._from_numpy(ids.dtype).name} is not "
                        "in the list of allowed values: int32, int64", op_name)  # fmt: skip
    if data._value.shape[: ids.ndim] != ids.shape:
        raise _op_error("segment_ids.shape = " + str(list(ids.shape)) + " does not start "
                        "data.shape = " + str(list(data._value.shape)), op_name)  # fmt: skip
    if sorted_ids:
        if ids.ndim != 1:
            raise _op_error("segment_ids should be a vector.", op_name)
        if ids.size and np.any(np.diff(ids) < 0):
            raise _op_error("segment ids are not increasing", op_name)
        if ids.size and ids[0] < 0:
            raise _op_error("segment ids must be >= 0", op_name)
        num_segments = int(ids[-1]) + 1 if ids.size else 0
    else:
        num_segments = num_segments_arg(num_segments, op_name)
        too_big = ids >= num_segments
        # TF's kernels read no id of empty data, except where it counts the ids first
        if too_big.any() and (data._value.size or counts_ids):
            where = np.unravel_index(int(np.argmax(too_big)), ids.shape)
            raise _op_error(f"segment_ids{_index_text(where)} = "
                            f"{int(ids[where])} is out of range [0, {num_segments})", op_name)  # fmt: skip
    check_allocation((num_segments,) + data._value.shape[ids.ndim :], data._value.dtype, op_name)
    flat_ids = ids.ravel()
    rows = _tf().reshape(data, [flat_ids.size] + list(data._value.shape[ids.ndim :]))
    return rows, flat_ids, num_segments


def _padded_block(rows: Tensor, ids: np.ndarray, num_segments: int, fill):
    """rows gathered to [num_segments, longest segment, ...], padding with ``fill``."""
    tf = _tf()
    valid = (ids >= 0) & (ids < num_segments)
    counts = np.bincount(ids[valid], minlength=num_segments)
    width = int(counts.max()) if counts.size else 0
    width = max(width, 1)
    index = np.full((num_segments, width), ids.size, dtype=np.int64)  # ids.size: the pad row
    slot = np.zeros(num_segments, dtype=np.int64)
    for position in np.nonzero(valid)[0]:
        s = ids[position]
        index[s, slot[s]] = position
        slot[s] += 1
    pad_row = wrap(np.full((1,) + rows._value.shape[1:], fill, dtype=rows._value.dtype))
    padded = tf.concat([rows, pad_row], axis=0)
    return tf.gather(padded, index), counts


def _lowest(dtype) -> object:
    return np.finfo(dtype).min if np.dtype(dtype).kind == "f" else np.iinfo(dtype).min


def _highest(dtype) -> object:
    return np.finfo(dtype).max if np.dtype(dtype).kind == "f" else np.iinfo(dtype).max


def _segment_reduce(kind: str, data, segment_ids, num_segments, op_name: str, sorted_ids: bool):
    tf = _tf()
    rows, ids, n = _segments(data, segment_ids, num_segments, op_name, sorted_ids,
                             kind in ("mean", "sqrt_n"))  # fmt: skip
    dtype = rows._value.dtype
    if kind in ("max", "min") and dtype.kind == "c":
        raise _op_error(f"Value for attr 'T' of {_dt._from_numpy(dtype).name} is not in the list "
                        "of allowed values: float, double, int32, uint8, int16, int8, int64, "
                        "bfloat16, uint16, half, uint32, uint64", op_name)  # fmt: skip
    if kind in ("mean", "sqrt_n"):
        return _segment_mean(kind, rows, ids, n, sorted_ids)
    fill = 1 if kind == "prod" else _lowest(dtype) if kind == "max" else _highest(dtype)
    block, counts = _padded_block(rows, ids, n, fill)
    reduce = {"max": tf.reduce_max, "min": tf.reduce_min, "prod": tf.reduce_prod}[kind]
    result = reduce(block, axis=1)
    if sorted_ids and kind != "prod" and dtype.kind == "f":
        result = _unpadded_infinities(kind, rows, ids, n, block, counts, result)
    if not sorted_ids and kind != "prod" and dtype.kind == "f":
        # The unsorted kernels start every segment at the type's lowest (highest) value, so
        # -inf (inf) rows give that value; no gradient reaches them, as in TF.
        bound = tf.constant(fill, dtype=result.dtype)
        result = tf.maximum(result, bound) if kind == "max" else tf.minimum(result, bound)
    if sorted_ids and kind != "prod" and np.any(counts == 0):
        # Sorted segment max/min give 0 for an absent id (the unsorted ops give the
        # type's lowest/highest value).
        empty = (counts == 0).reshape((n,) + (1,) * (rows._value.ndim - 1))
        empty = np.broadcast_to(empty, result.shape)
        result = tf.where(wrap(empty), tf.zeros_like(result), result)
    return result


def _counts_as(dtype: np.dtype, counts: np.ndarray) -> np.ndarray:
    """Each segment's row count as TF holds it in the data's own type: the sum of ones,
    which wraps around in a small integer type (200 int8 rows count -56) and stops
    growing where a float's next integer is not representable (2048 in float16)."""
    if dtype.kind in "iu":
        return counts.astype(dtype)  # wraps, as the sequential integer sum does
    real = np.finfo(dtype).nmant + 1
    return np.minimum(counts, 2**real).astype(dtype)


def _segment_mean(kind: str, rows: Tensor, ids: np.ndarray, n: int, sorted_ids: bool) -> Tensor:
    """Segment mean (or sum over the square root of the count) with TF's arithmetic: the
    rows summed in their own type, in order, then divided by the count in that type."""
    tf = _tf()
    dtype = rows._value.dtype
    total = tf.math.unsorted_segment_sum(rows, ids, n)
    exact = np.bincount(ids[(ids >= 0) & (ids < n)], minlength=n)
    counts = _counts_as(dtype, exact)
    shape = (n,) + (1,) * (rows._value.ndim - 1)
    if sorted_ids and dtype.kind in "iu":
        # SegmentMean's C++ reducer divides the wrapped integer sum by the wrapped count,
        # truncating toward zero; a count that wraps to 0 aborts TF's process.
        if np.any((counts == 0) & (exact > 0)):
            raise _op_error("Integer division by zero: a segment's row count wraps to 0 "
                            f"in {_dt._from_numpy(dtype).name}", "SegmentMean")  # fmt: skip
        divisor = np.where(exact > 0, counts, np.ones_like(counts))  # empty segments: 0 / 1
        return wrap(_truncated_quotient(total._value, divisor.reshape(shape)))
    if sorted_ids:
        # Eigen's mean reducer counts in an integer and converts the count once; a
        # complex sum's parts are divided by the real count.
        if dtype.kind == "c":
            count = wrap(np.maximum(exact, 1).astype(total.dtype.real_dtype.as_numpy_dtype)
                         .reshape(shape))  # fmt: skip
            return tf.complex(tf.math.real(total) / count, tf.math.imag(total) / count)
        return total / wrap(np.maximum(exact, 1).astype(dtype).reshape(shape))
    # unsorted_segment_mean/sqrt_n are TF Python: sum / maximum(count, 1), with `/` a
    # true division (integer sums become float32/float64).
    count = tf.constant(np.maximum(counts, 1).reshape(shape))
    return total / (count if kind == "mean" else tf.sqrt(count))


def _truncated_quotient(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """C++'s a / b of two integer arrays of one type: truncated toward zero, wrapping
    (INT_MIN / -1 is INT_MIN), exact for every 64-bit value (no float round trip)."""
    if a.dtype.kind == "u":
        return a // b
    unsigned = np.dtype(f"u{a.dtype.itemsize}")
    with np.errstate(over="ignore"):
        magnitude_a = np.where(a < 0, -a.astype(unsigned), a.astype(unsigned))
        magnitude_b = np.where(b < 0, -b.astype(unsigned), b.astype(unsigned))
        quotient = (magnitude_a // magnitude_b).astype(a.dtype)
        return np.where((a < 0) != (b < 0), -quotient, quotient).astype(a.dtype)


def _unpadded_infinities(kind: str, rows: Tensor, ids: np.ndarray, n: int, block, counts, result):
    """Sorted segment max (min) reduce their own rows only: a segment whose rows are all -inf
    (inf) is -inf (inf), not the padding's lowest (highest) value, and its gradient is shared
    by those rows, as TF's. Their mean is that value with that gradient. (Ops, not a read of
    the float values: a traced program must not bake them in.)"""
    tf = _tf()
    extreme = tf.constant(-np.inf if kind == "max" else np.inf, dtype=block.dtype)
    width = block.shape[1]
    padding = np.arange(width)[None, :] >= counts[:, None]
    padding = padding.reshape(padding.shape + (1,) * (len(block.shape) - 2))
    only = tf.reduce_all(tf.logical_or(tf.equal(block, extreme), wrap(padding)), axis=1)
    present = (counts > 0).reshape((n,) + (1,) * (len(block.shape) - 2))
    only = tf.logical_and(only, wrap(np.broadcast_to(present, result.shape)))
    return tf.where(only, tf.math.unsorted_segment_mean(rows, ids, n), result)


@reads_values
def segment_max(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """The largest row of each segment (ids sorted; empty segments: the lowest value).

    >>> tf.math.segment_max(tf.constant([1, 5, 2, 3]), tf.constant([0, 0, 1, 1]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 3], dtype=int32)>
    """
    return _segment_reduce("max", data, segment_ids, 0, "SegmentMax", True)


@reads_values
def segment_min(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """The smallest row of each segment (ids sorted; empty segments: the highest value).

    >>> tf.math.segment_min(tf.constant([1, 5, 2, 3]), tf.constant([0, 0, 1, 1]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    return _segment_reduce("min", data, segment_ids, 0, "SegmentMin", True)


@reads_values
def segment_prod(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """The product of each segment's rows (ids sorted; empty segments: 1).

    >>> tf.math.segment_prod(tf.constant([1, 5, 2, 3]), tf.constant([0, 0, 1, 1]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 6], dtype=int32)>
    """
    return _segment_reduce("prod", data, segment_ids, 0, "SegmentProd", True)


@reads_values
def segment_mean(data: TensorLike, segment_ids: TensorLike, name: str | None = None) -> Tensor:
    """The mean of each segment's rows (ids sorted; empty segments: 0).

    >>> tf.math.segment_mean(tf.constant([1.0, 5.0, 2.0, 3.0]), tf.constant([0, 0, 1, 1]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3. , 2.5], dtype=float32)>
    """
    return _segment_reduce("mean", data, segment_ids, 0, "SegmentMean", True)


@reads_values
def unsorted_segment_max(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """The largest entry per segment id (negative ids dropped; empty: the lowest value).

    >>> tf.math.unsorted_segment_max(tf.constant([1, 5, 2]), tf.constant([1, 0, 1]), num_segments=2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 2], dtype=int32)>
    """
    return _segment_reduce("max", data, segment_ids, num_segments, "UnsortedSegmentMax", False)


@reads_values
def unsorted_segment_min(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """The smallest entry per segment id (negative ids dropped; empty: the highest value).

    >>> tf.math.unsorted_segment_min(tf.constant([1, 5, 2]), tf.constant([1, 0, 1]), num_segments=2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 1], dtype=int32)>
    """
    return _segment_reduce("min", data, segment_ids, num_segments, "UnsortedSegmentMin", False)


@reads_values
def unsorted_segment_prod(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """The product per segment id (negative ids dropped; empty: 1).

    >>> tf.math.unsorted_segment_prod(tf.constant([1, 5, 2]), tf.constant([1, 0, 1]), num_segments=2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([5, 2], dtype=int32)>
    """
    return _segment_reduce("prod", data, segment_ids, num_segments, "UnsortedSegmentProd", False)


@reads_values
def unsorted_segment_mean(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """The mean per segment id (empty segments: 0).

    >>> tf.math.unsorted_segment_mean(
    ...     tf.constant([1.0, 5.0, 2.0]), tf.constant([1, 0, 1]), num_segments=2
    ... )
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([5. , 1.5], dtype=float32)>
    """
    return _segment_reduce("mean", data, segment_ids, num_segments, "UnsortedSegmentMean", False)


@reads_values
def unsorted_segment_sqrt_n(
    data: TensorLike, segment_ids: TensorLike, num_segments: TensorLike, name: str | None = None
) -> Tensor:
    """The sum per segment id divided by the square root of its count (empty: 0).

    >>> tf.math.unsorted_segment_sqrt_n(
    ...     tf.constant([1.0, 3.0, 4.0]), tf.constant([0, 1, 1]), num_segments=2
    ... )
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.       , 4.9497476], dtype=float32)>
    """
    return _segment_reduce("sqrt_n", data, segment_ids, num_segments, "UnsortedSegmentSqrtN",
                           False)  # fmt: skip
