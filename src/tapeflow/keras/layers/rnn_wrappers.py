"""TF's ``tf.nn.RNNCell*Wrapper`` trio: a Keras cell wrapped with dropout, a residual or a device.

TF 2.21 builds these from its legacy Keras module (deprecated, with a warning on first use) and they
take a Keras 3 cell. Calling one runs ``cell.call(inputs, states, training=...)`` and returns
``(output, new_states)``; ``state_size`` and ``output_size`` are the cell's.

Like TF's, the dropout wrapper drops on every call, whatever ``training`` says (the legacy wrapper
predates Keras's training flag); ``training`` is only passed on to the cell.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import tapeflow as tf

from .._utils import TensorLike
from .base import Layer

_warned: set[str] = set()


def _warn_deprecated(kind: str) -> None:
    # TF's @deprecated logs once per class per process.
    if kind in _warned:
        return
    _warned.add(kind)
    tf.get_logger().warning(
        f"{kind}.__init__ (from tensorflow.python.keras.layers.rnn_cell_wrapper_v2) is "
        "deprecated and will be removed in a future version.\n"
        "Instructions for updating:\nPlease use tf.keras.layers.RNN instead."
    )


class _CellWrapper(Layer):
    def __init__(self, cell: Any, **kwargs: Any) -> None:
        _warn_deprecated(type(self).__name__)
        super().__init__(**kwargs)
        self.cell = cell

    @property
    def state_size(self) -> Any:
        """The wrapped cell's ``state_size``.

        >>> tf.nn.RNNCellResidualWrapper(tf.keras.layers.LSTMCell(4)).state_size
        [4, 4]
        """
        return self.cell.state_size

    @property
    def output_size(self) -> Any:
        """The wrapped cell's ``output_size``.

        >>> tf.nn.RNNCellResidualWrapper(tf.keras.layers.GRUCell(4)).output_size
        4
        """
        return self.cell.output_size

    def build(self, input_shape: Any) -> None:
        """Build the wrapped cell for ``input_shape`` (a cell built already is kept).

        >>> wrapper = tf.nn.RNNCellDeviceWrapper(tf.keras.layers.SimpleRNNCell(2), "/cpu:0")
        >>> wrapper.build((None, 3))
        >>> wrapper.cell.kernel.shape
        TensorShape([3, 2])
        """
        if not self.cell.built:
            self.cell.build(input_shape)
        self.built = True

    def call(self, inputs: TensorLike, states: Any, training: bool | None = None) -> Any:
        """One step of the wrapped cell: ``(output, new_states)``.

        >>> wrapper = tf.nn.RNNCellResidualWrapper(tf.keras.layers.SimpleRNNCell(2))
        >>> output, states = wrapper(tf.ones((1, 2)), [tf.zeros((1, 2))])
        >>> output.shape, states[0].shape
        (TensorShape([1, 2]), TensorShape([1, 2]))
        """
        return self._step(inputs, states, training)

    def _step(self, inputs: Any, states: Any, training: Any) -> Any:
        return self.cell.call(inputs, states, training=training)

    def get_config(self) -> dict:
        """The layer's config plus the cell's class name and config.

        >>> wrapper = tf.nn.RNNCellDeviceWrapper(tf.keras.layers.GRUCell(2), "/cpu:0")
        >>> wrapper.get_config()["cell"]["class_name"], wrapper.get_config()["device"]
        ('GRUCell', '/cpu:0')
        """
        config = super().get_config()
        config["cell"] = {"class_name": type(self.cell).__name__, "config": self.cell.get_config()}
        return config


def _keep_prob(name: str, prob: Any) -> float:
    value = float(tf.get_static_value(tf.convert_to_tensor(prob)))
    if value < 0 or value > 1:
        # TF formats the value with %d.
        raise ValueError(f"Parameter {name} must be between 0 and 1: {int(value)}")
    return value


def _default_state_filter(substate: Any) -> bool:
    # Keras 3 cells keep states in lists, so every state term is dropped (the legacy
    # LSTMStateTuple exemption of ``c`` never applies).
    return True


def _traverse(visitor: Callable, value: Any) -> Any:
    """Which parts of ``value`` to drop: a bool per leaf or per untraversed substructure."""
    decision = visitor(value)
    if not isinstance(value, (list, tuple)):
        if not isinstance(decision, bool):
            raise TypeError(
                f"dropout_state_filter_visitor returned a non-bool for a leaf: {decision!r}"
            )
        return decision
    if isinstance(decision, bool):
        return [_traverse(visitor, v) for v in value] if decision else False
    decisions = list(decision)
    if len(decisions) != len(value):
        raise ValueError(
            "dropout_state_filter_visitor must return a bool or a structure of bools of the "
            f"same length as the state: got {decision!r}"
        )
    return [_traverse(visitor, v) if d else False for d, v in zip(decisions, value)]


def _map_leaves(shallow: Any, fn: Callable, value: Any, counter: list) -> Any:
    if isinstance(shallow, list):
        mapped = [_map_leaves(s, fn, v, counter) for s, v in zip(shallow, value)]
        return type(value)(mapped) if isinstance(value, tuple) else mapped
    index = counter[0]
    counter[0] += 1
    return fn(index, value) if shallow else value


def _leaves(structure: Any) -> list:
    if isinstance(structure, (list, tuple)):
        return [leaf for part in structure for leaf in _leaves(part)]
    return [structure]


class DropoutWrapper(_CellWrapper):
    """Dropout on a cell's inputs, outputs and states (TF's ``tf.nn.RNNCellDropoutWrapper``).

    Each keep probability is a float in [0, 1]; 1 adds no dropout there. Kept values scale by
    ``1 / keep_prob``. With ``variational_recurrent`` one mask is drawn at construction and reused on
    every call (it needs ``dtype``, and ``input_size`` when inputs are dropped).

    >>> cell = tf.nn.RNNCellDropoutWrapper(tf.keras.layers.SimpleRNNCell(4), output_keep_prob=0.5,
    ...                                    seed=1)
    >>> output, _ = cell(tf.ones((2, 3)), [tf.zeros((2, 4))])
    >>> output.shape
    TensorShape([2, 4])
    """

    def __init__(
        self,
        cell: Any,
        input_keep_prob: float = 1.0,
        output_keep_prob: float = 1.0,
        state_keep_prob: float = 1.0,
        variational_recurrent: bool = False,
        input_size: Any = None,
        dtype: Any = None,
        seed: int | None = None,
        dropout_state_filter_visitor: Callable | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(cell, dtype=dtype, **kwargs)
        if dropout_state_filter_visitor is not None and not callable(dropout_state_filter_visitor):
            raise TypeError("dropout_state_filter_visitor must be callable")
        self._dropout_state_filter = dropout_state_filter_visitor or _default_state_filter
        self._input_keep_prob = _keep_prob("input_keep_prob", input_keep_prob)
        self._state_keep_prob = _keep_prob("state_keep_prob", state_keep_prob)
        self._output_keep_prob = _keep_prob("output_keep_prob", output_keep_prob)
        self._variational_recurrent = variational_recurrent
        self._input_size = input_size
        self._seed = seed
        self._input_noise: Any = None
        self._state_noise: Any = None
        self._output_noise: Any = None
        if variational_recurrent:
            if dtype is None:
                raise ValueError("When variational_recurrent=True, dtype must be provided")
            if self._input_keep_prob < 1.0:
                if input_size is None:
                    raise ValueError(
                        "When variational_recurrent=True and input_keep_prob < 1.0 or "
                        "is unknown, input_size must be provided"
                    )
                self._input_noise = self._noise(input_size, "input", dtype)
            self._state_noise = self._noise(cell.state_size, "state", dtype)
            self._output_noise = self._noise(cell.output_size, "output", dtype)

    def _noise(self, sizes: Any, salt: str, dtype: Any) -> list:
        return [
            tf.random.uniform(
                [1, *tf.TensorShape(size).as_list()], seed=self._gen_seed(salt, i), dtype=dtype
            )
            for i, size in enumerate(_leaves(sizes))
        ]

    def _gen_seed(self, salt_prefix: str, index: int) -> int | None:
        # TF's per-tensor seed: an md5 of the seed and a salt, so each tensor has its own stream.
        if self._seed is None:
            return None
        text = f"{self._seed}{salt_prefix}_{index}".encode()
        return int(hashlib.md5(text).hexdigest()[:8], 16) & 0x7FFFFFFF

    def _dropout(self, values: Any, salt: str, noise: Any, keep_prob: float, shallow: Any) -> Any:
        def drop(index: int, value: Any) -> Any:
            if noise is None:
                return tf.nn.dropout(value, rate=1.0 - keep_prob, seed=self._gen_seed(salt, index))
            return tf.math.divide(value, keep_prob) * tf.floor(keep_prob + noise[index])

        return _map_leaves(shallow, drop, values, [0])

    def _step(self, inputs: Any, states: Any, training: Any) -> Any:
        if self._input_keep_prob < 1:
            inputs = self._dropout(
                inputs, "input", self._input_noise, self._input_keep_prob, _shallow_all(inputs)
            )
        output, new_states = self.cell.call(inputs, states, training=training)
        if self._state_keep_prob < 1:
            shallow = _traverse(self._dropout_state_filter, new_states)
            new_states = self._dropout(
                new_states, "state", self._state_noise, self._state_keep_prob, shallow
            )
        if self._output_keep_prob < 1:
            output = self._dropout(
                output, "output", self._output_noise, self._output_keep_prob, _shallow_all(output)
            )
        return output, new_states

    @property
    def wrapped_cell(self) -> Any:
        """The cell inside.

        >>> cell = tf.keras.layers.GRUCell(2)
        >>> tf.nn.RNNCellDropoutWrapper(cell).wrapped_cell is cell
        True
        """
        return self.cell

    def get_config(self) -> dict:
        """The keep probabilities, ``variational_recurrent``, ``input_size`` and ``seed``.

        >>> config = tf.nn.RNNCellDropoutWrapper(tf.keras.layers.GRUCell(2), 0.5).get_config()
        >>> config["input_keep_prob"], config["state_keep_prob"]
        (0.5, 1.0)
        """
        config = super().get_config()
        config.update(
            input_keep_prob=self._input_keep_prob,
            output_keep_prob=self._output_keep_prob,
            state_keep_prob=self._state_keep_prob,
            variational_recurrent=self._variational_recurrent,
            input_size=self._input_size,
            seed=self._seed,
        )
        if self._dropout_state_filter is not _default_state_filter:
            function = self._dropout_state_filter
            config.update(
                dropout_fn=getattr(function, "__name__", repr(function)),
                dropout_fn_type="function",
                dropout_fn_module=getattr(function, "__module__", None),
            )
        return config


def _shallow_all(structure: Any) -> Any:
    if isinstance(structure, (list, tuple)):
        return [_shallow_all(part) for part in structure]
    return True


class ResidualWrapper(_CellWrapper):
    """Adds a cell's inputs to its outputs (TF's ``tf.nn.RNNCellResidualWrapper``).

    ``residual_fn(inputs, outputs)`` replaces the default ``inputs + outputs``.

    >>> cell = tf.nn.RNNCellResidualWrapper(tf.keras.layers.SimpleRNNCell(
    ...     2, kernel_initializer="zeros", recurrent_initializer="zeros"))
    >>> output, _ = cell(tf.constant([[1.0, 2.0]]), [tf.zeros((1, 2))])
    >>> output.numpy().tolist()
    [[1.0, 2.0]]
    """

    def __init__(self, cell: Any, residual_fn: Callable | None = None, **kwargs: Any) -> None:
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def _step(self, inputs: Any, states: Any, training: Any) -> Any:
        outputs, new_states = self.cell.call(inputs, states, training=training)
        if self._residual_fn is not None:
            return self._residual_fn(inputs, outputs), new_states
        if not tf.TensorShape(inputs.shape).is_compatible_with(outputs.shape):
            raise ValueError(f"Shapes {inputs.shape} and {outputs.shape} are incompatible")
        return inputs + outputs, new_states

    def get_config(self) -> dict:
        """The cell's config, and ``residual_fn``'s name and module when one is set.

        >>> config = tf.nn.RNNCellResidualWrapper(tf.keras.layers.GRUCell(2)).get_config()
        >>> sorted(config)
        ['cell', 'dtype', 'name', 'trainable']
        """
        config = super().get_config()
        if self._residual_fn is not None:
            function = self._residual_fn
            config.update(
                residual_fn=getattr(function, "__name__", repr(function)),
                residual_fn_type="lambda" if function.__name__ == "<lambda>" else "function",
                residual_fn_module=getattr(function, "__module__", None),
            )
        return config


class DeviceWrapper(_CellWrapper):
    """Runs a cell under ``tf.device(device)`` (TF's ``tf.nn.RNNCellDeviceWrapper``).

    >>> cell = tf.nn.RNNCellDeviceWrapper(tf.keras.layers.LSTMCell(2), "/cpu:0")
    >>> output, (h, c) = cell(tf.ones((1, 3)), [tf.zeros((1, 2)), tf.zeros((1, 2))])
    >>> output.shape, c.shape
    (TensorShape([1, 2]), TensorShape([1, 2]))
    """

    def __init__(self, cell: Any, device: Any, **kwargs: Any) -> None:
        super().__init__(cell, **kwargs)
        self._device = device

    def _step(self, inputs: Any, states: Any, training: Any) -> Any:
        with tf.device(self._device):
            return self.cell.call(inputs, states, training=training)

    def get_config(self) -> dict:
        """The cell's config and ``device``.

        >>> tf.nn.RNNCellDeviceWrapper(tf.keras.layers.GRUCell(2), "/cpu:0").get_config()["device"]
        '/cpu:0'
        """
        config = super().get_config()
        config["device"] = self._device
        return config
