"""tf.linalg's products, solves, decompositions and matrix functions (the namespace is
``linalg/__init__.py``)."""

from __future__ import annotations

import collections as _collections
import re as _re
from typing import Any

import numpy as _np

from .. import dtypes as _dt
from .._limits import check_allocation as _check_allocation
from .._tensor import Tensor, as_tensor, convert_to_tensor, dtype_mismatch, wrap
from .._types import AxisLike, DTypeLike, TensorLike
from ..errors import InvalidArgumentError as _InvalidArgumentError
from ..errors import NotFoundError as _NotFoundError
from ..errors import _op_error, _shape_text
from ..ops import decompositions as _dec
from ..ops import elementwise as _el
from ..ops import index as _index
from ..ops import linalg as _linalg
from ..ops import reduce as _red
from ..ops import shape as _shape
from ..ops import spectral as _spectral

_FLOAT_TYPES = ("double", "float", "half", "complex64", "complex128")

# TF's names for these tuple types (what repr shows) differ from the Python names.
SlogdetResult = _collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])  # type: ignore[name-match]
QrResult = _collections.namedtuple("Qr", ["q", "r"])  # type: ignore[name-match]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
def _pair(a, b):
    """Convert two operands; a non-Tensor takes the other's dtype, as TF's ops do."""
    if a.__class__ is Tensor and b.__class__ is Tensor:
        return a, b
    a_is_tensor = isinstance(a, Tensor) or hasattr(a, "_as_tensor")
    b_is_tensor = isinstance(b, Tensor) or hasattr(b, "_as_tensor")
    if b_is_tensor and not a_is_tensor:
        b = as_tensor(b)
        return convert_to_tensor(a, dtype=b.dtype), b
    a = as_tensor(a)
    return a, (as_tensor(b) if b_is_tensor else convert_to_tensor(b, dtype=a.dtype))


def _same_dtype(a, b, op: str) -> None:
    if a.dtype != b.dtype:
        raise dtype_mismatch(op, 1, a._value.dtype, b._value.dtype)


def _error(message: str, op: str, name: str = "") -> _InvalidArgumentError:
    return _op_error(message, op, name)


def _int(value) -> int:
    return int(value._value) if isinstance(value, Tensor) else int(value)


def _conjugate_if_complex(x):
    return _shape.conj(x) if x.dtype.is_complex else x


def _expand_last(x):
    return _shape.reshape(x, shape=x._value.shape + (1,))


# --------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------
def matmul(
    a: TensorLike,
    b: TensorLike,
    transpose_a: bool = False,
    transpose_b: bool = False,
    adjoint_a: bool = False,
    adjoint_b: bool = False,
    a_is_sparse: bool = False,
    b_is_sparse: bool = False,
    output_type: DTypeLike = None,
    grad_a: bool = False,
    grad_b: bool = False,
    name: str | None = None,
) -> Tensor:
    """a @ b over the last two axes (leading axes broadcast as a batch).

    Gradient: d(AB) = dA B + A dB.

    >>> print(tf.linalg.matmul(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([[1.0], [1.0]])))
    tf.Tensor(
    [[3.]
     [7.]], shape=(2, 1), dtype=float32)
    >>> tf.matmul(tf.ones([5, 2, 3]), tf.ones([3, 4])).shape
    TensorShape([5, 2, 4])
    """
    if not (transpose_a or transpose_b or adjoint_a or adjoint_b or output_type):
        return _linalg.matmul(*_pair(a, b))  # the common case, kept short: it is the hot one
    for which, t, adj in (("a", transpose_a, adjoint_a), ("b", transpose_b, adjoint_b)):
        if t and adj:
            raise ValueError(
                f"Only one of `transpose_{which}` and `adjoint_{which}` can be True. Received "
                f"`transpose_{which}`={t}, `adjoint_{which}`={adj}."
            )
    a, b = _pair(a, b)
    if adjoint_a:
        a = _conjugate_if_complex(a)
    if adjoint_b:
        b = _conjugate_if_complex(b)
    flags = {}
    if transpose_a or adjoint_a:
        flags["transpose_a"] = True
    if transpose_b or adjoint_b:
        flags["transpose_b"] = True
    result = _linalg.matmul(a, b, **flags)
    if output_type is not None and _dt.as_dtype(output_type) != result.dtype:
        result = _el.cast(result, dtype=_dt.as_dtype(output_type))
    return result


def matvec(
    a: TensorLike,
    b: TensorLike,
    transpose_a: bool = False,
    adjoint_a: bool = False,
    a_is_sparse: bool = False,
    b_is_sparse: bool = False,
    name: str | None = None,
) -> Tensor:
    """Matrix times vector(s): ``matmul(a, b[..., None])[..., 0]``.

    >>> tf.linalg.matvec(tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([1.0, 1.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 7.], dtype=float32)>
    """
    a, b = _pair(a, b)
    product = matmul(a, _expand_last(b), transpose_a=transpose_a, adjoint_a=adjoint_a)
    return _shape.reshape(product, shape=product._value.shape[:-1])


_EINSUM_KERNELS = ("float16", "float32", "float64", "int32", "int64", "complex64", "complex128")


def _einsum_parse(equation: str, shapes: list) -> tuple:
    """TensorFlow's equation rules; returns explicit label strings and label sizes."""
    resolved = equation.replace(" ", "")
    ellipsis = "0" if "..." in equation else None
    if ellipsis:
        if "0" in resolved:
            raise ValueError(f'Invalid character "0" in equation: {equation}.')
        resolved = resolved.replace("...", "0")
    allowed = "a-zA-Z" + ("0" if ellipsis else "")
    match = _re.match(f"^([{allowed},]*)(->[{allowed}]*)?$", resolved)
    if not match:
        raise ValueError(f"Subscripts have incorrect format: {resolved}")
    inputs = match.group(1).split(",")
    if len(shapes) != len(inputs):
        raise ValueError(
            f'Got {len(shapes)} inputs for equation "{equation}", expecting {len(inputs)}'
        )
    if match.group(2) is None:
        counts = _collections.Counter(match.group(1))
        output = "".join(c for c in sorted(counts) if c != "," and counts[c] == 1)
    else:
        output = match.group(2)[2:]
    if len(set(output)) != len(output):
        raise ValueError(f"Output subscripts contain a label appearing more than once: {equation}")
    for label in output:
        if label != ellipsis and label not in match.group(1):
            raise ValueError(
                f"Output subscripts contain the label {label} not present in the input subscripts."
            )
    # Ranks and sizes, checked as TensorFlow's kernel does.
    sizes: dict = {}
    broadcast_parts = []
    for i, (labels, shape) in enumerate(zip(inputs, shapes)):
        if labels.count("0") > 1:
            raise ValueError(f"Subscripts have incorrect format: {resolved}")
        named = len(labels) - labels.count("0")
        if "0" in labels:
            if len(shape) < named:
                raise _error(
                    f"Expected input {i} to have rank at least {named} but got: {len(shape)}",
                    "Einsum",
                )
        elif len(shape) != named:
            raise _error(f"Expected input {i} to have rank {named} but got: {len(shape)}",
                         "Einsum")  # fmt: skip
        split = labels.find("0")
        if split < 0:
            axes = list(enumerate(labels))
            broadcast_parts.append(())
        else:
            extra = len(shape) - named
            after = len(labels) - split - 1
            axes = list(enumerate(labels[:split]))
            axes += [(len(shape) - after + j, c) for j, c in enumerate(labels[split + 1 :])]
            broadcast_parts.append(tuple(shape[split : split + extra]))
        for axis, label in axes:
            expected = sizes.setdefault(label, shape[axis])
            if shape[axis] != expected:
                raise _error(
                    f"Expected dimension {expected} at axis {axis} of the input shaped "
                    f"{_shape_text(shape)} but got dimension {shape[axis]}",
                    "Einsum",
                )
    try:
        batch = _np.broadcast_shapes(*broadcast_parts)
    except ValueError:
        raise _error(
            "In[0] and In[1] must have compatible batch dimensions: "
            + " vs. ".join(_shape_text(s) for s in shapes[:2]),
            "Einsum",
        ) from None
    if batch and "0" not in output:
        raise _error(
            f"Output contains {len(batch)} broadcasting dimension(s) but no ellipsis (...) "
            "was found in the output subscripts.",
            "Einsum",
        )
    # Spell the broadcast axes out as fresh letters (right-aligned, like NumPy's).
    used = "".join(inputs) + output
    fresh = "".join(c for c in _linalg.LETTERS if c not in used)[: len(batch)]
    if len(fresh) < len(batch):
        raise ValueError("einsum: too many distinct axes (at most 52 labels)")
    sizes.update(zip(fresh, batch))
    spelled = []
    for labels, part in zip(inputs, broadcast_parts):
        spelled.append(labels.replace("0", fresh[len(fresh) - len(part) :] if part else ""))
    output = output.replace("0", fresh)
    return tuple(spelled), output, tuple(sorted(sizes.items()))


def einsum(equation: str, *inputs: TensorLike, **kwargs: Any) -> Tensor:
    """Einstein summation, with TensorFlow's equation rules (ellipsis, implicit output).

    One primitive for every equation: its gradient is another einsum.

    >>> tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([3, 4])).shape
    TensorShape([2, 4])
    >>> tf.einsum("ii", tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=5.0>
    """
    kwargs.pop("name", None)
    kwargs.pop("optimize", None)
    if kwargs:
        raise TypeError(
            f"Invalid keyword arguments for einsum: {', '.join(kwargs)}. "
            "Valid arguments: name, optimize, greedy."
        )
    tensors = [as_tensor(x) for x in inputs]
    labels, output, sizes = _einsum_parse(equation, [t._value.shape for t in tensors])
    for position, t in enumerate(tensors[1:], start=1):
        _same_dtype_at(tensors[0], t, position)
    if tensors and tensors[0].dtype.name not in _EINSUM_KERNELS:
        dtype_name = tensors[0].dtype.name.upper()
        raise _NotFoundError(
            None,
            None,
            f"Could not find device for node: {{{{node Einsum}}}} = Einsum[N={len(tensors)}, "
            f'T=DT_{dtype_name}, equation="{equation}"]\nAll kernels registered for op Einsum:\n'
            "  device='CPU'; T in [DT_INT64, DT_INT32, DT_HALF, DT_FLOAT, DT_DOUBLE, "
            "DT_COMPLEX64, DT_COMPLEX128, DT_BFLOAT16]\n [Op:Einsum] name: ",
        )
    return _linalg.einsum(*tensors, inputs=labels, output=output, sizes=sizes)


def _same_dtype_at(first, other, position: int) -> None:
    if first.dtype != other.dtype:
        raise dtype_mismatch("Einsum", position, first._value.dtype, other._value.dtype)


def _tensordot_axes(a, b, axes):
    rank_a, rank_b = a.ndim, b.ndim
    if isinstance(axes, Tensor):
        axes = axes._value.tolist()
    if isinstance(axes, (int, _np.integer)):
        axes = int(axes)
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if axes > rank_a:
            raise ValueError(
                "`axes` must not be larger than the number of dimensions of tensor "
                f"{a._value}.  Received {axes}, vs tensor dimensions {rank_a}."
            )
        return list(range(rank_a - axes, rank_a)), list(range(axes))
    axes = list(axes)
    if len(axes) != 2:
        raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
    a_axes, b_axes = axes
    a_axes = [int(a_axes)] if isinstance(a_axes, (int, _np.integer)) else [int(i) for i in a_axes]
    b_axes = [int(b_axes)] if isinstance(b_axes, (int, _np.integer)) else [int(i) for i in b_axes]
    if len(a_axes) != len(b_axes):
        raise ValueError(
            f"Different number of contraction axes `a` and `b`, {len(a_axes)} != {len(b_axes)}."
        )
    return [i + rank_a if i < 0 else i for i in a_axes], [
        i + rank_b if i < 0 else i for i in b_axes
    ]


def _tensordot_matrix(x, axes: list, contracted_first: bool):
    shape = x._value.shape
    free = [i for i in range(len(shape)) if i not in axes]
    free_dims = [shape[i] for i in free]
    size_free = int(_np.prod(free_dims, dtype=_np.int64))
    size_axes = int(_np.prod([shape[i] for i in axes], dtype=_np.int64))
    perm = axes + free if contracted_first else free + axes
    if perm != list(range(len(shape))):
        x = _shape.transpose(x, perm=tuple(perm))
    target = (size_axes, size_free) if contracted_first else (size_free, size_axes)
    if x._value.shape != target:
        x = _shape.reshape(x, shape=target)
    return x, free_dims


def tensordot(a: TensorLike, b: TensorLike, axes: AxisLike, name: str | None = None) -> Tensor:
    """Sum of products over ``axes`` (an int: last axes of a with first axes of b; or
    two lists), computed as TensorFlow does: transpose, reshape, one matmul.

    >>> tf.tensordot(tf.ones([2, 3]), tf.ones([3, 4]), axes=1).shape
    TensorShape([2, 4])
    >>> tf.tensordot(tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), axes=1)
    <tf.Tensor: shape=(), dtype=float32, numpy=11.0>
    """
    a, b = _pair(a, b)
    a_axes, b_axes = _tensordot_axes(a, b, axes)
    a_matrix, a_free = _tensordot_matrix(a, a_axes, False)
    b_matrix, b_free = _tensordot_matrix(b, b_axes, True)
    product = _linalg.matmul(a_matrix, b_matrix)
    shape = tuple(a_free + b_free)
    return product if product._value.shape == shape else _shape.reshape(product, shape=shape)


def cross(a: TensorLike, b: TensorLike, name: str | None = None) -> Tensor:
    """Cross product of 3-vectors along the last axis (shapes must match).

    >>> tf.linalg.cross(tf.constant([1.0, 0.0, 0.0]), tf.constant([0.0, 1.0, 0.0]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([0., 0., 1.], dtype=float32)>
    """
    a, b = _pair(a, b)
    _same_dtype(a, b, "Cross")
    _linalg.check_cross_shapes(a._value, b._value)
    return _linalg.cross(a, b)


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
    return matrix_transpose(matrix, conjugate=True)


def _single_k(k) -> int:
    if isinstance(k, Tensor):
        k = k._value.tolist()
    if isinstance(k, (list, tuple)):
        if len(k) == 2 and k[0] != k[1]:
            raise NotImplementedError("tapeflow: diagonal bands (k as a pair) are not supported")
        k = k[0]
    return int(k)


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
    """
    d = as_tensor(diagonal)
    k = _single_k(k)
    if d.ndim < 1:
        raise _error(f"diagonal must be at least 1-dim, received shape: "
                     f"{_shape_text(d._value.shape)}", "MatrixDiagV3", "diag")  # fmt: skip
    length = d._value.shape[-1]
    min_rows, min_cols = length + max(-k, 0), length + max(k, 0)
    for count in (num_rows, num_cols):  # TF converts both to int32 tensors
        if _np.asarray(getattr(count, "_value", count)).dtype.kind not in "iu":
            raise TypeError(f"Cannot convert {count!r} to EagerTensor of dtype int32")
    num_rows, num_cols = _int(num_rows), _int(num_cols)
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
    padding = as_tensor(padding_value)._value.item()
    kind = d._value.dtype.kind
    if kind in "iu" and isinstance(padding, float):
        raise TypeError(f"Cannot convert {padding_value!r} to EagerTensor of dtype {d.dtype.name}")
    if kind in "iu" and isinstance(padding, int):  # TF wraps a too-wide padding value
        padding = _np.asarray(padding % 2**64, dtype=_np.uint64).astype(d._value.dtype).item()
    _check_allocation(d._value.shape[:-1] + (num_rows, num_cols), d._value.dtype, "MatrixDiagV3")
    return _linalg.matrix_diag(d, k=k, num_rows=num_rows, num_cols=num_cols, padding=padding)


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
    """
    x = as_tensor(input)
    k = _single_k(k)
    _check_matrix_rank(x, "MatrixDiagPartV3", "diag_part")
    rows, cols = x._value.shape[-2:]
    if k != 0 and not -rows < k < cols:
        raise _error(f"lower_diag_index is out of bound: {k}. It must be between {-rows} and "
                     f"{cols}", "MatrixDiagPartV3", "diag_part")  # fmt: skip
    return _linalg.matrix_diag_part(x, k=k)


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
    """
    x, d = _pair(input, diagonal)
    k = _single_k(k)
    _check_matrix_rank(x, "MatrixSetDiagV3", "set_diag")
    rows, cols = x._value.shape[-2:]
    length = max(0, min(rows + min(k, 0), cols - max(k, 0)))
    expected = x._value.shape[:-2] + (length,)
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
    lower, upper = _int(num_lower), _int(num_upper)
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
    x = as_tensor(x)
    _check_matrix_rank(x, "MatrixDiagPartV3", "diag_part")
    return _red.reduce_sum(_linalg.matrix_diag_part(x, k=0), axis=(-1,), keepdims=False)


# --------------------------------------------------------------------------
# Inverses, determinants, solves
# --------------------------------------------------------------------------
def inv(input: TensorLike, adjoint: bool = False, name: str | None = None) -> Tensor:  # noqa: A002
    """The inverse of each innermost square matrix (of its adjoint when asked).

    Raises InvalidArgumentError "Input is not invertible." for a singular matrix.

    >>> print(tf.linalg.inv(tf.constant([[2.0, 0.0], [0.0, 4.0]])))
    tf.Tensor(
    [[0.5  0.  ]
     [0.   0.25]], shape=(2, 2), dtype=float32)
    """
    x = _dec.inv(as_tensor(input))
    return matrix_transpose(x, conjugate=True) if adjoint else x


def det(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Determinant of each innermost square matrix. Gradient det(A) inv(A)^T.

    >>> tf.linalg.det(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=-2.0>
    """
    return _dec.det(as_tensor(input))


def slogdet(input: TensorLike, name: str | None = None) -> SlogdetResult:  # noqa: A002
    """(sign, log|det|) of each innermost square matrix; the sign has no gradient.

    >>> sign, log_abs_det = tf.linalg.slogdet(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    >>> sign
    <tf.Tensor: shape=(), dtype=float32, numpy=-1.0>
    >>> log_abs_det
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6931471824645996>
    """
    sign, log_abs = _dec.slogdet(as_tensor(input))
    return SlogdetResult(sign, log_abs)


def logdet(matrix: TensorLike, name: str | None = None) -> Tensor:
    """log det of a symmetric positive definite matrix: 2 sum(log(diag(cholesky(A)))).

    >>> tf.linalg.logdet(tf.constant([[4.0, 0.0], [0.0, 9.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.5835189819335938>
    """
    chol = _dec.cholesky(as_tensor(matrix))
    diagonal = _linalg.matrix_diag_part(chol, k=0)
    if chol._value.dtype.kind == "c":  # a Hermitian matrix: its log det is real (TF's dtype)
        diagonal = _spectral.real(diagonal)
    return 2.0 * _red.reduce_sum(_el.log(diagonal), axis=(-1,), keepdims=False)


def _check_solve(a, b) -> None:
    _same_dtype(a, b, "MatrixSolve")
    _linalg.check_type(a._value.dtype, "MatrixSolve", _FLOAT_TYPES)
    if a.ndim < 2:
        raise _error(f"Input tensor 0 must have rank >= 2, got {a.ndim}", "MatrixSolve")
    if a.ndim != b.ndim:
        raise _error("All input tensors must have the same rank.", "MatrixSolve")
    if a._value.shape[:-2] != b._value.shape[:-2]:
        raise _error("All input tensors must have the same outer dimensions.", "MatrixSolve")
    if a._value.shape[-1] != a._value.shape[-2]:
        raise _error("First input (lhs) must be a square matrix.", "MatrixSolve")
    if a._value.shape[-2] != b._value.shape[-2]:
        raise _error("Input matrix and rhs are incompatible.", "MatrixSolve")


def solve(
    matrix: TensorLike, rhs: TensorLike, adjoint: bool = False, name: str | None = None
) -> Tensor:
    """X with A X = rhs (A^T X = rhs with ``adjoint``); batch shapes must be equal.

    >>> print(tf.linalg.solve(tf.constant([[2.0, 0.0], [0.0, 4.0]]), tf.constant([[2.0], [2.0]])))
    tf.Tensor(
    [[1. ]
     [0.5]], shape=(2, 1), dtype=float32)
    """
    a, b = _pair(matrix, rhs)
    _check_solve(a, b)
    return _dec.solve(a, b, adjoint=bool(adjoint))


def _check_triangular_solve(a, b, lower, adjoint) -> None:
    op = "MatrixTriangularSolve"
    _same_dtype(a, b, op)
    _linalg.check_type(a._value.dtype, op, _dec._TRISOLVE_TYPES)
    for i, x in enumerate((a, b)):
        if x.ndim < 2:
            raise _error(f"In[{i}] ndims must be >= 2: {x.ndim}", op)
    sa, sb = a._value.shape, b._value.shape
    if sa[-1] != sa[-2]:
        raise _error(
            f"In[0] matrices in the last dimensions must be square ({sa[-1]} =/= {sa[-2]})", op
        )
    try:
        _np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        raise _error("In[0] and In[1] must have compatible batch dimensions: "
                     f"{_shape_text(sa)} vs. {_shape_text(sb)}", op) from None  # fmt: skip
    if sa[-1] != sb[-2]:
        raise _error(
            f"In[0] mismatch In[1] shape: {sa[-1]} vs. {sb[-2]}: {_shape_text(sa)} "
            f"{_shape_text(sb)} {int(bool(lower))} {int(bool(adjoint))}",
            op,
        )


def triangular_solve(
    matrix: TensorLike,
    rhs: TensorLike,
    lower: bool = True,
    adjoint: bool = False,
    name: str | None = None,
) -> Tensor:
    """Solve with the lower (or upper) triangle of ``matrix``; the other triangle is
    never read. Batch shapes broadcast.

    >>> a = tf.constant([[2.0, 0.0], [1.0, 1.0]])
    >>> print(tf.linalg.triangular_solve(a, tf.constant([[4.0], [5.0]]), lower=True))
    tf.Tensor(
    [[2.]
     [3.]], shape=(2, 1), dtype=float32)
    """
    a, b = _pair(matrix, rhs)
    _check_triangular_solve(a, b, lower, adjoint)
    return _dec.triangular_solve(a, b, lower=bool(lower), adjoint=bool(adjoint))


def cholesky(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Lower Cholesky factor of each symmetric positive definite matrix (the lower
    triangle is read). A matrix that is not positive definite gives NaNs, as TF's.

    >>> print(tf.linalg.cholesky(tf.constant([[4.0, 2.0], [2.0, 2.0]])))
    tf.Tensor(
    [[2. 0.]
     [1. 1.]], shape=(2, 2), dtype=float32)
    """
    return _dec.cholesky(as_tensor(input))


def cholesky_solve(chol: TensorLike, rhs: TensorLike, name: str | None = None) -> Tensor:
    """X with (L L^T) X = rhs, given L = cholesky(A): two triangular solves.

    >>> chol = tf.linalg.cholesky(tf.constant([[4.0, 2.0], [2.0, 2.0]]))
    >>> print(tf.linalg.cholesky_solve(chol, tf.constant([[6.0], [4.0]])))
    tf.Tensor(
    [[1.]
     [1.]], shape=(2, 1), dtype=float32)
    """
    chol, rhs = _pair(chol, rhs)
    y = triangular_solve(chol, rhs, lower=True, adjoint=False)
    return triangular_solve(chol, y, lower=True, adjoint=True)


def _regularized_gramian_cholesky(a, l2_regularizer, first_kind: bool):
    gramian = matmul(a, a, adjoint_a=first_kind, adjoint_b=not first_kind)
    if isinstance(l2_regularizer, Tensor) or l2_regularizer != 0:
        small = a._value.shape[-1] if first_kind else a._value.shape[-2]
        identity = wrap(_np.eye(small, dtype=a._value.dtype))
        scale = _el.cast(as_tensor(l2_regularizer), dtype=a.dtype)
        gramian = gramian + scale * identity
    return _dec.cholesky(gramian)


def lstsq(
    matrix: TensorLike,
    rhs: TensorLike,
    l2_regularizer: TensorLike = 0.0,
    fast: bool = True,
    name: str | None = None,
) -> Tensor:
    """Least squares (with optional L2 regularization), as TF's fast path computes it:
    Cholesky of the regularized Gram matrix. ``fast=False`` gives the minimum-norm
    solution and, as in TF, has no gradient (it raises).

    >>> a = tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> x = tf.linalg.lstsq(a, tf.constant([[1.0], [2.0], [3.0]]))
    >>> x.numpy().round(4).tolist()
    [[1.0], [2.0]]
    """
    a, b = _pair(matrix, rhs)
    if a.ndim < 2:
        raise IndexError("tuple index out of range")
    rows, cols = a._value.shape[-2:]
    if not fast:
        return _dec.solve_ls_exact(a, b)
    if rows >= cols:
        chol = _regularized_gramian_cholesky(a, l2_regularizer, True)
        return cholesky_solve(chol, matmul(a, b, adjoint_a=True))
    chol = _regularized_gramian_cholesky(a, l2_regularizer, False)
    return matmul(a, cholesky_solve(chol, b), adjoint_a=True)


def lu_solve(
    lower_upper: TensorLike,
    perm: TensorLike,
    rhs: TensorLike,
    validate_args: bool = False,
    name: str | None = None,
) -> Tensor:
    """Solve A X = rhs from A's LU factors (as tf.linalg.lu returns them):
    permute rhs, then a unit-lower and an upper triangular solve.

    >>> lu, p = tf.linalg.lu(tf.constant([[0.0, 2.0], [1.0, 0.0]]))
    >>> print(tf.linalg.lu_solve(lu, p, tf.constant([[4.0], [3.0]])))
    tf.Tensor(
    [[3.]
     [2.]], shape=(2, 1), dtype=float32)
    """
    lu, rhs = _pair(lower_upper, rhs)
    perm = _np.asarray(as_tensor(perm)._value)
    if perm.ndim == 1:
        permuted = _index.getitem(rhs, index=(Ellipsis, perm, slice(None)))
    else:  # a batch of permutations: multiply by permutation matrices
        d = perm.shape[-1]
        chooser = (perm[..., :, None] == _np.arange(d)).astype(rhs._value.dtype)
        permuted = _linalg.matmul(wrap(chooser), rhs)
    n = lu._value.shape[-1]
    unit = wrap(_np.eye(n, dtype=bool))
    lower = _el.where(unit, wrap(_np.ones((), lu._value.dtype)), _linalg.band_part(lu, -1, 0))
    y = triangular_solve(lower, permuted, lower=True)
    return triangular_solve(lu, y, lower=False)


# --------------------------------------------------------------------------
# Decompositions
# --------------------------------------------------------------------------
def qr(input: TensorLike, full_matrices: bool = False, name: str | None = None) -> QrResult:  # noqa: A002
    """Q, R with A = QR (Householder, as LAPACK). The gradient needs m <= n or
    ``full_matrices=False``, as TensorFlow's.

    >>> q, r = tf.linalg.qr(tf.constant([[3.0, 1.0], [4.0, 2.0]]))
    >>> tf.matmul(q, r).numpy().round(4).tolist()
    [[3.0, 1.0], [4.0, 2.0]]
    """
    q, r = _dec.qr(as_tensor(input), full_matrices=bool(full_matrices))
    return QrResult(q, r)


def svd(
    tensor: TensorLike,
    full_matrices: bool = False,
    compute_uv: bool = True,
    name: str | None = None,
) -> Tensor | tuple[Tensor, Tensor, Tensor]:
    """Singular values ``s`` (descending) and, with ``compute_uv``, ``u`` and ``v``
    (not transposed): returns ``(s, u, v)``, or ``s`` alone. Singular vectors have an
    arbitrary sign; gradients are undefined for repeated singular values.

    >>> s = tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -2.0]]), compute_uv=False)
    >>> s
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 2.], dtype=float32)>
    >>> s, u, v = tf.linalg.svd(tf.constant([[3.0, 0.0], [0.0, -2.0]]))
    >>> print(tf.matmul(u * s, v, adjoint_b=True))
    tf.Tensor(
    [[ 3.  0.]
     [ 0. -2.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(tensor)
    if not compute_uv:
        return _dec.svd(x, full_matrices=False)[0]
    return _dec.svd(x, full_matrices=bool(full_matrices))


def eigh(tensor: TensorLike, name: str | None = None) -> tuple[Tensor, Tensor]:
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices (the lower
    triangle is read): ``(e, v)``. Undefined gradients for repeated eigenvalues.

    >>> e, v = tf.linalg.eigh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))
    >>> e
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    >>> v.shape
    TensorShape([2, 2])
    """
    return _dec.eigh(as_tensor(tensor))


def eigvalsh(tensor: TensorLike, name: str | None = None) -> Tensor:
    """Eigenvalues (ascending) of symmetric matrices (the lower triangle is read).

    >>> tf.linalg.eigvalsh(tf.constant([[2.0, 1.0], [1.0, 2.0]]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 3.], dtype=float32)>
    """
    return _dec.eigh(as_tensor(tensor))[0]


def pinv(
    a: TensorLike, rcond: TensorLike = None, validate_args: bool = False, name: str | None = None
) -> Tensor:
    """Moore-Penrose pseudo-inverse from the SVD, singular values below
    ``rcond * max(s)`` dropped (TF's composite, gradient through the SVD).

    >>> print(tf.linalg.pinv(tf.constant([[1.0, 0.0], [0.0, 0.0]])))
    tf.Tensor(
    [[1. 0.]
     [0. 0.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(a)
    if not x.dtype.is_floating:
        raise TypeError(f"Input `a` must have `float`-like `dtype` (saw {x.dtype.name}).")
    if x.ndim < 2:
        raise ValueError(f"Input `a` must have at least 2 dimensions (saw: {x.ndim}).")
    dtype = x._value.dtype
    if rcond is None:
        rcond = 10.0 * max(x._value.shape[-2:]) * _np.finfo(dtype).eps
    s, u, v = _dec.svd(x, full_matrices=False)
    cutoff = _el.cast(as_tensor(rcond), dtype=x.dtype) * _red.reduce_max(
        s, axis=(-1,), keepdims=True
    )
    s = _el.where(_el.greater(s, cutoff), s, wrap(_np.array(_np.inf, dtype)))
    scaled = v / _shape.reshape(s, shape=s._value.shape[:-1] + (1,) + s._value.shape[-1:])
    return _linalg.matmul(scaled, u, transpose_b=True)


def expm(input: TensorLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Matrix exponential by scaling and squaring with Pade approximants (TF's
    algorithm). Gradient: the Frechet derivative, from expm of a block matrix.

    >>> print(tf.linalg.expm(tf.constant([[0.0, 1.0], [0.0, 0.0]])))
    tf.Tensor(
    [[1. 1.]
     [0. 1.]], shape=(2, 2), dtype=float32)
    """
    x = as_tensor(input)
    if not (x.dtype.is_floating or x.dtype.is_complex):
        raise ValueError(f"tf.linalg.expm does not support matrices of type {x.dtype}")
    shape = x._value.shape
    if x.ndim < 2:
        raise _error(f"Matrix size-incompatible: In[0]: [1,{shape[-1] if shape else 1}], In[1]: "
                     f"[1,{shape[-1] if shape else 1}]", "MatMul")  # fmt: skip
    if shape[-1] != shape[-2]:
        batch = int(_np.prod(shape[:-2], dtype=_np.int64))
        text = _shape_text((batch,) + shape[-2:])
        raise _error(f"Matrix size-incompatible: In[0]: {text}, In[1]: {text} 0 0",
                     "BatchMatMulV2")  # fmt: skip
    return _dec.expm(x)
