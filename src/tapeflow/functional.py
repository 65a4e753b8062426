"""Function transformations in the style of JAX and autograd, built on tapes.

Each helper takes a Python function of tensors and returns its derivative
(or a function computing it). They are thin wrappers around GradientTape
and ForwardAccumulator, so they compose with each other and with tapes
opened around them: ``grad(grad(f))`` is a second derivative, and an outer
tape can differentiate a ``jvp``.

Conventions (JAX's): ``argnums`` picks the positional arguments to
differentiate (an int gives one result, a tuple gives a tuple); ``grad``,
``value_and_grad``, ``hessian`` and ``hvp`` need a scalar output; an
argument the output does not depend on gets zeros, never None.

>>> import tapeflow as tf
>>> from tapeflow.functional import grad
>>> f = lambda x: x ** 3
>>> print(grad(f)(tf.constant(2.0)))
tf.Tensor(12.0, shape=(), dtype=float32)
>>> print(grad(grad(f))(tf.constant(2.0)))
tf.Tensor(12.0, shape=(), dtype=float32)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ._forward import ForwardAccumulator
from ._nest import flatten
from ._tape import GradientTape, UnconnectedGradients
from ._tensor import Tensor, convert_to_tensor
from ._types import TensorLike
from ._variable import Variable

__all__ = ["grad", "value_and_grad", "jvp", "vjp", "hessian", "hvp"]

_ZERO = UnconnectedGradients.ZERO


def _as_value(x):
    """Tensors and Variables stay themselves; anything else becomes a Tensor."""
    if x.__class__ is Tensor or isinstance(x, Variable):
        return x
    return convert_to_tensor(x)


def _argnums(argnums, count: int) -> tuple:
    single = isinstance(argnums, int)
    nums = (argnums,) if single else tuple(argnums)
    for n in nums:
        if not isinstance(n, int) or not -count <= n < count:
            raise ValueError(
                f"argnums {argnums!r} out of bounds for a function called with "
                f"{count} positional arguments"
            )
    return tuple(n % count for n in nums)


def _prepared(args, argnums):
    args = list(args)
    nums = _argnums(argnums, len(args))
    for n in nums:
        args[n] = _as_value(args[n])
    return args, [args[n] for n in nums]


def _scalar(value, what: str):
    value = _as_value(value)
    if value.shape.rank != 0:
        raise TypeError(
            f"{what} only defined for scalar-output functions. Output had shape: "
            f"{tuple(value.shape)}."
        )
    return value


def _split_aux(out, has_aux: bool):
    if not has_aux:
        return out, None
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise TypeError(
            "has_aux=True requires the function to return a pair (output, auxiliary data)"
        )
    return out[0], out[1]


def value_and_grad(
    f: Callable[..., Any], argnums: int | Sequence[int] = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """A function returning ``(f(*args), gradient of f w.r.t. args[argnums])``.

    With ``has_aux=True``, ``f`` returns ``(output, aux)`` and the result is
    ``((output, aux), gradient)``.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import value_and_grad
    >>> loss = lambda w, x: tf.reduce_sum((w * x) ** 2)
    >>> value, (dw, dx) = value_and_grad(loss, argnums=(0, 1))(tf.constant(2.0),
    ...                                                       tf.constant([1.0, 3.0]))
    >>> float(value), float(dw), dx.numpy().tolist()
    (40.0, 40.0, [8.0, 24.0])
    """

    def value_and_grad_f(*args, **kwargs):
        args, sources = _prepared(args, argnums)
        with GradientTape() as tape:
            tape.watch(sources)
            out = f(*args, **kwargs)
        value, aux = _split_aux(out, has_aux)
        value = _scalar(value, "Gradient")
        grads = tape.gradient(value, sources, unconnected_gradients=_ZERO)
        result = grads[0] if isinstance(argnums, int) else tuple(grads)
        return ((value, aux) if has_aux else value), result

    return value_and_grad_f


def grad(
    f: Callable[..., Any], argnums: int | Sequence[int] = 0, has_aux: bool = False
) -> Callable[..., Any]:
    """A function returning the gradient of scalar ``f`` w.r.t. ``args[argnums]``.

    With ``has_aux=True``, ``f`` returns ``(output, aux)`` and the result is
    ``(gradient, aux)``.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import grad
    >>> dsin = grad(tf.sin)
    >>> print(dsin(tf.constant(0.0)))
    tf.Tensor(1.0, shape=(), dtype=float32)
    >>> print(grad(lambda x, y: x * y, argnums=1)(3.0, 4.0))
    tf.Tensor(3.0, shape=(), dtype=float32)
    """
    both = value_and_grad(f, argnums, has_aux)

    def grad_f(*args, **kwargs):
        value, gradient = both(*args, **kwargs)
        return (gradient, value[1]) if has_aux else gradient

    return grad_f


def jvp(
    f: Callable[..., Any], primals: Sequence[TensorLike], tangents: Sequence[TensorLike]
) -> tuple[Any, Any]:
    """Forward mode: ``(f(*primals), J(primals) @ tangents)``.

    ``primals`` and ``tangents`` are tuples (or lists) with one entry per
    positional argument; outputs that do not depend on the primals get zero
    tangents.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import jvp
    >>> y, y_dot = jvp(lambda x: x * x, (tf.constant(3.0),), (tf.constant(1.0),))
    >>> float(y), float(y_dot)
    (9.0, 6.0)
    """
    primals = [_as_value(p) for p in primals]
    tangents = list(tangents)
    if len(primals) != len(tangents):
        raise ValueError(
            f"jvp got {len(primals)} primals and {len(tangents)} tangents; "
            "they must have the same length"
        )
    with ForwardAccumulator(primals, tangents) as accumulator:
        out = f(*primals)
    return out, accumulator.jvp(out, unconnected_gradients=_ZERO)


def vjp(f: Callable[..., Any], *primals: TensorLike, has_aux: bool = False) -> tuple[Any, ...]:
    """Reverse mode: ``(f(*primals), vjp_fn)`` with ``vjp_fn(cotangent)`` a tuple of gradients.

    ``cotangent`` has the structure of ``f``'s output; ``vjp_fn`` may be called
    any number of times. With ``has_aux=True`` the result is
    ``(output, vjp_fn, aux)``.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import vjp
    >>> y, pullback = vjp(lambda x, w: x * w, tf.constant([1.0, 2.0]), tf.constant(3.0))
    >>> dx, dw = pullback(tf.constant([1.0, 10.0]))
    >>> dx.numpy().tolist(), float(dw)
    ([3.0, 30.0], 21.0)
    """
    values = [_as_value(p) for p in primals]
    with GradientTape(persistent=True) as tape:
        tape.watch(values)
        out = f(*values)
    out, aux = _split_aux(out, has_aux)

    def vjp_fn(cotangent):
        grads = tape.gradient(out, values, output_gradients=flatten(cotangent),
                              unconnected_gradients=_ZERO)  # fmt: skip
        return tuple(grads)

    return (out, vjp_fn, aux) if has_aux else (out, vjp_fn)


def hessian(f: Callable[..., Any], argnums: int | Sequence[int] = 0) -> Callable[..., Any]:
    """A function returning the Hessian of scalar ``f`` w.r.t. ``args[argnums]``.

    For one argument of shape ``s`` the Hessian has shape ``s + s``; with a
    tuple of argnums the result is a tuple of tuples, block ``[i][j]`` of shape
    ``s_i + s_j``. It is the jacobian of the gradient, one batched sweep.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import hessian
    >>> f = lambda x: tf.reduce_sum(x ** 3) + x[0] * x[1]
    >>> hessian(f)(tf.constant([1.0, 2.0])).numpy().tolist()
    [[6.0, 1.0], [1.0, 12.0]]
    """

    def hessian_f(*args, **kwargs):
        args, sources = _prepared(args, argnums)
        with GradientTape(persistent=True) as outer:
            outer.watch(sources)
            with GradientTape() as inner:
                inner.watch(sources)
                out = f(*args, **kwargs)
            value = _scalar(out, "Hessian")
            grads = inner.gradient(value, sources, unconnected_gradients=_ZERO)
        blocks = tuple(tuple(outer.jacobian(g, sources, unconnected_gradients=_ZERO))
                       for g in grads)  # fmt: skip
        return blocks[0][0] if isinstance(argnums, int) else blocks

    return hessian_f


def hvp(
    f: Callable[..., Any], primals: Sequence[TensorLike], tangents: Sequence[TensorLike]
) -> tuple[Tensor, ...]:
    """The Hessian-vector product of scalar ``f`` at ``primals`` along ``tangents``.

    Forward over reverse: the JVP of the gradient, without forming the
    Hessian. ``primals`` and ``tangents`` are tuples with one entry per
    argument; the result is a tuple of the same length.

    >>> import tapeflow as tf
    >>> from tapeflow.functional import hvp
    >>> f = lambda v: tf.reduce_sum(v ** 3)
    >>> (product,) = hvp(f, (tf.constant([1.0, 2.0]),), (tf.constant([1.0, 0.0]),))
    >>> product.numpy().tolist()
    [6.0, 0.0]
    """
    primals = [_as_value(p) for p in primals]
    tangents = list(tangents)
    if len(primals) != len(tangents):
        raise ValueError(
            f"hvp got {len(primals)} primals and {len(tangents)} tangents; "
            "they must have the same length"
        )
    with ForwardAccumulator(primals, tangents) as accumulator:
        with GradientTape() as tape:
            tape.watch(primals)
            out = f(*primals)
        grads = tape.gradient(_scalar(out, "Hessian-vector product"), primals,
                              unconnected_gradients=_ZERO)  # fmt: skip
    return tuple(accumulator.jvp(g, unconnected_gradients=_ZERO) for g in grads)
