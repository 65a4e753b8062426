"""tf.image colour: dtype conversion, colour-space conversions (YIQ, YUV, HSV,
grayscale) and the brightness, contrast, gamma, saturation and hue adjustments,
composed from differentiable tapeflow ops (so gradients and JVPs follow). Contrast,
saturation and hue take their values from TF's kernels (``_color_kernels``) and their
derivatives from the composites."""

import numpy as _np

from .. import dtypes as _dt
from .. import errors as _errors
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import wrap as _wrap
from .._types import DTypeLike as _DTypeLike
from .._types import TensorLike as _TensorLike
from . import _color_kernels as _kernels
from ._core import _axis, _raw_float, _tf


# -- dtype and colour ------------------------------------------------------------------
def convert_image_dtype(
    image: _TensorLike,
    dtype: _DTypeLike,
    saturate: bool = False,
    name: str | None = None,
) -> _Tensor:
    """Convert between float images in [0, 1] and integer images in [0, max].

    >>> import tapeflow as tf
    >>> tf.image.convert_image_dtype(tf.constant([0.0, 0.5, 1.0]), tf.uint8).numpy().tolist()
    [0, 127, 255]
    """
    tf = _tf()
    x = _as_tensor(image)
    dtype = _dt.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_integer):
        raise AttributeError("dtype must be either floating point or integer")
    if not (x.dtype.is_floating or x.dtype.is_integer):
        raise AttributeError("image dtype must be either floating point or integer")
    if x.dtype == dtype:
        return x
    if x.dtype.is_floating and dtype.is_floating:
        return tf.cast(x, dtype)
    if x.dtype.is_integer and dtype.is_floating:
        return tf.cast(x, dtype) * _wrap(_np.asarray(1.0 / x.dtype.max, dtype.as_numpy_dtype)[()])
    if x.dtype.is_floating and dtype.is_integer:
        scaled = x * _wrap(_np.asarray(dtype.max + 0.5, x._value.dtype)[()])
        return tf.saturate_cast(scaled, dtype) if saturate else tf.cast(scaled, dtype)
    ratio = (int(x.dtype.max) + 1) // (int(dtype.max) + 1) if x.dtype.max > dtype.max else 0
    if ratio:
        return tf.cast(tf.math.floordiv(x, ratio), dtype)
    factor = (int(dtype.max) + 1) // (int(x.dtype.max) + 1)
    return tf.cast(x, dtype) * factor


def _mix(image, matrix):
    tf = _tf()
    x = _as_tensor(image)
    if not (x.dtype.is_floating or x.dtype.is_complex):
        # TF converts its Python list of coefficients to the image's dtype first.
        raise TypeError(f"Cannot convert {matrix!r} to EagerTensor of dtype {x.dtype.name}")
    if x._value.ndim == 0 or x._value.shape[-1] != 3:
        shape = x._value.shape
        rows, depth = int(_np.prod(shape[:-1])), shape[-1] if shape else 1
        raise _errors._op_error(  # tensordot's MatMul
            f"Matrix size-incompatible: In[0]: [{rows},{depth}], In[1]: [3,3]", "MatMul"
        )
    kernel = _wrap(_np.asarray(matrix, dtype=x._value.dtype))
    return tf.einsum("...c,cd->...d", x, kernel)


_YIQ = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617],
        [0.114, -0.32134392, 0.31119955]]  # fmt: skip
_YUV = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512],
        [0.114, 0.43601035, -0.10001026]]  # fmt: skip

_YIQ_INVERSE = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021],
                [0.6208248, -0.64720424, 1.70423049]]  # fmt: skip
_YUV_INVERSE = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]


def rgb_to_yiq(images: _TensorLike) -> _Tensor:
    """RGB to YIQ (NTSC) by a 3 x 3 matrix.

    >>> import tapeflow as tf
    >>> rgb = tf.constant([[[1.0, 0.0, 0.0]]], tf.float64)
    >>> tf.image.rgb_to_yiq(rgb).numpy().round(3).tolist()
    [[[0.299, 0.596, 0.212]]]
    """
    return _mix(images, _YIQ)


def yiq_to_rgb(images: _TensorLike) -> _Tensor:
    """YIQ to RGB (TF's rounded inverse matrix).

    >>> import tapeflow as tf
    >>> tf.image.yiq_to_rgb(tf.constant([[[1.0, 0.0, 0.0]]], tf.float64)).numpy().tolist()
    [[[1.0, 1.0, 1.0]]]
    """
    return _mix(images, _YIQ_INVERSE)


def rgb_to_yuv(images: _TensorLike) -> _Tensor:
    """RGB to YUV by a 3 x 3 matrix.

    >>> import tapeflow as tf
    >>> rgb = tf.constant([[[1.0, 0.0, 0.0]]], tf.float64)
    >>> tf.image.rgb_to_yuv(rgb).numpy().round(3).tolist()
    [[[0.299, -0.147, 0.615]]]
    """
    return _mix(images, _YUV)


def yuv_to_rgb(images: _TensorLike) -> _Tensor:
    """YUV to RGB (TF's rounded inverse matrix).

    >>> import tapeflow as tf
    >>> tf.image.yuv_to_rgb(tf.constant([[[1.0, 0.0, 0.0]]], tf.float64)).numpy().tolist()
    [[[1.0, 1.0, 1.0]]]
    """
    return _mix(images, _YUV_INVERSE)


def rgb_to_grayscale(images: _TensorLike, name: str | None = None) -> _Tensor:
    """Luma (0.2989 R + 0.587 G + 0.114 B), keeping a channel axis of size 1.

    >>> import tapeflow as tf
    >>> rgb = tf.constant([[[1.0, 0.0, 0.0]]], tf.float64)
    >>> tf.image.rgb_to_grayscale(rgb).numpy().round(4).tolist()
    [[[0.2989]]]
    """
    x = _as_tensor(images)
    # TF: convert_image_dtype to float32 (float64 too), weights, and back (not saturating).
    gray = _mix(convert_image_dtype(x, _dt.float32), [[0.2989], [0.587], [0.114]])
    return convert_image_dtype(gray, x.dtype)


def grayscale_to_rgb(images: _TensorLike, name: str | None = None) -> _Tensor:
    """Repeat the single channel three times.

    >>> import tapeflow as tf
    >>> tf.image.grayscale_to_rgb(tf.constant([[[0.5]]])).numpy().tolist()
    [[[0.5, 0.5, 0.5]]]
    """
    x = _as_tensor(images)
    if x._value.shape[-1] != 1:
        raise ValueError(f"Last dimension of a grayscale image should be size 1, got "
                         f"{x._value.shape[-1]}")  # fmt: skip
    return _tf().concat([x, x, x], axis=-1)


def _check_channels(x: _Tensor, op: str) -> None:
    """RGBToHSV's and HSVToRGB's shape checks (their classes and words)."""
    shape = x._value.shape
    if not shape:
        raise _errors._op_error("input must be at least 1D[]", op, None)
    if shape[-1] != 3:
        raise _errors._op_error(
            f"input must have 3 channels but input only has {shape[-1]} channels.",
            op, cls=_errors.FailedPreconditionError,
        )  # fmt: skip


def rgb_to_hsv(images: _TensorLike, name: str | None = None) -> _Tensor:
    """RGB in [0, 1] to hue, saturation, value in [0, 1].

    >>> import tapeflow as tf
    >>> tf.image.rgb_to_hsv(tf.constant([[[0.0, 1.0, 0.0]]], tf.float64)).numpy().round(4).tolist()
    [[[0.3333, 1.0, 1.0]]]
    """
    tf = _tf()
    x = _raw_float(images, "RGBToHSV")
    _check_channels(x, "RGBToHSV")
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    value = tf.reduce_max(x, axis=-1)
    minimum = tf.reduce_min(x, axis=-1)
    chroma = value - minimum
    saturation = tf.math.divide_no_nan(chroma, value)
    safe = tf.where(chroma > 0, chroma, tf.ones_like(chroma))
    hue_r = (g - b) / safe
    hue_g = (b - r) / safe + 2.0
    hue_b = (r - g) / safe + 4.0
    hue = tf.where(tf.equal(value, r), hue_r, tf.where(tf.equal(value, g), hue_g, hue_b))
    hue = tf.where(chroma > 0, hue, tf.zeros_like(hue)) / 6.0
    hue = tf.where(hue < 0, hue + 1.0, hue)
    return tf.stack([hue, saturation, value], axis=-1)


def hsv_to_rgb(images: _TensorLike, name: str | None = None) -> _Tensor:
    """Hue, saturation, value in [0, 1] to RGB.

    >>> import tapeflow as tf
    >>> tf.image.hsv_to_rgb(tf.constant([[[2 / 3, 1.0, 1.0]]], tf.float64)).numpy().round(4).tolist()
    [[[0.0, 0.0, 1.0]]]
    """
    tf = _tf()
    x = _raw_float(images, "HSVToRGB")
    _check_channels(x, "HSVToRGB")
    h, s, v = x[..., 0], x[..., 1], x[..., 2]
    dh = h * 6.0
    r = tf.clip_by_value(tf.abs(dh - 3.0) - 1.0, 0.0, 1.0)
    g = tf.clip_by_value(2.0 - tf.abs(dh - 2.0), 0.0, 1.0)
    b = tf.clip_by_value(2.0 - tf.abs(dh - 4.0), 0.0, 1.0)
    rgb = tf.stack([r, g, b], axis=-1)
    return (rgb - 1.0) * tf.expand_dims(s, -1) * tf.expand_dims(v, -1) + tf.expand_dims(v, -1)


# -- adjustments ----------------------------------------------------------------------
def adjust_brightness(image: _TensorLike, delta: float) -> _Tensor:
    """image + delta.

    >>> import tapeflow as tf
    >>> tf.image.adjust_brightness(tf.constant([[[0.25]]]), 0.5).numpy().tolist()
    [[[0.75]]]
    """
    x = _as_tensor(image)
    flt = _float_work(x)
    adjusted = flt + _tf().cast(_as_tensor(delta), flt.dtype)
    return convert_image_dtype(adjusted, x.dtype, saturate=True)


def _float_work(x: _Tensor) -> _Tensor:
    """The image TF's adjustments compute on: float16 and float32 as given, any other
    dtype (float64 too) through ``convert_image_dtype`` to float32."""
    return x if x.dtype in (_dt.float16, _dt.float32) else convert_image_dtype(x, _dt.float32)


def adjust_contrast(images: _TensorLike, contrast_factor: float) -> _Tensor:
    """(x - mean) * factor + mean, the mean taken per channel over height and width.

    >>> import tapeflow as tf
    >>> img = tf.constant([[[0.0], [1.0]]])
    >>> tf.image.adjust_contrast(img, 2.0)[..., 0].numpy().tolist()
    [[-0.5, 1.5]]
    """
    x = _as_tensor(images)
    flt = _float_work(x)
    _kernels.check_image(flt, "AdjustContrastv2", rgb=False)
    factor = _kernels.scalar_factor(contrast_factor, "AdjustContrastv2", "contrast_factor")
    return convert_image_dtype(_contrast(flt, factor), x.dtype, saturate=True)


def _contrast_composite(flt: _Tensor, factor: _Tensor) -> _Tensor:
    tf = _tf()
    axes = [_axis(flt, "h"), _axis(flt, "w")]
    mean = tf.reduce_mean(flt, axis=axes, keepdims=True)
    return (flt - mean) * tf.cast(factor, flt.dtype) + mean


_contrast = _kernels.make_primitive(
    "adjust_contrast", "AdjustContrastv2", _kernels.contrast_kernel, _contrast_composite
)


def adjust_gamma(image: _TensorLike, gamma: float = 1, gain: float = 1) -> _Tensor:
    """gain * image ** gamma (image values in [0, 1] for floats).

    >>> import tapeflow as tf
    >>> tf.image.adjust_gamma(tf.constant([0.25, 1.0]), gamma=0.5).numpy().tolist()
    [0.5, 1.0]
    """
    x = _as_tensor(image)
    flt = _float_work(x)
    _check_gamma(gamma)
    # TF's own operators: gamma and gain convert to the image's float dtype as any
    # operand does (a tensor of another dtype is Pow's or Mul's dtype error).
    return convert_image_dtype(gain * flt**gamma, x.dtype, saturate=True)


def _check_gamma(gamma: object) -> None:
    """TF's ``_assert(gamma >= 0, ...)``: a ValueError for a Python or NumPy gamma, the
    Assert op's InvalidArgumentError for a tensor (NaN fails both)."""
    tf = _tf()
    text = "Gamma should be a non-negative real number."
    if isinstance(gamma, (_Tensor, tf.Variable)):
        tf.debugging.Assert(gamma >= 0, [text])
    elif not gamma >= 0:  # type: ignore[operator]
        raise ValueError(text)


def adjust_saturation(
    image: _TensorLike,
    saturation_factor: float,
    name: str | None = None,
) -> _Tensor:
    """Scale the saturation in HSV space (clipped to [0, 1]).

    >>> import tapeflow as tf
    >>> tf.image.adjust_saturation(tf.constant([[[1.0, 0.5, 0.5]]]), 0.0).numpy().tolist()
    [[[1.0, 1.0, 1.0]]]
    """
    x = _as_tensor(image)
    flt = _float_work(x)
    _kernels.check_image(flt, "AdjustSaturation", rgb=True)
    factor = _kernels.scalar_factor(saturation_factor, "AdjustSaturation", "scale")
    return convert_image_dtype(_saturation(flt, factor), x.dtype)


def _saturation_composite(flt: _Tensor, factor: _Tensor) -> _Tensor:
    tf = _tf()
    hsv = rgb_to_hsv(flt)
    s = tf.clip_by_value(hsv[..., 1] * tf.cast(factor, hsv.dtype), 0.0, 1.0)
    return hsv_to_rgb(tf.stack([hsv[..., 0], s, hsv[..., 2]], axis=-1))


_saturation = _kernels.make_primitive(
    "adjust_saturation", "AdjustSaturation", _kernels.saturation_kernel, _saturation_composite
)


def adjust_hue(image: _TensorLike, delta: float, name: str | None = None) -> _Tensor:
    """Rotate the hue by ``delta`` (a fraction of a turn, in [-1, 1]).

    >>> import tapeflow as tf
    >>> tf.image.adjust_hue(tf.constant([[[1.0, 0.0, 0.0]]], tf.float64), 1 / 3).numpy().round(4).tolist()
    [[[0.0, 1.0, 0.0]]]
    """
    # TF's wrapper checks the range eagerly, before converting anything (a NaN passes).
    if delta < -1 or delta > 1:
        raise ValueError("delta must be in the interval [-1, 1]")
    x = _as_tensor(image)
    flt = _float_work(x)
    _kernels.check_image(flt, "AdjustHue", rgb=True)
    return convert_image_dtype(_hue(flt, _kernels.scalar_factor(delta, "AdjustHue", "delta")),
                               x.dtype)  # fmt: skip


def _hue_composite(flt: _Tensor, delta: _Tensor) -> _Tensor:
    tf = _tf()
    hsv = rgb_to_hsv(flt)
    hue = tf.math.floormod(hsv[..., 0] + tf.cast(delta, hsv.dtype), 1.0)
    return hsv_to_rgb(tf.stack([hue, hsv[..., 1], hsv[..., 2]], axis=-1))


_hue = _kernels.make_primitive("adjust_hue", "AdjustHue", _kernels.hue_kernel, _hue_composite)


def per_image_standardization(image: _TensorLike) -> _Tensor:
    """(x - mean) / max(stddev, 1/sqrt(N)) per image.

    >>> import tapeflow as tf
    >>> img = tf.constant([[[0.0], [2.0]]])
    >>> tf.image.per_image_standardization(img)[..., 0].numpy().tolist()
    [[-1.0, 1.0]]
    """
    tf = _tf()
    x = _as_tensor(image)
    # TF's static shape check (_CheckAtLeast3DImage).
    if x._value.ndim < 3:
        raise ValueError(f"'image' (shape {x.shape}) must be at least three-dimensional.")
    if 0 in x._value.shape[-3:]:
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {x.shape}")
    # As TF: everything in float32, a float64 input included (its gradient too).
    x = tf.cast(x, _dt.float32)
    axes = list(range(x._value.ndim - 3, x._value.ndim))
    count = _np.float32(_np.prod(x._value.shape[-3:]))
    mean = tf.reduce_mean(x, axis=axes, keepdims=True)
    std = tf.math.reduce_std(x, axis=axes, keepdims=True)
    floor = tf.math.rsqrt(_wrap(_np.asarray(count)[()]))
    return (x - mean) / tf.maximum(std, floor)
