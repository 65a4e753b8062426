"""The one dispatch point: every differentiable operation goes through ``apply``.

``apply(primitive, *inputs, **params)`` runs the primitive's NumPy impl, then
shows the operation to the transformations active on this thread, in the
order they were entered:

* a ForwardAccumulator computes the output's tangent with the primitive's JVP
  rule, running that rule with only the transformations entered *before* it
  active (so outer ones can differentiate it, inner ones never see it);
* a GradientTape appends a record if one of the inputs is watched by it.

When nothing is active anywhere (the common case), ``apply`` is a type check,
the impl call and one integer test.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

import numpy as np

from . import _backend
from . import dtypes as _dt
from ._tensor import Tensor, convert_to_tensor, dtype_mismatch, next_id, operand_for, wrap
from .errors import InvalidArgumentError, OpError, _op_error, _shape_text

__all__ = ["Primitive", "apply", "op_for", "PRIMITIVES"]

PRIMITIVES: dict[str, Primitive] = {}

_DIFFERENTIABLE_KINDS = "fc"
_new_object = object.__new__


class Primitive:
    """One entry of the primitive table: impl, derivative rules and a formula.

    ``vjp(g, ans, *inputs, **params)`` returns one cotangent per input (``None``
    for no gradient). ``jvp(tangents, ans, *inputs, **params)`` returns the
    output tangent; ``tangents`` holds ``None`` for zero. Rules are written with
    tapeflow ops, so they are differentiable themselves. A cotangent may carry
    extra leading (batch) axes; rules keep them by using negative axes.

    ``linear=True`` derives the JVP as the primitive applied to the tangents;
    ``elementwise=True`` (one input) derives it from the VJP, the Jacobian being
    diagonal.
    """

    __slots__ = (
        "name",
        "impl",
        "vjp",
        "jvp",
        "formula",
        "tf_name",
        "multiple_results",
        "differentiable",
        "same_dtype",
        "kinds",
        "dtypes",
        "linear",
        "elementwise",
        "holomorphic",
        "array_vjp",
        "selective",
        "saves",
        "packed",
        "reuses",
    )

    def __init__(
        self,
        name: str,
        impl,
        *,
        vjp=None,
        jvp=None,
        formula: str = "",
        tf_name: str | None = None,
        linear: bool = False,
        elementwise: bool = False,
        multiple_results: bool = False,
        differentiable: bool = True,
        same_dtype: bool = False,
        kinds: str | None = None,
        dtypes: tuple[str, str] | None = None,
        holomorphic: bool = True,
        array_vjp: Any = False,
        selective: bool = False,
        saves: bool = False,
        reuses: tuple | None = None,
    ):
        if name in PRIMITIVES:
            raise ValueError(f"primitive {name!r} is defined twice")
        if saves and linear:  # the derived JVP re-applies the primitive to the tangents
            raise ValueError(f"primitive {name!r}: saves=True needs a JVP of its own")
        self.name = name
        self.impl = impl
        self.vjp = vjp
        self.formula = formula
        self.tf_name = tf_name or "".join(p.capitalize() for p in name.split("_"))
        self.multiple_results = multiple_results
        self.differentiable = differentiable
        self.same_dtype = same_dtype
        self.kinds = kinds
        # TF's exact type list where the kinds are too coarse: (NumPy dtype chars, the
        # list as TF's message writes it); checked only with ``kinds`` set.
        self.dtypes = dtypes
        self.linear = linear
        self.elementwise = elementwise
        # For complex values TF's gradient is g * conj(f'(z)); for a holomorphic (or
        # linear) rule the sweep gets it as conj(vjp(conj(g))). Other rules opt out.
        self.holomorphic = holomorphic
        # The VJP's NumPy form: when nothing records, the sweep runs it on the
        # arrays themselves, skipping Tensor wrapping. `array_vjp=True` says the
        # rule text serves both forms (it uses Python operators and calls other
        # primitives through `op_for`); a function is the NumPy form written out,
        # for the few rules whose array form differs (say, one reusing `saved`).
        # None: the sweep always runs `vjp` on Tensors.
        self.array_vjp = vjp if array_vjp is True else (array_vjp or None)
        # The VJP takes `needs` (a bool per input) and skips cotangents nobody
        # asked for: worth it where one input's cotangent is an expensive product.
        self.selective = selective
        # The impl returns (result, saved): forward work the rules may reuse (say
        # exp(x - max) for logsumexp). It reaches the VJP and JVP as the keyword
        # `saved`, and is dropped with the record. A rule given Tensors must not
        # use it: it is a constant to the tapes, so higher orders recompute.
        self.saves = saves
        self.packed = multiple_results or saves  # apply unpacks the impl's result
        # (forward, impl): in a compiled program that also runs the ``saves``
        # primitive ``forward`` on this op's last inputs, ``impl(saved, *inputs,
        # **params)`` computes this op from what that forward saved (say a VJP
        # from the forward's exp(x - max)). Eager calls and replays use ``impl``.
        self.reuses = reuses
        if jvp is None and differentiable:
            if linear:
                jvp = self._linear_jvp
            elif elementwise:
                jvp = self._elementwise_jvp
        self.jvp = jvp
        PRIMITIVES[name] = self

    def _linear_jvp(self, tangents, ans, *inputs, **params):
        filled = [
            t if t is not None else wrap(np.zeros_like(x._value)) for t, x in zip(tangents, inputs)
        ]
        return self(*filled, **params)

    def _elementwise_jvp(self, tangents, ans, x, **params):
        return self.vjp(tangents[0], ans, x, **params)[0]

    def __repr__(self) -> str:
        return f"<primitive {self.name}>"

    if TYPE_CHECKING:  # ``apply`` itself is bound as __call__ after it is defined

        def __call__(self, *inputs: Any, **params: Any) -> Any: ...


# --------------------------------------------------------------------------
# The per-thread stack of active transformations
# --------------------------------------------------------------------------
class State:
    """One transformation on the per-thread stack: the one interface dispatch talks to.

    Tapes (``_tape.TapeState``), forward accumulators (``_forward.AccumulatorState``),
    custom_gradient's variable watcher (``_custom_gradient.VariableWatcher``) and
    recorders (tf.function's trace, check_numerics) implement it; each owns its
    state in its own module. ``position`` is the state's index in ``stack`` (an
    accumulator runs its rules with only the states before it). A new kind of
    state costs eager code nothing: with an empty stack ``apply`` never looks.
    """

    __slots__ = ()
    # Recorders are also shown non-differentiable ops and integer results.
    sees_everything = False
    # A state that defines ``record_call(fn, args, kwargs, out)`` keeps calls of
    # ``stateful`` functions as single nodes (see ``stateful``).
    record_call: Any = None
    # Forward accumulators compute tangents as the ops run (see ``reads_values``).
    computes_tangents = False

    def on_op(self, stack, position, prim, inputs, out, outputs, params) -> None:
        """``prim`` ran; ``outputs`` are its floating outputs (None if it has none)."""

    def on_read(self, stack, position, variable, out, differentiable: bool) -> None:
        """``variable`` was read as ``out``."""

    def on_custom(self, stack, position, inputs, results, outputs, grad_fn) -> None:
        """A custom_gradient function returned ``results``, passed on as ``outputs``."""

    def on_write(self, variable, method: str, delta, old) -> None:
        """``variable`` was assigned (``old``: the value it replaced)."""

    def on_creation(self, variable) -> None:
        """A Variable was created."""


class Recorder(State):
    """Base of states that see *every* operation (tf.function's graph recorder).

    Tapes and accumulators only see differentiable operations on floating
    values; a recorder is shown integer and non-differentiable results too,
    variable reads and writes, and custom-gradient outputs (as identities).
    Subclasses implement the ``record*`` methods.
    """

    __slots__ = ()
    sees_everything = True

    def record(self, prim, inputs, out, params) -> None:
        raise NotImplementedError

    def record_read(self, variable, out) -> None:
        raise NotImplementedError

    def record_write(self, variable, method: str, delta, old) -> None:
        raise NotImplementedError

    def record_creation(self, variable) -> None:
        raise NotImplementedError

    def on_op(self, stack, position, prim, inputs, out, outputs, params) -> None:
        self.record(prim, inputs, out, params)

    def on_read(self, stack, position, variable, out, differentiable: bool) -> None:
        self.record_read(variable, out)

    def on_custom(self, stack, position, inputs, results, outputs, grad_fn) -> None:
        identity = PRIMITIVES["identity"]
        for y, o in zip(results, outputs):
            self.record(identity, (y,), o, {})

    def on_write(self, variable, method: str, delta, old) -> None:
        self.record_write(variable, method, delta, old)

    def on_creation(self, variable) -> None:
        self.record_creation(variable)


def __getattr__(name: str):
    # The tape's and the accumulator's states live in their own modules.
    if name == "TapeState":
        from ._tape import TapeState

        return TapeState
    if name == "AccumulatorState":
        from ._forward import AccumulatorState

        return AccumulatorState
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _ThreadState(threading.local):
    def __init__(self):
        self.stack: list = []
        # While a loop body or cond branch is traced: every variable write, even one
        # no recorder sees (inside a ``stateful`` call), as (variable, old value).
        self.write_log: list | None = None


_local = _ThreadState()
# Entries on the stacks of all threads; zero means nothing can record anywhere.
_active_count = 0
# Recorders on the stacks of all threads: zero keeps them out of the hot path.
_recorder_count = 0
_count_lock = threading.Lock()


def active_stack() -> list:
    return _local.stack


def push(state) -> None:
    global _active_count, _recorder_count
    with _count_lock:
        _local.stack.append(state)
        _active_count += 1
        if state.sees_everything:
            _recorder_count += 1


def pop(state) -> None:
    global _active_count, _recorder_count
    stack = _local.stack
    for i in range(len(stack) - 1, -1, -1):
        if stack[i] is state:
            with _count_lock:
                del stack[i]
                _active_count -= 1
                if state.sees_everything:
                    _recorder_count -= 1
            return


def set_stack(stack: list) -> list:
    """Replace this thread's stack (the count is unchanged); returns the old one."""
    old = _local.stack
    _local.stack = stack
    return old


# --------------------------------------------------------------------------
# apply
# --------------------------------------------------------------------------
# False until a Dask or CuPy array first enters a Tensor (see _backend): only
# then can one op mix two array libraries, so NumPy-only programs never check.
_mixed_libraries_possible = False


def _enable_library_check() -> None:
    global _mixed_libraries_possible
    _mixed_libraries_possible = True


_backend._on_first_foreign.append(_enable_library_check)
if _backend.foreign_seen:
    _enable_library_check()


def apply(prim: Primitive, *inputs, **params):
    """Run ``prim`` on ``inputs`` and let active tapes and accumulators see it."""
    for x in inputs:
        if x.__class__ is not Tensor:
            inputs = _convert_inputs(prim, inputs)
            break
    if prim.same_dtype:
        a = inputs[0]._value.dtype
        b = inputs[1]._value.dtype
        if a is not b and a != b:
            raise dtype_mismatch(prim.tf_name, 1, a, b)
    if prim.kinds is not None:
        _check_kinds(prim, inputs)
    if _mixed_libraries_possible:
        return _apply_other_library(prim, inputs, params)
    try:
        if len(inputs) == 2:
            result = prim.impl(inputs[0]._value, inputs[1]._value, **params)
        elif len(inputs) == 1:
            result = prim.impl(inputs[0]._value, **params)
        else:
            result = prim.impl(*[x._value for x in inputs], **params)
    except (ValueError, IndexError) as error:  # NumPy's words -> TF's error class
        raise _translate_error(prim, inputs, error) from None
    except TypeError:  # NumPy has no loop for this dtype: TF has no kernel for it
        raise _unsupported_dtype(prim, inputs) from None
    return _finish(prim, inputs, result, params)


def _finish(prim: Primitive, inputs, result, params):
    if prim.packed:
        out, params = _unpack(prim, result, params)
    else:
        out = _new_object(Tensor)  # wrap(), inlined: this is the hottest line
        out._value = result
        out._id = next_id()
    if _active_count and (prim.differentiable or _recorder_count):
        stack = _local.stack
        if stack:
            _notify(stack, prim, inputs, out, params)
    return out


Primitive.__call__ = apply


def _apply_other_library(prim: Primitive, inputs, params):
    """``apply``'s impl call once Dask or CuPy arrays exist: the libraries are checked.

    Inputs of two libraries are an error; an impl that fails on another
    library's array, or would hand back a NumPy array for it (a silent
    conversion), raises UnimplementedError naming the op and the library.
    """
    values = [x._value for x in inputs]
    library = _backend.check_same_library(prim.tf_name, values)
    if library == "dask" and prim.elementwise:
        blockwise = _backend.dask_blockwise(prim.impl, values, params)
        if blockwise is not None:
            return _finish(prim, inputs, blockwise, params)
    try:
        result = prim.impl(*values, **params)
    except OpError:
        raise
    except Exception as error:
        if library is not None:
            raise _backend.not_lazy(prim.tf_name, library, error) from None
        if isinstance(error, (ValueError, IndexError)):
            raise _translate_error(prim, inputs, error) from None
        if isinstance(error, TypeError):
            raise _unsupported_dtype(prim, inputs) from None
        raise
    if library is not None and prim.name not in _backend.LEAVES_LIBRARY:
        _backend.check_result(prim.tf_name, library, result)
    return _finish(prim, inputs, result, params)


def _unpack(prim: Primitive, result, params: dict):
    """Outputs of a multi-result or saving primitive, and the params its rules get."""
    if prim.saves:
        result, saved = result
        params = {**params, "saved": saved}
    if prim.multiple_results:
        return tuple([wrap(r) for r in result]), params
    return wrap(result), params


def op_for(prim: Primitive, like):
    """``prim`` when ``like`` is a Tensor, else its bare NumPy impl.

    This is how an ``array_vjp`` rule calls another primitive: the sweep hands
    such a rule NumPy values only when nothing can record, so the impl is all
    the op needs to be. On Tensors the rule stays differentiable.
    """
    return prim if like.__class__ is Tensor else prim.impl


def _convert_inputs(prim: Primitive, inputs: tuple) -> tuple:
    if len(inputs) == 2 and prim.same_dtype:
        # The common case first: tensor (op) Python float, e.g. `y * x + 0.1`.
        x, y = inputs
        if x.__class__ is Tensor and y.__class__ is float and x._value.dtype.kind == "f":
            return x, wrap(x._value.dtype.type(y))
        if y.__class__ is Tensor and x.__class__ is float and y._value.dtype.kind == "f":
            return wrap(y._value.dtype.type(x)), y
    dtype = None
    if prim.same_dtype:
        for x in inputs[:2]:
            if x.__class__ is Tensor or hasattr(x, "_as_tensor"):
                dtype = x.dtype
                break
    converted = []
    for position, x in enumerate(inputs):
        if x.__class__ is not Tensor:
            if dtype is not None and position < 2:
                x = operand_for(x, dtype, prim.tf_name, position)
            else:
                x = convert_to_tensor(x)
                if prim.same_dtype and position == 0:
                    dtype = x.dtype  # tf.add(1.0, 2): the second converts to the first's dtype
        converted.append(x)
    return tuple(converted)


def _check_kinds(prim: Primitive, inputs) -> None:
    dtype = inputs[0]._value.dtype
    if dtype.kind not in prim.kinds or (
        prim.dtypes is not None and dtype.char not in prim.dtypes[0]
    ):
        raise _unsupported_dtype(prim, inputs)


def _unsupported_dtype(prim: Primitive, inputs) -> InvalidArgumentError:
    dtype = inputs[0]._value.dtype
    allowed = prim.dtypes[1] if prim.dtypes else _allowed_text(prim.kinds or "fciu")
    return InvalidArgumentError(
        None,
        None,
        f"Value for attr 'T' of {_dt._from_numpy(dtype).c_name} is not in the list of "
        f"allowed values: {allowed}\n\t; NodeDef: {{{{node "
        f"{prim.tf_name}}}}}; Op<name={prim.tf_name}> [Op:{prim.tf_name}] name: ",
    )


def _allowed_text(kinds: str) -> str:
    """TensorFlow's list of allowed dtypes for the NumPy kinds a primitive accepts."""
    names = {
        "f": "bfloat16, half, float, double",
        "c": "complex64, complex128",
        "i": "int8, int16, int32, int64",
        "u": "uint8, uint16, uint32, uint64",
        "b": "bool",
    }
    return ", ".join(names[k] for k in "fciub" if k in kinds)


def _translate_error(prim: Primitive, inputs, error: Exception) -> OpError:
    text = str(error)
    if "broadcast" in text and len(inputs) >= 2:
        shapes = " vs. ".join(_shape_text(x._value.shape) for x in inputs[:2])
        text = f"Incompatible shapes: {shapes}"
    return _op_error(text, prim.tf_name)


def _notify(stack: list, prim: Primitive, inputs, out, params) -> None:
    if prim.multiple_results:
        # Only floating outputs join watched sets (top_k's indices never do).
        outputs = [o for o in out if o._value.dtype.kind in _DIFFERENTIABLE_KINDS]
    elif out._value.dtype.kind in _DIFFERENTIABLE_KINDS:
        outputs = (out,)
    else:
        outputs = None  # integer and boolean results never carry gradients
    if outputs is None or not prim.differentiable:
        if _recorder_count:
            for position, state in enumerate(stack):
                if state.sees_everything:
                    state.on_op(stack, position, prim, inputs, out, outputs, params)
        return
    position = 0
    for state in stack:
        state.on_op(stack, position, prim, inputs, out, outputs, params)
        position += 1


def run_at(stack: list, position: int, rule, *args, **kwargs):
    """Run ``rule`` with only the states before ``position`` active (an accumulator's rules)."""
    _local.stack = stack[:position]
    try:
        return rule(*args, **kwargs)
    finally:
        _local.stack = stack


# --------------------------------------------------------------------------
# Variable reads
# --------------------------------------------------------------------------
# The read_variable primitive is defined with the others, in ops/variable.py;
# the table sits above this module, so it fills this name in when it loads.
READ_VARIABLE: Primitive | None = None


def record_read(variable, out: Tensor) -> None:
    """Tell the active states that ``variable`` was read as ``out``."""
    stack = _local.stack
    differentiable = out._value.dtype.kind in _DIFFERENTIABLE_KINDS
    position = 0
    for state in stack:
        state.on_read(stack, position, variable, out, differentiable)
        position += 1


def record_custom(stack: list, inputs, results, outputs, grad_fn) -> None:
    """Tell the active states about a custom_gradient call (see ``State.on_custom``)."""
    position = 0
    for state in stack:
        state.on_custom(stack, position, inputs, results, outputs, grad_fn)
        position += 1


def record_write(variable, method: str, delta: Tensor, old) -> None:
    """Tell the active states that ``variable`` was assigned (``old``: its value before)."""
    log = _local.write_log
    if log is not None:
        log.append((variable, old))
    for state in _local.stack:
        state.on_write(variable, method, delta, old)


def record_creation(variable) -> None:
    """Tell the active states that a tf.Variable was created (tf.function allows it once)."""
    for state in _local.stack:
        state.on_creation(variable)


def stateful(fn):
    """Mark a public function whose result is made outside ``apply`` (a random draw).

    While a tf.function traces, a call of ``fn`` becomes one node of the
    program, run again on every call, instead of a constant baked in by the
    trace; the recorder does not see the operations inside it.
    """

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if not _recorder_count:
            return fn(*args, **kwargs)
        stack = _local.stack
        keepers = [s for s in stack if s.record_call is not None]
        if not keepers:
            return fn(*args, **kwargs)
        _local.stack = [s for s in stack if not any(s is k for k in keepers)]
        try:
            out = fn(*args, **kwargs)
        finally:
            _local.stack = stack
        for state in keepers:
            state.record_call(fn, args, kwargs, out)
        return out

    return call


def _reading_other_library(name: str, body, args, kwargs):
    """``body(*args, **kwargs)`` for a function that reads values on the host: when it
    fails on a Dask or CuPy argument, UnimplementedError naming the function."""
    try:
        return body(*args, **kwargs)
    except OpError:
        raise
    except Exception as error:
        for tensor in _flat_tensors((args, kwargs)):
            if _backend.is_foreign(tensor._value):
                library = _backend.library_of(tensor._value)
                raise _backend.not_lazy(name, library, error) from None
        raise


def reads_values(fn=None, *, floats: bool = False):
    """Mark a public function that reads its tensor arguments' values outside ``apply``
    (indices, masks, sort orders turned into NumPy params).

    Traced, such a call would bake the first call's values into the program;
    as a ``stateful`` node it runs again on every call instead, and outer tapes
    see the primitives inside it on each run. A tape opened *inside* the traced
    function is different: its backward ops keep the trace's indices as params.
    So when such a tape records the call, the trace also guards the values read
    (integer and bool arguments; float ones too with ``floats=True``, for sort
    orders): a later call with other values traces again rather than reuse a
    wrong gradient.
    """
    if fn is None:
        return functools.partial(reads_values, floats=floats)
    # Its node reads its arguments only: a program may drop it when nothing uses
    # its result, and it writes no variable (see ``pure_call``).
    fn._pure_call = True
    marked = stateful(fn)
    name = fn.__name__

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if _mixed_libraries_possible:
            return _reading_other_library(name, call_body, args, kwargs)
        return call_body(*args, **kwargs)

    def call_body(*args, **kwargs):
        if not _recorder_count:
            return fn(*args, **kwargs)
        stack = _local.stack
        traces = [i for i, s in enumerate(stack) if s.record_call is not None]
        if traces and any(s.computes_tangents for s in stack[traces[0] + 1 :]):
            # An accumulator inside the trace would compute the tangents inside an opaque
            # call, out of the trace's sight (baked in as constants): run in the open,
            # the values read becoming params, and guard them.
            out = fn(*args, **kwargs)
        else:
            out = marked(*args, **kwargs)
        if traces and len(stack) > traces[0] + 1 + (len(traces) - 1):
            # Something other than a trace, entered inside the outermost trace, recorded
            # the call: a tape inside the function. Guard the values it depends on.
            read = [
                t
                for t in _flat_tensors((args, kwargs))
                if floats or t._value.dtype.kind not in "fc"
            ]
            for i in traces:
                guard = getattr(stack[i], "record_value_guard", None)
                if guard is not None:
                    for tensor in read:
                        guard(tensor)
        return out

    return call


def pure_call(fn) -> bool:
    """Whether a recorded call of ``fn`` (a ``reads_values`` function) only reads its arguments.

    >>> pure_call(print)
    False
    """
    return getattr(fn, "_pure_call", False)


def _flat_tensors(value) -> list:
    """The Tensors inside nested tuples, lists and dicts of arguments."""
    if value.__class__ is Tensor:
        return [value]
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in _flat_tensors(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _flat_tensors(v)]
    return []


def recorders() -> list:
    """The recorders active on this thread (tf.function traces), outermost first."""
    if not _recorder_count:
        return []
    return [s for s in _local.stack if isinstance(s, Recorder)]


def something_active() -> bool:
    return bool(_active_count and _local.stack)
