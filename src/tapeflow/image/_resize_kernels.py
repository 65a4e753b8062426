"""Separable [out, in] weight matrices for ``tf.image.resize``'s filter methods.

Each resize is two matrix products (rows, then columns), so its gradient is the
transpose product and second derivatives come for free. The weights follow TF 2.21:
ResizeBicubic's table-driven Keys cubic for plain bicubic, ScaleAndTranslate's
normalized kernels for lanczos, gaussian, mitchellcubic and antialiased filters."""

import numpy as _np


def _lanczos(radius: float):
    def kernel(x: _np.ndarray) -> _np.ndarray:
        x = _np.abs(x)
        safe = _np.where(x <= 1e-3, 1.0, x)
        value = radius * _np.sin(_np.pi * safe) * _np.sin(_np.pi * safe / radius)
        value = value / (_np.pi**2 * safe**2)
        return _np.where(x > radius, 0.0, _np.where(x <= 1e-3, 1.0, value))

    return kernel


def _gaussian(x: _np.ndarray) -> _np.ndarray:
    x = _np.abs(x)
    sigma = 1.5 / 3.0
    return _np.where(x >= 1.5, 0.0, _np.exp(-(x**2) / (2.0 * sigma**2)))


def _cubic(b: float, c: float):
    """The Mitchell-Netravali family: (b, c) = (0, 0.5) is Keys' cubic with a = -0.5,
    (1/3, 1/3) is Mitchell's."""

    def kernel(x: _np.ndarray) -> _np.ndarray:
        x = _np.abs(x)
        near = ((12 - 9 * b - 6 * c) * x**3 + (-18 + 12 * b + 6 * c) * x**2 + (6 - 2 * b)) / 6
        far = (
            (-b - 6 * c) * x**3
            + (6 * b + 30 * c) * x**2
            + (-12 * b - 48 * c) * x
            + (8 * b + 24 * c)
        ) / 6
        return _np.where(x >= 2.0, 0.0, _np.where(x >= 1.0, far, near))

    return kernel


def _triangle(x: _np.ndarray) -> _np.ndarray:
    return _np.maximum(0.0, 1.0 - _np.abs(x))


# kernel name in ScaleAndTranslate -> (function, radius)
KERNELS = {
    "lanczos3": (_lanczos(3.0), 3.0),
    "lanczos5": (_lanczos(5.0), 5.0),
    "gaussian": (_gaussian, 1.5),
    "mitchellcubic": (_cubic(1 / 3, 1 / 3), 2.0),
    "keyscubic": (_cubic(0.0, 0.5), 2.0),
    "triangle": (_triangle, 1.0),
}


def scale_and_translate_weights(
    in_size: int, out_size: int, kernel_name: str, antialias: bool
) -> _np.ndarray:
    """[out, in] weights of TF's ScaleAndTranslate with no translation: the kernel,
    widened by 1/scale when antialiasing a downsample, is sampled at half-pixel
    centres; taps past the border are dropped and each row is normalized."""
    kernel, radius = KERNELS[kernel_name]
    # TF computes the positions in float32; a tap exactly on the kernel's edge
    # depends on that rounding.
    f32 = _np.float32
    inv_scale = f32(1.0 / float(f32(out_size) / f32(in_size)))
    kernel_scale = max(inv_scale, f32(1.0)) if antialias else f32(1.0)
    reach = f32(radius) * kernel_scale
    weights = _np.zeros((out_size, in_size))
    sample = (_np.arange(out_size, dtype=f32) + f32(0.5)) * inv_scale
    for i, centre in enumerate(sample):
        if centre < 0 or centre > in_size:
            continue
        start = int(_np.ceil(centre - reach - f32(0.5)))
        end = int(_np.floor(centre + reach - f32(0.5)))
        start = min(max(start, 0), in_size - 1)
        end = min(max(end, 0), in_size - 1) + 1
        taps = _np.arange(start, end, dtype=f32)
        position = (taps + f32(0.5) - centre) * (f32(1.0) / kernel_scale)
        row = kernel(position.astype(_np.float64))
        total = row.sum()
        if abs(total) >= 1000 * _np.finfo(_np.float32).eps:
            row = row / total
        weights[i, start:end] = row
    return weights


_TABLE_SIZE = 1024


def bicubic_weights(in_size: int, out_size: int) -> _np.ndarray:
    """[out, in] weights of TF's ResizeBicubic with half-pixel centres: Keys' cubic
    (a = -0.5) read from a 1024-entry table at the rounded fractional offset; taps
    past the border are dropped and the rest renormalized."""
    a = -0.5
    grid = _np.arange(_TABLE_SIZE + 1, dtype=_np.float32) / _np.float32(_TABLE_SIZE)
    # near[i]: weight at distance i/1024; far[i]: at distance 1 + i/1024 (float32, as TF's table)
    near = (((a + 2) * grid - (a + 3)) * grid * grid + 1).astype(_np.float32)
    far_x = grid + _np.float32(1.0)
    far = (((a * far_x - 5 * a) * far_x + 8 * a) * far_x - 4 * a).astype(_np.float32)
    scale = _np.float32(in_size) / _np.float32(out_size)
    weights = _np.zeros((out_size, in_size))
    for i in range(out_size):
        loc = (_np.float32(i) + _np.float32(0.5)) * scale - _np.float32(0.5)
        base = int(_np.floor(loc))
        offset = int(_np.rint((loc - _np.float32(base)) * _np.float32(_TABLE_SIZE)))
        taps = [
            (base - 1, far[offset]),
            (base, near[offset]),
            (base + 1, near[_TABLE_SIZE - offset]),
            (base + 2, far[_TABLE_SIZE - offset]),
        ]
        kept = [(j, float(wt)) for j, wt in taps if 0 <= j < in_size]
        total = sum(wt for _, wt in kept)
        renorm = len(kept) < 4 and abs(total) >= 1000 * _np.finfo(_np.float32).eps
        for j, wt in kept:
            weights[i, j] += wt / total if renorm else wt
    return weights
