"""General (non-symmetric) eigendecomposition and the matrix square root.

Values come from ``np.linalg.eig``. TensorFlow computes both with Eigen
(complex Schur form); the eigenvalues agree, the eigenvectors agree up to a
unit-modulus factor per column (see docs/deviations.md). The principal square
root comes from the scaled Denman-Beavers iteration (it needs no diagonalizable
input); a complex matrix with eigenvalues near the negative real axis is first
turned away from it, and an upper-triangular matrix (its own Schur form) takes
TF's triangular recurrence.

The derivative rules are TensorFlow's: Boeddeker et al. (2017) eq. 4.77 for
eig, and the Sylvester equation R dR + dR R = dA for the square root (solved
as a Kronecker system, as TF does).
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor, wrap
from ..dtypes import _from_numpy
from .decompositions import _expand, _gap_matrix, check_matrix, solve
from .elementwise import cast
from .linalg import matmul, matrix_diag, matrix_diag_part
from .linalg import matrix_transpose as _T
from .shape import broadcast_to, conj, reshape
from .spectral import real

_EIG_TYPES = ("float", "double", "complex64", "complex128")
_SQRTM_TYPES = ("double", "float", "half", "complex64", "complex128")
_COMPLEX_OF = {
    np.dtype(np.float32): np.complex64,
    np.dtype(np.float64): np.complex128,
    np.dtype(np.complex64): np.complex64,
    np.dtype(np.complex128): np.complex128,
}


def _eig_arrays(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    out = _COMPLEX_OF[np.dtype(x.dtype)]
    n = x.shape[-1]
    if n == 0 or x.size == 0:
        return np.zeros(x.shape[:-1], out), np.zeros(x.shape, out)
    finite = np.isfinite(x).all(axis=(-2, -1))
    work = np.where(finite[..., None, None], x, 0)  # LAPACK refuses NaN and inf
    e, v = np.linalg.eig(work)
    e = np.where(finite[..., None], e, np.nan).astype(out)
    v = np.where(finite[..., None, None], v, np.nan).astype(out)
    return e, v


# --------------------------------------------------------------------------
# Eig
# --------------------------------------------------------------------------
def _eig_impl(x):
    check_matrix(x, "Eig", types=_EIG_TYPES)
    return _eig_arrays(x)


def _complex_dtype(x: Tensor):
    return _from_numpy(np.dtype(_COMPLEX_OF[np.dtype(x._value.dtype)]))


def _adjoint(v: Tensor) -> Tensor:
    return conj(_T(v))


def _batched_like(a: Tensor, b: Tensor) -> Tensor:
    """``a`` broadcast to ``b``'s batch (a cotangent may carry extra leading axes)."""
    shape = b._value.shape[:-2] + a._value.shape[-2:]
    return a if a._value.shape == shape else broadcast_to(a, shape=shape)


def _eig_vjp(g, ans, x):
    grad_e, grad_v = g
    e, v = ans
    vt = _adjoint(v)
    f = conj(_gap_matrix(e, square=False))  # conj(1 / (e_j - e_i)), 0 on the diagonal
    vgv = matmul(vt, grad_v)
    unit_norm = matrix_diag(cast(real(matrix_diag_part(vgv)), dtype=_complex_dtype(x)))
    mid = matrix_diag(grad_e) + f * (vgv - matmul(matmul(vt, v), unit_norm))
    rhs = matmul(mid, vt)
    grad = solve(_batched_like(vt, rhs), rhs)
    return (real(grad) if x._value.dtype.kind != "c" else grad,)


def _eig_jvp(tangents, ans, x):
    e, v = ans
    t = cast(tangents[0], dtype=_complex_dtype(x))
    tv = matmul(t, v)
    c = solve(_batched_like(v, tv), tv)  # V^-1 dA V
    moved = matmul(v, _gap_matrix(e, square=False) * c)
    # Each column keeps unit norm: remove its component Re(v_i^H dv_i) along v_i.
    along = cast(real(matrix_diag_part(matmul(_adjoint(v), moved))), dtype=_complex_dtype(x))
    return matrix_diag_part(c), moved - v * _expand(along, -2)


eig = Primitive(
    "eig",
    _eig_impl,
    vjp=_eig_vjp,
    jvp=_eig_jvp,
    multiple_results=True,
    holomorphic=False,
    tf_name="Eig",
    formula="A V = V diag(e), unit columns: de = diag(C), dV = V (F * C) - V diag(Re(V^H V (F * C))), "
    "C = V^-1 dA V, F_ij = 1/(e_j - e_i); VJP: V^-H (diag(ge) + conj(F) * (V^H gV - V^H V "
    "diag(Re(V^H gV)))) V^H; undefined for repeated eigenvalues",
)


# --------------------------------------------------------------------------
# Matrix square root
# --------------------------------------------------------------------------
def _root(a: np.ndarray) -> np.ndarray:
    """Principal square root of one matrix: scaled Denman-Beavers iteration.

    Unlike an eigendecomposition it needs no diagonalizable input; like TF's
    Schur method it gives NaN for a singular matrix.
    """
    n = a.shape[-1]
    eye = np.eye(n, dtype=a.dtype)
    y, z = a, eye
    for _ in range(64):
        try:
            det = np.abs(np.linalg.det(y) * np.linalg.det(z))
            gamma = det ** (-1.0 / (2 * n)) if det > 0 and np.isfinite(det) else 1.0
            y, z, previous = gamma * y, gamma * z, y
            y, z = 0.5 * (y + np.linalg.inv(z)), 0.5 * (z + np.linalg.inv(y))
        except np.linalg.LinAlgError:
            return np.full_like(a, np.nan)
        if not np.isfinite(y).all():
            return np.full_like(a, np.nan)
        if np.abs(y - previous).max() <= 1e-15 * np.abs(y).max():
            break
    return y


def _triangular_root(t: np.ndarray) -> np.ndarray:
    """The root of an upper-triangular matrix by TF's (Eigen's) recurrence, in the
    input's own precision, one superdiagonal at a time: u_ii = sqrt(t_ii) and
    u_ij = (t_ij - sum_k u_ik u_kj) / (u_ii + u_jj). TF's Schur form of such a matrix is
    the matrix itself, so both give the same exact zeros, and TF's final product with
    its (identity) Schur vectors spreads a 0 / 0 or x / 0 over the NaN pattern below."""
    n = t.shape[-1]
    scale = np.abs(t).max()
    if t.dtype.kind != "c" and 0 < scale < np.inf:
        t = (t / scale) * scale  # Eigen's real Schur form scales by the largest entry
    u = np.zeros_like(t)
    rows = np.arange(n)
    u[rows, rows] = np.sqrt(t[rows, rows])
    for d in range(1, n):
        i = rows[: n - d, None]
        m = np.arange(1, d)[None, :]
        inner = (u[i, i + m] * u[i + m, i + d]).sum(axis=1)
        i = i[:, 0]
        u[i, i + d] = _divide(t[i, i + d] - inner, u[i, i] + u[i + d, i + d])
    if not np.isfinite(u).all():
        eye = np.eye(n, dtype=t.dtype)
        u = eye @ u @ eye
    return u


def _divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a / b, for complex values by Smith's scaled formula (C++'s std::complex
    division, which NumPy's differs from in the last bit)."""
    if a.dtype.kind != "c":
        return a / b
    wide = np.abs(b.real) >= np.abs(b.imag)
    big = np.where(wide, b.real, b.imag)
    small = np.where(wide, b.imag, b.real)
    ratio = small / big
    scale = big + small * ratio
    re = np.where(wide, a.real + a.imag * ratio, a.real * ratio + a.imag) / scale
    im = np.where(wide, a.imag - a.real * ratio, a.imag * ratio - a.real) / scale
    return (re + 1j * im).astype(a.dtype)


def _turn(e: np.ndarray, scale: float) -> float:
    """An angle t for complex eigenvalues ``e`` near the negative real axis. The
    iteration converges to the principal root only away from that axis (from a matrix
    with real negative eigenvalues it never leaves the reals), so it runs on
    exp(-i t) A, whose eigenvalues' arguments then lie in (-pi, pi) with the widest
    margin, and the root is exp(i t / 2) times its root. Each eigenvalue keeps the side
    of the axis its computed imaginary part has (sqrt(-4 + 0j) = 2j, sqrt(-4 - 0j) = -2j);
    one within rounding of the axis can land on either side, as in TF's Schur method."""
    keep = np.abs(e) > 1e-300 + np.finfo(np.float64).eps * scale  # zero has no argument
    if not keep.any():
        return 0.0
    angles = np.angle(e[keep])
    if np.abs(angles).max() < 0.75 * np.pi:
        return 0.0  # well away from the axis: the iteration converges as it is
    return float(angles.max() + angles.min()) / 2


def _wide(x: np.ndarray) -> np.ndarray:
    return x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)


def _sqrtm_impl(x):
    check_matrix(x, "MatrixSquareRoot", types=_SQRTM_TYPES)
    n = x.shape[-1]
    if n == 0 or x.size == 0:
        return x.copy()
    flat = _wide(x).reshape((-1, n, n))
    out = np.empty_like(flat)
    with np.errstate(all="ignore"):
        for i, a in enumerate(flat):
            if not np.isfinite(a).all():
                out[i] = np.nan
                continue
            e = np.linalg.eigvals(a)
            # A real matrix with a negative real eigenvalue has no real principal root.
            if a.dtype.kind != "c" and ((e.imag == 0) & (e.real < 0)).any():
                out[i] = np.nan
                continue
            turn = _turn(e, np.abs(a).max()) if a.dtype.kind == "c" else 0.0
            if not np.tril(a, -1).any():
                out[i] = _triangular_root(a.astype(x.dtype))
            elif turn:
                out[i] = np.exp(0.5j * turn) * _root(np.exp(-1j * turn) * a)
            else:
                out[i] = _root(a)
    return out.reshape(x.shape).astype(x.dtype)


def _logm_impl(x):
    """V diag(log e) V^-1 for a well-conditioned eigenbasis; otherwise inverse
    scaling and squaring: square roots until A is near I, then the series
    log A = 2 atanh(Z) = 2 (Z + Z^3/3 + ...), Z = (A - I)(A + I)^-1."""
    check_matrix(x, "MatrixLogarithm", types=("complex64", "complex128"))
    n = x.shape[-1]
    if n == 0 or x.size == 0:
        return x.copy()
    flat = x.astype(np.complex128).reshape((-1, n, n))
    out = np.empty_like(flat)
    eye = np.eye(n, dtype=np.complex128)
    with np.errstate(all="ignore"):
        for i, a in enumerate(flat):
            if not np.isfinite(a).all():
                out[i] = complex(np.nan, np.nan)
                continue
            e, v = np.linalg.eig(a)
            if np.linalg.cond(v) < 1e6:  # diagonalizable: log of each eigenvalue
                out[i] = np.linalg.solve(v.T, (v * np.log(e)).T).T
                if not np.isfinite(out[i]).all():
                    out[i] = complex(np.nan, np.nan)
                continue
            halvings = 0
            while np.isfinite(a).all() and np.abs(a - eye).sum(axis=0).max() > 0.25:
                if halvings == 60:
                    break
                a = _root(a)
                halvings += 1
            if not np.isfinite(a).all() or halvings == 60:
                out[i] = complex(np.nan, np.nan)
                continue
            z = np.linalg.solve((a + eye).T, (a - eye).T).T
            z2, term, total = z @ z, z, z.copy()
            for k in range(1, 30):
                term = term @ z2
                total += term / (2 * k + 1)
            out[i] = 2.0 ** (halvings + 1) * total
    return out.reshape(x.shape).astype(x.dtype)


logm = Primitive(
    "logm",
    _logm_impl,
    differentiable=False,
    tf_name="MatrixLogarithm",
    formula="no gradient (TF registers none for MatrixLogarithm)",
)


def _kron(a: Tensor, b: Tensor) -> Tensor:
    """The Kronecker product of two batches of n x n matrices."""
    n = a._value.shape[-1]
    batch = a._value.shape[:-2]
    left = reshape(a, shape=batch + (n, 1, n, 1))
    right = reshape(b, shape=batch + (1, n, 1, n))
    return reshape(left * right, shape=batch + (n * n, n * n))


def _sylvester(r: Tensor, rhs: Tensor, transpose: bool) -> Tensor:
    """X with R X + X R = rhs (R^T X + X R^T = rhs when ``transpose``), row-major vec."""
    n = r._value.shape[-1]
    batch = rhs._value.shape[:-2]
    r = _batched_like(r, rhs)
    eye = wrap(np.broadcast_to(np.eye(n, dtype=r._value.dtype), r._value.shape).copy())
    left = _T(r) if transpose else r
    # kron(A, B) vec(X) = vec(A X B^T) for row-major vec.
    system = _kron(left, eye) + _kron(eye, _T(left))
    vec = solve(system, reshape(rhs, shape=batch + (n * n, 1)))
    return reshape(vec, shape=rhs._value.shape)


def _sqrtm_vjp(g, ans, x):
    return (_sylvester(ans, g, transpose=True),)


def _sqrtm_jvp(tangents, ans, x):
    return _sylvester(ans, tangents[0], transpose=False)


sqrtm = Primitive(
    "sqrtm",
    _sqrtm_impl,
    vjp=_sqrtm_vjp,
    jvp=_sqrtm_jvp,
    tf_name="MatrixSquareRoot",
    formula="R R = A: R dR + dR R = dA (Sylvester, as a Kronecker system); VJP: R^T X + X R^T = g",
)
