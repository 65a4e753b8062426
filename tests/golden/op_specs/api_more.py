"""Golden cases for the top-level array ops of issue 12 (tapeflow/_more_arrays.py):
space/batch rearrangements, sequence reversal, partition and stitch, scatter
max/min, saturating cast, complex, scalar_mul, identity_n, py_function."""

from tests.golden.opcases import Arg, OpCase


def ints(values, dtype="int32"):
    return Arg(value=values, dtype=dtype, differentiable=False)


CASES = [
    OpCase(
        "complex_product",
        "lambda re, im: tf.abs(tf.complex(re, im) * tf.complex(im, -re))",
        [Arg(shape=(3,), low=0.5), Arg(shape=(3,), low=0.5)],
    ),  # fmt: skip
    OpCase(
        "complex_abs",
        "lambda re, im: tf.abs(tf.complex(re, im))",
        [Arg(shape=(2, 2), low=0.5), Arg(shape=(2, 2), low=0.5)],
    ),  # fmt: skip
    OpCase(
        "saturate_cast_float",
        "lambda x: tf.saturate_cast(x * 100.0, tf.float32)",
        [Arg(shape=(4,))],
        check_grads=False,
        note="a float32 output makes central differences at eps=1e-6 meaningless",
    ),  # fmt: skip
    OpCase("scalar_mul", "lambda a, x: tf.scalar_mul(a, x)", [Arg(), Arg(shape=(2, 3))]),
    OpCase(
        "identity_n", "lambda x, y: tf.identity_n([x * 2.0, y])", [Arg(shape=(3,)), Arg(shape=(2,))]
    ),  # fmt: skip
    OpCase(
        "reverse_sequence",
        "lambda x: tf.reverse_sequence(x, [1, 3, 2], seq_axis=1, batch_axis=0)",
        [Arg(shape=(3, 4, 2))],
    ),
    OpCase(
        "reverse_sequence_batch_last",
        "lambda x: tf.reverse_sequence(x, [2, 0, 4], seq_axis=0, batch_axis=1)",
        [Arg(shape=(4, 3))],
    ),
    OpCase(
        "dynamic_partition",
        "lambda x, p: tf.dynamic_partition(x, p, 3)",
        [Arg(shape=(5, 2)), ints([0, 2, 1, 2, 0])],
    ),
    OpCase(
        "dynamic_stitch",
        "lambda a, b: tf.dynamic_stitch([[0, 3], [1, 3, 2]], [a, b])",
        [Arg(shape=(2, 2)), Arg(shape=(3, 2))],
        check_grads=False,
        note="repeated indices: the last write wins, yet TF (and tapeflow) give every write "
        "the gradient, which is not the derivative of the value",
    ),
    OpCase(
        "dynamic_stitch_distinct",
        "lambda a, b: tf.dynamic_stitch([[0, 3], [[1], [2]]], [a, b])",
        [Arg(shape=(2, 2)), Arg(shape=(2, 1, 2))],
    ),
    OpCase(
        "space_to_batch_nd",
        "lambda x: tf.space_to_batch_nd(x, [2, 2], [[0, 1], [1, 1]])",
        [Arg(shape=(1, 3, 2, 2))],
    ),
    OpCase(
        "space_to_batch",
        "lambda x: tf.space_to_batch(x, [3], [[1, 2]])",
        [Arg(shape=(2, 3, 2))],
    ),
    OpCase(
        "batch_to_space",
        "lambda x: tf.batch_to_space(x, [2, 2], [[0, 1], [1, 0]])",
        [Arg(shape=(8, 2, 2, 1))],
    ),
    OpCase(
        "tensor_scatter_nd_max",
        "lambda t, u: tf.tensor_scatter_nd_max(t, [[0], [2], [3]], u)",
        [Arg(shape=(5, 2)), Arg(shape=(3, 2))],
    ),
    OpCase(
        "tensor_scatter_nd_min",
        "lambda t, u: tf.tensor_scatter_nd_min(t, [[1, 0], [2, 1]], u)",
        [Arg(shape=(3, 2)), Arg(shape=(2,))],
    ),
    OpCase(
        "py_function",
        "lambda x: tf.py_function(lambda v: tf.sin(v) * v, [x], tf.float64)",
        [Arg(shape=(3,))],
        forward=False,
        skip=("grad2",),
        note="TF's forward mode cannot run a py_function, and its second derivative is None "
        "(the gradient reruns the function unrecorded); tapeflow records the function's ops, "
        "so both work and check_grads verifies them",
    ),
]
