"""The adjoint identity <JVP(u), v> == <u, VJP(v)> for every golden op case.

No finite differences: forward and reverse rules must agree to rounding, so an
inconsistency between a primitive's JVP and VJP shows up exactly.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

SPEC_DIR = Path(__file__).parent / "golden" / "op_specs"


def _cases():
    for path in sorted(SPEC_DIR.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"tests.golden.op_specs.{path.stem}")
        for case in module.CASES:
            if case.forward:
                yield pytest.param(case, id=f"{path.stem}/{case.name}")


def _leaves(result):
    if isinstance(result, (list, tuple)):
        return [leaf for item in result for leaf in _leaves(item)]
    return [result]


@pytest.mark.parametrize("case", list(_cases()))
def test_jvp_and_vjp_are_adjoint(case):
    arrays = case.build_args()
    diff = [i for i, (a, spec) in enumerate(zip(arrays, case.args))
            if spec.differentiable and a.dtype.kind == "f"]  # fmt: skip
    if not diff:
        pytest.skip("no differentiable argument")
    xs = [tf.constant(a.astype(np.float64) if i in diff else a) for i, a in enumerate(arrays)]
    f = case.function(tf)
    rng = np.random.default_rng(7)
    tangents = [rng.standard_normal(arrays[i].shape) for i in diff]
    sources = [xs[i] for i in diff]

    with tf.autodiff.ForwardAccumulator(sources, [tf.constant(t) for t in tangents]) as acc:
        outputs = [y for y in _leaves(f(*xs)) if y.dtype.is_floating]
    if not outputs:
        pytest.skip("no floating output")
    jvps = acc.jvp(outputs, unconnected_gradients="zero")
    cotangents = [rng.standard_normal(y.shape.as_list()) for y in outputs]

    with tf.GradientTape() as tape:
        tape.watch(sources)
        outputs = [y for y in _leaves(f(*xs)) if y.dtype.is_floating]
    # Each cotangent in its output's dtype (a float32 output takes float32 ones, as in TF).
    seeds = [tf.cast(tf.constant(c), y.dtype) for c, y in zip(cotangents, outputs)]
    vjps = tape.gradient(outputs, sources, output_gradients=seeds,
                         unconnected_gradients="zero")  # fmt: skip

    forward = sum(float(np.sum(np.asarray(j) * c)) for j, c in zip(jvps, cotangents))
    vjps = [tf.convert_to_tensor(g) for g in vjps]  # tf.gather's IndexedSlices densified
    reverse = sum(float(np.sum(np.asarray(g) * t)) for g, t in zip(vjps, tangents))
    exact = all(y.dtype == tf.float64 for y in outputs) and "exact-adjoint" not in case.skip
    tolerance = 1e-9 if exact else 1e-5  # float32 outputs round at ~1e-7
    assert forward == pytest.approx(reverse, rel=tolerance, abs=tolerance)
