"""keras.layers: the building blocks of Keras models.

>>> import tapeflow as tf
>>> tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape
TensorShape([2, 12])
"""

from .base import Input, InputLayer, KerasTensor, Layer
from .core import (
    Activation,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    Lambda,
    LeakyReLU,
    Permute,
    ReLU,
    Reshape,
    Softmax,
)
from .merge import Add, Concatenate, Multiply
