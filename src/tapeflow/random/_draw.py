"""Argument checks, NumPy samplers, and the distributions on a generator chosen by the caller."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._limits import check_allocation
from .._tensor import Tensor, TensorShape, convert_to_tensor, read_static, wrap
from ..errors import InvalidArgumentError, NotFoundError
from ..ops import elementwise as _el
from ._seeds import _seed_int


def _dims(shape, op: str) -> tuple:
    """A shape argument (list, tuple, TensorShape, 1-D int tensor) as a tuple of ints."""
    if isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a Tensor.")
        dims: Any = shape.as_list()
    elif isinstance(shape, (list, tuple)) and all(type(d) is int for d in shape):
        dims = shape  # the common case, without a conversion
    else:
        shape = convert_to_tensor(shape)
        read_static(shape)
        value = np.asarray(_backend.to_host(shape._value))
        if value.dtype.kind not in "iu":
            raise InvalidArgumentError(
                None,
                None,
                f"Value for attr 'T' of {_dt._from_numpy(value.dtype).c_name} is not in the list "
                f"of allowed values: int32, int64 [Op:{op}] name: ",
            )
        if value.ndim != 1:
            text = ",".join(str(d) for d in value.shape)
            raise InvalidArgumentError(
                None,
                None,
                f"shape must be a vector of {{int32,int64}}, got shape [{text}] [Op:{op}] name: ",
            )
        dims = value.tolist()
    for d in dims:
        if d < 0:
            raise InvalidArgumentError(None, None, f"Dimension {d} must be >= 0 [Op:{op}] name: ")
    dims = tuple(int(d) for d in dims)
    check_allocation(dims, np.float32, op)  # an impossible shape: TF's OOM, not NumPy's
    return dims


def _param(value, dtype: _dt.DType, what: str) -> Tensor:
    """A distribution parameter as a tensor of ``dtype`` (tensors must already have it)."""
    try:
        return convert_to_tensor(value, dtype=dtype)
    except ValueError as error:
        if "Tensor conversion requested dtype" in str(error):
            raise ValueError(f"{what}: {error}") from None
        raise


def _check_attr(dtype: _dt.DType, allowed: tuple, names: str, op: str) -> None:
    if dtype not in allowed:
        raise InvalidArgumentError(
            None,
            None,
            f"Value for attr 'dtype' of {dtype.name} is not in the list of allowed values: "
            f"{names} [Op:{op}] name: ",
        )


def _check_argument_dtype(dtype: _dt.DType, allowed: tuple) -> None:
    if dtype not in allowed:
        accepted = ", ".join(repr(d) if d is not None else "tf.bfloat16" for d in allowed)
        raise ValueError(
            f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are ({accepted})."
        )


_FLOATS = (_dt.float16, _dt.float32, _dt.float64)
_FLOAT_NAMES = "half, bfloat16, float, double"
# ``None`` stands for bfloat16 in messages: TensorFlow lists it, tapeflow has no such dtype.
_UNIFORM_DTYPES = (_dt.float16, None, _dt.float32, _dt.float64, _dt.int32, _dt.int64)
_STATELESS_UNIFORM_DTYPES = _UNIFORM_DTYPES + (_dt.uint32, _dt.uint64)
_FULL_INT_DTYPES = (_dt.int32, _dt.int64, _dt.uint32, _dt.uint64)


def _out(array):
    if array.__class__ is np.ndarray:
        if array.ndim == 0:
            array = array[()]
        elif _backend.gpu_scope_depth:  # drawn on the host: placed by the scope
            array = _backend.placed(array)
    return wrap(array)


def _on_host(draw_rng):
    """``draw_rng()``'s generator as outside any GPU block.

    Poisson, gamma, categorical and shuffle draw on the host with NumPy's
    generator (their samplers read host arrays); ``_out`` then places the
    result by the scope.
    """
    if not _backend.gpu_scope_depth:
        return draw_rng()
    _backend.enter_device("CPU")
    try:
        return draw_rng()
    finally:
        _backend.exit_device()


def _is_literal(value, number) -> bool:
    return type(value) in (int, float) and value == number


# --------------------------------------------------------------------------
# Samplers (NumPy, on a given generator)
# --------------------------------------------------------------------------
def _standard_normal(rng, dims, dtype: _dt.DType) -> np.ndarray:
    if dtype is _dt.float64:
        return rng.standard_normal(dims)
    z = rng.standard_normal(dims, dtype=np.float32)
    return z if dtype is _dt.float32 else z.astype(dtype.as_numpy_dtype_instance)


def _truncated_standard_normal(rng, dims, dtype: _dt.DType) -> np.ndarray:
    """Standard normal values re-drawn (whole rounds, vectorized) until |z| <= 2."""
    z = _standard_normal(rng, (int(np.prod(dims, dtype=np.int64)),), dtype)
    outside = np.flatnonzero(np.abs(z) > 2)
    while outside.size:
        z[outside] = _standard_normal(rng, (outside.size,), dtype)
        outside = outside[np.abs(z[outside]) > 2]
    return z.reshape(dims)


def _standard_uniform(rng, dims, dtype: _dt.DType) -> np.ndarray:
    """Uniform values in [0, 1), exactly representable in ``dtype``."""
    if dtype is _dt.float16:  # 11 random bits: a float16 never rounds up to 1
        return (rng.integers(0, 2048, size=dims, dtype=np.int16) / 2048).astype(np.float16)
    return rng.random(dims, dtype=dtype.as_numpy_dtype_instance)


def _full_int(rng, dims, dtype: _dt.DType) -> np.ndarray:
    info = np.iinfo(dtype.as_numpy_dtype_instance)
    return rng.integers(info.min, info.max, size=dims, dtype=dtype.as_numpy_dtype, endpoint=True)


def _categorical_draw(rng, logits: np.ndarray, num_samples: int) -> np.ndarray:
    """Class indices drawn with probabilities softmax(logits), row by row.

    Exact integer inverse-CDF sampling in one ``searchsorted``: each row's CDF
    is scaled to integer ticks in ``[0, 2**bits]`` and shifted by ``row <<
    bits``, so all rows form one sorted array. Classes with probability 0
    (logit -inf) are never drawn; rows with no finite logit give
    ``num_classes``, as TensorFlow's kernel does for all -inf rows.
    """
    batch, classes = logits.shape
    if batch == 0 or num_samples == 0:
        return np.zeros((batch, num_samples), np.int64)
    values = logits.astype(np.float64)
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore", over="ignore"):
        top = np.max(np.where(finite, values, -np.inf), axis=1, keepdims=True)
        weights = np.where(finite, np.exp(values - top), 0.0)
    cdf = np.cumsum(weights, axis=1)
    total = cdf[:, -1:]
    usable = total[:, 0] > 0
    bits = min(53, 62 - int(batch).bit_length())
    ticks = np.floor(cdf / np.where(usable[:, None], total, 1.0) * float(1 << bits))
    ticks = ticks.astype(np.int64)
    ticks[:, -1] = 1 << bits
    offsets = np.arange(batch, dtype=np.int64)[:, None] << bits
    draws = rng.integers(0, 1 << bits, size=(batch, num_samples), dtype=np.int64) + offsets
    found = np.searchsorted((ticks + offsets).ravel(), draws.ravel(), side="right")
    result = found.reshape(batch, num_samples) - np.arange(batch, dtype=np.int64)[:, None] * classes
    result[~usable] = classes
    return result


# --------------------------------------------------------------------------
# Distributions, on a generator chosen by the caller
# --------------------------------------------------------------------------
def _affine(z: np.ndarray, scale, shift) -> Tensor:
    """shift + scale * z with tapeflow ops (None: scale 1 / shift 0, skipped)."""
    out = _out(z)
    if scale is not None:
        out = _el.multiply(out, scale)
    if shift is not None:
        out = _el.add(out, shift)
    return out


def _normal_with(draw_rng, sampler, shape, mean, stddev, dtype, op: str) -> Tensor:
    if dtype is None:  # a stateless op's default: float32 draws; mean and stddev keep theirs
        own_mean, own_stddev = convert_to_tensor(mean), convert_to_tensor(stddev)
        z = _out(sampler(draw_rng(), _dims(shape, op), _dt.float32))
        return _el.add(_el.multiply(z, own_stddev), own_mean)
    dtype = _dt.as_dtype(dtype)
    floating = dtype.is_floating  # other dtypes: TensorFlow's conversion errors first
    shift = None if floating and _is_literal(mean, 0) else _param(mean, dtype, "mean")
    scale = None if floating and _is_literal(stddev, 1) else _param(stddev, dtype, "stddev")
    _check_attr(dtype, _FLOATS, _FLOAT_NAMES, op)
    dims = _dims(shape, op)
    return _affine(sampler(draw_rng(), dims, dtype), scale, shift)


def _int_bound(value, dtype: _dt.DType, what: str, op: str) -> int:
    tensor = _param(value, dtype, what)
    if tensor.ndim:
        dims = ",".join(str(d) for d in tensor.shape)
        raise InvalidArgumentError(
            None, None, f"{what} must be 0-D, got shape [{dims}] [Op:{op}] name: "
        )
    return int(tensor._value)


def _uniform_with(draw_rng, shape, minval, maxval, dtype, ops: tuple) -> Tensor:
    """Shared body of uniform, stateless_uniform and Generator.uniform.

    ``ops`` = (float op, int op, full-range int op) names for messages.
    """
    float_op, int_op, full_op = ops
    if dtype.is_integer and minval is None and maxval is None:
        _check_attr(dtype, _FULL_INT_DTYPES, "int32, int64, uint32, uint64", full_op)
        dims = _dims(shape, full_op)
        return _out(_full_int(draw_rng(), dims, dtype))
    if dtype.is_integer:
        low: Any = _int_bound(minval, dtype, "minval", int_op)
        high: Any = _int_bound(maxval, dtype, "maxval", int_op)
        dims = _dims(shape, int_op)
        size = int(np.prod(dims, dtype=np.int64))
        if size and low >= high:
            raise InvalidArgumentError(
                None, None, f"Need minval < maxval, got {low} >= {high} [Op:{int_op}] name: "
            )
        rng = draw_rng()
        if not size:
            return _out(np.zeros(dims, dtype.as_numpy_dtype_instance))
        return _out(rng.integers(low, high, size=dims, dtype=dtype.as_numpy_dtype))
    if maxval is None:
        maxval = 1
    low_is_zero, high_is_one = _is_literal(minval, 0), _is_literal(maxval, 1)
    low = None if low_is_zero else _param(minval, dtype, "min")
    high = None if high_is_one else _param(maxval, dtype, "max")
    _check_attr(dtype, _FLOATS, _FLOAT_NAMES, float_op)
    dims = _dims(shape, float_op)
    u = _out(_standard_uniform(draw_rng(), dims, dtype))
    if low_is_zero:
        return u if high_is_one else _el.multiply(u, high)
    if high is None:
        high = _param(maxval, dtype, "max")
    return _el.add(_el.multiply(u, _el.subtract(high, low)), low)


def _categorical_with(draw_rng, logits, num_samples, dtype, op: str) -> Tensor:
    dtype = _dt.int64 if dtype is None else _dt.as_dtype(dtype)
    _check_argument_dtype(dtype, (_dt.int32, _dt.int64))
    logits = convert_to_tensor(logits)
    value = np.asarray(_backend.to_host(logits._value))
    if value.ndim != 2:
        dims = ",".join(str(d) for d in value.shape)
        raise InvalidArgumentError(
            None, None, f"logits should be a matrix, got shape [{dims}] [Op:{op}] name: "
        )
    if value.dtype.kind != "f":
        name = logits.dtype.name.upper()
        raise _dt_not_found(op, f"T=DT_{name}, output_dtype=DT_{dtype.name.upper()}", "float")
    # The kernel's num_samples is an int32 input (2**31 wraps to -2**31).
    count = (_seed_int(num_samples, "num_samples") + 2**31) % 2**32 - 2**31
    if count < 0:
        raise InvalidArgumentError(
            None, None, f"num_samples should be non-negative, got {count} [Op:{op}] name: "
        )
    if value.shape[1] == 0:
        raise InvalidArgumentError(
            None, None, f"num_classes should be positive, got 0 [Op:{op}] name: "
        )
    check_allocation((value.shape[0], count), np.int64, op)
    result = _categorical_draw(_on_host(draw_rng), value, count)
    result = result.astype(dtype.as_numpy_dtype_instance)
    return wrap(_backend.same_place(result, logits._value))


def _dt_not_found(op: str, attrs: str, kinds: str):
    return NotFoundError(
        None,
        None,
        f"Could not find device for node: {{{{node {op}}}}} = {op}[{attrs}]\n"
        f"All kernels registered for op {op}: {kinds} [Op:{op}] name: ",
    )


def _poisson_with(draw_rng, shape, lam, dtype, op: str) -> Tensor:
    dtype = _dt.int64 if dtype is None else _dt.as_dtype(dtype)  # the op attr's default
    rate_tensor = convert_to_tensor(lam)
    allowed = (_dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)
    _check_attr(dtype, allowed, "half, float, double, int32, int64", op)
    dims = _dims(shape, op)
    rate = np.asarray(_backend.to_host(rate_tensor._value), dtype=np.float64)
    check_allocation(dims + rate.shape, np.float64, op)
    usable = (rate > 0) & (rate < 1e18)
    draws = _on_host(draw_rng).poisson(np.where(usable, rate, 0.0), size=dims + rate.shape)
    if dtype.is_floating:
        draws = np.where(usable | (rate <= 0), draws, rate)  # nan stays nan, huge stays huge
    return _out(draws.astype(dtype.as_numpy_dtype_instance))


def _int32_shape(shape) -> Tensor:
    """The stateful gamma's and poisson's ``shape``: TF converts it to int32 first (Python
    ints wrap, a float fails with TypeError, an int64 tensor with ``shape: ...``)."""
    try:
        return convert_to_tensor(shape, dtype=_dt.int32)
    except ValueError as error:
        if "Tensor conversion requested dtype" in str(error):
            raise ValueError(f"shape: {error}") from None
        raise


def _gamma_with(draw_rng, shape, alpha, beta, dtype, op: str, suffix: bool = False) -> Tensor:
    """Gamma draws; ``suffix``: the stateless op's rule, where ``shape`` is the whole output
    shape and must end with broadcast(alpha, beta)'s (else it is prepended to it)."""
    if dtype is None:  # TF converts alpha without a dtype and draws in its dtype
        if isinstance(alpha, Tensor):
            dtype = alpha.dtype
        elif isinstance(alpha, (np.ndarray, np.generic)) and alpha.dtype.kind == "f":
            dtype = _dt.as_dtype(alpha.dtype)
        else:
            dtype = _dt.float32
        if beta is None:  # TF then divides by an int32 beta of 1
            raise TypeError(f"`x` and `y` must have the same dtype, got tf.{dtype.name} != "
                            "tf.int32.")  # fmt: skip
        beta = convert_to_tensor(beta)  # converted on its own too, then divided by
        if beta.dtype != dtype:
            raise TypeError(f"`x` and `y` must have the same dtype, got tf.{dtype.name} != "
                            f"tf.{beta.dtype.name}.")  # fmt: skip
    dtype = _dt.as_dtype(dtype)
    alpha = _param(alpha, dtype, "alpha")
    beta = None if beta is None else _param(beta, dtype, "beta")
    _check_attr(dtype, _FLOATS, "half, float, double", op)
    dims = _dims(shape, op)
    batch = tuple(alpha.shape)
    if beta is not None:
        try:
            batch = np.broadcast_shapes(batch, tuple(beta.shape))
        except ValueError:
            dims_a, dims_b = (",".join(str(d) for d in t.shape) for t in (alpha, beta))
            raise InvalidArgumentError(
                None,
                None,
                f"Incompatible shapes: [{dims_a}] vs. [{dims_b}] [Op:BroadcastArgs] name: ",
            ) from None
    # (The kernel returns an empty output before it checks the shapes.)
    ends_badly = len(batch) > len(dims) or dims[len(dims) - len(batch) :] != batch
    if suffix and ends_badly and 0 not in dims:
        raise InvalidArgumentError(
            None, None, f"Shape passed in must end with broadcasted shape. [Op:{op}] name: "
        )
    out_shape = dims if suffix else dims + batch
    check_allocation(out_shape, np.float64, op)
    if suffix and 0 in dims:
        empty = _out(np.zeros(dims, dtype.as_numpy_dtype_instance))
        return empty if beta is None else _el.divide(empty, beta)
    a = np.broadcast_to(np.asarray(_backend.to_host(alpha._value), dtype=np.float64), batch)
    positive = a > 0
    x = _on_host(draw_rng).standard_gamma(np.where(positive, a, 1.0), size=out_shape)
    tiny = np.finfo(dtype.as_numpy_dtype_instance).tiny
    x = np.where(positive, np.maximum(x, tiny), np.where(a == 0, tiny, np.nan))
    sample = _out(x.astype(dtype.as_numpy_dtype_instance))
    return sample if beta is None else _el.divide(sample, beta)
