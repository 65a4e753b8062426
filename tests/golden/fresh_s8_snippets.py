"""What the fresh-seed fuzz run of session 8 (seed 91, issue 14, helper fresh) found in
the ops no other lane covers, each fix as a small program whose output TensorFlow
recorded in ``fresh_s8.json`` (``make_snippets_golden.py fresh_s8`` under the TensorFlow
virtualenv); ``tests/test_fresh_s8.py`` replays them on tapeflow.

``err(fn)`` prints the class and first line of the exception ``fn()`` raises (or
``ok``); ``show(t)`` prints a tensor's dtype, shape and value (floats to 5 digits).
"""

from snippet_registry import ERR_SHOW_HELPERS, snippet_registry

SNIPPETS, _snippet = snippet_registry(ERR_SHOW_HELPERS)


_snippet(
    "extract_glimpse_of_empty_images",
    """
    # An image with no rows or no columns: every pixel of the glimpse is outside it, and
    # the noise drawn from the statistics of no pixels is NaN ("zero" noise stays 0).
    # With no channels the glimpse is empty.
    for shape in ([2, 1, 0, 3], [1, 0, 2, 1], [2, 1, 1, 0], [2, 0, 0, 0]):
        for noise in ("uniform", "gaussian", "zero"):
            offsets = tf.constant([[0.0, 0.0], [0.0, 0.5]][: shape[0]])
            show(tf.image.extract_glimpse(tf.zeros(shape), [2, 3], offsets, noise=noise))
    """,
)
