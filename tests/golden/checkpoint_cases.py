"""tf.train.Checkpoint round trips: what a user observes, under TF and tapeflow.

``make_checkpoint_golden.py`` records TensorFlow's answers in ``checkpoint.json``;
``tests/test_checkpoint.py`` replays the cases on tapeflow. Each case gets a
fresh empty directory; paths are reported relative to it. Needs only NumPy.
"""

from __future__ import annotations

import os

import numpy as np

CASES: dict = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


W = np.array([[0.5, -0.25], [0.1, 0.3], [-0.4, 0.2]], np.float32)
X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [-1.0, 0.0, 1.0], [2.0, 1.0, 0.0]], np.float32)
Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, -0.5]], np.float32)


def _model(tf):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2, activation="tanh")])
    model.layers[0].kernel.assign(W)
    model.layers[0].bias.assign(np.array([0.1, -0.1], np.float32))
    return model


def _step(tf, model, optimizer):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(tf.constant(X)) - Y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return float(loss.numpy())


def _rel(directory, path):
    return None if path is None else os.path.relpath(path, directory)


@case
def resume_training(tf, directory):
    model, opt = _model(tf), tf.keras.optimizers.Adam(0.1)
    first = [_step(tf, model, opt) for _ in range(2)]
    path = tf.train.Checkpoint(model=model, optimizer=opt).save(os.path.join(directory, "ckpt"))
    continued = [_step(tf, model, opt) for _ in range(3)]
    fresh_model, fresh_opt = _model(tf), tf.keras.optimizers.Adam(0.1)
    status = tf.train.Checkpoint(model=fresh_model, optimizer=fresh_opt).restore(path)
    status.assert_existing_objects_matched()
    resumed = [_step(tf, fresh_model, fresh_opt) for _ in range(3)]
    return {
        "path": _rel(directory, path),
        "first": first,
        "continued": continued,
        "resumed": resumed,
        "iterations": int(fresh_opt.iterations.numpy()),
        "latest": _rel(directory, tf.train.latest_checkpoint(directory)),
    }


@case
def resume_sgd_momentum_module(tf, directory):
    class Affine(tf.Module):
        def __init__(self):
            super().__init__()
            self.w = tf.Variable(W)
            self.b = tf.Variable([0.0, 0.5])

        def __call__(self, x):
            return tf.matmul(x, self.w) + self.b

    def step(module, opt):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(module(tf.constant(X)) - Y))
        grads = tape.gradient(loss, [module.w, module.b])
        opt.apply_gradients(zip(grads, [module.w, module.b]))
        return float(loss.numpy())

    module, opt = Affine(), tf.keras.optimizers.SGD(0.05, momentum=0.9)
    step(module, opt)
    path = tf.train.Checkpoint(net=module, opt=opt).write(os.path.join(directory, "state"))
    continued = [step(module, opt) for _ in range(2)]
    module2, opt2 = Affine(), tf.keras.optimizers.SGD(0.05, momentum=0.9)
    tf.train.Checkpoint(net=module2, opt=opt2).read(path).assert_existing_objects_matched()
    resumed = [step(module2, opt2) for _ in range(2)]
    return {"path": _rel(directory, path), "continued": continued, "resumed": resumed,
            "latest": _rel(directory, tf.train.latest_checkpoint(directory))}  # fmt: skip


@case
def manager_keeps_newest(tf, directory):
    step = tf.Variable(0)
    ckpt = tf.train.Checkpoint(step=step)
    manager = tf.train.CheckpointManager(ckpt, directory, max_to_keep=2)
    saved = []
    for _ in range(4):
        step.assign_add(1)
        saved.append(_rel(directory, manager.save()))
    numbered = _rel(directory, manager.save(checkpoint_number=10))
    step.assign(0)
    ckpt.restore(manager.latest_checkpoint)
    again = tf.train.CheckpointManager(
        tf.train.Checkpoint(step=tf.Variable(0)), directory, max_to_keep=2
    )
    return {
        "saved": saved,
        "numbered": numbered,
        "kept": [_rel(directory, p) for p in manager.checkpoints],
        "latest": _rel(directory, manager.latest_checkpoint),
        "restored_step": int(step.numpy()),
        "reopened": [_rel(directory, p) for p in again.checkpoints],
        "files": sorted(f for f in os.listdir(directory) if f.endswith(".index")),
        "save_counter": int(ckpt.save_counter.numpy()),
    }


@case
def restore_status_and_errors(tf, directory):
    a = tf.Variable([1.0, 2.0])
    path = tf.train.Checkpoint(a=a).write(os.path.join(directory, "one"))
    out = {}
    try:
        tf.train.Checkpoint(a=tf.Variable([0.0, 0.0]), b=tf.Variable(1.0)).restore(
            path
        ).assert_consumed()
        out["extra_object"] = "no error"
    except AssertionError:
        out["extra_object"] = "AssertionError"
    try:
        tf.train.Checkpoint(a=tf.Variable([0.0, 0.0, 0.0])).restore(path)
        out["shape"] = "no error"
    except ValueError:
        out["shape"] = "ValueError"
    try:
        tf.train.Checkpoint(c=tf.Variable(1.0)).restore(path).assert_consumed()
        out["unmatched"] = "no error"
    except AssertionError:
        out["unmatched"] = "AssertionError"
    try:
        tf.train.Checkpoint(a=3.0)
        out["not_trackable"] = "no error"
    except ValueError:
        out["not_trackable"] = "ValueError"
    try:
        tf.train.Checkpoint(a=a).restore(os.path.join(directory, "missing"))
        out["missing"] = "no error"
    except Exception as exc:
        out["missing"] = type(exc).__name__
    status = tf.train.Checkpoint(a=a).restore(None)
    try:
        status.assert_existing_objects_matched()
        out["none"] = "no error"
    except AssertionError:
        out["none"] = "AssertionError"
    b = tf.Variable([0.0, 0.0])
    tf.train.Checkpoint(a=b).read(path).assert_existing_objects_matched()
    out["value"] = b.numpy().tolist()
    return out
