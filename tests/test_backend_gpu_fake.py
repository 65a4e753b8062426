"""GPU placement through a fake CuPy: NumPy standing in for CuPy behind the backend.

The fake (tests/fake_cupy.py) wraps NumPy arrays behind CuPy's interface and
refuses implicit conversion to NumPy as CuPy does, so every CuPy code path of
the backend (placement, device strings, copies, mixing errors, .numpy()) runs
here without a GPU.
"""

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _backend
from tests import fake_cupy
from tests.fake_cupy import FakeCupyArray

CPU = "/job:localhost/replica:0/task:0/device:CPU:0"
GPU = "/job:localhost/replica:0/task:0/device:GPU:0"


@pytest.fixture
def fake_gpu():
    fake_cupy.install()
    try:
        yield
    finally:
        fake_cupy.uninstall()


def test_creation_under_gpu_scope_places_on_the_fake_gpu(fake_gpu):
    with tf.device("/GPU:0"):
        x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        y = tf.convert_to_tensor(np.ones((2, 2), np.float32))
    assert isinstance(x._value, FakeCupyArray) and isinstance(y._value, FakeCupyArray)
    assert x.device == GPU and x.backing_device == GPU
    z = tf.matmul(x, y) + 1.0
    assert isinstance(z._value, FakeCupyArray) and z.device == GPU
    host = z.numpy()
    assert type(host) is np.ndarray and host.tolist() == [[4.0, 4.0], [8.0, 8.0]]
    assert tf.constant(1.0).device == CPU  # outside the block: the CPU


def test_identity_under_a_device_scope_copies_and_gradients_come_back(fake_gpu):
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        with tf.device("/GPU:0"):
            on_gpu = tf.identity(x)
        y = tf.reduce_sum(on_gpu * on_gpu)
        with tf.device("/CPU:0"):
            back = tf.identity(on_gpu)
    assert on_gpu.device == GPU and back.device == CPU
    assert type(back._value) is np.ndarray
    grad = tape.gradient(y, x)
    assert grad.device == CPU and grad.numpy().tolist() == [2.0, 4.0, 6.0]


def test_mixing_gpu_and_cpu_arrays_is_invalid_argument(fake_gpu):
    with tf.device("/GPU:0"):
        x = tf.constant([1.0, 2.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="cupy and numpy"):
        tf.add(x, tf.constant([1.0, 2.0]))


def test_gpu_scope_without_a_gpu_library_is_the_cpu():
    _backend.use_gpu_library(None)
    try:
        with tf.device("/GPU:0"):
            x = tf.identity(tf.constant([1.0]))
        assert x.device == CPU and type(x._value) is np.ndarray
    finally:
        _backend._gpu_probed = False


def test_list_physical_devices_shows_the_gpu(fake_gpu):
    assert [d.device_type for d in tf.config.list_physical_devices()] == ["CPU", "GPU"]
    assert tf.config.list_physical_devices("GPU")[0].name == "/physical_device:GPU:0"
