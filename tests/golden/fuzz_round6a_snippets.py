"""Fuzz round 6 (issue 14, helper f14a): wrong values and gradients that the 50 000-example
fuzz run of session 5 left, each as a small program whose output TensorFlow recorded in
``fuzz_round6a.json`` (``make_snippets_golden.py fuzz_round6a`` under the TensorFlow
virtualenv); ``tests/test_fuzz_round6a.py`` replays them on tapeflow.

``show(t)`` prints a tensor's dtype, shape and value (floats to 6 significant digits, -0.0
as 0.0); ``near(t)`` prints values rounded to 12 decimals (for gradients whose exact zeros
come out as rounding noise of ~1e-17); ``exact(t)`` prints every bit (``tolist``);
``grad(f, *xs)`` is the gradient of ``reduce_sum(f(*xs))`` w.r.t. each ``x`` and
``grad2(f, x)`` the gradient of the sum of that gradient.
"""

from snippet_registry import snippet_registry

_HELPERS = """
def _rounded(t, fmt):
    a = np.asarray(t.numpy())
    if a.dtype.kind in "fc":
        def r(v):
            return float(fmt(v)) + 0.0
        a = np.vectorize(lambda v: complex(r(v.real), r(v.imag)) if a.dtype.kind == "c" else r(v),
                         otypes=[object])(a)
    return a

def show(t):
    if t is None:
        print(None)
        return
    a = _rounded(t, lambda v: f"{v:.6g}")
    print(t.dtype.name, list(a.shape), a.tolist())

def near(t):
    a = _rounded(t, lambda v: f"{v:.12f}")
    print(t.dtype.name, list(a.shape), a.tolist())

def exact(t):
    print(t.dtype.name, list(t.shape), t.numpy().tolist())

def grad(f, *xs):
    xs = [tf.constant(x) for x in xs]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = tf.reduce_sum(f(*xs))
    return tape.gradient(y, xs)

def grad2(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(f(x))
        g = inner.gradient(y, x)
        s = tf.reduce_sum(g)
    return outer.gradient(s, x)
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "fuzz_round6a_arcsine_gradients",
    """
    # TF's AsinGrad and AcosGrad work on conj(x): on the branch cuts (real |x| > 1) the
    # imaginary part's sign is the one of 1 / sqrt(1 - conj(x)^2).
    for dtype in ("complex64", "complex128"):
        x = np.array([2 + 0j, -3 + 0j, 1e15 + 0j, 0.5 + 0.5j, -2 - 1e-3j, 1e18 + 1e18j], dtype)
        show(grad(tf.math.asin, x)[0])
        show(grad(tf.math.acos, x)[0])
    show(grad(tf.math.asin, np.array(1e30 + 0j))[0])
    show(grad2(tf.math.asin, np.array([2 + 0j, 0.5 + 0.5j])))
    show(grad(tf.math.asin, np.array([0.5, -0.25], "float32"))[0])
    show(grad(tf.math.atan, np.array([0.5 + 0.5j, 10000j, 2 + 0j]))[0])
    # Where 1 + x^2 overflows, 1 / (1 + x^2) is 0 (C++'s complex division; TF's vector
    # packets give NaN instead, so only a short tensor shows it).
    x = np.array([30 + 3.4028234663852886e38j, 10000j, 1 + 1e-30j], "complex64")
    show(grad(tf.math.atan, x)[0])
    x = np.array(2.4881872456458924e30 - 1.9084290371938576e30j, "complex64")
    show(grad(tf.math.acos, x)[0])
    show(grad(tf.math.asin, x)[0])
    """,
)

_snippet(
    "fuzz_round6a_eigvalsh_gradients",
    """
    # The eigenvalues' own gradient (TF's compute_v=False rule) has no 1/(e_j - e_i) term:
    # finite where the eigenvalue gap overflows.
    x = np.array([[30 + 0.5j, 0.5 + 30j], [1e30 + 1.7976931348623157e308j, 3 + 0j]])
    near(grad(tf.linalg.eigvalsh, x)[0])
    x = np.array([[30.0, 0.5], [1.7e308, 3.0]])
    near(grad(tf.linalg.eigvalsh, x)[0])
    x = np.array([[2.0, 1.0, 0.5], [1.0, 3.0, 0.25], [0.5, 0.25, 4.0]])
    near(grad(tf.linalg.eigvalsh, x)[0])
    near(grad(lambda m: tf.linalg.eigvalsh(m) * [1.0, 2.0, 3.0], x)[0])
    near(grad2(lambda m: tf.linalg.eigvalsh(m) ** 2, x))
    x = np.array([[2.0 + 0j, 1.0 - 1j], [1.0 + 1j, 3.0 + 0j]], "complex64")
    show(grad(lambda m: tf.linalg.eigvalsh(m) * [1.0, 2.0], x)[0])
    """,
)

_snippet(
    "fuzz_round6a_xdivy_igamma",
    """
    # xdivy's y-partial is -x / y^2 for real dtypes: 0 where y^2 overflows.
    x = np.array([-3.0513997930992264e30, 2.0, 0.0], "float32")
    y = np.array([5.406265263758607e29, 4.0, 3.0], "float32")
    for g in grad(tf.math.xdivy, x, y):
        show(g)
    # igamma(a, 0) and its derivative in a are 0 for every a (TF checks x == 0 first).
    a = np.array([-0.548542546227492, -0.5, 0.0, 2.0, np.nan])
    x = np.zeros(5)
    show(tf.math.igamma(a, x))
    show(tf.math.igammac(a, x))
    show(grad(tf.math.igamma, a, x)[0])
    show(grad(tf.math.igammac, a, x)[0])
    show(grad(tf.math.igammac, -0.548542546227492, 0.0)[0])
    # Far past a, Q underflows to 0 (this took the continued fraction seconds).
    a, x = np.array([3.0, 2.0, 2.0]), np.array([5.6422832093796504e29, 700.0, 800.0])
    show(tf.math.igammac(a, x))
    show(tf.math.igamma(a, x))
    show(grad(tf.math.igammac, a, x)[0])
    """,
)

_snippet(
    "fuzz_round6a_segment_extremes",
    """
    # Unsorted segment max/min start at the type's lowest/highest value: -inf rows give it.
    show(tf.math.unsorted_segment_max(-np.inf, tf.constant(np.array(0, dtype="int32")), 1))
    for dtype in ("float16", "float32", "float64"):
        data = np.array([-np.inf, 1.0, -np.inf, -2.0], dtype)
        show(tf.math.unsorted_segment_max(data, [0, 2, 2, 3], 5))
        show(tf.math.unsorted_segment_min(-data, [0, 2, 2, 3], 5))
    show(tf.math.unsorted_segment_max(np.array([[-np.inf, 2.0], [-np.inf, -np.inf]]), [1, 1], 2))
    # Sorted segment max/min reduce their own rows (-inf stays) and give 0 for absent ids.
    for dtype in ("float32", "float64"):
        data = np.array([-np.inf, 1.0, 2.0, -np.inf], dtype)
        show(tf.math.segment_max(data, [0, 2, 2, 3]))
        show(tf.math.segment_min(-data, [0, 2, 2, 3]))
    show(tf.math.segment_max(np.array([-5, 3, 1], "int32"), [0, 0, 2]))
    # No gradient reaches a -inf row a segment's lowest value replaced.
    data = np.array([-np.inf, 1.0, 3.0, -np.inf], "float32")
    show(grad(lambda d: tf.math.unsorted_segment_max(d, [0, 1, 1, 2], 3), data)[0])
    show(grad(lambda d: tf.math.segment_max(d, [0, 1, 1, 2]), data)[0])
    """,
)

_snippet(
    "fuzz_round6a_elu_selu",
    """
    # TF's elu and selu compute exp(x) - 1 (not expm1), with Eigen's exp on full packets of
    # 8 floats (4 doubles) and the C library's on the rest: every bit is printed.
    rng = np.random.default_rng(6)
    for n in (3, 8, 13, 64):
        x = (-rng.uniform(0, 0.004, n)).astype("float32")
        x[::4] *= -1
        exact(tf.nn.elu(x))
        exact(tf.nn.selu(x))
    x = np.concatenate([-np.logspace(-9, 2, 40), [0.0, -0.0, 1.5, np.inf, -np.inf, np.nan]])
    for dtype in ("float16", "float32", "float64"):
        exact(tf.nn.elu(x.astype(dtype)))
        exact(tf.nn.selu(x.astype(dtype)))
    x = tf.constant(np.array([[-0.003140227, -0.000862489], [-5.5314722e-06, 0.003011]], "float32"))
    exact(tf.nn.elu(x))
    # Their gradients work from the activation: 1 (scale) where exp(x) - 1 rounds to 0.
    x = np.array([-1e-8, -0.003140227, -0.5, -3.0, 0.25], "float32")
    exact(grad(tf.nn.elu, x)[0])
    exact(grad(tf.nn.selu, x)[0])
    exact(grad2(tf.nn.elu, x))
    exact(grad(tf.nn.selu, x.astype("float64"))[0])
    """,
)

_snippet(
    "fuzz_round6a_cast_uint64",
    """
    # float and complex -> uint64 as TF's x86 kernels convert: negative values wrap, NaN,
    # Inf and values past [-2^63, 2^64) give 2^63.
    v = [1e30, -1e30, 3e9, -3e9, 5e18, 1.8e19, 2e19, -1.0, -0.5, 0.7, np.nan, np.inf, -np.inf,
         4294967296.0, 9.3e18, -9.3e18, 0.0]
    for dtype in ("float32", "float64", "complex64", "complex128"):
        exact(tf.cast(np.array(v, dtype), tf.uint64))
    exact(tf.cast(np.array([6e4, -6e4, -1, np.nan, np.inf, -np.inf, 300], "float16"), tf.uint64))
    z = np.array([[(1.0000000150474662e30 + 0.5j), (7.187440275770325e29 - 3.3e30j)]], "complex64")
    exact(tf.cast(z, tf.uint64))
    exact(tf.cast(tf.constant(-2.0), tf.uint64))
    exact(tf.cast(np.float64(1.9e19), tf.uint64))
    """,
)

_snippet(
    "fuzz_round6a_reduce_prod_second_order",
    """
    # The second derivative of a product over no axes is a connected 0 (TF), not None.
    for v in (-0.0, 0.0, 2.0):
        show(grad2(tf.math.reduce_prod, np.array(v)))
    show(grad2(lambda x: tf.math.reduce_prod(x, axis=[]), np.array([[0.0, 3.0]])))
    show(grad2(lambda x: tf.math.reduce_prod(x, axis=[]), np.array([[np.inf, -0.0]])))
    show(grad2(tf.math.reduce_prod, np.array([2.0, 3.0, 4.0])))
    """,
)
