"""BLAS threads: small products on one thread, the caller's count restored."""

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _blas


@pytest.mark.parametrize("shape", [(4, 3, 2), (512, 32, 32), (256, 128, 128), (64, 1, 64)])
def test_matmul_values_whatever_the_size(shape):
    m, k, n = shape
    rng = np.random.default_rng(0)
    a = rng.standard_normal((m, k)).astype(np.float32)
    b = rng.standard_normal((k, n)).astype(np.float32)
    # One thread and several may sum in another order: the last bits may differ.
    np.testing.assert_allclose(_blas.matmul(a, b), a @ b, rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(tf.matmul(a, b).numpy(), _blas.matmul(a, b))


def test_thread_count_is_put_back():
    a = np.ones((512, 32), np.float32)
    b = np.ones((32, 32), np.float32)
    _blas.matmul(a, b)  # loads the library if there is one
    if _blas._swap is None:
        pytest.skip("no OpenBLAS with more than one thread to switch")
    before = _blas._swap(1)
    _blas._swap(before)
    _blas.matmul(a, b)
    after = _blas._swap(before)
    assert after == before > 1


def test_threshold_keeps_the_mlp_products_on_all_threads():
    # 128 x 256 x 256 (the benchmark MLP's hidden product) and the WGAN-GP
    # critic's 256 x 64 x 128 are not "small"; the PINN's 512 x 32 x 32 is.
    assert not 128 * 256 * 256 < _blas.THRESHOLD
    assert not 256 * 64 * 128 < _blas.THRESHOLD
    assert _blas._OWN_LIMIT < 512 * 32 * 32 < _blas.THRESHOLD
