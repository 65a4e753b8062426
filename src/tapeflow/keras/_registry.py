"""Keras's ``get(identifier)``: a name, a ``{"class_name", "config"}`` dict, or an object.

>>> from tapeflow.keras._registry import resolve
>>> resolve("things", {"two": 2}, "two")
2
"""

from __future__ import annotations

from typing import Any


def resolve(kind: str, table: dict, identifier: Any, *, instantiate: bool = False) -> Any:
    """Look ``identifier`` up in ``table`` (lower-case names and class names).

    ``kind`` names the thing in error messages ("optimizer", "loss", ...). A
    dict is Keras's serialized form; a string names an entry (classes are
    instantiated with defaults when ``instantiate``); a callable or object
    passes through.

    >>> resolve("things", {"Two": int}, {"class_name": "Two", "config": {}})
    0
    >>> resolve("things", {"two": 2}, abs)  # a callable passes through
    <built-in function abs>
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        name = identifier.get("class_name")
        config = identifier.get("config", {})
        target = _find(table, name) if isinstance(name, str) else None
        if target is None or not isinstance(config, dict):
            raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
        if isinstance(target, type):
            from_config = getattr(target, "from_config", None)
            return from_config(dict(config)) if from_config else target(**config)
        return target
    if isinstance(identifier, str):
        target = _find(table, identifier)
        if target is None:
            raise ValueError(f"Could not interpret {kind} identifier: {identifier}")
        if instantiate and isinstance(target, type):
            return target()
        return target
    if callable(identifier) or not isinstance(identifier, (int, float, bool)):
        return identifier
    raise ValueError(f"Could not interpret {kind} identifier: {identifier}")


def _find(table: dict, name: str) -> Any:
    if name in table:
        return table[name]
    return table.get(name.lower())
