"""Circulant operators (1-3D, through FFTs) and Toeplitz (a circulant embedding)."""

from __future__ import annotations

from typing import Any

import numpy as np

import tapeflow as tf

from ._base import LinearOperator
from ._dense import _assert_no_zero
from ._util import adjoint_if, commuting_hints, convert_parameter, kept_hints, read


def _to_complex(x: Any) -> Any:
    if x.dtype.is_complex:
        return x
    return tf.cast(x, tf.complex128 if x.dtype == tf.float64 else tf.complex64)


def _assert_zero_imag(x: Any, message: str) -> Any:
    if not x.dtype.is_complex:
        return None
    imag = tf.math.imag(x)
    return tf.debugging.assert_equal(tf.zeros([], imag.dtype), imag, message=message)


_FFT = {1: "fft", 2: "fft2d", 3: "fft3d"}
_IFFT = {1: "ifft", 2: "ifft2d", 3: "ifft3d"}


class _BaseLinearOperatorCirculant(LinearOperator):
    """A (nested block) circulant matrix held as its spectrum: products and solves
    are FFTs, the determinant the spectrum's product."""

    def __init__(
        self,
        spectrum: Any,
        block_depth: int,
        input_output_dtype: Any = tf.complex64,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        parameters: dict | None = None,
        name: str = "LinearOperatorCirculant",
    ) -> None:
        if parameters is None:  # the public classes' own arguments (block_depth is theirs)
            parameters = dict(spectrum=spectrum, input_output_dtype=input_output_dtype,
                              is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                              is_positive_definite=is_positive_definite, is_square=is_square,
                              name=name)  # fmt: skip
        if block_depth not in (1, 2, 3):
            raise ValueError(
                f"Argument `block_depth` must be one of [1, 2, 3]. Received: {block_depth}."
            )
        self._block_depth = block_depth
        self._spectrum = convert_parameter(spectrum, "spectrum")
        if self._spectrum.shape.rank < block_depth:
            raise ValueError(
                f"Argument `spectrum` must have at least {block_depth} dimensions. "
                f"Received: {read(self._spectrum)!s}."
            )
        if not self._spectrum.dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError(
                    "A real spectrum always corresponds to a self-adjoint operator. Expected "
                    "argument `is_self_adjoint` to be True when `spectrum.dtype.is_complex` = "
                    f"True. Received: {is_self_adjoint}."
                )
            is_self_adjoint = True
        if is_square is False:
            raise ValueError(
                "A [[nested] block] circulant operator is always square. Expected argument "
                f"`is_square` to be True. Received: {is_square}."
            )
        super().__init__(tf.as_dtype(input_output_dtype), None, is_non_singular,
                         is_self_adjoint, is_positive_definite, True, name,
                         parameters)  # fmt: skip

    @property
    def block_depth(self) -> int:
        """How many nested circulant levels (1, 2 or 3).

        >>> tf.linalg.LinearOperatorCirculant2D(tf.ones((2, 3))).block_depth
        2
        """
        return self._block_depth

    @property
    def block_shape(self) -> tf.TensorShape:
        """The trailing spectrum dimensions (the sizes of the nested blocks).

        >>> tf.linalg.LinearOperatorCirculant2D(tf.ones((2, 3))).block_shape
        TensorShape([2, 3])
        """
        return self._spectrum.shape[-self._block_depth :]

    def block_shape_tensor(self) -> Any:
        """``block_shape`` as an int32 tensor.

        >>> print(tf.linalg.LinearOperatorCirculant(tf.ones(4)).block_shape_tensor())
        tf.Tensor([4], shape=(1,), dtype=int32)
        """
        return tf.constant(self.block_shape.as_list(), tf.int32)

    @property
    def spectrum(self) -> Any:
        """The eigenvalues, in FFT order.

        >>> print(tf.linalg.LinearOperatorCirculant([2.0, 1.0]).spectrum)
        tf.Tensor([2. 1.], shape=(2,), dtype=float32)
        """
        return self._spectrum

    def _same_kind(self, spectrum: Any, **kwargs: Any) -> LinearOperator:
        return type(self)(spectrum, **kwargs)  # type: ignore[call-arg]

    def _linop_adjoint(self) -> LinearOperator:
        spectrum = read(self._spectrum)
        if spectrum.dtype.is_complex:
            spectrum = tf.math.conj(spectrum)
        # TF leaves input_output_dtype at its default here.
        return self._same_kind(spectrum, **kept_hints(self))

    def _linop_inverse(self) -> LinearOperator:
        return self._same_kind(1.0 / read(self._spectrum), input_output_dtype=self.dtype,
                               **kept_hints(self))  # fmt: skip

    def _linop_matmul(self, left: Any, right: Any) -> LinearOperator:
        if not isinstance(right, _BaseLinearOperatorCirculant) or not isinstance(left, type(right)):
            return super()._linop_matmul(left, right)
        return left._same_kind(read(left.spectrum) * read(right.spectrum),
                               **commuting_hints(left, right))  # fmt: skip

    def _linop_solve(self, left: Any, right: Any) -> LinearOperator:
        if not isinstance(right, type(left)):
            return super()._linop_solve(left, right)
        return left._same_kind(read(right.spectrum) / read(left.spectrum),
                               **commuting_hints(left, right))  # fmt: skip

    def _fft(self, x: Any) -> Any:
        return getattr(tf.signal, _FFT[self._block_depth])(_to_complex(x))

    def _ifft(self, x: Any) -> Any:
        return getattr(tf.signal, _IFFT[self._block_depth])(_to_complex(x))

    def convolution_kernel(self, name: str = "convolution_kernel") -> Any:
        """The first column, blocked like the spectrum: ``ifft(spectrum)``.

        >>> print(tf.linalg.LinearOperatorCirculant([3.0, 1.0], input_output_dtype=tf.float32)
        ...       .convolution_kernel())
        tf.Tensor([2. 1.], shape=(2,), dtype=float32)
        """
        return tf.cast(self._ifft(read(self._spectrum)), self.dtype)

    def _shape(self) -> tf.TensorShape:
        shape = self._spectrum.shape
        n = int(np.prod(shape[-self._block_depth :].as_list()))
        return shape[: -self._block_depth].concatenate([n, n])

    def assert_hermitian_spectrum(self, name: str = "assert_hermitian_spectrum") -> Any:
        """InvalidArgumentError unless the spectrum gives a real convolution kernel.

        TF 2.21 compares the kernel's imaginary part with ``eps * n`` computed as an
        int32 tensor, so its eager call always fails that way; this does the same.

        >>> op = tf.linalg.LinearOperatorCirculant([3.0, 1.0])
        >>> op.assert_hermitian_spectrum()
        Traceback (most recent call last):
        ...
        tapeflow.errors.InvalidArgumentError: cannot compute Less ...
        """
        eps = np.finfo(self.dtype.real_dtype.as_numpy_dtype).eps
        limit = eps * self.domain_dimension_tensor()
        imag = tf.math.imag(self.convolution_kernel())
        return tf.debugging.assert_less(tf.abs(imag), limit, message="Spectrum was not Hermitian")

    def _assert_non_singular(self) -> Any:
        return _assert_no_zero(
            self._spectrum, "Singular operator:  Spectrum contained zero values."
        )

    def _assert_positive_definite(self) -> Any:
        return tf.debugging.assert_positive(
            tf.math.real(self._spectrum),
            message="Not positive definite:  Real part of spectrum was not all positive.",
        )

    def _assert_self_adjoint(self) -> Any:
        return _assert_zero_imag(
            self._spectrum, "Not self-adjoint:  The spectrum contained non-zero imaginary part."
        )

    def _unblockify(self, x: Any) -> Any:
        shape = x.shape.as_list()
        d = self._block_depth
        return tf.reshape(x, shape[:-d] + [int(np.prod(shape[-d:]))])

    def _apply(self, x: Any, spectrum_fn: Any, adjoint: bool, adjoint_arg: bool) -> Any:
        """x [..., n, m] -> each column blocked, FFT'd, scaled, inverse FFT'd."""
        x = adjoint_if(x, adjoint_arg)
        spectrum = _to_complex(read(self._spectrum))
        if adjoint:
            spectrum = tf.math.conj(spectrum)
        x = tf.cast(x, spectrum.dtype)
        block = self.block_shape.as_list()
        batch = tf.broadcast_static_shape(x.shape[:-2], self.batch_shape)
        x = tf.broadcast_to(x, batch.concatenate(x.shape[-2:]))
        spectrum = tf.broadcast_to(spectrum, batch.concatenate(block))
        # Columns first ([m, ..., n]), each column shaped as the nested blocks.
        rank = x.shape.rank
        columns = tf.transpose(x, [rank - 1] + list(range(rank - 1)))
        blocked = tf.reshape(columns, columns.shape.as_list()[:-1] + block)
        result = self._ifft(spectrum_fn(spectrum, self._fft(blocked)))
        flat = self._unblockify(result)
        y = tf.transpose(flat, list(range(1, rank)) + [0])
        return tf.cast(y, self.dtype)

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._apply(x, lambda s, fx: s * fx, adjoint, adjoint_arg)

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        return self._apply(rhs, lambda s, fx: fx / s, adjoint, adjoint_arg)

    def _block_axes(self) -> list[int]:
        return [-(i + 1) for i in range(self._block_depth)]

    def _determinant(self) -> Any:
        return tf.cast(tf.reduce_prod(self._spectrum, axis=self._block_axes()), self.dtype)

    def _log_abs_determinant(self) -> Any:
        total = tf.reduce_sum(tf.math.log(tf.abs(self._spectrum)), axis=self._block_axes())
        return tf.cast(total, self.dtype)

    def _diag_part(self) -> Any:
        n = int(self.domain_dimension)
        value = self.trace() / tf.cast(n, self.dtype)
        return value[..., tf.newaxis] * tf.ones(self.shape[:-1], self.dtype)

    def _trace(self) -> Any:
        spectrum = read(self._spectrum)
        axes = self._block_axes()
        real = tf.reduce_sum(tf.math.real(spectrum), axis=axes)
        if not self.dtype.is_complex:
            return tf.cast(real, self.dtype)
        if self.is_self_adjoint or not spectrum.dtype.is_complex:
            imag = tf.zeros_like(real)
        else:
            imag = tf.reduce_sum(tf.math.imag(spectrum), axis=axes)
        return tf.cast(tf.complex(real, imag), self.dtype)

    def _cond(self) -> Any:
        magnitude = tf.abs(self._unblockify(read(self._spectrum)))
        return tf.reduce_max(magnitude, axis=-1) / tf.reduce_min(magnitude, axis=-1)

    def _eigvals(self) -> Any:
        return self._unblockify(read(self._spectrum))

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"spectrum": self._block_depth}


class LinearOperatorCirculant(_BaseLinearOperatorCirculant):
    """A circulant matrix held as its spectrum (the FFT of its first
    column); products and solves are FFTs.

    >>> op = tf.linalg.LinearOperatorCirculant([6.0, -2.0, 2.0, -2.0],
    ...                                        input_output_dtype=tf.float32)
    >>> print(op.to_dense())
    tf.Tensor(
    [[1. 1. 3. 1.]
     [1. 1. 1. 3.]
     [3. 1. 1. 1.]
     [1. 3. 1. 1.]], shape=(4, 4), dtype=float32)
    """

    def __init__(
        self,
        spectrum: Any,
        input_output_dtype: Any = tf.complex64,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        name: str = "LinearOperatorCirculant",
    ) -> None:
        """Wrap ``spectrum`` (its last 1 dimension(s) are the blocks).

        >>> tf.linalg.LinearOperatorCirculant(tf.ones(4)).shape
        TensorShape([4, 4])
        """
        super().__init__(spectrum, 1, input_output_dtype, is_non_singular, is_self_adjoint,
                         is_positive_definite, is_square, name=name)  # fmt: skip


class LinearOperatorCirculant2D(_BaseLinearOperatorCirculant):
    """A block circulant matrix with circulant blocks, held as its
    2-D spectrum; products and solves are 2-D FFTs.

    >>> op = tf.linalg.LinearOperatorCirculant2D(tf.ones((2, 2)) * 2.0,
    ...                                          input_output_dtype=tf.float32)
    >>> print(op.determinant())
    tf.Tensor(16.0, shape=(), dtype=float32)
    """

    def __init__(
        self,
        spectrum: Any,
        input_output_dtype: Any = tf.complex64,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        name: str = "LinearOperatorCirculant2D",
    ) -> None:
        """Wrap ``spectrum`` (its last 2 dimension(s) are the blocks).

        >>> tf.linalg.LinearOperatorCirculant2D(tf.ones((2, 3))).shape
        TensorShape([6, 6])
        """
        super().__init__(spectrum, 2, input_output_dtype, is_non_singular, is_self_adjoint,
                         is_positive_definite, is_square, name=name)  # fmt: skip


class LinearOperatorCirculant3D(_BaseLinearOperatorCirculant):
    """A doubly nested block circulant matrix, held as its 3-D
    spectrum; products and solves are 3-D FFTs.

    >>> op = tf.linalg.LinearOperatorCirculant3D(tf.ones((1, 2, 2)),
    ...                                          input_output_dtype=tf.float32)
    >>> print(op.matvec([1.0, 0.0, 0.0, 0.0]))
    tf.Tensor([1. 0. 0. 0.], shape=(4,), dtype=float32)
    """

    def __init__(
        self,
        spectrum: Any,
        input_output_dtype: Any = tf.complex64,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool = True,
        name: str = "LinearOperatorCirculant3D",
    ) -> None:
        """Wrap ``spectrum`` (its last 3 dimension(s) are the blocks).

        >>> tf.linalg.LinearOperatorCirculant3D(tf.ones((2, 2, 2))).shape
        TensorShape([8, 8])
        """
        super().__init__(spectrum, 3, input_output_dtype, is_non_singular, is_self_adjoint,
                         is_positive_definite, is_square, name=name)  # fmt: skip


class LinearOperatorToeplitz(LinearOperator):
    """A Toeplitz matrix from its first column and first row; products go through
    a circulant embedding of twice the size (FFTs).

    >>> op = tf.linalg.LinearOperatorToeplitz(col=[1.0, 2.0, 3.0], row=[1.0, 4.0, 5.0])
    >>> print(op.to_dense())
    tf.Tensor(
    [[1. 4. 5.]
     [2. 1. 4.]
     [3. 2. 1.]], shape=(3, 3), dtype=float32)
    """

    def __init__(
        self,
        col: Any,
        row: Any,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorToeplitz",
    ) -> None:
        """``col`` and ``row`` of one length (``row[0]`` is ignored: ``col[0]`` is used).

        >>> tf.linalg.LinearOperatorToeplitz([1.0, 2.0], [1.0, 3.0]).shape
        TensorShape([2, 2])
        """
        parameters = dict(col=col, row=row, is_non_singular=is_non_singular,
                          is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        self._row = convert_parameter(row, "row")
        self._col = convert_parameter(col, "col")
        for arg, value in (("row", self._row), ("col", self._col)):
            if value.shape.rank < 1:
                raise ValueError(
                    f"Argument {arg} must have at least 1 dimension.  Found: {read(value).numpy()}"
                )
        if self._row.shape[-1] != self._col.shape[-1]:
            raise ValueError("Expected square matrix, got row and col with mismatched dimensions.")
        if is_square is False:
            raise ValueError("Only square Toeplitz operators currently supported.")
        super().__init__(self._row.dtype, None, is_non_singular, is_self_adjoint,
                         is_positive_definite, True, name, parameters)  # fmt: skip

    @property
    def col(self) -> Any:
        """The first column.

        >>> print(tf.linalg.LinearOperatorToeplitz([1.0, 2.0], [1.0, 3.0]).col)
        tf.Tensor([1. 2.], shape=(2,), dtype=float32)
        """
        return self._col

    @property
    def row(self) -> Any:
        """The first row.

        >>> print(tf.linalg.LinearOperatorToeplitz([1.0, 2.0], [1.0, 3.0]).row)
        tf.Tensor([1. 3.], shape=(2,), dtype=float32)
        """
        return self._row

    def _shape(self) -> tf.TensorShape:
        shape = tf.broadcast_static_shape(self._row.shape, self._col.shape)
        return shape.concatenate(shape[-1:])

    def _assert_self_adjoint(self) -> Any:
        return tf.debugging.assert_equal(
            self._row, self._col,
            message="row and col are not the same, and so this operator is not self-adjoint.",
        )  # fmt: skip

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        x = adjoint_if(x, adjoint_arg)
        padded = tf.concat([x, tf.zeros_like(x)], axis=-2)
        col, row = read(self._col), read(self._row)
        # The first column of a circulant matrix whose top-left block is this one.
        first = tf.concat([col, tf.zeros_like(col[..., :1]), tf.reverse(row[..., 1:], [-1])], -1)
        circulant = LinearOperatorCirculant(tf.signal.fft(_to_complex(first)),
                                            input_output_dtype=row.dtype)  # fmt: skip
        result = circulant.matmul(padded, adjoint=adjoint)
        return tf.cast(result[..., : int(self.domain_dimension), :], self.dtype)

    def _trace(self) -> Any:
        return tf.cast(int(self.domain_dimension), self.dtype) * read(self._col)[..., 0]

    def _diag_part(self) -> Any:
        return read(self._col)[..., 0:1] * tf.ones([int(self.domain_dimension)], self.dtype)

    def _to_dense(self) -> Any:
        row, col = read(self._row), read(self._col)
        shape = tf.broadcast_static_shape(row.shape, col.shape)
        n = shape[-1]
        row, col = tf.broadcast_to(row, shape), tf.broadcast_to(col, shape)
        # Entry (i, j) is col[i - j] below the diagonal and row[j - i] above it.
        elements = tf.concat([tf.reverse(col, [-1]), row[..., 1:]], axis=-1)
        index = (np.arange(n)[None, :] + np.arange(n - 1, -1, -1)[:, None]) % (2 * n - 1)
        return tf.gather(elements, tf.constant(index, tf.int32), axis=-1)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"col": 1, "row": 1}
