"""Matrix inverses, determinants and linear solves: inv, det, slogdet, solve,
triangular_solve and the exact least-squares solve, with the checks and LAPACK
helpers every matrix primitive shares (``decompositions.py`` builds on them and
re-exports all of this).

Values come from ``np.linalg``; the derivative rules are written with tapeflow
ops (matmul and the solves here themselves), so second derivatives work.
Complex matrices follow TF's complex gradients (conjugate transposes where the
real rules transpose).
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor
from ..errors import InvalidArgumentError, _op_error
from ._jvp import fold_jvp
from ._pivoted_lu import eigen_lu, eigen_solve
from .linalg import band_part, check_type, matmul
from .linalg import matrix_transpose as _T
from .reduce import reduce_sum
from .shape import batch_shape, broadcast_to, conj, reshape

_TYPES = ("double", "float", "half", "complex64", "complex128")
_DET_TYPES = ("half", "float", "double", "complex64", "complex128")
_TRISOLVE_TYPES = ("bfloat16", "double", "float", "half", "complex64", "complex128")


# --------------------------------------------------------------------------
# Shared checks and helpers
# --------------------------------------------------------------------------


def _error(message: str, op: str) -> InvalidArgumentError:
    return _op_error(message, op)


def check_matrix(x, op: str, types=_TYPES, square: bool = True) -> None:
    """TensorFlow's LinearAlgebraOp checks: dtype, rank >= 2, square."""
    check_type(x.dtype, op, types)
    if x.ndim < 2:
        raise _error(f"Input tensor 0 must have rank >= 2, got {x.ndim}", op)
    if square and x.shape[-1] != x.shape[-2]:
        raise _error("Input matrix must be square.", op)


def _lapack(function, *arrays):
    """Run an np.linalg function, through float32 for half precision."""
    dtype = arrays[0].dtype
    if dtype == np.float16:
        result = function(*[a.astype(np.float32) for a in arrays])
        if isinstance(result, tuple):
            return tuple(r.astype(np.float16) for r in result)
        return result.astype(np.float16)
    return function(*arrays)


def _nan_where_not_finite(function, x: np.ndarray):
    """``function`` (an SVD-based np.linalg call) on each matrix of ``x``, with NaN results
    for the matrices holding Inf or NaN, as TF's: LAPACK may loop forever on those."""
    bad = ~np.isfinite(x).all(axis=(-2, -1))
    if not bad.any():
        return function(x)
    result = function(np.where(bad[..., None, None], np.zeros((), x.dtype), x))
    parts = result if isinstance(result, tuple) else (result,)
    for part in parts:
        part[bad] = np.nan
    return result


def _H(x: Tensor) -> Tensor:
    """The conjugate transpose of the last two axes (the transpose, for real x)."""
    return conj(_T(x)) if x._value.dtype.kind == "c" else _T(x)


def _as_matrix_scale(v: Tensor) -> Tensor:
    """A batch of scalars shaped to multiply a batch of matrices."""
    return reshape(v, shape=v._value.shape + (1, 1))


# --------------------------------------------------------------------------
# inv, det, slogdet
# --------------------------------------------------------------------------
def _inv_impl(x):
    check_matrix(x, "MatrixInverse")
    if not np.isfinite(x).all():
        eye = np.broadcast_to(np.eye(x.shape[-1], dtype=x.dtype), x.shape)
        return _solve_non_finite(x, eye, False, "Input is not invertible.", "MatrixInverse")
    try:
        return _lapack(np.linalg.inv, x)
    except np.linalg.LinAlgError:
        raise _error("Input is not invertible.", "MatrixInverse") from None


def _inv_vjp(g, ans, x):
    return (-matmul(ans, matmul(g, ans, transpose_b=True), transpose_a=True),)


inv = Primitive(
    "inv",
    _inv_impl,
    vjp=_inv_vjp,
    jvp=lambda tangents, ans, x: -matmul(ans, matmul(tangents[0], ans)),
    tf_name="MatrixInverse",
    formula="d inv(A) = -inv(A) dA inv(A); VJP: -inv(A)^T g inv(A)^T",
)


def _det_impl(x):
    check_matrix(x, "MatrixDeterminant", _DET_TYPES)
    return _lapack(np.linalg.det, x)


def _det_vjp(g, ans, x):
    # TF's rule for complex A is g det(A) A^-H: det(A) is not conjugated (the
    # holomorphic convention would give g conj(det A) A^-H), so it opts out.
    return (_as_matrix_scale(g * ans) * inv(_H(x)),)  # TF inverts the adjoint (its pivots)


def _det_jvp(tangents, ans, x):
    # TF's forward mode transposes its VJP, so complex A gets conj(det A) here too.
    scale = conj(ans) if ans._value.dtype.kind == "c" else ans
    return scale * reduce_sum(_T(inv(x)) * tangents[0], axis=(-2, -1), keepdims=False)


det = Primitive(
    "det",
    _det_impl,
    vjp=_det_vjp,
    jvp=_det_jvp,
    holomorphic=False,
    tf_name="MatrixDeterminant",
    formula="d det(A) = det(A) tr(inv(A) dA); needs inv(A), so it fails at singular A as TF's",
)


def _slogdet_impl(x):
    check_matrix(x, "LogMatrixDeterminant", _DET_TYPES)
    sign, logabs = _lapack(np.linalg.slogdet, x)
    return sign.astype(x.dtype), logabs.astype(x.dtype)


def _slogdet_vjp(g, ans, x):
    # Multiple results skip the sweep's conjugation: TF's rule is g A^-H itself.
    grad = _as_matrix_scale(g[1]) * inv(_H(x))  # TF inverts the adjoint (its pivots)
    # The sign's cotangent is unused, but may be the one carrying batch axes.
    batch = batch_shape(g[0], ans[0])
    if len(batch) > len(batch_shape(g[1], ans[1])):
        grad = broadcast_to(grad, shape=batch + x._value.shape)
    return (grad,)


def _slogdet_jvp(tangents, ans, x):
    return None, reduce_sum(_T(inv(x)) * tangents[0], axis=(-2, -1), keepdims=False)


slogdet = Primitive(
    "slogdet",
    _slogdet_impl,
    vjp=_slogdet_vjp,
    jvp=_slogdet_jvp,
    multiple_results=True,
    tf_name="LogMatrixDeterminant",
    formula="(sign, log|det A|): d log|det A| = tr(inv(A) dA); the sign has no gradient",
)


# --------------------------------------------------------------------------
# Linear solves
# --------------------------------------------------------------------------
def _adjoint(a):
    """The conjugate transpose of the last two axes (TF's ``adjoint=True``)."""
    swapped = np.swapaxes(a, -1, -2)
    return swapped.conj() if np.iscomplexobj(swapped) else swapped


def _solve_non_finite(a, b, adjoint: bool, message: str, op: str):
    """TF's answer for matrices holding Inf or NaN: its own LU's pivots decide (see
    _pivoted_lu), where LAPACK would refuse other matrices or solve them differently.
    With ``adjoint`` TF factors the adjoint itself."""
    lu, perm, invertible = eigen_lu(_adjoint(a) if adjoint else a)
    if not invertible.all():
        raise _error(message, op)
    return eigen_solve(lu, perm, b)


def _solve_impl(a, b, adjoint=False):
    check_matrix(a, "MatrixSolve")
    if not np.isfinite(a).all():
        return _solve_non_finite(a, b, adjoint, "Input matrix is not invertible.", "MatrixSolve")
    lhs = _adjoint(a) if adjoint else a
    try:
        return _lapack(np.linalg.solve, lhs, b)
    except np.linalg.LinAlgError:
        raise _error("Input matrix is not invertible.", "MatrixSolve") from None


def _solve_vjp(g, ans, a, b, adjoint=False):
    grad_b = solve(a, g, adjoint=not adjoint)
    grad_a = -matmul(ans, _H(grad_b)) if adjoint else -matmul(grad_b, _H(ans))
    return grad_a, grad_b


def _solve_jvp(tangents, ans, a, b, adjoint=False):
    # d(A^-1 B) = A^-1 (dB - dA A^-1 B)
    rhs = fold_jvp(tangents, lambda ta: -matmul(_H(ta) if adjoint else ta, ans), lambda tb: tb)
    return solve(a, rhs, adjoint=adjoint)


solve = Primitive(
    "solve",
    _solve_impl,
    vjp=_solve_vjp,
    jvp=_solve_jvp,
    same_dtype=True,
    holomorphic=False,  # the rule is TF's, with adjoints, for complex too
    tf_name="MatrixSolve",
    formula="X = A^-1 B: dX = A^-1 (dB - dA X); VJP: gB = A^-T g, gA = -gB X^T",
)


def _substitute(t, b, lower: bool):
    """Triangular solve by substitution (for singular t: infs and NaNs like TF's)."""
    batch = np.broadcast_shapes(t.shape[:-2], b.shape[:-2])
    t = np.broadcast_to(t, batch + t.shape[-2:])
    b = np.broadcast_to(b, batch + b.shape[-2:])
    x = np.zeros(b.shape, dtype=np.result_type(t, b))
    n = t.shape[-1]
    with np.errstate(all="ignore"):
        for i in range(n) if lower else range(n - 1, -1, -1):
            known = slice(0, i) if lower else slice(i + 1, n)
            acc = b[..., i, :] - np.einsum("...j,...jk->...k", t[..., i, known], x[..., known, :])
            x[..., i, :] = acc / t[..., i, i][..., None]
    return x


def _triangular_solve_impl(a, b, lower=True, adjoint=False):
    tri = np.tril(a) if lower else np.triu(a)
    if adjoint:
        tri = _adjoint(tri)
        lower = not lower
    # TF's kernel substitutes row by row, so an Inf or NaN (given, or from overflow) only
    # reaches the entries that depend on it; LAPACK's pivoted LU would mix it into every
    # row and column. LAPACK stays the fast path for the finite, invertible case.
    if np.isfinite(tri).all() and np.isfinite(b).all():
        try:
            x = _lapack(np.linalg.solve, tri, b)
        except np.linalg.LinAlgError:
            pass
        else:
            if np.isfinite(x).all():
                return x
    return _substitute(tri, b, lower).astype(a.dtype)


def _triangle(x: Tensor, lower: bool) -> Tensor:
    return band_part(x, -1, 0) if lower else band_part(x, 0, -1)


def _triangular_solve_vjp(g, ans, a, b, lower=True, adjoint=False):
    grad_b = triangular_solve(a, g, lower=lower, adjoint=not adjoint)
    grad_a = -matmul(ans, _H(grad_b)) if adjoint else -matmul(grad_b, _H(ans))
    return _triangle(grad_a, lower), grad_b


def _triangular_solve_jvp(tangents, ans, a, b, lower=True, adjoint=False):
    rhs = fold_jvp(
        tangents,
        lambda ta: -matmul(_H(_triangle(ta, lower)) if adjoint else _triangle(ta, lower), ans),
        lambda tb: tb,
    )
    return triangular_solve(a, rhs, lower=lower, adjoint=adjoint)


triangular_solve = Primitive(
    "triangular_solve",
    _triangular_solve_impl,
    vjp=_triangular_solve_vjp,
    jvp=_triangular_solve_jvp,
    same_dtype=True,
    holomorphic=False,  # the rule is TF's, with adjoints, for complex too
    tf_name="MatrixTriangularSolve",
    formula="X = T^-1 B with T = tril(A) (or triu): dX = T^-1 (dB - tri(dA) X); "
    "VJP: gB = T^-T g, gA = tri(-gB X^T)",
)


def _solve_ls_exact_impl(a, b):
    return np.matmul(_nan_where_not_finite(lambda m: _lapack(np.linalg.pinv, m), a), b)


def _no_gradient(*args, **params):
    raise ValueError("Gradient not defined for fast=False")


solve_ls_exact = Primitive(
    "solve_ls_exact",
    _solve_ls_exact_impl,
    vjp=_no_gradient,
    jvp=_no_gradient,
    same_dtype=True,
    tf_name="MatrixSolveLs",
    formula="lstsq(fast=False): minimum-norm least squares; TF defines no gradient (raises)",
)
