"""tf.linalg LinearOperator snippets: structure, hints, operator algebra and errors.

Same rules as ``behaviour_snippets.py``: each program prints what a user would
see; ``make_linop_golden.py`` records TensorFlow's output in ``linop.json`` and
``tests/test_linop_golden.py`` replays the programs on tapeflow. Values and
gradients are in the op golden suite (``op_specs/linalg_linop*.py``); here
values print rounded (``show``) so the last float bits do not matter.
"""

import textwrap

SNIPPETS: dict[str, str] = {}

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


def _snippet(name: str, source: str) -> None:
    if name in SNIPPETS:
        raise ValueError(f"duplicate snippet name {name!r}")
    SNIPPETS[name] = textwrap.dedent(PRELUDE).lstrip("\n") + textwrap.dedent(source).lstrip("\n")


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
