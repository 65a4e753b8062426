"""Layers that merge a list of inputs: Add, Multiply, Concatenate.

>>> import tapeflow as tf
>>> tf.keras.layers.Add()([tf.ones((1, 2)), tf.ones((1, 2))]).numpy().tolist()
[[2.0, 2.0]]
"""

from __future__ import annotations

import tapeflow as tf

from .base import Layer


class _Merge(Layer):
    def _check(self, inputs) -> list:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 1:
            raise ValueError(
                f"A merge layer should be called on a list of inputs. Received: inputs={inputs} "
                "(not a list of tensors)"
            )
        return list(inputs)

    def build(self, input_shape):
        if (
            not isinstance(input_shape, (list, tuple))
            or not input_shape
            or not isinstance(input_shape[0], (list, tuple))
        ):
            raise ValueError(
                "A merge layer should be called on a list of inputs. "
                f"Received: input_shape={input_shape} (not a list of shapes)"
            )
        self.built = True


class Add(_Merge):
    """Elementwise sum of the inputs."""

    def call(self, inputs):
        inputs = self._check(inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = total + x
        return total


class Multiply(_Merge):
    """Elementwise product of the inputs."""

    def call(self, inputs):
        inputs = self._check(inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = total * x
        return total


class Concatenate(_Merge):
    """Joins the inputs along ``axis``."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return tf.concat(self._check(inputs), axis=self.axis)
