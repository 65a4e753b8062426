"""Sub-traces: what tf.while_loop and tf.cond inside a traced function (``subgraphs.py``)
and ``vectorized_map`` (``vectorize.py``) trace their functions under.

A sub-trace is a ``Trace`` whose parent is the trace that called the loop; what
it recorded becomes a ``graph.Program`` taking the inputs and the *captures*
(tensors of the enclosing traces it reads, and its variable reads). Work a
program cannot hold raises ``_Unsupported`` and the caller falls back
(``Fallback``); variables a loop body assigns are carried through the node
(``_carried_variables``, ``_thread_writes``).
"""

from __future__ import annotations

import numpy as np

from .. import _dispatch
from .._nest import flatten
from .._tensor import Tensor, convert_to_tensor, wrap
from .._variable import updated_value
from . import graph, printing
from . import trace as _trace


class Fallback:
    """What traced_while/traced_cond return when a node cannot hold the work:
    which of the two functions (cond and body, or the branches) already ran."""

    __slots__ = ("ran",)

    def __init__(self, first: bool, second: bool):
        self.ran = (first, second)


class _Unsupported(Exception):
    """The sub-trace holds work a sub-program cannot (see the module docstring)."""


def _subtrace(fn, inputs: list, parent, writes: list | None = None):
    """Run ``fn(*fresh)`` under a private sub-trace; returns (trace, fresh inputs, result).

    Every variable write it makes, a random generator's state advanced inside
    a ``stateful`` draw included, goes into ``writes`` as (variable, old value):
    a node undoes them (``_undo``), since TensorFlow draws nothing while tracing.
    """
    sub = _trace.Trace(parent=parent)
    fresh = [wrap(x._value) for x in inputs]
    saved = _dispatch.set_stack([])
    outer = _trace._traces.stack
    _trace._traces.stack = []
    local = _dispatch._local
    outer_log = local.write_log
    log: list = []
    local.write_log = log
    _trace.enter(sub)
    pending: list = []
    printing.buffers.append(pending)
    try:
        result = fn(*fresh)
    except BaseException:
        sub.undo_writes()
        raise
    finally:
        printing.drop_buffer(pending)
        _trace.leave(sub)
        _trace._traces.stack = outer
        _dispatch.set_stack(saved)
        local.write_log = outer_log
        if outer_log is not None:
            outer_log.extend(log)  # an enclosing sub-trace undoes them too
        if writes is not None:
            writes.extend(log)
    return sub, fresh, result


def _undo(writes: list) -> None:
    """Put back what the sub-traces' writes replaced, newest first."""
    for variable, old in reversed(writes):
        variable._value = old


def _fall_back(writes: list, first: bool, second: bool) -> Fallback:
    """The caller runs the loop or cond itself, from the start: undo the trace's writes."""
    _undo(writes)
    return Fallback(first, second)


def _unrecorded(run, *args):
    """``run(*args)`` with no recorder or trace watching: a node's impl runs its
    sub-programs on values, and their stateful calls (random draws) must not
    become constant writes of the trace that records the node."""
    saved = _dispatch.set_stack([])
    outer = _trace._traces.stack
    _trace._traces.stack = []
    try:
        return run(*args)
    finally:
        _trace._traces.stack = outer
        _dispatch.set_stack(saved)


def _check_pure(sub, writes_allowed: bool = False) -> None:
    """Raise _Unsupported (the sub-trace's writes undone) if ``sub`` has work a node cannot
    hold (variable writes: unless ``writes_allowed``, where the caller carries them)."""
    held = (_trace.GUARD, _trace.PRINT) if writes_allowed else (_trace.GUARD, _trace.WRITE,
                                                                 _trace.PRINT)  # fmt: skip
    if sub.created or any(node[0] in held for node in sub.nodes):
        sub.undo_writes()
        raise _Unsupported("stateful work")


_UPDATES: dict = {}  # a write's method -> the primitive computing the new value


def _update_prim(method: str):
    if not _UPDATES:
        from ..ops.elementwise import add, subtract

        _UPDATES.update(assign_add=add, assign_sub=subtract)
    return _UPDATES[method]


def _carried_variables(csub, bsub, writes: list) -> list:
    """The variables a loop body assigns, carried through the node as loop variables.

    A sub-program is pure: the body's reads of such a variable become its value
    so far (an input of the step, or the last value the step assigned) and its
    writes compute the next value, an output of the step; the enclosing trace
    reads each variable before the node and assigns the final value after it.
    So every step sees its own earlier writes, in program order, and the only
    side effects are the enclosing program's own writes, which a guard that
    stops that program puts back. Returns the variables, or raises _Unsupported
    where that is not the same program: a write in ``cond``, opaque calls that
    might read or write the variable themselves, a variable argument (at run
    time it may be another argument too), a write that casts.
    """
    written: dict = {}  # by id: a Variable compares (and hashes) as TF's does
    for node in bsub.nodes:
        if node[0] == _trace.WRITE:
            written.setdefault(node[1]._id, node[1])
    if not written:
        return []
    if any(node[0] == _trace.WRITE for node in csub.nodes):
        raise _Unsupported("a write in the loop condition")
    if _stateful(csub) or _stateful(bsub):
        raise _Unsupported("opaque calls beside variable writes")
    root = bsub
    while root.parent is not None:
        root = root.parent
    for sub in (csub, bsub):
        for node in sub.nodes:
            if node[0] in (_trace.READ, _trace.WRITE) and node[1]._id in root.arg_variables:
                raise _Unsupported("a variable argument")
            if node[0] == _trace.WRITE and (
                node[3]._value.dtype != node[4].dtype or node[4].dtype.kind not in "fciu"
            ):
                raise _Unsupported("a write that casts")
    return list(written.values())


def _thread_writes(sub, carried: list, inputs: list) -> list:
    """Rewrite ``sub``'s reads and writes of the ``carried`` variables (whose values
    at the start of a step are the tensors ``inputs``) into ops; returns each
    variable's tensor at the end of the step."""
    from ..ops.elementwise import identity

    current = {v._id: x for v, x in zip(carried, inputs)}
    nodes: list = []
    for node in sub.nodes:
        kind = node[0]
        if kind == _trace.READ and node[1]._id in current:
            nodes.append((_trace.OP, identity, (current[node[1]._id],), node[2], {}))
        elif kind == _trace.WRITE and node[1]._id in current:
            _, variable, method, delta, old = node
            if method == "assign":
                current[variable._id] = delta
            else:
                new = wrap(updated_value(method, old, delta._value))
                prim = _update_prim(method)
                nodes.append((_trace.OP, prim, (current[variable._id], delta), new, {}))
                current[variable._id] = new
        else:
            nodes.append(node)
    sub.nodes = nodes
    return [current[v._id] for v in carried]


def _stateful(sub) -> bool:
    """Random draws (``stateful`` calls) run every step: the node must never be folded."""
    from .._function import graph as _graph

    for node in sub.nodes:
        if node[0] == _trace.CALL and not _dispatch.pure_call(node[1]):
            return True
        if node[0] == _trace.OP and node[1] in _graph.SUBPROGRAM_PRIMS and node[4].get("stateful"):
            return True
    return False


def _find_captures(sub, inputs: list, outputs: list, found: dict) -> None:
    """Tensors of the enclosing traces ``sub`` reads (and its variable reads), into ``found``."""
    known = {x._id for x in inputs}
    parent = sub.parent
    start = sub.start_id

    def see(x) -> None:
        if (x.__class__ is Tensor and x._id < start and x._id not in known
                and parent is not None and parent.is_symbolic(x)):  # fmt: skip
            found.setdefault(x._id, ("tensor", x))

    for node in sub.nodes:
        kind = node[0]
        if kind == _trace.OP:
            for x in node[2]:
                see(x)
        elif kind == _trace.CALL:
            for x in flatten([node[2], node[3]]):
                see(x)
        elif kind == _trace.READ:
            found[node[2]._id] = ("read", node[1], node[2])
    for x in outputs:
        see(x)


def _capture_leaf(capture) -> Tensor:
    """The tensor a sub-program's capture argument stands for, inside the sub-trace."""
    return capture[1] if capture[0] == "tensor" else capture[2]


def _capture_value(capture) -> Tensor:
    """The capture's value in the enclosing trace (a variable is read there, once)."""
    if capture[0] == "tensor":
        return capture[1]
    return capture[1].read_value()


def _program(sub, inputs: list, captures: list, outputs: list) -> graph.Program:
    sub.nodes = [node for node in sub.nodes if node[0] != _trace.READ]
    return graph.build(sub, list(inputs) + [_capture_leaf(c) for c in captures], list(outputs))


def _as_tensor(value):
    if value.__class__ is Tensor:
        return value
    if value is None or isinstance(value, (bool, int, float, complex, np.generic, np.ndarray)):
        if value is None:
            raise _Unsupported("None")
        return convert_to_tensor(value)
    raise _Unsupported(type(value).__name__)
