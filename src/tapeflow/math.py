"""tf.math: elementwise math and reductions, with TensorFlow's names and signatures.

Thin wrappers: they convert arguments, check axes, and call primitives or
compose them. ``__all__`` lists the names TensorFlow also has at top level.

>>> import tapeflow as tf
>>> print(tf.math.reduce_mean(tf.constant([1.0, 2.0, 3.0, 4.0])))
tf.Tensor(2.5, shape=(), dtype=float32)
"""

from __future__ import annotations

import builtins

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, convert_to_tensor
from .errors import InvalidArgumentError
from .ops import elementwise as _el
from .ops import reduce as _red
from .ops._operators import true_divide

__all__ = [
    "abs",
    "add",
    "add_n",
    "cast",
    "cos",
    "divide",
    "equal",
    "exp",
    "greater",
    "greater_equal",
    "less",
    "less_equal",
    "log",
    "logical_and",
    "logical_not",
    "logical_or",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "not_equal",
    "pow",
    "realdiv",
    "reduce_max",
    "reduce_mean",
    "reduce_min",
    "reduce_sum",
    "sign",
    "sin",
    "sqrt",
    "square",
    "subtract",
    "tanh",
    "truediv",
]


def as_tensor(value) -> Tensor:
    return value if value.__class__ is Tensor else convert_to_tensor(value)


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
        if not -ndim <= a < max(ndim, 1):
            raise InvalidArgumentError(
                None,
                None,
                f"Invalid reduction dimension ({a} for input with {ndim} dimension(s)) "
                f"[Op:{op_name}] name: ",
            )
        result.append(a - ndim if a >= 0 else a)
    return tuple(result)


# -- elementwise -------------------------------------------------------------
def _unary(primitive):
    def op(x, name=None):
        return primitive(as_tensor(x))

    op.__name__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name}. Gradient: {primitive.formula}."
    return op


def _binary(primitive):
    def op(x, y, name=None):
        return primitive(x, y)

    op.__name__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.name} with broadcasting. Gradient: {primitive.formula}."
    return op


abs = _unary(_el.abs)  # noqa: A001
negative = _unary(_el.negative)
sign = _unary(_el.sign)
square = _unary(_el.square)
sqrt = _unary(_el.sqrt)
exp = _unary(_el.exp)
log = _unary(_el.log)
sin = _unary(_el.sin)
cos = _unary(_el.cos)
tanh = _unary(_el.tanh)
logical_not = _unary(_el.invert)

add = _binary(_el.add)
subtract = _binary(_el.subtract)
multiply = _binary(_el.multiply)
realdiv = _binary(_el.divide)
pow = _binary(_el.pow)  # noqa: A001
maximum = _binary(_el.maximum)
minimum = _binary(_el.minimum)
equal = _binary(_el.equal)
not_equal = _binary(_el.not_equal)
less = _binary(_el.less)
less_equal = _binary(_el.less_equal)
greater = _binary(_el.greater)
greater_equal = _binary(_el.greater_equal)
logical_and = _binary(_el.logical_and)
logical_or = _binary(_el.logical_or)


def divide(x, y, name=None):
    """x / y, as Python's ``/`` on tensors: integers divide as floats."""
    return true_divide(x, y)


truediv = divide


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


# -- reductions --------------------------------------------------------------
def reduce_sum(input_tensor, axis=None, keepdims=False, name=None):
    """Sum over ``axis`` (all axes when None).

    >>> import tapeflow as tf
    >>> print(tf.reduce_sum(tf.constant([[1, 2], [3, 4]]), axis=0))
    tf.Tensor([4 6], shape=(2,), dtype=int32)
    """
    x = as_tensor(input_tensor)
    return _red.reduce_sum(x, axis=normalize_axis(axis, x.ndim, "Sum"), keepdims=bool(keepdims))


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None):
    """Mean over ``axis``; integer inputs give an integer (truncated) mean."""
    x = as_tensor(input_tensor)
    axes = normalize_axis(axis, x.ndim, "Mean")
    total = _red.reduce_sum(x, axis=axes, keepdims=bool(keepdims))
    # An empty reduction divides by zero: NaN, as in TensorFlow.
    count = x._value.size // total._value.size if total._value.size else 1
    if x.dtype.is_integer:  # TF truncates toward zero; so does a float-to-int cast
        return _el.cast(_el.cast(total, dtype=_dt.float64) / float(count), dtype=x.dtype)
    return total / count


def reduce_max(input_tensor, axis=None, keepdims=False, name=None):
    """Maximum over ``axis``; tied maxima share the gradient equally."""
    x = as_tensor(input_tensor)
    return _red.reduce_max(x, axis=normalize_axis(axis, x.ndim, "Max"), keepdims=bool(keepdims))


def reduce_min(input_tensor, axis=None, keepdims=False, name=None):
    """Minimum over ``axis``; tied minima share the gradient equally."""
    x = as_tensor(input_tensor)
    return _red.reduce_min(x, axis=normalize_axis(axis, x.ndim, "Min"), keepdims=bool(keepdims))


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
