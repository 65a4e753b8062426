"""Stochastic gradient descent with optional (Nesterov) momentum.

>>> import tapeflow as tf
>>> w = tf.Variable(1.0)
>>> opt = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
>>> for _ in range(2):
...     _ = opt.apply_gradients([(tf.constant(1.0), w)])
>>> round(float(w.numpy()), 4)
0.71
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tapeflow as tf

from .._utils import TensorLike
from .base import Optimizer


class SGD(Optimizer):
    """``m = momentum*m - lr*g; w += m`` (``w += momentum*m - lr*g`` with Nesterov).

    >>> w = tf.Variable([1.0])
    >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     _ = opt.apply_gradients([(tf.constant([1.0]), w)])
    >>> w.numpy()  # steps 0.1, then 0.1 + 0.9 * 0.1
    array([0.71], dtype=float32)
    """

    _hyperparameters = ("momentum", "nesterov")

    def __init__(
        self,
        learning_rate: Any = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        if not isinstance(momentum, float) or momentum < 0 or momentum > 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """A momentum slot per variable when ``momentum`` is set (none otherwise).

        >>> plain = tf.keras.optimizers.SGD()
        >>> plain.build([tf.Variable([1.0], name="w")])
        >>> heavy = tf.keras.optimizers.SGD(momentum=0.5)
        >>> heavy.build([tf.Variable([1.0], name="w")])
        >>> len(plain.variables), len(heavy.variables)
        (2, 3)
        """
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(
        self, gradient: TensorLike | tf.IndexedSlices, variable: Any, learning_rate: Any
    ) -> None:
        """``variable -= lr * gradient``, or through the momentum (Nesterov's form with ``nesterov``).

        >>> w = tf.Variable([1.0])
        >>> opt = tf.keras.optimizers.SGD()
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([2.0]), w, 0.25)
        >>> w.numpy()
        array([0.5], dtype=float32)
        """
        lr = tf.cast(learning_rate, variable.dtype)
        if isinstance(gradient, tf.IndexedSlices) and self.momentum == 0:
            # Keras 3's sparse step: a scatter_sub of the rows (with momentum: dense)
            values = tf.cast(gradient.values, variable.dtype) * lr
            self.assign_sub(
                variable, tf.IndexedSlices(values, gradient.indices, gradient.dense_shape)
            )
            return
        gradient = tf.cast(gradient, variable.dtype)
        if self.momentum == 0:
            self.assign_sub(variable, gradient * lr)
            return
        m = self.momentums[self._get_variable_index(variable)]
        momentum = tf.cast(self.momentum, variable.dtype)
        self.assign(m, m * momentum - gradient * lr)
        if self.nesterov:
            self.assign_add(variable, m * momentum - gradient * lr)
        else:
            self.assign_add(variable, m)
