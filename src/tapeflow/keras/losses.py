"""tf.keras.losses: loss functions (per-sample values) and Loss classes (reduced).

A function returns one value per sample (the mean over the last axis); a
class calls it and reduces with Keras's rules: ``"sum_over_batch_size"``
(default: sum / number of elements), ``"sum"``, ``"mean"``, ``"none"``, and
``sample_weight`` scales each sample first.

>>> import tapeflow as tf
>>> mse = tf.keras.losses.MeanSquaredError()
>>> float(mse([[0.0, 1.0]], [[1.0, 1.0]]).numpy())
0.5
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import tapeflow as tf

from ._loss_functions import (  # noqa: F401  (the public functions and their aliases)
    _REDUCTIONS,
    EPSILON,
    KLD,
    MAE,
    MAPE,
    MSE,
    MSLE,
    _check_same_shape,
    _l2_normalize,
    _pair,
    _prepare,
    binary_crossentropy,
    categorical_crossentropy,
    categorical_hinge,
    cosine_similarity,
    hinge,
    huber,
    huber_loss,
    kl_divergence,
    kld,
    kullback_leibler_divergence,
    log_cosh,
    logcosh,
    mae,
    mape,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    mse,
    msle,
    poisson,
    sparse_categorical_crossentropy,
    squared_hinge,
    squeeze_or_expand_to_same_rank,
)
from ._masking import get_keras_mask
from ._naming import auto_name
from ._registry import resolve
from ._utils import TensorLike

# -- reduction -------------------------------------------------------------------


def apply_mask(sample_weight: Any, mask: Any, dtype: Any, reduction: str | None) -> Any:
    """Fold a Keras mask into the sample weights, as Keras 3 does.

    For a mean the kept entries weigh ``total / kept``, so the mean is over
    the kept entries only; for a sum they weigh 1.

    >>> apply_mask(None, tf.constant([True, False]), tf.float32, "sum_over_batch_size")
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([2., 0.], dtype=float32)>
    """
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = tf.cast(tf.reduce_prod(tf.shape(mask)), dtype)
        valid = tf.reduce_sum(tf.cast(mask, dtype))  # may be 0
        weight = tf.math.divide_no_nan(total, valid)
        float_mask = tf.where(tf.cast(mask, "bool"), weight, tf.zeros_like(weight))
    else:
        float_mask = tf.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = tf.cast(tf.convert_to_tensor(sample_weight), dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    return sample_weight * float_mask


def reduce_weighted_values(
    values: Any,
    sample_weight: TensorLike | None = None,
    reduction: str | None = "sum_over_batch_size",
    mask: Any = None,
) -> tf.Tensor:
    """Scale per-sample ``values`` by ``sample_weight`` and reduce them as ``reduction`` says.

    >>> values = tf.constant([1.0, 2.0, 3.0])
    >>> reduce_weighted_values(values, [1.0, 0.0, 1.0], "sum_over_batch_size")
    <tf.Tensor: shape=(), dtype=float32, numpy=1.3333333730697632>
    >>> reduce_weighted_values(values, [1.0, 0.0, 1.0], "mean_with_sample_weight")
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    >>> reduce_weighted_values(values, None, "none")
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 2., 3.], dtype=float32)>
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(
            "Invalid value for argument `reduction`. "
            f"Expected one of {set(_REDUCTIONS)}. Received: "
            f"reduction={reduction}"
        )
    values = tf.convert_to_tensor(values)
    if mask is not None:
        sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = tf.cast(tf.convert_to_tensor(sample_weight), values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    if reduction in (None, "none") or tuple(values.shape) in ((), (0,)):
        return values
    loss = tf.reduce_sum(values)
    if reduction == "sum":
        return loss
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = tf.cast(tf.reduce_sum(sample_weight), loss.dtype)
    else:
        divisor = tf.cast(math.prod(values.shape), loss.dtype)
    return tf.math.divide_no_nan(loss, divisor)


# -- classes -----------------------------------------------------------------------


class Loss:
    """Base class: ``call(y_true, y_pred)`` gives per-sample values; ``__call__`` reduces them.

    >>> import tapeflow as tf
    >>> class Abs(tf.keras.losses.Loss):
    ...     def call(self, y_true, y_pred):
    ...         return tf.abs(y_true - y_pred)
    >>> float(Abs(reduction="sum")([1.0, 2.0], [0.0, 0.0]).numpy())
    3.0
    """

    def __init__(
        self,
        name: str | None = None,
        reduction: str | None = "sum_over_batch_size",
        dtype: Any = None,
    ) -> None:
        if reduction not in _REDUCTIONS:
            raise ValueError(
                "Invalid value for argument `reduction`. "
                f"Expected one of {set(_REDUCTIONS)}. Received: "
                f"reduction={reduction}"
            )
        self.name = name if name is not None else auto_name(type(self).__name__)
        self.reduction = reduction
        self._dtype = tf.as_dtype(dtype) if dtype is not None else tf.float32

    @property
    def dtype(self) -> str:
        """The name of the dtype inputs are cast to.

        >>> tf.keras.losses.MeanSquaredError().dtype
        'float32'
        """
        return self._dtype.name

    def __call__(
        self, y_true: TensorLike, y_pred: TensorLike, sample_weight: TensorLike | None = None
    ) -> tf.Tensor:
        in_mask = get_keras_mask(y_pred)
        y_pred = self._convert(y_pred)
        y_true = self._convert(y_true)
        losses = self.call(y_true, y_pred)
        out_mask = get_keras_mask(losses)
        if in_mask is not None and out_mask is not None:
            mask = tf.logical_and(in_mask, out_mask)
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(losses, sample_weight, self.reduction, mask=mask)

    def _convert(self, x: TensorLike) -> tf.Tensor:
        x = tf.convert_to_tensor(x)
        return x if x.dtype == self._dtype else tf.cast(x, self._dtype)

    def call(self, y_true: TensorLike, y_pred: TensorLike) -> Any:
        """Per-sample losses; subclasses define it.

        >>> tf.keras.losses.MeanAbsoluteError().call(tf.constant([[1.0, 1.0], [0.0, 0.0]]), tf.constant([[0.0, 1.0], [0.0, 4.0]]))
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 2. ], dtype=float32)>
        """
        raise NotImplementedError

    def get_config(self) -> dict:
        """``name`` and ``reduction`` (subclasses add their own).

        >>> tf.keras.losses.Loss(name="plain", reduction="sum").get_config()
        {'name': 'plain', 'reduction': 'sum'}
        """
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict) -> Loss:
        """A new loss from ``get_config``'s dict.

        >>> config = {"name": "bce", "reduction": "sum", "from_logits": True}
        >>> loss = tf.keras.losses.BinaryCrossentropy.from_config(config)
        >>> loss.name, loss.reduction, loss.get_config()["from_logits"]
        ('bce', 'sum', True)
        """
        return cls(**config)


class LossFunctionWrapper(Loss):
    """A Loss that calls ``fn(y_true, y_pred, **kwargs)`` after matching ranks.

    >>> loss = tf.keras.losses.LossFunctionWrapper(tf.keras.losses.mean_absolute_error, reduction="sum")
    >>> loss(tf.constant([[1.0], [2.0]]), tf.constant([[0.0], [0.0]]))
    <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
    """

    def __init__(
        self,
        fn: Callable,
        reduction: str | None = "sum_over_batch_size",
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true: TensorLike, y_pred: TensorLike) -> Any:
        """``fn(y_true, y_pred, **kwargs)`` after matching the ranks of the two.

        >>> loss = tf.keras.losses.LossFunctionWrapper(tf.keras.losses.huber, delta=0.5)
        >>> loss.call(tf.constant([0.0, 0.0]), tf.constant([[0.25], [2.0]]))
        <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.03125, 0.875  ], dtype=float32)>
        """
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self) -> dict:
        """``name``, ``reduction`` and the extra arguments of ``fn``.

        >>> tf.keras.losses.CategoricalCrossentropy(from_logits=True, name="xent").get_config()
        {'name': 'xent', 'reduction': 'sum_over_batch_size', 'from_logits': True, 'label_smoothing': 0.0, 'axis': -1}
        """
        config = super().get_config()
        config.update(self._fn_kwargs)
        return config

    def __repr__(self) -> str:
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


def _wrapper(
    class_name: str,
    fn: Callable,
    default_name: str,
    params: dict,
    doc: str,
    example: str,
    config_params: bool = False,
) -> type:
    """A Loss class over ``fn`` whose constructor takes ``params`` (name -> default).

    ``example`` is the class's doctest; ``get_config``'s example is written from
    the defaults, so it shows each class's own name and arguments.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = list(params) + ["reduction", "name", "dtype"]
        if len(args) > len(names):
            raise TypeError(f"{class_name}() takes at most {len(names)} positional arguments")
        given = dict(zip(names, args))
        for key in kwargs:
            if key in given:
                raise TypeError(f"{class_name}() got multiple values for argument '{key}'")
        given.update(kwargs)
        unknown = set(given) - set(names)
        if unknown:
            raise TypeError(
                f"{class_name}.__init__() got an unexpected keyword argument '{sorted(unknown)[0]}'"
            )
        fn_kwargs = {key: given.get(key, default) for key, default in params.items()}
        LossFunctionWrapper.__init__(
            self,
            fn,
            reduction=given.get("reduction", "sum_over_batch_size"),
            name=given.get("name", default_name),
            dtype=given.get("dtype"),
            **fn_kwargs,
        )

    def get_config(self) -> dict:
        config = {"name": self.name, "reduction": self.reduction}
        if config_params:  # Keras lists the arguments of the cross-entropies only
            config.update(self._fn_kwargs)
        return config

    config = {"name": default_name, "reduction": "sum_over_batch_size"}
    if config_params:
        config.update(params)
    get_config.__doc__ = (
        f"``name`` and ``reduction``{' and the loss arguments' if config_params else ''}.\n\n"
        f"        >>> tf.keras.losses.{class_name}().get_config()\n        {config!r}\n"
    )
    cls = type(
        class_name,
        (LossFunctionWrapper,),
        {"__init__": __init__, "get_config": get_config, "__doc__": f"{doc}\n\n{example}"},
    )
    cls.__module__ = __name__
    return cls


def _example(expr: str, output: str) -> str:
    return f">>> {expr}\n{output}\n"


MeanSquaredError = _wrapper(
    "MeanSquaredError",
    mean_squared_error,
    "mean_squared_error",
    {},
    "Mean of squared errors.",
    _example(
        "tf.keras.losses.MeanSquaredError()([[0.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 0.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>",
    ),
)
MeanAbsoluteError = _wrapper(
    "MeanAbsoluteError",
    mean_absolute_error,
    "mean_absolute_error",
    {},
    "Mean of absolute errors.",
    _example(
        "tf.keras.losses.MeanAbsoluteError()([[0.0, 1.0]], [[2.0, 2.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>",
    ),
)
MeanAbsolutePercentageError = _wrapper(
    "MeanAbsolutePercentageError",
    mean_absolute_percentage_error,
    "mean_absolute_percentage_error",
    {},
    "Mean absolute percentage error.",
    _example(
        "tf.keras.losses.MeanAbsolutePercentageError()([[2.0, 4.0]], [[1.0, 4.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=25.0>",
    ),
)
MeanSquaredLogarithmicError = _wrapper(
    "MeanSquaredLogarithmicError",
    mean_squared_logarithmic_error,
    "mean_squared_logarithmic_error",
    {},
    "Mean squared logarithmic error.",
    _example(
        "tf.keras.losses.MeanSquaredLogarithmicError()([[0.0, 1.0]], [[0.0, 1.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.0>",
    ),
)
CosineSimilarity = _wrapper(
    "CosineSimilarity",
    cosine_similarity,
    "cosine_similarity",
    {"axis": -1},
    "Minus the cosine similarity.",
    _example(
        "tf.keras.losses.CosineSimilarity()([[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [1.0, 0.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=-0.5>",
    ),
)
Huber = _wrapper(
    "Huber",
    huber,
    "huber_loss",
    {"delta": 1.0},
    "Huber loss.",
    _example(
        "tf.keras.losses.Huber(delta=1.0)([[0.0, 0.0]], [[0.5, 3.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.3125>",
    ),
)
LogCosh = _wrapper(
    "LogCosh",
    log_cosh,
    "log_cosh",
    {},
    "Log of the hyperbolic cosine of the error.",
    _example(
        "tf.keras.losses.LogCosh()([[0.0, 0.0]], [[0.0, 1.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.21689...>",
    ),
)
KLDivergence = _wrapper(
    "KLDivergence",
    kl_divergence,
    "kl_divergence",
    {},
    "Kullback-Leibler divergence.",
    _example(
        "tf.keras.losses.KLDivergence()([[0.5, 0.5]], [[0.5, 0.5]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.0>",
    ),
)
Hinge = _wrapper(
    "Hinge",
    hinge,
    "hinge",
    {},
    "Hinge loss.",
    _example(
        "tf.keras.losses.Hinge()([[1.0, -1.0]], [[0.5, 0.5]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>",
    ),
)
SquaredHinge = _wrapper(
    "SquaredHinge",
    squared_hinge,
    "squared_hinge",
    {},
    "Squared hinge loss.",
    _example(
        "tf.keras.losses.SquaredHinge()([[1.0, -1.0]], [[0.5, 0.5]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.25>",
    ),
)
CategoricalHinge = _wrapper(
    "CategoricalHinge",
    categorical_hinge,
    "categorical_hinge",
    {},
    "Categorical hinge loss.",
    _example(
        "tf.keras.losses.CategoricalHinge()([[0.0, 1.0]], [[0.6, 0.4]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=1.2000...>",
    ),
)
Poisson = _wrapper(
    "Poisson",
    poisson,
    "poisson",
    {},
    "Poisson loss.",
    _example(
        "tf.keras.losses.Poisson()([[1.0, 0.0]], [[1.0, 1.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.99999...>",
    ),
)
BinaryCrossentropy = _wrapper(
    "BinaryCrossentropy",
    binary_crossentropy,
    "binary_crossentropy",
    {"from_logits": False, "label_smoothing": 0.0, "axis": -1},
    "Binary cross-entropy.",
    _example(
        "tf.keras.losses.BinaryCrossentropy(from_logits=True)([[1.0, 0.0]], [[0.0, 0.0]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.69314...>",
    ),
    config_params=True,
)
CategoricalCrossentropy = _wrapper(
    "CategoricalCrossentropy",
    categorical_crossentropy,
    "categorical_crossentropy",
    {"from_logits": False, "label_smoothing": 0.0, "axis": -1},
    "Categorical cross-entropy.",
    _example(
        "tf.keras.losses.CategoricalCrossentropy()([[0.0, 1.0]], [[0.5, 0.5]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.69314...>",
    ),
    config_params=True,
)
SparseCategoricalCrossentropy = _wrapper(
    "SparseCategoricalCrossentropy",
    sparse_categorical_crossentropy,
    "sparse_categorical_crossentropy",
    {"from_logits": False, "ignore_class": None},
    "Sparse categorical cross-entropy.",
    _example(
        "tf.keras.losses.SparseCategoricalCrossentropy()([1], [[0.5, 0.5]])",
        "<tf.Tensor: shape=(), dtype=float32, numpy=0.69314...>",
    ),
    config_params=True,
)


def _sparse_call(self: LossFunctionWrapper, y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """Per-sample losses; integer labels keep their rank (no squeeze/expand against the logits).

    >>> tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True).call([0, 1], [[0.0, 0.0], [0.0, 0.0]])
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6931472, 0.6931472], dtype=float32)>
    """
    return self.fn(y_true, y_pred, **self._fn_kwargs)


SparseCategoricalCrossentropy.call = _sparse_call  # type: ignore[attr-defined]

_FUNCTIONS = {
    "mean_squared_error": mean_squared_error,
    "mean_absolute_error": mean_absolute_error,
    "mean_absolute_percentage_error": mean_absolute_percentage_error,
    "mean_squared_logarithmic_error": mean_squared_logarithmic_error,
    "cosine_similarity": cosine_similarity,
    "huber": huber,
    "log_cosh": log_cosh,
    "kl_divergence": kl_divergence,
    "hinge": hinge,
    "squared_hinge": squared_hinge,
    "categorical_hinge": categorical_hinge,
    "poisson": poisson,
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
    "mse": mean_squared_error,
    "mae": mean_absolute_error,
    "mape": mean_absolute_percentage_error,
    "msle": mean_squared_logarithmic_error,
    "kld": kl_divergence,
    "logcosh": log_cosh,
    "huber_loss": huber,
}
_CLASSES = {
    cls.__name__: cls
    for cls in (
        MeanSquaredError,
        MeanAbsoluteError,
        MeanAbsolutePercentageError,
        MeanSquaredLogarithmicError,
        CosineSimilarity,
        Huber,
        LogCosh,
        KLDivergence,
        Hinge,
        SquaredHinge,
        CategoricalHinge,
        Poisson,
        BinaryCrossentropy,
        CategoricalCrossentropy,
        SparseCategoricalCrossentropy,
    )
}


def get(identifier: Any) -> Any:
    """A loss from a function name (``"mse"``), a class name or config dict, or a callable.

    Names give the loss *function*, as in Keras; dicts give a Loss object.

    >>> get("sparse_categorical_crossentropy") is sparse_categorical_crossentropy
    True
    """
    table = dict(_FUNCTIONS)
    table.update(_CLASSES)
    return resolve("loss", table, identifier)


def serialize(loss: Any) -> Any:
    """Keras's serialized form of a Loss object (a dict) or a loss function (its name).

    >>> serialize(tf.keras.losses.Hinge(name="hinge"))
    {'module': 'keras.losses', 'class_name': 'Hinge', 'config': {'name': 'hinge', 'reduction': 'sum_over_batch_size'}, 'registered_name': None}
    """
    if isinstance(loss, Loss):
        return {
            "module": "keras.losses",
            "class_name": type(loss).__name__,
            "config": loss.get_config(),
            "registered_name": None,
        }
    for name, fn in _FUNCTIONS.items():
        if fn is loss:
            return name
    raise ValueError(f"Cannot serialize {loss!r}")


def deserialize(config: Any, custom_objects: dict | None = None) -> Any:
    """The loss ``serialize`` described.

    >>> loss = deserialize({"class_name": "BinaryCrossentropy", "config": {"from_logits": True}})
    >>> type(loss).__name__, loss.get_config()["from_logits"]
    ('BinaryCrossentropy', True)
    """
    table = dict(_FUNCTIONS)
    table.update(_CLASSES)
    table.update(custom_objects or {})
    return resolve("loss", table, config)
