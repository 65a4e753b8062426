"""tf.linalg's transposes, diagonals, bands and trace."""

from __future__ import annotations

import numpy as _np

from .. import dtypes as _dt
from .._limits import check_allocation as _check_allocation
from .._matching import matching_tensors
from .._tensor import Tensor, as_tensor, convert_to_tensor, read_static, wrap
from .._types import TensorLike
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import linalg as _linalg
from ..ops import reduce as _red
from ._common import _conjugate_if_complex, _error, _int, _is_operator, _pair


# --------------------------------------------------------------------------
# Transposes, diagonals, bands
# --------------------------------------------------------------------------
def matrix_transpose(
    a: TensorLike, name: str | None = "matrix_transpose", conjugate: bool = False
) -> Tensor:
    """Swap the last two axes (conjugating too when asked and complex).

    >>> tf.linalg.matrix_transpose(tf.ones([5, 2, 3])).shape
    TensorShape([5, 3, 2])
    """
    x = as_tensor(a)
    if x.ndim < 2:
        raise ValueError(
            "Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = "
            f"{x._value} with shape: {x._value.shape}"
        )
    result = _linalg.matrix_transpose(x)
    return _conjugate_if_complex(result) if conjugate else result


def adjoint(matrix: TensorLike, name: str | None = None) -> Tensor:
    """The conjugate transpose of the last two axes.

    >>> tf.linalg.adjoint(tf.constant([[1 + 1j, 2 + 0j]]))
    <tf.Tensor: shape=(2, 1), dtype=complex128, numpy=
    array([[1.-1.j],
           [2.-0.j]])>
    """
    if _is_operator(matrix):
        return matrix.adjoint(name or "adjoint")
    return matrix_transpose(matrix, conjugate=True)


_ALIGNS = ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT")


def _diagonal_range(k, align: str, op: str, name: str) -> tuple[int, int]:
    """``k`` as (lowest, highest) diagonal, with TF's checks of ``k`` and ``align``."""
    if align not in _ALIGNS:
        allowed = ", ".join(f'"{a}"' for a in _ALIGNS)
        raise _error(f"Value for attr 'align' of \"{align}\" is not in the list of allowed "
                     f"values: {allowed}", op, name)  # fmt: skip
    if isinstance(k, Tensor):
        read_static(k)
        k = k._value.tolist()
    # TF converts k to int32, which wraps (2**32 is 0) and refuses floats.
    values = _np.atleast_1d(convert_to_tensor(k, dtype=_dt.int32)._value).reshape(-1).tolist()
    if not values:
        raise _error("Expected diag_index to have at least 1 element", op, name)
    if len(values) > 2:
        raise _error(f"diag_index must have only one or two elements, received "
                     f"{len(values)} elements.", op, name)  # fmt: skip
    lower, upper = values[0], values[-1]
    return int(lower), int(upper)


def _check_order(lower: int, upper: int, op: str, name: str) -> None:
    if lower > upper:
        raise _error(f"lower_diag_index must not be larger than upper_diag_index: "
                     f"{lower} > {upper}", op, name)  # fmt: skip


def _diagonal_length(rows: int, cols: int, k: int) -> int:
    return max(0, min(rows + min(k, 0), cols - max(k, 0)))


def _offset(k: int, length: int, longest: int, align: str) -> int:
    """Where diagonal ``k`` starts in its padded row: 0 when left aligned.

    The first word of ``align`` is for superdiagonals, the second for subdiagonals; the
    main diagonal is the longest, so it never needs padding.
    """
    left = (k >= 0 and align.startswith("LEFT")) or (k <= 0 and align.endswith("_LEFT"))
    return 0 if left else longest - length


def _place_band(d: Tensor, lower: int, upper: int, rows: int, cols: int, align: str) -> Tensor:
    """Rows ``upper`` down to ``lower`` of ``d`` ([..., diagonals, longest]) as diagonals
    of rows x cols matrices, zero elsewhere: the adjoint of ``_band_rows``."""
    from ..math._elementwise import add_n

    longest = d._value.shape[-1]
    placed = []
    for row, k in enumerate(range(upper, lower - 1, -1)):
        length = _diagonal_length(rows, cols, k)
        start = _offset(k, length, longest, align)
        piece = d[..., row, start : start + length]
        placed.append(_linalg.matrix_diag(piece, k=k, num_rows=rows, num_cols=cols))
    return add_n(placed)


def _band_rows(x: Tensor, lower: int, upper: int, padding, align: str) -> Tensor:
    """Diagonals ``upper`` down to ``lower`` of ``x`` as rows, aligned and padded."""
    from ..arrays._join import pad, stack

    rows, cols = x._value.shape[-2:]
    longest = min(rows + min(upper, 0), cols - max(lower, 0))
    lead = [[0, 0]] * (x.ndim - 2)
    out = []
    for k in range(upper, lower - 1, -1):
        piece = _linalg.matrix_diag_part(x, k=k)
        length = piece._value.shape[-1]
        start = _offset(k, length, longest, align)
        out.append(pad(piece, lead + [[start, longest - length - start]], constant_values=padding))
    return stack(out, axis=-2)


def _band_mask(rows: int, cols: int, lower: int, upper: int) -> Tensor:
    offsets = _np.arange(cols)[None, :] - _np.arange(rows)[:, None]
    return wrap((offsets >= lower) & (offsets <= upper))


def _padding_scalar(padding_value, d: Tensor):
    """``padding_value`` as a Python scalar of ``d``'s kind, converted as TF converts it."""
    padding_tensor = as_tensor(padding_value)
    read_static(padding_tensor)
    padding = padding_tensor._value.item()
    kind = d._value.dtype.kind
    if kind in "iu" and isinstance(padding, float):
        raise TypeError(f"Cannot convert {padding_value!r} to EagerTensor of dtype {d.dtype.name}")
    if kind in "iu" and isinstance(padding, int):  # TF wraps a too-wide padding value
        padding = _np.asarray(padding % 2**64, dtype=_np.uint64).astype(d._value.dtype).item()
    return padding


def _check_bounds(x: Tensor, lower: int, upper: int, op: str, name: str) -> None:
    rows, cols = x._value.shape[-2:]
    if lower != 0 and not -rows < lower < cols:
        raise _error(f"lower_diag_index is out of bound: {lower}. It must be between {-rows} "
                     f"and {cols}", op, name)  # fmt: skip
    if upper != 0 and not -rows < upper < cols:
        raise _error(f"upper_diag_index is out of bound: {upper} It must be between {-rows} "
                     f"and {cols}", op, name)  # fmt: skip
    _check_order(lower, upper, op, name)


def diag(
    diagonal: TensorLike,
    name: str | None = "diag",
    k: TensorLike = 0,
    num_rows: int = -1,
    num_cols: int = -1,
    padding_value: TensorLike = 0,
    align: str = "RIGHT_LEFT",
) -> Tensor:
    """A matrix (batch) with ``diagonal`` on diagonal ``k`` and ``padding_value`` elsewhere.

    >>> print(tf.linalg.diag(tf.constant([1, 2])))
    tf.Tensor(
    [[1 0]
     [0 2]], shape=(2, 2), dtype=int32)
    >>> print(tf.linalg.diag(tf.constant([1, 2]), k=1))
    tf.Tensor(
    [[0 1 0]
     [0 0 2]
     [0 0 0]], shape=(3, 3), dtype=int32)

    With ``k=(lower, upper)``, ``diagonal`` holds one row per diagonal, highest first,
    each aligned in its row as ``align`` says (superdiagonals by its first word):

    >>> print(tf.linalg.diag(tf.constant([[1, 2], [3, 4]]), k=(0, 1)))
    tf.Tensor(
    [[3 2]
     [0 4]], shape=(2, 2), dtype=int32)
    """
    d = as_tensor(diagonal)
    lower, upper = _diagonal_range(k, align, "MatrixDiagV3", "diag")
    if d.ndim < 1:
        raise _error(f"diagonal must be at least 1-dim, received shape: "
                     f"{_shape_text(d._value.shape)}", "MatrixDiagV3", "diag")  # fmt: skip
    _check_order(lower, upper, "MatrixDiagV3", "diag")
    # (TF aborts the whole process for a 1-D diagonal with a band; this raises.)
    if lower != upper and (d.ndim < 2 or d._value.shape[-2] != upper - lower + 1):
        raise _error("The number of diagonals provided in the input does not match the "
                     "lower_diag_index and upper_diag_index range.", "MatrixDiagV3", "diag")  # fmt: skip
    length = d._value.shape[-1]
    min_rows, min_cols = length + max(-upper, 0), length + max(lower, 0)
    for count in (num_rows, num_cols):  # TF converts both to int32 tensors
        if _np.asarray(getattr(count, "_value", count)).dtype.kind not in "iu":
            raise TypeError(f"Cannot convert {count!r} to EagerTensor of dtype int32")
    # ... and int32 wraps: 2**31 rows are -2**31 rows.
    num_rows, num_cols = (((_int(n) + 2**31) % 2**32) - 2**31 for n in (num_rows, num_cols))
    if num_rows == -1 and num_cols == -1:
        num_rows = num_cols = max(min_rows, min_cols)
    elif num_rows == -1:
        num_rows = min_rows
    elif num_cols == -1:
        num_cols = min_cols
    if num_rows < min_rows:
        raise _error("The number of rows is too small.", "MatrixDiagV3", "diag")
    if num_cols < min_cols:
        raise _error("The number of columns is too small.", "MatrixDiagV3", "diag")
    if num_rows != min_rows and num_cols != min_cols:
        raise _error(
            "The number of rows or columns is not consistent with the specified d_lower, "
            "d_upper, and diagonal.",
            "MatrixDiagV3",
            "diag",
        )
    padding = _padding_scalar(padding_value, d)
    batch = d._value.shape[:-1] if lower == upper else d._value.shape[:-2]
    _check_allocation(batch + (num_rows, num_cols), d._value.dtype, "MatrixDiagV3")
    if lower == upper:
        return _linalg.matrix_diag(
            d, k=lower, num_rows=num_rows, num_cols=num_cols, padding=padding
        )
    band = _place_band(d, lower, upper, num_rows, num_cols, align)
    if padding == 0:
        return band
    filler = convert_to_tensor(padding, dtype=d.dtype)
    return _el.where(_band_mask(num_rows, num_cols, lower, upper), band, filler)


def _check_matrix_rank(x, op: str, name: str) -> None:
    if x.ndim < 2:
        raise _error(
            f"input must be at least 2-dim, received shape: {_shape_text(x._value.shape)}",
            op,
            name,
        )


def diag_part(
    input: TensorLike,
    name: str | None = "diag_part",
    k: TensorLike = 0,
    padding_value: TensorLike = 0,
    align: str = "RIGHT_LEFT",
) -> Tensor:  # noqa: A002
    """Diagonal ``k`` of the innermost matrices.

    >>> tf.linalg.diag_part(tf.constant([[1, 2, 3], [4, 5, 6]]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 5], dtype=int32)>

    With ``k=(lower, upper)``: one row per diagonal, highest first, aligned by ``align``
    and filled with ``padding_value``:

    >>> print(tf.linalg.diag_part(tf.constant([[1, 2, 3], [4, 5, 6]]), k=(-1, 0)))
    tf.Tensor(
    [[1 5]
     [4 0]], shape=(2, 2), dtype=int32)
    """
    if _is_operator(input):
        return input.diag_part(name or "diag_part")
    x = as_tensor(input)
    lower, upper = _diagonal_range(k, align, "MatrixDiagPartV3", "diag_part")
    _check_matrix_rank(x, "MatrixDiagPartV3", "diag_part")
    _check_bounds(x, lower, upper, "MatrixDiagPartV3", "diag_part")
    if lower == upper:
        return _linalg.matrix_diag_part(x, k=lower)
    return _band_rows(x, lower, upper, _padding_scalar(padding_value, x), align)


def set_diag(
    input: TensorLike,
    diagonal: TensorLike,
    name: str | None = "set_diag",
    k: TensorLike = 0,
    align: str = "RIGHT_LEFT",
) -> Tensor:  # noqa: A002
    """``input`` with diagonal ``k`` replaced by ``diagonal``.

    >>> print(tf.linalg.set_diag(tf.zeros([2, 2], tf.int32), tf.constant([7, 8])))
    tf.Tensor(
    [[7 0]
     [0 8]], shape=(2, 2), dtype=int32)

    With ``k=(lower, upper)``, ``diagonal`` holds one row per diagonal, as
    ``tf.linalg.diag_part`` gives them:

    >>> print(tf.linalg.set_diag(tf.zeros([2, 2], tf.int32), [[1, 2], [3, 0]], k=(-1, 0)))
    tf.Tensor(
    [[1 0]
     [3 2]], shape=(2, 2), dtype=int32)
    """
    x, d = _pair(input, diagonal)
    lower, upper = _diagonal_range(k, align, "MatrixSetDiagV3", "set_diag")
    _check_matrix_rank(x, "MatrixSetDiagV3", "set_diag")
    rows, cols = x._value.shape[-2:]
    if lower != upper:
        _check_bounds(x, lower, upper, "MatrixSetDiagV3", "set_diag")
    longest = max(0, min(rows + min(upper, 0), cols - max(lower, 0)))
    expected = x._value.shape[:-2] + (
        (longest,) if lower == upper else (upper - lower + 1, longest)
    )
    if d._value.shape != expected:
        raise _error(
            "Either first dimensions of diagonal don't match input.shape[:-2], or "
            "diagonal.shape[:-1] is not equal to the longests diagonal in range "
            f"[lower_diag_index:upper_diag_index].\nInput shape: "
            f"{_shape_text(x._value.shape)}\nDiagonal shape: "
            f"{_shape_text(d._value.shape)}\nExpected diagonal shape: "
            f"{_shape_text(expected)}",
            "MatrixSetDiagV3",
            "set_diag",
        )
    if lower != upper:
        placed = _place_band(d, lower, upper, rows, cols, align)
        return _el.where(_band_mask(rows, cols, lower, upper), placed, x)
    k = lower
    placed = _linalg.matrix_diag(d, k=k, num_rows=rows, num_cols=cols)
    mask = _np.zeros((rows, cols), dtype=bool)
    mask[_linalg.diagonal_index(rows, cols, k)] = True
    return _el.where(wrap(mask), placed, x)


def band_part(
    input: TensorLike, num_lower: TensorLike, num_upper: TensorLike, name: str | None = None
) -> Tensor:  # noqa: A002
    """Keep ``num_lower`` subdiagonals and ``num_upper`` superdiagonals (-1: all); zero the rest.

    >>> print(tf.linalg.band_part(tf.ones([3, 3]), num_lower=0, num_upper=-1))
    tf.Tensor(
    [[1. 1. 1.]
     [0. 1. 1.]
     [0. 0. 1.]], shape=(3, 3), dtype=float32)
    """
    x = as_tensor(input)
    _check_matrix_rank(x, "MatrixBandPart", "")
    # One index dtype for both, the first's (int32 for a small Python int): then a Python
    # int past int32 given second wraps, as TF converts it.
    lower, upper = (_int(t) for t in matching_tensors([num_lower, num_upper],
                                                       (_dt.int32, _dt.int64), _dt.int64))  # fmt: skip
    rows, cols = x._value.shape[-2:]
    if lower > rows:
        raise _error(f"num_lower must be negative or less or equal to number of rows ({rows}) "
                     f"got: {lower}", "MatrixBandPart")  # fmt: skip
    if upper > cols:
        raise _error(f"num_upper must be negative or less or equal to number of columns ({cols}) "
                     f"got: {upper}", "MatrixBandPart")  # fmt: skip
    return _linalg.band_part(x, lower, upper)


def trace(x: TensorLike, name: str | None = None) -> Tensor:
    """Sum of the main diagonal of the innermost matrices.

    >>> tf.linalg.trace(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    if _is_operator(x):
        return x.trace(name or "trace")
    x = as_tensor(x)
    _check_matrix_rank(x, "MatrixDiagPartV3", "diag_part")
    return _red.reduce_sum(_linalg.matrix_diag_part(x, k=0), axis=(-1,), keepdims=False)
