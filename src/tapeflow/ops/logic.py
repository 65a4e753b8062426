"""Comparisons and logical/bitwise ops: primitives with no gradient.

TF registers these as non-differentiable: they are never recorded, so a value
computed from them carries no gradient back (``differentiable=False``).

>>> import tapeflow as tf
>>> tf.math.less(tf.constant([1.0, 3.0]), 2.0)
<tf.Tensor: shape=(2,), dtype=bool, numpy=array([ True, False])>
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive


def _comparison(name, impl, tf_name, kinds=None):
    return Primitive(
        name,
        impl,
        same_dtype=True,
        differentiable=False,
        kinds=kinds,
        tf_name=tf_name,
        formula=f"{name}(x, y) is boolean: no gradient",
    )


equal = _comparison("equal", np.equal, "Equal")
not_equal = _comparison("not_equal", np.not_equal, "NotEqual")
# Orderings: TF registers them for real numbers only (no complex, bool or string).
less = _comparison("less", np.less, "Less", "fiu")
less_equal = _comparison("less_equal", np.less_equal, "LessEqual", "fiu")
greater = _comparison("greater", np.greater, "Greater", "fiu")
greater_equal = _comparison("greater_equal", np.greater_equal, "GreaterEqual", "fiu")


def _bool_or_int(name, impl, tf_name, kinds="biu"):
    return Primitive(
        name,
        impl,
        same_dtype=True,
        differentiable=False,
        kinds=kinds,
        tf_name=tf_name,
        formula=f"{name} on booleans or integer bits: no gradient",
    )


logical_and = _bool_or_int("logical_and", np.logical_and, "LogicalAnd", "b")
logical_or = _bool_or_int("logical_or", np.logical_or, "LogicalOr", "b")
bitwise_and = _bool_or_int("bitwise_and", np.bitwise_and, "BitwiseAnd")
bitwise_or = _bool_or_int("bitwise_or", np.bitwise_or, "BitwiseOr")
bitwise_xor = _bool_or_int("bitwise_xor", np.bitwise_xor, "BitwiseXor")
invert = Primitive(
    "invert",
    np.invert,
    differentiable=False,
    kinds="biu",
    tf_name="Invert",
    formula="~x (logical not for bool): no gradient",
)
