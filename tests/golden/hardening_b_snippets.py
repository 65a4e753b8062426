"""Hardening snippets, second lane of issue 14's fuzz triage (input TF accepts that
tapeflow refused, and TF's result dtypes and shapes): each a small program whose
printed output TensorFlow recorded in ``hardening_b.json``
(``make_snippets_golden.py hardening_b``) and ``tests/test_hardening_b.py`` replays
on tapeflow.

The rules of ``behaviour_snippets.py`` apply. ``err(fn)`` prints only the class of
the exception ``fn()`` raises (or ``ok``); ``show(t)`` prints a tensor's dtype,
shape and value, rounded so last-bit kernel differences do not matter.
"""

from snippet_registry import snippet_registry

_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__)

def show(t, digits=6):
    if isinstance(t, (tuple, list)):
        for item in t:
            show(item, digits)
        return
    a = np.asarray(t.numpy() if hasattr(t, "numpy") else t)
    if a.dtype.kind in "fc":
        a = np.round(a.astype(np.float32) if a.dtype == np.float16 else a, digits)
    print(t.dtype.name if hasattr(t, "dtype") else a.dtype, list(a.shape), a.tolist())
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "fuzz_round4b_int_arguments",
    """
    # bools and NumPy floats where TF converts with int32 preferred
    show(tf.argsort(tf.constant([[3, 1, 2]], tf.int8), axis=False))
    show(tf.sort([3, 1, 2], axis=np.bool_(False)))
    show(tf.expand_dims([[], []], False))
    show(tf.expand_dims([1, 2], np.float64(1.0)))
    show(tf.math.cumsum([1.0, -0.0], axis=False, exclusive=True))
    show(tf.math.cumprod([[2, 3]], axis=np.bool_(True)))
    show(tf.math.cumulative_logsumexp([[], []], axis=False))
    show(tf.nn.crelu([[1.0, -2.0]], axis=True))
    show(tf.nn.crelu([[1.0, -2.0]], axis=(0,)))
    show(tf.stack([1, 2], axis=False))
    show(tf.one_hot([0, 1], True))
    show(tf.linspace(0.0, 1.0, True))
    show(tf.math.top_k([1, 3, 2], True))
    err(lambda: tf.eye(True))
    err(lambda: tf.gather([[1, 2]], [0], batch_dims=False))
    err(lambda: tf.math.cumsum([1, 2], axis=1.0))
    # concat: one value; a one-element axis
    show(tf.concat(2, np.int64(0)))
    show(tf.concat(2.5, 7))
    show(tf.concat([[1], [2]], [0]))
    show(tf.concat([[1], [2]], tf.constant([0])))
    err(lambda: tf.concat([[1]], [0]))
    err(lambda: tf.concat([[1], [2]], [0, 1]))
    # dtype arguments given as None mean the op's default
    show(tf.math.argmax([[1, 2]], output_type=None))
    show(tf.math.argmin([[0, 0]], output_type=None))
    show(tf.math.bincount([[[255]], [[255]], [[1]]], dtype=None)[250:])
    show(tf.math.top_k([1, 2, -2], k=2, sorted=None, index_type=None))
""",
)

_snippet(
    "fuzz_round4b_conversions",
    """
    # boolean reductions convert with dtype bool (NumPy arrays are cast)
    show(tf.math.reduce_all([[], []]))
    show(tf.math.reduce_any([[], []]))
    show(tf.math.reduce_all(np.array([1, 0])))
    show(tf.math.reduce_any(np.array([0.0, 1.5])))
    show(tf.math.reduce_any(np.float64(1)))
    err(lambda: tf.math.reduce_all([[0, 1]]))
    err(lambda: tf.math.reduce_any(tf.constant([1.0])))
    # ops whose inputs share a dtype: the first tensor's, or the op's default
    show(tf.math.nextafter([1, -3, -2], [1, -3, -2]))
    show(tf.math.nextafter(np.array([1, -3]), 2.0))
    show(tf.nn.local_response_normalization([[[[4294967294]]]], bias=0.5338209036349202))
    show(tf.math.xlog1py(-3.66736938810556, np.float64(1.6784095232674012)))
    show(tf.math.xlog1py(np.float64(1.6784095232674012), 2.0))
    err(lambda: tf.math.xlog1py(1, 2))
    show(tf.math.divide_no_nan([[], []], tf.constant(np.array(-0.5, dtype="float16"))))
    show(tf.math.divide_no_nan(1, tf.Variable(2.0)))
    err(lambda: tf.math.divide_no_nan([1], 2.5))
    show(tf.nn.normalize_moments([[], []], [[], []], [[], []], 0))
    show(tf.nn.normalize_moments(np.float64(2), 3.0, 4.0, None))
    show(tf.nn.normalize_moments(tf.constant(2.0), 3, 4, 1))
""",
)

_snippet(
    "fuzz_round4b_results",
    """
    # scale_regularization_loss divides by a Python 1: integer sums become floats
    show(tf.nn.scale_regularization_loss(2))
    show(tf.nn.scale_regularization_loss(np.array([1, 2], dtype="int16")))
    show(tf.nn.scale_regularization_loss(np.array([[2], [1]], dtype="uint32")))
    show(tf.nn.scale_regularization_loss([[], [], [0]]))
    show(tf.nn.scale_regularization_loss([1, 2.5]))
    show(tf.nn.scale_regularization_loss([1, tf.constant(2.0)]))
    err(lambda: tf.nn.scale_regularization_loss([[1.0], [2.0, 3.0]]))
    # ctc_unique_labels: unique in the input's dtype, then int64
    show(tf.nn.ctc_unique_labels(np.array([[-2.59, 3.62, -2.59], [-3.03, 1.32, 1.32]])))
    show(tf.nn.ctc_unique_labels(tf.constant([[True, False, True]])))
    show(tf.nn.ctc_unique_labels(np.array([[0, 32767], [32767, 0]], dtype="uint16")))
    show(tf.nn.ctc_unique_labels([]))
    # isotonic regression of empty and 0-d inputs
    show(tf.nn.isotonic_regression([]))
    show(tf.nn.isotonic_regression(np.zeros((2, 0))))
    show(tf.nn.isotonic_regression(np.zeros((0, 3), "int8"), axis=0))
    show(tf.nn.isotonic_regression(5.0))
    show(tf.nn.isotonic_regression(np.int32(5)))
    # LRN of an empty batch
    show(tf.nn.lrn(tf.zeros([3, 3, 1, 0])))
""",
)

_snippet(
    "fuzz_round4b_shapes_and_empties",
    """
    # broadcast_dynamic_shape: TF's BCast rule on the values, one dtype for both
    show(tf.broadcast_dynamic_shape([], [4, -1]))
    show(tf.broadcast_dynamic_shape([-2], [1]))
    show(tf.broadcast_dynamic_shape([], [2147483648]))
    show(tf.broadcast_dynamic_shape([1], [2**40]))
    show(tf.broadcast_dynamic_shape(tf.constant([1], tf.int64), [3]))
    err(lambda: tf.broadcast_dynamic_shape([-1], [-2]))
    err(lambda: tf.broadcast_dynamic_shape([[2]], [3]))
    err(lambda: tf.broadcast_dynamic_shape(tf.constant([1], tf.int64), tf.constant([3])))
    # no index check where the data (segments) or the result (gather) is empty
    show(tf.math.unsorted_segment_max([[], []], tf.constant(np.array(0, dtype="int32")), 0))
    show(tf.math.unsorted_segment_sum(np.zeros((2, 0)), [5, 7], 1))
    show(tf.math.unsorted_segment_prod([[], []], 0, 0))
    err(lambda: tf.math.unsorted_segment_mean(np.zeros((2, 0)), [5, 7], 2))
    err(lambda: tf.math.unsorted_segment_sum([[1.0, 2.0]], [5], 0))
    show(tf.math.unsorted_segment_prod(np.complex64(-1.5 - 17j), np.array(0, dtype="int32"), 2))
    err(lambda: tf.math.unsorted_segment_max(np.complex64(1j), 0, 1))
    show(tf.gather([[], []], tf.constant(np.array(-1, dtype="int32"))))
    show(tf.gather([[], []], [5, 7]))
    err(lambda: tf.gather([[], []], [5, 7], axis=1))
    err(lambda: tf.gather(np.zeros((0, 3)), [5]))
    # softmax cross-entropy over no classes, and a one-element axis tensor
    show(tf.nn.softmax_cross_entropy_with_logits([], []))
    show(tf.nn.softmax_cross_entropy_with_logits(np.zeros((2, 0)), np.zeros((2, 0))))
    err(lambda: tf.nn.softmax_cross_entropy_with_logits(np.zeros((2, 0)), np.zeros((1, 0))))
    show(tf.nn.softmax_cross_entropy_with_logits([[0.5, 0.5]], [[1.0, 2.0]],
                                                 axis=tf.constant([-1])))
    err(lambda: tf.nn.softmax_cross_entropy_with_logits([[0.5, 0.5]], [[1.0, 2.0]],
                                                        axis=np.array([1])))
""",
)

_snippet(
    "fuzz_round4b_more_inputs",
    """
    # complex is numeric to the monotonicity checks: fewer than two entries are True
    show(tf.math.is_non_decreasing(0.5 - 10000j))
    show(tf.math.is_strictly_increasing(tf.constant(np.array([], dtype="complex64"))))
    err(lambda: tf.math.is_strictly_increasing([1 + 1j, 2 + 0j]))
    # collapse_repeated: lengths go through sequence_mask (cast to int32)
    show(tf.nn.collapse_repeated([[1, 1, 3], [2, 2, 4]], [2.7, 1.2]))
    show(tf.nn.collapse_repeated([[1, 1, 3], [2, 2, 4]], [5, -1]))
    show(tf.nn.collapse_repeated([[-3, -3, 3], [2, 5, 4]], np.array([1.8e30], dtype="float32")))
    err(lambda: tf.nn.collapse_repeated(np.zeros((0, 3)), []))
    err(lambda: tf.nn.collapse_repeated([[1, 1, 3], [2, 2, 4]], [[2], [1]]))
    # sufficient_statistics drops repeated axes
    show(tf.nn.sufficient_statistics(tf.constant([[5.0, 2.0]]), [1, 1, 0])[:3])
    err(lambda: tf.nn.sufficient_statistics(tf.constant([[5.0, 2.0]]), [1, -1]))
    # batched matmul takes int16
    show(tf.linalg.matmul(np.ones((1, 2, 2), "int16"), np.ones((1, 2, 2), "int16")))
    err(lambda: tf.linalg.matmul(np.ones((2, 2), "int16"), np.ones((2, 2), "int16")))
    err(lambda: tf.linalg.matmul(np.ones((1, 2, 2), "int8"), np.ones((2, 2), "int8")))
    # normalize casts the norm to the input's dtype; a Python bool axis is an int
    show(tf.linalg.normalize(tf.constant([[1 + 1j, 2j]]), ord=1, axis=1))
    show(tf.linalg.normalize(tf.constant([[1.0, 2.0]]), axis=False))
    show(tf.norm(tf.constant([[1.0, 2.0]]), axis=True))
    # invert_permutation converts NumPy floats (and complex) with int32 preferred
    show(tf.math.invert_permutation(np.array([1.5, 0.2], "float16")))
    show(tf.math.invert_permutation(np.array([0.47 + 2541.9j, 1.85 - 460.2j], "complex64")))
    err(lambda: tf.math.invert_permutation([1.5, 0.2]))
    # scalar_mul converts the scalar with x's dtype
    show(tf.math.scalar_mul(18446744073709551615, tf.constant(np.array(5, dtype="uint64"))))
    # polygamma of an order whose factorial overflows
    show(tf.math.polygamma(tf.constant([171.0], tf.float64), tf.constant([1.5], tf.float64)))
    show(tf.math.polygamma(tf.constant([201.0]), tf.constant([0.5])))
""",
)

_snippet(
    "fuzz_round4b_operators",
    """
    # TF's Add joins strings, 0-d ones too
    print(tf.math.add(np.array(b"a", dtype=object), np.array(b"b", dtype=object)).numpy())
    print((tf.constant(b"x") + b"y").numpy())
    # `/` refuses bool tensors; a NumPy operand then divides with NumPy's own operator
    err(lambda: tf.constant([True]) / tf.constant([True]))
    err(lambda: tf.math.truediv(np.array(False), np.array(False)))
    r = tf.math.divide(np.array(False), np.array(False))
    print(type(r).__name__, r)
    r = tf.constant([True, False]) / np.array([True, True])
    print(type(r).__name__, r.tolist())
    show(tf.math.divide(np.array([1]), tf.constant([2.5])))
    show(tf.math.divide([1, 2], tf.Variable([2, 4])))
    # meshgrid: a Python value takes the first input's dtype where it can
    show(tf.meshgrid(tf.constant(np.array(True, dtype="bool")), []))
""",
)

_snippet(
    "fuzz_round4b_linalg_and_grads",
    """
    # the gradient of an empty cumprod
    x = tf.constant(np.zeros((2, 0), "float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.math.cumprod(x, axis=1, reverse=True, exclusive=True)
    show(tape.gradient(y, x))
    # svd of a matrix holding NaN: NaN factors, and a rank of 0
    show(tf.linalg.svd(np.array([[np.nan, 1.0], [2.0, 3.0]]))[0])
    show(tf.linalg.matrix_rank(np.array([[[complex(np.nan, -np.inf)], [-2 + 1e-30j]]])))
""",
)

_snippet(
    "fuzz_round4b_int32_arguments",
    """
    # arguments TF converts to int32 wrap there (2**32 is 0, 2**32 + 1 is 1)
    show(tf.linalg.diag(tf.constant([1, 2]), k=2**32))
    show(tf.linalg.diag_part(np.ones((2, 2)), k=2**40))
    show(tf.linalg.diag(np.zeros((2, 0), "int8"), k=2**40, num_rows=-1))
    show(tf.math.top_k([1, 2, -2], k=2**40))
    show(tf.math.top_k([1, 2, -2], k=2**32 + 1))
    # band_part's two bounds share the first one's dtype: a small first bound is int32
    show(tf.linalg.band_part([[1.0, 2.0]], -2, 2**31))
    err(lambda: tf.linalg.band_part([[1.0, 2.0]], 2**31, -1))
    err(lambda: tf.linalg.band_part([[1.0, 2.0]], np.int64(-1), 2**31))
    # an empty tensor is False, as TF's EagerTensor says (isotonic_regression asks)
    print(bool(tf.constant(np.zeros((2, 0), bool))), bool(tf.constant([True])))
    show(tf.nn.isotonic_regression([3.0, 1.0], decreasing=tf.constant(np.zeros((2, 0), bool))))
""",
)

_snippet(
    "fuzz_round4b_lists_and_blocks",
    """
    # a list holding tensors packs in its first tensor's dtype
    show(tf.convert_to_tensor([3792.0, tf.constant(np.array(np.inf, dtype="float16"))]))
    show(tf.convert_to_tensor([tf.constant(np.zeros((2,), "int8")), tf.constant(np.ones((2,), "int8"))]))
    show(tf.convert_to_tensor([tf.constant(1), 2**40]))
    show(tf.reduce_sum([tf.constant(np.int8(100)), 100]))
    # concat of Python lists: the first one's dtype is every later one's
    show(tf.concat([[0], [], []], 0))
    show(tf.concat([[1.5], [1]], 0))
    err(lambda: tf.concat([[1], [1.5]], 0))
    # isotonic regression: equal neighbours keep their own blocks; a one-element axis tensor
    show(tf.nn.isotonic_regression([[1.0, 1.0, 1.0]]))
    show(tf.nn.isotonic_regression([[3.0, 1.0, 2.0, 2.0]], decreasing=False))
    show(tf.nn.isotonic_regression(np.zeros((2, 3), "int8")))
    show(tf.nn.isotonic_regression(np.ones((1, 3)), axis=tf.constant([-1], tf.int64)))
    show(tf.nn.isotonic_regression([3792.0, tf.constant(np.array(np.inf, dtype="float16"))]))
    # ctc_unique_labels of no rows
    show(tf.nn.ctc_unique_labels(np.zeros((0, 3, 3), "uint32")))
""",
)

_snippet(
    "fuzz_round4b_last",
    """
    # a Python value tries its dtype hint first (a uint64 hint holds 2**64 - 3)
    show(tf.convert_to_tensor([18446744073709551613, 0], dtype_hint=tf.uint64))
    show(tf.math.divide_no_nan(tf.constant(np.array([4, 3], "uint64")), [18446744073709551613, 1]))
    # `/` of a bool tensor by a NumPy scalar: NumPy's reflected division answers
    r = tf.math.divide(tf.constant([True, False]), np.uint8(4))
    print(type(r).__name__, r.tolist())
    # collapse_repeated broadcasts as TF's composition does (labels of rank 3, lengths 2-D)
    show(tf.nn.collapse_repeated(tf.constant(np.array([[[5]]], "int8")), np.array(-10000.0)))
    show(tf.nn.collapse_repeated(np.array([[-1553.0]], "float16"), np.array([[-1553.0]], "float16")))
    err(lambda: tf.nn.collapse_repeated(np.ones((2, 3, 2)), 3))
    # a first value with no default dtype takes the op's default (float32 here)
    show(tf.math.nextafter(18446744073709551615, 18446744073709551615))
    # argmax with a Python bool axis
    show(tf.math.argmax([[1, 2], [3, 0]], axis=True))
""",
)


_snippet(
    "fuzz_round5_lstsq_fast_none",
    """
    # lstsq: only fast=False is the exact (non-differentiable) path; None and 0 are fast.
    a = tf.constant([[2.0, 1.0], [1.0, 3.0], [1.0, 1.0]])
    b = tf.constant([[1.0], [2.0], [3.0]])
    for fast in (False, None, 0):
        with tf.GradientTape() as tape:
            tape.watch(a)
            x = tf.linalg.lstsq(a, b, fast=fast)
        show(x)
        err(lambda: show(tape.gradient(x, a)))
    """,
)


_snippet(
    "complex_expm_gradients",
    """
    # expm of complex matrices: first and second order gradients and the JVP. (TF logs
    # warnings on complex casts and complex watched primals: silenced.)
    level = tf.get_logger().level
    tf.get_logger().setLevel("ERROR")
    rng = np.random.default_rng(1)
    for dt in (np.complex128, np.complex64):
        a = (rng.standard_normal((2, 3, 3)) + 1j * rng.standard_normal((2, 3, 3))).astype(dt) * 0.7
        w = (rng.standard_normal(a.shape) + 1j * rng.standard_normal(a.shape)).astype(dt)
        x = tf.constant(a)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = tf.math.real(tf.reduce_sum(tf.linalg.expm(x) * w))
            g = inner.gradient(y, x)
            z = tf.math.real(tf.reduce_sum(g * tf.math.conj(g)))
        show(g, 3)
        show(outer.gradient(z, x), 2)
        v = (rng.standard_normal(a.shape) + 1j * rng.standard_normal(a.shape)).astype(dt)
        with tf.autodiff.ForwardAccumulator(x, tf.constant(v)) as acc:
            e = tf.linalg.expm(x)
        show(acc.jvp(e), 3)
    tf.get_logger().setLevel(level)
    """,
)
