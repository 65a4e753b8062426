"""Drawn values: dtypes, shapes, the Value/DTypeArg/ListArg specs an example is made of
(each rebuilt fresh for each library in the form it was drawn in), and the hypothesis
strategies that draw them."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

FLOATS = ["float16", "float32", "float64"]
COMPLEX = ["complex64", "complex128"]
INTS = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
ALL_DTYPES = FLOATS + COMPLEX + INTS + ["bool", "string"]
SPECIAL_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 3.0, math.nan, math.inf, -math.inf,
                  1e4, -1e4, 30.0, 1e30, 1e300, 1e-30, 5e-324]  # fmt: skip


def small_shapes(max_rank: int = 4):
    side = st.one_of(st.integers(1, 3), st.integers(0, 4))
    return st.lists(side, max_size=max_rank).map(tuple).filter(lambda s: math.prod(s) <= 64)


class Value:
    """A drawn value, rebuilt fresh for each library in the form it was drawn in."""

    def __init__(self, array, form: str):
        self.array = array  # an ndarray, or a nested list for form "ragged"
        self.form = form

    @property
    def dtype(self) -> str | None:
        if self.form == "ragged":
            return None
        return "string" if self.array.dtype == object else self.array.dtype.name

    def is_differentiable(self) -> bool:
        return self.dtype in FLOATS + COMPLEX

    def has_subnormal(self) -> bool:
        if self.dtype not in FLOATS + COMPLEX:
            return False
        a = np.asarray(self.array)
        parts = [a.real, a.imag] if a.dtype.kind == "c" else [a]
        tiny = np.finfo(parts[0].dtype).tiny
        return any(np.any((p != 0) & (np.abs(p) < tiny)) for p in parts)

    def has_complex_nonfinite(self) -> bool:
        """A complex Inf or NaN: TF's kernels follow C99 Annex G there (docs/deviations.md)."""
        return self.dtype in COMPLEX and not bool(np.all(np.isfinite(np.asarray(self.array))))

    def build(self, lib, as_tensor: bool = False):
        if self.form == "ragged":
            return [list(row) for row in self.array]
        if as_tensor or self.form == "tensor":
            return lib.constant(self.array.copy())
        if self.form == "ndarray":
            return self.array.copy()
        if self.form == "list":
            return self.array.tolist()
        if self.form == "npscalar":
            return self.array[()]
        return self.array.item()  # "pyscalar"

    def __repr__(self) -> str:
        if self.form == "ragged":
            return repr(self.array)
        a = self.array
        dtype = "object" if a.dtype == object else a.dtype.name
        text = f"np.array({a.tolist()!r}, dtype={dtype!r})".replace("nan", "np.nan")
        text = text.replace("inf", "np.inf")
        if self.form == "tensor":
            return f"tf.constant({text})"
        if self.form == "list":
            return repr(a.tolist()).replace("nan", "np.nan").replace("inf", "np.inf")
        if self.form == "npscalar":
            return f"np.{dtype}({a.item()!r})" if dtype != "object" else repr(a.item())
        if self.form == "pyscalar":
            return repr(a.item()).replace("nan", "float('nan')").replace("inf", "float('inf')")
        return text


class DTypeArg:
    def __init__(self, name: str):
        self.name = name

    def build(self, lib, as_tensor=False):
        return lib.as_dtype(self.name)

    def __repr__(self) -> str:
        return f"tf.{self.name}"


class ListArg:
    """A Python list whose items are Values (concat's values, add_n's inputs...)."""

    def __init__(self, items):
        self.items = items

    def build(self, lib, as_tensor=False):
        return [item.build(lib, as_tensor) if hasattr(item, "build") else item
                for item in self.items]  # fmt: skip

    def __repr__(self) -> str:
        return "[" + ", ".join(map(repr, self.items)) + "]"


def random_array(dtype: str, shape: tuple, seed: int, special: float) -> np.ndarray:
    """Values of ``dtype``: ordinary ones of a drawn scale, with a ``special`` fraction
    replaced by edge values (NaN, +-Inf, -0.0, subnormals, extremes of the type).

    Elements come from a NumPy generator seeded by a hypothesis draw, not from one
    hypothesis draw each: element-wise drawing cost more than both libraries' ops.
    """
    rng = np.random.default_rng(seed)
    n = math.prod(shape)
    if dtype == "string":
        array = np.empty(n, dtype=object)
        array[:] = [[b"", b"a", b"xyz", b"\x00b"][i] for i in rng.integers(0, 4, n)]
        return array.reshape(shape)
    if dtype == "bool":
        return (rng.random(n) < 0.5).reshape(shape)
    mask = rng.random(n) < special
    if dtype in INTS:
        info = np.iinfo(dtype)
        base = rng.integers(-3, 6, n)
        edges = np.array([info.min, info.max, 0, 1, info.max // 2], dtype=np.float64)
        with np.errstate(all="ignore"):
            out = base.astype(dtype)
            out[mask] = edges[rng.integers(0, len(edges), mask.sum())].astype(dtype)
        return out.reshape(shape)
    real = "float32" if dtype == "complex64" else "float64" if dtype == "complex128" else dtype
    finfo = np.finfo(real)
    edges = np.array(SPECIAL_FLOATS + [float(finfo.smallest_subnormal), float(finfo.max),
                                       float(finfo.tiny)], dtype=np.float64)  # fmt: skip

    def part():
        scale = [1.0, 1.0, 1e-3, 1e3, 1e30][rng.integers(0, 5)]
        base = rng.uniform(-4, 4, n) * scale
        base[mask] = edges[rng.integers(0, len(edges), mask.sum())]
        return base

    with np.errstate(all="ignore"):
        if dtype in COMPLEX:
            out = (part() + 1j * part()).astype(dtype)
        else:
            out = part().astype(dtype)
    return out.reshape(shape)


@st.composite
def values(draw, dtype=None, shape=None, forms=None):
    """A Value: any dtype and shape unless given; drawn in one of several forms."""
    if draw(st.integers(0, 40)) == 0 and dtype is None:
        rows = draw(st.lists(st.lists(st.integers(-2, 3), max_size=3), min_size=2, max_size=3))
        return Value(rows, "ragged")
    dtype = dtype or draw(st.sampled_from(ALL_DTYPES))
    shape = shape if shape is not None else draw(small_shapes())
    seed = draw(st.integers(0, 2**32 - 1))
    special = draw(st.sampled_from([0.0, 0.0, 0.15, 0.5, 1.0]))
    array = random_array(dtype, shape, seed, special)
    choices = forms or (["tensor"] * 4 + ["ndarray", "list"]
                        + (["npscalar", "pyscalar"] if array.ndim == 0 else []))  # fmt: skip
    return Value(array, draw(st.sampled_from(choices)))


def int_vectors(draw, length=None, low=-2, high=5):
    length = draw(st.integers(0, 4)) if length is None else length
    items = [draw(st.one_of(st.integers(low, high), st.integers(low, high),
                            st.sampled_from([2**31, 2**40, -(2**31)]))) for _ in range(length)]  # fmt: skip
    form = draw(st.sampled_from(["list", "list", "tuple", "tensor", "ndarray", "int"]))
    if form == "tuple":
        return tuple(items)
    if form == "int":
        return items[0] if items else 0
    if form in ("tensor", "ndarray"):
        dtype = draw(st.sampled_from(["int32", "int64"]))
        if any(abs(i) >= 2**31 for i in items):
            dtype = "int64"
        array = np.array(items, dtype=dtype)
        if draw(st.integers(0, 6)) == 0:
            array = array.reshape(1, -1)  # not a vector
        return Value(array, form)
    return items
