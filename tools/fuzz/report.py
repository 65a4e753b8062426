"""Classifying and reporting: verdict severities, the "Fuzz summary groups" table of
docs/deviations.md that explains signatures, and the Recorder that counts them and keeps
each one's shortest example."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import numpy as np
import tensorflow as TF

from .sides import leaves, normalize

SEVERITY = ["value", "grad:value", "grad-recorded:value", "grad2:value", "dtype/shape",
            "grad:dtype/shape", "escape", "grad:escape", "memory", "hang", "tf-raises-only",
            "grad:tf-raises-only", "tfl-raises-only", "grad:tfl-raises-only",
            "exception-class", "grad:None-mismatch", "value-nonfinite",
            "grad:value-nonfinite", "tf-hang", "tf-crash", "fuzzer-error", "same", "both-raise-same"]  # fmt: skip


DEVIATIONS = Path(__file__).resolve().parents[2] / "docs" / "deviations.md"


def documented_groups(path: Path = DEVIATIONS) -> list:
    """(group, verdicts, pattern) rows of the "Fuzz summary groups" table in deviations.md."""
    text = path.read_text()
    if "<!-- fuzz groups" not in text:
        return []
    block = text.split("<!-- fuzz groups", 1)[1].split("<!-- end of fuzz groups -->", 1)[0]
    rows = []
    for line in block.splitlines()[1:]:
        if not line.startswith("| ") or line.startswith("| group"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        verdicts = {v.strip(" `") for v in cells[1].split(",")}
        pattern = re.compile(cells[2].strip("`").replace("\\|", "|"))
        rows.append((cells[0], verdicts, pattern))
    return rows


# Tags a run puts on examples by their inputs, and the deviations.md group each one names.
TAG = re.compile(r" \[([a-z-]+)\]$")
TAG_GROUPS = {"subnormal": "subnormal", "complex-nonfinite": "complex-nonfinite"}


def documented(key: tuple, groups: list) -> str:
    """The deviations.md group that explains a signature, or ""."""
    category, path, detail = key
    if category.endswith("[subnormal]"):
        return "subnormal"
    tagged = TAG.search(category)
    base = category[: tagged.start()] if tagged else category
    for name, verdicts, pattern in groups:
        if name in TAG_GROUPS:  # the tag, not the pattern, says which examples it covers
            if tagged and TAG_GROUPS[name] == tagged.group(1):
                if "*" in verdicts or base in verdicts:
                    return name
            continue
        # The verdict's own rows apply to tagged examples too (a tag's row may not cover it).
        if ("*" in verdicts or base in verdicts) and pattern.match(f"{path} {detail}"):
            return name
    return ""


class Recorder:
    def __init__(self):
        self.counts = collections.Counter()
        self.shortest: dict = {}
        self.examples = 0
        self.per_op = collections.Counter()

    def add(self, category, path, detail, example, note=""):
        key = (category, path, detail)
        self.counts[key] += 1
        if key not in self.shortest or len(example) < len(self.shortest[key][0]):
            self.shortest[key] = (example, note)

    def summary(self, elapsed, args) -> str:
        groups = documented_groups()
        explained = {key: documented(key, groups) for key in self.counts}
        by_category = collections.Counter()
        undocumented = collections.Counter()
        for key, n in self.counts.items():
            by_category[key[0]] += n
            if not explained[key]:
                undocumented[key[0]] += n
        lines = [f"tapeflow vs TensorFlow {TF.__version__}: {self.examples} examples over "
                 f"{len(self.per_op)} ops in {elapsed:.0f} s (seed {args.seed})", "",
                 "verdicts (examples; then those no group of docs/deviations.md explains):"]  # fmt: skip
        order = {c: i for i, c in enumerate(SEVERITY)}

        def rank(cat):
            base = TAG.sub("", cat)
            return (order.get(base, len(order)), cat)

        for category in sorted(by_category, key=rank):
            plain = category in ("same", "both-raise-same")
            open_count = "" if plain else f"{undocumented[category]:8d}"
            lines.append(f"  {category:32s} {by_category[category]:8d} {open_count}")
        interesting = [k for k in self.counts if k[0] not in ("same", "both-raise-same")]
        open_keys = [k for k in interesting if not explained[k]]
        lines += ["", f"distinct signatures (not same): {len(interesting)}, "
                  f"undocumented: {len(open_keys)}", ""]  # fmt: skip
        shown = open_keys if getattr(args, "hide_documented", False) else interesting
        for key in sorted(shown, key=lambda k: (rank(k[0]), k[1], k[2])):
            example, note = self.shortest[key]
            tag = f"  [documented: {explained[key]}]" if explained[key] else ""
            lines.append(f"[{key[0]}] {key[1]} {key[2]}  x{self.counts[key]}{tag}")
            lines.append(f"    {example}")
            if note:
                lines.append(f"    {note}")
        return "\n".join(lines) + "\n"


def describe(outcome):
    kind, value, _ = outcome
    if kind == "raise":
        return f"{type(value).__name__}: {str(value)[:160]!r}"
    try:
        parts = []
        for leaf in leaves(value)[:3]:
            k, d, v = normalize(leaf)
            parts.append(
                f"{d} {np.asarray(v).shape} {np.array2string(np.asarray(v), threshold=8)[:100]}"
                if k in ("tensor", "ndarray")
                else f"{k} {v!r}"[:100]
            )
        return "; ".join(parts)
    except Exception as exc:  # noqa: BLE001
        return f"<unprintable {type(exc).__name__}>"


def absorb(total: Recorder, event: dict) -> None:
    total.examples += event["examples"]
    total.per_op[event["op"]] += event["examples"]
    for category, path, detail, n, example, note in event["records"]:
        key = (category, path, detail)
        total.counts[key] += n
        if key not in total.shortest or len(example) < len(total.shortest[key][0]):
            total.shortest[key] = (example, note)
