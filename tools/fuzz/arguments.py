"""Arguments by parameter name: a TF signature's parameter name chooses the strategy
(``axis`` draws axes of every type and range, ``dtype`` dtypes or None, ``x`` a value...)."""

from __future__ import annotations

import inspect
import math

import fuzz_signal_bitwise as signal_bitwise
import numpy as np
from hypothesis import strategies as st

from .draws import ALL_DTYPES, DTypeArg, ListArg, Value, int_vectors, small_shapes, values

# The tf.signal / tf.bitwise / unlisted top-level block draws its own ops' arguments.
SIGNAL_BITWISE_OPS = set(signal_bitwise.OPS)

# Parameters never drawn (keep their defaults).
NEVER_DRAWN = {"name", "layout", "bad_indices_policy", "validate_args", "validate_indices",
               "a_is_sparse", "b_is_sparse", "grad_a", "grad_b", "kwargs", "seed"}  # fmt: skip


TENSOR_PARAMS = {
    "x", "y", "a", "b", "input", "input_", "input_tensor", "tensor", "features", "logits",
    "labels", "value", "params", "data", "matrix", "rhs", "chol", "lower_upper", "mean",
    "variance", "offset", "scale", "filters", "filter", "depthwise_filter",
    "pointwise_filter", "sorted_sequence", "condition", "mask", "updates", "log_input",
    "targets", "pos_weight", "t", "diagonal", "clip_value_min", "clip_value_max",
    "clip_norm", "use_norm", "ids",
}  # fmt: skip
LIST_PARAMS = {"inputs", "t_list", "coeffs", "args"}
INDEX_PARAMS = {"indices", "segment_ids"}
SHAPE_PARAMS = {"shape", "dims", "shape_x", "shape_y", "multiples", "output_shape",
                "noise_shape", "batch_shape", "window_shape", "ksize", "strides", "dilations",
                "begin", "end", "size", "paddings", "perm", "repeats", "stride"}  # fmt: skip
INT_PARAMS = {"depth", "num", "num_rows", "num_columns", "num_segments", "num_lower",
              "num_upper", "k", "batch_dims", "depth_radius", "shift", "num_cols",
              "padding_value", "begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
              "shrink_axis_mask", "num_or_size_splits"}  # fmt: skip
NUMBER_PARAMS = {"limit", "delta", "start", "stop"}
BOOL_PARAMS = {"keepdims", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b",
               "exclusive", "reverse", "sorted", "stable", "compute_uv", "full_matrices",
               "adjoint", "lower", "approximate", "compute_full_loss", "fast", "conjugate"}  # fmt: skip
FLOAT_PARAMS = {"alpha", "beta", "epsilon", "variance_epsilon", "rate", "l2_regularizer",
                "rcond", "max_norm", "bias"}  # fmt: skip
DTYPE_PARAMS = {"dtype", "out_type", "output_type", "index_type", "out_idx", "dtype_hint"}
STRING_CHOICES = {
    "padding": ["SAME", "VALID", "same", "CAUSAL", "EXPLICIT"],
    "data_format": [None, "NHWC", "NCHW", "NWC", "NCW", "NDHWC", "bad"],
    "mode": ["CONSTANT", "REFLECT", "SYMMETRIC", "constant", "bad"],
    "direction": ["ASCENDING", "DESCENDING", "UP"],
    "side": ["left", "right", "middle"],
    "align": ["RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT", "X"],
    "pooling_type": ["MAX", "AVG", "SUM"],
    "equation": ["ij,jk->ik", "ii", "ii->i", "i->", "ij->ji", "...ij,...jk", "bij,bjk->bik",
                 "i,i", "ij", "i,j->ij", "ab,bc->ca", "x"],
    "ord": ["euclidean", "fro", "nuc", 1, 2, np.inf, -1, 0.5, 0, "bad"],
}  # fmt: skip


@st.composite
def axes(draw, rank: int):
    lo, hi = -rank - 2, rank + 1
    one = st.one_of(st.integers(-rank if rank else 0, max(rank - 1, 0)), st.integers(lo, hi))
    kind = draw(st.sampled_from(["none", "int", "int", "int", "list", "tuple", "tensor",
                                 "npint", "float", "bool", "empty", "string"]))  # fmt: skip
    if kind == "none":
        return None
    if kind == "int":
        return draw(one)
    if kind == "npint":
        return np.int64(draw(one))
    if kind == "float":
        return float(draw(one))
    if kind == "bool":
        return draw(st.booleans())
    if kind == "string":
        return "0"
    if kind == "empty":
        return []
    items = draw(st.lists(one, min_size=1, max_size=3))
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    return Value(np.array(items, dtype=draw(st.sampled_from(["int32", "int64"]))), "tensor")


def draw_argument(draw, param: str, context: dict):
    """One argument for TF parameter ``param``; ``context`` holds the first value drawn."""
    if context.get("op") in SIGNAL_BITWISE_OPS:
        drawn = signal_bitwise.argument(draw, context["op"], param, context)
        if drawn is not signal_bitwise.GENERIC:
            return drawn
    first = context.get("first")
    if param in TENSOR_PARAMS:
        if first is not None and first.form != "ragged" and draw(st.integers(0, 9)) < 7:
            same_shape = draw(st.booleans())
            shape = first.array.shape if same_shape else None
            if shape is not None and draw(st.integers(0, 3)) == 0:
                shape = shape[1:]  # broadcastable
            return draw(values(dtype=first.dtype, shape=shape))
        value = draw(values())
        context.setdefault("first", value)
        return value
    if param in LIST_PARAMS:
        base = context.get("first") or draw(values())
        context.setdefault("first", base)
        dtype = base.dtype if base.form != "ragged" else "float32"
        shape = base.array.shape if base.form != "ragged" else ()
        count = draw(st.integers(0, 3))
        items = [draw(values(dtype=dtype if draw(st.integers(0, 5)) else None,
                             shape=shape if draw(st.integers(0, 5)) else None))
                 for _ in range(count)]  # fmt: skip
        return ListArg(items)
    if param in INDEX_PARAMS:
        dtype = draw(st.sampled_from(["int32", "int64", "int32", "float32", "uint8"]))
        shape = draw(small_shapes(3))
        flat = draw(st.lists(st.integers(-1, 4), min_size=math.prod(shape),
                             max_size=math.prod(shape)))  # fmt: skip
        with np.errstate(all="ignore"):
            array = np.array(flat, dtype=np.int64).astype(dtype).reshape(shape)
        return Value(array, draw(st.sampled_from(["tensor", "ndarray", "list"])))
    if param in ("axis", "dim", "axes"):
        rank = first.array.ndim if first is not None and first.form != "ragged" else 2
        return draw(axes(rank))
    if param in SHAPE_PARAMS:
        return int_vectors(draw)
    if param in INT_PARAMS:
        return draw(st.one_of(st.integers(-2, 5), st.integers(-2, 5),
                              st.sampled_from([2**31, 2**40, -(2**31), None, 1.5])))  # fmt: skip
    if param in NUMBER_PARAMS:
        return draw(st.one_of(st.integers(-3, 6), st.floats(-3, 6), st.none(),
                              st.sampled_from([2**40, 0, math.nan, math.inf])))  # fmt: skip
    if param in BOOL_PARAMS:
        return draw(st.one_of(st.booleans(), st.booleans(), st.none()))
    if param in FLOAT_PARAMS:
        return draw(st.one_of(st.floats(-1, 2), st.sampled_from([0.0, 1e-3, math.nan])))
    if param in DTYPE_PARAMS:
        return draw(st.one_of(st.none(), st.sampled_from(ALL_DTYPES).map(DTypeArg)))
    if param in STRING_CHOICES:
        return draw(st.sampled_from(STRING_CHOICES[param]))
    return draw(values())


def signature_of(tf_fn):
    try:
        return list(inspect.signature(tf_fn).parameters.values())
    except (TypeError, ValueError):
        return []


@st.composite
def call_arguments(draw, tf_fn, path: str = ""):
    """(positional, keyword) argument specs for one call, drawn from TF's signature."""
    context: dict = {"op": path}
    args, kwargs = [], {}
    positional_ok = True
    for p in signature_of(tf_fn):
        never = p.name in NEVER_DRAWN and (path, p.name) not in signal_bitwise.DRAWN
        if never or p.kind == p.VAR_KEYWORD:
            positional_ok = False
            continue
        if p.kind == p.VAR_POSITIONAL:
            args.extend(draw_argument(draw, "x", context)
                        for _ in range(draw(st.integers(0, 3))))  # fmt: skip
            continue
        required = p.default is inspect.Parameter.empty
        if not required and draw(st.integers(0, 2)) == 0:
            positional_ok = False
            continue
        value = draw_argument(draw, p.name, context)
        if positional_ok and required:
            args.append(value)
        else:
            kwargs[p.name] = value
    return args, kwargs
