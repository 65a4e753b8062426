"""tf.bitwise: bitwise logic and shifts on integer tensors (no gradients, as in TF).

>>> import tapeflow as tf
>>> print(tf.bitwise.bitwise_and(tf.constant([5, 3]), tf.constant([3, 1])))
tf.Tensor([1 1], shape=(2,), dtype=int32)
>>> print(tf.bitwise.invert(tf.constant([5], tf.uint8)))
tf.Tensor([250], shape=(1,), dtype=uint8)
"""

import numpy as _np

from . import dtypes as _dt
from ._dispatch import Primitive as _Primitive
from ._tensor import Tensor as _Tensor
from ._tensor import convert_to_tensor as _convert
from ._types import TensorLike as _TensorLike
from .errors import InvalidArgumentError as _InvalidArgumentError
from .ops import elementwise as _el

__all__ = ["bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift"]

_INTS = "iu"
_ALLOWED = "int8, int16, int32, int64, uint8, uint16, uint32, uint64"


def _shift(np_shift):
    def impl(x, y):
        # Shifts by a negative count or by the width or more are implementation
        # defined in TF; its CPU kernel clamps the count to [0, bits - 1].
        bits = x.dtype.itemsize * 8
        count = _np.clip(y, 0, bits - 1).astype(x.dtype)
        return _np.asarray(np_shift(x, count), dtype=x.dtype)[()]

    return impl


def _integers_only(x, tf_name: str) -> None:
    """TF's bitwise kernels take integers only (the primitives also serve bool ``&``)."""
    if isinstance(x, _Tensor) and x._value.dtype.kind not in _INTS:
        c_name = _dt._from_numpy(x._value.dtype).c_name
        raise _InvalidArgumentError(
            None, None, f"Value for attr 'T' of {c_name} is not in the list of allowed values: "
            f"{_ALLOWED}\n\t; NodeDef: {{{{node {tf_name}}}}}; Op<name={tf_name}> "
            f"[Op:{tf_name}] name: ",
        )  # fmt: skip


def _binary(primitive, example: str):
    def op(x: _TensorLike, y: _TensorLike, name: str | None = None) -> _Tensor:
        if not isinstance(x, _Tensor) and not isinstance(y, _Tensor):
            x = _convert(x)
        _integers_only(x, primitive.tf_name)
        _integers_only(y, primitive.tf_name)
        return primitive(x, y)

    op.__name__ = op.__qualname__ = primitive.name
    op.__doc__ = (
        f"Elementwise {primitive.tf_name} of integer tensors of one dtype (broadcasting).\n\n"
        + example
    )
    return op


def _shift_primitive(name: str, tf_name: str, np_shift):
    return _Primitive(name, _shift(np_shift), differentiable=False, same_dtype=True,
                      kinds=_INTS, tf_name=tf_name,
                      formula="integer bit shift, count clamped to [0, bits): no gradient")  # fmt: skip


bitwise_and = _binary(
    _el.bitwise_and,
    """>>> tf.bitwise.bitwise_and(tf.constant([12, 10]), tf.constant([10, 6]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([8, 2], dtype=int32)>
""",
)
bitwise_or = _binary(
    _el.bitwise_or,
    """>>> tf.bitwise.bitwise_or(tf.constant([12, 10]), tf.constant([10, 6]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([14, 14], dtype=int32)>
""",
)
bitwise_xor = _binary(
    _el.bitwise_xor,
    """>>> tf.bitwise.bitwise_xor(tf.constant([12, 10]), tf.constant([10, 6]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 6, 12], dtype=int32)>
""",
)
left_shift = _binary(
    _shift_primitive("left_shift", "LeftShift", _np.left_shift),
    """>>> tf.bitwise.left_shift(tf.constant([1, 3]), tf.constant([2, 1]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([4, 6], dtype=int32)>
""",
)
right_shift = _binary(
    _shift_primitive("right_shift", "RightShift", _np.right_shift),
    """>>> tf.bitwise.right_shift(tf.constant([8, -8]), tf.constant([2, 2]))
<tf.Tensor: shape=(2,), dtype=int32, numpy=array([ 2, -2], dtype=int32)>
""",
)


def invert(x: _TensorLike, name: str | None = None) -> _Tensor:
    """Flip every bit of an integer tensor (``~x``).

    >>> tf.bitwise.invert(tf.constant([0, 5], tf.uint8))
    <tf.Tensor: shape=(2,), dtype=uint8, numpy=array([255, 250], dtype=uint8)>
    """
    x = _convert(x)
    _integers_only(x, "Invert")
    return _el.invert(x)
