"""tf.function snippets: programs whose stdout and stderr are compared with TensorFlow.

``make_function_golden.py`` runs each under TensorFlow 2.21 (capturing the
file descriptors, since tf.print writes from C++) and writes
``function.json``; ``tests/test_function_golden.py`` runs them on tapeflow.
Each program sees ``tf``, ``np``, ``sys``, ``show_error(e)`` (prints
``ClassName: message``) and ``show_last(e)`` (the class and the last line of
the message only: TensorFlow prefixes errors raised while tracing with a
traceback of the user's code).
"""

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


_snippet(
    "trace_count_tensors",
    """
    @tf.function
    def f(x):
        print("tracing", x)
        return x * 2
    print(f(tf.constant(1.0)))
    print(f(tf.constant(2.0)))
    print(f(tf.constant([1.0, 2.0])))
    print(f(tf.constant([3.0, 4.0])))
    print(f(tf.constant(1)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "trace_count_python_values",
    """
    @tf.function
    def g(x, y=2, *, z=3):
        print("tracing", x, y, z)
        return tf.constant(x) + y
    g(1); g(1, 2); g(1, y=2); g(1, z=3); g(x=1)
    print(g.experimental_get_tracing_count())
    g(1.0); g(True)
    print(g.experimental_get_tracing_count())
    g(2); g(2, 5)
    print(g.experimental_get_tracing_count())
    print(g(7, 1))
""",
)

_snippet(
    "trace_count_structures",
    """
    @tf.function
    def h(pair):
        print("tracing", type(pair).__name__, len(pair))
        return pair[0] + pair[1]
    print(h([tf.constant(1.0), tf.constant(2.0)]))
    print(h([tf.constant(3.0), tf.constant(4.0)]))
    print(h((tf.constant(1.0), tf.constant(2.0))))
    print(h({0: tf.constant(1.0), 1: tf.constant(5.0)}))
    print(h.experimental_get_tracing_count())
""",
)

_snippet(
    "trace_variables_and_arrays",
    """
    @tf.function
    def f(v):
        print("tracing", isinstance(v, tf.Variable))
        return v + 1
    a = tf.Variable(1.0)
    b = tf.Variable(2.0)
    c = tf.Variable([1.0])
    print(f(a)); print(f(b)); print(f(a)); print(f(c))
    print(f.experimental_get_tracing_count())
    print(f(np.array(1.0)))
    print(f(np.array(2.0)))
    print(f(np.array([1.0, 2.0], dtype=np.float32)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "method_cache_per_instance",
    """
    class Scale:
        def __init__(self, k):
            self.k = k

        @tf.function
        def apply(self, x):
            print("tracing for", self.k)
            return x * self.k
    s1, s2 = Scale(2.0), Scale(3.0)
    print(s1.apply(tf.constant(1.0)))
    print(s1.apply(tf.constant(2.0)))
    print(s2.apply(tf.constant(1.0)))
    print(s1.apply.experimental_get_tracing_count(), s2.apply.experimental_get_tracing_count())
    print(Scale.apply.experimental_get_tracing_count())
""",
)

_snippet(
    "decorator_and_call_forms",
    """
    def plain(x):
        return x + 1
    f1 = tf.function(plain)
    f2 = tf.function(autograph=False)(plain)
    f3 = tf.function(plain, jit_compile=False, reduce_retracing=False)
    print(f1(tf.constant(1)), f2(tf.constant(2)), f3(tf.constant(3)))
    @tf.function()
    def f4(x):
        return x - 1
    print(f4(tf.constant(5)))
    def times(x, y):
        return x * y
    print(tf.function(times)(tf.constant(3.0), 2.0))
""",
)

_snippet(
    "side_effects_trace_time_only",
    """
    calls = []
    @tf.function
    def f(x):
        calls.append(1)
        print("python print")
        tf.print("tf.print", x, output_stream=sys.stdout)
        return x + 1
    for i in range(3):
        f(tf.constant(i))
    print(len(calls))
""",
)

_snippet(
    "tf_print_formatting",
    """
    P = lambda *a, **k: tf.print(*a, output_stream=sys.stdout, **k)
    P(tf.constant(1 / 3))
    P(tf.constant([1.0, 2.0, 3.5]))
    P(tf.constant(1e-8), tf.constant(123456789.0), tf.constant(1e20), tf.constant(1e6))
    P(tf.constant(0.1) + 0.2, tf.constant(100.0), tf.constant(1234567.0))
    P(tf.range(10))
    P(tf.range(10), summarize=-1)
    P(tf.range(10), summarize=2)
    P(tf.reshape(tf.range(24.0), [4, 6]))
    P(tf.reshape(tf.range(8), [2, 2, 2]))
    P("loss:", tf.constant(0.5), 3, [1, tf.constant(2)], {"a": tf.constant(1.0)}, sep="|", end="!\\n")
    P(tf.constant(True), tf.constant([True, False]))
    P(tf.constant("hi"), tf.constant(["a", "b"]))
    P(tf.constant(2.0, tf.float64) / 3)
    P(tf.constant(np.nan), tf.constant([np.inf, -np.inf]), tf.constant(-0.0))
    P(tf.constant(3, tf.int64), tf.constant(1.5, tf.float16))
    P()
    P(tf.Variable(2.0))
    P(tf.reshape(tf.range(100), [10, 10]))
""",
)

_snippet(
    "tf_print_streams",
    """
    tf.print("to stderr by default")
    tf.print("to stdout", output_stream=sys.stdout)
    tf.print("explicit stderr", tf.constant([1, 2]), output_stream=sys.stderr)
    @tf.function
    def f(x):
        tf.print("in function", x)
        tf.print("out", x, output_stream=sys.stdout)
        return x
    f(tf.constant(1.0))
    f(tf.constant(2.0))
""",
)

_snippet(
    "numpy_and_bool_errors",
    """
    @tf.function
    def g(x):
        try:
            x.numpy()
        except Exception as e:
            show_error(e)
        try:
            (x * 2).numpy()
        except Exception as e:
            show_error(e)
        return x
    g(tf.constant([1.0, 2.0]))
    @tf.function(autograph=False)
    def g2(x):
        try:
            bool(x)
        except Exception as e:
            show_error(e)
        return x
    g2(tf.constant([1.0, 2.0]))
""",
)

_snippet(
    "print_traced_tensor",
    """
    @tf.function
    def f(x, y):
        print(x)
        print(repr(y))
        return x
    f(tf.constant(1.0), tf.constant([1, 2]))
    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="batch")])
    def g(x):
        print(x)
        return x
    g(tf.zeros([2, 3]))
""",
)

_snippet(
    "input_signature_calls",
    """
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="inp")])
    def s(x):
        print("tracing", x)
        return x + 1
    print(s(tf.constant([1.0])))
    print(s(tf.constant([1.0, 2.0])))
    print(s([3.0, 4.0, 5.0]))
    print(s.experimental_get_tracing_count())
    for bad in [tf.constant([1, 2]), tf.constant([[1.0]]), 1.0]:
        try:
            s(bad)
        except Exception as e:
            show_error(e)
    try:
        s(tf.constant([1.0]), tf.constant([1.0]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "input_signature_two_args",
    """
    @tf.function(input_signature=[tf.TensorSpec([], tf.int32), tf.TensorSpec([2], tf.float32)])
    def f(n, v):
        print("tracing")
        return tf.cast(n, tf.float32) * v
    print(f(tf.constant(3), tf.constant([1.0, 2.0])))
    print(f(4, [1.0, 0.5]))
    print(f.experimental_get_tracing_count())
    try:
        f(tf.constant(1.0), tf.constant([1.0, 2.0]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "tensorspec_basics",
    """
    spec = tf.TensorSpec([None, 3], tf.float32, name="x")
    print(spec)
    print(repr(tf.TensorSpec(shape=(), dtype=tf.int32)))
    print(spec.shape, spec.dtype, spec.name)
    print(spec.is_compatible_with(tf.zeros([5, 3])), spec.is_compatible_with(tf.zeros([5, 4])))
    print(spec == tf.TensorSpec([None, 3], tf.float32, name="x"))
    print(tf.TensorSpec.from_tensor(tf.constant([1, 2])))
""",
)

_snippet(
    "reduce_retracing",
    """
    @tf.function(reduce_retracing=True)
    def r(x):
        print("tracing", x)
        return tf.reduce_sum(x)
    for n in [1, 2, 3, 4]:
        print(r(tf.ones([n])))
    print(r(tf.ones([2, 2])))
    print(r(tf.ones([3, 3])))
    print(r.experimental_get_tracing_count())
""",
)

_snippet(
    "concrete_function",
    """
    @tf.function
    def f(x, k=2):
        print("tracing", k)
        return {"double": x * k, "orig": x}
    cf = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
    print(f.experimental_get_tracing_count())
    print(cf.structured_outputs["double"].dtype, cf.structured_outputs["orig"].dtype)
    print(cf.inputs[0].shape, cf.inputs[0].dtype)
    out = cf(tf.constant([1.0, 2.0]))
    print(out["double"], out["orig"])
    print(cf(tf.constant([3.0]))["double"])
    print(f.experimental_get_tracing_count())
    cf2 = f.get_concrete_function(tf.constant(1.0), k=3)
    print(cf2(tf.constant(2.0))["double"])
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "concrete_function_from_signature",
    """
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="inp")])
    def s(x):
        return x + 1
    cf = s.get_concrete_function()
    print(cf.structured_outputs.dtype)
    print(cf.inputs)
    print(cf.structured_input_signature)
    print(cf(tf.constant([1.0, 2.0])))
""",
)

_snippet(
    "run_functions_eagerly",
    """
    @tf.function
    def f(x):
        print("python ran", x.numpy())
        return x + 1
    print(tf.config.functions_run_eagerly())
    tf.config.run_functions_eagerly(True)
    print(tf.config.functions_run_eagerly())
    print(f(tf.constant(1.0)))
    print(f(tf.constant(2.0)))
    tf.config.run_functions_eagerly(False)
    print(tf.config.functions_run_eagerly())
    try:
        f(tf.constant(3.0))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "variables_created_once",
    """
    class Dense:
        def __init__(self):
            self.w = None

        @tf.function
        def __call__(self, x):
            print("tracing")
            if self.w is None:
                self.w = tf.Variable(tf.ones([2, 2]))
            return tf.matmul(x, self.w)
    layer = Dense()
    print(layer(tf.constant([[1.0, 2.0]])))
    print(layer(tf.constant([[3.0, 4.0]])))
    print(layer.__call__.experimental_get_tracing_count())
""",
)

_snippet(
    "variables_created_every_call",
    """
    @tf.function
    def mk(x):
        print("tracing")
        v = tf.Variable(x)
        return v.read_value()
    try:
        mk(1.0)
    except Exception as e:
        show_last(e)
""",
)

_snippet(
    "variables_created_on_later_trace",
    """
    state = {}
    @tf.function
    def f(x):
        if x.shape.rank not in state:
            state[x.shape.rank] = tf.Variable(tf.zeros_like(x))
        return state[x.shape.rank].assign_add(x)
    print(f(tf.constant(1.0)))
    try:
        f(tf.constant([1.0]))
    except Exception as e:
        show_last(e)
""",
)

_snippet(
    "variables_read_and_assigned",
    """
    v = tf.Variable(1.0)
    counter = tf.Variable(0)
    @tf.function
    def step(x):
        counter.assign_add(1)
        v.assign(v * x)
        v.assign_sub(0.5)
        return v.read_value() + 1
    print(step(tf.constant(2.0)), v.numpy(), counter.numpy())
    print(step(tf.constant(3.0)), v.numpy(), counter.numpy())
    v.assign(10.0)
    print(step(tf.constant(1.0)), v.numpy(), counter.numpy())
    print(step.experimental_get_tracing_count())
""",
)

_snippet(
    "variable_assign_then_read_order",
    """
    v = tf.Variable([1.0, 2.0])
    @tf.function
    def f():
        a = v.read_value()
        v.assign_add([10.0, 10.0])
        b = v.read_value()
        v.assign([0.0, 1.0])
        return a, b, v.read_value()
    for out in f():
        print(out)
    for out in f():
        print(out)
""",
)

_snippet(
    "captured_tensors_are_constants",
    """
    c = tf.constant(2.0)
    @tf.function
    def f(x):
        return x * c
    print(f(tf.constant(3.0)))
    c = tf.constant(10.0)
    print(f(tf.constant(3.0)))
    v = tf.Variable(2.0)
    @tf.function
    def g(x):
        return x * v
    print(g(tf.constant(3.0)))
    v.assign(10.0)
    print(g(tf.constant(3.0)))
""",
)

_snippet(
    "gradient_tape_inside",
    """
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    b = tf.Variable([0.5, -0.5])
    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            pred = tf.matmul(x, w) + b
            loss = tf.reduce_mean(tf.square(pred - y))
        gw, gb = tape.gradient(loss, [w, b])
        w.assign_sub(0.1 * gw)
        b.assign_sub(0.1 * gb)
        return loss
    x = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    y = tf.constant([[1.0, 1.0], [2.0, 2.0]])
    for i in range(3):
        print(train_step(x, y).numpy())
    print(w.numpy())
    print(b.numpy())
""",
)

_snippet(
    "gradient_outer_tape",
    """
    @tf.function
    def f(x):
        return x * x * x + 2.0 * x
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    print(tape.gradient(y, x))
    with tf.GradientTape() as t2:
        t2.watch(x)
        with tf.GradientTape() as t1:
            t1.watch(x)
            y = f(x)
        dy = t1.gradient(y, x)
    print(dy, t2.gradient(dy, x))
    v = tf.Variable(3.0)
    @tf.function
    def g():
        return v * v
    with tf.GradientTape() as tape:
        z = g()
    print(tape.gradient(z, v))
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = f(x)
    print(acc.jvp(y))
""",
)

_snippet(
    "gradient_function_of_tape",
    """
    @tf.function
    def grad_of_square(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x * x)
        return tape.gradient(y, x)
    print(grad_of_square(tf.constant([1.0, 2.0])))
    print(grad_of_square(tf.constant([3.0, -1.0])))
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        g = grad_of_square(x)
        s = tf.reduce_sum(g * g)
    print(outer.gradient(s, x))
""",
)

_snippet(
    "custom_gradient_inside",
    """
    @tf.custom_gradient
    def clip_grad(x):
        def grad(dy):
            return tf.clip_by_value(dy, -0.5, 0.5)
        return tf.identity(x), grad
    @tf.function
    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = clip_grad(x * 3.0)
        return tape.gradient(y, x)
    print(f(tf.constant(1.0)))
    print(f(tf.constant(2.0)))
""",
)

_snippet(
    "recompute_grad_inside",
    """
    w = tf.Variable(2.0)
    @tf.recompute_grad
    def block(x):
        return tf.sin(x) * x
    @tf.function
    def f(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = block(x)
        return tape.gradient(y, x)
    print(np.round(f(tf.constant(1.0)).numpy(), 5))
    print(np.round(f(tf.constant(0.5)).numpy(), 5))
""",
)

_snippet(
    "nested_functions",
    """
    @tf.function
    def inner(x):
        print("tracing inner")
        return x * 2
    @tf.function
    def outer(x):
        print("tracing outer")
        return inner(x) + inner(x + 1)
    print(outer(tf.constant(1.0)))
    print(outer(tf.constant(2.0)))
    print(inner(tf.constant(5.0)))
    print(inner.experimental_get_tracing_count(), outer.experimental_get_tracing_count())
""",
)

_snippet(
    "python_control_flow_on_python_values",
    """
    @tf.function
    def f(x, n):
        for i in range(n):
            x = x + i
        if n > 2:
            x = -x
        return x
    print(f(tf.constant(1.0), 2))
    print(f(tf.constant(1.0), 3))
    print(f(tf.constant(5.0), 3))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "tensor_if_values",
    """
    @tf.function
    def f(x):
        if x > 0:
            y = x * 2
        else:
            y = -x
        return y
    print(f(tf.constant(3.0)))
    print(f(tf.constant(-4.0)))
    print(f(tf.constant(5.0)))
""",
)

_snippet(
    "outputs_structures",
    """
    @tf.function
    def f(x):
        return {"a": x, "b": [x + 1, (x * 2, None)], "n": 3}
    out = f(tf.constant(1.0))
    print(sorted(out))
    print(out["a"], out["b"][0], out["b"][1][0], out["b"][1][1], out["n"])
    @tf.function
    def g(x):
        return None
    print(g(tf.constant(1.0)))
    @tf.function
    def h(x):
        return x, x
    a, b = h(tf.constant(2.0))
    print(a, b)
""",
)

_snippet(
    "returning_variable",
    """
    v = tf.Variable([1.0, 2.0])
    @tf.function
    def f():
        return v
    out = f()
    print(type(out).__name__ in ("EagerTensor", "ResourceVariable"))
    print(out.numpy())
""",
)

_snippet(
    "integer_and_bool_ops",
    """
    @tf.function
    def f(x, n):
        idx = tf.argmax(x)
        mask = x > 1.0
        count = tf.reduce_sum(tf.cast(mask, tf.int32))
        return idx, count, tf.shape(x), n * 2
    for out in f(tf.constant([0.5, 3.0, 2.0]), tf.constant(4)):
        print(out)
    for out in f(tf.constant([5.0, 0.0, 2.0]), tf.constant(1)):
        print(out)
""",
)

_snippet(
    "cond_traces_both_branches",
    """
    @tf.function
    def f(x):
        def yes():
            print("tracing true branch")
            tf.print("true branch runs", x, output_stream=sys.stdout)
            return x * 2.0
        def no():
            print("tracing false branch")
            tf.print("false branch runs", x, output_stream=sys.stdout)
            return -x
        return tf.cond(x > 0, yes, no)
    print(f(tf.constant(1.0)))
    print(f(tf.constant(-2.0)))
    print(f(tf.constant(3.0)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "switch_case_traces_every_branch",
    """
    @tf.function
    def f(i, x):
        def branch(k):
            def run():
                print("tracing branch", k)
                return x * float(k + 1)
            return run
        return tf.switch_case(i, [branch(0), branch(1), branch(2)])
    print(f(tf.constant(0), tf.constant(1.0)))
    print(f(tf.constant(2), tf.constant(1.0)))
    print(f(tf.constant(7), tf.constant(1.0)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "while_loop_body_traced_once",
    """
    @tf.function
    def f(n):
        def body(i, total):
            print("tracing body")
            return i + 1, total + tf.cast(i, tf.float32)
        def cond(i, total):
            print("tracing cond")
            return i < n
        return tf.while_loop(cond, body, (tf.constant(0), tf.constant(0.0)))[1]
    print(f(tf.constant(4)))
    print(f(tf.constant(10)))
    print(f(tf.constant(0)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "cond_and_loop_gradients_in_function",
    """
    w = tf.Variable(1.5)
    @tf.function
    def step(x, n):
        with tf.GradientTape() as tape:
            y = tf.cond(x > 0, lambda: w * x * x, lambda: w - x)
            _, z = tf.while_loop(lambda i, z: i < n, lambda i, z: (i + 1, z * w), (0, y))
        return z, tape.gradient(z, w)
    for x, n in [(2.0, 2), (-1.0, 3), (3.0, 1)]:
        z, g = step(tf.constant(x), tf.constant(n))
        print(np.round(z.numpy(), 4), np.round(g.numpy(), 4))
    x = tf.constant(2.0)
    @tf.function
    def h(x):
        return tf.cond(x < 1.0, lambda: tf.sin(x), lambda: x ** 3)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = h(x)
    print(tape.gradient(y, x))
""",
)

_snippet(
    "map_fn_in_function",
    """
    @tf.function
    def f(xs):
        def square(v):
            print("tracing fn")
            return v * v
        return tf.map_fn(square, xs)
    print(f(tf.constant([1.0, 2.0, 3.0])))
    print(f(tf.constant([4.0, 5.0, 6.0])))
    print(f.experimental_get_tracing_count())
""",
)

# --------------------------------------------------------------------------
# AutoGraph: a Python if/while/for on a tensor becomes cond/while_loop
# --------------------------------------------------------------------------
_snippet(
    "autograph_if_both_branches_traced",
    """
    @tf.function
    def f(x):
        if x > 0:
            print("true branch")
            y = x * 2
        else:
            print("false branch")
            y = -x
        return y
    print(f(tf.constant(1.0)))
    print(f(tf.constant(-2.0)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_python_if_one_branch",
    """
    @tf.function
    def f(x, flag):
        if flag:
            print("python true")
            x = x + 1
        else:
            print("python false")
        for i in range(3):
            print("unrolled", i)
            x = x * 2
        return x
    print(f(tf.constant(1.0), True))
    print(f(tf.constant(1.0), False))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_while_traced_once",
    """
    @tf.function
    def g(n):
        i = tf.constant(0)
        s = tf.constant(0.0)
        while i < n:
            print("body")
            s += tf.cast(i, tf.float32)
            i += 1
        return s
    print(g(tf.constant(4)))
    print(g(tf.constant(7)))
    print(g(tf.constant(0)))
    print(g.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_for_over_tensor_and_range",
    """
    @tf.function
    def h(x):
        s = tf.constant(0.0)
        for row in x:
            print("row body")
            s = s + tf.reduce_sum(row)
        for i in tf.range(3):
            print("range body")
            s = s + tf.cast(i, tf.float32)
        return s
    print(h(tf.ones([3, 2])))
    print(h(tf.ones([3, 2]) * 2))
    print(h(tf.ones([5, 2])))
    print(h.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_name_in_one_branch",
    """
    @tf.function
    def k(x):
        if x > 0:
            y = x * 2
        return y
    try:
        k(tf.constant(1.0))
    except Exception as e:
        show_last(e)
    @tf.function
    def unused(x):
        if x > 0:
            y = x * 2
        else:
            z = 1
        return x
    print(unused(tf.constant(1.0)))
""",
)

_snippet(
    "autograph_gradients",
    """
    v = tf.Variable(2.0)
    @tf.function
    def step(a):
        with tf.GradientTape() as t:
            if a > 0:
                y = v * v * a
            else:
                y = v
            for i in tf.range(2):
                y = y * v
        return y, t.gradient(y, v)
    for a in [3.0, -3.0]:
        y, g = step(tf.constant(a))
        print(y, g)
    x = tf.constant(1.5)
    @tf.function
    def power(x, n):
        y = tf.ones_like(x)
        i = tf.constant(0)
        while i < n:
            y = y * x
            i += 1
        return y
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = power(x, tf.constant(3))
    print(y, tape.gradient(y, x))
    print(power.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_logical_ops_and_calls",
    """
    def helper(v):
        if v > 1:
            print("helper true")
            v = v + 10
        else:
            print("helper false")
        return v
    @tf.function
    def outer(a):
        if a > 0 and a < 5:
            print("and true")
            a = a + 1
        if not a > 3 or a > 100:
            print("not-or true")
        return helper(a)
    print(outer(tf.constant(2.0)))
    print(outer(tf.constant(9.0)))
    print(outer.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_do_not_convert_and_loop_options",
    """
    @tf.autograph.experimental.do_not_convert
    def plain(v, flag):
        if flag:
            print("plain true")
        else:
            print("plain false")
        return v
    @tf.function
    def f(a):
        for i in tf.range(2):
            tf.autograph.experimental.set_loop_options(parallel_iterations=2)
            a += 1.0
        return plain(a, True)
    print(f(tf.constant(1.0)))
""",
)

_snippet(
    "autograph_loop_variable_shape",
    """
    @tf.function
    def f(n):
        x = tf.constant([1.0])
        i = tf.constant(0)
        while i < n:
            x = tf.concat([x, x], 0)
            i += 1
        return x
    try:
        print(f(tf.constant(2)))
    except Exception as e:
        show_last(e)
    @tf.function
    def g(n):
        x = tf.constant([1.0])
        for i in tf.range(n):
            tf.autograph.experimental.set_loop_options(
                shape_invariants=[(x, tf.TensorShape([None]))])
            x = tf.concat([x, x], 0)
        return x
    print(g(tf.constant(2)))
""",
)

_snippet(
    "autograph_break_continue_in_while",
    """
    @tf.function
    def f(n):
        i = tf.constant(0)
        s = tf.constant(0)
        while i < n:
            i += 1
            if i % 2 == 0:
                continue
            if s > 10:
                print("break branch")
                break
            s += i
        return s
    print(f(tf.constant(10)), f(tf.constant(3)), f(tf.constant(100)))
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_break_continue_in_for",
    """
    @tf.function
    def g(x):
        s = tf.constant(0.0)
        for v in x:
            print("body")
            if v < 0:
                break
            if v > 5:
                continue
            s += v
        return s
    print(g(tf.constant([1.0, 7.0, 2.0, -1.0, 3.0])))
    print(g(tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])))
    print(g.experimental_get_tracing_count())
    @tf.function
    def k(x):
        for i in range(5):
            if i == 3:
                break
            x = x + i
        return x
    print(k(tf.constant(1.0)))
""",
)

_snippet(
    "autograph_early_return",
    """
    @tf.function
    def h(x):
        if x > 0:
            print("trace positive")
            return x * 2
        print("trace rest")
        return -x
    print(h(tf.constant(3.0)), h(tf.constant(-2.0)))
    print(h.experimental_get_tracing_count())
    @tf.function
    def py(xs):
        s = 0
        for v in xs:
            if v > 2:
                return s
            s += v
        return -1
    print(py([1, 2, 3]))
""",
)

_snippet(
    "autograph_jumps_in_try",
    """
    @tf.function
    def g(x):
        s = tf.constant(0)
        for i in tf.range(6):
            print("g body")
            try:
                s += i
                if s > x:
                    break
            finally:
                s += 100
        return s, i
    print(g(tf.constant(2)), g(tf.constant(1000)))
    print(g.experimental_get_tracing_count())
    @tf.function
    def h(x):
        s = tf.constant(0)
        while s < 50:
            print("h body")
            try:
                s += x
                if s % 3 == 0:
                    continue
                s += 1
            except ValueError:
                pass
            else:
                s += 10
        return s
    print(h(tf.constant(2)), h(tf.constant(3)))
    print(h.experimental_get_tracing_count())
""",
)

_snippet(
    "autograph_return_in_tensor_loop",
    """
    @tf.function
    def f(x):
        for i in tf.range(10):
            if i > x:
                return i * 2
        return -1
    try:
        f(tf.constant(3))
    except NotImplementedError as e:
        show_last(e)
    @tf.function
    def g(x):
        s = tf.constant(0)
        while s < 100:
            s += x
            if s > 50:
                return s
        return -s
    try:
        g(tf.constant(7))
    except NotImplementedError as e:
        show_last(e)
    @tf.function
    def py(x):
        for k in range(4):
            if k == 2:
                return x + k
        return x
    print(py(tf.constant(1)))
""",
)
