"""Operators made of other operators: Adjoint, Inversion, Composition, Kronecker."""

from __future__ import annotations

import operator as _operator
from typing import Any

import tapeflow as tf

from ._base import LinearOperator
from ._util import (
    batch_shape_of,
    combine_hint,
    common_dtype,
    fold,
    implied_hints,
    kept_hints,
    operator_list,
)


class _OneOperator(LinearOperator):
    """What the adjoint and the inverse of an operator share: their hints come
    from the operator's, and its checks and condition number are theirs."""

    _operator: LinearOperator

    def _init_from(self, operator: LinearOperator, relation: str, suffix: str, given: dict) -> None:
        # ``given``: the constructor's arguments (also its ``parameters``).
        text = "An operator is {0} if and only if its " + relation + " is {0}."
        hints = {attr: combine_hint(operator, attr, given[attr], text.format(word))
                 for attr, word in (("is_square", "square"),
                                    ("is_non_singular", "non-singular"),
                                    ("is_self_adjoint", "self-adjoint"),
                                    ("is_positive_definite", "positive-definite"))}  # fmt: skip
        super().__init__(operator.dtype, None, hints["is_non_singular"], hints["is_self_adjoint"],
                         hints["is_positive_definite"], hints["is_square"],
                         given["name"] or operator.name + suffix, given)  # fmt: skip

    def _assert_non_singular(self) -> Any:
        return self._operator.assert_non_singular()

    def _assert_positive_definite(self) -> Any:
        return self._operator.assert_positive_definite()

    def _assert_self_adjoint(self) -> Any:
        return self._operator.assert_self_adjoint()

    def _cond(self) -> Any:
        return self._operator.cond()

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"operator": 0}


class LinearOperatorAdjoint(_OneOperator):
    """The conjugate transpose of an operator, applied through the operator's own
    adjoint methods (no dense matrix is formed).

    >>> op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    >>> print(tf.linalg.LinearOperatorAdjoint(op).matvec([1.0, 0.0]))
    tf.Tensor([1. 2.], shape=(2,), dtype=float32)
    """

    def __init__(
        self,
        operator: LinearOperator,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str | None = None,
    ) -> None:
        """Wrap ``operator``; hints default to the operator's (a contradiction is an error).

        >>> op = tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3)))
        >>> tf.linalg.LinearOperatorAdjoint(op).shape
        TensorShape([3, 2])
        """
        parameters = dict(operator=operator, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._operator = operator
        self._init_from(operator, "adjoint", "_adjoint", parameters)

    @property
    def operator(self) -> LinearOperator:
        """The operator whose adjoint this is.

        >>> op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
        >>> op.H.operator is op
        True
        """
        return self._operator

    def _linop_adjoint(self) -> LinearOperator:
        return self._operator

    def _shape(self) -> tf.TensorShape:
        shape = self._operator.shape
        return shape[:-2].concatenate([shape[-1], shape[-2]])

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._operator.matmul(x, adjoint=not adjoint, adjoint_arg=adjoint_arg)

    def _matvec(self, x: Any, adjoint: bool = False) -> Any:
        return self._operator.matvec(x, adjoint=not adjoint)

    def _determinant(self) -> Any:
        if self.is_self_adjoint:
            return self._operator.determinant()
        return tf.math.conj(self._operator.determinant())

    def _log_abs_determinant(self) -> Any:
        return self._operator.log_abs_determinant()

    def _trace(self) -> Any:
        if self.is_self_adjoint:
            return self._operator.trace()
        return tf.math.conj(self._operator.trace())

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._operator.solve(rhs, adjoint=not adjoint, adjoint_arg=adjoint_arg)

    def _solvevec(self, rhs: Any, adjoint: bool = False) -> Any:
        return self._operator.solvevec(rhs, adjoint=not adjoint)

    def _to_dense(self) -> Any:
        if self.is_self_adjoint:
            return self._operator.to_dense()
        return tf.linalg.adjoint(self._operator.to_dense())

    def _add_to_tensor(self, x: Any) -> Any:
        return self.to_dense() + x

    def _eigvals(self) -> Any:
        values = self._operator.eigvals()
        return values if self._operator.is_self_adjoint else tf.math.conj(values)


class LinearOperatorInversion(_OneOperator):
    """The inverse of an operator: its matmul is the operator's solve and back.

    >>> op = tf.linalg.LinearOperatorFullMatrix([[2.0, 0.0], [0.0, 4.0]])
    >>> print(tf.linalg.LinearOperatorInversion(op).matvec([1.0, 1.0]))
    tf.Tensor([0.5  0.25], shape=(2,), dtype=float32)
    """

    def __init__(
        self,
        operator: LinearOperator,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str | None = None,
    ) -> None:
        """Wrap a square, non-singular (or not known singular) ``operator``.

        >>> op = tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [1.0, 2.0]])
        >>> tf.linalg.LinearOperatorInversion(op).name
        'LinearOperatorFullMatrix_inv'
        """
        parameters = dict(operator=operator, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._operator = operator
        if operator.is_non_singular is False or is_non_singular is False:
            raise ValueError(
                "Argument `is_non_singular` or argument `operator` must have supplied hint "
                "`is_non_singular` equal to `True` or `None`. Found `operator.is_non_singular`: "
                f"{operator.is_non_singular}, `is_non_singular`: {is_non_singular}."
            )
        if operator.is_square is False or is_square is False:
            raise ValueError(
                "Argument `is_square` or argument `operator` must have supplied hint "
                "`is_square` equal to `True` or `None`. Found `operator.is_square`: "
                f"{operator.is_square}, `is_square`: {is_square}."
            )
        self._init_from(operator, "inverse", "_inv", parameters)

    @property
    def operator(self) -> LinearOperator:
        """The operator whose inverse this is.

        >>> op = tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [1.0, 2.0]])
        >>> op.inverse().operator is op
        True
        """
        return self._operator

    def _linop_inverse(self) -> LinearOperator:
        return self._operator

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        return left.operator.matmul(right)

    def _shape(self) -> tf.TensorShape:
        return self._operator.shape

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._operator.solve(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _determinant(self) -> Any:
        return 1.0 / self._operator.determinant()

    def _log_abs_determinant(self) -> Any:
        return -1.0 * self._operator.log_abs_determinant()

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._operator.matmul(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _eigvals(self) -> Any:
        return 1.0 / self._operator.eigvals()


def _is_adjoint_pair(x: LinearOperator, y: LinearOperator) -> bool:
    if x is y:
        if x.is_self_adjoint is False:
            return False
        if x.is_self_adjoint:
            return True
    return x.H is y or y.H is x


def _is_aat_form(operators: list) -> bool:
    """Whether the product has the form A_1 ... A_k A_k^H ... A_1^H (TF's test)."""
    if len(operators) % 2:
        return False
    return all(_is_adjoint_pair(operators[i], operators[-1 - i])
               for i in range(len(operators) // 2))  # fmt: skip


class LinearOperatorComposition(LinearOperator):
    """The product ``A_1 @ A_2 @ ... @ A_k`` of operators, applied right to left.

    >>> a = tf.linalg.LinearOperatorDiag([2.0, 3.0])
    >>> b = tf.linalg.LinearOperatorFullMatrix([[1.0, 1.0], [0.0, 1.0]])
    >>> print(tf.linalg.LinearOperatorComposition([a, b]).to_dense())
    tf.Tensor(
    [[2. 2.]
     [0. 3.]], shape=(2, 2), dtype=float32)
    """

    def __init__(
        self,
        operators: list,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str | None = None,
    ) -> None:
        """Compose ``operators`` (one dtype, matching inner dimensions).

        >>> a = tf.linalg.LinearOperatorDiag([2.0, 3.0])
        >>> tf.linalg.LinearOperatorComposition([a, a]).name
        'LinearOperatorDiag_o_LinearOperatorDiag'
        """
        parameters = dict(operators=operators, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        operators = operator_list(operators, "Expected a non-empty list of operators. Found: {}")
        self._operators = operators
        dtype = common_dtype(operators)
        if all(o.is_non_singular for o in operators):
            if is_non_singular is False:
                raise ValueError(
                    "The composition of non-singular operators is always non-singular."
                )
            is_non_singular = True
        aat = _is_aat_form(operators)
        if (len(operators) == 1 and operators[0].is_self_adjoint) or aat:
            if is_self_adjoint is False:
                raise ValueError(
                    "The composition was determined to be self-adjoint but user provided "
                    "incorrect `False` hint."
                )
            is_self_adjoint = True
        if aat:
            if is_square is False:
                raise ValueError(
                    "The composition was determined have the form A @ A.H, hence it must be "
                    "square. The user provided an incorrect `False` hint."
                )
            is_square = True
            if is_non_singular:
                if is_positive_definite is False:
                    raise ValueError(
                        "The composition was determined to be non-singular and have the form "
                        "A @ A.H, hence it must be positive-definite. The user provided an "
                        "incorrect `False` hint."
                    )
                is_positive_definite = True
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         is_square, name or "_o_".join(o.name for o in operators),
                         parameters)  # fmt: skip

    @property
    def operators(self) -> list:
        """The factors, leftmost first.

        >>> a = tf.linalg.LinearOperatorDiag([2.0, 3.0])
        >>> len(tf.linalg.LinearOperatorComposition([a, a, a]).operators)
        3
        """
        return self._operators

    def _shape(self) -> tf.TensorShape:
        domain = self._operators[0].domain_dimension
        for operator in self._operators[1:]:
            if domain != operator.range_dimension:
                raise ValueError(
                    f"Dimensions {int(domain)} and {int(operator.range_dimension)} are not "
                    "compatible"
                )
            domain = operator.domain_dimension
        matrix = [int(self._operators[0].range_dimension),
                  int(self._operators[-1].domain_dimension)]  # fmt: skip
        return batch_shape_of(self._operators).concatenate(matrix)

    def _linop_cholesky(self) -> LinearOperator:
        from ._dense import LinearOperatorLowerTriangular

        first = self._operators[0]
        llt = (len(self._operators) == 2 and _is_aat_form(self._operators)
               and isinstance(first, LinearOperatorLowerTriangular))  # fmt: skip
        if not llt:
            return LinearOperatorLowerTriangular(tf.linalg.cholesky(self.to_dense()),
                                                 is_non_singular=True, is_self_adjoint=False,
                                                 is_square=True)  # fmt: skip
        if first.is_positive_definite:
            return first
        # L L^H = (L S)(L S)^H for a diagonal of signs S: make the diagonal positive.
        sign = tf.expand_dims(tf.sign(first.diag_part()), -2)
        return LinearOperatorLowerTriangular(
            tf.convert_to_tensor(first.tril) / sign, is_non_singular=first.is_non_singular,
            is_self_adjoint=first.is_self_adjoint,
            is_positive_definite=True if first.is_positive_definite else None, is_square=True,
        )  # fmt: skip

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        order = self._operators if adjoint else list(reversed(self._operators))
        result = order[0].matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for operator in order[1:]:
            result = operator.matmul(result, adjoint=adjoint)
        return result

    def _determinant(self) -> Any:
        return fold(self._operators, "determinant", _operator.mul)

    def _log_abs_determinant(self) -> Any:
        return fold(self._operators, "log_abs_determinant", _operator.add)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        order = list(reversed(self._operators)) if adjoint else self._operators
        solution = order[0].solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        for operator in order[1:]:
            solution = operator.solve(solution, adjoint=adjoint)
        return solution

    def _assert_non_singular(self) -> Any:
        if all(o.is_square for o in self._operators):
            for operator in self._operators:
                operator.assert_non_singular()
            return None
        return super()._assert_non_singular()

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"operators": [0] * len(self._operators)}


class LinearOperatorKronecker(LinearOperator):
    """The Kronecker product of operators, applied factor by factor without forming it.

    >>> a = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    >>> b = tf.linalg.LinearOperatorDiag([1.0, -1.0])
    >>> op = tf.linalg.LinearOperatorKronecker([a, b])
    >>> op.shape
    TensorShape([4, 4])
    >>> print(op.determinant())
    tf.Tensor(4.0, shape=(), dtype=float32)
    """

    def __init__(
        self,
        operators: list,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str | None = None,
    ) -> None:
        """The product ``operators[0] x operators[1] x ...`` (one dtype).

        >>> a = tf.linalg.LinearOperatorDiag([1.0, 2.0])
        >>> tf.linalg.LinearOperatorKronecker([a, a]).name
        'LinearOperatorDiag_x_LinearOperatorDiag'
        """
        parameters = dict(operators=operators, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        operators = operator_list(
            operators, "Argument `operators` must be a list of >=1 operators. Received: {}."
        )
        self._operators = operators
        dtype = operators[0].dtype
        if any(o.dtype != dtype for o in operators):
            names = [str((o.name, o.dtype)) for o in operators]
            raise TypeError(
                "Expected every operation in argument `operators` to have the same dtype. "
                f"Received {names}."
            )
        text = ("The Kronecker product of {word} operators is always {word}. Expected argument "
                "`{attr}` to be True. Received: {value}.")  # fmt: skip
        given = implied_hints(operators, parameters, text, {
            "is_non_singular": "non-singular", "is_self_adjoint": "self-adjoint",
            "is_positive_definite": "positive-definite"})  # fmt: skip
        super().__init__(dtype, None, given["is_non_singular"], given["is_self_adjoint"],
                         given["is_positive_definite"], is_square,
                         name or "_x_".join(o.name for o in operators), parameters)  # fmt: skip

    @property
    def operators(self) -> list:
        """The factors, leftmost first.

        >>> a = tf.linalg.LinearOperatorDiag([1.0, 2.0])
        >>> len(tf.linalg.LinearOperatorKronecker([a, a]).operators)
        2
        """
        return self._operators

    def _shape(self) -> tf.TensorShape:
        rows = cols = 1
        for operator in self._operators:
            rows *= int(operator.range_dimension)
            cols *= int(operator.domain_dimension)
        return batch_shape_of(self._operators).concatenate([rows, cols])

    def _linop_adjoint(self) -> LinearOperator:
        return LinearOperatorKronecker([o.adjoint() for o in self._operators], **kept_hints(self))

    def _linop_cholesky(self) -> LinearOperator:
        return LinearOperatorKronecker([o.cholesky() for o in self._operators],
                                       is_non_singular=True, is_self_adjoint=None,
                                       is_square=True)  # fmt: skip

    def _linop_inverse(self) -> LinearOperator:
        return LinearOperatorKronecker([o.inverse() for o in self._operators], **kept_hints(self))

    def _factorwise(self, x: Any, apply: Any, adjoint: bool, adjoint_arg: bool) -> Any:
        # Work on x^T ([..., columns, N]): each step reshapes it so the last factor's
        # index is the trailing axis, applies that factor to it (as an adjoint_arg
        # product, which moves the index to the front), and goes on with the next.
        complex_ = self.dtype.is_complex
        out = (tf.math.conj(x) if complex_ else x) if adjoint_arg else tf.linalg.matrix_transpose(x)
        for operator in reversed(self._operators):
            d = int(operator.range_dimension if adjoint else operator.domain_dimension)
            shape = out.shape.as_list()
            out = tf.reshape(out, shape[:-2] + [shape[-2] * shape[-1] // d, d])
            if complex_:
                out = tf.math.conj(out)
            out = apply(operator, out, adjoint=adjoint, adjoint_arg=True)
        columns = x.shape[-2] if adjoint_arg else x.shape[-1]
        rows = int(self.domain_dimension if adjoint else self.range_dimension)
        return tf.reshape(out, out.shape.as_list()[:-2] + [rows, columns])

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._factorwise(x, lambda o, y, **kw: o.matmul(y, **kw), adjoint, adjoint_arg)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._factorwise(rhs, lambda o, y, **kw: o.solve(y, **kw), adjoint, adjoint_arg)

    def _determinant(self) -> Any:
        total = int(self.domain_dimension)
        result = 1.0
        for operator in self._operators:
            power = tf.cast(total / int(operator.domain_dimension), operator.dtype)
            result = result * operator.determinant() ** power
        return result

    def _log_abs_determinant(self) -> Any:
        total = int(self.domain_dimension)
        result = 0.0
        for operator in self._operators:
            power = tf.cast(total / int(operator.domain_dimension), operator.dtype)
            result = result + operator.log_abs_determinant() * power
        return result

    def _trace(self) -> Any:
        return fold(self._operators, "trace", _operator.mul)

    @staticmethod
    def _outer_flat(a: Any, b: Any) -> Any:
        product = a[..., :, tf.newaxis] * b[..., tf.newaxis, :]
        return tf.reshape(product, product.shape.as_list()[:-2] + [-1])

    def _diag_part(self) -> Any:
        result = self._operators[0].diag_part()
        for operator in self._operators[1:]:
            result = self._outer_flat(result, operator.diag_part())
        return result

    def _to_dense(self) -> Any:
        product = self._operators[0].to_dense()
        for operator in self._operators[1:]:
            block = product[..., :, tf.newaxis, :, tf.newaxis]
            block = block * operator.to_dense()[..., tf.newaxis, :, tf.newaxis, :]
            s = block.shape.as_list()
            product = tf.reshape(block, s[:-4] + [s[-4] * s[-3], s[-2] * s[-1]])
        return product

    def _eigvals(self) -> Any:
        result = self._operators[0].eigvals()
        for operator in self._operators[1:]:
            result = self._outer_flat(result, operator.eigvals())
        return result

    def _each_square(self, check: str) -> Any:
        if not all(o.is_square for o in self._operators):
            raise tf.errors.InvalidArgumentError(
                None, None,
                "All Kronecker factors must be square for the product to be invertible. "
                "Expected hint `is_square` to be True for every operator in argument "
                "`operators`.",
            )  # fmt: skip
        for operator in self._operators:
            getattr(operator, check)()
        return None

    def _assert_non_singular(self) -> Any:
        return self._each_square("assert_non_singular")

    def _assert_self_adjoint(self) -> Any:
        return self._each_square("assert_self_adjoint")

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"operators": [0] * len(self._operators)}
