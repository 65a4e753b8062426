"""tf.linalg's general eigendecomposition and matrix functions: eig, eigvals,
sqrtm (matrix_square_root) and logm.

>>> import tapeflow as tf
>>> print(tf.linalg.sqrtm(tf.constant([[4.0, 0.0], [0.0, 9.0]])))
tf.Tensor(
[[2. 0.]
 [0. 3.]], shape=(2, 2), dtype=float32)
"""

from __future__ import annotations

import numpy as _np

from .._tensor import Tensor, as_tensor
from .._types import TensorLike
from ..errors import NotFoundError as _NotFoundError
from ..ops import matrix_functions as _mf

_EIG_DTYPES = ("float32", "float64", "complex64", "complex128")


def _eig_input(tensor: TensorLike) -> Tensor:
    if not hasattr(tensor, "dtype"):
        # TF's wrapper reads `tensor.dtype` before converting: a list or a Python number
        # fails there.
        raise AttributeError(f"'{type(tensor).__name__}' object has no attribute 'dtype'")
    x = as_tensor(tensor)
    if x.dtype.name not in _EIG_DTYPES:
        # TF's Python wrapper picks the output dtype for these four only and then
        # fails on its own unset local: the same error class and text here.
        raise UnboundLocalError(
            "cannot access local variable 'out_dtype' where it is not associated with a value"
        )
    return x


def eig(tensor: TensorLike, name: str | None = None) -> tuple[Tensor, Tensor]:
    """Eigenvalues and right eigenvectors (unit columns) of general square matrices,
    complex64 for float32/complex64 input and complex128 for float64/complex128:
    ``A v[..., :, i] = e[..., i] v[..., :, i]``. Each eigenvector's phase may differ
    from TF's (see docs/deviations.md). Undefined gradients for repeated eigenvalues.

    >>> e, v = tf.linalg.eig(tf.constant([[2.0, 0.0], [0.0, 3.0]]))
    >>> e
    <tf.Tensor: shape=(2,), dtype=complex64, numpy=array([2.+0.j, 3.+0.j], dtype=complex64)>
    >>> v.shape
    TensorShape([2, 2])
    """
    return _mf.eig(_eig_input(tensor))


def eigvals(tensor: TensorLike, name: str | None = None) -> Tensor:
    """Eigenvalues of general square matrices (complex; see ``eig``).

    >>> tf.linalg.eigvals(tf.constant([[0.0, -1.0], [1.0, 0.0]], tf.float64))
    <tf.Tensor: shape=(2,), dtype=complex128, numpy=array([0.+1.j, 0.-1.j])>
    """
    return _mf.eig(_eig_input(tensor))[0]


def sqrtm(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """The principal square root R (R R = A) of each square matrix. A real matrix
    with a negative real eigenvalue, or a singular one, gives NaNs, as TF's.
    Gradient: the Sylvester equation R dR + dR R = dA.

    >>> print(tf.linalg.sqrtm(tf.constant([[1.0, 1.0], [0.0, 1.0]], tf.float64)))
    tf.Tensor(
    [[1.  0.5]
     [0.  1. ]], shape=(2, 2), dtype=float64)
    """
    x = as_tensor(input)
    if x._value.dtype == _np.float16:
        raise _NotFoundError(
            None,
            None,
            "Could not find device for node: {{node MatrixSquareRoot}} = "
            "MatrixSquareRoot[T=DT_HALF]\nAll kernels registered for op MatrixSquareRoot:\n"
            "  device='CPU'; T in [DT_COMPLEX128]\n  device='CPU'; T in [DT_COMPLEX64]\n"
            "  device='CPU'; T in [DT_DOUBLE]\n  device='CPU'; T in [DT_FLOAT]\n"
            " [Op:MatrixSquareRoot] name: ",
        )
    return _mf.sqrtm(x)


def logm(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002 - TF's name
    """The principal matrix logarithm of each complex square matrix (TF accepts only
    complex64 and complex128). No gradient, as in TF.

    >>> tf.linalg.logm(tf.constant([[1.0 + 0j, 0.0], [0.0, 1.0]]))
    <tf.Tensor: shape=(2, 2), dtype=complex128, numpy=
    array([[0.+0.j, 0.+0.j],
           [0.+0.j, 0.+0.j]])>
    """
    return _mf.logm(as_tensor(input))


def banded_triangular_solve(
    bands: TensorLike,
    rhs: TensorLike,
    lower: bool | None = True,
    adjoint: bool | None = False,
    name: str | None = None,
) -> Tensor:
    """Solve with a triangular matrix given by its ``K`` bands (shape ``[..., K, M]``,
    TF's ``LEFT_RIGHT`` alignment: for ``lower`` row 0 is the diagonal and row i the
    i-th subdiagonal, right-aligned; otherwise the last row is the diagonal and the
    rows above it the superdiagonals, left-aligned). Gradient: through the dense
    triangle, which is TF's rule restricted to the bands. As TF's kernel, only the
    first matrix of a batch is checked for a zero on its diagonal; the others divide
    by it (Inf/NaN results).

    >>> bands = tf.constant([[2.0, 3.0, 4.0], [1.0, 2.0, 3.0]])
    >>> print(tf.linalg.banded_triangular_solve(bands, tf.ones([3, 1])))
    tf.Tensor(
    [[0.5 ]
     [0.  ]
     [0.25]], shape=(3, 1), dtype=float32)
    """
    from ..ops import linalg as _linalg
    from ._common import _error, _pair, _same_dtype
    from ._matrices import diag
    from ._solve import triangular_solve

    op = "BandedTriangularSolve"
    lower = True if lower is None else bool(lower)  # None: the generated op's defaults
    adjoint = False if adjoint is None else bool(adjoint)
    a, b = _pair(bands, rhs)
    _same_dtype(a, b, op)
    _linalg.check_type(a._value.dtype, op, ("double", "float", "half", "complex64", "complex128"))
    if a._value.dtype == _np.float16:  # in the op's type list, but no CPU kernel
        raise _NotFoundError(
            None,
            None,
            f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_HALF, "
            f"adjoint={str(adjoint).lower()}, lower={str(lower).lower()}]\nAll kernels "
            f"registered for op {op}:\n  device='CPU'; T in [DT_COMPLEX128]\n  device='CPU'; "
            "T in [DT_COMPLEX64]\n  device='CPU'; T in [DT_DOUBLE]\n  device='CPU'; "
            f"T in [DT_FLOAT]\n [Op:{op}] name: ",
        )
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            raise _error(f"In[{i}] ndims must be >= 2: {x.ndim}", op)
    kernel_type = {"float32": "float", "float64": "double"}.get(a.dtype.name, a.dtype.name)
    for i, x in enumerate((a, b)):
        if x._value.size == 0:
            dims = ",".join(str(d) for d in x._value.shape)
            raise _error(
                f"In[{i}] must not be an empty tensor: Tensor<type: {kernel_type} "
                f"shape: [{dims}] values: >",
                op,
            )
    count, m = a._value.shape[-2:]
    if b._value.shape[-2] != m:
        rows, cols = b._value.shape[-2:]
        raise _error(
            f"In[0] mismatch In[1] shape: {m} vs. {rows}: [{count},{m}] [{rows},{cols}] 1 0", op
        )
    dense = None
    for row in range(min(count, m)):
        k = -row if lower else count - 1 - row
        if abs(k) >= m:
            continue
        band = a[..., row, row:] if lower else a[..., row, : m - k]
        part = diag(band, k=k, num_rows=m, num_cols=m)
        dense = part if dense is None else dense + part
    # TF checks the first matrix's diagonal only, with Eigen's scalar minCoeff: a NaN
    # first entry wins (and fails the test), a later NaN is skipped.
    first = _np.abs(_np.asarray(a._value).reshape((-1, count, m))[0, 0 if lower else count - 1])
    if _np.isnan(first[0]) or _np.nanmin(first) <= 0:
        raise _error("Input matrix is not invertible.", op)
    assert dense is not None
    return triangular_solve(dense, b, lower=lower, adjoint=adjoint)
