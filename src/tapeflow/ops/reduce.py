"""Reduction primitives: reduce_sum, reduce_max and reduce_min.

``axis`` reaches a primitive as a tuple of negative ints (or None for all),
so the rules work unchanged when the cotangent carries leading batch axes.
Means, variances and norms are composites of these.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .elementwise import cast, equal
from .shape import batch_shape, broadcast_to, reshape


def _kept_shape(x_shape: tuple, axis) -> tuple:
    """x's shape with the reduced axes set to 1 (what keepdims=True gives)."""
    if axis is None:
        return (1,) * len(x_shape)
    rank = len(x_shape)
    reduced = {a % rank for a in axis} if rank else set()
    return tuple(1 if i in reduced else d for i, d in enumerate(x_shape))


def expand_reduced(g, ans, x, axis):
    """Broadcast a reduction's cotangent back over the reduced axes of x."""
    batch = batch_shape(g, ans)
    kept = reshape(g, shape=batch + _kept_shape(x._value.shape, axis))
    return broadcast_to(kept, shape=batch + x._value.shape)


def _sum_impl(x, axis, keepdims):
    if x.dtype.kind == "b":
        from ..errors import InvalidArgumentError

        raise InvalidArgumentError(None, None, "bool is not supported by Sum [Op:Sum]")
    return np.sum(x, axis=axis, keepdims=keepdims)


reduce_sum = Primitive(
    "reduce_sum",
    _sum_impl,
    vjp=lambda g, ans, x, axis, keepdims: (expand_reduced(g, ans, x, axis),),
    linear=True,
    tf_name="Sum",
    formula="d sum(x) = sum(dx); VJP broadcasts g back over the reduced axes",
)


def _extremum_vjp(g, ans, x, axis, keepdims):
    # Ties share the gradient equally, as TF's Max/Min gradients do.
    ans_kept = reshape(ans, shape=_kept_shape(x._value.shape, axis))
    chosen = cast(equal(x, ans_kept), dtype=_dtype_of(x))
    count = reduce_sum(chosen, axis=axis, keepdims=True)
    return (expand_reduced(g, ans, x, axis) * (chosen / count),)


def _extremum_jvp(tangents, ans, x, axis, keepdims):
    ans_kept = reshape(ans, shape=_kept_shape(x._value.shape, axis))
    chosen = cast(equal(x, ans_kept), dtype=_dtype_of(x))
    count = reduce_sum(chosen, axis=axis, keepdims=keepdims)
    return reduce_sum(tangents[0] * chosen, axis=axis, keepdims=keepdims) / count


def _dtype_of(x):
    from ..dtypes import from_numpy

    return from_numpy(x._value.dtype)


def _checked(np_reduction, tf_name):
    def impl(x, axis, keepdims):
        if x.size == 0:
            from ..errors import InvalidArgumentError

            raise InvalidArgumentError(
                None, None, f"Reduction of an empty tensor has no identity [Op:{tf_name}]"
            )
        return np_reduction(x, axis=axis, keepdims=keepdims)

    return impl


reduce_max = Primitive(
    "reduce_max",
    _checked(np.max, "Max"),
    vjp=_extremum_vjp,
    jvp=_extremum_jvp,
    tf_name="Max",
    formula="d max(x) = dx at the maximum; tied maxima share it equally",
)

reduce_min = Primitive(
    "reduce_min",
    _checked(np.min, "Min"),
    vjp=_extremum_vjp,
    jvp=_extremum_jvp,
    tf_name="Min",
    formula="d min(x) = dx at the minimum; tied minima share it equally",
)
