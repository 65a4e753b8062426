"""tf.math.is_non_decreasing and tf.math.is_strictly_increasing."""

from __future__ import annotations

import numpy as np

from ._tensor import Tensor, convert_to_tensor, wrap
from ._types import TensorLike

__all__ = ["is_non_decreasing", "is_strictly_increasing"]


def _numeric(x) -> np.ndarray:
    tensor = convert_to_tensor(x)
    if tensor._value.dtype.kind not in "iuf":
        raise TypeError(f"Expected x to be numeric, instead found: {tensor!s}")
    return tensor._value.reshape(-1)


def is_non_decreasing(x: TensorLike, name: str | None = None) -> Tensor:
    """True when each element of flattened ``x`` is >= the one before (empty: True).

    >>> import tapeflow as tf
    >>> print(tf.math.is_non_decreasing([1, 2, 2]))
    tf.Tensor(True, shape=(), dtype=bool)
    """
    flat = _numeric(x)
    return wrap(np.bool_(np.all(flat[1:] >= flat[:-1])))


def is_strictly_increasing(x: TensorLike, name: str | None = None) -> Tensor:
    """True when each element of flattened ``x`` is > the one before (empty: True).

    >>> import tapeflow as tf
    >>> print(tf.math.is_strictly_increasing([1, 2, 2]))
    tf.Tensor(False, shape=(), dtype=bool)
    """
    flat = _numeric(x)
    return wrap(np.bool_(np.all(flat[1:] > flat[:-1])))
