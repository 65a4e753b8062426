"""TensorFlow's MatrixSolve and MatrixInverse on matrices holding Inf or NaN.

TF factors each matrix with Eigen's partial-pivot LU and refuses it ("not
invertible") unless the smallest pivot magnitude is > 0. With non-finite
entries that decision depends on how Eigen's scans treat NaN: the pivot search
keeps the first candidate unless a later one is strictly larger (so a NaN
first candidate stays, a later NaN is skipped), and the smallest-pivot scan
starts at the first pivot in the same way (a NaN first pivot makes the matrix
singular, a later NaN pivot is ignored). LAPACK, behind ``np.linalg``, decides
such matrices differently, so they take this slower path; finite matrices do
not come here.
"""

from __future__ import annotations

import numpy as np


def _divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` as C++ divides: a finite complex number over an infinite one is 0
    (C99 Annex G), where NumPy's division gives NaN."""
    out = num / den
    if out.dtype.kind != "c":
        return out
    direction = np.copysign(np.isinf(den.real), den.real) + 1j * np.copysign(
        np.isinf(den.imag), den.imag
    )
    zero = num * np.conj(direction) * 0
    fix = np.isnan(out) & np.isfinite(num) & (np.isinf(den.real) | np.isinf(den.imag))
    return np.where(fix, zero, out)


def _first_max(scores: np.ndarray) -> np.ndarray:
    """Per row, Eigen's ``maxCoeff`` position: the first strict maximum, NaN skipped
    unless it comes first."""
    skipped = np.where(np.isnan(scores), -np.inf, scores)
    where = np.argmax(skipped, axis=-1)
    return np.where(np.isnan(scores[..., 0]), 0, where)


def eigen_lu(a: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Eigen's unblocked partial-pivot LU of a batch of square matrices.

    Returns the packed factors (unit L below the diagonal, U on and above), the
    row order (``lu == L @ U`` equals ``a[perm]``) and whether TF calls each matrix
    invertible.
    """
    batch, n = a.shape[:-2], a.shape[-1]
    count = int(np.prod(batch, dtype=np.int64))
    lu = np.array(a, copy=True).reshape((count, n, n))
    perm = np.broadcast_to(np.arange(n), (count, n)).copy()
    at = np.arange(count)
    for k in range(n):
        pivot = _first_max(np.abs(lu[:, k:, k])) + k
        nonzero = np.abs(lu[at, pivot, k]) != 0  # NaN counts as nonzero
        # Swap rows k and pivot where the pivot is nonzero (Eigen leaves zero columns alone).
        rows = np.where(nonzero, pivot, k)
        upper, lower = lu[:, k, :].copy(), lu[at, rows].copy()
        lu[:, k, :] = lower
        lu[at, rows] = upper
        order_k, order_p = perm[:, k].copy(), perm[at, rows].copy()
        perm[:, k] = order_p
        perm[at, rows] = order_k
        with np.errstate(all="ignore"):
            scale = np.where(nonzero, lu[:, k, k], 1)[:, None]
            lu[:, k + 1 :, k] = _divide(lu[:, k + 1 :, k], scale)
            lu[:, k + 1 :, k + 1 :] -= lu[:, k + 1 :, k, None] * lu[:, k, None, k + 1 :]
    sizes = np.abs(np.diagonal(lu, axis1=-2, axis2=-1))
    invertible = np.ones(count, dtype=np.bool_)
    if n:
        smallest = np.where(np.isnan(sizes), np.inf, sizes).min(axis=-1)
        invertible = ~np.isnan(sizes[:, 0]) & (smallest > 0)
    return lu.reshape(a.shape), perm.reshape(batch + (n,)), invertible.reshape(batch)


def _forward(lu: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve with the unit lower triangle of ``lu``, row by row from the top."""
    x = np.array(b, copy=True)
    for i in range(lu.shape[-1]):
        x[..., i, :] -= np.einsum("...j,...jk->...k", lu[..., i, :i], x[..., :i, :])
    return x


def _backward(lu: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve with the upper triangle of ``lu``, row by row from the bottom."""
    x = np.array(b, copy=True)
    for i in reversed(range(lu.shape[-1])):
        x[..., i, :] -= np.einsum("...j,...jk->...k", lu[..., i, i + 1 :], x[..., i + 1 :, :])
        x[..., i, :] = _divide(x[..., i, :], lu[..., i, i, None])
    return x


def eigen_solve(lu: np.ndarray, perm: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a^-1 b`` from :func:`eigen_lu`'s factors of ``a``."""
    with np.errstate(all="ignore"):
        return _backward(lu, _forward(lu, np.take_along_axis(b, perm[..., None], axis=-2)))
