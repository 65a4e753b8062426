"""tf.test's helpers that make sense without graphs: a ``TestCase`` with TF's
array assertions and ``evaluate``, ``main``, ``Benchmark``, and the build queries
(tapeflow runs on NumPy: no CUDA, ROCm, XLA or GPU).

>>> import tapeflow as tf
>>> class AddTest(tf.test.TestCase):
...     def test_add(self):
...         self.assertAllClose(tf.constant([1.0, 2.0]) + 1.0, [2.0, 3.0])
>>> import unittest
>>> unittest.TextTestRunner(stream=open("/dev/null", "w")).run(
...     unittest.defaultTestLoader.loadTestsFromTestCase(AddTest)).wasSuccessful()
True
>>> tf.test.is_gpu_available(), tf.test.gpu_device_name()
(False, '')
"""

from __future__ import annotations

import contextlib
import re
import sys
import tempfile
import time
import unittest
from collections.abc import Callable as _Callable
from collections.abc import Iterator as _Iterator
from typing import Any as _Any

import numpy as np

from ._nest import flatten, pack_sequence_as
from ._tensor import Tensor
from ._variable import Variable
from .errors import OpError

__all__ = [
    "Benchmark", "TestCase", "disable_with_predicate", "gpu_device_name", "is_built_with_cuda",
    "is_built_with_gpu_support", "is_built_with_rocm", "is_built_with_xla",
    "is_cpu_target_available", "is_gpu_available", "main", "with_eager_op_as_function",
]  # fmt: skip


def _numpy(value):
    if isinstance(value, (Tensor, Variable)):
        return np.asarray(value.numpy())
    return np.asarray(value)


class TestCase(unittest.TestCase):
    """unittest.TestCase plus TF's assertions on tensors, arrays and nested structures.

    >>> import tapeflow as tf
    >>> case = tf.test.TestCase()
    >>> case.assertAllClose({"w": tf.constant([1.0, 2.0])}, {"w": [1.0, 2.0000001]})
    """

    def evaluate(self, tensors: _Any) -> _Any:
        """Tensors (in any nested structure) as NumPy values.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.evaluate({"a": tf.constant([1, 2]), "b": 3})
        {'a': array([1, 2], dtype=int32), 'b': 3}
        """
        leaves = flatten(tensors)
        return pack_sequence_as(tensors, [_numpy(t) if isinstance(t, (Tensor, Variable)) else t
                                          for t in leaves])  # fmt: skip

    def get_temp_dir(self) -> str:
        """A temporary directory for this test case (made on first use).

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> import os
        >>> os.path.isdir(case.get_temp_dir())
        True
        >>> import shutil
        >>> shutil.rmtree(case.get_temp_dir())
        """
        if not hasattr(self, "_temp_dir"):
            self._temp_dir = tempfile.mkdtemp()
        return self._temp_dir

    @contextlib.contextmanager
    def cached_session(self, *args: _Any, **kwargs: _Any) -> _Iterator[TestCase]:
        """Eagerly there is no session: a scope whose value can ``evaluate``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> with case.cached_session() as session:
        ...     print(session.evaluate(tf.constant(2) * 3))
        6
        """
        yield self

    session = cached_session

    def assertAllClose(  # noqa: N802 - TF's name
        self, a: _Any, b: _Any, rtol: float = 1e-6, atol: float = 1e-6, msg: str | None = None
    ) -> None:
        """Elementwise ``|a - b| <= atol + rtol * |b|`` (structures compared leaf by leaf).

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllClose(tf.constant([1.0, 2.0]), [1.0, 2.0 + 1e-7])
        >>> case.assertAllClose([1.0], [1.1])
        Traceback (most recent call last):
        ...
        AssertionError: ...
        """
        if isinstance(a, dict) or isinstance(b, dict):
            self.assertEqual(sorted(a), sorted(b), msg)
            for key in a:
                self.assertAllClose(a[key], b[key], rtol, atol, msg)
            return
        x, y = _numpy(a), _numpy(b)
        self.assertEqual(x.shape, y.shape, f"Shape mismatch: expected {x.shape}, got {y.shape}"
                         + (f" ({msg})" if msg else ""))  # fmt: skip
        np.testing.assert_allclose(x, y, rtol=rtol, atol=atol, equal_nan=True,
                                   err_msg=msg or "")  # fmt: skip

    def assertAllCloseAccordingToType(  # noqa: N802
        self,
        a: _Any,
        b: _Any,
        rtol: float = 1e-6,
        atol: float = 1e-6,
        float_rtol: float = 1e-6,
        float_atol: float = 1e-6,
        half_rtol: float = 1e-3,
        half_atol: float = 1e-3,
        bfloat16_rtol: float = 1e-2,
        bfloat16_atol: float = 1e-2,
        msg: str | None = None,
    ) -> None:
        """assertAllClose with tolerances widened for ``a``'s dtype (float32, float16).

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllCloseAccordingToType(tf.constant([1.0], tf.float16), [1.0005])
        """
        x = _numpy(a)
        if x.dtype == np.float32:
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        elif x.dtype == np.float16:
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(  # noqa: N802
        self, a: _Any, b: _Any, rtol: float = 1e-6, atol: float = 1e-6, msg: str | None = None
    ) -> None:
        """AssertionError when ``a`` and ``b`` are close everywhere.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertNotAllClose([1.0, 2.0], [1.0, 3.0])
        """
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol)
        except AssertionError:
            return
        raise AssertionError(msg or "The two values are close at all elements")

    def assertAllEqual(self, a: _Any, b: _Any, msg: str | None = None) -> None:  # noqa: N802
        """Same shape and equal elements.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllEqual(tf.constant([[1, 2]]), [[1, 2]])
        """
        x, y = _numpy(a), _numpy(b)
        self.assertEqual(x.shape, y.shape, f"Shape mismatch: expected {x.shape}, got {y.shape}"
                         + (f" ({msg})" if msg else ""))  # fmt: skip
        np.testing.assert_array_equal(x, y, err_msg=msg or "")

    def assertNotAllEqual(self, a: _Any, b: _Any, msg: str | None = None) -> None:  # noqa: N802
        """AssertionError when every element of ``a`` equals ``b``'s.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertNotAllEqual(tf.constant([1, 2]), [1, 3])
        """
        if np.array_equal(_numpy(a), _numpy(b)):
            raise AssertionError(msg or "The two values are equal at all elements")

    def _compare_all(self, a, comparison, text, msg):
        if not np.all(comparison(_numpy(a))):
            raise AssertionError(msg or f"not all elements are {text}: {_numpy(a)!r}")

    def assertAllGreater(self, a: _Any, comparison_target: _Any) -> None:  # noqa: N802
        """Every element is greater than ``comparison_target``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllGreater(tf.constant([2, 3]), 1)
        """
        self._compare_all(a, lambda x: x > comparison_target, f"> {comparison_target}", None)

    def assertAllGreaterEqual(self, a: _Any, comparison_target: _Any) -> None:  # noqa: N802
        """Every element is at least ``comparison_target``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllGreaterEqual(tf.constant([1, 3]), 1)
        """
        self._compare_all(a, lambda x: x >= comparison_target, f">= {comparison_target}", None)

    def assertAllLess(self, a: _Any, comparison_target: _Any) -> None:  # noqa: N802
        """Every element is less than ``comparison_target``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllLess(tf.constant([2, 3]), 4)
        """
        self._compare_all(a, lambda x: x < comparison_target, f"< {comparison_target}", None)

    def assertAllLessEqual(self, a: _Any, comparison_target: _Any) -> None:  # noqa: N802
        """Every element is at most ``comparison_target``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllLessEqual(tf.constant([2, 3]), 3)
        """
        self._compare_all(a, lambda x: x <= comparison_target, f"<= {comparison_target}", None)

    def assertAllInRange(  # noqa: N802
        self,
        target: _Any,
        lower_bound: float,
        upper_bound: float,
        open_lower_bound: bool = False,
        open_upper_bound: bool = False,
    ) -> None:
        """Every element lies between the bounds (each closed unless said open).

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllInRange(tf.constant([0.0, 0.5, 1.0]), 0.0, 1.0)
        """
        x = _numpy(target)
        low = x > lower_bound if open_lower_bound else x >= lower_bound
        high = x < upper_bound if open_upper_bound else x <= upper_bound
        if not np.all(low & high):
            raise AssertionError(f"{x!r} is not in range [{lower_bound}, {upper_bound}]")

    def assertAllInSet(self, target: _Any, expected_set: _Any) -> None:  # noqa: N802
        """Every element is one of ``expected_set``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertAllInSet(tf.constant([1, 2, 1]), {1, 2})
        """
        values = set(np.ravel(_numpy(target)).tolist())
        extra = values - set(expected_set)
        if extra:
            raise AssertionError(f"{sorted(extra)} not in {set(expected_set)}")

    def assertNear(self, f1: float, f2: float, err: float, msg: str | None = None) -> None:  # noqa: N802
        """``|f1 - f2| <= err``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertNear(1.0, 1.05, 0.1)
        """
        self.assertTrue(abs(float(f1) - float(f2)) <= err,
                        msg or f"{f1} != {f2} +/- {err}")  # fmt: skip

    def assertArrayNear(  # noqa: N802
        self, farray1: _Any, farray2: _Any, err: float, msg: str | None = None
    ) -> None:
        """assertNear for each pair of elements of two equally long sequences.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertArrayNear([1.0, 2.0], [1.01, 1.99], 0.02)
        """
        self.assertEqual(len(farray1), len(farray2), msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(f1, f2, err, msg)

    def assertShapeEqual(self, input_a: _Any, input_b: _Any, msg: str | None = None) -> None:  # noqa: N802
        """Both values have the same shape.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertShapeEqual(tf.zeros([2, 3]), tf.ones([2, 3]))
        """
        self.assertEqual(tuple(np.shape(_numpy(input_a))), tuple(_numpy(input_b).shape), msg)

    def assertDTypeEqual(self, target: _Any, expected_dtype: _Any) -> None:  # noqa: N802
        """``target``'s dtype is ``expected_dtype``.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> case.assertDTypeEqual(tf.constant([1.0]), tf.float32)
        """
        from .dtypes import as_dtype

        got = target.dtype if isinstance(target, (Tensor, Variable)) else as_dtype(
            _numpy(target).dtype)  # fmt: skip
        self.assertEqual(as_dtype(got), as_dtype(expected_dtype))

    def assertRaisesWithPredicateMatch(  # noqa: N802
        self, exception_type: type[BaseException], expected_err_re_or_predicate: _Any
    ) -> _Any:
        """A context expecting ``exception_type`` whose text matches a regex (or a predicate).

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> with case.assertRaisesWithPredicateMatch(ValueError, 'rank'):
        ...     tf.TensorShape([2]).assert_has_rank(2)
        """
        predicate = expected_err_re_or_predicate
        if not callable(predicate):
            pattern = predicate

            def predicate(error):
                return re.search(pattern, str(error)) is not None

        return _RaisesWithPredicate(self, exception_type, predicate)

    def assertRaisesOpError(self, expected_err_re_or_predicate: _Any) -> _Any:  # noqa: N802
        """A context expecting a tf.errors.OpError whose message matches.

        >>> import tapeflow as tf
        >>> case = tf.test.TestCase()
        >>> with case.assertRaisesOpError('Incompatible shapes'):
        ...     tf.constant([1, 2]) + tf.constant([1, 2, 3])
        """
        return self.assertRaisesWithPredicateMatch(OpError, expected_err_re_or_predicate)


class _RaisesWithPredicate:
    def __init__(self, case, exception_type, predicate):
        self._case, self._type, self._predicate = case, exception_type, predicate

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        if exc_type is None:
            raise AssertionError(f"{self._type.__name__} not raised")
        if not issubclass(exc_type, self._type) or not self._predicate(exc_value):
            return False
        return True


class Benchmark:
    """A base class for benchmarks: ``report_benchmark`` prints one result line.

    >>> import tapeflow as tf
    >>> class MatmulBenchmark(tf.test.Benchmark):
    ...     pass
    >>> MatmulBenchmark().report_benchmark(iters=10, wall_time=0.5)
    benchmark MatmulBenchmark: iters=10 wall_time=0.5 cpu_time=None
    """

    def report_benchmark(
        self,
        iters: int | None = None,
        cpu_time: float | None = None,
        wall_time: float | None = None,
        throughput: float | None = None,
        extras: dict[str, _Any] | None = None,
        name: str | None = None,
        metrics: list[_Any] | None = None,
    ) -> None:
        """Print one line with the measurements (TF writes a benchmark entry).

        >>> import tapeflow as tf
        >>> tf.test.Benchmark().report_benchmark(iters=3, wall_time=0.1, name="step")
        benchmark step: iters=3 wall_time=0.1 cpu_time=None
        """
        name = name or type(self).__name__
        print(f"benchmark {name}: iters={iters} wall_time={wall_time} cpu_time={cpu_time}")

    def evaluate(self, tensors: _Any) -> _Any:
        """Tensors (in any nested structure) as NumPy values.

        >>> import tapeflow as tf
        >>> tf.test.Benchmark().evaluate([tf.constant(1.5)])
        [array(1.5, dtype=float32)]
        """
        return TestCase.evaluate(None, tensors)  # type: ignore[arg-type]

    @staticmethod
    def timed(function: _Callable[[], _Any], iters: int = 10) -> float:
        """The mean wall time of ``iters`` calls of ``function``, in seconds.

        >>> import tapeflow as tf
        >>> tf.test.Benchmark.timed(lambda: None, iters=5) >= 0.0
        True
        """
        start = time.perf_counter()
        for _ in range(iters):
            function()
        return (time.perf_counter() - start) / iters


def main(argv: list[str] | None = None) -> None:
    """Run the test cases of ``__main__`` (unittest.main); a test file ends with it.

    >>> import tapeflow as tf
    >>> if __name__ == "__main__":  # in a test file
    ...     tf.test.main()
    """
    unittest.main(argv=argv if argv is not None else sys.argv)


def is_built_with_cuda() -> bool:
    """False: tapeflow runs on NumPy (CuPy arrays are an optional backend, not a build).

    >>> import tapeflow as tf
    >>> tf.test.is_built_with_cuda()
    False
    """
    return False


def is_built_with_rocm() -> bool:
    """False: there is no ROCm build.

    >>> import tapeflow as tf
    >>> tf.test.is_built_with_rocm()
    False
    """
    return False


def is_built_with_gpu_support() -> bool:
    """False: there is no GPU build.

    >>> import tapeflow as tf
    >>> tf.test.is_built_with_gpu_support()
    False
    """
    return False


def is_built_with_xla() -> bool:
    """False: there is no XLA compiler.

    >>> import tapeflow as tf
    >>> tf.test.is_built_with_xla()
    False
    """
    return False


def is_gpu_available(cuda_only: bool = False, min_cuda_compute_capability: _Any = None) -> bool:
    """False, as TF answers without a GPU build (TF deprecates it for list_physical_devices).

    >>> import tapeflow as tf
    >>> tf.test.is_gpu_available()
    False
    """
    return False


def is_cpu_target_available(target: str) -> bool:
    """Whether the CPU supports an instruction-set target (TF's XLA query): unknown here.

    >>> import tapeflow as tf
    >>> tf.test.is_cpu_target_available("avx")
    False
    """
    return False


def gpu_device_name() -> str:
    """The name of a GPU device: "" without one, as in TF.

    >>> import tapeflow as tf
    >>> tf.test.gpu_device_name()
    ''
    """
    return ""


def disable_with_predicate(
    pred: _Callable[[], bool], skip_message: str
) -> _Callable[[_Callable[..., _Any]], _Callable[..., _Any]]:
    """Skip the decorated test when ``pred()`` is true.

    >>> import unittest
    >>> import tapeflow as tf
    >>> class T(tf.test.TestCase):
    ...     @tf.test.disable_with_predicate(lambda: True, "not here")
    ...     def test_x(self):
    ...         raise AssertionError("runs")
    >>> result = unittest.TestResult()
    >>> _ = T("test_x").run(result)
    >>> result.skipped[0][1]
    'not here'
    """

    def decorator(function):
        def wrapper(self, *args, **kwargs):
            if pred():
                self.skipTest(skip_message)
            return function(self, *args, **kwargs)

        return wrapper

    return decorator


def with_eager_op_as_function(cls: _Any = None, only_as_function: bool = False) -> _Any:
    """Returns the class unchanged (TF's decorator is a no-op now).

    >>> import tapeflow as tf
    >>> class T(tf.test.TestCase):
    ...     pass
    >>> tf.test.with_eager_op_as_function(T) is T
    True
    """
    return cls if cls is not None else (lambda c: c)
