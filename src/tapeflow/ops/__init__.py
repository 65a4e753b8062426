"""The primitive table, by family. ``PRIMITIVES`` maps each name to its entry.

Importing this package also binds the ops that Tensor's operators (``+``,
``*``, ``[]``, ..., written in ``_tensor.py``) call.
"""

from __future__ import annotations

from .._dispatch import PRIMITIVES
from . import (
    conv,
    custom,
    decompositions,
    device,
    elementwise,
    index,
    linalg,
    nn,
    reduce,
    scan,
    shape,
    special_incomplete,
    special_more,
    spectral,
    unregistered,
    variable,
)
from ._operators import bind_tensor_operators

__all__ = [
    "PRIMITIVES", "conv", "custom", "decompositions", "device", "elementwise", "index", "linalg", "nn",
    "reduce", "scan", "shape", "special_incomplete", "special_more", "spectral", "unregistered",
    "variable",
]  # fmt: skip

bind_tensor_operators()
