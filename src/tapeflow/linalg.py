"""tf.linalg: matrix products and decompositions.

>>> import tapeflow as tf
>>> print(tf.linalg.matmul([[1.0, 2.0]], [[3.0], [4.0]]))
tf.Tensor([[11.]], shape=(1, 1), dtype=float32)
"""

from __future__ import annotations

from ._tensor import convert_to_tensor
from .math import as_tensor
from .ops import linalg as _linalg

__all__ = ["matmul"]


def matmul(
    a,
    b,
    transpose_a=False,
    transpose_b=False,
    adjoint_a=False,
    adjoint_b=False,
    a_is_sparse=False,
    b_is_sparse=False,
    output_type=None,
    grad_a=False,
    grad_b=False,
    name=None,
):
    """a @ b over the last two axes (leading axes broadcast as a batch).

    Gradient: d(AB) = dA B + A dB.
    """
    a = as_tensor(a)
    b = as_tensor(b) if hasattr(b, "_value") else convert_to_tensor(b, dtype=a.dtype)
    if adjoint_a or adjoint_b:
        if a.dtype.is_complex or b.dtype.is_complex:
            raise NotImplementedError("adjoint of complex matrices")
        transpose_a = transpose_a or adjoint_a
        transpose_b = transpose_b or adjoint_b
    flags = {}
    if transpose_a:
        flags["transpose_a"] = True
    if transpose_b:
        flags["transpose_b"] = True
    return _linalg.matmul(a, b, **flags)
