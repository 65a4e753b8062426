"""Golden cases for the differentiable top-level names of lane apirest (issue 12):
tf.extract_volume_patches and tf.approx_top_k (TF's CPU kernel is an exact top-k)."""

from tests.golden.opcases import Arg, OpCase

CASES = [
    OpCase(
        "extract_volume_patches_valid",
        'lambda v: tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 2, 1, 2, 1], "VALID")',
        [Arg(shape=(2, 4, 3, 4, 2))],
    ),
    OpCase(
        "extract_volume_patches_same",
        'lambda v: tf.extract_volume_patches(v, [1, 3, 2, 2, 1], [1, 2, 2, 1, 1], "SAME")',
        [Arg(shape=(1, 3, 4, 3, 2))],
    ),
    OpCase(
        "extract_volume_patches_float32",
        'lambda v: tf.extract_volume_patches(v, [1, 2, 1, 3, 1], [1, 1, 1, 2, 1], "SAME")',
        [Arg(shape=(1, 3, 2, 5, 1), dtype="float32")],
        rtol=1e-5,
        atol=1e-5,
    ),
    OpCase(
        "approx_top_k",
        "lambda x: list(tf.approx_top_k(x, 3))",
        [
            Arg(
                value=[[0.3, -1.2, 2.5, 0.7, 1.9, -0.4], [1.1, 0.2, -2.0, 3.3, 0.9, 0.5]],
                dtype="float32",
            )
        ],
        rtol=1e-5,
        atol=1e-5,
        forward=False,
        check_grads=False,
        note="float32 only (TF's ApproxTopK has no float64); the gradient is top_k's, "
        "checked by check_grads there",
    ),
]
