"""The metric protocol (``Metric``), the running sums and means, and the accuracies.

>>> import tapeflow as tf
>>> metric = tf.keras.metrics.SparseCategoricalAccuracy()
>>> metric.update_state([1, 0], [[0.2, 0.8], [0.4, 0.6]])
>>> float(metric.result())
0.5
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import tapeflow as tf

from .. import losses as _losses
from .._masking import get_keras_mask
from .._naming import auto_name
from .._utils import TensorLike
from ..losses import apply_mask

EPSILON = 1e-7


class Metric:
    """Base class: state lives in variables made by ``add_variable``.

    >>> import tapeflow as tf
    >>> class Count(tf.keras.metrics.Metric):
    ...     def __init__(self):
    ...         super().__init__(name="count")
    ...         self.n = self.add_variable((), initializer="zeros", name="n")
    ...     def update_state(self, values):
    ...         self.n.assign_add(tf.cast(tf.size(values), "float32"))
    ...     def result(self):
    ...         return self.n
    >>> c = Count(); c.update_state([1, 2]); float(c.result().numpy())
    2.0
    """

    def __init__(self, name: str | None = None, dtype: Any = None) -> None:
        self.name = name if name is not None else auto_name(type(self).__name__)
        self._dtype = tf.as_dtype(dtype) if dtype is not None else tf.float32
        self._variables: list[tf.Variable] = []

    @property
    def dtype(self) -> str:
        """The name of the dtype the state and results use.

        >>> tf.keras.metrics.Mean().dtype, tf.keras.metrics.Mean(dtype="float64").dtype
        ('float32', 'float64')
        """
        return self._dtype.name

    @property
    def variables(self) -> list[tf.Variable]:
        """The state variables, in creation order.

        >>> [v.name for v in tf.keras.metrics.Mean().variables]
        ['total:0', 'count:0']
        """
        return list(self._variables)

    def add_variable(
        self,
        shape: Sequence[int],
        initializer: Any,
        dtype: Any = None,
        aggregation: str = "sum",
        name: str | None = None,
    ) -> tf.Variable:
        """A non-trainable state variable (reset to its initial value by ``reset_state``).

        >>> metric = tf.keras.metrics.Metric(name="holder")
        >>> v = metric.add_variable((2,), initializer="ones", name="ones")
        >>> v.numpy(), v.trainable, len(metric.variables)
        (array([1., 1.], dtype=float32), False, 1)
        """
        from .. import initializers

        dtype = tf.as_dtype(dtype) if dtype is not None else self._dtype
        value = initializers.get(initializer)(tuple(shape), dtype=dtype)
        variable = tf.Variable(value, trainable=False, name=name or "variable", dtype=dtype)
        self._variables.append(variable)
        return variable

    def update_state(self, *args: Any, **kwargs: Any) -> None:
        """Fold a batch into the state; subclasses define it.

        >>> metric = tf.keras.metrics.Sum()
        >>> metric.update_state([1.0, 2.0])
        >>> metric.update_state(3.0)
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=6.0>
        """
        raise NotImplementedError

    def result(self) -> tf.Tensor:
        """The value of the metric from the state; subclasses define it.

        >>> metric = tf.keras.metrics.Mean()
        >>> metric.update_state([1.0, 2.0, 6.0])
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=3.0>
        """
        raise NotImplementedError

    def reset_state(self) -> None:
        """Zero every state variable.

        >>> metric = tf.keras.metrics.Mean()
        >>> metric.update_state([4.0])
        >>> metric.reset_state()
        >>> [float(v.numpy()) for v in metric.variables]
        [0.0, 0.0]
        """
        for variable in self._variables:
            variable.assign(tf.zeros(variable.shape, variable.dtype))

    def __call__(self, *args: Any, **kwargs: Any) -> tf.Tensor:
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self) -> dict:
        """``name`` and ``dtype`` (subclasses add their own).

        >>> tf.keras.metrics.Mean(name="avg").get_config()
        {'name': 'avg', 'dtype': 'float32'}
        """
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        """A new metric from ``get_config``'s dict.

        >>> tf.keras.metrics.Mean.from_config({"name": "avg", "dtype": "float32"}).name
        'avg'
        """
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"


def _samplewise(
    values: Any, sample_weight: TensorLike | None, reduce_fn: Callable, dtype: Any
) -> tuple:
    """Keras's reduce_to_samplewise_values: one value (and weight) per sample."""
    values = tf.cast(tf.convert_to_tensor(values), dtype)
    if sample_weight is not None:
        sample_weight = tf.cast(tf.convert_to_tensor(sample_weight), dtype)
        values, sample_weight = _losses.squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim, values_ndim = len(sample_weight.shape), len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        sample_weight = tf.broadcast_to(sample_weight, tf.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    if len(values.shape) > 1:
        values = reduce_fn(values, axis=list(range(1, len(values.shape))))
    return values, sample_weight


class Sum(Metric):
    """The (weighted) sum of all values seen.

    >>> metric = tf.keras.metrics.Sum()
    >>> metric([1.0, 2.0], sample_weight=[1.0, 0.5])
    <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
    """

    def __init__(self, name: str = "sum", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")

    def update_state(self, values: Any, sample_weight: TensorLike | None = None) -> None:
        """Add the (weighted) values to the total.

        >>> metric = tf.keras.metrics.Sum()
        >>> metric.update_state([[1.0, 2.0], [3.0, 4.0]])
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=10.0>
        """
        values, _ = _samplewise(values, sample_weight, tf.reduce_sum, self._dtype)
        self.total.assign_add(tf.reduce_sum(values))

    def result(self) -> tf.Tensor:
        """The total so far.

        >>> tf.keras.metrics.Sum().result()
        <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
        """
        return tf.identity(self.total)


class Mean(Metric):
    """The (weighted) mean of all values seen: ``total / count``.

    >>> metric = tf.keras.metrics.Mean()
    >>> metric.update_state([1.0, 3.0])
    >>> metric.update_state([5.0], sample_weight=[2.0])
    >>> metric.result()  # (1 + 3 + 2 * 5) / 4
    <tf.Tensor: shape=(), dtype=float32, numpy=3.5>
    """

    def __init__(self, name: str = "mean", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable((), "zeros", name="total")
        self.count = self.add_variable((), "zeros", name="count")

    def update_state(self, values: Any, sample_weight: TensorLike | None = None) -> None:
        """Add the weighted values to the total and the weights to the count.

        >>> metric = tf.keras.metrics.Mean()
        >>> metric.update_state([[1.0, 3.0], [5.0, 7.0]])
        >>> metric.result()  # the mean of each sample's mean
        <tf.Tensor: shape=(), dtype=float32, numpy=4.0>
        """
        values, sample_weight = _samplewise(values, sample_weight, tf.reduce_mean, self._dtype)
        # A scalar (fit's loss) is its own sum: one op fewer in every train step.
        self.total.assign_add(tf.reduce_sum(values) if len(values.shape) else values)
        if sample_weight is not None:
            num = tf.reduce_sum(sample_weight)
        elif len(values.shape) >= 1:
            num = values.shape[0]
        else:
            num = 1
        self.count.assign_add(tf.cast(num, self._dtype))

    def result(self) -> tf.Tensor:
        """``total / count`` (0 before any update).

        >>> tf.keras.metrics.Mean().result()
        <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
        """
        return tf.math.divide_no_nan(self.total, self.count)


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred)``.

    >>> metric = tf.keras.metrics.MeanMetricWrapper(fn=tf.keras.losses.mean_absolute_error, name="mae")
    >>> metric.update_state([[0.0, 1.0]], [[1.0, 1.0]])
    >>> metric.result()
    <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
    """

    def __init__(
        self, fn: Callable, name: str | None = None, dtype: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(
            name=name if name is not None else auto_name("mean_metric_wrapper"), dtype=dtype
        )
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(  # type: ignore[override]  # Keras's (labels, predictions)
        self, y_true: TensorLike, y_pred: TensorLike, sample_weight: TensorLike | None = None
    ) -> None:
        """The mean of ``fn(y_true, y_pred)`` per sample, weighted.

        >>> metric = tf.keras.metrics.MeanMetricWrapper(tf.keras.metrics.binary_accuracy)
        >>> metric.update_state([[1.0], [0.0]], [[0.9], [0.8]])
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=0.5>
        """
        mask = get_keras_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, self._dtype, "sum")
        super().update_state(values, sample_weight=sample_weight)

    def get_config(self) -> dict:
        """``name``, ``dtype`` and the extra arguments of ``fn``.

        >>> tf.keras.metrics.BinaryAccuracy(threshold=0.7).get_config()
        {'name': 'binary_accuracy', 'dtype': 'float32', 'threshold': 0.7}
        """
        config = super().get_config()
        config.update(self._fn_kwargs)
        return config


# -- metric functions ------------------------------------------------------------


def accuracy(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """1.0 where ``y_true == y_pred`` exactly, else 0.0.

    >>> accuracy(tf.constant([1, 2, 3]), tf.constant([1, 0, 3]))
    <tf.Tensor: shape=(3,), dtype=float32, numpy=array([1., 0., 1.], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.cast(tf.convert_to_tensor(y_true), y_pred.dtype)
    y_true, y_pred = _losses.squeeze_or_expand_to_same_rank(y_true, y_pred)
    return tf.cast(tf.equal(y_true, y_pred), tf.float32)


def binary_accuracy(y_true: TensorLike, y_pred: TensorLike, threshold: float = 0.5) -> tf.Tensor:
    """1.0 where ``(y_pred > threshold) == y_true``.

    >>> binary_accuracy(tf.constant([[1.0], [0.0]]), tf.constant([[0.7], [0.6]]))
    <tf.Tensor: shape=(2, 1), dtype=float32, numpy=
    array([[1.],
           [0.]], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.convert_to_tensor(y_true)
    y_true, y_pred = _losses.squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = tf.cast(y_pred > tf.cast(threshold, y_pred.dtype), y_true.dtype)
    return tf.cast(tf.equal(y_true, y_pred), tf.float32)


def categorical_accuracy(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """1.0 where the arg-max class of ``y_pred`` is that of one-hot ``y_true``.

    >>> categorical_accuracy(tf.constant([[0.0, 1.0], [1.0, 0.0]]), tf.constant([[0.2, 0.8], [0.3, 0.7]]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 0.], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    true_class = tf.argmax(tf.convert_to_tensor(y_true), axis=-1)
    matches = tf.equal(true_class, tf.argmax(y_pred, axis=-1))
    return tf.cast(matches, tf.float32)


def sparse_categorical_accuracy(y_true: TensorLike, y_pred: TensorLike) -> tf.Tensor:
    """1.0 where the arg-max class of ``y_pred`` equals the integer label.

    >>> sparse_categorical_accuracy(tf.constant([1, 0]), tf.constant([[0.2, 0.8], [0.3, 0.7]]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 0.], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.cast(tf.convert_to_tensor(y_true), y_pred.dtype)
    shape = tuple(y_true.shape)
    squeezed = len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1
    if squeezed:
        y_true = tf.squeeze(y_true, -1)
    predicted = tf.cast(tf.argmax(y_pred, axis=-1), y_true.dtype)
    matches = tf.cast(tf.equal(y_true, predicted), tf.float32)
    if squeezed:
        matches = tf.reshape(matches, shape)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = tf.squeeze(matches, -1)
    return matches


def _in_top_k(targets: TensorLike, predictions: TensorLike, k: int) -> tf.Tensor:
    # TF's in_top_k: the target's score beats all but fewer than k others (ties count for it).
    target_score = tf.gather(predictions, targets, batch_dims=1)
    better = tf.reduce_sum(tf.cast(predictions > target_score[:, None], tf.int32), axis=-1)
    return better < k


def top_k_categorical_accuracy(y_true: TensorLike, y_pred: TensorLike, k: int = 5) -> tf.Tensor:
    """1.0 where the true class (arg-max of one-hot ``y_true``) is among the top ``k`` scores.

    >>> top_k_categorical_accuracy(tf.constant([[0.0, 0.0, 1.0]]), tf.constant([[0.5, 0.3, 0.2]]), k=2)
    <tf.Tensor: shape=(1,), dtype=float32, numpy=array([0.], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.argmax(tf.convert_to_tensor(y_true), axis=-1)
    shape = tuple(y_true.shape)
    if len(y_pred.shape) > 2:
        y_pred = tf.reshape(y_pred, [-1, y_pred.shape[-1]])
    matches = tf.cast(_in_top_k(tf.reshape(tf.cast(y_true, tf.int32), [-1]), y_pred, k), tf.float32)
    return tf.reshape(matches, shape) if len(shape) > 1 else matches


def sparse_top_k_categorical_accuracy(
    y_true: TensorLike, y_pred: TensorLike, k: int = 5
) -> tf.Tensor:
    """1.0 where the integer label is among the top ``k`` scores.

    >>> sparse_top_k_categorical_accuracy(tf.constant([1, 2]), tf.constant([[0.5, 0.3, 0.2], [0.5, 0.3, 0.2]]), k=2)
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 0.], dtype=float32)>
    """
    y_pred = tf.convert_to_tensor(y_pred)
    y_true = tf.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape):
        y_true = tf.reshape(y_true, [-1])
    return tf.cast(_in_top_k(tf.cast(y_true, tf.int32), y_pred, k), tf.float32)


def _wrapper(
    class_name: str, fn: Callable, default_name: str, params: dict, doc: str, example: str
) -> type:
    """A MeanMetricWrapper class over ``fn``; ``example`` is its doctest."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = list(params) + ["name", "dtype"]
        given = dict(zip(names, args))
        given.update(kwargs)
        unknown = set(given) - set(names)
        if unknown:
            raise TypeError(
                f"{class_name}.__init__() got an unexpected keyword argument '{sorted(unknown)[0]}'"
            )
        fn_kwargs = {key: given.get(key, default) for key, default in params.items()}
        MeanMetricWrapper.__init__(
            self, fn, name=given.get("name", default_name), dtype=given.get("dtype"), **fn_kwargs
        )

    cls = type(
        class_name, (MeanMetricWrapper,), {"__init__": __init__, "__doc__": f"{doc}\n\n{example}"}
    )
    cls.__module__ = __name__
    return cls


Accuracy = _wrapper(
    "Accuracy",
    accuracy,
    "accuracy",
    {},
    "How often predictions equal labels.",
    ">>> m = tf.keras.metrics.Accuracy()\n"
    ">>> m.update_state([[1], [2], [3]], [[1], [2], [0]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.66666...>\n",
)
BinaryAccuracy = _wrapper(
    "BinaryAccuracy",
    binary_accuracy,
    "binary_accuracy",
    {"threshold": 0.5},
    "Thresholded accuracy.",
    ">>> m = tf.keras.metrics.BinaryAccuracy()\n"
    ">>> m.update_state([[1.0], [0.0]], [[0.9], [0.7]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
CategoricalAccuracy = _wrapper(
    "CategoricalAccuracy",
    categorical_accuracy,
    "categorical_accuracy",
    {},
    "Accuracy on one-hot labels.",
    ">>> m = tf.keras.metrics.CategoricalAccuracy()\n"
    ">>> m.update_state([[0.0, 1.0], [1.0, 0.0]], [[0.2, 0.8], [0.3, 0.7]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
SparseCategoricalAccuracy = _wrapper(
    "SparseCategoricalAccuracy",
    sparse_categorical_accuracy,
    "sparse_categorical_accuracy",
    {},
    "Accuracy on integer labels.",
    ">>> m = tf.keras.metrics.SparseCategoricalAccuracy()\n"
    ">>> m.update_state([1, 0], [[0.2, 0.8], [0.3, 0.7]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
TopKCategoricalAccuracy = _wrapper(
    "TopKCategoricalAccuracy",
    top_k_categorical_accuracy,
    "top_k_categorical_accuracy",
    {"k": 5},
    "How often the true class is among the top k.",
    ">>> m = tf.keras.metrics.TopKCategoricalAccuracy(k=2)\n"
    ">>> m.update_state([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[0.1, 0.5, 0.4], [0.5, 0.1, 0.4]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
SparseTopKCategoricalAccuracy = _wrapper(
    "SparseTopKCategoricalAccuracy",
    sparse_top_k_categorical_accuracy,
    "sparse_top_k_categorical_accuracy",
    {"k": 5},
    "Top-k accuracy on integer labels.",
    ">>> m = tf.keras.metrics.SparseTopKCategoricalAccuracy(k=2)\n"
    ">>> m.update_state([2, 1], [[0.1, 0.5, 0.4], [0.5, 0.1, 0.4]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
MeanSquaredError = _wrapper(
    "MeanSquaredError",
    _losses.mean_squared_error,
    "mean_squared_error",
    {},
    "Running mean squared error.",
    ">>> m = tf.keras.metrics.MeanSquaredError()\n"
    ">>> m.update_state([[0.0, 1.0]], [[1.0, 1.0]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=0.5>\n",
)
MeanAbsoluteError = _wrapper(
    "MeanAbsoluteError",
    _losses.mean_absolute_error,
    "mean_absolute_error",
    {},
    "Running mean absolute error.",
    ">>> m = tf.keras.metrics.MeanAbsoluteError()\n"
    ">>> m.update_state([[0.0, 1.0]], [[2.0, 2.0]])\n"
    ">>> m.result()\n"
    "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>\n",
)


class RootMeanSquaredError(Mean):
    """``sqrt(mean((y_pred - y_true)**2))`` over everything seen.

    >>> metric = tf.keras.metrics.RootMeanSquaredError()
    >>> metric.update_state([[0.0], [0.0]], [[3.0], [4.0]])
    >>> metric.result()  # sqrt((9 + 16) / 2)
    <tf.Tensor: shape=(), dtype=float32, numpy=3.535533905029297>
    """

    def __init__(self, name: str = "root_mean_squared_error", dtype: Any = None) -> None:
        super().__init__(name=name, dtype=dtype)

    def update_state(  # type: ignore[override]  # Keras's (labels, predictions)
        self, y_true: TensorLike, y_pred: TensorLike, sample_weight: TensorLike | None = None
    ) -> None:
        """Add the weighted squared errors to the running mean.

        >>> metric = tf.keras.metrics.RootMeanSquaredError()
        >>> metric.update_state([[1.0, 1.0]], [[3.0, 3.0]], sample_weight=[2.0])
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=2.0>
        """
        y_true = tf.cast(tf.convert_to_tensor(y_true), self._dtype)
        y_pred = tf.cast(tf.convert_to_tensor(y_pred), self._dtype)
        y_true, y_pred = _losses.squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(tf.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self) -> tf.Tensor:
        """The square root of the mean squared error.

        >>> tf.keras.metrics.RootMeanSquaredError().result()
        <tf.Tensor: shape=(), dtype=float32, numpy=0.0>
        """
        return tf.sqrt(tf.math.divide_no_nan(self.total, self.count))
