"""tf.test: gradient checking, TestCase and the build queries.

``compute_gradient`` and tapeflow's ``check_grads`` (with ``GradientCheckError``)
are in ``_gradient_check.py``; ``TestCase``, ``main``, ``Benchmark`` and the
build queries are in ``_testcase.py``. This module only names them, so the
namespace holds TensorFlow's names (and tapeflow's two extras) and nothing else.

>>> import tapeflow as tf
>>> tf.test.is_built_with_cuda()
False
"""

from ._gradient_check import GradientCheckError, check_grads, compute_gradient

__all__ = ["compute_gradient", "check_grads", "GradientCheckError"]

# TestCase, main, Benchmark and the build queries live in _testcase, which imports
# unittest (several milliseconds): it loads on first use, not with `import tapeflow`.
_TESTCASE_NAMES = frozenset({
    "Benchmark", "TestCase", "disable_with_predicate", "gpu_device_name", "is_built_with_cuda",
    "is_built_with_gpu_support", "is_built_with_rocm", "is_built_with_xla",
    "is_cpu_target_available", "is_gpu_available", "main", "with_eager_op_as_function",
})  # fmt: skip


def __getattr__(name: str):
    if name in _TESTCASE_NAMES:
        from . import _testcase

        value = getattr(_testcase, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tapeflow.test' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _TESTCASE_NAMES)
