"""What AutoGraph's converted code calls at run time (a private module: TF's
``tf.autograph`` has none of these names).

The converter (``_function/autograph.py``) hands this module to each converted
function, which calls ``if_stmt``, ``while_stmt``, ``for_stmt``, ``and_``,
``or_``, ``not_``, ``ld``, ``converted_call`` and ``returned``; they pick
``tf.cond`` / ``tf.while_loop`` / ``tf.logical_*`` when a test is a tensor and
plain Python otherwise.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

from ._function import autograph as _converter
from ._function import trace as _trace
from ._function.autograph import convert
from ._tensor import Tensor, TensorShape


class _Undefined:
    """The value of a name a branch or loop body has not assigned (yet)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<undefined>"


UNDEFINED = _Undefined()


class _ReturnUnset:
    """The return value of a converted function before a lowered ``return`` ran."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<no return value>"


RETURN_UNSET = _ReturnUnset()


def returned(value: Any) -> Any:
    """What a converted function with lowered returns gives back (None if none ran)."""
    return None if value is RETURN_UNSET else value


# --------------------------------------------------------------------------
# Run time: what the converted code calls
# --------------------------------------------------------------------------
_RETURN_IN_LOOP = (
    "a return statement cannot be placed inside this TensorFlow loop; this may happen if a "
    "return statement depends on a static Python condition such as a hyperparameter"
)


def _no_tensor_loop(value: Any) -> Any:
    """What a loop holding a ``return`` iterates over or tests: TensorFlow's error once it is
    a tensor while a function traces (AutoGraph cannot make that loop a ``tf.while_loop``).

    >>> _no_tensor_loop([1, 2])
    [1, 2]
    """
    if value.__class__ is Tensor and _trace.active_trace() is not None:
        raise NotImplementedError(_RETURN_IN_LOOP)
    return value


return_loop_iter = return_loop_test = _no_tensor_loop

_RETURN_IN_PYTHON_LOOP = (
    "break and return statements which depend on a TF condition are not supported in Python "
    "for loops. Did you intend to make it a TF loop?\nSee https://github.com/tensorflow/"
    "tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/limitations.md"
    "#consistency-of-control-flow-types for more info."
)


def loop_return_if_test(test: Any, kind: str) -> Any:
    """The test of an ``if`` holding a ``return`` inside a loop that stays Python:
    TensorFlow's error once it is a tensor while a function traces (``kind``: which
    branches return, ``"both"``, or the one that does not: ``"else"``, ``"main"``).

    >>> loop_return_if_test(True, "else")
    True
    """
    if test.__class__ is Tensor and _trace.active_trace() is not None:
        if kind == "both":
            raise NotImplementedError(_RETURN_IN_PYTHON_LOOP)
        raise ValueError(f"the {kind} branch must also have a return statement.")
    return test


def if_stmt(
    test: Any, true_fn: Callable, false_fn: Callable, values: tuple, names: tuple, live: tuple
) -> Any:
    """``if test:`` with the branches as functions of the values they read and write."""
    if test.__class__ is not Tensor:
        return true_fn(*values) if test else false_fn(*values)
    from ._function import subgraphs
    from .control_flow import cond

    subgraphs.FILLABLE = (_ReturnUnset,)  # a branch that did not return takes the other's form
    seen: dict = {}

    def branch(fn, side):
        def run():
            out = fn(*values)
            seen[side] = out
            return out

        return run

    result = cond(test, branch(true_fn, True), branch(false_fn, False))
    if True in seen and False in seen:
        for name, a, b in zip(names, seen[True], seen[False]):
            if name not in live or (a is UNDEFINED) == (b is UNDEFINED):
                continue
            where = "else" if b is UNDEFINED else "main"
            raise ValueError(f"'{name}' must also be initialized in the {where} branch")
    return result


def _split(values: tuple) -> tuple[list, list]:
    """Positions of defined values (the loop carries them) and the rest."""
    carried = [i for i, v in enumerate(values) if v is not UNDEFINED]
    return carried, [values[i] for i in carried]


def _merge(values: tuple, carried: list, new) -> tuple:
    out = list(values)
    for i, v in zip(carried, new):
        out[i] = v
    return tuple(out)


# set_loop_options's shape invariants for the loop bodies now running.
_loop_options: list = []


def _checked(body_fn, names: tuple, carried: list):
    """``body_fn`` checking, on its first call, that carried tensors keep their shapes."""
    calls = [0]

    def run(*args):
        calls[0] += 1
        if calls[0] > 1:
            return body_fn(*args)
        _loop_options.append([])
        try:
            out = body_fn(*args)
        finally:
            invariants = _loop_options.pop()
        before = args[-len(names) :] if names else ()
        for i in carried:
            a, b = before[i], out[i]
            if a.__class__ is not Tensor or b.__class__ is not Tensor or a.shape == b.shape:
                continue
            allowed = next((shape for var, shape in invariants if var is a), None)
            if allowed is not None and TensorShape(allowed).is_compatible_with(b.shape):
                continue
            raise ValueError(
                f"'{names[i]}' has shape {a.shape} before the loop, but shape {b.shape} after "
                "one iteration. Use tf.autograph.experimental.set_loop_options to set shape "
                "invariants."
            )
        return out

    return run


def while_stmt(test_fn: Callable, body_fn: Callable, values: tuple, names: tuple = ()) -> tuple:
    """``while test:`` over the loop's values; ``tf.while_loop`` once the test is a tensor."""
    first = test_fn(*values)
    if first.__class__ is not Tensor:
        if not first:
            return values
        values = body_fn(*values)
        while test_fn(*values):
            values = body_fn(*values)
        return values
    from .control_flow import while_loop

    carried, start = _split(values)
    body_fn = _checked(body_fn, names, carried)
    if not carried:
        start, carried = [0], []

    def cond(*loop_vars):
        return test_fn(*_merge(values, carried, loop_vars))

    def body(*loop_vars):
        out = body_fn(*_merge(values, carried, loop_vars))
        return tuple(out[i] for i in carried) if carried else loop_vars

    final = while_loop(cond, body, tuple(start))
    return _merge(values, carried, final) if carried else values


UNDEFINED_LAST = object()  # for_stmt's ``last`` when the target is not read after the loop


def for_stmt(
    iterable: Any,
    body_fn: Callable,
    values: tuple,
    names: tuple = (),
    extra_test: Callable | None = None,
    last: Any = UNDEFINED_LAST,
) -> tuple:
    """``for item in iterable:``; over a tensor, a ``tf.while_loop`` over its rows.

    With ``last`` (the target's value before the loop) the result ends with the
    target's value after it, for code that reads the target after the loop.
    """
    want_last = last is not UNDEFINED_LAST
    if iterable.__class__ is not Tensor:
        for item in iterable:
            if extra_test is not None and not extra_test(*values):
                break
            values = body_fn(item, *values)
            last = item
        return values if want_last is False else (*values, last)
    from .control_flow import while_loop

    if iterable.shape.rank == 0:
        raise TypeError("Tensor objects are only iterable when eager execution is enabled. "
                        "To iterate over this tensor use tf.map_fn.")  # fmt: skip
    count = iterable.shape[0]
    if _trace.active_trace() is not None:
        from ._function.subgraphs import leading_length

        count = leading_length(iterable)  # a traced tf.range(n): each call's n
    carried, start = _split(values)
    body_fn = _checked(body_fn, names, carried)

    def cond(i, *loop_vars):
        if extra_test is None:
            return i < count
        return and_(lambda: i < count, lambda: extra_test(*_merge(values, carried, loop_vars)))

    def body(i, *loop_vars):
        out = body_fn(iterable[i], *_merge(values, carried, loop_vars))
        return (i + 1, *(out[j] for j in carried))

    final = while_loop(cond, body, (0, *start))
    values = _merge(values, carried, final[1:])
    if not want_last:
        return values
    from .math import maximum

    return (*values, iterable[maximum(final[0] - 1, 0)])  # the last row the loop took


def ld(frame_locals: dict, name: str) -> Any:
    """The value of ``name``, or UNDEFINED when the code has not assigned it yet."""
    return frame_locals.get(name, UNDEFINED)


def and_(*operands: Callable) -> Any:
    """``a and b and ...``: ``tf.logical_and`` once an operand is a tensor."""
    value = operands[0]()
    for operand in operands[1:]:
        if value.__class__ is Tensor:
            from .math import logical_and

            value = logical_and(value, operand())
        elif not value:
            return value
        else:
            value = operand()
    return value


def or_(*operands: Callable) -> Any:
    """``a or b or ...``: ``tf.logical_or`` once an operand is a tensor."""
    value = operands[0]()
    for operand in operands[1:]:
        if value.__class__ is Tensor:
            from .math import logical_or

            value = logical_or(value, operand())
        elif value:
            return value
        else:
            value = operand()
    return value


def not_(value: Any) -> Any:
    """``not value``: ``tf.logical_not`` for a tensor."""
    if value.__class__ is Tensor:
        from .math import logical_not

        return logical_not(value)
    return not value


def _is_library(module: str) -> bool:
    top = module.partition(".")[0]
    return top in ("tapeflow", "numpy") or top in sys.stdlib_module_names


def converted_call(func: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call ``func``, converted first when it is the user's own Python function."""
    target = func.__func__ if isinstance(func, types.MethodType) else func
    if isinstance(target, types.FunctionType) and not _is_library(target.__module__ or ""):
        func = convert(func)
    return func(*args, **kwargs)


_converter.runtime = sys.modules[__name__]
