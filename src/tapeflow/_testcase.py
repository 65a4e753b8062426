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
    """unittest.TestCase plus TF's assertions on tensors, arrays and nested structures."""

    def evaluate(self, tensors):
        """Tensors (in any nested structure) as NumPy values."""
        leaves = flatten(tensors)
        return pack_sequence_as(tensors, [_numpy(t) if isinstance(t, (Tensor, Variable)) else t
                                          for t in leaves])  # fmt: skip

    def get_temp_dir(self) -> str:
        if not hasattr(self, "_temp_dir"):
            self._temp_dir = tempfile.mkdtemp()
        return self._temp_dir

    @contextlib.contextmanager
    def cached_session(self, *args, **kwargs):
        """Eagerly there is no session: a scope whose value can ``evaluate``."""
        yield self

    session = cached_session

    def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802 - TF's name
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

    def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6, float_rtol=1e-6,  # noqa: N802
                                      float_atol=1e-6, half_rtol=1e-3, half_atol=1e-3,
                                      bfloat16_rtol=1e-2, bfloat16_atol=1e-2, msg=None):  # fmt: skip
        x = _numpy(a)
        if x.dtype == np.float32:
            rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
        elif x.dtype == np.float16:
            rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
        self.assertAllClose(a, b, rtol=rtol, atol=atol, msg=msg)

    def assertNotAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # noqa: N802
        try:
            self.assertAllClose(a, b, rtol=rtol, atol=atol)
        except AssertionError:
            return
        raise AssertionError(msg or "The two values are close at all elements")

    def assertAllEqual(self, a, b, msg=None):  # noqa: N802
        x, y = _numpy(a), _numpy(b)
        self.assertEqual(x.shape, y.shape, f"Shape mismatch: expected {x.shape}, got {y.shape}"
                         + (f" ({msg})" if msg else ""))  # fmt: skip
        np.testing.assert_array_equal(x, y, err_msg=msg or "")

    def assertNotAllEqual(self, a, b, msg=None):  # noqa: N802
        if np.array_equal(_numpy(a), _numpy(b)):
            raise AssertionError(msg or "The two values are equal at all elements")

    def _compare_all(self, a, comparison, text, msg):
        if not np.all(comparison(_numpy(a))):
            raise AssertionError(msg or f"not all elements are {text}: {_numpy(a)!r}")

    def assertAllGreater(self, a, comparison_target):  # noqa: N802
        self._compare_all(a, lambda x: x > comparison_target, f"> {comparison_target}", None)

    def assertAllGreaterEqual(self, a, comparison_target):  # noqa: N802
        self._compare_all(a, lambda x: x >= comparison_target, f">= {comparison_target}", None)

    def assertAllLess(self, a, comparison_target):  # noqa: N802
        self._compare_all(a, lambda x: x < comparison_target, f"< {comparison_target}", None)

    def assertAllLessEqual(self, a, comparison_target):  # noqa: N802
        self._compare_all(a, lambda x: x <= comparison_target, f"<= {comparison_target}", None)

    def assertAllInRange(self, target, lower_bound, upper_bound, open_lower_bound=False,  # noqa: N802
                         open_upper_bound=False):  # fmt: skip
        x = _numpy(target)
        low = x > lower_bound if open_lower_bound else x >= lower_bound
        high = x < upper_bound if open_upper_bound else x <= upper_bound
        if not np.all(low & high):
            raise AssertionError(f"{x!r} is not in range [{lower_bound}, {upper_bound}]")

    def assertAllInSet(self, target, expected_set):  # noqa: N802
        values = set(np.ravel(_numpy(target)).tolist())
        extra = values - set(expected_set)
        if extra:
            raise AssertionError(f"{sorted(extra)} not in {set(expected_set)}")

    def assertNear(self, f1, f2, err, msg=None):  # noqa: N802
        self.assertTrue(abs(float(f1) - float(f2)) <= err,
                        msg or f"{f1} != {f2} +/- {err}")  # fmt: skip

    def assertArrayNear(self, farray1, farray2, err, msg=None):  # noqa: N802
        self.assertEqual(len(farray1), len(farray2), msg)
        for f1, f2 in zip(farray1, farray2):
            self.assertNear(f1, f2, err, msg)

    def assertShapeEqual(self, input_a, input_b, msg=None):  # noqa: N802
        self.assertEqual(tuple(np.shape(_numpy(input_a))), tuple(_numpy(input_b).shape), msg)

    def assertDTypeEqual(self, target, expected_dtype):  # noqa: N802
        from .dtypes import as_dtype

        got = target.dtype if isinstance(target, (Tensor, Variable)) else as_dtype(
            _numpy(target).dtype)  # fmt: skip
        self.assertEqual(as_dtype(got), as_dtype(expected_dtype))

    def assertRaisesWithPredicateMatch(self, exception_type, expected_err_re_or_predicate):  # noqa: N802
        predicate = expected_err_re_or_predicate
        if not callable(predicate):
            pattern = predicate

            def predicate(error):
                return re.search(pattern, str(error)) is not None

        return _RaisesWithPredicate(self, exception_type, predicate)

    def assertRaisesOpError(self, expected_err_re_or_predicate):  # noqa: N802
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
    """A base class for benchmarks: ``report_benchmark`` prints one result line."""

    def report_benchmark(self, iters=None, cpu_time=None, wall_time=None, throughput=None,
                         extras=None, name=None, metrics=None):  # fmt: skip
        name = name or type(self).__name__
        print(f"benchmark {name}: iters={iters} wall_time={wall_time} cpu_time={cpu_time}")

    def evaluate(self, tensors):
        return TestCase.evaluate(None, tensors)

    @staticmethod
    def timed(function, iters: int = 10) -> float:
        start = time.perf_counter()
        for _ in range(iters):
            function()
        return (time.perf_counter() - start) / iters


def main(argv=None) -> None:
    """Run the test cases of ``__main__`` (unittest.main)."""
    unittest.main(argv=argv if argv is not None else sys.argv)


def is_built_with_cuda() -> bool:
    return False


def is_built_with_rocm() -> bool:
    return False


def is_built_with_gpu_support() -> bool:
    return False


def is_built_with_xla() -> bool:
    return False


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None) -> bool:
    return False


def is_cpu_target_available(target) -> bool:
    """Whether the CPU supports an instruction-set target (TF's XLA query): unknown here."""
    return False


def gpu_device_name() -> str:
    return ""


def disable_with_predicate(pred, skip_message):
    """Skip the decorated test when ``pred()`` is true."""

    def decorator(function):
        def wrapper(self, *args, **kwargs):
            if pred():
                self.skipTest(skip_message)
            return function(self, *args, **kwargs)

        return wrapper

    return decorator


def with_eager_op_as_function(cls=None, only_as_function=False):
    """Returns the class unchanged (TF's decorator is a no-op now)."""
    return cls if cls is not None else (lambda c: c)
