"""Image quality measures: PSNR, SSIM and multiscale SSIM."""

import numpy as _np

from .. import dtypes as _dt
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ._core import _tf

# Wang, Simoncelli and Bovik's exponents for the five scales (TF's defaults).
_MSSSIM_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def psnr(a: _TensorLike, b: _TensorLike, max_val: float, name: str | None = None) -> _Tensor:
    """Peak signal-to-noise ratio per image, in dB: 20 log10(max) - 10 log10(MSE).

    >>> import tapeflow as tf
    >>> a = tf.zeros([1, 2, 2, 1])
    >>> b = tf.fill([1, 2, 2, 1], 0.1)
    >>> tf.image.psnr(a, b, max_val=1.0).numpy().round(3).tolist()
    [20.0]
    """
    tf = _tf()
    if not hasattr(a, "dtype"):  # TF reads a.dtype before converting anything
        raise AttributeError(f"'{type(a).__name__}' object has no attribute 'dtype'")
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


def _constant(value, dtype: _dt.DType) -> _Tensor:
    """TF's constant_op.constant(value, dtype): a tensor passes through (on the tape) only
    if it already has ``dtype``."""
    if isinstance(value, _Tensor):
        if value.dtype != dtype:
            raise TypeError(f"Expected tensor {value._value} with dtype {dtype!r}, but got "
                            f"dtype {value.dtype!r}.")  # fmt: skip
        return value
    return _tf().constant(value, dtype=dtype)


def _verify_compatible(x: _Tensor, y: _Tensor) -> None:
    """TF's _verify_compatible_image_shapes: rank at least 3, equal last three dimensions,
    broadcastable leading ones."""
    for t in (x, y):
        if t._value.ndim < 3:
            raise ValueError(f"Shape {t.shape} must have rank at least 3")
    if x._value.shape[-3:] != y._value.shape[-3:]:
        raise ValueError(f"Shapes {x.shape[-3:]} and {y.shape[-3:]} are incompatible")
    for d1, d2 in zip(reversed(x._value.shape[:-3]), reversed(y._value.shape[:-3])):
        if not (d1 == 1 or d2 == 1 or d1 == d2):
            raise ValueError(f"Two images are not compatible: {x.shape} and {y.shape}")


def _as_images(img1: _TensorLike, img2: _TensorLike, max_val) -> tuple[_Tensor, ...]:
    """TF's preamble of psnr/ssim: max_val cast to the images' dtype (an integer one
    truncates it) and scaled like them by convert_image_dtype to float32. The images are
    converted to float32 too, float64 ones to float64 (more precise; the result is
    float32 either way)."""
    tf = _tf()
    x, y = _as_tensor(img1), _as_tensor(img2)
    _verify_compatible(x, y)
    peak = tf.image.convert_image_dtype(tf.cast(max_val, x.dtype), _dt.float32)
    work = _dt.float64 if x.dtype == _dt.float64 else _dt.float32
    return tf.image.convert_image_dtype(x, work), tf.image.convert_image_dtype(y, work), peak


def _gaussian_window(size: _Tensor, sigma: _Tensor) -> _Tensor:
    """TF's _fspecial_gauss: a [size, size, 1, 1] Gaussian normalised by a softmax, in
    ``sigma``'s dtype (float32), differentiable in sigma."""
    tf = _tf()
    coords = tf.cast(tf.range(size), sigma.dtype)
    coords -= tf.cast(size - 1, sigma.dtype) / 2.0
    g = tf.square(coords) * (-0.5 / tf.square(sigma))
    g = tf.reshape(tf.reshape(g, [1, -1]) + tf.reshape(g, [-1, 1]), [1, -1])
    return tf.reshape(tf.nn.softmax(g), [size, size, 1, 1])


def _ssim_per_channel(x, y, peak, filter_size, filter_sigma, k1, k2, index_map=False):
    """TF's _ssim_per_channel: (SSIM, contrast-structure) per channel, their means over
    the spatial axes unless ``index_map``. Each image keeps its own leading axes through
    the filtering (they broadcast afterwards, as in TF)."""
    tf = _tf()
    size = _constant(filter_size, _dt.int32)
    sigma = _constant(filter_sigma, _dt.float32)
    for t in (x, y):
        shape = t._value.shape
        if not all(d >= size._value for d in shape[-3:-1]):
            # TF's tf.Assert on the shape, with its summarised data.
            text = ", ".join(str(d) for d in shape)
            raise _errors().InvalidArgumentError(
                None,
                None,
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
                f"Summarized data: {text}\n{size._value}",
            )
    window = _gaussian_window(size, sigma)
    window = tf.cast(tf.tile(window, [1, 1, x._value.shape[-1], 1]), x.dtype)

    def blur(t):
        shape = list(t._value.shape)
        out = tf.nn.depthwise_conv2d(tf.reshape(t, [-1, *shape[-3:]]), window, [1, 1, 1, 1],
                                     "VALID")  # fmt: skip
        return tf.reshape(out, shape[:-3] + list(out._value.shape[1:]))

    # c1, c2 as TF computes them: in float32, with TF's dtype rules for k1 and k2.
    c1 = tf.cast((k1 * peak) ** 2, x.dtype)
    c2 = tf.cast((k2 * peak) ** 2 * 1.0, x.dtype)
    mean_x, mean_y = blur(x), blur(y)
    num0 = mean_x * mean_y * 2.0
    den0 = tf.square(mean_x) + tf.square(mean_y)
    luminance = (num0 + c1) / (den0 + c1)
    num1 = blur(x * y) * 2.0
    den1 = blur(tf.square(x) + tf.square(y))
    cs = (num1 - num0 + c2) / (den1 - den0 + c2)
    if index_map:
        return luminance * cs, cs
    return tf.reduce_mean(luminance * cs, [-3, -2]), tf.reduce_mean(cs, [-3, -2])


@_reads_values
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
    x, y, peak = _as_images(img1, img2, max_val)
    per_channel, _ = _ssim_per_channel(x, y, peak, filter_size, filter_sigma, k1, k2,
                                       bool(return_index_map))  # fmt: skip
    return tf.cast(tf.reduce_mean(per_channel, [-1]), _dt.float32)


def _errors():
    from .. import errors

    return errors


@_reads_values
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
    x, y, peak = _as_images(img1, img2, max_val)
    heads = [list(t._value.shape[:-3]) for t in (x, y)]
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
            x, y = (tf.reshape(t, head + list(t._value.shape[1:]))
                    for t, head in zip(pooled, heads))  # fmt: skip
        ssim_k, cs_k = _ssim_per_channel(x, y, peak, filter_size, filter_sigma, k1, k2)
        terms.append(tf.nn.relu(cs_k))
    terms[-1] = tf.nn.relu(ssim_k)
    stacked = tf.stack(terms, axis=-1)
    exponents = _wrap(_np.asarray(factors, dtype=stacked._value.dtype))
    ms_ssim = tf.reduce_prod(tf.pow(stacked, exponents), [-1])
    return tf.reduce_mean(ms_ssim, [-1])
