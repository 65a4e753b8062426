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

import numpy as np

from . import _dispatch
from ._dispatch import AccumulatorState
from ._nest import assert_same_structure, flatten, pack_sequence_as
from ._tape import UnconnectedGradients, is_watchable, parse_unconnected, warn_if_not_floating
from ._tensor import convert_to_tensor, wrap

__all__ = ["ForwardAccumulator"]


class ForwardAccumulator:
    """Compute Jacobian-vector products of operations run inside its ``with`` block.

    Args:
        primals: a Tensor or Variable, or a nested structure of them.
        tangents: the same structure; each is converted to its primal's dtype.
    """

    def __init__(self, primals, tangents):
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
            self._state.tangents[primal._id] = convert_to_tensor(tangent, dtype=primal.dtype)

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

    def jvp(self, primals, unconnected_gradients=UnconnectedGradients.NONE):
        """The tangents of ``primals`` (any nested structure): a look-up, no computation."""
        unconnected = parse_unconnected(unconnected_gradients)
        results = []
        for value in flatten(primals):
            tangent = self._state.tangents.get(getattr(value, "_id", None))
            if tangent is None and unconnected is UnconnectedGradients.ZERO and value is not None:
                tangent = wrap(np.zeros_like(value._value)[()])
            results.append(tangent)
        return pack_sequence_as(primals, results)
