"""The rest of tf.math: inverse error functions and Bessel functions, segment
reductions other than sums, counting ops, and small composites.

Segment max/min/prod/mean gather each segment's rows into a padded block and
reduce it with the differentiable reductions, so their gradients (ties share
the cotangent, zeros in products) are those of reduce_max/reduce_prod.

>>> import tapeflow as tf
>>> print(tf.math.segment_max([1.0, 3.0, 2.0, 5.0], [0, 0, 1, 1]))
tf.Tensor([3. 5.], shape=(2,), dtype=float32)
>>> print(tf.math.bincount([1, 1, 3]))
tf.Tensor([0 2 0 1], shape=(4,), dtype=int32)
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import Primitive, reads_values
from .._limits import check_allocation
from .._matching import matching_tensors
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import AxisLike, DTypeLike, ShapeLike, TensorLike
from ..errors import InvalidArgumentError, _attr_text, _dtype_mismatch, _op_error
from ..ops import special_more as _sm
from ..ops._jvp import fold_jvp
from ..ops.elementwise import zeros_like as _zeros_like
from ._common import normalize_axis
from ._scans import _index_text, num_segments_arg

_FLOAT_OR_COMPLEX = (_dt.float16, _dt.float32, _dt.float64, _dt.complex64, _dt.complex128)


def _tf():
    import tapeflow

    return tapeflow


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
    """The inverse of the standard normal CDF: sqrt(2) erfinv(2x - 1).

    >>> tf.math.ndtri(tf.constant([0.5, 0.975]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.       , 1.9599643], dtype=float32)>
    """
    x = _floats(x, "Ndtri")
    two = wrap(np.asarray(2.0, x._value.dtype)[()])
    one = wrap(np.asarray(1.0, x._value.dtype)[()])
    root2 = wrap(np.asarray(np.sqrt(2.0), x._value.dtype)[()])
    return root2 * _sm.erfinv(two * x - one)


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
    out_dtype = _dt.as_dtype(dtype).as_numpy_dtype
    check_allocation((n, n), out_dtype, "ScatterNd")
    with np.errstate(all="ignore"):
        w = (np.ones(labels.shape, out_dtype) if weights is None
             else np.asarray(as_tensor(weights)._value).astype(out_dtype))  # fmt: skip
        out: np.ndarray = np.zeros((n, n), out_dtype)
        np.add.at(out, (labels, predictions), w)
    return wrap(out)


def _attr_int(value, what: str) -> int:
    """An int attribute as TF's op builder reads one: anything int() takes, but no str."""
    try:
        if isinstance(value, str):
            raise TypeError
        return int(value)
    except (ValueError, TypeError):
        raise TypeError(f"Expected int for argument '{what}' not {value!r}.") from None


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
