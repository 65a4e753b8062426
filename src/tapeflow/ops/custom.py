"""The primitive of tf.custom_gradient's records: its VJP is the user's ``grad_fn``.

``_custom_gradient.py`` makes the records (nothing calls ``apply`` on it);
the sweep runs the VJP below, which calls ``grad_fn`` once, or once per row
when the cotangent carries a batch axis (a vectorized jacobian).
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor, convert_to_tensor
from .elementwise import zeros_like
from .index import getitem
from .shape import reshape, stack_rows, unbroadcast

_FLOATS = "fc"


def _custom_impl(*values, grad_fn):
    raise RuntimeError("custom_gradient records are made by tf.custom_gradient, not applied")


def _plain(g):
    """An upstream cotangent the sweep may have wrapped around a Python number."""
    if g.__class__ is Tensor and not hasattr(g._value, "dtype"):
        return convert_to_tensor(g._value)
    return g


def _custom_vjp(g, ans, *inputs, grad_fn):
    g = tuple(_plain(part) for part in g)
    lead = None
    for part, out in zip(g, ans):
        if part.__class__ is Tensor and part._value.ndim > out._value.ndim:
            lead = part._value.shape[: part._value.ndim - out._value.ndim]
            break
    if lead is None:
        cotangents = grad_fn(*g)
        # TensorFlow checks neither shapes nor dtypes of what grad_fn returns: a
        # cotangent of another shape reaches its source as is. The sweep sums
        # Tensors of another shape down to the input's shape; a NumPy value it
        # leaves alone.
        return [
            ct._value if ct.__class__ is Tensor and ct._value.shape != x._value.shape else ct
            for ct, x in zip(cotangents, inputs)
        ]
    return _custom_vjp_rows(g, ans, inputs, grad_fn, lead)


def _custom_vjp_rows(g, ans, inputs, grad_fn, lead: tuple) -> list:
    """A batched cotangent (vectorized jacobian): call grad_fn once per row.

    grad_fn is user code that may mix the elements of its upstream (a norm, a
    clip), so it sees one row at a time, as TensorFlow's vectorized loop would.
    """
    rows = int(np.prod(lead, dtype=np.int64))
    flat = []
    for part, out in zip(g, ans):
        batched = part.__class__ is Tensor and part._value.ndim > out._value.ndim
        flat.append(reshape(part, shape=(rows,) + out._value.shape) if batched else None)
    per_input: list[list] = [[] for _ in inputs]
    for i in range(rows):
        upstream = [part if row is None else getitem(row, index=(i,))
                    for part, row in zip(g, flat)]  # fmt: skip
        for column, ct in zip(per_input, grad_fn(*upstream)):
            column.append(ct)
    cotangents: list = []
    for x, column in zip(inputs, per_input):
        value = x._value
        if value.dtype.kind not in _FLOATS or all(ct is None for ct in column):
            cotangents.append(None)
            continue
        filled = []
        for ct in column:
            if ct is None:
                ct = zeros_like(x)
            elif ct.__class__ is not Tensor:
                ct = convert_to_tensor(ct, dtype=x.dtype)
            if ct._value.shape != value.shape:
                ct = unbroadcast(ct, value.shape, 0)
            filled.append(ct)
        cotangents.append(reshape(stack_rows(*filled), shape=lead + value.shape))
    return cotangents


CUSTOM_GRADIENT = Primitive(
    "custom_gradient",
    _custom_impl,
    vjp=_custom_vjp,
    multiple_results=True,
    holomorphic=False,
    tf_name="CustomGradient",
    formula="VJP = the user's grad_fn (one upstream per flattened output); records are "
    "made by tf.custom_gradient, never by apply",
)
