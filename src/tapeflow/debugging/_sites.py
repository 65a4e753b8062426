"""Where in the user's code something happened: the first frame outside tapeflow."""

from __future__ import annotations

import os
import sys
import types
from typing import NamedTuple

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class Site(NamedTuple):
    """A line of user code: file, line number and function name."""

    filename: str
    lineno: int
    function: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.lineno} (in {self.function})"


# code object -> whether it belongs to tapeflow: modes that note a site per op walk
# the same few frames again and again.
_internal: dict = {}


def user_site(depth: int = 1) -> Site | None:
    """The innermost calling frame whose file is not part of tapeflow itself."""
    frame: types.FrameType | None = sys._getframe(depth)
    internal = _internal
    while frame is not None:
        code = frame.f_code
        inside = internal.get(code)
        if inside is None:
            inside = internal[code] = code.co_filename.startswith(_PACKAGE_DIR)
        if not inside:
            return Site(code.co_filename, frame.f_lineno, code.co_name)
        frame = frame.f_back
    return None
