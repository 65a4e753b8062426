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


def _binary(primitive):
    def op(x, y, name=None):
        if not isinstance(x, _Tensor) and not isinstance(y, _Tensor):
            x = _convert(x)
        _integers_only(x, primitive.tf_name)
        _integers_only(y, primitive.tf_name)
        return primitive(x, y)

    op.__name__ = op.__qualname__ = primitive.name
    op.__doc__ = f"Elementwise {primitive.tf_name} of integer tensors of one dtype (broadcasting)."
    return op


def _shift_primitive(name: str, tf_name: str, np_shift):
    return _Primitive(name, _shift(np_shift), differentiable=False, same_dtype=True,
                      kinds=_INTS, tf_name=tf_name,
                      formula="integer bit shift, count clamped to [0, bits): no gradient")  # fmt: skip


bitwise_and = _binary(_el.bitwise_and)
bitwise_or = _binary(_el.bitwise_or)
bitwise_xor = _binary(_el.bitwise_xor)
left_shift = _binary(_shift_primitive("left_shift", "LeftShift", _np.left_shift))
right_shift = _binary(_shift_primitive("right_shift", "RightShift", _np.right_shift))


def invert(x, name=None):
    """Flip every bit of an integer tensor (``~x``)."""
    x = _convert(x)
    _integers_only(x, "Invert")
    return _el.invert(x)
