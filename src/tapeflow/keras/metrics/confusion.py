"""Confusion-matrix metrics: Precision, Recall and AUC from thresholded counts.

>>> import tapeflow as tf
>>> metric = tf.keras.metrics.Precision(thresholds=0.5)
>>> metric.update_state([1, 0, 1], [0.9, 0.7, 0.2])
>>> float(metric.result())
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

import tapeflow as tf

from .. import losses as _losses
from .._naming import auto_name
from .._utils import TensorLike
from .base import EPSILON, Metric


class _Confusion(Metric):
    """Counts of true/false positives/negatives at each threshold (``y_pred > t``)."""

    # The count variables (one per kind in _kinds) are set by __init__.
    _single: bool
    true_positives: Any
    false_positives: Any
    true_negatives: Any
    false_negatives: Any

    _kinds: tuple[str, ...] = ()

    def __init__(
        self, thresholds: Any, name: str | None, dtype: Any, class_id: int | None = None
    ) -> None:
        super().__init__(name=name, dtype=dtype)
        self._thresholds = np.asarray(thresholds, dtype=np.float32)
        self.class_id = class_id
        n = len(self._thresholds)
        for kind in self._kinds:
            setattr(self, kind, self.add_variable((n,), "zeros", name=kind))

    def update_state(
        self, y_true: TensorLike, y_pred: TensorLike, sample_weight: TensorLike | None = None
    ) -> None:
        """Add this batch's counts (``y_pred > threshold`` against the labels) per threshold.

        >>> m = tf.keras.metrics.Precision(thresholds=[0.3, 0.7])
        >>> m.update_state([1, 0, 1], [0.5, 0.4, 0.9])
        >>> m.true_positives.numpy(), m.false_positives.numpy()
        (array([2., 1.], dtype=float32), array([1., 0.], dtype=float32))
        """
        y_pred = tf.cast(tf.convert_to_tensor(y_pred), tf.float32)
        y_true = tf.cast(tf.convert_to_tensor(y_true), tf.bool)
        y_true, y_pred = _losses.squeeze_or_expand_to_same_rank(y_true, y_pred)
        if self.class_id is not None:
            y_true, y_pred = y_true[..., self.class_id], y_pred[..., self.class_id]
        labels = tf.reshape(y_true, [1, -1])
        predicted = tf.reshape(y_pred, [1, -1]) > tf.constant(self._thresholds)[:, None]
        weight = None
        if sample_weight is not None:
            weight = tf.broadcast_to(
                tf.cast(tf.convert_to_tensor(sample_weight), self._dtype), tf.shape(y_pred)
            )
            weight = tf.reshape(weight, [1, -1])
        cases = {
            "true_positives": tf.logical_and(labels, predicted),
            "false_positives": tf.logical_and(tf.logical_not(labels), predicted),
            "true_negatives": tf.logical_and(tf.logical_not(labels), tf.logical_not(predicted)),
            "false_negatives": tf.logical_and(labels, tf.logical_not(predicted)),
        }
        for kind in self._kinds:
            hits = tf.cast(cases[kind], self._dtype)
            if weight is not None:
                hits = hits * weight
            getattr(self, kind).assign_add(tf.reduce_sum(hits, axis=1))

    def _scalar(self, value: Any) -> Any:
        return value[0] if len(self._thresholds) == 1 and self._single else value


class _Ratio(_Confusion):
    """``true_positives / (true_positives + other)``, other the second of ``_kinds``."""

    def __init__(
        self,
        thresholds: Any = None,
        top_k: int | None = None,
        class_id: int | None = None,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        cls = type(self).__name__
        if top_k is not None:
            raise NotImplementedError(f"tapeflow's {cls} does not implement `top_k`.")
        self._single = thresholds is None or np.ndim(thresholds) == 0
        self.init_thresholds = thresholds
        values = [0.5] if thresholds is None else np.atleast_1d(thresholds).tolist()
        super().__init__(values, name if name is not None else auto_name(cls), dtype, class_id)

    def result(self) -> tf.Tensor:
        """The ratio per threshold (a scalar for a single threshold).

        >>> m = tf.keras.metrics.Recall()
        >>> m.update_state([1, 1, 0, 1], [0.9, 0.2, 0.8, 0.6])
        >>> m.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=0.66666...>
        """
        tp, other = (getattr(self, kind) for kind in self._kinds)
        return self._scalar(tf.math.divide_no_nan(tp, tp + other))


class Precision(_Ratio):
    """``tp / (tp + fp)`` at ``thresholds`` (default 0.5), the result per threshold.

    >>> metric = tf.keras.metrics.Precision()
    >>> metric.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> metric.result()  # 2 of the 3 predicted positives
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6666666865348816>
    >>> metric = tf.keras.metrics.Precision(thresholds=[0.3, 0.6])
    >>> metric.update_state([0, 1], [0.5, 0.9])
    >>> metric.result()
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.5, 1. ], dtype=float32)>
    """

    _kinds = ("true_positives", "false_positives")


class Recall(_Ratio):
    """``tp / (tp + fn)`` at ``thresholds`` (default 0.5), the result per threshold.

    >>> metric = tf.keras.metrics.Recall()
    >>> metric.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    >>> metric.result()  # 2 of the 3 positives found
    <tf.Tensor: shape=(), dtype=float32, numpy=0.6666666865348816>
    >>> metric = tf.keras.metrics.Recall(thresholds=[0.3, 0.6])
    >>> metric.update_state([1, 1], [0.5, 0.9])
    >>> metric.result()
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1. , 0.5], dtype=float32)>
    """

    _kinds = ("true_positives", "false_negatives")


class AUC(_Confusion):
    """Area under the ROC or PR curve, by a Riemann sum over ``num_thresholds`` buckets.

    >>> metric = tf.keras.metrics.AUC()
    >>> metric.update_state([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> round(float(metric.result()), 4)
    0.75
    """

    _kinds = ("true_positives", "false_positives", "true_negatives", "false_negatives")

    def __init__(
        self,
        num_thresholds: int = 200,
        curve: str = "ROC",
        summation_method: str = "interpolation",
        name: str | None = None,
        dtype: Any = None,
        thresholds: Sequence[float] | None = None,
        multi_label: bool = False,
        num_labels: int | None = None,
        label_weights: Any = None,
        from_logits: bool = False,
    ) -> None:
        if multi_label or label_weights is not None:
            raise NotImplementedError(
                "tapeflow's AUC does not implement multi_label or label_weights."
            )
        curve = curve.upper()
        if curve not in ("ROC", "PR"):
            raise ValueError(f'Invalid curve: "{curve}". Valid options are: "ROC", "PR"')
        if summation_method not in ("interpolation", "minoring", "majoring"):
            raise ValueError(
                f'Invalid AUC summation method value: "{summation_method}". '
                'Expected values are ["interpolation", "majoring", "minoring"]'
            )
        if thresholds is not None:
            inner = sorted(float(t) for t in thresholds)
            num_thresholds = len(inner) + 2
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. "
                    f"Received: num_thresholds={num_thresholds}"
                )
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self.num_thresholds = num_thresholds
        self.curve = curve
        self.summation_method = summation_method
        self.multi_label = multi_label
        self._from_logits = from_logits
        self._single = False
        edges = [0.0 - EPSILON] + inner + [1.0 + EPSILON]
        super().__init__(edges, name if name is not None else auto_name("auc"), dtype)

    @property
    def thresholds(self) -> list[float]:
        """The confusion thresholds, 0 and 1 at the ends nudged by epsilon.

        >>> tf.keras.metrics.AUC(num_thresholds=3).thresholds
        [-1.0000000116860974e-07, 0.5, 1.0000001192092896]
        """
        return self._thresholds.tolist()

    def update_state(
        self, y_true: TensorLike, y_pred: TensorLike, sample_weight: TensorLike | None = None
    ) -> None:
        """Count true/false positives/negatives at every threshold.

        >>> metric = tf.keras.metrics.AUC(num_thresholds=3)
        >>> metric.update_state([1, 0], [0.9, 0.2])
        >>> metric.true_positives.numpy()
        array([1., 1., 0.], dtype=float32)
        """
        if self._from_logits:
            y_pred = tf.sigmoid(tf.convert_to_tensor(y_pred))
        super().update_state(y_true, y_pred, sample_weight)

    def result(self) -> tf.Tensor:
        """The area under the ROC (or PR) curve from the counts, by Riemann sum.

        >>> metric = tf.keras.metrics.AUC(curve="PR")
        >>> metric.update_state([0, 1], [0.2, 0.8])
        >>> metric.result()
        <tf.Tensor: shape=(), dtype=float32, numpy=1.0>
        """
        tp, fp = self.true_positives, self.false_positives
        tn, fn = self.true_negatives, self.false_negatives
        n = self.num_thresholds
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolated_pr_auc(tp, fp, fn, n)
        recall = tf.math.divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = tf.math.divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, tf.math.divide_no_nan(tp, tp + fp)
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = tf.minimum(y[: n - 1], y[1:])
        else:
            heights = tf.maximum(y[: n - 1], y[1:])
        return tf.reduce_sum((x[: n - 1] - x[1:]) * heights)

    @staticmethod
    def _interpolated_pr_auc(tp: Any, fp: Any, fn: Any, n: int) -> tf.Tensor:
        # Davis & Goadrich: precision interpolated along the line between buckets.
        dtp = tp[: n - 1] - tp[1:]
        p = tp + fp
        dp = p[: n - 1] - p[1:]
        slope = tf.math.divide_no_nan(dtp, tf.maximum(dp, 0.0))
        intercept = tp[1:] - slope * p[1:]
        both = tf.logical_and(p[: n - 1] > 0, p[1:] > 0)
        ratio = tf.where(
            both, tf.math.divide_no_nan(p[: n - 1], tf.maximum(p[1:], 0.0)), tf.ones_like(p[1:])
        )
        increment = tf.math.divide_no_nan(
            slope * (dtp + intercept * tf.math.log(ratio)), tf.maximum(tp[1:] + fn[1:], 0.0)
        )
        return tf.reduce_sum(increment)
