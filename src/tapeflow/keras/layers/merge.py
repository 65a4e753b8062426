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

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """The union (logical or) of the inputs' masks; None if any input has none.

        >>> tf.keras.layers.Add().compute_mask([None, None], [tf.constant([True, False]), tf.constant([False, False])]).numpy()
        array([ True, False])
        """
        if previous_mask is None:
            return None
        masks = list(previous_mask)
        if any(m is None for m in masks):
            return None
        output_mask = masks[0]
        for m in masks[1:]:
            output_mask = tf.logical_or(output_mask, m)
        return output_mask


class Add(_Merge):
    """Elementwise sum of the inputs.

    >>> tf.keras.layers.Add()([tf.constant([1.0, 2.0]), tf.constant([10.0, 20.0])])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([11., 22.], dtype=float32)>
    """

    supports_masking = True

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

    supports_masking = True

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

    supports_masking = True

    def __init__(self, axis: Any = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs: TensorLike) -> Any:
        """The inputs joined along ``axis``.

        >>> tf.keras.layers.Concatenate(axis=0).call([tf.constant([1]), tf.constant([2, 3])])
        <tf.Tensor: shape=(3,), dtype=int32, numpy=array([1, 2, 3], dtype=int32)>
        """
        return tf.concat(self._check(inputs), axis=self.axis)

    def compute_mask(self, inputs: Any, previous_mask: Any = None) -> Any:
        """The masks joined along ``axis`` (all True for an input without one), reduced over the last axis.

        >>> layer = tf.keras.layers.Concatenate(axis=1)
        >>> x = tf.ones((1, 2, 3))
        >>> layer.compute_mask([x, x], [tf.constant([[True, False]]), None]).numpy()
        array([[ True, False,  True,  True]])
        """
        if previous_mask is None or all(m is None for m in previous_mask):
            return None
        masks = []
        for x, m in zip(inputs, previous_mask):
            if m is None:
                masks.append(tf.ones_like(x, dtype="bool"))
            elif len(m.shape) < len(x.shape):
                masks.append(tf.logical_or(tf.expand_dims(m, -1), tf.zeros_like(x, dtype="bool")))
            else:
                masks.append(m)
        return tf.reduce_any(tf.concat(masks, axis=self.axis), axis=-1)
