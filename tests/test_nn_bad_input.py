"""tf.nn: bad input raises TensorFlow's exception class and message; plus the checks
the golden cases cannot make against TensorFlow (random dropout masks, grouped and
dilated convolution gradients that TF's CPU kernels lack, channels-first layouts,
vectorized Jacobians through every rule). Messages were read from TensorFlow 2.21."""

from __future__ import annotations

import re

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.test import check_grads

RNG = np.random.default_rng(7)


def rand(*shape):
    return RNG.standard_normal(shape)


def raises(cls, text):
    return pytest.raises(cls, match=re.escape(text))


X4 = tf.constant(rand(1, 5, 5, 4))


# --------------------------------------------------------------------------
# Convolutions: bad input
# --------------------------------------------------------------------------
def test_conv2d_depth_not_divisible():
    with raises(
        tf.errors.InvalidArgumentError,
        "input depth must be evenly divisible by filter depth: 4 vs 3 [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, tf.constant(rand(3, 3, 3, 6)), 1, "SAME")


def test_conv2d_output_depth_not_divisible_by_groups():
    with raises(
        tf.errors.InvalidArgumentError,
        "output depth must be evenly divisible by number of groups: 5 vs 2",
    ):
        tf.nn.conv2d(X4, tf.constant(rand(3, 3, 2, 5)), 1, "SAME")


@pytest.mark.parametrize("padding", ["FOO", "same"])
def test_conv2d_bad_padding_string(padding):
    with raises(
        tf.errors.InvalidArgumentError,
        f"Value for attr 'padding' of \"{padding}\" is "
        'not in the list of allowed values: "SAME", "VALID", "EXPLICIT"',
    ):
        tf.nn.conv2d(X4, tf.constant(rand(3, 3, 4, 2)), 1, padding)


def test_conv3d_bad_padding_string_has_no_explicit():
    with raises(
        tf.errors.InvalidArgumentError,
        'of "FOO" is not in the list of allowed values: "SAME", "VALID"\n',
    ):
        tf.nn.conv3d(
            tf.constant(rand(1, 2, 3, 3, 2)), tf.constant(rand(1, 1, 1, 2, 2)), [1] * 5, "FOO"
        )


def test_conv2d_explicit_string_is_a_value_error():
    with raises(ValueError, "'EXPLICIT' is not a valid value for `padding`"):
        tf.nn.conv2d(X4, tf.constant(rand(3, 3, 4, 2)), 1, "EXPLICIT")


def test_conv2d_explicit_padding_list_checks():
    w = tf.constant(rand(3, 3, 4, 2))
    with raises(
        ValueError,
        "When padding is a list, it must be of size 4. Received: "
        "padding=[[1, 2], [0, 1]] of size 2",
    ):
        tf.nn.conv2d(X4, w, 1, [[1, 2], [0, 1]])
    with raises(
        ValueError,
        "each element of `padding` must be a list/tuple of size 2. "
        "Received: padding=[[0, 0], [1], [1, 1], [0, 0]] with element at index 1 of size 1",
    ):
        tf.nn.conv2d(X4, w, 1, [[0, 0], [1], [1, 1], [0, 0]])
    with raises(
        tf.errors.InvalidArgumentError,
        "Nonzero explicit padding in the batch or depth dimensions is not supported [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, w, 1, [[0, 1], [1, 2], [0, 1], [0, 0]])


@pytest.mark.parametrize(("fn", "fmt", "allowed"), [
    (lambda fmt: tf.nn.conv2d(X4, tf.constant(rand(1, 1, 4, 2)), 1, "SAME", data_format=fmt),
     "NHCW", '"NHWC", "NCHW"'),
    (lambda fmt: tf.nn.conv3d(tf.constant(rand(1, 2, 2, 2, 1)), tf.constant(rand(1, 1, 1, 1, 1)),
                              [1] * 5, "SAME", data_format=fmt), "NHWC", '"NDHWC", "NCDHW"'),
    (lambda fmt: tf.nn.depthwise_conv2d(X4, tf.constant(rand(2, 2, 4, 1)), [1, 1, 1, 1], "SAME",
                                        data_format=fmt), "NHCW", '"NHWC", "NCHW"'),
    (lambda fmt: tf.nn.conv2d_transpose(X4, tf.constant(rand(2, 2, 3, 4)), [1, 5, 5, 3], 1,
                                        "SAME", data_format=fmt), "NHCW", '"NHWC", "NCHW"'),
    (lambda fmt: tf.nn.avg_pool2d(X4, 2, 1, "SAME", data_format=fmt), "NHCW", '"NHWC", "NCHW"'),
    (lambda fmt: tf.nn.max_pool2d(X4, 2, 1, "SAME", data_format=fmt), "NHCW",
     '"NHWC", "NCHW", "NCHW_VECT_C"'),
])  # fmt: skip
def test_bad_data_format(fn, fmt, allowed):
    with raises(
        tf.errors.InvalidArgumentError,
        f"Value for attr 'data_format' of \"{fmt}\" is "
        f"not in the list of allowed values: {allowed}",
    ):
        fn(fmt)


def test_conv1d_bad_data_format_is_a_value_error():
    with raises(ValueError, "`data_format` must be 'NWC' or 'NCW'. Received: data_format=NDHWC"):
        tf.nn.conv1d(
            tf.constant(rand(2, 5, 4)), tf.constant(rand(2, 4, 3)), 1, "SAME", data_format="NDHWC"
        )


def test_conv_strides_and_dilations():
    w = tf.constant(rand(3, 3, 4, 2))
    with raises(
        ValueError, "strides should be of length 1, 2 or 4. Received: strides=[2, 1, 1] of length 3"
    ):
        tf.nn.conv2d(X4, w, [2, 1, 1], "SAME")
    with raises(
        ValueError,
        "dilations should be of length 1, 2 or 4. Received: dilations=[1, 1, 1] of length 3",
    ):
        tf.nn.conv2d(X4, w, 1, "SAME", dilations=[1, 1, 1])
    with raises(
        ValueError, "stride should be of length 1, 1 or 3. Received: stride=[1, 1] of length 2"
    ):
        tf.nn.conv1d(tf.constant(rand(2, 5, 4)), tf.constant(rand(2, 4, 3)), [1, 1], "SAME")
    with raises(
        tf.errors.UnimplementedError,
        "Current implementation does not yet support "
        "strides in the batch and depth dimensions. [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, w, [2, 1, 1, 1], "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "Current implementation does not yet support "
        "dilations in the batch and depth dimensions. [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, w, 1, "SAME", dilations=[2, 1, 1, 1])
    with raises(tf.errors.InvalidArgumentError, "Stride must be > 0, but got 0 [Op:Conv2D]"):
        tf.nn.conv2d(X4, w, 0, "SAME")


def test_conv_ranks_and_dtypes():
    with raises(
        tf.errors.InvalidArgumentError,
        "convolution input must be 4-dimensional: [5,5,4] [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4[0], tf.constant(rand(3, 3, 4, 2)), 1, "VALID")
    with raises(
        tf.errors.InvalidArgumentError,
        "convolution filter must be 4-dimensional: [3,4,2] [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, tf.constant(rand(3, 4, 2)), 1, "VALID")
    with raises(
        tf.errors.InvalidArgumentError,
        "cannot compute Conv2D as input #1(zero-based) "
        "was expected to be a double tensor but is a float tensor [Op:Conv2D]",
    ):
        tf.nn.conv2d(X4, tf.constant(rand(3, 3, 4, 2), tf.float32), 1, "VALID")


def test_conv3d_and_depthwise_need_equal_depths():
    with raises(
        tf.errors.InvalidArgumentError,
        "input and filter must have the same depth: 4 vs 2 [Op:Conv3D]",
    ):
        tf.nn.conv3d(X4[None], tf.constant(rand(2, 2, 2, 2, 4)), [1] * 5, "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "input and filter must have the same depth: 4 vs 3 [Op:DepthwiseConv2dNative]",
    ):
        tf.nn.depthwise_conv2d(X4, tf.constant(rand(3, 3, 3, 2)), [1, 1, 1, 1], "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "Current implementation only supports equal "
        "length strides in the row and column dimensions.",
    ):
        tf.nn.depthwise_conv2d(X4, tf.constant(rand(3, 3, 4, 2)), [1, 1, 2, 1], "SAME")


def test_conv2d_transpose_checks():
    w = tf.constant(rand(3, 3, 3, 4))
    with raises(
        tf.errors.InvalidArgumentError,
        "Conv2DCustomBackpropInput: input depth must be "
        "evenly divisible by filter depth [Op:Conv2DBackpropInput]",
    ):
        tf.nn.conv2d_transpose(X4, tf.constant(rand(3, 3, 2, 6)), [1, 10, 10, 2], 2, "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "Conv2DCustomBackpropInput: input depth must be evenly divisible by filter depth",
    ):
        tf.nn.conv2d_transpose(X4, w, [1, 10, 10, 5], 2, "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "Conv2DCustomBackpropInput: Size of out_backprop "
        "doesn't match computed: actual = 5, computed = 6 spatial_dim: 1 input: 11 "
        "filter: 3 output: 5 stride: 2 dilation: 1 [Op:Conv2DBackpropInput]",
    ):
        tf.nn.conv2d_transpose(X4, w, [1, 11, 11, 3], 2, [[0, 0], [1, 1], [1, 0], [0, 0]])


# --------------------------------------------------------------------------
# Pooling: bad input
# --------------------------------------------------------------------------
def test_pool_bad_padding():
    with raises(
        tf.errors.InvalidArgumentError,
        "Value for attr 'padding' of \"FOO\" is not in "
        'the list of allowed values: "SAME", "VALID", "EXPLICIT"',
    ):
        tf.nn.max_pool2d(X4, 2, 1, "FOO")
    with raises(
        tf.errors.InvalidArgumentError,
        "Value for attr 'padding' of \"FOO\" is not in "
        'the list of allowed values: "SAME", "VALID"\n',
    ):
        tf.nn.avg_pool2d(X4, 2, 1, "FOO")
    with raises(
        TypeError, "Expected string for argument 'padding' not [[0, 0], [1, 0], [0, 1], [0, 0]]."
    ):
        tf.nn.avg_pool2d(X4, 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]])
    with raises(
        tf.errors.InvalidArgumentError,
        "Nonzero explicit padding in the batch or depth dimensions is not supported [Op:MaxPool]",
    ):
        tf.nn.max_pool2d(X4, 2, 1, [[1, 1], [0, 0], [0, 0], [0, 0]])


def test_pool_windows_and_ranks():
    with raises(
        ValueError, "ksize should be of length 1, 2 or 4. Received: ksize=[2, 2, 2] of length 3"
    ):
        tf.nn.max_pool2d(X4, [2, 2, 2], 1, "SAME")
    with raises(
        tf.errors.UnimplementedError,
        "Pooling is not yet supported on the batch dimension. [Op:MaxPool]",
    ):
        tf.nn.max_pool2d(X4, [2, 2, 2, 1], [1, 1, 1, 1], "SAME")
    with raises(tf.errors.InvalidArgumentError, "Input must be 4 or 5-dimensional [Op:AvgPool]"):
        tf.nn.avg_pool2d(X4[0], 2, 1, "SAME")
    with raises(
        tf.errors.InvalidArgumentError,
        "Value for attr 'T' of int32 is not in the list "
        "of allowed values: half, bfloat16, float, double",
    ):
        tf.nn.avg_pool2d(tf.ones([1, 2, 2, 1], tf.int32), 2, 1, "SAME")
    with raises(ValueError, "2-D SUM pooling is not supported."):
        tf.nn.pool(X4, [2, 2], "SUM")
    with raises(
        ValueError,
        "pooling with 'SAME' padding is not implemented for `dilation_rate` "
        "> 1. Received: padding=SAME and dilation_rate=[2 2]",
    ):
        tf.nn.pool(X4, [2, 2], "AVG", padding="SAME", dilations=[2, 2])
    with raises(
        ValueError,
        "`strides > 1` not supported in conjunction with `dilation_rate > 1`. "
        "Received: strides=[2 2] and dilation_rate=[2 2]",
    ):
        tf.nn.pool(X4, [2, 2], "MAX", strides=[2, 2], dilations=[2, 2])
    with raises(ValueError, "Shape (5, 5, 4) must have rank 4"):
        tf.nn.pool(X4[0], [2, 2], "MAX")


def test_max_pool_of_integers_works_avg_pool_does_not():
    x = tf.constant([[[[1], [2]], [[3], [4]]]], tf.int64)
    assert tf.nn.max_pool2d(x, 2, 1, "VALID").numpy().tolist() == [[[[4]]]]


def test_window_larger_than_input_gives_empty_output():
    assert tf.nn.max_pool2d(X4, 6, 1, "VALID").shape == [1, 0, 0, 4]
    assert tf.nn.conv2d(X4[:, :2], tf.constant(rand(3, 3, 4, 6)), 1, "VALID").shape == [1, 0, 3, 6]


# --------------------------------------------------------------------------
# Activations, losses, normalization: bad input
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("fn", "op"), [
    (tf.nn.elu, "Elu"), (tf.nn.selu, "Selu"), (tf.nn.softsign, "Softsign"),
    (tf.nn.softmax, "Softmax"), (tf.nn.log_softmax, "LogSoftmax"), (tf.nn.l2_loss, "L2Loss"),
])  # fmt: skip
def test_float_only_ops_reject_integers(fn, op):
    with raises(
        tf.errors.InvalidArgumentError,
        "Value for attr 'T' of int32 is not in the list "
        f"of allowed values: half, bfloat16, float, double\n\t; NodeDef: {{{{node {op}}}}}",
    ):
        fn(tf.constant([1, -2, 9]))


def test_activation_dtype_rules():
    with raises(
        ValueError,
        "`features.dtype` must be a floating point tensor.Received:features.dtype=<dtype: 'int32'>",
    ):
        tf.nn.gelu(tf.constant([1, -2]))
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'T' of bool is not in the list"):
        tf.nn.relu6(tf.constant([True]))
    assert tf.nn.relu6(tf.constant([1, -2, 9])).numpy().tolist() == [1, 0, 6]
    leaky = tf.nn.leaky_relu(tf.constant([1, -2, 9]))  # integers become float32
    assert leaky.dtype == tf.float32
    np.testing.assert_allclose(leaky.numpy(), [1.0, -0.4, 9.0], rtol=1e-6)
    # alpha is a 32-bit attr, as in TF: float64 inputs see float32(0.2).
    assert tf.nn.leaky_relu(tf.constant([-2.0], tf.float64)).numpy()[0] == -2 * float(
        np.float32(0.2)
    )


def test_softmax_axis_out_of_range():
    with raises(
        tf.errors.InvalidArgumentError,
        "`dim` must be in the range [-2, 2) where 2 is the "
        "number of dimensions in the input. Received: dim=2",
    ):
        tf.nn.softmax(tf.ones([2, 3]), axis=2)
    with raises(tf.errors.InvalidArgumentError, "Received: dim=-3"):
        tf.nn.log_softmax(tf.ones([2, 3]), axis=-3)


def test_cross_entropy_bad_input():
    logits = tf.constant([[1.0, 2, 3], [1, 1, 1]])
    with raises(
        tf.errors.InvalidArgumentError,
        "logits and labels must be broadcastable: "
        "logits_size=[2,4] labels_size=[2,3] [Op:SoftmaxCrossEntropyWithLogits]",
    ):
        tf.nn.softmax_cross_entropy_with_logits(tf.ones([2, 3]), tf.ones([2, 4]))
    with raises(
        tf.errors.InvalidArgumentError,
        "Received a label value of 5 which is outside the "
        "valid range of [0, 3).  Label values: 5 0 "
        "[Op:SparseSoftmaxCrossEntropyWithLogits]",
    ):
        tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([5, 0]), logits)
    with raises(tf.errors.InvalidArgumentError, "Received a label value of -1 which is outside"):
        tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([-1, 0]), logits)
    with raises(
        ValueError,
        "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
        "labels.shape=(1, 2) of rank 2 and logits.shape=(2, 3) of rank 2",
    ):
        tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([[2, 0]]), logits)
    with raises(
        ValueError,
        "`labels.shape` must equal `logits.shape` except for the last "
        "dimension. Received: labels.shape=(3,) and logits.shape=(2, 3)",
    ):
        tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([2, 0, 1]), logits)
    with raises(
        tf.errors.InvalidArgumentError,
        "Value for attr 'Tlabels' of float is not in the list of allowed values: int32, int64",
    ):
        tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([2.0, 0.0]), logits)
    with raises(
        ValueError, "`logits` and `labels` must have the same shape, received ((3,) vs (2,))."
    ):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones([2]), logits=tf.ones([3]))
    with raises(
        ValueError, "`logits` and `labels` must have the same shape, received ((3,) vs (2,))."
    ):
        tf.nn.weighted_cross_entropy_with_logits(tf.ones([2]), tf.ones([3]), 2.0)
    with raises(
        ValueError, "`log_input` and `targets` must have the same shape, received ((4,) vs (3,))."
    ):
        tf.nn.log_poisson_loss(tf.ones([3]), tf.ones([4]))


def test_softmax_cross_entropy_casts_labels_to_the_logits_dtype():
    loss = tf.nn.softmax_cross_entropy_with_logits(tf.constant([[0, 1]]), tf.constant([[1.0, 2.0]]))
    np.testing.assert_allclose(loss.numpy(), [0.31326166], rtol=1e-6)


def test_bias_add_bad_input():
    with raises(
        ValueError,
        "`data_format` must be of the form `N...C` or `NC...`. Received: data_format=CHWN",
    ):
        tf.nn.bias_add(tf.ones([1, 2, 3]), tf.ones([3]), data_format="CHWN")
    with raises(
        tf.errors.InvalidArgumentError,
        "Must provide as many biases as the last "
        "dimension of the input tensor: [3] vs. [2,4] [Op:BiasAdd]",
    ):
        tf.nn.bias_add(tf.ones([2, 4]), tf.ones([3]))
    with raises(tf.errors.InvalidArgumentError, "Biases must be 1D: [1,3] [Op:BiasAdd]"):
        tf.nn.bias_add(tf.ones([2, 3]), tf.ones([1, 3]))
    with raises(tf.errors.InvalidArgumentError, "Input tensor must be at least 2D: [3]"):
        tf.nn.bias_add(tf.ones([3]), tf.ones([3]))
    with raises(
        tf.errors.InvalidArgumentError,
        "cannot compute BiasAdd as input #1(zero-based) "
        "was expected to be a float tensor but is a double tensor [Op:BiasAdd]",
    ):
        tf.nn.bias_add(tf.ones([2, 3]), tf.ones([3], tf.float64))
    assert tf.nn.bias_add(tf.ones([2, 3]), [1, 2, 3]).numpy().tolist() == [[2, 3, 4], [2, 3, 4]]


def test_lrn_needs_rank_4():
    with raises(tf.errors.InvalidArgumentError, "in must be 4-dimensional [Op:LRN]"):
        tf.nn.local_response_normalization(tf.ones([1, 1, 3]))


def test_embedding_lookup_bad_ids():
    params = tf.constant([[1.0, 2], [3, 4], [5, 6]])
    with raises(tf.errors.InvalidArgumentError, "indices[0] = 3 is not in [0, 3)"):
        tf.nn.embedding_lookup(params, [3, 0])
    with raises(tf.errors.InvalidArgumentError, "indices[1,0] = 5 is not in [0, 3)"):
        tf.nn.embedding_lookup(params, [[1, 0], [5, 7]])
    with raises(tf.errors.InvalidArgumentError, "Value for attr 'Tindices' of float"):
        tf.nn.embedding_lookup(params, [1.0, 0.0])


def test_embedding_lookup_partitions_and_dense_gradient():
    parts = [tf.Variable([[1.0, 2], [3, 4]]), tf.Variable([[5.0, 6]])]
    with tf.GradientTape() as tape:
        rows = tf.nn.embedding_lookup(parts, [2, 0, 2])
    assert rows.numpy().tolist() == [[5, 6], [1, 2], [5, 6]]
    grads = tape.gradient(rows, parts)
    assert grads[0].numpy().tolist() == [[1, 1], [0, 0]]
    assert grads[1].numpy().tolist() == [[2, 2]]  # repeated ids add up


# --------------------------------------------------------------------------
# Dropout (random, so not in the golden cases)
# --------------------------------------------------------------------------
def test_dropout_bad_input():
    for rate in (1.0, -0.1):
        with raises(
            ValueError,
            f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}",
        ):
            tf.nn.dropout(tf.ones([3]), rate)
    with raises(
        ValueError,
        "`x.dtype` must be a floating point tensor as `x` will be scaled. "
        "Received: x_dtype=<dtype: 'int32'>",
    ):
        tf.nn.dropout(tf.ones([3], tf.int32), 0.5)
    with raises(
        tf.errors.InvalidArgumentError,
        "condition [3,1], then [2,3], and else [] must be broadcastable",
    ):
        tf.nn.dropout(tf.ones([2, 3]), 0.5, noise_shape=[3, 1], seed=1)


def test_dropout_is_seeded_scaled_and_masked_in_the_gradient():
    x = tf.constant(rand(200, 50))
    tf.random.set_seed(3)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.dropout(x, rate=0.25, seed=5)
    tf.random.set_seed(3)
    again = tf.nn.dropout(x, rate=0.25, seed=5)
    np.testing.assert_array_equal(y.numpy(), again.numpy())
    kept = y.numpy() != 0
    assert abs(kept.mean() - 0.75) < 0.02
    np.testing.assert_allclose(y.numpy()[kept], x.numpy()[kept] / 0.75)
    grad = tape.gradient(y, x).numpy()
    np.testing.assert_allclose(grad, kept / 0.75)


def test_dropout_noise_shape_rate_zero_and_tensor_rate():
    y = tf.nn.dropout(tf.ones([4, 100]), 0.5, noise_shape=[1, 100], seed=2).numpy()
    assert (y == y[:1]).all()  # one mask shared along the first axis
    y = tf.nn.dropout(tf.ones([4, 100]), 0.5, noise_shape=[None, 1], seed=2).numpy()
    assert (y == y[:, :1]).all()
    x = tf.ones([3])
    assert tf.nn.dropout(x, 0.0) is x
    y = tf.nn.dropout(tf.ones([1000]), tf.constant(0.5), seed=4).numpy()
    assert set(np.unique(y).tolist()) == {0.0, 2.0}


# --------------------------------------------------------------------------
# What TF's CPU kernels cannot differentiate, checked against central differences
# --------------------------------------------------------------------------
def _check(f, *args, order=2):
    check_grads(f, [np.asarray(a, np.float64) for a in args], order=order, modes=("fwd", "rev"))


def test_grouped_conv_is_per_group_convs_and_differentiable():
    x, w = rand(2, 4, 4, 6), rand(3, 3, 2, 6)
    y = tf.nn.conv2d(tf.constant(x), tf.constant(w), 1, "SAME").numpy()
    parts = [tf.nn.conv2d(tf.constant(x[..., 2 * g : 2 * g + 2]),
                          tf.constant(w[..., 2 * g : 2 * g + 2]), 1, "SAME").numpy()
             for g in range(3)]  # fmt: skip
    np.testing.assert_allclose(y, np.concatenate(parts, axis=-1), rtol=1e-12)
    _check(lambda x, w: tf.nn.conv2d(x, w, 2, "SAME"), x, w)


def test_dilated_convolutions_are_differentiable():
    _check(lambda x, w: tf.nn.conv2d(x, w, [2, 1], "SAME", dilations=[1, 2]),
           rand(1, 6, 7, 2), rand(2, 3, 2, 3))  # fmt: skip
    _check(lambda x, w: tf.nn.conv1d(x, w, 1, "VALID", dilations=2), rand(2, 7, 2), rand(3, 2, 2))
    _check(lambda x, w: tf.nn.conv3d(x, w, [1] * 5, "SAME", dilations=[1, 2, 1, 2, 1]),
           rand(1, 3, 3, 4, 1), rand(2, 2, 2, 1, 2))  # fmt: skip
    _check(lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 7, 7, 2], 1, "VALID", dilations=2),
           rand(1, 3, 3, 3), rand(3, 3, 2, 3))  # fmt: skip


def test_convolutions_are_closed_under_differentiation_to_third_order():
    _check(lambda x, w: tf.nn.conv2d(x, w, 2, "SAME") ** 2, rand(1, 4, 3, 2), rand(2, 2, 2, 2),
           order=3)  # fmt: skip
    _check(lambda x: tf.nn.max_pool2d(x, 2, 1, "SAME") ** 3, rand(1, 3, 3, 2), order=3)


@pytest.mark.parametrize("layout", ["NCHW", "NCW", "NCDHW"])
def test_channels_first_matches_channels_last(layout):
    nd = len(layout) - 2
    x = rand(2, 3, *([5] * nd))
    w = rand(*([2] * nd), 3, 4)
    last = (0, *range(2, nd + 2), 1)
    first = (0, nd + 1, *range(1, nd + 1))
    conv = {1: tf.nn.conv1d, 2: tf.nn.conv2d, 3: tf.nn.conv3d}[nd]
    strides = 2 if nd < 3 else [1] * 5
    got = conv(tf.constant(x), tf.constant(w), strides, "SAME", data_format=layout).numpy()
    want = conv(tf.constant(x.transpose(last)), tf.constant(w), strides, "SAME").numpy()
    np.testing.assert_allclose(got, want.transpose(first), rtol=1e-12)
    got = tf.nn.max_pool(tf.constant(x), 2, 2, "SAME", data_format=layout).numpy()
    want = tf.nn.max_pool(tf.constant(x.transpose(last)), 2, 2, "SAME").numpy()
    np.testing.assert_allclose(got, want.transpose(first))
    got = tf.nn.avg_pool(tf.constant(x), 3, 1, "SAME", data_format=layout).numpy()
    want = tf.nn.avg_pool(tf.constant(x.transpose(last)), 3, 1, "SAME").numpy()
    np.testing.assert_allclose(got, want.transpose(first), rtol=1e-12)


def test_depthwise_channels_first_and_bias_add_ncw():
    x, w = rand(1, 3, 4, 4), rand(2, 2, 3, 2)
    got = tf.nn.depthwise_conv2d(tf.constant(x), tf.constant(w), [1, 1, 1, 1], "SAME",
                                 data_format="NCHW").numpy()  # fmt: skip
    want = tf.nn.depthwise_conv2d(tf.constant(x.transpose(0, 2, 3, 1)), tf.constant(w),
                                  [1, 1, 1, 1], "SAME").numpy()  # fmt: skip
    np.testing.assert_allclose(got, want.transpose(0, 3, 1, 2), rtol=1e-12)
    y = tf.nn.bias_add(tf.zeros([1, 3, 2]), tf.constant([1.0, 2.0, 3.0]), data_format="NCW")
    assert y.numpy()[0, :, 0].tolist() == [1, 2, 3]


# --------------------------------------------------------------------------
# Vectorized Jacobians (a leading batch axis in every cotangent) agree with the loop
# --------------------------------------------------------------------------
JACOBIAN_CASES = {
    "conv2d": (lambda x, w: tf.nn.conv2d(x, w, 2, "SAME"), (1, 4, 4, 2), (2, 2, 2, 2)),
    "conv2d_grouped": (lambda x, w: tf.nn.conv2d(x, w, 1, "VALID"), (1, 3, 3, 4), (2, 2, 2, 2)),
    "depthwise": (lambda x, w: tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME"), (1, 3, 3, 2),
                  (2, 2, 2, 2)),
    "conv2d_transpose": (lambda x, w: tf.nn.conv2d_transpose(x, w, [1, 4, 4, 1], 2, "SAME"),
                         (1, 2, 2, 2), (3, 3, 1, 2)),
    "max_pool": (lambda x, w: tf.nn.max_pool2d(x * w, 2, 1, "SAME"), (1, 3, 3, 2), (2,)),
    "avg_pool": (lambda x, w: tf.nn.avg_pool2d(x * w, 2, 2, "SAME"), (1, 3, 3, 2), (2,)),
    # LRN has no float64 kernel (TF's, and so tapeflow's): it runs in float32.
    "lrn": (lambda x, w: tf.nn.local_response_normalization(tf.cast(x * w, tf.float32), 1),
            (1, 2, 2, 3), (3,)),
    "sparse_xent": (lambda x, w: tf.nn.sparse_softmax_cross_entropy_with_logits(
        tf.constant([1, 0, 2]), x * w), (3, 3), (3,)),
    "activations": (lambda x, w: tf.nn.elu(x * w) + tf.nn.selu(x) + tf.nn.relu6(x * 3.0)
                    + tf.nn.leaky_relu(x, 0.3) + tf.nn.gelu(x), (2, 3), (3,)),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(JACOBIAN_CASES))
def test_jacobian_vectorized_matches_loop(name):
    f, x_shape, w_shape = JACOBIAN_CASES[name]
    x, w = tf.constant(rand(*x_shape)), tf.constant(rand(*w_shape))
    results = []
    for pfor in (True, False):
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, w])
            with tf.GradientTape() as inner:
                inner.watch([x, w])
                y = f(x, w)
                loss = tf.reduce_sum(y * y)
            gx, gw = inner.gradient(loss, [x, w])
        results.append([outer.jacobian(t, s, experimental_use_pfor=pfor)
                        for t in (y, gx) for s in (x, w)])  # fmt: skip
    for vectorized, looped in zip(*results):
        np.testing.assert_allclose(vectorized.numpy(), looped.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("module", ["tapeflow.nn", "tapeflow.ops.conv", "tapeflow.ops.nn"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module),
                             optionflags=doctest.NORMALIZE_WHITESPACE)  # fmt: skip
    assert result.failed == 0
