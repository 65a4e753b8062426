"""Code-health counts for issue 15: long files, typed public parameters,
public callables with a docstring example.

Public callable: a function or class defined at module level in
src/tapeflow (any module) whose name has no leading underscore, and each
public method (no leading underscore, or a dunder other than __init__ is
skipped) of such a class. A parameter is every argument except self/cls.
"""

from __future__ import annotations

import ast
import pathlib
import sys


def _callables(tree):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if not node.name.startswith("_"):
                yield node, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield node, node
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if not sub.name.startswith("_") or sub.name == "__init__":
                        yield sub, sub


def main(root: str = "src/tapeflow") -> None:
    files = sorted(pathlib.Path(root).rglob("*.py"))
    long_files = []
    n_callables = n_examples = n_params = n_typed = 0
    for path in files:
        text = path.read_text()
        if text.count("\n") > 800:
            long_files.append(f"{path} ({text.count(chr(10))})")
        tree = ast.parse(text)
        for node, _ in _callables(tree):
            if isinstance(node, ast.ClassDef) or node.name != "__init__":
                n_callables += 1
                doc = ast.get_docstring(node) or ""
                n_examples += ">>>" in doc
            if isinstance(node, ast.ClassDef):
                continue
            args = node.args
            params = args.posonlyargs + args.args + args.kwonlyargs
            params += [a for a in (args.vararg, args.kwarg) if a]
            params = [p for p in params if p.arg not in ("self", "cls")]
            n_params += len(params)
            n_typed += sum(p.annotation is not None for p in params)
    print(f"files over 800 lines: {len(long_files)}")
    for f in long_files:
        print(f"  {f}")
    print(f"public parameters typed: {n_typed} of {n_params}")
    print(f"public callables with a docstring example: {n_examples} of {n_callables}")


if __name__ == "__main__" and "--exported" not in sys.argv:
    main(*sys.argv[1:])


def runtime_counts() -> None:
    """The same counts over what the public namespaces actually export."""
    import inspect

    import tapeflow as tf

    spaces = [tf] + [
        getattr(tf, n)
        for n in ("math", "nn", "random", "linalg", "autodiff", "test", "dtypes", "errors")
    ]
    seen: dict[int, object] = {}
    for space in spaces:
        for name in dir(space):
            obj = getattr(space, name)
            if name.startswith("_") or inspect.ismodule(obj):
                continue
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and getattr(
                obj, "__module__", ""
            ).startswith("tapeflow"):
                seen[id(obj)] = obj
                if inspect.isclass(obj):
                    for mname, m in vars(obj).items():
                        if isinstance(m, (staticmethod, classmethod)):
                            m = m.__func__
                        if isinstance(m, property):
                            m = m.fget
                        if inspect.isfunction(m) and (
                            not mname.startswith("_") or mname == "__init__"
                        ):
                            seen[id(m)] = m
    n = ex = params = typed = 0
    for obj in seen.values():
        if not (inspect.isfunction(obj) and obj.__name__ == "__init__"):
            n += 1
            ex += ">>>" in (obj.__doc__ or "")
        if inspect.isfunction(obj):
            for p in inspect.signature(obj).parameters.values():
                if p.name in ("self", "cls"):
                    continue
                params += 1
                typed += p.annotation is not inspect.Parameter.empty
    print(f"[exported] public parameters typed: {typed} of {params}")
    print(f"[exported] public callables with a docstring example: {ex} of {n}")


if __name__ == "__main__" and "--exported" in sys.argv:
    runtime_counts()
