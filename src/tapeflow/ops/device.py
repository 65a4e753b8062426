"""copy_to_device: tf.identity under a tf.device block, moving a value between
the host (NumPy, Dask) and the GPU (CuPy). The gradient moves back."""

from __future__ import annotations

from .. import _backend
from .._dispatch import Primitive

__all__ = ["copy_to_device"]


def _copy_vjp(g, ans, x, device_type):
    return (copy_to_device(g, device_type=_backend.device_type(x._value)),)


copy_to_device = Primitive(
    "copy_to_device",
    lambda x, device_type: _backend.to_device(x, device_type),
    vjp=_copy_vjp,
    linear=True,
    formula="copy_to_device(x, d) = x on device d; the VJP copies g back to x's device",
    tf_name="Identity",
)
