"""keras.layers.Layer, symbolic KerasTensors, Input and InputLayer.

A layer builds its weights on its first call, from the input's shape. Called
on a KerasTensor (from ``keras.Input``), it runs on small stand-in arrays to
learn the output's shape and records a node, which the functional Model
replays on real data.

>>> import tapeflow as tf
>>> tf.keras.backend.clear_session()
>>> layer = tf.keras.layers.Dense(3)
>>> layer.built
False
>>> y = layer(tf.ones((2, 4)))
>>> [w.path for w in layer.weights], layer.count_params()
(['dense/kernel', 'dense/bias'], 15)
"""

from __future__ import annotations

import inspect
import threading
import warnings
from typing import Any

import numpy as np

import tapeflow as tf

from .. import _resolve, _utils
from .._masking import get_keras_mask, set_keras_mask
from .._utils import TensorLike
from .._variable import Variable

_context = threading.local()


def _training_from_context() -> bool | None:
    return getattr(_context, "training", None)


class KerasTensor:
    """A symbolic value: a shape (None for unknown sizes) and a dtype, plus its producer.

    >>> import tapeflow as tf
    >>> tf.keras.Input((4,))  # doctest: +ELLIPSIS
    <KerasTensor shape=(None, 4), dtype=float32, sparse=False, ragged=False, name=keras_tensor...>
    """

    _count = 0

    def __init__(
        self,
        shape: Any,
        dtype: Any = "float32",
        node: Any = None,
        index: int = 0,
        name: str | None = None,
    ) -> None:
        self.shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = tf.as_dtype(dtype).name
        self.node = node
        self.index = index
        if name is None:
            name = _utils.unique_name("keras_tensor")
        self.name = name

    @property
    def ndim(self) -> int:
        """The number of axes, batch included.

        >>> tf.keras.Input((3, 4)).ndim
        3
        """
        return len(self.shape)

    def __repr__(self) -> str:
        return (
            f"<KerasTensor shape={self.shape}, dtype={self.dtype}, sparse=False, "
            f"ragged=False, name={self.name}>"
        )


class Node:
    """One call of a layer on symbolic inputs: what the functional Model replays.

    >>> x = tf.keras.Input((2,))
    >>> y = tf.keras.layers.Dense(1)(x)
    >>> node = y.node
    >>> node.parents[0] is x, node.outputs is y
    (True, True)
    """

    def __init__(self, layer: Any, args: Any, kwargs: Any, outputs: Any) -> None:
        self.layer = layer
        self.args = args
        self.kwargs = kwargs
        self.outputs = outputs

    @property
    def parents(self) -> list:
        """The symbolic inputs this call consumed.

        >>> x = tf.keras.Input((2,))
        >>> tf.keras.layers.Dense(1)(x).node.parents == [x]
        True
        """
        leaves = _utils.flatten((self.args, self.kwargs))
        return [t for t in leaves if isinstance(t, KerasTensor)]


def _is_symbolic(structure: Any) -> bool:
    return any(isinstance(t, KerasTensor) for t in _utils.flatten(structure))


def _to_tensor(value: Any, dtype: Any) -> Any:
    """Inputs become Tensors; floating inputs take the layer's dtype (Keras autocasts)."""
    if isinstance(value, (tf.Tensor, tf.Variable)):
        if value.dtype.is_floating and value.dtype != dtype:
            return tf.cast(value, dtype)
        return value
    if isinstance(value, (np.ndarray, list, tuple, float, int, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind == "f":
            return tf.constant(array, dtype=dtype)
        return tf.constant(array)
    return value


def _masks_of(inputs: Any) -> Any:
    """The Keras masks of ``inputs``, in its structure (None where there is none)."""
    if inputs.__class__ is tf.Tensor:
        return get_keras_mask(inputs)
    return _utils.map_structure(get_keras_mask, inputs)


class Layer:
    """Base class of every Keras layer.

    Subclasses create weights in ``build(input_shape)`` with ``add_weight`` and
    compute in ``call(inputs, ...)``.

    >>> import tapeflow as tf
    >>> class Scale(tf.keras.layers.Layer):
    ...     def build(self, input_shape):
    ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
    ...     def call(self, x):
    ...         return x * self.w
    >>> Scale()(tf.ones((1, 2))).numpy().tolist()
    [[1.0, 1.0]]
    """

    # Whether outputs get masks from compute_mask (else an input's mask is dropped, with a warning).
    supports_masking = False

    # Models keep their layer list here (set with object.__setattr__).
    _layers: list

    def __init__(
        self,
        *,
        activity_regularizer: Any = None,
        trainable: bool = True,
        dtype: Any = None,
        autocast: bool = True,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        known = {"input_shape", "input_dim", "batch_size", "batch_input_shape", "input_length"}
        unknown = set(kwargs) - known
        if unknown:
            raise ValueError(
                f"Unrecognized keyword arguments passed to {type(self).__name__}: "
                f"{dict((k, kwargs[k]) for k in sorted(unknown))}"
            )
        object.__setattr__(self, "_layers", [])
        self._trainable_variables: list = []
        self._non_trainable_variables: list = []
        self._losses: list = []
        self._trainable = bool(trainable)
        self.built = False
        self.name = name or _utils.unique_name(_utils.snake_case(type(self).__name__))
        self.dtype = (
            tf.as_dtype(dtype or "float32").name if not hasattr(dtype, "name") else dtype.name
        )
        self.compute_dtype = self.dtype
        self.activity_regularizer = _resolve.regularizer(activity_regularizer)
        self._inbound_nodes: list = []
        self._build_shapes = None
        self._output_shape: Any = None
        input_shape = kwargs.get("input_shape")
        if input_shape is None and kwargs.get("input_dim") is not None:
            input_shape = (kwargs["input_dim"],)
        self._declared_input_shape = (
            (kwargs.get("batch_size"), *input_shape) if input_shape is not None else None
        )
        parameters = inspect.signature(self.call).parameters
        self._call_has_training = "training" in parameters
        self._call_has_mask = "mask" in parameters

    # -- attribute tracking -----------------------------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") or name in ("_layer",):
            self._track(value)
        object.__setattr__(self, name, value)

    def _track(self, value: Any) -> None:
        if "_layers" not in self.__dict__:
            return
        for leaf in _utils.flatten(value) if isinstance(value, (list, tuple, dict)) else [value]:
            if (
                isinstance(leaf, Layer)
                and leaf is not self
                and all(leaf is not known for known in self._layers)
            ):
                self._layers.append(leaf)
            elif isinstance(leaf, tf.Variable) and not self._owns(leaf):
                group = (
                    self._trainable_variables if leaf.trainable else self._non_trainable_variables
                )
                group.append(leaf)

    def _sublayers(self) -> list:
        """Tracked sublayers, plus any appended since to a list or dict attribute."""
        for name, value in list(self.__dict__.items()):
            if not name.startswith("_") and isinstance(value, (list, tuple, dict)):
                self._track(value)
        return self._layers

    def _owns(self, variable: Any) -> bool:
        return any(v is variable for v in self._trainable_variables) or any(
            v is variable for v in self._non_trainable_variables
        )

    # -- weights ---------------------------------------------------------------
    def add_weight(
        self,
        shape: Any = None,
        initializer: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        autocast: bool = True,
        regularizer: Any = None,
        constraint: Any = None,
        aggregation: str = "none",
        overwrite_with_gradient: bool = False,
        name: str | None = None,
    ) -> Variable:
        """Create a variable owned by this layer, at path ``<layer scopes>/<name>``.

        >>> layer = tf.keras.layers.Layer(name="holder")
        >>> w = layer.add_weight(shape=(2,), initializer="ones", name="w")
        >>> w.path, w.numpy(), layer.weights[0] is w
        ('holder/w', array([1., 1.], dtype=float32), True)
        """
        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = tf.as_dtype(dtype or self.dtype).name
        if initializer is None:
            initializer = "glorot_uniform" if tf.as_dtype(dtype).is_floating else "zeros"
        init = _resolve.initializer(initializer)
        with _utils.name_scope(self.name):
            variable = Variable(init, shape=shape, dtype=dtype, trainable=trainable, name=name)
        variable.regularizer = _resolve.regularizer(regularizer)
        variable.constraint = _resolve.constraint(constraint)
        if trainable:
            self._trainable_variables.append(variable)
        else:
            self._non_trainable_variables.append(variable)
        if not self._trainable:
            variable.trainable = False
        return variable

    @property
    def trainable(self) -> bool:
        """Whether the layer's weights train; setting it reaches every sublayer.

        >>> layer = tf.keras.layers.Dense(2)
        >>> layer.build((None, 3))
        >>> layer.trainable = False
        >>> len(layer.trainable_weights), len(layer.non_trainable_weights)
        (0, 2)
        """
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        """Set whether the layer's weights train; it reaches every sublayer.

        >>> model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
        >>> model.trainable = False
        >>> model.layers[0].trainable, len(model.trainable_weights)
        (False, 0)
        """
        value = bool(value)
        self._trainable = value
        for variable in self._trainable_variables:
            variable.trainable = value
        for layer in self._sublayers():
            layer.trainable = value

    @property
    def weights(self) -> list:
        """Every variable of the layer and its sublayers, each once.

        >>> layer = tf.keras.layers.Dense(2)
        >>> layer.build((None, 3))
        >>> [w.name for w in layer.weights]
        ['kernel', 'bias']
        """
        weights, seen = [], set()
        for w in self._trainable_variables + self._non_trainable_variables:
            if id(w) not in seen:
                seen.add(id(w))
                weights.append(w)
        for layer in self._sublayers():
            for w in layer.weights:
                if id(w) not in seen:
                    seen.add(id(w))
                    weights.append(w)
        return weights

    @property
    def trainable_weights(self) -> list:
        """The weights that train (none when the layer is frozen).

        >>> layer = tf.keras.layers.BatchNormalization()
        >>> layer.build((None, 2))
        >>> [w.name for w in layer.trainable_weights]
        ['gamma', 'beta']
        """
        return [w for w in self.weights if w.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self) -> list:
        """The weights that do not train (all of them when the layer is frozen).

        >>> layer = tf.keras.layers.BatchNormalization()
        >>> layer.build((None, 2))
        >>> [w.name for w in layer.non_trainable_weights]
        ['moving_mean', 'moving_variance']
        """
        return [w for w in self.weights if not w.trainable] if self.trainable else self.weights

    variables = weights
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights

    @property
    def layers(self) -> list:
        """The layers this layer holds as attributes.

        >>> class Block(tf.keras.layers.Layer):
        ...     def __init__(self):
        ...         super().__init__()
        ...         self.inner = tf.keras.layers.Dense(1)
        ...     def call(self, x):
        ...         return self.inner(x)
        >>> [type(l).__name__ for l in Block().layers]
        ['Dense']
        """
        return list(self._sublayers())

    def get_weights(self) -> list:
        """The weights' values as NumPy arrays, in ``weights`` order.

        >>> layer = tf.keras.layers.Dense(1, kernel_initializer="ones")
        >>> layer.build((None, 2))
        >>> layer.get_weights()
        [array([[1.],
               [1.]], dtype=float32), array([0.], dtype=float32)]
        """
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights: Any) -> None:
        """Assign NumPy values to ``weights`` in order; counts and shapes must match.

        >>> layer = tf.keras.layers.Dense(1)
        >>> layer.build((None, 2))
        >>> layer.set_weights([[[2.0], [3.0]], [1.0]])
        >>> layer(tf.constant([[1.0, 1.0]]))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[6.]], dtype=float32)>
        """
        own = self.weights
        if len(own) != len(weights):
            raise ValueError(
                f"You called `set_weights(weights)` on layer '{self.name}' with a weight list "
                f"of length {len(weights)}, but the layer was expecting {len(own)} weights."
            )
        for variable, value in zip(own, weights):
            value = np.asarray(value)
            if tuple(variable.shape) != value.shape:
                raise ValueError(
                    f"Layer {self.name} weight shape {tuple(variable.shape)} is not compatible "
                    f"with provided weight shape {value.shape}."
                )
        for variable, value in zip(own, weights):
            variable.assign(np.asarray(value))

    def count_params(self) -> int:
        """The number of scalars in all weights (the layer must be built).

        >>> layer = tf.keras.layers.Dense(4)
        >>> layer.build((None, 3))
        >>> layer.count_params()  # 3 * 4 kernel + 4 bias
        16
        """
        if not self.built:
            raise ValueError(
                f"You tried to call `count_params` on layer '{self.name}', but the layer isn't "
                "built. You can build it manually via: `layer.build(input_shape)`."
            )
        return int(sum(int(np.prod(w.shape)) for w in self.weights))

    # -- losses ----------------------------------------------------------------
    def add_loss(self, loss: Any) -> None:
        """Record a loss tensor; ``losses`` returns it until the next call.

        >>> class Penalized(tf.keras.layers.Layer):
        ...     def call(self, x):
        ...         self.add_loss(tf.reduce_sum(x))
        ...         return x
        >>> layer = Penalized()
        >>> _ = layer(tf.constant([1.0, 2.0]))
        >>> layer.losses
        [<tf.Tensor: shape=(), dtype=float32, numpy=3.0>]
        """
        self._losses.append(loss)

    @property
    def losses(self) -> list:
        """Losses added in the last call plus weight regularization penalties.

        >>> layer = tf.keras.layers.Dense(1, kernel_initializer="ones", kernel_regularizer=tf.keras.regularizers.L2(0.5))
        >>> layer.build((None, 2))
        >>> layer.losses
        [<tf.Tensor: shape=(), dtype=float32, numpy=1.0>]
        """
        losses = list(self._losses)
        for w in self._trainable_variables + self._non_trainable_variables:
            if getattr(w, "regularizer", None) is not None:
                losses.append(w.regularizer(w))
        for layer in self._sublayers():
            losses.extend(layer.losses)
        return losses

    def _clear_losses(self) -> None:
        self._losses = []
        for layer in self._sublayers():
            layer._clear_losses()

    # -- building and calling --------------------------------------------------
    def build(self, input_shape: Any) -> None:
        """Create the weights for inputs of ``input_shape``; the base class has none.

        >>> layer = tf.keras.layers.Layer()
        >>> layer.build((None, 2))
        >>> layer.built, layer.weights
        (True, [])
        """
        self.built = True

    def call(self, inputs: TensorLike, *args: Any, **kwargs: Any) -> Any:
        """The layer's computation; the base class returns ``inputs``.

        >>> tf.keras.layers.Layer().call(tf.constant([1.0]))
        <tf.Tensor: shape=(1,), dtype=float32, numpy=array([1.], dtype=float32)>
        """
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        """The output shape for inputs of ``input_shape`` (None for unknown sizes).

        >>> tf.keras.layers.Dense(5).compute_output_shape((None, 3))
        (None, 5)
        >>> tf.keras.layers.Flatten().compute_output_shape((None, 2, 3))
        (None, 6)
        """
        return _symbolic_shapes(self, input_shape)

    def _maybe_build(self, inputs: TensorLike) -> None:
        if self.built:
            return
        shapes = _utils.map_structure(
            lambda t: tuple(getattr(t, "shape", ())) if t is not None else None, inputs
        )
        with _utils.name_scope(self.name):
            self.build(shapes)
        self.built = True
        self._build_shapes = shapes

    def __call__(self, *args: Any, **kwargs: Any):
        if not args:
            if "inputs" not in kwargs:
                raise ValueError(f"Layer {self.name} was called without inputs.")
            args = (kwargs.pop("inputs"),)
        if _is_symbolic((args, kwargs)):
            return self._call_symbolic(args, kwargs)
        inputs = args[0]
        if isinstance(inputs, (list, tuple)) and all(
            isinstance(v, (int, float, np.generic)) for v in _utils.flatten(inputs)
        ):
            inputs = np.asarray(inputs)
        inputs = _utils.map_structure(lambda v: _to_tensor(v, self.compute_dtype), inputs)
        args = (inputs, *args[1:])
        self._maybe_build(inputs)
        training = kwargs.get("training")
        if self._call_has_training:
            if training is None:
                training = _training_from_context()
            kwargs["training"] = training
        elif "training" in kwargs:
            kwargs.pop("training")
        previous_mask = _masks_of(inputs)
        if self._call_has_mask and kwargs.get("mask") is None and len(args) == 1:
            if any(m is not None for m in _utils.flatten(previous_mask)):
                kwargs["mask"] = previous_mask
        outer = _training_from_context()
        depth = getattr(_context, "depth", 0)
        if depth == 0:  # the outermost call starts a fresh list of added losses
            self._clear_losses()
        if training is not None:
            _context.training = training
        _context.depth = depth + 1
        try:
            with _utils.name_scope(self.name):
                outputs = self.call(*args, **kwargs)
        finally:
            _context.training = outer
            _context.depth = depth
        if self.activity_regularizer is not None:
            for out in _utils.flatten(outputs):
                loss = self.activity_regularizer(out)
                if out.shape.rank:
                    loss = loss / tf.cast(tf.shape(out)[0], loss.dtype)
                self.add_loss(loss)
        self._set_mask_metadata(inputs, outputs, previous_mask)
        if self._output_shape is None:  # what summary() shows for a layer built eagerly
            self._output_shape = _utils.map_structure(
                lambda t: tuple(t.shape) if hasattr(t, "shape") else None, outputs
            )
        return outputs

    def compute_mask(self, inputs: Any, previous_mask: Any) -> Any:
        """The mask of the outputs: the input's mask, unchanged, by default.

        >>> tf.keras.layers.Dense(2).compute_mask(tf.ones((1, 3, 2)), tf.constant([[True, True, False]]))
        <tf.Tensor: shape=(1, 3), dtype=bool, numpy=array([[ True,  True, False]])>
        """
        return previous_mask

    def _set_mask_metadata(self, inputs: Any, outputs: Any, previous_mask: Any) -> None:
        flat_outputs = _utils.flatten(outputs)
        if not self.supports_masking:
            if any(m is not None for m in _utils.flatten(previous_mask)):
                warnings.warn(
                    f"Layer '{self.name}' (of type {type(self).__name__}) was passed an input "
                    "with a mask attached to it. However, this layer does not support masking "
                    "and will therefore destroy the mask information. Downstream layers will "
                    "not see the mask.",
                    stacklevel=3,
                )
            return
        if flat_outputs and all(get_keras_mask(x) is not None for x in flat_outputs):
            return  # call set them (Masking does)
        masks = self.compute_mask(inputs, previous_mask)
        if masks is None:
            return
        for tensor, mask in zip(flat_outputs, _utils.flatten(masks)):
            if mask is not None and get_keras_mask(tensor) is None:
                set_keras_mask(tensor, mask)

    def _call_symbolic(self, args: Any, kwargs: Any):
        outputs = _run_on_stand_ins(self, args, kwargs)
        node = Node(self, args, kwargs, None)
        flat = _utils.flatten(outputs)
        symbolic = [
            KerasTensor(spec.shape, spec.dtype, node=node, index=i) for i, spec in enumerate(flat)
        ]
        node.outputs = _utils.pack_like(outputs, iter(symbolic))
        self._inbound_nodes.append(node)
        self._output_shape = _utils.map_structure(lambda t: t.shape, node.outputs)
        return node.outputs

    # -- functional-API bookkeeping ---------------------------------------------
    @property
    def input(self) -> Any:
        """The symbolic input of the layer's first functional call.

        >>> x = tf.keras.Input((2,))
        >>> layer = tf.keras.layers.Dense(1)
        >>> _ = layer(x)
        >>> layer.input is x
        True
        """
        if not self._inbound_nodes:
            raise ValueError(
                f"The layer {self.name} has never been called and thus has no defined input."
            )
        args = self._inbound_nodes[0].args
        return args[0]

    @property
    def output(self) -> Any:
        """The symbolic output of the layer's first functional call.

        >>> layer = tf.keras.layers.Dense(3)
        >>> y = layer(tf.keras.Input((2,)))
        >>> layer.output is y, layer.output.shape
        (True, (None, 3))
        """
        if not self._inbound_nodes:
            raise ValueError(
                f"The layer {self.name} has never been called and thus has no defined output."
            )
        return self._inbound_nodes[0].outputs

    # -- config ----------------------------------------------------------------
    def get_config(self) -> dict:
        """``name``, ``trainable`` and ``dtype`` (subclasses add their own).

        >>> tf.keras.layers.Layer(name="plain").get_config()
        {'name': 'plain', 'trainable': True, 'dtype': 'float32'}
        """
        return {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Any:
        """A new layer from ``get_config``'s dict.

        >>> layer = tf.keras.layers.Dense.from_config({"units": 2, "name": "copy"})
        >>> layer.name, layer.units
        ('copy', 2)
        """
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _stand_in(keras_tensor: Any, size: int) -> tf.Tensor:
    shape = tuple(size if d is None else d for d in keras_tensor.shape)
    return tf.zeros(shape, dtype=keras_tensor.dtype)


def _run_on_stand_ins(layer: Any, args: Any, kwargs: Any) -> Any:
    """Run ``layer`` on zeros shaped like the symbolic inputs; shapes with None back.

    Unknown sizes are tried as 1 and as 2; output sizes that follow them are unknown.
    """
    results = []
    for size in (1, 2):
        concrete = _utils.map_structure(
            lambda t, size=size: _stand_in(t, size) if isinstance(t, (KerasTensor, _Spec)) else t,
            (args, kwargs),
        )
        outputs = layer(*concrete[0], **concrete[1])
        results.append(outputs)
        if not any(
            None in t.shape
            for t in _utils.flatten((args, kwargs))
            if isinstance(t, (KerasTensor, _Spec))
        ):
            break
    layer._clear_losses()
    first = _utils.flatten(results[0])
    last = _utils.flatten(results[-1])
    specs = []
    for a, b in zip(first, last):
        shape = tuple(da if da == db else None for da, db in zip(a.shape, b.shape))
        specs.append(_Spec(shape, a.dtype.name))
    return _utils.pack_like(results[0], iter(specs))


class _Spec:
    __slots__ = ("shape", "dtype")

    def __init__(self, shape: Any, dtype: Any) -> None:
        self.shape = shape
        self.dtype = dtype


def _is_shape(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and all(d is None or isinstance(d, int) for d in value)


def _symbolic_shapes(layer: Any, input_shape: Any) -> Any:
    if _is_shape(input_shape):
        spec: Any = _Spec(tuple(input_shape), layer.compute_dtype)
    else:
        spec = [_Spec(tuple(s), layer.compute_dtype) for s in input_shape]
    specs = _run_on_stand_ins(layer, (spec,), {})
    return _utils.map_structure(lambda s: s.shape, specs)


class InputLayer(Layer):
    """The layer behind ``keras.Input``: it only holds the input's shape.

    >>> layer = tf.keras.layers.InputLayer(shape=(3,), name="in")
    >>> layer.batch_shape, layer.output_tensor.shape
    ((None, 3), (None, 3))
    """

    def __init__(
        self,
        shape: Any = None,
        batch_size: int | None = None,
        dtype: Any = None,
        sparse: Any = None,
        batch_shape: Any = None,
        input_tensor: Any = None,
        optional: bool = False,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=name or _utils.unique_name("input_layer"), dtype=dtype)
        if batch_shape is None:
            if shape is None:
                raise ValueError("You must pass a `shape` argument.")
            shape = (shape,) if isinstance(shape, int) else tuple(shape)
            batch_shape = (batch_size, *shape)
        self.batch_shape = tuple(batch_shape)
        self.built = True
        node = Node(self, (), {}, None)
        # As in Keras 3, a named input's tensor carries that name (dict inputs are keyed by it).
        self.output_tensor = KerasTensor(self.batch_shape, self.dtype, node=node, name=name)
        node.outputs = self.output_tensor
        self._inbound_nodes.append(node)
        self._output_shape = self.batch_shape

    def call(self, inputs: TensorLike) -> Any:
        """``inputs`` unchanged.

        >>> tf.keras.layers.InputLayer(shape=(1,)).call(tf.constant([[5.0]]))
        <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[5.]], dtype=float32)>
        """
        return inputs

    def get_config(self) -> dict:
        """``batch_shape``, ``dtype`` and ``name``.

        >>> tf.keras.layers.InputLayer(shape=(3,), name="in").get_config()
        {'batch_shape': (None, 3), 'dtype': 'float32', 'name': 'in'}
        """
        return {"batch_shape": self.batch_shape, "dtype": self.dtype, "name": self.name}


def Input(
    shape: Any = None,
    batch_size: int | None = None,
    dtype: Any = None,
    sparse: Any = None,
    batch_shape: Any = None,
    name: str | None = None,
    tensor: Any = None,
    optional: bool = False,
) -> KerasTensor:  # noqa: N802 (Keras's spelling)
    """A symbolic input for the functional API: ``shape`` excludes the batch size.

    >>> import tapeflow as tf
    >>> x = tf.keras.Input(shape=(8,), name="features")
    >>> x.shape, x.dtype
    ((None, 8), 'float32')
    """
    layer = InputLayer(
        shape=shape, batch_size=batch_size, dtype=dtype, batch_shape=batch_shape, name=name
    )
    return layer.output_tensor
