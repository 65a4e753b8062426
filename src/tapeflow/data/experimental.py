"""tf.data.experimental: the constants TF 2.x code still reads from here.

>>> import tapeflow as tf
>>> tf.data.experimental.AUTOTUNE
-1
"""

from .dataset import AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY

__all__ = ["AUTOTUNE", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY", "cardinality"]


def cardinality(dataset):
    """``dataset.cardinality()``."""
    return dataset.cardinality()
