"""CTC loss: the forward-backward recursion in log space, as one primitive.

TensorFlow's dense ``ctc_loss`` (the path every TF2 call with dense labels
takes) runs the Sim et al. batched forward-backward over 2 (L + 1) states and
returns the gradient ``softmax(logits) - posterior`` beside the loss; its
custom gradient is ``g * that`` with the gradient treated as data. The impl
below follows the same recursion (per-step normalization, TF's ``log(1e-307)``
for impossible start and final states), so losses of impossible alignments are
the same large finite numbers TF prints.

Second order: TF's dense path differentiates its recursion through
``logsumexp`` of all ``-inf`` rows and gets NaN everywhere; its sparse path
(the fused CTCLoss kernel) raises LookupError. ``ctc_grad_guard`` reproduces
both: it passes the saved gradient through and answers any derivative taken
through it with NaN or that error.
"""

from __future__ import annotations

import numpy as np

from .._dispatch import Primitive
from .elementwise import zeros_like
from .reduce import reduce_sum
from .shape import reshape

# TF's stand-in for log(0) in the initial and final state vectors (a float32).
_LOG_0 = np.float32(np.log(1e-307))

SECOND_ORDER_TEXT = (
    'Gradient explicitly disabled. Reason: b"Currently there is no way to take the second '
    " derivative of ctc_loss due to the fused implementation's interaction  with "
    'tf.gradients()"'
)  # TF-TEXT (two double spaces, as TF's prevent_gradient message has them)


def _lse(x: np.ndarray, axis: int, keepdims: bool = False) -> np.ndarray:
    # TF's reduce_logsumexp: shift by a finite maximum (0 when the row is all -inf).
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0).astype(x.dtype)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True)) + top
    return out if keepdims else np.squeeze(out, axis)


def _transitions(labels: np.ndarray, dtype) -> np.ndarray:
    """log P(to | from) as [batch, to, from]: 0 for allowed moves, -inf otherwise.

    States 0..L are "after k labels, on label k" (0 is the start), states
    L+1..2L+1 are "after k labels, on a blank".
    """
    batch, length = labels.shape
    states = 2 * (length + 1)
    allowed = np.eye(states, dtype=dtype)
    allowed[1, 0] = 1
    k = np.arange(length)
    allowed[k + 1, length + 1 + k] = 1  # blank k -> label k + 1
    k = np.arange(length + 1)
    allowed[length + 1 + k, k] = 1  # label k -> blank k
    allowed = np.broadcast_to(allowed, (batch, states, states)).copy()
    if length > 1:
        # label k -> label k + 1 directly, unless both are the same class.
        k = np.arange(1, length)
        differs = (labels[:, :-1] != labels[:, 1:]).astype(dtype)
        allowed[:, k + 1, k] = differs
    with np.errstate(divide="ignore"):
        return np.log(allowed)


def ctc_forward_backward(logits, labels, label_length, logit_length):
    """(loss, gradient) of CTC for time-major logits whose blank class is 0."""
    frames, batch, classes = logits.shape
    length = labels.shape[1]
    dtype = logits.dtype
    log_probs = logits - _lse(logits, -1, keepdims=True)

    valid = (labels >= 0) & (labels < classes)
    picked = np.take_along_axis(log_probs, np.where(valid, labels, 0)[None], axis=2)
    picked = np.where(valid[None], picked, 0).astype(dtype)  # TF's one_hot sum: 0 off range
    blank = np.broadcast_to(log_probs[:, :, :1], (frames, batch, length + 1))
    start = np.full((frames, batch, 1), -np.inf, dtype)
    observed = np.concatenate([start, picked, blank], axis=2)

    forward_moves = _transitions(labels, dtype)
    backward_moves = np.swapaxes(forward_moves, 1, 2)
    states = 2 * (length + 1)
    initial = np.full((batch, states), _LOG_0, dtype)
    initial[:, 0] = 0
    final = np.full((batch, states), _LOG_0, dtype)
    ends = np.arange(batch)[(label_length >= 0) & (label_length <= length)]
    final[ends, label_length[ends]] = 0
    final[ends, length + 1 + label_length[ends]] = 0

    alpha = np.empty((frames + 1, batch, states), dtype)
    alpha[0] = initial
    for t in range(frames):
        step = _lse(alpha[t][:, None, :] + forward_moves, -1) + observed[t]
        alpha[t + 1] = step - _lse(step, -1, keepdims=True)

    mask = (np.arange(frames)[:, None] < logit_length[None, :]).astype(dtype)
    beta = np.empty((frames + 1, batch, states), dtype)
    beta[frames] = final
    total = np.zeros(batch, dtype)
    for t in range(frames - 1, -1, -1):
        step = _lse((beta[t + 1] + observed[t])[:, None, :] + backward_moves, -1)
        norm = _lse(step, -1, keepdims=True)
        step = step - norm
        total = total + norm[:, 0] * mask[t]
        keep = mask[t][:, None]
        beta[t] = step * keep + final * (1 - keep)

    posterior = alpha[1:] + beta[1:]
    posterior = posterior - _lse(posterior, 2, keepdims=True)
    with np.errstate(divide="ignore"):
        posterior = posterior + np.log(mask)[:, :, None]

    on_label = posterior[:, :, 1 : length + 1]
    # Sum each label position's posterior into its class (classes 1..C-1).
    member = np.where(labels[:, :, None] - 1 == np.arange(classes - 1), 0, -np.inf).astype(dtype)
    label_classes = _lse(on_label[..., None] + member[None], 2)
    blank_class = _lse(posterior[:, :, length + 1 :], 2, keepdims=True)
    occupancy = np.concatenate([blank_class, label_classes], axis=-1)

    grad = (np.exp(log_probs) - np.exp(occupancy)) * mask[:, :, None]
    loss = -(beta[0, :, 0] + total)
    return loss.astype(dtype), grad.astype(dtype)


def _ctc_impl(logits, labels, label_length, logit_length, second_order="nan", infeasible=()):
    loss, grad = ctc_forward_backward(logits, labels, label_length, logit_length)
    if infeasible:
        # TF's CTCLoss kernel: a label sequence that cannot fit its frames scores
        # inf, and its gradient is the softmax alone (no alignment to subtract).
        rows = list(infeasible)
        shifted = np.exp(logits[:, rows] - _lse(logits[:, rows], -1, keepdims=True))
        mask = np.arange(logits.shape[0])[:, None] < logit_length[rows][None, :]
        loss[rows] = np.inf
        grad[:, rows] = shifted * mask[:, :, None]
    return loss, grad


def _ctc_vjp(g, ans, logits, labels, label_length, logit_length, second_order="nan", infeasible=()):
    scale = reshape(g[0], shape=g[0]._value.shape[:-1] + (1, -1, 1))
    return (scale * ctc_grad_guard(ans[1], logits, second_order=second_order), None, None, None)


def _ctc_jvp(
    tangents, ans, logits, labels, label_length, logit_length, second_order="nan", infeasible=()
):
    guarded = ctc_grad_guard(ans[1], logits, second_order=second_order)
    return reduce_sum(guarded * tangents[0], axis=(-3, -1), keepdims=False), None


ctc_loss = Primitive(
    "ctc_loss",
    _ctc_impl,
    vjp=_ctc_vjp,
    jvp=_ctc_jvp,
    multiple_results=True,
    tf_name="CTCLoss",
    formula="(loss, grad) by the log-space forward-backward; d loss = sum grad * dlogits with "
    "grad = softmax - label posterior (TF's fused gradient, held as data)",
)


def _guard_impl(grad, logits, second_order="nan"):
    return grad


def _nan_like(logits, second_order):
    if second_order == "raise":
        raise LookupError(SECOND_ORDER_TEXT)
    return zeros_like(logits) + np.nan


def _guard_vjp(c, ans, grad, logits, second_order="nan"):
    return None, c * _nan_like(logits, second_order)


def _guard_jvp(tangents, ans, grad, logits, second_order="nan"):
    if tangents[1] is None:
        return None
    return tangents[1] * _nan_like(logits, second_order)


ctc_grad_guard = Primitive(
    "ctc_grad_guard",
    _guard_impl,
    vjp=_guard_vjp,
    jvp=_guard_jvp,
    tf_name="PreventGradient",
    formula="passes ctc_loss's saved gradient through; its own derivative in the logits is TF's: "
    "NaN (dense labels) or LookupError (sparse labels)",
)
