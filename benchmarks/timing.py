"""A small timer for noisy machines: warmup, calibration, repeats, medians, interleaving.

Only the standard library is used here, so importing this module never pulls in
NumPy (``run.py`` may need to set thread environment variables before NumPy loads).

Vocabulary
----------
*call*
    One invocation of the workload callable (e.g. one forward+backward pass).
*sample*
    One timed measurement: ``number`` back-to-back calls, divided by ``number``.
    Samples are therefore always expressed in **seconds per call**.
*sampler*
    Anything with ``prepare()`` and ``sample(n)`` (see :class:`Sampler`).  In-process
    callables are wrapped in :class:`LocalSampler`; ``run.py`` wraps peer
    subprocesses in an object with the same two methods.

:func:`run_interleaved` round-robins between samplers so that a burst of noise
from other tenants of the machine hits every contender, not just one of them.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

clock = time.perf_counter


class Sampler(Protocol):
    name: str

    def prepare(self, warmup: int, min_sample_s: float) -> float:
        """Warm up and calibrate; return the estimated wall time of one sample (s)."""

    def sample(self, n: int, rewarm: bool = False) -> list[float]:
        """Take ``n`` samples, each in seconds per call; with ``rewarm``, make one
        untimed call first (the process was idle and its caches are cold)."""


def time_calls(fn: Callable[[], object], number: int) -> float:
    """Run ``fn`` ``number`` times back to back; return seconds per call."""
    t0 = clock()
    for _ in range(number):
        fn()
    return (clock() - t0) / number


def calibrate(
    fn: Callable[[], object], warmup: int, min_sample_s: float, max_number: int = 1_000_000
) -> tuple:
    """Warm ``fn`` up, then pick ``number`` so one sample lasts >= ``min_sample_s``.

    Returns ``(number, seconds_per_call_estimate)``.  At least one warmup call is
    always made (first calls pay for lazy imports, caches, BLAS thread start-up...).
    """
    for _ in range(max(1, warmup)):
        fn()
    per_call = time_calls(fn, 1)
    number = 1
    # Grow geometrically for very cheap callables so the estimate is not dominated
    # by timer resolution.
    while per_call * number < min_sample_s and number < max_number:
        number = min(max_number, max(number * 2, math.ceil(min_sample_s / max(per_call, 1e-9))))
        per_call = time_calls(fn, number)
    return number, per_call


class LocalSampler:
    """Sampler for a callable living in this process."""

    def __init__(self, name: str, fn: Callable[[], object]):
        self.name = name
        self.fn = fn
        self.number = 1
        self.per_call_estimate = float("nan")
        self.group = "main"  # samplers of one group share a process

    def prepare(self, warmup: int, min_sample_s: float) -> float:
        self.number, self.per_call_estimate = calibrate(self.fn, warmup, min_sample_s)
        return self.per_call_estimate * self.number

    def sample(self, n: int, rewarm: bool = False) -> list[float]:
        fn, number = self.fn, self.number
        if rewarm:
            fn()
        return [time_calls(fn, number) for _ in range(n)]


@dataclass
class Plan:
    """How many samples to take; chosen per sampler from its calibrated cost."""

    warmup: int = 3
    min_sample_s: float = 0.002  # a sample lasts at least this long (calls are batched)
    budget_s: float = 4.0  # time budget per sampler for the measured phase
    min_repeats: int = 15
    max_repeats: int = 201
    fixed_repeats: int | None = None  # overrides the budget logic when set
    rounds: int = 10  # a sampler that prefers chunks gets ~this many turns
    # Pause when the next turn belongs to another process: BLAS / OpenMP / Eigen worker
    # threads busy-wait for up to ~0.1 s after their last task and would otherwise
    # steal cores (this machine has 2) from whoever runs next.
    switch_pause_s: float = 0.1

    def repeats_for(self, sample_s: float) -> int:
        if self.fixed_repeats is not None:
            return self.fixed_repeats
        if not sample_s > 0 or math.isnan(sample_s):
            return self.min_repeats
        return int(max(self.min_repeats, min(self.max_repeats, self.budget_s // sample_s)))


@dataclass
class Result:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds per call
    number: int = 1
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def quartiles(self) -> tuple:
        s = sorted(self.samples)
        if len(s) < 2:
            return (self.median, self.median)
        q = statistics.quantiles(s, n=4, method="inclusive")
        return (q[0], q[2])


def run_interleaved(
    samplers: Sequence[Sampler],
    plan: Plan,
    chunked: Sequence[str] = (),
    log: Callable[[str], None] = lambda msg: None,
) -> dict[str, Result]:
    """Prepare every sampler, then take samples from all of them in interleaved order.

    Scheduling is *proportional*: at every turn the sampler with the smallest
    fraction of its target sample count goes next, so all samplers progress through
    the run at the same pace whatever their individual repeat counts.  Samplers named
    in ``chunked`` (subprocess peers, where each turn costs an IPC round-trip) take
    ``ceil(target / plan.rounds)`` samples per turn; the others take one.

    When consecutive turns belong to different processes (samplers' ``group``
    attributes differ), ``plan.switch_pause_s`` is slept first; see :class:`Plan`.

    A sampler whose ``prepare`` or ``sample`` raises is recorded with ``error`` and
    dropped; the others carry on.
    """
    last_group = [None]

    def switch_to(s) -> bool:
        """Pause if ``s`` lives in another process than the previous turn; return
        whether it did switch (the first call of that turn is then thrown away: it
        runs on cold caches and measures up to several times slower)."""
        group = getattr(s, "group", s.name)
        switched = group != last_group[0]
        if switched and last_group[0] is not None and plan.switch_pause_s:
            time.sleep(plan.switch_pause_s)
        last_group[0] = group
        return switched

    results: dict[str, Result] = {}
    targets: dict[str, int] = {}
    chunk: dict[str, int] = {}
    active: list[Sampler] = []
    for s in samplers:
        res = results[s.name] = Result(s.name)
        switch_to(s)
        try:
            sample_s = s.prepare(plan.warmup, plan.min_sample_s)
        except Exception as exc:  # noqa: BLE001 - report, keep going with others
            res.error = f"{type(exc).__name__}: {exc}"
            log(f"  {s.name}: prepare failed: {res.error}")
            continue
        res.number = getattr(s, "number", 1)
        targets[s.name] = plan.repeats_for(sample_s)
        chunk[s.name] = math.ceil(targets[s.name] / max(1, plan.rounds)) if s.name in chunked else 1
        active.append(s)
        log(
            f"  {s.name}: ~{sample_s * 1e3:.2f} ms/sample (number={res.number}), "
            f"{targets[s.name]} samples"
        )

    while active:
        s = min(active, key=lambda a: len(results[a.name].samples) / targets[a.name])
        res = results[s.name]
        n = min(chunk[s.name], targets[s.name] - len(res.samples))
        rewarm = switch_to(s)
        try:
            res.samples.extend(s.sample(n, rewarm=rewarm))
        except Exception as exc:  # noqa: BLE001
            res.error = f"{type(exc).__name__}: {exc}"
            log(f"  {s.name}: sampling failed: {res.error}")
            active.remove(s)
            continue
        if len(res.samples) >= targets[s.name]:
            active.remove(s)
    return results
