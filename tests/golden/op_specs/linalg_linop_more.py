"""Golden cases for the structured and composite LinearOperators (Circulant 1-3D,
Toeplitz, Tridiag, Householder, Permutation, BlockDiag, BlockLowerTriangular,
LowRankUpdate, Kronecker, Adjoint, Inversion, Composition): every method's value
with first-order gradients, and matmul/solve/log_abs_determinant to second order
with JVPs; the ``*_complex_core`` cases do the same for complex operators. Same recipe as
``linalg_linop.py``."""

import numpy as np

from tests.golden.op_specs.linalg_linop import (
    METHODS_NOTE,
    RHS,
    RHS_T,
    VEC,
    complex_core,
    core,
    methods,
    parts,
)
from tests.golden.opcases import Arg, OpCase


def _hermitian_spectrum(kernel: np.ndarray) -> list:
    """The real spectrum of a real kernel with k[i] = k[-i] on every axis."""
    flipped = kernel
    for axis in range(kernel.ndim):
        flipped = np.roll(np.flip(flipped, axis), 1, axis)
    return np.real(np.fft.fftn(kernel + flipped)).tolist()


SPEC1 = Arg(value=_hermitian_spectrum(np.array([3.0, 0.5, 0.2, 0.1])))
SPEC2 = Arg(value=_hermitian_spectrum(np.array([[3.0, 0.4, 0.2], [0.3, 0.1, 0.25]])))
SPEC3 = Arg(
    value=_hermitian_spectrum(np.array([[[3.0, 0.3], [0.2, 0.1]], [[0.4, 0.05], [0.1, 0.2]]]))
)
RHS4, RHS4_T, VEC4 = Arg(shape=(4, 2)), Arg(shape=(2, 4)), Arg(shape=(4,))
RHS6, RHS6_T, VEC6 = Arg(shape=(6, 2)), Arg(shape=(2, 6)), Arg(shape=(6,))
RHS8, RHS8_T, VEC8 = Arg(shape=(8, 2)), Arg(shape=(2, 8)), Arg(shape=(8,))
SQUARE = Arg(value=[[2.0, 0.5, -0.3], [0.4, 3.0, 0.2], [-0.1, 0.6, 1.5]])
SQUARE2 = Arg(value=[[2.0, 0.5], [0.4, 3.0]])
SQUARE2B = Arg(value=[[1.5, -0.2], [0.3, 2.5]])
COMPACT = Arg(value=[[0.5, -0.4, 0.3, 0.0], [3.0, 2.5, 4.0, 2.0], [0.0, 0.6, -0.2, 0.7]])

CIRC = "tf.linalg.LinearOperatorCirculant(a[0], input_output_dtype=tf.float64)"
CIRC_PD = ("tf.linalg.LinearOperatorCirculant(a[0], input_output_dtype=tf.float64, "
           "is_positive_definite=True)")  # fmt: skip
CIRC2 = "tf.linalg.LinearOperatorCirculant2D(a[0], input_output_dtype=tf.float64)"
CIRC3 = "tf.linalg.LinearOperatorCirculant3D(a[0], input_output_dtype=tf.float64)"
TOEP = "tf.linalg.LinearOperatorToeplitz(a[0], a[1])"
TRI = "tf.linalg.LinearOperatorTridiag(a[0])"
TRI_SEQ = ("tf.linalg.LinearOperatorTridiag([a[0][0], a[0][1], a[0][2]], "
           "diagonals_format='sequence')")  # fmt: skip
TRI_MAT = ("tf.linalg.LinearOperatorTridiag(tf.linalg.LinearOperatorTridiag(a[0]).to_dense(), "
           "diagonals_format='matrix')")  # fmt: skip
HOUSE = "tf.linalg.LinearOperatorHouseholder(a[0])"
PERM = "tf.linalg.LinearOperatorPermutation(a[0], dtype=tf.float64)"
BLOCK_DIAG = ("tf.linalg.LinearOperatorBlockDiag([tf.linalg.LinearOperatorFullMatrix(a[0]), "
              "tf.linalg.LinearOperatorDiag(a[1])])")  # fmt: skip
BLOCK_LOWER = ("tf.linalg.LinearOperatorBlockLowerTriangular([[tf.linalg.LinearOperatorFullMatrix("
               "a[0])], [tf.linalg.LinearOperatorFullMatrix(a[1]), "
               "tf.linalg.LinearOperatorDiag(a[2])]])")  # fmt: skip
LRU_PD = ("tf.linalg.LinearOperatorLowRankUpdate(tf.linalg.LinearOperatorDiag(a[0], "
          "is_positive_definite=True), a[1])")  # fmt: skip
LRU = ("tf.linalg.LinearOperatorLowRankUpdate(tf.linalg.LinearOperatorFullMatrix(a[0]), a[1], "
       "diag_update=a[2], v=a[3])")  # fmt: skip
KRON = ("tf.linalg.LinearOperatorKronecker([tf.linalg.LinearOperatorFullMatrix(a[0]), "
        "tf.linalg.LinearOperatorDiag(a[1])])")  # fmt: skip
ADJ = "tf.linalg.LinearOperatorAdjoint(tf.linalg.LinearOperatorFullMatrix(a[0]))"
INV = "tf.linalg.LinearOperatorInversion(tf.linalg.LinearOperatorFullMatrix(a[0]))"
COMP = ("tf.linalg.LinearOperatorComposition([tf.linalg.LinearOperatorFullMatrix(a[0]), "
        "tf.linalg.LinearOperatorLowerTriangular(a[1])])")  # fmt: skip
# TF builds circulant @ circulant with its default complex64 dtype (the spectrum loses
# its float64 input_output_dtype); that product's gradient matches TF's but not finite
# differences, so it is compared with TF only.
PRODUCT_NOTE = "circulant @ circulant is complex64 in TF: compared with TF, no check_grads"
POS3 = Arg(value=[1.5, 2.0, 3.0])
U4 = Arg(value=[[0.5, -0.2], [0.3, 0.4], [-0.1, 0.2], [0.6, 0.1]])
V4 = Arg(value=[[0.2, 0.1], [-0.3, 0.5], [0.4, 0.2], [0.1, -0.3]])
FULL4 = Arg(value=[[3.0, 0.2, -0.1, 0.3], [0.1, 2.5, 0.4, 0.0], [0.2, -0.3, 2.0, 0.5],
                   [0.0, 0.1, 0.3, 3.5]])  # fmt: skip


def _methods_case(name, ctor, params, rhs=(RHS, RHS_T, VEC), **kw):
    return OpCase(f"{name}_methods", methods(ctor, **kw), [*params, *rhs], check_order=1,
                  note=METHODS_NOTE)  # fmt: skip


def _core_case(name, ctor, params, rhs=RHS):
    return OpCase(f"{name}_core", core(ctor), [*params, rhs])


def _c(i: int) -> str:
    """The complex tensor made of arguments i and i + 1 (real and imaginary parts)."""
    return f"tf.complex(a[{i}], a[{i + 1}])"


def _im(*shape: int) -> Arg:
    """A small imaginary part (the operators stay well conditioned)."""
    return Arg(shape=shape, low=-0.3, high=0.3)


def _complex_core_case(name, ctor, params, rhs, **kw):
    return OpCase(f"{name}_complex_core", parts(complex_core(ctor), 1), [*params, rhs, rhs], **kw)


# TF's LowRankUpdate takes log|det| of the capacitance through matrix_determinant, whose
# complex gradient is TF's convention (g det A^-H), not the true derivative.
LRU_DET = {
    "check_grads": False,
    "note": "log_abs_determinant goes through TF's complex det gradient (TF's convention, not "
    "the true derivative: linalg_complex.py): compared with TF only",
}
# TF's complex TridiagonalSolve gradient leaves out the conjugate (A^-T g, not A^-H g).
TRIDIAG_SOLVE = {
    "skip": ("grad", "grad2", "jvp"),
    "note": "TF's complex tridiagonal_solve gradient leaves out the conjugate "
    "(docs/deviations.md): values compared with TF, derivatives by check_grads",
}


FULL_C = f"tf.linalg.LinearOperatorFullMatrix({_c(0)})"
# (name, operator, its parameters, right-hand side[, OpCase settings]): each parameter pair is
# one complex tensor.
COMPLEX_CORES = [
    (
        "low_rank_update",
        f"tf.linalg.LinearOperatorLowRankUpdate({FULL_C}, {_c(2)}, diag_update={_c(4)}, v={_c(6)})",
        [FULL4, _im(4, 4), U4, _im(4, 2), Arg(value=[0.5, -1.5]), _im(2), V4, _im(4, 2)],
        RHS4,
        LRU_DET,
    ),
    (
        "low_rank_update_pd",
        "tf.linalg.LinearOperatorLowRankUpdate(tf.linalg.LinearOperatorDiag(tf.complex(a[0], "
        "0.0 * a[0]), is_positive_definite=True), tf.complex(a[1], a[2]))",
        [Arg(value=[1.5, 2.0, 3.0, 2.5]), U4, _im(4, 2)],
        RHS4,
    ),
    (
        "kronecker",
        f"tf.linalg.LinearOperatorKronecker([{FULL_C}, tf.linalg.LinearOperatorDiag({_c(2)})])",
        [SQUARE2, _im(2, 2), Arg(value=[1.5, -2.0]), _im(2)],
        Arg(shape=(4, 2)),
    ),
    (
        "block_diag",
        f"tf.linalg.LinearOperatorBlockDiag([{FULL_C}, tf.linalg.LinearOperatorDiag({_c(2)})])",
        [SQUARE2, _im(2, 2), Arg(value=[1.5, -2.0]), _im(2)],
        Arg(shape=(4, 2)),
    ),
    (
        "block_lower_triangular",
        f"tf.linalg.LinearOperatorBlockLowerTriangular([[{FULL_C}], "
        f"[tf.linalg.LinearOperatorFullMatrix({_c(2)}), tf.linalg.LinearOperatorDiag({_c(4)})]])",
        [SQUARE2, _im(2, 2), SQUARE2B, _im(2, 2), Arg(value=[1.5, -2.0]), _im(2)],
        Arg(shape=(4, 2)),
    ),
    # (TF cannot add a LowerTriangular's real log|det| to a FullMatrix's complex one.)
    (
        "composition",
        f"tf.linalg.LinearOperatorComposition([{FULL_C}, tf.linalg.LinearOperatorDiag({_c(2)})])",
        [SQUARE, _im(3, 3), Arg(value=[1.5, -2.0, 3.0]), _im(3)],
        RHS,
    ),
    ("adjoint", f"tf.linalg.LinearOperatorAdjoint({FULL_C})", [SQUARE, _im(3, 3)], RHS),
    ("inversion", f"tf.linalg.LinearOperatorInversion({FULL_C})", [SQUARE, _im(3, 3)], RHS),
    (
        "toeplitz",
        f"tf.linalg.LinearOperatorToeplitz({_c(0)}, {_c(2)})",
        [
            Arg(value=[3.0, 0.5, -0.4]),
            Arg(value=[0.2, 0.1, -0.3]),
            Arg(value=[3.0, 0.7, 0.2]),
            Arg(value=[0.2, -0.2, 0.1]),
        ],
        RHS,
    ),
    (
        "tridiag",
        f"tf.linalg.LinearOperatorTridiag({_c(0)})",
        [COMPACT, _im(3, 4)],
        RHS4,
        TRIDIAG_SOLVE,
    ),
    (
        "householder",
        f"tf.linalg.LinearOperatorHouseholder({_c(0)})",
        [Arg(value=[1.0, -2.0, 0.5]), Arg(value=[0.5, 0.3, -1.0])],
        RHS,
    ),
]

CASES = [
    _methods_case("circulant", CIRC, [SPEC1], (RHS4, RHS4_T, VEC4), self_adjoint=True,
                  product=False),
    OpCase("circulant_product",
           ("lambda s: [tf.math.real((" + CIRC + " @ " + CIRC + ").to_dense())]").replace("a[0]", "s"), [SPEC1], second_order=False, forward=False,
           check_grads=False, note=PRODUCT_NOTE),
    _methods_case("circulant_pd", CIRC_PD, [SPEC1], (RHS4, RHS4_T, VEC4), self_adjoint=True,
                  cholesky=True, product=False),
    _core_case("circulant", CIRC, [SPEC1], RHS4),
    _methods_case("circulant2d", CIRC2, [SPEC2], (RHS6, RHS6_T, VEC6), self_adjoint=True,
                  product=False),
    _core_case("circulant2d", CIRC2, [SPEC2], RHS6),
    _methods_case("circulant3d", CIRC3, [SPEC3], (RHS8, RHS8_T, VEC8), self_adjoint=True,
                  product=False),
    _core_case("circulant3d", CIRC3, [SPEC3], RHS8),
    _methods_case("toeplitz", TOEP, [Arg(value=[3.0, 0.5, -0.4]), Arg(value=[3.0, 0.7, 0.2])]),
    _core_case("toeplitz", TOEP, [Arg(value=[3.0, 0.5, -0.4]), Arg(value=[3.0, 0.7, 0.2])]),
    _methods_case("tridiag", TRI, [COMPACT], (RHS4, RHS4_T, VEC4)),
    _core_case("tridiag", TRI, [COMPACT], RHS4),
    _methods_case("tridiag_sequence", TRI_SEQ, [COMPACT], (RHS4, RHS4_T, VEC4)),
    _core_case("tridiag_matrix", TRI_MAT, [COMPACT], RHS4),
    _methods_case("householder", HOUSE, [Arg(value=[1.0, -2.0, 0.5])], self_adjoint=True),
    _core_case("householder", HOUSE, [Arg(value=[1.0, -2.0, 0.5])]),
    _methods_case("permutation", PERM, [Arg(value=[2, 0, 1], dtype="int32",
                                            differentiable=False)]),
    OpCase("permutation_batch", "lambda p, x: [tf.linalg.LinearOperatorPermutation(p, "
           "dtype=tf.float64).matmul(x), tf.linalg.LinearOperatorPermutation(p, dtype=tf.float64)"
           ".solve(x, adjoint=True)]",
           [Arg(value=[[2, 0, 1], [1, 2, 0]], dtype="int32", differentiable=False), RHS]),
    _methods_case("block_diag", BLOCK_DIAG, [SQUARE2, Arg(value=[1.5, -2.0])], (Arg(shape=(4, 2)),
                  Arg(shape=(2, 4)), Arg(shape=(4,)))),
    _core_case("block_diag", BLOCK_DIAG, [SQUARE2, Arg(value=[1.5, -2.0])], Arg(shape=(4, 2))),
    _methods_case("block_lower_triangular", BLOCK_LOWER,
                  [SQUARE2, SQUARE2B, Arg(value=[1.5, -2.0])],
                  (Arg(shape=(4, 2)), Arg(shape=(2, 4)), Arg(shape=(4,)))),
    _core_case("block_lower_triangular", BLOCK_LOWER, [SQUARE2, SQUARE2B,
                                                       Arg(value=[1.5, -2.0])], Arg(shape=(4, 2))),
    _methods_case("low_rank_update_pd", LRU_PD, [Arg(value=[1.5, 2.0, 3.0, 2.5]), U4],
                  (RHS4, RHS4_T, VEC4), self_adjoint=True, cholesky=True),
    _core_case("low_rank_update_pd", LRU_PD, [Arg(value=[1.5, 2.0, 3.0, 2.5]), U4], RHS4),
    _methods_case("low_rank_update", LRU, [FULL4, U4, Arg(value=[0.5, -1.5]), V4],
                  (RHS4, RHS4_T, VEC4)),
    _core_case("low_rank_update", LRU, [FULL4, U4, Arg(value=[0.5, -1.5]), V4], RHS4),
    _methods_case("kronecker", KRON, [SQUARE2, Arg(value=[1.5, -2.0])],
                  (Arg(shape=(4, 2)), Arg(shape=(2, 4)), Arg(shape=(4,)))),
    _core_case("kronecker", KRON, [SQUARE2, Arg(value=[1.5, -2.0])], Arg(shape=(4, 2))),
    _methods_case("adjoint", ADJ, [SQUARE]),
    _core_case("adjoint", ADJ, [SQUARE]),
    _methods_case("inversion", INV, [SQUARE]),
    _core_case("inversion", INV, [SQUARE]),
    _methods_case("composition", COMP, [SQUARE, SQUARE]),
    _core_case("composition", COMP, [SQUARE, SQUARE]),
    OpCase("circulant_complex_spectrum", "lambda re, im, x: (lambda op: [tf.math.real(op.matmul("
           "tf.complex(x, x))), tf.math.imag(op.solve(tf.complex(x, -x), adjoint=True)), "
           "tf.math.real(op.to_dense()), tf.math.imag(op.log_abs_determinant())])("
           "tf.linalg.LinearOperatorCirculant(tf.complex(re, im), "
           "input_output_dtype=tf.complex128))",
           [Arg(value=[3.0, 1.0, -0.5, 2.0]), Arg(value=[0.5, -0.2, 0.3, 0.1]), RHS4]),
    *[_complex_core_case(*row[:4], **(row[4] if len(row) > 4 else {})) for row in COMPLEX_CORES],
]  # fmt: skip
