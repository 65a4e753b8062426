"""tf.Module and tf.name_scope: names, scopes and TensorFlow's tracking order."""

import pytest

import tapeflow as tf


class Leaf(tf.Module):
    pass


class Tree(tf.Module):
    def __init__(self):
        super().__init__()
        self.b = Leaf(name="b")
        self.c = [Leaf(name="c")]
        with self.b.name_scope:
            self.b.d = Leaf(name="d")
            self.b.v = tf.Variable(1.0, name="v", trainable=False)
        self.t = (tf.Variable(2.0, name="t"),)
        self.table = {"z": tf.Variable(3.0, name="z"), "a": tf.Variable(4.0, name="a")}


def test_order_matches_tensorflow():
    # Recorded from TF 2.21: own leaves by attribute name first, then submodules'.
    tree = Tree()
    assert [m.name for m in tree.submodules] == ["b", "c", "d"]
    assert [v.name for v in tree.variables] == ["t:0", "a:0", "z:0", "b/v:0"]
    assert [v.name for v in tree.trainable_variables] == ["t:0", "a:0", "z:0"]
    assert [v.name for v in tree.non_trainable_variables] == ["b/v:0"]


def test_shared_variables_are_listed_once():
    m = tf.Module()
    v = tf.Variable(1.0)
    m.x, m.y = v, [v, v]
    assert len(m.variables) == 1


def test_names_and_scopes():
    class MyDense(tf.Module):
        pass

    class HTTPServer2(tf.Module):
        pass

    assert (MyDense().name, HTTPServer2().name, tf.Module().name) == (
        "my_dense",
        "http_server2",
        "module",
    )
    with tf.name_scope("outer"):
        m = MyDense()
    assert m.name_scope.name == "outer/my_dense/"
    with m.name_scope:
        assert tf.Variable(1.0, name="w").name == "outer/my_dense/w:0"
    with tf.name_scope("foo"):
        with tf.name_scope("bar") as scope:
            assert scope == "foo/bar/"
            assert tf.Variable(1.0, name="x").name == "foo/bar/x:0"
        assert tf.Variable(1.0).name == "foo/Variable:0"
        with tf.name_scope("abs/") as scope:
            assert scope == "abs/"
    assert tf.Variable(1.0, name="y").name == "y:0"


def test_invalid_module_name():
    with pytest.raises(ValueError, match="is not a valid module name"):
        tf.Module(name="a b")


def test_with_name_scope_and_cycles():
    class Maker(tf.Module):
        @tf.Module.with_name_scope
        def __call__(self, x):
            return tf.Variable(x, name="q")

    assert Maker()(1.0).name == "maker/q:0"
    a, b = tf.Module(name="a"), tf.Module(name="b")
    a.child, b.child = b, a  # a cycle does not loop forever
    assert [m.name for m in a.submodules] == ["b", "a"]


def test_flatten_with_path():
    m = tf.Module()
    m.layers = [tf.Variable(1.0)]
    paths = list(m._flatten(with_path=True, predicate=lambda v: isinstance(v, tf.Variable)))
    assert paths[0][0] == ("layers", 0)
