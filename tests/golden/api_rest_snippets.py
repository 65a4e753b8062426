"""Behaviour snippets for the rest of tf and tf.math (issue 12, lane apirest):
bad input (TF's classes and texts), gradients TF leaves None or refuses, and
the outputs of the non-differentiable names. TensorFlow's output is recorded in
``api_rest.json`` (``make_snippets_golden.py api_rest`` under the TF virtualenv);
``tests/test_api_rest.py`` replays them on tapeflow.

The rules of ``behaviour_snippets.py`` apply. ``err(fn)`` prints the class and
message of what ``fn()`` raises (or ``ok``); ``show(t)`` a tensor's dtype, shape
and value, rounded so last-bit kernel differences do not matter.
"""

from snippet_registry import snippet_registry

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


SNIPPETS, _snippet = snippet_registry(_HELPERS)


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

# ------------------------------------------------------------ TypeSpec family --

_snippet(
    "type_specs",
    """
    print(issubclass(tf.TensorSpec, tf.TypeSpec), isinstance(tf.NoneTensorSpec(), tf.TypeSpec))
    print(repr(tf.NoneTensorSpec()), tf.NoneTensorSpec() == tf.NoneTensorSpec())
    print(tf.NoneTensorSpec().is_compatible_with(None))
    print(repr(tf.TensorArraySpec([2], tf.float32)), repr(tf.TensorArraySpec()))
    print(tf.TensorArraySpec([2]) == tf.TensorArraySpec([2]), tf.TensorArraySpec([2]) == tf.TensorArraySpec([3]))
    print(tf.TensorArraySpec([2]).is_compatible_with(tf.TensorArraySpec([None])))
    print(tf.TensorArraySpec([2]).is_compatible_with(tf.TensorArraySpec([2], tf.int32)))
    print(tf.TensorArraySpec([2]).is_subtype_of(tf.TensorArraySpec([3])))
    print(tf.TensorArraySpec().value_type.__name__, tf.IndexedSlicesSpec().value_type.__name__)
    print(repr(tf.IndexedSlicesSpec()))
    print(repr(tf.IndexedSlicesSpec([4, 2], tf.float64, tf.int32, tf.int64, [3])))
    print(repr(tf.OptionalSpec(tf.TensorSpec([2]))))
    print(hash(tf.TensorArraySpec([2])) == hash(tf.TensorArraySpec([2])))
    err(lambda: tf.TensorArraySpec.from_value(3))
    """,
)

_snippet(
    "type_spec_from_value",
    """
    for value in [tf.constant([1.0, 2.0]), np.array([1, 2]), [1.0, 2.0], (1, 2), 3, "ab", None]:
        print(repr(tf.type_spec_from_value(value)))
    print(repr(tf.type_spec_from_value(tf.TensorArray(tf.float32, size=2))))
    print(repr(tf.type_spec_from_value(tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0]))))
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as tape:
        y = tf.gather(x, [0])
    g = tape.gradient(y, x)
    print(repr(tf.type_spec_from_value(g)))
    print(tf.IndexedSlicesSpec([2, 3]).is_compatible_with(g))
    print(tf.IndexedSlicesSpec([2, 2], tf.float32, tf.int32, tf.int32, [1]).is_compatible_with(g))
    err(lambda: tf.type_spec_from_value({"a": 1}))
    """,
)

_snippet(
    "inside_function_and_symbolic_tensors",
    """
    c = tf.constant(2.0)
    print(tf.inside_function(), tf.is_symbolic_tensor(c))
    print(tf.is_symbolic_tensor(3), tf.is_symbolic_tensor(np.ones(2)), tf.is_symbolic_tensor(tf.Variable(1.0)))

    @tf.function(autograph=False)
    def f(x):
        print("traced", tf.inside_function(), tf.is_symbolic_tensor(x),
              tf.is_symbolic_tensor(x * 2.0), tf.is_symbolic_tensor(c))
        return x

    f(tf.constant(1.0))
    """,
)

# ---------------------------------------------------------- TF's initializers --

_snippet(
    "initializers",
    """
    for init in [tf.zeros_initializer(), tf.ones_initializer(), tf.constant_initializer(0.5),
                 tf.random_normal_initializer(), tf.random_uniform_initializer()]:
        print(type(init).__name__, init.get_config())
    show(tf.zeros_initializer()([2, 2]))
    show(tf.zeros_initializer()([2], dtype=tf.int32))
    show(tf.ones_initializer()([3], tf.float64))
    show(tf.constant_initializer([1.0, 2.0, 3.0, 4.0])(shape=[2, 2]))
    show(tf.constant_initializer(7)(shape=[2], dtype=tf.int64))
    show(tf.constant_initializer(7)(shape=[2]))
    show(tf.random_normal_initializer(seed=1)([3]))
    show(tf.random_normal_initializer(mean=1.0, stddev=2.0, seed=5)([2, 3]))
    show(tf.random_uniform_initializer(seed=1)([3]))
    show(tf.random_uniform_initializer(-1.0, 3.0, seed=7)([5]))
    init = tf.random_normal_initializer(seed=3)
    print(bool(tf.reduce_all(init([4]) == init([4]))))
    t = tf.random_normal_initializer()([100])
    print(t.dtype.name, t.shape)
    print(type(tf.constant_initializer.from_config({"value": 2.0})).__name__)
    err(lambda: tf.constant_initializer(object()))
    err(lambda: tf.random_normal_initializer()([2], tf.int32))
    err(lambda: tf.random_uniform_initializer()([2], tf.bool))
    err(lambda: tf.zeros_initializer()([2], tf.string))
    err(lambda: tf.ones_initializer()([2], bad=1))
    err(lambda: tf.constant_initializer(1.0)([2], partition_shape=[1]))
    """,
)

# ----------------------------------------------- fingerprint, index shuffle --

_snippet(
    "fingerprint_every_length",
    """
    # Rows of 0..300 bytes cover every branch of farmhash's Fingerprint64.
    data = (np.arange(2 * 301, dtype=np.int64) * 2654435761 % 251).astype(np.uint8)
    for n in list(range(0, 70)) + [95, 127, 128, 129, 191, 200, 255, 256, 257, 300]:
        rows = tf.constant(data[: 2 * n].reshape(2, n))
        print(n, tf.fingerprint(rows).numpy().tolist())
    """,
)

_snippet(
    "fingerprint_dtypes_and_errors",
    """
    show(tf.fingerprint(tf.constant([[1, 2], [3, 4]])))
    show(tf.fingerprint(tf.constant([[1.5], [2.5]], tf.float64)))
    show(tf.fingerprint(tf.constant([[True], [False]])))
    show(tf.fingerprint(tf.constant([1.0, -2.0, 3.5], tf.float16)))
    show(tf.fingerprint(tf.reshape(tf.range(24), [2, 3, 4])))
    show(tf.fingerprint(tf.constant(["a", "hello", "a much longer string than sixteen bytes"])))
    show(tf.fingerprint(tf.constant([["ab", "c"], ["d", "ef"]])))
    show(tf.fingerprint(tf.zeros([0, 3])))
    show(tf.fingerprint(tf.zeros([2, 0])))
    show(tf.fingerprint([[1, 2]]))
    err(lambda: tf.fingerprint(tf.constant(1)))
    err(lambda: tf.fingerprint(tf.constant([1]), method="md5"))
    """,
)

_snippet(
    "random_index_shuffle",
    """
    show(tf.random_index_shuffle(tf.range(10), [1, 2, 3], 9))
    show(tf.random_index_shuffle(tf.range(10), [1, 2, 3], 9, rounds=8))
    show(tf.random_index_shuffle(tf.constant(5, tf.int64), tf.constant([1, 2, 3], tf.int64),
                                 tf.constant(100000, tf.int64), rounds=6))
    show(tf.random_index_shuffle(tf.constant([0, 1, 2], tf.uint32),
                                 tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9]], tf.uint32),
                                 tf.constant([5, 6, 7], tf.uint32)))
    show(tf.random_index_shuffle(tf.constant(0), [7, 7, 7], tf.constant(0)))
    show(tf.random_index_shuffle(tf.constant([3, 70000, 123456789], tf.int64), [9, 8, 7],
                                 tf.constant(2**40, tf.int64)))
    show(tf.random_index_shuffle(tf.constant(2**62, tf.uint64), tf.constant([1, 2, 3], tf.uint64),
                                 tf.constant(2**63, tf.uint64)))
    show(tf.random_index_shuffle(tf.constant(65536), [1, 2, 3], tf.constant(65536)))
    perm = tf.random_index_shuffle(tf.range(1000), [4, 5, 6], 999).numpy()
    print(sorted(perm.tolist()) == list(range(1000)), perm[:10].tolist())
    err(lambda: tf.random_index_shuffle(tf.constant(5), [1, 2, 3], tf.constant(3)))
    err(lambda: tf.random_index_shuffle(tf.constant(5), [1, 2], tf.constant(9)))
    err(lambda: tf.random_index_shuffle(tf.constant(5.0), [1, 2, 3], 9.0))
    err(lambda: tf.random_index_shuffle(tf.constant([[1, 2]]), [1, 2, 3], tf.constant(9)))
    err(lambda: tf.random_index_shuffle(tf.constant(-1), [1, 2, 3], tf.constant(9)))
    """,
)

# ---------------------------------------------------------------- sobol_sample --

_snippet(
    "sobol_sample",
    """
    import hashlib

    def digest(t):
        print(t.dtype.name, t.shape, hashlib.sha1(t.numpy().tobytes()).hexdigest())

    show(tf.math.sobol_sample(3, 5))
    show(tf.math.sobol_sample(2, 3, skip=4, dtype=tf.float64))
    digest(tf.math.sobol_sample(1111, 700))
    digest(tf.math.sobol_sample(1111, 300, skip=5000, dtype=tf.float64))
    digest(tf.math.sobol_sample(40, 2000, skip=123456, dtype=tf.float64))
    digest(tf.math.sobol_sample(7, 3000, skip=2**20))
    show(tf.math.sobol_sample(5, 3, skip=2**30 - 2, dtype=tf.float64), 12)
    show(tf.math.sobol_sample(3, 2, skip=2**31 - 4, dtype=tf.float64), 12)
    show(tf.math.sobol_sample(tf.constant(2), tf.constant(2), tf.constant(1)))
    err(lambda: tf.math.sobol_sample(0, 5))
    err(lambda: tf.math.sobol_sample(21201, 1))
    err(lambda: tf.math.sobol_sample(2, 0))
    err(lambda: tf.math.sobol_sample(2, 2, skip=-1))
    err(lambda: tf.math.sobol_sample(2, 2**31 - 10, skip=20))
    err(lambda: tf.math.sobol_sample(2, 2, dtype=tf.int32))
    err(lambda: tf.math.sobol_sample(2, 2, dtype=tf.float16))
    """,
)

# ------------------------------------------- conversion and creator registries --

_snippet(
    "register_tensor_conversion_function",
    """
    class Meters:
        def __init__(self, v):
            self.v = v

    def to_tensor(value, dtype=None, name=None, as_ref=False):
        print("converting", dtype, as_ref)
        return tf.constant(value.v, dtype=dtype)

    tf.register_tensor_conversion_function(Meters, to_tensor)
    show(tf.convert_to_tensor(Meters([1.0, 2.0])))
    show(tf.add(Meters([1.0, 2.0]), 1.0))
    show(tf.convert_to_tensor(Meters([1.0, 2.0]), dtype=tf.float64))
    err(lambda: tf.convert_to_tensor(Meters([1.5, 2.0]), dtype=tf.int32))
    err(lambda: tf.register_tensor_conversion_function(int, to_tensor))
    err(lambda: tf.register_tensor_conversion_function(np.ndarray, to_tensor))
    err(lambda: tf.register_tensor_conversion_function((Meters, float), to_tensor))
    err(lambda: tf.register_tensor_conversion_function(3, to_tensor))
    err(lambda: tf.register_tensor_conversion_function(str, 3))

    class Feet:
        pass

    def not_a_tensor(value, dtype=None, name=None, as_ref=False):
        return 5

    def declines(value, dtype=None, name=None, as_ref=False):
        return NotImplemented

    tf.register_tensor_conversion_function(Feet, not_a_tensor)
    err(lambda: tf.convert_to_tensor(Feet()))
    tf.register_tensor_conversion_function(Feet, declines, priority=1)
    err(lambda: tf.convert_to_tensor(Feet()))
    tf.register_tensor_conversion_function(
        Feet, lambda v, dtype=None, name=None, as_ref=False: tf.constant(9), priority=2)
    show(tf.convert_to_tensor(Feet()))
    tf.register_tensor_conversion_function(
        Feet, lambda v, dtype=None, name=None, as_ref=False: tf.constant(9), priority=0)
    err(lambda: tf.convert_to_tensor(Feet(), dtype=tf.float32))
    """,
)

_snippet(
    "variable_creator_scope",
    """
    def creator(next_creator, **kwargs):
        print("creator", sorted(kwargs), kwargs["name"], kwargs["initial_value"])
        kwargs["trainable"] = False
        return next_creator(**kwargs)

    with tf.variable_creator_scope(creator):
        v = tf.Variable(1.0, name="v")
    print(v.trainable, v.name)
    w = tf.Variable(1.0)
    print(w.trainable)

    def outer(next_creator, **kwargs):
        print("outer", kwargs["dtype"])
        return next_creator(**kwargs)

    def inner(next_creator, **kwargs):
        print("inner")
        kwargs["dtype"] = tf.float64
        return next_creator(**kwargs)

    with tf.variable_creator_scope(outer):
        with tf.variable_creator_scope(inner):
            print(tf.Variable(2.0).dtype.name)

    def replace(next_creator, **kwargs):
        return "not a variable"

    with tf.variable_creator_scope(replace):
        print(tf.Variable(3.0))
    """,
)

# ------------------------------------------------ raw nn ops at the top level --

_snippet(
    "approx_top_k",
    """
    x = tf.constant([[3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0], [2.0, 7.0, 1.0, 8.0, 2.0, 8.0, 1.0, 8.0]])
    print(tf.approx_top_k(x, 3))
    print(tf.approx_top_k(x, 2, recall_target=0.5, reduction_input_size_override=100,
                          aggregate_to_topk=False))
    print(tf.approx_top_k(tf.constant([1.0, 5.0, 3.0], tf.float16), 2))
    print(tf.approx_top_k(x, 0))
    with tf.GradientTape() as tape:
        tape.watch(x)
        values, _ = tf.approx_top_k(x, 2)
    show(tape.gradient(values, x))
    err(lambda: tf.approx_top_k(x, 3, is_max_k=False))
    err(lambda: tf.approx_top_k(x, 2, reduction_dimension=0))
    err(lambda: tf.approx_top_k(x, 2, reduction_dimension=1))
    err(lambda: tf.approx_top_k(tf.constant([1, 5, 3]), 2))
    err(lambda: tf.approx_top_k(tf.constant([1.0, 2.0], tf.float64), 1))
    err(lambda: tf.approx_top_k(tf.constant(3.0), 1))
    err(lambda: tf.approx_top_k(x, 9))
    """,
)

_snippet(
    "conv",
    """
    x = tf.reshape(tf.range(2 * 5 * 5 * 3, dtype=tf.float32), [2, 5, 5, 3]) / 10.0
    w = tf.reshape(tf.range(3 * 3 * 3 * 4, dtype=tf.float32), [3, 3, 3, 4]) / 50.0
    y = tf.conv(x, w, strides=[1, 1, 1, 1], padding="VALID")
    print(y.shape, bool(tf.reduce_all(tf.abs(y - tf.nn.conv2d(x, w, 1, "VALID")) < 1e-3)))
    show(tf.conv(x, w, strides=[1, 2, 2, 1], padding="SAME")[0, :, :, 0], 3)
    show(tf.conv(x, w, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1])[1, :, :, 3], 3)
    print(tf.conv(x, w, [1, 1, 1, 1], "EXPLICIT", explicit_paddings=[0, 0, 1, 1, 2, 2, 0, 0]).shape)
    v = tf.reshape(tf.range(4 * 4 * 4 * 2, dtype=tf.float64), [1, 4, 4, 4, 2]) / 100.0
    show(tf.conv(v, tf.ones([2, 2, 2, 2, 3], tf.float64), [1, 1, 2, 1, 1], "VALID")[0, :, :, 0, 0], 4)
    show(tf.conv(tf.reshape(x, [1, 2, 5, 5, 3]), w, [1, 1, 1, 1], "VALID", batch_dims=2)[0, 1, 0], 3)
    with tf.GradientTape() as tape:
        tape.watch([x, w])
        y = tf.conv(x, w, strides=[1, 1, 1, 1], padding="VALID")
    err(lambda: tape.gradient(y, [x, w]))
    err(lambda: tf.conv(x, w, strides=[1, 1], padding="VALID"))
    err(lambda: tf.conv(x, w, [1, 1, 1, 1], "SAME", data_format="CHANNELS_FIRST"))
    err(lambda: tf.conv(x, tf.ones([3, 3, 1, 6]), [1, 1, 1, 1], "VALID", groups=3))
    err(lambda: tf.conv(tf.ones([1, 4, 5]), tf.ones([2, 5, 3]), [1, 1, 1], "VALID"))
    err(lambda: tf.conv(x, w, [2, 1, 1, 1], "VALID"))
    err(lambda: tf.conv(x, tf.ones([3, 3, 2, 4]), [1, 1, 1, 1], "VALID"))
    """,
)

_snippet(
    "conv2d_backprop_v2_have_no_kernel",
    """
    x = tf.ones([2, 5, 5, 3])
    w = tf.ones([3, 3, 3, 4])
    g = tf.ones([2, 3, 3, 4])
    err(lambda: tf.conv2d_backprop_filter_v2(x, w, g, [1, 1, 1, 1], "VALID"))
    err(lambda: tf.conv2d_backprop_input_v2(x, w, g, [1, 2, 2, 1], "SAME", dilations=[1, 2, 2, 1]))
    err(lambda: tf.conv2d_backprop_input_v2(x, w, tf.ones([2, 5, 5, 4]), [1, 1, 1, 1], "EXPLICIT",
                                            explicit_paddings=[0, 0, 1, 1, 1, 1, 0, 0]))
    err(lambda: tf.conv2d_backprop_filter_v2(tf.ones([1, 2, 2, 1], tf.float64), w, g, [1, 1, 1, 1],
                                             "VALID", data_format="NCHW", use_cudnn_on_gpu=False))
    """,
)

_snippet(
    "extract_volume_patches",
    """
    v = tf.reshape(tf.range(1 * 4 * 4 * 4 * 2, dtype=tf.float32), [1, 4, 4, 4, 2])
    p = tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID")
    print(p.shape, p[0, 0, 0, 0].numpy().tolist(), p[0, 1, 1, 1].numpy().tolist())
    p = tf.extract_volume_patches(v, [1, 3, 3, 3, 1], [1, 1, 2, 1, 1], "SAME")
    print(p.shape, float(tf.reduce_sum(p)), p[0, 0, 0, 0, :12].numpy().tolist())
    p = tf.extract_volume_patches(v, [1, 2, 3, 1, 1], [1, 3, 1, 2, 1], "SAME")
    print(p.shape, float(tf.reduce_sum(p * tf.range(p.shape[-1], dtype=tf.float32))))
    print(tf.extract_volume_patches(v, [1, 5, 2, 2, 1], [1, 2, 2, 2, 1], "VALID").shape)
    show(tf.extract_volume_patches(tf.ones([1, 3, 3, 3, 1], tf.int32), [1, 2, 2, 2, 1],
                                   [1, 1, 1, 1, 1], "VALID")[0, 0, 0, 0])
    with tf.GradientTape() as tape:
        tape.watch(v)
        p = tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1], "SAME")
    show(tape.gradient(p, v)[0, :, :, 0, 0])
    err(lambda: tf.extract_volume_patches(v, [2, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID"))
    err(lambda: tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 2, 2, 2, 2], "VALID"))
    err(lambda: tf.extract_volume_patches(v, [1, 2, 2, 2], [1, 2, 2, 2, 1], "VALID"))
    err(lambda: tf.extract_volume_patches(tf.ones([4, 4, 4, 2]), [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "VALID"))
    err(lambda: tf.extract_volume_patches(v, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "EXPLICIT"))
    err(lambda: tf.extract_volume_patches(tf.ones([1, 3, 3, 3, 1], tf.bool), [1, 2, 2, 2, 1],
                                          [1, 1, 1, 1, 1], "VALID"))
    """,
)

_snippet(
    "edit_distance",
    """
    h = tf.SparseTensor([[0, 0, 0], [1, 0, 0], [1, 0, 1]], ["a", "b", "c"], [2, 1, 2])
    t = tf.SparseTensor([[0, 1, 0], [1, 0, 0], [1, 0, 1], [1, 0, 2]], ["a", "b", "d", "c"], [2, 2, 3])
    show(tf.edit_distance(h, t))
    show(tf.edit_distance(h, t, normalize=False))
    hi = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [1, 2, 3], [3, 2])
    ti = tf.SparseTensor([[0, 0], [1, 0], [1, 1], [2, 0]], [1, 3, 4, 5], [3, 2])
    show(tf.edit_distance(hi, ti))
    show(tf.edit_distance(hi, ti, normalize=False))
    show(tf.edit_distance(hi, tf.SparseTensor([[0, 0]], [1], [3, 2])))
    e = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.constant([], tf.int32), [2, 3])
    show(tf.edit_distance(e, e))
    long_h = tf.sparse.from_dense(tf.constant([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]))
    long_t = tf.sparse.from_dense(tf.constant([[1, 3, 4, 7, 5, 6, 9], [5, 6, 4, 3, 1, 2, 8]]))
    show(tf.edit_distance(long_h, long_t))
    show(tf.edit_distance(tf.SparseTensor([[0, 0], [0, 1]], [1.5, 2.5], [1, 2]),
                          tf.SparseTensor([[0, 0]], [1.5], [1, 3])))
    err(lambda: tf.edit_distance(tf.constant([[1, 2]]), ti))
    err(lambda: tf.edit_distance(hi, tf.constant([[1, 2]])))
    err(lambda: tf.edit_distance(hi, tf.SparseTensor([[0, 0]], [1.0], [3, 2])))
    err(lambda: tf.edit_distance(hi, tf.SparseTensor([[0, 0, 0]], [1], [3, 2, 2])))
    """,
)


_snippet(
    "is_tensor_composites",
    """
    st = tf.sparse.from_dense([[1, 0], [0, 2]])
    ix = tf.IndexedSlices(tf.constant([1.0]), tf.constant([0]))
    print(tf.is_tensor(st), tf.is_tensor(ix), tf.is_tensor(tf.linalg.LinearOperatorIdentity(2)))
    print(tf.is_tensor(tf.TensorArray(tf.float32, 1)), tf.is_tensor(np.ones(2)), tf.is_tensor([1]))
    """,
)
