"""keras.models: Model (functional and subclassed) and Sequential.

>>> import tapeflow as tf
>>> tf.keras.models.Sequential is tf.keras.Sequential
True
"""

from .model import Functional, Model, Sequential
