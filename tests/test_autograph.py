"""AutoGraph's conversion: what converts, what stays Python, and the fallbacks.

TensorFlow's observable behaviour (side effects, trace counts, values,
gradients) is checked by the ``autograph_*`` snippets of
tests/golden/function_snippets.py; these tests cover the converter itself.
"""

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _autograph_runtime as runtime
from tapeflow._function import autograph


def _count_prints(capsys, text: str) -> int:
    return capsys.readouterr().out.count(text)


def test_lambda_and_exec_source_fall_back_to_the_original():
    square = lambda x: x * x  # noqa: E731
    assert autograph.convert(square) is square
    namespace: dict = {}
    exec("def f(x):\n    if x > 0:\n        x = x + 1\n    return x\n", namespace)  # noqa: S102
    f = namespace["f"]
    assert autograph.convert(f) is f  # no source to read
    # The guard keeps values right without conversion.
    g = tf.function(f)
    assert float(g(tf.constant(1.0))) == 2.0
    assert float(g(tf.constant(-1.0))) == -1.0


def test_conversion_is_cached_and_do_not_convert_is_honoured():
    def f(x):
        if x > 0:
            x = x + 1
        return x

    assert autograph.convert(f) is autograph.convert(f)
    assert autograph.convert(f) is not f
    marked = tf.autograph.experimental.do_not_convert(f)
    assert autograph.convert(marked) is marked


def test_closure_and_method_are_converted(capsys):
    scale = tf.constant(3.0)

    class Model:
        @tf.function
        def __call__(self, x):
            if x > 0:
                print("pos")
                y = x * scale
            else:
                print("neg")
                y = -x
            return y

    m = Model()
    assert float(m(tf.constant(2.0))) == 6.0
    assert float(m(tf.constant(-2.0))) == 2.0
    assert _count_prints(capsys, "pos") == 1


def test_break_stays_python_and_values_stay_right():
    @tf.function
    def f(n):
        s = tf.constant(0)
        for i in tf.range(10):
            if i >= n:
                break
            s += i
        return s

    assert int(f(tf.constant(4))) == 6
    assert int(f(tf.constant(2))) == 1


def test_autograph_false_does_not_convert(capsys):
    @tf.function(autograph=False)
    def f(x):
        if x > 0:
            print("pos")
        else:
            print("neg")
        return x

    f(tf.constant(1.0))
    out = capsys.readouterr().out
    assert "pos" in out and "neg" not in out


def test_loop_temporaries_and_python_iterables():
    @tf.function
    def f(x):
        for row in x:
            tmp = row * 2.0
            x = x + tf.reduce_sum(tmp)
        for v in [1.0, 2.0]:
            x = x + v
        return x

    got = f(tf.ones([2, 2]))
    x = np.ones([2, 2], np.float32)
    for _ in range(2):
        x = x + 4.0 * np.sum(np.ones(2, np.float32)) / 2.0
    assert got.shape == (2, 2)
    np.testing.assert_allclose(got.numpy(), np.full([2, 2], 1.0 + 4.0 + 4.0 + 3.0))


def test_logical_ops_keep_python_semantics_on_python_values():
    assert runtime.and_(lambda: 0, lambda: 1 / 0) == 0
    assert runtime.or_(lambda: 5, lambda: 1 / 0) == 5
    assert runtime.not_([]) is True
    value = runtime.and_(lambda: tf.constant(True), lambda: tf.constant(False))
    assert bool(value) is False


def test_for_over_a_scalar_tensor_raises():
    @tf.function
    def f(x):
        for v in x:
            x = x + v
        return x

    with pytest.raises(TypeError):
        f(tf.constant(1.0))


def test_a_for_target_read_after_a_tensor_loop_is_its_last_item():
    @tf.function
    def f(n):
        s = tf.constant(0)
        for i in tf.range(n):
            s += i
        return s, i

    s, last = f(tf.constant(4))
    assert (int(s), int(last)) == (6, 3)
    s, last = f(tf.constant(7))
    assert (int(s), int(last)) == (21, 6)


def test_a_python_loop_holding_a_return_still_returns():
    @tf.function
    def f(x, items):
        for k in items:
            if k == 2:
                return x + k
        return x

    assert int(f(tf.constant(1), [0, 1, 2, 3])) == 3
    assert int(f(tf.constant(1), [5])) == 1


def _else_loops():
    def for_else(n):
        s = tf.constant(0)
        for i in tf.range(n):
            s += i
            if s > 5:
                break
        else:
            s = s * 100
        return s

    def while_else(x):
        while x < 10:
            x = x * 2
            if x == 8:
                break
        else:
            x = -x
        return x

    def nested_search(n):
        found = tf.constant(-1)
        for i in tf.range(n):
            for j in tf.range(n):
                if i * j == 6:
                    found = i * 10 + j
                    break
            else:
                continue
            break
        return found

    return [(for_else, (3, 10, 2)), (while_else, (1, 3, 9)), (nested_search, (4, 2, 7))]


@pytest.mark.parametrize("index", range(3))
def test_a_tensor_loop_with_else_runs_else_unless_it_broke(index):
    fn, values = _else_loops()[index]
    compiled = tf.function(fn)
    for value in values:
        want = fn(tf.constant(value)).numpy()  # eager: Python's own loop semantics
        assert compiled(tf.constant(value)).numpy() == want
    assert compiled.experimental_get_tracing_count() == 1
    # one loop node, not the unrolled fallback (a break flag is carried)
    source = compiled.get_concrete_function(tf.constant(values[0])).pretty_source()
    assert "while_loop" in source and "RETRACE" not in source
