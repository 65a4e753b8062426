"""tf.linalg on bad input: TensorFlow's exception classes and messages, and its
values at singular or non-positive-definite inputs.

Every row was checked against TensorFlow 2.21 (the table is plain text so the
same rows can be run there). Messages are compared on their stable part: TF
prefixes kernel errors with ``{{function_node ...}}`` and, with oneDNN, names
some ops ``_Mkl...``.
"""

from __future__ import annotations

import numpy as np
import pytest

import tapeflow as tf

# --- table start (each row: id, expression, exception class name, message part) ---
ERRORS = [
    ("inv_not_square", "tf.linalg.inv(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:MatrixInverse]"),
    ("inv_singular", "tf.linalg.inv(tf.constant([[1., 2.], [2., 4.]]))",
     "InvalidArgumentError", "Input is not invertible. [Op:MatrixInverse]"),
    ("inv_batch_one_singular", "tf.linalg.inv(tf.constant([[[1., 0.], [0., 1.]], [[0., 0.], [0., 0.]]]))",
     "InvalidArgumentError", "Input is not invertible. [Op:MatrixInverse]"),
    ("inv_rank1", "tf.linalg.inv(tf.constant([1., 2.]))",
     "InvalidArgumentError", "Input tensor 0 must have rank >= 2, got 1 [Op:MatrixInverse]"),
    ("inv_int", "tf.linalg.inv(tf.constant([[1, 2], [2, 4]]))", "InvalidArgumentError",
     "Value for attr 'T' of int32 is not in the list of allowed values: double, float, half, "
     "complex64, complex128"),
    ("det_not_square", "tf.linalg.det(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:MatrixDeterminant]"),
    ("det_rank1", "tf.linalg.det(tf.constant([1., 2.]))",
     "InvalidArgumentError", "Input tensor 0 must have rank >= 2, got 1 [Op:MatrixDeterminant]"),
    ("slogdet_not_square", "tf.linalg.slogdet(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:LogMatrixDeterminant]"),
    ("logdet_not_square", "tf.linalg.logdet(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:Cholesky]"),
    ("cholesky_not_square", "tf.linalg.cholesky(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:Cholesky]"),
    ("cholesky_int", "tf.linalg.cholesky(tf.eye(2, dtype=tf.int32))",
     "InvalidArgumentError", "Value for attr 'T' of int32 is not in the list of allowed values"),
    ("solve_not_square", "tf.linalg.solve(tf.ones((2, 3)), tf.ones((2, 1)))",
     "InvalidArgumentError", "First input (lhs) must be a square matrix. [Op:MatrixSolve]"),
    ("solve_rows_mismatch", "tf.linalg.solve(tf.eye(3), tf.ones((2, 1)))",
     "InvalidArgumentError", "Input matrix and rhs are incompatible. [Op:MatrixSolve]"),
    ("solve_singular", "tf.linalg.solve(tf.constant([[1., 2.], [2., 4.]]), tf.ones((2, 1)))",
     "InvalidArgumentError", "Input matrix is not invertible. [Op:MatrixSolve]"),
    ("solve_rhs_vector", "tf.linalg.solve(tf.eye(2), tf.ones((2,)))",
     "InvalidArgumentError", "All input tensors must have the same rank. [Op:MatrixSolve]"),
    ("solve_batch_not_equal", "tf.linalg.solve(tf.eye(2, batch_shape=[3]), tf.ones((1, 2, 1)))",
     "InvalidArgumentError", "All input tensors must have the same outer dimensions."),
    ("solve_dtype", "tf.linalg.solve(tf.eye(2), tf.ones((2, 1), tf.float64))",
     "InvalidArgumentError",
     "as input #1(zero-based) was expected to be a float tensor but is a double tensor"),
    ("triangular_solve_mismatch", "tf.linalg.triangular_solve(tf.eye(3), tf.ones((2, 1)))",
     "InvalidArgumentError",
     "In[0] mismatch In[1] shape: 3 vs. 2: [3,3] [2,1] 1 0 [Op:MatrixTriangularSolve]"),
    ("triangular_solve_not_square", "tf.linalg.triangular_solve(tf.ones((2, 3)), tf.ones((2, 1)))",
     "InvalidArgumentError", "In[0] matrices in the last dimensions must be square (3 =/= 2)"),
    ("triangular_solve_rhs_vector", "tf.linalg.triangular_solve(tf.eye(2), tf.ones((2,)))",
     "InvalidArgumentError", "In[1] ndims must be >= 2: 1 [Op:MatrixTriangularSolve]"),
    ("triangular_solve_batch",
     "tf.linalg.triangular_solve(tf.eye(2, batch_shape=[3]), tf.ones((4, 2, 1)))",
     "InvalidArgumentError",
     "In[0] and In[1] must have compatible batch dimensions: [3,2,2] vs. [4,2,1]"),
    ("matmul_size", "tf.linalg.matmul(tf.ones((2, 3)), tf.ones((2, 3)))",
     "InvalidArgumentError", "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul]"),
    ("matmul_size_batched", "tf.matmul(tf.ones((2, 2, 3)), tf.ones((2, 2, 3)))",
     "InvalidArgumentError",
     "Matrix size-incompatible: In[0]: [2,2,3], In[1]: [2,2,3] 0 0 [Op:BatchMatMulV2]"),
    ("matmul_batch_dims", "tf.matmul(tf.ones((2, 2, 3)), tf.ones((3, 3, 3)))",
     "InvalidArgumentError",
     "In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,3,3]"),
    ("matmul_vector", "tf.matmul(tf.ones((3,)), tf.ones((3, 3)))",
     "InvalidArgumentError", "In[0] ndims must be >= 2 [Op:MatMul]"),
    ("matmul_vector_batched", "tf.matmul(tf.ones((2, 2, 3)), tf.ones((3,)))",
     "InvalidArgumentError", "In[1] ndims must be >= 2: 1 [Op:BatchMatMulV2]"),
    ("matmul_dtype", "tf.matmul(tf.ones((2, 3)), tf.ones((3, 3), tf.float64))",
     "InvalidArgumentError",
     "as input #1(zero-based) was expected to be a float tensor but is a double tensor"),
    ("matmul_int8", "tf.matmul(tf.ones((2, 3), tf.int8), tf.ones((3, 3), tf.int8))",
     "InvalidArgumentError", "Value for attr 'T' of int8 is not in the list of allowed values"),
    ("matmul_transpose_and_adjoint",
     "tf.matmul([[1., 2.]], [[3., 4.]], transpose_b=True, adjoint_b=True)",
     "ValueError", "Only one of `transpose_b` and `adjoint_b` can be True."),
    ("matvec_size", "tf.linalg.matvec(tf.ones((2, 3)), tf.ones((2,)))", "InvalidArgumentError",
     "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,1] [Op:MatMul]"),
    ("einsum_size", "tf.einsum('ij,jk->ik', tf.ones((2, 3)), tf.ones((2, 3)))",
     "InvalidArgumentError",
     "Expected dimension 3 at axis 0 of the input shaped [2,3] but got dimension 2 [Op:Einsum]"),
    ("einsum_diagonal_size", "tf.einsum('ii->i', tf.ones((3, 2)))", "InvalidArgumentError",
     "Expected dimension 3 at axis 1 of the input shaped [3,2] but got dimension 2"),
    ("einsum_explicit_labels_do_not_broadcast",
     "tf.einsum('bij,bjk->bik', tf.ones((1, 2, 3)), tf.ones((4, 3, 2)))", "InvalidArgumentError",
     "Expected dimension 1 at axis 0 of the input shaped [4,3,2] but got dimension 4"),
    ("einsum_unknown_output_label", "tf.einsum('ij,jk->il', tf.ones((2, 3)), tf.ones((3, 3)))",
     "ValueError", "Output subscripts contain the label l not present in the input subscripts."),
    ("einsum_operand_count", "tf.einsum('ij,jk->ik', tf.ones((2, 3)))",
     "ValueError", 'Got 1 inputs for equation "ij,jk->ik", expecting 2'),
    ("einsum_rank", "tf.einsum('ij->i', tf.ones((2, 3, 4)))",
     "InvalidArgumentError", "Expected input 0 to have rank 2 but got: 3 [Op:Einsum]"),
    ("einsum_ellipsis_rank", "tf.einsum('...ij->...', tf.ones((3,)))",
     "InvalidArgumentError", "Expected input 0 to have rank at least 2 but got: 1 [Op:Einsum]"),
    ("einsum_dtype", "tf.einsum('ij,jk->ik', tf.ones((2, 3)), tf.ones((3, 3), tf.float64))",
     "InvalidArgumentError",
     "as input #1(zero-based) was expected to be a float tensor but is a double tensor"),
    ("einsum_repeated_output", "tf.einsum('i->ii', tf.ones((3,)))",
     "ValueError", "Output subscripts contain a label appearing more than once: i->ii"),
    ("einsum_format", "tf.einsum('i1,i->', tf.ones((2, 3)), tf.ones((3,)))",
     "ValueError", "Subscripts have incorrect format: i1,i->"),
    ("einsum_two_arrows", "tf.einsum('i->i->i', tf.ones((3,)))",
     "ValueError", "Subscripts have incorrect format: i->i->i"),
    ("einsum_ellipsis_broadcast", "tf.einsum('...i,...i->...', tf.ones((2, 3)), tf.ones((4, 3)))",
     "InvalidArgumentError", "In[0] and In[1] must have compatible batch dimensions:"),
    ("einsum_output_without_ellipsis", "tf.einsum('...ij->ij', tf.ones((2, 3, 3)))",
     "InvalidArgumentError",
     "Output contains 1 broadcasting dimension(s) but no ellipsis (...) was found in the output "
     "subscripts."),
    ("einsum_bool", "tf.einsum('ij->', tf.ones((2, 3), tf.bool))",
     "NotFoundError", "Could not find device for node: {{node Einsum}} = Einsum[N=1, T=DT_BOOL"),
    ("tensordot_size", "tf.tensordot(tf.ones((2, 3)), tf.ones((2, 3)), 1)",
     "InvalidArgumentError", "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul]"),
    ("tensordot_axes_too_many", "tf.tensordot(tf.ones((2, 3)), tf.ones((3, 2)), 3)",
     "ValueError", "`axes` must not be larger than the number of dimensions of tensor"),
    ("tensordot_axes_negative", "tf.tensordot(tf.ones((2, 3)), tf.ones((3, 2)), -1)",
     "ValueError", "`axes` must be at least 0. Received: -1."),
    ("tensordot_axes_lengths", "tf.tensordot(tf.ones((2, 3)), tf.ones((3, 2)), [[1], [0, 1]])",
     "ValueError", "Different number of contraction axes `a` and `b`, 1 != 2."),
    ("cross_not_3", "tf.linalg.cross(tf.ones((2,)), tf.ones((2,)))", "FailedPreconditionError",
     "Cross-products are only defined for 3-element vectors. [Op:Cross]"),
    ("cross_shapes", "tf.linalg.cross(tf.ones((2, 3)), tf.ones((3, 3)))", "InvalidArgumentError",
     "Both inputs must be of same shape: [2,3] vs. [3,3] [Op:Cross]"),
    ("cross_dtype", "tf.linalg.cross(tf.ones((3,)), tf.ones((3,), tf.float64))",
     "InvalidArgumentError",
     "as input #1(zero-based) was expected to be a float tensor but is a double tensor"),
    ("trace_vector", "tf.linalg.trace(tf.ones((3,)))", "InvalidArgumentError",
     "input must be at least 2-dim, received shape: [3] [Op:MatrixDiagPartV3]"),
    ("band_part_lower_too_big", "tf.linalg.band_part(tf.ones((3, 3)), 5, 1)",
     "InvalidArgumentError",
     "num_lower must be negative or less or equal to number of rows (3) got: 5"),
    ("band_part_upper_too_big", "tf.linalg.band_part(tf.ones((3, 4)), 0, 5)",
     "InvalidArgumentError",
     "num_upper must be negative or less or equal to number of columns (4) got: 5"),
    ("set_diag_shape", "tf.linalg.set_diag(tf.ones((3, 3)), tf.ones((2,)))",
     "InvalidArgumentError", "Diagonal shape: [2]\nExpected diagonal shape: [3]"),
    ("diag_part_k_out_of_bound", "tf.linalg.diag_part(tf.ones((2, 3)), k=5)",
     "InvalidArgumentError", "lower_diag_index is out of bound: 5. It must be between -2 and 3"),
    ("diag_sizes_inconsistent", "tf.linalg.diag(tf.ones((2,)), num_rows=3, num_cols=4)",
     "InvalidArgumentError",
     "The number of rows or columns is not consistent with the specified d_lower, d_upper, "
     "and diagonal."),
    ("diag_too_few_rows", "tf.linalg.diag(tf.ones((2,)), num_rows=1)",
     "InvalidArgumentError", "The number of rows is too small."),
    ("diag_scalar", "tf.linalg.diag(tf.ones(()))",
     "InvalidArgumentError", "diagonal must be at least 1-dim, received shape: []"),
    ("diag_band_reversed", "tf.linalg.diag(tf.ones((2, 2)), k=(1, 0))", "InvalidArgumentError",
     "lower_diag_index must not be larger than upper_diag_index: 1 > 0 [Op:MatrixDiagV3]"),
    ("diag_band_count", "tf.linalg.diag(tf.ones((2, 2)), k=(0, 2))", "InvalidArgumentError",
     "The number of diagonals provided in the input does not match the lower_diag_index and "
     "upper_diag_index range. [Op:MatrixDiagV3]"),
    ("diag_band_three_k", "tf.linalg.diag(tf.ones((2, 2)), k=(0, 1, 2))", "InvalidArgumentError",
     "diag_index must have only one or two elements, received 3 elements. [Op:MatrixDiagV3]"),
    ("diag_band_bad_align", "tf.linalg.diag(tf.ones((2, 2)), k=(0, 1), align='FOO')",
     "InvalidArgumentError", "Value for attr 'align' of \"FOO\" is not in the list of allowed "
     "values: \"LEFT_RIGHT\", \"RIGHT_LEFT\", \"LEFT_LEFT\", \"RIGHT_RIGHT\""),
    ("diag_band_float_k", "tf.linalg.diag(tf.ones((2, 2)), k=(0., 1.))", "TypeError",
     "Cannot convert (0.0, 1.0) to EagerTensor of dtype int32"),
    ("diag_part_band_reversed", "tf.linalg.diag_part(tf.ones((3, 4)), k=(1, -1))",
     "InvalidArgumentError",
     "lower_diag_index must not be larger than upper_diag_index: 1 > -1 [Op:MatrixDiagPartV3]"),
    ("diag_part_band_lower_bound", "tf.linalg.diag_part(tf.ones((3, 4)), k=(-3, 1))",
     "InvalidArgumentError",
     "lower_diag_index is out of bound: -3. It must be between -3 and 4 [Op:MatrixDiagPartV3]"),
    ("diag_part_band_upper_bound", "tf.linalg.diag_part(tf.ones((3, 4)), k=(-2, 4))",
     "InvalidArgumentError",
     "upper_diag_index is out of bound: 4 It must be between -3 and 4 [Op:MatrixDiagPartV3]"),
    ("diag_part_empty_k", "tf.linalg.diag_part(tf.ones((3, 4)), k=[])", "InvalidArgumentError",
     "Expected diag_index to have at least 1 element [Op:MatrixDiagPartV3]"),
    ("set_diag_band_shape", "tf.linalg.set_diag(tf.ones((3, 4)), tf.ones((3, 2)), k=(-1, 1))",
     "InvalidArgumentError", "Diagonal shape: [3,2]\nExpected diagonal shape: [3,3]"),
    ("eigh_tridiagonal_bad_select", "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='x')",
     "ValueError", "'select must have a value in {'a', 'i', 'v'}."),
    ("eigh_tridiagonal_no_range", "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='i')",
     "TypeError", "'NoneType' object is not subscriptable"),
    ("eigh_tridiagonal_short_range",
     "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='v', select_range=(1.0,))",
     "IndexError", "tuple index out of range"),
    ("eigh_tridiagonal_empty_index_range",
     "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='i', select_range=(1, 0))",
     "InvalidArgumentError", "Got empty index range in select_range.\nCondition x <= y did not hold."),
    ("eigh_tridiagonal_empty_interval",
     "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='v', select_range=(3.0, 1.0))",
     "InvalidArgumentError", "Got empty interval in select_range.\nCondition x < y did not hold."),
    ("eigh_tridiagonal_float_index",
     "tf.linalg.eigh_tridiagonal([1., 2.], [0.5], select='i', select_range=(0.5, 1))",
     "InvalidArgumentError", "cannot compute LessEqual as input #1(zero-based) was expected to be "
     "a float tensor but is a int32 tensor [Op:LessEqual]"),
    ("set_diag_band_reversed", "tf.linalg.set_diag(tf.ones((3, 4)), tf.ones((3, 3)), k=(1, -1))",
     "InvalidArgumentError",
     "lower_diag_index must not be larger than upper_diag_index: 1 > -1 [Op:MatrixSetDiagV3]"),
    ("qr_vector", "tf.linalg.qr(tf.ones((3,)))",
     "InvalidArgumentError", "Input tensor 0 must have rank >= 2, got 1 [Op:Qr]"),
    ("svd_int", "tf.linalg.svd(tf.eye(2, dtype=tf.int32))", "InvalidArgumentError",
     "Value for attr 'T' of int32 is not in the list of allowed values: double, float, half"),
    ("eigh_not_square", "tf.linalg.eigh(tf.ones((2, 3)))",
     "InvalidArgumentError", "Input matrix must be square. [Op:SelfAdjointEigV2]"),
    ("matrix_transpose_vector", "tf.linalg.matrix_transpose(tf.ones((3,)))",
     "ValueError", "Argument `a` should be a (batch) matrix with rank >= 2."),
    ("pinv_int", "tf.linalg.pinv(tf.ones((3, 2), tf.int32))",
     "TypeError", "Input `a` must have `float`-like `dtype` (saw int32)."),
    ("pinv_vector", "tf.linalg.pinv(tf.ones((3,)))",
     "ValueError", "Input `a` must have at least 2 dimensions (saw: 1)."),
    ("expm_int", "tf.linalg.expm(tf.eye(2, dtype=tf.int32))",
     "ValueError", "tf.linalg.expm does not support matrices of type <dtype: 'int32'>"),
    ("expm_not_square", "tf.linalg.expm(tf.ones((2, 3)))",
     "InvalidArgumentError", "Matrix size-incompatible: In[0]: [1,2,3], In[1]: [1,2,3] 0 0"),
    ("lstsq_size", "tf.linalg.lstsq(tf.ones((3, 2)), tf.ones((2, 1)))", "InvalidArgumentError",
     "Matrix size-incompatible: In[0]: [3,2], In[1]: [2,1] [Op:MatMul]"),
    # Errors raised while differentiating (G(f, x): the gradient of sum(f(x)) at x).
    ("det_gradient_singular", "G(tf.linalg.det, [[1., 2.], [2., 4.]])",
     "InvalidArgumentError", "Input is not invertible. [Op:MatrixInverse]"),
    ("slogdet_gradient_singular", "G(lambda x: tf.linalg.slogdet(x)[1], [[1., 2.], [2., 4.]])",
     "InvalidArgumentError", "Input is not invertible. [Op:MatrixInverse]"),
    ("lstsq_exact_gradient", "G(lambda a: tf.linalg.lstsq(a, tf.ones((3, 1), tf.float64), "
     "fast=False), [[1., 0.], [0., 1.], [1., 1.]])",
     "ValueError", "Gradient not defined for fast=False"),
    ("qr_full_tall_gradient", "G(lambda x: tf.linalg.qr(x, full_matrices=True)[0], "
     "[[1., 2.], [3., 4.], [5., 7.]])",
     "NotImplementedError", "QrGrad not implemented when nrows > ncols and full_matrices is true."),
    ("svd_full_gradient", "G(lambda x: tf.linalg.svd(x, full_matrices=True)[2], "
     "[[1., 2., 0., 1., 3.], [3., 4., 1., 0., 2.]])", "NotImplementedError",
     "svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True."),
    # Complex matrices: the same refusals (TF names the shorter side m).
    ("qr_full_tall_gradient_complex", "G(lambda x: tf.math.real(tf.linalg.qr(tf.complex(x, x), "
     "full_matrices=True)[0]), [[1., 2.], [3., 4.], [5., 7.]])",
     "NotImplementedError", "QrGrad not implemented when nrows > ncols and full_matrices is true."),
    ("svd_full_tall_gradient_complex", "G(lambda x: tf.math.real(tf.linalg.svd(tf.complex(x, x), "
     "full_matrices=True)[1]), [[1., 2.], [3., 4.], [1., 0.], [0., 2.], [5., 1.]])",
     "NotImplementedError", "svd gradient is not implemented for abs(m - n) > 1 when "
     "full_matrices is True. Received: m=2 and n=5 from op input="),
]  # fmt: skip

# Values TensorFlow returns without raising (expression, expected value; NaN matches NaN).
VALUES = [
    ("cholesky_not_positive_definite", "tf.linalg.cholesky(tf.constant([[1., 2.], [2., 1.]]))"
     "[:, 0]", [float("nan"), float("nan")]),
    ("cholesky_batch_only_bad_matrix_nan",
     "tf.linalg.cholesky(tf.constant([[[1., 2.], [2., 1.]], [[4., 0.], [0., 9.]]]))[1]",
     [[2.0, 0.0], [0.0, 3.0]]),
    ("logdet_not_positive_definite", "tf.linalg.logdet(tf.constant([[1., 2.], [2., 1.]]))",
     float("nan")),
    ("triangular_solve_singular",
     "tf.linalg.triangular_solve(tf.constant([[0., 0.], [1., 1.]]), tf.ones((2, 1)))",
     [[float("inf")], [float("-inf")]]),
    ("det_singular", "tf.linalg.det(tf.constant([[1., 2.], [2., 4.]]))", 0.0),
    ("slogdet_singular", "tf.linalg.slogdet(tf.constant([[1., 2.], [2., 4.]]))",
     [0.0, float("-inf")]),
    ("det_empty", "tf.linalg.det(tf.ones((0, 0)))", 1.0),
    ("inv_empty_shape", "tf.shape(tf.linalg.inv(tf.ones((0, 0))))", [0, 0]),
    ("expm_empty_shape", "tf.shape(tf.linalg.expm(tf.ones((0, 0))))", [0, 0]),
    ("triangular_solve_reads_one_triangle",
     "tf.linalg.triangular_solve(tf.constant([[2., 100.], [1., 1.]]), tf.constant([[2.], [2.]]))",
     [[1.0], [1.0]]),
    ("cholesky_reads_lower_triangle", "tf.linalg.cholesky(tf.constant([[4., 100.], [2., 3.]]))",
     [[2.0, 0.0], [1.0, 1.4142135]]),
    ("eigvalsh_reads_lower_triangle", "tf.linalg.eigvalsh(tf.constant([[2., 100.], [1., 2.]]))",
     [1.0, 3.0]),
    ("matmul_int", "tf.matmul([[1, 2]], [[3], [4]])", [[11]]),
    ("einsum_int64", "tf.einsum('ij->', tf.ones((2, 3), tf.int64))", 6),
    ("cross_int", "tf.linalg.cross(tf.constant([1, 0, 0]), tf.constant([0, 1, 0]))", [0, 0, 1]),
    ("band_part_bool", "tf.linalg.band_part(tf.ones((2, 2), tf.bool), 0, 0)",
     [[True, False], [False, True]]),
    ("trace_rectangular", "tf.linalg.trace(tf.ones((2, 3)))", 2.0),
    ("diag_default_square", "tf.shape(tf.linalg.diag(tf.ones((2,)), k=1))", [3, 3]),
    ("diag_k_too_far", "tf.shape(tf.linalg.diag(tf.ones((2,)), k=5))", [7, 7]),
    ("lu_solve", "tf.linalg.lu_solve(tf.constant([[3., 4.], [1. / 3., 2. / 3.]]), "
     "tf.constant([1, 0]), tf.ones((2, 1)))", [[-1.0], [1.0]]),
]  # fmt: skip
# --- table end ---


def G(f, value):
    """The gradient of sum(f(x)) at x (float64): differentiation errors surface here."""
    x = tf.constant(np.asarray(value, dtype=np.float64))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x)


def _namespace():
    return {"tf": tf, "np": np, "G": G}


@pytest.mark.parametrize(("expression", "kind", "message"),
                         [row[1:] for row in ERRORS], ids=[row[0] for row in ERRORS])  # fmt: skip
def test_error_class_and_message(expression, kind, message):
    with pytest.raises(Exception) as info:
        eval(expression, _namespace())  # noqa: S307 - our own table
    error = info.value
    assert type(error).__name__ == kind, f"{type(error).__name__}: {error}"
    if kind.endswith("Error") and hasattr(tf.errors, kind):
        assert isinstance(error, getattr(tf.errors, kind))
    assert message in str(error)


@pytest.mark.parametrize(("expression", "expected"),
                         [row[1:] for row in VALUES], ids=[row[0] for row in VALUES])  # fmt: skip
def test_values_tensorflow_returns(expression, expected):
    result = eval(expression, _namespace())  # noqa: S307 - our own table
    got = np.asarray([np.asarray(r) for r in result] if isinstance(result, tuple) else result)
    want = np.asarray(expected)
    if want.dtype.kind in "fc":
        np.testing.assert_allclose(got.astype(np.float64), want, rtol=1e-6, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, want)


def test_errors_leave_tape_usable():
    x = tf.constant([[1.0, 2.0], [2.0, 4.0]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        with pytest.raises(tf.errors.InvalidArgumentError):
            tf.linalg.inv(x)
        y = tf.reduce_sum(tf.linalg.matmul(x, x))
    assert tape.gradient(y, x) is not None


def test_slogdet_result_fields():
    result = tf.linalg.slogdet(tf.constant([[2.0, 0.0], [0.0, -3.0]]))
    assert float(result.sign) == -1.0
    np.testing.assert_allclose(float(result.log_abs_determinant), np.log(6.0), rtol=1e-6)


def test_qr_result_fields():
    q, r = tf.linalg.qr(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    result = tf.linalg.qr(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_allclose(result.q.numpy(), q.numpy())
    np.testing.assert_allclose(result.r.numpy(), r.numpy())


def test_einsum_matches_numpy_on_many_equations():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((2, 3, 4)), rng.standard_normal((4, 3))
    for equation, operands in [
        ("bij,jk->bik", (a, b)),
        ("bij,ji->b", (a, b)),
        ("...j,jk", (a, b)),
        ("bij->jib", (a,)),
        ("bij", (a,)),
    ]:
        got = tf.einsum(equation, *[tf.constant(x) for x in operands]).numpy()
        np.testing.assert_allclose(got, np.einsum(equation, *operands), rtol=1e-12)
