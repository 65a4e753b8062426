"""The differential fuzzer's block for ``tf.image`` and ``tf.random`` (issue 14).

``tools/fuzz_against_tf.py`` takes its ops from ``tests/op_inventory.public_ops()``,
which covers ``tf``, ``tf.math``, ``tf.linalg`` and ``tf.nn`` only. This module adds:

* every ``tf.image`` op tapeflow has (the string codecs aside: tapeflow has no ops on
  strings): adjustments, flips, rotations and transposes, crops, pads and every resize
  method, colour conversions, psnr, ssim and ssim_multiscale, total_variation,
  sobel_edges, image_gradients, per_image_standardization, the non-max-suppression
  family, crop_and_resize, extract_patches, extract_glimpse, draw_bounding_boxes,
  convert_image_dtype, generate_bounding_box_proposals and the random augmentations;
* ``tf.random``'s stateless ops (uniform, normal, truncated_normal, categorical, gamma,
  poisson, binomial, parameterized_truncated_normal), ``fold_in``, ``split``,
  ``create_rng_state``, the candidate samplers and the stateful draws.

Arguments are drawn by parameter name from this module's own table (images of rank 2
to 5 with 1 to 4 channels in image dtypes, boxes in and past [0, 1], box indices,
crop sizes, output sizes, thresholds, seed pairs of every form, resize methods...),
so the ops of the main table draw exactly what they drew before.

TensorFlow's random numbers are Philox streams that tapeflow does not reproduce
(docs/deviations.md), so for the ops in ``STRUCTURE_ONLY`` (and ``extract_glimpse``
with random noise) only what TF guarantees is compared: which calls raise and with
which class, and the outputs' and gradients' count, dtypes and shapes.
``create_rng_state`` and ``all_candidate_sampler`` are deterministic: their values are
compared too.

The main fuzzer calls ``install(module)`` with itself, so this block reuses its
``Value``, ``values`` and ``DTypeArg`` without importing it a second time.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
from hypothesis import strategies as st

IMAGE_OPS = [
    "adjust_brightness", "adjust_contrast", "adjust_gamma", "adjust_hue", "adjust_saturation",
    "central_crop", "combined_non_max_suppression", "convert_image_dtype", "crop_and_resize",
    "crop_to_bounding_box", "draw_bounding_boxes", "extract_glimpse", "extract_patches",
    "flip_left_right", "flip_up_down", "generate_bounding_box_proposals", "grayscale_to_rgb",
    "hsv_to_rgb", "image_gradients", "non_max_suppression", "non_max_suppression_overlaps",
    "non_max_suppression_padded", "non_max_suppression_with_scores", "pad_to_bounding_box",
    "per_image_standardization", "psnr", "random_brightness", "random_contrast", "random_crop",
    "random_flip_left_right", "random_flip_up_down", "random_hue", "random_saturation",
    "resize", "resize_with_crop_or_pad", "resize_with_pad", "rgb_to_grayscale", "rgb_to_hsv",
    "rgb_to_yiq", "rgb_to_yuv", "rot90", "sample_distorted_bounding_box", "sobel_edges",
    "ssim", "ssim_multiscale", "stateless_random_brightness", "stateless_random_contrast",
    "stateless_random_crop", "stateless_random_flip_left_right",
    "stateless_random_flip_up_down", "stateless_random_hue", "stateless_random_saturation",
    "stateless_sample_distorted_bounding_box", "total_variation", "transpose", "yiq_to_rgb",
    "yuv_to_rgb",
]  # fmt: skip
RANDOM_OPS = [
    "stateless_uniform", "stateless_normal", "stateless_truncated_normal",
    "stateless_categorical", "stateless_gamma", "stateless_poisson", "stateless_binomial",
    "stateless_parameterized_truncated_normal", "fold_in", "split", "create_rng_state",
    "all_candidate_sampler", "uniform_candidate_sampler", "log_uniform_candidate_sampler",
    "fixed_unigram_candidate_sampler", "learned_unigram_candidate_sampler", "uniform",
    "normal", "truncated_normal", "categorical", "gamma", "poisson", "shuffle",
]  # fmt: skip
OPS = [f"tf.image.{n}" for n in IMAGE_OPS] + [f"tf.random.{n}" for n in RANDOM_OPS]

# Values drawn from TF's Philox streams (or tapeflow's own): compare errors, dtypes and
# shapes only.
_DETERMINISTIC = {"tf.random.create_rng_state", "tf.random.all_candidate_sampler"}
STRUCTURE_ONLY = {p for p in OPS if ".random" in p or "random_" in p or "sample_dist" in p}
STRUCTURE_ONLY -= _DETERMINISTIC

NEVER_DRAWN = {"name", "vocab_file"}
IMAGE_DTYPES = ["float32"] * 6 + ["float64", "float16", "uint8", "uint8", "int32", "uint16",
                                  "int8", "int16", "int64"]  # fmt: skip
RANK4_OPS = {"crop_and_resize", "draw_bounding_boxes", "extract_glimpse", "extract_patches",
             "image_gradients", "sobel_edges"}  # fmt: skip
RGB_OPS = {"adjust_hue", "adjust_saturation", "hsv_to_rgb", "rgb_to_hsv", "rgb_to_yiq",
           "rgb_to_yuv", "yiq_to_rgb", "yuv_to_rgb", "rgb_to_grayscale", "random_hue",
           "random_saturation", "stateless_random_hue", "stateless_random_saturation"}  # fmt: skip
RESIZE_METHODS = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian",
                  "mitchellcubic", "BILINEAR", "bad"]  # fmt: skip

fz = None  # the main fuzzer module, set by install()


def install(module):
    """Hand this block the main fuzzer's helpers; returns the op names it adds."""
    global fz
    fz = module
    return OPS


def is_structure_only(path: str, kwargs: dict) -> bool:
    """Whether only errors, dtypes and shapes of this call are comparable."""
    if path in STRUCTURE_ONLY:
        return True
    # Glimpses past the image's edge are filled with random noise unless noise="zero".
    return path == "tf.image.extract_glimpse" and kwargs.get("noise", "uniform") != "zero"


# -- values -------------------------------------------------------------------------


def _array(draw, dtype: str, shape: tuple, low: float = 0.0, high: float = 1.0):
    """An image-like array: in [low, high] (scaled to the integer range for integer
    dtypes), or now and then the main table's values with NaN, Inf and extremes."""
    seed = draw(st.integers(0, 2**32 - 1))
    if dtype not in fz.FLOATS + fz.INTS or draw(st.integers(0, 5)) == 0:
        special = draw(st.sampled_from([0.0, 0.15, 0.5, 1.0]))
        return fz.random_array(dtype, shape, seed, special)
    rng = np.random.default_rng(seed)
    if dtype in fz.INTS:
        top = min(int(np.iinfo(dtype).max), 255 if draw(st.booleans()) else 2**31 - 1)
        return rng.integers(0, top, size=shape, endpoint=True).astype(dtype)
    return rng.uniform(low, high, size=shape).astype(dtype)


def _value(draw, array, forms=("tensor", "tensor", "tensor", "ndarray", "list")):
    if array.ndim == 0:
        forms = tuple(forms) + ("npscalar", "pyscalar")
    return fz.Value(array, draw(st.sampled_from(forms)))


def _image(draw, op: str, context: dict):
    first = context.get("image")
    if first is not None and draw(st.integers(0, 5)):  # img2 / b: like img1 / a
        shape = first.array.shape
        dtype = first.dtype
        if draw(st.integers(0, 6)) == 0:
            shape = shape[1:]
        if draw(st.integers(0, 8)) == 0:
            dtype = draw(st.sampled_from(IMAGE_DTYPES))
        return _value(draw, _array(draw, dtype, shape))
    if op in RANK4_OPS:
        rank = draw(st.sampled_from([4] * 8 + [3, 5]))
    else:
        rank = draw(st.sampled_from([3, 3, 3, 4, 4, 4, 2, 5]))
    if op == "grayscale_to_rgb":
        channels = draw(st.sampled_from([1, 1, 1, 3]))
    elif op in RGB_OPS:
        channels = draw(st.sampled_from([3, 3, 3, 3, 1, 4]))
    else:
        channels = draw(st.sampled_from([1, 3, 4, 3, 2]))
    big = op.startswith("ssim")
    side = st.integers(1, 24 if big else 6) if draw(st.integers(0, 9)) else st.integers(0, 2)
    height, width = draw(side), draw(side)
    batch = draw(st.sampled_from([1, 2, 1, 0])) if rank >= 4 else None
    shape = {2: (height, width), 3: (height, width, channels),
             4: (batch, height, width, channels),
             5: (2, batch, height, width, channels)}[rank]  # fmt: skip
    if math.prod(shape) > (4000 if big else 400):
        shape = (1,) * (rank - 1) + (channels,)
    if draw(st.integers(0, 25)) == 0:
        dtype = draw(st.sampled_from(fz.ALL_DTYPES))
    else:
        dtype = draw(st.sampled_from(IMAGE_DTYPES))
    value = _value(draw, _array(draw, dtype, shape))
    context["image"] = value
    return value


def _floats(draw, lo: float, hi: float, extra=(math.nan,)):
    """A float scalar: Python, NumPy or a 0-d tensor; now and then a vector or special."""
    x = draw(st.one_of(st.floats(lo, hi), st.floats(lo, hi), st.sampled_from(list(extra))))
    form = draw(st.sampled_from(["py", "py", "py", "tensor", "np", "vector", "int"]))
    if form == "py":
        return x
    if form == "int":
        return int(x) if math.isfinite(x) else x
    dtype = draw(st.sampled_from(["float32", "float32", "float64", "float16", "int32"]))
    with np.errstate(all="ignore"):
        array = np.array(x).astype(dtype)
        if form == "vector":
            array = np.array([x, x * 0.5]).astype(dtype)
    return fz.Value(
        array, "tensor" if form != "np" else "npscalar" if array.ndim == 0 else "ndarray"
    )


def _ints(draw, lo: int, hi: int, extra=(-1, 2**31)):
    x = draw(st.one_of(st.integers(lo, hi), st.integers(lo, hi), st.sampled_from(list(extra))))
    form = draw(st.sampled_from(["py", "py", "py", "tensor", "np", "float"]))
    if form == "py":
        return x
    if form == "float":
        return float(x)
    dtype = "int64" if abs(x) >= 2**31 else draw(st.sampled_from(["int32", "int64"]))
    return fz.Value(np.array(x, dtype=dtype), "tensor" if form == "tensor" else "npscalar")


def _int_vector(draw, length: int, lo: int, hi: int):
    """A list, tuple or int tensor of ``length`` ints (sometimes one too many or few)."""
    if draw(st.integers(0, 12)) == 0:
        length = max(0, length + draw(st.sampled_from([-1, 1])))
    items = [draw(st.one_of(st.integers(lo, hi), st.integers(lo, hi), st.just(-1)))
             for _ in range(length)]  # fmt: skip
    form = draw(st.sampled_from(["list", "list", "tuple", "tensor", "ndarray"]))
    if form == "list":
        return items
    if form == "tuple":
        return tuple(items)
    dtype = draw(st.sampled_from(["int32", "int64", "int32", "float32"]))
    return fz.Value(np.array(items, dtype=dtype), form)


def _seed_pair(draw):
    """A stateless seed: mostly two ints, in every form TF accepts, and a few it rejects."""
    kind = draw(st.sampled_from(["list"] * 4 + ["tuple", "tensor", "tensor", "ndarray",
                                                "int", "three", "float", "none"]))  # fmt: skip
    one = st.one_of(st.integers(-3, 2**20), st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**62]))
    a, b = draw(one), draw(one)
    if kind == "list":
        return [a, b]
    if kind == "tuple":
        return (a, b)
    if kind == "int":
        return a
    if kind == "none":
        return None
    if kind == "three":
        return [a, b, 1]
    if kind == "float":
        return fz.Value(np.array([a, b], dtype="float32"), "tensor")
    dtype = draw(st.sampled_from(["int32", "int64", "uint32"]))
    with np.errstate(all="ignore"):
        array = np.array([a, b], dtype=np.int64).astype(dtype)
    return fz.Value(array, kind)


def _boxes(draw, shape: tuple, spread: float = 1.2):
    """Boxes [y1, x1, y2, x2] in and a little past [0, 1], flipped now and then."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    array = rng.uniform(-0.2, spread, size=shape).astype("float32")
    if draw(st.integers(0, 8)) == 0:
        dtype = draw(st.sampled_from(["float64", "float16", "int32", "float32"]))
        array = array.astype(dtype)
    if draw(st.integers(0, 10)) == 0 and array.size:
        array.flat[0] = np.nan
    return _value(draw, array)


def _scores(draw, shape: tuple):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    array = rng.uniform(-0.5, 1.0, size=shape).astype("float32")
    if draw(st.integers(0, 4)) == 0 and array.size:
        array[...] = np.round(array * 2) / 2  # ties
    if draw(st.integers(0, 12)) == 0:
        array = array.astype(draw(st.sampled_from(["float64", "float16", "int32"])))
    return _value(draw, array)


def _shape(draw):
    """An output shape of a random op (at most 64 elements)."""
    dims = draw(fz.small_shapes(3))
    form = draw(st.sampled_from(["list", "list", "tuple", "tensor", "bad"]))
    if form == "list":
        return list(dims)
    if form == "tuple":
        return dims
    if form == "bad":
        return draw(st.sampled_from([[-1, 2], [2.5], [[2]], "x", None, [2**40]]))
    dtype = draw(st.sampled_from(["int32", "int64"]))
    return fz.Value(np.array(dims, dtype=dtype).reshape(-1), "tensor")


def _parameter(draw, context: dict, low=-1.0, high=3.0, dtypes=("float32", "float64")):
    """A distribution parameter: a scalar or an array broadcastable to (or as big as)
    a small shape."""
    shape = draw(st.sampled_from([(), (), (), (1,), (2,), (3,), (2, 1)]))
    dtype = draw(st.sampled_from(list(dtypes) + ["float16", "int32"]))
    seed = draw(st.integers(0, 2**32 - 1))
    if draw(st.integers(0, 6)) == 0:
        array = fz.random_array(dtype, shape, seed, 0.5)
    else:
        rng = np.random.default_rng(seed)
        with np.errstate(all="ignore"):
            array = rng.uniform(low, high, size=shape).astype(dtype)
    return _value(draw, array)


def _dtype(draw, choices):
    if draw(st.integers(0, 6)) == 0:
        return draw(st.one_of(st.none(), st.sampled_from(fz.ALL_DTYPES).map(fz.DTypeArg)))
    return fz.DTypeArg(draw(st.sampled_from(choices)))


FLOAT_RANGES = {
    "delta": (-1.5, 1.5), "contrast_factor": (-2.0, 3.0), "gamma": (-1.0, 3.0),
    "gain": (-1.0, 3.0), "saturation_factor": (-1.0, 3.0), "central_fraction": (-0.5, 1.5),
    "iou_threshold": (-0.2, 1.2), "score_threshold": (-0.5, 1.0),
    "overlap_threshold": (-0.2, 1.2), "soft_nms_sigma": (-0.5, 1.0),
    "extrapolation_value": (-2.0, 2.0), "max_val": (0.0, 255.0), "filter_sigma": (-0.5, 3.0),
    "k1": (0.0, 0.1), "k2": (0.0, 0.1), "max_delta": (-0.5, 1.5), "lower": (-0.5, 2.0),
    "upper": (-0.5, 3.0), "min_object_covered": (-0.5, 1.5), "nms_threshold": (0.0, 1.0),
    "min_size": (0.0, 4.0), "distortion": (0.0, 2.0),
}  # fmt: skip
INT_RANGES = {
    "offset_height": (-1, 5), "offset_width": (-1, 5), "target_height": (-1, 7),
    "target_width": (-1, 7), "k": (-5, 5), "filter_size": (0, 6),
    "max_output_size": (-1, 6), "max_output_size_per_class": (-1, 5),
    "max_total_size": (-1, 8), "tile_size": (1, 600), "pre_nms_topn": (-1, 10),
    "post_nms_topn": (-1, 6), "max_attempts": (-1, 5), "num_samples": (-1, 5),
    "num": (-1, 4), "num_true": (0, 3), "num_sampled": (-1, 6), "range_max": (-1, 8),
    "num_reserved_ids": (0, 2), "num_shards": (0, 3), "shard": (-1, 3), "data": (-3, 2**40),
}  # fmt: skip
BOOL_NAMES = {"pad_per_class", "clip_boxes", "saturate", "preserve_aspect_ratio", "antialias",
              "centered", "normalized", "return_index_map", "pad_to_max_output_size",
              "sorted_input", "canonicalized_coordinates", "unique",
              "use_image_if_no_bounding_boxes"}  # fmt: skip
ALGS = ["auto_select", "philox", "threefry", 1, 2, 3, "bad", None]


def draw_param(draw, path: str, param: str, context: dict):
    """One argument for ``param`` of ``path`` (a tf.image or tf.random op)."""
    op = path.rsplit(".", 1)[1]
    if (
        param in ("image", "images", "img1", "img2", "input")
        or (op in ("psnr",) and param in ("a", "b"))
        or (op.endswith("random_crop") and param == "value")
    ):
        return _image(draw, op, context)
    if param in BOOL_NAMES:
        return draw(st.one_of(st.booleans(), st.booleans(), st.none()))
    if param in FLOAT_RANGES:
        lo, hi = FLOAT_RANGES[param]
        return _floats(draw, lo, hi)
    if param in INT_RANGES:
        lo, hi = INT_RANGES[param]
        return _ints(draw, lo, hi)
    if param == "seed":
        if (
            op.startswith("stateless")
            or path.startswith("tf.random.stateless")
            or op in ("fold_in", "split")
        ):
            return _seed_pair(draw)
        if op == "create_rng_state":
            return draw(st.one_of(st.integers(-3, 2**64), st.sampled_from([0, -1, 2**63])))
        return draw(st.one_of(st.none(), st.integers(0, 2**31 - 1)))
    if param == "alg":
        return draw(st.sampled_from(ALGS))
    if param == "boxes":
        return _draw_boxes(draw, op, context)
    if param == "scores":
        return _draw_scores(draw, op, context)
    if param == "box_indices":
        n = context.get("n_boxes", 2)
        return _int_vector(draw, n, -1, 2)
    if param in ("crop_size", "size") and op in ("crop_and_resize", "extract_glimpse", "resize"):
        return _int_vector(draw, 2, 0, 6)
    if param == "size":  # random_crop's target: one size per dimension of the image
        rank = context["image"].array.ndim if context.get("image") is not None else 3
        return _int_vector(draw, rank, 0, 4)
    if param == "method":
        methods = RESIZE_METHODS if op != "crop_and_resize" else ["bilinear", "nearest", "bad"]
        return draw(st.sampled_from(methods))
    if param == "offsets":
        batch = _batch(context)
        return _value(draw, _array(draw, "float32", (batch, 2), -1.5, 1.5))
    if param == "noise":
        return draw(st.sampled_from(["zero", "zero", "uniform", "gaussian", "", "bad"]))
    if param in ("sizes", "strides", "rates"):
        return _patch_vector(draw)
    if param == "padding":
        return draw(st.sampled_from(["SAME", "VALID", "VALID", "same", "bad"]))
    if param == "colors":
        if draw(st.integers(0, 4)) == 0:
            return None
        rows = draw(st.integers(0, 3))
        return _value(draw, _array(draw, "float32", (rows, draw(st.sampled_from([4, 4, 3])))))
    if param == "dtype":
        return _draw_dtype(draw, path)
    if param == "output_dtype":
        return _dtype(draw, ["int32", "int64", "float32", "float64", "float16"])
    if param == "power_factors":
        n = draw(st.integers(0, 3))
        return tuple(draw(st.floats(0.0, 1.0)) for _ in range(n))
    if param == "overlaps":
        n = draw(st.integers(0, 4))
        context["n_boxes"] = n
        return _value(draw, _array(draw, "float32", (n, n), 0.0, 1.0))
    if param in ("image_size",):
        return _int_vector(draw, 3, 0, 6)
    if param == "bounding_boxes":
        n = draw(st.integers(0, 3))
        return _boxes(draw, (1, n, 4))
    if param in ("aspect_ratio_range", "area_range"):
        lo = draw(st.floats(-0.5, 2.0))
        return [lo, lo + draw(st.floats(-0.5, 2.0))]
    if param == "shape":
        return _shape(draw)
    if param in ("minval", "maxval", "mean", "stddev", "means", "stddevs", "minvals",
                 "maxvals", "beta", "probs"):  # fmt: skip
        if param == "maxval" and draw(st.integers(0, 3)) == 0:
            return None
        low, high = (0.0, 1.0) if param == "probs" else (-1.0, 3.0)
        return _parameter(draw, context, low, high)
    if param in ("alpha", "lam", "counts"):
        return _parameter(draw, context, 0.0, 6.0, ("float32", "float64"))
    if param == "logits":
        shape = draw(st.sampled_from([(1, 3), (2, 4), (2, 1), (1, 0), (3,), (0, 2)]))
        return _value(draw, _array(draw, draw(st.sampled_from(["float32", "float64"])),
                                   shape, -3.0, 3.0))  # fmt: skip
    if param == "value":  # shuffle
        return draw(fz.values())
    if param == "true_classes":
        batch = draw(st.integers(0, 3))
        width = draw(st.sampled_from([1, 1, 2, 0]))
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        dtype = draw(st.sampled_from(["int64", "int64", "int32"]))
        return _value(draw, rng.integers(-1, 8, size=(batch, width)).astype(dtype))
    if param == "unigrams":
        n = draw(st.integers(0, 8))
        return [draw(st.floats(0.0, 3.0)) for _ in range(n)]
    if param in ("scores_", "bbox_deltas", "image_info", "anchors"):
        return _proposal_part(draw, param, context)
    return draw(fz.values())


def _batch(context: dict) -> int:
    image = context.get("image")
    if image is not None and image.array.ndim == 4:
        return image.array.shape[0]
    return 1


def _draw_boxes(draw, op: str, context: dict):
    if op == "combined_non_max_suppression":
        batch, n, q = (
            draw(st.integers(0, 2)),
            draw(st.integers(0, 4)),
            draw(st.sampled_from([1, 2])),
        )
        context["combined"] = (batch, n, q)
        return _boxes(draw, (batch, n, q, 4), 3.0)
    if op == "draw_bounding_boxes":
        return _boxes(draw, (_batch(context), draw(st.integers(0, 3)), 4))
    if op == "crop_and_resize":
        n = draw(st.integers(0, 3))
        context["n_boxes"] = n
        return _boxes(draw, (n, 4))
    n = draw(st.integers(0, 6))
    context["n_boxes"] = n
    if op == "non_max_suppression_padded" and draw(st.booleans()):
        return _boxes(draw, (draw(st.integers(1, 2)), n, 4), 3.0)  # batched
    return _boxes(draw, (n, 4), 3.0)


def _draw_scores(draw, op: str, context: dict):
    if op == "combined_non_max_suppression":
        batch, n, q = context.get("combined", (1, 2, 1))
        classes = q if q > 1 or draw(st.booleans()) else draw(st.integers(1, 3))
        return _scores(draw, (batch, n, classes))
    if op == "generate_bounding_box_proposals":
        return _proposal_part(draw, "scores_", context)
    n = context.get("n_boxes", 2)
    if draw(st.integers(0, 10)) == 0:
        n = n + 1
    boxes = context.get("boxes_batch")
    return _scores(draw, (boxes, n) if boxes else (n,))


def _proposal_part(draw, param: str, context: dict):
    """generate_bounding_box_proposals: scores [n, h, w, A], deltas [n, h, w, 4A],
    image_info [n, 5] and anchors [A, 4], consistent most of the time."""
    if "proposal" not in context:
        context["proposal"] = (draw(st.integers(1, 2)), draw(st.integers(1, 3)),
                               draw(st.integers(1, 3)), draw(st.integers(1, 2)))  # fmt: skip
    n, h, w, a = context["proposal"]
    if param == "scores_":
        return _scores(draw, (n, h, w, a))
    if param == "bbox_deltas":
        return _value(draw, _array(draw, "float32", (n, h, w, 4 * a), -0.5, 0.5))
    if param == "image_info":
        rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
        info = np.array([[rng.uniform(4, 40), rng.uniform(4, 40), 1.0, 0.0, 0.0]] * n, "float32")
        return _value(draw, info)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    corner = rng.uniform(0, 8, size=(a, 2))
    anchors = np.concatenate([corner, corner + rng.uniform(1, 16, size=(a, 2))], axis=1)
    return _value(draw, anchors.astype("float32"))


def _patch_vector(draw):
    """extract_patches' sizes/strides/rates: [1, r, c, 1] mostly."""
    if draw(st.integers(0, 10)) == 0:
        return draw(st.sampled_from([[2, 2], [1, 2, 2, 2], [1, 0, 1, 1], [1, -1, 1, 1]]))
    return [1, draw(st.integers(1, 3)), draw(st.integers(1, 3)), 1]


def _draw_dtype(draw, path: str):
    if path == "tf.image.convert_image_dtype":
        return _dtype(draw, ["float32", "float64", "float16", "uint8", "uint16", "int32",
                             "int8", "int16", "int64", "uint32", "bool"])  # fmt: skip
    if path.endswith("categorical"):
        return _dtype(draw, ["int32", "int64", "int64"])
    if path.endswith("poisson"):
        return _dtype(draw, ["int32", "int64", "float32", "float64", "float16"])
    if path.endswith("uniform"):
        return _dtype(draw, ["float32", "float64", "float16", "int32", "int64"])
    return _dtype(draw, ["float32", "float64", "float16"])


def arguments(path: str, tf_fn):
    """The strategy of (positional, keyword) argument specs for one call of ``path``."""
    params = fz.signature_of(tf_fn)

    @st.composite
    def strategy(draw):
        context: dict = {}
        args, kwargs = [], {}
        positional_ok = True
        for p in params:
            if p.name in NEVER_DRAWN or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
                positional_ok = False
                continue
            required = p.default is inspect.Parameter.empty
            if not required and draw(st.integers(0, 2)) == 0:
                positional_ok = False
                continue
            name = p.name
            if name == "scores" and path.endswith("generate_bounding_box_proposals"):
                name = "scores_"
            if name == "boxes" and path.endswith("non_max_suppression_padded"):
                context.pop("boxes_batch", None)
            value = draw_param(draw, path, name, context)
            if name == "boxes" and isinstance(value, fz.Value) and value.array.ndim == 3:
                context["boxes_batch"] = value.array.shape[0]
            if positional_ok and required:
                args.append(value)
            else:
                kwargs[p.name] = value
        return args, kwargs

    return strategy()


def compare_structure(tf_result, tfl_result) -> tuple[str, str]:
    """compare() without values: ('same' | 'dtype/shape', detail)."""
    a, b = fz.leaves(tf_result), fz.leaves(tfl_result)
    if len(a) != len(b):
        return "dtype/shape", f"{len(a)} outputs vs {len(b)}"
    for i, (x, y) in enumerate(zip(a, b)):
        kx, dx, vx = fz.normalize(x)
        ky, dy, vy = fz.normalize(y)
        if (kx, dx) != (ky, dy):
            return "dtype/shape", f"output {i}: {kx} {dx} vs {ky} {dy}"
        if kx in ("tensor", "ndarray") and np.shape(vx) != np.shape(vy):
            return "dtype/shape", f"output {i}: shape {np.shape(vx)} vs {np.shape(vy)}"
    return "same", ""
