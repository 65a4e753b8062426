"""Top-level raw ops from TF's nn family: tf.approx_top_k, tf.conv,
tf.extract_volume_patches, tf.conv2d_backprop_filter_v2 and tf.conv2d_backprop_input_v2,
as TensorFlow 2.21's CPU build runs them.

* approx_top_k: TF's CPU kernel is exact (ties to the lower index) and exists only
  for ``is_max_k=True`` on the last axis; other settings raise its NotFoundError.
* conv: the generic Conv op, computed by tf.nn.convolution; TF registers no gradient
  for it, so differentiating it raises LookupError.
* extract_volume_patches: composed of strided slices (so gradients flow, as TF's do).
* conv2d_backprop_*_v2: TF 2.21 registers no kernel for them on any device; they
  raise TF's NotFoundError.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, as_tensor
from ._types import TensorLike
from .errors import InvalidArgumentError, NotFoundError, UnimplementedError, _op_error, _shape_text
from .ops.unregistered import unregistered_gradient

__all__ = [
    "approx_top_k", "conv", "conv2d_backprop_filter_v2", "conv2d_backprop_input_v2",
    "extract_volume_patches",
]  # fmt: skip


def _tf() -> Any:
    import tapeflow

    return tapeflow


ApproxTopK = collections.namedtuple("ApproxTopK", ["values", "indices"])

_APPROX_KERNELS = "".join(
    f"  device='CPU'; T in [DT_{t}]; reduction_dimension in [-1]; is_max_k in [true]\n"
    for t in ("DOUBLE", "FLOAT", "BFLOAT16", "HALF", "INT32", "INT8", "UINT8", "INT16", "UINT16",
              "UINT32", "INT64", "UINT64")
)  # fmt: skip


def _flag(value: bool) -> str:
    return "true" if value else "false"


_APPROX_SIGNATURE = (
    "signature=input:T -> values:T, indices:int32; attr=k:int,min=0; "
    "attr=reduction_dimension:int,default=-1; attr=recall_target:float,default=0.95; "
    "attr=is_max_k:bool,default=true; attr=reduction_input_size_override:int,default=-1; "
    "attr=aggregate_to_topk:bool,default=true; attr=T:type,allowed=[DT_HALF, "
    "DT_BFLOAT16, DT_FLOAT]>"
)


def _attr(value: Any, kind: type, what: str, default: Any = None) -> Any:
    """One attr as TF's op builder converts it: None means the default, an int attr
    truncates any number, a bool attr takes only bools, a float attr any number."""
    if value is None and default is not None:
        return default
    if kind is bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
    elif not isinstance(value, (str, bytes)) and value is not None:
        try:
            return kind(value)
        except (TypeError, ValueError):
            pass
    raise TypeError(f"Expected {kind.__name__} for argument '{what}' not {value!r}.")


def approx_top_k(
    input: TensorLike,  # noqa: A002 - TF's name
    k: int,
    reduction_dimension: int = -1,
    recall_target: float = 0.95,
    is_max_k: bool = True,
    reduction_input_size_override: int = -1,
    aggregate_to_topk: bool = True,
    name: str | None = None,
) -> ApproxTopK:
    """The ``k`` largest entries of the last axis and their indices. TF's CPU kernel is
    exact (ties go to the lower index); gradients reach the selected entries.

    >>> tf.approx_top_k(tf.constant([[3.0, 1.0, 4.0, 1.0, 5.0]]), 2)
    ApproxTopK(values=<tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[5., 4.]], dtype=float32)>, indices=<tf.Tensor: shape=(1, 2), dtype=int32, numpy=array([[4, 2]], dtype=int32)>)
    """
    # The attrs as TF's op builder reads them: None is the default, numbers convert.
    k = _attr(k, int, "k")
    reduction_dimension = _attr(reduction_dimension, int, "reduction_dimension", -1)
    recall_target = _attr(recall_target, float, "recall_target", 0.95)
    is_max_k = _attr(is_max_k, bool, "is_max_k", True)
    reduction_input_size_override = _attr(
        reduction_input_size_override, int, "reduction_input_size_override", -1
    )
    aggregate_to_topk = _attr(aggregate_to_topk, bool, "aggregate_to_topk", True)
    x = as_tensor(input)
    if x.dtype not in (_dt.float16, _dt.float32):
        raise InvalidArgumentError(
            None, None,
            f"Value for attr 'T' of {x.dtype.c_name} is not in the list of allowed values: half, "
            "bfloat16, float\n\t; NodeDef: {{node ApproxTopK}}; Op<name=ApproxTopK; "
            + _APPROX_SIGNATURE + " [Op:ApproxTopK] name: ",
        )  # fmt: skip
    if not is_max_k or reduction_dimension != -1:
        raise NotFoundError(
            None, None,
            "Could not find device for node: {{node ApproxTopK}} = ApproxTopK[T="
            f"DT_{x.dtype.c_name.upper()}, "
            f"aggregate_to_topk={_flag(aggregate_to_topk)}, is_max_k={_flag(is_max_k)}, k={k}, "
            f"recall_target={recall_target:g}, reduction_dimension={reduction_dimension}, "
            f"reduction_input_size_override={reduction_input_size_override}]\n"
            "All kernels registered for op ApproxTopK:\n"
            "  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_BFLOAT16, DT_HALF]\n"
            f"{_APPROX_KERNELS} [Op:ApproxTopK] name: ",
        )  # fmt: skip
    if k < 0:
        raise InvalidArgumentError(
            None, None,
            f"Value for attr 'k' of {k} must be at least minimum 0\n\t; NodeDef: "
            "{{node ApproxTopK}}; Op<name=ApproxTopK; " + _APPROX_SIGNATURE
            + " [Op:ApproxTopK] name: ",
        )  # fmt: skip
    if x.ndim == 0:
        raise _op_error(f"input must be >= 1-D, got shape {_shape_text(x.shape)}", "ApproxTopK")
    if k > x.shape[-1]:
        raise _op_error(
            f"input must have at least k columns. Had {x.shape[-1]}, needed {k}", "ApproxTopK"
        )
    values, indices = _tf().math.top_k(x, k)
    return ApproxTopK(values, indices)


# ---------------------------------------------------------------------------
# tf.conv: the generic convolution op
# ---------------------------------------------------------------------------
def conv(
    input: TensorLike,  # noqa: A002 - TF's name
    filter: TensorLike,  # noqa: A002 - TF's name
    strides: Sequence[int],
    padding: str,
    explicit_paddings: Sequence[int] = (),
    data_format: str = "CHANNELS_LAST",
    dilations: Sequence[int] = (),
    batch_dims: int = 1,
    groups: int = 1,
    name: str | None = None,
) -> Tensor:
    """TF's generic Conv op: a 2-D or 3-D convolution of a channels-last ``input``
    (``batch_dims`` leading batch axes) with a ``[spatial..., in, out]`` filter;
    ``strides``/``dilations`` name every axis of one example (batch and depth 1).
    TF registers no gradient for Conv: differentiating it raises LookupError.

    >>> tf.conv(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]), [1, 1, 1, 1], "VALID").shape
    TensorShape([1, 3, 3, 1])
    """
    tf = _tf()
    x, w = as_tensor(input), as_tensor(filter)
    op = "Conv"
    spatial = x.ndim - batch_dims - 1
    if spatial not in (2, 3):
        raise _op_error(f"The input must have 2 or 3 spatial dimensions but got {spatial}", op)
    window = spatial + 2
    strides = list(strides)
    dilations = list(dilations) or [1] * window
    if len(strides) != window:
        raise _op_error(f"Sliding window strides field must specify {window} dimensions", op)
    if len(dilations) != window:
        raise _op_error(f"Sliding window dilations field must specify {window} dimensions", op)
    if strides[0] != 1 or strides[-1] != 1:
        raise _op_error(
            "Current implementation does not support strides in the batch and depth dimensions.",
            op,
        )
    if groups != 1:
        raise _op_error("Grouped/Depthwise Convolutions are not supported yet.", op,
                        cls=UnimplementedError)  # fmt: skip
    depth = x.shape[batch_dims] if data_format == "CHANNELS_FIRST" else x.shape[-1]
    if depth != w.shape[-2]:
        raise _op_error(f"Input depth must be equal to filter depth: {depth} vs {w.shape[-2]}", op)
    if data_format != "CHANNELS_LAST":
        layout = "NHWC" if spatial == 2 else "NDHWC"
        raise _op_error(
            f"The Conv{spatial}D op currently only supports the {layout} tensor format on the "
            f"CPU. The op was given the format: {'NCHW' if spatial == 2 else 'NCDHW'}",
            op, cls=UnimplementedError,
        )  # fmt: skip
    lead = x.shape[:batch_dims]
    folded = tf.reshape(x, [-1, *x.shape[batch_dims:]]) if batch_dims != 1 else x
    if padding == "EXPLICIT":
        pairs = np.asarray(list(explicit_paddings), dtype=np.int64).reshape(-1, 2).tolist()
        pads: Any = pairs if len(pairs) == window else pairs[batch_dims - 1 :]
    else:
        pads = padding
    value = tf.nn.convolution(
        tf.stop_gradient(folded), tf.stop_gradient(w), strides=strides[1:-1], padding=pads,
        dilations=dilations[1:-1],
    )  # fmt: skip
    if batch_dims != 1:
        value = tf.reshape(value, [*lead, *value.shape[1:]])
    return unregistered_gradient(value, x, w, op_type=op)


# ---------------------------------------------------------------------------
# tf.extract_volume_patches
# ---------------------------------------------------------------------------
_VOLUME_SIGNATURE = (
    "; NodeDef: {{node ExtractVolumePatches}}; Op<name=ExtractVolumePatches; "
    "signature=input:T -> patches:T; attr=ksizes:list(int),min=5; attr=strides:list(int),min=5; "
    "attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, "
    'DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]; attr=padding:string,allowed=["SAME", '
    '"VALID"]> [Op:ExtractVolumePatches] name: '
)
_VOLUME_TYPES = ("float32", "float64", "int32", "uint8", "int16", "int8", "int64", "uint16",
                 "float16", "uint32", "uint64")  # fmt: skip


def extract_volume_patches(
    input: TensorLike,  # noqa: A002 - TF's name
    ksizes: Sequence[int],
    strides: Sequence[int],
    padding: str,
    name: str | None = None,
) -> Tensor:
    """3-D patches of a ``[batch, planes, rows, cols, depth]`` volume, each flattened in
    (plane, row, col, depth) order into the last axis. Differentiable w.r.t. ``input``.

    >>> v = tf.reshape(tf.range(16.0), [1, 2, 2, 2, 2])
    >>> tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1], "VALID").shape
    TensorShape([1, 1, 1, 1, 16])
    """
    tf = _tf()
    x = as_tensor(input)
    for attr, values in (("ksizes", ksizes), ("strides", strides)):
        if len(values) < 5:
            raise InvalidArgumentError(
                None, None,
                f"Length for attr '{attr}' of {len(values)} must be at least minimum 5\n\t"
                + _VOLUME_SIGNATURE,
            )  # fmt: skip
    if padding not in ("SAME", "VALID"):
        raise InvalidArgumentError(
            None, None,
            f"Value for attr 'padding' of \"{padding}\" is not in the list of allowed values: "
            '"SAME", "VALID"\n\t' + _VOLUME_SIGNATURE,
        )  # fmt: skip
    if x.dtype.name not in _VOLUME_TYPES:
        allowed = ("float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, "
                   "uint32, uint64")  # fmt: skip
        raise InvalidArgumentError(
            None, None,
            f"Value for attr 'T' of {x.dtype.c_name} is not in the list of allowed values: "
            f"{allowed}\n\t" + _VOLUME_SIGNATURE,
        )  # fmt: skip
    op = "ExtractVolumePatches"
    if x.ndim != 5:
        raise _op_error(f"input must be 5-dimensional{_shape_text(x.shape)}", op)
    ksizes, strides = [int(k) for k in ksizes], [int(s) for s in strides]
    if ksizes[0] != 1 or ksizes[4] != 1:
        raise _op_error("Only support ksizes across space.", op, cls=UnimplementedError)
    if strides[0] != 1 or strides[4] != 1:
        raise _op_error("Only support strides across space.", op, cls=UnimplementedError)
    sizes = [int(d) for d in x.shape[1:4]]
    kernel, step = ksizes[1:4], strides[1:4]
    if padding == "VALID":
        out = [max((n - k) // s + 1, 0) for n, k, s in zip(sizes, kernel, step)]
        before = [0, 0, 0]
    else:
        out = [-(-n // s) for n, s in zip(sizes, step)]
        totals = [max((o - 1) * s + k - n, 0) for o, s, k, n in zip(out, step, kernel, sizes)]
        before = [t // 2 for t in totals]
        x = tf.pad(x, [[0, 0], *[[b, t - b] for b, t in zip(before, totals)], [0, 0]])
    depth = int(x.shape[4])
    count = kernel[0] * kernel[1] * kernel[2]
    if min(out) == 0:
        return tf.zeros([int(x.shape[0]), *out, count * depth], dtype=x.dtype)
    pieces = []
    for p in range(kernel[0]):
        for r in range(kernel[1]):
            for c in range(kernel[2]):
                starts = [p, r, c]
                stops = [s + (o - 1) * st + 1 for s, o, st in zip(starts, out, step)]
                pieces.append(x[:, starts[0] : stops[0] : step[0], starts[1] : stops[1] : step[1],
                                starts[2] : stops[2] : step[2], :])  # fmt: skip
    stacked = tf.stack(pieces, axis=4)  # [batch, out_p, out_r, out_c, count, depth]
    return tf.reshape(stacked, [int(x.shape[0]), *out, count * depth])


# ---------------------------------------------------------------------------
# conv2d_backprop_*_v2: no kernel in TF 2.21
# ---------------------------------------------------------------------------
def _no_kernel(op: str, dtype: _dt.DType, strides, padding, explicit_paddings, data_format,
               dilations, use_cudnn_on_gpu) -> NotFoundError:  # fmt: skip
    def ints(values: Any) -> str:
        return "[" + ", ".join(str(int(v)) for v in values) + "]"

    type_name = dtype.c_name.upper()
    return NotFoundError(
        None, None,
        f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_{type_name}, "
        f'data_format="{data_format}", dilations={ints(dilations)}, '
        f'explicit_paddings={ints(explicit_paddings)}, padding="{padding}", '
        f"strides={ints(strides)}, use_cudnn_on_gpu={_flag(use_cudnn_on_gpu)}]\n"
        f"All kernels registered for op {op}:\n  <no registered kernels>\n [Op:{op}] name: ",
    )  # fmt: skip


def conv2d_backprop_filter_v2(
    input: TensorLike,  # noqa: A002 - TF's name
    filter: TensorLike,  # noqa: A002 - TF's name
    out_backprop: TensorLike,
    strides: Sequence[int],
    padding: str,
    use_cudnn_on_gpu: bool = True,
    explicit_paddings: Sequence[int] = (),
    data_format: str = "NHWC",
    dilations: Sequence[int] = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """TF 2.21 registers no kernel for Conv2DBackpropFilterV2 (on any device): this
    raises its NotFoundError, as TF does. ``tf.nn.conv2d``'s gradient computes it.

    >>> tf.conv2d_backprop_filter_v2(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]),
    ...                              tf.ones([1, 2, 2, 1]), [1, 1, 1, 1], "VALID")
    Traceback (most recent call last):
    ...
    tapeflow.errors.NotFoundError: Could not find device for node: ...
    """
    raise _no_kernel("Conv2DBackpropFilterV2", as_tensor(input).dtype, strides, padding,
                     explicit_paddings, data_format, dilations, use_cudnn_on_gpu)  # fmt: skip


def conv2d_backprop_input_v2(
    input: TensorLike,  # noqa: A002 - TF's name
    filter: TensorLike,  # noqa: A002 - TF's name
    out_backprop: TensorLike,
    strides: Sequence[int],
    padding: str,
    use_cudnn_on_gpu: bool = True,
    explicit_paddings: Sequence[int] = (),
    data_format: str = "NHWC",
    dilations: Sequence[int] = (1, 1, 1, 1),
    name: str | None = None,
) -> Tensor:
    """TF 2.21 registers no kernel for Conv2DBackpropInputV2 (on any device): this
    raises its NotFoundError, as TF does. ``tf.nn.conv2d_transpose`` computes it.

    >>> tf.conv2d_backprop_input_v2(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]),
    ...                             tf.ones([1, 2, 2, 1]), [1, 1, 1, 1], "VALID")
    Traceback (most recent call last):
    ...
    tapeflow.errors.NotFoundError: Could not find device for node: ...
    """
    raise _no_kernel("Conv2DBackpropInputV2", as_tensor(input).dtype, strides, padding,
                     explicit_paddings, data_format, dilations, use_cudnn_on_gpu)  # fmt: skip
