"""The imports agree with the layer table of docs/architecture.md.

Each module may import modules of its own layer and of the layers below
(imports inside functions count too). A module of a lower layer may not
import one the table does not list: unlisted modules count as public API.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tapeflow"
DOC = ROOT / "docs" / "architecture.md"


def _layer_table() -> dict[str, int]:
    """Module path (``ops/``, ``_tape.py``, ...) -> layer rank, 0 the bottom."""
    text = DOC.read_text()
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]  # no header
    table = {}
    for rank, row in enumerate(reversed(rows)):
        files_cell = row.split("|")[2]
        files_cell = files_cell.split("and every module")[0]  # public API's catch-all
        for name in re.findall(r"`([\w/]+(?:\.py)?)`", files_cell):
            if name.endswith(".py") or name.endswith("/"):
                table.setdefault(name, rank)
            else:  # a module of the package named before it (ops/: `elementwise`, ...)
                pass
    return table


def _module_file(path: Path) -> str:
    """The table's name for a file: ``ops/`` for anything in ops, ``_tape.py`` for a module."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] + "/" if len(rel.parts) > 1 else rel.parts[0]


def _imports(path: Path) -> set[str]:
    """Table names of the tapeflow modules ``path`` imports (relative imports)."""
    rel = path.relative_to(PACKAGE)
    package = list(rel.parts[:-1])
    found = set()
    tree = ast.parse(path.read_text())
    # A module-level __getattr__ that forwards names moved elsewhere (so old
    # imports keep working) is not a dependency of the module.
    shims = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"]
    skipped = {id(node) for shim in shims for node in ast.walk(shim)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = package[: len(package) - node.level + 1]
        parts = base + (node.module.split(".") if node.module else [])
        if not parts:  # `from . import x` at the top of the package
            parts = [node.names[0].name]
        head = parts[0]
        found.add(head + "/" if (PACKAGE / head).is_dir() else head + ".py")
    return found


TABLE = _layer_table()
TOP = max(TABLE.values())
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_table_is_read():
    assert {"_tensor.py", "_dispatch.py", "ops/", "_tape.py", "errors.py"} <= set(TABLE)
    assert TABLE["errors.py"] < TABLE["_tensor.py"] < TABLE["_dispatch.py"] < TABLE["ops/"]
    assert TABLE["ops/"] < TABLE["_tape.py"] < TABLE["math/"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_respect_layers(path):
    me = _module_file(path)
    my_layer = TABLE.get(me, TOP)
    if my_layer == TOP:
        return  # the public API may use everything
    wrong = []
    for target in sorted(_imports(path) - {me}):
        layer = TABLE.get(target, TOP)
        if layer > my_layer:
            why = "not in the table (public API)" if target not in TABLE else "a higher layer"
            wrong.append(f"{target} ({why})")
    assert not wrong, f"{me} imports {wrong}; see docs/architecture.md, Layers"


def test_no_import_cycles_between_modules_of_the_table():
    """No two modules of the table import each other, even inside functions
    (``_tape.py`` calls ``_jacobian.py``; ``_jacobian.py`` needs nothing of it)."""
    files = {name for name in TABLE if name.endswith(".py")}
    graph = {name: _imports(PACKAGE / name) & files - {name} for name in files}

    def reaches(start: str, goal: str, seen: set) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(name for name in files if reaches(name, name, {name}))
    assert not cycles, f"modules on an import cycle: {cycles}"
