"""Inputs TensorFlow accepts that tapeflow refused, and small mismatches with TF
(issue 14, session 7, helper v14b), each as a small program whose output TensorFlow
recorded in ``tf_accepts_s7.json`` (``make_snippets_golden.py tf_accepts_s7`` under
the TensorFlow virtualenv); ``tests/test_tf_accepts_s7.py`` replays them on tapeflow.

``err(fn)`` prints the class and message of the exception ``fn()`` raises (or ``ok``);
``show(t)`` prints a tensor's dtype, shape and value (floats to 5 significant digits);
``grad_of(f, x)`` prints the gradient of ``f(x)`` (the type of an IndexedSlices and
its dense shape and value).
"""

from snippet_registry import snippet_registry

_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__, str(e).split(" [Op:")[0].split("\\n")[0].split("}} ")[-1])

def show(t):
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy())
    if a.dtype.kind in "fc":
        a = np.vectorize(lambda v: complex(f"{v:.5g}") + 0.0 if a.dtype.kind == "c"
                         else float(f"{v:.5g}") + 0.0, otypes=[object])(a)
    print(t.dtype.name, list(a.shape), a.tolist())

def grad_of(f, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    g = tape.gradient(y, x)
    if isinstance(g, tf.IndexedSlices):
        print("IndexedSlices", g.indices.dtype.name, list(g.values.shape), g.indices.numpy().tolist())
        g = tf.convert_to_tensor(g)
    show(g)
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "gather_nd_empty_batched",
    """
    # TF's batched gather_nd reshapes the indices to the params' batch size: empty
    # indices fit, and the output keeps the params' trailing axes.
    p = tf.constant(np.zeros([0, 1], bool))
    show(tf.gather_nd(p, np.zeros([3, 0, 0, 0, 0], np.int32), batch_dims=1))
    show(tf.gather_nd(tf.zeros([0, 2, 3]), np.zeros([0, 5, 1], np.int32), batch_dims=1))
    show(tf.gather_nd(tf.zeros([2, 3]), np.zeros([0, 0], np.int32), batch_dims=1))
    show(tf.gather_nd(tf.zeros([0, 4, 5]), np.zeros([0, 0], np.int32), batch_dims=1))
    err(lambda: tf.gather_nd(tf.zeros([0]), np.zeros([0, 2], np.int32), batch_dims=1))
    err(lambda: tf.gather_nd(tf.zeros([2, 0]), [[1], [5]], batch_dims=1))
    err(lambda: tf.gather_nd(tf.zeros([0, 3]), [[0, 1], [5, 0]]))
    err(lambda: tf.gather_nd(tf.zeros([0, 4]), np.zeros([0, 3], np.int32), batch_dims=1))
    err(lambda: tf.gather_nd(tf.zeros([2, 3]), [[1], [0]], batch_dims=-1))
    err(lambda: tf.gather_nd(tf.zeros([2, 3]), 1))
    err(lambda: tf.gather_nd(tf.constant(1.0), [1]))
    """,
)

_snippet(
    "gather_nd_last_bad_index_named",
    """
    # TF's kernel names the last index tuple out of range, with the batch axes
    # flattened into one in a batched gather.
    err(lambda: tf.gather_nd(tf.zeros([3]), [[5], [0], [7], [1]]))
    err(lambda: tf.gather_nd(tf.zeros([3]), [4]))
    err(lambda: tf.gather_nd(tf.zeros([2, 2, 2]), [[[2], [1]], [[2], [0]]], batch_dims=2))
    err(lambda: tf.scatter_nd([[5], [7]], [1, 2], [3]))
    err(lambda: tf.tensor_scatter_nd_update(tf.zeros([3]), [[5], [7]], [1.0, 2.0]))
    """,
)

_snippet(
    "gather_nd_sparse_gradient",
    """
    # Indices of one column (or whole batch rows): TF's gradient is an IndexedSlices.
    x = tf.reshape(tf.range(12.0), [3, 4])
    grad_of(lambda x: tf.reduce_sum(tf.gather_nd(x, [[0], [2], [0]])), x)
    grad_of(lambda x: tf.reduce_sum(tf.gather_nd(x, np.zeros([3, 0], np.int32), batch_dims=1)), x)
    grad_of(lambda x: tf.reduce_sum(tf.gather_nd(x, [[[0], [2]]])), x)
    grad_of(lambda x: tf.reduce_sum(tf.gather_nd(x, [[0, 1]])), x)
    grad_of(lambda x: tf.reduce_sum(tf.gather_nd(x, [[1], [2], [0]], batch_dims=1)), x)
    """,
)

_snippet(
    "solve_non_finite_matrices",
    """
    # TF factors with Eigen's partial-pivot LU and refuses a matrix whose smallest
    # pivot magnitude is not > 0; a NaN pivot counts only when it is the first.
    nan, inf = np.nan, np.inf
    cases = [[[nan, 1], [1, 1]], [[1, 0], [0, nan]], [[inf, 1], [1, 1]], [[nan, nan], [nan, nan]],
             [[0, nan], [nan, -inf]], [[0, 0], [nan, 0]], [[1, 0], [0, inf]], [[nan]], [[inf]]]
    for dtype in (tf.float32, tf.float64, tf.complex64, tf.complex128):
        for a in cases:
            n = len(a)
            a = tf.constant(np.array(a), dtype)
            err(lambda: show(tf.linalg.solve(a, tf.ones([n, 1], dtype))))
            err(lambda: show(tf.linalg.inv(a)))
    """,
)

_snippet(
    "solve_non_finite_complex",
    """
    # The fuzz case (complex64): |nan + inf j| is inf, a pivot, so TF returns NaN.
    nan, inf = np.nan, np.inf
    a = tf.constant(np.array([[0, nan + 30j], [nan + inf * 1j, -inf + 1.1754944e-38j]]), tf.complex64)
    b = tf.constant(np.array([[-0.61 + 2.03j, 2.62 + 0.31j], [3 + 0j, 0.4 + 2.31j]]), tf.complex64)
    show(tf.linalg.solve(a, b))
    for dtype in (tf.complex64, tf.complex128):
        err(lambda: show(tf.linalg.solve(tf.constant([[1 + nan * 1j, 0], [0, 1]], dtype),
                                         tf.ones([2, 1], dtype))))
        show(tf.linalg.solve(tf.constant([[1 + inf * 1j, 0], [0, 1]], dtype), tf.ones([2, 1], dtype)))
    """,
)

_snippet(
    "solve_non_finite_adjoint",
    """
    # With adjoint=True TF factors the adjoint itself: its pivots decide.
    nan, inf = np.nan, np.inf
    a = tf.constant([[0.0, inf], [nan, nan]])
    err(lambda: show(tf.linalg.inv(a, adjoint=True)))
    err(lambda: show(tf.linalg.inv(a)))
    b = tf.constant([[-0.81, 0.0], [-inf, -2.47]], tf.float64)
    err(lambda: show(tf.linalg.solve(b, tf.ones([2, 1], tf.float64), adjoint=True)))
    err(lambda: show(tf.linalg.solve(b, tf.ones([2, 1], tf.float64))))
    c = tf.constant([[3.09, 0.52, -inf], [-3.21, inf, -1.21], [-1.7, -4.3, -1.43]], tf.float64)
    err(lambda: show(tf.linalg.inv(c, adjoint=True)))
    """,
)

_snippet(
    "matmul_output_type_rule",
    """
    # An output_type other than an input's dtype goes to BatchMatMulV3, whose CPU
    # kernels multiply any int8/uint8 pair exactly into int32 and nothing else.
    a8 = tf.constant([[-3, 1], [3, 63]], tf.int8)
    u8 = tf.constant([[200, 1], [255, 3]], tf.uint8)
    show(tf.linalg.matmul(a8, u8, output_type=tf.int32))
    show(tf.linalg.matmul(u8, a8, output_type=tf.int32))
    show(tf.linalg.matmul(u8, u8, output_type=tf.int32, transpose_b=True))
    show(tf.linalg.matmul(a8, u8[None], output_type=tf.int32, adjoint_a=True))
    for x, y, out in ((a8, u8, tf.int64), (a8, a8, tf.int16), (tf.ones([2, 2]), tf.ones([2, 2]), tf.float64),
                      (a8, tf.cast(u8, tf.uint16), tf.int32), (a8, a8, tf.uint16), (u8, u8, tf.int8)):
        err(lambda: tf.linalg.matmul(x, y, output_type=out))
    # Unsigned types are in MatMul's type list but have no CPU kernel.
    err(lambda: tf.linalg.matmul(u8, u8))
    err(lambda: tf.linalg.matmul(u8[None], u8[None]))
    err(lambda: tf.linalg.matmul(tf.ones([2, 2], tf.uint32), tf.ones([2, 2], tf.uint32), output_type=tf.uint32))
    err(lambda: tf.linalg.matmul(tf.ones([2, 2], tf.int16), tf.ones([2, 2], tf.int16)))
    show(tf.linalg.matmul(tf.ones([1, 2, 2], tf.int16), tf.ones([1, 2, 2], tf.int16)))
    """,
)

_snippet(
    "python_float_past_float32",
    """
    # A finite Python float that rounds to inf in the default float32 is refused; an
    # explicit dtype (or hint, or the other operand's dtype) takes it as inf.
    for v in (1e39, -1e39, 3.4028235677973362e38, 3.4028235677973366e38, float("inf")):
        err(lambda: show(tf.constant(v)))
    err(lambda: tf.constant([[1.0], [1e39]]))
    err(lambda: tf.convert_to_tensor([1, 1e39]))
    err(lambda: tf.fill([2], 1e39))
    err(lambda: tf.cast(1e39, tf.float32))
    err(lambda: tf.math.exp(1e39))
    err(lambda: tf.Variable([1e39]))
    show(tf.constant(1e39, tf.float32))
    show(tf.constant([1e39], tf.float64))
    show(tf.constant([np.float64(1e39)]))
    show(tf.constant(70000.0, tf.float16))
    show(tf.constant([1.0, 70000.0], tf.float16))
    show(tf.convert_to_tensor(1e39, dtype_hint=tf.float32))
    show(tf.convert_to_tensor(70000.0, tf.float16))
    show(tf.constant(1.0) * 1e39)
    show(tf.constant([1j, 1e39]))
    """,
)

_snippet(
    "isotonic_regression_named_result",
    """
    # TF returns a namedtuple IsotonicRegression(output, segments).
    r = tf.nn.isotonic_regression([[1.0, 3.0, 2.0]])
    print(type(r).__name__, r._fields, isinstance(r, tuple))
    print(repr(r))
    show(r.output)
    show(r.segments)
    print(repr(tf.nn.isotonic_regression(tf.constant(5, tf.int16))))
    print(type(tf.nn.isotonic_regression(tf.zeros([0, 3]))).__name__)
    """,
)

_snippet(
    "lu_permutation_dtypes",
    """
    # int64 permutations work; lu_reconstruct's InvertPermutation takes int32/int64,
    # lu_solve's gather int16/int32/int64.
    lu, p = tf.linalg.lu(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    for perm in (tf.cast(p, tf.int64), tf.cast(p, tf.int16), tf.cast(p, tf.uint8), tf.cast(p, tf.float32)):
        err(lambda: show(tf.linalg.lu_reconstruct(lu, perm)))
        err(lambda: show(tf.linalg.lu_solve(lu, perm, tf.ones([2, 1]))))
        err(lambda: show(tf.linalg.lu_matrix_inverse(lu, perm)))
    lu64, p64 = tf.linalg.lu(tf.constant([[1.0, 2.0], [3.0, 4.0]]), output_idx_type=tf.int64)
    show(tf.linalg.lu_reconstruct(lu64, p64))
    """,
)

_snippet(
    "ctc_loss_sparse_complex_and_empty_batch",
    """
    # The sparse-label path runs TF's CTCLoss kernel (float and double only); an empty
    # batch fails in TF's dense path.
    sp = tf.sparse.from_dense(tf.constant([[1, 2]]))
    for b in (0, -1):
        err(lambda: tf.nn.ctc_loss(sp, tf.zeros([3, 1, 4], tf.complex64), None, [3], blank_index=b))
        err(lambda: tf.nn.ctc_loss(sp, tf.zeros([0, 1, 4], tf.complex64), None, [0], blank_index=b))
        err(lambda: tf.nn.ctc_loss(sp, tf.zeros([3, 1, 4], tf.int32), None, [3], blank_index=b))
    show(tf.nn.ctc_loss(sp, tf.zeros([3, 1, 4]), None, [3], blank_index=0))
    err(lambda: tf.nn.ctc_loss(tf.zeros([0, 2], tf.int32), tf.zeros([3, 0, 4]), tf.zeros([0], tf.int32), [],
                               logits_time_major=True))
    """,
)

_snippet(
    "broadcast_to_sizes",
    """
    # Sizes no machine holds fail before anything is allocated (TF: its allocator, whose
    # name is left out).
    for shape in ([2**40], [2**31, 2**31]):
        try:
            tf.broadcast_to(True, shape)
        except Exception as e:
            print(type(e).__name__, str(e).split(" on /job")[0].split("}} ")[-1])
    err(lambda: tf.broadcast_to(1.0, [2**63 - 1, 2]))
    err(lambda: tf.broadcast_to(1.0, [-1]))
    print(tf.broadcast_to(tf.zeros([0]), [2**40, 0]).shape)
    show(tf.broadcast_to(True, [3]))
    """,
)

_snippet(
    "integer_dtype_lists",
    """
    # TF's type lists: TruncateMod (int32, int64 and floats; half has no CPU kernel),
    # Neg/Sign/Abs/Pow without unsigned types, SquaredDifference without 8/16-bit or
    # unsigned integers, DivNoNan (reciprocal_no_nan) floats and complex only.
    for dtype in (tf.int8, tf.int16, tf.uint8, tf.uint32, tf.float16, tf.int64):
        x = tf.cast(tf.constant([7, 3]), dtype)
        err(lambda: show(tf.truncatemod(x, x - 1 if dtype != tf.uint8 else x)))
    for dtype in (tf.uint8, tf.uint16, tf.uint32, tf.uint64, tf.int8):
        x = tf.cast(tf.constant([1, 2]), dtype)
        err(lambda: show(tf.math.negative(x)))
        err(lambda: show(tf.math.abs(x)))
        err(lambda: show(tf.math.sign(x)))
        err(lambda: show(tf.math.pow(x, x)))
        err(lambda: show(tf.nn.crelu(x)))
    err(lambda: tf.math.pow(tf.constant([True]), tf.constant([True])))
    show(tf.math.abs(tf.constant([3 + 4j])))
    for dtype in (tf.int8, tf.int16, tf.uint8, tf.uint64, tf.int32):
        x = tf.cast(tf.constant([1, 2]), dtype)
        err(lambda: show(tf.math.squared_difference(x, x + 1)))
        err(lambda: show(tf.math.reciprocal_no_nan(x)))
    """,
)

_snippet(
    "gather_nd_batch_dims_read_by_int",
    """
    # TF reads batch_dims with int(): 1.5 is 1, -0.5 is 0, "1" is 1.
    p = tf.constant([[4, 5], [6, 7]])
    for b in (0.5, 1.5, np.float32(1.5), True, -0.5, "1", tf.constant(1)):
        show(tf.gather_nd(p, [[0], [1]], batch_dims=b))
    err(lambda: tf.gather_nd(p, [[0], [1]], batch_dims=2.5))
    """,
)
