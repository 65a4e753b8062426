"""Benchmark rows for tf.linalg: ``batched_matmul_chain``.

A batch of 32 float32 64x64 matrices X goes through four batched matmuls with
per-example weights, tanh between them:

    h1 = tanh(X @ W1); h2 = tanh(h1 @ W2); h3 = tanh(h2 @ W3); loss = sum(h3 @ W4)

and one timed unit is the forward pass plus the gradient w.r.t. W1..W4. The
baseline is the same maths hand-written in NumPy (forward and backward) in the
same run; the target is tapeflow / numpy <= 1.3.

Registration (in ``workloads.py``, after ``ROWS`` is defined and before
``ROWS_BY_NAME``)::

    import rows_linalg  # noqa: E402
    ROWS.extend(rows_linalg.rows(Row, Target))

This module does not import ``workloads``, so there is no import cycle.
"""

from __future__ import annotations

import functools

import numpy as np

BATCH, SIZE, DEPTH = 32, 64, 4


@functools.cache
def chain_data() -> dict:
    rng = np.random.default_rng(1)
    data = {"X": rng.standard_normal((BATCH, SIZE, SIZE), dtype=np.float32)}
    scale = np.float32(1.0 / np.sqrt(SIZE))
    for i in range(1, DEPTH + 1):
        data[f"W{i}"] = rng.standard_normal((BATCH, SIZE, SIZE), dtype=np.float32) * scale
    return data


def _weights(data: dict) -> list:
    return [data[f"W{i}"] for i in range(1, DEPTH + 1)]


def chain_tf(tf):
    """Written once for tapeflow and TensorFlow."""
    data = chain_data()
    x = tf.constant(data["X"])
    weights = [tf.Variable(w) for w in _weights(data)]

    def step():
        with tf.GradientTape() as tape:
            h = x
            for i, w in enumerate(weights):
                h = tf.matmul(h, w)
                if i < DEPTH - 1:
                    h = tf.tanh(h)
            loss = tf.reduce_sum(h)
        return tape.gradient(loss, weights)

    return step


def chain_numpy(np_=np):
    """Hand-written float32 forward and backward, the same maths as chain_tf."""
    data = chain_data()
    x = data["X"]
    weights = _weights(data)

    def step():
        inputs = []
        h = x
        for i, w in enumerate(weights):
            inputs.append(h)
            h = h @ w
            if i < DEPTH - 1:
                h = np.tanh(h)
        grad = np.ones_like(h)  # d sum(h) / dh
        grads = [None] * DEPTH
        for i in range(DEPTH - 1, -1, -1):
            grads[i] = np.swapaxes(inputs[i], -1, -2) @ grad
            if i:
                grad = (grad @ np.swapaxes(weights[i], -1, -2)) * (1 - inputs[i] * inputs[i])
        return grads

    return step


def chain_torch(torch):
    data = chain_data()
    x = torch.from_numpy(data["X"].copy())
    weights = [torch.from_numpy(w.copy()).requires_grad_() for w in _weights(data)]

    def step():
        h = x
        for i, w in enumerate(weights):
            h = h @ w
            if i < DEPTH - 1:
                h = torch.tanh(h)
        return list(torch.autograd.grad(h.sum(), weights))

    return step


def chain_nplike(api):
    data = chain_data()
    x = api.asarray(data["X"])
    weights = tuple(api.asarray(w) for w in _weights(data))
    anp = api.np

    def loss(weights):
        h = x
        for i, w in enumerate(weights):
            h = anp.matmul(h, w)
            if i < DEPTH - 1:
                h = anp.tanh(h)
        return anp.sum(h)

    grad = api.grad(loss)
    return lambda: list(grad(weights))


def chain_check(grads) -> None:
    reference = chain_numpy()()
    if len(grads) != DEPTH:
        raise AssertionError(f"expected {DEPTH} gradients, got {len(grads)}")
    for i, (g, r) in enumerate(zip(grads, reference), start=1):
        g = np.asarray(g)
        if g.shape != r.shape or g.dtype != np.float32:
            raise AssertionError(f"dW{i}: got {g.dtype}{g.shape}, expected float32{r.shape}")
        np.testing.assert_allclose(g, r, rtol=1e-3, atol=1e-4 * float(np.abs(r).max()),
                                   err_msg=f"dW{i} differs from hand-written NumPy")  # fmt: skip


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="batched_matmul_chain",
            description=f"batch {BATCH} of float32 {SIZE}x{SIZE} matrices through {DEPTH} "
            "batched matmuls (per-example weights) with tanh between, sum; forward + "
            f"gradient w.r.t. the {DEPTH} weight batches",
            unit="ms/step",
            scale=1e3,
            builders={
                "tf": chain_tf,
                "numpy": chain_numpy,
                "torch": chain_torch,
                "nplike": chain_nplike,
            },  # fmt: skip
            target=Target("ratio", 1.3),
            baseline="numpy",
            check=chain_check,
        )
    ]
