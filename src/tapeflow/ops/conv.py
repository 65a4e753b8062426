"""Convolution and pooling primitives, channels-last, for any number of spatial dims.

Layouts: an input is ``(N, *spatial, C)``; a filter is ``(*kernel, C // groups, O)``
(output channel ``o`` belongs to group ``o // (O // groups)``, which is how
TensorFlow lays out grouped and depthwise filters). Padding reaches a primitive
explicitly, as a tuple of ``(low, high)`` pairs per spatial dim; the public layer
turns "SAME"/"VALID" into pairs.

The three convolution primitives are the three faces of one trilinear form
``T(x, w, g) = <conv(x, w), g>``:

* ``conv(x, w)``: the convolution itself (TF's Conv2D/Conv3D);
* ``conv_backprop_input(g, w)`` = dT/dx (TF's Conv2DBackpropInput, i.e. a
  transposed convolution);
* ``conv_backprop_filter(x, g)`` = dT/dw (TF's Conv2DBackpropFilter).

Each one's VJP is made of the other two, so derivatives of every order stay
convolutions of the same size. The NumPy work is one ``sliding_window_view``
plus one matmul per call (im2col); the input gradient scatters one matmul per
kernel tap into the padded input (a loop over the kh*kw taps, never over pixels),
which measured faster than a transposed im2col.

Pooling is a pair (or triple) of primitives too: ``avg_pool``/``avg_pool_grad``
are adjoint linear maps; ``max_pool``'s gradient ``max_pool_grad`` scatters into
the first maximum of each window (row-major order, as TF's CPU kernels), and
``max_pool_grad_grad`` gathers from those same positions (TF's MaxPoolGradGrad).

Cotangents may carry leading batch axes (vectorized Jacobians): every impl
accepts extra leading axes on its operands and broadcasts them.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .._dispatch import Primitive
from ._jvp import bilinear_jvp
from .elementwise import zeros_like

# --------------------------------------------------------------------------
# Geometry helpers (spatial dims only; shapes are tuples of ints)
# --------------------------------------------------------------------------


def output_sizes(spatial, kernel, strides, padding, dilations) -> tuple:
    """Output spatial sizes of a window op: floor((n + pads - effective_k) / s) + 1, >= 0."""
    return tuple(
        max((n + lo + hi - (k - 1) * d - 1) // s + 1, 0)
        for n, k, s, (lo, hi), d in zip(spatial, kernel, strides, padding, dilations)
    )


def same_padding(spatial, kernel, strides, dilations) -> tuple:
    """TensorFlow's SAME padding: output ceil(n / s), the odd pixel of padding goes last."""
    pads = []
    for n, k, s, d in zip(spatial, kernel, strides, dilations):
        out = -(-n // s)
        total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
        pads.append((total // 2, total - total // 2))
    return tuple(pads)


def _pad(x, padding, value=0):
    """Pad the spatial axes (the ones just before the last) of x."""
    if not any(lo or hi for lo, hi in padding):
        return x
    lead = x.ndim - len(padding) - 1
    width = ((0, 0),) * lead + tuple(padding) + ((0, 0),)
    return np.pad(x, width, constant_values=value)


def _crop(xp, spatial, padding):
    if not any(lo or hi for lo, hi in padding):
        return xp
    index = tuple(slice(lo, lo + n) for n, (lo, _) in zip(spatial, padding))
    return xp[(Ellipsis,) + index + (slice(None),)]


def _tap(offsets, out, strides, dilations) -> tuple:
    """Index of the input pixels that kernel tap ``offsets`` meets, one per output pixel."""
    return (Ellipsis,) + tuple(
        slice(o * d, o * d + s * (n - 1) + 1, s)
        for o, n, s, d in zip(offsets, out, strides, dilations)
    ) + (slice(None),)  # fmt: skip


def _taps(kernel):
    return list(np.ndindex(*kernel))


def _over_leading(core, a, b, core_ndim: int, **params):
    """Run ``core`` on operands with extra leading (batch) axes, broadcasting them."""
    lead_a, lead_b = a.ndim - core_ndim, b.ndim - core_ndim
    if not lead_a and not lead_b:
        return core(a, b, **params)
    lead = np.broadcast_shapes(a.shape[:lead_a], b.shape[:lead_b])
    a = np.broadcast_to(a, lead + a.shape[lead_a:])
    b = np.broadcast_to(b, lead + b.shape[lead_b:])
    results = [core(a[i], b[i], **params) for i in np.ndindex(*lead)]
    return np.stack(results).reshape(lead + results[0].shape)


# --------------------------------------------------------------------------
# Convolution: NumPy cores (x: (N, *spatial, C), w: (*kernel, C/groups, O))
# --------------------------------------------------------------------------


def _columns(x, kernel, strides, padding, dilations, groups):
    """im2col: (groups, N*prod(out), prod(kernel)*C/groups), one copy of the windows."""
    nd = len(kernel)
    xp = _pad(x, padding)
    effective = tuple((k - 1) * d + 1 for k, d in zip(kernel, dilations))
    view = sliding_window_view(xp, effective, axis=tuple(range(1, nd + 1)))
    view = view[(slice(None),) + tuple(slice(None, None, s) for s in strides) + (slice(None),)
                + tuple(slice(None, None, d) for d in dilations)]  # fmt: skip
    n, out, c = view.shape[0], view.shape[1 : nd + 1], view.shape[nd + 1]
    rows = n * math.prod(out)
    cg = c // groups
    # (n, *out, c, *kernel) -> (groups, n, *out, *kernel, cg): channels innermost, so
    # the copy reads contiguous runs and the filter needs no transposition.
    view = view.reshape((n, *out, groups, cg) + tuple(kernel))
    perm = (nd + 1, 0, *range(1, nd + 1), *range(nd + 3, 2 * nd + 3), nd + 2)
    return view.transpose(perm).reshape(groups, rows, math.prod(kernel) * cg), out


def _conv_core(x, w, *, strides, padding, dilations, groups):
    nd = len(strides)
    kernel, cg, out_c = w.shape[:nd], w.shape[nd], w.shape[nd + 1]
    out = output_sizes(x.shape[1:-1], kernel, strides, padding, dilations)
    dtype = np.result_type(x, w)
    if not x.shape[0] or not math.prod(out) or not out_c:
        return np.zeros((x.shape[0], *out, out_c), dtype)
    og = out_c // groups
    if cg == 1 and groups > 1:  # depthwise: one multiply-add per tap beats im2col
        xp = _pad(x, padding)
        wk = w.reshape(-1, groups, og)
        y = np.zeros((x.shape[0], *out, groups, og), dtype)
        for k, offsets in enumerate(_taps(kernel)):
            y += xp[_tap(offsets, out, strides, dilations)][..., None] * wk[k]
        return y.reshape((x.shape[0], *out, out_c))
    cols, out = _columns(x, kernel, strides, padding, dilations, groups)
    if groups == 1:
        y = cols[0] @ w.reshape(-1, out_c)
    else:
        wg = w.reshape(-1, cg, groups, og).transpose(2, 0, 1, 3).reshape(groups, -1, og)
        y = (cols @ wg).transpose(1, 0, 2).reshape(-1, out_c)
    return y.reshape((x.shape[0], *out, out_c))


def _backprop_filter_core(x, g, *, kernel, strides, padding, dilations, groups):
    nd = len(strides)
    cg, out_c = x.shape[-1] // groups, g.shape[-1]
    dtype = np.result_type(x, g)
    if not g.size:
        return np.zeros(tuple(kernel) + (cg, out_c), dtype)
    if cg == 1 and groups > 1:  # depthwise
        out = g.shape[1:-1]
        xp = _pad(x, padding)
        g5 = g.reshape(g.shape[:-1] + (groups, out_c // groups))
        taps = _taps(kernel)
        dw = np.empty((len(taps), groups, out_c // groups), dtype)
        rows = "abcdefgh"[: nd + 1]
        spec = f"{rows}y,{rows}yz->yz"
        for k, offsets in enumerate(taps):
            dw[k] = np.einsum(spec, xp[_tap(offsets, out, strides, dilations)], g5)
        return dw.reshape(tuple(kernel) + (1, out_c))
    cols, out = _columns(x, kernel, strides, padding, dilations, groups)
    g2 = g.reshape(-1, out_c)
    if groups == 1:
        dw = cols[0].T @ g2
    else:
        gg = g2.reshape(-1, groups, out_c // groups).transpose(1, 0, 2)
        dw = (cols.transpose(0, 2, 1) @ gg).reshape(groups, -1, cg, out_c // groups)
        dw = dw.transpose(1, 2, 0, 3)
    return dw.reshape(tuple(kernel) + (cg, out_c)).astype(dtype, copy=False)


def _backprop_input_core(g, w, *, input_spatial, strides, padding, dilations, groups):
    nd = len(strides)
    kernel, cg, out_c = w.shape[:nd], w.shape[nd], w.shape[nd + 1]
    n, out = g.shape[0], g.shape[1:-1]
    c = cg * groups
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(input_spatial, padding))
    dxp = np.zeros((n, *padded, c), np.result_type(g, w))
    if g.size and w.size:
        taps = _taps(kernel)
        wk = w.reshape(len(taps), cg, out_c)
        if groups == 1:
            g2 = g.reshape(-1, out_c)
            for k, offsets in enumerate(taps):
                dxp[_tap(offsets, out, strides, dilations)] += (g2 @ wk[k].T).reshape((n, *out, c))
        elif cg == 1:  # depthwise
            g5 = g.reshape(g.shape[:-1] + (groups, out_c // groups))
            wk = wk.reshape(len(taps), groups, out_c // groups)
            for k, offsets in enumerate(taps):
                dxp[_tap(offsets, out, strides, dilations)] += np.einsum(
                    "...go,go->...g", g5, wk[k]
                )
        else:
            og = out_c // groups
            gg = g.reshape(-1, groups, og).transpose(1, 0, 2)  # (groups, rows, og)
            wgk = wk.reshape(len(taps), cg, groups, og).transpose(0, 2, 3, 1)
            for k, offsets in enumerate(taps):
                part = (gg @ wgk[k]).transpose(1, 0, 2).reshape((n, *out, c))
                dxp[_tap(offsets, out, strides, dilations)] += part
    return _crop(dxp, input_spatial, padding)


def _fold_leading(core, data, w, core_ndim: int, **params):
    """``core`` with the data operand's extra leading axes merged into its batch axis.

    conv and conv_backprop_input act on each image on its own, so a vectorized
    Jacobian's batch of cotangents costs one wider call, not a loop.
    """
    lead = data.shape[: data.ndim - core_ndim]
    if not lead or w.ndim != core_ndim:
        return _over_leading(core, data, w, core_ndim, **params)
    merged = data.reshape((-1,) + data.shape[len(lead) + 1 :])
    result = core(merged, w, **params)
    return result.reshape(lead + (data.shape[len(lead)],) + result.shape[1:])


def _conv_impl(x, w, *, strides, padding, dilations, groups):
    return _fold_leading(_conv_core, x, w, len(strides) + 2, strides=strides,
                         padding=padding, dilations=dilations, groups=groups)  # fmt: skip


def _backprop_input_impl(g, w, *, input_spatial, strides, padding, dilations, groups):
    return _fold_leading(_backprop_input_core, g, w, len(strides) + 2,
                         input_spatial=input_spatial, strides=strides, padding=padding,
                         dilations=dilations, groups=groups)  # fmt: skip


def _backprop_filter_impl(x, g, *, kernel, strides, padding, dilations, groups):
    core_ndim = len(strides) + 2
    lead = g.shape[: g.ndim - core_ndim]
    if lead and x.ndim == core_ndim and groups == 1:
        # A batch of cotangents is a batch of output channels: one call, then split.
        moved = np.moveaxis(g.reshape((-1,) + g.shape[len(lead) :]), 0, -2)
        dw = _backprop_filter_core(x, moved.reshape(moved.shape[:-2] + (-1,)), kernel=kernel,
                                   strides=strides, padding=padding, dilations=dilations,
                                   groups=1)  # fmt: skip
        dw = dw.reshape(dw.shape[:-1] + (-1, g.shape[-1]))
        return np.moveaxis(dw, -2, 0).reshape(lead + dw.shape[:-2] + (g.shape[-1],))
    return _over_leading(_backprop_filter_core, x, g, core_ndim, kernel=kernel,
                         strides=strides, padding=padding, dilations=dilations,
                         groups=groups)  # fmt: skip


def _spatial(t, nd):
    return t._value.shape[-nd - 1 : -1]


def _kernel(w, nd):
    return w._value.shape[-nd - 2 : -2]


def _conv_vjp(g, ans, x, w, needs=(True, True), **p):
    nd = len(p["strides"])
    return (
        conv_backprop_input(g, w, input_spatial=_spatial(x, nd), **p) if needs[0] else None,
        conv_backprop_filter(x, g, kernel=_kernel(w, nd), **p) if needs[1] else None,
    )


def _backprop_input_vjp(c, ans, g, w, *, input_spatial, needs=(True, True), **p):
    # <c, bpi(g, w)> = T(c, w, g): d/dg = conv(c, w), d/dw = bpf(c, g).
    nd = len(p["strides"])
    return (
        conv(c, w, **p) if needs[0] else None,
        conv_backprop_filter(c, g, kernel=_kernel(w, nd), **p) if needs[1] else None,
    )


def _backprop_filter_vjp(c, ans, x, g, *, kernel, needs=(True, True), **p):
    # <c, bpf(x, g)> = T(x, c, g): d/dx = bpi(g, c), d/dg = conv(x, c).
    nd = len(p["strides"])
    return (
        conv_backprop_input(g, c, input_spatial=_spatial(x, nd), **p) if needs[0] else None,
        conv(x, c, **p) if needs[1] else None,
    )


conv = Primitive(
    "conv",
    _conv_impl,
    vjp=_conv_vjp,
    jvp=lambda t, ans, x, w, **p: bilinear_jvp(conv, t, x, w, **p),
    same_dtype=True,
    kinds="fiu",
    selective=True,
    tf_name="Conv2D",
    formula="d conv(x, w) = conv(dx, w) + conv(x, dw); VJP: (conv_backprop_input, "
    "conv_backprop_filter) -- a primitive so that im2col is one matmul",
)

conv_backprop_input = Primitive(
    "conv_backprop_input",
    _backprop_input_impl,
    vjp=_backprop_input_vjp,
    jvp=lambda t, ans, g, w, **p: bilinear_jvp(conv_backprop_input, t, g, w, **p),
    same_dtype=True,
    kinds="fiu",
    selective=True,
    tf_name="Conv2DBackpropInput",
    formula="bpi(g, w) = transposed convolution, the x-gradient of <conv(x, w), g>; "
    "VJP: (conv(c, w), conv_backprop_filter(c, g))",
)

conv_backprop_filter = Primitive(
    "conv_backprop_filter",
    _backprop_filter_impl,
    vjp=_backprop_filter_vjp,
    jvp=lambda t, ans, x, g, **p: bilinear_jvp(conv_backprop_filter, t, x, g, **p),
    same_dtype=True,
    kinds="fiu",
    selective=True,
    tf_name="Conv2DBackpropFilter",
    formula="bpf(x, g) = the w-gradient of <conv(x, w), g>; "
    "VJP: (conv_backprop_input(g, c), conv(x, c))",
)


# --------------------------------------------------------------------------
# Pooling (any leading axes; the spatial axes are the ones before the last)
# --------------------------------------------------------------------------


def _pool_geometry(spatial, ksize, strides, padding, dilations):
    return output_sizes(spatial, ksize, strides, padding, dilations)


def _lowest(dtype):
    return -np.inf if dtype.kind in "fc" else np.iinfo(dtype).min


def _max_pool_impl(x, *, ksize, strides, padding, dilations):
    nd = len(ksize)
    out = _pool_geometry(x.shape[-nd - 1 : -1], ksize, strides, padding, dilations)
    shape = x.shape[: -nd - 1] + out + x.shape[-1:]
    if not math.prod(shape):
        return np.zeros(shape, x.dtype)
    xp = _pad(x, padding, _lowest(x.dtype))
    taps = _taps(ksize)
    y = xp[_tap(taps[0], out, strides, dilations)].copy()
    for offsets in taps[1:]:
        np.maximum(y, xp[_tap(offsets, out, strides, dilations)], out=y)
    return y


def _first_maximum(x, ksize, strides, padding, dilations):
    """For each window, the number (in ``_taps`` order) of the tap holding its first maximum."""
    nd = len(ksize)
    out = _pool_geometry(x.shape[-nd - 1 : -1], ksize, strides, padding, dilations)
    xp = _pad(x, padding, _lowest(x.dtype))
    taps = [xp[_tap(offsets, out, strides, dilations)] for offsets in _taps(ksize)]
    best = taps[0].copy()
    for value in taps[1:]:
        np.maximum(best, value, out=best)
    # The first tap equal to the maximum wins (row-major order, as TF's CPU kernel).
    which = np.zeros(best.shape, np.int16 if len(taps) < 2**15 else np.int32)
    found = np.zeros(best.shape, bool)
    for k, value in enumerate(taps):
        hit = value == best
        hit &= ~found
        if k:
            which += hit * which.dtype.type(k)
        found |= hit
    return which, _taps(ksize), out, xp.shape


def _max_pool_grad_impl(x, g, *, ksize, strides, padding, dilations):
    nd = len(ksize)
    batch = g.shape[: g.ndim - x.ndim]
    if not g.size or not x.size:
        return np.zeros(batch + x.shape, g.dtype)
    which, taps, out, padded = _first_maximum(x, ksize, strides, padding, dilations)
    dxp = np.zeros(batch + padded, g.dtype)
    zero = g.dtype.type(0)
    for k, offsets in enumerate(taps):
        dxp[_tap(offsets, out, strides, dilations)] += np.where(which == k, g, zero)
    return _crop(dxp, x.shape[-nd - 1 : -1], padding)


def _max_pool_grad_grad_impl(x, h, *, ksize, strides, padding, dilations):
    nd = len(ksize)
    out = _pool_geometry(x.shape[-nd - 1 : -1], ksize, strides, padding, dilations)
    batch = h.shape[: h.ndim - x.ndim]
    shape = batch + x.shape[: -nd - 1] + out + x.shape[-1:]
    y = np.zeros(shape, h.dtype)
    if not y.size:
        return y
    which, taps, out, _ = _first_maximum(x, ksize, strides, padding, dilations)
    hp = _pad(h, padding)
    zero = h.dtype.type(0)
    for k, offsets in enumerate(taps):
        y += np.where(which == k, hp[_tap(offsets, out, strides, dilations)], zero)
    return y


max_pool = Primitive(
    "max_pool",
    _max_pool_impl,
    vjp=lambda g, ans, x, **p: (max_pool_grad(x, g, **p),),
    jvp=lambda t, ans, x, **p: max_pool_grad_grad(x, t[0], **p),
    kinds="fiu",
    tf_name="MaxPool",
    formula="d maxpool(x) = dx at the first maximum of each window (row-major, as TF)",
)

max_pool_grad = Primitive(
    "max_pool_grad",
    _max_pool_grad_impl,
    # Like TF's MaxPoolGrad: linear in g; a zero (connected) gradient w.r.t. x.
    vjp=lambda c, ans, x, g, **p: (zeros_like(x), max_pool_grad_grad(x, c, **p)),
    jvp=lambda t, ans, x, g, **p: None if t[1] is None else max_pool_grad(x, t[1], **p),
    tf_name="MaxPoolGrad",
    formula="max_pool_grad(x, g): scatter g to each window's first maximum; "
    "VJP gathers from the same positions",
)

max_pool_grad_grad = Primitive(
    "max_pool_grad_grad",
    _max_pool_grad_grad_impl,
    vjp=lambda c, ans, x, h, **p: (zeros_like(x), max_pool_grad(x, c, **p)),
    jvp=lambda t, ans, x, h, **p: None if t[1] is None else max_pool_grad_grad(x, t[1], **p),
    tf_name="MaxPoolGradGrad",
    formula="max_pool_grad_grad(x, h): h gathered at each window's first maximum; "
    "adjoint of max_pool_grad",
)


def _window_counts(spatial, ksize, strides, padding, dilations, out):
    """How many real (unpadded) pixels each output window covers: the AvgPool divisor."""
    total = np.ones((), np.int64)
    for axis, (n, k, s, (lo, _), d, o) in enumerate(
        zip(spatial, ksize, strides, padding, dilations, out)
    ):
        position = np.arange(o)[:, None] * s + np.arange(k)[None, :] * d
        valid = ((position >= lo) & (position < lo + n)).sum(axis=1)
        shape = [1] * len(spatial)
        shape[axis] = o
        total = total * valid.reshape(shape)
    return total[..., None]


def _avg_pool_impl(x, *, ksize, strides, padding, dilations):
    nd = len(ksize)
    spatial = x.shape[-nd - 1 : -1]
    out = _pool_geometry(spatial, ksize, strides, padding, dilations)
    shape = x.shape[: -nd - 1] + out + x.shape[-1:]
    if not math.prod(shape):
        return np.zeros(shape, x.dtype)
    xp = _pad(x, padding)
    taps = _taps(ksize)
    total = xp[_tap(taps[0], out, strides, dilations)].copy()
    for offsets in taps[1:]:
        total += xp[_tap(offsets, out, strides, dilations)]
    counts = _window_counts(spatial, ksize, strides, padding, dilations, out)
    return (total / counts.astype(x.dtype)).astype(x.dtype, copy=False)


def _avg_pool_grad_impl(g, *, input_spatial, ksize, strides, padding, dilations):
    nd = len(ksize)
    out = g.shape[-nd - 1 : -1]
    padded = tuple(n + lo + hi for n, (lo, hi) in zip(input_spatial, padding))
    dxp = np.zeros(g.shape[: -nd - 1] + padded + g.shape[-1:], g.dtype)
    if g.size:
        share = g / _window_counts(input_spatial, ksize, strides, padding, dilations, out).astype(
            g.dtype
        )
        for offsets in _taps(ksize):
            dxp[_tap(offsets, out, strides, dilations)] += share
    return _crop(dxp, input_spatial, padding)


avg_pool = Primitive(
    "avg_pool",
    _avg_pool_impl,
    vjp=lambda g, ans, x, **p: (
        avg_pool_grad(g, input_spatial=x._value.shape[-len(p["ksize"]) - 1 : -1], **p),
    ),
    linear=True,
    kinds="f",
    tf_name="AvgPool",
    formula="avg_pool(x): window sums / number of unpadded pixels; VJP avg_pool_grad",
)

avg_pool_grad = Primitive(
    "avg_pool_grad",
    _avg_pool_grad_impl,
    vjp=lambda c, ans, g, *, input_spatial, **p: (avg_pool(c, **p),),
    linear=True,
    kinds="f",
    tf_name="AvgPoolGrad",
    formula="avg_pool_grad(g): g / count spread over each window; adjoint of avg_pool",
)
