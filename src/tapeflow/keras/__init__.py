"""tf.keras: Keras 3's training API on tapeflow.

Each part is its own module and loads with the package:

>>> import tapeflow as tf
>>> opt = tf.keras.optimizers.get("sgd")
>>> type(opt).__name__
'SGD'
"""

from . import activations, initializers, losses, metrics, optimizers, regularizers

__all__ = ["activations", "initializers", "losses", "metrics", "optimizers", "regularizers"]
