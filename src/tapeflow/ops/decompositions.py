"""Matrix decompositions and the matrix exponential: cholesky, qr, svd, eigh,
eigvalsh, expm. Inverses, determinants and the linear solves (inv, det, slogdet,
solve, triangular_solve, the exact least-squares solve) are in ``solves.py`` and
re-exported here, so ``decompositions`` still names every matrix primitive.

Values come from ``np.linalg``; every derivative rule is written with
tapeflow ops (matmul, triangular_solve, the primitives here themselves), so
second derivatives work. The rules are TensorFlow's: Murray (2016) for
Cholesky, Walter/Seeger and Townsend for QR, SVD and eigh, the block-matrix
Frechet derivative for expm. Where a derivative does not exist (repeated
eigenvalues or singular values), the rules use TensorFlow's safe reciprocal
``x / (x^2 + 1e-20)``, so they give a finite number, not the (undefined) truth.

Complex matrices follow TF's complex gradients (conjugate transposes where
the real rules transpose, and TF's phase terms for qr and svd).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor, wrap
from ..dtypes import _from_numpy as from_numpy
from .elementwise import cast, zeros_like
from .elementwise import where as _where
from .index import getitem, getitem_adjoint
from .linalg import band_part, matmul, matrix_diag, matrix_diag_part, scaled_mask
from .linalg import matrix_transpose as _T
from .shape import conj, reshape
from .solves import (  # noqa: F401  (inv, det and the solves, re-exported)
    _H,
    _TRISOLVE_TYPES,
    _error,
    _lapack,
    _nan_where_not_finite,
    check_matrix,
    det,
    inv,
    slogdet,
    solve,
    solve_ls_exact,
    triangular_solve,
)


# --------------------------------------------------------------------------
# Helpers the decomposition rules share (the input checks are in solves.py)
# --------------------------------------------------------------------------
def _expand(v: Tensor, axis: int) -> Tensor:
    shape = v._value.shape
    axis = axis % (len(shape) + 1)
    return reshape(v, shape=shape[:axis] + (1,) + shape[axis:])


def _safe_reciprocal(x: Tensor) -> Tensor:
    # TensorFlow's _SafeReciprocal: 1/x away from 0, and 0 (not inf) at x = 0.
    return x / (x * x + 1e-20)


def _off_diagonal(n: int) -> np.ndarray:
    return 1.0 - np.eye(n)


def _lower_half_diagonal(n: int) -> np.ndarray:
    """The lower triangle with the diagonal halved (Murray's Phi)."""
    return np.tril(np.ones((n, n))) - 0.5 * np.eye(n)


def _gap_matrix(values: Tensor, square: bool) -> Tensor:
    """F[i, j] = 1 / (v_j - v_i) off the diagonal (safe), 0 on it; squares v first if asked."""
    v = values * values if square else values
    n = values._value.shape[-1]
    gaps = _safe_reciprocal(_expand(v, -2) - _expand(v, -1))
    # The diagonal is set, not masked by a product: inf - inf there is NaN, and 0 * NaN too.
    return _where(wrap(_off_diagonal(n) > 0), gaps, zeros_like(gaps))


def _block(top_left, top_right, bottom_right, n: int) -> Tensor:
    """The 2n x 2n matrix [[top_left, top_right], [0, bottom_right]] (batched)."""
    full = (2 * n, 2 * n)
    parts = (
        (top_left, (slice(0, n), slice(0, n))),
        (top_right, (slice(0, n), slice(n, None))),
        (bottom_right, (slice(n, None), slice(n, None))),
    )
    total: Any = None
    for part, where in parts:
        placed = getitem_adjoint(part, shape=full, index=(Ellipsis,) + where)
        total = placed if total is None else total + placed
    return total


def _columns(x: Tensor, start: int, stop: int | None) -> Tensor:
    return getitem(x, index=(Ellipsis, slice(None), slice(start, stop)))


def _join_columns(left: Tensor, right: Tensor) -> Tensor:
    """[left, right] along the last axis (each placed into zeros, then added)."""
    m = left._value.shape[-1]
    n = m + right._value.shape[-1]
    rows = left._value.shape[-2]
    full = (rows, n)
    return getitem_adjoint(
        left, shape=full, index=(Ellipsis, slice(None), slice(0, m))
    ) + getitem_adjoint(right, shape=full, index=(Ellipsis, slice(None), slice(m, None)))


# --------------------------------------------------------------------------
# Cholesky
# --------------------------------------------------------------------------
def _cholesky_impl(x):
    check_matrix(x, "Cholesky")
    try:
        return _lapack(np.linalg.cholesky, x)
    except np.linalg.LinAlgError:
        pass
    # Some matrix is not positive definite: TF returns NaN for that matrix only.
    flat = x.reshape((-1,) + x.shape[-2:])
    out = np.empty_like(flat)
    failed = np.tril(np.full(x.shape[-2:], np.nan, dtype=x.dtype))
    for i, matrix in enumerate(flat):
        try:
            out[i] = _lapack(np.linalg.cholesky, matrix)
        except np.linalg.LinAlgError:
            out[i] = failed
    return out.reshape(x.shape)


def _cholesky_vjp(g, ans, x):
    n = x._value.shape[-1]
    middle = scaled_mask(matmul(_H(ans), g), _lower_half_diagonal(n))
    left = triangular_solve(ans, middle, lower=True, adjoint=True)  # L^-H P
    grad = _H(triangular_solve(ans, _H(left), lower=True, adjoint=True))  # L^-H P L^-1
    return (0.5 * (grad + _H(grad)),)


def _cholesky_jvp(tangents, ans, x):
    n = x._value.shape[-1]
    t = tangents[0]
    sym = 0.5 * (t + _H(t))
    inner = triangular_solve(ans, _H(triangular_solve(ans, sym, lower=True)), lower=True)
    return matmul(ans, scaled_mask(inner, _lower_half_diagonal(n)))


cholesky = Primitive(
    "cholesky",
    _cholesky_impl,
    vjp=_cholesky_vjp,
    jvp=_cholesky_jvp,
    holomorphic=False,  # A = L L^H: the rules conjugate themselves
    tf_name="Cholesky",
    formula="A = L L^T (lower triangle read): dL = L Phi(L^-1 sym(dA) L^-T), Phi = tril with "
    "halved diagonal; VJP (Murray 2016) sym(L^-T Phi(L^T g) L^-1)",
)


# --------------------------------------------------------------------------
# QR
# --------------------------------------------------------------------------
def _qr_impl(x, full_matrices=False):
    check_matrix(x, "Qr", square=False)
    return _lapack(
        lambda a: tuple(np.linalg.qr(a, mode="complete" if full_matrices else "reduced")), x
    )


def _qr_check_gradient(q, r) -> None:
    rows, cols = r._value.shape[-2:]
    if rows > cols and q._value.shape[-2] == q._value.shape[-1]:
        raise NotImplementedError(
            "QrGrad not implemented when nrows > ncols and full_matrices is true. Received "
            f"r.shape={r._value.shape} with nrows={rows}and ncols={cols}."
        )


def _times_r_inverse_h(x: Tensor, r: Tensor) -> Tensor:
    """x R^-H for upper-triangular R (TensorFlow's _TriangularSolve; R^-T for real R)."""
    return _H(triangular_solve(r, _H(x), lower=False))


def _times_r_inverse(x: Tensor, r: Tensor) -> Tensor:
    """x R^-1 for upper-triangular R."""
    return _H(triangular_solve(r, _H(x), lower=False, adjoint=True))


def _imaginary_diagonal(x: Tensor) -> Tensor:
    """i Im(diag x) as a diagonal matrix: the part of a complex rule that R's real diagonal
    pins down (Q -> Q D, R -> D^H R with a unit-modulus diagonal D leaves A = QR)."""
    d = matrix_diag_part(x)
    return matrix_diag(0.5 * (d - conj(d)))


def _qr_vjp_deep(q, r, dq, dr):
    qdq = matmul(_H(q), dq)
    rdr = matmul(r, _H(dr))
    tril = band_part(qdq - _H(qdq) + rdr - _H(rdr), -1, 0)
    grad_a = matmul(q, dr + _times_r_inverse_h(tril, r))
    grad_b = _times_r_inverse_h(dq - matmul(q, qdq), r)
    grad = grad_a + grad_b
    if q._value.dtype.kind == "c":
        # TF's complex correction (Roberts & Roberts 2020): -i Im(diag(R dR^H - dQ^H Q)).
        grad = grad - _times_r_inverse_h(matmul(q, _imaginary_diagonal(rdr - _H(qdq))), r)
    return grad


def _qr_vjp(g, ans, x, full_matrices=False):
    dq, dr = g
    q, r = ans
    _qr_check_gradient(q, r)
    m, n = q._value.shape[-2], r._value.shape[-1]
    if m >= n:
        return (_qr_vjp_deep(q, r, dq, dr),)
    # Wide: A = [X, Y] with X = Q U square, R = [U, V].
    y = _columns(x, m, None)
    u = _columns(r, 0, m)
    dv = _columns(dr, m, None)
    du = _columns(dr, 0, m)
    dy = matmul(q, dv)
    dx = _qr_vjp_deep(q, u, dq + matmul(y, _H(dv)), du)
    return (_join_columns(dx, dy),)


def _qr_jvp_deep(q, r, da):
    dar = _times_r_inverse(da, r)
    c = matmul(_H(q), dar)  # Q^H dA R^-1 = Q^H dQ + dR R^-1
    n = r._value.shape[-1]
    low = scaled_mask(c, np.tril(np.ones((n, n)), -1))
    omega = low - _H(low)  # Q^H dQ: skew-Hermitian, its strict lower part is C's
    if c._value.dtype.kind == "c":
        # R's diagonal stays real, so diag(dR R^-1) is real: Q^H dQ takes C's imaginary diagonal.
        omega = omega + _imaginary_diagonal(c)
    upper_part = c - omega  # dR R^-1
    return dar - matmul(q, upper_part), matmul(upper_part, r)


def _qr_jvp(tangents, ans, x, full_matrices=False):
    q, r = ans
    _qr_check_gradient(q, r)
    da = tangents[0]
    m, n = q._value.shape[-2], r._value.shape[-1]
    if m >= n:
        return _qr_jvp_deep(q, r, da)
    dq, du = _qr_jvp_deep(q, _columns(r, 0, m), _columns(da, 0, m))
    dv = matmul(_H(dq), _columns(x, m, None)) + matmul(_H(q), _columns(da, m, None))
    return dq, _join_columns(du, dv)


qr = Primitive(
    "qr",
    _qr_impl,
    vjp=_qr_vjp,
    jvp=_qr_jvp,
    multiple_results=True,
    holomorphic=False,  # TF's rule, with adjoints, for complex too
    tf_name="Qr",
    formula="A = QR: with C = Q^H dA R^-1, Omega = skew-Hermitian part from tril(C, -1) (plus "
    "i Im diag C: R's diagonal is real), dR = (C - Omega) R, dQ = dA R^-1 - Q (C - Omega); "
    "wide A splits as [X, Y]; no rule for full Q of a tall A",
)


# --------------------------------------------------------------------------
# SVD
# --------------------------------------------------------------------------
def _svd_each(a, full_matrices: bool) -> tuple:
    """np.linalg.svd, matrix by matrix where LAPACK's divide and conquer gives up: a
    matrix holding NaN or Inf gets NaN factors (as from TF's Eigen), a finite one is
    retried in double precision."""
    try:
        return tuple(np.linalg.svd(a, full_matrices=full_matrices))
    except np.linalg.LinAlgError:
        pass
    m, n = a.shape[-2:]
    k = min(m, n)
    rows, cols = (m, n) if full_matrices else (k, k)
    flat = a.reshape((-1, m, n))
    real = np.finfo(a.dtype).dtype
    u = np.full((flat.shape[0], m, rows), np.nan, a.dtype)
    s = np.full((flat.shape[0], k), np.nan, real)
    vh = np.full((flat.shape[0], cols, n), np.nan, a.dtype)
    wide = np.complex128 if a.dtype.kind == "c" else np.float64
    for i, matrix in enumerate(flat):
        if not np.isfinite(matrix).all():
            continue
        try:
            parts = np.linalg.svd(matrix.astype(wide), full_matrices=full_matrices)
        except np.linalg.LinAlgError:
            raise _error("SVD did not converge", "Svd") from None
        u[i], s[i], vh[i] = (p.astype(q.dtype) for p, q in zip(parts, (u[i], s[i], vh[i])))
    batch = a.shape[:-2]
    return u.reshape(batch + u.shape[1:]), s.reshape(batch + (k,)), vh.reshape(batch + vh.shape[1:])


def _svd_impl(x, full_matrices=False):
    check_matrix(x, "Svd", square=False)
    # Non-finite matrices never reach LAPACK: float32 gesdd can loop forever on them.
    u, s, vh = _nan_where_not_finite(lambda m: _lapack(lambda a: _svd_each(a, full_matrices), m), x)
    if x.dtype.kind != "c":
        return s, u, np.swapaxes(vh, -1, -2)
    # As TF's Svd kernel: V itself (A = U S V^H), and s in the input's complex dtype (the
    # public svd takes its real part). The imaginary part of s's cotangent then reaches the
    # rule as TF's does, which makes second derivatives through U and V TF's numbers.
    return s.astype(x.dtype), u, np.swapaxes(vh.conj(), -1, -2)


def _svd_check_gradient(x, full_matrices) -> tuple:
    m, n = x._value.shape[-2:]
    if full_matrices and abs(m - n) > 1:
        # TF names the sizes after putting the shorter side first.
        raise NotImplementedError(
            "svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True. "
            f"Received: m={min(m, n)} and n={max(m, n)} from op input={x._value} with "
            f"shape={x._value.shape}."
        )
    return m, n


def _like(v: Tensor, x: Tensor) -> Tensor:
    """v (the real singular values, or their cotangent) in x's dtype (complex for complex x)."""
    if v._value.dtype == x._value.dtype:
        return v
    return cast(v, dtype=from_numpy(x._value.dtype))


def _svd_vjp(g, ans, x, full_matrices=False):
    m, n = _svd_check_gradient(x, full_matrices)
    grad_s, grad_u, grad_v = g
    s, u, v = ans
    s, grad_s = _like(s, x), _like(grad_s, x)
    flip = m > n
    if flip:  # differentiate A^H = V S U^H instead, and take the adjoint at the end
        m, n = n, m
        u, v = v, u
        grad_u, grad_v = grad_v, grad_u
    s_mat = matrix_diag(s)
    f = _gap_matrix(s, square=True)  # 1 / (s_j^2 - s_i^2): undefined for repeated s
    s_inv = matrix_diag(_safe_reciprocal(s))
    v1 = _columns(v, 0, m)
    grad_v1 = _columns(grad_v, 0, m)
    v_gv = matmul(_H(v1), grad_v1)
    f_u = f * matmul(_H(u), grad_u)
    f_v = f * v_gv
    core = (
        matrix_diag(grad_s)
        + matmul(f_u + _H(f_u), s_mat)
        + matmul(s_mat, f_v + _H(f_v))
    )  # fmt: skip
    if x._value.dtype.kind == "c":
        # The phase U, V -> U D, V D is free; TF's rule fixes diag(U^H dU) = 0, so V's phase
        # follows A: this term carries the imaginary diagonal of V^H gV.
        core = core - matmul(s_inv, _imaginary_diagonal(v_gv))
    grad = matmul(u, matmul(core, _H(v1)))
    if m != n:
        gv1t = _H(grad_v1)
        rest = gv1t - matmul(matmul(gv1t, v1), _H(v1))
        if full_matrices:
            v2 = _columns(v, m, n)
            rest = rest - matmul(matmul(_H(v1), _columns(grad_v, m, n)), _H(v2))
        grad = grad + matmul(matmul(u, s_inv), rest)
    return (_H(grad) if flip else grad,)


def _svd_jvp(tangents, ans, x, full_matrices=False):
    m, n = _svd_check_gradient(x, full_matrices)
    da = tangents[0]
    s, u, v = ans
    s = _like(s, x)
    flip = m > n
    if flip:
        m, n = n, m
        u, v = v, u
        da = _H(da)
    s_mat = matrix_diag(s)
    f = _gap_matrix(s, square=True)
    s_inv = matrix_diag(_safe_reciprocal(s))
    v1 = _columns(v, 0, m) if v._value.shape[-1] != m else v
    dp = matmul(_H(u), matmul(da, v1))  # U^H dA V1 = U^H dU S + dS - S V^H dV
    ds = matrix_diag_part(dp)
    du = matmul(u, f * (matmul(dp, s_mat) + matmul(s_mat, _H(dp))))
    omega_v = f * (matmul(s_mat, dp) + matmul(_H(dp), s_mat))  # V^H dV off the diagonal
    if x._value.dtype.kind == "c":
        # The gauge of the VJP: U^H dU has a zero diagonal, V^H dV takes -i Im(dP_ii) / s_i.
        omega_v = omega_v - matmul(s_inv, _imaginary_diagonal(dp))
    dv = matmul(v1, omega_v)
    if m != n:
        w = matmul(_H(da), u)  # dA^H U
        dv = dv + matmul(w - matmul(v1, matmul(_H(v1), w)), s_inv)
        if full_matrices:
            v2 = _columns(v, m, n)
            dv = _join_columns(dv, -matmul(v1, matmul(_H(dv), v2)))
    return (ds, dv, du) if flip else (ds, du, dv)


svd = Primitive(
    "svd",
    _svd_impl,
    vjp=_svd_vjp,
    jvp=_svd_jvp,
    multiple_results=True,
    holomorphic=False,  # TF's rule, with adjoints, for complex too
    tf_name="Svd",
    formula="A = U diag(s) V^H: ds = Re diag(U^H dA V), dU, dV with F_ij = 1/(s_j^2 - s_i^2) "
    "(Townsend; complex: diag(U^H dU) = 0 fixes the phase, as TF's rule); undefined for "
    "repeated singular values (TF's safe reciprocal gives 0 there)",
)


# --------------------------------------------------------------------------
# Symmetric eigendecomposition
# --------------------------------------------------------------------------
def _eigh_impl(x):
    check_matrix(x, "SelfAdjointEigV2")
    # TF's eigenvalues have the input's dtype (complex128 for complex128 input).
    e, v = _lapack(lambda a: tuple(np.linalg.eigh(a)), x)
    return e.astype(x.dtype, copy=False), v


def _eigh_vjp(g, ans, x):
    grad_e, grad_v = g
    e, v = ans
    f = _gap_matrix(e, square=False)  # 1 / (e_j - e_i): undefined for repeated eigenvalues
    inner = matrix_diag(grad_e) + f * matmul(_H(v), grad_v)
    grad = matmul(v, matmul(inner, _H(v)))
    # Only the lower triangle is read: fold the Hermitian gradient onto it.
    n = x._value.shape[-1]
    return (scaled_mask(grad + _H(grad), _lower_half_diagonal(n)),)


def _eigh_inner_tangent(t: Tensor, v: Tensor, n: int) -> Tensor:
    """V^H dS V for the Hermitian dS that the lower triangle of the tangent ``t`` stands for."""
    sym = scaled_mask(t, np.tril(np.ones((n, n)))) + _H(
        scaled_mask(t, np.tril(np.ones((n, n)), -1))
    )
    if t._value.dtype.kind == "c":  # the diagonal's imaginary part is not read
        sym = 0.5 * (sym + _H(sym))
    return matmul(_H(v), matmul(sym, v))


def _eigh_jvp(tangents, ans, x):
    e, v = ans
    inner = _eigh_inner_tangent(tangents[0], v, x._value.shape[-1])
    return matrix_diag_part(inner), matmul(v, _gap_matrix(e, square=False) * inner)


eigh = Primitive(
    "eigh",
    _eigh_impl,
    vjp=_eigh_vjp,
    jvp=_eigh_jvp,
    multiple_results=True,
    tf_name="SelfAdjointEigV2",
    formula="S = V diag(e) V^T (lower triangle read): de = diag(V^T dS V), dV = V (F * V^T dS V), "
    "F_ij = 1/(e_j - e_i); undefined for repeated eigenvalues (safe reciprocal gives 0)",
)


def _eigvalsh_vjp(g, ans, x):
    # TF's rule for the eigenvalues alone (SelfAdjointEigV2 with compute_v=False): V diag(g)
    # V^H from a fresh eigh, with no 1/(e_j - e_i) term, which is NaN where a gap overflows.
    v = eigh(x)[1]
    grad = matmul(v, matmul(matrix_diag(g), _H(v)))
    n = x._value.shape[-1]
    return (scaled_mask(grad + _H(grad), _lower_half_diagonal(n)),)


def _eigvalsh_jvp(tangents, ans, x):
    v = eigh(x)[1]
    return matrix_diag_part(_eigh_inner_tangent(tangents[0], v, x._value.shape[-1]))


eigvalsh = Primitive(
    "eigvalsh",
    lambda x: _eigh_impl(x)[0],
    vjp=_eigvalsh_vjp,
    jvp=_eigvalsh_jvp,
    holomorphic=False,
    tf_name="SelfAdjointEigV2",
    formula="eigenvalues of S (lower triangle read): de = diag(V^T dS V); VJP V diag(g) V^T "
    "folded onto the lower triangle, V from a fresh eigh (TF's compute_v=False rule)",
)


# --------------------------------------------------------------------------
# Matrix exponential
# --------------------------------------------------------------------------
_PADE = {
    3: (120.0, 60.0, 12.0),
    5: (30240.0, 15120.0, 3360.0, 420.0, 30.0),
    7: (17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0),
    9: (17643225600.0, 8821612800.0, 2075673600.0, 302702400.0, 30270240.0, 2162160.0,
        110880.0, 3960.0, 90.0),
    13: (64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
         129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
         40840800.0, 960960.0, 16380.0, 182.0),
}  # fmt: skip


def _pade(a, order: int):
    """U and V of the [order/order] Pade approximant (exp(A) ~ (V - U)^-1 (V + U))."""
    b = _PADE[order] + (1.0,)  # the highest power's coefficient is 1
    ident = np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape)
    a2 = a @ a
    if order == 13:
        a4 = a2 @ a2
        a6 = a4 @ a2
        u = a6 @ (a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * ident
        v = a6 @ (b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2
        return a @ u, v + b[0] * ident
    powers = [ident, a2]
    while len(powers) < (order + 1) // 2:
        powers.append(powers[-1] @ a2)
    u = sum(b[2 * i + 1] * p for i, p in enumerate(powers))
    v = sum(b[2 * i] * p for i, p in enumerate(powers))
    return a @ u, v


def _expm_impl(x):
    """TensorFlow's algorithm (Higham 2005 scaling and squaring), in NumPy."""
    n = x.shape[-1]
    if n == 0:
        return x
    dtype = x.dtype
    work = x.astype(np.float32) if dtype == np.float16 else x
    a = work.reshape((-1, n, n))
    with np.errstate(all="ignore"):
        norm = np.abs(a).sum(axis=-2).max(axis=-1)
        if dtype in (np.float16, np.float32, np.complex64):
            maxnorm, bounds, orders = 3.925724783138660, (0.4258730016922831, 1.880152677804762), (3, 5, 7)  # fmt: skip
        else:
            maxnorm = 5.371920351148152
            bounds = (1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1,
                      2.097847961257068)  # fmt: skip
            orders = (3, 5, 7, 9, 13)
        squarings = np.maximum(np.floor(np.log(norm / maxnorm) / np.log(2.0)), 0)
        if not np.all(np.isfinite(norm)):
            return np.full(x.shape, np.nan, dtype=dtype)
        case = np.searchsorted(np.asarray(bounds), norm, side="right")
        u = np.zeros_like(a)
        v = np.zeros_like(a)
        for index, order in enumerate(orders):
            chosen = case == index
            if not chosen.any():
                continue
            block = a[chosen]
            if index == len(orders) - 1:
                block = block / (2.0 ** squarings[chosen])[:, None, None].astype(a.dtype)
            u[chosen], v[chosen] = _pade(block, order)
        result = np.linalg.solve(v - u, v + u)
        squarings = squarings.astype(np.int64)
        for step in range(int(squarings.max(initial=0))):
            more = squarings > step
            result[more] = result[more] @ result[more]
    return result.reshape(x.shape).astype(dtype)


def _expm_vjp(g, ans, x):
    n = x._value.shape[-1]
    xt = _T(x)
    big = expm(_block(xt, g, xt, n))
    return (getitem(big, index=(Ellipsis, slice(0, n), slice(n, None))),)


def _expm_jvp(tangents, ans, x):
    n = x._value.shape[-1]
    big = expm(_block(x, tangents[0], x, n))
    return getitem(big, index=(Ellipsis, slice(0, n), slice(n, None)))


expm = Primitive(
    "expm",
    _expm_impl,
    vjp=_expm_vjp,
    jvp=_expm_jvp,
    kinds="fc",
    tf_name="MatrixExponential",
    formula="d expm(A)[E] = expm([[A, E], [0, A]])[:n, n:]; VJP: the same with A^T and g",
)
