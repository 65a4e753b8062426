"""Exact rewrites of a program's elementwise nodes (one of graph.py's passes).

Second-order graphs from nested tapes are full of small detours that a
hand-written program would not take: the VJP of ``p - alpha * g`` negates the
cotangent and multiplies it by a constant; a bias's VJP of a VJP broadcasts a
vector to a matrix just to add it to one. Each rewrite below gives the same
bits as the nodes it replaces, so a compiled function still returns exactly
what its eager run returns:

* ``multiply(negative(x), c)`` with ``c`` a float constant becomes
  ``multiply(x, -c)`` (an IEEE product's sign is the XOR of its operands'
  signs, and its magnitude does not depend on them), and
  ``multiply(negative(x), negative(y))`` becomes ``multiply(x, y)``;
* ``add(a, negative(x))`` and ``add(negative(x), a)`` become
  ``subtract(a, x)``, and ``subtract(a, negative(x))`` becomes ``add(a, x)``
  (IEEE defines ``a - x`` as ``a + (-x)``, and addition commutes exactly);
* an ``add``, ``subtract`` or ``multiply`` whose operand is
  ``broadcast_to(x, shape)`` takes ``x`` itself when NumPy's own broadcasting
  gives the same result shape (the same elements meet in the same operation).

The replaced ``negative`` and ``broadcast_to`` nodes are left to dead-code
removal, which drops them when nothing else uses them.

``mark_products`` picks the 2-D float matmuls that code generation writes
differently, with the same bits again:

* a product over a dimension of 1 (an outer product, which every bias and
  ``reduce_mean`` VJP of a VJP makes) is ``left * right``: BLAS adds the one
  product to a zero accumulator, so ``+ 0`` after it turns -0 into +0 as BLAS
  does, at a third of the cost of ``matmul`` on such shapes (from 2048
  elements; below, one matmul call is cheaper than two elementwise ones);
* a product with an all-zero constant (the connected zeros of a ReLU-like
  gradient's VJP) is that zero array whenever the other operand is finite
  (a finite sum says so; BLAS sums zero products to +0), and the real
  product otherwise, so NaN and inf still propagate.

``shared_masks`` finds the ReLU and leaky-ReLU gradients taken several times
at one activation (a second-order sweep takes each two or three times): the
program computes ``x > 0`` (or leaky ReLU's factor ``maximum(x > 0, alpha)``)
once and multiplies each cotangent by it, which is what each impl computes.
"""

from __future__ import annotations

import math

import numpy as np

from ..ops.elementwise import add, multiply, negative, subtract
from ..ops.linalg import matmul
from ..ops.nn import leaky_relu_grad, relu_grad
from ..ops.shape import broadcast_to

__all__ = ["finite", "mark_products", "outer_product", "shared_masks", "simplify"]

_BINARY = (add, subtract, multiply)
# Below about this many elements one matmul call costs less than the two
# elementwise calls of outer_product (measured: 10x40 3.3 vs 6.3 us, 512x32 64 vs 20 us).
_OUTER_MIN = 2048


def _shape(name: str, values: dict, constants: dict):
    value = constants.get(name)
    if value is None:
        value = values.get(name)
    return None if value is None else np.shape(value)


def _negated(name: str, producer: dict):
    """x when ``name`` is computed as ``negative(x)``, else None."""
    node = producer.get(name)
    return node.ins[0] if node is not None and node.fn is negative else None


def _negated_constant(name: str, constants: dict):
    """The name of ``-constant`` (made once), or None for a non-float constant."""
    value = constants.get(name)
    if value is None or np.asarray(value).dtype.kind not in "fc":
        return None
    negated = name + "n"  # names are a letter and digits: this one is new
    if negated not in constants:
        constants[negated] = -value
    return negated


def simplify(node, producer: dict, constants: dict, values: dict) -> None:
    """Rewrite ``node`` (an op of the program being built) in place.

    ``producer`` maps a value's name to the kept op computing it; ``constants``
    and ``values`` hold the constants' and the trace's values (their shapes
    decide the broadcast rewrite).
    """
    fn = node.fn
    if fn not in _BINARY or node.params or len(node.ins) != 2:
        return
    ins = list(node.ins)
    out_shape = _shape(node.outs[0], values, constants)
    if out_shape is not None:
        for i in (0, 1):
            source = producer.get(ins[i])
            if source is None or source.fn is not broadcast_to:
                continue
            inner, other = source.ins[0], ins[1 - i]
            inner_shape = _shape(inner, values, constants)
            other_shape = _shape(other, values, constants)
            if inner_shape is None or other_shape is None:
                continue
            try:
                if np.broadcast_shapes(inner_shape, other_shape) == out_shape:
                    ins[i] = inner
            except ValueError:
                continue
    a, b = ins
    neg_a, neg_b = _negated(a, producer), _negated(b, producer)
    if fn is multiply:
        if neg_a is not None and neg_b is not None:
            ins = [neg_a, neg_b]
        elif neg_a is not None and b in constants:
            c = _negated_constant(b, constants)
            if c is not None:
                ins = [neg_a, c]
        elif neg_b is not None and a in constants:
            c = _negated_constant(a, constants)
            if c is not None:
                ins = [c, neg_b]
    elif fn is add:
        if neg_b is not None:
            fn, ins = subtract, [a, neg_b]
        elif neg_a is not None:
            fn, ins = subtract, [b, neg_a]
    elif neg_b is not None:  # subtract
        fn, ins = add, [a, neg_b]
    node.fn, node.ins = fn, ins


def outer_product(a, b, transpose_a: bool = False, transpose_b: bool = False):
    """``matmul`` of an (m, 1) and a (1, n) matrix, as BLAS computes it."""
    left = a.swapaxes(0, 1) if transpose_a else a
    right = b.swapaxes(0, 1) if transpose_b else b
    out = np.multiply(left, right)
    out += 0  # BLAS's zero accumulator: -0 + 0 is +0
    return out


def finite(x) -> bool:
    """Whether every element of ``x`` is finite (an inf or NaN makes the sum one;
    a sum that overflows only sends the caller down the exact path)."""
    return math.isfinite(x.sum())


def mark_products(nodes: list, constants: dict, values: dict) -> tuple[dict, set]:
    """The zero-constant products (node -> (other operand, zero constant's name))
    and the outer products among ``nodes``; adds the zero constants."""
    zero: dict = {}
    outer: set = set()
    for node in nodes:
        if node.fn is not matmul or len(node.ins) != 2:
            continue
        value = values.get(node.outs[0]) if node.outs[0] is not None else None
        if not isinstance(value, np.ndarray) or value.ndim != 2 or value.dtype.kind != "f":
            continue
        a, b = node.ins
        shape_a = _shape(a, values, constants)
        if shape_a is None or len(shape_a) != 2 or _shape(b, values, constants) is None:
            continue
        inner = shape_a[0] if node.params.get("transpose_a") else shape_a[1]
        if inner == 1:
            if value.size >= _OUTER_MIN:
                outer.add(node)
            continue
        if value.any() or np.signbit(value).any():
            continue
        for zeros, other in ((a, b), (b, a)):
            constant = constants.get(zeros)
            if constant is not None and other not in constants and not np.any(constant):
                name = node.outs[0] + "z"
                constants[name] = value
                zero[node] = (other, name)
                break
    return zero, outer


def shared_masks(nodes: list, values: dict) -> list:
    """Groups of ``relu_grad``/``leaky_relu_grad`` nodes at one activation:
    ``(activation, factor, nodes)``, ``factor`` None for ReLU's boolean mask,
    else leaky ReLU's slope in the cotangent's dtype."""
    groups: dict = {}
    for node in nodes:
        if node.fn is relu_grad:
            key = (node.ins[1], None)
        elif node.fn is leaky_relu_grad:
            alpha = node.params.get("alpha")
            g = values.get(node.ins[0])
            # The impl's factor form: float cotangents, 0 <= alpha <= 1.
            if not isinstance(g, np.ndarray) or g.dtype.kind != "f" or not 0 <= alpha <= 1:
                continue
            key = (node.ins[1], g.dtype.type(alpha))
        else:
            continue
        groups.setdefault(key, []).append(node)
    return [(x, factor, members) for (x, factor), members in groups.items() if len(members) > 1]
