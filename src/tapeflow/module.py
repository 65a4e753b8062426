"""tf.Module: a container that finds the variables and submodules it holds.

Nothing is registered by hand. A module walks its own attributes (and the
lists, tuples and dicts inside them) when asked, in TensorFlow's order:
attributes by name, a module's own leaves before those of its submodules.

>>> import tapeflow as tf
>>> class Scale(tf.Module):
...     def __init__(self, name=None):
...         super().__init__(name=name)
...         with self.name_scope:
...             self.factor = tf.Variable(2.0, name="factor")
...     def __call__(self, x):
...         return self.factor * x
>>> model = Scale()
>>> [v.name for v in model.trainable_variables]
['scale/factor:0']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from ._name_scope import name_scope
from ._variable import Variable

__all__ = ["Module", "name_scope"]

_VALID_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _snake_case(class_name: str) -> str:
    # "MyDense" -> "my_dense", "HTTPServer2" -> "http_server2" (TF's rule).
    step = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", class_name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", step).lower()


def _leaves_with_paths(value, path: tuple) -> Iterator[tuple]:
    """Leaves of nested lists, tuples and dicts (dicts by sorted key), with paths."""
    if isinstance(value, dict):
        try:
            keys = sorted(value)
        except TypeError as cause:
            raise ValueError(f"Error processing property {path[0]!r} of {value!r}") from cause
        for key in keys:
            yield from _leaves_with_paths(value[key], (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _leaves_with_paths(item, (*path, index))
    else:
        yield path, value


def _walk(module, predicate, recursive, with_path, path, seen, stack) -> Iterator:
    found = []
    for key in sorted(vars(module)):
        for leaf_path, leaf in _leaves_with_paths(vars(module)[key], (key,)):
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (path + leaf_path, leaf) if with_path else leaf
            if recursive and isinstance(leaf, Module) and id(leaf) not in stack:
                found.append((path + leaf_path, leaf))
    stack.add(id(module))
    for sub_path, sub in found:
        yield from _walk(sub, predicate, recursive, with_path, sub_path, seen, stack)
    stack.discard(id(module))


class Module:
    """Base class for models: tracks variables and submodules automatically.

    >>> import tapeflow as tf
    >>> class Outer(tf.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.blocks = [tf.Module(name="a"), tf.Module(name="b")]
    ...         self.bias = tf.Variable(0.0, trainable=False)
    >>> [m.name for m in Outer().submodules], len(Outer().non_trainable_variables)
    (['a', 'b'], 1)
    """

    def __init__(self, name: str | None = None) -> None:
        if name is None:
            name = _snake_case(type(self).__name__)
        elif not isinstance(name, str) or not _VALID_NAME.match(name):
            raise ValueError(
                f"{name!r} is not a valid module name. Module names must be valid Python "
                "identifiers (e.g. a valid class name)."
            )
        self._name = name
        with name_scope(name) as scope:
            self._scope_name = scope

    @property
    def name(self) -> str:
        """The name given at construction (snake-cased class name by default).

        >>> import tapeflow as tf
        >>> class DenseBlock(tf.Module):
        ...     pass
        >>> DenseBlock().name, tf.Module(name='head').name
        ('dense_block', 'head')
        """
        return self._name

    @property
    def name_scope(self) -> name_scope:
        """A scope (absolute, fixed at construction) for variables this module creates.

        >>> import tapeflow as tf
        >>> m = tf.Module(name='encoder')
        >>> with m.name_scope:
        ...     print(tf.Variable(1.0, name='w').name)
        encoder/w:0
        """
        return name_scope(self._scope_name)

    @property
    def variables(self) -> tuple:
        """Every variable held by this module and its submodules, deduplicated.

        >>> import tapeflow as tf
        >>> m = tf.Module()
        >>> m.w = tf.Variable(1.0, name='w')
        >>> m.child = tf.Module()
        >>> m.child.b = tf.Variable(0.0, name='b', trainable=False)
        >>> [v.name for v in m.variables]
        ['w:0', 'b:0']
        """
        return tuple(self._flatten(predicate=lambda v: isinstance(v, Variable)))

    @property
    def trainable_variables(self) -> tuple:
        """The variables with ``trainable=True``.

        >>> import tapeflow as tf
        >>> m = tf.Module()
        >>> m.w, m.count = tf.Variable(1.0, name='w'), tf.Variable(0, trainable=False)
        >>> [v.name for v in m.trainable_variables]
        ['w:0']
        """
        return tuple(self._flatten(predicate=lambda v: isinstance(v, Variable) and v.trainable))

    @property
    def non_trainable_variables(self) -> tuple:
        """The variables with ``trainable=False``.

        >>> import tapeflow as tf
        >>> m = tf.Module()
        >>> m.w, m.count = tf.Variable(1.0), tf.Variable(0, name='count', trainable=False)
        >>> [v.name for v in m.non_trainable_variables]
        ['count:0']
        """
        return tuple(self._flatten(predicate=lambda v: isinstance(v, Variable) and not v.trainable))

    @property
    def submodules(self) -> tuple:
        """Every module nested inside this one (direct children first).

        >>> import tapeflow as tf
        >>> outer = tf.Module(name='outer')
        >>> outer.inner = tf.Module(name='inner')
        >>> outer.inner.leaf = tf.Module(name='leaf')
        >>> [m.name for m in outer.submodules]
        ['inner', 'leaf']
        """
        return tuple(self._flatten(predicate=lambda m: isinstance(m, Module)))

    def _flatten(
        self,
        recursive: bool = True,
        predicate: Callable | None = None,
        attribute_traversal_key=None,
        with_path: bool = False,
        expand_composites: bool = False,
    ) -> Iterator:
        """Leaves matching ``predicate`` under this module's attributes (paths with with_path)."""
        predicate = predicate or (lambda _: True)
        return _walk(self, predicate, recursive, with_path, (), set(), set())

    @classmethod
    def with_name_scope(cls, method: Callable) -> Callable:
        """Decorator: run ``method`` inside the module's name scope.

        >>> import tapeflow as tf
        >>> class Make(tf.Module):
        ...     @tf.Module.with_name_scope
        ...     def __call__(self):
        ...         return tf.Variable(1.0, name="v").name
        >>> Make()()
        'make/v:0'
        """

        @functools.wraps(method)
        def scoped(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        return scoped
