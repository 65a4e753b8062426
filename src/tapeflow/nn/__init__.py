"""tf.nn: activations, losses, normalization, dropout, embeddings, convolutions, pooling.

Activations and losses are written as TensorFlow writes them (the same
composites, or primitives paired with TF's gradient kernels), so values,
gradients and second derivatives agree with TensorFlow's, including which
gradients are ``None`` and which are zeros. Convolutions and pooling take
TensorFlow's arguments (``strides``, ``padding`` as "SAME"/"VALID" or explicit
pairs, ``data_format``, ``dilations``) and call the channels-last primitives of
``ops/conv.py``; channels-first data is transposed around them.

>>> import tapeflow as tf
>>> print(tf.nn.relu(tf.constant([-1.0, 2.0])))
tf.Tensor([0. 2.], shape=(2,), dtype=float32)
>>> x = tf.ones([1, 4, 4, 1])
>>> tf.nn.conv2d(x, tf.ones([3, 3, 1, 2]), strides=1, padding="SAME").shape
TensorShape([1, 4, 4, 2])
"""

from .._lazy import lazy_getattr as _lazy_getattr
from ._activations import (
    crelu,
    elu,
    gelu,
    leaky_relu,
    log_softmax,
    relu,
    relu6,
    selu,
    sigmoid,
    silu,
    softmax,
    softplus,
    softsign,
    swish,
    tanh,
)
from ._argmax_pool import max_pool_with_argmax
from ._conv import (
    atrous_conv2d,
    conv1d,
    conv1d_transpose,
    conv2d,
    conv2d_transpose,
    conv3d,
    conv3d_transpose,
    conv_transpose,
    convolution,
    depthwise_conv2d,
    separable_conv2d,
)
from ._dropout import dropout, embedding_lookup
from ._losses import (
    l2_loss,
    log_poisson_loss,
    sigmoid_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits,
    sparse_softmax_cross_entropy_with_logits,
    weighted_cross_entropy_with_logits,
)
from ._more import (
    atrous_conv2d_transpose,
    batch_norm_with_global_normalization,
    collapse_repeated,
    compute_average_loss,
    ctc_unique_labels,
    depth_to_space,
    depthwise_conv2d_backprop_filter,
    depthwise_conv2d_backprop_input,
    dilation2d,
    erosion2d,
    isotonic_regression,
    normalize_moments,
    scale_regularization_loss,
    space_to_depth,
    sufficient_statistics,
    weighted_moments,
    with_space_to_batch,
)
from ._normalization import (
    batch_normalization,
    bias_add,
    l2_normalize,
    local_response_normalization,
    lrn,
    moments,
)
from ._pool import (
    avg_pool,
    avg_pool1d,
    avg_pool2d,
    avg_pool3d,
    max_pool,
    max_pool1d,
    max_pool2d,
    max_pool3d,
    pool,
)

__all__ = [
    "all_candidate_sampler",
    "atrous_conv2d",
    "avg_pool",
    "avg_pool1d",
    "avg_pool2d",
    "avg_pool3d",
    "batch_normalization",
    "bias_add",
    "compute_accidental_hits",
    "conv1d",
    "conv1d_transpose",
    "conv2d",
    "conv2d_transpose",
    "conv3d",
    "conv3d_transpose",
    "conv_transpose",
    "convolution",
    "crelu",
    "ctc_beam_search_decoder",
    "ctc_greedy_decoder",
    "ctc_loss",
    "depthwise_conv2d",
    "dropout",
    "elu",
    "fixed_unigram_candidate_sampler",
    "embedding_lookup",
    "fractional_avg_pool",
    "fractional_max_pool",
    "gelu",
    "l2_loss",
    "learned_unigram_candidate_sampler",
    "l2_normalize",
    "leaky_relu",
    "local_response_normalization",
    "log_poisson_loss",
    "log_softmax",
    "lrn",
    "max_pool",
    "max_pool1d",
    "max_pool2d",
    "max_pool3d",
    "moments",
    "nce_loss",
    "pool",
    "relu",
    "relu6",
    "sampled_softmax_loss",
    "selu",
    "separable_conv2d",
    "sigmoid",
    "sigmoid_cross_entropy_with_logits",
    "silu",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "softplus",
    "softsign",
    "sparse_softmax_cross_entropy_with_logits",
    "swish",
    "tanh",
    "weighted_cross_entropy_with_logits",
]

# TF's RNN cell wrappers are Keras layers: they load (with Keras) on first use.
_KERAS_WRAPPERS = {
    "RNNCellDeviceWrapper": "DeviceWrapper",
    "RNNCellDropoutWrapper": "DropoutWrapper",
    "RNNCellResidualWrapper": "ResidualWrapper",
}
__all__ += list(_KERAS_WRAPPERS)


# CTC, fractional pools and sampled losses load on first use.
_LAZY = {name: "._ctc" for name in ("ctc_beam_search_decoder", "ctc_greedy_decoder", "ctc_loss")}
_LAZY.update({name: "._fractional" for name in ("fractional_avg_pool", "fractional_max_pool")})
_LAZY.update(
    {
        name: "._sampling"
        for name in (
            "all_candidate_sampler",
            "compute_accidental_hits",
            "fixed_unigram_candidate_sampler",
            "learned_unigram_candidate_sampler",
            "nce_loss",
            "sampled_softmax_loss",
        )
    }
)
_lazy_module_getattr = _lazy_getattr(__name__, _LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return _lazy_module_getattr(name)
    if name in _KERAS_WRAPPERS:
        from ..keras.layers import rnn_wrappers

        value = getattr(rnn_wrappers, _KERAS_WRAPPERS[name])
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow.nn' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_KERAS_WRAPPERS) | set(_LAZY))
