"""List TensorFlow 2.21's public names per namespace into ``api_names.json``.

Runs only under a virtualenv with real TensorFlow (never a dependency):

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/golden/make_api_names.py

A namespace's names are its public attributes that are not modules (submodules
such as ``tf.math.special`` are namespaces of their own, not counted here).
Each name is stored with its kind: ``class``, ``function`` (any other callable)
or ``value`` (dtypes, constants). ``tests/test_api_coverage.py`` compares
tapeflow with this file.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
import types
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

NAMESPACES = (
    "tf", "tf.math", "tf.linalg", "tf.nn", "tf.random", "tf.signal", "tf.bitwise",
    "tf.nest", "tf.image", "tf.config", "tf.errors", "tf.dtypes", "tf.test",
)  # fmt: skip
OUT = Path(__file__).resolve().parent / "api_names.json"


def kind(value) -> str:
    if inspect.isclass(value):
        return "class"
    return "function" if callable(value) else "value"


def names_of(path: str) -> dict[str, str]:
    module = tf
    for part in path.split(".")[1:]:
        module = getattr(module, part)
    return {
        name: kind(getattr(module, name))
        for name in sorted(dir(module))
        if not name.startswith("_") and not isinstance(getattr(module, name), types.ModuleType)
    }


def main() -> None:
    data = {
        "meta": {"tensorflow": tf.__version__, "python": sys.version.split()[0]},
        "namespaces": {path: names_of(path) for path in NAMESPACES},
    }
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    for path, names in data["namespaces"].items():
        print(f"{path}: {len(names)} names")


if __name__ == "__main__":
    main()
