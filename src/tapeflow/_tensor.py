"""Tensor (TensorFlow's EagerTensor), TensorShape, and conversion of Python values.

A Tensor is an immutable NumPy value plus a unique id. It holds no graph:
tapes remember what they need, keyed by that id. Rank-0 values are stored as
NumPy scalars (``np.float32(6.0)``), which is also what ``.numpy()`` returns.

>>> import tapeflow as tf
>>> x = tf.constant([1.0, 2.0])
>>> print(x)
tf.Tensor([1. 2.], shape=(2,), dtype=float32)
>>> x.shape, x.dtype
(TensorShape([2]), tf.float32)
"""

from __future__ import annotations

import itertools
import warnings
import weakref
from typing import Any

import numpy as np

from . import _backend
from . import dtypes as _dt
from ._convert import _array_with_dtype, _as_stored, _default_array, _python_array, _unsupported
from ._tensor_shape import TensorShape
from ._types import DTypeLike, ShapeLike, TensorLike
from .errors import InvalidArgumentError
from .errors import _dtype_mismatch as dtype_mismatch  # noqa: F401 (the ops import it from here)

__all__ = ["Tensor", "TensorShape", "convert_to_tensor", "constant"]

# Every Tensor and Variable gets a fresh id; tapes key their bookkeeping by it,
# so two equal constants are still two different tensors (as in TensorFlow).
next_id = itertools.count(1).__next__

# Set by tf.function while any trace runs (``_function/trace.py``): it decides
# what Python may read of a traced Tensor (``.numpy()``, ``bool``, ``int``, ...)
# and records guards. None otherwise, so eager code pays one global look-up.
trace_hook: Any = None


def read_static(value: Any) -> None:
    """Tell an open trace that Python reads the elements of ``value`` (a shape, axis or
    size given as a tensor) into an op's parameters: the trace guards the whole value,
    so a later call with other values traces again instead of reusing them.

    >>> read_static([2, 3]) is None
    True
    """
    if trace_hook is not None and value.__class__ is Tensor:
        trace_hook.value_read(value)


class HoldsValue:
    """What Tensor and Variable share: both hold a NumPy value in ``_value``."""

    __slots__ = ()
    _value: Any  # a NumPy array, or a NumPy scalar for rank 0
    _id: int

    @property
    def dtype(self) -> _dt.DType:
        """The element type.

        >>> import tapeflow as tf
        >>> tf.constant([1, 2]).dtype
        tf.int32
        """
        return _dt._BY_NUMPY[self._value.dtype]

    @property
    def shape(self) -> TensorShape:
        """The shape, always fully known in eager mode.

        >>> import tapeflow as tf
        >>> tf.zeros([2, 3]).shape
        TensorShape([2, 3])
        """
        return TensorShape(self._value.shape)

    def get_shape(self) -> TensorShape:
        """The shape (the same as ``.shape``).

        >>> import tapeflow as tf
        >>> tf.Variable([1.0, 2.0]).get_shape()
        TensorShape([2])
        """
        return TensorShape(self._value.shape)

    @property
    def device(self) -> str:
        """TF's name of the device holding the value (GPU for a CuPy array).

        >>> import tapeflow as tf
        >>> tf.constant(1.0).device
        '/job:localhost/replica:0/task:0/device:CPU:0'
        """
        return _DEVICE_PREFIX + _backend.device_type(self._value) + ":0"

    @property
    def backing_device(self) -> str:
        """Where the value's memory is: the same string as ``device`` here.

        >>> import tapeflow as tf
        >>> tf.constant(1.0).backing_device
        '/job:localhost/replica:0/task:0/device:CPU:0'
        """
        return _DEVICE_PREFIX + _backend.device_type(self._value) + ":0"

    def numpy(self) -> Any:
        """The value as NumPy: a scalar for rank 0, else a fresh array.

        A Dask value is computed, a CuPy one copied to the host.

        >>> import tapeflow as tf
        >>> tf.constant([1.0, 2.0]).numpy()
        array([1., 2.], dtype=float32)
        >>> tf.constant(3).numpy()
        np.int32(3)
        """
        if trace_hook is not None:
            trace_hook.check_numpy(self)
        value = self._value
        if value.__class__ is np.ndarray:
            return value.copy()
        return host_value(value)

    def ref(self) -> _Reference:
        """A hashable reference to this object (tensors themselves are not hashable).

        >>> import tapeflow as tf
        >>> x = tf.constant(1.0)
        >>> {x.ref(): "x"}[x.ref()], x.ref().deref() is x
        ('x', True)
        """
        return _Reference(self)

    experimental_ref = ref

    def __array__(self, dtype=None, copy=None):
        if trace_hook is not None and self.__class__ is Tensor:
            # NumPy reading a traced tensor (``np.ravel(strides)`` in an op's wrapper):
            # its value is a parameter now, so each call must check it.
            trace_hook.value_read(self)
        value = np.asarray(self._value)
        return value if dtype is None else value.astype(dtype)

    def __bool__(self) -> bool:
        if trace_hook is not None:
            return trace_hook.python_read(self, bool)
        value = self._value
        # As TF's EagerTensor: an empty tensor is False (NumPy refuses to say).
        if value.__class__ is np.ndarray and value.size == 0:
            return False
        return bool(value)


class Tensor(HoldsValue):
    """An immutable, eagerly computed value: TensorFlow's EagerTensor.

    Create tensors with ``tf.constant`` or ``tf.convert_to_tensor``; every op
    returns new ones. Arithmetic operators dispatch to tapeflow ops, so tapes
    see them.

    >>> import tapeflow as tf
    >>> t = tf.constant([[1, 2], [3, 4]])
    >>> (t * 2).numpy().tolist(), t.ndim, len(t)
    ([[2, 4], [6, 8]], 2, 2)
    """

    __slots__ = ("_value", "_id", "__weakref__")
    # NumPy defers binary operators to us, so `np_array * tensor` stays a Tensor.
    __array_priority__ = 100

    @property
    def ndim(self) -> int:
        """The rank (number of dimensions).

        >>> import tapeflow as tf
        >>> tf.zeros([2, 3]).ndim
        2
        """
        return self._value.ndim

    # -- printing -------------------------------------------------------------
    def __str__(self) -> str:
        if trace_hook is not None:
            symbolic = trace_hook.symbolic_text(self, False)
            if symbolic is not None:
                return symbolic
        text = str(host_value(self._value))
        if "\n" in text:
            text = "\n" + text
        return f"tf.Tensor({text}, shape={self.shape}, dtype={self.dtype.name})"

    def __repr__(self) -> str:
        if trace_hook is not None:
            symbolic = trace_hook.symbolic_text(self, True)
            if symbolic is not None:
                return symbolic
        return (
            f"<tf.Tensor: shape={self.shape}, dtype={self.dtype.name}, "
            f"numpy={numpy_text_for_repr(self._value)}>"
        )

    # -- Python protocols -----------------------------------------------------
    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __float__(self) -> float:
        if trace_hook is not None:
            return trace_hook.python_read(self, float)
        return float(_scalar_for_conversion(self._value))

    def __int__(self) -> int:
        if trace_hook is not None:
            return trace_hook.python_read(self, int)
        return int(_scalar_for_conversion(self._value))

    def __complex__(self) -> complex:
        return complex(_scalar_for_conversion(self._value))

    def __index__(self) -> int:
        if trace_hook is not None and self._value.dtype.kind in "iu" and not self._value.ndim:
            return trace_hook.python_read(self, int)
        if self._value.dtype.kind not in "iu" or self._value.ndim:
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return int(self._value)

    def __len__(self) -> int:
        if not self._value.ndim:
            raise TypeError("Scalar tensor has no `len()`")
        return self._value.shape[0]

    def __iter__(self):
        if not self._value.ndim:
            raise TypeError("Cannot iterate over a scalar tensor.")
        return (_getitem(self, i) for i in range(self._value.shape[0]))

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name in ("assign", "assign_add", "assign_sub"):
            # A slice of a Variable (w[0]) can be assigned to, as in TensorFlow.
            source = sliced_variables.get(self._id)
            if source is not None:
                variable, key, _ = source
                return lambda value, read_value=True, **_: variable._assign_slice(
                    key, value, name, read_value
                )
        raise AttributeError(
            f"EagerTensor object has no attribute '{name}'. \n"
            "        If you are looking for numpy-related methods, please run the following:\n"
            "        tf.experimental.numpy.experimental_enable_numpy_behavior()\n"
            "      "
        )

    # -- operators ------------------------------------------------------------
    # Each is one op of the table (TF's choice of op). The table imports this
    # module, so the names below (_apply, _add, ...) are bound by
    # ops/__init__.py once it has loaded (see bind_operators). Primitives go
    # straight to `_apply`, skipping the callable-object hop.
    def __add__(self, other):
        return _apply(_add, self, other)

    def __radd__(self, other):
        return _apply(_add, other, self)

    def __sub__(self, other):
        return _apply(_subtract, self, other)

    def __rsub__(self, other):
        return _apply(_subtract, other, self)

    def __mul__(self, other):
        return _apply(_multiply, self, other)

    def __rmul__(self, other):
        return _apply(_multiply, other, self)

    def __truediv__(self, other):
        # Integers are cast to float first (int8/16 to float32, int32/64 to float64).
        try:
            return _true_divide(self, other)
        except TypeError:
            if isinstance(other, (np.ndarray, np.generic)):
                # As TF's operator: NumPy's reflected division gets its turn (and
                # computes a NumPy result, bool / bool included).
                return NotImplemented
            raise

    def __rtruediv__(self, other):
        return _true_divide(other, self)

    def __floordiv__(self, other):
        return _apply(_floordiv, self, other)

    def __rfloordiv__(self, other):
        return _apply(_floordiv, other, self)

    def __mod__(self, other):
        return _apply(_floormod, self, other)

    def __rmod__(self, other):
        return _apply(_floormod, other, self)

    def __pow__(self, other):
        return _apply(_pow, self, other)

    def __rpow__(self, other):
        return _apply(_pow, other, self)

    def __matmul__(self, other):
        # A tf.linalg.LinearOperator on the right takes over (its __rmatmul__), as
        # TF's dispatch does.
        if other.__class__ is not Tensor and getattr(other, "_is_linear_operator", False):
            return NotImplemented
        return _apply(_matmul, self, other)

    def __rmatmul__(self, other):
        return _apply(_matmul, other, self)

    # &, |, ^: logical on booleans, bitwise on integers.
    def __and__(self, other):
        return _and(self, other)

    def __rand__(self, other):
        return _and(other, self)

    def __or__(self, other):
        return _or(self, other)

    def __ror__(self, other):
        return _or(other, self)

    def __xor__(self, other):
        return _xor(self, other)

    def __rxor__(self, other):
        return _xor(other, self)

    def __lt__(self, other):
        return _apply(_less, self, other)

    def __le__(self, other):
        return _apply(_less_equal, self, other)

    def __gt__(self, other):
        return _apply(_greater, self, other)

    def __ge__(self, other):
        return _apply(_greater_equal, self, other)

    # == and != on shapes that do not broadcast give a plain False/True tensor.
    def __eq__(self, other):
        return _eq(self, other)

    def __ne__(self, other):
        return _ne(self, other)

    def __neg__(self):
        return _apply(_negative, self)

    def __abs__(self):
        return _apply(_abs, self)

    def __invert__(self):
        return _apply(_invert, self)

    def __getitem__(self, key):
        return _getitem(self, key)

    def __format__(self, format_spec: str) -> str:
        return self.numpy().__format__(format_spec)

    def __reduce__(self):
        return convert_to_tensor, (self._value,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return wrap(self._value.copy() if isinstance(self._value, np.ndarray) else self._value)


Tensor.__name__ = Tensor.__qualname__ = "EagerTensor"
EagerTensor = Tensor

# Bound by bind_operators (called from ops/__init__.py): the dispatch entry
# point and the ops Tensor's operators call.
_apply: Any = None
_add: Any = None
_subtract: Any = None
_multiply: Any = None
_true_divide: Any = None
_floordiv: Any = None
_floormod: Any = None
_pow: Any = None
_matmul: Any = None
_and: Any = None
_or: Any = None
_xor: Any = None
_less: Any = None
_less_equal: Any = None
_greater: Any = None
_greater_equal: Any = None
_eq: Any = None
_ne: Any = None
_negative: Any = None
_abs: Any = None
_invert: Any = None
_getitem: Any = None
_cast: Any = None  # for tf.constant(tensor, dtype=...)
_stack: Any = None  # packs a list holding Tensors (convert_to_tensor)
_recording: Any = None  # whether a tape, accumulator or trace is active on this thread


def bind_operators(**ops: Any) -> None:
    """Give Tensor's operators their ops: ``bind_operators(apply=..., add=..., ...)``."""
    names = globals()
    for name, op in ops.items():
        if "_" + name not in names:
            raise KeyError(f"Tensor has no operator that uses {name!r}")
        names["_" + name] = op


class _Reference:
    """A hashable handle on a Tensor or Variable (``t.ref()``)."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def deref(self):
        return self._obj

    def __hash__(self) -> int:
        return id(self._obj)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Reference) and other._obj is self._obj

    def __repr__(self) -> str:
        return f"<Reference wrapping {self._obj!r}>"


# Tensors made by indexing a Variable: tensor id -> (variable, index, weakref), for
# slice assignment. An entry leaves when its tensor is collected.
sliced_variables: dict[int, tuple] = {}


def remember_slice(tensor: Tensor, variable: Any, key: Any) -> None:
    tensor_id = tensor._id
    ref = weakref.ref(tensor, lambda _: sliced_variables.pop(tensor_id, None))
    sliced_variables[tensor_id] = (variable, key, ref)


_new_object = object.__new__


def wrap(value: Any) -> Tensor:
    """Make a Tensor around a NumPy value that nobody else will mutate.

    >>> import numpy as np
    >>> from tapeflow._tensor import wrap
    >>> print(wrap(np.float32(2.0)))
    tf.Tensor(2.0, shape=(), dtype=float32)
    """
    tensor = _new_object(Tensor)
    tensor._value = value
    tensor._id = next_id()
    return tensor


def wrap_if_array(value: Any) -> Tensor:
    """A Tensor as it is; a NumPy value wrapped as it is (no conversion, no copy).

    For values tapeflow made itself, such as the cotangents the reverse sweep
    may hold as arrays. User values go through ``as_tensor``.
    """
    return value if value.__class__ is Tensor else wrap(value)


_DEVICE_PREFIX = "/job:localhost/replica:0/task:0/device:"


def host_value(value: Any) -> Any:
    """``value`` as NumPy: Dask values are computed, CuPy ones copied to the host."""
    if value.__class__ is np.ndarray or isinstance(value, np.generic):
        return value
    return _backend.to_host(value)


def numpy_text_for_repr(value: Any) -> str:
    """TensorFlow's ``numpy=`` text: Python's repr of the scalar, NumPy's of arrays."""
    value = host_value(value)
    if isinstance(value, np.ndarray) and value.ndim:
        text = repr(value)
        return "\n" + text if "\n" in text else text
    return repr(value.item())


def _scalar_for_conversion(value):
    if getattr(value, "ndim", 0):
        raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
    return value


def convert_to_tensor(
    value: TensorLike,
    dtype: DTypeLike = None,
    dtype_hint: DTypeLike = None,
    name: str | None = None,
) -> Tensor:
    """Convert a Python number, list, NumPy array, Tensor or Variable to a Tensor.

    >>> import tapeflow as tf
    >>> tf.convert_to_tensor([1, 2]).dtype, tf.convert_to_tensor(1.5).dtype
    (tf.int32, tf.float32)
    """
    if value.__class__ is Tensor:
        if dtype is not None and _dt.as_dtype(dtype).as_numpy_dtype_instance != value._value.dtype:
            raise ValueError(
                f"Tensor conversion requested dtype {_dt.as_dtype(dtype).name} for Tensor "
                f"with dtype {value.dtype.name}: {value!r}"
            )
        return value
    as_tensor = getattr(value, "_as_tensor", None)
    if as_tensor is not None:  # a Variable: read it
        return as_tensor() if dtype is None else convert_to_tensor(as_tensor(), dtype=dtype)
    if _CONVERSIONS:
        registered = _registered_conversion(value, dtype)
        if registered is not None:
            return registered
    tensor = None
    if dtype is None and value.__class__ in (list, tuple):
        first = _first_tensor_dtype(value)
        if first is not None:
            # TF packs such a list in its first tensor's dtype ([1.0, float16 t] is float16);
            # where that fails (mixed tensor dtypes) tapeflow converts as usual.
            try:
                tensor = _convert_value(value, first, None)
            except (TypeError, ValueError):
                tensor = None
    if tensor is None:
        tensor = _convert_value(value, dtype, dtype_hint)
    if value.__class__ in (list, tuple) and (
        (_recording() and _holds_tensor(value))
        or (_backend.foreign_seen and _holds_tensor(value, foreign=True))
    ):
        # TF packs such a list with a differentiable stack: the tape must see it, and
        # a GPU (or Dask) tensor's list is packed in its library, not on the host.
        return _packed(value, tensor._value.dtype)
    if _backend.gpu_scope_depth:  # under tf.device("/GPU:0") with a GPU library
        tensor._value = _backend.placed(tensor._value)
    return tensor


# tf.register_tensor_conversion_function's entries: (priority, order, base_type, function),
# kept sorted (_registries.register_tensor_conversion_function appends).
_CONVERSIONS: list = []


def _registered_conversion(value, dtype) -> Tensor | None:
    """The Tensor a registered conversion function makes of ``value``, or None."""
    for _, _, base_type, function in _CONVERSIONS:
        if not isinstance(value, base_type):
            continue
        requested = None if dtype is None else _dt.as_dtype(dtype)
        result = function(value, dtype=requested, name=None, as_ref=False)
        if result is NotImplemented:
            continue
        if hasattr(result, "_as_tensor"):
            result = result._as_tensor()
        if result.__class__ is not Tensor:
            raise RuntimeError(
                f"Conversion function {function!r} for type {base_type} returned non-Tensor: "
                f"{result!r}"
            )  # TF-TEXT
        if requested is not None and result.dtype != requested:
            raise RuntimeError(
                f"Conversion function {function} for type {base_type} returned incompatible "
                f"dtype: requested = {requested.name}, actual = {result.dtype.name}"
            )  # TF-TEXT
        return result
    return None


_PLAIN_ITEMS = frozenset([int, float, bool, complex, str, bytes, list, tuple])


def _first_tensor_dtype(value) -> Any:
    """The dtype of the first Tensor or Variable among a list's own items (or None)."""
    for item in value:
        cls = item.__class__
        if cls is Tensor:
            return item.dtype
        if cls not in _PLAIN_ITEMS and hasattr(item, "_as_tensor"):
            return item.dtype
    return None


def _holds_tensor(value, foreign: bool = False) -> bool:
    """Whether a (nested) list holds a Tensor or Variable; with ``foreign``, one whose
    value is another library's array."""
    for item in value:
        if item.__class__ is Tensor or hasattr(item, "_as_tensor"):
            if not foreign or _backend.is_foreign(item._value):
                return True
        elif isinstance(item, (list, tuple)) and _holds_tensor(item, foreign):
            return True
    return False


def _packed(value, np_dtype) -> Tensor:
    """``value`` (already checked by the plain conversion) stacked from its Tensors."""
    parts = []
    for item in value:
        if item.__class__ is Tensor:
            part = item
        elif hasattr(item, "_as_tensor"):
            part = item._as_tensor()  # a Variable: a recorded read
        elif isinstance(item, (list, tuple)) and _holds_tensor(item):
            part = _packed(item, np_dtype)
        else:
            part = wrap(_as_stored(np.asarray(_python_array(item), np_dtype)))
        if part._value.dtype != np_dtype:
            part = _apply(_cast, part, dtype=_dt._from_numpy(np_dtype))
        parts.append(part)
    # A negative axis: under a batched (vectorized jacobian) sweep the rule meets a
    # cotangent with a leading batch axis.
    return _apply(_stack, *parts, axis=-(parts[0]._value.ndim + 1) if parts else 0)


def _convert_value(value, dtype, dtype_hint) -> Tensor:
    """A Tensor for a value that is not a Tensor or Variable (convert_to_tensor's work)."""
    if isinstance(value, TensorShape):
        if not value.is_fully_defined():
            raise ValueError(f"Cannot convert a partially known TensorShape {value} to a Tensor.")
        value = value.as_list()
        if dtype is None:
            dtype = _dt.int32
    if value.__class__ not in _HOST_CLASSES and _backend.is_foreign(value):
        return _foreign_tensor(value, dtype)
    if dtype is not None:
        return wrap(_as_stored(_array_with_dtype(value, _dt.as_dtype(dtype))))
    if dtype_hint is not None and not isinstance(value, (np.ndarray, np.generic)):
        # Python values try the hint first: [2**64 - 3] fits a uint64 hint, not the default
        try:
            return wrap(_as_stored(_array_with_dtype(value, _dt.as_dtype(dtype_hint))))
        except (TypeError, ValueError):
            pass
    if dtype_hint is not None and isinstance(value, (np.ndarray, np.generic)):
        # TF casts NumPy values to the hint as NumPy's astype does (truncating, wrapping,
        # parsing strings); where that cast fails it converts them as if no hint were given.
        np_hint = _dt.as_dtype(dtype_hint).as_numpy_dtype_instance
        if np_hint.kind != "O":
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    array = np.asarray(value).astype(np_hint)  # a copy: no second one
                return wrap(array if array.ndim else array[()])
            except (TypeError, ValueError):
                pass
    array = _default_array(value)
    if isinstance(array, np.generic):
        return wrap(array)
    if array is value:  # the caller's array: _as_stored copies it once (not twice)
        return wrap(_as_stored(array))
    return wrap(_as_stored(np.array(array)))


# Classes that are never another library's arrays: skips the look-up for them.
_HOST_CLASSES = frozenset([int, float, bool, complex, str, bytes, list, tuple, np.ndarray])


def _foreign_tensor(value, dtype) -> Tensor:
    """A Tensor backed by a Dask or CuPy array as it is: lazy values stay lazy."""
    if value.dtype not in _dt._BY_NUMPY:
        raise _unsupported(value)
    if dtype is not None:
        np_dtype = _dt.as_dtype(dtype).as_numpy_dtype_instance
        if value.dtype != np_dtype:
            value = value.astype(np_dtype)
    return wrap(_backend.adopt(value))


def as_tensor(value: TensorLike) -> Tensor:
    """``convert_to_tensor(value)``, with a Tensor returned at once: the public functions' converter.

    >>> import tapeflow as tf
    >>> from tapeflow._tensor import as_tensor
    >>> t = tf.constant(1.0)
    >>> as_tensor(t) is t, as_tensor([1, 2]).dtype
    (True, tf.int32)
    """
    return value if value.__class__ is Tensor else convert_to_tensor(value)


def constant(
    value: TensorLike, dtype: DTypeLike = None, shape: ShapeLike = None, name: str = "Const"
) -> Tensor:
    """A Tensor holding ``value``, optionally cast to ``dtype`` and filled/reshaped to ``shape``.

    >>> import tapeflow as tf
    >>> print(tf.constant(0, shape=[2, 2]))
    tf.Tensor(
    [[0 0]
     [0 0]], shape=(2, 2), dtype=int32)
    """
    if (
        value.__class__ is np.ndarray
        and dtype is None
        and shape is None
        and value.dtype.kind not in "SU"
    ):
        # The common case first (a batch sliced from an array): convert_to_tensor's
        # result, without its look-ups for Tensors, Variables and foreign arrays.
        tensor = wrap(_as_stored(value))
        if _backend.gpu_scope_depth:
            tensor._value = _backend.placed(tensor._value)
        return tensor
    if value.__class__ is Tensor or hasattr(value, "_as_tensor"):
        tensor = convert_to_tensor(value)
        if dtype is not None and _dt.as_dtype(dtype) != tensor.dtype:
            tensor = _apply(_cast, tensor, dtype=_dt.as_dtype(dtype))
    elif value.__class__ in (list, tuple):  # a constant even if it holds Tensors (no pack)
        tensor = _convert_value(value, dtype, None)
        if _backend.gpu_scope_depth:
            tensor._value = _backend.placed(tensor._value)
    else:
        tensor = convert_to_tensor(value, dtype=dtype)
    if shape is not None:
        shape = tuple(TensorShape(shape).as_list())
        if shape == tensor._value.shape and tensor is value:
            return tensor  # TF returns the tensor itself (so gradients flow through it)
        array = tensor._value
        if not _backend.is_foreign(array):
            array = np.asarray(array)
        count = 1
        for d in shape:
            count *= d
        if array.size == count:
            array = array.reshape(shape)
        elif array.size == 1:
            from ._limits import check_allocation

            # TF's Fill reads the dimensions as int32: 2**40 wraps to 0.
            dims = tuple(((d + 2**31) % 2**32) - 2**31 for d in shape)
            for d in dims:
                if d < 0:
                    raise InvalidArgumentError(None, None, f"Dimension {d} must be >= 0 [Op:Fill]")
            check_allocation(dims, array.dtype, "Fill")
            array = np.broadcast_to(array.reshape(()), dims)
        else:
            raise TypeError(
                f"Eager execution of tf.constant with unsupported shape. Tensor {value} "
                f"(converted from {value}) has {array.size} elements, but got `shape` "
                f"{shape} with {count} elements)."
            )
        tensor = wrap(_as_stored(np.array(array) if isinstance(array, np.ndarray) else array))
    return tensor


def _has_python_float(value) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, (list, tuple)):
        return any(_has_python_float(v) for v in value)
    return False


def operand_for(value: TensorLike, dtype: _dt.DType, op_name: str, position: int) -> Tensor:
    """Convert the non-Tensor operand of a binary op to the other operand's dtype.

    Python scalars and NumPy values take the Tensor's dtype. A Python float
    against an integer tensor is a TypeError, except as the right operand of
    ``+``, where TensorFlow converts it to float32 and reports AddV2's dtype
    mismatch instead.
    """
    cls = value.__class__
    if cls is float and dtype.kind == "f":
        return wrap(dtype.as_numpy_dtype_instance.type(value))
    as_tensor = getattr(value, "_as_tensor", None)
    if as_tensor is not None:
        return as_tensor()
    if dtype.kind in "iu" and _has_python_float(value) and op_name == "AddV2" and position == 1:
        return convert_to_tensor(value)
    if isinstance(value, str) or (
        isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value)
    ):
        return convert_to_tensor(value)
    return convert_to_tensor(value, dtype=dtype)
