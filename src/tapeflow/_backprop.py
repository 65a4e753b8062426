"""The reverse sweep: from seeded cotangents back to the sources, iteratively.

Records are kept in execution order, which is already a topological order,
so one forward pass marks the records that lie downstream of a source, and
one backward pass runs their VJP rules. No recursion: graphs of any depth.

The rules run as ordinary tapeflow ops. Tapes still recording on this thread
record them, which is how nested tapes give higher derivatives. When nothing
records (the common case), a primitive's ``array_vjp`` (its rule's NumPy
form) runs directly on NumPy values, with no Tensor wrapping.
"""

from __future__ import annotations

import numpy as np

from . import _dispatch
from ._backend import is_foreign, library_of, not_lazy
from ._tensor import Tensor, wrap_if_array
from .errors import OpError
from .ops.elementwise import add, zeros_like
from .ops.shape import conj, unbroadcast, unbroadcast_values
from .ops.sparse import (
    SPARSE_PRIMITIVES,
    IndexedSlices,
    concatenated,
    densify,
    densify_values,
    sparse_vjp,
)
from .ops.variable import read_variable

_DIFFERENTIABLE_KINDS = "fc"
_PYTHON_NUMBERS = (int, float, complex, bool)


def records_on_path(records: list, source_ids) -> tuple[list, set]:
    """The records downstream of a source, and every id those records reach."""
    reached = set(source_ids)
    on_path = []
    for record in records:
        for x in record[1]:
            if x._id in reached:
                on_path.append(record)
                out = record[2]
                if record[0].multiple_results:
                    reached.update(o._id for o in out)
                else:
                    reached.add(out._id)
                break
    return on_path, reached


def _holds_other_library(records: list, seeds: list) -> bool:
    """True when a record's output or a seed is a Dask or CuPy value."""
    for _, cotangent in seeds:
        if is_foreign(getattr(cotangent, "_value", cotangent)):
            return True
    for record in records:
        out = record[2]
        for o in out if record[0].multiple_results else (out,):
            if is_foreign(o._value):
                return True
    return False


def _accumulate(previous, cotangent, on_arrays: bool = False):
    if previous is None:
        return cotangent
    if previous.__class__ is IndexedSlices or cotangent.__class__ is IndexedSlices:
        return _accumulate_sparse(previous, cotangent, on_arrays)
    if previous.__class__ is Tensor or cotangent.__class__ is Tensor:
        return add(wrap_if_array(previous), wrap_if_array(cotangent))
    return previous + cotangent


def reverse_sweep(
    records: list,
    seeds: list[tuple[int, Tensor]],
    source_ids,
    batch_ndim: int = 0,
    consume: bool = False,
    trusted_seeds: bool = True,
    sparse: bool = False,
) -> dict:
    """Cotangents for ``source_ids`` given ``(id, cotangent)`` seeds.

    ``batch_ndim`` leading axes of every cotangent are a batch (vectorized
    Jacobians). With ``consume`` the records list is emptied, and each record
    is dropped as soon as the sweep has passed it. Values in the result may be
    NumPy values; ``wrap_if_array`` makes them Tensors. Seeds that may not match
    their targets (user output_gradients) keep the sweep on Tensors, so a bad
    seed raises TensorFlow's error from the first rule. With ``sparse`` (plain
    tape gradients) gather's cotangents are IndexedSlices where TensorFlow's are.
    """
    on_path, reached = records_on_path(records, source_ids)
    if consume:
        records.clear()
    keep = set(source_ids)
    # The NumPy-form rules call NumPy directly, unchecked: a sweep over a Dask
    # or CuPy value runs every rule as checked ops instead.
    on_arrays = trusted_seeds and not _dispatch.something_active()
    other_library = _dispatch._mixed_libraries_possible and _holds_other_library(on_path, seeds)
    if other_library:
        on_arrays = False
    grads: dict = {}
    for target_id, cotangent in seeds:
        grads[target_id] = _accumulate(grads.get(target_id), cotangent)

    get_grad, pop_grad = grads.get, grads.pop
    while on_path:
        prim, inputs, out, params = on_path.pop()
        if prim.multiple_results:
            g = _multiple_cotangents(out, grads, keep)
        else:
            out_id = out._id
            g = get_grad(out_id) if out_id in keep else pop_grad(out_id, None)
        if g is None:
            continue
        if sparse and (g.__class__ is IndexedSlices or prim in SPARSE_PRIMITIVES):
            g = _sparse_step(prim, g, inputs, params, grads, reached, on_arrays)
            if g is None:
                continue
        if prim.selective:
            needs = tuple([x._id in reached and x._value.dtype.kind in "fc" for x in inputs])
            params = {**params, "needs": needs}
        # NumPy values when nothing records and the rule allows it; else Tensors.
        arrays = on_arrays and prim.array_vjp is not None and out._value.dtype.kind != "c"
        if arrays:
            if g.__class__ is Tensor:
                g = g._value
            cotangents = prim.array_vjp(g, out._value, *[x._value for x in inputs], **params)
        else:
            if g.__class__ in _PYTHON_NUMBERS:  # a custom gradient's Python number
                g = np.asarray(g, dtype=out._value.dtype)[()]
            if g.__class__ is not tuple:
                g = wrap_if_array(g)
            if other_library:
                cotangents = _checked_vjp(prim, g, out, inputs, params)
            else:
                cotangents = _vjp(prim, g, out, inputs, params)
        for x, ct in zip(inputs, cotangents):
            if ct is None:
                continue
            x_id = x._id
            if x_id not in reached:
                continue
            value = x._value
            if value.dtype.kind not in _DIFFERENTIABLE_KINDS:
                continue
            if arrays:
                if ct.__class__ is Tensor:
                    ct = ct._value
                if ct.shape != value.shape:
                    ct = unbroadcast_values(ct, value.shape, batch_ndim)
            elif ct.__class__ is Tensor and (batch_ndim or ct._value.shape != value.shape):
                # A cotangent without the batch axes (say, a rule's zeros) is the
                # same for every row: it broadcasts when accumulated.
                batched = ct._value.ndim >= batch_ndim + value.ndim
                ct = unbroadcast(ct, value.shape, batch_ndim if batched else 0)
            previous = get_grad(x_id)
            grads[x_id] = ct if previous is None else _accumulate(previous, ct, on_arrays)
    return grads


def _sparse_step(prim, g, inputs, params, grads: dict, reached: set, on_arrays: bool):
    """Propagate a sparse cotangent (returns None) or densify ``g`` for the rule to come."""
    if g.__class__ is IndexedSlices:
        if prim is read_variable:  # the variable's gradient is the read's, still sparse
            _add_sparse(grads, inputs[0], g, reached, on_arrays)
            return None
        g = densify_values(g) if on_arrays else densify(g)
    if prim in SPARSE_PRIMITIVES:
        x = inputs[0]
        ct = sparse_vjp(g, x, params, on_arrays)
        if ct is not None:
            _add_sparse(grads, x, ct, reached, on_arrays)
            return None
    return g


def _add_sparse(grads: dict, x, ct, reached: set, on_arrays: bool) -> None:
    if x._id in reached and x._value.dtype.kind in _DIFFERENTIABLE_KINDS:
        previous = grads.get(x._id)
        grads[x._id] = ct if previous is None else _accumulate(previous, ct, on_arrays)


def _accumulate_sparse(previous, cotangent, on_arrays: bool):
    """TensorFlow's sums of sparse cotangents: two concatenate, sparse and dense is dense."""
    if previous.__class__ is IndexedSlices and cotangent.__class__ is IndexedSlices:
        return concatenated(previous, cotangent, on_arrays)
    dense = []
    for part in (previous, cotangent):
        if part.__class__ is IndexedSlices:
            part = densify_values(part) if on_arrays else densify(part)
        dense.append(part)
    return _accumulate(dense[0], dense[1])


def _vjp(prim, g, out, inputs, params):
    if prim.holomorphic and not prim.multiple_results and out._value.dtype.kind == "c":
        # TF's complex convention, g * conj(f'(z)), from a holomorphic rule.
        return [None if ct is None else conj(ct)
                for ct in prim.vjp(conj(g), out, *inputs, **params)]  # fmt: skip
    return prim.vjp(g, out, *inputs, **params)


def _checked_vjp(prim, g, out, inputs, params):
    """``_vjp`` in a sweep over Dask or CuPy values: a rule that reads NumPy values
    directly fails there, and says so as UnimplementedError naming the op."""
    try:
        return _vjp(prim, g, out, inputs, params)
    except OpError:
        raise
    except Exception as error:
        values = [x._value for x in inputs] + [getattr(g, "_value", g)]
        library = next((library_of(v) for v in values if is_foreign(v)), "numpy")
        raise not_lazy(prim.tf_name, library, error, f"the gradient of {prim.tf_name}") from None


def _multiple_cotangents(out, grads: dict, keep: set):
    parts = [grads.get(o._id) if o._id in keep else grads.pop(o._id, None) for o in out]
    if all(part is None for part in parts):
        return None
    # TF gives unused outputs of a multi-output op a zero cotangent, not None.
    return tuple(zeros_like(o) if part is None else _dense(part) for o, part in zip(out, parts))


def _dense(part) -> Tensor:
    return densify(part) if part.__class__ is IndexedSlices else wrap_if_array(part)
