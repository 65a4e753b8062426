"""TensorFlow's eager framework utilities: grouping and ordering helpers that are
no-ops without graphs, device strings, gradient registries, Python functions as
ops, and TF's enums for variables and gradient aggregation.

>>> import tapeflow as tf
>>> x = tf.constant([1.0, 2.0])
>>> tf.is_tensor(x), tf.get_static_value(x)
(True, array([1., 2.], dtype=float32))
>>> with tf.device("/CPU:0"), tf.control_dependencies([x]):
...     y = tf.identity_n([x, x + 1.0])[1]
>>> print(y)
tf.Tensor([2. 3.], shape=(2,), dtype=float32)
"""

from __future__ import annotations

import contextlib as _contextlib
import enum as _enum
import re as _re
import sys as _sys
import time as _time
from collections.abc import Callable as _Callable
from collections.abc import Iterable as _Iterable
from collections.abc import Iterator as _Iterator
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

if _TYPE_CHECKING:  # logging loads on first use (_log.py), not with tapeflow
    import logging as _logging

import numpy as _np

from . import _backend, _dispatch
from ._log import logger as _logger
from ._tensor import Tensor as _Tensor
from ._tensor import TensorShape as _TensorShape
from ._tensor import convert_to_tensor as _convert
from ._tensor import read_static as _read_static
from ._tensor import wrap as _wrap
from ._types import ShapeLike as _ShapeLike
from ._types import TensorLike as _TensorLike
from ._variable import Variable as _Variable
from .errors import InvalidArgumentError as _InvalidArgumentError

__all__ = [
    "AggregationMethod", "DeviceSpec", "RegisterGradient", "VariableAggregation",
    "VariableSynchronization", "control_dependencies", "device", "ensure_shape", "get_logger",
    "get_static_value", "gradients", "group", "guarantee_const", "hessians", "identity_n",
    "init_scope", "is_tensor", "no_gradient", "no_op", "numpy_function", "parallel_stack",
    "py_function", "timestamp", "tuple",
]  # fmt: skip

_tuple = tuple  # the builtin, before this module's `tuple` shadows it


def is_tensor(x: _Any) -> bool:
    """True for tensors, variables and TF's composite tensors (IndexedSlices,
    SparseTensor), False for NumPy values.

    >>> import tapeflow as tf
    >>> tf.is_tensor(tf.constant(1.0)), tf.is_tensor(tf.Variable(1.0)), tf.is_tensor(1.0)
    (True, True, False)
    >>> tf.is_tensor(tf.sparse.from_dense([[1, 0]]))
    True
    """
    if isinstance(x, (_Tensor, _Variable)):
        return True
    from .ops.sparse import IndexedSlices

    if isinstance(x, IndexedSlices):
        return True
    # tapeflow.sparse loads on first use: until it has, no value can be a SparseTensor.
    sparse = _sys.modules.get("tapeflow.sparse")
    return sparse is not None and isinstance(x, sparse.SparseTensor)


def get_static_value(tensor: _Any, partial: bool = False) -> _Any:
    """A tensor's value as a NumPy array (eagerly always known); None for variables,
    whose value may change; other values are returned unchanged.

    >>> import tapeflow as tf
    >>> tf.get_static_value(tf.constant([1, 2])), tf.get_static_value(tf.Variable(1.0))
    (array([1, 2], dtype=int32), None)
    """
    if isinstance(tensor, _Variable):
        return None
    if isinstance(tensor, _Tensor):
        # Inside tf.function a traced value is known too (TF would say None): guarded, so
        # a call with another value traces again.
        _read_static(tensor)
        return _np.asarray(_backend.to_host(tensor._value))  # a GPU value: a host copy
    return tensor


def no_op(name: str | None = None) -> None:
    """Does nothing (eagerly there is no graph node to return).

    >>> import tapeflow as tf
    >>> print(tf.no_op())
    None
    """
    return None


def group(*inputs: _Any, name: str | None = None) -> None:
    """Eagerly every op has already run, so grouping them gives None, as in TF.

    >>> import tapeflow as tf
    >>> print(tf.group(tf.constant(1), tf.constant(2)))
    None
    """
    return None


def tuple(  # noqa: A001 - TF's name
    tensors: _Iterable[_Any], name: str | None = None, control_inputs: _Any = None
) -> list[_Any]:
    """The tensors, as a list (eager ops have run in program order already).

    >>> import tapeflow as tf
    >>> tf.tuple([tf.constant(1), None])
    [<tf.Tensor: shape=(), dtype=int32, numpy=1>, None]
    """
    return [None if t is None else _convert(t) for t in tensors]


def identity_n(input: _Iterable[_Any], name: str | None = None) -> list[_Tensor]:  # noqa: A002
    """An identity of each tensor of a list (gradients pass through each).

    >>> import tapeflow as tf
    >>> [t.numpy().tolist() for t in tf.identity_n([[1, 2], 3.0])]
    [[1, 2], 3.0]
    """
    from .arrays import identity

    return [identity(t) for t in input]


def guarantee_const(input: _TensorLike, name: str | None = None) -> _Tensor:  # noqa: A002
    """Promises the value is constant: an identity whose gradient is None.

    (TF registers no gradient and raises ``LookupError``; tapeflow returns None.)

    >>> import tapeflow as tf
    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.guarantee_const(x) * x
    >>> print(y, tape.gradient(y, x))
    tf.Tensor(4.0, shape=(), dtype=float32) tf.Tensor(2.0, shape=(), dtype=float32)
    """
    from .arrays import stop_gradient

    return stop_gradient(input)


def ensure_shape(x: _TensorLike, shape: _ShapeLike, name: str | None = None) -> _Tensor:
    """x itself if its shape is compatible with ``shape`` (None is any size), else
    TF's InvalidArgumentError.

    >>> import tapeflow as tf
    >>> tf.ensure_shape(tf.zeros([2, 3]), [None, 3]).shape
    TensorShape([2, 3])
    >>> tf.ensure_shape(tf.zeros([2, 3]), [3])
    Traceback (most recent call last):
    ...
    tapeflow.errors.InvalidArgumentError: Shape of tensor input [2,3] is not compatible with expected shape [3]. [Op:EnsureShape]...
    """
    x = _convert(x)
    want = _TensorShape(shape)
    got = x._value.shape
    if not want.is_compatible_with(_TensorShape(got)):
        dims = ",".join("?" if d is None else str(d) for d in want.as_list())
        raise _InvalidArgumentError(
            None, None, f"Shape of tensor input [{','.join(map(str, got))}] is not compatible "
            f"with expected shape [{dims}]. [Op:EnsureShape] name: ",
        )  # fmt: skip
    return x


def parallel_stack(values: _Any, name: str = "parallel_stack") -> _Tensor:
    """Graph-only in TF: eagerly it raises TF's RuntimeError.

    >>> import tapeflow as tf
    >>> tf.parallel_stack([tf.constant(1), tf.constant(2)])
    Traceback (most recent call last):
    ...
    RuntimeError: tf.parallel_stack() is not compatible with eager execution.
    """
    raise RuntimeError("tf.parallel_stack() is not compatible with eager execution.")


def gradients(
    ys: _Any,
    xs: _Any,
    grad_ys: _Any = None,
    name: str = "gradients",
    gate_gradients: bool = False,
    aggregation_method: _Any = None,
    stop_gradients: _Any = None,
    unconnected_gradients: str = "none",
) -> list[_Any]:
    """Graph-only in TF: eagerly it raises TF's RuntimeError (use tf.GradientTape).

    >>> import tapeflow as tf
    >>> x = tf.constant(1.0)
    >>> tf.gradients(x * x, x)
    Traceback (most recent call last):
    ...
    RuntimeError: tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.
    """
    raise RuntimeError(
        "tf.gradients is not supported when eager execution is enabled. "
        "Use tf.GradientTape instead."
    )


def hessians(
    ys: _Any,
    xs: _Any,
    gate_gradients: bool = False,
    aggregation_method: _Any = None,
    name: str = "hessians",
) -> list[_Any]:
    """Graph-only in TF (built on tf.gradients): eagerly TF's RuntimeError.

    >>> import tapeflow as tf
    >>> x = tf.constant(1.0)
    >>> tf.hessians(x * x, x)
    Traceback (most recent call last):
    ...
    RuntimeError: tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead.
    """
    return gradients(ys, xs)


@_contextlib.contextmanager
def control_dependencies(control_inputs: _Any) -> _Iterator[None]:
    """Eager ops run in program order, so the dependencies hold already: a no-op scope.

    >>> import tapeflow as tf
    >>> x = tf.constant(1.0)
    >>> with tf.control_dependencies([x]):
    ...     print(x + 1.0)
    tf.Tensor(2.0, shape=(), dtype=float32)
    """
    yield None


@_contextlib.contextmanager
def init_scope() -> _Iterator[None]:
    """A scope in which no tape or accumulator records (TF pauses them inside) and,
    inside a ``tf.function`` being traced, ops run eagerly (TF lifts them out of the graph).

    >>> import tapeflow as tf
    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     with tf.init_scope():
    ...         y = x * x
    >>> print(tape.gradient(y, x))
    None
    """
    from ._function import trace as _trace  # late: tf.function loads after the framework

    saved = _dispatch.set_stack([])
    traces = _trace.suspend()  # inside a tf.function's trace, TF lifts the scope out of it
    try:
        yield None
    finally:
        _trace.resume(traces)
        _dispatch.set_stack(saved)


def get_logger() -> _logging.Logger:
    """The ``tapeflow`` logger (TF's is named ``tensorflow``).

    >>> import tapeflow as tf
    >>> tf.get_logger().name
    'tapeflow'
    """
    return _logger()


def timestamp(name: str | None = None) -> _Tensor:
    """Seconds since the epoch, as a float64 scalar.

    >>> import tapeflow as tf
    >>> t = tf.timestamp()
    >>> t.dtype, bool(t > 1.6e9)
    (tf.float64, True)
    """
    return _wrap(_np.float64(_time.time()))


# --------------------------------------------------------------------------
# Devices: tapeflow computes on the CPU; device strings are parsed and accepted.
# --------------------------------------------------------------------------
_DEVICE_PART = _re.compile(r"^(job|replica|task|device|cpu|gpu|tpu)$", _re.IGNORECASE)


class DeviceSpec:
    """A device name's parts (job, replica, task, device_type, device_index).

    >>> import tapeflow as tf
    >>> tf.DeviceSpec.from_string("/job:w/task:1/device:GPU:2").to_string()
    '/job:w/task:1/device:GPU:2'
    """

    __slots__ = ("_job", "_replica", "_task", "_device_type", "_device_index")

    def __init__(
        self,
        job: str | None = None,
        replica: int | None = None,
        task: int | None = None,
        device_type: str | None = None,
        device_index: int | None = None,
    ) -> None:
        self._job = None if job is None else str(job)
        self._replica = None if replica is None else int(replica)
        self._task = None if task is None else int(task)
        if device_type is not None:
            device_type = str(device_type)
            if device_type.lower() in ("cpu", "gpu"):
                device_type = device_type.upper()
        self._device_type = device_type
        self._device_index = None if device_index is None else int(device_index)

    @property
    def job(self) -> str | None:
        """The job name, or None.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec.from_string("/job:worker/task:1").job
        'worker'
        """
        return self._job

    @property
    def replica(self) -> int | None:
        """The replica index, or None.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec(replica=2).replica
        2
        """
        return self._replica

    @property
    def task(self) -> int | None:
        """The task index, or None.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec.from_string("/job:worker/task:1").task
        1
        """
        return self._task

    @property
    def device_type(self) -> str | None:
        """The device type ("CPU", "GPU", ...), or None.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec.from_string("/gpu:0").device_type
        'GPU'
        """
        return self._device_type

    @property
    def device_index(self) -> int | None:
        """The device index, or None (any device of the type).

        >>> import tapeflow as tf
        >>> tf.DeviceSpec.from_string("/device:CPU:3").device_index
        3
        """
        return self._device_index

    @classmethod
    def from_string(cls, spec: str) -> DeviceSpec:
        """Parse a device name such as ``"/job:worker/device:GPU:1"``.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec.from_string("/GPU:1")
        <DeviceSpec(device_type=GPU, device_index=1)>
        """
        return cls(**_parse_device(spec))

    def parse_from_string(self, spec: str) -> DeviceSpec:
        """A new spec parsed from ``spec`` (TF's name for ``from_string`` on an instance).

        >>> import tapeflow as tf
        >>> tf.DeviceSpec().parse_from_string("/job:ps/task:0").to_string()
        '/job:ps/task:0'
        """
        return self.from_string(spec)

    def replace(self, **kwargs: _Any) -> DeviceSpec:
        """A copy with the given parts replaced.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec(device_type="CPU", device_index=0).replace(device_index=1).to_string()
        '/device:CPU:1'
        """
        parts = self._parts()
        parts.update(kwargs)
        return DeviceSpec(**parts)

    def make_merged_spec(self, dev: DeviceSpec) -> DeviceSpec:
        """A copy with every part that ``dev`` sets taken from ``dev``.

        >>> import tapeflow as tf
        >>> base = tf.DeviceSpec(job="worker", device_type="CPU")
        >>> base.make_merged_spec(tf.DeviceSpec(device_type="GPU", device_index=0)).to_string()
        '/job:worker/device:GPU:0'
        """
        parts = self._parts()
        parts.update({k: v for k, v in dev._parts().items() if v is not None})
        return DeviceSpec(**parts)

    def _parts(self) -> dict:
        return {"job": self._job, "replica": self._replica, "task": self._task,
                "device_type": self._device_type, "device_index": self._device_index}  # fmt: skip

    def to_string(self) -> str:
        """The device name, with only the parts that are set.

        >>> import tapeflow as tf
        >>> tf.DeviceSpec(job="worker", task=2).to_string()
        '/job:worker/task:2'
        """
        text = ""
        if self._job is not None:
            text += f"/job:{self._job}"
        if self._replica is not None:
            text += f"/replica:{self._replica}"
        if self._task is not None:
            text += f"/task:{self._task}"
        if self._device_type is not None:
            index = "*" if self._device_index is None else self._device_index
            text += f"/device:{self._device_type}:{index}"
        return text

    def __eq__(self, other) -> bool:
        return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

    def __hash__(self) -> int:
        return hash(self.to_string())

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self._parts().items() if v is not None)
        return f"<DeviceSpec({inner})>"


def _parse_device(spec: str) -> dict:
    parts: dict = {}
    for piece in (p for p in str(spec).split("/") if p):
        fields = piece.split(":")
        key = fields[0].lower()
        if not _DEVICE_PART.match(fields[0]) or len(fields) < 2:
            if len(fields) == 1 and key in ("cpu", "gpu", "tpu"):
                parts["device_type"] = fields[0]
                continue
            raise ValueError(
                f"Unknown attribute '{fields[0]}' is encountered while parsing the device "
                f"spec: '{spec}'."
            )
        if key in ("job", "replica", "task"):
            parts[key] = fields[1]
        elif key == "device":
            parts["device_type"] = fields[1]
            if len(fields) > 2 and fields[2] != "*":
                parts["device_index"] = fields[2]
        else:
            parts["device_type"] = fields[0]
            if fields[1] != "*":
                parts["device_index"] = fields[1]
    return parts


@_contextlib.contextmanager
def device(device_name: str | DeviceSpec | None) -> _Iterator[None]:
    """Place new tensors of the block on a device: ``"/GPU:0"`` uses CuPy when it
    finds a GPU, else the CPU (TF's soft placement); a malformed name is TF's
    ValueError. ``tf.identity`` inside the block copies its input there.

    >>> import tapeflow as tf
    >>> with tf.device("/CPU:0"):
    ...     x = tf.constant([1.0])
    >>> x.device
    '/job:localhost/replica:0/task:0/device:CPU:0'
    """
    device_type = None
    if device_name is not None and not callable(device_name):
        parts = _parse_device(device_name.to_string() if isinstance(device_name, DeviceSpec)
                              else device_name)  # fmt: skip
        device_type = parts.get("device_type")
    if device_type is None:
        yield None
        return
    _backend.enter_device(str(device_type).upper())
    try:
        yield None
    finally:
        _backend.exit_device()


# --------------------------------------------------------------------------
# Gradient registries (TF's graph-mode op-name registry) and Python functions
# --------------------------------------------------------------------------
_GRADIENT_REGISTRY: dict[str, object] = {}


def _register(op_type, function) -> None:
    if not isinstance(op_type, str):
        raise TypeError("op_type must be a string")
    if op_type in _GRADIENT_REGISTRY:
        raise KeyError(f"Registering two gradient with name '{op_type}'! "
                       "(Previous registration was in register)")  # fmt: skip
    _GRADIENT_REGISTRY[op_type] = function


class RegisterGradient:
    """Decorator registering a gradient function under an op type name.

    TF consults the registry for graph ops (and ``gradient_override_map``);
    tapeflow's primitives carry their own rules, so the registry is kept for
    programs that register, and for duplicate-name errors.

    >>> import tapeflow as tf
    >>> register = tf.RegisterGradient("MyOp")  # registers when it decorates a function
    >>> type(register).__name__
    'RegisterGradient'
    """

    def __init__(self, op_type: str) -> None:
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, f):
        _register(self._op_type, f)
        return f


def no_gradient(op_type: str) -> None:
    """Register ``op_type`` as having no gradient.

    >>> import tapeflow as tf
    >>> tf.no_gradient(3)
    Traceback (most recent call last):
    ...
    TypeError: op_type must be a string
    """
    _register(op_type, None)


def py_function(  # noqa: N803 - TF's names
    func: _Callable[..., _Any] | None = None,
    inp: _Any = None,
    Tout: _Any = None,
    name: str | None = None,
) -> _Any:
    """Run a Python function on tensors as an op; it runs eagerly, so tapes see
    the tapeflow ops inside it and gradients flow through, as in TF.

    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.py_function(lambda v: v * v, [x], tf.float32)
    >>> print(tape.gradient(y, x))
    tf.Tensor(6.0, shape=(), dtype=float32)
    """
    if func is None:  # used as a decorator: @tf.py_function(Tout=...)
        return lambda f: lambda *args: py_function(f, list(args), Tout, name)
    return _run_python(func, [_convert(x) for x in (inp or [])], Tout)


def numpy_function(  # noqa: N803 - TF's names
    func: _Callable[..., _Any] | None = None,
    inp: _Any = None,
    Tout: _Any = None,
    stateful: bool = True,
    name: str | None = None,
) -> _Any:
    """Run a Python function on NumPy arrays; its results are constants (no gradient).

    >>> import tapeflow as tf
    >>> tf.numpy_function(lambda a: a.sum(), [tf.constant([1, 2, 3])], tf.int64)
    <tf.Tensor: shape=(), dtype=int64, numpy=6>
    """
    if func is None:
        return lambda f: lambda *args: numpy_function(f, list(args), Tout, stateful, name)
    arrays = [_np.asarray(_convert(x)._value) for x in (inp or [])]
    with init_scope():
        return _run_python(func, arrays, Tout)


def _run_python(func, args: list, Tout):  # noqa: N803
    from .math._elementwise import cast

    result = func(*args)
    if Tout is None:
        return None
    if isinstance(Tout, (list, _tuple)):
        values = list(result) if isinstance(result, (list, _tuple)) else [result]
        if len(values) != len(Tout):
            raise _InvalidArgumentError(
                None, None, f"Expected {len(Tout)} values, got {len(values)} "
                "[Op:EagerPyFunc] name: ",
            )  # fmt: skip
        return [cast(_convert(v), dtype) for v, dtype in zip(values, Tout)]
    return cast(_convert(result), Tout)


# --------------------------------------------------------------------------
# Enums and constants
# --------------------------------------------------------------------------
class AggregationMethod:
    """How tf.gradients adds up gradients (graph mode); the tape always adds.

    >>> import tapeflow as tf
    >>> tf.AggregationMethod.DEFAULT == tf.AggregationMethod.ADD_N
    True
    """

    ADD_N = 0
    DEFAULT = ADD_N
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


class VariableSynchronization(_enum.Enum):
    """When a distributed variable synchronizes (accepted; tapeflow has one replica).

    >>> import tapeflow as tf
    >>> tf.VariableSynchronization.ON_READ.value
    3
    """

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(_enum.Enum):
    """How a distributed variable aggregates updates (accepted; one replica here).

    >>> import tapeflow as tf
    >>> tf.VariableAggregation.MEAN.name
    'MEAN'
    """

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
