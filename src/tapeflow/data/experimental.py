"""tf.data.experimental: the constants TF 2.x code still reads from here.

>>> import tapeflow as tf
>>> tf.data.experimental.AUTOTUNE
-1
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "cardinality"]


def cardinality(dataset: Any) -> tf.Tensor:
    """``dataset.cardinality()``.

    >>> cardinality(tf.data.Dataset.range(5).batch(2))
    <tf.Tensor: shape=(), dtype=int64, numpy=3>
    """
    return dataset.cardinality()
