"""Keras 3's automatic object names: ``dense``, ``dense_1``, ... per process.

>>> from tapeflow.keras._naming import to_snake_case
>>> to_snake_case("SparseCategoricalAccuracy")
'sparse_categorical_accuracy'
"""

from __future__ import annotations

import collections
import re
import threading

_counts: collections.Counter = collections.Counter()
_lock = threading.Lock()


def to_snake_case(name: str) -> str:
    """``CamelCase`` to ``camel_case``, as Keras names layers and optimizers.

    >>> to_snake_case("SGD"), to_snake_case("AdamW")
    ('sgd', 'adam_w')
    """
    name = re.sub(r"\W+", "", name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
    return name


def uniquify(name: str) -> str:
    """``name`` the first time, then ``name_1``, ``name_2``, ... (one counter per name).

    >>> first = uniquify("doctest_thing"); second = uniquify("doctest_thing")
    >>> first, second
    ('doctest_thing', 'doctest_thing_1')
    """
    with _lock:
        count = _counts[name]
        _counts[name] += 1
    return name if count == 0 else f"{name}_{count}"


def auto_name(class_name: str) -> str:
    """The default name of a new object of class ``class_name``.

    >>> auto_name("DocExampleMetric").startswith("doc_example_metric")
    True
    """
    return uniquify(to_snake_case(class_name))
