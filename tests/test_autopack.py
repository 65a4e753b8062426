"""Converting a list that holds Tensors or Variables packs them with a
differentiable stack, as TensorFlow does (answers: tests/golden/autopack.json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tests.golden.autopack_snippets import SNIPPETS

GOLDEN = json.loads((Path(__file__).parent / "golden" / "autopack.json").read_text())


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.__name__)
def test_matches_tensorflow(snippet):
    value, grads = snippet(tf)
    want_value, want_grads = GOLDEN[snippet.__name__]
    np.testing.assert_allclose(value, want_value, rtol=1e-6)
    assert len(grads) == len(want_grads)
    for got, want in zip(grads, want_grads):
        assert (got is None) == (want is None)
        if want is not None:
            np.testing.assert_allclose(got, want, rtol=1e-6)


def test_plain_list_stays_a_constant_and_tf_constant_does_not_pack():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = tf.reduce_sum(tf.constant([x, 3.0])) + tf.reduce_sum(tf.convert_to_tensor([1.0, 2.0]))
    assert tape.gradient(out, x) is None
    assert tf.convert_to_tensor([x, 3.0]).numpy().tolist() == [2.0, 3.0]
