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

from .._lazy import lazy_getattr as _lazy_getattr
from ._algorithm import Algorithm
from ._generator import Generator, get_global_generator, set_global_generator
from ._ops import (
    categorical,
    gamma,
    normal,
    poisson,
    shuffle,
    stateless_categorical,
    stateless_gamma,
    stateless_normal,
    stateless_poisson,
    stateless_truncated_normal,
    stateless_uniform,
    truncated_normal,
    uniform,
)
from ._seeds import _next_seed_generator, fold_in, set_seed, split

__all__ = [
    "all_candidate_sampler",
    "Generator",
    "categorical",
    "create_rng_state",
    "fixed_unigram_candidate_sampler",
    "fold_in",
    "gamma",
    "learned_unigram_candidate_sampler",
    "log_uniform_candidate_sampler",
    "get_global_generator",
    "normal",
    "poisson",
    "set_global_generator",
    "set_seed",
    "shuffle",
    "split",
    "stateless_binomial",
    "stateless_categorical",
    "stateless_gamma",
    "stateless_normal",
    "stateless_parameterized_truncated_normal",
    "stateless_poisson",
    "stateless_truncated_normal",
    "stateless_uniform",
    "truncated_normal",
    "uniform",
    "uniform_candidate_sampler",
]


# Candidate samplers and the rarer stateless draws load on first use.
_LAZY = {
    name: "..nn._sampling"
    for name in (
        "all_candidate_sampler",
        "fixed_unigram_candidate_sampler",
        "learned_unigram_candidate_sampler",
        "log_uniform_candidate_sampler",
        "uniform_candidate_sampler",
    )
}
_LAZY.update(
    {
        name: "._more"
        for name in (
            "create_rng_state",
            "stateless_binomial",
            "stateless_parameterized_truncated_normal",
        )
    }
)
__getattr__ = _lazy_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
