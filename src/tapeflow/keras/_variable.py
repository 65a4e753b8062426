"""keras.Variable: a tf.Variable with Keras 3's name, path and repr.

>>> import tapeflow as tf
>>> v = tf.keras.Variable([1.0, 2.0], name="kernel")
>>> v.name, v.path
('kernel', 'kernel')
"""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from . import _utils


class Variable(tf.Variable):
    """A variable owned by a Keras layer; GradientTape watches it like any tf.Variable.

    >>> import tapeflow as tf
    >>> v = tf.keras.Variable(np.zeros((2,)), name="bias", dtype="float32")
    >>> v
    <Variable path=bias, shape=(2,), dtype=float32, value=[0. 0.]>
    """

    __slots__ = ("_keras_name", "_path", "regularizer", "constraint")

    def __init__(
        self,
        initializer: Any,
        shape: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        name: str | None = None,
        **_: Any,
    ) -> None:
        if callable(initializer) and not isinstance(initializer, (np.ndarray, tf.Tensor)):
            # As Keras's TF backend does: a layer built inside a traced step (fit on a
            # model without an Input) draws its initial values eagerly, not into the trace.
            with tf.init_scope():
                initializer = initializer(tuple(shape), dtype=dtype or "float32")
        if dtype is None:
            dtype = "float32"
            value = np.asarray(initializer)
            if value.dtype.kind not in "fc":
                dtype = None
        super().__init__(initializer, trainable=trainable, dtype=dtype, name=name or "variable")
        self._keras_name = name or "variable"
        prefix = _utils.current_path()
        self._path = f"{prefix}/{self._keras_name}" if prefix else self._keras_name
        self.regularizer = None
        self.constraint = None

    @property
    def name(self) -> str:
        """The name given at creation (without the layer scopes).

        >>> import tapeflow as tf
        >>> layer = tf.keras.layers.Dense(1, name="proj")
        >>> layer.build((None, 2))
        >>> layer.kernel.name
        'kernel'
        """
        return self._keras_name

    @property
    def path(self) -> str:
        """``<layer scopes>/<name>``: where the weight lives in the model.

        >>> import tapeflow as tf
        >>> layer = tf.keras.layers.Dense(1, name="proj")
        >>> layer.build((None, 2))
        >>> layer.kernel.path
        'proj/kernel'
        """
        return self._path

    @property
    def trainable(self) -> bool:
        """Whether optimizers train it (a layer's ``trainable`` flag sets it).

        >>> import tapeflow as tf
        >>> layer = tf.keras.layers.BatchNormalization()
        >>> layer.build((None, 2))
        >>> layer.gamma.trainable, layer.moving_mean.trainable
        (True, False)
        """
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        """Set whether optimizers train it.

        >>> import tapeflow as tf
        >>> v = tf.keras.Variable([1.0], name="scale")
        >>> v.trainable = False
        >>> v.trainable
        False
        """
        self._trainable = bool(value)

    @property
    def value(self) -> tf.Tensor:  # type: ignore[override]  # a property in Keras 3
        """The current value as a Tensor (a property in Keras 3, not a method).

        >>> import tapeflow as tf
        >>> tf.keras.Variable([1.0, 2.0]).value
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
        """
        return self.read_value()

    def __repr__(self) -> str:
        return (
            f"<Variable path={self._path}, shape={tuple(self.shape)}, "
            f"dtype={self.dtype.name}, value={self.numpy()}>"
        )

    __str__ = __repr__
