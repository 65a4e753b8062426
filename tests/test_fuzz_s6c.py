"""Regression tests for what fuzz seeds 51 and 52 found (issue 14, session 6, helper
f14c): ``triangular_solve(lower=None)``, the gradient of ``gather`` from an empty axis,
and ``global_norm``'s float16 gradient at an infinite norm, replayed against
TensorFlow's recorded output (``tests/golden/fuzz_s6c.json``; TensorFlow is never
imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_s6c")


# P(a, x) and dP/da at large a, from the power series summed with 40 digits (mpmath,
# central differences of it for dP/da). TF's own kernels are off here (igamma(1e10,
# 1e10) is 0.00798 in float64: docs/deviations.md, group igamma-large-a).
LARGE_A = [
    (1e6, 1e6 * 0.995, 2.749580359270071e-07, -1.42939858778e-09),
    (3e6, 3e6 * 0.997, 9.902148987710608e-08, -3.07803677616e-10),
    (1e7, 1e7 - 5 * 1e7**0.5, 2.829105758297979e-07, -4.64347899467e-10),
    (1e7, 1e7, 0.5000420522087237, -0.000126156627152),
    (1e10, 1e10 * (1 - 1e-4), 7.594501210977073e-24, -7.6693742227e-28),
    (1e10, 1e10 - 5e5, 2.86532654510889e-07, -1.48613730784e-11),
]


@pytest.mark.parametrize("a, x, p, dp_da", LARGE_A)
def test_igamma_at_large_a_matches_a_high_precision_series(a, x, p, dp_da):
    import tapeflow as tf

    a_t, x_t = tf.constant(a, tf.float64), tf.constant(x, tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(a_t)
        value = tf.math.igamma(a_t, x_t)
    assert value.numpy() == pytest.approx(p, rel=1e-13)
    assert tape.gradient(value, a_t).numpy() == pytest.approx(dp_da, rel=1e-10)
    assert tf.math.igammac(a_t, x_t).numpy() == pytest.approx(1.0 - p, rel=1e-13)
