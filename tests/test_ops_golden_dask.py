"""The golden op suite on Dask-backed inputs (issue 13).

Every golden case runs with its arguments, output weights and tangents held
as chunked Dask arrays. A case either matches TensorFlow's stored values,
gradients, second-order gradients and JVPs within the case's tolerances, or
its op cannot be lazy: then it is listed in ``golden/dask_not_lazy.json``
(shown in docs/ops.md) and must raise UnimplementedError or
InvalidArgumentError naming Dask, never give a wrong or a NumPy answer.

By default every 10th case runs (the suite's time budget); set
``TAPEFLOW_DASK_GOLDEN=all`` to run them all. Regenerate the list with
``PYTHONPATH=src python -m tests.test_ops_golden_dask``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden.opcases import evaluate
from tests.test_ops_golden import ALL_CASES, _compare

da = pytest.importorskip("dask.array", reason="the `dask` extra (dask[array]) is not installed")

NOT_LAZY_FILE = Path(__file__).parent / "golden" / "dask_not_lazy.json"
STRIDE = 1 if os.environ.get("TAPEFLOW_DASK_GOLDEN") == "all" else 10


def lift(array):
    """A Dask array of ``array`` cut in two chunks along every axis longer than 1."""
    array = np.asarray(array)
    return da.from_array(array, chunks=tuple(max(1, (n + 1) // 2) for n in array.shape))


def _not_lazy() -> dict:
    return json.loads(NOT_LAZY_FILE.read_text())["cases"]


def _run(case, golden):
    got = evaluate(case, tf, lift)
    for kind in ("value", "grad", "grad2", "jvp"):
        if kind in golden and kind not in case.skip:
            _compare(kind, got[kind], golden[kind], case)


CASES = [p for p in ALL_CASES if p.values[1] is not None][::STRIDE]


@pytest.mark.parametrize(("case", "golden"), CASES)
def test_golden_case_on_dask(case, golden):
    reason = _not_lazy().get(case.name)
    if reason is None:
        try:
            _run(case, golden)
        except tf.errors.UnimplementedError as error:
            # Dask's square-chunked solve calls SciPy, which the test extra does not install.
            if "No module named 'scipy'" in str(error):
                pytest.skip("dask's linear solve needs scipy, which is not installed")
            raise
        return
    with pytest.raises((tf.errors.UnimplementedError, tf.errors.InvalidArgumentError)) as info:
        _run(case, golden)
    assert "dask" in str(info.value)


def _survey() -> dict:
    found = {}
    for param in ALL_CASES:
        case, golden = param.values
        if golden is None:
            continue
        try:
            _run(case, golden)
        except (tf.errors.UnimplementedError, tf.errors.InvalidArgumentError) as error:
            found[case.name] = _reason(str(error))
    return found


MIXING = (
    "inputs of two libraries: a NumPy array (a constant of the case, or one a rule makes) "
    "meets the Dask data"
)


def _reason(text: str) -> str:
    """ "Op: why" from a named error: the op, and the cause the error gives."""
    op = text[text.rfind("[Op:") + 4 : text.rfind("]")]
    if "two libraries" in text:
        return f"{op}: {MIXING}"
    cause = text[text.find(" (") + 2 : text.find("); docs/ops.md")] if " (" in text else text
    cause = cause.split(", array(")[0].split("\n")[0]  # no data values in the reason
    return f"{op}: {cause[:160]}"


if __name__ == "__main__":
    cases = _survey()
    NOT_LAZY_FILE.write_text(json.dumps({"cases": cases}, indent=0, sort_keys=True) + "\n")
    print(f"{len(cases)} cases cannot be lazy")
