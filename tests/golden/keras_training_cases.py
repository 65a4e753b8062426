"""Keras model scenarios run identically by real Keras 3 (recording) and tapeflow (testing).

Summaries, fit/evaluate/predict histories with fixed weights, callback hook
order and logs, progress-bar text (timings normalized).
"""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
from keras_layer_cases import fixed_array, fixed_weights


def _data(n=24, features=4, classes=3):
    x = fixed_array((n, features), 3) * 2.0
    labels = (np.arange(n) * 5 % classes).astype(np.int32)
    return x, labels


def _mlp(keras, hidden=5, out=3, activation="softmax"):
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(hidden, activation="relu"),
            keras.layers.Dense(out, activation=activation),
        ]
    )
    model.set_weights(fixed_weights(model))
    return model


def normalize_progress(text: str) -> str:
    """Drop timings and redraws: keep each finished line of the progress output."""
    text = re.sub(r"\d+(ms|us|s)/step", "T/step", text)
    text = re.sub(r"\x1b\[1m\d+s\x1b\[0m", "\x1b[1mTs\x1b[0m", text)
    text = re.sub(r" - \d+s - ", " - Ts - ", text)
    lines = []
    for line in text.split("\n"):
        # A redrawn bar is backspaces, then \r, then the newest drawing.
        lines.append(line.split("\r")[-1].rstrip())
    return "\n".join(lines)


def _capture(function):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = function()
    return result, buffer.getvalue()


def _history(history) -> dict:
    return {k: [float(v) for v in values] for k, values in history.history.items()}


def _summary_sequential(tf, keras):
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(3, activation="relu"),
            keras.layers.Dense(2),
        ]
    )
    return {"text": _capture(model.summary)[1]}


def _summary_cnn(tf, keras):
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.BatchNormalization(),
            keras.layers.MaxPooling2D(),
            keras.layers.Dropout(0.25),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ],
        name="cnn",
    )
    model.layers[0].trainable = False
    return {"text": _capture(model.summary)[1]}


def _summary_functional(tf, keras):
    a = keras.Input((4,), name="a")
    b = keras.Input((2,), name="b")
    h = keras.layers.Dense(3, name="hidden")(a)
    c = keras.layers.Concatenate(name="join")([h, b])
    out = keras.layers.Dense(1, name="out")(c)
    model = keras.Model([a, b], out, name="two_inputs")
    return {"text": _capture(model.summary)[1]}


def _summary_rnn(tf, keras):
    model = keras.Sequential(
        [
            keras.Input((5,), dtype="int32"),
            keras.layers.Embedding(20, 4),
            keras.layers.LSTM(6, return_sequences=True),
            keras.layers.GRU(3),
            keras.layers.Dense(1),
        ]
    )
    return {"text": _capture(model.summary)[1]}


def _summary_subclassed(tf, keras):
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = keras.layers.Dense(3)
            self.rnn = keras.layers.LSTM(2, return_state=True)
            self.out = keras.layers.Dense(1)

        def call(self, x):
            h = self.hidden(x)
            seq, state_h, state_c = self.rnn(h)
            return self.out(seq + state_h + state_c)

    model = Net()
    before = _capture(model.summary)[1]
    model(np.ones((2, 5, 4), np.float32))
    built = _capture(model.summary)[1]
    model.compile(optimizer=keras.optimizers.Adam(), loss="mse")
    model.fit(np.ones((2, 5, 4), np.float32), np.ones((2, 1), np.float32), verbose=0)
    trained = _capture(model.summary)[1]
    return {"text": before + built + trained}


def _fit_sgd_mse(tf, keras):
    x, labels = _data()
    y = np.eye(3, dtype=np.float32)[labels]
    model = _mlp(keras)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    history, text = _capture(
        lambda: model.fit(
            x, y, batch_size=8, epochs=3, shuffle=False, verbose=2, validation_data=(x[:6], y[:6])
        )
    )
    return {
        "history": _history(history),
        "params": history.params,
        "progress": normalize_progress(text),
        "evaluate": [float(v) for v in model.evaluate(x, y, batch_size=5, verbose=0)],
        "predict": model.predict(x[:5], verbose=0).tolist(),
        "weights": [w.tolist() for w in model.get_weights()],
    }


def _fit_sparse_accuracy(tf, keras):
    x, labels = _data(30)
    model = _mlp(keras, activation=None)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    history, text = _capture(
        lambda: model.fit(
            x,
            labels,
            batch_size=7,
            epochs=2,
            shuffle=False,
            verbose=1,
            validation_split=0.2,
            class_weight={0: 1.0, 1: 2.0, 2: 0.5},
        )
    )
    return {
        "history": _history(history),
        "progress": normalize_progress(text),
        "evaluate": model.evaluate(x, labels, verbose=0, return_dict=True),
        "train_on_batch": [
            [float(v) for v in model.train_on_batch(x[:6], labels[:6])] for _ in range(2)
        ],
        "test_on_batch": [float(v) for v in model.test_on_batch(x[:6], labels[:6])],
    }


def _fit_batchnorm_dropout(tf, keras):
    x, labels = _data(16)
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(6),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.Dropout(0.0),
            keras.layers.Dense(3),
        ]
    )
    model.set_weights(fixed_weights(model))
    model.compile(
        optimizer=keras.optimizers.SGD(0.05, momentum=0.9),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    history = model.fit(x, labels, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {
        "history": _history(history),
        "weights": [w.tolist() for w in model.get_weights()],
        "predict": model.predict(x[:3], verbose=0).tolist(),
    }


class _Recorder:
    def __init__(self, keras):
        recorder = self
        self.events = []

        class Record(keras.callbacks.Callback):
            pass

        for hook in (
            "on_train_begin",
            "on_train_end",
            "on_epoch_begin",
            "on_epoch_end",
            "on_train_batch_begin",
            "on_train_batch_end",
            "on_test_begin",
            "on_test_end",
            "on_test_batch_begin",
            "on_test_batch_end",
            "on_predict_begin",
            "on_predict_end",
            "on_predict_batch_begin",
            "on_predict_batch_end",
        ):

            def method(self, *args, _hook=hook, **kwargs):
                logs = kwargs.get("logs", args[-1] if args and isinstance(args[-1], dict) else None)
                keys = sorted(logs) if isinstance(logs, dict) else logs
                index = args[0] if args and isinstance(args[0], int) else None
                recorder.events.append([_hook, index, keys])

            setattr(Record, hook, method)
        self.callback = Record()


def _callback_order(tf, keras):
    x, labels = _data(8)
    y = np.eye(3, dtype=np.float32)[labels]
    model = _mlp(keras)
    model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["accuracy"])
    recorder = _Recorder(keras)
    model.fit(
        x,
        y,
        batch_size=4,
        epochs=2,
        verbose=0,
        shuffle=False,
        validation_data=(x[:4], y[:4]),
        callbacks=[recorder.callback],
    )
    model.evaluate(x, y, batch_size=4, verbose=0, callbacks=[recorder.callback])
    model.predict(x, batch_size=4, verbose=0, callbacks=[recorder.callback])
    return {
        "events": [[e[0], e[1], e[2] if isinstance(e[2], list) else None] for e in recorder.events]
    }


def _early_stopping(tf, keras):
    x, labels = _data(12)
    y = np.eye(3, dtype=np.float32)[labels]
    model = _mlp(keras)
    model.compile(optimizer=keras.optimizers.SGD(2.0), loss="mse")
    stop = keras.callbacks.EarlyStopping(
        monitor="loss", patience=1, restore_best_weights=True, verbose=1
    )
    history, text = _capture(
        lambda: model.fit(
            x, y, batch_size=12, epochs=20, verbose=0, shuffle=False, callbacks=[stop]
        )
    )
    return {
        "history": _history(history),
        "text": text,
        "stopped_epoch": int(stop.stopped_epoch),
        "best_epoch": int(stop.best_epoch),
        "weights": [w.tolist() for w in model.get_weights()],
    }


def _learning_rate_callbacks(tf, keras):
    x, labels = _data(12)
    y = np.eye(3, dtype=np.float32)[labels]
    model = _mlp(keras)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse")
    schedule = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.5, verbose=1)
    plateau = keras.callbacks.ReduceLROnPlateau(
        monitor="loss", factor=0.5, patience=1, min_delta=10.0, verbose=1
    )
    history, text = _capture(
        lambda: model.fit(
            x, y, batch_size=6, epochs=4, verbose=0, shuffle=False, callbacks=[schedule, plateau]
        )
    )
    return {"history": _history(history), "text": text}


def _checkpoint_and_csv(tf, keras):
    import os
    import tempfile

    x, labels = _data(12)
    y = np.eye(3, dtype=np.float32)[labels]
    model = _mlp(keras)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="mse", metrics=["mae"])
    with tempfile.TemporaryDirectory() as folder:
        best = os.path.join(folder, "best.weights.h5")
        every = os.path.join(folder, "e{epoch:02d}-{loss:.4f}.weights.h5")
        log = os.path.join(folder, "log.csv")
        seen = []
        callbacks = [
            keras.callbacks.ModelCheckpoint(
                best, monitor="val_mae", save_best_only=True, save_weights_only=True, verbose=1
            ),
            keras.callbacks.ModelCheckpoint(every, save_weights_only=True),
            keras.callbacks.CSVLogger(log, separator=";"),
            keras.callbacks.LambdaCallback(
                on_epoch_end=lambda epoch, logs: seen.append([epoch, sorted(logs)]),
                on_train_batch_end=lambda batch, logs: seen.append([batch, sorted(logs)]),
            ),
        ]
        _, text = _capture(
            lambda: model.fit(
                x,
                y,
                batch_size=6,
                epochs=3,
                verbose=0,
                shuffle=False,
                validation_data=(x[::-1], y[::-1]),
                callbacks=callbacks,
            )
        )
        with open(log) as handle:
            csv_lines = handle.read().splitlines()
        files = sorted(os.listdir(folder))
        text = text.replace(folder, "<dir>")
    rows = [line.split(";") for line in csv_lines]
    return {
        "text": text,
        "files": files,
        "csv_header": rows[0],
        "csv_values": [[float(v) for v in row] for row in rows[1:]],
        "seen": seen,
    }


def training_cases() -> dict:
    return {
        "summary_sequential": _summary_sequential,
        "summary_cnn": _summary_cnn,
        "summary_functional": _summary_functional,
        "summary_rnn": _summary_rnn,
        "summary_subclassed": _summary_subclassed,
        "fit_sgd_mse": _fit_sgd_mse,
        "fit_sparse_accuracy": _fit_sparse_accuracy,
        "fit_batchnorm_dropout": _fit_batchnorm_dropout,
        "callback_order": _callback_order,
        "early_stopping": _early_stopping,
        "learning_rate_callbacks": _learning_rate_callbacks,
        "checkpoint_and_csv": _checkpoint_and_csv,
    }


def run_training_case(tf, keras, name: str) -> dict:
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    return training_cases()[name](tf, keras)


def _weights_cnn(keras):
    model = keras.Sequential(
        [
            keras.Input((6, 6, 2)),
            keras.layers.Conv2D(3, 3, activation="relu"),
            keras.layers.BatchNormalization(),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(4, activation="softmax"),
        ]
    )
    x = fixed_array((10, 6, 6, 2), 5)
    y = (np.arange(10) % 4).astype(np.int32)
    return model, x, y, "sparse_categorical_crossentropy"


def _weights_functional_rnn(keras):
    tokens = keras.Input((5,), dtype="int32")
    extra = keras.Input((3,))
    h = keras.layers.Embedding(7, 4)(tokens)
    h = keras.layers.LSTM(3, return_sequences=True)(h)
    h = keras.layers.GRU(2)(h)
    h = keras.layers.Concatenate()([h, extra])
    out = keras.layers.Dense(1)(keras.layers.LayerNormalization()(h))
    model = keras.Model([tokens, extra], out)
    x = [(np.arange(40) * 3 % 7).reshape(8, 5).astype(np.int32), fixed_array((8, 3), 6)]
    y = fixed_array((8, 1), 7)
    return model, x, y, "mse"


def _weights_subclassed(keras):
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.b_dense = keras.layers.Dense(2)
            self.a_blocks = [
                keras.layers.Dense(3),
                keras.layers.Dense(3),
                keras.layers.BatchNormalization(),
            ]
            self.z = keras.layers.Dense(1)

        def call(self, x, training=False):
            for block in self.a_blocks:
                x = block(x, training=training) if block.name.startswith("batch") else block(x)
            return self.z(self.b_dense(x))

    model = Net()
    model(np.zeros((1, 4), np.float32))
    return model, fixed_array((12, 4), 8), fixed_array((12, 1), 9), "mse"


def weights_models() -> dict:
    return {
        "cnn": _weights_cnn,
        "functional_rnn": _weights_functional_rnn,
        "subclassed": _weights_subclassed,
    }


def build_weights_model(keras, name: str):
    """The model (fresh weights), its data and loss; compiled with Adam."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    model, x, y, loss = weights_models()[name](keras)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=loss)
    return model, x, y
