"""tf.train.Checkpoint: save and restore the variables reachable from some objects.

What is saved is an object graph: starting from the objects given to the
checkpoint, attributes (modules, layers, metrics, lists, tuples, dicts) are
walked breadth first, public names before private ones, and every variable
gets the path of the first route that reaches it, e.g.
``model/layers/0/kernel/.ATTRIBUTES/VARIABLE_VALUE``. A fresh, identically
built model yields the same paths, which is how values find their way back.
An optimizer's variables are keyed by the model variable they shadow
(``<variable path>/.OPTIMIZER_SLOT/<optimizer path>/<slot>``), so an
optimizer that has not been built yet is built from the checkpoint's record
of its variables before its slots are restored.

On disk, for a prefix ``P``:

* ``P.index``: JSON; ``{"format": "tapeflow-checkpoint", "version": 1,
  "variables": {key: {"member", "dtype", "shape"}}, "optimizers":
  {path: {"built_with": [key, ...]}}}``.
* ``P.data-00000-of-00001``: a NumPy ``.npz`` archive of plain arrays
  (``member`` names); read with ``allow_pickle=False``, so loading never
  unpickles anything.
* ``checkpoint`` (beside it, written by ``save`` and ``CheckpointManager``):
  TF's text state file naming the latest checkpoint.

>>> import tempfile, tapeflow as tf
>>> v = tf.Variable([1.0, 2.0])
>>> path = tf.train.Checkpoint(v=v).save(tempfile.mkdtemp() + "/ckpt")
>>> _ = v.assign([0.0, 0.0])
>>> _ = tf.train.Checkpoint(v=v).restore(path)
>>> v.numpy()
array([1., 2.], dtype=float32)
"""

from __future__ import annotations

import collections
import json
import os
import re
from collections.abc import Callable
from typing import Any

import numpy as np

import tapeflow as tf

_FORMAT = "tapeflow-checkpoint"
_VERSION = 1
_VALUE = ".ATTRIBUTES/VARIABLE_VALUE"
_DATA_SUFFIX = ".data-00000-of-00001"
_INDEX_SUFFIX = ".index"


def _keras() -> Any:
    return tf.keras


def _is_optimizer(obj: Any) -> bool:
    return isinstance(obj, _keras().optimizers.Optimizer)


def _is_trackable(obj: Any) -> bool:
    if isinstance(obj, (Checkpoint, tf.Module, tf.Variable, list, tuple, dict)):
        return True
    keras = _keras()
    return isinstance(obj, (keras.layers.Layer, keras.metrics.Metric, keras.optimizers.Optimizer))


def _children(obj: Any) -> list[tuple[str, Any]]:
    if isinstance(obj, Checkpoint):
        items = list(obj._children.items())
        if obj._save_counter is not None:
            items.append(("save_counter", obj._save_counter))
        return items
    if isinstance(obj, dict):
        return [
            (str(k), v)
            for k, v in sorted(obj.items(), key=lambda kv: str(kv[0]))
            if isinstance(k, str)
        ]
    if isinstance(obj, (list, tuple)):
        return [(str(i), v) for i, v in enumerate(obj)]
    attrs = getattr(obj, "__dict__", {})
    return sorted(attrs.items(), key=lambda kv: (kv[0].startswith("_"), kv[0]))


class _Graph:
    """Variables and optimizers reachable from a root, with their checkpoint keys."""

    def __init__(self, root: Any) -> None:
        self.variables: dict[str, tf.Variable] = {}
        self.optimizers: dict[str, Any] = {}
        key_of: dict[int, str] = {}
        seen = {id(root)}
        todo = collections.deque([("", root)])
        while todo:
            path, obj = todo.popleft()
            for name, child in _children(obj):
                child_path = f"{path}/{name}" if path else name
                if id(child) in seen or not _is_trackable(child):
                    continue
                seen.add(id(child))
                if isinstance(child, tf.Variable):
                    key = f"{child_path}/{_VALUE}"
                    self.variables[key] = child
                    key_of[id(child)] = child_path
                elif _is_optimizer(child):
                    self.optimizers[child_path] = child
                else:
                    todo.append((child_path, child))
        self._key_of = key_of
        for opt_path, optimizer in self.optimizers.items():
            self._add_optimizer(opt_path, optimizer)

    def _add_optimizer(self, opt_path: str, optimizer: Any) -> None:
        for variable in optimizer.variables:
            slot = optimizer._slot_for.get(id(variable))
            if slot is not None:
                owner, slot_name = slot
                owner_path = self._key_of.get(id(owner))
                if owner_path is None:
                    continue  # its model variable is not in this checkpoint
                key = f"{owner_path}/.OPTIMIZER_SLOT/{opt_path}/{slot_name}/{_VALUE}"
            else:
                key = f"{opt_path}/{variable.name}/{_VALUE}"
            self.variables[key] = variable

    def built_with(self, optimizer: Any) -> list[str] | None:
        if not optimizer.built:
            return None
        keys = [self._key_of.get(id(v)) for v in optimizer._trainable_variables]
        return None if None in keys else [f"{k}/{_VALUE}" for k in keys]


class CheckpointLoadStatus:
    """What ``restore`` matched: the assertions TF offers on it.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
    >>> status = tf.train.Checkpoint(a=tf.Variable(0.0)).restore(path)
    >>> type(status).__name__, status.assert_consumed() is status
    ('CheckpointLoadStatus', True)
    >>> folder.cleanup()
    """

    def __init__(self, unused_keys: list[str], missing_keys: list[str], matched: int) -> None:
        self._unused = unused_keys
        self._missing = missing_keys
        self._matched = matched

    def assert_consumed(self) -> CheckpointLoadStatus:
        """Every value in the checkpoint found a variable, and every variable a value.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> status = tf.train.Checkpoint().restore(path)  # nothing takes the value of a
        >>> try:
        ...     status.assert_consumed()
        ... except AssertionError as error:
        ...     print(error)
        Unresolved object in checkpoint: a/.ATTRIBUTES/VARIABLE_VALUE
        >>> folder.cleanup()
        """
        if self._unused:
            raise AssertionError(f"Unresolved object in checkpoint: {self._unused[0]}")
        self.assert_existing_objects_matched()
        return self

    def assert_existing_objects_matched(self) -> CheckpointLoadStatus:
        """Every variable reachable now received a value.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> status = tf.train.Checkpoint(a=tf.Variable(0.0), b=tf.Variable(0.0)).restore(path)
        >>> try:
        ...     status.assert_existing_objects_matched()
        ... except AssertionError as error:
        ...     print(error)
        Object b/.ATTRIBUTES/VARIABLE_VALUE was not restored (it is not in the checkpoint).
        >>> folder.cleanup()
        """
        if self._missing:
            raise AssertionError(
                f"Object {self._missing[0]} was not restored (it is not in the checkpoint)."
            )
        return self

    def assert_nontrivial_match(self) -> CheckpointLoadStatus:
        """At least one variable was restored.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> status = tf.train.Checkpoint(a=tf.Variable(0.0)).restore(path)
        >>> status.assert_nontrivial_match() is status
        True
        >>> folder.cleanup()
        """
        if not self._matched:
            raise AssertionError("Nothing was restored from the checkpoint.")
        return self

    def expect_partial(self) -> CheckpointLoadStatus:
        """Accept a partial match silently.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> status = tf.train.Checkpoint().restore(path).expect_partial()
        >>> type(status).__name__
        'CheckpointLoadStatus'
        >>> folder.cleanup()
        """
        return self

    def run_restore_ops(self, session: Any = None) -> None:
        """Nothing to run: restoring is eager.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> a = tf.Variable(0.0)
        >>> tf.train.Checkpoint(a=a).restore(path).run_restore_ops()
        >>> float(a.numpy())  # already restored
        1.0
        >>> folder.cleanup()
        """


_NOTHING_RESTORED = "No checkpoint specified (save_path=None); nothing is being restored."


class InitializationOnlyStatus(CheckpointLoadStatus):
    """``restore(None)``: nothing was restored.

    >>> status = tf.train.Checkpoint(a=tf.Variable(1.0)).restore(None)
    >>> type(status).__name__
    'InitializationOnlyStatus'
    """

    def __init__(self) -> None:
        super().__init__([], [], 0)

    def assert_consumed(self) -> CheckpointLoadStatus:
        """Always fails: there was no checkpoint to consume.

        >>> tf.train.Checkpoint().restore(None).assert_consumed()
        Traceback (most recent call last):
        AssertionError: No checkpoint specified (save_path=None); nothing is being restored.
        """
        raise AssertionError(_NOTHING_RESTORED)

    def assert_existing_objects_matched(self) -> CheckpointLoadStatus:
        """Always fails: no object was matched.

        >>> tf.train.Checkpoint().restore(None).assert_existing_objects_matched()
        Traceback (most recent call last):
        AssertionError: No checkpoint specified (save_path=None); nothing is being restored.
        """
        raise AssertionError(_NOTHING_RESTORED)

    def assert_nontrivial_match(self) -> CheckpointLoadStatus:
        """Always fails: nothing was restored.

        >>> tf.train.Checkpoint().restore(None).assert_nontrivial_match()
        Traceback (most recent call last):
        AssertionError: No checkpoint specified (save_path=None); nothing is being restored.
        """
        raise AssertionError(_NOTHING_RESTORED)


class Checkpoint:
    """Groups objects to save and restore together.

    >>> import tempfile, tapeflow as tf
    >>> ckpt = tf.train.Checkpoint(step=tf.Variable(3))
    >>> ckpt.write(tempfile.mkdtemp() + "/state").endswith("/state")
    True
    """

    # Set with object.__setattr__ (plain attributes are tracked children).
    _children: dict[str, Any]
    _save_counter: Any

    def __init__(self, root: Any = None, **kwargs: Any) -> None:
        object.__setattr__(self, "_children", {})
        object.__setattr__(self, "_save_counter", None)
        if root is not None:
            kwargs = {"root": root, **kwargs}
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_"):
            if not _is_trackable(value):
                raise ValueError(
                    f"`Checkpoint` was expecting {name} to be a trackable object (an object "
                    f"derived from `Trackable`), got {value}. If you believe this object "
                    "should be trackable (i.e. it is part of the TensorFlow Python API and "
                    "manages state), please open an issue."
                )
            self._children[name] = value
        object.__setattr__(self, name, value)

    @property
    def save_counter(self) -> tf.Variable:
        """How many times ``save`` ran (an int64 variable, saved with the checkpoint).

        >>> tf.train.Checkpoint().save_counter.numpy()
        np.int64(0)
        """
        if self._save_counter is None:
            object.__setattr__(
                self,
                "_save_counter",
                tf.Variable(0, dtype=tf.int64, trainable=False, name="save_counter"),
            )
        return self._save_counter

    def write(self, file_prefix: str, options: Any = None) -> str:
        """Write the checkpoint at exactly ``file_prefix``; returns it.

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(w=tf.Variable([1.0, 2.0])).write(os.path.join(folder.name, "state"))
        >>> sorted(os.listdir(folder.name))
        ['state.data-00000-of-00001', 'state.index']
        >>> folder.cleanup()
        """
        file_prefix = os.fspath(file_prefix)
        graph = _Graph(self)
        index: dict[str, Any] = {
            "format": _FORMAT,
            "version": _VERSION,
            "variables": {},
            "optimizers": {},
        }
        arrays: dict[str, Any] = {}
        for i, (key, variable) in enumerate(sorted(graph.variables.items())):
            value = np.asarray(variable.numpy())
            if value.dtype.kind not in "biufc":
                raise TypeError(f"Cannot checkpoint variable {key} of dtype {value.dtype}.")
            member = f"v{i}"
            arrays[member] = value
            index["variables"][key] = {
                "member": member,
                "dtype": value.dtype.name,
                "shape": list(value.shape),
            }
        for path, optimizer in graph.optimizers.items():
            index["optimizers"][path] = {"built_with": graph.built_with(optimizer)}
        directory = os.path.dirname(file_prefix)
        if directory:
            os.makedirs(directory, exist_ok=True)
        _atomic_write(file_prefix + _DATA_SUFFIX, lambda f: np.savez(f, **arrays))
        _atomic_write(
            file_prefix + _INDEX_SUFFIX, lambda f: f.write(json.dumps(index, indent=1).encode())
        )
        return file_prefix

    def save(self, file_prefix: str, options: Any = None) -> str:
        """Write ``<file_prefix>-<n>`` (n counts saves) and record it as the latest.

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> ckpt = tf.train.Checkpoint(w=tf.Variable(1.0))
        >>> [os.path.basename(ckpt.save(os.path.join(folder.name, "ckpt"))) for _ in range(2)]
        ['ckpt-1', 'ckpt-2']
        >>> os.path.basename(tf.train.latest_checkpoint(folder.name))
        'ckpt-2'
        >>> folder.cleanup()
        """
        counter = self.save_counter
        counter.assign_add(1)
        path = self.write(f"{os.fspath(file_prefix)}-{int(counter.numpy())}")
        _write_state(os.path.dirname(path) or ".", path, [path])
        return path

    def read(self, save_path: str, options: Any = None) -> CheckpointLoadStatus:
        """Restore from a checkpoint written by ``write`` (or ``save``).

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> a = tf.Variable(0.0)
        >>> _ = tf.train.Checkpoint(a=a).read(path)
        >>> float(a.numpy())
        1.0
        >>> folder.cleanup()
        """
        return self.restore(save_path)

    def restore(self, save_path: str | None, options: Any = None) -> CheckpointLoadStatus:
        """Assign every saved value to the variable at the same path now.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
        >>> a = tf.Variable(5.0)
        >>> status = tf.train.Checkpoint(a=a).restore(path)
        >>> float(a.numpy()), status.assert_consumed() is status
        (1.0, True)
        >>> folder.cleanup()
        """
        if save_path is None:
            return InitializationOnlyStatus()
        save_path = os.fspath(save_path)
        index, values = _load(save_path)
        self.save_counter  # noqa: B018 - restored like any variable, so it must exist
        graph = _Graph(self)
        # Unbuilt optimizers: build them on the variables they were saved with.
        rebuilt = False
        for path, record in index.get("optimizers", {}).items():
            optimizer = graph.optimizers.get(path)
            keys = record.get("built_with")
            if optimizer is None or optimizer.built or not keys:
                continue
            if all(k in graph.variables for k in keys):
                optimizer.build([graph.variables[k] for k in keys])
                rebuilt = True
        if rebuilt:
            graph = _Graph(self)
        saved = index["variables"]
        matched = 0
        for key, variable in graph.variables.items():
            record = saved.get(key)
            if record is None:
                continue
            value = values[record["member"]]
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(
                    f"Received incompatible tensor with shape {value.shape} when attempting to "
                    f"restore variable with shape {tuple(variable.shape)} and name {key}."
                )
            variable.assign(value.astype(variable.dtype.as_numpy_dtype, copy=False))
            matched += 1
        unused = sorted(set(saved) - set(graph.variables))
        # The save counter may be absent from a checkpoint made by write().
        missing = sorted(set(graph.variables) - set(saved) - {f"save_counter/{_VALUE}"})
        return CheckpointLoadStatus(unused, missing, matched)


def _atomic_write(path: str, write: Callable) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        write(f)
    os.replace(tmp, path)


def _load(save_path: str) -> tuple[dict, dict]:
    index_path = save_path + _INDEX_SUFFIX
    if not os.path.exists(index_path):
        raise tf.errors.NotFoundError(
            None, None, f"Failed to find any matching files for {save_path}"
        )
    try:
        with open(index_path, encoding="utf-8") as f:
            index = json.load(f)
    except (ValueError, UnicodeDecodeError):
        raise tf.errors.DataLossError(
            None, None, f"Unable to read checkpoint index {index_path}"
        ) from None
    if not isinstance(index, dict) or index.get("format") != _FORMAT:
        raise tf.errors.DataLossError(
            None, None, f"{index_path} is not a tapeflow checkpoint index."
        )
    if index.get("version") != _VERSION:
        raise tf.errors.UnimplementedError(
            None, None, f"Checkpoint format version {index.get('version')} is not supported."
        )
    try:
        with np.load(save_path + _DATA_SUFFIX, allow_pickle=False) as archive:
            values = {name: archive[name] for name in archive.files}
    except (OSError, ValueError) as exc:
        raise tf.errors.DataLossError(
            None, None, f"Unable to read checkpoint data: {exc}"
        ) from None
    for key, record in index.get("variables", {}).items():
        if record.get("member") not in values:
            raise tf.errors.DataLossError(
                None, None, f"Checkpoint data is missing the value of {key}."
            )
    return index, values


# -- the "checkpoint" state file --------------------------------------------------------

_STATE = "checkpoint"


def _write_state(directory: str, latest: str, paths: list[str]) -> None:
    def rel(p: str) -> str:
        return os.path.relpath(p, directory) if os.path.isabs(p) == os.path.isabs(directory) else p

    lines = [f'model_checkpoint_path: "{rel(latest)}"']
    lines += [f'all_model_checkpoint_paths: "{rel(p)}"' for p in paths]
    _atomic_write(
        os.path.join(directory, _STATE), lambda f: f.write(("\n".join(lines) + "\n").encode())
    )


def _read_state(directory: str) -> tuple[str | None, list[str]]:
    path = os.path.join(os.fspath(directory), _STATE)
    if not os.path.exists(path):
        return None, []
    with open(path, encoding="utf-8") as f:
        text = f.read()

    def absolute(p: str) -> str:
        return p if os.path.isabs(p) else os.path.join(os.fspath(directory), p)

    latest = re.search(r'^model_checkpoint_path: "(.*)"$', text, re.M)
    paths = re.findall(r'^all_model_checkpoint_paths: "(.*)"$', text, re.M)
    return (absolute(latest.group(1)) if latest else None), [absolute(p) for p in paths]


def latest_checkpoint(checkpoint_dir: str, latest_filename: str | None = None) -> str | None:
    """The newest checkpoint recorded in ``checkpoint_dir``, or ``None``.

    >>> import tempfile, tapeflow as tf
    >>> tf.train.latest_checkpoint(tempfile.mkdtemp()) is None
    True
    """
    latest, _ = _read_state(checkpoint_dir)
    if latest is None or not os.path.exists(latest + _INDEX_SUFFIX):
        return None
    return latest


def list_variables(ckpt_dir_or_file: str) -> list[tuple[str, list[int]]]:
    """``(key, shape)`` for every value in a checkpoint, sorted by key.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
    >>> tf.train.list_variables(path)
    [('a/.ATTRIBUTES/VARIABLE_VALUE', [])]
    >>> folder.cleanup()
    """
    path = (
        latest_checkpoint(ckpt_dir_or_file) if os.path.isdir(ckpt_dir_or_file) else ckpt_dir_or_file
    )
    if path is None:
        raise ValueError(
            f"Couldn't find 'checkpoint' file or checkpoints in given directory {ckpt_dir_or_file}"
        )
    index, _ = _load(path)
    return sorted((key, list(r["shape"])) for key, r in index["variables"].items())


def load_variable(ckpt_dir_or_file: str, name: str) -> np.ndarray:
    """The saved value of one key (as ``list_variables`` names it).

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = tf.train.Checkpoint(a=tf.Variable(1.0)).write(folder.name + "/ckpt")
    >>> tf.train.load_variable(path, "a/.ATTRIBUTES/VARIABLE_VALUE")
    array(1., dtype=float32)
    >>> folder.cleanup()
    """
    path = (
        latest_checkpoint(ckpt_dir_or_file) if os.path.isdir(ckpt_dir_or_file) else ckpt_dir_or_file
    )
    if path is None:
        raise ValueError(
            f"Couldn't find 'checkpoint' file or checkpoints in given directory {ckpt_dir_or_file}"
        )
    index, values = _load(path)
    if not name.endswith(_VALUE) and f"{name}/{_VALUE}" in index["variables"]:
        name = f"{name}/{_VALUE}"
    if name not in index["variables"]:
        raise tf.errors.NotFoundError(None, None, f"Key {name} not found in checkpoint")
    return values[index["variables"][name]["member"]]


def _delete(prefix: str) -> None:
    for suffix in (_INDEX_SUFFIX, _DATA_SUFFIX):
        try:
            os.remove(prefix + suffix)
        except FileNotFoundError:
            pass


class CheckpointManager:
    """Numbered saves in a directory, keeping the newest ``max_to_keep``.

    >>> import tempfile, tapeflow as tf
    >>> ckpt = tf.train.Checkpoint(v=tf.Variable(1.0))
    >>> manager = tf.train.CheckpointManager(ckpt, tempfile.mkdtemp(), max_to_keep=2)
    >>> paths = [manager.save() for _ in range(3)]
    >>> [os.path.basename(p) for p in manager.checkpoints]
    ['ckpt-2', 'ckpt-3']
    """

    def __init__(
        self,
        checkpoint: Checkpoint,
        directory: str,
        max_to_keep: int | None,
        keep_checkpoint_every_n_hours: float | None = None,
        checkpoint_name: str = "ckpt",
        step_counter: Any = None,
        checkpoint_interval: int | None = None,
        init_fn: Any = None,
    ) -> None:
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(
                f"Expected a positive integer or `None` for `max_to_keep`, got {max_to_keep}."
            )
        if checkpoint_interval is not None and step_counter is None:
            raise ValueError(
                "`step_counter` should be passed if `checkpoint_interval` is not None."
            )
        self._checkpoint = checkpoint
        self._directory = os.fspath(directory)
        self._max_to_keep = max_to_keep
        self._prefix = os.path.join(self._directory, checkpoint_name)
        self._step_counter = step_counter
        self._interval = checkpoint_interval
        self._init_fn = init_fn
        self._last_step: int | None = None
        latest, paths = _read_state(self._directory)
        self._checkpoints = [p for p in paths if os.path.exists(p + _INDEX_SUFFIX)]
        self._latest = (
            latest
            if latest in self._checkpoints
            else (self._checkpoints[-1] if self._checkpoints else None)
        )

    @property
    def directory(self) -> str:
        """The folder the checkpoints go to.

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(), os.path.join(folder.name, "run"), max_to_keep=1)
        >>> os.path.basename(manager.directory)
        'run'
        >>> folder.cleanup()
        """
        return self._directory

    @property
    def checkpoint(self) -> Checkpoint:
        """The checkpoint the manager saves and restores.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> ckpt = tf.train.Checkpoint()
        >>> tf.train.CheckpointManager(ckpt, folder.name, max_to_keep=1).checkpoint is ckpt
        True
        >>> folder.cleanup()
        """
        return self._checkpoint

    @property
    def latest_checkpoint(self) -> str | None:
        """The newest checkpoint this manager knows, or ``None``.

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(), folder.name, max_to_keep=3)
        >>> manager.latest_checkpoint is None
        True
        >>> os.path.basename(manager.save())
        'ckpt-1'
        >>> os.path.basename(manager.latest_checkpoint)
        'ckpt-1'
        >>> folder.cleanup()
        """
        return self._latest

    @property
    def checkpoints(self) -> list[str]:
        """The kept checkpoints, oldest first.

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(), folder.name, max_to_keep=2)
        >>> for _ in range(3):
        ...     _ = manager.save()
        >>> [os.path.basename(p) for p in manager.checkpoints]
        ['ckpt-2', 'ckpt-3']
        >>> folder.cleanup()
        """
        return list(self._checkpoints)

    @property
    def checkpoint_interval(self) -> int | None:
        """The minimum number of steps between saves (``None``: save every time).

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(), folder.name, max_to_keep=1, step_counter=tf.Variable(0), checkpoint_interval=10)
        >>> manager.checkpoint_interval
        10
        >>> folder.cleanup()
        """
        return self._interval

    def save(
        self, checkpoint_number: int | None = None, check_interval: bool = True, options: Any = None
    ) -> str | None:
        """Save ``<directory>/<checkpoint_name>-<n>``; returns its path (``None`` if skipped).

        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> step = tf.Variable(0)
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(), folder.name, max_to_keep=5, step_counter=step, checkpoint_interval=10)
        >>> os.path.basename(manager.save())
        'ckpt-1'
        >>> _ = step.assign(5)
        >>> manager.save() is None  # fewer than 10 steps since the last save
        True
        >>> folder.cleanup()
        """
        if self._interval is not None and check_interval:
            step = int(
                np.asarray(getattr(self._step_counter, "numpy", lambda: self._step_counter)())
            )
            if self._last_step is not None and step < self._last_step + self._interval:
                return None
            self._last_step = step
        counter = self._checkpoint.save_counter
        counter.assign_add(1)
        number = (
            int(counter.numpy())
            if checkpoint_number is None
            else int(
                checkpoint_number.numpy()
                if hasattr(checkpoint_number, "numpy")
                else checkpoint_number
            )
        )
        path = self._checkpoint.write(f"{self._prefix}-{number}")
        if path in self._checkpoints:
            self._checkpoints.remove(path)
        self._checkpoints.append(path)
        if self._max_to_keep is not None:
            while len(self._checkpoints) > self._max_to_keep:
                _delete(self._checkpoints.pop(0))
        self._latest = path
        _write_state(self._directory, path, self._checkpoints)
        return path

    def restore_or_initialize(self) -> str | None:
        """Restore the latest checkpoint, or run ``init_fn`` when there is none.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> w = tf.Variable(0.0)
        >>> manager = tf.train.CheckpointManager(tf.train.Checkpoint(w=w), folder.name, max_to_keep=1, init_fn=lambda: w.assign(7.0))
        >>> manager.restore_or_initialize() is None, float(w.numpy())
        (True, 7.0)
        >>> _ = w.assign(1.0)
        >>> _ = manager.save()
        >>> _ = w.assign(0.0)
        >>> _ = manager.restore_or_initialize()
        >>> float(w.numpy())
        1.0
        >>> folder.cleanup()
        """
        if self._latest is not None:
            self._checkpoint.restore(self._latest)
            return self._latest
        if self._init_fn is not None:
            self._init_fn()
        return None
