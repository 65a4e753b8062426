"""Axis normalization and dtype checks shared by tf.math."""

from __future__ import annotations

import builtins

import numpy as np

from .._tensor import (
    Tensor,
    as_tensor,  # noqa: F401 - the converter; older imports find it here
)
from .._tensor import dtype_mismatch as _dtype_mismatch
from .._types import AxisLike
from ..errors import InvalidArgumentError, _op_error


def _invalid(message: str, op_name: str) -> InvalidArgumentError:
    return _op_error(message, op_name)


def normalize_axis(axis: AxisLike, ndim: int, op_name: str) -> tuple[int, ...] | None:
    """An ``axis`` argument as a tuple of negative ints (or None for every axis).

    >>> from tapeflow.math._common import normalize_axis
    >>> normalize_axis([0, 2], ndim=3, op_name='Sum')
    (-3, -1)
    """
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
