"""Golden cases for tf.image's box ops and multiscale SSIM: the non-maximum
suppression family, crop_and_resize (values and gradients w.r.t. image and
boxes), extract_glimpse, draw_bounding_boxes and ssim_multiscale.

crop_and_resize and ssim_multiscale return float32 whatever the input, so the
float64 gradient check runs on their float64 composites in
tests/test_image_boxes.py instead."""

from tests.golden.opcases import Arg, OpCase

# Boxes [y1, x1, y2, x2]: overlapping pairs, one flipped, one empty, equal scores.
BOXES = Arg(value=[[0.0, 0.0, 1.0, 1.0], [0.0, 0.1, 1.0, 1.1], [0.0, -0.1, 1.0, 0.9],
                   [0.0, 10.0, 1.0, 11.0], [1.0, 10.1, 0.0, 11.1], [0.0, 100.0, 1.0, 101.0],
                   [0.5, 0.5, 0.5, 0.9], [0.0, 0.3, 1.0, 1.3]],
            dtype="float32", differentiable=False)  # fmt: skip
SCORES = Arg(value=[0.9, 0.75, 0.6, 0.95, 0.5, 0.3, 0.99, 0.75], dtype="float32",
             differentiable=False)  # fmt: skip
OVERLAPS = Arg(shape=(6, 6), low=0.0, high=1.0, dtype="float32", differentiable=False)
OV_SCORES = Arg(shape=(6,), low=0.0, high=1.0, dtype="float32", differentiable=False)
NO_GRAD = "selection ops: TF registers no gradient (values only)"
F32 = (
    "the op computes in float32 whatever the input (TF's kernel), so check_grads runs on "
    "its float64 composite in tests/test_image_boxes.py; TF has no second derivative "
    "(CropAndResizeGradImage/GradBoxes have no gradient: LookupError) nor forward mode"
)
IMAGE = Arg(shape=(2, 5, 6, 2), low=0.0, high=1.0, dtype="float32")
CROP_BOXES = Arg(value=[[0.1, 0.2, 0.8, 0.9], [0.9, -0.2, 0.2, 0.7], [-0.3, 0.0, 1.2, 1.0],
                        [0.25, 0.4, 0.75, 0.6]], dtype="float32")  # fmt: skip
MS_NOTE = "float32 result: check_grads runs on the float64 composite in tests/test_image_boxes.py"
PAIR_A = Arg(shape=(2, 13, 11, 2), low=0.0, high=1.0, dtype="float32")
PAIR_B = Arg(shape=(2, 13, 11, 2), low=0.0, high=1.0, dtype="float32")

CASES = [
    OpCase(
        "nms", "lambda b, s: tf.image.non_max_suppression(b, s, 10)", [BOXES, SCORES], note=NO_GRAD
    ),  # fmt: skip
    OpCase(
        "nms_thresholds",
        "lambda b, s: tf.image.non_max_suppression(b, s, 3, iou_threshold=0.3, "
        "score_threshold=0.55)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_iou_zero_half",
        "lambda b, s: tf.image.non_max_suppression(tf.cast(b, tf.float16), "
        "tf.cast(s, tf.float16), 8, iou_threshold=0.0)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_with_scores_hard",
        "lambda b, s: tf.image.non_max_suppression_with_scores(b, s, 5, 0.4, 0.1)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_with_scores_soft",
        "lambda b, s: tf.image.non_max_suppression_with_scores(b, s, 8, 1.0, 0.2, "
        "soft_nms_sigma=0.5)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_with_scores_soft_threshold",
        "lambda b, s: tf.image.non_max_suppression_with_scores(b, s, 8, 0.5, 0.4, "
        "soft_nms_sigma=0.1)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_overlaps",
        "lambda o, s: tf.image.non_max_suppression_overlaps(o, s, 4, 0.6, 0.1)",
        [OVERLAPS, OV_SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_padded",
        "lambda b, s: tf.image.non_max_suppression_padded(b, s, 5, 0.5, "
        "pad_to_max_output_size=True, tile_size=3)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_padded_batched",
        "lambda b, s: tf.image.non_max_suppression_padded(tf.stack([b, b[::-1]]), "
        "tf.stack([s, s[::-1]]), 4, 0.3, 0.4, pad_to_max_output_size=True)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "nms_padded_unpadded",
        "lambda b, s: tf.image.non_max_suppression_padded(b, s, 6, 0.5)",
        [BOXES, SCORES],
        note=NO_GRAD,
    ),
    OpCase(
        "combined_nms",
        "lambda b, s: tf.image.combined_non_max_suppression(b, s, 3, 5, 0.4, 0.1)",
        [
            Arg(shape=(2, 6, 1, 4), low=-0.2, high=1.2, dtype="float32", differentiable=False),
            Arg(shape=(2, 6, 3), low=0.0, high=1.0, dtype="float32", differentiable=False),
        ],
        note=NO_GRAD,
    ),  # fmt: skip
    OpCase(
        "combined_nms_per_class_boxes",
        "lambda b, s: tf.image.combined_non_max_suppression(b, s, 2, 10, 0.5, 0.3, "
        "pad_per_class=True, clip_boxes=False)",
        [
            Arg(shape=(1, 5, 2, 4), low=-0.2, high=1.2, dtype="float32", differentiable=False),
            Arg(shape=(1, 5, 2), low=0.0, high=1.0, dtype="float32", differentiable=False),
        ],
        note=NO_GRAD,
    ),  # fmt: skip
    OpCase(
        "crop_and_resize_bilinear",
        "lambda img, b: tf.image.crop_and_resize(img, b, [1, 0, 1, 0], [3, 4])",
        [IMAGE, CROP_BOXES],
        second_order=False,
        forward=False,
        check_grads=False,
        note=F32,
    ),
    OpCase(
        "crop_and_resize_nearest",
        "lambda img, b: tf.image.crop_and_resize(img, b, [0, 1, 1, 0], [4, 3], "
        "method='nearest', extrapolation_value=-1.0)",
        [IMAGE, CROP_BOXES],
        second_order=False,
        forward=False,
        check_grads=False,
        note=F32 + "; the box gradient of nearest sampling is the bilinear one, as in TF",
    ),
    OpCase(
        "crop_and_resize_single_row",
        "lambda img, b: tf.image.crop_and_resize(img, b, [0, 1, 0, 1], [1, 1])",
        [IMAGE, CROP_BOXES],
        second_order=False,
        forward=False,
        check_grads=False,
        note=F32,
    ),
    OpCase(
        "crop_and_resize_int_image",
        "lambda img, b: tf.image.crop_and_resize(img, b, [0, 0, 0, 0], [2, 3])",
        [Arg(shape=(1, 4, 4, 3), low=0, high=255, dtype="uint8"), CROP_BOXES],
        second_order=False,
        forward=False,
        check_grads=False,
        note=F32,
    ),
    OpCase(
        "extract_glimpse",
        "lambda x: [tf.image.extract_glimpse(x, [3, 2], [[0.2, -0.3], [-0.6, 0.9]]), "
        "tf.image.extract_glimpse(x, [2, 4], [[0.1, 0.5], [0.9, -0.1]], centered=False, "
        "noise='zero'), tf.image.extract_glimpse(x, [3, 3], [[-1.5, 2.5], [3.7, -2.2]], "
        "centered=False, normalized=False, noise='zero'), "
        "tf.image.extract_glimpse(x, [4, 3], [[0.5, -1.5], [-1.0, 1.0]], "
        "normalized=False, noise='zero')]",
        [Arg(shape=(2, 5, 6, 2), dtype="float32", differentiable=False)],
        note="TF registers no gradient for ExtractGlimpseV2",
    ),
    OpCase(
        "draw_bounding_boxes",
        "lambda x: [tf.image.draw_bounding_boxes(x, [[[0.1, 0.2, 0.8, 0.9], "
        "[0.5, -0.3, 1.4, 0.5], [0.9, 0.1, 0.2, 0.5]], [[0.0, 0.0, 0.0, 0.0], "
        "[0.3, 0.6, 0.9, 0.2], [0.5, 0.5, 0.5, 0.5]]], [[1.0, 0.0, 0.5, 1.0], "
        "[0.2, 0.4, 0.6, 0.8]]), tf.image.draw_bounding_boxes(x, tf.constant([[[0.0, 0.0, "
        "1.0, 1.0]], [[0.4, 0.4, 0.6, 0.6]]]), tf.zeros([0, 4]))]",
        [Arg(shape=(2, 7, 8, 3), low=0.0, high=1.0, dtype="float32", differentiable=False)],
        note="TF registers no gradient for DrawBoundingBoxesV2",
    ),
    OpCase(
        "ssim_multiscale",
        "lambda a, b: tf.image.ssim_multiscale(a, 0.8 * a + 0.2 * b, 1.0, power_factors=(0.3, 0.7), "
        "filter_size=3, filter_sigma=0.8)",
        [PAIR_A, PAIR_B],
        check_grads=False,
        rtol=1e-3,
        atol=1e-4,
        note=MS_NOTE + "; second-order sums in float32 differ in order from TF's (1e-4)",
    ),
    OpCase(
        "ssim_multiscale_three_scales",
        "lambda a, b: tf.image.ssim_multiscale(a, a * 0.7 + b * 0.3, 1.0, "
        "power_factors=(0.2, 0.3, 0.5), filter_size=3)",
        [
            Arg(shape=(12, 12, 1), low=0.0, high=1.0, dtype="float32"),
            Arg(shape=(12, 12, 1), low=0.0, high=1.0, dtype="float32"),
        ],
        check_grads=False,
        rtol=1e-3,
        atol=1e-4,
        note=MS_NOTE + "; second-order sums in float32 differ in order from TF's (1e-4)",
    ),  # fmt: skip
]
