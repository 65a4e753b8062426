"""tf.math: elementwise math and reductions, with TensorFlow's names and signatures.

Thin wrappers: they convert arguments, check axes and dtypes, and call
primitives (``ops/elementwise.py``, ``ops/reduce.py``, ``ops/scan.py``; segment
sums use the gather/scatter pair of ``ops/index.py``) or compose them the way
TensorFlow does, so gradients and singular points follow TensorFlow's (spec
section 9). ``__all__`` lists the names TensorFlow also has at top level
(``tf.abs``, ``tf.reduce_prod``, ...); the others are reached as
``tf.math.<name>``. TF's top-level ``cast``, ``clip_by_value``, ``norm``, ... are
written here too (``_elementwise.py``, ``_clip.py``, ``_norm.py``) but are not
``tf.math`` names: the top level imports them from those modules.

>>> import tapeflow as tf
>>> print(tf.math.reduce_mean(tf.constant([1.0, 2.0, 3.0, 4.0])))
tf.Tensor(2.5, shape=(), dtype=float32)
>>> print(tf.math.cumsum([1, 2, 3], exclusive=True))
tf.Tensor([0 1 3], shape=(3,), dtype=int32)
"""

from .._lazy import lazy_getattr as _lazy_getattr
from .._monotonic import is_non_decreasing, is_strictly_increasing
from ..arrays import top_k  # implemented with the other sorts
from ._clip import l2_normalize
from ._complex import angle, conj, imag, real
from ._elementwise import (
    abs,
    acos,
    acosh,
    add,
    add_n,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    ceil,
    cos,
    cosh,
    digamma,
    divide,
    divide_no_nan,
    equal,
    erf,
    erfc,
    exp,
    expm1,
    floor,
    floordiv,
    floormod,
    greater,
    greater_equal,
    is_finite,
    is_inf,
    is_nan,
    less,
    less_equal,
    lgamma,
    log,
    log1p,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    mod,
    multiply,
    multiply_no_nan,
    negative,
    not_equal,
    polygamma,
    polyval,
    pow,
    reciprocal,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sinh,
    softplus,
    sqrt,
    square,
    squared_difference,
    subtract,
    tan,
    tanh,
    truediv,
    xdivy,
    xlogy,
)
from ._more import (
    accumulate_n,
    approx_max_k,
    approx_min_k,
    bessel_i0,
    bessel_i0e,
    bessel_i1,
    bessel_i1e,
    bincount,
    confusion_matrix,
    count_nonzero,
    erfcinv,
    erfinv,
    in_top_k,
    invert_permutation,
    lbeta,
    log_sigmoid,
    ndtri,
    nextafter,
    reciprocal_no_nan,
    rint,
    segment_max,
    segment_mean,
    segment_min,
    segment_prod,
    unsorted_segment_max,
    unsorted_segment_mean,
    unsorted_segment_min,
    unsorted_segment_prod,
    unsorted_segment_sqrt_n,
    xlog1py,
    zero_fraction,
)
from ._reduce import (
    argmax,
    argmin,
    reduce_all,
    reduce_any,
    reduce_euclidean_norm,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_std,
    reduce_sum,
    reduce_variance,
)
from ._scans import cumprod, cumsum, cumulative_logsumexp, segment_sum, unsorted_segment_sum

__all__ = [
    "abs", "acos", "acosh", "add", "add_n", "argmax", "argmin", "asin", "asinh", "atan",
    "atan2", "atanh", "cos",
    "cosh", "cumsum", "divide", "equal", "exp", "floor", "greater", "greater_equal", "less",
    "less_equal", "logical_and", "logical_not", "logical_or", "maximum", "minimum", "multiply",
    "negative", "not_equal", "pow", "reduce_all", "reduce_any",
    "reduce_logsumexp", "reduce_max", "reduce_mean", "reduce_min", "reduce_prod", "reduce_sum",
    "round", "sigmoid", "sign", "sin", "sinh", "sqrt", "square", "subtract", "tan", "tanh",
    "truediv",
]  # fmt: skip


# Rarely used ops (special functions, Sobol points) load on first use.
_LAZY = {name: "._incomplete" for name in ("betainc", "igamma", "igammac", "zeta")}
_LAZY["sobol_sample"] = "._sobol"
__getattr__ = _lazy_getattr(__name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
