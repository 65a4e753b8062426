"""Linalg signatures of the lead's fresh fuzz run (seeds 83/84; issue 14, session 7,
helper t14e), each as a small program whose output TensorFlow recorded in
``fresh83_linalg.json`` (``make_snippets_golden.py fresh83_linalg`` under the
TensorFlow virtualenv); ``tests/test_fresh83_linalg.py`` replays them on tapeflow.

``err(fn)`` prints the class and the first line of the message of the exception ``fn()``
raises (or ``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5
significant digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


# -- triangular solves with Inf/NaN --------------------------------------------------
# TF's kernels substitute row by row: a non-finite entry (in the factor, the rhs or
# from overflow) reaches only the entries that depend on it, and the unread triangle
# never matters. LAPACK's pivoted LU had spread NaN everywhere.
_snippet(
    "cholesky_solve_non_finite_factor",
    """
    chol = tf.constant([[0.0024683892286081707, 0.000651848798573023, 0.0004100988126294416],
                        [1e300, np.inf, np.inf],
                        [-0.002932902136332098, 10000.0, -0.0024015019328284632]], tf.float64)
    rhs = tf.constant([[0.1, -1.0, 0.3], [0.27, 1.8, 3.0], [3.7, -2.5, -2.1]], tf.float64)
    show(tf.linalg.cholesky_solve(chol, rhs))
    show(tf.linalg.cholesky_solve(chol, rhs[None]))
    """,
)

_snippet(
    "triangular_solve_non_finite",
    """
    t = tf.constant([[1.0, 0.0, 0.0], [2.0, 1.0, 0.0], [0.0, 3.0, 4.0]], tf.float64)
    b = tf.constant([[np.nan, 1.0], [1.0, np.inf], [2.0, 3.0]], tf.float64)
    for lower in (True, False):
        for adjoint in (False, True):
            show(tf.linalg.triangular_solve(t, b, lower=lower, adjoint=adjoint))
    singular = tf.constant([[2.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 2.0, 3.0]], tf.float64)
    for lower in (True, False):
        for adjoint in (False, True):
            show(tf.linalg.triangular_solve(singular, b, lower=lower, adjoint=adjoint))
    overflow = tf.constant([[1e-5, 0.0, 0.0], [2.0, 1.0, 0.0], [1e3, 3.0, 4.0]], tf.float64)
    show(tf.linalg.triangular_solve(overflow, tf.constant([[1e300, 1.0], [1.0, 1e308], [2.0, 3.0]], tf.float64)))
    """,
)

# -- banded_triangular_solve ----------------------------------------------------------
# TF's kernel checks only the first matrix of a batch for a zero on the diagonal
# (Eigen's scalar minCoeff: a NaN first entry fails the check, a later one is
# skipped); the other matrices divide by it. None for lower/adjoint means the op's
# defaults; a NumPy uint16 band takes the rhs tensor's complex dtype; half has no kernel;
# empty inputs are refused.
_snippet(
    "banded_triangular_solve_zero_diagonal",
    """
    b = tf.constant([[1.0, 2.0], [3.0, np.nan], [5.0, 6.0]], tf.float64)
    bands = np.array([[[2.0, 1.0, 4.0], [1.0, 2.0, 3.0]], [[2.0, 0.0, 4.0], [1.0, 2.0, 3.0]]])
    show(tf.linalg.banded_triangular_solve(tf.constant(bands), b))
    err(lambda: tf.linalg.banded_triangular_solve(tf.constant(bands[::-1].copy()), b))
    show(tf.linalg.banded_triangular_solve(tf.constant(bands), b, lower=False))
    show(tf.linalg.banded_triangular_solve(tf.constant(bands[:, ::-1].copy()), b, lower=False))
    for adjoint in (None, True):
        show(tf.linalg.banded_triangular_solve(tf.constant(bands), b, lower=None, adjoint=adjoint))
    b32 = tf.cast(b, tf.float32)
    for diagonal in ([np.nan, 1.0, 2.0], [1.0, 2.0, np.nan],
                     [1.0, 0.0, np.nan], [np.nan, 0.0, 1.0], [-0.0, 1.0, 1.0]):
        err(lambda: show(tf.linalg.banded_triangular_solve(tf.constant([diagonal]), b32)))
    infs = tf.constant([[2.0, 0.0, np.inf], [1.0, np.inf, 3.0], [1e300, 2.0, -1.0]], tf.float64)
    for lower in (True, False):
        for adjoint in (False, True):
            err(lambda: show(tf.linalg.banded_triangular_solve(infs, b, lower=lower, adjoint=adjoint)))
    """,
)

_snippet(
    "banded_triangular_solve_dtypes_and_empty",
    """
    bands = np.array([[[3, 5], [65533, 0], [0, 65535]], [[1, 1], [65535, 0], [4, 3]]], dtype="uint16")
    rhs = tf.constant([[1 + 2j, -1 + 1e30j], [np.nan + 0j, 0.5 - 1j]], tf.complex128)
    show(tf.linalg.banded_triangular_solve(bands, rhs))
    err(lambda: tf.linalg.banded_triangular_solve(tf.ones([2, 3], tf.float16), tf.ones([3, 1], tf.float16)))
    err(lambda: tf.linalg.banded_triangular_solve(tf.ones([0, 3]), tf.ones([3, 1])))
    err(lambda: tf.linalg.banded_triangular_solve(tf.ones([2, 3]), tf.ones([3, 0])))
    err(lambda: tf.linalg.banded_triangular_solve(tf.ones([0, 2, 3]), tf.ones([3, 1])))
    """,
)
