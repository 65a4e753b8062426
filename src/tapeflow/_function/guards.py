"""One guard for a run of bounds checks on one scalar (one of graph.py's passes).

A loop the trace had to unroll (``for i in tf.range(n)`` whose body writes a
variable, say) leaves a guard per step: ``bool(n > 0) is True``,
``bool(n > 1) is True``, ..., ``bool(n > 999) is False``. Each costs a
comparison and a ``bool`` every step of every call. The strongest of the
``True`` ones (``n > 999`` here) implies all the others, as does the weakest
of the ``False`` ones (NaN fails every comparison, so it fails the strongest
too), so ``merge_guards`` keeps only the strongest of each group, and moves every
group's guard on one scalar up to where the first of them stood (the last
step's ``n > 999 is False`` included): a call the program does not cover now
stops before any of the steps' side effects, not after them.
"""

from __future__ import annotations

import numpy as np

from ..ops.elementwise import greater, greater_equal, less, less_equal
from . import trace as _trace

__all__ = ["merge_guards"]

# comparison -> True when a larger constant makes ``x OP c`` harder to satisfy
_RISING = {greater: True, greater_equal: True, less: False, less_equal: False}


def _bound(node, producers: dict, uses: dict, constants: dict, values: dict):
    """(group key, the constant's name, its value) for a guard ``bool(x OP c)``, else None."""
    if node.fn is not bool or uses.get(node.ins[0]) != 1:
        return None
    compare = producers.get(node.ins[0])
    if compare is None or compare.fn not in _RISING or compare.params:
        return None
    x, c = compare.ins
    bound = constants.get(c)
    value = values.get(x)
    if value is None or bound is None or x in constants:
        return None
    if np.ndim(bound) or np.ndim(value) or np.result_type(bound).kind not in "iuf":
        return None
    if np.result_type(value).kind not in "iuf" or np.result_type(bound) != np.result_type(value):
        return None
    bound = bound.item()
    if bound != bound:
        return None  # x OP NaN is always False: never implied by another bound
    return (compare.fn, x, node.extra), c, bound


def merge_guards(nodes: list, constants: dict, values: dict) -> list:
    """``nodes`` with each group of bounds guards on one scalar merged into its first.

    >>> merge_guards([], {}, {})
    []
    """
    producers = {}
    uses: dict = {}
    for node in nodes:
        if node.kind == _trace.OP:
            for name in node.outs:
                producers[name] = node
        for name in node.ins:
            uses[name] = uses.get(name, 0) + 1
    groups: dict = {}  # key -> [first guard, its comparison, strongest constant, its value]
    first_on: dict = {}  # x -> the first bounds guard on x
    dropped: set = set()
    for node in nodes:
        if node.kind != _trace.GUARD:
            continue
        found = _bound(node, producers, uses, constants, values)
        if found is None:
            continue
        key, c, bound = found
        first_on.setdefault(key[1], node)
        group = groups.get(key)
        if group is None:
            groups[key] = [node, producers[node.ins[0]], c, bound]
            continue
        dropped.add(id(node))
        dropped.add(id(producers[node.ins[0]]))
        # a True guard wants the hardest bound, a False one the easiest
        if (bound > group[3]) == (_RISING[key[0]] == key[2]) and bound != group[3]:
            group[2:] = [c, bound]
    # every group's survivor moves up to the first bounds guard on its scalar
    moved: dict = {}  # id(anchor guard) -> [comparison, guard, ...] placed after it
    for key, (first, compare, c, _) in groups.items():
        compare.ins = [compare.ins[0], c]
        anchor = first_on[key[1]]
        if anchor is not first:
            moved.setdefault(id(anchor), []).extend([compare, first])
            dropped.update((id(compare), id(first)))
    if not dropped:
        return nodes
    out = []
    for node in nodes:
        if id(node) not in dropped:
            out.append(node)
        out.extend(moved.get(id(node), ()))
    return out
