"""Regression tests for the wrong values and gradients fuzz seeds 81 and 82 found
(issue 14, session 7, helper t14d): Hurwitz zeta at huge or large arguments, and
the true derivatives where TF's gradient is not one (cumprod at zeros, complex
sqrtm to second order), replayed against TensorFlow's recorded output
(``tests/golden/fresh81_values.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tests.snippet_replay import assert_matches_tensorflow, load_golden_module, load_suite

SNIPPETS, GOLDEN = load_suite("fresh81_values_snippets", "fresh81_values")
TAPE_PROGRAMS = load_golden_module("fresh81_values_snippets").TAPE_PROGRAMS


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "fresh81_values.json is out of date; rerun tests/golden/make_snippets_golden.py "
        "fresh81_values"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


@pytest.mark.parametrize("name", sorted(TAPE_PROGRAMS))
def test_tape_gradient_is_the_true_derivative(name):
    # TF's snippet printed differences of its own forward; tapeflow's tape must match.
    assert_matches_tensorflow(name, TAPE_PROGRAMS[name], GOLDEN[name])


def test_zeta_far_arguments_are_finite_and_bounded():
    x = np.array([1e29, 1e300, 1e15, 1.5, 1.5, 2.0], np.float64)
    q = np.array([1e29, 1e300, 1e15, 1e300, np.finfo(np.float64).max, 1e200])
    value = tf.math.zeta(tf.constant(x), tf.constant(q)).numpy()
    # sum_k (q + k)^-x ~ q^(1-x) / (x - 1) once q is huge: 0, or 2 q^-1/2 for x = 1.5
    expected = [0.0, 0.0, 0.0, 2e-150, 2 / np.sqrt(np.finfo(np.float64).max), 1e-200]
    np.testing.assert_allclose(value, expected, rtol=1e-12, atol=0)
