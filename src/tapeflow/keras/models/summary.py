"""model.summary(): Keras 3's table of layers, output shapes and parameter counts.

Keras draws the table with the rich library; this module draws the same
box characters and column widths itself (no colour or bold).

>>> import tapeflow as tf
>>> from tapeflow.keras.models.summary import memory_text
>>> memory_text(1700 * 4)
'6.64 KB'
"""

from __future__ import annotations

import shutil
from typing import Any

import numpy as np

from ..layers.base import InputLayer


def memory_text(size: float) -> str:
    """A byte count as Keras prints it (two decimals, B to TB).

    >>> import tapeflow as tf
    >>> memory_text(512), memory_text(3 * 1024 ** 2)
    ('512.00 B', '3.00 MB')
    """
    units = ["B", "KB", "MB", "GB", "TB"]
    unit = units.pop(0)
    while size / 1024 >= 1 and units:
        size /= 1024
        unit = units.pop(0)
    return f"{size:.2f} {unit}"


def _reduce(excess: int, widths: list) -> list:
    # Take the excess from the columns in turn, each its rounded fair share.
    result, remaining, shares = [], excess, len(widths)
    for width in widths:
        taken = min(width, round(remaining / shares))
        result.append(width - taken)
        remaining -= taken
        shares -= 1
    return result


def _wrap(text: str, width: int) -> list:
    lines, line = [], ""
    for word in text.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _shape_text(layer: Any) -> str:
    shape = layer._output_shape
    if shape is None:
        return "?"
    if isinstance(shape, list):  # several outputs print as a tuple of shapes
        return str(tuple(tuple(s) for s in shape))
    return str(tuple(shape))


def _weights_size(weights: Any) -> tuple:
    count = sum(int(np.prod(w.shape)) for w in weights)
    size = sum(int(np.prod(w.shape)) * w.dtype.size for w in weights)
    return count, size


def _connections(layer: Any, model_nodes: Any) -> str:
    parts = []
    for node in layer._inbound_nodes:
        if model_nodes is not None and all(node is not n for n in model_nodes):
            continue
        for tensor in node.parents:
            source = tensor.node.layer
            index = next(i for i, n in enumerate(source._inbound_nodes) if n is tensor.node)
            parts.append(f"{source.name}[{index}][{tensor.index}]")
    return ", ".join(parts) or "-"


def _sequential_like(model: Any) -> bool:
    nodes = getattr(model, "_nodes", None)
    if nodes is None:
        return True
    for node in nodes:
        if len(node.parents) > 1:
            return False
    layers = [n.layer for n in nodes if not isinstance(n.layer, InputLayer)]
    return (
        len({id(layer) for layer in layers}) == len(layers)
        and sum(isinstance(n.layer, InputLayer) for n in nodes) <= 1
    )


def print_summary(
    model: Any,
    line_length: Any = None,
    positions: Any = None,
    print_fn: Any = None,
    show_trainable: bool = False,
) -> None:
    """Print ``model``'s summary table (what ``Model.summary`` calls).

    >>> import tapeflow as tf
    >>> model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1, name="out")], name="probe")
    >>> print_summary(model, line_length=50)
    Model: "probe"
    ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
    ┃ Layer (type)        ┃ Output Shape   ┃ Param # ┃
    ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
    │ out (Dense)         │ (None, 1)      │       5 │
    └─────────────────────┴────────────────┴─────────┘
     Total params: 5 (20.00 B)
     Trainable params: 5 (20.00 B)
     Non-trainable params: 0 (0.00 B)
    """
    sequential = _sequential_like(model)
    if sequential:
        default, positions = 88, positions or [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        align = ["left", "left", "right"]
        layers = [layer for layer in model.layers if not isinstance(layer, InputLayer)]
    else:
        default, positions = 108, positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        align = ["left", "left", "right", "left"]
        layers = model.layers
    if show_trainable:
        default += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        align.append("center")
    default = min(default, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default
    widths, current = [], 0
    for position in positions:
        width = int(position * line_length) - current
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(width)
        current += width
    cells = [w + 2 for w in widths]  # one space of padding on each side
    excess = sum(cells) + len(cells) + 1 - line_length
    if excess > 0:
        cells = _reduce(excess, cells)

    rows = []
    model_nodes = getattr(model, "_nodes", None)
    for layer in layers:
        if layer.built:
            params = f"{layer.count_params():,}"
        else:
            params = "0 (unbuilt)"
        row = [f"{layer.name} ({type(layer).__name__})", _shape_text(layer), params]
        if not sequential:
            row.append(_connections(layer, model_nodes))
        if show_trainable:
            row.append(("Y" if layer.trainable else "N") if layer.weights else "-")
        rows.append(row)

    def line(left: str, fill: str, middle: str, right: str) -> str:
        return left + middle.join(fill * c for c in cells) + right

    def draw(values: Any, edge: str) -> list[str]:
        wrapped = [_wrap(str(v), c - 2) for v, c in zip(values, cells)]
        out = []
        for i in range(max(len(w) for w in wrapped)):
            parts = []
            for lines, cell, how in zip(wrapped, cells, align):
                text = lines[i] if i < len(lines) else ""
                inner = cell - 2
                if how == "right":
                    text = text.rjust(inner)
                elif how == "center":
                    text = text.center(inner)
                else:
                    text = text.ljust(inner)
                parts.append(f" {text} ")
            out.append(edge + edge.join(parts) + edge)
        return out

    text = [f'Model: "{model.name}"', line("┏", "━", "┳", "┓")]
    text += draw(header, "┃")
    text.append(line("┡", "━", "╇", "┩"))
    for i, row in enumerate(rows):
        if i:
            text.append(line("├", "─", "┼", "┤"))
        text += draw(row, "│")
    text.append(line("└", "─", "┴", "┘"))
    trainable, trainable_size = _weights_size(model.trainable_weights)
    frozen, frozen_size = _weights_size(model.non_trainable_weights)
    optimizer = getattr(model, "optimizer", None)
    opt_vars = (
        list(getattr(optimizer, "variables", []) or [])
        if optimizer is not None and getattr(optimizer, "built", False)
        else []
    )
    opt_count, opt_size = _weights_size(opt_vars)
    total = trainable + frozen + opt_count
    text.append(
        f" Total params: {total:,} ({memory_text(trainable_size + frozen_size + opt_size)})"
    )
    text.append(f" Trainable params: {trainable:,} ({memory_text(trainable_size)})")
    text.append(f" Non-trainable params: {frozen:,} ({memory_text(frozen_size)})")
    if opt_vars:
        text.append(f" Optimizer params: {opt_count:,} ({memory_text(opt_size)})")
    message = "\n".join(text) + "\n"
    if print_fn is None:
        print(message, end="")
    else:
        print_fn(message)
