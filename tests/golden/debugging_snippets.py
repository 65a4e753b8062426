"""tf.debugging snippets: asserts, numerics checks and predicates, compared with TensorFlow.

Same rules as ``behaviour_snippets.py``: each program prints what a user would
see; ``make_snippets_golden.py debugging`` records TensorFlow's output in
``debugging.json`` and ``tests/test_debugging_golden.py`` replays the programs
on tapeflow. Every assert has a failing case (class and message) and a passing
one (what it returns: TF's eager asserts return None).
"""

from snippet_registry import snippet_registry

SNIPPETS, _snippet = snippet_registry("", lstrip_source=True)


_COMPARISONS = {
    "assert_equal": ("[1, 2, 3]", "[1, 5, 3]", "[1, 2, 3]"),
    "assert_none_equal": ("[1, 2, 3]", "[4, 2, 6]", "[4, 5, 6]"),
    "assert_less": ("[1, 2, 3]", "[2, 2, 4]", "[2, 3, 4]"),
    "assert_less_equal": ("[1, 2, 3]", "[1, 1, 3]", "[1, 2, 3]"),
    "assert_greater": ("[2, 3, 4]", "[1, 3, 3]", "[1, 2, 3]"),
    "assert_greater_equal": ("[2, 3, 4]", "[1, 4, 3]", "[2, 3, 4]"),
}
for _name, (_x, _bad, _good) in _COMPARISONS.items():
    _snippet(
        f"{_name}_int",
        f"""
        x = tf.constant({_x})
        print(tf.debugging.{_name}(x, tf.constant({_good})))
        try:
            tf.debugging.{_name}(x, tf.constant({_bad}))
        except Exception as e:
            show_error(e)
        try:
            tf.debugging.{_name}(x, tf.constant({_bad}), message="custom text")
        except Exception as e:
            show_error(e)
        """,
    )
    _snippet(
        f"{_name}_float_broadcast",
        f"""
        x = tf.constant([[1.5, 2.5], [3.5, 4.5]])
        try:
            tf.debugging.{_name}(x, tf.constant(2.5), summarize=2)
        except Exception as e:
            show_error(e)
        try:
            tf.debugging.{_name}(x, tf.constant([1.0, 2.0, 3.0]))
        except Exception as e:
            show_error(e)
        """,
    )

_snippet(
    "assert_equal_python_and_dtype",
    """
    print(tf.debugging.assert_equal(1, 1))
    try:
        tf.debugging.assert_equal(1, 2)
    except Exception as e:
        show_error(e)
    try:
        tf.debugging.assert_equal(tf.constant([1.0]), tf.constant([1]))
    except Exception as e:
        show_error(e)
    print(tf.debugging.assert_equal(tf.constant([]), tf.constant([])))
    """,
)

_SIGNS = {
    "assert_negative": ("[-1.0, -2.0]", "[-1.0, 0.0, 2.0]"),
    "assert_non_negative": ("[0.0, 2.0]", "[1.0, -2.0, -3.0]"),
    "assert_positive": ("[1, 2]", "[1, 0, -3]"),
    "assert_non_positive": ("[0, -2]", "[0, 2, -3]"),
}
for _name, (_good, _bad) in _SIGNS.items():
    _snippet(
        _name,
        f"""
        print(tf.debugging.{_name}(tf.constant({_good})))
        try:
            tf.debugging.{_name}(tf.constant({_bad}))
        except Exception as e:
            show_error(e)
        try:
            tf.debugging.{_name}(tf.constant({_bad}), message="signs", summarize=1)
        except Exception as e:
            show_error(e)
        """,
    )

_snippet(
    "assert_near",
    """
    x = tf.constant([1.0, 2.0, 3.0])
    print(tf.debugging.assert_near(x, x + 1e-7))
    for y in (tf.constant([1.0, 2.5, 3.0]),):
        try:
            tf.debugging.assert_near(x, y)
        except Exception as e:
            show_error(e)
        try:
            tf.debugging.assert_near(x, y, rtol=0.01, atol=0.1, message="near")
        except Exception as e:
            show_error(e)
    print(tf.debugging.assert_near(x, tf.constant([1.0, 2.5, 3.0]), atol=1.0))
    xd = tf.constant([1.0, 2.0], dtype=tf.float64)
    try:
        tf.debugging.assert_near(xd, xd + 1e-3)
    except Exception as e:
        show_error(e)
    """,
)

_snippet(
    "assert_rank_family",
    """
    x = tf.constant([[1.0, 2.0]])
    print(tf.debugging.assert_rank(x, 2))
    print(tf.debugging.assert_rank_at_least(x, 1))
    print(tf.debugging.assert_rank_in(x, [1, 2]))
    for call in (
        lambda: tf.debugging.assert_rank(x, 3),
        lambda: tf.debugging.assert_rank(x, 1, message="rank"),
        lambda: tf.debugging.assert_rank_at_least(x, 3),
        lambda: tf.debugging.assert_rank_in(x, [0, 1]),
        lambda: tf.debugging.assert_rank_in(x, (3, 4), message="in"),
        lambda: tf.debugging.assert_scalar(x),
        lambda: tf.debugging.assert_rank(x, tf.constant([2])),
    ):
        try:
            call()
        except Exception as e:
            show_error(e)
    print(tf.debugging.assert_scalar(tf.constant(1.0)))
    """,
)

_snippet(
    "assert_type_family",
    """
    x = tf.constant([1.0, 2.0])
    i = tf.constant([1, 2])
    print(tf.debugging.assert_type(x, tf.float32))
    print(tf.debugging.assert_integer(i))
    for call in (
        lambda: tf.debugging.assert_type(x, tf.int32),
        lambda: tf.debugging.assert_type(i, tf.float64, message="types"),
        lambda: tf.debugging.assert_integer(x),
        lambda: tf.debugging.assert_integer(x, message="ints"),
    ):
        try:
            call()
        except Exception as e:
            show_error(e)
    """,
)

_snippet(
    "assert_proper_iterable",
    """
    print(tf.debugging.assert_proper_iterable([1, 2]))
    print(tf.debugging.assert_proper_iterable((tf.constant(1.0),)))
    for bad in ("abc", b"abc", 3, np.array([1.0])):
        try:
            tf.debugging.assert_proper_iterable(bad)
        except Exception as e:
            show_error(e)
    try:
        tf.debugging.assert_proper_iterable(tf.constant([1.0]))
    except Exception as e:
        print(type(e).__name__, str(e).split("Found:")[0])  # the class path differs
    """,
)

_snippet(
    "assert_shapes",
    """
    x = tf.zeros([2, 3])
    y = tf.zeros([3])
    s = tf.constant(1.0)
    print(tf.debugging.assert_shapes([(x, ("N", "Q")), (y, ("Q",)), (s, [])]))
    print(tf.debugging.assert_shapes([(x, (2, None)), (y, (".",))]))
    for shapes in (
        [(x, ("N", "Q")), (y, ("N",))],
        [(x, (2, 4))],
        [(x, ("N",))],
        [(s, ("N",))],
    ):
        try:
            tf.debugging.assert_shapes(shapes)
        except Exception as e:
            show_error(e)
    try:
        tf.debugging.assert_shapes([(x, (3, 3))], message="shapes")
    except Exception as e:
        show_error(e)
    """,
)

_snippet(
    "assert_op",
    """
    print(tf.debugging.Assert(True, ["never shown"]))
    print(tf.debugging.Assert(tf.constant(True), [tf.constant([1.0])]))
    try:
        tf.debugging.Assert(False, ["bad value:", tf.constant([1, 2, 3])])
    except Exception as e:
        show_error(e)
    try:
        tf.debugging.Assert(tf.constant(False), [tf.constant([1.5, 2.5, 3.5, 4.5])], summarize=2)
    except Exception as e:
        show_error(e)
    try:
        tf.Assert(tf.constant([True]), ["x"])
    except Exception as e:
        show_error(e)
    try:
        tf.Assert(tf.constant([True, False]), ["x"])
    except Exception as e:
        show_error(e)
    """,
)

_snippet(
    "predicates",
    """
    print(tf.debugging.is_numeric_tensor(tf.constant([1.0])))
    print(tf.debugging.is_numeric_tensor(tf.constant([True])))
    print(tf.debugging.is_numeric_tensor([1.0]))
    print(tf.math.is_non_decreasing(tf.constant([1, 2, 2])))
    print(tf.math.is_non_decreasing(tf.constant([3.0, 2.0])))
    print(tf.math.is_strictly_increasing(tf.constant([1, 2, 2])))
    print(tf.math.is_strictly_increasing(tf.constant([1.0, 2.0, 4.0])))
    print(tf.math.is_strictly_increasing(tf.constant([])))
    print(tf.math.is_non_decreasing([[1, 2], [2, 3]]))
    try:
        tf.math.is_non_decreasing(tf.constant([True]))
    except Exception as e:
        show_error(e)
    print(tf.Assert is tf.debugging.Assert)
    print(tf.debugging.set_log_device_placement(False))
    """,
)

_snippet(
    "check_numerics",
    """
    ok = tf.constant([1.0, 2.0])
    print(tf.debugging.check_numerics(ok, "fine"))
    print(tf.debugging.assert_all_finite(ok, "fine"))
    for values in ([1.0, np.nan], [np.inf, 1.0], [-np.inf, 2.0], [np.nan, np.inf], [np.nan, -np.inf, np.inf]):
        try:
            tf.debugging.check_numerics(tf.constant(values), "bad values")
        except Exception as e:
            show_error(e)
    try:
        tf.debugging.assert_all_finite(tf.constant([np.nan], dtype=tf.float64), "again")
    except Exception as e:
        show_error(e)
    try:
        tf.debugging.check_numerics(tf.constant([1, 2]), "ints")
    except Exception as e:
        show_error(e)
    """,
)

_snippet(
    "enable_check_numerics_forward",
    """
    tf.debugging.enable_check_numerics()
    try:
        try:
            tf.math.log(tf.constant([0.0, 1.0]))
        except Exception as e:
            print(type(e).__name__)
            print(str(e).split(" : ")[-1])
            print("!!! Detected Infinity or NaN in output 0 of eagerly-executing op \\"Log\\"" in str(e))
        print(tf.constant([np.nan]))
        try:
            tf.constant([np.nan]) + 1.0
        except Exception as e:
            print(type(e).__name__)
            print(str(e).split(" : ")[-1])
        try:
            tf.exp(tf.constant([100.0]))
        except Exception as e:
            print(str(e).split(" : ")[-1])
        print(tf.constant([1.0]) + 1.0)
    finally:
        tf.debugging.disable_check_numerics()
    print(tf.math.log(tf.constant([0.0])))
    """,
)

_snippet(
    "assert_same_float_dtype_and_switches",
    """
    print(repr(tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0)])))
    print(repr(tf.debugging.assert_same_float_dtype(None, tf.float64)))
    print(repr(tf.debugging.assert_same_float_dtype()))
    for call in (
        lambda: tf.debugging.assert_same_float_dtype([tf.constant(1.0), tf.constant(2.0, tf.float64)]),
        lambda: tf.debugging.assert_same_float_dtype([tf.constant(1), tf.constant(2)]),
        lambda: tf.debugging.assert_same_float_dtype([tf.constant(1.0)], tf.float64),
        lambda: tf.debugging.assert_same_float_dtype(None, tf.int32),
    ):
        try:
            call()
        except Exception as e:
            show_error(e)
    print(tf.debugging.get_log_device_placement(), tf.debugging.is_traceback_filtering_enabled())
    print(tf.debugging.disable_traceback_filtering(), tf.debugging.is_traceback_filtering_enabled())
    print(tf.debugging.enable_traceback_filtering(), tf.debugging.is_traceback_filtering_enabled())
    print(tf.debugging.set_log_device_placement(True), tf.debugging.get_log_device_placement())
    tf.debugging.set_log_device_placement(False)
    """,
)
