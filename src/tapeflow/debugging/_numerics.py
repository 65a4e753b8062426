"""Where a NaN or Inf was born: check_numerics, assert_all_finite, enable_check_numerics.

``enable_check_numerics`` puts a ``NumericsState`` on this thread's
transformation stack (TF's mode is per thread too). Like tf.function's trace
recorder it sees every op, so it costs nothing while off; it keeps nothing: it checks
each floating output and raises TF's InvalidArgumentError at the first NaN or
Inf. Because the reverse sweep runs its rules as ordinary ops on the same
stack, the backward pass is checked too, and the message then names the
forward op whose gradient rule produced the value and the line that ran it.
"""

from __future__ import annotations

import sys
from math import isfinite as _isfinite
from typing import Any

import numpy as np

from .. import _backprop, _dispatch
from .._tensor import Tensor, TensorShape, convert_to_tensor
from .._types import TensorLike
from ..errors import InvalidArgumentError
from ._sites import Site, user_site

__all__ = [
    "assert_all_finite",
    "check_numerics",
    "disable_check_numerics",
    "enable_check_numerics",
]

# Forward ops remembered for backward messages: enough for large graphs, bounded so a
# long training loop with checks on cannot grow memory without limit.
_SITE_LIMIT = 1 << 16


def _v1_status(value: np.ndarray) -> str | None:
    has_nan = bool(np.isnan(value).any())
    has_inf = bool(np.isinf(value).any())
    if has_inf and has_nan:
        return "Inf and NaN"
    return "Inf" if has_inf else "NaN" if has_nan else None


def check_numerics(tensor: TensorLike, message: str, name: str | None = None) -> Tensor:
    """Return ``tensor`` unchanged, or raise InvalidArgumentError if it has a NaN or Inf.

    >>> import tapeflow as tf
    >>> print(tf.debugging.check_numerics(tf.constant([1.0, 2.0]), "weights"))
    tf.Tensor([1. 2.], shape=(2,), dtype=float32)
    >>> try:
    ...     tf.debugging.check_numerics(tf.constant([1.0, float("nan")]), "weights")
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(e.message.strip())
    weights : Tensor had NaN values [Op:CheckNumerics] name:
    """
    tensor = convert_to_tensor(tensor)
    value = tensor._value
    if value.dtype.kind != "f":
        raise InvalidArgumentError(
            None,
            None,
            f"Value for attr 'T' of {tensor.dtype.c_name} is not in the list of allowed "
            "values: bfloat16, half, float, double\n\t; NodeDef: {{node CheckNumerics}}; "
            "Op<name=CheckNumerics; signature=tensor:T -> output:T; attr=T:type,allowed="
            "[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE]; attr=message:string; "
            "is_stateful=true> [Op:CheckNumerics] name: ",
        )
    status = _v1_status(value)
    if status is not None:
        raise InvalidArgumentError(
            None, None, f"{message} : Tensor had {status} values [Op:CheckNumerics] name: "
        )
    return tensor


def assert_all_finite(x: TensorLike, message: str, name: str | None = None) -> Tensor:
    """``check_numerics`` under its TF2 name.

    >>> import tapeflow as tf
    >>> print(tf.debugging.assert_all_finite(tf.constant(1.0), "loss"))
    tf.Tensor(1.0, shape=(), dtype=float32)
    """
    return check_numerics(x, message, name)


# -- the mode --------------------------------------------------------------------------
def _bad(value) -> bool:
    kind = value.dtype.kind
    if kind == "f" and value.ndim == 0:
        return not _isfinite(value)  # a NumPy scalar: ten times faster than np.isfinite
    if kind in "fc":
        return not np.isfinite(value).all()
    return False


def _statistics(value: np.ndarray) -> str:
    text = f"shape={TensorShape(value.shape)} dtype={value.dtype.name}"
    if value.dtype.kind in "fc" and value.size:
        finite = value[np.isfinite(value)]
        if finite.size and value.dtype.kind == "f":
            text += f" min={finite.min()} max={finite.max()}"
        text += f" NaN={int(np.isnan(value).sum())} Inf={int(np.isinf(value).sum())}"
    elif value.size and value.dtype.kind in "iub":
        text += f" min={value.min()} max={value.max()}"
    return text


def _v2_status(value: np.ndarray) -> tuple[str, str]:
    """TF's CheckNumericsV2 verdict, and its per-kind element counts."""
    inf = np.isinf(value)
    real = value.real if value.dtype.kind == "c" else value
    negative = int(np.logical_and(real < 0, inf).sum())
    positive = int(np.logical_and(real > 0, inf).sum())
    nan = int(np.isnan(value).sum())
    counts = ""
    if negative:
        counts += f"  # of -Inf elements: {negative}\n"
    if positive:
        counts += f"  # of +Inf elements: {positive}\n"
    if nan:
        counts += f"  # of +NaN elements: {nan}\n"
    kinds = [k for k, n in (("-Inf", negative), ("+Inf", positive), ("NaN", nan)) if n]
    if len(kinds) == 3:
        status = "-Inf, +Inf, and NaN"
    else:
        status = " and ".join(kinds)
    return status, counts


def _rule_in_progress():
    """The record whose gradient rule is running, if the reverse sweep is on the stack.

    Read from the sweep's frame only when an error is being reported, so the
    sweep itself carries no bookkeeping for this mode.
    """
    frame = sys._getframe(1)
    sweep = _backprop.reverse_sweep.__code__
    while frame is not None:
        if frame.f_code is sweep:
            local = frame.f_locals
            prim, out = local.get("prim"), local.get("out")
            if prim is not None and out is not None:
                return prim, out
            return None
        frame = frame.f_back
    return None


class NumericsState(_dispatch.Recorder):
    """Checks every floating output; remembers where recent forward ops were called.

    A recorder (it must see every op, differentiable or not) that keeps nothing
    but the call sites of recent outputs.
    """

    __slots__ = ("sites",)

    def __init__(self):
        self.sites: dict[int, Site | None] = {}

    def record_read(self, variable: Any, out: Any) -> None:
        pass

    def record_write(self, variable: Any, method: str, delta: Any, old: Any) -> None:
        pass

    def record_creation(self, variable: Any) -> None:
        pass

    def record(self, prim: Any, inputs: Any, out: Any, params: dict[str, Any]) -> None:
        outputs = out if prim.multiple_results else (out,)
        for slot, o in enumerate(outputs):
            if _bad(o._value):
                raise self._error(prim, inputs, outputs, slot)
        sites = self.sites
        if len(sites) >= _SITE_LIMIT:
            sites.clear()
        site = user_site(3)
        for o in outputs:
            sites[o._id] = site

    def _error(self, prim, inputs, outputs, slot: int) -> InvalidArgumentError:
        value = outputs[slot]._value
        status, counts = _v2_status(value)
        text = (
            f"\n\n!!! Detected Infinity or NaN in output {slot} of eagerly-executing op "
            f'"{prim.tf_name}" (# of outputs: {len(outputs)}) !!!\n'
            f"  dtype: {outputs[slot].dtype}\n  shape: {TensorShape(value.shape)}\n{counts}"
        )
        if len(inputs) > 1:
            text += f"\n  Input tensors ({len(inputs)}):\n"
            for i, x in enumerate(inputs):
                text += f"         {i}: {x!s}\n"
        elif inputs:
            text += f"\n  Input tensor: {inputs[0]!s}\n"
        text += "\n  Input statistics:\n"
        for i, x in enumerate(inputs):
            text += f"         {i}: {_statistics(np.asarray(x._value))}\n"
        text += f"  Primitive: {prim.name}\n"
        rule = _rule_in_progress()
        if rule is not None:
            forward, forward_out = rule
            key = forward_out[0]._id if isinstance(forward_out, tuple) else forward_out._id
            site = self.sites.get(key)
            text += (
                f"  Backward pass: in the gradient rule of primitive {forward.name!r}, for "
                f'the forward op "{forward.tf_name}"'
                + (f" called at {site}" if site else "")
                + "\n"
            )
        site = user_site(3)
        if site is not None:
            text += f"  Called from: {site}\n"
        text += f"\n : Tensor had {status} values [Op:CheckNumericsV2] name: "
        return InvalidArgumentError(None, None, text)


class _Mode:
    """This thread's NumericsState while the mode is on."""

    def __init__(self):
        import threading

        self.local = threading.local()


_mode = _Mode()


def enable_check_numerics(stack_height_limit: int = 30, path_length_limit: int = 50) -> None:
    """Raise at the first op (forward or backward) whose output has a NaN or Inf.

    Affects only the calling thread, as in TensorFlow; calling it twice is the
    same as once. The error names the op, the user's line that called it, the
    input values and their statistics; in a gradient computation it also names
    the forward op whose rule produced the value.

    >>> import tapeflow as tf
    >>> tf.debugging.enable_check_numerics()
    >>> try:
    ...     tf.math.log(tf.constant([0.0, 1.0]))
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(e.message.split(" : ")[-1].strip())
    Tensor had -Inf values [Op:CheckNumericsV2] name:
    >>> tf.debugging.disable_check_numerics()
    """
    if getattr(_mode.local, "state", None) is None:
        state = NumericsState()
        _mode.local.state = state
        _dispatch.push(state)


def disable_check_numerics() -> None:
    """Turn ``enable_check_numerics`` off on this thread (a no-op when it is off).

    >>> import tapeflow as tf
    >>> tf.debugging.disable_check_numerics()
    """
    state = getattr(_mode.local, "state", None)
    if state is not None:
        _mode.local.state = None
        _dispatch.pop(state)
