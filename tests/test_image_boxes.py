"""tf.image's box ops and multiscale SSIM beyond the golden op cases
(tests/golden/op_specs/image_boxes.py): TF 2.21's errors for bad input
(tests/golden/image_ops_snippets.py, recorded in image_ops.json), check_grads on
the float64 composites, and structural properties."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.test import check_grads
from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("image_ops_snippets", "image_ops")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "image_ops.json is out of date; rerun tests/golden/make_snippets_golden.py image_ops"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


def _image_module(name):
    import importlib

    return importlib.import_module(f"tapeflow.image.{name}")


@pytest.mark.parametrize("method", ["bilinear", "nearest"])
def test_crop_and_resize_composite_check_grads(method):
    crops = _image_module("_crops")
    rng = np.random.default_rng(0)
    image = rng.uniform(0, 1, (2, 5, 6, 2))
    # Boxes away from exact pixel positions, where the sampling is smooth.
    boxes = np.array([[0.11, 0.23, 0.77, 0.91], [0.93, -0.21, 0.18, 0.69]])

    def crop(img, b):
        return crops._crop_and_resize(img, b, [1, 0], [3, 4], method, 0.0, work=tf.float64)

    if method == "nearest":  # piecewise constant in the boxes: check the image only
        check_grads(lambda img: crop(img, tf.constant(boxes)), [image], order=2)
    else:
        check_grads(crop, [image, boxes], order=2)


def test_ssim_multiscale_composite_check_grads():
    quality = _image_module("_quality")
    rng = np.random.default_rng(1)
    a = rng.uniform(0, 1, (1, 9, 8, 1))
    b = np.clip(a + rng.normal(0, 0.1, a.shape), 0, 1)

    def ms(x, y):
        return quality._ssim_multiscale(x, y, 1.0, (0.4, 0.6), 3, 1.0, 0.01, 0.03)

    check_grads(ms, [a, b], order=2, modes=("rev",))


def test_crop_and_resize_output_and_gradient_types():
    image = tf.constant(np.arange(32, dtype=np.float64).reshape(1, 4, 4, 2))
    boxes = tf.constant([[0.0, 0.0, 1.0, 1.0]])
    with tf.GradientTape() as tape:
        tape.watch([image, boxes])
        crops = tf.image.crop_and_resize(image, boxes, [0], [4, 4])
    assert crops.dtype == tf.float32 and crops.shape == (1, 4, 4, 2)
    np.testing.assert_array_equal(crops.numpy(), image.numpy().astype(np.float32))
    g_image, g_boxes = tape.gradient(crops, [image, boxes])
    assert g_image.dtype == tf.float64 and g_boxes.dtype == tf.float32


def test_nms_selects_in_score_order_and_respects_max_output():
    boxes = tf.constant([[0.0, 0.0, 1.0, 1.0], [0.0, 2.0, 1.0, 3.0], [0.0, 4.0, 1.0, 5.0]])
    scores = tf.constant([0.2, 0.9, 0.5])
    assert tf.image.non_max_suppression(boxes, scores, 2).numpy().tolist() == [1, 2]
    assert tf.image.non_max_suppression(boxes, scores, 0).shape == (0,)


def test_draw_bounding_boxes_keeps_input_untouched():
    img = tf.zeros([1, 3, 3, 3])
    out = tf.image.draw_bounding_boxes(img, [[[0.0, 0.0, 1.0, 1.0]]], [[1.0, 0.5, 0.0, 1.0]])
    assert float(tf.reduce_sum(img)) == 0.0
    assert out.numpy()[0, 0, 0].tolist() == [1.0, 0.5, 0.0]
    assert out.numpy()[0, 1, 1].tolist() == [0.0, 0.0, 0.0]


def test_extract_glimpse_noise_stays_in_the_channel_range():
    tf.random.set_seed(3)
    image = tf.reshape(tf.range(1.0, 26.0), [1, 5, 5, 1])
    glimpse = tf.image.extract_glimpse(image, [4, 4], [[-3.0, -3.0]], centered=False,
                                       normalized=False).numpy()  # fmt: skip
    assert glimpse.min() >= 1.0 and glimpse.max() <= 25.0
    assert glimpse[0, -1, -1, 0] == 1.0  # the one pixel inside the image
