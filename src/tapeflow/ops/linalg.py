"""Linear-algebra primitives: matmul, einsum, diagonals and the cross product.

Each one is closed under differentiation: the VJP of matmul is matmul, the
VJP of an einsum is an einsum, matrix_diag_part and matrix_diag are an
adjoint pair, and the cross product's rules are cross products. Helpers at
the bottom (``matrix_transpose``, ``band_part``, ``eye_like``) are small
composites the decomposition rules share.
"""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._blas import matmul as _blas_matmul
from .._dispatch import Primitive, op_for
from .._tensor import Tensor, wrap
from ..errors import FailedPreconditionError, InvalidArgumentError, NotFoundError, _shape_text
from ._jvp import bilinear_jvp, fold_jvp
from .elementwise import where
from .shape import transpose


def check_type(dtype, op: str, allowed: tuple) -> None:
    """TensorFlow's attr error for a dtype outside an op's type list.

    ``allowed`` holds TensorFlow's type names in the order its message lists them.
    """
    name = _dt._from_numpy(dtype).name
    tf_names = {"float64": "double", "float32": "float", "float16": "half"}
    name = tf_names.get(name, name)
    if name in allowed:
        return
    raise InvalidArgumentError(
        None,
        None,
        f"Value for attr 'T' of {name} is not in the list of allowed values: "
        f"{', '.join(allowed)}\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ",
    )


_MATMUL_TYPES = ("bfloat16", "half", "float", "double", "int32", "int64", "uint8", "uint16",
                 "uint32", "uint64", "complex64", "complex128")  # fmt: skip
# (BatchMatMulV2 also takes int16; the 2-D MatMul does not)
_BATCH_MATMUL_TYPES = ("bfloat16", "half", "float", "double", "int16", "int32", "int64", "uint8",
                       "uint16", "uint32", "uint64", "complex64", "complex128")  # fmt: skip


# --------------------------------------------------------------------------
# matmul
# --------------------------------------------------------------------------
def _matmul_impl(a, b, transpose_a=False, transpose_b=False):
    if a.ndim == 2 == b.ndim and a.dtype.kind in "fc":  # the common case, checked briefly
        left = a.swapaxes(0, 1) if transpose_a else a
        right = b.swapaxes(0, 1) if transpose_b else b
        if left.shape[1] == right.shape[0]:
            return _blas_matmul(left, right)
    return _checked_matmul(a, b, transpose_a, transpose_b)


def _checked_matmul(a, b, transpose_a, transpose_b):
    batched = a.ndim > 2 or b.ndim > 2
    op = "BatchMatMulV2" if batched else "MatMul"
    if a.ndim < 2 or b.ndim < 2:
        which = 0 if a.ndim < 2 else 1
        suffix = f": {(a, b)[which].ndim}" if batched else ""
        raise InvalidArgumentError(
            None, None, f"In[{which}] ndims must be >= 2{suffix} [Op:{op}] name: "
        )
    if a.dtype.kind not in "fc":
        check_type(a.dtype, op, _BATCH_MATMUL_TYPES if batched else _MATMUL_TYPES)
        if a.dtype.kind == "u":  # in TF's type list, but no CPU kernel
            flags = (
                ("adj_x", "adj_y", "grad_x", "grad_y")
                if batched
                else ("grad_a", "grad_b", "transpose_a", "transpose_b")
            )
            values = (
                (transpose_a, transpose_b, False, False)
                if batched
                else (False, False, transpose_a, transpose_b)
            )
            attrs = ", ".join(f"{k}={str(bool(v)).lower()}" for k, v in zip(flags, values))
            raise NotFoundError(
                None, None,
                f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_"
                f"{a.dtype.name.upper()}, {attrs}]\nAll kernels registered for op {op}: "
                f"(none for this type) [Op:{op}] name: ",
            )  # fmt: skip
    left = a.swapaxes(-1, -2) if transpose_a else a
    right = b.swapaxes(-1, -2) if transpose_b else b
    if left.shape[-1] != right.shape[-2]:
        flags = f" {int(transpose_a)} {int(transpose_b)}" if batched else ""
        raise InvalidArgumentError(
            None,
            None,
            f"Matrix size-incompatible: In[0]: {_shape_text(a.shape)}, In[1]: "
            f"{_shape_text(b.shape)}{flags} [Op:{op}] name: ",
        )
    if batched:
        try:
            np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
        except ValueError:
            raise InvalidArgumentError(
                None,
                None,
                "In[0] and In[1] must have compatible batch dimensions: "
                f"{_shape_text(a.shape)} vs. {_shape_text(b.shape)} [Op:{op}] name: ",
            ) from None
        if right.ndim == 2 and transpose_b:
            # NumPy multiplies a stack by a transposed matrix view ~1.7x slower than by
            # a contiguous copy (batched jacobians through a dense layer do this).
            right = np.ascontiguousarray(right)
    return np.matmul(left, right)


def _matmul_vjp(g, ans, a, b, transpose_a=False, transpose_b=False, needs=(True, True)):
    # `needs` skips the product nobody asked for (often the one with the data batch).
    need_a, need_b = needs
    mm = op_for(matmul, g)
    if not transpose_a and not transpose_b:
        return (mm(g, b, transpose_b=True) if need_a else None,
                mm(a, g, transpose_a=True) if need_b else None)  # fmt: skip
    if transpose_a and not transpose_b:
        return (mm(b, g, transpose_b=True) if need_a else None,
                mm(a, g) if need_b else None)  # fmt: skip
    if not transpose_a and transpose_b:
        return (mm(g, b) if need_a else None,
                mm(g, a, transpose_a=True) if need_b else None)  # fmt: skip
    return (
        mm(b, g, transpose_a=True, transpose_b=True) if need_a else None,
        mm(g, a, transpose_a=True, transpose_b=True) if need_b else None,
    )


matmul = Primitive(
    "matmul",
    _matmul_impl,
    vjp=_matmul_vjp,
    jvp=lambda tangents, ans, a, b, **flags: bilinear_jvp(matmul, tangents, a, b, **flags),
    same_dtype=True,
    selective=True,
    array_vjp=True,
    tf_name="MatMul",
    formula="d(A B) = dA B + A dB; VJP: (g B^T, A^T g); leading axes broadcast as a batch",
)


# --------------------------------------------------------------------------
# einsum: one primitive for every equation, its VJP another einsum
# --------------------------------------------------------------------------
# The primitive takes an explicit equation: ``inputs`` (one label string per
# operand, no ellipsis: the public function spells broadcast axes out as
# letters), ``output`` and ``sizes`` (label -> size, as a tuple of pairs).
# Two generalisations over TensorFlow's equations keep it closed under
# differentiation: an output label may repeat (the result is zero off that
# diagonal: the adjoint of reading a diagonal), and an output label may be
# absent from the inputs (the result is broadcast along it: the adjoint of a
# sum). Operands may have size 1 where the label is larger (broadcasting).
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _einsum_impl(*operands, inputs, output, sizes):
    size_of = dict(sizes)
    present = set("".join(inputs))
    unique = "".join(dict.fromkeys(output))
    core = "".join(label for label in unique if label in present)
    big = len(operands) > 2 or (len(operands) == 2 and min(x.size for x in operands) > 64)
    result = np.einsum(",".join(inputs) + "->" + core, *operands, optimize=big)
    if isinstance(result, np.generic):  # a full contraction: NumPy gives a scalar
        result = np.asarray(result)
    if len(core) != len(unique):
        kept = [result.shape[core.index(label)] if label in present else 1 for label in unique]
        full = [size_of[label] if label not in present else result.shape[core.index(label)]
                for label in unique]  # fmt: skip
        result = np.broadcast_to(result.reshape(kept), full)
    if len(output) != len(unique):
        # Repeated output labels: place the values on that diagonal of zeros.
        shape = [result.shape[unique.index(label)] for label in output]
        placed = np.zeros_like(result, shape=shape)
        index = []
        for label in output:
            axis = unique.index(label)
            view = [1] * len(unique)
            view[axis] = shape[output.index(label)]
            index.append(np.arange(view[axis]).reshape(view))
        placed[tuple(index)] = result
        result = placed
    return result[()] if result.ndim == 0 else result


def _fresh_labels(used: str, count: int) -> str:
    free = [c for c in LETTERS if c not in used]
    if len(free) < count:
        raise ValueError("einsum: too many distinct axes (at most 52 labels)")
    return "".join(free[:count])


def _einsum_vjp(g, ans, *operands, inputs, output, sizes):
    extra = g._value.ndim - len(output)
    batch = _fresh_labels("".join(inputs) + output, extra)
    size_of = dict(sizes)
    size_of.update(zip(batch, g._value.shape[:extra]))
    new_sizes = tuple(sorted(size_of.items()))
    cotangents = []
    for k, x in enumerate(operands):
        if x._value.dtype.kind not in "fc":
            cotangents.append(None)
            continue
        others = [operands[j] for j in range(len(operands)) if j != k]
        labels = (batch + output,) + tuple(inputs[j] for j in range(len(operands)) if j != k)
        cotangents.append(
            einsum(g, *others, inputs=labels, output=batch + inputs[k], sizes=new_sizes)
        )
    return tuple(cotangents)


def _einsum_jvp(tangents, ans, *operands, inputs, output, sizes):
    def term(k):
        # The product with operand k replaced by its tangent (einsum is multilinear).
        return lambda t: einsum(
            *operands[:k], t, *operands[k + 1 :], inputs=inputs, output=output, sizes=sizes
        )

    return fold_jvp(tangents, *(term(k) for k in range(len(operands))))


einsum = Primitive(
    "einsum",
    _einsum_impl,
    vjp=_einsum_vjp,
    jvp=_einsum_jvp,
    tf_name="Einsum",
    formula="multilinear: d einsum = sum_k einsum(.., dx_k, ..); VJP_k = einsum(g, others -> "
    "labels_k), itself an einsum (repeated labels fill a diagonal, missing ones broadcast)",
)


# --------------------------------------------------------------------------
# Diagonals: matrix_diag_part and matrix_diag are an adjoint pair
# --------------------------------------------------------------------------
def diagonal_index(rows: int, cols: int, k: int, length: int | None = None):
    """Row and column indices of diagonal ``k`` (its first ``length`` entries)."""
    if length is None:
        length = max(0, min(rows + min(k, 0), cols - max(k, 0)))
    steps = np.arange(length)
    return steps + max(-k, 0), steps + max(k, 0)


def _diag_part_impl(x, k=0):
    rows, cols = diagonal_index(x.shape[-2], x.shape[-1], k)
    return x[..., rows, cols]


matrix_diag_part = Primitive(
    "matrix_diag_part",
    _diag_part_impl,
    vjp=lambda g, ans, x, k=0: (
        matrix_diag(g, k=k, num_rows=x._value.shape[-2], num_cols=x._value.shape[-1]),
    ),
    linear=True,
    tf_name="MatrixDiagPartV3",
    formula="d diag_part(X) = diag_part(dX); VJP places g on diagonal k of zeros",
)


def _diag_impl(d, k=0, num_rows=None, num_cols=None, padding=0):
    length = d.shape[-1]
    num_rows = length + max(-k, 0) if num_rows is None else num_rows
    num_cols = length + max(k, 0) if num_cols is None else num_cols
    out = np.full(d.shape[:-1] + (num_rows, num_cols), padding, dtype=d.dtype)
    rows, cols = diagonal_index(num_rows, num_cols, k, length)
    out[..., rows, cols] = d
    return out


matrix_diag = Primitive(
    "matrix_diag",
    _diag_impl,
    vjp=lambda g, ans, d, k=0, num_rows=None, num_cols=None, padding=0: (matrix_diag_part(g, k=k),),
    jvp=lambda tangents, ans, d, k=0, num_rows=None, num_cols=None, padding=0: matrix_diag(
        tangents[0], k=k, num_rows=ans._value.shape[-2], num_cols=ans._value.shape[-1]
    ),
    tf_name="MatrixDiagV3",
    formula="d diag(v) = diag(dv) (padding has no gradient); VJP reads diagonal k of g",
)


# --------------------------------------------------------------------------
# Cross product (bilinear)
# --------------------------------------------------------------------------
def check_cross_shapes(a, b) -> None:
    """TensorFlow's Cross checks (the primitive itself broadcasts, for the rules)."""
    if a.ndim == 0:
        raise InvalidArgumentError(
            None, None, f"Input must be at least 1D{_shape_text(a.shape)} [Op:Cross] name: "
        )
    if a.shape != b.shape:
        raise InvalidArgumentError(
            None,
            None,
            f"Both inputs must be of same shape: {_shape_text(a.shape)} vs. "
            f"{_shape_text(b.shape)} [Op:Cross] name: ",
        )
    if a.shape[-1] != 3:
        raise FailedPreconditionError(
            None, None, "Cross-products are only defined for 3-element vectors. [Op:Cross] name: "
        )


def _cross_jvp(tangents, ans, a, b):
    return bilinear_jvp(cross, tangents, a, b)


cross = Primitive(
    "cross",
    lambda a, b: np.cross(a, b),
    vjp=lambda g, ans, a, b: (cross(b, g), cross(g, a)),
    jvp=_cross_jvp,
    same_dtype=True,
    kinds="fiu",
    tf_name="Cross",
    formula="d(a x b) = da x b + a x db; VJP: (b x g, g x a)",
)


# --------------------------------------------------------------------------
# Shared composites for the rules
# --------------------------------------------------------------------------
def matrix_transpose(x: Tensor) -> Tensor:
    """Swap the last two axes (any leading axes stay)."""
    rank = x._value.ndim
    return transpose(x, perm=tuple(range(rank - 2)) + (rank - 1, rank - 2))


def band_mask(rows: int, cols: int, num_lower: int, num_upper: int) -> np.ndarray:
    """Boolean mask of the band: ``num_lower`` below, ``num_upper`` above (-1: all)."""
    i = np.arange(rows)[:, None]
    j = np.arange(cols)[None, :]
    keep = np.ones((rows, cols), dtype=bool)
    if num_lower >= 0:
        keep &= i - j <= num_lower
    if num_upper >= 0:
        keep &= j - i <= num_upper
    return keep


def band_part(x: Tensor, num_lower: int, num_upper: int) -> Tensor:
    """Zero everything outside the band (the gradient is the band of g)."""
    shape = x._value.shape
    mask = wrap(band_mask(shape[-2], shape[-1], num_lower, num_upper))
    return where(mask, x, wrap(np.zeros((), dtype=x._value.dtype)))


def scaled_mask(x: Tensor, mask: np.ndarray) -> Tensor:
    """x times a constant array (e.g. a triangle with the diagonal halved)."""
    return x * wrap(mask.astype(x._value.dtype))


def eye_like(x: Tensor) -> Tensor:
    """An identity matrix of x's last dimension and dtype (a constant)."""
    return wrap(np.eye(x._value.shape[-1], dtype=x._value.dtype))
