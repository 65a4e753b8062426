"""tf.data pipelines: each case returns what a user observes (values, specs, cardinalities, errors).

Runs under TensorFlow (``make_data_golden.py`` writes ``data.json``) and under
tapeflow (``tests/test_data.py``). Needs only NumPy to import.
"""

from __future__ import annotations

import numpy as np

CASES: dict = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def _np(x):
    if isinstance(x, dict):
        return {k: _np(v) for k, v in sorted(x.items())}
    if isinstance(x, tuple):
        return [_np(v) for v in x]
    x = x.numpy() if hasattr(x, "numpy") else x
    if isinstance(x, bytes):
        return {"dtype": "string", "value": x.decode()}
    x = np.asarray(x)
    return {
        "dtype": str(x.dtype),
        "value": x.tolist() if x.dtype.kind != "S" else [v.decode() for v in np.ravel(x)],
    }


def _all(ds):
    return [_np(e) for e in ds]


def _info(ds):
    return {
        "values": _all(ds),
        "spec": repr(ds.element_spec),
        "cardinality": int(ds.cardinality().numpy()),
        "repr": repr(ds),
    }


def _error(fn):
    try:
        fn()
    except Exception as exc:
        return type(exc).__name__
    return "no error"


@case
def slices_tuple_dict(tf):
    ds = tf.data.Dataset.from_tensor_slices(
        ({"a": [1, 2, 3], "b": [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]}, [7, 8, 9])
    )
    return _info(ds)


@case
def slices_numpy_and_strings(tf):
    x = np.arange(6, dtype=np.float64).reshape(3, 2)
    strings = tf.data.Dataset.from_tensor_slices(["a", "bc"])
    return {"float64": _info(tf.data.Dataset.from_tensor_slices(x)),
            "strings": [repr(strings.element_spec), int(strings.cardinality().numpy())]}  # fmt: skip


@case
def from_tensors(tf):
    return _info(tf.data.Dataset.from_tensors(([1, 2], {"k": 3.5})))


@case
def range_forms(tf):
    return {
        "stop": _info(tf.data.Dataset.range(4)),
        "start_stop_step": _info(tf.data.Dataset.range(2, 11, 3)),
        "negative": _info(tf.data.Dataset.range(5, 0, -2)),
        "int32": _info(tf.data.Dataset.range(3, output_type=tf.int32)),
    }


@case
def batch_and_drop(tf):
    ds = tf.data.Dataset.range(10)
    return {
        "batch": _info(ds.batch(4)),
        "drop": _info(ds.batch(4, drop_remainder=True)),
        "slices": _info(
            tf.data.Dataset.from_tensor_slices(([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).batch(2)
        ),
        "nested": _info(ds.batch(2).batch(2)),
    }


@case
def padded_batch(tf):
    ds = tf.data.Dataset.range(1, 6).map(lambda n: tf.fill([n], n))
    return {
        "default": _all(ds.padded_batch(2)),
        "shapes": _all(
            ds.padded_batch(2, padded_shapes=[6], padding_values=tf.constant(-1, tf.int64))
        ),
        "cardinality": int(ds.padded_batch(2, drop_remainder=True).cardinality().numpy()),
    }


@case
def unbatch(tf):
    ds = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]]).batch(2).unbatch()
    return {
        "values": _all(ds),
        "spec": repr(ds.element_spec),
        "cardinality": int(ds.cardinality().numpy()),
    }


@case
def map_filter(tf):
    ds = tf.data.Dataset.range(10)
    pairs = ds.map(lambda x: (x, tf.cast(x, tf.float32) * 0.5))
    return {
        "map": _info(ds.map(lambda x: x * x, num_parallel_calls=tf.data.AUTOTUNE).take(5)),
        "pairs_spec": repr(pairs.element_spec),
        "unpacked": _all(pairs.map(lambda a, b: b - tf.cast(a, tf.float32)).take(3)),
        "dict": _all(tf.data.Dataset.from_tensor_slices({"x": [1, 2]}).map(lambda d: d["x"] + 1)),
        "filter": {"values": _all(ds.filter(lambda x: x % 3 == 0)), "cardinality": int(ds.filter(lambda x: x > 2).cardinality().numpy())},
    }  # fmt: skip


@case
def repeat_take_skip(tf):
    ds = tf.data.Dataset.range(3)
    return {
        "repeat2": _info(ds.repeat(2)),
        "repeat_forever_take": _info(ds.repeat().take(7)),
        "repeat_card": int(ds.repeat().cardinality().numpy()),
        "take_more": _info(ds.take(10)),
        "take_all": _info(ds.take(-1)),
        "skip": _info(ds.skip(1)),
        "skip_all": _info(ds.skip(-1)),
        "skip_more": _info(ds.skip(5)),
        "repeat0": _info(ds.repeat(0)),
    }


@case
def enumerate_zip_concatenate(tf):
    a = tf.data.Dataset.range(3)
    b = tf.data.Dataset.from_tensor_slices([10, 20])
    return {
        "enumerate": _info(b.enumerate(start=5)),
        "zip": _info(tf.data.Dataset.zip(a, b)),
        "zip_tuple": _info(tf.data.Dataset.zip((a, (b, a)))),
        "zip_dict": _info(tf.data.Dataset.zip({"x": a, "y": b})),
        "concatenate": _info(a.concatenate(tf.data.Dataset.range(7, 9))),
        "concat_error": _error(lambda: a.concatenate(b)),
    }


@case
def interleave_flat_map(tf):
    ds = tf.data.Dataset.range(1, 5)
    return {
        "flat_map": _all(ds.flat_map(lambda x: tf.data.Dataset.from_tensors(x).repeat(x))),
        "interleave": _all(
            ds.interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=2)
        ),
        "interleave_block": _all(
            ds.interleave(
                lambda x: tf.data.Dataset.range(x * 10, x * 10 + 3), cycle_length=3, block_length=2
            )
        ),
        "cardinality": int(
            ds.flat_map(lambda x: tf.data.Dataset.from_tensors(x)).cardinality().numpy()
        ),
    }


@case
def window(tf):
    ds = tf.data.Dataset.range(7)
    out = {}
    for name, kwargs in {
        "plain": {"size": 3},
        "shift": {"size": 3, "shift": 1},
        "drop": {"size": 3, "shift": 2, "drop_remainder": True},
        "stride": {"size": 2, "shift": 3, "stride": 2},
    }.items():
        w = ds.window(**kwargs)
        out[name] = {
            "values": [[int(v) for v in win] for win in w],
            "cardinality": int(w.cardinality().numpy()),
        }
    out["flat"] = _all(ds.window(3, shift=2, drop_remainder=True).flat_map(lambda w: w.batch(3)))
    return out


@case
def reduce_and_numpy(tf):
    ds = tf.data.Dataset.range(1, 6)
    total = ds.reduce(tf.constant(0, tf.int64), lambda s, x: s + x)
    pairs = tf.data.Dataset.from_tensor_slices(([1, 2], [3.0, 4.0]))
    return {
        "reduce": _np(total),
        "reduce_tuple": _np(ds.reduce((tf.constant(0, tf.int64), tf.constant(1, tf.int64)), lambda s, x: (s[0] + x, s[1] * x))),
        "numpy": [repr(v) for v in ds.as_numpy_iterator()],
        "numpy_pairs": [repr(v) for v in pairs.as_numpy_iterator()],
    }  # fmt: skip


@case
def shuffle_permutes(tf):
    ds = tf.data.Dataset.range(20)
    first = [int(x) for x in ds.shuffle(5, seed=3)]
    fixed = ds.shuffle(20, seed=4, reshuffle_each_iteration=False)
    # Buffer semantics: element i can only come out after at least i - buffer + 1 outputs.
    small = ds.shuffle(3, seed=1)
    positions = {int(x): i for i, x in enumerate(small)}
    return {
        "sorted": sorted(first),
        "same_each_epoch": [int(x) for x in fixed] == [int(x) for x in fixed],
        "buffer_bound": all(positions[i] >= i - 2 for i in range(20)),
        "cardinality": int(ds.shuffle(4).cardinality().numpy()),
    }


@case
def cache_prefetch(tf):
    calls = []

    def gen():
        calls.append(1)
        yield from range(3)

    ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int64)).cache()
    first, second = _all(ds), _all(ds)
    pre = tf.data.Dataset.range(50).map(lambda x: x + 1).prefetch(tf.data.AUTOTUNE)
    return {
        "cache": [first, second, len(calls)],
        "prefetch": _all(pre)[-3:],
        "prefetch_repr": repr(tf.data.Dataset.range(2).prefetch(1)),
        "cache_repr": repr(tf.data.Dataset.range(2).cache()),
    }


@case
def from_generator(tf):
    def gen():
        for i in range(1, 4):
            yield list(range(i)), float(i)

    ds = tf.data.Dataset.from_generator(
        gen, output_signature=(tf.TensorSpec([None], tf.int32), tf.TensorSpec((), tf.float32))
    )
    legacy = tf.data.Dataset.from_generator(lambda: iter([1, 2]), output_types=tf.int64)
    with_args = tf.data.Dataset.from_generator(
        lambda n: iter(range(int(n))), args=(3,), output_signature=tf.TensorSpec((), tf.int32)
    )
    return {
        "values": _all(ds),
        "spec": repr(ds.element_spec),
        "cardinality": int(ds.cardinality().numpy()),
        "legacy": _all(legacy),
        "legacy_spec": repr(legacy.element_spec),
        "args": _all(with_args),
    }


@case
def errors_and_len(tf):
    ds = tf.data.Dataset.range(5)
    it = iter(tf.data.Dataset.range(1))
    next(it)
    return {
        "len": len(ds.batch(2)),
        "len_infinite": _error(lambda: len(ds.repeat())),
        "len_unknown": _error(lambda: len(ds.filter(lambda x: x > 1))),
        "stop": _error(lambda: next(it)),
        "get_next": _error(lambda: iter(tf.data.Dataset.range(0)).get_next()),
        "mismatch": _error(lambda: tf.data.Dataset.from_tensor_slices(([1, 2], [1, 2, 3]))),
        "ragged_batch": _error(
            lambda: list(tf.data.Dataset.range(1, 3).map(lambda n: tf.fill([n], n)).batch(2))
        ),
        "batch0": _error(lambda: tf.data.Dataset.range(3).batch(0)),
        "shuffle0": _error(lambda: tf.data.Dataset.range(3).shuffle(0)),
        "window0": _error(lambda: tf.data.Dataset.range(3).window(0)),
        "slices_scalar": _error(lambda: tf.data.Dataset.from_tensor_slices(1)),
        "filter_nonbool": _error(lambda: list(tf.data.Dataset.range(3).filter(lambda x: x))),
        "zip_nondataset": _error(lambda: tf.data.Dataset.zip(1, 2)),
        "generator_shape": _error(
            lambda: list(
                tf.data.Dataset.from_generator(
                    lambda: iter([[1, 2]]), output_types=tf.int32, output_shapes=[3]
                )
            )
        ),
        "autotune": tf.data.AUTOTUNE,
        "constants": [tf.data.INFINITE_CARDINALITY, tf.data.UNKNOWN_CARDINALITY],
    }
