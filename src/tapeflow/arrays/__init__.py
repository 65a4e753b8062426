"""Creating tensors, changing their shape, and indexing: TensorFlow's top-level array ops.

Thin wrappers: they convert arguments, check them with TensorFlow's errors,
and call the primitives of ``ops/shape.py`` and ``ops/index.py`` (or compose
them). ``__all__`` lists the names TensorFlow has at top level; ``top_k``
lives here too (TensorFlow's ``tf.math.top_k``).

``tf.gather`` along axis 0 gives an ``IndexedSlices`` gradient, as TensorFlow's
does (``ops/sparse.py``); the other ops here have dense gradients.

>>> import tapeflow as tf
>>> print(tf.reshape(tf.range(6), [2, -1]))
tf.Tensor(
[[0 1 2]
 [3 4 5]], shape=(2, 3), dtype=int32)
"""

from ._common import shape_tuple
from ._create import (
    eye,
    fill,
    linspace,
    meshgrid,
    one_hot,
    ones,
    ones_like,
    range,
    zeros,
    zeros_like,
)
from ._index import (
    boolean_mask,
    gather,
    gather_nd,
    scatter_nd,
    slice,
    strided_slice,
    tensor_scatter_nd_add,
    tensor_scatter_nd_sub,
    tensor_scatter_nd_update,
    where,
)
from ._join import concat, pad, repeat, reverse, roll, split, stack, tile, unstack
from ._shapes import (
    broadcast_dynamic_shape,
    broadcast_static_shape,
    broadcast_to,
    expand_dims,
    identity,
    rank,
    reshape,
    shape,
    size,
    squeeze,
    stop_gradient,
    transpose,
)
from ._sort import (
    TopKV2,
    Unique,
    UniqueWithCounts,
    argsort,
    searchsorted,
    sort,
    top_k,
    unique,
    unique_with_counts,
)

__all__ = [
    "argsort",
    "boolean_mask",
    "broadcast_dynamic_shape",
    "broadcast_static_shape",
    "broadcast_to",
    "concat",
    "expand_dims",
    "eye",
    "fill",
    "gather",
    "gather_nd",
    "identity",
    "linspace",
    "meshgrid",
    "one_hot",
    "ones",
    "ones_like",
    "pad",
    "range",
    "rank",
    "repeat",
    "reshape",
    "reverse",
    "roll",
    "scatter_nd",
    "searchsorted",
    "shape",
    "size",
    "slice",
    "sort",
    "split",
    "squeeze",
    "stack",
    "stop_gradient",
    "strided_slice",
    "tensor_scatter_nd_add",
    "tensor_scatter_nd_sub",
    "tensor_scatter_nd_update",
    "tile",
    "transpose",
    "unique",
    "unique_with_counts",
    "unstack",
    "where",
    "zeros",
    "zeros_like",
]
