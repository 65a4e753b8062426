"""tf.while_loop and tf.cond inside a traced function: sub-programs and one node each.

TensorFlow traces a loop's ``cond`` and ``body`` once, into sub-graphs, and
the graph holds one While node that runs them; a ``cond`` holds both branches.
The same here: each piece is traced once, under a private *sub-trace* (a
``Trace`` whose parent is the trace that called the loop), and compiled into a
``graph.Program`` taking the loop variables and the *captures* (tensors of the
enclosing trace it reads, and its variable reads, read once before the loop).
The enclosing trace then records one ``while_loop`` (or ``cond``) primitive
whose impl runs the compiled sub-programs, so the trace costs one body
however many steps the loop takes, and a data-dependent trip count or
branch never retraces.

Gradients come from the primitives' rules, as TensorFlow's:

* the loop keeps each step's loop variables (a stack per variable: its
  *history*, an output of the node, dropped by the generated code when
  nothing reads it); its VJP is another ``while_loop`` node running backwards
  over the history, whose body replays the forward body under a tape
  (traced once, into a program, like any body). Being a ``while_loop`` node
  itself, it is differentiable again: second order and beyond;
* ``cond``'s VJP is a ``cond`` over the branches' VJPs.

Variables a loop body assigns are *carried*: loop variables of the node,
read before it and assigned after it (``_carried_variables``).

A sub-trace that a node cannot hold (a Python read of a traced value, a
variable write it does not carry, ``tf.print``, loop variables that change shape or are not
tensors, branches of different structure) makes the caller fall back to
running the loop on the trace's own values (``control.py``), silently: the
Python side effects already happened once.
"""

from __future__ import annotations

import numpy as np

from .. import _dispatch
from .._dispatch import Primitive
from .._nest import flatten, pack_sequence_as
from .._tensor import Tensor, convert_to_tensor, wrap
from ..errors import UnimplementedError
from . import graph
from . import trace as _trace
from .subtrace import (
    Fallback,
    _as_tensor,
    _capture_value,
    _carried_variables,
    _check_pure,
    _fall_back,
    _find_captures,
    _program,
    _stateful,
    _subtrace,
    _thread_writes,
    _undo,
    _unrecorded,
    _Unsupported,
)

__all__ = ["traced_while", "traced_cond", "Fallback"]


_FLOAT = "fc"
# Classes of placeholder values a cond branch may return where the other
# branch returns a tensor (tapeflow._autograph_runtime registers its unset return value).
FILLABLE: tuple = ()


# --------------------------------------------------------------------------
# The primitives
# --------------------------------------------------------------------------
def _while_impl(*values, cond, body, n, history, stateful=False):
    run = _fused_loop(cond, body, n, len(values) - n, history)
    if run is None:
        test = _direct_test(cond)
        if test is not None and (test[1].__class__ is tuple or test[2].__class__ is tuple):
            test = None  # the runners are shared: a constant side stays in the test program
        run = _loop_runner(n, len(values) - n, history, test)
    if stateful or _trace._traces.stack:
        # (while tracing, a pure call node in the body, x[i], must not guard the
        # trace on each step's values: the node runs unwatched)
        return _unrecorded(run, cond.run, body.run, *values)
    return run(cond.run, body.run, *values)


_runners: dict = {}


_TESTS = ("{0} < {1}", "{0} <= {1}", "{0} > {1}", "{0} >= {1}")


def _direct_test(cond) -> tuple | None:
    """``(symbol, left, right)`` when the loop's test program is one comparison written
    as the operator (a ``tf.range`` loop's ``i < n``, a backward loop's ``k >= 0``): the
    loop compares itself, one call fewer a step. A side is an argument's index, or a
    constant's value as a 1-tuple. Found once per program."""
    found = cond.__dict__.get("direct_test", False)
    if found is not False:
        return found
    found = None
    if len(cond.nodes) == 1 and not cond.has_guards:
        node = cond.nodes[0]
        form = cond._inline.get(node)
        if form in _TESTS and cond.outputs == node.outs:
            args, namespace = cond.arg_names, cond.run.__globals__
            sides = [args.index(x) if x in args else (namespace[x],) for x in node.ins
                     if x in args or x in cond.constants]  # fmt: skip
            if len(sides) == 2:
                found = (form.split()[1], *sides)
    cond.direct_test = found
    return found


def _loop_runner(n: int, m: int, history: bool, test: tuple | None = None):
    """The loop for ``n`` variables and ``m`` captures, as generated Python.

    Written out for its arity (no argument packing, one list per history), the
    loop costs a few hundred nanoseconds a step besides the programs it calls;
    ``test`` (see ``_direct_test``) writes the loop test as a comparison.
    """
    key = (n, m, history, test)
    runner = _runners.get(key)
    if runner is None:
        state = [f"s{i}" for i in range(n)]
        names = state + [f"c{j}" for j in range(m)]
        args = ", ".join(names)
        targets = ", ".join(state) + ("," if n == 1 else "")
        lines = [f"def run(test, step, {args}):"]
        if history:
            lines += [f"    h{i} = []" for i in range(n)]
        if test is None:
            lines.append(f"    while test({args})[0]:")
        else:
            lines.append(f"    while {names[test[1]]} {test[0]} {names[test[2]]}:")
        if history:
            lines += [f"        h{i}.append(s{i})" for i in range(n)]
        lines.append(f"        {targets} = step({args})")
        if history:
            kept = ", ".join(f"_stacked(h{i}, s{i})" for i in range(n))
            lines.append(f"    return ({', '.join(state)}, {kept})")
        else:
            lines.append(f"    return ({', '.join(state)}, {', '.join(['None'] * n)})")
        namespace: dict = {"_stacked": _stacked}
        exec(compile("\n".join(lines) + "\n", "<while_loop runner>", "exec"), namespace)  # noqa: S102
        runner = _runners[key] = namespace["run"]
    return runner


def _fused_loop(cond, body, n: int, m: int, history: bool):
    """The loop with the body program's lines written inside it, as one generated
    function (no call, argument tuple or result tuple a step, and the names the body
    reads bound once as locals), or None where the test is not ``_direct_test``'s
    comparison or the body has guards. Made once per body program."""
    key = (n, m, history)
    made = body.__dict__.setdefault("fused_loops", {})
    if key in made:
        return made[key]
    test = _direct_test(cond)
    args = body.arg_names
    run = None
    if test is not None and not body.has_guards and len(args) == n + m:
        lines = body.source.splitlines()
        namespace = body.run.__globals__
        bound = [name for name in body.run.__code__.co_names if name in namespace]
        state = args[:n]
        params = ", ".join(["_test", "_step", *args])
        if bound:
            params += ", *, " + ", ".join(f"{name}={name}" for name in bound)
        text = [f"def run({params}):"]
        if history:
            text += [f"    _h{i} = []" for i in range(n)]
        scope = dict(namespace, _stacked=_stacked)
        sides = []
        for k, side in enumerate(test[1:]):
            if side.__class__ is tuple:  # a constant of the test program
                scope[f"_limit{k}"] = side[0]
                sides.append(f"_limit{k}")
            else:
                sides.append(args[side])
        text.append(f"    while {sides[0]} {test[0]} {sides[1]}:")
        if history:
            text += [f"        _h{i}.append({name})" for i, name in enumerate(state)]
        text += ["    " + line for line in lines[1:-1]]
        results = lines[-1].strip()[len("return ") :]
        text.append(f"        {', '.join(state)}{',' if n == 1 else ''} = {results}")
        if history:
            kept = ", ".join(f"_stacked(_h{i}, {name})" for i, name in enumerate(state))
        else:
            kept = ", ".join(["None"] * n)
        text.append(f"    return ({', '.join(state)}, {kept})")
        exec(compile("\n".join(text) + "\n", "<while_loop>", "exec"), scope)  # noqa: S102
        run = scope["run"]
    made[key] = run
    return run


def _stacked(kept: list, last):
    """One step's values per row (np.array stacks a list of equal-shaped values)."""
    dtype = np.result_type(last)
    if not kept:
        return np.zeros((0, *np.shape(last)), dtype)
    return np.array(kept, dtype=dtype)


def _while_line_params(node) -> dict:
    n = node.params["n"]
    if any(name is not None for name in node.outs[n:]):
        return node.params
    return {**node.params, "history": False}


# A backward body is traced at step 0 even when the loop ran no step (the
# program must serve later calls): on an empty history these read zeros and
# write nothing, which is also what that step contributes.
def _stack_read_impl(stack, k):
    if stack.shape[0] == 0:
        return np.zeros(stack.shape[1:], stack.dtype)
    return stack[k]


def _stack_grad_impl(g, k, stack):
    out = np.zeros(stack.shape, np.result_type(g))
    if stack.shape[0]:
        out[k] = g
    return out


stack_read = Primitive(
    "stack_read",
    _stack_read_impl,
    vjp=lambda g, ans, stack, k: (stack_grad(g, k, stack), None),
    jvp=lambda tangents, ans, stack, k: None if tangents[0] is None else stack_read(tangents[0], k),
    tf_name="TensorListGetItem",
    formula="stack_read(h, k) = h[k]; VJP writes g into zeros like h at k",
)
stack_grad = Primitive(
    "stack_grad",
    _stack_grad_impl,
    vjp=lambda g, ans, gk, k, stack: (stack_read(g, k), None, None),
    jvp=lambda tangents, ans, gk, k, stack: (
        None if tangents[0] is None else stack_grad(tangents[0], k, stack)
    ),
    tf_name="TensorListSetItem",
    formula="stack_grad(g, k, h) = zeros like h with g at k (linear in g)",
)
leading_length = Primitive(
    "leading_length",
    lambda x: np.int32(x.shape[0]),
    differentiable=False,
    tf_name="Shape",
    formula="len(x) as int32, at run time: no gradient",
)
"""``len(x)`` as an int32 tensor computed when the program runs (``tf.shape`` is a
constant of the trace, but a traced ``tf.range(n)`` has a length of each call's)."""
_last_index = Primitive(
    "stack_last_index",
    lambda stack: np.int32(stack.shape[0] - 1),
    differentiable=False,
    tf_name="TensorListLength",
    formula="len(h) - 1 as int32 (where a backward loop starts): no gradient",
)


def _while_vjp(g, ans, *inputs, cond, body, n, history, stateful=False):
    state, captures = inputs[:n], inputs[n:]
    floats = [i for i in range(n) if state[i]._value.dtype.kind in _FLOAT]
    float_caps = [j for j in range(len(captures)) if captures[j]._value.dtype.kind in _FLOAT]
    result: list = [None] * len(inputs)
    if not floats and not float_caps:
        return result
    stacks = list(ans[n:])
    # The sweep gives an unused history a zero cotangent made at trace time: a
    # constant whose row count is this call's. It adds nothing; drop it.
    g_stacks = [None if _placeholder_zeros(g[n + i]) else g[n + i] for i in floats]
    start = [_last_index(stacks[0])]
    start += [g[i] for i in floats]
    start += [zeros_like(captures[j]) for j in float_caps]
    bcond, bbody = _backward_programs(body, n, floats, float_caps, start, stacks, captures,
                                      g_stacks)  # fmt: skip
    m = 1 + len(floats) + len(float_caps)
    outs = while_loop(*start, *stacks, *captures, *[x for x in g_stacks if x is not None],
                      cond=bcond, body=bbody, n=m, history=True)  # fmt: skip
    for a, i in enumerate(floats):
        result[i] = outs[1 + a]
    for b, j in enumerate(float_caps):
        result[n + j] = outs[1 + len(floats) + b]
    return result


def _placeholder_zeros(g) -> bool:
    if np.any(g._value):
        return False
    trace = _trace.active_trace()
    while trace is not None:  # made by a recorded op: a value of the program, not a constant
        if g._id in trace.arg_names:
            return False
        for node in reversed(trace.nodes):
            if node[0] == _trace.OP:
                out = node[3]
                if out is g or (out.__class__ is tuple and any(o is g for o in out)):
                    return False
            elif node[0] in (_trace.READ, _trace.CALL) and any(o is g for o in flatten(node[-1])):
                return False
        trace = trace.parent
    return True


def _backward_programs(body, n, floats, float_caps, start, stacks, captures, g_stacks):
    """The backward loop's cond and body, traced once per body and shapes (cached on it)."""
    present = [a for a, x in enumerate(g_stacks) if x is not None]
    key = (tuple(floats), tuple(float_caps), tuple(present),
           tuple((x._value.shape, x._value.dtype.str) for x in [*start[1:], *captures]))  # fmt: skip
    cache = body.__dict__.setdefault("backward", {})
    found = cache.get(key)
    if found is not None:
        return found
    nf, nc, m = len(floats), len(float_caps), len(captures)
    # Example values to trace on: step 0 of a one-row history (the real one may be empty).
    rows = [s if s._value.shape[0] else wrap(np.zeros((1, *s._value.shape[1:]), s._value.dtype))
            for s in stacks]  # fmt: skip
    g_rows = [wrap(np.zeros(rows[floats[a]]._value.shape, g_stacks[a]._value.dtype))
              for a in present]  # fmt: skip
    example = [wrap(np.int32(0)), *start[1:], *rows, *captures, *g_rows]

    def backward_cond(k, *rest):
        return k >= 0

    def backward_body(k, *rest):
        from .._tape import GradientTape, UnconnectedGradients

        gv, gc = rest[:nf], rest[nf : nf + nc]
        hs = rest[nf + nc : nf + nc + n]
        cs = rest[nf + nc + n : nf + nc + n + m]
        ghs = rest[nf + nc + n + m :]
        step = [stack_read(h, k) for h in hs]
        watched = [step[i] for i in floats] + [cs[j] for j in float_caps]
        with GradientTape() as tape:
            tape.watch(watched)
            outs = body.replay(step + list(cs))
        grads = tape.gradient([outs[i] for i in floats], watched, output_gradients=list(gv),
                              unconnected_gradients=UnconnectedGradients.ZERO)  # fmt: skip
        new_gv = list(grads[:nf])
        for b, a in enumerate(present):
            new_gv[a] = new_gv[a] + stack_read(ghs[b], k)
        new_gc = [gc[b] + grads[nf + b] for b in range(nc)]
        return (k - 1, *new_gv, *new_gc)

    programs = []
    for fn in (backward_cond, backward_body):
        sub, fresh, out = _subtrace(fn, example, None)
        try:
            _check_pure(sub)
        except _Unsupported:
            raise UnimplementedError(
                "The gradient of a tf.while_loop whose body draws random numbers, taken by "
                "a tape outside the tf.function that holds it, is not supported: open the "
                "GradientTape inside the function."
            ) from None
        outs = [convert_to_tensor(o) for o in flatten(out)]
        programs.append(_program(sub, fresh, [], outs))
    found = cache[key] = tuple(programs)
    return found


def _while_jvp(tangents, ans, *inputs, cond, body, n, history, stateful=False):
    # Forward mode: one loop over the values and their tangents, whose body is
    # the forward body under an accumulator (traced once, cached on it).
    state, captures = inputs[:n], inputs[n:]
    floats = [i for i in range(n) if state[i]._value.dtype.kind in _FLOAT]
    float_caps = [j for j in range(len(captures)) if captures[j]._value.dtype.kind in _FLOAT]
    dv = [tangents[i] if tangents[i] is not None else zeros_like(state[i]) for i in floats]
    dc = [tangents[n + j] if tangents[n + j] is not None else zeros_like(captures[j])
          for j in float_caps]  # fmt: skip
    values = [*state, *dv, *captures, *dc]
    jcond, jbody = _forward_programs(cond, body, n, floats, float_caps, values)
    nf = len(floats)
    outs = while_loop(*values, cond=jcond, body=jbody, n=n + nf, history=True)
    result: list = [None] * (2 * n)
    for a, i in enumerate(floats):
        result[i] = outs[n + a]
        result[n + i] = outs[2 * n + nf + a]
    return tuple(result)


def _forward_programs(cond, body, n, floats, float_caps, values):
    key = (tuple(floats), tuple(float_caps),
           tuple((x._value.shape, x._value.dtype.str) for x in values))  # fmt: skip
    cache = body.__dict__.setdefault("forward", {})
    found = cache.get(key)
    if found is not None:
        return found
    nf, nc = len(floats), len(float_caps)
    m = len(values) - n - nf - nc

    def split(args):
        return args[:n], args[n : n + nf], args[n + nf : n + nf + m], args[n + nf + m :]

    def forward_cond(*args):
        state, _, caps, _ = split(args)
        return cond.replay([*state, *caps])[0]

    def forward_body(*args):
        from .._forward import ForwardAccumulator
        from .._tape import UnconnectedGradients

        state, dv, caps, dc = split(args)
        primals = [state[i] for i in floats] + [caps[j] for j in float_caps]
        with ForwardAccumulator(primals, [*dv, *dc]) as acc:
            outs = body.replay([*state, *caps])
        douts = [acc.jvp(outs[i], unconnected_gradients=UnconnectedGradients.ZERO)
                 for i in floats]  # fmt: skip
        return (*outs, *douts)

    programs = []
    for fn in (forward_cond, forward_body):
        sub, fresh, out = _subtrace(fn, values, None)
        _check_pure(sub)
        programs.append(_program(sub, fresh, [], [convert_to_tensor(o) for o in flatten(out)]))
    found = cache[key] = tuple(programs)
    return found


while_loop = Primitive(
    "while_loop",
    _while_impl,
    vjp=_while_vjp,
    jvp=_while_jvp,
    multiple_results=True,
    tf_name="While",
    formula="runs body while cond; outputs the final loop variables and each one's history",
)


def _cond_impl(pred, *captures, true, false, stateful=False):
    branch = true if pred else false
    if stateful or _trace._traces.stack:
        return tuple(_unrecorded(branch.run, *captures))
    return tuple(branch.run(*captures))


def _cond_vjp(g, ans, pred, *captures, true, false, stateful=False):
    float_caps = [j for j in range(len(captures)) if captures[j]._value.dtype.kind in _FLOAT]
    result: list = [None] * (1 + len(captures))
    if not float_caps:
        return result
    float_outs = [i for i, a in enumerate(ans) if a._value.dtype.kind in _FLOAT]
    gs = [g[i] for i in float_outs]
    branches = [_branch_gradient(p, captures, float_caps, float_outs, gs) for p in (true, false)]
    outs = cond(pred, *captures, *gs, true=branches[0], false=branches[1])
    for b, j in enumerate(float_caps):
        result[1 + j] = outs[b]
    return result


def _branch_gradient(branch, captures, float_caps, float_outs, gs):
    key = (tuple(float_caps), tuple(float_outs),
           tuple((x._value.shape, x._value.dtype.str) for x in [*captures, *gs]))  # fmt: skip
    cache = branch.__dict__.setdefault("backward", {})
    found = cache.get(key)
    if found is not None:
        return found
    m = len(captures)

    def gradient(*values):
        from .._tape import GradientTape, UnconnectedGradients

        cs, g = list(values[:m]), list(values[m:])
        watched = [cs[j] for j in float_caps]
        with GradientTape() as tape:
            tape.watch(watched)
            outs = branch.replay(cs)
        return tape.gradient([outs[i] for i in float_outs], watched, output_gradients=g,
                             unconnected_gradients=UnconnectedGradients.ZERO)  # fmt: skip

    sub, fresh, out = _subtrace(gradient, [*captures, *gs], None)
    _check_pure(sub)
    found = cache[key] = _program(sub, fresh, [], [convert_to_tensor(o) for o in out])
    return found


def _cond_jvp(tangents, ans, pred, *captures, true, false, stateful=False):
    float_caps = [j for j in range(len(captures)) if captures[j]._value.dtype.kind in _FLOAT]
    float_outs = [i for i, a in enumerate(ans) if a._value.dtype.kind in _FLOAT]
    result: list = [None] * len(ans)
    if not float_caps or not float_outs:
        return tuple(result)
    dc = [tangents[1 + j] if tangents[1 + j] is not None else zeros_like(captures[j])
          for j in float_caps]  # fmt: skip
    branches = [_branch_tangent(p, captures, dc, float_caps, float_outs) for p in (true, false)]
    outs = cond(pred, *captures, *dc, true=branches[0], false=branches[1])
    for b, i in enumerate(float_outs):
        result[i] = outs[b]
    return tuple(result)


def _branch_tangent(branch, captures, dc, float_caps, float_outs):
    values = [*captures, *dc]
    key = (tuple(float_caps), tuple(float_outs),
           tuple((x._value.shape, x._value.dtype.str) for x in values))  # fmt: skip
    cache = branch.__dict__.setdefault("forward", {})
    found = cache.get(key)
    if found is not None:
        return found
    m = len(captures)

    def tangent(*args):
        from .._forward import ForwardAccumulator
        from .._tape import UnconnectedGradients

        cs, d = list(args[:m]), list(args[m:])
        with ForwardAccumulator([cs[j] for j in float_caps], d) as acc:
            outs = branch.replay(cs)
        return [acc.jvp(outs[i], unconnected_gradients=UnconnectedGradients.ZERO)
                for i in float_outs]  # fmt: skip

    sub, fresh, out = _subtrace(tangent, values, None)
    _check_pure(sub)
    found = cache[key] = _program(sub, fresh, [], [convert_to_tensor(o) for o in out])
    return found


cond = Primitive(
    "cond",
    _cond_impl,
    vjp=_cond_vjp,
    jvp=_cond_jvp,
    multiple_results=True,
    tf_name="If",
    formula="runs the true or the false sub-program on the captures",
)

graph.SUBPROGRAM_PRIMS.update((while_loop, cond))
graph.LINE_PARAMS[while_loop] = _while_line_params


def zeros_like(x):
    from ..ops.elementwise import zeros_like as _zeros_like

    return _zeros_like(x)


# --------------------------------------------------------------------------
# What control.py calls while a trace is open
# --------------------------------------------------------------------------
def traced_while(cond_fn, body_fn, loop_vars, check_structure):
    """Run ``tf.while_loop`` as one node of the active trace, or return a Fallback.

    ``check_structure(loop_vars, new)`` raises TF's error for a body result of
    another structure.
    """
    parent = _trace.active_trace()
    writes: list = []
    try:
        leaves = [_as_tensor(x) for x in flatten(loop_vars)]
    except _Unsupported:
        return _fall_back(writes, False, False)
    structure = loop_vars
    n = len(leaves)

    def run_cond(*fresh):
        return _as_tensor(cond_fn(*pack_sequence_as(structure, list(fresh))))

    def run_body(*fresh):
        out = body_fn(*pack_sequence_as(structure, list(fresh)))
        check_structure(structure, out)
        return [_as_tensor(x) for x in flatten(out)]

    try:
        csub, cfresh, pred = _subtrace(run_cond, leaves, parent, writes)
        _check_pure(csub)
        if pred._value.shape != () or pred._value.dtype != np.bool_:
            raise _Unsupported("predicate")
    except _Unsupported:
        return _fall_back(writes, True, False)
    try:
        bsub, bfresh, new = _subtrace(run_body, leaves, parent, writes)
    except _Unsupported:
        return _fall_back(writes, True, True)
    except Exception:
        if bool(pred._value):
            raise  # the loop runs this body on these values: the error is the user's
        return _fall_back(writes, True, True)
    try:
        _check_pure(bsub, writes_allowed=True)
        for old, x in zip(leaves, new):
            if x._value.shape != old._value.shape or x._value.dtype != old._value.dtype:
                raise _Unsupported("loop variable changes")
        carried = _carried_variables(csub, bsub, writes)
    except _Unsupported:
        return _fall_back(writes, True, True)
    taped = any(not isinstance(s, _trace.Trace) for s in _dispatch.active_stack())
    if carried and taped:
        # A tape outside the loop sees each step's variable reads in TF: the unrolled path
        # records them one by one.
        return _fall_back(writes, True, True)
    if carried:
        # each variable's value before the sub-traces ran: what its first write replaced
        entry = {v._id: old for v, old in reversed(writes)}
        starts = [wrap(entry[v._id]) for v in carried]
        cfresh = [*cfresh, *starts]
        _thread_writes(csub, carried, starts)
        bstarts = [wrap(entry[v._id]) for v in carried]
        bfresh = [*bfresh, *bstarts]
        new = [*new, *_thread_writes(bsub, carried, bstarts)]
    found: dict = {}
    _find_captures(csub, cfresh, [pred], found)
    _find_captures(bsub, bfresh, new, found)
    captures = list(found.values())
    stateful = _stateful(csub) or _stateful(bsub)
    if stateful and taped:
        # A tape records this loop: its backward pass would replay the body and draw new
        # numbers, where TF reuses the forward ones. The unrolled path records each draw.
        return _fall_back(writes, True, True)
    cprog = _program(csub, cfresh, captures, [pred])
    bprog = _program(bsub, bfresh, captures, new)
    _undo(writes)
    state = leaves + [v.read_value() for v in carried]
    values = [_capture_value(c) for c in captures]
    m = len(state)
    outs = while_loop(*state, *values, cond=cprog, body=bprog, n=m, history=True,
                      stateful=stateful)  # fmt: skip
    for variable, final in zip(carried, outs[n:m]):
        variable.assign(final, read_value=False)
    return pack_sequence_as(structure, list(outs[:n]))


def traced_cond(pred, true_fn, false_fn):
    """Run ``tf.cond`` as one node of the active trace, or return a Fallback."""
    parent = _trace.active_trace()
    writes: list = []
    subs = []
    for fn in (true_fn, false_fn):
        try:
            sub, _, result = _subtrace(fn, [], parent, writes)
        except Exception:
            return _fall_back(writes, True, not subs)
        subs.append((sub, result))
    try:
        for sub, _ in subs:
            _check_pure(sub)
        (tsub, tres), (fsub, fres) = subs
        tflat, fflat = flatten(tres), flatten(fres)
        if len(tflat) != len(fflat):
            raise _Unsupported("structure")
        pack_sequence_as(tres, fflat)  # the same structure, or an error
        slots, touts, fouts = [], [], []
        for a, b in zip(tflat, fflat):
            if a is b and not isinstance(a, Tensor):
                slots.append(("static", a))
                continue
            # A value that stands for "not set yet" (AutoGraph's return value
            # where a branch did not return) takes the other branch's form.
            if isinstance(a, FILLABLE) and b.__class__ is Tensor:
                a = wrap(np.zeros_like(b._value))
            elif isinstance(b, FILLABLE) and a.__class__ is Tensor:
                b = wrap(np.zeros_like(a._value))
            a, b = _as_tensor(a), _as_tensor(b)
            if a._value.shape != b._value.shape or a._value.dtype != b._value.dtype:
                raise _Unsupported("branch outputs differ")
            slots.append(("tensor", len(touts)))
            touts.append(a)
            fouts.append(b)
    except (_Unsupported, ValueError, TypeError):
        return _fall_back(writes, True, True)
    found: dict = {}
    _find_captures(tsub, [], touts, found)
    _find_captures(fsub, [], fouts, found)
    captures = list(found.values())
    stateful = _stateful(tsub) or _stateful(fsub)
    tprog = _program(tsub, [], captures, touts)
    fprog = _program(fsub, [], captures, fouts)
    _undo(writes)
    values = [_capture_value(c) for c in captures]
    outs = cond(pred, *values, true=tprog, false=fprog, stateful=stateful) if touts else ()
    flat = [outs[s[1]] if s[0] == "tensor" else s[1] for s in slots]
    return pack_sequence_as(tres, flat)
