"""TensorFlow's eager asserts: silent (returning None) on success, TF's error on failure.

Messages follow TensorFlow 2.21 word for word (``tests/golden/debugging.json``
records them), including its quirks: ``assert_non_positive`` runs two lines
together, ``assert_near`` summarizes byte strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import dtypes as _dt
from .._tensor import Tensor, TensorShape, convert_to_tensor
from .._types import DTypeLike, TensorLike
from ..errors import InvalidArgumentError
from ..ops import elementwise as _el

__all__ = [
    "Assert",
    "assert_equal",
    "assert_greater",
    "assert_greater_equal",
    "assert_integer",
    "assert_less",
    "assert_less_equal",
    "assert_near",
    "assert_negative",
    "assert_non_negative",
    "assert_non_positive",
    "assert_none_equal",
    "assert_positive",
    "assert_proper_iterable",
    "assert_rank",
    "assert_rank_at_least",
    "assert_rank_in",
    "assert_same_float_dtype",
    "assert_scalar",
    "assert_shapes",
    "assert_type",
    "disable_traceback_filtering",
    "enable_traceback_filtering",
    "get_log_device_placement",
    "is_numeric_tensor",
    "is_traceback_filtering_enabled",
    "set_log_device_placement",
]


def _prefix(message) -> str:
    return f"{message}.  " if message else ""


def _describe(x: Tensor) -> str:
    return f"shape={TensorShape(x._value.shape)} dtype={x.dtype.name}"


def _pretty(item, summarize: int) -> str:
    """One line of a comparison failure, as TF prints Tensors, arrays and text."""
    if isinstance(item, Tensor):
        value = item._value
        if value.ndim == 0:
            return str(value)
        flat = value.reshape(-1)
        parts = [str(v) for v in flat[:summarize]]
        if len(parts) < flat.size:
            parts.append("...")
        return str(parts)
    return str(item)


def _binary_assert(symbol: str, op, x, y, data, summarize, message) -> None:
    x = convert_to_tensor(x)
    y = convert_to_tensor(y)
    holds = op(x, y)  # TF's own op errors (dtype, incompatible shapes) pass through
    if bool(np.all(holds._value)):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 10**9
    if data is None:
        data = [f"Condition x {symbol} y did not hold."]
        xv, yv = x._value, y._value
        if summarize > 0:
            if xv.shape == yv.shape and xv.ndim:
                failed = ~np.asarray(holds._value)
                indices = np.argwhere(failed)
                count = min(summarize, indices.shape[0])
                data += [
                    f"Indices of first {count} different values:",
                    indices[:count],
                    "Corresponding x values:",
                    xv[failed].reshape(-1)[:count],
                    "Corresponding y values:",
                    yv[failed].reshape(-1)[:count],
                ]
            x_flat, y_flat = np.reshape(xv, -1), np.reshape(yv, -1)
            x_count, y_count = min(x_flat.size, summarize), min(y_flat.size, summarize)
            data += [
                f"First {x_count} elements of x:",
                x_flat[:x_count],
                f"First {y_count} elements of y:",
                y_flat[:y_count],
            ]
    if message is not None:
        data = [message, *data]
    raise InvalidArgumentError(None, None, "\n".join(_pretty(d, summarize) for d in data))


def assert_equal(
    x: TensorLike,
    y: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x == y`` holds element-wise (with broadcasting).

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_equal(tf.constant([1, 2]), tf.constant([1, 2])))
    None
    """
    return _binary_assert("==", _el.equal, x, y, None, summarize, message)


def assert_none_equal(
    x: TensorLike,
    y: TensorLike,
    summarize: int | None = None,
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x != y`` holds element-wise.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_none_equal(tf.constant([1, 2]), tf.constant([3, 4])))
    None
    """
    return _binary_assert("!=", _el.not_equal, x, y, None, summarize, message)


def assert_less(
    x: TensorLike,
    y: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x < y`` holds element-wise.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_less(tf.constant([1, 2]), tf.constant([2, 3])))
    None
    """
    return _binary_assert("<", _el.less, x, y, None, summarize, message)


def assert_less_equal(
    x: TensorLike,
    y: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x <= y`` holds element-wise.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_less_equal(tf.constant([1, 2]), tf.constant([1, 3])))
    None
    """
    return _binary_assert("<=", _el.less_equal, x, y, None, summarize, message)


def assert_greater(
    x: TensorLike,
    y: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x > y`` holds element-wise.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_greater(tf.constant([2, 3]), tf.constant([1, 2])))
    None
    """
    return _binary_assert(">", _el.greater, x, y, None, summarize, message)


def assert_greater_equal(
    x: TensorLike,
    y: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``x >= y`` holds element-wise.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_greater_equal(tf.constant([2, 3]), tf.constant([2, 2])))
    None
    """
    return _binary_assert(">=", _el.greater_equal, x, y, None, summarize, message)


def _sign_assert(symbol: str, op, x, summarize, message, joined: bool = False) -> None:
    x = convert_to_tensor(x)
    condition = f"Condition x {symbol} 0 did not hold element-wise:"
    label = f"x ({_describe(x)}) = "
    # TF's assert_non_positive lacks a comma between these two strings.
    head = [condition + label] if joined else [condition, label]
    data = [_prefix(message), *head, x]
    zero = convert_to_tensor(np.zeros((), x._value.dtype))
    return _binary_assert(symbol, op, x, zero, data, summarize, None)


def assert_negative(
    x: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless every element of ``x`` is negative.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_negative(tf.constant([-1.0, -2.0])))
    None
    """
    return _sign_assert("<", _el.less, x, summarize, message)


def assert_non_negative(
    x: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless every element of ``x`` is >= 0.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_non_negative(tf.constant([0.0, 2.0])))
    None
    """
    return _sign_assert(">=", _el.greater_equal, x, summarize, message)


def assert_positive(
    x: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless every element of ``x`` is positive.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_positive(tf.constant([1, 2])))
    None
    """
    return _sign_assert(">", _el.greater, x, summarize, message)


def assert_non_positive(
    x: TensorLike,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless every element of ``x`` is <= 0.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_non_positive(tf.constant([0, -2])))
    None
    """
    return _sign_assert("<=", _el.less_equal, x, summarize, message, joined=True)


def assert_near(
    x: TensorLike,
    y: TensorLike,
    rtol: TensorLike = None,
    atol: TensorLike = None,
    message: str | None = None,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError unless ``|x - y| < atol + rtol * |y|`` everywhere.

    The default tolerances are ten machine epsilons of ``x``'s dtype.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.0000001])))
    None
    """
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype=x.dtype)
    real = x.dtype.real_dtype if x.dtype.is_complex else x.dtype
    eps = np.finfo(real.as_numpy_dtype).eps
    rtol = convert_to_tensor(10 * eps if rtol is None else rtol, dtype=real)
    atol = convert_to_tensor(10 * eps if atol is None else atol, dtype=real)
    data = [
        _prefix(message),
        f"x and y not equal to tolerance rtol = {rtol!s}, atol = {atol!s}",
        f"x ({_describe(x)}) = ",
        x,
        f"y ({_describe(y)}) = ",
        y,
    ]
    tolerance = atol._value + rtol._value * np.abs(y._value)
    condition = convert_to_tensor(bool(np.all(np.abs(x._value - y._value) < tolerance)))
    return Assert(condition, data, summarize=summarize)


def _summarize(value: Tensor, summarize: int | None) -> str:
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = value._value.size
    array = value._value
    if array.ndim:
        flat = array.reshape(-1)
        parts = [str(v) for v in flat[:summarize]]
        if len(parts) < flat.size:
            parts.append("...")
    else:
        parts = [str(array)] if summarize != 0 else []
    return ", ".join(parts)


def Assert(
    condition: TensorLike,
    data: Any,
    summarize: int | None = None,
    name: str | None = None,
) -> None:
    """Raise InvalidArgumentError (summarizing ``data``) when ``condition`` is false.

    >>> import tapeflow as tf
    >>> try:
    ...     tf.debugging.Assert(False, ["x was", tf.constant([1, 2])])
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(e.message)
    Expected 'False' to be true. Summarized data: b'x was'
    1, 2
    """
    if not condition:
        parts = [_summarize(convert_to_tensor(d), summarize) for d in data]
        raise InvalidArgumentError(
            None,
            None,
            f"Expected '{condition!s}' to be true. Summarized data: " + "\n".join(parts),
        )
    return None


# -- ranks, shapes and types ---------------------------------------------------------
def _static_rank(rank) -> int:
    value = convert_to_tensor(rank)._value
    if value.ndim != 0:
        raise ValueError("Rank must be a scalar.")
    return int(value)


def assert_rank(
    x: TensorLike,
    rank: TensorLike,
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise ValueError unless ``x`` has rank ``rank``.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_rank(tf.zeros([2, 3]), 2))
    None
    """
    x = convert_to_tensor(x)
    wanted = _static_rank(rank)
    actual = x._value.ndim
    if actual != wanted:
        raise ValueError(
            f"{_prefix(message)}Tensor  must have rank {wanted}.  Received rank {actual}, "
            f"shape {TensorShape(x._value.shape)}"
        )


def assert_rank_at_least(
    x: TensorLike,
    rank: TensorLike,
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise ValueError unless ``x`` has rank ``rank`` or more.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_rank_at_least(tf.zeros([2, 3]), 1))
    None
    """
    x = convert_to_tensor(x)
    wanted = _static_rank(rank)
    actual = x._value.ndim
    if actual < wanted:
        raise ValueError(
            f"{_prefix(message)}Tensor  must have rank at least {wanted}.  Received rank "
            f"{actual}, shape {TensorShape(x._value.shape)}"
        )


def assert_rank_in(
    x: TensorLike,
    ranks: Sequence[int],
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise ValueError unless the rank of ``x`` is one of ``ranks``.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_rank_in(tf.zeros([2, 3]), [1, 2]))
    None
    """
    x = convert_to_tensor(x)
    wanted = tuple(_static_rank(r) for r in ranks)
    actual = x._value.ndim
    if actual not in wanted:
        raise ValueError(
            f"{_prefix(message)}Tensor  must have rank in {wanted}.  Received rank {actual}, "
            f"shape {TensorShape(x._value.shape)}"
        )


def assert_scalar(tensor: TensorLike, message: str | None = None, name: str | None = None) -> None:
    """Raise ValueError unless ``tensor`` has rank 0.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_scalar(tf.constant(1.0)))
    None
    """
    tensor = convert_to_tensor(tensor)
    if tensor._value.ndim != 0:
        raise ValueError(
            f"{_prefix(message)}Expected scalar shape, saw shape: "
            f"{TensorShape(tensor._value.shape)}."
        )


def assert_type(
    tensor: TensorLike,
    tf_type: DTypeLike,
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise TypeError unless ``tensor`` has dtype ``tf_type``.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_type(tf.constant(1.0), tf.float32))
    None
    """
    tf_type = _dt.as_dtype(tf_type)
    dtype = convert_to_tensor(tensor).dtype
    if dtype != tf_type:
        raise TypeError(f"{_prefix(message)}tensor must be of type {tf_type!r}; got {dtype!r}")


def assert_integer(x: TensorLike, message: str | None = None, name: str | None = None) -> None:
    """Raise TypeError unless ``x`` has an integer dtype.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_integer(tf.constant([1, 2])))
    None
    """
    dtype = convert_to_tensor(x).dtype
    if not dtype.is_integer:
        raise TypeError(
            f'{_prefix(message)}Expected "x" to be integer type.  Found: tensor of dtype {dtype}'
        )


def assert_proper_iterable(values: Any) -> None:
    """Raise TypeError unless ``values`` is iterable and not a Tensor, array or string.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_proper_iterable([1, 2]))
    None
    """
    if isinstance(values, (Tensor, np.ndarray, str, bytes)):
        raise TypeError(
            f'Expected argument "values" to be a "proper" iterable.  Found: {type(values)}'
        )
    if not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be iterable.  Found: {type(values)}')


def assert_shapes(
    shapes: Any,
    data: Any = None,
    summarize: int | None = None,
    message: str | None = None,
    name: str | None = None,
) -> None:
    """Raise ValueError unless the tensors' shapes agree with the symbolic ones.

    Each entry is ``(tensor, shape)`` where a dimension is an int, ``None`` or
    ``"."`` (any size), or a name that must mean the same size everywhere; a
    leading ``"*"`` allows any number of leading dimensions. A scalar tensor
    fits any shape.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_shapes([(tf.zeros([2, 3]), ("N", "Q")), (tf.zeros([3]), ("Q",))]))
    None
    """
    prefix = _prefix(message)
    if isinstance(shapes, dict):
        shapes = shapes.items()
    sizes: dict = {}  # symbol -> (size, description of the tensor that set it, dimension)
    for tensor, spec in shapes:
        x = convert_to_tensor(tensor)
        spec = list(spec) if not isinstance(spec, str) else list(spec)
        rank = x._value.ndim
        leading_any = bool(spec) and spec[0] == "*"
        if leading_any:
            spec = spec[1:]
            if rank < len(spec):
                assert_rank_at_least(x, len(spec), message=message)
        elif spec and rank not in (0, len(spec)):
            assert_rank_in(x, [0, len(spec)], message=message)
        elif not spec and rank != 0:
            assert_rank(x, 0, message=message)
        if rank == 0:
            continue
        dims = x._value.shape[rank - len(spec) :]
        offset = rank - len(spec)
        for i, (symbol, size) in enumerate(zip(spec, dims)):
            if symbol is None or symbol == ".":
                continue
            where = offset + i
            if isinstance(symbol, str):
                if symbol not in sizes:
                    sizes[symbol] = (size, _describe(x), where)
                    continue
                expected, origin, origin_dim = sizes[symbol]
                source = f"Specified by tensor {origin} dimension {origin_dim}"
            else:
                expected, source = int(symbol), "Specified explicitly"
            if size != expected:
                raise ValueError(
                    f"{prefix}{source}.  Tensor {_describe(x)} dimension {where} must have "
                    f"size {expected}.  Received size {size}, shape {TensorShape(x._value.shape)}"
                )


def is_numeric_tensor(tensor: TensorLike) -> bool:
    """True for a Tensor of a numeric dtype (not bool or string).

    >>> import tapeflow as tf
    >>> tf.debugging.is_numeric_tensor(tf.constant([1.0])), tf.debugging.is_numeric_tensor([1.0])
    (True, False)
    """
    return isinstance(tensor, Tensor) and tensor.dtype.is_numeric


def set_log_device_placement(enabled: bool) -> None:
    """Accepted for compatibility: tapeflow runs every op on the CPU, through NumPy.

    >>> import tapeflow as tf
    >>> print(tf.debugging.set_log_device_placement(False))
    None
    """
    _switches["log_device_placement"] = bool(enabled)


def _label(item) -> str:
    name = getattr(item, "name", None) if not isinstance(item, Tensor) else None
    return name if isinstance(name, str) else str(item)


def assert_same_float_dtype(tensors: Any = None, dtype: DTypeLike = None) -> _dt.DType:
    """The one floating dtype of ``tensors`` (and ``dtype``); float32 when there is none.

    >>> import tapeflow as tf
    >>> tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0)])
    tf.float32
    """
    if tensors:
        first, first_label = dtype, None
        for item in tensors:
            if item is None:
                continue
            item_type = item.dtype.base_dtype
            if first is None:
                first, first_label = item_type, _label(item)
            elif item_type != first:
                raise ValueError(
                    f"{_label(item)}, type={item_type}, must be of the same type ({first})"
                    + (f" as {first_label}" if first_label else "")
                    + "."
                )
        dtype = first
    if not dtype:
        return _dt.float32
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


# TF's traceback filtering and device-placement logging are switches tapeflow only keeps.
_switches = {"traceback_filtering": True, "log_device_placement": False}


def get_log_device_placement() -> bool:
    """What ``set_log_device_placement`` was last given.

    >>> import tapeflow as tf
    >>> tf.debugging.get_log_device_placement()
    False
    """
    return _switches["log_device_placement"]


def enable_traceback_filtering() -> None:
    """Accepted: tapeflow's tracebacks are plain Python ones (nothing to filter).

    >>> import tapeflow as tf
    >>> tf.debugging.enable_traceback_filtering()
    """
    _switches["traceback_filtering"] = True


def disable_traceback_filtering() -> None:
    """Accepted: see ``enable_traceback_filtering``.

    >>> import tapeflow as tf
    >>> tf.debugging.disable_traceback_filtering()
    >>> tf.debugging.enable_traceback_filtering()
    """
    _switches["traceback_filtering"] = False


def is_traceback_filtering_enabled() -> bool:
    """Whether traceback filtering was last enabled (the default) or disabled.

    >>> import tapeflow as tf
    >>> tf.debugging.is_traceback_filtering_enabled()
    True
    """
    return _switches["traceback_filtering"]
