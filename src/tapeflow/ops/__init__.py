"""The primitive table, by family. ``PRIMITIVES`` maps each name to its entry.

Importing this package also gives Tensor its operators (``+``, ``*``, ``[]``,
...), each a call of one primitive.
"""

from __future__ import annotations

from .._dispatch import PRIMITIVES
from . import conv, decompositions, elementwise, index, linalg, nn, reduce, scan, shape
from ._operators import install_operators

__all__ = [
    "PRIMITIVES", "conv", "decompositions", "elementwise", "index", "linalg", "nn", "reduce",
    "scan", "shape",
]  # fmt: skip

install_operators()
