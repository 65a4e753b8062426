"""tf.image.resize's filter methods beyond the golden op cases
(tests/golden/op_specs/image_resize.py): check_grads to second order and the
adjoint identity on the float64 composite (TF has neither: no gradient of
ResizeBicubicGrad/ScaleAndTranslateGrad), and TF's error for an unknown method."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.test import check_grads

CORE = importlib.import_module("tapeflow.image._core")
METHODS = [
    ("bicubic", False),
    ("bicubic", True),
    ("bilinear", True),
    ("lanczos3", False),
    ("lanczos3", True),
    ("lanczos5", True),
    ("gaussian", False),
    ("gaussian", True),
    ("mitchellcubic", False),
    ("mitchellcubic", True),
]


def _resize(size, method, antialias):
    return lambda x: CORE._resize(x, size, method, False, antialias, work=tf.float64)


@pytest.mark.parametrize(("method", "antialias"), METHODS)
def test_check_grads_float64(method, antialias):
    rng = np.random.default_rng(3)
    image = rng.uniform(0, 1, (1, 6, 5, 2))
    check_grads(_resize([3, 8], method, antialias), [image], order=2)


@pytest.mark.parametrize(("method", "antialias"), METHODS)
def test_jvp_and_vjp_are_adjoint(method, antialias):
    rng = np.random.default_rng(4)
    x = tf.constant(rng.uniform(0, 1, (7, 4, 3)))
    u, v = rng.standard_normal((7, 4, 3)), rng.standard_normal((2, 9, 3))
    f = _resize([2, 9], method, antialias)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(u)) as acc:
        y = f(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        z = f(x)
    forward = float(np.sum(acc.jvp(y).numpy() * v))
    reverse = float(np.sum(tape.gradient(z, x, output_gradients=tf.constant(v)).numpy() * u))
    assert forward == pytest.approx(reverse, rel=1e-9, abs=1e-9)


def test_unknown_method_raises_tf_value_error():
    with pytest.raises(ValueError, match="Resize method is not implemented: cubic"):
        tf.image.resize(tf.ones([2, 2, 1]), [3, 3], method="cubic")


def test_float16_image_gives_float32_and_a_float16_gradient():
    x = tf.constant(np.linspace(0, 1, 12).reshape(3, 4, 1), tf.float16)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.image.resize(x, [5, 2], "lanczos3")
    assert y.dtype == tf.float32
    assert tape.gradient(y, x).dtype == tf.float16
