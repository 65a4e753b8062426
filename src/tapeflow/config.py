"""tf.config: how tf.function runs.

>>> import tapeflow as tf
>>> tf.config.functions_run_eagerly()
False
"""

from ._function.function import RUN_EAGERLY as _RUN_EAGERLY

__all__ = [
    "run_functions_eagerly",
    "functions_run_eagerly",
    "experimental_run_functions_eagerly",
    "experimental_functions_run_eagerly",
]


def run_functions_eagerly(run_eagerly: bool) -> None:
    """Make every tf.function call its Python function directly (for debugging).

    >>> import tapeflow as tf
    >>> tf.config.run_functions_eagerly(True)
    >>> tf.config.functions_run_eagerly()
    True
    >>> tf.config.run_functions_eagerly(False)
    """
    _RUN_EAGERLY[0] = bool(run_eagerly)


def functions_run_eagerly() -> bool:
    """Whether ``run_functions_eagerly(True)`` is in effect."""
    return _RUN_EAGERLY[0]


experimental_run_functions_eagerly = run_functions_eagerly
experimental_functions_run_eagerly = functions_run_eagerly
