"""Regression programs for the late1 helper's session-7 fixes (issue 14: non-TF
exceptions that escaped the final fuzz run), each printing what TensorFlow printed into
``late1_s7.json`` (``make_snippets_golden.py late1_s7`` under the TensorFlow virtualenv);
``tests/test_late1_s7.py`` replays them on tapeflow.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)

_snippet(
    "signal_framing_scalar_signal",
    """
    # A scalar signal fails TF's rank check before any length check (no modulo by zero).
    err(lambda: tf.signal.frame(tf.constant(np.array(-2846.0, dtype="float16")), 0, 1))
    err(lambda: tf.signal.frame(1.0, 2, 0))
    err(lambda: tf.signal.frame(1.0, -2, 1))
    err(lambda: tf.signal.stft(0.001957803266122937, 1, 2))
    err(lambda: tf.signal.mdct(tf.constant(np.array(0.5, dtype="float16")), 16, norm="ortho"))
    """,
)

_snippet(
    "range_and_sequence_mask_non_finite",
    """
    # An infinite or NaN bound is TF's Range error, float16 included.
    err(lambda: tf.range(np.inf, limit=-3, delta=-3, dtype=tf.float16))
    err(lambda: tf.range(np.inf, 3, 1))
    err(lambda: tf.range(0, np.nan, 1))
    err(lambda: tf.range(0, np.inf, 1))
    show(tf.range(0, 3, np.inf))
    show(tf.range(np.float16(-3), np.float16(3), np.float16(2)))
    err(lambda: tf.sequence_mask(tf.constant(np.array(np.inf, dtype="float16"))))
    err(lambda: tf.sequence_mask([1.0, np.nan]))
    err(lambda: tf.sequence_mask([1, 2], maxlen=np.inf))
    """,
)

_snippet(
    "pad_fill_of_another_dtype",
    """
    # A tensor fill of another dtype: TF's op type check for a tensor input, and a
    # conversion to the fill's dtype for a NumPy input.
    err(lambda: tf.pad(tf.constant([1 + 1j]), [[1, 1]], constant_values=tf.constant(2.0)))
    err(lambda: tf.pad(tf.constant([1.0]), [[1, 1]], constant_values=tf.constant(2)))
    show(tf.pad(np.array([1 + 1j]), [[1, 1]], constant_values=tf.constant(2.0)))
    show(tf.pad(np.array([1.5]), [[1, 1]], constant_values=tf.constant(2)))
    show(tf.pad(tf.constant([1 + 1j]), [[1, 1]], constant_values=2.0))
    """,
)
