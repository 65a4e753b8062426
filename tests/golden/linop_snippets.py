"""tf.linalg LinearOperator snippets: structure, hints, operator algebra and errors.

Same rules as ``behaviour_snippets.py``: each program prints what a user would
see; ``make_snippets_golden.py linop`` records TensorFlow's output in ``linop.json`` and
``tests/test_linop_golden.py`` replays the programs on tapeflow. Values and
gradients are in the op golden suite (``op_specs/linalg_linop*.py``); here
values print rounded (``show``) so the last float bits do not matter.
"""

from snippet_registry import snippet_registry

PRELUDE = """
def show(x):
    print(np.round(np.asarray(x), 4).tolist())

def kind(op):
    print(type(op).__name__, op.name, op.shape, op.dtype.name,
          [op.is_non_singular, op.is_self_adjoint, op.is_positive_definite, op.is_square])

def attempt(fn):
    try:
        fn()
        print("no error")
    except Exception as e:
        show_error(e)
"""


SNIPPETS, _snippet = snippet_registry(PRELUDE, lstrip_source=True)


_snippet(
    "shapes_and_dimensions",
    """
    op = tf.linalg.LinearOperatorFullMatrix(tf.ones((4, 2, 3)))
    print(op.shape, op.batch_shape, op.tensor_rank, repr(op.domain_dimension),
          repr(op.range_dimension), op.domain_dimension == 3, op.is_square)
    for t in (op.shape_tensor(), op.batch_shape_tensor(), op.tensor_rank_tensor(),
              op.domain_dimension_tensor(), op.range_dimension_tensor()):
        print(t.dtype.name, t.numpy().tolist())
    d = tf.linalg.LinearOperatorDiag(tf.ones((2, 5), tf.float64))
    print(d.shape, d.dtype, d.name)
    """,
)

_snippet(
    "hints",
    """
    kind(tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]]))
    kind(tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [1.0, 2.0]], is_positive_definite=True))
    kind(tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [1.0, 2.0]], is_self_adjoint=True))
    kind(tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))))
    kind(tf.linalg.LinearOperatorDiag([1.0, 2.0]))
    kind(tf.linalg.LinearOperatorDiag(tf.constant([1.0, 2.0], tf.complex64)))
    kind(tf.linalg.LinearOperatorLowerTriangular([[1.0, 0.0], [2.0, 3.0]]))
    kind(tf.linalg.LinearOperatorIdentity(3))
    kind(tf.linalg.LinearOperatorScaledIdentity(3, 2.0))
    kind(tf.linalg.LinearOperatorZeros(3))
    kind(tf.linalg.LinearOperatorZeros(2, 3, is_square=False, is_self_adjoint=False))
    """,
)

_snippet(
    "hint_contradictions",
    """
    m = [[1.0, 2.0], [3.0, 4.0]]
    F = tf.linalg.LinearOperatorFullMatrix
    attempt(lambda: F(m, is_positive_definite=True, is_non_singular=False))
    attempt(lambda: F(m, is_non_singular=True, is_square=False))
    attempt(lambda: F(m, is_self_adjoint=True, is_square=False))
    attempt(lambda: F(m, is_square=False).is_square)
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, 2.0], is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, 2.0], is_square=False))
    attempt(lambda: tf.linalg.LinearOperatorLowerTriangular(m, is_square=False))
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(2, 1.0, is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(2, 1.0, is_square=False))
    for hint in ("is_self_adjoint", "is_non_singular", "is_positive_definite", "is_square"):
        attempt(lambda: tf.linalg.LinearOperatorIdentity(2, **{hint: False}))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2, is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2, is_non_singular=True))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2, is_positive_definite=True))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2, 3))
    """,
)

_snippet(
    "bad_construction",
    """
    attempt(lambda: tf.linalg.LinearOperatorFullMatrix([1.0, 2.0]))
    attempt(lambda: tf.linalg.LinearOperatorFullMatrix([[1, 2], [3, 4]]))
    attempt(lambda: tf.linalg.LinearOperatorDiag(1.0))
    attempt(lambda: tf.linalg.LinearOperatorLowerTriangular([1.0, 2.0]))
    attempt(lambda: tf.linalg.LinearOperatorIdentity(2.5))
    attempt(lambda: tf.linalg.LinearOperatorIdentity(-1))
    attempt(lambda: tf.linalg.LinearOperatorIdentity([2, 3]))
    attempt(lambda: tf.linalg.LinearOperatorIdentity(2, batch_shape=3))
    attempt(lambda: tf.linalg.LinearOperatorIdentity(2, batch_shape=[-1]))
    attempt(lambda: tf.linalg.LinearOperatorIdentity(2, batch_shape=[1.5]))
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(-2, 1.0))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2, -3, is_square=False))
    attempt(lambda: tf.linalg.LinearOperator(tf.float32))
    """,
)

_snippet(
    "bad_arguments",
    """
    op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    attempt(lambda: op.matmul(tf.ones((3, 1))))
    attempt(lambda: op.matmul(tf.ones((1, 3)), adjoint_arg=True))
    attempt(lambda: op.matmul(tf.ones((2, 1), tf.float64)))
    attempt(lambda: op.matvec(tf.ones(3)))
    attempt(lambda: op.solve(tf.ones((3, 1))))
    attempt(lambda: op.solvevec(tf.ones(3)))
    attempt(lambda: op.add_to_tensor(tf.ones((2, 2), tf.float64)))
    attempt(lambda: op.eigvals())
    attempt(lambda: op.cholesky())
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, 2.0]).matvec(tf.ones(3)))
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, 2.0]).cholesky())
    attempt(lambda: tf.linalg.LinearOperatorIdentity(2).matmul(tf.ones((3, 1))))
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(2, 3.0).solve(tf.ones((3, 1))))
    """,
)

_snippet(
    "non_square",
    """
    op = tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3)))
    show(op.matmul(tf.ones((3, 1))))
    show(op.matvec(tf.ones(2), adjoint=True))
    attempt(lambda: op.solve(tf.ones((2, 1))))
    attempt(lambda: op.solvevec(tf.ones(2)))
    attempt(lambda: op.determinant())
    attempt(lambda: op.log_abs_determinant())
    attempt(lambda: op.inverse())
    attempt(lambda: op.eigvals())
    show(op.diag_part())
    show(op.trace())
    kind(op.H)
    kind(op @ op.H)
    kind(op.H @ op)
    attempt(lambda: op @ op)
    z = tf.linalg.LinearOperatorZeros(2, 3, is_square=False, is_self_adjoint=False)
    show(z.matmul(tf.ones((3, 2))))
    show(z.matmul(tf.ones((2, 2)), adjoint=True))
    attempt(lambda: z @ tf.linalg.LinearOperatorIdentity(3))
    attempt(lambda: z.solve(tf.ones((2, 1))))
    """,
)

_snippet(
    "singular_hints",
    """
    op = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [2.0, 4.0]], is_non_singular=False)
    attempt(lambda: op.solve(tf.ones((2, 1))))
    attempt(lambda: op.inverse())
    attempt(lambda: tf.linalg.LinearOperatorInversion(op))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2).solve(tf.ones((2, 1))))
    attempt(lambda: tf.linalg.LinearOperatorZeros(2).inverse())
    show(tf.linalg.LinearOperatorZeros(2).log_abs_determinant())
    """,
)

_snippet(
    "operator_algebra_diagonal",
    """
    d = tf.linalg.LinearOperatorDiag([2.0, 4.0])
    s = tf.linalg.LinearOperatorScaledIdentity(2, 3.0)
    i = tf.linalg.LinearOperatorIdentity(2)
    l = tf.linalg.LinearOperatorLowerTriangular([[1.0, 0.0], [2.0, 3.0]])
    f = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    z = tf.linalg.LinearOperatorZeros(2)
    for name, result in [("d@d", d @ d), ("d@s", d @ s), ("s@d", s @ d), ("s@s", s @ s),
                         ("d@l", d @ l), ("l@d", l @ d), ("d@f", d @ f), ("i@f", i @ f),
                         ("f@i", f @ i), ("s@i", s @ i), ("f@z", f @ z), ("z@f", z @ f),
                         ("l@l", l @ l)]:
        print(name, end=" ")
        kind(result)
        show(result.to_dense())
    for name, result in [("d\\\\d", d.solve(d)), ("d\\\\s", d.solve(s)), ("s\\\\d", s.solve(d)),
                         ("s\\\\s", s.solve(s)), ("d\\\\l", d.solve(l)), ("f\\\\i", f.solve(i)),
                         ("i\\\\f", i.solve(f)), ("f\\\\d", f.solve(d))]:
        print(name, end=" ")
        kind(result)
        show(result.to_dense())
    """,
)

_snippet(
    "derived_operators",
    """
    f = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    p = tf.linalg.LinearOperatorFullMatrix([[4.0, 1.0], [1.0, 3.0]], is_self_adjoint=True,
                                           is_positive_definite=True)
    d = tf.linalg.LinearOperatorDiag([4.0, 9.0], is_positive_definite=True)
    s = tf.linalg.LinearOperatorScaledIdentity(2, 4.0, is_positive_definite=True)
    i = tf.linalg.LinearOperatorIdentity(2)
    l = tf.linalg.LinearOperatorLowerTriangular([[1.0, 0.0], [2.0, 3.0]])
    for op in (f, p, d, s, i, l):
        for derived in ("adjoint", "H", "inverse"):
            result = getattr(op, derived)
            result = result() if callable(result) else result
            print(derived, result is op, end=" ")
            kind(result)
            show(result.to_dense())
    for op in (p, d, s, i):
        kind(op.cholesky())
        show(op.cholesky().to_dense())
    print(f.H.H is f, f.inverse().inverse() is f, f.H.operator is f)
    kind(f.H.inverse())
    kind(f.inverse().H)
    """,
)

_snippet(
    "complex_operators",
    """
    d = tf.linalg.LinearOperatorDiag(tf.constant([1 + 2j, 3 - 1j], tf.complex64))
    kind(d.H)
    print(d.H.diag.numpy().tolist())
    print(d.log_abs_determinant().dtype.name, np.round(d.log_abs_determinant().numpy(), 4))
    s = tf.linalg.LinearOperatorScaledIdentity(2, tf.constant(1 + 1j, tf.complex128))
    kind(s)
    print(s.H.multiplier.numpy(), s.log_abs_determinant().dtype.name)
    attempt(lambda: tf.linalg.LinearOperatorDiag(tf.constant([1j]), is_self_adjoint=True).assert_self_adjoint())
    """,
)

_snippet(
    "assertions",
    """
    print(tf.linalg.LinearOperatorDiag([1.0, 2.0]).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, 0.0]).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorDiag([1.0, -2.0]).assert_positive_definite())
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(2, 0.0).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorScaledIdentity(2, -1.0).assert_positive_definite())
    attempt(lambda: tf.linalg.LinearOperatorLowerTriangular([[1.0, 0.0], [1.0, 0.0]]).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorZeros(2).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorZeros(2).assert_positive_definite())
    print(tf.linalg.LinearOperatorZeros(2).assert_self_adjoint())
    print(tf.linalg.LinearOperatorIdentity(2).assert_positive_definite())
    """,
)

_snippet(
    "linalg_functions_dispatch",
    """
    f = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    p = tf.linalg.LinearOperatorDiag([4.0, 9.0], is_positive_definite=True)
    kind(tf.linalg.adjoint(f))
    kind(tf.linalg.inv(f))
    kind(tf.linalg.inv(f, adjoint=True))
    kind(tf.linalg.cholesky(p))
    show(tf.linalg.det(p))
    show(tf.linalg.logdet(p))
    attempt(lambda: tf.linalg.logdet(f))
    show(tf.linalg.trace(f))
    show(tf.linalg.diag_part(f))
    show(tf.linalg.matmul(f, tf.ones((2, 1))))
    show(tf.linalg.matmul(tf.ones((1, 2)), f))
    show(tf.linalg.matmul(tf.ones((2, 1)), f, adjoint_a=True))
    show(tf.matmul(f, tf.ones((1, 2)), adjoint_b=True))
    show(tf.ones((1, 2)) @ f)
    show(tf.constant([[1.0, 2.0], [3.0, 4.0]]) @ p)
    kind(tf.linalg.matmul(f, p))
    attempt(lambda: tf.linalg.matmul(f, tf.ones((2, 2)), transpose_a=True))
    show(tf.linalg.solve(f, tf.ones((2, 1))))
    attempt(lambda: tf.linalg.solve(tf.ones((2, 2)), f))
    """,
)

_snippet(
    "batch_and_slicing",
    """
    op = tf.linalg.LinearOperatorFullMatrix(tf.reshape(tf.range(24.0), (2, 3, 2, 2)))
    for sliced in (op[0], op[1, 2], op[:, 1:], op[..., 0]):
        kind(sliced)
        show(sliced.to_dense())
    d = tf.linalg.LinearOperatorDiag(tf.reshape(tf.range(1.0, 7.0), (3, 2)))
    kind(d[1:])
    show(d[-1].diag)
    i = tf.linalg.LinearOperatorIdentity(2, batch_shape=[4, 3])
    kind(i[1:3])
    kind(i[0])
    s = tf.linalg.LinearOperatorScaledIdentity(2, [1.0, 2.0, 3.0])
    kind(s[::2])
    show(s[::2].multiplier)
    show(tf.linalg.LinearOperatorIdentity(2, batch_shape=[3]).matmul(tf.ones((2, 1))))
    show(tf.linalg.LinearOperatorDiag(tf.ones((3, 2))).matmul(tf.ones((2, 1))))
    show(tf.linalg.LinearOperatorFullMatrix(tf.eye(2, batch_shape=[3])).solve(tf.ones((2, 1))))
    """,
)

_snippet(
    "parameters_and_variables",
    """
    v = tf.Variable([[2.0, 0.0], [1.0, 3.0]])
    op = tf.linalg.LinearOperatorFullMatrix(v)
    print(len(op.trainable_variables), op.variables[0].shape)
    v.assign([[1.0, 0.0], [0.0, 1.0]])
    show(op.to_dense())
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(op.matvec([1.0, 2.0]))
    show(tape.gradient(y, v))
    print(sorted(tf.linalg.LinearOperatorDiag([1.0]).parameters))
    print(tf.linalg.LinearOperatorIdentity(2).parameters)
    print(sorted(tf.linalg.LinearOperatorZeros(2).parameters))
    """,
)

_snippet(
    "user_subclass",
    """
    class Shift(tf.linalg.LinearOperator):
        def __init__(self, n):
            self._n = n
            super().__init__(dtype=tf.float32, is_square=True, name="Shift")

        def _shape(self):
            return tf.TensorShape([self._n, self._n])

        def _matmul(self, x, adjoint=False, adjoint_arg=False):
            x = tf.linalg.adjoint(x) if adjoint_arg else x
            return tf.roll(x, shift=-1 if adjoint else 1, axis=-2)

    op = Shift(3)
    kind(op)
    show(op.to_dense())
    show(op.matvec([1.0, 2.0, 3.0]))
    show(op.solvevec([1.0, 2.0, 3.0]))
    show(op.determinant())
    show(op.log_abs_determinant())
    show(op.trace())
    show(op.diag_part())
    kind(op.H)
    show(op.H.to_dense())
    kind(op @ op)
    show((op @ op).to_dense())
    kind(op.inverse())
    show(op.inverse().matvec([1.0, 2.0, 3.0]))
    show(op.cond())
    attempt(lambda: op.eigvals())
    """,
)

_snippet(
    "circulant_structure",
    """
    c = tf.linalg.LinearOperatorCirculant([6.0, 2.0, 4.0, 2.0], input_output_dtype=tf.float32)
    kind(c)
    print(c.block_depth, c.block_shape, c.block_shape_tensor().numpy().tolist())
    z = tf.linalg.LinearOperatorCirculant(tf.constant([6.0, 2.0, 4.0, 2.0], tf.complex64))
    show(z.convolution_kernel())
    attempt(lambda: z.assert_hermitian_spectrum())
    for result in (c @ c, c.solve(c), c.H, c.inverse()):
        kind(result)
    kind(tf.linalg.LinearOperatorCirculant(tf.constant([1 + 1j, 2 - 1j], tf.complex64)))
    c2 = tf.linalg.LinearOperatorCirculant2D(tf.ones((2, 3)), input_output_dtype=tf.float32)
    kind(c2)
    print(c2.block_shape, c2.block_depth)
    kind(c2 @ c2)
    kind(c2 @ c)
    c3 = tf.linalg.LinearOperatorCirculant3D(tf.ones((4, 1, 2, 2)))
    kind(c3)
    print(c3.batch_shape, c3.block_shape)
    attempt(lambda: tf.linalg.LinearOperatorCirculant2D(tf.ones(3)))
    attempt(lambda: tf.linalg.LinearOperatorCirculant(tf.ones(3), is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorCirculant(tf.ones(3), is_square=False))
    attempt(lambda: c.matvec(tf.ones(3)))
    attempt(lambda: c.matvec(tf.ones(4, tf.float64)))
    attempt(lambda: tf.linalg.LinearOperatorCirculant([1.0, 0.0]).assert_non_singular())
    attempt(lambda: tf.linalg.LinearOperatorCirculant([1.0, -1.0]).assert_positive_definite())
    """,
)

_snippet(
    "toeplitz_tridiag_structure",
    """
    t = tf.linalg.LinearOperatorToeplitz([1.0, 2.0, 3.0], [1.0, 4.0, 5.0])
    kind(t)
    kind(t.H)
    show(t.diag_part())
    attempt(lambda: tf.linalg.LinearOperatorToeplitz([1.0, 2.0], [1.0, 2.0, 3.0]))
    attempt(lambda: tf.linalg.LinearOperatorToeplitz(1.0, [1.0]))
    attempt(lambda: tf.linalg.LinearOperatorToeplitz([1.0], [1.0], is_square=False))
    attempt(lambda: t.assert_self_adjoint())
    kind(tf.linalg.LinearOperatorToeplitz(tf.ones((2, 3)), tf.ones((2, 3))))
    d = tf.linalg.LinearOperatorTridiag([[1.0, 2.0, 0.0], [4.0, 5.0, 6.0], [0.0, 7.0, 8.0]])
    kind(d)
    print(d.diagonals_format)
    kind(tf.linalg.LinearOperatorTridiag([[1.0, 2.0], [4.0, 5.0], [0.0, 7.0]],
                                         diagonals_format="sequence"))
    kind(tf.linalg.LinearOperatorTridiag(tf.eye(3), diagonals_format="matrix"))
    attempt(lambda: tf.linalg.LinearOperatorTridiag(tf.ones((3, 3)), diagonals_format="banded"))
    attempt(lambda: d.assert_self_adjoint())
    print(tf.linalg.LinearOperatorTridiag([[1.0, 2.0, 0.0], [4.0, 5.0, 6.0],
                                           [0.0, 1.0, 2.0]]).assert_self_adjoint())
    attempt(lambda: d.solve(tf.ones((2, 1))))
    """,
)

_snippet(
    "householder_permutation",
    """
    h = tf.linalg.LinearOperatorHouseholder([1.0, 1.0, 0.0])
    kind(h)
    print(h.inverse() is h, h.H is h, h.adjoint() is h)
    show(h.eigvals())
    show(h.determinant())
    show(h.trace())
    attempt(lambda: h.assert_positive_definite())
    print(h.assert_non_singular(), h.assert_self_adjoint())
    attempt(lambda: tf.linalg.LinearOperatorHouseholder(1.0))
    attempt(lambda: tf.linalg.LinearOperatorHouseholder([1.0], is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorHouseholder([1.0], is_positive_definite=True))
    attempt(lambda: tf.linalg.LinearOperatorHouseholder([1.0], is_square=False))
    attempt(lambda: h.cholesky())
    p = tf.linalg.LinearOperatorPermutation([2, 0, 1])
    kind(p)
    show(p.to_dense())
    show(p.matvec([1.0, 2.0, 3.0], adjoint=True))
    show(p.determinant())
    show(p.cond())
    kind(p.H)
    kind(p.inverse())
    kind(tf.linalg.LinearOperatorPermutation([1, 0], is_self_adjoint=True).H)
    attempt(lambda: tf.linalg.LinearOperatorPermutation([0, 0, 1]))
    attempt(lambda: tf.linalg.LinearOperatorPermutation([0.0, 1.0]))
    attempt(lambda: tf.linalg.LinearOperatorPermutation(0))
    attempt(lambda: tf.linalg.LinearOperatorPermutation([0, 1], is_non_singular=False))
    attempt(lambda: tf.linalg.LinearOperatorPermutation([0, 1], is_square=False))
    kind(tf.linalg.LinearOperatorPermutation([[1, 0], [0, 1]], dtype=tf.float64))
    """,
)

_snippet(
    "block_diag_structure",
    """
    a = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    b = tf.linalg.LinearOperatorDiag([5.0])
    p = tf.linalg.LinearOperatorDiag([4.0, 9.0], is_positive_definite=True)
    op = tf.linalg.LinearOperatorBlockDiag([a, b])
    kind(op)
    print(len(op.operators))
    out = op.matmul([tf.ones((2, 1)), tf.ones((1, 1))])
    print(type(out).__name__, [t.shape for t in out])
    out = op.matvec([tf.ones(2), tf.ones(1)])
    print([t.numpy().tolist() for t in out])
    out = op.solvevec([tf.ones(2), tf.ones(1)])
    print([np.round(t.numpy(), 4).tolist() for t in out])
    show(op.solve(tf.ones((3, 1))))
    for result in (op @ op, op.H, op.inverse(), op.solve(op), op @ a.H, tf.linalg.LinearOperatorBlockDiag([p, p]).cholesky()):
        kind(result)
    kind(tf.linalg.LinearOperatorBlockDiag([p, p]))
    attempt(lambda: tf.linalg.LinearOperatorBlockDiag([]))
    attempt(lambda: tf.linalg.LinearOperatorBlockDiag([a, tf.linalg.LinearOperatorDiag(tf.ones(1, tf.float64))]))
    attempt(lambda: tf.linalg.LinearOperatorBlockDiag([p, p], is_positive_definite=False))
    attempt(lambda: op @ tf.linalg.LinearOperatorBlockDiag([b, a]))
    attempt(lambda: op @ tf.linalg.LinearOperatorBlockDiag([a]))
    attempt(lambda: op.matmul([tf.ones((2, 1)), tf.ones((2, 1))]))
    attempt(lambda: op.matvec(tf.ones(4)))
    r = tf.linalg.LinearOperatorBlockDiag([tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))), b], is_square=False)
    kind(r)
    attempt(lambda: r.diag_part())
    attempt(lambda: r.trace())
    """,
)

_snippet(
    "block_lower_triangular_structure",
    """
    a = tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [0.5, 3.0]])
    c = tf.linalg.LinearOperatorFullMatrix([[1.0, 2.0], [3.0, 4.0]])
    d = tf.linalg.LinearOperatorDiag([2.0, 4.0])
    op = tf.linalg.LinearOperatorBlockLowerTriangular([[a], [c, d]])
    kind(op)
    print([len(row) for row in op.operators])
    inv = op.inverse()
    kind(inv)
    print([[type(o).__name__ for o in row] for row in inv.operators])
    show(inv.to_dense())
    out = op.solve([tf.ones((2, 1)), tf.ones((2, 1))])
    print([np.round(t.numpy(), 4).tolist() for t in out])
    out = op.matvec([tf.ones(2), tf.ones(2)], adjoint=True)
    print([np.round(t.numpy(), 4).tolist() for t in out])
    kind(op.H)
    kind(op @ op)
    show(op.eigvals() if op.is_self_adjoint else op.diag_part())
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[a], [c]]))
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[a], [tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))), d]]))
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[a]], is_square=False))
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3)))]]))
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([]))
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[d]], is_non_singular=False))
    s = tf.linalg.LinearOperatorFullMatrix([[1.0, 1.0], [1.0, 1.0]], is_non_singular=False)
    attempt(lambda: tf.linalg.LinearOperatorBlockLowerTriangular([[s]], is_non_singular=True))
    kind(tf.linalg.LinearOperatorBlockLowerTriangular([[s]]))
    """,
)

_snippet(
    "low_rank_update_structure",
    """
    base = tf.linalg.LinearOperatorDiag([1.0, 2.0, 3.0], is_positive_definite=True)
    u = [[1.0], [0.5], [0.0]]
    op = tf.linalg.LinearOperatorLowRankUpdate(base, u)
    kind(op)
    print(op.is_diag_update_positive, op.diag_update, type(op.diag_operator).__name__,
          op.v is op.u, op.base_operator is base)
    show(op.to_dense())
    show(op.determinant())
    kind(op.cholesky())
    g = tf.linalg.LinearOperatorLowRankUpdate(base, u, diag_update=[2.0], v=[[0.0], [1.0], [1.0]])
    kind(g)
    print(g.is_diag_update_positive, type(g.diag_operator).__name__)
    show(g.solvevec([1.0, 1.0, 1.0]))
    show(g.solvevec([1.0, 1.0, 1.0], adjoint=True))
    kind(tf.linalg.LinearOperatorLowRankUpdate(base, u, diag_update=[2.0], is_diag_update_positive=True))
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(base, u, is_diag_update_positive=False))
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(base, u, is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(base, u, is_positive_definite=False))
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(base, [[1.0], [2.0]]))
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(base, u, diag_update=[1.0, 2.0]))
    s = tf.linalg.LinearOperatorFullMatrix(tf.zeros((3, 3)), is_non_singular=False)
    attempt(lambda: tf.linalg.LinearOperatorLowRankUpdate(s, u).solvevec([1.0, 1.0, 1.0]))
    """,
)

_snippet(
    "kronecker_and_wrappers",
    """
    a = tf.linalg.LinearOperatorFullMatrix([[2.0, 1.0], [0.5, 3.0]])
    d = tf.linalg.LinearOperatorDiag([4.0, 9.0], is_positive_definite=True)
    k = tf.linalg.LinearOperatorKronecker([a, d])
    kind(k)
    print(len(k.operators))
    for result in (k.H, k.inverse(), k @ k):
        kind(result)
    kp = tf.linalg.LinearOperatorKronecker([d, d])
    kind(kp)
    kind(kp.cholesky())
    show(kp.cholesky().to_dense())
    show(kp.eigvals())
    attempt(lambda: tf.linalg.LinearOperatorKronecker([]))
    attempt(lambda: tf.linalg.LinearOperatorKronecker([d, d], is_positive_definite=False))
    attempt(lambda: tf.linalg.LinearOperatorKronecker([a, tf.linalg.LinearOperatorDiag(tf.ones(2, tf.float64))]))
    r = tf.linalg.LinearOperatorKronecker([tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))), d])
    kind(r)
    attempt(lambda: r.assert_non_singular())
    kind(tf.linalg.LinearOperatorAdjoint(a, name="At"))
    attempt(lambda: tf.linalg.LinearOperatorAdjoint(d, is_self_adjoint=False))
    attempt(lambda: tf.linalg.LinearOperatorInversion(d, is_positive_definite=False))
    attempt(lambda: tf.linalg.LinearOperatorInversion(tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3)))))
    c = tf.linalg.LinearOperatorComposition([a, d])
    kind(c)
    kind(tf.linalg.LinearOperatorComposition([a, a.H]))
    kind(tf.linalg.LinearOperatorComposition([d, d]))
    kind(tf.linalg.LinearOperatorComposition([d]))
    attempt(lambda: tf.linalg.LinearOperatorComposition([]))
    attempt(lambda: tf.linalg.LinearOperatorComposition([a, tf.linalg.LinearOperatorDiag(tf.ones(2, tf.float64))]))
    attempt(lambda: tf.linalg.LinearOperatorComposition([d, d], is_non_singular=False))
    attempt(lambda: tf.linalg.LinearOperatorComposition([a, a.H], is_square=False))
    attempt(lambda: tf.linalg.LinearOperatorComposition([tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 3))), a]).shape)
    l = tf.linalg.LinearOperatorLowerTriangular([[2.0, 0.0], [1.0, 3.0]], is_non_singular=True)
    kind(tf.linalg.LinearOperatorComposition([l, l.H]).cholesky())
    """,
)

_snippet(
    "batch_slicing_structured",
    """
    c = tf.linalg.LinearOperatorCirculant2D(tf.reshape(tf.range(1.0, 25.0), (2, 2, 2, 3)),
                                            input_output_dtype=tf.float32)
    kind(c[1])
    kind(c[:, 0])
    show(c[1, 0].spectrum)
    t = tf.linalg.LinearOperatorToeplitz(tf.ones((3, 4)), tf.ones((3, 4)))
    kind(t[1:])
    h = tf.linalg.LinearOperatorHouseholder(tf.reshape(tf.range(1.0, 7.0), (2, 3)))
    kind(h[0])
    show(h[-1].reflection_axis)
    p = tf.linalg.LinearOperatorPermutation([[1, 0], [0, 1], [1, 0]])
    kind(p[::2])
    show(p[::2].perm)
    tri = tf.linalg.LinearOperatorTridiag(tf.reshape(tf.range(24.0), (2, 3, 4)))
    kind(tri[1])
    d = tf.linalg.LinearOperatorDiag(tf.ones((2, 3)))
    f = tf.linalg.LinearOperatorFullMatrix(tf.ones((2, 2, 2)))
    bd = tf.linalg.LinearOperatorBlockDiag([d, f])
    kind(bd[0])
    k = tf.linalg.LinearOperatorKronecker([d, f])
    kind(k[1])
    lru = tf.linalg.LinearOperatorLowRankUpdate(
        tf.linalg.LinearOperatorDiag(tf.ones((2, 3)), is_positive_definite=True), tf.ones((2, 3, 1)))
    kind(lru[1])
    kind(tf.linalg.LinearOperatorScaledIdentity(3, tf.ones((4, 1)))[1:3, 0])
    """,
)
