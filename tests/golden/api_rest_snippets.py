"""Behaviour snippets for the rest of tf and tf.math (issue 12, lane apirest):
bad input (TF's classes and texts), gradients TF leaves None or refuses, and
the outputs of the non-differentiable names. TensorFlow's output is recorded in
``api_rest.json`` (``make_snippets_golden.py api_rest`` under the TF virtualenv);
``tests/test_api_rest.py`` replays them on tapeflow.

The rules of ``behaviour_snippets.py`` apply. ``err(fn)`` prints the class and
message of what ``fn()`` raises (or ``ok``); ``show(t)`` a tensor's dtype, shape
and value, rounded so last-bit kernel differences do not matter.
"""

import textwrap

SNIPPETS: dict[str, str] = {}

_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        show_error(e)

def show(t, digits=6):
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy() if hasattr(t, "numpy") else t)
    if a.dtype.kind in "fc":
        a = np.round(a, digits)
    print(t.dtype.name if hasattr(t, "dtype") else a.dtype, list(a.shape), a.tolist())
"""


def _snippet(name: str, source: str) -> None:
    if name in SNIPPETS:
        raise ValueError(f"duplicate snippet name {name!r}")
    SNIPPETS[name] = textwrap.dedent(_HELPERS).lstrip("\n") + textwrap.dedent(source)


# ------------------------------------------------------ special functions --

_snippet(
    "special_bad_dtypes",
    """
    i = tf.constant([1, 2])
    h = tf.constant([1.0], tf.float16)
    f = tf.constant([1.0])
    d = tf.constant([1.0], tf.float64)
    err(lambda: tf.math.igamma(i, i))
    err(lambda: tf.math.igammac(i, i))
    err(lambda: tf.math.igamma(h, h))
    err(lambda: tf.math.igammac(h, h))
    err(lambda: tf.math.igamma(f, d))
    err(lambda: tf.math.igammac(d, f))
    err(lambda: tf.math.betainc(i, i, i))
    err(lambda: tf.math.betainc(h, h, h))
    err(lambda: tf.math.betainc(f, d, f))
    err(lambda: tf.math.betainc(f, f, d))
    err(lambda: tf.math.zeta(i, i))
    err(lambda: tf.math.zeta(h, h))
    err(lambda: tf.math.zeta(d, f))
    err(lambda: tf.math.igamma(1, 2))
    """,
)

_snippet(
    "special_bad_shapes",
    """
    err(lambda: tf.math.igamma(tf.ones([2]), tf.ones([3])))
    err(lambda: tf.math.igammac(tf.ones([2, 1]), tf.ones([3, 2])))
    err(lambda: tf.math.zeta(tf.ones([2]), tf.ones([3])))
    err(lambda: tf.math.betainc(tf.ones([2]), tf.ones([2]), tf.ones([3])))
    err(lambda: tf.math.betainc(tf.ones([2]), tf.ones([]), tf.ones([3])))
    err(lambda: tf.math.betainc(tf.ones([2, 1]), tf.ones([2, 3]), 0.5))
    err(lambda: tf.math.betainc(tf.ones([]), tf.ones([2]), tf.ones([3])))
    show(tf.math.betainc(1.0, 1.0, tf.fill([2, 2], 0.25)))
    show(tf.math.igamma(tf.constant([[1.0], [2.0]]), tf.constant([0.5, 1.0, 3.0])), 5)
    """,
)

_snippet(
    "special_python_scalars",
    """
    show(tf.math.zeta(2.0, 1))
    show(tf.math.betainc(1.0, 2.0, 0.5))
    show(tf.math.igamma(2.0, 3))
    show(tf.math.igammac(tf.constant(2.0, tf.float64), 3.0))
    """,
)

_snippet(
    "special_gradients_tf_leaves_out",
    """
    a = tf.constant([0.5, 2.0], tf.float64)
    x = tf.constant([0.3, 5.0], tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, x])
        ga, gx = tape.gradient(tf.math.igamma(a, x), [a, x])
    err(lambda: tape.gradient(ga, [a, x]))
    for g in tape.gradient(gx, [a, x]):
        show(g)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([a, x])
        qa = tape.gradient(tf.math.igammac(a, x), a)
    err(lambda: tape.gradient(qa, a))
    b = tf.constant([3.0, 1.5], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([a, b, x])
        y = tf.math.betainc(a, b, x / 6.0)
    for g in tape.gradient(y, [a, b, x]):
        show(g)
    q = tf.constant([1.5, 0.25], tf.float64)
    with tf.GradientTape() as tape:
        tape.watch([a, q])
        y = tf.math.zeta(a + 1.5, q)
    for g in tape.gradient(y, [a, q]):
        show(g)
    """,
)
