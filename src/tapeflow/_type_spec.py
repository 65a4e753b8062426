"""tf.TypeSpec and its family (NoneTensorSpec, TensorArraySpec, IndexedSlicesSpec,
OptionalSpec), tf.type_spec_from_value, tf.inside_function and tf.is_symbolic_tensor.

A spec describes a value's type without the value. As in TensorFlow, a spec is
equal to another of its class with the same serialization (``_serialize()``, the
tuple its repr shows), and ``TensorSpec`` (``_function/spec.py``) counts as a
TypeSpec. tapeflow never builds graphs from specs, so the component machinery TF
uses to pass composite values through graphs is reduced to what the public methods
need.
"""

from __future__ import annotations

import abc
from typing import Any

from . import dtypes as _dt
from ._function.spec import SymbolicTensor, TensorSpec
from ._tensor import Tensor, TensorShape, convert_to_tensor
from ._types import DTypeLike, ShapeLike
from .ops.sparse import IndexedSlices

__all__ = [
    "IndexedSlicesSpec", "NoneTensorSpec", "OptionalSpec", "TensorArraySpec", "TypeSpec",
    "inside_function", "is_symbolic_tensor", "type_spec_from_value",
]  # fmt: skip


class TypeSpec(abc.ABC):
    """The type of a composite value (abstract; TensorSpec and the specs below are its kinds).

    >>> issubclass(tf.TensorSpec, tf.TypeSpec), isinstance(tf.NoneTensorSpec(), tf.TypeSpec)
    (True, True)
    """

    __slots__ = ()

    @property
    @abc.abstractmethod
    def value_type(self) -> type:
        """The Python type of the values this spec describes.

        >>> tf.IndexedSlicesSpec().value_type.__name__
        'IndexedSlices'
        """

    @abc.abstractmethod
    def _serialize(self) -> tuple: ...

    @property
    @abc.abstractmethod
    def _component_specs(self) -> Any: ...

    @abc.abstractmethod
    def _to_components(self, value: Any) -> Any: ...

    @abc.abstractmethod
    def _from_components(self, components: Any) -> Any: ...

    def is_compatible_with(self, spec_or_value: Any) -> bool:
        """True when ``spec_or_value`` (a spec, or a value) fits this spec.

        >>> tf.TensorArraySpec([None]).is_compatible_with(tf.TensorArraySpec([3]))
        True
        """
        other = spec_or_value
        if not isinstance(other, TypeSpec):
            try:
                other = type_spec_from_value(other)
            except TypeError:
                return False
        if type(other) is not type(self):
            return False
        return all(_compatible(a, b) for a, b in zip(self._serialize(), other._serialize()))

    def is_subtype_of(self, other: Any) -> bool:
        """True when every value of this spec is a value of ``other``.

        >>> tf.TensorArraySpec([3]).is_subtype_of(tf.TensorArraySpec([None]))
        True
        """
        if type(other) is not type(self):
            return False
        return all(_subtype(a, b) for a, b in zip(self._serialize(), other._serialize()))

    def most_specific_common_supertype(self, others: list) -> Any:
        """The most specific spec of this class that covers this one and ``others``
        (None when there is none).

        >>> tf.TensorArraySpec([2]).most_specific_common_supertype([tf.TensorArraySpec([3])])
        TensorArraySpec(TensorShape([None]), tf.float32, False, True)
        """
        fields = list(self._serialize())
        for other in others:
            if type(other) is not type(self):
                return None
            for i, (a, b) in enumerate(zip(fields, other._serialize())):
                common = _common(a, b)
                if common is _NONE:
                    return None
                fields[i] = common
        return type(self)(*fields)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._serialize() == other._serialize()  # type: ignore[attr-defined]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(self._serialize())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._serialize()!r}"


TypeSpec.register(TensorSpec)

_NONE = object()  # "no common supertype"


def _compatible(a: Any, b: Any) -> bool:
    if isinstance(a, TensorShape) and isinstance(b, TensorShape):
        return a.is_compatible_with(b)
    if isinstance(a, TypeSpec) and isinstance(b, TypeSpec):
        return a.is_compatible_with(b)
    return a == b


def _subtype(a: Any, b: Any) -> bool:
    if isinstance(a, TensorShape) and isinstance(b, TensorShape):
        if b.rank is None:
            return True
        return a.rank == b.rank and all(y is None or x == y for x, y in zip(a, b))
    if isinstance(a, TypeSpec) and isinstance(b, TypeSpec) and hasattr(a, "is_subtype_of"):
        return a.is_subtype_of(b)
    return a == b


def _common(a: Any, b: Any) -> Any:
    if isinstance(a, TensorShape) and isinstance(b, TensorShape):
        if a.rank is None or b.rank is None or a.rank != b.rank:
            return TensorShape(None)
        return TensorShape([x if x == y else None for x, y in zip(a, b)])
    if isinstance(a, TypeSpec) and isinstance(b, TypeSpec):
        common = a.most_specific_common_supertype([b])
        return _NONE if common is None else common
    return a if a == b else _NONE


class NoneTensor:
    """The value a NoneTensorSpec describes: None standing where a tensor may be.

    >>> tf.NoneTensorSpec().value_type.__name__
    'NoneTensor'
    """


class NoneTensorSpec(TypeSpec):
    """The spec of None in a structure of tensors (``tf.type_spec_from_value(None)``).

    >>> tf.NoneTensorSpec(), tf.NoneTensorSpec().is_compatible_with(None)
    (NoneTensorSpec(), True)
    """

    __slots__ = ()

    @property
    def value_type(self) -> type:
        """``NoneTensor``.

        >>> tf.NoneTensorSpec().value_type.__name__
        'NoneTensor'
        """
        return NoneTensor

    def _serialize(self) -> tuple:
        return ()

    @property
    def _component_specs(self) -> Any:
        return []

    def _to_components(self, value: Any) -> Any:
        return []

    def _from_components(self, components: Any) -> Any:
        return None


class TensorArraySpec(TypeSpec):
    """The spec of a tf.TensorArray: element shape and dtype, dynamic_size, infer_shape.

    >>> tf.TensorArraySpec([2], tf.float32)
    TensorArraySpec(TensorShape([2]), tf.float32, False, True)
    """

    __slots__ = ("_element_shape", "_dtype", "_dynamic_size", "_infer_shape")

    def __init__(
        self,
        element_shape: ShapeLike = None,
        dtype: DTypeLike = _dt.float32,
        dynamic_size: bool = False,
        infer_shape: bool = True,
    ) -> None:
        self._element_shape = TensorShape(element_shape)
        self._dtype = _dt.as_dtype(dtype)
        self._dynamic_size = dynamic_size
        self._infer_shape = infer_shape

    @property
    def value_type(self) -> type:
        """``tf.TensorArray``.

        >>> tf.TensorArraySpec().value_type.__name__
        'TensorArray'
        """
        from .tensor_array import TensorArray

        return TensorArray

    @staticmethod
    def from_value(value: Any) -> TensorArraySpec:
        """The spec of a TensorArray.

        >>> tf.TensorArraySpec.from_value(tf.TensorArray(tf.int32, size=2))
        TensorArraySpec(TensorShape(None), tf.int32, False, True)
        """
        if not isinstance(value, TensorArraySpec().value_type):
            raise TypeError(f"Expected value to be a TensorArray, but got: `{type(value)}`")
        array: Any = value
        return TensorArraySpec(
            array.element_shape, array.dtype, array.dynamic_size, array._infer_shape
        )

    def is_compatible_with(self, spec_or_value: Any) -> bool:
        """Same dtype and dynamic_size, compatible element shapes (infer_shape is not
        compared, as in TF).

        >>> tf.TensorArraySpec([2], infer_shape=False).is_compatible_with(tf.TensorArraySpec([None]))
        True
        """
        other = spec_or_value
        if not isinstance(other, TypeSpec):
            other = type_spec_from_value(other)
        return (isinstance(other, TensorArraySpec) and self._dtype == other._dtype
                and self._element_shape.is_compatible_with(other._element_shape)
                and self._dynamic_size == other._dynamic_size)  # fmt: skip

    def is_subtype_of(self, other: Any) -> bool:
        """Same dtype and dynamic_size (TF compares nothing else here).

        >>> tf.TensorArraySpec([2]).is_subtype_of(tf.TensorArraySpec([3]))
        True
        """
        return (isinstance(other, TensorArraySpec) and self._dtype == other._dtype
                and self._dynamic_size == other._dynamic_size)  # fmt: skip

    def _serialize(self) -> tuple:
        return (self._element_shape, self._dtype, self._dynamic_size, self._infer_shape)

    @property
    def _component_specs(self) -> Any:
        return [TensorSpec(None, self._dtype)]

    def _to_components(self, value: Any) -> Any:
        return [value.stack()]

    def _from_components(self, components: Any) -> Any:
        from .tensor_array import TensorArray

        return TensorArray(self._dtype, size=0, dynamic_size=True).unstack(components[0])


class IndexedSlicesSpec(TypeSpec):
    """The spec of a tf.IndexedSlices: dense shape, values' dtype, the indices' dtype,
    the dense shape's dtype and the indices' shape.

    >>> tf.IndexedSlicesSpec([4, 2], tf.float64, tf.int32)
    IndexedSlicesSpec(TensorShape([4, 2]), tf.float64, tf.int32, None, TensorShape([None]))
    """

    __slots__ = ("_shape", "_values_dtype", "_indices_dtype", "_dense_shape_dtype",
                 "_indices_shape")  # fmt: skip

    def __init__(
        self,
        shape: ShapeLike = None,
        dtype: DTypeLike = _dt.float32,
        indices_dtype: DTypeLike = _dt.int64,
        dense_shape_dtype: DTypeLike | None = None,
        indices_shape: ShapeLike = None,
    ) -> None:
        self._shape = TensorShape(shape)
        self._values_dtype = _dt.as_dtype(dtype)
        self._indices_dtype = _dt.as_dtype(indices_dtype)
        self._dense_shape_dtype = (
            None if dense_shape_dtype is None else _dt.as_dtype(dense_shape_dtype)
        )
        self._indices_shape = TensorShape([None] if indices_shape is None else indices_shape)

    @property
    def value_type(self) -> type:
        """``tf.IndexedSlices``.

        >>> tf.IndexedSlicesSpec().value_type.__name__
        'IndexedSlices'
        """
        return IndexedSlices

    def _serialize(self) -> tuple:
        return (self._shape, self._values_dtype, self._indices_dtype,
                self._dense_shape_dtype, self._indices_shape)  # fmt: skip

    @property
    def _component_specs(self) -> Any:
        return [TensorSpec(None, self._values_dtype), TensorSpec(None, self._indices_dtype)]

    def _to_components(self, value: Any) -> Any:
        return [value.values, value.indices]

    def _from_components(self, components: Any) -> Any:
        return IndexedSlices(components[0], components[1])


class OptionalSpec(TypeSpec):
    """The spec of a ``tf.experimental.Optional`` holding values of ``element_spec``.

    tapeflow has no Optional values (they belong to tf.data's graph iterators), so
    the spec describes one but ``value_type`` raises NotImplementedError.

    >>> tf.OptionalSpec(tf.TensorSpec([2]))
    OptionalSpec(TensorSpec(shape=(2,), dtype=tf.float32, name=None),)
    """

    __slots__ = ("_element_spec",)

    def __init__(self, element_spec: Any) -> None:
        self._element_spec = element_spec

    @property
    def element_spec(self) -> Any:
        """The spec of the value the Optional may hold.

        >>> tf.OptionalSpec(tf.TensorSpec([], tf.int32)).element_spec
        TensorSpec(shape=(), dtype=tf.int32, name=None)
        """
        return self._element_spec

    @property
    def value_type(self) -> type:
        """Raises NotImplementedError: tapeflow has no tf.experimental.Optional.

        >>> tf.OptionalSpec(None).value_type
        Traceback (most recent call last):
        ...
        NotImplementedError: tapeflow has no tf.experimental.Optional values
        """
        raise NotImplementedError("tapeflow has no tf.experimental.Optional values")

    def _serialize(self) -> tuple:
        return (self._element_spec,)

    @property
    def _component_specs(self) -> Any:
        return [self._element_spec]

    def _to_components(self, value: Any) -> Any:
        return [value]

    def _from_components(self, components: Any) -> Any:
        return components[0]


def type_spec_from_value(value: Any) -> TypeSpec | TensorSpec:
    """The TypeSpec of ``value``: a tensor (or anything convertible to one), an
    IndexedSlices, a TensorArray or None.

    Variables give a TensorSpec of their shape and dtype (TF's VariableSpec is not
    part of tapeflow).

    >>> tf.type_spec_from_value(tf.constant([1.0, 2.0]))
    TensorSpec(shape=(2,), dtype=tf.float32, name=None)
    >>> tf.type_spec_from_value(None)
    NoneTensorSpec()
    """
    if value is None:
        return NoneTensorSpec()
    if isinstance(value, IndexedSlices):
        dense_shape = value.dense_shape
        shape = None if dense_shape is None else [int(d) for d in dense_shape.numpy()]
        return IndexedSlicesSpec(
            shape, value.values.dtype, value.indices.dtype,
            None if dense_shape is None else dense_shape.dtype, value.indices.shape,
        )  # fmt: skip
    if type(value).__name__ == "TensorArray" and type(value).__module__.startswith("tapeflow."):
        return TensorArraySpec.from_value(value)
    if isinstance(value, TypeSpec):
        raise TypeError(
            f"Could not build a TypeSpec for {value!r} of unsupported type {type(value)}."
        )  # TF-TEXT
    if isinstance(value, Tensor) or hasattr(value, "shape") and hasattr(value, "dtype"):
        try:
            return TensorSpec(value.shape, value.dtype)
        except (TypeError, ValueError):
            pass
    try:
        tensor = convert_to_tensor(value)
    except Exception:  # any value TF cannot convert: TF's TypeError
        raise TypeError(
            f"Could not build a TypeSpec for {value!r} of unsupported type {type(value)}."
        ) from None  # TF-TEXT
    return TensorSpec(tensor.shape, tensor.dtype)


def inside_function() -> bool:
    """True while a tf.function traces its body (TF: while building a graph).

    >>> tf.inside_function()
    False
    >>> bool(tf.function(lambda: tf.inside_function())())
    True
    """
    from ._function.trace import active_trace

    return active_trace() is not None


def is_symbolic_tensor(tensor: Any) -> bool:
    """True for a tensor made inside the tf.function being traced (TF's graph tensors):
    its arguments and what is computed from them, not eager tensors it captures.

    >>> tf.is_symbolic_tensor(tf.constant(1.0))
    False
    >>> bool(tf.function(lambda x: tf.is_symbolic_tensor(x))(tf.constant(1.0)))
    True
    """
    if isinstance(tensor, SymbolicTensor):
        return True
    if type(tensor) is not Tensor:
        return False
    from ._function.trace import active_trace

    trace = active_trace()
    if trace is None:
        return False
    return tensor._id >= trace.start_id or tensor._id in trace.arg_names
