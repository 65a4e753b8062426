#!/usr/bin/env python
"""Benchmark rows for GradientTape.jacobian and batch_jacobian.

    python benchmarks/rows_jacobian.py            # ~20 s: tapeflow, interleaved, with ratios
    python benchmarks/rows_jacobian.py --quick    # smoke test

Two workloads, each timed three ways in the same run (interleaved samples,
medians), always including the forward pass under a fresh tape:

``jacobian_elementwise_matmul``
    ``y = tanh(x) * x + W @ sin(x)`` for a float32 vector x of 100 elements:
    ``tape.jacobian(y, x)`` (100 x 100).
``batch_jacobian_mlp``
    a 32 -> 32 -> 32 tanh MLP on a batch of 64: ``tape.batch_jacobian(y, x)``
    (64 x 32 x 32).

For each: the jacobian (one batched reverse sweep), one plain
``tape.gradient`` of the same function (the reference), and the per-row
loop (``experimental_use_pfor=False``, one sweep per output element). The
target is jacobian / gradient <= 5; the loop is expected near the number of
rows (100 and 32).

The ``ROWS`` list holds the same workloads as :class:`workloads.Row` entries
(``<name>`` for the jacobian, ``<name>_gradient`` and ``<name>_loop`` for the
references), with builders for the ``tf`` family (tapeflow and TensorFlow)
and PyTorch, so ``run.py`` can show them next to the peers once registered
(see the end of this file).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

N = 100  # jacobian row: vector length
BATCH, WIDTH = 64, 32  # batch_jacobian row


@functools.cache
def data() -> dict:
    rng = np.random.default_rng(0)
    return {
        "x": np.linspace(-1.0, 1.0, N, dtype=np.float32),
        "W": (rng.standard_normal((N, N)) / np.sqrt(N)).astype(np.float32),
        "X": rng.standard_normal((BATCH, WIDTH)).astype(np.float32),
        "W1": (rng.standard_normal((WIDTH, WIDTH)) / np.sqrt(WIDTH)).astype(np.float32),
        "b1": (rng.standard_normal(WIDTH) * 0.1).astype(np.float32),
        "W2": (rng.standard_normal((WIDTH, WIDTH)) / np.sqrt(WIDTH)).astype(np.float32),
        "b2": (rng.standard_normal(WIDTH) * 0.1).astype(np.float32),
    }


# --------------------------------------------------------------------------
# Reference results (NumPy, float64)
# --------------------------------------------------------------------------
def elementwise_matmul_reference() -> np.ndarray:
    d = data()
    x, W = d["x"].astype(np.float64), d["W"].astype(np.float64)
    t = np.tanh(x)
    return np.diag(t + x * (1 - t * t)) + W * np.cos(x)[None, :]


def mlp_reference() -> np.ndarray:
    d = data()
    X, W1, b1, W2, b2 = (d[k].astype(np.float64) for k in ("X", "W1", "b1", "W2", "b2"))
    h = np.tanh(X @ W1 + b1)
    y = np.tanh(h @ W2 + b2)
    # J_b = diag(1 - y_b^2) W2^T diag(1 - h_b^2) W1^T
    inner = W2.T[None, :, :] * (1 - h * h)[:, None, :]
    return (1 - y * y)[:, :, None] * (inner @ W1.T)


def _checker(reference, rtol=2e-4):
    def check(value):
        value = np.asarray(value, dtype=np.float64)
        ref = reference()
        if value.shape != ref.shape:
            raise AssertionError(f"shape {value.shape}, expected {ref.shape}")
        np.testing.assert_allclose(value, ref, rtol=rtol, atol=rtol * np.abs(ref).max())

    return check


# --------------------------------------------------------------------------
# tf family (tapeflow and TensorFlow)
# --------------------------------------------------------------------------
def elementwise_matmul_tf(tf, mode: str = "jacobian"):
    """``mode``: "jacobian", "gradient" or "loop" (experimental_use_pfor=False)."""
    d = data()
    x = tf.constant(d["x"])
    W = tf.constant(d["W"])

    def f():
        return tf.tanh(x) * x + tf.reshape(tf.matmul(W, tf.reshape(tf.sin(x), [N, 1])), [N])

    def step():
        with tf.GradientTape(persistent=mode == "loop") as tape:
            tape.watch(x)
            y = f()
        if mode == "gradient":
            return tape.gradient(y, x)
        return tape.jacobian(y, x, experimental_use_pfor=mode != "loop")

    return step


def mlp_tf(tf, mode: str = "jacobian"):
    d = data()
    X = tf.constant(d["X"])
    W1, b1, W2, b2 = (tf.constant(d[k]) for k in ("W1", "b1", "W2", "b2"))

    def step():
        with tf.GradientTape(persistent=mode == "loop") as tape:
            tape.watch(X)
            y = tf.tanh(tf.matmul(tf.tanh(tf.matmul(X, W1) + b1), W2) + b2)
        if mode == "gradient":
            return tape.gradient(y, X)
        return tape.batch_jacobian(y, X, experimental_use_pfor=mode != "loop")

    return step


# --------------------------------------------------------------------------
# PyTorch (peer)
# --------------------------------------------------------------------------
def elementwise_matmul_torch(torch, mode: str = "jacobian"):
    d = data()
    x = torch.from_numpy(d["x"].copy())
    W = torch.from_numpy(d["W"].copy())

    def f(v):
        return torch.tanh(v) * v + W @ torch.sin(v)

    if mode == "gradient":

        def step():
            v = x.detach().requires_grad_()
            (g,) = torch.autograd.grad(f(v), v, grad_outputs=torch.ones(N))
            return g

        return step
    vectorize = mode != "loop"
    return lambda: torch.autograd.functional.jacobian(f, x, vectorize=vectorize)


def mlp_torch(torch, mode: str = "jacobian"):
    d = data()
    X = torch.from_numpy(d["X"].copy())
    W1, b1, W2, b2 = (torch.from_numpy(d[k].copy()) for k in ("W1", "b1", "W2", "b2"))

    def f(v):
        return torch.tanh(torch.tanh(v @ W1 + b1) @ W2 + b2)

    if mode == "gradient":

        def step():
            v = X.detach().requires_grad_()
            (g,) = torch.autograd.grad(f(v), v, grad_outputs=torch.ones(BATCH, WIDTH))
            return g

        return step
    jac_single = torch.func.jacrev(lambda row: f(row[None])[0])
    return lambda: torch.func.vmap(jac_single)(X)


# --------------------------------------------------------------------------
# Registry rows (for run.py) and the in-process ratio runner
# --------------------------------------------------------------------------
WORKLOADS = {
    "jacobian_elementwise_matmul": (
        f"tape.jacobian of y = tanh(x) * x + W @ sin(x), float32 x of {N} ({N} x {N} result)",
        elementwise_matmul_tf, elementwise_matmul_torch, elementwise_matmul_reference,
    ),
    "batch_jacobian_mlp": (
        f"tape.batch_jacobian of a {WIDTH}-{WIDTH}-{WIDTH} tanh MLP, batch {BATCH} "
        f"({BATCH} x {WIDTH} x {WIDTH} result)",
        mlp_tf, mlp_torch, mlp_reference,
    ),
}  # fmt: skip

MODES = {
    "": "the jacobian (one batched reverse sweep)",
    "_gradient": "one plain tape.gradient of the same function (the reference)",
    "_loop": "experimental_use_pfor=False: one reverse sweep per output row",
}


def _rows():
    try:
        from workloads import Row, Target
    except ImportError:  # run outside benchmarks/: no registry rows
        return []
    rows = []
    for name, (description, tf_builder, torch_builder, reference) in WORKLOADS.items():
        for suffix, what in MODES.items():
            mode = suffix.lstrip("_") or "jacobian"
            rows.append(Row(
                name=name + suffix,
                description=f"{description}; {what}",
                unit="ms", scale=1e3,
                builders={"tf": functools.partial(tf_builder, mode=mode),
                          "torch": functools.partial(torch_builder, mode=mode)},
                check=None if mode == "gradient" else _checker(reference),
                target=(Target("row", 5.0, other_row=name + "_gradient")
                        if mode == "jacobian" else None),
                notes="target: jacobian / gradient <= 5 (python benchmarks/rows_jacobian.py)",
            ))  # fmt: skip
    return rows


ROWS = _rows()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few samples (smoke test)")
    args = parser.parse_args(argv)

    import timing

    import tapeflow as tf

    plan = timing.Plan(budget_s=0.3 if args.quick else 2.0, min_repeats=5 if args.quick else 15)
    failed = False
    for name, (description, tf_builder, _, reference) in WORKLOADS.items():
        check = _checker(reference)
        samplers = []
        for suffix in MODES:
            step = tf_builder(tf, mode=suffix.lstrip("_") or "jacobian")
            if suffix != "_gradient":
                check(step().numpy())
            samplers.append(timing.LocalSampler(name + suffix, step))
        results = timing.run_interleaved(samplers, plan)
        jac, grad, loop = (results[name + suffix].median for suffix in MODES)
        ratio = jac / grad
        print(f"{name}: {description}")
        print(f"  jacobian {jac * 1e3:8.3f} ms   gradient {grad * 1e3:8.3f} ms   "
              f"row loop {loop * 1e3:8.3f} ms")  # fmt: skip
        print(f"  jacobian / gradient = {ratio:5.2f}  (target <= 5)   "
              f"loop / gradient = {loop / grad:6.1f}   loop / jacobian = {loop / jac:5.1f}")  # fmt: skip
        failed |= ratio > 5
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

# Registering the rows with run.py: at the end of benchmarks/workloads.py, before
# ``ROWS_BY_NAME`` is built, add
#
#     from rows_jacobian import ROWS as _JACOBIAN_ROWS  # noqa: E402
#     ROWS.extend(_JACOBIAN_ROWS)
#
# (rows_jacobian imports ``Row`` from workloads lazily, after it is defined).
# run.py then picks them up (``--only jacobian_elementwise_matmul,...``); the
# jacobian / gradient ratio is the ratio of the ``<name>`` and ``<name>_gradient``
# rows' tapeflow medians.
