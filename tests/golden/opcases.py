"""Golden op cases: one evaluation routine, run under TensorFlow and under tapeflow.

An ``OpCase`` names a function of tensors written against the TensorFlow API
(source text, evaluated with ``tf`` bound to either library) and its arguments.
``evaluate(case, tf)`` computes, with the library given:

* ``value``: every output (numpy arrays, with dtypes);
* ``grad``: the gradient of sum_k <w_k, y_k> w.r.t. each differentiable argument
  (None stays None: gradient conventions are part of the contract);
* ``grad2``: the gradient of sum_i <u_i, grad_i> (second order, reverse over reverse);
* ``jvp``: forward-mode JVPs of every output along tangents t_i.

w, u and t come from a generator seeded by the case name, so both runs see the
same numbers. ``make_ops_golden.py`` (TensorFlow venv only) stores TensorFlow's
results as JSON; ``tests/test_ops_golden.py`` compares tapeflow's with them.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from pathlib import Path

import numpy as np

GOLDEN_DIR = Path(__file__).parent


@dataclasses.dataclass
class Arg:
    """An argument: a literal value, or random values of ``shape`` in [low, high)."""

    shape: tuple = ()
    low: float = -2.0
    high: float = 2.0
    dtype: str = "float64"
    value: object = None  # a literal (list or number); overrides shape/low/high
    differentiable: bool = True  # False for indices, labels given as ints, masks...

    def build(self, rng: np.random.Generator) -> np.ndarray:
        if self.value is not None:
            return np.asarray(self.value, dtype=self.dtype)
        if self.dtype.startswith(("int", "uint")):
            return rng.integers(int(self.low), int(self.high), size=self.shape).astype(self.dtype)
        if self.dtype == "bool":
            return rng.random(self.shape) < 0.5
        return rng.uniform(self.low, self.high, size=self.shape).astype(self.dtype)


@dataclasses.dataclass
class OpCase:
    """One golden case. ``fn`` is source text like ``"lambda x: tf.math.sin(x)"``."""

    name: str
    fn: str
    args: list
    second_order: bool = True  # False where TF has no second derivative (or it is noise)
    forward: bool = True  # False where TF's forward mode cannot run the op
    check_grads: bool = True  # run tapeflow.test.check_grads in float64 on this case
    check_order: int = (
        2  # 1 where TF's second derivative (which tapeflow gives) is not the true one
    )
    rtol: float = 1e-5
    atol: float = 1e-6
    note: str = ""  # why a flag is off, or a documented deviation
    skip: tuple = ()  # result kinds not compared with TF (documented deviations, see note)

    def seed(self) -> int:
        return zlib.crc32(self.name.encode())

    def build_args(self) -> list[np.ndarray]:
        rng = np.random.default_rng(self.seed())
        return [arg.build(rng) for arg in self.args]

    def function(self, tf):
        return eval(self.fn, {"tf": tf, "np": np})  # noqa: S307 - our own case table


def _leaves(result) -> list:
    if isinstance(result, (list, tuple)):
        out = []
        for item in result:
            out.extend(_leaves(item))
        return out
    if isinstance(result, dict):
        return [v for k in sorted(result) for v in _leaves(result[k])]
    return [result]


def _is_float(array) -> bool:
    return np.asarray(array).dtype.kind in "fc"


def _numpy_or_none(value):
    if value is None:
        return None
    if hasattr(value, "values") and hasattr(value, "indices"):  # IndexedSlices: densified
        if value.__class__.__module__.startswith("tapeflow"):
            import tapeflow as lib
        else:
            import tensorflow as lib  # only reached under TensorFlow

        value = lib.convert_to_tensor(value)
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value)


def evaluate(case: OpCase, tf, lift=None) -> dict:
    """Value, gradients, second-order gradients and JVPs of ``case`` under ``tf``.

    ``lift`` (an array -> array function, say a Dask wrapper) is applied to every
    array the tensors are made of: arguments, output weights, tangents.
    """
    lift = lift or (lambda a: a)
    arrays = case.build_args()
    xs = [tf.constant(lift(a)) for a in arrays]
    diff = [i for i, (a, spec) in enumerate(zip(arrays, case.args))
            if spec.differentiable and _is_float(a)]  # fmt: skip
    sources = [xs[i] for i in diff]
    f = case.function(tf)
    rng = np.random.default_rng(case.seed() + 1)

    with tf.GradientTape(persistent=True) as outer:
        outer.watch(sources)
        with tf.GradientTape() as inner:
            inner.watch(sources)
            outputs = _leaves(f(*xs))
        values = [_numpy_or_none(y) for y in outputs]
        float_outputs = [y for y, v in zip(outputs, values) if _is_float(v)]
        weights = [rng.standard_normal(np.shape(v)).astype(np.asarray(v).dtype)
                   for v in values if _is_float(v)]  # fmt: skip
        grads = (inner.gradient(float_outputs, sources,
                                output_gradients=[tf.constant(lift(w)) for w in weights])
                 if float_outputs and sources else [None] * len(sources))  # fmt: skip
        directions = [rng.standard_normal(np.shape(arrays[i])).astype(arrays[i].dtype)
                      for i in diff]  # fmt: skip
        connected = [(g, u) for g, u in zip(grads, directions) if g is not None]
        if case.second_order and connected:
            total = tf.add_n([tf.reduce_sum(tf.convert_to_tensor(g) * lift(u))
                             for g, u in connected])  # fmt: skip
    result = {
        "value": [None if v is None else v.tolist() for v in values],
        "dtype": [None if v is None else str(np.asarray(v).dtype) for v in values],
        "shape": [None if v is None else list(np.shape(v)) for v in values],
        "grad": [None if g is None else _numpy_or_none(g).tolist() for g in grads],
    }
    if case.second_order and connected:
        second = outer.gradient(total, sources)
        result["grad2"] = [None if s is None else _numpy_or_none(s).tolist() for s in second]
    del outer

    if case.forward and sources:
        tangents = [tf.constant(lift(rng.standard_normal(np.shape(arrays[i]))
                                     .astype(arrays[i].dtype)))
                    for i in diff]  # fmt: skip
        with tf.autodiff.ForwardAccumulator(sources, tangents) as acc:
            outputs = _leaves(f(*xs))
        jvps = [acc.jvp(y) for y, v in zip(outputs, values) if _is_float(v)]
        result["jvp"] = [None if j is None else _numpy_or_none(j).tolist() for j in jvps]
    return result


def load_golden(family: str) -> dict:
    with open(GOLDEN_DIR / f"ops_{family}.json") as handle:
        return json.load(handle)


def save_golden(family: str, results: dict, meta: dict) -> None:
    with open(GOLDEN_DIR / f"ops_{family}.json", "w") as handle:
        json.dump({"meta": meta, "cases": results}, handle, indent=0, sort_keys=True)
        handle.write("\n")
