"""Every golden op case: tapeflow's values, gradients, second-order gradients and
JVPs against TensorFlow's (stored data), and check_grads in float64 to order 2."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow.test import check_grads
from tests.golden.opcases import evaluate, load_golden

SPEC_DIR = Path(__file__).parent / "golden" / "op_specs"
FAMILIES = sorted(p.stem for p in SPEC_DIR.glob("*.py") if not p.stem.startswith("_"))


def _cases():
    for family in FAMILIES:
        module = importlib.import_module(f"tests.golden.op_specs.{family}")
        golden_file = SPEC_DIR.parent / f"ops_{family}.json"
        golden = load_golden(family)["cases"] if golden_file.exists() else {}
        for case in module.CASES:
            yield pytest.param(case, golden.get(case.name), id=f"{family}/{case.name}")


ALL_CASES = list(_cases())


def _compare(kind, got, want, case):
    assert len(got) == len(want), f"{kind}: {len(got)} results, TensorFlow has {len(want)}"
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None or g is None:
            assert g is None and w is None, f"{kind}[{i}]: tapeflow {g!r}, TensorFlow {w!r}"
            continue
        np.testing.assert_allclose(
            np.asarray(g, dtype=np.complex128 if np.iscomplexobj(g) else np.float64),
            np.asarray(w, dtype=np.complex128 if np.iscomplexobj(w) else np.float64),
            rtol=case.rtol, atol=case.atol, equal_nan=True, err_msg=f"{kind}[{i}]",
        )  # fmt: skip


@pytest.mark.parametrize(("case", "golden"), ALL_CASES)
def test_matches_tensorflow(case, golden):
    if golden is None and {"value", "grad", "grad2", "jvp"} <= set(case.skip):
        pytest.skip(case.note or "checked by check_grads only")
    if golden is None:
        pytest.fail(f"no golden data for {case.name}: run tests/golden/make_ops_golden.py")
    got = evaluate(case, tf)
    assert got["dtype"] == golden["dtype"]
    assert got["shape"] == golden["shape"]
    for kind in ("value", "grad", "grad2", "jvp"):
        if kind in golden and kind not in case.skip:
            assert kind in got, f"{kind} missing"
            _compare(kind, got[kind], golden[kind], case)


@pytest.mark.parametrize(("case", "golden"), ALL_CASES)
def test_check_grads_float64(case, golden):
    if not case.check_grads:
        pytest.skip(case.note or "check_grads off for this case")
    arrays = case.build_args()
    diff = [i for i, (a, spec) in enumerate(zip(arrays, case.args))
            if spec.differentiable and a.dtype.kind == "f"]  # fmt: skip
    if not diff:
        pytest.skip("no differentiable argument")
    f = case.function(tf)

    def of_differentiable(*values):
        args = [tf.constant(a) for a in arrays]
        for i, v in zip(diff, values):
            args[i] = v
        return f(*args)

    modes = ("fwd", "rev") if case.forward else ("rev",)
    check_grads(of_differentiable, [arrays[i].astype(np.float64) for i in diff],
                order=min(case.check_order, 2 if case.second_order else 1),
                modes=modes)  # fmt: skip
