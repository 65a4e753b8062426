"""tf.print: prints on every call, eager or inside a tf.function.

Inside a trace, a ``tf.print`` becomes a stateful node of the program: it
prints on every call, in program order (a Python ``print`` runs only while
tracing). Values are formatted as TensorFlow's PrintV2 kernel does: floats
with the fewest of 6/9 (float32) or 15/17 (float64) significant digits that
read back exactly, booleans as 1/0, and ``summarize`` elements at each end
of every axis.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from .._tensor import Tensor, convert_to_tensor
from . import trace as _trace

__all__ = ["print_", "format_tensor_value"]


def _float_text(value, kind, short: int, long: int) -> str:
    """The shorter of two precisions that reads back as the same value of its type."""
    text = f"{float(value):.{short}g}"
    if kind(float(text)) != value and value == value:
        text = f"{float(value):.{long}g}"
    return text


def _element(value) -> str:
    if isinstance(value, bytes):
        return '"' + value.decode("utf-8", "replace") + '"'
    kind = value.dtype.kind
    if kind == "f":
        if value.dtype == np.float64:
            return _float_text(value, np.float64, 15, 17)
        return _float_text(np.float32(value), np.float32, 6, 9)
    if kind == "b":
        return "1" if value else "0"
    if kind in "iu":
        return str(int(value))
    if kind == "O":
        item = value.item() if hasattr(value, "item") else value
        text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
        return f'"{text}"'
    return "?"


def _rows(array, summarize: int, indent: int) -> str:
    n = array.shape[0]
    if 0 <= summarize and n > 2 * summarize:
        positions = list(range(summarize)) + [None] + list(range(n - summarize, n))
    else:
        positions = list(range(n))
    if array.ndim == 1:
        return "[" + " ".join("..." if i is None else _element(array[i]) for i in positions) + "]"
    separator = "\n" * (array.ndim - 1) + " " * indent
    return (
        "["
        + separator.join(
            "..." if i is None else _rows(array[i], summarize, indent + 1) for i in positions
        )
        + "]"
    )


def format_tensor_value(value, summarize: int = 3) -> str:
    """The text TensorFlow's PrintV2 shows for a tensor value.

    >>> import numpy as np
    >>> format_tensor_value(np.arange(10), summarize=2)
    '[0 1 ... 8 9]'
    """
    array = np.asarray(value)
    if array.ndim == 0:
        item = array[()]
        if array.dtype.kind == "O":
            return item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
        return _element(array)
    return _rows(array, summarize, 1)


class Printer:
    """One ``tf.print`` call site of a trace: the layout, with tensor slots."""

    __slots__ = ("layout", "sep", "end", "summarize", "stream")

    def __init__(self, layout, sep, end, summarize, stream):
        self.layout = layout
        self.sep = sep
        self.end = end
        self.summarize = summarize
        self.stream = stream

    def text(self, *values):
        layout = self.layout
        if len(layout) == 1 and layout[0].__class__ is _Slot:
            # A lone scalar string tensor prints raw; beside others it is quoted.
            return self.stream, format_tensor_value(values[0], self.summarize) + self.end
        parts = [self._part(item, values, top=True) for item in layout]
        return self.stream, self.sep.join(parts) + self.end

    def _part(self, item, values, top=False) -> str:
        if item.__class__ is _Slot:
            value = values[item.index]
            if isinstance(value, np.ndarray) and value.dtype.kind == "O" and not value.ndim:
                value = value[()]
            if isinstance(value, bytes):
                return _element(value)
            return format_tensor_value(value, self.summarize)
        if isinstance(item, (list, tuple)):
            inner = ", ".join(self._part(x, values) for x in item)
            if isinstance(item, list):
                return f"[{inner}]"
            return f"({inner}{',' if len(item) == 1 else ''})"
        if isinstance(item, dict):
            inner = ", ".join(f"{k!r}: {self._part(v, values)}" for k, v in item.items())
            return "{" + inner + "}"
        return str(item) if top else repr(item)

    def write(self, stream_and_text) -> None:
        write(stream_and_text)


class _Slot:
    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


# Output of traces in progress, held until each completes (innermost last): in
# TensorFlow a trace prints nothing; the program that follows does.
buffers: list[list] = []
# The real (stdout, stderr) while a silent re-trace has redirected Python's.
real_streams: list[tuple] = []


def drop_buffer(pending: list) -> None:
    """Take ``pending`` off the buffer stack (by identity: empty buffers are all equal)."""
    for i in range(len(buffers) - 1, -1, -1):
        if buffers[i] is pending:
            del buffers[i]
            return


def write(stream_and_text) -> None:
    stream, text = stream_and_text
    if stream == "stdout":
        stream = real_streams[-1][0] if real_streams else sys.stdout
    elif stream == "stderr":
        stream = real_streams[-1][1] if real_streams else sys.stderr
    elif isinstance(stream, str):
        with open(stream[len("file://") :], "a", encoding="utf-8") as handle:
            handle.write(text)
        return
    stream.write(text)


def emit(printer: Printer, tensors: list) -> None:
    """Print (held while a trace runs) and become a node of every open trace."""
    for trace in _trace._traces.stack:
        trace.nodes.append((_trace.PRINT, printer, tensors))
    text = printer.text(*[t._value for t in tensors])
    if buffers:
        buffers[-1].append(text)
    else:
        write(text)


def _layout(item, tensors: list):
    if item.__class__ is Tensor or hasattr(item, "_as_tensor"):
        tensors.append(convert_to_tensor(item))
        return _Slot(len(tensors) - 1)
    if isinstance(item, list):
        return [_layout(x, tensors) for x in item]
    if isinstance(item, tuple):
        return tuple(_layout(x, tensors) for x in item)
    if isinstance(item, dict):
        return {k: _layout(v, tensors) for k, v in item.items()}
    return item


def _stream_name(stream):
    if stream is sys.stdout or stream is sys.__stdout__:
        return "stdout"
    if stream is sys.stderr or stream is sys.__stderr__ or stream is None:
        return "stderr"
    if isinstance(stream, str):
        if not stream.startswith("file://"):
            raise ValueError(
                f"Unsupported output stream or logging level {stream}. Supported streams are "
                "sys.stdout, sys.stderr, tf.compat.v1.logging.info, ... or a string "
                "that starts with 'file://'"
            )
        return stream
    if not hasattr(stream, "write"):
        raise ValueError(f"Unsupported output stream or logging level {stream}.")
    return stream


def print_(
    *inputs: Any,
    output_stream: Any = None,
    summarize: int | None = 3,
    sep: str = " ",
    end: str = "\n",
    name: str | None = None,
) -> None:
    """Print ``inputs`` on every call, TensorFlow's way (``tf.print``).

    Tensors are formatted by value (``summarize`` elements at each end of each
    axis; -1 for all), strings as is, nested lists and dicts Python-style. The
    default stream is ``sys.stderr``.

    >>> import sys
    >>> import tapeflow as tf
    >>> tf.print("x:", tf.constant([1.0, 2.5]), output_stream=sys.stdout)
    x: [1 2.5]
    """
    tensors: list = []
    layout = [_layout(item, tensors) for item in inputs]
    summarize = 3 if summarize is None else int(summarize)
    printer = Printer(layout, sep, end, summarize, _stream_name(output_stream))
    emit(printer, tensors)
