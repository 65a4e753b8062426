"""tf.function: tracing rules, caches and calls.

A call is keyed by its arguments as TensorFlow keys them (``keys.py``). Two
levels of cache keep TF's observable counts while programs stay specialised:

* a *signature* is what TensorFlow traces for: the exact key, or a relaxed
  one (``input_signature``, ``reduce_retracing``). Each new signature runs the
  Python function visibly (its ``print`` calls, the tracing count);
* a *program* is compiled per concrete key. A new shape under an existing
  relaxed signature traces again silently (Python's ``print`` output is
  dropped; ``tf.print`` still prints).

Each program is a ConcreteFunction (``concrete.py``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import _backend, _dispatch
from .._nest import flatten, pack_sequence_as
from .._tensor import Tensor, TensorShape, convert_to_tensor, wrap
from .._variable import Variable
from ..errors import OpError
from ..ops.elementwise import identity
from . import autograph, printing
from . import trace as _trace
from .concrete import _NOT_COVERED, ConcreteFunction
from .keys import (
    _covers,
    _example,
    _key,
    _rebuild_args,
    _relax_all,
    _shapes_in,
    _spec_key,
    iter_from,
)
from .spec import TensorSpec

__all__ = ["function", "Function", "ConcreteFunction"]

_VARIABLE_ERROR = (
    "tf.function only supports singleton tf.Variables created on the first call. Make sure the "
    "tf.Variable is only created once or created outside tf.function. See "
    "https://www.tensorflow.org/guide/function#creating_tfvariables for more information."
)

RUN_EAGERLY = [False]  # tf.config.run_functions_eagerly
_MAX_PATHS = 16  # programs kept per argument key (one per path its guards allow)


class Function:
    """A Python function traced into programs: what ``tf.function`` returns.

    >>> import tapeflow as tf
    >>> double = tf.function(lambda x: 2 * x)
    >>> print(double(tf.constant([1, 2])))
    tf.Tensor([2 4], shape=(2,), dtype=int32)
    """

    def __init__(
        self,
        python_function: Callable[..., Any],
        input_signature: Sequence[Any] | None = None,
        autograph: bool = True,
        jit_compile: bool | None = None,
        reduce_retracing: bool = False,
        name: str | None = None,
        **experimental: Any,
    ) -> None:
        self._python_function = python_function
        if input_signature is not None:
            input_signature = tuple(input_signature)
            for spec in flatten(list(input_signature)):
                if not isinstance(spec, TensorSpec):
                    raise TypeError(
                        "input_signature must be a possibly nested sequence of TensorSpec "
                        f"objects, got invalid args {spec!r} with type {type(spec)}."
                    )
        self._input_signature: Any = input_signature
        self._autograph = autograph
        self._jit_compile = jit_compile
        self._reduce_retracing = reduce_retracing
        self._name = name or getattr(python_function, "__name__", "function")
        self._experimental = experimental
        try:
            import inspect  # first use only: importing it costs ~20 ms

            self._signature: Any = inspect.signature(python_function)
        except (TypeError, ValueError):
            self._signature = None
        self._simple = self._signature is not None and all(
            p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
            for p in self._signature.parameters.values()
        )
        self._n_params = len(self._signature.parameters) if self._signature else -1
        self._programs: dict = {}  # concrete key -> [ConcreteFunction]
        self._signatures: list = []  # keys TensorFlow would have traced for, in order
        self._tracing_count = 0
        self._traced = False  # a trace has completed: creating variables is an error now
        self._bound: dict = {}
        functools.update_wrapper(self, python_function)

    # -- methods: one Function (one cache) per instance --------------------------
    def __get__(self, instance, owner):
        if instance is None:
            return self
        entry = self._bound.get(id(instance))
        if entry is not None and entry[0]() is instance:
            return entry[1]
        bound = Function(
            self._python_function.__get__(instance, owner),
            self._input_signature,
            self._autograph,
            self._jit_compile,
            self._reduce_retracing,
            self._name,
            **self._experimental,
        )
        key = id(instance)
        try:
            ref = weakref.ref(instance, lambda _, key=key, bound=self._bound: bound.pop(key, None))
        except TypeError:
            ref = lambda instance=instance: instance  # noqa: E731 (not weakly referenceable)
        self._bound[key] = (ref, bound)
        return bound

    @property
    def python_function(self) -> Callable[..., Any]:
        """The Python function this Function traces.

        >>> import tapeflow as tf
        >>> def square(x):
        ...     return x * x
        >>> tf.function(square).python_function is square
        True
        """
        return self._python_function

    @property
    def input_signature(self) -> tuple[Any, ...] | None:
        """The TensorSpecs every call must match, or None when calls trace per signature.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x: x, input_signature=[tf.TensorSpec([None], tf.float32)])
        >>> f.input_signature
        (TensorSpec(shape=(None,), dtype=tf.float32, name=None),)
        """
        return self._input_signature

    @property
    def function_spec(self) -> Any:
        """The Python signature of the traced function (``inspect.Signature``).

        >>> import tapeflow as tf
        >>> def affine(x, w, b=0.0):
        ...     return x * w + b
        >>> print(tf.function(affine).function_spec)
        (x, w, b=0.0)
        """
        return self._signature

    def experimental_get_tracing_count(self) -> int:
        """How many times TensorFlow would have traced the Python function so far.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x: x + 1)
        >>> _ = f(tf.constant(1)), f(tf.constant(2)), f(tf.constant([1, 2]))
        >>> f.experimental_get_tracing_count()
        2
        """
        return self._tracing_count

    def __repr__(self) -> str:
        return f"<tapeflow.function.Function object at 0x{id(self):x}>"

    # -- calls ----------------------------------------------------------------------
    def _canonical(self, args: tuple, kwargs: dict) -> tuple:
        if not kwargs and (self._simple and len(args) == self._n_params):
            return args
        if self._signature is None:
            if kwargs:
                raise TypeError(f"{self._name}() takes no keyword arguments here")
            return args
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError as error:
            if self._input_signature is not None:
                raise self._binding_error(args, kwargs, str(error)) from None
            raise
        bound.apply_defaults()
        out = []
        for name, param in self._signature.parameters.items():
            value = bound.arguments[name]
            if param.kind is param.VAR_POSITIONAL:
                out.extend(value)
            elif param.kind is param.VAR_KEYWORD:
                out.append(dict(value))
            elif param.kind is param.KEYWORD_ONLY:
                out.append(value)
            else:
                out.append(value)
        return tuple(out)

    def _call_python(self, args: tuple):
        function = self._python_function
        if self._autograph:
            function = autograph.convert(function)
        if self._signature is None:
            return function(*args)
        positional, keywords = [], {}
        values = iter(args)
        for name, param in self._signature.parameters.items():
            if param.kind is param.VAR_POSITIONAL:
                rest = list(values)
                count = len(rest) - sum(
                    1 for p in self._signature.parameters.values()
                    if p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD)
                )  # fmt: skip
                positional.extend(rest[:count])
                values = iter(rest[count:])
            elif param.kind is param.VAR_KEYWORD:
                keywords.update(next(values))
            elif param.kind is param.KEYWORD_ONLY:
                keywords[name] = next(values)
            else:
                positional.append(next(values))
        return function(*positional, **keywords)

    def _binding_error(self, args, kwargs, reason: str) -> TypeError:
        params = list(self._signature.parameters) if self._signature else []
        shown = ", ".join(f"{name}: {spec!r}" for name, spec in zip(params, self._input_signature))
        return TypeError(
            f"Binding inputs to tf.function failed due to `{reason}`. Received args: "
            f"{args!r} and kwargs: {kwargs!r} for signature: ({shown})."
        )

    def _check_signature(self, args: tuple, kwargs: dict, original: tuple) -> tuple:
        if len(args) > len(self._input_signature):
            raise self._binding_error(original, kwargs, "too many positional arguments")
        return tuple(self._conform(value, spec, original, kwargs)
                     for value, spec in zip(args, self._input_signature))  # fmt: skip

    def _conform(self, value, spec, original, kwargs):
        """``value`` as a tensor (or structure of them) matching ``spec``, or TF's TypeError."""
        if isinstance(spec, TensorSpec):
            if isinstance(value, Variable):
                tensor = value
            else:
                try:
                    tensor = convert_to_tensor(value, dtype_hint=spec.dtype)
                except (TypeError, ValueError):
                    raise self._binding_error(
                        original, kwargs, f"Can not cast {value!r} to {spec!r}"
                    ) from None
            got = TensorSpec(tensor.shape, tensor.dtype, spec.name)
            if not spec.is_compatible_with(got):
                raise self._binding_error(original, kwargs, f"Can not cast {got!r} to {spec!r}")
            return tensor
        if isinstance(spec, dict) and isinstance(value, dict) and set(spec) == set(value):
            return {k: self._conform(value[k], spec[k], original, kwargs) for k in value}
        if (isinstance(spec, (list, tuple)) and isinstance(value, (list, tuple))
                and len(spec) == len(value)):  # fmt: skip
            return type(value)(self._conform(v, s, original, kwargs) for v, s in zip(value, spec))
        raise self._binding_error(original, kwargs, f"Can not cast {value!r} to {spec!r}")

    def __call__(self, *args, **kwargs):
        if RUN_EAGERLY[0]:
            return self._python_function(*args, **kwargs)
        original = args
        if kwargs or not self._simple or len(args) != self._n_params:
            args = self._canonical(args, kwargs)
        if self._input_signature is not None:
            args = self._check_signature(args, kwargs, original)
        leaves: list = []
        key = tuple([_key(a, leaves) for a in args])
        if _backend.foreign_seen:
            key = _library_key(key, leaves)
        entries = self._programs.get(key)
        if entries is not None:
            if not (_dispatch._active_count and _dispatch.active_stack()):
                values = [x._value if x.__class__ is Tensor else x for x in leaves]
                for concrete in entries:
                    result = concrete._run(values)
                    if result is not _NOT_COVERED:
                        return result
            else:
                for concrete in entries:
                    result = concrete._replay(leaves)
                    if result is not _NOT_COVERED:
                        return result
        return self._trace(args, key, leaves)[1]

    # -- tracing ----------------------------------------------------------------------
    def _signature_for(self, key) -> tuple[tuple, bool]:
        """The signature TF traces for ``key``, and whether that trace is new."""
        if self._input_signature is not None:
            if self._signatures:
                return self._signatures[0], False
            spec_key = ("signature",)
            return spec_key, True
        for seen in self._signatures:
            if seen == key or _covers(seen, key):
                return seen, False
        if self._reduce_retracing:
            for seen in self._signatures:
                relaxed = _relax_all(key, seen)
                if relaxed is not None and relaxed != seen:
                    return relaxed, True
        return key, True

    def _shown_shapes(self, signature, leaves) -> list:
        if signature == ("signature",):
            return [s.shape for s in flatten(list(self._input_signature))]
        shapes: list = []
        for part in signature:
            _shapes_in(part, shapes)
        if len(shapes) != len(leaves):
            return [TensorShape(x._value.shape) for x in leaves]
        return shapes

    def _arg_names(self, args: tuple) -> list:
        names = []
        params = list(self._signature.parameters) if self._signature else []
        specs = flatten(list(self._input_signature)) if self._input_signature else None
        for position, value in enumerate(args):
            base = params[position] if position < len(params) else f"args_{position}"
            count = 0
            for leaf in flatten(value):
                if leaf.__class__ is Tensor or isinstance(leaf, (Variable, np.ndarray)):
                    names.append(base if count == 0 else f"{base}_{count}")
                    count += 1
        if specs is not None:
            names = [s.name or n for s, n in zip(specs, names)]
        return names

    def _trace(self, args: tuple, key, leaves: list, dry: bool = False, signature=None):
        # A trace makes many small, acyclic objects (records, nodes): the cycle
        # collector would walk them again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._trace_with_collector_off(args, key, leaves, dry, signature)
        finally:
            if collecting:
                gc.enable()

    def _trace_with_collector_off(self, args, key, leaves, dry, signature):
        if signature is None:
            signature, visible = self._signature_for(key)
        else:
            visible = signature not in self._signatures
        for attempt in range(2):
            first = not self._traced
            trace = _trace.Trace(dry=dry)
            outer = bool(_dispatch._active_count and _dispatch.active_stack())
            fresh = []
            for leaf in leaves:
                if leaf.__class__ is Tensor:
                    fresh.append(identity(leaf) if outer else wrap(leaf._value))
                else:
                    fresh.append(leaf)
            shown = self._shown_shapes(signature, leaves)
            for tensor, name, shape in zip(fresh, self._arg_names(args), shown):
                if tensor.__class__ is Tensor:
                    trace.arg_names[tensor._id] = (name, shape)
            trace.arg_variables = {leaf._id for leaf in fresh if isinstance(leaf, Variable)}
            call_args = tuple(_rebuild_args(a, iter_from(fresh, args, i))
                              for i, a in enumerate(args))  # fmt: skip
            quiet = not visible and not dry
            _trace.enter(trace)
            pending = _begin_buffering(trace)
            try:
                with _silenced() if quiet else contextlib.nullcontext():
                    result = self._call_python(call_args)
                    out_leaves = flatten(result)
                    outputs = [_output(leaf) for leaf in out_leaves]
            except Exception as error:
                _trace.leave(trace)
                _end_buffering(trace, pending, keep=False)
                trace.undo_writes()
                raise _in_user_code(error, self._autograph) from error.__cause__
            _trace.leave(trace)
            if trace.created and (self._traced or attempt == 1):
                _end_buffering(trace, pending, keep=False)
                trace.undo_writes()
                raise ValueError(_user_code_text([], ValueError, _VARIABLE_ERROR))
            if trace.created and first:
                # TensorFlow traces a function that creates variables twice: once to
                # make them, once more for the program that then runs.
                _end_buffering(trace, pending, keep=False)
                trace.undo_writes()
                self._traced = True
                if visible:
                    self._tracing_count += 1
                continue
            break
        self._traced = True
        if visible:
            self._tracing_count += 1
            self._signatures.append(signature)
        tensor_outputs = [o for o in outputs if o.__class__ is Tensor]
        # The program is built (and compiled) when first needed, on a later call:
        # the trace itself was this call's run.
        unbuilt = (trace, fresh, tensor_outputs)
        concrete = ConcreteFunction(self, unbuilt, result, outputs, args, leaves, shown)
        programs = self._programs.setdefault(key, [])
        programs.append(concrete)
        if len(programs) > _MAX_PATHS:
            # Guards on values that keep changing (say float(x)) would otherwise
            # keep one program per value seen: the oldest paths go.
            del programs[0]
        if dry:
            _end_buffering(trace, pending, keep=False)
            trace.undo_writes()
        else:
            _end_buffering(trace, pending, keep=True)
        return concrete, pack_sequence_as(result, outputs)

    # -- concrete functions --------------------------------------------------------------
    def get_concrete_function(self, *args: Any, **kwargs: Any) -> ConcreteFunction:
        """The ConcreteFunction for these arguments (TensorSpecs or values), tracing if new.

        >>> import tapeflow as tf
        >>> f = tf.function(lambda x: x * 2.0)
        >>> concrete = f.get_concrete_function(tf.TensorSpec([None], tf.float32))
        >>> print(concrete(tf.constant([1.0, 2.0])))
        tf.Tensor([2. 4.], shape=(2,), dtype=float32)
        """
        if not args and not kwargs and self._input_signature is not None:
            args = tuple(self._input_signature)
        args = self._canonical(args, kwargs)
        example = tuple(_example(a) for a in args)
        if self._input_signature is not None:
            example = self._check_signature(example, {}, example)
        leaves: list = []
        key = tuple([_key(a, leaves) for a in example])
        if _backend.foreign_seen:
            key = _library_key(key, leaves)
        entries = self._programs.get(key)
        signature = None
        if self._input_signature is None:
            signature = tuple(_spec_key(a) for a in args)
            if signature in self._signatures:
                signature = None
        if entries and signature is None:
            return entries[0]
        return self._trace(example, key, leaves, dry=True, signature=signature)[0]


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _user_code_text(frames: list, cls, message: str) -> str:
    lines = ["in user code:", ""]
    for frame in frames:
        lines.append(f'    File "{frame.filename}", line {frame.lineno}, in {frame.name}  *')
        lines.append(f"        {(frame.line or '').strip()}")
        lines.append("")
    if not frames:
        lines.append("")
    lines.append(f"    {cls.__name__}: {message}")
    return "\n".join(lines) + "\n"


def _in_user_code(error: Exception, autograph: bool) -> Exception:
    """An error raised while tracing, as TensorFlow shows it: the user's frames first.

    Only built-in exception types are rewritten (their constructor takes the
    message); others, and errors already rewritten by an inner trace, pass as is.
    """
    cls = type(error)
    if not autograph or getattr(error, "_tf_user_code", False) or cls.__module__ not in (
        "builtins", "tapeflow.errors"
    ) or issubclass(cls, OpError):  # fmt: skip
        return error
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not os.path.abspath(f.filename).startswith(_PACKAGE_DIR)]  # fmt: skip
    try:
        rewritten = cls(_user_code_text(frames, cls, str(error)))
    except Exception:  # noqa: BLE001 (a constructor that wants more than a message)
        return error
    rewritten._tf_user_code = True  # type: ignore[attr-defined]
    return rewritten.with_traceback(error.__traceback__)


def _output(leaf):
    """A returned value as TensorFlow returns it: a Tensor, or None."""
    if leaf is None or leaf.__class__ is Tensor:
        return leaf
    if isinstance(leaf, Variable):
        return leaf.read_value()
    return convert_to_tensor(leaf)


# -- tf.print output while a trace runs: held until the trace completes ----------------
def _begin_buffering(trace) -> list:
    pending: list = []
    printing.buffers.append(pending)
    return pending


def _end_buffering(trace, pending: list, keep: bool) -> None:
    printing.drop_buffer(pending)
    buffers = printing.buffers
    if keep:
        if buffers:
            buffers[-1].extend(pending)
        else:
            for item in pending:
                printing.write(item)


@contextlib.contextmanager
def _silenced():
    """Python's own output dropped (a silent re-specialisation); tf.print unaffected."""
    import sys

    printing.real_streams.append((sys.stdout, sys.stderr))
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        printing.real_streams.pop()


def function(
    func: Callable[..., Any] | None = None,
    input_signature: Sequence[Any] | None = None,
    autograph: bool = True,
    jit_compile: bool | None = None,
    reduce_retracing: bool = False,
    experimental_implements: str | None = None,
    experimental_autograph_options: Any = None,
    experimental_attributes: dict[str, Any] | None = None,
    experimental_relax_shapes: bool | None = None,
    experimental_compile: bool | None = None,
    experimental_follow_type_hints: bool | None = None,
) -> Any:
    """Compile a Python function into a program, as ``tf.function`` does.

    Works as ``@tf.function``, ``@tf.function(...)`` and ``tf.function(f)``.
    The Python function runs (is *traced*) once per new argument signature;
    later calls run the compiled program. See docs/function.md.

    >>> import tapeflow as tf
    >>> @tf.function
    ... def square(x):
    ...     print("tracing")
    ...     return x * x
    >>> print(square(tf.constant(3.0)))
    tracing
    tf.Tensor(9.0, shape=(), dtype=float32)
    >>> print(square(tf.constant(4.0)))
    tf.Tensor(16.0, shape=(), dtype=float32)
    >>> square.experimental_get_tracing_count()
    1
    """
    if experimental_relax_shapes:
        reduce_retracing = True
    if experimental_compile is not None and jit_compile is None:
        jit_compile = experimental_compile

    def decorate(f):
        return Function(
            f,
            input_signature=input_signature,
            autograph=autograph,
            jit_compile=jit_compile,
            reduce_retracing=reduce_retracing,
        )

    if func is None:
        return decorate
    return decorate(func)


def _library_key(key: tuple, leaves: list) -> tuple:
    """``key`` with the array library of its tensors added when it is not NumPy.

    A program bakes in constants made while tracing, in the library of the
    traced arguments: CuPy or Dask arguments get programs of their own.

    >>> import numpy as np
    >>> _library_key((), [np.ones(2)])
    ()
    """
    for leaf in leaves:
        value = getattr(leaf, "_value", leaf)
        if _backend.is_foreign(value):
            return (*key, ("P", "library:" + _backend.library_of(value)))
    return key
