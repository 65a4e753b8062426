"""tf.train: checkpoints of variables, modules, layers and optimizers.

>>> import tapeflow as tf
>>> tf.train.latest_checkpoint("/nonexistent") is None
True
"""

from .checkpoint import (
    Checkpoint,
    CheckpointLoadStatus,
    CheckpointManager,
    latest_checkpoint,
    list_variables,
    load_variable,
)

__all__ = [
    "Checkpoint",
    "CheckpointLoadStatus",
    "CheckpointManager",
    "latest_checkpoint",
    "list_variables",
    "load_variable",
]
