"""Seeds: the global seed, op seeds and the stream each call draws from."""

from __future__ import annotations

import threading

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._tensor import Tensor, convert_to_tensor, wrap
from .._types import TensorLike
from ..errors import InvalidArgumentError, UnimplementedError
from ._algorithm import Algorithm

DEFAULT_GRAPH_SEED = 87654321  # TensorFlow's global seed when only an op seed is given
_MASK64 = (1 << 64) - 1
_TAG_OP_SEED, _TAG_GLOBAL_ONLY, _TAG_STATELESS, _TAG_GENERATOR = 0, 1, 2, 3
_TAG_SPLIT, _TAG_FOLD_IN = 4, 5


def _rng(entropy) -> np.random.Generator:
    """The generator for ``entropy``: NumPy's PCG64, or in a GPU block the GPU library's.

    On the GPU the same entropy seeds CuPy's generator (through one 64-bit
    word of NumPy's SeedSequence), so the seed rules give the same numbers
    on the same device.
    """
    if _backend.gpu_scope_depth:
        seed = int(np.random.SeedSequence(entropy).generate_state(1, np.uint64)[0])
        on_gpu = _backend.scope_generator(seed)
        if on_gpu is not None:
            return on_gpu
    return np.random.Generator(np.random.PCG64(entropy))


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


def set_seed(seed: int | None) -> None:
    """Set the global seed (None: back to non-deterministic numbers).

    Also restarts every seeded stream: after ``set_seed(s)`` a program's random
    calls give the same numbers as after any earlier ``set_seed(s)``.

    >>> tf.random.set_seed(5)
    >>> a = tf.random.uniform([2])
    >>> tf.random.set_seed(5)
    >>> b = tf.random.uniform([2])
    >>> bool(tf.reduce_all(a == b))
    True
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
                if _backend.gpu_scope_depth:
                    on_gpu = _backend.scope_generator(None)
                    if on_gpu is not None:
                        return on_gpu
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


def _stateless_seed(seed, kinds: str = "iu") -> tuple:
    """Validate a stateless ``seed`` (shape [2], int32/int64): (a, b, numpy dtype).

    ``kinds``: "i" where TF's StatelessRandomGetKeyCounter reads it (signed only);
    the older stateless kernels also take uint32/uint64.
    """
    if isinstance(seed, (np.ndarray, np.generic)):
        # TF's eager fast path converts a NumPy seed to the seed's default dtype, int64
        # (a float or unsigned array too; strings fail in NumPy's own conversion).
        with np.errstate(all="ignore"):
            value = np.asarray(seed)
            value = (value.real if value.dtype.kind == "c" else value).astype(np.int64)
    else:
        value = np.asarray(convert_to_tensor(seed)._value)
    if value.dtype.kind not in kinds or value.dtype.itemsize not in (4, 8):
        raise InvalidArgumentError(
            None,
            None,
            f"Value for attr 'Tseed' of {_dt._from_numpy(value.dtype).c_name} is not in the "
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


def _alg_code(alg) -> int:
    """``alg`` as TF's ``convert_alg_to_int`` reads it (None: auto-select), with its errors."""
    if alg is None:
        return Algorithm.AUTO_SELECT.value
    if isinstance(alg, Algorithm):
        return alg.value
    if isinstance(alg, Tensor):
        alg = int(alg._value)
    if isinstance(alg, int):  # bool too: True is Philox, as in TF
        code = int(alg)
        names: tuple = (1, 2, 3)
    elif isinstance(alg, str):
        canonical = alg.strip().lower().replace("-", "").replace("_", "")
        code = {"philox": 1, "threefry": 2, "autoselect": 3}.get(canonical, 0)
        names = ("philox", "threefry", "auto_select")
    else:
        raise TypeError(
            f"Can't convert argument `alg` (of value {alg} and type {type(alg)}) to int."
        )
    if code not in (1, 2, 3):
        raise ValueError(
            f"Argument `alg` got unsupported value {alg}. Supported values are {names[0]} for "
            f"the Philox algorithm, {names[1]} for the ThreeFry algorithm, and {names[2]} "
            "for auto-selection."
        )
    return code


def _keyed_seed(seed, alg, op: str, kinds: str = "i") -> tuple:
    """The two seed words a stateless op with ``alg`` draws from, checked as TF checks them.

    Auto-select validates ``seed`` (int32/int64, shape [2]) in StatelessRandomGetKeyCounter.
    Philox casts any numeric seed to uint64 and needs only a vector of length >= 1 (TF
    reads the words it needs from it; a missing second word is 0 here). ThreeFry slices
    two words, then its kernel refuses the one-word counter TF's wrapper builds, so TF
    2.21 never draws with it. Returns (a, b).
    """
    code = _alg_code(alg)
    if code == Algorithm.AUTO_SELECT.value:
        a, b, _ = _stateless_seed(seed, kinds)
        return a, b
    value = convert_to_tensor(seed)
    if value.dtype.name == "string":
        target = "uint64" if code == Algorithm.PHILOX.value else "uint32"
        raise UnimplementedError(
            None, None, f"Cast string to {target} is not supported [Op:Cast] name: "
        )
    words = np.asarray(value._value)
    if code == Algorithm.THREEFRY.value:
        if words.ndim == 0:
            raise InvalidArgumentError(
                None,
                None,
                "Attempting to slice scalar input. [Op:StridedSlice] name: strided_slice/",
            )
        if words.shape[0] < 2:
            raise InvalidArgumentError(
                None, None, f"slice index {words.shape[0]} of dimension 0 out of bounds. "
                "[Op:StridedSlice] name: strided_slice/")  # fmt: skip
        raise InvalidArgumentError(
            None, None, "counter must be a vector with length at least 2; got shape: [1]. (Note "
            f"that batched counters are not supported yet.) [Op:{op}] name: ")  # fmt: skip
    if words.ndim != 1 or words.shape[0] < 1:
        dims = ",".join(str(d) for d in words.shape)
        raise InvalidArgumentError(
            None, None, f"counter must be a vector with length at least 1; got shape: [{dims}]. "
            "(Note that batched counters are not supported yet.) "
            "[Op:StatelessRandomUniformFullIntV2] name: ")  # fmt: skip
    with np.errstate(all="ignore"):
        pair = np.concatenate([words[:2], np.zeros(max(0, 2 - words.shape[0]), words.dtype)])
        pair = pair.real.astype(np.float64) if pair.dtype.kind in "fc" else pair
        a, b = (int(np.nan_to_num(w)) if isinstance(w, float) else int(w) for w in pair.tolist())
    return a, b


def _keyed_rng(seed, alg, op: str, kinds: str = "i"):
    """The stateless generator for ``seed`` and ``alg`` (checked at once), as a thunk."""
    a, b = _keyed_seed(seed, alg, op, kinds)
    return lambda: _rng([_TAG_STATELESS, a & _MASK64, b & _MASK64])


def _word_dtype(dtype) -> np.dtype:
    """split's and fold_in's dtype checks: TF draws their words with ``stateless_uniform``
    (full-range integers), which refuses other dtypes and a float one's ``minval=None``."""
    from ._draw import _STATELESS_UNIFORM_DTYPES, _check_argument_dtype

    dtype = _dt.as_dtype(dtype)
    _check_argument_dtype(dtype, _STATELESS_UNIFORM_DTYPES)
    if not dtype.is_integer:
        convert_to_tensor(None)  # TF's conversion error for its minval=None
    return dtype.as_numpy_dtype_instance


def split(seed: TensorLike, num: int = 2, alg: str | Algorithm | None = "auto_select") -> Tensor:
    """``num`` new stateless seeds (shape ``[num, 2]``, the seed's dtype) from ``seed``.

    >>> seeds = tf.random.split(tf.constant([1, 2]), num=3)
    >>> seeds.shape, seeds.dtype
    (TensorShape([3, 2]), tf.int32)
    """
    op = "StatelessRandomUniformFullIntV2"
    seed = convert_to_tensor(seed)
    dtype = _word_dtype(seed.dtype)
    if isinstance(num, float):  # TF builds the draw's shape from it
        raise InvalidArgumentError(
            None, None, "Value for attr 'Tshape' of float is not in the list of allowed values: "
            f"int32, int64\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ")  # fmt: skip
    a, b = _keyed_seed(seed, alg, op)
    from .._limits import check_allocation

    check_allocation((max(int(num), 0), 2), np.int64, op)
    words = np.random.SeedSequence([_TAG_SPLIT, a & _MASK64, b & _MASK64])
    values = words.generate_state(2 * int(num), np.uint64).view(np.int64)
    with np.errstate(all="ignore"):
        return wrap(values.astype(dtype).reshape(int(num), 2))


def fold_in(
    seed: TensorLike, data: TensorLike, alg: str | Algorithm | None = "auto_select"
) -> Tensor:
    """A new stateless seed (shape [2]) mixing ``seed`` with the integer ``data``.

    As TF: ``[a draw of data's dtype, data]``, in data's dtype (a Python int is int32
    where it fits, else int64; a NumPy integer keeps its own).

    >>> seed = tf.random.fold_in(tf.constant([1, 2]), 7)
    >>> seed.shape, seed.dtype
    (TensorShape([2]), tf.int32)
    >>> bool(tf.reduce_all(seed == tf.random.fold_in(tf.constant([1, 2]), 7)))
    True
    """
    op = "StatelessRandomUniformFullIntV2"
    data = convert_to_tensor(data)
    dtype = _word_dtype(data.dtype)
    a, b = _keyed_seed(seed, alg, op)
    if data.ndim:  # TF stacks the scalar draw with data
        dims = ",".join(str(d) for d in data.shape)
        raise InvalidArgumentError(
            None, None, "Shapes of all inputs must match: values[0].shape = [] != "
            f"values[1].shape = [{dims}] [Op:Pack] name: stack")  # fmt: skip
    value = int(np.asarray(data._value))
    words = np.random.SeedSequence([_TAG_FOLD_IN, a & _MASK64, b & _MASK64, value & _MASK64])
    with np.errstate(all="ignore"):
        first = words.generate_state(1, np.uint64).view(np.int64).astype(dtype)[0]
        return wrap(np.array([first, value], dtype=dtype))
