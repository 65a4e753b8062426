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


def _op_error(name: str, code: int) -> type:
    return type(name, (OpError,), {"error_code": code, "__module__": __name__})


CancelledError = _op_error("CancelledError", 1)
UnknownError = _op_error("UnknownError", 2)
InvalidArgumentError = _op_error("InvalidArgumentError", 3)
DeadlineExceededError = _op_error("DeadlineExceededError", 4)
NotFoundError = _op_error("NotFoundError", 5)
AlreadyExistsError = _op_error("AlreadyExistsError", 6)
PermissionDeniedError = _op_error("PermissionDeniedError", 7)
ResourceExhaustedError = _op_error("ResourceExhaustedError", 8)
FailedPreconditionError = _op_error("FailedPreconditionError", 9)
AbortedError = _op_error("AbortedError", 10)
OutOfRangeError = _op_error("OutOfRangeError", 11)
UnimplementedError = _op_error("UnimplementedError", 12)
InternalError = _op_error("InternalError", 13)
UnavailableError = _op_error("UnavailableError", 14)
DataLossError = _op_error("DataLossError", 15)
UnauthenticatedError = _op_error("UnauthenticatedError", 16)


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


def invalid_argument(message: str, op_name: str | None = None) -> InvalidArgumentError:
    """An InvalidArgumentError worded as TensorFlow's kernels word theirs."""
    if op_name:
        message = f"{message} [Op:{op_name}] name: "
    return InvalidArgumentError(None, None, message)
