"""Golden cases for tf.nn.nce_loss and tf.nn.sampled_softmax_loss, given TF's
sampled values explicitly (the samplers' draws are random; their deterministic
parts are in tests/golden/nnrand_snippets.py)."""

from tests.golden.opcases import Arg, OpCase


def _given(ids, true_counts, sampled_counts):
    return (
        f"(tf.constant({ids}, tf.int64), tf.cast(tf.constant({true_counts}), x.dtype), "
        f"tf.cast(tf.constant({sampled_counts}), x.dtype))"
    )


ONE = _given([3, 1, 5], [[0.5], [0.2], [0.7]], [0.4, 0.3, 0.9])
TWO = _given([0, 4, 2, 5], [[0.5, 0.1], [0.2, 0.3]], [0.4, 0.3, 0.9, 0.6])
W, B = Arg(shape=(6, 4)), Arg(shape=(6,), low=-0.5, high=0.5)

CASES = [
    OpCase(
        "nce_loss",
        f"lambda w, b, x: tf.nn.nce_loss(w, b, tf.constant([[0], [2], [1]]), x, 3, 6, sampled_values={ONE})",
        [W, B, Arg(shape=(3, 4))],
    ),
    OpCase(
        "nce_loss_accidental_hits",
        f"lambda w, b, x: tf.nn.nce_loss(w, b, tf.constant([[3], [2], [5]]), x, 3, 6, sampled_values={ONE}, "
        "remove_accidental_hits=True)",
        [W, B, Arg(shape=(3, 4))],
    ),
    OpCase(
        "nce_loss_two_true",
        f"lambda w, b, x: tf.nn.nce_loss(w, b, tf.constant([[1, 3], [2, 0]]), x, 4, 6, num_true=2, "
        f"sampled_values={TWO}, remove_accidental_hits=True)",
        [W, B, Arg(shape=(2, 4))],
    ),
    OpCase(
        "sampled_softmax_loss",
        f"lambda w, b, x: tf.nn.sampled_softmax_loss(w, b, tf.constant([[0], [2], [1]]), x, 3, 6, "
        f"sampled_values={ONE})",
        [W, B, Arg(shape=(3, 4))],
    ),
    OpCase(
        "sampled_softmax_loss_hits_kept",
        f"lambda w, b, x: tf.nn.sampled_softmax_loss(w, b, tf.constant([[3], [1], [5]]), x, 3, 6, "
        f"sampled_values={ONE}, remove_accidental_hits=False)",
        [W, B, Arg(shape=(3, 4))],
    ),
    OpCase(
        "sampled_softmax_loss_two_true_float32",
        f"lambda w, b, x: tf.nn.sampled_softmax_loss(w, b, tf.constant([[1, 3], [2, 4]]), x, 4, 6, "
        f"num_true=2, sampled_values={TWO})",
        [
            Arg(shape=(6, 4), dtype="float32"),
            Arg(shape=(6,), dtype="float32"),
            Arg(shape=(2, 4), dtype="float32"),
        ],
        rtol=1e-4,
        atol=1e-5,
    ),
]
