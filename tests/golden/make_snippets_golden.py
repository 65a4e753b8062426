"""Record TensorFlow's output for every snippet of a suite into ``<suite>.json``.

Suites: ``behaviour`` (``behaviour_snippets.py``: values, tapes, variables, errors)
and ``advanced`` (``advanced_snippets.py``: jacobians, custom gradients,
recompute_grad and the programs of TF's advanced autodiff guide). Runs only
under a virtualenv with real TensorFlow (never a dependency of tapeflow):

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_snippets_golden.py behaviour advanced

Any other ``<suite>_snippets.py`` is recorded the same way by naming it
(``control_flow``, ``debugging``, ``linop``, ``hardening``, ``image_ops``...).

With ``--check`` every snippet runs twice (the second time in reverse order) to
report any snippet whose output changed (a snippet must not depend on addresses,
timing or on which snippets ran before it); nothing is written then. Commit the
regenerated JSON together with the snippet change.

Three normalizations are applied to TensorFlow's output. AutoGraph's "could
not transform <function <lambda> at 0x...>" notice (map_fn converts its
function even eagerly, and a snippet's lambdas have no source file) is
removed, and so is TensorArray's "Object was never used" report (logged
whenever the garbage collector drops an array an interrupted loop left). The ``... triggered tf.function retracing ...`` warnings are removed. TensorFlow builds a
tf.function per jacobian call and warns once a process has made several; the
warning names memory addresses and depends on how many jacobians earlier
snippets computed, and tapeflow has no tf.function to retrace.
"""

from __future__ import annotations

import difflib
import importlib
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy  # noqa: E402
import tensorflow as tf  # noqa: E402
from harness import run_snippet  # noqa: E402

SUITES = ("behaviour", "advanced")


# AutoGraph's notice that it could not convert a lambda of a snippet (which has
# no source file) and runs it as-is: four lines naming a memory address.
_AUTOGRAPH_NOTICE = re.compile(
    r"WARNING: AutoGraph could not transform .*\n.*\n.*\nTo silence this warning, .*\n"
)


# TensorArray's "Object was never used" report, logged when the garbage collector
# happens to drop a TensorArray an interrupted loop left behind (timing, addresses).
_NEVER_USED = re.compile(r"ERROR: =+\nObject was never used .*?\n=+\n", re.DOTALL)


def _normalized(text: str) -> str:
    text = _NEVER_USED.sub("", _AUTOGRAPH_NOTICE.sub("", text))
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines
                   if not (line.startswith("WARNING: ")
                           and "triggered tf.function retracing" in line))  # fmt: skip


def run_all(snippets: dict, names) -> dict:
    return {name: _normalized(run_snippet(snippets[name], tf, "tensorflow")) for name in names}


def make(suite: str, check: bool) -> int:
    snippets = importlib.import_module(f"{suite}_snippets").SNIPPETS
    names = list(snippets)
    cases = run_all(snippets, names)
    if check:
        again = run_all(snippets, reversed(names))
        changed = [name for name in names if cases[name] != again[name]]
        for name in changed:
            sys.stdout.writelines(difflib.unified_diff(
                cases[name].splitlines(True), again[name].splitlines(True),
                f"{name} (first run)", f"{name} (reversed run)"))  # fmt: skip
        print(f"{suite}: {len(names)} snippets, {len(changed)} not reproducible")
        return 1 if changed else 0
    document = {"tensorflow_version": tf.__version__, "numpy_version": numpy.__version__,
                "cases": cases}  # fmt: skip
    output = HERE / f"{suite}.json"
    output.write_text(json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    uncaught = sorted(name for name, text in cases.items() if "UNCAUGHT " in text)
    print(f"{suite}: wrote {len(cases)} cases to {output}")
    if uncaught:
        print("snippets with an uncaught exception:", ", ".join(uncaught))
    return 0


def main(argv: list[str]) -> int:
    tf.get_logger()  # create TF's logger (and its stderr handler) before capturing
    suites = [a for a in argv if not a.startswith("--")] or list(SUITES)
    return max(make(suite, "--check" in argv) for suite in suites)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
