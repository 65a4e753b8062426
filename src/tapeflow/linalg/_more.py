"""More of tf.linalg: LU factorization (with every-order rules), tridiagonal
products and solves, eigenvalues of tridiagonal matrices, tensor diagonals,
rank and normalization. Composites of tapeflow's differentiable ops, except
``lu``, a primitive whose rules are written in them.

>>> import tapeflow as tf
>>> a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
>>> lu, p = tf.linalg.lu(a)
>>> print(tf.linalg.lu_reconstruct(lu, p))
tf.Tensor(
[[1. 2.]
 [3. 4.]], shape=(2, 2), dtype=float32)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as _np

from .._dispatch import Primitive as _Primitive
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import wrap as _wrap
from .._types import AxisLike, DTypeLike, TensorLike


def _tf():
    import tapeflow

    return tapeflow


# -- LU ------------------------------------------------------------------------
def _lu_factor(a: _np.ndarray):
    """Doolittle with partial pivoting on one matrix: packed LU and the row order."""
    n = a.shape[-1]
    lu_ = a.astype(_np.result_type(a, _np.float32), copy=True)
    perm = _np.arange(n)
    for k in range(n):
        pivot = k + int(_np.argmax(_np.abs(lu_[k:, k])))
        if pivot != k:
            lu_[[k, pivot]] = lu_[[pivot, k]]
            perm[[k, pivot]] = perm[[pivot, k]]
        if lu_[k, k] != 0:
            lu_[k + 1 :, k] /= lu_[k, k]
            lu_[k + 1 :, k + 1 :] -= _np.outer(lu_[k + 1 :, k], lu_[k, k + 1 :])
    return lu_, perm


def _lu_impl(a):
    batch = a.shape[:-2]
    if a.shape[-1] != a.shape[-2]:
        raise ValueError("Input matrix must be square.")
    if not a.size:  # an empty batch or 0x0 matrices: nothing to factor
        return a.copy(), _np.zeros(batch + a.shape[-1:], _np.int32)
    flat = a.reshape((-1,) + a.shape[-2:])
    parts = [_lu_factor(m) for m in flat]
    packed = _np.stack([p[0] for p in parts]).reshape(a.shape).astype(a.dtype)
    perms = _np.stack([p[1] for p in parts]).reshape(batch + a.shape[-1:]).astype(_np.int32)
    return packed, perms


def _factors(packed):
    tf = _tf()
    n = packed._value.shape[-1]
    eye = _wrap(_np.eye(n, dtype=packed._value.dtype))
    lower = tf.linalg.band_part(packed, -1, 0) - tf.linalg.band_part(packed, 0, 0) + eye
    upper = tf.linalg.band_part(packed, 0, -1)
    return lower, upper


def _no_complex_gradient(a):
    # TF registers no gradient for Lu; tapeflow's real rule is an extension, complex has none.
    if _np.iscomplexobj(a._value):
        raise LookupError("gradient registry has no entry for: Lu")


def _lu_vjp(g, ans, a):
    # P A = L U. With F = L^-1 d(PA) U^-1: dL = L tril(F, -1), dU = triu(F) U, so
    # grad(PA) = L^-T (tril(L^T gL, -1) + triu(gU U^T)) U^-T, then rows unpermuted.
    _no_complex_gradient(a)
    tf = _tf()
    g_packed = g[0]
    packed, perm = ans
    lower, upper = _factors(packed)
    g_lower = tf.linalg.band_part(g_packed, -1, 0) - tf.linalg.band_part(g_packed, 0, 0)
    g_upper = tf.linalg.band_part(g_packed, 0, -1)
    inner = (tf.linalg.band_part(tf.matmul(lower, g_lower, transpose_a=True), -1, 0)
             - tf.linalg.band_part(tf.matmul(lower, g_lower, transpose_a=True), 0, 0)
             + tf.linalg.band_part(tf.matmul(g_upper, upper, transpose_b=True), 0, -1))  # fmt: skip
    left = tf.linalg.triangular_solve(lower, inner, lower=True, adjoint=True)
    grad_pa = tf.linalg.matrix_transpose(
        tf.linalg.triangular_solve(upper, tf.linalg.matrix_transpose(left), lower=False)
    )
    inverse = _np.argsort(perm._value, axis=-1)
    return (tf.gather(grad_pa, inverse, batch_dims=inverse.ndim - 1, axis=-2),)


def _lu_jvp(tangents, ans, a):
    _no_complex_gradient(a)
    tf = _tf()
    packed, perm = ans
    lower, upper = _factors(packed)
    permuted = tf.gather(tangents[0], perm._value, batch_dims=perm._value.ndim - 1, axis=-2)
    left = tf.linalg.triangular_solve(lower, permuted, lower=True)
    f = tf.linalg.matrix_transpose(tf.linalg.triangular_solve(
        upper, tf.linalg.matrix_transpose(left), lower=False, adjoint=True))  # fmt: skip
    strict = tf.linalg.band_part(f, -1, 0) - tf.linalg.band_part(f, 0, 0)
    d_lower = tf.matmul(lower, strict)
    d_upper = tf.matmul(tf.linalg.band_part(f, 0, -1), upper)
    return (d_lower + d_upper, None)


_lu = _Primitive("lu", _lu_impl, vjp=_lu_vjp, jvp=_lu_jvp, multiple_results=True, kinds="fc",
                 tf_name="Lu", formula="P A = L U: dL = L tril(F, -1), dU = triu(F) U with "
                 "F = L^-1 P dA U^-1")  # fmt: skip


def lu(
    input: TensorLike, output_idx_type: DTypeLike = None, name: str | None = None
) -> tuple[Tensor, Tensor]:  # noqa: A002
    """The LU factorization with partial pivoting: ``(lu, p)``, L (unit diagonal) and U
    packed in one matrix, and the row permutation ``p`` with ``A[p] = L U``.

    >>> lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0], [4.0, 4.0]]))
    >>> print(lu)
    tf.Tensor(
    [[4.   4.  ]
     [0.25 1.  ]], shape=(2, 2), dtype=float32)
    >>> p
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 0], dtype=int32)>
    """
    tf = _tf()
    x = _as_tensor(input)
    index_type = tf.int32
    if output_idx_type is not None:
        try:
            index_type = tf.as_dtype(output_idx_type)
        except (TypeError, ValueError):
            raise TypeError(
                f"Expected DataType for argument 'output_idx_type' not {output_idx_type!r}."
            ) from None
        if index_type not in (tf.int32, tf.int64):
            from ..arrays._common import _attr_error

            raise _attr_error("output_idx_type", index_type.as_numpy_dtype, "int32, int64", "Lu")
    packed, perm = _lu(x)
    if index_type != tf.int32:
        perm = tf.cast(perm, index_type)
    return packed, perm


@_reads_values
def lu_reconstruct(
    lower_upper: TensorLike, perm: TensorLike, validate_args: bool = False, name: str | None = None
) -> Tensor:
    """The matrix A = P^T L U of a packed LU factorization.

    >>> lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    >>> print(tf.linalg.lu_reconstruct(lu, p))
    tf.Tensor(
    [[1. 2.]
     [3. 4.]], shape=(2, 2), dtype=float32)
    """
    tf = _tf()
    # TF converts with float32 / int32 hints: a NumPy array or list of another dtype
    # that converts without loss becomes float32 (an empty uint8 array included).
    packed = tf.convert_to_tensor(lower_upper, dtype_hint=tf.float32)
    lower, upper = _factors(packed)
    product = tf.matmul(lower, upper)
    p = _np.asarray(tf.convert_to_tensor(perm, dtype_hint=tf.int32)._value)
    if p.dtype not in (_np.int32, _np.int64):
        from ..arrays._common import _attr_error

        raise _attr_error("T", p.dtype, "int32, int64", "InvertPermutation")
    inverse = _np.argsort(p, axis=-1)
    return tf.gather(product, inverse, batch_dims=inverse.ndim - 1, axis=-2)


def lu_matrix_inverse(
    lower_upper: TensorLike, perm: TensorLike, validate_args: bool = False, name: str | None = None
) -> Tensor:
    """The inverse of A from its packed LU factorization.

    >>> lu, p = tf.linalg.lu(tf.constant([[2.0, 0.0], [0.0, 4.0]]))
    >>> print(tf.linalg.lu_matrix_inverse(lu, p))
    tf.Tensor(
    [[0.5  0.  ]
     [0.   0.25]], shape=(2, 2), dtype=float32)
    """
    tf = _tf()
    packed = _as_tensor(lower_upper)
    n = packed._value.shape[-1]
    eye = tf.broadcast_to(_wrap(_np.eye(n, dtype=packed._value.dtype)), packed.shape)
    return tf.linalg.lu_solve(packed, perm, eye)


# -- tridiagonal -----------------------------------------------------------------
def _dense_tridiagonal(diagonals, diagonals_format: str):
    """A dense [..., M, M] matrix from TF's compact, sequence or matrix formats."""
    tf = _tf()
    if diagonals_format == "matrix":
        return _as_tensor(diagonals)
    if diagonals_format == "sequence":
        sup, main, sub = (_as_tensor(d) for d in diagonals)
        zero = tf.zeros_like(main[..., :1])
        sup = tf.concat([sup, zero], -1) if sup._value.shape[-1] < main._value.shape[-1] else sup
        sub = tf.concat([zero, sub], -1) if sub._value.shape[-1] < main._value.shape[-1] else sub
        diagonals = tf.stack([sup, main, sub], axis=-2)
    elif diagonals_format != "compact":
        raise ValueError(f"Unrecognized diagonals_format: {diagonals_format}")
    d = _as_tensor(diagonals)
    m = d._value.shape[-1]
    if d._value.shape[-2] != 3:
        raise ValueError(f"Expected diagonals to have shape [..., 3, {m}]; got "
                         f"{list(d._value.shape)}")  # fmt: skip
    # dense[i, i+1] = super[i], dense[i, i] = main[i], dense[i, i-1] = sub[i]
    index = _np.full((m, m), 3 * m)
    rows = _np.arange(m)
    index[rows[:-1], rows[:-1] + 1] = rows[:-1]
    index[rows, rows] = m + rows
    index[rows[1:], rows[1:] - 1] = 2 * m + rows[1:]
    flat = tf.reshape(d, list(d._value.shape[:-2]) + [3 * m])
    flat = tf.concat([flat, tf.zeros_like(flat[..., :1])], axis=-1)
    return tf.gather(flat, index, axis=-1, batch_dims=0)


def tridiagonal_matmul(
    diagonals: TensorLike,
    rhs: TensorLike,
    diagonals_format: str = "compact",
    name: str | None = None,
) -> Tensor:
    """The product of a tridiagonal matrix (compact [..., 3, M] by default) and rhs.

    >>> diagonals = tf.constant([[0.0, 1.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 0.0]])
    >>> tf.linalg.tridiagonal_matmul(diagonals, tf.constant([[1.0], [1.0], [1.0]]))[:, 0]
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([2., 4., 2.], dtype=float32)>
    """
    tf = _tf()
    return tf.matmul(_dense_tridiagonal(diagonals, diagonals_format), _as_tensor(rhs))


def tridiagonal_solve(
    diagonals: TensorLike,
    rhs: TensorLike,
    diagonals_format: str = "compact",
    transpose_rhs: bool = False,
    conjugate_rhs: bool = False,
    name: str | None = None,
    partial_pivoting: bool = True,
    perturb_singular: bool = False,
) -> Tensor:
    """Solve a tridiagonal system (dense LU with partial pivoting underneath).

    >>> diagonals = tf.constant([[0.0, 1.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 0.0]])
    >>> tf.linalg.tridiagonal_solve(diagonals, tf.constant([[3.0], [4.0], [3.0]]))[:, 0]
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1.5, 0.5, 1.5], dtype=float32)>
    """
    tf = _tf()
    rhs = _as_tensor(rhs)
    if diagonals_format == "sequence":
        rank = _as_tensor(diagonals[1])._value.ndim
    else:
        rank = _as_tensor(diagonals)._value.ndim - 1
    vector = rhs._value.ndim == rank and diagonals_format != "matrix"
    # TF transposes a matrix rhs before solving (a vector has nothing to transpose)
    # and returns the solution untransposed: [..., M, K] for a [..., K, M] rhs.
    if transpose_rhs and not vector:
        rhs = tf.linalg.matrix_transpose(rhs)
    if conjugate_rhs:
        rhs = tf.math.conj(rhs)
    if vector:
        rhs = rhs[..., None]
    out = tf.linalg.solve(_dense_tridiagonal(diagonals, diagonals_format), rhs)
    return out[..., 0] if vector else out


def eigh_tridiagonal(
    alpha: TensorLike,
    beta: TensorLike,
    eigvals_only: bool = True,
    select: str = "a",
    select_range: Sequence[Any] | None = None,
    tol: TensorLike = None,
    name: str | None = None,
) -> Tensor | tuple[Tensor, Tensor]:
    """Eigenvalues (ascending; and vectors) of the symmetric tridiagonal matrix with
    diagonal ``alpha`` and off-diagonal ``beta``.

    >>> tf.linalg.eigh_tridiagonal(tf.constant([2.0, 2.0]), tf.constant([1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>

    ``select='i'`` keeps the eigenvalues of indices ``select_range[0]`` to
    ``select_range[1]`` (inclusive); ``select='v'`` those in ``[lo, hi]``
    (TF keeps an eigenvalue equal to either end):

    >>> tf.linalg.eigh_tridiagonal(tf.constant([2.0, 2.0]), tf.constant([1.0]),
    ...                            select="i", select_range=(1, 1))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([3.], dtype=float32)>
    """
    tf = _tf()
    if select not in ("a", "i", "v"):
        raise ValueError("'select must have a value in {'a', 'i', 'v'}.")
    alpha, beta = _as_tensor(alpha), _as_tensor(beta)
    zero = tf.zeros_like(alpha[:1])
    dense = _dense_tridiagonal(tf.stack([tf.concat([beta, zero], 0), alpha,
                                         tf.concat([zero, beta], 0)]), "compact")  # fmt: skip
    values, vectors = (tf.linalg.eigvalsh(dense), None) if eigvals_only else tf.linalg.eigh(dense)
    if select != "a":
        first, stop = _selected_indices(select, select_range, values)
        values = values[first:stop]
        vectors = None if vectors is None else vectors[:, first:stop]
    return values if vectors is None else (values, vectors)


def _selected_indices(select: str, select_range: Any, values: Tensor) -> tuple[int, int]:
    """The slice of the ascending eigenvalues that ``select_range`` keeps."""
    tf = _tf()
    low, high = select_range[0], select_range[1]  # TF indexes it too (TypeError for None)
    if select == "i":
        low, high = tf.convert_to_tensor(low), tf.convert_to_tensor(high)
        tf.debugging.assert_less_equal(low, high, message="Got empty index range in select_range.")
        first, last = int(low._value), int(high._value)
        n = values._value.shape[-1]
        # TF's bisection answers an index outside [0, n) with a bound of the spectrum,
        # not an eigenvalue; tapeflow refuses it.
        if first < 0 or last >= n:
            raise tf.errors.InvalidArgumentError(
                None, None, f"select_range indices must be in [0, {n - 1}], got {select_range!r}"
            )
        return first, last + 1
    low, high = (tf.convert_to_tensor(v, dtype=values.dtype) for v in (low, high))
    tf.debugging.assert_less(low, high, message="Got empty interval in select_range.")
    spectrum = values._value
    return (int(_np.searchsorted(spectrum, low._value, side="left")),
            int(_np.searchsorted(spectrum, high._value, side="right")))  # fmt: skip


# -- the rest ---------------------------------------------------------------------
def tensor_diag(diagonal: TensorLike, name: str | None = None) -> Tensor:
    """A tensor of shape d + d with ``diagonal`` (shape d) on its diagonal.

    >>> print(tf.linalg.tensor_diag(tf.constant([1, 2])))
    tf.Tensor(
    [[1 0]
     [0 2]], shape=(2, 2), dtype=int32)
    """
    tf = _tf()
    d = _as_tensor(diagonal)
    shape = list(d._value.shape)
    return tf.reshape(tf.linalg.diag(tf.reshape(d, [-1])), shape + shape)


def tensor_diag_part(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """The diagonal of a tensor of shape d + d (shape d).

    >>> tf.linalg.tensor_diag_part(tf.constant([[1, 0], [0, 2]]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
    """
    tf = _tf()
    x = _as_tensor(input)
    shape = list(x._value.shape)
    half = len(shape) // 2
    if len(shape) % 2 or shape[:half] != shape[half:]:
        raise ValueError(f"Input must have even rank and shape d + d, got {shape}")
    size = int(_np.prod(shape[:half]))
    return tf.reshape(tf.linalg.diag_part(tf.reshape(x, [size, size])), shape[:half])


def matrix_rank(
    a: TensorLike, tol: TensorLike = None, validate_args: bool = False, name: str | None = None
) -> Tensor:
    """The number of singular values above ``tol`` (default: eps max(m, n) max(s)).

    ``tol`` broadcasts against the singular values (shape ``[..., min(m, n)]``), as
    in TensorFlow.

    >>> import tapeflow as tf
    >>> print(tf.linalg.matrix_rank([[1.0, 2.0], [2.0, 4.0]]))
    tf.Tensor(1, shape=(), dtype=int32)
    """
    tf = _tf()
    a = tf.convert_to_tensor(a, dtype_hint=tf.float32)
    if not a.dtype.is_floating:
        raise TypeError(f"Input `a` must have `float`-like `dtype` (saw {a.dtype.name}).")
    if a.ndim < 2:
        raise ValueError(f"Input `a` must have at least 2 dimensions (saw: {a.ndim}).")
    s = tf.linalg.svd(a, compute_uv=False)
    if tol is None:
        eps = _np.finfo(a.dtype.as_numpy_dtype).eps
        m = max(a.shape[-2:])
        tol = eps * tf.cast(m, a.dtype) * tf.reduce_max(s, axis=-1, keepdims=True)
    return tf.reduce_sum(tf.cast(s > tol, tf.int32), axis=-1)


def normalize(
    tensor: TensorLike,
    ord: TensorLike = "euclidean",
    axis: AxisLike = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:  # noqa: A002
    """``(tensor / norm, norm)``, the norm kept with its reduced axes.

    >>> unit, norm = tf.linalg.normalize(tf.constant([3.0, 4.0]))
    >>> unit
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6, 0.8], dtype=float32)>
    >>> norm
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([5.], dtype=float32)>
    """
    tf = _tf()
    x = _as_tensor(tensor)
    # TF casts the norm back to the input's dtype (complex for complex input)
    norm = tf.cast(tf.norm(x, ord=ord, axis=axis, keepdims=True), x.dtype)
    return x / norm, norm
