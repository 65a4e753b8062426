"""Draw the pictures of docs/debugging.md (needs the Graphviz `dot` program).

PYTHONPATH=src python docs/images/make_debugging_pictures.py
"""

from pathlib import Path

import tapeflow as tf

HERE = Path(__file__).resolve().parent

# The nested tapes of examples/gradient_tape_basics.py (persistent, so that the
# inner tape keeps its records after its gradient call and both can be drawn).
x = tf.constant(5.0)
with tf.GradientTape(persistent=True) as outer:
    outer.watch(x)
    with tf.GradientTape(persistent=True) as inner:
        inner.watch(x)
        y = x**3
    dy_dx = inner.gradient(y, x)  # 3x^2 = 75, recorded by `outer`
picture = tf.debugging.tape_graph([outer, inner], target=dy_dx, sources=x, names=["outer", "inner"])
picture.render(str(HERE / "nested_tapes.svg"))

# A cut path: round() has no gradient.
tf.debugging.enable_gradient_explanations()
w = tf.Variable(1.5, name="w")
with tf.GradientTape(persistent=True) as tape:
    loss = tf.round(w * 2.0) * w
tf.debugging.tape_graph(tape, target=loss, sources=w).render(str(HERE / "cut_path.svg"))
tf.debugging.disable_gradient_explanations()
print("wrote", HERE / "nested_tapes.svg", "and", HERE / "cut_path.svg")
