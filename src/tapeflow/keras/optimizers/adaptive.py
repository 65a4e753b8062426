"""Adaptive optimizers: Adam, AdamW, Adamax, Nadam, RMSprop, Adagrad, Adadelta, Ftrl.

Each ``update_step`` follows Keras 3's formula operation by operation (the
same float32 operations in the same order), so updates agree with Keras to
the last bit.

>>> import tapeflow as tf
>>> w = tf.Variable([1.0, -1.0])
>>> opt = tf.keras.optimizers.Adam(learning_rate=0.1)
>>> _ = opt.apply_gradients([(tf.constant([0.5, -2.0]), w)])
>>> w.numpy()
array([ 0.9000013, -0.9000008], dtype=float32)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import tapeflow as tf

from .._utils import TensorLike
from .base import Optimizer, sparse_applied


def _step(optimizer: Optimizer, offset: int, dtype: Any) -> tf.Tensor:
    iterations: Any = optimizer.iterations  # a Variable; its operators are bound at import
    return tf.cast(iterations + offset, dtype)


class Adam(Optimizer):
    """Adam; ``amsgrad=True`` keeps the running maximum of the second moment.

    >>> w = tf.Variable([1.0, 2.0])
    >>> opt = tf.keras.optimizers.Adam(learning_rate=0.1)
    >>> for _ in range(3):
    ...     _ = opt.apply_gradients([(tf.constant([1.0, -1.0]), w)])
    >>> w.numpy()  # about lr per step against the gradient's sign
    array([0.7000028, 2.299997 ], dtype=float32)
    """

    _hyperparameters = ("beta_1", "beta_2", "epsilon", "amsgrad")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.amsgrad = amsgrad

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The first and second moment slots (and the running maximum with ``amsgrad``).

        >>> opt = tf.keras.optimizers.Adam(amsgrad=True)
        >>> opt.build([tf.Variable([1.0, 2.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_momentum', 'w_0_velocity', 'w_0_velocity_hat']
        """
        if self.built:
            return
        super().build(variables)
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"]
        )
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(variables, "velocity_hat")

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """``m``, ``v`` move towards the gradient and its square; the step is ``alpha * m / (sqrt(v) + epsilon)``.

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.Adam(learning_rate=0.5)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([3.0]), w, 0.5)
        >>> w.numpy()  # the first step is lr against the gradient's sign
        array([-0.49999616], dtype=float32)
        """
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        gradient, squared = sparse_applied(tf.square, tf.cast(gradient, dtype))
        step = _step(self, 1, dtype)
        beta_1_power = tf.pow(tf.cast(self.beta_1, dtype), step)
        beta_2_power = tf.pow(tf.cast(self.beta_2, dtype), step)
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        alpha = lr * tf.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        self.assign_add(m, (gradient - m) * (1 - self.beta_1))
        self.assign_add(v, (squared - v) * (1 - self.beta_2))
        if self.amsgrad:
            v_hat = self._velocity_hats[i]
            self.assign(v_hat, tf.maximum(v_hat, v))
            v = v_hat
        self.assign_sub(variable, (m * alpha) / (tf.sqrt(v) + self.epsilon))


class AdamW(Adam):
    """Adam with decoupled weight decay (``w -= w * weight_decay * lr`` before each step).

    >>> w = tf.Variable([10.0])
    >>> opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    >>> _ = opt.apply_gradients([(tf.constant([0.0]), w)])
    >>> w.numpy()  # decayed by lr * weight_decay even at a zero gradient
    array([9.5], dtype=float32)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        weight_decay: float = 0.004,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate=learning_rate,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            amsgrad=amsgrad,
            name=name,
            weight_decay=weight_decay,
            **kwargs,
        )
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")


class Adamax(Optimizer):
    """Adam with the infinity norm in place of the second moment.

    >>> w = tf.Variable([1.0, 2.0])
    >>> opt = tf.keras.optimizers.Adamax(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(tf.constant([2.0, -0.5]), w)])
    >>> w.numpy()
    array([0.90000004, 2.1       ], dtype=float32)
    """

    _hyperparameters = ("beta_1", "beta_2", "epsilon")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The momentum and infinity-norm slots.

        >>> opt = tf.keras.optimizers.Adamax()
        >>> opt.build([tf.Variable([1.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_momentum', 'w_0_norm']
        """
        if self.built:
            return
        super().build(variables)
        self._m, self._u = self.add_optimizer_variables(variables, ["momentum", "norm"])

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """``m`` moves towards the gradient, ``u`` is the decayed maximum of ``abs(gradient)``; the step is ``lr * m / (u + epsilon)`` bias-corrected.

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.Adamax(learning_rate=0.5)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([4.0]), w, 0.5)
        >>> w.numpy()
        array([-0.49999988], dtype=float32)
        """
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        gradient, magnitude = sparse_applied(tf.abs, tf.cast(gradient, dtype))
        beta_1_power = tf.pow(tf.cast(self.beta_1, dtype), _step(self, 1, dtype))
        i = self._get_variable_index(variable)
        m, u = self._m[i], self._u[i]
        self.assign_add(m, (gradient - m) * (1 - self.beta_1))
        self.assign(u, tf.maximum(self.beta_2 * u, magnitude))
        self.assign_sub(variable, (lr * m) / ((1 - beta_1_power) * (u + self.epsilon)))


class Nadam(Optimizer):
    """Adam with Nesterov momentum (Dozat's momentum schedule ``0.96**t``).

    >>> w = tf.Variable([1.0, 2.0])
    >>> opt = tf.keras.optimizers.Nadam(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(tf.constant([2.0, -0.5]), w)])
    >>> w.numpy()
    array([0.8937212, 2.1062787], dtype=float32)
    """

    _u_product: Any  # created by build

    _hyperparameters = ("beta_1", "beta_2", "epsilon")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The momentum and velocity slots and the momentum-schedule product.

        >>> opt = tf.keras.optimizers.Nadam()
        >>> opt.build([tf.Variable([1.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_momentum', 'w_0_velocity', 'u_product']
        """
        if self.built:
            return
        dtype = variables[0].dtype if variables else tf.float32
        super().build(variables)
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"]
        )
        self._u_product = self._new_variable(1.0, "u_product", dtype)

    def _before_updates(self) -> None:
        # The running product of momentum factors advances once per step,
        # before any variable is updated.
        dtype = self._u_product.dtype
        factor = 1.0 - 0.5 * tf.pow(tf.constant(0.96, dtype), _step(self, 1, dtype))
        self.assign(self._u_product, self._u_product * self.beta_1 * factor)

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """Adam's moments with the next step's momentum folded into the update (Nesterov).

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.Nadam(learning_rate=0.5)
        >>> _ = opt.apply_gradients([(tf.constant([1.0]), w)])
        >>> w.numpy()
        array([-0.5313938], dtype=float32)
        """
        dtype = variable.dtype
        lr = tf.cast(learning_rate, dtype)
        gradient, squared = sparse_applied(tf.square, tf.cast(gradient, dtype))
        decay = tf.cast(0.96, dtype)
        beta_1 = tf.cast(self.beta_1, dtype)
        beta_2 = tf.cast(self.beta_2, dtype)
        u_t = beta_1 * (1.0 - 0.5 * tf.pow(decay, _step(self, 1, dtype)))
        u_t_1 = beta_1 * (1.0 - 0.5 * tf.pow(decay, _step(self, 2, dtype)))
        u_product_t = tf.cast(self._u_product, dtype)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = tf.pow(beta_2, _step(self, 1, dtype))
        i = self._get_variable_index(variable)
        m, v = self._momentums[i], self._velocities[i]
        self.assign_add(m, (gradient - m) * (1 - beta_1))
        self.assign_add(v, (squared - v) * (1 - beta_2))
        m_hat = (u_t_1 * m) / (1 - u_product_t_1) + ((1 - u_t) * gradient) / (1 - u_product_t)
        v_hat = v / (1 - beta_2_power)
        self.assign_sub(variable, (m_hat * lr) / (tf.sqrt(v_hat) + self.epsilon))


class RMSprop(Optimizer):
    """RMSprop; ``momentum`` adds a velocity, ``centered`` subtracts the mean gradient squared.

    >>> w = tf.Variable([1.0, 2.0])
    >>> opt = tf.keras.optimizers.RMSprop(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(tf.constant([2.0, -0.5]), w)])
    >>> w.numpy()  # the first step is lr / sqrt(1 - rho) against the sign
    array([0.68377227, 2.3162272 ], dtype=float32)
    """

    _hyperparameters = ("rho", "momentum", "epsilon", "centered")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The velocity slot, plus momentum and mean-gradient slots when asked for.

        >>> opt = tf.keras.optimizers.RMSprop(momentum=0.9, centered=True)
        >>> opt.build([tf.Variable([1.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_velocity', 'w_0_momentum', 'w_0_average_gradient']
        """
        if self.built:
            return
        super().build(variables)
        self._velocities = self.add_optimizer_variables(variables, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(variables, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(variables, "average_gradient")

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """``v`` moves towards the squared gradient; the step is ``lr * gradient / sqrt(v + epsilon)``.

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.RMSprop(learning_rate=0.1, rho=0.0)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([5.0]), w, 0.1)
        >>> w.numpy()
        array([-0.1], dtype=float32)
        """
        lr = tf.cast(learning_rate, variable.dtype)
        gradient, squared = sparse_applied(tf.square, tf.cast(gradient, variable.dtype))
        i = self._get_variable_index(variable)
        velocity = self._velocities[i]
        rho = self.rho
        self.assign(velocity, tf.multiply(rho, velocity) + tf.multiply(1 - rho, squared))
        if self.centered:
            average = self._average_gradients[i]
            self.assign(average, tf.multiply(rho, average) + tf.multiply(1 - rho, gradient))
            denominator = velocity - tf.square(average) + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = (lr * gradient) / tf.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._momentums[i]
            self.assign(momentum, tf.multiply(self.momentum, momentum) + increment)
            self.assign_sub(variable, momentum)
        else:
            self.assign_sub(variable, increment)


class Adagrad(Optimizer):
    """Adagrad: steps shrink with the sum of squared gradients.

    >>> w = tf.Variable([1.0])
    >>> opt = tf.keras.optimizers.Adagrad(learning_rate=1.0, initial_accumulator_value=0.0)
    >>> for _ in range(2):
    ...     _ = opt.apply_gradients([(tf.constant([1.0]), w)])
    >>> w.numpy()  # steps 1, then 1/sqrt(2)
    array([-0.70710677], dtype=float32)
    """

    _hyperparameters = ("initial_accumulator_value", "epsilon")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The accumulator slot, filled with ``initial_accumulator_value``.

        >>> opt = tf.keras.optimizers.Adagrad(initial_accumulator_value=0.5)
        >>> opt.build([tf.Variable([1.0, 2.0], name="w")])
        >>> opt.variables[-1].numpy()
        array([0.5, 0.5], dtype=float32)
        """
        if self.built:
            return
        super().build(variables)
        from .. import initializers

        init = initializers.Constant(self.initial_accumulator_value)
        self._accumulators = self.add_optimizer_variables(variables, "accumulator", init)

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """Add the squared gradient to the accumulator; step ``lr * gradient / sqrt(accumulator + epsilon)``.

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.Adagrad(learning_rate=1.0, initial_accumulator_value=3.0)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([1.0]), w, 1.0)
        >>> w.numpy()  # 1 / sqrt(3 + 1)
        array([-0.5], dtype=float32)
        """
        lr = tf.cast(learning_rate, variable.dtype)
        gradient, squared = sparse_applied(tf.square, tf.cast(gradient, variable.dtype))
        accumulator = self._accumulators[self._get_variable_index(variable)]
        self.assign_add(accumulator, squared)
        self.assign_sub(variable, (lr * gradient) / tf.sqrt(accumulator + self.epsilon))


class Adadelta(Optimizer):
    """Adadelta: a step sized by the running RMS of past steps over that of gradients.

    >>> w = tf.Variable([1.0])
    >>> opt = tf.keras.optimizers.Adadelta(learning_rate=1.0)
    >>> _ = opt.apply_gradients([(tf.constant([1.0]), w)])
    >>> w.numpy()
    array([0.99858576], dtype=float32)
    """

    _hyperparameters = ("rho", "epsilon")

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.95,
        epsilon: float = 1e-7,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The accumulated squared gradient and squared step slots.

        >>> opt = tf.keras.optimizers.Adadelta()
        >>> opt.build([tf.Variable([1.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_accumulated_grad', 'w_0_accumulated_delta_var']
        """
        if self.built:
            return
        super().build(variables)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            variables, ["accumulated_grad", "accumulated_delta_var"]
        )

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """The step is ``lr * gradient * sqrt(step accumulator + epsilon) / sqrt(gradient accumulator + epsilon)``.

        >>> w = tf.Variable([0.0])
        >>> opt = tf.keras.optimizers.Adadelta(learning_rate=1.0, rho=0.0, epsilon=1.0)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([1.0]), w, 1.0)
        >>> w.numpy()  # 1 * sqrt(0 + 1) / sqrt(1 + 1)
        array([-0.70710677], dtype=float32)
        """
        lr = tf.cast(learning_rate, variable.dtype)
        grad, squared = sparse_applied(tf.square, tf.cast(gradient, variable.dtype))
        rho = self.rho
        i = self._get_variable_index(variable)
        acc_grad, acc_delta = self._accumulated_grads[i], self._accumulated_delta_vars[i]

        def rms(x: TensorLike) -> tf.Tensor:
            return tf.sqrt(x + self.epsilon)

        self.assign(acc_grad, rho * acc_grad + tf.multiply(1 - rho, squared))
        delta = -((rms(acc_delta) * grad) / rms(acc_grad))
        self.assign(acc_delta, tf.multiply(rho, acc_delta) + tf.multiply(1 - rho, tf.square(delta)))
        self.assign_add(variable, lr * delta)


class Ftrl(Optimizer):
    """Follow-the-regularized-leader (McMahan et al.), with L1/L2/shrinkage terms.

    >>> w = tf.Variable([1.0, 2.0])
    >>> opt = tf.keras.optimizers.Ftrl(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(tf.constant([2.0, -0.5]), w)])
    >>> w.numpy()
    array([0.7450533, 1.0154705], dtype=float32)
    """

    _hyperparameters = (
        "learning_rate_power",
        "initial_accumulator_value",
        "l1_regularization_strength",
        "l2_regularization_strength",
        "l2_shrinkage_regularization_strength",
        "beta",
    )

    def __init__(
        self,
        learning_rate: Any = 0.001,
        learning_rate_power: float = -0.5,
        initial_accumulator_value: float = 0.1,
        l1_regularization_strength: float = 0.0,
        l2_regularization_strength: float = 0.0,
        l2_shrinkage_regularization_strength: float = 0.0,
        beta: float = 0.0,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        checks = (
            (initial_accumulator_value < 0, "initial_accumulator_value", "0.0 or positive"),
            (learning_rate_power > 0, "learning_rate_power", "a negative value or 0.0"),
            (l1_regularization_strength < 0, "l1_regularization_strength", "0.0 or positive"),
            (l2_regularization_strength < 0, "l2_regularization_strength", "0.0 or positive"),
            (
                l2_shrinkage_regularization_strength < 0,
                "l2_shrinkage_regularization_strength",
                "0.0 or positive",
            ),
        )
        for bad, arg, expected in checks:
            if bad:
                value = locals()[arg]
                raise ValueError(f"`{arg}` needs to be {expected}, received: {arg}={value}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """The accumulator (``initial_accumulator_value``) and linear slots.

        >>> opt = tf.keras.optimizers.Ftrl()
        >>> opt.build([tf.Variable([1.0], name="w")])
        >>> [v.name for v in opt.variables]
        ['iteration', 'learning_rate', 'w_0_accumulator', 'w_0_linear']
        """
        if self.built:
            return
        super().build(variables)
        from .. import initializers

        init = initializers.Constant(self.initial_accumulator_value)
        self._accumulators, self._linears = self.add_optimizer_variables(
            variables, ["accumulator", "linear"], [init, "zeros"]
        )

    def update_step(self, gradient: TensorLike, variable: Any, learning_rate: Any) -> None:
        """FTRL-proximal: update the accumulator and the linear term, then solve for the weight in closed form.

        >>> w = tf.Variable([0.5])
        >>> opt = tf.keras.optimizers.Ftrl(learning_rate=1.0, l1_regularization_strength=10.0)
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([1.0]), w, 1.0)
        >>> w.numpy()  # a strong L1 term sets the weight to zero
        array([0.], dtype=float32)
        """
        lr = tf.cast(learning_rate, variable.dtype)
        gradient, squared = sparse_applied(tf.square, tf.cast(gradient, variable.dtype))
        i = self._get_variable_index(variable)
        accum, linear = self._accumulators[i], self._linears[i]
        lr_power = self.learning_rate_power
        l2_reg = self.l2_regularization_strength + self.beta / (2.0 * lr)
        grad_to_use = gradient + tf.multiply(
            2 * self.l2_shrinkage_regularization_strength, variable
        )
        new_accum = accum + squared
        self.assign_add(
            linear,
            grad_to_use
            - ((tf.pow(new_accum, -lr_power) - tf.pow(accum, -lr_power)) / lr) * variable,
        )
        quadratic = tf.pow(new_accum, -lr_power) / lr + 2 * l2_reg
        l1 = self.l1_regularization_strength
        linear_clipped = tf.clip_by_value(linear, -l1, l1)
        self.assign(variable, (linear_clipped - linear) / quadratic)
        self.assign(accum, new_accum)
