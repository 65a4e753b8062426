"""Record TensorFlow's output for every advanced snippet into advanced.json.

Runs ONLY under the TensorFlow reference virtualenv (TensorFlow is never a
dependency of tapeflow or of its tests).  From the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_advanced_golden.py

Add ``--check`` to run every snippet a second time, in reverse order, and
report any snippet whose output changed; nothing is written then.  Rerun
without flags after editing ``advanced_snippets.py`` and commit the
regenerated ``advanced.json`` together with the snippet change.

One normalization is applied to TensorFlow's output: the
``... triggered tf.function retracing ...`` warnings are removed.  TensorFlow
builds a ``tf.function`` per jacobian call and warns once a process has made
several; the warning names memory addresses and depends on how many jacobians
earlier snippets computed, and tapeflow has no tf.function to retrace.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy  # noqa: E402
import tensorflow as tf  # noqa: E402
from advanced_snippets import SNIPPETS  # noqa: E402
from harness import run_snippet  # noqa: E402

OUTPUT = HERE / "advanced.json"


def _normalized(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines
                   if not (line.startswith("WARNING: ")
                           and "triggered tf.function retracing" in line))  # fmt: skip


def run_all(names):
    return {name: _normalized(run_snippet(SNIPPETS[name], tf, "tensorflow")) for name in names}


def main(argv: list[str]) -> int:
    tf.get_logger()  # create TF's logger (and its stderr handler) before capturing
    names = list(SNIPPETS)
    cases = run_all(names)
    if "--check" in argv:
        again = run_all(reversed(names))
        changed = [name for name in names if cases[name] != again[name]]
        for name in changed:
            sys.stdout.writelines(
                difflib.unified_diff(
                    cases[name].splitlines(True),
                    again[name].splitlines(True),
                    f"{name} (first run)",
                    f"{name} (reversed run)",
                )
            )
        print(f"{len(names)} snippets, {len(changed)} not reproducible")
        return 1 if changed else 0
    document = {
        "tensorflow_version": tf.__version__,
        "numpy_version": numpy.__version__,
        "cases": cases,
    }
    OUTPUT.write_text(json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    uncaught = sorted(name for name, text in cases.items() if "UNCAUGHT " in text)
    print(f"wrote {len(cases)} cases to {OUTPUT}")
    if uncaught:
        print("snippets with an uncaught exception:", ", ".join(uncaught))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
