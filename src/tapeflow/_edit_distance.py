"""tf.edit_distance: Levenshtein distances between the sequences of two SparseTensors."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _backend
from . import dtypes as _dt
from ._tensor import Tensor, wrap
from .errors import _op_error, _shape_text

__all__ = ["edit_distance"]


def _levenshtein(a: list, b: list) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _groups(sparse: Any) -> dict:
    """Leading index -> the values in order of their last index."""
    indices = np.asarray(_backend.to_host(sparse.indices._value))
    values = np.asarray(_backend.to_host(sparse.values._value))
    order = np.lexsort(indices.T[::-1]) if indices.size else np.arange(len(values))
    groups: dict = {}
    for i in order:
        groups.setdefault(tuple(int(v) for v in indices[i, :-1]), []).append(values[i])
    return groups


def edit_distance(
    hypothesis: Any, truth: Any, normalize: bool = True, name: str = "edit_distance"
) -> Tensor:
    """Levenshtein distance between each sequence of ``hypothesis`` and of ``truth``
    (SparseTensors whose last axis runs along the sequences), shape: their leading
    dense dimensions (the larger of the two). With ``normalize`` each distance is
    divided by the truth's length (inf for an empty truth, 0 when both are empty).

    >>> h = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 2, 3], [2, 2])
    >>> t = tf.SparseTensor([[0, 0], [1, 0], [1, 1]], [1, 3, 4], [2, 2])
    >>> tf.edit_distance(h, t)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1. , 0.5], dtype=float32)>
    """
    from .sparse import SparseTensor

    if not isinstance(hypothesis, SparseTensor):
        raise TypeError("Hypothesis must be a SparseTensor.")
    if not isinstance(truth, SparseTensor):
        raise TypeError("Truth must be a SparseTensor.")
    op = "EditDistance"
    if truth.values._value.dtype != hypothesis.values._value.dtype:
        expected = _dt._from_numpy(hypothesis.values._value.dtype).c_name
        got = _dt._from_numpy(truth.values._value.dtype).c_name
        raise _op_error(
            f"cannot compute {op} as input #4(zero-based) was expected to be a {expected} tensor "
            f"but is a {got} tensor",
            op, name,
        )  # fmt: skip
    h_shape = [int(d) for d in np.asarray(_backend.to_host(hypothesis.dense_shape._value))]
    t_shape = [int(d) for d in np.asarray(_backend.to_host(truth.dense_shape._value))]
    if len(h_shape) != len(t_shape):
        raise _op_error(
            "Expected truth and hypothesis to have matching ranks, but their shapes are: "
            f"{_shape_text([len(t_shape)])} and {_shape_text([len(h_shape)])}",
            op, name,
        )  # fmt: skip
    out_shape = [max(a, b) for a, b in zip(h_shape[:-1], t_shape[:-1])]
    out = np.zeros(out_shape, dtype=np.float32)
    hyp, tru = _groups(hypothesis), _groups(truth)
    for key in set(hyp) | set(tru):
        a, b = hyp.get(key, []), tru.get(key, [])
        distance = float(_levenshtein(a, b))
        if normalize:
            distance = distance / len(b) if b else (np.inf if a else 0.0)
        out[key] = distance
    return wrap(out)
