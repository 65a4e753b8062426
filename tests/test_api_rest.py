"""The rest of tf and tf.math (issue 12, lane apirest) against TensorFlow's recorded
behaviour: bad input (classes and texts), gradients TF leaves None or refuses, and
the non-differentiable names' outputs. ``tests/golden/api_rest_snippets.py`` holds
the programs, ``api_rest.json`` what TensorFlow 2.21 printed
(``make_snippets_golden.py api_rest`` under the TF virtualenv). Values and
gradients of the differentiable names are in the op golden suite
(``tests/golden/op_specs/special_incomplete.py``)."""

from __future__ import annotations

import pytest

from tests.snippet_replay import suite_tests

test_golden_data_matches_snippets, test_matches_tensorflow = suite_tests("api_rest")


def test_sobol_sample_beyond_the_stored_dimensions_says_so():
    import tapeflow as tf

    assert tf.math.sobol_sample(1111, 1).shape == (1, 1111)
    with pytest.raises(tf.errors.UnimplementedError, match="dim <= 1111"):
        tf.math.sobol_sample(1112, 1)


def test_sobol_direction_table_follows_the_recurrence_in_every_dimension():
    # The table is built for all dimensions at once (a per-dimension loop was slow
    # enough on first use for the fuzzer's time limit to interrupt it); check it
    # against Joe and Kuo's recurrence written one dimension at a time.
    from tapeflow.math import _sobol
    from tapeflow.math._sobol_data import DIRECTIONS

    table = _sobol._directions()
    assert (table[0] == 1).all()
    for d, line in enumerate(DIRECTIONS.strip().splitlines(), 1):
        s, a, *m = (int(v) for v in line.split())
        for k in range(s, table.shape[1]):
            value = m[k - s] ^ (m[k - s] << s)
            for i in range(1, s):
                if (a >> (i - 1)) & 1:
                    value ^= m[k - i] << i
            m.append(value)
        assert table[d].tolist() == m, d
