"""tf.linalg.eig / eigvals, sqrtm (tf.matrix_square_root) and logm: dtypes,
bad input (TF 2.21's classes and messages, every row checked there), and the
eigenvector phase relation to TF's. Values and gradients are in the golden
suite (tests/golden/op_specs/linalg_eig.py)."""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

UNSET = "cannot access local variable 'out_dtype' where it is not associated with a value"
ERRORS = [
    ("eig_int", "tf.linalg.eig(tf.constant([[1, 2], [3, 4]]))", "UnboundLocalError", UNSET),
    ("eigvals_half", "tf.linalg.eigvals(tf.ones((2, 2), tf.float16))", "UnboundLocalError", UNSET),
    ("eig_rank1", "tf.linalg.eig(tf.constant([1.0, 2.0]))", "InvalidArgumentError",
     "Input tensor 0 must have rank >= 2, got 1 [Op:Eig]"),
    ("eig_not_square", "tf.linalg.eig(tf.ones((2, 3)))", "InvalidArgumentError",
     "Input matrix must be square. [Op:Eig]"),
    ("sqrtm_int", "tf.linalg.sqrtm(tf.constant([[1, 1], [0, 1]]))", "InvalidArgumentError",
     "Value for attr 'T' of int32 is not in the list of allowed values: double, float, half, "
     "complex64, complex128"),
    ("sqrtm_half", "tf.linalg.sqrtm(tf.ones((2, 2), tf.float16))", "NotFoundError",
     "Could not find device for node: {{node MatrixSquareRoot}} = MatrixSquareRoot[T=DT_HALF]"),
    ("sqrtm_rank1", "tf.linalg.sqrtm(tf.constant([1.0, 2.0]))", "InvalidArgumentError",
     "Input tensor 0 must have rank >= 2, got 1 [Op:MatrixSquareRoot]"),
    ("sqrtm_not_square", "tf.linalg.sqrtm(tf.ones((2, 3)))", "InvalidArgumentError",
     "Input matrix must be square. [Op:MatrixSquareRoot]"),
    ("logm_float", "tf.linalg.logm(tf.constant([[4.0, 1.0], [1.0, 3.0]]))",
     "InvalidArgumentError",
     "Value for attr 'T' of float is not in the list of allowed values: complex64, complex128"),
    ("logm_rank1", "tf.linalg.logm(tf.constant([1.0, 2.0], tf.complex64))",
     "InvalidArgumentError", "Input tensor 0 must have rank >= 2, got 1 [Op:MatrixLogarithm]"),
    ("logm_not_square", "tf.linalg.logm(tf.ones((2, 3), tf.complex128))", "InvalidArgumentError",
     "Input matrix must be square. [Op:MatrixLogarithm]"),
    ("banded_rows", "tf.linalg.banded_triangular_solve(BANDS, tf.ones([2, 1]))",
     "InvalidArgumentError",
     "In[0] mismatch In[1] shape: 3 vs. 2: [2,3] [2,1] 1 0 [Op:BandedTriangularSolve]"),
    ("banded_rank1", "tf.linalg.banded_triangular_solve(tf.ones([3]), tf.ones([3, 1]))",
     "InvalidArgumentError", "In[0] ndims must be >= 2: 1 [Op:BandedTriangularSolve]"),
    ("banded_dtypes", "tf.linalg.banded_triangular_solve(BANDS, tf.ones([3, 1], tf.float64))",
     "InvalidArgumentError", "cannot compute BandedTriangularSolve as input #1(zero-based) was "
     "expected to be a float tensor but is a double tensor [Op:BandedTriangularSolve]"),
    ("banded_int", "tf.linalg.banded_triangular_solve(tf.ones([2, 3], tf.int32), "
     "tf.ones([3, 1], tf.int32))", "InvalidArgumentError",
     "Value for attr 'T' of int32 is not in the list of allowed values: double, float, half, "
     "complex64, complex128"),
    ("banded_singular", "tf.linalg.banded_triangular_solve(tf.constant([[0.0, 3.0, 4.0], "
     "[1.0, 2.0, 3.0]]), tf.ones([3, 1]))", "InvalidArgumentError",
     "Input matrix is not invertible. [Op:BandedTriangularSolve]"),
]  # fmt: skip
BANDS = "tf.constant([[2.0, 3.0, 4.0], [1.0, 2.0, 3.0]])"


@pytest.mark.parametrize(("expression", "kind", "message"),
                         [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS])  # fmt: skip
def test_error_class_and_message(expression, kind, message):
    with pytest.raises(Exception) as info:
        eval(expression.replace("BANDS", BANDS), {"tf": tf})  # noqa: S307 - our own table
    assert type(info.value).__name__ == kind, f"{type(info.value).__name__}: {info.value}"
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("dtype", "out"),
    [(tf.float32, tf.complex64), (tf.float64, tf.complex128),
     (tf.complex64, tf.complex64), (tf.complex128, tf.complex128)],
)  # fmt: skip
def test_eig_output_dtypes(dtype, out):
    e, v = tf.linalg.eig(tf.cast(tf.constant([[1.0, 2.0], [3.0, 4.0]]), dtype))
    assert (e.dtype, v.dtype, tf.eigvals(tf.eye(2, dtype=dtype)).dtype) == (out, out, out)
    assert tf.linalg.sqrtm(tf.eye(2, dtype=dtype)).dtype == dtype


def test_eigenvectors_match_tensorflow_up_to_phase():
    # TF 2.21's tf.linalg.eig of this matrix (float64).
    a = np.array([[1.0, 2.0, 0.5], [3.0, 4.0, 5.0], [6.0, 7.0, 9.0]])
    tf_v = np.array([[0.11066, -0.3988 - 0.70309j, -0.3988 + 0.70309j],
                     [0.4836, 0.39965 + 0.06523j, 0.39965 - 0.06523j],
                     [0.86826, -0.07497 + 0.42076j, -0.07497 - 0.42076j]])  # fmt: skip
    e, v = tf.linalg.eig(a)
    np.testing.assert_allclose(a @ v.numpy(), v.numpy() * e.numpy(), atol=1e-12)
    ratio = tf_v / v.numpy()  # the same vector times one unit factor per column
    np.testing.assert_allclose(np.abs(ratio), 1.0, atol=1e-4)
    np.testing.assert_allclose(ratio, np.broadcast_to(ratio[:1], (3, 3)), atol=1e-4)


def test_edge_values_as_tensorflow():
    assert tf.linalg.eig(tf.zeros((0, 0)))[1].shape == (0, 0)
    assert np.isnan(tf.linalg.sqrtm(tf.zeros((2, 2))).numpy()).all()  # singular: NaN, as TF
    assert np.isnan(tf.linalg.logm(tf.zeros((2, 2), tf.complex128)).numpy().real).all()
    x = tf.constant([[2.0, 1.0], [0.0, 2.0]], tf.complex128)
    np.testing.assert_allclose(tf.linalg.expm(tf.linalg.logm(x)).numpy(), x.numpy(), atol=1e-12)
