"""tf.autodiff: exactly ForwardAccumulator and GradientTape, as in TensorFlow."""

from ._forward import ForwardAccumulator
from ._tape import GradientTape

__all__ = ["ForwardAccumulator", "GradientTape"]
