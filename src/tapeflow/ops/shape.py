"""Shape primitives: reshape, transpose, and the adjoint pair broadcast_to / sum_to_shape.

All are linear, so their JVP is the op applied to the tangent. Cotangents may
carry leading batch axes (vectorized Jacobians): ``batch_shape(g, ans)`` is
what the cotangent has in front of the output's own shape.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .._tensor import Tensor


def batch_shape(g: Tensor, ans: Tensor) -> tuple:
    """The leading axes a cotangent carries beyond the output's own shape."""
    extra = g._value.ndim - ans._value.ndim
    return g._value.shape[:extra] if extra > 0 else ()


def _reshape_impl(x, shape):
    try:
        return np.reshape(x, shape)
    except ValueError:
        from ..errors import InvalidArgumentError

        size = int(np.size(x))
        requested = int(np.prod([d for d in shape if d != -1], dtype=np.int64))
        raise InvalidArgumentError(
            None,
            None,
            f"Input to reshape is a tensor with {size} values, but the requested shape "
            + (f"requires a multiple of {requested}" if -1 in shape else f"has {requested}")
            + " [Op:Reshape]",
        ) from None


reshape = Primitive(
    "reshape",
    _reshape_impl,
    vjp=lambda g, ans, x, shape: (reshape(g, shape=batch_shape(g, ans) + x._value.shape),),
    linear=True,
    formula="d reshape(x) = reshape(dx)",
)


def _transpose_vjp(g, ans, x, perm):
    lead = len(batch_shape(g, ans))
    inverse = tuple(int(i) + lead for i in np.argsort(perm))
    return (transpose(g, perm=tuple(range(lead)) + inverse),)


transpose = Primitive(
    "transpose",
    lambda x, perm: np.transpose(x, perm),
    vjp=_transpose_vjp,
    linear=True,
    formula="d transpose(x, perm) = transpose(dx, perm); VJP uses the inverse permutation",
)


def _broadcast_to_impl(x, shape):
    # A read-only view is enough: tensors are never written in place.
    return np.broadcast_to(x, shape)


broadcast_to = Primitive(
    "broadcast_to",
    _broadcast_to_impl,
    # The reverse sweep sums the cotangent back to x's shape (sum_to_shape).
    vjp=lambda g, ans, x, shape: (g,),
    linear=True,
    tf_name="BroadcastTo",
    formula="d broadcast_to(x) = broadcast_to(dx); VJP sums over the broadcast axes",
)


def _sum_to_shape_impl(x, shape):
    lead = x.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, d in enumerate(shape) if d == 1 and x.shape[lead + i] != 1
    )
    summed = np.sum(x, axis=axes, keepdims=True) if axes else x
    return np.reshape(summed, shape)


sum_to_shape = Primitive(
    "sum_to_shape",
    _sum_to_shape_impl,
    vjp=lambda g, ans, x, shape: (broadcast_to(g, shape=batch_shape(g, ans) + x._value.shape),),
    linear=True,
    tf_name="Sum",
    formula="sum_to_shape(x, s): sum the broadcast axes of x away; adjoint of broadcast_to",
)


def unbroadcast(cotangent: Tensor, shape: tuple, batch_ndim: int) -> Tensor:
    """Sum a cotangent down to ``batch + shape``: the one place broadcasting is undone."""
    have = cotangent._value.shape
    if have == shape and not batch_ndim:
        return cotangent
    want = have[:batch_ndim] + shape
    if have == want:
        return cotangent
    middle = len(have) - len(want)
    if middle > 0 and batch_ndim:
        from .reduce import reduce_sum

        axes = tuple(range(batch_ndim - len(have), batch_ndim + middle - len(have)))
        cotangent = reduce_sum(cotangent, axis=axes, keepdims=False)
        have = cotangent._value.shape
    if middle < 0:
        return broadcast_to(cotangent, shape=want)
    if have != want:
        cotangent = sum_to_shape(cotangent, shape=want)
    return cotangent
