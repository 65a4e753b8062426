"""tf.nn.RNNCell*Wrapper cases with fixed weights, shared by TF (golden) and tapeflow (tests).

Each case takes the ``tf`` module and returns a dict of name -> array-like.
Only deterministic behaviour is here: dropout with every keep probability at 1.
"""

from __future__ import annotations

import numpy as np


def _cell(tf, units: int = 3):
    return tf.keras.layers.LSTMCell(units)


def _set_weights(cell, units: int = 3, width: int = 3):
    # The wrapper builds the cell (TF's wrapper rebuilds a built one, which Keras 3 refuses).
    rng = np.random.default_rng(7)
    cell.kernel.assign(rng.uniform(-0.5, 0.5, (width, 4 * units)).astype("float32"))
    cell.recurrent_kernel.assign(rng.uniform(-0.5, 0.5, (units, 4 * units)).astype("float32"))
    cell.bias.assign(rng.uniform(-0.1, 0.1, (4 * units,)).astype("float32"))


def _inputs(tf, width: int = 3):
    rng = np.random.default_rng(3)
    x = tf.constant(rng.normal(size=(2, width)).astype("float32"))
    h = tf.constant(rng.normal(size=(2, 3)).astype("float32"))
    c = tf.constant(rng.normal(size=(2, 3)).astype("float32"))
    return x, [h, c]


def _run(tf, wrapper, cell, width: int = 3, **call_kwargs):
    x, states = _inputs(tf, width)
    wrapper(x, states)
    _set_weights(cell, width=width)
    with tf.GradientTape() as tape:
        tape.watch(x)
        output, new_states = wrapper(x, states, **call_kwargs)
        loss = tf.reduce_sum(output * output) + tf.reduce_sum(new_states[1])
    dx, dkernel, dbias = tape.gradient(loss, [x, cell.kernel, cell.bias])
    return {
        "output": output,
        "h": new_states[0],
        "c": new_states[1],
        "dx": dx,
        "dkernel": dkernel,
        "dbias": dbias,
        "state_size": np.asarray(wrapper.state_size),
        "output_size": np.asarray(wrapper.output_size),
    }


def residual_default(tf):
    cell = _cell(tf)
    return _run(tf, tf.nn.RNNCellResidualWrapper(cell), cell)


def residual_fn(tf):
    cell = _cell(tf)
    wrapper = tf.nn.RNNCellResidualWrapper(cell, residual_fn=lambda i, o: i * 2.0 - o)
    return _run(tf, wrapper, cell)


def device(tf):
    cell = _cell(tf)
    return _run(tf, tf.nn.RNNCellDeviceWrapper(cell, "/cpu:0"), cell)


def dropout_keep_all(tf):
    cell = _cell(tf)
    return _run(tf, tf.nn.RNNCellDropoutWrapper(cell, seed=1), cell)


def dropout_keep_all_training(tf):
    cell = _cell(tf)
    wrapper = tf.nn.RNNCellDropoutWrapper(cell, 1.0, 1.0, 1.0, seed=1)
    return _run(tf, wrapper, cell, training=True)


def dropout_variational_keep_all(tf):
    cell = _cell(tf)
    wrapper = tf.nn.RNNCellDropoutWrapper(
        cell, variational_recurrent=True, input_size=3, dtype=tf.float32
    )
    return _run(tf, wrapper, cell, training=False)


def plain_cell(tf):
    cell = _cell(tf)
    return _run(tf, cell, cell)


CASES = {
    f.__name__: f
    for f in (
        residual_default,
        residual_fn,
        device,
        dropout_keep_all,
        dropout_keep_all_training,
        dropout_variational_keep_all,
        plain_cell,
    )
}


def errors(tf):
    """(label, thunk) pairs whose exception class and message are recorded."""
    lstm = tf.keras.layers.LSTMCell
    out = []
    for kw in ({"output_keep_prob": 1.5}, {"state_keep_prob": -1}, {"input_keep_prob": 2.0}):
        out.append((f"keep_{kw}", lambda kw=kw: tf.nn.RNNCellDropoutWrapper(lstm(3), **kw)))
    out.append(
        (
            "variational_no_dtype",
            lambda: tf.nn.RNNCellDropoutWrapper(lstm(3), variational_recurrent=True),
        )
    )
    out.append(
        (
            "variational_no_input_size",
            lambda: tf.nn.RNNCellDropoutWrapper(
                lstm(3), input_keep_prob=0.5, variational_recurrent=True, dtype=tf.float32
            ),
        )
    )
    out.append(
        (
            "filter_not_callable",
            lambda: tf.nn.RNNCellDropoutWrapper(lstm(3), dropout_state_filter_visitor=3),
        )
    )
    return out
