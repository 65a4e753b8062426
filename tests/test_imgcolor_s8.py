"""Regression tests for session 8's imgcolor lane (issue 14): tf.image's adjust_contrast,
adjust_saturation and adjust_hue computed as TF's kernels compute them (channel sums
folded in halves; NaN factors and deltas through std::max/min and int casts) and the
kernels' argument checks, replayed against TensorFlow's recorded output
(``tests/golden/imgcolor_s8.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("imgcolor_s8_snippets", "imgcolor_s8")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "imgcolor_s8.json is out of date; rerun tests/golden/make_snippets_golden.py imgcolor_s8"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


@pytest.mark.parametrize(
    "adjust",
    [
        lambda x: tf.image.adjust_hue(x, 0.2),
        lambda x: tf.image.adjust_saturation(x, 1.5),
        lambda x: tf.image.adjust_contrast(x, 1.5),
    ],
)
def test_kernel_values_keep_the_composite_gradients(adjust):
    # TF registers no gradient for these kernels; tapeflow differentiates the composite,
    # to first and second order and in forward mode.
    x = tf.constant(np.random.RandomState(0).uniform(0.05, 0.95, [2, 3, 3]))
    theoretical, numerical = tf.test.compute_gradient(adjust, [x])
    np.testing.assert_allclose(theoretical[0], numerical[0], atol=1e-3)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            total = tf.reduce_sum(adjust(x) ** 2)
        first = inner.gradient(total, x)
    assert outer.gradient(first, x) is not None
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        y = adjust(x)
    np.testing.assert_allclose(acc.jvp(y).numpy().ravel(), theoretical[0].sum(axis=1), atol=1e-5)
