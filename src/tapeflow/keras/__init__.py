"""tf.keras: Keras 3's layers, models, training loop and their catalogues on tapeflow.

>>> import tapeflow as tf
>>> opt = tf.keras.optimizers.get("sgd")
>>> type(opt).__name__
'SGD'
>>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
>>> model.outputs[0].shape
(None, 1)
"""

# isort: off
# kerasb: optimizers, losses, metrics, initializers, regularizers, activations.
from . import activations, initializers, losses, metrics, optimizers, regularizers

# kerasa: layers, models, callbacks, weights files.
from . import backend, callbacks, layers, models, utils

# isort: on
from ._variable import Variable
from .layers import Input, InputLayer, KerasTensor, Layer
from .models import Model, Sequential

__all__ = [
    "activations",
    "initializers",
    "losses",
    "metrics",
    "optimizers",
    "regularizers",
    "backend",
    "callbacks",
    "layers",
    "models",
    "utils",
    "Variable",
    "Input",
    "InputLayer",
    "KerasTensor",
    "Layer",
    "Model",
    "Sequential",
]
