"""Helpers the operator modules share: parameter conversion, hint rules, batch
broadcasting and slicing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import tapeflow as tf

if TYPE_CHECKING:
    from ._base import LinearOperator


class Dimension(int):
    """One static dimension, as TF's ``tensor_shape.Dimension`` prints it.

    >>> tf.linalg.LinearOperatorDiag([1.0, 2.0]).domain_dimension
    Dimension(2)
    """

    @property
    def value(self) -> int:
        """The dimension as a plain int.

        >>> tf.linalg.LinearOperatorDiag([1.0, 2.0]).range_dimension.value
        2
        """
        return int(self)

    def __repr__(self) -> str:
        return f"Dimension({int(self)})"

    def __str__(self) -> str:
        return str(int(self))

    def __format__(self, spec: str) -> str:
        return format(int(self), spec)


def convert_parameter(value: Any, name: str, dtype: Any = None) -> Any:
    """A parameter as a tensor; a Variable stays itself (TF reads it on every use)."""
    if isinstance(value, tf.Variable):
        return value
    return tf.convert_to_tensor(value, dtype=dtype, name=name)


def shape_parameter(value: Any, name: str) -> Any:
    """num_rows / batch_shape as an int32 tensor (an empty list too)."""
    if isinstance(value, (tuple, list)) and not value:
        return tf.constant([], tf.int32)
    return tf.convert_to_tensor(value, name=name)


def check_compatible(dim: int | None, other: int | None) -> None:
    """TF's ``Dimension.assert_is_compatible_with``."""
    if dim is not None and other is not None and int(dim) != int(other):
        raise ValueError(f"Dimensions {int(dim)} and {int(other)} are not compatible")


def combine_hint(operator: LinearOperator, attr: str, provided: bool | None, message: str):
    """The operator's hint or the one given, refusing a contradiction."""
    own = getattr(operator, attr)
    if (own is False and provided) or (own and provided is False):
        raise ValueError(message)
    if own or provided:
        return True
    if own is False or provided is False:
        return False
    return None


def non_singular_hint(a: LinearOperator, b: LinearOperator) -> bool | None:
    if a.is_non_singular is False or b.is_non_singular is False:
        return False
    return a.is_non_singular and b.is_non_singular


def commuting_self_adjoint_hint(a: LinearOperator, b: LinearOperator) -> bool | None:
    if a.is_self_adjoint and b.is_self_adjoint:
        return True
    if (a.is_self_adjoint, b.is_self_adjoint) in ((True, False), (False, True)):
        return False
    return None


def commuting_positive_definite_hint(a: LinearOperator, b: LinearOperator) -> bool | None:
    both = (a.is_positive_definite, a.is_self_adjoint, b.is_positive_definite, b.is_self_adjoint)
    return True if all(h is True for h in both) else None


def square_hint(a: LinearOperator, b: LinearOperator) -> bool | None:
    """Whether ``a @ b`` is square, where the hints decide it."""
    if a.is_square and b.is_square:
        return True
    if a.is_square is False and b.is_square is False:
        return a.range_dimension == b.domain_dimension
    if a.is_square is not None and b.is_square is not None and a.is_square != b.is_square:
        return False
    return None


def product_hints(a: LinearOperator, b: LinearOperator) -> dict[str, Any]:
    """Hints of a composition ``a @ b`` (or ``a^-1 @ b``) when nothing better is known."""
    square = square_hint(a, b)
    hints: dict[str, Any] = {"is_non_singular": None, "is_self_adjoint": None,
                                     "is_positive_definite": None, "is_square": square}  # fmt: skip
    if square:
        hints["is_non_singular"] = non_singular_hint(a, b)
    elif square is False:
        hints.update(is_non_singular=False, is_self_adjoint=False, is_positive_definite=False)
    return hints


def commuting_hints(a: LinearOperator, b: LinearOperator) -> dict[str, Any]:
    """Hints of a product of two operators that commute (diagonal-like ones)."""
    return {
        "is_non_singular": non_singular_hint(a, b),
        "is_self_adjoint": commuting_self_adjoint_hint(a, b),
        "is_positive_definite": commuting_positive_definite_hint(a, b),
        "is_square": True,
    }


def kept_hints(operator: LinearOperator) -> dict[str, Any]:
    """The hints an operator's adjoint or inverse keeps (and it is square)."""
    return {
        "is_non_singular": operator.is_non_singular,
        "is_self_adjoint": operator.is_self_adjoint,
        "is_positive_definite": operator.is_positive_definite,
        "is_square": True,
    }


def implied_hints(
    operators: list, given: dict[str, Any], template: str, words: dict[str, str]
) -> dict[str, Any]:
    """``given`` with each hint that every operator has set True (a False given for it
    is refused with ``template``, formatted with the hint's word, name and value)."""
    hints = dict(given)
    for attr, word in words.items():
        if all(getattr(o, attr) for o in operators):
            if hints[attr] is False:
                raise ValueError(template.format(word=word, attr=attr, value=hints[attr]))
            hints[attr] = True
    return hints


def operator_list(operators: Any, message: str) -> list:
    """``operators`` as a non-empty list (``message`` formats the empty one's error)."""
    try:
        operators = list(operators)
    except TypeError:
        raise TypeError(
            f"Expected argument 'values' to be iterable. Found {type(operators)}"
        ) from None
    if not operators:
        raise ValueError(message.format(operators))
    return operators


def common_dtype(operators: list) -> Any:
    """The one dtype of ``operators`` (a composition's and a direct sum's error otherwise)."""
    dtype = operators[0].dtype
    if any(o.dtype != dtype for o in operators):
        names = "   ".join(str((o.name, o.dtype)) for o in operators)
        raise TypeError(f"Expected all operators to have the same dtype.  Found {names}")
    return dtype


def batch_shape_of(operators: list) -> tf.TensorShape:
    """The broadcast of the operators' batch shapes."""
    batch = operators[0].batch_shape
    for operator in operators[1:]:
        batch = tf.broadcast_static_shape(batch, operator.batch_shape)
    return batch


def fold(operators: list, method: str, combine: Any) -> Any:
    """``method()`` of each operator, combined left to right (``operator.mul`` for a
    product of determinants, ``operator.add`` for a sum of traces)."""
    result = getattr(operators[0], method)()
    for operator in operators[1:]:
        result = combine(result, getattr(operator, method)())
    return result


def broadcast_batch(*matrices: Any) -> list:
    """Broadcast the batch dimensions (all but the last two) of each matrix."""
    shapes = [m.shape[:-2] for m in matrices]
    batch = shapes[0]
    for shape in shapes[1:]:
        batch = tf.broadcast_static_shape(batch, shape)
    out = []
    for m, shape in zip(matrices, shapes):
        if shape != batch:
            m = tf.broadcast_to(m, batch.concatenate(m.shape[-2:]))
        out.append(m)
    return out


def read(value: Any) -> Any:
    """A parameter's current value as a tensor (reads a Variable)."""
    return tf.convert_to_tensor(value)


def adjoint_if(x: Any, flag: bool) -> Any:
    return tf.linalg.adjoint(x) if flag else x


def _batch_slice(operator: Any, slices: Any) -> Any:
    """Slice every batched parameter (read from the operator's attribute, as TF does);
    a parameter's own batch dims are right-aligned with the operator's, and its
    size-1 (broadcast) dims stay size 1."""
    if not isinstance(slices, tuple):
        slices = (slices,)
    batch = operator.batch_shape.as_list()

    def slice_one(value: Any, matrix_ndims: Any) -> Any:
        if isinstance(matrix_ndims, list):
            return [slice_one(v, n) for v, n in zip(value, matrix_ndims)]
        if getattr(type(value), "_is_linear_operator", False):
            return value[slices]
        return _slice_parameter(read(value), batch, matrix_ndims, slices)

    params = dict(operator.parameters)
    for key, matrix_ndims in operator._experimental_parameter_ndims_to_matrix_ndims.items():
        value = getattr(operator, key, None)
        if value is not None:
            params[key] = slice_one(value, matrix_ndims)
    return type(operator)(**params)


def _slice_parameter(value: Any, batch: list, matrix_ndims: int, slices: tuple) -> Any:
    # An Ellipsis stands for the batch dimensions the other items leave out (never
    # the matrix dimensions).
    used = sum(1 for item in slices if item is not None and item is not Ellipsis)
    expanded: list = []
    for item in slices:
        if item is Ellipsis:
            expanded.extend([slice(None)] * (len(batch) - used))
        else:
            expanded.append(item)
    own = value.shape.rank - matrix_ndims
    pad = len(batch) - own
    spec: list = []
    position = 0
    for item in expanded:
        if item is None:
            if pad <= 0:
                spec.append(item)
            continue
        axis = position - pad
        position += 1
        if axis < 0:
            continue  # the parameter broadcasts along this batch dimension
        if value.shape[axis] == 1 and batch[position - 1] != 1:
            spec.append(slice(0, 1) if isinstance(item, slice) else 0)
        else:
            spec.append(item)
    return value[tuple(spec)] if spec else value
