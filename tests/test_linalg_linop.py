"""tf.linalg's LinearOperator family: lazy loading, and structured methods against
their dense matrices (TF's values are in the golden files: op_specs/linalg_linop.py,
linop_snippets.py)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

import tapeflow as tf


def test_import_tapeflow_does_not_load_the_operators():
    code = ("import sys, tapeflow as tf; assert 'tapeflow.linalg._linop' not in sys.modules; "
            "tf.linalg.LinearOperatorDiag; assert 'tapeflow.linalg._linop' in sys.modules")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)


def _dense_checks(op, rng):
    dense = op.to_dense().numpy()
    n = dense.shape[-1]
    x = rng.standard_normal(dense.shape[:-2] + (n, 2)).astype(dense.dtype)
    np.testing.assert_allclose(op.matmul(x).numpy(), dense @ x, atol=1e-10)
    np.testing.assert_allclose(op.matmul(x, adjoint=True).numpy(),
                               np.swapaxes(dense, -1, -2).conj() @ x, atol=1e-10)  # fmt: skip
    np.testing.assert_allclose(op.solve(x).numpy(), np.linalg.solve(dense, x), atol=1e-10)
    np.testing.assert_allclose(op.log_abs_determinant().numpy(),
                               np.linalg.slogdet(dense)[1], atol=1e-10)  # fmt: skip
    np.testing.assert_allclose(op.diag_part().numpy(), np.diagonal(dense, 0, -2, -1), atol=1e-12)


def test_kronecker_matches_its_dense_product():
    rng = np.random.default_rng(0)
    a = tf.linalg.LinearOperatorFullMatrix(rng.standard_normal((2, 3, 3)) + 3 * np.eye(3))
    b = tf.linalg.LinearOperatorDiag(rng.uniform(1, 2, (2,)))
    c = tf.linalg.LinearOperatorLowerTriangular(rng.standard_normal((2, 2)) + 3 * np.eye(2))
    op = tf.linalg.LinearOperatorKronecker([a, b, c])
    assert op.shape == (2, 12, 12)
    dense = op.to_dense().numpy()
    for k in range(2):
        want = np.kron(np.kron(a.to_dense().numpy()[k], b.to_dense().numpy()), c.to_dense().numpy())
        np.testing.assert_allclose(dense[k], want, atol=1e-12)
    _dense_checks(op, rng)


def test_gradient_reaches_a_variable_behind_an_operator():
    v = tf.Variable([[2.0, 1.0], [0.0, 3.0]], dtype=tf.float64)
    op = tf.linalg.LinearOperatorLowerTriangular(v)
    with tf.GradientTape() as tape:
        y = op.log_abs_determinant()
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), [[0.5, 0.0], [0.0, 1 / 3]])


def test_tridiagonal_solve_transpose_rhs_returns_the_untransposed_solution():
    # TF 2.21: a [K, M] rhs with transpose_rhs gives the [M, K] solution; a vector is
    # left as it is.
    d = tf.constant([[1.0, 2.0, 0.0], [3.0, 4.0, 5.0], [0.0, 6.0, 7.0]])
    out = tf.linalg.tridiagonal_solve(d, tf.ones((1, 3)), transpose_rhs=True, conjugate_rhs=True)
    np.testing.assert_allclose(out.numpy(), [[-0.25], [1.75], [-2.25]], atol=1e-6)
    assert tf.linalg.tridiagonal_solve(d, tf.ones((2, 3)), transpose_rhs=True).shape == (3, 2)
    assert tf.linalg.tridiagonal_solve(d, tf.ones(3), transpose_rhs=True).shape == (3,)
