"""Golden cases for the tf.linalg names of issue 12: LU and its reconstruction and
inverse, tridiagonal products and solves, eigh_tridiagonal, tensor diagonals and
normalize."""

from tests.golden.opcases import Arg, OpCase

SQUARE = Arg(value=[[1.0, 2.0, 0.5], [3.0, 4.0, 5.0], [6.0, 7.0, 9.0]], differentiable=False)
BATCH = Arg(value=[[[2.0, 1.0], [1.0, 3.0]], [[0.5, 4.0], [2.0, 1.0]]], differentiable=False)
SQUARE_D = Arg(value=[[1.0, 2.0, 0.5], [3.0, 4.0, 5.0], [6.0, 7.0, 9.0]])
NO_LU_GRAD = (
    "TF registers no gradient for Lu (LookupError): values compared with TF, "
    "tapeflow's gradients checked by check_grads in the _grads cases"
)
ALL = ("value", "grad", "grad2", "jvp")


CASES = [
    OpCase("lu", "lambda a: tf.linalg.lu(a)[0]", [SQUARE], note=NO_LU_GRAD),
    OpCase("lu_grads", "lambda a: tf.linalg.lu(a)[0]", [SQUARE_D], skip=ALL, note=NO_LU_GRAD),
    OpCase(
        "lu_reconstruct_grads",
        "lambda a: tf.linalg.lu_reconstruct(*tf.linalg.lu(a))",
        [SQUARE_D],
        skip=ALL,
        note=NO_LU_GRAD,
    ),  # fmt: skip
    OpCase(
        "lu_reconstruct_of_factor",
        "lambda f: tf.linalg.lu_reconstruct(f, [2, 0, 1])",
        [Arg(value=[[6.0, 7.0, 9.0], [0.2, 0.8, -1.5], [0.5, 0.6, 1.4]])],
    ),  # fmt: skip
    OpCase(
        "lu_matrix_inverse_of_factor",
        "lambda f: tf.linalg.lu_matrix_inverse(f, [2, 0, 1])",
        [Arg(value=[[6.0, 7.0, 9.0], [0.2, 0.8, -1.5], [0.5, 0.6, 1.4]])],
    ),  # fmt: skip
    OpCase("lu_batch", "lambda a: tf.linalg.lu(a)[0]", [BATCH]),
    OpCase("lu_reconstruct", "lambda a: tf.linalg.lu_reconstruct(*tf.linalg.lu(a))", [SQUARE]),
    OpCase(
        "lu_matrix_inverse", "lambda a: tf.linalg.lu_matrix_inverse(*tf.linalg.lu(a))", [BATCH]
    ),  # fmt: skip
    OpCase(
        "tridiagonal_matmul",
        "lambda d, x: tf.linalg.tridiagonal_matmul(d, x)",
        [Arg(shape=(3, 4)), Arg(shape=(4, 2))],
    ),  # fmt: skip
    OpCase(
        "tridiagonal_solve",
        "lambda d, x: tf.linalg.tridiagonal_solve(d, x)",
        [
            Arg(value=[[1.0, 0.5, -0.7, 0.0], [4.0, 3.5, 5.0, 4.5], [0.0, 1.0, 0.3, -0.8]]),
            Arg(shape=(4, 2)),
        ],
    ),  # fmt: skip
    OpCase(
        "tridiagonal_solve_sequence",
        "lambda s, m, b, x: tf.linalg.tridiagonal_solve([s, m, b], x, diagonals_format='sequence')",
        [Arg(shape=(2,)), Arg(shape=(3,), low=3.0, high=5.0), Arg(shape=(2,)), Arg(shape=(3, 1))],
    ),  # fmt: skip
    OpCase(
        "eigh_tridiagonal",
        "lambda a, b: tf.linalg.eigh_tridiagonal(a, b)",
        [Arg(value=[1.0, 2.5, 4.0, -1.0]), Arg(value=[0.5, -0.3, 0.8])],
        forward=False,
        skip=("grad", "grad2"),
        note="TF computes the eigenvalues by bisection and its gradient is that of the iteration, not of the eigenvalues; tapeflow's is the derivative, verified by check_grads; no JVP in TF",
    ),  # fmt: skip
    OpCase("tensor_diag", "lambda d: tf.linalg.tensor_diag(d)", [Arg(shape=(2, 2))]),
    OpCase(
        "tensor_diag_part", "lambda x: tf.linalg.tensor_diag_part(x)", [Arg(shape=(2, 3, 2, 3))]
    ),  # fmt: skip
    OpCase("normalize", "lambda x: list(tf.linalg.normalize(x, axis=1))", [Arg(shape=(2, 3))]),
    OpCase(
        "matrix_rank",
        "lambda a: tf.cast(tf.linalg.matrix_rank(a), tf.float64)",
        [Arg(value=[[1.0, 2.0], [2.0, 4.0]], differentiable=False)],
    ),  # fmt: skip
]
