"""Golden cases for tf.linalg's LinearOperator family: every method's value per
class (with first-order gradients w.r.t. the defining tensors), and matmul,
solve and log_abs_determinant to second order with JVPs. Complex operators (the
``complex_*`` cases) run every method to second order with JVPs.

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
    ctor: str,
    self_adjoint: bool = False,
    cholesky: bool = False,
    product: bool = True,
    without: tuple = (),
) -> str:
    """Source of a function of (params..., x, xt, v) returning every method's value (less
    the calls listed in ``without``)."""
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
    values = [v for v in values if v not in without]
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
# The methods cases compare with TF to second order; check_grads stops at the first there
# (the core cases check the second: these are many outputs, and eigvals have repeated values).
METHODS_NOTE = "check_grads to first order (the core cases check the second)"

# Complex operators: a[0] + i a[1] defines the operator, every right-hand side comes as two
# real parts too, and complex results are compared as their parts (the golden files hold
# real numbers).
IMAG3 = Arg(value=[[0.1, 0.2, 0.0], [-0.3, 0.0, 0.4], [0.2, 0.1, -0.2]])
CFULL = "tf.linalg.LinearOperatorFullMatrix(tf.complex(a[0], a[1]))"
# Hermitian by construction (so finite differences see cholesky's one-triangle reads).
CFULL_PD = (
    "tf.linalg.LinearOperatorFullMatrix((lambda z: 0.5 * (z + tf.linalg.adjoint(z)))("
    "tf.complex(a[0], a[1])), is_self_adjoint=True, is_positive_definite=True)"
)
CTRIL = "tf.linalg.LinearOperatorLowerTriangular(tf.complex(a[0], a[1]))"
CDIAG = "tf.linalg.LinearOperatorDiag(tf.complex(a[0], a[1]))"
CSCALED = "tf.linalg.LinearOperatorScaledIdentity(3, tf.complex(a[0], a[1]))"


CDIAG_IM = Arg(value=[0.3, -0.5, 0.2])
CRHS = [RHS, RHS, RHS_T, RHS_T, VEC, VEC]  # x, xt and v, each as two parts
DET = ("op.determinant()",)
CDET = "lambda *a: (lambda d: [tf.math.real(d), tf.math.imag(d)])({}.determinant())"
COMPLEX_DET_NOTE = (
    "determinant and log_abs_determinant follow TF's complex det/slogdet gradients (TF's "
    "convention, not the true derivative: linalg_complex.py): compared with TF only"
)
PROD_NOTE = (
    "a product of the diagonal: TF's second derivative of a complex reduce_prod goes through "
    "cumprod's gradient, which leaves out the conjugate (docs/deviations.md); tapeflow's is the "
    "true one (check_grads)"
)


def complex_args(source: str, count: int) -> str:
    """``source`` (a function of *a) with its last ``count`` arguments each made of two parts."""
    pairs = ", ".join(f"tf.complex(a[-{2 * k}], a[-{2 * k - 1}])" for k in range(count, 0, -1))
    return f"lambda *a: ({source})(*a[:-{2 * count}], {pairs})"


def parts(source: str, count: int = 3) -> str:
    """``source`` on complex right-hand sides, its complex results split into real and
    imaginary parts."""
    return (
        f"lambda *a: [p for y in ({complex_args(source, count)})(*a) for p in "
        "([tf.math.real(y), tf.math.imag(y)] if y.dtype.is_complex else [y])]"
    )


def complex_core(ctor: str) -> str:
    """matmul, solve, adjoint solve and log_abs_determinant of a complex operator."""
    return (
        f"lambda *a: (lambda op, x: [op.matmul(x), op.solve(x), op.solve(x, adjoint=True), "
        f"tf.math.real(op.log_abs_determinant())])({ctor}, a[-1])"
    )


CASES = [
    OpCase("full_matrix_methods", methods(FULL), [SQUARE, RHS, RHS_T, VEC],
           check_order=1, note=METHODS_NOTE),
    OpCase("full_matrix_spd_methods", methods(FULL_SPD, True, True), [SPD, RHS, RHS_T, VEC],
           check_order=1, note=METHODS_NOTE),
    OpCase("full_matrix_core", core(FULL), [SQUARE, RHS]),
    OpCase("full_matrix_spd_core", core(FULL_SPD), [SPD, RHS]),
    OpCase("full_matrix_batch_core", core(FULL), [BATCH_SQUARE, Arg(shape=(2, 2, 3))]),
    OpCase("full_matrix_broadcast_rhs", core(FULL), [BATCH_SQUARE, Arg(shape=(2, 1))]),
    OpCase("full_matrix_rectangular", "lambda m, x: [tf.linalg.LinearOperatorFullMatrix(m)"
           ".matmul(x), tf.linalg.LinearOperatorFullMatrix(m).matvec(x[:, 0], adjoint=False), "
           "tf.linalg.LinearOperatorFullMatrix(m).H.to_dense()]",
           [Arg(shape=(2, 3)), Arg(shape=(3, 2))]),
    OpCase("lower_triangular_methods", methods(TRIL), [SQUARE, RHS, RHS_T, VEC],
           check_order=1, note=METHODS_NOTE),
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
           [SQUARE, IMAG3, RHS]),
    OpCase("complex_full_matrix_methods", parts(methods(CFULL)), [SQUARE, IMAG3, *CRHS],
           check_grads=False, note=COMPLEX_DET_NOTE),
    OpCase("complex_full_matrix_hermitian_methods", parts(methods(CFULL_PD, True, True)),
           [SPD, IMAG3, *CRHS]),
    OpCase("complex_lower_triangular_methods", parts(methods(CTRIL, without=DET)),
           [SQUARE, IMAG3, *CRHS]),
    OpCase("complex_lower_triangular_determinant", CDET.format(CTRIL), [SQUARE, IMAG3],
           skip=("grad2",), note=PROD_NOTE),
    OpCase("complex_diag_methods", parts(methods(CDIAG, without=DET)), [DIAG, CDIAG_IM, *CRHS]),
    OpCase("complex_diag_determinant", CDET.format(CDIAG), [DIAG, CDIAG_IM],
           skip=("grad2",), note=PROD_NOTE),
    OpCase("complex_scaled_identity_methods", parts(methods(CSCALED)),
           [Arg(value=-1.5), Arg(value=0.4), *CRHS]),
    OpCase("complex_full_matrix_batch_core", parts(complex_core(CFULL), 1),
           [BATCH_SQUARE, Arg(value=[[[0.1, -0.2], [0.3, 0.0]], [[0.2, 0.1], [-0.1, 0.3]]]),
            Arg(shape=(2, 2, 3)), Arg(shape=(2, 2, 3))]),
]  # fmt: skip
