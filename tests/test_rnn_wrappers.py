"""tf.nn.RNNCell*Wrapper: TF golden values (rnn_wrapper.json) and dropout's statistics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN = Path(__file__).parent / "golden"
sys.path.insert(0, str(GOLDEN))
from rnn_wrapper_cases import CASES, errors  # noqa: E402

RECORDED = json.loads((GOLDEN / "rnn_wrapper.json").read_text())


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_tf(name: str) -> None:
    got = CASES[name](tf)
    for key, want in RECORDED["cases"][name].items():
        array = np.asarray(got[key])
        assert list(array.shape) == want["shape"], key
        np.testing.assert_allclose(array.ravel(), want["values"], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("label,thunk", errors(tf), ids=lambda v: v if isinstance(v, str) else "")
def test_errors_as_tf(label: str, thunk) -> None:
    kind, message = RECORDED["errors"][label]
    with pytest.raises(Exception) as info:
        thunk()
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def _cell_and_state(units: int = 4):
    cell = tf.keras.layers.SimpleRNNCell(
        units,
        kernel_initializer="identity",
        activation=None,
        recurrent_initializer="zeros",
        use_bias=False,
    )
    return cell, [tf.zeros((500, units))]


def test_input_dropout_drops_and_scales() -> None:
    cell, states = _cell_and_state()
    wrapper = tf.nn.RNNCellDropoutWrapper(cell, input_keep_prob=0.25, seed=3)
    output, _ = wrapper(tf.ones((500, 4)), states)
    values = output.numpy()
    assert set(np.unique(values)) <= {0.0, 4.0}
    assert abs((values != 0).mean() - 0.25) < 0.05
    # Dropout runs whatever ``training`` says, as TF's legacy wrapper does.
    output, _ = wrapper(tf.ones((500, 4)), states, training=False)
    assert (output.numpy() == 0).any()


def test_state_dropout_follows_the_filter() -> None:
    cell = tf.keras.layers.LSTMCell(3)
    states = [tf.ones((200, 3)), tf.ones((200, 3))]
    wrapper = tf.nn.RNNCellDropoutWrapper(
        cell,
        state_keep_prob=0.5,
        seed=1,
        dropout_state_filter_visitor=lambda s: [True, False] if isinstance(s, list) else True,
    )
    plain_h, plain_c = wrapper.cell(tf.ones((200, 2)), states)[1]
    _, (h, c) = wrapper(tf.ones((200, 2)), states)
    np.testing.assert_allclose(c.numpy(), plain_c.numpy(), rtol=1e-6)
    dropped = h.numpy() == 0
    assert 0.3 < dropped.mean() < 0.7
    np.testing.assert_allclose(h.numpy()[~dropped], 2 * plain_h.numpy()[~dropped], rtol=1e-5)
    assert wrapper.get_config()["dropout_fn_type"] == "function"


def test_variational_mask_is_fixed_across_calls() -> None:
    cell, states = _cell_and_state()
    wrapper = tf.nn.RNNCellDropoutWrapper(
        cell, output_keep_prob=0.5, variational_recurrent=True, dtype=tf.float32, seed=5
    )
    first, _ = wrapper(tf.ones((500, 4)), states)
    second, _ = wrapper(tf.ones((500, 4)), states)
    np.testing.assert_array_equal(first.numpy(), second.numpy())
    # One mask of shape [1, units]: every row is dropped alike.
    assert (first.numpy() == first.numpy()[:1]).all()


def test_seeded_dropout_repeats_and_fresh_calls_differ() -> None:
    def run(seed):
        cell, states = _cell_and_state()
        wrapper = tf.nn.RNNCellDropoutWrapper(cell, output_keep_prob=0.5, seed=seed)
        return [wrapper(tf.ones((500, 4)), states)[0].numpy() for _ in range(2)]

    tf.random.set_seed(11)
    a = run(2)
    tf.random.set_seed(11)
    b = run(2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], a[1])


def test_config_and_sizes() -> None:
    wrapper = tf.nn.RNNCellDropoutWrapper(tf.keras.layers.LSTMCell(3), 0.5, seed=1)
    config = wrapper.get_config()
    assert config["name"].startswith("dropout_wrapper")
    assert config["cell"]["class_name"] == "LSTMCell"
    assert (config["input_keep_prob"], config["output_keep_prob"], config["seed"]) == (0.5, 1.0, 1)
    assert wrapper.state_size == [3, 3] and wrapper.output_size == 3
    device = tf.nn.RNNCellDeviceWrapper(tf.keras.layers.LSTMCell(3), "/cpu:0")
    assert device.get_config()["device"] == "/cpu:0"
    residual = tf.nn.RNNCellResidualWrapper(tf.keras.layers.LSTMCell(3), residual_fn=lambda i, o: o)
    assert residual.get_config()["residual_fn_type"] == "lambda"


def test_residual_shape_mismatch() -> None:
    wrapper = tf.nn.RNNCellResidualWrapper(tf.keras.layers.LSTMCell(4))
    with pytest.raises(ValueError, match="are incompatible"):
        wrapper(tf.ones((2, 3)), [tf.zeros((2, 4)), tf.zeros((2, 4))])


def test_wrappers_load_lazily() -> None:
    code = "import sys, tapeflow as tf; assert 'tapeflow.keras' not in sys.modules; tf.nn.RNNCellDeviceWrapper; assert 'tapeflow.keras' in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
