"""tapeflow: TensorFlow's eager GradientTape programming model on NumPy.

Write ``import tapeflow as tf`` and use the TensorFlow names you know.

>>> import tapeflow as tf
>>> x = tf.Variable(3.0)
>>> with tf.GradientTape() as tape:
...     y = x**2
>>> print(tape.gradient(y, x))
tf.Tensor(6.0, shape=(), dtype=float32)
"""

import warnings as _warnings

from . import _memory

_memory.keep_freed_memory()

# TensorFlow computes inf and nan silently; so do tapeflow's own NumPy calls.
_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"tapeflow(\.|$)")

from . import autodiff, dtypes, errors, linalg, math, nn, random, test  # noqa: E402
from . import ops as _ops  # the primitive table; gives Tensor its operators
from ._forward import ForwardAccumulator
from ._tape import GradientTape, UnconnectedGradients
from ._tensor import EagerTensor, Tensor, TensorShape, constant, convert_to_tensor
from ._variable import Variable
from .arrays import *  # noqa: F403
from .dtypes import (
    DType,
    as_dtype,
    bool,
    complex64,
    complex128,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
from .linalg import *  # noqa: F403
from .linalg._eig import sqrtm as matrix_square_root  # tf.*, not tf.linalg.*
from .math import *  # noqa: F403
from .math._clip import clip_by_global_norm, clip_by_norm, clip_by_value  # tf.*, not tf.math.*
from .math._elementwise import cast, realdiv
from .math._norm import norm
from .ops.sparse import IndexedSlices

# isort: off
# Differentiation transforms built on tapes (custom gradients, JAX-style helpers).
from . import functional
from ._custom_gradient import custom_gradient, grad_pass_through, recompute_grad
from .functional import grad, hessian, hvp, jvp, value_and_grad, vjp

# tf.function and tf.print (tracing into compiled NumPy programs).
from . import config
from ._function import TensorSpec, function
from ._function import print_ as print
from . import autograph

# tf.nest and tf.executing_eagerly (issue 14).
from . import nest
from ._context import executing_eagerly

# isort: on

# Control flow (cond, while_loop, map_fn, TensorArray, ...) loads on first use: see
# _LAZY_NAMES below.

# isort: off
# tf.Module and tf.name_scope (the training stack's base; cheap to import).
from ._name_scope import get_current_name_scope, name_scope
from .module import Module

# More of TF's top-level API (issue 12): framework utilities and array ops.
from . import bitwise
from ._framework import *  # noqa: F403
from ._binning import *  # noqa: F403
from ._more_arrays import *  # noqa: F403
from ._registries import *  # noqa: F403

# isort: on

# TF names one function under several namespaces (issue 12).
dtypes.cast, dtypes.complex, dtypes.saturate_cast = cast, complex, saturate_cast  # noqa: F405
math.softmax, math.log_softmax, math.softsign = nn.softmax, nn.log_softmax, nn.softsign
math.scalar_mul = scalar_mul  # noqa: F405
nn.top_k, nn.in_top_k, nn.zero_fraction = math.top_k, math.in_top_k, math.zero_fraction
nn.approx_max_k, nn.approx_min_k = math.approx_max_k, math.approx_min_k
nn.space_to_batch = space_to_batch  # noqa: F405

__version__ = "0.1.0"
newaxis = None

del _ops

# Heavy namespaces load on first use, so `import tapeflow` stays as cheap as
# `import numpy`. Add a subpackage here instead of importing it above.
_LAZY_SUBMODULES: frozenset[str] = frozenset(
    {"keras", "debugging", "signal", "data", "train", "image", "sparse"}
    | {"control_flow", "higher_order", "tensor_array"}
)
# Top-level names that live in a lazy subpackage: name -> subpackage.
_LAZY_NAMES: dict[str, str] = {
    name: "debugging"
    for name in ("Assert", "assert_equal", "assert_greater", "assert_less", "assert_rank")
}
# TF registers no kernel for these raw ops: tf.signal.fftnd and its kin compute.
_LAZY_SUBMODULES |= frozenset({"_fft_nd_ops"})
_LAZY_NAMES.update({name: "_fft_nd_ops" for name in ("fftnd", "ifftnd", "rfftnd", "irfftnd")})
# Control flow: plain Python over eager ops (tf.function traces it through a hook).
_LAZY_NAMES.update({name: "control_flow" for name in ("case", "cond", "switch_case", "while_loop")})
_LAZY_NAMES.update(
    {name: "higher_order" for name in ("foldl", "foldr", "map_fn", "scan", "vectorized_map")}
)
_LAZY_NAMES["TensorArray"] = "tensor_array"
# The rest of TF's top level (issue 12, lane apirest): loaded on first use.
_LAZY_APIREST = {
    "_type_spec": "IndexedSlicesSpec NoneTensorSpec OptionalSpec TensorArraySpec TypeSpec "
    "inside_function is_symbolic_tensor type_spec_from_value",
    "_init_ops": "constant_initializer ones_initializer random_normal_initializer "
    "random_uniform_initializer zeros_initializer",
    "_hashing": "fingerprint random_index_shuffle",
    "_nn_extras": "approx_top_k conv conv2d_backprop_filter_v2 conv2d_backprop_input_v2 "
    "extract_volume_patches",
    "_edit_distance": "edit_distance",
}
_LAZY_SUBMODULES |= frozenset(_LAZY_APIREST)
_LAZY_NAMES.update({n: module for module, names in _LAZY_APIREST.items() for n in names.split()})
_LAZY_NAMES["SparseTensor"] = "sparse"


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_NAMES))


def __getattr__(name: str):
    if name in _LAZY_SUBMODULES:
        import importlib

        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(__getattr__(_LAZY_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow' has no attribute '{name}'")
