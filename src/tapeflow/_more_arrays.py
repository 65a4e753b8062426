"""Top-level array ops composed from tapeflow's differentiable ops: batch/space
rearrangements, sequence reversal and masks, partitions and stitches, scatter
max/min, saturating and bit casts, truncating division, histograms.

Composites inherit their gradients (and JVPs) from the ops they use, so they
differentiate wherever TensorFlow's do; integer-valued ops give None.

>>> import tapeflow as tf
>>> print(tf.sequence_mask([1, 3], 4))
tf.Tensor(
[[ True False False False]
 [ True  True  True False]], shape=(2, 4), dtype=bool)
>>> print(tf.reverse_sequence([[1, 2, 3], [4, 5, 6]], [2, 3], seq_axis=1, batch_axis=0))
tf.Tensor(
[[2 1 3]
 [6 5 4]], shape=(2, 3), dtype=int32)
"""

from __future__ import annotations

from typing import Any

import numpy as _np

from . import _backend
from . import dtypes as _dt
from ._dispatch import Primitive as _Primitive
from ._dispatch import reads_values as _reads_values
from ._tensor import Tensor
from ._tensor import Tensor as _Tensor
from ._tensor import convert_to_tensor as _convert
from ._tensor import read_static as _read_static
from ._tensor import wrap as _wrap
from ._types import DTypeLike, ShapeLike, TensorLike
from .errors import InternalError as _InternalError
from .errors import InvalidArgumentError as _InvalidArgumentError
from .errors import NotFoundError as _NotFoundError
from .errors import _attr_text, _op_error, _shape_text
from .ops.elementwise import divides_by_zero as _divides_by_zero
from .ops.sparse import IndexedSlices as _IndexedSlices

__all__ = [
    "batch_to_space", "bitcast", "complex", "dynamic_partition", "dynamic_stitch",
    "required_space_to_batch_paddings", "reverse_sequence", "saturate_cast", "scalar_mul",
    "shape_n",
    "space_to_batch", "space_to_batch_nd", "tensor_scatter_nd_max", "tensor_scatter_nd_min",
    "truncatediv", "truncatemod", "unravel_index",
]  # fmt: skip


def _tf():
    import tapeflow

    return tapeflow


def _invalid(message: str, op_name: str) -> _InvalidArgumentError:
    return _InvalidArgumentError(None, None, f"{message} [Op:{op_name}] name: ")


def _ints(value, op_name: str) -> _np.ndarray:
    # Indices are read on the host (from a GPU or a Dask graph), as TF reads them.
    _read_static(value)
    array = _np.asarray(_backend.to_host(value._value if isinstance(value, _Tensor) else value))
    if array.dtype.kind not in "iu":
        raise TypeError(f"{op_name}: expected integer values, got {array.dtype}")
    return array.astype(_np.int64)


def shape_n(input: TensorLike, out_type: DTypeLike = _dt.int32, name: str | None = None) -> list:  # noqa: A002
    """The shape of each tensor of a list.

    >>> [s.numpy().tolist() for s in tf.shape_n([tf.zeros([2, 3]), tf.zeros([4])])]
    [[2, 3], [4]]
    """
    from ._matching import matching_tensors  # noqa: PLC0415
    from .arrays._shapes import shape_out_type  # noqa: PLC0415

    if isinstance(input, _np.ndarray) and input.ndim == 0 or not hasattr(input, "__iter__"):
        raise TypeError(f"Expected list for 'input' argument to 'shape_n' Op, not {input!r}.")
    if isinstance(input, (str, bytes)):
        raise TypeError(f"Expected list for 'input' argument to 'shape_n' Op, not {input!r}.")
    if isinstance(input, _np.ndarray) and input.ndim > 1:
        raise ValueError(
            f"expected a sequence for attr N, got an ndarray with rank {input.ndim} instead"
        )
    values = list(input)
    if not values:
        raise _op_error("Value for attr 'N' of 0 must be at least minimum 1", "ShapeN")
    dtype = shape_out_type(out_type, "ShapeN").as_numpy_dtype_instance
    # One dtype T for all inputs, chosen as TF's eager ops choose it.
    return [_wrap(_np.asarray(t._value.shape, dtype)) for t in matching_tensors(values)]


def scalar_mul(
    scalar: TensorLike, x: TensorLike | _IndexedSlices, name: str | None = None
) -> Tensor | _IndexedSlices:
    """``scalar * x`` for a 0-D ``scalar`` (an IndexedSlices ``x`` stays sparse).

    >>> tf.math.scalar_mul(2.0, tf.constant([1.0, 3.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 6.], dtype=float32)>
    """
    dtype = getattr(x, "dtype", None)
    if dtype is not None and not isinstance(scalar, Tensor) and not hasattr(scalar, "_as_tensor"):
        try:  # TF converts the scalar with x's dtype (2**64 - 1 is a uint64)
            scalar = _convert(scalar, dtype=dtype)
        except (TypeError, ValueError):
            pass  # converted as it is, then cast below
    scalar = _convert(scalar)
    if scalar._value.ndim != 0:
        raise ValueError(
            f"The input scalar must be a 0-D value. Received shape {scalar._value.shape}."
        )
    if isinstance(x, _IndexedSlices):
        return _IndexedSlices(scalar_mul(scalar, x.values), x.indices, x.dense_shape)
    x = _convert(x)
    return _tf().math.multiply(_tf().cast(scalar, x.dtype), x)


def complex(real: TensorLike, imag: TensorLike, name: str | None = None) -> Tensor:  # noqa: A001 - TF's name
    """``real + 1j * imag``: float32 parts give complex64, float64 complex128.

    >>> import tapeflow as tf
    >>> print(tf.complex(tf.constant([1.0]), tf.constant([2.0])))
    tf.Tensor([1.+2.j], shape=(1,), dtype=complex64)
    """
    real, imag = _convert(real), _convert(imag)
    if real.dtype != imag.dtype or real.dtype not in (_dt.float32, _dt.float64):
        raise TypeError(
            f"The `real` and `imag` components have incorrect types: {real.dtype.name} "
            f"{imag.dtype.name}. They must be consistent, and one of [tf.float32, tf.float64]"
        )
    from .ops.spectral import complex_

    return complex_(real, imag)


def _saturation_limits(source_dtype: _dt.DType, target_dtype: _dt.DType) -> tuple:
    """TF's clamp bounds for saturate_cast, computed as its Python wrapper does.

    The bounds are always applied (inf becomes the type's largest finite value, even
    for a cast to the same type). TF takes the upper bound through ``float`` and back
    into the source type; for int64 that rounds to 2**63, whose conversion overflows
    to int64's minimum, so TF saturates every int64 value to -2**63 when the target
    holds int64's range. Here the bound stays int64's maximum (docs/deviations.md:
    saturate-cast-int64).
    """
    source, target = source_dtype.as_numpy_dtype, target_dtype.as_numpy_dtype
    in_min, in_max = source_dtype.min, source_dtype.max
    out_min, out_max = target_dtype.min, target_dtype.max
    promoted = _np.promote_types(source, target)
    kind, bits = _np.dtype(source).kind, 8 * _np.dtype(source).itemsize
    low: Any
    high: Any
    with _np.errstate(over="ignore", invalid="ignore"):
        low = _np.asarray(_np.maximum(in_min, out_min)).astype(source)[()]
        low_pair = _np.array([low, out_min], dtype=promoted)
        if low_pair[0] < low_pair[1]:  # rounded outward: step back inside
            low = _np.nextafter(low, source(0), dtype=source)
        high_float = min(float(in_max), float(out_max))
        if kind in "iu" and high_float >= 2.0 ** (bits - (kind == "i")):
            high = _np.iinfo(source).max  # TF's float round trip overflows here
        else:
            high = _np.asarray(high_float).astype(source)[()]
        high_pair = _np.array([high, out_max], dtype=promoted)
        if high_pair[0] > high_pair[1]:
            high = _np.nextafter(high, source(0), dtype=source)
    return _np.asarray(low, dtype=source), _np.asarray(high, dtype=source)


def saturate_cast(value: TensorLike, dtype: DTypeLike, name: str | None = None) -> Tensor:
    """Cast, clamping values to ``dtype``'s range first (no wraparound).

    >>> import tapeflow as tf
    >>> print(tf.saturate_cast([-1.0, 300.0, 3.7], tf.uint8))
    tf.Tensor([  0 255   3], shape=(3,), dtype=uint8)
    """
    tf = _tf()
    value = _convert(value)
    dtype = _dt.as_dtype(dtype)
    if value.dtype.is_complex and not dtype.is_complex:
        value = tf.math.real(value)
    source = value.dtype
    # A real value bound for a complex dtype is clamped to its real part's range.
    target = dtype.real_dtype if dtype.is_complex and not source.is_complex else dtype
    if source.kind in "fiu" and target.kind in "fiu":
        if source.name in ("uint32", "uint64"):  # TF's clamp has no CPU kernel for them
            raise _NotFoundError(
                None, None, "Could not find device for node: {{node ClipByValue}} = "
                f"ClipByValue[T=DT_{source.name.upper()}] [Op:ClipByValue] name: clamp",
            )  # fmt: skip
        low_v, high_v = _saturation_limits(source, target)
        low, high = _wrap(low_v), _wrap(high_v)
        # TF clamps with its ClipByValue op, whose gradient passes everywhere but where
        # the value lies strictly outside the bounds: NaN included (tf.clip_by_value,
        # a minimum and a maximum, stops it there).
        value = tf.where(value < low, low, tf.where(value > high, high, value))
    return tf.cast(value, dtype)


# TF's DataType enum (types.proto), which its Bitcast kernel's error prints.
_DATATYPE_ENUM = {
    "float32": 1, "float64": 2, "int32": 3, "uint8": 4, "int16": 5, "int8": 6, "string": 7,
    "complex64": 8, "int64": 9, "bool": 10, "bfloat16": 14, "uint16": 17, "complex128": 18,
    "float16": 19, "uint32": 22, "uint64": 23,
}  # fmt: skip


@_reads_values(floats=True)
def bitcast(input: TensorLike, type: DTypeLike, name: str | None = None) -> Tensor:  # noqa: A002
    """Reinterpret the bytes of a tensor as another dtype (no gradient).

    >>> tf.bitcast(tf.constant([1.0], tf.float32), tf.int32)
    <tf.Tensor: shape=(1,), dtype=int32, numpy=array([1065353216], dtype=int32)>
    """
    x = _convert(input)
    dtype = _dt.as_dtype(type)
    array = _np.array(x._value, copy=True)  # contiguous, and keeps rank 0
    size_in, size_out = array.dtype.itemsize, dtype.size
    if size_in == size_out:
        result = array.view(dtype.as_numpy_dtype_instance)
    elif size_in > size_out:
        # A trailing axis of one first: NumPy cannot change a scalar's itemsize in place.
        result = array.reshape(array.shape + (1,)).view(dtype.as_numpy_dtype_instance)
    else:
        if not array.shape or array.shape[-1] != size_out // size_in:
            # TF's kernel names the dtypes by their DataType enum numbers.
            source = _DATATYPE_ENUM[_dt._from_numpy(array.dtype).name]
            raise _invalid(f"Cannot bitcast from {source} to {_DATATYPE_ENUM[dtype.name]}",
                           "Bitcast")  # fmt: skip
        result = array.view(dtype.as_numpy_dtype_instance).reshape(array.shape[:-1])
    return _wrap(_np.array(result)[()])


def _zero_divisor_error(op_name: str) -> _InternalError:
    # TF's TruncateDiv/TruncateMod kernels report a zero divisor through a generic path.
    return _op_error("Unexpected error in binary operator (only integer div and mod should "
                     "have errors)", op_name, cls=_InternalError)  # fmt: skip


def _truncatediv_impl(x, y):
    if _divides_by_zero(x, y):
        raise _zero_divisor_error("TruncateDiv")
    if x.dtype.kind in "iu":
        # Floor division stepped toward zero where it rounded down: no abs(), which
        # overflows at the type's minimum; MIN / -1 wraps to MIN as TF's kernel gives.
        with _np.errstate(over="ignore", divide="ignore"):
            quotient = _np.floor_divide(x, y)
            inexact = (x - quotient * y != 0) & ((x < 0) != (y < 0))
            return _np.asarray(quotient + inexact.astype(quotient.dtype), dtype=x.dtype)[()]
    return _np.trunc(x / y)


_truncatediv = _Primitive("truncatediv", _truncatediv_impl, differentiable=False,
                          same_dtype=True, kinds="fiu", tf_name="TruncateDiv",
                          formula="x / y rounded toward zero: no gradient")  # fmt: skip


def _truncatemod_impl(x, y):
    if x.dtype == _np.float16:  # in TF's type list, with no CPU kernel
        raise _NotFoundError(
            None, None, "Could not find device for node: {{node TruncateMod}} = "
            "TruncateMod[T=DT_HALF] [Op:TruncateMod] name: ",
        )  # fmt: skip
    if _divides_by_zero(x, y):
        raise _zero_divisor_error("TruncateMod")
    return _np.fmod(x, y)


_truncatemod = _Primitive("truncatemod", _truncatemod_impl, differentiable=False, same_dtype=True,
                          kinds="fiu", tf_name="TruncateMod",
                          dtypes=("ilqefd", "int32, int64, bfloat16, half, float, double"),
                          formula="remainder of division rounded toward zero (sign of x): "
                          "no gradient (TF registers none)")  # fmt: skip


def truncatediv(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """Division rounded toward zero (C semantics), elementwise with broadcasting.

    >>> tf.truncatediv(tf.constant([7, -7]), tf.constant([2, 2]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 3, -3], dtype=int32)>
    """
    return _truncatediv(x, y)


def truncatemod(x: TensorLike, y: TensorLike, name: str | None = None) -> Tensor:
    """Remainder with the sign of ``x`` (C's fmod), elementwise with broadcasting.

    >>> tf.truncatemod(tf.constant([7, -7]), tf.constant([3, 3]))
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 1, -1], dtype=int32)>
    """
    return _truncatemod(x, y)


def _unravel_inputs(indices: Any, dims: Any) -> tuple[Tensor, Tensor]:
    """``indices`` and ``dims`` in one dtype (the op's ``Tidx``), as TF's eager call picks it.

    Where TF's generated op falls back to its slow path (an ndarray ``dims``, or an
    ndarray ``indices`` of a dtype the op does not take, and no tensor), ``indices``
    is converted with int32 preferred, which casts an ndarray; ``dims`` follows it.
    """
    from ._matching import matching_tensors

    tensor_given = isinstance(indices, _Tensor) or isinstance(dims, _Tensor)
    slow = not tensor_given and (
        isinstance(dims, _np.ndarray)
        or (isinstance(indices, _np.ndarray) and indices.dtype not in (_np.int32, _np.int64))
    )
    if slow and isinstance(indices, _np.ndarray):
        with _np.errstate(all="ignore"):
            indices = _np.real(indices).astype(_np.int32)
    if slow:
        # a NumPy scalar keeps its own dtype; Python values prefer int32
        first = _convert(
            indices, dtype_hint=None if isinstance(indices, _np.generic) else _dt.int32
        )
        if isinstance(dims, _np.ndarray):
            with _np.errstate(all="ignore"):
                dims = _np.real(dims).astype(first._value.dtype)
        return first, _convert(dims, dtype=first.dtype)
    first, second = matching_tensors([indices, dims], (_dt.int32, _dt.int64), _dt.int32)
    return first, second


def _eigen_row(values: _np.ndarray) -> str:
    """A vector as TF prints it in kernel messages: right-aligned to the widest entry."""
    texts = [str(int(v)) for v in values]
    width = max(map(len, texts), default=0)
    return " ".join(t.rjust(width) for t in texts)


def unravel_index(indices: TensorLike, dims: TensorLike, name: str | None = None) -> Tensor:
    """Flat indices to coordinates in an array of shape ``dims``: shape [len(dims), ...].

    As TF's kernel, it checks only the upper bound: a negative index gives the
    coordinates of C's truncating division and remainder (-1 in [2, 3] is [0, -1]).

    >>> print(tf.unravel_index(indices=[5, 7], dims=[3, 4]))
    tf.Tensor(
    [[1 1]
     [1 3]], shape=(2, 2), dtype=int32)
    """
    first, second = _unravel_inputs(indices, dims)
    dtype = first._value.dtype
    if dtype not in (_np.int32, _np.int64):
        raise _op_error(_attr_text("Tidx", first.dtype.c_name, "int32, int64"), "UnravelIndex",
                        None)  # fmt: skip
    flat = _np.asarray(_backend.to_host(first._value))
    shape = _np.asarray(_backend.to_host(second._value))
    _read_static(first)
    _read_static(second)
    if not flat.size:
        raise _op_error(f"received empty tensor indices: Tensor<type: {first.dtype.name} "
                        f"shape: {_shape_text(flat.shape)} values: >", "UnravelIndex", None)  # fmt: skip
    if flat.ndim > 1:
        raise _op_error(f'The indices can only be scalar or vector, got "{_shape_text(flat.shape)}"',
                        "UnravelIndex", None)  # fmt: skip
    if shape.ndim != 1:
        raise _op_error(f'The indices can only be 1-D, got "{_shape_text(shape.shape)}"',
                        "UnravelIndex", None)  # fmt: skip
    limit = int(_np.iinfo(dtype).max)
    total = 1
    for i, d in enumerate(int(d) for d in shape):
        if d == 0:
            raise _op_error(f"Input dims cannot contain a dim of zero, but dims contains zero at "
                            f"index {i}", "UnravelIndex", None)  # fmt: skip
        if d < 0:
            raise _op_error(f"Input dims cannot be negative. Got dim = {d} at index {i}",
                            "UnravelIndex", None)  # fmt: skip
        total *= d
        if total > limit:
            raise _op_error(f"Input dims product is causing integer overflow: "
                            f"({_eigen_row(shape)})", "UnravelIndex", None)  # fmt: skip
    if _np.any(flat >= total):
        raise _op_error("index is out of bound as with dims", "UnravelIndex", None)
    # Row-major strides; C's division truncates and its remainder keeps the sign.
    column = (-1,) + (1,) * flat.ndim
    sizes = shape.astype(_np.int64)
    strides = _np.append(_np.cumprod(sizes[::-1])[::-1][1:], 1).reshape(column)
    index = flat.astype(_np.int64)[None]
    quotient = index // strides
    quotient += (index < 0) & (index % strides != 0)  # floor to truncation
    coords = _np.fmod(quotient, sizes.reshape(column))
    return _wrap(coords.astype(dtype))


def reverse_sequence(
    input: TensorLike,
    seq_lengths: TensorLike,
    seq_axis: int | None = None,
    batch_axis: int | None = None,
    name: str | None = None,
) -> Tensor:  # noqa: A002
    """Reverse the first ``seq_lengths[b]`` entries along ``seq_axis`` of each batch row.

    >>> x = tf.constant([[1, 2, 3], [4, 5, 6]])
    >>> print(tf.reverse_sequence(x, seq_lengths=[2, 3], seq_axis=1, batch_axis=0))
    tf.Tensor(
    [[2 1 3]
     [6 5 4]], shape=(2, 3), dtype=int32)
    """
    tf = _tf()
    if seq_axis is None:
        raise TypeError("Expected int for argument 'seq_dim' not None.")
    x = _convert(input)
    ndim = x._value.ndim
    if ndim < 2:
        raise _invalid(f"input must have rank >= 2, got {ndim}", "ReverseSequence")
    seq_axis = int(seq_axis) % ndim
    batch_axis = 0 if batch_axis is None else int(batch_axis) % ndim
    lengths = _ints(seq_lengths, "ReverseSequence")
    batch, steps = x._value.shape[batch_axis], x._value.shape[seq_axis]
    if lengths.shape != (batch,) or _np.any(lengths > steps) or _np.any(lengths < 0):
        raise _invalid(f"seq_lengths must be a vector of {batch} values in [0, {steps}]; got "
                       f"{lengths.tolist()}", "ReverseSequence")  # fmt: skip
    rest = [a for a in range(ndim) if a not in (batch_axis, seq_axis)]
    perm = [batch_axis, seq_axis] + rest
    moved = tf.transpose(x, perm)
    j = _np.arange(steps)
    source = _np.where(j < lengths[:, None], lengths[:, None] - 1 - j, j)
    flat_index = (source + steps * _np.arange(batch)[:, None]).ravel()
    flat = tf.reshape(moved, [batch * steps] + [x._value.shape[a] for a in rest])
    gathered = tf.reshape(tf.gather(flat, flat_index), moved.shape)
    return tf.transpose(gathered, list(_np.argsort(perm)))


def _partition_count(num_partitions) -> int:
    """``num_partitions`` as TF's op builder reads the attr, checked before any input."""
    if isinstance(num_partitions, str) or num_partitions is None:
        raise TypeError(f"Expected int for argument 'num_partitions' not {num_partitions!r}.")
    count = int(num_partitions)  # floats truncate, as TF's attr conversion does
    if count < 1:
        raise _op_error(
            f"Value for attr 'num_partitions' of {count} must be at least minimum 1\n\t; "
            "NodeDef: {{node DynamicPartition}}; Op<name=DynamicPartition; signature=data:T, "
            "partitions:int32 -> outputs:num_partitions*T; attr=num_partitions:int,min=1; "
            "attr=T:type>",
            "DynamicPartition",
            None,
        )
    if count > 2**31 - 1:
        # TF's eager executor refuses an output list this long before running.
        raise ValueError(f"Number of outputs is too big: {count}")
    return count


def dynamic_partition(
    data: TensorLike, partitions: TensorLike, num_partitions: int, name: str | None = None
) -> list:
    """Split ``data`` into ``num_partitions`` tensors by the partition index of each entry.

    >>> data = tf.constant([10, 20, 30, 40])
    >>> zeros, ones = tf.dynamic_partition(data, partitions=[1, 0, 1, 0], num_partitions=2)
    >>> zeros
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([20, 40], dtype=int32)>
    >>> ones
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([10, 30], dtype=int32)>
    """
    tf = _tf()
    count = _partition_count(num_partitions)
    data = _convert(data)
    parts = _ints(partitions, "DynamicPartition")
    shape = data._value.shape
    if shape[: parts.ndim] != parts.shape:
        raise _invalid(f"data.shape must start with partitions.shape, got data.shape = "
                       f"{list(shape)}, partitions.shape = {list(parts.shape)}",
                       "DynamicPartition")  # fmt: skip
    flat_parts = parts.ravel()
    bad = _np.nonzero((flat_parts < 0) | (flat_parts >= num_partitions))[0]
    if bad.size:
        raise _invalid(f"partitions[{bad[0]}] = {flat_parts[bad[0]]} is not in [0, "
                       f"{count})", "DynamicPartition")  # fmt: skip
    flat = tf.reshape(data, [flat_parts.size] + list(shape[parts.ndim :]))
    return [tf.gather(flat, _np.nonzero(flat_parts == i)[0]) for i in range(count)]


def _stitch_inputs(indices: Any, data: Any) -> tuple[list, list]:
    """DynamicStitch's inputs as TF's generated op and kernel check them: int32 indices,
    one dtype ``T`` for the data (the first tensor's), each data shape starting with
    its indices' shape and the same trailing shape for all."""
    from ._matching import matching_tensors

    for what, value in (("indices", indices), ("data", data)):
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"Expected list for '{what}' argument to 'dynamic_stitch' Op, not "
                            f"{value!r}.")  # fmt: skip
    if not data:
        raise _op_error(f"OpKernel 'DynamicStitch' has constraint on attr 'T' not in NodeDef "
                        f"'[N={len(indices)}]'", "DynamicStitch", None)  # fmt: skip
    tensors = matching_tensors(list(data))
    if len(indices) != len(tensors):
        expected = ["int32"] * len(indices) + [tensors[0].dtype.c_name] * len(indices)
        raise _op_error(
            f"NodeDef expected inputs '{', '.join(expected)}' do not match "
            f"{len(indices) + len(tensors)} inputs specified; Op<name=DynamicStitch; "
            "signature=indices:N*int32, data:N*T -> merged:T; attr=N:int,min=1; attr=T:type>; "
            "NodeDef: {{node DynamicStitch}}",
            "DynamicStitch", None,
        )  # fmt: skip
    for position, t in enumerate(tensors):
        if t.dtype != tensors[0].dtype:
            raise _op_error(f"cannot compute DynamicStitch as input #{len(indices) + position}"
                            f"(zero-based) was expected to be a {tensors[0].dtype.c_name} tensor "
                            f"but is a {t.dtype.c_name} tensor", "DynamicStitch")  # fmt: skip
    index_arrays = []
    for i in indices:
        if isinstance(i, _Tensor) and i.dtype != _dt.int32:
            raise ValueError(f"Tensor conversion requested dtype int32 for Tensor with dtype "
                             f"{i.dtype.name}: {i!r}")  # fmt: skip
        if isinstance(i, _np.ndarray) and i.dtype.kind in "iu":
            i = i.astype(_np.int32)  # TF casts an integer ndarray
        converted = _convert(i, dtype=_dt.int32)
        _read_static(converted)
        index_arrays.append(_np.asarray(_backend.to_host(converted._value)).astype(_np.int64))
    first_index, first = index_arrays[0], tensors[0]._value.shape
    for n, (idx, t) in enumerate(zip(index_arrays, tensors)):
        shape = t._value.shape
        if shape[: idx.ndim] != idx.shape:
            raise _op_error(f"data[{n}].shape = {_shape_text(shape)} does not start with "
                            f"indices[{n}].shape = {_shape_text(idx.shape)}", "DynamicStitch",
                            None)  # fmt: skip
        if shape[idx.ndim :] != first[first_index.ndim :]:
            raise _op_error(
                f"Need data[0].shape[{first_index.ndim}:] = data[{n}].shape[{idx.ndim}:], got "
                f"data[0].shape = {_shape_text(first)}, data[{n}].shape = {_shape_text(shape)}, "
                f"indices[0].shape = {_shape_text(first_index.shape)}, indices[{n}].shape = "
                f"{_shape_text(idx.shape)}", "DynamicStitch", None,
            )  # fmt: skip
    return index_arrays, tensors


def dynamic_stitch(indices: TensorLike, data: TensorLike, name: str | None = None) -> Tensor:
    """Interleave ``data[m]`` into one tensor at rows ``indices[m]`` (later ones win).

    >>> tf.dynamic_stitch([[0, 2], [1, 3]], [tf.constant([10, 30]), tf.constant([20, 40])])
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([10, 20, 30, 40], dtype=int32)>
    """
    tf = _tf()
    index_arrays, data = _stitch_inputs(indices, data)
    rows, pieces = [], []
    for idx, d in zip(index_arrays, data):
        inner = d._value.shape[idx.ndim :]
        pieces.append(tf.reshape(d, [idx.size] + list(inner)))
        rows.append(idx.ravel())
    for idx in index_arrays:
        negative = _np.flatnonzero(idx.ravel() < 0)
        if negative.size:
            raise _op_error(f"indices[{negative[0]}] is out of range", "DynamicStitch", None)
    flat_rows = _np.concatenate(rows) if rows else _np.zeros(0, _np.int64)
    size = int(flat_rows.max()) + 1 if flat_rows.size else 0
    source = _np.full(size, flat_rows.size)  # unwritten rows read the zero row
    source[flat_rows] = _np.arange(flat_rows.size)  # later assignments win, as in TF
    stacked = tf.concat(pieces + [tf.zeros_like(pieces[0][:1])], axis=0)
    value = tf.gather(stacked, source)
    if len(_np.unique(flat_rows)) == flat_rows.size:
        return value
    # TF's gradient gathers the cotangent for every write, overwritten ones included.
    # A custom gradient says so; a "spread - stop_gradient(spread)" correction would
    # turn an overwritten Inf into NaN (Inf - Inf) in the value.

    @tf.custom_gradient
    def stitched(flat):
        def gradient(upstream):
            return tf.gather(upstream, flat_rows)

        return tf.stop_gradient(value), gradient

    return stitched(tf.concat(pieces, axis=0))


def _scatter_extreme(tensor, indices, updates, numpy_pick, op_name: str):
    """tensor_scatter_nd_max/min with TF's gradient: ties share the cotangent."""
    tf = _tf()
    from ._matching import matching_tensors
    from .arrays._index import _check_scatter, _index_array

    # One dtype T for tensor and updates, as TF's eager op picks it (the first tensor's).
    tensor, updates = matching_tensors([tensor, updates])
    if updates.dtype != tensor.dtype:
        raise _op_error(f"cannot compute {op_name} as input #2(zero-based) was expected to be a "
                        f"{tensor.dtype.c_name} tensor but is a {updates.dtype.c_name} tensor",
                        op_name, None)  # fmt: skip
    checked = _index_array(indices, op_name)  # TF's checks: rank, dtype, bounds
    _check_scatter(checked, updates._value.shape, tensor._value.shape, op_name)
    index = _wrap(checked)
    out = _np.array(tensor._value, copy=True)
    flat_index = tuple(_np.moveaxis(checked.astype(_np.int64), -1, 0))
    numpy_pick.at(out, flat_index, _np.asarray(updates._value))
    winner = _wrap(out)
    if not _np.issubdtype(out.dtype, _np.inexact):
        return (
            winner  # integers carry no gradient, and the tie average below would not stay integral
        )
    # Every input equal to the result shares its cotangent equally with the others.
    x_hit = _np.asarray(tensor._value == out, dtype=out.dtype)
    y_hit = _np.asarray(_np.asarray(updates._value) == out[flat_index], dtype=out.dtype)
    count = x_hit.copy()
    _np.add.at(count, flat_index, y_hit)
    scattered = tf.scatter_nd(index, updates * _wrap(y_hit), out.shape)
    combined = (tensor * _wrap(x_hit) + scattered) / _wrap(_np.maximum(count, 1))
    # The value is exactly the NumPy result; the composite carries the gradient.
    return winner + (combined - tf.stop_gradient(combined))


@_reads_values
def tensor_scatter_nd_max(
    tensor: TensorLike, indices: TensorLike, updates: TensorLike, name: str | None = None
) -> Tensor:
    """``tensor`` with ``tensor[indices[i]] = max(tensor[indices[i]], updates[i])``.

    >>> tf.tensor_scatter_nd_max(tf.constant([1.0, 5.0, 3.0]), indices=[[0], [1]], updates=[4.0, 4.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([4., 5., 3.], dtype=float32)>
    """
    return _scatter_extreme(tensor, indices, updates, _np.maximum, "TensorScatterMax")


@_reads_values
def tensor_scatter_nd_min(
    tensor: TensorLike, indices: TensorLike, updates: TensorLike, name: str | None = None
) -> Tensor:
    """``tensor`` with ``tensor[indices[i]] = min(tensor[indices[i]], updates[i])``.

    >>> tf.tensor_scatter_nd_min(tf.constant([1.0, 5.0, 3.0]), indices=[[0], [1]], updates=[4.0, 4.0])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 4., 3.], dtype=float32)>
    """
    return _scatter_extreme(tensor, indices, updates, _np.minimum, "TensorScatterMin")


# --------------------------------------------------------------------------
# space <-> batch
# --------------------------------------------------------------------------
def required_space_to_batch_paddings(
    input_shape: ShapeLike,
    block_shape: TensorLike,
    base_paddings: TensorLike = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """Paddings and crops that make ``input_shape`` divisible by ``block_shape``.

    >>> paddings, crops = tf.required_space_to_batch_paddings([5, 6], block_shape=[2, 4])
    >>> print(paddings)
    tf.Tensor(
    [[0 1]
     [0 2]], shape=(2, 2), dtype=int32)
    >>> print(crops)
    tf.Tensor(
    [[0 1]
     [0 2]], shape=(2, 2), dtype=int32)
    """

    # TF's wrapper: every argument converted to int32 (a Python int past int32 wraps),
    # static shape checks, then NumPy int32 arithmetic on the constant values, which
    # wraps on overflow and gives 0 for a remainder by a zero block.
    def as_int32(value: TensorLike, label: str) -> Tensor:
        try:
            return _convert(value, dtype=_dt.int32)
        except ValueError as e:
            if not str(e).startswith("Tensor conversion requested"):
                raise
            raise ValueError(f"{label}: {e}") from None

    input_t = as_int32(input_shape, "input_shape")
    block_t = as_int32(block_shape, "block_shape")
    block_t.shape.assert_has_rank(1)
    count = block_t.shape[0]
    if count == 0:
        empty = _np.zeros((0, 2), _np.int32)
        return _wrap(empty), _wrap(empty.copy())
    input_t.shape.assert_is_compatible_with([count])
    if base_paddings is None:
        base = _np.zeros((count, 2), _np.int32)
    else:
        base_t = as_int32(base_paddings, "base_paddings")
        base_t.shape.assert_is_compatible_with([count, 2])
        base = _np.asarray(base_t._value)
    shape, block = _np.asarray(input_t._value), _np.asarray(block_t._value)
    with _np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        padded = shape + base[:, 0] + base[:, 1]
        extra = (block - padded % block) % block
        paddings = _np.stack([base[:, 0], base[:, 1] + extra], axis=1)
    crops = _np.stack([_np.zeros_like(extra), extra], axis=1)
    return _wrap(paddings.astype(_np.int32)), _wrap(crops.astype(_np.int32))


def space_to_batch_nd(
    input: TensorLike, block_shape: TensorLike, paddings: TensorLike, name: str | None = None
) -> Tensor:  # noqa: A002
    """Pad the spatial dims, cut them into ``block_shape`` blocks, and move the
    offsets within blocks into the batch dimension.

    >>> tf.space_to_batch_nd(tf.reshape(tf.range(4), [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]]).shape
    TensorShape([4, 1, 1, 1])
    """
    tf = _tf()
    x = _convert(input)
    block = _ints(block_shape, "SpaceToBatchND")
    pads = _ints(paddings, "SpaceToBatchND").reshape(-1, 2)
    m = block.size
    shape = x._value.shape
    if len(shape) < m + 1 or pads.shape[0] != m:
        raise _invalid(f"input rank should be >= {m + 1} instead of {len(shape)}",
                       "SpaceToBatchND")  # fmt: skip
    full = [[0, 0]] + pads.tolist() + [[0, 0]] * (len(shape) - m - 1)
    x = tf.pad(x, full)
    padded = x._value.shape
    for i in range(m):
        if padded[i + 1] % block[i]:
            raise _invalid(f"padded_shape[{i}]={padded[i + 1]} is not divisible by "
                           f"block_shape[{i}]={block[i]}", "SpaceToBatchND")  # fmt: skip
    split = [padded[0]]
    for i in range(m):
        split += [padded[i + 1] // block[i], int(block[i])]
    rest = list(padded[m + 1 :])
    x = tf.reshape(x, split + rest)
    perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
            + list(range(1 + 2 * m, 1 + 2 * m + len(rest))))  # fmt: skip
    x = tf.transpose(x, perm)
    out = [padded[0] * int(_np.prod(block))] + [padded[i + 1] // block[i] for i in range(m)]
    return tf.reshape(x, out + rest)


def space_to_batch(
    input: TensorLike, block_shape: TensorLike, paddings: TensorLike, name: str | None = None
) -> Tensor:  # noqa: A002
    """``space_to_batch_nd`` (TF 2's ``tf.space_to_batch``).

    >>> x = tf.space_to_batch(tf.reshape(tf.range(4), [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]])
    >>> tf.reshape(x, [-1])
    <tf.Tensor: shape=(4,), dtype=int32, numpy=array([0, 1, 2, 3], dtype=int32)>
    """
    return space_to_batch_nd(input, block_shape, paddings)


def batch_to_space(
    input: TensorLike, block_shape: TensorLike, crops: TensorLike, name: str | None = None
) -> Tensor:  # noqa: A002
    """The inverse of ``space_to_batch_nd``: move batch blocks back into space, then crop.

    >>> x = tf.reshape(tf.range(4), [4, 1, 1, 1])
    >>> print(tf.reshape(tf.batch_to_space(x, [2, 2], [[0, 0], [0, 0]]), [2, 2]))
    tf.Tensor(
    [[0 1]
     [2 3]], shape=(2, 2), dtype=int32)
    """
    tf = _tf()
    x = _convert(input)
    block = _ints(block_shape, "BatchToSpaceND")
    crop = _ints(crops, "BatchToSpaceND").reshape(-1, 2)
    m = block.size
    shape = x._value.shape
    prod = int(_np.prod(block))
    if prod <= 0:
        raise _invalid(f"Product of block sizes must be positive, got {prod}", "BatchToSpaceND")
    if len(shape) < m + 1 or shape[0] % prod:
        raise _invalid(f"Input batch dimension ({shape[0] if shape else 0}) is not divisible "
                       f"by product of block sizes ({prod})", "BatchToSpaceND")  # fmt: skip
    batch = shape[0] // prod
    rest = list(shape[m + 1 :])
    x = tf.reshape(x, [int(b) for b in block] + [batch] + list(shape[1 : m + 1]) + rest)
    perm = [m]
    for i in range(m):
        perm += [m + 1 + i, i]
    perm += list(range(2 * m + 1, 2 * m + 1 + len(rest)))
    x = tf.transpose(x, perm)
    spatial = [shape[i + 1] * int(block[i]) for i in range(m)]
    x = tf.reshape(x, [batch] + spatial + rest)
    begin = [0] + [int(c) for c in crop[:, 0]] + [0] * len(rest)
    size = [batch] + [spatial[i] - int(crop[i, 0]) - int(crop[i, 1]) for i in range(m)] + rest
    return tf.slice(x, begin, size)
