"""tf.custom_gradient, tf.recompute_grad and tf.grad_pass_through.

A custom gradient is one record on each tape: the function's flattened
inputs (plus the trainable variables it read) go in, its flattened outputs
come out, and the VJP is the user's ``grad_fn``. The forward computation runs
as usual while the tapes record, as in TensorFlow: ``grad_fn`` may use
intermediate tensors, and because ``grad_fn`` runs as ordinary tapeflow ops
during the sweep, an outer tape differentiates it (second order).

>>> import tapeflow as tf
>>> @tf.custom_gradient
... def log1pexp(x):
...     e = tf.exp(x)
...     def grad(upstream):
...         return upstream * (1 - 1 / (1 + e))
...     return tf.math.log(1 + e), grad
>>> x = tf.constant(100.0)
>>> with tf.GradientTape() as tape:
...     tape.watch(x)
...     y = log1pexp(x)
>>> print(tape.gradient(y, x))
tf.Tensor(1.0, shape=(), dtype=float32)
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable
from typing import Any

from . import _dispatch
from ._dispatch import Recorder, State, active_stack, set_stack
from ._nest import flatten, pack_sequence_as
from ._tape import GradientTape, UnconnectedGradients
from ._tensor import Tensor, convert_to_tensor, wrap
from ._variable import Variable
from .ops.elementwise import identity

__all__ = ["custom_gradient", "recompute_grad", "grad_pass_through"]

_FLOATS = "fc"


# --------------------------------------------------------------------------
# Watching the variables a function reads (TensorFlow's VariableWatcher)
# --------------------------------------------------------------------------
class VariableWatcher(State):
    """Collects the trainable variables read while it is active (TF's VariableWatcher)."""

    __slots__ = ("variables",)

    def __init__(self):
        self.variables: dict = {}

    def on_read(
        self,
        stack: list[Any],
        position: int,
        variable: Any,
        out: Any,
        differentiable: bool,
    ) -> None:
        if variable._trainable:
            self.variables[variable._id] = variable


@contextlib.contextmanager
def _recording_paused():
    """No tape records and no accumulator computes; variable watchers still watch.

    A tf.function recorder keeps recording: what runs is part of its program.
    """
    kept = [s for s in active_stack() if isinstance(s, (VariableWatcher, Recorder))]
    saved = set_stack(kept)
    try:
        yield
    finally:
        set_stack(saved)


def _accepts_variables(grad_fn) -> bool:
    try:
        spec = inspect.getfullargspec(grad_fn)
    except TypeError:
        return True  # not introspectable: let the call decide
    return "variables" in spec.args or "variables" in spec.kwonlyargs or bool(spec.varkw)


# --------------------------------------------------------------------------
# custom_gradient
# --------------------------------------------------------------------------
class _Decorated:
    """A function wrapped by a decorator taking ``(f, args, kwargs)``; binds as a method."""

    __wrapped__: Any

    def __init__(self, f, call):
        self._f = f
        self._call = call
        functools.update_wrapper(self, f)

    def __call__(self, *args, **kwargs):
        return self._call(self._f, args, kwargs)

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return _Decorated(self._f.__get__(instance, owner), self._call)


def custom_gradient(f: Callable[..., Any] | None = None) -> Callable[..., Any]:
    """Decorate ``f(*x)`` returning ``(y, grad_fn)`` to give it the gradient ``grad_fn``.

    ``grad_fn(*upstream)`` receives one upstream gradient per flattened output of
    ``y`` (zeros for an output that was not used) and returns one gradient per
    flattened positional argument (``None`` for none). If ``f`` reads trainable
    variables that are not arguments, ``grad_fn`` must accept ``variables=`` and
    return ``(input_grads, variable_grads)``. Works as ``@tf.custom_gradient``
    and ``@tf.custom_gradient()``, on functions and methods.

    >>> import tapeflow as tf
    >>> @tf.custom_gradient
    ... def clip_gradients(y):
    ...     def backward(dy):
    ...         return tf.minimum(dy, 0.5)
    ...     return y, backward
    >>> v = tf.Variable(2.0)
    >>> with tf.GradientTape() as tape:
    ...     out = clip_gradients(v * v)
    >>> print(tape.gradient(out, v))
    tf.Tensor(2.0, shape=(), dtype=float32)
    """
    if f is None:
        return lambda f: custom_gradient(f=f)
    return _Decorated(f, _call_with_custom_gradient)


def _call_with_custom_gradient(f, args, kwargs):
    if (_dispatch._recorder_count and _traced_without_inner_tape(active_stack())
            and not _closes_over_tensors(f)):  # fmt: skip
        # A tf.function trace with no tape inside it: one program node that calls
        # f again on every run, so a tape outside the function sees grad_fn.
        return _as_program_node(f, args, kwargs)
    return _run_with_custom_gradient(f, args, kwargs)


def _closes_over_tensors(f) -> bool:
    """Whether ``f`` reads tensors from its closure or defaults: called again by a
    program, it would see the trace's values, so the trace records its ops instead."""
    f = getattr(f, "__func__", f)
    cells = [c.cell_contents for c in getattr(f, "__closure__", None) or () if _filled(c)]
    cells += list(getattr(f, "__defaults__", None) or ())
    return any(isinstance(leaf, Tensor) for leaf in flatten(cells))


def _filled(cell) -> bool:
    try:
        _ = cell.cell_contents
    except ValueError:  # an empty cell (a name not bound yet)
        return False
    return True


def _traced_without_inner_tape(stack: list) -> bool:
    """A trace is open and nothing but traces was entered after the first one."""
    for i, state in enumerate(stack):
        if state.record_call is not None:
            return all(s.record_call is not None for s in stack[i + 1 :])
    return False


def _run_with_custom_gradient(f, args, kwargs):
    watcher = VariableWatcher()
    _dispatch.push(watcher)
    try:
        result, grad_fn = f(*args, **kwargs)
    finally:
        _dispatch.pop(watcher)
    flat_args = flatten(args)
    argument_variables = {x._id for x in flat_args + flatten(kwargs) if isinstance(x, Variable)}
    variables = sorted(
        {v._id: v._owner() for v in watcher.variables.values()
         if v._id not in argument_variables}.values(),
        key=lambda v: v._id,
    )  # fmt: skip
    if variables and not _accepts_variables(grad_fn):
        raise TypeError(
            "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since "
            f"function uses variables: {variables}"
        )
    results = [convert_to_tensor(y) for y in flatten(result)]
    # TensorFlow passes each output through an identity: new tensors, same values.
    outputs = tuple(wrap(y._value) for y in results)
    inputs = tuple(convert_to_tensor(x) for x in flat_args + variables)
    arg_count = len(flat_args)

    def actual_grad_fn(*upstream):
        if variables:
            input_grads, variable_grads = grad_fn(*upstream, variables=variables)
            if len(variable_grads) != len(variables):
                raise ValueError(
                    "Must return gradient for each variable from @custom_gradient grad_fn."
                )
        else:
            input_grads = grad_fn(*upstream)
            variable_grads = []
        flat_grads = flatten(input_grads)
        if len(flat_grads) != arg_count:
            raise ValueError(
                f"custom_gradient function expected to return {arg_count} gradients, but "
                f"returned {len(flat_grads)} instead."
            )
        return list(flat_grads) + list(variable_grads)

    stack = active_stack()
    if stack and _dispatch._active_count:
        _dispatch.record_custom(stack, inputs, results, outputs, actual_grad_fn)
    return pack_sequence_as(result, list(outputs))


_as_program_node = _dispatch.stateful(_run_with_custom_gradient)


# --------------------------------------------------------------------------
# recompute_grad and grad_pass_through
# --------------------------------------------------------------------------
def recompute_grad(f: Callable[..., Any]) -> Callable[..., Any]:
    """Keep only ``f``'s inputs on the tape; recompute ``f`` during the backward pass.

    The forward pass runs ``f`` with recording stopped, so no intermediate is
    kept. ``gradient`` runs ``f`` again under a private tape and differentiates
    it (variables read inside ``f`` included; unconnected inputs get zeros).
    Forward mode is not supported (TensorFlow's NotImplementedError).

    >>> import tapeflow as tf
    >>> block = tf.recompute_grad(lambda x: tf.tanh(x) * x)
    >>> x = tf.constant(1.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = block(block(x))
    >>> round(float(tape.gradient(y, x)), 4)
    1.2875
    """
    name = getattr(f, "__name__", type(f).__name__)

    @custom_gradient
    def inner(*args, **kwargs):
        with _recording_paused():
            result = f(*args, **kwargs)

        def grad_wrapper(*wrapper_args, variables=None):
            @custom_gradient
            def inner_recompute_grad(*dresult):
                with GradientTape() as tape:
                    id_args = pack_sequence_as(args, [identity(convert_to_tensor(a))
                                                      for a in flatten(args)])  # fmt: skip
                    tape.watch(id_args)
                    if variables is not None:
                        tape.watch(variables)
                    recomputed = f(*id_args, **kwargs)
                kw_vars = list(variables) if variables is not None else []
                grads = tape.gradient(
                    recomputed,
                    list(id_args) + kw_vars,
                    output_gradients=list(dresult),
                    unconnected_gradients=UnconnectedGradients.ZERO,
                )

                def transpose(*t_args, **t_kwargs):
                    # TF-TEXT: "modeautodiff" (no space) is TF's message as it is; keep it.
                    raise NotImplementedError(
                        f"recompute_grad tried to transpose grad of {name}. Consider not "
                        "using recompute_grad in forward modeautodiff"
                    )

                return (grads[: len(id_args)], grads[len(id_args) :]), transpose

            return inner_recompute_grad(*wrapper_args)

        return result, grad_wrapper

    return _renamed(inner, f)


def grad_pass_through(f: Callable[..., Any]) -> Callable[..., Any]:
    """``f`` in the forward pass, the identity in the backward pass.

    >>> import tapeflow as tf
    >>> x = tf.Variable(1.0)
    >>> z = tf.Variable(3.0)
    >>> with tf.GradientTape() as tape:
    ...     y = tf.grad_pass_through(x.assign)(z**2)
    >>> print(tape.gradient(y, z))
    tf.Tensor(6.0, shape=(), dtype=float32)
    """

    @custom_gradient
    def _grad_pass_through_op(*args, **kwargs):
        def grad(*upstream, **grad_kwargs):
            variables = grad_kwargs.get("variables")
            if variables is not None:
                # Variables the wrapped function touches get no gradient.
                return upstream, [None] * len(variables)
            return upstream

        return f(*args, **kwargs), grad

    return _renamed(_grad_pass_through_op, f)


def _renamed(decorated: Any, f: Any) -> Any:
    """Give the wrapper ``f``'s name and docstring, as TensorFlow's make_decorator does."""
    for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
        try:
            setattr(decorated, attribute, getattr(f, attribute))
        except (AttributeError, TypeError):
            pass
    decorated.__wrapped__ = f
    return decorated
