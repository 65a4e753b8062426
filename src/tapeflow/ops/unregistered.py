"""``unregistered_gradient``: a value TensorFlow computes with an op it registers no
gradient for (tf.conv's ``Conv``), so differentiating it raises TF's LookupError.

``unregistered_gradient(value, *inputs, op_type=...)`` returns ``value`` (computed by
the caller from ``inputs`` with any ops). Any gradient reaching the result meets this
record first and raises, as TF's tape does, instead of differentiating the ops that
made ``value``; taking the inputs too makes a tape that watches only them record it.
"""

from __future__ import annotations

from .._dispatch import Primitive


def _impl(value, *inputs, op_type):
    return value


def _no_gradient(*args, op_type, **params):
    raise LookupError(f"gradient registry has no entry for: {op_type}")


unregistered_gradient = Primitive(
    "unregistered_gradient", _impl, vjp=_no_gradient, jvp=_no_gradient,
    formula="the value of an op TF registers no gradient for: differentiating raises LookupError",
)  # fmt: skip
