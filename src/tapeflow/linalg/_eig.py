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
