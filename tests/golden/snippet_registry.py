"""How a golden snippet file registers its programs: each snippet's source is the file's
helper functions (text, run before the snippet under TensorFlow and under tapeflow)
followed by the snippet, dedented.

``ERR_SHOW_HELPERS``: ``err(fn)`` prints the class and the first line of the message of
the exception ``fn()`` raises (or ``ok``); ``show(t)`` prints a tensor's dtype, shape and
value (floats to 5 significant digits).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

ERR_SHOW_HELPERS = """
def err(fn):
    try:
        fn()
        print("ok")
    except Exception as e:
        text = str(e).split(" [Op:")[0].split("\\n")[0].split("}} ")[-1]
        print(type(e).__name__, text.split(" is not in the list of allowed values")[0])

def show(t):
    if t is None:
        print(None)
        return
    a = np.asarray(t.numpy())
    if a.dtype.kind == "f":
        a = np.vectorize(lambda v: float(f"{v:.5g}") + 0.0, otypes=[object])(a)
    elif a.dtype.kind == "c":
        a = np.vectorize(lambda v: complex(float(f"{v.real:.5g}"), float(f"{v.imag:.5g}")),
                         otypes=[object])(a)
    print(t.dtype.name, list(a.shape), a.tolist())
"""


def snippet_registry(
    helpers: str = "", *, lstrip_source: bool = False
) -> tuple[dict[str, str], Callable[[str, str], None]]:
    """(the name -> source table, the function that adds one snippet to it).

    ``lstrip_source`` drops the newline a triple-quoted snippet starts with; the older
    files recorded their sources that way, the newer ones with it kept.
    """
    snippets: dict[str, str] = {}

    def add(name: str, source: str) -> None:
        if name in snippets:
            raise ValueError(f"duplicate snippet name {name!r}")
        body = textwrap.dedent(source)
        if lstrip_source:
            body = body.lstrip("\n")
        snippets[name] = textwrap.dedent(helpers).lstrip("\n") + body

    return snippets, add
