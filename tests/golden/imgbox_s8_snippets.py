"""Regression programs for the imgbox helper's session-8 fixes (issue 14: the box and
resize-with-padding ops of tf.image), each printing what TensorFlow printed into
``imgbox_s8.json`` (``make_snippets_golden.py imgbox_s8`` under the TensorFlow
virtualenv); ``tests/test_imgbox_s8.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)

_snippet(
    "resize_antialias_none_is_the_kernel_default",
    """
    # ScaleAndTranslate's antialias attribute defaults to True: None passed through
    # resize (and resize_with_pad) means antialiased; anything but a bool is refused.
    x = np.arange(24, dtype=np.float32).reshape(2, 6, 2) / 7.0
    show(tf.image.resize_with_pad(x, 2, 3, method="lanczos3", antialias=None))
    show(tf.image.resize(x, [2, 1], method="gaussian", antialias=None))
    show(tf.image.resize(x, [2, 1], method="bilinear", antialias=None))
    err(lambda: tf.image.resize(x, [2, 1], method="mitchellcubic", antialias=0))
    err(lambda: tf.image.resize(x, [2, 1], method="bicubic", antialias=1))
    show(tf.image.resize(x, [2, 1], method="bicubic", antialias=0))
    show(tf.image.resize(x, [2, 1], method="area", antialias="yes"))
    """,
)

_snippet(
    "draw_bounding_boxes_dtype_and_kernel_arithmetic",
    """
    # A NumPy half image keeps its dtype when a list argument sends the call through
    # Python's conversion; without one the fast path makes it float32.
    img = np.full((1, 4, 4, 3), 0.25, np.float16)
    box = [[[0.0, 0.0, 1.0, 1.0]]]
    color = np.array([[0.5, 0.75, 1.0, 1.0]], np.float32)
    show(tf.image.draw_bounding_boxes(img, box, color))
    show(tf.image.draw_bounding_boxes(img, np.array(box, np.float32), color))
    show(tf.image.draw_bounding_boxes(img.astype(np.float64), box, None))
    # Corners are truncated to int64 as the kernel does (NaN: INT64_MIN); an empty
    # image returns empty or fails the kernel's clamp checks.
    nan = float("nan")
    show(tf.image.draw_bounding_boxes(np.zeros((1, 1, 0, 3), np.int32),
                                      np.array([[[nan, 0.5, 0.3, 0.25]]], np.float32), None))
    err(lambda: tf.image.draw_bounding_boxes(np.zeros((1, 0, 2, 3)),
                                             np.array([[[nan, 0.5, 0.3, 0.25]]], np.float32),
                                             None))
    for b in ([nan] * 4, [0, 0, float("inf"), 1], [-1e30, 0, 1, 1], [0.5, 0.5, 0.2, 0.9]):
        out = tf.image.draw_bounding_boxes(np.zeros((1, 5, 4, 1), np.float32),
                                           np.array([[b]], np.float32), None)
        print(out.numpy()[0, :, :, 0].astype(int).tolist())
    err(lambda: tf.image.draw_bounding_boxes(np.zeros((1, 3, 3, 3)), np.zeros((1, 1, 4)),
                                             np.zeros((3,), np.float32)))
    err(lambda: tf.image.draw_bounding_boxes(np.zeros((1, 3, 3, 3)), np.zeros((1, 4)), None))
    """,
)

_snippet(
    "draw_bounding_boxes_gradients",
    """
    # DrawBoundingBoxes is declared not differentiable (None); V2 (with colors) has no
    # gradient registered at all.
    img = tf.constant(np.zeros((1, 2, 2, 1), np.float32))
    with tf.GradientTape() as tape:
        tape.watch(img)
        out = tf.reduce_sum(tf.image.draw_bounding_boxes(img, np.zeros((1, 1, 4), np.float32),
                                                         None))
    print(tape.gradient(out, img))
    with tf.GradientTape() as tape:
        tape.watch(img)
        out = tf.reduce_sum(tf.image.draw_bounding_boxes(img, np.zeros((1, 1, 4), np.float32),
                                                         np.ones((1, 4), np.float32)))
    err(lambda: tape.gradient(out, img))
    """,
)

_snippet(
    "crop_and_resize_attributes_and_conversions",
    """
    # The attributes are read first (make_str, make_float: no tensors, no arrays); a
    # NumPy float64 boxes array is converted to float32, a float64 tensor is not.
    img = tf.constant(np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1))
    boxes = np.array([[0.0, 0.0, 1.5, 1.0]])
    show(tf.image.crop_and_resize(img, boxes, [0], [2, 2], extrapolation_value=np.float64(2)))
    show(tf.image.crop_and_resize(img, boxes, tf.constant([0]), [2, 2], method=b"nearest",
                                  extrapolation_value=None))
    err(lambda: tf.image.crop_and_resize(tf.constant(np.zeros((2, 5, 1, 3), np.int8)),
                                         np.zeros((0, 4)), (), (6, 6),
                                         extrapolation_value=tf.constant([np.nan, np.nan])))
    err(lambda: tf.image.crop_and_resize(img, boxes, [0], [2, 2], extrapolation_value="1"))
    err(lambda: tf.image.crop_and_resize(img, boxes, [0], [2, 2], method=3))
    err(lambda: tf.image.crop_and_resize(img, tf.constant(boxes), tf.constant([0]),
                                         tf.constant([2, 2])))
    err(lambda: tf.image.crop_and_resize(img, tf.constant(boxes), [0], [2, 2]))
    err(lambda: tf.image.crop_and_resize(tf.constant(np.ones((1, 2, 2, 1), bool)),
                                         tf.zeros((1, 4)), tf.constant([0]), tf.constant([2, 2])))
    """,
)

_snippet(
    "generate_bounding_box_proposals_conversions",
    """
    # No CPU kernel: TF's fast path takes tensors of any dtype and fails on the device;
    # a list among the inputs converts every input in Python first.
    s, d = np.ones((1, 2, 2, 1), np.float32), np.zeros((1, 2, 2, 4), np.float32)
    info, anchors = np.array([[4.0, 4.0, 1.0]], np.float32), np.array([[0, 0, 1, 1.0]], np.float32)
    p = tf.image.generate_bounding_box_proposals
    err(lambda: p(tf.constant(s.astype(np.float64)), d, info, anchors))
    err(lambda: p(s, d, info, anchors, min_size=tf.constant(np.float16(1))))
    err(lambda: p(tf.constant(s.astype(np.float64)), d, info.tolist(), anchors))
    err(lambda: p(s, d.tolist(), info, anchors, pre_nms_topn=10.0,
                  min_size=tf.constant(np.float16(1))))
    err(lambda: p(s, d, info, anchors, min_size="a"))
    err(lambda: p(s, d, info, anchors, post_nms_topn="3"))
    """,
)

_snippet(
    "sample_distorted_bounding_box_argument_order",
    """
    # Fast path: dtype attributes, then the inputs' dtypes, then the kernel's checks;
    # a list, an int in a float list or a non-bool flag sends the call through Python.
    size = tf.constant([20, 30, 3])
    int_boxes = tf.constant([[[0, 0, 1, 1]]])
    f = tf.image.sample_distorted_bounding_box
    err(lambda: f(size, int_boxes, seed=1))
    err(lambda: f(tf.constant([2, 3, 2]), tf.constant(np.zeros((1, 0, 4), np.int32)), seed=2,
                  min_object_covered=0.0))
    err(lambda: f(size, int_boxes, seed=1, aspect_ratio_range=[-1.0, 2.0]))
    err(lambda: f(size, int_boxes, seed=1, aspect_ratio_range=(1, 2)))
    err(lambda: f(size, int_boxes, seed=1, use_image_if_no_bounding_boxes=1))
    err(lambda: f(size, [[[0.1, 0.1, 0.9, 0.9]]], seed=1, aspect_ratio_range=tf.constant([1.0, 2.0])))
    err(lambda: f(size, np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=1,
                  min_object_covered=tf.constant(np.float64(0.1))))
    err(lambda: f(size, np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=1,
                  min_object_covered=[0.1]))
    err(lambda: f(size, np.array([[[0.1, 0.1, 1.5, 0.9]]], np.float32), seed=1))
    err(lambda: f(size, np.array([[[np.nan, 0.1, 0.9, 0.9]]], np.float32), seed=1))
    err(lambda: f(size, np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=1,
                  min_object_covered="a"))
    begin, extent, box = f(tf.constant(np.array([20, 30, 3], np.uint8)),
                           [[[0.0, 0.0, 1.0, 1.0]]], seed=1, min_object_covered=1.0)
    print(begin.numpy().tolist(), extent.numpy().tolist(), box.numpy().tolist())
    g = tf.image.stateless_sample_distorted_bounding_box
    err(lambda: g(size, int_boxes, seed=[1, 2]))
    err(lambda: g(size, np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=[1, 2],
                  min_object_covered=tf.constant(np.float64(0.1))))
    err(lambda: g(size, np.array([[[0.1, 0.1, 0.9, 0.9]]], np.float32), seed=tf.constant([1, 2, 3]),
                  aspect_ratio_range=[-1.0, 1.0]))
    """,
)

_snippet(
    "pad_zero_fill_any_dtype",
    """
    # tf.pad with its default zero runs TF's Pad op, which fills with the dtype's zero
    # (False, b""), so bool and string images crop-or-pad too.
    flags = tf.constant(np.array([[[False, True, True, False]] * 6]))
    print(tf.image.resize_with_crop_or_pad(flags, 1, 1).numpy().tolist())
    print(tf.image.resize_with_crop_or_pad(tf.constant([[[True]]]), 2, 3).numpy().tolist())
    print(tf.pad(tf.constant(["a", "b"]), [[1, 0]]).numpy().tolist())
    print(tf.pad(tf.constant([True]), [[1, 0]], constant_values=0.0).numpy().tolist())
    err(lambda: tf.pad(tf.constant([True]), [[1, 0]], constant_values=1))
    err(lambda: tf.pad(tf.constant([True]), [[1, 0]], constant_values=tf.constant(0)))
    """,
)

_snippet(
    "strings_refused_as_floats",
    """
    # A Python string is no number for a float or complex dtype (TF's TypeError names
    # the dtype as its kernels do: float, double, half).
    for dtype in (tf.float32, tf.float64, tf.float16, tf.complex64):
        err(lambda: tf.convert_to_tensor("1.5", dtype))
        err(lambda: tf.convert_to_tensor([["a", "b"]], dtype))
    err(lambda: tf.convert_to_tensor(1 + 2j, tf.float32))
    err(lambda: tf.convert_to_tensor(1.5, tf.bool))
    """,
)
