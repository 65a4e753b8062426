"""Golden cases for the ops of the core issue."""

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(3,))
M = Arg(shape=(2, 3))
POS = Arg(shape=(3,), low=0.5, high=2.0)

CASES = [
    OpCase("add_broadcast", "lambda x, y: tf.add(x, y)", [M, V]),
    OpCase("subtract", "lambda x, y: tf.subtract(x, y)", [M, M]),
    OpCase("multiply_broadcast", "lambda x, y: x * y", [Arg(shape=(2, 1)), V]),
    OpCase("divide", "lambda x, y: tf.divide(x, y)", [V, POS]),
    OpCase("negative", "lambda x: tf.negative(x)", [V]),
    OpCase("square", "lambda x: tf.square(x)", [V]),
    OpCase("sqrt", "lambda x: tf.sqrt(x)", [POS]),
    OpCase("exp", "lambda x: tf.exp(x)", [V]),
    OpCase("log", "lambda x: tf.math.log(x)", [POS]),
    OpCase("sin", "lambda x: tf.sin(x)", [V]),
    OpCase("cos", "lambda x: tf.cos(x)", [V]),
    OpCase("tanh", "lambda x: tf.tanh(x)", [V]),
    OpCase("pow", "lambda x, y: tf.pow(x, y)", [POS, V]),
    OpCase("pow_scalar_exponent", "lambda x: x ** 3.0", [V]),
    OpCase("maximum", "lambda x, y: tf.maximum(x, y)", [M, V]),
    OpCase("minimum", "lambda x, y: tf.minimum(x, y)", [M, V]),
    OpCase("reduce_sum_axis", "lambda x: tf.reduce_sum(x, axis=1)", [M]),
    OpCase("reduce_sum_keepdims", "lambda x: tf.reduce_sum(x, axis=0, keepdims=True)", [M]),
    OpCase("reduce_mean", "lambda x: tf.reduce_mean(x, axis=-1)", [M]),
    OpCase("reduce_mean_all", "lambda x: tf.reduce_mean(x)", [M]),
    OpCase("reshape", "lambda x: tf.reshape(x, [3, -1])", [M]),
    OpCase("transpose", "lambda x: tf.transpose(x, [2, 0, 1])", [Arg(shape=(2, 3, 4))]),
    OpCase("matmul", "lambda a, b: tf.matmul(a, b)", [M, Arg(shape=(3, 2))]),
    OpCase("matmul_transpose_b", "lambda a, b: tf.matmul(a, b, transpose_b=True)", [M, M]),
    OpCase("relu", "lambda x: tf.nn.relu(x)", [Arg(shape=(5,), value=[-1.5, -0.5, 0.5, 1.0, 2.0])]),
    OpCase("softmax", "lambda x: tf.nn.softmax(x)", [M]),
    OpCase(
        "softmax_xent",
        "lambda labels, logits: tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)",
        [Arg(shape=(2, 3), value=[[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]]), M],
        skip=("grad2",),
        note="TF's fused gradient drops the mixed second derivative d2/dlabels dlogits "
        "(it reports 0); tapeflow gives the true value, which check_grads verifies",
    ),
    OpCase(
        "where",
        "lambda x, y: tf.where(x > 0, x, y)",
        [Arg(shape=(4,), value=[-1.0, 2.0, -3.0, 4.0]), Arg(shape=(4,))],
    ),
    OpCase("getitem", "lambda x: x[1:, ::-2]", [Arg(shape=(3, 4))]),
    OpCase("identity", "lambda x: tf.identity(x) * 2.0", [V]),
    OpCase(
        "cast_float32",
        "lambda x: tf.cast(x, tf.float32)",
        [V],
        check_grads=False,
        note="a float32 output makes central differences at eps=1e-6 meaningless",
    ),
]
