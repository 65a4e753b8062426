"""The differential fuzzer's parts; ``tools/fuzz_against_tf.py`` is its entry point.

* ``draws``: dtypes, shapes and the drawn Value/DTypeArg/ListArg specs;
* ``arguments``: arguments drawn by TF parameter name, from each op's signature;
* ``sides``: one op (and its gradients) run under one library, with a time limit;
* ``compare``: values and gradients within tolerances, and which exceptions escape;
* ``report``: verdicts, the documented groups of docs/deviations.md, the summary.

The namespace blocks (``tools/fuzz_*.py``) read these helpers through the entry
point, which their ``install`` receives.
"""
