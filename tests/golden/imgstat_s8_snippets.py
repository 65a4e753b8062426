"""Regression programs for the imgstat helper's fixes of session 8 (issue 14: tf.image's
psnr, ssim, ssim_multiscale, per_image_standardization), each printing what TensorFlow
printed into ``imgstat_s8.json`` (``make_snippets_golden.py imgstat_s8`` under the
TensorFlow virtualenv); ``tests/test_imgstat_s8.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

HELPERS = (
    ERR_SHOW_HELPERS
    + """
def near(t):
    # float32 SSIM sums cancel: 3 significant digits are what both libraries share.
    a = np.vectorize(lambda v: float(f"{v:.3g}") + 0.0, otypes=[object])(np.asarray(t))
    print(t.dtype.name, list(a.shape), a.tolist())

def grads(fn, *xs, out=show):
    # The gradient of a weighted sum of fn(*xs) with respect to each x.
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = fn(*xs)
        w = 1.0 + 0.5 * np.sin(np.arange(int(np.prod(y.shape)))).reshape(y.shape)
        loss = tf.reduce_sum(y * w.astype(y.dtype.name))
    for g in tape.gradient(loss, xs):
        out(g)

def images(shape, dtype='float32', phase=0.0):
    n = int(np.prod(shape))
    return (0.5 + 0.4 * np.sin(np.arange(n) * 0.7 + phase)).reshape(shape).astype(dtype)
"""
)

SNIPPETS, _snippet = snippet_registry(HELPERS)

_snippet(
    "squared_difference_gradient_past_overflow",
    """
    # TF's SquaredDifference gradient is (2 g) (x - y): where 2 (x - y) would overflow
    # and the cotangent is 0 it is 0, not NaN (psnr of an image holding float32's max).
    x = tf.constant([1.0, 3.4e38, -2.0])
    y = tf.constant([0.5, -1.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch([x, y])
        out = tf.reduce_sum(tf.math.squared_difference(x, y) * [0.0, 0.0, 1.5])
    for g in tape.gradient(out, [x, y]):
        show(g)
    a = np.array([[[[0.5], [0.001]]], [[[-0.0016], [3.4028234e38]]]], 'float32')
    b = np.array([[[[44], [2]]], [[[163], [136]]]], 'int32')
    show(tf.image.psnr(a, b, 148.27))
    grads(lambda t: tf.image.psnr(t, b, 148.27), a)
    # TF reads the first image's dtype before converting it: a Python list has none.
    err(lambda: tf.image.psnr([[[1.0]]], [[[0.5]]], 1.0))
    show(tf.image.psnr(np.array([[[1.0]]]), [[[0.5]]], 1.0))
    """,
)

_snippet(
    "per_image_standardization_in_float32",
    """
    # TF casts to float32 first (a float64 input's gradient is float32-rounded) and
    # checks the static shape: rank at least 3, no empty image dimension.
    x = np.array([[[[0.8106907716289895]], [[0.201955394225523]]]])
    show(tf.image.per_image_standardization(x))
    grads(tf.image.per_image_standardization, x)
    show(tf.image.per_image_standardization(np.array([[[1, 200]], [[3, 4]]], 'uint8')))
    err(lambda: tf.image.per_image_standardization(tf.constant([[1.0, 2.0]])))
    err(lambda: tf.image.per_image_standardization(tf.zeros([2, 0, 3, 1])))
    """,
)

_snippet(
    "ssim_images_broadcast_leading_axes",
    """
    # Each image batch is filtered with its own leading axes, which broadcast afterwards.
    a = images([2, 6, 7, 3])
    b = images([6, 7, 3], phase=1.0)
    near(tf.image.ssim(a, b, 1.0, filter_size=3))
    near(tf.image.ssim(b, a, 1.0, filter_size=3))
    near(tf.image.ssim(a, b, 1.0, filter_size=3, return_index_map=True)[:, :2, :2])
    near(tf.image.ssim_multiscale(a, b, 1.0, power_factors=(0.5, 0.5), filter_size=2))
    err(lambda: tf.image.ssim(np.zeros([0]), np.zeros([0]), 1.0))
    err(lambda: tf.image.ssim(images([2, 6, 6, 1]), images([3, 6, 6, 1]), 1.0))
    """,
)

_snippet(
    "ssim_parameters_are_differentiable",
    """
    # max_val, filter_sigma, k1 and k2 are tensors in TF's computation: each gets a
    # gradient (max_val through the cast to the images' dtype).
    a = images([1, 7, 7, 2])
    b = images([1, 7, 7, 2], phase=0.5)
    grads(lambda m, s, k1, k2: tf.image.ssim(a, b, m, filter_size=3, filter_sigma=s,
                                             k1=k1, k2=k2),
          np.float32(1.5), np.float32(1.2), np.float32(0.05), np.float32(0.1), out=near)
    grads(lambda m, s, k1, k2: tf.image.ssim_multiscale(a, b, m, power_factors=(0.3, 0.7),
                                                        filter_size=3, filter_sigma=s,
                                                        k1=k1, k2=k2),
          np.float32(1.5), np.float32(0.8), np.float32(0.05), np.float32(0.1), out=near)
    grads(lambda x, m: tf.image.ssim(x, b.astype('float64'), m, filter_size=3),
          a.astype('float64'), np.float64(2.0), out=near)
    """,
)

_snippet(
    "ssim_parameters_follow_tf_dtype_rules",
    """
    # filter_size becomes an int32 constant, filter_sigma a float32 one (a tensor must
    # already have that dtype), k1 and k2 multiply the float32 max_val.
    a = images([1, 8, 8, 1])
    b = images([1, 8, 8, 1], phase=0.3)
    near(tf.image.ssim(a, b, 1.0, filter_size=np.float64(3.0)))
    near(tf.image.ssim(a, b, 1.0, filter_size=3, k1=np.float64(0.05)))
    near(tf.image.ssim(a, b, tf.constant(2.0, tf.float64), filter_size=3))
    err(lambda: tf.image.ssim(a, b, 1.0, filter_size=2.5))
    err(lambda: tf.image.ssim(a, b, 1.0, filter_size=3, k1=tf.constant(0.01, tf.float64)))
    err(lambda: tf.image.ssim(a, b, 1.0, filter_size=3,
                              filter_sigma=tf.constant(1.5, tf.float64)))
    err(lambda: tf.image.ssim(a, b, 1.0))
    err(lambda: tf.image.ssim(a, b, 1.0, filter_size=0))
    err(lambda: tf.image.ssim(a, b, 1.0, filter_size=-1))
    err(lambda: tf.image.ssim_multiscale(a, b, 1.0, power_factors=(0.5, 0.5), filter_size=5))
    """,
)

_snippet(
    "ssim_max_val_in_the_images_dtype",
    """
    # max_val is cast to the images' dtype first: NaN becomes 0 for uint8 images.
    a = (images([9, 9, 2]) * 255).astype('uint8')
    b = (images([9, 9, 2], phase=2.0) * 255).astype('uint8')
    near(tf.image.ssim_multiscale(a, b, np.nan, power_factors=(0.0, 0.9), filter_sigma=2,
                                  filter_size=3))
    near(tf.image.ssim(a, b, 300.7, filter_size=3))
    near(tf.image.ssim(a, b, np.nan, filter_size=3))
    """,
)

_snippet(
    "convolution_filter_without_elements",
    """
    # TF's convolution kernels refuse a filter with a zero dimension before they look at
    # the depths.
    x = tf.ones([1, 4, 4, 2])
    err(lambda: tf.nn.depthwise_conv2d(x, tf.ones([0, 0, 2, 1]), [1, 1, 1, 1], 'VALID'))
    err(lambda: tf.nn.depthwise_conv2d(x, tf.ones([2, 2, 3, 0]), [1, 1, 1, 1], 'VALID'))
    err(lambda: tf.nn.conv2d(x, tf.ones([0, 2, 3, 1]), 1, 'VALID'))
    err(lambda: tf.nn.conv1d(tf.ones([1, 4, 2]), tf.ones([0, 2, 1]), 1, 'VALID'))
    err(lambda: tf.nn.conv3d(tf.ones([1, 4, 4, 4, 2]), tf.ones([0, 2, 2, 2, 1]), [1] * 5,
                             'VALID'))
    """,
)

_snippet(
    "sobel_edges_gradient",
    """
    # tapeflow's adjoint of the Sobel filters (separable, exactly 0 where the responses
    # are identically 0); TF's values where the gradient is not rounding noise.
    x = images([2, 4, 5, 2], phase=0.1)
    grads(tf.image.sobel_edges, x.astype('float64'))
    grads(lambda t: tf.image.sobel_edges(t) ** 2, x.astype('float64'))
    near(tf.image.sobel_edges(tf.constant(images([1, 2, 2, 1]) * 0 + 0.5)))
    err(lambda: tf.image.sobel_edges(tf.ones([4, 4, 1])))
    """,
)
