"""Connectionist temporal classification: tf.nn.ctc_loss and the two decoders.

``ctc_loss`` takes TF2's arguments: dense zero-padded labels with
``label_length``, or a ``tf.SparseTensor`` of labels (then ``blank_index`` is
required), ``logit_length``, ``logits_time_major``, ``blank_index`` (default 0,
negative counts from the end). Both paths reorder the classes so the blank
comes first (recorded ops, so the gradient flows back to the caller's order)
and run the ``ctc_loss`` primitive (ops/ctc.py): TF's log-space
forward-backward, its gradient, and its second-order behaviour (NaN for dense
labels, LookupError for sparse ones, as TF 2.21 gives).

The decoders are NumPy (no gradient, as in TF) and return SparseTensors.

>>> import tapeflow as tf
>>> logits = tf.zeros([4, 1, 3])
>>> loss = tf.nn.ctc_loss([[1, 2]], logits, label_length=[2], logit_length=[4])
>>> round(float(loss[0]), 4)
1.6864
"""

from __future__ import annotations

import heapq

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import TensorLike
from ..errors import FailedPreconditionError, InvalidArgumentError, _op_error
from ..ops import ctc as _ctc


def _host(tensor: Tensor) -> np.ndarray:
    return np.asarray(_backend.to_host(tensor._value))


def _tf():
    import tapeflow

    return tapeflow


def _sparse_type():
    from ..sparse import SparseTensor

    return SparseTensor


def _blank_first(logits: Tensor, blank_index: int) -> Tensor:
    """Classes reordered as [blank, 0..blank-1, blank+1..] (recorded)."""
    if blank_index == 0:
        return logits
    tf = _tf()
    return tf.concat(
        [
            logits[:, :, blank_index : blank_index + 1],
            logits[:, :, :blank_index],
            logits[:, :, blank_index + 1 :],
        ],
        axis=2,
    )


def _int_vector(value, what: str) -> np.ndarray:
    return _host(as_tensor(value)).astype(np.int64)


# TF-TEXT: TF compares a tensor blank_index with 0 by the Less op, which refuses complex.
_LESS_COMPLEX = (
    "Value for attr 'T' of %s is not in the list of allowed values: float, double, int32, "
    "uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: "
    "{{node Less}}; Op<name=Less; signature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, "
    "DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, "
    "DT_HALF, DT_UINT32, DT_UINT64]> [Op:Less] name: "
)


@reads_values
def ctc_loss(
    labels: TensorLike,
    logits: TensorLike,
    label_length: TensorLike | None,
    logit_length: TensorLike,
    logits_time_major: bool = True,
    unique: tuple | None = None,
    blank_index: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Negative log-likelihood of each label sequence under CTC, one per batch entry.

    ``unique`` (TF's TPU speed-up) changes nothing here: the result is the same.

    >>> import tapeflow as tf
    >>> logits = tf.constant([[[0.0, 1.0, 0.0]], [[0.0, 0.0, 1.0]]])
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(logits)
    ...     loss = tf.nn.ctc_loss([[1, 2]], logits, [2], [2])
    >>> round(float(loss[0]), 4), tape.gradient(loss, logits).shape
    (1.1029, TensorShape([2, 1, 3]))
    """
    if isinstance(labels, _sparse_type()):
        return _ctc_loss_sparse(labels, logits, logit_length, logits_time_major, blank_index)
    if blank_index is None:
        blank_index = 0
    tf = _tf()
    logits = as_tensor(logits)
    labels = as_tensor(labels)
    label_length = as_tensor(label_length)
    logit_length = as_tensor(logit_length)
    original = logits.dtype
    if original == _dt.float16:
        logits = tf.cast(logits, _dt.float32)
    if not logits_time_major:
        logits = tf.transpose(logits, [1, 0, 2])
    classes = logits.shape[2]
    _check_dense_dtypes(logits, labels, label_length)
    if blank_index != 0:
        if isinstance(blank_index, Tensor) and blank_index.dtype.is_complex:
            raise InvalidArgumentError(None, None, _LESS_COMPLEX % blank_index.dtype.c_name)
        if blank_index < 0:
            blank_index += classes
        floating = blank_index.dtype.is_floating if isinstance(blank_index, Tensor) \
            else isinstance(blank_index, (float, np.floating))  # fmt: skip
        if floating:  # TF slices the logits with it, which takes integers only
            raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                            "and scalar tf.int32/tf.int64 tensors are valid indices, got "
                            f"{blank_index!r}")  # fmt: skip
        blank_index = int(blank_index)
    if logits.dtype == _dt.float64:
        # TF's dense path builds its transition matrix in float32 and fails to
        # multiply it with double logits.
        raise InvalidArgumentError(
            None,
            None,
            "cannot compute Mul as input #1(zero-based) was expected to be a double tensor "
            "but is a float tensor [Op:Mul] name: ",
        )  # TF-TEXT
    if not logits.shape[1]:  # TF's dense path scatters label ids into an empty shape
        raise _op_error("Indices and updates specified for empty output shape", "ScatterNd")
    labels_np = _host(labels).astype(np.int64)
    if blank_index != 0:
        labels_np = np.where(labels_np < blank_index, labels_np + 1, labels_np)
    loss = _run(logits, blank_index, labels_np, label_length, logit_length, "nan")
    return tf.cast(loss, original) if original == _dt.float16 else loss


def _run(
    logits, blank_index, labels, label_length, logit_length, second_order, infeasible=()
) -> Tensor:
    return _ctc.ctc_loss(
        _blank_first(logits, blank_index),
        wrap(labels),
        wrap(_int_vector(label_length, "label_length")),
        wrap(_int_vector(logit_length, "logit_length")),
        second_order=second_order,
        infeasible=tuple(infeasible),
    )[0]


def _check_dense_dtypes(logits: Tensor, labels: Tensor, label_length: Tensor) -> None:
    # TF's dense loss takes a log-softmax of the logits and one-hot encodes the labels and
    # their lengths, so those kernels' dtype lists apply (the logit lengths are only cast).
    from ..arrays._common import _attr_error

    if logits.dtype.name not in ("float16", "bfloat16", "float32", "float64"):
        raise _attr_error("T", logits._value.dtype, "half, bfloat16, float, double", "LogSoftmax")
    for x in (labels, label_length):
        if x.dtype.name not in ("uint8", "int8", "int32", "int64"):
            raise _attr_error("TI", x._value.dtype, "uint8, int8, int32, int64", "OneHot")


def _ctc_loss_sparse(labels, logits, logit_length, time_major, blank_index) -> Tensor:
    """TF's CPU CTCLoss kernel path: its input checks, float32/float64, no second order."""
    if blank_index is None:
        raise ValueError(
            "Argument `blank_index` must be provided when `labels` is a `SparseTensor`."
        )  # TF-TEXT
    tf = _tf()
    logits = as_tensor(logits)
    rank = logits.shape.rank
    if rank < 3:  # TF slices the blank out of axis 2 first
        raise InvalidArgumentError(
            None,
            None,
            f"Index out of range using input dim 2; input has only {rank} dims "
            "[Op:StridedSlice] name: strided_slice/",
        )  # TF-TEXT
    if rank != 3:
        raise _op_error("inputs is not a 3-Tensor", "CTCLoss", None)
    if logits.dtype.name not in ("float16", "float32", "float64"):
        from ..arrays._common import _attr_error

        raise _attr_error("T", logits._value.dtype, "float, double", "CTCLoss")
    if blank_index < 0:
        blank_index += logits.shape[2]
    original = logits.dtype
    if original == _dt.float16:
        logits = tf.cast(logits, _dt.float32)
    if not time_major:
        logits = tf.transpose(logits, [1, 0, 2])
    frames, batch, classes = logits.shape
    lengths = _int_vector(logit_length, "sequence_length")
    if lengths.shape != (batch,):
        raise _op_error(f"len(sequence_length) != batch_size.  len(sequence_length):  "
                        f"{lengths.size} batch_size: {batch}", "CTCLoss", None)  # fmt: skip
    for b in range(batch):
        if lengths[b] > frames:
            raise _op_error(f"sequence_length({b}) <= {frames}", "CTCLoss", None)
    indices = _host(labels.indices)
    values = _host(labels.values).astype(np.int64)
    # Blank-first class order: the dense path's label shift gives the same classes
    # as TF's kernel order (blank last, labels above it shifted down).
    values = np.where(values < blank_index, values + 1, values)
    rows = [values[indices[:, 0] == b].tolist() for b in range(batch)]
    infeasible = [
        b
        for b, row in enumerate(rows)
        if len(row) + sum(1 for a, c in zip(row, row[1:]) if a == c) > lengths[b]
    ]
    width = max([len(r) for r in rows] + [1])
    dense = np.zeros((batch, width), np.int64)
    for b, row in enumerate(rows):
        dense[b, : len(row)] = row
    label_length = np.array([len(r) for r in rows], np.int64)
    loss = _run(logits, blank_index, dense, label_length, lengths, "raise", infeasible)
    return tf.cast(loss, original) if original == _dt.float16 else loss


# -- decoders ------------------------------------------------------------------------
# TF-TEXT: the op definitions TF quotes when an attribute is refused.
_SIGNATURES = {
    "CTCGreedyDecoder": "signature=inputs:T, sequence_length:int32 -> decoded_indices:int64, "
    "decoded_values:int64, decoded_shape:int64, log_probability:T; "
    "attr=merge_repeated:bool,default=false; attr=blank_index:int,default=-1; ",
    "CTCBeamSearchDecoder": "signature=inputs:T, sequence_length:int32 -> "
    "decoded_indices:top_paths*int64, decoded_values:top_paths*int64, "
    "decoded_shape:top_paths*int64, log_probability:T; attr=beam_width:int,min=1; "
    "attr=top_paths:int,min=1; attr=merge_repeated:bool,default=true; ",
}


def _attr_refused(text: str, op: str) -> InvalidArgumentError:
    return _op_error(
        f"{text}\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; {_SIGNATURES[op]}"
        "attr=T:type,default=DT_FLOAT,allowed=[DT_FLOAT, DT_DOUBLE]>",
        op,
        None,
    )


def _decoder_inputs(inputs, sequence_length, op: str):
    x = as_tensor(inputs)
    if x.dtype not in (_dt.float32, _dt.float64):
        got = "half" if x.dtype == _dt.float16 else x.dtype.name
        raise _attr_refused(
            f"Value for attr 'T' of {got} is not in the list of allowed values: float, double", op
        )
    array = _host(x)
    if array.ndim != 3:
        raise _op_error("inputs is not a 3-Tensor", op, None)
    lengths = _host(convert_to_tensor(sequence_length, dtype=_dt.int32))
    if lengths.ndim != 1:
        raise _op_error("sequence_length is not a vector", op, None)
    if lengths.shape[0] != array.shape[1]:
        raise _op_error(
            f"len(sequence_length) != batch_size.  len(sequence_length):  {lengths.shape[0]} "
            f"batch_size: {array.shape[1]}",
            op,
            None,
            cls=FailedPreconditionError,
        )
    for b, n in enumerate(lengths.tolist()):
        if n > array.shape[0]:
            raise _op_error(
                f"sequence_length({b}) <= {array.shape[0]}", op, None, cls=FailedPreconditionError
            )
    return x.dtype, array, lengths


def _sparse_from_rows(rows: list) -> object:
    indices = [[b, i] for b, row in enumerate(rows) for i in range(len(row))]
    values = [v for row in rows for v in row]
    width = max([len(r) for r in rows] + [0])
    return _sparse_type()(
        wrap(np.array(indices, np.int64).reshape(-1, 2)),
        wrap(np.array(values, np.int64)),
        wrap(np.array([len(rows), width], np.int64)),
    )


@reads_values(floats=True)
def ctc_greedy_decoder(
    inputs: TensorLike,
    sequence_length: TensorLike,
    merge_repeated: bool = True,
    blank_index: int | None = None,
) -> tuple[list, Tensor]:
    """Best path decoding: the top class per frame, repeats merged, blanks dropped.

    Returns ``([decoded], neg_sum_logits)``: a SparseTensor of the decoded
    classes ``[batch, max_decoded_length]`` and minus the sum of each frame's
    top logit, ``[batch, 1]``. The blank is the last class unless ``blank_index``
    says otherwise.

    >>> import tapeflow as tf
    >>> x = tf.math.log(tf.constant([[[0.1, 0.9]], [[0.8, 0.2]], [[0.7, 0.3]]]))
    >>> decoded, neg = tf.nn.ctc_greedy_decoder(x, [3])
    >>> decoded[0].values.numpy().tolist(), round(float(neg[0, 0]), 4)
    ([0], 0.6852)
    """
    dtype, array, lengths = _decoder_inputs(inputs, sequence_length, "CTCGreedyDecoder")
    classes = array.shape[2]
    blank = classes - 1 if blank_index is None else blank_index
    if blank < 0:
        blank += classes
    rows, scores = [], []
    for b in range(array.shape[1]):
        frames = array[: lengths[b], b]
        best = np.argmax(frames, axis=1) if frames.size else np.zeros(0, np.int64)
        scores.append(-np.sum(np.max(frames, axis=1)) if frames.size else 0.0)
        row, previous = [], -1
        for c in best.tolist():
            if c != blank and not (merge_repeated and c == previous):
                row.append(c)
            previous = c
        rows.append(row)
    neg = np.array(scores, dtype=dtype.as_numpy_dtype).reshape(-1, 1)
    return [_sparse_from_rows(rows)], wrap(neg)


def _log_add(a: float, b: float) -> float:
    if a == -np.inf:
        return b
    if b == -np.inf:
        return a
    top = max(a, b)
    return top + float(np.log1p(np.exp(-abs(a - b))))


@reads_values(floats=True)
def ctc_beam_search_decoder(
    inputs: TensorLike, sequence_length: TensorLike, beam_width: int = 100, top_paths: int = 1
) -> tuple[list, Tensor]:
    """Prefix beam search over label sequences (blank = the last class).

    Returns ``(decoded, log_probabilities)``: ``top_paths`` SparseTensors, and
    the ``[batch, top_paths]`` log-probability of each path found.

    >>> import tapeflow as tf
    >>> x = tf.math.log(tf.constant([[[0.2, 0.5, 0.3]], [[0.5, 0.1, 0.4]]]))
    >>> decoded, logp = tf.nn.ctc_beam_search_decoder(x, [2], beam_width=4, top_paths=2)
    >>> [d.values.numpy().tolist() for d in decoded], [round(float(p), 4) for p in logp[0]]
    ([[0], [1]], [-1.1087, -1.273])
    """
    op = "CTCBeamSearchDecoder"
    beam_width, top_paths = int(beam_width), int(top_paths)
    for attr, value in (("beam_width", beam_width), ("top_paths", top_paths)):
        if value < 1:
            raise _attr_refused(
                f"Value for attr '{attr}' of {value} must be at least minimum 1", op
            )
    if top_paths > beam_width:
        raise _op_error("requested more paths than the beam width.", op, None)
    dtype, array, lengths = _decoder_inputs(inputs, sequence_length, op)
    classes = array.shape[2]
    paths: list[list] = [[] for _ in range(top_paths)]
    log_probs = np.zeros((array.shape[1], top_paths))
    for b in range(array.shape[1]):
        found = _beam_search(array[: lengths[b], b].astype(np.float64), classes, beam_width)
        if len(found) < top_paths:
            raise _op_error("Less leaves in the beam search than requested.", op, None)
        for k, (score, prefix) in enumerate(found[:top_paths]):
            paths[k].append(list(prefix))
            log_probs[b, k] = score
    decoded = [_sparse_from_rows(rows) for rows in paths]
    return decoded, wrap(log_probs.astype(dtype.as_numpy_dtype))


def _beam_search(frames: np.ndarray, classes: int, width: int) -> list:
    """[(log probability, prefix)], best first, for one batch entry."""
    blank = classes - 1
    # prefix -> [log P(ends in blank), log P(ends in a label)]
    beams: dict[tuple, list] = {(): [0.0, -np.inf]}
    for frame in frames:
        shifted = frame - np.max(frame)
        logp = shifted - np.log(np.sum(np.exp(shifted)))
        grown: dict[tuple, list] = {}
        for prefix, (p_blank, p_label) in beams.items():
            total = _log_add(p_blank, p_label)
            entry = grown.setdefault(prefix, [-np.inf, -np.inf])
            entry[0] = _log_add(entry[0], total + logp[blank])
            if prefix:
                # Staying on the last label: from a path ending in that label.
                entry[1] = _log_add(entry[1], p_label + logp[prefix[-1]])
            for c in range(classes - 1):
                child = prefix + (c,)
                # A repeated label needs a blank in between.
                source = p_blank if prefix and prefix[-1] == c else total
                slot = grown.setdefault(child, [-np.inf, -np.inf])
                slot[1] = _log_add(slot[1], source + logp[c])
        ranked = heapq.nlargest(width, grown.items(), key=lambda kv: _log_add(*kv[1]))
        beams = dict(ranked)
    ranked = sorted(beams.items(), key=lambda kv: -_log_add(*kv[1]))
    return [(_log_add(*probs), prefix) for prefix, probs in ranked]
