"""The imgstat helper's session-8 fuzz fixes (tf.image's psnr, ssim, ssim_multiscale,
per_image_standardization) replayed against TensorFlow's recorded output
(``tests/golden/imgstat_s8.json``; TensorFlow is never imported here)."""

import numpy as np

import tapeflow as tf
from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("imgstat_s8")


def test_sobel_gradient_is_exactly_zero_where_the_responses_vanish():
    # A 2x2 image: reflect padding makes both responses identically 0. TF's gradient is
    # rounding noise there (docs/deviations.md, sobel-edges-zero-gradient); ours is 0.
    rng = np.random.default_rng(81)
    x = tf.constant(rng.uniform(0, 1, (2, 2, 2, 3)).astype("float32"))
    weights = tf.constant(rng.uniform(0.5, 1.5, (2, 2, 2, 3, 2)).astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(tf.image.sobel_edges(x) * weights)
    assert np.all(tape.gradient(loss, x).numpy() == 0.0)
