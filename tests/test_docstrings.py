"""Every docstring example in the package runs and prints what it shows.

As in TensorFlow's own docstrings, examples use ``tf`` without importing it.
"""

from __future__ import annotations

import copy
import doctest
import importlib
import inspect
import pkgutil

import pytest

import tapeflow

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(tapeflow.__path__, prefix="tapeflow.")
)


def _setter_tests(module):
    """Doctests in property setters' docstrings, which ``doctest.testmod`` does not visit."""
    parser = doctest.DocTestParser()
    for class_name, cls in vars(module).items():
        if not inspect.isclass(cls) or cls.__module__ != module.__name__:
            continue
        for attr, value in vars(cls).items():
            setter = value.fset if isinstance(value, property) else None
            if setter is not None and setter.__doc__ and ">>>" in setter.__doc__:
                name = f"{module.__name__}.{class_name}.{attr}.setter"
                yield parser.get_doctest(
                    setter.__doc__, dict(vars(module)), name, module.__file__, None
                )


@pytest.fixture(autouse=True)
def _config_restored():
    """Examples turn process-wide settings on (tf.config's op determinism makes seedless
    random ops refuse to run): later tests see the settings as they were."""
    saved = copy.deepcopy(tapeflow.config._settings)
    yield
    tapeflow.config._settings.clear()
    tapeflow.config._settings.update(saved)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, extraglobs={"tf": tapeflow}, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS, verbose=False)
    for test in _setter_tests(module):
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} property setter example(s) failed in {name}"
