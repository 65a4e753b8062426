"""Record TensorFlow's stdout and stderr for every tf.function snippet into function.json.

Runs only under a virtualenv with real TensorFlow (never a dependency):

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfref/bin/python tests/golden/make_function_golden.py [SUITE]

SUITE (default ``function``) names ``SUITE_snippets.py``, recorded into
``SUITE.json``: ``function`` and ``function_more`` (value-reading ops, loops with
``else``, returns in loops, forward mode through loop and cond nodes).

tf.print writes from C++, so each snippet runs with file descriptors 1 and 2
redirected to temporary files (Python's stdout is made write-through so the
order of Python and C++ output is kept). TensorFlow's own log lines on stderr
(absl/oneDNN notices, Python logging warnings such as the retracing warning)
are dropped.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import linecache
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy  # noqa: E402
import tensorflow as tf  # noqa: E402
from harness import normalize_message  # noqa: E402

_LIBC = ctypes.CDLL(None)
_NOISE = ("WARNING:", "I0000", "W0000", "E0000")


def show_error(exc: BaseException) -> None:
    print(f"{type(exc).__name__}: {normalize_message(str(exc))}")


def show_last(exc: BaseException) -> None:
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    print(f"{type(exc).__name__}: {normalize_message(lines[-1] if lines else '')}")


def capture(source: str, name: str) -> dict:
    sys.stdout.flush()
    sys.stderr.flush()
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    saved = os.dup(1), os.dup(2)
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    sys.stdout.reconfigure(line_buffering=True, write_through=True)
    namespace = {"tf": tf, "np": numpy, "sys": sys, "show_error": show_error,
                 "show_last": show_last}  # fmt: skip
    filename = f"<snippet {name}>"
    # AutoGraph reads the source of the functions it converts: let inspect find it.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec"), namespace)  # noqa: S102
    except Exception as exc:  # noqa: BLE001
        print(f"UNCAUGHT {type(exc).__name__}: {normalize_message(str(exc))}")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        _LIBC.fflush(None)
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        tf.config.run_functions_eagerly(False)
    out.seek(0)
    err.seek(0)
    stderr = "".join(line for line in err.read().decode().splitlines(keepends=True)
                     if not line.startswith(_NOISE))  # fmt: skip
    return {"stdout": out.read().decode(), "stderr": stderr}


def main(argv: list[str]) -> int:
    suite = argv[0] if argv else "function"
    snippets = importlib.import_module(f"{suite}_snippets").SNIPPETS
    cases = {name: capture(source, name) for name, source in snippets.items()}
    data = {
        "tensorflow_version": tf.__version__,
        "numpy_version": numpy.__version__,
        "cases": cases,
    }
    (HERE / f"{suite}.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(cases)} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
