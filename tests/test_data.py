"""tf.data: pipelines compared with TensorFlow 2.21 (tests/golden/data.json) and, with
Hypothesis, with a plain-Python model of the same transformations."""

from __future__ import annotations

import importlib.util
import json
import threading
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
_spec = importlib.util.spec_from_file_location("_data_cases", GOLDEN_DIR / "data_cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)
GOLDEN = json.loads((GOLDEN_DIR / "data.json").read_text(encoding="utf-8"))["cases"]
NEEDS_TENSOR_SPEC = {"cache_prefetch", "from_generator"}


def test_golden_covers_every_case():
    assert sorted(GOLDEN) == sorted(cases.CASES)


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_pipeline_matches_tensorflow(name):
    if name in NEEDS_TENSOR_SPEC and not hasattr(tf, "TensorSpec"):
        pytest.skip("tf.TensorSpec is not in tapeflow yet (issue 9)")
    assert "value" in GOLDEN[name], GOLDEN[name]
    assert cases.CASES[name](tf) == GOLDEN[name]["value"]


def test_prefetch_runs_ahead_in_a_background_thread():
    produced = []
    seen = threading.Event()

    def gen():
        for i in range(5):
            produced.append(threading.current_thread().name)
            if i == 2:
                seen.set()
            yield i

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64).prefetch(3)
    it = iter(ds)
    assert int(next(it).numpy()) == 0
    assert seen.wait(timeout=30)  # the producer filled the buffer without being asked
    assert [int(x) for x in it] == [1, 2, 3, 4]
    assert set(produced) == {"tapeflow-prefetch"}


def test_prefetch_forwards_errors_and_stops_with_its_consumer():
    def gen():
        yield 1
        raise RuntimeError("boom")

    ds = tf.data.Dataset.from_generator(gen, output_types=tf.int64).prefetch(1)
    with pytest.raises(RuntimeError, match="boom"):
        list(ds)
    it = iter(tf.data.Dataset.range(10**9).prefetch(2))
    next(it)
    del it  # the producer thread sees the stop flag and ends


def test_shuffle_seeds_and_reshuffles():
    ds = tf.data.Dataset.range(30).shuffle(30, seed=5)
    a, b = [int(x) for x in ds], [int(x) for x in ds]
    assert sorted(a) == list(range(30)) and a != b
    again = tf.data.Dataset.range(30).shuffle(30, seed=5)
    assert [int(x) for x in again] == a
    tf.random.set_seed(3)
    c = [int(x) for x in tf.data.Dataset.range(30).shuffle(30)]
    tf.random.set_seed(3)
    assert [int(x) for x in tf.data.Dataset.range(30).shuffle(30)] == c


# -- Hypothesis: tapeflow against a plain-Python model -------------------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as hs  # noqa: E402

STEPS = hs.lists(
    hs.one_of(
        hs.tuples(hs.just("map"), hs.integers(-3, 3)),
        hs.tuples(hs.just("filter"), hs.integers(2, 4)),
        hs.tuples(hs.just("take"), hs.integers(-1, 12)),
        hs.tuples(hs.just("skip"), hs.integers(-1, 12)),
        hs.tuples(hs.just("repeat"), hs.integers(0, 3)),
        hs.tuples(hs.just("batch_unbatch"), hs.integers(1, 5)),
        hs.tuples(hs.just("enumerate"), hs.integers(0, 3)),
        hs.tuples(hs.just("concatenate"), hs.integers(0, 4)),
        hs.tuples(hs.just("cache"), hs.just(0)),
        hs.tuples(hs.just("prefetch"), hs.integers(0, 3)),
        hs.tuples(hs.just("shuffle_sorted"), hs.integers(1, 6)),
    ),
    max_size=5,
)


def _python_model(values: list, steps) -> list:
    for op, arg in steps:
        if op == "map":
            values = [v * 2 + arg for v in values]
        elif op == "filter":
            values = [v for v in values if v % arg == 0]
        elif op == "take":
            values = values if arg < 0 else values[:arg]
        elif op == "skip":
            values = [] if arg < 0 else values[arg:]
        elif op == "repeat":
            values = values * arg
        elif op == "enumerate":
            values = [i + arg + v for i, v in enumerate(values)]
        elif op == "concatenate":
            values = values + list(range(arg))
        elif op == "shuffle_sorted":
            values = sorted(values)
    return values


def _tapeflow(values: list, steps) -> list:
    ds = tf.data.Dataset.from_tensor_slices(np.asarray(values, np.int64))
    for op, arg in steps:
        if op == "map":
            ds = ds.map(lambda x, arg=arg: x * 2 + arg)
        elif op == "filter":
            ds = ds.filter(lambda x, arg=arg: tf.equal(x % arg, 0))
        elif op == "take":
            ds = ds.take(arg)
        elif op == "skip":
            ds = ds.skip(arg)
        elif op == "repeat":
            ds = ds.repeat(arg)
        elif op == "batch_unbatch":
            ds = ds.batch(arg).unbatch()
        elif op == "enumerate":
            ds = ds.enumerate(start=arg).map(lambda i, v: i + v)
        elif op == "concatenate":
            ds = ds.concatenate(tf.data.Dataset.range(arg))
        elif op == "cache":
            ds = ds.cache()
        elif op == "prefetch":
            ds = ds.prefetch(arg)
        elif op == "shuffle_sorted":
            # A shuffle is a permutation; sorting after it must give the model's sort.
            items = sorted(int(x) for x in ds.shuffle(arg, seed=1))
            ds = tf.data.Dataset.from_tensor_slices(np.asarray(items, np.int64).reshape(-1))
    return [int(x) for x in ds]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(hs.lists(hs.integers(-50, 50), min_size=1, max_size=12), STEPS)
def test_pipeline_agrees_with_python_model(values, steps):
    assert _tapeflow(values, steps) == _python_model(values, steps)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hs.lists(hs.integers(0, 9), max_size=15), hs.integers(1, 5), hs.booleans())
def test_batch_agrees_with_python_model(values, size, drop):
    ds = tf.data.Dataset.range(len(values)).map(
        lambda i: tf.gather(tf.constant(values + [0], tf.int64), i)
    )
    got = [b.numpy().tolist() for b in ds.batch(size, drop_remainder=drop)]
    want = [values[i : i + size] for i in range(0, len(values), size)]
    if drop:
        want = [w for w in want if len(w) == size]
    assert got == want


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hs.integers(0, 12), hs.integers(1, 4), hs.integers(1, 4), hs.integers(1, 3), hs.booleans())
def test_window_agrees_with_python_model(n, size, shift, stride, drop):
    got = [[int(x) for x in w] for w in tf.data.Dataset.range(n).window(size, shift, stride, drop)]
    want = []
    for start in range(0, n, shift):
        part = list(range(n))[start : start + (size - 1) * stride + 1 : stride]
        if drop and len(part) < size:
            break
        want.append(part)
    assert got == want


@settings(max_examples=40, deadline=None, derandomize=True)
@given(hs.lists(hs.integers(0, 4), max_size=6), hs.integers(1, 4), hs.integers(1, 3))
def test_interleave_agrees_with_python_model(counts, cycle, block):
    ds = tf.data.Dataset.from_tensor_slices(np.asarray(counts, np.int64).reshape(-1))
    got = [
        int(x)
        for x in ds.interleave(
            lambda c: tf.data.Dataset.range(c), cycle_length=cycle, block_length=block
        )
    ]
    # Model: open iterators in cycle slots; a finished slot is refilled on its next turn.
    pending = [iter(range(c)) for c in counts]
    slots = [None] * cycle
    want, index = [], 0
    while True:
        if slots[index] is None and pending:
            slots[index] = pending.pop(0)
        if slots[index] is not None:
            for _ in range(block):
                try:
                    want.append(next(slots[index]))
                except StopIteration:
                    slots[index] = None
                    break
        elif not pending and all(s is None for s in slots):
            break
        index = (index + 1) % cycle
    assert got == want


def test_batches_of_in_memory_arrays_are_views_that_nothing_can_change():
    source = np.arange(12, dtype=np.float32).reshape(6, 2)
    ds = tf.data.Dataset.from_tensor_slices(source).batch(4)
    first = next(iter(ds))
    source[0, 0] = 99.0  # the dataset holds its own copy
    assert first.numpy()[0, 0] == 0.0
    mine = first.numpy()
    mine[0, 0] = -1.0  # .numpy() is a fresh, writable array
    assert next(iter(ds)).numpy()[0, 0] == 0.0
    table = tf.Variable(next(iter(ds)))  # may hold the read-only view itself
    table.scatter_add(tf.IndexedSlices(tf.constant([[1.0, 1.0]]), tf.constant([0])))
    assert table.numpy()[0].tolist() == [1.0, 2.0]
    assert next(iter(ds)).numpy()[0].tolist() == [0.0, 1.0]
