"""save_weights / load_weights in Keras 3's ``.weights.h5`` layout (needs h5py).

The file mirrors the model's object tree as Keras 3 walks it: the model's
own variables in ``vars``; each layer in a group named by the attribute that
holds it (``b_dense``) or, inside a list such as ``layers``, by its class
name made unique within that list (``dense``, ``dense_1``, ...); the
compiled optimizer in ``optimizer``. A group's ``vars`` holds datasets ``0``,
``1``, ... (the layer's trainable variables, then its non-trainable ones)
and an attribute ``name``. Loading reads plain arrays; nothing is unpickled.

>>> import tapeflow as tf
>>> from tapeflow.keras.saving import tree_paths
>>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
>>> [path for path, _ in tree_paths(model)]
['', 'layers/dense']
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import numpy as np

from ._utils import snake_case
from .layers.base import Layer
from .models.model import Functional, Model, Sequential

# Attributes the library sets on every layer or model; a user's own attributes
# (and "layers" and "optimizer") are what Keras walks.
_INTERNAL = {
    "_layers",
    "_trainable_variables",
    "_non_trainable_variables",
    "_losses",
    "_inbound_nodes",
    "_input_layer",
    "_output_tensor",
    "_nodes",
    "_inputs_struct",
    "_outputs_struct",
    "_build_shapes",
    "_output_shape",
    "_declared_input_shape",
    "_loss_tracker",
    "_compiled_metrics",
    "_metric_specs",
    "_weighted_metric_specs",
    "activity_regularizer",
    "history",
    "loss",
    "train_function",
    "output_tensor",
}


def _require_h5py() -> Any:
    try:
        import h5py
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "save_weights/load_weights need h5py: pip install 'tapeflow[keras]'"
        ) from error
    return h5py


def _is_saveable(value: Any) -> bool:
    return isinstance(value, Layer) or (
        hasattr(value, "apply_gradients") and hasattr(value, "variables")
    )


def _own_variables(obj: Any) -> list:
    if isinstance(obj, Layer):
        return list(obj._trainable_variables) + list(obj._non_trainable_variables)
    if getattr(obj, "built", True):
        return list(obj.variables)
    return []


def _name_key(name: str) -> str:
    return "~" + name if name.startswith("_") else name  # private attributes last


def _children(obj: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(obj, (Sequential, Functional)):
        yield "layers", obj.layers
    if not isinstance(obj, Layer):
        return
    names = {k for k in vars(obj) if k not in _INTERNAL}
    if isinstance(obj, Model) and not isinstance(obj, (Sequential, Functional)):
        names.add("layers")
    if getattr(obj, "optimizer", None) is not None:
        names.add("optimizer")
    for name in sorted(names, key=_name_key):
        yield name, obj.layers if name == "layers" else getattr(obj, name)


def tree_paths(model: Any) -> list:
    """(path, object) for every layer and optimizer, in Keras 3's walk order.

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3), tf.keras.layers.Dense(1)])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> [path for path, _ in tree_paths(model)]
    ['', 'layers/dense', 'layers/dense_1', 'optimizer']
    """
    found, visited = [], set()

    def visit(obj: Any, path: str) -> None:
        if id(obj) in visited:
            return
        visited.add(id(obj))
        found.append((path, obj))
        for attr, child in _children(obj):
            child_path = f"{path}/{attr}" if path else attr
            if _is_saveable(child):
                visit(child, child_path)
            elif isinstance(child, (list, tuple, dict, set)):
                items = list(child.values()) if isinstance(child, dict) else list(child)
                used: dict = {}
                for item in items:
                    if not _is_saveable(item):
                        continue
                    name = snake_case(type(item).__name__)
                    if name in used:
                        used[name] += 1
                        name = f"{name}_{used[name]}"
                    else:
                        used[name] = 0
                    visit(item, f"{child_path}/{name}")

    visit(model, "")
    return found


def save_weights(model: Any, filepath: str, overwrite: bool = True) -> None:
    """Write ``model``'s weights to a Keras 3 ``.weights.h5`` file, one group per object.

    >>> import tapeflow as tf
    >>> import os, tempfile, h5py
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "m.weights.h5")
    >>> save_weights(tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)]), path)
    >>> with h5py.File(path) as file:
    ...     print(sorted(file["layers/dense/vars"]))
    ['0', '1']
    >>> folder.cleanup()
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError("The filename must end in `.weights.h5`. Received: filepath=" + filepath)
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"{filepath} exists and overwrite=False.")
    h5py = _require_h5py()
    with h5py.File(filepath, "w") as file:
        for path, obj in tree_paths(model):
            group = file.require_group(f"{path}/vars" if path else "vars")
            name = getattr(obj, "name", None)
            if isinstance(name, str):
                group.attrs["name"] = name
            for index, variable in enumerate(_own_variables(obj)):
                group.create_dataset(str(index), data=np.asarray(variable.numpy()))


def load_weights(model: Any, filepath: str, skip_mismatch: bool = False) -> None:
    """Read a ``.weights.h5`` file into ``model`` (shapes must match unless ``skip_mismatch``).

    >>> import tapeflow as tf
    >>> import os, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "m.weights.h5")
    >>> source = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1, bias_initializer="ones")])
    >>> save_weights(source, path)
    >>> target = tf.keras.Sequential([tf.keras.Input((1,)), tf.keras.layers.Dense(1)])
    >>> load_weights(target, path)
    >>> target.layers[0].bias.numpy()
    array([1.], dtype=float32)
    >>> folder.cleanup()
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError("The filename must end in `.weights.h5`. Received: filepath=" + filepath)
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"No such file: {filepath}")
    h5py = _require_h5py()
    assignments = []
    with h5py.File(filepath, "r") as file:
        for path, obj in tree_paths(model):
            key = f"{path}/vars" if path else "vars"
            if key not in file:
                continue
            group = file[key]
            variables = _own_variables(obj)
            if not isinstance(obj, Layer) and len(group) != len(variables):
                continue  # an optimizer not built yet keeps its fresh state
            if len(group) != len(variables):
                if skip_mismatch:
                    continue
                raise ValueError(
                    f"Layer '{obj.name}' expected {len(variables)} variables, but received "
                    f"{len(group)} variables during loading. Expected: "
                    f"{[v.name for v in variables]}"
                )
            for index, variable in enumerate(variables):
                dataset = group[str(index)]
                if not isinstance(dataset, h5py.Dataset):
                    raise ValueError(f"{key}/{index} in {filepath} is not an array.")
                value = np.asarray(dataset[()])
                if value.shape != tuple(variable.shape):
                    if skip_mismatch:
                        continue
                    raise ValueError(
                        f"Shape mismatch in layer '{getattr(obj, 'name', path)}' for variable "
                        f"'{variable.name}': expected {tuple(variable.shape)}, received "
                        f"{value.shape} from {filepath}."
                    )
                assignments.append((variable, value))
    # Everything was read and checked before any variable changes.
    for variable, value in assignments:
        variable.assign(value.astype(variable.dtype.as_numpy_dtype, copy=False))
