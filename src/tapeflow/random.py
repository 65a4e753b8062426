"""tf.random: seeded random numbers with TensorFlow's names and seed rules.

Every draw comes from a fresh ``numpy.random.Generator(PCG64(entropy))`` whose
``entropy`` (a list of non-negative ints fed to ``numpy.random.SeedSequence``)
is fixed by the seeds in play. Seeds are taken modulo 2**64. TensorFlow's
numbers are not reproduced, only its rules:

* **global seed and op seed** (``tf.random.set_seed(g)``, ``seed=s``): the
  n-th call (counting from 0) with this pair, since the last ``set_seed``,
  draws from ``entropy = [0, g, s, n]``. The pair fixes the stream; repeated
  calls continue it.
* **op seed only**: as above with TensorFlow's default global seed
  ``g = 87654321``.
* **global seed only**: the k-th such call since ``set_seed`` (whatever the
  op) draws from ``entropy = [1, g, k]``. So a program's sequence of random
  calls gives the same numbers run after run, and calling ``set_seed(g)``
  again restarts it.
* **no seed at all**: numbers from one generator seeded by the operating
  system when tapeflow is imported (not reproducible).
* **stateless ops** (``stateless_normal(shape, seed=[a, b])`` ...):
  ``entropy = [2, a, b]``; the same seed always gives the same numbers,
  whatever the global state.
* **tf.random.Generator**: its state is an int64 Variable ``[c0, c1, key]``;
  each draw uses ``entropy = [3, c0, c1, key]`` and then adds 1 to the 128-bit
  counter ``(c0, c1)``.

The stream key counts calls, not numbers, so a call's values never depend on
how many numbers earlier calls drew.

Results are plain tensors. Location and scale parameters given as tensors
are differentiable, as in TensorFlow: ``normal`` is ``mean + stddev * z`` and
``uniform`` is ``minval + (maxval - minval) * u`` with ``z``/``u`` constants.

>>> import tapeflow as tf
>>> tf.random.set_seed(7)
>>> a = tf.random.normal([3])
>>> tf.random.set_seed(7)
>>> tf.random.normal([3]).numpy().tolist() == a.numpy().tolist()
True
>>> s1 = tf.random.stateless_uniform([2], seed=[1, 2])
>>> s2 = tf.random.stateless_uniform([2], seed=[1, 2])
>>> s1.numpy().tolist() == s2.numpy().tolist()
True
"""

from __future__ import annotations

import threading

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from ._variable import Variable
from .errors import InvalidArgumentError
from .ops import elementwise as _el

__all__ = [
    "Generator",
    "categorical",
    "fold_in",
    "gamma",
    "get_global_generator",
    "normal",
    "poisson",
    "set_global_generator",
    "set_seed",
    "shuffle",
    "split",
    "stateless_categorical",
    "stateless_gamma",
    "stateless_normal",
    "stateless_poisson",
    "stateless_truncated_normal",
    "stateless_uniform",
    "truncated_normal",
    "uniform",
]

DEFAULT_GRAPH_SEED = 87654321  # TensorFlow's global seed when only an op seed is given
_MASK64 = (1 << 64) - 1
_TAG_OP_SEED, _TAG_GLOBAL_ONLY, _TAG_STATELESS, _TAG_GENERATOR = 0, 1, 2, 3
_TAG_SPLIT, _TAG_FOLD_IN = 4, 5


def _rng(entropy) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(entropy))


# --------------------------------------------------------------------------
# Seeds
# --------------------------------------------------------------------------
class _SeedState:
    def __init__(self):
        self.lock = threading.Lock()
        self.global_seed = None
        self.auto_count = 0  # calls with the global seed only, since set_seed
        self.streams: dict = {}  # (global seed, op seed) -> calls so far
        self._unseeded = None

    @property
    def unseeded(self):
        # Made on first use: importing numpy.random costs ~13 ms, more than the rest
        # of tapeflow's import.
        if self._unseeded is None:
            self._unseeded = np.random.default_rng()
        return self._unseeded


_state = _SeedState()


def _seed_int(seed, what: str = "seed") -> int:
    """A seed argument (int, integral float, NumPy or 0-D tensor) as a Python int."""
    if isinstance(seed, Tensor) or hasattr(seed, "_as_tensor"):
        seed = convert_to_tensor(seed)._value
    if isinstance(seed, (str, bytes)) or not np.ndim(seed) == 0:
        raise TypeError(f"{what} must be an integer, got {seed!r}")
    try:
        return int(seed)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be an integer, got {seed!r}") from None


def set_seed(seed):
    """Set the global seed (None: back to non-deterministic numbers).

    Also restarts every seeded stream: after ``set_seed(s)`` a program's random
    calls give the same numbers as after any earlier ``set_seed(s)``.
    """
    value = None if seed is None else _seed_int(seed)
    with _state.lock:
        _state.global_seed = value
        _state.auto_count = 0
        _state.streams.clear()


def _next_seed_generator(seed=None) -> np.random.Generator:
    """The NumPy generator for the next random call with op seed ``seed``.

    Follows the module's rules (see the module docstring): ``[0, g, s, n]``
    for an op seed (``g`` defaulting to 87654321), ``[1, g, k]`` for the global
    seed only, and a shared OS-seeded generator when neither is set. Each call
    advances the stream it belongs to. Other modules (dropout) use it to
    follow the same rules.
    """
    op_seed = None if seed is None else _seed_int(seed)
    with _state.lock:
        global_seed = _state.global_seed
        if op_seed is None:
            if global_seed is None:
                return _state.unseeded
            count = _state.auto_count
            _state.auto_count = count + 1
            entropy = [_TAG_GLOBAL_ONLY, global_seed & _MASK64, count]
        else:
            if global_seed is None:
                global_seed = DEFAULT_GRAPH_SEED
            key = (global_seed, op_seed)
            count = _state.streams.get(key, 0)
            _state.streams[key] = count + 1
            entropy = [_TAG_OP_SEED, global_seed & _MASK64, op_seed & _MASK64, count]
    return _rng(entropy)


def _stateless_seed(seed) -> tuple:
    """Validate a stateless ``seed`` (shape [2], int32/int64): (a, b, numpy dtype)."""
    value = np.asarray(convert_to_tensor(seed)._value)
    if value.dtype.kind not in "iu" or value.dtype.itemsize not in (4, 8):
        raise InvalidArgumentError(
            None,
            None,
            f"Value for attr 'Tseed' of {_dt.from_numpy(value.dtype).c_name} is not in the "
            "list of allowed values: int32, int64 [Op:StatelessRandomGetKeyCounter]",
        )
    if value.shape != (2,):
        dims = ",".join(str(d) for d in value.shape)
        raise InvalidArgumentError(
            None,
            None,
            f"seed must have shape [2], not [{dims}] [Op:StatelessRandomGetKeyCounter] name: ",
        )
    return int(value[0]), int(value[1]), value.dtype


def _stateless_rng(seed) -> np.random.Generator:
    a, b, _ = _stateless_seed(seed)
    return _rng([_TAG_STATELESS, a & _MASK64, b & _MASK64])


def split(seed, num=2, alg="auto_select"):
    """``num`` new stateless seeds (shape ``[num, 2]``, the seed's dtype) from ``seed``."""
    a, b, dtype = _stateless_seed(seed)
    words = np.random.SeedSequence([_TAG_SPLIT, a & _MASK64, b & _MASK64])
    values = words.generate_state(2 * int(num), np.uint64).view(np.int64)
    return wrap(values.astype(dtype).reshape(int(num), 2))


def fold_in(seed, data, alg="auto_select"):
    """A new stateless seed (shape [2]) mixing ``seed`` with the integer ``data``."""
    a, b, dtype = _stateless_seed(seed)
    words = np.random.SeedSequence(
        [_TAG_FOLD_IN, a & _MASK64, b & _MASK64, _seed_int(data, "data") & _MASK64]
    )
    return wrap(words.generate_state(2, np.uint64).view(np.int64).astype(dtype))


# --------------------------------------------------------------------------
# Argument checks
# --------------------------------------------------------------------------
def _dims(shape, op: str) -> tuple:
    """A shape argument (list, tuple, TensorShape, 1-D int tensor) as a tuple of ints."""
    if isinstance(shape, TensorShape):
        if not shape.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {shape} to a Tensor.")
        dims = shape.as_list()
    elif isinstance(shape, (list, tuple)) and all(type(d) is int for d in shape):
        dims = shape  # the common case, without a conversion
    else:
        value = np.asarray(convert_to_tensor(shape)._value)
        if value.dtype.kind not in "iu":
            raise InvalidArgumentError(
                None,
                None,
                f"Value for attr 'T' of {_dt.from_numpy(value.dtype).c_name} is not in the list "
                f"of allowed values: int32, int64 [Op:{op}] name: ",
            )
        if value.ndim != 1:
            dims = ",".join(str(d) for d in value.shape)
            raise InvalidArgumentError(
                None,
                None,
                f"shape must be a vector of {{int32,int64}}, got shape [{dims}] [Op:{op}] name: ",
            )
        dims = value.tolist()
    for d in dims:
        if d < 0:
            raise InvalidArgumentError(None, None, f"Dimension {d} must be >= 0 [Op:{op}] name: ")
    return tuple(int(d) for d in dims)


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
    return wrap(array[()] if isinstance(array, np.ndarray) and array.ndim == 0 else array)


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
        low = _int_bound(minval, dtype, "minval", int_op)
        high = _int_bound(maxval, dtype, "maxval", int_op)
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
    value = np.asarray(logits._value)
    if value.ndim != 2:
        dims = ",".join(str(d) for d in value.shape)
        raise InvalidArgumentError(
            None, None, f"logits should be a matrix, got shape [{dims}] [Op:{op}] name: "
        )
    if value.dtype.kind != "f":
        name = logits.dtype.name.upper()
        raise _dt_not_found(op, f"T=DT_{name}, output_dtype=DT_{dtype.name.upper()}", "float")
    count = _seed_int(num_samples, "num_samples")
    if count < 0:
        raise InvalidArgumentError(
            None, None, f"num_samples should be non-negative, got {count} [Op:{op}] name: "
        )
    if value.shape[1] == 0:
        raise InvalidArgumentError(
            None, None, f"num_classes should be positive, got 0 [Op:{op}] name: "
        )
    result = _categorical_draw(draw_rng(), value, count)
    return wrap(result.astype(dtype.as_numpy_dtype_instance))


def _dt_not_found(op: str, attrs: str, kinds: str):
    from .errors import NotFoundError

    return NotFoundError(
        None,
        None,
        f"Could not find device for node: {{{{node {op}}}}} = {op}[{attrs}]\n"
        f"All kernels registered for op {op}: {kinds} [Op:{op}] name: ",
    )


def _poisson_with(draw_rng, shape, lam, dtype, op: str) -> Tensor:
    dtype = _dt.as_dtype(dtype)
    rate = convert_to_tensor(lam)
    allowed = (_dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)
    _check_attr(dtype, allowed, "half, float, double, int32, int64", op)
    dims = _dims(shape, op)
    rate = np.asarray(rate._value, dtype=np.float64)
    usable = (rate > 0) & (rate < 1e18)
    draws = draw_rng().poisson(np.where(usable, rate, 0.0), size=dims + rate.shape)
    if dtype.is_floating:
        draws = np.where(usable | (rate <= 0), draws, rate)  # nan stays nan, huge stays huge
    return _out(draws.astype(dtype.as_numpy_dtype_instance))


def _gamma_with(draw_rng, shape, alpha, beta, dtype, op: str) -> Tensor:
    dtype = _dt.as_dtype(dtype)
    alpha = _param(alpha, dtype, "alpha")
    beta = None if beta is None else _param(beta, dtype, "beta")
    _check_attr(dtype, _FLOATS, "half, float, double", op)
    dims = _dims(shape, op)
    batch = alpha.shape if beta is None else np.broadcast_shapes(alpha.shape, beta.shape)
    a = np.broadcast_to(np.asarray(alpha._value, dtype=np.float64), batch)
    positive = a > 0
    x = draw_rng().standard_gamma(np.where(positive, a, 1.0), size=dims + tuple(batch))
    tiny = np.finfo(dtype.as_numpy_dtype_instance).tiny
    x = np.where(positive, np.maximum(x, tiny), np.where(a == 0, tiny, np.nan))
    sample = _out(x.astype(dtype.as_numpy_dtype_instance))
    return sample if beta is None else _el.divide(sample, beta)


# --------------------------------------------------------------------------
# Stateful ops (global seed + op seed)
# --------------------------------------------------------------------------
def _seeded(seed):
    return lambda: _next_seed_generator(seed)


def normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Normal values ``mean + stddev * z``; differentiable w.r.t. tensor mean/stddev.

    >>> import tapeflow as tf
    >>> tf.random.normal([2, 3], seed=1).shape
    TensorShape([2, 3])
    """
    return _normal_with(
        _seeded(seed), _standard_normal, shape, mean, stddev, dtype, "RandomStandardNormal"
    )


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Normal values re-drawn beyond 2 standard deviations: |x - mean| <= 2 stddev."""
    return _normal_with(
        _seeded(seed), _truncated_standard_normal, shape, mean, stddev, dtype, "TruncatedNormal"
    )


def uniform(shape, minval=0, maxval=None, dtype=_dt.float32, seed=None, name=None):
    """Uniform values in ``[minval, maxval)`` (maxval defaults to 1 for floats).

    Integer dtypes (int32, int64) need ``maxval`` and ``minval < maxval``.
    Float results are ``minval + (maxval - minval) * u``, differentiable
    w.r.t. tensor bounds.
    """
    dtype = _dt.as_dtype(dtype)
    _check_argument_dtype(dtype, _UNIFORM_DTYPES)
    if maxval is None and dtype.is_integer:
        raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
    ops = ("RandomUniform", "RandomUniformInt", "RandomUniformInt")
    return _uniform_with(_seeded(seed), shape, minval, maxval, dtype, ops)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """``num_samples`` class indices per row of ``logits`` ([batch, classes]).

    >>> import tapeflow as tf
    >>> tf.random.categorical([[0.0, -float("inf")]], 3).numpy().tolist()
    [[0, 0, 0]]
    """
    return _categorical_with(_seeded(seed), logits, num_samples, dtype, "Multinomial")


def shuffle(value, seed=None, name=None):
    """``value`` with its first axis randomly permuted (not differentiable)."""
    value = convert_to_tensor(value)
    rng = _next_seed_generator(seed)
    if value.ndim == 0:
        return value
    return wrap(np.asarray(value._value)[rng.permutation(value.shape[0])])


def poisson(shape, lam, dtype=_dt.float32, seed=None, name=None):
    """Poisson counts, shape ``shape + lam.shape``; not differentiable (TF: LookupError)."""
    return _poisson_with(_seeded(seed), shape, lam, dtype, "RandomPoissonV2")


def gamma(shape, alpha, beta=None, dtype=_dt.float32, seed=None, name=None):
    """Gamma(alpha, rate=beta) values, shape ``shape + broadcast(alpha, beta).shape``.

    Differentiable w.r.t. ``beta`` (``sample / beta``); the gradient w.r.t.
    ``alpha`` is None here (TensorFlow uses implicit reparameterization).
    """
    return _gamma_with(_seeded(seed), shape, alpha, beta, dtype, "RandomGamma")


# --------------------------------------------------------------------------
# Stateless ops: numbers fixed by seed=[a, b]
# --------------------------------------------------------------------------
def _stateless(seed):
    _stateless_seed(seed)  # validate before the other arguments, as TensorFlow does
    return lambda: _stateless_rng(seed)


def stateless_normal(
    shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None, alg="auto_select"
):
    """Normal values fixed by ``seed`` (shape [2] int32/int64)."""
    return _normal_with(
        _stateless(seed), _standard_normal, shape, mean, stddev, dtype, "StatelessRandomNormalV2"
    )


def stateless_truncated_normal(
    shape, seed, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None, alg="auto_select"
):
    """Truncated normal values (|x - mean| <= 2 stddev) fixed by ``seed``."""
    return _normal_with(
        _stateless(seed),
        _truncated_standard_normal,
        shape,
        mean,
        stddev,
        dtype,
        "StatelessTruncatedNormalV2",
    )


def stateless_uniform(
    shape, seed, minval=0, maxval=None, dtype=_dt.float32, name=None, alg="auto_select"
):
    """Uniform values fixed by ``seed``; integer dtypes with both bounds None span the type."""
    dtype = _dt.as_dtype(dtype)
    _check_argument_dtype(dtype, _STATELESS_UNIFORM_DTYPES)
    if dtype.is_integer:
        if (minval is None) != (maxval is None):
            raise ValueError(
                f"For integer `dtype` argument {dtype}, argument `minval` and `maxval` must be "
                f"both None or not None. Got `minval`={minval} and `maxval`={maxval}."
            )
        if minval is not None and dtype.is_unsigned:
            raise ValueError(
                f"Argument `dtype` got invalid value {dtype} when argument `minval` is not "
                "None. Please don't use unsigned integers in this case."
            )
    ops = (
        "StatelessRandomUniformV2",
        "StatelessRandomUniformIntV2",
        "StatelessRandomUniformFullIntV2",
    )
    return _uniform_with(_stateless(seed), shape, minval, maxval, dtype, ops)


def stateless_categorical(logits, num_samples, seed, dtype=_dt.int64, name=None):
    """``categorical`` with numbers fixed by ``seed``."""
    return _categorical_with(_stateless(seed), logits, num_samples, dtype, "StatelessMultinomial")


def stateless_poisson(shape, seed, lam, dtype=_dt.int32, name=None):
    """``poisson`` with numbers fixed by ``seed`` (int32 by default, as in TF)."""
    return _poisson_with(_stateless(seed), shape, lam, dtype, "StatelessRandomPoisson")


def stateless_gamma(shape, seed, alpha, beta=None, dtype=_dt.float32, name=None):
    """``gamma`` with numbers fixed by ``seed``."""
    return _gamma_with(_stateless(seed), shape, alpha, beta, dtype, "StatelessRandomGammaV2")


# --------------------------------------------------------------------------
# tf.random.Generator
# --------------------------------------------------------------------------
def _state_words(state) -> np.ndarray:
    words = np.asarray(convert_to_tensor(state)._value)
    if words.shape != (3,):
        raise ValueError(f"Shapes {words.shape} and [3] are incompatible")
    return words.astype(np.int64)


def _key_for_seed(seed) -> int:
    if isinstance(seed, (list, tuple, np.ndarray)) or getattr(seed, "ndim", 0):
        words = np.asarray(convert_to_tensor(seed)._value).astype(np.int64).ravel()
        entropy = [int(w) & _MASK64 for w in words]
        return int(np.random.SeedSequence(entropy).generate_state(1, np.uint64).view(np.int64)[0])
    return _seed_int(seed)


def _to_int64(value: int) -> int:
    value &= _MASK64
    return value - (1 << 64) if value >> 63 else value


class Generator:
    """A random number generator with its own state (an int64 Variable ``[c0, c1, key]``).

    Each draw uses ``PCG64(entropy=[3, c0, c1, key])`` (words taken modulo
    2**64) and then adds 1 to the 128-bit counter ``(c0, c1)``. Generators
    with the same state give the same numbers; the global seed plays no part.

    >>> import tapeflow as tf
    >>> g1, g2 = tf.random.Generator.from_seed(3), tf.random.Generator.from_seed(3)
    >>> g1.normal([2]).numpy().tolist() == g2.normal([2]).numpy().tolist()
    True
    """

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            state = np.array(copy_from.state._value)
        elif state is None:
            raise ValueError("Generator needs `copy_from` or `state` (use from_seed)")
        self._lock = threading.Lock()
        self._state_var = Variable(_state_words(state), trainable=False, name="StateVar")

    # -- constructors ---------------------------------------------------------
    @classmethod
    def from_state(cls, state, alg=None):
        """A generator with state ``state`` (3 int64 words: counter low, high, key)."""
        return cls(state=state, alg=alg)

    @classmethod
    def from_seed(cls, seed, alg=None):
        """A generator with key ``seed`` (an int; a list of ints is hashed) and counter 0."""
        return cls(state=[0, 0, _to_int64(_key_for_seed(seed))], alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        """A generator whose state comes from the operating system's entropy."""
        words = np.random.SeedSequence().generate_state(3, np.uint64).view(np.int64)
        return cls(state=words, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg=None):
        """A generator from a key (int) and a 2-word counter."""
        counter = np.asarray(convert_to_tensor(counter)._value).astype(np.int64).ravel()
        return cls(state=[int(counter[0]), int(counter[1]), _seed_int(key, "key")], alg=alg)

    # -- state ----------------------------------------------------------------
    @property
    def state(self) -> Variable:
        """The state Variable ``[counter_low, counter_high, key]`` (int64)."""
        return self._state_var

    @property
    def key(self) -> Tensor:
        """The key word of the state."""
        return wrap(np.int64(self._state_var._value[2]))

    def reset(self, state):
        """Replace the state."""
        self._state_var.assign(_state_words(state))

    def reset_from_seed(self, seed):
        """Reset to the state ``from_seed(seed)`` would have."""
        self.reset([0, 0, _to_int64(_key_for_seed(seed))])

    def reset_from_key_counter(self, key, counter):
        """Reset to the state ``from_key_counter(key, counter)`` would have."""
        counter = np.asarray(convert_to_tensor(counter)._value).astype(np.int64).ravel()
        self.reset([int(counter[0]), int(counter[1]), _seed_int(key, "key")])

    def skip(self, delta):
        """Advance the counter by ``delta`` draws (calls, not numbers)."""
        self._advance(_seed_int(delta, "delta"))

    def _advance(self, delta: int) -> np.ndarray:
        """Add ``delta`` to the 128-bit counter; return the words before the change."""
        with self._lock:
            words = np.array(self._state_var._value)
            counter = (int(words[0]) & _MASK64) | ((int(words[1]) & _MASK64) << 64)
            counter = (counter + delta) & ((1 << 128) - 1)
            new = [_to_int64(counter), _to_int64(counter >> 64), int(words[2])]
            self._state_var.assign(np.array(new, dtype=np.int64))
        return words

    def _next_rng(self) -> np.random.Generator:
        words = self._advance(1)
        return _rng([_TAG_GENERATOR] + [int(w) & _MASK64 for w in words])

    # -- distributions --------------------------------------------------------
    def normal(self, shape, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None):
        """Normal values ``mean + stddev * z`` (differentiable w.r.t. tensor mean/stddev)."""
        return _normal_with(
            self._next_rng, _standard_normal, shape, mean, stddev, dtype, "StatelessRandomNormalV2"
        )

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=_dt.float32, name=None):
        """Normal values within 2 standard deviations of ``mean``."""
        return _normal_with(
            self._next_rng,
            _truncated_standard_normal,
            shape,
            mean,
            stddev,
            dtype,
            "StatelessTruncatedNormalV2",
        )

    def uniform(self, shape, minval=0, maxval=None, dtype=_dt.float32, name=None):
        """Uniform values in ``[minval, maxval)``; integer dtypes with both None span the type."""
        dtype = _dt.as_dtype(dtype)
        if dtype.is_integer and (minval is None) != (maxval is None):
            raise ValueError(
                f"For integer dtype {dtype}, minval and maxval must be both `None` or both "
                f"non-`None`; got minval={minval} and maxval={maxval}"
            )
        ops = (
            "StatelessRandomUniformV2",
            "StatelessRandomUniformIntV2",
            "StatelessRandomUniformFullIntV2",
        )
        return _uniform_with(self._next_rng, shape, minval, maxval, dtype, ops)

    def uniform_full_int(self, shape, dtype=_dt.uint64, name=None):
        """Integers spread over the whole range of ``dtype`` (int32/int64/uint32/uint64)."""
        dtype = _dt.as_dtype(dtype)
        op = "StatelessRandomUniformFullIntV2"
        _check_attr(dtype, _FULL_INT_DTYPES, "int32, int64, uint32, uint64", op)
        dims = _dims(shape, op)
        return _out(_full_int(self._next_rng(), dims, dtype))

    def make_seeds(self, count=1):
        """``count`` stateless seeds as an int64 tensor of shape ``[2, count]``."""
        return _out(_full_int(self._next_rng(), (2, int(count)), _dt.int64))

    def split(self, count=1):
        """``count`` new generators with states drawn from this one (which advances)."""
        words = _full_int(self._next_rng(), (int(count), 3), _dt.int64)
        return [Generator(state=w) for w in words]

    def __repr__(self) -> str:
        return f"<tapeflow.random.Generator state={self._state_var._value.tolist()}>"


_global_generator = None


def get_global_generator() -> Generator:
    """The process-wide Generator (created from OS entropy on first use)."""
    global _global_generator
    if _global_generator is None:
        _global_generator = Generator.from_non_deterministic_state()
    return _global_generator


def set_global_generator(generator: Generator) -> None:
    """Replace the process-wide Generator."""
    global _global_generator
    _global_generator = generator
