"""Recurrent layers: SimpleRNN, LSTM, GRU (with their cells).

A layer runs its cell over the time axis in Python; the weights live in the
cell (paths like ``lstm/lstm_cell/kernel``), laid out as in Keras 3: LSTM
gates in the order input, forget, cell, output; GRU in update, reset, new.

>>> import tapeflow as tf
>>> out, h, c = tf.keras.layers.LSTM(3, return_state=True)(tf.ones((2, 5, 4)))
>>> out.shape, c.shape
(TensorShape([2, 3]), TensorShape([2, 3]))
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np

import tapeflow as tf

from .. import _resolve
from .._utils import TensorLike
from .._variable import Variable
from .base import Layer


class _Cell(Layer):
    gates = 1

    def __init__(
        self,
        units: int,
        activation: Any = "tanh",
        recurrent_activation: Any = "sigmoid",
        use_bias: bool = True,
        kernel_initializer: Any = "glorot_uniform",
        recurrent_initializer: Any = "orthogonal",
        bias_initializer: Any = "zeros",
        kernel_regularizer: Any = None,
        recurrent_regularizer: Any = None,
        bias_regularizer: Any = None,
        **kwargs: Any,
    ) -> None:
        dropout = kwargs.pop("dropout", 0.0)
        recurrent_dropout = kwargs.pop("recurrent_dropout", 0.0)
        self.seed = kwargs.pop("seed", None)
        implementation = kwargs.pop("implementation", 2)
        for key in (
            "unit_forget_bias",
            "reset_after",
            "kernel_constraint",
            "recurrent_constraint",
            "bias_constraint",
        ):
            kwargs.pop(key, None)
        super().__init__(**kwargs)
        if not isinstance(units, int) or units <= 0:
            raise ValueError(
                "Received an invalid value for argument `units`, expected a positive integer, "
                f"got {units}."
            )
        self.units = units
        self.dropout = min(1.0, max(0.0, float(dropout)))
        self.recurrent_dropout = min(1.0, max(0.0, float(recurrent_dropout)))
        # Keras computes each gate apart (implementation 1), one dropout mask per
        # gate, whenever there is recurrent dropout.
        self.implementation = 1 if self.recurrent_dropout != 0.0 else implementation
        self.dropout_mask_count = (
            self.gates if self.implementation == 1 and self.gates > 1 else None
        )
        self._dropout_mask: Any = None
        self._recurrent_dropout_mask: Any = None
        self.activation = _resolve.activation(activation)
        self.recurrent_activation = _resolve.activation(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.recurrent_initializer = recurrent_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.recurrent_regularizer = recurrent_regularizer
        self.bias_regularizer = bias_regularizer

    def _bias_shape(self) -> tuple:
        return (self.gates * self.units,)

    def _bias_initializer(self):
        return self.bias_initializer

    def build(self, input_shape: Any) -> None:
        """Create ``kernel``, ``recurrent_kernel`` (and ``bias``), one block per gate.

        >>> cell = tf.keras.layers.LSTMCell(3)
        >>> cell.build((None, 2))
        >>> cell.kernel.shape, cell.recurrent_kernel.shape, cell.bias.shape
        (TensorShape([2, 12]), TensorShape([3, 12]), TensorShape([12]))
        """
        width = self.gates * self.units
        self.kernel = self.add_weight(
            shape=(input_shape[-1], width),
            initializer=self.kernel_initializer,
            regularizer=self.kernel_regularizer,
            name="kernel",
        )
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, width),
            initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer,
            name="recurrent_kernel",
        )
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(
                shape=self._bias_shape(),
                initializer=self._bias_initializer(),
                regularizer=self.bias_regularizer,
                name="bias",
            )
        self.built = True

    # -- dropout masks: drawn once per layer call, the same at every step ----------
    def _create_dropout_mask(self, step_input: Any, rate: float) -> Any:
        ones = tf.ones_like(step_input)
        if self.dropout_mask_count is None:
            return tf.nn.dropout(ones, rate=rate, seed=self.seed)
        return [
            tf.nn.dropout(ones, rate=rate, seed=self.seed) for _ in range(self.dropout_mask_count)
        ]

    def get_dropout_mask(self, step_input: Any) -> Any:
        """The input dropout mask of this layer call (made on first use), or None.

        >>> cell = tf.keras.layers.SimpleRNNCell(2, dropout=0.5, seed=1)
        >>> mask = cell.get_dropout_mask(tf.ones((1, 4)))
        >>> cell.get_dropout_mask(tf.ones((1, 4))) is mask, set(mask.numpy().ravel().tolist()) <= {0.0, 2.0}
        (True, True)
        """
        if self._dropout_mask is None and 0.0 < self.dropout < 1.0:
            self._dropout_mask = self._create_dropout_mask(step_input, self.dropout)
        return self._dropout_mask

    def get_recurrent_dropout_mask(self, step_input: Any) -> Any:
        """The recurrent dropout mask of this layer call (made on first use), or None.

        >>> tf.keras.layers.GRUCell(2).get_recurrent_dropout_mask(tf.ones((1, 2))) is None
        True
        """
        if self._recurrent_dropout_mask is None and 0.0 < self.recurrent_dropout < 1.0:
            self._recurrent_dropout_mask = self._create_dropout_mask(
                step_input, self.recurrent_dropout
            )
        return self._recurrent_dropout_mask

    def reset_dropout_mask(self) -> None:
        """Forget the input mask: the next layer call draws a new one.

        >>> cell = tf.keras.layers.LSTMCell(2, dropout=0.5)
        >>> _ = cell.get_dropout_mask(tf.ones((1, 3)))
        >>> cell.reset_dropout_mask()
        >>> cell._dropout_mask is None
        True
        """
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self) -> None:
        """Forget the recurrent mask: the next layer call draws a new one.

        >>> tf.keras.layers.LSTMCell(2, recurrent_dropout=0.5).reset_recurrent_dropout_mask()
        """
        self._recurrent_dropout_mask = None

    @property
    def state_size(self) -> list:
        """The width of each state the cell carries (one state of ``units``).

        >>> tf.keras.layers.GRUCell(4).state_size
        [4]
        """
        return [self.units]

    @property
    def output_size(self) -> int:
        """The width of each step's output (``units``).

        >>> tf.keras.layers.LSTMCell(4).output_size
        4
        """
        return self.units


class SimpleRNNCell(_Cell):
    """``h = activation(x @ kernel + bias + h_prev @ recurrent_kernel)``.

    >>> cell = tf.keras.layers.SimpleRNNCell(2)
    >>> out, states = cell(tf.ones((1, 3)), [tf.zeros((1, 2))])
    >>> out.shape, len(states)
    (TensorShape([1, 2]), 1)
    """

    def __init__(self, units: int, activation: Any = "tanh", **kwargs: Any) -> None:
        super().__init__(units, activation=activation, **kwargs)

    def call(self, inputs: TensorLike, states: Any, training: bool | None = False) -> Any:
        """One step: the new output and ``[h]``.

        >>> cell = tf.keras.layers.SimpleRNNCell(1, kernel_initializer="ones", recurrent_initializer="ones")
        >>> cell.build((None, 1))
        >>> cell.call(tf.constant([[0.5]]), [tf.constant([[0.5]])])[0]
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[0.7615942]], dtype=float32)>
        """
        prev = states[0]
        dp_mask = self.get_dropout_mask(inputs)
        rec_dp_mask = self.get_recurrent_dropout_mask(prev)
        if training and dp_mask is not None:
            inputs = inputs * dp_mask
        h = tf.matmul(inputs, self.kernel)
        if self.bias is not None:
            h = h + self.bias
        if training and rec_dp_mask is not None:
            prev = prev * rec_dp_mask
        h = self.activation(h + tf.matmul(prev, self.recurrent_kernel))
        return h, [h]


class LSTMCell(_Cell):
    """The LSTM step; the forget gate's bias starts at one (``unit_forget_bias``).

    >>> cell = tf.keras.layers.LSTMCell(3)
    >>> out, (h, c) = cell(tf.ones((2, 4)), [tf.zeros((2, 3)), tf.zeros((2, 3))])
    >>> out.shape, c.shape
    (TensorShape([2, 3]), TensorShape([2, 3]))
    """

    gates = 4

    def __init__(self, units: int, unit_forget_bias: bool = True, **kwargs: Any) -> None:
        super().__init__(units, **kwargs)
        self.unit_forget_bias = unit_forget_bias

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        base = _resolve.initializer(self.bias_initializer)
        units = self.units

        def forget_ones(shape: Any, dtype: Any = None):
            return tf.concat(
                [
                    base((units,), dtype=dtype),
                    tf.ones((units,), dtype=dtype),
                    base((2 * units,), dtype=dtype),
                ],
                axis=0,
            )

        return forget_ones

    def call(self, inputs: TensorLike, states: Any, training: bool | None = False) -> Any:
        """One step: the output ``h`` and the states ``[h, c]``.

        >>> cell = tf.keras.layers.LSTMCell(1, kernel_initializer="zeros", recurrent_initializer="zeros")
        >>> cell.build((None, 1))
        >>> h, (h_again, c) = cell.call(tf.ones((1, 1)), [tf.zeros((1, 1)), tf.ones((1, 1))])
        >>> c  # forget gate sigmoid(1) (unit_forget_bias) keeps that much of c
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[0.7310586]], dtype=float32)>
        """
        h_prev, c_prev = states
        u = self.units
        if self.implementation == 1:
            xs, hs = _per_gate(self, inputs, h_prev, training, 4)
            kernels = [self.kernel[:, k * u : (k + 1) * u] for k in range(4)]
            recurrent = [self.recurrent_kernel[:, k * u : (k + 1) * u] for k in range(4)]
            x = [tf.matmul(xk, kk) for xk, kk in zip(xs, kernels)]
            if self.bias is not None:
                x = [xk + self.bias[k * u : (k + 1) * u] for k, xk in enumerate(x)]
            i = self.recurrent_activation(x[0] + tf.matmul(hs[0], recurrent[0]))
            f = self.recurrent_activation(x[1] + tf.matmul(hs[1], recurrent[1]))
            c = f * c_prev + i * self.activation(x[2] + tf.matmul(hs[2], recurrent[2]))
            o = self.recurrent_activation(x[3] + tf.matmul(hs[3], recurrent[3]))
        else:
            dp_mask = self.get_dropout_mask(inputs)
            if training and dp_mask is not None:
                inputs = inputs * dp_mask
            z = tf.matmul(inputs, self.kernel) + tf.matmul(h_prev, self.recurrent_kernel)
            if self.bias is not None:
                z = z + self.bias
            i = self.recurrent_activation(z[:, :u])
            f = self.recurrent_activation(z[:, u : 2 * u])
            c = f * c_prev + i * self.activation(z[:, 2 * u : 3 * u])
            o = self.recurrent_activation(z[:, 3 * u :])
        h = o * self.activation(c)
        return h, [h, c]

    @property
    def state_size(self) -> list:
        """``[units, units]``: the sizes of ``h`` and ``c``.

        >>> tf.keras.layers.LSTMCell(5).state_size
        [5, 5]
        """
        return [self.units, self.units]


class GRUCell(_Cell):
    """The GRU step (``reset_after=True``, Keras 3's default: two bias rows).

    >>> cell = tf.keras.layers.GRUCell(2)
    >>> out, states = cell(tf.ones((1, 3)), [tf.zeros((1, 2))])
    >>> out.shape
    TensorShape([1, 2])
    """

    gates = 3

    def __init__(self, units: int, reset_after: bool = True, **kwargs: Any) -> None:
        if not reset_after:
            raise NotImplementedError("tapeflow's GRU supports reset_after=True only.")
        super().__init__(units, **kwargs)
        self.reset_after = True

    def _bias_shape(self) -> tuple:
        return (2, 3 * self.units)

    def call(self, inputs: TensorLike, states: Any, training: bool | None = False) -> Any:
        """One step: the new output and ``[h]``.

        >>> cell = tf.keras.layers.GRUCell(1, kernel_initializer="zeros", recurrent_initializer="zeros")
        >>> cell.build((None, 1))
        >>> cell.call(tf.ones((1, 1)), [tf.ones((1, 1))])[0]  # update gate 0.5: halfway to tanh(0)
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[0.5]], dtype=float32)>
        """
        h_prev = states[0]
        u = self.units
        if self.implementation == 1:
            xs, hs = _per_gate(self, inputs, h_prev, training, 3)
            x = [tf.matmul(xk, self.kernel[:, k * u : (k + 1) * u]) for k, xk in enumerate(xs)]
            inner = [
                tf.matmul(hk, self.recurrent_kernel[:, k * u : (k + 1) * u])
                for k, hk in enumerate(hs)
            ]
            if self.bias is not None:
                x = [xk + self.bias[0][k * u : (k + 1) * u] for k, xk in enumerate(x)]
                inner = [ik + self.bias[1][k * u : (k + 1) * u] for k, ik in enumerate(inner)]
            z = self.recurrent_activation(x[0] + inner[0])
            r = self.recurrent_activation(x[1] + inner[1])
            hh = self.activation(x[2] + r * inner[2])
        else:
            dp_mask = self.get_dropout_mask(inputs)
            if training and dp_mask is not None:
                inputs = inputs * dp_mask
            xm = tf.matmul(inputs, self.kernel)
            im = tf.matmul(h_prev, self.recurrent_kernel)
            if self.bias is not None:
                xm = xm + self.bias[0]
                im = im + self.bias[1]
            z = self.recurrent_activation(xm[:, :u] + im[:, :u])
            r = self.recurrent_activation(xm[:, u : 2 * u] + im[:, u : 2 * u])
            hh = self.activation(xm[:, 2 * u :] + r * im[:, 2 * u :])
        h = z * h_prev + (1.0 - z) * hh
        return h, [h]


def _per_gate(cell: _Cell, inputs: Any, h_prev: Any, training: Any, gates: int) -> tuple:
    """Keras's implementation 1: the input and the state once per gate, each
    with that gate's dropout mask when training."""
    xs = [inputs] * gates
    hs = [h_prev] * gates
    if training:
        dp_mask = cell.get_dropout_mask(inputs)
        if dp_mask is not None:
            xs = [inputs * m for m in dp_mask]
        rec_mask = cell.get_recurrent_dropout_mask(h_prev)
        if rec_mask is not None:
            hs = [h_prev * m for m in rec_mask]
    return xs, hs


class _RNN(Layer):
    cell_class: type[_Cell] = SimpleRNNCell
    cell_name = "simple_rnn_cell"
    supports_masking = True

    def __init__(
        self,
        units: int,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        zero_output_for_mask: bool = False,
        **kwargs: Any,
    ) -> None:
        layer_keys = {
            "name",
            "trainable",
            "dtype",
            "input_shape",
            "batch_size",
            "activity_regularizer",
        }
        layer_kwargs = {k: v for k, v in kwargs.items() if k in layer_keys}
        cell_kwargs = {k: v for k, v in kwargs.items() if k not in layer_keys}
        super().__init__(**layer_kwargs)
        self.cell = self.cell_class(units, name=self.cell_name, dtype=self.dtype, **cell_kwargs)
        self.units = units
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.zero_output_for_mask = zero_output_for_mask
        # Keras keeps a stateful layer's states in variables it does not track:
        # they are in neither ``weights`` nor ``variables`` (a private attribute).
        self._states: list | None = None
        self._symbolic = False

    @property
    def states(self) -> list | None:
        """A stateful layer's state variables (None until built, or if not stateful).

        >>> layer = tf.keras.layers.GRU(2, stateful=True)
        >>> _ = layer(tf.ones((3, 4, 1)))
        >>> [s.shape for s in layer.states]
        [TensorShape([3, 2])]
        """
        return self._states

    def build(self, input_shape: Any) -> None:
        """Make a stateful layer's state variables; the cell builds on its first step.

        >>> layer = tf.keras.layers.LSTM(2, stateful=True)
        >>> layer.build((5, 3, 1))
        >>> [state.shape for state in layer.states]
        [TensorShape([5, 2]), TensorShape([5, 2])]
        """
        # The cell builds on its first step, inside this layer's scope.
        if self.stateful:
            batch = input_shape[0]
            if self.states is not None:
                self.reset_state()
            else:
                states = [
                    Variable(
                        np.zeros((batch, size), self.dtype),
                        trainable=False,
                        dtype=self.dtype,
                        name="rnn_state",
                    )
                    for size in self.cell.state_size
                ]
                self._states = states
        self.built = True

    def reset_state(self) -> None:
        """Zero a stateful layer's states (the next batch starts afresh).

        >>> layer = tf.keras.layers.SimpleRNN(2, stateful=True)
        >>> _ = layer(tf.ones((1, 3, 2)))
        >>> layer.reset_state()
        >>> layer.states[0].numpy().tolist()
        [[0.0, 0.0]]
        """
        for state in self.states or []:
            state.assign(tf.zeros_like(state))

    def reset_states(self) -> None:
        """Keras's older name of ``reset_state``.

        >>> tf.keras.layers.LSTM(2, stateful=True).reset_states()
        """
        self.reset_state()

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        """The input's time-step mask for ``return_sequences``, else None (and None per state).

        >>> layer = tf.keras.layers.GRU(2, return_sequences=True)
        >>> layer.compute_mask(None, tf.constant([[True, False]])).numpy().tolist()
        [[True, False]]
        """
        mask = previous_mask[0] if isinstance(previous_mask, (list, tuple)) else previous_mask
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.cell.state_size]
        return output_mask

    def _call_symbolic(self, args: Any, kwargs: Any):
        if self.stateful and args[0].shape[0] is None:
            raise ValueError(
                "When using `stateful=True` in a RNN, the batch size must be static. "
                f"Found dynamic batch size: sequence.shape={tuple(args[0].shape)}"
            )
        self._symbolic = True  # stand-in zeros run through call: they set no state
        try:
            return super()._call_symbolic(args, kwargs)
        finally:
            self._symbolic = False

    def call(
        self,
        sequences: TensorLike,
        initial_state: Any = None,
        mask: TensorLike | None = None,
        training: bool | None = False,
    ) -> Any:
        """Run the cell over the time axis: the last output, or every output with ``return_sequences``.

        >>> layer = tf.keras.layers.SimpleRNN(1, activation=None, kernel_initializer="ones",
        ...                                   recurrent_initializer="ones", return_sequences=True)
        >>> layer(tf.constant([[[1.0], [2.0], [3.0]]])).numpy().tolist()  # h = x + h_prev
        [[[1.0], [3.0], [6.0]]]
        >>> layer.call(tf.constant([[[1.0], [1.0]]])).numpy().tolist()
        [[[1.0], [2.0]]]
        """
        steps = sequences.shape[1]
        batch = sequences.shape[0]
        if self.stateful and self.states is not None:
            expected = self.states[0].shape[0]
            if batch != expected:
                raise ValueError(
                    "If an RNN is stateful, the batch size of the input sequences must be the "
                    "same as the batch size of the initial state. \n"
                    f"- Expected batch size: {expected}\n- Received batch size: {batch}"
                )
        if initial_state is None and self.stateful:
            states = [tf.identity(state) for state in cast(list, self.states)]
        elif initial_state is None:
            states = [
                tf.zeros((batch, size), dtype=sequences.dtype) for size in self.cell.state_size
            ]
        else:
            states = (
                list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            )
        order = range(steps - 1, -1, -1) if self.go_backwards else range(steps)
        # The masks of this call, drawn once for every step (even when not training, as Keras).
        self.cell.get_dropout_mask(sequences[:, 0])
        self.cell.get_recurrent_dropout_mask(states[0])
        try:
            return self._run_steps(sequences, states, order, mask, training)
        finally:
            self.cell.reset_dropout_mask()
            self.cell.reset_recurrent_dropout_mask()

    def _run_steps(self, sequences: Any, states: list, order: Any, mask: Any, training: Any):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if mask is not None:
            mask = tf.cast(mask, "bool")
        outputs = []
        output = None
        for t in order:
            step_output, new_states = self.cell(sequences[:, t], states, training=training)
            if mask is None:
                output, states = step_output, list(new_states)
            else:
                # A masked step keeps the states, and repeats the last output (zeros
                # before the first unmasked step, or always with zero_output_for_mask).
                keep = tf.expand_dims(mask[:, t], -1)
                if output is None or self.zero_output_for_mask:
                    previous = tf.zeros_like(step_output)
                else:
                    previous = output
                output = tf.where(keep, step_output, previous)
                states = [tf.where(keep, new, old) for new, old in zip(new_states, states)]
            outputs.append(output)
        if self.stateful and not self._symbolic:
            for variable, state in zip(cast(list, self.states), states):
                variable.assign(state)
        if self.return_sequences:
            result: Any = tf.stack(outputs, axis=1)
        else:
            result = output
        if self.return_state:
            return [result, *states]
        return result


class SimpleRNN(_RNN):
    """A fully connected recurrent layer (tanh by default).

    >>> layer = tf.keras.layers.SimpleRNN(4, return_sequences=True)
    >>> layer(tf.ones((2, 5, 3))).shape
    TensorShape([2, 5, 4])
    """


class LSTM(_RNN):
    """Long short-term memory; ``return_state`` adds the last h and c.

    >>> outputs, h, c = tf.keras.layers.LSTM(4, return_state=True)(tf.ones((2, 5, 3)))
    >>> outputs.shape, h.shape, c.shape
    (TensorShape([2, 4]), TensorShape([2, 4]), TensorShape([2, 4]))
    """

    cell_class = LSTMCell
    cell_name = "lstm_cell"


class GRU(_RNN):
    """Gated recurrent unit (Keras 3's reset_after=True layout).

    >>> tf.keras.layers.GRU(4)(tf.ones((2, 5, 3))).shape
    TensorShape([2, 4])
    """

    cell_class = GRUCell
    cell_name = "gru_cell"
