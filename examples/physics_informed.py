"""A physics-informed neural network (PINN) for Burgers' equation, written as TF code.

    u_t + u * u_x = nu * u_xx,   x in [-1, 1], t in [0, 1], nu = 0.01 / pi
    u(0, x) = -sin(pi x),        u(t, -1) = u(t, 1) = 0

A small tanh network u(t, x) is trained so that the equation's residual
vanishes at random collocation points while it meets the initial and
boundary conditions. The derivatives u_t, u_x and u_xx come from nested
GradientTapes (the inner ones differentiate with respect to the inputs, the
outer one with respect to the weights); Adam updates the weights.

Run:  python examples/physics_informed.py [--steps 2000] [--plot burgers.png]
"""

from __future__ import annotations

import argparse
import math

import numpy as np

import tapeflow as tf

NU = 0.01 / math.pi


class PINN(tf.Module):
    """A fully connected tanh network from (t, x) to u, Glorot-initialized."""

    def __init__(self, hidden: int, depth: int, seed: int) -> None:
        super().__init__(name="pinn")
        rng = np.random.default_rng(seed)
        sizes = [2] + [hidden] * depth + [1]
        self.weights = []
        self.biases = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            limit = math.sqrt(6.0 / (fan_in + fan_out))
            self.weights.append(
                tf.Variable(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
            )
            self.biases.append(tf.Variable(np.zeros(fan_out, np.float32)))

    def __call__(self, t, x):
        h = tf.concat([t, x], axis=1)
        for w, b in zip(self.weights[:-1], self.biases[:-1]):
            h = tf.tanh(tf.matmul(h, w) + b)
        return tf.matmul(h, self.weights[-1]) + self.biases[-1]


def residual(net: PINN, t, x):
    """u_t + u u_x - nu u_xx at the points (t, x), through nested tapes."""
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch([t, x])
            u = net(t, x)
        u_x = inner.gradient(u, x)
        u_t = inner.gradient(u, t)
    u_xx = outer.gradient(u_x, x)
    return u_t + u * u_x - NU * u_xx


def make_points(n: int, seed: int):
    rng = np.random.default_rng(seed)
    column = lambda a: tf.constant(a.reshape(-1, 1).astype(np.float32))  # noqa: E731
    t_f, x_f = column(rng.uniform(0, 1, n)), column(rng.uniform(-1, 1, n))
    x_0 = rng.uniform(-1, 1, n // 2)
    t_b = rng.uniform(0, 1, n // 2)
    x_b = np.where(rng.random(n // 2) < 0.5, -1.0, 1.0)
    return {
        "collocation": (t_f, x_f),
        "initial": (column(np.zeros_like(x_0)), column(x_0), column(-np.sin(np.pi * x_0))),
        "boundary": (column(t_b), column(x_b)),
    }


def train(
    steps: int,
    points: int,
    hidden: int,
    depth: int,
    learning_rate: float,
    seed: int,
    log_every: int,
):
    net = PINN(hidden, depth, seed)
    data = make_points(points, seed + 1)
    optimizer = tf.keras.optimizers.Adam(learning_rate)
    history = []
    for step in range(1, steps + 1):
        with tf.GradientTape() as tape:
            f = residual(net, *data["collocation"])
            t0, x0, u0 = data["initial"]
            tb, xb = data["boundary"]
            loss_f = tf.reduce_mean(tf.square(f))
            loss_0 = tf.reduce_mean(tf.square(net(t0, x0) - u0))
            loss_b = tf.reduce_mean(tf.square(net(tb, xb)))
            loss = loss_f + loss_0 + loss_b
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        history.append(float(loss.numpy()))
        if step == 1 or step % log_every == 0 or step == steps:
            print(
                f"step {step:5d}  loss {history[-1]:.5f}  "
                f"(pde {float(loss_f.numpy()):.5f}, initial {float(loss_0.numpy()):.5f}, "
                f"boundary {float(loss_b.numpy()):.5f})"
            )
    return net, history


def plot(net: PINN, path: str) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot")
        return
    t, x = np.meshgrid(np.linspace(0, 1, 101), np.linspace(-1, 1, 201))
    u = net(tf.constant(t.reshape(-1, 1), tf.float32), tf.constant(x.reshape(-1, 1), tf.float32))
    fig, ax = plt.subplots(figsize=(8, 3.5))
    image = ax.pcolormesh(t, x, u.numpy().reshape(x.shape), cmap="RdBu_r", shading="auto")
    fig.colorbar(image, ax=ax, label="u(t, x)")
    ax.set_xlabel("t")
    ax.set_ylabel("x")
    ax.set_title("Burgers' equation, PINN solution")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"saved the solution plot to {path}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--points", type=int, default=2000, help="collocation points")
    parser.add_argument("--hidden", type=int, default=20)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=0.005)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log-every", type=int, default=200)
    parser.add_argument("--plot", default="burgers_pinn.png", help="PNG path ('' for none)")
    args = parser.parse_args(argv)
    net, history = train(
        args.steps,
        args.points,
        args.hidden,
        args.depth,
        args.learning_rate,
        args.seed,
        args.log_every,
    )
    print(f"loss went from {history[0]:.5f} to {history[-1]:.5f} in {len(history)} steps")
    t = tf.constant([[0.0], [0.0], [0.5]])
    x = tf.constant([[-0.5], [0.5], [0.0]])
    values = net(t, x).numpy().ravel()
    print(
        "u(0, -0.5) = {:.4f} (exact 1.0000), u(0, 0.5) = {:.4f} (exact -1.0000), u(0.5, 0) = {:.4f} (exact 0)".format(
            *values
        )
    )
    if args.plot:
        plot(net, args.plot)


if __name__ == "__main__":
    main()
