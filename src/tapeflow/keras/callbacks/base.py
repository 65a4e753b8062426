"""The callback protocol: ``Callback``, the ``CallbackList`` fit drives, History and the bar.

>>> import tapeflow as tf
>>> history = tf.keras.callbacks.History()
>>> tf.keras.callbacks.CallbackList([history]).on_epoch_end(0, {"loss": tf.constant(0.5)})
>>> history.history
{'loss': [0.5]}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._progbar import Progbar


class Callback:
    """Base class: override the hooks you need; ``self.model`` and ``self.params`` are set.

    >>> import tapeflow as tf
    >>> class Count(tf.keras.callbacks.Callback):
    ...     def on_train_begin(self, logs=None):
    ...         self.epochs = 0
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         self.epochs += 1
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> model.compile(loss="mse")
    >>> count = Count()
    >>> _ = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=3, verbose=0, callbacks=[count])
    >>> count.epochs, count.model is model, count.params["epochs"]
    (3, True, 3)
    """

    def __init__(self) -> None:
        self.params: dict = {}
        self._model = None

    def set_params(self, params: dict) -> None:
        """Keep the run's parameters (``epochs``, ``steps``, ``verbose``).

        >>> import tapeflow as tf
        >>> callback = tf.keras.callbacks.Callback()
        >>> callback.set_params({"epochs": 2, "steps": 5, "verbose": 0})
        >>> callback.params["steps"]
        5
        """
        self.params = params

    def set_model(self, model: Any) -> None:
        """Attach the model being trained (``fit`` calls this).

        >>> import tapeflow as tf
        >>> callback = tf.keras.callbacks.Callback()
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> callback.set_model(model)
        >>> callback.model is model
        True
        """
        self._model = model

    @property
    def model(self) -> Any:
        """The model ``set_model`` attached (None before).

        >>> import tapeflow as tf
        >>> tf.keras.callbacks.Callback().model is None
        True
        """
        return self._model

    def on_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Before each training batch (``on_train_batch_begin`` calls it).

        >>> class Show(Callback):
        ...     def on_batch_begin(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_batch_begin(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """After each training batch, with the batch's logs.

        >>> class Show(Callback):
        ...     def on_batch_end(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_batch_end(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """At the start of each epoch of ``fit``.

        >>> class Show(Callback):
        ...     def on_epoch_begin(self, epoch, logs=None):
        ...         print(epoch, logs)
        >>> Show().on_epoch_begin(2, {"loss": 0.5})
        2 {'loss': 0.5}
        """

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """At the end of each epoch of ``fit``, with the epoch's logs.

        >>> class Show(Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(epoch, logs)
        >>> Show().on_epoch_end(2, {"loss": 0.5})
        2 {'loss': 0.5}
        """

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Before each batch of ``fit``; by default it calls ``on_batch_begin``.

        >>> class Show(Callback):  # the Keras 2 hook still hears training batches
        ...     def on_batch_begin(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_train_batch_begin(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """After each batch of ``fit``; by default it calls ``on_batch_end``.

        >>> class Show(Callback):  # the Keras 2 hook still hears training batches
        ...     def on_batch_end(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_train_batch_end(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Before each batch of ``evaluate`` (and of fit's validation).

        >>> class Show(Callback):
        ...     def on_test_batch_begin(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_test_batch_begin(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """After each batch of ``evaluate``, with the running logs.

        >>> class Show(Callback):
        ...     def on_test_batch_end(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_test_batch_end(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_predict_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        """Before each batch of ``predict``.

        >>> class Show(Callback):
        ...     def on_predict_batch_begin(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_predict_batch_begin(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """After each batch of ``predict``.

        >>> class Show(Callback):
        ...     def on_predict_batch_end(self, batch, logs=None):
        ...         print(batch, logs)
        >>> Show().on_predict_batch_end(1, {"loss": 0.5})
        1 {'loss': 0.5}
        """

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Once, when ``fit`` starts.

        >>> class Show(Callback):
        ...     def on_train_begin(self, logs=None):
        ...         print(logs)
        >>> Show().on_train_begin({"loss": 0.5})
        {'loss': 0.5}
        """

    def on_train_end(self, logs: dict | None = None) -> None:
        """Once, when ``fit`` ends, with the last epoch's logs.

        >>> class Show(Callback):
        ...     def on_train_end(self, logs=None):
        ...         print(logs)
        >>> Show().on_train_end({"loss": 0.5})
        {'loss': 0.5}
        """

    def on_test_begin(self, logs: dict | None = None) -> None:
        """When ``evaluate`` (or fit's validation) starts.

        >>> class Show(Callback):
        ...     def on_test_begin(self, logs=None):
        ...         print(logs)
        >>> Show().on_test_begin({"loss": 0.5})
        {'loss': 0.5}
        """

    def on_test_end(self, logs: dict | None = None) -> None:
        """When ``evaluate`` ends, with its logs.

        >>> class Show(Callback):
        ...     def on_test_end(self, logs=None):
        ...         print(logs)
        >>> Show().on_test_end({"loss": 0.5})
        {'loss': 0.5}
        """

    def on_predict_begin(self, logs: dict | None = None) -> None:
        """When ``predict`` starts.

        >>> class Show(Callback):
        ...     def on_predict_begin(self, logs=None):
        ...         print(logs)
        >>> Show().on_predict_begin({"loss": 0.5})
        {'loss': 0.5}
        """

    def on_predict_end(self, logs: dict | None = None) -> None:
        """When ``predict`` ends.

        >>> class Show(Callback):
        ...     def on_predict_end(self, logs=None):
        ...         print(logs)
        >>> Show().on_predict_end({"loss": 0.5})
        {'loss': 0.5}
        """


def pythonify_logs(logs: dict | None) -> dict:
    """Logs as callbacks see them: sorted by name, numbers as Python floats.

    >>> import tapeflow as tf
    >>> pythonify_logs({"loss": tf.constant(0.5), "acc": 1, "val": {"val_loss": 2.0}})
    {'acc': 1.0, 'loss': 0.5, 'val_loss': 2.0}
    """
    result = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            result.update(pythonify_logs(value))
            continue
        try:
            value = float(value.numpy() if hasattr(value, "numpy") else value)
        except (TypeError, ValueError):
            pass
        result[key] = value
    return result


def _hook(name: str) -> Callable:
    if "batch" in name:  # (batch, logs=...): Keras passes the logs by keyword

        def on_batch(self, batch: int, logs: dict | None = None) -> Any:
            logs = pythonify_logs(logs)
            for callback in self.callbacks:
                getattr(callback, name)(batch, logs=logs)

        hook: Callable = on_batch

    elif "epoch" in name:

        def on_epoch(self, epoch: int, logs: dict | None = None) -> Any:
            logs = pythonify_logs(logs)
            for callback in self.callbacks:
                getattr(callback, name)(epoch, logs)

        hook = on_epoch

    else:

        def on_run(self, logs: dict | None = None) -> Any:
            logs = pythonify_logs(logs)
            for callback in self.callbacks:
                getattr(callback, name)(logs)

        hook = on_run

    hook.__name__ = name
    hook.__doc__ = _hook_doc(name)
    return hook


def _hook_doc(name: str) -> str:
    """The docstring of the list's ``name``: it calls ``name`` on every callback."""
    if "batch" in name or "epoch" in name:
        params, call = "step, logs=None", "2, {'loss': 0.5}"
        shown = "2 {'loss': 0.5}"
        show = "step, logs"
    else:
        params, call, shown, show = "logs=None", "{'loss': 0.5}", "{'loss': 0.5}", "logs"
    return (
        f"Call ``{name}`` on every callback with the logs' tensors turned into Python numbers.\n\n"
        "        >>> class Show(tf.keras.callbacks.Callback):\n"
        f"        ...     def {name}(self, {params}):\n"
        f"        ...         print({show})\n"
        f"        >>> tf.keras.callbacks.CallbackList([Show()]).{name}({call})\n"
        f"        {shown}\n"
    )


class CallbackList(Callback):
    """Calls each hook on every callback in order (History added first, the bar last).

    >>> import tapeflow as tf
    >>> calls = []
    >>> callbacks = tf.keras.callbacks.CallbackList([tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: calls.append((epoch, logs)))])
    >>> callbacks.on_epoch_end(0, {"loss": tf.constant(0.25)})
    >>> calls
    [(0, {'loss': 0.25})]
    """

    def __init__(
        self,
        callbacks: Any = None,
        add_history: bool = False,
        add_progbar: bool = False,
        model: Any = None,
        **params: Any,
    ) -> None:
        super().__init__()
        self.callbacks = list(callbacks or [])
        if add_history and not any(isinstance(c, History) for c in self.callbacks):
            self.callbacks.append(History())
        if add_progbar and not any(isinstance(c, ProgbarLogger) for c in self.callbacks):
            self.callbacks.append(ProgbarLogger())
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def append(self, callback: Any) -> None:
        """Add a callback at the end of the list.

        >>> import tapeflow as tf
        >>> callbacks = tf.keras.callbacks.CallbackList()
        >>> callbacks.append(tf.keras.callbacks.History())
        >>> [type(c).__name__ for c in callbacks.callbacks]
        ['History']
        """
        self.callbacks.append(callback)

    def wants_batch_hooks(self, mode: str) -> bool:
        """Whether any callback does something in ``on_{mode}_batch_begin/end``.

        >>> import tapeflow as tf
        >>> quiet = tf.keras.callbacks.CallbackList([tf.keras.callbacks.History()])
        >>> quiet.wants_batch_hooks("train")
        False
        >>> tf.keras.callbacks.CallbackList([tf.keras.callbacks.TerminateOnNaN()]).wants_batch_hooks("train")
        True
        """
        names: tuple[str, ...] = (f"on_{mode}_batch_begin", f"on_{mode}_batch_end")
        if mode == "train":
            names += ("on_batch_begin", "on_batch_end")
        for callback in self.callbacks:
            if isinstance(callback, ProgbarLogger):
                if callback.verbose == 1:
                    return True
                continue
            if any(getattr(type(callback), n) is not getattr(Callback, n) for n in names):
                return True
            if any(n in vars(callback) for n in names):  # LambdaCallback's functions
                return True
        return False

    def set_params(self, params: dict) -> None:
        """Hand ``params`` to every callback.

        >>> import tapeflow as tf
        >>> history = tf.keras.callbacks.History()
        >>> tf.keras.callbacks.CallbackList([history]).set_params({"epochs": 4})
        >>> history.params
        {'epochs': 4}
        """
        self.params = params
        for callback in self.callbacks:
            callback.set_params(params)

    def set_model(self, model: Any) -> None:
        """Hand ``model`` to every callback; a History becomes ``model.history``.

        >>> import tapeflow as tf
        >>> history = tf.keras.callbacks.History()
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> tf.keras.callbacks.CallbackList([history]).set_model(model)
        >>> model.history is history
        True
        """
        self._model = model
        for callback in self.callbacks:
            callback.set_model(model)
        history = [c for c in self.callbacks if isinstance(c, History)]
        if history:
            model.history = history[0]

    for _name in (
        "on_batch_begin",
        "on_batch_end",
        "on_epoch_begin",
        "on_epoch_end",
        "on_train_batch_begin",
        "on_train_batch_end",
        "on_test_batch_begin",
        "on_test_batch_end",
        "on_predict_batch_begin",
        "on_predict_batch_end",
        "on_train_begin",
        "on_train_end",
        "on_test_begin",
        "on_test_end",
        "on_predict_begin",
        "on_predict_end",
    ):
        locals()[_name] = _hook(_name)
    del _name


class History(Callback):
    """Records each epoch's logs: ``history.history["loss"]`` is a list per epoch.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> history = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=2, verbose=0)
    >>> history.epoch, [round(v, 4) for v in history.history["loss"]]
    ([0, 1], [1.0, 0.9216])
    """

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list] = {}
        self.epoch: list[int] = []

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Start a new list of epochs (the recorded values are kept, as in Keras).

        >>> import tapeflow as tf
        >>> history = tf.keras.callbacks.History()
        >>> history.on_epoch_end(0, {"loss": 1.0})
        >>> history.on_train_begin()
        >>> history.epoch, history.history
        ([], {'loss': [1.0]})
        """
        self.epoch = []

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Append each log value to its list.

        >>> import tapeflow as tf
        >>> history = tf.keras.callbacks.History()
        >>> history.on_epoch_end(0, {"loss": 1.0, "mae": 0.5})
        >>> history.on_epoch_end(1, {"loss": 0.5, "mae": 0.25})
        >>> history.history
        {'loss': [1.0, 0.5], 'mae': [0.5, 0.25]}
        """
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)


class ProgbarLogger(Callback):
    """Prints "Epoch i/n" and a progress bar per epoch (verbose=1) or a line (verbose=2).

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential(
    ...     [tf.keras.Input((1,)), tf.keras.layers.Dense(1, kernel_initializer="zeros")])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> _ = model.fit(tf.ones((2, 1)), tf.ones((2, 1)), epochs=2, verbose=2)
    Epoch 1/2
    1/1 - ... - loss: 1.0000
    Epoch 2/2
    1/1 - ... - loss: 0.9216
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0
        self.progbar: Any = None
        self.target: int | None = None
        self.verbose = 1
        self.epochs = 1
        self._in_fit = False

    def set_params(self, params: dict) -> None:
        """Read ``verbose``, ``epochs`` and ``steps`` from the run's parameters.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": "auto", "epochs": 3, "steps": 10})
        >>> bar.verbose, bar.epochs, bar.target
        (1, 3, 10)
        """
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")

    def _reset(self) -> None:
        self.seen = 0
        self.progbar = Progbar(target=self.target, verbose=self.verbose)

    def on_train_begin(self, logs: dict | None = None) -> None:
        """Note that evaluation inside ``fit`` is validation (no bar of its own).

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.on_train_begin()
        >>> bar.on_test_begin()
        >>> bar.progbar is None
        True
        """
        self._in_fit = True

    def on_test_begin(self, logs: dict | None = None) -> None:
        """A new bar for a standalone ``evaluate``.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 2})
        >>> bar.on_test_begin()
        >>> bar.progbar.target
        2
        """
        if not self._in_fit:
            self._reset()

    def on_predict_begin(self, logs: dict | None = None) -> None:
        """A new bar for ``predict``.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 3})
        >>> bar.on_predict_begin()
        >>> bar.progbar.target
        3
        """
        self._reset()

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        """A new bar, after an "Epoch i/n" line when there are several epochs.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "epochs": 3, "steps": 1})
        >>> bar.on_epoch_begin(1)
        Epoch 2/3
        """
        self._reset()
        if self.verbose and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}")

    def _advance(self, batch: int, logs: dict | None) -> None:
        if self.progbar is None:
            self._reset()
        self.seen = batch + 1
        if self.verbose == 1:
            self.progbar.update(self.seen, list((logs or {}).items()), finalize=False)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Advance the bar to ``batch + 1`` with the batch's logs.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "epochs": 1, "steps": 4})
        >>> bar.on_epoch_begin(0)
        >>> bar.on_train_batch_end(2, {"loss": 0.5})
        >>> bar.seen
        3
        """
        self._advance(batch, logs)

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Advance a standalone ``evaluate``'s bar (validation inside ``fit`` shows none).

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 4})
        >>> bar.on_test_begin()
        >>> bar.on_test_batch_end(1, {"loss": 0.5})
        >>> bar.seen
        2
        """
        if not self._in_fit:
            self._advance(batch, logs)

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        """Advance ``predict``'s bar.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 4})
        >>> bar.on_predict_begin()
        >>> bar.on_predict_batch_end(0)
        >>> bar.seen
        1
        """
        self._advance(batch, None)

    def _finish(self, logs: dict | None) -> None:
        if self.progbar is None:
            self._reset()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.seen
        self.progbar.update(self.target, list((logs or {}).items()), finalize=True)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        """Finish the epoch's bar with the epoch's logs.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "epochs": 1, "steps": 1})
        >>> bar.on_epoch_begin(0)
        >>> bar.on_train_batch_end(0, {"loss": 0.5})
        >>> bar.on_epoch_end(0, {"loss": 0.5})  # doctest: +ELLIPSIS
        1/1 - ... - loss: 0.5000
        """
        self._finish(logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        """Finish a standalone ``evaluate``'s bar.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 1})
        >>> bar.on_test_begin()
        >>> bar.on_test_batch_end(0, {"loss": 0.5})
        >>> bar.on_test_end({"loss": 0.5})  # doctest: +ELLIPSIS
        1/1 - ... - loss: 0.5000
        """
        if not self._in_fit:
            self._finish(logs)

    def on_predict_end(self, logs: dict | None = None) -> None:
        """Finish ``predict``'s bar.

        >>> import tapeflow as tf
        >>> bar = tf.keras.callbacks.ProgbarLogger()
        >>> bar.set_params({"verbose": 2, "steps": 1})
        >>> bar.on_predict_begin()
        >>> bar.on_predict_batch_end(0)
        >>> bar.on_predict_end()  # doctest: +ELLIPSIS
        1/1 - ...
        """
        self._finish(logs)
