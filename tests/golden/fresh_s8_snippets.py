"""What the fresh-seed fuzz run of session 8 (seed 91, issue 14, helper fresh) found in
the ops no other lane covers, each fix as a small program whose output TensorFlow
recorded in ``fresh_s8.json`` (``make_snippets_golden.py fresh_s8`` under the TensorFlow
virtualenv); ``tests/test_fresh_s8.py`` replays them on tapeflow.

``err(fn)`` prints the class and first line of the exception ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5 digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "extract_glimpse_of_empty_images",
    """
    # An image with no rows or no columns: every pixel of the glimpse is outside it, and
    # the noise drawn from the statistics of no pixels is NaN ("zero" noise stays 0).
    # With no channels the glimpse is empty.
    for shape in ([2, 1, 0, 3], [1, 0, 2, 1], [2, 1, 1, 0], [2, 0, 0, 0]):
        for noise in ("uniform", "gaussian", "zero"):
            offsets = tf.constant([[0.0, 0.0], [0.0, 0.5]][: shape[0]])
            show(tf.image.extract_glimpse(tf.zeros(shape), [2, 3], offsets, noise=noise))
    """,
)


_snippet(
    "gelu_tanh_coefficient_in_float64",
    """
    # approximate=True casts 0.044715 from a float32 constant: float64 results carry
    # float32's coefficient (the fuzz example: the gradient at -1.0).
    x = tf.constant([-1.0, 0.5, 2.0, -3.0], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.gelu(x, approximate=True)
    print([f"{v:.12g}" for v in y.numpy()])  # 12 digits: past the kernels' last bits
    print([f"{v:.12g}" for v in tape.gradient(y, x).numpy()])
    show(tf.nn.gelu(tf.constant([-1.0, 0.5], tf.float16), approximate=True))
    """,
)

_snippet(
    "softmax_axis_not_an_int",
    """
    # An axis that is not an int goes through TF's wrapper step by step: a one-element
    # tensor or array naming the last axis computes; another is range-checked, then moved
    # by tensor arithmetic (an int64 tensor meets the int32 rank); a list is not compared.
    x1 = tf.constant([-0.5, 1.0])
    x2 = tf.constant([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]])
    for f in (tf.nn.softmax, tf.nn.log_softmax):
        for x in (x1, x2):
            for axis in (
                tf.constant([0], tf.int64), tf.constant([-1]), tf.constant([[1]]),
                np.array([0]), np.array([1]), np.array([[1]]), np.array(0),
                tf.constant(0), tf.constant(0, tf.int64), tf.constant([0.0]), 1.0, [0],
            ):
                err(lambda: show(f(x, axis=axis)))
    z = tf.constant([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]])
    with tf.GradientTape() as tape:
        tape.watch(z)
        y = tf.nn.softmax(z, axis=tf.constant(0))
        loss = tf.reduce_sum(y * tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    show(y)
    show(tape.gradient(loss, z))
    """,
)

_snippet(
    "range_bounds_as_one_element_vectors",
    """
    # Range's kernel takes a one-element vector as a scalar; any other shape is refused,
    # start first, then limit, then delta.
    show(tf.range(np.array([3])))
    show(tf.range(np.array([1]), tf.constant(3)))
    show(tf.range([1.5], 5.0, [2]))
    show(tf.range(1, [5], dtype=tf.float32))
    err(lambda: tf.range(np.array([[2]])))
    err(lambda: tf.range(np.array([2, 3])))
    err(lambda: tf.range(np.array([2, 3]), [[5]]))
    err(lambda: tf.range(1, [5], [[1]]))
    err(lambda: tf.range([], 5))
    """,
)


_snippet(
    "shape_n_one_dtype_for_all_inputs",
    """
    # ShapeN has one dtype T for all its inputs: the first tensor's, else the first
    # value's; every other value is converted to it (the fuzz example: a float64 tensor
    # then a list holding float64's largest value).
    big = [1.7976931348623157e308, 1e-30, 1e-30, 2068.4]
    for s in tf.shape_n([tf.constant([1.0, 2.0], tf.float64), big]):
        show(s)
    for s in tf.shape_n([[1.0], [2**63]]):
        show(s)
    err(lambda: tf.shape_n([big]))
    err(lambda: tf.shape_n([[1.5, 2], tf.constant([1, 2])]))
    err(lambda: tf.shape_n([tf.constant([1.0]), ["a"]]))
    err(lambda: tf.shape_n([[True], [1]]))
    for s in tf.shape_n([tf.constant([1.0])], out_type=tf.int64):
        show(s)
    err(lambda: tf.shape_n([tf.constant([1.0])], out_type=tf.float32))
    err(lambda: tf.shape(tf.constant([1.0]), out_type=tf.int16))
    for s in tf.shape_n(np.zeros(3)):
        show(s)
    err(lambda: tf.shape_n(np.zeros((2, 2))))
    err(lambda: tf.shape_n(np.zeros(())))
    err(lambda: tf.shape_n(3))
    err(lambda: tf.shape_n("ab"))
    """,
)

_snippet(
    "strings_refused_by_numeric_dtypes",
    """
    # A Python list of strings converted to a numeric dtype: TF's TypeError, naming the
    # dtype as its kernels do (float, double, half).
    for d in (tf.float32, tf.float64, tf.float16, tf.complex64, tf.int32, tf.bool):
        err(lambda: tf.constant(["a"], d))
        err(lambda: tf.convert_to_tensor([[b"x", b"y"]], d))
        err(lambda: tf.constant(["a", 1], d))
        err(lambda: tf.constant([1.5j], d))
    """,
)


_snippet(
    "pad_inside_an_fft_refuses_a_huge_length",
    """
    # An n-D FFT pads its input to fft_length; a padded size past any memory is refused
    # by Pad with TF's ResourceExhaustedError before anything is allocated.
    # (TF has no FFTND kernel at all, so a size that fits goes on to a NotFoundError.)
    x = tf.zeros([2**12, 1], tf.complex128)
    for f in (tf.signal.fftnd, tf.signal.ifftnd):
        try:
            f(x, fft_length=[2**31 - 1], axes=[1])
        except tf.errors.ResourceExhaustedError as e:
            print(str(e).split("}} ")[-1].split(" on /job")[0])  # allocator names differ
    """,
)


_snippet(
    "top_level_nd_ffts_have_no_kernel",
    """
    # tf.fftnd and its kin are TF's raw ops, which have no kernel: past the input's
    # dtype check every call fails (tf.signal.fftnd is a separate wrapper).
    def cls(fn):
        try:
            fn()
            print("ok")
        except Exception as e:
            print(type(e).__name__)

    cls(lambda: tf.fftnd(tf.constant([1 + 1j]), [1], [0]))
    cls(lambda: tf.fftnd(tf.constant(-2 + 0j, tf.complex128), 0, tf.constant([], tf.int32)))
    cls(lambda: tf.ifftnd(tf.constant(2.5, tf.float16), 0, []))
    cls(lambda: tf.rfftnd([[[[4, 4, 5]]]], 3, [2]))
    cls(lambda: tf.rfftnd(np.array([[[1e30]]]), 3, tf.constant([], tf.int32)))
    cls(lambda: tf.irfftnd(-2, 0, []))
    cls(lambda: tf.irfftnd(tf.constant([1j], tf.complex128), [4], [0]))
    """,
)
