"""The classifier of train_classifier.py, trained by a hand-written loop.

The loop is the one TensorFlow's guides teach: a ``tf.data`` pipeline, a
``GradientTape`` around the forward pass, ``optimizer.apply_gradients``,
Keras metrics updated per batch and reset per epoch, and the step compiled
with ``@tf.function``. Data: scikit-learn's digits when installed
(``pip install 'tapeflow[examples]'``), else the same synthetic stand-in.

Run:  python examples/custom_training_loop.py [--epochs 10] [--eager]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from train_classifier import load_data

import tapeflow as tf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--samples", type=int, default=1797, help="synthetic data only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eager", action="store_true", help="do not compile the step")
    args = parser.parse_args()

    tf.random.set_seed(args.seed)
    images, labels, source = load_data(args.seed, args.samples)
    order = np.random.default_rng(args.seed).permutation(len(labels))
    split = int(0.8 * len(labels))
    train, test = order[:split], order[split:]
    print(f"data: {source}, {split} training and {len(test)} test examples")

    model = tf.keras.Sequential(
        [
            tf.keras.Input((64,)),
            tf.keras.layers.Dense(args.hidden, activation="relu"),
            tf.keras.layers.Dense(10),
        ]
    )
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)
    train_loss = tf.keras.metrics.Mean(name="loss")
    train_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name="accuracy")
    test_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name="test_accuracy")

    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        train_loss.update_state(loss)
        train_accuracy.update_state(y, logits)

    if not args.eager:
        train_step = tf.function(train_step)

    dataset = (
        tf.data.Dataset.from_tensor_slices((images[train], labels[train]))
        .shuffle(split, seed=args.seed)
        .batch(args.batch_size)
    )
    for epoch in range(1, args.epochs + 1):
        train_loss.reset_state()
        train_accuracy.reset_state()
        start = time.perf_counter()
        steps = 0
        for x, y in dataset:
            train_step(x, y)
            steps += 1
        per_step = (time.perf_counter() - start) / steps * 1e3
        print(
            f"epoch {epoch}: loss {float(train_loss.result()):.4f}, "
            f"accuracy {float(train_accuracy.result()):.4f}, {per_step:.2f} ms/step"
        )
    test_accuracy.update_state(labels[test], model(images[test], training=False))
    print(f"test accuracy: {float(test_accuracy.result()):.4f}")


if __name__ == "__main__":
    main()
