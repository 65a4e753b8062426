"""Dataset methods that regroup elements: batch, padded_batch, unbatch, window, interleave, flat_map.

They are methods of ``tf.data.Dataset`` (attached in ``dataset.py``).

>>> import tapeflow as tf
>>> [b.numpy().tolist() for b in tf.data.Dataset.range(5).batch(2, drop_remainder=True)]
[[0, 1], [2, 3]]
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

import tapeflow as tf

from . import _structure as st
from .dataset import (
    AUTOTUNE,
    UNKNOWN_CARDINALITY,
    Dataset,
    DatasetSpec,
    _batched_cardinality,
    _batches,
    _cpu_count,
    _flatten_up_to,
    _LazySpec,
    _positive,
    _spreads,
    _stack,
    _window_element,
)

METHODS = ("batch", "padded_batch", "unbatch", "window", "interleave", "flat_map", "_renamed")


def batch(
    self,
    batch_size: int,
    drop_remainder: bool = False,
    num_parallel_calls: int | None = None,
    deterministic: bool | None = None,
    name: str | None = None,
) -> Dataset:
    """Stack ``batch_size`` consecutive elements; the last batch may be short.

    >>> [b.numpy().tolist() for b in tf.data.Dataset.range(5).batch(2)]
    [[0, 1], [2, 3], [4]]
    >>> [b.numpy().tolist() for b in tf.data.Dataset.range(5).batch(2, drop_remainder=True)]
    [[0, 1], [2, 3]]
    """
    batch_size = _positive(batch_size, "batch_size")
    spec = st.map_structure(
        lambda s: st.relaxed(s, batch_size if drop_remainder else None), self._spec
    )
    card = _batched_cardinality(self._cardinality, batch_size, drop_remainder)
    slices = getattr(self, "_slices", None)
    if slices is not None:
        # Rows of in-memory arrays batch by slicing, not element by element.
        structure, arrays, n = slices
        stop = n - n % batch_size if drop_remainder else n
        # A plain tuple of tensors (the usual (x, y)) needs no packing per batch.
        flat = type(structure) is tuple and not any(
            isinstance(item, (tuple, dict)) for item in structure
        )

        def make_sliced() -> Any:
            for start in range(0, stop, batch_size):
                end = min(start + batch_size, n)
                parts = [tf.constant(a[start:end]) for a in arrays]
                yield tuple(parts) if flat else st.pack(structure, parts)

        return self._derive(make_sliced, spec, card, "_BatchDataset")
    source = self

    def make() -> Any:
        return _batches(source._make(), batch_size, drop_remainder, _stack)

    return self._derive(make, spec, card, "_BatchDataset")


def padded_batch(
    self,
    batch_size: int,
    padded_shapes: Any = None,
    padding_values: Any = None,
    drop_remainder: bool = False,
    name: str | None = None,
) -> Dataset:
    """Batch elements of different shapes, padding each to ``padded_shapes`` (default: the largest).

    >>> import tapeflow as tf
    >>> ds = tf.data.Dataset.range(1, 4).map(lambda n: tf.fill([n], n)).padded_batch(3)
    >>> next(iter(ds)).numpy().tolist()
    [[1, 0, 0], [2, 2, 0], [3, 3, 3]]
    """
    batch_size = _positive(batch_size, "batch_size")
    spec_leaves = st.flatten(self._spec)
    if padded_shapes is None:
        # Pad every axis to the batch's largest: a mapped dataset's spec is
        # inferred from one element, so its sizes are not a promise.
        shape_leaves = [[None] * s.shape.rank for s in spec_leaves]
    else:
        shape_leaves = [
            tf.TensorShape(s).as_list() for s in _flatten_up_to(self._spec, padded_shapes)
        ]
    if padding_values is None:
        value_leaves = [None] * len(spec_leaves)
    else:
        value_leaves = _flatten_up_to(self._spec, padding_values)
    spec = st.pack(
        self._spec,
        [
            st.spec_class()([batch_size if drop_remainder else None, *shape], s.dtype)
            for s, shape in zip(spec_leaves, shape_leaves)
        ],
    )
    structure = self._spec

    def stack(elements: list) -> Any:
        columns = list(zip(*[st.flatten(e) for e in elements]))
        out = []
        for column, shape, pad, s in zip(columns, shape_leaves, value_leaves, spec_leaves):
            arrays = [t.numpy() for t in column]
            target = [
                max(a.shape[i] for a in arrays) if dim is None else dim
                for i, dim in enumerate(shape)
            ]
            fill = (
                np.zeros((), s.dtype.as_numpy_dtype)
                if pad is None
                else np.asarray(
                    pad.numpy() if hasattr(pad, "numpy") else pad, s.dtype.as_numpy_dtype
                )
            )
            batch = np.full([len(arrays), *target], fill, dtype=s.dtype.as_numpy_dtype)
            for i, a in enumerate(arrays):
                if any(x > y for x, y in zip(a.shape, target)):
                    raise tf.errors.InvalidArgumentError(
                        None,
                        None,
                        f"Attempted to pad to a smaller size than the input element. "
                        f"Element shape {list(a.shape)}, padded shape {target}.",
                    )
                region: tuple = (i, *(slice(0, d) for d in a.shape))
                batch[region] = a
            out.append(tf.constant(batch))
        return st.pack(structure, out)

    source = self

    def make() -> Any:
        return _batches(source._make(), batch_size, drop_remainder, stack)

    card = _batched_cardinality(self._cardinality, batch_size, drop_remainder)
    return self._derive(make, spec, card, "_PaddedBatchDataset")


def unbatch(self, name: str | None = None) -> Dataset:
    """Split each element along its leading axis into separate elements.

    >>> [int(x) for x in tf.data.Dataset.from_tensors([[1, 2], [3, 4]]).unbatch().unbatch()]
    [1, 2, 3, 4]
    """
    for s in st.flatten(self._spec):
        if s.shape.rank == 0:
            raise ValueError("Cannot unbatch an input with scalar components.")
    spec = st.map_structure(lambda s: st.spec_class()(s.shape.as_list()[1:], s.dtype), self._spec)
    source = self

    def make() -> Any:
        for element in source._make():
            leaves = st.flatten(element)
            sizes = {leaf.shape[0] for leaf in leaves}
            if len(sizes) > 1:
                raise tf.errors.InvalidArgumentError(
                    None, None, "Input element must have the same batch size in each component."
                )
            arrays = [leaf.numpy() for leaf in leaves]
            for i in range(sizes.pop()):
                yield st.pack(element, [tf.constant(a[i]) for a in arrays])

    return self._derive(make, spec, UNKNOWN_CARDINALITY, "_UnbatchDataset")


def flat_map(self, map_func: Callable, name: str | None = None) -> Dataset:
    """``map_func`` returns a dataset per element; their elements in order.

    >>> [int(x) for x in tf.data.Dataset.range(3).flat_map(lambda n: tf.data.Dataset.range(n))]
    [0, 0, 1]
    """
    return self.interleave(map_func, cycle_length=1, block_length=1)._renamed("_FlatMapDataset")


def interleave(
    self,
    map_func: Callable,
    cycle_length: int | None = None,
    block_length: int | None = None,
    num_parallel_calls: int | None = None,
    deterministic: bool | None = None,
    name: str | None = None,
) -> Dataset:
    """Cycle over ``cycle_length`` datasets made by ``map_func``, ``block_length`` elements each.

    The default cycle length is the number of CPU cores, as in TensorFlow.

    >>> import tapeflow as tf
    >>> ds = tf.data.Dataset.range(3).interleave(
    ...     lambda x: tf.data.Dataset.from_tensors(x).repeat(2), cycle_length=2)
    >>> [int(x) for x in ds]
    [0, 1, 0, 1, 2, 2]
    """
    if cycle_length is None or cycle_length == AUTOTUNE:
        cycle_length = _cpu_count()
    cycle_length = _positive(cycle_length, "cycle_length")
    block_length = 1 if block_length is None else _positive(block_length, "block_length")
    source = self

    def open_dataset(element: Any) -> Any:
        inner = map_func(*element) if _spreads(element) else map_func(element)
        if not isinstance(inner, Dataset):
            raise TypeError(
                f"The `map_func` argument must return a `Dataset` object. Got {type(inner).__name__}."
            )
        return inner

    def make() -> Any:
        inputs = source._make()
        slots: list = [None] * cycle_length
        index = 0
        inputs_done = False
        while True:
            if slots[index] is None and not inputs_done:
                try:
                    slots[index] = open_dataset(next(inputs))._make()
                except StopIteration:
                    inputs_done = True
            if slots[index] is not None:
                for _ in range(block_length):
                    try:
                        yield next(slots[index])
                    except StopIteration:
                        slots[index] = None
                        break
            elif inputs_done and all(s is None for s in slots):
                return
            index = (index + 1) % cycle_length

    def spec() -> Any:
        for element in source._make():
            return open_dataset(element)._spec
        return source._spec

    kind = "_InterleaveDataset" if num_parallel_calls is None else "_ParallelInterleaveDataset"
    return _LazySpec(make, spec, UNKNOWN_CARDINALITY, kind)


def _renamed(self, kind: str) -> Dataset:
    self._kind = kind
    return self


def window(
    self,
    size: int,
    shift: int | None = None,
    stride: int = 1,
    drop_remainder: bool = False,
    name: str | None = None,
) -> Dataset:
    """Datasets of ``size`` elements, starting every ``shift`` elements, ``stride`` apart.

    >>> import tapeflow as tf
    >>> windows = tf.data.Dataset.range(5).window(3, shift=2, drop_remainder=True)
    >>> [[int(x) for x in w] for w in windows]
    [[0, 1, 2], [2, 3, 4]]
    """
    size = _positive(size, "size")
    shift = size if shift is None else _positive(shift, "shift")
    stride = _positive(stride, "stride")
    source = self
    span = (size - 1) * stride + 1
    c = self._cardinality
    if c < 0:
        card = c
    elif drop_remainder:
        card = 0 if c < span else (c - span) // shift + 1
    else:
        card = math.ceil(c / shift)

    def make() -> Any:
        upstream = source._make()
        buffer: list = []
        exhausted = False
        while True:
            while not exhausted and len(buffer) < span:
                try:
                    buffer.append(next(upstream))
                except StopIteration:
                    exhausted = True
            if not buffer:
                return
            part = buffer[0:span:stride]
            if drop_remainder and len(part) < size:
                return
            yield _window_element(source._spec, part)
            if shift <= len(buffer):
                del buffer[:shift]
            else:
                missing = shift - len(buffer)
                buffer = []
                for _ in range(missing):
                    try:
                        next(upstream)
                    except StopIteration:
                        exhausted = True
                        break
            if exhausted and not buffer:
                return

    spec = st.map_structure(lambda s: DatasetSpec(s), self._spec)
    return self._derive(make, spec, card, "_WindowDataset")
