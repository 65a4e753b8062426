"""Reductions (sum, mean, variance, ...), moments, argmax and argmin."""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._tensor import Tensor, as_tensor, convert_to_tensor, read_static
from .._tensor import wrap as _wrap
from .._types import AxisLike, DTypeLike, TensorLike
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import reduce as _red
from ..ops import shape as _shape
from ._common import _invalid, _reject_attr, _require_bool, normalize_axis
from ._elementwise import squared_difference


def _reduction(primitive, op_name: str, doc: str):
    def op(
        input_tensor: TensorLike,
        axis: AxisLike = None,
        keepdims: bool = False,
        name: str | None = None,
    ) -> Tensor:
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
    """Maximum over ``axis``; tied maxima share the gradient equally; -inf if empty.

    >>> tf.reduce_max(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([5., 3.], dtype=float32)>
    """,
)
reduce_min = _reduction(
    _red.reduce_min,
    "Min",
    """Minimum over ``axis``; tied minima share the gradient equally; inf if empty.

    >>> tf.reduce_min(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """,
)
reduce_prod = _reduction(
    _red.reduce_prod,
    "Prod",
    """Product over ``axis``. The gradient is the product of the other entries, exact
    with zeros: prod([0, 2]) has gradient [2, 0], prod([0, 2, 0]) has [0, 0, 0].

    >>> tf.reduce_prod(tf.constant([[1.0, 5.0], [3.0, 2.0]]), axis=0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 3., 10.], dtype=float32)>
    """,
)


def _boolean_reduction(primitive, op_name: str, doc: str):
    def op(
        input_tensor: TensorLike,
        axis: AxisLike = None,
        keepdims: bool = False,
        name: str | None = None,
    ) -> Tensor:
        if isinstance(input_tensor, Tensor) or hasattr(input_tensor, "_as_tensor"):
            x = as_tensor(input_tensor)  # of another dtype: the kernel's error, below
        else:  # TF converts anything else with dtype bool (NumPy arrays are cast)
            x = convert_to_tensor(input_tensor, dtype=_dt.bool)
        _require_bool(x, op_name)
        return primitive(x, axis=normalize_axis(axis, x.ndim, op_name), keepdims=bool(keepdims))

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = doc
    return op


reduce_all = _boolean_reduction(
    _red.reduce_all,
    "All",
    """Logical and over ``axis``.

    >>> tf.reduce_all(tf.constant([[True, False], [True, True]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([False,  True])>
    """,
)
reduce_any = _boolean_reduction(
    _red.reduce_any,
    "Any",
    """Logical or over ``axis``.

    >>> tf.reduce_any(tf.constant([[True, False], [False, False]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
    """,
)


def reduce_mean(
    input_tensor: TensorLike, axis: AxisLike = None, keepdims: bool = False, name: str | None = None
) -> Tensor:
    """Mean over ``axis``; integer inputs give an integer (truncated) mean; NaN if empty.

    >>> tf.reduce_mean(tf.constant([[1.0, 2.0], [3.0, 4.0]]), axis=0)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 3.], dtype=float32)>
    >>> tf.reduce_mean(tf.constant([1, 2]))
    <tf.Tensor: shape=(), dtype=int32, numpy=1>
    """
    x = as_tensor(input_tensor)
    axes = normalize_axis(axis, x.ndim, "Mean")
    if x._value.dtype.kind == "O":
        _reject_attr(x, "Mean", "float, double, int32, uint8, int16, int8, complex64, int64")
    if x._value.dtype.kind in "fc":
        return _red.reduce_mean(x, axis=axes, keepdims=bool(keepdims))
    total = _red.reduce_sum(x, axis=axes, keepdims=bool(keepdims))  # bool raises, as TF's Sum
    # Integers: TF truncates toward zero, as a float-to-int cast does; empty gives 0.
    count = x._value.size // total._value.size if total._value.size else 1
    if count == 0:
        return total
    return _el.cast(_el.cast(total, dtype=_dt.float64) / float(count), dtype=x.dtype)


def reduce_logsumexp(
    input_tensor: TensorLike, axis: AxisLike = None, keepdims: bool = False, name: str | None = None
) -> Tensor:
    """log(sum(exp(x))) over ``axis``, computed as TF does: the (finite) max is taken
    out first, so [1000, 0] gives 1000 with gradient [1, 0] (softmax). -inf if empty.

    >>> tf.reduce_logsumexp(tf.constant([0.0, 0.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
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


def reduce_variance(
    input_tensor: TensorLike, axis: AxisLike = None, keepdims: bool = False, name: str | None = None
) -> Tensor:
    """Mean squared deviation from the mean over ``axis`` (biased, as TF's).

    >>> tf.math.reduce_variance(tf.constant([1.0, 2.0, 3.0, 4.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.25>
    """
    x = as_tensor(input_tensor)
    means = reduce_mean(x, axis=axis, keepdims=True)
    _require_real_or_complex(means)
    difference = _el.subtract(x, means)
    if difference._value.dtype.kind == "c":
        squared = _el.cast(_el.multiply(difference, _shape.conj(difference)),
                           dtype=_dt._from_numpy(np.real(difference._value).dtype))  # fmt: skip
    else:
        squared = _el.square(difference)
    return reduce_mean(squared, axis=axis, keepdims=keepdims)


def reduce_std(
    input_tensor: TensorLike, axis: AxisLike = None, keepdims: bool = False, name: str | None = None
) -> Tensor:
    """sqrt(reduce_variance(...)) over ``axis``.

    >>> tf.math.reduce_std(tf.constant([1.0, 2.0, 3.0, 4.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=1.1180340051651>
    """
    return _el.sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims))


def reduce_euclidean_norm(
    input_tensor: TensorLike, axis: AxisLike = None, keepdims: bool = False, name: str | None = None
) -> Tensor:
    """sqrt(sum(x^2)) over ``axis``. The gradient at 0 is NaN, as TF's. Integer inputs
    give the integer part of the norm (no gradient).

    >>> tf.math.reduce_euclidean_norm(tf.constant([[3.0, 4.0], [5.0, 12.0]]), axis=1)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 5., 13.], dtype=float32)>
    """
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


def moments(
    x: TensorLike,
    axes: AxisLike,
    shift: TensorLike = None,
    keepdims: bool = False,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """Mean and (biased) variance over ``axes`` (tf.nn.moments).

    As TF: the variance uses stop_gradient(mean) (same first derivatives), and
    float16 is computed in float32.

    >>> mean, variance = tf.nn.moments(tf.constant([1.0, 2.0, 3.0, 4.0]), axes=[0])
    >>> mean
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    >>> variance
    <tf.Tensor: shape=(), dtype=float32, numpy=1.25>
    """
    x = as_tensor(x)
    y = _el.cast(x, dtype=_dt.float32) if x._value.dtype == np.float16 else x
    mean = reduce_mean(y, axis=axes, keepdims=True)
    variance = reduce_mean(squared_difference(y, _el.stop_gradient(mean)), axis=axes, keepdims=True)
    if not keepdims:
        kept = normalize_axis(axes, x.ndim, "Mean")
        if kept == ():  # TF squeezes with axes=[]: every size-1 axis goes
            kept = tuple(i - x.ndim for i, d in enumerate(mean._value.shape) if d == 1)
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


def _arg_reduction(primitive, op_name: str, example: str):
    def op(
        input: TensorLike,  # noqa: A002
        axis: AxisLike = None,
        output_type: DTypeLike = _dt.int64,
        name: str | None = None,
    ) -> Tensor:
        x = as_tensor(input)
        if axis is None:
            axis = 0
        if isinstance(axis, Tensor):
            if axis._value.dtype.kind not in "iu" or axis._value.ndim:
                raise TypeError("axis must be int or Tensor with integer datatype")
            read_static(axis)
            axis = int(axis._value)
        elif not isinstance(axis, (int, np.integer)):  # (a Python bool is an int here)
            raise TypeError("axis must be int or Tensor with integer datatype")
        output_type = _dt.int64 if output_type is None else _dt.as_dtype(output_type)
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
                f"Reduction axis {axis} is empty in shape {_shape_text(x._value.shape)}", op_name
            )
        return primitive(x, axis=axis, output_type=output_type.as_numpy_dtype_instance)

    op.__name__ = primitive.name
    op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Index of the {'largest' if op_name == 'ArgMax' else 'smallest'} entry along "
        "``axis`` (default 0; first on ties, NaN never chosen over a number). No gradient.\n\n"
        + example
    )
    return op


argmax = _arg_reduction(
    _red.argmax,
    "ArgMax",
    """>>> tf.math.argmax(tf.constant([[1, 9], [8, 2]]), axis=1)
<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 0])>
""",
)
argmin = _arg_reduction(
    _red.argmin,
    "ArgMin",
    """>>> tf.math.argmin(tf.constant([[1, 9], [8, 2]]), axis=0)
<tf.Tensor: shape=(2,), dtype=int64, numpy=array([0, 1])>
""",
)
