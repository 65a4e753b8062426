"""tf.data.Dataset: a lazy, re-iterable pipeline of elements.

A dataset is a recipe: ``_make()`` returns a fresh Python iterator of
elements each time the dataset is iterated, so ``for x in ds`` twice runs the
pipeline twice (shuffling anew when asked). Transformations wrap that recipe;
nothing runs until iteration. Elements are tensors or tuples/dicts of them.

>>> import tapeflow as tf
>>> ds = tf.data.Dataset.range(6).map(lambda x: x * 2).batch(4)
>>> [b.numpy().tolist() for b in ds]
[[0, 2, 4, 6], [8, 10]]
"""

from __future__ import annotations

import inspect
import math
import os
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

import tapeflow as tf

from . import _structure as st

AUTOTUNE = -1
INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


class Dataset:
    """Base class; build datasets with the static constructors (``from_tensor_slices``, ...).

    >>> ds = tf.data.Dataset.from_tensor_slices(({"x": [1.0, 2.0, 3.0]}, [0, 1, 0]))
    >>> ds = ds.shuffle(3, seed=1).batch(2)
    >>> [(batch["x"].numpy().tolist(), labels.numpy().tolist()) for batch, labels in ds]
    [([2.0, 3.0], [1, 0]), ([1.0], [0])]
    """

    # from_tensor_slices keeps its arrays here, for batching them directly.
    _slices: Any

    _kind = "Dataset"

    def __init__(
        self, make: Callable[[], Iterator], spec: Any, cardinality: int, kind: str
    ) -> None:
        self._make = make
        self._spec = spec
        self._cardinality = cardinality
        self._kind = kind

    # -- inspection -------------------------------------------------------------

    @property
    def element_spec(self) -> Any:
        """The structure of ``TensorSpec`` of one element.

        >>> tf.data.Dataset.from_tensor_slices(([[1.0, 2.0]], [3])).element_spec
        (TensorSpec(shape=(2,), dtype=tf.float32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None))
        >>> tf.data.Dataset.range(5).batch(2).element_spec
        TensorSpec(shape=(None,), dtype=tf.int64, name=None)
        """
        return self._spec

    def cardinality(self) -> tf.Tensor:
        """The number of elements as an int64 tensor; -1 infinite, -2 unknown.

        >>> tf.data.Dataset.range(5).batch(2).cardinality()
        <tf.Tensor: shape=(), dtype=int64, numpy=3>
        >>> int(tf.data.Dataset.range(3).repeat().cardinality()), int(tf.data.Dataset.range(9).filter(lambda x: x > 4).cardinality())
        (-1, -2)
        """
        return tf.constant(self._cardinality, tf.int64)

    def __len__(self) -> int:
        if self._cardinality == INFINITE_CARDINALITY:
            raise TypeError("The dataset is infinite.")
        if self._cardinality == UNKNOWN_CARDINALITY:
            raise TypeError("The dataset length is unknown.")
        return self._cardinality

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<{self._kind} element_spec={self._spec}>"

    def __iter__(self) -> Iterator:
        return OwnedIterator(self)

    def as_numpy_iterator(self) -> Iterator:
        """Iterate with NumPy values in place of tensors.

        >>> import tapeflow as tf
        >>> [int(x) for x in tf.data.Dataset.range(3).as_numpy_iterator()]
        [0, 1, 2]
        """
        for leaf in st.flatten(self._spec):
            if isinstance(leaf, DatasetSpec):
                raise TypeError(
                    "Dataset.as_numpy_iterator() is not supported for datasets that produce "
                    "values of type DatasetSpec"
                )
        return (st.to_numpy(element) for element in self._make())

    # -- sources --------------------------------------------------------------

    @staticmethod
    def from_tensor_slices(tensors: Any, name: str | None = None) -> Dataset:
        """One element per row of the leading axis of every component.

        >>> import tapeflow as tf
        >>> ds = tf.data.Dataset.from_tensor_slices(({"a": [1, 2]}, [3.0, 4.0]))
        >>> ds.element_spec
        ({'a': TensorSpec(shape=(), dtype=tf.int32, name=None)}, TensorSpec(shape=(), dtype=tf.float32, name=None))
        """
        structure = st.normalize(tensors)
        leaves = st.flatten(structure)
        for leaf in leaves:
            if len(leaf.shape) == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        sizes = {leaf.shape[0] for leaf in leaves}
        if len(sizes) > 1:
            first = leaves[0].shape[0]
            other = next(leaf.shape[0] for leaf in leaves if leaf.shape[0] != first)
            raise ValueError(f"Dimensions {first} and {other} are not compatible")
        n = sizes.pop() if sizes else 0
        arrays = [leaf.numpy() for leaf in leaves]
        for array in arrays:
            # Our own copies, never written: tf.constant then keeps a batch
            # sliced from one as a view instead of copying it.
            if isinstance(array, np.ndarray):
                array.flags.writeable = False
        spec = st.pack(structure, [st.spec_of(leaf, drop_leading=True) for leaf in leaves])

        def make() -> Any:
            for i in range(n):
                yield st.pack(structure, [tf.constant(a[i]) for a in arrays])

        ds = Dataset(make, spec, n, "_TensorSliceDataset")
        ds._slices = (structure, arrays, n)
        return ds

    @staticmethod
    def from_tensors(tensors: Any, name: str | None = None) -> Dataset:
        """A dataset of exactly one element, ``tensors``.

        >>> import tapeflow as tf
        >>> tf.data.Dataset.from_tensors([1, 2]).element_spec
        TensorSpec(shape=(2,), dtype=tf.int32, name=None)
        """
        element = st.normalize(tensors)
        spec = st.map_structure(st.spec_of, element)
        return Dataset(lambda: iter([element]), spec, 1, "_TensorDataset")

    @staticmethod
    def range(*args: int, output_type: Any = tf.int64, name: str | None = None) -> Dataset:
        """``range(stop)``, ``range(start, stop[, step])`` as int64 scalars.

        >>> import tapeflow as tf
        >>> [int(x) for x in tf.data.Dataset.range(1, 8, 3)]
        [1, 4, 7]
        """
        if not 1 <= len(args) <= 3:
            raise ValueError(f"Invalid arguments to RangeDataset: {args}")
        bounds = range(*[int(a) for a in args])
        dtype = tf.as_dtype(output_type)

        def make() -> Any:
            for i in bounds:
                yield tf.constant(i, dtype)

        return Dataset(make, st.spec_class()([], dtype), len(bounds), "_RangeDataset")

    @staticmethod
    def from_generator(
        generator: Callable,
        output_types: Any = None,
        output_shapes: Any = None,
        args: Any = None,
        output_signature: Any = None,
        name: str | None = None,
    ) -> Dataset:
        """Elements from calling ``generator(*args)``, checked against ``output_signature``.

        >>> import tapeflow as tf
        >>> def gen():
        ...     yield [1, 2]
        ...     yield [3]
        >>> ds = tf.data.Dataset.from_generator(gen, output_types=tf.int32, output_shapes=[None])
        >>> [x.numpy().tolist() for x in ds]
        [[1, 2], [3]]
        """
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        if output_signature is None:
            if output_types is None:
                raise TypeError(
                    "To specify the output signature you need to provide either the "
                    "`output_signature` argument or the `output_types` argument."
                )
            if output_shapes is None:
                output_shapes = st.map_structure(lambda _: None, output_types)
            output_signature = st.map_structure(
                lambda t, s: st.spec_class()(s, t), output_types, output_shapes
            )
        signature = output_signature
        call_args = tuple(args) if args is not None else ()

        def convert(value: Any, spec: Any) -> Any:
            tensor = (
                tf.convert_to_tensor(value, dtype=spec.dtype)
                if not isinstance(value, tf.Tensor)
                else value
            )
            if tensor.dtype != spec.dtype:
                raise tf.errors.InvalidArgumentError(
                    None,
                    None,
                    f"TypeError: `generator` yielded an element of type {tensor.dtype.name} "
                    f"where an element of type {spec.dtype.name} was expected.",
                )
            if not tf.TensorShape(spec.shape).is_compatible_with(tensor.shape):
                raise tf.errors.InvalidArgumentError(
                    None,
                    None,
                    f"TypeError: `generator` yielded an element of shape {tensor.shape} where an element "
                    f"of shape {spec.shape} was expected.",
                )
            return tensor

        def make() -> Any:
            for value in generator(*call_args):
                if not isinstance(signature, (tuple, dict)):
                    yield convert(value, signature)
                    continue
                try:
                    leaves = st.flatten(value)
                    if len(leaves) != len(st.flatten(signature)):
                        raise ValueError
                except (ValueError, TypeError):
                    raise TypeError(
                        "`generator` yielded an element that did not match the expected "
                        f"structure. The expected structure was {signature}, but the yielded "
                        f"element was {value}."
                    ) from None
                yield st.pack(
                    signature, [convert(v, s) for v, s in zip(leaves, st.flatten(signature))]
                )

        return Dataset(make, signature, UNKNOWN_CARDINALITY, "_FlatMapDataset")

    @staticmethod
    def zip(*datasets: Any, name: str | None = None) -> Dataset:
        """Elements of several datasets side by side; stops at the shortest.

        >>> import tapeflow as tf
        >>> a, b = tf.data.Dataset.range(3), tf.data.Dataset.range(10, 12)
        >>> [(int(x), int(y)) for x, y in tf.data.Dataset.zip(a, b)]
        [(0, 10), (1, 11)]
        """
        structure = datasets[0] if len(datasets) == 1 else tuple(datasets)
        members = st.flatten(structure)
        for member in members:
            if not isinstance(member, Dataset):
                raise TypeError(
                    "Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                    f"`tf.data.Dataset` objects but encountered object of type {type(member)}."
                )
        spec = st.pack(structure, [m._spec for m in members])
        counts = [m._cardinality for m in members]
        if UNKNOWN_CARDINALITY in counts:
            card = UNKNOWN_CARDINALITY
        else:
            finite = [c for c in counts if c != INFINITE_CARDINALITY]
            card = min(finite) if finite else INFINITE_CARDINALITY

        def make() -> Any:
            iterators = [m._make() for m in members]
            while True:
                parts = []
                for it in iterators:
                    try:
                        parts.append(next(it))
                    except StopIteration:
                        return
                yield st.pack(structure, parts)

        return Dataset(make, spec, card, "_ZipDataset")

    @staticmethod
    def sample_from_datasets(*args: Any, **kwargs: Any) -> Dataset:
        """Not in tapeflow's tf.data (it raises NotImplementedError).

        >>> try:
        ...     tf.data.Dataset.sample_from_datasets([tf.data.Dataset.range(2)])
        ... except NotImplementedError as error:
        ...     print(error)
        tapeflow's tf.data has no sample_from_datasets.
        """
        raise NotImplementedError("tapeflow's tf.data has no sample_from_datasets.")

    # -- transformations ----------------------------------------------------------

    def _derive(self, make: Callable, spec: Any, cardinality: int, kind: str) -> Dataset:
        return Dataset(make, spec, cardinality, kind)

    def map(
        self,
        map_func: Callable,
        num_parallel_calls: int | None = None,
        deterministic: bool | None = None,
        name: str | None = None,
    ) -> Dataset:
        """``map_func`` applied to every element (a tuple element is passed unpacked).

        As in TensorFlow, ``map_func`` is traced once, against the element spec
        (its Python side effects happen once), and the traced function runs for
        every element. ``num_parallel_calls`` is accepted; elements come in order.

        >>> import tapeflow as tf
        >>> calls = []
        >>> ds = tf.data.Dataset.range(3).map(lambda x: calls.append(1) or x * 2)
        >>> [int(x) for x in ds], len(calls)
        ([0, 2, 4], 1)
        """
        source = self
        traced: list = []

        def function() -> Callable:
            if not traced:
                traced.append(_traced(map_func, source._spec))
            return traced[0]

        def apply(element: Any) -> Any:
            fn = function()
            out = fn(*element) if _spreads(element) else fn(element)
            return st.normalize(out)

        def make() -> Any:
            for element in source._make():
                yield apply(element)

        kind = "_MapDataset" if num_parallel_calls is None else "_ParallelMapDataset"
        return _LazySpec(make, lambda: _probe_spec(source, apply), self._cardinality, kind)

    def filter(self, predicate: Callable, name: str | None = None) -> Dataset:
        """The elements for which ``predicate`` returns a true scalar bool tensor.

        >>> import tapeflow as tf
        >>> [int(x) for x in tf.data.Dataset.range(6).filter(lambda x: x % 2 == 0)]
        [0, 2, 4]
        """
        source = self

        def keep(element: Any) -> bool:
            result = predicate(*element) if _spreads(element) else predicate(element)
            result = st.to_tensor(result)
            if result.dtype != tf.bool or len(result.shape) != 0:
                raise ValueError(
                    "Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, "
                    f"but its return type is {st.spec_of(result)}."
                )
            return bool(result.numpy())

        def make() -> Any:
            return (element for element in source._make() if keep(element))

        return self._derive(make, self._spec, UNKNOWN_CARDINALITY, "_FilterDataset")

    def shuffle(
        self,
        buffer_size: int,
        seed: int | None = None,
        reshuffle_each_iteration: bool | None = None,
        name: str | None = None,
    ) -> Dataset:
        """Randomly shuffle with a buffer: fill it, then emit a random slot and refill it.

        With a ``seed``, the orders are the same run after run (each iteration
        gets a new order unless ``reshuffle_each_iteration=False``). Orders
        differ from TensorFlow's (another random generator).

        >>> import tapeflow as tf
        >>> ds = tf.data.Dataset.range(5).shuffle(5, seed=1)
        >>> sorted(int(x) for x in ds)
        [0, 1, 2, 3, 4]
        """
        buffer_size = _positive(buffer_size, "buffer_size")
        reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
        source = self
        epochs = [0]
        fixed_seed: list[int | None] = [seed]
        if seed is None and not reshuffle:
            fixed_seed[0] = _draw_seed()

        def make() -> Any:
            epoch = epochs[0]
            epochs[0] += 1
            base = fixed_seed[0] if fixed_seed[0] is not None else _draw_seed()
            rng = np.random.default_rng([base, epoch if reshuffle else 0])
            buffer: list = []
            upstream = source._make()
            for element in upstream:
                buffer.append(element)
                if len(buffer) == buffer_size:
                    break
            for element in upstream:
                i = int(rng.integers(len(buffer)))
                yield buffer[i]
                buffer[i] = element
            while buffer:
                i = int(rng.integers(len(buffer)))
                buffer[i], buffer[-1] = buffer[-1], buffer[i]
                yield buffer.pop()

        return self._derive(make, self._spec, self._cardinality, "_ShuffleDataset")

    def reduce(self, initial_state: Any, reduce_func: Callable) -> Any:
        """Fold the elements into a state with ``reduce_func(state, element)``.

        >>> import tapeflow as tf
        >>> tf.data.Dataset.range(5).reduce(tf.constant(0, tf.int64), lambda s, x: s + x)
        <tf.Tensor: shape=(), dtype=int64, numpy=10>
        """
        state = st.normalize(initial_state)
        for element in self._make():
            state = st.normalize(reduce_func(state, element))
        return state

    def apply(self, transformation_func: Callable[[Dataset], Dataset]) -> Dataset:
        """``transformation_func(self)``.

        >>> def evens(ds):
        ...     return ds.filter(lambda x: x % 2 == 0)
        >>> [int(x) for x in tf.data.Dataset.range(6).apply(evens)]
        [0, 2, 4]
        """
        return transformation_func(self)


class _LazySpec(Dataset):
    """A dataset whose element spec comes from running its function once, when asked."""

    def __init__(self, make: Callable, spec_fn: Callable, cardinality: Any, kind: str) -> None:
        super().__init__(make, None, cardinality, kind)
        self._spec_fn = spec_fn
        self._spec_known = False

    @property
    def _spec(self) -> Any:
        if not self._spec_known:
            self.__dict__["_spec_value"] = self._spec_fn()
            self._spec_known = True
        return self.__dict__["_spec_value"]

    @_spec.setter
    def _spec(self, value: Any) -> None:
        if value is not None:
            self.__dict__["_spec_value"] = value
            self._spec_known = True


class DatasetSpec:
    """The type of a dataset-valued element (``window`` produces them).

    >>> ds = tf.data.Dataset.range(6).window(2, drop_remainder=True)
    >>> ds.element_spec
    DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([]))
    """

    def __init__(self, element_spec: Any, dataset_shape: Any = ()) -> None:
        self.element_spec = element_spec
        self.shape = tf.TensorShape(dataset_shape)

    def __repr__(self) -> str:
        return f"DatasetSpec({self.element_spec}, {self.shape!r})"


class OwnedIterator:
    """The iterator ``iter(dataset)`` returns: ``next()`` and ``get_next()``.

    >>> it = iter(tf.data.Dataset.range(2))
    >>> int(it.get_next()), int(next(it))
    (0, 1)
    """

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._it = dataset._make()

    @property
    def element_spec(self) -> Any:
        """The structure of ``TensorSpec`` of one element (the dataset's).

        >>> iter(tf.data.Dataset.range(3).batch(2)).element_spec
        TensorSpec(shape=(None,), dtype=tf.int64, name=None)
        """
        return self._dataset._spec

    def __iter__(self) -> OwnedIterator:
        return self

    def __next__(self) -> Any:
        return next(self._it)

    def get_next(self) -> Any:
        """The next element; ``OutOfRangeError`` at the end.

        >>> it = iter(tf.data.Dataset.range(1))
        >>> it.get_next()
        <tf.Tensor: shape=(), dtype=int64, numpy=0>
        >>> try:
        ...     it.get_next()
        ... except tf.errors.OutOfRangeError:
        ...     print("end of sequence")
        end of sequence
        """
        try:
            return next(self._it)
        except StopIteration:
            raise tf.errors.OutOfRangeError(None, None, "End of sequence") from None

    def get_next_as_optional(self) -> Any:
        """Not in tapeflow (TF returns a tf.experimental.Optional); it raises NotImplementedError.

        >>> try:
        ...     iter(tf.data.Dataset.range(1)).get_next_as_optional()
        ... except NotImplementedError as error:
        ...     print(error)
        tapeflow has no tf.experimental.Optional.
        """
        raise NotImplementedError("tapeflow has no tf.experimental.Optional.")


# -- helpers -------------------------------------------------------------------------


def _spreads(element: Any) -> bool:
    return isinstance(element, tuple)


def _traced(function: Callable, spec: Any) -> Callable:
    """``function`` as tf.data runs it: a tf.function of the element spec, so its
    Python runs once; as it is where an element holds more than tensors."""
    leaves = st.flatten(spec)
    if not all(isinstance(leaf, tf.TensorSpec) and leaf.dtype != tf.string for leaf in leaves):
        return function
    signature = list(spec) if _spreads(spec) else [spec]
    if _positional_count(function) != len(signature):
        # Defaults or *args: TF binds the element's components alone.
        return tf.function(lambda *args: function(*args), input_signature=signature)
    return tf.function(function, input_signature=signature)


def _positional_count(function: Callable) -> int | None:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters):
        return None
    return sum(1 for p in parameters if p.kind in kinds)


_MUST_BE_POSITIVE = {
    "batch_size": "Batch size must be greater than zero.",
    "buffer_size": "buffer_size must be greater than zero or UNKNOWN_CARDINALITY",
    "size": "Window size must be greater than zero.",
    "shift": "Window shift must be greater than zero.",
    "stride": "Window stride must be greater than zero.",
}


def _positive(value: Any, what: str) -> int:
    value = int(value.numpy()) if hasattr(value, "numpy") else int(value)
    if value <= 0:
        message = _MUST_BE_POSITIVE.get(what, f"{what} must be greater than zero.")
        raise tf.errors.InvalidArgumentError(None, None, message)
    return value


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _draw_seed() -> int:
    # Through tapeflow's global generator, so tf.random.set_seed fixes the order.
    return int(tf.random.uniform((), minval=0, maxval=2**31 - 1, dtype=tf.int32).numpy())


def _batched_cardinality(c: int, batch_size: int, drop_remainder: bool) -> int:
    if c < 0:
        return c
    return c // batch_size if drop_remainder else math.ceil(c / batch_size)


def _batches(upstream: Iterator, batch_size: int, drop_remainder: bool, stack: Callable) -> Any:
    pending: list = []
    for element in upstream:
        pending.append(element)
        if len(pending) == batch_size:
            yield stack(pending)
            pending = []
    if pending and not drop_remainder:
        yield stack(pending)


def _stack(elements: list) -> Any:
    columns = zip(*[st.flatten(e) for e in elements])
    stacked = []
    for column in columns:
        shapes = {tuple(t.shape) for t in column}
        if len(shapes) > 1:
            raise tf.errors.InvalidArgumentError(
                None,
                None,
                "Cannot batch tensors with different shapes in component 0. First element had "
                f"shape {list(column[0].shape)} and element {len(column) - 1} had shape "
                f"{list(column[-1].shape)}.",
            )
        stacked.append(tf.constant(np.stack([t.numpy() for t in column])))
    return st.pack(elements[0], stacked)


def _probe_spec(source: Dataset, apply: Callable) -> Any:
    """The spec of a mapped element: run the function on the first element.

    A leading axis that is ``None`` in the input (an unfinished batch) stays
    ``None`` in the output when the output keeps that axis' size.
    """
    input_leaves = st.flatten(source._spec)
    for element in source._make():
        out = apply(element)
        loose = {
            element_leaf.shape[0]
            for element_leaf, spec_leaf in zip(st.flatten(element), input_leaves)
            if hasattr(spec_leaf, "shape")
            and spec_leaf.shape.rank
            and spec_leaf.shape.as_list()[0] is None
        }

        def spec(t: Any, loose: set = loose) -> Any:
            shape = list(t.shape)
            if shape and shape[0] in loose:
                shape[0] = None
            return st.spec_class()(shape, t.dtype)

        return st.map_structure(spec, out)

    # An empty input: run the function on zeros shaped like the input spec.
    def zeros(spec: Any) -> Any:
        return tf.zeros([1 if d is None else d for d in spec.shape.as_list()], spec.dtype)

    try:
        return st.map_structure(st.spec_of, apply(st.map_structure(zeros, source._spec)))
    except Exception:  # the function rejects zeros; the input's spec is the best guess
        return source._spec


def _prefetched(make_upstream: Callable, size: int) -> Iterator:
    """Run the upstream iterator in a daemon thread, ``size`` elements ahead."""
    buffer: queue.Queue = queue.Queue(maxsize=size)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for element in make_upstream():
                while not stop.is_set():
                    try:
                        buffer.put((element, None), timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put((done, None))
        except BaseException as exc:  # handed to the consumer, raised there
            buffer.put((done, exc))

    thread = threading.Thread(target=produce, name="tapeflow-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            element, error = buffer.get()
            if element is done:
                if error is not None:
                    raise error
                return
            yield element
    finally:
        stop.set()


def _flatten_up_to(structure: Any, values: Any) -> list:
    """``values`` shaped like ``structure``: one entry per leaf (a lone value is broadcast)."""
    if isinstance(structure, dict):
        return [
            leaf
            for key in sorted(structure)
            for leaf in _flatten_up_to(structure[key], values[key])
        ]
    if isinstance(structure, tuple):
        if not isinstance(values, tuple):
            return [values] * len(st.flatten(structure))
        return [leaf for s, v in zip(structure, values) for leaf in _flatten_up_to(s, v)]
    return [values]


def _structure_key(structure: Any) -> Any:
    if isinstance(structure, dict):
        return {key: _structure_key(value) for key, value in structure.items()}
    if isinstance(structure, tuple):
        return tuple(_structure_key(v) for v in structure)
    return None


def _window_element(spec: Any, part: list) -> Any:
    """A window: for each component, a dataset of that component's values."""
    leaves = st.flatten(spec)
    columns = list(zip(*[st.flatten(e) for e in part])) if part else [()] * len(leaves)
    datasets = []
    for column, leaf_spec in zip(columns, leaves):
        values = list(column)
        datasets.append(Dataset(values.__iter__, leaf_spec, len(values), "_VariantDataset"))
    return st.pack(spec, datasets)


# Batching, windows and nested datasets, and the methods that cut or chain
# the sequence, live in their own modules.
from . import grouping as _grouping  # noqa: E402
from . import sequence as _sequence  # noqa: E402

for _module in (_grouping, _sequence):
    for _name in _module.METHODS:
        setattr(Dataset, _name, getattr(_module, _name))
