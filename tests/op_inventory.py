"""Which public op is exercised by which golden case, shared by the coverage test
and the generator of docs/ops.md."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import tapeflow as tf

SPEC_DIR = Path(__file__).parent / "golden" / "op_specs"
NAMESPACES = {
    "tf": tf,  # the array ops, and the math ops TF has at top level only (TOP_LEVEL)
    "tf.math": tf.math,
    "tf.linalg": tf.linalg,
    "tf.nn": tf.nn,
}

# Public functions that are not ops on tensors' values (constructors, shape queries,
# conversions and tape utilities): no gradient to speak of.
NOT_DIFFERENTIABLE_BY_NATURE = {
    "constant", "convert_to_tensor", "as_dtype", "zeros", "ones", "zeros_like", "ones_like",
    "eye", "range", "linspace", "shape", "rank", "size", "meshgrid", "fill_like",
    "is_non_decreasing", "is_strictly_increasing",
}  # fmt: skip

# Module-level helpers other tapeflow modules import; not TensorFlow names.
INTERNAL_HELPERS = {"as_tensor", "normalize_axis", "shape_tuple"}

# Ops TensorFlow registers as non-differentiable: the gradient is None
# (tests/test_op_coverage.py asserts it).
NON_DIFFERENTIABLE = {
    "argmax", "argmin", "round", "floor", "ceil", "sign_bits", "equal", "not_equal", "less",
    "less_equal", "greater", "greater_equal", "logical_and", "logical_or", "logical_not",
    "logical_xor", "is_nan", "is_inf", "is_finite", "floordiv", "stop_gradient", "argsort",
    "searchsorted", "unique", "one_hot", "where_indices", "reduce_all", "reduce_any",
    "in_top_k", "bincount", "unique_with_counts", "rint", "nextafter", "count_nonzero",
    "zero_fraction", "invert_permutation", "confusion_matrix", "ctc_greedy_decoder",
    "ctc_beam_search_decoder", "compute_accidental_hits", "sobol_sample", "fingerprint",
    "random_index_shuffle", "conv", "conv2d_backprop_filter_v2", "conv2d_backprop_input_v2",
    "all_candidate_sampler", "fixed_unigram_candidate_sampler", "learned_unigram_candidate_sampler",
}  # fmt: skip


# Top-level names listed under "tf": math/linalg aliases of tf.math/tf.linalg names are
# listed once, under their namespace.
TOP_LEVEL = (
    *tf.arrays.__all__,
    *("cast", "clip_by_global_norm", "clip_by_norm", "clip_by_value", "norm", "realdiv"),
)


def public_ops() -> dict[str, object]:
    """Every public function of the op namespaces, keyed by its TF path."""
    ops = {}
    for prefix, module in NAMESPACES.items():
        names = TOP_LEVEL if prefix == "tf" else dir(module)
        for name in names:
            if name.startswith("_") or name in INTERNAL_HELPERS:
                continue
            value = getattr(module, name, None)
            if inspect.isfunction(value) and getattr(value, "__module__", "").startswith(
                "tapeflow."
            ):
                if inspect.getmodule(value) is None or value.__module__.endswith(
                    ("._tensor", "._tape", "._forward", ".dtypes", ".test")
                ):
                    continue
                ops[f"{prefix}.{name}"] = value
    return ops


def golden_cases() -> list:
    cases = []
    for path in sorted(SPEC_DIR.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"tests.golden.op_specs.{path.stem}")
        cases.extend((path.stem, case) for case in module.CASES)
    return cases


def cases_using(name: str, cases) -> list:
    """Cases whose function text calls ``name`` under any namespace (tf.x, tf.math.x...)."""
    pattern = re.compile(r"tf\.(?:math\.|linalg\.|nn\.)?" + re.escape(name) + r"\(")
    return [(family, case) for family, case in cases if pattern.search(case.fn)]
