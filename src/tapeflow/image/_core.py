"""tf.image geometry and statistics: flips and rotations, crops and pads, resizing,
image statistics, filters and patches, composed from differentiable tapeflow ops (so
gradients and JVPs follow). Colour lives in ``_color``."""

import enum as _enum
import numbers as _numbers

import numpy as _np

from .. import dtypes as _dt
from .. import errors as _errors
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import read_static as _read_static
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ..ops.shape import mirror_pad_grad as _mirror_pad_grad
from . import _resize_kernels as _kernels


def _tf():
    import tapeflow

    return tapeflow


def _no_gradient(value: _Tensor, inputs: list, op: str) -> _Tensor:
    """``value``, recorded so that differentiating it raises TF's LookupError (TF
    registers no gradient for ``op``)."""
    tf = _tf()
    sources = [x for x in inputs if isinstance(x, _Tensor) and x.dtype.is_floating]
    if not sources:
        return value

    @tf.custom_gradient
    def passthrough(*xs):
        def grad(*_):
            raise LookupError(f"gradient registry has no entry for: {op}")

        return tf.identity(value), grad

    return passthrough(*sources)


def _image(x):
    x = _as_tensor(x)
    if x._value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {tuple(x._value.shape)}) must have either 3 or 4 "
                         "dimensions.")  # fmt: skip
    return x


def _axis(x, which: str) -> int:
    offset = x._value.ndim - 3
    return {"h": 0, "w": 1, "c": 2}[which] + offset


# -- flips and rotations -------------------------------------------------------------
def flip_left_right(image: _TensorLike) -> _Tensor:
    """Mirror the width axis.

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(12.0), [2, 2, 3])
    >>> tf.image.flip_left_right(img)[0].numpy().tolist()
    [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0]]
    """
    x = _image(image)
    return _tf().reverse(x, [_axis(x, "w")])


def flip_up_down(image: _TensorLike) -> _Tensor:
    """Mirror the height axis.

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(12.0), [2, 2, 3])
    >>> tf.image.flip_up_down(img)[:, 0].numpy().tolist()
    [[6.0, 7.0, 8.0], [0.0, 1.0, 2.0]]
    """
    x = _image(image)
    return _tf().reverse(x, [_axis(x, "h")])


def transpose(image: _TensorLike, name: str | None = None) -> _Tensor:
    """Swap height and width.

    >>> import tapeflow as tf
    >>> tf.image.transpose(tf.zeros([2, 5, 3])).shape
    TensorShape([5, 2, 3])
    """
    x = _image(image)
    perm = [1, 0, 2] if x._value.ndim == 3 else [0, 2, 1, 3]
    return _tf().transpose(x, perm)


def rot90(image: _TensorLike, k: int = 1, name: str | None = None) -> _Tensor:
    """Rotate by k quarter turns counter-clockwise.

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(4), [2, 2, 1])
    >>> tf.image.rot90(img)[..., 0].numpy().tolist()
    [[1, 3], [0, 2]]
    """
    x = _image(image)
    k = int(k) % 4
    for _ in range(k):
        x = flip_up_down(transpose(x))
    return x


# -- crops and pads ----------------------------------------------------------------
def crop_to_bounding_box(
    image: _TensorLike,
    offset_height: int,
    offset_width: int,
    target_height: int,
    target_width: int,
) -> _Tensor:
    """The [target_height, target_width] window at (offset_height, offset_width).

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(16), [4, 4, 1])
    >>> tf.image.crop_to_bounding_box(img, 1, 1, 2, 2)[..., 0].numpy().tolist()
    [[5, 6], [9, 10]]
    """
    x = _image(image)
    h, w = x._value.shape[_axis(x, "h")], x._value.shape[_axis(x, "w")]
    oh, ow, th, tw = (int(v) for v in (offset_height, offset_width, target_height, target_width))
    if oh < 0 or ow < 0:
        raise ValueError("offset_height and offset_width must be >= 0.")
    if th <= 0 or tw <= 0:
        raise ValueError("target_width and target_height must be > 0.")
    if oh + th > h or ow + tw > w:
        raise ValueError("height must be >= target + offset." if oh + th > h
                         else "width must be >= target + offset.")  # fmt: skip
    return x[..., oh : oh + th, ow : ow + tw, :]


def pad_to_bounding_box(
    image: _TensorLike,
    offset_height: int,
    offset_width: int,
    target_height: int,
    target_width: int,
) -> _Tensor:
    """Zero-pad to [target_height, target_width] with the image at the offsets.

    >>> import tapeflow as tf
    >>> img = tf.ones([1, 1, 1])
    >>> tf.image.pad_to_bounding_box(img, 1, 0, 2, 2)[..., 0].numpy().tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    x = _image(image)
    h, w = x._value.shape[_axis(x, "h")], x._value.shape[_axis(x, "w")]
    oh, ow, th, tw = (int(v) for v in (offset_height, offset_width, target_height, target_width))
    if oh < 0 or ow < 0:
        raise ValueError("offset_height and offset_width must be >= 0")
    if th - oh - h < 0:
        raise ValueError("height must be <= target - offset")
    if tw - ow - w < 0:
        raise ValueError("width must be <= target - offset")
    pads = [[oh, th - oh - h], [ow, tw - ow - w], [0, 0]]
    if x._value.ndim == 4:
        pads = [[0, 0]] + pads
    return _tf().pad(x, pads)


def resize_with_crop_or_pad(image: _TensorLike, target_height: int, target_width: int) -> _Tensor:
    """Centre-crop or zero-pad to the target size.

    >>> import tapeflow as tf
    >>> tf.image.resize_with_crop_or_pad(tf.ones([4, 2, 3]), 2, 4).shape
    TensorShape([2, 4, 3])
    """
    x = _image(image)
    h, w = x._value.shape[_axis(x, "h")], x._value.shape[_axis(x, "w")]
    th, tw = int(target_height), int(target_width)
    crop_h, crop_w = max(h - th, 0), max(w - tw, 0)
    x = crop_to_bounding_box(x, crop_h // 2, crop_w // 2, min(h, th), min(w, tw))
    pad_h, pad_w = max(th - h, 0), max(tw - w, 0)
    return pad_to_bounding_box(x, pad_h // 2, pad_w // 2, th, tw)


def central_crop(image: _TensorLike, central_fraction: float) -> _Tensor:
    """The central ``central_fraction`` of the height and width.

    >>> import tapeflow as tf
    >>> tf.image.central_crop(tf.ones([8, 8, 3]), 0.5).shape
    TensorShape([4, 4, 3])
    """
    x = _image(image)
    fraction = float(central_fraction)
    if fraction <= 0.0 or fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if fraction == 1.0:
        return x
    h, w = x._value.shape[_axis(x, "h")], x._value.shape[_axis(x, "w")]
    top = int((h - h * fraction) / 2)
    left = int((w - w * fraction) / 2)
    return crop_to_bounding_box(x, top, left, h - 2 * top, w - 2 * left)


# -- resizing ------------------------------------------------------------------------
class ResizeMethod(str, _enum.Enum):
    """Interpolation methods of ``resize``.

    >>> import tapeflow as tf
    >>> tf.image.ResizeMethod.NEAREST_NEIGHBOR == "nearest"
    True
    """

    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"

    def __str__(self) -> str:
        return self.value


_METHODS = frozenset(m.value for m in ResizeMethod)
_SCALE_AND_TRANSLATE = frozenset(("lanczos3", "lanczos5", "gaussian", "mitchellcubic"))


def _linear_weights(in_size: int, out_size: int) -> _np.ndarray:
    """[out, in] bilinear weights with half-pixel centres, clamped to the edge."""
    scale = in_size / out_size
    centres = _np.clip((_np.arange(out_size) + 0.5) * scale - 0.5, 0, in_size - 1)
    src = _np.arange(in_size)[None, :]
    weights = _np.maximum(0.0, 1.0 - _np.abs(src - centres[:, None]))
    return weights / weights.sum(axis=1, keepdims=True)


def _kernel_op(method: str, antialias: bool) -> str:
    """The TF kernel that resizes with ``method`` (named in its errors)."""
    plain = {"nearest": "ResizeNearestNeighbor", "area": "ResizeArea"}
    if method in plain:
        return plain[method]
    if method in ("bilinear", "bicubic") and not antialias:
        return "ResizeBilinear" if method == "bilinear" else "ResizeBicubic"
    return "ScaleAndTranslate"


def _resize_weights(method: str, in_size: int, out_size: int, antialias: bool) -> _np.ndarray:
    """The [out, in] matrix that ``method`` resizes one axis with (TF's kernel
    for it: ResizeBilinear/Bicubic/NearestNeighbor/Area, or ScaleAndTranslate for
    lanczos, gaussian, mitchellcubic and antialiased bilinear/bicubic)."""
    if method == "nearest":
        return _nearest_weights(in_size, out_size)
    if method == "area":
        return _area_weights(in_size, out_size)
    if method == "bilinear" and not antialias:
        return _linear_weights(in_size, out_size)
    if method == "bicubic" and not antialias:
        return _kernels.bicubic_weights(in_size, out_size)
    name = {"bilinear": "triangle", "bicubic": "keyscubic"}.get(method, method)
    return _kernels.scale_and_translate_weights(in_size, out_size, name, antialias)


def _nearest_weights(in_size: int, out_size: int) -> _np.ndarray:
    scale = in_size / out_size
    index = _np.minimum(_np.floor((_np.arange(out_size) + 0.5) * scale), in_size - 1).astype(int)
    weights = _np.zeros((out_size, in_size))
    weights[_np.arange(out_size), index] = 1.0
    return weights


def _area_weights(in_size: int, out_size: int) -> _np.ndarray:
    scale = in_size / out_size
    weights = _np.zeros((out_size, in_size))
    for i in range(out_size):
        start, end = i * scale, (i + 1) * scale
        for j in range(int(_np.floor(start)), min(int(_np.ceil(end)), in_size)):
            weights[i, j] = min(end, j + 1) - max(start, j)
    return weights / weights.sum(axis=1, keepdims=True)


def resize(
    images: _TensorLike,
    size: _TensorLike,
    method: str = ResizeMethod.BILINEAR,
    preserve_aspect_ratio: bool = False,
    antialias: bool = False,
    name: str | None = None,
) -> _Tensor:
    """Resize to ``size`` = [height, width] with any ``ResizeMethod``, as TF 2.21
    does: bilinear, nearest and area; bicubic (Keys' cubic, a = -0.5); lanczos3,
    lanczos5, gaussian and mitchellcubic (TF's ScaleAndTranslate kernels, widened
    to low-pass filter a downsample when ``antialias``). Each is a pair of
    separable weight matrices, so the gradient is their transpose. Returns float32
    unless the method is nearest.

    >>> import tapeflow as tf
    >>> img = tf.constant([[[0.0], [1.0]]])
    >>> tf.image.resize(img, [1, 4])[..., 0].numpy().tolist()
    [[0.0, 0.25, 0.75, 1.0]]
    >>> [round(v, 4) for v in tf.image.resize(img, [1, 4], "bicubic")[0, :, 0].numpy().tolist()]
    [-0.0882, 0.2071, 0.7929, 1.0882]
    """
    return _resize(images, size, method, preserve_aspect_ratio, antialias)


def _resize(
    images: _TensorLike,
    size: _TensorLike,
    method: str,
    preserve_aspect_ratio: bool,
    antialias: bool,
    work: _dt.DType | None = None,
) -> _Tensor:
    """``resize``; ``work`` overrides the float32 compute dtype (float64 lets the
    tests check its gradients by finite differences)."""
    tf = _tf()
    x = _image(images)
    method = str(getattr(method, "value", method))
    if method not in _METHODS:
        raise ValueError(f"Resize method is not implemented: {method}")
    size = _as_tensor(size)
    _read_static(size)  # a traced size: each call's, not the first's
    th, tw = (int(v) for v in _np.ravel(size._value))
    h, w = x._value.shape[_axis(x, "h")], x._value.shape[_axis(x, "w")]
    if preserve_aspect_ratio:
        # In float32 and rounded half to even, as TF computes the kept size.
        f32 = _np.float32
        scale = min(f32(th) / f32(h), f32(tw) / f32(w))
        th, tw = int(_np.round(scale * f32(h))), int(_np.round(scale * f32(w)))
    if method in _SCALE_AND_TRANSLATE or (method in ("bilinear", "bicubic") and antialias):
        # ScaleAndTranslate's attribute: None is its default (True), anything else a bool.
        antialias = _attr_bool(True if antialias is None else antialias, "antialias")
    if th <= 0 or tw <= 0:
        raise _errors._op_error("output dimensions must be positive", _kernel_op(method, antialias))
    wh, ww = _resize_weights(method, h, th, antialias), _resize_weights(method, w, tw, antialias)
    # TF returns float32 except for nearest neighbours (the input's dtype).
    out_dtype = work or (x.dtype if method == "nearest" else _dt.float32)
    cast = tf.cast(x, out_dtype) if x.dtype != out_dtype else x
    dtype = cast._value.dtype
    if not cast.dtype.is_floating:
        # Integer nearest-neighbour resizing (uint8 images): a pick, not a product
        # (TF's Einsum has no uint8 kernel, and no gradient is needed).
        rows = tf.gather(cast, _np.argmax(wh, axis=1), axis=_axis(x, "h"))
        return tf.gather(rows, _np.argmax(ww, axis=1), axis=_axis(x, "w"))
    rows = tf.einsum("oh,...hwc->...owc", _wrap(wh.astype(dtype)), cast)
    return tf.einsum("pw,...owc->...opc", _wrap(ww.astype(dtype)), rows)


def resize_with_pad(
    image: _TensorLike,
    target_height: int,
    target_width: int,
    method: str = ResizeMethod.BILINEAR,
    antialias: bool = False,
) -> _Tensor:
    """Resize keeping the aspect ratio, then zero-pad to the target size.

    >>> import tapeflow as tf
    >>> tf.image.resize_with_pad(tf.ones([2, 4, 3]), 4, 4)[..., 0].numpy().tolist()
    [[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]
    """
    x = _image(image)
    batched = x if x._value.ndim == 4 else x[None]
    shape = tuple(batched._value.shape)
    if 0 in shape[1:]:
        raise ValueError(f"inner 3 dims of 'image.shape' must be > 0: {shape}")
    _check_positive(target_width, "target_width")
    _check_positive(target_height, "target_height")
    # TF's arithmetic: float32 ratios, then float-to-int32 casts (out of range: INT_MIN).
    f32 = _np.float32
    th, tw = f32(_np.asarray(_value_of(target_height))), f32(_np.asarray(_value_of(target_width)))
    ratio = max(f32(shape[2]) / tw, f32(shape[1]) / th)
    rh, rw = f32(shape[1]) / ratio, f32(shape[2]) / ratio
    size = [_int32(_np.floor(rh)), _int32(_np.floor(rw))]
    for d in size:
        if d < 0:
            raise ValueError(f"Dimension {d} must be >= 0")
    top, left = max(0, _int32(_np.floor((th - rh) / 2))), max(0, _int32(_np.floor((tw - rw) / 2)))
    resized = resize(batched, size, method=method, antialias=antialias)
    padded = pad_to_bounding_box(resized, top, left, target_height, target_width)
    return padded if x._value.ndim == 4 else padded[0]


def _value_of(x):
    return x._value if isinstance(x, _Tensor) else x


def _int32(v) -> int:
    """A float32 cast to int32 as TF's CPU kernel casts it (NaN and out of range: INT_MIN)."""
    v = float(v)
    return int(v) if -(2.0**31) <= v < 2.0**31 else -(2**31)


def _check_positive(target, what: str) -> None:
    """resize_with_pad's assertion: a ValueError for a Python number, TF's failed Assert
    (InvalidArgumentError) for a tensor."""
    if isinstance(target, _Tensor):
        if not bool(_np.all(_np.asarray(target._value) > 0)):
            raise _errors.InvalidArgumentError(
                None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                f"Summarized data: b'{what} must be > 0.'")  # fmt: skip
    elif not target > 0:
        raise ValueError(f"{what} must be > 0.")


# -- statistics and filters --------------------------------------------------------------
def total_variation(images: _TensorLike, name: str | None = None) -> _Tensor:
    """The sum of absolute differences between neighbouring pixels (per image).

    >>> import tapeflow as tf
    >>> tf.image.total_variation(tf.constant([[[0.0], [1.0]], [[3.0], [1.0]]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
    """
    tf = _tf()
    x = _as_tensor(images)
    dh = x[..., 1:, :, :] - x[..., :-1, :, :]
    dw = x[..., :, 1:, :] - x[..., :, :-1, :]
    axes = [-3, -2, -1]
    return tf.reduce_sum(tf.abs(dh), axis=axes) + tf.reduce_sum(tf.abs(dw), axis=axes)


def image_gradients(image: _TensorLike) -> tuple[_Tensor, _Tensor]:
    """(dy, dx): forward differences with a zero last row/column; 4-D input.

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(4.0), [1, 2, 2, 1])
    >>> dy, dx = tf.image.image_gradients(img)
    >>> dy[0, ..., 0].numpy().tolist(), dx[0, ..., 0].numpy().tolist()
    ([[2.0, 2.0], [0.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    """
    tf = _tf()
    x = _as_tensor(image)
    if x._value.ndim != 4:
        raise ValueError(f"image_gradients expects a 4D tensor [batch_size, h, w, d], not "
                         f"{list(x._value.shape)}.")  # fmt: skip
    dy = x[:, 1:, :, :] - x[:, :-1, :, :]
    dx = x[:, :, 1:, :] - x[:, :, :-1, :]
    dy = tf.concat([dy, tf.zeros_like(x[:, :1, :, :])], axis=1)
    dx = tf.concat([dx, tf.zeros_like(x[:, :, :1, :])], axis=2)
    return dy, dx


def sobel_edges(image: _TensorLike) -> _Tensor:
    """[batch, h, w, d, 2]: the vertical and horizontal Sobel responses (reflect padding).

    >>> import tapeflow as tf
    >>> tf.image.sobel_edges(tf.ones([1, 4, 4, 3])).shape
    TensorShape([1, 4, 4, 3, 2])
    """
    tf = _tf()
    x = _as_tensor(image)
    if not x.dtype.is_floating:
        return _sobel(x)

    @tf.custom_gradient
    def edges(x):
        return _sobel(x), _sobel_transpose

    return edges(x)


_SOBEL = (_np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float),
          _np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], float))  # fmt: skip


def _sobel(x: _Tensor) -> _Tensor:
    # The taps summed in TF's order, so that the values are TF's to the last bit.
    tf = _tf()
    padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    h, w = x._value.shape[1], x._value.shape[2]
    outputs = []
    for k in _SOBEL:
        total = None
        for i in range(3):
            for j in range(3):
                if k[i, j] == 0:
                    continue
                term = padded[:, i : i + h, j : j + w, :] * float(k[i, j])
                total = term if total is None else total + term
        outputs.append(total)
    return tf.stack(outputs, axis=-1)


def _sobel_transpose(g: _Tensor) -> _Tensor:
    """The adjoint of _sobel, one separable factor at a time: each kernel is a difference
    [-1, 0, 1] along one axis times a smoothing [1, 2, 1] along the other, and its
    transpose subtracts two shifted copies of the same smoothed cotangent, folded back
    through the reflection. So where an output is identically 0 (an image 2 pixels high
    and wide) the gradient is exactly 0, not the rounding noise of summing the taps."""
    tf = _tf()

    def shifted(t, axis, before, after):
        pads = [[0, 0]] * 4
        pads[axis] = [before, after]
        return tf.pad(t, pads)

    def spread(t, smooth, diff):
        t = shifted(t, smooth, 0, 2) + 2.0 * shifted(t, smooth, 1, 1) + shifted(t, smooth, 2, 0)
        t = shifted(t, diff, 2, 0) - shifted(t, diff, 0, 2)
        return _mirror_pad_grad(t, paddings=((1, 1), (1, 1), (0, 0)), mode="REFLECT")

    return spread(g[..., 0], smooth=2, diff=1) + spread(g[..., 1], smooth=1, diff=2)


def extract_patches(
    images: _TensorLike,
    sizes: list[int],
    strides: list[int],
    rates: list[int],
    padding: str,
    name: str | None = None,
) -> _Tensor:
    """[batch, out_rows, out_cols, ksize_rows * ksize_cols * depth] patches.

    >>> import tapeflow as tf
    >>> img = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> patches = tf.image.extract_patches(img, [1, 2, 2, 1], [1, 2, 2, 1], [1, 1, 1, 1], 'VALID')
    >>> patches.shape, patches[0, 0, 0].numpy().tolist()
    (TensorShape([1, 2, 2, 4]), [0.0, 1.0, 4.0, 5.0])
    """
    tf = _tf()
    x = _as_tensor(images)
    k, s, r = _patch_attrs(x, sizes, strides, rates, padding)
    n, h, w, c = x._value.shape
    eh, ew = (k[0] - 1) * r[0] + 1, (k[1] - 1) * r[1] + 1
    if padding == "VALID":
        oh, ow = _valid_size(h, eh, s[0]), _valid_size(w, ew, s[1])
        top = left = 0
    else:
        oh, ow = -(-h // s[0]), -(-w // s[1])
        top = max((oh - 1) * s[0] + eh - h, 0) // 2
        left = max((ow - 1) * s[1] + ew - w, 0) // 2
    rows = (_np.arange(oh) * s[0])[:, None] + (_np.arange(k[0]) * r[0])[None, :] - top
    cols = (_np.arange(ow) * s[1])[:, None] + (_np.arange(k[1]) * r[1])[None, :] - left
    inside = (((rows >= 0) & (rows < h))[:, None, :, None]
              & ((cols >= 0) & (cols < w))[None, :, None, :])  # fmt: skip
    flat = (_np.clip(rows, 0, h - 1)[:, None, :, None] * w
            + _np.clip(cols, 0, w - 1)[None, :, None, :])  # fmt: skip
    index = _np.where(inside, flat, h * w).reshape(oh, ow, k[0] * k[1])
    pixels = tf.concat([tf.reshape(x, [n, h * w, c]), tf.zeros_like(x[:, :1, 0, :])[:, :, :]],
                       axis=1)  # fmt: skip
    patches = tf.gather(pixels, index, axis=1)  # [n, oh, ow, kk, c]
    return tf.reshape(patches, [n, oh, ow, k[0] * k[1] * c])


_PATCH_PREFIX = ("{{function_node __wrapped__ExtractImagePatches_device_/job:localhost/replica:0/"
                 "task:0/device:CPU:0}} ")  # fmt: skip
_PATCH_TYPES = ("bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, "
                "uint32, uint64, complex64, complex128, bool")  # fmt: skip


def _patch_attrs(x: _Tensor, sizes, strides, rates, padding) -> tuple[list, list, list]:
    """extract_patches' (ksizes, strides, rates) across space, checked in TF's order: the
    dtype, the attributes' lengths, the padding, then the kernel's own checks."""
    op = "ExtractImagePatches"
    node = f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature=images:T -> patches:T>"
    for attr, value in (("ksizes", sizes), ("strides", strides), ("rates", rates)):
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"Expected list for '{attr}' argument to 'extract_image_patches' "
                            f"Op, not {value!r}.")  # fmt: skip
    if x.dtype.name == "string":
        raise _errors.InvalidArgumentError(
            None, None, _errors._attr_text("T", "string", _PATCH_TYPES) + node
        )
    if not isinstance(padding, str):
        raise TypeError(f"Expected string for argument 'padding' not {padding!r}.")
    for attr, value in (("ksizes", sizes), ("strides", strides), ("rates", rates)):
        if len(value) < 4:
            raise _errors.InvalidArgumentError(
                None, None, f"Length for attr '{attr}' of {len(value)} must be at least "
                f"minimum 4{node}")  # fmt: skip
    if padding not in ("SAME", "VALID"):
        raise _errors.InvalidArgumentError(
            None, None, f'Value for attr \'padding\' of "{padding}" is not in the list of '
            f'allowed values: "SAME", "VALID"{node}')  # fmt: skip
    if x.dtype.name == "bool":
        raise _errors.NotFoundError(
            None, None, f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_BOOL, "
            f"ksizes={list(sizes)}, padding=\"{padding}\", rates={list(rates)}, "
            f"strides={list(strides)}]")  # fmt: skip
    prefix = _PATCH_PREFIX
    picked = []
    for attr, value in (("ksizes", sizes), ("strides", strides), ("rates", rates)):
        ints = [int(v) for v in value]
        for v in ints:
            if not -(2**31) <= v < 2**31:
                raise _errors._op_error(
                    f"{prefix}Attr {attr} has value {v} out of range for an int32", op
                )
        if ints[0] != 1 or ints[3] != 1:
            raise _errors._op_error(f"{prefix}Only support {attr} across space.", op,
                                    cls=_errors.UnimplementedError)  # fmt: skip
        if ints[1] < 1 or ints[2] < 1:
            raise _errors._op_error(f"{prefix}{attr} is out of range.", op,
                                    cls=_errors.OutOfRangeError)  # fmt: skip
        picked.append(ints[1:3])
    if x._value.ndim != 4:
        raise _errors._op_error(
            f"{prefix}input must be 4-dimensional{_errors._shape_text(x._value.shape)}", op
        )
    return picked[0], picked[1], picked[2]


def _valid_size(size: int, span: int, step: int) -> int:
    """Patches along one axis with VALID padding: TF divides as C does (toward zero)."""
    ahead = size - span + step
    count = ahead // step if ahead >= 0 else -(-ahead // step)
    if count < 0:
        raise _errors._op_error(
            f"{_PATCH_PREFIX}Computed output size would be negative: {count} "
            f"[input_size: {size}, effective_filter_size: {span}, stride: {step}]",
            "ExtractImagePatches",
        )
    return count


def _raw_float(x, op: str = "") -> _Tensor:
    """An input of a raw op whose dtype attribute defaults to float: TF's generated
    wrapper converts a Python or NumPy number array to float32; a tensor stays as it is
    (with ``op``, one not of a float dtype is the op's attribute error)."""
    if isinstance(x, _Tensor):
        if op and x.dtype not in (_dt.float16, _dt.float32, _dt.float64):
            raise _errors.InvalidArgumentError(
                None, None, _errors._attr_text("T", x.dtype.c_name, "half, bfloat16, float, double")
                + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: "
            )  # fmt: skip
        return x
    try:
        kind = _np.asarray(x).dtype.kind
    except ValueError:  # ragged
        kind = "O"
    if kind in "iuf":
        from .._tensor import convert_to_tensor

        return convert_to_tensor(x, dtype=_dt.float32)
    return _as_tensor(x)


def _attr_bool(value, name: str) -> bool:
    """A bool attribute as TF's generated wrapper takes it (its ``make_bool``)."""
    if not isinstance(value, bool):
        raise TypeError(f"Expected bool for argument '{name}' not {value!r}.")
    return value


def _attr_float(value, name: str) -> float:
    """A float attribute as TF's generated wrapper takes it (its ``make_float``): a
    Python or NumPy real number, not a tensor or an array."""
    if not isinstance(value, (_numbers.Real, _np.integer, _np.floating)):
        raise TypeError(f"Expected float for argument '{name}' not {value!r}.")
    return float(value)


def _attr_str(value, name: str) -> str:
    """A string attribute as TF's generated wrapper takes it (its ``make_str``)."""
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"Expected string for argument '{name}' not {value!r}.")
    return value.decode() if isinstance(value, bytes) else value
