"""Every rule with a NumPy form (``array_vjp``) agrees with its Tensor form.

When nothing else records, the sweep runs a rule's NumPy form on the arrays
themselves (docs/architecture.md, rule 12). With any other tape active it runs
the Tensor form. The same gradients are computed both ways, at first order (one
tape: its sweep uses the NumPy forms) and at second order (the outer sweep of
nested tapes uses the NumPy forms of the primitives in the inner gradient), on
random inputs in float64.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest

import tapeflow as tf
from tapeflow import _dispatch
from tapeflow.ops import elementwise as el
from tapeflow.ops import linalg, nn, reduce, shape

RNG = np.random.default_rng(15)


def _normal(*shape):
    return RNG.normal(size=shape)


def _positive(*shape):
    return RNG.uniform(0.5, 2.0, size=shape)


def _small(*shape):
    return RNG.uniform(-0.6, 0.6, size=shape)


def _away_from_zero(*shape):
    return RNG.uniform(0.5, 2.0, size=shape) * RNG.choice([-1.0, 1.0], size=shape)


def _probabilities(*shape):
    p = RNG.uniform(0.1, 1.0, size=shape)
    return p / p.sum(axis=-1, keepdims=True)


# name -> [(id, function of Tensors, differentiable inputs, constant inputs)]; the
# function takes the differentiable inputs first.
CASES = {
    "broadcast_to": [("row", lambda x: shape.broadcast_to(x, shape=(4, 3)), [_normal(1, 3)], [])],
    "negative": [("", el.negative, [_normal(2, 3)], [])],
    "identity": [("", el.identity, [_normal(2, 3)], [])],
    "exp": [("", el.exp, [_normal(2, 3)], [])],
    "log": [("", el.log, [_positive(2, 3)], [])],
    "sin": [("", el.sin, [_normal(2, 3)], [])],
    "cos": [("", el.cos, [_normal(2, 3)], [])],
    "tanh": [("", el.tanh, [_normal(2, 3)], [])],
    "square": [("", el.square, [_normal(2, 3)], [])],
    "add": [("broadcast", el.add, [_normal(2, 3), _normal(3)], [])],
    "subtract": [("broadcast", el.subtract, [_normal(2, 3), _normal(2, 1)], [])],
    "multiply": [("broadcast", el.multiply, [_normal(2, 3), _normal(3)], [])],
    "divide": [("broadcast", el.divide, [_normal(2, 3), _away_from_zero(3)], [])],
    "rsqrt": [("", el.rsqrt, [_positive(2, 3)], [])],
    "reciprocal": [("", el.reciprocal, [_away_from_zero(2, 3)], [])],
    "log1p": [("", el.log1p, [_positive(2, 3)], [])],
    "tan": [("", el.tan, [_small(2, 3)], [])],
    "atan": [("", el.atan, [_normal(2, 3)], [])],
    "atanh": [("", el.atanh, [_small(2, 3)], [])],
    "atan2": [("", el.atan2, [_normal(2, 3), _away_from_zero(2, 3)], [])],
    "sigmoid": [("", el.sigmoid, [_normal(2, 3)], [])],
    "matmul": [
        ("plain", linalg.matmul, [_normal(2, 3), _normal(3, 4)], []),
        ("batch", linalg.matmul, [_normal(2, 2, 3), _normal(3, 4)], []),
        (
            "transposed",
            lambda a, b: linalg.matmul(a, b, transpose_a=True, transpose_b=True),
            [_normal(3, 2), _normal(4, 3)],
            [],
        ),
    ],
    "reduce_sum": [
        ("all", lambda x: reduce.reduce_sum(x, axis=None, keepdims=False), [_normal(2, 3)], []),
        ("axis", lambda x: reduce.reduce_sum(x, axis=(-1,), keepdims=True), [_normal(2, 3)], []),
    ],
    "reduce_mean": [
        ("all", lambda x: reduce.reduce_mean(x, axis=None, keepdims=False), [_normal(2, 3)], []),
        ("axis", lambda x: reduce.reduce_mean(x, axis=(0,), keepdims=False), [_normal(2, 3)], []),
    ],
    "reduce_logsumexp": [
        (
            "all",
            lambda x: reduce.reduce_logsumexp(x, axis=None, keepdims=False),
            [_normal(2, 3)],
            [],
        ),
        (
            "axis",
            lambda x: reduce.reduce_logsumexp(x, axis=(-1,), keepdims=True),
            [_normal(2, 3)],
            [],
        ),
    ],
    "relu": [("", nn.relu, [_away_from_zero(2, 3)], [])],
    "softmax": [("last", lambda x: nn.softmax_primitive(x, axis=-1), [_normal(2, 3)], [])],
    "softmax_cross_entropy_with_logits": [
        (
            "",
            lambda labels, logits: nn.softmax_cross_entropy_with_logits(labels, logits),
            [_probabilities(4, 3), _normal(4, 3)],
            [],
        )
    ],
    "sparse_softmax_cross_entropy_with_logits": [
        (
            "",
            lambda logits, labels: nn.sparse_softmax_cross_entropy_with_logits(labels, logits),
            [_normal(4, 3)],
            [np.array([0, 2, 1, 2], dtype=np.int32)],
        )
    ],
    "sigmoid_cross_entropy_with_logits": [
        (
            "",
            lambda logits, labels: nn.sigmoid_cross_entropy_with_logits(logits, labels),
            [np.array([[-3.0, -0.5, 0.0], [0.7, 2.0, 40.0]]), _probabilities(2, 3)],
            [],
        )
    ],
    "read_variable": [("", None, [_normal(2, 3)], [])],  # built from a Variable below
}

PARAMS = [
    pytest.param(name, case, id=f"{name}-{case[0]}" if case[0] else name)
    for name, cases in CASES.items()
    for case in cases
]


def test_every_numpy_form_has_a_case():
    with_array_form = {p.name for p in _dispatch.PRIMITIVES.values() if p.array_vjp is not None}
    assert with_array_form == set(CASES)


def _derivatives(case, tensors_only: bool):
    """First- and second-order gradients of sum(f(x) * w) w.r.t. the inputs."""
    _, fn, values, constants = case
    seeded = np.random.default_rng(0)
    if fn is None:  # read_variable: the primitive a tape records when a Variable is read
        xs = [tf.Variable(v) for v in values]

        def fn(v):
            return el.multiply(v, v)

    else:
        xs = [tf.constant(v) for v in values]
    extra = [tf.constant(c) for c in constants]
    w = tf.constant(seeded.normal(size=np.shape(fn(*xs, *extra))))
    directions = [tf.constant(seeded.normal(size=np.shape(v))) for v in values]
    # Any other active tape makes every sweep run the Tensor forms.
    other = tf.GradientTape() if tensors_only else contextlib.nullcontext()
    with other:
        with tf.GradientTape() as tape:
            tape.watch(xs)
            loss = reduce.reduce_sum(el.multiply(fn(*xs, *extra), w), axis=None, keepdims=False)
        first = tape.gradient(loss, xs)
        with tf.GradientTape() as outer:
            outer.watch(xs)
            with tf.GradientTape() as inner:
                inner.watch(xs)
                loss = reduce.reduce_sum(el.multiply(fn(*xs, *extra), w), axis=None, keepdims=False)
            grads = inner.gradient(loss, xs)
            along = [reduce.reduce_sum(el.multiply(g, d), axis=None, keepdims=False)
                     for g, d in zip(grads, directions) if g is not None]  # fmt: skip
            total = along[0]
            for term in along[1:]:
                total = el.add(total, term)
        second = outer.gradient(total, xs, unconnected_gradients="zero")
    return [None if g is None else np.asarray(g) for g in first + second]


@pytest.mark.parametrize(("name", "case"), PARAMS)
def test_numpy_and_tensor_forms_agree(name, case):
    on_arrays = _derivatives(case, tensors_only=False)
    on_tensors = _derivatives(case, tensors_only=True)
    for got, want in zip(on_arrays, on_tensors):
        assert (got is None) == (want is None)
        if want is not None:
            np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
