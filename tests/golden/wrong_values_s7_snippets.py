"""The wrong values and gradients left open by session 6's final fuzz run (seeds 71/72;
issue 14, session 7, helper v14a), each as a small program whose output TensorFlow
recorded in ``wrong_values_s7.json`` (``make_snippets_golden.py wrong_values_s7`` under
the TensorFlow virtualenv); ``tests/test_wrong_values_s7.py`` replays them on tapeflow.

``err(fn)`` prints the class and the first line of the message of the exception ``fn()``
raises (or ``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5
significant digits); ``exact(t)`` prints every bit of it (``float.hex`` of each part).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def exact(t):
    a = np.asarray(t.numpy())
    if a.dtype.kind == "c":
        parts = [float(v).hex() for z in a.ravel() for v in (z.real, z.imag)]
    elif a.dtype.kind == "f":
        parts = [float(v).hex() for v in a.ravel()]
    else:
        parts = [int(v) for v in a.ravel()]
    print(t.dtype.name, list(a.shape), parts)
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)


# -- atan2 at a negative zero x ------------------------------------------------------
# The fuzz run's TF answer, atan2(+0, -0.0) = 0, came from TF's eager scalar cache: a
# Python float is converted once per (value, dtype) and 0.0 == -0.0, so a -0.0 passed
# after a 0.0 (or the reverse) gets the earlier zero's sign (docs/deviations.md). A
# NumPy scalar or a tensor zero is never cached: atan2 keeps IEEE's rule there, for
# every float type, shape and broadcast.
_snippet(
    "atan2_negative_zero_x",
    """
    for dtype in (tf.float16, tf.float32, tf.float64):
        neg = np.array(-0.0, dtype.as_numpy_dtype)
        y = tf.constant([0.0, 1.0, np.inf, -0.0, -1.0, -np.inf, 0.0, 0.0, 0.0], dtype)
        exact(tf.math.atan2(y, tf.constant(neg)))
        exact(tf.math.atan2(y, tf.fill([9], tf.constant(neg))))
        exact(tf.math.atan2(tf.constant([[0.0], [-0.0]], dtype), tf.constant([-0.0, 0.0], dtype)))
        exact(tf.math.atan2(tf.constant(0.0, dtype), tf.zeros([17], dtype) * -1.0))
        exact(tf.math.atan2(tf.constant(0.0, dtype), neg))
    """,
)


# -- integer segment means -----------------------------------------------------------
_snippet(
    "segment_mean_integer_exact",
    """
    # The sorted op sums the integers in their own type (wrapping) and divides by the row
    # count converted to that type, truncating: uint64 2**64 - 3 alone stays itself.
    show(tf.math.segment_mean(tf.constant([[18446744073709551613, 0]], tf.uint64), [2]))
    for dtype in (tf.int8, tf.uint8, tf.int16, tf.uint16, tf.int32, tf.uint32, tf.int64,
                  tf.uint64):
        info = np.iinfo(dtype.as_numpy_dtype)
        low = info.min if info.min < 0 else 5
        data = tf.constant([info.max - 2, info.max, info.max, info.min, info.min + 1, 7, low, 3,
                            info.max // 2 + 3, info.max // 2 + 5], dtype)
        ids = [0, 1, 1, 2, 2, 3, 3, 4, 5, 5]
        exact(tf.math.segment_mean(data, ids))
        exact(tf.math.segment_mean(tf.reshape(data, [5, 2]), [0, 0, 1, 1, 1]))
        exact(tf.math.unsorted_segment_mean(data, ids[::-1], 7))
        err(lambda: tf.math.unsorted_segment_sqrt_n(data, ids, 6))
    # A count past the type wraps too: 200 int8 ones sum to -56 and count -56.
    exact(tf.math.segment_mean(tf.ones([200], tf.int8), tf.zeros([200], tf.int32)))
    exact(tf.math.segment_mean(tf.fill([129], tf.constant(5, tf.int8)), tf.zeros([129], tf.int32)))
    exact(tf.math.segment_mean(tf.fill([3], tf.constant(-128, tf.int8)), [0, 0, 0]))
    exact(tf.math.segment_mean(tf.fill([255, 2], tf.constant(7, tf.uint8)), tf.zeros([255], tf.int32)))
    # The unsorted mean counts with a sum of ones in the data's type, kept at least 1.
    exact(tf.math.unsorted_segment_mean(tf.ones([200], tf.int8), tf.zeros([200], tf.int32), 2))
    """,
)

_snippet(
    "segment_mean_float_bits",
    """
    # Sums in order in the data's type, then one division by the count (not a product
    # with its reciprocal); a complex sum's parts are divided by the real count.
    rng = np.random.default_rng(7)
    for dtype in ("float16", "float32", "float64", "complex64", "complex128"):
        for shape in [(300,), (60, 2)]:
            data = (rng.standard_normal(shape) * 10 + 3).astype(dtype)
            if dtype.startswith("complex"):
                data = data + 1j * (rng.standard_normal(shape) * 3).astype(dtype)
            ids = np.sort(rng.integers(0, 3, shape[0]))
            exact(tf.math.segment_mean(tf.constant(data), ids))
            if not dtype.startswith("complex"):
                exact(tf.math.unsorted_segment_mean(tf.constant(data), rng.permutation(ids), 4))
                exact(tf.math.unsorted_segment_sqrt_n(tf.constant(data), rng.permutation(ids), 4))
    # float16 counts as a sum of ones stop at 2048 in the unsorted ops; the sorted op
    # converts the exact count.
    x = tf.fill([3000], tf.constant(1.0, tf.float16))
    exact(tf.math.unsorted_segment_mean(x, tf.zeros([3000], tf.int32), 1))
    exact(tf.math.unsorted_segment_sqrt_n(x, tf.zeros([3000], tf.int32), 1))
    exact(tf.math.segment_mean(x, tf.zeros([3000], tf.int32)))
    """,
)

_snippet(
    "segment_mean_gradients",
    """
    data = tf.constant([[1.0, 2.0], [3.0, 5.0], [7.0, 11.0], [13.0, 17.0]], tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(data)
        a = tf.math.segment_mean(data, [0, 0, 0, 2])
        b = tf.math.unsorted_segment_mean(data, [1, 0, 1, 1], 3)
        c = tf.math.unsorted_segment_sqrt_n(data, [1, 0, 1, -1], 3)
        w = tf.constant([[1.0, -2.0], [0.5, 3.0], [2.0, 1.0]], tf.float64)
        losses = [tf.reduce_sum(v * w) for v in (a, b, c)]
    for loss in losses:
        show(tape.gradient(loss, data))
    z = tf.constant([1 + 2j, 3 - 1j, 2 + 0j], tf.complex64)
    with tf.GradientTape() as tape:
        tape.watch(z)
        m = tf.math.segment_mean(z, [0, 0, 1])
        loss = tf.math.real(tf.reduce_sum(m * tf.constant([1 - 1j, 2 + 0.5j], tf.complex64)))
    show(m)
    show(tape.gradient(loss, z))
    """,
)


# -- complex slogdet near float32's limit ----------------------------------------------
# TF's complex sign can be 0 for entries of modulus past 2**126 (2**1022 in complex128):
# docs/deviations.md. Below that it is the true sign, as tapeflow's.
_snippet(
    "slogdet_complex_large_entries",
    """
    for scale in (1e20, 1e30, 1e37, 8.5e37):
        a = tf.constant([[30 + 0.5j, 0.5 + 30j], [1e30 + scale * 1j, 3 + 0j]], tf.complex64)
        sign, logdet = tf.linalg.slogdet(a)
        show(sign)
        show(logdet)
    for z in (1e19, 1e30, 8.5e37):
        show(tf.linalg.slogdet(tf.constant([[z * (3 + 4j) / 5]], tf.complex64))[0])
    for part in tf.linalg.slogdet(tf.constant([[5e37, 0], [0, 5e37]], tf.complex64)):
        show(part)
    show(tf.linalg.slogdet(tf.constant([[1.0, 2.0], [3e38, 1.0]], tf.float32))[0])
    """,
)


# -- sqrtm with eigenvalues on or near the negative real axis -------------------------
_snippet(
    "sqrtm_negative_eigenvalues",
    """
    def near(t, digits):
        # Values to ``digits`` places relative to the largest entry: the iteration and
        # TF's Schur method differ in the last bits.
        a = np.asarray(t.numpy()).astype(np.complex128)
        top = np.abs(a).max()
        rounded = np.round(a / top, digits) + 0.0
        print(t.dtype.name, f"{top:.3g}", [(v.real + 0.0, v.imag + 0.0) for v in rounded.ravel()])

    # The principal root of a complex matrix whose eigenvalues lie on the negative real
    # axis: sqrt(-4 + 0j) = 2j (each eigenvalue's side of the axis is its imaginary
    # part's sign, -1e-300j included). An upper-triangular matrix is its own Schur form:
    # TF's recurrence, bit for bit, with its NaN patterns.
    triangular = [
        [[-4 + 0j, 0], [0, 1]],
        [[-4 + 0j, 1], [0, -9]],
        [[complex(-4, -1e-300), 0], [0, 1]],
        [[-1 + 0j, 1e5], [0, -1]],
        [[1j, 0, 0], [0, -1j, 0], [0, 0, -1 + 0j]],
        [[-4 + 1e-10j, 0, 0], [0, -4 - 1e-10j, 0], [0, 0, 2]],
        [[0, 1], [0, 1]],
        [[0, 1], [0, 0]],
        [[0, 0], [0, 0]],
        [[4, 1, 2], [0, 9, 3], [0, 0, 16]],
    ]
    for m in triangular:
        for dtype in (tf.complex128, tf.complex64, tf.float64, tf.float32):
            if dtype.is_complex or not np.iscomplexobj(np.array(m)):
                exact(tf.linalg.sqrtm(tf.constant(m, dtype)))
    near(tf.linalg.sqrtm(tf.constant([[-4 + 0j, 1], [0.5, -9]], tf.complex128)), 7)
    near(tf.linalg.sqrtm(tf.constant([[-4 + 0j, 1], [0.5, -9]], tf.complex64)), 3)
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 4, 5):
        m = rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n)) - 3 * np.eye(n)
        near(tf.linalg.sqrtm(tf.constant(m)), 7)
        near(tf.linalg.sqrtm(tf.constant(m, tf.complex64)), 3)
    """,
)


# -- second derivatives: clip_by_norm at zero and division's rule ---------------------
_snippet(
    "clip_by_norm_second_order_at_zero",
    """
    # d/dc of clip_by_norm's gradient at t = 0 is 0 from two terms that cancel; TF's
    # division gradient g * (-(x / y) / y) leaves 2**-8 of them in float16, and so
    # does tapeflow's (it used -(g * (x / y)) / y, another rounding).
    for dtype in (tf.float16, tf.float32, tf.float64):
        for value in (0.0, [0.0, 0.0], [0.0, 3e-3]):
            t = tf.constant(value, dtype)
            c = tf.constant(0.12261962890625, dtype)
            w = tf.constant(np.full(np.shape(value), 0.7275390625), dtype)
            with tf.GradientTape(persistent=True) as outer:
                outer.watch([t, c])
                with tf.GradientTape() as inner:
                    inner.watch([t, c])
                    loss = tf.reduce_sum(tf.clip_by_norm(t, c) * w)
                gt, gc = inner.gradient(loss, [t, c])
                total = tf.reduce_sum(gt * 1.25) + gc * 0.75
            exact(gt)
            exact(gc)
            for g in outer.gradient(total, [t, c]):
                exact(g)
    """,
)

_snippet(
    "divide_gradient_bits",
    """
    rng = np.random.default_rng(11)
    for dtype in ("float16", "float32", "float64"):
        x = tf.constant(rng.standard_normal(12).astype(dtype) * 3)
        y = tf.constant((rng.standard_normal(12) + 0.1).astype(dtype))
        w = tf.constant(rng.uniform(0.5, 1.5, 12).astype(dtype))
        u = tf.constant(rng.uniform(0.5, 1.5, 12).astype(dtype))
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([x, y])
            with tf.GradientTape() as inner:
                inner.watch([x, y])
                loss = tf.reduce_sum(w * (x / y))
            gx, gy = inner.gradient(loss, [x, y])
            total = tf.reduce_sum(u * gx) + tf.reduce_sum(w * gy)
        for g in [gx, gy] + outer.gradient(total, [x, y]):
            exact(g)
    """,
)


# -- triangular_solve's second derivative w.r.t. the right-hand side -----------------
_snippet(
    "triangular_solve_rhs_second_order",
    """
    # The fuzz example with lower=True (with lower=None TF's matrix gradient keeps the
    # wrong triangle, and the rhs's second derivative goes through it:
    # docs/deviations.md, group triangular-solve-lower-none).
    a = np.array([[1803.2754 - 2.2451j, -2887.782 + 0.1073j, -2594.874 - 3.4587j],
                  [2260.5107 - 2.6988j, 662.09326 - 2.5039j, 1644.898 + 3.1129j],
                  [1911.114 + 2.1893j, 3301.683 + 3.9987j, 3596.209 + 2.9131j]])
    b = np.array([[-0.00023 - 1415.708j, -0.0039 + 2280.5454j, 0.00072 - 449.7214j],
                  [0.0035 - 3501.3118j, 0.0036 - 2056.5527j, -0.0039 + 3818.5688j],
                  [0.0021 - 2314.8574j, -0.0031 - 3716.406j, -0.0013 + 18.5161j]])
    def approx(t):
        # complex64: 3 places relative to the largest entry (the two kernels round apart)
        if t.dtype == tf.complex128:
            return show(t)
        a = np.asarray(t.numpy()).astype(np.complex128)
        top = np.abs(a).max()
        print(t.dtype.name, f"{top:.3g}", np.round(a / top, 3).tolist())

    rng = np.random.default_rng(5)
    w = rng.uniform(0.5, 1.5, (3, 3))
    u = rng.uniform(0.5, 1.5, (3, 3))
    for dtype in (tf.complex64, tf.complex128):
        m, r = tf.constant(a, dtype), tf.constant(b, dtype)
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([m, r])
            with tf.GradientTape() as inner:
                inner.watch([m, r])
                x = tf.linalg.triangular_solve(m, r, lower=True)
                loss = tf.reduce_sum(x * tf.constant(w, dtype))
            gm, gr = inner.gradient(loss, [m, r])
            total = tf.reduce_sum(gm * tf.constant(u, dtype)) + tf.reduce_sum(gr * tf.constant(w, dtype))
        approx(x)
        approx(gm)
        approx(gr)
        for g in outer.gradient(total, [m, r]):
            approx(g)
    """,
)
