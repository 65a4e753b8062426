"""keras.callbacks: hooks that ``fit``, ``evaluate`` and ``predict`` call.

Hook order in ``fit``: on_train_begin; per epoch on_epoch_begin, then per
batch on_train_batch_begin/on_train_batch_end, then (with validation data)
on_test_begin, on_test_batch_begin/end..., on_test_end, then on_epoch_end;
finally on_train_end. Logs are dicts of Python floats.

>>> import tapeflow as tf
>>> seen = []
>>> cb = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))
>>> cb.on_epoch_end(0, {}); seen
[0]
"""

from __future__ import annotations

from .base import Callback, CallbackList, History, ProgbarLogger, pythonify_logs
from .monitors import (
    CSVLogger,
    EarlyStopping,
    LambdaCallback,
    LearningRateScheduler,
    ModelCheckpoint,
    ReduceLROnPlateau,
    TerminateOnNaN,
)

__all__ = [
    "Callback",
    "CallbackList",
    "CSVLogger",
    "EarlyStopping",
    "History",
    "LambdaCallback",
    "LearningRateScheduler",
    "ModelCheckpoint",
    "ProgbarLogger",
    "ReduceLROnPlateau",
    "TerminateOnNaN",
]
