"""Gradient checking: TensorFlow's ``tf.test.compute_gradient`` and a ``check_grads``.

``compute_gradient(f, x)`` returns the theoretical and numerical Jacobians of
``f`` at the arguments ``x``, as TensorFlow's does. ``check_grads`` compares
reverse-mode (GradientTape) and forward-mode (ForwardAccumulator) derivatives
with central differences along random directions, and then checks the
derivative functions themselves, up to ``order``.

>>> import numpy as np, tapeflow as tf
>>> theoretical, numerical = tf.test.compute_gradient(lambda x: x * x, [np.float64(3.0)])
>>> theoretical[0], np.round(numerical[0], 6)
(array([[6.]]), array([[6.]]))
>>> check_grads(tf.sin, [np.array([0.5, 1.0])], order=2)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._forward import ForwardAccumulator
from ._nest import flatten
from ._tape import GradientTape
from ._tensor import Tensor, convert_to_tensor, wrap
from .ops.sparse import IndexedSlices

__all__ = ["compute_gradient", "check_grads", "GradientCheckError"]


class GradientCheckError(AssertionError):
    """A derivative disagrees with central differences.

    >>> import numpy as np
    >>> import tapeflow as tf
    >>> @tf.custom_gradient
    ... def wrong(x):
    ...     return x * x, lambda dy: dy * 3.0 * x
    >>> try:
    ...     tf.test.check_grads(wrong, [np.array([1.0])], order=1, modes=["rev"])
    ... except tf.test.GradientCheckError:
    ...     print("caught")
    caught
    """


def _as_tensors(args) -> list[Tensor]:
    return [convert_to_tensor(a) for a in args]


def _flat_output(result) -> np.ndarray:
    """All output leaves as one float64 vector (None leaves count as nothing)."""
    parts = [np.ravel(np.asarray(leaf._value if hasattr(leaf, "_value") else leaf, np.float64))
             for leaf in flatten(result) if leaf is not None]  # fmt: skip
    return np.concatenate(parts) if parts else np.zeros(0)


def _flat_real_output(result) -> np.ndarray:
    """All output leaves as one real vector; a complex element contributes its real
    and imaginary parts, in that order (compute_gradient's layout)."""
    parts = []
    for leaf in flatten(result):
        if leaf is None:
            continue
        value = np.ravel(np.asarray(leaf._value if hasattr(leaf, "_value") else leaf))
        parts.append(_real_parts(value, value.dtype.kind == "c").astype(np.float64))
    return np.concatenate(parts) if parts else np.zeros(0)


def _real_parts(value: np.ndarray, complex_: bool) -> np.ndarray:
    value = np.ravel(value)
    return np.stack([value.real, value.imag], axis=-1).ravel() if complex_ else value.real


def compute_gradient(
    f: Callable[..., Any], x: Sequence[Any], delta: float | None = None
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Theoretical and numerical Jacobians of ``f`` at ``x`` (a list or tuple of values).

    Each Jacobian is a 2-D real array with one row per element of ``f(*x)`` and one
    column per element of the argument; a complex element counts as two (its real
    and imaginary parts), as in TensorFlow.

    >>> import tapeflow as tf
    >>> theoretical, _ = tf.test.compute_gradient(lambda z: z * (2 - 3j), [tf.constant(1 + 1j)])
    >>> theoretical[0].tolist()
    [[2.0, 3.0], [-3.0, 2.0]]
    """
    if not isinstance(x, (list, tuple)):
        raise ValueError(
            "`x` must be a list or tuple of values convertible to a Tensor "
            f"(arguments to `f`), not a {type(x)}"
        )
    delta = 1.0 / 1024 if delta is None else delta
    xs = _as_tensors(x)
    y = convert_to_tensor(f(*xs))
    y_complex = y._value.dtype.kind == "c"
    y_parts = (1, 1j) if y_complex else (1,)
    theoretical, numerical = [], []
    for position, source in enumerate(xs):
        x_value = np.asarray(source._value)
        x_complex = x_value.dtype.kind == "c"
        x_parts = (1, 1j) if x_complex else (1,)
        real_dtype = np.finfo(x_value.dtype).dtype if x_value.dtype.kind in "fc" else x_value.dtype
        rows, columns = y._value.size * len(y_parts), x_value.size * len(x_parts)
        if y._value.size == 0:
            _check_empty_gradient(f, xs, position, y)
        jacobian_t = np.zeros((rows, columns), dtype=real_dtype)
        for row in range(rows):
            seed = np.zeros(y._value.size, dtype=y._value.dtype)
            seed[row // len(y_parts)] = y_parts[row % len(y_parts)]
            with GradientTape() as tape:
                tape.watch(xs)
                out = convert_to_tensor(f(*xs))
            grad = _dense(
                tape.gradient(
                    out, xs[position], output_gradients=wrap(seed.reshape(y._value.shape)[()])
                )
            )
            if grad is not None:
                jacobian_t[row] = _real_parts(np.asarray(grad._value), x_complex)
        jacobian_n = np.zeros_like(jacobian_t)
        base = np.array(x_value)
        for column in range(columns):
            shifted = []
            for sign in (1, -1):
                moved = base.copy().ravel()
                moved[column // len(x_parts)] += sign * delta * x_parts[column % len(x_parts)]
                args = list(xs)
                args[position] = wrap(moved.reshape(base.shape)[()])
                shifted.append(_flat_real_output(f(*args)))
            jacobian_n[:, column] = (shifted[0] - shifted[1]) / (2 * delta)
        theoretical.append(jacobian_t)
        numerical.append(jacobian_n)
    return tuple(theoretical), tuple(numerical)


def _dense(grad):
    """A gradient as a Tensor: IndexedSlices (tf.gather's) densified by a recorded op."""
    return convert_to_tensor(grad) if isinstance(grad, IndexedSlices) else grad


def _check_empty_gradient(f, xs, position, y) -> None:
    """An empty output still has a gradient of its input's shape (TensorFlow checks it)."""
    with GradientTape() as tape:
        tape.watch(xs)
        out = convert_to_tensor(f(*xs))
    grad = _dense(tape.gradient(out, xs[position],
                  output_gradients=wrap(np.zeros(y._value.shape, y._value.dtype))))  # fmt: skip
    expected = np.shape(xs[position]._value)
    if grad is not None and np.shape(grad._value) != expected:
        raise ValueError(
            f"Empty gradient has wrong shape: expected {expected}, got {np.shape(grad._value)}"
        )


# --------------------------------------------------------------------------
# check_grads: random projections, both modes, recursively
# --------------------------------------------------------------------------
def _random_like(rng, value) -> np.ndarray:
    return rng.standard_normal(np.shape(value)).astype(np.float64)


def _numerical_jvp(f, args, directions, eps):
    def at(scale):
        moved = [wrap((np.asarray(a._value) + scale * d)[()]) for a, d in zip(args, directions)]
        return _flat_output(f(*moved))

    return (at(eps) - at(-eps)) / (2 * eps)


def _reverse_function(f, cotangent_seed):
    """x -> VJP of f at x along a fixed cotangent (a function to check again)."""

    def vjp(*args):
        with GradientTape() as tape:
            tape.watch(list(args))
            out = f(*args)
        outs = [o for o in flatten(out) if o is not None]
        seeds = _split(cotangent_seed, outs)
        return [_dense(g) for g in tape.gradient(outs, list(args), output_gradients=seeds,
                                                 unconnected_gradients="zero")]  # fmt: skip

    return vjp


def _reverse_function_of_cotangent(f, n_args: int):
    """(x, v) -> VJP of f at x along v: checked as a function of both, so a rule whose
    derivative with respect to the cotangent is wrong is caught (autograd's check)."""

    def vjp(*values):
        args, seeds = list(values[:n_args]), list(values[n_args:])
        with GradientTape() as tape:
            tape.watch(args)
            out = f(*args)
        outs = [o for o in flatten(out) if o is not None]
        return [_dense(g) for g in tape.gradient(outs, args, output_gradients=seeds,
                                                 unconnected_gradients="zero")]  # fmt: skip

    return vjp


def _forward_function_of_tangent(f, n_args: int):
    """(x, t) -> JVP of f at x along t, checked as a function of both."""

    def jvp(*values):
        args, tangents = list(values[:n_args]), list(values[n_args:])
        with ForwardAccumulator(args, tangents) as acc:
            out = f(*args)
        return acc.jvp(out, unconnected_gradients="zero")

    return jvp


def _forward_function(f, tangent_directions):
    """x -> JVP of f at x along fixed tangents (a function to check again)."""

    def jvp(*args):
        tangents = [wrap(np.asarray(t, dtype=a._value.dtype)[()])
                    for a, t in zip(args, tangent_directions)]  # fmt: skip
        with ForwardAccumulator(list(args), tangents) as acc:
            out = f(*args)
        return acc.jvp(out, unconnected_gradients="zero")

    return jvp


def _split(flat: np.ndarray, like: list) -> list:
    parts, start = [], 0
    for leaf in like:
        size = leaf._value.size
        parts.append(wrap(flat[start : start + size].reshape(leaf._value.shape)[()]))
        start += size
    return parts


def _agree(a, b, atol, rtol) -> bool:
    return bool(np.allclose(a, b, atol=atol, rtol=rtol, equal_nan=False))


def _numerical_jacobian(f, args, position: int, eps: float) -> np.ndarray:
    """d f(args) / d args[position] by central differences: (outputs, input elements)."""
    base = np.asarray(args[position]._value, np.float64)
    columns = []
    for k in range(base.size):
        direction = [np.zeros(np.shape(a._value)) for a in args]
        direction[position].flat[k] = 1.0
        columns.append(_numerical_jvp(f, args, direction, eps))
    return np.stack(columns, axis=1) if columns else np.zeros((0, 0))


def _analytic_jacobian(f, args, position: int, mode: str, n_out: int) -> np.ndarray:
    """The same Jacobian from the tapes (row by row) or the accumulators (column by column)."""
    size = np.size(args[position]._value)
    jacobian = np.zeros((n_out, size))
    if mode == "rev":
        for row in range(n_out):
            seed = np.zeros(n_out)
            seed[row] = 1.0
            grads = _reverse_function(f, seed)(*args)
            jacobian[row] = np.ravel(np.asarray(grads[position]._value, np.float64))
    else:
        for k in range(size):
            direction = [np.zeros(np.shape(a._value)) for a in args]
            direction[position].flat[k] = 1.0
            column = _flat_output(_forward_function(f, direction)(*args))
            jacobian[:, k] = column if column.size else 0.0
    return jacobian


def _matrix_text(matrix: np.ndarray) -> str:
    return np.array2string(matrix, precision=6, threshold=200, max_line_width=100)


def _mismatch(f, args, mode: str, label: str, eps, atol, rtol) -> GradientCheckError:
    """Name the (input, output) pair whose Jacobians disagree most, and print both."""
    out_leaves = [o for o in flatten(f(*args)) if o is not None]
    sizes = [leaf._value.size for leaf in out_leaves]
    n_out = sum(sizes)
    mode_name = (
        "reverse mode (GradientTape)" if mode == "rev" else "forward mode (ForwardAccumulator)"
    )
    worst = None
    for position in range(len(args)):
        numerical = _numerical_jacobian(f, args, position, eps)
        analytic = _analytic_jacobian(f, args, position, mode, n_out)
        start = 0
        for output, size in enumerate(sizes):
            a, n = analytic[start : start + size], numerical[start : start + size]
            start += size
            error = float(np.max(np.abs(a - n))) if a.size else 0.0
            if not _agree(a, n, atol, rtol) and (worst is None or error > worst[0]):
                worst = (error, position, output, a, n)
    if worst is None:  # the random projection disagreed, element by element nothing does
        return GradientCheckError(
            f"{label}, {mode_name}: the projected derivative disagrees with central "
            f"differences (atol={atol}, rtol={rtol}), but every Jacobian entry agrees"
        )
    error, position, output, analytic, numerical = worst
    shape_in = np.shape(args[position]._value)
    shape_out = out_leaves[output]._value.shape
    return GradientCheckError(
        f"{label}, {mode_name}: d(output {output}, shape {shape_out}) / d(input {position}, "
        f"shape {shape_in}) disagrees with central differences (largest difference "
        f"{error:.3g}; atol={atol}, rtol={rtol}). Rows are output elements, columns input "
        f"elements, both flattened.\n"
        f"analytic Jacobian:\n{_matrix_text(analytic)}\nnumerical Jacobian:\n{_matrix_text(numerical)}"
    )


def check_grads(
    f: Callable[..., Any],
    args: Sequence[Any],
    order: int = 2,
    modes: Sequence[str] = ("fwd", "rev"),
    eps: float = 1e-6,
    atol: float = 1e-6,
    rtol: float = 1e-5,
    seed: int = 0,
) -> None:
    """Check f's derivatives against central differences, up to ``order``.

    Uses float64 arguments. Reverse mode compares <v, J u> (numerical) with
    <u, VJP(v)>; forward mode compares JVP(u) with the numerical J u. At
    order 2 the VJP and JVP, as functions of the arguments *and* of the
    cotangent v (tangent u), are checked the same way, in both modes (so tapes
    over accumulators are checked too, and a rule's derivative with respect
    to the cotangent cannot be wrong unnoticed, as in autograd's checker).
    Raises GradientCheckError on a mismatch, naming the function checked (``f``,
    ``the VJP of f``, ...), the mode, the input and the output whose Jacobians
    disagree most, and printing both Jacobians.

    >>> import numpy as np, tapeflow as tf
    >>> check_grads(lambda x: x**3, [np.array([1.0, 2.0])], order=2)
    >>> wrong = tf.custom_gradient(lambda x: (x * x, lambda g: g * x))  # should be 2x
    >>> try:
    ...     check_grads(wrong, [np.array([3.0])], order=1, modes=("rev",))
    ... except tf.test.GradientCheckError as error:
    ...     print(error)
    f, reverse mode (GradientTape): d(output 0, shape (1,)) / d(input 0, shape (1,)) disagrees ...
    analytic Jacobian:
    [[3.]]
    numerical Jacobian:
    [[6.]]
    """
    _check(f, args, order, modes, eps, atol, rtol, seed, "f")


def _check(f, args, order, modes, eps, atol, rtol, seed, label: str) -> None:
    rng = np.random.default_rng(seed)
    args = _as_tensors([np.asarray(a._value if isinstance(a, Tensor) else a, np.float64)
                        for a in args])  # fmt: skip
    directions = [_random_like(rng, a._value) for a in args]
    numerical = _numerical_jvp(f, args, directions, eps)
    out_leaves = [o for o in flatten(f(*args)) if o is not None]
    cotangent = rng.standard_normal(numerical.shape)
    if "rev" in modes:
        vjp = _reverse_function(f, cotangent)
        grads = vjp(*args)
        lhs = sum(float(np.sum(np.asarray(g._value) * d)) for g, d in zip(grads, directions))
        if not _agree(lhs, float(cotangent @ numerical), atol, rtol):
            raise _mismatch(f, args, "rev", label, eps, atol, rtol)
        if order > 1:
            # The VJP is checked as a function of the arguments and of the cotangent.
            seeds = _split(cotangent, out_leaves)
            _check(_reverse_function_of_cotangent(f, len(args)), list(args) + seeds, order - 1,
                   modes, eps, atol, rtol, seed + 1, f"the VJP of {label}")  # fmt: skip
    if "fwd" in modes:
        jvp = _forward_function(f, directions)
        analytic = _flat_output(jvp(*args))
        if not out_leaves:
            analytic = np.zeros_like(numerical)
        if not _agree(analytic, numerical, atol, rtol):
            raise _mismatch(f, args, "fwd", label, eps, atol, rtol)
        if order > 1:
            # The JVP is checked as a function of the arguments and of the tangent.
            tangents = [wrap(np.asarray(d)[()]) for d in directions]
            _check(_forward_function_of_tangent(f, len(args)), list(args) + tangents, order - 1,
                   modes, eps, atol, rtol, seed + 2, f"the JVP of {label}")  # fmt: skip
