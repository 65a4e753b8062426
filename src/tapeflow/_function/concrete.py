"""ConcreteFunction: one traced program of a tf.function.

It runs its program's generated code on NumPy values when no tape,
accumulator or trace is active, and replays the program through ``apply``
otherwise, so outer transformations see every operation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _dispatch
from .._nest import flatten, pack_sequence_as
from .._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from .._variable import Variable
from .graph import Retrace, build
from .keys import _key, _rebuild_args, iter_from
from .spec import SymbolicTensor, TensorSpec

# What a program's run returns when a guard disagreed. Not None: a function may return None.
_NOT_COVERED = object()


def _flat_packer(structure):
    """For a tensor, or a tuple, list or dict of tensors (a train step's logs):
    a function packing the flat outputs into it faster than pack_sequence_as."""
    cls = structure.__class__
    if cls is Tensor or isinstance(structure, Variable):
        return lambda flat: flat[0]
    if cls is dict:
        values = structure.values()
        if any(isinstance(v, (list, tuple, dict)) for v in values):
            return None
        position = {key: i for i, key in enumerate(sorted(structure))}  # flatten's order
        keys = list(structure)
        index = [position[key] for key in keys]
        return lambda flat: {key: flat[i] for key, i in zip(keys, index)}
    if cls in (tuple, list) and not any(isinstance(v, (list, tuple, dict)) for v in structure):
        return cls
    return None


def _none(flat: list) -> None:
    return None


class ConcreteFunction:
    """One traced program of a tf.function, callable with matching tensors.

    >>> import tapeflow as tf
    >>> f = tf.function(lambda x: x * 2.0)
    >>> concrete = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
    >>> print(concrete(tf.constant([1.0, 2.0, 3.0])))
    tf.Tensor([2. 4. 6.], shape=(3,), dtype=float32)
    """

    def __init__(self, function, pending, structure, out_leaves, args, leaves, shown):
        self._function = function
        self._pending = pending  # (trace, argument leaves, output tensors) until built
        self._built = None
        self._args = args
        self._leaves_spec = [
            (TensorShape(s), x.dtype) for s, x in zip(shown, leaves)
        ]  # fmt: skip
        self._arg_names = function._arg_names(args)
        # Output structure: tensors become slots, anything else stays as returned.
        self._structure = structure
        self._out_kinds = [o.__class__ is Tensor or isinstance(o, Variable) for o in out_leaves]
        self._constants_out = [None if k else o for k, o in zip(self._out_kinds, out_leaves)]
        self._output_specs = [
            (o.shape, o.dtype) for o, k in zip(out_leaves, self._out_kinds) if k
        ]  # fmt: skip
        self._packer = _flat_packer(structure) if all(self._out_kinds) else None
        if structure is None:  # a step that returns nothing
            self._packer = _none

    @property
    def _program(self):
        program = self._built
        if program is None:
            program = self._built = build(*self._pending)
            self._pending = None  # the trace and its values can go
        return program

    # -- running ------------------------------------------------------------------------
    def _pack(self, values: list, already_tensors: bool = False):
        packer = self._packer
        if packer is not None:  # every output a tensor, in a structure one level deep
            return packer(values if already_tensors else [wrap(v) for v in values])
        it = iter(values)
        flat = []
        for kind, const in zip(self._out_kinds, self._constants_out):
            if kind:
                value = next(it)
                flat.append(value if already_tensors else wrap(value))
            else:
                flat.append(const)
        if not flat:
            return self._structure
        return pack_sequence_as(self._structure, flat)

    def _run(self, values: list):
        program = self._built or self._program
        if program.has_guards:
            written = program.written_variables(values)
            saved = [(v, v._value) for v in written]
            try:
                outs = program.run(*values)
            except Retrace:
                for v, old in saved:
                    v._value = old
                return _NOT_COVERED
        else:
            outs = (program._run or program.run)(*values)
        packer = self._packer
        if packer is not None:  # _pack's first branch, without its call
            return packer([wrap(v) for v in outs])
        return self._pack(outs)

    def _replay(self, leaves: list):
        program = self._program
        written = program.written_variables(leaves)
        saved = [(v, v._value) for v in written]
        try:
            outs = program.replay(leaves)
        except Retrace:
            for v, old in saved:
                v._value = old
            return _NOT_COVERED
        return self._pack(outs, already_tensors=True)

    def __call__(self, *args, **kwargs):
        function = self._function
        flat = flatten(list(args) + [kwargs[k] for k in sorted(kwargs)])
        tensors = [
            x for x in flat if x.__class__ is Tensor or isinstance(x, (Variable, np.ndarray))
        ]
        if len(tensors) != len(self._leaves_spec):
            raise TypeError(
                f"{function._name}({', '.join(self._arg_names)}) takes "
                f"{len(self._leaves_spec)} positional arguments, got {len(tensors)}."
            )
        converted = []
        for x, (shape, dtype), name in zip(tensors, self._leaves_spec, self._arg_names):
            if not isinstance(x, Variable):
                x = convert_to_tensor(x)
            if x.dtype != dtype or not shape.is_compatible_with(x.shape):
                raise TypeError(
                    f"Binding inputs to tf.function failed due to `Can not cast "
                    f"{TensorSpec(x.shape, x.dtype, name)!r} to "
                    f"{TensorSpec(shape, dtype, name)!r}`."
                )
            converted.append(x)
        full = tuple(_rebuild_args(a, iter_from(converted, self._args, i))
                     for i, a in enumerate(self._args))  # fmt: skip
        leaves: list = []
        key = tuple([_key(a, leaves) for a in full])
        entries = function._programs.get(key, [])
        outer = _dispatch._active_count and _dispatch.active_stack()
        for concrete in entries:
            result = (
                concrete._replay(leaves)
                if outer
                else concrete._run([x._value if x.__class__ is Tensor else x for x in leaves])
            )
            if result is not _NOT_COVERED:
                return result
        return function._trace(full, key, leaves)[1]

    # -- what TensorFlow shows ------------------------------------------------------------
    @property
    def inputs(self) -> list:
        """The program's inputs, as the graph's placeholder tensors.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.inputs
        [<tf.Tensor 'x:0' shape=(2,) dtype=float32>, <tf.Tensor 'y:0' shape=() dtype=float32>]
        """
        return [SymbolicTensor(f"{name}:0", shape, dtype)
                for name, (shape, dtype) in zip(self._arg_names, self._leaves_spec)]  # fmt: skip

    @property
    def structured_input_signature(self) -> tuple[Any, dict[str, Any]]:
        """The arguments as TensorSpecs: ``(args, kwargs)``.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.structured_input_signature
        ((TensorSpec(shape=(2,), dtype=tf.float32, name='x'), TensorSpec(shape=(), dtype=tf.float32, name='y')), {})
        """
        specs = iter([TensorSpec(shape, dtype, name)
                      for name, (shape, dtype) in zip(self._arg_names, self._leaves_spec)])  # fmt: skip
        return tuple(_rebuild_args(a, specs) for a in self._args), {}

    @property
    def structured_outputs(self) -> Any:
        """What the function returns, with graph tensors in place of the tensors.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.structured_outputs
        (<tf.Tensor 'Identity:0' shape=(2,) dtype=float32>, <tf.Tensor 'Identity_1:0' shape=(2,) dtype=float32>)
        """
        names = ["Identity"] + [f"Identity_{i}" for i in range(1, len(self._output_specs))]
        symbols = iter([SymbolicTensor(f"{n}:0", shape, dtype)
                        for n, (shape, dtype) in zip(names, self._output_specs)])  # fmt: skip
        flat = [next(symbols) if kind else const
                for kind, const in zip(self._out_kinds, self._constants_out)]  # fmt: skip
        if not flat:
            return self._structure
        return pack_sequence_as(self._structure, flat)

    @property
    def outputs(self) -> list:
        """The graph tensors of ``structured_outputs``, flattened.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> len(concrete.outputs)
        2
        """
        return [o for o in flatten(self.structured_outputs) if isinstance(o, SymbolicTensor)]

    @property
    def output_dtypes(self) -> Any:
        """The dtypes of the outputs, in their structure.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.output_dtypes
        (tf.float32, tf.float32)
        """
        return pack_sequence_as(self._structure, [d for _, d in self._output_specs])

    @property
    def function_type(self) -> tuple[Any, dict[str, Any]]:
        """The call signature (here: ``structured_input_signature``).

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.function_type == concrete.structured_input_signature
        True
        """
        return self.structured_input_signature

    def pretty_source(self) -> str:
        """The generated Python source of this program.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> 'def ' in concrete.pretty_source()
        True
        """
        return self._program.source

    @property
    def graph(self) -> Any:
        """The compiled program (tapeflow's stand-in for TF's FuncGraph).

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x, y: (x * y, x + y))
        >>> concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32), tf.constant(1.0))
        >>> concrete.graph.source == concrete.pretty_source()
        True
        """
        return self._program
