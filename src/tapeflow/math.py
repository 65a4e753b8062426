"""tf.math: elementwise math and reductions, with TensorFlow's names and signatures.

Thin wrappers: they convert arguments, check axes and dtypes, and call
primitives (``ops/elementwise.py``, ``ops/reduce.py``, ``ops/scan.py``; segment
sums use the gather/scatter pair of ``ops/index.py``) or compose them the way
TensorFlow does, so gradients and singular points follow TensorFlow's (spec
section 9). ``__all__`` lists the names TensorFlow also has at top level
(``tf.abs``, ``tf.reduce_prod``, ...); the others are reached as
``tf.math.<name>``.

>>> import tapeflow as tf
>>> print(tf.math.reduce_mean(tf.constant([1.0, 2.0, 3.0, 4.0])))
tf.Tensor(2.5, shape=(), dtype=float32)
>>> print(tf.math.cumsum([1, 2, 3], exclusive=True))
tf.Tensor([0 1 3], shape=(3,), dtype=int32)
"""

from __future__ import annotations

import builtins
import collections.abc
import numbers

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor
from ._tensor import dtype_mismatch as _dtype_mismatch
from ._tensor import wrap as _wrap
from .errors import InvalidArgumentError
from .ops import elementwise as _el
from .ops import index as _index
from .ops import reduce as _red
from .ops import scan as _scans
from .ops import shape as _shape
from .ops._operators import true_divide as _true_divide

__all__ = [
    "abs", "acos", "acosh", "add", "add_n", "argmax", "argmin", "asin", "asinh", "atan",
    "atan2", "atanh", "cast", "clip_by_global_norm", "clip_by_norm", "clip_by_value", "cos",
    "cosh", "cumsum", "divide", "equal", "exp", "floor", "greater", "greater_equal", "less",
    "less_equal", "logical_and", "logical_not", "logical_or", "maximum", "minimum", "multiply",
    "negative", "norm", "not_equal", "pow", "realdiv", "reduce_all", "reduce_any",
    "reduce_logsumexp", "reduce_max", "reduce_mean", "reduce_min", "reduce_prod", "reduce_sum",
    "round", "sigmoid", "sign", "sin", "sinh", "sqrt", "square", "subtract", "tan", "tanh",
    "truediv",
]  # fmt: skip


def as_tensor(value) -> Tensor:
    return value if value.__class__ is Tensor else convert_to_tensor(value)


def _invalid(message: str, op_name: str) -> InvalidArgumentError:
    return InvalidArgumentError(None, None, f"{message} [Op:{op_name}] name: ")


def normalize_axis(axis, ndim: int, op_name: str):
    """An ``axis`` argument as a tuple of negative ints (or None for every axis)."""
    if axis is None:
        return None
    if isinstance(axis, Tensor):
        axis = axis._value.tolist()
    axes = axis if isinstance(axis, (list, tuple, np.ndarray)) else [axis]
    result = []
    for a in axes:
        if isinstance(a, (float, builtins.bool)) or not isinstance(a, (int, np.integer)):
            raise TypeError(f"Value passed to parameter 'reduction_indices' has DataType "
                            f"{type(a).__name__} not in list of allowed values: int32, int64")  # fmt: skip
        a = int(a)
        if not -ndim <= a < ndim:
            # (TF's message has no closing parenthesis.)
            raise _invalid(
                f"Invalid reduction dimension ({a} for input with {ndim} dimension(s)", op_name
            )
        a = a - ndim if a >= 0 else a
        if a in result:
            raise _invalid(
                f"Invalid reduction arguments: Axes contains duplicate dimension: {a + ndim}",
                op_name,
            )
        result.append(a)
    return tuple(result)


def _require_bool(x: Tensor, op_name: str) -> None:
    if x._value.dtype.kind != "b":
        raise _dtype_mismatch(op_name, 0, np.dtype(np.bool_), x._value.dtype)


def _reject_attr(x: Tensor, op_name: str, allowed: str) -> None:
    raise _invalid(
        f"Value for attr 'T' of {x.dtype.name} is not in the list of allowed values: {allowed}",
        op_name,
    )


# -- elementwise -------------------------------------------------------------
def _unary(primitive):
    def op(x, name=None):
        return primitive(as_tensor(x))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name}. Gradient: {primitive.formula}."
    return op


def _binary(primitive):
    def op(x, y, name=None):
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name} with broadcasting. Gradient: {primitive.formula}."
    return op


abs = _unary(_el.abs)  # noqa: A001
negative = _unary(_el.negative)
sign = _unary(_el.sign)
square = _unary(_el.square)
sqrt = _unary(_el.sqrt)
rsqrt = _unary(_el.rsqrt)
reciprocal = _unary(_el.reciprocal)
exp = _unary(_el.exp)
expm1 = _unary(_el.expm1)
log = _unary(_el.log)
log1p = _unary(_el.log1p)
sin = _unary(_el.sin)
cos = _unary(_el.cos)
tan = _unary(_el.tan)
asin = _unary(_el.asin)
acos = _unary(_el.acos)
atan = _unary(_el.atan)
sinh = _unary(_el.sinh)
cosh = _unary(_el.cosh)
tanh = _unary(_el.tanh)
asinh = _unary(_el.asinh)
acosh = _unary(_el.acosh)
atanh = _unary(_el.atanh)
sigmoid = _unary(_el.sigmoid)
erf = _unary(_el.erf)
erfc = _unary(_el.erfc)
lgamma = _unary(_el.lgamma)
digamma = _unary(_el.digamma)
floor = _unary(_el.floor)
ceil = _unary(_el.ceil)
is_nan = _unary(_el.is_nan)
is_inf = _unary(_el.is_inf)
is_finite = _unary(_el.is_finite)


def softplus(features, name=None):
    """log(exp(features) + 1), computed without overflow; gradient sigmoid(features)."""
    return _el.softplus(as_tensor(features))


def round(x, name=None):  # noqa: A001
    """Round half to even (banker's rounding), as TF: round(2.5) = 2, round(-1.5) = -2.

    Integers are returned unchanged. No gradient (None).
    """
    x = as_tensor(x)
    if x._value.dtype.kind in "iu":
        return x
    return _el.round(x)


def logical_not(x, name=None):
    """Elementwise not of a bool tensor; no gradient."""
    x = as_tensor(x)
    _require_bool(x, "LogicalNot")
    return _el.invert(x)


def _logical(primitive, op_name):
    def op(x, y, name=None):
        x = as_tensor(x)
        _require_bool(x, op_name)
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name} of bool tensors (broadcasting); no gradient."
    return op


logical_and = _logical(_el.logical_and, "LogicalAnd")
logical_or = _logical(_el.logical_or, "LogicalOr")


def logical_xor(x, y, name="LogicalXor"):
    """x xor y on bool tensors, as TF composes it: (x or y) and not (x and y)."""
    return logical_and(logical_or(x, y), logical_not(logical_and(x, y)))


add = _binary(_el.add)
subtract = _binary(_el.subtract)
multiply = _binary(_el.multiply)
multiply_no_nan = _binary(_el.multiply_no_nan)
realdiv = _binary(_el.divide)
pow = _binary(_el.pow)  # noqa: A001
maximum = _binary(_el.maximum)
minimum = _binary(_el.minimum)
floordiv = _binary(_el.floordiv)
floormod = _binary(_el.floormod)
mod = floormod
equal = _binary(_el.equal)
not_equal = _binary(_el.not_equal)
less = _binary(_el.less)
less_equal = _binary(_el.less_equal)
greater = _binary(_el.greater)
greater_equal = _binary(_el.greater_equal)
xlogy = _binary(_el.xlogy)
xdivy = _binary(_el.xdivy)


def polygamma(a, x, name=None):
    """The a-th derivative of digamma at x (a a whole number stored as a float; other
    orders give NaN). Gradient w.r.t. x: polygamma(a + 1, x); none w.r.t. a."""
    return _el.polygamma(a, x)


def atan2(y, x, name=None):
    """The angle of the point (x, y), in (-pi, pi]. Gradient NaN at (0, 0), as TF's."""
    return _el.atan2(y, x)


def divide(x, y, name=None):
    """x / y, as Python's ``/`` on tensors: integers divide as floats."""
    return _true_divide(x, y)


truediv = divide


def divide_no_nan(x, y, name=None):
    """x / y, but 0 where y == 0 (value and gradients). Integers divide as floats."""
    x = as_tensor(x)
    y = y if y.__class__ is Tensor else convert_to_tensor(y, dtype=x.dtype)
    if x._value.dtype != y._value.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got {x.dtype!r} != {y.dtype!r}.")
    if x._value.dtype.kind in "iu":
        target = _dt.float32 if x._value.dtype.itemsize <= 2 else _dt.float64
        x, y = _el.cast(x, dtype=target), _el.cast(y, dtype=target)
    return _el.divide_no_nan(x, y)


def squared_difference(x, y, name=None):
    """(x - y)^2 elementwise; gradient 2 (x - y) for x and its negative for y."""
    difference = _el.subtract(x, y)
    return _el.square(difference)


def cast(x, dtype, name=None):
    """x converted to ``dtype``; differentiable between floating types only.

    >>> import tapeflow as tf
    >>> print(tf.cast(tf.constant([1.7, -1.7]), tf.int32))
    tf.Tensor([ 1 -1], shape=(2,), dtype=int32)
    """
    dtype = _dt.as_dtype(dtype)
    x = as_tensor(x)
    if x._value.dtype == dtype.as_numpy_dtype_instance:
        return x
    return _el.cast(x, dtype=dtype)


def add_n(inputs, name=None):
    """The elementwise sum of a list of tensors of one shape and dtype."""
    inputs = [as_tensor(x) for x in inputs]
    if not inputs:
        raise ValueError(
            "inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape"
        )
    total = inputs[0]
    for x in inputs[1:]:
        total = _el.add(total, x)
    return total if len(inputs) > 1 else _el.identity(total)


def polyval(coeffs, x, name=None):
    """coeffs[0] x^(n-1) + ... + coeffs[n-1], by Horner's rule (each coefficient a tensor)."""
    if not isinstance(coeffs, list):
        raise ValueError(f"Argument coeffs must be list type. Received type {type(coeffs)}.")
    x = as_tensor(x)
    if not coeffs:
        return _wrap(np.zeros_like(x._value)[()])
    coeffs = [as_tensor(c) for c in coeffs]
    result = coeffs[0]
    for c in coeffs[1:]:
        result = _el.add(c, _el.multiply(result, x))
    return result


# -- clipping and normalizing -----------------------------------------------------
def _same_shape(values: Tensor, result: Tensor) -> None:
    if values._value.shape != result._value.shape:
        raise ValueError(
            f"Shapes {TensorShape(values._value.shape)} and {TensorShape(result._value.shape)} "
            "are incompatible"
        )


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """min(max(t, lo), hi). The gradient passes where lo <= t <= hi (bounds inclusive);
    the bounds get the gradient of the entries clipped to them."""
    values = as_tensor(t)
    t_min = _el.minimum(values, clip_value_max)
    _same_shape(values, t_min)
    t_max = _el.maximum(t_min, clip_value_min)
    _same_shape(values, t_max)
    return t_max


def _keepdims_sum(x: Tensor, axes, op_name: str = "Sum") -> Tensor:
    return _red.reduce_sum(x, axis=normalize_axis(axes, x.ndim, op_name), keepdims=True)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t * clip_norm / max(||t||, clip_norm) over ``axes``; finite gradient at t = 0."""
    values = as_tensor(t)
    l2sum = _keepdims_sum(_el.multiply(values, values), axes)
    positive = _el.greater(l2sum, _el.zeros_like(l2sum))
    # TF's two-where trick: no NaN from sqrt's gradient where the sum is 0.
    l2sum_safe = _el.where(positive, l2sum, _el.ones_like(l2sum))
    l2norm = _el.where(positive, _el.sqrt(l2sum_safe), l2sum)
    intermediate = _el.multiply(values, clip_norm)
    _same_shape(values, intermediate)
    return _el.identity(_el.divide(intermediate, _el.maximum(l2norm, clip_norm)))


def _tensor_list(t_list) -> list:
    if not isinstance(t_list, collections.abc.Sequence) or isinstance(t_list, str):
        raise TypeError(f"`t_list` should be a sequence of tensors. Received {type(t_list)}.")
    return [None if t is None else as_tensor(t) for t in t_list]


def _global_norm(values: list) -> Tensor:
    halves = []
    for v in values:
        if v is None:
            continue
        if v._value.dtype.kind != "f":
            _reject_attr(v, "L2Loss", "half, bfloat16, float, double")
        if halves and v._value.dtype != halves[0]._value.dtype:
            raise _dtype_mismatch("Pack", len(halves), halves[0]._value.dtype, v._value.dtype)
        halves.append(_el.multiply(_red.reduce_sum(_el.square(v), axis=None, keepdims=False), 0.5))
    if not halves:
        return _wrap(np.float32(0.0))
    total = add_n(halves) if len(halves) > 1 else halves[0]
    return _el.sqrt(_el.multiply(total, 2.0))


def global_norm(t_list, name=None):
    """sqrt(sum of squares of every entry of every tensor); None entries are skipped.

    TensorFlow's name is ``tf.linalg.global_norm``.
    """
    return _global_norm(_tensor_list(t_list))


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """Scale every tensor by clip_norm / max(global_norm, clip_norm).

    Returns ``(list_clipped, global_norm)``; None entries stay None. An infinite or
    NaN norm makes every clipped tensor NaN, as in TensorFlow.
    """
    values = _tensor_list(t_list)
    use_norm = _global_norm(values) if use_norm is None else as_tensor(use_norm)
    one = _wrap(use_norm._value.dtype.type(1))
    scale_for_finite = _el.multiply(
        clip_norm, _el.minimum(_el.divide(one, use_norm), _el.divide(one, clip_norm))
    )
    scale = _el.add(scale_for_finite, _el.subtract(use_norm, use_norm))
    clipped = [
        None if v is None else _el.identity(_el.multiply(v, cast(scale, v.dtype))) for v in values
    ]
    return clipped, use_norm


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x^2), epsilon)) over ``axis``; 0 at x = 0 (epsilon-guarded rsqrt)."""
    if dim is not None:
        axis = dim
    x = as_tensor(x)
    square_sum = _keepdims_sum(_el.square(x), axis)
    inverse_norm = _el.rsqrt(_el.maximum(square_sum, epsilon))
    return _el.multiply(x, inverse_norm)


# -- cumulative ops ------------------------------------------------------------------
def _scan_axis(x: Tensor, axis, op_name: str) -> int:
    if isinstance(axis, Tensor):
        if axis._value.dtype.kind not in "iu":
            raise TypeError(f"Cannot convert {axis._value!r} to EagerTensor of dtype int32")
        if axis._value.ndim:
            raise InvalidArgumentError(
                None, None, f"ScanOp: axis must be a scalar, not {axis._value.tolist()} "
                f"[Op:{op_name}]"
            )  # fmt: skip
        axis = int(axis._value)
    elif isinstance(axis, (list, tuple, np.ndarray)):
        raise InvalidArgumentError(
            None, None, f"ScanOp: axis must be a scalar, not {list(np.shape(axis))} [Op:{op_name}]"
        )  # fmt: skip
    elif isinstance(axis, (float, builtins.bool)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"Cannot convert {axis!r} to EagerTensor of dtype int32")
    ndim = x.ndim
    axis = int(axis)
    if not -ndim <= axis < ndim:
        shown = axis + ndim if axis < 0 else axis
        raise _invalid(
            f"ScanOp: Expected scan axis in the range [{-ndim}, {ndim}), but got {shown}", op_name
        )
    return axis - ndim if axis >= 0 else axis


def _cumulative(primitive, op_name):
    def op(x, axis=0, exclusive=False, reverse=False, name=None):
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
    zeros (TensorFlow's divides by x there and reports 0)."""
cumulative_logsumexp = _cumulative(_scans.cumulative_logsumexp, "CumulativeLogsumexp")
cumulative_logsumexp.__doc__ = """log(cumsum(exp(x))) along ``axis``, computed stably."""


# -- segments ------------------------------------------------------------------------
def _segment_ids(segment_ids, op_name: str, allowed: str) -> np.ndarray:
    ids = as_tensor(segment_ids)._value
    if ids.dtype.kind not in "iu":
        name = _dt.from_numpy(ids.dtype).name
        raise _invalid(
            f"Value for attr 'Tindices' of {name} is not in the list of allowed values: {allowed}",
            op_name,
        )
    return np.asarray(ids)


def _segment_data(data, op_name: str) -> Tensor:
    data = as_tensor(data)
    if data._value.dtype.kind not in "fciu":
        _reject_attr(data, op_name, "float, double, int32, uint8, int16, int8, complex64, int64")
    return data


def segment_sum(data, segment_ids, name=None):
    """Sums of the rows of ``data`` sharing an id; ids sorted, 1-D, one per row.

    Output row s is the sum of rows with id s (0 for ids not present).
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


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """out[s] = sum of the entries of ``data`` whose id is s; negative ids are dropped.

    ``segment_ids`` may have any shape that ``data``'s shape starts with.
    """
    data = _segment_data(data, "UnsortedSegmentSum")
    ids = _segment_ids(segment_ids, "UnsortedSegmentSum", "int16, int32, int64")
    count = as_tensor(num_segments)._value
    if count.dtype.kind not in "iu":
        name_ = _dt.from_numpy(count.dtype).name
        raise _invalid(
            f"Value for attr 'Tnumsegments' of {name_} is not in the list of allowed values: "
            "int32, int64",
            "UnsortedSegmentSum",
        )
    count = int(count)
    if count < 0:
        raise InvalidArgumentError(
            None, None, f"Input num_segments == {count} must not be negative. "
            "[Op:UnsortedSegmentSum]"
        )  # fmt: skip
    shape = data._value.shape
    if shape[: ids.ndim] != ids.shape:
        raise _invalid(
            f"data.shape = {_dims(shape)} does not start with segment_ids.shape = "
            f"{_dims(ids.shape)}",
            "UnsortedSegmentSum",
        )
    too_big = ids >= count
    if too_big.any():
        where = np.unravel_index(int(np.argmax(too_big)), ids.shape)
        raise _invalid(
            f"segment_ids[{','.join(str(int(i)) for i in where)}] = {int(ids[where])} is out "
            f"of range [0, {count})",
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


def _dims(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


# -- reductions --------------------------------------------------------------------
def _reduction(primitive, op_name: str, doc: str):
    def op(input_tensor, axis=None, keepdims=False, name=None):
        x = as_tensor(input_tensor)
        return primitive(x, axis=normalize_axis(axis, x.ndim, op_name), keepdims=bool(keepdims))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = doc
    return op


reduce_sum = _reduction(
    _red.reduce_sum,
    "Sum",
    """Sum over ``axis`` (all axes when None).

    >>> import tapeflow as tf
    >>> print(tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), axis=0))
    tf.Tensor([4 6], shape=(2,), dtype=int32)
    """,
)
reduce_max = _reduction(
    _red.reduce_max,
    "Max",
    """Maximum over ``axis``; tied maxima share the gradient equally; -inf if empty.""",
)
reduce_min = _reduction(
    _red.reduce_min,
    "Min",
    """Minimum over ``axis``; tied minima share the gradient equally; inf if empty.""",
)
reduce_prod = _reduction(
    _red.reduce_prod,
    "Prod",
    """Product over ``axis``. The gradient is the product of the other entries, exact
    with zeros: prod([0, 2]) has gradient [2, 0], prod([0, 2, 0]) has [0, 0, 0].""",
)


def _boolean_reduction(primitive, op_name: str, doc: str):
    def op(input_tensor, axis=None, keepdims=False, name=None):
        x = as_tensor(input_tensor)
        _require_bool(x, op_name)
        return primitive(x, axis=normalize_axis(axis, x.ndim, op_name), keepdims=bool(keepdims))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = doc
    return op


reduce_all = _boolean_reduction(_red.reduce_all, "All", "Logical and over ``axis``.")
reduce_any = _boolean_reduction(_red.reduce_any, "Any", "Logical or over ``axis``.")


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """Mean over ``axis``; integer inputs give an integer (truncated) mean; NaN if empty."""
    x = as_tensor(input_tensor)
    axes = normalize_axis(axis, x.ndim, "Mean")
    if x._value.dtype.kind in "fc":
        return _red.reduce_mean(x, axis=axes, keepdims=bool(keepdims))
    total = _red.reduce_sum(x, axis=axes, keepdims=bool(keepdims))  # bool raises, as TF's Sum
    # Integers: TF truncates toward zero, as a float-to-int cast does; empty gives 0.
    count = x._value.size // total._value.size if total._value.size else 1
    if count == 0:
        return total
    return _el.cast(_el.cast(total, dtype=_dt.float64) / float(count), dtype=x.dtype)


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) over ``axis``, computed as TF does: the (finite) max is taken
    out first, so [1000, 0] gives 1000 with gradient [1, 0] (softmax). -inf if empty."""
    x = as_tensor(input_tensor)
    axes = normalize_axis(axis, x.ndim, "Max")
    if x._value.dtype.kind != "f":
        _reject_attr(x, "IsFinite", "bfloat16, half, float, double")
    return _red.reduce_logsumexp(x, axis=axes, keepdims=bool(keepdims))


def _squeeze_to(x: Tensor, shape: tuple) -> Tensor:
    """Drop size-1 axes; a rank-0 result is stored as a NumPy scalar (a sum over
    size-1 axes gives one, where reshape would give a 0-d array)."""
    if shape:
        return _shape.reshape(x, shape=shape)
    return _red.reduce_sum(x, axis=None, keepdims=False)


def _require_real_or_complex(x: Tensor) -> None:
    if x._value.dtype.kind not in "fc":
        raise TypeError(f"Input must be either real or complex. Received integer type {x.dtype}.")


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """Mean squared deviation from the mean over ``axis`` (biased, as TF's)."""
    x = as_tensor(input_tensor)
    means = reduce_mean(x, axis=axis, keepdims=True)
    _require_real_or_complex(means)
    difference = _el.subtract(x, means)
    if difference._value.dtype.kind == "c":
        squared = _el.cast(_el.multiply(difference, _shape.conj(difference)),
                           dtype=_dt.from_numpy(np.real(difference._value).dtype))  # fmt: skip
    else:
        squared = _el.square(difference)
    return reduce_mean(squared, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(reduce_variance(...)) over ``axis``."""
    return _el.sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims))


def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None):
    """sqrt(sum(x^2)) over ``axis``. The gradient at 0 is NaN, as TF's. Integer inputs
    give the integer part of the norm (no gradient)."""
    x = as_tensor(input_tensor)
    axes = normalize_axis(axis, x.ndim, "EuclideanNorm")
    kind = x._value.dtype.kind
    if kind not in "fciu":
        _reject_attr(x, "EuclideanNorm", "float, double, int32, uint8, int16, int8, complex64")
    if kind in "iu":
        total = np.sum(x._value.astype(np.float64) ** 2, axis=axes, keepdims=bool(keepdims))
        return _wrap(np.asarray(np.sqrt(total)).astype(x._value.dtype)[()])
    squares = _el.multiply(x, _shape.conj(x)) if kind == "c" else _el.multiply(x, x)
    return _el.sqrt(_red.reduce_sum(squares, axis=axes, keepdims=bool(keepdims)))


def moments(x, axes, shift=None, keepdims=False, name=None):
    """Mean and (biased) variance over ``axes`` (tf.nn.moments).

    As TF: the variance uses stop_gradient(mean) (same first derivatives), and
    float16 is computed in float32.
    """
    x = as_tensor(x)
    y = _el.cast(x, dtype=_dt.float32) if x._value.dtype == np.float16 else x
    mean = reduce_mean(y, axis=axes, keepdims=True)
    variance = reduce_mean(squared_difference(y, _el.stop_gradient(mean)), axis=axes, keepdims=True)
    if not keepdims:
        kept = normalize_axis(axes, x.ndim, "Mean")
        squeezed = tuple(
            d for i, d in enumerate(mean._value.shape)
            if kept is not None and i - x.ndim not in kept
        )  # fmt: skip
        mean, variance = _squeeze_to(mean, squeezed), _squeeze_to(variance, squeezed)
    if x._value.dtype == np.float16:
        mean, variance = _el.cast(mean, dtype=_dt.float16), _el.cast(variance, dtype=_dt.float16)
    return mean, variance


# -- argmax / argmin -----------------------------------------------------------------
_ARG_OUTPUT_TYPES = ("int16", "uint16", "int32", "int64")


def _arg_reduction(primitive, op_name: str):
    def op(input, axis=None, output_type=_dt.int64, name=None):  # noqa: A002
        x = as_tensor(input)
        if axis is None:
            axis = 0
        if isinstance(axis, Tensor):
            if axis._value.dtype.kind not in "iu" or axis._value.ndim:
                raise TypeError("axis must be int or Tensor with integer datatype")
            axis = int(axis._value)
        elif isinstance(axis, builtins.bool) or not isinstance(axis, (int, np.integer)):
            raise TypeError("axis must be int or Tensor with integer datatype")
        output_type = _dt.as_dtype(output_type)
        if output_type.name not in _ARG_OUTPUT_TYPES:
            raise _invalid(
                f"Value for attr 'output_type' of {output_type.name} is not in the list of "
                f"allowed values: {', '.join(_ARG_OUTPUT_TYPES)}",
                op_name,
            )
        ndim = x.ndim
        axis = int(axis)
        if not -ndim <= axis < ndim:
            raise _invalid(
                f"Expected dimension in the range [{-ndim}, {ndim}), but got {axis}", op_name
            )
        axis = axis + ndim if axis < 0 else axis
        if x._value.shape[axis] == 0:
            raise _invalid(
                f"Reduction axis {axis} is empty in shape {_dims(x._value.shape)}", op_name
            )
        return primitive(x, axis=axis, output_type=output_type.as_numpy_dtype_instance)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Index of the {'largest' if op_name == 'ArgMax' else 'smallest'} entry along "
        "``axis`` (default 0; first on ties, NaN never chosen over a number). No gradient."
    )
    return op


argmax = _arg_reduction(_red.argmax, "ArgMax")
argmin = _arg_reduction(_red.argmin, "ArgMin")


def top_k(input, k=1, sorted=True, index_type=_dt.int32, name=None):  # noqa: A002
    """The ``k`` largest entries along the last axis and their indices (see
    ``tapeflow.arrays.top_k``, where it is implemented)."""
    from .arrays import top_k as _top_k

    return _top_k(input, k=k, sorted=sorted, index_type=index_type, name=name)


# -- norms ---------------------------------------------------------------------------
_MATRIX_NORMS = ["euclidean", "fro", 1, 2, np.inf]
_VECTOR_NORMS = ["euclidean", 1, 2, np.inf]


def _norm_axis(axis):
    is_matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix:
        if not all(isinstance(a, (int, np.integer)) for a in axis) or axis[0] == axis[1]:
            raise ValueError(
                f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}"
            )
        return True, tuple(int(a) for a in axis)
    if axis is not None and not (
        isinstance(axis, (int, np.integer)) and not isinstance(axis, builtins.bool)
    ):
        raise ValueError(
            f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}"
        )
    return False, axis


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):  # noqa: A002
    """Vector norms (ord 'euclidean', 1, 2, np.inf, or p > 0) over all entries or one
    axis, and matrix norms ('euclidean'/'fro', 1, 2, np.inf) over a pair of axes.

    The euclidean norm at 0 has a NaN gradient, as in TensorFlow. The matrix 2-norm
    (largest singular value) needs ``tf.linalg.svd``.
    """
    is_matrix, axis = _norm_axis(axis)
    if is_matrix:
        if ord not in _MATRIX_NORMS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_MATRIX_NORMS}, got {ord}")
    elif (not isinstance(ord, numbers.Real) or ord <= 0) and ord not in _VECTOR_NORMS:
        raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
    x = as_tensor(tensor)
    ndim = x.ndim
    axes = None if axis is None else normalize_axis(axis, ndim, "Sum")
    if is_matrix and ord == 2:
        result = _matrix_two_norm(x, axes)
    elif ord in ("euclidean", "fro") or ord == 2:
        squares = _el.multiply(x, _shape.conj(x)) if x.dtype.is_complex else _el.multiply(x, x)
        result = _el.sqrt(_red.reduce_sum(squares, axis=axes, keepdims=True))
    else:
        magnitude = _el.abs(x)
        if ord == 1:
            if is_matrix:
                summed = _red.reduce_sum(magnitude, axis=(axes[0],), keepdims=True)
                result = _red.reduce_max(summed, axis=(axes[1],), keepdims=True)
            else:
                result = _red.reduce_sum(magnitude, axis=axes, keepdims=True)
        elif ord == np.inf:
            if is_matrix:
                summed = _red.reduce_sum(magnitude, axis=(axes[1],), keepdims=True)
                result = _red.reduce_max(summed, axis=(axes[0],), keepdims=True)
            else:
                result = _red.reduce_max(magnitude, axis=axes, keepdims=True)
        else:
            powered = _el.pow(magnitude, float(ord))
            summed = _red.reduce_sum(powered, axis=axes, keepdims=True)
            result = _el.pow(summed, 1.0 / float(ord))
    if not keepdims:
        kept = set(range(-ndim, 0)) if axes is None else set(axes)
        shape = tuple(d for i, d in enumerate(result._value.shape) if i - ndim not in kept)
        result = _squeeze_to(result, shape)
    return result


def _matrix_two_norm(x: Tensor, axes: tuple) -> Tensor:
    """Largest singular value over the axis pair, with keepdims (TF: reduce_max of svd)."""
    from . import linalg as _linalg

    svd = getattr(_linalg, "svd", None)
    if svd is None:
        raise NotImplementedError("tf.norm(ord=2) over a matrix needs tf.linalg.svd")
    ndim = x.ndim
    positive = [a % ndim for a in axes]
    rest = [i for i in range(ndim) if i not in positive]
    perm = rest + positive
    moved = _shape.transpose(x, perm=tuple(perm)) if perm != list(range(ndim)) else x
    singular = svd(moved, compute_uv=False)
    largest = _red.reduce_max(_el.abs(singular), axis=(-1,), keepdims=True)
    largest = _shape.reshape(largest, shape=largest._value.shape + (1,))
    inverse = tuple(int(i) for i in np.argsort(perm))
    return _shape.transpose(largest, perm=inverse) if perm != list(range(ndim)) else largest
