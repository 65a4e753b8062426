"""tf.math and reductions: bad input raises TensorFlow's exception class with a message
naming the op and the offending value (texts checked against TensorFlow 2.21), plus
conventions the golden table cannot hold (NaN tangents, empty inputs, accuracy of
the special functions, exact products with zeros)."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.errors import InvalidArgumentError, NotFoundError, OpError

# Ops TF defines for fewer dtypes than the input has: TF says InvalidArgumentError
# ("Value for attr 'T' of int32 is not in the list of allowed values") or, when the
# op exists but has no CPU kernel, NotFoundError. Both name the op.
DTYPE_ERRORS = (InvalidArgumentError, NotFoundError)


def raises(error, text):
    return pytest.raises(error, match=re.escape(text))


# --------------------------------------------------------------------------
# Axes
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "op", "shown"),
    [
        (lambda x: tf.reduce_sum(x, axis=2), "Sum", 2),
        (lambda x: tf.reduce_prod(x, axis=2), "Prod", 2),
        (lambda x: tf.reduce_max(x, axis=-3), "Max", -3),
        (lambda x: tf.reduce_min(x, axis=2), "Min", 2),
        (lambda x: tf.reduce_mean(x, axis=2), "Mean", 2),
        (lambda x: tf.reduce_logsumexp(x, axis=2), "Max", 2),
        (lambda x: tf.math.reduce_variance(x, axis=2), "Mean", 2),
        (lambda x: tf.math.reduce_std(x, axis=2), "Mean", 2),
        (lambda x: tf.math.reduce_euclidean_norm(x, axis=2), "EuclideanNorm", 2),
        (lambda x: tf.reduce_any(x > 0, axis=2), "Any", 2),
        (lambda x: tf.norm(x, axis=2), "Sum", 2),
        (lambda x: tf.math.l2_normalize(x, axis=2), "Sum", 2),
    ],
)
def test_reduction_axis_out_of_range(call, op, shown):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(InvalidArgumentError) as info:
        call(x)
    message = info.value.message
    assert f"Invalid reduction dimension ({shown} for input with 2 dimension(s)" in message
    assert f"[Op:{op}]" in message


def test_reduction_axis_of_a_scalar():
    with raises(
        InvalidArgumentError, "Invalid reduction dimension (0 for input with 0 dimension(s)"
    ):
        tf.reduce_sum(tf.constant(2.0), axis=0)


def test_duplicate_reduction_axes():
    x = tf.ones([2, 2])
    with raises(InvalidArgumentError, "Axes contains duplicate dimension: 0 [Op:Sum]"):
        tf.reduce_sum(x, axis=[0, 0])
    with raises(InvalidArgumentError, "Axes contains duplicate dimension: 1"):
        tf.reduce_prod(x, axis=[1, -1])


def test_reduction_axis_must_be_an_integer():
    with pytest.raises(TypeError):
        tf.reduce_sum(tf.ones([2]), axis=0.5)


def test_empty_axis_list_is_the_identity():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(tf.reduce_sum(x, axis=[]).numpy(), x.numpy())


@pytest.mark.parametrize(
    ("axis", "error", "text"),
    [
        (1, InvalidArgumentError, "ScanOp: Expected scan axis in the range [-1, 1), but got 1"),
        (-2, InvalidArgumentError, "ScanOp: Expected scan axis in the range [-1, 1), but got -1"),
        ([0], InvalidArgumentError, "ScanOp: axis must be a scalar"),
        (0.0, TypeError, "Cannot convert 0.0 to EagerTensor of dtype int32"),
    ],
)
@pytest.mark.parametrize(
    ("fn", "op"),
    [
        (tf.cumsum, "Cumsum"),
        (tf.math.cumprod, "Cumprod"),
        (tf.math.cumulative_logsumexp, "CumulativeLogsumexp"),
    ],
)
def test_scan_axis(fn, op, axis, error, text):
    with pytest.raises(error) as info:
        fn(tf.constant([1.0, 2.0, 3.0]), axis=axis)
    assert text in str(info.value)
    if error is InvalidArgumentError:
        assert f"[Op:{op}]" in str(info.value)


def test_scan_of_a_scalar():
    with raises(InvalidArgumentError, "Expected scan axis in the range [0, 0), but got 0"):
        tf.cumsum(tf.constant(3.0))


def test_scan_dtypes():
    with pytest.raises(DTYPE_ERRORS, match="Cumsum"):
        tf.cumsum(tf.constant([True, False]))
    with pytest.raises(DTYPE_ERRORS, match="CumulativeLogsumexp"):
        tf.math.cumulative_logsumexp(tf.constant([1, 2]))


# --------------------------------------------------------------------------
# argmax / argmin
# --------------------------------------------------------------------------
def test_arg_reduction_errors():
    x = tf.zeros([2, 3])
    with raises(
        InvalidArgumentError, "Expected dimension in the range [-2, 2), but got 2 [Op:ArgMax]"
    ):
        tf.argmax(x, axis=2)
    with raises(
        InvalidArgumentError, "Expected dimension in the range [-2, 2), but got -3 [Op:ArgMin]"
    ):
        tf.argmin(x, axis=-3)
    with raises(InvalidArgumentError, "Expected dimension in the range [0, 0), but got 0"):
        tf.argmax(tf.constant(3.0))
    with raises(TypeError, "axis must be int or Tensor with integer datatype"):
        tf.argmax(x, axis=[1])
    with raises(InvalidArgumentError, "Reduction axis 0 is empty in shape [0] [Op:ArgMax]"):
        tf.argmax(tf.zeros([0]))
    with raises(InvalidArgumentError, "Value for attr 'output_type' of float32"):
        tf.argmax(x, axis=1, output_type=tf.float32)


def test_arg_reduction_output_types_and_nan():
    x = tf.constant([[3.0, 1.0, 3.0], [np.nan, 2.0, 1.0]])
    assert tf.argmax(x, axis=1).dtype == tf.int64
    assert tf.argmax(x, axis=1, output_type=tf.int32).dtype == tf.int32
    assert tf.argmin(x, axis=1, output_type=tf.int16).dtype == tf.int16
    np.testing.assert_array_equal(tf.argmax(x, axis=1).numpy(), [0, 1])
    np.testing.assert_array_equal(tf.argmin(x, axis=1).numpy(), [1, 2])
    assert int(tf.argmax(tf.constant([np.nan, -np.inf]))) == 0
    assert int(tf.argmin(tf.constant([np.nan, -np.inf]))) == 1
    assert int(tf.argmax(tf.constant([True, False]))) == 0


# --------------------------------------------------------------------------
# Dtypes and shapes of elementwise ops
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "op"),
    [
        ("sqrt", "Sqrt"), ("rsqrt", "Rsqrt"), ("exp", "Exp"), ("expm1", "Expm1"),
        ("log1p", "Log1p"), ("tan", "Tan"), ("asin", "Asin"), ("sinh", "Sinh"),
        ("sigmoid", "Sigmoid"), ("softplus", "Softplus"), ("erf", "Erf"), ("erfc", "Erfc"),
        ("lgamma", "Lgamma"), ("digamma", "Digamma"), ("reciprocal", "Reciprocal"),
        ("floor", "Floor"), ("ceil", "Ceil"), ("is_nan", "IsNan"), ("is_finite", "IsFinite"),
    ],
)  # fmt: skip
def test_float_only_ops_reject_integers(name, op):
    with pytest.raises(DTYPE_ERRORS) as info:
        getattr(tf.math, name)(tf.constant([1, 2]))
    assert op in info.value.message


@pytest.mark.parametrize("name", ["abs", "sign", "square", "negative", "round"])
def test_integer_ops_keep_the_dtype(name):
    y = getattr(tf.math, name)(tf.constant([-3, 2], tf.int32))
    assert y.dtype == tf.int32


def test_round_is_bankers_rounding():
    y = tf.round(tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999], tf.float64))
    np.testing.assert_array_equal(y.numpy(), [0.0, 2.0, 2.0, -0.0, -2.0, 2.0])


def test_floordiv_on_floats_is_floor_of_the_quotient():
    assert float(tf.math.floordiv(1.0, 0.1)) == 10.0
    np.testing.assert_array_equal(
        tf.math.floordiv(tf.constant([-3.0, 3.0]), 0.0).numpy(), [-np.inf, np.inf]
    )


def test_integer_division_and_powers():
    with raises(InvalidArgumentError, "Integer division by zero"):
        tf.math.floordiv(tf.constant([1, 2]), 0)
    with raises(InvalidArgumentError, "Integers to negative integer powers are not allowed"):
        tf.pow(tf.constant([1, 2]), -1)


@pytest.mark.parametrize(
    ("name", "op"),
    [("xlogy", "Xlogy"), ("xdivy", "Xdivy"), ("atan2", "Atan2"), ("polygamma", "Polygamma")],
)
def test_binary_shape_and_dtype_mismatch(name, op):
    fn = getattr(tf.math, name)
    with raises(InvalidArgumentError, f"Incompatible shapes: [2] vs. [3] [Op:{op}]"):
        fn(tf.zeros([2]), tf.ones([3]))
    with raises(
        InvalidArgumentError,
        f"cannot compute {op} as input #1(zero-based) was expected to be a float tensor but "
        "is a double tensor",
    ):
        fn(tf.constant(1.0), tf.constant(1.0, tf.float64))


def test_divide_no_nan_dtypes():
    with raises(TypeError, "`x` and `y` must have the same dtype, got tf.float32 != tf.float64."):
        tf.math.divide_no_nan(tf.constant(1.0), tf.constant(1.0, tf.float64))
    y = tf.math.divide_no_nan(tf.constant([1, 2]), tf.constant([0, 2]))
    assert y.dtype == tf.float64
    np.testing.assert_array_equal(y.numpy(), [0.0, 1.0])
    y = tf.math.divide_no_nan(tf.constant([1.0, np.inf, np.nan]), 0.0)
    np.testing.assert_array_equal(y.numpy(), [0.0, 0.0, 0.0])


def test_polygamma_needs_floats():
    with pytest.raises(DTYPE_ERRORS, match="Polygamma"):
        tf.math.polygamma(1, 2)


@pytest.mark.parametrize(
    ("call", "op", "position"),
    [
        (lambda: tf.math.logical_not(tf.constant([1])), "LogicalNot", 0),
        (lambda: tf.math.logical_and(tf.constant([1]), tf.constant([True])), "LogicalAnd", 0),
        (lambda: tf.math.logical_or(tf.constant([True]), tf.constant([1])), "LogicalOr", 1),
        (lambda: tf.math.logical_xor(tf.constant([1]), tf.constant([1])), "LogicalOr", 0),
        (lambda: tf.reduce_all(tf.constant([1])), "All", 0),
        (lambda: tf.reduce_any(tf.constant([1.0])), "Any", 0),
    ],
)
def test_logical_ops_need_booleans(call, op, position):
    with pytest.raises(InvalidArgumentError) as info:
        call()
    message = info.value.message
    assert message.startswith(f"cannot compute {op} as input #{position}(zero-based)")
    assert "was expected to be a bool tensor" in message


def test_variance_of_integers():
    for fn in (tf.math.reduce_variance, tf.math.reduce_std):
        with raises(TypeError, "Input must be either real or complex. Received integer type"):
            fn(tf.constant([1, 2]))


def test_integer_reductions_keep_their_dtype():
    x = tf.constant([[1, 2], [3, 4]], tf.int32)
    for fn in (tf.reduce_sum, tf.reduce_prod, tf.reduce_max, tf.reduce_min, tf.reduce_mean):
        assert fn(x, axis=0).dtype == tf.int32
    assert int(tf.math.reduce_euclidean_norm(tf.constant([3, 4, 1]))) == 5
    assert tf.reduce_sum(tf.constant([100, 100], tf.int8)).dtype == tf.int8


def test_bool_extrema_are_rejected():
    with pytest.raises(DTYPE_ERRORS, match="Max"):
        tf.reduce_max(tf.constant([True, False]))
    with pytest.raises(DTYPE_ERRORS, match="Prod"):
        tf.reduce_prod(tf.constant([True, False]))


# --------------------------------------------------------------------------
# Segments
# --------------------------------------------------------------------------
def test_segment_sum_errors():
    data = tf.constant([1.0, 2.0, 3.0])
    with raises(InvalidArgumentError, "segment ids are not increasing [Op:SegmentSum]"):
        tf.math.segment_sum(data, tf.constant([1, 0, 1]))
    with raises(InvalidArgumentError, "Segment id -1 out of range"):
        tf.math.segment_sum(data, tf.constant([-1, 0, 1]))
    with raises(InvalidArgumentError, "segment_ids should be the same size as dimension 0"):
        tf.math.segment_sum(data, tf.constant([0, 2]))
    with raises(InvalidArgumentError, "segment_ids should be a vector."):
        tf.math.segment_sum(tf.ones([2, 2]), tf.constant([[0, 1], [1, 1]]))
    with raises(InvalidArgumentError, "Value for attr 'Tindices' of float32"):
        tf.math.segment_sum(tf.ones([2]), tf.constant([0.0, 1.0]))
    with pytest.raises(DTYPE_ERRORS, match="SegmentSum"):
        tf.math.segment_sum(tf.constant([True, False]), [0, 0])


def test_unsorted_segment_sum_errors():
    data = tf.constant([1.0, 2.0, 3.0])
    with raises(InvalidArgumentError, "segment_ids[0] = 3 is out of range [0, 3)"):
        tf.math.unsorted_segment_sum(data, tf.constant([3, -1, 0]), 3)
    with raises(InvalidArgumentError, "segment_ids[1,0] = 5 is out of range [0, 3)"):
        tf.math.unsorted_segment_sum(tf.ones([2, 2]), tf.constant([[0, 1], [5, 1]]), 3)
    with raises(
        InvalidArgumentError, "data.shape = [3,2] does not start with segment_ids.shape = [2,1]"
    ):
        tf.math.unsorted_segment_sum(tf.ones([3, 2]), tf.constant([[0], [1]]), 3)
    with raises(InvalidArgumentError, "Input num_segments == -1 must not be negative."):
        tf.math.unsorted_segment_sum(tf.ones([2]), [0, 1], -1)
    with raises(InvalidArgumentError, "Value for attr 'Tnumsegments' of float32"):
        tf.math.unsorted_segment_sum(tf.ones([2]), [0, 1], 2.0)


def test_segment_sums():
    y = tf.math.segment_sum(tf.constant([1.0, 2.0, 3.0]), tf.constant([0, 2, 2]))
    np.testing.assert_array_equal(y.numpy(), [1.0, 0.0, 5.0])
    y = tf.math.segment_sum(tf.ones([0, 2]), tf.zeros([0], tf.int32))
    assert y.shape == (0, 2)
    y = tf.math.unsorted_segment_sum(tf.constant([1.0, 2.0, 3.0]), [2, -1, 0], tf.constant(3))
    np.testing.assert_array_equal(y.numpy(), [3.0, 0.0, 1.0])


# --------------------------------------------------------------------------
# Clipping, norms, polyval
# --------------------------------------------------------------------------
def test_clip_by_value_errors():
    with raises(ValueError, "Shapes (2,) and (3, 2) are incompatible"):
        tf.clip_by_value(tf.zeros([2]), tf.zeros([3, 2]), 1.0)
    with raises(TypeError, "Cannot convert 1.0 to EagerTensor of dtype int32"):
        tf.clip_by_value(tf.zeros([2], tf.int32), 0.0, 1.0)
    y = tf.clip_by_value(tf.constant([-3, 5, 1]), 0, 2)
    assert y.dtype == tf.int32
    np.testing.assert_array_equal(y.numpy(), [0, 2, 1])


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"ord": "fro"}, "'ord' must be a supported vector norm, got fro"),
        ({"ord": 0}, "'ord' must be a supported vector norm, got 0"),
        ({"ord": -1, "axis": 0}, "'ord' must be a supported vector norm, got -1"),
        ({"ord": 3, "axis": [0, 1]}, "'ord' must be a supported matrix norm in"),
        ({"ord": "nuc", "axis": [0, 1]}, "'ord' must be a supported matrix norm in"),
        ({"axis": (0, 1, 2)}, "'axis' must be None, an integer, or a tuple of 2 unique integers"),
        ({"axis": (0, 0)}, "'axis' must be None, an integer, or a tuple of 2 unique integers"),
        ({"axis": 1.0}, "'axis' must be None, an integer, or a tuple of 2 unique integers"),
    ],
)
def test_norm_arguments(kwargs, text):
    with raises(ValueError, text):
        tf.norm(tf.constant([[1.0, -2.0], [3.0, 4.0]]), **kwargs)


def test_norm_needs_floats():
    with pytest.raises(DTYPE_ERRORS, match="Sqrt"):
        tf.norm(tf.constant([3, 4]))
    with pytest.raises(DTYPE_ERRORS, match="Sqrt"):
        tf.clip_by_norm(tf.constant([3, 4]), 1)


def test_l2_normalize_of_integers():
    with raises(TypeError, "Cannot convert 1e-12 to EagerTensor of dtype int32"):
        tf.math.l2_normalize(tf.constant([3, 4]))


def test_polyval_arguments():
    with raises(ValueError, "Argument coeffs must be list type."):
        tf.math.polyval(tf.constant([1.0, 2.0]), 3.0)
    assert int(tf.math.polyval([1, 2], 3)) == 5
    np.testing.assert_array_equal(tf.math.polyval([], tf.constant([3.0, 4.0])).numpy(), [0, 0])


def test_global_norm_arguments():
    with raises(TypeError, "`t_list` should be a sequence of tensors."):
        tf.linalg.global_norm(tf.constant([3.0, 4.0]))
    with raises(TypeError, "`t_list` should be a sequence of tensors."):
        tf.clip_by_global_norm(tf.constant([3.0, 4.0]), 1.0)
    with raises(InvalidArgumentError, "cannot compute Pack as input #1(zero-based)"):
        tf.linalg.global_norm([tf.constant([3.0]), tf.constant([4.0], tf.float64)])
    with pytest.raises(DTYPE_ERRORS, match="L2Loss"):
        tf.linalg.global_norm([tf.constant([3, 4])])
    norm = tf.linalg.global_norm([])
    assert norm.dtype == tf.float32 and float(norm) == 0.0


def test_clip_by_global_norm_keeps_none_and_nan_for_inf():
    clipped, norm = tf.clip_by_global_norm([tf.constant([3.0, 4.0]), None, tf.constant(12.0)], 1.0)
    assert clipped[1] is None
    assert float(norm) == 13.0
    np.testing.assert_allclose(clipped[0].numpy(), [3 / 13, 4 / 13], rtol=1e-6)
    clipped, norm = tf.clip_by_global_norm([tf.constant([3.0, np.inf])], 1.0)
    assert np.isinf(float(norm)) and np.all(np.isnan(clipped[0].numpy()))


# --------------------------------------------------------------------------
# Empty inputs and identities
# --------------------------------------------------------------------------
def test_empty_reductions():
    empty = tf.zeros([0])
    assert float(tf.reduce_max(empty)) == -np.inf
    assert float(tf.reduce_min(empty)) == np.inf
    assert int(tf.reduce_max(tf.zeros([0], tf.int32))) == np.iinfo(np.int32).min
    assert int(tf.reduce_min(tf.zeros([0], tf.int32))) == np.iinfo(np.int32).max
    assert float(tf.reduce_prod(empty)) == 1.0
    assert float(tf.reduce_sum(empty)) == 0.0
    assert np.isnan(float(tf.reduce_mean(empty)))
    assert int(tf.reduce_mean(tf.zeros([0], tf.int32))) == 0
    assert float(tf.reduce_logsumexp(empty)) == -np.inf
    assert bool(tf.reduce_all(tf.zeros([0], tf.bool))) is True
    assert bool(tf.reduce_any(tf.zeros([0], tf.bool))) is False
    np.testing.assert_array_equal(tf.reduce_max(tf.zeros([2, 0]), axis=1).numpy(), [-np.inf] * 2)
    assert tf.cumsum(tf.zeros([0]), exclusive=True).shape == (0,)


def test_empty_max_has_empty_gradient():
    x = tf.zeros([2, 0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_max(x, axis=1)
    assert tape.gradient(y, x).shape == (2, 0)


# --------------------------------------------------------------------------
# Singular points in forward mode (TF's JVPs there are NaN: the golden table
# keeps forward mode off for them, since the adjoint test cannot compare NaN)
# --------------------------------------------------------------------------
def _jvp(f, x, t):
    x = tf.constant(x, tf.float64)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(t, tf.float64)) as acc:
        y = f(x)
    return acc.jvp(y).numpy()


def test_forward_mode_nan_at_singular_points():
    assert np.isnan(_jvp(tf.norm, [0.0, 0.0], [1.0, 2.0]))
    assert np.isnan(_jvp(tf.math.reduce_euclidean_norm, [0.0, 0.0], [1.0, 2.0]))
    assert np.isnan(_jvp(tf.sqrt, 0.0, 0.0))
    assert _jvp(tf.sqrt, 0.0, 1.0) == np.inf
    np.testing.assert_array_equal(_jvp(tf.reduce_logsumexp, [-np.inf, -np.inf], [1.0, 1.0]), np.nan)
    tangent = _jvp(
        lambda x: tf.math.cumulative_logsumexp(x, exclusive=True), [1.0, 2.0], [1.0, 1.0]
    )
    assert np.isnan(tangent[0]) and np.isfinite(tangent[1])
    assert np.all(np.isnan(_jvp(lambda y: tf.atan2(y, y), [0.0], [1.0])))


def test_sign_has_zero_gradient_and_no_tangent():
    x = tf.constant([-2.0, 0.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.sign(x)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [0.0, 0.0, 0.0])
    with tf.autodiff.ForwardAccumulator(x, tf.ones([3])) as acc:
        y = tf.sign(x)
    assert acc.jvp(y) is None


# --------------------------------------------------------------------------
# Spec section 9 reference values
# --------------------------------------------------------------------------
def _grad(f, x):
    x = tf.constant(x, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x).numpy()


def test_reference_gradients():
    points = [-1.0, 0.0, 2.0]
    np.testing.assert_allclose(_grad(tf.sigmoid, points), [0.19661194, 0.25, 0.10499357], rtol=1e-6)
    np.testing.assert_allclose(
        _grad(tf.math.softplus, points), [0.26894143, 0.5, 0.8807971], rtol=1e-6
    )
    np.testing.assert_array_equal(_grad(tf.reduce_prod, [[1.0, 2.0], [3.0, 4.0]]),
                                  [[24.0, 12.0], [8.0, 6.0]])  # fmt: skip
    np.testing.assert_array_equal(_grad(tf.reduce_prod, [0.0, 2.0]), [2.0, 0.0])
    np.testing.assert_array_equal(_grad(tf.reduce_logsumexp, [1000.0, 0.0]), [1.0, 0.0])
    np.testing.assert_array_equal(_grad(lambda x: tf.math.xlogy(x, x), [0.0]), [0.0])
    exponent_gradient = _grad(lambda y: tf.pow(tf.constant([0.0, -2.0, 2.0], tf.float64), y), 3.0)
    np.testing.assert_allclose(exponent_gradient, 8 * np.log(2.0))
    np.testing.assert_array_equal(_grad(tf.math.l2_normalize, [0.0, 0.0]), [1e6, 1e6])


def test_cumprod_gradient_with_zeros_matches_brute_force():
    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, size=(6, 7))
    x[rng.random(x.shape) < 0.35] = 0.0
    w = rng.standard_normal(x.shape)
    for exclusive in (False, True):
        for reverse in (False, True):
            got = _grad(
                lambda t, e=exclusive, r=reverse: tf.reduce_sum(
                    tf.math.cumprod(t, axis=1, exclusive=e, reverse=r) * w
                ),
                x,
            )
            expected = np.zeros_like(x)
            n = x.shape[1]
            for i in range(n):
                for j in range(n):
                    order = range(n - 1, -1, -1) if reverse else range(n)
                    ranks = {k: r for r, k in enumerate(order)}
                    scanned = [
                        k
                        for k in range(n)
                        if (ranks[k] < ranks[j] if exclusive else ranks[k] <= ranks[j])
                    ]
                    if i in scanned:
                        others = np.prod(x[:, [k for k in scanned if k != i]], axis=1)
                        expected[:, i] += w[:, j] * others
            np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_prod_second_derivative_with_zeros():
    x = tf.constant([0.0, 2.0, 0.0, 3.0], tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_prod(x)
        g = inner.gradient(y, x)
        picked = g[0]
    hessian_row = outer.gradient(picked, x).numpy()
    np.testing.assert_array_equal(hessian_row, [0.0, 0.0, 6.0, 0.0])


# --------------------------------------------------------------------------
# Accuracy of the NumPy-only special functions (float64)
# --------------------------------------------------------------------------
@pytest.fixture
def special():
    """SciPy is an optional reference here: only these accuracy tests need it."""
    return pytest.importorskip("scipy.special")


@pytest.mark.parametrize(
    ("name", "reference", "points", "tolerance"),
    [
        ("erf", "erf", np.linspace(-7.0, 7.0, 2001), 1e-14),
        ("erfc", "erfc", np.linspace(-7.0, 26.0, 2001), 1e-12),
        ("lgamma", "gammaln", np.linspace(0.05, 60.0, 2001), 1e-13),
        ("lgamma", "gammaln", -np.linspace(0.05, 29.95, 1999), 1e-12),
        ("digamma", "digamma", np.linspace(0.05, 60.0, 2001), 1e-13),
        ("digamma", "digamma", -np.linspace(0.05, 29.95, 1999), 1e-11),
    ],
)
def test_special_function_accuracy(name, reference, points, tolerance, special):
    points = points[points != np.round(points)] if points.min() < 0 else points  # no poles
    got = getattr(tf.math, name)(tf.constant(points, tf.float64)).numpy()
    want = getattr(special, reference)(points)
    scale = np.maximum(np.abs(want), 1.0)
    np.testing.assert_array_less(np.abs(got - want) / scale, tolerance)


@pytest.mark.parametrize("order", [1, 2, 3, 5])
def test_polygamma_accuracy(order, special):
    x = np.concatenate([np.linspace(0.05, 40.0, 801), -np.linspace(0.05, 8.95, 797)])
    got = tf.math.polygamma(tf.constant(float(order), tf.float64), tf.constant(x)).numpy()
    want = special.polygamma(order, x)
    np.testing.assert_array_less(np.abs(got - want) / np.maximum(np.abs(want), 1.0), 1e-11)


def test_special_values():
    got = tf.math.lgamma(tf.constant([0.0, -1.0, 1.0, 2.0, np.inf, -np.inf], tf.float64)).numpy()
    np.testing.assert_allclose(got, [np.inf, np.inf, 0.0, 0.0, np.inf, np.inf], atol=1e-14)
    got = tf.math.digamma(tf.constant([0.0, -2.0, np.inf, -np.inf], tf.float64)).numpy()
    np.testing.assert_array_equal(got, [np.nan, np.nan, np.inf, np.nan])
    got = tf.math.erf(tf.constant([np.inf, -np.inf, np.nan])).numpy()
    np.testing.assert_array_equal(got, [1.0, -1.0, np.nan])
    assert np.isnan(tf.math.polygamma(tf.constant(1.5), tf.constant(2.0)).numpy())


def test_op_error_is_the_base():
    assert issubclass(InvalidArgumentError, OpError)


# --------------------------------------------------------------------------
# Rules with a leading batch axis: vectorized jacobians equal row-by-row ones
# --------------------------------------------------------------------------
_X = np.random.default_rng(1).standard_normal((3, 4))
_Z = _X.copy()
_Z[0, 1] = _Z[1, 0] = _Z[1, 3] = 0.0

JACOBIAN_CASES = {
    "reduce_prod": (lambda x: tf.reduce_prod(x, axis=1), _X),
    "reduce_prod_zeros": (lambda x: tf.reduce_prod(x, axis=[0, 1]), _Z),
    "cumprod_zeros": (lambda x: tf.math.cumprod(x, axis=1, exclusive=True, reverse=True), _Z),
    "cumsum": (lambda x: tf.cumsum(x, axis=1, reverse=True), _X),
    "reduce_logsumexp": (lambda x: tf.reduce_logsumexp(x, axis=1), _X),
    "cumulative_logsumexp": (lambda x: tf.math.cumulative_logsumexp(x, axis=0), _X),
    "unsorted_segment_sum": (lambda x: tf.math.unsorted_segment_sum(x, [0, -1, 1], 2), _X),
    "norm": (lambda x: tf.norm(x, ord=1, axis=[0, 1]), _X),
    "xlogy": (lambda x: tf.math.xlogy(x, x * x + 1.0), _X),
    "divide_no_nan": (lambda x: tf.math.divide_no_nan(x, x), _Z),
    "digamma": (tf.math.digamma, _X),
}


@pytest.mark.parametrize("name", sorted(JACOBIAN_CASES))
def test_vectorized_jacobian_matches_the_loop(name):
    f, value = JACOBIAN_CASES[name]
    x = tf.constant(value)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    vectorized = tape.jacobian(y, x).numpy()
    looped = tape.jacobian(y, x, experimental_use_pfor=False).numpy()
    np.testing.assert_allclose(vectorized, looped, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", ["reduce_prod_zeros", "cumprod_zeros", "reduce_logsumexp"])
def test_vectorized_hessian_matches_the_loop(name):
    f, value = JACOBIAN_CASES[name]
    x = tf.constant(value)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(f(x) * 1.5)
        g = inner.gradient(y, x)
    vectorized = outer.jacobian(g, x).numpy()
    looped = outer.jacobian(g, x, experimental_use_pfor=False).numpy()
    np.testing.assert_allclose(vectorized, looped, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "variant", [{}, {"exclusive": True}, {"reverse": True}, {"exclusive": True, "reverse": True}]
)
def test_cumprod_derivatives_with_many_zeros_are_exact_to_third_order(variant):
    """Hessian and third-derivative tensor of sum(w * cumprod(x)) with five zeros in x,
    against the closed form: d^k y_j / dx_a.. = product of the other scanned entries."""
    x0 = np.array([1.5, 0.0, 2.0, 0.0, 0.0, 3.0, 0.0, 0.0, 1.2])
    n = x0.size
    w = np.random.default_rng(0).standard_normal(n)
    x = tf.constant(x0)
    with tf.GradientTape(persistent=True) as third:
        third.watch(x)
        with tf.GradientTape(persistent=True) as second:
            second.watch(x)
            with tf.GradientTape() as first:
                first.watch(x)
                y = tf.reduce_sum(tf.math.cumprod(x, **variant) * w)
            g = first.gradient(y, x)
        h = second.jacobian(g, x)
    t = third.jacobian(h, x)
    order = list(range(n))[::-1] if variant.get("reverse") else list(range(n))
    rank = {k: r for r, k in enumerate(order)}
    expected_h, expected_t = np.zeros((n, n)), np.zeros((n, n, n))
    for j in range(n):
        inside = [
            k
            for k in range(n)
            if rank[k] < rank[j] or (rank[k] == rank[j] and not variant.get("exclusive"))
        ]
        for a, b in itertools.permutations(inside, 2):
            expected_h[a, b] += w[j] * np.prod([x0[k] for k in inside if k not in (a, b)])
        for a, b, c in itertools.permutations(inside, 3):
            expected_t[a, b, c] += w[j] * np.prod([x0[k] for k in inside if k not in (a, b, c)])
    np.testing.assert_allclose(h.numpy(), expected_h, atol=1e-12)
    np.testing.assert_allclose(t.numpy(), expected_t, atol=1e-12)


def test_docstring_examples():
    import doctest

    import tapeflow.math

    result = doctest.testmod(tapeflow.math, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
