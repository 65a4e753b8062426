"""Record TensorFlow's output for every behaviour snippet into behaviour.json.

Runs ONLY under the TensorFlow reference virtualenv (TensorFlow is never a
dependency of tapeflow or of its tests).  From the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_behaviour_golden.py

Add ``--check`` to run every snippet a second time, in reverse order, and
report any snippet whose output changed (a snippet must not depend on
addresses, timing or on which snippets ran before it); nothing is written
then.  Rerun without flags after editing ``behaviour_snippets.py`` and commit
the regenerated ``behaviour.json`` together with the snippet change.
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
from behaviour_snippets import SNIPPETS  # noqa: E402
from harness import run_snippet  # noqa: E402

OUTPUT = HERE / "behaviour.json"


def run_all(names):
    return {name: run_snippet(SNIPPETS[name], tf, "tensorflow") for name in names}


def main(argv: list[str]) -> int:
    tf.get_logger()  # create TF's logger (and its stderr handler) before capturing
    names = list(SNIPPETS)
    cases = run_all(names)
    if "--check" in argv:
        again = run_all(reversed(names))
        changed = [name for name in names if cases[name] != again[name]]
        for name in changed:
            sys.stdout.writelines(difflib.unified_diff(
                cases[name].splitlines(True), again[name].splitlines(True),
                f"{name} (first run)", f"{name} (reversed run)"))
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
