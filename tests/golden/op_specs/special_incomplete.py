"""Golden cases for tf.math.igamma, igammac, betainc and zeta.

Second order: TF registers no gradient for IgammaGradA (igamma's derivative in
a), so cases that differentiate w.r.t. a stop at first order; the x-only cases
go to second order. betainc differentiates x only, zeta q only (TF's None for
the others). Edge rows (0, inf, NaN, negative arguments) compare values and
first-order gradients. Very large a (beyond ~1e3 with x near a) is left out:
there TF's a-derivative loses digits (its series stops at a fixed length) while
tapeflow's runs to convergence.
"""

from tests.golden.opcases import Arg, OpCase

INF = float("inf")
NAN = float("nan")
NO_SECOND = "second order w.r.t. a: TF has no gradient for IgammaGradA (LookupError)"
EDGES = "edges: NaN/inf values and gradients (check_grads needs finite values)"

A_SMALL = Arg(shape=(6,), low=0.2, high=4.0)
X_SMALL = Arg(shape=(6,), low=0.05, high=3.0)
A_FIXED = Arg(value=[0.5, 1.0, 2.5, 4.0, 7.0, 12.0], differentiable=False)
X_WIDE = Arg(value=[0.2, 3.0, 1.5, 9.0, 5.0, 20.0])
IGAMMA_EDGE_A = [0.5, 1.0, 2.0, 0.0, -1.0, 2.0, 3.0, INF, NAN, 2.0, 2.0, 1e-3, 150.0, INF]
IGAMMA_EDGE_X = [0.3, 2.0, 5.0, 1.0, 1.0, 0.0, -1.0, 1.0, 1.0, INF, NAN, 1e-3, 140.0, INF]


def _gamma_cases(op: str) -> list:
    fn = f"lambda a, x: tf.math.{op}(a, x)"
    return [
        OpCase(f"{op}_series", fn, [A_SMALL, X_SMALL], second_order=False, note=NO_SECOND),
        OpCase(
            f"{op}_fraction",
            fn,
            [Arg(shape=(5,), low=0.3, high=3.0), Arg(shape=(5,), low=5.0, high=12.0)],
            second_order=False,
            note=NO_SECOND,
        ),
        OpCase(f"{op}_x_only", fn, [A_FIXED, X_WIDE]),
        OpCase(
            f"{op}_broadcast",
            fn,
            [Arg(value=[[0.5], [2.0], [6.0]]), Arg(value=[0.1, 1.0, 4.0, 9.0])],
            second_order=False,
            note=NO_SECOND,
        ),
        OpCase(
            f"{op}_large_a",
            fn,
            [
                Arg(value=[30.0, 60.0, 100.0, 250.0], differentiable=False),
                Arg(value=[25.0, 66.0, 100.5, 240.0]),
            ],
        ),
        OpCase(
            f"{op}_large_a_grad_a",
            fn,
            [Arg(value=[30.0, 60.0, 100.0, 250.0]), Arg(value=[25.0, 66.0, 100.5, 240.0])],
            second_order=False,
            note=NO_SECOND,
        ),
        OpCase(
            f"{op}_float32",
            fn,
            [
                Arg(shape=(5,), low=0.3, high=5.0, dtype="float32"),
                Arg(shape=(5,), low=0.1, high=8.0, dtype="float32"),
            ],
            second_order=False,
            rtol=2e-4,
            atol=1e-5,
            note=NO_SECOND,
        ),
        OpCase(
            f"{op}_edges",
            fn,
            [Arg(value=IGAMMA_EDGE_A), Arg(value=IGAMMA_EDGE_X)],
            second_order=False,
            forward=False,
            check_grads=False,
            note=EDGES,
        ),
    ]


BETA_A = Arg(value=[0.5, 2.0, 1.0, 3.5, 10.0, 0.7], differentiable=False)
BETA_B = Arg(value=[0.5, 3.0, 1.0, 1.5, 20.0, 4.0], differentiable=False)

CASES = (
    _gamma_cases("igamma")
    + _gamma_cases("igammac")
    + [
        OpCase(
            "betainc",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [BETA_A, BETA_B, Arg(value=[0.3, 0.5, 0.7, 0.9, 0.2, 0.05])],
        ),
        OpCase(
            "betainc_scalar_ab",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [
                Arg(value=2.5, differentiable=False),
                Arg(value=0.8, differentiable=False),
                Arg(shape=(2, 3), low=0.05, high=0.95),
            ],
        ),
        OpCase(
            "betainc_scalar_x",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [
                Arg(shape=(4,), low=0.5, high=30.0, differentiable=False),
                Arg(shape=(4,), low=0.5, high=30.0, differentiable=False),
                Arg(value=0.4),
            ],
        ),
        OpCase(
            "betainc_a_b_watched",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [Arg(value=[1.5, 4.0]), Arg(value=[2.0, 0.5]), Arg(value=[0.25, 0.6])],
            check_grads=False,
            note="TF's gradients for a and b are None",
        ),
        OpCase(
            "betainc_large",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [
                Arg(value=[200.0, 500.0, 1000.0], differentiable=False),
                Arg(value=[300.0, 480.0, 50.0], differentiable=False),
                Arg(value=[0.4, 0.51, 0.95]),
            ],
            rtol=1e-4,
        ),
        OpCase(
            "betainc_float32",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [
                Arg(value=[0.5, 2.0, 5.0], dtype="float32"),
                Arg(value=[1.5, 2.0, 0.7], dtype="float32"),
                Arg(value=[0.1, 0.5, 0.8], dtype="float32"),
            ],
            check_grads=False,
            rtol=2e-4,
            atol=1e-5,
        ),
        OpCase(
            "betainc_edges",
            "lambda a, b, x: tf.math.betainc(a, b, x)",
            [
                Arg(value=[0.0, -1.0, 2.0, 2.0, 2.0, INF, 1.0, 1.0, 1.0, NAN, 1.0, 3.0]),
                Arg(value=[1.0, 1.0, 0.0, 2.0, 2.0, 1.0, INF, 1.0, 1.0, 1.0, 3.0, 1.0]),
                Arg(value=[0.5, 0.5, 0.5, 0.0, 1.0, 0.5, 0.5, 1.5, -0.1, 0.5, 0.0, 1.0]),
            ],
            second_order=False,
            forward=False,
            check_grads=False,
            note=EDGES,
        ),
        OpCase(
            "zeta",
            "lambda x, q: tf.math.zeta(x, q)",
            [
                Arg(value=[2.0, 3.0, 1.5, 4.5, 10.0, 1.1], differentiable=False),
                Arg(value=[1.0, 2.0, 0.3, 7.0, 0.8, 25.0]),
            ],
        ),
        OpCase(
            "zeta_x_watched",
            "lambda x, q: tf.math.zeta(x, q)",
            [Arg(value=[2.0, 3.5]), Arg(value=[1.5, 0.5])],
            check_grads=False,
            note="TF's gradient for x is None",
        ),
        OpCase(
            "zeta_negative_q",
            "lambda x, q: tf.math.zeta(x, q)",
            [
                Arg(value=[2.0, 3.0, 4.0, 2.0], differentiable=False),
                Arg(value=[-0.5, -1.5, -2.25, -7.3]),
            ],
            rtol=1e-4,
        ),
        OpCase(
            "zeta_broadcast",
            "lambda x, q: tf.math.zeta(x, q)",
            [Arg(value=[[2.0], [5.0]], differentiable=False), Arg(value=[0.5, 3.0, 40.0])],
        ),
        OpCase(
            "zeta_float32",
            "lambda x, q: tf.math.zeta(x, q)",
            [
                Arg(value=[2.0, 1.5, 7.0], dtype="float32"),
                Arg(value=[1.0, 0.25, 3.0], dtype="float32"),
            ],
            check_grads=False,
            rtol=2e-4,
            atol=1e-5,
        ),
        OpCase(
            "zeta_edges",
            "lambda x, q: tf.math.zeta(x, q)",
            [
                Arg(value=[1.0, 0.5, 2.0, 2.0, INF, INF, INF, 2.0, NAN, 2.0, 2.5, 50.0]),
                Arg(value=[1.0, 1.0, 0.0, -3.0, 1.0, 0.5, 2.0, INF, 1.0, NAN, -0.5, 0.5]),
            ],
            second_order=False,
            forward=False,
            check_grads=False,
            note=EDGES,
        ),
    ]
)
