"""The identity family: Identity, ScaledIdentity and Zeros (shapes given by sizes,
not tensors)."""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ._base import LinearOperator
from ._dense import LinearOperatorDiag
from ._util import adjoint_if, commuting_hints, convert_parameter, read, shape_parameter


class _BaseIdentity(LinearOperator):
    """What Identity and ScaledIdentity share: num_rows checks, the ones diagonal."""

    _num_rows: Any
    _num_rows_static: int

    def _set_num_rows(self, num_rows: Any) -> None:
        if isinstance(num_rows, tf.Variable):
            raise TypeError(f"Argument num_rows cannot be reference type. Found: {type(num_rows)}.")
        self._num_rows = shape_parameter(num_rows, "num_rows")
        _check_count(self._num_rows, "num_rows")
        self._num_rows_static = int(tf.get_static_value(self._num_rows))

    def _min_matrix_dim(self) -> int:
        return min(int(self.domain_dimension), int(self.range_dimension))

    def _ones_diag(self) -> Any:
        return tf.ones(self.batch_shape.concatenate([self._min_matrix_dim()]), self.dtype)


def _check_count(value: Any, name: str) -> None:
    if not value.dtype.is_integer:
        raise TypeError(f"Argument {name} must be integer type.  Found: {value!s}")
    static = np.asarray(tf.get_static_value(value))
    if np.ndim(static) != 0:
        raise ValueError(f"Argument {name} must be a 0-D Tensor.  Found: {static}")
    if static < 0:
        raise ValueError(f"Argument {name} must be non-negative.  Found: {static}")


def _batch_shape_arg(batch_shape: Any) -> Any:
    if batch_shape is None:
        return None
    if isinstance(batch_shape, tf.Variable):
        raise TypeError(
            f"Argument batch_shape cannot be reference type. Found: {type(batch_shape)}."
        )
    value = shape_parameter(batch_shape, "batch_shape_arg")
    if not value.dtype.is_integer:
        raise TypeError(f"Argument batch_shape must be integer type.  Found: {value!s}")
    static = np.asarray(tf.get_static_value(value))
    if static.ndim != 1:
        raise ValueError(f"Argument batch_shape must be a 1-D Tensor.  Found: {static}")
    if np.any(static < 0):
        raise ValueError(f"Argument batch_shape must be non-negative.  Found:{static}")
    return value


def _broadcast_to_batch(x: Any, batch_shape: tf.TensorShape, dtype: Any) -> Any:
    """``x`` broadcast against a batch of matrices (TF adds zeros of that shape)."""
    special = batch_shape.concatenate([1, 1])
    if tf.broadcast_static_shape(x.shape, special) == x.shape:
        return x
    return x + tf.zeros(special, dtype)


class LinearOperatorIdentity(_BaseIdentity):
    """The identity: every method is free (matmul returns its argument).

    >>> op = tf.linalg.LinearOperatorIdentity(2, batch_shape=[3])
    >>> op.shape
    TensorShape([3, 2, 2])
    >>> print(op.log_abs_determinant())
    tf.Tensor([0. 0. 0.], shape=(3,), dtype=float32)
    """

    _is_identity = True

    def __init__(
        self,
        num_rows: Any,
        batch_shape: Any = None,
        dtype: Any = None,
        is_non_singular: bool = True,
        is_self_adjoint: bool = True,
        is_positive_definite: bool = True,
        is_square: bool = True,
        assert_proper_shapes: bool = False,
        name: str = "LinearOperatorIdentity",
    ) -> None:
        """An identity of ``num_rows`` rows (float32 unless ``dtype`` says).

        >>> tf.linalg.LinearOperatorIdentity(3, dtype=tf.float64).dtype
        tf.float64
        """
        parameters = dict(num_rows=num_rows, batch_shape=batch_shape, dtype=dtype,
                          is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          assert_proper_shapes=assert_proper_shapes, name=name)  # fmt: skip
        self._assert_proper_shapes = assert_proper_shapes
        for hint, text in (
            (is_self_adjoint, "self adjoint"),
            (is_non_singular, "non-singular"),
            (is_positive_definite, "positive-definite"),
            (is_square, "square"),
        ):
            if not hint:
                raise ValueError(f"An identity operator is always {text}.")
        super().__init__(tf.as_dtype(dtype or tf.float32), None, is_non_singular,
                         is_self_adjoint, is_positive_definite, is_square, name,
                         parameters)  # fmt: skip
        self._set_num_rows(num_rows)
        self._batch_shape_arg = _batch_shape_arg(batch_shape)

    def _shape(self) -> tf.TensorShape:
        n = self._num_rows_static
        if self._batch_shape_arg is None:
            return tf.TensorShape([n, n])
        return tf.TensorShape(tf.get_static_value(self._batch_shape_arg).tolist() + [n, n])

    def _linop_adjoint(self) -> LinearOperator:
        return self

    def _linop_cholesky(self) -> LinearOperator:
        return LinearOperatorIdentity(self._num_rows, batch_shape=self.batch_shape.as_list(),
                                      dtype=self.dtype)  # fmt: skip

    def _linop_inverse(self) -> LinearOperator:
        return self

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        return right

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        return right

    def _assert_non_singular(self) -> Any:
        return None

    def _assert_positive_definite(self) -> Any:
        return None

    def _assert_self_adjoint(self) -> Any:
        return None

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        x = adjoint_if(x, adjoint_arg)
        if self._batch_shape_arg is None:
            return x
        return _broadcast_to_batch(x, self.batch_shape, self.dtype)

    def _determinant(self) -> Any:
        return tf.ones(self.batch_shape, self.dtype)

    def _log_abs_determinant(self) -> Any:
        return tf.zeros(self.batch_shape, self.dtype)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._matmul(rhs, adjoint_arg=adjoint_arg)

    def _trace(self) -> Any:
        return self._min_matrix_dim() * tf.ones(self.batch_shape, self.dtype)

    def _diag_part(self) -> Any:
        return self._ones_diag()

    def add_to_tensor(self, mat: Any, name: str = "add_to_tensor") -> Any:
        """``I + mat``: one added to the diagonal of ``mat``.

        >>> print(tf.linalg.LinearOperatorIdentity(2).add_to_tensor(tf.zeros((2, 2))))
        tf.Tensor(
        [[1. 0.]
         [0. 1.]], shape=(2, 2), dtype=float32)
        """
        mat = tf.convert_to_tensor(mat, name="mat")
        return tf.linalg.set_diag(mat, 1 + tf.linalg.diag_part(mat))

    def _eigvals(self) -> Any:
        return self._ones_diag()

    def _cond(self) -> Any:
        return tf.ones(self.batch_shape, self.dtype)

    def __getitem__(self, slices: Any) -> LinearOperator:
        batch = tf.shape(tf.ones(self._batch_shape_arg)[slices])
        return LinearOperatorIdentity(**dict(self.parameters, batch_shape=batch))


class LinearOperatorScaledIdentity(_BaseIdentity):
    """``multiplier * I``: a (batch of) scalar multiples of the identity.

    >>> op = tf.linalg.LinearOperatorScaledIdentity(3, 2.0)
    >>> print(op.determinant())
    tf.Tensor(8.0, shape=(), dtype=float32)
    >>> print(op.solvevec([1.0, 2.0, 4.0]))
    tf.Tensor([0.5 1.  2. ], shape=(3,), dtype=float32)
    """

    _is_scaled_identity = True

    def __init__(
        self,
        num_rows: Any,
        multiplier: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        assert_proper_shapes: bool = False,
        name: str = "LinearOperatorScaledIdentity",
    ) -> None:
        """``num_rows`` rows; ``multiplier``'s shape is the batch shape.

        >>> tf.linalg.LinearOperatorScaledIdentity(2, [1.0, 3.0]).shape
        TensorShape([2, 2, 2])
        """
        parameters = dict(num_rows=num_rows, multiplier=multiplier,
                          is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          assert_proper_shapes=assert_proper_shapes, name=name)  # fmt: skip
        self._assert_proper_shapes = assert_proper_shapes
        self._multiplier = convert_parameter(multiplier, "multiplier")
        if not self._multiplier.dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError("A real diagonal operator is always self adjoint.")
            is_self_adjoint = True
        if not is_square:
            raise ValueError("A ScaledIdentity operator is always square.")
        super().__init__(self._multiplier.dtype, None, is_non_singular, is_self_adjoint,
                         is_positive_definite, is_square, name, parameters)  # fmt: skip
        self._set_num_rows(num_rows)

    @property
    def multiplier(self) -> Any:
        """The scalar (or batch of scalars) multiplying the identity.

        >>> print(tf.linalg.LinearOperatorScaledIdentity(2, 3.0).multiplier)
        tf.Tensor(3.0, shape=(), dtype=float32)
        """
        return self._multiplier

    def _shape(self) -> tf.TensorShape:
        n = self._num_rows_static
        return self._multiplier.shape.concatenate([n, n])

    def _assert_non_singular(self) -> Any:
        return tf.debugging.assert_positive(tf.abs(self._multiplier),
                                            message="LinearOperator was singular")  # fmt: skip

    def _assert_positive_definite(self) -> Any:
        return tf.debugging.assert_positive(
            tf.math.real(self._multiplier), message="LinearOperator was not positive definite."
        )

    def _assert_self_adjoint(self) -> Any:
        imag = tf.math.imag(self._multiplier)
        return tf.debugging.assert_equal(tf.zeros_like(imag), imag,
                                         message="LinearOperator was not self-adjoint")  # fmt: skip

    def _multiplier_matrix(self, conjugate: bool = False) -> Any:
        m = tf.expand_dims(tf.expand_dims(self._multiplier, -1), -1)
        return tf.math.conj(m) if conjugate else m

    def _with(self, multiplier: Any, **hints: Any) -> LinearOperatorScaledIdentity:
        return LinearOperatorScaledIdentity(self._num_rows, multiplier, is_square=True, **hints)

    def _linop_adjoint(self) -> LinearOperator:
        m = read(self._multiplier)
        m = tf.math.conj(m) if m.dtype.is_complex else m
        return self._with(m, is_non_singular=self.is_non_singular,
                          is_self_adjoint=self.is_self_adjoint,
                          is_positive_definite=self.is_positive_definite)  # fmt: skip

    def _linop_cholesky(self) -> LinearOperator:
        return self._with(tf.sqrt(read(self._multiplier)), is_non_singular=True,
                          is_self_adjoint=True, is_positive_definite=True)  # fmt: skip

    def _linop_inverse(self) -> LinearOperator:
        return self._with(1.0 / read(self._multiplier), is_non_singular=self.is_non_singular,
                          is_self_adjoint=True,
                          is_positive_definite=self.is_positive_definite)  # fmt: skip

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        hints = commuting_hints(left, right)
        hints.pop("is_square")
        if isinstance(right, LinearOperatorScaledIdentity):
            multiplier = read(left.multiplier) * read(right.multiplier)
            return LinearOperatorScaledIdentity(left.domain_dimension_tensor(), multiplier,
                                                is_square=True, **hints)  # fmt: skip
        if isinstance(right, LinearOperatorDiag):
            return LinearOperatorDiag(read(right.diag) * read(left.multiplier),
                                      is_square=True, **hints)  # fmt: skip
        return super()._linop_matmul(left, right)

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        hints = commuting_hints(left, right)
        hints.pop("is_square")
        if isinstance(right, LinearOperatorScaledIdentity):
            multiplier = read(right.multiplier) / read(left.multiplier)
            return LinearOperatorScaledIdentity(left.domain_dimension_tensor(), multiplier,
                                                is_square=True, **hints)  # fmt: skip
        if isinstance(right, LinearOperatorDiag):
            return LinearOperatorDiag(read(right.diag) / read(left.multiplier),
                                      is_square=True, **hints)  # fmt: skip
        return super()._linop_solve(left, right)

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return adjoint_if(x, adjoint_arg) * self._multiplier_matrix(conjugate=adjoint)

    def _determinant(self) -> Any:
        return self._multiplier ** tf.cast(self._num_rows, self.dtype)

    def _log_abs_determinant(self) -> Any:
        n = tf.cast(self._num_rows, self.dtype.real_dtype)
        return n * tf.math.log(tf.abs(self._multiplier))

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return adjoint_if(rhs, adjoint_arg) / self._multiplier_matrix(conjugate=adjoint)

    def _trace(self) -> Any:
        ones = tf.ones(self.batch_shape, self.dtype)
        return self._multiplier * self._min_matrix_dim() * ones

    def _diag_part(self) -> Any:
        return self._ones_diag() * read(self._multiplier)[..., tf.newaxis]

    def add_to_tensor(self, mat: Any, name: str = "add_to_tensor") -> Any:
        """``multiplier * I + mat``.

        >>> print(tf.linalg.LinearOperatorScaledIdentity(2, 3.0).add_to_tensor(tf.ones((2, 2))))
        tf.Tensor(
        [[4. 1.]
         [1. 4.]], shape=(2, 2), dtype=float32)
        """
        mat = tf.convert_to_tensor(mat, name="mat")
        diag = tf.expand_dims(self._multiplier, -1) + tf.linalg.diag_part(mat)
        return tf.linalg.set_diag(mat, diag)

    def _eigvals(self) -> Any:
        return self._diag_part()

    def _cond(self) -> Any:
        one = tf.cast(1.0, self.dtype)
        return tf.where(tf.equal(self._multiplier, 0.0), tf.cast(np.nan, self.dtype), one)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"multiplier": 0}


class LinearOperatorZeros(LinearOperator):
    """The zero matrix (possibly rectangular): products are zeros of the right shape.

    >>> op = tf.linalg.LinearOperatorZeros(2, num_columns=3, is_square=False,
    ...                                    is_self_adjoint=False)
    >>> print(op.matvec([1.0, 2.0, 3.0]))
    tf.Tensor([0. 0.], shape=(2,), dtype=float32)
    """

    _is_zeros = True

    def __init__(
        self,
        num_rows: Any,
        num_columns: Any = None,
        batch_shape: Any = None,
        dtype: Any = None,
        is_non_singular: bool = False,
        is_self_adjoint: bool = True,
        is_positive_definite: bool = False,
        is_square: bool = True,
        assert_proper_shapes: bool = False,
        name: str = "LinearOperatorZeros",
    ) -> None:
        """``num_rows`` x ``num_columns`` zeros (square unless told), float32 by default.

        >>> tf.linalg.LinearOperatorZeros(2, batch_shape=[4]).shape
        TensorShape([4, 2, 2])
        """
        parameters = dict(num_rows=num_rows, num_columns=num_columns, batch_shape=batch_shape,
                          dtype=dtype, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          assert_proper_shapes=assert_proper_shapes, name=name)  # fmt: skip
        self._assert_proper_shapes = assert_proper_shapes
        if not is_self_adjoint and is_square:
            raise ValueError("A zero operator is always self adjoint.")
        if is_non_singular:
            raise ValueError("A zero operator is always singular.")
        if is_positive_definite:
            raise ValueError("A zero operator is always not positive-definite.")
        super().__init__(tf.as_dtype(dtype or tf.float32), None, is_non_singular,
                         is_self_adjoint, is_positive_definite, is_square, name,
                         parameters)  # fmt: skip
        for value, arg in ((num_rows, "num_rows"), (num_columns, "num_columns"),
                           (batch_shape, "batch_shape")):  # fmt: skip
            if isinstance(value, tf.Variable):
                raise TypeError(f"Argument {arg} cannot be reference type. Found: {type(value)}.")
        self._num_rows = shape_parameter(num_rows, "num_rows")
        self._num_columns = shape_parameter(
            num_rows if num_columns is None else num_columns, "num_columns"
        )
        _check_count(self._num_rows, "num_rows")
        _check_count(self._num_columns, "num_columns")
        rows = int(tf.get_static_value(self._num_rows))
        columns = int(tf.get_static_value(self._num_columns))
        if is_square and rows != columns:
            raise ValueError(
                "LinearOperatorZeros initialized as is_square=True, but got "
                f"num_rows({rows}) != num_columns({columns})"
            )
        self._rows, self._columns = rows, columns
        self._batch_shape_arg = _batch_shape_arg(batch_shape)

    def _shape(self) -> tf.TensorShape:
        matrix = [self._rows, self._columns]
        if self._batch_shape_arg is None:
            return tf.TensorShape(matrix)
        return tf.TensorShape(tf.get_static_value(self._batch_shape_arg).tolist() + matrix)

    def _assert_non_singular(self) -> Any:
        raise tf.errors.InvalidArgumentError(
            None, None, "Zero operators are always non-invertible."
        )

    def _assert_positive_definite(self) -> Any:
        raise tf.errors.InvalidArgumentError(
            None, None, "Zero operators are always non-positive definite."
        )

    def _assert_self_adjoint(self) -> Any:
        return None

    def _broadcast(self, x: Any) -> Any:
        if self._batch_shape_arg is None:
            return x
        return _broadcast_to_batch(x, self.batch_shape, self.dtype)

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        shape = x.shape.as_list()
        if self.is_square:
            if adjoint_arg:
                shape = shape[:-2] + [shape[-1], shape[-2]]
        else:
            n = self._columns if adjoint else self._rows
            shape = shape[:-2] + [n, shape[-2] if adjoint_arg else shape[-1]]
        return self._broadcast(tf.zeros(shape, x.dtype))

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        if not left.is_square or not right.is_square:
            raise ValueError(
                "Matmul with non-square `LinearOperator`s or non-square `LinearOperatorZeros` "
                "not supported at this time."
            )
        return left

    def _determinant(self) -> Any:
        return tf.zeros(self.batch_shape, self.dtype)

    def _trace(self) -> Any:
        return tf.zeros(self.batch_shape, self.dtype)

    def _zeros_diag(self) -> Any:
        n = min(self._rows, self._columns)
        return tf.zeros(self.batch_shape.concatenate([n]), self.dtype)

    def _diag_part(self) -> Any:
        return self._zeros_diag()

    def add_to_tensor(self, mat: Any, name: str = "add_to_tensor") -> Any:
        """``0 + mat``: ``mat`` (broadcast to the batch shape).

        >>> print(tf.linalg.LinearOperatorZeros(2).add_to_tensor(tf.ones((2, 2))))
        tf.Tensor(
        [[1. 1.]
         [1. 1.]], shape=(2, 2), dtype=float32)
        """
        return self._broadcast(tf.convert_to_tensor(mat, name="mat"))

    def _eigvals(self) -> Any:
        return self._zeros_diag()

    def __getitem__(self, slices: Any) -> LinearOperator:
        batch = tf.shape(tf.ones(self._batch_shape_arg)[slices])
        return LinearOperatorZeros(**dict(self.parameters, batch_shape=batch))
