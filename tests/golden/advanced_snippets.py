"""Advanced-autodiff snippets: jacobians, custom gradients, recomputation, Hessians.

Same format and rules as ``behaviour_snippets.py`` (see its docstring): each
entry of ``SNIPPETS`` is a small program that sees ``tf``, ``np`` and
``show_error``; ``make_snippets_golden.py`` records what TensorFlow prints
into ``advanced.json`` and ``tests/test_snippets_golden.py`` replays the
programs on tapeflow.

Sections (name prefixes):

* ``jac_`` / ``bjac_``: ``GradientTape.jacobian`` / ``batch_jacobian`` (spec section 4);
* ``cg_``, ``rg_``, ``gpt_``: ``tf.custom_gradient``, ``tf.recompute_grad``,
  ``tf.grad_pass_through`` (spec section 5);
* ``hess_``: higher-order gradients and Hessians (spec section 6);
* ``guide_``: the programs of TensorFlow's "Advanced automatic differentiation"
  guide, with the Keras layers written by hand as ``tf.Variable`` weights and
  fixed data instead of random draws.

TensorFlow logs a "Calling GradientTape.gradient on a persistent tape inside
its context" warning once per process for all jacobian calls, so no snippet
calls ``jacobian`` inside a persistent tape's own block (tests/test_jacobian.py
checks that warning). Errors from the vectorized loop that carry user-code
frames are not used either (the frames name the snippet's file).
"""

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


# The snippets keep the compact `_snippet(name, """...""")` layout of behaviour_snippets.py.
# fmt: off

# Hand-written dense layers and fixed data shared by the guide programs.
_DENSE = """
    def dense_layer(n_in, n_out, seed):
        kernel = tf.Variable((np.sin(np.arange(n_in * n_out) * 0.7 + seed) * 0.5)
                             .reshape(n_in, n_out).astype(np.float32), name='kernel')
        bias = tf.Variable((np.cos(np.arange(n_out) + seed) * 0.1).astype(np.float32),
                           name='bias')
        return kernel, bias

    def dense(x, layer, activation):
        kernel, bias = layer
        return activation(tf.matmul(x, kernel) + bias)

    x_data = tf.constant((np.cos(np.arange(35) * 1.3) * 1.5).reshape(7, 5).astype(np.float32))
"""


# ------------------------------------------------------------- §4 jacobian --

_snippet("jac_shapes", """
    a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = tf.constant([[1.0, 0.0, 2.0, 1.0], [0.0, 1.0, 1.0, 2.0], [1.0, 1.0, 0.0, 3.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, b])
        y = tf.matmul(a, b)
    ja, jb = tape.jacobian(y, [a, b])
    print(y.shape, ja.shape, jb.shape)
    print(ja[1, 2])
    print(jb[0, 3])

    s = tf.constant(3.0)
    v = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([s, v])
        y_scalar = s * s
        y_vector = s * v
    print(tape.jacobian(y_scalar, s))
    print(tape.jacobian(y_vector, s))
    print(tape.jacobian(y_scalar, v))
""")

_snippet("jac_square_diagonal", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    print(tape.jacobian(y, x))
""")

_snippet("jac_values_mixed", """
    x = tf.constant([1.0, 2.0, 3.0])
    w = tf.constant([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, w])
        h = x * x + 1.0
        y = tf.matmul(h[None, :], w)[0] - tf.reduce_sum(x)
    jx, jw = tape.jacobian(y, [x, w])
    print(jx)
    print(jw.shape)
    print(jw[1])
""")

_snippet("jac_nested_sources", """
    x = tf.constant([1.0, 2.0])
    y = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch([x, y])
        z = x * y
    j = tape.jacobian(z, {'b': (x,), 'a': [y, x]})
    print(sorted(j))
    print(j['a'][0])
    print(j['a'][1])
    print(type(j['b']).__name__, j['b'][0])
""")

_snippet("jac_unconnected", """
    x = tf.constant([1.0, 2.0])
    c = tf.constant([[1.0, 2.0, 3.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, c])
        y = x * x
    print(tape.jacobian(y, [x, c])[1])
    z = tape.jacobian(y, [x, c], unconnected_gradients=tf.UnconnectedGradients.ZERO)[1]
    print(z)
    print(tape.jacobian(y, c, unconnected_gradients='zero').shape)
    print(tape.jacobian(y, [c], experimental_use_pfor=False))
    print(tape.jacobian(y, c, unconnected_gradients='zero', experimental_use_pfor=False).shape)
""")

_snippet("jac_unwatched_and_target_is_source", """
    x = tf.constant([1.0, 2.0])
    c = tf.constant([5.0, 6.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * c
    print(tape.jacobian(y, c))
    print(tape.jacobian(x, x))
    print(tape.jacobian(c, c))
    print(tape.gradient(c, c))

    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = v * v
    print(tape.jacobian(v, v))
""")

_snippet("jac_variable_sources", """
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name='w')
    b = tf.Variable([0.5, -0.5], name='b')
    x = tf.constant([[1.0, -1.0]])
    with tf.GradientTape() as tape:
        y = tf.matmul(x, w) + b
    jw, jb = tape.jacobian(y, [w, b])
    print(jw.shape, jb.shape)
    print(jw)
    print(jb)
""")

_snippet("jac_int_target_and_dtypes", """
    x = tf.constant([1.5, 2.5])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.cast(x, tf.int32)
        z = tf.cast(x, tf.float64) * 2.0
    print(tape.jacobian(y, x))
    print(tape.jacobian(y, x, unconnected_gradients='zero'))
    print(tape.jacobian(z, x))

    xd = tf.constant([1.0, 2.0], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(xd)
        y = tf.cast(xd, tf.float32) * 3.0
    print(repr(tape.jacobian(y, xd)))
""")

_snippet("jac_empty", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x[:0] * 2.0
    print(repr(tape.jacobian(y, x)))
    e = tf.zeros([0])
    with tf.GradientTape() as tape:
        tape.watch(e)
        s = tf.reduce_sum(e)
    print(repr(tape.jacobian(s, e)))
""")

_snippet("jac_nonpersistent_consumed", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    print(tape.jacobian(y, x))
    try:
        tape.jacobian(y, x)
    except Exception as e:
        show_error(e)
    try:
        tape.gradient(y, x)
    except Exception as e:
        show_error(e)
    print(tape.watched_variables())
""")

_snippet("jac_inside_nonpersistent_block", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x * x
        print(tape.jacobian(y, x))
        z = y * 2.0
        try:
            tape.jacobian(z, x)
        except Exception as e:
            show_error(e)
""")

_snippet("jac_no_pfor", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.sin(x) * x
    try:
        tape.jacobian(y, x, experimental_use_pfor=False)
    except Exception as e:
        show_error(e)
    # The failed call did not consume the tape.
    print(np.round(tape.jacobian(y, x).numpy(), 4))

    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.sin(x) * x
    loop = tape.jacobian(y, x, experimental_use_pfor=False)
    vectorized = tape.jacobian(y, x)
    print(np.round(loop.numpy(), 4))
    print(np.allclose(loop.numpy(), vectorized.numpy()))
    print(tape.jacobian(y, x, parallel_iterations=2).shape)
    for n in (1, 0):
        try:
            tape.jacobian(y, x, parallel_iterations=n)
        except Exception as e:
            show_error(e)
    print(tape.jacobian(y, x, parallel_iterations=1, experimental_use_pfor=False).shape)
""")

_snippet("jac_parallel_iterations", """
    x = tf.constant([0.5, -1.0, 2.0, 1.5, -0.25])
    c = tf.constant([[0.5], [-1.0], [2.0], [1.5], [-0.25]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, c])
        y = x * tf.reduce_sum(x * x)
        s = x[:, None] * x[None, :]
        b = c * tf.reshape(c, [1, 5])
    for n in (None, 2, 3, 5, 8):
        print(n, tape.jacobian(y, x, parallel_iterations=n)[1])
    print(tape.jacobian(s, x, parallel_iterations=4).shape)
    print(tape.batch_jacobian(b, c, parallel_iterations=2)[:, 1])
    print(tape.jacobian(b, c, parallel_iterations=3)[1, 2])
""")

_snippet("jac_target_errors", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    for target in ([y], None, 3.0):
        try:
            tape.jacobian(target, x)
        except Exception as e:
            show_error(e)
""")

_snippet("jac_source_errors", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    for pfor in (True, False):
        for sources in (None, 3.0, [x, None]):
            try:
                tape.jacobian(y, sources, experimental_use_pfor=pfor)
            except Exception as e:
                show_error(e)
        try:
            tape.jacobian(y, x, unconnected_gradients='bad', experimental_use_pfor=pfor)
        except Exception as e:
            show_error(e)
    print(tape.jacobian(y, []))
""")

# -------------------------------------------------------- §4 batch_jacobian --

_snippet("bjac_square", """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    print(tape.batch_jacobian(y, x))
""")

_snippet("bjac_shapes_and_values", """
    x = tf.constant([[1.0, 2.0], [3.0, -1.0]])
    w = tf.constant([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.5]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.matmul(x * x, w)
        y3 = tf.reshape(y, [2, 3, 1])
    j = tape.batch_jacobian(y, x)
    print(j.shape)
    print(j)
    print(tape.batch_jacobian(y3, x).shape)
    full = tape.jacobian(y, x)
    print(np.allclose(j.numpy(), np.stack([full[i, :, i, :].numpy() for i in range(2)])))
""")

_snippet("bjac_cross_example_dropped", """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * tf.reduce_sum(x)
    print(tape.batch_jacobian(y, x))
    print(tape.jacobian(y, x)[0, :, 0, :])
""")

_snippet("bjac_errors", """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    for target, source in [(y[0], x), (y, x[0]), (tf.zeros([4, 2]), x)]:
        try:
            tape.batch_jacobian(target, source)
        except Exception as e:
            show_error(e)
    for target, source in [([y], x), (y, [x]), (y, None)]:
        try:
            tape.batch_jacobian(target, source)
        except Exception as e:
            show_error(e)
    for pfor in (True, False):
        try:
            tape.batch_jacobian(y, x, unconnected_gradients='bad', experimental_use_pfor=pfor)
        except Exception as e:
            show_error(e)
""")

_snippet("bjac_unconnected_zeros", """
    x = tf.constant([[1.0, 2.0]])
    c = tf.constant([[1.0, 2.0, 3.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, c])
        y = x * 2.0
        i = tf.constant([[1, 2]])
    print(tape.batch_jacobian(y, c))
    print(tape.batch_jacobian(y, c, unconnected_gradients='none'))
    print(tape.batch_jacobian(i, x))

    xd = tf.constant([[1.0, 2.0]], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(xd)
        y = tf.zeros([1, 3])
    print(repr(tape.batch_jacobian(y, xd)))
""")

_snippet("bjac_nonpersistent", """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    try:
        tape.batch_jacobian(y, x, experimental_use_pfor=False)
    except Exception as e:
        show_error(e)
    print(tape.batch_jacobian(y, x))
    try:
        tape.batch_jacobian(y, x)
    except Exception as e:
        show_error(e)
    try:
        tape.jacobian(y, x)
    except Exception as e:
        show_error(e)
""")

_snippet("bjac_no_pfor_persistent", """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.matmul(x * x, tf.constant([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.5]])) + x[:, :1]
    loop = tape.batch_jacobian(y, x, experimental_use_pfor=False)
    print(loop)
    print(np.array_equal(loop.numpy(), tape.batch_jacobian(y, x).numpy()))
""")

# ------------------------------------------------------ §5 custom_gradient --

_snippet("cg_decorator_forms", """
    @tf.custom_gradient
    def double(x):
        def grad(dy):
            return dy * 10.0
        return 2.0 * x, grad

    @tf.custom_gradient()
    def triple(x):
        def grad(dy):
            return dy * 100.0
        return 3.0 * x, grad

    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        a = double(x)
        b = triple(x)
    print(a, b)
    print(tape.gradient(a, x), tape.gradient(b, x), tape.gradient(a + b, x))
    print(double.__name__, triple.__name__)
    print(double(tf.constant(5.0)))
""")

_snippet("cg_upstream_values", """
    @tf.custom_gradient
    def pair(x):
        def grad(d_first, d_second):
            print('upstream', d_first, d_second)
            return d_first + 10.0 * d_second
        return (x * 2.0, {'k': x * 3.0}), grad

    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        first, rest = pair(x)
        second = rest['k']
        weighted = 5.0 * first
    print(first, second)
    print(tape.gradient(first, x))
    print(tape.gradient(second, x))
    print(tape.gradient([first, second], x))
    print(tape.gradient(weighted, x))
""")

_snippet("cg_vector_upstream", """
    @tf.custom_gradient
    def scaled(x):
        def grad(dy):
            print('upstream', dy)
            return dy * tf.constant([1.0, 2.0, 3.0])
        return x * 1.0, grad

    x = tf.constant([1.0, 1.0, 1.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = scaled(x)
    print(tape.gradient(y, x))
    print(tape.gradient(y, x, output_gradients=tf.constant([4.0, 5.0, 6.0])))
""")

_snippet("cg_several_inputs_and_none", """
    @tf.custom_gradient
    def f(x, y):
        def grad(dz):
            return dz * y, None
        return x * y, grad

    x = tf.constant(2.0)
    y = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        z = f(x, y)
    print(tape.gradient(z, [x, y]))
    print(tape.gradient(z, [x, y], unconnected_gradients='zero'))
""")

_snippet("cg_nested_and_python_args", """
    @tf.custom_gradient
    def f(pair, c, scale):
        def grad(dy):
            return [dy, 2.0 * dy, 3.0 * dy, None]
        return pair[0] * pair[1] * c * scale, grad

    x = tf.constant(2.0)
    y = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch([x, y])
        z = f((x, y), x, 4.0)
    print(z)
    print(tape.gradient(z, [x, y]))
""")

_snippet("cg_keyword_tensor_args", """
    @tf.custom_gradient
    def f(a, b=None):
        def grad(dy):
            return dy * 10.0
        return a * b, grad

    x = tf.constant(2.0)
    y = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch([x, y])
        z = f(x, b=y)
    print(z, tape.gradient(z, [x, y]))
""")

_snippet("cg_count_mismatch", """
    @tf.custom_gradient
    def f(a, b):
        def grad(dy):
            return dy
        return a * b, grad

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        z = f(x, x)
    try:
        tape.gradient(z, x)
    except Exception as e:
        show_error(e)
""")

_snippet("cg_shapes_and_types_not_checked", """
    @tf.custom_gradient
    def wide(a):
        def grad(dy):
            return tf.constant([1.0, 2.0, 3.0])
        return a * 3.0, grad

    @tf.custom_gradient
    def pyfloat(a):
        def grad(dy):
            return 2.0
        return a * 3.0, grad

    @tf.custom_gradient
    def other_dtype(a):
        def grad(dy):
            return tf.constant(1.5, tf.float64)
        return a * 3.0, grad

    x = tf.constant(2.0)
    for f in (wide, pyfloat, other_dtype):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        g = tape.gradient(y, x)
        print(type(g).__name__, g)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = pyfloat(x * 1.0)
    print(tape.gradient(y, x))
""")

_snippet("cg_python_number_output", """
    @tf.custom_gradient
    def f(a):
        def grad(dy):
            return dy * 7.0
        return 4.0, grad

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    print(repr(y))
    print(tape.gradient(y, x))
""")

_snippet("cg_exception_in_grad_fn", """
    @tf.custom_gradient
    def f(a):
        def grad(dy):
            raise RuntimeError('custom grad failed')
        return a * 2.0, grad

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    try:
        tape.gradient(y, x)
    except Exception as e:
        show_error(e)
""")

_snippet("cg_not_watched_and_closure", """
    @tf.custom_gradient
    def f(a):
        def grad(dy):
            return dy * 100.0
        return a * 2.0, grad

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        y = f(x)
    print(tape.gradient(y, x))

    w = tf.constant(5.0)

    @tf.custom_gradient
    def uses_w(a):
        def grad(dy):
            return dy * 100.0
        return a * w, grad

    with tf.GradientTape(persistent=True) as tape:
        tape.watch(w)
        y = uses_w(x)
    print(tape.gradient(y, [w, x]))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([w, x])
        y = uses_w(x)
    print(tape.gradient(y, [w, x]))
""")

_snippet("cg_variables_missing_keyword", """
    v = tf.Variable(3.0)

    @tf.custom_gradient
    def f(a):
        def grad(dy):
            return dy
        return a * v, grad

    x = tf.constant(2.0)
    try:
        f(x)
    except Exception as e:
        show_error(e)
    with tf.GradientTape() as tape:
        tape.watch(x)
        try:
            f(x)
        except Exception as e:
            show_error(e)
""")

_snippet("cg_variables_keyword_forms", """
    v = tf.Variable(3.0, name='v')
    x = tf.constant(2.0)

    @tf.custom_gradient
    def positional(a):
        def grad(dy, variables=None):
            print([w.name for w in variables])
            return dy * 7.0, [dy * 11.0]
        return a * v, grad

    @tf.custom_gradient
    def keyword_only(a):
        def grad(dy, *, variables):
            return dy * 7.0, [None]
        return a * v, grad

    @tf.custom_gradient
    def var_keywords(a):
        def grad(dy, **kwargs):
            print(sorted(kwargs))
            return dy * 7.0, [dy]
        return a * v, grad

    for f in (positional, keyword_only, var_keywords):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        print(y, tape.gradient(y, [x, v]))
""")

_snippet("cg_variables_wrong_count", """
    v = tf.Variable(3.0)
    x = tf.constant(2.0)

    @tf.custom_gradient
    def f(a):
        def grad(dy, variables):
            return dy * 7.0, []
        return a * v, grad

    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    try:
        tape.gradient(y, [x, v])
    except Exception as e:
        show_error(e)
""")

_snippet("cg_variables_rules", """
    v = tf.Variable(3.0, name='v')
    frozen = tf.Variable(5.0, trainable=False, name='frozen')
    p = tf.Variable(1.0, name='p')
    q = tf.Variable(2.0, name='q')
    x = tf.constant(2.0)

    @tf.custom_gradient
    def uses_frozen(a):
        def grad(dy):
            return dy
        return a * frozen, grad

    @tf.custom_gradient
    def as_argument(a, var):
        def grad(dy):
            return dy * 2.0, dy * 3.0
        return a * var, grad

    @tf.custom_gradient
    def two_variables(a):
        def grad(dy, variables):
            print([w.name for w in variables])
            return dy, [dy * 0.0 + 1.0, dy * 0.0 + 2.0]
        return a * q * p, grad

    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y1 = uses_frozen(x)
        y2 = as_argument(x, v)
        y3 = two_variables(x)
    print(tape.gradient(y1, x))
    print(tape.gradient(y2, [x, v]))
    print(tape.gradient(y3, [x, p, q]))
    print([w.name for w in tape.watched_variables()])

    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y3 = two_variables(x)
    print(tape.watched_variables(), tape.gradient(y3, p))
""")

_snippet("cg_forward_mode", """
    a = tf.constant(2.0)

    @tf.custom_gradient
    def real_ops(x):
        def grad(dy):
            return 100.0 * dy
        return 2.0 * x, grad

    @tf.custom_gradient
    def stopped(x):
        def grad(dy):
            return 3.0 * dy
        return tf.stop_gradient(x) * 2.0, grad

    @tf.custom_gradient
    def constant_output(x):
        def grad(dy):
            return 3.0 * dy
        return tf.constant(5.0), grad

    for f in (real_ops, stopped, constant_output):
        with tf.autodiff.ForwardAccumulator(a, tf.constant(1.0)) as acc:
            y = f(a)
        print(y, acc.jvp(y))
""")

_snippet("cg_second_order", """
    @tf.custom_gradient
    def cube(x):
        def grad(dy):
            return dy * 3.0 * x * x
        return x * x * x, grad

    @tf.custom_gradient
    def cube_wrong_second(x):
        def grad(dy):
            return dy * 3.0 * tf.stop_gradient(x * x)
        return x * x * x, grad

    x = tf.constant(2.0)
    for f in (cube, cube_wrong_second):
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = f(x)
            dy = inner.gradient(y, x)
        print(dy, outer.gradient(dy, x))
""")

_snippet("cg_method", """
    class Scaler:
        def __init__(self, factor):
            self.factor = factor

        @tf.custom_gradient
        def apply(self, x):
            def grad(dy):
                return dy * self.factor * 10.0
            return x * self.factor, grad

    s = Scaler(3.0)
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = s.apply(x)
    print(y, tape.gradient(y, x))
""")

_snippet("cg_in_jacobian", """
    @tf.custom_gradient
    def normalized(x):
        def grad(dy):
            # Mixes the elements of the upstream gradient: each row of a
            # jacobian must see its own upstream.
            return dy * 2.0 / (1.0 + tf.reduce_sum(dy * dy))
        return x * x, grad

    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = normalized(x) * tf.constant([1.0, 2.0, 3.0])
    print(tape.jacobian(y, x))
    print(tape.jacobian(y, x, experimental_use_pfor=False))
    print(tape.gradient(y, x))
""")

_snippet("cg_log1pexp_docs", """
    def log1pexp_naive(x):
        return tf.math.log(1 + tf.exp(x))

    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)
        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

    for f in (log1pexp_naive, log1pexp):
        for value in (0.0, 100.0):
            x = tf.constant(value)
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = f(x)
            print(f.__name__, value, y, tape.gradient(y, x))
""")

_snippet("cg_log1pexp_second_order", """
    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)
        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

    x = tf.constant([-1.0, 0.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = log1pexp(x)
        g = inner.gradient(y, x)
    print(np.round(g.numpy(), 5))
    print(np.round(outer.gradient(g, x).numpy(), 5))
""")

# ------------------------------------------------------- §5 recompute_grad --

_snippet("rg_call_counts", """
    calls = []

    def block(a):
        calls.append('f')
        return tf.sin(a) * a

    checkpointed = tf.recompute_grad(block)
    print(checkpointed.__name__)
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = checkpointed(checkpointed(checkpointed(x)))
    print(len(calls))
    g = tape.gradient(y, x)
    print(len(calls), np.round(g.numpy(), 4))

    with tf.GradientTape() as tape:
        tape.watch(x)
        y = block(block(block(x)))
    print(np.round(tape.gradient(y, x).numpy(), 4))
    print(np.round(checkpointed(x).numpy(), 4))
""")

_snippet("rg_variables", """
    v = tf.Variable(3.0, name='v')
    scaled = tf.recompute_grad(lambda a: a * v * v)
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = scaled(x)
    print(y, tape.gradient(y, [x, v]))
    print([w.name for w in tape.watched_variables()])
""")

_snippet("rg_unconnected_and_structures", """
    x = tf.constant(2.0)
    c = tf.constant(1.0)
    first_only = tf.recompute_grad(lambda a, b: a * 2.0)
    with tf.GradientTape() as tape:
        tape.watch([x, c])
        y = first_only(x, c)
    print(tape.gradient(y, [x, c]))

    two = tf.recompute_grad(lambda a: (a * 2.0, a * a))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y1, y2 = two(x)
    print(tape.gradient(y1, x), tape.gradient(y2, x), tape.gradient([y1, y2], x))

    keyword = tf.recompute_grad(lambda a, b=None: a * b)
    with tf.GradientTape() as tape:
        tape.watch([x, c])
        y = keyword(x, b=c)
    print(tape.gradient(y, [x, c]))
""")

_snippet("rg_second_order_and_jacobian", """
    f = tf.recompute_grad(lambda a: a * a * a)
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    print(g, outer.gradient(g, x))

    xs = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(xs)
        y = f(xs)
    print(tape.jacobian(y, xs))
""")

_snippet("rg_forward_mode", """
    f = tf.recompute_grad(lambda a: a * a)
    x = tf.constant(2.0)
    try:
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
            print('inside')
            y = f(x)
            print('not reached')
    except Exception as e:
        show_error(e)

    def named(a):
        return a * 3.0

    g = tf.recompute_grad(named)
    try:
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
            g(x)
    except Exception as e:
        show_error(e)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = g(tf.constant(5.0))
    print(y, acc.jvp(y))
""")

# ---------------------------------------------------- §5 grad_pass_through --

_snippet("gpt_assign", """
    x = tf.Variable(1.0, name='x')
    z = tf.Variable(3.0, name='z')
    with tf.GradientTape() as tape:
        y = tf.grad_pass_through(x.assign)(z ** 2)
    print(y)
    print(tape.gradient(y, z))
    print(x)
""")

_snippet("gpt_non_differentiable_forward", """
    def quantize(t):
        return tf.cast(tf.cast(t * 4.0, tf.int32), tf.float32) / 4.0

    x = tf.constant([0.3, 1.7, -0.9])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        plain = quantize(x)
        passed = tf.grad_pass_through(quantize)(x)
        loss = tf.reduce_sum(passed * passed)
    print(plain, passed)
    print(tape.gradient(plain, x))
    print(tape.gradient(passed, x))
    print(tape.gradient(loss, x))
    print(tf.grad_pass_through(quantize).__name__)
""")

_snippet("gpt_forward_mode", """
    x = tf.Variable(1.0)
    z = tf.Variable(3.0)
    with tf.autodiff.ForwardAccumulator(z, tf.constant(1.0)) as acc:
        y = tf.grad_pass_through(x.assign)(z ** 2)
    print(y, acc.jvp(y))
    a = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(a, tf.constant(1.0)) as acc:
        y = tf.grad_pass_through(lambda t: tf.cast(tf.cast(t, tf.int32), tf.float32))(a * 1.5)
    print(y, acc.jvp(y))
""")

# ----------------------------------------------------- §6 higher order --

_snippet("hess_single_persistent_tape", """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x * x
        dy = tape.gradient(y, x)
        d2y = tape.gradient(dy, x)
    d3y = tape.gradient(d2y, x)
    print(dy, d2y, d3y)
    print(tape.gradient(d3y, x))
""")

_snippet("hess_jacobian_of_gradient", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(x ** 3) + x[0] * x[1]
        g = inner.gradient(y, x)
    h = outer.jacobian(g, x)
    print(g)
    print(h)
""")

_snippet("hess_jacobian_loop_and_variables", """
    w = tf.Variable([[1.0, -1.0], [0.5, 2.0]], name='w')
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]])
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.matmul(x, w) ** 3)
        g = inner.gradient(y, w)
    h = outer.jacobian(g, w)
    print(g)
    print(h.shape)
    print(h[0, 1])
    loop = outer.jacobian(g, w, experimental_use_pfor=False)
    print(np.allclose(h.numpy(), loop.numpy()))
""")

_snippet("hess_per_example_batch_jacobian", """
    x = tf.constant([[1.0, 2.0], [3.0, -1.0], [0.0, 0.5]])
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(x ** 3, axis=1) + x[:, 0] * x[:, 1]
        g = inner.gradient(y, x)
    print(g)
    print(outer.batch_jacobian(g, x))
""")

_snippet("hess_third_order_via_jacobians", """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = x[0] ** 2 * x[1] ** 3
            g = t1.gradient(y, x)
        h = t2.jacobian(g, x)
    k = t3.jacobian(h, x)
    print(g)
    print(h)
    print(k.shape)
    print(k)
""")

_snippet("hess_hvp_forward_over_backward", """
    x = tf.constant([1.0, 2.0, 3.0])
    v = tf.constant([1.0, 0.0, -1.0])
    with tf.autodiff.ForwardAccumulator(x, v) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x ** 3) + x[0] * x[2]
        g = tape.gradient(y, x)
    print(g)
    print(acc.jvp(g))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(x ** 3) + x[0] * x[2]
        g = inner.gradient(y, x)
    h = outer.jacobian(g, x)
    print(tf.matmul(h, v[:, None])[:, 0])
""")

# ------------------------------------------------- the advanced autodiff guide --

_snippet("guide_stop_recording", """
    x = tf.Variable(2.0)
    y = tf.Variable(3.0)

    with tf.GradientTape() as t:
        x_sq = x * x
        with t.stop_recording():
            y_sq = y * y
        z = x_sq + y_sq

    grad = t.gradient(z, {'x': x, 'y': y})

    print('dz/dx:', grad['x'])  # 2*x => 4
    print('dz/dy:', grad['y'])
""")

_snippet("guide_reset", """
    x = tf.Variable(2.0)
    y = tf.Variable(3.0)
    reset = True

    with tf.GradientTape() as t:
        y_sq = y * y
        if reset:
            # Throw out all the tape recorded so far.
            t.reset()
        z = x * x + y_sq

    grad = t.gradient(z, {'x': x, 'y': y})

    print('dz/dx:', grad['x'])  # 2*x => 4
    print('dz/dy:', grad['y'])
""")

_snippet("guide_stop_gradient", """
    x = tf.Variable(2.0)
    y = tf.Variable(3.0)

    with tf.GradientTape() as t:
        y_sq = y**2
        z = x**2 + tf.stop_gradient(y_sq)

    grad = t.gradient(z, {'x': x, 'y': y})

    print('dz/dx:', grad['x'])  # 2*x => 4
    print('dz/dy:', grad['y'])
""")

_snippet("guide_clip_gradients", """
    # Establish an identity operation, but clip during the gradient pass.
    @tf.custom_gradient
    def clip_gradients(y):
        def backward(dy):
            return tf.clip_by_norm(dy, 0.5)
        return y, backward

    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        output = clip_gradients(v * v)
    print(t.gradient(output, v))  # calls "backward", which clips 4 to 2
""")

_snippet("guide_multiple_tapes", """
    x0 = tf.constant(0.0)
    x1 = tf.constant(0.0)

    with tf.GradientTape() as tape0, tf.GradientTape() as tape1:
        tape0.watch(x0)
        tape1.watch(x1)

        y0 = tf.math.sin(x0)
        y1 = tf.nn.sigmoid(x1)

        y = y0 + y1

        ys = tf.reduce_sum(y)

    print(tape0.gradient(ys, x0).numpy())   # cos(x) => 1.0
    print(tape1.gradient(ys, x1).numpy())   # sigmoid(x1)*(1-sigmoid(x1)) => 0.25
""")

_snippet("guide_higher_order", """
    x = tf.Variable(1.0)  # Create a Tensorflow variable initialized to 1.0

    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = x * x * x

        # Compute the gradient inside the outer `t2` context manager
        # which means the gradient computation is differentiable as well.
        dy_dx = t1.gradient(y, x)
    d2y_dx2 = t2.gradient(dy_dx, x)

    print('dy_dx:', dy_dx.numpy())  # 3 * x**2 => 3.0
    print('d2y_dx2:', d2y_dx2.numpy())  # 6 * x => 6.0
""")

_snippet("guide_input_gradient_regularization", _DENSE + """
    x = x_data
    layer = dense_layer(5, 10, seed=1.0)

    with tf.GradientTape() as t2:
        # The inner tape only takes the gradient with respect to the input,
        # not the variables.
        with tf.GradientTape(watch_accessed_variables=False) as t1:
            t1.watch(x)
            y = dense(x, layer, tf.nn.relu)
            out = tf.reduce_sum(dense(x, layer, tf.nn.relu)**2)
        # 1. Calculate the input gradient.
        g1 = t1.gradient(out, x)
        # 2. Calculate the magnitude of the input gradient.
        g1_mag = tf.norm(g1)

    # 3. Calculate the gradient of the magnitude with respect to the model.
    dg1_mag = t2.gradient(g1_mag, list(layer))
    print([var.shape for var in dg1_mag])
    print(np.round(g1_mag.numpy(), 3))
    print(np.round(dg1_mag[1].numpy(), 3))
""")

_snippet("guide_jacobian_scalar_source", """
    x = tf.linspace(-10.0, 10.0, 200+1)
    delta = tf.Variable(0.0)

    with tf.GradientTape() as tape:
        y = tf.nn.sigmoid(x+delta)

    dy_dx = tape.jacobian(y, delta)
    print(y.shape)
    print(dy_dx.shape)
    print(np.round(dy_dx.numpy()[96:105], 4))
""")

_snippet("guide_jacobian_tensor_source", _DENSE + """
    x = x_data
    layer = dense_layer(5, 10, seed=2.0)
    kernel = layer[0]

    with tf.GradientTape(persistent=True) as tape:
        y = dense(x, layer, tf.nn.relu)

    print(y.shape)
    print(kernel.shape)
    j = tape.jacobian(y, kernel)
    print(j.shape)
    g = tape.gradient(y, kernel)
    print('g.shape:', g.shape)

    j_sum = tf.reduce_sum(j, axis=[0, 1])
    delta = tf.reduce_max(abs(g - j_sum)).numpy()
    assert delta < 1e-3
    print('delta < 1e-3:', delta < 1e-3)
    print(np.round(j_sum[1].numpy(), 3))
    print(np.round(j[2, 4].numpy()[:, 4], 3))
""")

_snippet("guide_hessian_newton_step", _DENSE + """
    x = x_data
    layer1 = dense_layer(5, 8, seed=3.0)
    layer2 = dense_layer(8, 6, seed=4.0)
    kernel1 = layer1[0]

    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            x = dense(x, layer1, tf.nn.relu)
            x = dense(x, layer2, tf.nn.relu)
            loss = tf.reduce_mean(x**2)

        g = t1.gradient(loss, kernel1)

    h = t2.jacobian(g, kernel1)

    print(f'layer.kernel.shape: {kernel1.shape}')
    print(f'h.shape: {h.shape}')

    n_params = tf.reduce_prod(kernel1.shape)

    g_vec = tf.reshape(g, [n_params, 1])
    h_mat = tf.reshape(h, [n_params, n_params])
    print(n_params, g_vec.shape, h_mat.shape)
    print('symmetric:', np.allclose(h_mat.numpy(), h_mat.numpy().T, atol=1e-5))

    eps = 1e-3
    eye_eps = tf.eye(h_mat.shape[0])*eps

    # X(k+1) = X(k) - (∇²f(X(k)))^-1 @ ∇f(X(k))
    # h_mat = ∇²f(X(k))
    # g_vec = ∇f(X(k))
    update = tf.linalg.solve(h_mat + eye_eps, g_vec)

    # Reshape the update and apply it to the variable.
    _ = kernel1.assign_sub(tf.reshape(update, kernel1.shape))
    print(np.round(loss.numpy(), 4))
    print(np.round(np.diag(h_mat.numpy())[:8], 4))
""")

_snippet("guide_batch_jacobian", _DENSE + """
    x = x_data
    layer1 = dense_layer(5, 8, seed=5.0)
    layer2 = dense_layer(8, 6, seed=6.0)

    with tf.GradientTape(persistent=True, watch_accessed_variables=False) as tape:
        tape.watch(x)
        y = dense(x, layer1, tf.nn.elu)
        y = dense(y, layer2, tf.nn.elu)

    print(y.shape)
    j = tape.jacobian(y, x)
    print(j.shape)
    print('off-diagonal block is zero:', float(tf.reduce_max(tf.abs(j[0, :, 1, :]))) == 0.0)

    j_sum = tf.reduce_sum(j, axis=2)
    print(j_sum.shape)
    j_select = tf.einsum('bxby->bxy', j)
    print(j_select.shape)

    jb = tape.batch_jacobian(y, x)
    print(jb.shape)

    error = tf.reduce_max(abs(jb - j_sum))
    assert error < 1e-3
    print('error < 1e-3:', bool(error < 1e-3))
    print(np.round(jb[2, 1].numpy(), 3))
""")

_snippet("guide_batch_jacobian_not_diagonal", _DENSE + """
    x = x_data
    layer1 = dense_layer(5, 8, seed=7.0)
    layer2 = dense_layer(8, 6, seed=8.0)

    def batch_norm(y):
        mean = tf.reduce_mean(y, axis=0)
        variance = tf.reduce_mean((y - mean) ** 2, axis=0)
        return (y - mean) / tf.sqrt(variance + 1e-3)

    with tf.GradientTape(persistent=True, watch_accessed_variables=False) as tape:
        tape.watch(x)
        y = dense(x, layer1, tf.nn.elu)
        y = batch_norm(y)
        y = dense(y, layer2, tf.nn.elu)

    j = tape.jacobian(y, x)
    print(f'j.shape: {j.shape}')
    print('off-diagonal block is zero:', float(tf.reduce_max(tf.abs(j[0, :, 1, :]))) == 0.0)

    jb = tape.batch_jacobian(y, x)
    print(f'jb.shape: {jb.shape}')
    j_sum = tf.reduce_sum(j, axis=2)
    print('batch_jacobian sums over the batch:', bool(tf.reduce_max(abs(jb - j_sum)) < 1e-3))
""")

# fmt: on
