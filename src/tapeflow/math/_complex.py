"""Parts of complex tensors: real, imag, conj, angle (differentiable as in TF)."""

from __future__ import annotations

import numpy as np

from .._dispatch import reads_values
from .._tensor import Tensor, as_tensor, wrap
from .._types import TensorLike
from ..ops import shape as _shape
from ..ops import spectral as _sp


def real(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's parameter name
    """The real part (a real tensor is returned as it is).

    >>> import tapeflow as tf
    >>> print(tf.math.real(tf.constant([1 + 2j])))
    tf.Tensor([1.], shape=(1,), dtype=float64)
    """
    x = as_tensor(input)
    if x._value.dtype == object:
        raise TypeError(
            f"input must be a numeric tensor, but got tensor with dtype <dtype: '{x.dtype.name}'>"
        )
    return _sp.real(x) if x._value.dtype.kind == "c" else x


def imag(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The imaginary part (zeros for a real tensor).

    >>> tf.math.imag(tf.constant([1 + 2j, 3 - 4j]))
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([ 2., -4.])>
    """
    x = as_tensor(input)
    if x._value.dtype.kind == "c":
        return _sp.imag(x)
    if x._value.dtype == object:  # TF's zeros_like of a string tensor: empty strings
        return wrap(np.full(np.shape(x._value), b"", dtype=object))
    return wrap(np.zeros_like(x._value)[()])


def conj(x: TensorLike, name: str | None = None) -> Tensor:
    """The complex conjugate (a real tensor is returned as it is).

    >>> tf.math.conj(tf.constant([1 + 2j]))
    <tf.Tensor: shape=(1,), dtype=complex128, numpy=array([1.-2.j])>
    """
    x = as_tensor(x)
    return _shape.conj(x) if x._value.dtype.kind == "c" else x


@reads_values(floats=True)  # a real input is read outside apply: each call's values
def angle(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The argument of each complex number (0 or pi for reals), in (-pi, pi].

    >>> tf.math.angle(tf.constant([1j, -1 + 0j]))
    <tf.Tensor: shape=(2,), dtype=float64, numpy=array([1.57079633, 3.14159265])>
    """
    x = as_tensor(input)
    if x._value.dtype.kind == "c":
        return _sp.angle(x)
    return wrap(np.where(x._value < 0, np.pi, 0.0).astype(x._value.dtype)[()])
