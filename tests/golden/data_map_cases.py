"""Dataset.map traces its function once: cases run under TensorFlow (recorded by
make_data_map_golden.py) and tapeflow (tests/test_data_map.py) alike.

Each case returns plain Python values: the elements and how many times the
Python body of the mapped function ran.
"""

from __future__ import annotations


def _values(ds) -> list:
    return [x.numpy().tolist() for x in ds]


def side_effects_once(tf):
    calls = []

    def double(x):
        calls.append(1)
        return x * 2

    ds = tf.data.Dataset.range(5).map(double)
    first, second = _values(ds), _values(ds)
    return {"first": first, "second": second, "calls": len(calls)}


def batches_of_two_shapes(tf):
    calls = []

    def shapes(x):
        calls.append(x.shape.as_list())
        return tf.reduce_sum(x) + x[0]

    ds = tf.data.Dataset.range(5).batch(2).map(shapes)
    return {"values": _values(ds), "traced_shapes": calls}


def python_branch_on_a_tensor_runs_once(tf):
    seen = []

    def fn(a, b):
        seen.append("traced")
        return a * 10 + b

    pairs = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [4, 5, 6]))
    return {"values": _values(pairs.map(fn)), "seen": len(seen)}


def default_argument(tf):
    offset = 7
    ds = tf.data.Dataset.range(3).map(lambda x, offset=offset: x + offset)
    return {"values": _values(ds)}


def value_dependent_shape(tf):
    calls = []

    def fill(n):
        calls.append(1)
        return tf.fill([n], n)

    return {"values": _values(tf.data.Dataset.range(1, 4).map(fill)), "calls": len(calls)}


CASES = {
    name: fn
    for name, fn in dict(globals()).items()
    if callable(fn) and not name.startswith("_") and fn.__module__ == __name__
}
