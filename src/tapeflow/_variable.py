"""tf.Variable: a mutable slot holding an immutable value.

Reading a variable makes a Tensor that shares the current value; assigning
swaps in a new value, so tensors read earlier keep theirs. Reads are what
tapes record (and auto-watch, for trainable variables); assignments are not
differentiable.

>>> import tapeflow as tf
>>> v = tf.Variable(1.0)
>>> v
<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>
>>> v.assign_add(2.0)
<tf.Variable 'UnreadVariable' shape=() dtype=float32, numpy=3.0>
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _dispatch
from ._name_scope import current_scope
from ._tensor import (
    HoldsValue,
    Tensor,
    TensorShape,
    convert_to_tensor,
    next_id,
    numpy_text_for_repr,
    remember_slice,
    wrap,
)
from ._types import DTypeLike, ShapeLike, TensorLike
from .errors import InvalidArgumentError
from .ops.index import normalize_index
from .ops.sparse import IndexedSlices

__all__ = ["Variable"]

# tf.variable_creator_scope's creators, per thread, outermost first (pushed by
# _registries.variable_creator_scope).
_creators = threading.local()


def creator_stack() -> list:
    """This thread's variable creators, outermost first."""
    stack = getattr(_creators, "stack", None)
    if stack is None:
        stack = _creators.stack = []
    return stack


class _VariableType(type):
    """Routes ``tf.Variable(...)`` through the active variable creators, as TF does
    (subclasses such as keras.Variable are created directly)."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        stack = getattr(_creators, "stack", None)
        if not stack or cls is not Variable:
            return super().__call__(*args, **kwargs)
        import inspect

        bound = inspect.signature(Variable.__init__).bind(None, *args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        arguments.pop("self")
        create = functools.partial(type.__call__, cls)
        for creator in stack:  # the innermost scope's creator runs first
            create = functools.partial(_call_creator, creator, create)
        return create(**arguments)


def _call_creator(creator: Callable, next_creator: Callable, **kwargs: Any) -> Any:
    return creator(next_creator, **kwargs)


class Variable(HoldsValue, metaclass=_VariableType):
    """A trainable value that GradientTape watches automatically when read.

    >>> import tapeflow as tf
    >>> w = tf.Variable([1.0, 2.0], name="w")
    >>> with tf.GradientTape() as tape:
    ...     loss = tf.reduce_sum(w * w)
    >>> tape.gradient(loss, w).numpy().tolist()
    [2.0, 4.0]
    """

    __slots__ = ("_value", "_id", "_name", "_trainable", "__weakref__")

    def __init__(
        self,
        initial_value: TensorLike = None,
        trainable: bool | None = None,
        validate_shape: bool = True,
        caching_device: str | None = None,
        name: str | None = None,
        variable_def: Any = None,
        dtype: DTypeLike = None,
        import_scope: str | None = None,
        constraint: Callable[[Tensor], Tensor] | None = None,
        synchronization: Any = None,
        aggregation: Any = None,
        shape: ShapeLike = None,
        experimental_enable_variable_lifting: bool = True,
    ) -> None:
        if initial_value is None:
            raise ValueError("The initial_value must be specified.")
        if callable(initial_value):
            initial_value = initial_value()
        value = convert_to_tensor(initial_value, dtype=dtype)._value
        self._value = value
        self._id = next_id()  # also orders variables by creation
        self._name = current_scope() + ("Variable" if name is None else str(name)) + ":0"
        self._trainable = True if trainable is None else bool(trainable)
        if _dispatch._recorder_count:  # a tf.function is tracing: it must know
            _dispatch.record_creation(self)

    # -- reading --------------------------------------------------------------
    def read_value(self) -> Tensor:
        """The current value as a Tensor; active tapes record (and may watch) the read.

        >>> import tapeflow as tf
        >>> v = tf.Variable([1, 2])
        >>> v.read_value()
        <tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>
        """
        out = wrap(self._value)
        if _dispatch._active_count:
            _dispatch.record_read(self, out)
        return out

    value = read_value
    _as_tensor = read_value

    # -- attributes -----------------------------------------------------------
    @property
    def name(self) -> str:
        """The name given at creation, under the enclosing name scopes, plus ``:0``.

        >>> import tapeflow as tf
        >>> tf.Variable(1.0, name="bias").name
        'bias:0'
        """
        return self._name

    @property
    def trainable(self) -> bool:
        """Whether tapes watch this variable automatically when it is read.

        >>> import tapeflow as tf
        >>> tf.Variable(1.0).trainable, tf.Variable(1.0, trainable=False).trainable
        (True, False)
        """
        return self._trainable

    @property
    def handle(self) -> Variable:
        """The variable itself stands in for TensorFlow's resource handle.

        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0)
        >>> v.handle is v
        True
        """
        return self

    # -- assignment (not differentiable) --------------------------------------
    def _converted(self, value) -> np.ndarray:
        return convert_to_tensor(value, dtype=self.dtype)._value

    def _store(self, new_value, read_value: bool):
        if new_value.shape != self._value.shape:
            raise ValueError(
                f"Cannot assign value to variable ' {self._name}': Shape mismatch."
                f"The variable shape {TensorShape(self._value.shape)}, and the assigned "
                f"value shape {TensorShape(new_value.shape)} are incompatible."
            )
        owner = self._owner()
        owner._value = new_value
        return _UnreadVariable(owner) if read_value else None

    def _owner(self) -> Variable:
        return self

    def __getitem__(self, key):
        sliced = self.read_value()[key]
        remember_slice(sliced, self._owner(), key)
        return sliced

    def _assign_slice(self, key, value, method: str, read_value: bool):
        index = normalize_index(self._value.shape, key)
        updated = np.array(self._value)
        delta = self._converted(value)
        if method == "assign":
            updated[index] = delta
        elif method == "assign_add":
            updated[index] += delta
        else:
            updated[index] -= delta
        return self._store(updated, read_value)

    def assign(
        self,
        value: TensorLike,
        use_locking: bool = False,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Replace the value; returns the variable (unread) or None with read_value=False.

        >>> import tapeflow as tf
        >>> v = tf.Variable([1.0, 2.0])
        >>> v.assign([3.0, 4.0])
        <tf.Variable 'UnreadVariable' shape=(2,) dtype=float32, numpy=array([3., 4.], dtype=float32)>
        >>> v.assign([5.0, 6.0], read_value=False) is None
        True
        """
        if _dispatch._recorder_count:
            return self._recorded_store("assign", value, read_value)
        return self._store(self._converted(value), read_value)

    def _update_operand(self, delta, op_name: str) -> np.ndarray:
        """The delta of assign_add/assign_sub: TensorFlow never broadcasts it."""
        delta = self._converted(delta)
        if np.shape(delta) != np.shape(self._value):
            shape = ",".join(map(str, np.shape(self._value)))
            got = ",".join(map(str, np.shape(delta)))
            raise InvalidArgumentError(
                None, None,
                f"Cannot update variable with shape [{shape}] using a Tensor with shape "
                f"[{got}], shapes must be equal. [Op:{op_name}] name: ",
            )  # fmt: skip
        return delta

    def assign_add(
        self,
        delta: TensorLike,
        use_locking: bool = False,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Add ``delta`` (of the variable's shape: never broadcast) to the value.

        >>> import tapeflow as tf
        >>> v = tf.Variable(1.0)
        >>> _ = v.assign_add(0.5)
        >>> v.numpy()
        np.float32(1.5)
        """
        operand = self._update_operand(delta, "AssignAddVariableOp")
        if _dispatch._recorder_count:
            return self._recorded_store("assign_add", delta, read_value)
        return self._store(updated_value("assign_add", self._value, operand), read_value)

    def assign_sub(
        self,
        delta: TensorLike,
        use_locking: bool = False,
        name: str | None = None,
        read_value: bool = True,
    ) -> Variable | None:
        """Subtract ``delta`` (of the variable's shape: never broadcast) from the value.

        >>> import tapeflow as tf
        >>> v = tf.Variable([3, 4])
        >>> v.assign_sub([1, 1]).numpy().tolist()
        [2, 3]
        """
        operand = self._update_operand(delta, "AssignSubVariableOp")
        if _dispatch._recorder_count:
            return self._recorded_store("assign_sub", delta, read_value)
        return self._store(updated_value("assign_sub", self._value, operand), read_value)

    def scatter_add(
        self, sparse_delta: IndexedSlices, use_locking: bool = False, name: str | None = None
    ) -> Variable | None:
        """Add ``sparse_delta``'s values to the rows it names (repeated rows add up).

        >>> import tapeflow as tf
        >>> v = tf.Variable([1.0, 2.0, 3.0])
        >>> v.scatter_add(tf.IndexedSlices(tf.constant([5.0, 5.0]), [2, 2])).numpy()
        array([ 1.,  2., 13.], dtype=float32)
        """
        return self._scatter(sparse_delta, np.add, "ResourceScatterAdd")

    def scatter_sub(
        self, sparse_delta: IndexedSlices, use_locking: bool = False, name: str | None = None
    ) -> Variable | None:
        """Subtract ``sparse_delta``'s values from the rows it names: a sparse update.

        Only the named rows are written (an optimizer's step on an embedding).

        >>> import tapeflow as tf
        >>> v = tf.Variable([[1.0, 1.0], [2.0, 2.0]])
        >>> v.scatter_sub(tf.IndexedSlices(tf.constant([[0.5, 0.5]]), [1])).numpy()
        array([[1. , 1. ],
               [1.5, 1.5]], dtype=float32)
        """
        return self._scatter(sparse_delta, np.subtract, "ResourceScatterSub")

    def _scatter(self, sparse_delta, ufunc, op_name: str):
        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError(f"sparse_delta is not IndexedSlices: {sparse_delta}")
        if _dispatch._recorder_count:  # in a tf.function: a dense update the program keeps
            dense = convert_to_tensor(
                IndexedSlices(sparse_delta.values, sparse_delta.indices, self.shape.as_list())
            )
            method = "assign_add" if ufunc is np.add else "assign_sub"
            return self._recorded_store(method, dense, True)
        owner = self._owner()
        old = owner._value
        rows = np.asarray(convert_to_tensor(sparse_delta.indices)._value).reshape(-1)
        if rows.dtype.kind not in "iu":
            raise TypeError(f"indices must be integers, got {rows.dtype}")
        limit = old.shape[0] if old.ndim else 0
        bad = np.flatnonzero((rows < 0) | (rows >= limit))
        if bad.size:
            raise InvalidArgumentError(
                None, None,
                f"indices[{bad[0]}] = {rows[bad[0]]} is not in [0, {limit}) [Op:{op_name}]",
            )  # fmt: skip
        values = self._converted(sparse_delta.values)
        values = np.broadcast_to(values, rows.shape + old.shape[1:])
        # Rows change in place when nothing else holds the array (no tensor read
        # earlier, no view): the update then costs the touched rows, not a copy
        # of the table. Otherwise a copy keeps earlier reads as they were.
        # References here: the owner's slot, `old`, and getrefcount's argument.
        # A read-only array (say a batch viewing a tf.data source) is copied too.
        if not (isinstance(old, np.ndarray) and sys.getrefcount(old) <= 3 and old.flags.writeable):
            old = old.copy()
        ufunc.at(old, rows, values)
        owner._value = old
        return _UnreadVariable(owner)

    @property
    def initializer(self) -> None:
        """None: an eager variable is initialized when it is created (as in TensorFlow).

        >>> import tapeflow as tf
        >>> tf.Variable(1.0).initializer is None
        True
        """
        return None

    def _recorded_store(self, method: str, value, read_value: bool):
        """An assignment while a tf.function traces: done now, and kept in its program."""
        delta = convert_to_tensor(value, dtype=self.dtype)
        old = self._value
        result = self._store(updated_value(method, old, delta._value), read_value)
        _dispatch.record_write(self._owner(), method, delta, old)
        return result

    # -- printing and protocols ----------------------------------------------
    def _display_name(self) -> str:
        return f"'{self._name}'"

    def __repr__(self) -> str:
        return (
            f"<tf.Variable {self._display_name()} shape={self.shape} dtype={self.dtype.name}, "
            f"numpy={numpy_text_for_repr(self._value)}>"
        )

    __str__ = __repr__

    def __hash__(self):
        raise TypeError(
            f"Variable is unhashable. Instead, use variable.ref() as the key. (Variable: {self!r})"
        )

    def __len__(self) -> int:
        return len(self.read_value())

    def __iter__(self):
        return iter(self.read_value())


Variable.__name__ = Variable.__qualname__ = "ResourceVariable"


class _UnreadVariable(Variable):
    """What ``assign`` returns: the same variable, printed as 'UnreadVariable'."""

    __slots__ = ("_parent",)

    def __init__(self, parent: Variable):
        self._parent = parent
        self._id = parent._id
        self._name = parent._name
        self._trainable = parent._trainable

    @property
    def _value(self):
        return self._parent._value

    def _owner(self) -> Variable:
        return self._parent

    def _display_name(self) -> str:
        return "'UnreadVariable'"


def updated_value(method: str, old: Any, delta: Any) -> Any:
    """The value a variable holds after ``assign``/``assign_add``/``assign_sub``."""
    if method == "assign":
        return delta
    if method == "assign_add":
        return (old + delta).astype(old.dtype)
    return (old - delta).astype(old.dtype)


def _forward_to_value(name: str):
    def method(self, *args):
        return getattr(self.read_value(), name)(*args)

    method.__name__ = name
    return method


_OPERATORS = (
    "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __truediv__ __rtruediv__ "
    "__floordiv__ __rfloordiv__ __mod__ __rmod__ __pow__ __rpow__ __matmul__ __rmatmul__ "
    "__neg__ __abs__ __invert__ __and__ __rand__ __or__ __ror__ __xor__ __rxor__ "
    "__lt__ __le__ __gt__ __ge__ __eq__ __ne__ __float__ __int__ __index__ "
    "__complex__"
).split()

for _name in _OPERATORS:
    setattr(Variable, _name, _forward_to_value(_name))
