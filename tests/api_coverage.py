"""TensorFlow 2.21's public names against tapeflow's, namespace by namespace.

``tests/golden/api_names.json`` (written by ``tests/golden/make_api_names.py``
under real TensorFlow) lists every public name of each namespace below. A name
is *present* when tapeflow has it (a class where TF has a class, a callable
where TF has one), or it is *excluded* here with a reason. The coverage test
fails on any name that is neither, on an exclusion whose name has since
arrived (so the lists shrink), and on names a namespace exports that TF's
does not (leaks). docs/ops.md shows the coverage table, docs/deviations.md
the exclusions; ``tools/gen_ops_doc.py`` writes both.
"""

from __future__ import annotations

import inspect
import json
import types
from pathlib import Path

import tapeflow

NAMES_FILE = Path(__file__).parent / "golden" / "api_names.json"

# Why a TF name is absent. Permanent reasons first; then names other helpers'
# open issues are building (their lists shrink as those issues land).
REASONS = {
    "graph": "graph-only: needs a tf.Graph, GraphDef or graph batching; tapeflow runs eagerly",
    "string": "string tensors (text, image file codecs): tapeflow stores strings, no ops on them",
    "ragged": "RaggedTensor is not part of tapeflow",
    "sparse": "SparseTensor ops are not part of tapeflow (tf.SparseTensor is a plain value)",
    "quantized": "quantized dtypes (qint8, quint8, ...): NumPy has none",
    "bfloat16": "bfloat16: NumPy has no such dtype",
    "handles": "resource and variant dtypes are TensorFlow's graph-internal handle types",
    "kernels": "loads compiled TensorFlow kernel libraries",
    "proto": "TensorFlow protocol buffers (TensorProto, ConfigProto) are not part of tapeflow",
    "cluster": "TensorFlow's distributed runtime (servers, clusters) is not part of tapeflow",
    "pinned": "GPU pinned host memory: tapeflow has no CUDA build",
    "issue12": "being built in issue 12 (the rest of the numerical API), not landed yet",
}
# Reasons whose names other helpers are adding: a name that arrives is counted
# present and reported, without failing their landing.
IN_FLIGHT_ELSEWHERE: set[str] = set()

# namespace -> reason -> names (whitespace separated).
EXCLUDED: dict[str, dict[str, str]] = {
    "tf": {
        "graph": "Graph Operation import_graph_def nondifferentiable_batch_function CriticalSection",
        "string": "as_string",
        "ragged": "RaggedTensor RaggedTensorSpec ragged_fill_empty_rows ragged_fill_empty_rows_grad",
        "sparse": "SparseTensorSpec",
        "quantized": "qint8 qint16 qint32 quint8 quint16",
        "bfloat16": "bfloat16",
        "handles": "resource variant",
        "kernels": "load_library load_op_library",
        "proto": "make_ndarray make_tensor_proto",
        "pinned": "check_pinned",
    },
    "tf.math": {},
    "tf.nn": {
        "sparse": "embedding_lookup_sparse safe_embedding_lookup_sparse",
    },
    "tf.random": {},
    "tf.signal": {},
    "tf.bitwise": {},
    "tf.nest": {},
    "tf.image": {
        "string": "decode_and_crop_jpeg decode_bmp decode_gif decode_image decode_jpeg decode_jxl "
        "decode_png decode_webp encode_jpeg encode_png extract_jpeg_shape is_jpeg "
        "adjust_jpeg_quality random_jpeg_quality stateless_random_jpeg_quality",
    },
    "tf.config": {
        "cluster": "experimental_connect_to_cluster experimental_connect_to_host",
    },
    "tf.errors": {},
    "tf.dtypes": {
        "quantized": "QUANTIZED_DTYPES qint8 qint16 qint32 quint8 quint16",
        "bfloat16": "bfloat16",
        "handles": "resource variant",
    },
    "tf.test": {
        "graph": "assert_equal_graph_def",
        "proto": "benchmark_config",
        "cluster": "create_local_cluster",
    },
}

# Names tapeflow adds on purpose (documented in the README and architecture.md).
EXTRAS: dict[str, set[str]] = {
    "tf": {"EagerTensor", "ForwardAccumulator", "grad", "hessian", "hvp", "jvp",
           "value_and_grad", "vjp"},
    "tf.test": {"check_grads", "GradientCheckError"},
}  # fmt: skip

# Names a namespace exports that TF's does not, tolerated for now (none today: every
# namespace is a thin module over private ones). The test fails on any leak not
# listed and reports a listed leak that is gone.
KNOWN_LEAKS: dict[str, str] = {}


def tf_names() -> dict[str, dict[str, str]]:
    """namespace -> name -> kind ('class', 'function', 'value'), as TF 2.21 has them."""
    return json.loads(NAMES_FILE.read_text())["namespaces"]


def namespace(path: str):
    """tapeflow's module for a TF namespace path, or None when it has none."""
    module = tapeflow
    for part in path.split(".")[1:]:
        module = getattr(module, part, None)
        if not isinstance(module, types.ModuleType):
            return None
    return module


def has(module, name: str, kind: str) -> bool:
    if module is None or not hasattr(module, name):
        return False
    value = getattr(module, name)
    if kind == "class":
        return inspect.isclass(value)
    return callable(value) if kind == "function" else True


def excluded(path: str) -> dict[str, str]:
    """name -> reason key for one namespace."""
    return {name: reason for reason, names in EXCLUDED.get(path, {}).items()
            for name in names.split()}  # fmt: skip


def leaks(path: str) -> set[str]:
    """Public names of tapeflow's namespace that TF's does not have."""
    module = namespace(path)
    if module is None:
        return set()
    theirs = tf_names()[path]
    found = set()
    for name in dir(module):
        if name.startswith("_") or name in theirs or name in EXTRAS.get(path, ()):
            continue
        value = getattr(module, name)
        if isinstance(value, types.ModuleType) and value.__name__.startswith("tapeflow."):
            continue  # the package's own structure, not an export
        found.add(name)
    return found


def coverage() -> list[dict]:
    """One row per namespace: counts, and the names missing without a reason."""
    rows = []
    for path, names in tf_names().items():
        module = namespace(path)
        reasons = excluded(path)
        row = {"namespace": path, "total": len(names), "present": 0, "out_of_scope": 0,
               "elsewhere": 0, "pending": 0, "missing": [], "stale": [], "arrived": []}  # fmt: skip
        for name, kind in names.items():
            reason = reasons.get(name)
            if has(module, name, kind):
                row["present"] += 1
                if reason in IN_FLIGHT_ELSEWHERE:
                    row["arrived"].append(name)
                elif reason is not None:
                    row["stale"].append(name)
            elif reason is None:
                row["missing"].append(name)
            elif reason == "issue12":
                row["pending"] += 1
            elif reason in IN_FLIGHT_ELSEWHERE:
                row["elsewhere"] += 1
            else:
                row["out_of_scope"] += 1
        row["unknown_exclusions"] = sorted(set(reasons) - set(names))
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| namespace | TF names | present | out of scope | other issues | pending here "
        "| coverage of in-scope names |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        in_scope = row["total"] - row["out_of_scope"]
        share = 100.0 * row["present"] / in_scope if in_scope else 100.0
        lines.append(
            f"| `{row['namespace']}` | {row['total']} | {row['present']} | "
            f"{row['out_of_scope']} | {row['elsewhere']} | {row['pending']} | {share:.0f}% |"
        )
    return "\n".join(lines)


def exclusions_markdown() -> str:
    """The excluded names grouped by reason, for docs/deviations.md."""
    lines = ["| namespace | names | reason |", "|---|---|---|"]
    for path, groups in EXCLUDED.items():
        module = namespace(path)
        kinds = tf_names()[path]
        for reason, names in groups.items():
            absent = [n for n in names.split() if not has(module, n, kinds.get(n, "value"))]
            if absent:
                shown = ", ".join(f"`{n}`" for n in sorted(absent))
                lines.append(f"| `{path}` | {shown} | {REASONS[reason]} |")
    return "\n".join(lines)
