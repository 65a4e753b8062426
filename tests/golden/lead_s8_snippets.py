"""The lead's fuzz fixes of session 8 (issue 14): saturate_cast of a real value to a
complex dtype clamps to the real part's range, unstack of a string vector gives
string scalars, squeeze reads a float axis with int(). Each snippet's output under
TensorFlow is recorded in ``lead_s8.json`` (``make_snippets_golden.py lead_s8`` under
the TensorFlow virtualenv); ``tests/test_lead_s8.py`` replays them.

``err(fn)`` prints the class and first message line of what ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "saturate_cast_real_to_complex_clamps",
    """
    # The bounds are the real part's: float16's +-inf become +-65504 in complex64.
    show(tf.saturate_cast(tf.constant([np.inf, -np.inf, 1.5], tf.float16), tf.complex64))
    show(tf.saturate_cast(tf.constant([1e300, -1e300, 2.0], tf.float64), tf.complex64))
    show(tf.saturate_cast(tf.constant([300, -2], tf.int32), tf.complex128))
""",
)

_snippet(
    "unstack_string_vector_gives_string_scalars",
    """
    for piece in tf.unstack(tf.constant([b"a", b"bc"])):
        print(repr(piece))
    for piece in tf.unstack(tf.constant([[b"a", b"b"]]), axis=1):
        print(repr(piece))
""",
)

_snippet(
    "squeeze_float_axis",
    """
    x = tf.zeros([2, 1, 3])
    print(tf.squeeze(x, axis=1.0).shape, tf.squeeze(x, axis=[1.0]).shape)
    print(tf.squeeze(x, axis=1.7).shape, tf.squeeze(x, axis=np.float32(-2.0)).shape)
    err(lambda: tf.squeeze(x, axis=2.0))
""",
)

_snippet(
    "nms_padded_wrapper_checks",
    """
    # Without padding TF's wrapper reads boxes.get_shape(); the thresholds are converted
    # on their own and must have the scores' dtype (TF builds a graph function).
    b = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    s = tf.constant([0.9, 0.8, 0.7])
    b16, s16 = tf.cast(b, tf.float16), tf.cast(s, tf.float16)
    nms = tf.image.non_max_suppression_padded
    err(lambda: nms(b.numpy(), s, 3, score_threshold=tf.constant(0.5, tf.float64)))
    err(lambda: nms(b.numpy().tolist(), s, 3))
    print(nms(b.numpy(), s, 3, pad_to_max_output_size=True))
    err(lambda: nms(b16, s16, 3))
    print(nms(b16, s, 3))
    err(lambda: nms(b, s, 3, score_threshold=1))
    err(lambda: nms(b, s, 3, score_threshold=np.array(0.75)))
    err(lambda: nms(b, s, 3, iou_threshold=2))
    err(lambda: nms(b, s, 3, iou_threshold="0.5"))
    print(nms(b, s, 3, score_threshold=0.75, iou_threshold=np.float32(0.5)))
""",
)

_snippet(
    "real_nd_ffts_check_dtype_before_fft_length",
    """
    # The rfftnd/irfftnd wrappers refuse a wrong dtype before they read fft_length.
    u16 = tf.constant(np.array(65535, dtype="uint16"))
    err(lambda: tf.signal.irfftnd(u16, fft_length=0, axes=None))
    err(lambda: tf.signal.rfftnd(u16, fft_length=0, axes=None))
    err(lambda: tf.signal.irfftnd(tf.constant([1, 2])))
    err(lambda: tf.signal.rfftnd(tf.constant([1.0, 2.0], tf.float16)))
""",
)
