"""Code-health counts for issue 15: long files, typed public signatures and
docstring examples.

Two views:

``python tools/health_counts.py [ROOT]`` reads the source (AST). A public
callable is a function or class defined at module level in any module of
src/tapeflow whose name has no leading underscore, and each public method of
such a class (no leading underscore; dunders other than ``__init__`` are
skipped, ``__init__`` counts for its parameters only).

``python tools/health_counts.py --exported`` imports tapeflow and counts what
the public namespaces (tf, tf.math, tf.keras.layers, ...) actually export:
every exported function and class, and every public method (properties
included) of an exported class and of its tapeflow base classes. It prints one
row per namespace (a name exported by two namespaces counts in both rows) and
a total in which each object counts once.

A parameter is every argument except self/cls. A return is typed when the
function has a return annotation (``__init__`` is left out of the returns).
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass
class Counts:
    callables: int = 0
    examples: int = 0
    params: int = 0
    typed_params: int = 0
    returns: int = 0
    typed_returns: int = 0

    def add(self, other: Counts) -> None:
        for field in vars(self):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def row(self, label: str) -> str:
        return (
            f"{label:<34} {self.examples:>5} / {self.callables:<5}"
            f" {self.typed_params:>5} / {self.params:<5} {self.typed_returns:>5} / {self.returns:<5}"
        )


HEADER = f"{'namespace':<34} {'examples':^13} {'typed params':^13} {'typed returns':^13}"


# ---------------------------------------------------------------------------
# The source view.


def _ast_callables(tree: ast.Module) -> Iterator[ast.AST]:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not node.name.startswith("_"):
                yield node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield node
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if not sub.name.startswith("_") or sub.name == "__init__":
                        yield sub


def _ast_count(node: ast.AST) -> Counts:
    c = Counts()
    is_init = isinstance(node, ast.FunctionDef) and node.name == "__init__"
    if not is_init:
        c.callables = 1
        c.examples = int(">>>" in (ast.get_docstring(node) or ""))  # type: ignore[arg-type]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args
        params = args.posonlyargs + args.args + args.kwonlyargs
        params += [a for a in (args.vararg, args.kwarg) if a]
        params = [p for p in params if p.arg not in ("self", "cls")]
        c.params = len(params)
        c.typed_params = sum(p.annotation is not None for p in params)
        if not is_init:
            c.returns = 1
            c.typed_returns = int(node.returns is not None)
    return c


def source_counts(root: str = "src/tapeflow") -> None:
    long_files = []
    total = Counts()
    for path in sorted(pathlib.Path(root).rglob("*.py")):
        text = path.read_text()
        if text.count("\n") > 800:
            long_files.append(f"{path} ({text.count(chr(10))})")
        for node in _ast_callables(ast.parse(text)):
            total.add(_ast_count(node))
    print(f"files over 800 lines: {len(long_files)}")
    for f in long_files:
        print(f"  {f}")
    print(f"public parameters typed: {total.typed_params} of {total.params}")
    print(f"public returns typed: {total.typed_returns} of {total.returns}")
    print(f"public callables with a docstring example: {total.examples} of {total.callables}")


# ---------------------------------------------------------------------------
# The exported view.

# TF's namespaces that tapeflow may offer (tf.keras as Keras 3 has it); each
# "X.experimental" that exists is added. Modules that are only tapeflow's file
# layout (tf.ops, tf.arrays, tf.keras.layers.core, ...) are not namespaces.
NAMESPACES = (
    "tf math nn random linalg signal image bitwise nest config config.threading dtypes"
    " errors test autodiff debugging autograph data train saved_model summary sysconfig"
    " keras keras.activations keras.backend keras.callbacks keras.config keras.constraints"
    " keras.initializers keras.layers keras.losses keras.metrics keras.mixed_precision"
    " keras.models keras.ops keras.optimizers keras.optimizers.schedules keras.random"
    " keras.regularizers keras.saving keras.utils"
).split()


def _resolve(path: str) -> types.ModuleType | None:
    import tapeflow

    module: Any = tapeflow
    for part in path.split(".")[1:] if path != "tf" else []:
        module = getattr(module, part, None)
        if not isinstance(module, types.ModuleType):
            return None
    return module


def exported_namespaces() -> list[tuple[str, types.ModuleType]]:
    """(path, module) for every namespace tapeflow has, in the order above."""
    out = []
    for short in NAMESPACES:
        path = "tf" if short == "tf" else f"tf.{short}"
        for candidate in (path, f"{path}.experimental"):
            module = _resolve(candidate)
            if module is not None and module.__name__.startswith("tapeflow"):
                out.append((candidate, module))
    return out


def _is_ours(obj: object) -> bool:
    return (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(
        obj, "__module__", ""
    ).startswith("tapeflow")


def _methods(cls: type) -> Iterator[tuple[str, Any]]:
    for klass in cls.__mro__:
        if not klass.__module__.startswith("tapeflow"):
            continue
        for name, member in vars(klass).items():
            if name.startswith("_") and name != "__init__":
                continue
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if isinstance(member, property):
                member = member.fget
            if inspect.isfunction(member):
                yield name, member


def _object_counts(obj: Any) -> Counts:
    c = Counts()
    is_init = inspect.isfunction(obj) and obj.__name__ == "__init__"
    if not is_init:
        c.callables = 1
        c.examples = int(">>>" in (obj.__doc__ or ""))
    if inspect.isfunction(obj):
        sig = inspect.signature(obj)
        params = [p for p in sig.parameters.values() if p.name not in ("self", "cls")]
        c.params = len(params)
        c.typed_params = sum(p.annotation is not inspect.Parameter.empty for p in params)
        if not is_init:
            c.returns = 1
            c.typed_returns = int(sig.return_annotation is not inspect.Signature.empty)
    return c


def namespace_objects(module: types.ModuleType) -> dict[int, Any]:
    """id -> object: the functions and classes a namespace exports, with the
    public methods of those classes."""
    found: dict[int, Any] = {}
    for name in dir(module):
        if name.startswith("_"):
            continue
        obj = getattr(module, name)
        if not _is_ours(obj):
            continue
        found[id(obj)] = obj
        if inspect.isclass(obj):
            for _, method in _methods(obj):
                found[id(method)] = method
    return found


def exported_counts(verbose: bool = False) -> None:
    seen: dict[int, Any] = {}
    print(HEADER)
    for path, module in exported_namespaces():
        objects = namespace_objects(module)
        row = Counts()
        for obj in objects.values():
            row.add(_object_counts(obj))
        seen.update(objects)
        print(row.row(path))
    total = Counts()
    for obj in seen.values():
        total.add(_object_counts(obj))
    print(total.row("TOTAL (each object once)"))
    if verbose:
        print("\nmissing (object: what):")
        for obj in sorted(seen.values(), key=lambda o: (o.__module__, o.__qualname__)):
            c = _object_counts(obj)
            gaps = []
            if c.callables and not c.examples:
                gaps.append("example")
            if c.typed_params < c.params:
                gaps.append(f"params {c.typed_params}/{c.params}")
            if c.typed_returns < c.returns:
                gaps.append("return")
            if gaps:
                print(f"  {obj.__module__}.{obj.__qualname__}: {', '.join(gaps)}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--exported" in args:
        exported_counts(verbose="--missing" in args)
    else:
        source_counts(*args)
