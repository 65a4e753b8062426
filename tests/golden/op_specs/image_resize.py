"""Golden cases for tf.image.resize's filter methods: bicubic (TF's ResizeBicubic)
and lanczos3/lanczos5/gaussian/mitchellcubic plus antialiased bilinear/bicubic (TF's
ScaleAndTranslate), up- and downsampling, odd sizes, batches, input dtypes and
preserve_aspect_ratio. Values and first-order gradients are compared with TF."""

from tests.golden.opcases import Arg, OpCase

NO_SECOND = (
    "TF registers no gradient for ResizeBicubicGrad/ScaleAndTranslateGrad (LookupError), "
    "so no second derivative or forward mode to compare; tapeflow's linear maps have both, "
    "checked by check_grads and the adjoint test in tests/test_image_resize.py"
)
IMAGE = Arg(shape=(4, 5, 3), low=0.05, high=0.95, dtype="float32")
BATCH = Arg(shape=(2, 5, 7, 2), low=0.05, high=0.95, dtype="float32")
# (name suffix, source image, target size): up, down, odd mixed and a batch
SHAPES = [
    ("up", IMAGE, "[7, 9]"),
    ("down", Arg(shape=(9, 11, 2), low=0.05, high=0.95, dtype="float32"), "[4, 3]"),
    ("mixed", BATCH, "[3, 11]"),
]


def _case(method: str, antialias: bool, suffix: str, arg: Arg, size: str) -> OpCase:
    name = f"resize_{method}{'_aa' if antialias else ''}_{suffix}"
    return OpCase(
        name,
        f"lambda x: tf.image.resize(x, {size}, method='{method}', antialias={antialias})",
        [arg],
        rtol=1e-4,
        atol=1e-5,
        second_order=False,
        forward=False,
        check_grads=False,
        note=NO_SECOND,
    )


CASES = [
    _case(method, antialias, suffix, arg, size)
    for method in ("bicubic", "lanczos3", "lanczos5", "gaussian", "mitchellcubic")
    for antialias in (False, True)
    for suffix, arg, size in SHAPES
] + [
    _case("bilinear", True, "mixed", BATCH, "[3, 11]"),
    _case("bilinear", True, "up", IMAGE, "[7, 9]"),
    OpCase(
        "resize_filters_input_dtypes",
        "lambda a, b, c: [tf.image.resize(a, [5, 2], 'lanczos3'), "
        "tf.image.resize(b, [2, 7], 'bicubic'), tf.image.resize(c, [3, 3], 'gaussian', "
        "antialias=True), tf.image.resize(c, [6, 4], 'mitchellcubic')]",
        [
            # TF's ScaleAndTranslateGrad rejects a float16 image (InvalidArgumentError):
            # its values are compared, its gradient not
            Arg(shape=(3, 4, 1), low=0.05, high=0.95, dtype="float16", differentiable=False),
            Arg(shape=(3, 4, 2), low=0.05, high=0.95, dtype="float64"),
            Arg(shape=(4, 5, 3), low=0, high=255, dtype="uint8", differentiable=False),
        ],
        rtol=1e-3,
        atol=1e-3,
        second_order=False,
        forward=False,
        check_grads=False,
        note=NO_SECOND,
    ),
    OpCase(
        "resize_nearest_integer_images",
        "lambda a, b: [tf.image.resize(a, [7, 3], 'nearest'), "
        "tf.image.resize(b, [2, 5], 'nearest', preserve_aspect_ratio=True)]",
        [
            Arg(shape=(2, 4, 5, 3), low=0, high=255, dtype="uint8", differentiable=False),
            Arg(shape=(5, 3, 2), low=-9, high=9, dtype="int64", differentiable=False),
        ],
    ),
    OpCase(
        "resize_filters_preserve_aspect_ratio",
        "lambda x: [tf.image.resize(x, [9, 9], 'lanczos5', preserve_aspect_ratio=True), "
        "tf.image.resize(x, [3, 8], 'bicubic', preserve_aspect_ratio=True, antialias=True), "
        "tf.image.resize(x, [2, 9], 'bicubic', preserve_aspect_ratio=True)]",
        [IMAGE],
        rtol=1e-4,
        atol=1e-5,
        second_order=False,
        forward=False,
        check_grads=False,
        note=NO_SECOND,
    ),
]
