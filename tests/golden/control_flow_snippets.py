"""Control-flow snippets: cond, switch_case, case, while_loop, map_fn, scan, folds,
TensorArray and vectorized_map, eagerly, compared with TensorFlow's printed output.

Same rules as ``behaviour_snippets.py`` (the program sees ``tf``, ``np`` and
``show_error``). Recorded with

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_snippets_golden.py control_flow

and replayed by ``tests/test_control_flow_golden.py``. Each op gets values,
first- and second-order gradients (nested tapes), forward-mode JVPs
(ForwardAccumulator, also under a tape) and TF's errors.

Names start with their section: ``cond_``, ``switch_``, ``case_``,
``while_``, ``mapfn_``, ``scan_``, ``fold_``, ``ta_``, ``vmap_``.
"""

import textwrap

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


# A helper defined in each snippet that needs it: value, gradient, second
# derivative (nested tapes) and JVP of f at x.
_DERIVS = """
def derivs(f, x):
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = f(x)
        g = inner.gradient(y, x)
    g2 = outer.gradient(g, x)
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        y2 = f(x)
    print("value", y)
    print("grad", g)
    print("grad2", g2)
    print("jvp", acc.jvp(y2))
"""


def _with_derivs(name: str, source: str) -> None:
    _snippet(name, _DERIVS + textwrap.dedent(source).lstrip("\n"))


# ------------------------------------------------------------------ cond --
_snippet(
    "cond_values",
    """
    x = tf.constant(2.0)
    print(tf.cond(x > 1.0, lambda: x * 2.0, lambda: x * 3.0))
    print(tf.cond(x > 5.0, lambda: x * 2.0, lambda: x * 3.0))
    print(tf.cond(True, lambda: x * 2.0, lambda: x * 3.0))
    print(tf.cond(False, lambda: x * 2.0, lambda: x * 3.0))
    print(tf.cond(x, lambda: "nonzero", lambda: "zero"))
    print(tf.cond(tf.constant(0), lambda: "nonzero", lambda: "zero"))
    print(tf.cond(1, lambda: x, lambda: -x))
    print(tf.cond(tf.constant([True]), lambda: 1, lambda: 2))
    print(tf.cond(x > 1.0, lambda: (x, [x * 2.0]), lambda: (x, [x])))
    print(tf.cond(x > 1.0, lambda: {"a": x}, lambda: {"a": -x}))
    print(tf.cond(x > 1.0, lambda: None, lambda: None))
    print(tf.cond(x > 1.0, lambda: [x], lambda: [x]))
    print(tf.cond(x > 1.0, lambda: x, lambda: tf.constant(1)))
    print(tf.cond(x > 1.0, true_fn=lambda: x + 1.0, false_fn=lambda: x, name="c"))
""",
)

_snippet(
    "cond_only_one_branch_runs",
    """
    calls = []
    def t():
        calls.append("true")
        return tf.constant(1)
    def f():
        calls.append("false")
        return tf.constant(0)
    print(tf.cond(tf.constant(3) > 2, t, f), calls)
    print(tf.cond(tf.constant(3) < 2, t, f), calls)
""",
)

_snippet(
    "cond_errors",
    """
    x = tf.constant(2.0)
    for args in [(x > 1, None, lambda: x), (x > 1, lambda: x, None), (x > 1, 1, lambda: x),
                 (x > 1, lambda: x, "f"), (tf.constant([True, False]), lambda: x, lambda: x)]:
        try:
            tf.cond(*args)
        except Exception as e:
            show_error(e)
    try:
        tf.cond(x > 1)
    except Exception as e:
        show_error(e)
""",
)

_with_derivs(
    "cond_derivs_true",
    """
    derivs(lambda x: tf.cond(x > 0.0, lambda: x * x * x, lambda: -x), tf.constant(2.0))
""",
)

_with_derivs(
    "cond_derivs_false",
    """
    derivs(lambda x: tf.cond(x > 0.0, lambda: x * x * x, lambda: x * x * 5.0), tf.constant(-2.0))
""",
)

_with_derivs(
    "cond_derivs_vector",
    """
    derivs(lambda x: tf.cond(tf.reduce_sum(x) > 0.0, lambda: x * x, lambda: x),
           tf.constant([1.0, 2.0, -0.5]))
""",
)

_snippet(
    "cond_grad_other_branch_unconnected",
    """
    x = tf.constant(1.0)
    y = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        z = tf.cond(x > 0.0, lambda: x * 3.0, lambda: y * 4.0)
    print(tape.gradient(z, [x, y]))
    print(tape.gradient(z, [x, y], unconnected_gradients="zero"))
""",
)

_snippet(
    "cond_variable_grad",
    """
    v = tf.Variable(3.0)
    w = tf.Variable(5.0)
    with tf.GradientTape() as tape:
        z = tf.cond(v > w, lambda: v * v, lambda: w * v)
    print(tape.gradient(z, [v, w]))
""",
)

_snippet(
    "cond_nested",
    """
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.cond(x > 0.0,
                    lambda: tf.cond(x > 2.0, lambda: x * x, lambda: x),
                    lambda: -x)
    print(y, tape.gradient(y, x))
""",
)

# ------------------------------------------------------------ switch_case --
_snippet(
    "switch_values",
    """
    x = tf.constant(2.0)
    fns = [lambda: x, lambda: x * 2.0, lambda: x * 3.0]
    for i in [0, 1, 2, 3, -1, 100]:
        print(i, tf.switch_case(tf.constant(i), fns))
    for i in [0, 2, 3, -1]:
        print(i, tf.switch_case(tf.constant(i), fns, default=lambda: x * 10.0))
    print(tf.switch_case(tf.constant(1, tf.int64), {1: lambda: x + 1.0, 0: lambda: x}))
    print(tf.switch_case(tf.constant(0), [(1, lambda: x + 1.0), (0, lambda: x)]))
    print(tf.switch_case(tf.constant(1), (lambda: (x, x), lambda: (x * 2.0, x))))
""",
)

_snippet(
    "switch_errors",
    """
    x = tf.constant(2.0)
    fns = [lambda: x, lambda: x * 2.0]
    cases = [
        (1, fns), (tf.constant(1.0), fns), (tf.constant(1), []), (tf.constant(1), 5),
        (tf.constant(1), [1, 2]), (tf.constant(1), {0: lambda: x, 3: lambda: x}),
        (tf.constant(1), {0: lambda: x, 0.5: lambda: x}), (tf.constant(1), [(0, 1)]),
        (tf.constant(1), [(0, lambda: x, 1)]), (tf.constant([1]), fns),
    ]
    for index, branches in cases:
        try:
            print(tf.switch_case(index, branches))
        except Exception as e:
            show_error(e)
""",
)

_with_derivs(
    "switch_derivs",
    """
    fns = lambda x: [lambda: x * x, lambda: x * x * x, lambda: tf.sin(x) * 0.0 + 7.0]
    derivs(lambda x: tf.switch_case(tf.constant(1), fns(x)), tf.constant(3.0))
    derivs(lambda x: tf.switch_case(tf.constant(0), fns(x)), tf.constant([1.0, -2.0]))
    derivs(lambda x: tf.switch_case(tf.constant(9), fns(x)[:2], default=lambda: 4.0 * x),
           tf.constant(3.0))
""",
)

# ------------------------------------------------------------------- case --
_snippet(
    "case_values",
    """
    x = tf.constant(2.0)
    print(tf.case([(x > 1.0, lambda: x), (x > 0.0, lambda: x * 2.0)]))
    print(tf.case([(x > 5.0, lambda: x), (x > 0.0, lambda: x * 2.0)]))
    print(tf.case([(x > 5.0, lambda: x), (x > 6.0, lambda: x * 2.0)], default=lambda: x * 7.0))
    print(tf.case([(x > 1.0, lambda: x), (x > 6.0, lambda: x * 2.0)], exclusive=True))
    print(tf.case(((x < 0.0, lambda: -x),), default=lambda: x * 0.5))
    print(tf.case([(x > 5.0, lambda: [x]), (x > 1.0, lambda: [x * 9.0])], strict=True))
    print(tf.case([(x > 5.0, lambda: [x]), (x > 1.0, lambda: [x * 9.0])]))
""",
)

_snippet(
    "case_errors",
    """
    x = tf.constant(2.0)
    def attempt(*args, **kwargs):
        try:
            print(tf.case(*args, **kwargs))
        except Exception as e:
            show_error(e)
    attempt([(x > 5.0, lambda: x), (x > 6.0, lambda: x * 2.0)])
    attempt([(x > 1.0, lambda: x), (x > 0.0, lambda: x * 2.0)], exclusive=True)
    attempt([(x > 1.0, lambda: x), (x > 0.0, lambda: x * 2.0), (x > 3.0, lambda: x)],
            default=lambda: x, exclusive=True)
    attempt([(x > 1.0, lambda: x), (x < 1.0, lambda: x * 2.0)], default=lambda: x, exclusive=True)
    attempt([], default=lambda: x * 7.0)
    attempt([])
    attempt([(True, lambda: x)])
    attempt([(x, lambda: x)])
    attempt([(x > 1.0, 3)])
    attempt([x > 1.0])
    attempt(5)
    try:
        attempt({x > 1.0: lambda: x})
    except Exception as e:
        show_error(e)
    attempt({1.0: lambda: x}, exclusive=True)
    attempt({1.0: lambda: x})
    attempt([(x > 1.0, lambda: x), (x > 5.0, lambda: x * 2.0)], exclusive=True)
    attempt([(x > 1.0, lambda: x), (x > 0.0, lambda: x * 2.0)], exclusive=False)
""",
)

_with_derivs(
    "case_derivs",
    """
    derivs(lambda x: tf.case([(x < 0.0, lambda: -x), (x < 2.0, lambda: x * x)],
                             default=lambda: x * x * x), tf.constant(1.5))
    derivs(lambda x: tf.case([(x < 0.0, lambda: -x), (x < 2.0, lambda: x * x)],
                             default=lambda: x * x * x), tf.constant(3.0))
    derivs(lambda x: tf.case([(x < 0.0, lambda: -x * 4.0), (x < 2.0, lambda: x * x)]),
           tf.constant(-1.0))
""",
)

# ------------------------------------------------------------- while_loop --
_snippet(
    "while_structures",
    """
    import collections
    i = tf.constant(0)
    x = tf.constant(2.0)
    print(tf.while_loop(lambda i: i < 3, lambda i: (i + 1,), (i,)))
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i]))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2.0), (i, x)))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: [i + 1, x * 2.0], [i, x]))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2.0), [i, x]))
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [0]))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), (i, 2.5)))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), (i, np.float64(2.5))))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), (i, tf.Variable(2.5))))
    print(tf.while_loop(lambda d: d["i"] < 3,
                        lambda d: [{"i": d["i"] + 1, "x": d["x"] * 2.0}], [{"i": i, "x": x}]))
    P = collections.namedtuple("P", "i x")
    print(tf.while_loop(lambda p: p.i < 3, lambda p: [P(p.i + 1, p.x * 2.0)], [P(i, x)]))
    print(tf.while_loop(lambda p, q: p[0] < 3,
                        lambda p, q: ((p[0] + 1, p[1] + q), q), ((i, x), x)))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), (i, [x, x])))
    print(tf.while_loop(lambda i: i > 3, lambda i: (i + 1,), (i,)))
    print(tf.while_loop(lambda i: i > 3, lambda i: [i + 1], [2]))
    print(tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, tf.cast(x, tf.float64)), (i, x)))
    print(tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, tf.concat([x, x], 0)),
                        (i, tf.ones([1]))))
""",
)

_snippet(
    "while_maximum_iterations",
    """
    i = tf.constant(0)
    x = tf.constant(1.0)
    print(tf.while_loop(lambda i: i < 30, lambda i: (i + 1,), (i,), maximum_iterations=5))
    print(tf.while_loop(lambda i: i < 30, lambda i: [i + 1], [i], maximum_iterations=tf.constant(5)))
    print(tf.while_loop(lambda i: i < 30, lambda i: [i + 1], [i], maximum_iterations=0))
    print(tf.while_loop(lambda i: i < 30, lambda i: [i + 1], [i], maximum_iterations=-1))
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i], maximum_iterations=10))
    print(tf.while_loop(lambda i, x: i < 30, lambda i, x: [i + 1, x * 2.0], [i, x],
                        maximum_iterations=4))
    print(tf.while_loop(lambda i, x: i < 30, lambda i, x: (i + 1, x * 2.0), (i, x),
                        maximum_iterations=4))
    try:
        tf.while_loop(lambda i, x: i < 30, lambda i, x: (i + 1, x * 2.0), [i, x],
                      maximum_iterations=4)
    except Exception as e:
        show_error(e)
    for m in [2.5, tf.constant([1, 2]), tf.constant(2.0)]:
        try:
            print(tf.while_loop(lambda i: i < 30, lambda i: [i + 1], [i], maximum_iterations=m))
        except Exception as e:
            show_error(e)
""",
)

_snippet(
    "while_accepted_arguments",
    """
    i = tf.constant(0)
    x = tf.ones([1])
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i],
                        shape_invariants=[tf.TensorShape([])]))
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i],
                        shape_invariants=[tf.TensorShape([3])]))
    print(tf.while_loop(lambda i, x: i < 2, lambda i, x: (i + 1, tf.concat([x, x], 0)), (i, x),
                        shape_invariants=(i.shape, tf.TensorShape([None]))))
    print(tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i], parallel_iterations=1,
                        swap_memory=True, name="loop"))
    try:
        tf.while_loop(lambda i: i < 3, lambda i: [i + 1], [i], parallel_iterations=0)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "while_structure_errors",
    """
    i = tf.constant(1)
    x = tf.constant(2.0)
    attempts = [
        (lambda i: i < 3, lambda i: i + 1, [i]),
        (lambda i: i < 3, lambda i: i + 1, i),
        (lambda i: i < 3, lambda i: i + 1, tf.constant(0)),
        (lambda i: i < 3, lambda i: i + 1, []),
        (lambda i, x: i < 3, lambda i, x: (i + 1,), (i, x)),
        (lambda i, x: i < 3, lambda i, x: (i + 1, [x]), (i, x)),
        (lambda i, x: i < 3, lambda i, x: [i + 1, x, x], (i, x)),
        (lambda i, x: i < 3, lambda i, x: (x,), (i, [x, x])),
        (lambda i, x: i < 3, lambda i, x: (i + 1, (x, x)), (i, [x, x])),
        (lambda i, x: i < 3, lambda i, x: (i + 1, {"b": x, "c": x}), (i, {"a": x, "b": x})),
        (lambda i: i < 3, lambda i: (i + 1, 1), [i]),
        (lambda i: i < 3, lambda i: i + 1, [0]),
        (lambda i: i < 3, lambda i: None, [i]),
        (lambda d: d["i"] < 3, lambda d: {"i": d["i"] + 1, "x": d["x"]}, [{"i": i, "x": x}]),
        (lambda i: i < 3, 5, [i]),
        (5, lambda i: i + 1, [i]),
        (lambda i: tf.constant([True, True]), lambda i: [i + 1], [i]),
    ]
    for cond, body, loop_vars in attempts:
        try:
            print(tf.while_loop(cond, body, loop_vars))
        except Exception as e:
            show_error(e)
""",
)

_with_derivs(
    "while_derivs_power",
    """
    def f(x):
        return tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, y * x), (0, x))[1]
    derivs(f, tf.constant(1.5))
    derivs(f, tf.constant([1.0, -2.0]))
""",
)

_with_derivs(
    "while_derivs_data_dependent",
    """
    def f(x):
        # Trip count depends on the value: x doubles until it passes 10.
        return tf.while_loop(lambda y: y < 10.0, lambda y: (y * 2.0 + tf.sin(y) * 0.0,), (x,))[0]
    derivs(f, tf.constant(1.5))
    def g(x):
        return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, tf.square(y) * 0.5),
                             (tf.constant(0), x), maximum_iterations=2)[1]
    derivs(g, tf.constant(1.5))
""",
)

_snippet(
    "while_variable_grad",
    """
    v = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        out = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s + v * s), (0, tf.constant(1.0)))
    print(out[1], tape.gradient(out[1], v))
    with tf.GradientTape() as tape:
        out = tf.while_loop(lambda s: s < 100.0, lambda s: (s * v,), (v,))
    print(out[0], tape.gradient(out[0], v))
""",
)

_snippet(
    "while_nested_loops",
    """
    x = tf.constant(1.1)
    def inner(j, acc):
        return tf.while_loop(lambda k, a: k < j, lambda k, a: (k + 1, a * x), (0, acc))[1]
    with tf.GradientTape() as tape:
        tape.watch(x)
        _, total = tf.while_loop(lambda j, acc: j < 3, lambda j, acc: (j + 1, inner(j + 1, acc)),
                                 (0, tf.constant(1.0)))
    print(np.round(total.numpy(), 4), np.round(tape.gradient(total, x).numpy(), 4))
""",
)

# ----------------------------------------------------------------- map_fn --
_snippet(
    "mapfn_values",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    print(tf.map_fn(lambda r: r * 2.0, x))
    print(tf.map_fn(tf.reduce_sum, x))
    print(tf.map_fn(lambda r: tf.reduce_sum(r), x, fn_output_signature=tf.float32))
    print(tf.map_fn(lambda r: tf.cast(tf.reduce_sum(r), tf.int32), x, dtype=tf.int32))
    print(tf.map_fn(lambda p: p[0] * tf.cast(p[1], tf.float32),
                    (x, tf.constant([1, 2, 3])), fn_output_signature=tf.float32))
    print(tf.map_fn(lambda p: (p[0] + 1.0, p[1] * 2), (x, tf.constant([1, 2, 3]))))
    print(tf.map_fn(lambda d: {"s": d["a"] + d["b"]}, {"a": x, "b": x},
                    fn_output_signature={"s": tf.float32}))
    print(tf.map_fn(lambda r: (r, tf.reduce_max(r)), x, fn_output_signature=(tf.float32, tf.float32)))
    print(tf.map_fn(lambda r: r * 2, tf.range(4)))
    print(tf.map_fn(lambda r: r, tf.zeros([0, 2])))
    print(tf.map_fn(lambda r: r * 2, [1, 2, 3]))
""",
)

_snippet(
    "mapfn_errors",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    def attempt(*args, **kwargs):
        try:
            print(tf.map_fn(*args, **kwargs))
        except Exception as e:
            show_error(e)
    attempt(lambda r: tf.cast(r, tf.int32), x)
    attempt(lambda r: (r, r), x)
    attempt(lambda r: r, tf.constant(1.0))
    attempt(lambda r: r, [])
    attempt(lambda p: p[0], (x, tf.constant([1, 2, 3])))
    attempt(lambda r: r, x, fn_output_signature=(tf.float32, tf.float32))
""",
)

_with_derivs(
    "mapfn_derivs",
    """
    derivs(lambda x: tf.map_fn(lambda r: r * r * r, x), tf.constant([1.0, 2.0, 3.0]))
    derivs(lambda x: tf.map_fn(lambda r: tf.reduce_sum(r * r) * r, tf.reshape(x, [2, 2])),
           tf.constant([1.0, 2.0, -1.0, 0.5]))
""",
)

# ------------------------------------------------------------------- scan --
_snippet(
    "scan_values",
    """
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    print(tf.scan(lambda a, v: a + v, x))
    print(tf.scan(lambda a, v: a + v, x, reverse=True))
    print(tf.scan(lambda a, v: a * v, x, initializer=tf.constant(10.0)))
    print(tf.scan(lambda a, v: a * v, x, initializer=tf.constant(10.0), reverse=True))
    print(tf.scan(lambda a, v: (a[1], a[0] + a[1]), tf.constant([1, 0, 0, 0, 0, 0]),
                  initializer=(tf.constant(0), tf.constant(1))))
    print(tf.scan(lambda a, v: (a[0] + v[0], a[1] * v[1]), (x, x)))
    print(tf.scan(lambda a, v: {"s": a["s"] + v}, x, initializer={"s": tf.constant(0.0)}))
    print(tf.scan(lambda a, v: a + v, tf.constant([[1, 2], [3, 4], [5, 6]])))
    print(tf.scan(lambda a, v: a + v, tf.zeros([0])))
""",
)

_snippet(
    "scan_errors",
    """
    x = tf.constant([1.0, 2.0])
    def attempt(*args, **kwargs):
        try:
            print(tf.scan(*args, **kwargs))
        except Exception as e:
            show_error(e)
    attempt(lambda a, v: (a, a), x)
    attempt(lambda a, v: tf.cast(a, tf.int32), x)
    attempt(lambda a, v: a + v, x, initializer=(tf.constant(0.0), tf.constant(0.0)))
    attempt(lambda a, v: tf.stack([a, a]), x)
""",
)

_with_derivs(
    "scan_derivs",
    """
    derivs(lambda x: tf.scan(lambda a, v: a * v, x), tf.constant([1.0, 2.0, 3.0]))
    derivs(lambda x: tf.scan(lambda a, v: a * v + a, x, initializer=tf.constant(0.5), reverse=True),
           tf.constant([1.0, 2.0, 3.0]))
""",
)

# ------------------------------------------------------------ foldl/foldr --
_snippet(
    "fold_values",
    """
    x = tf.constant([1, 2, 3, 4])
    print(tf.foldl(lambda a, v: a * 10 + v, x))
    print(tf.foldr(lambda a, v: a * 10 + v, x))
    print(tf.foldl(lambda a, v: a * 10 + v, x, initializer=tf.constant(9)))
    print(tf.foldr(lambda a, v: a * 10 + v, x, initializer=tf.constant(9)))
    print(tf.foldl(lambda a, v: (a[0] + v, a[1] * v), x, initializer=(0, 1)))
    print(tf.foldr(lambda a, v: a + v[0] * v[1], (x, x), initializer=tf.constant(0)))
    print(tf.foldl(lambda a, v: a + v, tf.constant([[1.0, 2.0], [3.0, 4.0]])))
    print(tf.foldl(lambda a, v: a + v, tf.constant([5.0])))
    print(tf.foldr(lambda a, v: a + v, tf.constant([5.0])))
""",
)

_with_derivs(
    "fold_derivs",
    """
    derivs(lambda x: tf.foldl(lambda a, v: a * v + 1.0, x), tf.constant([1.5, 2.0, 3.0]))
    derivs(lambda x: tf.foldr(lambda a, v: a * v + 1.0, x), tf.constant([1.5, 2.0, 3.0]))
    derivs(lambda x: tf.foldl(lambda a, v: a * v, x, initializer=tf.constant(2.0)),
           tf.constant([1.5, -2.0]))
""",
)

# ------------------------------------------------------------- TensorArray --
_snippet(
    "ta_basics",
    """
    ta = tf.TensorArray(tf.float32, size=3)
    print(ta.size(), ta.dtype, ta.element_shape, ta.dynamic_size)
    ta = ta.write(0, tf.constant([1.0, 2.0]))
    print(ta.element_shape)
    ta = ta.write(1, [3.0, 4.0]).write(2, tf.constant([5.0, 6.0]))
    print(ta.stack())
    print(ta.read(1))
    print(ta.size())
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    for i in range(4):
        ta = ta.write(i, i * i)
    print(ta.size(), ta.stack())
    print(ta.gather([3, 0]))
    print(ta.gather(tf.constant([1, 1])))
    ta = tf.TensorArray(tf.float32, size=2, clear_after_read=False)
    ta = ta.unstack(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    print(ta.read(0), ta.read(0), ta.size())
    print(ta.concat())
    print(ta.identity() is ta)
    ta.close()
    print(ta.size())
""",
)

_snippet(
    "ta_unwritten_and_shapes",
    """
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    ta = ta.write(1, tf.constant([1.0, 2.0]))
    print(ta.stack())
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, tf.constant([[1.0]]))
    print(ta.stack())
    ta = tf.TensorArray(tf.float32, size=3, element_shape=tf.TensorShape([None]))
    ta = ta.write(0, tf.constant([1.0, 2.0]))
    print(ta.element_shape)
    print(tf.TensorArray(tf.float32, size=0, element_shape=[3]).stack())
    print(tf.TensorArray(tf.float32, size=0).stack())
    ta = tf.TensorArray(tf.float32, size=3, infer_shape=False)
    ta = ta.write(0, tf.constant([1.0])).write(1, tf.constant([2.0, 3.0])).write(2, tf.constant([4.0]))
    print(ta.element_shape, ta.concat())
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.split(tf.constant([1.0, 2.0, 3.0]), [1, 2])
    print(ta.read(0), ta.read(1))
    ta = tf.TensorArray(tf.float32, size=4)
    ta = ta.scatter([3, 1], tf.constant([[1.0], [2.0]]))
    print(ta.stack())
""",
)

_snippet(
    "ta_errors",
    """
    def attempt(f):
        try:
            print(f())
        except Exception as e:
            show_error(e)
    ta = tf.TensorArray(tf.float32, size=2)
    ta = ta.write(0, 1.0)
    print(ta.read(0))
    attempt(lambda: ta.read(0))
    attempt(lambda: ta.read(5))
    attempt(lambda: ta.read(-1))
    attempt(lambda: ta.write(2, 1.0))
    attempt(lambda: ta.write(-1, 1.0))
    attempt(lambda: ta.write(1, tf.constant(1)))
    attempt(lambda: ta.write(1, tf.constant([1.0, 2.0])))
    ta = ta.write(1, 3.0)
    attempt(lambda: ta.write(1, 4.0).read(1))
    attempt(lambda: tf.TensorArray(tf.float32))
    attempt(lambda: tf.TensorArray(tf.float32, size=1).unstack(tf.constant([1.0, 2.0])))
    attempt(lambda: tf.TensorArray(tf.float32, size=1).write(0, 1.0).concat())
    attempt(lambda: tf.TensorArray(tf.float32, size=3).split(tf.constant([1.0, 2.0]), [1, 1]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).split(tf.constant([1.0, 2.0]), [1, 2]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).split(tf.constant(1.0), [1, 2]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).split(tf.constant([1.0, 2.0]), [[1, 1]]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2, element_shape=[3]).write(0, [1.0]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).write(0, "a"))
    attempt(lambda: tf.TensorArray(tf.float32, size=1).grad("x"))
""",
)

_snippet(
    "ta_in_while_loop",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        ta = tf.TensorArray(tf.float32, size=3)
        def body(i, ta):
            return i + 1, ta.write(i, x[i] * x[i])
        _, ta = tf.while_loop(lambda i, ta: i < 3, body, (0, ta))
        out = ta.stack()
    print(out, tape.gradient(out, x))
""",
)

_with_derivs(
    "ta_derivs",
    """
    def via_write_stack(x):
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        for i in range(3):
            ta = ta.write(i, x ** (i + 1))
        return ta.stack()
    derivs(via_write_stack, tf.constant(2.0))
    def via_unstack_read(x):
        ta = tf.TensorArray(tf.float32, size=2).unstack(x * x)
        return ta.read(0) * ta.read(1)
    derivs(via_unstack_read, tf.constant([3.0, 4.0]))
    def via_scatter_gather(x):
        ta = tf.TensorArray(tf.float32, size=3, element_shape=[]).scatter([2, 0], x * x * x)
        return ta.gather([0, 1, 2])
    derivs(via_scatter_gather, tf.constant([1.0, 2.0]))
    def via_split_concat(x):
        ta = tf.TensorArray(tf.float32, size=2).split(x * x, [1, 2])
        return ta.concat() * x
    derivs(via_split_concat, tf.constant([1.0, 2.0, 3.0]))
""",
)

# ---------------------------------------------------------- vectorized_map --
_snippet(
    "vmap_values",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(tf.vectorized_map(lambda r: r * 2.0, x))
    print(tf.vectorized_map(lambda r: tf.reduce_sum(r), x))
    print(tf.vectorized_map(lambda p: p[0] * p[1], (x, x)))
    print(tf.vectorized_map(lambda r: {"a": r + 1.0, "b": tf.reduce_max(r)}, x))
    print(tf.vectorized_map(lambda r: tf.constant(5.0), x))
    print(tf.vectorized_map(lambda r: tf.tensordot(r, r, 1), x, fallback_to_while_loop=False))
""",
)

_with_derivs(
    "vmap_derivs",
    """
    derivs(lambda x: tf.vectorized_map(lambda r: r * r * r, x), tf.constant([1.0, 2.0]))
    derivs(lambda x: tf.vectorized_map(lambda r: tf.reduce_sum(r * r) * r, tf.reshape(x, [2, 2])),
           tf.constant([1.0, 2.0, -1.0, 0.5]))
""",
)

_snippet(
    "mapfn_tensorspec_signature",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(tf.map_fn(lambda r: tf.reduce_sum(r), x, fn_output_signature=tf.TensorSpec([], tf.float32)))
    print(tf.map_fn(lambda r: (r, tf.cast(r, tf.int32)), x,
                    fn_output_signature=(tf.TensorSpec([2], tf.float32), tf.TensorSpec(None, tf.int32))))
    try:
        tf.map_fn(lambda r: r, x, fn_output_signature=tf.TensorSpec([3], tf.float32))
    except Exception as e:
        show_error(e)
    try:
        tf.map_fn(lambda r: r, x, fn_output_signature=tf.TensorSpec([2], tf.int32))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "while_tensor_array_and_limits",
    """
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    def body(i, ta):
        return i + 1, ta.write(i, tf.cast(i, tf.float32) * 0.5)
    i, ta = tf.while_loop(lambda i, ta: True, body, (0, ta), maximum_iterations=4)
    print(i, ta.size(), ta.stack())
    x = tf.constant(3.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.while_loop(lambda y: y < 50.0, lambda y: [y * x], [x])[0]
        g = tape.gradient(y, x)
    print(y, g, acc.jvp(y), acc.jvp(g))
""",
)

_snippet(
    "ta_edges",
    """
    def attempt(f):
        try:
            print(f())
        except Exception as e:
            show_error(e)
    attempt(lambda: tf.TensorArray(tf.float32, size=2).read(0))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).stack())
    attempt(lambda: tf.TensorArray(tf.float32, size=tf.constant(2)).write(tf.constant(1), 2.0).stack())
    attempt(lambda: tf.TensorArray("float32", size=1).write(0, 2.0).read(tf.constant(0)))
    attempt(lambda: tf.TensorArray(tf.float32, size=2, infer_shape=False)
            .write(0, [1.0]).write(1, [1.0, 2.0]).stack())
    attempt(lambda: tf.TensorArray(tf.float32, size=2).write(0, [1.0]).gather([5]))
    attempt(lambda: tf.TensorArray(tf.float32, size=2).write(0, [1.0]).gather([1]))
    attempt(lambda: tf.TensorArray(tf.float32, size=3).unstack([1.0, 2.0]).stack())
    attempt(lambda: tf.TensorArray(tf.float32, size=1, dynamic_size=True).unstack([1.0, 2.0]).size())
    attempt(lambda: tf.TensorArray(tf.float32, size=1, dynamic_size=True).write(3, 1.0).stack())
    attempt(lambda: tf.TensorArray(tf.float64, size=2).scatter(tf.constant([1, 0]), [[1.0], [2.0]])
            .stack())
    attempt(lambda: tf.TensorArray(tf.float32, size=1).write(0, tf.constant(1.0, tf.float64)))
    attempt(lambda: tf.TensorArray(tf.int32, size=1).write(0, 1.5))
    ta = tf.TensorArray(tf.float32, size=2, element_shape=tf.TensorShape([None, 2]))
    ta = ta.write(0, tf.ones([3, 2]))
    print(ta.element_shape, ta.dtype)
    attempt(lambda: ta.write(1, tf.ones([3, 3])))
    attempt(lambda: ta.write(1, tf.ones([4, 2])))
""",
)

_snippet(
    "vmap_and_map_edges",
    """
    def attempt(f):
        try:
            print(f())
        except Exception as e:
            show_error(e)
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    attempt(lambda: tf.map_fn(lambda r: r * 2.0, v))
    attempt(lambda: tf.vectorized_map(lambda r: r * 2.0, v))
    attempt(lambda: tf.scan(lambda a, r: a + r, v))
    attempt(lambda: tf.foldl(lambda a, r: a + r, v))
    attempt(lambda: tf.vectorized_map(lambda r: (r, 2.0 * r), tf.constant([1.0, 2.0])))
    attempt(lambda: tf.map_fn(lambda r: r, tf.constant([[1, 2]]), parallel_iterations=1))
""",
)

_snippet(
    "higher_order_argument_errors",
    """
    def attempt(f):
        try:
            print(f())
        except Exception as e:
            show_error(e)
    x = tf.constant([1.0, 2.0, 3.0])
    short = tf.constant([1.0, 2.0])
    attempt(lambda: tf.map_fn(5, x))
    attempt(lambda: tf.scan(5, x))
    attempt(lambda: tf.foldl(5, x))
    attempt(lambda: tf.foldr(5, x))
    attempt(lambda: tf.map_fn(lambda p: p[0], (x, short)))
    attempt(lambda: tf.scan(lambda a, p: (a[0] + p[0], a[1] + p[1]), (x, short)))
    attempt(lambda: tf.foldl(lambda a, p: (a[0] + p[0], a[1] + p[1]), (x, short)))
    attempt(lambda: tf.foldl(lambda a, v: a + v, tf.constant(1.0)))
    attempt(lambda: tf.scan(lambda a, v: a + v, tf.constant(1.0)))
    attempt(lambda: tf.foldl(lambda a, v: a + v, tf.zeros([0]), initializer=tf.constant(5.0)))
    attempt(lambda: tf.foldr(lambda a, v: a + v, tf.zeros([0]), initializer=tf.constant(5.0)))
    attempt(lambda: tf.scan(lambda a, v: a + v, tf.zeros([0]), initializer=tf.constant(5.0)))
    attempt(lambda: tf.map_fn(lambda v: v, tf.zeros([0, 3])))
""",
)

_snippet(
    "namedtuple_structures",
    """
    import collections
    P = collections.namedtuple("P", "a b")
    x = tf.constant([1.0, 2.0, 3.0])
    print(tf.map_fn(lambda p: P(p.a * 2.0, p.b + 1.0), P(x, x)))
    print(tf.scan(lambda acc, v: P(acc.a + v, acc.b * v), x,
                  initializer=P(tf.constant(0.0), tf.constant(1.0))))
    print(tf.foldl(lambda acc, v: P(acc.a + v, acc.b * v), x,
                   initializer=P(tf.constant(0.0), tf.constant(1.0))))
    print(tf.while_loop(lambda a, b: a < 3.0, lambda a, b: P(a + 1.0, b * 2.0),
                        P(tf.constant(0.0), tf.constant(1.0))))
    print(tf.vectorized_map(lambda p: P(p.a * p.b, p.a), P(x, x)))
    v = tf.Variable(True)
    print(tf.cond(v, lambda: "yes", lambda: "no"))
    try:
        tf.scan(lambda acc, v: (acc.a + v, acc.b * v), x,
                initializer=P(tf.constant(0.0), tf.constant(1.0)))
    except Exception as e:
        show_error(e)
""",
)
