"""tf.linalg's LinearOperator family, loaded on first use (``tf.linalg.__getattr__``).

Modules by concern: ``_base`` (the abstract class and its dense fallbacks),
``_util`` (parameter conversion, hint rules, batch slicing), ``_dense`` (FullMatrix,
LowerTriangular, Diag), ``_identity`` (Identity, ScaledIdentity, Zeros),
``_circulant`` (Circulant 1-3D through FFTs, Toeplitz), ``_structured`` (Tridiag,
Householder, Permutation), ``_wrappers`` (Adjoint, Inversion, Composition,
Kronecker), ``_blocks`` (BlockDiag, BlockLowerTriangular), ``_low_rank``
(LowRankUpdate)."""

from ._base import LinearOperator
from ._blocks import LinearOperatorBlockDiag, LinearOperatorBlockLowerTriangular
from ._circulant import (
    LinearOperatorCirculant,
    LinearOperatorCirculant2D,
    LinearOperatorCirculant3D,
    LinearOperatorToeplitz,
)
from ._dense import LinearOperatorDiag, LinearOperatorFullMatrix, LinearOperatorLowerTriangular
from ._identity import (
    LinearOperatorIdentity,
    LinearOperatorScaledIdentity,
    LinearOperatorZeros,
)
from ._low_rank import LinearOperatorLowRankUpdate
from ._structured import (
    LinearOperatorHouseholder,
    LinearOperatorPermutation,
    LinearOperatorTridiag,
)
from ._wrappers import (
    LinearOperatorAdjoint,
    LinearOperatorComposition,
    LinearOperatorInversion,
    LinearOperatorKronecker,
)

__all__ = [
    "LinearOperator",
    "LinearOperatorAdjoint",
    "LinearOperatorBlockDiag",
    "LinearOperatorBlockLowerTriangular",
    "LinearOperatorCirculant",
    "LinearOperatorCirculant2D",
    "LinearOperatorCirculant3D",
    "LinearOperatorComposition",
    "LinearOperatorDiag",
    "LinearOperatorFullMatrix",
    "LinearOperatorHouseholder",
    "LinearOperatorIdentity",
    "LinearOperatorInversion",
    "LinearOperatorKronecker",
    "LinearOperatorLowRankUpdate",
    "LinearOperatorLowerTriangular",
    "LinearOperatorPermutation",
    "LinearOperatorScaledIdentity",
    "LinearOperatorToeplitz",
    "LinearOperatorTridiag",
    "LinearOperatorZeros",
]
