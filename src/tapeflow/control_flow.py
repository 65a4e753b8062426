"""Functional control flow: ``tf.cond``, ``tf.switch_case``, ``tf.case``, ``tf.while_loop``.

Eagerly, TensorFlow runs these as plain Python over eager ops, and so does
tapeflow: the branch or loop body calls ordinary ops, tapes and accumulators
record them as they run, so reverse and forward mode (of any order) need no
rules of their own. What this module adds is TensorFlow's argument checks,
its error texts and its eager quirks (a ``while_loop`` body must return a
list or tuple shaped like ``loop_vars``; out-of-range ``switch_case``
indices run the last branch).

>>> import tapeflow as tf
>>> x = tf.constant(2.0)
>>> print(tf.cond(x > 1.0, lambda: x * 10.0, lambda: x))
tf.Tensor(20.0, shape=(), dtype=float32)
>>> tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, s * x), (0, x))[1].numpy()
np.float32(16.0)

How a tracer intercepts these ops
---------------------------------
Every public function here checks its arguments the way TensorFlow does and
then hands the validated pieces to one private runner:

* ``_run_cond(pred, true_fn, false_fn)``: ``pred`` a Tensor, the branches
  zero-argument callables;
* ``_run_switch(branch_index, branch_fns)``: ``branch_index`` a scalar
  integer Tensor, ``branch_fns`` a list whose last entry also serves every
  out-of-range index (it is the default when one was given), as in TF;
* ``_run_while(cond, body, loop_vars)``: ``loop_vars`` a list or tuple whose
  items are passed positionally; ``body`` returns a list or tuple of the same
  structure (checked with ``assert_same_structure`` after every step).
  ``maximum_iterations`` is already folded into ``cond``/``body`` as an
  iteration counter at position 0, as TensorFlow does.

Each runner first looks at the module attribute ``_trace_hook``. It is
``None`` eagerly; a tracer (tf.function) sets it to an object with methods
``cond(pred, true_fn, false_fn)``, ``switch_case(index, branch_fns)`` and
``while_loop(cond, body, loop_vars)`` taking the same arguments as the
runners and returning what they would (so it can trace both branches or
the body once into sub-programs), and restores ``None`` afterwards. The
higher-order ops (``map_fn``, ``scan``, ``foldl``, ``foldr`` in
``higher_order.py``) are built on ``_run_while`` and ``tensor_array``, so
intercepting ``while_loop`` covers them too.

Without a hook, a trace runs these ops as eager code does: predicates,
indices and loop limits are read with ``bool()``/``int()``, which a trace
records as guards, so the program stays right for every call (one branch is
traced per path, and a loop is unrolled).
"""

from __future__ import annotations

import collections.abc
import functools
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _log, errors
from ._tensor import Tensor, convert_to_tensor
from ._types import TensorLike
from ._variable import Variable

__all__ = ["cond", "switch_case", "case", "while_loop"]

# Set by a tracer while it traces (see the module docstring); None eagerly.
_trace_hook: Any = None


# --------------------------------------------------------------------------
# The runners: the one place each op evaluates its branches or its body
# --------------------------------------------------------------------------
def _truth(pred) -> bool:
    """Python truth of a predicate. It goes through ``Tensor.__bool__`` so that a
    tf.function trace sees the read (and keeps it as a guard)."""
    try:
        return bool(pred)
    except ValueError as exc:  # a non-scalar predicate: NumPy's own wording, as TF shows it
        raise ValueError(str(exc)) from None


def _run_cond(pred: Tensor, true_fn: Callable, false_fn: Callable):
    if _trace_hook is not None:
        return _trace_hook.cond(pred, true_fn, false_fn)
    return true_fn() if _truth(pred) else false_fn()


def _run_switch(branch_index: Tensor, branch_fns: list):
    if _trace_hook is not None:
        return _trace_hook.switch_case(branch_index, branch_fns)
    index = int(branch_index)
    if index < 0 or index >= len(branch_fns):
        index = len(branch_fns) - 1
    return branch_fns[index]()


def _run_while(cond: Callable, body: Callable, loop_vars):
    if _trace_hook is not None:
        return _trace_hook.while_loop(cond, body, loop_vars)
    structure = [_spec_of(v) for v in _as_list(loop_vars)]
    # Loops over plain tensors (the common case) skip the full structure walk.
    flat = not any(_is_sequence(spec) for spec in structure)
    while _truth(cond(*loop_vars)):
        loop_vars = body(*loop_vars)
        if flat and _flat_match(loop_vars, len(structure)):
            continue
        assert_same_structure(structure, _as_list(loop_vars))
    return loop_vars


def _flat_match(values, count: int) -> bool:
    if values.__class__ not in (list, tuple) or len(values) != count:
        return False
    return all(v.__class__ is Tensor or not _is_sequence(v) for v in values)


# --------------------------------------------------------------------------
# tf.cond
# --------------------------------------------------------------------------
def cond(
    pred: TensorLike,
    true_fn: Callable[..., Any] | None = None,
    false_fn: Callable[..., Any] | None = None,
    name: str | None = None,
) -> Any:
    """Run ``true_fn()`` if ``pred`` is true, else ``false_fn()`` (TF's ``tf.cond``).

    ``pred`` is a scalar boolean Tensor or a Python bool. Only the chosen
    branch runs, so only its operations are recorded by a tape.

    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     y = tf.cond(x < 0.0, lambda: -x, lambda: x * x)
    >>> print(tape.gradient(y, x))
    tf.Tensor(6.0, shape=(), dtype=float32)
    """
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    return _run_cond(convert_to_tensor(pred), true_fn, false_fn)


# --------------------------------------------------------------------------
# tf.switch_case
# --------------------------------------------------------------------------
def _branch_list(branch_fns, default) -> list:
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    pairs = branch_fns.items() if isinstance(branch_fns, dict) else branch_fns
    if all(callable(fn) for fn in pairs):
        pairs = list(enumerate(pairs))
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [key for key, _ in pairs]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        found = ",".join(map(str, sorted(keys)))
        raise ValueError(
            f"branch indices (keys) must form contiguous range of [0 to {len(keys)}) "
            f"but found {{{found}}}"
        )
    actions = [fn for _, fn in sorted(pairs, key=lambda pair: pair[0])]
    if default is not None:
        actions.append(default)
    return actions


def switch_case(
    branch_index: TensorLike,
    branch_fns: Any,
    default: Callable[..., Any] | None = None,
    name: str = "switch_case",
) -> Any:
    """Run the branch ``branch_fns[branch_index]`` (TF's ``tf.switch_case``).

    ``branch_fns`` is a list of callables, a list of ``(int, callable)``
    pairs or a dict from int to callable, with keys ``0 .. n-1``. An index out
    of range runs ``default``, or the last branch when there is none.

    >>> import tapeflow as tf
    >>> fns = [lambda: tf.constant(10), lambda: tf.constant(20)]
    >>> print(tf.switch_case(tf.constant(1), fns, default=lambda: tf.constant(-1)))
    tf.Tensor(20, shape=(), dtype=int32)
    >>> print(tf.switch_case(tf.constant(7), fns, default=lambda: tf.constant(-1)))
    tf.Tensor(-1, shape=(), dtype=int32)
    """
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if not branch_index.dtype.is_integer:
        raise TypeError(f"'branch_index' must be an integer Tensor, got {branch_index.dtype}")
    actions = _branch_list(branch_fns, default)
    if branch_index.ndim != 0:
        # TF maps the index with a Select whose 'then' is a scalar, which fails.
        raise errors._invalid_argument(
            "'then' must be at least a vector, but saw shape: []", "Select"
        )
    return _run_switch(branch_index, actions)


# --------------------------------------------------------------------------
# tf.case
# --------------------------------------------------------------------------
def _summarize(value: np.ndarray, summarize: int) -> str:
    flat = value.reshape(-1)
    items = [str(item) for item in flat[:summarize]]
    if len(items) < flat.size:
        items.append("...")
    return ", ".join(items) if value.ndim else str(value)


def _assert(condition: bool, message: str, preds: list) -> None:
    """TF's eager tf.Assert, as tf.case raises it: the text, then the predicates."""
    if condition:
        return
    values = np.array([bool(np.asarray(p._value)) for p in preds])
    data = _summarize(values, len(preds))
    raise errors.InvalidArgumentError(
        None,
        None,
        f"Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. "
        f"Summarized data: b'{message}'\n{data}",
    )


def _case_pairs(pred_fn_pairs, exclusive: bool):
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError(
            f"'pred_fn_pairs' must be a list, tuple, or dict. Received: {type(pred_fn_pairs)}"
        )
    if isinstance(pred_fn_pairs, collections.OrderedDict):
        pred_fn_pairs = list(pred_fn_pairs.items())
    elif isinstance(pred_fn_pairs, dict):
        if not exclusive:
            raise ValueError(
                "Unordered dictionaries are not supported for the 'pred_fn_pairs' argument "
                "when `exclusive=False` and eager mode is enabled."
            )
        pred_fn_pairs = list(pred_fn_pairs.items())
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'pred_fn_pairs' must be a 2-tuple. Received {pair}.")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred.dtype.name != "bool":
                # TF formats pred.name, which eager tensors do not have.
                raise AttributeError("Tensor.name is undefined when eager execution is enabled.")
        else:
            raise TypeError(f"pred must be a Tensor, got: {pred}")
        if not callable(fn):
            raise AttributeError("Tensor.name is undefined when eager execution is enabled.")
    if not pred_fn_pairs:
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    return [p for p, _ in pred_fn_pairs], [f for _, f in pred_fn_pairs]


def case(
    pred_fn_pairs: Any,
    default: Callable[..., Any] | None = None,
    exclusive: bool = False,
    strict: bool = False,
    name: str = "case",
) -> Any:
    """Run the function of the first true predicate (TF's ``tf.case``).

    ``pred_fn_pairs`` is a list of ``(bool Tensor, callable)`` pairs. With no
    true predicate, ``default`` runs; without a default, the last function
    stands in and TF's InvalidArgumentError is raised when no predicate is
    true. ``exclusive=True`` also requires at most one true predicate.

    >>> import tapeflow as tf
    >>> x = tf.constant(5)
    >>> r = tf.case([(x < 0, lambda: tf.constant(-1)), (x > 3, lambda: tf.constant(1))],
    ...             default=lambda: tf.constant(0))
    >>> print(r)
    tf.Tensor(1, shape=(), dtype=int32)
    """
    preds, fns = _case_pairs(pred_fn_pairs, exclusive)
    truths = [_truth(p) for p in preds]
    if default is None:
        # TF's stand-in default: the last function, guarded by assertions that
        # run only if it is chosen; the exclusive check sees the others only.
        last_pred, last_fn, last_truth = preds.pop(), fns.pop(), truths.pop()

        def default():
            _assert(not any(truths), _DEFAULT_CALLED % len(preds), preds)
            _assert(
                last_truth,
                "Input error: None of conditions evaluated as True:",
                [*preds, last_pred],
            )
            return last_fn()

    if exclusive:
        names = ", ".join("?" for _ in preds)
        _assert(
            sum(truths) <= 1,
            f"Input error: exclusive=True: more than 1 conditions ({names}) evaluated as True:",
            preds,
        )
    # Nested conds, as TF builds them: case(p0 -> f0, p1 -> f1) = cond(p0, f0, cond(p1, f1, default)).
    chosen = default
    for pred, fn in zip(reversed(preds), reversed(fns)):
        chosen = functools.partial(_run_cond, pred, fn, chosen)
    result = chosen()
    if not strict and isinstance(result, (list, tuple)) and len(result) == 1:
        return result[0]  # TF's case is built on the v1 cond, which unpacks singletons
    return result


_DEFAULT_CALLED = (
    "Implementation error: selected default action #%d was called, but some of other "
    "predicates are True: "
)


# --------------------------------------------------------------------------
# tf.while_loop
# --------------------------------------------------------------------------
class _Spec:
    """What TF's structure errors print for a loop variable: its TensorSpec."""

    # TF's messages name the class of each leaf; this stands in for TensorSpec.

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


_Spec.__name__ = _Spec.__qualname__ = "TensorSpec"


def _spec_of(value) -> Any:
    if _is_sequence(value):
        return _map_leaves(_spec_of, value)
    if isinstance(value, Tensor):
        shape = tuple(np.shape(value._value))
        return _Spec(f"TensorSpec(shape={shape}, dtype=tf.{value.dtype.name}, name=None)")
    if value is None or isinstance(value, (bool, int, float, complex, np.generic, np.ndarray)):
        if value is not None:
            return _spec_of(convert_to_tensor(value))
    return value


_sequence_classes: dict = {}  # class -> is it a nest sequence (list, tuple, mapping)


def _is_sequence(value) -> bool:
    cls = value.__class__
    answer = _sequence_classes.get(cls)
    if answer is None:
        answer = _sequence_classes[cls] = issubclass(cls, (list, tuple, collections.abc.Mapping))
    return answer


def _map_leaves(fn, value):
    if isinstance(value, collections.abc.Mapping):
        return type(value)((key, _map_leaves(fn, value[key])) for key in value)
    if isinstance(value, (list, tuple)):
        items = [_map_leaves(fn, item) for item in value]
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            return type(value)(*items)
        return type(value)(items)
    return fn(value)


def _as_list(loop_vars) -> list:
    """list(loop_vars), as TF calls it on a body's result (a scalar Tensor cannot be listed)."""
    if isinstance(loop_vars, Tensor) and np.ndim(loop_vars._value) == 0:
        raise TypeError("Cannot iterate over a scalar tensor.")
    return list(loop_vars)


def _describe(value) -> str:
    return f"type={type(value).__name__} str={str(value)}"


_DOT = _Spec(".")


def assert_same_structure(first: Any, second: Any) -> None:
    """Raise TF's nest error (ValueError or TypeError) if the structures differ.

    >>> from tapeflow.control_flow import assert_same_structure
    >>> assert_same_structure((1, [2]), (3, [4]))
    >>> assert_same_structure((1, 2), [3, 4])
    Traceback (most recent call last):
    ...
    TypeError: The two structures don't have the same nested structure.
    <BLANKLINE>
    First structure: type=tuple str=(1, 2)
    <BLANKLINE>
    Second structure: type=list str=[3, 4]
    <BLANKLINE>
    More specifically: The two namedtuples don't have the same sequence type. First structure type=tuple str=(1, 2) has type tuple, while second structure type=list str=[3, 4] has type list
    Entire first structure:
    (., .)
    Entire second structure:
    [., .]
    """
    problem = _structure_problem(first, second)
    if problem is None:
        return
    kind, detail = problem
    raise kind(
        "The two structures don't have the same nested structure.\n\n"
        f"First structure: {_describe(first)}\n\nSecond structure: {_describe(second)}\n\n"
        f"More specifically: {detail}\n"
        f"Entire first structure:\n{_map_leaves(lambda _: _DOT, first)}\n"
        f"Entire second structure:\n{_map_leaves(lambda _: _DOT, second)}"
    )


def _structure_problem(first, second):
    first_seq, second_seq = _is_sequence(first), _is_sequence(second)
    if first_seq != second_seq:
        seq, leaf = (first, second) if first_seq else (second, first)
        return ValueError, (
            f'Substructure "{_describe(seq)}" is a sequence, while substructure '
            f'"{_describe(leaf)}" is not'
        )
    if not first_seq:
        return None
    both_maps = isinstance(first, collections.abc.Mapping) and isinstance(
        second, collections.abc.Mapping
    )
    if type(first) is not type(second) and not both_maps:
        return TypeError, (
            f"The two namedtuples don't have the same sequence type. First structure "
            f"{_describe(first)} has type {type(first).__name__}, while second structure "
            f"{_describe(second)} has type {type(second).__name__}"
        )
    if both_maps:
        if set(first) != set(second):
            return ValueError, (
                "The two dictionaries don't have the same set of keys. First structure has "
                f"keys {_describe(sorted(first))}, while second structure has keys "
                f"{_describe(sorted(second))}"
            )
        first_items = [first[key] for key in sorted(first)]
        second_items = [second[key] for key in sorted(second)]
    else:
        first_items, second_items = list(first), list(second)
    for a, b in zip(first_items, second_items):
        problem = _structure_problem(a, b)
        if problem is not None:
            return problem
    if len(first_items) != len(second_items):
        return ValueError, (
            "The two structures don't have the same number of elements. First structure: "
            f"{_describe(first)}. Second structure: {_describe(second)}"
        )
    return None


def _read_variables(value):
    if isinstance(value, Variable):
        return value.read_value()
    if _is_sequence(value):
        return _map_leaves(_read_variables, value)
    return value


def _convert_result(value):
    from .tensor_array import TensorArray

    if value is None or isinstance(value, (Tensor, TensorArray)):
        return value
    return convert_to_tensor(value)


def while_loop(
    cond: Callable[..., Any],
    body: Callable[..., Any],
    loop_vars: Any,
    shape_invariants: Any = None,
    parallel_iterations: int = 10,
    back_prop: bool = True,
    swap_memory: bool = False,
    maximum_iterations: TensorLike = None,
    name: str | None = None,
) -> Any:
    """Repeat ``body`` while ``cond`` is true (TF's ``tf.while_loop``).

    ``loop_vars`` is a list or tuple whose items are passed to ``cond`` and
    ``body`` positionally; an item may be any nested structure. As in
    TensorFlow, ``body`` must return a list or tuple with the same structure.
    ``maximum_iterations`` stops the loop after that many steps;
    ``shape_invariants``, ``parallel_iterations``, ``back_prop`` and
    ``swap_memory`` are accepted (they only matter to TF's graphs).

    >>> import tapeflow as tf
    >>> x = tf.constant(1.5)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(x)
    ...     _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x), [0, x])
    >>> print(y, tape.gradient(y, x))
    tf.Tensor(5.0625, shape=(), dtype=float32) tf.Tensor(13.5, shape=(), dtype=float32)
    """
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    if not back_prop:
        _warn_back_prop()
    loop_vars = _read_variables(loop_vars)
    if not loop_vars:
        raise ValueError("'loop_vars' must be provided.")
    len(loop_vars)  # TF asks, so a scalar Tensor raises its TypeError here
    if maximum_iterations is not None:
        limit: Any = convert_to_tensor(maximum_iterations)
        if np.ndim(limit._value) != 0:
            raise ValueError(
                f"'maximum_iterations' must be a scalar. Received shape: {limit.shape}"
            )
        start: Any = 0
        if _trace_hook is None:
            limit = int(limit)
        else:  # while tracing the limit stays a tensor: a loop node reads each call's
            start = convert_to_tensor(np.zeros((), limit._value.dtype))
        user_cond, user_body = cond, body

        def cond(i, lv):
            return _logical_and(i < limit, user_cond(*lv))

        def body(i, lv):
            return (i + 1, user_body(*lv))

        loop_vars = (start, loop_vars)
    result = _map_leaves(_convert_result, _run_while(cond, body, loop_vars))
    return result[1] if maximum_iterations is not None else result


_back_prop_warned = False


def _warn_back_prop() -> None:
    # TF's deprecation notice, once per process, naming the caller's line.
    global _back_prop_warned
    if _back_prop_warned:
        return
    _back_prop_warned = True
    caller = sys._getframe(2)
    _log.logger().warning(
        f"From {caller.f_code.co_filename}:{caller.f_lineno}: calling while_loop "
        "(from tapeflow.control_flow) with back_prop=False is deprecated and will be removed "
        "in a future version.\nInstructions for updating:\nback_prop=False is deprecated. "
        "Consider using tf.stop_gradient instead.\nInstead of:\nresults = "
        "tf.while_loop(c, b, vars, back_prop=False)\nUse:\nresults = "
        "tf.nest.map_structure(tf.stop_gradient, tf.while_loop(c, b, vars))"
    )


def _logical_and(a, b):
    if a is True and b.__class__ is Tensor and b.dtype.name == "bool":
        return b  # what logical_and(True, b) gives, without converting
    from .math import logical_and

    return logical_and(a, b)
