"""How Python and NumPy values become the NumPy arrays a Tensor holds.

TensorFlow's conversion rules, apart from the Tensor class: a Python float
list becomes float32, a Python int one int32 (int64 when a value does not
fit), strings become object arrays of bytes, nested lists must be
rectangular and of one kind, and a requested dtype must hold every value.

>>> from tapeflow._convert import _default_array
>>> _default_array([1.5, 2]).dtype, _default_array([1, 2**40]).dtype
(dtype('float32'), dtype('int64'))
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _backend
from . import dtypes as _dt

_INT32 = np.dtype(np.int32)
_FLOAT32 = np.dtype(np.float32)
_PY_SCALARS = (int, float, bool, complex)


def _unsupported(value) -> ValueError:
    return ValueError(
        f"Attempt to convert a value ({value!r}) with an unsupported type "
        f"({type(value)}) to a Tensor."
    )


def _python_leaves_kinds(value, kinds: set) -> None:
    """Collect the kinds of Python leaves: 's' strings, 'n' numbers."""
    if isinstance(value, (list, tuple)):
        for item in value:
            _python_leaves_kinds(item, kinds)
    elif isinstance(value, (str, bytes)):
        kinds.add("s")
    else:
        kinds.add("n")


def _python_array(value, default_dtype: bool = False) -> np.ndarray:
    """NumPy's reading of a Python value, with TensorFlow's conversion errors.

    With ``default_dtype`` (no dtype asked for), ints beyond int64 are refused as TF does.
    """
    if value is None:
        raise _unsupported(value)
    if isinstance(value, (str, bytes)):
        return np.array(value.encode() if isinstance(value, str) else value, dtype=object)
    if isinstance(value, (list, tuple)):
        kinds: set = set()
        _python_leaves_kinds(value, kinds)
        if kinds == {"s", "n"}:
            raise ValueError("Can't convert Python sequence with mixed types to Tensor.")
        # A tensor on another library (a GPU) is read on the host here only to check the
        # list and find its dtype: convert_to_tensor packs such a list in its library.
        value = [
            np.asarray(_backend.to_host(v._value)) if hasattr(v, "_value") else v for v in value
        ]
    elif not isinstance(value, _PY_SCALARS):
        if hasattr(value, "__array__"):
            return np.asarray(value)
        raise _unsupported(value)
    try:
        array = np.array(value)
        if default_dtype and array.dtype.kind in "fuO" and _int_out_of_range(value):
            raise OverflowError  # TF's error below, not NumPy's float or object reading
    except OverflowError:
        raise ValueError(
            "Can't convert Python sequence with out-of-range integer to Tensor."
        ) from None
    except ValueError:
        array = _empty_first_row(value)
        if array is None:
            raise ValueError("Can't convert non-rectangular Python sequence to Tensor.") from None
    if array.dtype.kind in "US":
        return _as_bytes(array)
    if array.dtype.kind == "O":
        if not default_dtype and _int_out_of_range(value):
            return array  # ints past uint64: the dtype asked for decides (floats take them)
        raise _unsupported(value)
    return array


def _as_bytes(array: np.ndarray) -> np.ndarray:
    """A NumPy str or bytes array as a string tensor stores it: an object array of bytes."""
    encode = np.vectorize(lambda s: s.encode() if isinstance(s, str) else s, otypes=[object])
    return encode(array) if array.size else array.astype(object)


def _string_objects(array: np.ndarray) -> np.ndarray:
    """An object array as TF converts it without a dtype: a string tensor, when every
    item is a str or bytes (str encoded), else TF's error naming the first other type.

    >>> _string_objects(np.array(["a", b"b"], dtype=object)).tolist()
    [b'a', b'b']
    """
    for item in array.flat:
        if not isinstance(item, (str, bytes)):
            kind = type(item)
            name = (
                kind.__name__
                if kind.__module__ == "builtins"
                else f"{kind.__module__}.{kind.__name__}"
            )
            raise ValueError(
                f"Failed to convert a NumPy array to a Tensor (Unsupported object type {name})."
            )
    return _as_bytes(array)


def _int_out_of_range(value) -> bool:
    """Whether ``value``'s numbers are all Python ints and one does not fit int64,
    which TensorFlow refuses rather than reading the list as floats."""
    leaves = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, int):
            leaves.append(item)
        else:
            return False
    return any(not -(2**63) <= leaf < 2**63 for leaf in leaves)


def _empty_first_row(value):
    """TensorFlow reads a nested list's shape from its first items only, so a list
    whose first row is empty (``[[], [1]]``) is an empty float32 array, not ragged."""
    shape = []
    item = value
    while isinstance(item, (list, tuple)):
        shape.append(len(item))
        if not item:
            return np.zeros(shape, np.float32)
        item = item[0]
    return None


def _first_leaf(value):
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value


def _default_array(value) -> Any:
    """A NumPy array for a Python value, with TensorFlow's default dtypes.

    In a list, NumPy values keep a float width only when one comes first
    (``[np.float16(1), 2.0]`` is float16, ``[2.0, np.float64(1)]`` float32),
    and complex values of any width make complex128.
    """
    if isinstance(value, (np.ndarray, np.generic)):
        if value.dtype.kind == "O":
            return _string_objects(np.asarray(value))
        return _as_bytes(np.asarray(value)) if value.dtype.kind in "SU" else value
    array = _python_array(value, default_dtype=True)
    kind = array.dtype.kind
    if kind == "f":
        first = _first_leaf(value)
        first = getattr(first, "_value", first)
        if isinstance(first, (np.ndarray, np.generic)) and first.dtype.kind == "f":
            return array.astype(first.dtype)
        with np.errstate(over="ignore"):
            narrow = array.astype(np.float32)
        if not np.isfinite(narrow).all() and (np.isinf(narrow) & np.isfinite(array)).any():
            # TF's float32 default refuses a finite Python float that rounds to inf.
            raise ValueError(
                "Can't convert Python sequence with a value out of range for a "
                "double-precision float."
            )
        return narrow
    if kind == "c":
        return array.astype(np.complex128)
    if kind in "iu":
        info = np.iinfo(np.int32)
        if array.size == 0 or (array.min() >= info.min and array.max() <= info.max):
            return array.astype(np.int32)
        return array.astype(np.int64)
    return array


# NumPy kinds TF refuses to turn into strings, by the Python type TF's message names.
_NUMERIC_KIND_NAMES = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def _array_with_dtype(value, dtype: _dt.DType):
    """Convert a Python or NumPy value to ``dtype`` as TensorFlow does.

    NumPy values are cast. Python values must fit the type's kind: no floats
    into integers or booleans, no numbers into booleans, no complex into reals;
    Python ints wrap around in narrow integer types.
    """
    np_dtype = dtype.as_numpy_dtype_instance
    if isinstance(value, (np.ndarray, np.generic)):
        if np_dtype.kind == "O" and value.dtype.kind in _NUMERIC_KIND_NAMES and value.size:
            kind_name = _NUMERIC_KIND_NAMES[value.dtype.kind]
            raise ValueError(
                f"Failed to convert a NumPy array to a Tensor (Unsupported object type {kind_name})."
            )
        if np_dtype.kind == "O" and value.dtype.kind in "OSU":
            return _string_objects(np.asarray(value))
        # np.asarray: a NumPy scalar's astype(object) would give a plain Python value.
        return np.asarray(value).astype(np_dtype) if value.dtype != np_dtype else value
    array = _python_array(value)
    kind = array.dtype.kind
    if (
        kind == "O"
        and dtype.kind in "fciub"
        and any(isinstance(leaf, (str, bytes)) for leaf in array.flat)
    ):
        kind = "S"  # strings: refused below, as any non-numeric value
    elif kind in "fO" and dtype.kind in "fc" and array.dtype == object:
        return array.astype(np.float64).astype(np_dtype)  # ints past uint64's range
    if kind in "fO" and dtype.kind in "iu" and _int_out_of_range(value):
        if dtype.kind == "i" or kind == "O":
            raise ValueError("Can't convert Python sequence with out-of-range integer to Tensor.")
        array = np.array(value, dtype=object)  # ints past int64 that uint64 holds
        kind = "u"
    allowed = {"b": "b", "i": "biu", "u": "biu", "f": "bifu", "c": "bifuc", "O": "O"}
    if array.size and kind not in allowed.get(dtype.kind, ""):
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {dtype.c_name}")
    if kind in "iu" and dtype.kind in "iu":
        if array.dtype == object or (dtype.kind == "u" and array.dtype.kind == "u"):
            try:
                return np.array(array.astype(np_dtype))
            except OverflowError:  # ints past uint64's range (the object array holds them)
                raise ValueError(
                    "Can't convert Python sequence with out-of-range integer to Tensor."
                ) from None
        return np.array(array.astype(np.int64).astype(np_dtype))
    return array.astype(np_dtype)


def _as_stored(array):
    """Rank-0 values are kept as NumPy scalars: cheaper, and what .numpy() gives.

    An array that nothing can write is kept as it is, not copied: a read-only
    array that owns its memory, or a read-only view of one (a batch sliced
    from a tf.data source, which makes its arrays read-only).

    >>> frozen = np.arange(6.0)
    >>> frozen.flags.writeable = False
    >>> _as_stored(frozen[2:4]).base is frozen, _as_stored(np.arange(3))[0]
    (True, np.int64(0))
    """
    if isinstance(array, np.ndarray):
        if array.ndim == 0 and array.dtype.kind != "O":
            return array[()]
        if array.flags.writeable:
            return array.copy()
        base = array.base
        if base is None or (base.__class__ is np.ndarray and not base.flags.writeable):
            return array
        return array.copy()
    return array
