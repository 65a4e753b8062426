"""Golden cases for tf.math's elementwise ops: unary and binary functions, special
functions, rounding and logic, clipping and normalizing, and their singular points
(spec section 9: None vs zero, ties, safe forms)."""

import numpy as np

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(4,))
M = Arg(shape=(2, 3))
POS = Arg(shape=(4,), low=0.5, high=2.0)
UNIT = Arg(shape=(4,), low=-0.9, high=0.9)  # inside (-1, 1)
BIG = Arg(shape=(4,), low=1.2, high=3.0)  # inside acosh's domain


def lit(values, dtype="float64", differentiable=True):
    return Arg(value=values, dtype=dtype, differentiable=differentiable)


NO_FD = "a kink or singular point: central differences do not apply"

CASES = [
    # -- unary, smooth on a random domain ---------------------------------------
    OpCase("abs", "lambda x: tf.abs(x)", [Arg(shape=(4,), low=0.2, high=2.0)]),
    OpCase("abs_negative", "lambda x: tf.math.abs(x)", [Arg(shape=(4,), low=-2.0, high=-0.2)]),
    OpCase("square_matrix", "lambda x: tf.math.square(x)", [M]),
    OpCase("rsqrt", "lambda x: tf.math.rsqrt(x)", [POS]),
    OpCase("reciprocal", "lambda x: tf.math.reciprocal(x)", [POS]),
    OpCase("expm1", "lambda x: tf.math.expm1(x)", [V]),
    OpCase("log1p", "lambda x: tf.math.log1p(x)", [Arg(shape=(4,), low=-0.5, high=2.0)]),
    OpCase("tan", "lambda x: tf.tan(x)", [Arg(shape=(4,), low=-1.2, high=1.2)]),
    OpCase("asin", "lambda x: tf.asin(x)", [UNIT]),
    OpCase("acos", "lambda x: tf.acos(x)", [UNIT]),
    OpCase("atan", "lambda x: tf.atan(x)", [V]),
    OpCase("sinh", "lambda x: tf.sinh(x)", [V]),
    OpCase("cosh", "lambda x: tf.cosh(x)", [V]),
    OpCase("asinh", "lambda x: tf.asinh(x)", [V]),
    OpCase("acosh", "lambda x: tf.acosh(x)", [BIG]),
    OpCase("atanh", "lambda x: tf.atanh(x)", [UNIT]),
    OpCase("sigmoid", "lambda x: tf.sigmoid(x)", [M]),
    OpCase("sigmoid_math", "lambda x: tf.math.sigmoid(x)", [V]),
    OpCase("softplus", "lambda x: tf.math.softplus(x)", [M]),
    OpCase("erf", "lambda x: tf.math.erf(x)", [Arg(shape=(5,), low=-3.0, high=3.0)]),
    OpCase("erfc", "lambda x: tf.math.erfc(x)", [Arg(shape=(5,), low=-3.0, high=3.0)]),
    OpCase("lgamma", "lambda x: tf.math.lgamma(x)", [Arg(shape=(4,), low=0.1, high=6.0)]),
    OpCase("lgamma_negative", "lambda x: tf.math.lgamma(x)", [lit([-0.5, -1.3, -2.7, -7.5])]),
    OpCase("digamma", "lambda x: tf.math.digamma(x)", [Arg(shape=(4,), low=0.1, high=6.0)]),
    OpCase("digamma_negative", "lambda x: tf.math.digamma(x)", [lit([-0.5, -1.3, -2.7, -7.5])]),
    OpCase(
        "polygamma",
        "lambda a, x: tf.math.polygamma(a, x)",
        [lit([1.0, 2.0, 3.0, 1.0], differentiable=False), Arg(shape=(4,), low=0.3, high=4.0)],
    ),
    OpCase(
        "polygamma_negative_x",
        "lambda a, x: tf.math.polygamma(a, x)",
        [lit([1.0, 2.0, 3.0], differentiable=False), lit([-0.5, -1.3, -2.7])],
        rtol=1e-4,
    ),
    # -- special values of the special functions (values only) --------------------
    OpCase(
        "special_values",
        "lambda x: (tf.math.lgamma(x), tf.math.digamma(x), tf.math.erf(x), tf.math.erfc(x))",
        [lit([1e-300, 0.5, 1.0, 2.0, 10.0, 171.5, 1e10, -1e10 - 0.5])],
        check_grads=False,
        second_order=False,
        forward=False,
        note="extreme arguments: values only",
    ),
    OpCase(
        "gamma_poles",
        "lambda x: (tf.math.lgamma(x), tf.math.digamma(x))",
        [lit([0.0, -1.0, -2.0])],
        check_grads=False,
        forward=False,
        second_order=False,
        note="poles: lgamma is inf, digamma NaN (as TF); NaN tangents: no forward mode",
    ),
    OpCase(
        "erfc_tail",
        "lambda x: tf.math.erfc(x)",
        [lit([2.5, 4.0, 6.0, 10.0, 26.0])],
        rtol=1e-10,
        atol=0.0,
        note="erfc keeps its relative precision in the far tail",
    ),
    # -- binary ----------------------------------------------------------------------
    OpCase("atan2", "lambda y, x: tf.atan2(y, x)", [M, M]),
    OpCase(
        "atan2_broadcast",
        "lambda y, x: tf.math.atan2(y, x)",
        [M, Arg(shape=(3,), low=0.5, high=2.0)],
    ),
    OpCase(
        "squared_difference", "lambda x, y: tf.math.squared_difference(x, y)", [M, Arg(shape=(3,))]
    ),
    OpCase("xlogy", "lambda x, y: tf.math.xlogy(x, y)", [V, POS]),
    OpCase("xdivy", "lambda x, y: tf.math.xdivy(x, y)", [V, POS]),
    OpCase("divide_no_nan", "lambda x, y: tf.math.divide_no_nan(x, y)", [V, POS]),
    OpCase("multiply_no_nan", "lambda x, y: tf.math.multiply_no_nan(x, y)", [V, V]),
    OpCase("truediv", "lambda x, y: tf.math.truediv(x, y)", [V, POS]),
    OpCase("realdiv", "lambda x, y: tf.realdiv(x, y)", [V, POS]),
    OpCase("floormod", "lambda x, y: tf.math.floormod(x, y)", [V, POS]),
    OpCase("mod", "lambda x, y: tf.math.mod(x, y)", [Arg(shape=(4,), low=-5.0, high=5.0), POS]),
    OpCase(
        "floordiv",
        "lambda x, y: tf.math.floordiv(x, y)",
        [Arg(shape=(4,), low=-5.0, high=5.0), POS],
        second_order=False,
        note="FloorDiv is not differentiable: gradients are None",
    ),
    OpCase("add_n", "lambda x, y, z: tf.add_n([x, y, z])", [M, M, M]),
    OpCase("add_n_math", "lambda x: tf.math.add_n([x, x * 2.0])", [V]),
    OpCase("maximum_math", "lambda x, y: tf.math.maximum(x, y)", [M, M]),
    OpCase("minimum_math", "lambda x, y: tf.math.minimum(x, y)", [V, V]),
    OpCase("pow_math", "lambda x, y: tf.math.pow(x, y)", [POS, V]),
    OpCase(
        "polyval",
        "lambda c0, c1, c2, x: tf.math.polyval([c0, c1, c2], x)",
        [Arg(), Arg(), Arg(), V],
    ),
    OpCase(
        "arithmetic_math",
        "lambda x, y: tf.math.add(tf.math.multiply(x, y), tf.math.subtract(x, tf.math.negative(y)))",
        [V, V],
    ),
    OpCase("divide_math", "lambda x, y: tf.math.divide(x, y)", [V, POS]),
    OpCase("sign_math", "lambda x: tf.math.sign(x) * x", [V]),
    OpCase(
        "sqrt_exp_log_math", "lambda x: tf.math.sqrt(x) + tf.math.exp(x) + tf.math.log(x)", [POS]
    ),
    OpCase("trig_math", "lambda x: tf.math.sin(x) * tf.math.cos(x) + tf.math.tanh(x)", [V]),
    OpCase(
        "cast_float64_to_32",
        "lambda x: tf.cast(x * 2.0, tf.float32)",
        [V],
        check_grads=False,
        note="a float32 output makes central differences at eps=1e-6 meaningless",
    ),
    # -- singular points and conventions (spec section 9) ---------------------------
    OpCase(
        "abs_at_zero", "lambda x: tf.abs(x)", [lit([0.0, -1.0, 2.0])], check_grads=False, note=NO_FD
    ),
    OpCase(
        "sign_zeros",
        "lambda x: tf.sign(x)",
        [lit([-2.0, 0.0, 3.0])],
        check_grads=False,
        note="sign gives a zero gradient, not None",
    ),
    OpCase(
        "sqrt_at_zero", "lambda x: tf.sqrt(x)", [lit([0.0, 4.0])], check_grads=False, note=NO_FD
    ),
    OpCase(
        "rsqrt_at_zero",
        "lambda x: tf.math.rsqrt(x)",
        [lit([0.0, 4.0])],
        check_grads=False,
        second_order=False,
        note=NO_FD,
    ),
    OpCase(
        "reciprocal_at_zero",
        "lambda x: tf.math.reciprocal(x)",
        [lit([0.0, 4.0])],
        check_grads=False,
        second_order=False,
        note=NO_FD,
    ),
    OpCase(
        "asin_at_one",
        "lambda x: tf.asin(x)",
        [lit([1.0, 0.5])],
        check_grads=False,
        second_order=False,
        note=NO_FD,
    ),
    OpCase(
        "acosh_at_one",
        "lambda x: tf.acosh(x)",
        [lit([1.0, 1.5])],
        check_grads=False,
        second_order=False,
        note=NO_FD,
    ),
    OpCase(
        "atan2_origin",
        "lambda y, x: tf.atan2(y, x)",
        [lit([0.0, 1.0]), lit([0.0, 1.0])],
        check_grads=False,
        forward=False,
        second_order=False,
        note="NaN gradient at (0, 0), as TF; NaN tangents: no forward mode",
    ),
    OpCase("sigmoid_extremes", "lambda x: tf.sigmoid(x)", [lit([-1000.0, -1.0, 0.0, 2.0, 1000.0])]),
    OpCase(
        "sigmoid_float32",
        "lambda x: tf.sigmoid(x)",
        [lit([-100.0, -30.0, 0.0, 30.0], "float32")],
        check_grads=False,
    ),
    OpCase(
        "softplus_extremes",
        "lambda x: tf.math.softplus(x)",
        [lit([-1000.0, -50.0, -1.0, 0.0, 2.0, 50.0, 1000.0])],
    ),
    OpCase(
        "xlogy_zeros",
        "lambda x, y: tf.math.xlogy(x, y)",
        [lit([0.0, 0.0, 1.0, 2.0]), lit([0.0, 1.0, 0.5, 3.0])],
        check_grads=False,
        note="xlogy(0, y) = 0 with zero gradients, also at y = 0",
    ),
    OpCase(
        "xlogy_x_nonzero_y_zero",
        "lambda x, y: tf.math.xlogy(x, y)",
        [lit([1.0, 2.0]), lit([0.0, 0.0])],
        check_grads=False,
        second_order=False,
        note=NO_FD,
    ),
    OpCase(
        "xdivy_zeros",
        "lambda x, y: tf.math.xdivy(x, y)",
        [lit([0.0, 0.0, 1.0, 2.0]), lit([0.0, 1.0, 0.5, 3.0])],
        check_grads=False,
        note=NO_FD,
    ),
    OpCase(
        "divide_no_nan_zeros",
        "lambda x, y: tf.math.divide_no_nan(x, y)",
        [lit([0.0, 1.0, 1.0, 2.0]), lit([0.0, 0.0, 2.0, 3.0])],
        check_grads=False,
        note="0 and zero gradients where y == 0",
    ),
    OpCase(
        "pow_exponent_nonpositive_base",
        "lambda x, y: tf.pow(x, y)",
        [lit([0.0, -2.0, 2.0]), lit(3.0)],
        check_grads=False,
        note="the exponent gradient uses log(x) only where x > 0",
    ),
    OpCase(
        "maximum_ties",
        "lambda x, y: tf.maximum(x, y)",
        [lit([1.0, 3.0, 3.0]), lit(3.0)],
        check_grads=False,
        note="ties go to the first argument",
    ),
    OpCase(
        "minimum_ties",
        "lambda x, y: tf.minimum(x, y)",
        [lit([1.0, 3.0, 3.0]), lit(3.0)],
        check_grads=False,
        note="ties go to the first argument",
    ),
    OpCase(
        "floormod_grad",
        "lambda x, y: x % y",
        [lit([5.5, -3.0, 7.25]), lit([2.0, 2.0, -3.0])],
        note="gradient 1 w.r.t. x and -floor(x / y) w.r.t. y",
    ),
    # -- no gradient: rounding, classification, logic, comparisons ------------------
    OpCase(
        "round_half_even",
        "lambda x: tf.round(x)",
        [lit([0.5, 1.5, 2.5, -0.5, -1.5, 0.3, 2.7])],
        check_grads=False,
        note="banker's rounding; no gradient",
    ),
    OpCase("round_math", "lambda x: tf.math.round(x)", [lit([3, -2, 5], "int32")]),
    OpCase("floor", "lambda x: tf.floor(x)", [lit([1.5, -1.5, 2.0])], check_grads=False),
    OpCase("ceil", "lambda x: tf.math.ceil(x)", [lit([1.5, -1.5, 2.0])], check_grads=False),
    OpCase("floor_math", "lambda x: tf.math.floor(x) + x", [lit([1.25, -1.75])]),
    OpCase(
        "classify",
        "lambda x: (tf.math.is_nan(x), tf.math.is_inf(x), tf.math.is_finite(x))",
        [lit([1.0, np.nan, np.inf, -np.inf, 0.0])],
        check_grads=False,
    ),
    OpCase(
        "logic",
        "lambda a, b: (tf.logical_and(a, b), tf.logical_or(a, b), tf.logical_not(a), "
        "tf.math.logical_xor(a, b), tf.math.logical_and(a, b), tf.math.logical_or(a, b), "
        "tf.math.logical_not(b))",
        [lit([True, True, False, False], "bool"), lit([True, False, True, False], "bool")],
    ),
    OpCase(
        "comparisons",
        "lambda x, y: (tf.equal(x, y), tf.not_equal(x, y), tf.less(x, y), tf.less_equal(x, y), "
        "tf.greater(x, y), tf.math.greater_equal(x, y), tf.math.equal(x, y), tf.math.less(x, y), "
        "tf.math.not_equal(x, y), tf.math.less_equal(x, y), tf.math.greater(x, y))",
        [lit([1.0, 2.0, 3.0]), lit([2.0, 2.0, 2.0])],
        check_grads=False,
    ),
    # -- clipping and normalizing ---------------------------------------------------
    OpCase(
        "clip_by_value",
        "lambda x: tf.clip_by_value(x, -0.5, 0.8)",
        [M],
        check_grads=False,
        note="clip bounds make the function piecewise; checked by the literal case",
    ),
    OpCase(
        "clip_by_value_boundaries",
        "lambda x, lo, hi: tf.clip_by_value(x, lo, hi)",
        [lit([-1.0, 0.0, 0.5, 1.0, 2.0]), lit(0.0), lit(1.0)],
        check_grads=False,
        note="the gradient passes at the bounds (inclusive); the bounds get the clipped rest",
    ),
    OpCase(
        "clip_by_value_tensors",
        "lambda x, lo, hi: tf.clip_by_value(x, lo, hi)",
        [lit([-1.0, 0.25, 2.0]), lit([0.0, 0.0, 0.5]), lit([1.0, 0.5, 1.5])],
    ),
    OpCase(
        "clip_by_norm_clipped",
        "lambda x: tf.clip_by_norm(x, 1.0)",
        [Arg(shape=(3,), low=1.0, high=2.0)],
    ),
    OpCase("clip_by_norm_unclipped", "lambda x: tf.clip_by_norm(x, 10.0)", [V]),
    OpCase("clip_by_norm_axes", "lambda x, c: tf.clip_by_norm(x, c, axes=[1])", [M, lit(0.7)]),
    OpCase(
        "clip_by_norm_zero",
        "lambda x: tf.clip_by_norm(x, 1.0)",
        [lit([0.0, 0.0])],
        check_grads=False,
        note="finite gradient at 0 (two-where trick)",
    ),
    OpCase(
        "clip_by_global_norm",
        "lambda x, y, c: (lambda r: (r[0][0], r[0][2], r[1]))(tf.clip_by_global_norm([x, None, y], c))",
        [M, Arg(shape=(2,), low=1.0, high=3.0), lit(1.5)],
    ),
    OpCase(
        "clip_by_global_norm_unclipped",
        "lambda x, y: tf.clip_by_global_norm([x, y], 100.0)",
        [V, M],
    ),
    OpCase("global_norm", "lambda x, y: tf.linalg.global_norm([x, y])", [V, M]),
    OpCase("l2_normalize", "lambda x: tf.math.l2_normalize(x)", [V]),
    OpCase("l2_normalize_axis", "lambda x: tf.math.l2_normalize(x, axis=1)", [M]),
    OpCase(
        "l2_normalize_zero",
        "lambda x: tf.math.l2_normalize(x)",
        [lit([0.0, 0.0])],
        check_grads=False,
        note="0 at 0: the rsqrt is epsilon-guarded (gradient 1/sqrt(eps))",
    ),
]
