"""Fast branches inside impls give what the plain NumPy form gives: the NaN
check by a dot product (argmax/argmin), the column-major row maximum (softmax,
the sparse cross-entropy), and the sparse cross-entropy's gradient from the
forward's exponentials (TF's kernel: exps / sum - one_hot)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.ops.nn import row_max
from tapeflow.ops.reduce import has_nan

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1,), (7,), (32, 10), (3, 4, 5), (300, 300)])
def test_nan_check_finds_exactly_the_nans(dtype, shape):
    x = RNG.normal(size=shape).astype(dtype)
    x.flat[0] = np.inf
    x.flat[-1] = -np.inf
    assert not has_nan(x)
    assert not has_nan(np.full(shape, np.finfo(dtype).max, dtype))  # squares overflow to inf
    x.flat[x.size // 2] = np.nan
    assert has_nan(x)
    assert has_nan(x[..., ::-1])  # not contiguous


@pytest.mark.parametrize("fn, fill", [(tf.argmax, -np.inf), (tf.argmin, np.inf)])
def test_argmax_and_argmin_skip_nans_as_tf_does(fn, fill):
    x = RNG.normal(size=(32, 10)).astype(np.float32)
    x[3, 4] = np.nan
    x[5, :] = np.nan  # all NaN: the first index
    got = fn(x, axis=1).numpy()
    want = getattr(np, fn.__name__)(np.where(np.isnan(x), fill, x), axis=1)
    np.testing.assert_array_equal(got, want)
    assert got[5] == 0


@pytest.mark.parametrize("shape", [(32, 10), (2, 32), (5, 33), (1, 4), (4, 3, 2)])
def test_row_max_equals_numpy(shape):
    x = RNG.normal(size=shape).astype(np.float32)
    x.flat[::7] = np.nan
    got = row_max(x)
    want = x.max(axis=-1, keepdims=True)
    np.testing.assert_array_equal(got, want)
    assert got.shape == want.shape


def test_sparse_xent_gradient_is_softmax_minus_one_hot_in_eager_and_compiled():
    logits = tf.constant(RNG.normal(size=(32, 10)).astype(np.float32) * 5)
    labels = tf.constant(RNG.integers(0, 10, size=32))

    def grad(logits):
        with tf.GradientTape() as tape:
            tape.watch(logits)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))
        return tape.gradient(loss, logits)

    softmax = tf.nn.softmax(logits).numpy()
    want = (softmax - np.eye(10, dtype=np.float32)[labels.numpy()]) * np.float32(1 / 32)
    compiled = tf.function(grad)
    for got in (grad(logits), compiled(logits), compiled(logits)):
        np.testing.assert_array_equal(got.numpy(), want)
