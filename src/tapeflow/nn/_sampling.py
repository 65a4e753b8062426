"""Sampled losses and their helpers: compute_accidental_hits (and, below, the
candidate samplers, nce_loss and sampled_softmax_loss).

>>> import tapeflow as tf
>>> idx, ids, w = tf.nn.compute_accidental_hits(
...     tf.constant([[1], [2]], tf.int64), tf.constant([2, 5], tf.int64), num_true=1)
>>> idx.numpy().tolist(), ids.numpy().tolist()
([1], [0])
"""

from __future__ import annotations

import collections
import numbers
from typing import Any

import numpy as np

from .. import _backend
from .. import dtypes as _dt
from .._dispatch import reads_values, stateful
from .._tensor import Tensor, as_tensor, convert_to_tensor, wrap
from .._types import TensorLike
from ..errors import _op_error
from ..math._more import _attr_int, _typed_inputs

# TF returns its generated ops' named tuples, named after the op.
_FIELDS = ("sampled_candidates", "true_expected_count", "sampled_expected_count")
_RESULTS: dict[str, Any] = {
    op: collections.namedtuple(op, _FIELDS)
    for op in (
        "UniformCandidateSampler",
        "LogUniformCandidateSampler",
        "LearnedUnigramCandidateSampler",
        "FixedUnigramCandidateSampler",
        "AllCandidateSampler",
    )
}
ComputeAccidentalHits = collections.namedtuple(
    "ComputeAccidentalHits", ("indices", "ids", "weights")
)


def _int64_inputs(values: tuple) -> list[np.ndarray]:
    """The op's int64 inputs as TF's generated op takes them (``_typed_inputs``), on the host.

    A list input sends the call down TF's slow path instead, which converts every
    input in order: a tensor of another dtype raises ValueError there.
    """
    if any(isinstance(v, (list, tuple)) for v in values):
        values = tuple(convert_to_tensor(v, dtype=_dt.int64) for v in values)
    tensors = _typed_inputs(values, _dt.int64, "ComputeAccidentalHits")
    return [np.asarray(_backend.to_host(t._value)) for t in tensors]


@reads_values
def compute_accidental_hits(
    true_classes: TensorLike,
    sampled_candidates: TensorLike,
    num_true: int,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Where a sampled candidate equals one of a row's true classes.

    Returns ``(indices, ids, weights)``: the row (int32), the position in
    ``sampled_candidates`` (int64; the last one when a candidate is sampled
    twice, as TF's kernel keeps it) and ``-FLT_MAX`` weights, one entry per true
    class found, rows in order.

    >>> import tapeflow as tf
    >>> idx, ids, w = tf.nn.compute_accidental_hits(
    ...     tf.constant([[1, 3]], tf.int64), tf.constant([3, 0], tf.int64), num_true=2)
    >>> idx.numpy().tolist(), ids.numpy().tolist(), w.dtype
    ([0], [0], tf.float32)
    """
    slow = not _fast_attr("int", None, num_true)
    num_true = _attr_int(num_true, "num_true")  # attributes first, then the inputs
    if slow:  # TF's slow path converts each input to int64 (ValueError for another dtype)
        true_classes = convert_to_tensor(true_classes, dtype=_dt.int64)
        sampled_candidates = convert_to_tensor(sampled_candidates, dtype=_dt.int64)
    true, sampled = _int64_inputs((true_classes, sampled_candidates))
    if true.ndim != 2 or true.shape[1] != num_true:
        raise _op_error(
            "true_candidates must be a batch_size * num_true matrix", "ComputeAccidentalHits"
        )
    position = {int(c): j for j, c in enumerate(sampled.tolist())}  # the last one wins
    rows, ids = [], []
    for i, row in enumerate(true.tolist()):
        for c in row:
            if c in position:
                rows.append(i)
                ids.append(position[c])
    weights = np.full(len(rows), -np.finfo(np.float32).max, np.float32)
    return ComputeAccidentalHits(
        wrap(np.array(rows, np.int32)), wrap(np.array(ids, np.int64)), wrap(weights)
    )


# -- candidate samplers ------------------------------------------------------------------
# TF-TEXT: the op definition TF quotes when an attribute is below its minimum.
_SAMPLER_SIGNATURE = (
    "signature=true_classes:int64 -> sampled_candidates:int64, true_expected_count:float, "
    "sampled_expected_count:float; "
)


def _fast_attr(kind: str, default, value) -> bool:
    """Whether TF's eager fast path takes this attribute value as it is.

    It takes only exact Python kinds (int or bool for an int, bool for a bool, float
    for a float, str or bytes for a string, a list or tuple of floats for a float
    list; None is the default). Anything else sends the call to the generated op's
    slow path, which converts each attribute (``make_int``...) and then converts
    ``true_classes`` to int64, so a tensor of another dtype fails there with
    ValueError rather than with the kernel's InvalidArgumentError.
    """
    if value is None:
        return default is not None
    if kind == "int":
        return isinstance(value, int)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "float":
        return isinstance(value, float)
    if kind == "str":
        return isinstance(value, (str, bytes))
    # A NumPy vector of float64 passes too (its items are Python floats' subclass).
    return isinstance(value, (list, tuple, np.ndarray)) and all(isinstance(v, float) for v in value)


def _make_attr(kind: str, value, name: str, op: str):
    """One attribute converted as TF's generated op does (its ``make_*`` and their errors)."""
    if kind == "int":
        return _attr_int(value, name)
    if kind == "bool":
        if not isinstance(value, bool):
            raise TypeError(f"Expected bool for argument '{name}' not {value!r}.")
        return value
    if kind == "str":
        if not isinstance(value, (str, bytes)):
            raise TypeError(f"Expected string for argument '{name}' not {value!r}.")
        return value
    if kind == "float":
        if not isinstance(value, _REAL):
            raise TypeError(f"Expected float for argument '{name}' not {value!r}.")
        return float(value)
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"Expected list for '{name}' argument to '{_SNAKE[op]}' Op, not {value!r}.")
    return [_make_attr("float", v, name, op) for v in value]


_REAL = (numbers.Real, np.integer, np.floating)
_SNAKE = {"FixedUnigramCandidateSampler": "fixed_unigram_candidate_sampler"}
# Each attribute's kind, default (None: required) and minimum, in the op definition's
# order (TF's order of conversion and of the minimum checks).
_ATTRS: dict[str, tuple] = {
    "num_true": ("int", None, 1),
    "num_sampled": ("int", None, 1),
    "unique": ("bool", None, None),
    "range_max": ("int", None, 1),
    "vocab_file": ("str", "", None),
    "distortion": ("float", 1.0, None),
    "num_reserved_ids": ("int", 0, None),
    "num_shards": ("int", 1, 1),
    "shard": ("int", 0, 0),
    "unigrams": ("floats", [], None),
}


def _sampler_args(op: str, true_classes, **attrs) -> tuple[np.ndarray, dict]:
    """(``true_classes`` as an int64 NumPy matrix, the converted attributes), in TF's order.

    The fast path checks the attributes' minimums and then the input's dtype; the
    slow path (an attribute of another Python type) converts every attribute, then
    the input, then checks the minimums.
    """
    fast = all(_fast_attr(_ATTRS[name][0], _ATTRS[name][1], value) for name, value in attrs.items())
    values = {}
    for name, value in attrs.items():
        kind, default = _ATTRS[name][:2]
        if value is None and default is not None:
            value = default
        elif fast and kind == "floats":
            value = list(value)  # the fast path takes a NumPy vector as a list
        values[name] = _make_attr(kind, value, name, op)
    if not fast:
        true_classes = convert_to_tensor(true_classes, dtype=_dt.int64)
    for name, value in values.items():
        least = _ATTRS[name][2]
        if least is not None and value < least:
            raise _op_error(
                f"Value for attr '{name}' of {value} must be at least minimum {least}\n\t; "
                f"NodeDef: {{{{node {op}}}}}; Op<name={op}; {_SAMPLER_SIGNATURE}" + _ATTR_TEXT[op],
                op,
            )
    tensor = as_tensor(true_classes)
    if tensor.dtype != _dt.int64:
        if isinstance(true_classes, Tensor):
            raise _op_error(
                f"cannot compute {op} as input #0(zero-based) was expected to be a int64 tensor "
                f"but is a {tensor.dtype.c_name} tensor",
                op,
            )
        tensor = convert_to_tensor(true_classes, dtype=_dt.int64)
    for name in ("num_sampled", "num_true"):  # the kernel reads these as int32
        if name in values and not -(2**31) <= values[name] < 2**31:
            raise _op_error(f"Attr {name} has value {values[name]} out of range for an int32", op)
    true = np.asarray(_backend.to_host(tensor._value)).astype(np.int64)
    if true.ndim != 2:
        raise _op_error("true_classes must be a matrix", op)
    num_true = values["num_true"]
    if true.shape[1] != num_true:
        raise _op_error(
            # TF-TEXT: TF names the columns found "expected" and num_true "was".
            f"true_classes must have num_true columns, expected: {true.shape[1]} was: {num_true}",
            op,
        )
    return true, values


def _draw(rng, probs: np.ndarray, num_sampled: int, unique: bool, op: str):
    """(candidates, number of draws made): iid draws, or draws until that many distinct."""
    cdf = np.cumsum(probs)
    cdf /= cdf[-1]

    def pick(n):
        return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(probs) - 1)

    if not unique:
        return pick(num_sampled), num_sampled
    if num_sampled > int(np.count_nonzero(probs)):
        raise _op_error("Sampler's range is too small.", op)
    seen: dict = {}
    tries = 0
    while len(seen) < num_sampled:
        batch = pick(max(2 * (num_sampled - len(seen)), 8))
        for value in batch.tolist():
            tries += 1
            seen.setdefault(value, None)
            if len(seen) == num_sampled:
                break
    return np.array(list(seen), np.int64), tries


def _expected(p: np.ndarray, num_sampled: int, tries: int) -> np.ndarray:
    # TF's ExpectedCountHelper: p * n when no draw repeated, else 1 - (1 - p)^tries.
    p = p.astype(np.float32).astype(np.float64)
    if tries == num_sampled:
        return (p * num_sampled).astype(np.float32)
    with np.errstate(divide="ignore"):
        return (-np.expm1(tries * np.log1p(-p))).astype(np.float32)


def _sample(true, probs, num_sampled, unique, seed, op):
    from ..random._seeds import _next_seed_generator

    rng = _next_seed_generator(seed)
    sampled, tries = _draw(rng, probs, int(num_sampled), bool(unique), op)
    in_range = (true >= 0) & (true < len(probs))
    p_true = np.where(in_range, probs[np.clip(true, 0, len(probs) - 1)], 0.0)
    return _RESULTS[op](
        wrap(sampled.astype(np.int64)),
        wrap(_expected(p_true, int(num_sampled), tries)),
        wrap(_expected(probs[sampled], int(num_sampled), tries)),
    )


# TF-TEXT: each sampler's attributes as its op definition lists them.
_HEAD = "attr=num_true:int,min=1; attr=num_sampled:int,min=1; attr=unique:bool; "
_RANGE = "attr=range_max:int,min=1; "
_TAIL = "attr=seed:int,default=0; attr=seed2:int,default=0; is_stateful=true>"
_ATTR_TEXT = {
    "UniformCandidateSampler": _HEAD + _RANGE + _TAIL,
    "LogUniformCandidateSampler": _HEAD + _RANGE + _TAIL,
    "LearnedUnigramCandidateSampler": _HEAD + _RANGE + _TAIL,
    "FixedUnigramCandidateSampler": _HEAD + _RANGE + 'attr=vocab_file:string,default=""; '
    "attr=distortion:float,default=1; attr=num_reserved_ids:int,default=0; "
    "attr=num_shards:int,default=1,min=1; attr=shard:int,default=0,min=0; "
    "attr=unigrams:list(float),default=[]; " + _TAIL,
    "AllCandidateSampler": _HEAD + _TAIL,
}


@stateful
def uniform_candidate_sampler(
    true_classes: TensorLike,
    num_true: int,
    num_sampled: int,
    unique: bool,
    range_max: int,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Sample ``num_sampled`` classes uniformly from [0, range_max).

    Returns ``(sampled_candidates, true_expected_count, sampled_expected_count)``:
    the int64 samples (distinct, in order of first draw, when ``unique``) and
    the float32 expected number of times each true and each sampled class is
    drawn (``p * num_sampled``, or ``1 - (1 - p)^tries`` for unique draws).

    >>> import tapeflow as tf
    >>> s, t, e = tf.random.uniform_candidate_sampler(
    ...     tf.constant([[1]], tf.int64), 1, 4, False, 10, seed=3)
    >>> s.dtype, t.numpy().tolist(), e.numpy().tolist()
    (tf.int64, [[0.4000000059604645]], [0.4000000059604645, 0.4000000059604645, \
0.4000000059604645, 0.4000000059604645])
    """
    op = "UniformCandidateSampler"
    true, a = _sampler_args(op, true_classes, num_true=num_true, num_sampled=num_sampled,
                            unique=unique, range_max=range_max)  # fmt: skip
    probs = np.full(a["range_max"], 1.0 / a["range_max"])
    return _sample(true, probs, a["num_sampled"], a["unique"], seed, op)


@stateful
def log_uniform_candidate_sampler(
    true_classes: TensorLike,
    num_true: int,
    num_sampled: int,
    unique: bool,
    range_max: int,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Sample classes with Zipf-like P(k) = log((k + 2) / (k + 1)) / log(range_max + 1).

    Returns ``(sampled_candidates, true_expected_count, sampled_expected_count)``
    as ``uniform_candidate_sampler`` does.

    >>> import tapeflow as tf
    >>> s, t, e = tf.random.log_uniform_candidate_sampler(
    ...     tf.constant([[0]], tf.int64), 1, 2, False, 10, seed=3)
    >>> round(float(t[0, 0]), 5)
    0.57813
    """
    op = "LogUniformCandidateSampler"
    true, a = _sampler_args(op, true_classes, num_true=num_true, num_sampled=num_sampled,
                            unique=unique, range_max=range_max)  # fmt: skip
    k = np.arange(a["range_max"], dtype=np.float64)
    probs = np.log((k + 2.0) / (k + 1.0)) / np.log1p(a["range_max"])
    return _sample(true, probs, a["num_sampled"], a["unique"], seed, op)


# Learned counts live with the sampler TF would reuse: in eager TF a kernel (and its
# counts) is cached per attribute set, which repeats across calls unless a global
# seed alone makes every call's seeds new.
_LEARNED: dict = {}


@stateful
def learned_unigram_candidate_sampler(
    true_classes: TensorLike,
    num_true: int,
    num_sampled: int,
    unique: bool,
    range_max: int,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Sample classes by counts learned from the true classes seen so far.

    Every class starts with weight 1; after each call the call's true classes
    add 1 each, so later calls favour classes seen often.

    >>> import tapeflow as tf
    >>> t = tf.constant([[2]], tf.int64)
    >>> s, first, e = tf.random.learned_unigram_candidate_sampler(t, 1, 1, False, 4, seed=9)
    >>> s, second, e = tf.random.learned_unigram_candidate_sampler(t, 1, 1, False, 4, seed=9)
    >>> float(first[0, 0]), float(second[0, 0])
    (0.25, 0.4000000059604645)
    """
    from ..random import _seeds

    op = "LearnedUnigramCandidateSampler"
    # TF's wrapper compares range_max first, with Python's (or the tensor's) rules.
    if range_max > 2147483647:
        raise ValueError(f"Value of range_max:{range_max} is too large to handle")
    true, a = _sampler_args(op, true_classes, num_true=num_true, num_sampled=num_sampled,
                            unique=unique, range_max=range_max)  # fmt: skip
    global_seed = _seeds._state.global_seed
    weights = np.ones(a["range_max"])
    if seed is not None or global_seed is None:
        key = (*a.values(), global_seed, seed)
        weights = _LEARNED.setdefault(key, weights)
    result = _sample(true, weights / weights.sum(), a["num_sampled"], a["unique"], seed, op)
    values = true.ravel()
    np.add.at(weights, values[(values >= 0) & (values < len(weights))], 1.0)
    return result


def _shard_weights(
    counts: list, distortion: float, reserved: int, shards: int, shard: int, range_max: int, op: str
) -> np.ndarray:
    """The shard's weights as TF's FixedUnigramSampler builds them.

    Reserved ids weigh 0 and the shard keeps the ids ``i`` with ``i % shards == shard``;
    TF numbers the first count after the reserved ids this shard kept (not after all
    of them), a quirk kept here. The size is checked before anything is allocated.
    """
    kept = max(0, -(-(reserved - shard) // shards)) if shard < shards else 0
    chosen = (kept + np.arange(len(counts))) % shards == shard
    size = kept + int(np.count_nonzero(chosen))
    if size != range_max:
        raise _op_error(f"range is {range_max} must be equal to weights size  {size}", op)
    with np.errstate(all="ignore"):
        powered = np.power(np.asarray(counts, np.float32)[chosen], np.float32(distortion))
    return np.concatenate([np.zeros(kept), powered.astype(np.float64)])


def _vocab_counts(path: str) -> list:
    # TF reads "word,count" lines (any columns before the last are the word).
    with open(path) as handle:
        return [float(line.rstrip("\n").rsplit(",", 1)[-1]) for line in handle if line.strip()]


@stateful
def fixed_unigram_candidate_sampler(
    true_classes: TensorLike,
    num_true: int,
    num_sampled: int,
    unique: bool,
    range_max: int,
    vocab_file: str = "",
    distortion: float = 1.0,
    num_reserved_ids: int = 0,
    num_shards: int = 1,
    shard: int = 0,
    unigrams: tuple | list = (),
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Sample classes by given unigram counts raised to ``distortion``.

    The counts come from ``unigrams`` or a ``vocab_file`` of ``word,count``
    lines; ``num_reserved_ids`` leading ids get weight 0, and with
    ``num_shards`` only ids ``i`` with ``i % num_shards == shard`` keep theirs.

    >>> import tapeflow as tf
    >>> s, t, e = tf.random.fixed_unigram_candidate_sampler(
    ...     tf.constant([[0]], tf.int64), 1, 2, False, 3, unigrams=[1.0, 1.0, 2.0], seed=1)
    >>> float(t[0, 0])
    0.5
    """
    op = "FixedUnigramCandidateSampler"
    true, a = _sampler_args(op, true_classes, num_true=num_true, num_sampled=num_sampled,
                            unique=unique, range_max=range_max, vocab_file=vocab_file,
                            distortion=distortion, num_reserved_ids=num_reserved_ids,
                            num_shards=num_shards, shard=shard, unigrams=unigrams)  # fmt: skip
    if a["vocab_file"]:
        counts = _vocab_counts(a["vocab_file"])
    elif a["unigrams"]:
        counts = a["unigrams"]
    else:
        raise _op_error("Must provide either vocab_file or unigrams.", op)
    weights = _shard_weights(counts, a["distortion"], a["num_reserved_ids"], a["num_shards"],
                             a["shard"], a["range_max"], op)  # fmt: skip
    return _sample(true, weights / weights.sum(), a["num_sampled"], a["unique"], seed, op)


@stateful
def all_candidate_sampler(
    true_classes: TensorLike,
    num_true: int,
    num_sampled: int,
    unique: bool,
    seed: int | None = None,
    name: str | None = None,
) -> tuple[Tensor, Tensor, Tensor]:
    """Every class in [0, num_sampled), in order, each with expected count 1.

    >>> import tapeflow as tf
    >>> s, t, e = tf.random.all_candidate_sampler(tf.constant([[1]], tf.int64), 1, 3, True)
    >>> s.numpy().tolist(), t.numpy().tolist(), e.numpy().tolist()
    ([0, 1, 2], [[1.0]], [1.0, 1.0, 1.0])
    """
    op = "AllCandidateSampler"
    true, a = _sampler_args(op, true_classes, num_true=num_true, num_sampled=num_sampled,
                            unique=unique)  # fmt: skip
    n = a["num_sampled"]
    bad = (true < 0) | (true >= n)
    if bad.any():
        raise _op_error(f"`true_candidate` out of range [0, {n}), received {int(true[bad][0])}", op)
    return _RESULTS[op](
        wrap(np.arange(n, dtype=np.int64)),
        wrap(np.ones(true.shape, np.float32)),
        wrap(np.ones(n, np.float32)),
    )


# -- sampled losses ----------------------------------------------------------------------
def _tf():
    import tapeflow

    return tapeflow


def _sum_rows(x: Tensor) -> Tensor:
    # TF sums rows with a matmul by ones (its gradient is a matmul too).
    tf = _tf()
    return tf.reshape(tf.matmul(x, tf.ones([x.shape[1], 1], x.dtype)), [-1])


def _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                    sampled_values, subtract_log_q, remove_accidental_hits, seed):  # fmt: skip
    """TF's _compute_sampled_logits: (logits [batch, num_true + num_sampled], labels)."""
    tf = _tf()
    if not hasattr(labels, "dtype"):  # TF reads labels.dtype first
        raise AttributeError(f"'{type(labels).__name__}' object has no attribute 'dtype'")
    inputs = as_tensor(inputs)
    labels = tf.cast(labels, _dt.int64)
    labels_flat = tf.reshape(labels, [-1])
    if sampled_values is None:
        sampled_values = log_uniform_candidate_sampler(
            labels, num_true, num_sampled, True, num_classes, seed=seed
        )
    sampled, true_expected, sampled_expected = (tf.stop_gradient(s) for s in sampled_values)
    sampled = tf.cast(sampled, _dt.int64)
    all_ids = tf.concat([labels_flat, sampled], 0)
    all_w = tf.nn.embedding_lookup(weights, all_ids)
    if all_w.dtype != inputs.dtype:
        all_w = tf.cast(all_w, inputs.dtype)
    n_true = labels_flat.shape[0]
    true_w, sampled_w = all_w[:n_true], all_w[n_true:]
    sampled_logits = tf.matmul(inputs, sampled_w, transpose_b=True)
    all_b = tf.nn.embedding_lookup(biases, all_ids)
    if all_b.dtype != inputs.dtype:
        all_b = tf.cast(all_b, inputs.dtype)
    true_b, sampled_b = all_b[:n_true], all_b[n_true:]
    dim = true_w.shape[1]
    row_dots = tf.expand_dims(inputs, 1) * tf.reshape(true_w, [-1, num_true, dim])
    true_logits = tf.reshape(_sum_rows(tf.reshape(row_dots, [-1, dim])), [-1, num_true])
    true_logits += tf.reshape(true_b, [-1, num_true])
    sampled_logits += sampled_b
    if remove_accidental_hits:
        rows, ids, hit = compute_accidental_hits(labels, sampled, num_true=num_true)
        # TF's sparse_to_dense: a pair hit twice (a repeated true class) is set once.
        where = tf.stack([rows, tf.cast(ids, _dt.int32)], 1)
        penalty = tf.tensor_scatter_nd_update(
            tf.zeros_like(sampled_logits), where, tf.cast(hit, sampled_logits.dtype)
        )
        sampled_logits += penalty
    if subtract_log_q:
        true_logits -= tf.math.log(true_expected)
        sampled_logits -= tf.math.log(sampled_expected)
    logits = tf.concat([true_logits, sampled_logits], 1)
    targets = tf.concat([tf.ones_like(true_logits) / num_true, tf.zeros_like(sampled_logits)], 1)
    return logits, targets


def nce_loss(
    weights: TensorLike,
    biases: TensorLike,
    labels: TensorLike,
    inputs: TensorLike,
    num_sampled: int,
    num_classes: int,
    num_true: int = 1,
    sampled_values: tuple | None = None,
    remove_accidental_hits: bool = False,
    name: str = "nce_loss",
) -> Tensor:
    """Noise-contrastive estimation loss per example, over sampled negative classes.

    ``sampled_values`` (a candidate sampler's triple) replaces the default
    ``log_uniform_candidate_sampler(labels, num_true, num_sampled, True, num_classes)``.

    >>> import tapeflow as tf
    >>> w, b = tf.ones([5, 2]), tf.zeros([5])
    >>> sampled = (tf.constant([3, 4], tf.int64), tf.fill([1, 1], 0.5), tf.fill([2], 0.5))
    >>> loss = tf.nn.nce_loss(w, b, tf.constant([[0]]), tf.ones([1, 2]), 2, 5,
    ...                      sampled_values=sampled)
    >>> round(float(loss[0]), 4)
    5.5827
    """
    tf = _tf()
    logits, targets = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes,
                                      num_true, sampled_values, True, remove_accidental_hits,
                                      None)  # fmt: skip
    losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits)
    return _sum_rows(losses)


def sampled_softmax_loss(
    weights: TensorLike,
    biases: TensorLike,
    labels: TensorLike,
    inputs: TensorLike,
    num_sampled: int,
    num_classes: int,
    num_true: int = 1,
    sampled_values: tuple | None = None,
    remove_accidental_hits: bool = True,
    seed: int | None = None,
    name: str = "sampled_softmax_loss",
) -> Tensor:
    """Softmax cross-entropy per example over the true and the sampled classes only.

    >>> import tapeflow as tf
    >>> w, b = tf.ones([5, 2]), tf.zeros([5])
    >>> sampled = (tf.constant([3, 4], tf.int64), tf.fill([1, 1], 0.5), tf.fill([2], 0.5))
    >>> loss = tf.nn.sampled_softmax_loss(w, b, tf.constant([[0]]), tf.ones([1, 2]), 2, 5,
    ...                                   sampled_values=sampled)
    >>> round(float(loss[0]), 4)
    1.0986
    """
    tf = _tf()
    logits, targets = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes,
                                      num_true, sampled_values, True, remove_accidental_hits,
                                      seed)  # fmt: skip
    return tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(targets), logits=logits)
