"""What the tf.random lane of session 8 (issue 14, helper rnd) fixed, each as a small
program whose output TensorFlow recorded in ``rnd_s8.json`` (``make_snippets_golden.py
rnd_s8`` under the TensorFlow virtualenv); ``tests/test_rnd_s8.py`` replays them on
tapeflow.

TF's random numbers are Philox streams tapeflow does not reproduce, so the programs
print what TF guarantees: ``kind(t)`` prints a result's dtype and shape, ``err(fn)``
the class and first message line of the exception ``fn()`` raises (or ``ok``).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def kind(t):
    print(t.dtype.name, list(t.shape))

def kind_of(fn):
    try:
        kind(fn())
    except Exception as e:
        err(lambda: (_ for _ in ()).throw(e))
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "stateless_alg_rules",
    """
    # alg picks how the seed is read: auto-select checks an int32/int64 seed of shape
    # [2]; Philox casts any numeric vector of length >= 1; ThreeFry slices two words and
    # then its kernel refuses the counter TF builds; anything else is a ValueError.
    for alg in [None, "auto_select", 3, 1, "philox", True, 2, "threefry", 0, "bad", 1.0]:
        for seed in [[1, 2], [1, 2, 3], [1], 7, np.array([1.5, 2.0], np.float32),
                     np.array([], np.int32), np.array([1, 2], np.uint32)]:
            print(alg, seed, end=": ")
            kind_of(lambda: tf.random.stateless_uniform([2], seed, alg=alg))
    kind_of(lambda: tf.random.stateless_normal([2], [1, 2, 3], alg="philox"))
    kind_of(lambda: tf.random.stateless_truncated_normal([3], [[1, 2]], alg=1))
    kind_of(lambda: tf.random.stateless_uniform([2], ["a", "b"], alg=1))
    kind_of(lambda: tf.random.stateless_uniform([2], [1, 2], alg=tf.random.Algorithm.PHILOX))
    """,
)

_snippet(
    "stateless_normal_dtype_none",
    """
    # dtype=None is the op's default, float32.
    kind(tf.random.stateless_normal([0, 3, 0], [0, 0], dtype=None))
    kind(tf.random.stateless_truncated_normal([], [0, 0], dtype=None))
    kind(tf.random.stateless_normal([2], [0, 0], dtype=None, alg=1))
    """,
)

_snippet(
    "fold_in_and_split_follow_stateless_uniform",
    """
    # fold_in draws one word of data's dtype with stateless_uniform and stacks it with
    # data; split draws [num, 2] words of the seed's dtype. Both take alg.
    kind(tf.random.fold_in([0, 0], np.int64(0)))
    kind(tf.random.fold_in([0, 0], np.int32(0)))
    kind(tf.random.fold_in([0, 0], 0))
    kind(tf.random.fold_in([0, 0], 2**40))
    kind(tf.random.fold_in([0, 0], np.uint32(5)))
    kind(tf.random.fold_in([0, 0], tf.constant(3, tf.int64)))
    kind(tf.random.fold_in([353, 86705, 1], 6227020800, alg=1))
    kind(tf.random.fold_in([353], 5, alg="philox"))
    err(lambda: tf.random.fold_in([0, 0], np.uint8(3)))
    err(lambda: tf.random.fold_in([0, 0], 3.0))
    err(lambda: tf.random.fold_in([1, 2], [3]))
    err(lambda: tf.random.fold_in([1, 2, 3], [3]))
    err(lambda: tf.random.fold_in([1, 2], 5, alg=2))
    err(lambda: tf.random.fold_in([1], 5, alg=2))
    err(lambda: tf.random.fold_in(3, 5, alg=2))
    err(lambda: tf.random.fold_in(3, 5, alg=1))
    err(lambda: tf.random.fold_in([1, 2], 5, alg=4))
    kind(tf.random.split([353, 86705, 1], alg=1))
    kind(tf.random.split(np.array([1, 2], np.uint32), 3, alg="philox"))
    err(lambda: tf.random.split(np.array([1, 2], np.uint32)))
    err(lambda: tf.random.split([True, False], alg="philox"))
    err(lambda: tf.random.split(np.array([1, 2], np.float32), alg="philox"))
    err(lambda: tf.random.split([1, 2], alg="threefry"))
    """,
)

_snippet(
    "stateless_gamma_shape_is_the_output_shape",
    """
    # shape is the whole output shape; it must end with broadcast(alpha, beta)'s shape,
    # except that an empty output is returned before the check.
    alpha = tf.constant([[1.8], [3.6]])
    kind(tf.random.stateless_gamma([2, 3], [1, 2], alpha=[1.0, 2.0, 3.0]))
    kind(tf.random.stateless_gamma([2], [1, 2], alpha=[5.0, 5.7], beta=2.0))
    kind(tf.random.stateless_gamma([2, 2, 1], [1, 2], alpha=alpha, beta=tf.constant(0.9)))
    kind(tf.random.stateless_gamma([5, 2, 3], [1, 2], alpha=alpha, beta=[1.0, 2.0, 3.0]))
    kind(tf.random.stateless_gamma([0, 0, 3], [1, 2], alpha=alpha))
    kind(tf.random.stateless_gamma([1, 0], [1, 2], alpha=[1.0, 2.0, 3.0]))
    kind(tf.random.stateless_gamma([0, 0], [0, 0], tf.constant([2.3, 3.0, 1.5], tf.float64),
                                   dtype=tf.float64))
    err(lambda: tf.random.stateless_gamma([3, 2], [1, 2], alpha=[1.0, 2.0, 3.0]))
    err(lambda: tf.random.stateless_gamma([1, 3], [1, 2], alpha=alpha, beta=[1.0, 2.0, 3.0]))
    err(lambda: tf.random.stateless_gamma([], [1, 2], alpha=[1.0, 2.0]))
    err(lambda: tf.random.stateless_gamma([0, 0], [1, 2], alpha=[1.0, 2.0], beta=[1.0, 2.0, 3.0]))
    """,
)

_snippet(
    "gamma_and_poisson_shape_as_int32",
    """
    # The stateful gamma and poisson convert shape to int32 before anything else: Python
    # ints wrap (2**40 is 0), a float or a string is a TypeError, an int64 tensor a
    # ValueError naming the argument.
    kind(tf.random.gamma([2**40], [-1.0, 2.0, 3.0], dtype=tf.float64))
    kind(tf.random.gamma(np.array([2**40]), [1.0]))
    kind(tf.random.gamma([2**40 + 3], [1.0]))
    kind(tf.random.poisson([2**40], tf.constant([1, -2])))
    kind(tf.random.poisson([2**32 + 2], [1.0, 2.0]))
    err(lambda: tf.random.gamma([2**31], [1.0]))
    err(lambda: tf.random.gamma("x", tf.constant([[2.6], [0.6]], tf.float16), dtype=tf.float64))
    err(lambda: tf.random.gamma([2], tf.constant([[2.6], [0.6]], tf.float16), dtype=tf.float64))
    err(lambda: tf.random.gamma([2.5], [1.0]))
    err(lambda: tf.random.gamma(tf.constant([2], tf.int64), [1.0]))
    err(lambda: tf.random.poisson([2.5], [1.0, 2.0]))
    err(lambda: tf.random.poisson("x", [1.0, 2.0]))
    """,
)

_snippet(
    "random_index_shuffle_matches_index_and_max_index",
    """
    # index and max_index share one dtype, taken from the first that is a tensor;
    # rounds is an int32 attribute.
    seed = tf.constant([10130, 314, 65948])
    show(tf.random_index_shuffle(0, seed, tf.constant(1, tf.uint64)))
    show(tf.random_index_shuffle(np.uint64(1), [1, 2, 3], 2**41))
    show(tf.random_index_shuffle(2**40, [1, 2, 3], 2**41))
    show(tf.random_index_shuffle(tf.range(10), [1, 2, 3], 9))
    err(lambda: tf.random_index_shuffle(3, seed, tf.constant(1, tf.uint64)))
    err(lambda: tf.random_index_shuffle([b"x"], seed, tf.constant([1 + 2j], tf.complex64)))
    err(lambda: tf.random_index_shuffle([1], seed, tf.constant([1 + 2j], tf.complex64)))
    err(lambda: tf.random_index_shuffle(tf.constant(1), [1, 2, 3], tf.constant(5, tf.int64)))
    err(lambda: tf.random_index_shuffle(1, [1, 2, 3], 5.0))
    err(lambda: tf.random_index_shuffle(1, [1, 2, 3], 2**41))
    err(lambda: tf.random_index_shuffle(3, [1, 2, 3], 5, rounds=2**31))
    """,
)

_snippet(
    "candidate_sampler_int32_attributes",
    """
    # num_sampled and num_true are int32 attributes of the sampler kernels.
    true = tf.constant([[6, 7]], tf.int64)
    err(lambda: tf.random.all_candidate_sampler(true, 2, 2**31, False))
    err(lambda: tf.random.all_candidate_sampler(true, 2**31, 2, False))
    err(lambda: tf.random.all_candidate_sampler(true, 2**31, 2**31, False))
    err(lambda: tf.random.all_candidate_sampler([[6, 7]], 2, np.int64(2**31), False))
    err(lambda: tf.random.all_candidate_sampler(tf.constant([[6, 7]]), 2, 2**31, False))
    err(lambda: tf.random.uniform_candidate_sampler(true, 2, 2**31, False, 10))
    err(lambda: tf.random.learned_unigram_candidate_sampler(true, 2, 2**31, False, 8))
    """,
)

_snippet(
    "stateless_binomial_extremes",
    """
    # output_dtype=None is the op's default, int64; counts past the output type give
    # its smallest value (TF's x86 cast), a float output the draw itself; p == 1
    # returns the count, p == 0 returns 0.
    huge = tf.constant(3.5e30)
    kind(tf.random.stateless_binomial([], [0, 2**31], tf.constant(-2846.7), tf.constant(0.5),
                                      output_dtype=None))
    show(tf.random.stateless_binomial([2, 3], [1, 0], huge, 0.94))
    show(tf.random.stateless_binomial([2], [1, 0], huge, 0.94, output_dtype=tf.int64))
    show(tf.random.stateless_binomial([2], [1, 0], huge, 0.94, output_dtype=tf.float16))
    show(tf.random.stateless_binomial([2], [1, 0], tf.constant(3e9), 1.0))
    show(tf.random.stateless_binomial([2], [1, 0], tf.constant(3e19), 1.0, output_dtype=tf.float32))
    show(tf.random.stateless_binomial([2], [1, 0], tf.constant(np.inf), 0.0, output_dtype=tf.float32))
    show(tf.random.stateless_binomial([2], [1, 0], 10.5, 1.0, output_dtype=tf.float32))
    show(tf.random.stateless_binomial([2], [1, 0], -10.5, 1.0, output_dtype=tf.float32))
    kind(tf.random.stateless_binomial([2], [1, 0], tf.constant(3e9), 0.5, output_dtype=tf.int64))
    """,
)

_snippet(
    "dtype_none_keeps_parameter_dtypes",
    """
    # dtype=None: the stateless normals draw float32 and combine with mean and stddev
    # converted on their own; gamma draws in alpha's dtype and divides by beta's own.
    f64 = tf.constant(1.0, tf.float64)
    kind(tf.random.stateless_truncated_normal([1, 2, 2], [741, 31734], mean=1.2,
                                              stddev=tf.constant([1.6, 1.3]), dtype=None))
    err(lambda: tf.random.stateless_truncated_normal([1, 1], [1, 2], mean=np.array(2, np.int32),
                                                     stddev=tf.constant([[-1], [3]]), dtype=None))
    err(lambda: tf.random.stateless_normal([2], [1, 2], mean=f64, dtype=None))
    kind(tf.random.gamma((3,), 2.0, beta=1.5, dtype=None))
    err(lambda: tf.random.gamma((3,), tf.constant(2.4, tf.float16), beta=f64, dtype=None))
    err(lambda: tf.random.gamma((3,), tf.constant(2.3, tf.float16), beta=1.5, dtype=None))
    err(lambda: tf.random.gamma((3,), 2.0, beta=np.array([1.5]), dtype=None))
    """,
)
