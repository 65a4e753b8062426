"""tf.random.Generator and the global generator."""

from __future__ import annotations

import threading

import numpy as np

from .. import dtypes as _dt
from .._dispatch import stateful
from .._tensor import Tensor, convert_to_tensor, wrap
from .._types import DTypeLike, ShapeLike, TensorLike
from .._variable import Variable
from ._algorithm import Algorithm
from ._draw import (
    _FULL_INT_DTYPES,
    _check_attr,
    _dims,
    _full_int,
    _normal_with,
    _out,
    _standard_normal,
    _truncated_standard_normal,
    _uniform_with,
)
from ._seeds import _MASK64, _TAG_GENERATOR, _rng, _seed_int


def _state_words(state) -> np.ndarray:
    words = np.asarray(convert_to_tensor(state)._value)
    if words.shape != (3,):
        raise ValueError(f"Shapes {words.shape} and [3] are incompatible")
    return words.astype(np.int64)


def _key_for_seed(seed) -> int:
    if isinstance(seed, (list, tuple, np.ndarray)) or getattr(seed, "ndim", False):
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

    def __init__(
        self,
        copy_from: Generator | None = None,
        state: TensorLike = None,
        alg: str | Algorithm | None = None,
    ) -> None:
        if copy_from is not None:
            state = np.array(copy_from.state._value)
        elif state is None:
            raise ValueError("Generator needs `copy_from` or `state` (use from_seed)")
        self._lock = threading.Lock()
        self._state_var = Variable(_state_words(state), trainable=False, name="StateVar")

    # -- constructors ---------------------------------------------------------
    @classmethod
    def from_state(cls, state: TensorLike, alg: str | Algorithm | None = None) -> Generator:
        """A generator with state ``state`` (3 int64 words: counter low, high, key).

        >>> g = tf.random.Generator.from_state([0, 0, 42], alg="philox")
        >>> g.state.numpy().tolist()
        [0, 0, 42]
        """
        return cls(state=state, alg=alg)

    @classmethod
    def from_seed(cls, seed: int, alg: str | Algorithm | None = None) -> Generator:
        """A generator with key ``seed`` (an int; a list of ints is hashed) and counter 0.

        >>> a = tf.random.Generator.from_seed(42).normal([3])
        >>> b = tf.random.Generator.from_seed(42).normal([3])
        >>> bool(tf.reduce_all(a == b))
        True
        """
        return cls(state=[0, 0, _to_int64(_key_for_seed(seed))], alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg: str | Algorithm | None = None) -> Generator:
        """A generator whose state comes from the operating system's entropy.

        >>> tf.random.Generator.from_non_deterministic_state().uniform([3]).shape
        TensorShape([3])
        """
        words = np.random.SeedSequence().generate_state(3, np.uint64).view(np.int64)
        return cls(state=words, alg=alg)

    @classmethod
    def from_key_counter(
        cls, key: TensorLike, counter: TensorLike, alg: str | Algorithm | None = None
    ) -> Generator:
        """A generator from a key (int) and a 2-word counter.

        >>> g = tf.random.Generator.from_key_counter(key=7, counter=[5, 0], alg="philox")
        >>> g.state.numpy().tolist()
        [5, 0, 7]
        """
        counter = np.asarray(convert_to_tensor(counter)._value).astype(np.int64).ravel()
        return cls(state=[int(counter[0]), int(counter[1]), _seed_int(key, "key")], alg=alg)

    # -- state ----------------------------------------------------------------
    @property
    def state(self) -> Variable:
        """The state Variable ``[counter_low, counter_high, key]`` (int64).

        >>> tf.random.Generator.from_seed(3).state.dtype
        tf.int64
        """
        return self._state_var

    @property
    def key(self) -> Tensor:
        """The key word of the state.

        >>> tf.random.Generator.from_key_counter(key=7, counter=[0, 0], alg="philox").key
        <tf.Tensor: shape=(), dtype=int64, numpy=7>
        """
        return wrap(np.int64(self._state_var._value[2]))

    def reset(self, state: TensorLike) -> None:
        """Replace the state.

        >>> g = tf.random.Generator.from_seed(1)
        >>> first = g.uniform([2])
        >>> g.reset(tf.random.Generator.from_seed(1).state)
        >>> bool(tf.reduce_all(g.uniform([2]) == first))
        True
        """
        self._state_var.assign(_state_words(state))

    def reset_from_seed(self, seed: int) -> None:
        """Reset to the state ``from_seed(seed)`` would have.

        >>> g = tf.random.Generator.from_seed(1)
        >>> first = g.uniform([2])
        >>> g.reset_from_seed(1)
        >>> bool(tf.reduce_all(g.uniform([2]) == first))
        True
        """
        self.reset([0, 0, _to_int64(_key_for_seed(seed))])

    def reset_from_key_counter(self, key: TensorLike, counter: TensorLike) -> None:
        """Reset to the state ``from_key_counter(key, counter)`` would have.

        >>> g = tf.random.Generator.from_seed(1)
        >>> g.reset_from_key_counter(key=9, counter=[2, 0])
        >>> g.state.numpy().tolist()
        [2, 0, 9]
        """
        counter = np.asarray(convert_to_tensor(counter)._value).astype(np.int64).ravel()
        self.reset([int(counter[0]), int(counter[1]), _seed_int(key, "key")])

    def skip(self, delta: int) -> None:
        """Advance the counter by ``delta`` draws (calls, not numbers).

        >>> g = tf.random.Generator.from_key_counter(key=1, counter=[0, 0], alg="philox")
        >>> g.skip(3)
        >>> g.state.numpy().tolist()
        [3, 0, 1]
        """
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
    @stateful
    def normal(
        self,
        shape: ShapeLike,
        mean: TensorLike = 0.0,
        stddev: TensorLike = 1.0,
        dtype: DTypeLike = _dt.float32,
        name: str | None = None,
    ) -> Tensor:
        """Normal values ``mean + stddev * z`` (differentiable w.r.t. tensor mean/stddev).

        >>> g = tf.random.Generator.from_seed(1)
        >>> g.normal([2, 3], mean=1.0, stddev=0.5).shape
        TensorShape([2, 3])
        """
        return _normal_with(
            self._next_rng, _standard_normal, shape, mean, stddev, dtype, "StatelessRandomNormalV2"
        )

    @stateful
    def truncated_normal(
        self,
        shape: ShapeLike,
        mean: TensorLike = 0.0,
        stddev: TensorLike = 1.0,
        dtype: DTypeLike = _dt.float32,
        name: str | None = None,
    ) -> Tensor:
        """Normal values within 2 standard deviations of ``mean``.

        >>> g = tf.random.Generator.from_seed(1)
        >>> x = g.truncated_normal([1000])
        >>> bool(tf.reduce_all(tf.abs(x) <= 2.0))
        True
        """
        return _normal_with(
            self._next_rng,
            _truncated_standard_normal,
            shape,
            mean,
            stddev,
            dtype,
            "StatelessTruncatedNormalV2",
        )

    @stateful
    def uniform(
        self,
        shape: ShapeLike,
        minval: TensorLike = 0,
        maxval: TensorLike = None,
        dtype: DTypeLike = _dt.float32,
        name: str | None = None,
    ) -> Tensor:
        """Uniform values in ``[minval, maxval)``; integer dtypes with both None span the type.

        >>> g = tf.random.Generator.from_seed(1)
        >>> x = g.uniform([5], minval=2, maxval=4, dtype=tf.int64)
        >>> x.dtype, bool(tf.reduce_all((x >= 2) & (x < 4)))
        (tf.int64, True)
        """
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

    @stateful
    def uniform_full_int(
        self, shape: ShapeLike, dtype: DTypeLike = _dt.uint64, name: str | None = None
    ) -> Tensor:
        """Integers spread over the whole range of ``dtype`` (int32/int64/uint32/uint64).

        >>> tf.random.Generator.from_seed(1).uniform_full_int([3], dtype=tf.int32).dtype
        tf.int32
        """
        dtype = _dt.as_dtype(dtype)
        op = "StatelessRandomUniformFullIntV2"
        _check_attr(dtype, _FULL_INT_DTYPES, "int32, int64, uint32, uint64", op)
        dims = _dims(shape, op)
        return _out(_full_int(self._next_rng(), dims, dtype))

    @stateful
    def make_seeds(self, count: int = 1) -> Tensor:
        """``count`` stateless seeds as an int64 tensor of shape ``[2, count]``.

        >>> seeds = tf.random.Generator.from_seed(1).make_seeds(4)
        >>> seeds.shape, seeds.dtype
        (TensorShape([2, 4]), tf.int64)
        """
        return _out(_full_int(self._next_rng(), (2, int(count)), _dt.int64))

    def split(self, count: int = 1) -> list[Generator]:
        """``count`` new generators with states drawn from this one (which advances).

        >>> g = tf.random.Generator.from_seed(1)
        >>> children = g.split(2)
        >>> len(children), children[0].normal([2]).shape
        (2, TensorShape([2]))
        """
        words = _full_int(self._next_rng(), (int(count), 3), _dt.int64)
        return [Generator(state=w) for w in words]

    def __repr__(self) -> str:
        return f"<tapeflow.random.Generator state={self._state_var._value.tolist()}>"


_global_generator = None


def get_global_generator() -> Generator:
    """The process-wide Generator (created from OS entropy on first use).

    >>> tf.random.get_global_generator().normal([2]).shape
    TensorShape([2])
    """
    global _global_generator
    if _global_generator is None:
        _global_generator = Generator.from_non_deterministic_state()
    return _global_generator


def set_global_generator(generator: Generator) -> None:
    """Replace the process-wide Generator.

    >>> previous = tf.random.get_global_generator()
    >>> tf.random.set_global_generator(tf.random.Generator.from_seed(3))
    >>> tf.random.get_global_generator().key
    <tf.Tensor: shape=(), dtype=int64, numpy=3>
    >>> tf.random.set_global_generator(previous)
    """
    global _global_generator
    _global_generator = generator
