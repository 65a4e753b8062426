"""How TensorFlow's eager ops pick one dtype for several inputs that share a type attr.

An op such as ``Mul`` or ``NextAfter`` has one dtype ``T`` for all its inputs. TF
takes it from the first input that already is a tensor; when none is, from the
first value converted on its own, unless that dtype is not one the op allows:
then the value is converted again with the op's default dtype preferred (so
``nextafter([1, 2], [1, 3])`` computes in float32). Every later value is converted
to that dtype.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import dtypes as _dt
from ._tensor import Tensor, as_tensor, convert_to_tensor
from ._types import TensorLike


def _is_tensor(value: object) -> bool:
    return isinstance(value, Tensor) or hasattr(value, "_as_tensor")


def matching_tensors(
    values: Sequence[TensorLike],
    allowed: Iterable[_dt.DType] = (),
    default: _dt.DType | None = None,
) -> list[Tensor]:
    """``values`` as tensors of one dtype, chosen as TF's eager ops choose it.

    ``allowed`` lists the dtypes the op accepts and ``default`` is its default dtype
    (either may be empty). A value that cannot take the chosen dtype raises TF's
    conversion error; the op itself still checks that the dtype is one it allows.

    >>> import tapeflow as tf
    >>> from tapeflow._matching import matching_tensors
    >>> [t.dtype for t in matching_tensors([[1, 2], 3.0], [tf.float32, tf.float64], tf.float32)]
    [tf.float32, tf.float32]
    >>> [t.dtype for t in matching_tensors([2.0, tf.constant(1.0, tf.float64)])]
    [tf.float64, tf.float64]
    """
    allowed = tuple(allowed)
    dtype = next((as_tensor(v).dtype for v in values if _is_tensor(v)), None)
    if dtype is not None:
        return [as_tensor(v) if _is_tensor(v) else convert_to_tensor(v, dtype=dtype)
                for v in values]  # fmt: skip
    out = []
    for value in values:
        tensor = None
        if dtype is None and allowed:
            try:
                tensor = as_tensor(value)
            except (TypeError, ValueError):  # (2**64 - 1 has no default dtype; the op's may do)
                tensor = None
            if tensor is not None and tensor.dtype not in allowed:
                tensor = None
        if tensor is None:
            tensor = convert_to_tensor(value, dtype=dtype, dtype_hint=default)
        out.append(tensor)
        if dtype is None:
            dtype = tensor.dtype
    return out
