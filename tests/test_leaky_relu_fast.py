"""leaky_relu and its gradient: the arithmetic forms give np.where's bits."""

import numpy as np
import pytest

from tapeflow.ops.nn import _leaky_relu_grad_impl, _leaky_relu_impl

SPECIAL = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 3e38, -3e38, -1e-40]


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.2, 1.0, 1.5, 3e38, -0.5])
def test_same_bits_as_where(dtype, alpha):
    with np.errstate(all="ignore"):
        x = np.array(SPECIAL, dtype)
        g = np.random.default_rng(0).standard_normal(x.size).astype(dtype)
        g[:3] = [np.nan, np.inf, -0.0]
        want = np.where(x > 0, x, x * x.dtype.type(alpha))
        got = _leaky_relu_impl(x, alpha)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(np.signbit(got), np.signbit(want))
        want = np.where(x > 0, g, g * g.dtype.type(alpha))
        got = _leaky_relu_grad_impl(g, x, alpha)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


def test_scalars_stay_scalars():
    assert _leaky_relu_impl(np.float32(-2.0), 0.2).shape == ()
    assert _leaky_relu_grad_impl(np.float32(3.0), np.float32(-2.0), 0.2).shape == ()
