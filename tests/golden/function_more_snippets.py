"""More tf.function snippets, compared with TensorFlow's stdout and stderr.

Same rules as ``function_snippets.py`` (recorded by ``make_function_golden.py
function_more`` into ``function_more.json``, replayed by
``tests/test_function_more_golden.py``). Sections, by name prefix:

* ``reads_``: ops that read a tensor argument's value into a parameter (an axis,
  a size, a count, segment ids): each call of one trace must use its own value;
* ``else_``: ``for``/``while`` loops with an ``else`` clause over tensors;
* ``return_``: a ``return`` inside a converted loop;
* ``fwd_``: forward mode (ForwardAccumulator) through loop and cond nodes.
"""

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


# Each value-reading op runs inside one tf.function on two or three values of the
# same shape and dtype: TensorFlow traces once and reads the value when it runs.
_READS = {
    "sequence_mask": ("lambda n: tf.sequence_mask([1, 3], n)", "3", "5"),
    "sequence_mask_lengths": ("lambda n: tf.sequence_mask(n, 4)", "[1, 3]", "[4, 0]"),
    "argmax_axis": ("lambda a: tf.argmax(X, a)", "0", "1"),
    "argmin_axis": ("lambda a: tf.argmin(X, axis=a)", "1", "0"),
    "cumsum_axis": ("lambda a: tf.cumsum(X, a)", "0", "1"),
    "cumprod_axis": ("lambda a: tf.math.cumprod(X, a, exclusive=True)", "1", "0"),
    "band_part": ("lambda n: tf.linalg.band_part(X, n, 0)", "0", "2"),
    "band_part_upper": ("lambda n: tf.linalg.band_part(X, -1, n)", "1", "0"),
    "resize": ("lambda s: tf.image.resize(IMG, s)", "[2, 2]", "[3, 5]"),
    "resize_nearest": ("lambda s: tf.image.resize(IMG, s, 'nearest')", "[2, 3]", "[5, 2]"),
    "histogram_nbins": ("lambda n: tf.histogram_fixed_width(V, [0.0, 6.0], n)", "3", "5"),
    "histogram_values": (
        "lambda v: tf.histogram_fixed_width(v, [0.0, 6.0], 3)",
        "[1.0, 2.0, 5.0]",
        "[5.0, 5.0, 0.5]",
    ),  # fmt: skip
    "bincount_minlength": ("lambda n: tf.math.bincount(I, minlength=n)", "4", "7"),
    "bincount_values": ("lambda i: tf.math.bincount(i)", "[0, 1, 1]", "[3, 3, 4]"),
    "unsorted_segment_sum": ("lambda n: tf.math.unsorted_segment_sum(V, I, n)", "4", "6"),
    "unsorted_segment_ids": (
        "lambda i: tf.math.unsorted_segment_sum(V, i, 4)",
        "[0, 1, 1, 3]",
        "[3, 3, 0, 2]",
    ),  # fmt: skip
    "unsorted_segment_max": ("lambda n: tf.math.unsorted_segment_max(V, I, n)", "4", "5"),
    "unsorted_segment_mean": ("lambda n: tf.math.unsorted_segment_mean(V, I, n)", "4", "5"),
    "segment_sum_ids": ("lambda i: tf.math.segment_sum(V, i)", "[0, 0, 1, 1]", "[0, 1, 2, 2]"),
    "segment_max_ids": ("lambda i: tf.math.segment_max(V, i)", "[0, 0, 1, 1]", "[0, 1, 1, 1]"),
    "repeat": ("lambda r: tf.repeat(V, r)", "[1, 2, 0, 1]", "[0, 0, 3, 1]"),
    "repeat_scalar": ("lambda r: tf.repeat(X, r, axis=1)", "1", "2"),
    "diag_k": ("lambda k: tf.linalg.diag(V, k=k)", "0", "1"),
    "diag_part_k": ("lambda k: tf.linalg.diag_part(X, k=k)", "0", "1"),
    "diag_num_rows": ("lambda n: tf.linalg.diag(V, num_rows=n)", "4", "6"),
    "split_sizes": ("lambda s: tf.split(V, s)", "[1, 3]", "[2, 2]"),
    "split_axis": ("lambda a: tf.split(SQUARE, 2, axis=a)", "1", "0"),
    "in_top_k": ("lambda k: tf.math.in_top_k([0, 1], [[0.9, 0.1], [0.8, 0.2]], k)", "1", "2"),
    "confusion_matrix": (
        "lambda p: tf.math.confusion_matrix([0, 1, 2], p, 3)",
        "[0, 1, 2]",
        "[2, 2, 0]",
    ),  # fmt: skip
    "invert_permutation": ("lambda p: tf.math.invert_permutation(p)", "[0, 1, 2]", "[2, 0, 1]"),
    "bitcast": ("lambda x: tf.bitcast(x, tf.int32)", "[1.0]", "[2.0]"),
    "broadcast_dynamic_shape": (
        "lambda s: tf.broadcast_dynamic_shape(s, [1, 4])",
        "[3, 1]",
        "[5, 1]",
    ),  # fmt: skip
    "pad_constant": ("lambda c: tf.pad(V, [[1, 1]], constant_values=c)", "0.0", "2.5"),
    "lu_reconstruct": (
        "lambda p: tf.linalg.lu_reconstruct(tf.eye(3), p)",
        "[0, 1, 2]",
        "[2, 0, 1]",
    ),  # fmt: skip
    "ssim_max_val": ("lambda m: tf.image.ssim(BIG, BIG * 0.5, m, filter_size=3)", "1.0", "2.0"),
    "rint": ("lambda x: tf.math.rint(x)", "[0.4, 1.6]", "[2.6, -1.2]"),
    "angle_of_reals": ("lambda x: tf.math.angle(x)", "[1.0, -2.0]", "[-1.0, 3.0]"),
    "conv2d_transpose_shape": (
        "lambda s: tf.nn.conv2d_transpose(tf.ones([1, 2, 2, 1]), tf.ones([2, 2, 1, 1]), s, 2)",
        "[1, 4, 4, 1]",
        "[1, 3, 3, 1]",
    ),
}

_READS_PRELUDE = """
X = tf.reshape(tf.range(12.0), [3, 4])
V = tf.constant([3.0, 1.0, 2.0, 5.0])
I = tf.constant([0, 1, 1, 3])
SQUARE = tf.reshape(tf.range(16.0), [4, 4])
IMG = tf.reshape(tf.range(12.0), [1, 3, 4, 1])
BIG = tf.tile(IMG, [1, 2, 2, 1]) / 12.0

def show(out):
    for t in tf.nest.flatten(out):
        value = t.numpy()
        if value.dtype.kind == "f":
            value = np.clip(value, -1e30, 1e30)  # no overflow warning from round()
        print(t.dtype.name, t.shape, (value.round(4) if value.dtype.kind == "f" else value).tolist())
"""

for _name, (_fn, _first, _second) in _READS.items():
    _parameter, _body = _fn.removeprefix("lambda ").split(": ", 1)
    _snippet(
        f"reads_{_name}",
        _READS_PRELUDE
        + f"""
@tf.function
def f({_parameter}):
    return {_body}

for value in ({_first}, {_second}, {_first}):
    show(f(tf.constant(value)))
print("traces", f.experimental_get_tracing_count())
""",
    )

_snippet(
    "reads_in_a_training_step",
    """
    # segment ids and a sequence length that change every step, with a tape inside
    w = tf.Variable([1.0, 2.0, 3.0, 4.0])

    @tf.function
    def step(ids, n):
        with tf.GradientTape() as tape:
            sums = tf.math.unsorted_segment_sum(w * w, ids, 3)
            mask = tf.cast(tf.sequence_mask(n, 3), tf.float32)
            loss = tf.reduce_sum(sums * mask)
        grad = tape.gradient(loss, w)
        w.assign_sub(0.1 * grad)
        return loss, grad

    for ids, n in (([0, 1, 2, 2], 2), ([2, 2, 1, 0], 3), ([0, 0, 0, 1], 1)):
        loss, grad = step(tf.constant(ids), tf.constant(n))
        print(loss.numpy().round(4), grad.numpy().round(4).tolist())
    print(w.numpy().round(4).tolist(), "traces", step.experimental_get_tracing_count())
""",
)

_snippet(
    "else_python_loops",
    """
    # Loops over Python values with an else clause (TensorFlow does not convert the
    # function: it runs it as it is; so does tapeflow, the loops being Python).
    @tf.function
    def f(x):
        total = x
        for i in range(4):
            total = total + i
            if i == 5:
                break
        else:
            total = total * 2
        k = 0
        while k < 3:
            k += 1
            if k == 2:
                break
        else:
            total = total - 100
        print("traced", k)
        return total
    print(f(tf.constant([1.0, 2.0])).numpy())
    print(f(tf.constant([3.0, 4.0])).numpy())
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "else_tensor_for",
    """
    # A for/else over a tensor: TensorFlow 2.21's AutoGraph does not convert it
    # (the function runs as it is and iterating a symbolic tensor fails); tapeflow
    # converts it (a known deviation, see test_function_more_golden.py).
    @tf.function
    def f(n):
        s = tf.constant(0)
        for i in tf.range(n):
            s += i
            if s > 5:
                break
        else:
            s = s * 100
        return s
    for n in (3, 10):
        try:
            print(f(tf.constant(n)).numpy())
        except Exception as e:
            show_last(e)
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "return_under_tensor_if_in_python_loop",
    """
    # A return under a tensor `if` inside a loop over Python values: AutoGraph makes the
    # `if` a cond, which needs a return in both branches.
    @tf.function
    def f(x):
        for i in range(3):
            if x > i:
                return x * 2
        return x
    try:
        print(f(tf.constant(1.0)))
    except Exception as e:
        show_last(e)
    print(f.experimental_get_tracing_count())
""",
)

_snippet(
    "return_under_tensor_else_in_python_loop",
    """
    @tf.function
    def f(x):
        for i in range(3):
            if x > i:
                x = x - 1.0
            else:
                return x
        return -x
    try:
        print(f(tf.constant(1.0)))
    except Exception as e:
        show_last(e)
""",
)

_snippet(
    "return_in_both_branches_in_python_loop",
    """
    @tf.function
    def f(x):
        for i in range(3):
            if x > i:
                return x * 2
            else:
                return x
        return x
    try:
        print(f(tf.constant(1.0)))
    except Exception as e:
        show_last(e)
""",
)

_snippet(
    "return_in_tensor_while",
    """
    @tf.function
    def f(x):
        while x < 5.0:
            x += 1
            if x > 3.0:
                return x
        return -x
    try:
        print(f(tf.constant(1.0)))
    except Exception as e:
        show_last(e)
""",
)

_snippet(
    "return_under_python_if_in_python_loop",
    """
    # Python tests everywhere: the loop and its return stay Python, as in TensorFlow.
    @tf.function
    def f(x, limit):
        for i in range(5):
            x = x + 1.0
            if i == limit:
                return x
        return -x
    print(f(tf.constant(1.0), 2).numpy(), f(tf.constant(1.0), 9).numpy())
    print(f.experimental_get_tracing_count())
""",
)

# Forward mode through tf.function's loop and cond nodes: an accumulator outside the
# function (the program replayed), inside it, and over a tape (Hessian-vector
# products), on two calls with other values (the second runs the compiled program).
_FWD_PRELUDE = """
def r(t):
    return np.round(t.numpy(), 5).tolist()

def loop(x):
    return tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * tf.sin(x) + x),
                         (0, x))[1]

def data_loop(x):
    return tf.while_loop(lambda y: tf.reduce_max(y) < 4.0, lambda y: [y * 1.5 + 0.1], [x * x])[0]

def branch(x):
    return tf.cond(tf.reduce_sum(x) > 0.0, lambda: tf.sin(x) * x, lambda: x * x * x)

def folds(x):
    return (tf.scan(lambda a, v: a * v + tf.sin(v), x) + tf.foldl(lambda a, v: a * tf.cos(v) + v, x)
            + tf.foldr(lambda a, v: a * v + v * v, x, initializer=tf.constant(0.5)))

def mapped(x):
    return tf.map_fn(lambda v: v * tf.exp(v), x)

def switch(x):
    return tf.switch_case(tf.cast(tf.reduce_sum(x) > 0.0, tf.int32),
                          [lambda: tf.cos(x) * x, lambda: tf.exp(x) * x])

POINTS = [([0.7, -1.3, 0.4], [1.0, 0.5, -0.25]), ([1.1, 0.2, 0.9], [-0.5, 2.0, 1.0]),
          ([-1.5, -0.2, 0.3], [0.3, 0.3, 0.3])]
"""

for _name in ("loop", "data_loop", "branch", "folds", "mapped", "switch"):
    _snippet(
        f"fwd_outside_{_name}",
        _FWD_PRELUDE
        + f"""
f = tf.function({_name})
for x, u in POINTS:
    x, u = tf.constant(x), tf.constant(u)
    with tf.autodiff.ForwardAccumulator(x, u) as acc:
        y = f(x)
    print(r(y), r(acc.jvp(y)))
print("traces", f.experimental_get_tracing_count())
""",
    )
    if _name in ("folds", "mapped", "switch"):
        continue  # TF 2.21 fails to trace an accumulator over its TensorArray/switch ops
    _snippet(
        f"fwd_inside_{_name}",
        _FWD_PRELUDE
        + f"""
@tf.function
def f(x, u):
    with tf.autodiff.ForwardAccumulator(x, u) as acc:
        y = {_name}(x)
    return y, acc.jvp(y)

for x, u in POINTS:
    y, t = f(tf.constant(x), tf.constant(u))
    print(r(y), r(t))
print("traces", f.experimental_get_tracing_count())
""",
    )

for _name in ("loop", "branch", "folds"):
    _snippet(
        f"fwd_over_rev_{_name}",
        _FWD_PRELUDE
        + f"""
@tf.function
def grad(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum({_name}(x))
    return tape.gradient(total, x)

for x, u in POINTS:
    x, u = tf.constant(x), tf.constant(u)
    with tf.autodiff.ForwardAccumulator(x, u) as acc:
        g = grad(x)
    print(r(g), r(acc.jvp(g)))  # the gradient and a Hessian-vector product
print("traces", grad.experimental_get_tracing_count())
""",
    )
