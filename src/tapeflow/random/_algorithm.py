"""tf.random.Algorithm: the RNG algorithm names TF's generators accept."""

import enum


class Algorithm(enum.Enum):
    """Philox, ThreeFry or automatic selection (tapeflow draws from NumPy's PCG64 for
    every choice; see docs/deviations.md).

    >>> tf.random.Algorithm.PHILOX
    <Algorithm.PHILOX: 1>
    >>> tf.random.Generator.from_seed(1, alg=tf.random.Algorithm.THREEFRY).normal([2]).shape
    TensorShape([2])
    """

    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3
