"""Cumulative ops (cumsum, cumprod, cumulative_logsumexp) and segment sums."""

from __future__ import annotations

import builtins

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values
from .._tensor import Tensor, as_tensor, read_static
from .._types import AxisLike, TensorLike
from ..errors import InvalidArgumentError, _shape_text
from ..ops import index as _index
from ..ops import scan as _scans
from ._common import _invalid, _reject_attr


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
