"""Block operators: BlockDiag, BlockLowerTriangular, and LowRankUpdate (a base
operator plus ``U D V^H``, solved with the Woodbury identity)."""

from __future__ import annotations

import operator as _operator
from typing import Any

import tapeflow as tf

from ._base import LinearOperator, _check_operators
from ._dense import LinearOperatorFullMatrix
from ._identity import LinearOperatorScaledIdentity
from ._util import (
    batch_shape_of,
    broadcast_batch,
    check_compatible,
    common_dtype,
    fold,
    implied_hints,
    kept_hints,
    non_singular_hint,
    operator_list,
)


def _nested(x: Any) -> bool:
    return isinstance(x, (list, tuple))


def _is_blockwise(dims: list, arg: Any, axis: int) -> bool:
    """Whether ``arg`` is a list of per-block tensors rather than one tensor (TF's rule)."""
    if not (isinstance(arg, (tuple, list)) and len(arg) == len(dims)):
        return False
    if not any(_nested(x) for x in arg):
        return True
    arg_dims = [tf.convert_to_tensor(x).shape[axis] for x in arg]
    if all(d == a for d, a in zip(dims, arg_dims)):
        return True
    if all(a == arg_dims[0] for a in arg_dims) and arg_dims[0] >= sum(dims):
        return False
    raise ValueError("Input dimension does not match operator dimension.")


def _broadcast_concat(parts: list, axis: int) -> Any:
    return tf.concat(broadcast_batch(*parts), axis=axis)


class _Blockwise(LinearOperator):
    """What the two block operators share: block sizes, blockwise arguments."""

    _diagonal_operators: list

    def _block_range_dimensions(self) -> list[int]:
        return [int(op.range_dimension) for op in self._diagonal_operators]

    def _block_domain_dimensions(self) -> list[int]:
        return [int(op.domain_dimension) for op in self._diagonal_operators]

    def _arg_dims(self, on_range: bool) -> tuple[list[int], int]:
        """The block sizes and the size of an argument in the range (else the domain)."""
        if on_range:
            return self._block_range_dimensions(), int(self.range_dimension)
        return self._block_domain_dimensions(), int(self.domain_dimension)

    def _blocks_in(self, x: Any, on_range: bool, axis: int) -> tuple[Any, bool]:
        """(x checked and converted, whether it came as a list of blocks)."""
        dims, whole = self._arg_dims(on_range)
        if _is_blockwise(dims, x, axis):
            blocks = list(x)
            for i, block in enumerate(blocks):
                if not isinstance(block, LinearOperator):
                    block = self._convert_arg(block, "x")
                    check_compatible(dims[i], block.shape[axis])
                    blocks[i] = block
            return blocks, True
        x = self._convert_arg(x, "x")
        check_compatible(whole, x.shape[axis])
        return x, False

    def _vector_call(self, method: str, x: Any, adjoint: bool) -> Any:
        # A product's argument lives in the domain, a solve's in the range (swapped by adjoint).
        dims, whole = self._arg_dims(adjoint == (method == "matmul"))
        if _is_blockwise(dims, x, -1):
            blocks = [self._convert_arg(b, "x") for b in x]
            for d, b in zip(dims, blocks):
                check_compatible(d, b.shape[-1])
            out = getattr(self, method)([b[..., tf.newaxis] for b in blocks], adjoint=adjoint)
            return [tf.squeeze(y, -1) for y in out]
        x = self._convert_arg(x, "x")
        check_compatible(whole, x.shape[-1])
        return tf.squeeze(getattr(self, method)(x[..., tf.newaxis], adjoint=adjoint), -1)

    # The public matmul and solve take lists of blocks; the base class's callers use them too.
    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self.matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self.solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)

    def _stack_diagonals(self, method: str) -> Any:
        parts = [getattr(op, method)()[..., tf.newaxis] for op in self._diagonal_operators]
        return tf.squeeze(_broadcast_concat(parts, -2), -1)


class LinearOperatorBlockDiag(_Blockwise):
    """The block-diagonal (direct sum) of operators; arguments may also be given as
    a list with one tensor per block.

    >>> a = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    >>> b = tf.linalg.LinearOperatorDiag([5.0])
    >>> op = tf.linalg.LinearOperatorBlockDiag([a, b])
    >>> print(op.to_dense())
    tf.Tensor(
    [[1. 2. 0.]
     [3. 4. 0.]
     [0. 0. 5.]], shape=(3, 3), dtype=float32)
    """

    def __init__(
        self,
        operators: list,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        name: str | None = None,
    ) -> None:
        """The direct sum of ``operators`` (one dtype).

        >>> d = tf.linalg.LinearOperatorDiag([1.0])
        >>> tf.linalg.LinearOperatorBlockDiag([d, d]).name
        'LinearOperatorDiag_ds_LinearOperatorDiag'
        """
        parameters = dict(operators=operators, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        operators = operator_list(operators, "Expected a non-empty list of operators. Found: {}")
        self._operators = operators
        self._diagonal_operators = operators
        dtype = common_dtype(operators)
        words = {"is_non_singular": "non-singular", "is_self_adjoint": "self-adjoint",
                 "is_positive_definite": "positive definite"}  # fmt: skip
        text = "The direct sum of {word} operators is always {word}."
        given = implied_hints(operators, parameters, text, words)
        super().__init__(dtype, None, given["is_non_singular"], given["is_self_adjoint"],
                         given["is_positive_definite"], is_square,
                         name or "_ds_".join(o.name for o in operators), parameters)  # fmt: skip

    @property
    def operators(self) -> list:
        """The diagonal blocks.

        >>> d = tf.linalg.LinearOperatorDiag([1.0])
        >>> len(tf.linalg.LinearOperatorBlockDiag([d, d, d]).operators)
        3
        """
        return self._operators

    def _shape(self) -> tf.TensorShape:
        rows, cols = sum(self._block_range_dimensions()), sum(self._block_domain_dimensions())
        return batch_shape_of(self._operators).concatenate([rows, cols])

    def _each(self, method: str, **hints: Any) -> LinearOperator:
        return LinearOperatorBlockDiag([getattr(o, method)() for o in self._operators], **hints)

    def _linop_adjoint(self) -> LinearOperator:
        return self._each("adjoint", **kept_hints(self))

    def _linop_cholesky(self) -> LinearOperator:
        return self._each("cholesky", is_non_singular=True, is_self_adjoint=None, is_square=True)

    def _linop_inverse(self) -> LinearOperator:
        return self._each("inverse", **kept_hints(self))

    def _pairwise(self, left: Any, right: Any, method: str) -> LinearOperator:
        blocks = [getattr(a, method)(b) for a, b in zip(left.operators, right.operators)]
        return LinearOperatorBlockDiag(blocks, is_non_singular=non_singular_hint(left, right),
                                       is_self_adjoint=None, is_positive_definite=None,
                                       is_square=True)  # fmt: skip

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        if isinstance(right, LinearOperatorBlockDiag):
            return self._pairwise(left, right, "matmul")
        return super()._linop_matmul(left, right)

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        if isinstance(right, LinearOperatorBlockDiag):
            return self._pairwise(left, right, "solve")
        return super()._linop_solve(left, right)

    def _check_blocks(self, left: Any, right: Any, arg: str, what: str) -> None:
        _check_operators(left, right, arg)
        if isinstance(right, LinearOperatorBlockDiag):
            if len(left.operators) != len(right.operators):
                raise ValueError(f"Can not efficiently {what} when number of blocks differ.")
            for a, b in zip(left.operators, right.operators):
                if b.range_dimension != a.domain_dimension:
                    raise ValueError(
                        "Blocks are incompatible. Expected `x` to have dimension "
                        f"{int(a.domain_dimension)} but got {int(b.range_dimension)}."
                    )

    def matmul(
        self, x: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "matmul"
    ) -> Any:
        """Blockwise product; ``x`` may be one tensor or a list of one per block.

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> op = tf.linalg.LinearOperatorBlockDiag([d, d])
        >>> [t.numpy().tolist() for t in op.matmul([tf.ones((1, 1)), tf.ones((1, 1))])]
        [[[2.0]], [[2.0]]]
        """
        if isinstance(x, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = x.adjoint() if adjoint_arg else x
            self._check_blocks(left, right, "x", "multiply two `LinearOperatorBlockDiag`s together")
            return self._linop_matmul(left, right)
        axis = -1 if adjoint_arg else -2
        x, blockwise = self._blocks_in(x, adjoint, axis)
        parts = x if blockwise else tf.split(x, self._arg_dims(adjoint)[0], axis=axis)
        out = [op.matmul(p, adjoint=adjoint, adjoint_arg=adjoint_arg)
               for op, p in zip(self._operators, parts)]  # fmt: skip
        return out if blockwise else _broadcast_concat(out, -2)

    def matvec(self, x: Any, adjoint: bool = False, name: str = "matvec") -> Any:
        """Blockwise ``A @ x`` for vectors (one tensor, or one per block).

        >>> d = tf.linalg.LinearOperatorDiag([2.0, 3.0])
        >>> print(tf.linalg.LinearOperatorBlockDiag([d, d]).matvec([1.0, 1.0, 1.0, 1.0]))
        tf.Tensor([2. 3. 2. 3.], shape=(4,), dtype=float32)
        """
        return self._vector_call("matmul", x, adjoint)

    def solve(
        self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "solve"
    ) -> Any:
        """Blockwise solve; ``rhs`` may be one tensor or a list of one per block.

        >>> d = tf.linalg.LinearOperatorDiag([2.0, 4.0])
        >>> print(tf.linalg.LinearOperatorBlockDiag([d]).solvevec([1.0, 1.0]))
        tf.Tensor([0.5  0.25], shape=(2,), dtype=float32)
        """
        self._check_solvable()
        if isinstance(rhs, LinearOperator):
            left = self.adjoint() if adjoint else self
            right = rhs.adjoint() if adjoint_arg else rhs
            self._check_blocks(left, right, "x", "solve `LinearOperatorBlockDiag`")
            return self._linop_solve(left, right)
        axis = -1 if adjoint_arg else -2
        rhs, blockwise = self._blocks_in(rhs, not adjoint, axis)
        parts = rhs if blockwise else tf.split(rhs, self._block_domain_dimensions(), axis=axis)
        out = [op.solve(p, adjoint=adjoint, adjoint_arg=adjoint_arg)
               for op, p in zip(self._operators, parts)]  # fmt: skip
        return out if blockwise else _broadcast_concat(out, -2)

    def solvevec(self, rhs: Any, adjoint: bool = False, name: str = "solve") -> Any:
        """Blockwise solve for vectors (one tensor, or one per block).

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> tf.linalg.LinearOperatorBlockDiag([d, d]).solvevec([tf.ones(1), tf.ones(1)])[1].numpy()
        array([0.5], dtype=float32)
        """
        return self._vector_call("solve", rhs, adjoint)

    def _determinant(self) -> Any:
        return fold(self._operators, "determinant", _operator.mul)

    def _log_abs_determinant(self) -> Any:
        return fold(self._operators, "log_abs_determinant", _operator.add)

    def _square_blocks(self, what: str) -> None:
        if not all(o.is_square for o in self._operators):
            raise NotImplementedError(
                f"`{what}` not implemented for an operator whose blocks are not square."
            )

    def _diag_part(self) -> Any:
        self._square_blocks("diag_part")
        return self._stack_diagonals("diag_part")

    def _trace(self) -> Any:
        self._square_blocks("trace")
        return fold(self._operators, "trace", _operator.add)

    def _to_dense(self) -> Any:
        blocks = broadcast_batch(*[o.to_dense() for o in self._operators])
        total = int(self.domain_dimension)
        rows, before = [], 0
        for block in blocks:
            lead = block.shape.as_list()[:-1]
            width = block.shape[-1]
            pad_before = tf.zeros(lead + [before], self.dtype)
            pad_after = tf.zeros(lead + [total - before - width], self.dtype)
            rows.append(tf.concat([pad_before, block, pad_after], axis=-1))
            before += width
        return tf.concat(rows, axis=-2)

    def _assert_non_singular(self) -> Any:
        for operator in self._operators:
            operator.assert_non_singular()

    def _assert_self_adjoint(self) -> Any:
        for operator in self._operators:
            operator.assert_self_adjoint()

    def _assert_positive_definite(self) -> Any:
        for operator in self._operators:
            operator.assert_positive_definite()

    def _eigvals(self) -> Any:
        self._square_blocks("eigvals")
        return self._stack_diagonals("eigvals")

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"operators": [0] * len(self._operators)}


class LinearOperatorBlockLowerTriangular(_Blockwise):
    """A block lower-triangular operator from rows of blocks (row i has i + 1);
    solves are block forward substitution.

    >>> a = tf.linalg.LinearOperatorDiag([2.0])
    >>> b = tf.linalg.LinearOperatorFullMatrix([[1.0]])
    >>> op = tf.linalg.LinearOperatorBlockLowerTriangular([[a], [b, a]])
    >>> print(op.to_dense())
    tf.Tensor(
    [[2. 0.]
     [1. 2.]], shape=(2, 2), dtype=float32)
    >>> print(op.solvevec(tf.constant([2.0, 3.0])))
    tf.Tensor([1. 1.], shape=(2,), dtype=float32)
    """

    def __init__(
        self,
        operators: list,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorBlockLowerTriangular",
    ) -> None:
        """``operators[i]`` lists row i's blocks, the diagonal block last.

        >>> d = tf.linalg.LinearOperatorDiag([1.0, 1.0])
        >>> tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]]).shape
        TensorShape([4, 4])
        """
        parameters = dict(operators=operators, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        rows = [list(row) for row in operators]
        if not rows:
            raise ValueError(
                f"Argument `operators` must be a list of >=1 operators. Received: {rows}."
            )
        self._operators = rows
        self._diagonal_operators = [row[-1] for row in rows]
        dtype = rows[0][0].dtype
        for i, row in enumerate(rows):
            if any(o.dtype != dtype for o in row):
                names = (str((o.name, o.dtype)) for o in row)
                raise TypeError(
                    f"Expected all operators to have the same dtype.  Found {names} in row {i} "
                    f"and {dtype} in row 0."
                )
        is_non_singular = self._non_singular(is_non_singular)
        for i, row in enumerate(rows):
            if len(row) != i + 1:
                raise ValueError(
                    f"Argument `operators[{i}]` must contain `{i + 1}` blocks. Received: "
                    f"{len(row)} blocks."
                )
        self._check_dimensions()
        if is_square is False:
            raise ValueError(
                "`LinearOperatorBlockLowerTriangular` must be square. Expected argument "
                f"`is_square` to be True. Received: {is_square}."
            )
        for i, op in enumerate(self._diagonal_operators):
            if op.is_square is False:
                raise ValueError(
                    "Matrices on the diagonal (the final elements of each row-partition in the "
                    "`operators` list) must be square. Expected argument "
                    f"`operators[{i}][-1].is_square` to be True. Received: {op.is_square}."
                )
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         True, name, parameters)  # fmt: skip

    def _non_singular(self, given: bool | None) -> bool | None:
        if all(op.is_non_singular for op in self._diagonal_operators):
            if given is False:
                raise ValueError(
                    "A blockwise lower-triangular operator with non-singular operators on the "
                    "main diagonal is always non-singular. Expected argument `is_non_singular` "
                    f"to be True. Received: {given}."
                )
            return True
        if any(op.is_non_singular is False for op in self._diagonal_operators):
            if given is True:
                # TF-TEXT: "Expected ... to be True" although False is what it expects.
                raise ValueError(
                    "A blockwise lower-triangular operator with a singular operator on the main "
                    "diagonal is always singular. Expected argument `is_non_singular` to be "
                    f"True. Received: {given}."
                )
            return False
        return None

    def _check_dimensions(self) -> None:
        ops = self._operators
        for i in range(1, len(ops)):
            for j in range(i):
                op, above, right = ops[i][j], ops[i - 1][j], ops[i][j + 1]
                if op.domain_dimension != above.domain_dimension:
                    raise ValueError(
                        f"Argument `operators[{i}][{j}].domain_dimension` ({op.domain_dimension}) "
                        f"must be the same as `operators[{i - 1}][{j}].domain_dimension` "
                        f"({above.domain_dimension})."
                    )
                if op.range_dimension != right.range_dimension:
                    raise ValueError(
                        f"Argument `operators[{i}][{j}].range_dimension` ({op.range_dimension}) "
                        f"must be the same as `operators[{i}][{j + 1}].range_dimension` "
                        f"({right.range_dimension})."
                    )

    @property
    def operators(self) -> list:
        """The rows of blocks.

        >>> d = tf.linalg.LinearOperatorDiag([1.0])
        >>> [len(r) for r in tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]]).operators]
        [1, 2]
        """
        return self._operators

    def _shape(self) -> tf.TensorShape:
        batch = batch_shape_of([operator for row in self._operators for operator in row])
        n = sum(self._block_domain_dimensions())
        return batch.concatenate([n, sum(self._block_range_dimensions())])

    def _linop_inverse(self) -> LinearOperator:
        hints = kept_hints(self)
        if len(self._operators) == 1:
            return LinearOperatorBlockLowerTriangular([[self._operators[0][0].inverse()]], **hints)
        # [[A, 0], [C, D]]^-1 = [[A^-1, 0], [-D^-1 C A^-1, D^-1]], row by row.
        upper: Any = LinearOperatorBlockLowerTriangular(self._operators[:-1]).inverse()
        bottom = self._operators[-1]
        bottom_inverse = bottom[-1].inverse()
        new_row: list = []
        for i in range(len(self._operators) - 1):
            total = None
            for j in range(i, len(self._operators) - 1):
                term = bottom[j].matmul(upper.operators[j][i]).to_dense()
                total = term if total is None else total + term
            # TF's block types: D^-1 @ (sum) as an operator product, then -1 * that.
            block = bottom_inverse.matmul(LinearOperatorFullMatrix(total))
            negate = LinearOperatorScaledIdentity(bottom_inverse.domain_dimension_tensor(),
                                                  tf.cast(-1, block.dtype))  # fmt: skip
            new_row.append(negate.matmul(block))
        new_row.append(bottom_inverse)
        return LinearOperatorBlockLowerTriangular(upper.operators + [new_row], **hints)

    def matmul(
        self, x: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "matmul"
    ) -> Any:
        """Blockwise product; ``x`` may be one tensor or a list of one per block.

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> op = tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]])
        >>> print(op.matvec(tf.constant([1.0, 1.0])))
        tf.Tensor([2. 4.], shape=(2,), dtype=float32)
        """
        if isinstance(x, LinearOperator):
            return super().matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        axis = -1 if adjoint_arg else -2
        x, blockwise = self._blocks_in(x, adjoint, axis)
        parts = x if blockwise else tf.split(x, self._block_domain_dimensions(), axis=axis)
        ops = self._operators
        out = []
        if adjoint:
            for i in range(len(ops)):
                result = ops[i][i].matmul(parts[i], adjoint=True, adjoint_arg=adjoint_arg)
                for j in range(i + 1, len(ops)):
                    result = result + ops[j][i].matmul(parts[j], adjoint=True,
                                                       adjoint_arg=adjoint_arg)  # fmt: skip
                out.append(result)
        else:
            for row in ops:
                result = row[0].matmul(parts[0], adjoint_arg=adjoint_arg)
                for j, operator in enumerate(row[1:]):
                    result = result + operator.matmul(parts[j + 1], adjoint_arg=adjoint_arg)
                out.append(result)
        return out if blockwise else _broadcast_concat(out, -2)

    def matvec(self, x: Any, adjoint: bool = False, name: str = "matvec") -> Any:
        """Blockwise ``A @ x`` for vectors (one tensor, or one per block).

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> op = tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]])
        >>> print(op.matvec(tf.constant([1.0, 1.0]), adjoint=True))
        tf.Tensor([4. 2.], shape=(2,), dtype=float32)
        """
        return self._vector_call("matmul", x, adjoint)

    def _determinant(self) -> Any:
        if all(op.is_positive_definite for op in self._diagonal_operators):
            return tf.exp(self._log_abs_determinant())
        return fold(self._diagonal_operators, "determinant", _operator.mul)

    def _log_abs_determinant(self) -> Any:
        return fold(self._diagonal_operators, "log_abs_determinant", _operator.add)

    def solve(
        self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False, name: str = "solve"
    ) -> Any:
        """Block forward (back, with adjoint) substitution.

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> op = tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]])
        >>> print(op.solve(tf.constant([[2.0], [4.0]])))
        tf.Tensor(
        [[1.]
         [1.]], shape=(2, 1), dtype=float32)
        """
        if self.is_non_singular is False or isinstance(rhs, LinearOperator):
            return super().solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        axis = -1 if adjoint_arg else -2
        rhs, blockwise = self._blocks_in(rhs, not adjoint, axis)
        if blockwise:
            parts = [tf.linalg.adjoint(y) for y in rhs] if adjoint_arg else rhs
        else:
            rhs = tf.linalg.adjoint(rhs) if adjoint_arg else rhs
            parts = tf.split(rhs, self._block_domain_dimensions(), axis=-2)
        ops = self._operators
        n = len(ops)
        solution: list = []
        if adjoint:
            for i in reversed(range(n)):
                y = parts[i]
                for j in reversed(range(i + 1, n)):
                    y = y - ops[j][i].matmul(solution[n - 1 - j], adjoint=True)
                solution.append(self._diagonal_operators[i].solve(y, adjoint=True))
            solution.reverse()
        else:
            for row, y in zip(ops, parts):
                for i, operator in enumerate(row[:-1]):
                    y = y - operator.matmul(solution[i])
                solution.append(row[-1].solve(y))
        return solution if blockwise else _broadcast_concat(solution, -2)

    def solvevec(self, rhs: Any, adjoint: bool = False, name: str = "solve") -> Any:
        """Block substitution for vectors (one tensor, or one per block).

        >>> d = tf.linalg.LinearOperatorDiag([2.0])
        >>> op = tf.linalg.LinearOperatorBlockLowerTriangular([[d], [d, d]])
        >>> print(op.solvevec(tf.constant([2.0, 4.0])))
        tf.Tensor([1. 1.], shape=(2,), dtype=float32)
        """
        return self._vector_call("solve", rhs, adjoint)

    def _diag_part(self) -> Any:
        return self._stack_diagonals("diag_part")

    def _trace(self) -> Any:
        return fold(self._diagonal_operators, "trace", _operator.add)

    def _to_dense(self) -> Any:
        flat = broadcast_batch(*[op.to_dense() for row in self._operators for op in row])
        total = int(self.domain_dimension)
        rows, start, width = [], 0, 0
        for i in range(len(self._operators)):
            blocks = flat[start : start + i + 1]
            start += i + 1
            width += blocks[-1].shape[-1]
            lead = blocks[0].shape.as_list()[:-1]
            rows.append(tf.concat(blocks + [tf.zeros(lead + [total - width], self.dtype)], -1))
        return tf.concat(rows, axis=-2)

    def _assert_non_singular(self) -> Any:
        for op in self._diagonal_operators:
            op.assert_non_singular()

    def _eigvals(self) -> Any:
        return self._stack_diagonals("eigvals")

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"operators": [[0] * len(row) for row in self._operators]}
