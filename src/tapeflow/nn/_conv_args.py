"""Argument parsing shared by convolutions and pooling: data formats, strides,
dilations and padding, as TensorFlow checks and reports them.
"""

from __future__ import annotations

import numpy as np

from .._tensor import Tensor
from ..errors import InvalidArgumentError, UnimplementedError
from ..ops import conv as _conv
from ..ops import shape as _shape
from ._common import _attr_error, _op_error, _shape_of

_LAYOUTS = {1: ("NWC", "NCW"), 2: ("NHWC", "NCHW"), 3: ("NDHWC", "NCDHW")}


def _channels_first(data_format, nd: int, op: str, extra: str = "") -> bool:
    last, first = _LAYOUTS[nd]
    if data_format is None or data_format == last:
        return False
    if data_format == first:
        return True
    raise _attr_error(op, "data_format", f'"{data_format}"', f'"{last}", "{first}"{extra}')


def _sequence(value, nd: int, channel_index: int, name: str) -> list:
    """TensorFlow's ``_get_sequence``: an int or list becomes nd + 2 entries."""
    shown = value
    if value is None:
        value = [1]
    elif isinstance(value, Tensor):
        value = np.ravel(value._value).tolist()
    elif not isinstance(value, (list, tuple, np.ndarray)):
        value = [value]
    value = [int(v) for v in value]
    if len(value) == nd + 2:
        return value
    if len(value) == 1:
        value = value * nd
    elif len(value) != nd:
        raise ValueError(
            f"{name} should be of length 1, {nd} or {nd + 2}. Received: {name}={shown} of "
            f"length {len(value)}"
        )
    return [1, 1] + value if channel_index == 1 else [1] + value + [1]


def _spatial(values: list, channels_first: bool) -> tuple:
    return tuple(values[2:]) if channels_first else tuple(values[1:-1])


def _check_window(strides, dilations, channels_first, op, what="strides"):
    ci = 1 if channels_first else -1
    if strides[0] != 1 or strides[ci] != 1:
        raise _op_error(UnimplementedError, "Current implementation does not yet support "
                        f"{what} in the batch and depth dimensions.", op)  # fmt: skip
    for s in strides:
        if s <= 0:
            raise _op_error(InvalidArgumentError, f"Stride must be > 0, but got {s}", op)
    if dilations is not None:
        if dilations[0] != 1 or dilations[ci] != 1:
            raise _op_error(InvalidArgumentError, "Current implementation does not yet support "
                            "dilations in the batch and depth dimensions.", op)  # fmt: skip
        if any(d <= 0 for d in dilations):
            raise _op_error(InvalidArgumentError, "Dilated rates should be larger than 0.", op)


_PADDINGS = '"SAME", "VALID", "EXPLICIT"'


def _padding(padding, nd: int, channels_first: bool, op: str, *, explicit=True, allowed=_PADDINGS):
    """'SAME', 'VALID', or a tuple of (low, high) pairs for the spatial dims."""
    if isinstance(padding, (list, tuple)):
        if not explicit:
            raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
        for i, pair in enumerate(padding):
            if not isinstance(pair, (list, tuple)):
                raise ValueError(
                    "When `padding` is a list, each element of `padding` must be a list/tuple "
                    f"of size 2. Received: padding={padding} with element at index {i} of type "
                    f"{type(pair)}"
                )
            if len(pair) != 2:
                raise ValueError(
                    "When `padding` is a list, each element of `padding` must be a list/tuple "
                    f"of size 2. Received: padding={padding} with element at index {i} of size "
                    f"{len(pair)}"
                )
        if len(padding) != nd + 2:
            raise ValueError(
                f"When padding is a list, it must be of size {nd + 2}. Received: "
                f"padding={padding} of size {len(padding)}"
            )
        pairs = [(int(lo), int(hi)) for lo, hi in padding]
        ci = 1 if channels_first else nd + 1
        if pairs[0] != (0, 0) or pairs[ci] != (0, 0):
            raise _op_error(InvalidArgumentError, "Nonzero explicit padding in the batch or "
                            "depth dimensions is not supported", op)  # fmt: skip
        if any(lo < 0 or hi < 0 for lo, hi in pairs):
            raise _op_error(InvalidArgumentError, "All explicit paddings must be nonnegative, "
                            f"got {padding}", op)  # fmt: skip
        return tuple(_spatial(pairs, channels_first))
    if padding == "EXPLICIT" and explicit:
        raise ValueError(
            "'EXPLICIT' is not a valid value for `padding`. To use explicit padding, "
            "`padding` must be a list."
        )
    if padding not in ("SAME", "VALID"):
        raise _attr_error(op, "padding", f'"{padding}"', allowed)
    return padding


def _resolve_padding(padding, spatial, kernel, strides, dilations) -> tuple:
    if padding == "VALID":
        return ((0, 0),) * len(spatial)
    if padding == "SAME":
        return _conv.same_padding(spatial, kernel, strides, dilations)
    return padding


def _fold_batch(x: Tensor, core_rank: int):
    """Merge extra leading batch dims into one (conv2d accepts [*batch, H, W, C])."""
    shape = _shape_of(x)
    if len(shape) == core_rank:
        return x, None
    lead = shape[: len(shape) - core_rank + 1]
    return _shape.reshape(x, shape=(-1,) + shape[len(lead) :]), lead


def _unfold_batch(y: Tensor, lead):
    if lead is None:
        return y
    return _shape.reshape(y, shape=tuple(lead) + _shape_of(y)[1:])
