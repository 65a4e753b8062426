"""Fuzz round 6 (issue 14, helper r14d): isotonic_regression's axis and dtype checks,
complex LU and ctc_loss's complex blank_index, each as a small program whose output
TensorFlow recorded in ``fuzz_round6d.json`` (``make_snippets_golden.py fuzz_round6d``
under the TensorFlow virtualenv); ``tests/test_fuzz_round6d.py`` replays them on
tapeflow.

``err(fn)`` prints the class and message of the exception ``fn()`` raises (or ``ok``);
``show(t)`` prints a tensor's dtype, shape and value (floats to 5 significant digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "isotonic_axis_checks",
    """
    # TF checks the axis range, adds the rank to a negative axis as an int32 tensor, and
    # a float axis other than the last reaches Range / Transpose with a float.
    x = np.array([[1, 2, 0], [3, 1, 2]], dtype="float32")
    for axis in [2, -3, 3, 2.0, -3.0, -1.0, 1.0, 0.0, 0.5, 1.5, -0.5, -2.0, 0, -2]:
        try:
            show(tf.nn.isotonic_regression(x, axis=axis)[0])
        except Exception as e:
            print(axis, end=" ")
            err(lambda: (_ for _ in ()).throw(e))
    x3 = np.arange(8, dtype="float32").reshape([2, 2, 2])
    for axis in [3.0, 0.5, 1.5, 2.0]:
        err(lambda: tf.nn.isotonic_regression(x3, axis=axis))
    err(lambda: tf.nn.isotonic_regression(np.zeros((2, 0), "float32"), axis=3))
    """,
)

_snippet(
    "isotonic_complex_refused",
    """
    # Complex inputs are refused by the kernel, empty ones too (after the axis check).
    err(lambda: tf.nn.isotonic_regression(np.array([[1, 2]], "complex64")))
    err(lambda: tf.nn.isotonic_regression(np.zeros((2, 0), "complex128")))
    err(lambda: tf.nn.isotonic_regression(np.zeros((2, 0), "complex128"), axis=3))
    err(lambda: tf.nn.isotonic_regression(tf.constant(1 + 2j)))
    """,
)

_snippet(
    "lu_complex",
    """
    # Complex LU with partial pivoting (by modulus); TF registers no gradient for Lu.
    a = tf.constant(np.array([[1 + 1j, 2], [3, 4 - 2j]], dtype="complex64"))
    lu, p = tf.linalg.lu(a)
    show(lu)
    show(p)
    b = tf.constant(np.array([[[2, 1j, 0], [1 - 1j, 5, 2], [0.5, 1, 3j]]] * 2, "complex128"))
    show(tf.linalg.lu(b, output_idx_type=tf.int64)[1])
    lu, p = tf.linalg.lu(b)
    show(lu)
    show(tf.linalg.lu_reconstruct(lu, p))
    show(tf.linalg.lu(tf.zeros([2, 0, 0], tf.complex64))[0])
    err(lambda: tf.linalg.lu(tf.zeros([3, 2, 0], tf.complex64)))

    def grad():
        with tf.GradientTape() as tape:
            tape.watch(b)
            lu, _ = tf.linalg.lu(b)
        return tape.gradient(lu, b)

    err(grad)
    """,
)

_snippet(
    "ctc_loss_complex_blank_index",
    """
    # A complex blank_index: TF fails on the labels' shape first (IndexError).
    err(lambda: tf.nn.ctc_loss(
        tf.constant(np.array(3, dtype="int16")), tf.constant(np.array([], dtype="int16")),
        tf.constant(np.array([[3, 3, 4]], dtype="uint32")),
        tf.constant(np.array([[[[5, -1], [-2, -3], [5, 3]]]], dtype="int16")),
        logits_time_major=3, blank_index=tf.constant(np.array([[], []], dtype="complex64"))))
    # A float blank_index slices the logits: TF's TypeError (after a negative one moved).
    labels, logits = tf.constant([[1, 2]]), tf.zeros([3, 1, 4])
    for blank in [1.5, 2.0, -1.5, 0.0]:
        err(lambda: tf.nn.ctc_loss(labels, logits, [2], [3], blank_index=blank))
    err(lambda: tf.nn.ctc_loss(labels, logits, [2], [3], blank_index=tf.constant(1 + 0j)))
    # The dense loss's kernels check dtypes: log-softmax for the logits, one-hot for the
    # labels and their lengths (the logit lengths are only cast).
    for dt in ["int16", "uint8", "int64", "uint16", "float32"]:
        err(lambda: tf.nn.ctc_loss(tf.constant([[1, 2]], dt), logits, [2], [3]))
        err(lambda: tf.nn.ctc_loss([[1, 2]], logits, tf.constant([2], dt), [3]))
        err(lambda: tf.nn.ctc_loss([[1, 2]], logits, [2], tf.constant([3], dt)))
    for dt in ["complex64", "float16", "int32"]:
        err(lambda: tf.nn.ctc_loss([[1, 2]], tf.zeros([3, 1, 4], dt), [2], [3]))
    """,
)

_snippet(
    "non_numeric_arguments_final_fuzz",
    """
    # The final fuzz run's escapes (seeds 71/72): string predictions for in_top_k, an
    # infinite or NaN num_sampled for a candidate sampler. Only the classes are compared.
    def cls(fn):
        try:
            fn()
            print("ok")
        except Exception as e:
            print(type(e).__name__)

    words = np.array([[b"", b"a"], [b"xyz", b"b"]], dtype=object)
    cls(lambda: tf.nn.in_top_k(np.array([0, 1]), words, 1))
    true = tf.constant([[1]], tf.int64)
    cls(lambda: tf.nn.learned_unigram_candidate_sampler(true, 1, np.float16(np.inf), False, 5))
    cls(lambda: tf.random.uniform_candidate_sampler(true, 1, float("nan"), False, 5))
    cls(lambda: tf.random.log_uniform_candidate_sampler(true, 1, 2, False, float("inf")))
    """,
)

_snippet(
    "none_attributes_and_int8_products_final_fuzz",
    """
    # The final fuzz run's tapeflow-raises-only cases (seeds 71/72): None for gather's
    # batch_dims and LRN's attributes (the op's defaults), and 8-bit integer products
    # into int32 (TF's BatchMatMulV3 with output_type).
    show(tf.gather(tf.constant(np.array([0, 5], dtype="uint64")), np.array(1, dtype="int32"),
                   axis=-1, batch_dims=None))
    x = np.array([[[[5], [3], [2]]]], dtype="int8")
    show(tf.nn.local_response_normalization(x, depth_radius=None))
    show(tf.nn.local_response_normalization(x.astype("float32"), depth_radius=None, bias=None,
                                            alpha=None, beta=None))
    a = tf.constant(np.array([[-3, 1], [3, 63]], dtype="int8"))
    b = tf.constant(np.array([[-2, 63], [63, -1]], dtype="int8"))
    show(tf.linalg.matmul(a, b, output_type=tf.int32))
    show(tf.linalg.matmul(np.array([[200, 1]], "uint8"), np.array([[2], [100]], "uint8"),
                          output_type=tf.int32))
    """,
)
