"""Every public op is in the golden case table, or declared non-differentiable
(and then gives None), or is a constructor/shape query; and every primitive of
the table is exercised by some case. docs/ops.md is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow._dispatch import PRIMITIVES
from tests.op_inventory import (
    NON_DIFFERENTIABLE,
    NOT_DIFFERENTIABLE_BY_NATURE,
    cases_using,
    golden_cases,
    public_ops,
)

ROOT = Path(__file__).resolve().parent.parent
CASES = golden_cases()
OPS = public_ops()


@pytest.mark.parametrize("path", sorted(OPS))
def test_every_public_op_is_covered(path):
    name = path.rsplit(".", 1)[1]
    if name in NOT_DIFFERENTIABLE_BY_NATURE or name in NON_DIFFERENTIABLE:
        return
    assert cases_using(name, CASES), f"{path} has no golden case in tests/golden/op_specs/"


NON_DIFFERENTIABLE_CALLS = {
    "argmax": lambda x: tf.math.argmax(x),
    "argmin": lambda x: tf.math.argmin(x),
    "round": lambda x: tf.math.round(x),
    "floor": lambda x: tf.math.floor(x),
    "ceil": lambda x: tf.math.ceil(x),
    "equal": lambda x: tf.cast(tf.equal(x, 1.0), tf.float32),
    "greater": lambda x: tf.cast(x > 1.0, tf.float32),
    "floordiv": lambda x: x // 2.0,
    "stop_gradient": lambda x: tf.stop_gradient(x),
}


@pytest.mark.parametrize("name", sorted(NON_DIFFERENTIABLE_CALLS))
def test_non_differentiable_ops_give_none(name):
    x = tf.constant([0.3, 1.7, 2.5])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = NON_DIFFERENTIABLE_CALLS[name](x)
    assert tape.gradient(y, x) is None


def test_every_primitive_is_exercised():
    """Run every golden case under a tape and collect the primitives it records."""
    seen = set()
    for _, case in CASES:
        xs = [tf.constant(a) for a in case.build_args()]
        with tf.GradientTape() as tape:
            tape.watch([x for x in xs if x.dtype.is_floating])
            try:
                case.function(tf)(*xs)
            except Exception:  # a failing case is reported by test_ops_golden
                continue
            seen.update(record[0].name for record in tape._state.records)
    # Primitives that only rules, sweeps or forward mode reach.
    reached_otherwise = {
        "getitem_adjoint", "sum_to_shape", "relu_grad", "read_variable", "conj",
        "multiply_no_nan", "gather_adjoint", "mirror_pad_grad", "conv_backprop_filter",
        "avg_pool_grad", "max_pool_grad", "max_pool_grad_grad", "relu6_grad", "leaky_relu_grad",
        "custom_gradient", "stack_rows", "concat_rows", "logsumexp_grad", "sparse_xent_grad",
        "sigmoid_xent_grad", "ctc_grad_guard",
        # tf.random's draws differ from TF's: tests/test_nnrand.py replays TF's sample
        "parameterized_truncated_normal",
        "while_loop", "cond", "stack_read", "stack_grad",  # tf.function sub-programs
        "copy_to_device",  # tf.identity under tf.device: tests/test_backend_gpu_fake.py
        "igamma_grad_a",  # igamma's a-derivative: reached through its rules
        "unregistered_gradient",  # tf.conv's LookupError: tests/golden/api_rest_snippets.py
        "nextafter",  # its gradient: tests/golden/fuzz_values_snippets.py
        "unique",  # on floats under a tape: tests/golden/topb_s8_snippets.py
    }  # fmt: skip
    missing = sorted(
        name
        for name, prim in PRIMITIVES.items()
        if prim.differentiable and name not in seen and name not in reached_otherwise
        and not name.startswith("selftest")
    )  # fmt: skip
    assert not missing, f"primitives with no golden case: {missing}"


def test_docs_ops_md_is_current():
    generated = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_ops_doc.py"), "--stdout"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    current = (ROOT / "docs" / "ops.md").read_text()
    assert generated == current, "docs/ops.md is stale: run python tools/gen_ops_doc.py"


def test_docs_list_every_public_op():
    text = (ROOT / "docs" / "ops.md").read_text()
    for path in OPS:
        assert f"`{path}`" in text
    np.testing.assert_equal(len(OPS) > 0, True)
