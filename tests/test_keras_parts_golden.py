"""Keras 3's optimizers, schedules, losses, metrics and activations: values recorded from TF 2.21.

``tests/golden/keras_parts.json`` was written by ``make_keras_parts_golden.py``
(TF virtualenv) from the cases in ``keras_parts_cases.py``; here the same
cases run on tapeflow. Optimizer and schedule cases must agree bit for bit
(float32); the rest to float32 rounding (reductions may sum in another order).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
_spec = importlib.util.spec_from_file_location(
    "_keras_parts_cases", GOLDEN_DIR / "keras_parts_cases.py"
)
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)
GOLDEN = json.loads((GOLDEN_DIR / "keras_parts.json").read_text(encoding="utf-8"))["cases"]


def _compare(expected, actual, exact: bool, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict) and sorted(expected) == sorted(actual), where
        for key in expected:
            _compare(expected[key], actual[key], exact, f"{where}/{key}")
    elif isinstance(expected, str) or expected is None or isinstance(expected, bool):
        assert actual == expected, where
    elif isinstance(expected, list) and any(isinstance(e, (list, dict)) for e in expected):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for i, (e, a) in enumerate(zip(expected, actual)):
            _compare(e, a, exact, f"{where}[{i}]")
    else:
        want = np.asarray(expected, dtype=np.float64)
        got = np.asarray(actual, dtype=np.float64)
        assert want.shape == got.shape, f"{where}: shape {got.shape} != {want.shape}"
        if exact:
            np.testing.assert_array_equal(
                got.astype(np.float32), want.astype(np.float32), err_msg=where
            )
        else:
            np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-7, err_msg=where)


def test_golden_covers_every_case():
    assert sorted(GOLDEN) == sorted(cases.CASES)


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_keras_parts_match_tensorflow(name):
    recorded = GOLDEN[name]
    assert "value" in recorded, recorded
    actual = cases.CASES[name](tf)
    _compare(recorded["value"], actual, name in cases.EXACT, name)
