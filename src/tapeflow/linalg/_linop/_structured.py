"""Operators with a fast structure: Circulant (1-3D, through FFTs), Toeplitz (a
circulant embedding), Tridiag, Householder and Permutation."""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ._base import LinearOperator
from ._circulant import _assert_zero_imag
from ._util import adjoint_if, convert_parameter, read

_FORMATS = ("compact", "matrix", "sequence")


class LinearOperatorTridiag(LinearOperator):
    """A tridiagonal matrix from its three diagonals (TF's compact, matrix or sequence
    format); products and solves are the tridiagonal ones.

    >>> op = tf.linalg.LinearOperatorTridiag([[1.0, 2.0, 0.0], [4.0, 5.0, 6.0],
    ...                                       [0.0, 7.0, 8.0]])
    >>> print(op.to_dense())
    tf.Tensor(
    [[4. 1. 0.]
     [7. 5. 2.]
     [0. 8. 6.]], shape=(3, 3), dtype=float32)
    """

    def __init__(
        self,
        diagonals: Any,
        diagonals_format: str = "compact",
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorTridiag",
    ) -> None:
        """``diagonals``: ``[..., 3, n]`` (super, main, sub; compact), the dense matrix
        (matrix), or a list of the three (sequence).

        >>> tf.linalg.LinearOperatorTridiag(tf.ones((2, 3, 4))).shape
        TensorShape([2, 4, 4])
        """
        parameters = dict(diagonals=diagonals, diagonals_format=diagonals_format,
                          is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        if diagonals_format not in _FORMATS:
            raise ValueError(
                "Argument `diagonals_format` must be one of compact, matrix, or sequence. "
                f"Received : {diagonals_format}."
            )
        self._diagonals: Any
        if diagonals_format == "sequence":
            self._diagonals = [convert_parameter(d, f"diag_{i}") for i, d in enumerate(diagonals)]
            dtype = self._diagonals[0].dtype
        else:
            self._diagonals = convert_parameter(diagonals, "diagonals")
            dtype = self._diagonals.dtype
        self._diagonals_format = diagonals_format
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         is_square, name, parameters)  # fmt: skip

    @property
    def diagonals(self) -> Any:
        """The diagonals as given.

        >>> tf.linalg.LinearOperatorTridiag(tf.ones((3, 4))).diagonals.shape
        TensorShape([3, 4])
        """
        return self._diagonals

    @property
    def diagonals_format(self) -> str:
        """'compact', 'matrix' or 'sequence'.

        >>> tf.linalg.LinearOperatorTridiag(tf.ones((3, 4))).diagonals_format
        'compact'
        """
        return self._diagonals_format

    def _shape(self) -> tf.TensorShape:
        d = self._diagonals
        if self._diagonals_format == "matrix":
            return d.shape
        if self._diagonals_format == "compact":
            shape = d.shape[:-2].concatenate(d.shape[-1:])
        else:
            batch = tf.broadcast_static_shape(d[0].shape[:-1], d[1].shape[:-1])
            batch = tf.broadcast_static_shape(batch, d[2].shape[:-1])
            shape = batch.concatenate(d[1].shape[-1:])
        return shape.concatenate(shape[-1:])

    def _assert_self_adjoint(self) -> Any:
        diag_text = "This tridiagonal operator contained non-zero imaginary values on the diagonal."
        off_text = "This tridiagonal operator has non-conjugate subdiagonal and superdiagonal."
        if self._diagonals_format == "matrix":
            d = read(self._diagonals)
            return tf.debugging.assert_equal(d, tf.linalg.adjoint(d),
                                             message="Matrix was not equal to its adjoint.")  # fmt: skip
        if self._diagonals_format == "compact":
            d = read(self._diagonals)
            superdiag, diag, subdiag = d[..., 0, :], d[..., 1, :], d[..., 2, :]
        else:
            superdiag, diag, subdiag = (read(d) for d in self._diagonals)
        _assert_zero_imag(diag, diag_text)
        sub = tf.roll(subdiag, shift=-1, axis=-1)
        return tf.debugging.assert_equal(tf.math.conj(sub[..., :-1]), superdiag[..., :-1],
                                         message=off_text)  # fmt: skip

    def _adjoint_diagonals(self) -> Any:
        if self._diagonals_format == "matrix":
            return tf.linalg.adjoint(self._diagonals)
        if self._diagonals_format == "sequence":
            superdiag, diag, subdiag = (tf.math.conj(d) for d in self._diagonals)
            return [tf.roll(subdiag, shift=-1, axis=-1), diag, tf.roll(superdiag, shift=1, axis=-1)]
        d = tf.math.conj(self._diagonals)
        superdiag, diag, subdiag = tf.unstack(d, num=3, axis=-2)
        return tf.stack([tf.roll(subdiag, shift=-1, axis=-1), diag,
                         tf.roll(superdiag, shift=1, axis=-1)], axis=-2)  # fmt: skip

    def _diagonals_for(self, adjoint: bool) -> Any:
        if adjoint:
            return self._adjoint_diagonals()
        if self._diagonals_format == "sequence":
            return [read(d) for d in self._diagonals]
        return read(self._diagonals)

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return tf.linalg.tridiagonal_matmul(self._diagonals_for(adjoint), adjoint_if(x, adjoint_arg),
                                            diagonals_format=self._diagonals_format)  # fmt: skip

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        diagonals = self._diagonals_for(adjoint)
        rhs = adjoint_if(rhs, adjoint_arg)
        batch = tf.broadcast_static_shape(self.batch_shape, rhs.shape[:-2])
        rhs = tf.broadcast_to(rhs, batch.concatenate(rhs.shape[-2:]))
        k = int(self.domain_dimension)
        if self._diagonals_format == "matrix":
            diagonals = tf.broadcast_to(diagonals, batch.concatenate([k, k]))
        elif self._diagonals_format == "compact":
            diagonals = tf.broadcast_to(diagonals, batch.concatenate([3, k]))
        else:
            diagonals = [tf.broadcast_to(d, batch.concatenate([k])) for d in diagonals]
        return tf.linalg.tridiagonal_solve(diagonals, rhs, diagonals_format=self._diagonals_format)

    def _diag_part(self) -> Any:
        if self._diagonals_format == "matrix":
            return tf.linalg.diag_part(self._diagonals)
        if self._diagonals_format == "sequence":
            return tf.broadcast_to(self._diagonals[1], self.shape[:-1])
        return read(self._diagonals)[..., 1, :]

    def _to_dense(self) -> Any:
        if self._diagonals_format == "matrix":
            return read(self._diagonals)
        if self._diagonals_format == "compact":
            d = read(self._diagonals)
            superdiag, diag, subdiag = d[..., 0, :], d[..., 1, :], d[..., 2, :]
        else:
            superdiag, diag, subdiag = (read(d) for d in self._diagonals)
            batch = self.batch_shape
            superdiag, diag, subdiag = (tf.broadcast_to(d, batch.concatenate(d.shape[-1:]))
                                        for d in (superdiag, diag, subdiag))  # fmt: skip
        # Compact rows are aligned LEFT (superdiagonal) and RIGHT (subdiagonal).
        return (tf.linalg.diag(diag) + tf.linalg.diag(superdiag[..., :-1], k=1)
                + tf.linalg.diag(subdiag[..., 1:], k=-1))  # fmt: skip

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"diagonals": [1, 1, 1] if self._diagonals_format == "sequence" else 2}


class LinearOperatorHouseholder(LinearOperator):
    """The reflection ``I - 2 v v^H / |v|^2`` about the hyperplane orthogonal to
    ``reflection_axis``; its own inverse and adjoint.

    >>> op = tf.linalg.LinearOperatorHouseholder([0.0, 1.0])
    >>> print(op.matvec([3.0, 4.0]))
    tf.Tensor([ 3. -4.], shape=(2,), dtype=float32)
    """

    def __init__(
        self,
        reflection_axis: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorHouseholder",
    ) -> None:
        """The reflection about ``reflection_axis`` (rank >= 1; need not be normalised).

        >>> tf.linalg.LinearOperatorHouseholder([1.0, 1.0, 0.0]).shape
        TensorShape([3, 3])
        """
        parameters = dict(reflection_axis=reflection_axis, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._reflection_axis = convert_parameter(reflection_axis, "reflection_axis")
        if self._reflection_axis.shape.rank < 1:
            raise ValueError(
                "Argument reflection_axis must have at least 1 dimension.  Found: "
                f"{read(self._reflection_axis)!s}"
            )
        if is_self_adjoint is False:
            raise ValueError("A Householder operator is always self adjoint.")
        if is_positive_definite is True:
            raise ValueError("A Householder operator is always non-positive definite.")
        if is_square is False:
            raise ValueError("A Householder operator is always square.")
        super().__init__(self._reflection_axis.dtype, None, is_non_singular, True, False, True,
                         name, parameters)  # fmt: skip

    @property
    def reflection_axis(self) -> Any:
        """The vector reflected to its negative.

        >>> print(tf.linalg.LinearOperatorHouseholder([0.0, 2.0]).reflection_axis)
        tf.Tensor([0. 2.], shape=(2,), dtype=float32)
        """
        return self._reflection_axis

    def _shape(self) -> tf.TensorShape:
        shape = self._reflection_axis.shape
        return shape.concatenate(shape[-1:])

    def _assert_non_singular(self) -> Any:
        return None

    def _assert_positive_definite(self) -> Any:
        raise tf.errors.InvalidArgumentError(
            None, None, "Householder operators are always non-positive definite."
        )

    def _assert_self_adjoint(self) -> Any:
        return None

    def _linop_adjoint(self) -> LinearOperator:
        return self

    def _linop_inverse(self) -> LinearOperator:
        return self

    def _unit_column(self) -> Any:
        return tf.nn.l2_normalize(read(self._reflection_axis), axis=-1)[..., tf.newaxis]

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        x = adjoint_if(x, adjoint_arg)
        v = self._unit_column()
        return x - 2 * v * tf.linalg.matmul(v, x, adjoint_a=True)

    def _trace(self) -> Any:
        n = int(self.domain_dimension)
        return tf.cast(n - 2, self.dtype) * tf.ones(self.batch_shape, self.dtype)

    def _determinant(self) -> Any:
        return -tf.ones(self.batch_shape, self.dtype)

    def _log_abs_determinant(self) -> Any:
        return tf.zeros(self.batch_shape, self.dtype)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._matmul(rhs, adjoint, adjoint_arg)

    def _to_dense(self) -> Any:
        v = self._unit_column()
        matrix = -2 * tf.linalg.matmul(v, v, adjoint_b=True)
        return tf.linalg.set_diag(matrix, 1.0 + tf.linalg.diag_part(matrix))

    def _diag_part(self) -> Any:
        v = tf.nn.l2_normalize(read(self._reflection_axis), axis=-1)
        return 1.0 - 2 * v * tf.math.conj(v)

    def _eigvals(self) -> Any:
        shape = self._reflection_axis.shape.as_list()
        ones = tf.ones(shape[:-1] + [shape[-1] - 1], self.dtype)
        return tf.concat([-tf.ones(shape[:-1] + [1], self.dtype), ones], axis=-1)

    def _cond(self) -> Any:
        return tf.ones(self.batch_shape, self.dtype)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"reflection_axis": 1}


class LinearOperatorPermutation(LinearOperator):
    """The permutation matrix with ``P[i, perm[i]] = 1``: products gather rows.

    >>> op = tf.linalg.LinearOperatorPermutation([2, 0, 1])
    >>> print(op.matvec([10.0, 20.0, 30.0]))
    tf.Tensor([30. 10. 20.], shape=(3,), dtype=float32)
    """

    def __init__(
        self,
        perm: Any,
        dtype: Any = tf.float32,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorPermutation",
    ) -> None:
        """``perm``: integer vectors, each a permutation of 0..n-1.

        >>> tf.linalg.LinearOperatorPermutation([[1, 0], [0, 1]]).shape
        TensorShape([2, 2, 2])
        """
        parameters = dict(perm=perm, dtype=dtype, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._perm = convert_parameter(perm, "perm")
        if self._perm.shape.rank < 1:
            raise ValueError(
                f"Argument `perm` must have at least 1 dimension. Received: {read(self._perm).numpy()}."
            )
        if not self._perm.dtype.is_integer:
            raise TypeError(
                f"Argument `perm` must be integer dtype. Received: {read(self._perm).numpy()}."
            )
        static = tf.get_static_value(self._perm)
        if static is not None:
            n = static.shape[-1]
            if np.any(np.sort(static, axis=-1) != np.arange(n)):
                raise ValueError(
                    f"Argument `perm` must be a vector of unique integers from 0 to {n - 1}."
                )
        if is_non_singular is False:
            raise ValueError(
                "A Permutation operator is always non-singular. Expected argument "
                f"`is_non_singular` to be True. Received: {is_non_singular}."
            )
        if is_square is False:
            raise ValueError(
                "A Permutation operator is always square. Expected argument `is_square` to be "
                f"True. Received: {is_square}."
            )
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         True, name, parameters)  # fmt: skip

    @property
    def perm(self) -> Any:
        """The permutation.

        >>> print(tf.linalg.LinearOperatorPermutation([1, 0]).perm)
        tf.Tensor([1 0], shape=(2,), dtype=int32)
        """
        return self._perm

    def _shape(self) -> tf.TensorShape:
        shape = self._perm.shape
        return shape.concatenate(shape[-1:])

    def _assert_non_singular(self) -> Any:
        return None

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        perm = read(self._perm)
        if adjoint and not self.is_self_adjoint:
            perm = tf.argsort(perm, axis=-1)
        x = adjoint_if(x, adjoint_arg)
        batch = tf.broadcast_static_shape(x.shape[:-1], perm.shape)
        k = x.shape[-1]
        full = batch.concatenate([k])
        x = tf.broadcast_to(x, full)
        perm = tf.broadcast_to(perm, batch)
        m = x.shape[-2]
        y = tf.gather(tf.reshape(x, [-1, m, k]), tf.reshape(perm, [-1, m]), axis=-2, batch_dims=1)
        return tf.reshape(y, full)

    def _log_abs_determinant(self) -> Any:
        return tf.zeros(self.batch_shape, self.dtype)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._matmul(rhs, adjoint=not adjoint, adjoint_arg=adjoint_arg)

    @staticmethod
    def _positions(perm: Any) -> Any:
        # 0, 1, ..., n - 1 made in perm's own array library (a GPU perm stays there).
        return tf.math.cumsum(tf.ones_like(perm), axis=-1, exclusive=True)

    def _to_dense(self) -> Any:
        perm = read(self._perm)
        positions = self._positions(perm)[..., tf.newaxis, :]
        return tf.cast(tf.equal(positions, perm[..., tf.newaxis]), self.dtype)

    def _diag_part(self) -> Any:
        perm = read(self._perm)
        return tf.cast(tf.equal(self._positions(perm), perm), self.dtype)

    def _cond(self) -> Any:
        return tf.ones(self.batch_shape, self.dtype)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"perm": 1}
