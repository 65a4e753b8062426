"""tf.math.igamma, igammac, betainc and zeta: argument checks in TF's order and words,
then the primitives of ``ops/special_incomplete.py``."""

from __future__ import annotations

import numpy as np

from .. import dtypes as _dt
from .._tensor import Tensor, as_tensor, convert_to_tensor
from .._types import TensorLike
from ..errors import InvalidArgumentError, NotFoundError, _dtype_mismatch, _op_error, _shape_text
from ..ops import special_incomplete as _si

_ALLOWED = {
    "Igamma": ("bfloat16, half, float, double", "DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE"),
    "Igammac": ("bfloat16, half, float, double", "DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE"),
    "Betainc": ("float, double", "DT_FLOAT, DT_DOUBLE"),
    "Zeta": ("float, double", "DT_FLOAT, DT_DOUBLE"),
}
_SIGNATURES = {"Igamma": "a:T, x:T", "Igammac": "a:T, x:T", "Betainc": "a:T, b:T, x:T",
               "Zeta": "x:T, q:T"}  # fmt: skip


def _tensors(op: str, values: tuple) -> list[Tensor]:
    """Convert as TF's op builder does: the first tensor's dtype fixes Python values',
    then every input must have that dtype, and only float32/float64 have kernels."""
    dtype = next((v.dtype for v in values if isinstance(v, Tensor)), None)
    tensors = []
    for value in values:
        if isinstance(value, Tensor):
            tensors.append(as_tensor(value))
            continue
        try:
            tensors.append(convert_to_tensor(value, dtype=dtype))
        except (TypeError, ValueError):  # the dtype check below words it as TF
            tensors.append(convert_to_tensor(value))
        dtype = dtype or tensors[-1].dtype
    first = tensors[0]._value.dtype
    for position, t in enumerate(tensors[1:], 1):
        if t._value.dtype != first:
            raise _dtype_mismatch(op, position, first, t._value.dtype)
    if first in (np.float32, np.float64):
        return tensors
    name = _dt._from_numpy(first).c_name
    allowed, names = _ALLOWED[op]
    if first == np.float16 and "half" in allowed:  # registered only for XLA
        raise NotFoundError(
            None, None,
            f"Could not find device for node: {{{{node {op}}}}} = {op}[T=DT_HALF]\n"
            f"All kernels registered for op {op}:\n"
            f"  device='XLA_CPU_JIT'; T in [DT_FLOAT, DT_DOUBLE, DT_BFLOAT16, DT_HALF]\n"
            f"  device='CPU'; T in [DT_DOUBLE]\n  device='CPU'; T in [DT_FLOAT]\n"
            f" [Op:{op}] name: ",
        )  # fmt: skip
    raise InvalidArgumentError(
        None, None,
        f"Value for attr 'T' of {name} is not in the list of allowed values: {allowed}\n"
        f"\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={_SIGNATURES[op]} -> z:T; "
        f"attr=T:type,allowed=[{names}]> [Op:{op}] name: ",
    )  # fmt: skip


def igamma(a: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The lower regularized incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a).

    NaN where a <= 0 or x < 0. Gradients w.r.t. a and x, as TF (differentiating the
    a-derivative again raises TF's LookupError).

    >>> tf.math.igamma(tf.constant([1.0, 2.0]), tf.constant([2.0, 5.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.86466473, 0.9595723 ], dtype=float32)>
    """
    a, x = _tensors("Igamma", (a, x))
    return _si.igamma(a, x)


def igammac(a: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The upper regularized incomplete gamma function Q(a, x) = 1 - P(a, x).

    >>> tf.math.igammac(tf.constant([1.0, 2.0]), tf.constant([2.0, 5.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.13533528, 0.04042768], dtype=float32)>
    """
    a, x = _tensors("Igammac", (a, x))
    return _si.igammac(a, x)


def betainc(a: TensorLike, b: TensorLike, x: TensorLike, name: str | None = None) -> Tensor:
    """The regularized incomplete beta function I_x(a, b).

    a, b and x have one shape, except that any of them may be a scalar (TF's
    Betainc does not broadcast further). NaN outside a, b > 0 and 0 <= x <= 1.
    Gradient w.r.t. x only; None for a and b, as TF.

    >>> tf.math.betainc(tf.constant([2.0, 1.0]), tf.constant([3.0, 1.0]), tf.constant([0.5, 0.7]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([0.6875, 0.7   ], dtype=float32)>
    """
    a, b, x = _tensors("Betainc", (a, b, x))
    shapes = {"a": a.shape, "b": b.shape, "x": x.shape}
    for first, second in (("a", "b"), ("a", "x"), ("b", "x")):
        one, two = shapes[first], shapes[second]
        if one.rank and two.rank and tuple(one) != tuple(two):
            raise _op_error(
                f"Shapes of {first} and {second} are inconsistent: "
                f"{_shape_text(one)} vs. {_shape_text(two)}",
                "Betainc",
            )
    return _si.betainc(a, b, x)


def zeta(x: TensorLike, q: TensorLike, name: str | None = None) -> Tensor:
    """Hurwitz's zeta function: sum over k >= 0 of (q + k)^-x.

    inf at x = 1 and at whole q <= 0; NaN for x < 1, and for q < 0 with x not whole.
    Gradient w.r.t. q: -x zeta(x + 1, q); None w.r.t. x, as TF.

    >>> tf.math.zeta(tf.constant([2.0, 3.0]), tf.constant([1.0, 2.0]))
    <tf.Tensor: shape=(2,), dtype=float32, numpy=array([1.644934 , 0.2020569], dtype=float32)>
    """
    x, q = _tensors("Zeta", (x, q))
    return _si.zeta(x, q)
