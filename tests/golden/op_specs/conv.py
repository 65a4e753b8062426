"""Golden cases for tf.nn convolutions and pooling.

Shapes are tiny; each case still exercises strides, SAME/VALID/explicit
padding and dilations. TensorFlow's CPU kernels set some limits the cases
respect: no gradient for dilated Conv2D/Conv3D called directly (tf.nn.convolution
and atrous_conv2d route dilation through space-to-batch, which has one), no
gradient for grouped convolutions (value only here; tests/test_nn_bad_input.py
checks ours), float32 only for 3-D pooling, and no MaxPoolGradGrad with
explicit padding. Max-pool inputs are random, so windows have no ties except
in the literal tie case, where TF's first-maximum rule is compared.
"""

from tests.golden.opcases import Arg, OpCase

F32 = {"rtol": 1e-4, "atol": 1e-4}
TIES = Arg(value=[[[[1.0], [3.0], [3.0], [0.0]], [[3.0], [2.0], [1.0], [3.0]],
                   [[0.0], [0.0], [5.0], [5.0]], [[5.0], [5.0], [1.0], [1.0]]]])  # fmt: skip


def A(*shape, **kw):
    return Arg(shape=shape, **kw)


def CONST(*shape):
    return Arg(shape=shape, differentiable=False)


CASES = [
    # -- conv2d --------------------------------------------------------------
    OpCase(
        "conv2d_valid",
        "lambda x, w: tf.nn.conv2d(x, w, 1, 'VALID')",
        [A(2, 4, 4, 3), A(3, 3, 3, 2)],
    ),
    OpCase(
        "conv2d_same_stride2",
        "lambda x, w: tf.nn.conv2d(x, w, strides=2, padding='SAME')",
        [A(1, 5, 6, 2), A(3, 2, 2, 3)],
    ),
    OpCase(
        "conv2d_strides_list4",
        "lambda x, w: tf.nn.conv2d(x, w, strides=[1, 2, 1, 1], padding='SAME')",
        [A(1, 5, 4, 2), A(2, 2, 2, 2)],
    ),
    OpCase(
        "conv2d_explicit_padding",
        "lambda x, w: tf.nn.conv2d(x, w, [1, 2], [[0, 0], [1, 0], [2, 1], [0, 0]])",
        [A(1, 4, 4, 2), A(2, 3, 2, 2)],
    ),
    OpCase(
        "conv2d_batch_dims",
        "lambda x, w: tf.nn.conv2d(x, w, 1, 'SAME')",
        [A(2, 1, 3, 3, 2), A(2, 2, 2, 2)],
    ),
    OpCase(
        "conv2d_grouped_value",
        "lambda x, w: tf.nn.conv2d(x, w, 1, 'SAME')",
        [CONST(1, 3, 3, 4), CONST(2, 2, 2, 6)],
        note="value only: TF's CPU kernels have no gradient for grouped convolutions",
    ),
    OpCase(
        "conv2d_dilated_value",
        "lambda x, w: tf.nn.conv2d(x, w, 2, 'SAME', dilations=2)",
        [CONST(1, 7, 6, 2), CONST(2, 2, 2, 2)],
        note="value only: TF's CPU Conv2D has no gradient for dilations > 1",
    ),
    OpCase(
        "convolution_dilated",
        "lambda x, w: tf.nn.convolution(x, w, padding='SAME', dilations=2)",
        [A(1, 5, 5, 2), A(2, 2, 2, 3)],
    ),
    OpCase(
        "convolution_dilated_valid",
        "lambda x, w: tf.nn.convolution(x, w, padding='VALID', dilations=[2, 1])",
        [A(1, 5, 4, 1), A(2, 2, 1, 2)],
    ),
    OpCase(
        "atrous_conv2d",
        "lambda x, w: tf.nn.atrous_conv2d(x, w, 2, 'VALID')",
        [A(1, 5, 5, 1), A(2, 2, 1, 2)],
    ),
    # -- conv1d / conv3d ---------------------------------------------------------
    OpCase("conv1d", "lambda x, w: tf.nn.conv1d(x, w, 1, 'SAME')", [A(2, 5, 2), A(3, 2, 3)]),
    OpCase(
        "conv1d_stride2_valid",
        "lambda x, w: tf.nn.conv1d(x, w, 2, 'VALID')",
        [A(1, 7, 2), A(2, 2, 2)],
    ),
    OpCase(
        "conv3d",
        "lambda x, w: tf.nn.conv3d(x, w, [1, 1, 2, 1, 1], 'SAME')",
        [A(1, 3, 4, 3, 2), A(2, 2, 2, 2, 2)],
    ),
    # -- transposed ---------------------------------------------------------------
    OpCase(
        "conv2d_transpose_same",
        "lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 6, 5, 2], 2, 'SAME')",
        [A(1, 3, 3, 3), A(3, 3, 2, 3)],
    ),
    OpCase(
        "conv2d_transpose_valid",
        "lambda x, w: tf.nn.conv2d_transpose(x, w, [2, 7, 5, 1], [2, 1], 'VALID')",
        [A(2, 3, 3, 2), A(3, 3, 1, 2)],
    ),
    OpCase(
        "conv2d_transpose_explicit",
        "lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 5, 4, 1], 2, "
        "[[0, 0], [1, 1], [0, 1], [0, 0]])",
        [A(1, 3, 2, 2), A(2, 3, 1, 2)],
    ),
    OpCase(
        "conv1d_transpose",
        "lambda x, w: tf.nn.conv1d_transpose(x, w, [1, 8, 2], 2, 'SAME')",
        [A(1, 4, 3), A(3, 2, 3)],
    ),
    OpCase(
        "conv3d_transpose",
        "lambda x, w: tf.nn.conv3d_transpose(x, w, [1, 2, 4, 4, 1], [1, 1, 2, 2, 1], 'SAME')",
        [A(1, 2, 2, 2, 2), A(2, 2, 2, 1, 2)],
    ),
    OpCase(
        "conv_transpose_generic",
        "lambda x, w: tf.nn.conv_transpose(x, w, [1, 5, 5, 2], 2, 'VALID')",
        [A(1, 2, 2, 3), A(3, 3, 2, 3)],
    ),
    # -- depthwise / separable ------------------------------------------------------
    OpCase(
        "depthwise_conv2d",
        "lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], 'SAME')",
        [A(1, 4, 4, 3), A(3, 3, 3, 2)],
    ),
    OpCase(
        "depthwise_conv2d_stride2_valid",
        "lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 2, 2, 1], 'VALID')",
        [A(2, 5, 5, 2), A(2, 2, 2, 1)],
    ),
    OpCase(
        "depthwise_conv2d_dilated",
        "lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], 'SAME', dilations=[2, 2])",
        [A(1, 5, 5, 2), A(2, 2, 2, 2)],
    ),
    OpCase(
        "separable_conv2d",
        "lambda x, d, p: tf.nn.separable_conv2d(x, d, p, [1, 1, 1, 1], 'SAME')",
        [A(1, 4, 4, 2), A(2, 2, 2, 2), A(1, 1, 4, 3)],
    ),
    # -- max pooling --------------------------------------------------------------
    OpCase("max_pool2d_valid", "lambda x: tf.nn.max_pool2d(x, 2, 2, 'VALID')", [A(2, 4, 4, 2)]),
    OpCase(
        "max_pool2d_same_stride2", "lambda x: tf.nn.max_pool2d(x, 3, 2, 'SAME')", [A(1, 5, 4, 2)]
    ),
    OpCase(
        "max_pool2d_overlapping",
        "lambda x: tf.nn.max_pool2d(x, [2, 3], 1, 'VALID')",
        [A(1, 4, 5, 1)],
    ),
    OpCase(
        "max_pool2d_ties",
        "lambda x: tf.nn.max_pool2d(x, 2, 1, 'VALID')",
        [TIES],
        check_grads=False,
        note="ties: TF sends the gradient to the first maximum (row-major); central "
        "differences see a kink",
    ),
    OpCase(
        "max_pool2d_ties_stride2",
        "lambda x: tf.nn.max_pool2d(x, 2, 2, 'VALID')",
        [TIES],
        check_grads=False,
        note="ties: the first maximum of each window gets the gradient",
    ),
    OpCase(
        "max_pool2d_explicit",
        "lambda x: tf.nn.max_pool2d(x, 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]])",
        [A(1, 3, 3, 2)],
        second_order=False,
        forward=False,
        note="TF's MaxPoolGradGrad rejects explicit padding (it also backs forward mode)",
    ),
    OpCase("max_pool1d", "lambda x: tf.nn.max_pool1d(x, 3, 2, 'SAME')", [A(2, 7, 2)]),
    OpCase(
        "max_pool3d",
        "lambda x: tf.nn.max_pool3d(x, 2, [1, 1, 2, 1, 1], 'SAME')",
        [A(1, 3, 4, 3, 2, dtype="float32")],
        **F32,
    ),
    OpCase(
        "max_pool_generic", "lambda x: tf.nn.max_pool(x, [2, 1], [1, 1], 'SAME')", [A(1, 3, 3, 2)]
    ),
    OpCase(
        "pool_max_dilated",
        "lambda x: tf.nn.pool(x, [2, 2], 'MAX', padding='VALID', dilations=[2, 2])",
        [A(1, 5, 5, 2)],
    ),
    # -- average pooling ------------------------------------------------------------
    OpCase("avg_pool2d_valid", "lambda x: tf.nn.avg_pool2d(x, 2, 2, 'VALID')", [A(1, 4, 5, 2)]),
    OpCase("avg_pool2d_same", "lambda x: tf.nn.avg_pool2d(x, 3, 2, 'SAME')", [A(2, 4, 5, 1)]),
    OpCase("avg_pool1d", "lambda x: tf.nn.avg_pool1d(x, 2, 1, 'SAME')", [A(1, 5, 3)]),
    OpCase(
        "avg_pool3d",
        "lambda x: tf.nn.avg_pool3d(x, [2, 2, 1], 1, 'SAME')",
        [A(1, 2, 3, 3, 2, dtype="float32")],
        **F32,
    ),
    OpCase("avg_pool_generic", "lambda x: tf.nn.avg_pool(x, 2, 2, 'SAME')", [A(1, 3, 5, 1)]),
    OpCase(
        "pool_avg_dilated",
        "lambda x: tf.nn.pool(x, [2, 2], 'AVG', padding='VALID', dilations=[2, 1])",
        [A(1, 5, 4, 1)],
    ),
    # -- a small network: conv, bias, relu, pool, softmax loss -------------------------------
    OpCase(
        "conv_relu_pool_chain",
        "lambda x, w, b: tf.reduce_sum(tf.nn.max_pool2d(tf.nn.relu(tf.nn.bias_add("
        "tf.nn.conv2d(x, w, 1, 'SAME'), b)), 2, 2, 'VALID') ** 2)",
        [A(2, 4, 4, 2), A(3, 3, 2, 3), A(3, low=0.5, high=1.0)],
    ),
]
