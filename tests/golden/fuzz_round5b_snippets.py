"""Fuzz round 5 (issue 14, helper fixb): raw exceptions, inputs TF accepts and tapeflow
refused, and wrong dtypes that the final fuzz run found, each as a small program whose
output TensorFlow recorded in ``fuzz_round5b.json`` (``make_snippets_golden.py
fuzz_round5b`` under the TensorFlow virtualenv); ``tests/test_fuzz_round5b.py`` replays
them on tapeflow.

``err(fn)`` prints the class and message of the exception ``fn()`` raises (or ``ok``);
``show(t)`` prints a tensor's dtype, shape and value (floats to 5 significant digits).
"""

from snippet_registry import snippet_registry

_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        print(type(e).__name__, str(e).split(" [Op:")[0].split("\\n")[0].split("}} ")[-1])

def show(t):
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy())
    if a.dtype.kind == "f":
        a = np.vectorize(lambda v: float(f"{v:.5g}") + 0.0, otypes=[object])(a)
    print(t.dtype.name, list(a.shape), a.tolist())
"""


SNIPPETS, _snippet = snippet_registry(_HELPERS)


_snippet(
    "fractional_pool_ratio_checks",
    """
    x = tf.ones([1, 4, 4, 1])
    # avg: the ratio goes straight to the op, a list of Python reals only.
    err(lambda: tf.nn.fractional_avg_pool(x, np.uint32(4)))
    err(lambda: tf.nn.fractional_avg_pool(x, 2))
    err(lambda: tf.nn.fractional_avg_pool(x, tf.constant([1.0, 2.0, 2.0, 1.0])))
    err(lambda: tf.nn.fractional_avg_pool(x, [1.0, tf.constant(2.0), 2.0, 1.0]))
    err(lambda: tf.nn.fractional_avg_pool(x, [1.0, "2", 2.0, 1.0]))
    err(lambda: tf.nn.fractional_avg_pool(x, [1.0, 2.0, 2.0, 1.0, 1.0]))
    # max: the Python wrapper checks lists, ints and floats, and refuses anything else.
    err(lambda: tf.nn.fractional_max_pool(x, np.int64(-2)))
    err(lambda: tf.nn.fractional_max_pool(x, tf.constant([1.0, 2.0, 2.0, 1.0])))
    err(lambda: tf.nn.fractional_max_pool(x, 0.5))
    err(lambda: tf.nn.fractional_max_pool(x, [2.0, 2.0]))
    err(lambda: tf.nn.fractional_max_pool(x, [1.0, 2.0, 2.0, 2.0, 1.0]))
    show(tf.nn.fractional_max_pool(x, 2, seed=1)[0])
    show(tf.nn.fractional_max_pool(x, [1.0])[0])
    show(tf.nn.fractional_max_pool(x, [1.0, 1.0])[0])
    """,
)

_snippet(
    "convolution_dtype_checked_first",
    """
    empty = tf.constant(np.zeros((3, 3, 0), "uint64"))
    err(lambda: tf.nn.convolution(empty, empty))
    err(lambda: tf.nn.conv2d(tf.ones([1, 3, 3, 1], tf.int64), tf.ones([1, 1, 1, 1], tf.int64),
                             1, "VALID"))
    err(lambda: tf.nn.conv3d(tf.ones([1, 3, 3, 3, 1], tf.int32),
                             tf.ones([1, 1, 1, 1, 1], tf.int32), [1] * 5, "VALID"))
    show(tf.nn.conv1d(tf.ones([1, 3, 1], tf.int32), tf.ones([1, 1, 1], tf.int32), 1, "VALID"))
    """,
)

_snippet(
    "accepted_inputs",
    """
    show(tf.fill(4, [5]))
    err(lambda: tf.fill([2], [[5]]))
    show(tf.linalg.expm(np.array([0.5], "float32")))
    err(lambda: tf.linalg.expm(np.array([0.5, 0.2], "float32")))
    show(tf.linalg.expm(np.zeros((0, 0), "bool")))
    show(tf.linalg.expm(np.zeros((2, 0, 0), "int32")))
    show(tf.linalg.expm(np.zeros((0, 3, 3), "float32")))
    for t in tf.linalg.lu(np.zeros((2, 0, 3, 3), "float32")):
        show(t)
    err(lambda: tf.linalg.lu(np.zeros((2, 0), "float32")))
    show(tf.math.polygamma([], np.float16(-1.888671875)))
    show(tf.math.polygamma([1.0], np.array([1.0], np.float16)))
    err(lambda: tf.math.polygamma(np.float16(1), [1.0]))
    show(tf.argsort([[1073741823]], axis="0", stable=True))
    show(tf.argsort([[3, 1]], axis=0.7))
    show(tf.sort([[3, 1]], axis="1"))
    err(lambda: tf.argsort([[1]], axis="x"))
    """,
)

_snippet(
    "string_results",
    """
    show(tf.math.polyval([], tf.constant(np.array(b"xyz", dtype=object))))
    show(tf.math.polyval([], tf.constant([b"a", b"b"])))
    labels = np.array([[b"\\x00b", b"", b"xyz"], [b"xyz", b"a", b"a"], [b"", b"", b""]], object)
    for t in tf.nn.collapse_repeated(labels, tf.constant(3 + 0j, tf.complex128)):
        show(t)
    x = tf.constant([[1.0, 1.0, 2.0], [3.0, 4.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.collapse_repeated(x, [3, 2])[0]
    show(y)
    show(tf.convert_to_tensor(tape.gradient(y, x)))
    """,
)
