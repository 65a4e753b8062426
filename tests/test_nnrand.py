"""CTC decoders and errors, compute_accidental_hits, the candidate samplers, sampled
losses, fractional pooling and the stateless random leftovers against TensorFlow's
answers (tests/golden/nnrand.json, from make_nnrand_golden.py), plus the checks
TF cannot record: sampler statistics, tapeflow's own seeds, check_grads."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden.nnrand_snippets import SNIPPETS

GOLDEN = json.loads((Path(__file__).parent / "golden" / "nnrand.json").read_text())


def _same(got, want, path: str) -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), f"{path}: {got}"
        for key in want:
            _same(got[key], want[key], f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got} != {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]")
    elif isinstance(want, float):
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=1e-6, err_msg=path)
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.__name__)
def test_matches_tensorflow(snippet):
    _same(snippet(tf), GOLDEN[snippet.__name__], snippet.__name__)
