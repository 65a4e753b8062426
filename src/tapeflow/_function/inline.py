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
  reduction its impl's fast branches run;
* float ``divide``, ``pow``, ``reduce_sum``, ``cast``, ``relu`` and
  ``relu_grad`` are their impls' float branches, and ``divide_no_nan`` by a
  nonzero scalar constant is the plain quotient its impl takes;
* ``less``, ``less_equal``, ``greater``, ``greater_equal`` on NumPy operands
  of one numeric dtype are the operators (a loop test ``i < n`` on two scalars
  skips the ufunc call), and ``add`` on numeric NumPy operands is ``a + b``.

``inline_forms`` returns the expressions, with ``{0}``, ``{1}``... standing
for the node's inputs; graph.py writes them where it would write the call.
A form that needs objects (a dtype, a ufunc) returns ``(text, objects)``:
``{P}_name`` in the text is the object under ``name``, which graph.py puts
in the program's namespace under the node's own prefix. Methods, operators
and ufuncs, not other NumPy functions: a program's arrays may be another
library's (Dask, CuPy), which dispatch those.
"""

from __future__ import annotations

import operator

import numpy as np

from .._blas import _OWN_LIMIT
from ..ops.elementwise import add, cast, divide, divide_no_nan, multiply, pow, subtract
from ..ops.linalg import matmul
from ..ops.logic import greater, greater_equal, less, less_equal
from ..ops.nn import relu, relu_grad, sigmoid_xent_grad, sigmoid_xent_grad_kernel
from ..ops.reduce import reduce_sum
from ..ops.shape import sum_to_shape

__all__ = ["inline_forms", "meeting_scalars_only", "value_rank"]

_OPERATORS = (operator.add, operator.sub, operator.mul, operator.truediv)
_NONE: set = frozenset()  # type: ignore[assignment]


def _array(name: str, values: dict, constants: dict):
    value = values.get(name)
    if value is None:
        value = constants.get(name)
    return value if isinstance(value, np.ndarray) else None


def _matmul_form(node, values: dict, constants: dict) -> str | tuple | None:
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
    if left == "{0}.T" and node.ins[0] in constants:
        # the same view of a constant, made once instead of on every run (a loop body
        # takes the data's transpose for its weights' gradient on every step)
        return f"{{P}}_lhs @ {right}", {"lhs": a.T}
    return f"{left} @ {right}"


def _sum_to_shape_form(node, values: dict, constants: dict) -> str | tuple | None:
    x = _array(node.ins[0], values, constants)
    shape = node.params.get("shape")
    if x is None or not isinstance(shape, tuple) or set(node.params) != {"shape"}:
        return None
    # the first two branches of _sum_to_shape_impl, in its order
    if x.ndim - len(shape) == 1 and x.shape[1:] == shape:
        return "{0}.sum(axis=0)"
    if not shape and x.ndim > 1:
        return _SUM_TO_SCALAR
    return None


_SUM_TO_SCALAR = "{0}.sum(keepdims=True).reshape(())"
# The same reduction, as a NumPy scalar: where that meets other scalars only (a bias's
# SGD step), NumPy's scalar fast path takes it; a 0-d array costs a ufunc call each.
_SUM_TO_NUMPY_SCALAR = ("{P}_sum({0}, None)", {"sum": np.add.reduce})


def _value(name: str, values: dict, constants: dict):
    value = values.get(name)
    return constants.get(name) if value is None else value


def _floats(node, values: dict, constants: dict) -> bool:
    """Whether every input is a NumPy float array or scalar (the impls' float branch)."""
    for name in node.ins:
        value = _value(name, values, constants)
        if not isinstance(value, (np.ndarray, np.generic)) or value.dtype.kind != "f":
            return False
    return True


def _divide_form(node, values: dict, constants: dict) -> str | None:
    return "{0} / {1}" if _floats(node, values, constants) else None


def _divide_no_nan_form(node, values: dict, constants: dict) -> str | None:
    y = constants.get(node.ins[1])
    if y is None or np.ndim(y) != 0 or y == 0 or not _floats(node, values, constants):
        return None
    return "{0} / {1}"  # the impl's first branch: a nonzero scalar divisor


def _pow_form(node, values: dict, constants: dict) -> tuple | None:
    if not _floats(node, values, constants):
        return None
    return "{P}_power({0}, {1})", {"power": np.power}  # the ufunc: ``**`` rounds otherwise


def _reduce_sum_form(node, values: dict, constants: dict) -> str | None:
    x = values.get(node.ins[0])
    axis, keepdims = node.params.get("axis", ()), node.params.get("keepdims")
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f" or keepdims.__class__ is not bool:
        return None
    if not (axis is None or (axis.__class__ is tuple and all(a.__class__ is int for a in axis))):
        return None
    return f"{{0}}.sum(axis={axis!r}, keepdims={keepdims})"


def _cast_form(node, values: dict, constants: dict) -> tuple | None:
    x = values.get(node.ins[0])
    dtype = node.params.get("dtype")
    target = getattr(dtype, "as_numpy_dtype_instance", None)
    # an array of rank >= 1 (the impl's ``[()]`` leaves it as it is) or a NumPy scalar
    if not (isinstance(x, np.ndarray) and x.ndim > 0 or isinstance(x, np.generic)):
        return None
    if target is None or x.dtype == target:
        return None
    return "{0}.astype({P}_dtype)", {"dtype": target}


def _relu_form(node, values: dict, constants: dict) -> tuple | None:
    x = values.get(node.ins[0])
    if x.__class__ is not np.ndarray or x.dtype.kind != "f" or x.size >= 4096:
        return None
    return "{P}_maximum({0}, {P}_zero)", {"maximum": np.maximum, "zero": np.zeros((), x.dtype)}


def _sigmoid_xent_grad_form(node, values: dict, constants: dict) -> tuple | None:
    g, x, z = (_value(n, values, constants) for n in node.ins)
    for a in (g, x, z):
        if a.__class__ is not np.ndarray or a.shape != x.shape or a.dtype != x.dtype:
            return None
    if x.dtype.kind != "f":
        return None
    # the impl's own kernel, which it calls for these operands after its checks
    return "{P}_kernel({0}, {1}, {2})", {"kernel": sigmoid_xent_grad_kernel(x.dtype)}


def _relu_grad_form(node, values: dict, constants: dict) -> str | None:
    return "{0} * ({1} > 0)"  # the impl's own expression


def _comparison_form(symbol: str):
    """``{0} < {1}`` for NumPy operands of one numeric dtype: the operator runs the
    same ufunc, and on two NumPy scalars its scalar fast path (a loop's ``i < n``:
    about 20 ns instead of a ufunc call's 0.5 to 0.9 us)."""

    def form(node, values: dict, constants: dict) -> str | None:
        if len(node.ins) != 2 or node.params:
            return None
        a, b = (_value(n, values, constants) for n in node.ins)
        for x in (a, b):
            if not isinstance(x, (np.ndarray, np.generic)) or x.dtype.kind not in "biuf":
                return None
        if a.dtype != b.dtype:
            return None
        return f"{{0}} {symbol} {{1}}"

    return form


def _add_form(node, values: dict, constants: dict) -> str | None:
    """``{0} + {1}`` for numeric NumPy operands: the impl's own sum (it only re-wraps
    the bytes two 0-d string arrays give), without its Python frame."""
    if len(node.ins) != 2 or node.params:
        return None
    for name in node.ins:
        x = _value(name, values, constants)
        if not isinstance(x, (np.ndarray, np.generic)) or x.dtype.kind not in "biufc":
            return None
    return "{0} + {1}"


def _operator_form(symbol: str):
    """``{0} * {1}`` where the impl is Python's operator itself: the same call, without
    looking up and calling the builtin function."""

    def form(node, values: dict, constants: dict) -> str | None:
        if len(node.ins) != 2 or node.params:
            return None
        return f"{{0}} {symbol} {{1}}"

    return form


_FORMS = {
    add: _add_form,
    subtract: _operator_form("-"),
    multiply: _operator_form("*"),
    less: _comparison_form("<"),
    less_equal: _comparison_form("<="),
    greater: _comparison_form(">"),
    greater_equal: _comparison_form(">="),
    matmul: _matmul_form,
    sum_to_shape: _sum_to_shape_form,
    divide: _divide_form,
    divide_no_nan: _divide_no_nan_form,
    pow: _pow_form,
    reduce_sum: _reduce_sum_form,
    cast: _cast_form,
    relu: _relu_form,
    relu_grad: _relu_grad_form,
    sigmoid_xent_grad: _sigmoid_xent_grad_form,
}


def value_rank(name: str, values: dict) -> int:
    """The rank of a traced value (a Tensor's or a NumPy value's).

    >>> value_rank("t1", {"t1": np.zeros((2, 3))})
    2
    """
    value = values.get(name, 0)
    return np.ndim(getattr(value, "_value", value))


def meeting_scalars_only(nodes: list, values: dict, outputs: list) -> set:
    """Nodes, not outputs, whose every use (among all of a program's ``nodes``) is
    Python arithmetic (an operator impl) on 0-d operands.

    >>> meeting_scalars_only([], {}, [])
    set()
    """
    users: dict = {}
    for node in nodes:
        for name in node.ins:
            users.setdefault(name, []).append(node)
    found = set()
    for node in nodes:
        out = node.outs[0] if len(node.outs) == 1 else None
        if out is None or out not in users or out in outputs:
            continue
        for user in users[out]:
            if getattr(user.fn, "impl", None) not in _OPERATORS:
                break
            if any(value_rank(n, values) for n in user.ins):
                break
        else:
            found.add(node)
    return found


def inline_forms(nodes: list, values: dict, constants: dict, scalar_only: set = _NONE) -> dict:
    """node -> the expression (or ``(expression, objects)``) its generated line
    computes instead of the impl call; ``scalar_only`` holds the nodes whose
    result only meets scalars (``meeting_scalars_only``).

    >>> inline_forms([], {}, {})
    {}
    """
    forms: dict = {}
    for node in nodes:
        form = _FORMS.get(node.fn)
        if form is None:
            continue
        text = form(node, values, constants)
        if text is not None:
            forms[node] = text
    for node in scalar_only:
        if forms.get(node) is _SUM_TO_SCALAR and values.get(node.ins[0]).__class__ is np.ndarray:
            forms[node] = _SUM_TO_NUMPY_SCALAR
    return forms
