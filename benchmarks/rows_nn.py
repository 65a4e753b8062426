"""Benchmark rows for tf.nn: ``conv2d_grad``.

One conv2d layer, NHWC float32: a batch of 32 images of 32x32x16 convolved with
32 filters of 3x3, SAME padding, stride 1. One timed unit is the forward pass
plus both backward products (the gradients w.r.t. the input and the filter),
with a fixed upstream gradient ``G`` (``tape.gradient(y, [x, w],
output_gradients=G)``). The baseline is the same computation written directly
in NumPy -- im2col with ``sliding_window_view`` and one matmul forward, the
filter gradient from the same columns, the input gradient as one matmul per
kernel tap added into the padded input -- in the same run; the target is
tapeflow / numpy <= 1.3. PyTorch's CPU build is a peer when it is installed.

Registration (in ``workloads.py``, after ``ROWS`` is defined and before
``ROWS_BY_NAME``)::

    import rows_nn  # noqa: E402
    ROWS.extend(rows_nn.rows(Row, Target))

Standalone: ``python benchmarks/rows_nn.py`` prints the three timings, using
:func:`conv2d_seconds` and :func:`conv2d_torch_seconds`. This module does not
import ``workloads``, so there is no import cycle.
"""

from __future__ import annotations

import functools
import statistics
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

BATCH, SIZE, CHANNELS, FILTERS, KERNEL = 32, 32, 16, 32, 3


@functools.cache
def conv_data() -> dict:
    rng = np.random.default_rng(2)
    fan_in = KERNEL * KERNEL * CHANNELS
    return {
        "x": rng.standard_normal((BATCH, SIZE, SIZE, CHANNELS), dtype=np.float32),
        "w": rng.standard_normal((KERNEL, KERNEL, CHANNELS, FILTERS), dtype=np.float32)
        / np.float32(np.sqrt(fan_in)),
        "g": rng.standard_normal((BATCH, SIZE, SIZE, FILTERS), dtype=np.float32),
    }


def conv2d_tf(tf):
    """Written once for tapeflow and TensorFlow."""
    data = conv_data()
    x = tf.constant(data["x"])
    w = tf.Variable(data["w"])
    upstream = tf.constant(data["g"])

    def step():
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.nn.conv2d(x, w, strides=1, padding="SAME")
        return tape.gradient(y, [x, w], output_gradients=upstream)

    return step


def conv2d_numpy(np_=np):
    """Hand-written float32 forward and both backward products (NHWC, SAME, stride 1)."""
    data = conv_data()
    x, w, g = data["x"], data["w"], data["g"]
    pad = KERNEL // 2
    w_matrix = w.reshape(-1, FILTERS)
    g_matrix = g.reshape(-1, FILTERS)

    def step():
        xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
        windows = sliding_window_view(xp, (KERNEL, KERNEL), axis=(1, 2))  # N,H,W,C,kh,kw
        cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(-1, KERNEL * KERNEL * CHANNELS)
        y = (cols @ w_matrix).reshape(BATCH, SIZE, SIZE, FILTERS)
        dw = (cols.T @ g_matrix).reshape(w.shape)
        dxp = np.zeros_like(xp)
        for i in range(KERNEL):
            for j in range(KERNEL):
                tap = g_matrix @ w[i, j].T
                dxp[:, i : i + SIZE, j : j + SIZE, :] += tap.reshape(BATCH, SIZE, SIZE, CHANNELS)
        dx = dxp[:, pad:-pad, pad:-pad, :]
        return [dx, dw, y]

    return lambda: step()[:2]


def conv2d_torch(torch):
    data = conv_data()
    x = torch.from_numpy(data["x"].transpose(0, 3, 1, 2).copy()).requires_grad_()
    w = torch.from_numpy(data["w"].transpose(3, 2, 0, 1).copy()).requires_grad_()
    upstream = torch.from_numpy(data["g"].transpose(0, 3, 1, 2).copy())
    conv = torch.nn.functional.conv2d

    def step():
        y = conv(x, w, padding=KERNEL // 2)
        dx, dw = torch.autograd.grad(y, [x, w], grad_outputs=upstream)
        return [dx.permute(0, 2, 3, 1), dw.permute(2, 3, 1, 0)]

    return step


def conv2d_check(grads) -> None:
    reference = conv2d_numpy()()
    if len(grads) != 2:
        raise AssertionError(f"expected 2 gradients, got {len(grads)}")
    for name, g, r in zip(("dx", "dw"), grads, reference):
        g = np.asarray(g)
        if g.shape != r.shape or g.dtype != np.float32:
            raise AssertionError(f"{name}: got {g.dtype}{g.shape}, expected float32{r.shape}")
        np.testing.assert_allclose(g, r, rtol=1e-3, atol=1e-4 * float(np.abs(r).max()),
                                   err_msg=f"{name} differs from hand-written NumPy")  # fmt: skip


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="conv2d_grad",
            description=f"float32 NHWC conv2d, batch {BATCH}, {SIZE}x{SIZE}x{CHANNELS} -> "
            f"{FILTERS} filters {KERNEL}x{KERNEL}, SAME, stride 1; forward + gradients "
            "w.r.t. input and filter (fixed upstream gradient)",
            unit="ms/step",
            scale=1e3,
            builders={"tf": conv2d_tf, "numpy": conv2d_numpy, "torch": conv2d_torch},
            target=Target("ratio", 1.3),
            baseline="numpy",
            check=conv2d_check,
        )
    ]


# --------------------------------------------------------------------------------------
# Standalone measurement (no harness): interleaved medians in one process
# --------------------------------------------------------------------------------------
def _interleaved_medians(steps: dict, repeats: int) -> dict:
    for step in steps.values():  # warm up: first calls pay for imports and allocations
        step()
        step()
    samples = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def conv2d_seconds(repeats: int = 30) -> tuple:
    """(tapeflow_seconds, numpy_seconds) per forward+backward step, measured interleaved."""
    import tapeflow

    step = conv2d_tf(tapeflow)
    conv2d_check([np.asarray(g) for g in step()])
    medians = _interleaved_medians({"tapeflow": step, "numpy": conv2d_numpy()}, repeats)
    return medians["tapeflow"], medians["numpy"]


def conv2d_torch_seconds(repeats: int = 30):
    """PyTorch CPU seconds per step, or None when torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    step = conv2d_torch(torch)
    conv2d_check([g.detach().numpy() for g in step()])
    return _interleaved_medians({"torch": step}, repeats)["torch"]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    tapeflow_s, numpy_s = conv2d_seconds()
    print(f"tapeflow {tapeflow_s * 1e3:8.2f} ms/step")
    print(f"numpy    {numpy_s * 1e3:8.2f} ms/step   ratio {tapeflow_s / numpy_s:.2f} (target 1.3)")
    torch_s = conv2d_torch_seconds()
    print("torch    " + ("not installed" if torch_s is None else f"{torch_s * 1e3:8.2f} ms/step"))
