"""Lists holding Tensors or Variables, converted under a tape: TF packs them with a
differentiable stack. Each snippet takes the library as ``tf`` and returns
(value, gradients); make_autopack_golden.py records TensorFlow's answers."""

from __future__ import annotations


def _grads(tf, build, *sources):
    with tf.GradientTape() as tape:
        tape.watch([s for s in sources if not isinstance(s, tf.Variable)])
        out = build()
    grads = tape.gradient(out, list(sources))
    return out.numpy().tolist(), [None if g is None else g.numpy().tolist() for g in grads]


def convert_list(tf):
    x = tf.constant(2.0)
    return _grads(tf, lambda: tf.reduce_sum(tf.convert_to_tensor([x, x * 3.0])), x)


def reduce_sum_of_list(tf):
    x, y = tf.constant(2.0), tf.constant(5.0)
    return _grads(tf, lambda: tf.reduce_sum([x, y * y]), x, y)


def nested_with_numbers(tf):
    x, y = tf.constant(2.0), tf.constant(5.0)
    weights = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    return _grads(tf, lambda: tf.reduce_sum(tf.convert_to_tensor([[x, 1.0], [2.0, y]]) * weights),
                  x, y)  # fmt: skip


def tuple_of_vectors(tf):
    x, y = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
    return _grads(tf, lambda: tf.reduce_sum(tf.convert_to_tensor((x, y)) * [[1.0], [4.0]]), x, y)


def variable_in_list(tf):
    v = tf.Variable(3.0)
    return _grads(tf, lambda: tf.reduce_sum(tf.convert_to_tensor([v, 2.0 * v])), v)


def cast_to_requested_dtype(tf):
    x = tf.constant(2.0)
    return _grads(tf, lambda: tf.reduce_sum(tf.convert_to_tensor([x, 1.0], dtype=tf.float64)), x)


def binary_op_with_list(tf):
    x, y = tf.constant(2.0), tf.constant(5.0)
    return _grads(tf, lambda: tf.reduce_sum(tf.multiply([x, y], [3.0, 7.0])), x, y)


SNIPPETS = [convert_list, reduce_sum_of_list, nested_with_numbers, tuple_of_vectors,
            variable_in_list, cast_to_requested_dtype, binary_op_with_list]  # fmt: skip
