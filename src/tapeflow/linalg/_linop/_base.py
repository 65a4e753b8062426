"""tf.linalg.LinearOperator: the abstract base of the operator family.

An operator is a (batch of) matrices known through its structure: subclasses
say what their shape is and how they multiply (``_shape``, ``_matmul``), and
may override any other ``_method`` where the structure makes it cheaper
(a diagonal solves elementwise). Everything else falls back to the dense
matrix, as TensorFlow's base class does. Every method is written in
tapeflow's public ops, so gradients come from the existing rules.
"""

from __future__ import annotations

import abc
from typing import Any

import numpy as np

import tapeflow as tf

from ...module import Module
from ._util import (
    Dimension,
    _batch_slice,
    adjoint_if,
    broadcast_batch,
    check_compatible,
    product_hints,
)

_LOG = tf.get_logger()
_SLOW = (
    "Using (possibly slow) default implementation of {}.  Requires conversion to a dense matrix{}."
)
_CUBIC = " and O(N^3) operations"


class LinearOperator(Module, metaclass=abc.ABCMeta):
    """Base class of TF's structured linear operators: subclass it and define
    ``_shape`` and ``_matmul`` (TF's recipe); the other methods have dense defaults.

    >>> class Twice(tf.linalg.LinearOperator):
    ...     def __init__(self, n):
    ...         self._n = n
    ...         super().__init__(dtype=tf.float32, is_self_adjoint=True, is_square=True)
    ...     def _shape(self):
    ...         return tf.TensorShape([self._n, self._n])
    ...     def _matmul(self, x, adjoint=False, adjoint_arg=False):
    ...         return 2.0 * (tf.linalg.adjoint(x) if adjoint_arg else x)
    >>> print(Twice(2).to_dense())
    tf.Tensor(
    [[2. 0.]
     [0. 2.]], shape=(2, 2), dtype=float32)
    """

    _is_linear_operator = True  # lets tf.linalg's functions dispatch without importing this

    def __init__(
        self,
        dtype: Any,
        graph_parents: Any = None,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str | None = None,
        parameters: dict | None = None,
    ) -> None:
        """Record the dtype and the hints, completing those others imply.

        >>> op = tf.linalg.LinearOperatorFullMatrix([[2.0, 0.0], [0.0, 1.0]],
        ...                                        is_positive_definite=True)
        >>> op.is_non_singular, op.is_square
        (True, True)
        """
        if is_positive_definite:
            if is_non_singular is False:
                raise ValueError("A positive definite matrix is always non-singular.")
            is_non_singular = True
        if is_non_singular:
            if is_square is False:
                raise ValueError("A non-singular matrix is always square.")
            is_square = True
        if is_self_adjoint:
            if is_square is False:
                raise ValueError("A self-adjoint matrix is always square.")
            is_square = True
        self._square_hint = is_square
        self._graph_parents = list(graph_parents or [])
        self._dtype = tf.as_dtype(dtype) if dtype else dtype
        self._is_non_singular = is_non_singular
        self._is_self_adjoint = is_self_adjoint
        self._is_positive_definite = is_positive_definite
        self._parameters = dict(parameters or {})
        # tf.Module's name check is not TF's here: operator names are free text.
        self._name = name or type(self).__name__
        self._scope_name = self._name + "/"

    # ---- properties ------------------------------------------------------
    @property
    def parameters(self) -> dict:
        """The constructor's arguments, as given.

        >>> tf.linalg.LinearOperatorIdentity(2).parameters['num_rows']
        2
        """
        return dict(self._parameters)

    @property
    def dtype(self) -> Any:
        """The dtype of the matrix and of the tensors it acts on.

        >>> tf.linalg.LinearOperatorDiag([1.0, 2.0]).dtype
        tf.float32
        """
        return self._dtype

    @property
    def name(self) -> str:
        """The operator's name (its class name by default).

        >>> tf.linalg.LinearOperatorDiag([1.0]).name
        'LinearOperatorDiag'
        """
        return self._name

    @property
    def graph_parents(self) -> list:
        """Deprecated in TF; the list given to the constructor.

        >>> tf.linalg.LinearOperatorDiag([1.0]).graph_parents
        []
        """
        return self._graph_parents

    @property
    def is_non_singular(self) -> bool | None:
        """Hint: the matrix is invertible (None: not known).

        >>> print(tf.linalg.LinearOperatorDiag([1.0]).is_non_singular)
        None
        """
        return self._is_non_singular

    @property
    def is_self_adjoint(self) -> bool | None:
        """Hint: the matrix equals its conjugate transpose.

        >>> tf.linalg.LinearOperatorDiag([1.0]).is_self_adjoint
        True
        """
        return self._is_self_adjoint

    @property
    def is_positive_definite(self) -> bool | None:
        """Hint: Re(x^H A x) > 0 for every nonzero x.

        >>> tf.linalg.LinearOperatorIdentity(2).is_positive_definite
        True
        """
        return self._is_positive_definite

    @property
    def is_square(self) -> bool | None:
        """Whether the matrix is square: the hint, else the static shape.

        >>> tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))).is_square
        False
        """
        square = self.domain_dimension == self.range_dimension
        if self._square_hint is False and square:
            raise ValueError("User set is_square hint to False, but the operator was square.")
        return square if self._square_hint is None else self._square_hint

    @abc.abstractmethod
    def _shape(self) -> tf.TensorShape:
        raise NotImplementedError("_shape is not implemented.")

    def _shape_tensor(self) -> Any:
        raise NotImplementedError("_shape_tensor is not implemented.")

    @property
    def shape(self) -> tf.TensorShape:
        """The static shape, batch dimensions first.

        >>> tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).shape
        TensorShape([3, 2, 2])
        """
        return self._shape()

    def shape_tensor(self, name: str = "shape_tensor") -> Any:
        """The shape as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).shape_tensor())
        tf.Tensor([2 2], shape=(2,), dtype=int32)
        """
        if self.shape.is_fully_defined():
            return tf.constant(self.shape.as_list(), tf.int32)
        return self._shape_tensor()

    @property
    def batch_shape(self) -> tf.TensorShape:
        """The shape without the matrix dimensions.

        >>> tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).batch_shape
        TensorShape([3])
        """
        return self.shape[:-2]

    def batch_shape_tensor(self, name: str = "batch_shape_tensor") -> Any:
        """The batch shape as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).batch_shape_tensor())
        tf.Tensor([3], shape=(1,), dtype=int32)
        """
        return tf.constant(self.batch_shape.as_list(), tf.int32)

    @property
    def tensor_rank(self) -> int | None:
        """The number of dimensions of the dense matrix, batch included.

        >>> tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).tensor_rank
        3
        """
        return self.shape.rank

    def tensor_rank_tensor(self, name: str = "tensor_rank_tensor") -> Any:
        """``tensor_rank`` as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorDiag([1.0]).tensor_rank_tensor())
        tf.Tensor(2, shape=(), dtype=int32)
        """
        return tf.constant(self.tensor_rank, tf.int32)

    @property
    def domain_dimension(self) -> Dimension:
        """The number of columns (the size of the vectors it acts on).

        >>> tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))).domain_dimension
        Dimension(3)
        """
        return Dimension(self.shape[-1])

    def domain_dimension_tensor(self, name: str = "domain_dimension_tensor") -> Any:
        """``domain_dimension`` as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))).domain_dimension_tensor())
        tf.Tensor(3, shape=(), dtype=int32)
        """
        return tf.constant(int(self.domain_dimension), tf.int32)

    @property
    def range_dimension(self) -> Dimension:
        """The number of rows.

        >>> tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))).range_dimension
        Dimension(2)
        """
        return Dimension(self.shape[-2])

    def range_dimension_tensor(self, name: str = "range_dimension_tensor") -> Any:
        """``range_dimension`` as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))).range_dimension_tensor())
        tf.Tensor(2, shape=(), dtype=int32)
        """
        return tf.constant(int(self.range_dimension), tf.int32)

    # ---- checks ----------------------------------------------------------
    def _assert_non_singular(self) -> Any:
        _LOG.warning(_SLOW.format("assert_non_singular", _CUBIC))
        if self._can_use_cholesky():
            return self.assert_positive_definite()
        values = tf.linalg.svd(self.to_dense(), compute_uv=False)
        cond = tf.reduce_max(values, axis=-1) / tf.reduce_min(values, axis=-1)
        eps = np.finfo(self.dtype.as_numpy_dtype).eps
        limit = 1.0 / (max(100.0, self.range_dimension, self.domain_dimension) * eps)
        return tf.debugging.assert_less(
            cond, tf.cast(limit, cond.dtype), message="Singular matrix up to precision epsilon."
        )

    def assert_non_singular(self, name: str = "assert_non_singular") -> Any:
        """Raise InvalidArgumentError when the matrix is singular (eagerly: None when not).

        >>> print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).assert_non_singular())
        None
        """
        return self._assert_non_singular()

    def _assert_positive_definite(self) -> Any:
        _LOG.warning(_SLOW.format("assert_positive_definite", _CUBIC))
        if self.is_self_adjoint:
            chol = tf.linalg.cholesky(self.to_dense())
            return tf.debugging.assert_positive(
                tf.linalg.diag_part(chol), message="Matrix was not positive definite."
            )
        raise NotImplementedError("assert_positive_definite is not implemented.")

    def assert_positive_definite(self, name: str = "assert_positive_definite") -> Any:
        """Raise InvalidArgumentError unless the matrix is positive definite.

        >>> print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).assert_positive_definite())
        None
        """
        return self._assert_positive_definite()

    def _assert_self_adjoint(self) -> Any:
        dense = self.to_dense()
        _LOG.warning(_SLOW.format("assert_self_adjoint", ""))
        return tf.debugging.assert_equal(
            dense, tf.linalg.adjoint(dense), message="Matrix was not equal to its adjoint."
        )

    def assert_self_adjoint(self, name: str = "assert_self_adjoint") -> Any:
        """Raise InvalidArgumentError unless the matrix equals its adjoint.

        >>> print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).assert_self_adjoint())
        None
        """
        return self._assert_self_adjoint()

    def _check_input_dtype(self, arg: Any) -> None:
        if arg.dtype != self.dtype:
            raise TypeError(
                f"Expected argument to have dtype {self.dtype!s}.  "
                f"Found: {arg.dtype!s} in tensor {arg!s}"
            )

    def _convert_arg(self, x: Any, name: str) -> Any:
        x = tf.convert_to_tensor(x, name=name)
        self._check_input_dtype(x)
        return x

    # ---- products --------------------------------------------------------
    @abc.abstractmethod
    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        raise NotImplementedError("_matmul is not implemented.")

    def matmul(
        self, x: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "matmul"
    ) -> Any:
        """``A @ x`` (``A^H`` with adjoint, ``x^H`` with adjoint_arg); for an operator
        ``x``, the product as an operator (structured where TF makes it so).

        >>> op = tf.linalg.LinearOperatorDiag([2.0, 3.0])
        >>> print(op.matmul([[1.0], [1.0]]))
        tf.Tensor(
        [[2.]
         [3.]], shape=(2, 1), dtype=float32)
        >>> type(op @ op).__name__
        'LinearOperatorDiag'
        """
        if isinstance(x, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = x.adjoint() if adjoint_arg else x
            _check_operators(left, right, "x")
            return self._linop_matmul(left, right)
        x = self._convert_arg(x, "x")
        check_compatible(self.shape[-2 if adjoint else -1], _dim(x, -1 if adjoint_arg else -2))
        return self._matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        from ._wrappers import LinearOperatorComposition

        if getattr(right, "_is_identity", False):
            return left
        if getattr(right, "_is_zeros", False):
            if not right.is_square or not left.is_square:
                raise ValueError(
                    "Matmul with non-square `LinearOperator`s or non-square "
                    "`LinearOperatorZeros` not supported at this time."
                )
            return right
        return LinearOperatorComposition([left, right], **product_hints(left, right))

    def __matmul__(self, other: Any) -> Any:
        return self.matmul(other)

    def __rmatmul__(self, other: Any) -> Any:
        # x @ A = (A^H x^H)^H, TF's dispatch for a tensor on the left.
        return tf.linalg.adjoint(self.matmul(other, adjoint=True, adjoint_arg=True))

    def _matvec(self, x: Any, adjoint: bool = False) -> Any:
        return tf.squeeze(self.matmul(tf.expand_dims(x, -1), adjoint=adjoint), -1)

    def matvec(self, x: Any, adjoint: bool = False, name: str = "matvec") -> Any:
        """``A @ x`` for a (batch of) vectors ``x``.

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 3.0]).matvec([1.0, 1.0]))
        tf.Tensor([2. 3.], shape=(2,), dtype=float32)
        """
        x = self._convert_arg(x, "x")
        check_compatible(self.shape[-2 if adjoint else -1], _dim(x, -1))
        return self._matvec(x, adjoint=adjoint)

    # ---- determinants ----------------------------------------------------
    def _determinant(self) -> Any:
        _LOG.warning(_SLOW.format("determinant", _CUBIC))
        if self._can_use_cholesky():
            return tf.exp(self.log_abs_determinant())
        return tf.linalg.det(self.to_dense())

    def determinant(self, name: str = "det") -> Any:
        """The determinant of each matrix in the batch.

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 3.0]).determinant())
        tf.Tensor(6.0, shape=(), dtype=float32)
        """
        self._need_square("Determinant")
        return self._determinant()

    def _log_abs_determinant(self) -> Any:
        _LOG.warning(_SLOW.format("determinant", _CUBIC))
        if self._can_use_cholesky():
            diag = tf.linalg.diag_part(tf.linalg.cholesky(self.to_dense()))
            return 2 * tf.reduce_sum(tf.math.log(diag), axis=[-1])
        return tf.linalg.slogdet(self.to_dense())[1]

    def log_abs_determinant(self, name: str = "log_abs_det") -> Any:
        """log |det A| of each matrix in the batch.

        >>> print(tf.linalg.LinearOperatorDiag([-2.0, 0.5]).log_abs_determinant())
        tf.Tensor(0.0, shape=(), dtype=float32)
        """
        self._need_square("Determinant")
        return self._log_abs_determinant()

    def _need_square(self, what: str) -> None:
        if self.is_square is False:
            raise NotImplementedError(
                f"{what} not implemented for an operator that is expected to not be square."
            )

    # ---- solves ----------------------------------------------------------
    def _dense_solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        if self.is_square is False:
            raise NotImplementedError("Solve is not yet implemented for non-square operators.")
        rhs = adjoint_if(rhs, adjoint_arg)
        if self._can_use_cholesky():
            return tf.linalg.cholesky_solve(tf.linalg.cholesky(self.to_dense()), rhs)
        matrix, rhs = broadcast_batch(self.to_dense(), rhs)
        return tf.linalg.solve(matrix, rhs, adjoint=adjoint)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        _LOG.warning(_SLOW.format("solve", _CUBIC))
        return self._dense_solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def solve(
        self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "solve"
    ) -> Any:
        """X with ``A @ X = rhs`` (``A^H`` with adjoint); for an operator ``rhs``,
        ``A^-1 @ rhs`` as an operator.

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 4.0]).solve([[1.0], [1.0]]))
        tf.Tensor(
        [[0.5 ]
         [0.25]], shape=(2, 1), dtype=float32)
        """
        self._check_solvable()
        if isinstance(rhs, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = rhs.adjoint() if adjoint_arg else rhs
            _check_operators(left, right, "rhs")
            return self._linop_solve(left, right)
        rhs = self._convert_arg(rhs, "rhs")
        check_compatible(self.shape[-1 if adjoint else -2], _dim(rhs, -1 if adjoint_arg else -2))
        return self._solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _check_solvable(self) -> None:
        if self.is_non_singular is False:
            raise NotImplementedError(
                "Exact solve not implemented for an operator that is expected to be singular."
            )
        if self.is_square is False:
            raise NotImplementedError(
                "Exact solve not implemented for an operator that is expected to not be square."
            )

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        from ._wrappers import LinearOperatorComposition, LinearOperatorInversion

        if getattr(right, "_is_identity", False):
            return left.inverse()
        return LinearOperatorComposition(
            [LinearOperatorInversion(left), right], **product_hints(left, right)
        )

    def _solvevec(self, rhs: Any, adjoint: bool = False) -> Any:
        return tf.squeeze(self.solve(tf.expand_dims(rhs, -1), adjoint=adjoint), -1)

    def solvevec(self, rhs: Any, adjoint: bool = False, name: str = "solve") -> Any:
        """x with ``A @ x = rhs`` for a (batch of) vectors.

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 4.0]).solvevec([1.0, 1.0]))
        tf.Tensor([0.5  0.25], shape=(2,), dtype=float32)
        """
        rhs = self._convert_arg(rhs, "rhs")
        check_compatible(self.shape[-1 if adjoint else -2], _dim(rhs, -1))
        return self._solvevec(rhs, adjoint=adjoint)

    # ---- derived operators -----------------------------------------------
    def adjoint(self, name: str = "adjoint") -> LinearOperator:
        """The conjugate transpose as an operator (itself when self-adjoint).

        >>> op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
        >>> print(op.adjoint().to_dense())
        tf.Tensor(
        [[1. 3.]
         [2. 4.]], shape=(2, 2), dtype=float32)
        """
        if self.is_self_adjoint is True:
            return self
        return self._linop_adjoint()

    @property
    def H(self) -> LinearOperator:  # noqa: N802 - TF's name
        """``adjoint()``.

        >>> type(tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]]).H).__name__
        'LinearOperatorAdjoint'
        """
        return self.adjoint()

    def _linop_adjoint(self) -> LinearOperator:
        from ._wrappers import LinearOperatorAdjoint

        return LinearOperatorAdjoint(self, **self._hints())

    def inverse(self, name: str = "inverse") -> LinearOperator:
        """The inverse as an operator (structured where TF makes it so).

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 4.0]).inverse().diag)
        tf.Tensor([0.5  0.25], shape=(2,), dtype=float32)
        """
        if self.is_square is False:
            raise ValueError(
                "Cannot take the Inverse: This operator represents a non square matrix."
            )
        if self.is_non_singular is False:
            raise ValueError("Cannot take the Inverse: This operator represents a singular matrix.")
        return self._linop_inverse()

    def _linop_inverse(self) -> LinearOperator:
        from ._wrappers import LinearOperatorInversion

        return LinearOperatorInversion(self, **self._hints())

    def cholesky(self, name: str = "cholesky") -> LinearOperator:
        """The lower Cholesky factor as an operator; needs the self-adjoint and
        positive-definite hints.

        >>> op = tf.linalg.LinearOperatorDiag([4.0, 9.0], is_positive_definite=True)
        >>> print(op.cholesky().diag)
        tf.Tensor([2. 3.], shape=(2,), dtype=float32)
        """
        if not self._can_use_cholesky():
            raise ValueError(
                "Cannot take the Cholesky decomposition: Not a positive definite self adjoint "
                "matrix."
            )
        return self._linop_cholesky()

    def _linop_cholesky(self) -> LinearOperator:
        from ._dense import LinearOperatorLowerTriangular

        return LinearOperatorLowerTriangular(
            tf.linalg.cholesky(self.to_dense()),
            is_non_singular=True, is_self_adjoint=False, is_square=True,
        )  # fmt: skip

    def _hints(self) -> dict[str, Any]:
        return {"is_non_singular": self.is_non_singular, "is_self_adjoint": self.is_self_adjoint,
                "is_positive_definite": self.is_positive_definite,
                "is_square": self.is_square}  # fmt: skip

    # ---- dense views -----------------------------------------------------
    def _to_dense(self) -> Any:
        n = int(self.domain_dimension)
        return self.matmul(tf.eye(n, batch_shape=self.batch_shape.as_list(), dtype=self.dtype))

    def to_dense(self, name: str = "to_dense") -> Any:
        """The matrix as a dense tensor.

        >>> print(tf.linalg.LinearOperatorDiag([2.0, 3.0]).to_dense())
        tf.Tensor(
        [[2. 0.]
         [0. 3.]], shape=(2, 2), dtype=float32)
        """
        return self._to_dense()

    def _diag_part(self) -> Any:
        return tf.linalg.diag_part(self.to_dense())

    def diag_part(self, name: str = "diag_part") -> Any:
        """The main diagonal.

        >>> print(tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]]).diag_part())
        tf.Tensor([1. 4.], shape=(2,), dtype=float32)
        """
        return self._diag_part()

    def _trace(self) -> Any:
        return tf.reduce_sum(self.diag_part(), axis=-1)

    def trace(self, name: str = "trace") -> Any:
        """The sum of the diagonal.

        >>> print(tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]]).trace())
        tf.Tensor(5.0, shape=(), dtype=float32)
        """
        return self._trace()

    def _add_to_tensor(self, x: Any) -> Any:
        return self.to_dense() + x

    def add_to_tensor(self, x: Any, name: str = "add_to_tensor") -> Any:
        """``A + x`` as a dense tensor.

        >>> print(tf.linalg.LinearOperatorIdentity(2).add_to_tensor(tf.ones((2, 2))))
        tf.Tensor(
        [[2. 1.]
         [1. 2.]], shape=(2, 2), dtype=float32)
        """
        return self._add_to_tensor(self._convert_arg(x, "x"))

    def _eigvals(self) -> Any:
        return tf.linalg.eigvalsh(self.to_dense())

    def eigvals(self, name: str = "eigvals") -> Any:
        """The eigenvalues; only for self-adjoint operators (TF's rule).

        >>> print(tf.linalg.LinearOperatorDiag([3.0, 1.0]).eigvals())
        tf.Tensor([3. 1.], shape=(2,), dtype=float32)
        """
        if not self.is_self_adjoint:
            raise NotImplementedError("Only self-adjoint matrices are supported.")
        return self._eigvals()

    def _cond(self) -> Any:
        if not self.is_self_adjoint:
            values = tf.linalg.svd(self.to_dense(), compute_uv=False)
        else:
            values = tf.abs(self._eigvals())
        return tf.reduce_max(values, axis=-1) / tf.reduce_min(values, axis=-1)

    def cond(self, name: str = "cond") -> Any:
        """The condition number: largest over smallest singular value.

        >>> print(tf.linalg.LinearOperatorDiag([4.0, -1.0]).cond())
        tf.Tensor(4.0, shape=(), dtype=float32)
        """
        return self._cond()

    def _can_use_cholesky(self) -> bool:
        return bool(self.is_self_adjoint and self.is_positive_definite)

    # ---- batch slicing ---------------------------------------------------
    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {}

    def __getitem__(self, slices: Any) -> LinearOperator:
        """The operator with its batch dimensions sliced like a tensor's."""
        return _batch_slice(self, slices)


def _dim(x: Any, axis: int) -> int | None:
    shape = x.shape
    if shape.rank is None or shape.rank < -axis:
        # TF reads the dimension off a too-short shape and fails the same way.
        raise ValueError(f"Index out of range using input dim {shape.rank}")
    return shape[axis]


def _check_operators(left: LinearOperator, right: LinearOperator, arg: str) -> None:
    if right.range_dimension != left.domain_dimension:
        raise ValueError(
            f"Operators are incompatible. Expected `{arg}` to have dimension "
            f"{int(left.domain_dimension)} but got {int(right.range_dimension)}."
        )
