"""Golden cases for tf.image (core): flips, rotations, crops and pads, resizing,
colour conversions and adjustments, statistics and filters."""

from tests.golden.opcases import Arg, OpCase

IMG = Arg(shape=(4, 5, 3), low=0.05, high=0.95)
F32 = (
    "TF computes this in float32 whatever the input dtype, so central differences at "
    "eps=1e-6 cannot check it"
)
IMG_VALUES = Arg(shape=(4, 5, 3), low=0.05, high=0.95, differentiable=False)
BATCH_VALUES = Arg(shape=(2, 4, 5, 3), low=0.05, high=0.95, differentiable=False)
NO_ADJUST_GRAD = (
    "TF registers no gradient for AdjustContrastv2/AdjustSaturation/AdjustHue: "
    "values compared with TF; tapeflow's gradients checked by check_grads in "
    "tests/test_image.py"
)
BATCH = Arg(shape=(2, 4, 5, 3), low=0.05, high=0.95)


CASES = [
    OpCase("flips", "lambda x: [tf.image.flip_left_right(x), tf.image.flip_up_down(x)]", [BATCH]),
    OpCase("transpose_rot90", "lambda x: [tf.image.transpose(x), tf.image.rot90(x, 3)]", [IMG]),
    OpCase(
        "crop_to_bounding_box", "lambda x: tf.image.crop_to_bounding_box(x, 1, 2, 2, 3)", [IMG]
    ),  # fmt: skip
    OpCase(
        "pad_to_bounding_box", "lambda x: tf.image.pad_to_bounding_box(x, 1, 0, 6, 7)", [BATCH]
    ),  # fmt: skip
    OpCase(
        "resize_with_crop_or_pad", "lambda x: tf.image.resize_with_crop_or_pad(x, 3, 8)", [IMG]
    ),  # fmt: skip
    OpCase("central_crop", "lambda x: tf.image.central_crop(x, 0.5)", [Arg(shape=(6, 8, 2))]),
    OpCase(
        "resize_bilinear_up",
        "lambda x: tf.image.resize(x, [7, 9])",
        [Arg(shape=(2, 4, 5, 3), dtype="float32")],
        skip=("jvp",),
        check_grads=False,
        note=F32,
    ),
    OpCase(
        "resize_bilinear_down",
        "lambda x: tf.image.resize(x, [2, 3])",
        [Arg(shape=(4, 5, 3), dtype="float32")],
        skip=("jvp",),
        check_grads=False,
        note=F32,
    ),
    OpCase(
        "resize_bilinear_antialias",
        "lambda x: tf.image.resize(x, [2, 2], antialias=True)",
        [Arg(shape=(4, 5, 3), low=0.05, high=0.95, dtype="float32")],
        rtol=1e-4,
        second_order=False,
        forward=False,
        note="TF has no second derivative of ScaleAndTranslate (LookupError)",
        check_grads=False,
    ),  # fmt: skip
    OpCase(
        "resize_nearest",
        "lambda x: tf.image.resize(x, [6, 3], method='nearest')",
        [IMG],
        second_order=False,
        forward=False,
        note="TF has no second derivative of ResizeNearestNeighbor (LookupError)",
    ),  # fmt: skip
    OpCase(
        "resize_area",
        "lambda x: tf.image.resize(x, [2, 3], method='area')",
        [Arg(shape=(2, 4, 5, 3), differentiable=False)],
        note="TF registers no gradient for ResizeArea; tapeflow's is checked by check_grads "
        "in tests/test_image.py",
    ),  # fmt: skip
    OpCase(
        "yiq_yuv",
        "lambda x: [tf.image.rgb_to_yiq(x), tf.image.yuv_to_rgb(x), "
        "tf.image.yiq_to_rgb(x), tf.image.rgb_to_yuv(x)]",
        [IMG],
        rtol=1e-4,
    ),  # fmt: skip
    OpCase(
        "grayscale",
        "lambda x: tf.image.grayscale_to_rgb(tf.image.rgb_to_grayscale(x))",
        [IMG],
        check_grads=False,
        note=F32,
        skip=("exact-adjoint",),
    ),  # fmt: skip
    OpCase("rgb_to_hsv", "lambda x: tf.image.rgb_to_hsv(x)", [IMG]),
    OpCase(
        "hsv_to_rgb",
        "lambda x: tf.image.hsv_to_rgb(x)",
        [IMG_VALUES],
        note="TF's hsv_to_rgb has no gradient (None); tapeflow's is the composite's",
    ),  # fmt: skip
    OpCase(
        "adjust_brightness_contrast",
        "lambda x: tf.image.adjust_contrast(tf.image.adjust_brightness(x, 0.1), 1.7)",
        [BATCH_VALUES],
        note=NO_ADJUST_GRAD,
    ),  # fmt: skip
    OpCase(
        "adjust_gamma",
        "lambda x: tf.image.adjust_gamma(x, 0.8, 1.2)",
        [IMG],
        check_grads=False,
        note=F32,
        skip=("exact-adjoint",),
    ),  # fmt: skip
    OpCase(
        "adjust_saturation",
        "lambda x: tf.image.adjust_saturation(x, 0.6)",
        [IMG_VALUES],
        rtol=1e-4,
        note=NO_ADJUST_GRAD,
    ),  # fmt: skip
    OpCase(
        "adjust_hue",
        "lambda x: tf.image.adjust_hue(x, 0.2)",
        [IMG_VALUES],
        rtol=1e-4,
        note=NO_ADJUST_GRAD,
    ),
    OpCase(
        "per_image_standardization",
        "lambda x: tf.image.per_image_standardization(x)",
        [BATCH],
        check_grads=False,
        note=F32,
    ),  # fmt: skip
    OpCase("total_variation", "lambda x: tf.image.total_variation(x)", [BATCH]),
    OpCase("image_gradients", "lambda x: list(tf.image.image_gradients(x))", [BATCH]),
    OpCase("sobel_edges", "lambda x: tf.image.sobel_edges(x)", [BATCH]),
    OpCase(
        "psnr", "lambda a, b: tf.image.psnr(a, b, 1.0)", [BATCH, BATCH], check_grads=False, note=F32
    ),
    OpCase(
        "ssim",
        "lambda a, b: tf.image.ssim(a, b, 1.0, filter_size=3)",
        [Arg(shape=(2, 6, 6, 2), low=0.1, high=0.9), Arg(shape=(2, 6, 6, 2), low=0.1, high=0.9)],
        rtol=1e-4,
        check_grads=False,
        note=F32,
    ),  # fmt: skip
    OpCase(
        "extract_patches",
        "lambda x: tf.image.extract_patches(x, [1, 2, 3, 1], [1, 2, 1, 1], [1, 1, 1, 1], 'SAME')",
        [BATCH],
    ),  # fmt: skip
    OpCase(
        "convert_image_dtype",
        "lambda x: tf.image.convert_image_dtype(x, tf.float32)",
        [IMG],
        check_grads=False,
        note="a float32 output",
    ),  # fmt: skip
]
