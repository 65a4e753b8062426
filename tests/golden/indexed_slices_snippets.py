"""IndexedSlices: which gradients are sparse, their fields, the ops that take them,
and the optimizers' updates from them. Each snippet takes the library as ``tf`` and
returns plain data; make_indexed_slices_golden.py records TensorFlow's answers."""

from __future__ import annotations

import numpy as np


def describe(tf, g):
    """A gradient as data: its type name, and for IndexedSlices its three fields."""
    if g is None:
        return None
    out = {"type": type(g).__name__, "dense": tf.convert_to_tensor(g).numpy().tolist()}
    if isinstance(g, tf.IndexedSlices):
        for field in ("indices", "values", "dense_shape"):
            value = tf.convert_to_tensor(getattr(g, field))
            out[field] = value.numpy().tolist()
            out[field + "_dtype"] = value.dtype.name
        out["shape"] = g.shape.as_list()
        rows = sorted(zip(out["indices"], out["values"]))
        out["rows_sorted"] = [[i, v] for i, v in rows]
    return out


def _table(tf):
    return np.arange(12, dtype=np.float32).reshape(4, 3)


def _grad(tf, build, source, watch=False):
    with tf.GradientTape() as tape:
        if watch:
            tape.watch(source)
        out = build()
    return describe(tf, tape.gradient(out, source))


_W = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]


def gather_variable(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.reduce_sum(tf.gather(v, [0, 2, 0]) * _W), v)


def gather_constant_watched(tf):
    c = tf.constant(_table(tf))
    return _grad(tf, lambda: tf.reduce_sum(tf.gather(c, [3, 1, 3]) * _W), c, watch=True)


def gather_int64_indices(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v, tf.constant([1, 1], tf.int64)), v)


def gather_numpy_int64_indices(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v, np.array([2, 0])), v)


def gather_scalar_index(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v, 2) * 3.0, v)


def embedding_lookup_2d_ids(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.nn.embedding_lookup(v, [[0, 1], [3, 3]]) * 2.0, v)


def gather_axis_1_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v, [0, 2], axis=1), v)


def gather_batch_dims_is_dense(tf):
    c = tf.constant(_table(tf))
    return _grad(tf, lambda: tf.gather(c, [[0], [1], [2], [0]], axis=1, batch_dims=1), c, True)


def variable_slice_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: v[1:3] * 2.0, v)


def variable_getitem_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: v[2], v)


def gather_nd_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather_nd(v, [[0, 1], [2, 2]]), v)


def two_gathers_concatenate(tf):
    v = tf.Variable(_table(tf))
    return _grad(
        tf, lambda: tf.reduce_sum(tf.gather(v, [1, 1])) + 2.0 * tf.reduce_sum(tf.gather(v, [0])), v
    )


def sparse_plus_dense_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.reduce_sum(tf.gather(v, [0, 3])) + tf.reduce_sum(v * 2.0), v)


def gather_of_gather(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(tf.gather(v, [1, 2, 3]), [0, 2]) * 5.0, v)


def gather_of_computed_value_is_dense(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v * 1.0, [1]), v)


def gather_through_read_value(tf):
    v = tf.Variable(_table(tf))
    return _grad(tf, lambda: tf.gather(v.read_value(), [3, 0]), v)


def gradient_of_a_list(tf):
    v = tf.Variable(_table(tf))
    c = tf.constant(_table(tf))
    with tf.GradientTape() as tape:
        tape.watch(c)
        y = tf.reduce_sum(tf.gather(v, [1])) + tf.reduce_sum(tf.gather(c, [2]) * c[0])
    return [describe(tf, g) for g in tape.gradient(y, [v, c])]


def second_order_through_values(tf):
    x = tf.constant(_table(tf) / 10.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [0, 2, 2]) ** 3)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g.values * _W)
    return [describe(tf, g), describe(tf, outer.gradient(z, x))]


def second_order_through_densified(tf):
    x = tf.constant(_table(tf) / 10.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.gather(x, [1, 3]) ** 2)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(tf.convert_to_tensor(g) * x)
    return describe(tf, outer.gradient(z, x))


def _sparse(tf):
    v = tf.Variable(_table(tf))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.gather(v, [0, 2, 0]) * _W)
    return tape.gradient(y, v)


def arithmetic_with_dense(tf):
    g = _sparse(tf)
    ones = tf.ones((4, 3))
    results = {
        "g+dense": g + ones,
        "dense+g": ones + g,
        "add": tf.add(g, ones),
        "multiply": tf.multiply(g, 2.0),
        "reduce_sum": tf.reduce_sum(g),
        "add_n": tf.math.add_n([g, g]),
        "add_n_mixed": tf.math.add_n([g, ones]),
        "neg": -g,
        "scalar_mul": tf.math.scalar_mul(2.0, g),
        "identity": tf.identity(g),
        "clip_by_norm": tf.clip_by_norm(g, 1.0),
        "cast": tf.cast(g, tf.float64),
    }
    return {name: describe(tf, r) for name, r in results.items()}


def operators_that_raise(tf):
    g = _sparse(tf)
    out = {}
    for name, fn in [("g*2", lambda: g * 2.0), ("g+g", lambda: g + g), ("g/2", lambda: g / 2.0),
                     ("g+1", lambda: g + 1.0)]:  # fmt: skip
        try:
            fn()
            out[name] = "no error"
        except Exception as e:  # noqa: BLE001 - the class is what is compared
            out[name] = type(e).__name__
    return out


def clip_by_global_norm_keeps_sparse(tf):
    g = _sparse(tf)
    clipped, norm = tf.clip_by_global_norm([g, tf.constant([3.0, 4.0]), None], 5.0)
    return [describe(tf, c) for c in clipped] + [float(norm.numpy())]


def constructed_by_hand(tf):
    s = tf.IndexedSlices(
        tf.constant([[1.0, 2.0], [3.0, 4.0]]), tf.constant([2, 2]), tf.constant([3, 2])
    )
    no_shape = tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([0]))
    given = tf.IndexedSlices([[1.0, 2.0]], [1], [3, 2])
    try:
        tf.convert_to_tensor(no_shape)
        error = "no error"
    except Exception as e:  # noqa: BLE001
        error = type(e).__name__
    return {
        "s": describe(tf, s),
        "dense_shape_none": no_shape.dense_shape is None,
        "shape_none": str(no_shape.shape),
        "dtype": s.dtype.name,
        "str": str(s),
        "convert_without_shape": error,
        "fields_as_given": [
            type(f).__name__ for f in (given.values, given.indices, given.dense_shape)
        ],
        "given_dense": tf.convert_to_tensor(given).numpy().tolist(),
    }


def scatter_updates(tf):
    v = tf.Variable(_table(tf))
    v.scatter_sub(tf.IndexedSlices(tf.ones((3, 3)), tf.constant([1, 3, 1])))
    v.scatter_add(tf.IndexedSlices(tf.fill((1, 3), 0.5), tf.constant([0])))
    return v.numpy().tolist()


def _optimizer_run(tf, make, steps=2):
    v = tf.Variable(_table(tf) / 4.0)
    opt = make()
    for step in range(steps):
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(tf.gather(v, [0, 2, 0, step]) ** 2 * [[1.0], [2.0], [3.0], [4.0]])
        g = tape.gradient(y, v)
        opt.apply_gradients([(g, v)])
    return [type(g).__name__, v.numpy().tolist()]


def sgd_sparse(tf):
    return _optimizer_run(tf, lambda: tf.keras.optimizers.SGD(learning_rate=0.1))


def sgd_momentum_sparse(tf):
    return _optimizer_run(tf, lambda: tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9))


def adam_sparse(tf):
    return _optimizer_run(tf, lambda: tf.keras.optimizers.Adam(learning_rate=0.1), steps=3)


def rmsprop_sparse(tf):
    return _optimizer_run(tf, lambda: tf.keras.optimizers.RMSprop(learning_rate=0.1))


def sgd_clipnorm_sparse(tf):
    return _optimizer_run(tf, lambda: tf.keras.optimizers.SGD(learning_rate=0.1, clipnorm=1.0))


SNIPPETS = [
    gather_variable, gather_constant_watched, gather_int64_indices, gather_numpy_int64_indices,
    gather_scalar_index, embedding_lookup_2d_ids, gather_axis_1_is_dense,
    gather_batch_dims_is_dense, variable_slice_is_dense, variable_getitem_is_dense,
    gather_nd_is_dense, two_gathers_concatenate, sparse_plus_dense_is_dense, gather_of_gather,
    gather_of_computed_value_is_dense, gather_through_read_value, gradient_of_a_list,
    second_order_through_values, second_order_through_densified, arithmetic_with_dense,
    operators_that_raise, clip_by_global_norm_keeps_sparse, constructed_by_hand, scatter_updates,
    sgd_sparse, sgd_momentum_sparse, adam_sparse, rmsprop_sparse, sgd_clipnorm_sparse,
]  # fmt: skip
