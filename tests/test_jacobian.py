"""GradientTape.jacobian and batch_jacobian (spec section 4).

The behaviour TensorFlow prints is compared in tests/test_snippets_golden.py;
this file checks the mechanics: one batched sweep, every primitive's VJP
being batch-aware, errors, warnings and higher-order use.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _jacobian, _log
from tests.golden.opcases import _leaves

SPEC_DIR = Path(__file__).parent / "golden" / "op_specs"
FAMILIES = sorted(p.stem for p in SPEC_DIR.glob("*.py") if not p.stem.startswith("_"))


def _op_cases():
    for family in FAMILIES:
        module = importlib.import_module(f"tests.golden.op_specs.{family}")
        for case in module.CASES:
            yield pytest.param(case, id=f"{family}/{case.name}")


OP_CASES = list(_op_cases())


def _assert_same_jacobians(vectorized, loop, what):
    for i, (a, b) in enumerate(zip(vectorized, loop)):
        assert (a is None) == (b is None), f"{what}, source {i}: {a!r} vs {b!r}"
        if a is None:
            continue
        assert a.shape == b.shape, f"{what}, source {i}: shape {a.shape} vs {b.shape}"
        assert a.dtype == b.dtype, f"{what}, source {i}: dtype {a.dtype} vs {b.dtype}"
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-5, atol=1e-6, equal_nan=True,
                                   err_msg=f"{what}, source {i}")  # fmt: skip


def _float_leaves(result) -> list:
    return [y for y in _leaves(result)
            if hasattr(y, "dtype") and np.asarray(y).dtype.kind in "fc"]  # fmt: skip


def _case_inputs(case):
    arrays = case.build_args()
    xs = [tf.constant(a) for a in arrays]
    diff = [xs[i] for i, (a, spec) in enumerate(zip(arrays, case.args))
            if spec.differentiable and a.dtype.kind in "fc"]  # fmt: skip
    return xs, diff


@pytest.mark.parametrize("case", OP_CASES)
def test_every_op_vectorized_jacobian_matches_row_loop(case):
    """The batched sweep equals one sweep per row: every VJP rule handles a batch axis.

    For cases with second-order data the same is checked for the jacobian of
    the gradient (a Hessian), which runs the rules of the rules batched.
    """
    xs, diff = _case_inputs(case)
    if not diff:
        pytest.skip("no differentiable argument")
    f = case.function(tf)
    rng = np.random.default_rng(case.seed())
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(diff)
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(diff)
            try:
                outputs = _float_leaves(f(*xs))
            except (AttributeError, NotImplementedError) as error:
                pytest.skip(f"op not available: {error}")  # covered by test_ops_golden
        weights = [tf.constant(rng.standard_normal(y.shape).astype(np.asarray(y).dtype))
                   for y in outputs]  # fmt: skip
        grads = tape.gradient(outputs, diff, output_gradients=weights) if outputs else []
    for k, y in enumerate(outputs):
        _assert_same_jacobians(tape.jacobian(y, diff),
                               tape.jacobian(y, diff, experimental_use_pfor=False),
                               f"output {k}")  # fmt: skip
    if not case.second_order:
        return
    for k, g in enumerate(grads):
        if g is not None:
            _assert_same_jacobians(outer.jacobian(g, diff),
                                   outer.jacobian(g, diff, experimental_use_pfor=False),
                                   f"jacobian of gradient {k}")  # fmt: skip


# --------------------------------------------------------------------------
# One sweep
# --------------------------------------------------------------------------
def _count_sweeps(monkeypatch):
    calls = []
    original = _jacobian.reverse_sweep

    def counting(records, seeds, source_ids, **kwargs):
        calls.append((seeds[0][1].shape, kwargs.get("batch_ndim", 0)))
        return original(records, seeds, source_ids, **kwargs)

    monkeypatch.setattr(_jacobian, "reverse_sweep", counting)
    return calls


def test_vectorized_jacobian_is_one_batched_sweep(monkeypatch):
    calls = _count_sweeps(monkeypatch)
    x = tf.constant(np.linspace(-1.0, 1.0, 12).reshape(3, 4))
    w = tf.constant(np.linspace(0.5, 2.0, 20).reshape(4, 5))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, w])
        y = tf.tanh(tf.matmul(x, w)) * 2.0
    jx, jw = tape.jacobian(y, [x, w])
    assert calls == [((15, 3, 5), 1)]
    assert jx.shape == (3, 5, 3, 4) and jw.shape == (3, 5, 4, 5)
    calls.clear()
    loop = tape.jacobian(y, [x, w], experimental_use_pfor=False)
    assert len(calls) == 15 and all(c == ((3, 5), 0) for c in calls)
    _assert_same_jacobians([jx, jw], loop, "matmul-tanh")
    # Central differences.
    eps = 1e-6
    numerical = np.zeros((3, 5, 3, 4))
    for i in range(3):
        for j in range(4):
            d = np.zeros((3, 4))
            d[i, j] = eps
            plus = np.tanh((x.numpy() + d) @ w.numpy()) * 2.0
            minus = np.tanh((x.numpy() - d) @ w.numpy()) * 2.0
            numerical[:, :, i, j] = (plus - minus) / (2 * eps)
    np.testing.assert_allclose(jx.numpy(), numerical, rtol=1e-6, atol=1e-8)


def test_batch_jacobian_is_one_batched_sweep(monkeypatch):
    calls = _count_sweeps(monkeypatch)
    x = tf.constant(np.linspace(-1.0, 1.0, 24).reshape(4, 2, 3))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reshape(tf.sin(x) * tf.reduce_sum(x, axis=-1, keepdims=True), [4, 6])
    jb = tape.batch_jacobian(y, x)
    assert calls == [((6, 4, 6), 1)]
    assert jb.shape == (4, 6, 2, 3)
    full = tape.jacobian(y, x)
    for b in range(4):
        np.testing.assert_allclose(jb.numpy()[b], full.numpy()[b, :, b], rtol=1e-12)
    calls.clear()
    loop = tape.batch_jacobian(y, x, experimental_use_pfor=False)
    assert len(calls) == 6
    np.testing.assert_allclose(loop.numpy(), jb.numpy(), rtol=1e-12)


def test_parallel_iterations_splits_the_rows(monkeypatch):
    calls = _count_sweeps(monkeypatch)
    x = tf.constant(np.linspace(-1.0, 1.0, 7))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as tape:  # non-persistent: consumed by the last group only
            tape.watch(x)
            y = tf.sin(x) * tf.reduce_sum(x * x)
        j = tape.jacobian(y, x, parallel_iterations=3)
        total = tf.reduce_sum(j * j)
    assert [c[0] for c in calls] == [(3, 7), (3, 7), (1, 7)]
    assert tape._state is None
    with tf.GradientTape(persistent=True) as again:
        again.watch(x)
        y2 = tf.sin(x) * tf.reduce_sum(x * x)
    np.testing.assert_allclose(j.numpy(), again.jacobian(y2, x).numpy(), rtol=1e-12)
    # The joined pieces stay differentiable.
    with tf.GradientTape() as reference:
        reference.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y3 = tf.sin(x) * tf.reduce_sum(x * x)
        j3 = inner.jacobian(y3, x)
        total3 = tf.reduce_sum(j3 * j3)
    np.testing.assert_allclose(outer.gradient(total, x).numpy(),
                               reference.gradient(total3, x).numpy(), rtol=1e-12)  # fmt: skip
    calls.clear()
    xb = tf.constant(np.linspace(-1.0, 1.0, 10).reshape(2, 5))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(xb)
        yb = tf.tanh(xb) * xb[:, :1]
    np.testing.assert_allclose(tape.batch_jacobian(yb, xb, parallel_iterations=2).numpy(),
                               tape.batch_jacobian(yb, xb).numpy(), rtol=1e-12)  # fmt: skip
    assert len(calls) == 3 + 1


# --------------------------------------------------------------------------
# Shapes, structures, connectivity
# --------------------------------------------------------------------------
def test_shapes_and_nested_sources():
    a = tf.constant(np.ones((2, 3)))
    b = tf.constant(np.ones((3, 4)))
    with tf.GradientTape() as tape:
        tape.watch([a, b])
        y = tf.matmul(a, b)
    result = tape.jacobian(y, {"b": b, "pair": (a, [a])})
    assert result["b"].shape == (2, 4, 3, 4)
    assert isinstance(result["pair"], tuple) and isinstance(result["pair"][1], list)
    assert result["pair"][0].shape == (2, 4, 2, 3)
    np.testing.assert_array_equal(result["pair"][0].numpy(), result["pair"][1][0].numpy())


def test_scalar_cases_and_dtypes():
    s = tf.constant(3.0, tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(s)
        y = s * s
        v = s * tf.constant([1.0, 2.0], tf.float64)
    j = tape.jacobian(y, s)
    assert j.shape == () and float(j) == 6.0 and j.dtype == tf.float64
    assert tape.jacobian(v, s).numpy().tolist() == [1.0, 2.0]


def test_unconnected_sources():
    x = tf.constant([1.0, 2.0])
    c = tf.constant([[1.0, 2.0, 3.0]])
    u = tf.constant(4.0)  # never watched
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, c])
        y = x * x * u
    for pfor in (True, False):
        jx, jc, ju = tape.jacobian(y, [x, c, u], experimental_use_pfor=pfor)
        assert jc is None and ju is None
        zx, zc, zu = tape.jacobian(y, [x, c, u], unconnected_gradients="zero",
                                   experimental_use_pfor=pfor)  # fmt: skip
        assert zc.shape == (2, 1, 3) and not zc.numpy().any()
        assert zu.shape == (2,) and not zu.numpy().any()


def test_target_is_source_needs_a_watch():
    x = tf.constant([1.0, 2.0])
    c = tf.constant([3.0, 4.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
    np.testing.assert_array_equal(tape.jacobian(x, x).numpy(), np.eye(2))
    assert tape.jacobian(c, c) is None
    np.testing.assert_array_equal(
        tape.batch_jacobian(c[None], c[None]).numpy(), np.zeros((1, 2, 2))
    )


def test_empty_target():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x[:0] * 2.0
    for pfor in (True, False):
        j = tape.jacobian(y, x, experimental_use_pfor=pfor)
        assert j.shape == (0, 2)


def test_batch_jacobian_unconnected_is_zeros_of_target_dtype():
    x = tf.constant([[1.0, 2.0]], tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.zeros([1, 3])
    for option in ("none", "zero"):
        j = tape.batch_jacobian(y, x, unconnected_gradients=option)
        assert j.dtype == tf.float32 and j.shape == (1, 3, 2) and not j.numpy().any()


# --------------------------------------------------------------------------
# Errors (exact texts from spec section 4)
# --------------------------------------------------------------------------
def _tape_with_square(persistent=False):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    tape = tf.GradientTape(persistent=persistent)
    with tape:
        tape.watch(x)
        y = x * x
    return tape, x, y


def test_non_persistent_tape_is_consumed():
    tape, x, y = _tape_with_square()
    tape.jacobian(y, x)
    with pytest.raises(RuntimeError, match=r"^A non-persistent GradientTape can only be used to "
                       r"compute one set of gradients \(or jacobians\)$"):  # fmt: skip
        tape.jacobian(y, x)
    with pytest.raises(RuntimeError, match="used tocompute one set"):
        tape.batch_jacobian(y, x)
    tape, x, y = _tape_with_square()
    tape.batch_jacobian(y, x)
    with pytest.raises(RuntimeError, match="used tocompute one set"):
        tape.batch_jacobian(y, x)


def test_without_pfor_needs_persistent_tape_and_does_not_consume_it():
    tape, x, y = _tape_with_square()
    with pytest.raises(RuntimeError) as info:
        tape.jacobian(y, x, experimental_use_pfor=False)
    assert str(info.value) == (
        "GradientTape must be created with persistent=True to compute the jacobian with eager "
        "execution enabled and with  experimental_use_pfor set to False."
    )
    with pytest.raises(RuntimeError) as info:
        tape.batch_jacobian(y, x, experimental_use_pfor=False)
    assert str(info.value) == (
        "GradientTape must be created with persistent=True to compute the batch_jacobian with "
        "eager execution enabled and  with experimental_use_pfor set to False."
    )
    assert tape.jacobian(y, x).shape == (2, 2, 2, 2)


def test_inside_own_non_persistent_context():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x * x
        np.testing.assert_array_equal(tape.jacobian(y, x).numpy(), [[3.0, 0.0], [0.0, 12.0]])
        assert not tape._recording
        assert tape.watched_variables() == ()


def test_target_and_source_errors():
    tape, x, y = _tape_with_square(persistent=True)
    for target, text in (([y], "'list' object has no attribute 'shape'"),
                         (None, "'NoneType' object has no attribute 'shape'")):  # fmt: skip
        with pytest.raises(AttributeError, match=text):
            tape.jacobian(target, x)
    with pytest.raises(TypeError) as info:
        tape.jacobian(y, [x, None])
    assert str(info.value) == (
        "in user code:\n\n\n    TypeError: Cannot convert the argument `type_value`: None to a "
        "TensorFlow DType.\n"
    )
    with pytest.raises(TypeError, match=r"^Cannot convert the argument `type_value`: None"):
        tape.jacobian(y, [x, None], experimental_use_pfor=False)
    with pytest.raises(
        ValueError, match="^Encountered an exception while vectorizing the jacobian"
    ):
        tape.jacobian(y, x, unconnected_gradients="bad")
    with pytest.raises(ValueError, match="^Unknown value for unconnected_gradients: 'bad'$"):
        tape.jacobian(y, x, unconnected_gradients="bad", experimental_use_pfor=False)
    with pytest.raises(ValueError, match="^Encountered an exception while vectorizing the "
                       "batch_jacobian computation"):  # fmt: skip
        tape.batch_jacobian(y, x, parallel_iterations=1)
    assert tape.jacobian(y, x, parallel_iterations=3).shape == (2, 2, 2, 2)


def test_batch_jacobian_shape_errors():
    tape, x, y = _tape_with_square(persistent=True)
    with pytest.raises(ValueError, match=r"^Shape \(2,\) must have rank at least 2$"):
        tape.batch_jacobian(y[0], x)
    with pytest.raises(ValueError, match=r"^Shape \(2,\) must have rank at least 2$"):
        tape.batch_jacobian(y, x[0])
    with pytest.raises(ValueError) as info:
        tape.batch_jacobian(tf.zeros([4, 2]), x)
    assert str(info.value) == (
        "Need first dimension of target shape ((4, 2)) and source shape ((2, 2)) to match."
    )


def test_error_from_grad_fn_names_user_code():
    @tf.custom_gradient
    def f(a):
        def grad(dy):
            raise RuntimeError("boom")

        return a * 2.0, grad

    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = f(x)
    with pytest.raises(RuntimeError) as info:
        tape.jacobian(y, x)
    text = str(info.value)
    assert text.startswith("in user code:\n\n    File ")
    assert 'raise RuntimeError("boom")' in text and text.endswith("RuntimeError: boom\n")
    with pytest.raises(RuntimeError, match="^boom$"):
        tape.jacobian(y, x, experimental_use_pfor=False)


class _ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_persistent_in_context_warning_once_per_process():
    # TensorFlow logs it once for all jacobian calls together (one call site).
    for key in [k for k in _log._counts if k[0] == _jacobian.__file__]:
        del _log._counts[key]
    handler = _ListHandler()
    logger = _log.logger()
    logger.addHandler(handler)
    try:
        x = tf.constant([1.0, 2.0])
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = x * x
            tape.jacobian(y, x)
            tape.jacobian(y, x, experimental_use_pfor=False)
            tape.batch_jacobian(y[None], x[None])
        tape.jacobian(y, x)  # outside the block: no warning
    finally:
        logger.removeHandler(handler)
    assert len([m for m in handler.messages if "persistent tape inside" in m]) == 1


# --------------------------------------------------------------------------
# Higher order
# --------------------------------------------------------------------------
def test_hessian_and_third_order():
    x = tf.constant([1.0, 2.0], tf.float64)
    with tf.GradientTape() as t3:
        t3.watch(x)
        with tf.GradientTape() as t2:
            t2.watch(x)
            with tf.GradientTape() as t1:
                t1.watch(x)
                y = x[0] ** 2 * x[1] ** 3
            g = t1.gradient(y, x)
        h = t2.jacobian(g, x)
    k = t3.jacobian(h, x)
    np.testing.assert_allclose(h.numpy(), [[16.0, 24.0], [24.0, 12.0]])
    np.testing.assert_allclose(
        k.numpy(), [[[0.0, 24.0], [24.0, 24.0]], [[24.0, 24.0], [24.0, 6.0]]]
    )


def test_jacobian_recorded_by_its_own_persistent_tape():
    x = tf.constant([1.0, 2.0], tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x**3
        j = tape.jacobian(y, x)  # recorded on the tape itself (with TF's warning)
        trace = tf.reduce_sum(j)
    np.testing.assert_allclose(tape.gradient(trace, x).numpy(), [6.0, 12.0])


def test_hessian_through_loop_jacobian():
    w = tf.Variable([[1.0, -1.0], [0.5, 2.0]], dtype=tf.float64)
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]], tf.float64)
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            y = tf.reduce_sum(tf.matmul(x, w) ** 3)
        g = inner.gradient(y, w)
    vectorized = outer.jacobian(g, w)
    loop = outer.jacobian(g, w, experimental_use_pfor=False)
    np.testing.assert_allclose(vectorized.numpy(), loop.numpy())
    with tf.GradientTape() as third:
        with tf.GradientTape(persistent=True) as outer:
            with tf.GradientTape() as inner:
                y = tf.reduce_sum(tf.matmul(x, w) ** 3)
            g = inner.gradient(y, w)
        h = outer.jacobian(g, w, experimental_use_pfor=False)
        total = tf.reduce_sum(h)

    def hessian_sum(wv):
        # y = sum(z^3), z = x w: the Hessian entries add up to sum 6 z (row sums of x)^2.
        return np.sum(6 * (x.numpy() @ wv) * x.numpy().sum(axis=1, keepdims=True) ** 2)

    numeric = np.zeros((2, 2))
    for i in range(2):
        for j in range(2):
            step = np.zeros((2, 2))
            step[i, j] = 1e-6
            numeric[i, j] = (hessian_sum(w.numpy() + step) - hessian_sum(w.numpy() - step)) / 2e-6
    np.testing.assert_allclose(third.gradient(total, w).numpy(), numeric, rtol=1e-6)
