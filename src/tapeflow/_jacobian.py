"""GradientTape.jacobian and batch_jacobian: one batched reverse sweep.

TensorFlow computes a Jacobian as one ``gradient`` per element of the target
and vectorizes the loop with pfor. tapeflow does the vectorized version
directly: the reverse sweep runs once, seeded with the whole identity basis
as a cotangent with one leading batch axis (one row per target element).
Every VJP rule accepts such a batch axis, so the cost is one sweep whose ops
are n times wider, not n sweeps.

The sweep's ops are ordinary tapeflow ops, so tapes still recording around
the call record them: ``outer.jacobian(inner.gradient(y, x), x)`` is a Hessian.

>>> import tapeflow as tf
>>> x = tf.constant([1.0, 2.0])
>>> with tf.GradientTape() as tape:
...     tape.watch(x)
...     y = x * x
>>> print(tape.jacobian(y, x))
tf.Tensor(
[[2. 0.]
 [0. 4.]], shape=(2, 2), dtype=float32)
"""

from __future__ import annotations

import os
import traceback
from typing import Any

import numpy as np

from ._backprop import reverse_sweep
from ._log import warn_first_n
from ._nest import flatten, pack_sequence_as
from ._tape_args import (
    _PERSISTENT_IN_CONTEXT,
    NON_PERSISTENT_ERROR,
    UnconnectedGradients,
    checked_leaf,
    parse_unconnected,
)
from ._tensor import Tensor, convert_to_tensor, wrap
from ._variable import Variable
from .ops.shape import broadcast_to, concat_rows, reshape, stack_rows, transpose

__all__ = ["jacobian", "batch_jacobian"]

# TF-TEXT: the messages below are TF's, typos included ("tocompute", the
# doubled spaces before "experimental_use_pfor" and "with"); tests compare them
# with TF's output, so keep them as they are.
_BATCH_NON_PERSISTENT_ERROR = (
    "A non-persistent GradientTape can only be used tocompute one set of gradients (or jacobians)"
)
_NO_PFOR_ERROR = (
    "GradientTape must be created with persistent=True to compute the jacobian with "
    "eager execution enabled and with  experimental_use_pfor set to False."
)
_BATCH_NO_PFOR_ERROR = (
    "GradientTape must be created with persistent=True to compute the batch_jacobian "
    "with eager execution enabled and  with experimental_use_pfor set to False."
)
_VECTORIZE_ERROR = (
    "Encountered an exception while vectorizing the {} computation. Vectorization can be "
    "disabled by setting experimental_use_pfor to False."
)
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


# --------------------------------------------------------------------------
# Shared steps
# --------------------------------------------------------------------------
def _jacobian_warning() -> None:
    # TensorFlow logs this once per process for all jacobian calls (one call site).
    warn_first_n(1, _PERSISTENT_IN_CONTEXT, depth=1)


def _begin(tape) -> None:
    """Like ``gradient``: stop a non-persistent tape, warn for a persistent one in context."""
    if tape._stop_for_sweep():
        _jacobian_warning()


def _as_target(target):
    if target.__class__ is Tensor or isinstance(target, Variable):
        return target
    return convert_to_tensor(target)


def _seeded(state, target) -> bool:
    """Whether the tape connects anything to ``target`` (TF reshapes it on the tape first)."""
    return target._value.dtype.kind in "fc" and target._id in state.watched


def _batched_sweeps(records, target, seed: np.ndarray, sources, consume, chunk, what) -> dict:
    """Reverse sweeps seeded with the rows of ``seed`` (batch axis 0), ``chunk`` rows at once.

    One sweep when ``chunk`` is None (or covers every row); otherwise the rows go
    in groups, which bounds the memory of the batched cotangents, and the
    pieces are joined (TensorFlow's ``parallel_iterations``).
    """
    source_ids = [s._id for s in sources]
    rows = seed.shape[0]
    if chunk is None or chunk >= rows:
        return _vectorized(what, reverse_sweep, records, [(target._id, wrap(seed))], source_ids,
                           batch_ndim=1, consume=consume)  # fmt: skip
    pieces: dict[int, list] = {}
    starts = range(0, rows, chunk)
    for start in starts:
        part = seed[start : start + chunk]
        last = start + chunk >= rows
        grads = _vectorized(what, reverse_sweep, records, [(target._id, wrap(part))], source_ids,
                            batch_ndim=1, consume=consume and last)  # fmt: skip
        for source in sources:
            grad = grads.get(source._id)
            if grad is not None:
                grad = _tensor(grad, source._value.dtype)
                shape = (part.shape[0],) + source._value.shape
                if grad._value.shape != shape:  # a cotangent without the batch axis
                    grad = broadcast_to(grad, shape=shape)
                pieces.setdefault(source._id, []).append(grad)
    return {i: concat_rows(*parts) for i, parts in pieces.items() if len(parts) == len(starts)}


def _user_code_error(error: BaseException) -> BaseException | None:
    """The exception TensorFlow raises for an error inside its vectorized loop body.

    TensorFlow re-raises it with the same class and a message listing the frames
    of user code that led to it (``in user code: ...``).
    """
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        filename = os.path.abspath(frame.filename)
        if filename.startswith(_PACKAGE_DIR):
            continue
        frames.append(
            f'    File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            f"        {(frame.line or '').strip()}\n"
        )
    text = "in user code:\n\n" + "\n".join(frames) + f"\n    {type(error).__name__}: {error}\n"
    try:
        return type(error)(text)
    except Exception:  # noqa: BLE001 - classes that need other arguments
        return None


def _vectorized(what: str, function, *args, **kwargs):
    """``function(*args, **kwargs)``, reporting errors as TensorFlow's pfor path does."""
    try:
        return function(*args, **kwargs)
    except ValueError as error:
        raise ValueError(_VECTORIZE_ERROR.format(what)) from error
    except (TypeError, AttributeError, RuntimeError, NotImplementedError, KeyError,
            IndexError, ZeroDivisionError, AssertionError) as error:  # fmt: skip
        wrapped = _user_code_error(error)
        if wrapped is None:
            raise
        raise wrapped.with_traceback(error.__traceback__) from None


def _tensor(grad, dtype) -> Tensor:
    """A sweep result as a Tensor (the sweep may hold NumPy values or Python numbers)."""
    if grad.__class__ is Tensor:
        return grad
    if isinstance(grad, np.ndarray):
        return wrap(grad if grad.ndim else grad[()])
    if isinstance(grad, np.generic):
        return wrap(grad)
    return convert_to_tensor(grad, dtype=dtype)


def _check_parallel_iterations(parallel_iterations, what: str) -> None:
    """pfor's own check (after the loop body ran, so a non-persistent tape is spent).

    Larger values split the rows into groups of that many (less memory, same results).
    """
    if parallel_iterations is not None and parallel_iterations <= 1:
        text = (
            f"Argument `parallel_iterations` must be None or a positive integer. Received: "
            f"{parallel_iterations}."
            if parallel_iterations < 1
            else "Found `parallel_iterations == 1`. Use `for_loop` instead."
        )
        raise ValueError(_VECTORIZE_ERROR.format(what)) from ValueError(text)


def _chunk(parallel_iterations):
    if parallel_iterations is None or parallel_iterations <= 1:
        return None  # (<= 1 is an error, raised once the sweep is done, as TF does)
    return int(parallel_iterations)


def _reshaped(grad, shape: tuple, dtype):
    """A batched cotangent of shape (n,) + s as a tensor of ``shape``."""
    grad = _tensor(grad, dtype)
    if grad._value.size == int(np.prod(shape, dtype=np.int64)):
        return reshape(grad, shape=shape)
    return broadcast_to(grad, shape=shape)


def _zeros(shape: tuple, dtype) -> Tensor:
    return wrap(np.zeros(shape, dtype=dtype)[()])


# --------------------------------------------------------------------------
# jacobian
# --------------------------------------------------------------------------
def jacobian(
    tape: Any,
    target: Any,
    sources: Any,
    unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
    parallel_iterations: int | None = None,
    experimental_use_pfor: bool = True,
) -> Any:
    """d target / d source for each source: shape ``target.shape + source.shape``.

    With ``experimental_use_pfor`` (the default) one batched reverse sweep
    computes every row at once; without it (persistent tapes only) each row is
    its own sweep, as TensorFlow's loop does.

    >>> import tapeflow as tf
    >>> from tapeflow._jacobian import jacobian
    >>> x = tf.constant([1.0, 2.0])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = x * x
    >>> jacobian(tape, y, x).numpy().tolist()
    [[2.0, 0.0], [0.0, 4.0]]
    """
    state = tape._recorded(NON_PERSISTENT_ERROR)
    flat_sources = flatten(sources)
    target.shape  # noqa: B018 - TF's error for a list or None target ('... no attribute 'shape'')
    target = _as_target(target)

    def prepare():
        checked = [checked_leaf(s) for s in flat_sources]
        return checked, parse_unconnected(unconnected_gradients)

    if experimental_use_pfor:
        checked, unconnected = _vectorized("jacobian", prepare)
    else:
        if not tape._persistent:
            raise RuntimeError(_NO_PFOR_ERROR)
        checked, unconnected = prepare()

    target_shape = target._value.shape
    size = int(target._value.size)
    # As in ``gradient``: only sources this tape watches (or the target) get a gradient.
    source_ids = [s._id for s in checked if s._id in state.watched or s._id == target._id]
    _begin(tape)
    if not _seeded(state, target):
        grads = {}
    elif experimental_use_pfor or not size:  # (an empty loop would not see connectivity)
        seed = np.eye(size, dtype=target._value.dtype).reshape((size,) + target_shape)
        connected = [s for s in checked if s._id in source_ids]
        grads = _batched_sweeps(state.records, target, seed, connected, not tape._persistent,
                                _chunk(parallel_iterations), "jacobian")  # fmt: skip
    else:
        connected = [s for s in checked if s._id in source_ids]
        grads = _row_loop(state.records, target, size, target_shape, connected)
    tape._release_if_spent()
    if experimental_use_pfor:
        _check_parallel_iterations(parallel_iterations, "jacobian")

    results = []
    for source in checked:
        shape = target_shape + source._value.shape
        grad = grads.get(source._id)
        if grad is not None:
            results.append(_reshaped(grad, shape, source._value.dtype))
        elif unconnected is UnconnectedGradients.ZERO:
            results.append(_zeros(shape, source._value.dtype))
        else:
            results.append(None)
    return pack_sequence_as(sources, results)


def _row_loop(records, target, rows: int, seed_shape: tuple, sources, columns=None) -> dict:
    """One reverse sweep per row (``experimental_use_pfor=False``), rows stacked on axis 0.

    Row ``i`` seeds the one-hot vector ``e_i`` (or, for ``batch_jacobian``, the
    one-hot column ``i`` in every example).
    """
    dtype = target._value.dtype
    source_ids = [s._id for s in sources]
    per_source: dict[int, list] = {i: [] for i in source_ids}
    for i in range(rows):
        if columns is None:
            seed = np.zeros(rows, dtype=dtype)
            seed[i] = 1
        else:
            seed = np.zeros((columns, rows), dtype=dtype)
            seed[:, i] = 1
        grads = reverse_sweep(records, [(target._id, wrap(seed.reshape(seed_shape)[()]))],
                              source_ids)  # fmt: skip
        for source in sources:
            grad = grads.get(source._id)
            if grad is not None:
                per_source[source._id].append(_tensor(grad, source._value.dtype))
    return {i: stack_rows(*row_grads) for i, row_grads in per_source.items()
            if row_grads and len(row_grads) == rows}  # fmt: skip


# --------------------------------------------------------------------------
# batch_jacobian
# --------------------------------------------------------------------------
def _rank_at_least_2(shape) -> None:
    if len(shape) < 2:
        raise ValueError(f"Shape {shape} must have rank at least 2")


def batch_jacobian(
    tape: Any,
    target: Any,
    source: Any,
    unconnected_gradients: UnconnectedGradients | str = UnconnectedGradients.NONE,
    parallel_iterations: int | None = None,
    experimental_use_pfor: bool = True,
) -> Any:
    """Per-example Jacobians: ``[b, y1..yn, x1..xm]`` for target ``[b, y..]``, source ``[b, x..]``.

    Examples are assumed independent (as in TensorFlow, not checked). An
    unconnected source gives zeros of the target's dtype whatever
    ``unconnected_gradients`` says.

    >>> import tapeflow as tf
    >>> from tapeflow._jacobian import batch_jacobian
    >>> x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.reduce_sum(x * x, axis=1, keepdims=True)
    >>> batch_jacobian(tape, y, x).numpy().tolist()
    [[[2.0, 4.0]], [[6.0, 8.0]]]
    """
    state = tape._recorded(_BATCH_NON_PERSISTENT_ERROR)
    target_shape = target.shape
    source_shape = source.shape
    _rank_at_least_2(target_shape)
    _rank_at_least_2(source_shape)
    if target_shape[0] != source_shape[0]:
        raise ValueError(
            f"Need first dimension of target shape ({target_shape}) and source shape "
            f"({source_shape}) to match."
        )
    target = _as_target(target)

    def prepare():
        checked = checked_leaf(source)
        parse_unconnected(unconnected_gradients)
        return checked

    if experimental_use_pfor:
        checked = _vectorized("batch_jacobian", prepare)
    else:
        if not tape._persistent:
            raise RuntimeError(_BATCH_NO_PFOR_ERROR)
        checked = prepare()

    value = target._value
    batch = value.shape[0]
    row_size = value.size // batch if batch else 0
    out_shape = value.shape + checked._value.shape[1:]
    _begin(tape)
    grad = None
    if _seeded(state, target) and (checked._id in state.watched or checked._id == target._id):
        if experimental_use_pfor or not row_size:
            # Row k of the seed is one-hot at position k of every example's output.
            # Contiguous, not a broadcast view: the first rule multiplies it, and
            # NumPy is ~2x slower on zero strides.
            seed = np.zeros((row_size, batch, row_size), dtype=value.dtype)
            seed[np.arange(row_size), :, np.arange(row_size)] = 1
            seed = seed.reshape((row_size,) + value.shape)
            grads = _batched_sweeps(state.records, target, seed, [checked], not tape._persistent,
                                    _chunk(parallel_iterations), "batch_jacobian")  # fmt: skip
        else:
            grads = _row_loop(state.records, target, row_size, value.shape, [checked], batch)
        grad = grads.get(checked._id)
    tape._release_if_spent()
    if experimental_use_pfor:
        _check_parallel_iterations(parallel_iterations, "batch_jacobian")
    if grad is None:
        return _zeros(out_shape, value.dtype)
    grad = _tensor(grad, checked._value.dtype)
    rows_shape = (row_size,) + checked._value.shape
    if grad._value.shape != rows_shape:  # a cotangent without the batch axis
        grad = broadcast_to(grad, shape=rows_shape)
    features = int(np.prod(checked._value.shape[1:], dtype=np.int64))
    grad = reshape(grad, shape=(row_size, batch, features))
    grad = transpose(grad, perm=(1, 0, 2))
    return reshape(grad, shape=out_shape)
