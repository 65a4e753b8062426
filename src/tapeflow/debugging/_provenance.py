"""What explanations need to know, kept only while they are enabled.

``enable_gradient_explanations`` puts a ``Provenance`` recorder on this
thread's transformation stack: for every op (differentiable or not) it keeps
the op, its inputs, the user's line, and which tapes were recording. It also
wraps a few GradientTape methods and the Tensor-to-Python conversions, to
note when tapes start, pause and stop, where sources were watched, and where
a value left tapeflow (``.numpy()``, ``np.asarray``, ``float()``, ``int()``).
All of it is undone by ``disable_gradient_explanations``: with the feature
off nothing here runs, and no hot path carries a check for it.
"""

from __future__ import annotations

import sys
import threading
import weakref
from typing import Any, NamedTuple

from .. import _dispatch
from .._nest import flatten
from .._tape import GradientTape, TapeState, UnconnectedGradients
from .._tensor import Tensor, next_id
from ._sites import _PACKAGE_DIR, Site, user_site

# Entries kept (oldest dropped first): enough for a training step of a large model,
# bounded so a long loop with explanations on cannot grow memory without limit.
LIMIT = 200_000


class Entry(NamedTuple):
    """One op (or variable read) seen while explanations were on."""

    prim: object  # the primitive, or None for a variable read
    inputs: tuple  # Tensors (for a read: the variable)
    outputs: tuple
    site: Site | None
    tapes: tuple  # the TapeStates recording when it ran


class Conversion(NamedTuple):
    """A Tensor turned into a NumPy or Python value by user code."""

    tensor_id: int
    value: object
    how: str
    site: Site | None


class Provenance(_dispatch.Recorder):
    """Sees every op and read; keeps enough to explain a None gradient."""

    __slots__ = ("entries", "conversions")

    def __init__(self):
        self.entries: dict[int, Entry] = {}  # output id -> entry, in execution order
        self.conversions: list[Conversion] = []

    def _keep(self, entry: Entry) -> None:
        entries = self.entries
        if len(entries) >= LIMIT:
            for key in list(entries)[: LIMIT // 4]:
                del entries[key]
        for o in entry.outputs:
            entries[o._id] = entry

    def record(self, prim: Any, inputs: Any, out: Any, params: dict[str, Any]) -> None:
        outputs = out if prim.multiple_results else (out,)
        tapes = tuple([s for s in _dispatch.active_stack() if s.__class__ is TapeState])
        self._keep(Entry(prim, inputs, outputs, user_site(2), tapes))

    def record_read(self, variable: Any, out: Any) -> None:
        tapes = tuple([s for s in _dispatch.active_stack() if s.__class__ is TapeState])
        self._keep(Entry(None, (variable,), (out,), user_site(2), tapes))

    def record_write(self, variable: Any, method: str, delta: Any, old: Any) -> None:
        pass

    def record_creation(self, variable: Any) -> None:
        pass


# -- per-tape history ----------------------------------------------------------------
class TapeHistory:
    """Events of one GradientTape while explanations are on, marked with tensor ids."""

    __slots__ = ("events", "watch_sites", "spent")

    def __init__(self):
        self.events: list[tuple[int, str, Site | None]] = []  # (id mark, what, where)
        self.watch_sites: dict[int, Site | None] = {}
        self.spent = None  # the state a non-persistent gradient() used up

    def note(self, what: str) -> None:
        self.events.append((next_id(), what, user_site(3)))


_histories: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def history(tape: Any) -> TapeHistory | None:
    return _histories.get(tape)


def _history_for(tape) -> TapeHistory:
    found = _histories.get(tape)
    if found is None:
        found = _histories[tape] = TapeHistory()
    return found


class _Mode(threading.local):
    provenance: Provenance | None = None


_mode = _Mode()
_originals: dict = {}
_lock = threading.Lock()
_enabled_threads = 0


def current() -> Provenance | None:
    return _mode.provenance


def _from_user_code() -> bool:
    """Whether the caller of the calling method is user code (not tapeflow itself)."""
    return not sys._getframe(2).f_code.co_filename.startswith(_PACKAGE_DIR)


def _wrap_tape_methods() -> None:
    original = {name: getattr(GradientTape, name) for name in
                ("__enter__", "__exit__", "stop_recording", "reset", "watch", "gradient")}  # fmt: skip
    _originals["tape"] = original

    def enter(self):
        result = original["__enter__"](self)
        _history_for(self).note("enter")
        return result

    def exit_(self, *exc):
        if self._recording:
            _history_for(self).note("exit")
        return original["__exit__"](self, *exc)

    def stop_recording(self):
        return _Paused(self, original["stop_recording"](self))

    def reset(self):
        _history_for(self).note("reset")
        return original["reset"](self)

    def watch(self, tensor):
        found = _history_for(self)
        site = user_site(2)
        for value in flatten(tensor):
            if hasattr(value, "_id"):
                found.watch_sites[value._id] = site
        return original["watch"](self, tensor)

    def gradient(
        self, target, sources, output_gradients=None,
        unconnected_gradients=UnconnectedGradients.NONE,
    ):  # fmt: skip
        from ._explain import explain_none_results  # _explain imports this module

        state = self._state
        if self._recording and not self._persistent:
            _history_for(self).note("gradient")
        result = original["gradient"](self, target, sources, output_gradients,
                                      unconnected_gradients)  # fmt: skip
        if state is not None:
            if self._state is None:
                _history_for(self).spent = state  # explain_gradient may still ask
            explain_none_results(self, state, target, sources, result)
        return result

    GradientTape.__enter__ = enter
    GradientTape.__exit__ = exit_
    GradientTape.stop_recording = stop_recording
    GradientTape.reset = reset
    GradientTape.watch = watch
    GradientTape.gradient = gradient


class _Paused:
    """tape.stop_recording(), noting when the pause starts and ends."""

    def __init__(self, tape, inner):
        self._tape = tape
        self._inner = inner

    def __enter__(self):
        _history_for(self._tape).note("pause")
        return self._inner.__enter__()

    def __exit__(self, *exc):
        result = self._inner.__exit__(*exc)
        _history_for(self._tape).note("resume")
        return result


def _wrap_conversions() -> None:
    original = {name: Tensor.__dict__.get(name) for name in
                ("numpy", "__array__", "__float__", "__int__")}  # fmt: skip
    _originals["tensor"] = original
    inherited = {name: getattr(Tensor, name) for name in original}

    def noting(name: str, how: str):
        method = inherited[name]

        def converted(self, *args, **kwargs):
            value = method(self, *args, **kwargs)
            provenance = _mode.provenance
            if provenance is not None and _from_user_code():
                conversions = provenance.conversions
                if len(conversions) >= 10_000:
                    del conversions[:2_500]
                conversions.append(Conversion(self._id, value, how, user_site(2)))
            return value

        converted.__name__ = name
        converted.__doc__ = method.__doc__
        return converted

    Tensor.numpy = noting("numpy", ".numpy()")
    Tensor.__array__ = noting("__array__", "np.asarray()")
    Tensor.__float__ = noting("__float__", "float()")
    Tensor.__int__ = noting("__int__", "int()")


def _unwrap() -> None:
    for name, method in _originals.pop("tape").items():
        setattr(GradientTape, name, method)
    for name, method in _originals.pop("tensor").items():
        if method is None:
            delattr(Tensor, name)
        else:
            setattr(Tensor, name, method)


def enable() -> None:
    global _enabled_threads
    if _mode.provenance is not None:
        return
    with _lock:
        if _enabled_threads == 0:
            _wrap_tape_methods()
            _wrap_conversions()
        _enabled_threads += 1
    _mode.provenance = Provenance()
    _dispatch.push(_mode.provenance)


def disable() -> None:
    global _enabled_threads
    provenance = _mode.provenance
    if provenance is None:
        return
    _mode.provenance = None
    _dispatch.pop(provenance)
    with _lock:
        _enabled_threads -= 1
        if _enabled_threads == 0:
            _unwrap()
