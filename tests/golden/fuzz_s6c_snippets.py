"""Fuzz seeds 51 and 52 (issue 14, session 6, helper f14c): the signatures those runs
found that no earlier round had, each as a small program whose output TensorFlow
recorded in ``fuzz_s6c.json`` (``make_snippets_golden.py fuzz_s6c`` under the
TensorFlow virtualenv); ``tests/test_fuzz_s6c.py`` replays them on tapeflow.

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
        print("IndexedSlices", g.indices.dtype.name, list(g.values.shape))
        g = tf.convert_to_tensor(g)
    show(g)
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "triangular_solve_lower_none",
    """
    # TF's generated op reads lower=None (and adjoint=None) as the attr's default.
    a = tf.constant([[2.0, 5.0], [1.0, 4.0]], tf.float64)
    b = tf.constant([[4.0], [6.0]], tf.float64)
    show(tf.linalg.triangular_solve(a, b, lower=None))
    show(tf.linalg.triangular_solve(a, b, lower=None, adjoint=None))
    show(tf.linalg.triangular_solve(a, b, lower=False, adjoint=None))
    c = tf.constant([[2049.3 + 0.69j, -208.5 + 0.9j], [-1895.7 + 0.09j, 516.9 + 0.75j]])
    show(tf.linalg.triangular_solve(c, tf.constant([[2.5e3 + 1j], [-5.0e2 + 2j]]), lower=None))
    """,
)

_snippet(
    "gather_empty_params_gradient",
    """
    # No indices into an empty axis: TF's gradient is an empty IndexedSlices, not None.
    grad_of(lambda x: tf.reduce_sum(tf.gather(x, tf.constant([], tf.int32))),
            tf.constant(np.array([], np.float16)))
    grad_of(lambda x: tf.reduce_sum(tf.gather(x, tf.zeros([2, 0], tf.int32))),
            tf.zeros([0, 3]))
    grad_of(lambda x: tf.reduce_sum(tf.gather(x, tf.constant([], tf.int32), axis=1)),
            tf.zeros([3, 0]))
    err(lambda: tf.gather(tf.zeros([2, 0]), [0], axis=1))
    """,
)

_snippet(
    "global_norm_float16_overflow_gradient",
    """
    # An infinite float16 norm: TF's L2Loss gradient x * g is 0, not 2 * x * g = inf * 0.
    x = tf.constant([[2.2, 0.04, -2.7], [1.9, 65504.0, 65504.0]], tf.float16)
    show(tf.linalg.global_norm([x]))
    grad_of(lambda x: tf.linalg.global_norm([x]), x)
    grad_of(lambda x: tf.linalg.global_norm([x, 2 * x]), tf.constant([3.0, 4.0], tf.float16))
    grad_of(lambda x: tf.clip_by_global_norm([x], 1.0)[0][0][1], x)
    """,
)

_snippet(
    "pow_negative_integer_exponent_empty_result",
    """
    # TF's kernel checks the exponents it uses: an empty result uses none.
    show(tf.math.pow(tf.zeros([2, 0], tf.int32), np.array([[-2], [3]], np.int32)))
    show(tf.math.pow(tf.zeros([0], tf.int64), tf.constant(-1, tf.int64)))
    err(lambda: tf.math.pow(tf.ones([2, 1], tf.int32), np.array([[-2], [3]], np.int32)))
    """,
)

_snippet(
    "python_ints_past_int64_in_index_lists",
    """
    # A list holding an int past int64 fails TF's conversion (ValueError) in every op.
    x = tf.constant([1.0])
    err(lambda: tf.nn.embedding_lookup([[]], [18446744073709551613, 9223372036854775808]))
    err(lambda: tf.nn.embedding_lookup([[1.0]], [2**64], max_norm=1.0))
    err(lambda: tf.gather([[1.0]], [2**63]))
    err(lambda: tf.reshape(x, [2**64]))
    err(lambda: tf.roll(x, [2**64], [0]))
    err(lambda: tf.tile(x, [2**64]))
    err(lambda: tf.zeros([2**63]))
    err(lambda: tf.fill([2**64], 1.0))
    err(lambda: tf.broadcast_to(x, [2**64]))
    show(tf.reshape(x, [2**0]))  # ints inside int64 keep the fast path
    """,
)

_snippet(
    "rsqrt_gradient_float16_order",
    """
    # TF's RsqrtGrad is (-0.5 g y) (y y): y^3 alone overflows float16 here.
    grad_of(lambda x: tf.reduce_sum(tf.math.l2_normalize(x) * [[1.0, 2.0]]),
            tf.constant([[0.003, 0.004]], tf.float16))
    grad_of(lambda x: tf.math.rsqrt(x) * 2.0, tf.constant([3e-5, 1e-3, 0.25], tf.float16))
    grad_of(lambda x: tf.math.rsqrt(x), tf.constant([0.0, 4.0], tf.float32))
    """,
)

_snippet(
    "meshgrid_bool_first_input",
    """
    # TF multiplies each grid by ones of the first input's dtype: bool ones make a
    # logical and, so every grid is bool (nonzero is True).
    for t in tf.meshgrid(np.array([True, False]), tf.constant([0, 7], tf.uint32), [0.0, 2.5]):
        show(t)
    for t in tf.meshgrid(np.array([], bool), tf.constant([], tf.uint32), indexing="ij"):
        show(t)
    """,
)
