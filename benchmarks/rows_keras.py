"""Benchmark rows for tf.keras: one epoch of ``model.fit``.

* ``keras_fit_epoch``: one epoch of ``fit`` on a 64-64-10 MLP (ReLU, logits),
  1797 samples of 64 features (the size of scikit-learn's digits), batch 32
  (57 steps), SGD(0.01), sparse categorical cross-entropy from logits,
  ``shuffle=False, verbose=0``. The same code runs on TensorFlow's Keras 3
  (peer ``tensorflow``). Baseline: the same epoch by hand in NumPy (forward,
  backward, SGD per batch). Targets: tapeflow / numpy <= 1.5 (the row's
  target) and tapeflow <= 0.1x TF Keras (read from the tensorflow column).

Registration (in ``workloads.py``)::

    import rows_keras  # noqa: E402
    ROWS.extend(rows_keras.rows(Row, Target))
"""

from __future__ import annotations

import functools

import numpy as np

SAMPLES, FEATURES, HIDDEN, CLASSES, BATCH, LR = 1797, 64, 64, 10, 32, 0.01


@functools.cache
def _data() -> dict:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 17, size=(SAMPLES, FEATURES)).astype(np.float32) / 16.0
    y = rng.integers(0, CLASSES, size=SAMPLES).astype(np.int32)
    w1 = (rng.normal(size=(FEATURES, HIDDEN)) * 0.1).astype(np.float32)
    w2 = (rng.normal(size=(HIDDEN, CLASSES)) * 0.1).astype(np.float32)
    return {"x": x, "y": y, "w1": w1, "w2": w2}


def fit_tf(tf):
    """Written once for tapeflow and TensorFlow (whose tf.keras is Keras 3)."""
    d = _data()
    keras = tf.keras
    model = keras.Sequential(
        [
            keras.Input((FEATURES,)),
            keras.layers.Dense(HIDDEN, activation="relu"),
            keras.layers.Dense(CLASSES),
        ]
    )
    model.set_weights(
        [d["w1"], np.zeros(HIDDEN, np.float32), d["w2"], np.zeros(CLASSES, np.float32)]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(LR),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    x, y = d["x"], d["y"]

    def epoch():
        history = model.fit(x, y, batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
        return np.float32(history.history["loss"][-1])

    return epoch


def fit_torch(torch):
    d = _data()
    model = torch.nn.Sequential(
        torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, CLASSES)
    )
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(d["w1"].T.copy()))
        model[0].bias.zero_()
        model[2].weight.copy_(torch.from_numpy(d["w2"].T.copy()))
        model[2].bias.zero_()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(d["x"]), torch.from_numpy(d["y"].astype(np.int64))

    def epoch():
        total = 0.0
        for start in range(0, SAMPLES, BATCH):
            xb, yb = x[start : start + BATCH], y[start : start + BATCH]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += float(loss) * len(xb)
        return np.float32(total / SAMPLES)

    return epoch


def fit_numpy(np_=np):
    """The same epoch by hand: per batch forward, backward and SGD."""
    d = _data()
    w1, w2 = d["w1"].copy(), d["w2"].copy()
    b1, b2 = np.zeros(HIDDEN, np.float32), np.zeros(CLASSES, np.float32)
    x, y = d["x"], d["y"]
    lr = np.float32(LR)

    def epoch():
        nonlocal w1, b1, w2, b2
        total = 0.0
        for start in range(0, SAMPLES, BATCH):
            xb, yb = x[start : start + BATCH], y[start : start + BATCH]
            n = len(xb)
            z1 = xb @ w1 + b1
            h1 = np.maximum(z1, 0)
            logits = h1 @ w2 + b2
            shifted = logits - logits.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            s = e.sum(axis=1, keepdims=True)
            rows = np.arange(n)
            loss = np.mean(np.log(s[:, 0]) - shifted[rows, yb])
            d_logits = e / s
            d_logits[rows, yb] -= 1
            d_logits *= np.float32(1.0 / n)
            d_w2 = h1.T @ d_logits
            d_b2 = d_logits.sum(axis=0)
            d_z1 = (d_logits @ w2.T) * (z1 > 0)
            d_w1 = xb.T @ d_z1
            d_b1 = d_z1.sum(axis=0)
            w1 -= lr * d_w1
            b1 -= lr * d_b1
            w2 -= lr * d_w2
            b2 -= lr * d_b2
            total += float(loss) * n
        return np.float32(total / SAMPLES)

    return epoch


def fit_check(loss) -> None:
    value = float(np.asarray(loss))
    if not np.isfinite(value) or not 0 < value < 10:
        raise AssertionError(f"epoch loss {value} is not a plausible cross-entropy")


# -- the custom training loop ------------------------------------------------------
ADAM_LR, BETA_1, BETA_2, ADAM_EPSILON = 0.001, 0.9, 0.999, 1e-7
STEPS = -(-SAMPLES // BATCH)


def loop_tf(tf):
    """examples/custom_training_loop.py's loop, for tapeflow and TensorFlow alike."""
    d = _data()
    keras = tf.keras
    model = keras.Sequential(
        [
            keras.Input((FEATURES,)),
            keras.layers.Dense(HIDDEN, activation="relu"),
            keras.layers.Dense(CLASSES),
        ]
    )
    model.set_weights(
        [d["w1"], np.zeros(HIDDEN, np.float32), d["w2"], np.zeros(CLASSES, np.float32)]
    )
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = keras.optimizers.Adam(ADAM_LR)
    train_loss = keras.metrics.Mean(name="loss")
    train_accuracy = keras.metrics.SparseCategoricalAccuracy(name="accuracy")

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        train_loss.update_state(loss)
        train_accuracy.update_state(y, logits)

    dataset = tf.data.Dataset.from_tensor_slices((d["x"], d["y"])).batch(BATCH)

    def epoch():
        train_loss.reset_state()
        train_accuracy.reset_state()
        for x, y in dataset:
            train_step(x, y)
        return np.float32(train_loss.result())

    return epoch


def loop_torch(torch):
    d = _data()
    model = torch.nn.Sequential(
        torch.nn.Linear(FEATURES, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, CLASSES)
    )
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(d["w1"].T.copy()))
        model[0].bias.zero_()
        model[2].weight.copy_(torch.from_numpy(d["w2"].T.copy()))
        model[2].bias.zero_()
    optimizer = torch.optim.Adam(
        model.parameters(), lr=ADAM_LR, betas=(BETA_1, BETA_2), eps=ADAM_EPSILON
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(d["x"]), torch.from_numpy(d["y"].astype(np.int64))

    def epoch():
        total, correct = 0.0, 0
        for start in range(0, SAMPLES, BATCH):
            xb, yb = x[start : start + BATCH], y[start : start + BATCH]
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            total += float(loss)
            correct += int((logits.argmax(1) == yb).sum())
        return np.float32(total / STEPS)

    return epoch


def loop_numpy(np_=np):
    """The same loop by hand: per batch forward, backward, Keras 3's Adam, a running
    mean of the loss and the accuracy's counts."""
    d = _data()
    params = [d["w1"].copy(), np.zeros(HIDDEN, np.float32), d["w2"].copy()]
    params.append(np.zeros(CLASSES, np.float32))
    ms = [np.zeros_like(p) for p in params]
    vs = [np.zeros_like(p) for p in params]
    x, y = d["x"], d["y"]
    one = np.float32(1)
    lr, b1, b2, eps = (np.float32(v) for v in (ADAM_LR, BETA_1, BETA_2, ADAM_EPSILON))
    t = 0

    def epoch():
        nonlocal t
        loss_total, loss_count, hits, seen = 0.0, 0, 0.0, 0
        for start in range(0, SAMPLES, BATCH):
            xb, yb = x[start : start + BATCH], y[start : start + BATCH]
            w1, b1_, w2, b2_ = params
            n = len(xb)
            z1 = xb @ w1 + b1_
            h1 = np.maximum(z1, 0)
            logits = h1 @ w2 + b2_
            shifted = logits - logits.max(axis=1, keepdims=True)
            e = np.exp(shifted)
            s = e.sum(axis=1, keepdims=True)
            rows = np.arange(n)
            loss = np.mean(np.log(s[:, 0]) - shifted[rows, yb])
            d_logits = e / s
            d_logits[rows, yb] -= 1
            d_logits *= np.float32(1.0 / n)
            d_z1 = (d_logits @ w2.T) * (z1 > 0)
            grads = (xb.T @ d_z1, d_z1.sum(axis=0), h1.T @ d_logits, d_logits.sum(axis=0))
            t += 1
            alpha = lr * np.sqrt(one - b2**t) / (one - b1**t)
            for p, g, m, v in zip(params, grads, ms, vs):
                m += (g - m) * (one - b1)
                v += (g * g - v) * (one - b2)
                p -= (m * alpha) / (np.sqrt(v) + eps)
            loss_total += float(loss)
            loss_count += 1
            hits += float(np.count_nonzero(logits.argmax(axis=1) == yb))
            seen += n
        return np.float32(loss_total / loss_count)

    return epoch


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="keras_fit_epoch",
            description="one epoch of model.fit: MLP 64-64-10, 1797 samples, batch 32, SGD, "
            "sparse CE from logits; NumPy: the same 57 steps by hand; target also "
            "<= 0.1x TF Keras",
            unit="ms/epoch",
            scale=1e3,
            builders={"tf": fit_tf, "torch": fit_torch, "numpy": fit_numpy},
            target=Target("ratio", 1.5),
            baseline="numpy",
            check=fit_check,
        ),
        Row(
            name="keras_custom_loop",
            description="examples/custom_training_loop.py's loop: tf.data batches, "
            "GradientTape, Adam's apply_gradients, Mean and SparseCategoricalAccuracy "
            "metrics, the step in @tf.function; MLP 64-64-10, batch 32, 57 steps; NumPy: "
            "the same steps by hand (Keras 3's Adam formula)",
            unit="us/step",
            scale=1e6 / STEPS,
            builders={"tf": loop_tf, "torch": loop_torch, "numpy": loop_numpy},
            target=Target("ratio", 1.1),
            baseline="numpy",
            check=fit_check,
        ),
    ]
