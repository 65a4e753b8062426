#!/usr/bin/env python
"""Least squares by gradient descent on a Dask cluster, with tapeflow's GradientTape.

The data X (rows x features) and y = X w* + noise are generated chunk by chunk
on the workers of a ``dask.distributed`` LocalCluster and never gathered: the
client only ever holds the small weight vector. Each step builds the loss and
its gradient lazily (tapeflow Tensors backed by Dask arrays), and one
``.numpy()`` makes the cluster compute both, regenerating the chunks as it
goes, so the data may be larger than any worker's memory limit.

    python examples/distributed_least_squares.py                  # 1.2 GiB of data
    python examples/distributed_least_squares.py --rows 20000 --steps 5 --threads

It prints the loss per step, the distance of the result to the closed-form
solution (the normal equations, also computed by the cluster), and how much
the client's peak resident memory grew while training, against a fixed bound.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

try:
    import dask.array as da
    from dask.distributed import Client, LocalCluster
except ImportError as error:  # pragma: no cover - the `dask` extra
    raise SystemExit(
        f"this example needs the `dask` extra (pip install tapeflow[dask]): {error}"
    ) from None

import tapeflow as tf


def make_data(rows: int, features: int, chunk_rows: int, seed: int):
    """X and y as Dask arrays whose chunks are drawn on the workers, chunk by chunk."""
    rng = da.random.default_rng(seed)
    x = rng.standard_normal((rows, features), chunks=(chunk_rows, features))
    true_w = np.linspace(-1.0, 1.0, features).reshape(features, 1)
    noise = rng.standard_normal((rows, 1), chunks=(chunk_rows, 1))
    y = x @ da.from_array(true_w) + 0.1 * noise
    return tf.constant(x), tf.constant(y)


def closed_form(x, y) -> np.ndarray:
    """The normal equations' solution; X^T X and X^T y are reduced by the cluster."""
    xtx = tf.matmul(x, x, transpose_a=True)
    xty = tf.matmul(x, y, transpose_a=True)
    packed = tf.concat([xtx, xty], axis=1).numpy()  # one pass over the data
    return np.linalg.solve(packed[:, :-1], packed[:, -1:])


def train(x, y, steps: int, learning_rate: float, log=print) -> np.ndarray:
    features = x.shape[1]
    w = tf.Variable(da.zeros((features, 1)))
    for step in range(steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
        grad = tape.gradient(loss, w)
        # Loss and gradient are lazy; packing them makes one pass compute both.
        packed = tf.concat([tf.reshape(loss, [1]), tf.reshape(grad, [-1])], axis=0).numpy()
        log(f"step {step:3d}  loss {packed[0]:.6f}")
        w.assign(da.from_array(w.numpy() - learning_rate * packed[1:].reshape(features, 1)))
    return w.numpy()


def peak_rss_mib() -> float:
    """The client process's peak resident memory so far, in MiB (Linux: ru_maxrss is KiB).

    It covers everything in this process: tapeflow, the task graphs, the
    results, and the cluster's scheduler (LocalCluster runs it here); with
    ``--threads`` also the workers and so the chunks they compute.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# The client's peak may grow by at most this much while it trains: it holds
# the weights, one step's task graph (a few kB per chunk) and the scheduler's
# bookkeeping of it, never a chunk of the data.
CLIENT_GROWTH_BOUND_MIB = 64.0


def within_bound(growth_mib: float) -> bool:
    """True when the client's peak grew by less than the bound while training.

    >>> within_bound(18.5), within_bound(100.0)
    (True, False)
    """
    return growth_mib < CLIENT_GROWTH_BOUND_MIB


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 4.8M rows x 33 columns of float64: 1208 MiB, 4x a worker's 300 MiB limit
    # and 2x the whole cluster's.
    parser.add_argument("--rows", type=int, default=4_800_000)
    parser.add_argument("--features", type=int, default=32)
    parser.add_argument("--chunk-rows", type=int, default=50_000)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--learning-rate", type=float, default=0.3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="300MiB", help="per worker process")
    parser.add_argument(
        "--threads",
        action="store_true",
        help="workers as threads in this process: faster start, no memory limit "
        "(the client's peak then includes the chunks being computed)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    data_mib = args.rows * (args.features + 1) * 8 / 2**20
    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=not args.threads,
            memory_limit=0 if args.threads else args.memory_limit,
            dashboard_address=None,
        ) as cluster,
        Client(cluster),
    ):
        limit = "none: threads" if args.threads else args.memory_limit
        print(f"data: {data_mib:.0f} MiB on {args.workers} workers "
              f"(memory limit {limit} each)")  # fmt: skip
        x, y = make_data(args.rows, args.features, args.chunk_rows, args.seed)
        before = peak_rss_mib()
        w = train(x, y, args.steps, args.learning_rate)
        best = closed_form(x, y)
        peak = peak_rss_mib()
    error = float(np.max(np.abs(w - best)))
    growth = peak - before
    ok = within_bound(growth)
    print(f"max |w - w_closed_form| = {error:.2e}")
    print(f"client peak RSS {peak:.0f} MiB; grew {growth:.1f} MiB while training "
          f"(bound {CLIENT_GROWTH_BOUND_MIB:.0f} MiB, data {data_mib:.0f} MiB): "
          f"{'within' if ok else 'OVER'}; {time.perf_counter() - start:.1f} s")  # fmt: skip
    return {"error": error, "peak_mib": peak, "growth_mib": growth, "within_bound": ok}


if __name__ == "__main__":
    main()
