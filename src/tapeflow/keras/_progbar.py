"""keras.utils.Progbar: the progress bar that ``fit`` prints with verbose=1 or 2.

With verbose=1 each update redraws one line (backspaces and a carriage
return, as Keras does on POSIX terminals); the final update ends the line.
Updates closer together than ``interval`` seconds are skipped, except the last.

>>> from tapeflow.keras.utils import Progbar
>>> bar = Progbar(target=2, verbose=2)
>>> bar.update(1, [("loss", 0.5)])
>>> bar.update(2, [("loss", 0.25)])  # doctest: +ELLIPSIS
2/2 - 0s - ...s/step - loss: 0.2500
"""

from __future__ import annotations

import math
import sys
import time
from typing import Any

_BOLD, _GREEN, _GREY, _RESET = "\x1b[1m", "\x1b[32m", "\x1b[37m", "\x1b[0m"


def _format_value(value: Any, absolute: bool = True) -> str:
    value = float(value)
    # Keras compares |value| on the live bar but the signed value on verbose=2 lines.
    return f" {value:.4f}" if (abs(value) if absolute else value) > 1e-3 else f" {value:.4e}"


def _format_time(seconds: float, unit: str) -> str:
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit}"
    return f" {seconds * 1e6:.0f}us/{unit}"


class Progbar:
    """A text progress bar; values passed to ``update`` are shown as they are.

    >>> import tapeflow as tf
    >>> bar = tf.keras.utils.Progbar(3, verbose=2)  # verbose=2: one line when the target is reached
    >>> for step in range(1, 4):
    ...     bar.update(step, [("loss", 1.0 / step)])
    3/3 - ... - loss: 0.3333
    """

    def __init__(
        self,
        target: int | None,
        width: int = 20,
        verbose: Any = 1,
        interval: float = 0.05,
        stateful_metrics: Any = None,
        unit_name: str = "step",
    ) -> None:
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self._values: dict = {}
        self._start = time.time()
        self._last_update = 0.0
        self._after_first_step: float | None = None
        self._previous_width = 0
        self._seen = 0

    def _step_time(self, current: int, now: float) -> float:
        if not current:
            return 0.0
        if self._after_first_step is not None and current > 1:
            per_step = (now - self._after_first_step) / (current - 1)
        else:
            per_step = (now - self._start) / current
        if current == 1:
            self._after_first_step = now
        return per_step

    def update(self, current: int, values: Any = None, finalize: Any = None) -> None:
        """Move the bar to ``current`` and show ``values`` (``(name, value)`` pairs).

        >>> import tapeflow as tf
        >>> bar = tf.keras.utils.Progbar(2, verbose=2)
        >>> bar.update(1, [("acc", 0.5)])
        >>> bar.update(2, [("acc", 0.75)], finalize=True)
        2/2 - ... - acc: 0.7500
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or []:
            self._values[name] = value
        self._seen = current
        now = time.time()
        per_step = self._step_time(current, now)
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw(current, finalize, now, per_step)
        elif self.verbose == 2 and finalize and self.target:
            digits = int(math.log10(self.target)) + 1
            line = f"%{digits}d/%d - {now - self._start:.0f}s -" % (current, self.target)
            line += _format_time(per_step, self.unit_name)
            for name, value in self._values.items():
                line += f" - {name}:" + _format_value(value, absolute=False)
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        self._last_update = now

    def _draw(self, current: int, finalize: bool, now: float, per_step: float) -> None:
        message = "\b" * self._previous_width + "\r"
        hidden = 0  # escape-code characters that take no room on screen
        if self.target:
            digits = int(math.log10(self.target)) + 1
            bar = f"{_BOLD}" + f"%{digits}d/%d" % (current, self.target) + f"{_RESET} "
            hidden += 8
            filled = int(self.width * current / self.target)
            if filled > 0:
                bar += f"{_GREEN}{'━' * filled}{_RESET}"
                hidden += 9
            bar += f"{_GREY}{'━' * (self.width - filled)}{_RESET}"
            hidden += 9
        else:
            bar = f"{current:7d}/Unknown"
        if self.target and not finalize:
            eta = per_step * (self.target - current)
            if eta > 3600:
                text = f"{int(eta // 3600)}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}"
            elif eta > 60:
                text = f"{int(eta // 60)}:{int(eta % 60):02d}"
            else:
                text = f"{int(eta)}s"
            info = f" {_BOLD}{text}{_RESET}"
        else:
            info = f" {_BOLD}{now - self._start:.0f}s{_RESET}"
        hidden += 8
        info += _format_time(per_step, self.unit_name)
        for name, value in self._values.items():
            info += f" - {name}:" + _format_value(value)
        width = len(bar) + len(info) - hidden
        message += bar + info
        if self._previous_width > width:
            message += " " * (self._previous_width - width)
        if finalize:
            message += "\n"
        sys.stdout.write(message)
        sys.stdout.flush()
        self._previous_width = width

    def add(self, n: int, values: Any = None) -> None:
        """Advance the bar by ``n`` steps.

        >>> import tapeflow as tf
        >>> bar = tf.keras.utils.Progbar(4, verbose=0)
        >>> bar.add(1)
        >>> bar.add(2)
        >>> bar._seen
        3
        """
        self.update(self._seen + n, values)
