"""tf.vectorized_map as one batched run of ``fn``'s program, where the ops allow.

``fn`` is traced once, on the first slice of ``elems``, into a sub-program
(``subgraphs._subtrace``: its Python side effects happen once, as in
TensorFlow). If every operation that touches a slice is elementwise (unary
ops, and broadcasting binary ops whose other operand has no more axes than
the slice), the program is replayed once on the whole ``elems``: the batch
axis leads and broadcasting keeps it there. Replayed through ``apply``, the
batched ops are seen by tapes and accumulators, so derivatives come for free.
Anything else (reductions, matrix products, reshapes, stateful work) returns
None and the caller maps ``fn`` slice by slice.
"""

from __future__ import annotations

from .._dispatch import PRIMITIVES
from .._nest import flatten, pack_sequence_as
from .._tensor import Tensor
from ..ops.shape import broadcast_to
from . import subgraphs
from . import trace as _trace

__all__ = ["vectorized"]

_UNARY = {name for name, prim in PRIMITIVES.items() if prim.elementwise} | {
    "negative", "abs", "sqrt", "sign", "cast", "logical_not", "floor", "ceil", "round",
    "is_nan", "is_inf", "is_finite", "stop_gradient",
}  # fmt: skip
_BROADCASTING = {
    "add", "subtract", "multiply", "divide", "maximum", "minimum", "pow", "equal", "not_equal",
    "greater", "greater_equal", "less", "less_equal", "logical_and", "logical_or", "atan2",
    "floordiv", "floormod", "xdivy", "xlogy", "divide_no_nan", "multiply_no_nan", "where",
    "squared_difference",
}  # fmt: skip


def _batchable(program, slice_ranks: list, capture_count: int) -> bool:
    """Whether each op touching a slice keeps the batch axis leading (see the docstring)."""
    # name -> rank of a slice if batched, or None for values without the batch axis
    batched: dict = dict(zip(program.arg_names, slice_ranks + [None] * capture_count))
    for node in program.nodes:
        if node.kind != _trace.OP:
            return False
        ranks = [batched.get(n) for n in node.ins]
        if all(r is None for r in ranks):
            continue  # the same for every slice
        name = node.fn.name
        if name in _UNARY and len(node.ins) == 1:
            rank = ranks[0]
        elif name in _BROADCASTING:
            rank = max(r for r in ranks if r is not None)
            if any(r is not None and r != rank for r in ranks):
                return False  # batch axes of different slice ranks would not line up
            for n, r in zip(node.ins, ranks):
                if r is None and _rank(program, n) > rank:
                    return False  # an operand with more axes would take the batch axis
        else:
            return False
        for out in node.outs:
            if out is not None:
                batched[out] = rank
    return True


def _rank(program, name: str) -> int:
    value = program.constants.get(name)
    if value is not None:
        return getattr(value, "ndim", 0)
    return _RANKS.get(name, 99)


_RANKS: dict = {}  # ranks of captured values, filled while checking one program


def vectorized(fn, elems, batch: int):
    """``fn`` mapped over axis 0 of ``elems`` in one batched run, or None if it cannot be."""
    leaves = flatten(elems)
    if not batch or any(
        leaf.__class__ is not Tensor or not leaf.shape.rank or leaf._value.shape[0] != batch
        for leaf in leaves
    ):
        return None
    firsts = [leaf[0] for leaf in leaves]

    def run(*slices):
        return fn(pack_sequence_as(elems, list(slices)))

    try:
        sub, fresh, out = subgraphs._subtrace(run, firsts, _trace.active_trace())
        subgraphs._check_pure(sub)
        outputs = [subgraphs._as_tensor(o) for o in flatten(out)]
    except Exception:  # noqa: BLE001 (the slice-by-slice map gives the user's error)
        return None
    found: dict = {}
    subgraphs._find_captures(sub, fresh, outputs, found)
    captures = list(found.values())
    if any(c[0] != "tensor" for c in captures):
        return None
    program = subgraphs._program(sub, fresh, captures, outputs)
    _RANKS.clear()
    for name, capture in zip(program.arg_names[len(fresh) :], captures):
        _RANKS[name] = capture[1].shape.rank
    if not _batchable(program, [x.shape.rank for x in firsts], len(captures)):
        return None
    results = program.replay([*leaves, *(c[1] for c in captures)])

    stacked = []
    for value, first in zip(results, outputs):
        if value._value.shape != (batch, *first._value.shape):  # the same for every slice
            value = broadcast_to(value, shape=(batch, *first._value.shape))
        stacked.append(value)
    return pack_sequence_as(out, stacked)
