"""Cases for Keras 3's optimizers, schedules, losses, metrics, activations, regularizers.

Each case is a function of ``tf`` (TensorFlow or tapeflow) returning a dict
of plain values (nested lists of floats, ints, strings). The same function
runs under real TensorFlow (``make_keras_parts_golden.py`` writes
``keras_parts.json``) and under tapeflow (``tests/test_keras_parts_golden.py``
compares). Needs only NumPy to import.

``EXACT`` names the cases whose float32 results must agree bit for bit.
"""

from __future__ import annotations

import platform

import numpy as np

CASES: dict = {}
EXACT: set = set()


def case(name: str, exact: bool = False):
    def register(fn):
        CASES[name] = fn
        if exact:
            EXACT.add(name)
        return fn

    return register


def _value(x):
    if hasattr(x, "numpy"):
        x = x.numpy()
    x = np.asarray(x)
    if x.dtype.kind == "f":
        return x.astype(np.float64).tolist()
    return x.tolist()


# -- optimizers --------------------------------------------------------------

_rng = np.random.default_rng(1234)
W0 = _rng.normal(size=(2, 3)).astype(np.float32)
B0 = _rng.normal(size=(3,)).astype(np.float32)
GRADS = [
    (_rng.normal(size=(2, 3)).astype(np.float32), _rng.normal(size=(3,)).astype(np.float32))
    for _ in range(3)
]
# A step with a large gradient so clipping bites.
GRADS[1] = (GRADS[1][0] * 10, GRADS[1][1] * 10)

OPTIMIZERS = {
    "sgd": ("SGD", {"learning_rate": 0.1}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "clipnorm": 1.0}),
    "sgd_clipvalue": ("SGD", {"learning_rate": 0.1, "clipvalue": 0.5}),
    "sgd_global_clipnorm": ("SGD", {"learning_rate": 0.1, "global_clipnorm": 2.0}),
    "sgd_weight_decay": ("SGD", {"learning_rate": 0.1, "weight_decay": 0.05}),
    "sgd_loss_scale": ("SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
    "adam": ("Adam", {"learning_rate": 0.01}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    "adam_betas": ("Adam", {"learning_rate": 0.02, "beta_1": 0.8, "beta_2": 0.95, "epsilon": 1e-5}),
    "adam_clipnorm": ("Adam", {"learning_rate": 0.01, "clipnorm": 0.7}),
    "adamw": ("AdamW", {"learning_rate": 0.01}),
    "adamw_decay": ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    "rmsprop": ("RMSprop", {"learning_rate": 0.01}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.3}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1}),
    "adadelta": ("Adadelta", {"learning_rate": 1.0}),
    "adamax": ("Adamax", {"learning_rate": 0.01}),
    "nadam": ("Nadam", {"learning_rate": 0.01}),
    "ftrl": ("Ftrl", {"learning_rate": 0.1}),
    "ftrl_regularized": (
        "Ftrl",
        {
            "learning_rate": 0.1,
            "l1_regularization_strength": 0.01,
            "l2_regularization_strength": 0.02,
            "l2_shrinkage_regularization_strength": 0.03,
            "beta": 0.1,
        },
    ),
}


def _optimizer_case(class_name, config):
    def run(tf):
        opt = getattr(tf.keras.optimizers, class_name)(**config)
        w = tf.Variable(W0)
        b = tf.Variable(B0)
        out = {}
        for step, (gw, gb) in enumerate(GRADS, start=1):
            opt.apply_gradients([(tf.constant(gw), w), (tf.constant(gb), b)])
            if step in (1, 3):
                out[f"step{step}"] = {
                    "w": _value(w),
                    "b": _value(b),
                    "slots": [_value(v) for v in opt.variables[2:]],
                }
        out["iterations"] = int(opt.iterations.numpy())
        out["n_variables"] = len(opt.variables)
        return out

    return run


for _name, (_cls, _config) in OPTIMIZERS.items():
    case(f"optimizer/{_name}", exact=True)(_optimizer_case(_cls, _config))


@case("optimizer/adam_schedule", exact=True)
def _adam_schedule(tf):
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.5)
    opt = tf.keras.optimizers.Adam(schedule)
    w = tf.Variable(W0)
    for gw, _ in GRADS:
        opt.apply_gradients([(tf.constant(gw), w)])
    return {"w": _value(w), "lr": _value(opt.learning_rate)}


@case("optimizer/set_learning_rate", exact=True)
def _set_lr(tf):
    w = tf.Variable(W0)
    opt = tf.keras.optimizers.SGD(0.1, momentum=0.5)
    opt.apply_gradients([(tf.constant(GRADS[0][0]), w)])
    opt.learning_rate = 0.01
    opt.apply_gradients([(tf.constant(GRADS[1][0]), w)])
    return {"w": _value(w), "lr": _value(opt.learning_rate)}


@case("optimizer/configs")
def _configs(tf):
    out = {}
    for name, (cls, config) in OPTIMIZERS.items():
        cfg = getattr(tf.keras.optimizers, cls)(**config).get_config()
        cfg.pop("name")
        out[name] = cfg
    return out


@case("optimizer/get")
def _get(tf):
    names = ["sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam", "ftrl"]
    return {n: type(tf.keras.optimizers.get(n)).__name__ for n in names}


# -- schedules --------------------------------------------------------------------

SCHEDULES = {
    "exponential": (
        "ExponentialDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.9},
    ),
    "exponential_staircase": (
        "ExponentialDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.9, "staircase": True},
    ),
    "piecewise": ("PiecewiseConstantDecay", {"boundaries": [5, 20], "values": [1.0, 0.5, 0.1]}),
    "cosine": ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 50}),
    "cosine_alpha_warmup": (
        "CosineDecay",
        {
            "initial_learning_rate": 0.0,
            "decay_steps": 40,
            "alpha": 0.1,
            "warmup_target": 0.2,
            "warmup_steps": 10,
        },
    ),
    "inverse_time": (
        "InverseTimeDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5},
    ),
    "inverse_time_staircase": (
        "InverseTimeDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 5, "decay_rate": 0.5, "staircase": True},
    ),
    "polynomial": ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 30}),
    "polynomial_cycle": (
        "PolynomialDecay",
        {"initial_learning_rate": 0.1, "decay_steps": 30, "power": 2.0, "cycle": True},
    ),
}
STEPS = [0, 1, 3, 5, 7, 10, 20, 25, 31, 45, 60, 100]


def _schedule_case(cls, config):
    def run(tf):
        schedule = getattr(tf.keras.optimizers.schedules, cls)(**config)
        return {"values": [_value(schedule(s)) for s in STEPS], "config": schedule.get_config()}

    return run


# Schedules go through pow() and cos(), whose float32 results may differ from
# TensorFlow's Eigen kernels in the last bit; piecewise constants must match exactly.
for _name, (_cls, _config) in SCHEDULES.items():
    case(f"schedule/{_name}", exact=_name == "piecewise")(_schedule_case(_cls, _config))


# -- losses -------------------------------------------------------------------------

_lr = np.random.default_rng(7)
Y_TRUE = _lr.uniform(0, 2, size=(4, 3)).astype(np.float32)
Y_PRED = _lr.uniform(-1, 2, size=(4, 3)).astype(np.float32)
PROBS = _lr.dirichlet(np.ones(3), size=4).astype(np.float32)
ONE_HOT = np.eye(3, dtype=np.float32)[[0, 2, 1, 2]]
LABELS = np.array([0, 2, 1, 2], dtype=np.int32)
LOGITS = _lr.normal(size=(4, 3)).astype(np.float32) * 2
BIN_TRUE = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], np.float32)
BIN_PROBS = _lr.uniform(0.01, 0.99, size=(4, 3)).astype(np.float32)
SIGNS = np.array([[1, -1, 1], [-1, -1, 1], [1, 1, -1], [-1, 1, -1]], np.float32)
WEIGHTS = np.array([1.0, 0.5, 0.0, 2.0], np.float32)

LOSSES = {
    "mse": ("MeanSquaredError", {}, Y_TRUE, Y_PRED),
    "mae": ("MeanAbsoluteError", {}, Y_TRUE, Y_PRED),
    "mape": ("MeanAbsolutePercentageError", {}, Y_TRUE, Y_PRED),
    "msle": ("MeanSquaredLogarithmicError", {}, Y_TRUE, Y_PRED),
    "huber": ("Huber", {}, Y_TRUE, Y_PRED),
    "huber_delta": ("Huber", {"delta": 0.3}, Y_TRUE, Y_PRED),
    "log_cosh": ("LogCosh", {}, Y_TRUE, Y_PRED),
    "kld": ("KLDivergence", {}, ONE_HOT, PROBS),
    "hinge": ("Hinge", {}, BIN_TRUE, Y_PRED),
    "hinge_signs": ("Hinge", {}, SIGNS, Y_PRED),
    "squared_hinge": ("SquaredHinge", {}, BIN_TRUE, Y_PRED),
    "categorical_hinge": ("CategoricalHinge", {}, ONE_HOT, LOGITS),
    "poisson": ("Poisson", {}, Y_TRUE, BIN_PROBS),
    "cosine": ("CosineSimilarity", {}, Y_TRUE, Y_PRED),
    "cosine_axis0": ("CosineSimilarity", {"axis": 0}, Y_TRUE, Y_PRED),
    "bce": ("BinaryCrossentropy", {}, BIN_TRUE, BIN_PROBS),
    "bce_logits": ("BinaryCrossentropy", {"from_logits": True}, BIN_TRUE, LOGITS),
    "bce_smoothing": ("BinaryCrossentropy", {"label_smoothing": 0.2}, BIN_TRUE, BIN_PROBS),
    "cce": ("CategoricalCrossentropy", {}, ONE_HOT, PROBS),
    "cce_logits": ("CategoricalCrossentropy", {"from_logits": True}, ONE_HOT, LOGITS),
    "cce_smoothing": (
        "CategoricalCrossentropy",
        {"label_smoothing": 0.1, "from_logits": True},
        ONE_HOT,
        LOGITS,
    ),
    "scce": ("SparseCategoricalCrossentropy", {}, LABELS, PROBS),
    "scce_logits": ("SparseCategoricalCrossentropy", {"from_logits": True}, LABELS, LOGITS),
    "scce_column_labels": (
        "SparseCategoricalCrossentropy",
        {"from_logits": True},
        LABELS[:, None],
        LOGITS,
    ),
}


def _loss_case(cls, config, y_true, y_pred):
    def run(tf):
        out = {}
        for reduction in ("sum_over_batch_size", "sum", "none", "mean_with_sample_weight"):
            loss = getattr(tf.keras.losses, cls)(reduction=reduction, **config)
            out[reduction] = _value(loss(tf.constant(y_true), tf.constant(y_pred)))
            try:
                weighted = _value(
                    loss(
                        tf.constant(y_true), tf.constant(y_pred), sample_weight=tf.constant(WEIGHTS)
                    )
                )
            except Exception as exc:  # the error class must match
                weighted = f"ERROR {type(exc).__name__}"
            out[reduction + "_weighted"] = weighted
        loss = getattr(tf.keras.losses, cls)(**config)
        config_out = loss.get_config()
        config_out.pop("fn", None)
        out["config"] = config_out
        return out

    return run


for _name, (_cls, _config, _t, _p) in LOSSES.items():
    case(f"loss/{_name}")(_loss_case(_cls, _config, _t, _p))

# tf.keras.losses (Keras 3 under TF 2.21) exports the short function names only.
LOSS_FUNCTIONS = {
    "mse": (Y_TRUE, Y_PRED),
    "mae": (Y_TRUE, Y_PRED),
    "mape": (Y_TRUE, Y_PRED),
    "msle": (Y_TRUE, Y_PRED),
    "huber": (Y_TRUE, Y_PRED),
    "logcosh": (Y_TRUE, Y_PRED),
    "kld": (ONE_HOT, PROBS),
    "kullback_leibler_divergence": (ONE_HOT, PROBS),
    "hinge": (BIN_TRUE, Y_PRED),
    "squared_hinge": (BIN_TRUE, Y_PRED),
    "categorical_hinge": (ONE_HOT, LOGITS),
    "poisson": (Y_TRUE, BIN_PROBS),
    "cosine_similarity": (Y_TRUE, Y_PRED),
    "binary_crossentropy": (BIN_TRUE, BIN_PROBS),
    "categorical_crossentropy": (ONE_HOT, PROBS),
    "sparse_categorical_crossentropy": (LABELS, PROBS),
}


@case("loss/functions")
def _loss_functions(tf):
    out = {}
    for name, (t, p) in LOSS_FUNCTIONS.items():
        out[name] = _value(getattr(tf.keras.losses, name)(tf.constant(t), tf.constant(p)))
    out["mse_rank1"] = _value(tf.keras.losses.mse(tf.constant(Y_TRUE[0]), tf.constant(Y_PRED[0])))
    out["get_mse"] = tf.keras.losses.get("mse").__name__
    return out


@case("loss/gradients")
def _loss_gradients(tf):
    out = {}
    for cls, config, t, p in (
        ("CategoricalCrossentropy", {"from_logits": True}, ONE_HOT, LOGITS),
        ("SparseCategoricalCrossentropy", {}, LABELS, PROBS),
        ("BinaryCrossentropy", {}, BIN_TRUE, BIN_PROBS),
        ("MeanSquaredError", {}, Y_TRUE, Y_PRED),
        ("Huber", {}, Y_TRUE, Y_PRED),
    ):
        x = tf.Variable(p)
        with tf.GradientTape() as tape:
            value = getattr(tf.keras.losses, cls)(**config)(tf.constant(t), x)
        out[cls] = _value(tape.gradient(value, x))
    return out


# -- metrics -----------------------------------------------------------------------

SCORES = np.array([0.1, 0.4, 0.35, 0.8, 0.65, 0.2, 0.9, 0.55], np.float32)
SCORE_LABELS = np.array([0, 0, 1, 1, 1, 0, 1, 0], np.float32)
SCORE_WEIGHTS = np.array([1, 2, 1, 0.5, 1, 1, 3, 1], np.float32)


def _two_updates(metric, first, second):
    metric.update_state(*first[0], **first[1])
    after_first = _value(metric.result())
    metric.update_state(*second[0], **second[1])
    after_second = _value(metric.result())
    metric.reset_state()
    return {"first": after_first, "second": after_second, "reset": _value(metric.result())}


@case("metric/means")
def _metric_means(tf):
    m = tf.keras.metrics
    out = {}
    out["mean"] = _two_updates(
        m.Mean(),
        (([1.0, 3.0, 5.0, 7.0],), {}),
        (([[2.0, 4.0], [6.0, 8.0]],), {"sample_weight": [1.0, 0.5]}),
    )
    out["sum"] = _two_updates(
        m.Sum(), (([1.0, 3.0],), {}), (([2.0, 4.0],), {"sample_weight": [0.5, 2.0]})
    )
    out["mse"] = _two_updates(
        m.MeanSquaredError(), ((Y_TRUE, Y_PRED), {}), ((Y_PRED, Y_TRUE), {"sample_weight": WEIGHTS})
    )
    out["mae"] = _two_updates(
        m.MeanAbsoluteError(),
        ((Y_TRUE, Y_PRED), {}),
        ((Y_PRED, Y_TRUE), {"sample_weight": WEIGHTS}),
    )
    out["rmse"] = _two_updates(
        m.RootMeanSquaredError(),
        ((Y_TRUE, Y_PRED), {}),
        ((Y_PRED, Y_TRUE), {"sample_weight": WEIGHTS}),
    )
    return out


@case("metric/accuracies")
def _metric_accuracies(tf):
    m = tf.keras.metrics
    out = {}
    out["accuracy"] = _two_updates(
        m.Accuracy(),
        (([1, 2, 3, 4], [1, 2, 0, 4]), {}),
        (([[1], [2]], [[1], [0]]), {"sample_weight": [2.0, 1.0]}),
    )
    out["binary"] = _two_updates(
        m.BinaryAccuracy(),
        ((BIN_TRUE, BIN_PROBS), {}),
        ((BIN_TRUE, 1 - BIN_PROBS), {"sample_weight": WEIGHTS}),
    )
    out["binary_threshold"] = _two_updates(
        m.BinaryAccuracy(threshold=0.3), ((BIN_TRUE, BIN_PROBS), {}), ((SCORE_LABELS, SCORES), {})
    )
    out["categorical"] = _two_updates(
        m.CategoricalAccuracy(),
        ((ONE_HOT, PROBS), {}),
        ((ONE_HOT, LOGITS), {"sample_weight": WEIGHTS}),
    )
    out["sparse_categorical"] = _two_updates(
        m.SparseCategoricalAccuracy(),
        ((LABELS, PROBS), {}),
        ((LABELS[:, None], LOGITS), {"sample_weight": WEIGHTS}),
    )
    out["top_k"] = _two_updates(
        m.TopKCategoricalAccuracy(k=2),
        ((ONE_HOT, PROBS), {}),
        ((ONE_HOT, LOGITS), {"sample_weight": WEIGHTS}),
    )
    out["sparse_top_k"] = _two_updates(
        m.SparseTopKCategoricalAccuracy(k=2), ((LABELS, PROBS), {}), ((LABELS, LOGITS), {})
    )
    return out


@case("metric/confusion")
def _metric_confusion(tf):
    m = tf.keras.metrics
    first = ((SCORE_LABELS[:4], SCORES[:4]), {})
    second = ((SCORE_LABELS[4:], SCORES[4:]), {"sample_weight": SCORE_WEIGHTS[4:]})
    out = {}
    out["precision"] = _two_updates(m.Precision(), first, second)
    out["precision_thresholds"] = _two_updates(m.Precision(thresholds=[0.3, 0.6]), first, second)
    out["recall"] = _two_updates(m.Recall(), first, second)
    out["recall_threshold"] = _two_updates(m.Recall(thresholds=0.38), first, second)
    out["auc"] = _two_updates(m.AUC(), first, second)
    out["auc_small"] = _two_updates(m.AUC(num_thresholds=5), first, second)
    out["auc_pr"] = _two_updates(m.AUC(curve="PR"), first, second)
    out["auc_minoring"] = _two_updates(
        m.AUC(summation_method="minoring", num_thresholds=7), first, second
    )
    out["auc_majoring_pr"] = _two_updates(
        m.AUC(curve="PR", summation_method="majoring", num_thresholds=7), first, second
    )
    return out


# -- activations, regularizers, initializers ---------------------------------------------

ACT_X = np.array([-3.0, -1.0, -0.2, 0.0, 0.3, 1.0, 2.5, 7.0], np.float32)


@case("activation/values")
def _activations(tf):
    a = tf.keras.activations
    names = [
        "relu", "sigmoid", "tanh", "softplus", "softsign", "elu", "selu", "swish", "silu", "gelu",
        "exponential", "linear", "hard_sigmoid", "relu6", "leaky_relu", "mish", "log_softmax", "softmax",
    ]  # fmt: skip
    out = {name: _value(a.get(name)(tf.constant(ACT_X))) for name in names}
    out["relu_options"] = _value(
        a.relu(tf.constant(ACT_X), negative_slope=0.1, max_value=2.0, threshold=0.5)
    )
    out["relu_slope"] = _value(a.relu(tf.constant(ACT_X), negative_slope=0.1))
    out["elu_alpha"] = _value(a.elu(tf.constant(ACT_X), alpha=0.5))
    out["gelu_approx"] = _value(a.gelu(tf.constant(ACT_X), approximate=True))
    out["softmax_2d"] = _value(a.softmax(tf.constant(LOGITS), axis=0))
    return out


@case("regularizer/values")
def _regularizers(tf):
    r = tf.keras.regularizers
    w = tf.constant(W0)
    return {
        "l1": _value(r.L1(0.03)(w)),
        "l2": _value(r.L2(0.02)(w)),
        "l1l2": _value(r.L1L2(l1=0.01, l2=0.04)(w)),
        "get_l2": _value(r.get("l2")(w)),
        "config": r.L1L2(l1=0.01, l2=0.04).get_config(),
    }


@case("initializer/deterministic")
def _initializers(tf):
    i = tf.keras.initializers
    return {
        "zeros": _value(i.Zeros()((2, 2))),
        "ones": _value(i.get("ones")((3,))),
        "constant": _value(i.Constant(0.25)((2, 1))),
        "identity": _value(i.Identity(gain=2.0)((2, 3))),
        "configs": {
            name: i.get(name).get_config()
            for name in [
                "glorot_uniform",
                "glorot_normal",
                "he_uniform",
                "he_normal",
                "lecun_normal",
                "orthogonal",
                "random_normal",
                "random_uniform",
                "truncated_normal",
            ]
        },  # fmt: skip
    }


def _error_text(fn):
    import re

    try:
        fn()
    except Exception as exc:
        text = re.sub(
            r"\{\{function_node [^}]*\}\}\s?", "", str(exc).splitlines()[0] if str(exc) else ""
        )
        return f"{type(exc).__name__}: {text}"
    return "no error"


@case("errors/messages")
def _errors(tf):
    w = tf.Variable(np.ones((2, 2), np.float32))
    k = tf.keras
    calls = {
        "sgd_shape": lambda: k.optimizers.SGD(0.1).apply_gradients([(tf.ones((3,)), w)]),
        "all_none": lambda: k.optimizers.SGD(0.1).apply_gradients([(None, w)]),
        "lr_int": lambda: k.optimizers.SGD(1),
        "two_clips": lambda: k.optimizers.SGD(clipnorm=1.0, clipvalue=1.0),
        "bad_kwarg": lambda: k.optimizers.Adam(foo=1),
        "momentum": lambda: k.optimizers.SGD(momentum=2.0),
        "mse_shape": lambda: k.losses.MeanSquaredError()(tf.ones((4, 3)), tf.ones((4, 2))),
        "cce_shape": lambda: k.losses.CategoricalCrossentropy()(tf.ones((4, 3)), tf.ones((4, 2))),
        "get_loss": lambda: k.losses.get("nope"),
        "get_metric": lambda: k.metrics.get("nope"),
        "get_init": lambda: k.initializers.get("nope"),
        "get_act": lambda: k.activations.get("nope"),
        "get_reg": lambda: k.regularizers.get("nope"),
        "l2_negative": lambda: k.regularizers.L2(-1.0),
        "mean_shape": lambda: k.metrics.Mean().update_state(
            [1.0, 2.0], sample_weight=[1.0, 2.0, 3.0]
        ),
        "acc_shape": lambda: k.metrics.Accuracy().update_state([1, 2, 3], [1, 2]),
        "schedule_steps": lambda: k.optimizers.schedules.ExponentialDecay(0.1, 0, 0.5),
        "piecewise_len": lambda: k.optimizers.schedules.PiecewiseConstantDecay([1, 2], [0.1]),
        "orth_1d": lambda: k.initializers.Orthogonal()((3,)),
        "adamw_none": lambda: k.optimizers.AdamW(weight_decay=None),
    }
    return {name: _error_text(fn) for name, fn in calls.items()}


# Normal draws go through the C library's logf/sinf/cosf, as TF's do: bit for
# bit on glibc, within an ulp elsewhere.
@case("initializer/seeded", exact=platform.libc_ver()[0] == "glibc")
def _seeded_initializers(tf):
    i = tf.keras.initializers
    out = {}
    for name, init in {
        "glorot_uniform": i.GlorotUniform(seed=1),
        "he_uniform": i.HeUniform(seed=12),
        "lecun_uniform": i.LecunUniform(seed=3),
        "random_uniform": i.RandomUniform(-0.3, 0.7, seed=4),
        "glorot_normal": i.GlorotNormal(seed=5),
        "he_normal": i.HeNormal(seed=6),
        "lecun_normal": i.LecunNormal(seed=7),
        "random_normal": i.RandomNormal(0.5, 2.0, seed=8),
        "truncated_normal": i.TruncatedNormal(0.0, 1.0, seed=9),
        "untruncated": i.VarianceScaling(2.0, "fan_out", "untruncated_normal", seed=10),
        "big_seed": i.GlorotUniform(seed=2**31 + 5),
    }.items():
        out[name] = _value(init((7, 5)))
    out["conv_kernel"] = _value(i.GlorotUniform(seed=11)((3, 3, 2, 4)))
    return out


@case("initializer/orthogonal")
def _orthogonal(tf):
    return {"q": _value(tf.keras.initializers.Orthogonal(gain=1.5, seed=2)((4, 6)))}
