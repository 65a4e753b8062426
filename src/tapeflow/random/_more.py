"""tf.random's remaining names: create_rng_state, stateless_binomial and
stateless_parameterized_truncated_normal.

``create_rng_state`` is arithmetic on the seed and gives TF's exact words. The
two samplers draw from the stateless stream of their seed (tapeflow's rules,
see the package docstring); their shapes, dtypes, parameter rules, errors and
(for the truncated normal) TF's implicit gradient are TF's.

>>> import tapeflow as tf
>>> tf.random.create_rng_state(1234, "philox").numpy().tolist()
[1234, 0, 0]
"""

from __future__ import annotations

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import stateful
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import DTypeLike, ShapeLike, TensorLike
from ..errors import InvalidArgumentError, NotFoundError
from ..ops import random as _random_ops
from ._algorithm import Algorithm
from ._draw import _dims, _on_host, _out
from ._ops import _stateless

_STATE_SIZES = {1: 3, 2: 2, 3: 3}  # Philox: counter(2) + key; ThreeFry: counter + key
_UNSUPPORTED = (
    "Argument `alg` got unsupported value {}. Supported values are philox for the Philox "
    "algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection."
)  # TF-TEXT


def _alg_int(alg) -> int:
    if isinstance(alg, bool) or not isinstance(alg, (int, str, Algorithm)):
        raise TypeError(
            f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) to int."
        )
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, int):
        return alg
    canonical = alg.strip().lower().replace("-", "").replace("_", "")
    names = {"philox": 1, "threefry": 2, "autoselect": 3}
    if canonical not in names:
        raise ValueError(_UNSUPPORTED.format(alg))
    return names[canonical]


def create_rng_state(seed: int | TensorLike, alg: str | int | Algorithm) -> Tensor:
    """The int64 state a Generator of ``alg`` starts from for ``seed``.

    An int is cut into 64-bit words, lowest first; a vector is truncated, or
    padded with zeros on the left, to the state's size (3 for Philox, 2 for
    ThreeFry).

    >>> import tapeflow as tf
    >>> tf.random.create_rng_state([12, 34], "threefry").numpy().tolist()
    [12, 34]
    >>> tf.random.create_rng_state(2**64 + 5, "philox").numpy().tolist()
    [5, 1, 0]
    """
    code = _alg_int(alg)
    if code not in _STATE_SIZES:
        # TF 2.21 reaches for a helper its module no longer has.
        raise AttributeError(
            "module 'tensorflow.python.ops.stateless_random_ops' has no attribute "
            "'unsupported_alg_error_msg'"
        )  # TF-TEXT
    size = _STATE_SIZES[code]
    if isinstance(seed, int) and not isinstance(seed, bool):
        words = []
        for _ in range(size):
            words.append(seed & ((1 << 64) - 1))
            seed >>= 64
        values = np.array([w - (1 << 64) if w >> 63 else w for w in words], np.int64)
    else:
        values = np.asarray(_backend.to_host(as_tensor(seed)._value)).astype(np.int64).reshape(-1)
    values = values[:size]
    values = np.concatenate([np.zeros(size - values.size, np.int64), values])
    return wrap(values)


def _seed_for(seed, op: str):
    value = np.asarray(_backend.to_host(as_tensor(seed)._value))
    if value.shape != (2,):
        dims = ",".join(str(d) for d in value.shape)
        raise InvalidArgumentError(None, None, f"seed must have shape [2], not [{dims}] [Op:{op}]")
    return _stateless(seed, kinds="iu")


def _suffix_check(dims: tuple, batch: tuple, op: str) -> None:
    if len(batch) > len(dims) or (batch and tuple(dims[len(dims) - len(batch) :]) != batch):
        raise InvalidArgumentError(
            None, None, f"Shape passed in must end with broadcasted shape. [Op:{op}]"
        )


def _attr_error(what: str, dtype: _dt.DType, op: str, signature: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        None,
        None,
        f"Value for attr '{what}' of {dtype.c_name} is not in the list of allowed values: "
        f"{signature} [Op:{op}]",
    )


_BINOMIAL_SIGNATURE = (
    "half, float, double, int32, int64\n\t; NodeDef: {{node StatelessRandomBinomial}}; "
    "Op<name=StatelessRandomBinomial; signature=shape:S, seed:Tseed, counts:T, probs:T -> "
    "output:dtype; attr=S:type,allowed=[DT_INT32, DT_INT64]; attr=Tseed:type,default=DT_INT64,"
    "allowed=[DT_INT32, DT_INT64]; attr=T:type,default=DT_DOUBLE,allowed=[DT_HALF, DT_FLOAT, "
    "DT_DOUBLE, DT_INT32, DT_INT64]; attr=dtype:type,default=DT_INT64,allowed=[DT_HALF, "
    "DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64]>"
)  # TF-TEXT
_TRUNCATED_SIGNATURE = (
    "half, float, double\n\t; NodeDef: {{node StatelessParameterizedTruncatedNormal}}; "
    "Op<name=StatelessParameterizedTruncatedNormal; signature=shape:S, seed:Tseed, "
    "means:dtype, stddevs:dtype, minvals:dtype, maxvals:dtype -> output:dtype; "
    "attr=S:type,allowed=[DT_INT32, DT_INT64]; attr=Tseed:type,default=DT_INT64,"
    "allowed=[DT_INT32, DT_INT64]; attr=dtype:type,allowed=[DT_HALF, DT_FLOAT, DT_DOUBLE]>"
)  # TF-TEXT
_BINOMIAL_KERNELS = "".join(
    f"  device='CPU'; dtype in [DT_{out}]; T in [DT_{t}]\n"
    for out in ("INT64", "INT32", "DOUBLE", "FLOAT", "HALF")
    for t in ("DOUBLE", "FLOAT", "HALF")
)  # TF-TEXT: the CPU kernels TF lists when an integer T has none
_NUMERIC = (_dt.float16, _dt.float32, _dt.float64, _dt.int32, _dt.int64)


@stateful
def stateless_binomial(
    shape: ShapeLike,
    seed: TensorLike,
    counts: TensorLike,
    probs: TensorLike,
    output_dtype: DTypeLike = _dt.int32,
    name: str | None = None,
) -> Tensor:
    """Binomial draws fixed by ``seed``: ``counts`` trials with success ``probs``.

    ``counts`` and ``probs`` broadcast together, and ``shape`` must end with
    that broadcast shape. Negative counts give 0; probabilities are clipped to
    [0, 1], as TF's kernel does.

    >>> import tapeflow as tf
    >>> x = tf.random.stateless_binomial([4, 3], seed=[1, 2], counts=[1, 5, 10], probs=0.5)
    >>> x.dtype, x.shape, bool(tf.reduce_all(x <= [1, 5, 10]))
    (tf.int32, TensorShape([4, 3]), True)
    """
    op = "StatelessRandomBinomial"
    draw = _seed_for(seed, op)
    probs_t = convert_to_tensor(probs, dtype_hint=_dt.float32)
    counts_t = convert_to_tensor(counts, dtype_hint=probs_t.dtype)
    out = _dt.int64 if output_dtype is None else _dt.as_dtype(output_dtype)  # the op's default
    for what, dtype in (("T", probs_t.dtype), ("T", counts_t.dtype), ("dtype", out)):
        if dtype not in _NUMERIC:
            raise _attr_error(what, dtype, op, _BINOMIAL_SIGNATURE)
    if counts_t.dtype.is_integer:
        seed_type = _dt.as_dtype(as_tensor(seed).dtype).name.upper()
        raise NotFoundError(
            None,
            None,
            "Could not find device for node: {{node StatelessRandomBinomial}} = "
            f"StatelessRandomBinomial[S=DT_INT32, T=DT_{counts_t.dtype.name.upper()}, "
            f"Tseed=DT_{seed_type}, dtype=DT_{out.name.upper()}]\n"
            f"All kernels registered for op StatelessRandomBinomial:\n{_BINOMIAL_KERNELS} [Op:{op}]",
        )
    if counts_t.dtype != probs_t.dtype:
        raise InvalidArgumentError(
            None,
            None,
            f"cannot compute {op} as input #3(zero-based) was expected to be a "
            f"{counts_t.dtype.c_name} tensor but is a {probs_t.dtype.c_name} tensor [Op:{op}]",
        )
    dims = _dims(shape, op)
    n = np.asarray(_backend.to_host(counts_t._value), np.float64)
    p = np.asarray(_backend.to_host(probs_t._value), np.float64)
    batch = np.broadcast_shapes(n.shape, p.shape)
    _suffix_check(dims, batch, op)
    whole = np.broadcast_to(np.where(n > 0, n, 0.0), dims)  # NaN: 0 (TF's kernel hangs)
    p = np.broadcast_to(np.clip(np.nan_to_num(p, nan=0.0), 0.0, 1.0), dims)
    draws = _binomial_draws(_on_host(draw), np.floor(whole), p)
    draws = np.where(p == 1.0, whole, draws)  # TF's kernel returns the count itself there
    return _out(_cast_like_kernel(draws, out.as_numpy_dtype_instance))


def _binomial_draws(rng: np.random.Generator, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Binomial(n, p) draws as float64; counts past int64 (or infinite) take the normal
    limit, clipped to [0, n] (an infinite count with p > 0 gives inf)."""
    exact = n < 2.0**62
    draws = np.empty(n.shape)
    draws[exact] = rng.binomial(n[exact].astype(np.int64), p[exact])
    huge, q = n[~exact], p[~exact]
    with np.errstate(invalid="ignore", over="ignore"):
        spread = np.sqrt(huge * q * (1.0 - q)) * rng.standard_normal(huge.shape)
        limit = np.where(q > 0, np.clip(huge * q + np.nan_to_num(spread), 0.0, huge), 0.0)
    draws[~exact] = limit
    return draws


def _cast_like_kernel(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """float64 draws cast as TF's kernel casts them on x86: an integer output gets the
    type's smallest value where the draw does not fit (or is not finite)."""
    if dtype.kind != "i":
        with np.errstate(over="ignore"):
            return values.astype(dtype)
    info = np.iinfo(dtype)
    fits = np.isfinite(values) & (values >= info.min) & (values < -float(info.min))
    return np.where(fits, values, info.min).astype(dtype)


def _truncated_standard(rng: np.random.Generator, low: np.ndarray, high: np.ndarray):
    """Standard normal draws conditioned on [low, high], elementwise (rejection)."""
    shape = np.shape(low)
    low, high = np.ravel(low), np.ravel(high)
    # Work on [a, b] with a >= 0 or a < 0 < b: an interval below 0 is mirrored.
    mirror = high <= 0
    a = np.where(mirror, -high, low)
    b = np.where(mirror, -low, high)
    out = np.empty(a.shape)
    todo = np.ones(a.shape, bool)
    while todo.any():
        idx = np.flatnonzero(todo)
        lo, hi = a[idx], b[idx]
        width = hi - lo
        central = lo < 0
        nearest = np.where(central, 0.0, lo)  # the interval's point of highest density
        # Three proposals: the normal itself for a wide interval around 0, a
        # shifted exponential for a wide tail, a uniform otherwise.
        normal = central & (width > 2.5)
        tail = ~central & (width * (lo + 1.0) > 2.0)
        uniform = ~(normal | tail)
        z = np.empty(lo.shape)
        ok = np.empty(lo.shape, bool)
        z[normal] = rng.standard_normal(int(normal.sum()))
        ok[normal] = True
        rate = (lo[tail] + np.sqrt(lo[tail] ** 2 + 4.0)) / 2.0
        zt = lo[tail] + rng.exponential(size=rate.shape) / rate
        z[tail] = zt
        ok[tail] = rng.random(rate.shape) <= np.exp(-0.5 * (zt - rate) ** 2)
        zu = lo[uniform] + width[uniform] * rng.random(int(uniform.sum()))
        z[uniform] = zu
        ok[uniform] = rng.random(zu.shape) <= np.exp(0.5 * (nearest[uniform] ** 2 - zu**2))
        ok &= (z >= lo) & (z <= hi)
        out[idx[ok]] = z[ok]
        todo[idx[ok]] = False
    return np.where(mirror, -out, out).reshape(shape)


@stateful
def stateless_parameterized_truncated_normal(
    shape: ShapeLike,
    seed: TensorLike,
    means: TensorLike = 0.0,
    stddevs: TensorLike = 1.0,
    minvals: TensorLike = -2.0,
    maxvals: TensorLike = 2.0,
    name: str | None = None,
) -> Tensor:
    """Normal(``means``, ``stddevs``) draws conditioned on [``minvals``, ``maxvals``].

    The four parameters broadcast together and ``shape`` must end with that
    shape. Gradients with respect to them are TF's implicit ones.

    >>> import tapeflow as tf
    >>> x = tf.random.stateless_parameterized_truncated_normal(
    ...     [1000, 2], seed=[7, 17], means=[0.0, 5.0], minvals=[-1.0, 4.5], maxvals=[1.0, 9.0])
    >>> bool(tf.reduce_all((x >= [-1.0, 4.5]) & (x <= [1.0, 9.0])))
    True
    """
    op = "StatelessParameterizedTruncatedNormal"
    draw = _seed_for(seed, op)
    params = [as_tensor(v) for v in (means, stddevs, minvals, maxvals)]
    dtype = params[0].dtype
    if dtype not in (_dt.float16, _dt.float32, _dt.float64):
        raise _attr_error("dtype", dtype, op, _TRUNCATED_SIGNATURE)
    for i, p in enumerate(params[1:], start=3):
        if p.dtype != dtype:
            raise InvalidArgumentError(
                None,
                None,
                f"cannot compute {op} as input #{i}(zero-based) was expected to be a "
                f"{dtype.c_name} tensor but is a {p.dtype.c_name} tensor [Op:{op}]",
            )
    dims = _dims(shape, op)
    values = [np.asarray(_backend.to_host(p._value), np.float64) for p in params]
    batch = np.broadcast_shapes(*(v.shape for v in values))
    _suffix_check(dims, batch, op)
    mean, std, low, high = (np.broadcast_to(v, dims) for v in values)
    if (std <= 0).any() or (low >= high).any():
        raise InvalidArgumentError(None, None, f"Invalid parameters [Op:{op}]")
    z = _truncated_standard(_on_host(draw), (low - mean) / std, (high - mean) / std)
    sample = np.clip(mean + std * z, low, high).astype(dtype.as_numpy_dtype_instance)
    return _random_ops.parameterized_truncated_normal(_out(sample), *params)
