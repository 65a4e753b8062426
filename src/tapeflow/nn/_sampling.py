"""Sampled losses and their helpers: compute_accidental_hits (and, below, the
candidate samplers, nce_loss and sampled_softmax_loss).

>>> import tapeflow as tf
>>> idx, ids, w = tf.nn.compute_accidental_hits(
...     tf.constant([[1], [2]], tf.int64), tf.constant([2, 5], tf.int64), num_true=1)
>>> idx.numpy().tolist(), ids.numpy().tolist()
([1], [0])
"""

from __future__ import annotations

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._tensor import Tensor, as_tensor, wrap
from .._types import TensorLike
from ..errors import _op_error


def _int64(value: TensorLike) -> np.ndarray:
    tensor = as_tensor(value)
    if tensor.dtype != _dt.int64 and isinstance(value, Tensor):
        raise ValueError(
            f"Tensor conversion requested dtype int64 for Tensor with dtype "
            f"{tensor.dtype.name}: {tensor!r}"
        )  # TF-TEXT
    return np.asarray(_backend.to_host(tensor._value)).astype(np.int64)


def compute_accidental_hits(
    true_classes: TensorLike,
    sampled_candidates: TensorLike,
    num_true: int,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Where a sampled candidate equals one of a row's true classes.

    Returns ``(indices, ids, weights)``: the row (int32), the position in
    ``sampled_candidates`` (int64; the last one when a candidate is sampled
    twice, as TF's kernel keeps it) and ``-FLT_MAX`` weights, one entry per true
    class found, rows in order.

    >>> import tapeflow as tf
    >>> idx, ids, w = tf.nn.compute_accidental_hits(
    ...     tf.constant([[1, 3]], tf.int64), tf.constant([3, 0], tf.int64), num_true=2)
    >>> idx.numpy().tolist(), ids.numpy().tolist(), w.dtype
    ([0], [0], tf.float32)
    """
    true = _int64(true_classes)
    sampled = _int64(sampled_candidates)
    if true.ndim != 2 or true.shape[1] != int(num_true):
        raise _op_error(
            "true_candidates must be a batch_size * num_true matrix", "ComputeAccidentalHits"
        )
    position = {int(c): j for j, c in enumerate(sampled.tolist())}  # the last one wins
    rows, ids = [], []
    for i, row in enumerate(true.tolist()):
        for c in row:
            if c in position:
                rows.append(i)
                ids.append(position[c])
    weights = np.full(len(rows), -np.finfo(np.float32).max, np.float32)
    return wrap(np.array(rows, np.int32)), wrap(np.array(ids, np.int64)), wrap(weights)
