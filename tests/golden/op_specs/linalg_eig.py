"""Golden cases for tf.linalg.eig / eigvals, sqrtm (matrix_square_root), logm and
banded_triangular_solve.

Eigenvectors are compared through phase-free functions of them (|v|, and the
projector-like v_i conj(v_i)): TF's per-column phase comes from Eigen's Schur
form and is not reproduced (docs/deviations.md)."""

from tests.golden.opcases import Arg, OpCase

GENERAL = Arg(value=[[1.0, 2.0, 0.5], [3.0, 4.0, 5.0], [6.0, 7.0, 9.0]])
COMPLEX_PAIR = Arg(value=[[1.0, 2.0, 3.0], [-2.0, 1.0, 0.5], [0.3, 0.2, 2.0]])
SPD = Arg(value=[[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
POSITIVE = Arg(value=[[3.0, 1.0, 0.0], [-0.5, 2.0, 0.4], [0.2, 0.3, 4.0]])
# The golden files hold real numbers: complex results are compared as their parts.
PARTS = "(lambda z: [tf.math.real(z), tf.math.imag(z)])"
PHASE_FREE = f"lambda a: {PARTS}(tf.linalg.eig(a)[0]) + [tf.abs(tf.linalg.eig(a)[1])]"

CASES = [
    OpCase(
        "eigvals",
        f"lambda a: {PARTS}(tf.linalg.eigvals(a))",
        [GENERAL],
    ),
    OpCase(
        "eigvals_complex_pair",
        f"lambda a: {PARTS}(tf.eigvals(a))",
        [COMPLEX_PAIR],
    ),
    OpCase(
        "eigvals_float32",
        f"lambda a: {PARTS}(tf.linalg.eigvals(a))",
        [Arg(value=[[2.0, 1.0], [0.5, 3.0]], dtype="float32")],
        second_order=False,
        rtol=1e-4,
        atol=1e-4,
    ),
    OpCase("eig_phase_free", PHASE_FREE, [GENERAL]),
    OpCase(
        "eig_phase_free_complex_pair",
        PHASE_FREE,
        [COMPLEX_PAIR],
    ),
    OpCase(
        "eig_batch",
        f"lambda a: {PARTS}(tf.eig(a)[0])",
        [Arg(value=[[[2.0, 1.0], [1.0, 3.0]], [[0.5, 4.0], [-2.0, 1.0]]])],
    ),
    OpCase("sqrtm_spd", "lambda a: tf.linalg.sqrtm(a)", [SPD]),
    OpCase("sqrtm_general", "lambda a: tf.matrix_square_root(a)", [POSITIVE]),
    OpCase(
        "sqrtm_rotation",
        "lambda a: tf.matrix_square_root(a)",
        [Arg(value=[[0.0, 1.0], [-1.0, 0.0]])],
    ),
    OpCase("sqrtm_jordan", "lambda a: tf.linalg.sqrtm(a)", [Arg(value=[[1.0, 1.0], [0.0, 1.0]])]),
    OpCase(
        "sqrtm_batch_float32",
        "lambda a: tf.linalg.sqrtm(a)",
        [Arg(value=[[[2.0, 1.0], [1.0, 3.0]], [[5.0, 0.5], [-1.0, 4.0]]], dtype="float32")],
        rtol=1e-4,
        atol=1e-4,
    ),
    OpCase(
        "sqrtm_negative_eigenvalue",
        "lambda a: tf.linalg.sqrtm(a)",
        [Arg(value=[[-4.0, 1.0], [1.0, 3.0]], differentiable=False)],
    ),
    OpCase(
        "logm",
        f"lambda a: {PARTS}(tf.linalg.logm(a))",
        [Arg(value=[[4.0, 1.0], [1.0, 3.0]], dtype="complex128", differentiable=False)],
    ),
    OpCase(
        "logm_negative_eigenvalue",
        f"lambda a: {PARTS}(tf.linalg.logm(a))",
        [Arg(value=[[-1.0, 0.5], [0.0, 2.0]], dtype="complex128", differentiable=False)],
    ),
    OpCase(
        "logm_jordan_complex64",
        f"lambda a: {PARTS}(tf.linalg.logm(a))",
        [Arg(value=[[2.0, 1.0], [0.0, 2.0]], dtype="complex64", differentiable=False)],
        rtol=1e-5,
        atol=1e-5,
    ),
    OpCase(
        "banded_triangular_solve_lower",
        "lambda a, b: tf.linalg.banded_triangular_solve(a, b)",
        [
            Arg(value=[[2.0, 3.0, 4.0, 2.5], [1.0, 2.0, -1.0, 0.5], [0.3, -0.4, 0.7, 1.0]]),
            Arg(shape=(4, 2)),
        ],
    ),
    OpCase(
        "banded_triangular_solve_upper_adjoint",
        "lambda a, b: tf.linalg.banded_triangular_solve(a, b, lower=False, adjoint=True)",
        [Arg(value=[[1.0, 2.0, -1.0, 0.5], [2.0, 3.0, 4.0, 2.5]]), Arg(shape=(4, 3))],
    ),
    OpCase(
        "banded_triangular_solve_batch",
        "lambda a, b: tf.linalg.banded_triangular_solve(a, b, lower=False)",
        [
            Arg(value=[[[0.5, 1.0, 0.0], [2.0, 3.0, 4.0]], [[1.0, -1.0, 0.0], [3.0, 2.0, 5.0]]]),
            Arg(shape=(2, 3, 1)),
        ],
    ),
]
