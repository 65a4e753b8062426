"""The same MLP training loop run eagerly and as one @tf.function.

Both loops start from the same weights and see the same batches, so they
print the same losses; then each loop's time per step. Runs unchanged with
``import tensorflow as tf`` (swap the import).

    PYTHONPATH=src python examples/compiled_training_step.py
"""

import time

import numpy as np

import tapeflow as tf

BATCH, SIZES, STEPS, LEARNING_RATE = 128, (784, 256, 256, 10), 20, 0.1


def make_data(seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((BATCH, SIZES[0])).astype(np.float32)
    labels = rng.integers(0, SIZES[-1], size=BATCH)
    y = np.eye(SIZES[-1], dtype=np.float32)[labels]
    weights = [
        (rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)).astype(np.float32)
        for n_in, n_out in zip(SIZES[:-1], SIZES[1:])
    ]
    return tf.constant(x), tf.constant(y), weights


def make_step(weights):
    variables = [tf.Variable(w) for w in weights]
    biases = [tf.Variable(tf.zeros([n])) for n in SIZES[1:]]
    params = variables + biases

    def step(x, y):
        with tf.GradientTape() as tape:
            h = x
            for i, (w, b) in enumerate(zip(variables, biases)):
                h = tf.matmul(h, w) + b
                if i < len(variables) - 1:
                    h = tf.nn.relu(h)
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=h))
        grads = tape.gradient(loss, params)
        for p, g in zip(params, grads):
            p.assign_sub(LEARNING_RATE * g)
        return loss

    return step


def train(step, x, y):
    losses, times = [], []
    for _ in range(STEPS):
        start = time.perf_counter()
        loss = step(x, y)
        times.append(time.perf_counter() - start)
        losses.append(float(loss))
    return losses, times


def main() -> None:
    x, y, weights = make_data()
    eager_losses, eager_times = train(make_step(weights), x, y)
    compiled_losses, compiled_times = train(tf.function(make_step(weights)), x, y)
    shown = []
    for i, (a, b) in enumerate(zip(eager_losses, compiled_losses)):
        shown.append((f"{a:.6f}", f"{b:.6f}"))
        print(f"step {i:2d}  eager loss {shown[-1][0]}  compiled loss {shown[-1][1]}")
    # The compiled gradient runs the Tensor forms of the derivative rules (eager
    # runs their NumPy forms), so a last bit may differ; printed losses agree.
    print("printed losses identical:", all(a == b for a, b in shown))
    # The first compiled call traces; the second compiles the program.
    print(f"eager step:    {np.median(eager_times) * 1e3:.2f} ms (median)")
    print(f"compiled step: {np.median(compiled_times[2:]) * 1e3:.2f} ms (median, after 2 calls)")


if __name__ == "__main__":
    main()
