"""Warnings that TensorFlow logs, each at most N times per calling line of user code."""

from __future__ import annotations

import sys

_counts: dict[tuple, int] = {}
_logger = None


def logger():
    """The ``tapeflow`` logger; lines read ``WARNING:tapeflow:<message>`` on stderr."""
    global _logger
    if _logger is None:
        import logging

        _logger = logging.getLogger("tapeflow")
        if not _logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
            _logger.addHandler(handler)
            _logger.propagate = False
    return _logger


def warn_first_n(limit: int, message: str, depth: int = 2) -> None:
    """Log ``message`` unless this call site (``depth`` frames up) has done so ``limit`` times."""
    frame = sys._getframe(depth)
    site = (frame.f_code.co_filename, frame.f_lineno, message.split(",")[0][:60])
    count = _counts.get(site, 0)
    if count < limit:
        _counts[site] = count + 1
        logger().warning(message)
