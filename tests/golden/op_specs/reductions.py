"""Golden cases for reductions, norms, moments, arg-reductions, cumulative ops and
segment sums, including their singular points (zeros in products, ties, empty
inputs, overflow-prone logsumexp, the norm at 0)."""

import numpy as np

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(4,))
M = Arg(shape=(2, 3))
T = Arg(shape=(2, 3, 2))


def lit(values, dtype="float64", differentiable=True):
    return Arg(value=values, dtype=dtype, differentiable=differentiable)


def ids(values, dtype="int32"):
    return Arg(value=values, dtype=dtype, differentiable=False)


NO_FD = "a kink or singular point: central differences do not apply"
PROD_GRAD2 = (
    "TF's second derivative is wrong at zeros (0 where the true d2/dx_i dx_z is the "
    "product of the others): its ProdGrad goes through CumprodGrad, which divides by x "
    "(div_no_nan). tapeflow's is exact; check_grads verifies it to order 2"
)
NAN_FORWARD = (
    "forward mode off: the tangent is NaN here (TF's too; tests/test_math_bad_input.py "
    "checks it), and test_adjoint cannot compare NaN"
)
MOMENTS = (
    "TF's variance uses stop_gradient(mean): first derivatives are exact, the second "
    "derivative is TF's (not the true one), so check_grads runs at order 1 only "
    "(moments_first_order)"
)

CASES = [
    # -- sums, means, extrema ---------------------------------------------------------
    OpCase("reduce_sum_axes", "lambda x: tf.reduce_sum(x, axis=[0, 2])", [T]),
    OpCase(
        "reduce_sum_negative_axis", "lambda x: tf.math.reduce_sum(x, axis=-1, keepdims=True)", [T]
    ),
    OpCase("reduce_sum_empty_axes", "lambda x: tf.reduce_sum(x, axis=[])", [M]),
    OpCase("reduce_mean_axes", "lambda x: tf.math.reduce_mean(x, axis=[0, 1], keepdims=True)", [T]),
    OpCase("reduce_max", "lambda x: tf.reduce_max(x, axis=1)", [M]),
    OpCase("reduce_max_all", "lambda x: tf.math.reduce_max(x)", [T]),
    OpCase("reduce_min", "lambda x: tf.reduce_min(x, axis=[0, 2], keepdims=True)", [T]),
    OpCase("reduce_min_math", "lambda x: tf.math.reduce_min(x, axis=0)", [M]),
    OpCase(
        "reduce_max_ties",
        "lambda x: tf.reduce_max(x)",
        [lit([1.0, 3.0, 3.0])],
        check_grads=False,
        note="tied maxima share the gradient equally",
    ),
    OpCase(
        "reduce_min_ties",
        "lambda x: tf.reduce_min(x, axis=1)",
        [lit([[2.0, 1.0, 1.0], [0.0, 5.0, 0.0]])],
        check_grads=False,
        note="tied minima share the gradient equally",
    ),
    OpCase(
        "reduce_max_empty",
        "lambda x: (tf.reduce_max(x, axis=1), tf.reduce_min(x, axis=1))",
        [Arg(shape=(2, 0))],
        check_grads=False,
        note="empty: -inf and inf, as TF",
    ),
    OpCase(
        "reduce_sum_int",
        "lambda x: (tf.reduce_sum(x, axis=0), tf.reduce_prod(x), tf.reduce_max(x))",
        [lit([[1, 2, 3], [4, 5, 6]], "int32")],
    ),
    # -- products, zeros included ----------------------------------------------------
    OpCase("reduce_prod", "lambda x: tf.reduce_prod(x)", [V]),
    OpCase("reduce_prod_axis", "lambda x: tf.reduce_prod(x, axis=1)", [M]),
    OpCase("reduce_prod_axes", "lambda x: tf.math.reduce_prod(x, axis=[0, 2], keepdims=True)", [T]),
    OpCase("reduce_prod_matrix", "lambda x: tf.reduce_prod(x)", [lit([[1.0, 2.0], [3.0, 4.0]])]),
    OpCase(
        "reduce_prod_one_zero",
        "lambda x: tf.reduce_prod(x)",
        [lit([0.0, 2.0, 3.0])],
        skip=("grad2",),
        note="gradient [6, 0, 0], as TF. " + PROD_GRAD2,
    ),
    OpCase(
        "reduce_prod_two_zeros",
        "lambda x: tf.reduce_prod(x, axis=1)",
        [lit([[0.0, 2.0, 0.0], [1.5, 0.0, 2.0]])],
        skip=("grad2",),
        note="gradient 0 with two zeros, as TF. " + PROD_GRAD2,
    ),
    OpCase(
        "reduce_prod_zero_axes",
        "lambda x: tf.reduce_prod(x, axis=[0, 2])",
        [lit([[[1.0, 2.0], [0.0, 3.0]], [[4.0, 0.5], [2.0, 0.0]]])],
        skip=("grad2",),
        note=PROD_GRAD2,
    ),
    # -- logsumexp, variance, std, euclidean norm -----------------------------------
    OpCase("reduce_logsumexp", "lambda x: tf.reduce_logsumexp(x)", [M]),
    OpCase(
        "reduce_logsumexp_axis", "lambda x: tf.math.reduce_logsumexp(x, axis=1, keepdims=True)", [M]
    ),
    OpCase(
        "reduce_logsumexp_stable",
        "lambda x: tf.reduce_logsumexp(x)",
        [lit([1000.0, 0.0])],
        note="the max is taken out first: value 1000, gradient [1, 0]",
    ),
    OpCase(
        "reduce_logsumexp_all_minus_inf",
        "lambda x: tf.reduce_logsumexp(x)",
        [lit([-np.inf, -np.inf])],
        check_grads=False,
        forward=False,
        second_order=False,
        note="-inf with NaN gradients, as TF; " + NAN_FORWARD,
    ),
    OpCase("reduce_variance", "lambda x: tf.math.reduce_variance(x)", [M]),
    OpCase(
        "reduce_variance_axis", "lambda x: tf.math.reduce_variance(x, axis=0, keepdims=True)", [M]
    ),
    OpCase("reduce_std", "lambda x: tf.math.reduce_std(x, axis=-1)", [M]),
    OpCase("reduce_euclidean_norm", "lambda x: tf.math.reduce_euclidean_norm(x, axis=1)", [M]),
    OpCase(
        "reduce_euclidean_norm_zero",
        "lambda x: tf.math.reduce_euclidean_norm(x)",
        [lit([0.0, 0.0])],
        check_grads=False,
        forward=False,
        second_order=False,
        note="NaN gradient at 0, as TF; " + NAN_FORWARD,
    ),
    OpCase(
        "reduce_all_any",
        "lambda x: (tf.reduce_all(x, axis=1), tf.reduce_any(x), tf.math.reduce_all(x), "
        "tf.math.reduce_any(x, axis=0, keepdims=True))",
        [lit([[True, False], [True, True]], "bool")],
    ),
    # -- moments ---------------------------------------------------------------------
    OpCase("moments", "lambda x: tf.nn.moments(x, axes=[0])", [M], check_grads=False, note=MOMENTS),
    OpCase(
        "moments_keepdims",
        "lambda x: tf.nn.moments(x, axes=[0, 2], keepdims=True)",
        [T],
        check_grads=False,
        note=MOMENTS,
    ),
    OpCase("moments_first_order", "lambda x: tf.nn.moments(x, axes=1)", [M], second_order=False),
    # -- norms -------------------------------------------------------------------------
    OpCase("norm", "lambda x: tf.norm(x)", [M]),
    OpCase("norm_axis", "lambda x: tf.norm(x, axis=1, keepdims=True)", [M]),
    OpCase(
        "norm_ord1", "lambda x: tf.norm(x, ord=1, axis=0)", [Arg(shape=(3, 2), low=0.2, high=2.0)]
    ),
    OpCase("norm_inf", "lambda x: tf.norm(x, ord=np.inf)", [V]),
    OpCase("norm_p3", "lambda x: tf.norm(x, ord=3)", [Arg(shape=(4,), low=0.2, high=2.0)]),
    OpCase("norm_fro", "lambda x: tf.norm(x, ord='fro', axis=[0, 1])", [M]),
    OpCase("norm_matrix_1", "lambda x: tf.norm(x, ord=1, axis=[-2, -1])", [T]),
    OpCase("norm_matrix_inf", "lambda x: tf.norm(x, ord=np.inf, axis=[2, 0])", [T]),
    OpCase(
        "norm_matrix_2",
        "lambda x: tf.norm(x, ord=2, axis=[0, 1])",
        [lit([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]])],
        rtol=1e-4,
    ),
    OpCase(
        "norm_at_zero",
        "lambda x: tf.norm(x)",
        [lit([0.0, 0.0])],
        check_grads=False,
        forward=False,
        second_order=False,
        note="NaN gradient at 0, as TF; " + NAN_FORWARD,
    ),
    # -- arg-reductions (integer outputs: no gradient) ------------------------------
    OpCase(
        "argmax_argmin",
        "lambda x: (tf.argmax(x), tf.argmin(x, axis=1), tf.math.argmax(x, axis=-1, "
        "output_type=tf.int32), tf.math.argmin(x, 0))",
        [M],
        check_grads=False,
    ),
    OpCase(
        "argmax_ties_nan",
        "lambda x: (tf.argmax(x, axis=1), tf.argmin(x, axis=1))",
        [lit([[3.0, 1.0, 3.0], [np.nan, 2.0, 1.0], [np.nan, np.nan, np.nan]])],
        check_grads=False,
        note="first index on ties; NaN never beats a number",
    ),
    # -- cumulative ops ----------------------------------------------------------------
    OpCase("cumsum", "lambda x: tf.cumsum(x)", [V]),
    OpCase(
        "cumsum_exclusive_reverse",
        "lambda x: (tf.cumsum(x, exclusive=True), tf.cumsum(x, reverse=True), "
        "tf.math.cumsum(x, axis=1, exclusive=True, reverse=True))",
        [M],
    ),
    OpCase(
        "cumsum_int", "lambda x: tf.cumsum(x, axis=-1, exclusive=True)", [lit([[1, 2, 3]], "int32")]
    ),
    OpCase("cumprod", "lambda x: tf.math.cumprod(x)", [V]),
    OpCase(
        "cumprod_variants",
        "lambda x: (tf.math.cumprod(x, axis=1, exclusive=True), "
        "tf.math.cumprod(x, axis=0, reverse=True), "
        "tf.math.cumprod(x, axis=-1, exclusive=True, reverse=True))",
        [M],
    ),
    OpCase(
        "cumprod_zeros",
        "lambda x: tf.math.cumprod(x, axis=1)",
        [lit([[2.0, 0.0, 3.0, 4.0], [2.0, 0.0, 3.0, 0.0]])],
        skip=("grad", "grad2", "jvp"),
        note="TF's CumprodGrad divides by x (div_no_nan) and reports 0 at zeros "
        "(e.g. 0 instead of 118 for the first row); tapeflow's gradient is exact "
        "there, which check_grads verifies to second order",
    ),
    OpCase(
        "cumprod_zeros_exclusive_reverse",
        "lambda x: tf.math.cumprod(x, exclusive=True, reverse=True)",
        [lit([1.5, 0.0, 2.0, 0.0, 3.0])],
        skip=("grad", "grad2", "jvp"),
        note="TF's CumprodGrad is wrong at zeros (see cumprod_zeros)",
    ),
    OpCase("cumulative_logsumexp", "lambda x: tf.math.cumulative_logsumexp(x)", [V]),
    OpCase(
        "cumulative_logsumexp_reverse",
        "lambda x: tf.math.cumulative_logsumexp(x, axis=1, reverse=True)",
        [M],
    ),
    OpCase(
        "cumulative_logsumexp_exclusive",
        "lambda x: (tf.math.cumulative_logsumexp(x, axis=0, exclusive=True), "
        "tf.math.cumulative_logsumexp(x, axis=1, exclusive=True, reverse=True))",
        [M],
        check_grads=False,
        forward=False,
        note="the first output of an exclusive scan is -inf: central differences do "
        "not apply; " + NAN_FORWARD,
    ),
    OpCase(
        "cumulative_logsumexp_large",
        "lambda x: tf.math.cumulative_logsumexp(x)",
        [lit([1000.0, 0.0, -1000.0])],
        note="stable: no overflow in value or gradient",
    ),
    # -- segments --------------------------------------------------------------------
    OpCase(
        "segment_sum",
        "lambda x, i: tf.math.segment_sum(x, i)",
        [Arg(shape=(4, 2)), ids([0, 0, 2, 2])],
    ),
    OpCase(
        "unsorted_segment_sum",
        "lambda x, i: tf.math.unsorted_segment_sum(x, i, 3)",
        [Arg(shape=(4, 2)), ids([2, -1, 0, 2])],
        note="negative ids are dropped",
    ),
    OpCase(
        "unsorted_segment_sum_2d_ids",
        "lambda x, i: tf.math.unsorted_segment_sum(x, i, 2)",
        [Arg(shape=(2, 2, 3)), ids([[0, 1], [1, 1]], "int64")],
    ),
]
