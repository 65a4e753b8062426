"""Seeds: the global seed, op seeds and the stream each call draws from."""

from __future__ import annotations

import threading

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._tensor import Tensor, convert_to_tensor, wrap
from .._types import TensorLike
from ..errors import InvalidArgumentError
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


def _stateless_seed(seed) -> tuple:
    """Validate a stateless ``seed`` (shape [2], int32/int64): (a, b, numpy dtype)."""
    value = np.asarray(convert_to_tensor(seed)._value)
    if value.dtype.kind not in "iu" or value.dtype.itemsize not in (4, 8):
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


def split(seed: TensorLike, num: int = 2, alg: str | Algorithm | None = "auto_select") -> Tensor:
    """``num`` new stateless seeds (shape ``[num, 2]``, the seed's dtype) from ``seed``.

    >>> seeds = tf.random.split(tf.constant([1, 2]), num=3)
    >>> seeds.shape, seeds.dtype
    (TensorShape([3, 2]), tf.int32)
    """
    a, b, dtype = _stateless_seed(seed)
    op = "StatelessRandomUniformFullIntV2"
    if isinstance(num, float):  # TF builds the draw's shape from it
        raise InvalidArgumentError(
            None, None, "Value for attr 'Tshape' of float is not in the list of allowed values: "
            f"int32, int64\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ")  # fmt: skip
    from .._limits import check_allocation

    check_allocation((max(int(num), 0), 2), np.int64, op)
    words = np.random.SeedSequence([_TAG_SPLIT, a & _MASK64, b & _MASK64])
    values = words.generate_state(2 * int(num), np.uint64).view(np.int64)
    return wrap(values.astype(dtype).reshape(int(num), 2))


def fold_in(
    seed: TensorLike, data: TensorLike, alg: str | Algorithm | None = "auto_select"
) -> Tensor:
    """A new stateless seed (shape [2]) mixing ``seed`` with the integer ``data``.

    >>> seed = tf.random.fold_in(tf.constant([1, 2]), 7)
    >>> seed.shape
    TensorShape([2])
    >>> bool(tf.reduce_all(seed == tf.random.fold_in(tf.constant([1, 2]), 7)))
    True
    """
    a, b, _ = _stateless_seed(seed)
    value = _seed_int(data, "data")
    words = np.random.SeedSequence([_TAG_FOLD_IN, a & _MASK64, b & _MASK64, value & _MASK64])
    # As TF: [a draw of data's dtype, data itself], in data's dtype (a Python int: int32
    # where it fits, else int64).
    if isinstance(data, Tensor):
        dtype = data._value.dtype
    else:
        dtype = np.dtype(np.int32 if -(2**31) <= value < 2**31 else np.int64)
    first = words.generate_state(1, np.uint64).view(np.int64).astype(dtype)[0]
    return wrap(np.array([first, value], dtype=dtype))
