"""tf.random.Algorithm: the RNG algorithm names TF's generators accept."""

import enum


class Algorithm(enum.Enum):
    """Philox, ThreeFry or automatic selection (tapeflow draws from NumPy's PCG64 for
    every choice; see docs/deviations.md)."""

    PHILOX = 1
    THREEFRY = 2
    AUTO_SELECT = 3
