"""max_pool_with_argmax: TF's checks in TF's order, then a window walk that never
materializes a padded input (a window of 2**30 rows costs what the input does).

>>> import tapeflow as tf
>>> x = tf.reshape(tf.constant([1.0, 4.0, 3.0, 2.0]), [1, 2, 2, 1])
>>> values, argmax = tf.nn.max_pool_with_argmax(x, ksize=2, strides=1, padding="SAME")
>>> argmax[0, :, :, 0].numpy().tolist()
[[1, 1], [2, 3]]
"""

from __future__ import annotations

import collections.abc
from collections.abc import Sequence

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values
from .._tensor import Tensor, as_tensor, wrap
from .._types import DTypeLike, TensorLike
from ..arrays._common import _make_int
from ..errors import InvalidArgumentError, UnimplementedError, _attr_text, _op_error

_OP = "MaxPoolWithArgmax"
# TF-TEXT: the op definition TF appends to an attribute's error.
_OP_DEF = (
    "Op<name=MaxPoolWithArgmax; signature=input:T -> output:T, argmax:Targmax; "
    "attr=ksize:list(int),min=4; attr=strides:list(int),min=4; "
    "attr=Targmax:type,default=DT_INT64,allowed=[DT_INT32, DT_INT64]; "
    'attr=padding:string,allowed=["SAME", "VALID"]; '
    "attr=include_batch_in_index:bool,default=false; "
    "attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, "
    "DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]>"
)
_T_ALLOWED = (
    "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"
)
_T_NAMES = {"float32", "float64", "int32", "uint8", "int16", "int8", "int64", "bfloat16",
            "uint16", "float16", "uint32", "uint64"}  # fmt: skip
_INT64 = (-(2**63), 2**63 - 1)
_INT32 = (-(2**31), 2**31 - 1)


def _sequence(value, name: str) -> list:
    """TF's ``_get_sequence(value, 2, 3, name)``, with Python's own rules for odd values."""
    if value is None:
        return [1, 1, 1, 1]
    if isinstance(value, list):
        pass
    elif isinstance(value, tuple):
        value = list(value)
    elif isinstance(value, int):
        value = [value]
    elif not isinstance(value, collections.abc.Sized):
        value = [value]
    else:
        value = list(value)  # type: ignore[call-overload]  # any Sized: Python decides
    if len(value) == 4:
        return value
    if len(value) == 1:
        value = value * 2
    elif len(value) != 2:
        raise ValueError(
            f"{name} should be of length 1, 2 or 4. Received: {name}={value} of length {len(value)}"
        )
    return [1, *value, 1]


def _attributes(ksize, strides, padding, output_dtype, include_batch_in_index):
    """The generated op's conversions (``make_int``, ``make_str``, ``make_type``...)."""
    ints = {}
    for name, values in (("ksize", ksize), ("strides", strides)):
        ints[name] = [_make_int(v, name) for v in values]
    if not isinstance(padding, (str, bytes)):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    if output_dtype is None:
        output_dtype = _dt.int64
    try:
        targmax = _dt.as_dtype(output_dtype)
    except (TypeError, ValueError):
        raise TypeError(f"Expected DataType for argument 'Targmax' not {output_dtype!r}.") from None
    if include_batch_in_index is None:
        include_batch_in_index = False
    if not isinstance(include_batch_in_index, bool):
        raise TypeError(
            f"Expected bool for argument 'include_batch_in_index' not {include_batch_in_index!r}."
        )
    padding = padding.decode() if isinstance(padding, bytes) else padding
    return ints["ksize"], ints["strides"], padding, targmax, include_batch_in_index


def _attr_error(attr: str, got: str, allowed: str) -> InvalidArgumentError:
    return _op_error(
        f"{_attr_text(attr, got, allowed)}\n\t; NodeDef: {{{{node {_OP}}}}}; {_OP_DEF}", _OP
    )


def _kernel_checks(x: Tensor, ksize: list, strides: list, padding: str, targmax) -> None:
    """The op's checks, in TF's order: attribute values, then the kernel's own."""
    if x.dtype.name not in _T_NAMES:
        raise _attr_error("T", x.dtype.c_name, _T_ALLOWED)
    if targmax not in (_dt.int32, _dt.int64):
        raise _attr_error("Targmax", targmax.c_name, "int32, int64")
    if padding not in ("SAME", "VALID"):
        raise _attr_error("padding", f'"{padding}"', '"SAME", "VALID"')
    # A Python int past int64 reaches the kernel as -1 (TF's conversion error value).
    ksize[:] = [v if _INT64[0] <= v <= _INT64[1] else -1 for v in ksize]
    strides[:] = [v if _INT64[0] <= v <= _INT64[1] else -1 for v in strides]
    for name, values in (("ksize", ksize), ("strides", strides)):
        for v in values:
            if not _INT32[0] <= v <= _INT32[1]:
                raise _op_error(f"Attr {name} has value {v} out of range for an int32", _OP)
    for v in ksize:
        if v <= 0:
            raise _op_error(f"ksize must be a positive int32 value, got:{v}", _OP)
    if ksize[0] != 1 or strides[0] != 1:
        raise _op_error(
            "Pooling is not yet supported on the batch dimension.", _OP, cls=UnimplementedError
        )
    for v in strides:
        if v <= 0:
            raise _op_error(f"Stride must be > 0, but got {v}", _OP)
    if x.ndim != 4:
        raise _op_error("tensor_in must be 4-dimensional (2)", _OP)
    if x._value.size == 0:
        raise _op_error("tensor_in must not be empty (2)", _OP)
    if ksize[3] != 1:
        if ksize[1] != 1 or ksize[2] != 1:
            raise _op_error(
                "MaxPooling supports exactly one of pooling across depth or pooling across "
                "width/height.",
                _OP,
                cls=UnimplementedError,
            )
        if x.shape[3] % ksize[3]:
            raise _op_error(
                "Depthwise max pooling requires the depth window to evenly divide the input depth",
                _OP,
                cls=UnimplementedError,
            )
        if ksize[3] != strides[3]:
            raise _op_error(
                "Depthwise max pooling requires the depth window to equal the depth stride",
                _OP,
                cls=UnimplementedError,
            )


def _output_size(size: int, k: int, s: int, padding: str) -> tuple[int, int]:
    """(output size, padding before) as TF's GetWindowedOutputSize computes them."""
    if padding == "VALID":
        numerator = size - k + s
        out = abs(numerator) // s * (1 if numerator >= 0 else -1)  # C's truncation
        if out < 0:
            raise _op_error(
                f"Computed output size would be negative: {out} [input_size: {size}, "
                f"effective_filter_size: {k}, stride: {s}]",
                _OP,
            )
        return out, 0
    out = -(-size // s)
    return out, max((out - 1) * s + k - size, 0) // 2


@reads_values(floats=True)
def max_pool_with_argmax(
    input: TensorLike,  # noqa: A002
    ksize: int | Sequence[int],
    strides: int | Sequence[int],
    padding: str,
    data_format: str = "NHWC",
    output_dtype: DTypeLike = None,
    include_batch_in_index: bool = False,
    name: str | None = None,
) -> tuple[Tensor, Tensor]:
    """max_pool2d and the flat index of each maximum: ((b H + y) W + x) C + c with the
    batch, (y W + x) C + c without.

    Each window is read in row-major order and keeps its first value unless a later one
    is larger (so a NaN read first stays, one read later is passed over), as TF's
    kernel does; a depth window, once TF's checks pass, pools nothing (as in TF).

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.constant([1.0, 4.0, 3.0, 2.0]), [1, 2, 2, 1])
    >>> values, argmax = tf.nn.max_pool_with_argmax(x, ksize=2, strides=2, padding="VALID")
    >>> values[0, :, :, 0]
    <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[4.]], dtype=float32)>
    >>> argmax[0, :, :, 0]
    <tf.Tensor: shape=(1, 1), dtype=int64, numpy=array([[1]])>
    """
    if data_format != "NHWC":
        raise ValueError(
            "`data_format` values other  than 'NHWC' are not supported. Received: "
            f"data_format={data_format}"
        )
    k, s, pad, targmax, with_batch = _attributes(
        _sequence(ksize, "ksize"), _sequence(strides, "strides"), padding, output_dtype,
        include_batch_in_index,
    )  # fmt: skip
    x = as_tensor(input)
    _kernel_checks(x, k, s, pad, targmax)
    value = np.asarray(_backend.to_host(x._value))  # the window walk runs on the host
    n, h, w, c = value.shape
    oh, top = _output_size(h, k[1], s[1], pad)
    ow, left = _output_size(w, k[2], s[2], pad)
    rows0 = np.arange(oh) * s[1] - top  # each window's first row (may be negative)
    cols0 = np.arange(ow) * s[2] - left
    out = np.zeros((n, oh, ow, c), value.dtype)  # the running maxima
    index = np.full((n, oh, ow, c), -1, np.int64)
    # Only offsets that land inside the input for some window matter.
    for dy in range(max(0, top - (oh - 1) * s[1]), min(k[1], top + h)):
        rows = rows0 + dy
        row_ok = (rows >= 0) & (rows < h)
        for dx in range(max(0, left - (ow - 1) * s[2]), min(k[2], left + w)):
            cols = cols0 + dx
            ok = row_ok[:, None] & ((cols >= 0) & (cols < w))[None, :]
            if not ok.any():
                continue
            r, q = np.clip(rows, 0, h - 1), np.clip(cols, 0, w - 1)
            seen = value[:, r][:, :, q]
            flat = ((r[:, None] * w + q[None, :])[..., None] * c + np.arange(c))[None]
            take = ok[None, :, :, None] & ((index < 0) | (out < seen))
            out = np.where(take, seen, out)
            index = np.where(take, flat, index)
    everywhere = index + np.arange(n)[:, None, None, None] * (h * w * c)
    # The values are a gather of the maxima, so a tape sees TF's gradient (each output's
    # gradient lands on its argmax).
    import tapeflow as tf

    values = tf.reshape(tf.gather(tf.reshape(x, [-1]), wrap(everywhere.ravel())), out.shape)
    return values, wrap((everywhere if with_batch else index).astype(targmax.as_numpy_dtype))
