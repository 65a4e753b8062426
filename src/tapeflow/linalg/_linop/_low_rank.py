"""LinearOperatorLowRankUpdate: a base operator plus ``U D V^H``, solved with the
Woodbury identity."""

from __future__ import annotations

from typing import Any

import tapeflow as tf

from ._base import LinearOperator
from ._dense import LinearOperatorDiag
from ._identity import LinearOperatorIdentity
from ._util import broadcast_batch, check_compatible, convert_parameter, read


class LinearOperatorLowRankUpdate(LinearOperator):
    """``L + U D V^H``: a base operator plus a low-rank term; solves and determinants
    use the Woodbury identity and the determinant lemma (an r x r capacitance matrix).

    >>> base = tf.linalg.LinearOperatorDiag([1.0, 2.0])
    >>> op = tf.linalg.LinearOperatorLowRankUpdate(base, u=[[1.0], [1.0]])
    >>> print(op.to_dense())
    tf.Tensor(
    [[2. 1.]
     [1. 3.]], shape=(2, 2), dtype=float32)
    >>> print(op.determinant())
    tf.Tensor(5.0, shape=(), dtype=float32)
    """

    def __init__(
        self,
        base_operator: LinearOperator,
        u: Any,
        diag_update: Any = None,
        v: Any = None,
        is_diag_update_positive: bool | None = None,
        is_non_singular: bool | None = None,
        is_self_adjoint: bool | None = None,
        is_positive_definite: bool | None = None,
        is_square: bool | None = None,
        name: str = "LinearOperatorLowRankUpdate",
    ) -> None:
        """``base_operator + u diag(diag_update) v^H`` (``v`` defaults to ``u``, the
        diagonal to ones).

        >>> base = tf.linalg.LinearOperatorIdentity(3)
        >>> tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((3, 2))).shape
        TensorShape([3, 3])
        """

        parameters = dict(base_operator=base_operator, u=u, diag_update=diag_update, v=v,
                          is_diag_update_positive=is_diag_update_positive,
                          is_non_singular=is_non_singular, is_self_adjoint=is_self_adjoint,
                          is_positive_definite=is_positive_definite, is_square=is_square,
                          name=name)  # fmt: skip
        dtype = base_operator.dtype
        if diag_update is not None and is_diag_update_positive and dtype.is_complex:
            tf.get_logger().warning(
                "Note: setting is_diag_update_positive with a complex dtype means that diagonal "
                "is real and positive."
            )
        if diag_update is None:
            if is_diag_update_positive is False:
                raise ValueError(
                    "Default diagonal is the identity, which is positive.  However, user set "
                    "'is_diag_update_positive' to False."
                )
            is_diag_update_positive = True
        self._use_cholesky = bool(base_operator.is_positive_definite
                                  and base_operator.is_self_adjoint
                                  and is_diag_update_positive and v is None)  # fmt: skip
        if base_operator.is_self_adjoint and v is None and not dtype.is_complex:
            if is_self_adjoint is False:
                raise ValueError(
                    "A = L + UDU^H, with L self-adjoint and D real diagonal.  Since UDU^H is "
                    "self-adjoint, this must be a self-adjoint operator."
                )
            is_self_adjoint = True
        if self._use_cholesky:
            if False in (is_positive_definite, is_self_adjoint, is_non_singular):
                raise ValueError("Arguments imply this is self-adjoint positive-definite operator.")
            is_positive_definite = is_self_adjoint = True
        self._u = convert_parameter(u, "u")
        self._v = self._u if v is None else convert_parameter(v, "v")
        self._diag_update = (
            None if diag_update is None else convert_parameter(diag_update, "diag_update")
        )
        self._base_operator = base_operator
        super().__init__(dtype, None, is_non_singular, is_self_adjoint, is_positive_definite,
                         is_square, name, parameters)  # fmt: skip
        self._diag_operator: LinearOperator
        if self._diag_update is not None:
            self._diag_operator = LinearOperatorDiag(self._diag_update,
                                                     is_positive_definite=is_diag_update_positive)  # fmt: skip
        else:
            self._diag_operator = LinearOperatorIdentity(self._u.shape[-1], dtype=self.dtype)
        self._is_diag_update_positive = is_diag_update_positive
        uv = tf.broadcast_static_shape(self._u.shape, self._v.shape)
        batch = tf.broadcast_static_shape(base_operator.batch_shape, uv[:-2])
        check_compatible(base_operator.domain_dimension, uv[-2])
        if self._diag_update is not None:
            check_compatible(uv[-1], self._diag_update.shape[-1])
            tf.broadcast_static_shape(batch, self._diag_update.shape[:-1])

    @property
    def u(self) -> Any:
        """The left factor U.

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1))).u.shape
        TensorShape([2, 1])
        """
        return self._u

    @property
    def v(self) -> Any:
        """The right factor V (U itself unless given).

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> op = tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1)))
        >>> op.v is op.u
        True
        """
        return self._v

    @property
    def is_diag_update_positive(self) -> bool | None:
        """Hint: every entry of the diagonal update is positive.

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1))).is_diag_update_positive
        True
        """
        return self._is_diag_update_positive

    @property
    def diag_update(self) -> Any:
        """The diagonal D given (None: the identity).

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> print(tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1))).diag_update)
        None
        """
        return self._diag_update

    @property
    def diag_operator(self) -> LinearOperator:
        """D as an operator (Diag, or Identity when no diagonal was given).

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> op = tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1)))
        >>> type(op.diag_operator).__name__
        'LinearOperatorIdentity'
        """
        return self._diag_operator

    @property
    def base_operator(self) -> LinearOperator:
        """The operator L being updated.

        >>> base = tf.linalg.LinearOperatorIdentity(2)
        >>> tf.linalg.LinearOperatorLowRankUpdate(base, tf.ones((2, 1))).base_operator is base
        True
        """
        return self._base_operator

    def _assert_self_adjoint(self) -> Any:
        if self._u is self._v and self._diag_update is None:
            return self._base_operator.assert_self_adjoint()
        return super().assert_self_adjoint()

    def _shape(self) -> tf.TensorShape:
        batch = tf.broadcast_static_shape(self._base_operator.batch_shape,
                                          self._diag_operator.batch_shape)  # fmt: skip
        batch = tf.broadcast_static_shape(batch, self._u.shape[:-2])
        batch = tf.broadcast_static_shape(batch, self._v.shape[:-2])
        return batch.concatenate(self._base_operator.shape[-2:])

    def _uv(self) -> tuple[Any, Any]:
        u = read(self._u)
        return u, (u if self._v is self._u else read(self._v))

    def _matmul(self, x: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        u, v = self._uv()
        leading = self._base_operator.matmul(x, adjoint=adjoint, adjoint_arg=adjoint_arg)
        if adjoint:
            u, v = v, u
        # (U D V^H) x, or (V D^H U^H) x with adjoint.
        inner = tf.linalg.matmul(v, x, adjoint_a=True, adjoint_b=adjoint_arg)
        return leading + tf.linalg.matmul(u, self._diag_operator.matmul(inner, adjoint=adjoint))

    def _capacitance(self, u: Any, v: Any) -> Any:
        """D^-1 + V^H L^-1 U (r x r)."""
        vh_linv_u = tf.linalg.matmul(v, self._base_operator.solve(u), adjoint_a=True)
        return self._diag_operator.inverse().add_to_tensor(vh_linv_u)

    def _determinant(self) -> Any:
        if self.is_positive_definite:
            return tf.exp(self.log_abs_determinant())
        u, v = self._uv()
        det_c = tf.linalg.det(self._capacitance(u, v))
        return det_c * self._diag_operator.determinant() * self._base_operator.determinant()

    def _diag_part(self) -> Any:
        u, v = self._uv()
        product = u * tf.math.conj(v)
        if self._diag_update is not None:
            product = product * tf.expand_dims(self._diag_update, -2)
        return tf.reduce_sum(product, axis=-1) + self._base_operator.diag_part()

    def _log_abs_determinant(self) -> Any:
        u, v = self._uv()
        log_d = self._diag_operator.log_abs_determinant()
        log_l = self._base_operator.log_abs_determinant()
        capacitance = self._capacitance(u, v)
        if self._use_cholesky:
            diag = tf.linalg.diag_part(tf.linalg.cholesky(capacitance))
            log_c = 2 * tf.reduce_sum(tf.math.log(diag), axis=[-1])
        else:
            log_c = tf.math.log(tf.abs(tf.linalg.det(capacitance)))
            if self.dtype.is_complex:
                log_c = tf.cast(log_c, self.dtype)
        return log_c + log_d + log_l

    def _solve(self, rhs: Any, adjoint: bool = False, adjoint_arg: bool = False) -> Any:
        if self._base_operator.is_non_singular is False:
            raise ValueError(
                "Solve not implemented unless this is a perturbation of a non-singular "
                "LinearOperator."
            )
        base = self._base_operator
        u, v = self._uv()
        # The capacitance C = D^-1 + V^H L^-1 U; the adjoint system uses C^H, U and V swapped.
        capacitance = self._capacitance(u, v)
        if adjoint:
            u, v = v, u
        # Woodbury: (L + U D V^H)^-1 = L^-1 - L^-1 U C^-1 V^H L^-1.
        linv_rhs = base.solve(rhs, adjoint=adjoint, adjoint_arg=adjoint_arg)
        vh_linv_rhs = tf.linalg.matmul(v, linv_rhs, adjoint_a=True)
        if self._use_cholesky:
            small = tf.linalg.cholesky_solve(tf.linalg.cholesky(capacitance), vh_linv_rhs)
        else:
            capacitance, vh_linv_rhs = broadcast_batch(capacitance, vh_linv_rhs)
            small = tf.linalg.solve(capacitance, vh_linv_rhs, adjoint=adjoint)
        return linv_rhs - base.solve(tf.linalg.matmul(u, small), adjoint=adjoint)

    @property
    def _experimental_parameter_ndims_to_matrix_ndims(self) -> dict:
        return {"base_operator": 0, "u": 2, "diag_update": 1, "v": 2}
