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

import typing as _typing

from . import dtypes as _dt

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
    """The base of errors raised by running an op; ``str(e) == e.message``.

    >>> import tapeflow as tf
    >>> try:
    ...     tf.constant([1, 2]) + tf.constant([1, 2, 3])
    ... except tf.errors.OpError as e:
    ...     print(type(e).__name__, e.error_code)
    InvalidArgumentError 3
    """

    error_code = 2

    def __init__(
        self,
        node_def: _typing.Any = None,
        op: _typing.Any = None,
        message: str = "",
        *args: _typing.Any,
    ) -> None:
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        return type(self), (self.node_def, self.op, self.message)


# One class per canonical error code, as TensorFlow's tf.errors has them.
class CancelledError(OpError):
    """An operation was cancelled.

    >>> import tapeflow as tf
    >>> error = tf.errors.CancelledError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 1, 'what went wrong')
    """

    error_code = 1


class UnknownError(OpError):
    """An error of no other kind.

    >>> import tapeflow as tf
    >>> error = tf.errors.UnknownError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 2, 'what went wrong')
    """

    error_code = 2


class InvalidArgumentError(OpError):
    """An op received an invalid argument (a bad shape, value or dtype).

    >>> import tapeflow as tf
    >>> try:
    ...     tf.reshape(tf.range(6), [4, 2])
    ... except tf.errors.InvalidArgumentError as e:
    ...     print(e.error_code, e.message)
    3 Input to reshape is a tensor with 6 values, but the requested shape has 8 [Op:Reshape]
    """

    error_code = 3


class DeadlineExceededError(OpError):
    """A deadline expired before the operation finished.

    >>> import tapeflow as tf
    >>> error = tf.errors.DeadlineExceededError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 4, 'what went wrong')
    """

    error_code = 4


class NotFoundError(OpError):
    """Something requested (a file, a kernel for a dtype) was not found.

    >>> import tapeflow as tf
    >>> error = tf.errors.NotFoundError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 5, 'what went wrong')
    """

    error_code = 5


class AlreadyExistsError(OpError):
    """An entity to create already exists.

    >>> import tapeflow as tf
    >>> error = tf.errors.AlreadyExistsError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 6, 'what went wrong')
    """

    error_code = 6


class PermissionDeniedError(OpError):
    """The caller may not run the operation.

    >>> import tapeflow as tf
    >>> error = tf.errors.PermissionDeniedError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 7, 'what went wrong')
    """

    error_code = 7


class ResourceExhaustedError(OpError):
    """A resource (memory, quota) ran out.

    >>> import tapeflow as tf
    >>> error = tf.errors.ResourceExhaustedError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 8, 'what went wrong')
    """

    error_code = 8


class FailedPreconditionError(OpError):
    """The system is not in a state the operation needs (say a singular matrix for Cholesky).

    >>> import tapeflow as tf
    >>> error = tf.errors.FailedPreconditionError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 9, 'what went wrong')
    """

    error_code = 9


class AbortedError(OpError):
    """The operation was aborted.

    >>> import tapeflow as tf
    >>> error = tf.errors.AbortedError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 10, 'what went wrong')
    """

    error_code = 10


class OutOfRangeError(OpError):
    """An iteration or index went past the valid range (the end of a dataset).

    >>> import tapeflow as tf
    >>> error = tf.errors.OutOfRangeError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 11, 'what went wrong')
    """

    error_code = 11


class UnimplementedError(OpError):
    """The operation is not implemented or not supported.

    >>> import tapeflow as tf
    >>> error = tf.errors.UnimplementedError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 12, 'what went wrong')
    """

    error_code = 12


class InternalError(OpError):
    """An invariant of the system broke.

    >>> import tapeflow as tf
    >>> error = tf.errors.InternalError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 13, 'what went wrong')
    """

    error_code = 13


class UnavailableError(OpError):
    """A service is unavailable.

    >>> import tapeflow as tf
    >>> error = tf.errors.UnavailableError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 14, 'what went wrong')
    """

    error_code = 14


class DataLossError(OpError):
    """Data were lost or corrupted.

    >>> import tapeflow as tf
    >>> error = tf.errors.DataLossError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 15, 'what went wrong')
    """

    error_code = 15


class UnauthenticatedError(OpError):
    """The request had no valid credentials.

    >>> import tapeflow as tf
    >>> error = tf.errors.UnauthenticatedError(None, None, "what went wrong")
    >>> isinstance(error, tf.errors.OpError), error.error_code, str(error)
    (True, 16, 'what went wrong')
    """

    error_code = 16


class OperatorNotAllowedInGraphError(TypeError):
    """Python used a traced tensor where only a concrete value will do (say ``bool``).

    >>> import tapeflow as tf
    >>> issubclass(tf.errors.OperatorNotAllowedInGraphError, TypeError)
    True
    """


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


_E = _typing.TypeVar("_E", bound=OpError)


# --------------------------------------------------------------------------
# TF's message formats, in one place (the ops build their texts with these)
# --------------------------------------------------------------------------
def _shape_text(shape) -> str:
    """A shape as TensorFlow's kernels print it: ``[2,3]`` (``[]`` for a scalar)."""
    return "[" + ",".join(str(int(d)) for d in shape) + "]"


@_typing.overload
def _op_error(message: str, op_name: str, name: str | None = "") -> InvalidArgumentError: ...
@_typing.overload
def _op_error(message: str, op_name: str, name: str | None = "", *, cls: type[_E]) -> _E: ...
def _op_error(message, op_name, name="", cls=InvalidArgumentError):
    """A kernel error as TF words it: ``<message> [Op:<op_name>] name: <name>``.

    ``name=None`` leaves out the ``name:`` part, as some TF messages do.
    """
    suffix = "" if name is None else f" name: {name}"
    return cls(None, None, f"{message} [Op:{op_name}]{suffix}")


def _attr_text(attr: str, got: str, allowed: str) -> str:
    """TF's text for a dtype an op does not accept (``got`` and ``allowed`` are C names)."""
    return f"Value for attr '{attr}' of {got} is not in the list of allowed values: {allowed}"


def _dtype_mismatch(
    op_name: str, position: int, expected: _typing.Any, got: _typing.Any
) -> InvalidArgumentError:
    """TensorFlow's error for two inputs of different dtypes (``expected``, ``got``: NumPy dtypes).

    >>> import numpy as np
    >>> from tapeflow.errors import _dtype_mismatch
    >>> error = _dtype_mismatch("AddV2", 1, np.dtype("float32"), np.dtype("int32"))
    >>> print(error.message.rstrip())
    cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:AddV2] name:
    """
    expected = _dt._from_numpy(expected).c_name
    got = _dt._from_numpy(got).c_name
    return InvalidArgumentError(
        None,
        None,
        f"cannot compute {op_name} as input #{position}(zero-based) was expected to be a "
        f"{expected} tensor but is a {got} tensor [Op:{op_name}] name: ",
    )


def _invalid_argument(message: str, op_name: str | None = None) -> InvalidArgumentError:
    """An InvalidArgumentError worded as TensorFlow's kernels word theirs."""
    if op_name:
        return _op_error(message, op_name)
    return InvalidArgumentError(None, None, message)
