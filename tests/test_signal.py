"""tf.signal beyond the golden cases: the n-D transforms (TF 2.21's CPU build has
no FFTND kernel) against numpy.fft, cropped real FFTs (TF's gradient fails
there) with check_grads, and bad input."""

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.test import check_grads

RNG = np.random.default_rng(7)
X = X_ARRAY = RNG.standard_normal((3, 4, 5))
Z = Z_ARRAY = X + 1j * RNG.standard_normal((3, 4, 5))


@pytest.mark.parametrize("norm", [None, "ortho", "forward"])
def test_nd_transforms_match_numpy(norm):
    np_norm = norm or "backward"
    # Tensors keep float64/complex128 (a NumPy array would be cast to the op's
    # dtype_hint, complex64 or float32, as TF casts it).
    Z, X = tf.constant(Z_ARRAY), tf.constant(X_ARRAY)  # noqa: N806
    np.testing.assert_allclose(tf.signal.fftnd(Z, axes=[0, 2], norm=norm).numpy(),
                               np.fft.fftn(Z, axes=(0, 2), norm=np_norm), atol=1e-12)  # fmt: skip
    np.testing.assert_allclose(tf.signal.ifftnd(Z, fft_length=[6, 4], axes=[1, 2],
                                                norm=norm).numpy(),
                               np.fft.ifftn(Z, s=(6, 4), axes=(1, 2), norm=np_norm),
                               atol=1e-12)  # fmt: skip
    np.testing.assert_allclose(tf.signal.rfftnd(X, axes=[0, 1], norm=norm).numpy(),
                               np.fft.rfftn(X, axes=(0, 1), norm=np_norm), atol=1e-12)  # fmt: skip
    np.testing.assert_allclose(tf.signal.irfftnd(Z, fft_length=[4, 8], axes=[-2, -1],
                                                 norm=norm).numpy(),
                               np.fft.irfftn(Z, s=(4, 8), axes=(-2, -1), norm=np_norm),
                               atol=1e-12)  # fmt: skip


def test_nd_and_cropped_gradients():
    check_grads(lambda x: tf.math.real(tf.signal.rfftnd(x, axes=[0, 2])) * 1.5, [X[:, :2]])
    check_grads(lambda x: tf.math.imag(tf.signal.rfft(x, [3])), [X[0]])
    check_grads(lambda x: tf.signal.irfftnd(tf.complex(x, x * x), axes=[1, 2]), [X[:2]])
    check_grads(lambda x: tf.signal.irfft(tf.complex(x, 2.0 * x), [12]), [X[0]])


def test_bad_input():
    with pytest.raises(tf.errors.InvalidArgumentError, match="IFFT"):
        tf.signal.ifft(tf.constant([1.0, 2.0]))
    with pytest.raises(ValueError, match="RFFT requires tf.float32 or tf.float64"):
        tf.signal.rfft(tf.constant([1, 2]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="must have rank of at least 2"):
        tf.signal.fft2d(tf.constant([1j, 2j]))
    with pytest.raises(ValueError, match="multiple of 4"):
        tf.signal.mdct(tf.zeros([16]), 6)
    with pytest.raises(ValueError, match="Normalization is not supported for the Type-I DCT"):
        tf.signal.dct(tf.zeros([4]), type=1, norm="ortho")
    with pytest.raises(ValueError, match="upper_edge_hertz must not be larger"):
        tf.signal.linear_to_mel_weight_matrix(upper_edge_hertz=5000.0)
