"""tf.keras.regularizers: penalties on weights that layers add to ``model.losses``.

>>> import tapeflow as tf
>>> float(tf.keras.regularizers.L2(0.5)(tf.constant([1.0, 2.0])).numpy())
2.5
"""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from ._registry import resolve
from ._utils import TensorLike


def _check_penalty(value: Any, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (float, int)) or value < 0.0:
        raise ValueError(
            f"Invalid value for argument {name}: expected a non-negative float."
            f"Received: {name}={value}"
        )


class Regularizer:
    """Base class: ``regularizer(weight)`` returns a scalar penalty.

    >>> class Count(tf.keras.regularizers.Regularizer):
    ...     def __call__(self, x):
    ...         return tf.cast(tf.size(x), tf.float32)
    >>> float(Count()(tf.ones((2, 3))))
    6.0
    """

    def __call__(self, x: TensorLike) -> TensorLike:
        return 0.0

    def get_config(self) -> dict:
        """The constructor arguments; subclasses say what they are.

        >>> tf.keras.regularizers.L1L2(l1=0.5).get_config()
        {'l1': 0.5, 'l2': 0.0}
        """
        raise NotImplementedError(f"{self} does not implement get_config()")

    @classmethod
    def from_config(cls, config: dict) -> Regularizer:
        """A new regularizer from ``get_config``'s dict.

        >>> tf.keras.regularizers.L2.from_config({"l2": 0.5}).l2
        0.5
        """
        return cls(**config)


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x**2)``.

    >>> import tapeflow as tf
    >>> float(tf.keras.regularizers.L1L2(l1=0.1, l2=0.1)(tf.constant([-2.0])).numpy())
    0.6000000238418579
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        l1 = 0.0 if l1 is None else l1
        l2 = 0.0 if l2 is None else l2
        _check_penalty(l1, "l1")
        _check_penalty(l2, "l2")
        self.l1 = l1
        self.l2 = l2

    def __call__(self, x: TensorLike) -> tf.Tensor:
        x = tf.convert_to_tensor(x)
        penalty = tf.zeros((), x.dtype)
        if self.l1:
            penalty = penalty + self.l1 * tf.reduce_sum(tf.abs(x))
        if self.l2:
            penalty = penalty + self.l2 * tf.reduce_sum(tf.square(x))
        return penalty

    def get_config(self) -> dict:
        """``l1`` and ``l2`` as floats.

        >>> tf.keras.regularizers.L1L2(l2=1).get_config()
        {'l1': 0.0, 'l2': 1.0}
        """
        return {"l1": float(self.l1), "l2": float(self.l2)}


class L1(Regularizer):
    """``l1 * sum(|x|)``.

    >>> tf.keras.regularizers.L1(0.5)(tf.constant([-1.0, 3.0]))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """

    def __init__(self, l1: float = 0.01) -> None:
        l1 = 0.01 if l1 is None else l1
        _check_penalty(l1, "l1")
        self.l1 = l1

    def __call__(self, x: TensorLike) -> tf.Tensor:
        return self.l1 * tf.reduce_sum(tf.abs(tf.convert_to_tensor(x)))

    def get_config(self) -> dict:
        """``l1`` as a float.

        >>> tf.keras.regularizers.L1(1).get_config()
        {'l1': 1.0}
        """
        return {"l1": float(self.l1)}


class L2(Regularizer):
    """``l2 * sum(x**2)``.

    >>> tf.keras.regularizers.L2(0.5)(tf.constant([[1.0, 2.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
    """

    def __init__(self, l2: float = 0.01) -> None:
        l2 = 0.01 if l2 is None else l2
        _check_penalty(l2, "l2")
        self.l2 = l2

    def __call__(self, x: TensorLike) -> tf.Tensor:
        return self.l2 * tf.reduce_sum(tf.square(tf.convert_to_tensor(x)))

    def get_config(self) -> dict:
        """``l2`` as a float.

        >>> tf.keras.regularizers.L2().get_config()
        {'l2': 0.01}
        """
        return {"l2": float(self.l2)}


l1, l2, l1_l2 = L1, L2, L1L2
_TABLE: dict[str, Any] = {"L1": L1, "L2": L2, "L1L2": L1L2, "l1": L1, "l2": L2, "l1_l2": L1L2}


def get(identifier: Any) -> Regularizer | None:
    """A regularizer from a name (``"l2"``), a config dict, or an object (returned as is).

    >>> get("l2").l2
    0.01
    """
    return resolve("regularizer", _TABLE, identifier, instantiate=True)


def serialize(regularizer: Regularizer) -> dict:
    """Keras's ``{"module", "class_name", "config", "registered_name"}`` form.

    >>> serialize(tf.keras.regularizers.L1(0.5))
    {'module': 'keras.regularizers', 'class_name': 'L1', 'config': {'l1': 0.5}, 'registered_name': None}
    """
    return {
        "module": "keras.regularizers",
        "class_name": type(regularizer).__name__,
        "config": regularizer.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> Regularizer:
    """The regularizer ``serialize`` described.

    >>> deserialize({"class_name": "L2", "config": {"l2": 0.25}}).l2
    0.25
    """
    return resolve("regularizer", dict(_TABLE, **(custom_objects or {})), config)
