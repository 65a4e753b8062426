"""Argument keys: how a tf.function call is matched to its traces.

A call is keyed by its arguments as TensorFlow keys them: a tensor (or NumPy
array, or Variable) by dtype and shape, any other Python value by its own
value (``1``, ``1.0`` and ``True`` are one key, as in TF). ``_relax`` finds
the most specific key covering two keys (``reduce_retracing``); the rest
rebuilds arguments around fresh tensors and stands in for TensorSpecs.
"""

from __future__ import annotations

import numpy as np

from .._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from .._variable import Variable
from .spec import TensorSpec


class _Leaf:
    """Where a tensor sat in the arguments (keys hold these, not the tensors)."""

    __slots__ = ("kind", "dtype", "shape")

    def __init__(self, kind, dtype, shape):
        self.kind, self.dtype, self.shape = kind, dtype, shape

    def key(self):
        return (self.kind, self.dtype, self.shape)


def _key(value, leaves: list):
    """A hashable key for one argument; tensor-like leaves are appended to ``leaves``."""
    cls = value.__class__
    if cls is Tensor:
        leaves.append(value)
        v = value._value
        return ("T", v.dtype, v.shape)
    if isinstance(value, Variable):
        owner = value._owner()
        leaves.append(owner)
        return ("V", owner._value.dtype, owner._value.shape)
    if isinstance(value, np.ndarray):
        tensor = convert_to_tensor(value)
        leaves.append(tensor)
        return ("T", tensor._value.dtype, tensor._value.shape)
    if cls in (list, tuple) or isinstance(value, tuple):
        return (cls, tuple([_key(v, leaves) for v in value]))
    if isinstance(value, dict):
        return (cls, tuple((k, _key(value[k], leaves)) for k in sorted(value)))
    try:
        hash(value)
        return ("P", value)
    except TypeError:
        return ("id", id(value))


def _rebuild_args(value, leaves_iter):
    """The arguments again, with the tensor-like leaves taken from ``leaves_iter``."""
    cls = value.__class__
    if cls is Tensor or isinstance(value, (Variable, np.ndarray)):
        return next(leaves_iter)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return cls(*[_rebuild_args(v, leaves_iter) for v in value])
    if isinstance(value, (list, tuple)):
        return cls(_rebuild_args(v, leaves_iter) for v in value)
    if isinstance(value, dict):
        rebuilt = {k: _rebuild_args(value[k], leaves_iter) for k in sorted(value)}
        return cls((k, rebuilt[k]) for k in value)
    return value


def _is_dict_key(key) -> bool:
    return isinstance(key[0], type) and issubclass(key[0], dict)


def _relax(key, seen):
    """The most specific key covering ``key`` and ``seen`` (TF's reduce_retracing)."""
    if key[0] in ("T", "V"):
        if seen[0] != key[0] or key[1] != seen[1]:
            return None
        a, b = key[2], seen[2]
        if a is None or b is None or len(a) != len(b):
            return (key[0], key[1], None)
        return (key[0], key[1], tuple(x if x == y else None for x, y in zip(a, b)))
    if key[0] in ("P", "id"):
        return key if key == seen else None
    if key[0] != seen[0] or len(key[1]) != len(seen[1]):
        return None
    parts = []
    for mine, theirs in zip(key[1], seen[1]):
        if _is_dict_key(key):
            if mine[0] != theirs[0]:
                return None
            relaxed = _relax(mine[1], theirs[1])
            parts.append(None if relaxed is None else (mine[0], relaxed))
        else:
            parts.append(_relax(mine, theirs))
        if parts[-1] is None:
            return None
    return (key[0], tuple(parts))


def _relax_all(key: tuple, seen: tuple):
    if len(key) != len(seen):
        return None
    parts = tuple(_relax(a, b) for a, b in zip(key, seen))
    return None if any(p is None for p in parts) else parts


def _covers(general: tuple, key: tuple) -> bool:
    return _relax_all(key, general) == general


def _shapes_in(key, out: list) -> None:
    if key[0] in ("T", "V"):
        out.append(TensorShape(key[2]))
    elif key[0] not in ("P", "id"):
        for part in key[1]:
            _shapes_in(part[1] if _is_dict_key(key) else part, out)


def _spec_key(value):
    """The key a TensorSpec argument stands for (None dimensions kept)."""
    if isinstance(value, TensorSpec):
        dims = value.shape.dims
        return ("T", value.dtype.as_numpy_dtype_instance, None if dims is None else tuple(dims))
    if isinstance(value, (list, tuple)) and not isinstance(value, str):
        return (value.__class__, tuple(_spec_key(v) for v in value))
    if isinstance(value, dict):
        return (value.__class__, tuple((k, _spec_key(value[k])) for k in sorted(value)))
    return _key(value, [])


def iter_from(fresh: list, args: tuple, position: int):
    """The fresh leaves belonging to argument ``position``."""
    start = 0
    for a in args[:position]:
        start += _count_leaves(a)
    return iter(fresh[start : start + _count_leaves(args[position])])


def _count_leaves(value) -> int:
    if value.__class__ is Tensor or isinstance(value, (Variable, np.ndarray)):
        return 1
    if isinstance(value, (list, tuple)):
        return sum(_count_leaves(v) for v in value)
    if isinstance(value, dict):
        return sum(_count_leaves(v) for v in value.values())
    return 0


def _example(value):
    """A concrete stand-in for a TensorSpec (ones; unknown dimensions become 1)."""
    if isinstance(value, TensorSpec):
        shape = value.shape
        dims = (1,) if shape.rank is None else tuple(1 if d is None else d for d in shape)
        return wrap(np.ones(dims, dtype=value.dtype.as_numpy_dtype_instance)[()]
                    if dims else value.dtype.as_numpy_dtype_instance.type(1))  # fmt: skip
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return type(value)(_example(v) for v in value)
    if isinstance(value, dict):
        return {k: _example(v) for k, v in value.items()}
    return value
