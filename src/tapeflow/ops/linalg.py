"""Linear-algebra primitives. matmul is closed under differentiation: its VJP is matmul."""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from ..errors import InvalidArgumentError


def _shape_text(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _matmul_impl(a, b, transpose_a=False, transpose_b=False):
    if a.ndim < 2 or b.ndim < 2:
        which = 0 if a.ndim < 2 else 1
        raise InvalidArgumentError(
            None, None, f"In[{which}] ndims must be >= 2 [Op:MatMul] name: "
        )  # fmt: skip
    left = np.swapaxes(a, -1, -2) if transpose_a else a
    right = np.swapaxes(b, -1, -2) if transpose_b else b
    if left.shape[-1] != right.shape[-2]:
        raise InvalidArgumentError(
            None,
            None,
            f"Matrix size-incompatible: In[0]: {_shape_text(a.shape)}, In[1]: "
            f"{_shape_text(b.shape)} [Op:MatMul] name: ",
        )
    return np.matmul(left, right)


def _matmul_vjp(g, ans, a, b, transpose_a=False, transpose_b=False):
    if not transpose_a and not transpose_b:
        return matmul(g, b, transpose_b=True), matmul(a, g, transpose_a=True)
    if transpose_a and not transpose_b:
        return matmul(b, g, transpose_b=True), matmul(a, g)
    if not transpose_a and transpose_b:
        return matmul(g, b), matmul(g, a, transpose_a=True)
    return (
        matmul(b, g, transpose_a=True, transpose_b=True),
        matmul(g, a, transpose_a=True, transpose_b=True),
    )


def _matmul_jvp(tangents, ans, a, b, **flags):
    ta, tb = tangents
    result = None if ta is None else matmul(ta, b, **flags)
    if tb is not None:
        term = matmul(a, tb, **flags)
        result = term if result is None else result + term
    return result


matmul = Primitive(
    "matmul",
    _matmul_impl,
    vjp=_matmul_vjp,
    jvp=_matmul_jvp,
    same_dtype=True,
    kinds="fciu",
    tf_name="MatMul",
    formula="d(A B) = dA B + A dB; VJP: (g B^T, A^T g)",
)
