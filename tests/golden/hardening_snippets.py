"""Hardening snippets (issue 14): the bugs a differential fuzz run against TensorFlow
found, each as a small program whose printed output TensorFlow recorded in
``hardening.json`` (``make_snippets_golden.py hardening``) and
``tests/test_hardening.py`` replays on tapeflow.

The rules of ``behaviour_snippets.py`` apply. Every snippet starts with two
helpers: ``err(fn)`` prints only the class of the exception ``fn()`` raises (or
``ok``), because the point of these cases is the class; ``show(t)`` prints a
tensor's dtype, shape and value, rounded so last-bit kernel differences do not
matter.
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
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy() if hasattr(t, "numpy") else t)
    if a.dtype.kind in "fc":
        a = np.round(a, digits)
    print(t.dtype.name if hasattr(t, "dtype") else a.dtype, list(a.shape), a.tolist())
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


# -------------------------------------------------- wrong or lossy results --

_snippet(
    "logsumexp_grad_under_outer_tape",
    """
    for dtype, values in [(tf.float64, [1e300] * 3), (tf.float32, [1e4, 1e4, 9999.0])]:
        x = tf.constant(values, dtype=dtype)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = tf.reduce_logsumexp(x)
            g = inner.gradient(y, x)
        show(g, 7)
    x = tf.constant([1e300] * 3, dtype=tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reduce_logsumexp(x)
        g = tape.gradient(y, x)
    show(g, 7)
""",
)

_snippet(
    "softmax_family_grad_under_outer_tape",
    """
    x = tf.constant([[1e4, 1e4, 9999.0], [-3.0, 0.0, 2.0]])
    for fn in [tf.nn.softmax, tf.nn.log_softmax,
               lambda v: tf.nn.softmax_cross_entropy_with_logits(
                   tf.constant([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]]), v),
               lambda v: tf.nn.sparse_softmax_cross_entropy_with_logits(tf.constant([2, 0]), v)]:
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = fn(x) * tf.constant(0.5)
            g = inner.gradient(y, x)
        show(g, 5)
""",
)

_snippet(
    "sigmoid_cross_entropy_tiny_gradient",
    """
    logits = tf.constant([30.0, -30.0, 50.0, 0.0])
    labels = tf.constant([1.0, 0.0, 1.0, 1.0])
    with tf.GradientTape() as tape:
        tape.watch(logits)
        loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    g = tape.gradient(loss, logits).numpy()
    print([float(np.format_float_scientific(v, precision=3)) for v in g])
""",
)

_snippet(
    "dtype_of_numpy_scalars",
    """
    show(tf.stack([np.array(1.0), np.array(2.0)]))
    show(tf.constant([np.complex64(1 + 2j)]))
    show(tf.constant([np.float32(1.5)]))
    show(tf.constant([np.array(1.0), 2.0]))
    show(tf.constant([[], [1]]))
""",
)

_snippet(
    "complex_linalg_dtypes",
    """
    m = tf.constant([[2.0, 1 - 1j], [1 + 1j, 3.0]], dtype=tf.complex128)
    e, v = tf.linalg.eigh(m)
    show(e)
    show(tf.linalg.eigvalsh(m))
    show(tf.linalg.logdet(m))
    show(tf.linalg.logdet(tf.constant([[2.0, 0.5], [0.5, 1.0]], dtype=tf.complex64)))
""",
)

_snippet(
    "lgamma_exact_at_one_and_two",
    """
    show(tf.math.lgamma(tf.constant([1.0, 2.0])), 20)
    show(tf.math.lgamma(tf.constant([1.0, 2.0], tf.float64)), 20)
""",
)

_snippet(
    "complex_reduce_mean",
    """
    show(tf.reduce_mean(tf.constant([complex(np.inf, 0.5)])))
    show(tf.reduce_mean(tf.constant([], dtype=tf.complex64)))
    show(tf.reduce_mean(tf.constant(np.zeros((2, 0)), dtype=tf.complex128), axis=1))
    show(tf.reduce_mean(tf.constant([1 + 1j, 3 - 1j])))
""",
)

_snippet(
    "zeros_of_strings",
    """
    print(tf.zeros([1], tf.string))
    print(tf.ones_like(tf.constant([1, 2])))
    err(lambda: tf.ones([1], tf.string))
""",
)

_snippet(
    "moments_over_no_axes",
    """
    m, v = tf.nn.moments(tf.constant([3.0]), axes=[])
    show(m)
    show(v)
    m, v = tf.nn.moments(tf.constant([[1.0, 2.0]]), axes=[], keepdims=True)
    show(m)
    show(v)
""",
)

_snippet(
    "variable_assign_add_needs_equal_shapes",
    """
    v = tf.Variable([1.0, 2.0])
    err(lambda: v.assign_add(1.0))
    err(lambda: v.assign_sub([1.0]))
    err(lambda: v.assign_add([[1.0, 2.0]]))
    err(lambda: v.assign([3.0]))
    print(v.numpy())
    v.assign_add([1.0, 1.0])
    print(v.numpy())
    s = tf.Variable(1.0)
    s.assign_add(2.0)
    print(s.numpy())
""",
)

# -------------------------------------------- forward over reverse, masks --

_snippet(
    "forward_over_reverse_through_mask",
    """
    x = tf.constant([1.0, -2.0, 3.0, 0.5])
    t = tf.constant([1.0, 1.0, 1.0, 1.0])
    with tf.autodiff.ForwardAccumulator(x, t) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_mean(tf.nn.relu(x[1:3]))
        g = tape.gradient(y, x)
    show(g)
    show(acc.jvp(g))
    with tf.autodiff.ForwardAccumulator(x, t) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(tf.abs(x)) + tf.reduce_max(x)
        g = tape.gradient(y, x)
    show(acc.jvp(g))
""",
)

# ------------------------------------------------------ resource exhaustion --

_snippet(
    "impossible_sizes_fail_before_allocating",
    """
    err(lambda: tf.one_hot([0, 1], 2**31))
    err(lambda: tf.one_hot([0, 1], -2))
    err(lambda: tf.range(2**40))
    err(lambda: tf.range(0, 2**62, 1, dtype=tf.int64))
    err(lambda: tf.fill([2**31, 2**31], 1.0))
    err(lambda: tf.zeros([2**31, 2**31]))
    err(lambda: tf.ones([2**20, 2**20, 2**20]))
    err(lambda: tf.tile(tf.constant([1.0]), [2**40]))
    err(lambda: tf.pad(tf.constant([1.0]), [[0, 2**40]]))
    err(lambda: tf.eye(2**31))
    err(lambda: tf.eye(2**20, 2**20))
    err(lambda: tf.zeros([-1]))
    err(lambda: tf.broadcast_to(tf.constant(1.0), [2**31, 2**31]))
""",
)

# ------------------------------------------ raw Python/NumPy exceptions --

_snippet(
    "raw_exceptions_become_tf_errors",
    """
    err(lambda: tf.tensor_scatter_nd_update(tf.constant([1.0, 2.0]), tf.constant(0), tf.constant(5.0)))
    err(lambda: tf.math.floordiv(tf.constant([1 + 1j]), tf.constant([1 + 1j])))
    err(lambda: tf.math.floormod(tf.constant([1 + 1j]), tf.constant([1 + 1j])))
    err(lambda: tf.subtract(tf.constant([True]), tf.constant([False])))
    err(lambda: tf.math.squared_difference(tf.constant([True]), tf.constant([False])))
    err(lambda: tf.add(tf.constant(["a"]), tf.constant(["b"])))
    err(lambda: tf.multiply(tf.constant(["a"]), tf.constant(["b"])))
    err(lambda: tf.negative(tf.constant(["a"])))
    err(lambda: tf.fill(tf.constant([[2]]), 1.0))
    err(lambda: tf.zeros(tf.constant([[2]])))
    err(lambda: tf.cast(tf.constant([1.0]), tf.string))
    err(lambda: tf.nn.silu(tf.constant([1, 2])))
    err(lambda: tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[1.0, 2.0]], axis=1.0))
    err(lambda: tf.nn.softmax_cross_entropy_with_logits([[0.0, 1.0]], [[1.0, 2.0]], axis=[1]))
    def string_source():
        with tf.GradientTape() as tape:
            x = tf.constant(["a"])
            tape.watch(x)
        return tape.gradient(x, x)
    err(string_source)
    show(tf.reduce_logsumexp(tf.constant(2.0), keepdims=True))
""",
)

# ---------------------------------------- input TF accepts (tapeflow did not) --

_snippet(
    "inputs_tensorflow_accepts",
    """
    show(tf.nn.softmax(tf.zeros([1, 0])))
    show(tf.math.truediv(np.array([3, 4], np.int8), np.array([2, 8], np.int8)))
    show(tf.reverse(tf.constant(5.0), axis=[]))
    err(lambda: tf.linalg.expm(tf.constant([1.0, 2.0])))
    show(tf.math.logical_not(np.array(0, np.int32) == 0))
    err(lambda: tf.math.logical_not(np.array(0, np.int32)))
""",
)

# ----------------------------- found by TensorFlow's own eager tests --

_snippet(
    "recompute_grad_dict_keyed_by_refs",
    """
    a = tf.Variable(2.0)
    b = tf.Variable(3.0)

    @tf.recompute_grad
    def f(d):
        return d[a.ref()] * d[b.ref()]

    x = tf.constant(1.5)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f({a.ref(): x * 2.0, b.ref(): x})
    print(tape.gradient(y, x))
""",
)

_snippet(
    "forward_accumulator_tangent_dies_with_primal",
    """
    import gc
    import weakref
    x = tf.constant(1.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = x * 2.0
        tangent = acc.jvp(y)
        ref = weakref.ref(tangent)
        del tangent, y
        gc.collect()
        print(ref() is None)
""",
)

_snippet(
    "compute_gradient_complex_and_empty",
    """
    theoretical, numerical = tf.test.compute_gradient(lambda z: z * (2 - 3j), [tf.constant(1 + 1j)])
    print(np.round(theoretical[0], 3).tolist(), theoretical[0].dtype)
    print(np.round(numerical[0], 3).tolist(), numerical[0].dtype)
    theoretical, numerical = tf.test.compute_gradient(lambda z: z * (5 - 7j), [tf.constant([1 + 0j], tf.complex128)])
    print(np.round(theoretical[0], 3).tolist())

    @tf.custom_gradient
    def bad(x):
        def grad(g):
            return tf.zeros([3])
        return x[:0], grad

    try:
        tf.test.compute_gradient(bad, [tf.constant([1.0, 2.0])])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "variable_initializer_and_executing_eagerly",
    """
    v = tf.Variable(1.0)
    print(v.initializer)
    print(tf.executing_eagerly())
""",
)

_snippet(
    "tensorshape_methods",
    """
    s = tf.TensorShape([2, None, 3])
    t = tf.TensorShape([2, 4, 3])
    print(s.is_compatible_with(t), s.is_compatible_with([2, 4]))
    print(s.merge_with(t), s.concatenate([5]), s.concatenate(tf.TensorShape(None)))
    print(s.most_specific_compatible_shape(tf.TensorShape([2, 4, 4])))
    print(s.most_specific_compatible_shape([1, 2]))
    print(t.as_list(), t.num_elements(), s.num_elements(), s.is_fully_defined(), t.is_fully_defined())
    print(s.with_rank(3), s.with_rank_at_least(2), s.with_rank_at_most(4))
    for f in [lambda: s.with_rank(2), lambda: s.with_rank_at_least(4),
              lambda: s.with_rank_at_most(1), lambda: s.merge_with([3, 4, 3]),
              lambda: s.assert_is_compatible_with([1, 1, 1]),
              lambda: s.assert_has_rank(2), lambda: tf.TensorShape(None).as_list()]:
        try:
            f()
            print("ok")
        except Exception as e:
            show_error(e)
    s.assert_is_compatible_with(t)
    s.assert_same_rank(t)
    print(tf.TensorShape(None).merge_with(s), tf.TensorShape(None).rank)
    print(tf.TensorShape([1, 2]).is_subtype_of(tf.TensorShape([None, 2])))
    print(tf.TensorShape([None, 2]).is_subtype_of(tf.TensorShape([1, 2])))
    print(s[1:], s[0], tf.TensorShape(None).with_rank(2))
    try:
        s.assert_same_rank([1])
    except Exception as e:
        show_error(e)
    print(tf.TensorShape([]).is_fully_defined(), tf.TensorShape([]).num_elements())
""",
)

_snippet(
    "nest_module",
    """
    structure = {"b": [1, (2, 3)], "a": 4}
    print(tf.nest.flatten(structure))
    print(tf.nest.map_structure(lambda v: v * 10, structure))
    print(tf.nest.pack_sequence_as(structure, [7, 8, 9, 10]))
    print(tf.nest.is_nested(structure), tf.nest.is_nested(3))
    tf.nest.assert_same_structure([1, (2, 3)], [4, (5, 6)])
    try:
        tf.nest.assert_same_structure([1, 2], [1, (2, 3)])
    except Exception as e:
        print(type(e).__name__)
    print(tf.nest.flatten(None), tf.nest.flatten(5))
    print(tf.nest.map_structure(lambda a, b: a + b, (1, [2]), (10, [20])))
""",
)

# ------------------------------------------------ found by the fuzz run --

_snippet(
    "complex_squared_difference",
    """
    x = tf.constant([1 + 2j, 3 - 1j])
    y = tf.constant([0.5 - 1j, 3 + 0j])
    with tf.GradientTape() as tape:
        tape.watch(x)
        z = tf.math.squared_difference(x, y)
    show(z)
    show(tape.gradient(z, x))
    m, v = tf.nn.moments(x, axes=[0])
    show(v)
""",
)

_snippet(
    "single_values_to_stack_and_concat",
    """
    show(tf.stack(np.int64(5)))
    show(tf.concat(np.int16(1), 3))
    show(tf.stack(tf.constant([1.0, 2.0])))
    err(lambda: tf.math.floormod(tf.constant([1 + 1j]), tf.constant([1 + 1j])))
    err(lambda: tf.reduce_mean(tf.constant(b"a")))
""",
)

_snippet(
    "fuzz_escapes_round2",
    """
    h = tf.constant(np.array(-0.5, dtype="float16"))
    err(lambda: tf.math.approx_max_k(h, 0))
    err(lambda: tf.nn.approx_max_k(tf.constant(b"a"), None))
    err(lambda: tf.math.approx_max_k(tf.constant([1.0, 2.0]), 1, aggregate_to_topk=1))
    err(lambda: tf.math.approx_min_k(tf.constant([1 + 0j]), 1))
    show(tf.math.approx_max_k(tf.constant([1.0, 3.0, 2.0]), 2)[0])
    err(lambda: tf.math.bincount(tf.constant(np.array([0.5, np.inf], "float16")),
                                 weights=tf.constant(np.array([1, 2], "int8"))))
    err(lambda: tf.math.bincount(np.float64(0.2), minlength=np.int64(1),
                                 binary_output=np.int64(1)))
    err(lambda: tf.math.bincount(tf.constant([0]), weights=[[], []], binary_output=True))
    err(lambda: tf.math.bincount([1, 2], maxlength=tf.constant(np.float16(1.0))))
    show(tf.math.bincount([[], []]))
    show(tf.math.bincount([0.5, 2.7, 2.1]))
    err(lambda: tf.math.count_nonzero(tf.constant(b"a"), axis=[1]))
    err(lambda: tf.math.count_nonzero([[1.0, 0.0]], axis=-2.0))
    show(tf.math.count_nonzero([[1.0, 0.0], [2.0, 3.0]], axis=-1))
    s = tf.constant([[b"x", b"y"]])
    err(lambda: tf.math.floormod(s, s))
    err(lambda: tf.math.mod(s, s))
    err(lambda: tf.math.nextafter(tf.constant(b"a"), tf.constant(b"")))
    err(lambda: tf.math.polygamma(tf.constant(np.float16(1.0)), tf.constant(np.float16(2.0))))
    show(tf.math.polygamma(np.inf, tf.constant(-2846.72)))
    err(lambda: tf.linalg.diag(np.array([[1, 2]], "int32"), num_rows=1.5))
    show(tf.linalg.diag(tf.constant(np.array([], "int32")), padding_value=2147483648))
    show(tf.linalg.diag(tf.constant([1]), padding_value=2147483648, num_rows=2))
    show(tf.linalg.diag(tf.constant([1], tf.int8), padding_value=-300, num_rows=2))
    err(lambda: tf.math.reciprocal_no_nan(tf.constant(b"")))
    err(lambda: tf.reduce_mean(np.array([], dtype=object), axis=tf.constant([0])))
    err(lambda: tf.math.reduce_variance(tf.constant(b"a")))
    err(lambda: tf.nn.moments(tf.constant(b"a"), None))
    err(lambda: tf.math.rint(tf.constant(b"xyz")))
    err(lambda: tf.clip_by_global_norm([], 1.0, use_norm=np.array(b"ab", dtype=object)))
    err(lambda: tf.concat(tf.constant([b""]), tf.constant([1])))
    show(tf.concat(tf.constant([[1.0, 2.0]]), 0))
    print(tf.concat(tf.constant([b"", b"a"]), 0).numpy().tolist())
    err(lambda: tf.nn.softmax_cross_entropy_with_logits(tf.constant(0.5), tf.constant(2.5),
                                                        axis=0))
    err(lambda: tf.range(np.inf))
    show(tf.repeat([[], []], []))
    err(lambda: tf.repeat([1, 2], [1.5, 2.0]))
    show(tf.repeat([1, 2], np.array([2, 1], "int64")))
    print(tf.executing_eagerly())
    print(tf.function(lambda: tf.constant(tf.executing_eagerly()))().numpy())
""",
)

_snippet(
    "fuzz_round3",
    """
    show(tf.clip_by_norm(tf.constant(np.float32(-0.5)), np.float32(-0.5)))
    show(tf.clip_by_norm(tf.constant([3.0, 4.0]), tf.constant(-1.0)))
    show(tf.linalg.l2_normalize(tf.constant([[3 + 30j]]), epsilon=1e-300, axis=-2))
    show(tf.complex(tf.constant([0.0, np.inf, 1.0]), tf.constant([np.inf, 0.0, 2.0])))
    x = tf.constant([[np.inf]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        e, v = tf.linalg.eigh(x)
        y = tf.reduce_sum(e * 0.0) + tf.reduce_sum(v)
    show(tape.gradient(y, x))
    show(tf.reduce_sum([[1.0, 2.0]], axis=True))
    show(tf.reduce_sum([[1.0, 2.0]], axis=np.array([True])))
    show(tf.reduce_sum(tf.constant([[1.0, 2.0]]), axis=np.float64(1.5)))
    err(lambda: tf.reduce_sum([[1.0, 2.0]], axis="0"))
    err(lambda: tf.reduce_sum([[1.0, 2.0]], axis=(True, 0)))
    err(lambda: tf.reduce_sum(tf.constant([[1.0, 2.0]]), axis=1.0))
    err(lambda: tf.reduce_sum([[1.0, 2.0]], axis=tf.constant([1], tf.uint8)))
    show(tf.linalg.matrix_rank(tf.constant([[-0.002]], tf.float64), tol=np.array([[1]], "int8")))
    show(tf.linalg.matrix_rank([[], []], tol=[[], []]))
    err(lambda: tf.linalg.matrix_rank(254))
    err(lambda: tf.linalg.matrix_rank(tf.constant([[1, 2], [3, 4]])))
    show(tf.linalg.matrix_rank(np.array([[1, 2], [2, 4]], "uint32")))
    show(tf.convert_to_tensor(np.array([1.5, -1.5]), dtype_hint=tf.int32))
    print(repr(tf.convert_to_tensor(np.int64(3), dtype_hint=tf.float16)))
    print(tf.convert_to_tensor(np.array([b"a", b""], object), dtype_hint=tf.bool).numpy().tolist())
    err(lambda: tf.math.unsorted_segment_max([1.0, 2.0], [0, 5], 2))
    err(lambda: tf.math.unsorted_segment_sum([1.0, 2.0], [0, 1], tf.constant(2**40)))
    err(lambda: tf.math.unsorted_segment_sum([1.0, 2.0], [0, 1], [2]))
    err(lambda: tf.math.unsorted_segment_min(np.float16(1), np.array(0, "int32"), 2**31))
    err(lambda: tf.math.unsorted_segment_mean(tf.constant(np.float16(2.5)), 2, 2**40))
    show(tf.constant(tf.constant(np.int8(5)), shape=(3, 2**40)))
    err(lambda: tf.constant(tf.constant(-3), shape=tf.constant([1, 2**31], tf.int64)))
    show(tf.constant([], shape=(0, 2**40)))
    x = tf.constant(np.float32(2.0))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.constant(x, shape=[]) * 3.0
    show(tape.gradient(y, x))
    err(lambda: tf.eye(2, batch_shape=[-1]))
    err(lambda: tf.eye(2**40, num_columns=2, batch_shape=[2**40, -(2**31)], dtype=tf.float64))
    err(lambda: tf.linalg.eye(2**40, num_columns=5, batch_shape=0))
    print(tf.eye(3, batch_shape=[0, 2**40]).shape)
    err(lambda: tf.linalg.diag(np.array([-0.5]), num_rows=2**31))
    show(tf.linalg.diag(np.array([-0.5]), num_rows=2**32 + 2))
    err(lambda: tf.math.confusion_matrix(1, 1))
    err(lambda: tf.math.confusion_matrix([[1]], [[1]]))
    show(tf.math.confusion_matrix([[1], [0]], [1, 0]))
    show(tf.math.confusion_matrix([1, 0], [1, 0], weights=[0.5, 2.7]))
    err(lambda: tf.math.confusion_matrix([], []))
    show(tf.math.sigmoid(tf.constant([-2846.7 + 3.6e30j, 1 + 1j, -1e30 + 0j], tf.complex64)))
    show(tf.math.sigmoid(tf.constant(np.complex64(-2846.7 + 3.6e30j))))
    show(tf.nn.gelu(tf.constant([-10.0, 0.853, -40.0], tf.float64)), 28)
    show(tf.nn.swish(tf.constant([1.4 + 0.001j]), beta=-0.6867634620984754), 12)
    show(tf.broadcast_dynamic_shape([], []))
    show(tf.broadcast_dynamic_shape([2, 1], [3]))
    show(tf.math.zero_fraction(tf.constant([[b"", b"a"], [b"xyz", b""]])))
    z = tf.constant([3 + 4j, 0j])
    tf.get_logger().setLevel("ERROR")  # TF's gradient warns about its own complex cast
    with tf.GradientTape() as tape:
        tape.watch(z)
        y = tf.reduce_sum(tf.math.sign(z) * tf.constant([1 + 2j, 1j]))
    show(tf.math.sign(z))
    show(tape.gradient(y, z))
    tf.get_logger().setLevel("WARNING")
    show(tf.math.unsorted_segment_mean(tf.constant(np.array([-2, 3], dtype="int16")), [0, 0], 3))
    show(tf.math.unsorted_segment_mean(np.array([7, 4], dtype="uint64"), [1, 1], 2))
    show(tf.math.segment_mean(np.array([7, 4, -7, -4], dtype="int32"), [0, 0, 1, 1]))
""",
)
