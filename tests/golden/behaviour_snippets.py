"""Behaviour snippets: small programs whose printed output is compared with TensorFlow.

Each entry of ``SNIPPETS`` maps a name to a dedented Python program.  The
program sees ``tf`` (TensorFlow or tapeflow), ``np`` (NumPy) and
``show_error(e)`` (prints ``ClassName: message``), and prints what a user
would observe.  ``make_snippets_golden.py`` records TensorFlow's output in
``behaviour.json``; ``tests/test_snippets_golden.py`` replays the programs on
tapeflow.

Rules for writing a snippet:

* print with ``print(x)`` / ``print(repr(x))`` so reprs are compared exactly;
* print values that come out of transcendental kernels (exp, log, sin, ...)
  through ``np.round`` so a last-bit difference between kernels does not
  matter; exact arithmetic (sums, products of small integers, halves) is
  printed as is;
* nothing may depend on memory addresses, object ids, time or randomness;
* catch expected errors with ``except Exception as e: show_error(e)``.  Where
  the message names an implementation class (Python's own operator errors),
  print only the exception class name.

Names start with their section: ``repr_``, ``shape_``, ``dtype_``,
``const_``, ``promo_``, ``pyop_``, ``op_``, ``idx_``, ``proto_``, ``var_``,
``tape_``, ``watch_``, ``autowatch_``, ``grad_``, ``outgrad_``,
``unconn_``, ``stoprec_``, ``reset_``, ``watchedvars_``, ``stopgrad_``,
``fwd_``, ``nested_``, ``persist_``, ``vargrad_``, ``ops_``, ``gradop_``.
"""

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


# ---------------------------------------------------------------- §7 reprs --

_snippet(
    "repr_float32_scalar",
    """
    t = tf.constant(6.0)
    print(t)
    print(repr(t))
    print(str(t) == repr(t))

    t = tf.constant(0.1)
    print(t)
    print(repr(t))
    print(repr(tf.constant(1.0 / 3.0)))
    print(repr(tf.constant(-2.5)))
""",
)

_snippet(
    "repr_float32_vector",
    """
    t = tf.constant([1.0, 2.0, 3.0])
    print(t)
    print(repr(t))
    print(repr(tf.constant([0.1, 0.25, 1e-8])))

    t = tf.constant([1.5, 100000.0, 0.001])
    print(t)
    print(repr(t))
    print(repr(tf.constant([1e-10, 1.0])))
""",
)

_snippet(
    "repr_float32_matrix",
    """
    t = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(t)
    print(repr(t))
""",
)

_snippet(
    "repr_float32_rank3",
    """
    t = tf.constant([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.5]]])
    print(t)
    print(repr(t))
""",
)

_snippet(
    "repr_float16",
    """
    s = tf.constant(0.1, dtype=tf.float16)
    print(s)
    print(repr(s))
    v = tf.constant([1.5, 2.0, -3.25], dtype=tf.float16)
    print(v)
    print(repr(v))
""",
)

_snippet(
    "repr_float64",
    """
    s = tf.constant(0.1, dtype=tf.float64)
    print(s)
    print(repr(s))
    v = tf.constant([1.0, 2.5], dtype=tf.float64)
    print(v)
    print(repr(v))
    m = tf.constant(np.array([[1.0, 2.0], [3.0, 4.0]]))
    print(m)
    print(repr(m))
""",
)

_snippet(
    "repr_int32",
    """
    print(tf.constant(3))
    print(repr(tf.constant(3)))
    print(tf.constant([1, -2, 3]))
    print(repr(tf.constant([1, -2, 3])))
    print(repr(tf.constant([[1, 2], [3, 4]])))
""",
)

_snippet(
    "repr_int64",
    """
    s = tf.constant(2 ** 40)
    print(s)
    print(repr(s))
    v = tf.constant([1, 2], dtype=tf.int64)
    print(v)
    print(repr(v))
""",
)

_snippet(
    "repr_small_ints",
    """
    a = tf.constant([-128, 0, 127], dtype=tf.int8)
    print(a)
    print(repr(a))
    b = tf.constant(-300, dtype=tf.int16)
    print(b)
    print(repr(b))
    print(repr(tf.constant([[1, 2]], dtype=tf.int16)))

    a = tf.constant([0, 1, 255], dtype=tf.uint8)
    print(a)
    print(repr(a))
    print(repr(tf.constant(7, dtype=tf.uint8)))
""",
)

_snippet(
    "repr_bool",
    """
    print(tf.constant(True))
    print(repr(tf.constant(False)))
    v = tf.constant([True, False, True])
    print(v)
    print(repr(v))
    print(repr(tf.constant([[True], [False]])))
""",
)

_snippet(
    "repr_complex128",
    """
    s = tf.constant(1 + 2j)
    print(s)
    print(repr(s))
    v = tf.constant([1 + 2j, 3 - 1j])
    print(v)
    print(repr(v))
""",
)

_snippet(
    "repr_complex64",
    """
    s = tf.constant(0.5 - 1j, dtype=tf.complex64)
    print(s)
    print(repr(s))
    v = tf.constant([1 + 2j, 3 - 1j], dtype=tf.complex64)
    print(v)
    print(repr(v))
""",
)

_snippet(
    "repr_empty",
    """
    e = tf.constant([])
    print(e)
    print(repr(e))
    z = tf.zeros([0, 3])
    print(z)
    print(repr(z))
    i = tf.constant([], dtype=tf.int32)
    print(repr(i))
    print(repr(tf.zeros([2, 0], dtype=tf.int64)))
""",
)

_snippet(
    "repr_special_floats",
    """
    v = tf.constant([np.nan, np.inf, -np.inf, 1.0])
    print(v)
    print(repr(v))
    print(tf.constant(np.nan))
    print(repr(tf.constant(np.nan)))
    print(repr(tf.constant(-np.inf, dtype=tf.float64)))

    print(tf.constant(-0.0))
    print(repr(tf.constant(-0.0)))
    print(repr(tf.constant([-0.0, 0.0])))
""",
)

_snippet(
    "repr_summarized",
    """
    t = tf.range(2000)
    print(t)
    print(repr(t))
    print(tf.zeros([40, 40]))
""",
)

_snippet(
    "repr_string",
    """
    s = tf.constant("hi")
    print(s)
    print(repr(s))
    print(repr(tf.constant(["a", "bc"])))
""",
)

_snippet(
    "repr_numpy_and_types",
    """
    s = tf.constant(6.0).numpy()
    print(type(s))
    print(repr(s))
    v = tf.constant([1.0, 2.0]).numpy()
    print(type(v))
    print(repr(v))
    print(repr(tf.constant(3).numpy()))
    print(repr(tf.constant(True).numpy()))
    print(repr(tf.constant([[1, 2]], dtype=tf.int64).numpy()))

    t = tf.constant(1.0)
    v = tf.Variable(1.0)
    print(isinstance(t, tf.Tensor))
    print(isinstance(v, tf.Variable))
    print(isinstance(v, tf.Tensor))
    print(isinstance(t, tf.Variable))
    print(tf.constant(3.0) is tf.constant(3.0))
""",
)

_snippet(
    "repr_ndim_device",
    """
    print(tf.constant(1.0).ndim)
    print(tf.constant([1.0]).ndim)
    print(tf.zeros([2, 3]).ndim)
    print(tf.zeros([2, 3, 4]).ndim)

    print(tf.constant(1.0).device)
""",
)

# ------------------------------------------------------------ TensorShape --

_snippet(
    "shape_str_repr_methods",
    """
    for t in [tf.constant(1.0), tf.constant([1.0, 2.0, 3.0]), tf.zeros([2, 2]), tf.zeros([0, 3])]:
        print(t.shape)
        print(repr(t.shape))

    s = tf.zeros([2, 3]).shape
    print(s.as_list())
    print(len(s))
    print(s[0], s[1], s[-1])
    print(s.rank)
    print(s == (2, 3), s == [2, 3], s == (3, 2))
    print(tuple(s))
    print(tf.constant(1.0).shape.as_list(), tf.constant(1.0).shape.rank)
""",
)

# ------------------------------------------------------------------ DType --

_snippet(
    "dtype_str_repr_name",
    """
    for d in [tf.float16, tf.float32, tf.float64, tf.int8, tf.int16, tf.int32,
              tf.int64, tf.uint8, tf.bool, tf.complex64, tf.complex128, tf.string]:
        print(str(d), repr(d), d.name)

    t = tf.constant([1.0])
    print(t.dtype)
    print(repr(t.dtype))
    print(t.dtype.name)
    print(t.dtype == tf.float32, t.dtype == tf.float64)

    for d in [tf.float32, tf.float64, tf.int32, tf.uint8, tf.bool, tf.complex64]:
        print(d.name, d.is_floating, d.is_integer, d.is_complex, d.is_bool)
""",
)

# ------------------------------------------------------ default dtypes §7 --

_snippet(
    "const_default_dtypes_python",
    """
    for value in [1.5, 3, True, 2 ** 40, 1 + 2j, "s", [1, 2.5], [1, 2], [[True, False]]]:
        print(repr(value), repr(tf.constant(value).dtype))
""",
)

_snippet(
    "const_default_dtypes_numpy",
    """
    values = [np.array([1.0, 2.0]), np.array([1, 2]), np.float64(0.1),
              np.float32(1.5), np.int32(3), np.array([1, 2], dtype=np.int8),
              np.array(True), np.array([1.0], dtype=np.float16)]
    for value in values:
        print(repr(tf.constant(value).dtype))
    print(repr(tf.constant(np.float64(0.1))))
""",
)

_snippet(
    "const_explicit_dtype",
    """
    print(repr(tf.constant(3, dtype=tf.float32)))
    print(repr(tf.constant([1, 2], dtype=tf.float64)))
    print(repr(tf.constant(np.array([1.5, 2.5]), dtype=tf.float32)))
    for value, dtype in [(1.0, tf.int32), (2.5, tf.int32), (-1, tf.uint8), (300, tf.int8),
                         (1, tf.bool), (True, tf.int32), (1, tf.float64)]:
        try:
            print(repr(tf.constant(value, dtype=dtype)))
        except Exception as e:
            show_error(e)

    a = tf.constant([1.0, 2.0])
    b = tf.constant(a)
    print(repr(b))
    print(b is a)
""",
)

_snippet(
    "var_default_dtypes",
    """
    print(repr(tf.Variable(3)))
    print(repr(tf.Variable(3, dtype=tf.float32)))
    print(repr(tf.Variable(2.5)))
    print(repr(tf.Variable(np.array([1.0, 2.0]))))
    print(repr(tf.Variable(True)))
""",
)

# ---------------------------------------------------- no type promotion §7 --

_snippet(
    "promo_int_times_float",
    """
    a = tf.constant(2)
    b = tf.constant(1.5)
    try:
        a * b
    except Exception as e:
        show_error(e)
        print(isinstance(e, tf.errors.InvalidArgumentError), isinstance(e, tf.errors.OpError))
    try:
        b * a
    except Exception as e:
        show_error(e)

    try:
        tf.constant(1) * tf.constant(1.0)
    except tf.errors.InvalidArgumentError as e:
        print(e.message == str(e))
        print(repr(e.message))
""",
)

_snippet(
    "promo_same_kind_widths",
    """
    a = tf.constant(1.0, dtype=tf.float64)
    b = tf.constant(1.0)
    try:
        a + b
    except Exception as e:
        show_error(e)
    try:
        b - a
    except Exception as e:
        show_error(e)

    a = tf.constant(1)
    b = tf.constant(1, dtype=tf.int64)
    try:
        a + b
    except Exception as e:
        show_error(e)
    try:
        tf.add(b, a)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "promo_functions",
    """
    a = tf.constant([[1.0]])
    b = tf.constant([[1]])
    for f in [tf.multiply, tf.matmul, tf.subtract, tf.divide, tf.maximum]:
        try:
            f(a, b)
        except Exception as e:
            show_error(e)

    a = tf.constant([1.0, 2.0])
    b = tf.constant([1, 2])
    try:
        a < b
    except Exception as e:
        show_error(e)
    try:
        a == b
    except Exception as e:
        show_error(e)
""",
)

# ------------------------------------------------ Python / NumPy operands --

_snippet(
    "pyop_float_tensor_python_scalars",
    """
    x = tf.constant([1.0, 2.0])
    print(x + 1)
    print(1 + x)
    print(x * 2)
    print(2 ** x)
    print(x ** 2)
    print(x - True)
""",
)

_snippet(
    "pyop_int_tensor_python_float",
    """
    x = tf.constant(3)
    print(x + 2)
    for f in [lambda: x + 1.5, lambda: 1.5 + x, lambda: x - 1.5, lambda: x * 1.5, lambda: x ** 0.5]:
        try:
            f()
        except Exception as e:
            show_error(e)
""",
)

_snippet(
    "pyop_int8_python_float",
    """
    x = tf.constant(3, dtype=tf.int8)
    print(x + 2)
    print(x + 1000)
    for f in [lambda: x + 2.5, lambda: x * 2.5, lambda: x ** 0.5]:
        try:
            f()
        except Exception as e:
            show_error(e)
""",
)

_snippet(
    "pyop_numpy_and_list_operands",
    """
    x = tf.constant([1.0, 2.0])
    print(repr(x + np.float64(0.5)))
    print(repr(np.float64(0.5) + x))
    print(repr(x + np.array([0.5, 0.25])))
    print(repr(np.array([0.5, 0.25]) * x))
    print(repr(x + np.array([1, 2])))

    x = tf.constant([1.0, 2.0])
    print(x + [1, 2])
    print([10, 20] - x)
    print(tf.constant([1, 2]) * [3, 4])
""",
)

_snippet(
    "pyop_tf_functions_convert",
    """
    print(tf.add(1, 2))
    print(tf.add(1.0, 2))
    print(tf.multiply([1, 2], 3))
    print(tf.subtract(np.array([1.0, 2.0]), 1))
    print(tf.square(3))
""",
)

# --------------------------------------------------------------- operators --

_snippet(
    "op_add_sub_mul",
    """
    a = tf.constant([1.0, 2.0, 3.0])
    b = tf.constant([4.0, 5.0, 6.0])
    print(a + b)
    print(a - b)
    print(a * b)
    print(tf.constant([1, 2]) + tf.constant([3, 4]))
    print(tf.constant([1, 2], dtype=tf.uint8) - tf.constant([2, 1], dtype=tf.uint8))
""",
)

_snippet(
    "op_truediv",
    """
    print(tf.constant(1.0) / tf.constant(4.0))
    print(tf.constant([1.0, -1.0, 0.0]) / 0.0)
    print(tf.constant(1.0, dtype=tf.float64) / 3)

    print(tf.constant(2) / tf.constant(4))
    print(tf.constant([1, 3], dtype=tf.int64) / 2)
    print(tf.constant([1, 3], dtype=tf.int8) / 2)
    print(tf.constant([1, 3], dtype=tf.int16) / 2)
    print(tf.constant([1, 3], dtype=tf.uint8) / 2)
    print(7 / tf.constant(2))
""",
)

_snippet(
    "op_floordiv",
    """
    print(tf.constant(-7) // tf.constant(2))
    print(tf.constant([7, -7, 7, -7]) // tf.constant([2, 2, -2, -2]))
    print(tf.constant(-7.5) // tf.constant(2.0))
    print(tf.constant([7.0, -7.0]) // 2)
    print(7 // tf.constant(2))
""",
)

_snippet(
    "op_floormod",
    """
    print(tf.constant(-7) % tf.constant(3))
    print(tf.constant([7, -7, 7, -7]) % tf.constant([3, 3, -3, -3]))
    print(tf.constant(-7.5) % tf.constant(2.0))
    print(tf.constant(-2.0) % 2)
    print(repr(tf.constant(-2.0) % 2))
    print(7 % tf.constant(3))
""",
)

_snippet(
    "op_pow",
    """
    print(tf.constant(2.0) ** 3)
    print(tf.constant([1.0, 4.0, 9.0]) ** 0.5)
    print(tf.constant(2) ** 10)
    print(tf.constant(2.0) ** tf.constant(-1.0))
    print(tf.pow(tf.constant([2, 3]), 2))
""",
)

_snippet(
    "op_pow_int_negative_error",
    """
    try:
        tf.constant(2) ** -1
    except Exception as e:
        show_error(e)
    try:
        tf.constant(2.0) ** tf.constant(2)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "op_matmul",
    """
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.constant([[5.0], [6.0]])
    print(a @ b)
    print(tf.matmul(a, a))
    print(tf.constant([[1, 2]]) @ tf.constant([[3], [4]]))
    print(tf.matmul(a, a, transpose_b=True))
    print(tf.matmul(a, b, transpose_a=True))

    a = tf.ones([2, 2, 3])
    b = tf.ones([2, 3, 1])
    print(a @ b)
    print(tf.ones([2, 2, 3]) @ tf.ones([3, 2]))
""",
)

_snippet(
    "op_matmul_errors",
    """
    try:
        tf.constant([1.0, 2.0]) @ tf.constant([1.0, 2.0])
    except Exception as e:
        show_error(e)
    try:
        tf.constant([[1.0, 2.0]]) @ tf.constant([[1.0, 2.0]])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "op_reflected",
    """
    x = tf.constant(4.0)
    print(1 - x)
    print(2 / x)
    print(2 ** x)
    print(3 * x)
    print(7 % tf.constant(3), 7 // tf.constant(3))
    print(10.0 - tf.constant([1.0, 2.0]))
""",
)

_snippet(
    "op_unary_and_unsupported",
    """
    x = tf.constant([-1.5, 0.0, 2.0])
    print(-x)
    print(abs(x))
    print(-tf.constant(3))
    print(abs(tf.constant([-3, 3])))
    print(abs(tf.constant(-0.0)))
    try:
        +x
    except TypeError:
        print("TypeError")

    x = tf.constant(8)
    for f in [lambda: x << 1, lambda: x >> 1, lambda: divmod(x, 3)]:
        try:
            f()
        except TypeError:
            print("TypeError")
""",
)

_snippet(
    "op_bitwise_logical",
    """
    print(~tf.constant([True, False]))
    print(~tf.constant([0, 5, -1]))
    print(~tf.constant(0, dtype=tf.uint8))

    a = tf.constant([True, True, False, False])
    b = tf.constant([True, False, True, False])
    print(a & b)
    print(a | b)
    print(a ^ b)
    x = tf.constant([12, 10])
    y = tf.constant([10, 6])
    print(x & y)
    print(x | y)
    print(x ^ y)
    print(a & True)
""",
)

_snippet(
    "op_comparisons",
    """
    a = tf.constant([1.0, 2.0, 3.0])
    b = tf.constant([3.0, 2.0, 1.0])
    print(a < b)
    print(a <= b)
    print(a > b)
    print(a >= b)
    print(a > 2)
    print(2 < a)
""",
)

_snippet(
    "op_equality",
    """
    a = tf.constant([1, 2, 3])
    print(a == tf.constant([1, 0, 3]))
    print(a != tf.constant([1, 0, 3]))
    print(a == 2)
    print(a == tf.constant([[1], [2]]))
    print(tf.constant(1.0) == 1.0)

    t = tf.constant([1.0])
    print(t == None)
    print(t != None)
    print(tf.constant(2) in [1, 2, 3])
    print(tf.constant(5) in [1, 2, 3])
""",
)

_snippet(
    "op_equality_incompatible_shapes",
    """
    a = tf.constant([1, 2, 3])
    b = tf.constant([1, 2])
    print(repr(a == b))
    print(repr(a != b))
    print(repr(tf.equal(a, a)))
    try:
        tf.equal(a, b)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "op_broadcasting",
    """
    a = tf.constant([[1.0], [2.0]])
    b = tf.constant([10.0, 20.0, 30.0])
    print(a + b)
    print(a * 2)
    try:
        tf.constant([1.0, 2.0]) + tf.constant([1.0, 2.0, 3.0])
    except Exception as e:
        show_error(e)
    try:
        tf.constant([1.0, 2.0]) * tf.constant([1.0, 2.0, 3.0])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "op_variable_operands",
    """
    v = tf.Variable([1.0, 2.0])
    print(v + 1)
    print(v * v)
    print(-v)
    print(v ** 2)
    print(v > 1.5)
    print(tf.Variable([[1.0, 2.0]]) @ tf.constant([[3.0], [4.0]]))
    print(2.0 / v)
""",
)

# ------------------------------------------------------------ __getitem__ --

_snippet(
    "idx_int_and_slices",
    """
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    print(x[0])
    print(x[1, 2])
    print(repr(x[-1]))
    print(x[-1, -1])

    x = tf.constant([0, 1, 2, 3, 4, 5])
    print(x[1:4])
    print(x[:2])
    print(x[3:])
    print(x[::2])
    print(x[-2:])
    print(x[4:1])
    print(x[10:20])
""",
)

_snippet(
    "idx_negative_step",
    """
    x = tf.constant([0, 1, 2, 3, 4, 5])
    print(x[::-1])
    print(x[4:1:-1])
    print(x[::-2])
    print(x[-1:-4:-1])
    m = tf.constant([[1, 2], [3, 4]])
    print(m[::-1, ::-1])
""",
)

_snippet(
    "idx_ellipsis_newaxis",
    """
    x = tf.reshape(tf.range(24), [2, 3, 4])
    print(x[..., 0])
    print(x[0, ...].shape)
    print(x[tf.newaxis].shape)
    print(x[:, None, 0].shape)
    print(x[..., None].shape)
    print(tf.newaxis is None)
    print(x[1, ..., 1:3])
""",
)

_snippet(
    "idx_tensor_index",
    """
    x = tf.constant([10, 20, 30])
    print(x[tf.constant(1)])
    print(x[tf.constant(2, dtype=tf.int64)])
    m = tf.constant([[1, 2], [3, 4]])
    print(m[tf.constant(1), tf.constant(0)])
    print(m[:, tf.constant(-1)])
""",
)

_snippet(
    "idx_bool_mask",
    """
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    print(x[x > 2])
    print(x[tf.constant([True, False, True, False])])
    m = tf.constant([[1, 2], [3, 4]])
    print(m[tf.constant([False, True])])
    print(m[m > 1])
""",
)

_snippet(
    "idx_list_like_tuple",
    """
    x = tf.constant([[1, 2, 3], [4, 5, 6]])
    print(x[[0, 1]])
    print(x[0, 1])
    print(x[[1]])
""",
)

_snippet(
    "idx_float_error",
    """
    x = tf.constant([1.0, 2.0])
    try:
        x[1.0]
    except Exception as e:
        show_error(e)
    try:
        x[tf.constant(1.0)]
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "idx_out_of_range",
    """
    x = tf.constant([1, 2, 3])
    try:
        x[5]
    except Exception as e:
        show_error(e)
    try:
        x[-4]
    except Exception as e:
        show_error(e)
    try:
        tf.constant(1.0)[0]
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "idx_variable",
    """
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    print(v[0])
    print(v[:, 1])
    print(v[v > 2.5])
""",
)

# ------------------------------------------------------- Python protocols --

_snippet(
    "proto_float_int",
    """
    print(float(tf.constant(2.5)))
    print(int(tf.constant(2.7)))
    print(int(tf.constant(-2.7)))
    print(int(tf.constant(7)))
    print(float(tf.constant(3)))
    print(float(tf.Variable(1.5)))
    print(type(float(tf.constant(2.5))), type(int(tf.constant(7))))

    for f in [float, int]:
        try:
            f(tf.constant([1.5]))
        except Exception as e:
            show_error(e)
    try:
        float(tf.constant([1.5, 2.5]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "proto_bool",
    """
    print(bool(tf.constant(True)))
    print(bool(tf.constant(0.0)))
    print(bool(tf.constant(3)))
    print(bool(tf.constant([5])))
    try:
        bool(tf.constant([1, 2]))
    except Exception as e:
        show_error(e)
    if tf.constant(2.0) > 1.0:
        print("branch taken")
""",
)

_snippet(
    "proto_len_iter",
    """
    print(len(tf.constant([1, 2, 3])))
    print(len(tf.zeros([4, 2])))
    print(len(tf.zeros([0, 2])))
    try:
        len(tf.constant(1.0))
    except Exception as e:
        show_error(e)

    for row in tf.constant([[1, 2], [3, 4]]):
        print(repr(row))
    a, b, c = tf.constant([1.0, 2.0, 3.0])
    print(a, b, c)
    print(list(tf.zeros([0])))
    try:
        iter(tf.constant(1.0))
    except Exception as e:
        show_error(e)
    try:
        for _ in tf.constant(1.0):
            pass
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "proto_index",
    """
    print([10, 20, 30][tf.constant(1)])
    print([10, 20, 30][tf.constant(2, dtype=tf.int64)])
    print(list(range(10))[tf.constant(1):tf.constant(3)])
    print(np.arange(5)[tf.constant(4)])
    print(range(tf.constant(3)))
""",
)

_snippet(
    "proto_hash",
    """
    try:
        hash(tf.constant(1.0))
    except Exception as e:
        show_error(e)
    try:
        {tf.constant(1.0): 1}
    except Exception as e:
        show_error(e)
    try:
        hash(tf.Variable(1.0))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "proto_numpy_interop",
    """
    t = tf.constant([1.0, 2.0])
    v = tf.Variable([3, 4])
    print(repr(np.array(t)))
    print(repr(np.asarray(v)))
    print(repr(t.__array__()))
    print(repr(np.asarray(tf.constant(5.0))))
    print(repr(np.sqrt(tf.constant([4.0, 9.0]))))
    print(repr(np.add(tf.constant([1, 2]), 1)))
    print(repr(np.asarray(tf.constant([1.0]), dtype=np.float64)))
""",
)

_snippet(
    "proto_format",
    """
    t = tf.constant(2.0)
    print(f"{t}")
    print(f"{t:.3f}")
    print("{:>8.2f}".format(tf.constant(3.14159)))
    print(f"{tf.constant([1.0, 2.0])}")
    print("%s" % tf.constant(1))
""",
)

# -------------------------------------------------------------- Variables --

_snippet(
    "var_repr",
    """
    v = tf.Variable(1.0)
    print(v)
    print(repr(v))
    print(str(v) == repr(v))
    print(repr(tf.Variable(0.1)))
    print(repr(tf.Variable([1.0, 2.0])))

    v = tf.Variable([[1, 2], [3, 4]])
    print(v)
    w = tf.Variable(tf.zeros([2, 0]))
    print(repr(w))
""",
)

_snippet(
    "var_names_attributes",
    """
    print(tf.Variable(1.0).name)
    print(tf.Variable(1.0, name='w').name)
    a1 = tf.Variable(1.0, name='a')
    a2 = tf.Variable(2.0, name='a')
    print(a1.name, a2.name)
    print(tf.Variable(1.0, name='x:0').name)
    print(repr(tf.Variable(1.0, name='w')))

    v = tf.Variable([[1.0, 2.0]], name='v')
    print(v.name, v.trainable, repr(v.dtype), v.shape, repr(v.shape))
    print(tf.Variable(1, trainable=False).trainable)
    print(v.device)
    print(v.ndim if hasattr(v, 'ndim') else 'no ndim')
""",
)

_snippet(
    "var_trainable_setter_error",
    """
    v = tf.Variable(1.0)
    try:
        v.trainable = False
    except Exception as e:
        show_error(e)
    print(v.trainable)
""",
)

_snippet(
    "var_assign_returns",
    """
    v = tf.Variable(1.0)
    r = v.assign(5.0)
    print(repr(r))
    print(r)
    print(repr(v))
    print(repr(v.assign_add(2.0)))
    print(repr(v.assign_sub(0.5)))
    print(v.numpy())

    v = tf.Variable([1.0, 2.0])
    print(v.assign([3.0, 4.0], read_value=False))
    print(v.assign_add([1.0, 1.0], read_value=False))
    print(v.assign_sub([0.5, 0.5], read_value=False))
    print(repr(v))
""",
)

_snippet(
    "var_assign_conversion_and_shape",
    """
    v = tf.Variable(1.0)
    v.assign(3)
    print(repr(v))
    i = tf.Variable(1)
    i.assign_add(2)
    print(repr(i))
    try:
        i.assign(1.5)
    except Exception as e:
        show_error(e)
    print(repr(i))

    v = tf.Variable(1.0)
    try:
        v.assign([1.0, 2.0])
    except Exception as e:
        show_error(e)
    w = tf.Variable([1.0, 2.0], name='w')
    try:
        w.assign([[1.0, 2.0]])
    except Exception as e:
        show_error(e)
    print(repr(v), repr(w))
""",
)

_snippet(
    "var_slice_assign",
    """
    w = tf.Variable([1.0, 2.0, 3.0])
    r = w[0].assign(5.0)
    print(repr(r))
    print(repr(w))
    w[1:].assign([7.0, 8.0])
    print(repr(w))
""",
)

_snippet(
    "var_reading",
    """
    v = tf.Variable([1.0, 2.0])
    print(repr(v.read_value()))
    print(repr(v.value()))
    print(repr(v.numpy()))
    print(repr(tf.convert_to_tensor(v)))
    print(repr(tf.identity(v)))
    print(isinstance(v + 1, tf.Tensor), isinstance(v.read_value(), tf.Variable))

    v = tf.Variable(1.0)
    r = v.read_value()
    s = v + 0
    v.assign(9.0)
    print(r, s)
    print(v)
""",
)

# ---------------------------------------------------- GradientTape §1 ------

_snippet(
    "tape_basic",
    """
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x ** 2
    dy_dx = tape.gradient(y, x)
    print(y)
    print(dy_dx)
    print(repr(dy_dx))

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "tape_enter_exports_lazy_watched",
    """
    tape = tf.GradientTape()
    with tape as t:
        print(t is tape)
    print(tf.autodiff.GradientTape is tf.GradientTape)

    print(sorted(n for n in dir(tf.autodiff) if not n.startswith('_')))

    tape = tf.GradientTape()
    print(tape.watched_variables())
""",
)

_snippet(
    "tape_lazy_errors",
    """
    x = tf.constant(1.0)
    for persistent in [False, True]:
        tape = tf.GradientTape(persistent=persistent)
        try:
            tape.gradient(x, x)
        except Exception as e:
            show_error(e)

    tape = tf.GradientTape()
    try:
        tape.watch(tf.constant(1.0))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "tape_reenter_error",
    """
    x = tf.constant(2.0)
    t = tf.GradientTape()
    with t:
        t.watch(x)
        try:
            with t:
                pass
        except Exception as e:
            show_error(e)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "tape_reenter_after_exit",
    """
    x = tf.constant(1.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        y = 2 * x
    with g:
        z = 2 * y
    print(g.gradient(z, [x]))
""",
)

_snippet(
    "tape_reenter_after_consumed",
    """
    x = tf.constant(3.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        y = x * x
    print(g.gradient(y, x))
    with g:
        g.watch(x)
        z = x * x * x
    print(g.gradient(z, x))
    try:
        g.gradient(y, x)
    except Exception as e:
        show_error(e)

    x = tf.constant(3.0)
    g = tf.GradientTape()
    with g:
        g.watch(x)
        y = x * x
    print(g.gradient(y, x))
    with g:
        z = x + 1.0
    print(g.gradient(y, x))
""",
)

_snippet(
    "tape_body_raises",
    """
    x = tf.constant(2.0)
    tape = tf.GradientTape(persistent=True)
    try:
        with tape:
            tape.watch(x)
            y = x * x
            raise KeyError("boom")
    except KeyError as e:
        print("caught", repr(e))
    z = y * x
    print(tape.gradient(y, x))
    print(tape.gradient(z, x))
""",
)

_snippet(
    "tape_nested_different_tapes",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as a, tf.GradientTape() as b:
        a.watch(x)
        b.watch(x)
        y = x * x * x
    print(a.gradient(y, x))
    print(b.gradient(y, x))
""",
)

_snippet(
    "tape_identity_like_ops",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        a = tf.identity(x)
        b = x + 0
        c = x * 1
    print(a is x, b is x, c is x)
    print(t.gradient(a, x), t.gradient(b, x), t.gradient(c, x))
    print(t.gradient(x, a))
""",
)

_snippet(
    "tape_control_flow_unrelated_ops",
    """
    x = tf.constant(1.5)
    c = tf.constant(0.5)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, c])
        if c > 0:
            y = x * 3
        else:
            y = x * x
        for _ in range(3):
            y = y * 2
    print(t.gradient(y, x))
    print(t.gradient(y, c))

    x = tf.constant(2.0)
    k = tf.constant(5.0)
    with tf.GradientTape() as t:
        t.watch(x)
        z = k * k
        y = x * z
    print(t.gradient(y, [x, k, z]))
""",
)

_snippet(
    "tape_thread_local",
    """
    import threading
    x = tf.constant(2.0)
    out = {}
    with tf.GradientTape() as t:
        t.watch(x)
        th = threading.Thread(target=lambda: out.setdefault('y', x * x))
        th.start()
        th.join()
    print(out['y'])
    print(t.gradient(out['y'], x))
""",
)

# ------------------------------------------------------------- watch() §2 --

_snippet(
    "watch_bad_arguments",
    """
    with tf.GradientTape() as t:
        for bad in [3.0, np.array(3.0), None, [1.0, 2.0], "s", np.array([1.0, 2.0])]:
            try:
                t.watch(bad)
            except Exception as e:
                show_error(e)
""",
)

_snippet(
    "watch_int_warning",
    """
    x = tf.constant(3)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))

    x = tf.constant(3)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 2
    print(t.gradient(y, x, unconnected_gradients='zero'))
""",
)

_snippet(
    "watch_dtype_warnings",
    """
    with tf.GradientTape() as t:
        t.watch(tf.constant(1, dtype=tf.int64))
        t.watch(tf.constant(True))
        t.watch(tf.constant(1, dtype=tf.uint8))
        t.watch(tf.constant("s"))
        t.watch(tf.constant(1.0, dtype=tf.float16))
        t.watch(tf.constant(1.0, dtype=tf.float64))
        t.watch(tf.constant(1j, dtype=tf.complex64))
    print("done")
""",
)

_snippet(
    "watch_int_warning_throttled",
    """
    with tf.GradientTape() as t:
        for i in range(7):
            print("watch", i)
            t.watch(tf.constant(i))
        print("other line")
        t.watch(tf.constant(1))
""",
)

_snippet(
    "watch_int_warning_throttled_across_tapes",
    """
    def watch_it(value):
        with tf.GradientTape() as t:
            t.watch(value)
    for i in range(6):
        print("call", i)
        watch_it(tf.constant(i))
""",
)

_snippet(
    "watch_int_cast_path",
    """
    x = tf.constant(3)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        f = tf.cast(x, tf.float32)
        y = f * f
    print(t.gradient(y, x))
    print(t.gradient(y, f))
""",
)

_snippet(
    "watch_structures_and_repeats",
    """
    a = tf.constant(1.0)
    b = tf.constant(2.0)
    c = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch([a, (b,), {'k': c}])
        y = a * b * c
    print(t.gradient(y, [a, b, c]))

    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "watch_variable_nontrainable",
    """
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as t:
        t.watch(v)
        y = v * v
    print(t.gradient(y, v))
    print(len(t.watched_variables()))
""",
)

_snippet(
    "watch_int_variable",
    """
    v = tf.Variable(3, trainable=False)
    with tf.GradientTape() as t:
        t.watch(v)
        y = v * v
    print(t.gradient(y, v))
    print([w.name for w in t.watched_variables()])
""",
)

_snippet(
    "watch_ignored_when_not_recording",
    """
    x = tf.constant(2.0)
    t = tf.GradientTape()
    with t:
        pass
    t.watch(x)
    with t:
        y = x * x
    print(t.gradient(y, x))

    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        with t.stop_recording():
            t.watch(x)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "autowatch_trainable_only",
    """
    v = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = v * v
    print(t.gradient(y, v))
    print([w.name for w in t.watched_variables()])

    v = tf.Variable(3.0, trainable=False)
    with tf.GradientTape() as t:
        y = v * v
    print(t.gradient(y, v))
    print(t.watched_variables())
""",
)

_snippet(
    "autowatch_read_forms",
    """
    names = ['read_value', 'value', 'convert_to_tensor', 'getitem', 'identity', 'add']
    readers = [lambda v: v.read_value(), lambda v: v.value(),
               lambda v: tf.convert_to_tensor(v), lambda v: v[...],
               lambda v: tf.identity(v), lambda v: tf.add(v, 0.0)]
    for name, read in zip(names, readers):
        v = tf.Variable(2.0)
        with tf.GradientTape() as t:
            r = read(v)
            y = r * r
        print(name, len(t.watched_variables()), t.gradient(y, v))
""",
)

_snippet(
    "autowatch_read_timing",
    """
    with tf.GradientTape() as t:
        v = tf.Variable(4.0)
        print(len(t.watched_variables()))
        y = v * 2.0
    print(len(t.watched_variables()))
    print(t.gradient(y, v))

    v = tf.Variable(3.0)
    r = v.read_value()
    with tf.GradientTape() as t:
        y = r * r
    print(t.gradient(y, v))
    print(t.watched_variables())
""",
)

_snippet(
    "autowatch_int_variable",
    """
    v = tf.Variable(3)
    with tf.GradientTape() as t:
        y = v * v
    print([w.name for w in t.watched_variables()])
    print(t.gradient(y, v))
""",
)

_snippet(
    "autowatch_disabled",
    """
    a = tf.Variable(2.0, name='a')
    b = tf.Variable(3.0, name='b')
    x = tf.constant(5.0)
    with tf.GradientTape(watch_accessed_variables=False) as t:
        t.watch(a)
        t.watch(x)
        y = a * b * x
    print([v.name for v in t.watched_variables()])
    print(t.gradient(y, [a, b, x]))
""",
)

_snippet(
    "autowatch_outer_disabled",
    """
    v = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as outer:
        with tf.GradientTape() as inner:
            y = v * v
    print(inner.gradient(y, v))
    print(outer.gradient(y, v))
    print(len(inner.watched_variables()), len(outer.watched_variables()))
""",
)

_snippet(
    "autowatch_per_tape_watch",
    """
    x1 = tf.constant(1.0)
    x2 = tf.constant(2.0)
    with tf.GradientTape() as tape1, tf.GradientTape() as tape2:
        tape1.watch(x1)
        tape2.watch([x1, x2])
        y = x1 * x1 * x2 * x2
        dy = tape2.gradient(y, [x1, x2])
    print(dy)
    print(tape1.gradient(dy[0], x1))
""",
)

# ---------------------------------------------------------- gradient() §3 --

_snippet(
    "grad_nonpersistent_second_call",
    """
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    print(tape.gradient(y, x))
    try:
        tape.gradient(y, x)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "grad_inside_nonpersistent_block",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
        print(tape.gradient(y, x))
        z = y * x
    try:
        tape.gradient(z, x)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "grad_inside_nonpersistent_stops_recording",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x * x
            dy = inner.gradient(y, x)
            z = dy * x
        print(dy, z)
    print(outer.gradient(z, x))
""",
)

_snippet(
    "grad_persistent_in_context_warning",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        print(tape.gradient(y, x))
        for i in range(2):
            print(tape.gradient(y, x))
    print(tape.gradient(y, x))
""",
)

_snippet(
    "grad_persistent_multiple",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * y
    print(tape.gradient(z, x))
    print(tape.gradient(y, x))
    print(tape.gradient(z, y))
    del tape
""",
)

_snippet(
    "grad_watched_variables_after_consumed",
    """
    a = tf.Variable(1.0, name='a')
    b = tf.Variable(2.0, name='b')
    with tf.GradientTape() as t:
        y = a * b
    print(t.gradient(y, a))
    print([v.name for v in t.watched_variables()])
""",
)

_snippet(
    "grad_target_none",
    """
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
    try:
        t.gradient(None, x)
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "grad_structured_targets",
    """
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y0 = x ** 2
        y1 = 1 / x
    print(t.gradient({'y0': y0, 'y1': y1}, x))
    print(t.gradient([y0, y1], x))
    print(t.gradient((y0, [y1, y0]), x))
""",
)

_snippet(
    "grad_nonscalar",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * tf.constant([3.0, 4.0])
    print(t.gradient(y, x))

    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "grad_variable_target",
    """
    v = tf.Variable(2.0)
    w = tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as t:
        y = v * w
    print(t.gradient(v, v))
    print(t.gradient(v, w))
    print(t.gradient(y, v))
""",
)

_snippet(
    "grad_target_is_source",
    """
    c = tf.constant(5.0)
    with tf.GradientTape() as t:
        pass
    print(t.gradient(c, c))
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient([x, y], x))
    v = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        pass
    print(t.gradient(v, v))

    c = tf.constant(5)
    with tf.GradientTape() as t:
        pass
    print(t.gradient(c, c))
""",
)

_snippet(
    "grad_empty_and_bad_sources",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
    print(t.gradient([], x))

    x = tf.constant(2.0)
    for bad in [3.0, None]:
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        try:
            t.gradient(y, bad)
        except Exception as e:
            show_error(e)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, []))
""",
)

_snippet(
    "grad_bad_targets",
    """
    x = tf.constant(2.0)
    for bad in [3.0, np.array([1.0]), [x * 1, None]]:
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        try:
            t.gradient(bad, x)
        except Exception as e:
            show_error(e)
""",
)

_snippet(
    "grad_source_structures",
    """
    a = tf.constant(1.0)
    b = tf.constant(2.0)
    c = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b, c])
        y = a * b * c
    print(t.gradient(y, a))
    print(t.gradient(y, [a, b]))
    print(t.gradient(y, (a, b)))
    print(t.gradient(y, {'z': c, 'a': a}))
    print(t.gradient(y, [a, (b, {'c': c})]))
    print(t.gradient(y, (a,)))
    print(type(t.gradient(y, (a, b))).__name__, type(t.gradient(y, [a])).__name__)

    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, [x, x]))
""",
)

_snippet(
    "grad_variable_sources_are_tensors",
    """
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as t:
        y = tf.reduce_sum(v * v)
    g = t.gradient(y, v)
    print(repr(g))
    print(isinstance(g, tf.Variable))
""",
)

_snippet(
    "grad_intermediate_source",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
        z = y * y
    print(t.gradient(z, y))
    print(t.gradient(z, [x, y]))
    print(t.gradient(y, z))

    x = tf.constant(3.0)
    with tf.GradientTape() as t:
        y = x * x
        z = y * y
    print(t.gradient(z, y))
""",
)

_snippet(
    "grad_summed_paths",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        a = x * 3
        b = x * x
        y = a + b + x
    print(t.gradient(y, x))
""",
)

# -------------------------------------------------------- output_gradients --

_snippet(
    "outgrad_vector",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x, output_gradients=tf.constant([1.0, 0.0, 2.0])))
    print(t.gradient(y, x, output_gradients=[tf.constant([1.0, 0.0, 2.0])]))
    try:
        # a float64 NumPy seed stays float64: it is not cast to the target's dtype
        print(t.gradient(y, x, output_gradients=[np.array([1.0, 0.0, 2.0])]))
    except Exception as e:
        show_error(e)
    print(t.gradient(y, x, output_gradients=[np.array([1.0, 0.0, 2.0], dtype=np.float32)]))
    # a plain list of numbers is flattened like a list of per-target seeds:
    # only its first entry (1.0) seeds the single target
    print(t.gradient(y, x, output_gradients=[1.0, 0.0, 2.0]))
    print(t.gradient(y, x, output_gradients=[[3.0, 0.0, 2.0]]))
""",
)

_snippet(
    "outgrad_tensor_seed",
    """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * 3
    print(t.gradient(y, x, output_gradients=tf.constant([2.0, -1.0])))

    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x, output_gradients=2.0))
""",
)

_snippet(
    "outgrad_list_targets",
    """
    a = tf.constant(3.0)
    b = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([a, b])
        loss = a * b
    print(t.gradient([loss, a], [a], output_gradients=[1.0, 2.0]))
""",
)

_snippet(
    "outgrad_incompatible_shape",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    try:
        t.gradient(y, x, output_gradients=tf.constant([1.0, 2.0]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "outgrad_shorter_list",
    """
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y1 = x * x
        y2 = x * 3
    print(t.gradient([y1, y2], x, output_gradients=[10.0]))
    print(t.gradient([y1, y2], x, output_gradients=[10.0, 1.0, 5.0]))
""",
)

_snippet(
    "outgrad_none_entry",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y1 = x * x
        y2 = x * 3
    try:
        t.gradient([y1, y2], x, output_gradients=[None, 1.0])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "outgrad_wrong_dtype",
    """
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    try:
        print(t.gradient(y, x, output_gradients=tf.constant([1, 2])))
    except Exception as e:
        show_error(e)
""",
)

# ---------------------------------------------------- unconnected_gradients --

_snippet(
    "unconn_enum_reprs",
    """
    print(repr(tf.UnconnectedGradients.ZERO))
    print(repr(tf.UnconnectedGradients.NONE))
    print(str(tf.UnconnectedGradients.NONE))
    print(str(tf.UnconnectedGradients.ZERO))
    print(tf.UnconnectedGradients.ZERO.value, tf.UnconnectedGradients.NONE.name)
    print(list(tf.UnconnectedGradients))
    print(tf.UnconnectedGradients('zero') is tf.UnconnectedGradients.ZERO)
""",
)

_snippet(
    "unconn_values",
    """
    x = tf.constant(1.0)
    u = tf.constant([[1.0, 2.0]])
    i = tf.constant([1, 2])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, u])
        y = x * 2
    print(t.gradient(y, u))
    print(t.gradient(y, u, unconnected_gradients='none'))
    print(t.gradient(y, u, unconnected_gradients='zero'))
    print(t.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.ZERO))
    print(t.gradient(y, u, unconnected_gradients=tf.UnconnectedGradients.NONE))
    print(t.gradient(y, [x, u, i], unconnected_gradients='zero'))

    x = tf.constant(1.0)
    u = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, u])
        y = x * 2
    print(t.gradient(y, u))
    print(t.gradient(y, [x, u]))

    v = tf.Variable([1.0, 2.0])
    d = tf.Variable(1.0, dtype=tf.float64)
    x = tf.constant(1.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, [v, d], unconnected_gradients='zero'))
""",
)

_snippet(
    "unconn_bad_value",
    """
    x = tf.constant(1.0)
    for bad in ['foo', 'ZERO', 0]:
        with tf.GradientTape() as t:
            t.watch(x)
            y = x * x
        try:
            t.gradient(y, x, unconnected_gradients=bad)
        except Exception as e:
            show_error(e)
""",
)

_snippet(
    "unconn_zero_scope",
    """
    x = tf.constant([-1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.nn.relu(x)
        z = tf.constant(3.0) * 2
    print(t.gradient(y, x))
    print(t.gradient(y, x, unconnected_gradients='zero'))
    print(t.gradient(z, x, unconnected_gradients='zero'))
""",
)

# -------------------------------------------------------- stop_recording §5 --

_snippet(
    "stoprec_basic",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        with t.stop_recording():
            m = y * x
        w = m * x
    print(w)
    print(t.gradient(w, x))

    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        with t.stop_recording():
            a = x * x
        b = x * x
    print(t.gradient(a, x))
    print(t.gradient(b, x))
""",
)

_snippet(
    "stoprec_other_tape_records",
    """
    x = tf.constant(3.0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            with outer.stop_recording():
                y = x * x
    print(inner.gradient(y, x))
    print(outer.gradient(y, x))
""",
)

_snippet(
    "stoprec_no_autowatch",
    """
    v = tf.Variable(2.0)
    with tf.GradientTape() as t:
        with t.stop_recording():
            y = v * v
    print(t.watched_variables())
    print(t.gradient(y, v))
""",
)

_snippet(
    "stoprec_watch_with_other_tape_active",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            with inner.stop_recording():
                inner.watch(x)
            y = x * x
    print(inner.gradient(y, x))
""",
)

_snippet(
    "stoprec_errors",
    """
    t = tf.GradientTape()
    try:
        with t.stop_recording():
            pass
    except Exception as e:
        show_error(e)

    t = tf.GradientTape()
    with t:
        pass
    try:
        with t.stop_recording():
            pass
    except Exception as e:
        show_error(e)

    with tf.GradientTape() as t:
        with t.stop_recording():
            try:
                with t.stop_recording():
                    pass
            except Exception as e:
                show_error(e)
        print("still fine")
""",
)

# ----------------------------------------------------------------- reset --

_snippet(
    "reset_basic",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        t.reset()
        z = y * x
    print(t.gradient(z, x))

    x = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
        t.reset()
        t.watch(x)
        z = y * x
    print(t.gradient(z, x))
""",
)

_snippet(
    "reset_watched_variables",
    """
    a = tf.Variable(1.0, name='a')
    b = tf.Variable(2.0, name='b')
    with tf.GradientTape() as t:
        y = a * a
        print([v.name for v in t.watched_variables()])
        t.reset()
        print(t.watched_variables())
        z = b * b
    print([v.name for v in t.watched_variables()])
    print(t.gradient(z, [a, b]))
""",
)

_snippet(
    "reset_keeps_settings",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.reset()
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))
    print(t.gradient(y, x))
""",
)

_snippet(
    "reset_outside_error",
    """
    t = tf.GradientTape()
    with t:
        pass
    try:
        t.reset()
    except Exception as e:
        show_error(e)
    try:
        tf.GradientTape().reset()
    except Exception as e:
        show_error(e)
""",
)

# ----------------------------------------------------- watched_variables --

_snippet(
    "watchedvars_order",
    """
    a = tf.Variable(1.0, name='a')
    b = tf.Variable(2.0, name='b')
    c = tf.Variable(3.0, name='c')
    with tf.GradientTape() as t:
        y = c * b
        y = y * a
        y = y * c
    ws = t.watched_variables()
    print(type(ws).__name__)
    print([v.name for v in ws])

    a = tf.Variable(1.0, name='a')
    b = tf.Variable(2.0, name='b', trainable=False)
    with tf.GradientTape() as t:
        t.watch(b)
        y = a * b
    print([v.name for v in t.watched_variables()])
    print(t.watched_variables()[1] is b)
""",
)

# ---------------------------------------------------------- stop_gradient --

_snippet(
    "stopgrad_paths",
    """
    a = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(a)
        y = tf.stop_gradient(a * 3)
    print(y)
    print(t.gradient(y, a))
    print(t.gradient(y, a, unconnected_gradients='zero'))

    a = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch(a)
        y = a * tf.stop_gradient(3 * a)
    print(y)
    print(t.gradient(y, a))
""",
)

_snippet(
    "stopgrad_variable",
    """
    v = tf.Variable([1.0, 2.0])
    s = tf.stop_gradient(v)
    print(repr(s))
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.stop_gradient(v) * v)
    print(t.gradient(y, v))
""",
)

# ---------------------------------------------------- ForwardAccumulator --

_snippet(
    "fwd_basic",
    """
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = x * x * x
    print(y)
    print(acc.jvp(y))

    x = tf.constant([1.0, 2.0, 3.0])
    with tf.autodiff.ForwardAccumulator(x, tf.constant([1.0, 0.0, 2.0])) as acc:
        y = x * x
        s = tf.reduce_sum(y)
    print(acc.jvp(y))
    print(acc.jvp(s))
""",
)

_snippet(
    "fwd_tangent_conversion",
    """
    x = tf.constant(2.0)
    acc = tf.autodiff.ForwardAccumulator(x, 3)
    print(repr(acc.jvp(x)))
    d = tf.constant([1.0, 2.0], dtype=tf.float64)
    acc2 = tf.autodiff.ForwardAccumulator(d, np.array([1, 1]))
    print(repr(acc2.jvp(d)))
    try:
        tf.autodiff.ForwardAccumulator(d, [1.0, 1.0])
    except ValueError as e:
        # the full message describes both structures in TF-internal terms
        print("ValueError:", str(e).splitlines()[0])
    try:
        tf.autodiff.ForwardAccumulator(d, tf.constant([1, 1]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "fwd_structures",
    """
    a = tf.constant(1.0)
    b = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator([a, b], [tf.constant(1.0), tf.constant(10.0)]) as acc:
        y = a * b
        z = a + b
    print(acc.jvp(y))
    print(acc.jvp([y, z]))
    print(acc.jvp({'y': y, 'z': (z,)}))
""",
)

_snippet(
    "fwd_jvp_outside_and_unconnected",
    """
    x = tf.constant(2.0)
    before = x * x
    acc = tf.autodiff.ForwardAccumulator(x, tf.constant(1.0))
    print(acc.jvp(x))
    with acc:
        y = x * x
        k = tf.constant(5.0) * 2
    after = x * x
    print(acc.jvp(y))
    print(acc.jvp(before))
    print(acc.jvp(after))
    print(acc.jvp(k))
    print(acc.jvp(k, unconnected_gradients='zero'))
    print(acc.jvp([y, k], unconnected_gradients=tf.UnconnectedGradients.ZERO))
""",
)

_snippet(
    "fwd_variable_primal",
    """
    v = tf.Variable([1.0, 2.0])
    with tf.autodiff.ForwardAccumulator(v, tf.constant([1.0, 1.0])) as acc:
        y = v * v
        r = v.read_value()
    print(acc.jvp(y))
    print(acc.jvp(r))
    print(acc.jvp(v))
""",
)

_snippet(
    "fwd_nesting_order",
    """
    primal = tf.constant(1.1)
    with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.0)) as outer:
        with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.0)) as inner:
            primal_out = primal ** 3.5
    inner_jvp = inner.jvp(primal_out)
    print(np.round(inner_jvp.numpy(), 4))
    print(np.round(outer.jvp(inner_jvp).numpy(), 4))
    print(outer.jvp(primal_out) is not None)

    primal = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.0)) as outer:
        with tf.autodiff.ForwardAccumulator(primal, tf.constant(1.0)) as inner:
            y = primal * primal * primal
    print(outer.jvp(y))
    print(inner.jvp(outer.jvp(y)))
    print(outer.jvp(inner.jvp(y)))
""",
)

_snippet(
    "fwd_duplicate_primal",
    """
    x = tf.constant(1.0)
    try:
        tf.autodiff.ForwardAccumulator([x, x], [1.0, 2.0])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "fwd_reenter",
    """
    x = tf.constant(2.0)
    acc = tf.autodiff.ForwardAccumulator(x, tf.constant(1.0))
    with acc:
        try:
            with acc:
                pass
        except Exception as e:
            show_error(e)
        y = x * x
    print(acc.jvp(y))
    with acc:
        z = x * x * x
    print(acc.jvp(z))
    print(acc.jvp(y))
""",
)

_snippet(
    "fwd_int_primal_and_output",
    """
    x = tf.constant(3)
    with tf.autodiff.ForwardAccumulator(x, 1) as acc:
        y = x * x
    print(acc.jvp(y))
    print(repr(acc.jvp(x)))

    x = tf.constant(2.5)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        i = tf.cast(x, tf.int32)
        f = tf.cast(x, tf.float64)
    print(acc.jvp(i))
    print(acc.jvp(f))
""",
)

_snippet(
    "fwd_hvp",
    """
    v = tf.Variable([1.0, 2.0])
    with tf.autodiff.ForwardAccumulator(v, tf.constant([1.0, 0.0])) as acc:
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(v ** 3)
        g = tape.gradient(y, v)
    print(g)
    print(acc.jvp(g))
""",
)

_snippet(
    "fwd_backward_over_forward",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
            y = x ** 3
        j = acc.jvp(y)
    print(j)
    print(tape.gradient(j, x))
""",
)

_snippet(
    "fwd_stop_gradient",
    """
    x = tf.constant(2.0)
    with tf.autodiff.ForwardAccumulator(x, tf.constant(1.0)) as acc:
        y = tf.stop_gradient(x) * x
        z = tf.stop_gradient(x * x)
    print(acc.jvp(y))
    print(acc.jvp(z))
""",
)

_snippet(
    "fwd_ops",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    t = tf.constant([[1.0, 0.0], [0.0, 1.0]])
    with tf.autodiff.ForwardAccumulator(x, t) as acc:
        a = tf.matmul(x, x)
        b = tf.reduce_mean(x, axis=0)
        c = tf.transpose(x)
        d = tf.reshape(x, [4])
        e = tf.maximum(x, 2.5)
        f = x / 2.0
    for r in [a, b, c, d, e, f]:
        print(acc.jvp(r))
""",
)

# ------------------------------------------------------- nested tapes §6 --

_snippet(
    "nested_inner_inside_outer",
    """
    x = tf.constant(5.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with tf.GradientTape() as gg:
            gg.watch(x)
            y = x * x * x
        dy_dx = gg.gradient(y, x)
    d2y_dx2 = g.gradient(dy_dx, x)
    print(dy_dx)
    print(d2y_dx2)
""",
)

_snippet(
    "nested_inner_outside",
    """
    x = tf.constant(5.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with tf.GradientTape() as gg:
            gg.watch(x)
            y = x * x * x
    dy_dx = gg.gradient(y, x)
    d2y_dx2 = g.gradient(dy_dx, x)
    print(dy_dx)
    print(d2y_dx2)
""",
)

_snippet(
    "nested_inner_inside_inner_block",
    """
    x = tf.constant(5.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with tf.GradientTape() as gg:
            gg.watch(x)
            y = x * x * x
            dy_dx = gg.gradient(y, x)
    print(dy_dx)
    print(g.gradient(dy_dx, x))
""",
)

_snippet(
    "nested_watch_per_tape",
    """
    x = tf.constant(5.0)
    with tf.GradientTape() as g:
        g.watch(x)
        with tf.GradientTape() as gg:
            y = x * x * x
        dy_dx = gg.gradient(y, x)
    print(dy_dx)
    print(g.gradient(y, x))

    x = tf.constant(5.0)
    with tf.GradientTape() as g:
        with tf.GradientTape() as gg:
            gg.watch(x)
            y = x * x * x
        dy_dx = gg.gradient(y, x)
    print(dy_dx)
    print(g.gradient(dy_dx, x))
""",
)

_snippet(
    "nested_variables",
    """
    x = tf.Variable(1.0)
    with tf.GradientTape() as t2:
        with tf.GradientTape() as t1:
            y = x * x * x
        dy_dx = t1.gradient(y, x)
    d2y_dx2 = t2.gradient(dy_dx, x)
    print('dy_dx:', dy_dx.numpy())
    print('d2y_dx2:', d2y_dx2.numpy())
""",
)

_snippet(
    "nested_three_tapes",
    """
    x = tf.constant(2.0)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = x ** 4
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x)
    print(d1, d2, d3)
""",
)

_snippet(
    "nested_mixed_function",
    """
    x = tf.constant(0.5)
    with tf.GradientTape() as g:
        g.watch(x)
        with tf.GradientTape() as gg:
            gg.watch(x)
            y = x * x * 4.0 + x
        dy = gg.gradient(y, x)
        z = dy * dy
    print(dy, z)
    print(g.gradient(z, x))
""",
)

_snippet(
    "persist_higher_order",
    """
    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
        dy = t.gradient(y, x)
        d2y = t.gradient(dy, x)
    d3y = t.gradient(d2y, x)
    print(dy, d2y, d3y)
    print(t.gradient(d3y, x))

    x = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = x * x * x
    dy = t.gradient(y, x)
    print(dy)
    print(t.gradient(dy, x))
""",
)

# ----------------------------------------------- Variables and tapes §8 --

_snippet(
    "vargrad_read_time_value",
    """
    w = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as t:
        y = w * w
        w.assign(10.0)
        z = w * w
    print(y, z)
    print(t.gradient(y, w))
    print(t.gradient(z, w))

    w = tf.Variable(3.0)
    with tf.GradientTape() as t:
        y = tf.constant(w.numpy()) * w
    print(t.gradient(y, w))
""",
)

_snippet(
    "vargrad_assign_not_differentiable",
    """
    x = tf.constant(3.0)
    w = tf.Variable(0.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        w.assign(x * 2)
        y = w * 1
    print(y)
    print(t.gradient(y, x))
    print(t.gradient(y, w))

    x0 = tf.Variable(3.0)
    x1 = tf.Variable(0.0)
    with tf.GradientTape() as tape:
        x1.assign_add(x0)
        y = x1 ** 2
    print(tape.gradient(y, x0))
""",
)

_snippet(
    "vargrad_shape_dtype",
    """
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float64)
    with tf.GradientTape() as t:
        y = tf.reduce_sum(w * w)
    print(repr(t.gradient(y, w)))
""",
)

_snippet(
    "vargrad_assign_add_target",
    """
    v = tf.Variable(1.0)
    with tf.GradientTape() as t:
        r = v.assign_add(1.0)
    print(t.gradient(r, v))
    print(repr(v))
""",
)

_snippet(
    "vargrad_python_rebinding",
    """
    x = tf.Variable(2.0)
    for i in range(2):
        with tf.GradientTape() as tape:
            y = x * x
        print(i, tape.gradient(y, x))
        x = x + 1
""",
)

_snippet(
    "vargrad_slice",
    """
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape() as t:
        y = v[1] * 3 + v[0, 0] + v[0, 0]
    print(t.gradient(y, v))
""",
)

_snippet(
    "idx_gradient_dense",
    """
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        a = x[0, 1:]
        b = x[::-1, 0]
        c = x[x > 4.0]
        d = x[:, tf.newaxis, 2]
    for r in [a, b, c, d]:
        print(t.gradient(r, x))
""",
)

# ------------------------------------------------ creation and shape ops --

_snippet(
    "ops_ones_zeros",
    """
    print(tf.ones([2, 3]))
    print(repr(tf.zeros([2])))
    print(repr(tf.ones([], dtype=tf.int32)))
    print(repr(tf.zeros((1, 2), dtype=tf.bool)))
    print(repr(tf.ones(3, dtype=tf.float64)))
    print(repr(tf.zeros(tf.constant([2, 1]))))

    x = tf.constant([[1, 2], [3, 4]])
    print(repr(tf.ones_like(x)))
    print(repr(tf.zeros_like(x)))
    print(repr(tf.zeros_like(x, dtype=tf.float32)))
    print(repr(tf.ones_like(tf.Variable([1.0, 2.0]))))
    print(repr(tf.zeros_like([1.5, 2.5])))
""",
)

_snippet(
    "ops_fill_eye",
    """
    print(tf.fill([2, 3], 9))
    print(repr(tf.fill([2], 0.5)))
    print(repr(tf.fill([], True)))
    print(repr(tf.fill([3], tf.constant(2.0, dtype=tf.float64))))

    print(tf.eye(2))
    print(repr(tf.eye(2, 3)))
    print(repr(tf.eye(2, dtype=tf.int32)))
""",
)

_snippet(
    "ops_range",
    """
    print(tf.range(5))
    print(tf.range(1, 10, 3))
    print(tf.range(5.0))
    print(tf.range(0.0, 1.0, 0.25))
    print(tf.range(5, 0, -2))
    print(tf.range(3, dtype=tf.float64))
    print(repr(tf.range(0)))
""",
)

_snippet(
    "ops_shape_rank_size",
    """
    x = tf.zeros([2, 3, 4])
    print(tf.shape(x))
    print(repr(tf.rank(x)))
    print(repr(tf.size(x)))
    print(repr(tf.shape(tf.constant(1.0))))
    print(repr(tf.shape(x, out_type=tf.int64)))
    print(repr(tf.size(tf.zeros([0, 5]))))
    print(repr(tf.shape([[1, 2, 3]])))
""",
)

_snippet(
    "ops_convert_to_tensor",
    """
    print(repr(tf.convert_to_tensor(1.5)))
    print(repr(tf.convert_to_tensor([1, 2])))
    print(repr(tf.convert_to_tensor(np.array([1.0, 2.0]))))
    print(repr(tf.convert_to_tensor(3, dtype=tf.float32)))
    print(repr(tf.convert_to_tensor(tf.Variable(2.0))))
    t = tf.constant([1.0])
    print(tf.convert_to_tensor(t) is t)
    try:
        tf.convert_to_tensor(t, dtype=tf.int32)
    except Exception as e:
        show_error(e)
    try:
        tf.convert_to_tensor(None)
    except Exception as e:
        show_error(e)
    try:
        tf.convert_to_tensor([1.0, "a"])
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "ops_reshape_transpose",
    """
    x = tf.range(6)
    print(tf.reshape(x, [2, 3]))
    print(tf.reshape(x, [3, -1]))
    print(repr(tf.reshape(tf.constant([5.0]), [])))
    print(tf.reshape(x, (1, 6)).shape)
    try:
        tf.reshape(x, [4, 2])
    except Exception as e:
        show_error(e)

    x = tf.reshape(tf.range(6), [2, 3])
    print(tf.transpose(x))
    y = tf.zeros([2, 3, 4])
    print(tf.transpose(y).shape)
    print(tf.transpose(y, perm=[1, 0, 2]).shape)
    print(tf.transpose(tf.constant([1, 2, 3])))
""",
)

_snippet(
    "ops_reduce",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    print(tf.reduce_sum(x))
    print(tf.reduce_sum(x, axis=0))
    print(tf.reduce_sum(x, axis=1, keepdims=True))
    print(tf.reduce_sum(x, axis=-1))
    print(tf.reduce_sum(x, axis=[0, 1]))
    print(tf.reduce_mean(x))
    print(tf.reduce_mean(x, axis=0))
    print(tf.reduce_mean(tf.constant([1, 2])))
    print(repr(tf.reduce_sum(tf.constant([1, 2], dtype=tf.int64))))
    print(repr(tf.reduce_sum(tf.zeros([0]))))
    print(repr(tf.reduce_mean(tf.zeros([0]))))
""",
)

_snippet(
    "ops_elementwise_math",
    """
    x = tf.constant([1.0, 4.0])
    print(tf.add(x, 1.0), tf.subtract(x, 1.0))
    print(tf.multiply(x, x), tf.divide(x, 2.0))
    print(tf.negative(x), tf.square(x), tf.sqrt(x))
    print(tf.pow(x, 2.0), tf.maximum(x, 2.0), tf.minimum(x, 2.0))
    print(repr(tf.divide(tf.constant(3), tf.constant(2))))

    a = tf.constant([[1.0, 5.0], [3.0, 2.0]])
    print(tf.maximum(a, tf.constant([2.0, 4.0])))
    print(tf.minimum(a, 2.5))
    print(tf.maximum(tf.constant([1, 7]), 3))
""",
)

_snippet(
    "ops_transcendental",
    """
    x = tf.constant([0.0, 0.5, 1.0])
    for f in [tf.exp, tf.math.log, tf.sin, tf.cos, tf.tanh, tf.sqrt]:
        y = f(x)
        print(y.dtype.name, y.shape, np.round(y.numpy(), 5))
    print(tf.math.log(tf.constant([0.0, -1.0])))
    print(tf.sqrt(tf.constant(-1.0)))
""",
)

_snippet(
    "ops_relu_softmax_xent",
    """
    print(tf.nn.relu(tf.constant([-1.0, 0.0, 2.0])))
    print(tf.nn.relu(tf.constant([-3, 3])))
    s = tf.nn.softmax(tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]))
    print(s.dtype.name, s.shape)
    print(np.round(s.numpy(), 5))
    print(np.round(tf.nn.softmax(tf.constant([1000.0, 0.0])).numpy(), 5))

    logits = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    labels = tf.constant([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    print(loss.dtype.name, loss.shape)
    print(np.round(loss.numpy(), 5))
""",
)

_snippet(
    "ops_where",
    """
    c = tf.constant([True, False, True])
    print(tf.where(c, tf.constant([1, 2, 3]), tf.constant([10, 20, 30])))
    print(tf.where(c, 1.0, 0.0))
    print(tf.where(tf.constant([[True], [False]]), tf.constant([1.0, 2.0]), 0.0))
    print(tf.where(c))
    try:
        tf.where(c, tf.constant([1, 2, 3]), tf.constant([1.0, 2.0, 3.0]))
    except Exception as e:
        show_error(e)
""",
)

_snippet(
    "ops_cast_identity",
    """
    x = tf.constant([-1.7, 0.5, 2.9])
    print(tf.cast(x, tf.int32))
    print(tf.cast(x, tf.bool))
    print(tf.cast(x, tf.float64))
    print(tf.cast(tf.constant([True, False]), tf.float32))
    print(tf.cast(tf.constant([300, -1]), tf.uint8))
    print(tf.cast(tf.constant(1.5), tf.complex64))
    y = tf.constant([1.0])
    print(tf.cast(y, tf.float32) is y)

    x = tf.constant([1.0, 2.0])
    y = tf.identity(x)
    print(repr(y))
    print(y is x)
    print(repr(tf.identity(3)))
""",
)

# ------------------------------------------------- gradient catalog §9 --

_snippet(
    "gradop_add_sub_broadcast",
    """
    a = tf.constant([[1.0], [2.0]])
    b = tf.constant([1.0, 2.0, 3.0])
    c = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b, c])
        y = a * b * c
        z = tf.add(a, b) - tf.subtract(c, b)
    print(t.gradient(y, [a, b, c]))
    print(t.gradient(z, [a, b, c]))
""",
)

_snippet(
    "gradop_arithmetic",
    """
    x = tf.constant(2.0)
    y = tf.constant(4.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        p = tf.multiply(x, y)
        q = tf.divide(x, y)
        r = x / y
    print(t.gradient(p, [x, y]))
    print(t.gradient(q, [x, y]))
    print(t.gradient(r, [x, y]))

    x = tf.constant([1.0, -2.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        a = tf.negative(x)
        b = tf.square(x)
        c = -x
    print(t.gradient(a, x))
    print(t.gradient(b, x))
    print(t.gradient(c, x))
""",
)

_snippet(
    "gradop_sqrt",
    """
    x = tf.constant([4.0, 0.0, -1.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.sqrt(x)
    print(y)
    print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_exp_log",
    """
    x = tf.constant([1.0, 2.0, 0.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        e = tf.exp(x)
        l = tf.math.log(x)
    print(np.round(t.gradient(e, x).numpy(), 4))
    print(t.gradient(l, x))
""",
)

_snippet(
    "gradop_sin_cos_tanh",
    """
    x = tf.constant([-1.0, 0.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        s = tf.sin(x)
        c = tf.cos(x)
        h = tf.tanh(x)
    for y in [s, c, h]:
        g = t.gradient(y, x)
        print(g.dtype.name, g.shape, np.round(g.numpy(), 5))
""",
)

_snippet(
    "gradop_pow",
    """
    z = tf.constant(0.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(z)
        a = z ** 0.5
        b = z ** 2.0
        c = z ** z
        d = tf.pow(z, 3.0)
    print(t.gradient(a, z), t.gradient(b, z), t.gradient(c, z), t.gradient(d, z))
    x = tf.constant([2.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = x ** 3
    print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_pow_exponent",
    """
    x = tf.constant([0.0, -2.0, 2.0])
    p = tf.constant(3.0)
    with tf.GradientTape() as t:
        t.watch(p)
        y = tf.pow(x, p)
    g = t.gradient(y, p)
    print(np.round(g.numpy(), 4))
    print(np.round(8 * np.log(2.0), 4))
""",
)

_snippet(
    "gradop_maximum_minimum_ties",
    """
    x = tf.constant([1.0, 3.0, 3.0])
    y = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, y])
        mx = tf.maximum(x, y)
        mn = tf.minimum(x, y)
    print(t.gradient(mx, [x, y]))
    print(t.gradient(mn, [x, y]))
    a = tf.constant([1.0, 5.0])
    b = tf.constant([4.0, 5.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b])
        m = tf.maximum(a, b)
    print(t.gradient(m, [a, b]))
""",
)

_snippet(
    "gradop_reduce",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        s = tf.reduce_sum(x)
        m = tf.reduce_mean(x)
        s0 = tf.reduce_sum(x, axis=0)
        m1 = tf.reduce_mean(x, axis=1, keepdims=True)
    print(t.gradient(s, x))
    print(t.gradient(m, x))
    print(t.gradient(s0, x))
    print(t.gradient(m1, x))
""",
)

_snippet(
    "gradop_reshape_transpose",
    """
    x = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    w = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        r = tf.reshape(x, [3, 2]) * w
        tr = tf.transpose(x) * w
    print(t.gradient(r, x))
    print(t.gradient(tr, x))
""",
)

_snippet(
    "gradop_matmul",
    """
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.constant([[5.0, 6.0, 7.0], [8.0, 9.0, 10.0]])
    with tf.GradientTape(persistent=True) as t:
        t.watch([a, b])
        y = tf.reduce_sum(a @ b)
        z = tf.matmul(a, a, transpose_a=True)
    print(t.gradient(y, [a, b]))
    print(t.gradient(z, a))
""",
)

_snippet(
    "gradop_relu_abs",
    """
    x = tf.constant([-1.0, 0.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.nn.relu(x)
    print(t.gradient(y, x))

    x = tf.constant([-2.0, 0.0, 3.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = abs(x)
    print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_softmax",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    w = tf.constant([1.0, 0.0, 0.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        s = tf.nn.softmax(x)
        y = tf.reduce_sum(s * w)
        total = tf.reduce_sum(s)
    print(np.round(t.gradient(y, x).numpy(), 5))
    print(np.abs(t.gradient(total, x).numpy()).max() < 1e-6)
""",
)

_snippet(
    "gradop_softmax_cross_entropy",
    """
    logits = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    labels = tf.constant([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    with tf.GradientTape() as t:
        t.watch(logits)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    g = t.gradient(loss, logits)
    print(np.round(loss.numpy(), 5))
    print(g.dtype.name, g.shape)
    print(np.round(g.numpy(), 5))

    logits = tf.constant([[1.0, 2.0]])
    labels = tf.constant([[0.25, 0.75]])
    with tf.GradientTape() as t:
        t.watch([logits, labels])
        loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    g = t.gradient(loss, [logits, labels])
    print(np.round(g[0].numpy(), 5))
    print(np.round(g[1].numpy(), 5))
""",
)

_snippet(
    "gradop_where",
    """
    c = tf.constant([True, False, True])
    a = tf.constant([1.0, 2.0, 3.0])
    b = tf.constant([10.0, 20.0, 30.0])
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = tf.where(c, a * a, b)
    print(t.gradient(y, [a, b]))

    x = tf.constant([0.0, 4.0])
    n = tf.constant(-1.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, n])
        y = tf.where(x > 0, tf.sqrt(x), 0.0)
        z = tf.sqrt(n) * 0.0
    print(t.gradient(y, x))
    print(t.gradient(z, n))
""",
)

_snippet(
    "gradop_where_nan_pitfall",
    """
    x = tf.constant([0.0, 4.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        a = tf.where(x > 0, tf.math.log(x), 0.0)
        b = tf.where(x > 0, 1 / x, 0.0)
        c = tf.where(x > 0, x ** 0.5, 0.0)
        safe = tf.where(x > 0, x, 1.0)
        d = tf.where(x > 0, tf.math.log(safe), 0.0)
    for y in [a, b, c, d]:
        print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_cast",
    """
    x = tf.constant([1.5, 2.5])
    i = tf.constant([1, 2])
    with tf.GradientTape(persistent=True) as t:
        t.watch([x, i])
        d = tf.cast(x, tf.float64) * 2
        n = tf.cast(x, tf.int32)
        back = tf.cast(n, tf.float32) * x
        fi = tf.cast(i, tf.float32) * 3
    print(repr(t.gradient(d, x)))
    print(t.gradient(n, x))
    print(t.gradient(back, x))
    print(t.gradient(fi, i))
""",
)

_snippet(
    "gradop_constructors_identity",
    """
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        a = tf.ones_like(x) * x
        b = tf.zeros_like(x)
        c = tf.fill([3], x)
        d = tf.ones([2]) * x
        e = tf.cast(tf.shape(tf.fill([2], x)), tf.float32)
        f = tf.convert_to_tensor(x) * 2
    for y in [a, b, c, d, e, f]:
        print(t.gradient(y, x))

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.identity(x) * 3
    print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_comparison_none",
    """
    x = tf.constant([1.0, 3.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        b = x > 2.0
        m = tf.cast(tf.equal(x, 3.0), tf.float32) * x
        fd = x // 2.0
        fm = x % 2.0
    print(t.gradient(b, x))
    print(t.gradient(m, x))
    print(t.gradient(fd, x))
    print(t.gradient(fm, x))
""",
)

_snippet(
    "gradop_float64_complex",
    """
    x = tf.constant([1.0, 2.0], dtype=tf.float64)
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(x * x * x)
    print(repr(t.gradient(y, x)))

    x = tf.constant(2.0 + 1.0j)
    with tf.GradientTape() as t:
        t.watch(x)
        y = x * x
    print(t.gradient(y, x))
""",
)

_snippet(
    "gradop_model_loss",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y_true = tf.constant([[1.0], [2.0]])
    w = tf.Variable([[0.5], [-0.5]], name='w')
    b = tf.Variable([0.25], name='b')
    with tf.GradientTape() as tape:
        pred = x @ w + b
        loss = tf.reduce_mean(tf.square(pred - y_true))
    dw, db = tape.gradient(loss, [w, b])
    print(loss)
    print(dw)
    print(db)
""",
)
