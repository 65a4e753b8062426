"""Train a small MLP classifier with tf.keras's compile/fit, written as TF code.

The data is scikit-learn's handwritten digits (1797 images of 8x8 pixels,
10 classes) when scikit-learn is installed (``pip install
'tapeflow[examples]'``); otherwise a synthetic stand-in of the same shape:
ten noisy prototype images. The script prints the model summary, Keras's
progress bar during ``fit``, the test accuracy, and saves a loss/accuracy
plot as a PNG when matplotlib is installed.

Run:  python examples/train_classifier.py [--epochs 15] [--plot classifier.png]
"""

from __future__ import annotations

import argparse

import numpy as np

import tapeflow as tf


def load_data(seed: int, samples: int):
    """Features scaled to [0, 1], integer labels, and where they came from."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        rng = np.random.default_rng(seed)
        prototypes = rng.uniform(0, 1, size=(10, 64))
        labels = rng.integers(0, 10, size=samples)
        images = prototypes[labels] + rng.normal(0, 0.6, size=(samples, 64))
        return np.clip(images, 0, 1).astype(np.float32), labels.astype(np.int32), "synthetic"
    digits = load_digits()
    return (digits.data / 16.0).astype(np.float32), digits.target.astype(np.int32), "digits"


def build_model(hidden: int) -> tf.keras.Model:
    model = tf.keras.Sequential(
        [
            tf.keras.Input((64,)),
            tf.keras.layers.Dense(hidden, activation="relu"),
            tf.keras.layers.Dropout(0.1),
            tf.keras.layers.Dense(10, activation="softmax"),
        ],
        name="digits_mlp",
    )
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=0.01),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(),
        metrics=["accuracy"],
    )
    return model


def save_plot(history: dict, path: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot saved")
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    for key, axis in (("loss", left), ("accuracy", right)):
        axis.plot(history[key], label="training")
        axis.plot(history[f"val_{key}"], label="validation")
        axis.set_xlabel("epoch")
        axis.set_title(key)
        axis.legend()
    fig.tight_layout()
    fig.savefig(path)
    print(f"saved the training curves to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--samples", type=int, default=1797, help="synthetic data only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", type=int, default=1, choices=(0, 1, 2))
    parser.add_argument("--plot", default="classifier.png")
    args = parser.parse_args()

    tf.keras.utils.set_random_seed(args.seed)
    x, y, source = load_data(args.seed, args.samples)
    order = np.random.default_rng(args.seed).permutation(len(x))
    split = int(0.8 * len(x))
    train, test = order[:split], order[split:]
    print(f"data: {source}, {len(train)} training and {len(test)} test samples")

    model = build_model(args.hidden)
    model.summary()
    history = model.fit(
        x[train],
        y[train],
        batch_size=args.batch_size,
        epochs=args.epochs,
        validation_split=0.1,
        verbose=args.verbose,
    )
    loss, accuracy = model.evaluate(x[test], y[test], verbose=0)
    print(f"test loss: {loss:.4f}")
    print(f"test accuracy: {accuracy:.4f}")
    save_plot(history.history, args.plot)


if __name__ == "__main__":
    main()
