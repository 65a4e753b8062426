"""check_grads cases for tf.nn.fractional_max_pool / fractional_avg_pool where the
pooling sequences are not random (integer ratios that divide the sizes)."""

from tests.golden.opcases import Arg, OpCase

X = Arg(shape=(2, 6, 4, 3))
# TF raises LookupError for a first-order gradient taken while an outer tape records
# (FractionalMax/AvgPoolGrad have no gradient), which this harness always does: TF's
# values and gradients are replayed from nnrand.json in tests/test_nnrand.py instead
# (with TF's own random sequences); here check_grads runs on tapeflow alone.
TF_ONLY_ELSEWHERE = dict(
    skip=("value", "grad", "grad2", "jvp"),
    note="TF cannot differentiate under an outer tape; TF's values and gradients: "
    "tests/test_nnrand.py::test_fractional_pool_on_tensorflows_sequences",
)

CASES = [
    OpCase("fractional_max_pool", "lambda x: tf.nn.fractional_max_pool(x, [1.0, 2.0, 2.0, 1.0])[0]",
           [X], **TF_ONLY_ELSEWHERE),
    OpCase("fractional_max_pool_overlapping",
           "lambda x: tf.nn.fractional_max_pool(x, [1.0, 3.0, 2.0, 1.0], overlapping=True)",
           [X], **TF_ONLY_ELSEWHERE),
    OpCase("fractional_avg_pool_pseudo_random",
           "lambda x: tf.nn.fractional_avg_pool(x, [1.0, 2.0, 2.0, 1.0], pseudo_random=True)",
           [X], **TF_ONLY_ELSEWHERE),
    OpCase("fractional_avg_pool_overlapping_float32",
           "lambda x: tf.nn.fractional_avg_pool(x, [1.0, 3.0, 1.0, 1.0], overlapping=True)[0]",
           [Arg(shape=(1, 6, 4, 2), dtype="float32")], **TF_ONLY_ELSEWHERE),
]  # fmt: skip
