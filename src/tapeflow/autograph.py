"""``tf.autograph``: the user's switches for AutoGraph.

The converter is ``_function/autograph.py``; what converted code calls at run
time (``if_stmt``, ``while_stmt``, ...) lives in the private
``_autograph_runtime``, so this namespace holds only TF's names.
"""

from __future__ import annotations

import types as _types
from typing import Any as _Any

from . import _autograph_runtime as _runtime

__all__ = ["experimental"]


# --------------------------------------------------------------------------
# The user-facing switches
# --------------------------------------------------------------------------
def do_not_convert(func: _Any = None) -> _Any:
    """Mark ``func`` so AutoGraph calls it as it is (``tf.autograph.experimental.do_not_convert``).

    >>> import tapeflow as tf
    >>> @tf.autograph.experimental.do_not_convert
    ... def f(x):
    ...     return x + 1
    >>> print(f(1))
    2
    """
    if func is None:
        return do_not_convert
    try:
        func.__dict__["_tapeflow_do_not_convert"] = True
    except (AttributeError, TypeError):
        pass
    return func


def set_loop_options(
    parallel_iterations: int | None = None,
    swap_memory: bool | None = None,
    maximum_iterations: int | None = None,
    shape_invariants: _Any = None,
) -> None:
    """Loop options inside a converted loop body: ``shape_invariants`` (pairs of a
    loop variable and the shape it may take) are honoured, the rest accepted.

    >>> import tapeflow as tf
    >>> tf.autograph.experimental.set_loop_options(parallel_iterations=1)
    """
    if shape_invariants and _runtime._loop_options:
        _runtime._loop_options[-1].extend(shape_invariants)


# TF spells these tf.autograph.experimental.*; a namespace keeps that shape.
experimental = _types.SimpleNamespace(
    do_not_convert=do_not_convert, set_loop_options=set_loop_options
)
