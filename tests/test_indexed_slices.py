"""IndexedSlices, TensorFlow's sparse gradient: where tapes give one, its fields,
the ops that accept it, the tape's sums of them and the optimizers' sparse steps
(answers: tests/golden/indexed_slices.json, from make_indexed_slices_golden.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden.indexed_slices_snippets import SNIPPETS

GOLDEN = json.loads((Path(__file__).parent / "golden" / "indexed_slices.json").read_text())

# Where two sparse cotangents meet, both libraries concatenate them, but in the
# order their sweeps reach them: tapeflow's is the reverse of the recording
# order, TensorFlow's follows its own op scheduling. The rows agree as a set.
ORDER_MAY_DIFFER = {"two_gathers_concatenate"}


def _same(got, want, path: str, any_order: bool) -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), path
        for key in want:
            if any_order and key in ("indices", "values"):
                continue
            _same(got[key], want[key], f"{path}.{key}", any_order)
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]", any_order)
    elif isinstance(want, float):
        np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-7, err_msg=path)
    else:
        assert got == want, path


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.__name__)
def test_matches_tensorflow(snippet):
    name = snippet.__name__
    _same(snippet(tf), GOLDEN[name], name, name in ORDER_MAY_DIFFER)


def test_type_and_fields():
    v = tf.Variable(np.arange(6.0, dtype=np.float32).reshape(3, 2))
    with tf.GradientTape() as tape:
        y = tf.nn.embedding_lookup(v, [[2, 0]])
    g = tape.gradient(y, v)
    assert type(g).__name__ == "IndexedSlices" and isinstance(g, tf.IndexedSlices)
    assert g.indices.numpy().tolist() == [2, 0]
    assert g.values.shape == (2, 2) and g.dense_shape.numpy().tolist() == [3, 2]
    assert g.shape == (3, 2) and g.dtype == tf.float32


def test_jacobian_and_function_stay_dense():
    x = tf.constant([[1.0], [2.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.gather(x, [1])
    assert type(tape.jacobian(y, x)).__name__ == "EagerTensor"

    v = tf.Variable([[1.0], [2.0]])

    @tf.function
    def grad():
        with tf.GradientTape() as tape:
            y = tf.gather(v, [1])
        return tape.gradient(y, v)

    assert grad().numpy().tolist() == [[0.0], [1.0]]


def test_sgd_step_writes_only_touched_rows_in_place():
    table = tf.Variable(np.ones((1000, 4), np.float32))
    opt = tf.keras.optimizers.SGD(learning_rate=0.5)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.gather(table, [3, 3, 7]))
    grad = tape.gradient(loss, table)
    address = table._value.__array_interface__["data"][0]
    opt.apply_gradients([(grad, table)])
    assert table._value.__array_interface__["data"][0] == address  # no copy of the table
    assert table.numpy()[3].tolist() == [0.0] * 4 and table.numpy()[7].tolist() == [0.5] * 4
    assert table.numpy().sum() == 4 * (1000 - 2) + 2


def test_scatter_keeps_earlier_reads():
    v = tf.Variable([1.0, 2.0])
    read = v.read_value()
    v.scatter_sub(tf.IndexedSlices(tf.constant([1.0]), tf.constant([0])))
    assert read.numpy().tolist() == [1.0, 2.0] and v.numpy().tolist() == [0.0, 2.0]


def test_scatter_bad_input():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(
        tf.errors.InvalidArgumentError, match=r"indices\[0\] = 5 is not in \[0, 2\)"
    ):
        v.scatter_sub(tf.IndexedSlices(tf.constant([1.0]), tf.constant([5])))
    with pytest.raises(TypeError, match="sparse_delta is not IndexedSlices"):
        v.scatter_add(tf.constant([1.0]))
    assert v.numpy().tolist() == [1.0, 2.0]
