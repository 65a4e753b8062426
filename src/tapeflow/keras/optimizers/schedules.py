"""Learning-rate schedules: a callable ``step -> learning rate`` an optimizer calls per step.

>>> import tapeflow as tf
>>> s = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
>>> float(s(10).numpy())
0.05000000074505806
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import tapeflow as tf

from .._utils import TensorLike


class LearningRateSchedule:
    """Base class: subclasses define ``__call__(step)`` and ``get_config()``.

    >>> class Halving(tf.keras.optimizers.schedules.LearningRateSchedule):
    ...     def __call__(self, step):
    ...         return 1.0 / 2.0 ** tf.cast(step, tf.float32)
    >>> opt = tf.keras.optimizers.SGD(learning_rate=Halving())
    >>> opt.iterations = 3
    >>> float(opt.learning_rate)
    0.125
    """

    # The attributes ``get_config`` returns (the constructor's arguments); a
    # schedule without them must write its own ``get_config``.
    _config_keys: tuple[str, ...] = ()

    def __call__(self, step: TensorLike) -> tf.Tensor:
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' "
            "must override `__call__(self, step)`."
        )

    def get_config(self) -> dict:
        """The constructor arguments (``_config_keys``); a schedule without them must write its own.

        >>> tf.keras.optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5).get_config()
        {'initial_learning_rate': 0.1, 'decay_steps': 10, 'decay_rate': 0.5, 'staircase': False, 'name': 'InverseTimeDecay'}
        """
        if self._config_keys:
            return {key: getattr(self, key) for key in self._config_keys}
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' "
            "must override `get_config()` in order to be serializable."
        )

    @classmethod
    def from_config(cls, config: dict) -> LearningRateSchedule:
        """A new schedule from ``get_config``'s dict.

        >>> config = tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5).get_config()
        >>> tf.keras.optimizers.schedules.ExponentialDecay.from_config(config)(20)
        <tf.Tensor: shape=(), dtype=float32, numpy=0.02500000037252903>
        """
        return cls(**config)


def _check_decay_steps(decay_steps: Any, arg: str = "decay_steps") -> None:
    if decay_steps <= 0:
        raise ValueError(f"Argument `{arg}` must be > 0. Received: {arg}={decay_steps}")


class ExponentialDecay(LearningRateSchedule):
    """``initial * decay_rate ** (step / decay_steps)`` (floored exponent with ``staircase``).

    >>> schedule = tf.keras.optimizers.schedules.ExponentialDecay(1.0, decay_steps=2, decay_rate=0.5)
    >>> [float(schedule(step)) for step in range(4)]
    [1.0, 0.7071067690849304, 0.5, 0.3535533845424652]
    >>> stairs = tf.keras.optimizers.schedules.ExponentialDecay(1.0, 2, 0.5, staircase=True)
    >>> [float(stairs(step)) for step in range(4)]
    [1.0, 1.0, 0.5, 0.5]
    """

    _config_keys = ("initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name")

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "ExponentialDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_decay_steps(decay_steps)

    def __call__(self, step: TensorLike) -> tf.Tensor:
        initial = tf.convert_to_tensor(self.initial_learning_rate)
        dtype = initial.dtype
        p = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            p = tf.floor(p)
        return initial * tf.pow(tf.cast(self.decay_rate, dtype), p)


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while ``boundaries[i-1] < step <= boundaries[i]``.

    >>> import tapeflow as tf
    >>> s = tf.keras.optimizers.schedules.PiecewiseConstantDecay([2, 4], [1.0, 0.5, 0.1])
    >>> [float(s(k).numpy()) for k in (2, 3, 5)]
    [1.0, 0.5, 0.10000000149011612]
    """

    _config_keys = ("boundaries", "values", "name")

    def __init__(
        self, boundaries: Sequence[Any], values: Sequence[Any], name: str = "PiecewiseConstant"
    ) -> None:
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of "
                f"values. Received: boundaries={boundaries} of length "
                f"{len(boundaries)}, and values={values} "
                f"of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step: TensorLike) -> tf.Tensor:
        step = tf.convert_to_tensor(step)
        bounds = [tf.cast(tf.convert_to_tensor(b), step.dtype) for b in self.boundaries]
        values = [tf.convert_to_tensor(v) for v in self.values]
        dtype = values[0].dtype
        # Sum of indicator * value, as Keras computes it (no branch on the step).
        result = tf.zeros((), dtype) + tf.cast(step <= bounds[0], dtype) * values[0]
        result = result + tf.cast(step > bounds[-1], dtype) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            inside = tf.logical_and(step > low, step <= high)
            result = result + tf.cast(inside, dtype) * value
        return result


class PolynomialDecay(LearningRateSchedule):
    """``(initial - end) * (1 - step/decay_steps) ** power + end``; ``cycle`` restarts it.

    >>> schedule = tf.keras.optimizers.schedules.PolynomialDecay(1.0, decay_steps=4, end_learning_rate=0.0)
    >>> [float(schedule(step)) for step in (0, 2, 4, 8)]  # held at the end rate after decay_steps
    [1.0, 0.5, 0.0, 0.0]
    """

    _config_keys = (
        "initial_learning_rate",
        "decay_steps",
        "end_learning_rate",
        "power",
        "cycle",
        "name",
    )

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        end_learning_rate: float = 0.0001,
        power: float = 1.0,
        cycle: bool = False,
        name: str = "PolynomialDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_decay_steps(decay_steps)

    def __call__(self, step: TensorLike) -> tf.Tensor:
        initial = tf.convert_to_tensor(self.initial_learning_rate)
        dtype = initial.dtype
        end = tf.cast(self.end_learning_rate, dtype)
        power = tf.cast(self.power, dtype)
        step = tf.cast(step, dtype)
        decay_steps = tf.cast(self.decay_steps, dtype)
        if self.cycle:
            multiplier = tf.where(
                tf.equal(step, 0), tf.ones((), dtype), tf.math.ceil(step / self.decay_steps)
            )
            decay_steps = decay_steps * multiplier
        else:
            step = tf.minimum(step, decay_steps)
        p = step / decay_steps
        return (initial - end) * tf.pow(1 - p, power) + end


class InverseTimeDecay(LearningRateSchedule):
    """``initial / (1 + decay_rate * step / decay_steps)``.

    >>> schedule = tf.keras.optimizers.schedules.InverseTimeDecay(1.0, decay_steps=1, decay_rate=1.0)
    >>> [float(schedule(step)) for step in range(4)]
    [1.0, 0.5, 0.3333333432674408, 0.25]
    """

    _config_keys = ("initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name")

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
        name: str = "InverseTimeDecay",
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_decay_steps(decay_steps)

    def __call__(self, step: TensorLike) -> tf.Tensor:
        initial = tf.convert_to_tensor(self.initial_learning_rate)
        dtype = initial.dtype
        p = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            p = tf.floor(p)
        return initial / (tf.ones((), dtype) + tf.cast(self.decay_rate, dtype) * p)


class CosineDecay(LearningRateSchedule):
    """Half a cosine from the initial rate to ``alpha * initial``, after an optional linear warmup.

    >>> schedule = tf.keras.optimizers.schedules.CosineDecay(1.0, decay_steps=4, alpha=0.0)
    >>> [round(float(schedule(step)), 4) for step in range(5)]
    [1.0, 0.8536, 0.5, 0.1464, 0.0]
    >>> warm = tf.keras.optimizers.schedules.CosineDecay(0.0, 4, warmup_target=1.0, warmup_steps=2)
    >>> [round(float(warm(step)), 4) for step in range(3)]
    [0.0, 0.5, 1.0]
    """

    _config_keys = (
        "initial_learning_rate",
        "decay_steps",
        "alpha",
        "name",
        "warmup_target",
        "warmup_steps",
    )

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        alpha: float = 0.0,
        name: str = "CosineDecay",
        warmup_target: float | None = None,
        warmup_steps: int = 0,
    ) -> None:
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_decay_steps(decay_steps)

    def _decay(self, step: TensorLike, decay_steps: Any, decay_from: Any, dtype: Any) -> tf.Tensor:
        fraction = step / decay_steps
        cosine = 0.5 * (1.0 + tf.cos(tf.constant(math.pi, dtype) * fraction))
        return decay_from * ((1 - self.alpha) * cosine + self.alpha)

    def __call__(self, step: TensorLike) -> tf.Tensor:
        initial = tf.convert_to_tensor(self.initial_learning_rate)
        dtype = initial.dtype
        decay_steps = tf.cast(self.decay_steps, dtype)
        step = tf.cast(step, dtype)
        if self.warmup_target is None:
            return self._decay(tf.minimum(step, decay_steps), decay_steps, initial, dtype)
        target = tf.cast(self.warmup_target, dtype)
        warmup_steps = tf.cast(self.warmup_steps, dtype)
        step = tf.minimum(step, decay_steps + warmup_steps)
        warmup = (target - initial) * (step / warmup_steps) + initial
        decayed = self._decay(step - warmup_steps, decay_steps, target, dtype)
        return tf.where(step < warmup_steps, warmup, decayed)


_SCHEDULES = {
    cls.__name__: cls
    for cls in (
        ExponentialDecay,
        PiecewiseConstantDecay,
        PolynomialDecay,
        InverseTimeDecay,
        CosineDecay,
    )
}


def serialize(schedule: LearningRateSchedule) -> dict:
    """Keras's serialized form: ``{"module", "class_name", "config", "registered_name"}``.

    >>> serialize(tf.keras.optimizers.schedules.PiecewiseConstantDecay([10], [0.1, 0.01]))
    {'module': 'keras.optimizers.schedules', 'class_name': 'PiecewiseConstantDecay', 'config': {'boundaries': [10], 'values': [0.1, 0.01], 'name': 'PiecewiseConstant'}, 'registered_name': None}
    """
    return {
        "module": "keras.optimizers.schedules",
        "class_name": type(schedule).__name__,
        "config": schedule.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> LearningRateSchedule:
    """The schedule ``serialize`` described.

    >>> schedule = deserialize({"class_name": "InverseTimeDecay", "config": {"initial_learning_rate": 1.0, "decay_steps": 1, "decay_rate": 1.0}})
    >>> float(schedule(3))
    0.25
    """
    table = dict(_SCHEDULES, **(custom_objects or {}))
    cls = table.get(str(config.get("class_name")))
    if cls is None:
        raise ValueError(f"Could not interpret learning rate schedule: {config}")
    return cls.from_config(dict(config.get("config", {})))
