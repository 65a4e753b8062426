"""Callbacks that act on the logs: stop early, save, schedule the rate, write a CSV.

>>> import tapeflow as tf
>>> stop = tf.keras.callbacks.EarlyStopping(monitor="loss")
>>> stop.set_model(tf.keras.Sequential([tf.keras.layers.Dense(1)]))
>>> stop.on_epoch_end(0, {"loss": 1.0}); stop.on_epoch_end(1, {"loss": 2.0})
>>> stop.model.stop_training
True
"""

from __future__ import annotations

import csv
import os
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from .base import Callback


def _direction(monitor: str, mode: str, model: Any) -> str:
    if mode in ("min", "max"):
        return mode
    name = monitor[4:] if monitor.startswith("val_") else monitor
    if name == "loss" or name.endswith("_loss"):
        return "min"
    for metric in getattr(model, "metrics", []) or []:
        if getattr(metric, "name", None) == name and getattr(metric, "_direction", None):
            return "max" if metric._direction == "up" else "min"
    if any(key in name for key in ("acc", "auc", "precision", "recall")):
        return "max"
    if any(key in name for key in ("error", "mse", "mae", "crossentropy", "hinge")):
        return "min"
    raise ValueError(
        f"EarlyStopping callback received monitor={monitor} but Keras isn't able to "
        "automatically determine whether that metric should be maximized or minimized. "
        "Pass `mode='max'` in order to do early stopping based on the highest metric "
        "value, or pass `mode='min'` in order to use the lowest value."
    )


class EarlyStopping(Callback):
    """Stops training once ``monitor`` stops improving for ``patience`` epochs.

    >>> import tapeflow as tf
    >>> stop = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=1)
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.0), loss="mse")  # a loss that never improves
    >>> history = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=10, verbose=0, callbacks=[stop])
    >>> len(history.epoch), stop.stopped_epoch
    (2, 1)
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        min_delta: float = 0,
        patience: int = 0,
        verbose: Any = 0,
        mode: str = "auto",
        baseline: float | None = None,
        restore_best_weights: bool = False,
        start_from_epoch: int = 0,
    ) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(
                f"EarlyStopping mode {mode} is unknown, fallback to auto mode.", stacklevel=2
            )
            mode = "auto"
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.mode = mode
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self._better: str | None = None
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Forget the previous run: no best value, no waiting.

        >>> import tapeflow as tf
        >>> stop = tf.keras.callbacks.EarlyStopping()
        >>> stop.wait, stop.best = 3, 0.1
        >>> stop.on_train_begin()
        >>> stop.wait, stop.best
        (0, None)
        """
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def _improved(self, value: Any, reference: Any) -> bool:
        if reference is None:
            return True
        if self._better == "max":
            return value - self.min_delta > reference
        return value + self.min_delta < reference

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Compare ``monitor`` with the best so far; stop after ``patience`` epochs without progress.

        >>> import tapeflow as tf
        >>> stop = tf.keras.callbacks.EarlyStopping(monitor="loss", patience=2)
        >>> stop.set_model(tf.keras.Sequential([tf.keras.layers.Dense(1)]))
        >>> for epoch, loss in enumerate([1.0, 0.5, 0.6, 0.7]):
        ...     stop.on_epoch_end(epoch, {"loss": loss})
        >>> stop.best, stop.wait, stop.model.stop_training
        (0.5, 2, True)
        """
        if self._better is None:
            self._better = _direction(self.monitor, self.mode, self.model)
        current = (logs or {}).get(self.monitor)
        if current is None:
            warnings.warn(
                f"Early stopping conditioned on metric `{self.monitor}` which is not "
                f"available. Available metrics are: {','.join(logs or {})}",
                stacklevel=2,
            )
            return
        if epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
        self.wait += 1
        if self._improved(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._improved(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs: dict | None = None) -> None:
        """Report the stop and, with ``restore_best_weights``, restore the best epoch's weights.

        >>> import tapeflow as tf
        >>> stop = tf.keras.callbacks.EarlyStopping(verbose=1)
        >>> stop.stopped_epoch = 4
        >>> stop.on_train_end()
        Epoch 5: early stopping
        """
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print(
                    "Restoring model weights from the end of the best epoch: "
                    f"{self.best_epoch + 1}."
                )
            self.model.set_weights(self.best_weights)


class ModelCheckpoint(Callback):
    """Saves the weights (``.weights.h5``) after every epoch or on improvement.

    >>> import tapeflow as tf
    >>> import os, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "epoch{epoch}.weights.h5")
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(loss="mse")
    >>> _ = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=2, verbose=0, callbacks=[tf.keras.callbacks.ModelCheckpoint(path)])
    >>> sorted(os.listdir(folder.name))
    ['epoch1.weights.h5', 'epoch2.weights.h5']
    >>> folder.cleanup()
    """

    def __init__(
        self,
        filepath: str,
        monitor: str = "val_loss",
        verbose: Any = 0,
        save_best_only: bool = False,
        save_weights_only: bool = False,
        mode: str = "auto",
        save_freq: str = "epoch",
        initial_value_threshold: Any = None,
    ) -> None:
        super().__init__()
        filepath = os.fspath(filepath)
        if save_weights_only and not filepath.endswith(".weights.h5"):
            raise ValueError(
                "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
                f"provided must end in `.weights.h5` (Keras weights format). Received: "
                f"filepath={filepath}"
            )
        if not save_weights_only and not filepath.endswith(".weights.h5"):
            raise NotImplementedError(
                "tapeflow saves weights only: give ModelCheckpoint a filepath ending in "
                f"`.weights.h5` (whole-model `.keras` files are not supported). Received: "
                f"filepath={filepath}"
            )
        if save_freq != "epoch":
            raise NotImplementedError("tapeflow's ModelCheckpoint saves once per epoch only.")
        self.filepath = filepath
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.mode = mode if mode in ("auto", "min", "max") else "auto"
        self.best = initial_value_threshold
        self._better: str | None = None

    def _should_save(self, epoch: int, logs: dict, path: str) -> bool:
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: saving model to {path}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Can save best model only with {self.monitor} available.", stacklevel=3)
            return True
        if self._better is None:
            self._better = _direction(self.monitor, self.mode, self.model)
        shown = "None" if self.best is None else f"{self.best:.5f}"
        if self.best is None or (
            current < self.best if self._better == "min" else current > self.best
        ):
            if self.verbose > 0:
                print(
                    f"\nEpoch {epoch + 1}: {self.monitor} improved from {shown} to "
                    f"{current:.5f}, saving model to {path}"
                )
            self.best = current
            return True
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {shown}")
        return False

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Save the weights to ``filepath`` formatted with the epoch and the logs.

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = os.path.join(folder.name, "loss{loss:.1f}.weights.h5")
        >>> save = tf.keras.callbacks.ModelCheckpoint(path, monitor="loss", save_best_only=True)
        >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
        >>> save.set_model(model)
        >>> save.on_epoch_end(0, {"loss": 0.5})
        >>> save.on_epoch_end(1, {"loss": 0.7})
        >>> os.listdir(folder.name)
        ['loss0.5.weights.h5']
        >>> folder.cleanup()
        """
        logs = logs or {}
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if not self._should_save(epoch, logs, path):
            return
        folder = os.path.dirname(path)
        if folder:
            os.makedirs(folder, exist_ok=True)
        self.model.save_weights(path, overwrite=True)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: finished saving model to {path}")


def _learning_rate(model: Any) -> float:
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not hasattr(optimizer, "learning_rate"):
        raise ValueError('The optimizer must have a "learning_rate" attribute.')
    return float(np.asarray(optimizer.learning_rate))


def _set_learning_rate(model: Any, value: float) -> None:
    rate = model.optimizer.learning_rate
    if hasattr(rate, "assign"):
        rate.assign(value)
    else:
        model.optimizer.learning_rate = value


class LearningRateScheduler(Callback):
    """Sets the learning rate to ``schedule(epoch, lr)`` at the start of each epoch.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
    >>> halve = tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr / 2)
    >>> history = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=3, verbose=0, callbacks=[halve])
    >>> [round(lr, 4) for lr in history.history["learning_rate"]]
    [0.05, 0.025, 0.0125]
    """

    def __init__(self, schedule: Callable, verbose: Any = 0) -> None:
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """Set the optimizer's learning rate to ``schedule(epoch, lr)``.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
        >>> scheduler = tf.keras.callbacks.LearningRateScheduler(lambda epoch: 0.01 * (epoch + 1))
        >>> scheduler.set_model(model)
        >>> scheduler.on_epoch_begin(4)
        >>> round(float(model.optimizer.learning_rate), 4)
        0.05
        """
        rate = _learning_rate(self.model)
        try:
            rate = self.schedule(epoch, rate)
        except TypeError:  # a schedule of the epoch alone
            rate = self.schedule(epoch)
        rate = float(np.asarray(rate)) if not isinstance(rate, float) else rate
        _set_learning_rate(self.model, rate)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {rate}.")

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Record the learning rate in the epoch's logs.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="mse")
        >>> scheduler = tf.keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr)
        >>> scheduler.set_model(model)
        >>> logs = {"loss": 1.0}
        >>> scheduler.on_epoch_end(0, logs)
        >>> logs
        {'loss': 1.0, 'learning_rate': 0.5}
        """
        if logs is not None:
            logs["learning_rate"] = _learning_rate(self.model)


class ReduceLROnPlateau(Callback):
    """Multiplies the learning rate by ``factor`` when ``monitor`` plateaus.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    >>> model.compile(optimizer=tf.keras.optimizers.SGD(1.0), loss="mse")
    >>> reduce = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
    >>> reduce.set_model(model)
    >>> reduce.on_train_begin()
    >>> for epoch in range(3):
    ...     reduce.on_epoch_end(epoch, {"loss": 1.0})
    >>> float(model.optimizer.learning_rate)
    0.25
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        factor: float = 0.1,
        patience: int = 10,
        verbose: Any = 0,
        mode: str = "auto",
        min_delta: float = 1e-4,
        cooldown: int = 0,
        min_lr: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        if factor >= 1.0:
            raise ValueError(
                f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}"
            )
        self.monitor = monitor
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.mode = mode if mode in ("auto", "min", "max") else "auto"
        self._reset()

    def _reset(self) -> None:
        self._max = self.mode == "max" or (self.mode == "auto" and "acc" in self.monitor)
        self.best = -np.inf if self._max else np.inf
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Forget the previous run: no best value, no waiting, no cooldown.

        >>> import tapeflow as tf
        >>> reduce = tf.keras.callbacks.ReduceLROnPlateau(monitor="val_acc")
        >>> reduce.on_train_begin()
        >>> reduce.best, reduce.wait
        (-inf, 0)
        """
        self._reset()

    def _improved(self, current: Any) -> bool:
        if self._max:
            return current > self.best + self.min_delta
        return current < self.best - self.min_delta

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Compare ``monitor`` with the best so far; after ``patience`` epochs without progress, lower the rate.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
        >>> reduce = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", patience=1, verbose=1)
        >>> reduce.set_model(model)
        >>> reduce.on_train_begin()
        >>> reduce.on_epoch_end(0, {"loss": 1.0})
        >>> reduce.on_epoch_end(1, {"loss": 1.0})
        <BLANKLINE>
        Epoch 2: ReduceLROnPlateau reducing learning rate to 0.010000000149011612.
        """
        logs = logs if logs is not None else {}
        logs["learning_rate"] = _learning_rate(self.model)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                f"Learning rate reduction is conditioned on metric `{self.monitor}` which is "
                f"not available. Available metrics are: {','.join(logs)}.",
                stacklevel=2,
            )
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self._improved(current):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                old = _learning_rate(self.model)
                if old > np.float32(self.min_lr):
                    new = max(old * self.factor, self.min_lr)
                    _set_learning_rate(self.model, new)
                    if self.verbose > 0:
                        print(
                            f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate "
                            f"to {new}."
                        )
                    self.cooldown_counter = self.cooldown
                    self.wait = 0


class CSVLogger(Callback):
    """Writes one CSV row of logs per epoch (columns: epoch, then sorted log names).

    >>> import tapeflow as tf
    >>> import os, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "log.csv")
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> _ = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=2, verbose=0, callbacks=[tf.keras.callbacks.CSVLogger(path)])
    >>> print(open(path).read(), end="")
    epoch,loss
    0,1.0
    1,0.9215999841690063
    >>> folder.cleanup()
    """

    def __init__(self, filename: str, separator: str = ",", append: bool = False) -> None:
        super().__init__()
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys: list | None = None
        self._file: Any = None
        self._writer: Any = None

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Open the file (a header is written unless ``append`` continues a file).

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> logger = tf.keras.callbacks.CSVLogger(os.path.join(folder.name, "log.csv"), append=True)
        >>> logger.on_train_begin()
        >>> logger._header
        True
        >>> logger.on_train_end()
        >>> folder.cleanup()
        """
        exists = os.path.exists(self.filename) and os.path.getsize(self.filename) > 0
        self._header = not (self.append and exists)
        self._file = open(self.filename, "a" if self.append else "w", newline="")  # noqa: SIM115

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Write one row: the epoch, then the values in sorted-name order.

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = os.path.join(folder.name, "log.csv")
        >>> logger = tf.keras.callbacks.CSVLogger(path, separator=";")
        >>> logger.on_train_begin()
        >>> logger.on_epoch_end(0, {"loss": 0.5, "acc": 1.0})
        >>> logger.on_train_end()
        >>> print(open(path).read(), end="")
        epoch;acc;loss
        0;1.0;0.5
        >>> folder.cleanup()
        """
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            self._writer = csv.writer(self._file, delimiter=self.sep, lineterminator="\n")
            if self._header:
                self._writer.writerow(["epoch", *self.keys])
        row = [epoch]
        for key in self.keys:
            value = logs.get(key, "NA")
            if isinstance(value, (list, tuple, np.ndarray)):
                value = f"[{', '.join(str(v) for v in np.ravel(value))}]"
            row.append(value)
        self._writer.writerow(row)
        self._file.flush()

    def on_train_end(self, logs: dict | None = None) -> None:
        """Close the file.

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> logger = tf.keras.callbacks.CSVLogger(os.path.join(folder.name, "log.csv"))
        >>> logger.on_train_begin()
        >>> logger.on_train_end()
        >>> logger._file is None
        True
        >>> folder.cleanup()
        """
        if self._file is not None:
            self._file.close()
            self._file = None
        self._writer = None


class LambdaCallback(Callback):
    """A callback made of plain functions, one per hook you name.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(loss="mse")
    >>> show = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, sorted(logs)))
    >>> _ = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=2, verbose=0, callbacks=[show])
    0 ['loss']
    1 ['loss']
    """

    def __init__(
        self,
        on_epoch_begin: Any = None,
        on_epoch_end: Any = None,
        on_train_begin: Any = None,
        on_train_end: Any = None,
        on_train_batch_begin: Any = None,
        on_train_batch_end: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__()
        hooks = {
            "on_epoch_begin": on_epoch_begin,
            "on_epoch_end": on_epoch_end,
            "on_train_begin": on_train_begin,
            "on_train_end": on_train_end,
            "on_train_batch_begin": on_train_batch_begin,
            "on_train_batch_end": on_train_batch_end,
            **kwargs,
        }
        for name, function in hooks.items():
            if function is not None:
                setattr(self, name, function)


class TerminateOnNaN(Callback):
    """Stops training when a batch's loss is NaN or infinite.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(loss="mse")
    >>> x = tf.constant([[float("nan")], [1.0]])
    >>> history = model.fit(
    ...     x, x, batch_size=1, epochs=5, shuffle=False, verbose=0,
    ...     callbacks=[tf.keras.callbacks.TerminateOnNaN()])
    Batch 0: Invalid loss, terminating training
    >>> len(history.epoch)
    1
    """

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Set ``model.stop_training`` when the batch's loss is not finite.

        >>> import tapeflow as tf
        >>> stop = tf.keras.callbacks.TerminateOnNaN()
        >>> stop.set_model(tf.keras.Sequential([tf.keras.layers.Dense(1)]))
        >>> stop.on_batch_end(3, {"loss": float("inf")})
        Batch 3: Invalid loss, terminating training
        >>> stop.model.stop_training
        True
        """
        loss = (logs or {}).get("loss")
        if loss is not None and not np.isfinite(loss):
            print(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
