"""A trace becomes a program: nodes, passes, generated Python, and a replayer.

The nodes of a trace are already in execution order. ``build`` names every
value (``a`` arguments, ``c`` constants, ``v`` captured variables, ``t``
intermediates), then runs the passes:

* identity nodes become aliases (values are never mutated, so this is safe),
  and so does a variable read with no write to that variable since the last
  read (an optimizer's step count, read once per variable, is read once);
* exact algebraic rewrites of elementwise ops (``simplify.py``: negations
  folded into constants and subtractions, broadcasts NumPy does itself);
* constant folding: an op whose inputs are all constants keeps the value it
  computed while tracing;
* common-subexpression elimination of ops with equal primitive, inputs and
  params;
* dead-code removal, keeping stateful nodes (variable writes, ``tf.print``,
  guards) whatever uses them;
* bounds guards on one scalar merged (``guards.py``: an unrolled
  ``tf.range(n)`` loop checks ``n`` once, before its first step);
* saved-value sharing: an op whose primitive ``reuses`` a ``saves`` forward
  that the program also runs on the same inputs takes that forward's saved
  arrays (the fused cross-entropy VJP reuses the forward's exp(x - max)).

``Program.source`` is one line of Python per node, calling the NumPy impls
directly (or, where the trace fixes the impl's branch, writing that branch's
expression: ``inline.py``), with ``del`` after each value's last use so NumPy can reuse memory.
``Program.replay`` runs the same nodes through ``apply`` instead, for calls
under an outer tape, accumulator or trace, which must see every operation.
"""

from __future__ import annotations

import io
import itertools
import math
import operator
import sys
from typing import Any

import numpy as np

from .._dispatch import apply, pure_call
from .._nest import flatten, pack_sequence_as
from .._tensor import Tensor, wrap
from ..ops.elementwise import divide, identity
from . import printing
from . import trace as _trace
from .guards import merge_guards
from .inline import inline_forms, meeting_scalars_only, value_rank
from .simplify import finite, mark_products, outer_product, shared_masks, simplify

__all__ = ["Program", "Retrace", "build"]


# Control-flow primitives (``subgraphs.py``) register here: a node of theirs
# whose sub-programs hold stateful work (``params["stateful"]``) is kept as a
# stateful node (never folded, merged or dropped), and ``LINE_PARAMS[prim](node)``
# gives the params its generated line passes (a loop drops the per-iteration
# history nobody reads).
SUBPROGRAM_PRIMS: set = set()
LINE_PARAMS: dict = {}


# Primitives whose impl is Python's arithmetic operator: a 0-d array operand
# gives them what a NumPy scalar would.
_ARITHMETIC = {operator.add, operator.sub, operator.mul, operator.truediv}


def _meets_array(user: Node, name: str, values: dict) -> bool:
    """Whether ``user`` is arithmetic between ``name`` and an array of rank >= 1."""
    if user.kind != _trace.OP or user.fn.impl not in _ARITHMETIC and user.fn is not divide:
        return False
    return any(other != name and np.ndim(values.get(other, 0)) > 0 for other in user.ins)


# A constant folded from a broadcast (a mean's gradient: 1/n in every element) is a
# view with zero strides, which NumPy's elementwise loops take at a fraction of their
# contiguous speed (a 256-element product: 0.7 us against 0.25). Up to this size the
# program holds a contiguous copy: the same values, read-only as the view was.
_DENSE_LIMIT = 1 << 16


def _dense(value: np.ndarray) -> np.ndarray:
    dense = np.ascontiguousarray(value)
    dense.flags.writeable = False
    return dense


class Retrace(Exception):
    """A guard disagreed: the program does not cover this call."""


_RETRACE = Retrace()


class Node:
    __slots__ = ("kind", "fn", "ins", "outs", "params", "extra")

    def __init__(self, kind, fn, ins, outs, params=None, extra=None):
        self.kind = kind
        self.fn = fn  # the primitive, the variable's name, the guard's kind, the printer
        self.ins = ins
        self.outs = outs
        self.params = params
        self.extra = extra  # a write's method, a guard's answer


def _literal(value) -> str | None:
    """Source text for a param that reads back as itself, else None."""
    if value is None or value.__class__ in (bool, int, str):
        return repr(value)
    if value.__class__ is float:
        return repr(value) if math.isfinite(value) else None
    if value.__class__ is tuple:
        parts: list[Any] = [_literal(v) for v in value]
        if any(p is None for p in parts):
            return None
        return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    return None


def _hashable_params(params: dict):
    if not params:
        return ()
    key = tuple(params.items())  # one call site always passes its keywords in one order
    try:
        hash(key)
    except TypeError:
        return None
    return key


class _Null(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


_NULL = _Null()


class _Call:
    """A ``stateful`` function call as a program node: arrays in, arrays out."""

    __slots__ = ("fn", "structure", "flat", "positions", "n_out")

    def __init__(self, fn, args, kwargs, flat, positions, n_out):
        self.fn = fn
        self.structure = [args, kwargs]
        self.flat = flat
        self.positions = positions
        self.n_out = n_out

    def tensors(self, *inputs):
        leaves = list(self.flat)
        for i, x in zip(self.positions, inputs):
            leaves[i] = x
        args, kwargs = pack_sequence_as(self.structure, leaves)
        # Python runs at trace time only: a called function's print output is
        # dropped when the program runs (tf.print still prints).
        out, err = sys.stdout, sys.stderr
        printing.real_streams.append((out, err))
        sys.stdout = sys.stderr = _NULL
        try:
            result = self.fn(*args, **kwargs)
        finally:
            sys.stdout, sys.stderr = out, err
            printing.real_streams.pop()
        return [o for o in flatten(result) if o.__class__ is Tensor]

    def __call__(self, *values):
        return tuple([o._value for o in self.tensors(*[wrap(v) for v in values])])


class Program:
    """What one trace of a function compiles to."""

    def __init__(self):
        self.nodes: list[Node] = []
        self.arg_names: list[str] = []
        self.outputs: list[str] = []
        self.constants: dict[str, object] = {}
        self.variables: dict[str, object] = {}  # captured variables by name
        self.has_guards = False
        self._zero_products: dict = {}  # matmul node -> (other operand, zeros' name)
        self._outer_products: set = set()  # matmuls over a dimension of 1
        self._mask_groups: list = []  # ReLU-like gradients sharing one mask
        self._inline: dict = {}  # node -> the NumPy expression its line computes
        self._promoted: set = set()  # nodes whose scalar result becomes a 0-d array
        self._scalar_ops: set = set()  # ops on 0-d operands only
        self._twins: set = set()  # constants passed as 0-d arrays, with a scalar twin
        self._source = None
        self._run = None

    # The source is generated and compiled when first run (the second call of a
    # signature: the first is the trace itself); compiling a long program costs
    # more than running it (about 25 microseconds a line).
    @property
    def source(self) -> str:
        if self._source is None:
            self._generate()
        return self._source

    @property
    def run(self):
        if self._run is None:
            self._generate()
        return self._run

    # -- building ----------------------------------------------------------------
    def _passes(self, values: dict) -> None:
        alias: dict[str, str] = {}
        seen: dict = {}
        producer: dict = {}  # a value's name -> the kept op computing it
        kept = []
        constants = self.constants
        reads: dict[str, str] = {}  # variable -> its value, read since its last write
        scalars = {_scalar_key(v): n for n, v in constants.items() if _scalar_key(v) is not None}
        for node in self.nodes:
            if alias:
                node.ins = [alias.get(n, n) for n in node.ins]
            if node.kind != _trace.OP:
                if node.kind == _trace.GUARD and node.ins[0] in constants:
                    continue  # a guard on a constant always holds
                if node.kind == _trace.READ:
                    earlier = reads.get(node.fn)
                    if earlier is not None:  # unchanged since: the same value
                        alias[node.outs[0]] = earlier
                        continue
                    reads[node.fn] = node.outs[0]
                elif node.kind == _trace.WRITE:
                    self._forget_reads(reads, node.fn)
                elif node.kind == _trace.CALL and not pure_call(node.fn.fn):
                    reads.clear()  # an opaque call may assign anything
                kept.append(node)
                continue
            if node.fn is identity:
                alias[node.outs[0]] = node.ins[0]
                continue
            if node.fn in SUBPROGRAM_PRIMS and node.params.get("stateful"):
                node.kind = _trace.CALL_OP
                reads.clear()  # its stateful calls are opaque, as a CALL's are
                kept.append(node)
                continue
            simplify(node, producer, constants, values)
            for n in node.ins:
                if n not in constants:
                    break
            else:
                for name in node.outs:
                    value = values[name]
                    same = _scalar_key(value)
                    earlier = scalars.get(same) if same is not None else None
                    if earlier is not None:
                        alias[name] = earlier
                    else:
                        constants[name] = value
                        if same is not None:
                            scalars[same] = name
                continue
            params_key = _hashable_params(node.params)
            if params_key is not None:
                key = (node.fn, tuple(node.ins), params_key)
                earlier = seen.get(key)
                if earlier is not None:
                    for mine, theirs in zip(node.outs, earlier.outs):
                        alias[mine] = theirs
                    continue
                seen[key] = node
            kept.append(node)
            for name in node.outs:
                producer[name] = node
        self.outputs = [alias.get(n, n) for n in self.outputs]
        live = set(self.outputs)
        reversed_kept = []
        stateful = (_trace.WRITE, _trace.GUARD, _trace.PRINT, _trace.CALL, _trace.CALL_OP)
        for node in reversed(kept):
            for n in node.outs:
                if n in live:
                    break
            else:
                if node.kind not in stateful or (
                    node.kind == _trace.CALL and pure_call(node.fn.fn)
                ):
                    continue  # dead: nothing uses what it computes
            reversed_kept.append(node)
            live.update(node.ins)
        self.nodes = merge_guards(reversed_kept[::-1], self.constants, values)
        for node in self.nodes:
            node.outs = [n if n in live else None for n in node.outs]
        self._share_saved()
        self.constants = {k: v for k, v in self.constants.items() if k in live}
        ops = [node for node in self.nodes if node.kind == _trace.OP]
        self._zero_products, self._outer_products = mark_products(ops, self.constants, values)
        self._mask_groups = shared_masks(ops, values)
        scalar_only = meeting_scalars_only(self.nodes, values, self.outputs)
        self._inline = inline_forms(ops, values, self.constants, scalar_only)
        self._promoted = self._scalars_meeting_arrays(values)
        meets_array = {node for node in ops if any(value_rank(i, values) for i in node.ins)}
        self._array_constants = {
            name for node in meets_array for name in node.ins if name in self.constants
        }
        # ops between 0-d operands keep a promoted constant's scalar (see _generate)
        self._scalar_ops = {node for node in ops if node not in meets_array}
        self.has_guards = any(node.kind == _trace.GUARD for node in self.nodes)

    def _forget_reads(self, reads: dict, written: str) -> None:
        """After a write to ``written``: which earlier reads may no longer hold.

        Captured variables are distinct objects; a Variable argument may be any
        of them at run time (or another argument), so writes to or through
        arguments forget more."""
        if written in self.arg_names:
            reads.clear()
            return
        reads.pop(written, None)
        for name in [n for n in reads if n in self.arg_names]:
            del reads[name]

    def _share_saved(self) -> None:
        """Let an op with ``reuses`` take what its forward op saved (``node.extra``
        names the saved value in both), rather than recompute it."""
        forwards: dict = {}
        shared = 0
        for node in self.nodes:
            if node.kind != _trace.OP:
                continue
            prim = node.fn
            if prim.saves:
                forwards.setdefault((prim, tuple(node.ins)), node)
            if prim.reuses is not None:
                forward, _ = prim.reuses
                for start in range(len(node.ins)):
                    earlier = forwards.get((forward, tuple(node.ins[start:])))
                    if earlier is not None:
                        if earlier.extra is None:
                            shared += 1
                            earlier.extra = f"saved_{shared}"
                        node.extra = earlier.extra
                        break

    def _generate(self) -> None:
        namespace: dict = {"RETRACE": _RETRACE, "_same_float": _same_float}
        namespace.update(self.constants)
        for name, value in self.constants.items():
            if value.__class__ is np.ndarray and 0 in value.strides and value.size <= _DENSE_LIMIT:
                namespace[name] = _dense(value)
        # NumPy (2.x) takes a 0-d array operand in about half the time of a
        # scalar of the same dtype, with the same result: scalar constants that
        # meet an array operand, and no output returns as they are, become 0-d
        # arrays (between two scalars a NumPy scalar is the faster operand)
        outputs = set(self.outputs)
        array_constants = getattr(self, "_array_constants", ())
        self._twins = set()
        for name, value in self.constants.items():
            if isinstance(value, np.generic) and name not in outputs and name in array_constants:
                namespace[name] = np.asarray(value)
                # the scalar itself where it meets another scalar (scalar fast path)
                namespace[f"{name}_scalar"] = value
                self._twins.add(name)
        namespace.update(self.variables)
        last_use: dict[str, int] = {}
        for i, node in enumerate(self.nodes):
            for n in node.ins:
                last_use[n] = i
        keep = set(self.outputs) | set(self.arg_names) | set(self.constants)
        lines = [f"def program({', '.join(self.arg_names)}):"]
        if self.has_guards:
            lines.append("    _out = []")
        masks: dict = {}  # node -> (mask's name, its first use, its last use)
        for k, (x, factor, members) in enumerate(self._mask_groups):
            name = f"mask_{k}"
            if factor is None:
                setup = f"{name} = {x} > 0"
            else:
                namespace[f"{name}_alpha"] = factor
                namespace["maximum"] = np.maximum
                setup = f"{name} = maximum({x} > 0, {name}_alpha)"
            for node in members:
                masks[node] = (name, setup if node is members[0] else None, node is members[-1])
        promoted = self._promoted
        if promoted:
            namespace["_asarray"] = np.asarray
        for i, node in enumerate(self.nodes):
            mask = masks.get(node)
            if mask is None:
                lines.append("    " + self._line(i, node, namespace))
                if node in promoted:
                    lines.append(f"    {node.outs[0]} = _asarray({node.outs[0]})")
            else:
                if mask[1] is not None:
                    lines.append("    " + mask[1])
                lines.append(f"    {node.outs[0] or '_'} = {node.ins[0]} * {mask[0]}")
            dead = [n for n in dict.fromkeys(node.ins) if last_use[n] == i and n not in keep]
            if mask is not None and mask[2]:
                dead.append(mask[0])
            if dead:
                lines.append("    del " + ", ".join(dead))
        if self.has_guards:
            lines.append("    _flush(_out)")
            namespace["_flush"] = _flush
        outs = ", ".join(self.outputs)
        lines.append(f"    return ({outs}{',' if len(self.outputs) == 1 else ''})")
        self._source = "\n".join(lines) + "\n"
        exec(compile(self._source, "<tf.function program>", "exec"), namespace)  # noqa: S102
        self._run = namespace["program"]

    def _scalars_meeting_arrays(self, values: dict) -> set:
        """Nodes computing a NumPy float scalar whose every use is arithmetic
        with an array: their result becomes a 0-d array, which NumPy takes in
        about half a scalar's time, with the same result (Adam's step size
        meets every variable's update)."""
        values = {**self.constants, **values}
        uses: dict = {}
        for node in self.nodes:
            for name in node.ins:
                uses.setdefault(name, []).append(node)
        outputs = set(self.outputs)
        promoted = set()
        for node in self.nodes:
            if node.kind != _trace.OP or len(node.outs) != 1 or node.outs[0] in outputs:
                continue
            name = node.outs[0]
            value = values.get(name)
            if not isinstance(value, np.generic) or value.dtype.kind != "f":
                continue
            users = uses.get(name)
            if users and all(_meets_array(user, name, values) for user in users):
                promoted.add(node)
        return promoted

    def _line(self, i: int, node: Node, namespace: dict) -> str:
        kind = node.kind
        args = node.ins
        if self._twins and node in self._scalar_ops:
            args = [f"{a}_scalar" if a in self._twins else a for a in args]
        if kind == _trace.OP or kind == _trace.CALL_OP:
            prim = node.fn
            fname = f"{prim.name}_{i}"
            namespace[fname] = prim.impl
            if node in self._outer_products:
                fname = f"outer_product_{i}"
                namespace[fname] = outer_product
            call_args = list(args)
            if node.extra is not None and not prim.saves:  # computed from a forward's saved
                namespace[fname] = prim.reuses[1]
                call_args.insert(0, node.extra)
            params = node.params
            if prim in LINE_PARAMS:
                params = LINE_PARAMS[prim](node)
            for key, value in params.items():
                text = _literal(value)
                if text is None:
                    text = f"{fname}_{key}"
                    namespace[text] = value
                call_args.append(f"{key}={text}")
            call = f"{fname}({', '.join(call_args)})"
            form = self._inline.get(node)
            if form is not None and node not in self._outer_products:
                if form.__class__ is tuple:
                    form, objects = form
                    for key, value in objects.items():
                        namespace[f"{fname}_{key}"] = value
                call = form.format(*args, P=fname)
            guard = self._zero_products.get(node)
            if guard is not None:  # zeros when the other operand is finite
                namespace["finite"] = finite
                call = f"{guard[1]} if finite({guard[0]}) else {call}"
            outs = [n or "_" for n in node.outs]
            saved = node.extra or "_"
            if prim.multiple_results:
                target = ", ".join(outs) + ("," if len(outs) == 1 else "")
                if prim.saves:
                    target = f"({target}), {saved}"
            else:
                target = outs[0] + (f", {saved}" if prim.saves else "")
            return f"{target} = {call}"
        if kind == _trace.READ:
            return f"{node.outs[0]} = {node.fn}._value"
        if kind == _trace.CALL:
            namespace[f"call_{i}"] = node.fn
            target = (", ".join(n or "_" for n in node.outs) + ",") if node.outs else "_"
            return f"{target} = call_{i}({', '.join(args)})"
        if kind == _trace.WRITE:
            var, method = node.fn, node.extra
            if method == "assign":
                return f"{var}._value = {args[0]}"
            sign = "+" if method == "assign_add" else "-"
            if node.params is None:  # the delta has the variable's dtype: so has the sum
                return f"{var}._value = {var}._value {sign} {args[0]}"
            dtype = f"dtype_{i}"
            namespace[dtype] = node.params
            return f"{var}._value = ({var}._value {sign} {args[0]}).astype({dtype}, copy=False)"
        if kind == _trace.GUARD:
            read, answer = node.fn, node.extra
            if read is bool:
                return f"if bool({args[0]}) is not {answer!r}: raise RETRACE"
            if read is int:
                return f"if int({args[0]}) != {answer!r}: raise RETRACE"
            if read is _trace.value_key:
                namespace[f"answer_{i}"] = answer
                namespace["value_key"] = read
                return f"if value_key({args[0]}) != answer_{i}: raise RETRACE"
            namespace[f"answer_{i}"] = answer
            return f"if not _same_float(float({args[0]}), answer_{i}): raise RETRACE"
        # PRINT
        namespace[f"print_{i}"] = node.fn
        if self.has_guards:
            return f"_out.append(print_{i}.text({', '.join(args)}))"
        return f"print_{i}.write(print_{i}.text({', '.join(args)}))"

    # -- running through dispatch ---------------------------------------------
    def replay(self, arguments: list) -> list:
        """Run the nodes through ``apply`` (outer tapes, accumulators and traces see them)."""
        env: dict = dict(zip(self.arg_names, arguments))
        for name, value in self.constants.items():
            env[name] = wrap(value)
        env.update(self.variables)
        for node in self.nodes:
            kind = node.kind
            if kind == _trace.OP or kind == _trace.CALL_OP:
                out = apply(node.fn, *[env[n] for n in node.ins], **node.params)
                if node.fn.multiple_results:
                    for name, value in zip(node.outs, out):
                        if name is not None:
                            env[name] = value
                elif node.outs[0] is not None:
                    env[node.outs[0]] = out
            elif kind == _trace.READ:
                env[node.outs[0]] = env[node.fn].read_value()
            elif kind == _trace.CALL:
                for name, value in zip(node.outs, node.fn.tensors(*[env[n] for n in node.ins])):
                    if name is not None:
                        env[name] = value
            elif kind == _trace.WRITE:
                getattr(env[node.fn], node.extra)(env[node.ins[0]], read_value=False)
            elif kind == _trace.GUARD:
                answer = node.fn(env[node.ins[0]])  # a guard again for an outer trace
                if answer != node.extra and not (
                    node.fn is float and answer != answer and node.extra != node.extra
                ):
                    raise _RETRACE
            else:
                from .printing import emit

                emit(node.fn, [env[n] for n in node.ins])
        return [env[n] for n in self.outputs]

    def written_variables(self, arguments: list) -> list:
        """The variables this program assigns, for undoing a run a guard stopped."""
        names = {node.fn for node in self.nodes if node.kind == _trace.WRITE}
        by_name = dict(zip(self.arg_names, arguments))
        by_name.update(self.variables)
        return [by_name[n] for n in names]


def _scalar_key(value):
    """Equal NumPy scalars (same dtype and bits) are one constant: then the ops on
    them (say beta ** step in each variable's Adam update) are common subexpressions."""
    if isinstance(value, np.generic) and value.dtype.kind != "O":
        return (value.dtype, value.tobytes())
    return None


def _same_float(a: float, b: float) -> bool:
    return a == b or (a != a and b != b)


def _flush(pending: list) -> None:
    for printer_text in pending:
        from .printing import write

        write(printer_text)


def build(trace, arg_leaves: list, output_leaves: list) -> Program:
    """Compile ``trace``; ``arg_leaves`` are its inputs (Tensor, Variable or None)."""
    program = Program()
    names: dict[int, str] = {}
    values: dict[str, object] = {}
    count = itertools.count(1).__next__

    def fresh(prefix: str) -> str:
        return f"{prefix}{count()}"

    for i, leaf in enumerate(arg_leaves):
        name = f"a{i}"
        program.arg_names.append(name)
        if leaf is not None:
            names.setdefault(leaf._id, name)
            values[name] = leaf._value  # a program is specialised to its arguments' shapes

    scalars: dict = {}

    def ref(tensor) -> str:
        name = names.get(tensor._id)
        if name is None:
            value = tensor._value
            key = _scalar_key(value)
            name = scalars.get(key) if key is not None else None
            if name is None:
                name = fresh("c")
                program.constants[name] = value
                if key is not None:
                    scalars[key] = name
            names[tensor._id] = name
        return name

    def variable_ref(variable) -> str:
        name = names.get(variable._id)
        if name is None:
            name = fresh("v")
            program.variables[name] = variable
            names[variable._id] = name
        return name

    for record in trace.nodes:
        kind = record[0]
        if kind == _trace.OP:
            _, prim, inputs, out, params = record
            if prim.saves:  # what the impl saved for the rules is no input of the program
                params = {k: v for k, v in params.items() if k != "saved"}
            ins = []
            for x in inputs:
                known = names.get(x._id)
                ins.append(known if known is not None else ref(x))
            if prim.multiple_results:
                outs = []
                for o in out:
                    name = f"t{count()}"
                    names[o._id] = name
                    values[name] = o._value
                    outs.append(name)
            else:
                name = f"t{count()}"
                names[out._id] = name
                values[name] = out._value
                outs = [name]
            program.nodes.append(Node(kind, prim, ins, outs, params))
        elif kind == _trace.READ:
            _, variable, out = record
            name = fresh("t")
            names[out._id] = name
            values[name] = out._value
            program.nodes.append(Node(kind, variable_ref(variable), [], [name]))
        elif kind == _trace.WRITE:
            _, variable, method, delta, _old = record
            dtype = variable._value.dtype
            if delta._value.dtype == dtype:
                dtype = None  # no cast back after the sum
            program.nodes.append(
                Node(kind, variable_ref(variable), [ref(delta)], [], dtype, method)
            )
        elif kind == _trace.GUARD:
            _, tensor, read, answer = record
            program.nodes.append(Node(kind, read, [ref(tensor)], [], None, answer))
        elif kind == _trace.CALL:
            _, fn, args, kwargs, out = record
            flat = flatten([args, kwargs])
            positions = [i for i, x in enumerate(flat) if x.__class__ is Tensor]
            outs = []
            for o in flatten(out):
                if o.__class__ is Tensor:
                    name = f"t{count()}"
                    names[o._id] = name
                    values[name] = o._value
                    outs.append(name)
            call = _Call(fn, args, kwargs, flat, positions, len(outs))
            program.nodes.append(Node(kind, call, [ref(flat[i]) for i in positions], outs))
        else:  # PRINT
            _, printer, tensors = record
            program.nodes.append(Node(kind, printer, [ref(t) for t in tensors], []))
    program.outputs = [ref(t) for t in output_leaves]
    program._passes(values)
    return program
