"""The random ops: stateful (global seed + op seed) and stateless (seed=[a, b])."""

from __future__ import annotations

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import stateful
from .._tensor import Tensor, convert_to_tensor, wrap
from .._types import DTypeLike, ShapeLike, TensorLike
from ._algorithm import Algorithm
from ._draw import (
    _STATELESS_UNIFORM_DTYPES,
    _UNIFORM_DTYPES,
    _categorical_with,
    _check_argument_dtype,
    _gamma_with,
    _int32_shape,
    _normal_with,
    _on_host,
    _poisson_with,
    _standard_normal,
    _truncated_standard_normal,
    _uniform_with,
)
from ._seeds import _keyed_rng, _next_seed_generator


def _seeded(seed):
    return lambda: _next_seed_generator(seed)


@stateful
def normal(
    shape: ShapeLike,
    mean: TensorLike = 0.0,
    stddev: TensorLike = 1.0,
    dtype: DTypeLike = _dt.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Normal values ``mean + stddev * z``; differentiable w.r.t. tensor mean/stddev.

    >>> import tapeflow as tf
    >>> tf.random.normal([2, 3], seed=1).shape
    TensorShape([2, 3])
    """
    return _normal_with(
        _seeded(seed), _standard_normal, shape, mean, stddev, dtype, "RandomStandardNormal"
    )


@stateful
def truncated_normal(
    shape: ShapeLike,
    mean: TensorLike = 0.0,
    stddev: TensorLike = 1.0,
    dtype: DTypeLike = _dt.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Normal values re-drawn beyond 2 standard deviations: |x - mean| <= 2 stddev.

    >>> tf.random.set_seed(1)
    >>> x = tf.random.truncated_normal([1000], mean=5.0, stddev=1.0)
    >>> float(tf.reduce_min(x)) >= 3.0, float(tf.reduce_max(x)) <= 7.0
    (True, True)
    """
    return _normal_with(
        _seeded(seed), _truncated_standard_normal, shape, mean, stddev, dtype, "TruncatedNormal"
    )


@stateful
def uniform(
    shape: ShapeLike,
    minval: TensorLike = 0,
    maxval: TensorLike = None,
    dtype: DTypeLike = _dt.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Uniform values in ``[minval, maxval)`` (maxval defaults to 1 for floats).

    Integer dtypes (int32, int64) need ``maxval`` and ``minval < maxval``.
    Float results are ``minval + (maxval - minval) * u``, differentiable
    w.r.t. tensor bounds.

    >>> tf.random.set_seed(1)
    >>> x = tf.random.uniform([2, 3], minval=-1.0, maxval=1.0)
    >>> x.shape, x.dtype
    (TensorShape([2, 3]), tf.float32)
    >>> tf.random.uniform([4], maxval=10, dtype=tf.int32, seed=3).dtype
    tf.int32
    """
    dtype = _dt.as_dtype(dtype)
    _check_argument_dtype(dtype, _UNIFORM_DTYPES)
    if maxval is None and dtype.is_integer:
        raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
    ops = ("RandomUniform", "RandomUniformInt", "RandomUniformInt")
    return _uniform_with(_seeded(seed), shape, minval, maxval, dtype, ops)


@stateful
def categorical(
    logits: TensorLike,
    num_samples: TensorLike,
    dtype: DTypeLike = None,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """``num_samples`` class indices per row of ``logits`` ([batch, classes]).

    >>> import tapeflow as tf
    >>> tf.random.categorical([[0.0, -float("inf")]], 3).numpy().tolist()
    [[0, 0, 0]]
    """
    return _categorical_with(_seeded(seed), logits, num_samples, dtype, "Multinomial")


@stateful
def shuffle(value: TensorLike, seed: int | None = None, name: str | None = None) -> Tensor:
    """``value`` with its first axis randomly permuted (not differentiable).

    >>> tf.random.set_seed(1)
    >>> sorted(tf.random.shuffle(tf.constant([1, 2, 3, 4]), seed=2).numpy().tolist())
    [1, 2, 3, 4]
    """
    value = convert_to_tensor(value)
    rng = _on_host(lambda: _next_seed_generator(seed))
    if value.ndim == 0:
        return value
    order = _backend.same_place(rng.permutation(value.shape[0]), value._value)
    return wrap(value._value[order])


@stateful
def poisson(
    shape: ShapeLike,
    lam: TensorLike,
    dtype: DTypeLike = _dt.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Poisson counts, shape ``shape + lam.shape``; not differentiable (TF: LookupError).

    >>> tf.random.set_seed(1)
    >>> x = tf.random.poisson([5], lam=[1.0, 10.0])
    >>> x.shape, x.dtype
    (TensorShape([5, 2]), tf.float32)
    """
    return _poisson_with(_seeded(seed), _int32_shape(shape), lam, dtype, "RandomPoissonV2")


@stateful
def gamma(
    shape: ShapeLike,
    alpha: TensorLike,
    beta: TensorLike = None,
    dtype: DTypeLike = _dt.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Gamma(alpha, rate=beta) values, shape ``shape + broadcast(alpha, beta).shape``.

    Differentiable w.r.t. ``beta`` (``sample / beta``); the gradient w.r.t.
    ``alpha`` is None here (TensorFlow uses implicit reparameterization).

    >>> tf.random.set_seed(1)
    >>> x = tf.random.gamma([100], alpha=2.0, beta=1.0)
    >>> x.shape, bool(tf.reduce_all(x > 0))
    (TensorShape([100]), True)
    """
    return _gamma_with(_seeded(seed), _int32_shape(shape), alpha, beta, dtype, "RandomGamma")


# --------------------------------------------------------------------------
# Stateless ops: numbers fixed by seed=[a, b]
# --------------------------------------------------------------------------
def _stateless(seed, alg=None, op: str = "", kinds: str = "i"):
    # The seed (and alg) are checked before the other arguments, as TensorFlow does.
    return _keyed_rng(seed, alg, op, kinds)


@stateful
def stateless_normal(
    shape: ShapeLike,
    seed: TensorLike,
    mean: TensorLike = 0.0,
    stddev: TensorLike = 1.0,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
    alg: str | Algorithm | None = "auto_select",
) -> Tensor:
    """Normal values fixed by ``seed`` (shape [2] int32/int64).

    >>> a = tf.random.stateless_normal([3], seed=[1, 2])
    >>> b = tf.random.stateless_normal([3], seed=[1, 2])
    >>> bool(tf.reduce_all(a == b))
    True
    """
    op = "StatelessRandomNormalV2"
    return _normal_with(_stateless(seed, alg, op), _standard_normal, shape, mean, stddev, dtype, op)


@stateful
def stateless_truncated_normal(
    shape: ShapeLike,
    seed: TensorLike,
    mean: TensorLike = 0.0,
    stddev: TensorLike = 1.0,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
    alg: str | Algorithm | None = "auto_select",
) -> Tensor:
    """Truncated normal values (|x - mean| <= 2 stddev) fixed by ``seed``.

    >>> x = tf.random.stateless_truncated_normal([1000], seed=[4, 2])
    >>> bool(tf.reduce_all(tf.abs(x) <= 2.0))
    True
    """
    op = "StatelessTruncatedNormalV2"
    draw = _stateless(seed, alg, op)
    return _normal_with(draw, _truncated_standard_normal, shape, mean, stddev, dtype, op)


@stateful
def stateless_uniform(
    shape: ShapeLike,
    seed: TensorLike,
    minval: TensorLike = 0,
    maxval: TensorLike = None,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
    alg: str | Algorithm | None = "auto_select",
) -> Tensor:
    """Uniform values fixed by ``seed``; integer dtypes with both bounds None span the type.

    >>> x = tf.random.stateless_uniform([2], seed=[1, 2], minval=0, maxval=10, dtype=tf.int32)
    >>> x.dtype, bool(tf.reduce_all((x >= 0) & (x < 10)))
    (tf.int32, True)
    """
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
    return _uniform_with(_stateless(seed, alg, ops[0]), shape, minval, maxval, dtype, ops)


@stateful
def stateless_categorical(
    logits: TensorLike,
    num_samples: TensorLike,
    seed: TensorLike,
    dtype: DTypeLike = _dt.int64,
    name: str | None = None,
) -> Tensor:
    """``categorical`` with numbers fixed by ``seed``.

    >>> logits = tf.math.log([[0.5, 0.5, 0.0]])
    >>> samples = tf.random.stateless_categorical(logits, num_samples=5, seed=[7, 1])
    >>> samples.shape, bool(tf.reduce_all(samples < 2))
    (TensorShape([1, 5]), True)
    """
    return _categorical_with(
        _stateless(seed, kinds="iu"), logits, num_samples, dtype, "StatelessMultinomial"
    )


@stateful
def stateless_poisson(
    shape: ShapeLike,
    seed: TensorLike,
    lam: TensorLike,
    dtype: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """``poisson`` with numbers fixed by ``seed`` (int32 by default, as in TF).

    >>> tf.random.stateless_poisson([3], seed=[1, 2], lam=4.0).dtype
    tf.int32
    """
    return _poisson_with(_stateless(seed, kinds="iu"), shape, lam, dtype, "StatelessRandomPoisson")


@stateful
def stateless_gamma(
    shape: ShapeLike,
    seed: TensorLike,
    alpha: TensorLike,
    beta: TensorLike = None,
    dtype: DTypeLike = _dt.float32,
    name: str | None = None,
) -> Tensor:
    """``gamma`` with numbers fixed by ``seed``; unlike ``gamma``, ``shape`` is the whole
    output's shape and must end with the shape of ``alpha`` and ``beta`` broadcast.

    >>> x = tf.random.stateless_gamma([2, 3], seed=[1, 2], alpha=[1.0, 2.0, 3.0])
    >>> x.shape, bool(tf.reduce_all(x > 0))
    (TensorShape([2, 3]), True)
    """
    draw = _stateless(seed, op="StatelessRandomGammaV3")
    return _gamma_with(draw, shape, alpha, beta, dtype, "StatelessRandomGammaV3", suffix=True)
