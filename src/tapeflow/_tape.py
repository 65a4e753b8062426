"""tf.GradientTape: records operations on watched values and differentiates them.

>>> import tapeflow as tf
>>> x = tf.constant(3.0)
>>> with tf.GradientTape() as tape:
...     tape.watch(x)
...     y = x * x
>>> print(tape.gradient(y, x))
tf.Tensor(6.0, shape=(), dtype=float32)
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from . import _dispatch
from ._backprop import reverse_sweep
from ._dispatch import State
from ._jacobian import batch_jacobian, jacobian
from ._log import warn_first_n
from ._nest import flatten, pack_sequence_as
from ._tape_args import (
    _PERSISTENT_IN_CONTEXT,
    NON_PERSISTENT_ERROR,
    UnconnectedGradients,
    checked_leaf,
    is_watchable,
    parse_unconnected,
    warn_if_not_floating,
)
from ._tensor import convert_to_tensor, wrap, wrap_if_array
from ._variable import Variable
from .ops.elementwise import ones_like
from .ops.sparse import IndexedSlices

__all__ = ["GradientTape", "UnconnectedGradients"]


class TapeState(State):
    """What a GradientTape records: TensorFlow's internal tape.

    It records an op if one of its inputs is watched (watched sets hold floating
    tensors only), and its floating outputs join the watched set.
    """

    __slots__ = ("watched", "records", "variables", "watch_accessed_variables", "persistent")

    def __init__(self, persistent: bool, watch_accessed_variables: bool):
        self.watched: set[int] = set()
        self.records: list = []
        self.variables: dict = {}
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables

    def on_op(
        self,
        stack: list[Any],
        position: int,
        prim: Any,
        inputs: Any,
        out: Any,
        outputs: Any,
        params: dict[str, Any],
    ) -> None:
        watched = self.watched
        for x in inputs:
            if x._id in watched:
                self.records.append((prim, inputs, out, params))
                for o in outputs:
                    watched.add(o._id)
                return

    def on_read(
        self,
        stack: list[Any],
        position: int,
        variable: Any,
        out: Any,
        differentiable: bool,
    ) -> None:
        if self.watch_accessed_variables and variable._trainable:
            if differentiable:
                self.watched.add(variable._id)
            self.variables[variable._id] = variable
        if differentiable and variable._id in self.watched:
            self.records.append((_dispatch.READ_VARIABLE, (variable,), out, {}))
            self.watched.add(out._id)

    def on_custom(
        self,
        stack: list[Any],
        position: int,
        inputs: Any,
        results: Any,
        outputs: Any,
        grad_fn: Any,
    ) -> None:
        from .ops.custom import CUSTOM_GRADIENT
        from .ops.elementwise import identity

        watched = self.watched
        if any(x._id in watched for x in inputs):
            self.records.append((CUSTOM_GRADIENT, inputs, outputs, {"grad_fn": grad_fn}))
            for o in outputs:
                watched.add(o._id)
            return
        # Not recorded here, but an output computed from watched tensors (say, ones
        # the function closes over) stays connected through its identity.
        for y, o in zip(results, outputs):
            if y._id in watched and y._value.dtype.kind in "fc":
                self.records.append((identity, (y,), o, {}))
                watched.add(o._id)


class GradientTape:
    """Record operations for automatic differentiation, as ``tf.GradientTape``.

    Args:
        persistent: allow more than one ``gradient`` call on this tape.
        watch_accessed_variables: watch trainable variables read while recording.

    >>> import tapeflow as tf
    >>> w = tf.Variable(2.0)
    >>> with tf.GradientTape(persistent=True) as tape:
    ...     y = w * w
    ...     z = y * y
    >>> float(tape.gradient(y, w)), float(tape.gradient(z, w))
    (4.0, 32.0)
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._state: TapeState | None = None  # created on first entry
        self._recording = False
        self._spent_variables: dict = {}  # what a used non-persistent tape had watched

    # -- context --------------------------------------------------------------
    def __enter__(self) -> GradientTape:
        if self._recording:
            raise ValueError(
                "Tape is still recording, This can happen if you try to re-enter an "
                "already-active tape."
            )
        if self._state is None:
            self._state = TapeState(self._persistent, self._watch_accessed_variables)
        _dispatch.push(self._state)
        self._recording = True
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if self._recording:
            self._stop()

    def _stop(self) -> None:
        _dispatch.pop(self._state)
        self._recording = False

    # -- what gradient and the jacobians do around a sweep ----------------------
    def _recorded(self, spent_message: str) -> TapeState:
        """The records to differentiate; RuntimeError(spent_message) if a sweep used them up."""
        if self._state is None:
            raise RuntimeError(spent_message)
        return self._state

    def _stop_for_sweep(self) -> bool:
        """Before a sweep: TF stops a non-persistent tape silently. True when a
        persistent tape is still recording (it records the sweep; TF warns)."""
        if not self._recording:
            return False
        if self._persistent:
            return True
        self._stop()
        return False

    def _release_if_spent(self) -> None:
        """After a sweep: a non-persistent tape drops its records (keeping the
        variables it watched, for ``watched_variables``)."""
        if not self._persistent and self._state is not None:
            self._spent_variables = self._state.variables
            self._state = None

    def stop_recording(self) -> contextlib.AbstractContextManager[None]:
        """A context in which operations are not recorded on this tape.

        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     with tape.stop_recording():
        ...         y = x * x
        >>> print(tape.gradient(y, x))
        None
        """
        return _StopRecording(self)

    def reset(self) -> None:
        """Forget everything recorded and watched; keep recording on a fresh tape.

        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        ...     tape.reset()
        ...     tape.watch(x)
        ...     z = x * 5.0
        >>> float(tape.gradient(z, x))
        5.0
        """
        if not self._recording:
            raise ValueError("Tape is not recording.")
        self._stop()
        self._state = None
        self.__enter__()

    # -- watching -------------------------------------------------------------
    def watch(self, tensor: Any) -> None:
        """Record operations on ``tensor`` (a Tensor, Variable, or nested structure of them).

        >>> import tapeflow as tf
        >>> x = tf.constant(2.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x**3
        >>> float(tape.gradient(y, x))
        12.0
        """
        for value in flatten(tensor):
            if not is_watchable(value):
                raise ValueError(
                    f"Passed in object {value} of type '{type(value).__name__}', not "
                    "tf.Tensor or tf.Variable or ExtensionType."
                )
            warn_if_not_floating(value, "tensor", depth=3)
            if self._state is None:
                raise AttributeError("'NoneType' object has no attribute '_tape'")
            if not _dispatch.something_active():
                continue  # TensorFlow ignores watches when no tape is active
            if value._value.dtype.kind in "fc":  # integer and bool values never record
                self._state.watched.add(value._id)
            if isinstance(value, Variable):
                self._state.variables[value._id] = value._owner()

    def watched_variables(self) -> tuple:
        """The variables this tape watched, in order of creation.

        >>> import tapeflow as tf
        >>> a, b = tf.Variable(1.0), tf.Variable(2.0)
        >>> with tf.GradientTape() as tape:
        ...     y = b * a
        >>> [v.numpy() for v in tape.watched_variables()]
        [np.float32(1.0), np.float32(2.0)]
        """
        variables = self._spent_variables if self._state is None else self._state.variables
        return tuple(sorted(variables.values(), key=_creation_order))

    # -- differentiation -------------------------------------------------------
    def gradient(
        self,
        target: Any,
        sources: Any,
        output_gradients: Any = None,
        unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
    ) -> Any:
        """The gradient of the sum of ``target`` with respect to ``sources``.

        ``target`` and ``sources`` are Tensors, Variables or nested structures
        of them. The result has the structure of ``sources``; an unconnected
        source gives None (or zeros with ``unconnected_gradients='zero'``).

        >>> import tapeflow as tf
        >>> x = tf.Variable(3.0)
        >>> with tf.GradientTape() as tape:
        ...     y = x * x
        >>> tape.gradient(y, x)
        <tf.Tensor: shape=(), dtype=float32, numpy=6.0>

        >>> x, w = tf.constant(3.0), tf.Variable(2.0)
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = w * x * x
        >>> dx, dw = tape.gradient(y, [x, w])
        >>> float(dx), float(dw)
        (12.0, 9.0)
        """
        state = self._recorded(NON_PERSISTENT_ERROR)
        if target is None:
            raise TypeError(
                "Argument `target` should be a list or nested structure of Tensors, "
                "Variables or CompositeTensors to be differentiated, but received None."
            )
        unconnected = parse_unconnected(unconnected_gradients)
        flat_targets = [checked_leaf(t) for t in flatten(target)]
        flat_sources = [checked_leaf(s) for s in flatten(sources)]
        seeds, trusted_seeds = self._seeds(flat_targets, output_gradients, flat_sources)

        if self._stop_for_sweep():
            warn_first_n(1, _PERSISTENT_IN_CONTEXT, depth=2)
        # Only sources this tape watches (or that are targets themselves) can get a gradient.
        target_ids = {t._id for t in flat_targets}
        source_ids = [s._id for s in flat_sources
                      if s._id in state.watched or s._id in target_ids]  # fmt: skip
        grads = reverse_sweep(
            state.records,
            seeds,
            source_ids,
            # Records are dropped as the sweep passes them, unless a user seed might
            # make the sweep fail: then the tape must survive the error intact.
            consume=not self._persistent and trusted_seeds,
            trusted_seeds=trusted_seeds,
            # tf.function's programs keep dense gradients (docs/deviations.md).
            sparse=not _dispatch._recorder_count,
        )
        results = [_result_for(s, grads.get(s._id), unconnected) for s in flat_sources]
        self._release_if_spent()
        return pack_sequence_as(sources, results)

    def _seeds(self, targets, output_gradients, sources) -> tuple[list, bool]:
        if output_gradients is not None:
            output_gradients = flatten(output_gradients)
        source_ids = {s._id for s in sources}
        seeds = []
        trusted = True  # every seed has its target's dtype and shape
        for i, t in enumerate(targets):
            kind = t._value.dtype.kind
            if kind not in "fc" and not (t._id in source_ids and kind != "O"):
                continue
            if output_gradients is not None and i < len(output_gradients):
                seed = convert_to_tensor(output_gradients[i])
                trusted = trusted and (
                    seed._value.dtype == t._value.dtype and seed._value.shape == t._value.shape
                )
            else:
                seed = ones_like(t)  # in the target's array library
            seeds.append((t._id, seed))
        return seeds, trusted

    def jacobian(
        self,
        target: Any,
        sources: Any,
        unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
        parallel_iterations: int | None = None,
        experimental_use_pfor: bool = True,
    ) -> Any:
        """The Jacobian of ``target`` w.r.t. each source: shape target.shape + source.shape.

        >>> import tapeflow as tf
        >>> x = tf.constant([1.0, 2.0])
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        >>> tape.jacobian(y, x).numpy().tolist()
        [[2.0, 0.0], [0.0, 4.0]]
        """
        return jacobian(
            self, target, sources, unconnected_gradients, parallel_iterations,
            experimental_use_pfor,
        )  # fmt: skip

    def batch_jacobian(
        self,
        target: Any,
        source: Any,
        unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
        parallel_iterations: int | None = None,
        experimental_use_pfor: bool = True,
    ) -> Any:
        """Per-example Jacobians: shape [b, y1..yn, x1..xm] for target [b, y..], source [b, x..].

        >>> import tapeflow as tf
        >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
        >>> with tf.GradientTape() as tape:
        ...     tape.watch(x)
        ...     y = x * x
        >>> tape.batch_jacobian(y, x).shape
        TensorShape([2, 2, 2])
        """
        return batch_jacobian(
            self, target, source, unconnected_gradients, parallel_iterations,
            experimental_use_pfor,
        )  # fmt: skip


def _creation_order(variable) -> int:
    return variable._id


def _result_for(source, grad, unconnected: UnconnectedGradients):
    if grad is not None:
        if grad.__class__ is IndexedSlices:
            return grad
        return wrap_if_array(grad) if hasattr(grad, "dtype") else grad
    if unconnected is UnconnectedGradients.ZERO:
        return wrap(np.zeros_like(source._value)[()])
    return None


class _StopRecording:
    __slots__ = ("_tape",)

    def __init__(self, tape: GradientTape):
        self._tape = tape

    def __enter__(self):
        tape = self._tape
        if tape._state is None:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        if not tape._recording:
            raise ValueError("Tape is not recording.")
        tape._stop()

    def __exit__(self, exc_type, exc_value, traceback):
        tape = self._tape
        if tape._state is not None:
            _dispatch.push(tape._state)
            tape._recording = True
