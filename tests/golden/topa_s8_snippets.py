"""Fuzz fixes of helper topa (issue 14, session 8): histogram_fixed_width_bins,
sequence_mask, repeat, required_space_to_batch_paddings, nn.weighted_moments,
fingerprint and saturate_cast follow TF's Python wrappers step by step. Each snippet's
output under TensorFlow is recorded in ``topa_s8.json`` (``make_snippets_golden.py
topa_s8`` under the TensorFlow virtualenv); ``tests/test_topa_s8.py`` replays them.

``err(fn)`` prints the class and first message line of what ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value; ``grad_of(f, x)``
prints the gradient of ``f(x)``.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def grad_of(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    show(tape.gradient(y, x))
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "histogram_bins_follow_tf_wrapper",
    """
    # The bins are computed in the values' dtype and cast to int32 whatever `dtype`
    # says; a NaN position (inf / inf) survives the clip and casts to INT_MIN.
    f32 = lambda v: tf.constant(np.array(v, dtype="float32"))
    show(tf.histogram_fixed_width_bins(f32(0.0037823733873665333), [-np.inf, 4.0], nbins=3))
    show(tf.histogram_fixed_width_bins(f32([0.5, 3.9, 9.0, -2.0]), [0.0, 4.0], nbins=4,
                                       dtype=tf.float64))
    show(tf.histogram_fixed_width_bins(np.array(np.inf, "float16"),
                                       tf.constant(np.array([0.0, 0.0], "float16"))))
    show(tf.histogram_fixed_width_bins(f32([]), np.array([np.nan, np.inf], "float32"),
                                       dtype=tf.float16))
    show(tf.histogram_fixed_width_bins([-0.0], [-1.0, np.nan], nbins=16, dtype=tf.uint64))
    show(tf.histogram_fixed_width_bins(f32(3.4e38), f32([-1.0, 0.0]), nbins=7, dtype=tf.int16))
    show(tf.histogram_fixed_width_bins([[1.0, 2.5], [3.0, 4.0]], [4.0, 0.0], nbins=4))
    # Its dtype errors come from the ops it composes.
    err(lambda: tf.histogram_fixed_width_bins([1.0, 2.0], [0, 5], nbins=3))
    err(lambda: tf.histogram_fixed_width_bins([1, 2, 3], [0, 5], nbins=3))
    err(lambda: tf.histogram_fixed_width_bins(np.array([1.0, 2.0]), [0.0, 5.0], nbins=3))
    err(lambda: tf.histogram_fixed_width_bins([1.0, 2.0], 5.0, nbins=3))
    err(lambda: tf.histogram_fixed_width_bins([1.0, 2.0], [0.0, 5.0], nbins=0))
    err(lambda: tf.histogram_fixed_width_bins([1.0, 2.0], [0.0, 5.0], nbins=2**31))
    err(lambda: tf.histogram_fixed_width_bins([1.0, 2.0], [0.0, 5.0], nbins=1.5))
    """,
)

_snippet(
    "sequence_mask_follows_tf_wrapper",
    """
    # A range in maxlen's dtype: a float maximum rounds the column count up.
    show(tf.sequence_mask(tf.constant(np.array(2.41015625, "float16"))))
    show(tf.sequence_mask(tf.constant(np.array(6.103515625e-05, "float16"))))
    show(tf.sequence_mask([1.5, 0.2], maxlen=2.5, dtype=tf.float32))
    # The lengths are cast to maxlen's dtype: an int64 length wraps under int32.
    big = tf.constant(np.array([4611686018427387904, 3], "int64"))
    show(tf.sequence_mask(big, maxlen=tf.constant(5, tf.int32)))
    show(tf.sequence_mask(big[1:], maxlen=4, dtype=tf.float16))
    # No lengths: the maximum is the dtype's lowest, raised to 0.
    show(tf.sequence_mask([[], []]))
    show(tf.sequence_mask(tf.zeros([0, 3], tf.int64)))
    show(tf.sequence_mask([-1, -2]))
    err(lambda: tf.sequence_mask([1, 2], maxlen=[3]))
    err(lambda: tf.sequence_mask([1, 2], maxlen=-3))
    err(lambda: tf.sequence_mask([1.0, np.nan]))
    err(lambda: tf.sequence_mask(np.array([1, 2], np.uint8)))
    err(lambda: tf.sequence_mask(np.array([1, 2], np.int16)))
    err(lambda: tf.sequence_mask([1, 2], maxlen=3, dtype=tf.string))
    """,
)

_snippet(
    "repeat_follows_tf_wrapper",
    """
    # repeats is cast to int32 (an int64 count wraps) and a scalar input becomes 1-D.
    int64 = lambda v: tf.constant(np.array(v, "int64"))
    show(tf.repeat([[255], [0], [0], [255]], int64([2147483648, -2, 1099511627776, -2147483648])))
    show(tf.repeat(tf.constant(np.array(1, "uint8")), [1099511627776]))
    show(tf.repeat(tf.constant(np.array([-1, 5, 1], "int8")), int64([2, 2147483648, 2147483648])))
    show(tf.repeat(tf.constant(np.array(1, "uint32")), [1], axis=0))
    show(tf.repeat(tf.constant(7), 3, axis=-1))
    # One count per slice: a negative count keeps nothing along axis 0, and off axis 0
    # fails the final reshape; a single count is a Tile.
    show(tf.repeat([1, 2, 3], [1, -1, 2]))
    show(tf.repeat([[1, 2], [3, 4]], [1, -1], axis=0))
    show(tf.repeat([[1, 2], [3, 4]], [1, 2], axis=1))
    show(tf.repeat([[1, 2], [3, 4]], np.array([3, 1], np.uint64), axis=-1))
    show(tf.repeat([1, 2, 3], [True]))
    show(tf.repeat(np.zeros((2, 0)), [5, 6], axis=0))
    show(tf.repeat(["a", "b"], [2, 1]))
    err(lambda: tf.repeat([[1, 2], [3, 4]], [1, -1], axis=1))
    err(lambda: tf.repeat([1, 2, 3], -1))
    err(lambda: tf.repeat([[1, 2], [3, 4]], [-1], axis=1))
    err(lambda: tf.repeat(tf.constant(1), [1], axis=1))
    err(lambda: tf.repeat([1, 2, 3], 2, axis=np.int64(0)))
    err(lambda: tf.repeat([1, 2, 3], 2, axis=1.0))
    err(lambda: tf.repeat([1, 2, 3], [1, 2]))
    err(lambda: tf.repeat([1, 2, 3], [[1, 2, 3]]))
    err(lambda: tf.repeat(np.zeros((0, 3)), [1, 2, 3], axis=1))
    err(lambda: tf.repeat([[3, -1, -1], [3, -1, -1]], [2147483648, 2147483648, 2147483648], axis=1))
    # The gradient of the gather it comes to.
    x = tf.constant([1.0, 2.0, 3.0])
    grad_of(lambda x: tf.repeat(x, [2, -1, 3]) * tf.range(5.0), x)
    grad_of(lambda x: tf.repeat(x, 2) * tf.range(6.0), x)
    """,
)

_snippet(
    "required_space_to_batch_paddings_int32",
    """
    # Every argument is converted to int32 (a Python int past int32 wraps) and the
    # arithmetic is NumPy's int32: it wraps, and a remainder by a zero block is 0.
    def both(*args, **kwargs):
        paddings, crops = tf.required_space_to_batch_paddings(*args, **kwargs)
        show(paddings)
        show(crops)
    both((1, 1099511627776), [3, 3])
    both([5, 6], [0, 3])
    both([5, 6], [-4, 3])
    both([2**31 - 1, 6], [4, 3], base_paddings=[[1, 1], [2, 2]])
    both([5, 6], [2**31, 3])
    both(np.array([5.0, 6.0]), [3, 3])
    both([5, 6], [])
    both([], [])
    err(lambda: tf.required_space_to_batch_paddings([5, 6], [4, 3], base_paddings=[[1, 1]]))
    err(lambda: tf.required_space_to_batch_paddings([5], [4, 3]))
    err(lambda: tf.required_space_to_batch_paddings([5, 6], 3))
    err(lambda: tf.required_space_to_batch_paddings(5, [3]))
    err(lambda: tf.required_space_to_batch_paddings([5.0, 6], [3, 3]))
    err(lambda: tf.required_space_to_batch_paddings(tf.constant([5, 6], tf.int64), [3, 3]))
    """,
)

_snippet(
    "weighted_moments_follow_tf_wrapper",
    """
    # div_no_nan: a zero total weight gives 0; axes=None reduces every axis; the
    # variance over a size-1 axis is exactly 0; float16 runs in float32.
    def both(*args, **kwargs):
        mean, variance = tf.nn.weighted_moments(*args, **kwargs)
        show(mean)
        show(variance)
    both([[], []], None, [[], []])
    both([[1.0, 2.0], [3.0, 5.0]], None, 2.0)
    both([[1.0, 2.0], [3.0, 5.0]], [0], 0.0)
    both([[1.0, 2.0], [3.0, 5.0]], [], 2.0)
    both([[1.0, 2.0], [3.0, 5.0]], 1, 2)
    both(np.array([[1.0, 2.0], [3.0, 5.0]], np.float16), [0], [1.0, 2.0])
    both(np.array([[1.0, 2.0], [3.0, 5.0]]), [-1], np.float32(2), keepdims=True)
    both(5.0, None, 1.0)
    x = [[[[0.00076607685, -5.0633252e-05]]], [[[-0.00030840796, 0.0032940697]]]]
    both(x, np.int64(-3), np.float32(0.016359027), keepdims=False)
    err(lambda: tf.nn.weighted_moments([[1.0, 2.0]], [0, 0], 2.0))
    err(lambda: tf.nn.weighted_moments([[1.0, 2.0]], [2], 2.0))
    err(lambda: tf.nn.weighted_moments([[1.0, 2.0]], 1.0, 2.0))
    """,
)

_snippet(
    "fingerprint_no_rows",
    """
    # No rows: an empty [0, 8] result, strings included.
    show(tf.fingerprint(tf.constant(np.array([], dtype="object"))))
    show(tf.fingerprint(tf.constant(np.zeros((0, 3), dtype="object"))))
    show(tf.fingerprint(tf.zeros((0, 2))))
    show(tf.fingerprint(tf.constant([["a", "b"], ["c", "d"]])))
    """,
)

_snippet(
    "saturate_cast_gradient_at_nan",
    """
    # TF clamps with its ClipByValue op, whose gradient passes a NaN (and the bounds
    # themselves) and stops only strictly outside them.
    for value, source, target in [(np.nan, tf.float64, tf.float64), (np.nan, tf.float32, tf.float16),
                                  (np.nan, tf.float16, tf.float32), (np.inf, tf.float64, tf.float32),
                                  (1e300, tf.float64, tf.float32), (5.0, tf.float64, tf.float32)]:
        grad_of(lambda x: tf.saturate_cast(x, target), tf.constant(value, source))
    x = tf.constant([np.nan, 1e39, -1e39, 3.4028235e38, 2.0], tf.float64)
    grad_of(lambda x: tf.saturate_cast(x, tf.float32), x)
    show(tf.saturate_cast(x, tf.float32))
    """,
)

_snippet(
    "squeeze_bool_axis",
    """
    # TF's int-list attr takes a Python or NumPy bool as 0 or 1 (weighted_moments
    # squeezes its axes this way).
    x = tf.zeros([2, 1, 3])
    show(tf.squeeze(x, True))
    show(tf.squeeze(x, np.True_))
    show(tf.squeeze(x, [True]))
    show(tf.squeeze(x, (True,)))
    err(lambda: tf.squeeze(x, [False]))
    mean, variance = tf.nn.weighted_moments([[], []], True, [[], []], keepdims=None)
    show(mean)
    show(variance)
    """,
)
