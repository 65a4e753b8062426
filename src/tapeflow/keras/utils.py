"""keras.utils: the progress bar and seeding.

>>> import tapeflow as tf
>>> tf.keras.utils.set_random_seed(0)
"""

from __future__ import annotations

import random

import numpy as np

import tapeflow as tf

from ._progbar import Progbar

__all__ = ["Progbar", "set_random_seed"]


def set_random_seed(seed: int) -> None:
    """Seed Python's, NumPy's and tapeflow's random generators at once.

    >>> tf.keras.utils.set_random_seed(7)
    >>> first = tf.random.uniform((2,))
    >>> tf.keras.utils.set_random_seed(7)
    >>> bool(tf.reduce_all(first == tf.random.uniform((2,))))
    True
    """
    if not isinstance(seed, int):
        raise ValueError(
            f"Expected `seed` argument to be an integer. Received: seed={seed} "
            f"(of type {type(seed)})"
        )
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)
