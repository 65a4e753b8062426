"""Spectral primitives: complex FFTs over the innermost axes, real FFTs and
their inverses, and the real/imaginary parts of complex tensors.

The DFT matrix F is symmetric, so the VJP of ``fft`` is ``fft`` itself (the
sweep's ``conj(vjp(conj(g)))`` makes it F^H g, TF's ``ifft(g) * n``). Real
FFTs are real-linear, not holomorphic: their rules give TF's gradients
directly. ``rank`` is the number of innermost axes transformed; ``lengths``
the FFT lengths of a real transform.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .elementwise import cast, reciprocal
from .index import getitem
from .shape import pad

_COMPLEX_OF = {np.dtype(np.float32): np.complex64, np.dtype(np.float64): np.complex128}
_REAL_OF = {np.dtype(np.complex64): np.float32, np.dtype(np.complex128): np.float64}


def _axes(rank: int) -> tuple:
    return tuple(range(-rank, 0))


def _fft_impl(x, rank):
    if not x.size:  # TF transforms nothing: an empty result of the input's shape
        return x.copy()
    return np.fft.fftn(x, axes=_axes(rank)).astype(x.dtype)


def _ifft_impl(x, rank):
    if not x.size:
        return x.copy()
    return np.fft.ifftn(x, axes=_axes(rank)).astype(x.dtype)


def _real_fft_output(x, rank, lengths, forward: bool, dtype):
    """The output of a real FFT whose input or output is empty (NumPy refuses a zero
    length; TF gives zeros of the output shape, a zero length giving a zero dimension),
    or None; an impossible output raises TF's ResourceExhaustedError first."""
    from .._limits import check_allocation

    last = lengths[-1] // 2 + 1 if forward and lengths[-1] else lengths[-1]
    shape = x.shape[: x.ndim - rank] + tuple(lengths[:-1]) + (last,)
    check_allocation(shape, dtype, "RFFT" if forward else "IRFFT")
    if x.size and all(shape):
        return None
    return np.zeros(shape, dtype)


fft = Primitive(
    "fft", _fft_impl, vjp=lambda g, ans, x, rank: (fft(g, rank=rank),), linear=True,
    kinds="c", tf_name="FFT",
    formula="linear: d fft(x) = fft(dx); F is symmetric, so the VJP is fft(g) (F^H g after "
    "the complex convention)",
)  # fmt: skip
ifft = Primitive(
    "ifft", _ifft_impl, vjp=lambda g, ans, x, rank: (ifft(g, rank=rank),), linear=True,
    kinds="c", tf_name="IFFT",
    formula="linear: d ifft(x) = ifft(dx); VJP ifft(g)",
)  # fmt: skip


def _fit(x, shape: tuple):
    """Crop or zero-pad the innermost axes of x to ``shape`` (a Tensor op, differentiable)."""
    current = x._value.shape[-len(shape) :]
    if current == tuple(shape):
        return x
    index = (Ellipsis,) + tuple(slice(0, min(c, s)) for c, s in zip(current, shape))
    x = getitem(x, index=index)
    widths = tuple((0, max(s - c, 0)) for c, s in zip(current, shape))
    if any(w for _, w in widths):
        from .._limits import check_allocation

        # TF pads with its Pad op, which refuses an output no memory holds.
        padded = x._value.shape[: x._value.ndim - len(shape)] + tuple(
            max(c, s) for c, s in zip(current, shape)
        )
        check_allocation(padded, x._value.dtype, "Pad")
        x = pad(x, paddings=widths, constant_values=0)
    return x


def _rfft_impl(x, rank, lengths):
    empty = _real_fft_output(x, rank, lengths, True, _COMPLEX_OF.get(x.dtype, np.complex128))
    if empty is not None:
        return empty
    out = np.fft.rfftn(x, s=lengths, axes=_axes(rank))
    return out.astype(_COMPLEX_OF.get(x.dtype, np.complex128))


def _rfft_vjp(g, ans, x, rank, lengths):
    # y = R P x (P crops/pads x to lengths; R = the first n//2+1 rows of the DFT).
    # The gradient of real x is Re(P^T R^H g), and R^H g = N ifft(g zero-extended).
    if g._value.dtype.kind != "c":  # a real cotangent seeds the real part only
        g = cast(g, dtype=_dtype_complex(x))
    full = _fit(g, lengths)
    grad = real(ifft(full, rank=rank) * _constant(np.prod(lengths), full))
    return (_fit(grad, x._value.shape[-rank:]),)


def _irfft_impl(y, rank, lengths):
    empty = _real_fft_output(y, rank, lengths, False, _REAL_OF.get(y.dtype, np.float64))
    if empty is not None:
        return empty
    out = np.fft.irfftn(y, s=lengths, axes=_axes(rank))
    return out.astype(_REAL_OF.get(y.dtype, np.float64))


def _irfft_vjp(g, ans, y, rank, lengths):
    # x = (1/N) sum_j c_j Re(y_j e^{+i theta}) along the last axis, c_j = 2 for the
    # bins that stand for a conjugate pair, 1 for DC (and Nyquist): so the gradient
    # of y is c * rfft(g) / N, cropped or padded back to y's shape.
    n = lengths[-1]
    weights = np.full(n // 2 + 1, 2.0)
    weights[0] = 1.0
    if n % 2 == 0:
        weights[-1] = 1.0
    spectrum = rfft(g, rank=rank, lengths=lengths)
    scale = (weights / np.prod(lengths)).astype(spectrum._value.dtype)
    return (_fit(spectrum * _constant(scale, spectrum), y._value.shape[-rank:]),)


def _constant(array, like):
    from .._tensor import wrap

    return wrap(np.asarray(array, dtype=like._value.dtype))


def _dtype_complex(x):
    from ..dtypes import _from_numpy as from_numpy

    return from_numpy(np.dtype(_COMPLEX_OF.get(x._value.dtype, np.complex128)))


def _dtype(x):
    from ..dtypes import _from_numpy as from_numpy

    return from_numpy(x._value.dtype)


rfft = Primitive(
    "rfft", _rfft_impl, vjp=_rfft_vjp, linear=True, kinds="f", holomorphic=False,
    tf_name="RFFT",
    formula="real-linear: d rfft(x) = rfft(dx); VJP Re(N ifft(g zero-extended)), cropped or "
    "padded back to x",
)  # fmt: skip
irfft = Primitive(
    "irfft", _irfft_impl, vjp=_irfft_vjp, linear=True, kinds="c", holomorphic=False,
    tf_name="IRFFT",
    formula="real-linear: d irfft(y) = irfft(dy); VJP c rfft(g) / N with c = 2 on the bins "
    "that stand for conjugate pairs",
)  # fmt: skip


def _real_impl(x):
    return np.real(x).copy()[()] if x.dtype.kind == "c" else x


real = Primitive(
    "real", _real_impl,
    vjp=lambda g, ans, x: (cast(g, dtype=_dtype(x)),),  # complex(g, 0)
    linear=True, holomorphic=False, kinds="fciu", tf_name="Real",
    formula="real-linear: d Re(z) = Re(dz); VJP complex(g, 0)",
)  # fmt: skip


def _imag_vjp(g, ans, x):
    unit = np.asarray(1j, dtype=x._value.dtype)
    return (cast(g, dtype=_dtype(x)) * _constant(unit, x),)


imag = Primitive(
    "imag", lambda x: np.imag(x).copy()[()], vjp=_imag_vjp, linear=True, holomorphic=False,
    kinds="fciu", tf_name="Imag",
    formula="real-linear: d Im(z) = Im(dz); VJP complex(0, g)",
)  # fmt: skip


def _angle_vjp(g, ans, x):
    # TF's AngleGrad: -g / (Im z + i Re z). The quotient keeps the scale of 1/|z| where the
    # textbook Im z / |z|^2 would overflow |z|^2 (a float32 |z| past 1e19) to a zero.
    return (-cast(g, dtype=_dtype(x)) * reciprocal(complex_(imag(x), real(x))),)


angle = Primitive(
    "angle", lambda z: np.angle(z).astype(z.real.dtype)[()], vjp=_angle_vjp,
    jvp=lambda t, ans, z: imag(t[0] / z), holomorphic=False, kinds="c", tf_name="Angle",
    formula="d arg(z) = Im(dz / z); VJP -complex(g, 0) / (Im z + i Re z), as TF's AngleGrad",
)  # fmt: skip


def _complex_impl(re, im):
    if not isinstance(re, (np.ndarray, np.generic)) or not isinstance(im, (np.ndarray, np.generic)):
        return re + im * _COMPLEX_OF[re.dtype](1j)  # lazy arrays: an infinite part gives NaN
    # Built part by part: re + 1j * im would turn an infinite part into NaN.
    out = np.empty(np.broadcast_shapes(re.shape, im.shape), dtype=_COMPLEX_OF[re.dtype])
    out.real = re
    out.imag = im
    return out[()]


complex_ = Primitive(
    "complex", _complex_impl,
    vjp=lambda g, ans, re, im: (real(g), imag(g)),
    linear=True, holomorphic=False, kinds="f", tf_name="Complex",
    formula="real-linear: d complex(a, b) = complex(da, db); VJP (Re g, Im g)",
)  # fmt: skip
