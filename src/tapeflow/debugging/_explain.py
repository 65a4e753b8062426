"""Why is my gradient None? ``explain_gradient`` and the logging mode.

The tape itself says whether a source was watched and whether the target was
recorded. Why a path was cut (an op with no gradient, a value that left
tapeflow through ``.numpy()``, a computation done while the tape was not
recording, a variable read too early) needs what ``_provenance`` keeps while
``enable_gradient_explanations()`` is on; without it the explanation says
what it can and asks for the mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._backprop import records_on_path
from .._nest import flatten
from .._tape import GradientTape
from .._tensor import Tensor
from .._variable import Variable
from . import _provenance
from ._sites import Site

__all__ = [
    "GradientExplanation",
    "Reason",
    "disable_gradient_explanations",
    "enable_gradient_explanations",
    "explain_gradient",
]

_HINT = (
    "Call tf.debugging.enable_gradient_explanations() before the computation to learn "
    "which op or line cut the path."
)


@dataclass(frozen=True)
class Reason:
    """One reason a source gets no gradient: a stable ``code`` and plain words.

    >>> import tapeflow as tf
    >>> x = tf.constant(1.0)
    >>> with tf.GradientTape() as tape:
    ...     y = x + 1.0
    >>> reason = tf.debugging.explain_gradient(tape, y, x).reasons[0][0]
    >>> reason.code, reason.op
    ('not_watched', None)
    """

    code: str
    message: str
    op: str | None = None  # the TensorFlow op name involved, if any
    site: Site | None = None  # the user's line that matters

    @property
    def filename(self) -> str | None:
        """The file of the user's line that matters (None when no line was recorded).

        >>> import tapeflow as tf
        >>> tf.debugging.Reason("not_watched", "never watched").filename is None
        True
        """
        return None if self.site is None else self.site.filename

    @property
    def lineno(self) -> int | None:
        """The line number of the user's line that matters (None when none was recorded).

        >>> import tapeflow as tf
        >>> tf.debugging.Reason("not_watched", "never watched").lineno is None
        True
        """
        return None if self.site is None else self.site.lineno

    def __str__(self) -> str:
        return self.message


class GradientExplanation:
    """The reasons for each source (flattened in ``tf.nest`` order); empty: it has a gradient.

    >>> import tapeflow as tf
    >>> w, b = tf.Variable(2.0), tf.Variable(1.0)
    >>> with tf.GradientTape() as tape:
    ...     y = w * 3.0
    >>> explanation = tf.debugging.explain_gradient(tape, y, [w, b])
    >>> [len(r) for r in explanation.reasons]
    [0, 1]
    """

    def __init__(self, sources: list, reasons: list[list[Reason]]) -> None:
        self.sources = sources
        self.reasons = reasons

    def __str__(self) -> str:
        lines = []
        for i, (source, reasons) in enumerate(zip(self.sources, self.reasons)):
            what = _describe(source)
            if not reasons:
                lines.append(f"source {i} ({what}): connected to the target.")
                continue
            lines.append(f"source {i} ({what}) gets no gradient:")
            lines.extend(f"  - {reason.message}" for reason in reasons)
        return "\n".join(lines)

    __repr__ = __str__


def _describe(value) -> str:
    if isinstance(value, Variable):
        return f"Variable '{value.name}'"
    return f"tensor shape={tuple(value._value.shape)} dtype={value.dtype.name}"


def _at(site: Site | None) -> str:
    return f" at {site}" if site is not None else ""


# -- the provenance graph ------------------------------------------------------------
def _path(provenance, target, source) -> list | None:
    """Entries from ``source`` to ``target`` (source end first), or None."""
    entries = provenance.entries
    if target._id not in entries:
        return None
    parent: dict[int, tuple] = {}
    queue = [target._id]
    seen = {target._id}
    while queue:
        current = queue.pop()
        entry = entries.get(current)
        if entry is None:
            continue
        for x in entry.inputs:
            if x._id == source._id:
                path = [entry]
                node = current
                while node in parent:
                    node, step = parent[node]
                    path.append(step)
                return path
            if x._id not in seen and x._id in entries:
                seen.add(x._id)
                parent[x._id] = (current, entries[current])
                queue.append(x._id)
    return None


def _ancestry_leaves(provenance, target) -> list:
    """Values the target was computed from that no op seen here produced."""
    entries = provenance.entries
    leaves, queue, seen = [], [target._id], {target._id}
    while queue:
        entry = entries.get(queue.pop())
        if entry is None:
            continue
        for x in entry.inputs:
            if x._id in seen:
                continue
            seen.add(x._id)
            if x._id in entries:
                queue.append(x._id)
            else:
                leaves.append((x, entry))
    return leaves


def _reads_in_ancestry(provenance, target) -> list:
    entries = provenance.entries
    reads, queue, seen = [], [target._id], {target._id}
    while queue:
        entry = entries.get(queue.pop())
        if entry is None:
            continue
        if entry.prim is None:
            reads.append(entry)
            continue
        for x in entry.inputs:
            if x._id not in seen and x._id in entries:
                seen.add(x._id)
                queue.append(x._id)
    return reads


def _descendants(provenance, source) -> set:
    reached = {source._id}
    done = set()
    for entry in provenance.entries.values():
        if id(entry) in done:
            continue
        done.add(id(entry))
        if any(x._id in reached for x in entry.inputs):
            reached.update(o._id for o in entry.outputs)
    return reached


def _same_value(converted, leaf: Tensor) -> bool:
    try:
        value = np.asarray(converted, dtype=leaf._value.dtype)
    except (TypeError, ValueError):
        return False
    return value.shape == leaf._value.shape and bool(np.array_equal(value, leaf._value))


# -- timing: when was something computed, relative to the tape ------------------------
def _timing(history, state, entry) -> Reason:
    mark = entry.outputs[0]._id
    what = "the variable read" if entry.prim is None else f"op {entry.prim.tf_name}"
    op = "ReadVariableOp" if entry.prim is None else entry.prim.tf_name
    events = history.events if history is not None else []
    before = [e for e in events if e[0] < mark]
    after = [e for e in events if e[0] > mark]
    if entry.prim is None:
        text = "before the tape started"
        if before and before[-1][1] in ("exit", "gradient"):
            text = "after the tape stopped recording"
        return Reason(
            "read_before_tape",
            f"the computation used a value of the Variable read{_at(entry.site)}, {text}: "
            "the tape only sees reads made while it records, so read the variable inside "
            "the `with tf.GradientTape()` block",
            op,
            entry.site,
        )
    last = before[-1][1] if before else None
    if last is None:
        started = next((e for e in after if e[1] == "enter"), None)
        return Reason(
            "before_tape",
            f"{what}{_at(entry.site)} ran before the tape started recording"
            + (f" (its `with` block is{_at(started[2])})" if started else "")
            + ": compute the target inside the `with tf.GradientTape()` block",
            op,
            entry.site,
        )
    if last == "pause":
        return Reason(
            "stop_recording",
            f"{what}{_at(entry.site)} ran inside tape.stop_recording() "
            f"(entered{_at(before[-1][2])}), so the tape did not record it",
            op,
            entry.site,
        )
    if last in ("exit", "gradient"):
        how = "its `with` block ended" if last == "exit" else "tape.gradient() stopped it"
        return Reason(
            "after_tape",
            f"{what}{_at(entry.site)} ran after the tape stopped recording ({how}"
            f"{_at(before[-1][2])}): compute the target inside the `with` block",
            op,
            entry.site,
        )
    reset = next((e for e in after if e[1] == "reset"), None)
    if reset is not None:
        return Reason(
            "reset",
            f"{what}{_at(entry.site)} was recorded before tape.reset(){_at(reset[2])}, "
            "which forgets everything recorded until then",
            op,
            entry.site,
        )
    return Reason(
        "not_recording",
        f"{what}{_at(entry.site)} ran while this tape was not recording",
        op,
        entry.site,
    )


def _cut(history, state, path: list) -> Reason | None:
    """The first op on the path (from the source) that the tape cannot differentiate."""
    for entry in path:
        if not any(s is state for s in entry.tapes):
            return _timing(history, state, entry)
        prim = entry.prim
        if prim is None:
            continue
        if not prim.differentiable:
            return Reason(
                "no_gradient_op",
                f"the path goes through {prim.tf_name}{_at(entry.site)}, an op with no "
                "gradient (TensorFlow registers it as non-differentiable)",
                prim.tf_name,
                entry.site,
            )
        if all(o._value.dtype.kind not in "fc" for o in entry.outputs):
            dtype = entry.outputs[0].dtype.name
            return Reason(
                "integer_op",
                f"the path goes through {prim.tf_name}{_at(entry.site)}, whose result has "
                f"dtype {dtype}: integer and bool values carry no gradient",
                prim.tf_name,
                entry.site,
            )
    return None


# -- the reasons for one source -------------------------------------------------------
def _not_watched(state, source, provenance, target, history) -> Reason:
    what = _describe(source)
    if isinstance(source, Variable):
        if not source.trainable:
            return Reason(
                "not_trainable",
                f"{what} was created with trainable=False, so the tape does not watch it "
                "when it is read: call tape.watch() on it inside the `with` block",
            )
        if not state.watch_accessed_variables:
            return Reason(
                "watch_accessed_variables",
                f"the tape was created with watch_accessed_variables=False, and {what} was "
                "never passed to tape.watch()",
            )
        if provenance is not None:
            path = _path(provenance, target, source)
            if path and path[0].prim is None:
                return _timing(history, state, path[0])
            for read in _reads_in_ancestry(provenance, target):
                other = read.inputs[0]
                if other is not source and other.name == source.name:
                    return Reason(
                        "different_object",
                        f"the computation read a different Variable named '{other.name}'"
                        f"{_at(read.site)}: the one passed to gradient() is another object "
                        "(was the variable re-created?)",
                        "ReadVariableOp",
                        read.site,
                    )
        for other in state.variables.values():
            if other is not source and other.name == source.name:
                return Reason(
                    "different_object",
                    f"the tape watched a different Variable named '{other.name}': the one "
                    "passed to gradient() is another object (was the variable re-created?)",
                )
        return Reason(
            "never_read",
            f"{what} was never read while the tape was recording",
        )
    if provenance is not None:
        for leaf, entry in _ancestry_leaves(provenance, target):
            if (
                entry.prim is not None
                and leaf._id in state.watched
                and leaf is not source
                and leaf._value.shape == source._value.shape
                and leaf._value.dtype == source._value.dtype
            ):
                watched_at = history.watch_sites.get(leaf._id) if history else None
                return Reason(
                    "different_object",
                    f"the computation used a different watched tensor of the same shape and "
                    f"dtype (watched{_at(watched_at)}, used by {entry.prim.tf_name}"
                    f"{_at(entry.site)}): the tensor passed to gradient() is another object "
                    "(was the name re-assigned?)",
                    entry.prim.tf_name,
                    entry.site,
                )
    return Reason(
        "not_watched",
        f"the source ({what}) was never watched: a constant Tensor needs tape.watch() "
        "inside the `with` block (or make it a tf.Variable)",
    )


def _reasons(tape, state, target, source) -> list[Reason]:
    provenance = _provenance.current()
    history = _provenance.history(tape)
    if state is None:
        return [
            Reason(
                "tape_used",
                "the tape was already used: a non-persistent GradientTape answers one "
                "gradient() call and then drops its records; use GradientTape(persistent=True)",
            )
        ]
    reasons = []
    if source._value.dtype.kind not in "fc":
        reasons.append(Reason(
            "integer_source",
            f"the source has dtype {source.dtype.name}: only floating-point and complex values "
            "have gradients (cast it to tf.float32 before the computation)",
        ))  # fmt: skip
    if target._value.dtype.kind not in "fc":
        reasons.append(Reason(
            "integer_target",
            f"the target has dtype {target.dtype.name}: integer and bool results carry no "
            "gradient",
        ))  # fmt: skip
    if reasons:
        return reasons
    if source._id not in state.watched:
        return [_not_watched(state, source, provenance, target, history)]
    if target._id in records_on_path(state.records, [source._id])[1]:
        return []  # a recorded path: the gradient exists
    if provenance is None:
        if target._id not in state.watched:
            return [Reason(
                "target_not_recorded",
                "the tape did not record the op that produced the target: it was computed "
                "before the tape started, after it stopped, inside stop_recording(), or from "
                "values the tape does not watch. " + _HINT,
            )]  # fmt: skip
        return [Reason(
            "not_connected",
            "no recorded op connects the source to the target: the path goes through an op "
            "with no gradient or leaves tapeflow (.numpy(), float()). " + _HINT,
        )]  # fmt: skip
    path = _path(provenance, target, source)
    if path is not None:
        cut = _cut(history, state, path)
        return [cut] if cut is not None else []
    reached = _descendants(provenance, source)
    for leaf, entry in _ancestry_leaves(provenance, target):
        if isinstance(leaf, Variable):
            continue
        for conversion in reversed(provenance.conversions):
            if conversion.tensor_id in reached and _same_value(conversion.value, leaf):
                return [Reason(
                    "left_tapeflow",
                    f"the path left tapeflow: a value computed from the source was converted "
                    f"with {conversion.how}{_at(conversion.site)} and fed back in (used by "
                    f"{entry.prim.tf_name if entry.prim else 'a read'}{_at(entry.site)}); "
                    "the tape cannot see through NumPy or Python numbers: keep it a Tensor",
                    entry.prim.tf_name if entry.prim else None,
                    conversion.site,
                )]  # fmt: skip
    return [Reason("not_connected", "the target does not depend on the source")]


def _explain(tape, state, target, sources) -> GradientExplanation:
    flat_targets = flatten(target)
    flat_sources = flatten(sources)
    all_reasons = []
    for source in flat_sources:
        reasons: list[Reason] = []
        for t in flat_targets:
            found = _reasons(tape, state, t, source)
            if not found:  # connected to one target: it has a gradient
                reasons = []
                break
            reasons.extend(r for r in found if r not in reasons)
        all_reasons.append(reasons)
    return GradientExplanation(flat_sources, all_reasons)


def explain_gradient(tape: GradientTape, target: Any, sources: Any) -> GradientExplanation:
    """Say, for each source, why ``tape.gradient(target, sources)`` would be None.

    Works on any tape; with ``enable_gradient_explanations()`` on while the
    computation ran, it also names the op and the line that cut the path.

    >>> import tapeflow as tf
    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as tape:
    ...     y = x * x
    >>> print(tf.debugging.explain_gradient(tape, y, x).reasons[0][0].code)
    not_watched
    """
    state = tape._state
    history = _provenance.history(tape)
    if state is not None or history is None or history.spent is None:
        return _explain(tape, state, target, sources)
    # A used-up tape whose last state the mode kept: explain that computation, and
    # say why a connected source gets nothing now.
    explanation = _explain(tape, history.spent, target, sources)
    used = _reasons(tape, None, target, None)
    explanation.reasons = [reasons or used for reasons in explanation.reasons]
    return explanation


def explain_none_results(tape, state, target, sources, result) -> None:
    """Log why each None in a gradient() result is None (the logging mode)."""
    flat_results = flatten(result)
    if all(r is not None for r in flat_results):
        return
    flat_sources = flatten(sources)
    missing = [s for s, r in zip(flat_sources, flat_results) if r is None]
    explanation = _explain(tape, state, target, missing)
    from .._log import logger

    logger().warning("gradient() returned None; why:\n%s", explanation)


def enable_gradient_explanations() -> None:
    """Keep provenance so gradient() logs why a source got None (this thread).

    While on, every op notes its line and tapes note when they start and stop;
    gradient() logs an explanation for each None it returns, and
    ``explain_gradient`` names the op and line that cut the path.

    >>> import tapeflow as tf
    >>> tf.debugging.enable_gradient_explanations()
    >>> tf.debugging.disable_gradient_explanations()
    """
    _provenance.enable()


def disable_gradient_explanations() -> None:
    """Stop keeping provenance (a no-op when off).

    >>> import tapeflow as tf
    >>> tf.debugging.disable_gradient_explanations()
    """
    _provenance.disable()
