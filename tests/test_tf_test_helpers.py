"""tf.test's TestCase assertions and build queries."""

import unittest

import numpy as np
import pytest

import tapeflow as tf


class _Case(tf.test.TestCase):
    def runTest(self):  # noqa: N802 - unittest's name
        pass


CASE = _Case()


def test_assertions_pass_and_fail_like_tf():
    x = tf.constant([1.0, 2.0, 3.0])
    CASE.assertAllClose(x, [1.0, 2.0, 3.0 + 1e-7])
    CASE.assertAllClose({"a": x}, {"a": np.array([1.0, 2.0, 3.0])})
    CASE.assertAllEqual(tf.constant([1, 2]), [1, 2])
    CASE.assertAllGreater(x, 0.5)
    CASE.assertAllLessEqual(x, 3.0)
    CASE.assertAllInRange(x, 1.0, 3.0)
    CASE.assertAllInSet(tf.constant([1, 2, 1]), {1, 2})
    CASE.assertDTypeEqual(x, tf.float32)
    CASE.assertShapeEqual(np.zeros(3), x)
    CASE.assertNotAllClose(x, [0.0, 0.0, 0.0])
    assert CASE.evaluate({"x": x, "n": [x, 1]})["n"][0].tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(AssertionError):
        CASE.assertAllClose(x, [1.0, 2.0, 3.1])
    with pytest.raises(AssertionError):
        CASE.assertAllEqual(x, [1.0, 2.0])
    with pytest.raises(AssertionError):
        CASE.assertAllLess(x, 3.0)
    with CASE.assertRaisesOpError("cannot compute"):
        tf.constant(1) + tf.constant(1.0)


def test_build_queries_and_decorators():
    assert not tf.test.is_gpu_available() and not tf.test.is_built_with_cuda()
    assert tf.test.gpu_device_name() == ""

    class Skipped(tf.test.TestCase):
        @tf.test.disable_with_predicate(lambda: True, "skipped")
        def test_never(self):
            raise AssertionError("ran")

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Skipped).run(result)
    assert result.wasSuccessful() and len(result.skipped) == 1
    assert tf.test.with_eager_op_as_function(Skipped) is Skipped


def test_lazy_testcase_names_match_the_module():
    import tapeflow._testcase as testcase

    assert tf.test._TESTCASE_NAMES == set(testcase.__all__)
