"""tf.image's random augmentations: TF's semantics checked structurally and
statistically (values cannot match TF's Philox streams; TF's errors and output
dtypes/shapes are in tests/golden/image_ops_snippets.py)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

IMG = tf.reshape(tf.range(24.0), [2, 4, 3]) / 24.0


@pytest.mark.parametrize(
    "op",
    [
        lambda s: tf.image.stateless_random_brightness(IMG, 0.3, s),
        lambda s: tf.image.stateless_random_contrast(IMG, 0.2, 1.5, s),
        lambda s: tf.image.stateless_random_saturation(IMG, 0.2, 1.5, s),
        lambda s: tf.image.stateless_random_hue(IMG, 0.4, s),
        lambda s: tf.image.stateless_random_crop(IMG, [1, 2, 3], s),
        lambda s: tf.image.stateless_sample_distorted_bounding_box(
            [40, 30, 3], [[[0.1, 0.1, 0.9, 0.9]]], s, min_object_covered=0.2
        )[2],
    ],
)
def test_stateless_ops_are_functions_of_the_seed(op):
    first = op([1, 2]).numpy()
    np.testing.assert_array_equal(first, op([1, 2]).numpy())
    others = [op([1, k]).numpy() for k in range(3, 9)]
    assert any(not np.array_equal(first, o) for o in others)


def test_brightness_deltas_cover_the_range_uniformly():
    deltas = np.array([float(tf.image.stateless_random_brightness(tf.zeros([1, 1, 1]), 0.5,
                                                                  [7, k])[0, 0, 0])
                       for k in range(400)])  # fmt: skip
    assert deltas.min() >= -0.5 and deltas.max() < 0.5
    assert abs(deltas.mean()) < 0.05 and abs(deltas.std() - 1 / np.sqrt(12)) < 0.03


def test_contrast_and_saturation_factors_stay_in_range():
    image = tf.constant([[[0.0, 0.0, 0.0]], [[1.0, 1.0, 1.0]]])  # mean 0.5 per channel
    for k in range(50):
        out = tf.image.stateless_random_contrast(image, 0.2, 0.6, [3, k]).numpy()
        factor = (out[1, 0, 0] - 0.5) / 0.5
        assert 0.2 - 1e-6 <= factor < 0.6 + 1e-6


def test_batched_flips_draw_per_image():
    images = tf.tile(tf.reshape(tf.range(2.0), [1, 1, 2, 1]), [200, 1, 1, 1])
    out = tf.image.stateless_random_flip_left_right(images, [5, 6]).numpy()
    flipped = out[:, 0, 0, 0] == 1.0
    assert 70 < flipped.sum() < 130
    np.testing.assert_array_equal(out[:, 0, 1, 0], 1.0 - out[:, 0, 0, 0])


def test_rank3_flip_probability_is_one_half():
    image = tf.reshape(tf.range(2.0), [2, 1, 1])
    ups = [float(tf.image.stateless_random_flip_up_down(image, [9, k])[0, 0, 0])
           for k in range(200)]  # fmt: skip
    assert 70 < sum(ups) < 130


def test_random_crop_reaches_every_offset():
    value = tf.reshape(tf.range(12), [3, 4])
    corners = {tuple(tf.image.stateless_random_crop(value, [2, 2], [2, k]).numpy()[0])
               for k in range(200)}  # fmt: skip
    assert len(corners) == 2 * 3  # 2 row offsets x 3 column offsets


def test_stateful_ops_follow_tf_random_seed_rules():
    def draws():
        return [tf.image.random_brightness(tf.zeros([1, 1, 1]), 0.5, seed=3).numpy(),
                tf.image.random_flip_left_right(tf.reshape(tf.range(8.0), [4, 1, 2, 1])).numpy(),
                tf.image.random_crop(tf.range(10), [3], seed=4).numpy(),
                tf.image.sample_distorted_bounding_box([30, 30, 3], [[[0.0, 0.0, 1.0, 1.0]]],
                                                       seed=6)[0].numpy()]  # fmt: skip

    tf.random.set_seed(11)
    first = draws()
    tf.random.set_seed(11)
    again = draws()
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    tf.random.set_seed(None)


def test_stateful_ops_draw_anew_inside_tf_function():
    @tf.function
    def augment(x):
        return tf.image.random_brightness(x, 0.5), tf.image.sample_distorted_bounding_box(
            [50, 50, 3], [[[0.0, 0.0, 1.0, 1.0]]], seed=2, area_range=(0.1, 1.0)
        )[1]

    results = [augment(tf.zeros([1, 1, 1])) for _ in range(6)]
    assert len({float(r[0][0, 0, 0]) for r in results}) > 1
    assert len({tuple(r[1].numpy()) for r in results}) > 1


@pytest.mark.parametrize("seed", range(30))
def test_sample_distorted_bounding_box_meets_its_constraints(seed):
    height, width = 60, 80
    box = [0.2, 0.3, 0.6, 0.7]
    begin, size, bbox = tf.image.stateless_sample_distorted_bounding_box(
        tf.constant([height, width, 3], tf.int64), [[box]], [seed, 1], min_object_covered=0.5,
        aspect_ratio_range=(0.5, 2.0), area_range=(0.1, 0.8))  # fmt: skip
    (y, x, _), (h, w, c) = begin.numpy(), size.numpy()
    assert begin.dtype == tf.int64 and c == -1 and bbox.shape == (1, 1, 4)
    assert 0 <= y and y + h <= height and 0 <= x and x + w <= width
    np.testing.assert_allclose(bbox.numpy()[0, 0], [y / height, x / width, (y + h) / height,
                                                   (x + w) / width], rtol=1e-6)  # fmt: skip
    if (h, w) != (height, width):  # a sampled crop (else the fallback: the whole image)
        assert 0.1 * height * width <= h * w <= 0.8 * height * width
        oy0, ox0, oy1, ox1 = (
            int(0.2 * height),
            int(0.3 * width),
            int(0.6 * height),
            int(0.7 * width),
        )
        inter = max(0, min(y + h, oy1) - max(y, oy0)) * max(0, min(x + w, ox1) - max(x, ox0))
        assert inter / ((oy1 - oy0) * (ox1 - ox0)) >= 0.5


def test_sample_distorted_bounding_box_needs_a_seed_under_determinism():
    from tapeflow.config import _settings

    saved = _settings["determinism"]
    _settings["determinism"] = True
    try:
        with pytest.raises(ValueError, match="requires a non-zero seed"):
            tf.image.sample_distorted_bounding_box([4, 4, 3], [[[0.0, 0.0, 1.0, 1.0]]])
    finally:
        _settings["determinism"] = saved


def test_random_ops_are_differentiable_in_the_image():
    x = tf.reshape(tf.range(12.0), [2, 2, 3]) / 12.0
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.stateless_random_flip_up_down(
            tf.image.stateless_random_brightness(x, 0.1, [1, 2]), [4, 5]
        )
        loss = tf.reduce_sum(y * y)
    grad = tape.gradient(loss, x).numpy()
    assert grad.shape == (2, 2, 3) and np.all(np.isfinite(grad))


# TF 2.21's stateless_sample_distorted_bounding_box([60, 80, 3], [[[0.2, 0.3, 0.6, 0.7]]],
# seed=[k, 1]) over k < 400: mean crop area fraction, median width/height ratio, and the
# fraction of calls falling back to the whole image (measured once under TensorFlow).
TF_CROP_STATISTICS = [
    (dict(min_object_covered=0.5, aspect_ratio_range=(0.5, 2.0), area_range=(0.1, 0.8)),
     0.424, 1.289, 0.0),
    (dict(min_object_covered=0.9, area_range=(0.05, 0.3)), 0.270, 1.091, 0.015),
    (dict(min_object_covered=0.1), 0.378, 1.050, 0.0),
]  # fmt: skip


@pytest.mark.parametrize(("options", "area", "ratio", "full"), TF_CROP_STATISTICS)
def test_sample_distorted_bounding_box_distribution_matches_tensorflow(options, area, ratio,
                                                                       full):  # fmt: skip
    sizes = np.array([tf.image.stateless_sample_distorted_bounding_box(
        [60, 80, 3], [[[0.2, 0.3, 0.6, 0.7]]], seed=[k, 1], **options)[1].numpy()[:2]
        for k in range(400)], float)  # fmt: skip
    assert abs((sizes[:, 0] * sizes[:, 1] / 4800).mean() - area) < 0.04
    assert abs(np.median(sizes[:, 1] / sizes[:, 0]) - ratio) < 0.08
    assert abs(np.mean((sizes[:, 0] == 60) & (sizes[:, 1] == 80)) - full) < 0.03


@pytest.mark.parametrize(
    "op",
    [
        lambda x: tf.image.stateless_random_brightness(x, 0.3, [1, 2]),
        lambda x: tf.image.stateless_random_contrast(x, 0.2, 1.5, [1, 2]),
        lambda x: tf.image.stateless_random_saturation(x, 0.2, 1.5, [1, 2]),
        lambda x: tf.image.stateless_random_flip_left_right(x[None], [3, 4]),
        lambda x: tf.image.stateless_random_flip_up_down(x, [3, 5]),
        lambda x: tf.image.stateless_random_crop(x, [2, 2, 3], [1, 2]),
    ],
)
def test_stateless_random_ops_check_grads(op):
    from tapeflow.test import check_grads

    x = np.random.default_rng(0).uniform(0.1, 0.9, (3, 4, 3))
    # The adjustments compute in float32 as TF's do (float64 images too): differences
    # of float32 values need a wider step and tolerance.
    check_grads(op, [x], order=2, eps=1e-3, atol=2e-3, rtol=2e-3)
