"""Run the examples as a user would and compare their output with TensorFlow's.

The expected text was produced by running the same program under real
TensorFlow (``tests/golden/make_example_golden.py``, TF virtualenv only).
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_gradient_tape_basics_output_matches_tensorflow():
    expected = (ROOT / "tests" / "golden" / "gradient_tape_basics.expected.txt").read_text(
        encoding="utf-8"
    )
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "gradient_tape_basics.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    if result.stdout != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                result.stdout.splitlines(keepends=True),
                "tensorflow",
                "tapeflow",
            )
        )
        raise AssertionError(f"example output differs from TensorFlow's:\n{diff}")


def test_physics_informed_trains_on_small_settings(tmp_path):
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    plot = tmp_path / "burgers.png"
    args = ["--steps", "40", "--points", "64", "--hidden", "8", "--depth", "2", "--log-every", "20"]
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "physics_informed.py"),
            *args,
            "--plot",
            str(plot),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("step")] == ["1", "20", "40"]
    summary = next(line for line in lines if line.startswith("loss went from"))
    first, last = float(summary.split()[3]), float(summary.split()[5])
    assert last < 0.7 * first  # the residual and the conditions are being fitted
    assert "u(0, -0.5) =" in result.stdout
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in result.stdout
    else:
        assert plot.exists() and plot.stat().st_size > 0


def test_compiled_training_step_prints_the_same_losses():
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "compiled_training_step.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "printed losses identical: True" in result.stdout


def test_train_classifier_fits_and_reports_accuracy(tmp_path):
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    plot = tmp_path / "classifier.png"
    args = ["--epochs", "3", "--hidden", "16", "--verbose", "2", "--plot", str(plot)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "train_classifier.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert 'Model: "digits_mlp"' in out and "Total params: 1,210 (4.73 KB)" in out
    epochs = [line for line in out.splitlines() if line.startswith("Epoch ")]
    assert epochs == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    assert out.count(" - val_accuracy: ") == 3  # one verbose=2 line per epoch
    accuracy = float(
        next(line for line in out.splitlines() if line.startswith("test accuracy:")).split()[-1]
    )
    assert accuracy > 0.6  # ten classes: chance is 0.1
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in out
    else:
        assert plot.exists() and plot.stat().st_size > 0


def test_custom_training_loop_compiled_equals_eager():
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    outputs = []
    for extra in ([], ["--eager"]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "custom_training_loop.py"),
             "--epochs", "2", "--hidden", "16", *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        lines = [line.rsplit(",", 1)[0] for line in result.stdout.splitlines()]
        assert lines[1].startswith("epoch 1: loss ") and lines[-1].startswith("test accuracy: ")
        outputs.append(lines)
    assert outputs[0] == outputs[1]  # the same losses and accuracies, step times aside
