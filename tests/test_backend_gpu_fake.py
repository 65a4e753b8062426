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


def _on_gpu(tensor) -> bool:
    return isinstance(tensor._value, FakeCupyArray) and tensor.device == GPU


def test_creation_ops_follow_the_gpu_scope(fake_gpu):
    with tf.device("/GPU:0"):
        made = {
            "zeros": tf.zeros([2, 3]),
            "ones": tf.ones([2], tf.float64),
            "fill": tf.fill([2, 2], 1.5),
            "eye": tf.eye(3),
            "range": tf.range(0.0, 1.0, 0.25),
            "linspace": tf.linspace(0.0, 1.0, 5),
            "zeros_like": tf.zeros_like(np.ones((2, 2), np.float32)),
            "constant": tf.constant(3.0),
            "one_hot": tf.one_hot([0, 2], 3),
        }
        ints = tf.range(4)  # int32 stays in host memory, as in TF
    for name, tensor in made.items():
        assert _on_gpu(tensor), name
    assert type(ints._value) is np.ndarray
    with tf.device("/CPU:0"):
        back = tf.zeros_like(made["eye"])
    assert type(back._value) is np.ndarray
    np.testing.assert_array_equal(made["eye"].numpy(), np.eye(3))
    np.testing.assert_allclose(made["linspace"].numpy(), [0, 0.25, 0.5, 0.75, 1])
    assert tf.zeros([2]).device == CPU  # outside the block


def test_creation_from_a_tensor_follows_its_placement(fake_gpu):
    with tf.device("/GPU:0"):
        x = tf.constant([[1.0, 2.0]])
    for made in (tf.zeros_like(x), tf.ones_like(x, dtype=tf.float64)):
        assert _on_gpu(made) and made.shape == (1, 2)


def test_random_ops_on_the_gpu_use_its_generator_with_the_seed_rules(fake_gpu):
    def draws():
        tf.random.set_seed(7)
        with tf.device("/GPU:0"):
            return [
                tf.random.normal([3], seed=1),
                tf.random.normal([3], seed=1),
                tf.random.uniform([2, 2]),
                tf.random.truncated_normal([4]),
                tf.random.uniform([3], maxval=10, dtype=tf.int64),
                tf.random.stateless_normal([2], seed=[1, 2]),
                tf.random.poisson([2], 3.0),
                tf.random.categorical(tf.math.log([[0.5, 0.5]]), 3),
            ]

    first, second = draws(), draws()
    for a, b in zip(first, second):
        assert _on_gpu(a), a
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert not np.array_equal(first[0].numpy(), first[1].numpy())  # the stream advances
    assert np.all(np.abs(first[3].numpy()) <= 2)
    tf.random.set_seed(7)
    on_cpu = tf.random.normal([3], seed=1)
    assert on_cpu.device == CPU


def test_mixing_is_invalid_argument_everywhere(fake_gpu):
    with tf.device("/GPU:0"):
        x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    calls = [
        lambda: x + y,
        lambda: tf.matmul(x, y),
        lambda: tf.concat([x, y], 0),
        lambda: tf.where(tf.constant([[True, False], [True, True]]), x, y),
        lambda: tf.maximum(y, x),
    ]
    for call in calls:
        with pytest.raises(tf.errors.InvalidArgumentError, match="cupy and numpy|numpy and cupy"):
            call()


def test_host_reads_of_gpu_values_copy_and_lists_pack_on_the_gpu(fake_gpu):
    with tf.device("/GPU:0"):
        a, b = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
        perm = tf.identity(tf.constant([2, 0, 1], tf.int64))
    static = tf.get_static_value(a)
    assert type(static) is np.ndarray and static.tolist() == [1.0, 2.0]
    packed = tf.convert_to_tensor([a, b])  # TF's Pack, on the device
    assert isinstance(packed._value, FakeCupyArray) and packed.numpy().tolist() == [[1, 2], [3, 4]]
    assert float(tf.nn.scale_regularization_loss([a, b])) == 10.0
    dense = tf.linalg.LinearOperatorPermutation(perm).to_dense()
    assert isinstance(dense._value, FakeCupyArray)
    assert dense.numpy().tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    with tf.device("/GPU:0"):
        nan = tf.constant([[np.inf, 0.0], [0.0, 1.0]])
        boxes = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
        scores = tf.constant([0.9, 0.8, 0.7])
    assert np.isnan(tf.linalg.expm(nan).numpy()).all()
    # The NMS family reads its boxes on the host; float outputs go back to the device.
    assert tf.image.non_max_suppression(boxes, scores, 3).numpy().tolist() == [0, 2]
    _, kept = tf.image.non_max_suppression_with_scores(boxes, scores, 3)
    assert isinstance(kept._value, FakeCupyArray)
