"""tf.linalg's inverses, determinants, solves, decompositions and matrix functions."""

from __future__ import annotations

import collections as _collections

import numpy as _np

from .. import _backend
from .._tensor import Tensor, as_tensor, wrap
from .._types import TensorLike
from ..errors import _shape_text
from ..ops import decompositions as _dec
from ..ops import elementwise as _el
from ..ops import index as _index
from ..ops import linalg as _linalg
from ..ops import reduce as _red
from ..ops import shape as _shape
from ..ops import spectral as _spectral
from ._common import _FLOAT_TYPES, _error, _is_operator, _pair, _same_dtype
from ._matrices import matrix_transpose
from ._products import matmul

# TF's names for these tuple types (what repr shows) differ from the Python names.
SlogdetResult = _collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])  # type: ignore[name-match]
QrResult = _collections.namedtuple("Qr", ["q", "r"])  # type: ignore[name-match]


# --------------------------------------------------------------------------
# Inverses, determinants, solves
# --------------------------------------------------------------------------
def inv(input: TensorLike, adjoint: bool = False, name: str | None = None) -> Tensor:  # noqa: A002
    """The inverse of each innermost square matrix (of its adjoint when asked).

    Raises InvalidArgumentError "Input is not invertible." for a singular matrix.

    >>> print(tf.linalg.inv(tf.constant([[2.0, 0.0], [0.0, 4.0]])))
    tf.Tensor(
    [[0.5  0.  ]
     [0.   0.25]], shape=(2, 2), dtype=float32)
    """
    if _is_operator(input):
        inverse = input.inverse(name or "inverse")
        return inverse.adjoint() if adjoint else inverse
    x = as_tensor(input)
    # TF inverts the adjoint itself (its pivots decide a non-finite matrix).
    return _dec.inv(matrix_transpose(x, conjugate=True) if adjoint and x.ndim >= 2 else x)


def det(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Determinant of each innermost square matrix. Gradient det(A) inv(A)^T.

    >>> tf.linalg.det(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=-2.0>
    """
    if _is_operator(input):
        return input.determinant(name or "det")
    return _dec.det(as_tensor(input))


def slogdet(input: TensorLike, name: str | None = None) -> SlogdetResult:  # noqa: A002
    """(sign, log|det|) of each innermost square matrix; the sign has no gradient.

    >>> sign, log_abs_det = tf.linalg.slogdet(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    >>> sign
    <tf.Tensor: shape=(), dtype=float32, numpy=-1.0>
    >>> log_abs_det
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
    sign, log_abs = _dec.slogdet(as_tensor(input))
    return SlogdetResult(sign, log_abs)


def logdet(matrix: TensorLike, name: str | None = None) -> Tensor:
    """log det of a symmetric positive definite matrix: 2 sum(log(diag(cholesky(A)))).

    >>> tf.linalg.logdet(tf.constant([[4.0, 0.0], [0.0, 9.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.5835189819335938>
    """
    if _is_operator(matrix):
        if matrix.is_positive_definite and matrix.is_self_adjoint:
            return matrix.log_abs_determinant(name or "log_abs_det")
        raise ValueError("Expected matrix to be self-adjoint positive definite.")
    chol = _dec.cholesky(as_tensor(matrix))
    diagonal = _linalg.matrix_diag_part(chol, k=0)
    if chol._value.dtype.kind == "c":  # a Hermitian matrix: its log det is real (TF's dtype)
        diagonal = _spectral.real(diagonal)
    return 2.0 * _red.reduce_sum(_el.log(diagonal), axis=(-1,), keepdims=False)


def _check_solve(a, b) -> None:
    _same_dtype(a, b, "MatrixSolve")
    _linalg.check_type(a._value.dtype, "MatrixSolve", _FLOAT_TYPES)
    if a.ndim < 2:
        raise _error(f"Input tensor 0 must have rank >= 2, got {a.ndim}", "MatrixSolve")
    if a.ndim != b.ndim:
        raise _error("All input tensors must have the same rank.", "MatrixSolve")
    if a._value.shape[:-2] != b._value.shape[:-2]:
        raise _error("All input tensors must have the same outer dimensions.", "MatrixSolve")
    if a._value.shape[-1] != a._value.shape[-2]:
        raise _error("First input (lhs) must be a square matrix.", "MatrixSolve")
    if a._value.shape[-2] != b._value.shape[-2]:
        raise _error("Input matrix and rhs are incompatible.", "MatrixSolve")


def solve(
    matrix: TensorLike, rhs: TensorLike, adjoint: bool = False, name: str | None = None
) -> Tensor:
    """X with A X = rhs (A^T X = rhs with ``adjoint``); batch shapes must be equal.

    >>> print(tf.linalg.solve(tf.constant([[2.0, 0.0], [0.0, 4.0]]), tf.constant([[2.0], [2.0]])))
    tf.Tensor(
    [[1. ]
     [0.5]], shape=(2, 1), dtype=float32)
    """
    if _is_operator(matrix):
        return matrix.solve(rhs, adjoint=adjoint, name=name or "solve")
    if _is_operator(rhs):
        raise ValueError(
            "Passing in `matrix` as a Tensor and `rhs` as a LinearOperator is not supported."
        )
    a, b = _pair(matrix, rhs)
    _check_solve(a, b)
    return _dec.solve(a, b, adjoint=bool(adjoint))


def _check_triangular_solve(a, b, lower, adjoint) -> None:
    op = "MatrixTriangularSolve"
    _same_dtype(a, b, op)
    _linalg.check_type(a._value.dtype, op, _dec._TRISOLVE_TYPES)
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            raise _error(f"In[{i}] ndims must be >= 2: {x.ndim}", op)
    sa, sb = a._value.shape, b._value.shape
    if sa[-1] != sa[-2]:
        raise _error(
            f"In[0] matrices in the last dimensions must be square ({sa[-1]} =/= {sa[-2]})", op
        )
    try:
        _np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        raise _error("In[0] and In[1] must have compatible batch dimensions: "
                     f"{_shape_text(sa)} vs. {_shape_text(sb)}", op) from None  # fmt: skip
    if sa[-1] != sb[-2]:
        raise _error(
            f"In[0] mismatch In[1] shape: {sa[-1]} vs. {sb[-2]}: {_shape_text(sa)} "
            f"{_shape_text(sb)} {int(bool(lower))} {int(bool(adjoint))}",
            op,
        )


def triangular_solve(
    matrix: TensorLike,
    rhs: TensorLike,
    lower: bool | None = True,
    adjoint: bool | None = False,
    name: str | None = None,
) -> Tensor:
    """Solve with the lower (or upper) triangle of ``matrix``; the other triangle is
    never read. Batch shapes broadcast.

    >>> a = tf.constant([[2.0, 0.0], [1.0, 1.0]])
    >>> print(tf.linalg.triangular_solve(a, tf.constant([[4.0], [5.0]]), lower=True))
    tf.Tensor(
    [[2.]
     [3.]], shape=(2, 1), dtype=float32)
    """
    if lower is None:
        lower = True  # TF's generated op reads None as the attr's default
    a, b = _pair(matrix, rhs)
    _check_triangular_solve(a, b, lower, adjoint)
    return _dec.triangular_solve(a, b, lower=bool(lower), adjoint=bool(adjoint))


def cholesky(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Lower Cholesky factor of each symmetric positive definite matrix (the lower
    triangle is read). A matrix that is not positive definite gives NaNs, as TF's.

    >>> print(tf.linalg.cholesky(tf.constant([[4.0, 2.0], [2.0, 2.0]])))
    tf.Tensor(
    [[2. 0.]
     [1. 1.]], shape=(2, 2), dtype=float32)
    """
    if _is_operator(input):
        return input.cholesky(name or "cholesky")
    return _dec.cholesky(as_tensor(input))


def cholesky_solve(chol: TensorLike, rhs: TensorLike, name: str | None = None) -> Tensor:
    """X with (L L^T) X = rhs, given L = cholesky(A): two triangular solves.

    >>> chol = tf.linalg.cholesky(tf.constant([[4.0, 2.0], [2.0, 2.0]]))
    >>> print(tf.linalg.cholesky_solve(chol, tf.constant([[6.0], [4.0]])))
    tf.Tensor(
    [[1.]
     [1.]], shape=(2, 1), dtype=float32)
    """
    chol, rhs = _pair(chol, rhs)
    y = triangular_solve(chol, rhs, lower=True, adjoint=False)
    return triangular_solve(chol, y, lower=True, adjoint=True)


def _regularized_gramian_cholesky(a, l2_regularizer, first_kind: bool):
    gramian = matmul(a, a, adjoint_a=first_kind, adjoint_b=not first_kind)
    if isinstance(l2_regularizer, Tensor) or l2_regularizer != 0:
        small = a._value.shape[-1] if first_kind else a._value.shape[-2]
        identity = wrap(_np.eye(small, dtype=a._value.dtype))
        scale = _el.cast(as_tensor(l2_regularizer), dtype=a.dtype)
        gramian = gramian + scale * identity
    return _dec.cholesky(gramian)


def lstsq(
    matrix: TensorLike,
    rhs: TensorLike,
    l2_regularizer: TensorLike = 0.0,
    fast: bool = True,
    name: str | None = None,
) -> Tensor:
    """Least squares (with optional L2 regularization), as TF's fast path computes it:
    Cholesky of the regularized Gram matrix. ``fast=False`` gives the minimum-norm
    solution and, as in TF, has no gradient (it raises).

    >>> a = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> x = tf.linalg.lstsq(a, tf.constant([[1.0], [2.0], [3.0]]))
    >>> x.numpy().round(4).tolist()
    [[1.0], [2.0]]
    """
    rank = _np.ndim(as_tensor(matrix)._value)
    if rank < 2:
        if fast is False:
            raise _error(f"Input tensor 0 must have rank >= 2, got {rank}", "MatrixSolveLs")
        if rank == 0:  # TF's wrapper takes np.min of the (empty) matrix dimensions first
            raise ValueError("zero-size array to reduction operation minimum which has no identity")
        raise IndexError("tuple index out of range")
    a, b = _pair(matrix, rhs)
    rows, cols = a._value.shape[-2:]
    if fast is False:  # TF's test is identity: fast=None or 0 take the fast path
        return _dec.solve_ls_exact(a, b)
    if rows >= cols:
        chol = _regularized_gramian_cholesky(a, l2_regularizer, True)
        return cholesky_solve(chol, matmul(a, b, adjoint_a=True))
    chol = _regularized_gramian_cholesky(a, l2_regularizer, False)
    return matmul(a, cholesky_solve(chol, b), adjoint_a=True)


def lu_solve(
    lower_upper: TensorLike,
    perm: TensorLike,
    rhs: TensorLike,
    validate_args: bool = False,
    name: str | None = None,
) -> Tensor:
    """Solve A X = rhs from A's LU factors (as tf.linalg.lu returns them):
    permute rhs, then a unit-lower and an upper triangular solve.

    >>> lu, p = tf.linalg.lu(tf.constant([[0.0, 2.0], [1.0, 0.0]]))
    >>> print(tf.linalg.lu_solve(lu, p, tf.constant([[4.0], [3.0]])))
    tf.Tensor(
    [[3.]
     [2.]], shape=(2, 1), dtype=float32)
    """
    lu, rhs = _pair(lower_upper, rhs)
    perm = _np.asarray(_backend.to_host(as_tensor(perm)._value))
    if perm.dtype not in (_np.int16, _np.int32, _np.int64):
        from ..arrays._common import _attr_error

        raise _attr_error("Tindices", perm.dtype, "int16, int32, int64", "GatherV2")
    if perm.ndim == 1:
        permuted = _index.getitem(rhs, index=(Ellipsis, perm, slice(None)))
    else:  # a batch of permutations: multiply by permutation matrices
        d = perm.shape[-1]
        chooser = (perm[..., :, None] == _np.arange(d)).astype(rhs._value.dtype)
        permuted = _linalg.matmul(wrap(chooser), rhs)
    n = lu._value.shape[-1]
    unit = wrap(_np.eye(n, dtype=bool))
    lower = _el.where(unit, wrap(_np.ones((), lu._value.dtype)), _linalg.band_part(lu, -1, 0))
    y = triangular_solve(lower, permuted, lower=True)
    return triangular_solve(lu, y, lower=False)


# --------------------------------------------------------------------------
# Decompositions
# --------------------------------------------------------------------------
def qr(input: TensorLike, full_matrices: bool = False, name: str | None = None) -> QrResult:  # noqa: A002
    """Q, R with A = QR (Householder, as LAPACK). The gradient needs m <= n or
    ``full_matrices=False``, as TensorFlow's.

    >>> q, r = tf.linalg.qr(tf.constant([[3.0, 1.0], [4.0, 2.0]]))
    >>> tf.matmul(q, r).numpy().round(4).tolist()
    [[3.0, 1.0], [4.0, 2.0]]
    """
    q, r = _dec.qr(as_tensor(input), full_matrices=bool(full_matrices))
    return QrResult(q, r)


def _real_part(s: Tensor) -> Tensor:
    # The Svd primitive gives complex input complex singular values (TF's kernel does too).
    return _spectral.real(s) if s._value.dtype.kind == "c" else s


def svd(
    tensor: TensorLike,
    full_matrices: bool = False,
    compute_uv: bool = True,
    name: str | None = None,
) -> Tensor | tuple[Tensor, Tensor, Tensor]:
    """Singular values ``s`` (descending) and, with ``compute_uv``, ``u`` and ``v``
    (not transposed): returns ``(s, u, v)``, or ``s`` alone. Singular vectors have an
    arbitrary sign; gradients are undefined for repeated singular values.

    >>> s = tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -2.0]]), compute_uv=False)
    >>> s
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 2.], dtype=float32)>
    >>> s, u, v = tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -2.0]]))
    >>> print(tf.matmul(u * s, v, adjoint_b=True))
    tf.Tensor(
    [[ 3.  0.]
     [ 0. -2.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(tensor)
    if not compute_uv:
        return _real_part(_dec.svd(x, full_matrices=False)[0])
    s, u, v = _dec.svd(x, full_matrices=bool(full_matrices))
    return _real_part(s), u, v


def eigh(tensor: TensorLike, name: str | None = None) -> tuple[Tensor, Tensor]:
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices (the lower
    triangle is read): ``(e, v)``. Undefined gradients for repeated eigenvalues.

    >>> e, v = tf.linalg.eigh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))
    >>> e
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    >>> v.shape
    TensorShape([2, 2])
    """
    return _dec.eigh(as_tensor(tensor))


def eigvalsh(tensor: TensorLike, name: str | None = None) -> Tensor:
    """Eigenvalues (ascending) of symmetric matrices (the lower triangle is read).

    >>> tf.linalg.eigvalsh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return _dec.eigvalsh(as_tensor(tensor))


def pinv(
    a: TensorLike, rcond: TensorLike = None, validate_args: bool = False, name: str | None = None
) -> Tensor:
    """Moore-Penrose pseudo-inverse from the SVD, singular values below
    ``rcond * max(s)`` dropped (TF's composite, gradient through the SVD).

    >>> print(tf.linalg.pinv(tf.constant([[1.0, 0.0], [0.0, 0.0]])))
    tf.Tensor(
    [[1. 0.]
     [0. 0.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(a)
    if not x.dtype.is_floating:
        raise TypeError(f"Input `a` must have `float`-like `dtype` (saw {x.dtype.name}).")
    if x.ndim < 2:
        raise ValueError(f"Input `a` must have at least 2 dimensions (saw: {x.ndim}).")
    dtype = x._value.dtype
    if rcond is None:
        rcond = 10.0 * max(x._value.shape[-2:]) * _np.finfo(dtype).eps
    s, u, v = _dec.svd(x, full_matrices=False)
    cutoff = _el.cast(as_tensor(rcond), dtype=x.dtype) * _red.reduce_max(
        s, axis=(-1,), keepdims=True
    )
    s = _el.where(_el.greater(s, cutoff), s, wrap(_np.array(_np.inf, dtype)))
    scaled = v / _shape.reshape(s, shape=s._value.shape[:-1] + (1,) + s._value.shape[-1:])
    return _linalg.matmul(scaled, u, transpose_b=True)


def expm(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Matrix exponential by scaling and squaring with Pade approximants (TF's
    algorithm). Gradient: the Frechet derivative, from expm of a block matrix.

    >>> print(tf.linalg.expm(tf.constant([[0.0, 1.0], [0.0, 0.0]])))
    tf.Tensor(
    [[1. 1.]
     [0. 1.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(input)
    if x.ndim == 1 and x._value.shape[0] == 1:  # TF reshapes to [-1, n]: [a] is [[a]]
        x = _shape.reshape(x, shape=(1, 1))
    if x._value.shape[-2:] == (0, 0):  # TF returns [..., 0, 0] input as it is, any dtype
        return _el.identity(x)
    if not (x.dtype.is_floating or x.dtype.is_complex):
        raise ValueError(f"tf.linalg.expm does not support matrices of type {x.dtype}")
    shape = x._value.shape
    if x.ndim < 2:
        raise _error(f"Matrix size-incompatible: In[0]: [1,{shape[-1] if shape else 1}], In[1]: "
                     f"[1,{shape[-1] if shape else 1}]", "MatMul")  # fmt: skip
    if shape[-1] != shape[-2]:
        batch = int(_np.prod(shape[:-2], dtype=_np.int64))
        text = _shape_text((batch,) + shape[-2:])
        raise _error(f"Matrix size-incompatible: In[0]: {text}, In[1]: {text} 0 0",
                     "BatchMatMulV2")  # fmt: skip
    with _np.errstate(all="ignore"):
        # The norms stay in the value's library (a GPU); only their maximum comes to the host.
        norms = _np.abs(x._value).sum(axis=-2)
        largest = float(_backend.to_host(norms.max())) if norms.size else -_np.inf  # TF's -inf
    if shape[-1] and not _np.isfinite(largest):
        # TF's cond picks a NaN fill when the largest norm is not finite: a constant, so
        # no gradient.
        return wrap(_np.full_like(x._value, _np.nan))
    return _dec.expm(x)
