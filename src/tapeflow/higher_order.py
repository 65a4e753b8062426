"""``tf.map_fn``, ``tf.scan``, ``tf.foldl``, ``tf.foldr`` and ``tf.vectorized_map``.

As in TensorFlow, the first four are a ``tf.while_loop`` over TensorArrays:
the elements are unstacked into arrays, the loop body reads one element,
calls ``fn`` and writes the result, and the results are stacked at the end.
Every step is an ordinary op, so tapes and accumulators differentiate them
at any order. Building them on ``control_flow._run_while`` means a tracer
that intercepts ``while_loop`` (see ``control_flow``'s docstring) traces
their bodies once too.

>>> import tapeflow as tf
>>> print(tf.map_fn(lambda row: row * 2.0, tf.constant([[1.0, 2.0], [3.0, 4.0]])))
tf.Tensor(
[[2. 4.]
 [6. 8.]], shape=(2, 2), dtype=float32)
>>> print(tf.scan(lambda total, x: total + x, tf.constant([1, 2, 3, 4])))
tf.Tensor([ 1  3  6 10], shape=(4,), dtype=int32)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import _log
from . import dtypes as _dt
from ._nest import flatten, pack_sequence_as
from ._tensor import Tensor, TensorShape, convert_to_tensor
from .control_flow import _is_sequence, _map_leaves, _read_variables, assert_same_structure
from .control_flow import while_loop as _while_loop
from .tensor_array import TensorArray

__all__ = ["map_fn", "scan", "foldl", "foldr", "vectorized_map"]

_warned_parallel = False


def _not_callable(fn) -> TypeError:
    # TF formats fn.__name__, so a non-callable without one raises AttributeError.
    return TypeError(f"{fn.__name__} is not callable. Please provide a callable function.")


def _first_dim(tensor: Tensor) -> int:
    return np.shape(tensor._value)[0]


def _check_leading_dims(tensors: list) -> int:
    n = _first_dim(tensors[0])
    for tensor in tensors[1:]:
        other = _first_dim(tensor)
        if other != n:
            raise ValueError(f"Dimensions {n} and {other} are not compatible")
    return n


def _unstacked(tensor: Tensor, n: int) -> TensorArray:
    # Not cleared after a read: inside tf.function a loop body is traced on the
    # trace's values (reading an element) before the loop node runs it again.
    return TensorArray(tensor.dtype, size=n, dynamic_size=False, infer_shape=True,
                       clear_after_read=False).unstack(tensor)  # fmt: skip


# --------------------------------------------------------------------------
# map_fn
# --------------------------------------------------------------------------
def _output_spec(signature):
    """(dtype, element shape) for one leaf of fn_output_signature (a DType or a TensorSpec)."""
    if hasattr(signature, "dtype") and not isinstance(signature, _dt.DType):
        return _dt.as_dtype(signature.dtype), TensorShape(getattr(signature, "shape", None))
    return _dt.as_dtype(signature), TensorShape(None)


def map_fn(
    fn: Callable[..., Any],
    elems: Any,
    dtype: Any = None,
    parallel_iterations: int | None = None,
    back_prop: bool = True,
    swap_memory: bool = False,
    infer_shape: bool = True,
    name: str | None = None,
    fn_output_signature: Any = None,
) -> Any:
    """Apply ``fn`` to each slice of ``elems`` along axis 0 and stack the results (``tf.map_fn``).

    ``elems`` may be a nested structure of tensors sharing their first
    dimension; ``fn`` receives the same structure of slices. When ``fn``
    returns a different structure or dtype than its input, give it in
    ``fn_output_signature`` (or the older ``dtype``), as DTypes or TensorSpecs.

    >>> import tapeflow as tf
    >>> xs, ys = tf.constant([1.0, 2.0]), tf.constant([10, 20])
    >>> out = tf.map_fn(lambda p: tf.cast(p[1], tf.float32) * p[0], (xs, ys),
    ...                 fn_output_signature=tf.float32)
    >>> print(out)
    tf.Tensor([10. 40.], shape=(2,), dtype=float32)
    """
    global _warned_parallel
    if fn_output_signature is None:
        fn_output_signature = dtype
    if not callable(fn):
        raise TypeError(f"The provided function {fn.__name__} is not callable.fn must be callable.")
    if parallel_iterations is not None and parallel_iterations > 1 and not _warned_parallel:
        _warned_parallel = True
        _log.logger().warning(
            "Setting parallel_iterations > 1 has no effect when executing eagerly. Consider "
            "calling map_fn with tf.function to execute fn in parallel."
        )
    elems = _read_variables(elems)
    elems_flat = flatten(elems)
    if not elems_flat:
        raise ValueError(
            "elems must be a Tensor or (possibly nested) sequence of Tensors. "
            f"Got {elems}, which does not contain any Tensors."
        )
    elems_flat = [convert_to_tensor(e) for e in elems_flat]
    if np.ndim(elems_flat[0]._value) < 1:
        raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    n = _check_leading_dims(elems_flat)
    if fn_output_signature is None:
        specs = [(e.dtype, TensorShape(None)) for e in elems_flat]
        expected = elems
        pack = lambda flat: pack_sequence_as(elems, flat)  # noqa: E731
    else:
        specs = [_output_spec(s) for s in flatten(fn_output_signature)]
        expected = fn_output_signature
        pack = lambda flat: pack_sequence_as(fn_output_signature, flat)  # noqa: E731
    elems_tas = [_unstacked(e, n) for e in elems_flat]
    result_tas = [
        TensorArray(dtype, size=n, dynamic_size=False, infer_shape=infer_shape, element_shape=shape)
        for dtype, shape in specs
    ]

    def compute(i, tas):
        value = pack_sequence_as(elems, [ta.read(i) for ta in elems_tas])
        result = fn(value)
        assert_same_structure(expected, result)
        return (i + 1, [ta.write(i, r) for ta, r in zip(tas, flatten(result))])

    _, tas = _while_loop(lambda i, _: i < n, compute, (0, result_tas), maximum_iterations=n)
    return pack([ta.stack() for ta in tas])


# --------------------------------------------------------------------------
# scan
# --------------------------------------------------------------------------
def _flattener(structure):
    """(flatten, pack) treating a non-nested value as a one-leaf structure."""
    if _is_sequence(structure):
        return flatten, lambda flat: pack_sequence_as(structure, flat)
    return (lambda value: [value]), (lambda flat: flat[0])


def scan(
    fn: Callable[..., Any],
    elems: Any,
    initializer: Any = None,
    parallel_iterations: int = 10,
    back_prop: bool = True,
    swap_memory: bool = False,
    infer_shape: bool = True,
    reverse: bool = False,
    name: str | None = None,
) -> Any:
    """Running ``fn(accumulator, element)`` over ``elems`` along axis 0, every step kept (``tf.scan``).

    Without ``initializer`` the first element (the last with
    ``reverse=True``) starts the accumulator and is the first output.

    >>> import tapeflow as tf
    >>> print(tf.scan(lambda a, x: a * x, tf.constant([1.0, 2.0, 3.0]), reverse=True))
    tf.Tensor([6. 6. 3.], shape=(3,), dtype=float32)
    """
    if not callable(fn):
        raise _not_callable(fn)
    in_flatten, in_pack = _flattener(elems)
    if initializer is None:
        out_flatten, out_pack = in_flatten, in_pack
    else:
        out_flatten, out_pack = _flattener(initializer)
    elems_flat = [convert_to_tensor(e) for e in in_flatten(_read_variables(elems))]
    n = _first_dim(elems_flat[0])
    elems_tas = [
        TensorArray(e.dtype, size=n, element_shape=np.shape(e._value)[1:]).unstack(e)
        for e in elems_flat
    ]
    if initializer is None:
        accumulators = [ta.read(n - 1 if reverse else 0) for ta in elems_tas]
        start = 1
    else:
        accumulators = [convert_to_tensor(v) for v in out_flatten(initializer)]
        start = 0
    out_tas = [
        TensorArray(
            a.dtype,
            size=n,
            element_shape=np.shape(a._value) if infer_shape else None,
            infer_shape=infer_shape,
        )
        for a in accumulators
    ]
    if initializer is None:
        out_tas = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(out_tas, accumulators)]

    def compute(i, flat_acc, tas):
        value = fn(out_pack(flat_acc), in_pack([ta.read(i) for ta in elems_tas]))
        assert_same_structure(elems if initializer is None else initializer, value)
        flat_value = out_flatten(value)
        tas = [ta.write(i, v) for ta, v in zip(tas, flat_value)]
        return (i - 1 if reverse else i + 1, flat_value, tas)

    if reverse:
        first, keep_going = n - 1 - start, lambda i, _1, _2: i >= 0
    else:
        first, keep_going = start, lambda i, _1, _2: i < n
    loop = _while_loop(keep_going, compute, (first, accumulators, out_tas), maximum_iterations=n)
    _check_leading_dims(elems_flat)
    return out_pack([ta.stack() for ta in loop[2]])


# --------------------------------------------------------------------------
# foldl, foldr
# --------------------------------------------------------------------------
def _fold(fn, elems, initializer, from_right: bool):
    if not callable(fn):
        raise _not_callable(fn)
    elems = _read_variables(elems)
    elems_flat = [convert_to_tensor(e) for e in flatten(elems)]
    n = _first_dim(elems_flat[0])
    elems_tas = _map_leaves(lambda e: _unstacked(convert_to_tensor(e), n), elems)

    def read(i):
        return _map_leaves(lambda ta: ta.read(i), elems_tas)

    if from_right:
        if initializer is None:
            start, accumulator = n - 1, read(n - 1)
        else:
            start, accumulator = n, initializer

        def compute(i, a):
            i -= 1
            return [i, fn(a, read(i))]

        keep_going = lambda i, a: i > 0  # noqa: E731
    else:
        if initializer is None:
            start, accumulator = 1, read(0)
        else:
            start, accumulator = 0, initializer

        def compute(i, a):
            return [i + 1, fn(a, read(i))]

        keep_going = lambda i, a: i < n  # noqa: E731
    return _while_loop(keep_going, compute, [start, accumulator], maximum_iterations=n)[1]


def foldl(
    fn: Callable[..., Any],
    elems: Any,
    initializer: Any = None,
    parallel_iterations: int = 10,
    back_prop: bool = True,
    swap_memory: bool = False,
    name: str | None = None,
) -> Any:
    """Fold ``fn(accumulator, element)`` over ``elems`` from the first element (``tf.foldl``).

    >>> import tapeflow as tf
    >>> print(tf.foldl(lambda a, x: a * 10 + x, tf.constant([1, 2, 3])))
    tf.Tensor(123, shape=(), dtype=int32)
    """
    return _fold(fn, elems, initializer, from_right=False)


def foldr(
    fn: Callable[..., Any],
    elems: Any,
    initializer: Any = None,
    parallel_iterations: int = 10,
    back_prop: bool = True,
    swap_memory: bool = False,
    name: str | None = None,
) -> Any:
    """Fold ``fn(accumulator, element)`` over ``elems`` from the last element (``tf.foldr``).

    >>> import tapeflow as tf
    >>> print(tf.foldr(lambda a, x: a * 10 + x, tf.constant([1, 2, 3])))
    tf.Tensor(321, shape=(), dtype=int32)
    """
    return _fold(fn, elems, initializer, from_right=True)


# --------------------------------------------------------------------------
# vectorized_map
# --------------------------------------------------------------------------
def vectorized_map(
    fn: Callable[..., Any], elems: Any, fallback_to_while_loop: bool = True, warn: bool = True
) -> Any:
    """``fn`` over the slices of ``elems`` along axis 0, results stacked (``tf.vectorized_map``).

    TensorFlow rewrites ``fn`` into batched ops. tapeflow traces ``fn`` once on
    the first slice and, when every op touching the slice is elementwise, runs
    that program once on the whole batch (``_function/vectorize.py``);
    otherwise it runs ``fn`` once per slice and stacks. Either way the values
    and derivatives are the same (an output that does not depend on the slice
    is repeated, as TF's is). Slices are taken by indexing,
    so gradients flow back to ``elems`` (dense, as TF's).

    >>> import tapeflow as tf
    >>> print(tf.vectorized_map(lambda row: tf.reduce_sum(row * row), tf.constant([[1.0, 2.0], [3.0, 4.0]])))
    tf.Tensor([ 5. 25.], shape=(2,), dtype=float32)
    """
    from .arrays import stack

    elems = _map_leaves(convert_to_tensor, _read_variables(elems))
    batch = max(_first_dim(e) for e in flatten(elems))
    from ._function.vectorize import vectorized

    batched = vectorized(fn, elems, batch)
    if batched is not None:
        return batched
    # Rows by indexing: TensorFlow's gradient for elems is dense, not tf.gather's slices.
    results = [fn(_map_leaves(lambda e, i=i: e[i], elems)) for i in range(batch)]
    if not results:
        raise ValueError("vectorized_map needs a non-empty batch: elems have 0 rows.")
    leaves = [[convert_to_tensor(leaf) for leaf in flatten(r)] for r in results]
    stacked = [stack([row[k] for row in leaves]) for k in range(len(leaves[0]))]
    return pack_sequence_as(results[0], stacked)
