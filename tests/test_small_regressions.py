"""Regression tests for small behaviour gaps; expected values come from TF 2.21 calls named inline."""

import numpy as np
import pytest

import tapeflow as tf


@pytest.mark.parametrize("dtype", [tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8])
def test_tensor_scatter_nd_max_min_on_integers(dtype):
    tensor = tf.constant([1, 5, 3], dtype)
    updates = tf.constant([4, 2], dtype)
    # TF: tf.tensor_scatter_nd_max(tensor, [[0], [1]], updates) -> [4 5 3], same dtype
    high = tf.tensor_scatter_nd_max(tensor, [[0], [1]], updates)
    # TF: tf.tensor_scatter_nd_min(tensor, [[0], [1]], updates) -> [1 2 3], same dtype
    low = tf.tensor_scatter_nd_min(tensor, [[0], [1]], updates)
    assert high.dtype == dtype and low.dtype == dtype
    np.testing.assert_array_equal(high.numpy(), [4, 5, 3])
    np.testing.assert_array_equal(low.numpy(), [1, 2, 3])


def test_tensor_scatter_nd_max_float_gradient_unchanged():
    x = tf.Variable([1.0, 5.0, 3.0])
    with tf.GradientTape() as tape:
        picked = tf.tensor_scatter_nd_max(x, [[0], [1]], tf.constant([4.0, 5.0]))
        y = tf.reduce_sum(picked * [1.0, 2.0, 3.0])
    # TF 2.21: the tie at index 1 halves its cotangent -> [0. 1. 3.]
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [0.0, 1.0, 3.0])


def test_functional_model_takes_dict_keyed_by_input_name():
    a = tf.keras.Input(shape=(2,), name="a")
    b = tf.keras.Input(shape=(2,), name="b")
    # Keras 3.15: keras.Input(shape=(2,), name="a").name == "a"
    assert (a.name, b.name) == ("a", "b")
    joined = tf.keras.layers.Concatenate()([a, b])
    model = tf.keras.Model([a, b], tf.keras.layers.Dense(1, kernel_initializer="ones")(joined))
    ones = np.ones((1, 2), "float32")
    # Keras 3.15: model({"b": 2 * ones, "a": ones}) -> [[6.]] (keys pick inputs by name, not order)
    np.testing.assert_allclose(model({"b": 2 * ones, "a": ones}).numpy(), [[6.0]])
    np.testing.assert_allclose(model.predict({"a": ones, "b": 2 * ones}, verbose=0), [[6.0]])


def test_loss_configs_match_keras3():
    # Keras 3.15 (tf.keras in TF 2.21) lists only name and reduction for Huber and
    # CosineSimilarity: tf.keras.losses.Huber(delta=2.0).get_config() has no "delta".
    assert tf.keras.losses.Huber(delta=2.0).get_config() == {
        "name": "huber_loss",
        "reduction": "sum_over_batch_size",
    }
    assert tf.keras.losses.CosineSimilarity(axis=0).get_config() == {
        "name": "cosine_similarity",
        "reduction": "sum_over_batch_size",
    }
    # tf.keras.losses.SparseCategoricalCrossentropy().get_config()
    assert tf.keras.losses.SparseCategoricalCrossentropy().get_config() == {
        "name": "sparse_categorical_crossentropy",
        "reduction": "sum_over_batch_size",
        "from_logits": False,
        "ignore_class": None,
    }


def test_complex_adjoint_solves_conjugate():
    # TF 2.21: tf.linalg.solve / triangular_solve(lower=False) with adjoint=True and
    # cholesky_solve on these complex128 values (adjoint is the conjugate transpose).
    a = tf.constant(np.array([[2 + 1j, 1 - 2j], [0.5j, 3 + 0j]], dtype=np.complex128))
    b = tf.constant(np.array([[1 + 0j], [2 - 1j]], dtype=np.complex128))
    np.testing.assert_allclose(
        tf.linalg.solve(a, b, adjoint=True).numpy(), [[0.48 + 0.44j], [0.8 - 0.8j]]
    )
    np.testing.assert_allclose(
        tf.linalg.triangular_solve(a, b, lower=False, adjoint=True).numpy(),
        [[0.4 + 0.2j], [2 / 3 - 2j / 3]],
    )
    chol = tf.linalg.cholesky(tf.matmul(a, a, adjoint_b=True))
    np.testing.assert_allclose(
        tf.linalg.cholesky_solve(chol, b).numpy(), [[0.296 + 0.56j], [0.528 - 0.544j]]
    )


def test_python_ints_beyond_int64():
    # TF 2.21: with no dtype, a Python int outside int64 is refused (not read as a float);
    # with a dtype that holds it, it converts (uint64 keeps every bit).
    for value in (2**63, -(2**63) - 1, [0, 2**63], [[1], [2**70]], (2**63,)):
        with pytest.raises(ValueError, match="out-of-range integer"):
            tf.constant(value)
    assert tf.constant(2**63 - 1).dtype == tf.int64
    assert tf.constant([1.5, 2**63]).dtype == tf.float32
    assert int(tf.constant(2**63, dtype=tf.uint64).numpy()) == 2**63
    assert tf.constant([2**63, 1], dtype=tf.uint64).numpy().tolist() == [2**63, 1]
    assert tf.constant([-1, 3], dtype=tf.uint8).numpy().tolist() == [255, 3]
    assert float(tf.constant(2**63, dtype=tf.float64)) == 2.0**63


def test_invert_permutation_refuses_floats():
    # TF 2.21: InvertPermutation accepts int32 and int64 only (InvalidArgumentError).
    with pytest.raises(tf.errors.InvalidArgumentError, match="int32, int64"):
        tf.math.invert_permutation(tf.constant([0.5, 1.0], dtype=tf.float16))
