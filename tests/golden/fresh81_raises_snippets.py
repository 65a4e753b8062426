"""Fuzz seeds 81 and 82 (issue 14, session 7, helper t14c): escapes, allocations and
raises the fresh run found in the candidate samplers, ``max_pool_with_argmax``, the
``matrix_diag`` family and ``dtype=None`` arguments, each as a small program whose
output TensorFlow recorded in ``fresh81_raises.json``
(``make_snippets_golden.py fresh81_raises`` under the TensorFlow virtualenv);
``tests/test_fresh81_raises.py`` replays them on tapeflow.

``err(fn)`` prints the class and the first line of the message of the exception
``fn()`` raises (or ``ok``); ``show(t)`` prints a tensor's dtype, shape and value.
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "learned_unigram_range_max_first",
    """
    # TF's wrapper compares range_max with 2**31 - 1 before the op converts anything.
    sampler = tf.random.learned_unigram_candidate_sampler
    t = tf.constant([[1]], tf.int64)
    bad_num_true = tf.constant([[-1]], tf.int8)
    err(lambda: sampler(t, bad_num_true, 2, [2, 1], tf.constant(1e30 - 1j, tf.complex64)))
    err(lambda: sampler(t, bad_num_true, 2, False, [[], []]))
    err(lambda: sampler(t, bad_num_true, 2, False, tf.constant([32767, 5, 65533], tf.uint16)))
    err(lambda: sampler(t, bad_num_true, 2, False, np.array([5, 6])))
    err(lambda: sampler(t, 1, 1, False, 2**31))
    err(lambda: sampler(t, 1, 1, False, tf.constant(2**31, tf.int64)))
    err(lambda: sampler(t, 1, 1, False, tf.constant(True)))
    err(lambda: sampler(t, 1, 1, False, tf.constant(b"x")))
    err(lambda: sampler(t, 1, 1, False, "a"))
    s, true_expected, sampled_expected = sampler(t, 1, 1, False, tf.constant(5), seed=3)
    print(s.dtype.name, s.shape, true_expected.shape, sampled_expected.dtype.name)
    """,
)

_snippet(
    "sampler_attribute_order",
    """
    # Attributes of other Python types send the call to the generated op's slow path:
    # every attribute is converted (make_int, make_bool...), then true_classes to int64.
    t32, t64 = tf.constant([[1]], tf.int32), tf.constant([[1]], tf.int64)
    uniform = tf.random.uniform_candidate_sampler
    err(lambda: uniform(t32, 1, 1, False, 4))
    err(lambda: uniform(t32, True, 1, False, 4))
    err(lambda: uniform(t32, np.int64(1), 1, False, 4))
    err(lambda: uniform(t32, 1.0, 1, False, 4))
    err(lambda: uniform(t32, tf.constant(1), 1, False, 4))
    err(lambda: uniform(t32, 0, 1, False, 4))
    err(lambda: uniform(t32, 0, 1, False, tf.constant(4)))
    err(lambda: uniform(t64, 0, 1, False, tf.constant(4)))
    err(lambda: uniform(t32, 1, 1, np.bool_(True), 4))
    err(lambda: uniform(t64, 1, 1, tf.constant(False), 4))
    err(lambda: uniform(t64, 1, 1, 2, 4))
    err(lambda: uniform(t64, 1, 1, None, 4))
    err(lambda: uniform(t64, None, 1, False, 4))
    err(lambda: tf.random.log_uniform_candidate_sampler(t32, tf.constant(1), 1, False, 4))
    err(lambda: tf.random.all_candidate_sampler(t32, tf.constant(1), 2, False))
    err(lambda: tf.random.all_candidate_sampler(t64, 1, 2, tf.constant(False)))
    err(lambda: tf.nn.learned_unigram_candidate_sampler(t32, 1, 1, "x", 4))
    err(lambda: tf.nn.learned_unigram_candidate_sampler([[1]], 1, 1, tf.constant(False), 4))
    hits = tf.nn.compute_accidental_hits
    err(lambda: hits(t32, tf.constant([1], tf.int64), 1))
    err(lambda: hits(t32, tf.constant([1], tf.int64), tf.constant(1)))
    err(lambda: hits(t64, tf.constant([1], tf.int32), np.int64(1)))
    err(lambda: hits(t64, tf.constant([1], tf.int32), None))
    """,
)

_snippet(
    "fixed_unigram_attributes",
    """
    fixed = tf.random.fixed_unigram_candidate_sampler
    t32, t64 = tf.constant([[1]], tf.int32), tf.constant([[0]], tf.int64)
    err(lambda: fixed(t32, tf.constant(1), 1, False, 2, unigrams=[1.0, 2.0]))
    err(lambda: fixed(t32, 1, 1, False, 2, unigrams=[1.0, 2.0]))
    err(lambda: fixed(t32, 1, 1, False, 2, unigrams=[1, 2]))
    err(lambda: fixed(t32, 1, 1, False, 2, unigrams=[1.0, 2.0], distortion=1))
    err(lambda: fixed(t32, 1, 1, False, 2, unigrams=np.array([1.0, 2.0])))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=tf.constant([1.0, 2.0])))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=np.array([1, 2])))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=["a", "b"]))
    err(lambda: fixed(t64, 1, 1, False, 2, distortion=tf.constant(1.0)))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], distortion="x"))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], distortion=np.array(1.0)))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], vocab_file=3))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], vocab_file=tf.constant("x")))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], shard=-1))
    err(lambda: fixed(t32, 1, 1, False, 2, unigrams=[1.0, 2.0], num_shards=0))
    err(lambda: fixed(t64, 1, 1, False, 2, unigrams=[1.0, 2.0], num_reserved_ids=-1))
    # A shard numbers the first count after the reserved ids it kept.
    for reserved, shards, shard, n in [(3, 2, 0, 3), (3, 2, 1, 3), (2, 3, 1, 4), (5, 3, 2, 4),
                                       (0, 2, 1, 3), (3, 2, 5, 3)]:
        counts = [float(i + 1) for i in range(n)]
        for range_max in range(1, 8):
            try:
                s, te, se = fixed(t64, 1, 4, False, range_max, unigrams=counts, seed=1,
                                  num_reserved_ids=reserved, num_shards=shards, shard=shard)
            except tf.errors.InvalidArgumentError:
                continue
            print(reserved, shards, shard, range_max, end=" ")
            show(te)
            break
        else:
            print(reserved, shards, shard, "no range fits")
    """,
)

_snippet(
    "max_pool_with_argmax_checks_before_allocating",
    """
    mp = tf.nn.max_pool_with_argmax
    x = np.ones([1, 3, 2, 3], np.float32)
    # The fuzz examples: TF's Python checks and make_type come before any work.
    err(lambda: mp(tf.constant(np.zeros([1, 0], np.float16)), [1], 2**40, "SAME",
                   output_dtype=tf.constant([[0, 253, 253]], tf.uint8)))
    err(lambda: mp(x, np.array([[2**40, 3]]), np.array([], np.int32), "SAME",
                   output_dtype=np.array([[1j, 2j]])))
    for ksize, strides, padding in [(2**40, 1, "SAME"), ([2**40, 2], 1, "SAME"), (2**31, 1, "SAME"),
                                    (2, 2**40, "SAME"), (2**63, 1, "SAME"), (-(2**31) - 1, 1, "SAME"),
                                    (20, 1, "VALID"), ([1, 20], 2, "VALID"), (2**31 - 1, 1, "VALID"),
                                    (0, 1, "SAME"), (0, 0, "SAME"), (1, 0, "SAME"),
                                    ([2, 1, 1, 1], 0, "SAME"), ([1, 1, 1, 2], 1, "SAME"),
                                    ([1, 1, 1, 3], 1, "SAME"), ([1, 2, 1, 3], 1, "SAME"),
                                    (1, [2, 1, 1, 1], "SAME"), ([1, 2, 3], 1, "SAME"), ([], 1, "SAME"),
                                    (tf.constant(2), 1, "SAME"), (np.array(2), 1, "SAME"),
                                    ("ab", 1, "SAME"), (1, 1, "same"), (1, 1, "EXPLICIT"), (1, 1, 3),
                                    (1, 1, [[0, 0]] * 4), (2**40, 1, "x")]:
        err(lambda: mp(x, ksize, strides, padding))
    for kwargs in [dict(output_dtype=tf.float32), dict(output_dtype=tf.constant(1)),
                   dict(output_dtype=[1]), dict(output_dtype=3), dict(output_dtype="int32"),
                   dict(include_batch_in_index=1), dict(include_batch_in_index=np.bool_(True)),
                   dict(data_format="NCHW")]:
        err(lambda: mp(x, 1, 1, "SAME", **kwargs))
    # (Two attributes wrong at once: TF's order between them varies between processes.)
    err(lambda: mp(x.astype(np.complex64), 2**40, 1, "SAME"))
    err(lambda: mp(x[0], [2, 1, 1, 1], 1, "SAME"))
    err(lambda: mp(x[0], [1, 1, 1, 2], 1, "SAME"))
    err(lambda: mp(np.ones([1, 0, 2, 3], np.float32), 20, 1, "VALID"))
    err(lambda: mp(x.astype(bool), 1, 1, "SAME"))
    """,
)

_snippet(
    "max_pool_with_argmax_values",
    """
    mp = tf.nn.max_pool_with_argmax
    x = tf.constant(np.arange(30, dtype=np.float32).reshape(1, 5, 3, 2) % 7)
    for ksize, strides, padding in [(2**30, 1, "SAME"), (2**31 - 1, 2**31 - 1, "SAME"),
                                    ([3, 2], 2, "SAME"), ([2, 2], 2**31 - 1, "VALID"),
                                    ([2, 2], [1, 2**31 - 1], "SAME"), ([1, 1, 1, 2], [1, 1, 1, 2], "SAME"),
                                    (1, [1, 1, 1, 2], "VALID"), ([5, 3], 1, "VALID")]:
        values, argmax = mp(x, ksize, strides, padding, include_batch_in_index=True)
        show(values)
        show(argmax)
    nan = tf.constant([[[[np.nan], [1.0]], [[np.nan], [2.0]]], [[[1.0], [np.nan]], [[2.0], [np.nan]]]])
    values, argmax = mp(nan, 2, 1, "SAME", output_dtype=tf.int32)
    show(values)
    show(argmax)
    show(mp(nan, 2, 1, "SAME", include_batch_in_index=True)[1])
    show(mp(tf.fill([1, 2, 2, 1], -np.inf), 3, 1, "SAME")[1])
    show(mp(tf.constant([[[[3], [200]], [[255], [255]]]], tf.uint8), 2, 1, "SAME")[0])
    g = tf.constant([[[[1.0, 5.0], [5.0, 2.0]], [[0.0, 5.0], [3.0, 1.0]]]])
    with tf.GradientTape() as tape:
        tape.watch(g)
        values, _ = mp(g, 2, 1, "SAME")
        loss = tf.reduce_sum(values * tf.reshape(tf.range(8, dtype=tf.float32), [1, 2, 2, 2]))
    show(tape.gradient(loss, g))
    """,
)

_snippet(
    "dtype_none_takes_the_default",
    """
    # A generated op's dtype attribute given as None takes the attribute's default.
    show(tf.math.confusion_matrix([1, 2], [1, 0], dtype=None))
    show(tf.math.confusion_matrix(tf.constant([1]), tf.constant([-0.0037], tf.float16), dtype=None))
    err(lambda: tf.math.confusion_matrix([1, 2], [1, 0], weights=[1, 2], dtype=None))
    show(tf.math.sobol_sample(3, np.array(1, np.uint8), skip=np.array(1, np.uint8), dtype=None))
    show(tf.shape(tf.ones([2, 3]), out_type=None))
    show(tf.size(tf.ones([2, 3]), out_type=None))
    show(tf.shape_n([tf.ones([2])], out_type=None)[0])
    show(tf.searchsorted([1.0, 2.0, 3.0], [2.5], out_type=None))
    show(tf.histogram_fixed_width([1.0, 2.0], [0.0, 3.0], nbins=3, dtype=None))
    show(tf.histogram_fixed_width_bins([1.0, 2.0], [0.0, 3.0], nbins=3, dtype=None))
    show(tf.sequence_mask([1, 2], dtype=None))
    show(tf.unique([1, 2, 1], out_idx=None)[1])
    show(tf.unique_with_counts([1, 2, 1], out_idx=None)[2])
    show(tf.shape(tf.ones([2]), out_type=np.dtype("int64")))
    """,
)

_snippet(
    "diag_huge_outputs",
    """
    # TF builds a 1 MiB column for k = -2**20; a square output past memory fails to allocate.
    d = np.array([[[4]]], np.uint8)
    big = tf.linalg.diag(d, k=-(2**20), num_cols=1, padding_value=7)
    print(big.dtype.name, big.shape, int(tf.reduce_sum(tf.cast(big, tf.int64))))
    big = tf.linalg.diag(d, num_rows=2**20, num_cols=1)
    print(big.dtype.name, big.shape, int(tf.reduce_sum(tf.cast(big, tf.int64))))
    for kwargs in [dict(k=-(2**31)), dict(k=2**31 - 1), dict(num_rows=2**40, num_cols=2**40)]:
        try:
            tf.linalg.diag(d, **kwargs)
            print("ok")
        except Exception as e:
            print(type(e).__name__)
    """,
)
