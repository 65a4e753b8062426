"""Tape mechanics the golden snippets cannot show: memory, depth, threads, repeatability."""

from __future__ import annotations

import gc
import threading
import weakref

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tapeflow as tf


def test_non_persistent_tape_releases_intermediates():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        hidden = tf.exp(x)
        y = tf.reduce_sum(hidden * hidden)
    ref = weakref.ref(hidden)
    del hidden
    gc.collect()
    assert ref() is not None, "the tape keeps what its rules need until the gradient"
    tape.gradient(y, x)
    gc.collect()
    assert ref() is None, "a used non-persistent tape must free its records"


def test_persistent_tape_keeps_intermediates_until_deleted():
    x = tf.constant(2.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        hidden = tf.sin(x)
        y = hidden * hidden
    ref = weakref.ref(hidden)
    del hidden
    tape.gradient(y, x)
    gc.collect()
    assert ref() is not None
    del tape
    gc.collect()
    assert ref() is None


def _program_gradient(x, v):
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.sin(x) * tf.matmul(x, v))
    return tape.gradient(y, [x, v])


def _program_nested_structures(x, v):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    return tape.gradient({"y": y}, {"x": x, "v": (v,)})


def _program_second_order(x, v):
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = x**3
        g = inner.gradient(y, x)
    return outer.gradient(g, x)


def _program_jacobians(x, v):
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.tanh(x)
    return tape.jacobian(y, x), tape.batch_jacobian(y, x)


def _program_forward_mode(x, v):
    with tf.autodiff.ForwardAccumulator(x, tf.ones_like(x)) as acc:
        y = tf.sin(x) * x
    return acc.jvp(y)


@tf.custom_gradient
def _doubled(a):
    return a * 2.0, lambda upstream: upstream * 2.0


def _program_custom_gradient(x, v):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = _doubled(x)
    return tape.gradient(y, x)


def _program_functional(x, v):
    from tapeflow import functional

    out, vjp_fn = functional.vjp(tf.sin, x)
    return vjp_fn(tf.ones_like(out)), functional.hvp(lambda a: tf.reduce_sum(a**3), (x,), (x,))


@pytest.mark.parametrize(
    "program",
    [
        _program_gradient,
        _program_nested_structures,
        _program_second_order,
        _program_jacobians,
        _program_forward_mode,
        _program_custom_gradient,
        _program_functional,
    ],
)
def test_differentiation_creates_no_reference_cycles(program):
    # Values in a reference cycle outlive their last use until the cycle collector
    # runs; for large arrays that meant fresh, page-faulting memory on every step
    # (a recursive closure in pack_sequence_as once held every gradient this way).
    x = tf.constant(np.linspace(0.1, 1.0, 6).reshape(2, 3))
    v = tf.Variable(np.ones((3, 3)))
    program(x, v)  # first calls may populate caches
    gc.collect()
    gc.disable()
    try:
        program(x, v)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


def test_long_chain_differentiates_without_recursion_error():
    x = tf.constant(1.0, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x
        for _ in range(100_000):
            y = y + x
    assert float(tape.gradient(y, x)) == 100_001.0


def test_tapes_are_thread_local():
    x = tf.constant(3.0)
    outputs = {}
    with tf.GradientTape() as tape:
        tape.watch(x)

        def worker():
            outputs["other_thread"] = x * x

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        here = x * x
    # The product made on the other thread was not recorded by this thread's tape.
    assert tape.gradient([outputs["other_thread"]], x) is None
    with tf.GradientTape() as tape2:
        tape2.watch(x)
        here = x * x
    assert float(tape2.gradient(here, x)) == 6.0


def test_each_thread_records_its_own_tape():
    results = []

    def worker(value):
        x = tf.constant(value)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * x * x
        results.append((value, float(tape.gradient(y, x))))

    threads = [threading.Thread(target=worker, args=(float(v),)) for v in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [(v, 3 * v * v) for v in (1.0, 2.0, 3.0, 4.0)]


@settings(derandomize=True, max_examples=30, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=1, max_size=6))
def test_repeated_gradients_on_a_persistent_tape_are_identical(values):
    x = tf.constant(values, dtype=tf.float64)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.sin(x) * x + tf.exp(-x * x))
    first = tape.gradient(y, x).numpy()
    second = tape.gradient(y, x).numpy()
    np.testing.assert_array_equal(first, second)


def _losses_with_saved_values(x):
    labels = tf.nn.softmax(tf.reverse(x, axis=[-1]))
    return (
        tf.reduce_sum(tf.reduce_logsumexp(x, axis=1) * tf.range(1.0, 4.0, dtype=x.dtype))
        + tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=x))
        + tf.reduce_sum(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 3, 1], logits=x * x)
        )
    )


def test_rules_reusing_forward_values_agree_with_their_tensor_form():
    # First-order rules of `saves=True` primitives reuse forward arrays on NumPy
    # values; under an outer tape they recompute on Tensors. Same numbers, and the
    # saved arrays are never written: a persistent tape's second gradient is equal.
    x = tf.constant(np.random.default_rng(7).standard_normal((3, 4)))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        loss = _losses_with_saved_values(x)
    on_arrays = tape.gradient(loss, x).numpy()
    np.testing.assert_array_equal(tape.gradient(loss, x).numpy(), on_arrays)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            loss = _losses_with_saved_values(x)
        on_tensors = inner.gradient(loss, x)
    np.testing.assert_allclose(on_tensors.numpy(), on_arrays, rtol=1e-12, atol=1e-14)
    assert outer.gradient(on_tensors, x) is not None  # the Tensor form stays connected


@settings(derandomize=True, max_examples=30, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=1, max_size=6))
def test_inputs_are_never_mutated(values):
    array = np.array(values)
    copy = array.copy()
    x = tf.constant(array)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * x)
    tape.gradient(y, x)
    np.testing.assert_array_equal(array, copy)
    np.testing.assert_array_equal(x.numpy(), copy)


def test_numpy_returns_a_copy_so_tensors_stay_immutable():
    x = tf.constant([1.0, 2.0])
    x.numpy()[0] = 100.0
    assert x.numpy().tolist() == [1.0, 2.0]


def test_constant_copies_the_users_array():
    array = np.array([1.0, 2.0])
    x = tf.constant(array)
    array[0] = 100.0
    assert x.numpy().tolist() == [1.0, 2.0]


def test_no_active_tape_means_nothing_is_recorded():
    from tapeflow import _dispatch

    assert _dispatch._active_count == 0
    x = tf.constant(1.0)
    with tf.GradientTape():
        pass
    assert _dispatch._active_count == 0
    _ = x * x


# -- bad input leaves tapes and variables usable -------------------------------
@pytest.mark.parametrize(
    "bad_op",
    [
        lambda x, v: x + tf.constant([1.0, 2.0, 3.0]),  # shape mismatch
        lambda x, v: x * tf.constant(1),  # dtype mismatch
        lambda x, v: tf.reshape(x, [5]),  # bad reshape
        lambda x, v: x[1.0],  # float index
        lambda x, v: tf.convert_to_tensor(object()),  # not convertible
        lambda x, v: v.assign([1.0, 2.0, 3.0]),  # assignment shape mismatch
        lambda x, v: tf.matmul(x, x),  # rank < 2
        lambda x, v: tf.reduce_sum(x, axis=3),  # axis out of range
    ],
)
def test_failed_ops_leave_tapes_and_variables_as_they_were(bad_op):
    x = tf.constant([1.0, 2.0])
    v = tf.Variable([3.0, 4.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reduce_sum(x * v)
        records_before = len(tape._state.records)
        with pytest.raises((tf.errors.OpError, TypeError, ValueError)):
            bad_op(x, v)
        assert len(tape._state.records) == records_before
    assert v.numpy().tolist() == [3.0, 4.0]
    gx, gv = tape.gradient(y, [x, v])
    assert gx.numpy().tolist() == [3.0, 4.0]
    assert gv.numpy().tolist() == [1.0, 2.0]


def test_bad_gradient_arguments_leave_the_tape_usable():
    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    with pytest.raises(TypeError):
        tape.gradient(None, x)
    with pytest.raises(ValueError):
        tape.gradient(y, x, unconnected_gradients="sometimes")
    with pytest.raises(AttributeError):
        tape.gradient(y, 3.0)
    assert float(tape.gradient(y, x)) == 4.0


def test_watching_a_non_tensor_names_the_object():
    with tf.GradientTape() as tape:
        with pytest.raises(ValueError, match="Passed in object 3.0 of type 'float'"):
            tape.watch(3.0)


def test_shape_mismatch_message_names_both_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[2\] vs. \[3\]"):
        tf.constant([1.0, 2.0]) * tf.constant([1.0, 2.0, 3.0])


def test_integer_outputs_of_multi_output_ops_are_not_watched():
    # TF records an op only for a watched floating input: top_k's indices start no path.
    x = tf.constant([3.0, 1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        values, indices = tf.math.top_k(x, k=2)
        from_indices = tf.cast(indices, tf.float32) * 2.0
        y = tf.reduce_sum(values * values)
    assert tape.gradient(from_indices, x) is None
    assert tape.gradient(y, x).numpy().tolist() == [6.0, 0.0, 4.0]


def test_a_bad_seed_leaves_a_non_persistent_tape_usable():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    with pytest.raises(tf.errors.InvalidArgumentError):
        tape.gradient(y, x, output_gradients=tf.constant([1.0, 2.0], dtype=tf.float64))
    assert tape.gradient(y, x).numpy().tolist() == [2.0, 4.0]
