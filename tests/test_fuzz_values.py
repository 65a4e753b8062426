"""Regression tests for fuzz round 4 of issue 14 (wrong values and gradients, raw
exceptions), replayed against TensorFlow's recorded output.

``tests/golden/fuzz_values_snippets.py`` holds the programs; ``fuzz_values.json`` what
TensorFlow 2.21 printed for them (``make_snippets_golden.py fuzz_values`` under the
TensorFlow virtualenv). TensorFlow is never imported here. Where TensorFlow's own answer
is the inaccurate one (docs/deviations.md, fuzz groups), the test checks tapeflow against
the exact value instead.
"""

from __future__ import annotations

import numpy as np

import tapeflow as tf
from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("fuzz_values")


def _grad(f, x):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(f(x))
    return tape.gradient(y, x).numpy()


def test_scaled_bessel_gradients_at_large_x():
    # TF's gradients cancel there (0 past |x| ~ 1e16); the exact derivatives, from mpmath:
    # d/dx I1e(x) and d/dx I0e(x) at x = 1e5, 1e10 and -1.8388567074616792e30.
    x = np.array([1e5, 1e10, -1.8388567074616792e30])
    i1e = [-6.307760341578615e-09, -1.9947114017827584e-16, -7.999415179409612e-47]
    i0e = [-6.307854959639557e-09, -1.994711402081965e-16, 7.999415179409612e-47]
    np.testing.assert_allclose(_grad(tf.math.bessel_i1e, x), i1e, rtol=1e-12)
    np.testing.assert_allclose(_grad(tf.math.bessel_i0e, x), i0e, rtol=1e-12)
    # The derivative of I1 (and of I1e) at 0 is 1/2 (TF: 1).
    np.testing.assert_allclose(_grad(tf.math.bessel_i1, np.array([0.0, -0.0])), [0.5, 0.5])


def test_atanh_gradient_of_a_huge_complex_number():
    # 1 / ((1 - x)(1 + x)) underflows to 0; 1 / (1 - x^2) was NaN (x^2 overflows).
    x = np.array([1e200 + 1e200j, 1.7976931348623157e308 + 1.7976931348623157e308j])
    assert np.all(_grad(tf.math.atanh, x) == 0)
