"""tf.nn.fractional_max_pool and fractional_avg_pool: pooling by a fractional ratio.

The row and column boundaries are drawn as TF draws them (random: every window
``floor(in / out)`` or one more, the longer ones at random places; pseudo-random:
``ceil(alpha (i + u)) - ceil(alpha u)`` for one uniform ``u``), with tapeflow's
seed rules. Pooling over given boundaries is separable (rows, then columns), so
it is a composite of slices and reductions and inherits their gradients.

>>> import tapeflow as tf
>>> out, rows, cols = tf.nn.fractional_max_pool(tf.ones([1, 7, 9, 1]), [1.0, 1.5, 1.7, 1.0])
>>> out.shape, rows.dtype, int(rows[-1]), int(cols[-1])
(TensorShape([1, 4, 5, 1]), tf.int64, 7, 9)
"""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._dispatch import stateful
from .._tensor import Tensor, as_tensor, wrap
from .._types import TensorLike
from ..errors import _op_error


def _tf():
    import tapeflow

    return tapeflow


def _ratios(pooling_ratio) -> list:
    # TF's max-pool wrapper checks in Python: lists and tuples element by element, Python
    # ints and floats as one ratio, anything else (NumPy scalars, tensors) refused.
    if isinstance(pooling_ratio, (list, tuple)):
        if pooling_ratio[0] != 1.0 or pooling_ratio[-1] != 1.0:
            raise ValueError(
                "`pooling_ratio` should have first and last elements with value 1.0. "
                f"Received: pooling_ratio={pooling_ratio}"
            )  # TF-TEXT
        if any(r < 1.0 for r in pooling_ratio):
            raise ValueError(
                "`pooling_ratio` elements should be >= 1.0. "
                f"Received: pooling_ratio={pooling_ratio}"
            )  # TF-TEXT
    elif isinstance(pooling_ratio, (int, float)):
        if pooling_ratio < 1.0:
            raise ValueError(
                f"`pooling_ratio` should be >= 1.0. Received: pooling_ratio={pooling_ratio}"
            )  # TF-TEXT
        pooling_ratio = [1.0, pooling_ratio, pooling_ratio, 1.0]
    else:
        raise ValueError(
            "`pooling_ratio` should be an int or a list of ints. "
            f"Received: pooling_ratio={pooling_ratio}"
        )  # TF-TEXT
    if len(pooling_ratio) in (1, 2):
        pooling_ratio = [1.0, *(list(pooling_ratio) * (3 - len(pooling_ratio))), 1.0]
    elif len(pooling_ratio) != 4:
        raise ValueError(
            "pooling_ratio should be of length 1, 2 or 4. "
            f"Received: pooling_ratio={pooling_ratio} of length {len(pooling_ratio)}"
        )  # TF-TEXT
    return [float(r) for r in pooling_ratio]


def _avg_ratios(pooling_ratio) -> list:
    # The avg-pool wrapper hands the ratio straight to the op: a list of Python reals only.
    if not isinstance(pooling_ratio, (list, tuple)):
        raise TypeError(
            "Expected list for 'pooling_ratio' argument to 'fractional_avg_pool' Op, not "
            f"{pooling_ratio!r}."
        )  # TF-TEXT
    for r in pooling_ratio:
        if isinstance(r, (str, bytes)) or not isinstance(r, (int, float, np.integer, np.floating)):
            raise TypeError(f"Expected float for argument 'pooling_ratio' not {r!r}.")  # TF-TEXT
    return [float(r) for r in pooling_ratio]


def output_size(size: int, ratio: float) -> int:
    # TF divides in float32: 8 / 1.6 is 5 there (4 in float64 floor division).
    return int(np.floor(np.float32(size) / np.float32(ratio)))


def pooling_sequence(rng, size: int, ratio: float, pseudo_random: bool) -> np.ndarray:
    """Window boundaries 0 = b_0 < ... < b_out = size for one axis (TF's rules)."""
    out = output_size(size, ratio)
    if pseudo_random:
        alpha = size / out
        u = rng.random()
        marks = np.ceil(alpha * (np.arange(out + 1) + u)) - np.ceil(alpha * u)
        marks[-1] = size
        return marks.astype(np.int64)
    base = size // out
    steps = np.full(out, base, np.int64)
    steps[rng.permutation(out)[: size - out * base]] += 1
    return np.concatenate([[0], np.cumsum(steps)]).astype(np.int64)


def pool_with_sequences(value, rows, cols, overlapping: bool, reduce) -> Tensor:
    """Pool ``value`` [batch, height, width, channels] over the given boundaries."""
    tf = _tf()
    x = as_tensor(value)

    def windows(t, marks, axis):
        limit = t.shape[axis]
        parts = []
        for start, stop in zip(marks[:-1], marks[1:]):
            stop = min(int(stop) + 1, limit) if overlapping else int(stop)
            part = t[:, int(start) : stop] if axis == 1 else t[:, :, int(start) : stop]
            parts.append(reduce(part, axis=axis))
        return tf.stack(parts, axis=axis)

    return windows(windows(x, list(rows), 1), list(cols), 2)


def _fractional(value, pooling_ratio, pseudo_random, overlapping, seed, op, reduce):
    from ..random._seeds import _next_seed_generator

    ratios = _ratios(pooling_ratio)
    x = as_tensor(value)
    if x.shape.rank != 4:
        raise _op_error("tensor_in must be 4-dimensional", op)
    for d in (1, 2):
        if ratios[d] > x.shape[d]:
            raise _op_error(
                f"Pooling ratio is higher than input dimension size for dimension {d}. Input dim "
                f"size: {x.shape[d]} pooling ratio: {ratios[d]:g}",
                op,
            )
    rng = _next_seed_generator(seed or None)
    rows = pooling_sequence(rng, x.shape[1], ratios[1], pseudo_random)
    cols = pooling_sequence(rng, x.shape[2], ratios[2], pseudo_random)
    out = pool_with_sequences(x, rows, cols, overlapping, reduce)
    return out, wrap(rows), wrap(cols)


@stateful
def fractional_max_pool(
    value: TensorLike,
    pooling_ratio: float | list,
    pseudo_random: bool = False,
    overlapping: bool = False,
    seed: int = 0,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Max pooling with windows of fractional average size ``pooling_ratio``.

    Returns ``(output, row_pooling_sequence, col_pooling_sequence)``; the
    sequences are the window boundaries (int64), output size ``floor(in / ratio)``.

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> out, rows, cols = tf.nn.fractional_max_pool(x, [1.0, 2.0, 2.0, 1.0], seed=1)
    >>> out[0, :, :, 0].numpy().tolist()
    [[5.0, 7.0], [13.0, 15.0]]
    """
    tf = _tf()
    return _fractional(value, pooling_ratio, pseudo_random, overlapping, seed,
                       "FractionalMaxPool", tf.reduce_max)  # fmt: skip


@stateful
def fractional_avg_pool(
    value: TensorLike,
    pooling_ratio: float | list,
    pseudo_random: bool = False,
    overlapping: bool = False,
    seed: int = 0,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Average pooling with windows of fractional average size ``pooling_ratio``.

    >>> import tapeflow as tf
    >>> x = tf.reshape(tf.range(16.0), [1, 4, 4, 1])
    >>> out, rows, cols = tf.nn.fractional_avg_pool(x, [1.0, 2.0, 2.0, 1.0], seed=1)
    >>> out[0, :, :, 0].numpy().tolist()
    [[2.5, 4.5], [10.5, 12.5]]
    """
    pooling_ratio = _avg_ratios(pooling_ratio)
    for flag, arg in ((pseudo_random, "pseudo_random"), (overlapping, "overlapping")):
        if not isinstance(flag, bool):  # the op's bool attrs, checked before its lengths
            raise TypeError(f"Expected bool for argument '{arg}' not {flag!r}.")  # TF-TEXT
    if len(pooling_ratio) < 4:  # TF's avg wrapper leaves this to the op's attribute check
        raise _op_error(
            f"Length for attr 'pooling_ratio' of {len(pooling_ratio)} must be at least minimum "
            "4\n\t; NodeDef: {{node FractionalAvgPool}}; Op<name=FractionalAvgPool; "
            "signature=value:T -> output:T, row_pooling_sequence:int64, "
            "col_pooling_sequence:int64; attr=pooling_ratio:list(float),min=4; "
            "attr=pseudo_random:bool,default=false; attr=overlapping:bool,default=false; "
            "attr=deterministic:bool,default=false; attr=seed:int,default=0; "
            "attr=seed2:int,default=0; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, "
            "DT_INT64]>",
            "FractionalAvgPool",
        )  # TF-TEXT
    if len(pooling_ratio) > 4:
        raise _op_error("pooling_ratio field must specify 4 dimensions", "FractionalAvgPool")
    tf = _tf()
    x = as_tensor(value)
    if not x.dtype.is_integer:
        return _fractional(x, pooling_ratio, pseudo_random, overlapping, seed,
                           "FractionalAvgPool", tf.reduce_mean)  # fmt: skip
    # Integers: each window's sum divided by its size, truncated (C++ integer division).
    wide = tf.cast(x, _dt.float64)
    sums, rows, cols = _fractional(wide, pooling_ratio, pseudo_random, overlapping, seed,
                                   "FractionalAvgPool", tf.reduce_sum)  # fmt: skip
    sizes = pool_with_sequences(tf.ones_like(wide[:1, :, :, :1]), rows.numpy(), cols.numpy(),
                                overlapping, tf.reduce_sum)  # fmt: skip
    return tf.cast(tf.truncatediv(sums, sizes), x.dtype), rows, cols
