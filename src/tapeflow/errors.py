"""TensorFlow's exception classes (``tf.errors``).

Ops raise these with TensorFlow's message texts, so ``except
tf.errors.InvalidArgumentError`` works as it does in TensorFlow.

>>> import tapeflow as tf
>>> try:
...     tf.constant(1) * tf.constant(1.0)
... except tf.errors.InvalidArgumentError as e:
...     print(e.message[:27])
cannot compute Mul as input
"""

from __future__ import annotations

__all__ = [
    "OpError",
    "CancelledError",
    "UnknownError",
    "InvalidArgumentError",
    "DeadlineExceededError",
    "NotFoundError",
    "AlreadyExistsError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "FailedPreconditionError",
    "AbortedError",
    "OutOfRangeError",
    "UnimplementedError",
    "InternalError",
    "UnavailableError",
    "DataLossError",
    "UnauthenticatedError",
    "OperatorNotAllowedInGraphError",
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
    "UNAUTHENTICATED",
]  # fmt: skip


class OpError(Exception):
    """The base of errors raised by running an op; ``str(e) == e.message``."""

    error_code = 2

    def __init__(self, node_def=None, op=None, message: str = "", *args):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return type(self), (self.node_def, self.op, self.message)


def _error_class(name: str, code: int) -> type:
    return type(name, (OpError,), {"error_code": code, "__module__": __name__})


CancelledError = _error_class("CancelledError", 1)
UnknownError = _error_class("UnknownError", 2)
InvalidArgumentError = _error_class("InvalidArgumentError", 3)
DeadlineExceededError = _error_class("DeadlineExceededError", 4)
NotFoundError = _error_class("NotFoundError", 5)
AlreadyExistsError = _error_class("AlreadyExistsError", 6)
PermissionDeniedError = _error_class("PermissionDeniedError", 7)
ResourceExhaustedError = _error_class("ResourceExhaustedError", 8)
FailedPreconditionError = _error_class("FailedPreconditionError", 9)
AbortedError = _error_class("AbortedError", 10)
OutOfRangeError = _error_class("OutOfRangeError", 11)
UnimplementedError = _error_class("UnimplementedError", 12)
InternalError = _error_class("InternalError", 13)
UnavailableError = _error_class("UnavailableError", 14)
DataLossError = _error_class("DataLossError", 15)
UnauthenticatedError = _error_class("UnauthenticatedError", 16)


class OperatorNotAllowedInGraphError(TypeError):
    """Python used a traced tensor where only a concrete value will do (say ``bool``)."""


# The canonical error codes (``e.error_code``), as TensorFlow numbers them.
OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16


# --------------------------------------------------------------------------
# TF's message formats, in one place (the ops build their texts with these)
# --------------------------------------------------------------------------
def _shape_text(shape) -> str:
    """A shape as TensorFlow's kernels print it: ``[2,3]`` (``[]`` for a scalar)."""
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


def _op_error(
    message: str, op_name: str, name: str | None = "", cls: type = InvalidArgumentError
) -> OpError:
    """A kernel error as TF words it: ``<message> [Op:<op_name>] name: <name>``.

    ``name=None`` leaves out the ``name:`` part, as some TF messages do.
    """
    suffix = "" if name is None else f" name: {name}"
    return cls(None, None, f"{message} [Op:{op_name}]{suffix}")


def _attr_text(attr: str, got: str, allowed: str) -> str:
    """TF's text for a dtype an op does not accept (``got`` and ``allowed`` are C names)."""
    return f"Value for attr '{attr}' of {got} is not in the list of allowed values: {allowed}"


def invalid_argument(message: str, op_name: str | None = None) -> InvalidArgumentError:
    """An InvalidArgumentError worded as TensorFlow's kernels word theirs."""
    if op_name:
        return _op_error(message, op_name)
    return InvalidArgumentError(None, None, message)
