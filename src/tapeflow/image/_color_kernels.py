"""The float32 arithmetic of TF's AdjustContrastv2, AdjustSaturation and AdjustHue CPU
kernels, step by step, so values match TF to the bit (a float64 image is adjusted in
float32, so an ulp of difference would show once converted back).

What the kernels do that a composite of ops does not:

* contrast sums each channel by folding the image in halves (not pairwise as NumPy
  does), then multiplies by ``1 / (height * width)`` rounded to float32;
* saturation and hue select with C++'s ``std::max``/``std::min`` and ``<``
  comparisons, so a NaN factor or delta does not spread: a NaN saturation factor
  clamps the saturation to 0 (grey), a NaN hue delta sends the pixel through the
  switch's default case (max, min, NaN);
* ``static_cast<int>`` of NaN is x86's integer indefinite value (INT_MIN).

Each kernel is a primitive whose gradient is its composite's (TF registers none and
raises LookupError; tapeflow's golden op tests check the composites' gradients).
"""

from collections.abc import Callable

import numpy as _np

from .. import dtypes as _dt
from .. import errors as _errors
from .._dispatch import Primitive
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import convert_to_tensor as _convert_to_tensor

_F32 = _np.float32
_INT_MIN = _np.int64(-(2**31))


def _cmax(a, b):
    """std::max(a, b): ``a`` unless ``a < b`` (NaN comparisons are false)."""
    return _np.where(a < b, b, a)


def _cmin(a, b):
    """std::min(a, b): ``a`` unless ``b < a``."""
    return _np.where(b < a, b, a)


def _to_int(x):
    """static_cast<int> of a float on x86: truncation, INT_MIN for NaN or out of range."""
    inside = _np.isfinite(x) & (_np.abs(x) < 2.0**31)
    return _np.where(inside, _np.trunc(_np.where(inside, x, 0)), _INT_MIN).astype(_np.int64)


def _wrap_into(x, low_step, high, step):
    """The kernels' ``while (x < low) x += step; while (x >= high) x -= step`` loops
    (``low_step`` is the first loop's test). Inputs are within a few steps of the range;
    the cap only guards against an infinity, where TF's loop never ends."""
    for _ in range(64):
        below = low_step(x)
        if not below.any():
            break
        x = _np.where(below, x + step, x)
    for _ in range(64):
        above = x >= high
        if not above.any():
            break
        x = _np.where(above, x - step, x)
    return x


def _select(category, cases, default):
    """``switch (category)`` over channel tuples: ``cases[k]`` is case k's (r, g, b)."""
    out = [default[i] for i in range(3)]
    for k in reversed(range(len(cases))):
        hit = category == k
        out = [_np.where(hit, cases[k][i], out[i]) for i in range(3)]
    return _np.stack(out, axis=-1)


# -- the kernels (float32 arrays of shape [..., 3] or [..., H, W, C]) -------------------
def contrast_kernel(x: _np.ndarray, factor: _np.floating) -> _np.ndarray:
    """AdjustContrastv2: mean + factor * (x - mean), each channel's mean over H x W.

    >>> import numpy as np
    >>> contrast_kernel(np.array([[[0.0], [1.0]]], np.float32), np.float32(2)).ravel().tolist()
    [-0.5, 1.5]
    """
    height, width, channels = x.shape[-3:]
    size = height * width
    if x.size == 0:
        return x.copy()
    planes = x.reshape(-1, size, channels)
    right = size // 2
    left = size - right
    # Round 0 adds the plane's second half onto its first; the later rounds fold the
    # running sums in halves until one row of channels is left.
    sums = _np.empty((planes.shape[0], left, channels), _F32)
    sums[:, :right] = planes[:, left : left + right] + planes[:, :right]
    if left > right:
        sums[:, right] = planes[:, right]
    remaining = left
    while remaining > 1:
        right = remaining // 2
        left = remaining - right
        sums[:, :right] += sums[:, left : left + right]
        remaining = left
    mean = sums[:, :1] * (_F32(1) / _F32(size))
    out = mean + factor * (planes - mean)
    return out.reshape(x.shape)


def saturation_kernel(rgb: _np.ndarray, scale: _np.floating) -> _np.ndarray:
    """AdjustSaturation: to HSV, s = min(1, max(0, s * scale)), back to RGB.

    >>> import numpy as np
    >>> rgb = np.array([[[0.5, 0.9, 0.1]]], np.float32)
    >>> saturation_kernel(rgb, np.float32("nan")).ravel().tolist()  # NaN scale: grey
    [0.8999999761581421, 0.8999999761581421, 0.8999999761581421]
    """
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    v = _cmax(r, _cmax(g, b))
    spread = v - _cmin(r, _cmin(g, b))
    s = _np.where(v > 0, spread / _np.where(v > 0, v, _F32(1)), _F32(0))
    norm = _F32(1) / (_F32(6) * spread)
    # `norm * (b - r) + 2.0 / 6.0` adds a double constant: the sum is rounded once more.
    hue_g = (norm * (b - r)).astype(_np.float64) + 2.0 / 6.0
    hue_b = (norm * (r - g)).astype(_np.float64) + 4.0 / 6.0
    h = _np.where(r == v, norm * (g - b), _np.where(g == v, hue_g, hue_b).astype(_F32))
    h = _np.where(spread <= 0, _F32(0), h)
    h = _np.where(h < 0, h + _F32(1), h)
    s = _cmin(_F32(1), _cmax(_F32(0), s * scale))
    # hsv_to_rgb
    c = s * v
    m = v - c
    dh = h * _F32(6)
    category = _to_int(dh)
    fmodu = _wrap_into(dh, lambda t: t <= 0, _F32(2), _F32(2))
    x = c * (_F32(1) - _np.abs(fmodu - _F32(1)))
    zero = _np.zeros_like(c)
    cases = [(c, x, zero), (x, c, zero), (zero, c, x), (zero, x, c), (x, zero, c), (c, zero, x)]
    return _select(category, cases, (zero, zero, zero)) + m[..., None]


def hue_kernel(rgb: _np.ndarray, delta: _np.floating) -> _np.ndarray:
    """AdjustHue: to (hue in [0, 6), min, max), hue += 6 delta, back to RGB.

    >>> import numpy as np
    >>> rgb = np.array([[[0.25, 0.5, 0.75]]], np.float32)
    >>> hue_kernel(rgb, np.float32(0.5)).ravel().tolist()
    [0.75, 0.5, 0.25]
    >>> hue_kernel(rgb, np.float32("nan")).ravel().tolist()  # the switch's default case
    [0.75, 0.25, nan]
    """
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    r_lt_g, b_lt_r, b_gt_g, b_lt_g, b_gt_r = r < g, b < r, b > g, b < g, b > r
    # The six orderings, in the kernel's branch order (ties fall where its tests do).
    branches = [
        (~r_lt_g & b_lt_g, 0, r, g, b),
        (r_lt_g & b_lt_r, 1, g, r, b),
        (r_lt_g & ~b_lt_r & ~b_gt_g, 2, g, b, r),
        (r_lt_g & ~b_lt_r & b_gt_g, 3, b, g, r),
        (~r_lt_g & ~b_lt_g & b_gt_r, 4, b, r, g),
    ]
    category, v_max, v_mid, v_min = _np.full(r.shape, 5), r, b, g
    for hit, k, hi, mid, lo in branches:
        category = _np.where(hit, k, category)
        v_max, v_mid, v_min = (_np.where(hit, hi, v_max), _np.where(hit, mid, v_mid),
                               _np.where(hit, lo, v_min))  # fmt: skip
    ratio = (v_mid - v_min) / (v_max - v_min)
    ratio = _np.where(category % 2 == 0, ratio, _F32(1) - ratio)
    h = _np.where(v_max == v_min, _F32(0), category.astype(_F32) + ratio)
    h = h + delta * _F32(6)
    h = _wrap_into(h, lambda t: t < 0, _F32(6), _F32(6))
    # hv_range_to_rgb
    category = _to_int(h)
    ratio = h - category.astype(_F32)
    ratio = _np.where(category % 2 == 0, ratio, _F32(1) - ratio)
    v_mid = v_min + ratio * (v_max - v_min)
    cases = [(v_max, v_mid, v_min), (v_mid, v_max, v_min), (v_min, v_max, v_mid),
             (v_min, v_mid, v_max), (v_mid, v_min, v_max)]  # fmt: skip
    return _select(category, cases, (v_max, v_min, v_mid))


# -- primitives -------------------------------------------------------------------------
def _in_float32(kernel: Callable) -> Callable:
    """The impl: the kernel on float32 values (TF has float32 CPU kernels only; tapeflow
    also takes float16, computed in float32), the result in the image's dtype."""

    def impl(x: _np.ndarray, factor: _np.ndarray) -> _np.ndarray:
        with _np.errstate(all="ignore"):
            out = kernel(x.astype(_F32, copy=False), _F32(factor))
        return out.astype(x.dtype, copy=False)

    return impl


def _composite_vjp(composite: Callable) -> Callable:
    """The gradient of ``composite(x, factor)``, the op written with differentiable ops."""

    def vjp(g, ans, x, factor):
        from .._tape import GradientTape
        from ..ops.elementwise import identity

        with GradientTape() as tape:
            # A fresh node: the tape must not find ``x``'s own history on the stack.
            start = identity(x)
            tape.watch(start)
            y = composite(start, factor)
        return tape.gradient(y, start, output_gradients=g), None

    return vjp


def _composite_jvp(composite: Callable) -> Callable:
    def jvp(tangents, ans, x, factor):
        from .._forward import ForwardAccumulator

        if tangents[0] is None:
            return None
        with ForwardAccumulator(x, tangents[0]) as acc:
            y = composite(x, factor)
        return acc.jvp(y)

    return jvp


def make_primitive(name: str, tf_name: str, kernel: Callable, composite: Callable) -> Primitive:
    """A primitive with TF's kernel values and the composite's derivatives.

    >>> from tapeflow.image._color import _hue
    >>> _hue.tf_name, _hue.formula
    ('AdjustHue', "TF's AdjustHue kernel; derivatives of the op written as a composite")
    """
    return Primitive(
        name,
        _in_float32(kernel),
        vjp=_composite_vjp(composite),
        jvp=_composite_jvp(composite),
        tf_name=tf_name,
        formula=f"TF's {tf_name} kernel; derivatives of the op written as a composite",
    )


def check_image(x: _Tensor, op: str, rgb: bool) -> None:
    """The kernels' shape checks: at least 3-D, and (``rgb``) 3 channels.

    >>> import tapeflow as tf
    >>> check_image(tf.zeros([2, 3]), "AdjustHue", rgb=True)
    Traceback (most recent call last):
    ...
    tapeflow.errors.InvalidArgumentError: input must be at least 3-D, got shape[2,3] [Op:AdjustHue]...
    """
    shape = x._value.shape
    if len(shape) < 3:
        raise _errors._op_error(
            f"input must be at least 3-D, got shape{_errors._shape_text(shape)}", op
        )
    if rgb and shape[-1] != 3:
        raise _errors._op_error(
            f"input must have 3 channels but instead has {shape[-1]} channels.", op
        )


def scalar_factor(value: object, op: str, what: str) -> _Tensor:
    """The float32 scalar input (a tensor must be float32 already, as TF's op input).

    >>> scalar_factor(2, "AdjustHue", "delta").dtype
    tf.float32
    """
    if isinstance(value, _Tensor):
        if value.dtype != _dt.float32:
            raise _errors._dtype_mismatch(op, 1, _np.dtype(_F32), value._value.dtype)
        factor = value
    else:
        try:
            factor = _convert_to_tensor(value, dtype=_dt.float32)
        except (TypeError, ValueError):
            raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype float") from None
    if _np.ndim(factor._value) != 0:
        raise _errors._op_error(
            f"{what} must be scalar: {_errors._shape_text(_np.shape(factor._value))}", op, None
        )
    return _as_tensor(factor)
