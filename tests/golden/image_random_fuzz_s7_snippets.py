"""What the fuzzer's tf.image / tf.random block (tools/fuzz_image_random.py, issue 14,
session 7, helper covimg) found, each as a small program whose output TensorFlow
recorded in ``image_random_fuzz_s7.json`` (``make_snippets_golden.py
image_random_fuzz_s7`` under the TensorFlow virtualenv);
``tests/test_image_random_fuzz_s7.py`` replays them on tapeflow.

``err(fn)`` prints the class and first line of the exception ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5 digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "kernel_dtype_errors_tensor_or_list",
    """
    # Every input a tensor (or a NumPy value): the kernel's dtype error; a Python list
    # among them: the wrapper's conversion (a ValueError).
    x64 = tf.zeros([1, 4, 4, 1], tf.float64)
    err(lambda: tf.image.extract_glimpse(x64, tf.constant([2, 2]), tf.constant([[0.0, 0.0]])))
    err(lambda: tf.image.extract_glimpse(x64, [2, 2], tf.constant([[0.0, 0.0]])))
    err(lambda: tf.image.extract_glimpse(tf.zeros([1, 4, 4, 1], tf.uint8),
                                         np.array([2, 2], np.int32), np.zeros([1, 2], np.float32)))
    boxes, scores = tf.zeros([1, 4]), tf.zeros([1])
    err(lambda: tf.image.non_max_suppression(boxes, scores, tf.constant(3, tf.int64)))
    err(lambda: tf.image.non_max_suppression([[0.0, 0, 1, 1]], scores, tf.constant(3, tf.int64)))
    err(lambda: tf.image.non_max_suppression_with_scores(boxes, scores, tf.constant(3.0)))
    err(lambda: tf.image.non_max_suppression_overlaps(tf.zeros([1, 1]), scores,
                                                      tf.constant(1, tf.int64)))
    err(lambda: tf.image.combined_non_max_suppression(
        tf.zeros([1, 1, 1, 4]), tf.zeros([1, 1, 1]), tf.constant(2, tf.int64), 3))
    err(lambda: tf.image.combined_non_max_suppression(
        tf.zeros([1, 1, 1, 4]), tf.zeros([1, 1, 1]), 2, tf.constant(3, tf.int64)))
    image = tf.zeros([1, 2, 2, 1])
    err(lambda: tf.image.crop_and_resize(image, tf.constant([[0.0, 0, 1, 1]]),
                                         tf.constant([0.0]), tf.constant([1, 1])))
    err(lambda: tf.image.crop_and_resize(image, [[0.0, 0, 1, 1]], tf.constant([0.0]), [1, 1]))
    err(lambda: tf.image.crop_and_resize(image, tf.constant([[0.0, 0, 1, 1]], tf.float64),
                                         tf.constant([0]), tf.constant([1, 1])))
    """,
)

_snippet(
    "draw_bounding_boxes_without_colors",
    """
    # colors=None runs TF's first kernel with its default colour table.
    image = tf.zeros([1, 3, 24, 3])
    boxes = tf.constant([[[0.0, k / 23, 1.0, k / 23] for k in range(0, 24, 2)]])
    out = tf.image.draw_bounding_boxes(image, boxes, None)
    show(out[0, 1])
    show(tf.image.draw_bounding_boxes(tf.zeros([1, 2, 4, 1]), [[[0.0, 0.0, 1.0, 0.0]]], None)[0])
    err(lambda: tf.image.draw_bounding_boxes(image, tf.zeros([1, 1, 4], tf.float64), None))
    err(lambda: tf.image.draw_bounding_boxes(image, tf.zeros([1, 1, 4], tf.float16), None))
    err(lambda: tf.image.draw_bounding_boxes(image, tf.zeros([1, 1, 4], tf.float64),
                                             [[1.0, 0, 0, 1]]))
    err(lambda: tf.image.draw_bounding_boxes(tf.zeros([1, 2, 2, 3], tf.float64),
                                             tf.zeros([1, 1, 4]), None))
    """,
)

_snippet(
    "extract_patches_attribute_checks",
    """
    # (Where two attributes are wrong at once, TF's order varies from process to process.)
    x = tf.zeros([1, 3, 3, 2])
    def patches(sizes, strides, rates, padding="VALID", image=x):
        return tf.image.extract_patches(image, sizes, strides, rates, padding)
    one = [1, 1, 1, 1]
    err(lambda: patches([1, 2, 2, 1], one, one, "same"))
    err(lambda: patches([1, 2, 2, 1], [1, 1, 1], one))
    err(lambda: patches(one, one, one, image=tf.constant([[[["a"]]]])))
    err(lambda: patches(one, one, one, image=tf.constant([[[[True]]]])))
    err(lambda: patches([2, 2, 2, 1], one, one))
    err(lambda: patches([1, 2, 2, 1], [1, 1, 1, 2], one))
    err(lambda: patches([1, 2, 2, 1], one, [2, 1, 1, 1]))
    err(lambda: patches([1, 2, 2, 1], [1, 0, 1, 1], one))
    err(lambda: patches([1, 0, 2, 1], [1, 0, 1, 1], one))
    err(lambda: patches([1, 2, 2, 1], one, [1, 0, 1, 1]))
    err(lambda: patches([1, 7, 2, 1], one, one))
    err(lambda: patches([1, 2**31, 2, 1], one, one))
    err(lambda: patches(tf.constant([1, 2, 2, 1]), one, one))
    err(lambda: patches([1, 2, 2, 1], one, one, None))
    err(lambda: patches([1, 2, 2, 1], one, one, image=tf.zeros([3, 3, 2])))
    print(patches([1, 6, 2, 1], [1, 2, 1, 1], one).shape)
    print(patches([1, 4, 2, 1], one, one).shape)
    print(patches([1, 2, 2, 1, 1], one, [1, 1, 1, 1, 5]).shape)
    print(patches([1, 5, 2, 1], one, [1, 2, 1, 1], "SAME").shape)
    print(patches(one, one, one, image=tf.zeros([1, 0, 3, 2])).shape)
    show(patches([1, 2, 2, 1], [1, 1, 2, 1], one, image=tf.reshape(tf.range(9), [1, 3, 3, 1])))
    """,
)

_snippet(
    "sample_distorted_bounding_box_checks",
    """
    b = tf.constant([[[0.1, 0.1, 0.5, 0.5]]])
    S = tf.image.stateless_sample_distorted_bounding_box
    begin, size, box = S([0, 3, 3], b, [1, 2])
    show(begin); show(size); show(box)
    begin, size, box = S([3, 0, 3], b, [1, 2])
    show(size); show(box)
    err(lambda: S([-1, 3, 3], b, [1, 2]))
    err(lambda: S([0, -1, -1], b, [1, 2]))
    err(lambda: S([2**31 - 1, 3, 3], b, [1, 2]))
    err(lambda: S([3, 3, 3], b, [1, 2], max_attempts=2**31))
    err(lambda: S([0, 3, 3], b, [1, 2], max_attempts=2**31))
    err(lambda: S([3, 3, 3], b, [1, 2], min_object_covered=float("nan")))
    err(lambda: S([3, 3, 3], b, tf.constant([1, 2], tf.uint32)))
    err(lambda: S([3, 3, 3], b, [1, 2], aspect_ratio_range=[1e-300, 1.0]))
    err(lambda: tf.image.sample_distorted_bounding_box([3, 3, 3], b, seed=1, max_attempts=2**31))
    """,
)

_snippet(
    "resize_with_pad_as_tf_computes_it",
    """
    # TF's padding is the floor of the float padding, not of the integer one.
    show(tf.image.resize_with_pad(tf.reshape(tf.range(15.0), [3, 5, 1]), 4, 4)[..., 0])
    show(tf.image.resize_with_pad(tf.reshape(tf.range(21.0), [7, 3, 1]), 5, 6)[..., 0])
    show(tf.image.resize_with_pad(tf.reshape(tf.range(6.0), [1, 2, 3, 1]), 5, 5)[0, ..., 0])
    print(tf.image.resize_with_pad(tf.reshape(tf.range(15), [3, 5, 1]), 4, 4).dtype.name)
    print(tf.image.resize_with_pad(tf.zeros([0, 2, 3, 1]), 4, 4).shape)
    x = tf.zeros([2, 3, 1])
    err(lambda: tf.image.resize_with_pad(x, 0, 4))
    err(lambda: tf.image.resize_with_pad(x, 0, -1))
    err(lambda: tf.image.resize_with_pad(x, tf.constant(0), 4))
    err(lambda: tf.image.resize_with_pad(tf.zeros([0, 3, 1]), 4, 4))
    err(lambda: tf.image.resize_with_pad(tf.zeros([3, 1]), 4, 4))
    err(lambda: tf.image.resize_with_pad(x, 2**31, 2**31))
    """,
)

_snippet(
    "colour_matrices_need_float_images",
    """
    for dtype in (tf.int32, tf.uint8, tf.bool):
        err(lambda: tf.image.rgb_to_yiq(tf.zeros([1, 2, 3], dtype)))
        err(lambda: tf.image.yuv_to_rgb(tf.zeros([1, 2, 3], dtype)))
    err(lambda: tf.image.yiq_to_rgb(tf.zeros([1, 0], tf.uint64)))
    err(lambda: tf.image.rgb_to_yuv(tf.zeros([1, 2, 4])))
    show(tf.image.rgb_to_yiq(tf.constant([[1.0, 0.5, 0.25]], tf.complex64)))
    show(tf.image.yuv_to_rgb(tf.constant([[0.5, 0.1, -0.1]], tf.float16)))
    """,
)

_snippet(
    "ssim_multiscale_empty_power_factors",
    """
    img = tf.random.stateless_uniform([1, 8, 8, 1], seed=[1, 2])
    err(lambda: tf.image.ssim_multiscale(img, img, 1.0, power_factors=(), filter_size=3))
    """,
)

_snippet(
    "adjustments_through_float32",
    """
    # float16/float32 images are adjusted as given; any other dtype goes through
    # convert_image_dtype to float32 and back (saturating for brightness/contrast/gamma).
    u8 = tf.constant([[[192, 5, 45], [202, 245, 51]]], tf.uint8)
    i32 = tf.constant([[[1958303953, 942712831, 1197988064]]], tf.int32)
    f64 = tf.constant([[[0.9228136406926247, 0.3, 0.1], [0.25, 0.5, 0.75]]], tf.float64)
    show(tf.image.adjust_brightness(u8, 0.5))
    show(tf.image.adjust_brightness(i32, 0.999))
    show(tf.image.adjust_brightness(u8, float("nan")))
    show(tf.image.adjust_brightness(tf.constant([[[-3, -3, -2]]], tf.int32), float("nan")))
    show(tf.image.adjust_brightness(f64, 0.1))
    show(tf.image.adjust_contrast(u8, 1.7))
    show(tf.image.adjust_contrast(f64, 1.3))
    show(tf.image.adjust_contrast(tf.constant([[[95, 157], [101, 197]]], tf.uint16), -0.147))
    show(tf.image.adjust_gamma(tf.constant([[[0], [125], [50]]], tf.int8), gamma=2))
    show(tf.image.adjust_gamma(tf.constant([[[14867], [8012]]], tf.int16), 1.617, -0.776))
    show(tf.image.adjust_hue(u8, 0.3))
    show(tf.image.adjust_hue(f64, 0.95))
    show(tf.image.adjust_saturation(u8, 0.4))
    show(tf.image.adjust_saturation(tf.constant([[[9, 102, 10]]], tf.int8), 2.0))
    show(tf.image.rgb_to_grayscale(tf.constant([[27, 248, 38], [203, 33, 25]], tf.uint8)))
    show(tf.image.rgb_to_grayscale(f64))
    """,
)

_snippet(
    "psnr_in_the_images_dtype",
    """
    a = tf.constant([[[44154]], [[47417]], [[16753]]], tf.uint16)
    b = tf.constant([[[13]], [[148]], [[66]]], tf.uint16)
    peak = tf.constant(243.0238674345114, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(peak)
        value = tf.image.psnr(a, b, peak)
    show(value)
    print(tape.gradient(value, peak))
    x = tf.constant([[[0.1, 0.9], [0.4, 0.3]]], tf.float64)
    show(tf.image.psnr(x, x * 0.5, 1.0))
    """,
)

_snippet(
    "raw_ops_convert_python_numbers_to_float32",
    """
    # A list or NumPy array of numbers is converted to the op's default dtype, float32.
    show(tf.image.rgb_to_hsv([[[235, 247, 33]]]))
    show(tf.image.rgb_to_hsv(np.array([[[0.1, 0.5, 0.2]]])))
    show(tf.image.hsv_to_rgb(np.zeros([0, 2, 3], np.int8)))
    err(lambda: tf.image.hsv_to_rgb(tf.zeros([1, 3], tf.int8)))
    err(lambda: tf.image.rgb_to_hsv(tf.zeros([1, 3], tf.int64)))
    show(tf.image.non_max_suppression([[2, 0, 0, 1], [2, 0, 0, 0], [0, 0, 1, 0]],
                                      [0.51, -0.24, 0.98], 2))
    image = np.array([[[[60, 234, 7], [176, 76, 42]]]], np.uint8)
    show(tf.image.draw_bounding_boxes(image, tf.constant([[[0.0, 0.0, 1.0, 1.0]]]),
                                      tf.constant([[0.5, 0.25, 1.0, 1.0]])))
    err(lambda: tf.image.draw_bounding_boxes(image, tf.zeros([1, 0, 4], tf.float16),
                                             tf.constant([[0.5, 0.25, 1.0, 1.0]])))
    """,
)

_snippet(
    "glimpse_far_offsets_and_empty_noise",
    """
    image = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    show(tf.image.extract_glimpse(image, [2, 2], [[9.5e29, 3.5e30]], centered=True,
                                  normalized=False, noise="zero"))
    print(tf.image.extract_glimpse(tf.zeros([0, 3, 3, 3]), [2, 3], tf.zeros([0, 2]),
                                   noise="").shape)
    show(tf.image.extract_glimpse(image, [2, 2], [[0.0, 0.0]], noise=""))
    """,
)

_snippet(
    "non_max_suppression_padded_checks",
    """
    b = tf.constant([[0.0, 0, 1, 1], [0, 0.1, 1, 1.1]])
    s = tf.constant([0.9, 0.8])
    P = tf.image.non_max_suppression_padded
    err(lambda: P(b, s, 2, canonicalized_coordinates=None))
    err(lambda: P(b, s, 2, sorted_input=None))
    err(lambda: P(b, s, 2, tile_size=2**31))
    err(lambda: P(b, s, 2**31))
    err(lambda: P(b, s, 2, tile_size=2**26))
    idx, n = P(b, s, 2, pad_to_max_output_size=None)
    show(idx); show(n)
    """,
)

_snippet(
    "saturate_cast_float_to_int_limits",
    """
    # float32 cannot hold 2**31 - 1: the clamp stops at the float below 2**31 for int32;
    # int64/uint64's limits round up to 2**63 / 2**64 and the cast then overflows as TF's.
    vals = tf.constant([3e9, -3e9, 1e20, -1e20, 2147483520.0, 70000.0, -5.0], tf.float32)
    for dtype in (tf.int32, tf.uint32, tf.int64, tf.uint64, tf.int16, tf.uint8):
        show(tf.saturate_cast(vals, dtype))
        show(tf.saturate_cast(tf.cast(vals, tf.float64), dtype))
    """,
)

_snippet(
    "random_dtypes_shapes_and_limits",
    """
    # Random streams differ by design: only dtypes, shapes, fold_in's data half and errors.
    def meta(fn):
        try:
            r = fn()
            print(r.dtype.name, r.shape)
        except Exception as e:  # an OOM's text names the allocator: the class only
            text = str(e).split(" [Op:")[0].split("}} ")[-1].split(" with shape")[0]
            text = text.split("\\n")[0]
            print(type(e).__name__, text)
    meta(lambda: tf.random.poisson([], np.array(-2.0, np.float32), dtype=None))
    meta(lambda: tf.random.stateless_gamma([3], [0, 1], np.array(3.07), beta=np.array(0.05),
                                           dtype=None))
    meta(lambda: tf.random.stateless_gamma([3], [0, 1], 3.0, beta=2.0, dtype=None))
    meta(lambda: tf.random.stateless_gamma([3], [0, 1], np.array(3.07), dtype=None))
    for seed, data in (([-1, 2**31], 2006872569), (tf.constant([473, 473]), 68991159955),
                       (tf.constant([4, 4], tf.int64), tf.constant(5)), ([1, 2], 7)):
        folded = tf.random.fold_in(seed, data)
        print(folded.dtype.name, folded.shape, int(folded[1]))
    meta(lambda: tf.random.split(np.array([80322, 1], np.int32), num=2.0))
    meta(lambda: tf.random.split([1, 2], num=2**40))
    meta(lambda: tf.random.stateless_categorical([[1.7, 2.9, -1.6]], 2**31, [3, 4]))
    meta(lambda: tf.random.stateless_normal([2**40], [595388, 9818]))
    meta(lambda: tf.random.stateless_gamma([2**40], [0, 6315], [2.3], beta=[[2.9], [2.5]]))
    meta(lambda: tf.random.stateless_poisson([2**40], [0, 6315], 2.0))
    meta(lambda: tf.random.stateless_uniform([2**40], [1, 2]))
    """,
)
