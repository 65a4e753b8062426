"""A fake CuPy: NumPy arrays behind CuPy's array interface, for machines without a GPU.

``FakeCupyArray`` holds a NumPy array and behaves as a CuPy array does where
tapeflow can tell: NumPy's functions and ufuncs on it answer through
``__array_function__`` / ``__array_ufunc__`` and return fake arrays (rank-0
results too, as CuPy's reductions do); ``.get()`` copies to the host; and an
implicit conversion (``np.asarray``) raises TypeError, as CuPy's does, so
code that hard-codes NumPy fails here as it would on a GPU. Mixing a fake
array with a NumPy array of rank >= 1 in one call raises TypeError too.

``install()`` registers it as tapeflow's GPU library (``uninstall()`` undoes
it); ``default_rng(seed)`` is the generator random ops draw from on it.

>>> import tapeflow as tf
>>> from tests import fake_cupy
>>> fake_cupy.install()
>>> with tf.device("/GPU:0"):
...     x = tf.constant([1.0, 2.0])
>>> type(x._value).__name__, x.device.endswith("GPU:0"), (x * 2.0).numpy().tolist()
('FakeCupyArray', True, [2.0, 4.0])
>>> fake_cupy.uninstall()
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from tapeflow import _backend

__all__ = ["FakeCupyArray", "asarray", "default_rng", "install", "uninstall", "LIBRARY"]


def _unwrap(value: Any) -> Any:
    """``value`` with fake arrays replaced by their NumPy arrays (in lists/tuples/dicts too)."""
    cls = value.__class__
    if cls is FakeCupyArray:
        return value._a
    if cls is np.ndarray and value.ndim:
        raise TypeError(f"Unsupported type {cls}")  # CuPy's words for a host array
    if cls in (list, tuple):
        return cls(_unwrap(v) for v in value)
    if cls is dict:
        return {k: _unwrap(v) for k, v in value.items()}
    return value


def _wrap(value: Any) -> Any:
    """NumPy results as fake arrays (scalars as rank-0 arrays, as CuPy gives)."""
    cls = value.__class__
    if cls is np.ndarray:
        return FakeCupyArray(value)
    if isinstance(value, np.generic):
        return FakeCupyArray(np.asarray(value))
    if cls in (list, tuple):
        return cls(_wrap(v) for v in value)
    return value


class FakeCupyArray:
    """A NumPy array that acts as a CuPy array on the GPU."""

    __slots__ = ("_a",)
    __array_priority__ = 100

    def __init__(self, array: np.ndarray) -> None:
        self._a = array

    # What CuPy arrays have ----------------------------------------------------
    shape = property(lambda self: self._a.shape)
    dtype = property(lambda self: self._a.dtype)
    ndim = property(lambda self: self._a.ndim)
    size = property(lambda self: self._a.size)
    itemsize = property(lambda self: self._a.itemsize)
    nbytes = property(lambda self: self._a.nbytes)
    strides = property(lambda self: self._a.strides)
    flags = property(lambda self: self._a.flags)
    T = property(lambda self: FakeCupyArray(self._a.T))
    real = property(lambda self: FakeCupyArray(np.asarray(self._a.real)))
    imag = property(lambda self: FakeCupyArray(np.asarray(self._a.imag)))

    def get(self) -> np.ndarray:
        """A host copy (CuPy's device-to-host transfer)."""
        return np.array(self._a)

    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            "Implicit conversion to a NumPy array is not allowed. "
            "Please use `.get()` to construct a NumPy array explicitly."
        )

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        result = getattr(ufunc, method)(*_unwrap(inputs), **_unwrap(kwargs))
        if "out" in kwargs:
            return kwargs["out"][0] if len(kwargs["out"]) == 1 else kwargs["out"]
        return _wrap(result)

    def __array_function__(self, func, types, args, kwargs):
        return _wrap(func(*_unwrap(args), **_unwrap(kwargs)))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # no __array_interface__ &c.: NumPy must not see the buffer
            raise AttributeError(name)
        attr = getattr(self._a, name)
        if callable(attr):
            return lambda *args, **kwargs: _wrap(attr(*_unwrap(args), **_unwrap(kwargs)))
        return _wrap(attr)

    def __getitem__(self, index):
        return _wrap(self._a[_unwrap(index)])

    def __setitem__(self, index, value) -> None:
        self._a[_unwrap(index)] = _unwrap(value)

    def __len__(self) -> int:
        return len(self._a)

    def __iter__(self):
        return (FakeCupyArray(np.asarray(v)) for v in self._a)

    # Size-1 arrays convert to Python numbers (CuPy synchronizes for these).
    def __bool__(self) -> bool:
        return bool(self._a)

    def __int__(self) -> int:
        return int(self._a)

    def __float__(self) -> float:
        return float(self._a)

    def __complex__(self) -> complex:
        return complex(self._a)

    def __index__(self) -> int:
        return self._a.__index__()

    def __repr__(self) -> str:
        return "fake_cupy." + repr(self._a)

    def __copy__(self) -> FakeCupyArray:
        return FakeCupyArray(self._a.copy())

    def __deepcopy__(self, memo) -> FakeCupyArray:
        return FakeCupyArray(self._a.copy())

    def __reduce__(self):
        raise TypeError("a fake GPU array is not pickled")

    __hash__ = None  # type: ignore[assignment]


def _operator(ufunc, reflected: bool = False):
    if reflected:
        return lambda self, other: ufunc(other, self)
    return lambda self, other: ufunc(self, other)


for _name, _ufunc in [
    ("add", np.add), ("sub", np.subtract), ("mul", np.multiply), ("truediv", np.true_divide),
    ("floordiv", np.floor_divide), ("mod", np.remainder), ("pow", np.power),
    ("matmul", np.matmul), ("and", np.bitwise_and), ("or", np.bitwise_or),
    ("xor", np.bitwise_xor), ("lshift", np.left_shift), ("rshift", np.right_shift),
]:  # fmt: skip
    setattr(FakeCupyArray, f"__{_name}__", _operator(_ufunc))
    setattr(FakeCupyArray, f"__r{_name}__", _operator(_ufunc, reflected=True))
for _name, _ufunc in [
    ("lt", np.less), ("le", np.less_equal), ("gt", np.greater), ("ge", np.greater_equal),
    ("eq", np.equal), ("ne", np.not_equal),
]:  # fmt: skip
    setattr(FakeCupyArray, f"__{_name}__", _operator(_ufunc))
FakeCupyArray.__neg__ = lambda self: np.negative(self)  # type: ignore[attr-defined]
FakeCupyArray.__pos__ = lambda self: np.positive(self)  # type: ignore[attr-defined]
FakeCupyArray.__abs__ = lambda self: np.absolute(self)  # type: ignore[attr-defined]
FakeCupyArray.__invert__ = lambda self: np.invert(self)  # type: ignore[attr-defined]


def asarray(value: Any, dtype: Any = None) -> FakeCupyArray:
    """A fake GPU array from host data (CuPy's host-to-device copy).

    >>> asarray([1, 2]).get().tolist()
    [1, 2]
    """
    if isinstance(value, FakeCupyArray):
        return value if dtype is None else value.astype(dtype)
    return FakeCupyArray(np.array(value, dtype=dtype))


class _Generator:
    """CuPy's ``Generator`` methods tapeflow uses, drawing on the host, results on the 'GPU'."""

    def __init__(self, seed: int | None) -> None:
        self._rng = np.random.default_rng(seed)

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._rng, name)
        return lambda *args, **kwargs: _wrap(method(*_unwrap(args), **_unwrap(kwargs)))


def default_rng(seed: int | None = None) -> _Generator:
    """A generator whose draws are fake GPU arrays (same seed, same numbers).

    >>> default_rng(1).random(2).get().tolist() == default_rng(1).random(2).get().tolist()
    True
    """
    if seed is not None and not isinstance(seed, numbers.Integral):
        raise TypeError("seed must be an integer")
    return _Generator(seed)


LIBRARY = _backend.Library(
    "cupy", FakeCupyArray.get, "GPU", from_host=asarray, generator=default_rng
)


def install() -> None:
    """Make the fake tapeflow's GPU library (CuPy's place)."""
    _backend.register(FakeCupyArray, LIBRARY)
    _backend.use_gpu_library(LIBRARY)


def uninstall() -> None:
    """Back to no GPU (the next look-up probes for a real CuPy again)."""
    _backend.use_gpu_library(None)
    _backend._gpu_probed = False
