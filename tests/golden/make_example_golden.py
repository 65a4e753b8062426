"""Record what examples/gradient_tape_basics.py prints under real TensorFlow.

Runs ONLY under the TensorFlow reference virtualenv.  From the repository root:

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_example_golden.py

It runs the example with its ``import tapeflow as tf`` line replaced by
``import tensorflow as tf`` and writes the captured stdout to
``tests/golden/gradient_tape_basics.expected.txt`` (compared by
``tests/test_examples.py``).  Rerun it whenever the example changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gradient_tape_basics.py"
EXPECTED = Path(__file__).resolve().parent / "gradient_tape_basics.expected.txt"
IMPORT_LINE = "import tapeflow as tf\n"


def main() -> int:
    source = EXAMPLE.read_text(encoding="utf-8")
    if source.count(IMPORT_LINE) != 1:
        sys.exit(f"expected exactly one line {IMPORT_LINE!r} in {EXAMPLE}")
    source = source.replace(IMPORT_LINE, "import tensorflow as tf\n")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [sys.executable, "-c", source],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        return result.returncode
    EXPECTED.write_text(result.stdout, encoding="utf-8")
    print(f"wrote {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
