"""Type aliases for the public signatures (one vocabulary for every module).

TF's Python API is loosely typed: where it takes a tensor it also takes a
NumPy value, a Python number or a nested list of them; a dtype may be a
``tf.DType``, a NumPy dtype or a name. The aliases below say that once, so a
signature reads ``def reduce_sum(input_tensor: TensorLike, axis: AxisLike =
None, ...)`` and mypy checks callers against the same words everywhere.
"""

from __future__ import annotations

from typing import Any

# A Tensor, a Variable, a NumPy array or scalar, a Python number or bool, a
# string, or a (nested) list or tuple of these: anything convert_to_tensor takes.
TensorLike = Any

# A tf.DType, a NumPy dtype or scalar type, a Python type (float, int, bool) or
# a dtype name ("float32"); None where TF infers the dtype.
DTypeLike = Any

# A TensorShape, a list or tuple of ints (None for an unknown dimension), or a
# rank-1 integer tensor holding the sizes.
ShapeLike = Any

# One axis, a list or tuple of axes, or an integer tensor of them; None for all.
AxisLike = Any

__all__ = ["AxisLike", "DTypeLike", "ShapeLike", "TensorLike"]
