"""Golden cases for the tf.nn names of issue 12: depth/space rearrangements, moments
from sufficient statistics, dilation/erosion, max_pool_with_argmax, isotonic
regression, depthwise backprops and loss helpers."""

from tests.golden.opcases import Arg, OpCase

IMG = Arg(shape=(1, 4, 4, 2))
NO_MORPH_2ND = (
    "TF registers no gradient for Dilation2DBackpropInput/Filter: no second order "
    "or forward mode there; check_grads verifies tapeflow's"
)


CASES = [
    OpCase("depth_to_space", "lambda x: tf.nn.depth_to_space(x, 2)", [Arg(shape=(2, 2, 3, 8))]),
    OpCase("space_to_depth", "lambda x: tf.nn.space_to_depth(x, 2)", [Arg(shape=(1, 4, 6, 3))]),
    OpCase(
        "sufficient_statistics",
        "lambda x, s: list(tf.nn.sufficient_statistics(x, [0, 1], shift=s))[:3]",
        [Arg(shape=(3, 2, 4)), Arg(shape=(4,))],
    ),  # fmt: skip
    OpCase(
        "normalize_moments",
        "lambda x: tf.nn.normalize_moments(*tf.nn.sufficient_statistics(x, [0]))",
        [Arg(shape=(5, 3))],
    ),  # fmt: skip
    OpCase(
        "normalize_moments_shift",
        "lambda x, s: tf.nn.normalize_moments(*tf.nn.sufficient_statistics(x, [0], shift=s))",
        [Arg(shape=(5, 3)), Arg(shape=(3,))],
    ),  # fmt: skip
    OpCase(
        "weighted_moments",
        "lambda x, w: tf.nn.weighted_moments(x, [1], w)",
        [Arg(shape=(3, 4)), Arg(shape=(3, 4), low=0.5, high=2.0)],
    ),  # fmt: skip
    OpCase(
        "weighted_moments_keepdims",
        "lambda x, w: tf.nn.weighted_moments(x, [0], w, keepdims=True)",
        [Arg(shape=(3, 4)), Arg(shape=(1, 4), low=0.5, high=2.0)],
    ),  # fmt: skip
    OpCase(
        "batch_norm_global",
        "lambda x, m, v, b, g: tf.nn.batch_norm_with_global_normalization(x, m, v, b, g, "
        "0.001, True)",
        [
            Arg(shape=(2, 3)),
            Arg(shape=(3,)),
            Arg(shape=(3,), low=0.5, high=2.0),
            Arg(shape=(3,)),
            Arg(shape=(3,)),
        ],
    ),  # fmt: skip
    OpCase(
        "compute_average_loss",
        "lambda l, w: tf.nn.compute_average_loss(l, sample_weight=w, global_batch_size=8)",
        [Arg(shape=(4,)), Arg(shape=(4,))],
        skip=("exact-adjoint",),
        check_grads=False,
        note="TF weights the losses in float32: float64 results are float32-exact only "
        "(finite differences in float64 do not apply; the gradients are compared with TF's)",
    ),  # fmt: skip
    OpCase(
        "compute_average_loss_default", "lambda l: tf.nn.compute_average_loss(l)", [Arg(shape=(5,))]
    ),  # fmt: skip
    OpCase(
        "scale_regularization_loss",
        "lambda a, b: tf.nn.scale_regularization_loss([a, b])",
        [Arg(shape=(3,)), Arg(shape=(3,))],
    ),  # fmt: skip
    OpCase(
        "dilation2d_valid",
        "lambda x, f: tf.nn.dilation2d(x, f, [1, 1, 1, 1], 'VALID', 'NHWC', [1, 1, 1, 1])",
        [IMG, Arg(shape=(2, 2, 2))],
        second_order=False,
        forward=False,
        note=NO_MORPH_2ND,
    ),  # fmt: skip
    OpCase(
        "dilation2d_same_strided",
        "lambda x, f: tf.nn.dilation2d(x, f, [1, 2, 2, 1], 'SAME', 'NHWC', [1, 1, 2, 1])",
        [Arg(shape=(1, 5, 5, 1)), Arg(shape=(2, 2, 1))],
        second_order=False,
        forward=False,
        note=NO_MORPH_2ND,
    ),  # fmt: skip
    OpCase(
        "erosion2d",
        "lambda x, f: tf.nn.erosion2d(x, f, [1, 1, 1, 1], 'SAME', 'NHWC', [1, 1, 1, 1])",
        [IMG, Arg(shape=(3, 2, 2))],
        second_order=False,
        forward=False,
        note=NO_MORPH_2ND,
    ),  # fmt: skip
    OpCase(
        "max_pool_with_argmax",
        "lambda x: tf.nn.max_pool_with_argmax(x, 2, 2, 'VALID')",
        [Arg(shape=(2, 4, 4, 3))],
        second_order=False,
        forward=False,
        note="TF registers no gradient for MaxPoolGradWithArgmax",
    ),  # fmt: skip
    OpCase(
        "max_pool_with_argmax_batch",
        "lambda x: tf.nn.max_pool_with_argmax(x, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME', "
        "include_batch_in_index=True)",
        [Arg(shape=(2, 5, 5, 2))],
        second_order=False,
        forward=False,
        note="TF registers no gradient for MaxPoolGradWithArgmax",
    ),  # fmt: skip
    OpCase(
        "isotonic_regression", "lambda x: tf.nn.isotonic_regression(x)", [Arg(shape=(3, 6))]
    ),  # fmt: skip
    OpCase(
        "isotonic_regression_increasing",
        "lambda x: tf.nn.isotonic_regression(x, decreasing=False, axis=0)",
        [Arg(shape=(5, 2))],
    ),  # fmt: skip
    OpCase(
        "depthwise_backprop_input",
        "lambda w, g: tf.nn.depthwise_conv2d_backprop_input([1, 5, 5, 2], w, g, "
        "[1, 1, 1, 1], 'SAME')",
        [Arg(shape=(3, 3, 2, 2)), Arg(shape=(1, 5, 5, 4))],
    ),  # fmt: skip
    OpCase(
        "depthwise_backprop_filter",
        "lambda x, g: tf.nn.depthwise_conv2d_backprop_filter(x, [3, 3, 2, 1], g, "
        "[1, 1, 1, 1], 'VALID')",
        [Arg(shape=(1, 5, 5, 2)), Arg(shape=(1, 3, 3, 2))],
    ),  # fmt: skip
    OpCase(
        "atrous_conv2d_transpose",
        "lambda x, w: tf.nn.atrous_conv2d_transpose(x, w, [1, 6, 6, 2], 2, 'SAME')",
        [Arg(shape=(1, 6, 6, 3)), Arg(shape=(2, 2, 2, 3))],
    ),  # fmt: skip
    OpCase(
        "labels_helpers",
        "lambda: [tf.cast(t, tf.float64) for t in "
        "list(tf.nn.collapse_repeated([[1, 1, 2, 2, 3], [4, 4, 4, 0, 0]], [5, 3])) + "
        "list(tf.nn.ctc_unique_labels([[3, 4, 4, 3], [1, 1, 2, 5]]))]",
        [],
    ),  # fmt: skip
    OpCase(
        "with_space_to_batch",
        "lambda x, w: tf.nn.with_space_to_batch(x, [2, 2], 'SAME', "
        "lambda inp, n, p: tf.nn.conv2d(inp, w, 1, p), filter_shape=[2, 2])",
        [Arg(shape=(1, 5, 6, 1)), Arg(shape=(2, 2, 1, 2))],
    ),
]
