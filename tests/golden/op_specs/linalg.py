"""Golden cases for tf.linalg: products, einsum, diagonals, solves, decompositions.

Inputs that must be well conditioned are made so inside the function: symmetric
positive definite matrices as X X^T + 3 I, invertible ones as X + 4 I (X in
[-1, 1)). Singular vectors and eigenvectors have arbitrary signs, so those
cases look at sign-invariant functions: squares of the vectors, and products
like U diag(h(s)) V^T where a column's sign flips in U and V together.
Derivatives at repeated eigenvalues or singular values are undefined (TF's
safe reciprocal gives 0 there); the cases keep them distinct.
"""

from tests.golden.opcases import Arg, OpCase

SMALL = {"low": -1.0, "high": 1.0}
EYE3 = "tf.eye(3, dtype=tf.float64)"
SPD3 = f"tf.matmul(x, x, transpose_b=True) + 3.0 * {EYE3}"


def M(*shape, **kw):
    return Arg(shape=shape, **kw)


def S(*shape):
    return Arg(shape=shape, **SMALL)


CASES = [
    # -- products -----------------------------------------------------------
    OpCase("matmul_batched", "lambda a, b: tf.linalg.matmul(a, b)", [M(2, 2, 3), M(2, 3, 2)]),
    OpCase("matmul_broadcast_batch", "lambda a, b: tf.matmul(a, b)", [M(2, 1, 2, 3), M(3, 3, 2)]),
    OpCase(
        "matmul_transpose_a_adjoint_b",
        "lambda a, b: tf.linalg.matmul(a, b, transpose_a=True, adjoint_b=True)",
        [M(3, 2), M(4, 3)],
    ),
    OpCase("matvec", "lambda a, b: tf.linalg.matvec(a, b)", [M(2, 3), M(3)]),
    OpCase(
        "matvec_batched_transpose",
        "lambda a, b: tf.linalg.matvec(a, b, transpose_a=True)",
        [M(2, 3, 2), M(2, 3)],
    ),
    OpCase("tensordot_int", "lambda a, b: tf.tensordot(a, b, 2)", [M(2, 3, 4), M(3, 4, 2)]),
    OpCase(
        "tensordot_pairs",
        "lambda a, b: tf.linalg.tensordot(a, b, [[0, 2], [2, 0]])",
        [M(2, 3, 4), M(4, 3, 2)],
    ),
    OpCase("tensordot_outer", "lambda a, b: tf.tensordot(a, b, 0)", [M(2), M(3)]),
    # -- einsum -------------------------------------------------------------
    OpCase("einsum_matmul", "lambda a, b: tf.einsum('ij,jk->ik', a, b)", [M(2, 3), M(3, 2)]),
    OpCase(
        "einsum_batch", "lambda a, b: tf.einsum('bij,bjk->bik', a, b)", [M(2, 2, 3), M(2, 3, 2)]
    ),
    OpCase(
        "einsum_ellipsis_broadcast",
        "lambda a, b: tf.linalg.einsum('...ij,...jk->...ik', a, b)",
        [M(1, 2, 3), M(2, 3, 2)],
    ),
    OpCase(
        "einsum_ellipsis_rank_broadcast",
        "lambda a, b: tf.einsum('...i,...i->...', a, b)",
        [M(3), M(2, 3)],
    ),
    OpCase(
        "einsum_ellipsis_middle",
        "lambda a, b: tf.einsum('i...j,j->...i', a, b)",
        [M(2, 3, 4), M(4)],
    ),
    OpCase("einsum_diagonal", "lambda x: tf.einsum('ii->i', x)", [M(3, 3)]),
    OpCase("einsum_trace", "lambda x: tf.einsum('ii', x)", [M(3, 3)]),
    OpCase("einsum_diagonal_3", "lambda x: tf.einsum('iij->j', x)", [M(2, 2, 3)]),
    OpCase("einsum_sum_all", "lambda x: tf.einsum('ij->', x)", [M(2, 3)]),
    OpCase("einsum_transpose_implicit", "lambda x: tf.einsum('ba', x)", [M(2, 3)]),
    OpCase("einsum_dot", "lambda a, b: tf.einsum('i,i->', a, b)", [M(4), M(4)]),
    OpCase("einsum_outer", "lambda a, b: tf.einsum('i,j->ij', a, b)", [M(2), M(3)]),
    OpCase(
        "einsum_implicit_matmul",
        "lambda a, b: tf.einsum('ij,jk', a, b)",
        [M(2, 3), M(3, 2)],
    ),
    OpCase(
        "einsum_three_operands",
        "lambda a, b, c: tf.einsum('ij,jk,kl->il', a, b, c)",
        [M(2, 3), M(3, 3), M(3, 2)],
    ),
    OpCase(
        "einsum_same_operand_twice",
        "lambda a: tf.einsum('ij,ij->i', a, a)",
        [M(2, 3)],
    ),
    OpCase(
        "einsum_int32",
        "lambda a, b: tf.einsum('ij,j->i', a, b)",
        [M(2, 3, dtype="int32", low=-3, high=3), M(3, dtype="int32", low=-3, high=3)],
    ),
    OpCase("cross", "lambda a, b: tf.linalg.cross(a, b)", [M(2, 3), M(2, 3)]),
    # -- diagonals, bands, transposes --------------------------------------
    OpCase("diag", "lambda d: tf.linalg.diag(d)", [M(3)]),
    OpCase("diag_k_batched", "lambda d: tf.linalg.diag(d, k=1)", [M(2, 2)]),
    OpCase(
        "diag_rows_cols_padding",
        "lambda d: tf.linalg.diag(d, num_rows=2, num_cols=4, padding_value=7.0)",
        [M(2)],
    ),
    OpCase("diag_part", "lambda x: tf.linalg.diag_part(x)", [M(2, 3, 4)]),
    OpCase("diag_part_k", "lambda x: tf.linalg.diag_part(x, k=-1)", [M(3, 4)]),
    OpCase("set_diag", "lambda x, d: tf.linalg.set_diag(x, d)", [M(2, 3, 3), M(2, 3)]),
    OpCase("set_diag_k", "lambda x, d: tf.linalg.set_diag(x, d, k=1)", [M(3, 4), M(3)]),
    OpCase("band_part_lower", "lambda x: tf.linalg.band_part(x, -1, 0)", [M(3, 4)]),
    OpCase("band_part_band", "lambda x: tf.linalg.band_part(x, 1, 2)", [M(2, 4, 4)]),
    OpCase("trace", "lambda x: tf.linalg.trace(x)", [M(2, 3, 3)]),
    OpCase("trace_rectangular", "lambda x: tf.linalg.trace(x)", [M(2, 3)]),
    OpCase("matrix_transpose", "lambda x: tf.linalg.matrix_transpose(x)", [M(2, 3, 4)]),
    OpCase("adjoint_real", "lambda x: tf.linalg.adjoint(x)", [M(3, 2)]),
    # -- inverses, determinants, solves ------------------------------------
    OpCase("inv", f"lambda x: tf.linalg.inv(x + 4.0 * {EYE3})", [S(3, 3)]),
    OpCase(
        "inv_batched_adjoint",
        f"lambda x: tf.linalg.inv(x + 4.0 * {EYE3}, adjoint=True)",
        [S(2, 3, 3)],
    ),  # fmt: skip
    OpCase("det", "lambda x: tf.linalg.det(x)", [M(3, 3)]),
    OpCase("det_batched", "lambda x: tf.linalg.det(x)", [M(2, 2, 2)]),
    OpCase(
        "slogdet",
        "lambda x: tf.linalg.slogdet(x)",
        [M(3, 3)],
        note="the sign output has no gradient and no tangent (None), as in TF",
    ),
    OpCase("slogdet_batched_logabs", "lambda x: tf.linalg.slogdet(x)[1]", [M(2, 3, 3)]),
    OpCase("logdet", f"lambda x: tf.linalg.logdet({SPD3})", [M(3, 3)]),
    OpCase("solve", f"lambda a, b: tf.linalg.solve(a + 4.0 * {EYE3}, b)", [S(3, 3), M(3, 2)]),
    OpCase(
        "solve_adjoint_batched",
        f"lambda a, b: tf.linalg.solve(a + 4.0 * {EYE3}, b, adjoint=True)",
        [S(2, 3, 3), M(2, 3, 1)],
    ),
    OpCase(
        "triangular_solve_lower",
        f"lambda a, b: tf.linalg.triangular_solve(a + 3.0 * {EYE3}, b)",
        [S(3, 3), M(3, 2)],
    ),
    OpCase(
        "triangular_solve_upper_adjoint",
        f"lambda a, b: tf.linalg.triangular_solve(a + 3.0 * {EYE3}, b, lower=False, adjoint=True)",
        [S(3, 3), M(3, 2)],
    ),
    OpCase(
        "triangular_solve_broadcast",
        f"lambda a, b: tf.linalg.triangular_solve(a + 3.0 * {EYE3}, b)",
        [S(2, 3, 3), M(3, 1)],
    ),
    OpCase("cholesky", f"lambda x: tf.linalg.cholesky({SPD3})", [M(3, 3)]),
    OpCase("cholesky_batched", f"lambda x: tf.linalg.cholesky({SPD3})", [M(2, 3, 3)]),
    OpCase(
        "cholesky_solve",
        f"lambda x, b: tf.linalg.cholesky_solve(tf.linalg.cholesky({SPD3}), b)",
        [M(3, 3), M(3, 2)],
    ),
    OpCase("lstsq_tall", "lambda a, b: tf.linalg.lstsq(a, b)", [M(4, 3), M(4, 2)]),
    OpCase("lstsq_wide", "lambda a, b: tf.linalg.lstsq(a, b)", [M(2, 3), M(2, 1)]),
    OpCase(
        "lstsq_l2",
        "lambda a, b: tf.linalg.lstsq(a, b, l2_regularizer=0.5)",
        [M(2, 4, 3), M(2, 4, 1)],
    ),
    OpCase(
        "lstsq_exact_value",
        "lambda a, b: tf.linalg.lstsq(a, b, fast=False)",
        [M(4, 3, differentiable=False), M(4, 1, differentiable=False)],
        note="fast=False: values only; TF defines no gradient (raises ValueError)",
    ),
    OpCase(
        "lu_solve",
        "lambda lu, p, b: tf.linalg.lu_solve(lu, p, b)",
        [
            Arg(value=[[3.0, 4.0], [1.0 / 3.0, 2.0 / 3.0]]),
            Arg(value=[1, 0], dtype="int32", differentiable=False),
            M(2, 2),
        ],
        note="lu and perm as tf.linalg.lu([[1, 2], [3, 4]]) gives them",
    ),
    # -- decompositions ----------------------------------------------------
    OpCase("qr_tall", "lambda x: tf.linalg.qr(x)", [M(4, 3)]),
    OpCase("qr_square_batched", "lambda x: tf.linalg.qr(x)", [M(2, 3, 3)]),
    OpCase("qr_wide", "lambda x: tf.linalg.qr(x)", [M(3, 4)]),
    OpCase("qr_wide_full", "lambda x: tf.linalg.qr(x, full_matrices=True)", [M(2, 3)]),
    OpCase("svd_values", "lambda x: tf.linalg.svd(x, compute_uv=False)", [M(3, 4)]),
    OpCase(
        "svd_tall_invariants",
        "lambda x: (lambda s, u, v: [s, tf.square(u), tf.square(v), "
        "tf.matmul(u * tf.sin(s)[..., None, :], v, transpose_b=True)])(*tf.linalg.svd(x))",
        [M(4, 3)],
        note="singular vectors compared through sign-invariant functions; the derivative is "
        "undefined at repeated singular values (these are distinct)",
    ),
    OpCase(
        "svd_wide_batched_invariants",
        "lambda x: (lambda s, u, v: [s, tf.square(u), tf.square(v), "
        "tf.matmul(u * tf.exp(s)[..., None, :], v, transpose_b=True)])(*tf.linalg.svd(x))",
        [M(2, 2, 3)],
    ),
    OpCase(
        "svd_square_invariants",
        "lambda x: (lambda s, u, v: [tf.square(u), tf.square(v)])(*tf.linalg.svd(x))",
        [M(3, 3)],
    ),
    OpCase(
        "svd_full_matrices",
        "lambda x: (lambda s, u, v: [s, tf.square(u), tf.square(v)])"
        "(*tf.linalg.svd(x, full_matrices=True))",
        [M(2, 3)],
        note="full V of a 2x3 matrix: its extra column is fixed up to sign (|m - n| = 1)",
    ),
    OpCase(
        "eigh_invariants",
        "lambda x: (lambda e, v: [e, tf.square(v), "
        "tf.matmul(v * tf.sin(e)[..., None, :], v, transpose_b=True)])(*tf.linalg.eigh(x))",
        [M(3, 3)],
        note="x is not symmetric: eigh reads its lower triangle, so the gradient is lower "
        "triangular; eigenvectors compared through sign-invariant functions; the derivative "
        "is undefined at repeated eigenvalues (these are distinct)",
    ),
    OpCase(
        "eigh_batched_symmetric",
        "lambda x: (lambda e, v: [e, tf.square(v)])(*tf.linalg.eigh(x + tf.linalg.adjoint(x)))",
        [M(2, 3, 3)],
    ),
    OpCase("eigvalsh", "lambda x: tf.linalg.eigvalsh(x)", [M(3, 3)]),
    OpCase("pinv", "lambda x: tf.linalg.pinv(x)", [M(4, 3)]),
    OpCase("pinv_wide_batched", "lambda x: tf.linalg.pinv(x)", [M(2, 2, 3)]),
    OpCase("expm_small", "lambda x: tf.linalg.expm(0.1 * x)", [M(3, 3)]),
    OpCase("expm", "lambda x: tf.linalg.expm(x)", [M(3, 3)]),
    OpCase("expm_squaring", "lambda x: tf.linalg.expm(3.0 * x)", [M(3, 3)]),
    OpCase(
        "expm_batched_mixed",
        "lambda x: tf.linalg.expm(x * tf.constant([0.01, 4.0], tf.float64)[:, None, None])",
        [M(2, 2, 2)],
        note="two matrices of different norms: different Pade orders and squarings",
    ),
    OpCase(
        "expm_float32",
        "lambda x: tf.linalg.expm(x)",
        [M(2, 2, dtype="float32")],
        rtol=1e-4,
        atol=1e-5,
        check_grads=False,
        note="float32 values; central differences need float64",
    ),
]
