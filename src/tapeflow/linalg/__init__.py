"""tf.linalg: matrix products, decompositions, solves and matrix functions.

Decompositions are primitives (``ops/decompositions.py``) whose rules are
TensorFlow's; everything TensorFlow writes as a composite (logdet, lstsq,
pinv, cholesky_solve, lu_solve, trace, ...) is the same composite here, so
its gradient is the one TensorFlow computes. Only real matrices are
differentiable through the decompositions.

>>> import tapeflow as tf
>>> print(tf.linalg.matmul([[1.0, 2.0]], [[3.0], [4.0]]))
tf.Tensor([[11.]], shape=(1, 1), dtype=float32)
>>> print(tf.einsum("ij,j->i", [[1.0, 2.0], [3.0, 4.0]], [1.0, 1.0]))
tf.Tensor([3. 7.], shape=(2,), dtype=float32)
"""

from ..arrays import eye
from ..math import l2_normalize
from ..math._clip import global_norm
from ..math._norm import norm
from ._eig import banded_triangular_solve, eig, eigvals, logm, sqrtm
from ._matrices import (
    adjoint,
    band_part,
    diag,
    diag_part,
    matrix_transpose,
    set_diag,
    trace,
)
from ._more import (
    eigh_tridiagonal,
    lu,
    lu_matrix_inverse,
    lu_reconstruct,
    matrix_rank,
    normalize,
    tensor_diag,
    tensor_diag_part,
    tridiagonal_matmul,
    tridiagonal_solve,
)
from ._products import (
    cross,
    einsum,
    matmul,
    matvec,
    tensordot,
)
from ._solve import (
    cholesky,
    cholesky_solve,
    det,
    eigh,
    eigvalsh,
    expm,
    inv,
    logdet,
    lstsq,
    lu_solve,
    pinv,
    qr,
    slogdet,
    solve,
    svd,
    triangular_solve,
)

# What `from tapeflow.linalg import *` gives the top level (TF has these there too).
__all__ = ["matmul", "einsum", "tensordot", "eig", "eigvals"]


def __getattr__(name: str):
    # The LinearOperator family loads on first use: `import tapeflow` stays cheap.
    if name.startswith("LinearOperator"):
        from . import _linop

        if name in _linop.__all__:
            value = getattr(_linop, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module 'tapeflow.linalg' has no attribute '{name}'")


def __dir__() -> list[str]:
    from ._linop import __all__ as operators

    return sorted(set(globals()) | set(operators))
