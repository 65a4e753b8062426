"""compile, fit, evaluate, predict and the per-batch steps of keras.Model.

One training step is ``train_step(data)``: forward under a GradientTape,
loss plus ``model.losses``, gradients, ``optimizer.apply_gradients``, then
metric updates; it returns the logs. Subclasses may override it.

>>> import numpy as np
>>> import tapeflow as tf
>>> from tapeflow.keras.models import training
>>> x, y, sw = training.unpack_x_y_sample_weight((np.ones(2), np.zeros(2)))
>>> sw is None
True
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

import tapeflow as tf

from .. import _utils
from .. import callbacks as callbacks_module
from .._utils import TensorLike
from ..callbacks import pythonify_logs

if TYPE_CHECKING:  # for the checker, a Trainer is the Layer it is mixed into
    from ..layers.base import Layer as _TrainerBase
else:
    _TrainerBase = object


def _keras_module(name: str) -> Any:
    try:
        return importlib.import_module(f"tapeflow.keras.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"tapeflow.keras.{name}":
            raise
        raise NotImplementedError(
            f"tapeflow.keras.{name} is not available yet: pass an object instead of a name"
        ) from None


def unpack_x_y_sample_weight(data: Any) -> tuple:
    """Split a batch into (x, y, sample_weight) the way Keras does.

    >>> unpack_x_y_sample_weight(("x", "y"))
    ('x', 'y', None)
    >>> unpack_x_y_sample_weight(["x", "y", "w"])
    ('x', 'y', 'w')
    >>> unpack_x_y_sample_weight("x")
    ('x', None, None)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
        f"found: {data}"
    )


def _as_array(value: Any) -> Any:
    if value is None or isinstance(value, np.ndarray):
        return value
    if isinstance(value, (tf.Tensor, tf.Variable)):
        return value.numpy()
    return np.asarray(value)


def _standardize(value: Any) -> Any:
    """Arrays in a batch: float64 becomes float32 (Keras's floatx), ints stay."""
    if value is None:
        return None
    array = _as_array(value)
    if array.dtype == np.float64:
        array = array.astype(np.float32)
    return array


def _is_array_data(x: TensorLike) -> bool:
    leaves = _utils.flatten(x)
    return bool(leaves) and all(
        isinstance(v, (np.ndarray, tf.Tensor, tf.Variable, list, float, int)) for v in leaves
    )


def _num_samples(structure: Any) -> int:
    sizes = {len(_as_array(v)) for v in _utils.flatten(structure) if v is not None}
    if len(sizes) > 1:
        raise ValueError(
            f"Data cardinality is ambiguous. Make sure all arrays contain the same number of "
            f"samples. Got sizes: {sorted(sizes)}"
        )
    return sizes.pop() if sizes else 0


def _class_weights_for(y: TensorLike, class_weight: dict) -> np.ndarray:
    labels = _as_array(_utils.flatten(y)[0])
    if labels.ndim > 1 and labels.shape[-1] > 1:
        labels = np.argmax(labels, axis=-1)
    labels = labels.reshape(len(labels), -1)[:, 0].astype(np.int64)
    table = np.array([class_weight.get(int(c), 1.0) for c in range(labels.max() + 1)])
    return table[labels].astype(np.float32)


class _ArrayBatches:
    """Slices arrays into batches, shuffling the order each epoch if asked."""

    def __init__(
        self,
        x: TensorLike,
        y: TensorLike | None = None,
        sample_weight: TensorLike | None = None,
        batch_size: int | None = 32,
        shuffle: bool = False,
        class_weight: Any = None,
        steps: Any = None,
    ) -> None:
        self.data = (
            _utils.map_structure(_standardize, x),
            _utils.map_structure(_standardize, y) if y is not None else None,
            _standardize(sample_weight),
        )
        if class_weight is not None and y is not None:
            weights = _class_weights_for(y, class_weight)
            if self.data[2] is not None:
                weights = weights * self.data[2]
            self.data = (*self.data[:2], weights)
        self.size = _num_samples(self.data)
        self.batch_size = batch_size or 32
        self.shuffle = shuffle
        self.num_batches = max(1, math.ceil(self.size / self.batch_size)) if self.size else 0
        if steps is not None:
            self.num_batches = min(self.num_batches, steps)

    def __iter__(self) -> Any:
        order = None
        if self.shuffle:
            order = tf.random.shuffle(tf.range(self.size)).numpy()
        # The leaves once, not per batch: a step of a small model costs tens of
        # microseconds, and walking the structures would be a tenth of it.
        structure = self.data
        leaves = _utils.flatten(structure)
        plain = all(isinstance(part, np.ndarray) or part is None for part in structure)
        sources = structure if plain else leaves
        for step in range(self.num_batches):
            start = step * self.batch_size
            index = slice(start, start + self.batch_size)
            if order is not None:
                index = order[index]
            # Tensors, not arrays: a compiled step converts Tensor arguments fastest.
            parts = [None if a is None else tf.constant(a[index]) for a in sources]
            x, y, sw = parts if plain else _utils.pack_like(structure, parts)
            yield (x,) if y is None and sw is None else ((x, y) if sw is None else (x, y, sw))


class _IterableBatches:
    """A dataset (anything iterable yielding batches); its length if it knows it."""

    def __init__(self, dataset: Any, steps: Any = None) -> None:
        self.dataset = dataset
        self.num_batches = steps
        if steps is None:
            try:
                count = int(np.asarray(dataset.cardinality()))
                self.num_batches = count if count >= 0 else None
            except (AttributeError, TypeError):
                try:
                    self.num_batches = len(dataset)
                except TypeError:
                    self.num_batches = None

    def __iter__(self) -> Any:
        for step, batch in enumerate(self.dataset):
            if self.num_batches is not None and step >= self.num_batches:
                return
            yield batch


def _batches(
    x: TensorLike,
    y: TensorLike,
    sample_weight: TensorLike | None,
    batch_size: int | None,
    shuffle: Any,
    class_weight: Any = None,
    steps: Any = None,
) -> Any:
    if x is not None and not _is_array_data(x) and hasattr(x, "__iter__"):
        if y is not None:
            raise ValueError(
                "When providing `x` as a dataset or generator, `y` should not be passed. "
                "Instead, the targets should be included as part of the dataset `x`."
            )
        return _IterableBatches(x, steps)
    return _ArrayBatches(x, y, sample_weight, batch_size, shuffle, class_weight, steps)


def _resolve_metric(identifier: Any, y_true: TensorLike, y_pred: TensorLike) -> Any:
    metrics = _keras_module("metrics")
    if isinstance(identifier, str) and identifier.lower() in ("accuracy", "acc"):
        pred_last = y_pred.shape[-1] if len(y_pred.shape) else 1
        true_shape = tuple(y_true.shape)
        if pred_last == 1:
            function = metrics.binary_accuracy
        elif len(true_shape) == len(y_pred.shape) - 1 or (true_shape and true_shape[-1] == 1):
            function = metrics.sparse_categorical_accuracy
        else:
            function = metrics.categorical_accuracy
        return metrics.MeanMetricWrapper(function, name=identifier)
    metric = metrics.get(identifier)
    if not hasattr(metric, "update_state"):
        name = identifier if isinstance(identifier, str) else metric.__name__
        metric = metrics.MeanMetricWrapper(metric, name=name)
    elif isinstance(identifier, str):
        metric.name = identifier
    return metric


def _resolve_loss(identifier: Any) -> Any:
    """A callable (y_true, y_pred, sample_weight=None) reducing to a scalar."""
    if identifier is None:
        return None
    losses = _keras_module("losses")
    loss = losses.get(identifier) if isinstance(identifier, (str, dict)) else identifier
    if not isinstance(loss, losses.Loss):
        # Plain functions give per-sample values; Keras wraps them to reduce.
        loss = losses.LossFunctionWrapper(loss, name=getattr(loss, "__name__", None))
    return loss


class Trainer(_TrainerBase):
    """The training half of keras.Model (mixed into Model).

    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    >>> x, y = tf.constant([[1.0], [2.0]]), tf.constant([[2.0], [4.0]])
    >>> history = model.fit(x, y, epochs=3, verbose=0)
    >>> [round(v, 4) for v in history.history["loss"]]
    [10.0, 1.06, 0.1732]
    >>> {k: round(float(v), 4) for k, v in model.evaluate(x, y, verbose=0, return_dict=True).items()}
    {'loss': 0.0835, 'mae': 0.287}
    """

    # Set by _init_trainer and compile.
    train_function: Any
    test_function: Any

    def _init_trainer(self) -> None:
        self.compiled = False
        self.optimizer: Any = None
        self.loss: Any = None
        self.stop_training = False
        self.history = None
        self.run_eagerly = False
        self._loss_tracker: Any = None
        self._metric_specs: list = []
        self._compiled_metrics: list | None = None

    def compile(
        self,
        optimizer: str = "rmsprop",
        loss: Any = None,
        loss_weights: Any = None,
        metrics: Any = None,
        weighted_metrics: Any = None,
        run_eagerly: bool = False,
        steps_per_execution: int = 1,
        jit_compile: str = "auto",
        auto_scale_loss: bool = True,
    ) -> None:
        """Choose the optimizer, loss and metrics that fit and evaluate use.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(optimizer="adam", loss="mse", metrics=["mae"])
        >>> type(model.optimizer).__name__, model.compiled
        ('Adam', True)
        """
        if isinstance(optimizer, (str, dict)):
            optimizer = _keras_module("optimizers").get(optimizer)
        self.optimizer = optimizer
        if isinstance(loss, (list, tuple)):
            loss = [_resolve_loss(item) for item in loss]
        else:
            loss = _resolve_loss(loss)
        self.loss = loss
        self.loss_weights = loss_weights
        self._metric_specs = list(metrics or [])
        self._weighted_metric_specs = list(weighted_metrics or [])
        self._compiled_metrics = None
        self.run_eagerly = bool(run_eagerly)
        self._loss_tracker = _keras_module("metrics").Mean(name="loss")
        self.compiled = True
        self.train_function = None
        self.test_function = None

    def _assert_compiled(self, method: str) -> None:
        if not self.compiled:
            raise ValueError(
                "You must call `compile()` before using the model."
                if method != "fit"
                else "You must call `compile()` before training the model."
            )

    # -- losses and metrics ----------------------------------------------------
    def compute_loss(
        self,
        x: TensorLike | None = None,
        y: TensorLike | None = None,
        y_pred: TensorLike | None = None,
        sample_weight: TensorLike | None = None,
        training: bool | None = True,
    ) -> Any:
        """The compiled loss of (y, y_pred) plus every loss in ``model.losses``.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones", kernel_regularizer=tf.keras.regularizers.L2(0.5))])
        >>> model.compile(loss="mae")
        >>> model.compute_loss(y=tf.constant([[3.0]]), y_pred=tf.constant([[1.0]]))  # 2 + 0.5 * 1
        <tf.Tensor: shape=(), dtype=float32, numpy=2.5>
        """
        terms = []
        if self.loss is not None:
            if isinstance(self.loss, (list, tuple)):
                outputs = list(y_pred) if isinstance(y_pred, (list, tuple)) else [y_pred]
                targets = list(y) if isinstance(y, (list, tuple)) else [y]
                weights = self.loss_weights or [1.0] * len(self.loss)
                for fn, target, output, weight in zip(self.loss, targets, outputs, weights):
                    terms.append(fn(target, output, sample_weight=sample_weight) * weight)
            else:
                terms.append(self.loss(y, y_pred, sample_weight=sample_weight))
        for extra in self.losses:
            terms.append(tf.reduce_sum(tf.cast(extra, "float32")))
        if not terms:
            return tf.constant(0.0)
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return total

    def _build_metrics(self, y: TensorLike, y_pred: TensorLike) -> None:
        if self._compiled_metrics is not None:
            return
        metrics = []
        if self._metric_specs or self._weighted_metric_specs:
            target = _utils.flatten(y)[0] if y is not None else None
            output = _utils.flatten(y_pred)[0]
            for spec in self._metric_specs:
                metrics.append((_resolve_metric(spec, target, output), False))
            for spec in self._weighted_metric_specs:
                metrics.append((_resolve_metric(spec, target, output), True))
        self._compiled_metrics = metrics

    def compute_metrics(
        self,
        x: TensorLike,
        y: TensorLike,
        y_pred: TensorLike,
        sample_weight: TensorLike | None = None,
    ) -> dict:
        """Update the compiled metrics and return every metric's current result.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> logs = model.compute_metrics(None, tf.constant([[1.0]]), tf.constant([[0.5]]))
        >>> sorted(logs), float(logs["mae"])
        (['loss', 'mae'], 0.5)
        """
        self._build_metrics(y, y_pred)
        for metric, weighted in self._compiled_metrics or []:
            metric.update_state(y, y_pred, sample_weight=sample_weight if weighted else None)
        return self.get_metrics_result()

    @property
    def metrics(self) -> list:
        """The loss tracker and the compiled metrics (built on the first batch).

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> _ = model.evaluate(tf.ones((2, 1)), tf.ones((2, 1)), verbose=0)
        >>> [m.name for m in model.metrics]
        ['loss', 'mae']
        """
        tracked = [self._loss_tracker] if self._loss_tracker is not None else []
        return tracked + [m for m, _ in (self._compiled_metrics or [])]

    @property
    def metrics_names(self) -> list:
        """The names of metrics.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["accuracy"])
        >>> _ = model.evaluate(tf.ones((2, 1)), tf.ones((2, 1)), verbose=0)
        >>> model.metrics_names
        ['loss', 'accuracy']
        """
        return [m.name for m in self.metrics]

    def get_metrics_result(self) -> dict:
        """Each metric's current result, by name.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse")
        >>> _ = model.evaluate(tf.ones((2, 1)), tf.ones((2, 1)), verbose=0)
        >>> model.get_metrics_result()
        {'loss': <tf.Tensor: shape=(), dtype=float32, numpy=1.0>}
        """
        return {metric.name: metric.result() for metric in self.metrics}

    def reset_metrics(self) -> None:
        """Reset every metric's state.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse")
        >>> _ = model.evaluate(tf.ones((2, 1)), tf.ones((2, 1)), verbose=0)
        >>> model.reset_metrics()
        >>> float(model.get_metrics_result()["loss"])
        0.0
        """
        for metric in self.metrics:
            metric.reset_state()

    # -- steps -----------------------------------------------------------------
    def train_step(self, data: Any) -> dict:
        """One optimizer step on a batch; returns the logs.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
        >>> logs = model.train_step((tf.ones((1, 1)), tf.ones((1, 1))))
        >>> float(logs["loss"]), model.layers[0].kernel.numpy().ravel()
        (1.0, array([1.], dtype=float32))
        """
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        weights = self.trainable_weights
        if weights:
            gradients = tape.gradient(loss, weights)
            self.optimizer.apply_gradients(zip(gradients, weights))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def test_step(self, data: Any) -> dict:
        """Loss and metrics of one batch, without training.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse")
        >>> logs = model.test_step((tf.ones((2, 1)), tf.constant([[1.0], [3.0]])))
        >>> float(logs["loss"]), model.layers[0].kernel.numpy().ravel()
        (5.0, array([0.], dtype=float32))
        """
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(
            x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False
        )
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)

    def predict_step(self, data: Any) -> Any:
        """The model's outputs for a batch's x (in inference mode).

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
        >>> model.predict_step((tf.constant([[2.0]]), None))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[2.]], dtype=float32)>
        """
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def make_train_function(self) -> Callable:
        """The step fit calls: train_step compiled with tf.function unless run_eagerly.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", run_eagerly=True)
        >>> step = model.make_train_function()
        >>> step is model.make_train_function()  # made once, then reused
        True
        """
        if self.train_function is None:
            step = self.train_step
            self.train_function = step if self.run_eagerly else tf.function(step)
        return self.train_function

    def make_test_function(self) -> Callable:
        """The step evaluate calls: test_step compiled with tf.function unless run_eagerly.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse")
        >>> step = model.make_test_function()
        >>> callable(step), step is model.make_test_function()
        (True, True)
        """
        if self.test_function is None:
            step = self.test_step
            self.test_function = step if self.run_eagerly else tf.function(step)
        return self.test_function

    # -- loops -----------------------------------------------------------------
    def fit(
        self,
        x: TensorLike | None = None,
        y: TensorLike | None = None,
        batch_size: int | None = None,
        epochs: int = 1,
        verbose: Any = "auto",
        callbacks: Any = None,
        validation_split: float = 0.0,
        validation_data: Any = None,
        shuffle: bool = True,
        class_weight: Any = None,
        sample_weight: TensorLike | None = None,
        initial_epoch: int = 0,
        steps_per_epoch: Any = None,
        validation_steps: Any = None,
        validation_batch_size: Any = None,
        validation_freq: int = 1,
    ) -> Any:
        """Train for ``epochs`` epochs; returns the History callback.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
        >>> x = tf.constant([[1.0], [2.0], [3.0], [4.0]])
        >>> history = model.fit(x, 2.0 * x, batch_size=2, epochs=2, validation_split=0.5, shuffle=False, verbose=0)
        >>> sorted(history.history), history.epoch
        (['loss', 'val_loss'], [0, 1])
        """
        self._assert_compiled("fit")
        if validation_split and validation_data is None:
            if not _is_array_data(x):
                raise ValueError(
                    "`validation_split` is only supported for Tensors or NumPy "
                    f"arrays, found following types in the input: {type(x)}"
                )
            size = _num_samples(x)
            split = int(math.floor(size * (1.0 - validation_split)))

            def cut(data: Any, part: Any) -> Any:
                if data is None:
                    return None
                return _utils.map_structure(
                    lambda a: _as_array(a)[:split] if part == 0 else _as_array(a)[split:], data
                )

            validation_data = (cut(x, 1), cut(y, 1), cut(sample_weight, 1))
            x, y, sample_weight = cut(x, 0), cut(y, 0), cut(sample_weight, 0)
        batches = _batches(x, y, sample_weight, batch_size, shuffle, class_weight, steps_per_epoch)
        if validation_data is not None:
            val_x, val_y, val_sw = unpack_x_y_sample_weight(validation_data)
        verbose = 1 if verbose == "auto" else verbose
        callback_list = self._callbacks(callbacks, verbose, epochs, batches.num_batches)
        self.stop_training = False
        step_function = self.make_train_function()
        callback_list.on_train_begin()
        epoch_logs = {}
        last = None
        for epoch in range(initial_epoch, epochs):
            self.reset_metrics()
            callback_list.on_epoch_begin(epoch)
            logs = {}
            # Batch hooks (and the float conversions of their logs) only when a
            # callback overrides them.
            hooks = callback_list.wants_batch_hooks("train")
            for step, batch in enumerate(batches):
                if hooks:
                    callback_list.on_train_batch_begin(step)
                logs = step_function(batch)
                if hooks:
                    callback_list.on_train_batch_end(step, logs)
                if self.stop_training:
                    break
            # Keras's rule: the metrics' results, unless train_step returned other keys.
            results = self.get_metrics_result()
            epoch_logs = pythonify_logs(results if set(results) == set(logs) else logs)
            if validation_data is not None and (epoch + 1) % validation_freq == 0:
                val_logs = self.evaluate(
                    val_x,
                    val_y,
                    sample_weight=val_sw,
                    batch_size=validation_batch_size or batch_size,
                    steps=validation_steps,
                    callbacks=callback_list,
                    return_dict=True,
                    _in_fit=True,
                )
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callback_list.on_epoch_end(epoch, epoch_logs)
            last = epoch_logs
            if self.stop_training:
                break
        callback_list.on_train_end(logs=last)
        return self.history

    def _pass_callbacks(self, callbacks: Any, verbose: Any, steps: int | None) -> Any:
        """The callbacks of one evaluate or predict pass: the bar, no History."""
        return callbacks_module.CallbackList(
            callbacks, add_progbar=verbose != 0, model=self, verbose=verbose, epochs=1, steps=steps
        )

    def _callbacks(self, callbacks: Any, verbose: Any, epochs: int, steps: int | None) -> Any:
        if isinstance(callbacks, callbacks_module.CallbackList):
            return callbacks
        return callbacks_module.CallbackList(
            callbacks,
            add_history=True,
            add_progbar=verbose != 0,
            model=self,
            verbose=verbose,
            epochs=epochs,
            steps=steps,
        )

    def evaluate(
        self,
        x: TensorLike | None = None,
        y: TensorLike | None = None,
        batch_size: int | None = None,
        verbose: Any = "auto",
        sample_weight: TensorLike | None = None,
        steps: Any = None,
        callbacks: Any = None,
        return_dict: bool = False,
        _in_fit: bool = False,
        **kwargs: Any,
    ) -> Any:
        """Loss and metrics over the data; a float, a list, or a dict (return_dict).

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> model.evaluate(tf.ones((4, 1)), tf.constant([[1.0], [1.0], [3.0], [3.0]]), batch_size=2, verbose=0)
        [5.0, 2.0]
        """
        self._assert_compiled("evaluate")
        batches = _batches(x, y, sample_weight, batch_size, False, steps=steps)
        verbose = 1 if verbose == "auto" else verbose
        if _in_fit:
            callback_list = callbacks
        else:
            callback_list = self._pass_callbacks(callbacks, verbose, batches.num_batches)
        self.reset_metrics()
        callback_list.on_test_begin()
        logs = {}
        hooks = callback_list.wants_batch_hooks("test")
        test_function = self.make_test_function()
        for step, batch in enumerate(batches):
            if hooks:
                callback_list.on_test_batch_begin(step)
            logs = test_function(batch)
            if hooks:
                callback_list.on_test_batch_end(step, logs)
        logs = pythonify_logs(self.get_metrics_result())
        callback_list.on_test_end(logs)
        return self._batch_result(logs, return_dict)

    def predict(
        self,
        x: TensorLike,
        batch_size: int | None = None,
        verbose: Any = "auto",
        steps: Any = None,
        callbacks: Any = None,
    ) -> Any:
        """The model's outputs on ``x``, batch by batch, joined as NumPy arrays.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="ones")])
        >>> model.predict(tf.constant([[1.0], [2.0], [3.0]]), batch_size=2, verbose=0)
        array([[2.],
               [3.],
               [4.]], dtype=float32)
        """
        batches = _batches(x, None, None, batch_size, False, steps=steps)
        verbose = 1 if verbose == "auto" else verbose
        callback_list = self._pass_callbacks(callbacks, verbose, batches.num_batches)
        callback_list.on_predict_begin()
        outputs = []
        for step, batch in enumerate(batches):
            callback_list.on_predict_batch_begin(step)
            out = self.predict_step(batch)
            outputs.append(_utils.map_structure(lambda t: np.asarray(t.numpy()), out))
            callback_list.on_predict_batch_end(step, {"outputs": out})
        callback_list.on_predict_end()
        if not outputs:
            raise ValueError(
                "Unexpected result of `predict_function` (Empty batch_outputs). "
                "Please use `Model.compile(..., run_eagerly=True)`, or "
                "`tf.config.run_functions_eagerly(True)` for more information of "
                "where went wrong, or file a issue/bug to `tf.keras`."
            )
        flat = [_utils.flatten(o) for o in outputs]
        joined = [np.concatenate([f[i] for f in flat]) for i in range(len(flat[0]))]
        return _utils.pack_like(outputs[0], iter(joined))

    def _batch_result(self, logs: dict | None, return_dict: bool) -> Any:
        logs = pythonify_logs(logs)
        if return_dict:
            return logs
        # A list follows the metrics' order (loss first), then other keys sorted.
        names = [m.name for m in self.metrics]
        values = [logs[n] for n in names if n in logs]
        values += [logs[k] for k in sorted(logs) if k not in names]
        return values[0] if len(values) == 1 else values

    def train_on_batch(
        self,
        x: TensorLike,
        y: TensorLike | None = None,
        sample_weight: TensorLike | None = None,
        class_weight: Any = None,
        return_dict: bool = False,
    ) -> Any:
        """One training step on one batch; returns the (running) loss and metrics.

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.25), loss="mse")
        >>> model.train_on_batch(tf.ones((2, 1)), tf.ones((2, 1)), return_dict=True)
        {'loss': 1.0}
        >>> model.layers[0].kernel.numpy().ravel()
        array([0.5], dtype=float32)
        """
        self._assert_compiled("train_on_batch")
        self.reset_metrics()  # Keras reports this batch alone
        if class_weight is not None:
            weights = _class_weights_for(y, class_weight)
            sample_weight = weights if sample_weight is None else weights * sample_weight
        data = (
            _utils.map_structure(_standardize, x),
            None if y is None else _utils.map_structure(_standardize, y),
            _standardize(sample_weight),
        )
        logs = self.train_step(data if sample_weight is not None else data[:2])
        return self._batch_result(logs, return_dict)

    def test_on_batch(
        self,
        x: TensorLike,
        y: TensorLike | None = None,
        sample_weight: TensorLike | None = None,
        return_dict: bool = False,
    ) -> Any:
        """Loss and metrics of one batch (metrics are reset first).

        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> model.test_on_batch(tf.ones((2, 1)), tf.constant([[2.0], [4.0]]))
        [10.0, 3.0]
        """
        self._assert_compiled("test_on_batch")
        self.reset_metrics()
        data = (
            _utils.map_structure(_standardize, x),
            None if y is None else _utils.map_structure(_standardize, y),
            _standardize(sample_weight),
        )
        logs = self.test_step(data if sample_weight is not None else data[:2])
        return self._batch_result(logs, return_dict)

    def predict_on_batch(self, x: TensorLike) -> Any:
        """The outputs for one batch, as a NumPy array.

        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
        >>> model.predict_on_batch(tf.constant([[1.0, 2.0]]))
        array([[3.]], dtype=float32)
        """
        out = self(_utils.map_structure(_standardize, x), training=False)
        return _utils.map_structure(lambda t: np.asarray(t.numpy()), out)


def _batch_size(x: TensorLike) -> int:
    first = next(v for v in _utils.flatten(x) if v is not None)
    return int(first.shape[0])
