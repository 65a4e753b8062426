"""keras.layers: the building blocks of Keras models.

>>> import tapeflow as tf
>>> tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape
TensorShape([2, 12])
"""

from .base import Input, InputLayer, KerasTensor, Layer
from .conv import Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D
from .core import (
    Activation,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    Lambda,
    LeakyReLU,
    Masking,
    Permute,
    ReLU,
    Reshape,
    Softmax,
)
from .merge import Add, Concatenate, Multiply
from .normalization import BatchNormalization, LayerNormalization
from .pooling import (
    AveragePooling1D,
    AveragePooling2D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    MaxPooling1D,
    MaxPooling2D,
)
from .rnn import GRU, LSTM, GRUCell, LSTMCell, SimpleRNN, SimpleRNNCell
