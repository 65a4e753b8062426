"""tf.function: tracing Python functions into compiled NumPy programs.

``function.py`` (Function, retracing rules), ``keys.py`` (argument keys),
``concrete.py`` (ConcreteFunction: running one program), ``trace.py``
(the recorder and guards), ``graph.py`` (passes, code generation, replay),
``printing.py`` (tf.print), ``spec.py`` (TensorSpec). See docs/function.md.
"""

from .function import ConcreteFunction, Function, function
from .printing import print_
from .spec import TensorSpec

__all__ = ["ConcreteFunction", "Function", "TensorSpec", "function", "print_"]
