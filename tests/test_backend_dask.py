"""Tensors backed by Dask arrays: kept lazy, chunking preserved, gradients lazy too."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

da = pytest.importorskip("dask.array", reason="the `dask` extra (dask[array]) is not installed")


def _data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((8, 6)).astype(np.float32)
    w = rng.standard_normal((6, 3)).astype(np.float32)
    return x, w


def test_creation_keeps_dask_arrays_lazy():
    x = da.ones((4, 3), dtype=np.float32, chunks=(2, 3))
    for tensor in (tf.constant(x), tf.convert_to_tensor(x), tf.Variable(x).read_value()):
        assert isinstance(tensor._value, da.Array)
        assert tensor.shape == (4, 3) and tensor.dtype == tf.float32
        assert tensor.device.endswith("device:CPU:0")
    cast = tf.constant(x, dtype=tf.float64)
    assert isinstance(cast._value, da.Array) and cast.dtype == tf.float64
    result = tf.constant(x).numpy()
    assert type(result) is np.ndarray and result.tolist() == np.ones((4, 3)).tolist()


def test_ops_and_gradients_stay_lazy_with_chunks():
    x_np, w_np = _data()
    x = tf.constant(da.from_array(x_np, chunks=(4, 3)))
    w = tf.Variable(da.from_array(w_np, chunks=(3, 3)))
    with tf.GradientTape() as tape:
        h = tf.tanh(tf.matmul(x, w))
        loss = tf.reduce_mean(tf.square(h - 0.5))
    grad = tape.gradient(loss, w)
    assert isinstance(h._value, da.Array) and h._value.chunks == ((4, 4), (3,))
    assert isinstance(loss._value, da.Array)
    assert isinstance(grad._value, da.Array) and grad._value.chunks == ((3, 3), (3,))

    xn, wn = tf.constant(x_np), tf.Variable(w_np)
    with tf.GradientTape() as tape:
        expected_loss = tf.reduce_mean(tf.square(tf.tanh(tf.matmul(xn, wn)) - 0.5))
    expected = tape.gradient(expected_loss, wn)
    np.testing.assert_allclose(loss.numpy(), expected_loss.numpy(), rtol=1e-6)
    np.testing.assert_allclose(grad.numpy(), expected.numpy(), rtol=1e-5, atol=1e-6)


def test_reduction_keeps_chunks_of_kept_axis():
    x = tf.constant(da.ones((6, 4), dtype=np.float32, chunks=(2, 2)))
    s = tf.reduce_sum(x, axis=0)
    assert isinstance(s._value, da.Array) and s._value.chunks == ((2, 2),)
    assert s.numpy().tolist() == [6.0] * 4


def test_mixing_libraries_is_invalid_argument_naming_both():
    x = tf.constant(da.ones((2, 2), dtype=np.float32, chunks=1))
    with pytest.raises(tf.errors.InvalidArgumentError, match="dask and numpy"):
        tf.add(x, np.ones((2, 2), np.float32))
    # Scalars mix with any library, as Python numbers do.
    assert isinstance((x * 2.0 + tf.constant(1.0))._value, da.Array)


def test_printing_computes():
    x = tf.constant(da.arange(3, chunks=1, dtype=np.int32))
    assert str(x) == "tf.Tensor([0 1 2], shape=(3,), dtype=int32)"
    assert repr(tf.Variable(x)).endswith("numpy=array([0, 1, 2], dtype=int32)>")


_CLUSTER_PROGRAM = """
import numpy as np, dask.array as da, distributed, tapeflow as tf
rng = np.random.default_rng(1)
x_np = rng.standard_normal((8, 6)).astype(np.float32)
y_np = (x_np @ rng.standard_normal((6, 1))).astype(np.float32)
w0 = np.zeros((6, 1), np.float32)

def grads(x, y, w0):
    w = tf.Variable(w0)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
    return loss, tape.gradient(loss, w)

if __name__ == "__main__":
    expected_loss, expected = grads(tf.constant(x_np), tf.constant(y_np), w0)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        x = tf.constant(da.from_array(x_np, chunks=(4, 6)))
        y = tf.constant(da.from_array(y_np, chunks=(4, 1)))
        loss, grad = grads(x, y, da.from_array(w0))
        assert isinstance(grad._value, da.Array)
        loss_value, grad_value = client.compute([loss._value, grad._value], sync=True)
        assert len(client.scheduler_info()["workers"]) == 2
    np.testing.assert_allclose(loss_value, expected_loss.numpy(), rtol=1e-5)
    np.testing.assert_allclose(grad_value, expected.numpy(), rtol=1e-5, atol=1e-6)
    print("ok")
"""


def test_gradients_on_a_two_worker_local_cluster_equal_numpy():
    # In a child process: the cluster's event-loop threads outlive it for a
    # while, and other tests count garbage cycles.
    pytest.importorskip("distributed", reason="the `dask` extra lacks distributed")
    env = {**os.environ, "PYTHONPATH": str(Path(tf.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _CLUSTER_PROGRAM],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
