"""Golden cases for tf.nn.ctc_loss: dense labels (float32 only: TF's dense path fails
on float64) and sparse labels (TF's CTCLoss kernel, float64 too).

TF's second derivative of the dense loss is NaN nearly everywhere (its forward-backward
differentiated through logsumexp of all -inf rows); tapeflow's is NaN everywhere, so
the dense cases skip grad2. The sparse path raises LookupError at second order
(tests/golden/nnrand_snippets.py), so those cases stop at first order."""

from tests.golden.opcases import Arg, OpCase

DENSE_F64 = (
    "TF's dense ctc_loss rejects float64 logits (so check_grads and the float64 adjoint test "
    "run on the sparse cases, same primitive); "
    "grad2: TF's is NaN but for some entries of each sequence's last frame, tapeflow's NaN "
    "throughout (docs/deviations.md)"
)
LABELS = Arg(value=[[1, 2, 0], [3, 3, 1]], dtype="int32", differentiable=False)
LOGITS = Arg(shape=(5, 2, 4), dtype="float32")

CASES = [
    OpCase(
        "ctc_loss_dense",
        "lambda y, x: tf.nn.ctc_loss(y, x, [2, 3], [5, 4])",
        [LABELS, LOGITS],
        check_grads=False,
        forward=False,
        skip=("grad2",),
        note=DENSE_F64,
    ),
    OpCase(
        "ctc_loss_dense_batch_major_blank_last",
        "lambda y, x: tf.nn.ctc_loss(y, x, [2, 3], [5, 5], logits_time_major=False, "
        "blank_index=-1)",
        [
            Arg(value=[[1, 2, 0], [0, 0, 1]], dtype="int32", differentiable=False),
            Arg(shape=(2, 5, 4), dtype="float32"),
        ],
        check_grads=False,
        forward=False,
        skip=("grad2",),
        note=DENSE_F64,
    ),
    OpCase(
        "ctc_loss_dense_blank_middle",
        "lambda y, x: tf.nn.ctc_loss(y, x, [2, 3], [4, 5], blank_index=2)",
        [LABELS, LOGITS],
        check_grads=False,
        forward=False,
        skip=("grad2",),
        note=DENSE_F64,
    ),
    OpCase(
        # With blank_index != 0 TF's `unique` path drops a label's posterior from the
        # gradient (docs/deviations.md); with blank 0 it agrees with the plain path.
        "ctc_loss_dense_unique",
        "lambda y, x: tf.nn.ctc_loss(y, x, [2, 3], [4, 5], unique=tf.nn.ctc_unique_labels(y))",
        [LABELS, LOGITS],
        check_grads=False,
        forward=False,
        skip=("grad2",),
        note=DENSE_F64,
    ),
    OpCase(
        "ctc_loss_dense_too_long",
        "lambda x: tf.nn.ctc_loss([[1, 2, 3, 1, 2, 1]], x, [6], [5])",
        [Arg(shape=(5, 1, 4), dtype="float32")],
        check_grads=False,
        forward=False,
        skip=("grad2",),
        note=DENSE_F64,
        rtol=1e-4,
    ),
    OpCase(
        "ctc_loss_sparse",
        "lambda x: tf.nn.ctc_loss(tf.sparse.from_dense([[1, 2], [3, 3]]), x, None, [5, 4], "
        "blank_index=0)",
        [Arg(shape=(5, 2, 4))],
        second_order=False,
        note="TF's CTCLoss kernel raises LookupError at second order",
    ),
    OpCase(
        "ctc_loss_sparse_blank_last_batch_major",
        "lambda x: tf.nn.ctc_loss(tf.sparse.from_dense([[0, 2, 2], [1, 0, 0]]), x, None, "
        "[4, 3], logits_time_major=False, blank_index=-1)",
        [Arg(shape=(2, 4, 4))],
        second_order=False,
        note="TF's CTCLoss kernel raises LookupError at second order",
    ),
]
