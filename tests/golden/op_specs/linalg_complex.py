"""Golden cases for the gradients of complex tf.linalg ops: inv, det, slogdet,
solve, triangular_solve, cholesky, cholesky_solve, logdet, eigh, qr, svd.

The golden files hold real numbers, so each case builds its complex matrices
from real and imaginary parts (``tf.complex``) and returns the parts of its
complex results: TF's complex gradient convention is then checked through the
real-valued derivatives of the whole function. float64 parts make complex128
matrices, float32 parts complex64 ones.
"""

from tests.golden.opcases import Arg, OpCase

SMALL = {"low": -1.0, "high": 1.0}


def S(*shape, dtype="float64"):
    return Arg(shape=shape, dtype=dtype, **SMALL)


def C(re: str = "re", im: str = "im", shift: float = 0.0) -> str:
    """A complex matrix from parts (plus shift * I on the last two axes)."""
    z = f"tf.complex({re}, {im})"
    if not shift:
        return z
    return f"({z} + {shift} * tf.eye(tf.shape({re})[-1], dtype={z}.dtype))"


# Complex results are compared as their parts.
PARTS = "(lambda z: [tf.math.real(z), tf.math.imag(z)])"
F32 = {
    "rtol": 1e-4,
    "atol": 1e-5,
    "check_grads": False,
    "note": "complex64: central differences need complex128",
}


def pair(name: str, fn: str, shapes: list, c64: dict | None = None, **kw) -> list:
    """The case in complex128, and again in complex64 (with ``c64``'s settings on top)."""
    return [
        OpCase(name, fn, [S(*s) for s in shapes], **kw),
        OpCase(
            name + "_c64",
            fn,
            [S(*s, dtype="float32") for s in shapes],
            **{**F32, **kw, "check_grads": False, **(c64 or {})},
        ),
    ]


# TF's complex det rule is g det(A) A^-H, not g conj(det A) A^-H: tapeflow gives TF's
# numbers, which are not the derivative central differences measure.
NOT_TRUE = {
    "check_grads": False,
    "note": "TF's complex det gradient (g det(A) A^-H) is TF's "
    "own convention, not the true derivative: compared with TF only",
}

# TF's Svd kernel gives complex input complex singular values (tf.linalg.svd takes their real
# part), so at second order the imaginary part of their cotangent enters TF's rule as if s
# could move off the real axis. tapeflow reproduces that: TF's numbers, not the true ones.
SVD_SECOND = (
    "TF's second derivative through u and v (the imaginary part of the complex-typed singular "
    "values' cotangent enters its rule) is not the true one: check_grads to first order"
)

CASES = [
    *pair("inv_complex", f"lambda re, im: {PARTS}(tf.linalg.inv({C(shift=3.0)}))", [(3, 3)] * 2),
    *pair(
        "inv_complex_adjoint_batched",
        f"lambda re, im: {PARTS}(tf.linalg.inv({C(shift=3.0)}, adjoint=True))",
        [(2, 3, 3)] * 2,
    ),
    *pair("det_complex", f"lambda re, im: {PARTS}(tf.linalg.det({C()}))", [(3, 3)] * 2, **NOT_TRUE),
    *pair(
        "det_complex_batched",
        f"lambda re, im: {PARTS}(tf.linalg.det({C()}))",
        [(2, 2, 2)] * 2,
        **NOT_TRUE,
    ),
    *pair(
        "slogdet_complex",
        f"lambda re, im: (lambda s, l: {PARTS}(s) + {PARTS}(l))(*tf.linalg.slogdet({C()}))",
        [(3, 3)] * 2,
        check_grads=False,
        note="the sign output has no gradient, as in TF; TF differentiates log|det A| as if "
        "it were log det A (g A^-H), not its true derivative, so no central differences",
    ),
    *pair(
        "solve_complex",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.solve({C(shift=3.0)}, {C('bre', 'bim')}))",
        [(3, 3), (3, 3), (3, 2), (3, 2)],
    ),
    *pair(
        "solve_complex_adjoint_batched",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.solve({C(shift=3.0)}, {C('bre', 'bim')}, "
        "adjoint=True))",
        [(2, 3, 3), (2, 3, 3), (2, 3, 1), (2, 3, 1)],
    ),
    *pair(
        "triangular_solve_complex_lower",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.triangular_solve({C(shift=3.0)}, "
        f"{C('bre', 'bim')}))",
        [(3, 3), (3, 3), (3, 2), (3, 2)],
    ),
    *pair(
        "triangular_solve_complex_upper_adjoint",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.triangular_solve({C(shift=3.0)}, "
        f"{C('bre', 'bim')}, lower=False, adjoint=True))",
        [(2, 3, 3), (2, 3, 3), (3, 2), (3, 2)],
    ),
    *pair(
        "cholesky_solve_complex",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.cholesky_solve({C(shift=3.0)}, "
        f"{C('bre', 'bim')}))",
        [(3, 3), (3, 3), (3, 2), (3, 2)],
        note="the factor is taken as given (its lower triangle): triangular solves only",
    ),
    OpCase(
        "triangular_solve_complex_broadcast",
        f"lambda re, im, bre, bim: {PARTS}(tf.linalg.triangular_solve({C(shift=3.0)}, "
        f"{C('bre', 'bim')}))",
        [S(2, 3, 3), S(2, 3, 3), S(3, 1), S(3, 1)],
    ),
    *pair(
        "cholesky_complex",
        f"lambda re, im: (lambda z: {PARTS}(tf.linalg.cholesky(tf.matmul(z, z, adjoint_b=True)"
        " + 3.0 * tf.eye(3, dtype=z.dtype))))(tf.complex(re, im))",
        [(3, 3)] * 2,
    ),
    *pair(
        "cholesky_complex_lower_read",
        f"lambda re, im: {PARTS}(tf.linalg.cholesky({C(shift=4.0)}))",
        [(2, 3, 3)] * 2,
        check_grads=False,
        note="a non-Hermitian input: Cholesky reads its lower triangle",
    ),
    *pair(
        "logdet_complex_hermitian",
        "lambda re, im: (lambda z: tf.math.real(tf.linalg.logdet(tf.matmul(z, z, adjoint_b=True)"
        " + 3.0 * tf.eye(3, dtype=z.dtype))))(tf.complex(re, im))",
        [(3, 3)] * 2,
    ),
    OpCase(
        "cholesky_solve_complex_factored",
        "lambda re, im, bre, bim: (lambda z: "
        f"{PARTS}(tf.linalg.cholesky_solve(tf.linalg.cholesky(tf.matmul(z, z, adjoint_b=True)"
        " + 3.0 * tf.eye(3, dtype=z.dtype)), tf.complex(bre, bim))))(tf.complex(re, im))",
        [S(3, 3), S(3, 3), S(3, 2), S(3, 2)],
    ),
    *pair(
        "eigh_complex_invariants",
        "lambda re, im: (lambda e, v: [tf.math.real(e), tf.abs(v)] + "
        f"{PARTS}(tf.matmul(v * tf.sin(e)[..., None, :], v, adjoint_b=True)))"
        f"(*tf.linalg.eigh({C()}))",
        [(2, 3, 3)] * 2,
        note="a non-Hermitian input: eigh reads its lower triangle; eigenvectors compared "
        "through phase-free functions (|v|, v sin(e) v^H)",
    ),
    *pair(
        "eigh_complex_hermitian",
        "lambda re, im: (lambda z: (lambda e, v: [tf.math.real(e), tf.abs(v)])"
        "(*tf.linalg.eigh(z + tf.linalg.adjoint(z))))(tf.complex(re, im))",
        [(3, 3)] * 2,
    ),
    *pair(
        "eigvalsh_complex",
        f"lambda re, im: tf.math.real(tf.linalg.eigvalsh({C()}))",
        [(3, 3)] * 2,
    ),
    OpCase(
        "eigh_complex_vectors_phase_free",
        f"lambda re, im: {PARTS}((lambda e, v: v[..., :, :1] * tf.math.conj(v[..., :1, :1]))"
        f"(*tf.linalg.eigh({C()})))",
        [S(4, 4), S(4, 4)],
        note="the first eigenvector with its phase removed (times the conjugate of its first entry)",
    ),
    *pair(
        "qr_complex_square",
        f"lambda re, im: (lambda q, r: {PARTS}(q) + {PARTS}(r))(*tf.linalg.qr({C()}))",
        [(3, 3)] * 2,
        note="LAPACK and Eigen give the same Householder QR (a real diagonal of R)",
    ),
    *pair(
        "qr_complex_deep_batched",
        f"lambda re, im: (lambda q, r: {PARTS}(q) + {PARTS}(r))(*tf.linalg.qr({C()}))",
        [(2, 4, 3)] * 2,
    ),
    *pair(
        "qr_complex_wide",
        f"lambda re, im: (lambda q, r: {PARTS}(q) + {PARTS}(r))(*tf.linalg.qr({C()}))",
        [(3, 5)] * 2,
    ),
    *pair(
        "qr_complex_full_matrices",
        f"lambda re, im: (lambda q, r: {PARTS}(q) + {PARTS}(r))"
        f"(*tf.linalg.qr({C()}, full_matrices=True))",
        [(2, 3, 4)] * 2,
        note="full_matrices changes nothing for m <= n (TF has no gradient for a tall full Q)",
    ),
    *pair(
        "svd_complex_values",
        f"lambda re, im: tf.linalg.svd({C()}, compute_uv=False)",
        [(2, 3, 3)] * 2,
    ),
    *pair(
        "svd_complex_values_tall",
        f"lambda re, im: tf.linalg.svd({C()}, compute_uv=False)",
        [(4, 3)] * 2,
    ),
    *pair(
        "svd_complex_values_wide",
        f"lambda re, im: tf.linalg.svd({C()}, compute_uv=False)",
        [(2, 4)] * 2,
    ),
    *[
        case
        for shape, full in (
            ((3, 3), False),
            ((2, 4, 3), False),
            ((3, 5), False),
            ((3, 4), True),
            ((2, 4, 3), True),
        )  # fmt: skip
        for case in pair(
            f"svd_complex_invariants_{'x'.join(map(str, shape))}{'_full' * full}",
            "lambda re, im: (lambda s, u, v: (lambda k: [s, tf.abs(u), tf.abs(v)] + "
            f"{PARTS}(tf.matmul(u[..., :k] * tf.cast(tf.sin(s), u.dtype)[..., None, :], "
            "v[..., :k], adjoint_b=True)))(s.shape[-1]))"
            f"(*tf.linalg.svd({C()}, full_matrices={full}))",
            [shape] * 2,
            note="singular vectors of complex matrices have a free phase per pair (LAPACK's "
            "and Eigen's differ): compared through |u|, |v| and u sin(s) v^H; " + SVD_SECOND,
            check_order=1,
            c64={"atol": 1e-4},
        )
    ],
    *pair(
        "svd_complex_phase_fixed",
        "lambda re, im: (lambda s, u, v: (lambda p: [s] + "
        f"{PARTS}(u * p) + {PARTS}(v * p))"
        "(tf.math.conj(u[..., :1, :]) / tf.cast(tf.abs(u[..., :1, :]), u.dtype)))"
        f"(*tf.linalg.svd({C()}))",
        [(3, 4)] * 2,
        note="each pair of singular vectors turned to a real, positive first entry of u; "
        + SVD_SECOND,
        check_order=1,
        c64={"atol": 1e-4},
    ),
]
