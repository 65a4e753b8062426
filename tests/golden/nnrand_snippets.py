"""CTC decoders, ctc_loss's errors and second order, compute_accidental_hits, the
candidate samplers' deterministic parts, nce/sampled softmax with given samples,
fractional pooling with given sequences and the stateless random leftovers.

Each snippet takes the library as ``tf`` and returns plain data (errors as
``{"error": class name, "message": text}``); make_nnrand_golden.py records
TensorFlow 2.21's answers in nnrand.json, tests/test_nnrand.py compares."""

from __future__ import annotations

import re

import numpy as np

SNIPPETS: list = []


def snippet(fn):
    SNIPPETS.append(fn)
    return fn


def error_of(thunk) -> dict:
    try:
        thunk()
    except Exception as exc:  # noqa: BLE001 - the error is the answer
        text = re.sub(r"\{\{function_node [^}]*\}\}\s?", "", str(exc))
        return {"error": type(exc).__name__, "message": text}
    return {"error": None, "message": ""}


def sparse(s) -> dict:
    return {
        "type": type(s).__name__,
        "indices": s.indices.numpy().tolist(),
        "values": s.values.numpy().tolist(),
        "values_dtype": s.values.dtype.name,
        "dense_shape": s.dense_shape.numpy().tolist(),
    }


def _logits(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype(np.float32)


# -- ctc_loss: second order, errors ------------------------------------------------------
@snippet
def ctc_sparse_second_order(tf):
    x = tf.constant(_logits((4, 1, 3)))
    labels = tf.sparse.from_dense([[1, 2]])

    def run():
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                loss = tf.nn.ctc_loss(labels, x, None, [4], blank_index=0)
            g = inner.gradient(loss, x)
        return outer.gradient(g, x)

    return error_of(run)


@snippet
def ctc_dense_second_order_is_nan_at_first_frame(tf):
    x = tf.constant(_logits((4, 1, 3)))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            loss = tf.nn.ctc_loss([[1, 2]], x, [2], [4])
        g = inner.gradient(loss, x)
    h = outer.gradient(g, x).numpy()
    return bool(np.isnan(h[:3]).all())


@snippet
def ctc_errors(tf):
    x = tf.constant(_logits((4, 2, 3)))
    sp = tf.sparse.from_dense([[1, 2], [2, 0]])
    cases = {
        "dense_float64": lambda: tf.nn.ctc_loss([[1], [2]], tf.cast(x, tf.float64), [1, 1], [4, 4]),
        "sparse_no_blank": lambda: tf.nn.ctc_loss(sp, x, None, [4, 4]),
        "sparse_too_long": lambda: tf.nn.ctc_loss(tf.sparse.from_dense([[1, 1, 1], [1, 0, 0]]),
                                                  x, None, [4, 4], blank_index=0),
        "sparse_length_past_time": lambda: tf.nn.ctc_loss(sp, x, None, [5, 4], blank_index=0),
        "sparse_label_is_blank": lambda: tf.nn.ctc_loss(sp, x, None, [4, 4], blank_index=2),
        "sparse_rank2": lambda: tf.nn.ctc_loss(sp, x[0], None, [4, 4], blank_index=0),
        "sparse_lengths": lambda: tf.nn.ctc_loss(sp, x, None, [4], blank_index=0),
    }  # fmt: skip
    return {name: error_of(thunk) for name, thunk in cases.items()}


@snippet
def ctc_sparse_too_long_is_inf(tf):
    # TF's kernel: no error; the entry's loss is inf and its gradient the softmax.
    x = tf.constant(_logits((4, 2, 3)))
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.nn.ctc_loss(tf.sparse.from_dense([[1, 1, 1], [1, 0, 0]]), x, None, [4, 3],
                              blank_index=0)  # fmt: skip
    return [loss.numpy().tolist(), tape.gradient(loss, x).numpy().tolist()]


@snippet
def ctc_sparse_float16(tf):
    x = tf.constant(_logits((4, 1, 3)), tf.float16)
    loss = tf.nn.ctc_loss(tf.sparse.from_dense([[1]]), x, None, [4], blank_index=0)
    return [loss.dtype.name, np.round(loss.numpy().astype(float), 2).tolist()]


# -- decoders ----------------------------------------------------------------------------
@snippet
def greedy_decoder(tf):
    x = np.log(np.array([[[0.1, 0.6, 0.3], [0.2, 0.2, 0.6]],
                         [[0.1, 0.6, 0.3], [0.7, 0.2, 0.1]],
                         [[0.5, 0.2, 0.3], [0.7, 0.2, 0.1]],
                         [[0.1, 0.6, 0.3], [0.2, 0.7, 0.1]]], np.float32))  # fmt: skip
    out = {}
    for merge in (True, False):
        for blank in (None, 0, -2):
            decoded, neg = tf.nn.ctc_greedy_decoder(x, [4, 3], merge_repeated=merge,
                                                    blank_index=blank)  # fmt: skip
            out[f"{merge}_{blank}"] = [len(decoded), sparse(decoded[0]),
                                       neg.numpy().tolist(), neg.dtype.name]  # fmt: skip
    return out


@snippet
def greedy_decoder_float64_and_empty(tf):
    x = _logits((3, 2, 4)).astype(np.float64)
    decoded, neg = tf.nn.ctc_greedy_decoder(x, [3, 0])
    return [sparse(decoded[0]), neg.numpy().tolist(), neg.dtype.name]


@snippet
def beam_search_decoder(tf):
    out = {}
    for seed, (frames, batch, classes) in enumerate([(5, 2, 4), (6, 1, 3), (4, 3, 5)]):
        x = _logits((frames, batch, classes), seed)
        lengths = [frames - b for b in range(batch)]
        for width, top in [(1, 1), (3, 2), (10, 3)]:
            decoded, logp = tf.nn.ctc_beam_search_decoder(x, lengths, beam_width=width,
                                                          top_paths=top)  # fmt: skip
            out[f"{seed}_{width}_{top}"] = [[sparse(d) for d in decoded], logp.numpy().tolist()]
    return out


@snippet
def decoder_errors(tf):
    x = tf.constant(_logits((3, 2, 4)))
    cases = {
        "greedy_rank2": lambda: tf.nn.ctc_greedy_decoder(x[0], [3, 3]),
        "greedy_lengths": lambda: tf.nn.ctc_greedy_decoder(x, [3]),
        "greedy_too_long": lambda: tf.nn.ctc_greedy_decoder(x, [4, 3]),
        "greedy_int": lambda: tf.nn.ctc_greedy_decoder(tf.ones([3, 2, 4], tf.int32), [3, 3]),
        "beam_top_paths": lambda: tf.nn.ctc_beam_search_decoder(x, [3, 3], beam_width=2,
                                                                top_paths=3),
        "beam_zero_width": lambda: tf.nn.ctc_beam_search_decoder(x, [3, 3], beam_width=0),
        "beam_too_long": lambda: tf.nn.ctc_beam_search_decoder(x, [4, 3]),
        "beam_few_leaves": lambda: tf.nn.ctc_beam_search_decoder(tf.zeros([1, 1, 2]), [1],
                                                                 beam_width=5, top_paths=4),
    }  # fmt: skip
    return {name: error_of(thunk) for name, thunk in cases.items()}


# -- compute_accidental_hits ---------------------------------------------------------------
@snippet
def accidental_hits(tf):
    true = tf.constant([[1, 3], [2, 2], [0, 5]], tf.int64)
    sampled = tf.constant([3, 2, 7, 3, 0], tf.int64)
    idx, ids, w = tf.nn.compute_accidental_hits(true, sampled, num_true=2)
    return [idx.numpy().tolist(), idx.dtype.name, ids.numpy().tolist(), ids.dtype.name,
            w.numpy().tolist(), w.dtype.name]  # fmt: skip


@snippet
def accidental_hits_errors(tf):
    true = tf.constant([[1, 3], [2, 2]], tf.int64)
    cases = {
        "int32": lambda: tf.nn.compute_accidental_hits(tf.constant([[1, 3]]), [1], num_true=2),
        "num_true": lambda: tf.nn.compute_accidental_hits(true, tf.constant([1], tf.int64),
                                                          num_true=3),
        "rank": lambda: tf.nn.compute_accidental_hits(true[0], tf.constant([1], tf.int64),
                                                      num_true=2),
    }  # fmt: skip
    return {name: error_of(thunk) for name, thunk in cases.items()}


# -- tf.random leftovers -----------------------------------------------------------------
@snippet
def create_rng_state(tf):
    out = {}
    seeds = {"int": 1234, "big": 2**70 + 5, "negative": -1, "u64": 2**64 - 1, "float": 1.5,
             "list4": [1, 2, 3, 4], "list1": [5], "array": np.array([7, 8], np.int32)}  # fmt: skip
    for name, seed in seeds.items():
        for alg in ("philox", "threefry", "auto_select", 1, 2, tf.random.Algorithm.THREEFRY):
            state = tf.random.create_rng_state(seed, alg)
            out[f"{name}_{alg}"] = [state.numpy().tolist(), state.dtype.name]
    for name, alg in {"foo": "foo", "seven": 7, "float": 1.5, "Philox-x": "Phi-lox"}.items():
        out[f"error_{name}"] = error_of(lambda alg=alg: tf.random.create_rng_state(1, alg))
    return out


@snippet
def stateless_binomial_structure(tf):
    out = {}
    calls = {
        "default": dict(shape=[2, 3], counts=[1, 2, 3], probs=0.5),
        "float_out": dict(shape=[2], counts=5.0, probs=0.5, output_dtype=tf.float32),
        "probs64": dict(shape=[2], counts=5, probs=tf.constant(0.5, tf.float64)),
        "int64_out": dict(shape=[3], counts=tf.constant([2.0, 3.0, 4.0]), probs=[1.0, 0.0, 1.5],
                          output_dtype=tf.int64),
        "clipped": dict(shape=[2], counts=[-5.0, 4.0], probs=[0.5, 2.0]),
        "scalar": dict(shape=[], counts=3.0, probs=1.0),
    }  # fmt: skip
    for name, kw in calls.items():
        x = tf.random.stateless_binomial(seed=[1, 2], **kw)
        certain = name in ("clipped", "scalar", "int64_out")
        out[name] = [x.dtype.name, x.shape.as_list(), x.numpy().tolist() if certain else None]
    bad = {
        "not_suffix": dict(shape=[2], counts=[1.0, 2.0, 3.0], probs=0.5),
        "not_suffix_broadcast": dict(shape=[2, 3], counts=[[1.0], [2.0]], probs=0.5),
        "int8_out": dict(shape=[2], counts=5.0, probs=0.5, output_dtype=tf.int8),
        "mixed": dict(shape=[2], counts=tf.constant(5), probs=0.5),
        "bool_counts": dict(shape=[2], counts=tf.constant([True, False]),
                            probs=tf.constant([True, False])),
        "bad_seed": dict(shape=[2], counts=5.0, probs=0.5, seed=[1, 2, 3]),
    }  # fmt: skip
    for name, kw in bad.items():
        kw = {"seed": [1, 2], **kw}
        out[name] = error_of(lambda kw=kw: tf.random.stateless_binomial(**kw))
    return out


@snippet
def stateless_truncated_normal_structure(tf):
    f = tf.random.stateless_parameterized_truncated_normal
    out = {}
    calls = {
        "default": dict(shape=[2, 3]),
        "broadcast": dict(shape=[4, 2, 3], means=[0.0, 1.0, 2.0], minvals=-1.0,
                          maxvals=[[1.0], [2.0]]),
        "float64": dict(shape=[2], means=tf.constant(0.0, tf.float64),
                        stddevs=tf.constant(1.0, tf.float64), minvals=tf.constant(-1.0, tf.float64),
                        maxvals=tf.constant(1.0, tf.float64)),
        "float16": dict(shape=[2], means=tf.constant(0.0, tf.float16),
                        stddevs=tf.constant(1.0, tf.float16), minvals=tf.constant(-1.0, tf.float16),
                        maxvals=tf.constant(1.0, tf.float16)),
        "scalar": dict(shape=[]),
    }  # fmt: skip
    for name, kw in calls.items():
        x = f(seed=[3, 4], **kw)
        out[name] = [x.dtype.name, x.shape.as_list()]
    bad = {
        "not_suffix": dict(shape=[2], means=[0.0, 1.0, 2.0]),
        "min_above_max": dict(shape=[2], minvals=3.0, maxvals=1.0),
        "min_equals_max": dict(shape=[2], minvals=1.0, maxvals=1.0),
        "negative_std": dict(shape=[2], stddevs=-1.0),
        "zero_std": dict(shape=[2], stddevs=0.0),
        "int_means": dict(shape=[2], means=1),
        "mixed": dict(shape=[2], means=tf.constant(0.0, tf.float64)),
    }  # fmt: skip
    for name, kw in bad.items():
        out[name] = error_of(lambda kw=kw: f(seed=[3, 4], **kw))
    return out


@snippet
def tf_only_truncated_normal_gradients(tf):
    """TF's sample and its implicit gradients (first and second order): the test feeds
    this very sample to tapeflow's rule (tapeflow's streams draw other numbers)."""
    params = [tf.constant(v, tf.float64) for v in ([0.5, -0.3, 1.0], [1.0, 2.0, 0.5],
                                                   [-1.0, -4.0, 0.8], [1.5, 0.5, 3.0])]  # fmt: skip
    rng = np.random.default_rng(5)
    w = rng.standard_normal((4, 3))
    u = [rng.standard_normal(3) for _ in params]
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(params)
        with tf.GradientTape() as inner:
            inner.watch(params)
            y = tf.random.stateless_parameterized_truncated_normal([4, 3], [9, 9], *params)
            total = tf.reduce_sum(y * w)
        grads = inner.gradient(total, params)
        second = tf.add_n([tf.reduce_sum(g * v) for g, v in zip(grads, u)])
    grad2 = outer.gradient(second, params)
    return {"params": [p.numpy().tolist() for p in params], "w": w.tolist(),
            "u": [v.tolist() for v in u], "sample": y.numpy().tolist(),
            "grad": [g.numpy().tolist() for g in grads],
            "grad2": [None if g is None else g.numpy().tolist() for g in grad2]}  # fmt: skip


# -- candidate samplers: what is not random ----------------------------------------------
def _sampler_calls(tf):
    t = tf.constant([[1, 3], [0, 7]], tf.int64)
    r = tf.random
    return {
        "uniform": lambda u, **kw: r.uniform_candidate_sampler(t, 2, 5, u, 10, **kw),
        "log_uniform": lambda u, **kw: r.log_uniform_candidate_sampler(t, 2, 5, u, 10, **kw),
        "learned": lambda u, **kw: r.learned_unigram_candidate_sampler(t, 2, 5, u, 10, **kw),
        "fixed": lambda u, **kw: r.fixed_unigram_candidate_sampler(
            t, 2, 5, u, 10, unigrams=[1.0, 2, 3, 4, 5, 6, 7, 8], distortion=0.5,
            num_reserved_ids=2, **kw),
        "fixed_shard": lambda u, **kw: tf.nn.fixed_unigram_candidate_sampler(
            t % 5, 2, 3, u, 5, unigrams=list(range(1, 11)), num_shards=2, shard=1, **kw),
        "all": lambda u, **kw: tf.nn.all_candidate_sampler(t % 5, 2, 5, u, **kw),
    }  # fmt: skip


def _matches(te, s, se, t_all=True):
    """Each sampled class's expected count is its true-class count when the true
    classes are every class (None when they are not)."""
    if not t_all:
        return None
    table = te.numpy()[0]
    return bool(np.allclose(se.numpy(), table[s.numpy()]))


@snippet
def candidate_samplers_structure(tf):
    out = {}
    for name, call in _sampler_calls(tf).items():
        for unique in (False, True):
            s, te, se = call(unique, seed=11)
            values = s.numpy().tolist()
            out[f"{name}_{unique}"] = {
                "dtypes": [s.dtype.name, te.dtype.name, se.dtype.name],
                "shapes": [s.shape.as_list(), te.shape.as_list(), se.shape.as_list()],
                "in_range": all(0 <= v < 10 for v in values),
                "distinct": len(set(values)) == len(values) if unique else None,
                # Without unique, expected counts are p * num_sampled: no randomness.
                "true_expected": None if unique and name != "all" else te.numpy().tolist(),
                "sampled_expected_matches": None if unique else _matches(te, s, se, t_all=False),
            }  # fmt: skip
    return out


@snippet
def learned_sampler_learns(tf):
    # The same attributes and op seed: TF reuses the kernel and its learned counts.
    # True classes are every class (num_true = range), so the true expected counts
    # show the whole learned distribution.
    t = tf.constant([[0, 1, 2, 3, 4, 5]], tf.int64)
    t2 = tf.constant([[2, 2, 5, 2, 0, 1]], tf.int64)
    out = []
    for classes in (t, t2, t):
        s, te, se = tf.random.learned_unigram_candidate_sampler(classes, 6, 4, False, 6, seed=5)
        out.append([te.numpy().tolist(), _matches(te, s, se, classes is t)])
    return out


@snippet
def samplers_expected_counts_all_classes(tf):
    t = tf.constant([list(range(10))], tf.int64)
    r = tf.random
    calls = {
        "uniform": lambda: r.uniform_candidate_sampler(t, 10, 5, False, 10, seed=2),
        "log_uniform": lambda: r.log_uniform_candidate_sampler(t, 10, 5, False, 10, seed=2),
        "fixed": lambda: r.fixed_unigram_candidate_sampler(
            t, 10, 5, False, 10, unigrams=[1.0, 2, 3, 4, 5, 6, 7, 8], distortion=0.5,
            num_reserved_ids=2, seed=2),
    }  # fmt: skip
    out = {}
    for name, call in calls.items():
        s, te, se = call()
        out[name] = [te.numpy().tolist(), _matches(te, s, se)]
    return out


@snippet
def sampler_errors(tf):
    t = tf.constant([[1, 3], [0, 7]], tf.int64)
    r = tf.random
    cases = {
        "range_too_small": lambda: r.uniform_candidate_sampler(t, 2, 11, True, 10),
        "num_true": lambda: r.uniform_candidate_sampler(t, 3, 5, True, 10),
        "int32": lambda: r.uniform_candidate_sampler(tf.constant([[1, 3]]), 2, 5, True, 10),
        "vector": lambda: r.uniform_candidate_sampler(tf.constant([1, 3], tf.int64), 2, 5, True,
                                                      10),
        "num_sampled_0": lambda: r.log_uniform_candidate_sampler(t, 2, 0, True, 10),
        "range_max_0": lambda: r.learned_unigram_candidate_sampler(t, 2, 5, True, 0),
        "unigrams_size": lambda: r.fixed_unigram_candidate_sampler(t, 2, 5, True, 10,
                                                                   unigrams=[1.0, 2.0]),
        "no_unigrams": lambda: r.fixed_unigram_candidate_sampler(t, 2, 5, True, 10),
        "all_out_of_range": lambda: r.all_candidate_sampler(t, 2, 5, True),
        "list_labels_nce": lambda: tf.nn.nce_loss(tf.ones([5, 2]), tf.zeros([5]), [[0]],
                                                  tf.ones([1, 2]), 2, 5),
    }  # fmt: skip
    return {name: error_of(thunk) for name, thunk in cases.items()}


@snippet
def sampled_losses_default_sampler(tf):
    w, b, x = tf.ones([20, 3]), tf.zeros([20]), tf.ones([4, 3])
    labels = tf.constant([[1], [2], [3], [4]], tf.int64)
    a = tf.nn.nce_loss(w, b, labels, x, 5, 20)
    c = tf.nn.sampled_softmax_loss(w, b, labels, x, 5, 20, seed=3)
    return [a.shape.as_list(), a.dtype.name, c.shape.as_list(), c.dtype.name]


@snippet
def sampler_result_types(tf):
    t = tf.constant([[1]], tf.int64)
    results = [
        tf.random.uniform_candidate_sampler(t, 1, 2, False, 5),
        tf.random.log_uniform_candidate_sampler(t, 1, 2, False, 5),
        tf.random.learned_unigram_candidate_sampler(t, 1, 2, False, 5),
        tf.random.fixed_unigram_candidate_sampler(t, 1, 2, False, 3, unigrams=[1.0, 1, 1]),
        tf.random.all_candidate_sampler(t, 1, 2, False),
        tf.nn.compute_accidental_hits(t, tf.constant([1], tf.int64), 1),
        tf.nn.ctc_greedy_decoder(tf.zeros([2, 1, 3]), [2]),
        tf.nn.ctc_beam_search_decoder(tf.zeros([2, 1, 3]), [2]),
    ]
    return [[type(r).__name__, list(getattr(r, "_fields", []))] for r in results]


# -- fractional pooling ------------------------------------------------------------------
FRACTIONAL_CONFIGS = [
    # (pooling_ratio, pseudo_random, overlapping, input shape)
    ([1.0, 1.5, 1.7, 1.0], False, False, (2, 7, 9, 2)),
    ([1.0, 1.5, 1.7, 1.0], False, True, (2, 7, 9, 2)),
    ([1.0, 1.44, 1.73, 1.0], True, False, (1, 10, 12, 3)),
    ([1.0, 2.5, 1.3, 1.0], True, True, (1, 10, 12, 1)),
    ([1.0, 1.6, 1.6, 1.0], False, True, (1, 8, 8, 2)),
]


@snippet
def tf_only_fractional_pools(tf):
    """TF's sequences, outputs and input gradients: the test pools with TF's sequences."""
    rng = np.random.default_rng(8)
    out = []
    for ratio, pseudo, overlapping, shape in FRACTIONAL_CONFIGS:
        x = tf.constant(rng.normal(size=shape))
        for name in ("max", "avg"):
            fn = tf.nn.fractional_max_pool if name == "max" else tf.nn.fractional_avg_pool
            with tf.GradientTape() as tape:
                tape.watch(x)
                y, rows, cols = fn(x, ratio, pseudo_random=pseudo, overlapping=overlapping, seed=5)
                w = rng.normal(size=y.shape)
                total = tf.reduce_sum(y * w)
            out.append({"kind": name, "overlapping": overlapping, "pseudo": pseudo,
                        "x": x.numpy().tolist(), "y": y.numpy().tolist(), "w": w.tolist(),
                        "rows": rows.numpy().tolist(), "cols": cols.numpy().tolist(),
                        "grad": tape.gradient(total, x).numpy().tolist(),
                        "dtypes": [y.dtype.name, rows.dtype.name, cols.dtype.name]})  # fmt: skip
    return out


@snippet
def fractional_pool_structure(tf):
    x = tf.ones([2, 7, 9, 2])
    out = {}
    for name, fn in (("max", tf.nn.fractional_max_pool), ("avg", tf.nn.fractional_avg_pool)):
        for ratio in ([1.0, 1.5, 1.7, 1.0], 1.5, [1.0, 1.0, 1.0, 1.0], [1.0, 7.0, 9.0, 1.0]):
            if name == "avg" and ratio == 1.5:
                out["avg_scalar"] = error_of(lambda fn=fn: fn(x, 1.5))
                continue
            y, rows, cols = fn(x, ratio)
            out[f"{name}_{ratio}"] = [y.shape.as_list(), y.dtype.name, rows.shape.as_list(),
                                     cols.shape.as_list(), rows.dtype.name]  # fmt: skip
    y, _, _ = tf.nn.fractional_avg_pool(tf.ones([1, 4, 4, 1], tf.int32) * 7, [1.0, 2.0, 2.0, 1.0])
    out["avg_int"] = [y.dtype.name, y.numpy().tolist()]
    bad = {
        "first_not_one": lambda: tf.nn.fractional_max_pool(x, [1.5, 1.5, 1.5, 1.0]),
        "below_one": lambda: tf.nn.fractional_max_pool(x, [1.0, 0.5, 1.5, 1.0]),
        "three": lambda: tf.nn.fractional_avg_pool(x, [1.0, 1.5, 1.5]),
        "rank3": lambda: tf.nn.fractional_max_pool(x[0], [1.0, 1.5, 1.5, 1.0]),
        "rank3_avg": lambda: tf.nn.fractional_avg_pool(x[0], [1.0, 1.5, 1.5, 1.0]),
        "ratio_too_big": lambda: tf.nn.fractional_max_pool(x, [1.0, 8.0, 1.5, 1.0]),
    }
    for name, thunk in bad.items():
        out[name] = error_of(thunk)
    return out
