"""Golden cases for tf.nn activations, losses, normalization and embeddings.

Kinks (relu6 at 0 and 6, leaky_relu at 0) are checked against TensorFlow in
literal cases with check_grads off (central differences straddle the kink);
random cases keep away from them. LRN runs in float32 (TensorFlow has no
float64 kernel) and has no TF second derivative (LRNGrad has no gradient);
softsign has none either (SoftsignGrad). Dropout is random and is tested in
tests/test_nn_bad_input.py instead. Softmax cross-entropy labels are
distributions (rows summing to 1): TF's fused gradient softmax - labels is the
true derivative only then.
"""

from tests.golden.opcases import Arg, OpCase

V = Arg(shape=(6,))
M = Arg(shape=(2, 3))
F32 = {"rtol": 1e-4, "atol": 1e-5}
KINKS = Arg(shape=(6,), value=[-7.0, -1.0, 0.0, 3.0, 6.0, 8.0])
NO_CHECK = "central differences straddle the kinks at the literal points"
MOMENTS = (
    "TF's variance uses stop_gradient(mean): its second derivative (which we match) "
    "is not the true one, so central differences disagree at order 2"
)


def A(*shape, **kw):
    return Arg(shape=shape, **kw)


def LABELS(values):
    return Arg(value=values, dtype="int32", differentiable=False)


CASES = [
    # -- activations ---------------------------------------------------------
    OpCase("relu6", "lambda x: tf.nn.relu6(x)", [A(2, 5, low=-3.0, high=9.0)]),
    OpCase("relu6_kinks", "lambda x: tf.nn.relu6(x)", [KINKS], check_grads=False, note=NO_CHECK),
    OpCase("leaky_relu", "lambda x: tf.nn.leaky_relu(x, alpha=0.1)", [M]),
    OpCase("leaky_relu_alpha_above_one", "lambda x: tf.nn.leaky_relu(x, 2.0)", [M]),
    OpCase(
        "leaky_relu_at_zero",
        "lambda x: tf.nn.leaky_relu(x, alpha=0.3)",
        [KINKS],
        check_grads=False,
        note=NO_CHECK,
    ),
    OpCase("crelu", "lambda x: tf.nn.crelu(x, axis=0)", [A(2, 3)]),
    OpCase("elu", "lambda x: tf.nn.elu(x)", [A(2, 4, low=-3.0, high=3.0)]),
    OpCase("elu_at_zero", "lambda x: tf.nn.elu(x)", [KINKS], check_grads=False, note=NO_CHECK),
    OpCase("selu", "lambda x: tf.nn.selu(x)", [A(2, 4, low=-3.0, high=3.0)]),
    OpCase("gelu", "lambda x: tf.nn.gelu(x)", [A(7, low=-4.0, high=4.0)]),
    OpCase(
        "gelu_approximate", "lambda x: tf.nn.gelu(x, approximate=True)", [A(7, low=-4.0, high=4.0)]
    ),
    OpCase("silu", "lambda x: tf.nn.silu(x)", [V]),
    OpCase("swish_beta", "lambda x: tf.nn.swish(x, beta=2.0)", [V]),
    OpCase("swish_beta_tensor", "lambda x, b: tf.nn.swish(x, beta=b)", [V, A(low=0.5, high=1.5)]),
    OpCase(
        "softsign",
        "lambda x: tf.nn.softsign(x)",
        [V],
        second_order=False,
        forward=False,
        note="TF registers no gradient for SoftsignGrad (LookupError), which its forward "
        "mode needs too",
    ),
    OpCase("softplus", "lambda x: tf.nn.softplus(x)", [V]),
    OpCase("sigmoid", "lambda x: tf.nn.sigmoid(x)", [V]),
    OpCase("tanh", "lambda x: tf.nn.tanh(x)", [V]),
    OpCase("softmax_axis0", "lambda x: tf.nn.softmax(x, axis=0)", [A(3, 2, 2)]),
    OpCase("log_softmax_axis1", "lambda x: tf.nn.log_softmax(x, axis=1)", [A(2, 3, 2)]),
    OpCase("log_softmax_extreme", "lambda x: tf.nn.log_softmax(x)", [Arg(value=[1000.0, 0.0])]),
    # -- losses --------------------------------------------------------------
    OpCase(
        "softmax_xent_axis0",
        "lambda labels, logits: tf.nn.softmax_cross_entropy_with_logits(labels, logits, axis=0)",
        [Arg(value=[[0.2, 1.0], [0.3, 0.0], [0.5, 0.0]]), A(3, 2)],
        skip=("grad2",),
        note="TF's fused gradient drops the mixed second derivative d2/dlabels dlogits",
    ),
    OpCase(
        "softmax_xent_broadcast_labels",
        "lambda labels, logits: tf.nn.softmax_cross_entropy_with_logits(labels, logits)",
        [Arg(value=[[0.2, 0.3, 0.5]], differentiable=False), A(2, 3)],
        note="labels are constant: TF's gradient w.r.t. broadcast labels fails in Reshape",
    ),
    OpCase(
        "softmax_xent_many_rows",
        "lambda labels, logits: tf.nn.softmax_cross_entropy_with_logits(labels, logits)",
        [
            Arg(
                value=[
                    [p, 1.0 - p]
                    for p in (0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0, 0.3, 0.2, 0.4, 0.8)
                ],
                differentiable=False,
            ),
            A(12, 2),
        ],  # fmt: skip
        note="many rows of few classes: tapeflow's kernel reduces a transposed copy",
    ),
    OpCase(
        "sparse_softmax_xent",
        "lambda labels, logits: tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)",
        [LABELS([2, 0, 1]), A(3, 4)],
    ),
    OpCase(
        "sparse_softmax_xent_3d",
        "lambda labels, logits: tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)",
        [LABELS([[2, 0], [1, 1]]), A(2, 2, 3)],
    ),
    OpCase(
        "sparse_softmax_xent_extreme",
        "lambda labels, logits: tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)",
        [LABELS([0, 1]), Arg(value=[[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])],
        check_grads=False,
        note="central differences at |logits| = 1000 lose all digits",
    ),
    OpCase(
        "sigmoid_xent",
        "lambda z, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)",
        [A(2, 3, low=0.0, high=1.0), A(2, 3, low=-4.0, high=4.0)],
    ),
    OpCase(
        "sigmoid_xent_extreme",
        "lambda z, x: tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x)",
        [Arg(value=[1.0, 1.0, 0.0, 0.5]), Arg(value=[1000.0, -1000.0, 1000.0, 0.0])],
        check_grads=False,
        note="central differences at |logits| = 1000 lose all digits",
    ),
    OpCase(
        "weighted_xent",
        "lambda z, x: tf.nn.weighted_cross_entropy_with_logits(z, x, pos_weight=2.5)",
        [A(2, 3, low=0.0, high=1.0), A(2, 3, low=-4.0, high=4.0)],
    ),
    OpCase(
        "log_poisson_loss",
        "lambda z, c: tf.nn.log_poisson_loss(z, c)",
        [A(5, low=0.0, high=4.0), A(5)],
    ),
    OpCase(
        "log_poisson_loss_full",
        "lambda z, c: tf.nn.log_poisson_loss(z, c, compute_full_loss=True)",
        [Arg(value=[0.3, 0.8, 1.5, 2.5, 4.0]), A(5)],
    ),
    OpCase("l2_loss", "lambda x: tf.nn.l2_loss(x)", [A(2, 3)]),
    # -- normalization -------------------------------------------------------
    OpCase("bias_add", "lambda x, b: tf.nn.bias_add(x, b)", [A(2, 2, 3), A(3)]),
    OpCase(
        "bias_add_nchw",
        "lambda x, b: tf.nn.bias_add(x, b, data_format='NCHW')",
        [A(2, 3, 2, 2), A(3)],
    ),
    OpCase(
        "batch_normalization",
        "lambda x, m, v, o, s: tf.nn.batch_normalization(x, m, v, o, s, 1e-3)",
        [A(4, 3), A(3), A(3, low=0.5, high=2.0), A(3), A(3)],
    ),
    OpCase(
        "batch_normalization_no_affine",
        "lambda x, m, v: tf.nn.batch_normalization(x, m, v, None, None, 1e-3)",
        [A(4, 3), A(3), A(3, low=0.5, high=2.0)],
    ),
    OpCase("l2_normalize", "lambda x: tf.nn.l2_normalize(x, axis=1)", [A(2, 3)]),
    OpCase(
        "moments",
        "lambda x: tf.nn.moments(x, axes=[0, 1])",
        [A(3, 2, 2)],
        check_grads=False,
        note=MOMENTS,
    ),
    OpCase(
        "moments_keepdims",
        "lambda x: tf.nn.moments(x, axes=[1], keepdims=True)",
        [A(2, 3)],
        check_grads=False,
        note=MOMENTS,
    ),
    OpCase(
        "local_response_normalization",
        "lambda x: tf.nn.local_response_normalization(x, depth_radius=2, bias=1.5, alpha=0.3, "
        "beta=0.7)",
        [A(1, 2, 2, 5, dtype="float32")],
        second_order=False,
        forward=False,
        check_grads=False,  # LRN has no float64 kernel; test_nn_bad_input checks ours in float32
        note="TF registers no gradient for LRNGrad (its forward mode needs one too); "
        "check_grads covers ours",
        **F32,
    ),
    OpCase(
        "local_response_normalization_default",
        "lambda x: tf.nn.local_response_normalization(x)",
        [A(2, 1, 2, 3, dtype="float32")],
        second_order=False,
        forward=False,
        check_grads=False,  # LRN has no float64 kernel; test_nn_bad_input checks ours in float32
        note="TF registers no gradient for LRNGrad (its forward mode needs one too); "
        "check_grads covers ours",
        **F32,
    ),
    OpCase(
        "lrn_alias",
        "lambda x: tf.nn.lrn(x, 1, 0.5, 2.0, 0.75)",
        [A(1, 1, 2, 4, dtype="float32")],
        second_order=False,
        forward=False,
        check_grads=False,  # LRN has no float64 kernel; test_nn_bad_input checks ours in float32
        note="TF registers no gradient for LRNGrad (its forward mode needs one too); "
        "check_grads covers ours",
        **F32,
    ),
    # -- dropout: only the deterministic rate-0 path can be compared with TF --------------
    OpCase("dropout_rate_zero", "lambda x: tf.nn.dropout(x, rate=0.0) * 2.0", [M]),
    # -- embeddings ----------------------------------------------------------
    OpCase(
        "embedding_lookup_repeated_ids",
        "lambda p, ids: tf.nn.embedding_lookup(p, ids)",
        [A(4, 3), Arg(value=[[2, 0], [2, 3]], dtype="int32", differentiable=False)],
    ),
    OpCase(
        "embedding_lookup_max_norm",
        "lambda p, ids: tf.nn.embedding_lookup(p, ids, max_norm=1.5)",
        [A(3, 2), Arg(value=[1, 0, 1, 2], dtype="int64", differentiable=False)],
    ),
]
