"""The reverse sweep: from seeded cotangents back to the sources, iteratively.

Records are kept in execution order, which is already a topological order,
so one forward pass marks the records that lie downstream of a source, and
one backward pass runs their VJP rules. No recursion: graphs of any depth.

The rules run as ordinary tapeflow ops. Tapes still recording on this thread
record them, which is how nested tapes give higher derivatives; with nothing
recording, each rule op takes ``apply``'s fast path.
"""

from __future__ import annotations

from ._dispatch import Primitive
from ._tensor import Tensor
from .ops.elementwise import add, conj, zeros_like
from .ops.shape import unbroadcast

_DIFFERENTIABLE_KINDS = "fc"


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


def reverse_sweep(
    records: list,
    seeds: list[tuple[int, Tensor]],
    source_ids,
    batch_ndim: int = 0,
    consume: bool = False,
) -> dict[int, Tensor]:
    """Cotangents for ``source_ids`` given ``(id, cotangent)`` seeds.

    ``batch_ndim`` leading axes of every cotangent are a batch (vectorized
    Jacobians). With ``consume`` the records list is emptied, and each record
    is dropped as soon as the sweep has passed it.
    """
    on_path, reached = records_on_path(records, source_ids)
    if consume:
        records.clear()
    keep = set(source_ids)
    grads: dict[int, Tensor] = {}
    for target_id, cotangent in seeds:
        previous = grads.get(target_id)
        grads[target_id] = cotangent if previous is None else add(previous, cotangent)

    while on_path:
        prim, inputs, out, params = on_path.pop()
        g = _output_cotangent(prim, out, grads, keep)
        if g is None:
            continue
        if prim.holomorphic and not prim.multiple_results and out._value.dtype.kind == "c":
            cotangents = [None if ct is None else conj(ct)
                          for ct in prim.vjp(conj(g), out, *inputs, **params)]  # fmt: skip
        else:
            cotangents = prim.vjp(g, out, *inputs, **params)
        for x, ct in zip(inputs, cotangents):
            if ct is None:
                continue
            x_id = x._id
            if x_id not in reached:
                continue
            x_value = x._value
            if x_value.dtype.kind not in _DIFFERENTIABLE_KINDS:
                continue
            if ct.__class__ is Tensor and (batch_ndim or ct._value.shape != x_value.shape):
                ct = unbroadcast(ct, x_value.shape, batch_ndim)
            previous = grads.get(x_id)
            grads[x_id] = ct if previous is None else add(previous, ct)
    return grads


def _output_cotangent(prim: Primitive, out, grads: dict, keep: set):
    if not prim.multiple_results:
        out_id = out._id
        return grads.get(out_id) if out_id in keep else grads.pop(out_id, None)
    parts = [grads.get(o._id) if o._id in keep else grads.pop(o._id, None) for o in out]
    if all(part is None for part in parts):
        return None
    # TF gives unused outputs of a multi-output op a zero cotangent, not None.
    return tuple(zeros_like(o) if part is None else part for o, part in zip(out, parts))
