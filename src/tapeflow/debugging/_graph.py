"""A picture of the tape: Graphviz DOT text, rendered to SVG/PNG when Graphviz is installed.

One box per recorded op (its TF name, output shape and dtype), one ellipse per
value that entered from outside (watched sources in green, variables, constants).
Given a target and sources, the ops on the gradient path are drawn in blue, the
target in bold, and ops that cut the path (seen only while
``enable_gradient_explanations`` is on) as red octagons. Several tapes (nested
tapes) share one picture; each op says which of them recorded it.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from .._backprop import records_on_path
from .._nest import flatten
from .._tape import GradientTape
from .._variable import Variable
from . import _provenance

__all__ = ["TapeGraph", "tape_graph"]

_FILLS = [("white", "#ffffff"), ("yellow", "#fff2cc"), ("green", "#e2f0d9"),
          ("blue", "#dae8fc"), ("pink", "#f8cecc"), ("purple", "#e1d5e7")]  # fmt: skip


class TapeGraph(str):
    """DOT text (a ``str``) that can render itself with Graphviz.

    ``render(path)`` writes an SVG or PNG (by the file's suffix, or ``format``)
    using the ``graphviz`` Python package or the ``dot`` program.

    >>> import tapeflow as tf
    >>> graph = tf.debugging.tape_graph(lambda x: x * x, sources=[tf.constant(2.0)])
    >>> isinstance(graph, str), graph.splitlines()[0]
    (True, 'digraph tape {')
    """

    def pipe(self, format: str = "svg") -> bytes:
        """The rendered picture as bytes (``format``: 'svg', 'png', ...).

        Without Graphviz it raises a RuntimeError that says what to install.

        >>> graph = tf.debugging.tape_graph(lambda x: x * x, sources=[tf.constant(2.0)])
        >>> try:
        ...     works = b"<svg" in graph.pipe("svg")
        ... except RuntimeError as error:  # Graphviz is not installed here
        ...     works = "needs Graphviz" in str(error)
        >>> works
        True
        """
        try:
            import graphviz  # the optional extra
        except ImportError:
            graphviz = None
        if graphviz is not None:
            return graphviz.Source(str(self)).pipe(format=format)
        dot = shutil.which("dot")
        if dot is None:
            raise RuntimeError(
                "rendering a tape graph needs Graphviz: install the `dot` program "
                "(e.g. apt-get install graphviz) or `pip install tapeflow[graphviz]`"
            )
        done = subprocess.run(
            [dot, f"-T{format}"], input=str(self).encode(), capture_output=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout

    def render(self, path: str, format: str | None = None) -> str:
        """Write the picture to ``path``; returns the path.

        Without Graphviz it raises the RuntimeError of ``pipe``.

        >>> import os, tempfile
        >>> graph = tf.debugging.tape_graph(lambda x: x * x, sources=[tf.constant(2.0)])
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = os.path.join(folder, "tape.svg")
        ...     try:
        ...         works = graph.render(path) == path and os.path.getsize(path) > 0
        ...     except RuntimeError as error:  # Graphviz is not installed here
        ...         works = "needs Graphviz" in str(error)
        >>> works
        True
        """
        format = format or path.rsplit(".", 1)[-1]
        with open(path, "wb") as file:
            file.write(self.pipe(format))
        return path

    def _repr_svg_(self) -> str:  # Jupyter shows the picture
        return self.pipe("svg").decode()


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _shape_text(value) -> str:
    dims = ",".join(str(d) for d in value._value.shape)
    return f"[{dims}] {value.dtype.name}"


def _records_of(tape) -> list:
    if tape._state is not None:
        return tape._state.records
    history = _provenance.history(tape)
    if history is not None and history.spent is not None:
        return history.spent.records
    raise ValueError(
        "this tape was used by a non-persistent gradient() call and kept no records: "
        "draw it before calling gradient(), or use GradientTape(persistent=True)"
    )


def _trace(fn, sources) -> tuple[list, object, list]:
    """Run ``fn(*sources)`` under a persistent tape; its records and result."""
    sources = flatten(sources) if sources is not None else []
    with GradientTape(persistent=True) as tape:
        for s in sources:
            tape.watch(s)
        target = fn(*sources)
    return [("", tape)], target, sources


def tape_graph(
    tape_or_function: Any,
    target: Any = None,
    sources: Any = None,
    names: list[str] | None = None,
) -> TapeGraph:
    """The recorded computation as Graphviz DOT text (a ``TapeGraph``, a ``str``).

    Args:
        tape_or_function: a GradientTape (persistent, or not yet used), a list
            of tapes (nested tapes: one picture, each op labelled with the tapes
            that recorded it), or a function, run as ``fn(*sources)`` under a
            fresh persistent tape that watches ``sources`` (its result is the
            target).
        target: a Tensor or structure of them, drawn in bold.
        sources: Tensors or Variables; with a target, the gradient path is drawn
            in blue.
        names: optional names for the tapes in a list (default: tape 0, 1, ...).

    >>> import tapeflow as tf
    >>> x = tf.constant(2.0)
    >>> with tf.GradientTape(persistent=True) as tape:
    ...     tape.watch(x)
    ...     y = tf.sin(x) * x
    >>> dot = tf.debugging.tape_graph(tape, target=y, sources=x)
    >>> dot.splitlines()[0], "Sin" in dot and "Mul" in dot
    ('digraph tape {', True)
    """
    if isinstance(tape_or_function, GradientTape):
        tapes = [("", tape_or_function)]
        flat_sources = flatten(sources) if sources is not None else []
    elif isinstance(tape_or_function, (list, tuple)):
        labels = names or [f"tape {i}" for i in range(len(tape_or_function))]
        tapes = list(zip(labels, tape_or_function))
        flat_sources = flatten(sources) if sources is not None else []
    elif callable(tape_or_function):
        tapes, result, flat_sources = _trace(tape_or_function, sources)
        target = result if target is None else target
    else:
        raise TypeError(
            "tape_graph expects a GradientTape, a list of tapes or a function, got "
            f"{type(tape_or_function).__name__}"
        )
    flat_targets = flatten(target) if target is not None else []

    # Every record of every tape, once, in execution order; who recorded it.
    by_out: dict[int, tuple] = {}
    recorded_by: dict[int, list[str]] = {}
    for label, tape in tapes:
        for record in _records_of(tape):
            key = id(record[2])
            by_out.setdefault(key, record)
            recorded_by.setdefault(key, []).append(label)
    records = sorted(by_out.values(), key=_first_id)

    on_path: set[int] = set()
    if flat_targets and flat_sources:
        downstream, _ = records_on_path(records, [s._id for s in flat_sources])
        needed = {t._id for t in flat_targets}
        for record in reversed(downstream):
            if any(o._id in needed for o in _outputs(record)):
                on_path.add(id(record[2]))
                needed.update(x._id for x in record[1])

    producers = {o._id: record for record in records for o in _outputs(record)}
    cuts = _cutting_entries(flat_targets, flat_sources, producers)

    lines = [
        "digraph tape {",
        "  rankdir=TB;",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [color="#555555"];',
    ]
    source_ids = {s._id for s in flat_sources}
    target_ids = {t._id for t in flat_targets}
    leaves: dict[int, Any] = {}
    combos: dict[tuple, tuple[str, str]] = {}

    def value_node(x) -> str:
        record = producers.get(x._id)
        if record is not None:
            return f"op{x._id if not record[0].multiple_results else _outputs(record)[0]._id}"
        cut = cuts.get(x._id)
        if cut is not None:
            return f"cut{cut.outputs[0]._id}"
        leaves.setdefault(x._id, x)
        return f"v{x._id}"

    edges = []
    for record in records:
        prim, inputs, out, _ = record
        outputs = _outputs(record)
        node = f"op{outputs[0]._id}"
        label = prim.tf_name + "\n" + " ".join(_shape_text(o) for o in outputs)
        who = recorded_by[id(out)]
        if len(tapes) > 1:
            label += "\nrecorded by: " + ", ".join(who)
        fill = combos.setdefault(tuple(who), _FILLS[len(combos) % len(_FILLS)])[1]
        style = [f"label={_quote(label)}", "shape=box", "style=\"rounded,filled\"",
                 f'fillcolor="{fill}"']  # fmt: skip
        if id(out) in on_path:
            style += ['color="#1f5fbf"', "penwidth=2"]
        if any(o._id in target_ids for o in outputs):
            style += ["peripheries=2"]
            label += "\n(target)"
            style[0] = f"label={_quote(label)}"
        lines.append(f"  {node} [{', '.join(style)}];")
        for x in inputs:
            attrs = ' [color="#1f5fbf", penwidth=2]' if id(out) in on_path else ""
            edges.append(f"  {value_node(x)} -> {node}{attrs};")
    for entry in {id(e): e for e in cuts.values()}.values():
        node = f"cut{entry.outputs[0]._id}"
        name = entry.prim.tf_name if entry.prim is not None else "ReadVariableOp"
        # The first unrecorded op after the tape's values cuts the path; the ones
        # after it are merely unrecorded as a consequence.
        first = any(x._id in producers or x._id in source_ids for x in entry.inputs)
        label = f"{name}\n{_shape_text(entry.outputs[0])}\n"
        label += "cuts the gradient" if first else "not recorded"
        if entry.site is not None:
            label += f"\nline {entry.site.lineno}"
        if any(o._id in target_ids for o in entry.outputs):
            label += "\n(target)"
        if first:
            look = 'shape=octagon, color="#c00000", fontcolor="#c00000", penwidth=2'
        else:
            look = 'shape=box, style=dashed, color="#888888"'
        lines.append(f"  {node} [label={_quote(label)}, {look}];")
        for x in entry.inputs:
            edges.append(f'  {value_node(x)} -> {node} [color="#c00000", style=dashed];')
    for x_id, x in leaves.items():
        if isinstance(x, Variable):
            label = f"Variable '{x.name}'\n{_shape_text(x)}"
        elif x_id in source_ids:
            label = f"source\n{_shape_text(x)}"
        elif x._value.size == 1:
            label = f"constant {x._value.reshape(-1)[0]}\n{_shape_text(x)}"
        else:
            label = f"tensor\n{_shape_text(x)}"
        style = [f"label={_quote(label)}", "shape=ellipse"]
        if x_id in source_ids:
            style += ["style=filled", 'fillcolor="#b7e1b0"', "penwidth=2"]
        lines.append(f"  v{x_id} [{', '.join(style)}];")
    for t in flat_targets:
        if t._id not in producers and t._id not in leaves and t._id not in cuts:
            lines.append(f"  v{t._id} [label={_quote('target (not recorded)')}, shape=plaintext];")
    if len(tapes) > 1:
        legend = "\\l".join(f"{', '.join(k)}: {v[0]}" for k, v in combos.items())
        lines.append(f'  legend [shape=note, label="fill colour = tapes that recorded the op\\l'
                     f'{legend}\\l"];')  # fmt: skip
    lines.extend(dict.fromkeys(edges))
    lines.append("}")
    return TapeGraph("\n".join(lines) + "\n")


def _outputs(record) -> tuple:
    out = record[2]
    return out if record[0].multiple_results else (out,)


def _first_id(record) -> int:
    return _outputs(record)[0]._id


def _cutting_entries(targets, sources, producers) -> dict:
    """Ops seen by the explanation mode between sources and targets that no tape recorded."""
    provenance = _provenance.current()
    if provenance is None or not targets or not sources:
        return {}
    entries = provenance.entries
    reached = {s._id for s in sources}
    for entry in {id(e): e for e in entries.values()}.values():
        if any(x._id in reached for x in entry.inputs):
            reached.update(o._id for o in entry.outputs)
    cuts, queue, seen = {}, [t._id for t in targets], set()
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        found = entries.get(current)
        if found is None:
            continue
        entry = found
        if current not in producers and current in reached and entry.prim is not None:
            cuts[current] = entry
        queue.extend(x._id for x in entry.inputs)
    return cuts
