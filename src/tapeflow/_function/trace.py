"""Tracing with concrete values: a recorder that sees every operation.

A trace runs the Python function for real, on the call's own values, with a
``Trace`` on the per-thread transformation stack. Every ``apply`` is recorded
(watched or not, differentiable or not), and so are variable reads, variable
writes, ``tf.print`` and the Python reads of traced values (``bool``, ``int``,
``float``, ``__index__``), which become *guards*: a later call whose value
disagrees is traced again instead of following the wrong path.

Tensors made during a trace (and its arguments) are *symbolic* to the user:
``.numpy()`` raises what TensorFlow raises inside a function, and printing one
shows TensorFlow's graph-tensor text.

>>> import tapeflow as tf
>>> @tf.function
... def f(x):
...     print(x)
...     return x + 1
>>> _ = f(tf.constant(1.0))
Tensor("x:0", shape=(), dtype=float32)
"""

from __future__ import annotations

import threading

import numpy as np

from .. import _dispatch, _tensor
from .._dispatch import Recorder
from .._tensor import Tensor, _scalar_for_conversion
from ..errors import OperatorNotAllowedInGraphError

__all__ = ["Trace", "active_trace", "enter", "leave", "OP", "READ", "WRITE", "GUARD", "PRINT",
           "CALL", "CALL_OP", "value_key"]  # fmt: skip

# Node kinds, in the order a trace records them.
OP, READ, WRITE, GUARD, PRINT, CALL = "op", "read", "write", "guard", "print", "call"
# A program node (never a trace record): an op kept as stateful work.
CALL_OP = "call_op"

_BOOL_IN_GRAPH = (
    "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt the "
    "following resolutions to the problem: If you are running in Graph mode, use Eager "
    "execution mode or decorate this function with @tf.function. If you are using AutoGraph, "
    "you can try decorating this function with @tf.function. If that does not work, then you "
    "may be using an unsupported feature or your source code may not be visible to AutoGraph. "
    "See https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/"
    "g3doc/reference/limitations.md#access-to-source-code for more information."
)


class Trace(Recorder):
    """One tracing of one Python function: the nodes it ran, in order.

    ``dry`` traces (``get_concrete_function`` without a call, the first trace
    of a function that creates variables) print nothing through ``tf.print``
    and have their variable writes undone when they end.
    """

    __slots__ = ("nodes", "start_id", "arg_names", "created", "dry", "op_names", "names",
                 "parent", "arg_variables")  # fmt: skip

    def __init__(self, dry: bool = False, parent: Trace | None = None):
        self.nodes: list = []
        self.start_id = _tensor.next_id()
        self.arg_names: dict[int, tuple] = {}  # id -> (name, TensorShape shown)
        self.created: list = []  # variables created while tracing
        self.dry = dry
        self.op_names: dict[str, int] = {}
        self.names: dict[int, str] = {}
        # The trace a sub-trace (a loop body, a cond branch) runs inside: its
        # tensors are the sub-trace's captures, symbolic too.
        self.parent = parent
        # Variables passed as arguments (by id): at run time one may be another
        # argument too, so a loop node never carries their writes (subgraphs.py).
        self.arg_variables: set[int] = set()

    # -- the Recorder protocol -------------------------------------------------
    def record(self, prim, inputs, out, params) -> None:
        self.nodes.append((OP, prim, inputs, out, params))

    def record_read(self, variable, out) -> None:
        self.nodes.append((READ, variable._owner(), out))

    def record_write(self, variable, method: str, delta, old) -> None:
        self.nodes.append((WRITE, variable, method, delta, old))

    def record_creation(self, variable) -> None:
        self.created.append(variable)

    def record_call(self, fn, args, kwargs, out) -> None:
        self.nodes.append((CALL, fn, args, kwargs, out))

    def record_value_guard(self, tensor) -> None:
        """Whole-array guard: a later call with other values in ``tensor`` traces again."""
        self.nodes.append((GUARD, tensor, value_key, value_key(tensor)))

    # -- what the user sees of traced tensors --------------------------------
    def is_symbolic(self, tensor) -> bool:
        if tensor._id >= self.start_id or tensor._id in self.arg_names:
            return True
        return self.parent is not None and self.parent.is_symbolic(tensor)

    def _outer(self, tensor) -> Trace | None:
        """The parent trace if ``tensor`` belongs to it (a capture), else None."""
        if tensor._id < self.start_id and tensor._id not in self.arg_names:
            return self.parent
        return None

    def name_of(self, tensor) -> str:
        known = self.arg_names.get(tensor._id)
        if known is not None:
            return known[0]
        outer = self._outer(tensor)
        if outer is not None:
            return outer.name_of(tensor)
        name = self.names.get(tensor._id)
        if name is None:
            base = "Const"
            for node in reversed(self.nodes):
                if node[0] == OP:
                    out = node[3]
                    outs = out if isinstance(out, tuple) else (out,)
                    if any(o is tensor for o in outs):
                        base = node[1].tf_name
                        break
                elif node[0] == READ and node[2] is tensor:
                    base = "ReadVariableOp"
                    break
            count = self.op_names.get(base, 0)
            self.op_names[base] = count + 1
            name = base if count == 0 else f"{base}_{count}"
            self.names[tensor._id] = name
        return name

    def shown_shape(self, tensor):
        outer = self._outer(tensor)
        if outer is not None:
            return outer.shown_shape(tensor)
        known = self.arg_names.get(tensor._id)
        return known[1] if known is not None else tensor.shape

    def undo_writes(self) -> None:
        """Put back what every recorded variable write replaced, newest first."""
        for node in reversed(self.nodes):
            if node[0] == WRITE:
                node[1]._value = node[4]


class _Traces(threading.local):
    def __init__(self):
        self.stack: list[Trace] = []


_traces = _Traces()
_open_traces = 0  # on all threads; the Tensor hook is installed while non-zero
_lock = threading.Lock()


def active_trace() -> Trace | None:
    """The innermost trace running on this thread, if any."""
    stack = _traces.stack
    return stack[-1] if stack else None


def suspend() -> list[Trace]:
    """Hide this thread's open traces (``tf.init_scope``): ops run eagerly, values are concrete."""
    stack = _traces.stack
    _traces.stack = []
    return stack


def resume(stack: list[Trace]) -> None:
    """Undo :func:`suspend`."""
    _traces.stack = stack


def enter(trace: Trace) -> None:
    global _open_traces
    _traces.stack.append(trace)
    _dispatch.push(trace)
    with _lock:
        _open_traces += 1
        _tensor.trace_hook = _HOOK
        _control_flow().control_flow._trace_hook = _control_flow().HOOK


def leave(trace: Trace) -> None:
    global _open_traces
    _dispatch.pop(trace)
    stack = _traces.stack
    if trace in stack:
        stack.remove(trace)
    with _lock:
        _open_traces -= 1
        if not _open_traces:
            _tensor.trace_hook = None
            _control_flow().control_flow._trace_hook = None


def _control_flow():
    """tf.cond and tf.while_loop's hook (imported late: control_flow is public API)."""
    from . import control

    return control


def graph_text(tensor, as_repr: bool) -> str:
    trace = active_trace()
    assert trace is not None  # the hook is only installed while a trace runs
    name = trace.name_of(tensor) + ":0"
    shape = trace.shown_shape(tensor)
    dtype = tensor.dtype.name
    if as_repr:
        return f"<tf.Tensor '{name}' shape={shape} dtype={dtype}>"
    if shape.rank is None:
        return f'Tensor("{name}", dtype={dtype})'
    return f'Tensor("{name}", shape={shape}, dtype={dtype})'


def value_key(value) -> tuple:
    """What a whole-array guard compares: shape, dtype and bytes (Tensor or NumPy value)."""
    array = np.asarray(getattr(value, "_value", value))
    return (array.shape, array.dtype.str, array.tobytes())


class _Hook:
    """What Tensor asks while a trace is open (see ``_tensor.trace_hook``)."""

    __slots__ = ()

    def check_numpy(self, tensor) -> None:
        trace = active_trace()
        if trace is not None and tensor.__class__ is Tensor and trace.is_symbolic(tensor):
            raise AttributeError("'SymbolicTensor' object has no attribute 'numpy'")

    def symbolic_text(self, tensor, as_repr: bool = False):
        trace = active_trace()
        if trace is None or not trace.is_symbolic(tensor):
            return None
        return graph_text(tensor, as_repr)

    def value_read(self, tensor) -> None:
        """Python read all of ``tensor``'s values (``read_static``): a whole-value guard."""
        trace = active_trace()
        if trace is None or not trace.is_symbolic(tensor):
            return
        if not any(state is trace for state in _dispatch.active_stack()):
            return  # inside a stateful call (a reads_values op): it runs again on every call
        key = value_key(tensor)
        for state in _traces.stack:
            state.nodes.append((GUARD, tensor, value_key, key))

    def python_read(self, tensor, kind):
        """``bool``/``int``/``float`` of a tensor: the concrete answer, kept as a guard."""
        value = tensor._value
        trace = active_trace()
        if trace is None or tensor.__class__ is not Tensor or not trace.is_symbolic(tensor):
            return kind(_scalar_for_conversion(value) if kind is not bool else value)
        if getattr(value, "ndim", 0):
            if kind is bool:
                raise OperatorNotAllowedInGraphError(_BOOL_IN_GRAPH)
            _scalar_for_conversion(value)
        answer = kind(value)
        for state in _traces.stack:
            state.nodes.append((GUARD, tensor, kind, answer))
        return answer


_HOOK = _Hook()
