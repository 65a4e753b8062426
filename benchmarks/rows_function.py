"""Benchmark rows for tf.function: compiled programs against hand-written NumPy.

* ``function_mlp_step``: one whole training step inside one ``@tf.function``:
  the 784-256-256-10 MLP of ``mlp_grad`` (batch 128), softmax cross-entropy,
  ``tape.gradient`` w.r.t. the three weight matrices and an SGD
  ``assign_sub``. The baseline is the same step in NumPy (forward, backward,
  ``W -= lr * dW``); target tapeflow / numpy <= 1.05.
* ``function_scalar_chain``: ``scalar_chain`` (300 steps of ``y = y * x + 0.1``
  and dy/dx) inside one ``@tf.function`` taking ``x`` as its argument, per op;
  the baseline is the chain and its derivative written with NumPy float32
  scalars; target tapeflow / numpy <= 2.
* ``function_trace_1000`` and ``function_eager_1000``: the first call of a new
  ``@tf.function`` of 1000 elementwise ops on a 4-vector (the trace), and one
  eager run of the same Python function; target trace / eager <= 3. Building
  and compiling the program are not part of the trace: they happen on the
  second call (docs/function.md).

* ``function_while_run`` and ``function_while_trace``: a ``tf.while_loop`` of
  ``WHILE_STEPS`` scalar steps ``y = y * x + 0.1`` under a tape, and dy/dx,
  inside one ``@tf.function`` (x an argument, the trip count a constant): a
  later call (the compiled program), and the first call of a new function
  (trace, build and one run). No target: TensorFlow's ``@tf.function`` is
  the comparison.

Registration (in ``workloads.py``)::

    import rows_function  # noqa: E402
    ROWS.extend(rows_function.rows(Row, Target))
"""

from __future__ import annotations

import functools

import numpy as np

MLP_LR = 0.01
CHAIN_STEPS = 300
TRACE_OPS = 1000
WHILE_STEPS = 10_000
WHILE_X = 0.9999


@functools.cache
def _mlp_data() -> dict:
    from workloads import mlp_data

    return mlp_data()


def mlp_step_tf(tf):
    """Written once for tapeflow and TensorFlow: a compiled SGD step."""
    d = _mlp_data()
    X, Y = tf.constant(d["X"]), tf.constant(d["Y"])
    b1, b2, b3 = (tf.constant(d[k]) for k in ("b1", "b2", "b3"))
    W = [tf.Variable(d[k]) for k in ("W1", "W2", "W3")]

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            h1 = tf.nn.relu(tf.matmul(X, W[0]) + b1)
            h2 = tf.nn.relu(tf.matmul(h1, W[1]) + b2)
            logits = tf.matmul(h2, W[2]) + b3
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))
        grads = tape.gradient(loss, W)
        for w, g in zip(W, grads):
            w.assign_sub(MLP_LR * g)
        return loss

    return step


def mlp_step_numpy(np_=np):
    """The same step by hand: forward, backward, in-place SGD."""
    d = _mlp_data()
    X, Y, b1, b2, b3 = (d[k] for k in ("X", "Y", "b1", "b2", "b3"))
    W1, W2, W3 = (d[k].copy() for k in ("W1", "W2", "W3"))
    inv_batch = np.float32(1.0 / X.shape[0])
    lr = np.float32(MLP_LR)

    def step():
        nonlocal W1, W2, W3
        z1 = X @ W1 + b1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ W2 + b2
        h2 = np.maximum(z2, 0)
        logits = h2 @ W3 + b3
        shifted = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        loss = np.mean(-(Y * (shifted - np.log(total))).sum(axis=1))
        dlogits = (e / total - Y) * inv_batch
        dW3 = h2.T @ dlogits
        dz2 = (dlogits @ W3.T) * (z2 > 0)
        dW2 = h1.T @ dz2
        dz1 = (dz2 @ W2.T) * (z1 > 0)
        dW1 = X.T @ dz1
        W1 -= lr * dW1
        W2 -= lr * dW2
        W3 -= lr * dW3
        return loss

    return step


def mlp_step_check(loss) -> None:
    value = float(np.asarray(loss))
    if not np.isfinite(value) or value <= 0:
        raise AssertionError(f"training step loss {value} is not a positive number")


def chain_tf(tf):
    """Written once for tapeflow and TensorFlow: the scalar chain compiled."""
    x = tf.constant(np.float32(0.5))

    @tf.function
    def chain(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x
            for _ in range(CHAIN_STEPS):
                y = y * x + 0.1
        return tape.gradient(y, x)

    return lambda: chain(x)


def chain_numpy(np_=np):
    """y = y * x + c and dy/dx with NumPy float32 scalars, the tape written out."""
    x, c = np.float32(0.5), np.float32(0.1)

    def step():
        ys = [x]
        y = x
        for _ in range(CHAIN_STEPS):
            y = y * x + c
            ys.append(y)
        g, gx = np.float32(1.0), np.float32(0.0)
        for i in range(CHAIN_STEPS, 0, -1):
            gx = gx + g * ys[i - 1]
            g = g * x
        return gx + g

    return step


def chain_check(g) -> None:
    x, y, dy = 0.5, 0.5, 1.0
    for _ in range(CHAIN_STEPS):
        y, dy = y * x + 0.1, dy * x + y
    np.testing.assert_allclose(float(np.asarray(g)), dy, rtol=1e-4)


def _body(tf, v):
    y = v
    for _ in range(TRACE_OPS // 2):
        y = y * 1.0001 + 0.001
    return y


def trace_tf(tf):
    """A new tf.function each time: its first call is the trace."""
    v = tf.constant(np.ones(4, np.float32))

    def step():
        return tf.function(functools.partial(_body, tf))(v)

    return step


def eager_tf(tf):
    v = tf.constant(np.ones(4, np.float32))
    return lambda: _body(tf, v)


def _while_function(tf):
    def loop(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            _, y = tf.while_loop(
                lambda i, y: i < WHILE_STEPS,
                lambda i, y: (i + 1, y * x + 0.1),
                (tf.constant(0), x),
            )
        return tape.gradient(y, x)

    return loop


def while_run_tf(tf):
    """Written once for tapeflow and TensorFlow: later calls of the compiled loop."""
    x = tf.constant(np.float32(WHILE_X))
    loop = tf.function(_while_function(tf))
    loop(x)  # the trace
    return lambda: loop(x)


def while_trace_tf(tf):
    """A new tf.function each time: its first call traces, builds and runs once."""
    x = tf.constant(np.float32(WHILE_X))
    return lambda: tf.function(_while_function(tf))(x)


def while_check(g) -> None:
    x, y, dy = WHILE_X, WHILE_X, 1.0
    for _ in range(WHILE_STEPS):
        y, dy = y * x + 0.1, dy * x + y
    np.testing.assert_allclose(float(np.asarray(g)), dy, rtol=1e-2)


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="function_mlp_step",
            description="one @tf.function training step: MLP 784-256-256-10, batch 128, "
            "softmax cross-entropy, tape.gradient, SGD assign_sub; NumPy: the same step by hand",
            unit="ms/step",
            scale=1e3,
            builders={"tf": mlp_step_tf, "numpy": mlp_step_numpy},
            target=Target("ratio", 1.05),
            baseline="numpy",
            check=mlp_step_check,
        ),
        Row(
            name="function_scalar_chain",
            description=f"scalar_chain inside one @tf.function (x an argument): {CHAIN_STEPS} x "
            "`y = y * x + 0.1` and dy/dx; NumPy float32 scalars by hand; time per op",
            unit="us/op",
            scale=1e6 / (2 * CHAIN_STEPS),
            builders={"tf": chain_tf, "numpy": chain_numpy},
            target=Target("ratio", 2.0),
            baseline="numpy",
            check=chain_check,
        ),
        Row(
            name="function_eager_1000",
            description=f"one eager run of a Python function of {TRACE_OPS} elementwise ops "
            "on a float32 4-vector",
            unit="ms",
            scale=1e3,
            builders={"tf": eager_tf},
        ),
        Row(
            name="function_trace_1000",
            description=f"first call (trace) of a new @tf.function of the same {TRACE_OPS} ops",
            unit="ms",
            scale=1e3,
            builders={"tf": trace_tf},
            target=Target("row", 3.0, other_row="function_eager_1000"),
        ),
        Row(
            name="function_while_run",
            description=f"tf.while_loop of {WHILE_STEPS} scalar steps `y = y * x + 0.1` and "
            "dy/dx (tape) inside one @tf.function: a call of the compiled program",
            unit="ms",
            scale=1e3,
            builders={"tf": while_run_tf},
            check=while_check,
        ),
        Row(
            name="function_while_trace",
            description="the same loop: first call of a new @tf.function (trace, build, one run)",
            unit="ms",
            scale=1e3,
            builders={"tf": while_trace_tf},
            check=while_check,
        ),
    ]
