"""tf.train.Checkpoint and CheckpointManager: round trips compared with TensorFlow 2.21
(tests/golden/checkpoint.json), and the safety of the on-disk format."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import numpy as np
import pytest

import tapeflow as tf

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
_spec = importlib.util.spec_from_file_location(
    "_checkpoint_cases", GOLDEN_DIR / "checkpoint_cases.py"
)
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)
GOLDEN = json.loads((GOLDEN_DIR / "checkpoint.json").read_text(encoding="utf-8"))["cases"]


def _close(expected, actual, where=""):
    if isinstance(expected, dict):
        assert sorted(expected) == sorted(actual), where
        for key in expected:
            _close(expected[key], actual[key], f"{where}/{key}")
    elif isinstance(expected, list) and expected and isinstance(expected[0], float):
        np.testing.assert_allclose(actual, expected, rtol=1e-6, err_msg=where)
    else:
        assert actual == expected, where


def test_golden_covers_every_case():
    assert sorted(GOLDEN) == sorted(cases.CASES)


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_checkpoint_matches_tensorflow(name, tmp_path):
    _close(GOLDEN[name]["value"], cases.CASES[name](tf, str(tmp_path)), name)


def test_resumed_losses_are_identical(tmp_path):
    value = cases.resume_training(tf, str(tmp_path))
    assert value["resumed"] == value["continued"]
    assert tf.train.list_variables(str(tmp_path))[0][0].endswith(".ATTRIBUTES/VARIABLE_VALUE")


def test_files_are_json_and_plain_npz(tmp_path):
    v = tf.Variable([[1.0, 2.0]])
    prefix = tf.train.Checkpoint(v=v).write(str(tmp_path / "x"))
    index = json.loads(Path(prefix + ".index").read_text())
    assert index["format"] == "tapeflow-checkpoint" and index["version"] == 1
    record = index["variables"]["v/.ATTRIBUTES/VARIABLE_VALUE"]
    assert record["shape"] == [1, 2] and record["dtype"] == "float32"
    with np.load(prefix + ".data-00000-of-00001", allow_pickle=False) as archive:
        np.testing.assert_array_equal(archive[record["member"]], [[1.0, 2.0]])
    np.testing.assert_array_equal(tf.train.load_variable(prefix, "v"), [[1.0, 2.0]])


def test_pickled_or_corrupt_data_is_refused(tmp_path):
    v = tf.Variable([1.0])
    prefix = tf.train.Checkpoint(v=v).write(str(tmp_path / "x"))
    data = prefix + ".data-00000-of-00001"
    with open(data, "wb") as f:
        np.savez(f, v0=np.array([{"evil": 1}], dtype=object))
    with pytest.raises(tf.errors.DataLossError):
        tf.train.Checkpoint(v=v).restore(prefix)
    Path(prefix + ".index").write_text("not json")
    with pytest.raises(tf.errors.DataLossError):
        tf.train.Checkpoint(v=v).restore(prefix)
    assert v.numpy().tolist() == [1.0]


def test_nested_containers_and_late_attributes(tmp_path):
    ckpt = tf.train.Checkpoint(parts={"a": [tf.Variable(1.0), tf.Variable(2.0)]})
    ckpt.extra = tf.Variable(3)
    path = ckpt.save(str(tmp_path / "c"))
    fresh = tf.train.Checkpoint(parts={"a": [tf.Variable(0.0), tf.Variable(0.0)]})
    fresh.extra = tf.Variable(0)
    fresh.restore(path).assert_consumed()
    assert [float(v.numpy()) for v in fresh.parts["a"]] == [1.0, 2.0]
    assert int(fresh.extra.numpy()) == 3 and int(fresh.save_counter.numpy()) == 1


def test_manager_interval_and_init_fn(tmp_path):
    step = tf.Variable(0)
    called = []
    manager = tf.train.CheckpointManager(
        tf.train.Checkpoint(step=step), str(tmp_path), max_to_keep=None,
        step_counter=step, checkpoint_interval=5, init_fn=lambda: called.append(1),
    )  # fmt: skip
    assert manager.restore_or_initialize() is None and called == [1]
    saved = []
    for _ in range(12):
        saved.append(manager.save())
        step.assign_add(1)
    assert [os.path.basename(p) for p in saved if p] == ["ckpt-1", "ckpt-2", "ckpt-3"]
