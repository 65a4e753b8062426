"""tf.debugging, and tapeflow's own diagnostics.

TensorFlow's names: the asserts (``assert_equal``, ``assert_shapes``, ...),
``Assert``, ``check_numerics``, ``assert_all_finite`` and the
``enable_check_numerics`` mode, here extended to the backward pass.

>>> import tapeflow as tf
>>> x = tf.constant([1.0, 2.0])
>>> print(tf.debugging.assert_positive(x))
None
"""

from ._asserts import (
    Assert,
    assert_equal,
    assert_greater,
    assert_greater_equal,
    assert_integer,
    assert_less,
    assert_less_equal,
    assert_near,
    assert_negative,
    assert_non_negative,
    assert_non_positive,
    assert_none_equal,
    assert_positive,
    assert_proper_iterable,
    assert_rank,
    assert_rank_at_least,
    assert_rank_in,
    assert_same_float_dtype,
    assert_scalar,
    assert_shapes,
    assert_type,
    disable_traceback_filtering,
    enable_traceback_filtering,
    get_log_device_placement,
    is_numeric_tensor,
    is_traceback_filtering_enabled,
    set_log_device_placement,
)
from ._explain import (
    GradientExplanation,
    Reason,
    disable_gradient_explanations,
    enable_gradient_explanations,
    explain_gradient,
)
from ._graph import TapeGraph, tape_graph
from ._numerics import (
    assert_all_finite,
    check_numerics,
    disable_check_numerics,
    enable_check_numerics,
)

__all__ = [
    "Assert",
    "GradientExplanation",
    "Reason",
    "TapeGraph",
    "disable_gradient_explanations",
    "enable_gradient_explanations",
    "explain_gradient",
    "assert_all_finite",
    "assert_equal",
    "assert_greater",
    "assert_greater_equal",
    "assert_integer",
    "assert_less",
    "assert_less_equal",
    "assert_near",
    "assert_negative",
    "assert_non_negative",
    "assert_non_positive",
    "assert_none_equal",
    "assert_positive",
    "assert_proper_iterable",
    "assert_rank",
    "assert_rank_at_least",
    "assert_rank_in",
    "assert_same_float_dtype",
    "assert_scalar",
    "assert_shapes",
    "assert_type",
    "check_numerics",
    "disable_check_numerics",
    "enable_check_numerics",
    "disable_traceback_filtering",
    "enable_traceback_filtering",
    "get_log_device_placement",
    "is_numeric_tensor",
    "is_traceback_filtering_enabled",
    "set_log_device_placement",
    "tape_graph",
]
