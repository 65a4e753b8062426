"""Image quality measures: PSNR, SSIM and multiscale SSIM."""

import numpy as _np

from .. import dtypes as _dt
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import read_static as _read_static
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ._core import _tf

# Wang, Simoncelli and Bovik's exponents for the five scales (TF's defaults).
_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def _in_work_dtype(first: _TensorLike, second: _TensorLike) -> tuple[_Tensor, _Tensor]:
    # TF returns float32; float64 input is computed in float64 first.
    first, second = _as_tensor(first), _as_tensor(second)
    work = _dt.float64 if first.dtype == _dt.float64 else _dt.float32
    return _tf().cast(first, work), _tf().cast(second, work)


def psnr(a: _TensorLike, b: _TensorLike, max_val: float, name: str | None = None) -> _Tensor:
    """Peak signal-to-noise ratio per image, in dB: 20 log10(max) - 10 log10(MSE).

    >>> import tapeflow as tf
    >>> a = tf.zeros([1, 2, 2, 1])
    >>> b = tf.fill([1, 2, 2, 1], 0.1)
    >>> tf.image.psnr(a, b, max_val=1.0).numpy().round(3).tolist()
    [20.0]
    """
    tf = _tf()
    a, b = _as_tensor(a), _as_tensor(b)
    # As TF: max_val in the images' dtype (an integer one truncates it, and it gets no
    # gradient), then everything through convert_image_dtype to float32 (float64 too).
    peak = tf.image.convert_image_dtype(tf.cast(_as_tensor(max_val), a.dtype), _dt.float32)
    a32 = tf.image.convert_image_dtype(a, _dt.float32)
    b32 = tf.image.convert_image_dtype(b, _dt.float32)
    mse = tf.reduce_mean(tf.math.squared_difference(a32, b32), axis=[-3, -2, -1])
    ten = _wrap(_np.asarray(_np.log(10.0), _np.float32)[()])
    scale = _wrap(_np.float32(10 / _np.log(10)))
    return 20.0 * tf.math.log(peak) / ten - scale * tf.math.log(mse)


def _gaussian_kernel(size: int, sigma: float) -> _np.ndarray:
    coords = _np.arange(size, dtype=_np.float64) - (size - 1) / 2.0
    g = _np.exp(-(coords**2) / (2 * sigma**2))
    g /= g.sum()
    return _np.outer(g, g)


def ssim(
    img1: _TensorLike,
    img2: _TensorLike,
    max_val: float,
    filter_size: int = 11,
    filter_sigma: float = 1.5,
    k1: float = 0.01,
    k2: float = 0.03,
    return_index_map: bool = False,
) -> _Tensor:
    """Structural similarity per image (Gaussian window, VALID filtering, mean over
    the map and channels), as TF computes it.

    >>> import tapeflow as tf
    >>> img = tf.random.uniform([1, 16, 16, 1], seed=4)
    >>> tf.image.ssim(img, img, max_val=1.0).numpy().tolist()
    [1.0]
    """
    tf = _tf()
    x, y = _in_work_dtype(img1, img2)
    peak = _as_tensor(max_val)
    _read_static(peak)  # a traced max_val: each call's, not the first's
    max_val = float(_np.asarray(peak._value))
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    channels = x._value.shape[-1]
    size = min(int(filter_size), x._value.shape[-3], x._value.shape[-2])
    kernel = _gaussian_kernel(size, float(filter_sigma))
    window = _wrap(_np.tile(kernel[:, :, None, None], (1, 1, channels, 1)).astype(x._value.dtype))
    batched = x._value.ndim == 3

    def blur(t):
        t = t[None] if batched else t
        out = tf.nn.depthwise_conv2d(t, window, [1, 1, 1, 1], "VALID")
        return out[0] if batched else out

    mu_x, mu_y = blur(x), blur(y)
    sigma_xx = blur(x * x) - mu_x * mu_x
    sigma_yy = blur(y * y) - mu_y * mu_y
    sigma_xy = blur(x * y) - mu_x * mu_y
    luminance = (2.0 * mu_x * mu_y + c1) / (mu_x * mu_x + mu_y * mu_y + c1)
    contrast = (2.0 * sigma_xy + c2) / (sigma_xx + sigma_yy + c2)
    index_map = luminance * contrast
    if return_index_map:
        return tf.cast(tf.reduce_mean(index_map, axis=-1), _dt.float32)
    return tf.cast(tf.reduce_mean(index_map, axis=[-3, -2, -1]), _dt.float32)


def _ssim_parts(x, y, max_val, filter_size: int, filter_sigma: float, k1: float, k2: float):
    """Per-channel SSIM and contrast-structure means over the spatial axes, as TF's
    _ssim_per_channel computes them (softmax-normalised Gaussian, VALID filtering)."""
    tf = _tf()
    h, w = x._value.shape[-3], x._value.shape[-2]
    if h < filter_size or w < filter_size:
        # TF's tf.Assert on the shape, with its summarised data.
        shape = ", ".join(str(d) for d in x._value.shape)
        raise _errors().InvalidArgumentError(
            None,
            None,
            "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
            f"Summarized data: {shape}\n{filter_size}",
        )
    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    kernel = _gaussian_kernel(filter_size, filter_sigma)
    channels = x._value.shape[-1]
    window = _wrap(_np.tile(kernel[:, :, None, None], (1, 1, channels, 1)).astype(x._value.dtype))
    heads = list(x._value.shape[:-3])

    def blur(t):
        flat = tf.reshape(t, [-1, *t._value.shape[-3:]])
        out = tf.nn.depthwise_conv2d(flat, window, [1, 1, 1, 1], "VALID")
        return tf.reshape(out, heads + list(out._value.shape[1:]))

    mean_x, mean_y = blur(x), blur(y)
    num0 = mean_x * mean_y * 2.0
    den0 = tf.square(mean_x) + tf.square(mean_y)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = blur(x * y) * 2.0
    den1 = blur(tf.square(x) + tf.square(y))
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    return tf.reduce_mean(luminance * cs, [-3, -2]), tf.reduce_mean(cs, [-3, -2])


def _errors():
    from .. import errors

    return errors


@_reads_values(floats=True)
def ssim_multiscale(
    img1: _TensorLike,
    img2: _TensorLike,
    max_val: float,
    power_factors: tuple[float, ...] | list[float] = _MSSSIM_WEIGHTS,
    filter_size: int = 11,
    filter_sigma: float = 1.5,
    k1: float = 0.01,
    k2: float = 0.03,
) -> _Tensor:
    """Multiscale SSIM per image: the contrast-structure terms of the first scales and
    the SSIM of the last, each to its power factor, multiplied, then averaged over
    channels. Each scale halves the image by 2x2 average pooling (after symmetric
    padding to even sides). The result is float32, like TF's.

    >>> import tapeflow as tf
    >>> img = tf.random.stateless_uniform([1, 12, 12, 1], seed=[1, 2])
    >>> tf.image.ssim_multiscale(img, img, 1.0, power_factors=(0.5, 0.5), filter_size=3)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.], dtype=float32)>
    """
    value = _ssim_multiscale(img1, img2, max_val, power_factors, filter_size, filter_sigma, k1, k2)
    return _tf().cast(value, _dt.float32)


def _ssim_multiscale(img1, img2, max_val, power_factors, filter_size, filter_sigma, k1, k2):
    """ssim_multiscale before the final cast (float64 in, float64 out)."""
    tf = _tf()
    x, y = _as_tensor(img1), _as_tensor(img2)
    for t in (x, y):
        if t._value.ndim < 3:
            raise ValueError(f"Shape {t.shape} must have rank at least 3")
    if x._value.shape[-3:] != y._value.shape[-3:]:
        raise ValueError(f"Shapes {x.shape[-3:]} and {y.shape[-3:]} are incompatible")
    # TF computes in float32; float64 input keeps float64 here (more precise, and the
    # gradient checker needs it), the result is float32 either way.
    work = _dt.float64 if x.dtype == _dt.float64 else _dt.float32
    max_value = float(_np.asarray(_as_tensor(max_val)._value))
    if x.dtype.is_integer:
        max_value /= float(x.dtype.max)
    x, y = tf.image.convert_image_dtype(x, work), tf.image.convert_image_dtype(y, work)
    heads = list(x._value.shape[:-3])
    factors = [float(p) for p in _np.ravel(power_factors)]
    if not factors:  # TF pops the last scale's term off an empty list
        raise IndexError("pop from empty list")
    terms = []
    for k in range(len(factors)):
        if k > 0:
            flat = [tf.reshape(t, [-1, *t._value.shape[-3:]]) for t in (x, y)]
            h, w = flat[0]._value.shape[1:3]
            if h % 2 or w % 2:
                pads = [[0, 0], [0, h % 2], [0, w % 2], [0, 0]]
                flat = [tf.pad(t, pads, mode="SYMMETRIC") for t in flat]
            pooled = [tf.nn.avg_pool(t, [1, 2, 2, 1], [1, 2, 2, 1], "VALID") for t in flat]
            x, y = (tf.reshape(t, heads + list(t._value.shape[1:])) for t in pooled)
        ssim_k, cs_k = _ssim_parts(x, y, max_value, int(filter_size), float(filter_sigma),
                                   float(k1), float(k2))  # fmt: skip
        terms.append(tf.nn.relu(cs_k))
    terms[-1] = tf.nn.relu(ssim_k)
    stacked = tf.stack(terms, axis=-1)
    exponents = _wrap(_np.asarray(factors, dtype=stacked._value.dtype))
    ms_ssim = tf.reduce_prod(tf.pow(stacked, exponents), [-1])
    return tf.reduce_mean(ms_ssim, [-1])
