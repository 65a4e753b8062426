"""A small AutoGraph: a Python ``if``/``while``/``for`` on a tensor becomes ``cond``/``while_loop``.

When ``tf.function`` traces with ``autograph=True`` it calls a converted copy
of the user's function. The conversion rewrites the function's AST:

* ``if test: A else: B`` becomes two local functions (one per branch) that
  take the names either branch assigns and return them, and one call to
  ``if_stmt``. On a tensor test that call is ``tf.cond``, so both branches
  are traced (the one not taken runs dry, see ``control.py``); on a Python
  test only the chosen branch runs, as plain Python would.
* ``while test: body`` becomes ``while_stmt`` with a test function and a body
  function over the names the body assigns: ``tf.while_loop`` when the test
  is a tensor, a Python loop otherwise.
* ``for x in iterable: body`` becomes ``for_stmt``: a ``tf.while_loop`` over
  the rows of a tensor iterable (``tf.range(n)`` included), a Python loop
  over anything else.

``break``, ``continue`` and early ``return`` are first lowered to flags
(see ``_lower``). Statements the converter does not handle (a ``return``
inside a loop, ``yield``, ``global``/``nonlocal`` inside them, ``else``
clauses on loops) stay plain Python: the trace follows the concrete path and its
guards keep the values right. A function whose source cannot be read or
rebuilt (lambdas, ``super()``, built-ins) is not converted at all.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
import weakref
from typing import Any

__all__ = ["convert", "runtime"]

_PREFIX = "ag__"


# The module the converted code calls (``if_stmt``, ``while_stmt``, ...):
# ``tapeflow._autograph_runtime`` sets itself here on import, being the layer that may
# use ``tf.cond`` and ``tf.while_loop``.
runtime: types.ModuleType | None = None


# --------------------------------------------------------------------------
# The rewrite
# --------------------------------------------------------------------------
_STOPPERS = (ast.Break, ast.Continue, ast.Return, ast.Yield, ast.YieldFrom, ast.Global,
             ast.Nonlocal, ast.Await)  # fmt: skip
# Calls that read the caller's frame: wrapping them would read the wrong one.
_FRAME_READERS = frozenset({"locals", "globals", "vars", "dir", "eval", "exec", "super"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)  # fmt: skip


def _walk_scope(nodes):
    """Every node in ``nodes`` without entering nested scopes."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _assigned(nodes) -> list:
    names: list = []
    for node in _walk_scope(nodes):
        name = None
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            name = node.id
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            name = node.name
        if name and not name.startswith(_PREFIX) and name not in names:
            names.append(name)
    return names


def _returns_in(nodes) -> bool:
    """A ``return`` in a loop body: the loop stays Python, and as TensorFlow's AutoGraph
    cannot make it a ``tf.while_loop``, a tensor test or iterable raises TF's error."""
    return any(isinstance(node, ast.Return) for node in _walk_scope(nodes))


def _has_stopper(nodes) -> bool:
    return any(isinstance(node, _STOPPERS) for node in _walk_scope(nodes))


class _Converter(ast.NodeTransformer):
    def __init__(self, loads: dict):
        self.count = 0
        self.loads = loads  # name -> how many times the function reads it

    def _fresh(self, what: str) -> str:
        self.count += 1
        return f"{_PREFIX}{what}_{self.count}"

    def _function(self, name: str, params: list, body: list, names: list) -> ast.FunctionDef:
        ret = ast.Return(ast.Tuple([ast.Name(n, ast.Load()) for n in names], ast.Load()))
        args = ast.arguments(posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None,
                             kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])  # fmt: skip
        return ast.FunctionDef(name, args, [*body, ret], [], None)

    def _values(self, names: list) -> ast.Tuple:
        loaded: list[ast.expr] = [
            _call("ld", [_call_plain("locals", []), ast.Constant(n)]) for n in names
        ]
        return ast.Tuple(loaded, ast.Load())

    def _assign(self, names: list, value: ast.expr) -> ast.stmt:
        if not names:
            return ast.Expr(value)
        target = ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())
        return ast.Assign([target], value)

    def visit_BoolOp(self, node: ast.BoolOp):
        self.generic_visit(node)
        self.count += 1
        lazy = [ast.Lambda(_no_args(), value) for value in node.values]
        return _call("and_" if isinstance(node.op, ast.And) else "or_", lazy)

    def visit_UnaryOp(self, node: ast.UnaryOp):
        self.generic_visit(node)
        if not isinstance(node.op, ast.Not):
            return node
        self.count += 1
        return _call("not_", [node.operand])

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in _FRAME_READERS:
            return node
        self.count += 1
        return ast.Call(_attr("converted_call"), [node.func, *node.args], node.keywords)

    def visit_If(self, node: ast.If):
        self.generic_visit(node)
        kind = getattr(node, "tfag_loop_return", None)
        if kind is not None:  # a return under this test, in a loop that stays Python
            self.count += 1
            test = _call("loop_return_if_test", [node.test, ast.Constant(kind)])
            node.test = ast.copy_location(test, node.test)
            return node
        if _has_stopper(node.body) or _has_stopper(node.orelse):
            return node
        names = _assigned(node.body + node.orelse)
        inside: dict = {}
        for sub in _walk_scope([node]):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                inside[sub.id] = inside.get(sub.id, 0) + 1
        # A name read outside this statement is live after it (a cheap liveness).
        live = [n for n in names if self.loads.get(n, 0) > inside.get(n, 0)]
        t_name, f_name = self._fresh("if_true"), self._fresh("if_false")
        t_fn = self._function(t_name, names, node.body, names)
        f_fn = self._function(f_name, names, node.orelse or [ast.Pass()], names)
        call = _call("if_stmt", [node.test, ast.Name(t_name, ast.Load()),
                                 ast.Name(f_name, ast.Load()), self._values(names),
                                 _const_tuple(names), _const_tuple(live)])  # fmt: skip
        return [t_fn, f_fn, self._assign(names, call)]

    def _mark_returning_ifs(self, loop) -> bool:
        """Whether ``loop`` holds a ``return`` (it stays Python); if so, mark each ``if``
        in it with a return in a branch by which branches return (TensorFlow's error
        when its test turns out to be a tensor)."""
        if loop.orelse or not _returns_in(loop.body):
            return False
        self.count += 1
        for node in _walk_scope(loop.body):
            if isinstance(node, ast.If):
                main, other = _returns_in(node.body), _returns_in(node.orelse)
                if main or other:
                    kind = "both" if main and other else ("else" if main else "main")
                    node.tfag_loop_return = kind  # type: ignore[attr-defined]
        return True

    def visit_While(self, node: ast.While):
        if self._mark_returning_ifs(node):
            self.generic_visit(node)
            node.test = ast.copy_location(_call("return_loop_test", [node.test]), node)
            return node
        self.generic_visit(node)
        if node.orelse or _has_stopper(node.body):
            return node
        names = _assigned(node.body)
        test_name, body_name = self._fresh("loop_test"), self._fresh("loop_body")
        test_fn = ast.FunctionDef(
            test_name, self._function(test_name, names, [], []).args,
            [ast.Return(node.test)], [], None,
        )  # fmt: skip
        body_fn = self._function(body_name, names, node.body, names)
        call = _call("while_stmt", [ast.Name(test_name, ast.Load()),
                                    ast.Name(body_name, ast.Load()), self._values(names),
                                    _const_tuple(names)])  # fmt: skip
        return [test_fn, body_fn, self._assign(names, call)]

    def visit_For(self, node: ast.For):
        if self._mark_returning_ifs(node):
            self.generic_visit(node)
            node.iter = ast.copy_location(_call("return_loop_iter", [node.iter]), node)
            return node
        self.generic_visit(node)
        if node.orelse or _has_stopper(node.body) or not isinstance(node.target, ast.Name):
            return node
        target = node.target.id
        names = [n for n in _assigned(node.body) if n != target]
        body_name = self._fresh("for_body")
        body_fn = self._function(body_name, [target, *names], node.body, names)
        args = [node.iter, ast.Name(body_name, ast.Load()), self._values(names),
                _const_tuple(names)]  # fmt: skip
        made = [body_fn]
        brk = getattr(node, "tfag_break", None)
        if brk is not None:  # a lowered break: the loop also stops once it is set
            test_name = self._fresh("for_test")
            test_args = self._function(test_name, names, [], []).args
            # (built after this loop's visit: ``not`` written as the converted not_)
            stop = ast.Return(_call("not_", [_name(brk)]))
            made.append(ast.FunctionDef(test_name, test_args, [stop], [], None))
            args.append(ast.Name(test_name, ast.Load()))
        inside = sum(1 for n in _walk_scope([node])
                     if isinstance(n, ast.Name) and n.id == target and isinstance(n.ctx, ast.Load))  # fmt: skip
        if self.loads.get(target, 0) > inside:  # the target is read after the loop too
            if brk is None:
                args.append(ast.Constant(None))
            args.append(_call("ld", [_call_plain("locals", []), ast.Constant(target)]))
            names = [*names, target]
        return [*made, self._assign(names, _call("for_stmt", args))]


# --------------------------------------------------------------------------
# break / continue / early return as flags (before the conversion above)
# --------------------------------------------------------------------------
# As TensorFlow's AutoGraph does: a jump sets a flag, the statements after it
# run under ``if not flag:``, and a loop's test also checks its break flag, so
# the loop or ``if`` holding the jump converts like any other. The flags are
# ordinary names (carried by loops, returned by branches).
_FLAG = "tfag_"
_LOOPS = (ast.While, ast.For)


class _CannotLower(Exception):
    """A jump sits where flags cannot reach it (a ``try``, a loop ``else``)."""


def _name(name: str, store: bool = False) -> ast.Name:
    return ast.Name(name, ast.Store() if store else ast.Load())


def _set(name: str, value: ast.expr) -> ast.Assign:
    return ast.Assign([_name(name, True)], value)


def _none_of(flags: list) -> ast.expr:
    """``not (f1 or f2 ...)``."""
    names: list[ast.expr] = [_name(f) for f in flags]
    either = names[0] if len(names) == 1 else ast.BoolOp(ast.Or(), names)
    return ast.UnaryOp(ast.Not(), either)


def _lower(stmts: list, jumps: dict) -> tuple[list, list]:
    """``stmts`` with the jumps in ``jumps`` (statement class -> rewrite) lowered.

    Returns the new statements and the flags they may set. Loops are not
    entered (their own break/continue are theirs; returns inside loops are
    not lowered), nor nested scopes.
    """
    out: list = []
    for i, stmt in enumerate(stmts):
        rewrite = jumps.get(stmt.__class__)
        if rewrite is not None:
            new, flag = rewrite(stmt)
            return out + new, [flag]  # what follows a jump never runs
        flags: list = []
        if isinstance(stmt, ast.If):
            stmt.body, first = _lower(stmt.body, jumps)
            stmt.orelse, second = _lower(stmt.orelse, jumps)
            stmt.body = stmt.body or [ast.Pass()]
            flags = list(dict.fromkeys(first + second))
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            stmt.body, flags = _lower(stmt.body, jumps)
            stmt.body = stmt.body or [ast.Pass()]
        elif isinstance(stmt, _TRIES):
            flags = _lower_try(stmt, jumps)
        elif not isinstance(stmt, _LOOPS + _SCOPES) and any(
            isinstance(n, tuple(jumps)) for n in _walk_scope([stmt])
        ):
            raise _CannotLower(type(stmt).__name__)
        out.append(stmt)
        if flags:
            rest, more = _lower(stmts[i + 1 :], jumps)
            if rest:
                out.append(ast.If(_none_of(flags), rest, []))
            return out, list(dict.fromkeys(flags + more))
    return out, []


_TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))


def _lower_try(stmt, jumps: dict) -> list:
    """Lower the jumps in a ``try`` statement's blocks; returns the flags they may set.

    The ``finally`` block still runs after a jump, as Python runs it. So does
    the ``else`` block (Python skips it after a jump): TensorFlow's AutoGraph
    lowers jumps the same way and runs it too.
    """
    if any(isinstance(n, tuple(jumps)) for n in _walk_scope(stmt.finalbody)):
        raise _CannotLower("a jump in a finally block")
    stmt.body, flags = _lower(stmt.body, jumps)
    stmt.body = stmt.body or [ast.Pass()]
    more: list = []
    for handler in stmt.handlers:
        handler.body, found = _lower(handler.body, jumps)
        handler.body = handler.body or [ast.Pass()]
        more += found
    if stmt.orelse:
        stmt.orelse, found = _lower(stmt.orelse, jumps)
        stmt.orelse = stmt.orelse or [ast.Pass()]
        more += found
    return list(dict.fromkeys(flags + more))


def _own_jumps(loop) -> list:
    """The break/continue statements of ``loop`` itself (not of loops inside it)."""
    found = []
    stack = list(loop.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Break, ast.Continue)):
            found.append(node)
        elif not isinstance(node, _LOOPS + _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return found


class _LowerLoops(ast.NodeTransformer):
    """Each loop's break and continue become flags (inner loops first)."""

    def __init__(self):
        self.count = 0

    def _loop(self, node):
        self.generic_visit(node)
        orelse = node.orelse
        if orelse and _returns_in(node.body):
            return node  # the loop stays Python (a return inside a loop: see visit_For)
        if orelse:
            # Python runs a loop's ``else`` block when the loop ends without a break:
            # after the loop, under ``if not break_flag:`` (always, without a break).
            self.count += 1
            node.orelse = []
        if not _own_jumps(node):
            return [node, *orelse] if orelse else node
        self.count += 1
        brk, cont = f"{_FLAG}break_{self.count}", f"{_FLAG}continue_{self.count}"
        used: set = set()

        def on_break(_stmt):
            used.add(brk)
            return [_set(brk, ast.Constant(True))], brk

        def on_continue(_stmt):
            used.add(cont)
            return [_set(cont, ast.Constant(True))], cont

        try:
            body, _ = _lower(node.body, {ast.Break: on_break, ast.Continue: on_continue})
        except _CannotLower:
            node.orelse = orelse
            return node
        if cont in used:
            body = [_set(cont, ast.Constant(False)), *body]
        node.body = body or [ast.Pass()]
        if brk not in used:
            return [node, *orelse] if orelse else node
        if isinstance(node, ast.While):
            node.test = ast.BoolOp(ast.And(), [_none_of([brk]), node.test])
        else:
            node.tfag_break = brk  # for_stmt's extra test
        after = [ast.If(_none_of([brk]), orelse, [])] if orelse else []
        return [_set(brk, ast.Constant(False)), node, *after]

    visit_While = visit_For = _loop

    def visit_FunctionDef(self, node):
        return node  # nested functions are converted when called

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef


def _lower_returns(fdef: ast.FunctionDef) -> None:
    """Early returns (inside ``if``/``with``, not loops) become a flag and a value."""
    body = fdef.body
    nested = [n for stmt in body if not isinstance(stmt, ast.Return)
              for n in _walk_scope([stmt]) if isinstance(n, ast.Return)]  # fmt: skip
    if not nested:
        return
    for loop in (n for n in _walk_scope(body) if isinstance(n, _LOOPS)):
        if any(isinstance(n, ast.Return) for n in _walk_scope(loop.body + loop.orelse)):
            return  # a return inside a loop: the loop stays Python
    flag, value = f"{_FLAG}do_return", f"{_FLAG}retval"

    def on_return(stmt):
        result = stmt.value if stmt.value is not None else ast.Constant(None)
        return [_set(flag, ast.Constant(True)), _set(value, result)], flag

    try:
        lowered, _ = _lower(body, {ast.Return: on_return})
    except _CannotLower:
        return
    unset = ast.Attribute(_name(f"{_PREFIX}module"), "RETURN_UNSET", ast.Load())
    done = ast.Call(ast.Attribute(_name(f"{_PREFIX}module"), "returned", ast.Load()),
                    [_name(value)], [])  # fmt: skip
    fdef.body = [_set(flag, ast.Constant(False)), _set(value, unset), *lowered, ast.Return(done)]


def _attr(attr: str) -> ast.Attribute:
    return ast.Attribute(ast.Name(f"{_PREFIX}module", ast.Load()), attr, ast.Load())


def _call(attr: str, args: list) -> ast.Call:
    return ast.Call(_attr(attr), args, [])


def _no_args() -> ast.arguments:
    return ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                         kwarg=None, defaults=[])  # fmt: skip


def _call_plain(name: str, args: list) -> ast.Call:
    return ast.Call(ast.Name(name, ast.Load()), args, [])


def _const_tuple(names: list) -> ast.Tuple:
    return ast.Tuple([ast.Constant(n) for n in names], ast.Load())


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FAILED = object()


def convert(func: Any) -> Any:
    """The converted version of ``func``, or ``func`` itself when it cannot be converted.

    Lambdas, tapeflow's and NumPy's own functions stay as they are.

    >>> import tapeflow as tf
    >>> from tapeflow._function.autograph import convert
    >>> f = lambda x: x
    >>> convert(f) is f, convert(tf.abs) is tf.abs
    (True, True)
    """
    if isinstance(func, types.MethodType):
        inner = convert(func.__func__)
        return func if inner is func.__func__ else types.MethodType(inner, func.__self__)
    if not isinstance(func, types.FunctionType) or func.__dict__.get("_tapeflow_do_not_convert"):
        return func
    try:
        found = _cache.get(func)
    except TypeError:
        return func
    if found is None:
        if runtime is None:
            return func
        try:
            found = _convert(func)
        except Exception:  # noqa: BLE001 (conversion is best effort: the guards keep values right)
            found = _FAILED
        _cache[func] = found
    return func if found is _FAILED else found


def _convert(func: types.FunctionType):
    if func.__name__ == "<lambda>":
        return _FAILED
    module = func.__module__ or ""
    if module == "tapeflow" or module.startswith(("tapeflow.", "numpy")):
        return _FAILED
    code = func.__code__
    if "__class__" in code.co_freevars or code.co_flags & (
        inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
    ):
        return _FAILED
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    ast.increment_lineno(tree, code.co_firstlineno - 1)  # tracebacks name the user's lines
    fdef = tree.body[0]
    if not isinstance(fdef, ast.FunctionDef) or fdef.name != func.__name__:
        return _FAILED
    fdef.decorator_list = []
    lowered = _LowerLoops()
    fdef.body = [lowered.visit(stmt) for stmt in fdef.body]
    fdef.body = [s for stmt in fdef.body for s in (stmt if isinstance(stmt, list) else [stmt])]
    _lower_returns(fdef)
    loads: dict = {}
    for node in ast.walk(fdef):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads[node.id] = loads.get(node.id, 0) + 1
    converter = _Converter(loads)
    fdef = converter.visit(fdef)
    if converter.count == 0 and not lowered.count:
        return _FAILED  # nothing to convert: call the original
    # A factory rebuilds the closure: its parameters are the free variables.
    freevars = list(code.co_freevars)
    factory = ast.FunctionDef(
        f"{_PREFIX}factory",
        ast.arguments(posonlyargs=[], args=[ast.arg(n) for n in [f"{_PREFIX}module", *freevars]],
                      vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
        [fdef, ast.Return(ast.Name(fdef.name, ast.Load()))], [], None,
    )  # fmt: skip
    module_ast = ast.fix_missing_locations(ast.Module([factory], []))
    filename = code.co_filename
    compiled = compile(module_ast, filename, "exec")
    namespace: dict = {}
    exec(compiled, func.__globals__, namespace)  # noqa: S102 (the user's own source)
    cells = [c.cell_contents for c in func.__closure__ or ()]
    new = namespace[f"{_PREFIX}factory"](runtime, *cells)
    new.__defaults__ = func.__defaults__
    new.__kwdefaults__ = func.__kwdefaults__
    new.__qualname__ = func.__qualname__
    new.__doc__ = func.__doc__
    new.__wrapped__ = func
    return new
