"""Box-driven image ops: crop_and_resize (differentiable in the image and the
boxes), extract_glimpse, draw_bounding_boxes and generate_bounding_box_proposals.

crop_and_resize is composed from gathers and lerps: the sample positions are
computed like TF's kernel (float32, floor/ceil corners), so where a position
lands exactly on a pixel row both corners coincide and the box gradient there
is zero, as in TF's CropAndResizeGradBoxes.
"""

from __future__ import annotations

import numpy as _np

from .. import _backend
from .. import dtypes as _dt
from .. import errors as _errors
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import convert_to_tensor as _convert_to_tensor
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ._core import _attr_float, _attr_str, _int32, _no_gradient, _raw_float, _tf


def _host(x: _Tensor) -> _np.ndarray:
    return _np.asarray(_backend.to_host(x._value))


def _kernel_input(x, dtype, op: str, position: int, inputs: tuple = ()) -> _Tensor:
    """``x`` as a ``dtype`` tensor for input ``position`` of kernel ``op``.

    TF's eager fast path hands a tensor of another dtype to the kernel (its dtype error);
    where any of the op's ``inputs`` is a Python list or tuple it converts in Python
    first instead (a ValueError, as convert_to_tensor raises).
    """
    fast = not any(isinstance(v, (list, tuple)) for v in inputs)
    if fast and isinstance(x, _Tensor) and x.dtype != dtype:
        expected = _np.dtype(dtype.as_numpy_dtype)
        raise _errors._dtype_mismatch(op, position, expected, x._value.dtype)
    return _convert_to_tensor(x, dtype=dtype)


def _fail(message: str, op: str, cls=_errors.InvalidArgumentError):
    return _errors._op_error(message, op, None, cls=cls)


def _crop_tensors(image, boxes, box_indices, crop_size, boxes_dtype=_dt.float32) -> tuple:
    """CropAndResize's four inputs as tensors, converted as TF's wrapper converts them."""
    op = "CropAndResize"
    inputs = (image, boxes, box_indices, crop_size)
    image = _as_tensor(image)
    if image.dtype not in _CROP_TYPES:
        raise _errors.InvalidArgumentError(
            None, None, _errors._attr_text("T", image.dtype.c_name, ", ".join(
                t.c_name for t in _CROP_TYPES)) + _CROP_SIGNATURE)  # fmt: skip
    return (image, _kernel_input(boxes, boxes_dtype, op, 1, inputs),
            _kernel_input(box_indices, _dt.int32, op, 2, inputs),
            _kernel_input(crop_size, _dt.int32, op, 3, inputs))  # fmt: skip


def _crop_inputs(image, boxes, box_indices, crop_size, boxes_dtype=_dt.float32):
    op = "CropAndResize"
    shape = _errors._shape_text
    image, boxes, indices, sizes = _crop_tensors(image, boxes, box_indices, crop_size, boxes_dtype)
    box_indices = _np.asarray(indices._value)
    size = _np.asarray(sizes._value)
    if image._value.ndim != 4:
        raise _fail(f"input image must be 4-D{shape(image._value.shape)}", op)
    batch, height, width, _ = image._value.shape
    if height <= 0 or width <= 0:
        raise _fail("image dimensions must be positive", op)
    if boxes._value.ndim != 2 or boxes._value.shape[1] != 4:
        raise _fail("boxes must have 4 columns", op)
    if box_indices.ndim != 1 or box_indices.shape[0] != boxes._value.shape[0]:
        raise _fail("box_index has incompatible shape", op)
    if size.shape != (2,):
        raise _fail(f"crop_size must have two elements{shape(size.shape)}", op)
    if size[0] <= 0 or size[1] <= 0:
        raise _fail("crop dimensions must be positive", op)
    if box_indices.size and (box_indices.min() < 0 or box_indices.max() >= batch):
        raise _fail("box_index has values outside [0, batch_size)", op, _errors.OutOfRangeError)
    return image, boxes, box_indices.astype(_np.int64), int(size[0]), int(size[1])


def _positions(lo, hi, extent: int, count: int, work, ratio: bool = False):
    """[num_boxes, count] sample positions in pixels along one axis, rounded as TF's
    kernels round them: the forward and image-gradient kernels scale by
    (hi - lo) * (extent - 1) / (count - 1), the box-gradient kernel by
    (hi - lo) * ((extent - 1) / (count - 1)), which can differ in the last bit and
    so pick another pixel pair at an exact pixel position."""
    tf = _tf()
    if count > 1:
        if ratio:
            scale = (hi - lo) * float(work(extent - 1) / work(count - 1))
        else:
            scale = (hi - lo) * float(extent - 1) / float(count - 1)
        steps = _wrap(_np.arange(count, dtype=work))
        return lo[:, None] * float(extent - 1) + steps[None, :] * scale[:, None]
    return tf.reshape(0.5 * (lo + hi) * float(extent - 1), [-1, 1])


def _crop_and_resize(image, boxes, box_indices, crop_size, method, extrapolation_value,
                     work=_dt.float32, ratio=False):  # fmt: skip
    """The composite, in ``work`` precision (float64 lets check_grads verify it);
    ``ratio`` places the samples as TF's box-gradient kernel does."""
    tf = _tf()
    image, boxes, index, ch, cw = _crop_inputs(
        image, boxes, box_indices, crop_size, _dt.float32 if work == _dt.float32 else work
    )
    _, height, width, channels = image._value.shape
    img = tf.cast(image, work) if image.dtype.is_floating else _wrap(image._value.astype(
        work.as_numpy_dtype))  # fmt: skip
    b = tf.cast(boxes, work)
    in_y = _positions(b[:, 0], b[:, 2], height, ch, work.as_numpy_dtype, ratio)  # [n, ch]
    in_x = _positions(b[:, 1], b[:, 3], width, cw, work.as_numpy_dtype, ratio)  # [n, cw]
    py, px = _np.asarray(in_y._value), _np.asarray(in_x._value)
    valid = (((py >= 0) & (py <= height - 1))[:, :, None]
             & ((px >= 0) & (px <= width - 1))[:, None, :])  # fmt: skip
    n = index.shape[0]
    mask = _wrap(_np.broadcast_to(valid[..., None], (n, ch, cw, channels)))
    fill = tf.cast(_as_tensor(extrapolation_value), work)

    def pixels(rows, cols):
        r = _np.clip(rows, 0, height - 1).astype(_np.int64)
        c = _np.clip(cols, 0, width - 1).astype(_np.int64)
        where = _np.stack(_np.broadcast_arrays(index[:, None, None], r[:, :, None],
                                               c[:, None, :]), axis=-1)  # fmt: skip
        return tf.gather_nd(img, where)  # [n, ch, cw, channels]

    if method == "nearest":
        # roundf: halves away from zero (positions are non-negative where used).
        value = pixels(_np.floor(py + 0.5), _np.floor(px + 0.5))
    else:
        top, left = _np.floor(py), _np.floor(px)
        bottom, right = _np.ceil(py), _np.ceil(px)
        y_lerp = (in_y - _wrap(top.astype(py.dtype)))[:, :, None, None]
        x_lerp = (in_x - _wrap(left.astype(px.dtype)))[:, None, :, None]
        top_left, top_right = pixels(top, left), pixels(top, right)
        bottom_left, bottom_right = pixels(bottom, left), pixels(bottom, right)
        upper = top_left + (top_right - top_left) * x_lerp
        lower = bottom_left + (bottom_right - bottom_left) * x_lerp
        value = upper + (lower - upper) * y_lerp
    return tf.where(mask, value, fill)


_CROP_TYPES = (_dt.uint8, _dt.uint16, _dt.int8, _dt.int16, _dt.int32, _dt.int64, _dt.float16,
               _dt.float32, _dt.float64)  # fmt: skip
_CROP_SIGNATURE = (
    "\n\t; NodeDef: {{node CropAndResize}}; Op<name=CropAndResize; signature=image:T, "
    "boxes:float, box_ind:int32, crop_size:int32 -> crops:float; attr=T:type,allowed="
    "[DT_UINT8, DT_UINT16, DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_HALF, DT_FLOAT, "
    'DT_DOUBLE]; attr=method:string,default="bilinear",allowed=["bilinear", "nearest"]; '
    "attr=extrapolation_value:float,default=0> [Op:CropAndResize]"
)


@_reads_values(floats=True)
def crop_and_resize(
    image: _TensorLike,
    boxes: _TensorLike,
    box_indices: _TensorLike,
    crop_size: _TensorLike,
    method: str = "bilinear",
    extrapolation_value: float = 0.0,
    name: str | None = None,
) -> _Tensor:
    """Crops ``boxes`` (normalised ``[y1, x1, y2, x2]``, y2 < y1 flips) out of the images
    ``box_indices`` picks and resizes each to ``crop_size``, sampling bilinearly or at
    the nearest pixel; samples outside the image get ``extrapolation_value``.

    Returns float32 ``[num_boxes, crop_height, crop_width, channels]``. Gradients flow to
    the image and to the boxes; with ``method='nearest'`` the box gradient is the
    bilinear one, as TF approximates it.

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> crops = tf.image.crop_and_resize(image, [[0.0, 0.0, 1.0, 1.0]], [0], [2, 2])
    >>> crops[0, :, :, 0].numpy().tolist()
    [[0.0, 3.0], [12.0, 15.0]]
    """
    # The generated wrapper reads its attributes first (None: the defaults).
    method = "bilinear" if method is None else _attr_str(method, "method")
    extrapolation_value = _attr_float(
        0 if extrapolation_value is None else extrapolation_value, "extrapolation_value"
    )
    if method not in ("bilinear", "nearest"):
        raise _errors.InvalidArgumentError(
            None,
            None,
            _errors._attr_text("method", f'"{method}"', '"bilinear", "nearest"') + _CROP_SIGNATURE,
        )
    tf = _tf()
    image, boxes, box_indices, crop_size = _crop_tensors(image, boxes, box_indices, crop_size)
    # The value and the image gradient come from the sampling method; the box
    # gradient is TF's CropAndResizeGradBoxes: bilinear (also for nearest), at its
    # own sample positions.
    value = _crop_and_resize(image, tf.stop_gradient(boxes), box_indices, crop_size, method,
                             extrapolation_value)  # fmt: skip
    rider = _crop_and_resize(tf.stop_gradient(image), boxes, box_indices, crop_size,
                             "bilinear", extrapolation_value, ratio=True)  # fmt: skip
    value = value + (rider - tf.stop_gradient(rider))
    return value


@_reads_values(floats=True)
def extract_glimpse(
    input: _TensorLike,  # noqa: A002 - TF's argument name
    size: _TensorLike,
    offsets: _TensorLike,
    centered: bool = True,
    normalized: bool = True,
    noise: str = "uniform",
    name: str | None = None,
) -> _Tensor:
    """Cuts a ``size = [height, width]`` window out of each image at ``offsets[i] = (y, x)``.

    Offsets are the window's centre relative to the image centre in [-1, 1]
    (``centered``, ``normalized``), its top-left corner in [0, 1] (``normalized``
    only), or in pixels. Pixels outside the image are filled with ``noise``:
    ``'uniform'`` (between the channel's min and max), ``'gaussian'`` (the
    channel's mean and standard deviation) or ``'zero'``.

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(25.0), [1, 5, 5, 1])
    >>> g = tf.image.extract_glimpse(image, [2, 2], [[0.0, 0.0]])
    >>> g[0, :, :, 0].numpy().tolist()
    [[6.0, 7.0], [11.0, 12.0]]
    """
    op = "ExtractGlimpseV2"
    shape = _errors._shape_text
    inputs = (input, size, offsets)
    x = _kernel_input(input, _dt.float32, op, 0, inputs)
    # The glimpses are cut on the host (a GPU image is copied) and go back to its library.
    value = _host(x)
    window = _host(_kernel_input(size, _dt.int32, op, 1, inputs))
    where = _host(_kernel_input(offsets, _dt.float32, op, 2, inputs))
    if value.ndim != 4:
        raise _fail("input must be 4-dimensional (batch_size, height, width, depth)"
                    f"{shape(value.shape)}", op)  # fmt: skip
    batch, height, width, channels = value.shape
    if window.shape != (2,):
        raise _fail(f"input must be a vector of size 2 (height, width){shape(window.shape)}", op)
    if where.ndim != 2 or where.shape[0] != batch:
        raise _fail(f"first dimension should be batch{shape(where.shape)}", op)
    if where.shape[1] != 2:
        raise _fail(f"second dimension should be of size 2{shape(where.shape)}", op)
    if noise == "":  # the kernel's fallback: uniform_noise, which this wrapper sets False
        noise = "gaussian"
    if noise not in ("uniform", "gaussian", "zero"):
        raise _fail(f"The noise could only be uniform, gaussian, or zero, got{noise}", op)
    for extent in window:
        if extent < 0:
            raise _fail(f"Expected a non-negative size, got {int(extent)}", op)
    gh, gw = int(window[0]), int(window[1])
    patches = _np.zeros((batch, gh, gw, channels), _np.float32)
    inside = _np.zeros((batch, gh, gw, 1), bool)
    half = _np.float32(2.0)
    for i in range(batch):
        y, x_ = where[i]
        if normalized:
            y, x_ = y * _np.float32(height), x_ * _np.float32(width)
            if centered:
                y = y / half + _np.float32(height) / half - _np.float32(gh) / half
                x_ = x_ / half + _np.float32(width) / half - _np.float32(gw) / half
        elif centered:
            y, x_ = y + _np.float32(height) / half, x_ + _np.float32(width) / half
        # Truncation toward zero, like the kernel's cast (NaN, out of range: INT_MIN).
        top, left = _int32(y), _int32(x_)
        rows = _np.arange(gh) + top
        cols = _np.arange(gw) + left
        inside[i, :, :, 0] = (((rows >= 0) & (rows < height))[:, None]
                              & ((cols >= 0) & (cols < width))[None])  # fmt: skip
        if height and width:  # an empty image: every pixel of the glimpse is outside
            patches[i] = value[i][_np.clip(rows, 0, height - 1)][:, _np.clip(cols, 0, width - 1)]
    out = _wrap(patches)
    if not inside.all() and noise != "zero":
        out = _tf().where(_wrap(inside), out, _glimpse_noise(noise, value, patches.shape))
    elif not inside.all():
        out = _wrap(_np.where(inside, patches, _np.float32(0)))
    return _no_gradient(_wrap(_backend.same_place(out._value, x._value)), [x], op)


def _glimpse_noise(noise: str, value: _np.ndarray, shape: tuple) -> _Tensor:
    """Noise per image and channel: uniform in [min, max] or normal(mean, std)."""
    tf = _tf()
    batch, height, width, channels = value.shape
    flat = value.reshape(batch, 1, height * width, channels)
    if not flat.shape[2]:  # no pixels: the kernel's statistics of nothing are NaN
        return _wrap(_np.full(shape, _np.nan, _np.float32))
    if noise == "uniform":
        low, high = flat.min(axis=2, keepdims=True), flat.max(axis=2, keepdims=True)
        u = tf.random.uniform(shape, dtype=_dt.float32)
        return _wrap(low) + _wrap(high - low) * u
    mean, std = flat.mean(axis=2, keepdims=True), flat.std(axis=2, keepdims=True)
    return _wrap(mean) + _wrap(std) * tf.random.normal(shape, dtype=_dt.float32)


# TF's colours when none are given: yellow, blue, red, lime, purple, grey, maroon,
# navy, aqua, fuchsia (RGBA).
_DEFAULT_COLORS = _np.array([
    [1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0.5, 0, 0.5, 1],
    [0.5, 0.5, 0, 1], [0.5, 0, 0, 1], [0, 0, 0.5, 1], [0, 1, 1, 1], [1, 0, 1, 1],
], _np.float32)  # fmt: skip


@_reads_values(floats=True)
def draw_bounding_boxes(
    images: _TensorLike,
    boxes: _TensorLike,
    colors: _TensorLike | None,
    name: str | None = None,
) -> _Tensor:
    """Draws the outline (one pixel wide) of each box ``[y_min, x_min, y_max, x_max]``
    (normalised) onto its image, box k in ``colors[k % len(colors)]``; inverted or
    wholly outside boxes are skipped, partly outside ones clipped.

    >>> import tapeflow as tf
    >>> img = tf.zeros([1, 4, 4, 1])
    >>> out = tf.image.draw_bounding_boxes(img, [[[0.0, 0.0, 1.0, 1.0]]], [[1.0, 0, 0, 1]])
    >>> out[0, :, :, 0].numpy().astype(int).tolist()
    [[1, 1, 1, 1], [1, 0, 0, 1], [1, 0, 0, 1], [1, 1, 1, 1]]
    """
    # Without colors TF runs the first kernel, with its default colour table.
    op = "DrawBoundingBoxesV2" if colors is not None else "DrawBoundingBoxes"
    inputs = (images, boxes) if colors is None else (images, boxes, colors)
    x = _drawn_images(images, inputs)
    canvas = _np.array(_host(x))  # drawn on the host, then put back in the image's library
    if x.dtype not in (_dt.float32, _dt.float16):
        raise _errors.InvalidArgumentError(
            None,
            None,
            _errors._attr_text("T", x.dtype.c_name, "float, half")
            + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature=images:T, "
            + ("boxes:float, colors:float" if colors is not None else "boxes:float")
            + " -> output:T; attr=T:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_HALF]> "
            f"[Op:{op}]" + ("" if colors is not None else " name: "),
        )
    box_values = _host(_kernel_input(boxes, _dt.float32, op, 1, inputs))
    table = None if colors is None else _host(_kernel_input(colors, _dt.float32, op, 2, inputs))
    _check_drawing(canvas.shape, box_values.shape, table, op)
    batch, height, width, depth = canvas.shape
    if table is None or table.size == 0:
        table = _DEFAULT_COLORS.copy()
        if depth == 1:
            table[:, 0] = 1
    for b in range(batch):
        for k, box in enumerate(box_values[b]):
            _draw_box(canvas[b], box, table[k % len(table)][:depth].astype(canvas.dtype), op)
    out = _wrap(_backend.same_place(canvas, x._value))
    # TF declares DrawBoundingBoxes not differentiable (no gradient, None) but registers
    # nothing for DrawBoundingBoxesV2 (a LookupError).
    return out if colors is None else _no_gradient(out, [x], op)


def _drawn_images(images, inputs: tuple) -> _Tensor:
    """The images as TF's generated wrapper converts them (T: float or half, float by
    default): its fast path makes a NumPy or Python value float32, but a list among
    the inputs sends the call through Python's conversion, where a NumPy value of an
    allowed dtype (half) keeps it."""
    if not isinstance(images, _Tensor) and any(isinstance(v, (list, tuple)) for v in inputs):
        natural = _as_tensor(images)
        if natural.dtype in (_dt.float16, _dt.float32):
            return natural
    return _raw_float(images)


def _check_drawing(image_shape: tuple, box_shape: tuple, table, op: str) -> None:
    """The kernel's checks of its inputs' shapes, in its order."""
    if len(image_shape) != 4:
        raise _fail("The rank of the images should be 4", op)
    if len(box_shape) != 3:
        raise _fail("The rank of the boxes tensor should be 3", op)
    if image_shape[0] != box_shape[0]:
        raise _fail("The batch sizes should be the same", op)
    if image_shape[3] not in (1, 3, 4):
        raise _fail("Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)", op)
    if box_shape[2] != 4:
        raise _fail(f"The size of the third dimension of the box must be 4. Received: "
                    f"{box_shape[2]}", op)  # fmt: skip
    if table is not None and table.ndim != 2:
        raise _fail(f"colors must be a 2-D matrix{_errors._shape_text(table.shape)}", op)
    if table is not None and table.shape[1] < image_shape[3]:
        raise _fail("colors must have equal or more channels than the image provided: "
                    f"{_errors._shape_text(table.shape)}", op)  # fmt: skip


def _int64(v) -> int:
    """A float32 cast to int64 as TF's CPU kernel casts it (NaN and out of range: INT64_MIN)."""
    v = float(v)
    return int(v) if -(2.0**63) <= v < 2.0**63 else -(2**63)


def _draw_box(image: _np.ndarray, box: _np.ndarray, color: _np.ndarray, op: str) -> None:
    """One box's outline on one [height, width, depth] image, step for step as TF's
    kernel: corners scaled in float32 and truncated to int64; an inverted or wholly
    outside box is skipped; on an empty image the clamped rows or columns fall
    below zero, the kernel's error."""
    height, width = image.shape[0], image.shape[1]
    f32 = _np.float32
    with _np.errstate(invalid="ignore", over="ignore"):
        top, bottom = (_int64(f32(box[i]) * f32(height - 1)) for i in (0, 2))
        left, right = (_int64(f32(box[i]) * f32(width - 1)) for i in (1, 3))
    if top > bottom or left > right:
        return  # inverted: TF warns and skips it
    if top >= height or bottom < 0 or left >= width or right < 0:
        return  # wholly outside
    r0, r1 = max(top, 0), min(bottom, height - 1)
    c0, c1 = max(left, 0), min(right, width - 1)
    for clamp, what in ((r1, "Max box row"), (c1, "Max box col")):
        if clamp < 0:
            raise _fail(f"{what} clamp is less than 0.", op)
    if top >= 0:
        image[top, c0 : c1 + 1] = color
    if bottom < height:
        image[bottom, c0 : c1 + 1] = color
    if left >= 0:
        image[r0 : r1 + 1, left] = color
    if right < width:
        image[r0 : r1 + 1, right] = color
