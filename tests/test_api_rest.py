"""The rest of tf and tf.math (issue 12, lane apirest) against TensorFlow's recorded
behaviour: bad input (classes and texts), gradients TF leaves None or refuses, and
the non-differentiable names' outputs. ``tests/golden/api_rest_snippets.py`` holds
the programs, ``api_rest.json`` what TensorFlow 2.21 printed
(``make_snippets_golden.py api_rest`` under the TF virtualenv). Values and
gradients of the differentiable names are in the op golden suite
(``tests/golden/op_specs/special_incomplete.py``)."""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _load(module_name: str):
    path = GOLDEN_DIR / f"{module_name}.py"
    spec = importlib.util.spec_from_file_location(f"_golden_{module_name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
SNIPPETS = _load("api_rest_snippets").SNIPPETS
GOLDEN = json.loads((GOLDEN_DIR / "api_rest.json").read_text(encoding="utf-8"))


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN["cases"]) == sorted(SNIPPETS), (
        "api_rest.json is out of date; rerun tests/golden/make_snippets_golden.py api_rest"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    import tapeflow

    expected = GOLDEN["cases"][name]
    actual = harness.run_snippet(SNIPPETS[name], tapeflow, "tapeflow")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "tensorflow", "tapeflow"))  # fmt: skip
        pytest.fail(f"{name} differs from TensorFlow:\n{diff}", pytrace=False)


def test_sobol_sample_beyond_the_stored_dimensions_says_so():
    import tapeflow as tf

    assert tf.math.sobol_sample(1111, 1).shape == (1, 1111)
    with pytest.raises(tf.errors.UnimplementedError, match="dim <= 1111"):
        tf.math.sobol_sample(1112, 1)
