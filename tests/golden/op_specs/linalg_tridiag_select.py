"""Golden cases for tf.linalg.eigh_tridiagonal with select='i' (an index range) and
select='v' (a closed value interval), eigenvalues only and with eigenvectors.

TF finds the eigenvalues by bisection and the vectors by inverse iteration: its
gradients are those of the iterations, so only values are compared with TF; the
derivatives (tapeflow's are those of the eigenvalues and eigenvectors) are checked
by check_grads. Eigenvectors have arbitrary signs: the cases look at their squares.
"""

from tests.golden.opcases import Arg, OpCase

ALPHA = Arg(value=[1.0, 2.5, 4.0, -1.0, 0.5])
BETA = Arg(value=[0.5, -0.3, 0.8, 0.4])
NOTE = "TF's gradient is that of its bisection / inverse iteration; tapeflow's is the derivative (check_grads); no JVP in TF"  # fmt: skip


def _case(name: str, fn: str) -> OpCase:
    return OpCase(name, fn, [ALPHA, BETA], forward=False, skip=("grad", "grad2"), note=NOTE)


CASES = [
    _case("eigh_tridiagonal_index_range",
          "lambda a, b: tf.linalg.eigh_tridiagonal(a, b, select='i', select_range=(1, 3))"),
    _case("eigh_tridiagonal_single_index",
          "lambda a, b: tf.linalg.eigh_tridiagonal(a, b, select='i', select_range=[4, 4])"),
    _case("eigh_tridiagonal_value_range",
          "lambda a, b: tf.linalg.eigh_tridiagonal(a, b, select='v', select_range=(0.0, 3.0))"),
    _case("eigh_tridiagonal_vectors_index_range",
          "lambda a, b: (lambda w, v: [w, v * v])(*tf.linalg.eigh_tridiagonal("
          "a, b, eigvals_only=False, select='i', select_range=(0, 2)))"),
    _case("eigh_tridiagonal_vectors_value_range",
          "lambda a, b: (lambda w, v: [w, v * v])(*tf.linalg.eigh_tridiagonal("
          "a, b, eigvals_only=False, select='v', select_range=(-2.0, 2.0)))"),
    _case("eigh_tridiagonal_vectors_all",
          "lambda a, b: (lambda w, v: [w, v * v])(*tf.linalg.eigh_tridiagonal("
          "a, b, eigvals_only=False))"),
    # Eigenvalues equal to both ends of the interval are kept.
    OpCase("eigh_tridiagonal_value_range_closed",
           "lambda a, b: tf.linalg.eigh_tridiagonal(a, b, select='v', select_range=(1.0, 2.0))",
           [Arg(value=[1.0, 2.0, 3.0]), Arg(value=[0.0, 0.0])],
           forward=False, skip=("grad", "grad2"), check_grads=False,
           note="the selection jumps at the ends, where finite differences straddle them"),
]  # fmt: skip
