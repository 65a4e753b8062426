"""Helpers for JVP rules: the sum over inputs that every multi-input rule needs.

A JVP rule receives ``tangents`` with ``None`` for an input whose tangent is
zero. Skipping those inputs (instead of adding zeros) keeps forward mode from
computing terms that vanish, and leaves the output tangent ``None`` when no
input has one. ``fold_jvp`` is that loop, written once (JAX's ``defjvp`` takes
one function per input the same way).
"""

from __future__ import annotations


def fold_jvp(tangents, *terms):
    """Sum ``terms[i](tangents[i])`` over the inputs whose tangent is not None.

    ``terms[i]`` maps input i's tangent to its contribution to the output's
    tangent; None stands for an input that contributes nothing. The result is
    None when no term applies. Terms are added in input order.

    >>> fold_jvp((2.0, None, 5.0), lambda t: 10 * t, lambda t: 99 * t, lambda t: -t)
    15.0
    >>> fold_jvp((None, None), lambda t: t, lambda t: t) is None
    True
    """
    result = None
    for t, term in zip(tangents, terms):
        if t is not None and term is not None:
            contribution = term(t)
            result = contribution if result is None else result + contribution
    return result


def bilinear_jvp(op, tangents, x, y, **params):
    """The JVP of a primitive linear in each input: op(dx, y) + op(x, dy).

    >>> bilinear_jvp(lambda a, b: a * b, (1.0, None), 3.0, 4.0)
    4.0
    """
    return fold_jvp(tangents, lambda tx: op(tx, y, **params), lambda ty: op(x, ty, **params))
