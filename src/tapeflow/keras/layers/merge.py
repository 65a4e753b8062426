"""Layers that merge a list of inputs: Add, Multiply, Concatenate.

>>> import tapeflow as tf
>>> tf.keras.layers.Add()([tf.ones((1, 2)), tf.ones((1, 2))]).numpy().tolist()
[[2.0, 2.0]]
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from .._utils import TensorLike
from .base import Layer


class _Merge(Layer):
    def _check(self, inputs: TensorLike) -> list:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 1:
            raise ValueError(
                f"A merge layer should be called on a list of inputs. Received: inputs={inputs} "
                "(not a list of tensors)"
            )
        return list(inputs)

    def build(self, input_shape: Any) -> None:
        """Check that the layer gets a list of shapes (merge layers have no weights).

        >>> layer = tf.keras.layers.Add()
        >>> layer.build([(None, 2), (None, 2)])
        >>> layer.built
        True
        """
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
    """Elementwise sum of the inputs.

    >>> tf.keras.layers.Add()([tf.constant([1.0, 2.0]), tf.constant([10.0, 20.0])])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([11., 22.], dtype=float32)>
    """

    def call(self, inputs: TensorLike) -> Any:
        """The elementwise sum of the input list.

        >>> tf.keras.layers.Add().call([tf.ones((2,)), tf.ones((2,)), tf.ones((2,))])
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([3., 3.], dtype=float32)>
        """
        inputs = self._check(inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = total + x
        return total


class Multiply(_Merge):
    """Elementwise product of the inputs.

    >>> tf.keras.layers.Multiply()([tf.constant([2.0, 3.0]), tf.constant([4.0, 5.0])])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([ 8., 15.], dtype=float32)>
    """

    def call(self, inputs: TensorLike) -> Any:
        """The elementwise product of the input list.

        >>> tf.keras.layers.Multiply().call([tf.constant([2, 3]), tf.constant([4, 5])])
        <tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 8, 15], dtype=int32)>
        """
        inputs = self._check(inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = total * x
        return total


class Concatenate(_Merge):
    """Joins the inputs along ``axis``.

    >>> tf.keras.layers.Concatenate()([tf.ones((2, 1)), tf.zeros((2, 2))]).shape
    TensorShape([2, 3])
    """

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs: TensorLike) -> Any:
        """The inputs joined along ``axis``.

        >>> tf.keras.layers.Concatenate(axis=0).call([tf.constant([1]), tf.constant([2, 3])])
        <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
        """
        return tf.concat(self._check(inputs), axis=self.axis)
