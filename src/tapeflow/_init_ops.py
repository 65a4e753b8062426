"""TF's own (non-Keras) initializers: tf.zeros_initializer, tf.ones_initializer,
tf.constant_initializer, tf.random_normal_initializer, tf.random_uniform_initializer.

Each is a class, named as TF names it (``Zeros``, ``Ones``, ``Constant``,
``RandomNormal``, ``RandomUniform``), called as ``init(shape, dtype)``. A seeded
random one draws TF's stateless stream with seed ``[seed, 0]`` (the same numbers
on every call); in float32 those are TF's exact numbers (the Philox stream of
``keras/_philox.py``, loaded on the first seeded draw). An unseeded one draws from
the global generator, as ``tf.random.normal``/``uniform`` do.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import dtypes as _dt
from ._tensor import Tensor, constant
from ._types import DTypeLike, ShapeLike

__all__ = [
    "constant_initializer", "ones_initializer", "random_normal_initializer",
    "random_uniform_initializer", "zeros_initializer",
]  # fmt: skip

_PARTITION_KEYS = ["partition_shape", "partition_offset"]


class Initializer:
    """The base of TF's initializers: ``__call__(shape, dtype)``, ``get_config``,
    ``from_config``.

    >>> tf.zeros_initializer().get_config()
    {}
    """

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = None, **kwargs: Any) -> Tensor:
        raise NotImplementedError

    def get_config(self) -> dict:
        """The constructor arguments, as a dict.

        >>> tf.ones_initializer().get_config()
        {}
        """
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        """An initializer from ``get_config()``'s dict (a ``dtype`` entry is ignored).

        >>> tf.constant_initializer.from_config({"value": 2.0}).value
        2.0
        """
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)

    def _validate_kwargs(self, kwargs: dict, support_partition: bool = True) -> Any:
        for key in kwargs:
            if key not in _PARTITION_KEYS:
                raise TypeError(
                    f"Keyword argument should be one of {_PARTITION_KEYS}. Received: {key}"
                )  # TF-TEXT
            if not support_partition:
                raise ValueError(
                    f"{type(self).__name__} initializer doesn't support partition-related arguments"
                )  # TF-TEXT
        return kwargs.get("partition_shape")


def _numeric(dtype: DTypeLike) -> _dt.DType:
    dtype = _dt.as_dtype(dtype)
    if dtype == _dt.string:
        raise ValueError(f"Argument `dtype` expected to be numeric or boolean. Received {dtype}.")
    return dtype


class zeros_initializer(Initializer):  # noqa: N801 - TF's public name
    """Zeros of the requested shape and dtype (float32 by default).

    >>> tf.zeros_initializer()([2], tf.int32)
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 0], dtype=int32)>
    """

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = _dt.float32, **kwargs: Any) -> Tensor:
        shape = self._validate_kwargs(kwargs) or shape
        from . import zeros

        return zeros(shape, _numeric(dtype))


class ones_initializer(Initializer):  # noqa: N801 - TF's public name
    """Ones of the requested shape and dtype (float32 by default).

    >>> tf.ones_initializer()([2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = _dt.float32, **kwargs: Any) -> Tensor:
        shape = self._validate_kwargs(kwargs) or shape
        from . import ones

        return ones(shape, _numeric(dtype))


class constant_initializer(Initializer):  # noqa: N801 - TF's public name
    """``value`` (a scalar, filled in, or a list/array of the shape's size), as
    ``tf.constant(value, dtype, shape)``.

    >>> tf.constant_initializer([1.0, 2.0])(shape=[2])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>
    """

    def __init__(self, value: Any = 0, support_partition: bool = False) -> None:
        if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
            raise TypeError(
                f"Invalid type for initial value: {type(value).__name__}. Expected "
                "Python scalar, list or tuple of values, or numpy.ndarray."
            )  # TF-TEXT
        self.value = value
        self.support_partition = support_partition

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = None, **kwargs: Any) -> Tensor:
        self._validate_kwargs(kwargs, support_partition=self.support_partition)
        return constant(self.value, dtype=None if dtype is None else _dt.as_dtype(dtype),
                        shape=shape)  # fmt: skip

    def get_config(self) -> dict:
        """``{"value": value}``.

        >>> tf.constant_initializer(3).get_config()
        {'value': 3}
        """
        return {"value": self.value}


def _philox() -> Any:
    from .keras import _philox

    return _philox


class random_uniform_initializer(Initializer):  # noqa: N801 - TF's public name
    """Uniform values in [minval, maxval); ``seed`` fixes them (TF's stateless stream).

    >>> init = tf.random_uniform_initializer(seed=1)
    >>> init([3])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 0.03784882, -0.00400198,  0.01002913], dtype=float32)>
    """

    def __init__(self, minval: Any = -0.05, maxval: Any = 0.05, seed: int | None = None) -> None:
        self.minval = minval
        self.maxval = maxval
        self.seed = seed

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = _dt.float32, **kwargs: Any) -> Tensor:
        shape = self._validate_kwargs(kwargs) or shape
        dtype = _dt.as_dtype(dtype)
        if not (dtype.is_floating or dtype.is_integer):
            raise ValueError(
                f"Argument `dtype` expected to be numeric or boolean. Received {dtype}."
            )  # TF-TEXT
        from . import random

        if self.seed is None:
            return random.uniform(shape, self.minval, self.maxval, dtype)
        if dtype == _dt.float32:
            dims = tuple(int(d) for d in np.asarray(shape, dtype=np.int64).reshape(-1))
            unit = _philox().uniform(dims, [self.seed, 0])
            low, high = np.float32(self.minval), np.float32(self.maxval)
            return constant(unit * (high - low) + low)
        return random.stateless_uniform(shape, [self.seed, 0], self.minval, self.maxval, dtype)

    def get_config(self) -> dict:
        """``minval``, ``maxval`` and ``seed``.

        >>> tf.random_uniform_initializer().get_config()
        {'minval': -0.05, 'maxval': 0.05, 'seed': None}
        """
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class random_normal_initializer(Initializer):  # noqa: N801 - TF's public name
    """Normal values (mean, stddev); ``seed`` fixes them (TF's stateless stream).

    >>> init = tf.random_normal_initializer(seed=1)
    >>> init([3])
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([ 0.00633252, -0.02465083,  0.03155954], dtype=float32)>
    """

    def __init__(self, mean: Any = 0.0, stddev: Any = 0.05, seed: int | None = None) -> None:
        self.mean = mean
        self.stddev = stddev
        self.seed = seed

    def __call__(self, shape: ShapeLike, dtype: DTypeLike = _dt.float32, **kwargs: Any) -> Tensor:
        shape = self._validate_kwargs(kwargs) or shape
        dtype = _dt.as_dtype(dtype)
        if not dtype.is_floating:
            raise ValueError(
                f"Argument `dtype` is expected to be floating point. Received: {dtype}."
            )  # TF-TEXT
        from . import random

        if self.seed is None:
            return random.normal(shape, self.mean, self.stddev, dtype)
        if dtype == _dt.float32:
            dims = tuple(int(d) for d in np.asarray(shape, dtype=np.int64).reshape(-1))
            unit = _philox().normal(dims, [self.seed, 0])
            return constant(unit * np.float32(self.stddev) + np.float32(self.mean))
        return random.stateless_normal(shape, [self.seed, 0], self.mean, self.stddev, dtype)

    def get_config(self) -> dict:
        """``mean``, ``stddev`` and ``seed``.

        >>> tf.random_normal_initializer().get_config()
        {'mean': 0.0, 'stddev': 0.05, 'seed': None}
        """
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


# TF's class names (type(tf.ones_initializer()).__name__ == "Ones").
for _cls, _name in ((zeros_initializer, "Zeros"), (ones_initializer, "Ones"),
                    (constant_initializer, "Constant"), (random_uniform_initializer, "RandomUniform"),
                    (random_normal_initializer, "RandomNormal")):  # fmt: skip
    _cls.__name__ = _cls.__qualname__ = _name
