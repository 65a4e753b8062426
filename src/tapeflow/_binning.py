"""TF's top-level binning and masking ops: ``histogram_fixed_width`` (counts),
``histogram_fixed_width_bins`` (bin indices) and ``sequence_mask``. The bins and the
mask follow TF's Python wrappers op by op, so they keep TF's dtypes, its NaN bins and
its int32 wraparound.
"""

from __future__ import annotations

import numpy as _np

from . import dtypes as _dt
from ._dispatch import reads_values as _reads_values
from ._limits import check_allocation
from ._tensor import Tensor
from ._tensor import convert_to_tensor as _convert
from ._tensor import wrap as _wrap
from ._types import DTypeLike, TensorLike
from .errors import InvalidArgumentError as _InvalidArgumentError
from .errors import NotFoundError as _NotFoundError

__all__ = ["histogram_fixed_width", "histogram_fixed_width_bins", "sequence_mask"]


def _tf():
    import tapeflow

    return tapeflow


def _invalid(message: str, op_name: str) -> _InvalidArgumentError:
    return _InvalidArgumentError(None, None, f"{message} [Op:{op_name}] name: ")


# TF's Range op: the dtypes its signature allows, and those with a CPU kernel.
_RANGE_ALLOWED = ("bfloat16", "half", "float", "double", "int8", "int16", "int32", "int64",
                  "uint16", "uint32", "uint64")  # fmt: skip
_RANGE_KERNELS = ("float16", "float32", "float64", "int32", "int64", "bfloat16")


def _check_range_kernel(dtype: _dt.DType) -> None:
    """Raise what TF's Range op raises for a ``dtype`` it has no CPU kernel for."""
    if dtype.name in _RANGE_KERNELS:
        return
    c_name = {"float16": "half", "float32": "float", "float64": "double"}.get(dtype.name)
    if (c_name or dtype.name) not in _RANGE_ALLOWED:
        allowed = ", ".join(_RANGE_ALLOWED)
        raise _invalid(f"Value for attr 'Tidx' of {dtype.name} is not in the list of allowed "
                       f"values: {allowed}", "Range")  # fmt: skip
    raise _NotFoundError(
        None, None, f"Could not find device for node: {{{{node Range}}}} = "
        f"Range[Tidx=DT_{dtype.name.upper()}] [Op:Range] name: ",
    )  # fmt: skip


@_reads_values
def sequence_mask(
    lengths: TensorLike,
    maxlen: TensorLike = None,
    dtype: DTypeLike = _dt.bool,
    name: str | None = None,
) -> Tensor:
    """``mask[..., j] = j < lengths[...]``, with ``maxlen`` columns (default max length).

    >>> print(tf.sequence_mask([1, 3], maxlen=4))
    tf.Tensor(
    [[ True False False False]
     [ True  True  True False]], shape=(2, 4), dtype=bool)
    """
    # TF's wrapper, step by step: a range in ``maxlen``'s dtype (a float maxlen rounds
    # the column count up), the lengths cast to that dtype (an int64 length wraps to
    # int32 under an int32 maxlen), and an empty ``lengths`` gives maxlen 0.
    tf = _tf()
    lengths = _convert(lengths)
    if maxlen is None:
        maxlen = tf.math.reduce_max(lengths)
        maxlen = tf.math.maximum(tf.constant(0, maxlen.dtype), maxlen)
    else:
        maxlen = _convert(maxlen)
    if maxlen.shape.rank != 0:
        raise ValueError("Argument `maxlen` must be scalar for sequence_mask, received "
                         f"`maxlen` = {maxlen} with shape '{maxlen.shape}' instead")  # fmt: skip
    _check_range_kernel(maxlen.dtype)
    row = tf.range(tf.constant(0, maxlen.dtype), maxlen, tf.constant(1, maxlen.dtype))
    matrix = tf.cast(tf.expand_dims(lengths, -1), maxlen.dtype)
    check_allocation(lengths.shape.as_list() + row.shape.as_list(), _np.bool_, "Less")
    mask = row < matrix
    dtype = _dt.bool if dtype is None else _dt.as_dtype(dtype)
    return mask if dtype == _dt.bool else tf.cast(mask, dtype)


def _nbins(nbins) -> int:
    """TF's HistogramFixedWidth check: nbins (read as an int32) must be positive."""
    n = int(_convert(nbins)._value)
    wrapped = (n + 2**31) % 2**32 - 2**31
    if wrapped <= 0:
        raise _invalid(f"nbins should be a positive number, but got '{wrapped}'",
                       "HistogramFixedWidth")  # fmt: skip
    return n


def _bins(values, value_range, nbins: int):
    x = _np.asarray(_convert(values)._value, dtype=_np.float64)
    low, high = (float(v) for v in _np.asarray(_convert(value_range)._value))
    scaled = _np.floor((x - low) / (high - low) * nbins)
    return _np.clip(scaled, 0, nbins - 1).astype(_np.int64)


@_reads_values
def histogram_fixed_width_bins(
    values: TensorLike,
    value_range: TensorLike,
    nbins: TensorLike = 100,
    dtype: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """The bin index of each value: ``nbins`` equal bins over ``value_range``,
    values outside going to the first or last bin.

    >>> tf.histogram_fixed_width_bins(tf.constant([0.0, 0.4, 0.6, 1.0]), [0.0, 1.0], nbins=2)
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 0, 1, 1], dtype=int32)>
    """
    # TF's wrapper composes ordinary ops in the values' dtype and ignores ``dtype`` (the
    # result is always int32); following its steps gives its dtype errors and its NaN
    # bins (a NaN index survives the clip and casts to INT_MIN).
    tf = _tf()
    values = _convert(values)
    shape = tf.shape(values)
    values = tf.reshape(values, [-1])
    value_range = _convert(value_range)
    nbins = tf.convert_to_tensor(nbins, dtype=_dt.int32)
    tf.debugging.Assert(tf.math.greater(nbins, 0), [f"nbins {nbins!s} must > 0"])
    nbins_float = tf.cast(nbins, values.dtype)
    scaled = tf.math.truediv(values - value_range[0], value_range[1] - value_range[0])
    indices = tf.math.floor(nbins_float * scaled)
    indices = tf.cast(tf.clip_by_value(indices, 0, nbins_float - 1), _dt.int32)
    return tf.reshape(indices, shape)


@_reads_values
def histogram_fixed_width(
    values: TensorLike,
    value_range: TensorLike,
    nbins: TensorLike = 100,
    dtype: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """Counts of values in ``nbins`` equal bins over ``value_range`` (outliers clamp).

    >>> tf.histogram_fixed_width(tf.constant([0.0, 0.4, 0.6, 1.0, 5.0]), [0.0, 1.0], nbins=2)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 3], dtype=int32)>
    """
    n = _nbins(nbins)
    counts = _np.bincount(_bins(values, value_range, n).ravel(), minlength=n)
    return _wrap(counts.astype(_dt.as_dtype(_dt.int32 if dtype is None else dtype).as_numpy_dtype))
