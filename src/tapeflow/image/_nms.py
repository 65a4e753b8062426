"""Non-maximum suppression: the greedy family (hard, soft and by overlaps), the
per-class combined form, and the tiled padded form.

These select boxes, so they are not differentiable (TF registers no gradient
either). They run in NumPy in the boxes' dtype, step for step like TF's kernels,
so scores that sit on a threshold land on the same side.
"""

from __future__ import annotations

import heapq as _heapq

import numpy as _np

from .. import _backend, _limits
from .. import dtypes as _dt
from .. import errors as _errors
from .._dispatch import reads_values as _reads_values
from .._tensor import Tensor as _Tensor
from .._tensor import as_tensor as _as_tensor
from .._tensor import wrap as _wrap
from .._types import TensorLike as _TensorLike
from ..arrays._common import _make_int as _attr_int
from ._core import _no_gradient, _raw_float
from ._crops import _kernel_input


def _host(x) -> _np.ndarray:
    """A tensor's value as NumPy: these ops run on the host (a GPU value is copied)."""
    return _np.asarray(_backend.to_host(_as_tensor(x)._value))


def _fail(message: str, op: str, named: bool = True) -> _errors.InvalidArgumentError:
    return _errors._op_error(message, op, "" if named else None)


def _float_input(x, op: str, allowed=(_np.float16, _np.float32), signature: str = ""):
    tensor = _as_tensor(x)
    if tensor._value.dtype.type not in allowed:
        listed = ", ".join(_dt.as_dtype(t).c_name for t in allowed)
        raise _errors.InvalidArgumentError(
            None, None, _errors._attr_text("T", tensor.dtype.c_name, listed)
            + f"\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature={signature}> "
            f"[Op:{op}] name: "
        )  # fmt: skip
    return _np.asarray(tensor._value)


def _same_dtype(value: _np.ndarray, reference: _np.ndarray, op: str, position: int) -> None:
    if value.dtype != reference.dtype:
        raise _errors._dtype_mismatch(op, position, reference.dtype, value.dtype)


def _scalar(
    x, what: str, op: str, dtype=None, position: int | None = None, inputs: tuple = ()
) -> _np.ndarray:
    """A 0-d input as NumPy; with ``position``, a tensor not of ``dtype`` is TF's error."""
    if position is None:
        tensor = _convert(x, dtype)
    else:
        tensor = _kernel_input(x, dtype, op, position, inputs)
    value = _np.asarray(_backend.to_host(tensor._value))
    if value.ndim != 0:
        raise _fail(f"{what} must be 0-D, got shape {_errors._shape_text(value.shape)} "
                    f"(Shape must be rank 0 but is rank {value.ndim})", op, named=False)  # fmt: skip
    return value


def _convert(x, dtype):
    from .._tensor import convert_to_tensor

    return convert_to_tensor(x, dtype=dtype)


def _check_boxes(boxes: _np.ndarray, scores: _np.ndarray, op: str) -> None:
    shape = _errors._shape_text
    if boxes.ndim != 2:
        raise _fail(f"boxes must be 2-D{shape(boxes.shape)} (Shape must be rank 2 but is rank "
                    f"{boxes.ndim})", op)  # fmt: skip
    if boxes.shape[1] != 4:
        raise _fail(f"boxes must have 4 columns (Dimension must be 4 but is {boxes.shape[1]})", op)
    if scores.ndim != 1:
        raise _fail(f"scores must be 1-D{shape(scores.shape)} (Shape must be rank 1 but is rank "
                    f"{scores.ndim})", op)  # fmt: skip
    if scores.shape[0] != boxes.shape[0]:
        raise _fail(f"scores has incompatible shape (Dimensions must be equal, but are "
                    f"{boxes.shape[0]} and {scores.shape[0]})", op)  # fmt: skip


def _iou(boxes: _np.ndarray):
    """i, j -> intersection over union of boxes i and j, in the boxes' dtype; corners may
    come in either order; an empty box overlaps nothing."""
    lo = _np.minimum(boxes[:, :2], boxes[:, 2:])
    hi = _np.maximum(boxes[:, :2], boxes[:, 2:])
    area = (hi[:, 0] - lo[:, 0]) * (hi[:, 1] - lo[:, 1])
    zero = boxes.dtype.type(0)

    def similarity(i: int, j: int):
        if area[i] <= zero or area[j] <= zero:
            return zero
        low = _np.maximum(lo[i], lo[j])
        high = _np.minimum(hi[i], hi[j])
        inter = max(high[0] - low[0], zero) * max(high[1] - low[1], zero)
        return inter / (area[i] + area[j] - inter)

    return similarity


def _greedy(scores, similarity, max_output: int, threshold, score_threshold, sigma=None):
    """TF's DoNonMaxSuppressionOp: pop the best candidate; a candidate is compared only
    with boxes selected since it was last looked at; soft-NMS (sigma > 0) decays its
    score by exp(-0.5 sim^2 / sigma) and puts it back while it beats score_threshold."""
    t = scores.dtype.type
    soft = sigma is not None and sigma > 0
    scale = t(-0.5) / t(sigma) if soft else t(0)
    threshold, score_threshold = t(threshold), t(score_threshold)
    queue = [(-float(s), i, 0, s) for i, s in enumerate(scores) if s > score_threshold]
    _heapq.heapify(queue)
    selected: list[int] = []
    selected_scores: list = []
    while len(selected) < max_output and queue:
        _, index, begin, score = _heapq.heappop(queue)
        original = score
        hard = False
        for j in range(len(selected) - 1, begin - 1, -1):
            sim = t(similarity(index, selected[j]))
            weight = t(_np.exp(scale * sim * sim))
            score = t(score * (weight if soft or sim <= threshold else t(0)))
            if not soft and sim > threshold:
                hard = True
                break
            if score <= score_threshold:
                break
        if hard:
            continue
        if score == original:
            selected.append(index)
            selected_scores.append(score)
        elif score > score_threshold:
            _heapq.heappush(queue, (-float(score), index, len(selected), score))
    return selected, selected_scores


def _max_output(max_output_size, op: str, what: str = "output size", inputs: tuple = ()) -> int:
    size = int(_scalar(max_output_size, "max_output_size", op, _dt.int32, 2, inputs))
    if size < 0:
        raise _fail(f"{what} must be non-negative", op)
    return size


def _threshold(value, op: str) -> float:
    v = float(_scalar(value, "iou_threshold", op))
    if not 0.0 <= v <= 1.0:
        raise _fail("iou_threshold must be in [0, 1]", op)
    return v


_V3 = ("boxes:T, scores:T, max_output_size:int32, iou_threshold:T_threshold, "
       "score_threshold:T_threshold -> selected_indices:int32; attr=T:type,default=DT_FLOAT,"
       "allowed=[DT_HALF, DT_FLOAT]; attr=T_threshold:type,default=DT_FLOAT,"
       "allowed=[DT_HALF, DT_FLOAT]")  # fmt: skip
_V5 = ("boxes:T, scores:T, max_output_size:int32, iou_threshold:T, score_threshold:T, "
       "soft_nms_sigma:T -> selected_indices:int32, selected_scores:T, valid_outputs:int32; "
       "attr=T:type,default=DT_FLOAT,allowed=[DT_HALF, DT_FLOAT]; "
       "attr=pad_to_max_output_size:bool,default=false")  # fmt: skip


def _greedy_inputs(boxes, scores, max_output_size, iou_threshold, op: str, signature: str):
    """(boxes, scores, output size, IoU threshold) of the greedy box ops, checked in TF's order."""
    # TF's wrapper converts Python and NumPy numbers to float32 (the op's default dtype).
    b, s = _host(_raw_float(boxes)), _host(_raw_float(scores))
    _same_dtype(s, b, op, 1)
    _float_input(b, op, signature=signature)
    _check_boxes(b, s, op)
    size = _max_output(max_output_size, op, inputs=(boxes, scores))
    return b, s, size, _threshold(iou_threshold, op)


@_reads_values(floats=True)
def non_max_suppression(
    boxes: _TensorLike,
    scores: _TensorLike,
    max_output_size: _TensorLike,
    iou_threshold: float = 0.5,
    score_threshold: float = float("-inf"),
    name: str | None = None,
) -> _Tensor:
    """Greedily keeps the highest-scoring boxes, dropping any whose IoU with a kept box
    exceeds ``iou_threshold``; returns at most ``max_output_size`` int32 indices.

    Boxes are ``[y1, x1, y2, x2]`` (either corner first); only scores above
    ``score_threshold`` are candidates; equal scores keep the lower index first.

    >>> import tapeflow as tf
    >>> boxes = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    >>> tf.image.non_max_suppression(boxes, tf.constant([0.9, 0.8, 0.7]), 3).numpy()
    array([0, 2], dtype=int32)
    """
    op = "NonMaxSuppressionV3"
    b, s, size, threshold = _greedy_inputs(boxes, scores, max_output_size, iou_threshold, op, _V3)
    picked, _ = _greedy(s.astype(b.dtype), _iou(b), size, threshold,
                        float(_scalar(score_threshold, "score_threshold", op)))  # fmt: skip
    return _wrap(_np.asarray(picked, _np.int32))


@_reads_values(floats=True)
def non_max_suppression_with_scores(
    boxes: _TensorLike,
    scores: _TensorLike,
    max_output_size: _TensorLike,
    iou_threshold: float = 0.5,
    score_threshold: float = float("-inf"),
    soft_nms_sigma: float = 0.0,
    name: str | None = None,
) -> tuple[_Tensor, _Tensor]:
    """Like ``non_max_suppression``, also returning the kept scores; with
    ``soft_nms_sigma > 0`` overlapping boxes are not dropped but their scores decay by
    ``exp(-0.5 * iou**2 / soft_nms_sigma)`` (Bodla et al., soft-NMS).

    >>> import tapeflow as tf
    >>> boxes = tf.constant([[0, 0, 1, 1], [0, 0.5, 1, 1.5]])
    >>> idx, kept = tf.image.non_max_suppression_with_scores(
    ...     boxes, tf.constant([0.9, 0.8]), 2, soft_nms_sigma=0.5)
    >>> idx.numpy().tolist(), [round(float(v), 4) for v in kept]
    ([0, 1], [0.9, 0.7159])
    """
    op = "NonMaxSuppressionV5"
    b, s, size, threshold = _greedy_inputs(boxes, scores, max_output_size, iou_threshold, op, _V5)
    sigma = float(_scalar(soft_nms_sigma, "soft_nms_sigma", op))
    if sigma < 0:
        raise _fail("soft_nms_sigma_val must be >= 0", op)
    picked, kept = _greedy(s.astype(b.dtype), _iou(b), size, threshold,
                           float(_scalar(score_threshold, "score_threshold", op)),
                           sigma)  # fmt: skip
    kept = _backend.same_place(
        _np.asarray(kept, dtype=b.dtype).reshape(-1), _as_tensor(scores)._value
    )
    kept_scores = _no_gradient(_wrap(kept),
                               [_as_tensor(scores), _as_tensor(boxes)], op)  # fmt: skip
    return _wrap(_np.asarray(picked, _np.int32)), kept_scores


@_reads_values(floats=True)
def non_max_suppression_overlaps(
    overlaps: _TensorLike,
    scores: _TensorLike,
    max_output_size: _TensorLike,
    overlap_threshold: float = 0.5,
    score_threshold: float = float("-inf"),
    name: str | None = None,
) -> _Tensor:
    """Greedy NMS where ``overlaps[i, j]`` (any similarity, not necessarily IoU) says
    how much box i overlaps box j; a box is dropped when its overlap with a kept box
    exceeds ``overlap_threshold``.

    >>> import tapeflow as tf
    >>> overlaps = tf.constant([[1.0, 0.7, 0.1], [0.7, 1.0, 0.2], [0.1, 0.2, 1.0]])
    >>> tf.image.non_max_suppression_overlaps(overlaps, tf.constant([0.9, 0.8, 0.7]), 3).numpy()
    array([0, 2], dtype=int32)
    """
    op = "NonMaxSuppressionWithOverlaps"
    o, s = _host(overlaps), _host(scores)
    _same_dtype(o, _np.zeros(0, _np.float32), op, 0)
    _same_dtype(s, o, op, 1)
    shape = _errors._shape_text
    if o.ndim != 2:
        raise _fail(f"overlaps must be 2-D{shape(o.shape)} (Shape must be rank 2 but is rank "
                    f"{o.ndim})", op)  # fmt: skip
    if o.shape[0] != o.shape[1]:
        raise _fail(f"overlaps must be square{shape(o.shape)}", op)
    if s.ndim != 1:
        raise _fail(f"scores must be 1-D{shape(s.shape)} (Shape must be rank 1 but is rank "
                    f"{s.ndim})", op)  # fmt: skip
    if s.shape[0] != o.shape[0]:
        raise _fail(f"scores has incompatible shape (Dimensions must be equal, but are "
                    f"{o.shape[0]} and {s.shape[0]})", op)  # fmt: skip
    size = _max_output(max_output_size, op, inputs=(overlaps, scores))
    threshold = float(_scalar(overlap_threshold, "overlap_threshold", op))  # no range check
    picked, _ = _greedy(s, lambda i, j: o[i, j], size, threshold,
                        float(_scalar(score_threshold, "score_threshold", op)))  # fmt: skip
    return _wrap(_np.asarray(picked, _np.int32))


@_reads_values(floats=True)
def combined_non_max_suppression(
    boxes: _TensorLike,
    scores: _TensorLike,
    max_output_size_per_class: int,
    max_total_size: int,
    iou_threshold: float = 0.5,
    score_threshold: float = float("-inf"),
    pad_per_class: bool = False,
    clip_boxes: bool = True,
    name: str | None = None,
) -> tuple[_Tensor, _Tensor, _Tensor, _Tensor]:
    """Greedy NMS per image and per class, then the best ``max_total_size`` detections
    of each image over all classes, zero-padded.

    ``boxes`` is ``[batch, num_boxes, q, 4]`` (q = 1: one box for all classes, or
    one per class), ``scores`` is ``[batch, num_boxes, num_classes]``. Returns
    ``(nmsed_boxes, nmsed_scores, nmsed_classes, valid_detections)``; boxes are
    clipped to [0, 1] unless ``clip_boxes=False``.

    >>> import tapeflow as tf
    >>> boxes = tf.constant([[[[0, 0, 1, 1]], [[0, 0.1, 1, 1.1]]]])
    >>> scores = tf.constant([[[0.9, 0.2], [0.8, 0.7]]])
    >>> out = tf.image.combined_non_max_suppression(boxes, scores, 2, 3)
    >>> [round(float(v), 2) for v in out[1][0]], out[2].numpy().tolist(), out[3].numpy().tolist()
    ([0.9, 0.7, 0.0], [[0.0, 1.0, 0.0]], [2])
    """
    op = "CombinedNonMaxSuppression"
    b, s = _host(boxes), _host(scores)
    _same_dtype(b, _np.zeros(0, _np.float32), op, 0)
    _same_dtype(s, b, op, 1)
    if b.ndim != 4:
        raise _fail(f"boxes must be 4-D{_errors._shape_text(b.shape)}", op)
    if s.ndim != 3:
        raise _fail(f"scores must be 3-D{_errors._shape_text(s.shape)}", op)
    batch, num_boxes, q, _ = b.shape
    num_classes = s.shape[2]
    if q not in (1, num_classes):
        raise _fail("third dimension of boxes must be either 1 or num classes", op)
    if s.shape[:2] != (batch, num_boxes):
        raise _fail("scores has incompatible shape", op)
    if b.shape[3] != 4:
        raise _fail("boxes must have 4 columns", op)
    per_class = int(_scalar(max_output_size_per_class, "max_output_size_per_class", op,
                            _dt.int32, 2, (boxes, scores)))  # fmt: skip
    if per_class <= 0:
        raise _fail("max_size_per_class must be positive", op)
    total = int(_scalar(max_total_size, "max_total_size", op, _dt.int32, 3, (boxes, scores)))
    if total <= 0:
        raise _fail("max_total_size must be > 0", op)
    threshold = _threshold(iou_threshold, op)
    floor = _np.float32(float(_scalar(score_threshold, "score_threshold", op)))
    per_image = min(total, per_class * num_classes) if pad_per_class else total
    out_boxes = _np.zeros((batch, per_image, 4), _np.float32)
    out_scores = _np.zeros((batch, per_image), _np.float32)
    out_classes = _np.zeros((batch, per_image), _np.float32)
    valid = _np.zeros((batch,), _np.int32)
    for n in range(batch):
        found: list = []  # (score, class, box index)
        for c in range(num_classes):
            class_boxes = b[n, :, c if q > 1 else 0]
            picked, kept = _greedy(s[n, :, c], _iou(class_boxes), min(per_class, num_boxes),
                                   threshold, floor)  # fmt: skip
            found.extend((score, c, i) for i, score in zip(picked, kept))
        # Best first; TF's sort is not stable, ties are listed by class then rank.
        found.sort(key=lambda item: -float(item[0]))
        count = min(len(found), per_image)
        valid[n] = count
        for k, (score, c, i) in enumerate(found[:count]):
            box = b[n, i, c if q > 1 else 0]
            out_boxes[n, k] = _np.clip(box, 0.0, 1.0) if clip_boxes else box
            out_scores[n, k] = score
            out_classes[n, k] = c
    # The float outputs go where the boxes are (a GPU); the int32 count stays on the host, as TF's.
    place = _as_tensor(boxes)._value
    out_boxes, out_scores, out_classes = (_backend.same_place(a, place)
                                          for a in (out_boxes, out_scores, out_classes))  # fmt: skip
    return _wrap(out_boxes), _wrap(out_scores), _wrap(out_classes), _wrap(valid)


def _pairwise_iou(a: _np.ndarray, b: _np.ndarray) -> _np.ndarray:
    """[batch, n, 4] x [batch, m, 4] -> [batch, n, m] IoU as the padded NMS computes it
    (canonical corners assumed, 1e-8 added to the union)."""
    lo = _np.maximum(a[:, :, None, :2], b[:, None, :, :2])
    hi = _np.minimum(a[:, :, None, 2:], b[:, None, :, 2:])
    zero = _np.float32(0)
    inter = _np.maximum(hi[..., 1] - lo[..., 1], zero) * _np.maximum(hi[..., 0] - lo[..., 0], zero)
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    union = area_a[:, :, None] + area_b[:, None, :] - inter + _np.float32(1e-8)
    return inter / union


def _check_padded_arguments(size: int, tile: int, sorted_input, canonicalized) -> None:
    """non_max_suppression_padded's failures in TF's composite, by class and cause."""
    if sorted_input is None or canonicalized is None:  # converted to boolean tensors
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")  # fmt: skip
    for value, op in ((tile, "Mul"), (size, "Maximum")):
        if not -(2**31) <= value < 2**31:  # an int64 constant meets the int32 shapes
            raise TypeError(f"in user code:\n\n\n    TypeError: Input 'y' of '{op}' Op has type "
                            "int64 that does not match type int32 of argument 'x'.\n")  # fmt: skip
    if size < 0:
        raise _errors.InvalidArgumentError(
            None, None, f"Requires start <= limit when delta > 0: 0/{size}"
        )
    if tile <= 0:
        raise _errors.InvalidArgumentError(None, None, f"tile_size must be positive: {tile}")


def _suppress_tile(boxes: _np.ndarray, threshold, idx: int, tile: int) -> _np.ndarray:
    """One step of the tiled algorithm: tile ``idx`` is suppressed by the survivors of
    earlier tiles, then by its own higher-ranked survivors (iterated to a fixed point)."""
    box_slice = boxes[:, idx * tile : (idx + 1) * tile].copy()
    for inner in range(idx):
        iou = _pairwise_iou(boxes[:, inner * tile : (inner + 1) * tile], box_slice)
        box_slice *= _np.all(iou < threshold, axis=1)[:, :, None].astype(_np.float32)
    iou = _pairwise_iou(box_slice, box_slice)
    later = _np.arange(tile)[None, :] > _np.arange(tile)[:, None]
    iou = iou * (later[None] & (iou >= threshold)).astype(_np.float32)
    total = iou.sum(axis=(1, 2))
    while True:
        free = (iou.max(axis=1) < threshold).astype(_np.float32)[:, :, None]
        iou = (((free * iou).max(axis=1) < threshold).astype(_np.float32)[:, :, None]) * iou
        new_total = iou.sum(axis=(1, 2))
        if not _np.any(total - new_total > threshold):
            break
        total = new_total
    suppressed = iou.sum(axis=1) > 0
    box_slice *= (1.0 - suppressed.astype(_np.float32))[:, :, None]
    return box_slice


def _check_padded_threshold_dtypes(scores, score_threshold, iou_threshold) -> None:
    """TF runs the padded NMS as a graph function that converts each threshold on its own
    and compares it with the scores: a dtype other than the scores' fails to build."""
    within = "in user code:\n\n\n    TypeError: "
    score_dtype = _as_tensor(scores).dtype
    threshold = _as_tensor(score_threshold).dtype
    if not threshold.is_floating:
        raise TypeError(f"{within}Expected {threshold.name} passed to parameter 'y' of op "
                        f"'NotEqual', got -inf of type 'float' instead. Error: Expected "
                        f"{threshold.name}, but got -inf of type 'float'.\n")  # fmt: skip
    for value, op in ((threshold, "Greater"), (_as_tensor(iou_threshold).dtype, "Less")):
        if value != score_dtype:
            raise TypeError(f"{within}Input 'y' of '{op}' Op has type {value.name} that does "
                            f"not match type {score_dtype.name} of argument 'x'.\n")  # fmt: skip


@_reads_values(floats=True)
def non_max_suppression_padded(
    boxes: _TensorLike,
    scores: _TensorLike,
    max_output_size: int,
    iou_threshold: float = 0.5,
    score_threshold: float = float("-inf"),
    pad_to_max_output_size: bool = False,
    name: str | None = None,
    sorted_input: bool = False,
    canonicalized_coordinates: bool = False,
    tile_size: int = 512,
) -> tuple[_Tensor, _Tensor]:
    """Batched NMS by TF's tiled algorithm: returns ``(indices, num_valid)``, with
    indices padded by zeros to ``max_output_size`` when ``pad_to_max_output_size``
    (required for batched ``[..., num_boxes, 4]`` input).

    Unlike the greedy ops, a box counts as selected only if one of its coordinates
    is positive, and corner order is read from the first box of the batch.

    >>> import tapeflow as tf
    >>> boxes = tf.constant([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]])
    >>> idx, n = tf.image.non_max_suppression_padded(
    ...     boxes, tf.constant([0.9, 0.8, 0.7]), 3, pad_to_max_output_size=True)
    >>> idx.numpy().tolist(), int(n)
    ([0, 2, 0], 2)
    """
    if not pad_to_max_output_size:
        boxes.get_shape()  # type: ignore[union-attr]  # TF's wrapper reads the static rank
    _check_padded_threshold_dtypes(scores, score_threshold, iou_threshold)
    b, s = _host(boxes), _host(scores)
    if not pad_to_max_output_size and b.ndim > 2:
        raise ValueError(f"'pad_to_max_output_size' (value {pad_to_max_output_size}) must be "
                         "True for batched input")  # fmt: skip
    if b.ndim < 2 or b.shape[-1] != 4 or s.shape != b.shape[:-1]:
        raise ValueError(f"boxes {list(b.shape)} must be [..., num_boxes, 4] and scores "
                         f"{list(s.shape)} [..., num_boxes]")  # fmt: skip
    size = int(_host(max_output_size))
    tile_size = int(_host(tile_size))
    _check_padded_arguments(size, tile_size, sorted_input, canonicalized_coordinates)
    threshold = _np.float32(float(_host(iou_threshold)))
    batch_dims = list(b.shape[:-2])
    num = b.shape[-2]
    b = b.reshape(-1, num, 4)
    s = s.reshape(-1, num)
    if score_threshold != float("-inf"):
        mask = s > score_threshold
        s = s * mask.astype(s.dtype)
        b = b * mask[:, :, None].astype(b.dtype)
    if not canonicalized_coordinates and b.size:
        y_swap = not b[0, 0, 0] <= b[0, 0, 2]
        x_swap = not b[0, 0, 1] <= b[0, 0, 3]
        b = b[:, :, [2 if y_swap else 0, 3 if x_swap else 1, 0 if y_swap else 2,
                     1 if x_swap else 3]]  # fmt: skip
    if sorted_input:
        order = _np.zeros(s.shape, _np.int64)
    else:
        order = _np.argsort(-s, axis=1, kind="stable")
        b = _np.take_along_axis(b, order[:, :, None], axis=1)
    padded = -(-max(num, size) // tile_size) * tile_size
    try:  # TF runs this as a graph function: its errors say so
        _limits.check_allocation((b.shape[0], padded, 4), _np.float32, "Pad")
        _limits.check_allocation((b.shape[0], tile_size, tile_size), _np.float32, "Greater")
    except _errors.ResourceExhaustedError as error:
        raise _errors.ResourceExhaustedError(
            None, None, "Graph execution error:\n\n" + error.message
        ) from None
    work = _np.zeros((b.shape[0], padded, 4), _np.float32)
    work[:, :num] = b
    found = _np.zeros(b.shape[0], _np.int64)
    idx = 0
    while found.size and found.min() < size and idx < padded // tile_size:
        work[:, idx * tile_size : (idx + 1) * tile_size] = _suppress_tile(
            work, threshold, idx, tile_size
        )
        found += _np.any(work[:, idx * tile_size : (idx + 1) * tile_size] > 0, axis=2).sum(1)
        idx += 1
    num_valid = _np.minimum(found, size).astype(_np.int32)
    chosen = _np.any(work > 0, axis=2)
    positions = _np.zeros((b.shape[0], size), _np.int64)
    for n in range(b.shape[0]):
        hits = _np.flatnonzero(chosen[n])[:size]
        positions[n, : len(hits)] = hits
        positions[n, len(hits) :] = num - 1
    positions = _np.minimum(positions, num - 1)
    picked = positions if sorted_input else _np.take_along_axis(order, positions, axis=1)
    picked = _np.where(_np.arange(size)[None, :] < num_valid[:, None], picked, 0)
    picked = picked.astype(_np.int32)
    if not pad_to_max_output_size:
        return _wrap(picked[0, : num_valid[0]]), _wrap(num_valid.reshape(batch_dims))
    return (_wrap(picked.reshape(batch_dims + [size])),
            _wrap(num_valid.reshape(batch_dims)))  # fmt: skip


def generate_bounding_box_proposals(
    scores: _TensorLike,
    bbox_deltas: _TensorLike,
    image_info: _TensorLike,
    anchors: _TensorLike,
    nms_threshold: float = 0.7,
    pre_nms_topn: int = 6000,
    min_size: float = 16,
    post_nms_topn: int = 300,
    name: str | None = None,
) -> tuple[_Tensor, _Tensor]:
    """Region proposals from anchors (Faster R-CNN). TensorFlow 2.21 registers this op
    for GPUs only, so on the CPU it raises ``NotFoundError``, and tapeflow (a CPU
    library) raises the same error after TF's argument conversions.

    >>> import tapeflow as tf
    >>> try:
    ...     tf.image.generate_bounding_box_proposals(
    ...         tf.ones([1, 2, 2, 1]), tf.zeros([1, 2, 2, 4]), [[4.0, 4.0, 1.0]],
    ...         [[0.0, 0.0, 1.0, 1.0]])
    ... except tf.errors.NotFoundError as e:
    ...     print(type(e).__name__)
    NotFoundError
    """
    inputs = (scores, bbox_deltas, image_info, anchors, nms_threshold, pre_nms_topn, min_size)
    # TF's eager fast path takes tensors of any dtype here (the op has no CPU kernel to
    # check them against); a list, a None or a non-int post_nms_topn sends the call
    # through Python, which converts every input in turn.
    fast = isinstance(post_nms_topn, (int, _np.integer)) and not any(
        v is None or isinstance(v, (list, tuple)) for v in inputs
    )
    post_nms_topn = _attr_int(300 if post_nms_topn is None else post_nms_topn, "post_nms_topn")
    for value, dtype in zip(inputs, (_dt.float32,) * 5 + (_dt.int32, _dt.float32)):
        if not (fast and isinstance(value, _Tensor)):
            _convert(value, dtype)
    op = "GenerateBoundingBoxProposals"
    raise _errors._op_error(
        f"Could not find device for node: {{{{node {op}}}}} = {op}[post_nms_topn={post_nms_topn}]"
        f"\nAll kernels registered for op {op}:\n  <no registered kernels>\n",
        op,
        None,
        cls=_errors.NotFoundError,
    )
