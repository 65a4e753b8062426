"""Golden cases for the tf.math names of issue 12: inverse error functions, Bessel
functions, segment max/min/prod/mean, and small composites."""

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(5,))
PROB = Arg(shape=(5,), low=0.05, high=0.95)
UNIT = Arg(shape=(5,), low=-0.9, high=0.9)
DATA = Arg(shape=(6, 2))
EMPTY_JVP = (
    "an empty segment: TF's JVP is NaN there (its gradient divides by the zero "
    "count); tapeflow's is 0, checked by check_grads"
)


def ids(values):
    return Arg(value=values, dtype="int32", differentiable=False)


CASES = [
    OpCase("erfinv", "lambda x: tf.math.erfinv(x)", [UNIT]),
    OpCase("ndtri", "lambda x: tf.math.ndtri(x)", [PROB]),
    OpCase("erfcinv", "lambda x: tf.math.erfcinv(x)", [Arg(shape=(5,), low=0.1, high=1.9)]),
    OpCase("bessel_i0", "lambda x: tf.math.bessel_i0(x)", [Arg(shape=(6,), low=-4.0, high=4.0)]),
    OpCase("bessel_i1", "lambda x: tf.math.bessel_i1(x)", [Arg(shape=(6,), low=-4.0, high=4.0)]),
    OpCase(
        "bessel_i0e", "lambda x: tf.math.bessel_i0e(x)", [Arg(shape=(6,), low=-40.0, high=40.0)]
    ),  # fmt: skip
    OpCase(
        "bessel_i1e", "lambda x: tf.math.bessel_i1e(x)", [Arg(shape=(6,), low=-40.0, high=40.0)]
    ),  # fmt: skip
    OpCase(
        "bessel_large",
        "lambda x: [tf.math.bessel_i0(x), tf.math.bessel_i1e(x)]",
        [Arg(value=[25.0, 31.0, -35.0, 60.0])],
        rtol=1e-5,
    ),  # fmt: skip
    OpCase("lbeta", "lambda x: tf.math.lbeta(x)", [Arg(shape=(2, 3), low=0.5, high=3.0)]),
    OpCase("log_sigmoid", "lambda x: tf.math.log_sigmoid(x)", [V]),
    OpCase(
        "reciprocal_no_nan", "lambda x: tf.math.reciprocal_no_nan(x)", [Arg(value=[0.5, -2.0, 1.5])]
    ),  # fmt: skip
    OpCase(
        "xlog1py",
        "lambda x, y: tf.math.xlog1py(x, y)",
        [Arg(shape=(4,)), Arg(shape=(4,), low=-0.5, high=2.0)],
    ),  # fmt: skip
    OpCase("accumulate_n", "lambda a, b: tf.math.accumulate_n([a, b, a])", [V, V]),
    OpCase(
        "math_softmax",
        "lambda x: [tf.math.softmax(x), tf.math.log_softmax(x)]",
        [Arg(shape=(2, 3))],
    ),  # fmt: skip
    OpCase(
        "math_softsign",
        "lambda x: tf.math.softsign(x)",
        [Arg(shape=(2, 3))],
        second_order=False,
        forward=False,
        note="TF has no second derivative of softsign (LookupError), so no forward mode",
    ),  # fmt: skip
    OpCase("math_scalar_mul", "lambda a, x: tf.math.scalar_mul(a, x)", [Arg(), V]),
    OpCase(
        "segment_max",
        "lambda d, s: tf.math.segment_max(d, s)",
        [DATA, ids([0, 0, 1, 3, 3, 3])],
        skip=("jvp",),
        note=EMPTY_JVP,
    ),
    OpCase(
        "segment_min", "lambda d, s: tf.math.segment_min(d, s)", [DATA, ids([0, 1, 1, 1, 2, 2])]
    ),
    OpCase(
        "segment_prod", "lambda d, s: tf.math.segment_prod(d, s)", [DATA, ids([0, 0, 0, 1, 2, 2])]
    ),
    OpCase(
        "segment_mean",
        "lambda d, s: tf.math.segment_mean(d, s)",
        [DATA, ids([0, 0, 2, 2, 2, 3])],
        skip=("jvp",),
        note=EMPTY_JVP,
    ),  # fmt: skip
    OpCase(
        "segment_max_ties",
        "lambda d, s: tf.math.segment_max(d, s)",
        [Arg(value=[1.0, 3.0, 3.0, 2.0]), ids([0, 0, 0, 1])],
        check_grads=False,
        note="tied values: central differences straddle the tie, so check_grads cannot judge them",
    ),  # fmt: skip
    OpCase(
        "unsorted_segment_max",
        "lambda d, s: tf.math.unsorted_segment_max(d, s, 4)",
        [DATA, ids([2, 0, 2, -1, 1, 0])],
        skip=("jvp",),
        note=EMPTY_JVP,
    ),  # fmt: skip
    OpCase(
        "unsorted_segment_min",
        "lambda d, s: tf.math.unsorted_segment_min(d, s, 3)",
        [DATA, ids([2, 0, 2, 1, 1, 0])],
    ),  # fmt: skip
    OpCase(
        "unsorted_segment_prod",
        "lambda d, s: tf.math.unsorted_segment_prod(d, s, 4)",
        [DATA, ids([2, 0, 2, 1, 1, 0])],
    ),  # fmt: skip
    OpCase(
        "unsorted_segment_mean",
        "lambda d, s: tf.math.unsorted_segment_mean(d, s, 4)",
        [DATA, ids([2, 0, 2, 1, 1, 0])],
    ),  # fmt: skip
    OpCase(
        "unsorted_segment_sqrt_n",
        "lambda d, s: tf.math.unsorted_segment_sqrt_n(d, s, 3)",
        [Arg(shape=(2, 3, 2)), ids([[2, 0, 2], [1, 1, 0]])],
    ),  # fmt: skip
    OpCase(
        "approx_max_k",
        "lambda x: tf.math.approx_max_k(x, 2)",
        [Arg(shape=(3, 5), dtype="float32")],
        rtol=1e-5,
    ),
    OpCase(
        "approx_min_k",
        "lambda x: tf.math.approx_min_k(x, 2, reduction_dimension=0)",
        [Arg(shape=(4, 3), dtype="float32")],
        rtol=1e-5,
        skip=("value", "grad", "grad2", "jvp"),
        note="TF's CPU kernel has only is_max_k=True along the last axis; tapeflow's exact "
        "answer is checked by check_grads",
    ),  # fmt: skip
]
