"""Names of a namespace that load their module on first use, so that ``import tapeflow``
stays close to ``import numpy`` however many rarely used ops a namespace offers."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_getattr(package: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``table`` maps a name to the module
    (relative to ``package``) that defines it; the value is cached in the namespace.

    >>> import tapeflow as tf
    >>> getattr_ = lazy_getattr("tapeflow.math", {"sobol_sample": "._sobol"})
    >>> getattr_("sobol_sample") is tf.math.sobol_sample
    True
    """

    def __getattr__(name: str) -> Any:
        where = table.get(name)
        if where is None:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        value = getattr(importlib.import_module(where, package), name)
        sys.modules[package].__dict__[name] = value
        return value

    return __getattr__
