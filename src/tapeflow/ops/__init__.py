"""The primitive table, by family. ``PRIMITIVES`` maps each name to its entry.

Importing this package also gives Tensor its operators (``+``, ``*``, ``[]``,
...), each a call of one primitive.
"""

from __future__ import annotations

from .._dispatch import PRIMITIVES
from . import elementwise, index, linalg, nn, reduce, shape
from ._operators import install_operators

__all__ = ["PRIMITIVES", "elementwise", "index", "linalg", "nn", "reduce", "shape"]

install_operators()
