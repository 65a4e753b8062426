"""tf.config: the devices tapeflow computes on (one CPU), settings TF programs
make at start-up, accepted and remembered (visible devices, soft placement,
determinism, thread counts), and how tf.function runs.

>>> import tapeflow as tf
>>> tf.config.list_physical_devices("CPU")
[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
>>> tf.config.list_physical_devices("GPU")
[]
>>> tf.config.experimental.enable_op_determinism()
>>> tf.config.functions_run_eagerly()
False
"""

import collections as _collections
import sys as _sys
import types as _types
from typing import Any as _Any

from ._function.function import RUN_EAGERLY as _RUN_EAGERLY

__all__ = [
    "LogicalDevice", "LogicalDeviceConfiguration", "PhysicalDevice",
    "get_logical_device_configuration", "get_soft_device_placement", "get_visible_devices",
    "list_logical_devices", "list_physical_devices", "set_logical_device_configuration",
    "set_soft_device_placement", "set_visible_devices", "run_functions_eagerly",
    "functions_run_eagerly", "experimental_run_functions_eagerly",
    "experimental_functions_run_eagerly",
]  # fmt: skip


def run_functions_eagerly(run_eagerly: bool) -> None:
    """Make every tf.function call its Python function directly (for debugging).

    >>> import tapeflow as tf
    >>> tf.config.run_functions_eagerly(True)
    >>> tf.config.functions_run_eagerly()
    True
    >>> tf.config.run_functions_eagerly(False)
    """
    _RUN_EAGERLY[0] = bool(run_eagerly)


def functions_run_eagerly() -> bool:
    """Whether ``run_functions_eagerly(True)`` is in effect."""
    return _RUN_EAGERLY[0]


experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly


PhysicalDevice = _collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = _collections.namedtuple("LogicalDevice", ["name", "device_type"])


class LogicalDeviceConfiguration(
    _collections.namedtuple(
        "LogicalDeviceConfiguration",
        ["memory_limit", "experimental_priority", "experimental_device_ordinal"],
    )
):
    """How to split a physical device into logical ones (accepted; one CPU here)."""

    def __new__(cls, memory_limit=None, experimental_priority=None,
                experimental_device_ordinal=None):  # fmt: skip
        return super().__new__(cls, memory_limit, experimental_priority,
                               experimental_device_ordinal)  # fmt: skip


_CPU = PhysicalDevice(name="/physical_device:CPU:0", device_type="CPU")
_GPU = PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")
_settings: dict[str, _Any] = {"visible": [_CPU], "soft_placement": True, "logical": {}, "determinism": False,
             "inter_op": 0, "intra_op": 0, "memory_growth": {}}  # fmt: skip


def list_physical_devices(device_type=None) -> list:
    """The physical devices of a type (None for all): the CPU, and a GPU when CuPy finds one."""
    from . import _backend

    devices = [_CPU] if _backend.gpu_library() is None else [_CPU, _GPU]
    return [d for d in devices if device_type is None or d.device_type == device_type.upper()]


def list_logical_devices(device_type=None) -> list:
    """The logical devices made from the visible physical ones."""
    return [LogicalDevice(name=d.name.replace("/physical_device:", "/device:"),
                          device_type=d.device_type)
            for d in _settings["visible"]
            if device_type is None or d.device_type == device_type.upper()]  # fmt: skip


def get_visible_devices(device_type=None) -> list:
    return [d for d in _settings["visible"]
            if device_type is None or d.device_type == device_type.upper()]  # fmt: skip


def set_visible_devices(devices, device_type=None) -> None:
    """Choose the visible devices; the CPU cannot be hidden (TF's ValueError)."""
    devices = [devices] if isinstance(devices, PhysicalDevice) else list(devices)
    for d in devices:
        if d not in list_physical_devices():
            raise ValueError(f"Unrecognized device: {d!r}")
    kept = [d for d in _settings["visible"]
            if device_type is not None and d.device_type != device_type.upper()]  # fmt: skip
    visible = kept + [d for d in devices if d not in kept]
    if not any(d.device_type == "CPU" for d in visible):
        raise ValueError("CPU must be visible")
    _settings["visible"] = visible


def get_logical_device_configuration(device) -> list | None:
    return _settings["logical"].get(device)


def set_logical_device_configuration(device, logical_devices) -> None:
    if device not in list_physical_devices():
        raise ValueError(f"Unrecognized device: {device!r}")
    _settings["logical"][device] = list(logical_devices)


def get_soft_device_placement() -> bool:
    return _settings["soft_placement"]


def set_soft_device_placement(enabled: bool) -> None:
    _settings["soft_placement"] = bool(enabled)


def _namespace(name: str, functions: dict) -> _types.ModuleType:
    module = _types.ModuleType(f"{__name__}.{name}")
    module.__dict__.update(functions)
    module.__all__ = sorted(functions)  # type: ignore[attr-defined]
    _sys.modules[module.__name__] = module
    return module


def _enable_op_determinism() -> None:
    """tapeflow's kernels are NumPy's, deterministic already; the setting is remembered."""
    _settings["determinism"] = True


def _set_memory_growth(device, enable: bool) -> None:
    if device not in list_physical_devices():
        raise ValueError(f"Unrecognized device: {device!r}")
    _settings["memory_growth"][device] = bool(enable)


experimental = _namespace("experimental", {
    "enable_op_determinism": _enable_op_determinism,
    "list_physical_devices": list_physical_devices,
    "list_logical_devices": list_logical_devices,
    "get_visible_devices": get_visible_devices,
    "set_visible_devices": set_visible_devices,
    "set_memory_growth": _set_memory_growth,
    "get_memory_growth": lambda device: _settings["memory_growth"].get(device, False),
    "get_virtual_device_configuration": get_logical_device_configuration,
    "set_virtual_device_configuration": set_logical_device_configuration,
    "get_device_details": lambda device: {},
})  # fmt: skip

threading = _namespace("threading", {
    "get_inter_op_parallelism_threads": lambda: _settings["inter_op"],
    "get_intra_op_parallelism_threads": lambda: _settings["intra_op"],
    "set_inter_op_parallelism_threads": lambda num_threads: _settings.update(
        inter_op=int(num_threads)),
    "set_intra_op_parallelism_threads": lambda num_threads: _settings.update(
        intra_op=int(num_threads)),
})  # fmt: skip
