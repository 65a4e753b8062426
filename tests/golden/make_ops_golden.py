"""Write TensorFlow's results for the golden op cases: ``tests/golden/ops_<family>.json``.

Runs only where real TensorFlow is installed (a separate virtualenv; never a
dependency of tapeflow or its tests):

    TF_CPP_MIN_LOG_LEVEL=3 /path/to/tf-venv/bin/python tests/golden/make_ops_golden.py [family ...]

A family is a module ``tests/golden/op_specs/<family>.py`` defining ``CASES``, a
list of ``OpCase``. Without arguments every family is regenerated.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))

import tensorflow as tf  # noqa: E402

from tests.golden.opcases import evaluate, save_golden  # noqa: E402


def families() -> list[str]:
    return sorted(p.stem for p in (HERE / "op_specs").glob("*.py") if not p.stem.startswith("_"))


def main(names: list[str]) -> None:
    for family in names or families():
        module = importlib.import_module(f"tests.golden.op_specs.{family}")
        results = {}
        for case in module.CASES:
            if {"value", "grad", "grad2", "jvp"} <= set(case.skip):
                continue  # checked by check_grads only: TF cannot differentiate it
            try:
                results[case.name] = evaluate(case, tf)
            except Exception as error:  # a case TF cannot run is a bug in the case table
                raise SystemExit(
                    f"{family}/{case.name}: {type(error).__name__}: {error}"
                ) from error
        meta = {"tensorflow": tf.__version__, "numpy": np.__version__}
        save_golden(family, results, meta)
        print(f"{family}: {len(results)} cases")


if __name__ == "__main__":
    main(sys.argv[1:])
