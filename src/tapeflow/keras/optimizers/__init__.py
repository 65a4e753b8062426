"""tf.keras.optimizers: Keras 3's optimizers and ``get``.

>>> import tapeflow as tf
>>> tf.keras.optimizers.get("adam").get_config()["learning_rate"]
0.0010000000474974513
"""

from __future__ import annotations

from typing import Any

from .._registry import resolve
from . import schedules
from .adaptive import Adadelta, Adagrad, Adam, Adamax, AdamW, Ftrl, Nadam, RMSprop
from .base import Optimizer
from .sgd import SGD

__all__ = [
    "Optimizer",
    "SGD",
    "Adam",
    "AdamW",
    "Adamax",
    "Nadam",
    "RMSprop",
    "Adagrad",
    "Adadelta",
    "Ftrl",
    "schedules",
    "get",
    "serialize",
    "deserialize",
]

_TABLE = {
    cls.__name__: cls for cls in (SGD, Adam, AdamW, Adamax, Nadam, RMSprop, Adagrad, Adadelta, Ftrl)
}
_TABLE.update({name.lower(): cls for name, cls in _TABLE.items()})


def get(identifier: Any) -> Optimizer:
    """An optimizer from a name (``"adam"``), a config dict, or an optimizer (returned as is).

    >>> import tapeflow as tf
    >>> opt = tf.keras.optimizers.get({"class_name": "SGD", "config": {"momentum": 0.5}})
    >>> opt.momentum
    0.5
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if identifier is None or not isinstance(identifier, (str, dict)):
        raise ValueError(f"Could not interpret optimizer identifier: {identifier}")
    return resolve("optimizer", _TABLE, identifier, instantiate=True)


def serialize(optimizer: Optimizer) -> dict:
    """``{"module", "class_name", "config", "registered_name"}`` as Keras writes it.

    >>> import tapeflow as tf
    >>> config = serialize(tf.keras.optimizers.SGD(learning_rate=0.5, name="sgd"))
    >>> config["class_name"], config["config"]["learning_rate"], config["config"]["momentum"]
    ('SGD', 0.5, 0.0)
    """
    return {
        "module": "keras.optimizers",
        "class_name": type(optimizer).__name__,
        "config": optimizer.get_config(),
        "registered_name": None,
    }


def deserialize(config: dict, custom_objects: dict | None = None) -> Optimizer:
    """The optimizer ``serialize`` described.

    >>> import tapeflow as tf
    >>> opt = deserialize({"class_name": "Adam", "config": {"learning_rate": 0.25}})
    >>> type(opt).__name__, float(opt.learning_rate)
    ('Adam', 0.25)
    """
    table = dict(_TABLE, **(custom_objects or {}))
    return resolve("optimizer", table, config, instantiate=True)
