"""Benchmark rows for sparse gradients (issue 12): ``embedding_sgd`` and ``embedding_sgd_dense``.

* ``embedding_sgd``: a 100 000 x 64 float32 embedding table (a Variable); one
  step looks up 256 ids (``tf.nn.embedding_lookup``), takes the gradient of the
  sum of squares of the rows (an ``IndexedSlices``: 256 rows, not the table) and
  applies it with Keras's SGD, which writes only those rows (``scatter_sub``).
  The baseline is the same step in NumPy: ``table[ids]``, ``2 * rows``,
  ``np.subtract.at``. TensorFlow (the peer) runs the same program.
* ``embedding_sgd_dense``: the same step with the gradient densified
  (``tf.convert_to_tensor``) before the update: a 25.6 MB scatter-add into
  zeros and a full-table subtraction, what every step cost before
  IndexedSlices. ``embedding_sgd``'s target compares against it. Its NumPy
  baseline is the dense step too: ``np.add.at`` into zeros, ``table - lr * grad``.

Registration (in ``workloads.py``, after ``ROWS`` is defined and before
``ROWS_BY_NAME``)::

    import rows_sparse  # noqa: E402
    ROWS.extend(rows_sparse.rows(Row, Target))
"""

from __future__ import annotations

import functools

import numpy as np

ROWS_, DIM, BATCH, LR = 100_000, 64, 256, 0.01


@functools.cache
def embedding_data() -> dict:
    rng = np.random.default_rng(12)
    return {
        "table": rng.standard_normal((ROWS_, DIM), dtype=np.float32),
        "ids": rng.integers(0, ROWS_, size=BATCH).astype(np.int32),
    }


def _embedding_tf(tf, dense: bool):
    data = embedding_data()
    table = tf.Variable(data["table"])
    ids = tf.constant(data["ids"])
    opt = tf.keras.optimizers.SGD(learning_rate=LR)

    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(table, ids)))
        grad = tape.gradient(loss, table)
        if dense:
            grad = tf.convert_to_tensor(grad)
        opt.apply_gradients([(grad, table)])
        return loss

    return step


def embedding_sparse_tf(tf):
    return _embedding_tf(tf, dense=False)


def embedding_dense_tf(tf):
    return _embedding_tf(tf, dense=True)


def embedding_numpy(np_=np):
    data = embedding_data()
    table, ids = data["table"].copy(), data["ids"]
    lr = np.float32(LR)

    def step():
        rows = table[ids]
        loss = np.sum(rows * rows)
        np.subtract.at(table, ids, lr * (rows + rows))
        return loss

    return step


def embedding_dense_numpy(np_=np):
    data = embedding_data()
    table, ids = data["table"].copy(), data["ids"]
    lr = np.float32(LR)

    def step():
        rows = table[ids]
        loss = np.sum(rows * rows)
        grad = np.zeros_like(table)
        np.add.at(grad, ids, rows + rows)
        table[...] = table - lr * grad
        return loss

    return step


def embedding_check(loss) -> None:
    if not np.isfinite(np.asarray(loss)).all():
        raise AssertionError(f"embedding step loss is not finite: {loss}")


def rows(Row, Target) -> list:
    """The rows of this module, built with workloads.py's Row and Target classes."""
    return [
        Row(
            name="embedding_sgd",
            description="float32 100000x64 embedding Variable: lookup of 256 ids, gradient of "
            "the rows' sum of squares (IndexedSlices) and one Keras SGD step (scatter_sub); "
            "NumPy: table[ids], np.subtract.at",
            unit="ms/step",
            scale=1e3,
            builders={"tf": embedding_sparse_tf, "numpy": embedding_numpy},
            target=Target("row", 0.2, other_row="embedding_sgd_dense"),
            baseline="numpy",
            check=embedding_check,
        ),
        Row(
            name="embedding_sgd_dense",
            description="embedding_sgd with the gradient densified before the SGD step "
            "(tf.convert_to_tensor: a 100000x64 scatter-add and a full-table update)",
            unit="ms/step",
            scale=1e3,
            builders={"tf": embedding_dense_tf, "numpy": embedding_dense_numpy},
            baseline="numpy",
            check=embedding_check,
        ),
    ]
