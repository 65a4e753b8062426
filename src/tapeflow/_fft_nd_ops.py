"""The raw n-D FFT ops at the top level (``tf.fftnd``, ``tf.ifftnd``, ``tf.rfftnd``,
``tf.irfftnd``): TensorFlow 2.21 registers no kernel for FFTND and its kin on any
device, so every call that gets past the input's dtype check fails with NotFoundError.
tapeflow raises the same errors (``tf.signal.fftnd`` and the others keep computing).
"""

from __future__ import annotations

from . import dtypes as _dt
from ._matching import matching_tensors
from ._types import TensorLike
from .errors import InvalidArgumentError, NotFoundError, _attr_text

_COMPLEX = (_dt.complex64, _dt.complex128)
_REAL = (_dt.float32, _dt.float64)


def _raw_fft(op: str, real_input: bool):
    attr, allowed = ("Treal", _REAL) if real_input else ("Tcomplex", _COMPLEX)

    def transform(
        input: TensorLike,  # noqa: A002 - TF's argument name
        fft_length: TensorLike,
        axes: TensorLike,
        name: str | None = None,
    ) -> None:
        x = matching_tensors([input], allowed, allowed[0])[0]
        if x.dtype not in allowed:
            names = ", ".join(d.c_name for d in allowed)
            raise InvalidArgumentError(
                None,
                None,
                _attr_text(attr, x.dtype.c_name, names)
                + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}> [Op:{op}] name: ",
            )
        if real_input:
            attrs = "Tcomplex=DT_COMPLEX64, Treal=DT_" + x.dtype.c_name.upper()
        elif op == "IRFFTND":
            attrs = f"Tcomplex=DT_{x.dtype.name.upper()}, Treal=DT_FLOAT"
        else:
            attrs = f"Tcomplex=DT_{x.dtype.name.upper()}"
        raise NotFoundError(
            None,
            None,
            f"Could not find device for node: {{{{node {op}}}}} = {op}[{attrs}]\nAll kernels "
            f"registered for op {op}:\n  <no registered kernels>\n [Op:{op}] name: ",
        )

    transform.__name__ = transform.__qualname__ = op.lower()
    transform.__doc__ = (
        f"TF's raw {op} op, which has no kernel: TF's NotFoundError (or its dtype error).\n\n"
        "    >>> import tapeflow as tf\n"
        "    >>> try:\n"
        f"    ...     tf.{op.lower()}(tf.zeros([4], {'tf.float32' if real_input else 'tf.complex64'}), [4], [0])\n"
        "    ... except tf.errors.OpError as e:\n"
        "    ...     print(type(e).__name__)\n"
        "    NotFoundError\n"
    )
    return transform


fftnd = _raw_fft("FFTND", False)
ifftnd = _raw_fft("IFFTND", False)
rfftnd = _raw_fft("RFFTND", True)
irfftnd = _raw_fft("IRFFTND", False)
