"""tape_graph: the DOT text always; rendering only where Graphviz is installed."""

from __future__ import annotations

import re
import shutil

import pytest

import tapeflow as tf


def _nodes(dot: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) \[(.*)\];$", dot, flags=re.M))


def test_one_node_per_op_with_name_shape_and_dtype():
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.reduce_sum(tf.sin(x) * x)
    dot = tf.debugging.tape_graph(tape, target=y, sources=x)
    assert dot.startswith("digraph tape {") and dot.rstrip().endswith("}")
    ops = {k: v for k, v in _nodes(dot).items() if k.startswith("op")}
    labels = sorted(v.split('"')[1].split("\\n")[0] for v in ops.values())
    assert labels == ["Mul", "Sin", "Sum"]
    assert any("Sin\\n[2] float32" in v for v in ops.values())
    (target,) = [v for v in ops.values() if "(target)" in v]
    assert "Sum\\n[] float32" in target and "peripheries=2" in target
    assert all('color="#1f5fbf"' in v for v in ops.values())  # all on the gradient path
    (source,) = [v for k, v in _nodes(dot).items() if "source" in v]
    assert "[2] float32" in source and "fillcolor" in source


def test_path_highlight_leaves_side_branches_plain():
    x, c = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, c])
        y = x * x
        side = c * c  # recorded, not on the path from x to y
    dot = tf.debugging.tape_graph(tape, target=y, sources=x)
    ops = {k: v for k, v in _nodes(dot).items() if k.startswith("op")}
    assert f"op{side._id}" in ops and "1f5fbf" not in ops[f"op{side._id}"]
    assert "1f5fbf" in ops[f"op{y._id}"]


def test_cutting_ops_are_marked_when_explanations_are_on():
    tf.debugging.enable_gradient_explanations()
    try:
        x = tf.constant(2.0)
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = tf.round(x * 2.0) * 3.0
        dot = tf.debugging.tape_graph(tape, target=y, sources=x)
    finally:
        tf.debugging.disable_gradient_explanations()
    cut, after = sorted((v for k, v in _nodes(dot).items() if k.startswith("cut")),
                        key=lambda v: "Round" not in v)  # fmt: skip
    assert "Round" in cut and "cuts the gradient" in cut and "octagon" in cut
    assert "Mul" in after and "not recorded" in after and "(target)" in after


def test_nested_tapes_in_one_picture():
    x = tf.constant(5.0)
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape(persistent=True) as inner:
            inner.watch(x)
            y = x**3
        dy_dx = inner.gradient(y, x)
    dot = tf.debugging.tape_graph([outer, inner], dy_dx, x, names=["outer", "inner"])
    assert "recorded by: outer, inner" in dot and "recorded by: outer\\n" in dot
    assert "legend" in dot


def test_a_function_is_traced_under_a_fresh_tape():
    dot = tf.debugging.tape_graph(lambda a: tf.exp(a) * a, sources=[tf.constant(1.0)])
    assert "Exp" in dot and "(target)" in dot and "source" in dot


def test_a_spent_tape_and_bad_input_raise():
    x = tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(ValueError, match="persistent"):
        tf.debugging.tape_graph(tape)
    with pytest.raises(TypeError, match="GradientTape"):
        tf.debugging.tape_graph(3)


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="the Graphviz `dot` program is not installed"
)
def test_renders_svg_and_png(tmp_path):
    x = tf.constant(1.0)
    dot = tf.debugging.tape_graph(lambda a: a * a, sources=[x])
    svg = dot.render(str(tmp_path / "g.svg"))
    assert open(svg, "rb").read().lstrip().startswith(b"<?xml")
    png = dot.render(str(tmp_path / "g.png"))
    assert open(png, "rb").read()[:4] == b"\x89PNG"


def test_a_tf_function_is_drawn_op_by_op():
    @tf.function
    def f(x):
        return tf.reduce_sum(tf.sin(x) * x)

    x = tf.constant([1.0, 2.0])
    f(x)
    f(x)  # compiled: under the drawing tape it replays op by op
    dot = tf.debugging.tape_graph(f, sources=[x])
    assert "Sin\\n[2] float32" in dot and "Sum\\n[] float32\\n(target)" in dot
