"""Fuzz round 4 (issue 14): wrong values and gradients, and raw exceptions, that the
differential fuzzer (``tools/fuzz_against_tf.py``) found after round 3, each as a small
program whose printed output TensorFlow recorded in ``fuzz_values.json``
(``make_snippets_golden.py fuzz_values`` under the TensorFlow virtualenv) and
``tests/test_fuzz_values.py`` replays on tapeflow.

The rules of ``behaviour_snippets.py`` apply. Every snippet starts with three helpers:
``err(fn)`` prints only the class of the exception ``fn()`` raises (or ``ok``);
``show(t)`` prints a tensor's dtype, shape and value to 5 significant digits (so tiny
gradients keep their digits and last-bit kernel differences do not matter; -0.0 prints
as 0.0);
``grad(f, *xs)`` is the gradient of ``reduce_sum(f(*xs))`` w.r.t. each ``x``.
"""

from snippet_registry import snippet_registry

_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__)

def show(t):
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy() if hasattr(t, "numpy") else t)
    if a.dtype.kind in "fc":
        def r(v):  # 5 significant digits; -0.0 prints as 0.0
            return float(f"{v:.5g}") + 0.0
        a = np.vectorize(lambda v: complex(r(v.real), r(v.imag)) if a.dtype.kind == "c" else r(v),
                         otypes=[object])(a)
    print(t.dtype.name if hasattr(t, "dtype") else a.dtype, list(a.shape), a.tolist())

def grad(f, *xs):
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = tf.reduce_sum(f(*xs))
    return tape.gradient(y, xs)
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


# ------------------------------------------------------ wrong gradients --

_snippet(
    "fuzz_round4_gradients",
    """
    # softsign: TF's SoftsignGrad is g / (1 + |x|)^2, 0 at infinite x (not inf / inf).
    for dtype in ("float16", "float32"):
        show(grad(tf.math.softsign, np.array([np.inf, -np.inf, 6e4, 3.0, -0.0], dtype))[0])
    # atanh (1 - x^2 overflowing for a huge complex x is in test_fuzz_values.py: TF's own
    # answer there depends on the incoming gradient, NaN for 1, 0 for others).
    x = np.array([0.5 + 0.25j, -8e29 - 5e-4j, 2 - 1j])
    show(grad(tf.math.atanh, x)[0])
    show(grad(tf.math.atanh, np.array([0.5, -0.3, 0.999]))[0])
    # angle: TF's AngleGrad, -g / (Im z + i Re z), stays finite where |z|^2 overflows.
    z = np.array([-2.612538e30 + 0.4836j, 1.4312e30 - 3.3216j, 1 + 2j, -1 + 0j], "complex64")
    show(grad(tf.math.angle, z)[0])
    show(grad(tf.math.angle, z.astype("complex128"))[0])
    # pow: for complex x, log(x) is used wherever x != 0 (TF's PowGrad), not only where x > 0.
    for dtype in ("complex64", "complex128"):
        x = np.array([-0.0036722 - 3.8677790j, -2 + 0j, 1 + 1j, 0j], dtype)
        y = np.array([-0.0036722 - 3.8677790j, 0.5 + 0j, 1 - 1j, 2 + 0j], dtype)
        for g in grad(tf.math.pow, x, y):
            show(g)
    # xdivy: y's partial is -x / y / y (y^2 overflows for |y| ~ 4e30 in complex64).
    x = np.array([-1.3603537 - 445.58102j, 1 + 2j], "complex64")
    y = np.array([3.423038e30 - 1.9461102e30j, 3 - 1j], "complex64")
    show(tf.abs(grad(tf.math.xdivy, x, y)[1]))  # TF leaves out the conjugate: compare moduli
    # The scaled Bessel functions where the direct formulas are still accurate.
    x = np.array([5.0, -20.0, 0.5, -1e-3])
    show(grad(tf.math.bessel_i1e, x)[0])
    show(grad(tf.math.bessel_i0e, x)[0])
    """,
)


# -------------------------------------------------- wrong values, escapes --

_snippet(
    "fuzz_round4_compute_average_loss",
    """
    # TF weights the losses in float32, squeezing or expanding the weight's last axis.
    show(tf.nn.compute_average_loss([1, 2], sample_weight=[[1], [2]]))
    show(tf.nn.compute_average_loss([[1.0], [2.0]], sample_weight=[1, 3]))
    print(tf.nn.compute_average_loss(np.array([2.2250738585072014e-308, 1e4]),
                                     sample_weight=np.array([32767], "uint16")).numpy())
    show(tf.nn.compute_average_loss(np.array([1.0, 2.0], "float16"), sample_weight=[1, 3]))
    show(tf.nn.compute_average_loss([1.0, 2.0], global_batch_size=np.int64(3)))
    show(tf.nn.compute_average_loss([1.0, 2.0], global_batch_size=0))
    err(lambda: tf.nn.compute_average_loss([[1.0], [2.0]], sample_weight=[[1, 3, 4]]))
    for bad in (2.5, -1, [2]):
        try:
            tf.nn.compute_average_loss([1.0, 2.0], global_batch_size=bad)
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0])
    try:
        tf.nn.compute_average_loss(tf.constant(b"ab"))
    except ValueError as e:
        print(e)
    """,
)

_snippet(
    "fuzz_round4_numpy_strings",
    """
    # NumPy str and bytes arrays convert to string tensors (they escaped as KeyError).
    for v in (np.array([b"a", b"xy"]), np.array(["ab"]), np.array(b"x"), np.bytes_(b"q")):
        print(repr(tf.constant(v)), repr(tf.convert_to_tensor(v)))
    """,
)

_snippet(
    "fuzz_round4_more_values",
    """
    # The imaginary part of a string tensor is empty strings; its real part is refused.
    print(tf.math.imag(tf.constant([b"a", b""])).numpy().tolist())
    try:
        tf.math.real(tf.constant([b"a"]))
    except TypeError as e:
        print(e)
    # isotonic_regression: equal neighbours stay apart; integers are averaged in float64
    # (int8/int16: float32) after TF's negation for an increasing fit.
    for x, dec in (([[-1.5e30, -1.5e30]], True), ([[3.0, 3.0, 1.0]], False),
                   ([[1.0, 1.0, 2.0, 2.0, 0.5]], True),
                   (np.array([[-2147483648, -1]], "int32"), True),
                   (np.array([[-2147483648, -1]], "int32"), False),
                   (np.array([[5, 6, -7, 2147483647]], "int32"), True),
                   (np.array([[2, 2, 1, 3]], "int8"), False)):
        out, seg = tf.nn.isotonic_regression(x, decreasing=dec)
        show(out)
        show(seg)
    # rsqrt and reciprocal: the gradient is 0 where the cotangent is 0 (TF's kernels),
    # even where the result is Inf or NaN; batch_normalization with a negative variance.
    v = np.array([-0.5, 0.0, np.nan, np.inf, 4.0], "float32")
    w = np.array([0, 0, 0, 0, 1], "float32")
    show(grad(lambda v: tf.math.rsqrt(v) * w, v)[0])
    show(grad(lambda v: tf.math.reciprocal(v) * w, v)[0])
    h = np.float16(-0.0036716461181640625)
    for g in grad(lambda *a: tf.nn.batch_normalization(*a, 0.0), h, h, h, h, h):
        show(g)
    """,
)

_snippet(
    "fuzz_round4_errors",
    """
    def cls(fn):
        try:
            fn()
            print("ok")
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0].split(" [Op:")[0].split("}} ")[-1])
    # eig/eigvals read `tensor.dtype` before converting (TF's wrapper).
    cls(lambda: tf.linalg.eig([2]))
    cls(lambda: tf.linalg.eigvals(True))
    cls(lambda: tf.linalg.eigvals(tf.constant([[1, 2], [3, 4]])))
    # lstsq: the matrix's rank is checked in TF's order.
    cls(lambda: tf.linalg.lstsq(2.0, [[1.0]]))
    cls(lambda: tf.linalg.lstsq([2.0], [[1.0]]))
    cls(lambda: tf.linalg.lstsq(2.0, [[1.0]], fast=False))
    cls(lambda: tf.linalg.lstsq([2.0], [[1.0]], fast=False))
    # lu: output_idx_type must be a DType, int32 or int64.
    cls(lambda: tf.linalg.lu([[1.0]], output_idx_type=tf.constant(1)))
    cls(lambda: tf.linalg.lu([[1.0]], output_idx_type="foo"))
    cls(lambda: tf.linalg.lu([[1.0]], output_idx_type=tf.uint8))
    show(tf.linalg.lu([[1.0]], output_idx_type="int64")[1])
    # nextafter has TF's gradient: 1 for x1, 0 for x2 (it had none).
    for g in grad(tf.math.nextafter, np.array([1.0, 2.0]), np.array([3.0])):
        show(g)
    """,
)

_snippet(
    "fuzz_round4_nonfinite_matrices",
    """
    # svd (and pinv, lstsq(fast=False) through it) of a matrix holding Inf or NaN: NaN
    # results for that matrix only (LAPACK could loop forever on it).
    x = np.array([[0, 0, -0.0033], [np.inf, 0.0022, -0.0013], [-0.00095, 0.0026, 0.0034]],
                 "float32")
    s, u, v = tf.linalg.svd(np.stack([x, np.eye(3, dtype="float32")]))
    show(s)
    show(u[0])
    show(tf.linalg.pinv(x))
    # expm: a NaN fill, with no gradient, once the largest norm is not finite.
    for m in (np.array([[np.inf, -2.0], [np.inf, np.inf]], "float16"),
              np.array([[[1, -2.0], [0.5, 1]], [[np.nan, 0], [0, 0]]]), np.zeros((0, 3, 3)),
              np.array([[0.5, 1.0], [0.0, 0.25]])):
        show(tf.linalg.expm(m))
        show(grad(tf.linalg.expm, m)[0])
    """,
)


_snippet(
    "fuzz_round5_conversions",
    """
    # Numbers refused as strings, in TF's words, whatever the NumPy container.
    s = tf.constant(np.array([[b"a"], [b"b"]], dtype=object))
    err(lambda: tf.math.less_equal(s, np.float16(-0.9)))
    err(lambda: tf.constant(np.array([1, 2]), tf.string))
    err(lambda: tf.convert_to_tensor(np.complex64(1), tf.string))
    show(tf.convert_to_tensor(np.array([], np.float32), tf.string))
    # tf.math.truediv converts x alone, y with x's dtype as a hint; the dtypes must agree.
    err(lambda: tf.math.truediv(np.int16(2), tf.constant(b"ab")))
    err(lambda: tf.math.truediv(2, tf.constant(2.0)))
    err(lambda: tf.math.truediv(2.5, tf.constant(2, tf.int16)))
    show(tf.math.truediv(tf.constant(2.0), 2))
    show(tf.math.truediv(np.float32(2), tf.constant(2.0)))
    # Python ints past int64 / uint64: floats take them, narrower integers refuse them.
    for v in ([5, 2**64 - 3, 1], [2**64 + 5], 2**70, [1, 2**63]):
        for d in (tf.uint16, tf.int64, tf.float32):
            err(lambda: show(tf.constant(v, d)))
    err(lambda: tf.linalg.banded_triangular_solve(
        [5, 18446744073709551613, 1], tf.constant(np.array([65535, 2, 65533], "uint16"))))
    """,
)


_snippet(
    "fuzz_round5_nn_inputs",
    """
    def msg(fn):  # the class and TF's text
        try:
            fn()
            print("ok")
        except Exception as e:
            print(type(e).__name__, str(e))

    c128 = tf.constant(np.array(-2 + 1j, "complex128"))
    i64 = tf.constant([[1], [2]], tf.int64)
    s64 = tf.constant([2, 5], tf.int64)
    # compute_accidental_hits: num_true is an int attribute, read before the inputs; the
    # inputs' dtypes are the kernel's to check (int64, #0 then #1).
    msg(lambda: tf.nn.compute_accidental_hits(c128, -32768, -32768))
    msg(lambda: tf.nn.compute_accidental_hits(i64, c128, 1))
    msg(lambda: tf.nn.compute_accidental_hits(c128, s64, [[], []]))
    msg(lambda: tf.nn.compute_accidental_hits(i64, s64, "1"))
    msg(lambda: tf.nn.compute_accidental_hits(
        tf.constant([0, 2], tf.int8), s64, tf.constant(np.array(np.inf, "float16"))))
    idx, ids, w = tf.nn.compute_accidental_hits(i64, s64, tf.constant(1))
    show(idx)
    show(ids)
    # sobol_sample: dim, num_results, skip are int32 inputs, checked in order.
    c64 = tf.constant(np.array([], "complex64"))
    msg(lambda: tf.math.sobol_sample(3, c64, skip=c64))
    msg(lambda: tf.math.sobol_sample(tf.constant(2.0), 4))
    msg(lambda: tf.math.sobol_sample(3, 4, skip=tf.constant(1, tf.int64)))
    show(tf.math.sobol_sample(tf.constant(2), 3))
    # ctc_loss: a tensor blank_index is compared with ops (Less refuses complex).
    logits = tf.zeros([4, 1, 3])
    err(lambda: tf.nn.ctc_loss([[1, 2]], logits, [2], [4], blank_index=c128))
    show(tf.nn.ctc_loss([[1, 2]], logits, [2], [4], blank_index=tf.constant(-1)))
    # ctc_unique_labels maps Unique over the rows: each row must be a vector.
    err(lambda: tf.nn.ctc_unique_labels([b"a", b"a", b""]))
    err(lambda: tf.nn.ctc_unique_labels([3, 5, 3]))
    err(lambda: tf.nn.ctc_unique_labels(tf.zeros([2, 2, 2], tf.int32)))
    # lrn: depth_radius must fit a C int (the kernel checks before allocating anything).
    x = tf.ones([1, 1, 1, 3])
    for r in (2**40, 2**31 - 1, -1):
        err(lambda: tf.nn.local_response_normalization(x, depth_radius=r))
        err(lambda: tf.nn.lrn(x, depth_radius=r, bias=-1.6e-192))
    err(lambda: tf.nn.lrn(x, depth_radius="2"))
    err(lambda: tf.nn.lrn(tf.ones([1, 3]), depth_radius=2**40))
    show(tf.nn.lrn(x, depth_radius=2.7))
    """,
)
