"""tf.cond, tf.switch_case and tf.while_loop while a tf.function traces.

TensorFlow traces both branches of a ``cond`` (and every branch of a
``switch_case``) once, and a ``while_loop``'s ``cond`` and ``body`` once, so
their Python side effects happen once per trace. A trace here runs on
concrete values, so it follows the taken branch and runs the loop for real
(the predicate reads are guards: another path traces again, silently). To
keep TensorFlow's side effects:

* the branches not taken run *dry*, in TF's order: under their own dry trace
  (variable writes undone, ``tf.print`` output dropped, nothing recorded in
  the program, errors swallowed, since on these values the branch may not
  even be valid);
* after its first iteration, a loop's Python output (``print``) is dropped.

``control_flow._trace_hook`` is set to ``HOOK`` while any trace is open; on a
thread with no open trace the hook runs the ops eagerly.
"""

from __future__ import annotations

import io
import sys

from .. import _dispatch, control_flow
from .._tensor import Tensor
from . import printing, subgraphs
from . import trace as _trace

__all__ = ["HOOK"]


def _dry(fn) -> None:
    """Run a branch for its trace-time effects only."""
    trace = _trace.Trace(dry=True)
    # Nothing outside sees the branch: not the program, not the tapes.
    saved = _dispatch.set_stack([])
    outer_traces = _trace._traces.stack
    _trace._traces.stack = []
    _trace.enter(trace)
    pending: list = []
    printing.buffers.append(pending)
    try:
        fn()
    except Exception:  # noqa: BLE001, S110 (a branch not taken may fail on these values)
        pass
    finally:
        printing.drop_buffer(pending)
        _trace.leave(trace)
        trace.undo_writes()
        _trace._traces.stack = outer_traces
        _dispatch.set_stack(saved)


class _Null(io.TextIOBase):
    """Where a loop's Python output goes after its first iteration."""

    def write(self, text: str) -> int:
        return len(text)


_NULL = _Null()


class _Once:
    """A loop function whose Python output shows on its first call only."""

    __slots__ = ("fn", "calls")

    def __init__(self, fn, calls: int = 0):
        self.fn = fn
        self.calls = calls

    def __call__(self, *args):
        self.calls += 1
        if self.calls == 1:
            return self.fn(*args)
        # Swapped by hand, not with contextlib: a long loop calls this per step.
        out, err = sys.stdout, sys.stderr
        printing.real_streams.append((out, err))
        sys.stdout = sys.stderr = _NULL
        try:
            return self.fn(*args)
        finally:
            sys.stdout, sys.stderr = out, err
            printing.real_streams.pop()


def _check_structure(loop_vars, new) -> None:
    structure = [control_flow._spec_of(v) for v in control_flow._as_list(loop_vars)]
    control_flow.assert_same_structure(structure, control_flow._as_list(new))


class _ControlFlowHook:
    __slots__ = ()

    def cond(self, pred, true_fn, false_fn):
        trace = _trace.active_trace()
        if trace is not None and pred.__class__ is Tensor and trace.is_symbolic(pred):
            result = subgraphs.traced_cond(pred, true_fn, false_fn)
            if result.__class__ is not subgraphs.Fallback:
                return result
            # Branches traced once already must not show Python output again.
            true_fn, false_fn = _Once(true_fn, result.ran[0]), _Once(false_fn, result.ran[1])
        taken = bool(pred)  # a guard while tracing
        if trace is None:
            return true_fn() if taken else false_fn()
        if taken:
            result = true_fn()
            _dry(false_fn)
            return result
        _dry(true_fn)
        return false_fn()

    def switch_case(self, branch_index, branch_fns):
        index = int(branch_index)  # a guard while tracing
        if index < 0 or index >= len(branch_fns):
            index = len(branch_fns) - 1  # TensorFlow runs the last (default) branch
        if _trace.active_trace() is None:
            return branch_fns[index]()
        result = None
        for i, fn in enumerate(branch_fns):
            if i == index:
                result = fn()
            else:
                _dry(fn)
        return result

    def while_loop(self, cond, body, loop_vars):
        if _trace.active_trace() is not None:
            result = subgraphs.traced_while(cond, body, loop_vars, _check_structure)
            if result.__class__ is not subgraphs.Fallback:
                return result
            # What was traced once already runs silently below.
            cond, body = _Once(cond, result.ran[0]), _Once(body, result.ran[1])
        structure = [control_flow._spec_of(v) for v in control_flow._as_list(loop_vars)]
        while control_flow._truth(cond(*loop_vars)):
            loop_vars = body(*loop_vars)
            control_flow.assert_same_structure(structure, control_flow._as_list(loop_vars))
        return loop_vars


HOOK = _ControlFlowHook()
