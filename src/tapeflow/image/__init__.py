"""tf.image (core): flips and rotations, crops and pads, resizing, colour
conversions and adjustments, image statistics and quality measures, box
operations (non-maximum suppression, crop-and-resize, glimpses, drawing) and
random augmentations.

Images are ``[height, width, channels]`` or batched ``[batch, height, width,
channels]``; boxes are ``[y1, x1, y2, x2]`` in normalised coordinates.

>>> import tapeflow as tf
>>> image = tf.reshape(tf.range(12.0), [2, 2, 3])
>>> print(tf.image.flip_left_right(image)[0, 0])
tf.Tensor([3. 4. 5.], shape=(3,), dtype=float32)
>>> tf.image.resize(image, [4, 4]).shape
TensorShape([4, 4, 3])
"""

from ._color import (
    adjust_brightness,
    adjust_contrast,
    adjust_gamma,
    adjust_hue,
    adjust_saturation,
    convert_image_dtype,
    grayscale_to_rgb,
    hsv_to_rgb,
    per_image_standardization,
    rgb_to_grayscale,
    rgb_to_hsv,
    rgb_to_yiq,
    rgb_to_yuv,
    yiq_to_rgb,
    yuv_to_rgb,
)
from ._core import (
    ResizeMethod,
    central_crop,
    crop_to_bounding_box,
    extract_patches,
    flip_left_right,
    flip_up_down,
    image_gradients,
    pad_to_bounding_box,
    resize,
    resize_with_crop_or_pad,
    resize_with_pad,
    rot90,
    sobel_edges,
    total_variation,
    transpose,
)
from ._crops import crop_and_resize, draw_bounding_boxes, extract_glimpse
from ._nms import (
    combined_non_max_suppression,
    generate_bounding_box_proposals,
    non_max_suppression,
    non_max_suppression_overlaps,
    non_max_suppression_padded,
    non_max_suppression_with_scores,
)
from ._quality import psnr, ssim, ssim_multiscale
from ._random import (
    random_brightness,
    random_contrast,
    random_crop,
    random_flip_left_right,
    random_flip_up_down,
    random_hue,
    random_saturation,
    sample_distorted_bounding_box,
    stateless_random_brightness,
    stateless_random_contrast,
    stateless_random_crop,
    stateless_random_flip_left_right,
    stateless_random_flip_up_down,
    stateless_random_hue,
    stateless_random_saturation,
    stateless_sample_distorted_bounding_box,
)

__all__ = [
    "ResizeMethod", "adjust_brightness", "adjust_contrast", "adjust_gamma", "adjust_hue",
    "adjust_saturation", "central_crop", "combined_non_max_suppression", "convert_image_dtype",
    "crop_and_resize", "crop_to_bounding_box", "draw_bounding_boxes", "extract_glimpse",
    "generate_bounding_box_proposals", "extract_patches", "flip_left_right", "flip_up_down",
    "grayscale_to_rgb", "hsv_to_rgb", "image_gradients", "non_max_suppression",
    "non_max_suppression_overlaps", "non_max_suppression_padded",
    "non_max_suppression_with_scores", "pad_to_bounding_box", "per_image_standardization", "psnr",
    "random_brightness", "random_contrast", "random_crop", "random_flip_left_right",
    "random_flip_up_down", "random_hue", "random_saturation", "sample_distorted_bounding_box",
    "stateless_random_brightness", "stateless_random_contrast", "stateless_random_crop",
    "stateless_random_flip_left_right", "stateless_random_flip_up_down",
    "stateless_random_hue", "stateless_random_saturation",
    "stateless_sample_distorted_bounding_box",
    "resize", "resize_with_crop_or_pad", "resize_with_pad", "rgb_to_grayscale", "rgb_to_hsv",
    "rgb_to_yiq", "rgb_to_yuv", "rot90", "sobel_edges", "ssim", "ssim_multiscale",
    "total_variation", "transpose", "yiq_to_rgb", "yuv_to_rgb",
]  # fmt: skip
