"""What the lead's fresh fuzz run (seeds 83/84, issue 14, session 7) found in the
newly fuzzed top-level ops, fixed by helper sig2, each as a small program whose output
TensorFlow recorded in ``fresh83_toplevel.json`` (``make_snippets_golden.py
fresh83_toplevel`` under the TensorFlow virtualenv); ``tests/test_fresh83_toplevel.py``
replays them on tapeflow.

``err(fn)`` prints the class and first line of the exception ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5 digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "dynamic_partition_num_partitions_attr",
    """
    # num_partitions is an int attr: floats truncate, numbers below 1 and strings are
    # refused before the inputs are read, and a count past int32 fails before running.
    d, p = tf.constant([1.0, 2.0]), tf.constant([0, 1])
    for n in (2.0, 2.9, np.float32(2.0), np.int64(2), tf.constant(2)):
        for t in tf.dynamic_partition(d, p, n):
            show(t)
    err(lambda: tf.dynamic_partition(d, p, 0))
    err(lambda: tf.dynamic_partition("a", [0, 1, 1], -3.5))
    err(lambda: tf.dynamic_partition(d, p, "2"))
    err(lambda: tf.dynamic_partition(d, p, None))
    err(lambda: tf.dynamic_partition(d, p, True))
    err(lambda: tf.dynamic_partition(tf.constant(np.array(1, "uint16")), 0, 2**31))
    for t in tf.dynamic_partition([[], []], tf.constant(0), 2.0):
        show(t)
    """,
)

_snippet(
    "bitcast_scalar_to_narrower_and_wider",
    """
    # A scalar bitcast to a narrower dtype gains a trailing axis; to a wider one it is
    # refused, the kernel naming the dtypes by their enum numbers.
    show(tf.bitcast(0.122604488337136, tf.uint16))
    show(tf.bitcast(np.float64(0.5), tf.uint8))
    show(tf.bitcast(tf.constant(7, tf.int32), tf.int8))
    show(tf.bitcast(tf.constant(1 + 2j, tf.complex64), tf.float32))
    show(tf.bitcast(tf.constant([[1.5, 2.0]]), tf.int16))
    err(lambda: tf.bitcast(tf.constant(7, tf.int8), tf.int32))
    err(lambda: tf.bitcast(tf.constant([7, 1, 2], tf.int8), tf.int32))
    err(lambda: tf.bitcast(tf.constant([[7, 1]], tf.int16), tf.int64))
    """,
)

_snippet(
    "approx_top_k_attrs",
    """
    # The attrs as TF's op builder converts them: None is the default, k truncates,
    # a bool attr takes only bools, k below 0 is refused.
    x = tf.constant([[0.0, -2.0, 3.0]])
    for k in (2.0, 2.7, tf.constant(2)):
        v, i = tf.approx_top_k(x, k)
        show(v); show(i)
    v, i = tf.approx_top_k([3.74, 3.18, 0.86, -0.39, 2.85, 3.19, 3.52, -0.48], 3,
                           reduction_dimension=None, recall_target=12.0,
                           aggregate_to_topk=False)
    show(v); show(i)
    v, i = tf.approx_top_k(x, 2, is_max_k=None, aggregate_to_topk=None, recall_target=None,
                           reduction_input_size_override=None, reduction_dimension=-1.0)
    show(v); show(i)
    err(lambda: tf.approx_top_k(x, -1))
    err(lambda: tf.approx_top_k(x, "2"))
    err(lambda: tf.approx_top_k(x, None))
    err(lambda: tf.approx_top_k(x, 2, reduction_dimension="a"))
    err(lambda: tf.approx_top_k(x, 2, is_max_k=1))
    err(lambda: tf.approx_top_k(x, 2, aggregate_to_topk=0))
    err(lambda: tf.approx_top_k(x, 2, recall_target="a"))
    """,
)
