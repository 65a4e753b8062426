"""The rest of tf.nn: depth/space rearrangements, moments from sufficient
statistics, morphological dilation and erosion, max pooling with argmax,
isotonic regression, convolution backprops, and loss scaling helpers.

Everything is composed from differentiable tapeflow ops, so gradients, JVPs and
higher derivatives come with it.

>>> import tapeflow as tf
>>> x = tf.reshape(tf.range(8.0), [1, 1, 2, 4])
>>> tf.nn.depth_to_space(x, 2).shape
TensorShape([1, 2, 4, 1])
>>> mean, variance = tf.nn.weighted_moments(tf.constant([1.0, 2.0, 4.0]), [0], [1.0, 1.0, 2.0])
>>> print(mean)
tf.Tensor(2.75, shape=(), dtype=float32)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from .. import _backend
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor, as_tensor, read_static, wrap
from .._types import AxisLike, ShapeLike, TensorLike
from ..errors import _op_error, _shape_text


def _tf():
    import tapeflow

    return tapeflow


def _block_size(block_size, op: str) -> int:
    size = int(block_size)
    if size < 2:
        raise _op_error(f"Value for attr 'block_size' of {size} must be at least minimum 2", op)
    return size


def _nhwc(x: Tensor, data_format: str, op: str) -> Tensor:
    if x._value.ndim != 4:
        raise _op_error(f"input rank should be 4 instead of {x._value.ndim}", op)
    if data_format == "NCHW":
        return _tf().transpose(x, [0, 2, 3, 1])
    if data_format != "NHWC":
        raise ValueError(f"data_format must be NHWC or NCHW, got {data_format}")
    return x


def _back(x: Tensor, data_format: str) -> Tensor:
    return _tf().transpose(x, [0, 3, 1, 2]) if data_format == "NCHW" else x


def depth_to_space(
    input: TensorLike, block_size: int, data_format: str = "NHWC", name: str | None = None
) -> Tensor:  # noqa: A002
    """Move depth into b x b spatial blocks: [B, H, W, C] -> [B, H b, W b, C / b^2].

    >>> x = tf.reshape(tf.range(4), [1, 1, 1, 4])
    >>> print(tf.reshape(tf.nn.depth_to_space(x, block_size=2), [2, 2]))
    tf.Tensor(
    [[0 1]
     [2 3]], shape=(2, 2), dtype=int32)
    """
    tf = _tf()
    b = _block_size(block_size, "DepthToSpace")
    x = _nhwc(as_tensor(input), data_format, "DepthToSpace")
    n, h, w, c = x._value.shape
    if c % (b * b):
        raise _op_error(f"Input depth dimension {c} should be divisible by: {b * b}",
                        "DepthToSpace")  # fmt: skip
    y = tf.reshape(x, [n, h, w, b, b, c // (b * b)])
    y = tf.transpose(y, [0, 1, 3, 2, 4, 5])
    return _back(tf.reshape(y, [n, h * b, w * b, c // (b * b)]), data_format)


def space_to_depth(
    input: TensorLike, block_size: int, data_format: str = "NHWC", name: str | None = None
) -> Tensor:  # noqa: A002
    """Move b x b spatial blocks into depth: [B, H, W, C] -> [B, H / b, W / b, C b^2].

    >>> x = tf.reshape(tf.range(4), [1, 2, 2, 1])
    >>> tf.nn.space_to_depth(x, block_size=2)
    <tf.Tensor: shape=(1, 1, 1, 4), dtype=int32, numpy=array([[[[0, 1, 2, 3]]]], dtype=int32)>
    """
    tf = _tf()
    b = _block_size(block_size, "SpaceToDepth")
    x = _nhwc(as_tensor(input), data_format, "SpaceToDepth")
    n, h, w, c = x._value.shape
    if h % b or w % b:
        raise _op_error(f"Image width {w} and height {h} should be divisible by block_size: {b}",
                        "SpaceToDepth")  # fmt: skip
    y = tf.reshape(x, [n, h // b, b, w // b, b, c])
    y = tf.transpose(y, [0, 1, 3, 2, 4, 5])
    return _back(tf.reshape(y, [n, h // b, w // b, b * b * c]), data_format)


# -- moments -------------------------------------------------------------------
def sufficient_statistics(
    x: TensorLike,
    axes: AxisLike,
    shift: TensorLike = None,
    keepdims: bool = False,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor, Tensor | None]:
    """(count, sum of x - shift, sum of (x - shift)^2, shift) over ``axes``.

    >>> x = tf.constant([1.0, 2.0, 3.0])
    >>> count, total, squares, shift = tf.nn.sufficient_statistics(x, axes=[0])
    >>> float(count), float(total), float(squares), shift
    (3.0, 6.0, 14.0, None)
    """
    tf = _tf()
    x = as_tensor(x)
    axes = list(dict.fromkeys(int(a) for a in np.ravel(axes)))  # TF drops repeated axes
    count = float(np.prod([x._value.shape[a] for a in axes]))
    counts = wrap(np.asarray(count, x._value.dtype)[()])
    if shift is not None:
        shift = as_tensor(shift)
        centred = x - shift
        mean_ss = tf.reduce_sum(centred, axis=axes, keepdims=keepdims)
        var_ss = tf.reduce_sum(tf.square(centred), axis=axes, keepdims=keepdims)
    else:
        mean_ss = tf.reduce_sum(x, axis=axes, keepdims=keepdims)
        var_ss = tf.reduce_sum(tf.square(x), axis=axes, keepdims=keepdims)
    return counts, mean_ss, var_ss, shift


def normalize_moments(
    counts: TensorLike,
    mean_ss: TensorLike,
    variance_ss: TensorLike,
    shift: TensorLike,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """(mean, variance) from ``sufficient_statistics``' sums.

    >>> mean, variance = tf.nn.normalize_moments(3.0, mean_ss=6.0, variance_ss=14.0, shift=None)
    >>> mean
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    >>> variance
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6666669845581055>
    """
    tf = _tf()
    # TF's binary ops: a Python or NumPy operand takes the other (tensor) operand's dtype.
    divisor = tf.math.reciprocal(counts)
    shifted_mean = tf.math.multiply(mean_ss, divisor)
    mean = tf.math.add(shifted_mean, shift) if shift is not None else shifted_mean
    variance = tf.math.subtract(tf.math.multiply(variance_ss, divisor), tf.square(shifted_mean))
    return mean, variance


def weighted_moments(
    x: TensorLike,
    axes: AxisLike,
    frequency_weights: TensorLike,
    keepdims: bool = False,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """The mean and variance of ``x`` over ``axes``, each entry weighted.

    >>> x, weights = tf.constant([1.0, 2.0, 4.0]), tf.constant([1.0, 1.0, 2.0])
    >>> mean, variance = tf.nn.weighted_moments(x, axes=[0], frequency_weights=weights)
    >>> mean
    <tf.Tensor: shape=(), dtype=float32, numpy=2.75>
    >>> variance
    <tf.Tensor: shape=(), dtype=float32, numpy=1.6875>
    """
    # TF's two-pass formula, op for op: float16 runs in float32, the axes go to the
    # reductions as given (None: all of them), and div_no_nan makes a zero total
    # weight a zero mean and variance (a rank-0 sum over no axes divides exactly).
    tf = _tf()
    x = as_tensor(x)
    weights = as_tensor(frequency_weights)
    needs_cast = x.dtype == tf.float16
    if needs_cast:
        x = tf.cast(x, tf.float32)
    if weights.dtype != x.dtype:
        weights = tf.cast(weights, x.dtype)
    weighted_sum = tf.reduce_sum(weights * x, axes, keepdims=True)
    total_weight = tf.reduce_sum(weights + tf.zeros_like(x), axes, keepdims=True)
    mean = tf.math.divide_no_nan(weighted_sum, total_weight)
    distance = tf.reduce_sum(weights * tf.math.squared_difference(x, mean), axes, keepdims=True)
    variance = tf.math.divide_no_nan(distance, total_weight)
    if not keepdims:
        mean, variance = tf.squeeze(mean, axis=axes), tf.squeeze(variance, axis=axes)
    if needs_cast:
        mean, variance = tf.cast(mean, tf.float16), tf.cast(variance, tf.float16)
    return mean, variance


def batch_norm_with_global_normalization(
    input: TensorLike,
    mean: TensorLike,
    variance: TensorLike,
    beta: TensorLike,
    gamma: TensorLike,
    variance_epsilon: float,  # noqa: A002
    scale_after_normalization: bool,
    name: str | None = None,
) -> Tensor:
    """batch_normalization with gamma applied only if ``scale_after_normalization``.

    >>> x = tf.constant([[1.0, 2.0]])
    >>> mean, variance = tf.constant([1.0, 0.0]), tf.constant([1.0, 4.0])
    >>> beta, gamma = tf.constant([0.0, 1.0]), tf.constant([2.0, 2.0])
    >>> tf.nn.batch_norm_with_global_normalization(
    ...     x, mean, variance, beta, gamma, variance_epsilon=0.0, scale_after_normalization=True
    ... )
    <tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0., 3.]], dtype=float32)>
    """
    return _tf().nn.batch_normalization(input, mean, variance, beta,
                                        gamma if scale_after_normalization else None,
                                        variance_epsilon)  # fmt: skip


def compute_average_loss(
    per_example_loss: TensorLike,
    sample_weight: TensorLike = None,
    global_batch_size: int | None = None,
) -> Tensor:
    """The summed (weighted) loss divided by the global batch size (one replica here).

    >>> tf.nn.compute_average_loss(tf.constant([1.0, 2.0, 3.0, 6.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    >>> tf.nn.compute_average_loss(tf.constant([1.0, 2.0]), global_batch_size=4)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.75>
    """
    tf = _tf()
    loss = as_tensor(per_example_loss)
    if loss._value.ndim == 0:
        raise ValueError(
            "Invalid value passed for `per_example_loss`. Expected a tensor with at least "
            f"rank 1. Received per_example_loss={loss} with rank 0"
        )
    input_dtype = loss.dtype
    if sample_weight is not None:
        # As TF's scale_losses_by_sample_weight: both in float32 (a complex loss keeps its
        # real part), a weight with one axis more squeezed, one with one axis less expanded.
        weight = tf.cast(as_tensor(sample_weight), tf.float32)
        loss = tf.cast(loss, tf.float32)
        rank_gap = weight._value.ndim - loss._value.ndim
        if weight._value.ndim and rank_gap == 1:
            weight = tf.squeeze(weight, [-1])
        elif weight._value.ndim and rank_gap == -1:
            weight = tf.expand_dims(weight, -1)
        loss = tf.cast(loss * weight, input_dtype)
    if global_batch_size is None:
        size = tf.constant(loss._value.shape[0], tf.int32)
    else:
        size = as_tensor(global_batch_size)
        tf.debugging.assert_scalar(size, message="global_batch_size must be scalar.")
        tf.debugging.assert_integer(size, message="global_batch_size must be an integer.")
        tf.debugging.assert_non_negative(size, message="global_batch_size must be non-negative.")
    return tf.math.divide_no_nan(tf.reduce_sum(loss), tf.cast(size, input_dtype))


def scale_regularization_loss(regularization_loss: TensorLike) -> Tensor:
    """The regularization loss summed, divided by the number of replicas (one here).

    >>> tf.nn.scale_regularization_loss(tf.constant([0.5, 0.25]))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.75>
    """
    tf = _tf()
    # TF sums whatever it is given (a list is converted as one tensor) and divides by
    # the replica count, a Python 1: integers become floats, as truediv makes them.
    return tf.reduce_sum(regularization_loss) / 1


# -- morphology ----------------------------------------------------------------
def _patches(x: Tensor, kernel, strides, rates, padding: str, fill):
    """[B, OH, OW, KH*KW, C]: the input under each window position (``fill`` outside)."""
    tf = _tf()
    n, h, w, c = x._value.shape
    kh, kw = kernel
    sh, sw = strides
    rh, rw = rates
    eh, ew = (kh - 1) * rh + 1, (kw - 1) * rw + 1
    if padding == "VALID":
        oh, ow = (h - eh) // sh + 1, (w - ew) // sw + 1
        top = left = 0
    else:
        oh, ow = -(-h // sh), -(-w // sw)
        top = max((oh - 1) * sh + eh - h, 0) // 2
        left = max((ow - 1) * sw + ew - w, 0) // 2
    rows = (np.arange(oh) * sh)[:, None] + (np.arange(kh) * rh)[None, :] - top  # [oh, kh]
    cols = (np.arange(ow) * sw)[:, None] + (np.arange(kw) * rw)[None, :] - left  # [ow, kw]
    inside = ((rows >= 0) & (rows < h))[:, None, :, None] & ((cols >= 0) & (cols < w))[
        None, :, None, :
    ]
    flat = np.clip(rows, 0, h - 1)[:, None, :, None] * w + np.clip(cols, 0, w - 1)[None, :, None, :]
    index = np.where(inside, flat, h * w).reshape(oh, ow, kh * kw)  # h*w: the fill row
    pixels = tf.reshape(x, [n, h * w, c])
    pad = wrap(np.full((n, 1, c), fill, dtype=x._value.dtype))
    pixels = tf.concat([pixels, pad], axis=1)
    return tf.gather(pixels, index, axis=1), (oh, ow)


def _morphology_args(strides, dilations, padding, data_format, op):
    if data_format != "NHWC":
        raise ValueError(f"{op} only supports NHWC format; got {data_format}")
    strides = [int(s) for s in np.ravel(strides)]
    dilations = [int(d) for d in np.ravel(dilations)]
    if len(strides) == 4:
        strides = strides[1:3]
    if len(dilations) == 4:
        dilations = dilations[1:3]
    if padding not in ("SAME", "VALID"):
        raise ValueError(f"padding must be SAME or VALID, got {padding}")
    return strides, dilations


def dilation2d(
    input: TensorLike,
    filters: TensorLike,
    strides: int | Sequence[int],
    padding: str,
    data_format: str,
    dilations: int | Sequence[int],
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Grayscale dilation: max over the window of input + filter, per channel.

    >>> x = tf.reshape(tf.constant([1.0, 5.0, 2.0, 0.0]), [1, 1, 4, 1])
    >>> y = tf.nn.dilation2d(x, tf.zeros([1, 2, 1]), strides=[1, 1, 1, 1], padding="VALID",
    ...                      data_format="NHWC", dilations=[1, 1, 1, 1])
    >>> tf.reshape(y, [-1])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([5., 5., 2.], dtype=float32)>
    """
    tf = _tf()
    x, f = as_tensor(input), as_tensor(filters)
    strides, dilations = _morphology_args(strides, dilations, padding, data_format, "Dilation2D")
    kh, kw, c = f._value.shape
    lowest = np.finfo(x._value.dtype).min if x._value.dtype.kind == "f" else 0
    patches, (oh, ow) = _patches(x, (kh, kw), strides, dilations, padding, lowest)
    return tf.reduce_max(patches + tf.reshape(f, [kh * kw, c]), axis=3)


def erosion2d(
    value: TensorLike,
    filters: TensorLike,
    strides: int | Sequence[int],
    padding: str,
    data_format: str,
    dilations: int | Sequence[int],
    name: str | None = None,
) -> Tensor:
    """Grayscale erosion: -dilation2d(-value, filters reflected).

    >>> x = tf.reshape(tf.constant([1.0, 5.0, 2.0, 0.0]), [1, 1, 4, 1])
    >>> y = tf.nn.erosion2d(x, tf.zeros([1, 2, 1]), strides=[1, 1, 1, 1], padding="VALID",
    ...                     data_format="NHWC", dilations=[1, 1, 1, 1])
    >>> tf.reshape(y, [-1])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 1.,  2., -0.], dtype=float32)>
    """
    tf = _tf()
    flipped = tf.reverse(as_tensor(filters), [0, 1])
    return -dilation2d(-as_tensor(value), flipped, strides, padding, data_format, dilations)


# -- isotonic regression -------------------------------------------------------
def _pool_adjacent_violators(row: np.ndarray, decreasing: bool) -> np.ndarray:
    """Segment ids of the isotonic fit of one row (blocks of equal fitted value)."""
    values = -row if not decreasing else row
    # For a non-increasing fit, merge a block into its predecessor while it is larger.
    starts, sums, counts = [], [], []
    for i, v in enumerate(values):
        starts.append(i)
        sums.append(float(v))
        counts.append(1)
        # (only a strict violation merges: TF keeps equal neighbours in their own blocks)
        while len(sums) > 1 and sums[-2] / counts[-2] < sums[-1] / counts[-1]:
            merged_sum, merged_count = sums.pop(), counts.pop()
            sums[-1] += merged_sum
            counts[-1] += merged_count
            starts.pop()
    segments = np.zeros(row.size, dtype=np.int32)
    for block, start in enumerate(starts):
        segments[start:] = block
    return segments


class IsotonicRegression(NamedTuple):
    """``tf.nn.isotonic_regression``'s result, TF's named pair (its repr included).

    >>> tf.nn.isotonic_regression([3.0, 1.0]).segments
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 1], dtype=int32)>
    """

    output: Tensor
    segments: Tensor


@_reads_values(floats=True)
def isotonic_regression(
    inputs: TensorLike, decreasing: bool = True, axis: int = -1
) -> IsotonicRegression:
    """The closest non-increasing (or non-decreasing) sequence along ``axis`` in least
    squares, and the segment id of each entry: ``(output, segments)``.

    >>> fitted, segments = tf.nn.isotonic_regression(tf.constant([[1.0, 3.0, 2.0, 4.0]]))
    >>> fitted
    <tf.Tensor: shape=(1, 4), dtype=float32, numpy=array([[2.5, 2.5, 2.5, 2.5]], dtype=float32)>
    >>> segments
    <tf.Tensor: shape=(1, 4), dtype=int32, numpy=array([[0, 0, 0, 0]], dtype=int32)>
    """
    tf = _tf()
    x = as_tensor(inputs)
    ndim = x._value.ndim
    if ndim == 0:  # one value is its own fit
        if x.dtype.is_complex:
            raise _isotonic_dtype_error(x)
        one = isotonic_regression(tf.reshape(x, [1]), decreasing, axis)
        return IsotonicRegression(tf.reshape(one.output, []), tf.reshape(one.segments, []))
    axis = _isotonic_axis(axis, ndim)
    if x.dtype.is_complex:
        raise _isotonic_dtype_error(x)
    if x._value.size == 0:  # nothing to fit: the output dtype a one-value input would get
        dtype = isotonic_regression(tf.ones([1], x.dtype), decreasing)[0].dtype
        return IsotonicRegression(tf.cast(x, dtype), wrap(np.zeros(x._value.shape, np.int32)))
    perm = [a for a in range(ndim) if a != axis] + [axis]
    moved = tf.transpose(x, perm) if axis != ndim - 1 else x
    length = moved._value.shape[-1]
    rows = tf.reshape(moved, [-1, length])
    # As TF: an increasing fit is the decreasing fit of -x, negated in the input's dtype
    # (an integer minimum wraps), averaged in the output dtype (int8/int16: float32, other
    # integers: float64).
    if not decreasing:
        rows = -rows
    out_dtype = x.dtype if x.dtype.is_floating else tf.float32 \
        if x.dtype in (tf.int8, tf.int16) else tf.float64  # fmt: skip
    values = np.asarray(_backend.to_host(rows._value))  # segments are found on the host
    segments = np.stack([_pool_adjacent_violators(r, True) for r in values]) \
        if values.shape[0] else np.zeros((0, length), np.int32)  # fmt: skip
    offsets = (np.arange(values.shape[0]) * length)[:, None]
    flat_ids = (segments + offsets).ravel()
    flat = tf.cast(tf.reshape(rows, [-1]), out_dtype)
    means = tf.math.unsorted_segment_mean(flat, flat_ids, values.size)
    fitted = tf.reshape(tf.gather(means, flat_ids), moved.shape)
    if not decreasing:
        fitted = -fitted
    seg = segments.reshape(moved._value.shape)
    back = list(np.argsort(perm))
    if axis != ndim - 1:
        fitted, seg = tf.transpose(fitted, back), np.transpose(seg, back)
    return IsotonicRegression(fitted, wrap(seg.astype(np.int32)))


def _isotonic_dtype_error(x: Tensor) -> Exception:
    from ..arrays._common import _attr_error

    allowed = (
        "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
    )
    return _attr_error("T", x._value.dtype, allowed, "IsotonicRegression")


def _isotonic_axis(axis: Any, ndim: int) -> int:
    # TF checks the range first and takes -1 or the last axis as is; it moves another negative
    # axis by adding the rank as an int32 tensor (a negative float cannot be converted), and a
    # float axis before the last one ends in Range or in its float transpose permutation.
    if isinstance(axis, Tensor):
        read_static(axis)
    value = axis._value if isinstance(axis, Tensor) else axis
    value = np.ravel(value)[0] if np.ndim(value) else value
    if not -ndim <= value < ndim:
        raise _op_error(f"`dim` must be in the range [-{ndim}, {ndim}) where {ndim} is the number "
                        f"of dimensions in the input. Received: dim={value}", "IsotonicRegression")  # fmt: skip
    if isinstance(value, (float, np.floating)):
        if value == -1:
            return ndim - 1
        if value < 0:
            raise TypeError(f"Cannot convert {value} to EagerTensor of dtype int32")
        if value != ndim - 1:
            if value + 1 > ndim - 1:
                raise _op_error(
                    f"Requires start <= limit when delta > 0: {value + 1}/{ndim - 1}", "Range"
                )
            from ..arrays._common import _attr_error

            raise _attr_error("Tperm", np.float32, "int32, int64", "Transpose")
    return int(value) % ndim


# -- label helpers ---------------------------------------------------------------
def collapse_repeated(
    labels: TensorLike, seq_length: TensorLike, name: str | None = None
) -> tuple[Tensor, Tensor]:
    """Merge runs of a repeated label within each row's length: (labels, new lengths).

    >>> labels, lengths = tf.nn.collapse_repeated(tf.constant([[1, 1, 2, 2, 3]]), seq_length=[5])
    >>> labels
    <tf.Tensor: shape=(1, 3), dtype=int32, numpy=array([[1, 2, 3]], dtype=int32)>
    >>> lengths
    <tf.Tensor: shape=(1,), dtype=int32, numpy=array([3], dtype=int32)>
    """
    source = as_tensor(labels)
    labels = np.asarray(source._value)
    lengths = np.asarray(as_tensor(seq_length)._value)
    if labels.ndim < 2:
        raise _op_error(f"Index out of range using input dim 1; input has only {labels.ndim} dims",
                        "StridedSlice")  # fmt: skip
    # TF's composition, with its broadcasting: a label is kept where it differs from the one
    # before and lies inside its row's length (a sequence_mask, lengths cast to int32); the
    # kept labels are scattered into rows as long as the longest count.
    keep = np.ones(labels.shape, dtype=bool)
    keep[:, 1:] = labels[:, 1:] != labels[:, :-1]
    with np.errstate(all="ignore"):
        limits = lengths.astype(np.int32)
    inside = np.arange(labels.shape[1]) < limits[..., None]
    try:
        keep = keep & inside
    except ValueError:
        raise _op_error(f"Incompatible shapes: {_shape_text(keep.shape)} vs. "
                        f"{_shape_text(inside.shape)}", "LogicalAnd") from None  # fmt: skip
    new_lengths = keep.sum(axis=1).astype(np.int32)
    if not new_lengths.size:  # TF's range up to the max of no lengths: int32's lowest
        raise _op_error("Requires start <= limit when delta > 0: 0/-2147483648", "Range")
    width = int(new_lengths.max())
    if keep.size != labels.size:
        raise ValueError(f"Shapes ({labels.size},) and ({keep.size},) are incompatible")
    slots = (np.arange(width) < new_lengths[..., None]).ravel()
    if slots.size != labels.shape[0] * width:
        raise _op_error(f"Input to reshape is a tensor with {slots.size} values, but the "
                        f"requested shape has {labels.shape[0] * width}", "Reshape")  # fmt: skip
    new_lengths_t = wrap(new_lengths.astype(lengths.dtype))
    if labels.dtype.kind in "fc":  # TF's gather and scatter carry a gradient to the labels
        tf = _tf()
        kept = tf.gather(tf.reshape(source, [-1]), np.flatnonzero(keep.ravel()))
        flat_t = tf.scatter_nd(np.flatnonzero(slots)[:, None], kept, [slots.size])
        return tf.reshape(flat_t, [labels.shape[0], width]), new_lengths_t
    # Padding is the dtype's zero: b"" for strings.
    flat = np.full(slots.size, b"" if labels.dtype.kind == "O" else 0, dtype=labels.dtype)
    flat[slots] = labels.ravel()[keep.ravel()]
    return wrap(flat.reshape(labels.shape[0], width)), new_lengths_t


@_reads_values
def ctc_unique_labels(labels: TensorLike, name: str | None = None) -> tuple[Tensor, Tensor]:
    """Per row: the unique labels in order of appearance (0-padded) and each entry's index.

    >>> unique, index = tf.nn.ctc_unique_labels(tf.constant([[3, 5, 3, 0]]))
    >>> unique
    <tf.Tensor: shape=(1, 4), dtype=int64, numpy=array([[3, 5, 0, 0]])>
    >>> index
    <tf.Tensor: shape=(1, 4), dtype=int32, numpy=array([[0, 1, 0, 2]], dtype=int32)>
    """
    labels = np.asarray(_backend.to_host(as_tensor(labels)._value))
    if labels.ndim and not labels.shape[0]:  # TF maps over no rows: shape [0], whatever else
        return wrap(np.zeros((0,), np.int64)), wrap(np.zeros((0,), np.int32))
    if not labels.ndim:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    if labels.ndim != 2:  # TF maps Unique over the rows, which must be vectors
        raise _op_error("unique expects a 1D vector.", "Unique")
    unique = np.zeros_like(labels)
    index = np.zeros(labels.shape, dtype=np.int32)
    for r, row in enumerate(labels):
        seen: dict = {}
        for i, v in enumerate(row.tolist()):
            index[r, i] = seen.setdefault(v, len(seen))
        unique[r, : len(seen)] = list(seen)
    # TF finds the unique values in the input's dtype, then casts them to int64.
    return _tf().cast(wrap(unique), _tf().int64), wrap(index)


# -- convolution backprops -------------------------------------------------------
def depthwise_conv2d_backprop_input(
    input_sizes: ShapeLike,
    filter: TensorLike,
    out_backprop: TensorLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any],  # noqa: A002
    data_format: str = "NHWC",
    dilations: int | Sequence[int] = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """The gradient of depthwise_conv2d with respect to its input.

    >>> filters, grad = tf.ones([2, 2, 1, 1]), tf.ones([1, 2, 2, 1])
    >>> dx = tf.nn.depthwise_conv2d_backprop_input(
    ...     [1, 3, 3, 1], filters, grad, strides=[1, 1, 1, 1], padding="VALID"
    ... )
    >>> print(dx[0, :, :, 0])
    tf.Tensor(
    [[1. 2. 1.]
     [2. 4. 2.]
     [1. 2. 1.]], shape=(3, 3), dtype=float32)
    """
    tf = _tf()
    sizes = [int(v) for v in np.ravel(as_tensor(input_sizes)._value)]
    w, g = as_tensor(filter), as_tensor(out_backprop)
    x = tf.zeros(sizes, dtype=w.dtype)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.depthwise_conv2d(x, w, list(np.ravel(strides)), padding, data_format,
                                   dilations=_pair(dilations, data_format))  # fmt: skip
    return tape.gradient(y, x, output_gradients=g)


def depthwise_conv2d_backprop_filter(
    input: TensorLike,
    filter_sizes: ShapeLike,
    out_backprop: TensorLike,
    strides: int | Sequence[int],
    padding: str | Sequence[Any],  # noqa: A002
    data_format: str = "NHWC",
    dilations: int | Sequence[int] = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """The gradient of depthwise_conv2d with respect to its filter.

    >>> x, grad = tf.ones([1, 3, 3, 1]), tf.ones([1, 2, 2, 1])
    >>> dw = tf.nn.depthwise_conv2d_backprop_filter(
    ...     x, [2, 2, 1, 1], grad, strides=[1, 1, 1, 1], padding="VALID"
    ... )
    >>> print(dw[:, :, 0, 0])
    tf.Tensor(
    [[4. 4.]
     [4. 4.]], shape=(2, 2), dtype=float32)
    """
    tf = _tf()
    sizes = [int(v) for v in np.ravel(as_tensor(filter_sizes)._value)]
    x, g = as_tensor(input), as_tensor(out_backprop)
    w = tf.zeros(sizes, dtype=x.dtype)
    with tf.GradientTape() as tape:
        tape.watch(w)
        y = tf.nn.depthwise_conv2d(x, w, list(np.ravel(strides)), padding, data_format,
                                   dilations=_pair(dilations, data_format))  # fmt: skip
    return tape.gradient(y, w, output_gradients=g)


def _pair(dilations, data_format):
    d = [int(v) for v in np.ravel(dilations)]
    if len(d) == 4:
        return d[2:4] if data_format == "NCHW" else d[1:3]
    return d


def atrous_conv2d_transpose(
    value: TensorLike,
    filters: TensorLike,
    output_shape: ShapeLike,
    rate: int,
    padding: str | Sequence[Any],
    name: str | None = None,
) -> Tensor:
    """conv2d_transpose with the filter dilated by ``rate`` (stride 1).

    >>> x, filters = tf.ones([1, 3, 3, 1]), tf.ones([3, 3, 2, 1])
    >>> tf.nn.atrous_conv2d_transpose(x, filters, [1, 7, 7, 2], rate=2, padding="VALID").shape
    TensorShape([1, 7, 7, 2])
    """
    if int(rate) < 1:
        raise ValueError(f"rate {rate} cannot be less than one")
    return _tf().nn.conv2d_transpose(value, filters, output_shape, 1, padding,
                                     dilations=int(rate))  # fmt: skip


def with_space_to_batch(
    input: TensorLike,
    dilation_rate: int | Sequence[int],
    padding: str | Sequence[Any],
    op: Callable[..., Any],
    filter_shape: ShapeLike = None,
    spatial_dims: Sequence[int] | None = None,  # noqa: A002
    data_format: str | None = None,
) -> Tensor:
    """Run ``op(converted_input, num_spatial_dims, padding)`` on the space-to-batch form of
    ``input`` for a dilation rate, and move the result back (TF's dilation trick).

    >>> def conv(x, num_spatial_dims, padding):
    ...     return tf.nn.conv2d(x, tf.ones([3, 3, 1, 1]), strides=1, padding=padding)
    ...
    >>> x = tf.ones([1, 8, 8, 1])
    >>> y = tf.nn.with_space_to_batch(x, dilation_rate=[2, 2], padding="VALID", op=conv)
    >>> y.shape  # a 3x3 convolution dilated by 2
    TensorShape([1, 4, 4, 1])
    """
    tf = _tf()
    x = as_tensor(input)
    # TF validates in this order, each with a ValueError, before it looks at `op`.
    rate_value = tf.convert_to_tensor(dilation_rate, tf.int32)._value
    if rate_value.ndim != 1:
        raise ValueError(
            "`dilation_rate.shape.rank` must be 1. Received: "
            f"dilation_rate={rate_value} of rank {rate_value.ndim}"
        )
    rate = rate_value.astype(np.int64)
    m = rate.size
    first = data_format is not None and data_format.startswith("NC")
    if spatial_dims is None:
        spatial_dims = list(range(2, m + 2)) if first else list(range(1, m + 1))
    given = list(spatial_dims)
    spatial_dims = sorted({int(d) for d in given})
    if spatial_dims != given or any(d < 1 for d in spatial_dims):
        raise ValueError(
            "`spatial_dims` must be a monotonically increasing sequence of "
            f"positive integers. Received: spatial_dims={given}"
        )
    want_rank = spatial_dims[-1] if first else spatial_dims[-1] + 1
    if x._value.ndim < want_rank:
        raise ValueError(
            f"`input.shape.rank` must be at least {want_rank}. "
            f"Received: input.shape={x.shape} with rank {x._value.ndim}"
        )
    if np.any(rate < 1):
        raise ValueError(f"`dilation_rate` must be positive. Received: dilation_rate={rate_value}")
    if np.all(rate == 1):
        return op(x, m, padding)
    if padding == "SAME":
        if filter_shape is None:
            raise ValueError("filter_shape must be specified for SAME padding")
        fs = np.ravel(np.asarray(filter_shape)).astype(np.int64)
        effective = (fs - 1) * rate + 1
        total = effective - 1
        base = np.stack([total // 2, total - total // 2], axis=1)
    else:
        base = np.zeros((m, 2), np.int64)
    shape = [x._value.shape[d] for d in spatial_dims]
    paddings, crops = tf.required_space_to_batch_paddings(shape, rate, base_paddings=base)
    moved = x
    if first:
        moved = tf.transpose(x, [0] + list(range(2, x._value.ndim)) + [1])
    converted = tf.space_to_batch_nd(moved, rate, paddings)
    if first:
        converted = tf.transpose(converted, [0, converted._value.ndim - 1] +
                                 list(range(1, converted._value.ndim - 1)))  # fmt: skip
    result = op(converted, m, "VALID")
    if first:
        result = tf.transpose(result, [0] + list(range(2, result._value.ndim)) + [1])
    result = tf.batch_to_space(result, rate, crops)
    if first:
        result = tf.transpose(result, [0, result._value.ndim - 1] +
                              list(range(1, result._value.ndim - 1)))  # fmt: skip
    return result
