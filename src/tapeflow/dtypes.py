"""DType objects (``tf.float32`` ...) and the rules that pick a dtype for a value.

A DType wraps a NumPy dtype. TensorFlow prints it as ``<dtype: 'float32'>`` and
reprs it as ``tf.float32``; error messages use the C type names (``float``,
``double``), which each DType carries as ``c_name``.

>>> import tapeflow as tf
>>> tf.float32, tf.float32.name, str(tf.int32)
(tf.float32, 'float32', "<dtype: 'int32'>")
"""

import builtins as _builtins
from typing import Any as _Any

import numpy as _np

from ._types import DTypeLike as _DTypeLike

__all__ = [
    "DType",
    "as_dtype",
    "bool",
    "complex64",
    "complex128",
    "double",
    "float16",
    "float32",
    "float64",
    "half",
    "int8",
    "int16",
    "int32",
    "int64",
    "string",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
]


_PY_BOOL = bool  # the builtin, before this module's `bool` shadows it


class DType:
    """A tensor element type: a NumPy dtype plus TensorFlow's names for it.

    >>> import tapeflow as tf
    >>> tf.float32, str(tf.float32), tf.float32.name, tf.float32 == "float32"
    (tf.float32, "<dtype: 'float32'>", 'float32', True)
    """

    __slots__ = ("name", "as_numpy_dtype_instance", "c_name", "kind")
    name: str
    as_numpy_dtype_instance: _np.dtype[_Any]
    c_name: str
    kind: str

    def __init__(self, name: str, numpy_dtype: _DTypeLike, c_name: str) -> None:
        self.name = name
        self.as_numpy_dtype_instance = _np.dtype(numpy_dtype)
        self.c_name = c_name
        self.kind = self.as_numpy_dtype_instance.kind

    @property
    def as_numpy_dtype(self) -> type:
        """The NumPy scalar type (``numpy.float32`` for ``tf.float32``).

        >>> import tapeflow as tf
        >>> tf.float32.as_numpy_dtype
        <class 'numpy.float32'>
        """
        return self.as_numpy_dtype_instance.type

    @property
    def base_dtype(self) -> "DType":
        """This dtype (TF's reference dtypes do not exist eagerly).

        >>> import tapeflow as tf
        >>> tf.int64.base_dtype
        tf.int64
        """
        return self

    @property
    def is_floating(self) -> _builtins.bool:
        """True for the floating-point dtypes.

        >>> import tapeflow as tf
        >>> tf.float16.is_floating, tf.int32.is_floating
        (True, False)
        """
        return self.kind == "f"

    @property
    def is_complex(self) -> _builtins.bool:
        """True for complex64 and complex128.

        >>> import tapeflow as tf
        >>> tf.complex64.is_complex, tf.float32.is_complex
        (True, False)
        """
        return self.kind == "c"

    @property
    def is_integer(self) -> _builtins.bool:
        """True for the signed and unsigned integer dtypes.

        >>> import tapeflow as tf
        >>> tf.uint8.is_integer, tf.bool.is_integer
        (True, False)
        """
        return self.kind in "iu"

    @property
    def is_unsigned(self) -> _builtins.bool:
        """True for the unsigned integer dtypes.

        >>> import tapeflow as tf
        >>> tf.uint8.is_unsigned, tf.int8.is_unsigned
        (True, False)
        """
        return self.kind == "u"

    @property
    def is_bool(self) -> _builtins.bool:
        """True for tf.bool.

        >>> import tapeflow as tf
        >>> tf.bool.is_bool
        True
        """
        return self.kind == "b"

    @property
    def is_numeric(self) -> _builtins.bool:
        """True for integer, floating and complex dtypes.

        >>> import tapeflow as tf
        >>> tf.float64.is_numeric, tf.string.is_numeric
        (True, False)
        """
        return self.kind in "iufc"

    @property
    def is_differentiable(self) -> _builtins.bool:
        """Floating and complex dtypes carry gradients; the rest never do.

        >>> import tapeflow as tf
        >>> tf.float32.is_differentiable, tf.int32.is_differentiable
        (True, False)
        """
        return self.kind in "fc"

    @property
    def size(self) -> int:
        """The size of one element in bytes.

        >>> import tapeflow as tf
        >>> tf.float64.size, tf.int8.size
        (8, 1)
        """
        return self.as_numpy_dtype_instance.itemsize

    @property
    def min(self) -> _Any:
        """The smallest value of the dtype (TypeError for bool, string).

        >>> import tapeflow as tf
        >>> tf.int8.min, tf.float16.min
        (-128, np.float16(-6.55e+04))
        """
        return _limits(self).min

    @property
    def max(self) -> _Any:
        """The largest value of the dtype (TypeError for bool, string).

        >>> import tapeflow as tf
        >>> tf.uint8.max, tf.float32.max
        (255, np.float32(3.4028235e+38))
        """
        return _limits(self).max

    @property
    def real_dtype(self) -> "DType":
        """The dtype of the real part (the dtype itself unless complex).

        >>> import tapeflow as tf
        >>> tf.complex64.real_dtype, tf.float64.real_dtype
        (tf.float32, tf.float64)
        """
        if self is complex64:
            return float32
        if self is complex128:
            return float64
        return self

    def __repr__(self) -> str:
        return f"tf.{self.name}"

    def __str__(self) -> str:
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other) -> _builtins.bool:
        if other is self:
            return True
        try:
            return as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other) -> _builtins.bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self):
        return as_dtype, (self.name,)


def _limits(dtype: DType):
    if dtype.kind in "fc":
        return _np.finfo(dtype.as_numpy_dtype_instance)
    if dtype.kind in "iu":
        return _np.iinfo(dtype.as_numpy_dtype_instance)
    raise TypeError(f"Cannot find minimum value of {dtype!r}.")


float16 = half = DType("float16", _np.float16, "half")
float32 = DType("float32", _np.float32, "float")
float64 = double = DType("float64", _np.float64, "double")
int8 = DType("int8", _np.int8, "int8")
int16 = DType("int16", _np.int16, "int16")
int32 = DType("int32", _np.int32, "int32")
int64 = DType("int64", _np.int64, "int64")
uint8 = DType("uint8", _np.uint8, "uint8")
uint16 = DType("uint16", _np.uint16, "uint16")
uint32 = DType("uint32", _np.uint32, "uint32")
uint64 = DType("uint64", _np.uint64, "uint64")
bool = DType("bool", _np.bool_, "bool")  # noqa: A001 - TensorFlow's public name
complex64 = DType("complex64", _np.complex64, "complex64")
complex128 = DType("complex128", _np.complex128, "complex128")
string = DType("string", _np.object_, "string")

_ALL = (
    float16, float32, float64, int8, int16, int32, int64, uint8, uint16,
    uint32, uint64, bool, complex64, complex128, string,
)  # fmt: skip
_BY_NAME = {d.name: d for d in _ALL}
_BY_NAME.update(half=float16, double=float64)
# TF's DataType enum numbers (types.proto), which as_dtype accepts too.
_BY_ENUM = {1: float32, 2: float64, 3: int32, 4: uint8, 5: int16, 6: int8, 7: string,
            8: complex64, 9: int64, 10: bool, 17: uint16, 18: complex128, 19: float16,
            22: uint32, 23: uint64}  # fmt: skip
# Keyed by _np.dtype: the hot path turns an array's dtype into a DType with one lookup.
_BY_NUMPY = {d.as_numpy_dtype_instance: d for d in _ALL}


def _from_numpy(np_dtype) -> DType:
    """The DType of a NumPy dtype (fast path for arrays we made ourselves)."""
    try:
        return _BY_NUMPY[np_dtype]
    except KeyError:
        raise TypeError(f"Cannot convert {np_dtype!r} to a tapeflow DType.") from None


def as_dtype(type_value: _DTypeLike) -> DType:
    """Convert a DType, a NumPy dtype, a Python type, a name or TF's enum number to a DType.

    >>> import tapeflow as tf
    >>> tf.as_dtype("float64"), tf.as_dtype(float), tf.as_dtype(3)
    (tf.float64, tf.float32, tf.int32)
    """
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        if type_value in _BY_NAME:
            return _BY_NAME[type_value]
    elif type_value is float:
        return float32
    elif type_value is int:
        return int32
    elif type_value is complex:
        return complex128
    elif type_value is _PY_BOOL:
        return bool
    elif isinstance(type_value, int) and type_value in _BY_ENUM:
        return _BY_ENUM[type_value]
    elif type_value is not None:
        try:
            np_dtype = _np.dtype(type_value)
        except TypeError:
            np_dtype = None
        if np_dtype is not None:
            if np_dtype.kind in "SUO":
                return string
            if np_dtype in _BY_NUMPY:
                return _BY_NUMPY[np_dtype]
    raise TypeError(
        f"Cannot convert the argument `type_value`: {type_value!r} to a TensorFlow DType."
    )
