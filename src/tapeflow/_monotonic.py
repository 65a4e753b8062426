"""tf.math.is_non_decreasing and tf.math.is_strictly_increasing."""

from __future__ import annotations

import numpy as np

from ._tensor import Tensor, convert_to_tensor, wrap
from ._types import TensorLike
from .errors import _op_error

__all__ = ["is_non_decreasing", "is_strictly_increasing"]


def _numeric(x, op: str) -> np.ndarray:
    tensor = convert_to_tensor(x)
    if tensor._value.dtype.kind not in "iufc":
        raise TypeError(f"Expected x to be numeric, instead found: {tensor!s}")
    flat = tensor._value.reshape(-1)
    if flat.dtype.kind == "c" and flat.size > 1:
        # Complex is numeric to TF, but only fewer than two entries skip the comparison.
        raise _op_error(f"Value for attr 'T' of {tensor.dtype.name} is not in the list of allowed "
                        "values: float, double, int32, uint8, int16, int8, int64, bfloat16, "
                        "uint16, half, uint32, uint64", op)  # fmt: skip
    return flat


def is_non_decreasing(x: TensorLike, name: str | None = None) -> Tensor:
    """True when each element of flattened ``x`` is >= the one before (empty: True).

    >>> import tapeflow as tf
    >>> print(tf.math.is_non_decreasing([1, 2, 2]))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    flat = _numeric(x, "GreaterEqual")
    return wrap(np.bool_(np.all(flat[1:] >= flat[:-1])))


def is_strictly_increasing(x: TensorLike, name: str | None = None) -> Tensor:
    """True when each element of flattened ``x`` is > the one before (empty: True).

    >>> import tapeflow as tf
    >>> print(tf.math.is_strictly_increasing([1, 2, 2]))
    tf.Tensor(False, shape=(), dtype=bool)
    """
    flat = _numeric(x, "Greater")
    return wrap(np.bool_(np.all(flat[1:] > flat[:-1])))
