"""The Keras 3 optimizer base class: apply flow, clipping, weight decay, slots.

The order of work in one ``apply`` is Keras 3's (TensorFlow backend), because
it decides the bits of every update: drop variables without a gradient,
unscale by ``loss_scale_factor``, clip, decay weights with the *current*
learning rate, run ``update_step`` per variable, then count the step.

>>> import tapeflow as tf
>>> w = tf.Variable([1.0, 2.0])
>>> opt = tf.keras.optimizers.SGD(learning_rate=0.5)
>>> _ = opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
>>> w.numpy(), int(opt.iterations.numpy())
(array([0.5, 1.5], dtype=float32), 1)
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import tapeflow as tf

from .. import _utils
from .._naming import auto_name
from .._utils import TensorLike
from .._variable import Variable
from . import schedules as _schedules


class Optimizer:
    """Base class of Keras optimizers; subclasses write ``build`` and ``update_step``.

    >>> import tapeflow as tf
    >>> class Halve(tf.keras.optimizers.Optimizer):
    ...     def update_step(self, gradient, variable, learning_rate):
    ...         self.assign_sub(variable, gradient * tf.cast(learning_rate, variable.dtype))
    >>> v = tf.Variable(4.0)
    >>> opt = Halve(learning_rate=0.5)
    >>> opt.apply([tf.constant(2.0)], [v])
    >>> float(v.numpy())
    3.0
    """

    # The attributes a subclass adds to ``get_config`` (its constructor's own
    # arguments), in Keras's order.
    _hyperparameters: tuple[str, ...] = ()

    def __init__(
        self,
        learning_rate: Any,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.pop("decay", None) is not None:
            warnings.warn(
                "Argument `decay` is no longer supported and will be ignored.", stacklevel=2
            )
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if use_ema or gradient_accumulation_steps:
            raise NotImplementedError(
                "tapeflow's optimizers do not implement `use_ema` or `gradient_accumulation_steps`."
            )
        clip_args = sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm))
        if clip_args > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can "
                f"be set. Received: clipnorm={clipnorm}, "
                f"clipvalue={clipvalue}, global_clipnorm={global_clipnorm}"
            )
        self.name = name if name is not None else auto_name(type(self).__name__)
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables: list[tf.Variable] = []
        self._trainable_variables: list[tf.Variable] = []
        self._index: dict[int, int] = {}
        # Checkpoints pair each slot with the model variable it shadows.
        self._slot_for: dict[int, tuple[tf.Variable, str]] = {}
        self._iterations = self._new_variable(0, "iteration", tf.int64)
        if isinstance(learning_rate, _schedules.LearningRateSchedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            if not isinstance(learning_rate, float):
                raise ValueError(
                    "Argument `learning_rate` should be float, or an instance "
                    "of LearningRateSchedule, or a callable "
                    "(that takes in the current iteration value "
                    "and returns the corresponding learning rate value). "
                    f"Received instead: learning_rate={learning_rate}"
                )
            self._learning_rate = self._new_variable(learning_rate, "learning_rate", tf.float32)

    # -- variables ---------------------------------------------------------

    def _new_variable(self, value: Any, name: str, dtype: Any) -> tf.Variable:
        # Keras variables give Keras's names, paths ("adam/iteration") and repr.
        with _utils.name_scope(self.name):
            variable = Variable(value, dtype=dtype, trainable=False, name=name)
        self._variables.append(variable)
        return variable

    @property
    def variables(self) -> list[tf.Variable]:
        """The optimizer's own variables: iteration, learning rate (if a float), slots.

        >>> opt = tf.keras.optimizers.SGD(momentum=0.9)
        >>> opt.build([tf.Variable([1.0, 2.0], name="w")])
        >>> [(v.name, v.shape) for v in opt.variables]
        [('iteration', TensorShape([])), ('learning_rate', TensorShape([])), ('w_0_momentum', TensorShape([2]))]
        """
        return list(self._variables)

    @property
    def iterations(self) -> tf.Variable:
        """How many times ``apply`` ran (an int64 variable).

        >>> opt = tf.keras.optimizers.SGD()
        >>> w = tf.Variable(1.0)
        >>> _ = opt.apply_gradients([(tf.constant(1.0), w)])
        >>> int(opt.iterations)
        1
        """
        return self._iterations

    @iterations.setter
    def iterations(self, value: Any) -> None:
        """Set the step count (a schedule then reads the new value).

        >>> opt = tf.keras.optimizers.SGD(tf.keras.optimizers.schedules.ExponentialDecay(1.0, 1, 0.5))
        >>> opt.iterations = 3
        >>> float(opt.learning_rate)
        0.125
        """
        self._iterations.assign(value)

    @property
    def learning_rate(self) -> Any:
        """The current learning rate (the variable, or the schedule's value now).

        >>> tf.keras.optimizers.Adam(learning_rate=0.01).learning_rate.numpy()
        np.float32(0.01)
        """
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, tf.Variable):
            return lr
        return lr()

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        """Set a new rate (a number goes into the variable; a schedule replaces it).

        >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1)
        >>> opt.learning_rate = 0.5
        >>> float(opt.learning_rate)
        0.5
        """
        if isinstance(value, _schedules.LearningRateSchedule) or callable(value):
            if isinstance(self._learning_rate, tf.Variable):
                self._variables = [v for v in self._variables if v is not self._learning_rate]
            self._learning_rate = value
            return
        if isinstance(self._learning_rate, _schedules.LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule`"
                " object as its `learning_rate` constructor argument, "
                "hence its learning rate is not settable. If you need the"
                " learning rate to be settable, you should instantiate "
                "the optimizer with a float `learning_rate` argument."
            )
        if not isinstance(self._learning_rate, tf.Variable):
            self._learning_rate = self._new_variable(float(value), "learning_rate", tf.float32)
            return
        self._learning_rate.assign(value)

    def add_variable(
        self,
        shape: Sequence[int],
        initializer: Any = "zeros",
        dtype: Any = None,
        aggregation: str = "none",
        layout: Any = None,
        name: str | None = None,
    ) -> tf.Variable:
        """A new optimizer variable of ``shape`` filled by ``initializer``.

        >>> opt = tf.keras.optimizers.SGD()
        >>> total = opt.add_variable((2,), initializer="ones", name="total")
        >>> total.name, total.numpy()
        ('total', array([1., 1.], dtype=float32))
        """
        from .. import initializers

        init = initializers.get(initializer)
        dtype = tf.as_dtype(dtype) if dtype is not None else tf.float32
        return self._new_variable(init(tuple(shape), dtype=dtype), name or "var", dtype)

    def add_variable_from_reference(
        self, reference_variable: tf.Variable, name: str | None = None, initializer: Any = "zeros"
    ) -> tf.Variable:
        """A slot shaped like ``reference_variable``, named after it as Keras does.

        >>> opt = tf.keras.optimizers.SGD()
        >>> slot = opt.add_variable_from_reference(tf.Variable([[1.0, 2.0]], name="w"), "average")
        >>> slot.name, slot.shape
        ('w_0_average', TensorShape([1, 2]))
        """
        name = name or "var"
        path = getattr(reference_variable, "path", None)
        if isinstance(path, str):
            prefix = path.replace("/", "_")
        else:
            prefix = str(reference_variable.name).replace("/", "_").replace(":", "_")
        slot = self.add_variable(
            tuple(reference_variable.shape),
            initializer=initializer,
            dtype=reference_variable.dtype,
            name=f"{prefix}_{name}",
        )
        self._slot_for[id(slot)] = (reference_variable, name)
        return slot

    def add_optimizer_variables(
        self, trainable_variables: Sequence[tf.Variable], name: Any, initializer: Any = "zeros"
    ) -> Any:
        """One slot per variable per name; a tuple of lists when ``name`` is a list.

        >>> opt = tf.keras.optimizers.SGD()
        >>> variables = [tf.Variable([1.0], name="a"), tf.Variable([2.0, 3.0], name="b")]
        >>> first, second = opt.add_optimizer_variables(variables, ["m", "v"])
        >>> [s.name for s in first], [s.shape for s in second]
        (['a_0_m', 'b_0_m'], [TensorShape([1]), TensorShape([2])])
        """
        names = [name] if isinstance(name, str) else list(name)
        inits = (
            initializer if isinstance(initializer, (list, tuple)) else [initializer] * len(names)
        )
        if len(names) != len(inits):
            raise ValueError(
                "The number of provided names must match the number of "
                f"provided initializers.  Received name='{name}', "
                f"initializer='{initializer}'"
            )
        slots: tuple[list, ...] = tuple([] for _ in names)
        for variable in trainable_variables:
            for i, (slot_name, init) in enumerate(zip(names, inits)):
                slots[i].append(self.add_variable_from_reference(variable, slot_name, init))
        return slots[0] if isinstance(name, str) else slots

    def build(self, variables: Sequence[tf.Variable]) -> None:
        """Create the slots for ``variables`` (subclasses extend this).

        >>> opt = tf.keras.optimizers.Adam()
        >>> opt.build([tf.Variable([1.0]), tf.Variable([2.0])])
        >>> opt.built, len(opt.variables)  # iterations, learning rate, 2 slots per variable
        (True, 6)
        """
        for i, variable in enumerate(variables):
            self._index[id(variable)] = i
        self._trainable_variables = list(variables)
        self.built = True

    def _get_variable_index(self, variable: tf.Variable) -> int:
        return self._index[id(variable)]

    # -- writing variables (subclasses call these) ----------------------------

    def assign(self, variable: tf.Variable, value: Any) -> None:
        """``variable.assign(value)``, with TF's error for a dtype or shape mismatch.

        >>> opt = tf.keras.optimizers.SGD()
        >>> v = tf.Variable([1.0, 2.0])
        >>> opt.assign(v, [5.0, 6.0])
        >>> v.numpy()
        array([5., 6.], dtype=float32)
        """
        variable.assign(_checked(variable, value, "AssignVariableOp"))

    def assign_add(self, variable: tf.Variable, value: Any) -> None:
        """``variable.assign_add(value)``, with TF's error for a dtype or shape mismatch.

        >>> opt = tf.keras.optimizers.SGD()
        >>> v = tf.Variable([1.0, 2.0])
        >>> opt.assign_add(v, tf.constant([0.5, 0.5]))
        >>> v.numpy()
        array([1.5, 2.5], dtype=float32)
        """
        if isinstance(value, tf.IndexedSlices):
            variable.scatter_add(value)
            return
        variable.assign_add(_checked(variable, value, "AssignAddVariableOp"))

    def assign_sub(self, variable: tf.Variable, value: Any) -> None:
        """``variable.assign_sub(value)``, with TF's error for a dtype or shape mismatch.

        >>> opt = tf.keras.optimizers.SGD()
        >>> v = tf.Variable([1.0, 2.0])
        >>> opt.assign_sub(v, tf.constant([0.5, 0.5]))
        >>> v.numpy()
        array([0.5, 1.5], dtype=float32)
        """
        if isinstance(value, tf.IndexedSlices):  # a sparse step: only the rows it names
            variable.scatter_sub(value)
            return
        variable.assign_sub(_checked(variable, value, "AssignSubVariableOp"))

    def _before_updates(self) -> None:
        """Per-step work before the variables update (Nadam's momentum product)."""

    def update_step(self, gradient: TensorLike, variable: tf.Variable, learning_rate: Any) -> None:
        """Update one variable from its gradient; subclasses define the formula.

        >>> opt = tf.keras.optimizers.SGD()
        >>> w = tf.Variable([2.0])
        >>> opt.build([w])
        >>> opt.update_step(tf.constant([1.0]), w, 0.5)
        >>> w.numpy()
        array([1.5], dtype=float32)
        """
        raise NotImplementedError

    # -- applying gradients --------------------------------------------------

    def apply_gradients(self, grads_and_vars: Iterable[tuple[Any, tf.Variable]]) -> tf.Variable:
        """Apply ``(gradient, variable)`` pairs; returns ``iterations``.

        >>> w = tf.Variable([1.0, 2.0])
        >>> opt = tf.keras.optimizers.SGD(learning_rate=0.5)
        >>> with tf.GradientTape() as tape:
        ...     loss = tf.reduce_sum(w * w)
        >>> step = opt.apply_gradients(zip(tape.gradient(loss, [w]), [w]))
        >>> w.numpy(), int(step)
        (array([0., 0.], dtype=float32), 1)
        """
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        grads, variables = zip(*pairs)
        self.apply(grads, variables)
        return self._iterations

    def apply(
        self, grads: Sequence[Any], trainable_variables: Sequence[tf.Variable] | None = None
    ) -> Any:
        """Apply ``grads`` to ``trainable_variables`` (or to the variables built with).

        >>> w = tf.Variable([3.0])
        >>> opt = tf.keras.optimizers.SGD(learning_rate=1.0, clipvalue=0.5)
        >>> opt.apply([tf.constant([10.0])], [w])
        >>> w.numpy()  # the gradient clipped to 0.5
        array([2.5], dtype=float32)
        """
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer "
                    "must already be built on a list of variables. "
                    "Call `optimizer.build(trainable_variables)` first. "
                )
            if len(grads) != len(self._index):
                raise ValueError(
                    "When passing `grads` as a list of gradient tensors, the "
                    f"gradients must match `optimizer.variables` one-to-on. "
                    f"Received a list of {len(grads)} gradients, but the "
                    f"optimizer is tracking {len(self._trainable_variables)} "
                    "trainable variables."
                )
            variables = list(self._trainable_variables)
        else:
            variables = list(trainable_variables)
            if len(grads) != len(variables):
                raise ValueError(
                    f"Expected as many gradients as variables: got {len(grads)} "
                    f"gradients for {len(variables)} variables."
                )
            if not self.built:
                self.build(variables)
                self.built = True
            for v in variables:
                if id(v) not in self._index:
                    raise ValueError(
                        f"Unknown variable: {v}. This optimizer can only "
                        "be called for the variables it was originally built with. "
                        "When working with a new set of variables, you should "
                        "recreate a new optimizer instance."
                    )
        grads, variables = self._filter_empty_gradients(grads, variables)
        # IndexedSlices reach update_step as they are (Keras 3 keeps them to the
        # formula); with a loss scale, a global norm or a value clip they are dense.
        sparse = self.loss_scale_factor is None and not (self.global_clipnorm or self.clipvalue)
        grads = [
            g if sparse and isinstance(g, tf.IndexedSlices) else tf.convert_to_tensor(g)
            for g in grads
        ]
        if self.loss_scale_factor is not None:
            grads = [g / self.loss_scale_factor for g in grads]
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(variables)
        learning_rate = self.learning_rate
        self._before_updates()
        for grad, variable in zip(grads, variables):
            self.update_step(grad, variable, learning_rate)
        for variable in variables:
            constraint = getattr(variable, "constraint", None)
            if constraint is not None:
                variable.assign(constraint(variable))
        self._iterations.assign_add(1)

    def minimize(self, loss: Any, var_list: Any, tape: Any = None) -> Any:
        """Compute gradients of ``loss`` (a tensor with ``tape``, or a callable) and apply them.

        >>> import tapeflow as tf
        >>> x = tf.Variable(3.0)
        >>> _ = tf.keras.optimizers.SGD(0.25).minimize(lambda: x * x, [x])
        >>> float(x.numpy())
        1.5
        """
        if not callable(loss) and tape is None:
            raise ValueError("`tape` is required when a `Tensor` loss is passed.")
        if callable(loss):
            with tf.GradientTape() as tape:
                if callable(var_list):
                    var_list = var_list()
                tape.watch(var_list)
                loss = loss()
        elif callable(var_list):
            var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def _filter_empty_gradients(self, grads: list, variables: list) -> tuple:
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        if not kept:
            raise ValueError("No gradients provided for any variable.")
        missing = [getattr(v, "path", v.name) for g, v in zip(grads, variables) if g is None]
        if missing:
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss."
                " If using `model.compile()`, did you forget to provide a "
                "`loss` argument?",
                stacklevel=2,
            )
        return [g for g, _ in kept], [v for _, v in kept]

    def _clip_gradients(self, grads: list) -> list:
        if self.clipnorm and self.clipnorm > 0:
            return [self._clip_by_norm(g) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            norm = tf.sqrt(tf.reduce_sum(tf.stack([tf.reduce_sum(tf.square(g)) for g in grads])))
            clip = self.global_clipnorm
            # (norm - norm) turns the scale into NaN when the norm is not finite.
            scale = clip * tf.minimum(1.0 / norm, 1.0 / clip) + (norm - norm)
            return [g * scale for g in grads]
        if self.clipvalue and self.clipvalue > 0:
            return [tf.clip_by_value(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _clip_by_norm(self, values: Any) -> tf.Tensor:
        if isinstance(values, tf.IndexedSlices):  # Keras 3: the norm of the values, a dense result
            scaled = tf.IndexedSlices(self._clip_by_norm(values.values), values.indices,
                                      values.dense_shape)  # fmt: skip
            return tf.convert_to_tensor(scaled)
        l2sum = tf.reduce_sum(tf.square(values), keepdims=True)
        positive = l2sum > 0
        # The double where keeps sqrt's gradient finite at a zero gradient.
        safe = tf.where(positive, l2sum, tf.ones_like(l2sum))
        l2norm = tf.where(positive, tf.sqrt(safe), l2sum)
        return (values * self.clipnorm) / tf.maximum(l2norm, self.clipnorm)

    def exclude_from_weight_decay(
        self, var_list: Sequence[tf.Variable] | None = None, var_names: Sequence[str] | None = None
    ) -> None:
        """Exempt variables (or variables whose name contains a string) from weight decay.

        >>> bias = tf.Variable([1.0], name="bias")
        >>> kernel = tf.Variable([1.0], name="kernel")
        >>> opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=1.0)
        >>> opt.exclude_from_weight_decay(var_names=["bias"])
        >>> _ = opt.apply_gradients([(tf.constant([0.0]), bias), (tf.constant([0.0]), kernel)])
        >>> bias.numpy(), kernel.numpy()
        (array([1.], dtype=float32), array([0.9], dtype=float32))
        """
        if self.built:
            raise ValueError(
                "`exclude_from_weight_decay()` can only be configured before "
                "the optimizer is built."
            )
        self._excluded_ids = {id(v) for v in var_list or ()}
        self._excluded_pattern = re.compile("|".join(set(var_names))) if var_names else None

    def _use_weight_decay(self, variable: tf.Variable) -> bool:
        if id(variable) in getattr(self, "_excluded_ids", ()):
            return False
        pattern = getattr(self, "_excluded_pattern", None)
        return pattern is None or re.search(pattern, variable.name) is None

    def _apply_weight_decay(self, variables: list) -> None:
        if self.weight_decay is None:
            return
        for variable in variables:
            if self._use_weight_decay(variable):
                lr = tf.cast(self.learning_rate, variable.dtype)
                wd = tf.cast(self.weight_decay, variable.dtype)
                variable.assign_sub(variable * wd * lr)

    def scale_loss(self, loss: Any) -> tf.Tensor:
        """``loss * loss_scale_factor`` when a factor is set.

        >>> tf.keras.optimizers.SGD(loss_scale_factor=128.0).scale_loss(tf.constant(0.5))
        <tf.Tensor: shape=(), dtype=float32, numpy=64.0>
        >>> tf.keras.optimizers.SGD().scale_loss(0.5)
        0.5
        """
        return loss if self.loss_scale_factor is None else loss * self.loss_scale_factor

    def set_weights(self, weights: Sequence[Any]) -> None:
        """Assign values to ``variables`` in order.

        >>> opt = tf.keras.optimizers.SGD(momentum=0.9)
        >>> opt.build([tf.Variable([1.0, 2.0])])
        >>> opt.set_weights([7, 0.5, [1.0, -1.0]])
        >>> [v.numpy() for v in opt.variables]
        [np.int64(7), np.float32(0.5), array([ 1., -1.], dtype=float32)]
        """
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not "
                "yet been built. Please call "
                "`optimizer.build(trainable_variables)` to create the "
                "optimizer weights before calling `set_weights()`."
            )
        for variable, weight in zip(self._variables, weights):
            variable.assign(weight)

    def get_config(self) -> dict:
        """Keras's config dict: the hyperparameters (the base's, then ``_hyperparameters``), not the state.

        >>> config = tf.keras.optimizers.SGD(learning_rate=0.5, momentum=0.9).get_config()
        >>> config["learning_rate"], config["momentum"], config["nesterov"]
        (0.5, 0.9, False)
        """
        lr = self._learning_rate
        if isinstance(lr, _schedules.LearningRateSchedule):
            learning_rate: Any = _schedules.serialize(lr)
        elif isinstance(lr, tf.Variable):
            learning_rate = float(lr.numpy())
        else:
            learning_rate = lr
        return {
            "name": self.name,
            "learning_rate": learning_rate,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
            **{name: getattr(self, name) for name in self._hyperparameters},
        }

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None) -> Optimizer:
        """Rebuild an optimizer (without state) from ``get_config()``.

        >>> config = tf.keras.optimizers.RMSprop(learning_rate=0.25, rho=0.5).get_config()
        >>> opt = tf.keras.optimizers.RMSprop.from_config(config)
        >>> float(opt.learning_rate), opt.rho
        (0.25, 0.5)
        """
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _schedules.deserialize(config["learning_rate"])
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"


def _checked(variable: tf.Variable, value: Any, op: str) -> Any:
    """``value`` in the variable's dtype; TF's error when its shape differs."""
    value = tf.cast(value, variable.dtype)
    if tuple(value.shape) != tuple(variable.shape):
        raise tf.errors.InvalidArgumentError(
            None,
            None,
            f"Cannot update variable with shape {_dims(variable.shape)} using a Tensor with "
            f"shape {_dims(value.shape)}, shapes must be equal. [Op:{op}] name: ",
        )
    return value


def _dims(shape: Any) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def sparse_applied(fn: Callable[[Any], Any], gradient: Any) -> tuple[Any, Any]:
    """``(gradient, fn(gradient))`` as Keras 3 computes them for an IndexedSlices.

    Keras 3 applies an elementwise ``fn`` (square, abs) to an IndexedSlices'
    values before anything densifies them, so a row given twice contributes
    the sum of two squares, not the square of a sum. Dense gradients: plain.

    >>> g = tf.IndexedSlices(tf.constant([[1.0], [2.0]]), tf.constant([0, 0]), tf.constant([2, 1]))
    >>> dense, squared = sparse_applied(tf.square, g)
    >>> dense.numpy().ravel().tolist(), squared.numpy().ravel().tolist()
    ([3.0, 0.0], [5.0, 0.0])
    """
    if isinstance(gradient, tf.IndexedSlices):
        applied = tf.IndexedSlices(fn(gradient.values), gradient.indices, gradient.dense_shape)
        return tf.convert_to_tensor(gradient), tf.convert_to_tensor(applied)
    gradient = tf.convert_to_tensor(gradient)
    return gradient, fn(gradient)
