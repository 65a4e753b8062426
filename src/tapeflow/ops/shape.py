"""Shape primitives: reshape, transpose, and the adjoint pair broadcast_to / sum_to_shape.

Also the adjoint pairs concat/split, stack/unstack, pad/slice (the slice is
``index.getitem``) and mirror_pad/mirror_pad_grad, and tile, reverse, roll and
conj. All are linear, so their JVP is the op applied to the tangent.
Cotangents may carry leading batch axes (vectorized Jacobians):
``batch_shape(g, ans)`` is what the cotangent has in front of the output's own
shape, and axis params are negative so that they still name the same axes.
"""

from __future__ import annotations

import math

import numpy as np

from .._dispatch import Primitive
from .._limits import check_allocation
from .._tensor import Tensor
from ..errors import InvalidArgumentError
from .index import getitem


def batch_shape(g, ans) -> tuple:
    """The leading axes a cotangent carries beyond the output's own shape
    (Tensors, or NumPy values in an array_vjp rule)."""
    if g.__class__ is Tensor:
        g, ans = g._value, ans._value
    extra = np.ndim(g) - np.ndim(ans)
    return np.shape(g)[:extra] if extra > 0 else ()


def _reshape_impl(x, shape):
    try:
        out = np.reshape(x, shape)
        # [()] keeps rank 0 a NumPy scalar; a string one stays a 0-d object array
        return out if out.dtype == object else out[()]
    except ValueError:
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
    array_vjp=True,
    linear=True,
    tf_name="BroadcastTo",
    formula="d broadcast_to(x) = broadcast_to(dx); VJP sums over the broadcast axes",
)


def _sum_to_shape_impl(x, shape):
    lead = x.ndim - len(shape)
    if lead == 1 and x.shape[1:] == shape:  # a bias's gradient: the common case, briefly
        return x.sum(axis=0)
    if not shape and x.ndim > 1:  # a scalar's gradient: the same reduction, fewer calls
        return x.sum(keepdims=True).reshape(())
    axes = tuple(range(lead)) + tuple(
        lead + i for i, d in enumerate(shape) if d == 1 and x.shape[lead + i] != 1
    )
    summed = np.sum(x, axis=axes, keepdims=True) if axes else x
    return np.reshape(summed, shape)


def _sum_to_shape_vjp(g, ans, x, shape):
    batch = batch_shape(g, ans)
    dropped = x._value.ndim - len(shape)  # leading axes summed away entirely
    if batch and dropped:
        g = reshape(g, shape=batch + (1,) * dropped + tuple(shape))
    return (broadcast_to(g, shape=batch + x._value.shape),)


sum_to_shape = Primitive(
    "sum_to_shape",
    _sum_to_shape_impl,
    vjp=_sum_to_shape_vjp,
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


def unbroadcast_values(cotangent, shape: tuple, batch_ndim: int):
    """``unbroadcast`` on NumPy values (the sweep's array mode). A cotangent without
    the batch axes sums to ``shape``; it broadcasts when accumulated."""
    if batch_ndim and cotangent.ndim >= batch_ndim + len(shape):
        middle = cotangent.ndim - batch_ndim - len(shape)
        if middle:  # axes broadcasting added in front of shape, after the batch axes
            cotangent = cotangent.sum(axis=tuple(range(batch_ndim, batch_ndim + middle)))
        shape = cotangent.shape[:batch_ndim] + shape
    return cotangent if cotangent.shape == shape else _sum_to_shape_impl(cotangent, shape)


# --------------------------------------------------------------------------
# Joining and splitting: concat/split and stack/unstack are adjoint pairs
# --------------------------------------------------------------------------
def _concat_vjp(g, ans, *xs, axis):
    return split(g, sizes=tuple(x._value.shape[axis] for x in xs), axis=axis)


concat = Primitive(
    "concat",
    lambda *xs, axis: np.concatenate(xs, axis=axis),
    vjp=_concat_vjp,
    linear=True,
    tf_name="ConcatV2",
    formula="d concat(x_i) = concat(dx_i); VJP splits g at the input sizes",
)


def _split_impl(x, sizes, axis):
    if x.__class__ is np.ndarray:
        return tuple(np.split(x, np.cumsum(sizes[:-1]), axis=axis))
    # Dask has no np.split: slices work in every library (and keep Dask's chunks).
    lead = (slice(None),) * (axis % x.ndim)
    pieces, start = [], 0
    for size in sizes:
        pieces.append(x[lead + (slice(start, start + size),)])
        start += size
    return tuple(pieces)


def batched_pieces(g: tuple, ans: tuple) -> tuple:
    """The cotangents of a multi-output op with one batch shape.

    The sweep gives an unused output a zero cotangent of the output's own
    shape; under a batched sweep the others carry leading axes.
    """
    batch = max((batch_shape(gi, ai) for gi, ai in zip(g, ans)), key=len)
    if not batch:
        return g
    return tuple(
        gi if batch_shape(gi, ai) == batch else broadcast_to(gi, shape=batch + ai._value.shape)
        for gi, ai in zip(g, ans)
    )


split = Primitive(
    "split",
    _split_impl,
    vjp=lambda g, ans, x, sizes, axis: (concat(*batched_pieces(g, ans), axis=axis),),
    linear=True,
    multiple_results=True,
    tf_name="SplitV",
    formula="d split(x) = split(dx); VJP concatenates the cotangents (0 for unused pieces)",
)

stack = Primitive(
    "stack",
    lambda *xs, axis: np.stack(xs, axis=axis),
    vjp=lambda g, ans, *xs, axis: unstack(g, axis=axis),
    linear=True,
    tf_name="Pack",
    formula="d stack(x_i) = stack(dx_i); VJP unstacks g",
)


def _unstack_impl(x, axis):
    moved = np.moveaxis(x, axis, 0)
    if moved.ndim == 1 and moved.dtype == object:
        # Iterating would give bare bytes; a string scalar stays a 0-d object array.
        return tuple(moved[i : i + 1].reshape(()) for i in range(len(moved)))
    return tuple(moved)


unstack = Primitive(
    "unstack",
    _unstack_impl,
    vjp=lambda g, ans, x, axis: (stack(*batched_pieces(g, ans), axis=axis),),
    linear=True,
    multiple_results=True,
    tf_name="Unpack",
    formula="d unstack(x) = unstack(dx); VJP stacks the cotangents (0 for unused pieces)",
)


# --------------------------------------------------------------------------
# Padding: constant padding is the adjoint of slicing, mirror padding of its fold
# --------------------------------------------------------------------------
def _pad_impl(x, paddings, constant_values):
    lead = ((0, 0),) * (x.ndim - len(paddings))
    shape = tuple(d + before + after for d, (before, after) in zip(x.shape, lead + paddings))
    if math.prod(shape) * x.itemsize > 1 << 26:
        # Internal pads too (an FFT's fft_length): refused before NumPy allocates.
        check_allocation(shape, x.dtype, "Pad")
    return np.pad(x, lead + paddings, mode="constant", constant_values=constant_values)


def _pad_vjp(g, ans, x, paddings, constant_values):
    index = (Ellipsis,) + tuple(
        slice(lo, lo + n) for (lo, _), n in zip(paddings, x._value.shape[-len(paddings) :])
    )
    return (getitem(g, index=index),)


pad = Primitive(
    "pad",
    _pad_impl,
    vjp=_pad_vjp,
    # Affine, not linear: the tangent is padded with zeros, not constant_values.
    jvp=lambda tangents, ans, x, paddings, constant_values: pad(
        tangents[0], paddings=paddings, constant_values=0
    ),
    tf_name="PadV2",
    formula="d pad(x, c) = pad(dx, 0); VJP slices the interior out of g",
)


def _mirror_pad_impl(x, paddings, mode):
    lead = ((0, 0),) * (x.ndim - len(paddings))
    return np.pad(x, lead + paddings, mode="reflect" if mode == "REFLECT" else "symmetric")


def _mirror_pad_grad_impl(g, paddings, mode):
    # Fold each mirrored border back onto the entries it was copied from.
    offset = 1 if mode == "REFLECT" else 0
    rank = len(paddings)
    for i, (lo, hi) in enumerate(paddings):
        axis = i - rank
        g = np.moveaxis(g, axis, 0)
        n = g.shape[0] - lo - hi
        core = g[lo : lo + n].copy()
        if lo:
            core[offset : offset + lo] += g[:lo][::-1]
        if hi:
            core[n - offset - hi : n - offset] += g[lo + n :][::-1]
        g = np.moveaxis(core, 0, axis)
    return g


mirror_pad = Primitive(
    "mirror_pad",
    _mirror_pad_impl,
    vjp=lambda g, ans, x, paddings, mode: (mirror_pad_grad(g, paddings=paddings, mode=mode),),
    linear=True,
    tf_name="MirrorPad",
    formula="d mirror_pad(x) = mirror_pad(dx); VJP folds the mirrored borders back (adds)",
)

mirror_pad_grad = Primitive(
    "mirror_pad_grad",
    _mirror_pad_grad_impl,
    vjp=lambda g, ans, x, paddings, mode: (mirror_pad(g, paddings=paddings, mode=mode),),
    linear=True,
    tf_name="MirrorPadGrad",
    formula="mirror_pad_grad(g): fold mirrored borders of g back; adjoint of mirror_pad",
)


# --------------------------------------------------------------------------
# Tile, reverse, roll, conj
# --------------------------------------------------------------------------
def _tile_impl(x, multiples):
    return np.tile(x, (1,) * (x.ndim - len(multiples)) + multiples)


def _tile_vjp(g, ans, x, multiples):
    from .reduce import reduce_sum

    rank = len(multiples)
    if not rank:
        return (g,)
    outer, tiled = x._value.shape[:-rank], x._value.shape[-rank:]
    pairs = tuple(d for pair in zip(multiples, tiled) for d in pair)
    g = reshape(g, shape=batch_shape(g, ans) + outer + pairs)
    return (reduce_sum(g, axis=tuple(range(-2 * rank, 0, 2)), keepdims=False),)


tile = Primitive(
    "tile",
    _tile_impl,
    vjp=_tile_vjp,
    linear=True,
    formula="d tile(x) = tile(dx); VJP reshapes g to (m0, d0, m1, d1, ...) and sums the m axes",
)

reverse = Primitive(
    "reverse",
    lambda x, axis: np.flip(x, axis=axis),
    vjp=lambda g, ans, x, axis: (reverse(g, axis=axis),),
    linear=True,
    tf_name="ReverseV2",
    formula="d reverse(x) = reverse(dx); its own adjoint",
)

roll = Primitive(
    "roll",
    lambda x, shift, axis: np.roll(x, shift, axis=axis),
    vjp=lambda g, ans, x, shift, axis: (roll(g, shift=tuple(-s for s in shift), axis=axis),),
    linear=True,
    formula="d roll(x, s) = roll(dx, s); VJP rolls g back by -s",
)

conj = Primitive(
    "conj",
    np.conj,
    vjp=lambda g, ans, x: (conj(g),),
    linear=True,
    formula="d conj(x) = conj(dx); VJP conj(g) (real-linear, used by transpose(conjugate=True))",
)


# --------------------------------------------------------------------------
# stack_rows / concat_rows: the rows of a loop (jacobians, per-row custom
# gradients), as one differentiable op
# --------------------------------------------------------------------------
def _stack_rows_vjp(g, ans, *rows):
    lead = (slice(None),) * len(batch_shape(g, ans))
    return tuple(getitem(g, index=lead + (i,)) for i in range(len(rows)))


stack_rows = Primitive(
    "stack_rows",
    lambda *rows: np.stack(rows),
    vjp=_stack_rows_vjp,
    linear=True,
    tf_name="Pack",
    formula="stack_rows(x_0..x_n-1) = [x_0, ..., x_n-1] along a new axis 0; VJP slices "
    "(the per-row jacobian loop and per-row custom gradients)",
)


def _concat_rows_vjp(g, ans, *parts):
    lead = (slice(None),) * len(batch_shape(g, ans))
    cotangents, start = [], 0
    for part in parts:
        stop = start + part._value.shape[0]
        cotangents.append(getitem(g, index=lead + (slice(start, stop),)))
        start = stop
    return tuple(cotangents)


concat_rows = Primitive(
    "concat_rows",
    lambda *parts: np.concatenate(parts),
    vjp=_concat_rows_vjp,
    linear=True,
    tf_name="ConcatV2",
    formula="concat_rows(x_0..x_k) joins along axis 0; VJP slices (jacobians computed in "
    "chunks of parallel_iterations rows)",
)
