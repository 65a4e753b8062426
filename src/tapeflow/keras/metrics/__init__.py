"""tf.keras.metrics: stateful metrics (``update_state``, ``result``, ``reset_state``).

>>> import tapeflow as tf
>>> m = tf.keras.metrics.Mean()
>>> m.update_state([1.0, 3.0, 5.0, 7.0])
>>> float(m.result().numpy())
4.0
"""

from __future__ import annotations

from typing import Any

from .. import losses as _losses
from .._registry import resolve
from .base import (
    EPSILON,
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    Mean,
    MeanAbsoluteError,
    MeanMetricWrapper,
    MeanSquaredError,
    Metric,
    RootMeanSquaredError,
    SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    Sum,
    TopKCategoricalAccuracy,
    accuracy,
    binary_accuracy,
    categorical_accuracy,
    sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from .confusion import AUC, Precision, Recall

_CLASSES = (
    Mean,
    Sum,
    Accuracy,
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    TopKCategoricalAccuracy,
    SparseTopKCategoricalAccuracy,
    MeanSquaredError,
    MeanAbsoluteError,
    RootMeanSquaredError,
    Precision,
    Recall,
    AUC,
)
_TABLE: dict[str, Any] = {cls.__name__: cls for cls in _CLASSES}
_TABLE.update(
    {
        "accuracy": accuracy,
        "acc": accuracy,
        "binary_accuracy": binary_accuracy,
        "categorical_accuracy": categorical_accuracy,
        "sparse_categorical_accuracy": sparse_categorical_accuracy,
        "top_k_categorical_accuracy": top_k_categorical_accuracy,
        "sparse_top_k_categorical_accuracy": sparse_top_k_categorical_accuracy,
        "mean_squared_error": _losses.mean_squared_error,
        "mean_absolute_error": _losses.mean_absolute_error,
        "mse": _losses.mean_squared_error,
        "mae": _losses.mean_absolute_error,
        "binary_crossentropy": _losses.binary_crossentropy,
        "categorical_crossentropy": _losses.categorical_crossentropy,
        "sparse_categorical_crossentropy": _losses.sparse_categorical_crossentropy,
        "auc": AUC,
        "precision": Precision,
        "recall": Recall,
    }
)


def get(identifier: Any) -> Any:
    """A metric from a name (a function, as in Keras), a config dict, or an object.

    ``compile(metrics=["accuracy"])`` picks the right accuracy from the loss;
    that choice is the model's, not this function's.

    >>> get("accuracy") is accuracy
    True
    """
    return resolve("metric", _TABLE, identifier)


def serialize(metric: Metric) -> dict:
    """Keras's ``{"module", "class_name", "config", "registered_name"}`` form.

    >>> import tapeflow as tf
    >>> serialize(tf.keras.metrics.Mean(name="avg"))
    {'module': 'keras.metrics', 'class_name': 'Mean', 'config': {'name': 'avg', 'dtype': 'float32'}, 'registered_name': None}
    """
    return {
        "module": "keras.metrics",
        "class_name": type(metric).__name__,
        "config": metric.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> Any:
    """The metric ``serialize`` described.

    >>> deserialize({"class_name": "Mean", "config": {"name": "avg"}}).name
    'avg'
    """
    return resolve("metric", dict(_TABLE, **(custom_objects or {})), config)
