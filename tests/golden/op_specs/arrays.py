"""Golden cases for creating tensors and changing their shape (issue 3: shapes)."""

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(4,))
M = Arg(shape=(2, 3))
T = Arg(shape=(2, 3, 2))
LIN = "linear op: no second derivative to compare beyond None"

CASES = [
    OpCase("reshape_minus1", "lambda x: tf.reshape(x, [-1, 2])", [T]),
    OpCase("reshape_scalar", "lambda x: tf.reshape(x, [])", [Arg(shape=(1, 1))]),
    OpCase("transpose_default", "lambda x: tf.transpose(x)", [T]),
    OpCase("transpose_perm", "lambda x: tf.transpose(x, perm=[1, 2, 0])", [T]),
    OpCase("transpose_conjugate_real", "lambda x: tf.transpose(x, conjugate=True)", [M]),
    OpCase("expand_dims", "lambda x: tf.expand_dims(x, 1)", [M]),
    OpCase("expand_dims_negative", "lambda x: tf.expand_dims(x, -1)", [M]),
    OpCase("squeeze_all", "lambda x: tf.squeeze(x)", [Arg(shape=(1, 3, 1))]),
    OpCase("squeeze_axis", "lambda x: tf.squeeze(x, [-1])", [Arg(shape=(1, 3, 1))]),
    OpCase("concat_axis0", "lambda x, y: tf.concat([x, y], 0)", [M, Arg(shape=(1, 3))]),
    OpCase(
        "concat_three_negative_axis",
        "lambda x, y, z: tf.concat([x, y, z], axis=-1)",
        [M, Arg(shape=(2, 1)), M],
    ),
    OpCase("concat_with_constant", "lambda x: tf.concat([x, [[1.0, 2.0, 3.0]]], 0)", [M]),
    OpCase("stack_axis0", "lambda x, y: tf.stack([x, y])", [M, M]),
    OpCase("stack_axis_last", "lambda x, y: tf.stack([x, y], axis=-1)", [M, M]),
    OpCase("unstack", "lambda x: tf.unstack(x, axis=1)", [M]),
    OpCase("unstack_one_used", "lambda x: tf.unstack(x)[1] * 2.0", [M]),
    OpCase("split_count", "lambda x: tf.split(x, 3, axis=1)", [M]),
    OpCase("split_sizes", "lambda x: tf.split(x, [1, -1, 1], axis=-1)", [Arg(shape=(2, 4))]),
    OpCase("split_one_used", "lambda x: tf.split(x, 2)[0] ** 2", [Arg(shape=(4, 2))]),
    OpCase("tile", "lambda x: tf.tile(x, [2, 3])", [M]),
    OpCase("tile_3d", "lambda x: tf.tile(x, [1, 2, 2])", [T]),
    OpCase("tile_squared", "lambda x: tf.tile(x, [3]) ** 2", [Arg(shape=(2,))]),
    OpCase("pad_constant", "lambda x: tf.pad(x, [[1, 0], [2, 1]])", [M]),
    OpCase(
        "pad_constant_values", "lambda x: tf.pad(x, [[1, 1], [0, 2]], constant_values=2.5)", [M]
    ),
    OpCase("pad_reflect", "lambda x: tf.pad(x, [[1, 1], [2, 1]], mode='REFLECT')", [M]),
    OpCase("pad_symmetric", "lambda x: tf.pad(x, [[2, 1], [1, 3]], mode='symmetric')", [M]),
    OpCase("pad_squared", "lambda x: tf.pad(x, [[1, 2]], mode='REFLECT') ** 2", [V]),
    OpCase("reverse", "lambda x: tf.reverse(x, [0, -1])", [T]),
    OpCase("broadcast_to", "lambda x: tf.broadcast_to(x, [2, 3, 3])", [Arg(shape=(3, 1))]),
    OpCase("broadcast_to_squared", "lambda x: tf.broadcast_to(x, [2, 3]) ** 2", [Arg(shape=(3,))]),
    OpCase("roll", "lambda x: tf.roll(x, shift=[1, -1], axis=[0, 1])", [M]),
    OpCase("roll_same_axis_twice", "lambda x: tf.roll(x, [2, 3], [1, 1])", [M]),
    OpCase("repeat_axis", "lambda x: tf.repeat(x, [2, 1], axis=0)", [M]),
    OpCase("repeat_flat", "lambda x: tf.repeat(x, 2)", [M]),
    OpCase("slice", "lambda x: tf.slice(x, [0, 1, 0], [2, -1, 1])", [T]),
    OpCase("fill", "lambda v: tf.fill([2, 3], v)", [Arg()]),
    OpCase("fill_squared", "lambda v: tf.fill([3], v) ** 2", [Arg()]),
    OpCase("zeros_like_times_x", "lambda x: tf.zeros_like(x) + x", [V]),
    OpCase("ones_like_dtype", "lambda x: tf.ones_like(x, dtype=tf.int32)", [V]),
    OpCase("zeros", "lambda: tf.zeros([2, 3], tf.int64)", []),
    OpCase("ones_float64", "lambda: tf.ones((2,), dtype=tf.float64)", []),
    OpCase("eye", "lambda: tf.eye(2, 3)", []),
    OpCase("eye_batch", "lambda: tf.eye(2, batch_shape=[2], dtype=tf.int32)", []),
    OpCase("range_float", "lambda: tf.range(0.0, 2.0, 0.3)", []),
    OpCase("range_float_long", "lambda: tf.range(0.0, 10.0, 0.1)", []),
    OpCase("range_negative_delta", "lambda: tf.range(5, 1, -2)", []),
    OpCase("range_int64", "lambda: tf.range(tf.constant(5, tf.int64))", []),
    OpCase("range_mixed", "lambda: tf.range(1, 5.5, 1.5)", []),
    OpCase("linspace", "lambda a, b: tf.linspace(a, b, 5)", [Arg(), Arg()]),
    OpCase(
        "linspace_vector_axis",
        "lambda a, b: tf.linspace(a, b, 4, axis=-1)",
        [Arg(shape=(2,)), Arg(shape=(2,))],
    ),
    OpCase("linspace_float32", "lambda: tf.linspace(0.0, 1.0, 7)", []),
    OpCase("linspace_int", "lambda: tf.linspace(0, 3, 4)", []),
    OpCase("linspace_num1", "lambda a, b: tf.linspace(a, b, 1)", [Arg(), Arg()]),
    OpCase(
        "meshgrid_xy",
        "lambda x, y: tf.meshgrid(x, y)",
        [Arg(shape=(3,)), Arg(shape=(2,))],
    ),
    OpCase(
        "meshgrid_ij_3",
        "lambda x, y, z: tf.meshgrid(x, y, z, indexing='ij')",
        [Arg(shape=(2,)), Arg(shape=(3,)), Arg(shape=(2,))],
    ),
    OpCase("shape_size_rank", "lambda x: (tf.shape(x), tf.size(x), tf.rank(x))", [T]),
    OpCase(
        "broadcast_static_shape",
        "lambda: tf.constant(tf.broadcast_static_shape(tf.TensorShape([2, 1]), "
        "tf.TensorShape([3])).as_list())",
        [],
    ),
    OpCase(
        "broadcast_dynamic_shape",
        "lambda: tf.broadcast_dynamic_shape(tf.constant([2, 1]), tf.constant([3]))",
        [],
    ),
]
