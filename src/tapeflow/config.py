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
    """Whether ``run_functions_eagerly(True)`` is in effect.

    >>> import tapeflow as tf
    >>> tf.config.functions_run_eagerly()
    False
    """
    return _RUN_EAGERLY[0]


experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly


class PhysicalDevice(_collections.namedtuple("PhysicalDevice", ["name", "device_type"])):
    """A device of the machine, as ``list_physical_devices`` reports it.

    >>> import tapeflow as tf
    >>> cpu = tf.config.list_physical_devices("CPU")[0]
    >>> cpu.name, cpu.device_type
    ('/physical_device:CPU:0', 'CPU')
    """

    __slots__ = ()


class LogicalDevice(_collections.namedtuple("LogicalDevice", ["name", "device_type"])):
    """A device ops run on, as ``list_logical_devices`` reports it.

    >>> import tapeflow as tf
    >>> tf.config.list_logical_devices("CPU")
    [LogicalDevice(name='/device:CPU:0', device_type='CPU')]
    """

    __slots__ = ()


class LogicalDeviceConfiguration(
    _collections.namedtuple(
        "LogicalDeviceConfiguration",
        ["memory_limit", "experimental_priority", "experimental_device_ordinal"],
    )
):
    """How to split a physical device into logical ones (accepted; one CPU here).

    >>> import tapeflow as tf
    >>> tf.config.LogicalDeviceConfiguration(memory_limit=1024)
    LogicalDeviceConfiguration(memory_limit=1024, experimental_priority=None, experimental_device_ordinal=None)
    """

    def __new__(
        cls,
        memory_limit: int | None = None,
        experimental_priority: int | None = None,
        experimental_device_ordinal: int | None = None,
    ) -> "LogicalDeviceConfiguration":
        return super().__new__(cls, memory_limit, experimental_priority,
                               experimental_device_ordinal)  # fmt: skip


_CPU = PhysicalDevice(name="/physical_device:CPU:0", device_type="CPU")
_GPU = PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")
_settings: dict[str, _Any] = {
    "visible": [_CPU], "soft_placement": True, "logical": {}, "determinism": False,
    "inter_op": 0, "intra_op": 0, "memory_growth": {},
}  # fmt: skip


def list_physical_devices(device_type: str | None = None) -> list[PhysicalDevice]:
    """The physical devices of a type (None for all): the CPU, and a GPU when CuPy finds one.

    >>> import tapeflow as tf
    >>> tf.config.list_physical_devices("CPU")
    [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    """
    from . import _backend

    devices = [_CPU] if _backend.gpu_library() is None else [_CPU, _GPU]
    return [d for d in devices if device_type is None or d.device_type == device_type.upper()]


def list_logical_devices(device_type: str | None = None) -> list[LogicalDevice]:
    """The logical devices made from the visible physical ones.

    >>> import tapeflow as tf
    >>> [d.name for d in tf.config.list_logical_devices("CPU")]
    ['/device:CPU:0']
    """
    return [LogicalDevice(name=d.name.replace("/physical_device:", "/device:"),
                          device_type=d.device_type)
            for d in _settings["visible"]
            if device_type is None or d.device_type == device_type.upper()]  # fmt: skip


def get_visible_devices(device_type: str | None = None) -> list[PhysicalDevice]:
    """The physical devices ops may use (all of them unless ``set_visible_devices`` hid some).

    >>> import tapeflow as tf
    >>> tf.config.get_visible_devices("CPU")
    [PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]
    """
    return [d for d in _settings["visible"]
            if device_type is None or d.device_type == device_type.upper()]  # fmt: skip


def set_visible_devices(
    devices: PhysicalDevice | list[PhysicalDevice], device_type: str | None = None
) -> None:
    """Choose the visible devices; the CPU cannot be hidden (TF's ValueError).

    >>> import tapeflow as tf
    >>> tf.config.set_visible_devices(tf.config.list_physical_devices("CPU"))
    >>> tf.config.set_visible_devices([])
    Traceback (most recent call last):
    ...
    ValueError: CPU must be visible
    """
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


def get_logical_device_configuration(
    device: PhysicalDevice,
) -> list[LogicalDeviceConfiguration] | None:
    """The logical devices configured for ``device`` (None when never configured).

    >>> import tapeflow as tf
    >>> cpu = tf.config.list_physical_devices("CPU")[0]
    >>> tf.config.get_logical_device_configuration(cpu) is None
    True
    """
    return _settings["logical"].get(device)


def set_logical_device_configuration(
    device: PhysicalDevice, logical_devices: list[LogicalDeviceConfiguration]
) -> None:
    """Record how ``device`` splits into logical devices (remembered; one CPU computes).

    >>> import tapeflow as tf
    >>> cpu = tf.config.list_physical_devices("CPU")[0]
    >>> tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()])
    >>> len(tf.config.get_logical_device_configuration(cpu))
    1
    """
    if device not in list_physical_devices():
        raise ValueError(f"Unrecognized device: {device!r}")
    _settings["logical"][device] = list(logical_devices)


def get_soft_device_placement() -> bool:
    """Whether an op may fall back to another device (remembered; True by default).

    >>> import tapeflow as tf
    >>> tf.config.get_soft_device_placement()
    True
    """
    return _settings["soft_placement"]


def set_soft_device_placement(enabled: bool) -> None:
    """Allow or forbid device fallback (remembered; tapeflow computes on one CPU).

    >>> import tapeflow as tf
    >>> tf.config.set_soft_device_placement(True)
    >>> tf.config.get_soft_device_placement()
    True
    """
    _settings["soft_placement"] = bool(enabled)


def _namespace(name: str, functions: dict) -> _types.ModuleType:
    module = _types.ModuleType(f"{__name__}.{name}")
    module.__dict__.update(functions)
    module.__all__ = sorted(functions)  # type: ignore[attr-defined]
    _sys.modules[module.__name__] = module
    return module


def _enable_op_determinism() -> None:
    """tapeflow's kernels are NumPy's, deterministic already; the setting is remembered.

    >>> import tapeflow as tf
    >>> tf.config.experimental.enable_op_determinism()
    """
    _settings["determinism"] = True


def _set_memory_growth(device: PhysicalDevice, enable: bool) -> None:
    """Remember whether ``device`` should allocate memory as needed.

    >>> import tapeflow as tf
    >>> cpu = tf.config.list_physical_devices("CPU")[0]
    >>> tf.config.experimental.set_memory_growth(cpu, True)
    >>> tf.config.experimental.get_memory_growth(cpu)
    True
    >>> tf.config.experimental.set_memory_growth(cpu, False)
    """
    if device not in list_physical_devices():
        raise ValueError(f"Unrecognized device: {device!r}")
    _settings["memory_growth"][device] = bool(enable)


def _get_memory_growth(device: PhysicalDevice) -> bool:
    """Whether ``device`` was set to allocate memory as needed (False by default).

    >>> import tapeflow as tf
    >>> tf.config.experimental.get_memory_growth(tf.config.list_physical_devices("CPU")[0])
    False
    """
    return _settings["memory_growth"].get(device, False)


def _get_device_details(device: PhysicalDevice) -> dict[str, _Any]:
    """TF's details of a GPU (compute capability, name): none for tapeflow's devices.

    >>> import tapeflow as tf
    >>> tf.config.experimental.get_device_details(tf.config.list_physical_devices("CPU")[0])
    {}
    """
    return {}


experimental = _namespace("experimental", {
    "enable_op_determinism": _enable_op_determinism,
    "list_physical_devices": list_physical_devices,
    "list_logical_devices": list_logical_devices,
    "get_visible_devices": get_visible_devices,
    "set_visible_devices": set_visible_devices,
    "set_memory_growth": _set_memory_growth,
    "get_memory_growth": _get_memory_growth,
    "get_virtual_device_configuration": get_logical_device_configuration,
    "set_virtual_device_configuration": set_logical_device_configuration,
    "get_device_details": _get_device_details,
})  # fmt: skip


def _get_inter_op_parallelism_threads() -> int:
    """The remembered count of threads running independent ops (0: the system picks).

    >>> import tapeflow as tf
    >>> tf.config.threading.get_inter_op_parallelism_threads()
    0
    """
    return _settings["inter_op"]


def _get_intra_op_parallelism_threads() -> int:
    """The remembered count of threads inside one op (0: the system picks).

    >>> import tapeflow as tf
    >>> tf.config.threading.get_intra_op_parallelism_threads()
    0
    """
    return _settings["intra_op"]


def _set_inter_op_parallelism_threads(num_threads: int) -> None:
    """Remember a thread count for independent ops (NumPy decides the real threading).

    >>> import tapeflow as tf
    >>> tf.config.threading.set_inter_op_parallelism_threads(2)
    >>> tf.config.threading.get_inter_op_parallelism_threads()
    2
    >>> tf.config.threading.set_inter_op_parallelism_threads(0)
    """
    _settings.update(inter_op=int(num_threads))


def _set_intra_op_parallelism_threads(num_threads: int) -> None:
    """Remember a thread count inside one op (NumPy decides the real threading).

    >>> import tapeflow as tf
    >>> tf.config.threading.set_intra_op_parallelism_threads(4)
    >>> tf.config.threading.get_intra_op_parallelism_threads()
    4
    >>> tf.config.threading.set_intra_op_parallelism_threads(0)
    """
    _settings.update(intra_op=int(num_threads))


threading = _namespace("threading", {
    "get_inter_op_parallelism_threads": _get_inter_op_parallelism_threads,
    "get_intra_op_parallelism_threads": _get_intra_op_parallelism_threads,
    "set_inter_op_parallelism_threads": _set_inter_op_parallelism_threads,
    "set_intra_op_parallelism_threads": _set_intra_op_parallelism_threads,
})  # fmt: skip
