"""Benchmark rows for op library I: ``elementwise_grad``, ``reduction_grad``, ``gather_grad``.

* ``elementwise_grad``: ``tf.sigmoid`` on a 1000x1000 float32 tensor, forward
  plus the gradient w.r.t. the input with a fixed upstream gradient ``G``. The
  baseline is ``s = 1 / (1 + exp(-x))`` in NumPy with its backward ``G * s * (1 - s)``.
* ``reduction_grad``: ``tf.reduce_logsumexp(x, axis=1)`` on the same tensor,
  forward plus gradient (upstream ``g`` of shape 1000). The baseline is the
  stable NumPy formula (max shifted out) with its backward ``g * exp(x - y)``.

* ``gather_grad``: ``tf.gather`` of 20000 rows from a 50000x128 float32 table,
  forward plus the gradient w.r.t. the table (dense, a scatter-add) with a fixed
  upstream gradient. The baseline is ``params[idx]`` and ``np.add.at``.

They measure what tapeflow adds (dispatch, records, the sweep, rules written
with tapeflow ops) to large-array NumPy work: target tapeflow / numpy <= 1.2.

Registration (in ``workloads.py``, after ``ROWS`` is defined and before
``ROWS_BY_NAME``)::

    import rows_math  # noqa: E402
    ROWS.extend(rows_math.rows(Row, Target))
"""

from __future__ import annotations

import functools

import numpy as np

SHAPE = (1000, 1000)


@functools.cache
def math_data() -> dict:
    rng = np.random.default_rng(3)
    return {
        "x": rng.standard_normal(SHAPE, dtype=np.float32) * np.float32(3.0),
        "G": rng.standard_normal(SHAPE, dtype=np.float32),
        "g": rng.standard_normal(SHAPE[0], dtype=np.float32),
    }


# --------------------------------------------------------------------------------------
# elementwise_grad
# --------------------------------------------------------------------------------------
def sigmoid_tf(tf):
    """Written once for tapeflow and TensorFlow."""
    data = math_data()
    x, upstream = tf.constant(data["x"]), tf.constant(data["G"])

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.sigmoid(x)
        return tape.gradient(y, x, output_gradients=upstream)

    return step


def sigmoid_numpy(np_=np):
    data = math_data()
    x, upstream = data["x"], data["G"]

    def step():
        s = 1 / (1 + np.exp(-x))  # stable: e^-x overflowing to inf gives 0
        return upstream * s * (1 - s)

    return step


def sigmoid_torch(torch):
    data = math_data()
    x = torch.from_numpy(data["x"].copy()).requires_grad_()
    upstream = torch.from_numpy(data["G"].copy())

    def step():
        (grad,) = torch.autograd.grad(torch.sigmoid(x), x, grad_outputs=upstream)
        return grad

    return step


def sigmoid_check(grad) -> None:
    _close(grad, sigmoid_numpy()(), "sigmoid gradient")


# --------------------------------------------------------------------------------------
# reduction_grad
# --------------------------------------------------------------------------------------
def logsumexp_tf(tf):
    """Written once for tapeflow and TensorFlow."""
    data = math_data()
    x, upstream = tf.constant(data["x"]), tf.constant(data["g"])

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_logsumexp(x, axis=1)
        return tape.gradient(y, x, output_gradients=upstream)

    return step


def logsumexp_numpy(np_=np):
    data = math_data()
    x, upstream = data["x"], data["g"][:, None]

    def step():
        shift = x.max(axis=1, keepdims=True)
        e = np.exp(x - shift)
        total = e.sum(axis=1, keepdims=True)
        y = np.log(total) + shift
        return (upstream / total) * e, y

    return lambda: step()[0]


def logsumexp_torch(torch):
    data = math_data()
    x = torch.from_numpy(data["x"].copy()).requires_grad_()
    upstream = torch.from_numpy(data["g"].copy())

    def step():
        y = torch.logsumexp(x, dim=1)
        (grad,) = torch.autograd.grad(y, x, grad_outputs=upstream)
        return grad

    return step


def logsumexp_check(grad) -> None:
    _close(grad, logsumexp_numpy()(), "reduce_logsumexp gradient")


# --------------------------------------------------------------------------------------
# gather_grad
# --------------------------------------------------------------------------------------
@functools.cache
def gather_data() -> dict:
    rng = np.random.default_rng(4)
    return {
        "params": rng.standard_normal((50_000, 128), dtype=np.float32),
        "indices": rng.integers(0, 50_000, size=20_000).astype(np.int32),
        "G": rng.standard_normal((20_000, 128), dtype=np.float32),
    }


def gather_tf(tf):
    data = gather_data()
    params = tf.constant(data["params"])
    indices, upstream = tf.constant(data["indices"]), tf.constant(data["G"])

    def step():
        with tf.GradientTape() as tape:
            tape.watch(params)
            rows = tf.gather(params, indices)
        return tf.convert_to_tensor(tape.gradient(rows, params, output_gradients=upstream))

    return step


def gather_numpy(np_=np):
    data = gather_data()
    params, indices, upstream = data["params"], data["indices"], data["G"]

    def step():
        rows = params[indices]  # noqa: F841 - the forward pass, as tapeflow runs it
        grad = np.zeros_like(params)
        np.add.at(grad, indices, upstream)
        return grad

    return step


def gather_torch(torch):
    data = gather_data()
    params = torch.from_numpy(data["params"].copy()).requires_grad_()
    indices = torch.from_numpy(data["indices"].astype(np.int64))
    upstream = torch.from_numpy(data["G"].copy())

    def step():
        rows = params[indices]
        (grad,) = torch.autograd.grad(rows, params, grad_outputs=upstream)
        return grad

    return step


def gather_check(grad) -> None:
    _close(grad, gather_numpy()(), "gather gradient")


def _close(got, want, what: str) -> None:
    got = np.asarray(got)
    if got.shape != want.shape or got.dtype != np.float32:
        raise AssertionError(f"{what}: got {got.dtype}{got.shape}, expected float32{want.shape}")
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6 * float(np.abs(want).max()),
                               err_msg=f"{what} differs from hand-written NumPy")  # fmt: skip


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="elementwise_grad",
            description="float32 1000x1000 tf.sigmoid, forward + gradient w.r.t. the input "
            "(fixed upstream gradient); NumPy: 1/(1+exp(-x)) and G*s*(1-s)",
            unit="ms/step",
            scale=1e3,
            builders={"tf": sigmoid_tf, "numpy": sigmoid_numpy, "torch": sigmoid_torch},
            target=Target("ratio", 1.2),
            baseline="numpy",
            check=sigmoid_check,
        ),
        Row(
            name="reduction_grad",
            description="float32 1000x1000 tf.reduce_logsumexp over axis 1, forward + "
            "gradient (fixed upstream gradient); NumPy: max-shifted formula and g*exp(x-y)",
            unit="ms/step",
            scale=1e3,
            builders={"tf": logsumexp_tf, "numpy": logsumexp_numpy, "torch": logsumexp_torch},
            target=Target("ratio", 1.2),
            baseline="numpy",
            check=logsumexp_check,
        ),
        Row(
            name="gather_grad",
            description="float32 tf.gather of 20000 rows from a 50000x128 table, forward + "
            "dense gradient w.r.t. the table (fixed upstream); NumPy: params[idx], np.add.at",
            unit="ms/step",
            scale=1e3,
            builders={"tf": gather_tf, "numpy": gather_numpy, "torch": gather_torch},
            target=Target("ratio", 1.2),
            baseline="numpy",
            check=gather_check,
        ),
    ]
