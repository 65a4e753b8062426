"""Keras layer cases run identically by real Keras 3 (recording) and tapeflow (testing).

Each case builds a layer from the ``keras`` module it is given, an input, and
call keywords. Weights are then set to fixed values (``fixed_weights``), so
outputs and gradients are comparable across implementations.
"""

from __future__ import annotations

import numpy as np


def fixed_array(shape, salt: int) -> np.ndarray:
    """Deterministic values in about [-0.6, 0.6] for a given shape."""
    n = int(np.prod(shape)) if shape else 1
    values = 0.6 * np.sin(np.arange(n) * 0.7 + salt * 1.3 + 0.1)
    return values.reshape(shape).astype(np.float32)


def fixed_weights(layer) -> list:
    weights = []
    for i, w in enumerate(layer.weights):
        value = fixed_array(tuple(w.shape), i + 1)
        if "variance" in w.path:
            value = np.abs(value) + 0.5
        weights.append(value)
    return weights


def _x(*shape, salt=0):
    return fixed_array(shape, salt) * 2.0


def _ids(*shape):
    return (np.arange(int(np.prod(shape))) * 7 % 5).reshape(shape).astype(np.int32)


def cases(keras) -> dict:
    L = keras.layers
    return {
        "dense": lambda: (L.Dense(3), _x(4, 5), {}),
        "dense_relu_nobias": lambda: (L.Dense(2, activation="relu", use_bias=False), _x(3, 4), {}),
        "dense_rank3": lambda: (L.Dense(2, activation="tanh"), _x(2, 3, 4), {}),
        "conv1d_valid": lambda: (L.Conv1D(3, 3), _x(2, 7, 2), {}),
        "conv1d_causal_dilated": lambda: (
            L.Conv1D(2, 2, padding="causal", dilation_rate=2),
            _x(2, 6, 3),
            {},
        ),
        "conv1d_same_stride": lambda: (L.Conv1D(2, 3, strides=2, padding="same"), _x(1, 7, 2), {}),
        "conv2d_valid": lambda: (L.Conv2D(3, 3, activation="relu"), _x(2, 5, 5, 2), {}),
        "conv2d_same_stride": lambda: (
            L.Conv2D(2, (3, 2), strides=2, padding="same"),
            _x(1, 6, 5, 3),
            {},
        ),
        "conv2d_dilated": lambda: (L.Conv2D(2, 2, dilation_rate=2), _x(1, 6, 6, 2), {}),
        "conv2d_transpose_valid": lambda: (L.Conv2DTranspose(2, 3), _x(1, 3, 4, 2), {}),
        "conv2d_transpose_same_stride": lambda: (
            L.Conv2DTranspose(3, 3, strides=2, padding="same"),
            _x(2, 3, 3, 2),
            {},
        ),
        "conv2d_transpose_valid_stride": lambda: (
            L.Conv2DTranspose(2, 2, strides=3),
            _x(1, 2, 3, 1),
            {},
        ),
        "depthwise_conv2d": lambda: (L.DepthwiseConv2D(3, depth_multiplier=2), _x(2, 5, 5, 2), {}),
        "depthwise_conv2d_same": lambda: (
            L.DepthwiseConv2D(2, strides=2, padding="same"),
            _x(1, 5, 4, 3),
            {},
        ),
        "max_pool1d": lambda: (L.MaxPooling1D(2), _x(2, 7, 3), {}),
        "max_pool2d": lambda: (L.MaxPooling2D(), _x(2, 5, 4, 3), {}),
        "max_pool2d_same": lambda: (
            L.MaxPooling2D(3, strides=2, padding="same"),
            _x(1, 5, 5, 2),
            {},
        ),
        "avg_pool1d_same": lambda: (
            L.AveragePooling1D(3, strides=2, padding="same"),
            _x(2, 7, 2),
            {},
        ),
        "avg_pool2d": lambda: (L.AveragePooling2D((2, 3)), _x(1, 4, 6, 2), {}),
        "global_avg_pool1d": lambda: (L.GlobalAveragePooling1D(), _x(2, 5, 3), {}),
        "global_avg_pool2d": lambda: (L.GlobalAveragePooling2D(), _x(2, 3, 4, 3), {}),
        "global_max_pool2d": lambda: (L.GlobalMaxPooling2D(), _x(2, 3, 4, 3), {}),
        "flatten": lambda: (L.Flatten(), _x(2, 3, 4), {}),
        "reshape": lambda: (L.Reshape((2, -1)), _x(3, 4, 2), {}),
        "permute": lambda: (L.Permute((2, 1)), _x(2, 3, 4), {}),
        "dropout_inference": lambda: (L.Dropout(0.5), _x(4, 3), {}),
        "dropout_training_rate0": lambda: (L.Dropout(0.0), _x(4, 3), {"training": True}),
        "batch_norm_inference": lambda: (L.BatchNormalization(), _x(5, 3), {}),
        "batch_norm_training": lambda: (
            L.BatchNormalization(momentum=0.9),
            _x(6, 3),
            {"training": True},
        ),
        "batch_norm_conv_training": lambda: (
            L.BatchNormalization(epsilon=0.01),
            _x(2, 3, 3, 2),
            {"training": True},
        ),
        "batch_norm_axis1": lambda: (L.BatchNormalization(axis=1), _x(4, 3, 2), {"training": True}),
        "layer_norm": lambda: (L.LayerNormalization(), _x(4, 5), {}),
        "layer_norm_rank3": lambda: (L.LayerNormalization(epsilon=1e-5), _x(2, 3, 4), {}),
        "embedding": lambda: (L.Embedding(5, 3), _ids(2, 4), {}),
        "simple_rnn": lambda: (L.SimpleRNN(3), _x(2, 4, 3), {}),
        "simple_rnn_sequences_state": lambda: (
            L.SimpleRNN(2, return_sequences=True, return_state=True),
            _x(2, 3, 3),
            {},
        ),
        "lstm": lambda: (L.LSTM(3), _x(2, 4, 3), {}),
        "lstm_sequences_state": lambda: (
            L.LSTM(2, return_sequences=True, return_state=True),
            _x(3, 3, 2),
            {},
        ),
        "lstm_backwards": lambda: (L.LSTM(2, go_backwards=True), _x(2, 4, 3), {}),
        "gru": lambda: (L.GRU(3), _x(2, 4, 3), {}),
        "gru_sequences_state": lambda: (
            L.GRU(2, return_sequences=True, return_state=True),
            _x(2, 3, 2),
            {},
        ),
        "activation_softmax": lambda: (L.Activation("softmax"), _x(3, 4), {}),
        "relu": lambda: (L.ReLU(), _x(3, 4), {}),
        "relu_capped_slope": lambda: (
            L.ReLU(max_value=0.5, negative_slope=0.1, threshold=0.2),
            _x(3, 4),
            {},
        ),
        "leaky_relu": lambda: (L.LeakyReLU(), _x(3, 4), {}),
        "leaky_relu_slope": lambda: (L.LeakyReLU(negative_slope=0.05), _x(3, 4), {}),
        "softmax": lambda: (L.Softmax(), _x(3, 4), {}),
        "softmax_axis1": lambda: (L.Softmax(axis=1), _x(2, 3, 4), {}),
        "concatenate": lambda: (L.Concatenate(), [_x(2, 3), _x(2, 2, salt=1)], {}),
        "concatenate_axis1": lambda: (
            L.Concatenate(axis=1),
            [_x(2, 1, 3), _x(2, 2, 3, salt=1)],
            {},
        ),
        "add": lambda: (L.Add(), [_x(2, 3), _x(2, 3, salt=1), _x(2, 3, salt=2)], {}),
        "multiply": lambda: (L.Multiply(), [_x(2, 3), _x(2, 3, salt=1)], {}),
        "lambda_square": lambda: (L.Lambda(lambda t: t * t + 1.0), _x(2, 3), {}),
    }


def run_case(tf, keras, name: str) -> dict:
    """Outputs and gradients (of a weighted sum) with respect to inputs and weights."""
    keras.backend.clear_session()
    layer, inputs, kwargs = cases(keras)[name]()
    tensors = [tf.constant(v) for v in inputs] if isinstance(inputs, list) else tf.constant(inputs)
    layer(tensors, **{k: v for k, v in kwargs.items() if k != "training"})  # build
    layer.set_weights(fixed_weights(layer))
    flat_inputs = tensors if isinstance(tensors, list) else [tensors]
    float_inputs = [t for t in flat_inputs if t.dtype.is_floating]
    with tf.GradientTape() as tape:
        for t in float_inputs:
            tape.watch(t)
        out = layer(tensors, **kwargs)
        outs = out if isinstance(out, (list, tuple)) else [out]
        total = 0.0
        for i, o in enumerate(outs):
            total = total + tf.reduce_sum(o * fixed_array(tuple(o.shape), 10 + i))
    weights = list(layer.trainable_weights)
    grads = tape.gradient(total, float_inputs + weights)
    return {
        "outputs": [o.numpy().tolist() for o in outs],
        "input_grads": [g.numpy().tolist() for g in grads[: len(float_inputs)]],
        "weight_grads": [
            None if g is None else tf.convert_to_tensor(g).numpy().tolist()
            for g in grads[len(float_inputs) :]
        ],
        "weights_after": [w.numpy().tolist() for w in layer.weights],
        "paths": [w.path for w in layer.weights],
        "trainable": [bool(w.trainable) for w in layer.weights],
        "count_params": int(layer.count_params()),
    }
