"""Fuzz round 6 (issue 14, helper f14b): inputs TF accepts that tapeflow refused, shapes
and dtypes that differed, and TF's errors for sizes past int32, each as a small program
whose output TensorFlow recorded in ``fuzz_round6b.json`` (``make_snippets_golden.py
fuzz_round6b`` under the TensorFlow virtualenv); ``tests/test_fuzz_round6b.py`` replays
them on tapeflow.

``err(fn)`` prints the class and message of the exception ``fn()`` raises (or ``ok``);
``show(t)`` prints a tensor's dtype, shape and value (floats to 5 significant digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "gather_nd_batch_reshapes_indices",
    """
    # TF's batched gather_nd reshapes the indices to the params' batch dimensions:
    # only the element counts must agree, so empty indices fit any batch.
    params = np.arange(12, dtype=np.float32).reshape([1, 3, 2, 2])
    show(tf.gather_nd(params, np.zeros([3, 0], np.int32), batch_dims=1))
    show(tf.gather_nd(np.ones([2, 3, 2, 2], np.float32), np.zeros([3, 2, 0], np.int32),
                      batch_dims=2))
    show(tf.gather_nd(params, np.zeros([3, 0, 1], np.int32), batch_dims=1))
    err(lambda: tf.gather_nd(params, np.zeros([3, 1], np.int32), batch_dims=1))
    err(lambda: tf.gather_nd(np.ones([2, 3, 2, 2], np.float32), np.zeros([1, 1, 1], np.int32),
                             batch_dims=1))
    show(tf.gather_nd(np.arange(6.0).reshape([2, 3]), [[2], [1]], batch_dims=1))
    """,
)

_snippet(
    "integer_division_by_zero_only_where_used",
    """
    # The zero-divisor check sees only the elements computed: an empty result is fine.
    empty = tf.zeros([1, 1, 3, 0], tf.int32)
    divisor = tf.constant([[[[5], [1], [3]], [[3], [2], [-3]], [[3], [-1], [0]]]])
    for f in (tf.math.floormod, tf.math.floordiv, tf.truncatemod, tf.truncatediv):
        show(f(empty, divisor))
        show(f(tf.zeros([0, 1], tf.int32), tf.constant([1, 0, 1])))
        err(lambda: f(tf.constant([4, 5, 6]), tf.constant([1, 0, 1])))
        err(lambda: f(tf.constant([4], tf.int64), tf.constant([1, 0, 1], tf.int64)))
    show(tf.math.floormod(tf.constant([7.0]), tf.constant([0.0])))
    """,
)

_snippet(
    "complex_values_have_no_order",
    """
    a, b = tf.constant(1j), tf.constant(0j)
    err(lambda: a < 0)
    err(lambda: a <= b)
    err(lambda: a > b)
    err(lambda: a >= 0)
    err(lambda: tf.math.maximum(a, b))
    err(lambda: tf.math.minimum(tf.constant([1j], tf.complex64), tf.constant([0j], tf.complex64)))
    show(a == 1j)
    show(tf.math.maximum(tf.constant([1, 5]), 3))
    """,
)

_snippet(
    "lrn_has_no_double_kernel",
    """
    err(lambda: tf.nn.local_response_normalization(tf.ones([1, 2, 2, 3], tf.float64)))
    show(tf.nn.local_response_normalization(tf.ones([1, 1, 1, 3], tf.float16)))
    show(tf.nn.local_response_normalization(np.ones([1, 1, 1, 3])))
    """,
)

_snippet(
    "boolean_mask_float_masks",
    """
    # A Python list converts as float32 first (1e-300 becomes 0), and TF's kernels
    # flush subnormals, so they count as False.
    x = tf.constant([[1.0, 0.5, 30.0, 0.5], [0.0, 1e30, 1e30, -2.0]], tf.float64)
    show(tf.boolean_mask(x, [[-1.0, 1.0, 3.0, 0.5], [1e30, 2.2250738585072014e-308, np.inf, 0.5]]))
    for v in (1e-300, 1e-39, 1e-38, 5e-324, -0.0, 0.5, np.nan, -np.inf):
        show(tf.boolean_mask([1.0, 2.0], [v, 1.0]))
    show(tf.boolean_mask([1.0, 2.0], np.array([1e-39, 1.0])))
    show(tf.boolean_mask([1.0, 2.0], np.array([1e-39, 1.0], np.float32)))
    show(tf.boolean_mask([1.0, 2.0], tf.constant([1e-39, 1.0])))
    show(tf.boolean_mask([1.0, 2.0], tf.constant([1e-300, 1.0], tf.float64)))
    show(tf.boolean_mask([1.0, 2.0], tf.constant([5e-324, 1.0], tf.float64)))
    show(tf.boolean_mask([1.0, 2.0], [2, 0]))
    """,
)

_snippet(
    "eye_int32_shapes_with_tensor_arguments",
    """
    # With a tensor argument TF builds eye's shapes as int32 tensors: sizes wrap.
    batch = tf.constant([2])
    show(tf.linalg.eye(2**40, batch_shape=batch, dtype=tf.uint8))
    show(tf.linalg.eye(2**32 + 3, batch_shape=batch, dtype=tf.uint8))
    show(tf.linalg.eye(2**32 + 3, num_columns=2, batch_shape=batch, dtype=tf.uint8))
    show(tf.linalg.eye(tf.constant(3), num_columns=2**32 + 2))
    show(tf.linalg.eye(tf.constant(2**40, tf.int64), batch_shape=[1], dtype=tf.uint8))
    err(lambda: tf.linalg.eye(2**31 + 3, batch_shape=batch))
    err(lambda: tf.linalg.eye(3, 2**31 + 3, batch_shape=batch))
    err(lambda: tf.linalg.eye(-2, 3, batch_shape=batch))
    err(lambda: tf.linalg.eye(tf.constant(2**32 + 2, tf.int64), num_columns=3))
    err(lambda: tf.linalg.eye(2, batch_shape=tf.constant([2], tf.int64)))
    err(lambda: tf.linalg.eye(tf.constant(3), batch_shape=[-1]))
    show(tf.linalg.eye(2, batch_shape=np.array([2], np.int64), dtype=tf.uint8))
    """,
)

_snippet(
    "empty_results_with_huge_dimensions",
    """
    # TF creates these empty tensors but cannot read them (NumPy cannot describe the
    # shape); its error for the read, which tapeflow raises at once.
    def read(fn):
        err(lambda: fn().numpy())
    read(lambda: tf.broadcast_to(3, [0, 2**31, 2**31, 0]))
    read(lambda: tf.broadcast_to(3, [0, 2**61, 4]))
    read(lambda: tf.zeros([2**40, 0, 2**40]))
    read(lambda: tf.ones([0, 2**31, 2**31], tf.int8))
    read(lambda: tf.fill([2**40, 2**40, 0], 1.0))
    read(lambda: tf.linalg.eye(2**40, batch_shape=[0]))
    read(lambda: tf.linalg.diag(tf.zeros([0, 0]), k=2**31 - 1))
    show(tf.broadcast_to(3, [0, 2**31]))
    """,
)
