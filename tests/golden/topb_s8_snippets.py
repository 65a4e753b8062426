"""Regression programs for the topb helper's session-8 fixes (issue 14: the undocumented
fuzz signatures of dynamic_stitch, reshape, reverse, searchsorted, squeeze, stack,
tensor_scatter_nd_min, unique_with_counts, unravel_index and unstack), each printing what
TensorFlow printed into ``topb_s8.json`` (``make_snippets_golden.py topb_s8`` under the
TensorFlow virtualenv); ``tests/test_topb_s8.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)

_snippet(
    "searchsorted_binary_search_as_cpp",
    """
    # TF runs C++'s lower_bound / upper_bound on each row: an unsorted row or a NaN
    # lands where those halving steps put it, in every row of a batch.
    seq = [[5, -2], [0, 4], [1, -2], [3, 1]]
    vals = [[5, -1, 0, 3], [4, -1, 4, 4], [4, 4, -2, 1], [-2, 5, 2, -3]]
    show(tf.searchsorted(seq, vals, side="left"))
    show(tf.searchsorted(seq, vals, side="right"))
    show(tf.searchsorted([[3, 1, 2, 0, 5]], [[0, 1, 2, 3, 4, 5, 6]]))
    show(tf.searchsorted([1.0, np.nan, 3.0], [0.0, 1.0, 2.0, 3.0, np.nan]))
    show(tf.searchsorted([1.0, np.nan, 3.0], [0.0, 1.0, 2.0, 3.0, np.nan], side="right"))
    u8 = np.array([[[4, 255], [254, 254]], [[2, 1], [254, 4]]], dtype="uint8")
    show(tf.searchsorted(u8, u8, side="right"))
    """,
)

_snippet(
    "searchsorted_empty_rows",
    """
    # The [-1, n] reshape infers the row count from the non-zero sizes when n is 0.
    z = lambda *s: np.zeros(s, np.int32)
    show(tf.searchsorted([[], []], [[], []]))
    show(tf.searchsorted(z(2, 0), z(2, 3)))
    show(tf.searchsorted(z(0), z(3)))
    show(tf.searchsorted(z(2, 2, 0), z(4, 3)))
    err(lambda: tf.searchsorted(z(0, 0), z(0, 2)))
    err(lambda: tf.searchsorted(z(3, 0), z(2, 0)))
    """,
)

_snippet(
    "reshape_kernel_rules",
    """
    # Reshape's own reading of the sizes: rank, -1 next to a 0, overflow, a 0-d string.
    e = lambda *s: tf.zeros(s)
    show(tf.reshape(e(2, 0), [-1, 0]))
    show(tf.reshape(e(0), [-1, 0]))
    show(tf.reshape(e(2, 0, 3), [-1, 5, 0]))
    show(tf.reshape(e(4, 0, 3), [-1, 5, 0]))
    show(tf.reshape(e(2, 0, 3), [0, -1]))
    err(lambda: tf.reshape(e(2, 3), [-1, 0]))
    err(lambda: tf.reshape(e(2, 3), [-1, 4]))
    err(lambda: tf.reshape(e(2, 3), [[2, 3]]))
    err(lambda: tf.reshape(e(4), [2**31, 2**31, 2**31]))
    err(lambda: tf.reshape(e(4), [2**62, 4, -2]))
    err(lambda: tf.reshape(e(0), [2**62, 1, 2, 0]))
    err(lambda: tf.reshape(e(4), [-2, 2**62, 4]))
    show(tf.reshape([[[[b"xyz"]]]], np.array([], dtype="int32")))
    show(tf.squeeze(b"\\x00b"))
    show(tf.squeeze([[b"a", b"b"]]))
    """,
)

_snippet(
    "stack_as_tf_wrapper",
    """
    # Along axis 0 a value that converts whole is returned; otherwise Pack's rules.
    show(tf.stack(b"\\x00b"))
    show(tf.stack(-32768, axis=tf.constant(np.array([0], dtype="int32"))))
    show(tf.stack(3.5))
    show(tf.stack(b"ab", axis=-1))
    show(tf.stack(tf.constant([[1, 2]]), axis=1))
    show(tf.stack([1, tf.constant(2.5)], axis=-1))
    show(tf.stack([1, 2], axis=-1.0))
    err(lambda: tf.stack(-32768, axis=1))
    err(lambda: tf.stack(np.array([1, 2]), axis=-1))
    err(lambda: tf.stack(np.array([[1, 2]]), axis=1))
    err(lambda: tf.stack(tf.constant(5), axis=-1))
    err(lambda: tf.stack([1, 2.5], axis=-1))
    err(lambda: tf.stack([[1], [2, 3]]))
    err(lambda: tf.stack([[1], [2]], axis=np.array([1])))
    err(lambda: tf.stack([1, 2], axis=None))
    err(lambda: tf.stack([1, 2], axis=tf.constant(np.array([0, 0], dtype="int32"))))
    # An axis that is no true int sends Pack to TF's slow path, which wants a list first.
    err(lambda: tf.stack(tf.constant([-2]), axis=tf.constant([-1])))
    err(lambda: tf.stack(np.array([[1, 2]]), axis=1.5))
    err(lambda: tf.stack([1, 2], axis=tf.constant([-1])))
    """,
)

_snippet(
    "unstack_as_tf_wrapper",
    """
    # num given: no Python axis check; num=0 returns [] without running the kernel.
    print(tf.unstack([[], []], num=0))
    print(tf.unstack(tf.constant(np.array(2205.5 - 2.2e30j, dtype="complex128")), num=0,
                     axis=None))
    print(tf.unstack(5, num=0))
    print([t.numpy().tolist() for t in tf.unstack([1, 2, 3], num=3, axis=None)])
    err(lambda: tf.unstack(5, num=1))
    err(lambda: tf.unstack([1, 2, 3], num=-1))
    err(lambda: tf.unstack([1, 2, 3], num=3, axis=1.0))
    err(lambda: tf.unstack([1, 2, 3], num=3, axis=[0]))
    err(lambda: tf.unstack([1, 2, 3], num=1.5))
    err(lambda: tf.unstack([1, 2, 3], num=2**31))
    err(lambda: tf.unstack([1, 2, 3], axis=None))
    err(lambda: tf.unstack(5))
    """,
)

_snippet(
    "unravel_index_dtype_and_kernel",
    """
    # One Tidx for both inputs as TF's call picks it; the kernel checks only the upper
    # bound and divides as C does for a negative index.
    show(tf.unravel_index(np.array(0, dtype="uint8"), (4, 4)))
    show(tf.unravel_index(np.array([1.7, -2.5]), (4, 4)))
    show(tf.unravel_index(np.array(0, "int64"), (4, 4)))
    show(tf.unravel_index(np.array(0, "int64"), np.array([4, 4])))
    show(tf.unravel_index(tf.constant(0, tf.int64), np.array([4, 4], "int32")))
    show(tf.unravel_index(tf.constant(np.array(-1, dtype="int32")), (1,)))
    show(tf.unravel_index(tf.constant([-1, -6, -7, 5]), (2, 3)))
    show(tf.unravel_index(-2**31, [2, 3]))
    show(tf.unravel_index(0, []))
    err(lambda: tf.unravel_index(6, (2, 3)))
    err(lambda: tf.unravel_index(0, (0, -1)))
    err(lambda: tf.unravel_index(0, (-1, 0)))
    err(lambda: tf.unravel_index([], [2, 3]))
    err(lambda: tf.unravel_index([[0, 1]], [2, 2]))
    err(lambda: tf.unravel_index(0, 4))
    err(lambda: tf.unravel_index(100, [2**16, 2**16, 0]))
    err(lambda: tf.unravel_index([1.5], (4, 4)))
    """,
)

_snippet(
    "reverse_kernel_rules",
    """
    # A scalar or empty input comes back unchecked; otherwise axis must be a vector.
    show(tf.reverse(0, [0]))
    show(tf.reverse(0, 0))
    show(tf.reverse(b"ab", [5, 7]))
    show(tf.reverse(np.zeros((0, 2)), [5]))
    show(tf.reverse([[1, 2]], np.array([1.0])))
    err(lambda: tf.reverse([[1, 2]], 1))
    err(lambda: tf.reverse([[1, 2]], [[1]]))
    err(lambda: tf.reverse([1, 2], [0, -1]))
    err(lambda: tf.reverse(np.zeros((1,) * 9), [0]))
    # Python bools convert to the int32 axis.
    show(tf.reverse(tf.constant(np.array([[]], dtype="complex64")), False))
    show(tf.reverse([[1, 2]], [True]))
    show(tf.reverse([[1, 2]], [False, True]))
    err(lambda: tf.reverse([[1, 2]], True))
    err(lambda: tf.reverse([[1, 2]], [1.0]))
    """,
)

_snippet(
    "dynamic_stitch_inputs",
    """
    # One data dtype from the first tensor (Python values follow it); int32 indices.
    show(tf.dynamic_stitch([tf.constant(6), tf.constant(3)], [3, tf.constant(np.int8(1))]))
    show(tf.dynamic_stitch([tf.constant(5), tf.constant(5)],
                           [18446744073709551615, tf.constant(np.uint64(2**64 - 1))]))
    show(tf.dynamic_stitch([0, 1], [2.5, 1]))
    show(tf.dynamic_stitch([0, 1], [np.int64(1), 2]))
    show(tf.dynamic_stitch([[]], [tf.zeros([0, 2])]))
    show(tf.dynamic_stitch([2], [b"a"]))
    err(lambda: tf.dynamic_stitch([0, 1], [tf.constant(1), tf.constant(2.0)]))
    err(lambda: tf.dynamic_stitch([0, 1], [1, 2.5]))
    err(lambda: tf.dynamic_stitch([[0, 1], [1]], [[1, 2], [5, 6]]))
    err(lambda: tf.dynamic_stitch([[0], [1]], [[[1, 2]], [[1, 2, 3]]]))
    err(lambda: tf.dynamic_stitch([[0, -1], [1]], [[1, 2], [3]]))
    err(lambda: tf.dynamic_stitch([tf.constant([0], tf.int64)], [[1]]))
    err(lambda: tf.dynamic_stitch([0, 1], [1]))
    try:  # TF's message goes on with a KernelDef text that varies between runs
        tf.dynamic_stitch([], [])
    except Exception as e:
        print(type(e).__name__, str(e).split(" [Op:")[0].split(",")[0])
    err(lambda: tf.dynamic_stitch(0, [1]))
    """,
)

_snippet(
    "tensor_scatter_extremes_dtype",
    """
    # tensor and updates share one dtype, the first tensor's; Python updates follow it.
    f16 = tf.constant(np.array([1, 2], dtype="float16"))
    show(tf.tensor_scatter_nd_min(tf.constant(np.array([], dtype="float16")),
                                  tf.constant(np.array([], dtype="int64")), []))
    show(tf.tensor_scatter_nd_min(f16, [[0]], [0.5]))
    show(tf.tensor_scatter_nd_max(f16, [[1]], [2.5]))
    show(tf.tensor_scatter_nd_min(tf.constant([1.0, 2.0], tf.float64), [[0]], [0.5]))
    show(tf.tensor_scatter_nd_min([1.0, 2.0], [[0]], [-3]))
    err(lambda: tf.tensor_scatter_nd_min(f16, [[0]], tf.constant([0.5])))
    err(lambda: tf.tensor_scatter_nd_min([1, 2], [[0]], [-3.5]))
    """,
)

_snippet(
    "unique_with_counts_no_gradient",
    """
    # TF registers no gradient for UniqueWithCounts; its error names that op.
    for fn in (tf.unique_with_counts, tf.unique):
        x = tf.constant(np.array([1.0, 2.0, 1.0], dtype="float16"))
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(tf.cast(fn(x)[0], tf.float32))
        err(lambda: tape.gradient(y, x))
    """,
)
