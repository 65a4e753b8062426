"""The rest of tf.math: inverse error functions and Bessel functions, counting ops,
and small composites. (The segment reductions other than sums, once here, are in
``_scans.py`` with the segment sums; this module re-exports them.)

>>> import tapeflow as tf
>>> print(tf.math.bincount([1, 1, 3]))
tf.Tensor([0 2 0 1], shape=(4,), dtype=int32)
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import dtypes as _dt
from .._dispatch import Primitive, reads_values
from .._limits import check_allocation
from .._matching import matching_tensors
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import AxisLike, DTypeLike, ShapeLike, TensorLike
from ..arrays._common import _make_int as _attr_int
from ..errors import InvalidArgumentError, _attr_text, _dtype_mismatch, _op_error
from ..ops import special_more as _sm
from ..ops._jvp import fold_jvp
from ..ops.elementwise import zeros_like as _zeros_like
from ._common import _tf, normalize_axis
from ._scans import (  # noqa: F401  (segment reductions, re-exported)
    segment_max,
    segment_mean,
    segment_min,
    segment_prod,
    unsorted_segment_max,
    unsorted_segment_mean,
    unsorted_segment_min,
    unsorted_segment_prod,
    unsorted_segment_sqrt_n,
)

_FLOAT_OR_COMPLEX = (_dt.float16, _dt.float32, _dt.float64, _dt.complex64, _dt.complex128)


def _floats(x, op_name: str) -> Tensor:
    x = as_tensor(x)
    if x._value.dtype.kind != "f":
        raise _op_error(f"Value for attr 'T' of {_dt._from_numpy(x._value.dtype).c_name} is not "
                        "in the list of allowed values: bfloat16, half, float, double",
                        op_name)  # fmt: skip
    return x


# -- special functions ---------------------------------------------------------
def erfinv(x: TensorLike, name: str | None = None) -> Tensor:
    """The inverse of erf on (-1, 1) (±inf at ±1, NaN outside).

    >>> import tapeflow as tf
    >>> print(tf.math.erfinv(tf.constant([0.0, 0.5])))
    tf.Tensor([0.         0.47693628], shape=(2,), dtype=float32)
    """
    return _sm.erfinv(_floats(x, "Erfinv"))


def ndtri(x: TensorLike, name: str | None = None) -> Tensor:
    """The inverse of the standard normal CDF (sqrt(2) erfinv(2x - 1), computed through
    erfc's tail below 0.5 so that tiny probabilities keep their quantile).

    >>> tf.math.ndtri(tf.constant([0.5, 0.975]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.9599644], dtype=float32)>
    """
    return _sm.ndtri(_floats(x, "Ndtri"))


def erfcinv(x: TensorLike, name: str | None = None) -> Tensor:
    """The inverse of erfc on (0, 2): -ndtri(x / 2) / sqrt(2).

    >>> tf.math.erfcinv(tf.constant([0.5, 1.5]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 0.47693628, -0.47693628], dtype=float32)>
    """
    x = _floats(x, "Erfcinv")
    half = wrap(np.asarray(0.5, x._value.dtype)[()])
    root2 = wrap(np.asarray(np.sqrt(2.0), x._value.dtype)[()])
    return -ndtri(x * half) / root2


def bessel_i0(x: TensorLike, name: str | None = None) -> Tensor:
    """The modified Bessel function of the first kind, order 0.

    >>> tf.math.bessel_i0(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.       , 1.2660658], dtype=float32)>
    """
    return _sm.bessel_i0(_floats(x, "BesselI0"))


def bessel_i0e(x: TensorLike, name: str | None = None) -> Tensor:
    """exp(-|x|) I0(x).

    >>> tf.math.bessel_i0e(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.       , 0.4657596], dtype=float32)>
    """
    return _sm.bessel_i0e(_floats(x, "BesselI0e"))


def bessel_i1(x: TensorLike, name: str | None = None) -> Tensor:
    """The modified Bessel function of the first kind, order 1.

    >>> tf.math.bessel_i1(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 0.5651591], dtype=float32)>
    """
    return _sm.bessel_i1(_floats(x, "BesselI1"))


def bessel_i1e(x: TensorLike, name: str | None = None) -> Tensor:
    """exp(-|x|) I1(x).

    >>> tf.math.bessel_i1e(tf.constant([0.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.        , 0.20791042], dtype=float32)>
    """
    return _sm.bessel_i1e(_floats(x, "BesselI1e"))


def lbeta(x: TensorLike, name: str | None = None) -> Tensor:
    """log |B(x)| over the last axis: sum(lgamma(x)) - lgamma(sum(x)).

    >>> tf.math.lbeta(tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=-0.6931471824645996>
    """
    tf = _tf()
    x = as_tensor(x)
    return tf.reduce_sum(tf.math.lgamma(x), axis=-1) - tf.math.lgamma(tf.reduce_sum(x, axis=-1))


# -- small composites ----------------------------------------------------------
def accumulate_n(
    inputs: TensorLike,
    shape: ShapeLike = None,
    tensor_dtype: DTypeLike = None,
    name: str | None = None,
) -> Tensor:
    """The elementwise sum of a list of tensors (add_n).

    >>> tf.math.accumulate_n([tf.constant([1, 2]), tf.constant([10, 20])])
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([11, 22], dtype=int32)>
    """
    return _tf().math.add_n(inputs)


def log_sigmoid(x: TensorLike, name: str | None = None) -> Tensor:
    """log(sigmoid(x)) = -softplus(-x), stable for large |x|.

    >>> tf.math.log_sigmoid(tf.constant([0.0, -2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([-0.6931472, -2.126928 ], dtype=float32)>
    """
    tf = _tf()
    return -tf.math.softplus(-as_tensor(x))


def reciprocal_no_nan(x: TensorLike, name: str | None = None) -> Tensor:
    """1 / x, and 0 where x is 0.

    >>> tf.math.reciprocal_no_nan(tf.constant([2.0, 0.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 0. ], dtype=float32)>
    """
    x = as_tensor(x)
    if x._value.dtype.kind in "OSUb":  # TF builds a constant 1 of x's dtype first
        raise TypeError(f"Cannot convert 1 to EagerTensor of dtype {x.dtype.name}")
    if x._value.dtype.kind in "iu":
        from ..arrays._common import _attr_error

        allowed = "half, float, bfloat16, double, complex64, complex128"
        raise _attr_error("T", x._value.dtype, allowed, "DivNoNan")
    return _tf().math.divide_no_nan(wrap(np.ones_like(x._value)[()]), x)


def xlog1py(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """x * log1p(y), and 0 where x is 0 (even where log1p(y) is not finite).

    >>> tf.math.xlog1py(tf.constant([0.0, 2.0]), tf.constant([-1.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.3862944], dtype=float32)>
    """
    tf = _tf()
    x, y = matching_tensors([x, y], _FLOAT_OR_COMPLEX)
    zero = x._value == 0
    safe_y = tf.where(wrap(np.broadcast_to(zero, np.broadcast_shapes(zero.shape, y.shape))),
                      tf.zeros_like(y * x), y * tf.ones_like(x))  # fmt: skip
    return tf.where(wrap(zero), tf.zeros_like(x * y), x * tf.math.log1p(safe_y))


@reads_values(floats=True)  # computed outside apply: traced, each call's values
def rint(x: TensorLike, name: str | None = None) -> Tensor:
    """Round half to even (no gradient, like round).

    >>> tf.math.rint(tf.constant([0.5, 1.5, -1.7]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 0.,  2., -2.], dtype=float32)>
    """
    x = _floats(x, "Rint")
    return wrap(np.rint(x._value)[()])


_nextafter = Primitive(
    "nextafter",
    lambda x1, x2: np.nextafter(x1, x2)[()],
    vjp=lambda g, ans, x1, x2: (g, _zeros_like(x2)),
    jvp=lambda tangents, ans, x1, x2: fold_jvp(tangents, lambda t: t, lambda t: t * 0),
    same_dtype=True,
    kinds="f",
    tf_name="NextAfter",
    formula="TF's NextAfterGrad: the gradient passes to x1 unchanged, x2 gets zeros",
)


def nextafter(x1: TensorLike, x2: TensorLike, name: str | None = None) -> Tensor:
    """The next representable value after x1 toward x2 (TF's gradient: 1 for x1, 0 for x2).

    >>> tf.math.nextafter(tf.constant([1.0]), 2.0) - 1.0
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.1920929e-07], dtype=float32)>
    """
    x1, x2 = matching_tensors([x1, x2], (_dt.float64, _dt.float32), _dt.float32)
    if x1.dtype != x2.dtype:
        raise _op_error(f"cannot compute NextAfter as input #1(zero-based) was expected to be a "
                        f"{x1.dtype.c_name} tensor but is a {x2.dtype.c_name} tensor",
                        "NextAfter")  # fmt: skip
    if x1._value.dtype not in (np.float32, np.float64):
        raise _op_error(f"Value for attr 'T' of {x1.dtype.c_name} is not in the list of "
                        "allowed values: double, float", "NextAfter")  # fmt: skip
    return _nextafter(x1, x2)


def count_nonzero(
    input: TensorLike,
    axis: AxisLike = None,
    keepdims: bool | None = None,
    dtype: DTypeLike = _dt.int64,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """The number of non-zero entries over ``axis`` (all axes by default).

    >>> tf.math.count_nonzero(tf.constant([[0, 1], [2, 3]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 2])>
    """
    x = as_tensor(input)
    axes = normalize_axis(axis, x.ndim, "Sum")  # TF sums a not_equal mask over axis
    counts = np.count_nonzero(x._value, axis=axes, keepdims=bool(keepdims))
    return wrap(np.asarray(counts, dtype=_dt.as_dtype(dtype).as_numpy_dtype)[()])


def zero_fraction(value: TensorLike, name: str | None = None) -> Tensor:
    """The fraction of entries that are zero, as float32.

    >>> tf.math.zero_fraction(tf.constant([0, 1, 0, 2]))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """
    x = as_tensor(value)
    zero = b"" if x._value.dtype.kind == "O" else 0  # a string's zero is b""
    return wrap(np.float32(np.mean(x._value == zero) if x._value.size else np.nan))


@reads_values
def invert_permutation(x: TensorLike, name: str | None = None) -> Tensor:
    """y with y[x[i]] = i, for a permutation x of 0..n-1.

    >>> tf.math.invert_permutation(tf.constant([2, 0, 1]))
    <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 0], dtype=int32)>
    """
    # TF converts a Python or NumPy value with int32 preferred (NumPy floats are cast).
    with np.errstate(all="ignore"):
        (x,) = matching_tensors([x], (_dt.int32, _dt.int64), _dt.int32)
    p = np.asarray(x._value)
    if x.dtype not in (_dt.int32, _dt.int64):
        text = _attr_text("T", _dt.as_dtype(x.dtype).c_name, "int32, int64")
        raise _op_error(f"{text}\n\t; NodeDef: {{{{node InvertPermutation}}}}", "InvertPermutation")
    if p.ndim != 1:
        raise _op_error("invert_permutation expects a 1D vector.", "InvertPermutation")
    if sorted(p.tolist()) != list(range(p.size)):
        bad = next(int(v) for v in p if not 0 <= v < p.size or list(p).count(v) > 1)
        raise _op_error(f"{bad} is not between 0 and {p.size}" if not 0 <= bad < p.size
                        else f"{bad} is duplicated in the input.", "InvertPermutation")  # fmt: skip
    out = np.empty_like(p)
    out[p] = np.arange(p.size, dtype=p.dtype)
    return wrap(out)


@reads_values
def in_top_k(
    targets: TensorLike, predictions: TensorLike, k: TensorLike, name: str | None = None
) -> Tensor:
    """Whether each target's prediction is among the ``k`` largest of its row (ties
    at the boundary count as in; non-finite predictions never are).

    >>> tf.math.in_top_k(targets=[0, 1], predictions=[[0.9, 0.1], [0.8, 0.2]], k=1)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """
    predictions = as_tensor(predictions)._value
    if predictions.dtype.kind in "SUO":  # TF converts predictions to float32 first
        text = next(iter(np.ravel(predictions)), b"")
        raise ValueError(f"could not convert string to float: {text!r}")
    targets = np.asarray(as_tensor(targets)._value)
    k = int(as_tensor(k)._value)
    rows = np.arange(predictions.shape[0])
    if np.any((targets < 0) | (targets >= predictions.shape[1])):
        return wrap(np.zeros(targets.shape, dtype=bool))
    target = predictions[rows, targets]
    larger = np.sum(predictions > target[:, None], axis=1)
    finite = np.all(np.isfinite(predictions), axis=1)
    return wrap((larger < k) & finite & np.isfinite(target))


@reads_values
def bincount(
    arr: TensorLike,
    weights: TensorLike = None,
    minlength: TensorLike = None,
    maxlength: TensorLike = None,
    dtype: DTypeLike = _dt.int32,
    name: str | None = None,
    axis: AxisLike = None,
    binary_output: bool = False,
) -> Tensor:
    """Counts of each value of a non-negative int tensor (or sums of ``weights``).

    >>> tf.math.bincount(tf.constant([1, 1, 3]))
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 2, 0, 1], dtype=int32)>
    """
    tf = _tf()
    arr = as_tensor(arr)
    if weights is not None:
        weights = as_tensor(weights)
        if binary_output:
            raise ValueError("Arguments `binary_output` and `weights` are mutually exclusive. "
                             "Please specify only one.")  # fmt: skip
    if arr._value.dtype.kind not in "iu":  # TF casts a non-integer arr to int32 first
        arr = tf.cast(arr, _dt.int32)
    if axis is None:
        axis = 0
    if isinstance(axis, (str, bytes)) or axis not in (0, -1):
        raise ValueError(f"Unsupported value for argument axis={axis}. Only 0 and -1 are "
                         "currently supported.")  # fmt: skip
    values = np.asarray(arr._value)
    size = int(values.max()) + 1 if values.size else 0
    for what, bound in (("minlength", minlength), ("maxlength", maxlength)):
        if bound is None:
            continue
        try:
            bound = int(tf.convert_to_tensor(bound, dtype=arr.dtype)._value)
        except ValueError as error:
            raise ValueError(f"{what}: {error}") from None
        size = max(size, bound) if what == "minlength" else min(size, bound)
    if not isinstance(binary_output, (bool, np.bool_)):
        raise TypeError(f"Expected bool for argument 'binary_output' not {binary_output!r}.")
    if weights is not None and weights._value.dtype not in (np.int32, np.int64, np.float32,
                                                            np.float64):  # fmt: skip
        raise _op_error(f"Value for attr 'T' of {weights.dtype.c_name} is not in the list of "
                        "allowed values: int32, int64, float, double", "DenseBincount")  # fmt: skip
    if values.size and values.min() < 0:
        raise _op_error("Input arr must be non-negative!", "Bincount")
    size = max(size, 0)
    check_allocation((size,), np.float64, "DenseBincount")
    keep = values < size
    if axis == -1:
        rows = values.reshape(values.shape[0], -1)
        out: np.ndarray = np.zeros((rows.shape[0], size))
        w = None if weights is None else np.asarray(weights._value).reshape(rows.shape)
        for r in range(rows.shape[0]):
            mask = rows[r] < size
            out[r] = np.bincount(
                rows[r][mask].astype(np.int64), None if w is None else w[r][mask], size
            )
    else:
        flat = values[keep].astype(np.int64)  # uint64 does not cast safely for np.bincount
        w = None if weights is None else np.asarray(weights._value)[keep]
        out = np.bincount(flat.ravel(), None if w is None else w.ravel(), size)
    if binary_output:
        out = (out > 0).astype(out.dtype)
    if weights is not None:
        out_dtype = weights.dtype
    else:  # TF's default for dtype=None too
        out_dtype = _dt.int32 if dtype is None else _dt.as_dtype(dtype)
    return wrap(out.astype(out_dtype.as_numpy_dtype))


@reads_values
def confusion_matrix(
    labels: TensorLike,
    predictions: TensorLike,
    num_classes: TensorLike = None,
    weights: TensorLike = None,
    dtype: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """counts[i, j] = number of (label i, prediction j) pairs (or their weights).

    Labels and predictions are vectors (a trailing dimension of 1 on one of them is
    squeezed); weights are cast to ``dtype`` before they are added, as in TensorFlow.

    >>> import tapeflow as tf
    >>> print(tf.math.confusion_matrix([1, 0, 1], [1, 1, 1]))
    tf.Tensor(
    [[0 1]
     [0 2]], shape=(2, 2), dtype=int32)
    """
    labels = np.asarray(as_tensor(labels)._value).astype(np.int64)
    predictions = np.asarray(as_tensor(predictions)._value).astype(np.int64)
    # TF's remove_squeezable_dimensions: ranks differing by one, a trailing 1 is dropped.
    if labels.ndim == predictions.ndim + 1 and labels.shape[-1:] == (1,):
        labels = labels[..., 0]
    elif predictions.ndim == labels.ndim + 1 and predictions.shape[-1:] == (1,):
        predictions = predictions[..., 0]
    if labels.shape != predictions.shape:
        raise ValueError(f"Dimensions {labels.shape} and {predictions.shape} are not compatible")
    if labels.ndim == 0:  # TF stacks the two along axis 1
        raise ValueError("Argument `axis` = 1 not in range [-1, 1)")
    if labels.ndim > 1:
        index_shape = ",".join(map(str, [labels.shape[0], 2, *labels.shape[1:]]))
        raise _op_error(f"Dimensions [0,{labels.ndim}) of indices[shape=[{index_shape}]] must "
                        f"match dimensions [0,{labels.ndim}) of updates[shape="
                        f"[{','.join(map(str, labels.shape))}]]", "ScatterNd")  # fmt: skip
    if labels.size and (labels.min() < 0 or predictions.min() < 0):
        raise InvalidArgumentError(None, None, "`labels` contains negative values.")
    if num_classes is None:
        if not labels.size:  # the max of nothing is int64's lowest value
            raise _op_error(f"Dimension {np.iinfo(np.int64).min + 1} must be >= 0", "ScatterNd")
        n = int(max(labels.max(), predictions.max())) + 1
    else:
        n = int(num_classes)
    if labels.size and (labels.max() >= n or predictions.max() >= n):
        raise InvalidArgumentError(
            None, None, "`labels` out of bound. Condition x < y did not hold."
        )
    if dtype is None and weights is None:  # TF's ones_like(predictions, None): int64
        dtype = _dt.int64
    out_dtype = _dt.as_dtype(dtype).as_numpy_dtype
    check_allocation((n, n), out_dtype, "ScatterNd")
    with np.errstate(all="ignore"):
        w = (np.ones(labels.shape, out_dtype) if weights is None
             else np.asarray(as_tensor(weights)._value).astype(out_dtype))  # fmt: skip
        out: np.ndarray = np.zeros((n, n), out_dtype)
        np.add.at(out, (labels, predictions), w)
    return wrap(out)


def _typed_inputs(values: tuple, dtype: _dt.DType, op: str) -> list[Tensor]:
    """An op's inputs of one fixed ``dtype`` as TF's generated op takes them, with its errors.

    TF's eager fast path converts the Python values first, in order (raising its
    conversion errors), and hands tensors as they are to the kernel, which then checks
    their dtypes.
    """
    tensors = [v if isinstance(v, Tensor) else convert_to_tensor(v, dtype=dtype) for v in values]
    for position, tensor in enumerate(tensors):
        if tensor.dtype != dtype:
            raise _dtype_mismatch(op, position, dtype.as_numpy_dtype_instance, tensor._value.dtype)
    return tensors


def _check_approx_top_k(x: Tensor, k, dimension, recall_target, size_override, aggregate):
    """ApproxTopK's attribute and input checks, in TF's order and with its messages."""
    ints = {}
    for what, value in (("k", k), ("reduction_dimension", dimension)):
        ints[what] = _attr_int(value, what)
    if not isinstance(recall_target, (numbers.Real, np.integer, np.floating)):
        raise TypeError(f"Expected float for argument 'recall_target' not {recall_target!r}.")
    _attr_int(size_override, "reduction_input_size_override")
    if not isinstance(aggregate, bool):
        raise TypeError(f"Expected bool for argument 'aggregate_to_topk' not {aggregate!r}.")
    dimension = ints["reduction_dimension"]
    # float64 is accepted (TF's op rejects it): the exact top-k needs no special kernel.
    if x._value.dtype.kind != "f":
        raise _op_error(f"Value for attr 'T' of {x.dtype.c_name} is not in the list of allowed "
                        "values: half, bfloat16, float", "ApproxTopK")  # fmt: skip
    if x._value.ndim < 1:
        raise _op_error(f"input must be >= 1-D, got shape {list(x._value.shape)}", "ApproxTopK")
    ndim = x._value.ndim
    if not -ndim <= dimension < ndim:
        raise _op_error(f"Invalid reduction_dimension {dimension} for input with rank "
                        f"{ndim}", "ApproxTopK")  # fmt: skip


def approx_max_k(
    operand: TensorLike,
    k: int,
    reduction_dimension: int = -1,
    recall_target: float = 0.95,
    reduction_input_size_override: int = -1,
    aggregate_to_topk: bool = True,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """The exact top ``k`` along ``reduction_dimension`` (an allowed answer of the
    approximate op): ``(values, indices)``.

    >>> values, indices = tf.math.approx_max_k(tf.constant([3.0, 9.0, 1.0, 5.0]), k=2)
    >>> values
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([9., 5.], dtype=float32)>
    >>> indices
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 3], dtype=int32)>
    """
    tf = _tf()
    x = as_tensor(operand)
    _check_approx_top_k(x, k, reduction_dimension, recall_target, reduction_input_size_override,
                        aggregate_to_topk)  # fmt: skip
    ndim = x._value.ndim
    axis = int(reduction_dimension) % ndim
    perm = [a for a in range(ndim) if a != axis] + [axis]
    back = list(np.argsort(perm))
    moved = tf.transpose(x, perm) if axis != ndim - 1 else x
    values, indices = tf.math.top_k(moved, k=int(k))
    if axis != ndim - 1:
        values, indices = tf.transpose(values, back), tf.transpose(indices, back)
    return values, indices


def approx_min_k(
    operand: TensorLike,
    k: int,
    reduction_dimension: int = -1,
    recall_target: float = 0.95,
    reduction_input_size_override: int = -1,
    aggregate_to_topk: bool = True,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """The exact bottom ``k`` along ``reduction_dimension``: ``(values, indices)``.

    >>> values, indices = tf.math.approx_min_k(tf.constant([3.0, 9.0, 1.0, 5.0]), k=2)
    >>> values
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    >>> indices
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([2, 0], dtype=int32)>
    """
    x = as_tensor(operand)
    _check_approx_top_k(x, k, reduction_dimension, recall_target, reduction_input_size_override,
                        aggregate_to_topk)  # fmt: skip
    values, indices = approx_max_k(-x, k, reduction_dimension)
    return -values, indices
