"""Regression tests for the wrong values and gradients session 6's final fuzz run left
open (issue 14, session 7, helper v14a): atan2 at a negative zero, integer and float
segment means, complex ``slogdet`` near the float32 limit, and second derivatives of
``clip_by_norm`` and ``triangular_solve``, replayed against TensorFlow's recorded output
(``tests/golden/wrong_values_s7.json``; TensorFlow is never imported here).
"""

from __future__ import annotations

import pytest

from tests.snippet_replay import assert_matches_tensorflow, load_suite

SNIPPETS, GOLDEN = load_suite("wrong_values_s7_snippets", "wrong_values_s7")


def test_golden_data_matches_snippets():
    assert sorted(GOLDEN) == sorted(SNIPPETS), (
        "wrong_values_s7.json is out of date; rerun tests/golden/make_snippets_golden.py wrong_values_s7"
    )


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_matches_tensorflow(name):
    assert_matches_tensorflow(name, SNIPPETS[name], GOLDEN[name])


def test_integer_segment_count_wrapping_to_zero_raises():
    # TF's process dies here (its kernel divides by the count as a uint8: 256 -> 0).
    import tapeflow as tf

    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        tf.math.segment_mean(tf.ones([256], tf.uint8), tf.zeros([256], tf.int32))
    # An empty segment is 0, whatever its type.
    out = tf.math.segment_mean(tf.constant([7], tf.int8), tf.constant([2]))
    assert out.numpy().tolist() == [0, 0, 7]


def test_complex_slogdet_sign_near_float32_max_is_the_true_one():
    # Session 6's final fuzz example: TF's complex64 sign is -0+0j, its entries being
    # past 2**126 (docs/deviations.md); the determinant is about 1.02e40 - 1.7e38j.
    import numpy as np

    import tapeflow as tf

    a = [[30 + 0.5j, 0.5 + 30j], [1.0000000150474662e30 + 3.4028234663852886e38j, 3 + 0j]]
    sign, logdet = tf.linalg.slogdet(tf.constant(a, tf.complex64))
    exact = np.linalg.det(np.array(a, np.complex64).astype(np.complex128))
    assert sign.dtype == tf.complex64 and logdet.dtype == tf.complex64
    assert abs(sign.numpy() - exact / abs(exact)) < 1e-6
    assert logdet.numpy() == pytest.approx(np.log(abs(exact)), rel=1e-6)


# Session 6's final fuzz example: a 1e30-scale complex matrix with an eigenvalue of
# -5.7e30 + 0.6j (80-digit mpmath), within rounding of the negative real axis.
SQRTM_INPUT = [
    [-7.750961084229661e29 + 2.213464914738384j, -2.372358074590803e30 + 0.9040264084243237j,
     -1.901493276465204e30 + 3.3383816383272213j, 2.0029173810404208e30 - 3.683256986686377j],
    [-1.7567299361116807e30 + 0.22871410608017317j, -1.1847220454691954e29 - 0.3253129369167702j,
     3.845897598409909e30 - 3.501203366800995j, 3.693257549310294e30 + 1.1306253531149997j],
    [1.7983195261882693e30 + 2.821062707845254j, 3.298148443794737e29 + 0.7435281448342721j,
     -1.7848703676370335e30 - 1.9192204181022143j, -2.7147839297989853e30 + 2.7190521682512703j],
    [3.759403305729061e30 + 0.075967052172075j, 1.285486843830297e29 + 0.08711107573226418j,
     -3.073075100233838e30 + 2.024241661617423j, 9.879180443000033e29 - 2.8166237137203476j],
]  # fmt: skip
# Its principal root, V diag(sqrt(e)) V^-1 with 80 digits (mpmath): first and last rows.
SQRTM_PRINCIPAL_ROWS = {
    0: [8.10746337e14 + 5.92100878e14j, -9.16435742e14 + 2.82143853e14j,
        -1.14321429e15 - 3.60653594e14j, 4.07328096e14 - 4.76965705e14j],
    3: [9.45408562e14 - 7.71990032e14j, -2.69159144e13 - 3.67863400e14j,
        -5.62258651e14 + 4.70225582e14j, 1.34182782e15 + 6.21875062e14j],
}  # fmt: skip


def test_complex_sqrtm_near_the_branch_cut_is_the_principal_root():
    # The Denman-Beavers iteration never converged here (tapeflow's result squared to
    # 0.78 of the input away); TF's Schur method returns another root (the eigenvalue's
    # imaginary part, 1e-31 of its size, is below rounding: docs/deviations.md).
    import numpy as np

    import tapeflow as tf

    a = np.array(SQRTM_INPUT)
    root = tf.linalg.sqrtm(tf.constant(a)).numpy()
    assert np.abs(root @ root - a).max() < 1e-14 * np.abs(a).max()
    for row, values in SQRTM_PRINCIPAL_ROWS.items():
        np.testing.assert_allclose(root[row], values, rtol=1e-8)


def test_triangular_solve_lower_none_differentiates_as_lower_true():
    # TF reads lower=None as True for the solve and as False in its gradient
    # (docs/deviations.md, triangular-solve-lower-none); tapeflow's derivatives of both
    # orders are those of the solve it computed.
    import numpy as np

    import tapeflow as tf

    rng = np.random.default_rng(2)
    a = rng.standard_normal((3, 3)) + 1j * rng.standard_normal((3, 3)) + 4 * np.eye(3)
    b = rng.standard_normal((3, 2)) + 1j * rng.standard_normal((3, 2))
    results = []
    for lower in (None, True):
        m, r = tf.constant(a), tf.constant(b)
        with tf.GradientTape(persistent=True) as outer:
            outer.watch([m, r])
            with tf.GradientTape() as inner:
                inner.watch([m, r])
                loss = tf.reduce_sum(tf.linalg.triangular_solve(m, r, lower=lower) * 0.75)
            gm, gr = inner.gradient(loss, [m, r])
            total = tf.reduce_sum(gm * 1.5) + tf.reduce_sum(gr * 0.5)
        results.append([g.numpy() for g in [gm, gr, *outer.gradient(total, [m, r])]])
    for with_none, with_true in zip(*results):
        np.testing.assert_array_equal(with_none, with_true)
