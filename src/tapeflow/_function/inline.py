"""Generated lines that are NumPy expressions instead of impl calls (one of graph.py's passes).

A program is specialised to the shapes and dtypes of its trace, so for some
nodes the branch their impl would take is known when the code is generated.
Such a node's line is that branch's expression itself, which computes the
same bits (the same NumPy call on the same operands) without the impl's
Python frame and checks, about a microsecond each for small arrays:

* a 2-D float ``matmul`` small enough for OpenBLAS to run on one thread by
  itself is ``a @ b`` (``a.T @ b`` for ``transpose_a``, the same view
  ``_matmul_impl`` makes); larger ones keep the impl's thread switch;
* ``sum_to_shape`` down to a scalar or over one leading axis is the
  reduction its impl's fast branches run.

``inline_forms`` returns the expressions, with ``{0}``, ``{1}``... standing
for the node's inputs; graph.py writes them where it would write the call.
Methods and operators, not NumPy functions: a program's arrays may be
another library's (Dask, CuPy), which dispatch those.
"""

from __future__ import annotations

import numpy as np

from .._blas import _OWN_LIMIT
from ..ops.linalg import matmul
from ..ops.shape import sum_to_shape

__all__ = ["inline_forms"]


def _array(name: str, values: dict, constants: dict):
    value = values.get(name)
    if value is None:
        value = constants.get(name)
    return value if isinstance(value, np.ndarray) else None


def _matmul_form(node, values: dict, constants: dict) -> str | None:
    if len(node.ins) != 2 or set(node.params) - {"transpose_a", "transpose_b"}:
        return None
    a, b = (_array(n, values, constants) for n in node.ins)
    if a is None or b is None or a.ndim != 2 or b.ndim != 2 or a.dtype.kind not in "fc":
        return None
    left = "{0}.T" if node.params.get("transpose_a") else "{0}"
    right = "{1}.T" if node.params.get("transpose_b") else "{1}"
    rows, inner = a.shape[::-1] if node.params.get("transpose_a") else a.shape
    cols = b.shape[0] if node.params.get("transpose_b") else b.shape[1]
    if rows * inner * cols > _OWN_LIMIT:
        return None  # the impl may switch BLAS threads for this one
    return f"{left} @ {right}"


def _sum_to_shape_form(node, values: dict, constants: dict) -> str | None:
    x = _array(node.ins[0], values, constants)
    shape = node.params.get("shape")
    if x is None or not isinstance(shape, tuple) or set(node.params) != {"shape"}:
        return None
    # the first two branches of _sum_to_shape_impl, in its order
    if x.ndim - len(shape) == 1 and x.shape[1:] == shape:
        return "{0}.sum(axis=0)"
    if not shape and x.ndim > 1:
        return "{0}.sum(keepdims=True).reshape(())"
    return None


_FORMS = {matmul: _matmul_form, sum_to_shape: _sum_to_shape_form}


def inline_forms(nodes: list, values: dict, constants: dict) -> dict:
    """node -> the expression its generated line computes instead of the impl call.

    >>> inline_forms([], {}, {})
    {}
    """
    forms = {}
    for node in nodes:
        form = _FORMS.get(node.fn)
        if form is None:
            continue
        text = form(node, values, constants)
        if text is not None:
            forms[node] = text
    return forms
