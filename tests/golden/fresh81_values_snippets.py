"""Fuzz seeds 81 and 82 (issue 14, session 7, helper t14d): wrong values and
gradients, each as a small program whose output TensorFlow recorded in
``fresh81_values.json`` (``make_snippets_golden.py fresh81_values`` under the
TensorFlow virtualenv); ``tests/test_fresh81_values.py`` replays them on tapeflow.

Where TF's own gradient is not the true derivative (cumprod at zeros, complex
sqrtm), a snippet prints the derivative from central differences of the
library's forward instead; ``TAPE_PROGRAMS`` then prints tapeflow's tape
gradient for the same point, which must equal what TF's differences printed.

``show(t)`` prints a tensor's dtype, shape and value (floats to 5 significant
digits); ``differences(f, x, h)`` prints the gradient of ``sum(f(x) * w)`` by
central differences in each entry of x (conjugated for complex x, TF's
convention for a holomorphic f).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

_HELPERS = (
    ERR_SHOW_HELPERS
    + """
def differences(f, x, w, h):
    x = np.asarray(x)
    out = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        up = tf.reduce_sum(f(tf.constant(x + e)) * w).numpy()
        down = tf.reduce_sum(f(tf.constant(x - e)) * w).numpy()
        out[i] = np.conj((up - down) / (2 * h))
    show(tf.constant(out))

def tape_gradient(f, x, w):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(f(x) * w)
    show(tape.gradient(y, x))
"""
)

SNIPPETS, _snippet = snippet_registry(_HELPERS)
_PROGRAMS, _program = snippet_registry(_HELPERS)
TAPE_PROGRAMS = _PROGRAMS  # name -> tapeflow program printing what snippet `name` printed in TF


# cumprod is linear in each entry, so a difference with h = 1 is exact.
_CUMPROD_CASES = """
cases = [
    (np.array([[0.0, 0.0]], np.float32), {}),
    (np.array([[0.0, 0.0]], np.float32), {"axis": 1}),
    (np.array([2.0, 0.0, 3.0, 0.0, 5.0]), {}),
    (np.array([2.0, 0.0, 3.0, 0.0, 5.0]), {"exclusive": True}),
    (np.array([2.0, 0.0, 3.0, 0.0, 5.0]), {"reverse": True}),
    (np.array([2.0, 0.0, 3.0, 0.0, 5.0]), {"reverse": True, "exclusive": True}),
    (np.array([[1.0, 0.0], [0.0, 2.0]]), {"axis": 0}),
    (np.array([0.0, 0.0, 4.0]), {"exclusive": True}),
]
"""
_snippet(
    "cumprod_gradient_at_zeros",
    _CUMPROD_CASES
    + """
# TF's CumprodGrad divides by x (div_no_nan), so its tape gives 0 at every zero;
# the true gradient, by exact differences of cumprod itself:
for x, flags in cases:
    w = tf.constant(np.linspace(0.5, 1.5, x.size).reshape(x.shape).astype(x.dtype))
    differences(lambda v: tf.math.cumprod(v, **flags), x, w, 1.0)
""",
)
_program(
    "cumprod_gradient_at_zeros",
    _CUMPROD_CASES
    + """
for x, flags in cases:
    w = tf.constant(np.linspace(0.5, 1.5, x.size).reshape(x.shape).astype(x.dtype))
    tape_gradient(lambda v: tf.math.cumprod(v, **flags), x, w)
""",
)

_snippet(
    "cumprod_gradient_without_zeros",
    """
# Away from zeros TF's tape gradient is the true one, and tapeflow's agrees.
x = tf.constant([[2.0, -1.5, 3.0], [0.5, 4.0, -2.0]])
w = tf.constant([[0.5, 1.0, 1.5], [2.0, -1.0, 0.25]])
for flags in [{}, {"axis": 1}, {"axis": 1, "exclusive": True}, {"axis": 1, "reverse": True},
              {"axis": -1, "exclusive": True, "reverse": True}]:
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.math.cumprod(x, **flags) * w)
    show(tape.gradient(y, x))
""",
)


_snippet(
    "zeta_huge_arguments",
    """
# The fuzz example (x and q ~ 1e29): the sum underflows to 0.
show(tf.math.zeta(tf.constant([9.159068127121941e29, 2.1449052169431672e29], tf.float64),
                  tf.constant([9.159068127121941e29, 2.1449052169431672e29], tf.float64)))
x = tf.constant([1e20, 1e29, 1e20, 1e29, 1e20, 1e20, 1e20, 1e20], tf.float64)
q = tf.constant([1.0, 1.0, 0.5, 1e-5, -2.5, 1.5, 1e8, 1e300], tf.float64)
show(tf.math.zeta(x, q))
show(tf.math.zeta(tf.cast(x[:7], tf.float32), tf.cast(q[:7], tf.float32)))
# Large x against q ~ 10: the Euler-Maclaurin tail needs q + k well past x.
x = tf.constant([10.0, 50.0, 100.0, 50.0, 100.0, 100.0, 400.0], tf.float64)
q = tf.constant([10.0, 9.5, 9.5, 10.0, 10.0, 20.0, 3.0], tf.float64)
show(tf.math.zeta(x, q))
with tf.GradientTape() as tape:
    tape.watch(q)
    y = tf.math.zeta(x, q)
show(tape.gradient(y, q))
""",
)


_SQRTM_CASES = """
cases = [
    np.array([[[[0.0012245515354215061 + 3.8648440509076147j]]]]),
    np.array([[2.0 + 1.0j]]),
    np.array([[-3.0 + 0.5j]]),
]
"""
_snippet(
    "sqrtm_complex_1x1_derivatives",
    _SQRTM_CASES
    + """
# d sqrt(z) / dz = 1 / (2 sqrt(z)); TF's complex MatrixSquareRoot gradient leaves
# out the conjugate, so its second order is off too: the true first and second
# derivatives, by central differences of sqrtm and of its analytic derivative.
for z in cases:
    w = tf.constant(np.full(z.shape, 1.1 + 0j))
    show(tf.linalg.sqrtm(tf.constant(z)))
    differences(tf.linalg.sqrtm, z, w, 1e-6)
    differences(lambda v: 1.1 * 0.9 / (2 * tf.linalg.sqrtm(v)), z, tf.constant(1.0 + 0j), 1e-6)
""",
)
_program(
    "sqrtm_complex_1x1_derivatives",
    _SQRTM_CASES
    + """
for z in cases:
    w = tf.constant(np.full(z.shape, 1.1 + 0j))
    show(tf.linalg.sqrtm(tf.constant(z)))
    tape_gradient(tf.linalg.sqrtm, z, w)
    x = tf.constant(z)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.linalg.sqrtm(x) * w)
        g = inner.gradient(y, x)
        total = tf.reduce_sum(g * 0.9)
    show(outer.gradient(total, x))
""",
)


_snippet(
    "ndtri_tiny_probabilities",
    """
# The normal quantile of a tiny p: sqrt(2) erfinv(2p - 1) loses p below 1e-17
# (2p - 1 rounds to -1) and below 3e-8 in float32; TF's Ndtri keeps the tail.
p = tf.constant([2.2250738585072014e-308, 1e-300, 1e-200, 1e-50, 1e-17, 1e-10, 1e-3, 0.3,
                 0.5, 0.7, 0.999, 1 - 1e-10, 0.0, 1.0, -0.5, 1.5], tf.float64)
with tf.GradientTape() as tape:
    tape.watch(p)
    y = tf.math.ndtri(p)
show(y)
show(tape.gradient(y, p))
show(tf.math.erfcinv(2 * p))
q = tf.constant([1e-30, 1e-17, 1e-9, 1e-3, 0.3, 0.5, 0.7, 0.9999, 0.0, 1.0], tf.float32)
with tf.GradientTape() as tape:
    tape.watch(q)
    y = tf.math.ndtri(q)
show(y)
# exp(y^2 / 2) of a float32 y near -11 keeps y's rounding times 121: the far tail differs
# in the 5th digit, as float32 rounding decides.
show(tape.gradient(y, q)[2:])
""",
)
