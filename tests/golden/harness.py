"""Run small behaviour snippets and capture what a user would observe.

The same snippet source is run twice in the life of this project:

* once under real TensorFlow (``make_snippets_golden.py``, TF venv only), to
  record the expected output in ``behaviour.json``;
* once under tapeflow (``tests/test_snippets_golden.py``), to compare.

This module must stay importable without TensorFlow: it only needs NumPy and
the standard library.

Captured text = everything the snippet prints to stdout, interleaved in order
with the WARNING (and higher) records sent to the library's logger, each
written as ``LEVELNAME: message``.  An exception that escapes the snippet is
appended as ``UNCAUGHT ClassName: message``.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re

import numpy

__all__ = ["normalize_message", "show_error", "run_snippet"]

# "{{function_node __wrapped__Mul_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
_FUNCTION_NODE = re.compile(r"\{\{function_node [^}]*\}\}\s?")
# oneDNN kernels are named _MklMatMul / __MklMatMul etc.; the stable name drops the prefix.
_MKL_PREFIX = re.compile(r"_*Mkl(?=[A-Z])")
# Default object reprs: "<foo.Bar object at 0x7f3a...>".
_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")

# Every run compiles its snippet under a fresh file name.  Libraries that
# throttle warnings per call site (file, line) then count each run on its own,
# so the result of a snippet never depends on which snippets ran before it.
_run_ids = itertools.count()


def normalize_message(text: str) -> str:
    """Remove platform-specific noise from an exception message."""
    text = _FUNCTION_NODE.sub("", text)
    text = _MKL_PREFIX.sub("", text)
    return _ADDRESS.sub("at 0x?", text)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {normalize_message(str(exc))}"


def show_error(exc: BaseException) -> None:
    """Print ``ClassName: normalized message`` for a caught exception."""
    print(_describe(exc))


class _CaptureHandler(logging.Handler):
    def __init__(self, stream: io.StringIO):
        super().__init__(level=logging.NOTSET)
        self._stream = stream
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self._stream.write(self.format(record) + "\n")


def run_snippet(source: str, tf_module, logger_name: str) -> str:
    """Execute ``source`` with ``tf`` bound to ``tf_module``; return the captured text."""
    buffer = io.StringIO()
    logger = logging.getLogger(logger_name)
    saved_handlers = list(logger.handlers)
    saved_propagate = logger.propagate
    capture = _CaptureHandler(buffer)
    # Only our handler sees the records while the snippet runs: nothing goes
    # to stderr through the library's own handler or through the root logger.
    for handler in saved_handlers:
        logger.removeHandler(handler)
    logger.addHandler(capture)
    logger.propagate = False

    snippet_globals = {
        "tf": tf_module,
        "np": numpy,
        "show_error": show_error,
        "__name__": "__snippet__",
    }
    try:
        code = compile(source, f"<snippet-{next(_run_ids)}>", "exec")
        with contextlib.redirect_stdout(buffer):
            try:
                exec(code, snippet_globals)
            except Exception as exc:  # noqa: BLE001 - recorded as output
                print("UNCAUGHT " + _describe(exc))
    finally:
        logger.removeHandler(capture)
        for handler in saved_handlers:
            logger.addHandler(handler)
        logger.propagate = saved_propagate
    return buffer.getvalue()
