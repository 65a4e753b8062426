"""Vector and matrix norms (tf.norm)."""

from __future__ import annotations

import numbers

import numpy as np

from .._tensor import Tensor, as_tensor
from .._types import AxisLike, TensorLike
from ..ops import elementwise as _el
from ..ops import reduce as _red
from ..ops import shape as _shape
from ._common import normalize_axis
from ._reduce import _squeeze_to

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
    # (a Python bool is an int to TF's check; NumPy's bool is not)
    if axis is not None and not isinstance(axis, (int, np.integer)):
        raise ValueError(
            f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}"
        )
    return False, axis


def norm(
    tensor: TensorLike,
    ord: str | int | float = "euclidean",
    axis: AxisLike = None,
    keepdims: bool | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Vector norms (ord 'euclidean', 1, 2, np.inf, or p > 0) over all entries or one
    axis, and matrix norms ('euclidean'/'fro', 1, 2, np.inf) over a pair of axes.

    The euclidean norm at 0 has a NaN gradient, as in TensorFlow. The matrix 2-norm
    (largest singular value) needs ``tf.linalg.svd``.

    >>> tf.norm(tf.constant([3.0, 4.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    >>> tf.norm(tf.constant([[1.0, -2.0], [3.0, 4.0]]), ord=1, axis=[0, 1])
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
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
    # A matrix norm always names two axes.
    matrix_axes: tuple[int, ...] = axes if is_matrix and axes is not None else ()
    if is_matrix and ord == 2:
        result = _matrix_two_norm(x, matrix_axes)
    elif ord in ("euclidean", "fro") or ord == 2:
        squares = _el.multiply(x, _shape.conj(x)) if x.dtype.is_complex else _el.multiply(x, x)
        result = _el.sqrt(_red.reduce_sum(squares, axis=axes, keepdims=True))
    else:
        magnitude = _el.abs(x)
        if ord == 1:
            if is_matrix:
                summed = _red.reduce_sum(magnitude, axis=(matrix_axes[0],), keepdims=True)
                result = _red.reduce_max(summed, axis=(matrix_axes[1],), keepdims=True)
            else:
                result = _red.reduce_sum(magnitude, axis=axes, keepdims=True)
        elif ord == np.inf:
            if is_matrix:
                summed = _red.reduce_sum(magnitude, axis=(matrix_axes[1],), keepdims=True)
                result = _red.reduce_max(summed, axis=(matrix_axes[0],), keepdims=True)
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
    from .. import linalg as _linalg

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
