"""keras layers and models: building, weights, names, paths, training loop basics."""

import numpy as np
import pytest

import tapeflow as tf

keras = tf.keras


@pytest.fixture(autouse=True)
def fresh_names():
    keras.backend.clear_session()


class PlainSGD:
    """A stand-in optimizer (keras.optimizers is tested on its own)."""

    def __init__(self, learning_rate=0.1):
        self.learning_rate = learning_rate
        self.iterations = 0

    def apply_gradients(self, pairs):
        for g, v in pairs:
            v.assign_sub(self.learning_rate * g)
        self.iterations += 1


def mse(y_true, y_pred, sample_weight=None):
    err = tf.reduce_mean(tf.square(tf.cast(y_true, y_pred.dtype) - y_pred), axis=-1)
    if sample_weight is not None:
        err = err * tf.cast(tf.reshape(sample_weight, tf.shape(err)), err.dtype)
    return tf.reduce_mean(err)


def test_lazy_import_paths():
    from tapeflow import keras as k

    assert k is tf.keras
    assert keras.layers.Dense is keras.layers.core.Dense


def test_dense_builds_on_first_call_with_keras_names():
    layer = keras.layers.Dense(3)
    assert not layer.built
    layer(np.ones((2, 4)))
    assert layer.built and layer.name == "dense"
    assert [w.path for w in layer.weights] == ["dense/kernel", "dense/bias"]
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert layer.count_params() == 15
    assert keras.layers.Dense(1).name == "dense_1"
    assert repr(layer.bias) == (
        "<Variable path=dense/bias, shape=(3,), dtype=float32, value=[0. 0. 0.]>"
    )


def test_set_get_weights_and_errors():
    layer = keras.layers.Dense(2)
    layer.build((None, 3))
    kernel = np.arange(6, dtype=np.float32).reshape(3, 2)
    layer.set_weights([kernel, np.ones(2)])
    out = layer(np.ones((1, 3)))
    np.testing.assert_allclose(out.numpy(), [[7.0, 10.0]])
    with pytest.raises(ValueError, match="expecting 2 weights"):
        layer.set_weights([kernel])
    with pytest.raises(ValueError, match="not compatible"):
        layer.set_weights([kernel.T, np.ones(2)])
    with pytest.raises(ValueError, match="isn't built"):
        keras.layers.Dense(2).count_params()
    with pytest.raises(ValueError, match="positive integer"):
        keras.layers.Dense(0)


def test_trainable_false_moves_weights():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2), keras.layers.Dense(1)])
    model.layers[0].trainable = False
    assert [w.path for w in model.trainable_weights] == [
        "sequential/dense_1/kernel",
        "sequential/dense_1/bias",
    ]
    assert len(model.non_trainable_weights) == 2
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(model(np.ones((1, 3))))
    grads = tape.gradient(y, model.trainable_weights)
    assert all(g is not None for g in grads)


def test_sequential_paths_and_build_on_data():
    model = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(2)])
    assert not model.built
    model(np.ones((5, 4)))
    assert [w.path for w in model.weights] == [
        "sequential/dense/kernel",
        "sequential/dense/bias",
        "sequential/dense_1/kernel",
        "sequential/dense_1/bias",
    ]


def test_functional_model_replays_graph():
    inputs = keras.Input((4,))
    assert repr(inputs) == (
        "<KerasTensor shape=(None, 4), dtype=float32, sparse=False, ragged=False, "
        "name=keras_tensor>"
    )
    hidden = keras.layers.Dense(3, activation="relu")(inputs)
    merged = keras.layers.Concatenate()([hidden, inputs])
    outputs = keras.layers.Dense(1)(merged)
    model = keras.Model(inputs, outputs)
    assert type(model).__name__ == "Functional" and model.name == "functional"
    assert [layer.name for layer in model.layers] == [
        "input_layer",
        "dense",
        "concatenate",
        "dense_1",
    ]
    x = np.random.default_rng(0).normal(size=(6, 4)).astype(np.float32)
    dense, dense_1 = model.layers[1], model.layers[3]
    expected = dense_1(
        np.concatenate([np.maximum(x @ dense.kernel.numpy() + dense.bias.numpy(), 0), x], axis=1)
    )
    np.testing.assert_allclose(model(x).numpy(), expected.numpy(), rtol=1e-6)
    assert [w.path for w in model.weights][0] == "dense/kernel"


def test_subclassed_model_tracks_layers():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = [keras.layers.Dense(4), keras.layers.Dense(2)]
            self.drop = keras.layers.Dropout(0.5)

        def call(self, x, training=False):
            for block in self.blocks:
                x = block(x)
            return self.drop(x, training=training)

    net = Net()
    y = net(np.ones((3, 5)))
    assert y.shape == (3, 2) and net.name == "net"
    assert [w.path for w in net.weights] == [
        "net/dense/kernel",
        "net/dense/bias",
        "net/dense_1/kernel",
        "net/dense_1/bias",
    ]


def test_fit_evaluate_predict_with_keras_sgd():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 3)).astype(np.float32)
    y = x @ np.array([[1.0], [-2.0], [0.5]], np.float32)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss=mse)
    history = model.fit(
        x, y, batch_size=8, epochs=5, verbose=0, shuffle=False, validation_split=0.25
    )
    assert set(history.history) == {"loss", "val_loss"}
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert history.params == {"verbose": 0, "epochs": 5, "steps": 4}
    assert int(model.optimizer.iterations.numpy()) == 20
    loss = model.evaluate(x, y, verbose=0)
    assert isinstance(loss, float)
    assert model.predict(x, verbose=0).shape == (40, 1)
    before = model.train_on_batch(x[:8], y[:8])
    assert isinstance(before, float)


def test_fit_requires_compile():
    model = keras.Sequential([keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="compile"):
        model.fit(np.ones((2, 1)), np.ones((2, 1)))


def test_custom_train_step_is_used():
    calls = []

    class Custom(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(1)

        def call(self, x):
            return self.dense(x)

        def train_step(self, data):
            calls.append(1)
            return {"steps": tf.constant(float(len(calls)))}

    model = Custom()
    model.compile(optimizer=PlainSGD(), loss=mse, run_eagerly=True)  # count every call
    model(np.ones((1, 2)))
    history = model.fit(np.ones((4, 2)), np.ones((4, 1)), batch_size=2, epochs=2, verbose=0)
    assert len(calls) == 4
    assert history.history == {"steps": [2.0, 4.0]}  # train_step's own logs


def test_compiled_train_step_matches_eager_steps():
    # fit runs train_step through tf.function; each step must see its own batch
    # (a sparse cross-entropy gradient once kept the first batch's labels).
    def run(eager):
        keras.backend.clear_session()
        rng = np.random.default_rng(0)
        x = rng.normal(size=(16, 4)).astype(np.float32)
        y = (np.arange(16) % 3).astype(np.int32)
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        model.set_weights([np.full((4, 3), 0.1, np.float32), np.zeros(3, np.float32)])
        model.compile(
            optimizer=keras.optimizers.SGD(0.1),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            metrics=["accuracy"],
            run_eagerly=eager,
        )
        history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
        return history.history, model.get_weights()

    (h1, w1), (h2, w2) = run(True), run(False)
    assert h1.keys() == h2.keys()
    for key in h1:
        np.testing.assert_allclose(h1[key], h2[key], rtol=1e-6)
    for a, b in zip(w1, w2):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_evaluate_list_puts_loss_first():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3)])
    model.compile(
        optimizer="sgd",
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    x, y = np.ones((4, 2), np.float32), np.zeros(4, np.int32)
    loss, accuracy = model.evaluate(x, y, verbose=0)
    assert loss == model.evaluate(x, y, verbose=0, return_dict=True)["loss"]
    assert accuracy in (0.0, 0.25, 0.5, 0.75, 1.0)


def test_fit_on_tf_data_datasets():
    rng = np.random.default_rng(1)
    x = rng.random((50, 4)).astype(np.float32)
    y = (x.sum(axis=1) > 2).astype(np.int32)
    data = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    model.compile(
        optimizer="adam",
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    history = model.fit(data, epochs=2, validation_data=data, verbose=0)
    assert history.params["steps"] == 4
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    # The validation numbers are evaluate's on the same data and weights.
    assert history.history["val_loss"][-1] == model.evaluate(data, verbose=0)[0]
    unknown = data.filter(lambda a, b: tf.reduce_sum(a) >= 0.0)  # cardinality unknown
    assert model.fit(unknown, epochs=1, verbose=0).params["steps"] is None
    assert model.predict(data.map(lambda a, b: a), verbose=0).shape == (50, 2)
    with pytest.raises(ValueError, match="`y` should not be passed"):
        model.fit(data, y, verbose=0)


def test_dropout_training_flag_reaches_inner_layers():
    tf.random.set_seed(3)
    model = keras.Sequential([keras.Input((1000,)), keras.layers.Dropout(0.25)])
    x = np.ones((2, 1000), np.float32)
    np.testing.assert_array_equal(model(x).numpy(), x)  # inference: identity
    y = model(x, training=True).numpy()
    kept = y != 0
    assert 0.65 < kept.mean() < 0.85
    np.testing.assert_allclose(y[kept], 1 / 0.75, rtol=1e-6)  # survivors scaled up

    class Wrapper(keras.Model):
        def __init__(self):
            super().__init__()
            self.inner = keras.Sequential([keras.layers.Dropout(0.5)])

        def call(self, x):  # no training argument: the outer call's value flows down
            return self.inner(x)

    out = Wrapper()(x, training=True).numpy()
    assert (out == 0).any()


def test_batch_norm_frozen_runs_in_inference_mode():
    layer = keras.layers.BatchNormalization()
    x = np.arange(12, dtype=np.float32).reshape(4, 3)
    layer(x, training=True)
    moved = layer.moving_mean.numpy().copy()
    layer.trainable = False
    layer(x, training=True)
    np.testing.assert_array_equal(layer.moving_mean.numpy(), moved)
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 4


def test_layers_appended_to_a_list_attribute_are_tracked():
    class Stack(keras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = []
            for width in (4, 3):
                self.blocks.append(keras.layers.Dense(width))

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    model = Stack()
    model(np.ones((1, 2), np.float32))
    assert [w.path for w in model.weights] == [
        "stack/dense/kernel",
        "stack/dense/bias",
        "stack/dense_1/kernel",
        "stack/dense_1/bias",
    ]
