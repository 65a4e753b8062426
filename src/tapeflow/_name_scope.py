"""tf.name_scope: the prefix that names variables made inside it.

Eager TensorFlow never makes names unique, so a scope is just a string
stack per thread. A name ending in "/" is absolute and replaces the stack.

>>> import tapeflow as tf
>>> with tf.name_scope("outer"):
...     with tf.name_scope("inner") as scope:
...         print(scope, tf.Variable(1.0, name="w").name)
outer/inner/ outer/inner/w:0
"""

from __future__ import annotations

import threading

__all__ = ["get_current_name_scope", "name_scope"]

_local = threading.local()


def current_scope() -> str:
    """The active prefix, "" outside every scope.

    >>> import tapeflow as tf
    >>> from tapeflow._name_scope import current_scope
    >>> with tf.name_scope("layer"):
    ...     current_scope()
    'layer/'
    """
    return getattr(_local, "scope", "")


class name_scope:  # noqa: N801 (TF's spelling)
    """A context manager that prefixes the names of variables made inside it.

    >>> import tapeflow as tf
    >>> with tf.name_scope("block") as scope:
    ...     scope
    'block/'
    """

    def __init__(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"name for name_scope must be a string, got {name!r}")
        self._name = name
        self._saved: list[str] = []

    @property
    def name(self) -> str:
        """The name this scope was made with.

        >>> import tapeflow as tf
        >>> tf.name_scope("block").name
        'block'
        """
        return self._name

    def __enter__(self) -> str:
        outer = current_scope()
        self._saved.append(outer)
        if not self._name:
            scope = ""
        elif self._name.endswith("/"):
            scope = self._name
        else:
            scope = outer + self._name + "/"
        _local.scope = scope
        return scope

    def __exit__(self, *exc_info) -> None:
        _local.scope = self._saved.pop()


def get_current_name_scope() -> str:
    """The active scope without its trailing "/" ("" at top level).

    >>> import tapeflow as tf
    >>> with tf.name_scope("a"):
    ...     with tf.name_scope("b"):
    ...         tf.get_current_name_scope()
    'a/b'
    """
    return current_scope().rstrip("/")
