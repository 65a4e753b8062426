"""Regression programs for the lead's own fixes of session 7's fresh fuzz runs (issue
14), each printing what TensorFlow printed into ``lead_s7.json``
(``make_snippets_golden.py lead_s7`` under the TensorFlow virtualenv);
``tests/test_lead_s7.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)

_snippet(
    "truncatediv_integer_extremes",
    """
    # Division rounded toward zero at each integer type's minimum: no overflow
    # through abs(), and MIN / -1 wraps to MIN as TF's kernel gives.
    for dt in [tf.int8, tf.int16, tf.int32, tf.int64]:
        low = dt.min
        x = tf.constant([low, low, low + 1, 7, -7, low, 5, -1], dt)
        y = tf.constant([-1, 1, -1, -2, 2, 3, -7, dt.max], dt)
        show(tf.truncatediv(x, y))
    for dt in [tf.uint8, tf.uint16, tf.uint32, tf.uint64]:
        show(tf.truncatediv(tf.constant([dt.max, 7, 0], dt), tf.constant([2, 3, 5], dt)))
    show(tf.truncatediv(tf.constant([-32768, 32767], tf.int16), tf.constant([32767], tf.int16)))
    """,
)

_snippet(
    "saturate_cast_clamps_always",
    """
    # TF clamps to the target's finite range even for a cast to the same type (inf
    # becomes the largest finite value), and its clamp has no uint32/uint64 kernel.
    show(tf.saturate_cast(tf.constant([1.0, np.inf, -np.inf, np.nan], tf.float16), tf.float16))
    show(tf.saturate_cast(tf.constant([1.0, np.inf, -np.inf], tf.float32), tf.float32))
    show(tf.saturate_cast(tf.constant([1.0, np.inf, -1e300], tf.float64), tf.float32))
    show(tf.saturate_cast(tf.constant([1.5, -2.5, np.inf, 70000.0], tf.float32), tf.int16))
    show(tf.saturate_cast(tf.constant([3, -5, 300], tf.int32), tf.uint8))
    show(tf.saturate_cast(tf.constant([3, -5, 70000], tf.int64), tf.float16))
    show(tf.saturate_cast(tf.constant([1e10, -1e10]), tf.int32))
    err(lambda: tf.saturate_cast(tf.constant([3], tf.uint32), tf.int8))
    err(lambda: tf.saturate_cast(tf.constant([3], tf.uint64), tf.float64))
    """,
)
