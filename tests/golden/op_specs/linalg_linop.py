"""Golden cases for tf.linalg's LinearOperator family: every method's value per
class (with first-order gradients w.r.t. the defining tensors), and matmul,
solve and log_abs_determinant to second order with JVPs.

Each case builds the operator from its defining tensors inside the function, so
gradients flow to them. ``methods(ctor, ...)`` lists the methods a class offers
(eigvals only where the operator is self-adjoint, cholesky where it is also
positive definite, as TF requires)."""

from tests.golden.opcases import Arg, OpCase

SQUARE = Arg(value=[[2.0, 0.5, -0.3], [0.4, 3.0, 0.2], [-0.1, 0.6, 1.5]])
SPD = Arg(value=[[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
BATCH_SQUARE = Arg(value=[[[2.0, 0.5], [0.4, 3.0]], [[1.5, -0.2], [0.3, 2.5]]])
DIAG = Arg(value=[1.5, -2.0, 3.0])
POSITIVE_DIAG = Arg(value=[1.5, 2.0, 3.0])
RHS = Arg(shape=(3, 2))
RHS_T = Arg(shape=(2, 3))
VEC = Arg(shape=(3,))


def methods(
    ctor: str, self_adjoint: bool = False, cholesky: bool = False, product: bool = True
) -> str:
    """Source of a function of (params..., x, xt, v) returning every method's value."""
    values = [
        "op.to_dense()",
        "op.matmul(x)",
        "op.matmul(x, adjoint=True)",
        "op.matmul(xt, adjoint_arg=True)",
        "op.matvec(v)",
        "op.matvec(v, adjoint=True)",
        "op.solve(x)",
        "op.solve(xt, adjoint=True, adjoint_arg=True)",
        "op.solvevec(v)",
        "op.solvevec(v, adjoint=True)",
        "op.determinant()",
        "op.log_abs_determinant()",
        "op.diag_part()",
        "op.trace()",
        "op.add_to_tensor(x[:, :1] * tf.ones_like(op.to_dense()))",
        "op.inverse().to_dense()",
        "op.adjoint().to_dense()",
        "op.H.matvec(v)",
        "op.cond()",
    ]
    if product:
        values.append("tf.math.real((op @ op).to_dense())")
    if self_adjoint:
        values.append("op.eigvals()")
    if cholesky:
        values.append("op.cholesky().to_dense()")
    return f"lambda *a: (lambda op, x, xt, v: [{', '.join(values)}])({ctor}, *a[-3:])"


def core(ctor: str) -> str:
    """Source of matmul, solve and log_abs_determinant (the second-order cases)."""
    return (f"lambda *a: (lambda op, x: [op.matmul(x), op.solve(x), op.log_abs_determinant()])"
            f"({ctor}, a[-1])")  # fmt: skip


FULL = "tf.linalg.LinearOperatorFullMatrix(a[0])"
# Symmetrised inside, so finite differences see the one-triangle reads of cholesky.
FULL_SPD = (
    "tf.linalg.LinearOperatorFullMatrix(0.5 * (a[0] + tf.linalg.matrix_transpose(a[0])), "
    "is_self_adjoint=True, is_positive_definite=True)"
)
TRIL = "tf.linalg.LinearOperatorLowerTriangular(a[0])"
DIAG_OP = "tf.linalg.LinearOperatorDiag(a[0])"
DIAG_PD = "tf.linalg.LinearOperatorDiag(a[0], is_positive_definite=True)"
SCALED = "tf.linalg.LinearOperatorScaledIdentity(3, a[0])"
SCALED_PD = "tf.linalg.LinearOperatorScaledIdentity(3, a[0], is_positive_definite=True)"
IDENTITY = "tf.linalg.LinearOperatorIdentity(3, dtype=tf.float64)"
SVD_NOTE = "cond and default eigvals go through svd/eigvalsh: first order only"

CASES = [
    OpCase("full_matrix_methods", methods(FULL), [SQUARE, RHS, RHS_T, VEC],
           second_order=False, forward=False, note=SVD_NOTE),
    OpCase("full_matrix_spd_methods", methods(FULL_SPD, True, True), [SPD, RHS, RHS_T, VEC],
           second_order=False, forward=False, note=SVD_NOTE),
    OpCase("full_matrix_core", core(FULL), [SQUARE, RHS]),
    OpCase("full_matrix_spd_core", core(FULL_SPD), [SPD, RHS]),
    OpCase("full_matrix_batch_core", core(FULL), [BATCH_SQUARE, Arg(shape=(2, 2, 3))]),
    OpCase("full_matrix_broadcast_rhs", core(FULL), [BATCH_SQUARE, Arg(shape=(2, 1))]),
    OpCase("full_matrix_rectangular", "lambda m, x: [tf.linalg.LinearOperatorFullMatrix(m)"
           ".matmul(x), tf.linalg.LinearOperatorFullMatrix(m).matvec(x[:, 0], adjoint=False), "
           "tf.linalg.LinearOperatorFullMatrix(m).H.to_dense()]",
           [Arg(shape=(2, 3)), Arg(shape=(3, 2))]),
    OpCase("lower_triangular_methods", methods(TRIL), [SQUARE, RHS, RHS_T, VEC],
           second_order=False, forward=False, note=SVD_NOTE),
    OpCase("lower_triangular_core", core(TRIL), [SQUARE, RHS]),
    OpCase("diag_methods", methods(DIAG_OP, True), [DIAG, RHS, RHS_T, VEC]),
    OpCase("diag_pd_methods", methods(DIAG_PD, True, True), [POSITIVE_DIAG, RHS, RHS_T, VEC]),
    OpCase("diag_core", core(DIAG_OP), [DIAG, RHS]),
    OpCase("diag_batch_core", core(DIAG_OP), [Arg(value=[[1.0, 2.0, -1.0], [0.5, 3.0, 2.0]]),
                                             Arg(shape=(2, 3, 2))]),
    OpCase("scaled_identity_methods", methods(SCALED, True), [Arg(value=-1.5), RHS, RHS_T, VEC]),
    OpCase("scaled_identity_pd_methods", methods(SCALED_PD, True, True),
           [Arg(value=2.5), RHS, RHS_T, VEC]),
    OpCase("scaled_identity_core", core(SCALED), [Arg(value=1.7), RHS]),
    OpCase("scaled_identity_batch", core("tf.linalg.LinearOperatorScaledIdentity(3, a[0])"),
           [Arg(value=[1.5, -0.5]), Arg(shape=(2, 3, 2))]),
    OpCase("identity_methods", methods(IDENTITY, True, True), [RHS, RHS_T, VEC]),
    OpCase("identity_batch", "lambda x: [tf.linalg.LinearOperatorIdentity(3, batch_shape=[2], "
           "dtype=tf.float64).matmul(x), tf.linalg.LinearOperatorIdentity(3, batch_shape=[2], "
           "dtype=tf.float64).solve(x)]", [RHS]),
    OpCase("zeros_values", "lambda x: [tf.linalg.LinearOperatorZeros(3, dtype=tf.float64)"
           ".matmul(x), tf.linalg.LinearOperatorZeros(2, 3, is_square=False, "
           "is_self_adjoint=False, dtype=tf.float64).matmul(x), "
           "tf.linalg.LinearOperatorZeros(3, batch_shape=[2], dtype=tf.float64).add_to_tensor("
           "x[:, :1] * tf.ones((3, 3), tf.float64)), tf.linalg.LinearOperatorZeros(3, "
           "dtype=tf.float64).to_dense(), tf.linalg.LinearOperatorZeros(3, dtype=tf.float64)"
           ".determinant(), tf.linalg.LinearOperatorZeros(3, dtype=tf.float64).trace(), "
           "tf.linalg.LinearOperatorZeros(3, dtype=tf.float64).diag_part(), "
           "tf.linalg.LinearOperatorZeros(3, dtype=tf.float64).eigvals()]", [RHS]),
    OpCase("diag_times_full", "lambda d, m, x: [(tf.linalg.LinearOperatorDiag(d) @ "
           "tf.linalg.LinearOperatorFullMatrix(m)).matmul(x), (tf.linalg.LinearOperatorDiag(d) "
           "@ tf.linalg.LinearOperatorFullMatrix(m)).solve(x), (tf.linalg.LinearOperatorDiag(d) "
           "@ tf.linalg.LinearOperatorFullMatrix(m)).log_abs_determinant()]",
           [DIAG, SQUARE, RHS]),
    OpCase("diag_times_lower", "lambda d, m: [(tf.linalg.LinearOperatorDiag(d) @ "
           "tf.linalg.LinearOperatorLowerTriangular(m)).to_dense(), "
           "(tf.linalg.LinearOperatorLowerTriangular(m) @ tf.linalg.LinearOperatorDiag(d))"
           ".to_dense(), tf.linalg.LinearOperatorDiag(d).solve("
           "tf.linalg.LinearOperatorLowerTriangular(m)).to_dense()]", [DIAG, SQUARE]),
    OpCase("complex_full_matrix", "lambda re, im, x: (lambda op, y: [tf.math.real(op.matmul(y, "
           "adjoint=True)), tf.math.imag(op.matvec(y[:, 0], adjoint=True)), "
           "tf.math.real(op.to_dense())])("
           "tf.linalg.LinearOperatorFullMatrix(tf.complex(re, im)), tf.complex(x, x))",
           [SQUARE, Arg(value=[[0.1, 0.2, 0.0], [-0.3, 0.0, 0.4], [0.2, 0.1, -0.2]]), RHS],
           second_order=False, forward=False, check_grads=False,
           note="complex: values and first-order gradients only (no complex solve gradient yet)"),
]  # fmt: skip
