"""keras.Model (subclassed and functional) and keras.Sequential.

>>> import tapeflow as tf
>>> inputs = tf.keras.Input((3,))
>>> outputs = tf.keras.layers.Dense(2)(inputs)
>>> model = tf.keras.Model(inputs, outputs)
>>> model(tf.ones((4, 3))).shape
TensorShape([4, 2])
"""

from __future__ import annotations

from typing import Any

from .. import _utils
from .._utils import TensorLike
from ..layers.base import InputLayer, KerasTensor, Layer
from .training import Trainer


class Model(Trainer, Layer):
    """A layer with training methods. Subclass it (define ``call``) or pass inputs/outputs.

    >>> import tapeflow as tf
    >>> tf.keras.backend.clear_session()
    >>> class TwoLayers(tf.keras.Model):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.hidden = tf.keras.layers.Dense(4, activation="relu")
    ...         self.out = tf.keras.layers.Dense(1)
    ...     def call(self, x):
    ...         return self.out(self.hidden(x))
    >>> model = TwoLayers()
    >>> _ = model(tf.ones((2, 3)))
    >>> [w.path for w in model.weights][:2]
    ['two_layers/dense/kernel', 'two_layers/dense/bias']
    """

    def _set_mask_metadata(self, inputs: Any, outputs: Any, previous_mask: Any) -> None:
        """Nothing to do: the model's layers set the masks of the tensors it returns."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls is Model and (len(args) >= 2 or "inputs" in kwargs or "outputs" in kwargs):
            return super().__new__(Functional)
        return super().__new__(cls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        trainable = kwargs.pop("trainable", True)
        name = kwargs.pop("name", None)
        dtype = kwargs.pop("dtype", None)
        Layer.__init__(self, trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._init_trainer()

    def build(self, input_shape: Any) -> None:
        """Mark the model built; a subclassed model's layers build on the first call.

        >>> import tapeflow as tf
        >>> model = tf.keras.Model()
        >>> model.build((None, 3))
        >>> model.built
        True
        """
        self.built = True

    def summary(
        self,
        line_length: Any = None,
        positions: Any = None,
        print_fn: Any = None,
        expand_nested: bool = False,
        show_trainable: bool = False,
        layer_range: Any = None,
    ) -> None:
        """Print Keras 3's table of layers, output shapes and parameter counts.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, name="hidden")], name="tiny")
        >>> model.summary(line_length=60)
        Model: "tiny"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┓
        ┃ Layer (type)             ┃ Output Shape      ┃   Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━┩
        │ hidden (Dense)           │ (None, 2)         │         8 │
        └──────────────────────────┴───────────────────┴───────────┘
         Total params: 8 (32.00 B)
         Trainable params: 8 (32.00 B)
         Non-trainable params: 0 (0.00 B)
        """
        from .summary import print_summary

        print_summary(
            self,
            line_length=line_length,
            positions=positions,
            print_fn=print_fn,
            show_trainable=show_trainable,
        )

    def save_weights(self, filepath: str, overwrite: bool = True) -> None:
        """Write every weight to a Keras 3 ``.weights.h5`` file (needs h5py).

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = os.path.join(folder.name, "model.weights.h5")
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> model.save_weights(path)
        >>> os.path.exists(path)
        True
        >>> folder.cleanup()
        """
        from ..saving import save_weights

        save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath: str, skip_mismatch: bool = False, **kwargs: Any) -> None:
        """Read weights saved by ``save_weights`` (or by real Keras 3) into this model.

        >>> import tapeflow as tf
        >>> import os, tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = os.path.join(folder.name, "model.weights.h5")
        >>> source = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1, kernel_initializer="ones")])
        >>> source.save_weights(path)
        >>> copy = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> copy.load_weights(path)
        >>> copy.layers[0].kernel.numpy().ravel()
        array([1., 1.], dtype=float32)
        >>> folder.cleanup()
        """
        from ..saving import load_weights

        load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def get_layer(self, name: str | None = None, index: Any = None) -> Any:
        """A sublayer by name or position in ``layers``.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3, name="hidden"), tf.keras.layers.Dense(1, name="head")])
        >>> model.get_layer("head").units, model.get_layer(index=0).name
        (1, 'hidden')
        """
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(
                    f"Was asked to retrieve layer at index {index} but model only has "
                    f"{len(self.layers)} layers."
                )
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(
            f"No such layer: {name}. Existing layers are: {[layer.name for layer in self.layers]}."
        )


def _collect_nodes(outputs: Any) -> list:
    """Nodes from the inputs to ``outputs``, each after the nodes it depends on."""
    order, done, visiting = [], set(), set()
    stack = [(t.node, False) for t in reversed(_utils.flatten(outputs))]
    while stack:
        node, expanded = stack.pop()
        if id(node) in done:
            continue
        if expanded:
            visiting.discard(id(node))
            done.add(id(node))
            order.append(node)
            continue
        visiting.add(id(node))
        stack.append((node, True))
        for parent in reversed(node.parents):
            if id(parent.node) not in done and id(parent.node) not in visiting:
                stack.append((parent.node, False))
    return order


class Functional(Model):
    """A model defined by symbolic inputs and outputs; calling it replays the graph.

    >>> import tapeflow as tf
    >>> x = tf.keras.Input((2,), name="x")
    >>> hidden = tf.keras.layers.Dense(3, activation="relu")(x)
    >>> both = tf.keras.layers.Concatenate()([x, hidden])
    >>> model = tf.keras.Model(x, tf.keras.layers.Dense(1)(both))
    >>> type(model).__name__, [type(l).__name__ for l in model.layers]
    ('Functional', ['InputLayer', 'Dense', 'Concatenate', 'Dense'])
    >>> model(tf.ones((5, 2))).shape
    TensorShape([5, 1])
    """

    def __init__(
        self,
        inputs: TensorLike,
        outputs: Any,
        name: str | None = None,
        trainable: bool = True,
        **kwargs: Any,
    ) -> None:
        Layer.__init__(self, name=name or _utils.unique_name("functional"), trainable=trainable)
        self._init_trainer()
        for tensor in _utils.flatten((inputs, outputs)):
            if not isinstance(tensor, KerasTensor):
                raise ValueError(
                    f"All `inputs` and `outputs` values must be KerasTensors. Received: {tensor!r}"
                )
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._nodes = _collect_nodes(outputs)
        layers: list = []
        for node in self._nodes:
            if all(node.layer is not known for known in layers):
                layers.append(node.layer)
        for tensor in _utils.flatten(inputs):
            if tensor.node not in self._nodes:
                raise ValueError(f"Input {tensor.name} is not connected to the outputs.")
        object.__setattr__(self, "_layers", layers)
        self.built = True

    @property
    def inputs(self) -> list:
        """The symbolic inputs, flattened.

        >>> import tapeflow as tf
        >>> x = tf.keras.Input((2,))
        >>> y = tf.keras.Input((3,))
        >>> model = tf.keras.Model([x, y], tf.keras.layers.Concatenate()([x, y]))
        >>> [t.shape for t in model.inputs]
        [(None, 2), (None, 3)]
        """
        return _utils.flatten(self._inputs_struct)

    @property
    def outputs(self) -> list:
        """The symbolic outputs, flattened.

        >>> import tapeflow as tf
        >>> x = tf.keras.Input((2,))
        >>> model = tf.keras.Model(x, {"a": tf.keras.layers.Dense(1)(x), "b": x})
        >>> [t.shape for t in model.outputs]  # dict values by sorted key
        [(None, 1), (None, 2)]
        """
        return _utils.flatten(self._outputs_struct)

    @property
    def input(self) -> Any:
        """The inputs in the structure the model was built with.

        >>> import tapeflow as tf
        >>> x = tf.keras.Input((2,))
        >>> model = tf.keras.Model(x, tf.keras.layers.Dense(1)(x))
        >>> model.input is x
        True
        """
        return self._inputs_struct

    @property
    def output(self) -> Any:
        """The outputs in the structure the model was built with.

        >>> import tapeflow as tf
        >>> x = tf.keras.Input((2,))
        >>> model = tf.keras.Model(x, [x, tf.keras.layers.Dense(1)(x)])
        >>> [t.shape for t in model.output]
        [(None, 2), (None, 1)]
        """
        return self._outputs_struct

    def call(self, inputs: TensorLike, training: bool | None = None) -> Any:
        """Replay the layers on ``inputs`` (a structure like the symbolic inputs).

        >>> import tapeflow as tf
        >>> x = tf.keras.Input((2,), name="features")
        >>> model = tf.keras.Model(x, tf.keras.layers.Dense(1, kernel_initializer="ones")(x))
        >>> model.call(tf.constant([[1.0, 2.0]]))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[3.]], dtype=float32)>
        """
        symbolic = _utils.flatten(self._inputs_struct)
        if isinstance(inputs, dict) and not isinstance(self._inputs_struct, dict):
            values = [inputs[t.name] for t in symbolic]
        else:
            values = _utils.flatten(inputs)
        if len(values) != len(symbolic):
            raise ValueError(
                f'Layer "{self.name}" expects {len(symbolic)} input(s), but it received '
                f"{len(values)} input tensors."
            )
        computed = {id(t): v for t, v in zip(symbolic, values)}
        for node in self._nodes:
            if isinstance(node.layer, InputLayer):
                continue
            args, kwargs = _utils.map_structure(
                lambda t: computed[id(t)] if isinstance(t, KerasTensor) else t,
                (node.args, node.kwargs),
            )
            if training is not None and node.layer._call_has_training:
                kwargs = {**kwargs, "training": training}
            result = node.layer(*args, **kwargs)
            for symbol, value in zip(_utils.flatten(node.outputs), _utils.flatten(result)):
                computed[id(symbol)] = value
        return _utils.map_structure(lambda t: computed[id(t)], self._outputs_struct)


class Sequential(Model):
    """A stack of layers, each feeding the next.

    >>> import tapeflow as tf
    >>> tf.keras.backend.clear_session()
    >>> model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2)])
    >>> model.layers[0].kernel.path, model.count_params()
    ('sequential/dense/kernel', 10)
    """

    _input_layer: Any

    def __init__(self, layers: Any = None, trainable: bool = True, name: str | None = None) -> None:
        Layer.__init__(self, trainable=trainable, name=name)
        self._init_trainer()
        self._input_layer = None
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._maybe_build_from_input()

    def add(self, layer: Any, rebuild: bool = True) -> None:
        """Append a layer (a ``keras.Input`` sets the input shape).

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential()
        >>> model.add(tf.keras.Input((3,)))
        >>> model.add(tf.keras.layers.Dense(2))
        >>> model.built, model.outputs[0].shape
        (True, (None, 2))
        """
        if isinstance(layer, KerasTensor) and isinstance(layer.node.layer, InputLayer):
            layer = layer.node.layer
        if isinstance(layer, InputLayer):
            if self._layers or self._input_layer is not None:
                raise ValueError("Sequential model may only have one input layer, placed first.")
            self._input_layer = layer
            return
        if not isinstance(layer, Layer):
            raise ValueError(
                "Only instances of `keras.Layer` can be added to a Sequential model. "
                f"Received: {layer} (of type {type(layer)})"
            )
        self._layers.append(layer)
        if rebuild:
            self.built = False
            self._maybe_build_from_input()

    def pop(self, rebuild: bool = True) -> Any:
        """Remove and return the last layer.

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(1, name="head")])
        >>> model.pop().name, model.outputs[0].shape
        ('head', (None, 4))
        """
        layer = self._layers.pop()
        self.built = False
        if rebuild:
            self._maybe_build_from_input()
        return layer

    def _maybe_build_from_input(self) -> None:
        shape = None
        if self._input_layer is not None:
            shape = self._input_layer.batch_shape
        elif self._layers and self._layers[0]._declared_input_shape is not None:
            shape = self._layers[0]._declared_input_shape
        if shape is not None and self._layers:
            with _utils.name_scope(self.name):
                self.build(shape)

    def build(self, input_shape: Any = None) -> None:
        """Build every layer for inputs of ``input_shape`` (batch size included).

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(2)])
        >>> model.build((None, 5))
        >>> model.count_params()
        12
        """
        if input_shape is None:
            raise ValueError("You must provide an `input_shape` argument.")
        if self._input_layer is None:
            self._input_layer = InputLayer(batch_shape=tuple(input_shape))
        x = self._input_layer.output_tensor
        for layer in self._layers:
            x = layer(x)
        self._output_tensor = x
        self.built = True

    def _maybe_build(self, inputs: TensorLike) -> None:
        if not self.built:
            shape = tuple(_utils.flatten(inputs)[0].shape)
            with _utils.name_scope(self.name):
                self.build(shape)

    def call(self, inputs: TensorLike, training: bool | None = None) -> Any:
        """Each layer on the previous one's output (``training`` reaches the layers that take it).

        >>> import tapeflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dropout(0.5), tf.keras.layers.Dense(1, kernel_initializer="ones")])
        >>> model.call(tf.ones((1, 2)), training=False)
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[2.]], dtype=float32)>
        """
        x = inputs
        for layer in self._layers:
            x = layer(x, training=training) if layer._call_has_training else layer(x)
        return x

    @property
    def inputs(self) -> list:
        """``[the Input's symbolic tensor]`` (empty until the input shape is known).

        >>> import tapeflow as tf
        >>> tf.keras.Sequential([tf.keras.layers.Dense(1)]).inputs
        []
        >>> tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)]).inputs[0].shape
        (None, 2)
        """
        return [self._input_layer.output_tensor] if self._input_layer is not None else []

    @property
    def outputs(self) -> list:
        """``[the last layer's symbolic output]`` once built.

        >>> import tapeflow as tf
        >>> tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(3)]).outputs[0].shape
        (None, 3)
        """
        return [self._output_tensor] if self.built else []
