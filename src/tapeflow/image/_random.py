"""Random image augmentations, stateful (``random_*``, seeded by tf.random's rules)
and stateless (``stateless_random_*``, a function of ``seed``), composed as TF
composes them: one uniform draw (per image for batched flips) fed to the
deterministic op. The draws are tapeflow's streams, so the numbers differ from
TF's Philox ones; ranges, shapes, dtypes, seeding rules and errors are TF's.

sample_distorted_bounding_box follows TF's kernel: up to ``max_attempts`` crops
of random aspect ratio and area, the first covering enough of some box wins,
else the whole image.
"""

from __future__ import annotations

import math as _math

import numpy as _np

from .. import dtypes as _dt
from .. import errors as _errors
from .._dispatch import stateful as _stateful
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import convert_to_tensor as _convert_to_tensor
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ..arrays._common import _make_int as _attr_int
from ._core import _attr_bool, _attr_float, _tf


def _stateful_uniform(seed):
    def draw(shape, minval=0.0, maxval=1.0, dtype=_dt.float32):
        return _tf().random.uniform(shape, minval, maxval, dtype=dtype, seed=seed)

    return draw


def _stateless_uniform(seed):
    def draw(shape, minval=0.0, maxval=1.0, dtype=_dt.float32):
        return _tf().random.stateless_uniform(shape, seed, minval, maxval, dtype=dtype)

    return draw


def _flip(image, axis: int, draw) -> _Tensor:
    tf = _tf()
    image = _as_tensor(image)
    rank = image._value.ndim
    if rank < 3:
        raise ValueError(f"'image' (shape {image.shape}) must be at least three-dimensional.")
    if rank == 3:
        mirror = draw([]) < 0.5
        return tf.where(mirror, tf.reverse(image, [axis]), image)
    if rank == 4:
        batch = image._value.shape[0]
        flips = tf.cast(tf.round(tf.reshape(draw([batch]), [batch, 1, 1, 1])), image.dtype)
        return flips * tf.reverse(image, [axis + 1]) + (1 - flips) * image
    raise ValueError(f"'image' (shape {image.shape}) must have either 3 or 4 dimensions.")


def random_flip_left_right(image: _TensorLike, seed: int | None = None) -> _Tensor:
    """Mirrors the image left-right with probability 1/2 (each image of a batch on its
    own draw).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(4.0), [1, 4, 1])
    >>> out = tf.image.random_flip_left_right(image, seed=5)
    >>> out[0, :, 0].numpy().tolist() in ([0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 1.0, 0.0])
    True
    """
    return _flip(image, 1, _stateful_uniform(seed))


def random_flip_up_down(image: _TensorLike, seed: int | None = None) -> _Tensor:
    """Mirrors the image upside down with probability 1/2 (per image of a batch).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(4.0), [4, 1, 1])
    >>> out = tf.image.random_flip_up_down(image, seed=5)
    >>> out[:, 0, 0].numpy().tolist() in ([0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 1.0, 0.0])
    True
    """
    return _flip(image, 0, _stateful_uniform(seed))


def stateless_random_flip_left_right(image: _TensorLike, seed: _TensorLike) -> _Tensor:
    """``random_flip_left_right`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(6.0), [2, 3, 1])
    >>> a = tf.image.stateless_random_flip_left_right(image, seed=[1, 2])
    >>> b = tf.image.stateless_random_flip_left_right(image, seed=[1, 2])
    >>> bool(tf.reduce_all(a == b))
    True
    """
    return _flip(image, 1, _stateless_uniform(seed))


def stateless_random_flip_up_down(image: _TensorLike, seed: _TensorLike) -> _Tensor:
    """``random_flip_up_down`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(6.0), [3, 2, 1])
    >>> tf.image.stateless_random_flip_up_down(image, seed=[3, 4]).shape
    TensorShape([3, 2, 1])
    """
    return _flip(image, 0, _stateless_uniform(seed))


def _check_max_delta(max_delta, hue: bool = False) -> None:
    if hue and max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")


def _check_range(lower, upper) -> None:
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")


def random_brightness(image: _TensorLike, max_delta: float, seed: int | None = None) -> _Tensor:
    """Adds one delta drawn uniformly from ``[-max_delta, max_delta)`` to every pixel.

    >>> import tapeflow as tf
    >>> out = tf.image.random_brightness(tf.zeros([2, 2, 1]), 0.2, seed=1)
    >>> bool(tf.reduce_all(tf.abs(out) <= 0.2)), float(tf.math.reduce_std(out))
    (True, 0.0)
    """
    _check_max_delta(max_delta)
    delta = _stateful_uniform(seed)([], -max_delta, max_delta)
    return _tf().image.adjust_brightness(image, delta)


def stateless_random_brightness(image: _TensorLike, max_delta: float, seed: _TensorLike) -> _Tensor:
    """``random_brightness`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> out = tf.image.stateless_random_brightness(tf.zeros([2, 2, 1]), 0.2, seed=[1, 2])
    >>> bool(tf.reduce_all(tf.abs(out) <= 0.2))
    True
    """
    _check_max_delta(max_delta)
    delta = _stateless_uniform(seed)([], -max_delta, max_delta)
    return _tf().image.adjust_brightness(image, delta)


def random_contrast(
    image: _TensorLike, lower: float, upper: float, seed: int | None = None
) -> _Tensor:
    """``adjust_contrast`` by a factor drawn uniformly from ``[lower, upper)``.

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(8.0), [2, 2, 2])
    >>> tf.image.random_contrast(image, 0.5, 1.5, seed=2).shape
    TensorShape([2, 2, 2])
    """
    _check_range(lower, upper)
    factor = _stateful_uniform(seed)([], lower, upper)
    return _tf().image.adjust_contrast(image, factor)


def stateless_random_contrast(
    image: _TensorLike, lower: float, upper: float, seed: _TensorLike
) -> _Tensor:
    """``random_contrast`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(8.0), [2, 2, 2])
    >>> tf.image.stateless_random_contrast(image, 0.5, 1.5, seed=[1, 2]).shape
    TensorShape([2, 2, 2])
    """
    _check_range(lower, upper)
    factor = _stateless_uniform(seed)([], lower, upper)
    return _tf().image.adjust_contrast(image, factor)


def random_saturation(
    image: _TensorLike, lower: float, upper: float, seed: int | None = None
) -> _Tensor:
    """``adjust_saturation`` of an RGB image by a factor drawn from ``[lower, upper)``.

    >>> import tapeflow as tf
    >>> image = tf.fill([2, 2, 3], 0.5)
    >>> float(tf.reduce_max(tf.image.random_saturation(image, 0.5, 1.5, seed=2)))
    0.5
    """
    _check_range(lower, upper)
    factor = _stateful_uniform(seed)([], lower, upper)
    return _tf().image.adjust_saturation(image, factor)


def stateless_random_saturation(
    image: _TensorLike, lower: float, upper: float, seed: _TensorLike = None
) -> _Tensor:
    """``random_saturation`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.fill([2, 2, 3], 0.5)
    >>> tf.image.stateless_random_saturation(image, 0.5, 1.5, seed=[1, 2]).shape
    TensorShape([2, 2, 3])
    """
    _check_range(lower, upper)
    factor = _stateless_uniform(seed)([], lower, upper)
    return _tf().image.adjust_saturation(image, factor)


def random_hue(image: _TensorLike, max_delta: float, seed: int | None = None) -> _Tensor:
    """``adjust_hue`` of an RGB image by a delta drawn from ``[-max_delta, max_delta)``
    (``max_delta`` at most 0.5).

    >>> import tapeflow as tf
    >>> image = tf.fill([2, 2, 3], 0.5)
    >>> tf.image.random_hue(image, 0.2, seed=2).shape
    TensorShape([2, 2, 3])
    """
    _check_max_delta(max_delta, hue=True)
    delta = _stateful_uniform(seed)([], -max_delta, max_delta)
    return _tf().image.adjust_hue(image, delta)


def stateless_random_hue(image: _TensorLike, max_delta: float, seed: _TensorLike) -> _Tensor:
    """``random_hue`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.fill([2, 2, 3], 0.5)
    >>> tf.image.stateless_random_hue(image, 0.2, seed=[1, 2]).shape
    TensorShape([2, 2, 3])
    """
    _check_max_delta(max_delta, hue=True)
    delta = _stateless_uniform(seed)([], -max_delta, max_delta)
    return _tf().image.adjust_hue(image, delta)


def _crop(value, size, draw) -> _Tensor:
    tf = _tf()
    value = _as_tensor(value)
    size = _np.asarray(_convert_to_tensor(size, dtype=_dt.int32)._value)
    shape = _np.asarray(value._value.shape, _np.int64)
    if size.shape != shape.shape:
        raise _errors.InvalidArgumentError(
            None, None, f"Incompatible shapes: [{shape.size}] vs. [{size.size}] "
            "[Op:GreaterEqual] name: "
        )  # fmt: skip
    if not (shape >= size).all():
        raise _errors.InvalidArgumentError(
            None, None, "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
            "Summarized data: b'Need value.shape >= size, got '\n"
            + ", ".join(str(int(d)) for d in shape) + "\n"
            + ", ".join(str(int(d)) for d in size)
        )  # fmt: skip
    limit = _wrap((shape - size + 1).astype(_np.int32))
    offset = draw([shape.size], 0, _np.iinfo(_np.int32).max, _dt.int32) % limit
    return tf.slice(value, offset, size.tolist())


def random_crop(
    value: _TensorLike, size: _TensorLike, seed: int | None = None, name: str | None = None
) -> _Tensor:
    """A ``size``-shaped slice of ``value`` at a uniformly random offset (any rank).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(16.0), [4, 4, 1])
    >>> tf.image.random_crop(image, [2, 3, 1], seed=1).shape
    TensorShape([2, 3, 1])
    """
    return _crop(value, size, _stateful_uniform(seed))


def stateless_random_crop(
    value: _TensorLike, size: _TensorLike, seed: _TensorLike, name: str | None = None
) -> _Tensor:
    """``random_crop`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> image = tf.reshape(tf.range(16.0), [4, 4, 1])
    >>> tf.image.stateless_random_crop(image, [2, 2, 1], seed=[1, 2]).shape
    TensorShape([2, 2, 1])
    """
    return _crop(value, size, _stateless_uniform(seed))


# -- sample_distorted_bounding_box ------------------------------------------------------

_SIGNATURES = {
    "SampleDistortedBoundingBoxV2": (
        "image_size:T, bounding_boxes:float, min_object_covered:float -> begin:T, size:T, "
        "bboxes:float; attr=T:type,allowed=[DT_UINT8, DT_INT8, DT_INT16, DT_INT32, DT_INT64]; "
        "attr=seed:int,default=0; attr=seed2:int,default=0; attr=aspect_ratio_range:list(float),"
        "default=[0.75, 1.33]; attr=area_range:list(float),default=[0.05, 1]; "
        "attr=max_attempts:int,default=100; attr=use_image_if_no_bounding_boxes:bool,"
        "default=false; is_stateful=true"
    ),
    "StatelessSampleDistortedBoundingBox": (
        "image_size:T, bounding_boxes:float, min_object_covered:float, seed:Tseed -> begin:T, "
        "size:T, bboxes:float; attr=T:type,allowed=[DT_UINT8, DT_INT8, DT_INT16, DT_INT32, "
        "DT_INT64]; attr=Tseed:type,allowed=[DT_INT32, DT_INT64]; "
        "attr=aspect_ratio_range:list(float),default=[0.75, 1.33]; attr=area_range:list(float),"
        "default=[0.05, 1]; attr=max_attempts:int,default=100; "
        "attr=use_image_if_no_bounding_boxes:bool,default=false"
    ),
}


def _lrint(x: float) -> int:
    return int(_np.rint(_np.float32(x)))


def _random_crop_rect(rng, width: int, height: int, area_range, ratio: float):
    """TF's GenerateRandomCrop: a crop [x0, y0, x1, y1] of about the drawn aspect ratio
    with an area in the range, or None."""
    lo, hi = float(area_range[0]), float(area_range[1])
    if hi <= 0 or ratio <= 0 or width <= 0 or height <= 0 or lo > hi:
        return None
    f = _np.float32
    min_area = f(lo) * f(width) * f(height)
    max_area = f(hi) * f(width) * f(height)
    rows = _lrint(_math.sqrt(min_area / f(ratio)))
    max_rows = _lrint(_math.sqrt(max_area / f(ratio)))
    if _lrint(max_rows * f(ratio)) > width:
        max_rows = int((width + 0.5 - 1e-7) / f(ratio))
        if _lrint(max_rows * f(ratio)) > width:
            max_rows -= 1
    max_rows = min(max_rows, height)
    rows = min(rows, max_rows)
    if rows < max_rows:
        rows += int(rng.integers(0, max_rows - rows + 1))
    cols = _lrint(rows * f(ratio))
    area = f(cols * rows)
    if area < min_area:
        rows += 1
        cols = _lrint(rows * f(ratio))
        area = f(cols * rows)
    if area > max_area:
        rows -= 1
        cols = _lrint(rows * f(ratio))
        area = f(cols * rows)
    if area < min_area or area > max_area or cols > width or rows > height:
        return None
    if cols <= 0 or rows <= 0:
        return None
    y = int(rng.integers(0, height - rows)) if rows < height else 0
    x = int(rng.integers(0, width - cols)) if cols < width else 0
    return x, y, x + cols, y + rows


def _area(r) -> int:
    return max(r[2] - r[0], 0) * max(r[3] - r[1], 0)


def _covers(crop, boxes, min_covered: float) -> bool:
    if _area(crop) < 1:
        return False
    for box in boxes:
        if _area(box) < 1:
            continue
        inter = (max(crop[0], box[0]), max(crop[1], box[1]),
                 min(crop[2], box[2]), min(crop[3], box[3]))  # fmt: skip
        if _area(inter) / _area(box) >= min_covered:
            return True
    return False


def _float_list_attr(value, name: str, wrapper: str, default: list) -> list:
    """A list(float) attribute as TF's generated wrapper's Python path reads it."""
    if value is None:
        return default
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{wrapper}' Op, not {value!r}.")
    return [_attr_float(v, name) for v in value]


def _fast_path(inputs: tuple, ratios, areas, attempts, use_image) -> bool:
    """Whether TF's eager fast path runs the op: every input convertible as it is (no
    Python list, no None) and every attribute of its exact Python type (list(float):
    Python floats; an int or NumPy float32 in it sends the call through Python)."""
    if any(v is None or isinstance(v, (list, tuple)) for v in inputs):
        return False
    for value in (ratios, areas):
        if value is not None and not (
            isinstance(value, (list, tuple)) or (isinstance(value, _np.ndarray) and value.ndim == 1)
        ):
            return False
        if value is not None and not all(isinstance(v, float) for v in value):
            return False
    if attempts is not None and not isinstance(attempts, (int, _np.integer)):
        return False
    return use_image is None or isinstance(use_image, bool)


def _distorted_box(rng, image_size, bounding_boxes, min_object_covered, aspect_ratio_range,
                   area_range, max_attempts, use_image_if_no_bounding_boxes, op,
                   key=None):  # fmt: skip
    """The op's result, its arguments checked in TF's order: the wrapper's (on its
    Python path), the dtype attributes, the inputs' dtypes (fast path), the kernel's
    attributes, then its inputs. ``key`` is the stateless op's seed input."""

    def fail(message: str):
        return _errors._op_error(message, op, None)

    wrapper = {"SampleDistortedBoundingBoxV2": "sample_distorted_bounding_box_v2",
               "StatelessSampleDistortedBoundingBox": "stateless_sample_distorted_bounding_box"}[op]  # fmt: skip
    inputs = (image_size, bounding_boxes, min_object_covered) + (() if key is None else (key,))
    fast = _fast_path(inputs, aspect_ratio_range, area_range, max_attempts,
                      use_image_if_no_bounding_boxes)  # fmt: skip
    use_image = use_image_if_no_bounding_boxes
    if fast:
        ratios = (
            [0.75, 1.33] if aspect_ratio_range is None else [float(v) for v in aspect_ratio_range]
        )
        areas = [0.05, 1.0] if area_range is None else [float(v) for v in area_range]
        attempts = 100 if max_attempts is None else int(max_attempts)
    else:
        ratios = _float_list_attr(aspect_ratio_range, "aspect_ratio_range", wrapper, [0.75, 1.33])
        areas = _float_list_attr(area_range, "area_range", wrapper, [0.05, 1.0])
        attempts = 100 if max_attempts is None else _attr_int(max_attempts, "max_attempts")
        if use_image is not None:
            _attr_bool(use_image, "use_image_if_no_bounding_boxes")
    # The inputs: the fast path hands a tensor of another dtype to the op (its error
    # below); Python's path converts each in turn (convert_to_tensor's errors).
    size_t = _as_tensor(image_size)

    def converted(x, dtype):
        if fast and isinstance(x, _Tensor):
            return x
        return _convert_to_tensor(x, dtype=dtype)

    boxes_t = converted(bounding_boxes, _dt.float32)
    covered_t = converted(min_object_covered, _dt.float32)
    key_t = None if key is None else _as_tensor(key)
    size = _np.asarray(size_t._value)
    if size.dtype.kind not in "iu" or size.dtype in (_np.uint16, _np.uint32, _np.uint64):
        raise _errors.InvalidArgumentError(
            None, None, _errors._attr_text("T", _dt.as_dtype(size.dtype).c_name,
                                           "uint8, int8, int16, int32, int64")
            + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature=" + _SIGNATURES[op]
            + f"> [Op:{op}]"
        )  # fmt: skip
    if key_t is not None and key_t.dtype not in (_dt.int32, _dt.int64):
        raise _errors.InvalidArgumentError(
            None, None, _errors._attr_text("Tseed", key_t.dtype.c_name, "int32, int64")
            + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}]"
        )  # fmt: skip
    for position, tensor in ((1, boxes_t), (2, covered_t)):
        if tensor.dtype != _dt.float32:
            raise _errors._dtype_mismatch(op, position, _np.dtype(_np.float32), tensor._value.dtype)
    # list(float) attributes: float32 in the kernel (1e-300 is 0 there).
    with _np.errstate(over="ignore"):
        ratios = [float(_np.float32(v)) for v in ratios]
        areas = [float(_np.float32(v)) for v in areas]
    # The kernel checks its attributes first, then its inputs.
    if not -(2**31) <= attempts < 2**31:
        raise fail(f"Attr max_attempts has value {attempts} out of range for an int32")
    if len(ratios) != 2:
        raise fail("Aspect ratio range field must specify 2 dimensions")
    if not (ratios[0] > 0 and ratios[1] > 0):
        raise fail(f"Aspect ratio range must be non-negative: [{ratios[0]:g}, {ratios[1]:g}]")
    if len(areas) != 2:
        raise fail("Area range field must specify 2 dimensions")
    if not (areas[0] > 0 and areas[1] > 0):
        raise fail(f"Area range must be non-negative: [{areas[0]:g}, {areas[1]:g}]")
    if not (areas[0] <= 1 and areas[1] <= 1):
        raise fail(f"Area range must be less then or equal to 1.0: [{areas[0]:g}, {areas[1]:g}]")
    if attempts <= 0:
        raise fail(f"Max attempts must be non-negative: {attempts}")
    shape = _errors._shape_text
    if key_t is not None and key_t._value.shape != (2,):
        raise _errors._op_error(
            f"seed must have shape [2], not {shape(key_t._value.shape)}", op, None
        )
    if size.ndim != 1:
        raise fail(f"image_size must be 1-dimensional{shape(size.shape)}")
    if size.shape[0] != 3:
        raise fail(f"image_size must contain 3 elements{shape(size.shape)}")
    height, width = int(size[0]), int(size[1])
    for extent, what in ((height, "height"), (width, "width")):
        if not 0 <= extent < 2**31 - 1:
            raise fail(f"image {what} cannot be >= int32 max")
    boxes = _np.asarray(boxes_t._value)
    if boxes.ndim != 3:
        raise fail(f"input boxes must be 3-dimensional [batch, num_boxes, coords]: "
                   f"{shape(boxes.shape)}")  # fmt: skip
    if boxes.shape[-1] != 4:
        raise fail(f"bounding boxes must have shape [4] or [*, 4], got {shape(boxes.shape)}")
    covered_value = _np.asarray(covered_t._value)
    if covered_value.ndim != 0:
        raise fail(f"min_object_covered must be 0-D, got shape {shape(covered_value.shape)}")
    covered = float(covered_value)
    if not covered >= 0:
        raise fail(f"Min object covered must be non-negative: {covered:g}")
    for value in boxes.reshape(-1):
        if not 0.0 <= value <= 1.0:
            raise fail(f"All bounding box coordinates must be in [0.0, 1.0]: {value:g}")
    if rng is None:  # the stateless op's generator, from its checked seed
        rng = _stateless_rng(key_t)
    rects = [(int(_np.float32(b[1]) * width), int(_np.float32(b[0]) * height),
              int(_np.float32(b[3]) * width), int(_np.float32(b[2]) * height))
             for b in boxes.reshape(-1, 4)]  # fmt: skip
    if not rects:
        if not use_image_if_no_bounding_boxes:
            raise _errors._op_error(
                "No bounding boxes provided as input. One must enable "
                "use_image_if_no_bounding_boxes if you wish to not provide any bounding boxes.",
                op, None,
            )  # fmt: skip
        rects = [(0, 0, width, height)]
    crop = None
    for _ in range(attempts):
        ratio = float(_np.float32(rng.random()) * _np.float32(ratios[1] - ratios[0])
                      + _np.float32(ratios[0]))  # fmt: skip
        candidate = _random_crop_rect(rng, width, height, areas, ratio)
        if candidate is not None and _covers(candidate, rects, covered):
            crop = candidate
            break
    if crop is None:
        crop = (0, 0, width, height)
    dtype = size.dtype  # the size's -1 wraps in an unsigned type (uint8: 255), as in TF
    begin = _np.array([crop[1], crop[0], 0], _np.int64).astype(dtype)
    extent = _np.array([crop[3] - crop[1], crop[2] - crop[0], -1], _np.int64).astype(dtype)
    corners = _np.array([[[crop[1], crop[0], crop[3], crop[2]]]], _np.float32)
    with _np.errstate(invalid="ignore", divide="ignore"):  # an empty image: 0 / 0 is NaN in TF
        box = corners / _np.array([height, width, height, width], _np.float32)
    return _wrap(begin), _wrap(extent), _wrap(box)


@_stateful
def sample_distorted_bounding_box(
    image_size: _TensorLike,
    bounding_boxes: _TensorLike,
    seed: int = 0,
    min_object_covered: float = 0.1,
    aspect_ratio_range: tuple[float, float] | None = None,
    area_range: tuple[float, float] | None = None,
    max_attempts: int | None = None,
    use_image_if_no_bounding_boxes: bool | None = None,
    name: str | None = None,
) -> tuple[_Tensor, _Tensor, _Tensor]:
    """A random crop for augmentation: ``(begin, size, bboxes)`` for ``tf.slice`` and
    the crop as a normalised box ``[1, 1, 4]``. Up to ``max_attempts`` (100) crops of
    aspect ratio in ``aspect_ratio_range`` (0.75-1.33) and area fraction in
    ``area_range`` (0.05-1) are tried; the first covering at least
    ``min_object_covered`` of some box in ``bounding_boxes`` ``[batch, N, 4]`` wins,
    else the whole image. ``seed=0`` draws unseeded numbers, as in TF.

    >>> import tapeflow as tf
    >>> begin, size, box = tf.image.sample_distorted_bounding_box(
    ...     [40, 30, 3], [[[0.1, 0.1, 0.9, 0.9]]], seed=3, min_object_covered=0.5)
    >>> begin.shape, size.shape, box.shape, int(size[2])
    (TensorShape([3]), TensorShape([3]), TensorShape([1, 1, 4]), -1)
    """
    if seed:
        from ..random._seeds import _next_seed_generator

        rng = _next_seed_generator(seed)
    else:
        from ..config import _settings

        if _settings["determinism"]:
            raise ValueError(
                "tf.image.sample_distorted_bounding_box requires a non-zero seed to be passed "
                "in when determinism is enabled, but got seed=0. Please pass in a non-zero "
                'seed, e.g. by passing "seed=1".'
            )
        rng = _np.random.default_rng()
    return _distorted_box(rng, image_size, bounding_boxes, min_object_covered,
                          aspect_ratio_range, area_range, max_attempts,
                          use_image_if_no_bounding_boxes,
                          "SampleDistortedBoundingBoxV2")  # fmt: skip


@_stateful
def stateless_sample_distorted_bounding_box(
    image_size: _TensorLike,
    bounding_boxes: _TensorLike,
    seed: _TensorLike,
    min_object_covered: float = 0.1,
    aspect_ratio_range: tuple[float, float] | None = None,
    area_range: tuple[float, float] | None = None,
    max_attempts: int | None = None,
    use_image_if_no_bounding_boxes: bool | None = None,
    name: str | None = None,
) -> tuple[_Tensor, _Tensor, _Tensor]:
    """``sample_distorted_bounding_box`` as a function of ``seed`` (shape [2]).

    >>> import tapeflow as tf
    >>> a = tf.image.stateless_sample_distorted_bounding_box(
    ...     [40, 30, 3], [[[0.1, 0.1, 0.9, 0.9]]], seed=[1, 2])
    >>> b = tf.image.stateless_sample_distorted_bounding_box(
    ...     [40, 30, 3], [[[0.1, 0.1, 0.9, 0.9]]], seed=[1, 2])
    >>> a[0].numpy().tolist() == b[0].numpy().tolist()
    True
    """
    return _distorted_box(None, image_size, bounding_boxes, min_object_covered,
                          aspect_ratio_range, area_range, max_attempts,
                          use_image_if_no_bounding_boxes,
                          "StatelessSampleDistortedBoundingBox", key=seed)  # fmt: skip


def _stateless_rng(key: _Tensor):
    """tf.random's stateless stream for a [2] seed (its tag 2), as stateless_uniform uses."""
    from ..random._seeds import _rng

    k = _np.asarray(key._value)
    return _rng([2, int(k[0]) & (2**64 - 1), int(k[1]) & (2**64 - 1)])
