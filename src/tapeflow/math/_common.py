"""Axis normalization and dtype checks shared by tf.math."""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np

from .._tensor import (
    Tensor,
    as_tensor,  # noqa: F401 - the converter; older imports find it here
    read_static,
)
from .._tensor import dtype_mismatch as _dtype_mismatch
from .._types import AxisLike
from ..errors import InvalidArgumentError, _op_error


def _tf() -> Any:
    """The tapeflow package, for composites written with its public ops (imported on
    first use: these modules load while tapeflow itself is loading)."""
    import tapeflow

    return tapeflow


def _invalid(message: str, op_name: str) -> InvalidArgumentError:
    return _op_error(message, op_name)


def _axis_values(axis: AxisLike, op_name: str) -> list[int]:
    """The axes as Python ints, converted as TensorFlow's eager fast path converts them:
    a Tensor must be int32 or int64; NumPy values (bools and floats too) are cast to
    int; Python bools count as ints, Python floats and strings are refused.

    >>> _axis_values(np.array([1.0, 0.0]), "Sum")
    [1, 0]
    """

    def refuse(kind: str) -> InvalidArgumentError:
        return _invalid(
            f"Value for attr 'Tidx' of {kind} is not in the list of allowed values: int32, int64",
            op_name,
        )

    if isinstance(axis, Tensor):
        if axis._value.dtype not in (np.int32, np.int64):
            raise refuse(axis.dtype.name)
        read_static(axis)
        return np.ravel(axis._value).tolist()
    if isinstance(axis, (np.ndarray, np.generic)):
        if axis.dtype.kind not in "biuf":
            raise refuse("string")
        return np.ravel(axis).astype(np.int64).tolist()
    items = [axis]
    while any(isinstance(a, (list, tuple)) for a in items):  # nested lists: any shape
        items = [b for a in items for b in (a if isinstance(a, (list, tuple)) else [a])]
    for a in items:
        if isinstance(a, float):
            # (TF's class depends on how its input came: this is its answer for a Tensor.)
            raise TypeError(f"Cannot convert {a!r} to EagerTensor of dtype int32")
        if isinstance(a, (str, bytes)):
            raise refuse("string")
        if not isinstance(a, (int, np.integer, np.bool_)):
            raise TypeError(f"Value passed to parameter 'reduction_indices' has DataType "
                            f"{type(a).__name__} not in list of allowed values: int32, int64")  # fmt: skip
    if len({isinstance(a, (builtins.bool, np.bool_)) for a in items}) > 1:
        raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
    return [int(a) for a in items]


def normalize_axis(axis: AxisLike, ndim: int, op_name: str) -> tuple[int, ...] | None:
    """An ``axis`` argument as a tuple of negative ints (or None for every axis).

    >>> from tapeflow.math._common import normalize_axis
    >>> normalize_axis([0, 2], ndim=3, op_name='Sum')
    (-3, -1)
    """
    if axis is None:
        return None
    result = []
    for a in _axis_values(axis, op_name):
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
