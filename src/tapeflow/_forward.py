"""tf.autodiff.ForwardAccumulator: forward-mode differentiation (JVPs).

While active, every primitive whose inputs have tangents gets its output
tangent from its JVP rule, computed at once. ``jvp`` only looks it up.

>>> import tapeflow as tf
>>> x = tf.constant(2.0)
>>> with tf.autodiff.ForwardAccumulator(primals=x, tangents=1.0) as acc:
...     y = x * x * x
>>> print(acc.jvp(y))
tf.Tensor(12.0, shape=(), dtype=float32)
"""

from __future__ import annotations

import weakref
from functools import partial
from typing import Any

import numpy as np

from . import _dispatch
from ._dispatch import State, run_at, set_stack
from ._nest import assert_same_structure, flatten, pack_sequence_as
from ._tape import (
    GradientTape,
    UnconnectedGradients,
    is_watchable,
    parse_unconnected,
    warn_if_not_floating,
)
from ._tensor import convert_to_tensor, wrap

__all__ = ["ForwardAccumulator", "AccumulatorState"]

_FLOATS = "fc"


class AccumulatorState(State):
    """What a ForwardAccumulator tracks: a tangent per tensor id.

    Each op with a tangent on an input gets its output's tangent from its JVP
    rule, run with only the states entered before this one (outer ones
    differentiate the rule, inner ones never see it).
    """

    __slots__ = ("tangents", "_primals", "_self_ref", "__weakref__")
    computes_tangents = True

    def __init__(self):
        self.tangents: dict = {}
        self._primals: dict = {}
        self._self_ref = weakref.ref(self)

    def set(self, primal: Any, tangent: Any) -> None:
        """Give ``primal`` its tangent, which dies with it (as in TensorFlow): a weak
        reference's callback drops the entry. The callback holds the state only
        weakly, so no reference cycle keeps tangents alive."""
        key = primal._id
        self.tangents[key] = tangent
        if key not in self._primals:
            self._primals[key] = weakref.ref(primal, partial(_forget_tangent, self._self_ref, key))

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
        tangents = self.tangents
        input_tangents = tuple([tangents.get(x._id) for x in inputs])
        if all(t is None for t in input_tangents):
            return
        if prim.jvp is None:
            raise LookupError(f"No JVP rule is defined for primitive {prim.name!r}")
        out_tangent = run_at(stack, position, prim.jvp, input_tangents, out, *inputs, **params)
        if prim.multiple_results:
            for o, t in zip(out, out_tangent):
                store_tangent(self, o, t)
        else:
            store_tangent(self, out, out_tangent)

    def on_read(
        self,
        stack: list[Any],
        position: int,
        variable: Any,
        out: Any,
        differentiable: bool,
    ) -> None:
        tangent = self.tangents.get(variable._id)
        if tangent is not None:
            self.set(out, tangent)

    def on_custom(
        self,
        stack: list[Any],
        position: int,
        inputs: Any,
        results: Any,
        outputs: Any,
        grad_fn: Any,
    ) -> None:
        """Forward mode follows the real forward ops; grad_fn only fills the gaps.

        An output with a tangent from the ops that computed it keeps it (TensorFlow
        ignores grad_fn then). For outputs without one, the JVP is grad_fn
        transposed: the gradient of <grad_fn(u), input tangents> with respect to u.
        """
        from .ops.elementwise import zeros_like
        from .ops.reduce import reduce_sum

        tangents = self.tangents
        for y, out in zip(results, outputs):
            tangent = tangents.get(y._id)
            if tangent is not None:
                self.set(out, tangent)
        missing = [k for k, out in enumerate(outputs)
                   if out._id not in tangents and out._value.dtype.kind in _FLOATS]  # fmt: skip
        input_tangents = [tangents.get(x._id) for x in inputs]
        if not missing or all(t is None for t in input_tangents):
            return
        saved = set_stack(stack[:position])  # the rule sees only what was entered before
        try:
            upstream = [zeros_like(out) for out in outputs]
            with GradientTape() as tape:
                tape.watch([upstream[k] for k in missing])
                cotangents = grad_fn(*upstream)
                terms = [reduce_sum(ct * t, axis=None, keepdims=False)
                         for ct, t in zip(cotangents, input_tangents)
                         if ct is not None and t is not None]  # fmt: skip
            if not terms:
                return
            total = terms[0]
            for term in terms[1:]:
                total = total + term
            jvps = tape.gradient(total, [upstream[k] for k in missing])
        finally:
            set_stack(saved)
        for k, jvp in zip(missing, jvps):
            if jvp is not None:
                store_tangent(self, outputs[k], convert_to_tensor(jvp))


def _forget_tangent(state_ref, key: int, _ref) -> None:
    state = state_ref()
    if state is not None:
        state.tangents.pop(key, None)
        state._primals.pop(key, None)


def store_tangent(state: AccumulatorState, out: Any, tangent: Any) -> None:
    if tangent is None or out._value.dtype.kind not in _FLOATS:
        return
    if tangent._value.shape != out._value.shape:
        from .ops.shape import broadcast_to

        tangent = broadcast_to(tangent, shape=out._value.shape)
    state.set(out, tangent)


class ForwardAccumulator:
    """Compute Jacobian-vector products of operations run inside its ``with`` block.

    Args:
        primals: a Tensor or Variable, or a nested structure of them.
        tangents: the same structure; each is converted to its primal's dtype.

    >>> import tapeflow as tf
    >>> x = tf.constant([1.0, 2.0])
    >>> with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0])) as acc:
    ...     y = x * x
    >>> print(acc.jvp(y))
    tf.Tensor([2. 0.], shape=(2,), dtype=float32)
    """

    def __init__(self, primals: Any, tangents: Any) -> None:
        self._state = AccumulatorState()
        self._recording = False
        assert_same_structure(primals, tangents)
        for primal, tangent in zip(flatten(primals), flatten(tangents)):
            if not is_watchable(primal):
                raise ValueError(
                    f"Passed in object {primal} of type '{type(primal).__name__}', not "
                    "tf.Tensor or tf.Variable or ExtensionType."
                )
            if primal._id in self._state.tangents:
                # TF-TEXT: the literal "{}" is TF's own message (never formatted); keep it.
                raise ValueError(
                    "Tensor {} was specified as a primal multiple times. This may indicate "
                    "an error. If it was intended, please sum the corresponding tangents."
                )
            warn_if_not_floating(primal, "primal", depth=3)
            self._state.set(primal, convert_to_tensor(tangent, dtype=primal.dtype))

    def __enter__(self) -> ForwardAccumulator:
        if self._recording:
            raise ValueError("Accumulator is already recording.")
        _dispatch.push(self._state)
        self._recording = True
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        if self._recording:
            _dispatch.pop(self._state)
            self._recording = False

    def jvp(
        self,
        primals: Any,
        unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
    ) -> Any:
        """The tangents of ``primals`` (any nested structure): a look-up, no computation.

        >>> import tapeflow as tf
        >>> x = tf.constant(3.0)
        >>> with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        ...     y = tf.sin(x) * 0.0 + x * x
        >>> float(acc.jvp(y)), acc.jvp(tf.constant(1.0))
        (6.0, None)
        """
        unconnected = parse_unconnected(unconnected_gradients)
        results = []
        for value in flatten(primals):
            tangent = self._state.tangents.get(getattr(value, "_id", None))
            if tangent is None and unconnected is UnconnectedGradients.ZERO and value is not None:
                tangent = wrap(np.zeros_like(value._value)[()])
            results.append(tangent)
        return pack_sequence_as(primals, results)
