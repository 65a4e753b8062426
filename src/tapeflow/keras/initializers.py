"""tf.keras.initializers: the starting values of weights.

A seeded initializer returns the same values at every call (Keras 3's rule),
and in float32 they are Keras's own numbers: TF's Philox streams are
reproduced (``_philox.py``). An unseeded one draws new values from
tapeflow's global random stream (TF's numbers need not be matched there).

>>> import tapeflow as tf
>>> init = tf.keras.initializers.get("ones")
>>> init((2,)).numpy()
array([1., 1.], dtype=float32)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

import tapeflow as tf

from . import _philox
from ._registry import resolve


class Initializer:
    """Base class: ``initializer(shape, dtype=None)`` returns a tensor.

    >>> class Arange(tf.keras.initializers.Initializer):
    ...     def __call__(self, shape, dtype=None):
    ...         return tf.reshape(tf.range(6, dtype=dtype or tf.float32), shape)
    >>> Arange()((2, 3))
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[0., 1., 2.],
           [3., 4., 5.]], dtype=float32)>
    """

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        raise NotImplementedError

    def get_config(self) -> dict:
        """The constructor arguments (none for the base class).

        >>> tf.keras.initializers.Zeros().get_config()
        {}
        """
        return {}

    @classmethod
    def from_config(cls, config: dict) -> Initializer:
        """A new initializer from ``get_config``'s dict.

        >>> tf.keras.initializers.Constant.from_config({"value": 2.0})((2,))
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 2.], dtype=float32)>
        """
        return cls(**config)

    def clone(self) -> Initializer:
        """A new initializer with the same configuration.

        >>> init = tf.keras.initializers.RandomNormal(stddev=2.0, seed=1)
        >>> copy = init.clone()
        >>> copy is init, copy.get_config()
        (False, {'mean': 0.0, 'stddev': 2.0, 'seed': 1})
        """
        return type(self).from_config(self.get_config())


def _dtype(dtype: Any) -> tf.DType:
    return tf.as_dtype(dtype) if dtype is not None else tf.float32


def _shape(shape: Sequence[int]) -> tuple[int, ...]:
    return tuple(int(d) for d in shape)


class Zeros(Initializer):
    """All zeros.

    >>> import tapeflow as tf
    >>> tf.keras.initializers.Zeros()((2, 1)).numpy().tolist()
    [[0.0], [0.0]]
    """

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        return tf.zeros(_shape(shape), _dtype(dtype))


class Ones(Initializer):
    """All ones.

    >>> tf.keras.initializers.Ones()((2,), "int32")
    <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 1], dtype=int32)>
    """

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        return tf.ones(_shape(shape), _dtype(dtype))


class Constant(Initializer):
    """Every element ``value``.

    >>> import tapeflow as tf
    >>> tf.keras.initializers.Constant(0.5)((2,)).numpy()
    array([0.5, 0.5], dtype=float32)
    """

    def __init__(self, value: Any = 0.0) -> None:
        self.value = value

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        dtype = _dtype(dtype)
        return tf.broadcast_to(tf.cast(tf.convert_to_tensor(self.value), dtype), _shape(shape))

    def get_config(self) -> dict:
        """``{"value": value}``.

        >>> tf.keras.initializers.Constant(3).get_config()
        {'value': 3}
        """
        return {"value": self.value}


class _Random(Initializer):
    def __init__(self, seed: int | None = None) -> None:
        if seed is not None and not isinstance(seed, int):
            raise ValueError(
                "`seed` argument should be an instance of "
                f"`keras.random.SeedGenerator()` or an integer. Received: seed={seed}"
            )
        self.seed = seed

    def _seed(self) -> Any:
        if self.seed is not None:
            return [self.seed, 0]
        draw = tf.random.uniform((2,), minval=0, maxval=2**31 - 1, dtype=tf.int32)
        return [int(x) for x in draw.numpy()]

    def _keras_stream(self, dtype: Any) -> list[int] | None:
        """Keras's seed for TF's stateless ops, when its float32 stream can be reproduced."""
        if isinstance(self.seed, int) and dtype == tf.float32:
            return [self.seed % (2**31 - 2), 0]
        return None

    @staticmethod
    def _scaled(unit: Any, scale: Any, shift: Any) -> tf.Tensor:
        # TF's stateless ops finish with `unit * scale + shift` in float32.
        return tf.constant(unit * np.float32(scale) + np.float32(shift))

    def _normal(self, shape: Any, mean: Any, stddev: Any, dtype: Any) -> tf.Tensor:
        seed = self._keras_stream(dtype)
        if seed is not None:
            return self._scaled(_philox.normal(shape, seed), stddev, mean)
        return tf.random.stateless_normal(shape, self._seed(), mean, stddev, dtype)

    def _truncated(self, shape: Any, mean: Any, stddev: Any, dtype: Any) -> tf.Tensor:
        seed = self._keras_stream(dtype)
        if seed is not None:
            return self._scaled(_philox.truncated_normal(shape, seed), stddev, mean)
        return tf.random.stateless_truncated_normal(shape, self._seed(), mean, stddev, dtype)

    def _uniform(self, shape: Any, minval: Any, maxval: Any, dtype: Any) -> tf.Tensor:
        seed = self._keras_stream(dtype)
        if seed is not None:
            return self._scaled(
                _philox.uniform(shape, seed), np.float32(maxval) - np.float32(minval), minval
            )
        return tf.random.stateless_uniform(shape, self._seed(), minval, maxval, dtype)

    def get_config(self) -> dict:
        """``{"seed": seed}``.

        >>> _Random(seed=3).get_config()
        {'seed': 3}
        """
        return {"seed": self.seed}


class RandomNormal(_Random):
    """Normal values: ``mean``, ``stddev``.

    >>> tf.keras.initializers.RandomNormal(mean=1.0, stddev=0.0)((2,))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 1.], dtype=float32)>
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        super().__init__(seed)
        self.mean = mean
        self.stddev = stddev

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        return self._normal(_shape(shape), self.mean, self.stddev, _dtype(dtype))

    def get_config(self) -> dict:
        """``mean``, ``stddev`` and ``seed``.

        >>> tf.keras.initializers.RandomNormal(seed=4).get_config()
        {'mean': 0.0, 'stddev': 0.05, 'seed': 4}
        """
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomNormal):
    """Normal values redrawn beyond two standard deviations.

    >>> values = tf.keras.initializers.TruncatedNormal(stddev=1.0, seed=0)((1000,))
    >>> bool(tf.reduce_max(tf.abs(values)) <= 2.0)
    True
    """

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        return self._truncated(_shape(shape), self.mean, self.stddev, _dtype(dtype))


class RandomUniform(_Random):
    """Uniform values in ``[minval, maxval)``.

    >>> import tapeflow as tf
    >>> init = tf.keras.initializers.RandomUniform(seed=3)
    >>> bool((init((3,)) == init((3,))).numpy().all())
    True
    """

    def __init__(
        self, minval: float = -0.05, maxval: float = 0.05, seed: int | None = None
    ) -> None:
        super().__init__(seed)
        self.minval = minval
        self.maxval = maxval

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        return self._uniform(_shape(shape), self.minval, self.maxval, _dtype(dtype))

    def get_config(self) -> dict:
        """``minval``, ``maxval`` and ``seed``.

        >>> tf.keras.initializers.RandomUniform(0.0, 1.0).get_config()
        {'minval': 0.0, 'maxval': 1.0, 'seed': None}
        """
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


def compute_fans(
    shape: Sequence[int],
    input_axes: Sequence[int] | None = None,
    output_axes: Sequence[int] | None = None,
) -> tuple[int, int]:
    """Keras's fan-in and fan-out; convolution kernels multiply by the window size.

    With ``input_axes``/``output_axes`` the fans are the products of those axes.

    >>> compute_fans((3, 3, 8, 16))
    (72, 144)
    """
    shape = _shape(shape)
    if input_axes is not None or output_axes is not None:
        default_in, default_out = compute_fans(shape)
        fan_in = math.prod(shape[a] for a in input_axes) if input_axes is not None else default_in
        fan_out = (
            math.prod(shape[a] for a in output_axes) if output_axes is not None else default_out
        )
        return fan_in, fan_out
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(_Random):
    """Values with variance ``scale / n`` (``n`` from ``mode``), drawn per ``distribution``.

    >>> init = tf.keras.initializers.VarianceScaling(
    ...     scale=2.0, mode="fan_in", distribution="untruncated_normal", seed=0)
    >>> values = init((400, 100))
    >>> round(float(tf.math.reduce_std(values)), 2)  # sqrt(2 / 400)
    0.07
    """

    def __init__(
        self,
        scale: float = 1.0,
        mode: str = "fan_in",
        distribution: str = "truncated_normal",
        seed: int | None = None,
        input_axes: Sequence[int] | None = None,
        output_axes: Sequence[int] | None = None,
    ) -> None:
        super().__init__(seed)
        self.input_axes = input_axes
        self.output_axes = output_axes
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError(
                f"Invalid `mode` argument: {mode}. "
                "Please use one of {'fan_out', 'fan_in', 'fan_avg'}"
            )
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in {"uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError(
                "Invalid `distribution` argument: "
                'expected one of {"uniform", "truncated_normal", '
                '"untruncated_normal"}. '
                f"Received: distribution={distribution}"
            )
        self.scale = scale
        self.mode = mode
        self.distribution = distribution

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        shape, dtype = _shape(shape), _dtype(dtype)
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        if self.distribution == "truncated_normal":
            # 0.879... is the stddev of a unit normal truncated to [-2, 2].
            return self._truncated(shape, 0.0, math.sqrt(scale) / 0.87962566103423978, dtype)
        if self.distribution == "untruncated_normal":
            return self._normal(shape, 0.0, math.sqrt(scale), dtype)
        limit = math.sqrt(3.0 * scale)
        return self._uniform(shape, -limit, limit, dtype)

    def get_config(self) -> dict:
        """``scale``, ``mode``, ``distribution``, ``seed`` and the fan axes.

        >>> tf.keras.initializers.VarianceScaling(mode="fan_out").get_config()
        {'scale': 1.0, 'mode': 'fan_out', 'distribution': 'truncated_normal', 'seed': None, 'input_axes': None, 'output_axes': None}
        """
        return {
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
            "seed": self.seed,
            "input_axes": self.input_axes,
            "output_axes": self.output_axes,
        }


def _preset(name: str, scale: float, mode: str, distribution: str, doc: str, example: str) -> type:
    """A VarianceScaling class with fixed arguments; ``example`` is its doctest."""

    def __init__(
        self, seed: int | None = None, input_axes: Any = None, output_axes: Any = None
    ) -> None:
        VarianceScaling.__init__(self, scale, mode, distribution, seed, input_axes, output_axes)

    def get_config(self) -> dict:
        return {"seed": self.seed, "input_axes": self.input_axes, "output_axes": self.output_axes}

    get_config.__doc__ = (
        "``seed``, ``input_axes`` and ``output_axes`` (the other arguments are fixed).\n\n"
        f"        >>> tf.keras.initializers.{name}(seed=1).get_config()\n"
        "        {'seed': 1, 'input_axes': None, 'output_axes': None}\n"
    )
    return type(
        name,
        (VarianceScaling,),
        {"__init__": __init__, "get_config": get_config, "__doc__": f"{doc}\n\n{example}"},
    )


def _spread(name: str, statistic: str, value: str, comment: str) -> str:
    return (
        f">>> values = tf.keras.initializers.{name}(seed=0)((300, 100))\n"
        f">>> round(float({statistic}), 3)  # {comment}\n{value}\n"
    )


_MAX = "tf.reduce_max(tf.abs(values))"
_STD = "tf.math.reduce_std(values)"
GlorotUniform = _preset(
    "GlorotUniform",
    1.0,
    "fan_avg",
    "uniform",
    "Uniform, limit sqrt(6/(in+out)).",
    _spread("GlorotUniform", _MAX, "0.122", "limit sqrt(6 / 400)"),
)
GlorotNormal = _preset(
    "GlorotNormal",
    1.0,
    "fan_avg",
    "truncated_normal",
    "Truncated normal, variance 2/(in+out).",
    _spread("GlorotNormal", _STD, "0.071", "sqrt(2 / 400)"),
)
HeUniform = _preset(
    "HeUniform",
    2.0,
    "fan_in",
    "uniform",
    "Uniform, limit sqrt(6/in).",
    _spread("HeUniform", _MAX, "0.141", "limit sqrt(6 / 300)"),
)
HeNormal = _preset(
    "HeNormal",
    2.0,
    "fan_in",
    "truncated_normal",
    "Truncated normal, variance 2/in.",
    _spread("HeNormal", _STD, "0.082", "sqrt(2 / 300)"),
)
LecunUniform = _preset(
    "LecunUniform",
    1.0,
    "fan_in",
    "uniform",
    "Uniform, limit sqrt(3/in).",
    _spread("LecunUniform", _MAX, "0.1", "limit sqrt(3 / 300)"),
)
LecunNormal = _preset(
    "LecunNormal",
    1.0,
    "fan_in",
    "truncated_normal",
    "Truncated normal, variance 1/in.",
    _spread("LecunNormal", _STD, "0.058", "sqrt(1 / 300)"),
)
for _cls in (GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal):
    _cls.__module__ = __name__


class Orthogonal(_Random):
    """An orthogonal matrix (rows or columns orthonormal) times ``gain``, from QR of normals.

    >>> import tapeflow as tf
    >>> q = tf.keras.initializers.Orthogonal(seed=1)((3, 3))
    >>> bool(abs(tf.matmul(q, q, transpose_a=True).numpy() - tf.eye(3).numpy()).max() < 1e-5)
    True
    """

    def __init__(self, gain: float = 1.0, seed: int | None = None) -> None:
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        shape, dtype = _shape(shape), _dtype(dtype)
        if len(shape) < 2:
            raise ValueError(
                "The tensor to initialize must be at least two-dimensional. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        rows, cols = math.prod(shape[:-1]), shape[-1]
        a = self._normal((max(rows, cols), min(rows, cols)), 0.0, 1.0, dtype)
        q, r = tf.linalg.qr(a)
        q = q * tf.sign(tf.linalg.diag_part(r))
        if rows < cols:
            q = tf.transpose(q)
        return self.gain * tf.reshape(q, shape)

    def get_config(self) -> dict:
        """``gain`` and ``seed``.

        >>> tf.keras.initializers.Orthogonal(gain=2.0).get_config()
        {'gain': 2.0, 'seed': None}
        """
        return {"gain": self.gain, "seed": self.seed}


class Identity(Initializer):
    """``gain`` times the identity matrix (2-D shapes only).

    >>> tf.keras.initializers.Identity(gain=2.0)((2, 3))
    <tf.Tensor: shape=(2, 3), dtype=float32, numpy=
    array([[2., 0., 0.],
           [0., 2., 0.]], dtype=float32)>
    """

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def __call__(self, shape: Sequence[int], dtype: Any = None) -> tf.Tensor:
        shape = _shape(shape)
        if len(shape) != 2:
            raise ValueError(
                "Identity matrix initializer can only be used for 2D matrices. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        return self.gain * tf.eye(shape[0], shape[1], dtype=_dtype(dtype))

    def get_config(self) -> dict:
        """``{"gain": gain}``.

        >>> tf.keras.initializers.Identity().get_config()
        {'gain': 1.0}
        """
        return {"gain": self.gain}


_CLASSES = (
    Zeros,
    Ones,
    Constant,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
    GlorotUniform,
    GlorotNormal,
    HeUniform,
    HeNormal,
    LecunUniform,
    LecunNormal,
    Orthogonal,
    Identity,
)
_TABLE: dict[str, Any] = {cls.__name__: cls for cls in _CLASSES}
_TABLE.update(
    {
        "zeros": Zeros,
        "ones": Ones,
        "constant": Constant,
        "random_normal": RandomNormal,
        "random_uniform": RandomUniform,
        "truncated_normal": TruncatedNormal,
        "variance_scaling": VarianceScaling,
        "glorot_uniform": GlorotUniform,
        "glorot_normal": GlorotNormal,
        "he_uniform": HeUniform,
        "he_normal": HeNormal,
        "lecun_uniform": LecunUniform,
        "lecun_normal": LecunNormal,
        "orthogonal": Orthogonal,
        "identity": Identity,
    }
)

# Keras's lower-case aliases are the classes themselves.
zeros, ones, constant = Zeros, Ones, Constant
glorot_uniform, glorot_normal = GlorotUniform, GlorotNormal
he_uniform, he_normal = HeUniform, HeNormal
lecun_uniform, lecun_normal, orthogonal = LecunUniform, LecunNormal, Orthogonal


def get(identifier: Any) -> Any:
    """An initializer from a name, a config dict, a class, or a callable (returned as is).

    >>> import tapeflow as tf
    >>> type(tf.keras.initializers.get("glorot_uniform")).__name__
    'GlorotUniform'
    """
    if isinstance(identifier, type) and issubclass(identifier, Initializer):
        return identifier()
    return resolve("initializer", _TABLE, identifier, instantiate=True)


def serialize(initializer: Initializer) -> dict:
    """Keras's ``{"module", "class_name", "config", "registered_name"}`` form.

    >>> serialize(tf.keras.initializers.Constant(1.0))
    {'module': 'keras.initializers', 'class_name': 'Constant', 'config': {'value': 1.0}, 'registered_name': None}
    """
    return {
        "module": "keras.initializers",
        "class_name": type(initializer).__name__,
        "config": initializer.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> Initializer:
    """The initializer ``serialize`` described.

    >>> deserialize({"class_name": "Constant", "config": {"value": 2.0}})((1,))
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([2.], dtype=float32)>
    """

    return resolve("initializer", dict(_TABLE, **(custom_objects or {})), config)
