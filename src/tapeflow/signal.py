"""tf.signal: FFTs (1-3-D and n-D, complex and real), framing, windows, STFTs,
DCTs, MDCTs and mel-frequency features, all differentiable.

The transforms are primitives (``ops/spectral.py``); everything else is
composed from tapeflow ops, so gradients, JVPs and higher derivatives follow.

>>> import tapeflow as tf
>>> x = tf.constant([1.0, 2.0, 3.0, 4.0])
>>> print(tf.signal.rfft(x))
tf.Tensor([10.+0.j -2.+2.j -2.+0.j], shape=(3,), dtype=complex64)
>>> print(tf.signal.frame(x, frame_length=2, frame_step=1))
tf.Tensor(
[[1. 2.]
 [2. 3.]
 [3. 4.]], shape=(3, 2), dtype=float32)
"""

import math as _math
from collections.abc import Callable as _Callable

import numpy as _np

from . import dtypes as _dt
from ._limits import check_allocation as _check_allocation
from ._tensor import Tensor as _Tensor
from ._tensor import convert_to_tensor as _convert
from ._tensor import wrap as _wrap
from ._types import AxisLike as _AxisLike
from ._types import DTypeLike as _DTypeLike
from ._types import TensorLike as _TensorLike
from .errors import InvalidArgumentError as _InvalidArgumentError
from .errors import _op_error
from .ops import spectral as _sp

__all__ = [
    "dct", "fft", "fft2d", "fft3d", "fftnd", "fftshift", "frame", "hamming_window",
    "hann_window", "idct", "ifft", "ifft2d", "ifft3d", "ifftnd", "ifftshift", "inverse_mdct",
    "inverse_stft", "inverse_stft_window_fn", "irfft", "irfft2d", "irfft3d", "irfftnd",
    "kaiser_bessel_derived_window", "kaiser_window", "linear_to_mel_weight_matrix", "mdct",
    "mfccs_from_log_mel_spectrograms", "overlap_and_add", "rfft", "rfft2d", "rfft3d", "rfftnd",
    "stft", "vorbis_window",
]  # fmt: skip


# A window function: (window_length, dtype=...) -> a rank-1 Tensor.
_WindowFn = _Callable[..., _Tensor]


def _tf():
    import tapeflow

    return tapeflow


def _has_python_complex(x) -> bool:
    if isinstance(x, complex):
        return True
    return isinstance(x, (list, tuple)) and any(_has_python_complex(v) for v in x)


def _complex_input(x, raw_op: bool = False) -> _Tensor:
    if isinstance(x, _Tensor):
        return x
    # TF converts other values to complex64; its raw FFT ops (fft, ifft...) keep the
    # dtype TF infers for a Python complex (complex128), its wrappers (irfft) do not.
    hint = _dt.complex128 if raw_op and _has_python_complex(x) else _dt.complex64
    return _convert(x, dtype_hint=hint)


def _real_input(x) -> _Tensor:
    """TF's rfft converts a non-Tensor to float32 (a NumPy complex array loses its
    imaginary part, as NumPy's cast does)."""
    if isinstance(x, _Tensor):
        return x
    if isinstance(x, (_np.ndarray, _np.generic)):
        array = _np.asarray(x)
        if array.dtype.kind in "biuc" or array.dtype == _np.float16:
            return _convert(_np.real(array).astype(_np.float32))
    return _convert(x, dtype_hint=_dt.float32)


def _require_real_fft_dtype(x: _Tensor, inverse: bool) -> None:
    """TF's real-FFT wrappers: rfft takes float32/float64, irfft complex64/complex128."""
    if inverse and x.dtype not in (_dt.complex64, _dt.complex128):
        raise ValueError(f"IRFFT requires tf.complex64 or tf.complex128 inputs, got: {x!s}")
    if not inverse and x.dtype not in (_dt.float32, _dt.float64):
        raise ValueError(f"RFFT requires tf.float32 or tf.float64 inputs, got: {x!s}")


def _int32_length(value, what: str) -> int:
    """A length TF reads as an int32: past int32 it fails, as TF's mixed int32/int64
    arithmetic does, before anything is allocated."""
    n = int(value._value) if isinstance(value, _Tensor) else int(value)
    if not -(2**31) <= n < 2**31:
        raise _op_error(f"{what} = {n} does not fit in int32", "Range")
    return n


def _check_rank(x: _Tensor, rank: int, op: str) -> None:
    """The complex FFTs are raw ops (their kernel checks the rank); the real ones have
    Python wrappers that check the static shape first."""
    if x._value.ndim >= rank:
        return
    if op.startswith(("RFFT", "IRFFT")):
        raise ValueError(f"Shape {x.shape} must have rank at least {rank}")
    dims = ",".join(str(d) for d in x._value.shape)
    raise _op_error(f"Input must have rank of at least {rank} but got: [{dims}]", op)


# --------------------------------------------------------------------------
# Complex FFTs over the innermost 1, 2 or 3 axes
# --------------------------------------------------------------------------
def _complex_fft(primitive, rank: int, op: str):
    def transform(input: _TensorLike, name: str | None = None) -> _Tensor:  # noqa: A002
        x = _complex_input(input, raw_op=True)
        _check_rank(x, rank, op)
        return primitive(x, rank=rank)

    transform.__name__ = transform.__qualname__ = op.lower().replace("fft", "fft")
    shape = [2] * rank
    transform.__doc__ = (f"{'Inverse d' if primitive is _sp.ifft else 'D'}iscrete Fourier "
                         f"transform over the innermost {rank} axes of a complex tensor.\n\n"
                         f"    >>> import tapeflow as tf\n"
                         f"    >>> y = tf.signal.{transform.__name__}(tf.ones({shape}, tf.complex64))\n"
                         f"    >>> y.shape, y.dtype\n"
                         f"    (TensorShape({shape}), tf.complex64)\n")  # fmt: skip
    return transform


fft = _complex_fft(_sp.fft, 1, "FFT")
ifft = _complex_fft(_sp.ifft, 1, "IFFT")
fft2d = _complex_fft(_sp.fft, 2, "FFT2D")
ifft2d = _complex_fft(_sp.ifft, 2, "IFFT2D")
fft3d = _complex_fft(_sp.fft, 3, "FFT3D")
ifft3d = _complex_fft(_sp.ifft, 3, "IFFT3D")


# --------------------------------------------------------------------------
# Real FFTs
# --------------------------------------------------------------------------
def _lengths(x: _Tensor, rank: int, fft_length, inverse: bool, op: str) -> tuple:
    if fft_length is None:
        dims = list(x._value.shape[-rank:])
        if inverse:
            dims[-1] = max(2 * (dims[-1] - 1), 0)
        return tuple(int(d) for d in dims)
    # TF's wrappers read fft_length as an int32 tensor (floats fail, Python ints past
    # int32 wrap) and then iterate over it: a scalar or a matrix fails there.
    given = _convert(fft_length, dtype=_dt.int32)._value
    if given.ndim == 0:
        raise TypeError("'numpy.int32' object is not iterable")
    if given.ndim > 1:
        raise TypeError("only integer scalar arrays can be converted to a scalar index")
    if given.shape[0] != rank:
        raise _op_error(f"fft_length must have shape [{rank}]", op)
    for i, length in enumerate(given.tolist()):
        if length < 0:
            raise _op_error(f"fft_length[{i}] must >= 0, but got: {length}", op)
    return tuple(given.tolist())


def _real_fft(rank: int, op: str):
    def transform(
        input_tensor: _TensorLike, fft_length: _TensorLike = None, name: str | None = None
    ) -> _Tensor:
        x = _real_input(input_tensor)
        _require_real_fft_dtype(x, inverse=False)
        _check_rank(x, rank, op)
        return _sp.rfft(x, rank=rank, lengths=_lengths(x, rank, fft_length, False, op))

    transform.__name__ = transform.__qualname__ = op.lower()
    shape, half = [4] * rank, [4] * (rank - 1) + [3]
    transform.__doc__ = (f"The non-negative-frequency half of the DFT of a real tensor over "
                         f"its innermost {rank} axes (complex64 for float32).\n\n"
                         f"    >>> import tapeflow as tf\n"
                         f"    >>> y = tf.signal.{transform.__name__}(tf.ones({shape}))\n"
                         f"    >>> y.shape, y.dtype\n"
                         f"    (TensorShape({half}), tf.complex64)\n")  # fmt: skip
    return transform


def _inverse_real_fft(rank: int, op: str):
    def transform(
        input_tensor: _TensorLike, fft_length: _TensorLike = None, name: str | None = None
    ) -> _Tensor:
        y = _complex_input(input_tensor)
        _require_real_fft_dtype(y, inverse=True)
        _check_rank(y, rank, op)
        return _sp.irfft(y, rank=rank, lengths=_lengths(y, rank, fft_length, True, op))

    transform.__name__ = transform.__qualname__ = op.lower()
    shape, half = [4] * rank, [4] * (rank - 1) + [3]
    transform.__doc__ = (f"The real signal whose half spectrum over the innermost {rank} "
                         f"axes is the input (the inverse of rfft).\n\n"
                         f"    >>> import tapeflow as tf\n"
                         f"    >>> y = tf.signal.{transform.__name__}(tf.ones({half}, tf.complex64))\n"
                         f"    >>> y.shape, y.dtype\n"
                         f"    (TensorShape({shape}), tf.float32)\n")  # fmt: skip
    return transform


rfft = _real_fft(1, "RFFT")
rfft2d = _real_fft(2, "RFFT2D")
rfft3d = _real_fft(3, "RFFT3D")
irfft = _inverse_real_fft(1, "IRFFT")
irfft2d = _inverse_real_fft(2, "IRFFT2D")
irfft3d = _inverse_real_fft(3, "IRFFT3D")


# --------------------------------------------------------------------------
# n-D transforms over chosen axes, with numpy-style norms
# --------------------------------------------------------------------------
def _nd(kind: str):
    def transform(
        input_tensor: _TensorLike,
        fft_length: _TensorLike = None,
        axes: _AxisLike = None,
        norm: str | None = None,
        name: str | None = None,
    ) -> _Tensor:
        tf = _tf()
        if axes is None and not hasattr(input_tensor, "shape"):
            # TF's wrapper reads len(input_tensor.shape) before converting the input.
            raise AttributeError(f"'{type(input_tensor).__name__}' object has no attribute 'shape'")
        hint = _dt.float32 if kind == "rfft" else _dt.complex64
        x = input_tensor if isinstance(input_tensor, _Tensor) else _convert(
            input_tensor, dtype_hint=hint)  # fmt: skip
        # TF's real-FFT wrappers check the dtype before they read fft_length.
        if kind in ("rfft", "irfft"):
            _require_real_fft_dtype(x, inverse=kind == "irfft")
        ndim = x._value.ndim
        axes = list(range(ndim)) if axes is None else [int(a) % ndim for a in _np.ravel(axes)]
        rank = len(axes)
        rest = [a for a in range(ndim) if a not in axes]
        perm = rest + axes
        moved = tf.transpose(x, perm) if perm != list(range(ndim)) else x
        lengths = _lengths(moved, rank, fft_length, kind == "irfft", kind.upper() + "ND")
        norm = norm or "backward"
        if norm not in ("backward", "forward", "ortho"):
            raise ValueError(f"Invalid norm value {norm}; should be 'backward', 'ortho' or "
                             "'forward'.")  # fmt: skip
        count = float(_np.prod(lengths)) or 1.0  # an empty transform: nothing to scale
        root = _math.sqrt(count)
        if kind in ("ifft", "irfft"):  # the inverse primitives already divide by N
            factor = {"backward": 1.0, "forward": count, "ortho": root}[norm]
        else:
            factor = {"backward": 1.0, "forward": 1.0 / count, "ortho": 1.0 / root}[norm]
        if kind == "fft":
            out = _sp.fft(_sp_fit(moved, lengths), rank=rank)
        elif kind == "ifft":
            out = _sp.ifft(_sp_fit(moved, lengths), rank=rank)
        elif kind == "rfft":
            out = _sp.rfft(moved, rank=rank, lengths=lengths)
        else:
            out = _sp.irfft(moved, rank=rank, lengths=lengths)
        if factor != 1.0:
            out = out * _wrap(_np.asarray(factor, dtype=out._value.dtype)[()])
        return tf.transpose(out, list(_np.argsort(perm))) if perm != list(range(ndim)) else out

    transform.__name__ = transform.__qualname__ = kind + "nd"
    dtype = "tf.float32" if kind == "rfft" else "tf.complex64"
    shape = {"fft": [2, 4], "ifft": [2, 4], "rfft": [2, 3], "irfft": [2, 6]}[kind]
    transform.__doc__ = (f"``{kind}`` over ``axes`` (default: all) with FFT lengths "
                         "``fft_length`` and NumPy's ``norm`` ('backward', 'ortho', 'forward')."
                         "\n\n    >>> import tapeflow as tf\n"
                         f"    >>> y = tf.signal.{kind}nd(tf.ones([2, 4], {dtype}), axes=[1])\n"
                         "    >>> y.shape\n"
                         f"    TensorShape({shape})\n")  # fmt: skip
    return transform


def _sp_fit(x: _Tensor, lengths: tuple) -> _Tensor:
    return _sp._fit(x, lengths)


fftnd = _nd("fft")
ifftnd = _nd("ifft")
rfftnd = _nd("rfft")
irfftnd = _nd("irfft")


def _shift(x, axes, sign: int):
    tf = _tf()
    x = _convert(x)
    ndim = x._value.ndim
    if isinstance(axes, (str, bytes, float)):  # TF's int32 shift arithmetic refuses them
        kind = "string" if isinstance(axes, (str, bytes)) else "int32"
        raise TypeError(f"Cannot convert {0 if kind == 'string' else axes!r} to EagerTensor "
                        f"of dtype {kind}")  # fmt: skip
    axes = list(range(ndim)) if axes is None else [int(a) for a in _np.ravel(axes)]
    shifts = [sign * (x._value.shape[a] // 2) for a in axes]
    return tf.roll(x, shifts, axes)


def fftshift(x: _TensorLike, axes: _AxisLike = None, name: str | None = None) -> _Tensor:
    """Move the zero-frequency entry to the centre (``roll`` by n // 2).

    >>> import tapeflow as tf
    >>> tf.signal.fftshift(tf.constant([0, 1, 2, -2, -1])).numpy().tolist()
    [-2, -1, 0, 1, 2]
    """
    return _shift(x, axes, 1)


def ifftshift(x: _TensorLike, axes: _AxisLike = None, name: str | None = None) -> _Tensor:
    """The inverse of fftshift (``roll`` by -(n // 2)).

    >>> import tapeflow as tf
    >>> tf.signal.ifftshift(tf.constant([-2, -1, 0, 1, 2])).numpy().tolist()
    [0, 1, 2, -2, -1]
    """
    return _shift(x, axes, -1)


# --------------------------------------------------------------------------
# Framing
# --------------------------------------------------------------------------
def frame(
    signal: _TensorLike,
    frame_length: int,
    frame_step: int,
    pad_end: bool = False,
    pad_value: float = 0,
    axis: int = -1,
    name: str | None = None,
) -> _Tensor:
    """Overlapping frames of ``frame_length`` samples every ``frame_step`` along ``axis``.

    >>> import tapeflow as tf
    >>> tf.signal.frame(tf.range(5), 2, 2, pad_end=True).numpy().tolist()
    [[0, 1], [2, 3], [4, 0]]
    """
    tf = _tf()
    x = _convert(signal)
    if x._value.ndim == 0:  # TF checks the signal's rank before its lengths
        raise ValueError(f"Shape {x.shape} must have rank at least 1")
    frame_length = _int32_length(frame_length, "frame_length")
    frame_step = _int32_length(frame_step, "frame_step")
    if frame_length < 0:
        raise _op_error(f"Requires start <= limit when delta > 0: 0/{frame_length}", "Range")
    if frame_step == 0:
        raise _op_error("Integer division by zero", "FloorDiv")
    ndim = x._value.ndim
    axis = int(axis) % ndim
    n = x._value.shape[axis]
    if pad_end:
        frames = -(-n // frame_step)
        need = max(0, (frames - 1) * frame_step + frame_length - n)
        if need:
            widths = [[0, 0]] * ndim
            widths[axis] = [0, need]
            x = tf.pad(x, widths, constant_values=pad_value)
    else:
        frames = max(0, 1 + (n - frame_length) // frame_step) if n >= frame_length else 0
    _check_allocation((max(frames, 0), frame_length), _np.int64, "Range")
    index = _np.arange(frames)[:, None] * frame_step + _np.arange(frame_length)[None, :]
    return tf.gather(x, index.astype(_np.int32), axis=axis)


def overlap_and_add(signal: _TensorLike, frame_step: int, name: str | None = None) -> _Tensor:
    """Sum frames ``[..., frames, frame_length]`` placed ``frame_step`` apart.

    >>> import tapeflow as tf
    >>> tf.signal.overlap_and_add(tf.constant([[1, 1, 1], [2, 2, 2]]), 2).numpy().tolist()
    [1, 1, 3, 2, 2]
    """
    tf = _tf()
    x = _convert(signal)
    if x._value.ndim < 2:
        raise ValueError(f"Shape {x.shape} must have rank at least 2")
    step_tensor = _convert(frame_step)
    if step_tensor._value.ndim != 0:
        raise ValueError(f"Shape {step_tensor.shape} must have rank 0")
    if not step_tensor.dtype.is_integer:
        raise ValueError(f"frame_step must be an integer. Got <dtype: '{step_tensor.dtype.name}'>")
    # TF's own steps, with its shape arithmetic in NumPy int32 (so that empty frames, a
    # zero or negative step and sizes past int32 meet the same Pad/Reshape checks).
    step = step_tensor._value[()]
    shape = _np.array(x._value.shape, _np.int32)
    outer, frames, length = list(shape[:-2]), shape[-2], shape[-1]
    lead = len(outer)
    with _np.errstate(all="ignore"):
        output_length = length + step * (frames - 1)
        if step == x._value.shape[-1]:  # no overlap: a reshape
            return tf.reshape(x, _np.array(outer + [output_length]))
        segments = -(-length // step)
        padding = _np.array([[0, segments], [0, segments * step - length]]).astype(_np.int32)
        zero = {_dt.bool: False, _dt.string: b""}.get(x.dtype, 0)  # Pad's zero of the dtype
        x = tf.pad(
            x, _np.concatenate([_np.zeros((lead, 2), _np.int32), padding]), constant_values=zero
        )
        x = tf.reshape(x, _np.array(outer + [frames + segments, segments, step]))
        x = tf.transpose(x, list(range(lead)) + [lead + 1, lead, lead + 2])
        x = tf.reshape(x, _np.array(outer + [(frames + segments) * segments, step]))
        x = x[..., : (frames + segments - 1) * segments, :]
        x = tf.reshape(x, _np.array(outer + [segments, frames + segments - 1, step]))
        x = tf.reduce_sum(x, -3)
        x = tf.reshape(x, _np.array(outer + [(frames + segments - 1) * step]))
    return x[..., :output_length]


# --------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------
def _window(values: _np.ndarray, dtype) -> _Tensor:
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found <dtype: '{dtype.name}'>")
    return _wrap(values.astype(dtype.as_numpy_dtype))


def _int32_scalar(window_length) -> int:
    """TF's conversion of a window length: an int32 scalar tensor (a float fails, a
    Python int past int32 wraps, an int64 tensor is refused)."""
    length = _convert(window_length, dtype=_dt.int32)
    if length._value.ndim:
        raise ValueError(f"Shape {length.shape} must have rank 0")
    return int(length._value)


def _window_length(window_length, dtype) -> int:
    """TF's checks, in its order: a floating dtype, then a length that ``range`` takes
    (read as an int32, so 2**31 wraps to a negative limit)."""
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found <dtype: '{dtype.name}'>")
    n = _int32_scalar(window_length)
    if n < 0:
        raise _op_error(f"Requires start <= limit when delta > 0: 0/{n}", "Range")
    _check_allocation((n,), _np.float64, "Range")
    return n


def _raised_cosine(window_length, periodic, dtype, a: float, b: float) -> _Tensor:
    """TF's formula step by step in ``dtype`` (a float16 window keeps float16's rounding
    of each step, so it need not be symmetric)."""
    tf = _tf()
    n = _window_length(window_length, dtype)
    if n == 1:
        return tf.ones([1], dtype)
    # TF's rule: periodic lengthens only an even window (an odd one stays symmetric).
    denominator = tf.cast(n - 1 + (1 if bool(periodic) and n % 2 == 0 else 0), dtype)
    count = tf.cast(tf.range(n), dtype)
    cos_arg = tf.constant(2 * _np.pi, dtype) * count / denominator
    return a - b * tf.cos(cos_arg)


def hann_window(
    window_length: int,
    periodic: bool = True,
    dtype: _DTypeLike = _dt.float32,
    name: str | None = None,
) -> _Tensor:
    """0.5 - 0.5 cos(2 pi n / N) (N = length if periodic, length - 1 if not).

    >>> import tapeflow as tf
    >>> tf.signal.hann_window(4).numpy().tolist()
    [0.0, 0.5, 1.0, 0.5]
    """
    return _raised_cosine(window_length, periodic, dtype, 0.5, 0.5)


def hamming_window(
    window_length: int,
    periodic: bool = True,
    dtype: _DTypeLike = _dt.float32,
    name: str | None = None,
) -> _Tensor:
    """0.54 - 0.46 cos(2 pi n / N) (N = length if periodic, length - 1 if not).

    >>> import tapeflow as tf
    >>> tf.signal.hamming_window(3, periodic=False, dtype=tf.float64).numpy().round(2).tolist()
    [0.08, 1.0, 0.08]
    """
    return _raised_cosine(window_length, periodic, dtype, 0.54, 0.46)


def kaiser_window(
    window_length: int, beta: float = 12.0, dtype: _DTypeLike = _dt.float32, name: str | None = None
) -> _Tensor:
    """I0(beta sqrt(1 - (2n/(N-1) - 1)^2)) / I0(beta).

    >>> import tapeflow as tf
    >>> tf.signal.kaiser_window(3, beta=1.0, dtype=tf.float64).numpy().round(4).tolist()
    [0.7898, 1.0, 0.7898]
    """
    return _kaiser(window_length, beta, dtype)


def _kaiser(window_length, beta, dtype) -> _Tensor:
    """TF's formula, exp(num - beta) i0e(num) / i0e(beta), step by step in ``dtype``:
    for beta >= 0 it is I0(num) / I0(beta) without overflow; for beta < 0 it is what
    TF computes."""
    tf = _tf()
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found <dtype: '{dtype.name}'>")
    n = _int32_scalar(window_length)
    if n == 1:
        return tf.ones([1], dtype)
    half = (_np.float32(n) - _np.float32(1.0)) / _np.float32(2.0)
    if n <= 0:
        raise _op_error(f"Requires start <= limit when delta > 0: {-half:g}/{half + 0.1:g}",
                        "Range")  # fmt: skip
    _check_allocation((n,), _np.float64, "Range")
    arg = tf.cast(_np.arange(-half, half + _np.float32(0.1), dtype=_np.float32), dtype)
    beta = tf.cast(beta, dtype)
    one = tf.cast(1.0, dtype)
    num = beta * tf.sqrt(tf.nn.relu(one - tf.square(arg / tf.cast(half, dtype))))
    i0e = tf.math.bessel_i0e
    return tf.exp(num - beta) * (i0e(num) / i0e(beta))


def kaiser_bessel_derived_window(
    window_length: int, beta: float = 12.0, dtype: _DTypeLike = _dt.float32, name: str | None = None
) -> _Tensor:
    """The Kaiser-Bessel-derived window (power complementary, for MDCTs).

    >>> import tapeflow as tf
    >>> w = tf.signal.kaiser_bessel_derived_window(4)
    >>> (w[:2] ** 2 + w[2:] ** 2).numpy().round(5).tolist()
    [1.0, 1.0]
    """
    tf = _tf()
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Found <dtype: '{dtype.name}'>")
    half = _int32_scalar(window_length) // 2  # TF halves the length as an int32
    cumulative = tf.cumsum(_kaiser(half + 1, beta, dtype))
    rising = tf.sqrt(cumulative[:-1] / cumulative[-1])
    return tf.concat([rising, rising[::-1]], 0)


def vorbis_window(
    window_length: int, dtype: _DTypeLike = _dt.float32, name: str | None = None
) -> _Tensor:
    """sin(pi/2 sin^2(pi (n + 1/2) / N)) (power complementary, for MDCTs).

    >>> import tapeflow as tf
    >>> tf.signal.vorbis_window(4, dtype=tf.float64).numpy().round(4).tolist()
    [0.228, 0.9737, 0.9737, 0.228]
    """
    tf = _tf()
    n = _window_length(window_length, dtype)
    arg = tf.cast(tf.range(n), dtype)
    # TF's steps in ``dtype``: float16 rounding can make the window asymmetric.
    return tf.sin(_np.pi / 2.0 * tf.pow(tf.sin(_np.pi / tf.cast(n, dtype) * (arg + 0.5)), 2.0))


# --------------------------------------------------------------------------
# Short-time Fourier transforms
# --------------------------------------------------------------------------
def _default_fft_length(frame_length: int) -> int:
    return 1 << max(0, (int(frame_length) - 1).bit_length())


def stft(
    signals: _TensorLike,
    frame_length: int,
    frame_step: int,
    fft_length: int | None = None,
    window_fn: _WindowFn | None = hann_window,
    pad_end: bool = False,
    name: str | None = None,
) -> _Tensor:
    """Frames, windowed, then ``rfft``: ``[..., frames, fft_length // 2 + 1]``.

    >>> import tapeflow as tf
    >>> spectrogram = tf.signal.stft(tf.random.normal([1000], seed=1), 256, 128)
    >>> spectrogram.shape, spectrogram.dtype
    (TensorShape([6, 129]), tf.complex64)
    """
    x = _convert(signals)
    if x.dtype not in (_dt.float32, _dt.float64):
        raise ValueError(f"signals must be float32 or float64, got {x.dtype.name}")
    fft_length = _default_fft_length(frame_length) if fft_length is None else int(fft_length)
    framed = frame(x, frame_length, frame_step, pad_end=pad_end)
    if window_fn is not None:
        framed = framed * window_fn(int(frame_length), dtype=x.dtype)
    return rfft(framed, [fft_length])


def inverse_stft_window_fn(
    frame_step: int, forward_window_fn: _WindowFn = hann_window, name: str | None = None
) -> _WindowFn:
    """A window function that undoes ``forward_window_fn``'s overlapped weighting.

    >>> import tapeflow as tf
    >>> window = tf.signal.inverse_stft_window_fn(2)
    >>> window(4).numpy().round(4).tolist()
    [0.0, 1.0, 1.0, 1.0]
    """
    frame_step = int(frame_step)

    def window(frame_length, dtype=_dt.float32):
        forward = _np.asarray(forward_window_fn(int(frame_length), dtype=dtype)._value)
        squared = forward.astype(_np.float64) ** 2
        overlaps = -(-int(frame_length) // frame_step)
        padded = _np.pad(squared, (0, overlaps * frame_step - int(frame_length)))
        per_offset = padded.reshape(overlaps, frame_step).sum(axis=0)
        denominator = _np.tile(per_offset, overlaps)[: int(frame_length)]
        return _window(forward / denominator, dtype)

    return window


def inverse_stft(
    stfts: _TensorLike,
    frame_length: int,
    frame_step: int,
    fft_length: int | None = None,
    window_fn: _WindowFn | None = hann_window,
    name: str | None = None,
) -> _Tensor:
    """``irfft`` of each frame, cropped to ``frame_length``, windowed, overlap-added.

    >>> import tapeflow as tf
    >>> x = tf.random.normal([64], seed=2)
    >>> spectrogram = tf.signal.stft(x, 16, 4)
    >>> window = tf.signal.inverse_stft_window_fn(4)
    >>> y = tf.signal.inverse_stft(spectrogram, 16, 4, window_fn=window)
    >>> bool(tf.reduce_max(tf.abs(y[16:-16] - x[16:-16])) < 1e-5)
    True
    """
    tf = _tf()
    y = _complex_input(stfts)
    frame_length = int(frame_length)
    fft_length = _default_fft_length(frame_length) if fft_length is None else int(fft_length)
    frames = irfft(y, [fft_length])
    frames = frames[..., :frame_length]
    if frames._value.shape[-1] < frame_length:
        widths = [[0, 0]] * (frames._value.ndim - 1) + [[0, frame_length - fft_length]]
        frames = tf.pad(frames, widths)
    if window_fn is not None:
        frames = frames * window_fn(frame_length, dtype=frames.dtype)
    return overlap_and_add(frames, frame_step)


# --------------------------------------------------------------------------
# Discrete cosine transforms (as products with a cosine matrix)
# --------------------------------------------------------------------------
def dct(
    input: _TensorLike,  # noqa: A002
    type: int = 2,  # noqa: A002
    n: int | None = None,
    axis: int = -1,
    norm: str | None = None,
    name: str | None = None,
) -> _Tensor:
    """The discrete cosine transform (types 1-4) along the last axis; ``norm='ortho'``
    makes types 2-4 orthonormal. ``n`` crops or zero-pads the input first.

    >>> import tapeflow as tf
    >>> tf.signal.dct(tf.constant([1.0, 2.0, 3.0, 4.0], tf.float64))[:2].numpy().round(4).tolist()
    [20.0, -6.3086]
    """
    tf = _tf()
    x = _convert(input)
    # TF's argument checks come first, in its order; then its wrapper's steps fail in
    # turn: a zero of the dtype, the input's last dimension, slicing or padding by n,
    # and the complex or real-FFT arithmetic of the transform.
    if axis != -1:
        raise NotImplementedError(f"axis must be -1. Got: {axis}")
    if n is not None and int(n) < 1:
        raise ValueError("n should be a positive integer or None")
    if type not in (1, 2, 3, 4):
        raise ValueError("Types I, II, III and IV (I)DCT are supported.")
    if type == 1:
        if norm == "ortho":
            raise ValueError("Normalization is not supported for the Type-I DCT.")
        if x._value.ndim and x._value.shape[-1] < 2:
            raise ValueError("Type-I DCT requires the dimension to be greater than one.")
    if norm not in (None, "ortho"):
        raise ValueError(f"Unknown normalization. Expected None or 'ortho', got: {norm}")
    if not (x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError(f"Cannot convert 0.0 to EagerTensor of dtype {x.dtype.name}")
    if x._value.ndim == 0:
        raise IndexError("tuple index out of range")  # TF reads input.shape[-1]
    if n is not None:
        _check_dct_length(n, x)
        x = _sp._fit(x, (int(n),))
    if x.dtype not in (_dt.float32, _dt.float64):
        if type == 1:  # TF's rfft wrapper refuses the mirrored signal
            _require_real_fft_dtype(tf.concat([x, x[..., -2:0:-1]], -1), inverse=False)
        raise TypeError(f"The `real` and `imag` components have incorrect types: "
                        f"{x.dtype.name} {x.dtype.name}. They must be consistent, and one "
                        "of [tf.float32, tf.float64]")  # fmt: skip
    if norm == "ortho" and type in (2, 3) and x._value.shape[-1] == 0:
        # TF pads one weight to the axis's length: -1 padding for an empty axis.
        raise _op_error("Paddings must be non-negative: 0 -1", "PadV2", None)
    if not x._value.size:
        return tf.identity(x)  # nothing to transform (TF gives the empty shape too)
    return _dct_by_fft(x, type, norm)


def _check_dct_length(n, x: _Tensor) -> None:
    """TF slices the input to a shorter ``n`` and pads it to a longer one: a float ``n``
    fails as an index or as an int32 padding."""
    value = n._value if isinstance(n, _Tensor) else n
    if _np.issubdtype(_np.asarray(value).dtype, _np.integer):
        return
    size = x._value.shape[-1]
    if value <= size:
        raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                        f"and scalar tf.int32/tf.int64 tensors are valid indices, got {n!r}")  # fmt: skip
    padding = [[0, 0]] * (x._value.ndim - 1) + [[0, value - size]]
    raise TypeError(f"Cannot convert {padding} to EagerTensor of dtype int32")


def _dct_by_fft(x: _Tensor, kind: int, norm) -> _Tensor:
    """TF's route, in ``x``'s dtype: every type is a real FFT of length 2N (N for type I)
    with a phase ramp, so memory and time grow as N log N."""
    tf = _tf()
    size = x._value.shape[-1]
    length = tf.cast(size, x.dtype)
    zero = tf.zeros([], x.dtype)
    if kind == 1:
        return tf.math.real(rfft(tf.concat([x, x[..., -2:0:-1]], -1)))
    if kind == 4:  # the odd bins of the DCT-II of the signal zero-padded to 2N
        dct4 = _dct_by_fft(_sp._fit(x, (2 * size,)), 2, None)[..., 1::2]
        return dct4 * (_math.sqrt(0.5) * tf.math.rsqrt(length)) if norm == "ortho" else dct4
    ramp = tf.range(length) * _math.pi * 0.5 / length
    if kind == 2:
        scale = 2.0 * tf.exp(tf.complex(zero, -ramp))
        dct2 = tf.math.real(rfft(x, [2 * size])[..., :size] * scale)
        if norm == "ortho":
            first = 0.5 * tf.math.rsqrt(length)
            dct2 = dct2 * tf.pad(
                first[None], [[0, size - 1]], constant_values=first * _math.sqrt(2.0)
            )
        return dct2
    if norm == "ortho":
        first = tf.sqrt(length)
        x = x * tf.pad(first[None], [[0, size - 1]], constant_values=first * _math.sqrt(0.5))
    else:
        x = x * length
    scale = 2.0 * tf.exp(tf.complex(zero, ramp))
    return tf.math.real(irfft(scale * tf.complex(x, zero), [2 * size]))[..., :size]


def idct(
    input: _TensorLike,  # noqa: A002
    type: int = 2,  # noqa: A002
    n: int | None = None,
    axis: int = -1,
    norm: str | None = None,
    name: str | None = None,
) -> _Tensor:
    """The inverse DCT: the DCT of the inverse type (``idct(dct(x)) == x`` with 'ortho').

    >>> import tapeflow as tf
    >>> x = tf.constant([1.0, 2.0, 3.0])
    >>> tf.signal.idct(tf.signal.dct(x, norm='ortho'), norm='ortho').numpy().round(5).tolist()
    [1.0, 2.0, 3.0]
    """
    inverse = {1: 1, 2: 3, 3: 2, 4: 4}.get(type, type)
    return dct(input, type=inverse, n=n, axis=axis, norm=norm)


# --------------------------------------------------------------------------
# Modified DCTs
# --------------------------------------------------------------------------
def mdct(
    signals: _TensorLike,
    frame_length: int,
    window_fn: _WindowFn | None = vorbis_window,
    pad_end: bool = False,
    norm: str | None = None,
    name: str | None = None,
) -> _Tensor:
    """The MDCT of frames of ``frame_length`` (a multiple of 4) with 50% overlap.

    >>> import tapeflow as tf
    >>> tf.signal.mdct(tf.ones([16]), 8).shape
    TensorShape([3, 4])
    """
    tf = _tf()
    x = _convert(signals)
    frame_length = int(frame_length)
    if frame_length % 4:
        raise ValueError("The frame length must be a multiple of 4.")
    framed = frame(x, frame_length, frame_length // 2, pad_end=pad_end)
    if window_fn is not None:
        framed = framed * window_fn(frame_length, dtype=x.dtype)
    else:
        framed = framed * _wrap(_np.asarray(1.0 / _np.sqrt(2), x._value.dtype)[()])
    quarter = frame_length // 4
    a, b, c, d = (framed[..., i * quarter : (i + 1) * quarter] for i in range(4))
    rotated = tf.concat([-tf.reverse(c, [-1]) - d, a - tf.reverse(b, [-1])], axis=-1)
    return dct(rotated, type=4, norm=norm)


def inverse_mdct(
    mdcts: _TensorLike,
    window_fn: _WindowFn | None = vorbis_window,
    norm: str | None = None,
    name: str | None = None,
) -> _Tensor:
    """Frames from MDCT coefficients, windowed and overlap-added (time-domain aliasing
    cancels with a power-complementary window).

    >>> import tapeflow as tf
    >>> x = tf.random.normal([32], seed=3)
    >>> y = tf.signal.inverse_mdct(tf.signal.mdct(x, 8))
    >>> bool(tf.reduce_max(tf.abs(y[4:-4] - x[4:-4])) < 1e-5)
    True
    """
    tf = _tf()
    y = _convert(mdcts)
    half = y._value.shape[-1]
    frame_length = 2 * half
    out = dct(y, type=4, norm=norm)
    if norm is None:
        out = out * _wrap(_np.asarray(0.5 / max(half, 1), y._value.dtype)[()])
    quarter = half // 2
    first, second = out[..., :quarter], out[..., quarter:]
    frames = tf.concat([second, -tf.reverse(second, [-1]), -tf.reverse(first, [-1]), -first],
                       axis=-1)  # fmt: skip
    if window_fn is not None:
        frames = frames * window_fn(frame_length, dtype=y.dtype)
    else:
        frames = frames * _wrap(_np.asarray(1.0 / _np.sqrt(2), y._value.dtype)[()])
    return overlap_and_add(frames, half)


# --------------------------------------------------------------------------
# Mel features
# --------------------------------------------------------------------------
def _hertz_to_mel(hertz):
    return 1127.0 * _np.log(1.0 + hertz / 700.0)


def linear_to_mel_weight_matrix(
    num_mel_bins: int = 20,
    num_spectrogram_bins: int = 129,
    sample_rate: float = 8000,
    lower_edge_hertz: float = 125.0,
    upper_edge_hertz: float = 3800.0,
    dtype: _DTypeLike = _dt.float32,
    name: str | None = None,
) -> _Tensor:
    """A ``[num_spectrogram_bins, num_mel_bins]`` matrix of triangular mel filters (HTK
    mel scale) that maps linear-frequency magnitudes to mel bands.

    >>> import tapeflow as tf
    >>> tf.signal.linear_to_mel_weight_matrix(num_mel_bins=8, num_spectrogram_bins=65).shape
    TensorShape([65, 8])
    """
    dtype = _dt.as_dtype(dtype)
    bins = int(num_spectrogram_bins)
    if not 0 <= bins < 2**31:
        raise _op_error(f"Requires start <= limit when delta > 0: 1/{bins}", "Range")
    _check_allocation((bins, max(int(num_mel_bins), 0)), _np.float64, "Range")
    if num_mel_bins <= 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {num_mel_bins}")
    if lower_edge_hertz < 0.0:
        raise ValueError(f"lower_edge_hertz must be non-negative. Got: {lower_edge_hertz}")
    if lower_edge_hertz >= upper_edge_hertz:
        raise ValueError(f"lower_edge_hertz {lower_edge_hertz} >= upper_edge_hertz "
                         f"{upper_edge_hertz}")  # fmt: skip
    if float(sample_rate) <= 0.0:
        raise ValueError(f"sample_rate must be positive. Got: {sample_rate}")
    if upper_edge_hertz > sample_rate / 2:
        raise ValueError(f"upper_edge_hertz must not be larger than the Nyquist frequency "
                         f"(sample_rate / 2). Got {upper_edge_hertz} for sample_rate: "
                         f"{sample_rate}")  # fmt: skip
    if not dtype.is_floating:
        raise ValueError(f"dtype must be a floating point type. Got: {dtype}")
    np_dtype = dtype.as_numpy_dtype
    # Computed in the output dtype, as TF does, so float32 results match it.
    freqs = _np.linspace(np_dtype(0), np_dtype(sample_rate / 2.0), num_spectrogram_bins,
                         dtype=np_dtype)[1:]  # fmt: skip
    bins_mel = _hertz_to_mel(freqs).astype(np_dtype)[:, None]
    edges = _np.linspace(_hertz_to_mel(np_dtype(lower_edge_hertz)),
                         _hertz_to_mel(np_dtype(upper_edge_hertz)), num_mel_bins + 2,
                         dtype=np_dtype)  # fmt: skip
    lower, center, upper = edges[:-2][None], edges[1:-1][None], edges[2:][None]
    lower_slopes = (bins_mel - lower) / (center - lower)
    upper_slopes = (upper - bins_mel) / (upper - center)
    weights = _np.maximum(np_dtype(0), _np.minimum(lower_slopes, upper_slopes))
    return _wrap(_np.pad(weights, [[1, 0], [0, 0]]).astype(np_dtype))


def mfccs_from_log_mel_spectrograms(
    log_mel_spectrograms: _TensorLike, name: str | None = None
) -> _Tensor:
    """MFCCs: the orthonormal-scaled DCT-II of log-mel spectrograms (last axis).

    >>> import tapeflow as tf
    >>> mfccs = tf.signal.mfccs_from_log_mel_spectrograms(tf.ones([1, 4], tf.float64))
    >>> mfccs[:, 0].numpy().round(4).tolist()
    [2.8284]
    """
    x = _convert(log_mel_spectrograms)
    bins = x._value.shape[-1]
    if bins is None or bins < 1:
        raise _InvalidArgumentError(None, None, "num_mel_bins must be positive")
    scale = _wrap(_np.asarray(1.0 / _np.sqrt(2.0 * bins), x._value.dtype)[()])
    return dct(x, type=2) * scale
