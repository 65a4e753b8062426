"""Operators held as a matrix or a diagonal: FullMatrix, LowerTriangular, Diag,
Identity, ScaledIdentity and Zeros."""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ._base import LinearOperator
from ._util import (
    adjoint_if,
    commuting_hints,
    commuting_self_adjoint_hint,
    convert_parameter,
    kept_hints,
    non_singular_hint,
    read,
)

_MATRIX_DTYPES = ("float16", "float32", "float64", "complex64", "complex128")


class LinearOperatorFullMatrix(LinearOperator):
    """An operator holding its (batch) matrix.

    >>> op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    >>> print(op.matvec([1.0, 1.0]))
    tf.Tensor([3. 7.], shape=(2,), dtype=float32)
    >>> print(op.log_abs_determinant())
    tf.Tensor(0.6931472, shape=(), dtype=float32)
    """

    def __init__(
        self,
        matrix: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorFullMatrix",
    ) -> None:
        """Wrap ``matrix`` (float or complex, rank >= 2).

        >>> tf.linalg.LinearOperatorFullMatrix(tf.ones((3, 2, 2))).batch_shape
        TensorShape([3])
        """
        parameters = dict(matrix=matrix, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._matrix = convert_parameter(matrix, "matrix")
        dtype = self._matrix.dtype
        if dtype.name not in _MATRIX_DTYPES:
            allowed = ", ".join(f"tf.{d}" for d in _MATRIX_DTYPES)
            raise TypeError(
                f"Argument `matrix` must have dtype in [{allowed}]. Received: {dtype!s}."
            )
        if self._matrix.shape.rank < 2:
            raise ValueError(
                "Argument `matrix` must have at least 2 dimensions. Received: "
                f"{np.asarray(tf.get_static_value(self._matrix))}."
            )
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         is_square, name, parameters)  # fmt: skip

    @property
    def matrix(self) -> Any:
        """The matrix given.

        >>> print(tf.linalg.LinearOperatorFullMatrix([[1.0]]).matrix)
        tf.Tensor([[1.]], shape=(1, 1), dtype=float32)
        """
        return self._matrix

    def _shape(self) -> tf.TensorShape:
        return self._matrix.shape

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return tf.linalg.matmul(self._matrix, x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._dense_solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _to_dense(self) -> Any:
        return read(self._matrix)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"matrix": 2}


class LinearOperatorLowerTriangular(LinearOperator):
    """A lower-triangular operator: the lower triangle of ``tril`` (the rest is ignored);
    solves are triangular solves, the determinant the diagonal's product.

    >>> op = tf.linalg.LinearOperatorLowerTriangular([[2.0, 9.0], [1.0, 4.0]])
    >>> print(op.to_dense())
    tf.Tensor(
    [[2. 0.]
     [1. 4.]], shape=(2, 2), dtype=float32)
    >>> print(op.determinant())
    tf.Tensor(8.0, shape=(), dtype=float32)
    """

    def __init__(
        self,
        tril: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorLowerTriangular",
    ) -> None:
        """Wrap ``tril`` (rank >= 2, square).

        >>> tf.linalg.LinearOperatorLowerTriangular(tf.eye(3)).shape
        TensorShape([3, 3])
        """
        parameters = dict(tril=tril, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        if is_square is False:
            raise ValueError("Only square lower triangular operators supported at this time.")
        self._tril = convert_parameter(tril, "tril")
        if self._tril.shape.rank < 2:
            raise ValueError(
                f"Argument tril must have at least 2 dimensions.  Found: {read(self._tril)!s}"
            )
        super().__init__(self._tril.dtype, None, is_non_singular, is_self_adjoint,
                         is_positive_definite, True, name, parameters)  # fmt: skip

    @property
    def tril(self) -> Any:
        """The matrix given (upper triangle included).

        >>> print(tf.linalg.LinearOperatorLowerTriangular([[1.0, 5.0], [2.0, 3.0]]).tril[0])
        tf.Tensor([1. 5.], shape=(2,), dtype=float32)
        """
        return self._tril

    def _get_tril(self) -> Any:
        return tf.linalg.band_part(self._tril, -1, 0)

    def _get_diag(self) -> Any:
        return tf.linalg.diag_part(self._tril)

    def _shape(self) -> tf.TensorShape:
        return self._tril.shape

    def _assert_non_singular(self) -> Any:
        return _assert_no_zero(
            self._get_diag(), "Singular operator:  Diagonal contained zero values."
        )

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return tf.linalg.matmul(self._get_tril(), x, adjoint_a=adjoint, adjoint_b=adjoint_arg)

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        if isinstance(right, LinearOperatorDiag):
            return LinearOperatorLowerTriangular(
                left.to_dense() * right.diag,
                is_non_singular=non_singular_hint(right, left),
                is_self_adjoint=commuting_self_adjoint_hint(right, left),
                is_positive_definite=None, is_square=True,
            )  # fmt: skip
        return super()._linop_matmul(left, right)

    def _determinant(self) -> Any:
        return tf.reduce_prod(self._get_diag(), axis=[-1])

    def _log_abs_determinant(self) -> Any:
        return tf.reduce_sum(tf.math.log(tf.abs(self._get_diag())), axis=[-1])

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        rhs = adjoint_if(rhs, adjoint_arg)
        tril, rhs = _broadcast(self._get_tril(), rhs)
        return tf.linalg.triangular_solve(tril, rhs, lower=True, adjoint=adjoint)

    def _to_dense(self) -> Any:
        return self._get_tril()

    def _eigvals(self) -> Any:
        return self._get_diag()

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"tril": 2}


def _broadcast(matrix: Any, rhs: Any) -> tuple:
    from ._base import broadcast_batch

    return tuple(broadcast_batch(matrix, rhs))


def _assert_no_zero(x: Any, message: str) -> Any:
    magnitude = tf.abs(x)
    return tf.debugging.assert_less(tf.zeros([], magnitude.dtype), magnitude, message=message)


class LinearOperatorDiag(LinearOperator):
    """A (batch) diagonal operator: products, solves and determinants are elementwise.

    >>> op = tf.linalg.LinearOperatorDiag([2.0, 4.0])
    >>> print(op.solvevec([1.0, 1.0]))
    tf.Tensor([0.5  0.25], shape=(2,), dtype=float32)
    """

    def __init__(
        self,
        diag: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorDiag",
    ) -> None:
        """Wrap ``diag`` (rank >= 1: its last dimension is the diagonal).

        >>> tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).shape
        TensorShape([3, 2, 2])
        """
        parameters = dict(diag=diag, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._diag = convert_parameter(diag, "diag")
        if self._diag.shape.rank < 1:
            raise ValueError(
                f"Argument diag must have at least 1 dimension.  Found: {read(self._diag)!s}"
            )
        if not self._diag.dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError("A real diagonal operator is always self adjoint.")
            is_self_adjoint = True
        if is_square is False:
            raise ValueError("Only square diagonal operators currently supported.")
        super().__init__(self._diag.dtype, None, is_non_singular, is_self_adjoint,
                         is_positive_definite, True, name, parameters)  # fmt: skip

    @property
    def diag(self) -> Any:
        """The diagonal given.

        >>> print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).diag)
        tf.Tensor([1. 2.], shape=(2,), dtype=float32)
        """
        return self._diag

    def _shape(self) -> tf.TensorShape:
        shape = self._diag.shape
        return shape.concatenate(shape[-1:])

    def _linop_inverse(self) -> LinearOperator:
        return LinearOperatorDiag(1.0 / read(self._diag), **kept_hints(self))

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        hints = commuting_hints(left, right)
        if isinstance(right, LinearOperatorDiag):
            return LinearOperatorDiag(read(left.diag) * read(right.diag), **hints)
        if getattr(right, "_is_scaled_identity", False):
            return LinearOperatorDiag(read(left.diag) * read(right.multiplier), **hints)
        if isinstance(right, LinearOperatorLowerTriangular):
            hints.update(is_positive_definite=None)
            return LinearOperatorLowerTriangular(read(left.diag)[..., None] * right.to_dense(),
                                                 **hints)  # fmt: skip
        return super()._linop_matmul(left, right)

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        hints = commuting_hints(left, right)
        if isinstance(right, LinearOperatorDiag):
            return LinearOperatorDiag(read(right.diag) / read(left.diag), **hints)
        if getattr(right, "_is_scaled_identity", False):
            return LinearOperatorDiag(read(right.multiplier) / read(left.diag), **hints)
        if isinstance(right, LinearOperatorLowerTriangular):
            hints.update(is_positive_definite=None)
            return LinearOperatorLowerTriangular(right.to_dense() / read(left.diag)[..., None],
                                                 **hints)  # fmt: skip
        return super()._linop_solve(left, right)

    def _assert_non_singular(self) -> Any:
        return _assert_no_zero(self._diag, "Singular operator:  Diagonal contained zero values.")

    def _assert_positive_definite(self) -> Any:
        if self.dtype.is_complex:
            message = ("Diagonal operator had diagonal entries with non-positive real part, thus "
                       "was not positive definite.")  # fmt: skip
        else:
            message = ("Real diagonal operator had non-positive diagonal entries, thus was not "
                       "positive definite.")  # fmt: skip
        return tf.debugging.assert_positive(tf.math.real(self._diag), message=message)

    def _assert_self_adjoint(self) -> Any:
        imag = tf.math.imag(self._diag)
        return tf.debugging.assert_equal(
            tf.zeros([], imag.dtype), imag,
            message="This diagonal operator contained non-zero imaginary values.   Thus it was "
            "not self-adjoint.",
        )  # fmt: skip

    def _linop_adjoint(self) -> LinearOperator:
        diag = read(self._diag)
        if diag.dtype.is_complex:
            diag = tf.math.conj(diag)
        return LinearOperatorDiag(diag, **kept_hints(self))

    def _linop_cholesky(self) -> LinearOperator:
        return LinearOperatorDiag(tf.sqrt(read(self._diag)), is_non_singular=True,
                                  is_self_adjoint=True, is_positive_definite=True,
                                  is_square=True)  # fmt: skip

    def _diag_term(self, adjoint: bool) -> Any:
        return tf.math.conj(self._diag) if adjoint else read(self._diag)

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return tf.expand_dims(self._diag_term(adjoint), -1) * adjoint_if(x, adjoint_arg)

    def _matvec(self, x: Any, adjoint: bool = False) -> Any:
        return self._diag_term(adjoint) * x

    def _determinant(self) -> Any:
        return tf.reduce_prod(self._diag, axis=[-1])

    def _log_abs_determinant(self) -> Any:
        log_det = tf.reduce_sum(tf.math.log(tf.abs(self._diag)), axis=[-1])
        return tf.cast(log_det, self.dtype) if self.dtype.is_complex else log_det

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        inverse = tf.expand_dims(1.0 / self._diag_term(adjoint), -1)
        return adjoint_if(rhs, adjoint_arg) * inverse

    def _to_dense(self) -> Any:
        return tf.linalg.diag(self._diag)

    def _diag_part(self) -> Any:
        return read(self._diag)

    def _add_to_tensor(self, x: Any) -> Any:
        return tf.linalg.set_diag(x, self._diag + tf.linalg.diag_part(x))

    def _eigvals(self) -> Any:
        return read(self._diag)

    def _cond(self) -> Any:
        magnitude = tf.abs(self._diag)
        return tf.reduce_max(magnitude, axis=-1) / tf.reduce_min(magnitude, axis=-1)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"diag": 1}
