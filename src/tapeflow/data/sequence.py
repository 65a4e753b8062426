"""Dataset methods that cut or chain the sequence: repeat, take, skip, take_while,
enumerate, concatenate, cache and prefetch.

They are methods of ``tf.data.Dataset`` (attached in ``dataset.py``).

>>> import tapeflow as tf
>>> [int(x) for x in tf.data.Dataset.range(10).skip(2).take(3).repeat(2)]
[2, 3, 4, 2, 3, 4]
"""

from __future__ import annotations

import builtins  # the method `enumerate` below shadows the builtin
from collections.abc import Callable
from typing import Any

import tapeflow as tf

from . import _structure as st
from .dataset import (
    AUTOTUNE,
    INFINITE_CARDINALITY,
    UNKNOWN_CARDINALITY,
    Dataset,
    _prefetched,
    _spreads,
    _structure_key,
)

METHODS = ("repeat", "take", "skip", "cache", "prefetch", "enumerate", "concatenate", "take_while")


def repeat(self, count: int | None = None, name: str | None = None) -> Dataset:
    """The dataset ``count`` times (forever when ``None`` or -1).

    >>> [int(x) for x in tf.data.Dataset.range(2).repeat(3)]
    [0, 1, 0, 1, 0, 1]
    """
    count = -1 if count is None else int(count)
    source = self
    c = self._cardinality
    if count == 0 or c == 0:
        card = 0
    elif c < 0:
        card = c
    elif count < 0:
        card = INFINITE_CARDINALITY
    else:
        card = c * count

    def make() -> Any:
        done = 0
        while count < 0 or done < count:
            produced = False
            for element in source._make():
                produced = True
                yield element
            done += 1
            if not produced:
                return

    return self._derive(make, self._spec, card, "_RepeatDataset")


def take(self, count: int, name: str | None = None) -> Dataset:
    """The first ``count`` elements (all when -1).

    >>> [int(x) for x in tf.data.Dataset.range(10).take(3)]
    [0, 1, 2]
    """
    count = int(count)
    source = self
    c = self._cardinality
    if count < 0:
        card = c
    elif c == INFINITE_CARDINALITY:
        card = count
    elif c == UNKNOWN_CARDINALITY:
        card = UNKNOWN_CARDINALITY
    else:
        card = min(c, count)

    def make() -> Any:
        if count == 0:
            return
        for i, element in builtins.enumerate(source._make()):
            yield element
            if count > 0 and i + 1 >= count:
                return

    return self._derive(make, self._spec, card, "_TakeDataset")


def skip(self, count: int, name: str | None = None) -> Dataset:
    """All but the first ``count`` elements (none when -1).

    >>> [int(x) for x in tf.data.Dataset.range(5).skip(3)]
    [3, 4]
    """
    count = int(count)
    source = self
    c = self._cardinality
    if count < 0:
        card = 0 if c >= 0 else (c if c == UNKNOWN_CARDINALITY else 0)
    elif c < 0:
        card = c
    else:
        card = max(c - count, 0)

    def make() -> Any:
        if count < 0:
            for _ in source._make():
                pass
            return
        for i, element in builtins.enumerate(source._make()):
            if i >= count:
                yield element

    return self._derive(make, self._spec, card, "_SkipDataset")


def cache(self, filename: str = "", name: str | None = None) -> Dataset:
    """Keep the elements of the first complete pass in memory and replay them.

    >>> runs = []
    >>> def numbers():
    ...     runs.append(1)
    ...     yield from range(3)
    >>> spec = tf.TensorSpec((), tf.int64)
    >>> ds = tf.data.Dataset.from_generator(numbers, output_signature=spec).cache()
    >>> [int(x) for x in ds], [int(x) for x in ds], len(runs)  # the generator ran once
    ([0, 1, 2], [0, 1, 2], 1)
    """
    if filename:
        raise NotImplementedError("tapeflow's Dataset.cache keeps elements in memory only.")
    source = self
    stored: list = []
    complete = [False]

    def make() -> Any:
        if complete[0]:
            yield from stored
            return
        partial = []
        for element in source._make():
            partial.append(element)
            yield element
        stored[:] = partial
        complete[0] = True

    return self._derive(make, self._spec, self._cardinality, "CacheDataset")


def prefetch(self, buffer_size: int, name: str | None = None) -> Dataset:
    """Produce up to ``buffer_size`` elements ahead in a background thread.

    >>> [int(x) for x in tf.data.Dataset.range(4).prefetch(tf.data.AUTOTUNE)]
    [0, 1, 2, 3]
    """
    buffer_size = int(buffer_size)
    size = 2 if buffer_size == AUTOTUNE else buffer_size
    if size < 0:
        raise tf.errors.InvalidArgumentError(
            None, None, f"buffer_size must be >= 0 or AUTOTUNE, got {buffer_size}"
        )
    source = self

    def make() -> Any:
        if size == 0:
            return source._make()
        return _prefetched(source._make, size)

    return self._derive(make, self._spec, self._cardinality, "_PrefetchDataset")


def enumerate(self, start: int = 0, name: str | None = None) -> Dataset:
    """``(index, element)`` pairs with an int64 index from ``start``.

    >>> [(int(i), int(x)) for i, x in tf.data.Dataset.from_tensor_slices([10, 20]).enumerate(start=1)]
    [(1, 10), (2, 20)]
    """
    source = self
    spec = (st.spec_class()([], tf.int64), self._spec)

    def make() -> Any:
        for i, element in builtins.enumerate(source._make(), start=int(start)):
            yield tf.constant(i, tf.int64), element

    return self._derive(make, spec, self._cardinality, "_ZipDataset")


def concatenate(self, dataset: Dataset, name: str | None = None) -> Dataset:
    """This dataset's elements, then ``dataset``'s (structures must agree).

    >>> [int(x) for x in tf.data.Dataset.range(2).concatenate(tf.data.Dataset.range(5, 7))]
    [0, 1, 5, 6]
    """
    try:
        spec = st.map_structure(st.most_specific_compatible, self._spec, dataset._spec)
        if st.flatten(self._spec) and _structure_key(self._spec) != _structure_key(dataset._spec):
            raise TypeError
    except (TypeError, ValueError):
        raise TypeError(
            f"Incompatible dataset elements:\n  {self._spec}\nvs.\n  {dataset._spec}"
        ) from None
    a, b = self._cardinality, dataset._cardinality
    if INFINITE_CARDINALITY in (a, b):
        card = INFINITE_CARDINALITY
    elif UNKNOWN_CARDINALITY in (a, b):
        card = UNKNOWN_CARDINALITY
    else:
        card = a + b
    first = self

    def make() -> Any:
        yield from first._make()
        yield from dataset._make()

    return self._derive(make, spec, card, "_ConcatenateDataset")


def take_while(self, predicate: Callable, name: str | None = None) -> Dataset:
    """Elements while ``predicate`` holds.

    >>> [int(x) for x in tf.data.Dataset.range(10).take_while(lambda x: x < 3)]
    [0, 1, 2]
    """
    source = self

    def make() -> Any:
        for element in source._make():
            keep = predicate(*element) if _spreads(element) else predicate(element)
            if not bool(st.to_tensor(keep).numpy()):
                return
            yield element

    return self._derive(make, self._spec, UNKNOWN_CARDINALITY, "_TakeWhileDataset")
