"""The primitive of a Variable read, ``read_variable``.

A tape records a read as ``(read_variable, (variable,), out, {})``: the input
is the Variable itself, so the gradient reaches it. The records are made by
``_dispatch.record_read`` (reads never go through ``apply``), which finds the
primitive under ``_dispatch.READ_VARIABLE``, set here.
"""

from __future__ import annotations

from .. import _dispatch
from .._dispatch import Primitive


def _read_vjp(g, ans, variable):
    return (g,)


read_variable = Primitive(
    "read_variable",
    lambda value: value,
    vjp=_read_vjp,
    array_vjp=True,
    jvp=lambda tangents, ans, variable: tangents[0],
    formula="d read(v) = dv: the value of a variable at the time it is read",
    tf_name="ReadVariableOp",
)
_dispatch.READ_VARIABLE = read_variable
