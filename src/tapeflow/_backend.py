"""Which array library a value belongs to, and how to bring it to the host.

A Tensor may hold a NumPy array, a Dask array or a CuPy array. The impls and
rules never ask which: they call NumPy's functions and ufuncs, and Dask and
CuPy answer those through NumPy's dispatch protocols (``__array_function__``,
``__array_ufunc__``), so the result stays in the inputs' library (lazy for
Dask, on the GPU for CuPy). This module is only consulted at the edges:
conversion (``tf.constant`` on a Dask array keeps it), ``.numpy()`` (which
computes or copies to the host), the device strings, and the check that one
op does not mix two libraries.

That check costs the NumPy path nothing: until a non-NumPy array first enters
a Tensor, ``_dispatch.apply`` tests one module-level boolean and moves on.

>>> import numpy as np
>>> from tapeflow import _backend
>>> _backend.library_of(np.ones(2)), _backend.library_of(np.float32(1.0))
('numpy', 'numpy')
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["Library", "library_of", "is_foreign", "to_host", "register", "adopt"]


class Library:
    """An array library tapeflow can hold values of.

    ``to_host(value)`` makes a NumPy value (computing a Dask graph, copying
    from the GPU); ``device_type`` is TF's name for where its arrays live
    (``"CPU"`` or ``"GPU"``); ``from_host(array)`` puts a NumPy array there
    (``None`` where the library cannot hold a host array on that device);
    ``generator(seed)`` is the library's random generator with NumPy's
    ``Generator`` methods (``None``: random ops draw on the host).

    >>> Library("mine", np.asarray)
    <array library mine>
    """

    __slots__ = ("name", "to_host", "device_type", "from_host", "lazy", "generator")

    def __init__(
        self,
        name: str,
        to_host: Callable[[Any], Any],
        device_type: str = "CPU",
        from_host: Callable[[Any], Any] | None = None,
        lazy: bool = False,
        generator: Callable[[int | None], Any] | None = None,
    ) -> None:
        self.name = name
        self.to_host = to_host
        self.device_type = device_type
        self.from_host = from_host
        self.lazy = lazy
        self.generator = generator

    def __repr__(self) -> str:
        return f"<array library {self.name}>"


# Array classes by their top-level module name. Dask and CuPy are never
# imported here: a value of theirs can only exist once the user imported them.
_LIBRARIES: dict[str, Library] = {}
# Exact classes already resolved to a library (None: NumPy).
_BY_CLASS: dict[type, Library | None] = {np.ndarray: None}
# Called once, when the first non-NumPy array enters a Tensor: dispatch turns
# its mixing check on then (see ``_dispatch.apply``).
_on_first_foreign: list = []
foreign_seen = False


def _dask_to_host(value):
    return np.asarray(value.compute())


def _dask_from_host(array):
    # A NumPy constant an impl made, as one chunk of a Dask array.
    return sys.modules["dask.array"].from_array(array)


def _cupy_to_host(value):
    return value.get()


_LIBRARIES["dask"] = Library("dask", _dask_to_host, "CPU", _dask_from_host, lazy=True)
_LIBRARIES["cupy"] = Library("cupy", _cupy_to_host, "GPU")


def register(cls: type, library: Library) -> None:
    """Hold arrays of class ``cls`` as ``library``'s (the tests' fake CuPy uses this).

    >>> import numpy as np
    >>> from tapeflow import _backend
    >>> class Mine(np.ndarray):
    ...     pass
    >>> _backend.register(Mine, _backend.Library("mine", np.asarray))
    >>> _backend.library_of(np.ones(1).view(Mine))
    'mine'
    """
    _BY_CLASS[cls] = library


def _lookup(cls: type) -> Library | None:
    try:
        return _BY_CLASS[cls]
    except KeyError:
        pass
    library = None
    if not issubclass(cls, np.generic):
        module = cls.__module__.partition(".")[0]
        library = _LIBRARIES.get(module)
    _BY_CLASS[cls] = library
    return library


def library(value) -> Library | None:
    """The non-NumPy library ``value`` belongs to; None for NumPy values and scalars."""
    return _lookup(value.__class__)


def library_of(value) -> str:
    """The name of the array library holding ``value``: "numpy", "dask", "cupy", ..."""
    lib = _lookup(value.__class__)
    return "numpy" if lib is None else lib.name


def is_foreign(value) -> bool:
    """True for an array of a library other than NumPy that tapeflow can hold."""
    return _lookup(value.__class__) is not None


def to_host(value):
    """``value`` as NumPy (a NumPy scalar stays one; rank-0 arrays become scalars)."""
    lib = _lookup(value.__class__)
    if lib is None:
        return value
    array = np.asarray(lib.to_host(value))
    return array[()] if array.ndim == 0 else array


def adopt(value):
    """Note that a non-NumPy array enters a Tensor; returns it unchanged."""
    global foreign_seen
    if not foreign_seen:
        foreign_seen = True
        for callback in _on_first_foreign:
            callback()
    return value


def check_same_library(op_name: str, values) -> str | None:
    """The non-NumPy library ``values`` hold arrays of (None: NumPy only).

    InvalidArgumentError if they hold arrays of two libraries.

    NumPy scalars and rank-0 NumPy arrays are neutral: they mix with any
    library, as Python numbers do (``x * 2.0`` on a Dask tensor is fine).
    """
    found = None
    found_name = None
    for value in values:
        lib = _lookup(value.__class__)
        if lib is None:
            if value.__class__ is not np.ndarray or not value.ndim:
                continue
            name = "numpy"
        else:
            name = lib.name
        if found is None:
            found, found_name = value, name
        elif name != found_name:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(
                None,
                None,
                f"cannot compute {op_name}: its inputs hold arrays of two libraries, "
                f"{found_name} and {name}; convert one (tf.identity under tf.device, "
                f"or .numpy()) so both live in the same one [Op:{op_name}]",
            )
    return None if found_name == "numpy" else found_name


def not_lazy(op_name: str, library: str, error: Exception, what: str | None = None):
    """UnimplementedError: the op's impl (or ``what``: its gradient) cannot run on
    ``library``'s arrays.

    >>> print(not_lazy("Cumprod", "cupy", TypeError("no"), "the gradient of Cumprod"))
    the gradient of Cumprod cannot run on cupy arrays (TypeError: no); docs/ops.md lists the ops that can; convert with .numpy() first [Op:Cumprod]
    """
    from .errors import UnimplementedError

    return UnimplementedError(
        None,
        None,
        f"{what or op_name} cannot run on {library} arrays ({type(error).__name__}: {error}); "
        f"docs/ops.md lists the ops that can; convert with .numpy() first [Op:{op_name}]",
    )


# Primitives whose result may be in another library than their input (device copies).
LEAVES_LIBRARY = {"copy_to_device"}


def check_result(op_name: str, library: str, result) -> None:
    """UnimplementedError if an impl turned ``library`` inputs into NumPy arrays."""
    for value in result if isinstance(result, (tuple, list)) else (result,):
        if value.__class__ is np.ndarray and value.ndim:
            raise not_lazy(op_name, library, TypeError("its result would be a NumPy array"))


def device_type(value) -> str:
    """TF's device type of where ``value`` lives: "GPU" for CuPy, else "CPU"."""
    lib = _lookup(value.__class__)
    return "CPU" if lib is None else lib.device_type


# --------------------------------------------------------------------------
# Device scopes (tf.device) and the GPU library
# --------------------------------------------------------------------------
class _Scopes(threading.local):
    def __init__(self):
        self.stack: list = []  # device types ("CPU", "GPU") of the enclosing tf.device blocks


_scopes = _Scopes()
# Blocks under tf.device("/GPU:...") open on all threads while a GPU library is
# in use: zero keeps conversion from ever looking at the scope stack.
gpu_scope_depth = 0
_gpu: list = []  # [Library] once found (CuPy with a device, or a test's fake)
_gpu_probed = False


def gpu_library() -> Library | None:
    """The library holding GPU arrays: CuPy when it finds a device, else None."""
    global _gpu_probed
    if not _gpu and not _gpu_probed:
        _gpu_probed = True
        try:
            import cupy  # type: ignore[import-not-found]

            if cupy.cuda.runtime.getDeviceCount() > 0:
                lib = _LIBRARIES["cupy"]
                lib.from_host = cupy.asarray
                lib.generator = cupy.random.default_rng
                _gpu.append(lib)
        except Exception:  # no CuPy, no driver, no device: the CPU only, as TF
            pass
    return _gpu[0] if _gpu else None


def use_gpu_library(library: Library | None) -> None:
    """Make ``library`` tapeflow's GPU (None: none). The tests' fake CuPy uses it."""
    global _gpu_probed
    _gpu.clear()
    if library is not None:
        _gpu.append(library)
    _gpu_probed = True


def enter_device(device_type: str) -> None:
    global gpu_scope_depth
    _scopes.stack.append(device_type)
    if device_type == "GPU":
        gpu_scope_depth += 1


def exit_device() -> None:
    global gpu_scope_depth
    if _scopes.stack.pop() == "GPU":
        gpu_scope_depth -= 1


def scope_device_type() -> str | None:
    """The device type of the innermost tf.device block on this thread (None: none)."""
    return _scopes.stack[-1] if _scopes.stack else None


def to_device(value, device_type: str):
    """``value`` copied to ``device_type`` ("CPU" or "GPU"); as it is if already there.

    Without a GPU library, "GPU" means the CPU (TF's soft placement).
    """
    if device_type == "GPU":
        lib = gpu_library()
        if lib is None or lib.from_host is None or _lookup(value.__class__) is lib:
            return value
        return adopt(lib.from_host(to_host(value)))
    lib = _lookup(value.__class__)
    if lib is None or lib.device_type == "CPU":
        return value
    return to_host(value)


def placed(value: Any) -> Any:
    """A new value placed by the current tf.device scope (conversion and creation call this).

    int32 values stay on the host, as TF keeps them in host memory even in a
    GPU block (their ``backing_device`` is the CPU there too): they are the
    shapes, axes and indices that ops read on the host.

    >>> placed(np.ones(2)).__class__.__name__  # no GPU scope: as it is
    'ndarray'
    """
    if (
        scope_device_type() == "GPU"
        and _lookup(value.__class__) is None
        and value.dtype != np.int32
        and value.dtype.kind not in "OSU"
    ):
        return to_device(value, "GPU")
    return value


def same_place(value: Any, template: Any) -> Any:
    """``value``, a NumPy value an impl or creation function made, moved to ``template``'s library.

    NumPy scalars stay (they mix with every library); so does everything when
    ``template`` is a NumPy value.

    >>> same_place(np.ones(2), np.zeros(3)).tolist()
    [1.0, 1.0]
    """
    lib = _lookup(template.__class__)
    if lib is None or lib.from_host is None or isinstance(value, np.generic):
        return value
    if _lookup(value.__class__) is lib:
        return value
    return adopt(lib.from_host(to_host(value)))


def scope_generator(seed: int | None) -> Any:
    """The GPU library's random generator for ``seed`` under a GPU scope; else None.

    Random ops call it with the seed tapeflow's rules give the call, so the
    same seeds give the same numbers on that device.

    >>> scope_generator(1) is None  # no tf.device("/GPU:0") block is open
    True
    """
    if not gpu_scope_depth or scope_device_type() != "GPU":
        return None
    lib = gpu_library()
    if lib is None or lib.generator is None:
        return None
    return lib.generator(seed)


def dask_blockwise(impl: Callable[..., Any], values: list, params: dict) -> Any:
    """An elementwise impl run chunk by chunk on Dask arrays (None where it cannot be).

    Every elementwise op stays lazy this way, including those whose NumPy code
    Dask cannot dispatch (special functions, ``out=`` arguments): each chunk is
    a NumPy array. The inputs must be Dask arrays of one shape, or scalars.

    >>> dask_blockwise(np.exp, [np.ones(2)], {}) is None  # no Dask array
    True
    """
    arrays = [v for v in values if _lookup(v.__class__) is _LIBRARIES["dask"]]
    if not arrays or any(a.shape != arrays[0].shape for a in arrays):
        return None
    if any(v.ndim for v in values if _lookup(v.__class__) is None):
        return None  # a NumPy array: the mixing check has said so already
    ndim = arrays[0].ndim
    try:  # the result dtype, from one element
        probe = [np.ones((1,) * ndim, v.dtype) if _lookup(v.__class__) is not None else v
                 for v in values]  # fmt: skip
        dtype = np.asarray(impl(*probe, **params)).dtype
    except Exception:
        return None
    map_blocks = sys.modules["dask.array"].map_blocks
    return map_blocks(lambda *blocks: impl(*blocks, **params), *values, dtype=dtype)
