"""tf.linalg's products: matmul, matvec, einsum, tensordot, cross."""

from __future__ import annotations

import collections as _collections
import re as _re
from typing import Any

import numpy as _np

from .. import dtypes as _dt
from .._tensor import Tensor, as_tensor, dtype_mismatch
from .._types import AxisLike, DTypeLike, TensorLike
from ..errors import NotFoundError as _NotFoundError
from ..errors import _shape_text
from ..ops import elementwise as _el
from ..ops import linalg as _linalg
from ..ops import shape as _shape
from ._common import (
    _conjugate_if_complex,
    _error,
    _expand_last,
    _is_operator,
    _operator_matmul,
    _pair,
    _same_dtype,
)


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
    if _is_operator(a) or _is_operator(b):
        return _operator_matmul(a, b, transpose_a or transpose_b, a_is_sparse or b_is_sparse,
                                adjoint_a, adjoint_b)  # fmt: skip
    if not (transpose_a or transpose_b or adjoint_a or adjoint_b or output_type):
        return _linalg.matmul(*_pair(a, b))  # the common case, kept short: it is the hot one
    for which, t, adj in (("a", transpose_a, adjoint_a), ("b", transpose_b, adjoint_b)):
        if t and adj:
            raise ValueError(
                f"Only one of `transpose_{which}` and `adjoint_{which}` can be True. Received "
                f"`transpose_{which}`={t}, `adjoint_{which}`={adj}."
            )
    a, b = _pair(a, b)
    if output_type is not None:
        out = _dt.as_dtype(output_type)
        if out != a.dtype or out != b.dtype:
            # TF's BatchMatMulV3: besides bfloat16, its CPU kernels multiply int8/uint8
            # (any pair) exactly into int32, and nothing else.
            _check_matmul_v3(a.dtype, b.dtype, out, adjoint_a or transpose_a,
                             adjoint_b or transpose_b)  # fmt: skip
            a, b = _el.cast(a, dtype=_dt.int32), _el.cast(b, dtype=_dt.int32)
    if adjoint_a:
        a = _conjugate_if_complex(a)
    if adjoint_b:
        b = _conjugate_if_complex(b)
    flags = {}
    if transpose_a or adjoint_a:
        flags["transpose_a"] = True
    if transpose_b or adjoint_b:
        flags["transpose_b"] = True
    return _linalg.matmul(a, b, **flags)


_V3_INPUTS = ("bfloat16", "half", "float", "double", "uint8", "int8", "int16", "int32", "int64",
              "complex64", "complex128")  # fmt: skip
_V3_OUTPUTS = ("bfloat16", "half", "float", "double", "int16", "int32", "int64", "complex64",
               "complex128")  # fmt: skip


def _check_matmul_v3(ta: Any, tb: Any, out: Any, adj_x: bool, adj_y: bool) -> None:
    """TF's attr checks, then its kernel lookup, for BatchMatMulV3 (matmul with an
    output_type other than an input's dtype)."""
    op = "BatchMatMulV3"
    for attr, dtype, allowed in (("Ta", ta, _V3_INPUTS), ("Tb", tb, _V3_INPUTS),
                                 ("Tout", out, _V3_OUTPUTS)):  # fmt: skip
        if dtype.c_name not in allowed:
            raise _error(
                f"Value for attr '{attr}' of {dtype.c_name} is not in the list of allowed "
                f"values: {', '.join(allowed)}\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}>",
                op,
            )
    if not (ta in (_dt.int8, _dt.uint8) and tb in (_dt.int8, _dt.uint8) and out == _dt.int32):
        flags = ", ".join(f"{k}={str(v).lower()}" for k, v in
                          (("adj_x", adj_x), ("adj_y", adj_y), ("grad_x", False), ("grad_y", False)))  # fmt: skip
        raise _NotFoundError(
            None, None,
            f"Could not find device for node: {{{{node {op}}}}} = {op}[Ta=DT_"
            f"{ta.c_name.upper()}, Tb=DT_{tb.c_name.upper()}, Tout=DT_{out.c_name.upper()}, "
            f"{flags}]\nAll kernels registered for op {op}: (none for these types) [Op:{op}] name: ",
        )  # fmt: skip


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
